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
    GoError err = {pos, msg};
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

void go_errors_print(GoErrors *e, GoFileSet *fs, FILE *out, size_t max)
{
    /* like gofmt: every error of the (sorted) list; the parser already
     * dropped follow-on errors on the same line */
    for (size_t i = 0; i < e->list.len && (!max || i < max); i++) {
        GoError *err = &e->list.items[i];
        GoPosition p = go_fileset_position(fs, err->pos);
        if (p.path)
            fprintf(out, "%s:%d:%d: %s\n", term_safe(p.path), p.line, p.col, term_safe(err->msg));
        else
            fprintf(out, "%s\n", term_safe(err->msg));
    }
}

void go_errors_free(GoErrors *e)
{
    for (size_t i = 0; i < e->list.len; i++)
        free(e->list.items[i].msg);
    array_free(&e->list);
}
