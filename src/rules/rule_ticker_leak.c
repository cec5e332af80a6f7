/* rule_ticker_leak.c - tickers and timers that are never released:
 * time.NewTicker not stopped on some path, time.Tick in a function that
 * returns, time.After created on every iteration of a for-select loop. */
#include "rule.h"

typedef struct {
    Pass *p;
    Obj *t;
} TickCtx;

/* A "handling" use: t.Stop(), or t itself going anywhere (returned,
 * stored, passed): then someone else may stop it. t.C and t.Reset don't. */
typedef struct {
    Pass *p;
    Obj *t;
    bool hit;
} HandleCtx;

static bool handle_pre(GoNode *n, void *ctx)
{
    HandleCtx *h = ctx;
    if (h->hit)
        return false;
    if (n->kind == GO_SELECTOR_EXPR) {
        GoSelectorExpr *se = (GoSelectorExpr *)n;
        if (sema_expr_obj(h->p->sema, se->x) == h->t && se->sel) {
            if (go_ident_eq(se->sel, "Stop"))
                h->hit = true;
            return false; /* t.C, t.Reset: not a release */
        }
        return true;
    }
    if (n->kind == GO_IDENT && sema_obj(h->p->sema, (GoIdent *)n) == h->t)
        h->hit = true;
    return !h->hit;
}

static bool handles(GoNode *n, void *ctx)
{
    TickCtx *tc = ctx;
    HandleCtx h = {tc->p, tc->t, false};
    go_inspect(n, handle_pre, NULL, &h);
    return h.hit;
}

static bool is_new_ticker(Pass *p, GoNode *e)
{
    return sema_is_call_to(p->sema, rule_unparen(e), "time", "NewTicker");
}

static void check_ticker_def(Pass *p, GoNode *func, GoNode *stmt, GoNode *lhs, GoNode *call)
{
    GoIdent *id = GO_AS(GoIdent, lhs);
    if (!id)
        return;
    if (go_ident_eq(id, "_")) {
        pass_report(p, call->pos, "ticker from time.NewTicker is discarded and can never be stopped; keep it and defer its Stop()");
        return;
    }
    Obj *o = sema_obj(p->sema, id);
    if (!o || o->kind != OBJ_VAR || (o->flags & OBJF_GLOBAL) || o->func != func)
        return;
    TickCtx tc = {p, o};
    GoNode *ret = NULL;
    if (!cfg_path_avoiding(sema_cfg(p->sema, func), stmt, handles, &tc, &ret))
        return;
    if (ret)
        pass_report(p, call->pos,
                    "ticker '%s' is not stopped on every path: the return at line %d leaves it running; "
                    "defer %s.Stop() right after creating it", o->name, rule_line(p, ret->pos), o->name);
    else
        pass_report(p, call->pos,
                    "ticker '%s' is not stopped on every path: it keeps running after the function returns; "
                    "defer %s.Stop() right after creating it", o->name, o->name);
}

/* ---- time.After in for-select ------------------------------------------ */

static bool is_after_recv(Pass *p, GoNode *comm, GoNode **call)
{
    GoNode *e = NULL;
    if (!comm)
        return false;
    if (comm->kind == GO_EXPR_STMT)
        e = ((GoExprStmt *)comm)->x;
    else if (comm->kind == GO_ASSIGN_STMT && ((GoAssignStmt *)comm)->rhs.len == 1)
        e = ((GoAssignStmt *)comm)->rhs.items[0];
    GoUnaryExpr *u = GO_AS(GoUnaryExpr, rule_unparen(e));
    if (!u || u->op != GO_T_ARROW)
        return false;
    GoNode *c = rule_unparen(u->x);
    if (!sema_is_call_to(p->sema, c, "time", "After"))
        return false;
    *call = c;
    return true;
}

/* Whether a select clause body leaves the loop for sure. */
static bool clause_leaves(Pass *p, GoList *body, GoIdent *loop_label)
{
    if (!body->len)
        return false;
    GoNode *last = body->items[body->len - 1];
    if (rule_is_terminating(p, last))
        return true;
    GoBranchStmt *b = GO_AS(GoBranchStmt, last);
    if (b && b->label && b->tok == GO_T_BREAK)
        return !loop_label || true; /* a labeled break leaves the select: an enclosing loop */
    return false;
}

typedef struct {
    Pass *p;
    GoNode *func;
    int loop_depth;
    GoIdent *loop_label;
    GoIdent *pending;
    bool is_main;
    bool func_returns_checked, func_returns;
} Walk;

static void walk(Walk *w, GoNode *n);

static bool walk_pre(GoNode *n, void *ctx)
{
    Walk *w = ctx;
    switch (n->kind) {
    case GO_FUNC_LIT:
        return false;
    case GO_LABELED_STMT:
        w->pending = ((GoLabeledStmt *)n)->label;
        return true;
    case GO_FOR_STMT: case GO_RANGE_STMT: {
        Walk inner = *w;
        /* Only loops that can run for long count: for {}, for cond {},
         * and ranges over channels; counted loops end soon. */
        bool unbounded;
        if (n->kind == GO_FOR_STMT)
            unbounded = ((GoForStmt *)n)->post == NULL;
        else {
            Type *u = type_underlying(sema_type_of(w->p->sema, ((GoRangeStmt *)n)->x));
            unbounded = u && u->kind == TY_CHAN;
        }
        inner.loop_depth = unbounded ? w->loop_depth + 1 : 0;
        inner.loop_label = w->pending;
        inner.pending = NULL;
        GoBlockStmt *body = n->kind == GO_FOR_STMT ? ((GoForStmt *)n)->body : ((GoRangeStmt *)n)->body;
        if (n->kind == GO_RANGE_STMT)
            walk(w, ((GoRangeStmt *)n)->x);
        else {
            walk(w, ((GoForStmt *)n)->init);
            walk(w, ((GoForStmt *)n)->cond);
        }
        walk(&inner, (GoNode *)body);
        w->pending = NULL;
        return false;
    }
    case GO_SELECT_STMT: {
        GoSelectStmt *ss = (GoSelectStmt *)n;
        w->pending = NULL;
        if (w->loop_depth > 0 && ss->body) {
            GoNode *after_call = NULL;
            GoCommClause *after_clause = NULL;
            for (uint32_t i = 0; i < ss->body->list.len; i++) {
                GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
                GoNode *c;
                if (cc && is_after_recv(w->p, cc->comm, &c)) {
                    after_call = c;
                    after_clause = cc;
                }
            }
            bool other_loops = false;
            for (uint32_t i = 0; after_call && i < ss->body->list.len; i++) {
                GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
                if (cc && cc != after_clause && !clause_leaves(w->p, &cc->body, w->loop_label))
                    other_loops = true;
            }
            if (after_call && other_loops)
                pass_report(w->p, after_call->pos,
                            "time.After in a for-select loop creates a timer on every iteration that is not "
                            "released until it fires; create one time.NewTimer before the loop and Reset it");
        }
        return true;
    }
    case GO_ASSIGN_STMT: {
        GoAssignStmt *as = (GoAssignStmt *)n;
        for (uint32_t i = 0; i < as->rhs.len && as->rhs.len == as->lhs.len; i++)
            if (is_new_ticker(w->p, as->rhs.items[i]))
                check_ticker_def(w->p, w->func, n, as->lhs.items[i], as->rhs.items[i]);
        return true;
    }
    case GO_DECL_STMT: {
        GoGenDecl *gd = GO_AS(GoGenDecl, ((GoDeclStmt *)n)->decl);
        for (uint32_t i = 0; gd && i < gd->specs.len; i++) {
            GoValueSpec *vs = GO_AS(GoValueSpec, gd->specs.items[i]);
            for (uint32_t k = 0; vs && k < vs->values.len && vs->values.len == vs->names.len; k++)
                if (is_new_ticker(w->p, vs->values.items[k]))
                    check_ticker_def(w->p, w->func, n, vs->names.items[k], vs->values.items[k]);
        }
        return true;
    }
    case GO_EXPR_STMT:
        if (is_new_ticker(w->p, ((GoExprStmt *)n)->x))
            pass_report(w->p, n->pos, "ticker from time.NewTicker is discarded and can never be stopped; keep it and defer its Stop()");
        return true;
    case GO_SELECTOR_EXPR: {
        GoSelectorExpr *se = (GoSelectorExpr *)n;
        if (se->sel && go_ident_eq(se->sel, "C") && is_new_ticker(w->p, se->x)) {
            pass_report(w->p, se->x->pos,
                        "ticker from time.NewTicker(...).C can never be stopped; keep the ticker in a variable and defer its Stop()");
            return false;
        }
        return true;
    }
    case GO_CALL_EXPR:
        if (!w->is_main && sema_is_call_to(w->p->sema, n, "time", "Tick")) {
            if (!w->func_returns_checked) {
                w->func_returns_checked = true;
                Cfg *g = sema_cfg(w->p->sema, w->func);
                w->func_returns = g->exit->live;
            }
            if (w->func_returns)
                pass_report(w->p, n->pos,
                            "time.Tick leaks its ticker once the function returns, since it can never be "
                            "stopped; use time.NewTicker and defer its Stop()");
        }
        return true;
    default:
        return true;
    }
}

static void walk(Walk *w, GoNode *n)
{
    if (n)
        go_inspect(n, walk_pre, NULL, w);
}

static void per_func(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx)
{
    (void)ctx;
    bool is_main = false;
    if (func->kind == GO_FUNC_DECL) {
        GoFuncDecl *fd = (GoFuncDecl *)func;
        is_main = !fd->recv && fd->name && go_ident_eq(fd->name, "main") && strcmp(p->pkg->name, "main") == 0;
    }
    Walk w = {p, func, 0, NULL, NULL, is_main, false, false};
    for (uint32_t i = 0; i < body->list.len; i++)
        walk(&w, body->list.items[i]);
}

static void run(Pass *p)
{
    /* the names, not "time.": an import alias would hide the package */
    if (!rule_pkg_mentions(p, "NewTicker") && !rule_pkg_mentions(p, "Tick(") && !rule_pkg_mentions(p, "After("))
        return;
    pass_each_func(p, per_func, NULL);
}

const Rule rule_ticker_leak = {
    "ticker-leak",
    "ticker or timer that is never released",
    "A time.Ticker sends on its channel forever until Stop is called: a\n"
    "ticker that is not stopped keeps its runtime timer, and everything the\n"
    "goroutine holds, alive. This rule reports three forms (before Go 1.23,\n"
    "unreferenced timers were not collected):\n"
    "\n"
    "  - time.NewTicker whose Stop is not called on some path to a return\n"
    "    (storing, returning or passing the ticker counts as handing it on);\n"
    "  - time.Tick in a function that can return: the ticker can never be\n"
    "    stopped (func main and functions that never return are fine);\n"
    "  - time.After in a select inside a for loop, when another case keeps\n"
    "    looping: every iteration makes a new timer that lives until it fires.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func poll(done <-chan struct{}) {\n"
    "        t := time.NewTicker(time.Second)\n"
    "        for {\n"
    "            select {\n"
    "            case <-t.C:\n"
    "                check()\n"
    "            case <-done:\n"
    "                return // the ticker keeps running\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func poll(done <-chan struct{}) {\n"
    "        t := time.NewTicker(time.Second)\n"
    "        defer t.Stop()\n"
    "        for {\n"
    "            select {\n"
    "            case <-t.C:\n"
    "                check()\n"
    "            case <-done:\n"
    "                return\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "\n"
    "Fix: defer t.Stop() right after time.NewTicker; replace time.Tick with\n"
    "NewTicker and Stop; for a timeout in a for-select loop, create one\n"
    "time.NewTimer before the loop and Reset it, instead of time.After.\n"
    "\n"
    "Findings on real code (drip 0.1.0, tests included; Go 1.19 standard\n"
    "library / grpc / etcd / docker as Debian ships them): 6 / 0 / 6 / 1.\n"
    "Standard library: time.After in for-select loops of four tests\n"
    "(net/http, os), the time.Tick example and time.Tick's own body. etcd:\n"
    "time.After in the raft loop and in monitorVersions, three in tests, and\n"
    "time.Tick in raft/rafttest's node.start. docker: the splunk logger's\n"
    "worker returns without stopping its ticker when the stream closes.\n",
    run,
};
