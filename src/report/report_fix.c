/* report_fix.c - drip check --fix and --diff: the findings' exact edits
 * applied to a file, or shown as a unified diff (patch -p0 applies it). */
#include "report_check.h"
#include "../util/util.h"

static int cmp_edit(const void *a, const void *b)
{
    const DiagEdit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

size_t fix_edits_sort(DiagEdit *e, size_t n, size_t len)
{
    qsort(e, n, sizeof *e, cmp_edit);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (e[i].end > len || e[i].start > e[i].end)
            continue;
        if (w && e[i].start == e[w - 1].start && e[i].end == e[w - 1].end && strcmp(e[i].text, e[w - 1].text) == 0)
            continue; /* the same fix of two findings */
        if (w && e[i].start < e[w - 1].end)
            continue; /* overlaps the one before: left out */
        if (w && e[i].start == e[w - 1].end && e[i].start == e[i].end && e[w - 1].start == e[w - 1].end)
            continue; /* two insertions at one place: one per run */
        e[w++] = e[i];
    }
    return w;
}

char *fix_apply(const char *src, size_t len, const DiagEdit *e, size_t n, size_t *outlen)
{
    StrBuf sb;
    sb_init(&sb);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        sb_append(&sb, src + at, e[i].start - at);
        sb_puts(&sb, e[i].text);
        at = e[i].end;
    }
    sb_append(&sb, src + at, len - at);
    *outlen = sb.len;
    sb_putc(&sb, 0);
    return sb.data;
}

/* Offset of the start of the line holding off, and of the next line. */
static size_t line_begin(const char *s, size_t off)
{
    while (off > 0 && s[off - 1] != '\n')
        off--;
    return off;
}

static size_t line_next(const char *s, size_t len, size_t off)
{
    while (off < len && s[off] != '\n')
        off++;
    return off < len ? off + 1 : len;
}

static int count_lines(const char *s, size_t a, size_t b)
{
    int n = 0;
    for (size_t i = a; i < b; i++)
        n += s[i] == '\n';
    if (b > a && s[b - 1] != '\n')
        n++;
    return n;
}

static void put_lines(StrBuf *out, char mark, const char *s, size_t a, size_t b)
{
    while (a < b) {
        size_t e = a;
        while (e < b && s[e] != '\n')
            e++;
        sb_putc(out, mark);
        sb_append(out, s + a, e - a);
        sb_putc(out, '\n');
        if (e >= b) {
            sb_puts(out, "\\ No newline at end of file\n");
            break;
        }
        a = e + 1;
    }
}

void fix_diff(StrBuf *out, const char *path, const char *src, size_t len, const DiagEdit *e, size_t n)
{
    if (!n)
        return;
    sb_printf(out, "--- %s\n+++ %s\n", path, path);
    const int ctx = 3;
    int shift = 0; /* new line number minus old, before the hunk */
    size_t i = 0;
    while (i < n) {
        /* a hunk: edits whose changed lines are within 2*ctx lines */
        size_t j = i;
        size_t cb = line_begin(src, e[i].start);
        size_t ce = line_next(src, len, e[i].end > e[i].start ? e[i].end - 1 : e[i].end);
        if (e[i].end > e[i].start && src[e[i].end - 1] == '\n')
            ce = e[i].end;
        while (j + 1 < n) {
            size_t nb = line_begin(src, e[j + 1].start);
            if (count_lines(src, ce, nb) > 2 * ctx)
                break;
            j++;
            size_t ne = line_next(src, len, e[j].end > e[j].start ? e[j].end - 1 : e[j].end);
            if (e[j].end > e[j].start && src[e[j].end - 1] == '\n')
                ne = e[j].end;
            if (ne > ce)
                ce = ne;
        }
        /* context */
        size_t hb = cb;
        for (int k = 0; k < ctx && hb > 0; k++)
            hb = line_begin(src, hb - 1);
        size_t he = ce;
        for (int k = 0; k < ctx && he < len; k++)
            he = line_next(src, len, he);
        /* the changed span, old and new */
        StrBuf nw;
        sb_init(&nw);
        size_t at = cb;
        for (size_t k = i; k <= j; k++) {
            sb_append(&nw, src + at, e[k].start - at);
            sb_puts(&nw, e[k].text);
            at = e[k].end;
        }
        sb_append(&nw, src + at, ce - at);
        int before = count_lines(src, hb, cb), after = count_lines(src, ce, he);
        int oldn = count_lines(src, cb, ce), newn = count_lines(nw.data ? nw.data : "", 0, nw.len);
        int start = 1 + count_lines(src, 0, hb) - (hb > 0 && src[hb - 1] != '\n');
        int ototal = before + oldn + after, ntotal = before + newn + after;
        sb_printf(out, "@@ -%d,%d +%d,%d @@\n", ototal ? start : start - 1, ototal, ntotal ? start + shift : start + shift - 1,
                  ntotal);
        put_lines(out, ' ', src, hb, cb);
        put_lines(out, '-', src, cb, ce);
        put_lines(out, '+', nw.data ? nw.data : "", 0, nw.len);
        put_lines(out, ' ', src, ce, he);
        shift += newn - oldn;
        sb_free(&nw);
        i = j + 1;
    }
}
