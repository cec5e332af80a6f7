/* rule_goroutine_no_exit.c - a goroutine stuck in a for-select loop that
 * nothing can end: no return, no break out of the loop, no goto, no panic
 * or exit call. */
#include "../flow/flow.h"
#include "rule.h"

typedef struct {
    Pass *p;
    GoIdent *label;      /* label of the loop under test */
    int depth_loops;     /* loops nested inside it */
    int depth_breakable; /* switch/select/loop nesting (unlabeled break target) */
    bool exits;
    bool has_select;     /* a select directly in the loop (not a nested loop) */
    bool blocks;         /* a channel send or receive outside any select */
    bool untimed;        /* a send, or a receive not from a time.Time channel
                            (a ticker's or timer's C) */
    GoIdent *outer_labels[16]; /* labels of statements inside the loop */
    int nouter;
} ExitScan;

static bool same_label(GoIdent *a, GoIdent *b)
{
    return a && b && a->len == b->len && memcmp(a->name, b->name, a->len) == 0;
}

static void scan(ExitScan *e, GoNode *n);

static void scan_list(ExitScan *e, GoList *l)
{
    for (uint32_t i = 0; i < l->len && !e->exits; i++)
        scan(e, l->items[i]);
}

static bool expr_pre(GoNode *n, void *ctx)
{
    ExitScan *e = ctx;
    if (n->kind == GO_FUNC_LIT)
        return false;
    if (n->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)n)->op == GO_T_ARROW) {
        e->blocks = true;
        Type *t = sema_type_of(e->p->sema, ((GoUnaryExpr *)n)->x);
        if (!(t && t->kind == TY_CHAN && type_is_named(t->elem, "time", "Time")))
            e->untimed = true;
    }
    if (n->kind == GO_CALL_EXPR && rule_is_no_return_call(e->p, n))
        e->exits = true;
    return !e->exits;
}

static void scan_expr(ExitScan *e, GoNode *n)
{
    if (n && !e->exits)
        go_inspect(n, expr_pre, NULL, e);
}

static void scan(ExitScan *e, GoNode *n)
{
    if (!n || e->exits)
        return;
    switch (n->kind) {
    case GO_RETURN_STMT:
        e->exits = true;
        return;
    case GO_BRANCH_STMT: {
        GoBranchStmt *b = (GoBranchStmt *)n;
        if (b->tok == GO_T_GOTO)
            e->exits = true;
        else if (b->tok == GO_T_BREAK || b->tok == GO_T_CONTINUE) {
            bool inner = false;
            for (int i = 0; i < e->nouter; i++)
                inner = inner || same_label(b->label, e->outer_labels[i]);
            if (!b->label)
                e->exits = b->tok == GO_T_BREAK && e->depth_breakable == 0;
            else if (same_label(b->label, e->label))
                e->exits = b->tok == GO_T_BREAK;
            else
                e->exits = !inner; /* to a label outside the loop: leaves it */
        }
        return;
    }
    case GO_BLOCK_STMT:
        scan_list(e, &((GoBlockStmt *)n)->list);
        return;
    case GO_LABELED_STMT: {
        GoLabeledStmt *ls = (GoLabeledStmt *)n;
        /* labels inside the loop: breaks to them stay inside */
        if (e->nouter < 16 && ls->label)
            e->outer_labels[e->nouter++] = ls->label;
        scan(e, ls->stmt);
        if (ls->label)
            e->nouter--;
        return;
    }
    case GO_IF_STMT: {
        GoIfStmt *is = (GoIfStmt *)n;
        scan(e, is->init);
        scan_expr(e, is->cond);
        scan(e, (GoNode *)is->body);
        scan(e, is->else_);
        return;
    }
    case GO_FOR_STMT: case GO_RANGE_STMT: {
        e->depth_breakable++;
        e->depth_loops++;
        if (n->kind == GO_FOR_STMT) {
            scan(e, ((GoForStmt *)n)->init);
            scan_expr(e, ((GoForStmt *)n)->cond);
            scan(e, (GoNode *)((GoForStmt *)n)->body);
        } else {
            scan_expr(e, ((GoRangeStmt *)n)->x);
            scan(e, (GoNode *)((GoRangeStmt *)n)->body);
        }
        e->depth_loops--;
        e->depth_breakable--;
        return;
    }
    case GO_SWITCH_STMT: case GO_TYPE_SWITCH_STMT: case GO_SELECT_STMT: {
        GoBlockStmt *body;
        if (n->kind == GO_SWITCH_STMT) {
            scan(e, ((GoSwitchStmt *)n)->init);
            scan_expr(e, ((GoSwitchStmt *)n)->tag);
            body = ((GoSwitchStmt *)n)->body;
        } else if (n->kind == GO_TYPE_SWITCH_STMT) {
            body = ((GoTypeSwitchStmt *)n)->body;
        } else {
            body = ((GoSelectStmt *)n)->body;
            if (e->depth_loops == 0)
                e->has_select = true;
        }
        e->depth_breakable++;
        for (uint32_t i = 0; body && i < body->list.len; i++) {
            GoNode *c = body->list.items[i];
            if (c->kind == GO_CASE_CLAUSE) {
                scan_list(e, &((GoCaseClause *)c)->list);
                scan_list(e, &((GoCaseClause *)c)->body);
            } else if (c->kind == GO_COMM_CLAUSE) {
                scan(e, ((GoCommClause *)c)->comm);
                scan_list(e, &((GoCommClause *)c)->body);
            }
        }
        e->depth_breakable--;
        return;
    }
    case GO_SEND_STMT:
        e->blocks = e->untimed = true;
        scan_expr(e, n);
        return;
    default:
        /* simple statements: look for panic / exit calls in them */
        scan_expr(e, n);
        return;
    }
}

typedef struct {
    Pass *p;
    GoForStmt *stuck;    /* first inescapable blocking loop found */
    bool select;         /* it loops over a select */
    bool periodic;       /* it waits only on tickers and timers */
    GoIdent *pending;
} FindLoop;

static bool find_pre(GoNode *n, void *ctx)
{
    FindLoop *f = ctx;
    if (f->stuck || n->kind == GO_FUNC_LIT)
        return false;
    if (n->kind == GO_LABELED_STMT) {
        f->pending = ((GoLabeledStmt *)n)->label;
        return true;
    }
    GoIdent *label = f->pending;
    f->pending = NULL;
    if (n->kind == GO_FOR_STMT) {
        GoForStmt *fs = (GoForStmt *)n;
        if (!fs->cond && fs->body) {
            ExitScan e = {f->p, label, 0, 0, false, false, false, false, {0}, 0};
            scan(&e, (GoNode *)fs->body);
            if (!e.exits && (e.has_select || e.blocks)) {
                f->stuck = fs;
                f->select = e.has_select;
                f->periodic = !e.untimed;
                return false;
            }
        }
    }
    return true;
}

/* The body a goroutine-starting statement runs: a function literal, or
 * a function or method of this package (`go f(x)`, `wg.Go(f)`). */
static GoBlockStmt *started_body(Pass *p, GoNode *stmt)
{
    GoNode *fun = sema_go_func(p->sema, stmt);
    if (!fun)
        return NULL;
    if (fun->kind == GO_FUNC_LIT)
        return ((GoFuncLit *)fun)->body;
    Sema *owner = p->sema;
    GoFuncDecl *fd = NULL;
    if (stmt->kind == GO_GO_STMT) {
        GoCallExpr *call = GO_AS(GoCallExpr, ((GoGoStmt *)stmt)->call);
        fd = call ? sema_call_decl(p->sema, call, &owner) : NULL;
    } else if (fun->kind == GO_IDENT) {
        Obj *o = sema_obj(p->sema, (GoIdent *)fun);
        if (o && o->kind == OBJ_FUNC && o->decl && o->decl->kind == GO_FUNC_DECL) {
            fd = (GoFuncDecl *)o->decl;
            owner = o->owner;
        }
    }
    return fd && owner == p->sema ? fd->body : NULL;
}

/* Whether the function holding the go statement is exported (a function,
 * or a method of any receiver), so its callers are mostly in other
 * packages, whose facts drip does not see. */
static bool started_by_exported(Pass *p, GoNode *stmt)
{
    GoFuncDecl *fd = GO_AS(GoFuncDecl, sema_enclosing_func(p->sema, stmt));
    return fd && fd->name && fd->name->len && fd->name->name[0] >= 'A' && fd->name->name[0] <= 'Z';
}

static void check_go(Pass *p, GoNode *stmt)
{
    GoBlockStmt *body = started_body(p, stmt);
    if (!body)
        return;
    FindLoop f = {p, NULL, false, false, NULL};
    go_inspect((GoNode *)body, find_pre, NULL, &f);
    if (!f.stuck)
        return;
    /* a goroutine started once per process is a daemon, not a leak */
    FlowPkg *fp = flow_pkg(p->sema, p->fset);
    if (flow_runs_once(fp, stmt))
        return;
    void (*report)(Pass *, GoPos, const char *, ...) = pass_report;
    if (f.periodic && started_by_exported(p, stmt))
        report = pass_report_medium; /* once per configuration entry or per request: the callers decide */
    report(p, stmt->pos,
           "goroutine never exits: its %s loop at line %d has no return or break out of it, "
           "so it leaks once its work is done; add a case on a done channel or ctx.Done() that returns",
           f.select ? "for-select" : "for", rule_line(p, f.stuck->n.pos));
    pass_related(p, f.stuck->n.pos, "this loop never ends");
}

static void run(Pass *p)
{
    for (size_t i = 0; i < p->sema->go_stmts.len; i++)
        check_go(p, p->sema->go_stmts.items[i]);
}

const Rule rule_goroutine_no_exit = {
    "goroutine-no-exit",
    "goroutine whose for-select or blocking for loop has no way out",
    "A goroutine that loops forever over a select, with no case that returns\n"
    "or breaks out of the loop, can never finish: when the work it serves\n"
    "is over, its stack and everything it references stay in memory for the\n"
    "life of the process. A classic cause is an exit case that was commented\n"
    "out, or a `break` inside the select, which only leaves the select. The\n"
    "rule looks at the function started by a go statement (a function\n"
    "literal, or a function or method of the same package) for a `for {}`\n"
    "loop holding a select (or a plain channel send or receive) with no\n"
    "return, no break or goto out of the loop, and no panic, os.Exit,\n"
    "log.Fatal or runtime.Goexit. A go statement that runs once per process\n"
    "(in init or main, behind a started flag `if g != nil { return }; g = ...`,\n"
    "in a function only sync.Once.Do runs) starts a daemon and is not\n"
    "reported; a loop that waits only on tickers, started by an exported\n"
    "function, is of medium confidence (once per configured check, or once\n"
    "per request: the callers in other packages decide).\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    go func() {\n"
    "        for {\n"
    "            select {\n"
    "            case <-exit:\n"
    "                break // leaves the select only\n"
    "            case job := <-jobs:\n"
    "                run(job)\n"
    "            }\n"
    "        }\n"
    "    }()\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    go func() {\n"
    "        for {\n"
    "            select {\n"
    "            case <-exit:\n"
    "                return\n"
    "            case job := <-jobs:\n"
    "                run(job)\n"
    "            }\n"
    "        }\n"
    "    }()\n"
    "\n"
    "Fix: give the loop an exit: a case on a done channel or ctx.Done() that\n"
    "returns, or a labeled break out of the loop.\n",
    run,
    "wg.Go(f) on a sync.WaitGroup (Go 1.25) starts a goroutine like go f();\n"
    "the rule checks both. Nothing else depends on the Go version.\n",
    .counts =
        "Findings on real code at the default confidence (Go 1.19 and 1.27\n"
        "standard library / grpc / etcd / docker as Debian ships them, tests\n"
        "included): 0 / 0 / 0 / 0 / 0. Goroutines started once per process are\n"
        "daemons, not leaks, and are not reported: the runtime's signal-mask\n"
        "goroutine (behind the maskUpdatedChan != nil started flag) and docker's\n"
        "ingress worker (sync.Once.Do of a method value). The registry's periodic\n"
        "health checkers (distribution/health), started by exported functions\n"
        "once per configured check, are of medium confidence.\n",
};
