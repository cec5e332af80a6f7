/* rule_defer_in_loop.c - defer inside a loop body: every iteration's
 * deferred call waits for the function to return. */
#include "../flow/flow.h"
#include "rule.h"

typedef enum { FR_LIST, FR_LOOP, FR_SWITCH, FR_IF } FrameKind;

typedef struct {
    FrameKind kind;
    GoList *list;       /* FR_LIST: the statement list */
    uint32_t idx;       /* FR_LIST: index of the current statement */
    GoIdent *label;     /* FR_LOOP: its label, if any */
    GoNode *loop;       /* FR_LOOP: the for or range statement */
} Frame;

/* Loops of at most this many iterations (a constant bound) are short. */
#define SHORT_LOOP 64

typedef struct {
    Pass *p;
    Array(Frame) frames;
    GoIdent *pending_label;
} Walk;

static int loops(Walk *w)
{
    int n = 0;
    for (size_t i = 0; i < w->frames.len; i++)
        n += w->frames.items[i].kind == FR_LOOP;
    return n;
}

/* Does a statement at this level leave the (single) enclosing loop? */
static bool leaves(Walk *w, GoNode *s, bool break_hits_loop, GoIdent *loop_label, bool single_loop)
{
    if (rule_is_terminating(w->p, s))
        return true;
    GoBranchStmt *b = GO_AS(GoBranchStmt, s);
    if (!b || b->tok != GO_T_BREAK || !single_loop)
        return false;
    if (!b->label)
        return break_hits_loop;
    return loop_label && b->label->len == loop_label->len && memcmp(b->label->name, loop_label->name, b->label->len) == 0;
}

/* The loop runs the defer at most once when, at some level between the
 * defer and the innermost loop, a later statement leaves the loop for sure. */
static bool runs_once(Walk *w)
{
    int nloops = loops(w);
    bool single = nloops == 1;
    GoIdent *loop_label = NULL;
    for (size_t i = w->frames.len; i-- > 0;)
        if (w->frames.items[i].kind == FR_LOOP) {
            loop_label = w->frames.items[i].label;
            break;
        }
    bool break_hits_loop = true;
    for (size_t i = w->frames.len; i-- > 0;) {
        Frame *f = &w->frames.items[i];
        if (f->kind == FR_LOOP)
            return false;
        if (f->kind == FR_SWITCH) {
            break_hits_loop = false;
            continue;
        }
        if (f->kind == FR_IF)
            continue;
        for (uint32_t k = f->idx + 1; k < f->list->len; k++) {
            GoNode *s = f->list->items[k];
            GoBranchStmt *b = GO_AS(GoBranchStmt, s);
            if (b && b->tok == GO_T_CONTINUE)
                return false;
            if (leaves(w, s, break_hits_loop, loop_label, single))
                return true;
        }
    }
    return false;
}

static void stmt(Walk *w, GoNode *n);

/* The variable a deferred call releases: the root of its receiver
 * (c in c.conn.Close()), or of its first argument for a function
 * (os.Remove(f.Name()) -> f); NULL for a literal or anything else. */
static Obj *released_var(Pass *p, GoCallExpr *call)
{
    GoNode *fun = rule_unparen(call->fun);
    GoNode *x = NULL;
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, fun);
    if (se) {
        GoIdent *id = GO_AS(GoIdent, rule_unparen(se->x));
        Obj *o = id ? sema_obj(p->sema, id) : NULL;
        x = o && o->kind == OBJ_PKGNAME ? (call->args.len ? call->args.items[0] : NULL) : se->x;
    } else if (fun && fun->kind == GO_IDENT && call->args.len) {
        x = call->args.items[0];
    }
    for (int depth = 0; x && depth < 16; depth++) {
        switch (x->kind) {
        case GO_PAREN_EXPR: x = ((GoParenExpr *)x)->x; continue;
        case GO_SELECTOR_EXPR: x = ((GoSelectorExpr *)x)->x; continue;
        case GO_INDEX_EXPR: x = ((GoIndexExpr *)x)->x; continue;
        case GO_STAR_EXPR: x = ((GoStarExpr *)x)->x; continue;
        case GO_UNARY_EXPR: x = ((GoUnaryExpr *)x)->x; continue;
        case GO_CALL_EXPR: x = ((GoCallExpr *)x)->fun; continue;
        case GO_IDENT: {
            Obj *o = sema_obj(p->sema, (GoIdent *)x);
            return o && o->kind == OBJ_VAR ? o : NULL;
        }
        default: return NULL;
        }
    }
    return NULL;
}

static bool declared_before(Obj *o, GoNode *loop)
{
    return (o->flags & OBJF_GLOBAL) || (o->ident && o->ident->n.pos < loop->pos);
}

typedef struct {
    Pass *p;
    GoNode *loop;
    bool found;
} Outer;

static bool outer_pre(GoNode *n, void *ctx)
{
    Outer *o = ctx;
    if (n->kind == GO_IDENT) {
        Obj *v = sema_obj(o->p->sema, (GoIdent *)n);
        if (v && v->kind == OBJ_VAR && !(v->flags & OBJF_GLOBAL) && declared_before(v, o->loop))
            o->found = true;
    }
    return !o->found;
}

static bool mentions_outer(Pass *p, GoNode *e, GoNode *loop)
{
    Outer o = {p, loop, false};
    go_inspect(e, outer_pre, NULL, &o);
    return o.found;
}

static bool is_method(GoCallExpr *call, const char *name)
{
    GoSelectorExpr *se = GO_AS(GoSelectorExpr, rule_unparen(call->fun));
    return se && se->sel && go_ident_eq(se->sel, name);
}

/* A defer in a loop that may run on many iterations: reported when the
 * loops are not all short and what it releases is made in the loop. */
static bool range_over_chan(Pass *p, GoNode *loop)
{
    Type *t = type_underlying(sema_type_of(p->sema, ((GoRangeStmt *)loop)->x));
    return !t || t->kind == TY_CHAN;
}

static void check_defer(Walk *w, GoDeferStmt *d)
{
    Pass *p = w->p;
    GoCallExpr *call = GO_AS(GoCallExpr, rule_unparen(d->call));
    if (!call)
        return;
    GoNode *inner = NULL;
    bool all_short = true, cond = false;
    for (size_t i = w->frames.len; i-- > 0;) {
        Frame *f = &w->frames.items[i];
        if (f->kind == FR_LOOP) {
            if (!inner)
                inner = f->loop;
            if (!rule_loop_bounded(p, f->loop, SHORT_LOOP))
                all_short = false;
        } else if (!inner && (f->kind == FR_IF || f->kind == FR_SWITCH)) {
            cond = true;
        }
    }
    if (!inner || all_short)
        return;
    /* A function that runs once per process (init, main, through a
     * sync.Once) ranging over a table holds what it defers once, until it
     * returns: nothing repeats. A for loop of its own may run forever. */
    if (inner->kind == GO_RANGE_STMT && !range_over_chan(p, inner) && flow_runs_once(flow_pkg(p->sema, p->fset), inner))
        return;
    /* Unlocks deferred in a loop hold each lock to the end on purpose
     * (hand-over-hand down a list; the same lock would deadlock first). */
    if (is_method(call, "Unlock") || is_method(call, "RUnlock"))
        return;
    /* What it releases is referenced from outside the loop anyway: the
     * defer does not make it live longer (lss[i].teardown(), wg.Wait(),
     * closing every element of a slice made before the loop). */
    Obj *o = released_var(p, call);
    if (o && declared_before(o, inner))
        return;
    if (o && o->decl == inner && inner->kind == GO_RANGE_STMT) {
        GoNode *x = rule_unparen(((GoRangeStmt *)inner)->x);
        GoIdent *xi = GO_AS(GoIdent, x);
        Obj *xo = xi ? sema_obj(p->sema, xi) : NULL;
        Type *xt = type_underlying(sema_type_of(p->sema, x));
        if (xo && xo->kind == OBJ_VAR && (!xt || xt->kind != TY_CHAN) && declared_before(xo, inner))
            return;
    }
    /* A deferred literal that first tests a variable of the function
     * (if err == nil { return }) is cleanup on failure, meant for the end. */
    GoFuncLit *lit = GO_AS(GoFuncLit, rule_unparen(call->fun));
    if (lit && lit->body && lit->body->list.len) {
        GoIfStmt *is = GO_AS(GoIfStmt, lit->body->list.items[0]);
        if (is && is->cond && mentions_outer(p, is->cond, inner))
            return;
    }
    const char *msg = "defer inside a loop runs only when the function returns, so each iteration "
                      "holds its resources until then; move the loop body into a function";
    /* In tests the loops run over the test's own data; under a condition
     * the defer runs on the iterations where it holds, which may be one. */
    if (rule_in_test(p, d->n.pos) || cond)
        pass_report_medium(p, d->n.pos, "%s", msg);
    else
        pass_report(p, d->n.pos, "%s", msg);
}

static void list(Walk *w, GoList *l)
{
    Frame f = {FR_LIST, l, 0, NULL, NULL};
    array_push(&w->frames, f);
    size_t at = w->frames.len - 1;
    for (uint32_t i = 0; i < l->len; i++) {
        w->frames.items[at].idx = i;
        stmt(w, l->items[i]);
    }
    w->frames.len--;
}

static void clauses(Walk *w, GoBlockStmt *body)
{
    if (!body)
        return;
    Frame f = {FR_SWITCH, NULL, 0, NULL, NULL};
    array_push(&w->frames, f);
    for (uint32_t i = 0; i < body->list.len; i++) {
        GoNode *c = body->list.items[i];
        if (c->kind == GO_CASE_CLAUSE)
            list(w, &((GoCaseClause *)c)->body);
        else if (c->kind == GO_COMM_CLAUSE)
            list(w, &((GoCommClause *)c)->body);
    }
    w->frames.len--;
}

static void loop_body(Walk *w, GoNode *loop, GoBlockStmt *body)
{
    Frame f = {FR_LOOP, NULL, 0, w->pending_label, loop};
    w->pending_label = NULL;
    array_push(&w->frames, f);
    if (body)
        list(w, &body->list);
    w->frames.len--;
}

static void stmt(Walk *w, GoNode *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case GO_BLOCK_STMT:
        list(w, &((GoBlockStmt *)n)->list);
        break;
    case GO_IF_STMT: {
        GoIfStmt *is = (GoIfStmt *)n;
        Frame f = {FR_IF, NULL, 0, NULL, NULL};
        array_push(&w->frames, f);
        stmt(w, (GoNode *)is->body);
        stmt(w, is->else_);
        w->frames.len--;
        break;
    }
    case GO_LABELED_STMT:
        w->pending_label = ((GoLabeledStmt *)n)->label;
        stmt(w, ((GoLabeledStmt *)n)->stmt);
        w->pending_label = NULL;
        break;
    case GO_FOR_STMT:
        loop_body(w, n, ((GoForStmt *)n)->body);
        break;
    case GO_RANGE_STMT:
        loop_body(w, n, ((GoRangeStmt *)n)->body);
        break;
    case GO_SWITCH_STMT:
        clauses(w, ((GoSwitchStmt *)n)->body);
        break;
    case GO_TYPE_SWITCH_STMT:
        clauses(w, ((GoTypeSwitchStmt *)n)->body);
        break;
    case GO_SELECT_STMT:
        clauses(w, ((GoSelectStmt *)n)->body);
        break;
    case GO_DEFER_STMT:
        if (loops(w) > 0 && !runs_once(w))
            check_defer(w, (GoDeferStmt *)n);
        break;
    default:
        break;
    }
    w->pending_label = NULL;
}

static void per_func(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx)
{
    (void)func;
    (void)ctx;
    Walk w = {p, {0}, NULL};
    list(&w, &body->list);
    array_free(&w.frames);
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, "defer"))
        return;
    pass_each_func(p, per_func, NULL);
}

const Rule rule_defer_in_loop = {
    "defer-in-loop",
    "defer inside a loop body holds resources until the function returns",
    "A deferred call runs when the surrounding function returns, not at the\n"
    "end of the loop iteration. A defer in a loop body therefore keeps every\n"
    "iteration's file, connection, lock or buffer alive until the whole loop\n"
    "and function finish: with many iterations that is a temporary leak, and\n"
    "file descriptors can run out. Defers inside a function literal called\n"
    "in the loop are fine, and so is a loop that returns or breaks right\n"
    "after the defer (it runs once), and a range in a function that runs\n"
    "once per process (init, main, a function only sync.Once.Do runs): what\n"
    "it defers is held once, not once per call.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    for _, name := range names {\n"
    "        f, err := os.Open(name)\n"
    "        if err != nil {\n"
    "            return err\n"
    "        }\n"
    "        defer f.Close() // all files stay open until the function returns\n"
    "        process(f)\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    for _, name := range names {\n"
    "        if err := func() error {\n"
    "            f, err := os.Open(name)\n"
    "            if err != nil {\n"
    "                return err\n"
    "            }\n"
    "            defer f.Close() // closed at the end of this iteration\n"
    "            return process(f)\n"
    "        }(); err != nil {\n"
    "            return err\n"
    "        }\n"
    "    }\n"
    "\n"
    "Fix: move the loop body into a function (a named one or a literal\n"
    "called in place) so the defer runs once per iteration, or release the\n"
    "resource explicitly at the end of the iteration.\n",
    run,
    NULL,
    .counts =
        "Before loops with a bound fixed by the source were left out (drip\n"
        "0.1.0, tests included; Go 1.19 standard library / grpc / etcd / docker\n"
        "as Debian ships them): 100 / 25 / 18 / 17, most in short loops (test\n"
        "tables, locks in bounded loops). Today's counts are the triaged ones.\n"
        "A range in a function that runs once per process is left out too: the\n"
        "net package's ipStackCapabilities.probe, run through sync.Once.Do of a\n"
        "method value, gave one finding on each of Go 1.19 and 1.27.\n",
};
