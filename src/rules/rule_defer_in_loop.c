/* rule_defer_in_loop.c - defer inside a loop body: every iteration's
 * deferred call waits for the function to return. */
#include "rule.h"

typedef enum { FR_LIST, FR_LOOP, FR_SWITCH } FrameKind;

typedef struct {
    FrameKind kind;
    GoList *list;       /* FR_LIST: the statement list */
    uint32_t idx;       /* FR_LIST: index of the current statement */
    GoIdent *label;     /* FR_LOOP: its label, if any */
} Frame;

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

static void list(Walk *w, GoList *l)
{
    Frame f = {FR_LIST, l, 0, NULL};
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
    Frame f = {FR_SWITCH, NULL, 0, NULL};
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

static void loop_body(Walk *w, GoBlockStmt *body)
{
    Frame f = {FR_LOOP, NULL, 0, w->pending_label};
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
        stmt(w, (GoNode *)is->body);
        stmt(w, is->else_);
        break;
    }
    case GO_LABELED_STMT:
        w->pending_label = ((GoLabeledStmt *)n)->label;
        stmt(w, ((GoLabeledStmt *)n)->stmt);
        w->pending_label = NULL;
        break;
    case GO_FOR_STMT:
        loop_body(w, ((GoForStmt *)n)->body);
        break;
    case GO_RANGE_STMT:
        loop_body(w, ((GoRangeStmt *)n)->body);
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
            pass_report(w->p, n->pos,
                        "defer inside a loop runs only when the function returns, so each iteration "
                        "holds its resources until then; move the loop body into a function");
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
    "after the defer (it runs once).\n"
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
        "Findings on real code (drip 0.1.0, tests included; Go 1.19 standard\n"
        "library / grpc / etcd / docker as Debian ships them): 100 / 25 / 18 / 17.\n"
        "All are defers in loop bodies; most loops are short (test listeners\n"
        "closed at the end, locks in bounded loops, net/dial.go's racing dialers),\n"
        "so each costs little. Where the loop is known to be short, say so with\n"
        "`//drip:ignore defer-in-loop at most N iterations`.\n",
};
