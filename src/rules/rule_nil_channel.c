/* rule_nil_channel.c - send, receive or range on a channel variable that
 * can only be nil: declared without a value, never assigned, address never
 * taken. Such operations block forever and leak the goroutine. */
#include "rule.h"

/* Is the expression a variable that is certainly a nil channel? */
static Obj *nil_chan(Pass *p, GoNode *e)
{
    Obj *o = sema_expr_obj(p->sema, e);
    if (!o || o->kind != OBJ_VAR || o->nassign || (o->flags & (OBJF_ADDR | OBJF_PARAM | OBJF_RESULT)))
        return NULL;
    if (!o->decl || o->decl->kind != GO_VALUE_SPEC || o->owner != p->sema)
        return NULL;
    GoValueSpec *vs = (GoValueSpec *)o->decl;
    if (vs->values.len) {
        /* var ch chan T = nil is nil too; anything else is not */
        bool all_nil = true;
        for (uint32_t i = 0; i < vs->values.len; i++) {
            Obj *v = sema_expr_obj(p->sema, vs->values.items[i]);
            all_nil = all_nil && v && v->kind == OBJ_NIL;
        }
        if (!all_nil)
            return NULL;
    }
    /* package-level: only unexported names (others may be set elsewhere) */
    if ((o->flags & OBJF_GLOBAL) && o->name[0] >= 'A' && o->name[0] <= 'Z')
        return NULL;
    Type *u = type_underlying(sema_obj_type(p->sema, o));
    if (!u || u->kind != TY_CHAN)
        return NULL;
    return o;
}

static Obj *comm_nil_chan(Pass *p, GoNode *comm)
{
    if (!comm)
        return NULL;
    if (comm->kind == GO_SEND_STMT)
        return nil_chan(p, ((GoSendStmt *)comm)->chan);
    GoNode *e = NULL;
    if (comm->kind == GO_EXPR_STMT)
        e = ((GoExprStmt *)comm)->x;
    else if (comm->kind == GO_ASSIGN_STMT && ((GoAssignStmt *)comm)->rhs.len == 1)
        e = ((GoAssignStmt *)comm)->rhs.items[0];
    GoUnaryExpr *u = GO_AS(GoUnaryExpr, rule_unparen(e));
    return u && u->op == GO_T_ARROW ? nil_chan(p, u->x) : NULL;
}

static const char fix[] = "it is declared without make and never assigned; initialize it with make(chan T)";

static bool visit(GoNode *n, void *ctx)
{
    Pass *p = ctx;
    switch (n->kind) {
    case GO_SEND_STMT: {
        Obj *o = nil_chan(p, ((GoSendStmt *)n)->chan);
        if (o)
            pass_report(p, n->pos, "send on nil channel '%s' blocks forever: %s", o->name, fix);
        return true;
    }
    case GO_UNARY_EXPR: {
        GoUnaryExpr *u = (GoUnaryExpr *)n;
        if (u->op == GO_T_ARROW) {
            Obj *o = nil_chan(p, u->x);
            if (o)
                pass_report(p, n->pos, "receive from nil channel '%s' blocks forever: %s", o->name, fix);
        }
        return true;
    }
    case GO_RANGE_STMT: {
        GoRangeStmt *rs = (GoRangeStmt *)n;
        Obj *o = nil_chan(p, rs->x);
        if (o)
            pass_report(p, rs->x->pos, "range over nil channel '%s' blocks forever: %s", o->name, fix);
        return true;
    }
    case GO_SELECT_STMT: {
        /* A nil channel in one case is the idiom for disabling it; only a
         * select whose every case is nil (and no default) blocks forever. */
        GoSelectStmt *ss = (GoSelectStmt *)n;
        if (!ss->body)
            return false;
        bool all_nil = ss->body->list.len > 0;
        const char *first = NULL;
        for (uint32_t i = 0; i < ss->body->list.len; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            Obj *o = cc ? comm_nil_chan(p, cc->comm) : NULL;
            if (!o)
                all_nil = false;
            else if (!first)
                first = o->name;
        }
        if (all_nil)
            pass_report(p, n->pos, "select blocks forever: every case uses a nil channel (like '%s'); %s", first, fix);
        for (uint32_t i = 0; i < ss->body->list.len; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            if (!cc)
                continue;
            /* walk the comm's operands but not the communication itself */
            if (cc->comm && cc->comm->kind == GO_SEND_STMT)
                go_inspect(((GoSendStmt *)cc->comm)->value, visit, NULL, p);
            for (uint32_t k = 0; k < cc->body.len; k++)
                go_inspect(cc->body.items[k], visit, NULL, p);
        }
        return false;
    }
    default:
        return true;
    }
}

static void run(Pass *p)
{
    /* only `var x chan T` declarations can be nil for sure (named channel
     * types declared elsewhere are not tracked) */
    if (!p->sema->nil_chan_candidates)
        return;
    for (int i = 0; i < p->sema->nfiles; i++)
        if (p->sema->files[i])
            go_inspect((GoNode *)p->sema->files[i], visit, NULL, p);
}

const Rule rule_nil_channel = {
    "nil-channel",
    "send, receive or range on a channel that can only be nil",
    "Sending to or receiving from a nil channel blocks forever, and so does\n"
    "ranging over one. A channel variable declared with `var ch chan T` and\n"
    "never assigned is nil wherever it is used: the goroutine that touches it\n"
    "is stuck for good, with its stack and everything it references. The\n"
    "rule reports such variables (locals, and unexported package variables)\n"
    "when they are never assigned and their address is never taken. A nil\n"
    "channel in one case of a select is a known idiom to disable that case,\n"
    "so a select is reported only when every case is nil and there is no\n"
    "default.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func worker() {\n"
    "        var results chan int\n"
    "        go func() {\n"
    "            results <- compute() // blocks forever\n"
    "        }()\n"
    "        fmt.Println(<-results) // blocks forever\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func worker() {\n"
    "        results := make(chan int, 1)\n"
    "        go func() {\n"
    "            results <- compute()\n"
    "        }()\n"
    "        fmt.Println(<-results)\n"
    "    }\n"
    "\n"
    "Fix: create the channel with make before any goroutine uses it.\n",
    run,
    NULL,
    .counts =
        "Findings on real code (drip 0.1.0, tests included; Go 1.19 standard\n"
        "library / grpc / etcd / docker as Debian ships them): 2 / 0 / 0 / 0, both\n"
        "in runtime/trace/trace_stack_test.go, which blocks a goroutine on a nil\n"
        "channel on purpose so that its stack shows up in a trace. (Beyond these\n"
        "trees, docker/distribution's registry tests send on a nil 'errchan': a\n"
        "real goroutine leak.)\n",
};
