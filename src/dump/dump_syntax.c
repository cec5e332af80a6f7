/* dump_syntax.c - what the Go source of a frame's line says, parsed with
 * drip's front end (each file once per cache): the operation on a
 * blocking line (debug=1 stacks carry no wait reason) and whether it reads
 * a ticker, the function literal a line is in (the wg.Go call), and
 * whether a goroutine blocked on a channel send or receive waits on a
 * channel held by a package-level variable.
 *
 * Such a channel belongs to the whole program, not to the goroutine's
 * caller: any code, at any time, may still send on it, receive from it or
 * close it (a worker ranging over a package-level jobs channel is idle
 * until the next job), so a dump cannot show that the wait never ends.
 * Go's own leak detector sees it the same way: a package-level variable is
 * a GC root, so the channel stays reachable and the goroutine is not
 * reported (runtime/mgc.go, isMaybeRunnable). */
#include "dump.h"

#include <dirent.h>
#include <string.h>

#include "../go/ast.h"

/* One parsed file; f is NULL when it could not be read. */
typedef struct {
    FileData fd;
    GoFile *f;
} ParsedFile;

struct SyntaxCache {
    GoFileSet *fs;
    Arena arena;         /* trees and keys */
    HashMap files;       /* path -> ParsedFile * */
};

SyntaxCache *syntax_cache_new(void)
{
    SyntaxCache *c = xcalloc(1, sizeof *c);
    c->fs = go_fileset_new();
    arena_init(&c->arena);
    hashmap_init(&c->files);
    return c;
}

void syntax_cache_free(SyntaxCache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->files.cap; i++) {
        if (!c->files.slots[i].key)
            continue;
        ParsedFile *p = c->files.slots[i].value;
        if (p->f)
            file_data_free(&p->fd);
        free(p);
    }
    hashmap_free(&c->files);
    arena_free(&c->arena);
    go_fileset_free(c->fs);
    free(c);
}

enum { SYNTAX_MAX_FILE = 4 << 20 };

static GoFile *parsed(SyntaxCache *c, const char *path)
{
    size_t pl = strlen(path);
    ParsedFile *p = hashmap_get(&c->files, path, pl);
    if (p)
        return p->f;
    p = xcalloc(1, sizeof *p);
    hashmap_set(&c->files, arena_strndup(&c->arena, path, pl), pl, p);
    if (pl < 3 || strcmp(path + pl - 3, ".go") != 0 || !file_read(path, &p->fd))
        return NULL;
    if (p->fd.len > SYNTAX_MAX_FILE) {
        file_data_free(&p->fd);
        return NULL;
    }
    GoErrors errs = {0};
    p->f = go_parse(c->fs, path, p->fd.data, p->fd.len, &c->arena, &errs);
    go_errors_free(&errs);
    return p->f;
}

static bool ident_is(const GoNode *n, const GoIdent *name)
{
    const GoIdent *id = GO_AS(GoIdent, n);
    return id && id->len == name->len && memcmp(id->name, name->name, id->len) == 0;
}

static GoNode *unparen(GoNode *n)
{
    GoParenExpr *p;
    while ((p = GO_AS(GoParenExpr, n)) != NULL)
        n = p->x;
    return n;
}

/* --- the channel operand on the blocking line --- */

typedef struct {
    const GoSrcFile *file;
    int line;
    GoNode *chan;        /* the operand of the first send, receive or range */
} FindChan;

static bool find_chan(GoNode *n, void *ctx)
{
    FindChan *fc = ctx;
    if (fc->chan)
        return false;
    if (go_file_line(fc->file, n->pos) > fc->line || go_file_line(fc->file, n->end) < fc->line)
        return false; /* the line is not inside n */
    if (go_file_line(fc->file, n->pos) == fc->line) {
        GoSendStmt *s = GO_AS(GoSendStmt, n);
        GoUnaryExpr *u = GO_AS(GoUnaryExpr, n);
        GoRangeStmt *r = GO_AS(GoRangeStmt, n);
        if (s)
            fc->chan = s->chan;
        else if (u && u->op == GO_T_ARROW)
            fc->chan = u->x;
        else if (r)
            fc->chan = r->x;
        if (fc->chan)
            return false;
    }
    return true;
}

/* --- declarations of the name inside the enclosing function --- */

typedef struct {
    const GoIdent *name;
    bool found;
} FindLocal;

static bool list_declares(const GoList *l, const GoIdent *name)
{
    for (uint32_t i = 0; i < l->len; i++)
        if (ident_is(l->items[i], name))
            return true;
    return false;
}

/* Parameters, results, := and var/const declarations, range variables:
 * any of them may shadow the package-level name. Scopes are not tracked:
 * a declaration anywhere in the function counts (the safe side: the
 * goroutine stays a suspect). */
static bool find_local(GoNode *n, void *ctx)
{
    FindLocal *fl = ctx;
    if (fl->found)
        return false;
    GoField *f = GO_AS(GoField, n);
    GoAssignStmt *as = GO_AS(GoAssignStmt, n);
    GoValueSpec *vs = GO_AS(GoValueSpec, n);
    GoRangeStmt *r = GO_AS(GoRangeStmt, n);
    if ((f && list_declares(&f->names, fl->name)) || (as && as->tok == GO_T_DEFINE && list_declares(&as->lhs, fl->name)) ||
        (vs && list_declares(&vs->names, fl->name)) ||
        (r && r->tok == GO_T_DEFINE && ((r->key && ident_is(r->key, fl->name)) || (r->value && ident_is(r->value, fl->name)))))
        fl->found = true;
    return !fl->found;
}

/* --- package-level variables --- */

static bool file_declares_var(const GoFile *f, const GoIdent *name)
{
    for (uint32_t i = 0; i < f->decls.len; i++) {
        GoGenDecl *d = GO_AS(GoGenDecl, f->decls.items[i]);
        if (!d || d->tok != GO_T_VAR)
            continue;
        for (uint32_t j = 0; j < d->specs.len; j++) {
            GoValueSpec *vs = GO_AS(GoValueSpec, d->specs.items[j]);
            if (vs && list_declares(&vs->names, name))
                return true;
        }
    }
    return false;
}

static bool same_package(const GoFile *a, const GoFile *b)
{
    return a->name && b->name && a->name->len == b->name->len &&
           memcmp(a->name->name, b->name->name, a->name->len) == 0;
}

/* The name is a var of f's package: declared in f or in another .go file
 * (not a test) of the same folder and package. */
static bool package_declares_var(SyntaxCache *c, const char *path, const GoFile *f, const GoIdent *name)
{
    if (file_declares_var(f, name))
        return true;
    const char *slash = strrchr(path, '/');
    char dir[4096];
    size_t dl = slash ? (size_t)(slash - path) : 1;
    if (dl >= sizeof dir)
        return false;
    memcpy(dir, slash ? path : ".", dl);
    dir[dl] = 0;
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool found = false;
    for (struct dirent *e; !found && (e = readdir(d)) != NULL;) {
        size_t nl = strlen(e->d_name);
        if (nl < 4 || strcmp(e->d_name + nl - 3, ".go") != 0 || (nl > 8 && strcmp(e->d_name + nl - 8, "_test.go") == 0))
            continue;
        char sib[4096 + 256];
        snprintf(sib, sizeof sib, "%s/%s", dir, e->d_name);
        if (strcmp(sib, path) == 0)
            continue;
        const GoFile *g = parsed(c, sib);
        found = g && same_package(f, g) && file_declares_var(g, name);
    }
    closedir(d);
    return found;
}

bool syntax_chan_is_package_var(SyntaxCache *c, const char *path, uint32_t line)
{
    if (!c || !path || !*path || !line)
        return false;
    GoFile *f = parsed(c, path);
    if (!f || f->nerrors)
        return false;
    /* the top-level function holding the line */
    GoFuncDecl *fn = NULL;
    for (uint32_t i = 0; i < f->decls.len && !fn; i++) {
        GoFuncDecl *d = GO_AS(GoFuncDecl, f->decls.items[i]);
        if (d && d->body && go_file_line(f->file, d->n.pos) <= (int)line && go_file_line(f->file, d->n.end) >= (int)line)
            fn = d;
    }
    if (!fn)
        return false;
    FindChan fc = {f->file, (int)line, NULL};
    go_inspect((GoNode *)fn->body, find_chan, NULL, &fc);
    const GoIdent *name = fc.chan ? GO_AS(GoIdent, unparen(fc.chan)) : NULL;
    if (!name || (name->len == 1 && name->name[0] == '_'))
        return false;
    FindLocal fl = {name, false};
    go_inspect((GoNode *)fn, find_local, NULL, &fl);
    return !fl.found && package_declares_var(c, path, f, name);
}

/* --- the operation on a line --- */

static bool ident_named(const GoNode *n, const char *name)
{
    const GoIdent *id = GO_AS(GoIdent, n);
    return id && id->len == strlen(name) && memcmp(id->name, name, id->len) == 0;
}

/* x.C (a Ticker's or Timer's channel) or time.Tick(...) */
static bool is_ticker_chan(GoNode *x)
{
    x = unparen(x);
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, x);
    if (se)
        return ident_named(&se->sel->n, "C");
    GoCallExpr *call = GO_AS(GoCallExpr, x);
    GoSelectorExpr *fun = call ? GO_AS(GoSelectorExpr, unparen(call->fun)) : NULL;
    return fun && ident_named(fun->x, "time") && ident_named(&fun->sel->n, "Tick");
}

/* The channel a select case receives from, or NULL. */
static GoNode *case_recv_chan(GoNode *comm)
{
    GoExprStmt *es = GO_AS(GoExprStmt, comm);
    GoAssignStmt *as = GO_AS(GoAssignStmt, comm);
    GoNode *x = es ? es->x : as && as->rhs.len == 1 ? as->rhs.items[0] : NULL;
    GoUnaryExpr *u = x ? GO_AS(GoUnaryExpr, unparen(x)) : NULL;
    return u && u->op == GO_T_ARROW ? u->x : NULL;
}

typedef struct {
    const GoSrcFile *file;
    int line;
    SourceOp *out;
    bool found;
} FindOp;

static bool find_op(GoNode *n, void *ctx)
{
    FindOp *fo = ctx;
    if (fo->found)
        return false;
    if (go_file_line(fo->file, n->pos) > fo->line || go_file_line(fo->file, n->end) < fo->line)
        return false; /* the line is not inside n */
    if (go_file_line(fo->file, n->pos) != fo->line)
        return true;
    SourceOp *o = fo->out;
    GoSelectStmt *sel = GO_AS(GoSelectStmt, n);
    GoSendStmt *send = GO_AS(GoSendStmt, n);
    GoUnaryExpr *u = GO_AS(GoUnaryExpr, n);
    GoRangeStmt *r = GO_AS(GoRangeStmt, n);
    GoCallExpr *call = GO_AS(GoCallExpr, n);
    GoSelectorExpr *fun = call ? GO_AS(GoSelectorExpr, unparen(call->fun)) : NULL;
    if (sel) {
        o->op = sel->body && sel->body->list.len ? BLOCK_SELECT : BLOCK_SELECT_NO_CASES;
        for (uint32_t i = 0; sel->body && i < sel->body->list.len && !o->ticker; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, sel->body->list.items[i]);
            GoNode *ch = cc && cc->comm ? case_recv_chan(cc->comm) : NULL;
            o->ticker = ch && is_ticker_chan(ch);
        }
    } else if (send) {
        o->op = BLOCK_CHAN_SEND;
    } else if (u && u->op == GO_T_ARROW) {
        o->op = BLOCK_CHAN_RECV;
        o->ticker = is_ticker_chan(u->x);
    } else if (r) {
        o->op = BLOCK_CHAN_RECV; /* a range that blocks ranges over a channel */
        o->ticker = is_ticker_chan(r->x);
    } else if (fun && call->args.len == 0 && ident_named(&fun->sel->n, "Lock")) {
        o->op = BLOCK_MUTEX;
    } else if (fun && call->args.len == 0 && ident_named(&fun->sel->n, "RLock")) {
        o->op = BLOCK_RWMUTEX_READ;
    } else {
        return true;
    }
    fo->found = true;
    return false;
}

bool syntax_op_at(SyntaxCache *c, const char *path, uint32_t line, SourceOp *out)
{
    out->op = BLOCK_UNKNOWN;
    out->ticker = false;
    if (!c || !path || !*path || !line)
        return false;
    GoFile *f = parsed(c, path);
    if (!f)
        return false;
    FindOp fo = {f->file, (int)line, out, false};
    for (uint32_t i = 0; i < f->decls.len && !fo.found; i++)
        go_inspect(f->decls.items[i], find_op, NULL, &fo);
    return fo.found;
}

/* --- the function literal holding a line --- */

typedef struct {
    const GoSrcFile *file;
    int line;
    GoFuncLit *lit;      /* the innermost so far */
} FindLit;

static bool find_lit(GoNode *n, void *ctx)
{
    FindLit *fl = ctx;
    if (go_file_line(fl->file, n->pos) > fl->line || go_file_line(fl->file, n->end) < fl->line)
        return false;
    GoFuncLit *lit = GO_AS(GoFuncLit, n);
    if (lit)
        fl->lit = lit; /* visited outermost first: the last one is innermost */
    return true;
}

uint32_t syntax_func_lit_line(SyntaxCache *c, const char *path, uint32_t line)
{
    if (!c || !path || !*path || !line)
        return 0;
    GoFile *f = parsed(c, path);
    if (!f)
        return 0;
    FindLit fl = {f->file, (int)line, NULL};
    for (uint32_t i = 0; i < f->decls.len; i++)
        go_inspect(f->decls.items[i], find_lit, NULL, &fl);
    return fl.lit ? (uint32_t)go_file_line(f->file, fl.lit->n.pos) : 0;
}
