/* pos.c - file sets, positions, line tables and syntax error lists. */
#include <stdarg.h>

#include "token.h"
#include "../util/term.h"

static const char *const tok_names[] = {
#define X(name, str) str,
    GO_TOKENS(X)
#undef X
};

const char *go_tok_str(GoTok t)
{
    return (unsigned)t < GO_T_COUNT ? tok_names[t] : "?";
}

bool go_tok_is_keyword(GoTok t)
{
    return t >= GO_T_BREAK && t <= GO_T_VAR;
}

bool go_tok_is_literal(GoTok t)
{
    return t >= GO_T_IDENT && t <= GO_T_STRING;
}

GoFileSet *go_fileset_new(void)
{
    GoFileSet *fs = xcalloc(1, sizeof *fs);
    pthread_mutex_init(&fs->mu, NULL);
    fs->next_base = 1;
    return fs;
}

void go_fileset_free(GoFileSet *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->files.len; i++) {
        GoSrcFile *f = fs->files.items[i];
        free(f->path);
        free(f->lines);
        for (size_t k = 0; k < f->infos.len; k++)
            free(f->infos.items[k].filename);
        array_free(&f->infos);
        free(f);
    }
    array_free(&fs->files);
    pthread_mutex_destroy(&fs->mu);
    free(fs);
}

GoSrcFile *go_fileset_add(GoFileSet *fs, const char *path, const char *src, size_t len)
{
    GoSrcFile *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->src = src;
    if (len > UINT32_MAX / 2)
        len = UINT32_MAX / 2; /* positions are 32 bits; such a file is absurd */
    f->len = (uint32_t)len;
    pthread_mutex_lock(&fs->mu);
    if ((uint64_t)fs->next_base + len + 1 > UINT32_MAX)
        die("too much Go source for one file set (4 GB)");
    f->base = fs->next_base;
    fs->next_base += (GoPos)len + 1; /* +1: the EOF position of each file */
    array_push(&fs->files, f);
    pthread_mutex_unlock(&fs->mu);
    return f;
}

static GoSrcFile *find_file(GoFileSet *fs, GoPos pos)
{
    size_t lo = 0, hi = fs->files.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fs->files.items[mid]->base <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    GoSrcFile *f = fs->files.items[lo - 1];
    return pos <= f->base + f->len ? f : NULL;
}

GoSrcFile *go_fileset_file(GoFileSet *fs, GoPos pos)
{
    if (pos == GO_NOPOS)
        return NULL;
    pthread_mutex_lock(&fs->mu);
    GoSrcFile *f = find_file(fs, pos);
    pthread_mutex_unlock(&fs->mu);
    return f;
}

int go_file_line(const GoSrcFile *f, GoPos pos)
{
    uint32_t off = pos - f->base;
    uint32_t lo = 0, hi = f->nlines;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (f->lines[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? 1 : (int)lo;
}

GoPosition go_file_position(const GoSrcFile *f, GoPos pos)
{
    GoPosition p = {0};
    if (!f || pos < f->base || pos > f->base + f->len)
        return p;
    p.path = f->path;
    p.offset = pos - f->base;
    p.line = go_file_line(f, pos);
    uint32_t start = f->nlines ? f->lines[p.line - 1] : 0;
    p.col = (int)(p.offset - start) + 1;
    return p;
}

GoPosition go_fileset_position(GoFileSet *fs, GoPos pos)
{
    return go_file_position(go_fileset_file(fs, pos), pos);
}

static int line_in(const uint32_t *lines, uint32_t nlines, uint32_t off)
{
    uint32_t lo = 0, hi = nlines;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (lines[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? 1 : (int)lo;
}

/* go/token's File.unpack with adjusted set; before: leave out a directive
 * that starts exactly at pos */
static GoPosition position_adjusted(const GoSrcFile *f, const uint32_t *lines, uint32_t nlines, GoPos pos,
                                    bool before)
{
    GoPosition p = {0};
    if (!f || pos < f->base || pos > f->base + f->len)
        return p;
    if (!lines) {
        lines = f->lines;
        nlines = f->nlines;
    }
    p.path = f->path;
    p.offset = pos - f->base;
    p.line = line_in(lines, nlines, p.offset);
    p.col = (int)(p.offset - (nlines ? lines[p.line - 1] : 0)) + 1;
    /* the last directive at or before the position */
    size_t lo = 0, hi = f->infos.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->infos.items[mid].offset < p.offset || (!before && f->infos.items[mid].offset == p.offset))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return p;
    const GoLineInfo *alt = &f->infos.items[lo - 1];
    p.path = alt->filename;
    int64_t d = p.line - line_in(lines, nlines, alt->offset);
    p.line = (int)(alt->line + d);
    if (alt->col == 0)
        p.col = 0; /* unknown until the next directive */
    else if (d == 0)
        p.col = (int)(alt->col + (p.offset - alt->offset));
    return p;
}

GoPosition go_file_position_adjusted(const GoSrcFile *f, const uint32_t *lines, uint32_t nlines,
                                     GoPos pos)
{
    return position_adjusted(f, lines, nlines, pos, false);
}

GoPosition go_fileset_position_adjusted(GoFileSet *fs, GoPos pos)
{
    return go_file_position_adjusted(go_fileset_file(fs, pos), NULL, 0, pos);
}

GoPosition go_file_error_position(const GoSrcFile *f, const uint32_t *lines, uint32_t nlines,
                                  const GoError *err)
{
    return position_adjusted(f, lines, nlines, err->pos, err->before_directive);
}

GoPosition go_error_position(GoFileSet *fs, const GoError *err)
{
    return position_adjusted(go_fileset_file(fs, err->pos), NULL, 0, err->pos, err->before_directive);
}

void go_errors_add(GoErrors *e, GoPos pos, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap2);
    va_end(ap2);
    GoError err = {pos, msg, false};
    array_push(&e->list, err);
}

static int cmp_err(const void *a, const void *b)
{
    const GoError *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return strcmp(x->msg, y->msg);
}

void go_errors_sort(GoErrors *e)
{
    if (e->list.len > 1)
        qsort(e->list.items, e->list.len, sizeof(GoError), cmp_err);
}

typedef struct {
    GoPosition p;
    GoError e;
} PosErr;

/* strcmp, with the \0 the lexer writes for a NUL byte (in a directive's
 * file name or message) ordered as that byte, as Go compares strings. */
static int cmp_text(const char *a, const char *b)
{
    for (;;) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        int wa = 1, wb = 1;
        if (ca == '\\' && a[1] == '0') {
            ca = 0;
            wa = 2;
        } else if (ca == 0) {
            ca = -1; /* the end sorts first */
        }
        if (cb == '\\' && b[1] == '0') {
            cb = 0;
            wb = 2;
        } else if (cb == 0) {
            cb = -1;
        }
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca < 0)
            return 0;
        a += wa;
        b += wb;
    }
}

static int cmp_pos_err(const void *a, const void *b)
{
    const PosErr *x = a, *y = b;
    int c = cmp_text(x->p.path ? x->p.path : "", y->p.path ? y->p.path : "");
    if (c)
        return c;
    if (x->p.line != y->p.line)
        return x->p.line < y->p.line ? -1 : 1;
    if (x->p.col != y->p.col)
        return x->p.col < y->p.col ? -1 : 1;
    return cmp_text(x->e.msg, y->e.msg);
}

void go_errors_sort_adjusted(GoErrors *e, GoFileSet *fs)
{
    size_t n = e->list.len;
    if (n < 2)
        return;
    PosErr *v = xmalloc(sizeof *v * n);
    for (size_t i = 0; i < n; i++) {
        v[i].e = e->list.items[i];
        v[i].p = go_error_position(fs, &v[i].e);
    }
    qsort(v, n, sizeof *v, cmp_pos_err);
    for (size_t i = 0; i < n; i++)
        e->list.items[i] = v[i].e;
    free(v);
}

void go_errors_print(GoErrors *e, GoFileSet *fs, FILE *out, size_t max)
{
    /* like gofmt: every error of the (sorted) list; the parser already
     * dropped follow-on errors on the same line */
    for (size_t i = 0; i < e->list.len && (!max || i < max); i++) {
        GoError *err = &e->list.items[i];
        GoPosition p = go_error_position(fs, err);
        if (!p.path) {
            fprintf(out, "%s\n", term_safe(err->msg));
            continue;
        }
        /* go/token's Position.String */
        char where[64] = "";
        if (p.line > 0) {
            if (p.col != 0)
                snprintf(where, sizeof where, "%s%d:%d", p.path[0] ? ":" : "", p.line, p.col);
            else
                snprintf(where, sizeof where, "%s%d", p.path[0] ? ":" : "", p.line);
        }
        fprintf(out, "%s%s: %s\n", p.path[0] || where[0] ? term_safe(p.path) : "-", where, term_safe(err->msg));
    }
}

void go_errors_free(GoErrors *e)
{
    for (size_t i = 0; i < e->list.len; i++)
        free(e->list.items[i].msg);
    array_free(&e->list);
}
