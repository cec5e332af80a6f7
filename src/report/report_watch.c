/* report_watch.c - the verdict as terminal text: one go-vet-style line per
 * leak (file:line: message), with its seed category and fix. */
#include "report_watch.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "report_heap.h"
#include "../util/term.h"

void report_watch_value(char *buf, size_t n, SeriesKind kind, double v, bool sign)
{
    if (isnan(v)) {
        snprintf(buf, n, "-");
        return;
    }
    const char *plus = sign && v > 0 ? "+" : "";
    if (kind == SERIES_GOROUTINES) {
        if (fabs(v - round(v)) < 1e-9 || fabs(v) >= 100)
            snprintf(buf, n, "%s%.0f", plus, v);
        else
            snprintf(buf, n, "%s%.1f", plus, v);
        return;
    }
    char tmp[64];
    report_fmt_value(tmp, sizeof tmp, (int64_t)llround(v), "bytes", false);
    snprintf(buf, n, "%s%s", plus, tmp);
}

static double span_of(const WatchStore *w)
{
    return w->snaps.len ? w->snaps.items[w->snaps.len - 1].t - w->snaps.items[0].t : 0;
}

static size_t restarts(const WatchStore *w)
{
    size_t n = 0;
    for (size_t i = 0; i < w->gaps.len; i++)
        n += w->gaps.items[i].restart;
    return n;
}

static double first_valid(const WatchStore *w, bool heap)
{
    for (size_t i = 0; i < w->snaps.len; i++) {
        double v = heap ? w->snaps.items[i].heap_inuse : w->snaps.items[i].goroutines;
        if (!isnan(v))
            return v;
    }
    return NAN;
}

static double last_valid(const WatchStore *w, bool heap)
{
    for (size_t i = w->snaps.len; i > 0; i--) {
        double v = heap ? w->snaps.items[i - 1].heap_inuse : w->snaps.items[i - 1].goroutines;
        if (!isnan(v))
            return v;
    }
    return NAN;
}

void report_watch_leak_cost(const WatchStore *w, LeakCost *c)
{
    memset(c, 0, sizeof *c);
    c->pause_mean = c->pause_max = NAN;
    size_t npause = 0;
    for (size_t i = 0; i < w->leak_polls.len; i++) {
        const LeakPoll *p = &w->leak_polls.items[i];
        c->request_mean += p->request_ms;
        c->request_max = MAX(c->request_max, p->request_ms);
        if (!isnan(p->gc_pause_ms)) {
            c->pause_mean = npause ? c->pause_mean + p->gc_pause_ms : p->gc_pause_ms;
            c->pause_max = npause ? MAX(c->pause_max, p->gc_pause_ms) : p->gc_pause_ms;
            npause++;
        }
    }
    c->polls = w->leak_polls.len;
    if (c->polls)
        c->request_mean /= (double)c->polls;
    if (npause)
        c->pause_mean /= (double)npause;
}

/* "leak profile: ..." : how Go's leak detector was used and what it cost. */
static void leak_profile_line(FILE *out, const WatchStore *w, const WatchResult *r)
{
    if (w->leak_status) {
        fprintf(out, "leak profile: %s\n", w->leak_status);
        return;
    }
    if (!w->leak_polls.len && !w->leak_interval)
        return; /* a watch from before drip asked for it */
    LeakCost c;
    report_watch_leak_cost(w, &c);
    fprintf(out, "leak profile: %zu poll%s", c.polls, c.polls == 1 ? "" : "s");
    if (w->leak_interval)
        fprintf(out, " (at most every %gs)", w->leak_interval);
    if (w->leak_errors)
        fprintf(out, ", %zu failed", w->leak_errors);
    if (c.polls) {
        fprintf(out, "; cost per poll: request %.1f ms (max %.1f)", c.request_mean, c.request_max);
        if (!isnan(c.pause_mean))
            fprintf(out, ", server GC pause %.2f ms (max %.2f)", c.pause_mean, c.pause_max);
        fprintf(out, "; %" PRIu64 " goroutine%s proven leaked in %zu place%s", r->proven_goroutines,
                r->proven_goroutines == 1 ? "" : "s", r->nproven, r->nproven == 1 ? "" : "s");
    }
    fputc('\n', out);
}

/* Why the goroutines of a proven leak are stuck, when the source said. */
static void cause_lines(FILE *out, const ProvenLeak *p)
{
    if (p->cause_kind[0])
        fprintf(out, "    why [%s]: %s\n", p->cause_kind, term_safe(p->cause_text));
    if (p->rule[0])
        fprintf(out, "    drip check: %s: %s\n", p->rule, term_safe(p->rule_msg));
}

/* A leak that Go proved but that did not (or could not) show as a trend. */
static void proven_line(FILE *out, const ProvenLeak *p, const char *red, const char *reset)
{
    fprintf(out, "%s:%lld: %sgoroutine leak%s: %" PRIu64 " goroutine%s in %s (%s) proven leaked by Go's leak detector",
            p->file[0] ? p->file : "(unknown file)", (long long)p->line, red, reset, p->goroutines,
            p->goroutines == 1 ? "" : "s", p->func, p->what);
    if (p->created_func[0])
        fprintf(out, ", created by %s", p->created_func);
    fputc('\n', out);
    if (p->category[0])
        fprintf(out, "    %s: %s\n", p->category, p->fix);
    cause_lines(out, p);
}

void report_watch_text(FILE *out, const WatchStore *w, const WatchResult *r, const WatchReportOpts *o)
{
    const char *red = o->color ? "\033[31;1m" : "", *reset = o->color ? "\033[0m" : "",
               *dim = o->color ? "\033[2m" : "", *green = o->color ? "\033[32m" : "";
    size_t ngaps = w->gaps.len - restarts(w);
    fprintf(out, "%s: %zu snapshots over %.1fs, %zu gap%s, %zu restart%s\n", term_safe(o->source), w->snaps.len,
            span_of(w), ngaps, ngaps == 1 ? "" : "s", restarts(w), restarts(w) == 1 ? "" : "s");
    char a[64], b[64], c[64], d[64];
    report_watch_value(a, sizeof a, SERIES_GOROUTINES, first_valid(w, false), false);
    report_watch_value(b, sizeof b, SERIES_GOROUTINES, last_valid(w, false), false);
    report_watch_value(c, sizeof c, SERIES_HEAP, first_valid(w, true), false);
    report_watch_value(d, sizeof d, SERIES_HEAP, last_valid(w, true), false);
    if (isnan(first_valid(w, false)))
        fprintf(out, "goroutines not measured, ");
    else
        fprintf(out, "goroutines %s -> %s, ", a, b);
    if (isnan(first_valid(w, true)))
        fprintf(out, "heap not measured\n");
    else
        fprintf(out, "heap in use %s -> %s\n", c, d);
    double t0 = w->snaps.len ? w->snaps.items[0].t : 0;
    for (size_t i = 0; i < w->gaps.len;) {
        const Gap *g = &w->gaps.items[i];
        /* A run of failed polls for the same reason is one line. */
        size_t j = i + 1;
        while (!g->restart && j < w->gaps.len && !w->gaps.items[j].restart &&
               strcmp(w->gaps.items[j].reason, g->reason) == 0)
            j++;
        if (j - i == 1)
            fprintf(out, "%s%s at +%.1fs: %s%s\n", dim, g->restart ? "restart" : "gap", g->t - t0, term_safe(g->reason), reset);
        else
            fprintf(out, "%sgap from +%.1fs to +%.1fs (%zu polls): %s%s\n", dim, g->t - t0,
                    w->gaps.items[j - 1].t - t0, j - i, term_safe(g->reason), reset);
        i = j;
    }
    leak_profile_line(out, w, r);
    size_t shown = 0;
    bool more = false;
    for (size_t i = 0; i < r->items.len; i++) {
        const Verdict *v = &r->items.items[i];
        if (!v->leak)
            break;
        if (o->max_items && shown >= o->max_items) {
            more = true;
            break;
        }
        shown++;
        const Series *s = v->series;
        if (!v->trend) {
            proven_line(out, v->proven, red, reset);
            continue;
        }
        char first[64], last[64], slope[64];
        report_watch_value(first, sizeof first, s->kind, v->first, false);
        report_watch_value(last, sizeof last, s->kind, v->last, false);
        report_watch_value(slope, sizeof slope, s->kind, v->slope_per_min, true);
        const char *file = s->file && s->file[0] ? s->file : "(unknown file)";
        if (s->kind == SERIES_GOROUTINES)
            fprintf(out, "%s:%lld: %sgoroutine leak%s: goroutines in %s (%s) grow steadily: %s -> %s, %s/min",
                    term_safe(file), (long long)s->line, red, reset, term_safe(s->func), term_safe(s->what), first, last, slope);
        else
            fprintf(out, "%s:%lld: %sheap leak%s: memory in use allocated by %s grows steadily: %s -> %s, %s/min",
                    term_safe(file), (long long)s->line, red, reset, term_safe(s->func), first, last, slope);
        fprintf(out, " (Mann-Kendall p=%.2g, %zu snapshots)", v->p_up, v->n);
        if (v->proven)
            fprintf(out, "; Go's leak detector proved %" PRIu64 " leaked", v->proven->goroutines);
        fputc('\n', out);
        if (s->category && s->category[0])
            fprintf(out, "    %s: %s\n", term_safe(s->category), term_safe(s->fix));
        if (v->proven)
            cause_lines(out, v->proven);
    }
    for (size_t i = 0; i < r->proven_only.len && !more; i++) {
        if (o->max_items && shown >= o->max_items) {
            more = true;
            break;
        }
        shown++;
        proven_line(out, r->proven_only.items[i], red, reset);
    }
    if (more)
        fprintf(out, "(%zu more leaks; see report.html)\n", r->nleaks - shown);
    if (r->inconclusive) {
        fprintf(out, "inconclusive: %zu snapshot%s, need %zu for a verdict: watch longer or lower --min-snapshots\n",
                r->usable, r->usable == 1 ? "" : "s", r->need);
    } else if (r->nleaks == 0) {
        size_t ng = 0, nh = 0;
        for (size_t i = 0; i < w->series.len; i++)
            *(w->series.items[i]->kind == SERIES_GOROUTINES ? &ng : &nh) += 1;
        fprintf(out, "%sno leak found%s: %zu goroutine groups and %zu allocation sites show no steady growth\n",
                green, reset, ng, nh);
    } else {
        fprintf(out, "%zu leak%s: %zu goroutine group%s, %zu allocation site%s", r->nleaks,
                r->nleaks == 1 ? "" : "s", r->ngoroutine_leaks, r->ngoroutine_leaks == 1 ? "" : "s",
                r->nheap_leaks, r->nheap_leaks == 1 ? "" : "s");
        if (r->nproven)
            fprintf(out, "; %" PRIu64 " goroutine%s proven leaked by Go in %zu place%s", r->proven_goroutines,
                    r->proven_goroutines == 1 ? "" : "s", r->nproven, r->nproven == 1 ? "" : "s");
        fputc('\n', out);
    }
}
