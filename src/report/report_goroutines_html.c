/* report_goroutines_html.c - drip goroutines --format html: one
 * self-contained page (inline style, no script, nothing fetched). Every
 * string that comes from a dump goes through sb_html_escape. */
#include "report_goroutines.h"

#include <inttypes.h>
#include <string.h>

static void esc(StrBuf *b, const char *s)
{
    if (s)
        sb_html_escape(b, s, strlen(s));
}

static void pos(StrBuf *b, const DumpFrame *f)
{
    if (f->file[0]) {
        esc(b, f->file);
        sb_printf(b, ":%u", f->line);
    } else {
        esc(b, f->func[0] ? f->func : "?");
    }
}

static void stack_html(StrBuf *b, const DumpGroup *g)
{
    sb_printf(b, "<details><summary>stack of %" PRIu64 " goroutine%s", g->count, g->count == 1 ? "" : "s");
    if (g->wait[0]) {
        sb_puts(b, " [");
        esc(b, g->wait);
        sb_puts(b, "]");
    }
    sb_puts(b, "</summary><pre>");
    for (uint32_t i = 0; i < g->nframes; i++) {
        const DumpFrame *f = &g->frames[i];
        bool blamed = (int)i == g->cls.blame;
        sb_puts(b, blamed ? "<b>" : "");
        esc(b, f->func);
        if (f->args[0]) {
            sb_putc(b, '(');
            esc(b, f->args);
            sb_putc(b, ')');
        }
        sb_puts(b, blamed ? "</b>" : "");
        sb_puts(b, "\n    ");
        pos(b, f);
        sb_putc(b, '\n');
    }
    if (g->elided)
        sb_puts(b, "...frames elided...\n");
    if (g->created.func[0]) {
        sb_puts(b, "created by ");
        esc(b, g->created.func);
        sb_puts(b, "\n    ");
        pos(b, &g->created);
        sb_putc(b, '\n');
    }
    sb_puts(b, "</pre></details>");
}

static void labels_html(StrBuf *b, const DumpSite *s, const GoroutinesReportOptions *opt)
{
    if (s->label_value) {
        sb_puts(b, "<br><small>");
        esc(b, opt->by_label);
        sb_puts(b, "=</small><code>");
        esc(b, s->label_value[0] ? s->label_value : "(unset)");
        sb_puts(b, "</code>");
    }
    LabelCount sets[3];
    uint64_t unlabeled;
    size_t n = report_goroutines_label_sets(s, sets, ARRAY_LEN(sets), &unlabeled);
    for (size_t i = 0; i < n && i < ARRAY_LEN(sets); i++) {
        sb_puts(b, "<br><small>labels <code>");
        esc(b, sets[i].labels);
        sb_printf(b, "</code> (%" PRIu64 ")</small>", sets[i].count);
    }
    if (n > ARRAY_LEN(sets))
        sb_printf(b, "<br><small>%zu more label sets</small>", n - ARRAY_LEN(sets));
}

static void suspects_html(StrBuf *b, const DumpAnalysis *a, const GoroutinesReportOptions *opt)
{
    if (!a->suspects.len) {
        sb_puts(b, "<p class=ok>No leak suspects: no goroutine is blocked on a channel, select, lock or wait "
                   "group.</p>\n");
        return;
    }
    sb_printf(b, "<h2>Leak suspects</h2>\n<p>%zu place%s, %" PRIu64 " goroutine%s, most likely first.</p>\n",
              a->suspects.len, a->suspects.len == 1 ? "" : "s", a->suspect_goroutines,
              a->suspect_goroutines == 1 ? "" : "s");
    sb_puts(b, "<table><tr><th>#</th><th>where</th><th>goroutines</th><th>blocked on</th><th>waiting</th>"
               "<th>created by</th><th>leak and fix</th></tr>\n");
    size_t top = opt->top > 0 ? MIN((size_t)opt->top, a->suspects.len) : a->suspects.len;
    for (size_t i = 0; i < top; i++) {
        const DumpSite *s = a->suspects.items[i];
        char wait[64];
        report_goroutines_wait(wait, sizeof wait, s);
        sb_printf(b, "<tr><td>%zu</td><td><code>", i + 1);
        pos(b, s->frame);
        sb_puts(b, "</code><br><small>");
        esc(b, s->frame->func);
        if (!s->user_frame)
            sb_puts(b, " (no user frame)");
        sb_printf(b, "</small></td><td class=n>%" PRIu64 "</td><td>%s</td><td>%s", s->count,
                  block_kind_name(s->kind), wait);
        if (s->leaked)
            sb_printf(b, "<br><b>%" PRIu64 " proven leaked</b><small> by Go's leak detector</small>", s->leaked);
        sb_puts(b, "</td><td>");
        if (s->created) {
            sb_puts(b, "<code>");
            esc(b, s->created->func);
            sb_puts(b, "</code>");
            if (s->created_via) {
                sb_puts(b, " <small>via ");
                esc(b, s->created_via);
                sb_puts(b, "</small>");
            }
            sb_puts(b, "<br><small>");
            pos(b, s->created);
            sb_puts(b, "</small>");
        }
        labels_html(b, s, opt);
        sb_puts(b, "</td><td>");
        if (s->seed != SEED_NONE) {
            sb_puts(b, "<b>");
            esc(b, seed_leak_name(s->seed));
            sb_puts(b, "</b><br>");
        }
        if (s->cause) {
            sb_puts(b, "<i>why (");
            esc(b, s->cause->kind);
            sb_puts(b, "):</i> ");
            esc(b, s->cause->text);
            if (s->cause->rule) {
                sb_puts(b, "<br><small>drip check: ");
                esc(b, s->cause->rule);
                sb_puts(b, "</small>");
            }
            sb_puts(b, "<br>");
        }
        if (s->seed != SEED_NONE || (s->cause && s->cause->fix))
            esc(b, s->cause && s->cause->fix ? s->cause->fix : seed_leak_fix(s->seed));
        for (size_t j = 0; j < s->groups.len && j < 3; j++)
            stack_html(b, s->groups.items[j]);
        if (s->groups.len > 3)
            sb_printf(b, "<small>%zu more stacks</small>", s->groups.len - 3);
        sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</table>\n");
    if (top < a->suspects.len)
        sb_printf(b, "<p>%zu more places not shown (see --top).</p>\n", a->suspects.len - top);
}

static void plain_html(StrBuf *b, const char *title, const void *arr)
{
    const Array(DumpSite *) *sites = arr;
    if (!sites->len)
        return;
    sb_printf(b, "<h2>%s</h2>\n<table><tr><th>goroutines</th><th>state</th><th>where</th></tr>\n", title);
    for (size_t i = 0; i < sites->len; i++) {
        const DumpSite *s = sites->items[i];
        sb_printf(b, "<tr><td class=n>%" PRIu64 "</td><td>%s</td><td><code>", s->count, block_kind_name(s->kind));
        pos(b, s->frame);
        sb_puts(b, "</code> <small>");
        esc(b, s->frame->func);
        sb_puts(b, "</small></td></tr>\n");
    }
    sb_puts(b, "</table>\n");
}

static void diff_html(StrBuf *b, const DumpDiff *d)
{
    sb_printf(b, "<h2>Growth across %zu snapshots</h2>\n<p>", d->nsnaps);
    for (size_t i = 0; i < d->nsnaps; i++) {
        sb_puts(b, i ? " &rarr; " : "");
        sb_puts(b, "<code>");
        esc(b, d->snaps[i].snap->path);
        sb_printf(b, "</code> (%" PRIu64 ")", d->snaps[i].snap->goroutines);
    }
    sb_puts(b, "</p>\n<table><tr><th>growth</th><th>counts</th><th>blocked on</th><th>where</th><th>leak</th></tr>\n");
    size_t shown = 0;
    for (size_t i = 0; i < d->trends.len; i++) {
        const DumpTrend *t = &d->trends.items[i];
        if (t->growth <= 0)
            continue;
        shown++;
        sb_printf(b, "<tr%s><td class=n>+%" PRId64 "</td><td>", t->suspect ? " class=bad" : "", t->growth);
        for (size_t j = 0; j < d->nsnaps; j++)
            sb_printf(b, "%s%" PRIu64, j ? " &rarr; " : "", t->counts[j]);
        sb_printf(b, "%s</td><td>%s%s</td><td><code>", t->steady && d->nsnaps > 2 ? " (steady)" : "",
                  block_kind_name(t->site->kind), t->suspect ? "" : " (idle by design)");
        pos(b, t->site->frame);
        sb_puts(b, "</code></td><td>");
        if (t->suspect)
            esc(b, seed_leak_name(t->site->seed));
        sb_puts(b, "</td></tr>\n");
    }
    if (!shown)
        sb_puts(b, "<tr><td colspan=5>no group of goroutines grew</td></tr>\n");
    sb_puts(b, "</table>\n");
}

void report_goroutines_html(FILE *out, DumpAnalysis *snaps, size_t n, const DumpDiff *diff,
                            const GoroutinesReportOptions *opt)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n"
                "<meta name=viewport content=\"width=device-width\">\n<title>drip goroutines: ");
    if (n)
        esc(&b, snaps[n - 1].snap->path);
    sb_puts(&b, "</title>\n<style>\n"
                "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}\n"
                "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                "vertical-align:top;text-align:left}\n"
                "th{background:#f4f4f4}.n{text-align:right;font-weight:bold}.ok{color:#176317}\n"
                "tr.bad td:first-child{color:#b00}code,pre{font:12px ui-monospace,monospace}\n"
                "pre{background:#f8f8f8;padding:6px;overflow:auto}small{color:#666}\n"
                "</style></head><body>\n<h1>drip goroutines</h1>\n");
    if (diff && n > 1)
        diff_html(&b, diff);
    if (n) {
        const DumpAnalysis *a = &snaps[n - 1];
        const DumpSnapshot *s = a->snap;
        sb_puts(&b, "<p><code>");
        esc(&b, s->path);
        sb_printf(&b, "</code>: %" PRIu64 " goroutines in %zu stacks", s->goroutines, a->nstacks);
        if (s->errors)
            sb_printf(&b, ", %" PRIu64 " unreadable lines", s->errors);
        if (s->failed)
            sb_puts(&b, ", <strong>PARTIAL</strong>: the input ends early or is corrupt; only what was read is shown");
        sb_puts(&b, "</p>\n");
        if (s->leak_profile)
            sb_puts(&b, "<p>A goroutineleak profile: Go's garbage collector proved every goroutine in it "
                        "leaked.</p>\n");
        if (s->format == DUMP_FORMAT_PROTO)
            sb_printf(&b, "<p><small>A proto profile has no %s; categories come from the runtime frames (take "
                          "debug=2 for the rest).</small></p>\n",
                      report_goroutines_lost(s));
        suspects_html(&b, a, opt);
        plain_html(&b, "Idle by design (not blamed)", &a->idle);
        plain_html(&b, "Other goroutines", &a->other);
    }
    sb_puts(&b, "</body></html>\n");
    fwrite(b.data, 1, b.len, out);
    sb_free(&b);
}
