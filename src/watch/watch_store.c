/* watch_store.c - series of goroutine groups and allocation sites across
 * snapshots, restarts and gaps. */
#include <math.h>
#include <string.h>

#include "../util/util.h"
#include "../dump/classify.h"
#include "../pprof/pprof_top.h"
#include "watch.h"

void watch_store_init(WatchStore *w)
{
    memset(w, 0, sizeof *w);
    arena_init(&w->arena);
    hashmap_init(&w->index);
    w->last_alloc_space = -1;
    w->explain = true;
}

void watch_store_free(WatchStore *w)
{
    for (size_t i = 0; i < w->series.len; i++)
        array_free(&w->series.items[i]->values);
    array_free(&w->series);
    array_free(&w->snaps);
    array_free(&w->gaps);
    array_free(&w->leak_polls);
    array_free(&w->proven);
    hashmap_free(&w->index);
    arena_free(&w->arena);
    free(w->scratch);
    memset(w, 0, sizeof *w);
}

void watch_store_gap(WatchStore *w, double t, const char *reason, bool restart)
{
    Gap g = {t, arena_strdup(&w->arena, reason), restart};
    array_push(&w->gaps, g);
    if (restart)
        w->segment++;
}

static void scratch_reserve(WatchStore *w, size_t n)
{
    if (n > w->scratch_cap) {
        w->scratch_cap = MAX(n, w->scratch_cap * 2);
        w->scratch = xrealloc(w->scratch, w->scratch_cap);
    }
}

/* Finds or creates the series for key, backfilling earlier snapshots: 0
 * where this kind was measured (the group did not exist yet), NAN where
 * it was not. */
static Series *series_for(WatchStore *w, SeriesKind kind, const char *key, size_t klen, bool *fresh)
{
    Series *hit = hashmap_get(&w->index, key, klen);
    if (hit) {
        *fresh = false;
        return hit;
    }
    Series *s = ARENA_NEW(&w->arena, Series);
    s->kind = kind;
    s->key = arena_strndup(&w->arena, key, klen);
    hashmap_set(&w->index, s->key, klen, s);
    array_push(&w->series, s);
    size_t n = w->snaps.len - 1; /* the snapshot being added is last */
    for (size_t i = 0; i < n; i++) {
        const Snapshot *sn = &w->snaps.items[i];
        bool measured = kind == SERIES_GOROUTINES ? sn->has_goroutines : sn->has_heap;
        array_push(&s->values, measured ? 0.0 : NAN);
    }
    array_push(&s->values, 0.0);
    *fresh = true;
    return s;
}

static void add_goroutines(WatchStore *w, const Profile *p, Snapshot *sn)
{
    int idx = pprof_sample_index(p, "goroutine");
    if (idx < 0)
        idx = 0;
    enum { MAXF = 256 };
    PprofFrame frames[MAXF];
    const char *names[MAXF];
    double total = 0;
    for (size_t i = 0; i < p->nsamples; i++) {
        const PprofSample *smp = &p->samples[i];
        if (p->n_sample_types == 0)
            break;
        double v = (double)smp->values[idx];
        total += v;
        size_t nf = pprof_sample_frames(smp, frames, MAXF);
        if (nf > MAXF)
            nf = MAXF;
        size_t need = 1;
        for (size_t k = 0; k < nf; k++)
            need += strlen(frames[k].function->name) + 24;
        scratch_reserve(w, need);
        size_t len = 0;
        for (size_t k = 0; k < nf; k++) {
            len += (size_t)snprintf(w->scratch + len, need - len, "%s:%lld;", frames[k].function->name,
                                    (long long)frames[k].line);
            names[k] = frames[k].function->name;
        }
        bool fresh;
        Series *s = series_for(w, SERIES_GOROUTINES, w->scratch, len, &fresh);
        if (fresh) {
            ClassifyInput in = {NULL, names, nf, NULL};
            Classification c;
            classify_goroutine(&in, &c);
            int b = c.blame >= 0 && (size_t)c.blame < nf ? c.blame : 0;
            if (nf == 0) {
                s->func = "(no stack)";
                s->file = "";
            } else {
                s->func = arena_strdup(&w->arena, frames[b].function->name);
                s->file = arena_strdup(&w->arena, frames[b].function->filename);
                s->line = frames[b].line;
            }
            s->what = block_kind_name(c.kind);
            s->category = c.seed != SEED_NONE ? seed_leak_id(c.seed) : "";
            s->fix = c.seed != SEED_NONE ? seed_leak_fix(c.seed) : "";
            s->idle = c.idle;
        }
        *array_last(&s->values) += v;
    }
    sn->has_goroutines = true;
    sn->goroutines = total;
}

static void add_heap(WatchStore *w, const Profile *p, Snapshot *sn)
{
    int idx = pprof_sample_index(p, "inuse_space");
    if (idx < 0)
        idx = pprof_default_index(p);
    if (idx < 0)
        return;
    PprofCode code;
    pprof_code_init(&code, p);
    double total = 0;
    for (size_t i = 0; i < p->nsamples; i++) {
        const PprofSample *smp = &p->samples[i];
        double v = (double)smp->values[idx];
        total += v;
        if (v == 0)
            continue;
        PprofFrame site;
        if (!pprof_site(&code, smp, &site))
            continue;
        size_t need = strlen(site.function->name) + strlen(site.function->filename) + 32;
        scratch_reserve(w, need);
        size_t len = (size_t)snprintf(w->scratch, need, "%s\n%s\n%lld", site.function->name,
                                      site.function->filename, (long long)site.line);
        bool fresh;
        Series *s = series_for(w, SERIES_HEAP, w->scratch, len, &fresh);
        if (fresh) {
            s->func = arena_strdup(&w->arena, site.function->name);
            s->file = arena_strdup(&w->arena, site.function->filename);
            s->line = site.line;
            s->what = "inuse_space";
            s->category = s->fix = "";
        }
        if (!s->category[0]) {
            TopCategory cat = pprof_sample_category(&code, smp);
            if (cat != CAT_NONE) {
                s->category = pprof_category_name(cat);
                s->fix = pprof_category_hint(cat);
            }
        }
        *array_last(&s->values) += v;
    }
    sn->has_heap = true;
    sn->heap_inuse = total;
}

static int64_t alloc_total(const Profile *p, const char *type)
{
    int idx = pprof_sample_index(p, type);
    if (idx < 0)
        return -1;
    int64_t n = 0;
    for (size_t i = 0; i < p->nsamples; i++)
        n = sat_add_i64(n, p->samples[i].values[idx]);
    return n;
}

bool watch_store_add(WatchStore *w, double t, const Profile *gor, const Profile *heap)
{
    bool restart = false;
    if (heap) {
        /* Sampled estimates wobble a little when a stack's average object
         * size changes, so only a clear drop counts. */
        int64_t a = alloc_total(heap, "alloc_space");
        if (a >= 0 && w->last_alloc_space > 0 && (double)a < 0.9 * (double)w->last_alloc_space) {
            restart = true;
            watch_store_gap(w, t, "service restarted: allocation counters dropped", true);
        } else if (heap->time_nanos > 0 && w->last_time_nanos > 0 && heap->time_nanos < w->last_time_nanos) {
            restart = true;
            watch_store_gap(w, t, "service restarted: profile time went backwards", true);
        }
        if (a >= 0)
            w->last_alloc_space = a;
        if (heap->time_nanos > 0)
            w->last_time_nanos = heap->time_nanos;
    }
    Snapshot sn = {.t = t, .segment = w->segment, .goroutines = NAN, .heap_inuse = NAN};
    array_push(&w->snaps, sn);
    /* Every known series gets this snapshot's slot: 0 if its kind is
     * measured (groups absent from the profile have none), NAN if not. */
    for (size_t i = 0; i < w->series.len; i++) {
        Series *s = w->series.items[i];
        bool measured = s->kind == SERIES_GOROUTINES ? gor != NULL : heap != NULL;
        array_push(&s->values, measured ? 0.0 : NAN);
    }
    Snapshot *cur = array_last(&w->snaps);
    if (gor)
        add_goroutines(w, gor, cur);
    if (heap)
        add_heap(w, heap, cur);
    return restart;
}
