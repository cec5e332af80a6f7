/* report_goroutines.c - the terminal report of drip goroutines. */
#include "report_goroutines.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>
#include "../util/term.h"

typedef struct {
    FILE *out;
    const GoroutinesReportOptions *opt;
} Out;

static const char *c_on(const Out *o, const char *code)
{
    return o->opt->color ? code : "";
}

#define BOLD(o) c_on(o, "\033[1m")
#define RED(o) c_on(o, "\033[1;31m")
#define YEL(o) c_on(o, "\033[33m")
#define DIM(o) c_on(o, "\033[2m")
#define GRN(o) c_on(o, "\033[32m")
#define RST(o) c_on(o, "\033[0m")

void report_goroutines_wait(char *buf, size_t cap, const DumpSite *s)
{
    if (!s->wait_known)
        snprintf(buf, cap, "unknown");
    else if (s->wait_max == 0)
        snprintf(buf, cap, "< 1 minute");
    else if (s->wait_min == s->wait_max)
        snprintf(buf, cap, "%" PRId64 " minute%s", s->wait_max, s->wait_max == 1 ? "" : "s");
    else
        snprintf(buf, cap, "%" PRId64 "-%" PRId64 " minutes", s->wait_min, s->wait_max);
}

size_t report_goroutines_label_sets(const DumpSite *s, LabelCount *out, size_t max, uint64_t *unlabeled)
{
    /* a place may hold one label set per goroutine (a request id): count
     * them in a map, then keep the biggest max, first seen first on ties */
    HashMap index;
    hashmap_init(&index);
    Array(LabelCount) all = {0};
    *unlabeled = 0;
    for (size_t i = 0; i < s->groups.len; i++) {
        const DumpGroup *g = s->groups.items[i];
        if (!g->labels) {
            *unlabeled += g->count;
            continue;
        }
        int ins;
        void **slot = hashmap_put(&index, g->labels, strlen(g->labels), &ins);
        if (ins) {
            array_push(&all, ((LabelCount){g->labels, 0}));
            *slot = (void *)(uintptr_t)all.len;
        }
        all.items[(uintptr_t)*slot - 1].count += g->count;
    }
    size_t shown = 0;
    for (size_t i = 0; i < all.len; i++) {
        size_t j = shown < max ? shown++ : max;
        if (j == max && (!max || all.items[i].count <= out[max - 1].count))
            continue;
        if (j == max)
            j = max - 1;
        for (; j > 0 && out[j - 1].count < all.items[i].count; j--)
            out[j] = out[j - 1];
        out[j] = all.items[i];
    }
    size_t n = all.len;
    array_free(&all);
    hashmap_free(&index);
    return n;
}

const char *report_goroutines_lost(const DumpSnapshot *snap)
{
    if (snap->format == DUMP_FORMAT_PROTO)
        return "wait reasons, wait times, goroutine ids and creation sites";
    if (snap->format == DUMP_FORMAT_DEBUG1)
        return "wait reasons, wait times, goroutine ids, creation sites and runtime frames";
    return NULL;
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "file:line" of a frame, or its function when the position is unknown. */
static void put_pos(const Out *o, const DumpFrame *f)
{
    if (f->file[0])
        fprintf(o->out, "%s:%u", term_safe(f->file), f->line);
    else
        fprintf(o->out, "%s", f->func[0] ? term_safe(f->func) : "?");
}

static void put_stack(const Out *o, const DumpGroup *g)
{
    for (uint32_t i = 0; i < g->nframes; i++) {
        const DumpFrame *f = &g->frames[i];
        bool blamed = (int)i == g->cls.blame;
        fprintf(o->out, "        %s%s", blamed ? BOLD(o) : DIM(o), term_safe(f->func));
        if (f->args[0])
            fprintf(o->out, "(%s)", term_safe(f->args));
        fprintf(o->out, "%s\n            ", RST(o));
        put_pos(o, f);
        fprintf(o->out, "\n");
    }
    if (g->elided)
        fprintf(o->out, "        %s...frames elided...%s\n", DIM(o), RST(o));
}

/* "labels: {k: v} (3), {k: w} (1), 2 more sets, 4 without" */
static void put_labels(const Out *o, const DumpSite *s)
{
    LabelCount sets[3];
    uint64_t unlabeled;
    size_t n = report_goroutines_label_sets(s, sets, ARRAY_LEN(sets), &unlabeled);
    if (!n)
        return;
    fprintf(o->out, "    labels:");
    for (size_t i = 0; i < n && i < ARRAY_LEN(sets); i++)
        fprintf(o->out, "%s %s (%" PRIu64 ")", i ? "," : "", sets[i].labels, sets[i].count);
    if (n > ARRAY_LEN(sets))
        fprintf(o->out, ", %zu more %s", n - ARRAY_LEN(sets), plural(n - ARRAY_LEN(sets), "set", "sets"));
    if (unlabeled)
        fprintf(o->out, ", %" PRIu64 " without", unlabeled);
    fprintf(o->out, "\n");
}

static void put_suspect(const Out *o, const DumpSite *s)
{
    char wait[64];
    report_goroutines_wait(wait, sizeof wait, s);
    /* "file:line: message" first, as go vet prints, so editors jump to it */
    fprintf(o->out, "%s", BOLD(o));
    put_pos(o, s->frame);
    fprintf(o->out, ": %s%" PRIu64 " %s%s blocked on %s%s%s", RED(o), s->count,
            plural(s->count, "goroutine", "goroutines"), RST(o), YEL(o), block_kind_name(s->kind), RST(o));
    if (s->label_value)
        fprintf(o->out, " with %s=%s", o->opt->by_label, s->label_value[0] ? term_safe(s->label_value) : "(unset)");
    if (s->leaked)
        fprintf(o->out, ", %sproven leaked%s", RED(o), RST(o));
    fprintf(o->out, "\n");
    fprintf(o->out, "    in %s%s\n", s->frame->func[0] ? term_safe(s->frame->func) : "?",
            s->user_frame ? "" : " (no user frame on the stack)");
    fprintf(o->out, "    waiting: %s", wait);
    if (s->leaked)
        fprintf(o->out, "; %" PRIu64 " of them proven leaked by Go's leak detector (goroutineleak)", s->leaked);
    fprintf(o->out, "\n");
    if (s->created) {
        fprintf(o->out, "    created by %s%s%s at ", term_safe(s->created->func), s->created_via ? " via " : "",
                s->created_via ? s->created_via : "");
        put_pos(o, s->created);
        fprintf(o->out, "\n");
    }
    put_labels(o, s);
    if (s->seed != SEED_NONE)
        fprintf(o->out, "    leak: %s [%s]\n", seed_leak_name(s->seed), seed_leak_id(s->seed));
    if (s->cause) {
        fprintf(o->out, "    why [%s]: %s\n", s->cause->kind, term_safe(s->cause->text));
        if (s->cause->rule)
            fprintf(o->out, "    drip check: %s: %s\n", s->cause->rule,
                    s->cause->rule_msg ? term_safe(s->cause->rule_msg) : "");
    }
    if (s->seed != SEED_NONE || (s->cause && s->cause->fix))
        fprintf(o->out, "    %sfix:%s %s\n", GRN(o), RST(o),
                s->cause && s->cause->fix ? s->cause->fix : seed_leak_fix(s->seed));
    const DumpGroup *g = s->groups.items[0];
    fprintf(o->out, "    %s%zu %s", DIM(o), s->nstacks, plural(s->nstacks, "stack", "stacks"));
    if (g->nids) {
        fprintf(o->out, ", goroutine ids");
        for (uint32_t i = 0; i < g->nids; i++)
            fprintf(o->out, " %" PRIu64, g->ids[i]);
        if (s->count > g->nids)
            fprintf(o->out, " ...");
    }
    fprintf(o->out, "%s\n", RST(o));
    if (o->opt->verbose)
        put_stack(o, g);
}

static void put_plain_site(const Out *o, const DumpSite *s)
{
    fprintf(o->out, "    %7" PRIu64 "  %-16s ", s->count, block_kind_name(s->kind));
    if (s->user_frame || s->frame->file[0]) {
        put_pos(o, s->frame);
        fprintf(o->out, " %s%s%s", DIM(o), term_safe(s->frame->func), RST(o));
    } else {
        fprintf(o->out, "%s", s->frame->func[0] ? term_safe(s->frame->func) : "(no frames)");
    }
    fprintf(o->out, "\n");
}

static void put_list(const Out *o, const char *title, const void *arr)
{
    const Array(DumpSite *) *sites = arr;
    if (!sites->len)
        return;
    fprintf(o->out, "\n%s%s%s\n", BOLD(o), title, RST(o));
    size_t max = o->opt->max_idle > 0 ? (size_t)o->opt->max_idle : sites->len;
    uint64_t rest = 0;
    for (size_t i = 0; i < sites->len; i++) {
        if (i < max)
            put_plain_site(o, sites->items[i]);
        else
            rest += sites->items[i]->count;
    }
    if (sites->len > max)
        fprintf(o->out, "    %7" PRIu64 "  in %zu more places\n", rest, sites->len - max);
}

static void put_snapshot(const Out *o, const DumpAnalysis *a)
{
    const DumpSnapshot *snap = a->snap;
    fprintf(o->out, "%s%s%s: %" PRIu64 " %s in %zu %s", BOLD(o), term_safe(snap->path), RST(o), snap->goroutines,
            plural(snap->goroutines, "goroutine", "goroutines"), a->nstacks, plural(a->nstacks, "stack", "stacks"));
    if (snap->groups.len > a->nstacks)
        fprintf(o->out, " (%zu with their labels)", snap->groups.len);
    if (snap->errors)
        fprintf(o->out, ", %" PRIu64 " unreadable %s", snap->errors, plural(snap->errors, "line", "lines"));
    if (snap->failed)
        fprintf(o->out, ", %sPARTIAL%s: the input ends early or is corrupt; only what was read is shown", RED(o),
                RST(o));
    fprintf(o->out, "\n");
    if (snap->leak_profile)
        fprintf(o->out, "a goroutineleak profile: Go's garbage collector proved every goroutine in it leaked\n");
    if (snap->format == DUMP_FORMAT_PROTO)
        fprintf(o->out, "%snote: a proto profile has no %s; categories come from the runtime frames (take "
                        "debug=2 for the rest)%s\n",
                DIM(o), report_goroutines_lost(snap), RST(o));
    if (!a->suspects.len) {
        fprintf(o->out, "\nno leak suspects: no goroutine is blocked on a channel, select, lock or wait group\n");
    } else {
        fprintf(o->out, "\n%sleak suspects%s (%zu %s, %" PRIu64 " %s), most likely first:\n\n", BOLD(o), RST(o),
                a->suspects.len, plural(a->suspects.len, "place", "places"), a->suspect_goroutines,
                plural(a->suspect_goroutines, "goroutine", "goroutines"));
        size_t top = o->opt->top > 0 ? (size_t)o->opt->top : a->suspects.len;
        uint64_t rest = 0;
        for (size_t i = 0; i < a->suspects.len; i++) {
            if (i >= top) {
                rest += a->suspects.items[i]->count;
                continue;
            }
            if (i)
                fprintf(o->out, "\n");
            put_suspect(o, a->suspects.items[i]);
        }
        if (a->suspects.len > top)
            fprintf(o->out, "\n... %zu more %s (%" PRIu64 " %s) not shown: see --top or --format json\n",
                    a->suspects.len - top, plural(a->suspects.len - top, "place", "places"), rest,
                    plural(rest, "goroutine", "goroutines"));
    }
    put_list(o, "idle by design (not blamed):", &a->idle);
    put_list(o, "other goroutines:", &a->other);
    bool unknown = false;
    for (size_t i = 0; i < a->other.len; i++)
        unknown |= a->other.items[i]->kind == BLOCK_UNKNOWN;
    if (unknown && snap->format == DUMP_FORMAT_DEBUG1)
        fprintf(o->out, "\n%snote: a debug=1 profile hides what goroutines wait for; drip reads it from the "
                        "source lines when the files are at hand, or take the dump with debug=2%s\n",
                DIM(o), RST(o));
}

static void put_diff(const Out *o, const DumpDiff *d)
{
    fprintf(o->out, "%s%zu snapshots%s, oldest first:", BOLD(o), d->nsnaps, RST(o));
    for (size_t i = 0; i < d->nsnaps; i++)
        fprintf(o->out, " %s%s (%" PRIu64 ")", i ? "-> " : "", term_safe(d->snaps[i].snap->path), d->snaps[i].snap->goroutines);
    fprintf(o->out, "\n\n");
    size_t grown = 0;
    for (size_t i = 0; i < d->trends.len; i++) {
        const DumpTrend *t = &d->trends.items[i];
        if (t->growth <= 0)
            continue;
        if (o->opt->top > 0 && grown >= (size_t)o->opt->top) {
            grown++;
            continue;
        }
        if (!grown++)
            fprintf(o->out, "%sgrowing%s:\n\n", BOLD(o), RST(o));
        put_pos(o, t->site->frame);
        fprintf(o->out, ": %s+%" PRId64 "%s %s blocked on %s (", t->suspect ? RED(o) : "", t->growth, RST(o),
                plural((uint64_t)t->growth, "goroutine", "goroutines"), block_kind_name(t->site->kind));
        for (size_t j = 0; j < d->nsnaps; j++)
            fprintf(o->out, "%s%" PRIu64, j ? " -> " : "", t->counts[j]);
        fprintf(o->out, ")%s%s\n", t->steady && d->nsnaps > 2 ? ", steady growth" : "",
                t->suspect ? "" : ", idle by design");
        fprintf(o->out, "    in %s\n", term_safe(t->site->frame->func));
        if (t->suspect && t->site->seed != SEED_NONE)
            fprintf(o->out, "    leak: %s [%s]\n    %sfix:%s %s\n", seed_leak_name(t->site->seed),
                    seed_leak_id(t->site->seed), GRN(o), RST(o), seed_leak_fix(t->site->seed));
        fprintf(o->out, "\n");
    }
    if (!grown)
        fprintf(o->out, "no group of goroutines grew\n\n");
    else if (o->opt->top > 0 && grown > (size_t)o->opt->top)
        fprintf(o->out, "... %zu more growing places not shown: see --top or --format json\n\n",
                grown - (size_t)o->opt->top);
    size_t shrunk = 0;
    for (size_t i = 0; i < d->trends.len; i++)
        shrunk += d->trends.items[i].growth < 0;
    if (shrunk)
        fprintf(o->out, "%s%zu %s shrank%s\n\n", DIM(o), shrunk, plural(shrunk, "place", "places"), RST(o));
}

void report_goroutines_text(FILE *out, DumpAnalysis *snaps, size_t n, const DumpDiff *diff,
                            const GoroutinesReportOptions *opt)
{
    Out o = {out, opt};
    if (diff && n > 1) {
        put_diff(&o, diff);
        fprintf(out, "%snewest snapshot%s\n", BOLD(&o), RST(&o));
    }
    if (n)
        put_snapshot(&o, &snaps[n - 1]);
}
