/* test_report.c - drip test's report: per leaking test, the places its
 * goroutines are stuck; then package background and what could not be
 * attributed. Text, one JSON object per package, or test2json events. */
#include "test.h"

#include <inttypes.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "../util/util.h"

enum { SITE_IDS = 5 };

typedef struct {
    const TBlame *first;
    uint64_t count;
    uint64_t proven;       /* goroutines marked (leaked) */
    int64_t wait_max;
    uint64_t ids[SITE_IDS];
    int nids;
} Site;

typedef struct {
    const char *name;      /* NULL for background and unattributed */
    bool exact;
    uint64_t count;
    Array(Site) sites;
} Group;

typedef struct {
    Array(Group) tests;    /* sorted by name */
    Group background, unknown;
} Grouped;

static bool same_frame(const TFrame *a, const TFrame *b)
{
    if (!a || !b)
        return a == b;
    return a->line == b->line && strcmp(a->func, b->func) == 0 && strcmp(a->file, b->file) == 0;
}

static void group_add(Group *g, const TBlame *b)
{
    g->count++;
    Site *s = NULL;
    for (size_t i = 0; i < g->sites.len && !s; i++) {
        Site *t = &g->sites.items[i];
        if (t->first->cls.kind == b->cls.kind && same_frame(t->first->site, b->site) &&
            same_frame(&t->first->g->created, &b->g->created))
            s = t;
    }
    if (!s) {
        Site n = {b, 0, 0, 0, {0}, 0};
        array_push(&g->sites, n);
        s = array_last(&g->sites);
    }
    s->count++;
    s->proven += b->g->leaked;
    s->wait_max = MAX(s->wait_max, b->g->wait_minutes);
    if (s->nids < SITE_IDS)
        s->ids[s->nids++] = b->g->id;
}

static int cmp_group(const void *a, const void *b)
{
    return strcmp(((const Group *)a)->name, ((const Group *)b)->name);
}

static void group_all(const TBlameSet *bs, Grouped *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < bs->items.len; i++) {
        const TBlame *b = &bs->items.items[i];
        Group *g = NULL;
        switch (b->owner) {
        case OWNER_TEST:
        case OWNER_HUNG_TEST:
            for (size_t t = 0; t < out->tests.len && !g; t++)
                if (strcmp(out->tests.items[t].name, b->test) == 0)
                    g = &out->tests.items[t];
            if (!g) {
                Group n = {b->test, b->name_exact, 0, {0}};
                array_push(&out->tests, n);
                g = array_last(&out->tests);
            }
            break;
        case OWNER_BACKGROUND:
            g = &out->background;
            break;
        case OWNER_UNKNOWN:
            g = &out->unknown;
            break;
        case OWNER_IGNORED:
            break;
        }
        if (g)
            group_add(g, b);
    }
    if (out->tests.len > 1)
        qsort(out->tests.items, out->tests.len, sizeof(Group), cmp_group);
}

static void grouped_free(Grouped *g)
{
    for (size_t i = 0; i < g->tests.len; i++)
        array_free(&g->tests.items[i].sites);
    array_free(&g->tests);
    array_free(&g->background.sites);
    array_free(&g->unknown.sites);
}

int report_test_leaked_tests(const TPkgResult *r)
{
    if (!r->blame)
        return 0;
    Grouped g;
    group_all(r->blame, &g);
    int n = (int)g.tests.len;
    grouped_free(&g);
    return n;
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void wait_text(char *buf, size_t cap, int64_t minutes)
{
    if (minutes <= 0)
        snprintf(buf, cap, "under a minute");
    else
        snprintf(buf, cap, "%" PRId64 " %s", minutes, plural((uint64_t)minutes, "minute", "minutes"));
}

static const char *fix_of(const Classification *c)
{
    if (c->seed != SEED_NONE)
        return seed_leak_fix(c->seed);
    if (c->kind == BLOCK_IO_WAIT)
        return "close what the test opened (listener, connection, server, response body) before it returns";
    return "make the test stop the goroutine (cancel its context or close a done channel) and wait for "
           "it to return before the test ends";
}

static const DumpCause *cause_in(const void *arr, const TFrame *f)
{
    const Array(DumpSite *) *sites = arr;
    for (size_t i = 0; i < sites->len; i++) {
        const DumpSite *s = sites->items[i];
        for (size_t j = 0; j < s->groups.len; j++) {
            const DumpGroup *g = s->groups.items[j];
            if (!g->cause)
                continue;
            for (uint32_t k = 0; k < g->nframes; k++) {
                const DumpFrame *d = &g->frames[k];
                if (d->line == f->line && strcmp(d->file, f->file) == 0 && strcmp(d->func, f->func) == 0)
                    return g->cause;
            }
        }
    }
    return NULL;
}

const DumpCause *report_test_cause(const TPkgResult *r, const TFrame *f)
{
    if (!r->explained || !f || !*f->file)
        return NULL;
    const DumpCause *c = cause_in(&r->explained->suspects, f);
    return c ? c : cause_in(&r->explained->other, f);
}

static void text_site(FILE *out, const Site *s, const TPkgResult *r, bool brief)
{
    const TBlame *b = s->first;
    const TFrame *f = b->site;
    char wait[64];
    wait_text(wait, sizeof wait, s->wait_max);
    fprintf(out, "    %s", f ? f->func : "?");
    if (s->count > 1 || brief)
        fprintf(out, " (%" PRIu64 " %s)", s->count, plural(s->count, "goroutine", "goroutines"));
    fprintf(out, "\n        %s:%u: %s, %s\n", f ? f->file : "?", f ? f->line : 0,
            *b->g->wait ? b->g->wait : block_kind_name(b->cls.kind), wait);
    if (*b->g->created.func)
        fprintf(out, "        created by %s at %s:%u\n", b->g->created.func, b->g->created.file,
                b->g->created.line);
    if (b->owner == OWNER_HUNG_TEST)
        fprintf(out, "        (the test's own goroutine: the test itself is stuck here)\n");
    if (brief)
        return;
    const char *rule = blame_rule(&b->cls);
    if (*rule)
        fprintf(out, "        category: %s (%s); see drip explain %s\n", rule,
                b->cls.seed ? seed_leak_name(b->cls.seed) : block_kind_name(b->cls.kind), rule);
    else
        fprintf(out, "        category: %s (alive after its test returned)\n", block_kind_name(b->cls.kind));
    const DumpCause *c = report_test_cause(r, f);
    if (c) {
        fprintf(out, "        why [%s]: %s\n", c->kind, c->text);
        if (c->rule)
            fprintf(out, "        drip check: %s: %s\n", c->rule, c->rule_msg ? c->rule_msg : "");
    }
    fprintf(out, "        fix: %s\n", c && c->fix ? c->fix : fix_of(&b->cls));
    if (!r->leak_profile)
        fprintf(out, "        Go's leak profile: not available%s%s\n", r->goversion ? " in " : "",
                r->goversion ? r->goversion : "");
    else if (s->proven)
        fprintf(out, "        Go's leak profile: proved leaked (%" PRIu64 " of %" PRIu64 ")\n", s->proven, s->count);
    else
        fprintf(out, "        Go's leak profile: not proved (still reachable, e.g. from a global or a live "
                     "timer; drip reports it as alive after its test)\n");
}

void report_test_text(FILE *out, const TPkgResult *r, const TReportOptions *o)
{
    if (!r->blame) {
        fprintf(out, "drip test: %s: not checked: %s\n", r->pkg, r->note ? r->note : "no goroutine dump");
        return;
    }
    Grouped g;
    group_all(r->blame, &g);
    uint64_t leaked = 0;
    for (size_t i = 0; i < g.tests.len; i++)
        leaked += g.tests.items[i].count;
    if (g.tests.len)
        fprintf(out, "drip test: %s: %zu %s leaked %" PRIu64 " %s\n", r->pkg, g.tests.len,
                plural(g.tests.len, "test", "tests"), leaked, plural(leaked, "goroutine", "goroutines"));
    else
        fprintf(out, "drip test: %s: no leak\n", r->pkg);
    for (size_t i = 0; i < g.tests.len; i++) {
        const Group *t = &g.tests.items[i];
        fprintf(out, "--- LEAK: %s (%" PRIu64 " %s)\n", t->name, t->count, plural(t->count, "goroutine", "goroutines"));
        if (!t->exact)
            fprintf(out, "    (subtest named by its function literal: its name is not a string literal at "
                         "the t.Run call)\n");
        for (size_t s = 0; s < t->sites.len; s++)
            text_site(out, &t->sites.items[s], r, false);
    }
    const Group *extra[2] = {&g.background, &g.unknown};
    const char *title[2] = {"package background (started before the tests ran; not blamed)",
                            "not attributed (ancestry cut off or missing)"};
    for (int e = 0; e < 2; e++) {
        if (!extra[e]->count)
            continue;
        fprintf(out, "%s: %" PRIu64 " %s\n", title[e], extra[e]->count, plural(extra[e]->count, "goroutine", "goroutines"));
        size_t max = o->verbose ? extra[e]->sites.len : MIN(extra[e]->sites.len, 5);
        for (size_t s = 0; s < max; s++)
            text_site(out, &extra[e]->sites.items[s], r, true);
        if (max < extra[e]->sites.len)
            fprintf(out, "    ... %zu more places (-v lists them)\n", extra[e]->sites.len - max);
    }
    grouped_free(&g);
}

static void json_str(StrBuf *sb, const char *key, const char *v)
{
    sb_printf(sb, "\"%s\":", key);
    sb_json_string(sb, v ? v : "", v ? strlen(v) : 0);
}

static void json_frame(StrBuf *sb, const TFrame *f)
{
    sb_putc(sb, '{');
    json_str(sb, "function", f ? f->func : "");
    sb_putc(sb, ',');
    json_str(sb, "file", f ? f->file : "");
    sb_printf(sb, ",\"line\":%u}", f ? f->line : 0);
}

static void json_site(StrBuf *sb, const Site *s, const TPkgResult *r)
{
    const TBlame *b = s->first;
    sb_printf(sb, "{\"goroutines\":%" PRIu64 ",\"site\":", s->count);
    json_frame(sb, b->site);
    sb_putc(sb, ',');
    json_str(sb, "state", block_kind_id(b->cls.kind));
    sb_putc(sb, ',');
    json_str(sb, "wait", b->g->wait);
    sb_printf(sb, ",\"wait_minutes\":%" PRId64 ",\"created_by\":", s->wait_max);
    json_frame(sb, *b->g->created.func ? &b->g->created : NULL);
    sb_putc(sb, ',');
    json_str(sb, "rule", blame_rule(&b->cls));
    sb_putc(sb, ',');
    json_str(sb, "category", seed_leak_id(b->cls.seed));
    sb_putc(sb, ',');
    const DumpCause *c = report_test_cause(r, b->site);
    json_str(sb, "fix", c && c->fix ? c->fix : fix_of(&b->cls));
    sb_puts(sb, ",\"cause\":");
    if (c) {
        sb_putc(sb, '{');
        json_str(sb, "kind", c->kind);
        sb_putc(sb, ',');
        json_str(sb, "text", c->text);
        sb_putc(sb, ',');
        json_str(sb, "rule", c->rule ? c->rule : "");
        sb_putc(sb, '}');
    } else {
        sb_puts(sb, "null");
    }
    if (r->leak_profile)
        sb_printf(sb, ",\"proven\":%" PRIu64, s->proven);
    else
        sb_puts(sb, ",\"proven\":null");
    sb_printf(sb, ",\"test_goroutine\":%s,\"ids\":[", b->owner == OWNER_HUNG_TEST ? "true" : "false");
    for (int i = 0; i < s->nids; i++)
        sb_printf(sb, "%s%" PRIu64, i ? "," : "", s->ids[i]);
    sb_puts(sb, "]}");
}

static void json_sites(StrBuf *sb, const Group *g, const TPkgResult *r)
{
    sb_putc(sb, '[');
    for (size_t i = 0; i < g->sites.len; i++) {
        if (i)
            sb_putc(sb, ',');
        json_site(sb, &g->sites.items[i], r);
    }
    sb_putc(sb, ']');
}

static void json_test(StrBuf *sb, const Group *t, const TPkgResult *r)
{
    sb_putc(sb, '{');
    json_str(sb, "test", t->name);
    sb_printf(sb, ",\"name_exact\":%s,\"goroutines\":%" PRIu64 ",\"sites\":", t->exact ? "true" : "false", t->count);
    json_sites(sb, t, r);
    sb_putc(sb, '}');
}

void report_test_json(StrBuf *sb, const TPkgResult *r)
{
    sb_putc(sb, '{');
    json_str(sb, "package", r->pkg);
    sb_printf(sb, ",\"checked\":%s", r->blame ? "true" : "false");
    if (r->note) {
        sb_putc(sb, ',');
        json_str(sb, "note", r->note);
    }
    if (r->goversion) {
        sb_putc(sb, ',');
        json_str(sb, "go", r->goversion);
    }
    sb_printf(sb, ",\"leak_profile\":%s", r->leak_profile ? "true" : "false");
    if (r->blame) {
        Grouped g;
        group_all(r->blame, &g);
        sb_puts(sb, ",\"leaks\":[");
        for (size_t i = 0; i < g.tests.len; i++) {
            if (i)
                sb_putc(sb, ',');
            json_test(sb, &g.tests.items[i], r);
        }
        sb_puts(sb, "],\"background\":");
        json_sites(sb, &g.background, r);
        sb_puts(sb, ",\"unattributed\":");
        json_sites(sb, &g.unknown, r);
        grouped_free(&g);
    }
    sb_putc(sb, '}');
}

static void now_rfc3339(char *buf, size_t cap)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char base[32];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, cap, "%s.%06ldZ", base, (long)tv.tv_usec);
}

void report_test_events(FILE *out, const TPkgResult *r)
{
    if (!r->blame)
        return;
    Grouped g;
    group_all(r->blame, &g);
    char now[48];
    now_rfc3339(now, sizeof now);
    for (size_t i = 0; i < g.tests.len; i++) {
        const Group *t = &g.tests.items[i];
        StrBuf sb, text;
        sb_init(&sb);
        sb_init(&text);
        sb_printf(&text, "--- LEAK: %s (%" PRIu64 " %s)\n", t->name, t->count, plural(t->count, "goroutine", "goroutines"));
        for (size_t s = 0; s < t->sites.len; s++) {
            const Site *st = &t->sites.items[s];
            const TFrame *f = st->first->site;
            sb_printf(&text, "    %s at %s:%u: %s\n", f ? f->func : "?", f ? f->file : "?", f ? f->line : 0,
                      block_kind_name(st->first->cls.kind));
        }
        sb_printf(&sb, "{\"Time\":\"%s\",\"Action\":\"leak\",", now);
        json_str(&sb, "Package", r->pkg);
        sb_putc(&sb, ',');
        json_str(&sb, "Test", t->name);
        sb_putc(&sb, ',');
        json_str(&sb, "Output", text.data);
        sb_puts(&sb, ",\"Leak\":");
        json_test(&sb, t, r);
        sb_puts(&sb, "}\n");
        fwrite(sb.data, 1, sb.len, out);
        sb_free(&sb);
        sb_free(&text);
    }
    grouped_free(&g);
}
