/* report_heap.c - `drip heap` as terminal text, in the shape of
 * `go tool pprof -top`, with the site and seed category beside it. */
#include "report_heap.h"

#include <inttypes.h>
#include <string.h>

#include "../util/term.h"
#include "../util/util.h"

void report_fmt_value(char *buf, size_t n, int64_t v, const char *unit, bool raw)
{
    bool bytes = strcmp(unit, "bytes") == 0;
    if (raw || !bytes || (v > -1024 && v < 1024)) {
        snprintf(buf, n, "%" PRId64 "%s", v, bytes && !raw ? "B" : "");
        return;
    }
    static const char *const units[] = {"kB", "MB", "GB", "TB", "PB"};
    double d = (double)v / 1024;
    size_t u = 0;
    while ((d >= 1024 || d <= -1024) && u + 1 < ARRAY_LEN(units)) {
        d /= 1024;
        u++;
    }
    char num[64];
    snprintf(num, sizeof num, "%.2f", d);
    size_t len = strlen(num);
    if (len > 3 && strcmp(num + len - 3, ".00") == 0)
        num[len - 3] = 0;
    snprintf(buf, n, "%s%s", num, units[u]);
}

static double pct(int64_t v, int64_t total)
{
    return total ? 100.0 * (double)v / (double)total : 0;
}

void report_heap_text(FILE *out, const char *path, const char *base_path, const TopTable *t,
                      const HeapReportOpts *o)
{
    char tot[64];
    int64_t denom = t->diff ? t->base_total : t->total;
    report_fmt_value(tot, sizeof tot, t->total, t->unit, o->raw);
    if (t->diff) {
        char bt[64];
        report_fmt_value(bt, sizeof bt, t->base_total, t->unit, o->raw);
        fprintf(out, "%s: %s minus %s: %s%s (base total %s)\n", term_safe(t->type), term_safe(path), term_safe(base_path),
                t->total > 0 ? "+" : "", tot, bt);
    } else {
        fprintf(out, "%s: %s: total %s\n", term_safe(t->type), term_safe(path), tot);
    }
    if (t->partial)
        fprintf(out, "PARTIAL: %s; what follows is only what was read\n", term_safe(t->partial));
    size_t shown = o->top && o->top < t->nrows ? o->top : t->nrows;
    fprintf(out, "%10s %7s %7s %10s %7s  %s\n", "flat", "flat%", "sum%", "cum", "cum%",
            "site");
    int64_t sum = 0;
    bool used[CAT_COUNT_] = {0};
    const char *bold = o->color ? "\033[1m" : "", *dim = o->color ? "\033[2m" : "",
               *reset = o->color ? "\033[0m" : "", *yellow = o->color ? "\033[33m" : "";
    for (size_t i = 0; i < shown; i++) {
        const TopRow *r = &t->rows[i];
        char flat[64], cum[64];
        sum = sat_add_i64(sum, r->flat);
        report_fmt_value(flat, sizeof flat, r->flat, t->unit, o->raw);
        report_fmt_value(cum, sizeof cum, r->cum, t->unit, o->raw);
        fprintf(out, "%10s %6.2f%% %6.2f%% %10s %6.2f%%  %s%s%s", flat, pct(r->flat, denom),
                pct(sum, denom), cum, pct(r->cum, denom), r->user ? bold : "", term_safe(r->name),
                r->user ? reset : "");
        if (r->line > 0)
            fprintf(out, " %s%s:%" PRId64 "%s", dim, term_safe(r->file), r->line, reset);
        if (r->category != CAT_NONE && (!t->diff || r->flat > 0)) {
            fprintf(out, "  %s[%s]%s", yellow, pprof_category_name(r->category), reset);
            used[r->category] = true;
        }
        fputc('\n', out);
    }
    if (shown < t->nrows)
        fprintf(out, "(%zu more rows; --top 0 shows all)\n", t->nrows - shown);
    if (t->saturated)
        fprintf(out, "note: some sums leave the 64-bit range and are shown at its bound (%" PRId64 "): the "
                     "profile's values are not real sizes\n", INT64_MAX);
    if (o->hints)
        for (int c = 1; c < CAT_COUNT_; c++)
            if (used[c])
                fprintf(out, "[%s] %s\n", pprof_category_name((TopCategory)c),
                        pprof_category_hint((TopCategory)c));
}

static void json_str(StrBuf *sb, const char *s)
{
    if (s)
        sb_json_string(sb, s, strlen(s));
    else
        sb_puts(sb, "null");
}

void report_heap_json(StrBuf *sb, const char *path, const char *base_path, const TopTable *t, size_t top)
{
    sb_puts(sb, "{\"profile\":");
    json_str(sb, path);
    sb_puts(sb, ",\"base\":");
    json_str(sb, base_path);
    sb_puts(sb, ",\"sample_type\":");
    json_str(sb, t->type);
    sb_puts(sb, ",\"unit\":");
    json_str(sb, t->unit);
    sb_puts(sb, ",\"partial\":");
    json_str(sb, t->partial);
    sb_printf(sb, ",\"total\":%" PRId64, t->total);
    if (t->diff)
        sb_printf(sb, ",\"base_total\":%" PRId64, t->base_total);
    else
        sb_puts(sb, ",\"base_total\":null");
    sb_puts(sb, ",\"rows\":[");
    size_t shown = top && top < t->nrows ? top : t->nrows;
    for (size_t i = 0; i < shown; i++) {
        const TopRow *r = &t->rows[i];
        sb_puts(sb, i ? ",\n{" : "\n{");
        sb_puts(sb, "\"function\":");
        json_str(sb, r->name);
        sb_puts(sb, ",\"file\":");
        json_str(sb, r->file);
        sb_printf(sb, ",\"line\":%" PRId64 ",\"user\":%s,\"flat\":%" PRId64 ",\"cum\":%" PRId64, r->line,
                  r->user ? "true" : "false", r->flat, r->cum);
        sb_puts(sb, ",\"category\":");
        json_str(sb, r->category != CAT_NONE ? pprof_category_name(r->category) : NULL);
        sb_puts(sb, ",\"hint\":");
        json_str(sb, r->category != CAT_NONE ? pprof_category_hint(r->category) : NULL);
        sb_puts(sb, "}");
    }
    sb_printf(sb, "],\"more_rows\":%zu,\"saturated\":%s}\n", t->nrows - shown, t->saturated ? "true" : "false");
}
