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

/* One past the last line an edit changes. */
static size_t seg_end(const char *src, size_t len, const DiagEdit *e)
{
    if (e->end > e->start && src[e->end - 1] == '\n')
        return e->end;
    return line_next(src, len, e->end > e->start ? e->end - 1 : e->end);
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
    int shift = 0, shift_seg = 0; /* new line number minus old, before the hunk */
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
        int start = 1 + count_lines(src, 0, hb) - (hb > 0 && src[hb - 1] != '\n');
        StrBuf body;
        sb_init(&body);
        int ototal = 0, ntotal = 0;
        size_t at = hb; /* old text shown up to here */
        for (size_t k = i; k <= j;) {
            /* a segment: the lines of edits k..m, which share lines */
            size_t sb0 = line_begin(src, e[k].start), se0 = seg_end(src, len, &e[k]);
            size_t m = k;
            while (m + 1 <= j && line_begin(src, e[m + 1].start) < se0) {
                m++;
                size_t ne = seg_end(src, len, &e[m]);
                if (ne > se0)
                    se0 = ne;
            }
            if (sb0 < at)
                sb0 = at;
            StrBuf nw;
            sb_init(&nw);
            size_t pos = sb0;
            for (size_t q = k; q <= m; q++) {
                sb_append(&nw, src + pos, e[q].start - pos);
                sb_puts(&nw, e[q].text);
                pos = e[q].end;
            }
            sb_append(&nw, src + pos, se0 - pos);
            const char *nt = nw.data ? nw.data : "";
            size_t nb = 0, ne = nw.len, ob = sb0, oe = se0;
            /* whole lines the same at the front and the back are context */
            for (;;) {
                const char *ol = memchr(src + ob, '\n', oe - ob), *nl = memchr(nt + nb, '\n', ne - nb);
                if (!ol || !nl || (size_t)(ol - (src + ob)) != (size_t)(nl - (nt + nb)) ||
                    memcmp(src + ob, nt + nb, (size_t)(ol - (src + ob))) != 0)
                    break;
                ob = (size_t)(ol - src) + 1;
                nb = (size_t)(nl - nt) + 1;
            }
            while (oe > ob && ne > nb && src[oe - 1] == '\n' && nt[ne - 1] == '\n') {
                size_t ol = oe - 1, nl = ne - 1;
                while (ol > ob && src[ol - 1] != '\n')
                    ol--;
                while (nl > nb && nt[nl - 1] != '\n')
                    nl--;
                if ((ol > ob || (ol == ob && (ob == 0 || src[ob - 1] == '\n'))) &&
                    (nl > nb || (nl == nb && (nb == 0 || nt[nb - 1] == '\n'))) && oe - ol == ne - nl &&
                    memcmp(src + ol, nt + nl, oe - ol) == 0) {
                    oe = ol;
                    ne = nl;
                } else {
                    break;
                }
            }
            int c = count_lines(src, at, ob);
            put_lines(&body, ' ', src, at, ob);
            ototal += c;
            ntotal += c;
            ototal += count_lines(src, ob, oe);
            ntotal += count_lines(nt, nb, ne);
            put_lines(&body, '-', src, ob, oe);
            put_lines(&body, '+', nt, nb, ne);
            shift_seg += count_lines(nt, nb, ne) - count_lines(src, ob, oe);
            at = oe;
            sb_free(&nw);
            k = m + 1;
        }
        int c = count_lines(src, at, he);
        put_lines(&body, ' ', src, at, he);
        ototal += c;
        ntotal += c;
        sb_printf(out, "@@ -%d,%d +%d,%d @@\n", ototal ? start : start - 1, ototal, ntotal ? start + shift : start + shift - 1,
                  ntotal);
        sb_append(out, body.data ? body.data : "", body.len);
        sb_free(&body);
        shift += shift_seg;
        shift_seg = 0;
        i = j + 1;
    }
}
