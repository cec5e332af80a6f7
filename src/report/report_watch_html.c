/* report_watch_html.c - the verdict as one self-contained HTML page: a
 * summary, the leaks with their category and fix, and inline SVG charts of
 * goroutine counts and heap in use over time (totals and top suspects),
 * with gaps and restarts marked. Every string from a profile is escaped. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "report_watch.h"

#define W 720
#define H 220
#define PAD_L 70
#define PAD_R 16
#define PAD_T 28
#define PAD_B 30

static void esc(StrBuf *sb, const char *s)
{
    if (s)
        sb_html_escape(sb, s, strlen(s));
}

/* One line chart of y over the snapshots' times; NAN breaks the line. */
static void chart(StrBuf *sb, const WatchStore *w, const char *title, const double *y, SeriesKind kind,
                  const char *color)
{
    size_t n = w->snaps.len;
    double t0 = n ? w->snaps.items[0].t : 0, t1 = n ? w->snaps.items[n - 1].t : 1;
    if (t1 <= t0)
        t1 = t0 + 1;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i])) {
            lo = MIN(lo, y[i]);
            hi = MAX(hi, y[i]);
        }
    if (!isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    if (lo > 0)
        lo = 0;
    if (hi <= lo)
        hi = lo + 1;
    double pw = W - PAD_L - PAD_R, ph = H - PAD_T - PAD_B;
    sb_printf(sb, "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n", W, H, W, H);
    sb_puts(sb, "<title>");
    esc(sb, title);
    sb_puts(sb, "</title>\n<text x=\"8\" y=\"18\" class=\"ct\">");
    esc(sb, title);
    sb_puts(sb, "</text>\n");
    sb_printf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" class=\"plot\"/>\n", PAD_L, PAD_T, pw, ph);
    char a[64], b[64];
    report_watch_value(a, sizeof a, kind, hi, false);
    report_watch_value(b, sizeof b, kind, lo, false);
    sb_printf(sb, "<text x=\"%d\" y=\"%d\" class=\"ax\" text-anchor=\"end\">%s</text>\n", PAD_L - 4, PAD_T + 10, a);
    sb_printf(sb, "<text x=\"%d\" y=\"%d\" class=\"ax\" text-anchor=\"end\">%s</text>\n", PAD_L - 4, H - PAD_B, b);
    sb_printf(sb, "<text x=\"%d\" y=\"%d\" class=\"ax\">0s</text>\n", PAD_L, H - 10);
    sb_printf(sb, "<text x=\"%d\" y=\"%d\" class=\"ax\" text-anchor=\"end\">%.1fs</text>\n", W - PAD_R, H - 10, t1 - t0);
    for (size_t i = 0; i < w->gaps.len; i++) {
        const Gap *g = &w->gaps.items[i];
        double x = PAD_L + (g->t - t0) / (t1 - t0) * pw;
        if (x < PAD_L || x > PAD_L + pw)
            continue;
        sb_printf(sb, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" class=\"%s\"><title>", x, PAD_T, x,
                  PAD_T + ph, g->restart ? "restart" : "gap");
        esc(sb, g->reason);
        sb_puts(sb, "</title></line>\n");
    }
    bool open = false;
    int prev_seg = -1;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]) || w->snaps.items[i].segment != prev_seg) {
            if (open)
                sb_puts(sb, "\"/>\n");
            open = false;
            prev_seg = w->snaps.items[i].segment;
            if (isnan(y[i]))
                continue;
        }
        double x = PAD_L + (w->snaps.items[i].t - t0) / (t1 - t0) * pw;
        double yy = PAD_T + ph - (y[i] - lo) / (hi - lo) * ph;
        if (!open) {
            sb_printf(sb, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", color);
            open = true;
        }
        sb_printf(sb, "%.1f,%.1f ", x, yy);
    }
    if (open)
        sb_puts(sb, "\"/>\n");
    sb_puts(sb, "</svg>\n");
}

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:960px}"
    "h1{font-size:20px}h2{font-size:16px;margin-top:28px}"
    "table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    ".leak{color:#b00020;font-weight:600}.ok{color:#1b7f3b;font-weight:600}"
    "code{font:12px ui-monospace,monospace;background:#f4f4f4;padding:1px 3px}"
    ".chart{display:block;margin:8px 0}.ct{font-size:13px;font-weight:600}.ax{font-size:11px;fill:#555}"
    ".plot{fill:#fafafa;stroke:#ccc}.gap{stroke:#d33;stroke-dasharray:3 3}.restart{stroke:#000;stroke-width:2}"
    ".fix{color:#555}";

static void verdict_row(StrBuf *sb, const Verdict *v)
{
    const Series *s = v->series;
    char first[64], last[64], slope[64];
    report_watch_value(first, sizeof first, s->kind, v->first, false);
    report_watch_value(last, sizeof last, s->kind, v->last, false);
    report_watch_value(slope, sizeof slope, s->kind, v->slope_per_min, true);
    sb_printf(sb, "<tr><td class=\"%s\">%s</td><td>", v->leak ? "leak" : "", v->leak ? "leak" : "no");
    sb_puts(sb, s->kind == SERIES_GOROUTINES ? "goroutines" : "heap");
    sb_puts(sb, "</td><td><code>");
    esc(sb, s->func);
    sb_puts(sb, "</code>");
    if (s->file && s->file[0]) {
        sb_puts(sb, "<br><code>");
        esc(sb, s->file);
        sb_printf(sb, ":%lld</code>", (long long)s->line);
    }
    if (s->what && s->what[0] && s->kind == SERIES_GOROUTINES) {
        sb_puts(sb, " (");
        esc(sb, s->what);
        sb_puts(sb, ")");
    }
    if (s->category && s->category[0]) {
        sb_puts(sb, "<div class=\"fix\"><b>");
        esc(sb, s->category);
        sb_puts(sb, "</b>: ");
        esc(sb, s->fix);
        sb_puts(sb, "</div>");
    }
    if (v->proven)
        sb_printf(sb, "<div class=\"leak\">proven leaked by Go: %" PRIu64 " goroutine%s</div>",
                  v->proven->goroutines, v->proven->goroutines == 1 ? "" : "s");
    sb_printf(sb, "</td><td>%s &rarr; %s</td><td>%s/min</td><td>%.2g</td><td>%zu</td><td>", first, last, slope,
              v->p_up, v->n);
    esc(sb, v->leak ? "" : v->why_not);
    sb_puts(sb, "</td></tr>\n");
}

static void where(StrBuf *sb, const char *func, const char *file, int64_t line)
{
    sb_puts(sb, "<code>");
    esc(sb, func);
    sb_puts(sb, "</code>");
    if (file && file[0]) {
        sb_puts(sb, "<br><code>");
        esc(sb, file);
        sb_printf(sb, ":%lld</code>", (long long)line);
    }
}

/* Go's leak detector: the places it proved leaked, and what each poll of
 * the goroutineleak profile cost the service. */
static void leak_section(StrBuf *sb, const WatchStore *w, const WatchResult *r)
{
    if (!w->leak_status && !w->leak_polls.len && !w->leak_interval)
        return;
    sb_puts(sb, "<h2>Go's leak detector (goroutineleak profile)</h2>\n<p>");
    if (w->leak_status) {
        sb_puts(sb, "Not used: ");
        esc(sb, w->leak_status);
        sb_puts(sb, ".</p>\n");
        return;
    }
    LeakCost c;
    report_watch_leak_cost(w, &c);
    sb_printf(sb, "%zu poll%s", c.polls, c.polls == 1 ? "" : "s");
    if (w->leak_interval)
        sb_printf(sb, ", at most every %g s", w->leak_interval);
    if (w->leak_errors)
        sb_printf(sb, ", %zu failed", w->leak_errors);
    if (c.polls) {
        sb_printf(sb, ". Each forces a full GC in the service: request %.1f ms on average (max %.1f)", c.request_mean,
                  c.request_max);
        if (!isnan(c.pause_mean))
            sb_printf(sb, ", stop-the-world pause %.2f ms (max %.2f)", c.pause_mean, c.pause_max);
        sb_printf(sb, ". <span class=\"%s\">%" PRIu64 " goroutine%s proven leaked in %zu place%s.</span>",
                  r->nproven ? "leak" : "ok", r->proven_goroutines, r->proven_goroutines == 1 ? "" : "s", r->nproven,
                  r->nproven == 1 ? "" : "s");
    }
    sb_puts(sb, "</p>\n");
    if (w->proven.len) {
        sb_puts(sb, "<table><tr><th>leaked</th><th>where</th><th>blocked on</th><th>created by</th></tr>\n");
        for (size_t i = 0; i < w->proven.len; i++) {
            const ProvenLeak *p = &w->proven.items[i];
            sb_printf(sb, "<tr><td class=\"leak\">%" PRIu64 "</td><td>", p->goroutines);
            where(sb, p->func, p->file, p->line);
            if (p->category[0]) {
                sb_puts(sb, "<div class=\"fix\"><b>");
                esc(sb, p->category);
                sb_puts(sb, "</b>: ");
                esc(sb, p->fix);
                sb_puts(sb, "</div>");
            }
            if (p->cause_kind[0]) {
                sb_puts(sb, "<div class=\"fix\"><i>why (");
                esc(sb, p->cause_kind);
                sb_puts(sb, ")</i>: ");
                esc(sb, p->cause_text);
                sb_puts(sb, "</div>");
            }
            sb_puts(sb, "</td><td>");
            esc(sb, p->what);
            sb_puts(sb, "</td><td>");
            if (p->created_func[0])
                where(sb, p->created_func, p->created_file, p->created_line);
            sb_puts(sb, "</td></tr>\n");
        }
        sb_puts(sb, "</table>\n");
    }
    if (w->leak_polls.len) {
        double t0 = w->snaps.len ? w->snaps.items[0].t : w->leak_polls.items[0].t;
        size_t from = w->leak_polls.len > 20 ? w->leak_polls.len - 20 : 0;
        sb_printf(sb, "<p>Cost of the %spolls:</p>\n<table><tr><th>at</th><th>request</th><th>GC pause</th>"
                      "<th>goroutines</th><th>leaked</th></tr>\n", from ? "last 20 " : "");
        for (size_t i = from; i < w->leak_polls.len; i++) {
            const LeakPoll *p = &w->leak_polls.items[i];
            sb_printf(sb, "<tr><td>+%.1f s</td><td>%.1f ms</td><td>", p->t - t0, p->request_ms);
            if (isnan(p->gc_pause_ms))
                sb_puts(sb, "unknown");
            else
                sb_printf(sb, "%.2f ms (%d cycle%s)", p->gc_pause_ms, p->gc_cycles, p->gc_cycles == 1 ? "" : "s");
            sb_printf(sb, "</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td></tr>\n", p->goroutines, p->leaked);
        }
        sb_puts(sb, "</table>\n");
    }
}

void report_watch_html(StrBuf *sb, const WatchStore *w, const WatchResult *r, const WatchReportOpts *o)
{
    sb_puts(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>drip watch: ");
    esc(sb, o->source);
    sb_printf(sb, "</title>\n<style>%s</style></head><body>\n<h1>drip watch: ", style);
    esc(sb, o->source);
    sb_puts(sb, "</h1>\n<p>");
    double span = w->snaps.len ? w->snaps.items[w->snaps.len - 1].t - w->snaps.items[0].t : 0;
    sb_printf(sb, "%zu snapshots over %.1f s, %zu gaps and restarts. ", w->snaps.len, span, w->gaps.len);
    if (r->nleaks)
        sb_printf(sb, "<span class=\"leak\">%zu leak%s</span>: %zu goroutine group%s, %zu allocation site%s.",
                  r->nleaks, r->nleaks == 1 ? "" : "s", r->ngoroutine_leaks, r->ngoroutine_leaks == 1 ? "" : "s",
                  r->nheap_leaks, r->nheap_leaks == 1 ? "" : "s");
    else if (r->inconclusive)
        sb_printf(sb, "<span class=\"leak\">Inconclusive</span>: %zu snapshot%s, need %zu for a verdict.", r->usable,
                  r->usable == 1 ? "" : "s", r->need);
    else
        sb_puts(sb, "<span class=\"ok\">No leak found.</span>");
    sb_puts(sb, "</p>\n");
    size_t n = w->snaps.len;
    double *y = xmalloc((n + 1) * sizeof *y);
    sb_puts(sb, "<h2>Totals</h2>\n");
    for (size_t i = 0; i < n; i++)
        y[i] = w->snaps.items[i].goroutines;
    chart(sb, w, "goroutines (total)", y, SERIES_GOROUTINES, "#3366cc");
    for (size_t i = 0; i < n; i++)
        y[i] = w->snaps.items[i].heap_inuse;
    chart(sb, w, "heap in use (inuse_space, total)", y, SERIES_HEAP, "#cc6633");
    leak_section(sb, w, r);
    sb_puts(sb, "<h2>Verdict</h2>\n<table><tr><th></th><th>kind</th><th>where</th><th>first &rarr; last</th>"
                "<th>Theil-Sen slope</th><th>Mann-Kendall p</th><th>snapshots</th><th>not flagged because</th></tr>\n");
    size_t max = o->max_items ? o->max_items : 10;
    size_t rows = 0;
    for (size_t i = 0; i < r->items.len && rows < max + r->nleaks; i++) {
        const Verdict *v = &r->items.items[i];
        if (!v->leak && v->n < 2)
            continue;
        verdict_row(sb, v);
        rows++;
    }
    sb_puts(sb, "</table>\n<h2>Top suspects over time</h2>\n");
    size_t charts = 0;
    for (size_t i = 0; i < r->items.len && charts < max; i++) {
        const Verdict *v = &r->items.items[i];
        if (!v->leak && (charts >= 4 || v->growth <= 0))
            continue;
        const Series *s = v->series;
        char *title = xasprintf("%s%s %s at %s:%lld", v->leak ? "LEAK: " : "",
                                s->kind == SERIES_GOROUTINES ? "goroutines in" : "heap in use from", s->func,
                                s->file, (long long)s->line);
        chart(sb, w, title, s->values.items, s->kind, v->leak ? "#b00020" : "#777");
        free(title);
        charts++;
    }
    if (!charts)
        sb_puts(sb, "<p>No series grew.</p>\n");
    free(y);
    sb_puts(sb, "<p class=\"fix\">A series is a leak when a Mann-Kendall test finds a steady upward trend "
                "and its Theil-Sen slope and growth pass the minimums (see docs/watch.md); gaps are dashed "
                "red lines, restarts solid black.</p>\n</body></html>\n");
}
