/* report_goroutines_json.c - drip goroutines --format json. The schema is
 * documented in docs/goroutines.md; fields are only ever added. */
#include "report_goroutines.h"

#include <inttypes.h>
#include <string.h>

static void jstr(StrBuf *b, const char *s)
{
    sb_json_string(b, s ? s : "", s ? strlen(s) : 0);
}

static void frame_json(StrBuf *b, const DumpFrame *f)
{
    sb_puts(b, "{\"func\":");
    jstr(b, f->func);
    sb_puts(b, ",\"file\":");
    jstr(b, f->file);
    sb_printf(b, ",\"line\":%u", f->line);
    if (f->args[0]) {
        sb_puts(b, ",\"args\":");
        jstr(b, f->args);
    }
    sb_puts(b, "}");
}

static void group_json(StrBuf *b, const DumpGroup *g)
{
    sb_printf(b, "{\"count\":%" PRIu64 ",\"wait_reason\":", g->count);
    jstr(b, g->wait);
    sb_puts(b, ",\"ids\":[");
    for (uint32_t i = 0; i < g->nids; i++)
        sb_printf(b, "%s%" PRIu64, i ? "," : "", g->ids[i]);
    /* every id, as a count and runs [lo,hi] ("ids" is the first five) */
    sb_printf(b, "],\"id_count\":%" PRIu64 ",\"id_ranges\":[", g->id_count);
    for (size_t i = 0; i < g->id_ranges.len; i++)
        sb_printf(b, "%s[%" PRIu64 ",%" PRIu64 "]", i ? "," : "", g->id_ranges.items[i].lo, g->id_ranges.items[i].hi);
    sb_printf(b, "],\"blamed_frame\":%d,\"elided\":%s", g->cls.blame, g->elided ? "true" : "false");
    if (g->labels) {
        sb_puts(b, ",\"labels\":");
        jstr(b, g->labels);
        sb_puts(b, ",\"label_set\":{");
        for (size_t i = 0; i < g->label_pairs_len;) {
            const char *k = g->label_pairs + i, *v = k + strlen(k) + 1;
            if (i)
                sb_putc(b, ',');
            jstr(b, k);
            sb_putc(b, ':');
            jstr(b, v);
            i = (size_t)(v + strlen(v) + 1 - g->label_pairs);
        }
        sb_putc(b, '}');
    }
    sb_puts(b, ",\"created_by\":");
    if (g->created.func[0])
        frame_json(b, &g->created);
    else
        sb_puts(b, "null");
    sb_puts(b, ",\"frames\":[");
    for (uint32_t i = 0; i < g->nframes; i++) {
        if (i)
            sb_putc(b, ',');
        frame_json(b, &g->frames[i]);
    }
    sb_puts(b, "]}");
}

static void site_json(StrBuf *b, const DumpSite *s)
{
    sb_puts(b, "{\"category\":");
    jstr(b, block_kind_id(s->kind));
    sb_puts(b, ",\"leak\":");
    jstr(b, seed_leak_id(s->seed));
    sb_puts(b, ",\"leak_title\":");
    jstr(b, seed_leak_name(s->seed));
    sb_puts(b, ",\"fix\":");
    jstr(b, s->cause && s->cause->fix ? s->cause->fix : seed_leak_fix(s->seed));
    sb_puts(b, ",\"cause\":");
    if (s->cause) {
        const DumpCause *c = s->cause;
        sb_puts(b, "{\"kind\":");
        jstr(b, c->kind);
        sb_puts(b, ",\"text\":");
        jstr(b, c->text);
        sb_puts(b, ",\"rule\":");
        if (c->rule)
            jstr(b, c->rule);
        else
            sb_puts(b, "null");
        sb_puts(b, ",\"rule_message\":");
        if (c->rule_msg)
            jstr(b, c->rule_msg);
        else
            sb_puts(b, "null");
        sb_puts(b, ",\"sites\":[");
        for (uint32_t i = 0; i < c->nsites; i++) {
            if (i)
                sb_putc(b, ',');
            sb_puts(b, "{\"role\":");
            jstr(b, c->sites[i].role);
            sb_puts(b, ",\"func\":");
            jstr(b, c->sites[i].func);
            sb_puts(b, ",\"file\":");
            jstr(b, c->sites[i].file);
            sb_printf(b, ",\"line\":%u}", c->sites[i].line);
        }
        sb_puts(b, "]}");
    } else {
        sb_puts(b, "null");
    }
    sb_printf(b, ",\"count\":%" PRIu64 ",\"score\":%.2f", s->count, s->score);
    if (s->wait_known)
        sb_printf(b, ",\"wait_minutes\":{\"min\":%" PRId64 ",\"max\":%" PRId64 "}", s->wait_min, s->wait_max);
    else
        sb_puts(b, ",\"wait_minutes\":null");
    sb_printf(b, ",\"leaked_marked\":%" PRIu64 ",\"proven_leaked\":%s,\"user_frame\":%s,\"frame\":", s->leaked,
              s->leaked ? "true" : "false", s->user_frame ? "true" : "false");
    frame_json(b, s->frame);
    sb_puts(b, ",\"created_by\":");
    if (s->created)
        frame_json(b, s->created);
    else
        sb_puts(b, "null");
    if (s->created_via) {
        sb_puts(b, ",\"created_via\":");
        jstr(b, s->created_via);
    }
    if (s->label_value) {
        sb_puts(b, ",\"label_value\":");
        jstr(b, s->label_value);
    }
    LabelCount sets[16];
    uint64_t unlabeled;
    size_t nsets = report_goroutines_label_sets(s, sets, ARRAY_LEN(sets), &unlabeled);
    if (nsets) {
        sb_printf(b, ",\"label_sets\":{\"distinct\":%zu,\"unlabeled\":%" PRIu64 ",\"top\":[", nsets, unlabeled);
        for (size_t i = 0; i < nsets && i < ARRAY_LEN(sets); i++) {
            sb_printf(b, "%s{\"labels\":", i ? "," : "");
            jstr(b, sets[i].labels);
            sb_printf(b, ",\"count\":%" PRIu64 "}", sets[i].count);
        }
        sb_puts(b, "]}");
    }
    sb_printf(b, ",\"distinct_stacks\":%zu", s->nstacks);
    sb_puts(b, ",\"stacks\":[");
    for (size_t i = 0; i < s->groups.len; i++) {
        if (i)
            sb_putc(b, ',');
        group_json(b, s->groups.items[i]);
    }
    sb_puts(b, "]}");
}

static void sites_json(StrBuf *b, const char *name, const void *arr)
{
    const Array(DumpSite *) *sites = arr;
    sb_printf(b, ",\"%s\":[", name);
    for (size_t i = 0; i < sites->len; i++) {
        if (i)
            sb_putc(b, ',');
        site_json(b, sites->items[i]);
    }
    sb_puts(b, "]");
}

static void snapshot_json(StrBuf *b, const DumpAnalysis *a)
{
    const DumpSnapshot *s = a->snap;
    sb_puts(b, "{\"path\":");
    jstr(b, s->path);
    static const char *const formats[] = {"none", "stacks", "debug1", "proto"};
    sb_printf(b, ",\"format\":\"%s\"", (unsigned)s->format < ARRAY_LEN(formats) ? formats[s->format] : "none");
    sb_printf(b, ",\"leak_profile\":%s,\"lost\":", s->leak_profile ? "true" : "false");
    const char *lost = report_goroutines_lost(s);
    if (lost)
        jstr(b, lost);
    else
        sb_puts(b, "null");
    sb_printf(b, ",\"goroutines\":%" PRIu64 ",\"stacks\":%zu,\"bytes\":%" PRIu64 ",\"lines\":%" PRIu64
              ",\"errors\":%" PRIu64 ",\"suspect_goroutines\":%" PRIu64,
              s->goroutines, a->nstacks, s->bytes, s->lines, s->errors, a->suspect_goroutines);
    sb_printf(b, ",\"groups\":%zu", s->groups.len);
    sb_printf(b, ",\"partial\":%s", s->failed ? "true" : "false");
    sites_json(b, "suspects", &a->suspects);
    sites_json(b, "idle", &a->idle);
    sites_json(b, "other", &a->other);
    sb_puts(b, "}");
}

void report_goroutines_json(FILE *out, DumpAnalysis *snaps, size_t n, const DumpDiff *diff,
                            const GoroutinesReportOptions *opt)
{
    UNUSED(opt);
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "{\"version\":%d,\"tool\":\"drip goroutines\",\"snapshots\":[", GOROUTINES_JSON_VERSION);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_putc(&b, ',');
        snapshot_json(&b, &snaps[i]);
        /* flush big reports as they come */
        fwrite(b.data, 1, b.len, out);
        sb_clear(&b);
    }
    sb_puts(&b, "]");
    if (diff) {
        sb_puts(&b, ",\"trends\":[");
        for (size_t i = 0; i < diff->trends.len; i++) {
            const DumpTrend *t = &diff->trends.items[i];
            if (i)
                sb_putc(&b, ',');
            sb_puts(&b, "{\"category\":");
            jstr(&b, block_kind_id(t->site->kind));
            sb_puts(&b, ",\"leak\":");
            jstr(&b, t->suspect ? seed_leak_id(t->site->seed) : "");
            sb_printf(&b, ",\"suspect\":%s,\"growth\":%" PRId64 ",\"steady\":%s,\"counts\":[",
                      t->suspect ? "true" : "false", t->growth, t->steady ? "true" : "false");
            for (size_t j = 0; j < diff->nsnaps; j++)
                sb_printf(&b, "%s%" PRIu64, j ? "," : "", t->counts[j]);
            sb_puts(&b, "],\"frame\":");
            frame_json(&b, t->site->frame);
            sb_puts(&b, "}");
        }
        sb_puts(&b, "]");
    }
    sb_puts(&b, "}\n");
    fwrite(b.data, 1, b.len, out);
    sb_free(&b);
}
