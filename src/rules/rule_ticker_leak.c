/* rule_ticker_leak.c - tickers and timers that are never released:
 * time.NewTicker not stopped on some path, time.Tick in a function that
 * returns, time.After created on every iteration of a for-select loop.
 * From Go 1.23 (the module's go line) unreferenced timers are collected:
 * then only tickers that stay referenced are reported, those stored in a
 * field or package variable and never stopped, and those a goroutine
 * waits on with no way out. */
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

/* ---- Go >= 1.23: tickers that stay referenced --------------------------- */

/* A use of a stored ticker that may stop it: anything but x.C, x.Reset(d)
 * and being assigned to. */
static bool releasing_use(Pass *p, GoNode *use)
{
    GoNode *parent = sema_parent(p->sema, use);
    while (parent && parent->kind == GO_PAREN_EXPR) {
        use = parent;
        parent = sema_parent(p->sema, parent);
    }
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, parent);
    if (se && se->x == use && se->sel && (go_ident_eq(se->sel, "C") || go_ident_eq(se->sel, "Reset")))
        return false;
    GoAssignStmt *as = GO_AS(GoAssignStmt, parent);
    for (uint32_t i = 0; as && i < as->lhs.len; i++)
        if (as->lhs.items[i] == use)
            return false;
    return true;
}

typedef struct {
    Pass *p;
    GoIdent *field;       /* a field name: look for x.field */
    Obj *global;          /* or a package-level variable */
    bool released;
} StoredCtx;

static bool stored_pre(GoNode *n, void *ctx)
{
    StoredCtx *c = ctx;
    if (c->released)
        return false;
    if (c->field && n->kind == GO_SELECTOR_EXPR) {
        GoSelectorExpr *se = (GoSelectorExpr *)n;
        if (se->sel && se->sel->len == c->field->len && memcmp(se->sel->name, c->field->name, se->sel->len) == 0 &&
            releasing_use(c->p, n))
            c->released = true;
    } else if (c->global && n->kind == GO_IDENT && sema_obj(c->p->sema, (GoIdent *)n) == c->global &&
               (GoNode *)c->global->ident != n && releasing_use(c->p, n)) {
        c->released = true;
    }
    return !c->released;
}

/* Whether a ticker stored in a field (any x.name of the package: the
 * names are not told apart by type) or in a package variable is never
 * stopped or handed on anywhere in the package. An exported name may be
 * stopped by another package: it counts as released. */
static bool never_released(Pass *p, GoIdent *field, Obj *global)
{
    const char *name = field ? field->name : global->name;
    if (*name >= 'A' && *name <= 'Z')
        return false;
    StoredCtx c = {p, field, global, false};
    for (int i = 0; i < p->sema->nfiles && !c.released; i++)
        if (p->sema->files[i])
            go_inspect((GoNode *)p->sema->files[i], stored_pre, NULL, &c);
    return !c.released;
}

static void check_stored(Pass *p, GoNode *lhs, GoNode *call)
{
    lhs = rule_unparen(lhs);
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, lhs);
    GoIdent *id = GO_AS(GoIdent, lhs);
    Obj *o = id ? sema_obj(p->sema, id) : NULL;
    if (se && se->sel && !(sema_expr_obj(p->sema, se->x) && sema_expr_obj(p->sema, se->x)->kind == OBJ_PKGNAME)) {
        if (never_released(p, se->sel, NULL))
            pass_report(p, call->pos,
                        "ticker stored in field '%s' is never stopped: it stays referenced and fires for as long as "
                        "its owner lives; call %s.Stop() when the owner is done", rule_name(p, (GoNode *)se->sel),
                        rule_expr_text(p, lhs));
    } else if (o && o->kind == OBJ_VAR && (o->flags & OBJF_GLOBAL) && o->owner == p->sema) {
        if (never_released(p, NULL, o))
            pass_report(p, call->pos,
                        "ticker in package variable '%s' is never stopped: it fires for the life of the process; "
                        "call %s.Stop() when it is no longer needed", o->name, o->name);
    }
}

/* The CFG node of func's graph holding n (n or an ancestor), or NULL. */
static GoNode *cfg_node_of(Pass *p, Cfg *g, GoNode *n)
{
    CfgBlock *b;
    int idx;
    for (; n && n != g->func; n = sema_parent(p->sema, n))
        if (cfg_locate(g, n, &b, &idx))
            return n;
    return NULL;
}

typedef struct {
    Pass *p;
    Obj *t;
    Cfg *g;               /* of the goroutine's function literal */
    bool stops;           /* the goroutine calls t.Stop() */
    bool stuck;           /* it waits on t.C where it can no longer return */
} WaitCtx;

static bool wait_pre(GoNode *n, void *ctx)
{
    WaitCtx *w = ctx;
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, n);
    if (!se || !se->sel || sema_expr_obj(w->p->sema, se->x) != w->t)
        return true;
    if (go_ident_eq(se->sel, "Stop"))
        w->stops = true;
    else if (go_ident_eq(se->sel, "C")) {
        GoNode *at = cfg_node_of(w->p, w->g, n);
        if (at && !cfg_can_reach_exit(w->g, at))
            w->stuck = true;
    }
    return true;
}

/* A goroutine started in func (go or wg.Go, a function literal) that
 * waits on ticker t and can never return from there: it keeps the ticker
 * referenced, so even a Go 1.23 ticker is never collected. */
static GoNode *goroutine_stuck_on(Pass *p, GoNode *func, Obj *t)
{
    for (size_t i = 0; i < p->sema->go_stmts.len; i++) {
        GoNode *stmt = p->sema->go_stmts.items[i];
        GoNode *fun = sema_go_func(p->sema, stmt);
        if (!fun || fun->kind != GO_FUNC_LIT || sema_enclosing_func(p->sema, stmt) != func ||
            !sema_mentions(p->sema, fun, t))
            continue;
        WaitCtx w = {p, t, sema_cfg(p->sema, fun), false, false};
        pass_inspect_shallow((GoNode *)((GoFuncLit *)fun)->body, wait_pre, &w);
        if (w.stuck && !w.stops)
            return stmt;
    }
    return NULL;
}

static void check_ticker_def(Pass *p, GoNode *func, GoNode *stmt, GoNode *lhs, GoNode *call)
{
    bool collected = p->pkg->timers_collected;
    if (collected && lhs->kind != GO_IDENT) {
        check_stored(p, lhs, call);
        return;
    }
    GoIdent *id = GO_AS(GoIdent, lhs);
    if (!id)
        return;
    if (go_ident_eq(id, "_")) {
        if (collected)
            return; /* unreferenced: collected */
        pass_report(p, call->pos, "ticker from time.NewTicker is discarded and can never be stopped; keep it and defer its Stop()");
        return;
    }
    Obj *o = sema_obj(p->sema, id);
    if (collected && o && (o->flags & OBJF_GLOBAL)) {
        check_stored(p, lhs, call);
        return;
    }
    if (!o || o->kind != OBJ_VAR || (o->flags & OBJF_GLOBAL) || o->func != func)
        return;
    TickCtx tc = {p, o};
    GoNode *ret = NULL;
    if (!cfg_path_avoiding(sema_cfg(p->sema, func), stmt, handles, &tc, &ret))
        return;
    if (collected) {
        /* once the function returns the ticker is unreferenced and
         * collected, unless a goroutine keeps waiting on it */
        GoNode *g = goroutine_stuck_on(p, func, o);
        if (g)
            pass_report(p, call->pos,
                        "ticker '%s' is never stopped and the goroutine started at line %d waits on it with no way "
                        "out, so it stays referenced and fires forever; defer %s.Stop() and let the goroutine return "
                        "(a done channel or ctx.Done())", o->name, rule_line(p, g->pos), o->name);
        if (g)
            pass_related(p, g->pos, "the goroutine that waits on ticker '%s' starts here", o->name);
        return;
    }
    if (ret) {
        pass_report(p, call->pos,
                    "ticker '%s' is not stopped on every path: the return at line %d leaves it running; "
                    "defer %s.Stop() right after creating it", o->name, rule_line(p, ret->pos), o->name);
        pass_related(p, ret->pos, "this return leaves ticker '%s' running", o->name);
    } else {
        pass_report(p, call->pos,
                    "ticker '%s' is not stopped on every path: it keeps running after the function returns; "
                    "defer %s.Stop() right after creating it", o->name, o->name);
    }
    char *what = xasprintf("add defer %s.Stop() after time.NewTicker", o->name);
    char *stop = xasprintf("%s.Stop()", o->name);
    rule_fix_defer_after(p, stmt, what, stop);
    free(what);
    free(stop);
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

/* The longest timeout that counts as short: a few seconds. */
#define SHORT_AFTER_NS 5000000000LL

/* Whether the select blocks (no default) and time.After's duration is a
 * constant of a few seconds at most (or a local bound once to one). Then the timers alive at once are
 * the loop's turns within those seconds, each released when it fires: a
 * bounded, passing cost that does not grow with the process's life. */
static bool short_wait(Pass *p, GoSelectStmt *ss, GoNode *after_call)
{
    for (uint32_t i = 0; i < ss->body->list.len; i++) {
        GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
        if (cc && !cc->comm)
            return false; /* default: the loop spins, a timer per spin */
    }
    GoCallExpr *call = (GoCallExpr *)after_call;
    int64_t ns;
    return call->args.len == 1 && sema_value_int(p->sema, call->args.items[0], &ns) && ns >= 0 &&
           ns <= SHORT_AFTER_NS;
}

typedef struct {
    Pass *p;
    GoNode *func;
    int loop_depth;
    GoIdent *loop_label;
    GoIdent *pending;
    bool is_main;
    bool func_returns_checked, func_returns;
    bool collected;       /* Go >= 1.23: unreferenced timers are collected */
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
        if (w->loop_depth > 0 && ss->body && !w->collected) {
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
            if (after_call && other_loops && !short_wait(w->p, ss, after_call))
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
    case GO_KEY_VALUE_EXPR: {
        /* &T{tick: time.NewTicker(d)} stores it in a field */
        GoKeyValueExpr *kv = (GoKeyValueExpr *)n;
        GoIdent *key = GO_AS(GoIdent, kv->key);
        GoNode *lit = sema_parent(w->p->sema, n);
        Type *u = lit && lit->kind == GO_COMPOSITE_LIT ? type_underlying(sema_type_of(w->p->sema, lit)) : NULL;
        if (u && u->kind == TY_POINTER)
            u = type_underlying(u->elem);
        if (w->collected && key && u && u->kind == TY_STRUCT && is_new_ticker(w->p, kv->value) &&
            never_released(w->p, key, NULL))
            pass_report(w->p, kv->value->pos,
                        "ticker stored in field '%s' is never stopped: it stays referenced and fires for as long as "
                        "its owner lives; call its Stop() when the owner is done", rule_name(w->p, (GoNode *)key));
        return true;
    }
    case GO_EXPR_STMT:
        if (!w->collected && is_new_ticker(w->p, ((GoExprStmt *)n)->x))
            pass_report(w->p, n->pos, "ticker from time.NewTicker is discarded and can never be stopped; keep it and defer its Stop()");
        return true;
    case GO_SELECTOR_EXPR: {
        GoSelectorExpr *se = (GoSelectorExpr *)n;
        if (se->sel && go_ident_eq(se->sel, "C") && is_new_ticker(w->p, se->x)) {
            /* unreferenced from Go 1.23; and time.Tick's own body, whose
             * callers are the ones reported */
            if (w->collected || strcmp(w->p->pkg->import_path, "time") == 0)
                return false;
            pass_report(w->p, se->x->pos,
                        "ticker from time.NewTicker(...).C can never be stopped; keep the ticker in a variable and defer its Stop()");
            return false;
        }
        return true;
    }
    case GO_CALL_EXPR:
        if (!w->is_main && !w->collected && sema_is_call_to(w->p->sema, n, "time", "Tick")) {
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
    Walk w = {p, func, 0, NULL, NULL, is_main, false, false, p->pkg->timers_collected};
    for (uint32_t i = 0; i < body->list.len; i++)
        walk(&w, body->list.items[i]);
}

static void run(Pass *p)
{
    /* the names, not "time.": an import alias would hide the package */
    if (!rule_pkg_mentions(p, "NewTicker") && !rule_pkg_mentions(p, "Tick(") && !rule_pkg_mentions(p, "After("))
        return;
    pass_each_func(p, per_func, NULL);
    if (!p->pkg->timers_collected)
        return;
    /* var t = time.NewTicker(d) at package level */
    for (int f = 0; f < p->sema->nfiles; f++) {
        GoFile *file = p->sema->files[f];
        for (uint32_t i = 0; file && i < file->decls.len; i++) {
            GoGenDecl *gd = GO_AS(GoGenDecl, file->decls.items[i]);
            for (uint32_t k = 0; gd && k < gd->specs.len; k++) {
                GoValueSpec *vs = GO_AS(GoValueSpec, gd->specs.items[k]);
                for (uint32_t j = 0; vs && j < vs->values.len && vs->values.len == vs->names.len; j++)
                    if (is_new_ticker(p, vs->values.items[j]))
                        check_stored(p, vs->names.items[j], vs->values.items[j]);
            }
        }
    }
}

const Rule rule_ticker_leak = {
    "ticker-leak",
    "ticker or timer that is never released",
    "A time.Ticker sends on its channel forever until Stop is called: a\n"
    "ticker that is not stopped keeps its runtime timer, and everything the\n"
    "goroutine holds, alive. In modules before go 1.23, where unreferenced\n"
    "timers are not collected, this rule reports three forms (from go 1.23\n"
    "on, see Go versions below):\n"
    "\n"
    "  - time.NewTicker whose Stop is not called on some path to a return\n"
    "    (storing, returning or passing the ticker counts as handing it on);\n"
    "  - time.Tick in a function that can return: the ticker can never be\n"
    "    stopped (func main and functions that never return are fine);\n"
    "  - time.After in a select inside a for loop, when another case keeps\n"
    "    looping: every iteration makes a new timer that lives until it fires;\n"
    "    not when the select blocks (no default) and the duration is a\n"
    "    constant of at most 5 seconds (or a local bound once to one): the\n"
    "    timers alive at once are then the loop's turns in those seconds,\n"
    "    each gone when it fires, a bounded cost that does not grow.\n"
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
    "time.NewTimer before the loop and Reset it, instead of time.After.\n",
    run,
    "Go 1.23 made unreferenced timers and tickers garbage, stopped or not,\n"
    "for modules whose go.mod says go 1.23 or later (Go 1.27 does it for\n"
    "every module). A module's go line is the oldest Go it promises to build\n"
    "with, so the rule follows it. From go 1.23 on, only tickers that stay\n"
    "referenced are reported: stored in a struct field or package variable\n"
    "of an unexported name and never stopped or handed on anywhere in the\n"
    "package (they fire as long as their owner lives), or local tickers\n"
    "that a goroutine of the function (go or wg.Go) waits on with no way\n"
    "out. time.Tick, time.After in a loop, a discarded NewTicker and an\n"
    "unstopped local ticker are fine there. Before go 1.23, with godebug\n"
    "asynctimerchan=1 (or default=go1.N, N < 23) in go.mod or in a main\n"
    "package's //go:debug line, and outside a module (GOPATH builds take\n"
    "Go 1.16's GODEBUG defaults), the forms above are reported, and a\n"
    "ticker stored anywhere counts as handed on.\n"
    "--go 1.N checks as Go 1.N.\n",
    .counts =
        "Findings on real code at the default confidence (Go 1.19 and 1.27\n"
        "standard library / grpc / etcd / docker as Debian ships them, tests\n"
        "included): 0 / 0 / 0 / 0 / 1. etcd (go 1.17): time.After in the raft\n"
        "loop (1 s) and in monitorVersions (4 s), once noise (a timer per rare\n"
        "event, gone when it fires), are short waits in a blocking select and\n"
        "no longer reported. docker (no go.mod): the splunk logger's worker returns\n"
        "without stopping its ticker when the stream closes (true). Findings\n"
        "in _test.go files and in test helper packages (etcd's raft/rafttest\n"
        "and libkv's testutils, which import \"testing\") are of medium\n"
        "confidence; drip 0.1.0 counted them too: 5 / 0 / 6 / 1 on Go 1.19 /\n"
        "grpc / etcd / docker.\n",
};
