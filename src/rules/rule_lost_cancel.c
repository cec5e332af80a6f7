/* rule_lost_cancel.c - the cancel function of context.WithCancel,
 * WithTimeout, WithDeadline (and WithCancelCause) not called on every path
 * to a return, as go vet's lostcancel. */
#include "../flow/flow.h"
#include "rule.h"

static const char *const with_funcs[] = {"WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause"};

static const char *context_with(Pass *p, GoNode *e)
{
    GoCallExpr *c = GO_AS(GoCallExpr, rule_unparen(e));
    if (!c)
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(with_funcs); i++)
        if (sema_is_call_to(p->sema, (GoNode *)c, "context", with_funcs[i]))
            return with_funcs[i];
    return NULL;
}

typedef struct {
    Pass *p;
    Obj *cancel;
} UseCtx;

static bool uses_cancel(GoNode *n, void *ctx)
{
    UseCtx *u = ctx;
    return sema_mentions(u->p->sema, n, u->cancel);
}

typedef struct {
    Pass *p;
    Obj *o;
    GoIdent *def;
    int uses;
    GoPos first;        /* the first mention after the definition */
    bool first_target;  /* ... is an assignment to it: overwritten */
    GoNode *first_stmt; /* that assignment */
} UseCount;

static bool count_use(GoNode *n, void *ctx)
{
    UseCount *u = ctx;
    if (n->kind == GO_IDENT && (GoIdent *)n != u->def && sema_obj(u->p->sema, (GoIdent *)n) == u->o) {
        /* an assignment target is not a use */
        GoNode *par = sema_parent(u->p->sema, n);
        GoAssignStmt *as = par ? GO_AS(GoAssignStmt, par) : NULL;
        bool target = false;
        for (uint32_t i = 0; as && i < as->lhs.len; i++)
            target |= as->lhs.items[i] == n;
        if (!target)
            u->uses++;
        if (n->pos > u->def->n.pos && (u->first == GO_NOPOS || n->pos < u->first)) {
            u->first = n->pos;
            u->first_target = target;
            u->first_stmt = target ? (GoNode *)as : NULL;
        }
    }
    return true;
}

/* The defining statement: ctx, cancel := context.WithX(...) or the var form. */
static void check_def(Pass *p, GoNode *func, GoNode *stmt, GoNode *lhs1, GoNode *call, const char *fn)
{
    GoIdent *id = GO_AS(GoIdent, lhs1);
    GoSelectorExpr *fs = GO_AS(GoSelectorExpr, rule_unparen(lhs1));
    if (!id && fs && fs->sel && fs->sel->len && !(fs->sel->name[0] >= 'A' && fs->sel->name[0] <= 'Z')) {
        /* stored in an unexported field that nothing in the package
         * reads (calls, defers, hands on): it can never be called */
        Type *t = sema_type_of(p->sema, fs->x);
        if (t && t->kind == TY_POINTER)
            t = t->elem;
        FlowPkg *fp = t && t->kind == TY_NAMED ? flow_pkg(p->sema, p->fset) : NULL;
        if (fp && flow_field_reads(fp, t, fs->sel->name, fs->sel->len) == 0)
            pass_report(p, lhs1->pos,
                        "the cancel function returned by context.%s is stored in '%s', which nothing in the "
                        "package calls or reads (context leak); call it when the work it bounds ends", fn,
                        rule_expr_text(p, lhs1));
        return;
    }
    if (!id)
        return; /* stored elsewhere: not tracked */
    if (go_ident_eq(id, "_")) {
        /* tests discard cancel functions on purpose (the context's own
         * tests, contexts that live as long as the test) */
        if (rule_in_test(p, call->pos))
            return;
        pass_report(p, call->pos,
                    "the cancel function returned by context.%s is discarded, so the context is never "
                    "released (possible context leak); assign it and defer cancel()", fn);
        return;
    }
    Obj *o = sema_obj(p->sema, id);
    /* named results are handed to the caller by every return */
    if (!o || o->kind != OBJ_VAR || (o->flags & (OBJF_GLOBAL | OBJF_RESULT | OBJF_PARAM)) || o->func != func)
        return;
    /* Never used at all (or overwritten before any use): the context
     * leaks on every call. Used on some paths only: medium, since the
     * paths that skip it are often ones that end the process or the
     * context is canceled through its parent. */
    UseCount uc = {p, o, id, 0, GO_NOPOS, false, NULL};
    go_inspect((GoNode *)(func->kind == GO_FUNC_DECL ? (GoNode *)((GoFuncDecl *)func)->body
                                                     : (GoNode *)((GoFuncLit *)func)->body),
               count_use, NULL, &uc);
    /* overwritten: the next mention assigns it again in the same block
     * (not in the other branch of an if) */
    bool overwritten = uc.first_target && uc.first_stmt &&
                       sema_parent(p->sema, uc.first_stmt) == sema_parent(p->sema, stmt);
    if (uc.uses == 0 || overwritten) {
        pass_report(p, id->n.pos,
                    "the cancel function returned by context.%s is never called (context leak); "
                    "defer %s() right after the call", fn, o->name);
        return;
    }
    UseCtx u = {p, o};
    Cfg *g = sema_cfg(p->sema, func);
    GoNode *ret = NULL;
    if (!cfg_path_avoiding(g, stmt, uses_cancel, &u, &ret))
        return;
    pass_report_medium(p, id->n.pos,
                "the cancel function returned by context.%s is not called on all paths (possible context "
                "leak); defer %s() right after the call", fn, o->name);
    if (ret)
        pass_related(p, ret->pos, "this return is reached without calling %s", o->name);
    char *what = xasprintf("add defer %s() after context.%s", o->name, fn);
    char *call_text = xasprintf("%s()", o->name);
    if (stmt->kind == GO_ASSIGN_STMT)
        rule_fix_defer_after(p, stmt, what, call_text);
    free(what);
    free(call_text);
    if (ret)
        pass_report_medium(p, ret->pos, "this return statement may be reached without calling %s (defined on line %d)",
                    o->name, rule_line(p, id->n.pos));
}

typedef struct {
    Pass *p;
    GoNode *func;
} FuncCtx;

static bool visit(GoNode *n, void *ctx)
{
    FuncCtx *fc = ctx;
    if (n->kind == GO_ASSIGN_STMT) {
        GoAssignStmt *as = (GoAssignStmt *)n;
        if (as->rhs.len == 1 && as->lhs.len == 2) {
            const char *fn = context_with(fc->p, as->rhs.items[0]);
            if (fn)
                check_def(fc->p, fc->func, n, as->lhs.items[1], as->rhs.items[0], fn);
        }
        return true;
    }
    if (n->kind == GO_DECL_STMT) {
        GoGenDecl *gd = GO_AS(GoGenDecl, ((GoDeclStmt *)n)->decl);
        if (!gd)
            return false;
        for (uint32_t i = 0; i < gd->specs.len; i++) {
            GoValueSpec *vs = GO_AS(GoValueSpec, gd->specs.items[i]);
            if (vs && vs->names.len == 2 && vs->values.len == 1) {
                const char *fn = context_with(fc->p, vs->values.items[0]);
                if (fn)
                    check_def(fc->p, fc->func, n, vs->names.items[1], vs->values.items[0], fn);
            }
        }
        return false;
    }
    if (n->kind == GO_EXPR_STMT) {
        /* context.WithCancel(ctx) as a statement drops both results */
        const char *fn = context_with(fc->p, ((GoExprStmt *)n)->x);
        if (fn && !rule_in_test(fc->p, n->pos))
            pass_report(fc->p, n->pos,
                        "the cancel function returned by context.%s is discarded, so the context is never "
                        "released (possible context leak); assign it and defer cancel()", fn);
    }
    return true;
}

static void per_func(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx)
{
    (void)ctx;
    FuncCtx fc = {p, func};
    pass_inspect_shallow((GoNode *)body, visit, &fc);
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, "WithCancel") && !rule_pkg_mentions(p, "WithTimeout") &&
        !rule_pkg_mentions(p, "WithDeadline"))
        return;
    pass_each_func(p, per_func, NULL);
}

const Rule rule_lost_cancel = {
    "lost-cancel",
    "cancel function of context.WithCancel/WithTimeout/WithDeadline not called on some path",
    "context.WithCancel, WithTimeout and WithDeadline return a derived context\n"
    "and a cancel function. Until cancel is called (or the parent is\n"
    "cancelled, or the deadline passes) the child stays registered in its\n"
    "parent and its timer stays armed: if cancel is dropped on some path,\n"
    "each call leaks a context, and with a long-lived parent such as\n"
    "context.Background() they pile up. This is go vet's lostcancel check: a\n"
    "cancel that is discarded, or not used on some path from the call to a\n"
    "return statement. A cancel overwritten before any use is reported, and\n"
    "so is one stored in an unexported field that nothing in the package\n"
    "reads (calls, defers or hands on): it can never be called.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func fetch(url string) error {\n"
    "        ctx, cancel := context.WithTimeout(context.Background(), time.Second)\n"
    "        req, err := http.NewRequestWithContext(ctx, \"GET\", url, nil)\n"
    "        if err != nil {\n"
    "            return err // cancel is not called on this path\n"
    "        }\n"
    "        defer cancel()\n"
    "        return do(req)\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func fetch(url string) error {\n"
    "        ctx, cancel := context.WithTimeout(context.Background(), time.Second)\n"
    "        defer cancel()\n"
    "        req, err := http.NewRequestWithContext(ctx, \"GET\", url, nil)\n"
    "        if err != nil {\n"
    "            return err\n"
    "        }\n"
    "        return do(req)\n"
    "    }\n"
    "\n"
    "Fix: defer cancel() right after the call. Any use of the cancel\n"
    "variable on a path (a call, a defer, passing or storing it) counts as\n"
    "handling it, as in go vet.\n",
    run,
    NULL,
    .counts =
        "Before cancels called on some paths became medium and tests' discards\n"
        "were left alone (drip 0.1.0, tests included; Go 1.19 standard library\n"
        "/ grpc / etcd / docker): 18 / 0 / 0 / 0, all in context/context_test.go,\n"
        "which discards cancel functions on purpose. Today's counts are the\n"
        "triaged ones.\n",
};
