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
