/* watch_leak.c - Go's own verdict in a watch: the goroutineleak profile
 * (/debug/pprof/goroutineleak?debug=2, a full goroutine dump in which the
 * runtime marks goroutines blocked on unreachable objects "(leaked)"), the
 * places it proves leaked, and the cost of each poll: the request's wall
 * time and the server's GC pauses: runtime.MemStats, from the legacy heap
 * profile, read before and after it, give the cycles and their pauses. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/gz.h"
#include "../util/util.h"
#include "../dump/classify.h"
#include "../dump/dump.h"
#include "watch.h"

static const char *keep(WatchStore *w, const char *s)
{
    return s && *s ? arena_strdup(&w->arena, s) : "";
}

static void add_proven(WatchStore *w, const DumpSite *s)
{
    ProvenLeak p = {0};
    p.func = keep(w, s->frame->func);
    p.file = keep(w, s->frame->file);
    p.line = s->frame->line;
    p.what = block_kind_name(s->kind);
    p.category = s->seed != SEED_NONE ? seed_leak_id(s->seed) : "";
    p.fix = s->seed != SEED_NONE ? seed_leak_fix(s->seed) : "";
    p.created_func = s->created ? keep(w, s->created->func) : "";
    p.created_file = s->created ? keep(w, s->created->file) : "";
    p.created_line = s->created ? s->created->line : 0;
    p.goroutines = s->leaked;
    p.cause_kind = s->cause ? keep(w, s->cause->kind) : "";
    p.cause_text = s->cause ? keep(w, s->cause->text) : "";
    p.rule = s->cause ? keep(w, s->cause->rule) : "";
    p.rule_msg = s->cause ? keep(w, s->cause->rule_msg) : "";
    array_push(&w->proven, p);
}

static void add_leaked_sites(WatchStore *w, const void *arr)
{
    const Array(DumpSite *) *sites = arr;
    for (size_t i = 0; i < sites->len; i++)
        if (sites->items[i]->leaked)
            add_proven(w, sites->items[i]);
}

static int cmp_proven(const void *a, const void *b)
{
    const ProvenLeak *x = a, *y = b;
    if (x->goroutines != y->goroutines)
        return x->goroutines > y->goroutines ? -1 : 1;
    int c = strcmp(x->file, y->file);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

bool watch_store_add_leaks(WatchStore *w, const char *data, size_t len, const LeakPoll *cost, double t)
{
    GzData gz;
    char err[200];
    if (!gz_read_buffer(data, len, &gz, err, sizeof err))
        return false;
    DumpSnapshot snap;
    DumpReadOptions ro = {.max_errors = 0, .quiet = true};
    dump_read_buffer(&snap, "goroutineleak", (const char *)gz.data, gz.len, &ro);
    gz_data_free(&gz);
    if (snap.format != DUMP_FORMAT_STACKS) {
        dump_snapshot_free(&snap);
        return false;
    }
    DumpAnalysis an;
    /* the same explanation drip goroutines gives, when the source is here */
    DumpAnalyzeOptions ao = {.use_source = w->explain, .explain = w->explain, .source_dir = w->source_dir,
                             .trim_prefix = w->trim_prefix};
    dump_analyze(&an, &snap, &ao);
    array_clear(&w->proven);
    add_leaked_sites(w, &an.suspects);
    add_leaked_sites(w, &an.idle);
    add_leaked_sites(w, &an.other);
    if (w->proven.len)
        qsort(w->proven.items, w->proven.len, sizeof *w->proven.items, cmp_proven);
    w->proven_t = t;
    LeakPoll lp = *cost;
    lp.t = t;
    lp.goroutines = snap.goroutines;
    lp.leaked = 0;
    for (size_t i = 0; i < w->proven.len; i++)
        lp.leaked += w->proven.items[i].goroutines;
    lp.places = w->proven.len;
    array_push(&w->leak_polls, lp);
    dump_analysis_free(&an);
    dump_snapshot_free(&snap);
    return true;
}

void watch_store_leak_status(WatchStore *w, const char *status)
{
    w->leak_status = status ? arena_strdup(&w->arena, status) : NULL;
}

/* The numbers of "# NAME = [a b c]" (or "# NAME = a") in the MemStats
 * comments, at most max of them; returns how many, or -1 if NAME is absent. */
static int memstat(const char *text, size_t len, const char *name, uint64_t *out, int max)
{
    char pat[64];
    int pl = snprintf(pat, sizeof pat, "\n# %s = ", name);
    const char *end = text + len;
    for (const char *p = text; p + pl <= end; p++) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p || p + pl > end)
            return -1;
        if (memcmp(p, pat, (size_t)pl) != 0)
            continue;
        const char *q = p + pl;
        int n = 0;
        if (q < end && *q == '[')
            q++;
        while (q < end && *q != '\n' && *q != ']' && n < max) {
            while (q < end && *q == ' ')
                q++;
            if (q >= end || *q < '0' || *q > '9')
                break;
            uint64_t v = 0;
            while (q < end && *q >= '0' && *q <= '9')
                v = v * 10 + (uint64_t)(*q++ - '0');
            out[n++] = v;
        }
        return n;
    }
    return -1;
}

bool watch_gc_count(const char *text, size_t len, uint64_t *numgc)
{
    return memstat(text, len, "NumGC", numgc, 1) == 1;
}

bool watch_gc_pauses(const char *text, size_t len, uint64_t numgc_before, double *pause_ms, int *cycles)
{
    enum { RING = 256 };
    uint64_t ns[RING], numgc;
    if (memstat(text, len, "PauseNs", ns, RING) != RING || !watch_gc_count(text, len, &numgc) ||
        numgc < numgc_before)
        return false;
    uint64_t sum = 0;
    int n = 0;
    for (uint64_t k = numgc_before; k < numgc && n < RING; k++, n++)
        sum += ns[k % RING]; /* cycle k+1 is at PauseNs[k % 256] */
    *pause_ms = (double)sum / 1e6;
    *cycles = n;
    return true;
}

void watch_leak_note(char *buf, size_t n, const LeakPoll *c)
{
    if (isnan(c->gc_pause_ms))
        snprintf(buf, n, "request_ms=%.3f gc_pause_ms=- gc_cycles=0", c->request_ms);
    else
        snprintf(buf, n, "request_ms=%.3f gc_pause_ms=%.3f gc_cycles=%d", c->request_ms, c->gc_pause_ms,
                 c->gc_cycles);
}

bool watch_leak_parse_note(const char *note, LeakPoll *c)
{
    memset(c, 0, sizeof *c);
    c->gc_pause_ms = NAN;
    const char *r = strstr(note, "request_ms=");
    if (!r)
        return false;
    char *end;
    c->request_ms = strtod(r + 11, &end);
    if (end == r + 11 || !isfinite(c->request_ms))
        return false;
    const char *g = strstr(note, "gc_pause_ms=");
    if (g && g[12] != '-') {
        double v = strtod(g + 12, &end);
        if (end != g + 12 && isfinite(v))
            c->gc_pause_ms = v;
    }
    const char *k = strstr(note, "gc_cycles=");
    if (k)
        c->gc_cycles = atoi(k + 10);
    return true;
}
