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
