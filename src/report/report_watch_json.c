/* report_watch_json.c - the verdict as JSON (DIR/verdict.json), for
 * scripts and CI; the schema is in docs/watch.md. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "report_watch.h"

static void json_str(StrBuf *sb, const char *s)
{
    if (s)
        sb_json_string(sb, s, strlen(s));
    else
        sb_puts(sb, "null");
}

static void json_num(StrBuf *sb, double v)
{
    if (isfinite(v))
        sb_printf(sb, "%.17g", v);
    else
        sb_puts(sb, "null");
}

static void json_proven(StrBuf *sb, const ProvenLeak *p, bool series)
{
    sb_puts(sb, "{\"function\":");
    json_str(sb, p->func);
    sb_puts(sb, ",\"file\":");
    json_str(sb, p->file);
    sb_printf(sb, ",\"line\":%lld,\"what\":", (long long)p->line);
    json_str(sb, p->what);
    sb_printf(sb, ",\"goroutines\":%" PRIu64 ",\"category\":", p->goroutines);
    json_str(sb, p->category[0] ? p->category : NULL);
    sb_puts(sb, ",\"fix\":");
    json_str(sb, p->fix[0] ? p->fix : NULL);
    sb_puts(sb, ",\"created_by\":");
    if (p->created_func[0]) {
        sb_puts(sb, "{\"function\":");
        json_str(sb, p->created_func);
        sb_puts(sb, ",\"file\":");
        json_str(sb, p->created_file);
        sb_printf(sb, ",\"line\":%lld}", (long long)p->created_line);
    } else {
        sb_puts(sb, "null");
    }
    sb_puts(sb, ",\"cause\":");
    if (p->cause_kind[0]) {
        sb_puts(sb, "{\"kind\":");
        json_str(sb, p->cause_kind);
        sb_puts(sb, ",\"text\":");
        json_str(sb, p->cause_text);
        sb_puts(sb, ",\"rule\":");
        json_str(sb, p->rule[0] ? p->rule : NULL);
        sb_puts(sb, "}");
    } else {
        sb_puts(sb, "null");
    }
    sb_printf(sb, ",\"in_series\":%s}", series ? "true" : "false");
}

/* "leak_profile": how Go's leak detector was used, each poll's cost. */
static void json_leak_profile(StrBuf *sb, const WatchStore *w, const WatchResult *r, double t0)
{
    sb_puts(sb, ",\"leak_profile\":{\"status\":");
    json_str(sb, w->leak_status);
    sb_puts(sb, ",\"interval_seconds\":");
    if (w->leak_interval)
        json_num(sb, w->leak_interval);
    else
        sb_puts(sb, "null");
    LeakCost c;
    report_watch_leak_cost(w, &c);
    sb_printf(sb, ",\"errors\":%zu,\"request_ms_mean\":", w->leak_errors);
    json_num(sb, c.polls ? c.request_mean : NAN);
    sb_puts(sb, ",\"request_ms_max\":");
    json_num(sb, c.polls ? c.request_max : NAN);
    sb_puts(sb, ",\"gc_pause_ms_mean\":");
    json_num(sb, c.pause_mean);
    sb_puts(sb, ",\"gc_pause_ms_max\":");
    json_num(sb, c.pause_max);
    sb_puts(sb, ",\"polls\":[");
    for (size_t i = 0; i < w->leak_polls.len; i++) {
        const LeakPoll *p = &w->leak_polls.items[i];
        sb_puts(sb, i ? ",\n{\"at_seconds\":" : "\n{\"at_seconds\":");
        json_num(sb, p->t - t0);
        sb_puts(sb, ",\"request_ms\":");
        json_num(sb, p->request_ms);
        sb_puts(sb, ",\"gc_pause_ms\":");
        json_num(sb, p->gc_pause_ms);
        sb_printf(sb, ",\"gc_cycles\":%d,\"goroutines\":%" PRIu64 ",\"leaked\":%" PRIu64 ",\"places\":%zu}",
                  p->gc_cycles, p->goroutines, p->leaked, p->places);
    }
    sb_printf(sb, "]},\"proven_places\":%zu,\"proven_goroutines\":%" PRIu64 ",\"proven\":[", r->nproven,
              r->proven_goroutines);
    for (size_t i = 0; i < w->proven.len; i++) {
        const ProvenLeak *p = &w->proven.items[i];
        bool only = false;
        for (size_t k = 0; k < r->proven_only.len; k++)
            only |= r->proven_only.items[k] == p;
        sb_puts(sb, i ? ",\n" : "\n");
        json_proven(sb, p, !only);
    }
    sb_puts(sb, "]");
}

void report_watch_json(StrBuf *sb, const WatchStore *w, const WatchResult *r, const WatchReportOpts *o)
{
    double t0 = w->snaps.len ? w->snaps.items[0].t : 0;
    sb_puts(sb, "{\"source\":");
    json_str(sb, o->source);
    sb_printf(sb, ",\"snapshots\":%zu,\"span_seconds\":", w->snaps.len);
    json_num(sb, w->snaps.len ? w->snaps.items[w->snaps.len - 1].t - t0 : 0);
    sb_printf(sb, ",\"verdict\":\"%s\",\"usable_snapshots\":%zu,\"min_snapshots\":%zu",
              r->nleaks ? "leak" : r->inconclusive ? "inconclusive" : "no-leak", r->usable, r->need);
    sb_printf(sb, ",\"leaks\":%zu,\"goroutine_leaks\":%zu,\"heap_leaks\":%zu,\"gaps\":[", r->nleaks,
              r->ngoroutine_leaks, r->nheap_leaks);
    for (size_t i = 0; i < w->gaps.len; i++) {
        const Gap *g = &w->gaps.items[i];
        sb_puts(sb, i ? ",{\"at_seconds\":" : "{\"at_seconds\":");
        json_num(sb, g->t - t0);
        sb_printf(sb, ",\"restart\":%s,\"reason\":", g->restart ? "true" : "false");
        json_str(sb, g->reason);
        sb_puts(sb, "}");
    }
    sb_puts(sb, "]");
    json_leak_profile(sb, w, r, t0);
    sb_puts(sb, ",\"series\":[");
    size_t shown = 0, others = 0;
    for (size_t i = 0; i < r->items.len; i++) {
        const Verdict *v = &r->items.items[i];
        if (!v->leak && (v->n < 2 || others++ >= 50))
            continue;
        const Series *s = v->series;
        sb_puts(sb, shown++ ? ",\n{" : "\n{");
        sb_printf(sb, "\"leak\":%s,\"kind\":\"%s\",\"function\":", v->leak ? "true" : "false",
                  s->kind == SERIES_GOROUTINES ? "goroutines" : "heap");
        json_str(sb, s->func);
        sb_puts(sb, ",\"file\":");
        json_str(sb, s->file);
        sb_printf(sb, ",\"line\":%lld,\"what\":", (long long)s->line);
        json_str(sb, s->what);
        sb_puts(sb, ",\"category\":");
        json_str(sb, s->category && s->category[0] ? s->category : NULL);
        sb_puts(sb, ",\"fix\":");
        json_str(sb, s->fix && s->fix[0] ? s->fix : NULL);
        sb_puts(sb, ",\"first\":");
        json_num(sb, v->first);
        sb_puts(sb, ",\"last\":");
        json_num(sb, v->last);
        sb_puts(sb, ",\"slope_per_min\":");
        json_num(sb, v->slope_per_min);
        sb_puts(sb, ",\"growth\":");
        json_num(sb, v->growth);
        sb_puts(sb, ",\"p_up\":");
        json_num(sb, v->p_up);
        sb_printf(sb, ",\"points\":%zu,\"segment\":%d,\"trend\":%s,\"proven\":", v->n, v->segment,
                  v->trend ? "true" : "false");
        if (v->proven)
            sb_printf(sb, "%" PRIu64, v->proven->goroutines);
        else
            sb_puts(sb, "null");
        sb_puts(sb, ",\"why_not\":");
        json_str(sb, v->leak ? NULL : v->why_not);
        sb_puts(sb, "}");
    }
    sb_puts(sb, "]}\n");
}
