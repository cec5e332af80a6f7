/* rules_util.c - small helpers the rules share. */
#include "rule.h"

GoNode *rule_unparen(GoNode *n)
{
    while (n && n->kind == GO_PAREN_EXPR)
        n = ((GoParenExpr *)n)->x;
    return n;
}

bool rule_is_no_return_call(Pass *p, GoNode *expr)
{
    GoCallExpr *c = GO_AS(GoCallExpr, rule_unparen(expr));
    if (!c || !c->fun)
        return false;
    GoNode *fun = rule_unparen(c->fun);
    if (fun->kind == GO_IDENT) {
        if (!go_ident_eq((GoIdent *)fun, "panic"))
            return false;
        Obj *o = sema_obj(p->sema, (GoIdent *)fun);
        return o && o->kind == OBJ_BUILTIN;
    }
    const char *pkg, *name;
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, fun);
    if (!se || !se->sel)
        return false;
    return sema_callee(p->sema, c, &pkg, &name) && stdlib_no_return(pkg, name);
}

bool rule_is_terminating(Pass *p, GoNode *s)
{
    if (!s)
        return false;
    switch (s->kind) {
    case GO_RETURN_STMT:
        return true;
    case GO_BRANCH_STMT:
        return ((GoBranchStmt *)s)->tok == GO_T_GOTO;
    case GO_EXPR_STMT:
        return rule_is_no_return_call(p, ((GoExprStmt *)s)->x);
    case GO_BLOCK_STMT: {
        GoBlockStmt *b = (GoBlockStmt *)s;
        return b->list.len && rule_is_terminating(p, b->list.items[b->list.len - 1]);
    }
    case GO_IF_STMT: {
        GoIfStmt *is = (GoIfStmt *)s;
        return is->else_ && rule_is_terminating(p, (GoNode *)is->body) && rule_is_terminating(p, is->else_);
    }
    case GO_LABELED_STMT:
        return rule_is_terminating(p, ((GoLabeledStmt *)s)->stmt);
    default:
        return false;
    }
}

int rule_line(Pass *p, GoPos pos)
{
    GoSrcFile *f = go_fileset_file(p->fset, pos);
    return f ? go_file_line(f, pos) : 0;
}

const char *rule_name(Pass *p, GoNode *n)
{
    n = rule_unparen(n);
    if (n && n->kind == GO_IDENT)
        return go_ident_str((GoIdent *)n, &p->sema->arena);
    if (n && n->kind == GO_SELECTOR_EXPR && ((GoSelectorExpr *)n)->sel)
        return go_ident_str(((GoSelectorExpr *)n)->sel, &p->sema->arena);
    return "?";
}

bool rule_pkg_mentions(Pass *p, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < p->pkg->files.len; i++) {
        PkgFile *f = p->pkg->files.items[i];
        if (memmem(f->src.data, f->src.len, word, n))
            return true;
    }
    return false;
}

const char *rule_expr_text(Pass *p, GoNode *n)
{
    GoSrcFile *f = n ? go_fileset_file(p->fset, n->pos) : NULL;
    if (!f || n->end <= n->pos || n->end - f->base > f->len)
        return "?";
    size_t len = n->end - n->pos;
    const char *text = f->src + (n->pos - f->base);
    if (len > 40 || memchr(text, '\n', len))
        return "the expression";
    return arena_strndup(&p->sema->arena, text, len);
}

bool rule_fix_defer_after(Pass *p, GoNode *stmt, const char *what, const char *deferred)
{
    GoNode *parent = sema_parent(p->sema, stmt);
    if (!parent || (parent->kind != GO_BLOCK_STMT && parent->kind != GO_CASE_CLAUSE &&
                    parent->kind != GO_COMM_CLAUSE))
        return false;
    GoSrcFile *f = go_fileset_file(p->fset, stmt->pos);
    if (!f || f != p->last_file || stmt->end < f->base || stmt->end - f->base > f->len)
        return false;
    const char *src = f->src;
    uint32_t end = stmt->end - f->base, start = stmt->pos - f->base;
    /* only a line comment or blanks may follow the statement on its line */
    uint32_t e = end;
    while (e < f->len && (src[e] == ' ' || src[e] == '\t'))
        e++;
    if (e < f->len && src[e] != '\n' && src[e] != '\r') {
        if (e + 1 >= f->len || src[e] != '/' || src[e + 1] != '/')
            return false;
    }
    while (e < f->len && src[e] != '\n')
        e++;
    if (e > end && src[e - 1] == '\r')
        e--;
    /* the statement's indentation */
    uint32_t ls = start;
    while (ls > 0 && src[ls - 1] != '\n')
        ls--;
    uint32_t ie = ls;
    while (ie < start && (src[ie] == ' ' || src[ie] == '\t'))
        ie++;
    if (ie != start)
        return false; /* not the first statement on its line */
    char *text = xasprintf("\n%.*sdefer %s", (int)(ie - ls), src + ls, deferred);
    pass_fix(p, what, f->base + e, f->base + e, text);
    free(text);
    return true;
}

/* The file of the package holding pos, or NULL. */
static GoFile *file_at(Pass *p, GoPos pos)
{
    for (size_t i = 0; i < p->pkg->files.len; i++) {
        GoFile *f = (GoFile *)p->pkg->files.items[i]->ast;
        if (f && pos >= f->n.pos && pos < f->n.end)
            return f;
    }
    return NULL;
}

/* Whether only blanks stand before off on its line; *ls: the line's start. */
static bool starts_line(const char *src, uint32_t off, uint32_t *ls)
{
    uint32_t s = off;
    while (s > 0 && src[s - 1] != '\n')
        s--;
    *ls = s;
    for (uint32_t k = s; k < off; k++)
        if (src[k] != ' ' && src[k] != '\t')
            return false;
    return true;
}

/* Whether the bytes [a, b) hold a blank line. */
static bool blank_line_between(const char *src, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++) {
        if (src[k] != '\n')
            continue;
        uint32_t j = k + 1;
        while (j < b && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r'))
            j++;
        if (j < b && src[j] == '\n')
            return true;
    }
    return false;
}

typedef struct {
    Pass *p;
    const char *name;
    bool taken;
} NameUse;

static bool name_pre(GoNode *n, void *ctx)
{
    NameUse *u = ctx;
    if (u->taken)
        return false;
    if (n->kind == GO_IDENT && go_ident_eq((GoIdent *)n, u->name)) {
        Obj *o = sema_obj(u->p->sema, (GoIdent *)n);
        if (o && o->kind != OBJ_PKGNAME)
            u->taken = true;
    }
    return true;
}

/* Whether an identifier of the file named name is something other than
 * an import (a local strings would hide the package). */
static bool name_taken(Pass *p, GoFile *gf, const char *name)
{
    NameUse u = {p, name, false};
    go_inspect((GoNode *)gf, name_pre, NULL, &u);
    return u.taken;
}

const char *rule_fix_import(Pass *p, GoPos at, const char *path, const char *what)
{
    GoFile *gf = file_at(p, at);
    GoSrcFile *f = go_fileset_file(p->fset, at);
    if (!gf || !f || f != p->last_file || !gf->name)
        return NULL;
    const char *slash = strrchr(path, '/');
    if (name_taken(p, gf, slash ? slash + 1 : path))
        return NULL;
    size_t plen = strlen(path);
    const char *last = strrchr(path, '/');
    const char *base = last ? last + 1 : path;
    for (uint32_t i = 0; i < gf->imports.len; i++) {
        GoImportSpec *is = (GoImportSpec *)gf->imports.items[i];
        if (!is->path || is->path->len != plen + 2 || memcmp(is->path->text + 1, path, plen) != 0)
            continue;
        if (!is->name)
            return base;
        if (go_ident_eq(is->name, "_") || go_ident_eq(is->name, "."))
            return NULL;
        return arena_strndup(&p->sema->arena, is->name->name, is->name->len);
    }
    /* the name must not be taken at file scope */
    for (uint32_t i = 0; i < gf->imports.len; i++) {
        GoImportSpec *is = (GoImportSpec *)gf->imports.items[i];
        if (is->name ? go_ident_eq(is->name, base)
                     : is->path && is->path->len >= 2 && (size_t)is->path->len - 2 >= strlen(base) &&
                           memcmp(is->path->text + is->path->len - 1 - strlen(base), base, strlen(base)) == 0)
            return NULL; /* another package of that name */
    }
    const char *src = f->src;
    GoGenDecl *imp = NULL;
    for (uint32_t i = 0; i < gf->decls.len && !imp; i++) {
        GoGenDecl *g = GO_AS(GoGenDecl, gf->decls.items[i]);
        if (g && g->tok == GO_T_IMPORT)
            imp = g;
    }
    char *text = NULL;
    uint32_t off;
    if (!imp) {
        off = gf->name->n.end - f->base;
        text = xasprintf("\n\nimport \"%s\"", path);
    } else if (imp->lparen == GO_NOPOS) {
        off = imp->n.end - f->base;
        text = xasprintf("\nimport \"%s\"", path);
    } else {
        /* in the first run of specs, at its sorted place (gofmt sorts runs) */
        if (!imp->specs.len)
            return NULL;
        GoImportSpec *after = NULL, *before = NULL;
        for (uint32_t i = 0; i < imp->specs.len; i++) {
            GoImportSpec *is = (GoImportSpec *)imp->specs.items[i];
            if (!is->path || is->path->len < 2)
                return NULL;
            if (i && blank_line_between(src, imp->specs.items[i - 1]->end - f->base, is->n.pos - f->base))
                break;
            size_t l = is->path->len - 2;
            int c = memcmp(is->path->text + 1, path, l < plen ? l : plen);
            if (c > 0 || (c == 0 && l > plen)) {
                before = is;
                break;
            }
            after = is;
        }
        uint32_t ls;
        if (before) {
            if (!starts_line(src, before->n.pos - f->base, &ls))
                return NULL;
            off = ls;
            text = xasprintf("%.*s\"%s\"\n", (int)(before->n.pos - f->base - ls), src + ls, path);
        } else {
            if (!after || !starts_line(src, after->n.pos - f->base, &ls))
                return NULL;
            off = after->n.end - f->base;
            while (off < f->len && src[off] != '\n')
                off++;
            if (off >= f->len)
                return NULL;
            text = xasprintf("\n%.*s\"%s\"", (int)(after->n.pos - f->base - ls), src + ls, path);
        }
    }
    size_t before_n = p->out->len ? array_last(p->out)->nedits : 0;
    pass_fix(p, what, f->base + off, f->base + off, text);
    free(text);
    if (!p->out->len || array_last(p->out)->nedits == before_n)
        return NULL;
    return base;
}

bool rule_fix_wrap(Pass *p, GoNode *n, const char *what, const char *open, const char *close)
{
    GoSrcFile *f = go_fileset_file(p->fset, n->pos);
    if (!f || f != p->last_file || !p->out->len || n->end <= n->pos || n->end - f->base > f->len)
        return false;
    Diag *d = array_last(p->out);
    uint32_t had = d->nedits;
    pass_fix(p, what, n->pos, n->pos, open);
    pass_fix(p, what, n->end, n->end, close);
    if (d->nedits == had + 2)
        return true;
    d->nedits = had; /* half a fix is none */
    return false;
}

bool rule_fix_line_before(Pass *p, GoNode *stmt, const char *what, const char *line)
{
    GoSrcFile *f = go_fileset_file(p->fset, stmt->pos);
    if (!f || f != p->last_file || stmt->pos < f->base || stmt->pos - f->base > f->len)
        return false;
    GoNode *parent = sema_parent(p->sema, stmt);
    if (!parent || (parent->kind != GO_BLOCK_STMT && parent->kind != GO_CASE_CLAUSE &&
                    parent->kind != GO_COMM_CLAUSE))
        return false;
    uint32_t start = stmt->pos - f->base, ls;
    if (!starts_line(f->src, start, &ls))
        return false;
    char *text = xasprintf("%.*s%s\n", (int)(start - ls), f->src + ls, line);
    size_t had = p->out->len ? array_last(p->out)->nedits : 0;
    pass_fix(p, what, f->base + ls, f->base + ls, text);
    free(text);
    return p->out->len && array_last(p->out)->nedits > had;
}

const char *rule_zero_value(Pass *p, Type *t)
{
    if (!t)
        return NULL;
    Type *u = type_underlying(t);
    if (!u)
        return NULL;
    switch (u->kind) {
    case TY_POINTER: case TY_MAP: case TY_CHAN: case TY_FUNC: case TY_INTERFACE: case TY_SLICE:
        return "nil";
    case TY_BASIC:
        return u->name && strcmp(u->name, "string") == 0 ? "\"\"" : NULL;
    case TY_STRUCT:
        /* a struct type of this package, by its name */
        if (t->kind == TY_NAMED && t->name && t->spec && !t->spec->type_params && t->spec_owner == p->sema)
        {
            char *z = xasprintf("%s{}", t->name);
            const char *r = arena_strndup(&p->sema->arena, z, strlen(z));
            free(z);
            return r;
        }
        return NULL;
    default:
        return NULL;
    }
}

bool rule_in_test(Pass *p, GoPos pos)
{
    GoSrcFile *sf = go_fileset_file(p->fset, pos);
    return sf && sf->path && str_has_suffix(sf->path, "_test.go");
}

/* Whether e denotes a table fixed by the source: a composite literal, an
 * array, or a variable (local or package-level) initialized from a
 * composite literal and never assigned again, or a field of an element of
 * such a table (tt.inputs while ranging over tests). */
static bool fixed_table(Pass *p, GoNode *e, int depth)
{
    e = rule_unparen(e);
    if (!e || depth > 4)
        return false;
    if (e->kind == GO_COMPOSITE_LIT)
        return true;
    if (e->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)e)->op == GO_T_AND)
        return fixed_table(p, ((GoUnaryExpr *)e)->x, depth + 1);
    Type *t = sema_type_of(p->sema, e);
    Type *u = type_underlying(t);
    if (u && u->kind == TY_POINTER)
        u = type_underlying(u->elem);
    if (u && u->kind == TY_ARRAY && u->len >= 0)
        return true;
    Obj *o = NULL;
    if (e->kind == GO_IDENT)
        o = sema_obj(p->sema, (GoIdent *)e);
    else if (e->kind == GO_SELECTOR_EXPR) {
        GoSelectorExpr *se = (GoSelectorExpr *)e;
        GoNode *x = rule_unparen(se->x);
        if (x && x->kind == GO_IDENT) {
            Obj *b = sema_obj(p->sema, (GoIdent *)x);
            /* pkg.Table */
            if (b && b->kind == OBJ_PKGNAME && se->sel)
                o = sema_obj(p->sema, se->sel);
            /* tt.field, tt ranging over a fixed table */
            else if (b && b->kind == OBJ_VAR && b->decl && b->decl->kind == GO_RANGE_STMT &&
                     b->nassign == 0)
                return fixed_table(p, ((GoRangeStmt *)b->decl)->x, depth + 1);
        }
    }
    if (!o || o->kind != OBJ_VAR || o->nassign > 0 || (o->flags & OBJF_PARAM))
        return false;
    GoNode *init = rule_unparen(o->init);
    return init && init->kind == GO_COMPOSITE_LIT && o->init_index < 0;
}

bool rule_fixed_table(Pass *p, GoNode *e)
{
    return fixed_table(p, e, 0);
}

/* The bound of `i < E` / `i <= E` / `E > i`: E a constant (at most max) or
 * len of a fixed table. */
static bool small_bound(Pass *p, GoNode *cond, int64_t max)
{
    GoBinaryExpr *b = GO_AS(GoBinaryExpr, rule_unparen(cond));
    if (!b)
        return false;
    GoNode *e = NULL;
    if (b->op == GO_T_LSS || b->op == GO_T_LEQ || b->op == GO_T_NEQ)
        e = b->y;
    else if (b->op == GO_T_GTR || b->op == GO_T_GEQ)
        e = b->x;
    if (!e)
        return false;
    int64_t v;
    if (sema_const_int(p->sema, e, &v))
        return v <= max;
    GoCallExpr *c = GO_AS(GoCallExpr, rule_unparen(e));
    if (c && c->args.len == 1) {
        GoIdent *fn = GO_AS(GoIdent, rule_unparen(c->fun));
        Obj *o = fn ? sema_obj(p->sema, fn) : NULL;
        if (o && o->kind == OBJ_BUILTIN && go_ident_eq(fn, "len"))
            return fixed_table(p, c->args.items[0], 0);
    }
    return false;
}

bool rule_loop_bounded(Pass *p, GoNode *loop, int64_t max)
{
    if (!loop)
        return false;
    if (loop->kind == GO_RANGE_STMT) {
        GoNode *x = rule_unparen(((GoRangeStmt *)loop)->x);
        int64_t v;
        if (x && sema_const_int(p->sema, x, &v))
            return v <= max;
        return fixed_table(p, x, 0);
    }
    if (loop->kind == GO_FOR_STMT) {
        GoForStmt *f = (GoForStmt *)loop;
        return f->init && f->post && f->cond && small_bound(p, f->cond, max);
    }
    return false;
}
