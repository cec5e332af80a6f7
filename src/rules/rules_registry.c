/* rules_registry.c - the list of rules, and the helpers rules share. */
#include <stdarg.h>

#include "rule.h"

extern const Rule rule_abandoned_channel;
extern const Rule rule_big_array_param;
extern const Rule rule_chan_partner;
extern const Rule rule_cond_no_signal;
extern const Rule rule_defer_in_loop;
extern const Rule rule_double_lock;
extern const Rule rule_reslice_pointer_slots;
extern const Rule rule_substring_retention;
extern const Rule rule_subslice_retention;
extern const Rule rule_ticker_leak;
extern const Rule rule_unclosed_resource;
extern const Rule rule_waitgroup;
extern const Rule rule_nil_channel;
extern const Rule rule_goroutine_no_exit;
extern const Rule rule_finalizer_cycle;
extern const Rule rule_lock_across_block;
extern const Rule rule_lock_order;
extern const Rule rule_lost_cancel;
extern const Rule rule_mutex_not_unlocked;

/* ORDER: alphabetical, as --list prints them. */
const Rule *const rule_all[] = {
    &rule_abandoned_channel,
    &rule_big_array_param,
    &rule_chan_partner,
    &rule_cond_no_signal,
    &rule_defer_in_loop,
    &rule_double_lock,
    &rule_finalizer_cycle,
    &rule_goroutine_no_exit,
    &rule_lock_across_block,
    &rule_lock_order,
    &rule_lost_cancel,
    &rule_mutex_not_unlocked,
    &rule_nil_channel,
    &rule_reslice_pointer_slots,
    &rule_subslice_retention,
    &rule_substring_retention,
    &rule_ticker_leak,
    &rule_unclosed_resource,
    &rule_waitgroup,
};
const int rule_count = (int)ARRAY_LEN(rule_all);

const Rule *rule_find(const char *name)
{
    for (int i = 0; i < rule_count; i++)
        if (strcmp(rule_all[i]->name, name) == 0)
            return rule_all[i];
    return NULL;
}

const Rule *rule_closest(const char *name)
{
    const Rule *best = NULL;
    int best_d = 3;
    for (int i = 0; i < rule_count; i++) {
        int d = str_closeness(name, rule_all[i]->name);
        if (d < best_d) {
            best_d = d;
            best = rule_all[i];
        }
    }
    return best;
}

/* Statements that hold others: a finding at one spans its header only. */
static bool compound(GoNodeKind k)
{
    return k == GO_FILE || k == GO_FUNC_DECL || k == GO_BLOCK_STMT || k == GO_IF_STMT || k == GO_FOR_STMT ||
           k == GO_RANGE_STMT || k == GO_SWITCH_STMT || k == GO_TYPE_SWITCH_STMT || k == GO_SELECT_STMT ||
           k == GO_CASE_CLAUSE || k == GO_COMM_CLAUSE || k == GO_GEN_DECL;
}

typedef struct {
    GoPos pos;
    GoNode *best;
} Extent;

static bool extent_pre(GoNode *n, void *ctx)
{
    Extent *e = ctx;
    if (e->pos < n->pos || e->pos >= n->end)
        return false;
    if (n->pos == e->pos && !compound(n->kind) && (!e->best || n->end > e->best->end))
        e->best = n;
    return true;
}

/* The end of the largest statement or expression that starts at pos (not a
 * block or a compound statement), or pos itself when none does. */
static GoPos finding_end(Pass *p, GoPos pos)
{
    for (size_t i = 0; i < p->pkg->files.len; i++) {
        GoNode *f = p->pkg->files.items[i]->ast;
        if (!f || pos < f->pos || pos >= f->end)
            continue;
        Extent e = {pos, NULL};
        go_inspect(f, extent_pre, NULL, &e);
        return e.best ? e.best->end : pos;
    }
    return pos;
}

/* Rules whose test-file findings are of medium confidence. */
static const char *const medium_in_tests[] = {
    "abandoned-channel", "big-array-param", "goroutine-no-exit", "mutex-not-unlocked",
    "nil-channel", "reslice-pointer-slots", "ticker-leak",
};

bool rule_medium_in_tests(const Rule *r)
{
    for (size_t i = 0; i < ARRAY_LEN(medium_in_tests); i++)
        if (strcmp(r->name, medium_in_tests[i]) == 0)
            return true;
    return false;
}

/* A test helper package (etcd's rafttest, libkv's testutils): a file that
 * is not a _test.go file imports "testing". Its code runs only under go
 * test, as test files do. */
bool rule_test_helper_pkg(Pass *p)
{
    for (size_t i = 0; i < p->pkg->files.len; i++) {
        PkgFile *pf = p->pkg->files.items[i];
        GoFile *f = pf->is_test ? NULL : pf->ast;
        for (uint32_t k = 0; f && k < f->imports.len; k++) {
            GoImportSpec *is = GO_AS(GoImportSpec, f->imports.items[k]);
            if (is && is->path && is->path->len == 9 && memcmp(is->path->text, "\"testing\"", 9) == 0)
                return true;
        }
    }
    return false;
}

static void vreport(Pass *p, GoPos pos, bool medium, const char *fmt, va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        die("out of memory");
    GoSrcFile *f = go_fileset_file(p->fset, pos);
    GoPosition at = f ? go_file_position(f, pos) : (GoPosition){0};
    if (rule_medium_in_tests(p->rule) && at.path && (str_has_suffix(at.path, "_test.go") || rule_test_helper_pkg(p)))
        medium = true;
    Diag d = {.rule = p->rule->name, .msg = msg, .path = at.path ? at.path : p->pkg->dir, .line = at.line,
              .col = at.col, .src = f ? f->src : NULL, .srclen = f ? f->len : 0, .medium = medium};
    if (f) {
        GoPos end = finding_end(p, pos);
        GoPosition e = go_file_position(f, end);
        if (end > pos && e.line > 0) {
            d.end_line = e.line;
            d.end_col = e.col;
        }
    }
    array_push(p->out, d);
    p->last_file = f;
}

void pass_related(Pass *p, GoPos pos, const char *fmt, ...)
{
    if (!p->out->len || !p->last_file)
        return;
    Diag *d = array_last(p->out);
    GoSrcFile *f = go_fileset_file(p->fset, pos);
    if (!f || d->nrelated >= 8)
        return;
    GoPosition at = go_file_position(f, pos);
    if (f == p->last_file && at.line == d->line && at.col == d->col)
        return; /* the finding's own site */
    for (uint32_t i = 0; i < d->nrelated; i++)
        if (d->related[i].line == at.line && d->related[i].col == at.col &&
            (d->related[i].path ? f != p->last_file && strcmp(d->related[i].path, at.path) == 0 : f == p->last_file))
            return; /* named already */
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        die("out of memory");
    va_end(ap);
    DiagSite site = {.line = at.line, .col = at.col, .msg = msg,
                     .path = f == p->last_file ? NULL : at.path ? at.path : p->pkg->dir};
    GoPos end = finding_end(p, pos);
    GoPosition e = go_file_position(f, end);
    if (end > pos && e.line > 0) {
        site.end_line = e.line;
        site.end_col = e.col;
    }
    d->related = xrealloc(d->related, (d->nrelated + 1) * sizeof *d->related);
    d->related[d->nrelated++] = site;
}

void pass_fix(Pass *p, const char *what, GoPos start, GoPos end, const char *text)
{
    if (!p->out->len || !p->last_file || end < start)
        return;
    Diag *d = array_last(p->out);
    if (go_fileset_file(p->fset, start) != p->last_file || go_fileset_file(p->fset, end) != p->last_file)
        return;
    uint32_t s = (uint32_t)(start - p->last_file->base), e = (uint32_t)(end - p->last_file->base);
    if (e > d->srclen)
        return;
    /* edits stay in order and apart */
    if (d->nedits && s < d->edits[d->nedits - 1].end)
        return;
    d->edits = xrealloc(d->edits, (d->nedits + 1) * sizeof *d->edits);
    d->edits[d->nedits++] = (DiagEdit){s, e, xstrdup(text)};
    if (!d->fix)
        d->fix = xstrdup(what);
}

void pass_report(Pass *p, GoPos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(p, pos, false, fmt, ap);
    va_end(ap);
}

void pass_report_medium(Pass *p, GoPos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(p, pos, true, fmt, ap);
    va_end(ap);
}

void pass_each_func(Pass *p, FuncVisitor fn, void *ctx)
{
    size_t n;
    GoNode **funcs = sema_funcs(p->sema, &n);
    for (size_t i = 0; i < n; i++) {
        GoNode *f = funcs[i];
        GoBlockStmt *body = f->kind == GO_FUNC_DECL ? ((GoFuncDecl *)f)->body : ((GoFuncLit *)f)->body;
        fn(p, f, body, ctx);
    }
}

typedef struct {
    bool (*pre)(GoNode *, void *);
    void *ctx;
    GoNode *root;
} Shallow;

static bool shallow_pre(GoNode *n, void *ctx)
{
    Shallow *sh = ctx;
    if (n != sh->root && n->kind == GO_FUNC_LIT)
        return false;
    return sh->pre(n, sh->ctx);
}

void pass_inspect_shallow(GoNode *n, bool (*pre)(GoNode *n, void *ctx), void *ctx)
{
    Shallow sh = {pre, ctx, n};
    if (n)
        go_inspect(n, shallow_pre, NULL, &sh);
}
