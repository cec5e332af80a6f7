/* watch_analyze.c - which series grow steadily: a Mann-Kendall test for a
 * monotonic upward trend and a Theil-Sen slope, on the measured points of
 * one segment (between restarts), with minimum count, slope and growth. */
#include <math.h>
#include <string.h>

#include "../util/util.h"
#include "trend.h"
#include "watch.h"

void watch_params_default(WatchParams *p)
{
    p->min_snapshots = 8;
    p->alpha = 0.01;
    p->min_goroutine_slope = 1;
    p->min_goroutine_growth = 5;
    p->min_heap_slope = 64 * 1024;
    p->min_heap_growth = 256 * 1024;
    p->min_rel_growth = 0.2;
    p->max_points = 256;
}

int watch_pick_segment(const WatchStore *w, const Series *s, size_t min_snapshots)
{
    int nseg = w->snaps.len ? w->snaps.items[w->snaps.len - 1].segment + 1 : 0;
    if (nseg == 0)
        return 0;
    size_t *count = xcalloc((size_t)nseg, sizeof *count);
    for (size_t i = 0; i < w->snaps.len && i < s->values.len; i++)
        if (!isnan(s->values.items[i]))
            count[w->snaps.items[i].segment]++;
    int pick = -1, most = 0;
    for (int g = nseg - 1; g >= 0; g--) {
        if (pick < 0 && count[g] >= min_snapshots)
            pick = g;
        if (count[g] > count[most])
            most = g;
    }
    free(count);
    return pick >= 0 ? pick : most;
}

static void judge(const WatchStore *w, const WatchParams *p, const Series *s, Verdict *v)
{
    memset(v, 0, sizeof *v);
    v->series = s;
    v->p_up = 1;
    v->segment = watch_pick_segment(w, s, p->min_snapshots);
    size_t n = 0;
    double *t = xmalloc((w->snaps.len + 1) * sizeof *t);
    double *y = xmalloc((w->snaps.len + 1) * sizeof *y);
    double t0 = 0;
    for (size_t i = 0; i < w->snaps.len && i < s->values.len; i++) {
        if (w->snaps.items[i].segment != v->segment || isnan(s->values.items[i]))
            continue;
        if (n == 0)
            t0 = w->snaps.items[i].t;
        t[n] = w->snaps.items[i].t - t0;
        y[n] = s->values.items[i];
        n++;
    }
    v->n = n;
    if (n) {
        v->first = y[0];
        v->last = y[n - 1];
    }
    if (n < p->min_snapshots || n < 2) {
        v->why_not = "too few snapshots";
        free(t);
        free(y);
        return;
    }
    double span = t[n - 1] - t[0];
    size_t max = p->max_points >= 2 ? p->max_points : 2;
    double *tt = xmalloc(MIN(n, max) * sizeof *tt), *yy = xmalloc(MIN(n, max) * sizeof *yy);
    size_t m = trend_thin(t, y, n, tt, yy, max);
    Trend tr;
    trend_compute(tt, yy, m, &tr);
    v->p_up = tr.p_up;
    v->slope_per_min = tr.slope * 60;
    v->growth = tr.slope * span;
    v->start_level = tr.intercept;
    bool gor = s->kind == SERIES_GOROUTINES;
    double min_slope = gor ? p->min_goroutine_slope : p->min_heap_slope;
    double min_growth = gor ? p->min_goroutine_growth : p->min_heap_growth;
    if (s->idle)
        v->why_not = "idle by design";
    else if (tr.p_up >= p->alpha)
        v->why_not = "no significant upward trend";
    else if (v->slope_per_min < min_slope)
        v->why_not = "slope below the minimum";
    else if (v->growth < min_growth)
        v->why_not = "growth below the minimum";
    else if (v->start_level > 0 && v->growth / v->start_level < p->min_rel_growth)
        v->why_not = "growth small relative to its level";
    else
        v->leak = v->trend = true;
    free(tt);
    free(yy);
    free(t);
    free(y);
}

static int cmp_verdict(const void *a, const void *b)
{
    const Verdict *x = a, *y = b;
    if (x->leak != y->leak)
        return x->leak ? -1 : 1;
    if (x->series->kind != y->series->kind)
        return x->series->kind == SERIES_GOROUTINES ? -1 : 1;
    if (x->growth != y->growth)
        return x->growth > y->growth ? -1 : 1;
    return strcmp(x->series->key, y->series->key);
}

/* The proven leak at the place a goroutine series blames, or NULL. */
static const ProvenLeak *proven_at(const WatchStore *w, const Series *s)
{
    if (s->kind != SERIES_GOROUTINES || s->idle)
        return NULL;
    for (size_t i = 0; i < w->proven.len; i++) {
        const ProvenLeak *p = &w->proven.items[i];
        if (p->line == s->line && strcmp(p->func, s->func) == 0 && strcmp(p->file, s->file ? s->file : "") == 0)
            return p;
    }
    return NULL;
}

/* Go's verdict outranks the trend: a series at a proven place leaks. */
static void add_proven(const WatchStore *w, WatchResult *out)
{
    bool *matched = xcalloc(w->proven.len + 1, sizeof *matched);
    for (size_t i = 0; i < out->items.len; i++) {
        Verdict *v = &out->items.items[i];
        v->proven = proven_at(w, v->series);
        if (!v->proven)
            continue;
        matched[v->proven - w->proven.items] = true;
        v->leak = true;
        v->why_not = NULL;
    }
    for (size_t i = 0; i < w->proven.len; i++) {
        out->nproven++;
        out->proven_goroutines += w->proven.items[i].goroutines;
        if (!matched[i])
            array_push(&out->proven_only, &w->proven.items[i]);
    }
    free(matched);
}

size_t watch_usable_snapshots(const WatchStore *w, size_t *in_last)
{
    size_t best = 0, run = 0;
    int seg = -1;
    for (size_t i = 0; i < w->snaps.len; i++) {
        if (w->snaps.items[i].segment != seg) {
            seg = w->snaps.items[i].segment;
            run = 0;
        }
        run++;
        best = MAX(best, run);
    }
    if (in_last)
        *in_last = run;
    return best;
}

void watch_analyze(const WatchStore *w, const WatchParams *p, WatchResult *out)
{
    memset(out, 0, sizeof *out);
    out->usable = watch_usable_snapshots(w, NULL);
    out->need = p->min_snapshots;
    for (size_t i = 0; i < w->series.len; i++) {
        Verdict v;
        judge(w, p, w->series.items[i], &v);
        array_push(&out->items, v);
    }
    add_proven(w, out);
    for (size_t i = 0; i < out->items.len; i++) {
        Verdict v = out->items.items[i];
        if (v.leak) {
            out->nleaks++;
            if (v.series->kind == SERIES_GOROUTINES)
                out->ngoroutine_leaks++;
            else
                out->nheap_leaks++;
        }
    }
    out->nleaks += out->proven_only.len;
    out->ngoroutine_leaks += out->proven_only.len;
    /* "no leak" needs as many snapshots as a leak would: fewer is no verdict */
    out->inconclusive = out->nleaks == 0 && out->usable < out->need;
    if (out->items.len)
        qsort(out->items.items, out->items.len, sizeof *out->items.items, cmp_verdict);
}

void watch_result_free(WatchResult *r)
{
    array_free(&r->items);
    array_free(&r->proven_only);
}
