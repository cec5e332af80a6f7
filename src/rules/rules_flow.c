/* rules_flow.c - helpers shared by the lock, channel and retention rules:
 * mutex recognition, lock calls, lock keys across a package. */
#include <ctype.h>

#include "rules_flow.h"

bool flow_name_has(const char *name, const char *word)
{
    size_t n = strlen(name), w = strlen(word);
    for (size_t i = 0; i + w <= n; i++) {
        size_t k = 0;
        while (k < w && tolower((unsigned char)name[i + k]) == tolower((unsigned char)word[k]))
            k++;
        if (k == w)
            return true;
    }
    return false;
}

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static bool is_sync_mutex(Type *t)
{
    return type_is_named_ptr(t, "sync", "Mutex") || type_is_named_ptr(t, "sync", "RWMutex");
}

bool flow_is_mutex(Pass *p, GoNode *x)
{
    x = rule_unparen(x);
    if (!x)
        return false;
    Type *t = sema_type_of(p->sema, x);
    if (t) {
        if (is_sync_mutex(t))
            return true;
        if (t->kind == TY_POINTER)
            t = t->elem;
        Type *u = type_underlying(t);
        if (u && u->kind == TY_STRUCT) {
            for (int i = 0; i < u->nfields; i++)
                if (u->fields[i].embedded && is_sync_mutex(u->fields[i].type))
                    return true;
            return false;
        }
        if (u)
            return false;
    }
    if (x->kind != GO_IDENT && x->kind != GO_SELECTOR_EXPR)
        return false;
    const char *name = rule_name(p, x);
    if (x->kind == GO_IDENT) {
        /* a local or parameter of unknown type: only plain mutex names */
        return strcmp(name, "mu") == 0 || strcmp(name, "mtx") == 0 || strcmp(name, "mutex") == 0;
    }
    return strcmp(name, "mu") == 0 || strcmp(name, "mtx") == 0 || strcmp(name, "mutex") == 0 ||
           strcmp(name, "lock") == 0 || strcmp(name, "rwmu") == 0 || ends_with(name, "Mu") ||
           ends_with(name, "Mutex") || ends_with(name, "Mtx") || ends_with(name, "mu") ||
           ends_with(name, "Lock");
}

LockOp flow_lock_call(Pass *p, GoNode *call, GoNode **recv)
{
    GoCallExpr *c = GO_AS(GoCallExpr, rule_unparen(call));
    if (!c || c->args.len != 0)
        return LOCK_NONE;
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, rule_unparen(c->fun));
    if (!se || !se->sel || !se->x)
        return LOCK_NONE;
    LockOp op;
    if (go_ident_eq(se->sel, "Lock"))
        op = LOCK_LOCK;
    else if (go_ident_eq(se->sel, "RLock"))
        op = LOCK_RLOCK;
    else if (go_ident_eq(se->sel, "Unlock"))
        op = LOCK_UNLOCK;
    else if (go_ident_eq(se->sel, "RUnlock"))
        op = LOCK_RUNLOCK;
    else
        return LOCK_NONE;
    Obj *o = sema_expr_obj(p->sema, se->x);
    if (o && o->kind == OBJ_PKGNAME)
        return LOCK_NONE;
    if (!flow_is_mutex(p, se->x))
        return LOCK_NONE;
    *recv = rule_unparen(se->x);
    return op;
}

static bool key_of(Pass *p, GoNode *x, StrBuf *sb)
{
    x = rule_unparen(x);
    if (!x)
        return false;
    if (x->kind == GO_IDENT) {
        Obj *o = sema_obj(p->sema, (GoIdent *)x);
        if (!o || o->kind != OBJ_VAR)
            return false;
        if (o->flags & OBJF_GLOBAL) {
            sb_printf(sb, "var:%s", o->name);
            return true;
        }
        sb_printf(sb, "local:%p", (void *)o);
        return true;
    }
    if (x->kind == GO_STAR_EXPR)
        return key_of(p, ((GoStarExpr *)x)->x, sb);
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, x);
    if (!se || !se->sel)
        return false;
    Obj *o = sema_expr_obj(p->sema, se->x);
    if (o && o->kind == OBJ_PKGNAME)
        return false;
    Type *t = sema_type_of(p->sema, se->x);
    if (t && t->kind == TY_POINTER)
        t = t->elem;
    if (t && t->kind == TY_NAMED && t->name) {
        sb_printf(sb, "%s.%s", t->name, rule_name(p, (GoNode *)se->sel));
        return true;
    }
    if (!key_of(p, se->x, sb))
        return false;
    sb_printf(sb, ".%s", rule_name(p, (GoNode *)se->sel));
    return true;
}

const char *flow_lock_key(Pass *p, GoNode *x)
{
    StrBuf sb = {0};
    const char *r = NULL;
    if (key_of(p, x, &sb))
        r = arena_strndup(&p->sema->arena, sb.data, sb.len);
    sb_free(&sb);
    return r;
}

const char *flow_func_name(Pass *p, GoNode *func)
{
    GoFuncDecl *fd = GO_AS(GoFuncDecl, func);
    return fd && fd->name ? rule_name(p, (GoNode *)fd->name) : "";
}

typedef struct {
    PtrMap *map;
    Array(GoNode *) stack;
} ParentWalk;

static bool parent_pre(GoNode *n, void *ctx)
{
    ParentWalk *w = ctx;
    if (w->stack.len)
        ptrmap_set(w->map, n, w->stack.items[w->stack.len - 1]);
    array_push(&w->stack, n);
    return true;
}

static void parent_post(GoNode *n, void *ctx)
{
    (void)n;
    ParentWalk *w = ctx;
    w->stack.len--;
}

void flow_parents_init(FlowParents *fp, GoNode *root)
{
    fp->root = root;
    fp->built = false;
    ptrmap_init(&fp->map);
}

void flow_parents_free(FlowParents *fp)
{
    ptrmap_free(&fp->map);
}

GoNode *flow_parent(FlowParents *fp, const GoNode *n)
{
    if (!fp->built) {
        fp->built = true;
        ParentWalk w = {&fp->map, {0}};
        if (fp->root)
            go_inspect(fp->root, parent_pre, parent_post, &w);
        array_free(&w.stack);
    }
    return ptrmap_get(&fp->map, n);
}

GoNode *flow_enclosing_func(FlowParents *fp, const GoNode *n)
{
    for (GoNode *q = flow_parent(fp, n); q; q = flow_parent(fp, q))
        if (q->kind == GO_FUNC_DECL || q->kind == GO_FUNC_LIT)
            return q;
    return NULL;
}

bool flow_in_loop(FlowParents *fp, GoNode *n, GoNode *stop)
{
    for (GoNode *q = flow_parent(fp, n); q && q != stop; q = flow_parent(fp, q))
        if (q->kind == GO_FOR_STMT || q->kind == GO_RANGE_STMT)
            return true;
    return false;
}

static void each_stmt(GoNode *n, GoList *list, uint32_t index, FlowStmtFn fn, void *ctx, int depth);

static void each_list(GoList *l, FlowStmtFn fn, void *ctx, int depth)
{
    for (uint32_t i = 0; i < l->len; i++)
        each_stmt(l->items[i], l, i, fn, ctx, depth);
}

static void each_stmt(GoNode *n, GoList *list, uint32_t index, FlowStmtFn fn, void *ctx, int depth)
{
    if (!n || depth > 1000)
        return;
    fn(n, list, index, ctx);
    depth++;
    switch (n->kind) {
    case GO_BLOCK_STMT:
        each_list(&((GoBlockStmt *)n)->list, fn, ctx, depth);
        return;
    case GO_LABELED_STMT:
        each_stmt(((GoLabeledStmt *)n)->stmt, NULL, 0, fn, ctx, depth);
        return;
    case GO_IF_STMT: {
        GoIfStmt *is = (GoIfStmt *)n;
        each_stmt(is->init, NULL, 0, fn, ctx, depth);
        each_stmt((GoNode *)is->body, NULL, 0, fn, ctx, depth);
        each_stmt(is->else_, NULL, 0, fn, ctx, depth);
        return;
    }
    case GO_FOR_STMT: {
        GoForStmt *fs = (GoForStmt *)n;
        each_stmt(fs->init, NULL, 0, fn, ctx, depth);
        each_stmt(fs->post, NULL, 0, fn, ctx, depth);
        each_stmt((GoNode *)fs->body, NULL, 0, fn, ctx, depth);
        return;
    }
    case GO_RANGE_STMT:
        each_stmt((GoNode *)((GoRangeStmt *)n)->body, NULL, 0, fn, ctx, depth);
        return;
    case GO_SWITCH_STMT: {
        GoSwitchStmt *ss = (GoSwitchStmt *)n;
        each_stmt(ss->init, NULL, 0, fn, ctx, depth);
        each_stmt((GoNode *)ss->body, NULL, 0, fn, ctx, depth);
        return;
    }
    case GO_TYPE_SWITCH_STMT: {
        GoTypeSwitchStmt *ts = (GoTypeSwitchStmt *)n;
        each_stmt(ts->init, NULL, 0, fn, ctx, depth);
        each_stmt(ts->assign, NULL, 0, fn, ctx, depth);
        each_stmt((GoNode *)ts->body, NULL, 0, fn, ctx, depth);
        return;
    }
    case GO_SELECT_STMT:
        each_stmt((GoNode *)((GoSelectStmt *)n)->body, NULL, 0, fn, ctx, depth);
        return;
    case GO_CASE_CLAUSE:
        each_list(&((GoCaseClause *)n)->body, fn, ctx, depth);
        return;
    case GO_COMM_CLAUSE:
        each_stmt(((GoCommClause *)n)->comm, NULL, 0, fn, ctx, depth);
        each_list(&((GoCommClause *)n)->body, fn, ctx, depth);
        return;
    default:
        return;
    }
}

void flow_each_stmt(GoBlockStmt *body, FlowStmtFn fn, void *ctx)
{
    if (body)
        each_stmt((GoNode *)body, NULL, 0, fn, ctx, 0);
}
