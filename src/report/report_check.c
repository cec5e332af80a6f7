/* report_check.c - go-vet-style text and GitHub Actions annotations. */
#include "report_check.h"
#include "../util/term.h"

static int cmp_diag(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    c = strcmp(x->rule, y->rule);
    return c ? c : strcmp(x->msg, y->msg);
}

void diag_free(Diag *d)
{
    free(d->msg);
    for (uint32_t i = 0; i < d->nrelated; i++)
        free(d->related[i].msg);
    free(d->related);
    for (uint32_t i = 0; i < d->nedits; i++)
        free(d->edits[i].text);
    free(d->edits);
    free(d->fix);
    d->msg = d->fix = NULL;
    d->related = NULL;
    d->edits = NULL;
    d->nrelated = d->nedits = 0;
}

void diag_line_col(const Diag *d, uint32_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (uint32_t i = 0; d->src && i < off && i < d->srclen; i++) {
        if (d->src[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

void diag_sort(DiagList *dl)
{
    if (dl->len < 2)
        return;
    qsort(dl->items, dl->len, sizeof(Diag), cmp_diag);
    size_t w = 1;
    for (size_t i = 1; i < dl->len; i++) {
        if (cmp_diag(&dl->items[i], &dl->items[w - 1]) == 0) {
            diag_free(&dl->items[i]);
            continue;
        }
        dl->items[w++] = dl->items[i];
    }
    dl->len = w;
}

void diag_list_free(DiagList *dl)
{
    for (size_t i = 0; i < dl->len; i++)
        diag_free(&dl->items[i]);
    array_free(dl);
}

/* Start of 1-based line n in src, or NULL past the end. */
static const char *line_start(const char *src, size_t len, int n, const char **end)
{
    const char *p = src, *e = src + len;
    for (int i = 1; i < n; i++) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p > e || (p == e && n > 1))
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    *end = nl ? nl : e;
    if (*end > p && (*end)[-1] == '\r')
        (*end)--;
    return p;
}

static void excerpt(StrBuf *out, const Diag *d, int context, bool color)
{
    if (!d->src)
        return;
    int first = d->line - context < 1 ? 1 : d->line - context;
    int last = d->line + context;
    for (int n = first; n <= last; n++) {
        const char *e;
        const char *s = line_start(d->src, d->srclen, n, &e);
        if (!s)
            break;
        sb_printf(out, "%6d | ", n);
        term_escape(out, s, (size_t)(e - s));
        sb_putc(out, '\n');
        if (n == d->line) {
            sb_puts(out, "       | ");
            /* Keep tabs so the caret lines up under tab-indented code. */
            for (int i = 0; i < d->col - 1 && s + i < e; i++)
                sb_putc(out, s[i] == '\t' ? '\t' : ' ');
            sb_puts(out, color ? "\033[1;32m^\033[0m\n" : "^\n");
        }
    }
}

void report_check_text(StrBuf *out, const DiagList *dl, int context, bool color)
{
    for (size_t i = 0; i < dl->len; i++) {
        const Diag *d = &dl->items[i];
        if (color)
            sb_printf(out, "\033[1m%s:%d:%d:\033[0m %s \033[2m(%s)\033[0m\n", term_safe(d->path), d->line, d->col,
                      term_safe(d->msg), d->rule);
        else
            sb_printf(out, "%s:%d:%d: %s (%s)\n", term_safe(d->path), d->line, d->col, term_safe(d->msg), d->rule);
        if (context >= 0)
            excerpt(out, d, context, color);
    }
}

/* Workflow-command escaping: data escapes % CR LF, properties also : and ,. */
static void gh_escape(StrBuf *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': sb_puts(out, "%25"); break;
        case '\r': sb_puts(out, "%0D"); break;
        case '\n': sb_puts(out, "%0A"); break;
        case ':': sb_puts(out, property ? "%3A" : ":"); break;
        case ',': sb_puts(out, property ? "%2C" : ","); break;
        default: sb_putc(out, *s);
        }
    }
}

void report_check_github(StrBuf *out, const DiagList *dl)
{
    for (size_t i = 0; i < dl->len; i++) {
        const Diag *d = &dl->items[i];
        sb_puts(out, "::warning file=");
        gh_escape(out, d->path, true);
        sb_printf(out, ",line=%d,col=%d,title=", d->line, d->col);
        gh_escape(out, d->rule, true);
        sb_puts(out, "::");
        gh_escape(out, d->msg, false);
        sb_printf(out, " (%s)\n", d->rule);
    }
}
