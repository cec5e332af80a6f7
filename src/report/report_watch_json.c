/* report_watch_json.c - the verdict as JSON (DIR/verdict.json), for
 * scripts and CI; the schema is in docs/watch.md. */
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

void report_watch_json(StrBuf *sb, const WatchStore *w, const WatchResult *r, const WatchReportOpts *o)
{
    double t0 = w->snaps.len ? w->snaps.items[0].t : 0;
    sb_puts(sb, "{\"source\":");
    json_str(sb, o->source);
    sb_printf(sb, ",\"snapshots\":%zu,\"span_seconds\":", w->snaps.len);
    json_num(sb, w->snaps.len ? w->snaps.items[w->snaps.len - 1].t - t0 : 0);
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
    sb_puts(sb, "],\"series\":[");
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
        sb_printf(sb, ",\"points\":%zu,\"segment\":%d,\"why_not\":", v->n, v->segment);
        json_str(sb, v->leak ? NULL : v->why_not);
        sb_puts(sb, "}");
    }
    sb_puts(sb, "]}\n");
}
