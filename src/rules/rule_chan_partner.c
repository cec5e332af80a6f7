/* rule_chan_partner.c - a blocking send or receive on a channel whose
 * partner is missing (nothing in the package ever receives from, or sends
 * on or closes, that channel) or can give up (every partner sits in a
 * select with another way out: a timeout, ctx.Done(), a default).
 * Channels are the flow layer's objects, so operations through struct
 * fields, across methods and goroutines meet; a channel that escapes
 * (returned, passed to a call, stored elsewhere, an exported field or
 * variable) may have partners drip cannot see and is left alone. */
#include "../flow/flow.h"
#include "../flow/flow_explain.h"
#include "rules_flow.h"

typedef struct {
    int blocking, giving_up; /* partner operations: that wait / that can give up */
    int dead;                /* partners in functions nothing can run */
    FlowOp *dead_op;         /* the first of them */
    FlowFunc *dead_fn;
    int own_deferred;        /* partners deferred by the operation's own function */
    FlowOp *own_op;          /* the first of them */
    bool op_runs;            /* the operation's own function may run: only then is a partner dead */
    int unsure;              /* of those that can give up: in a goroutine the waiting function
                                started before, or leaving the loop only on a condition */
    FlowOp *example;         /* a partner that can give up */
    FlowFunc *example_fn;
    PtrMap *stays;           /* select operations that never give up */
    FlowPkg *fp;
    FlowFunc *fn;            /* the function of the operation looking for partners */
    FlowOp *op;
} Partners;

/* ---- selects that never give up --------------------------------------
 * A select in a loop whose other clauses all go round the loop again
 * (`for { select { case <-a: ...; case x := <-b: ... } }`) waits on every
 * case until it is taken: its operations do not give up. A clause leaves
 * when it returns, panics, jumps (goto, labeled break or continue); a
 * plain break in a clause only ends the select. */

static bool leaves_pre(GoNode *n, void *ctx)
{
    bool *leaves = ctx;
    if (*leaves || n->kind == GO_FUNC_LIT)
        return false;
    if (n->kind == GO_RETURN_STMT)
        *leaves = true;
    else if (n->kind == GO_BRANCH_STMT)
        *leaves = ((GoBranchStmt *)n)->label != NULL || ((GoBranchStmt *)n)->tok == GO_T_GOTO;
    else if (n->kind == GO_CALL_EXPR) {
        GoIdent *id = GO_AS(GoIdent, ((GoCallExpr *)n)->fun);
        *leaves = id && go_ident_eq(id, "panic");
    }
    return !*leaves;
}

static bool mark_pre(GoNode *n, void *ctx)
{
    if (n->kind == GO_FUNC_LIT)
        return false;
    if (n->kind == GO_SEND_STMT || (n->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)n)->op == GO_T_ARROW))
        ptrmap_set(ctx, n, n);
    return true;
}

typedef struct {
    PtrMap *stays;
    int depth[64];           /* loop depth per function, innermost last */
    int nfn;
} StayWalk;

static bool stay_pre(GoNode *n, void *ctx)
{
    StayWalk *w = ctx;
    if (n->kind == GO_FUNC_LIT || n->kind == GO_FUNC_DECL) {
        if (w->nfn >= 64)
            return false;
        w->depth[w->nfn++] = 0;
    } else if (w->nfn && (n->kind == GO_FOR_STMT || n->kind == GO_RANGE_STMT)) {
        w->depth[w->nfn - 1]++;
    } else if (w->nfn && n->kind == GO_SELECT_STMT && w->depth[w->nfn - 1] > 0) {
        /* an operation stays when no other clause leaves */
        GoSelectStmt *ss = (GoSelectStmt *)n;
        uint32_t cnt = ss->body ? ss->body->list.len : 0, nleave = 0, leaver = 0;
        for (uint32_t i = 0; i < cnt; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            bool leaves = false;
            for (uint32_t k = 0; cc && k < cc->body.len && !leaves; k++)
                go_inspect(cc->body.items[k], leaves_pre, NULL, &leaves);
            if (leaves) {
                nleave++;
                leaver = i;
            }
        }
        for (uint32_t i = 0; i < cnt && nleave <= 1; i++) {
            GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
            if (cc && cc->comm && (nleave == 0 || leaver == i))
                go_inspect(cc->comm, mark_pre, NULL, w->stays);
        }
    }
    return true;
}

static void stay_post(GoNode *n, void *ctx)
{
    StayWalk *w = ctx;
    if ((n->kind == GO_FUNC_LIT || n->kind == GO_FUNC_DECL) && w->nfn)
        w->nfn--;
    else if (w->nfn && (n->kind == GO_FOR_STMT || n->kind == GO_RANGE_STMT))
        w->depth[w->nfn - 1]--;
}

/* Whether no cancel of the context of `<-ctx.Done()` in comm can run
 * while the partner waits in f's select at sel and the operation p looks
 * for partners for waits: only the two of them cancel it, each after its
 * wait (`wc.errChan <- err; wc.cancel()` against `case <-wc.errChan:
 * wc.cancel()`), so that case is no way out. */
static bool done_case_stuck(Partners *p, FlowFunc *f, const FlowOp *op, GoNode *sel, GoNode *comm)
{
    FlowCancel ks[8];
    const char *txt;
    int n = flow_ctx_cancels(p->fp, f, comm, 0, &txt, ks, 8);
    if (n < 1 || n >= 8)
        return false;
    FlowNotBefore waits[2] = {{p->fn, p->op->pos, p->op->in_loop || p->fn->in_loop_call},
                              {f, sel->pos, op->in_loop}};
    for (int i = 0; i < n; i++)
        if (flow_may_run_before(p->fp, ks[i].f, ks[i].pos, waits, 2))
            return false;
    return true;
}

/* Whether every other case of op's select is such a stuck ctx.Done(). */
static bool select_stuck(Partners *p, FlowFunc *f, const FlowOp *op)
{
    GoSelectStmt *ss = flow_select_of(p->fp, f, op);
    uint32_t cnt = ss && ss->body ? ss->body->list.len : 0;
    if (!cnt)
        return false;
    for (uint32_t i = 0; i < cnt; i++) {
        GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
        if (!cc || !cc->comm)
            return false; /* a default */
        if (op->pos >= cc->n.pos && op->pos < cc->n.end)
            continue;
        if (!done_case_stuck(p, f, op, (GoNode *)ss, cc->comm))
            return false;
    }
    return true;
}

/* Whether a statement of a clause's own list leaves the loop whatever
 * happens before it: a return, a goto or labeled jump, a panic (not one
 * under an if: `if active == 0 { return }` may wait for every sender). */
static bool leaves_always(GoNode *st)
{
    if (!st)
        return false;
    if (st->kind == GO_RETURN_STMT)
        return true;
    if (st->kind == GO_BRANCH_STMT)
        return ((GoBranchStmt *)st)->label != NULL || ((GoBranchStmt *)st)->tok == GO_T_GOTO;
    GoExprStmt *es = GO_AS(GoExprStmt, st);
    GoCallExpr *c = es ? GO_AS(GoCallExpr, es->x) : NULL;
    GoIdent *id = c ? GO_AS(GoIdent, c->fun) : NULL;
    return id && go_ident_eq(id, "panic");
}

/* Whether the receiver at op of f certainly gives up once its other way
 * out is ready: its select is outside a loop, or another clause leaves
 * the loop with no condition. */
static bool gives_up_surely(Partners *p, FlowFunc *f, const FlowOp *op)
{
    if (!op->in_loop)
        return true;
    GoSelectStmt *ss = flow_select_of(p->fp, f, op);
    uint32_t cnt = ss && ss->body ? ss->body->list.len : 0;
    for (uint32_t i = 0; i < cnt; i++) {
        GoCommClause *cc = GO_AS(GoCommClause, ss->body->list.items[i]);
        if (!cc || (op->pos >= cc->n.pos && op->pos < cc->n.end))
            continue;
        for (uint32_t k = 0; k < cc->body.len; k++)
            if (leaves_always(cc->body.items[k]))
                return true;
    }
    return false;
}

/* Whether g is the goroutine spawned (or a function it calls) */
static bool runs_in(FlowFunc *spawned, FlowFunc *g)
{
    if (spawned == g)
        return true;
    for (size_t i = 0; i < spawned->ops.len; i++)
        if (spawned->ops.items[i].kind == FOP_CALL && spawned->ops.items[i].callee == g)
            return true;
    return false;
}

static bool spawns_fn(FlowFunc *f, FlowFunc *g, GoPos before)
{
    for (size_t k = 0; k < f->sum.spawns.len && k < f->spawn_at.len; k++)
        if (f->spawn_at.items[k] < before && runs_in(f->sum.spawns.items[k], g))
            return true;
    return false;
}

/* Whether the function waiting at p's operation started g's goroutine
 * itself, before the operation (`c.Start(); c.inbox <- m`), or by a call
 * it made before it: then g is waiting unless that function let it
 * go. */
static bool started_before(Partners *p, FlowFunc *g)
{
    FlowFunc *f = p->fn;
    if (spawns_fn(f, g, p->op->pos))
        return true;
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if (op->kind == FOP_CALL && op->callee && op->pos < p->op->pos && spawns_fn(op->callee, g, (GoPos)-1))
            return true;
    }
    return false;
}

static void partner_fn(FlowFunc *f, FlowOp *op, void *ctx)
{
    Partners *p = ctx;
    if (f == p->fn && op->deferred && !p->op->deferred) {
        /* `defer close(done); ...; <-done`: runs only once the
         * function returns, past the operation waiting for it */
        if (!p->own_deferred++)
            p->own_op = op;
        return;
    }
    if (p->op_runs && !flow_may_run_before(p->fp, f, op->pos, NULL, 0)) {
        /* `func (rc *T) consumerClosed() { <-rc.c }` that no one calls */
        if (!p->dead++) {
            p->dead_op = op;
            p->dead_fn = f;
        }
        return;
    }
    if (op->nonblocking && !ptrmap_get(p->stays, op->node) && !select_stuck(p, f, op)) {
        p->giving_up++;
        if (started_before(p, f) || !gives_up_surely(p, f, op))
            p->unsure++;
        if (!p->example) {
            p->example = op;
            p->example_fn = f;
        }
    } else {
        p->blocking++;
    }
}

static bool exported(const char *name)
{
    return name && name[0] >= 'A' && name[0] <= 'Z';
}

/* ---- escapes: a use of the channel that is not an operation on it ---- */

typedef struct {
    FlowPkg *fp;
    FlowObj *ch;
    const char *name;        /* the field's or variable's name */
    size_t len;
    bool escaped;
    bool recv;               /* the operation looks for a sender */
    bool main_pkg;           /* package main: nothing outside calls it */
    bool in_getter;          /* walking a getter of ch whose return is no escape */
} Escape;

static bool is_chan_use(Escape *e, GoNode *n)
{
    if (n && n->kind == GO_CALL_EXPR)
        return flow_obj_of(e->fp, n) == e->ch; /* a getter's call */
    GoIdent *id = n->kind == GO_IDENT ? (GoIdent *)n
                : n->kind == GO_SELECTOR_EXPR ? ((GoSelectorExpr *)n)->sel : NULL;
    return id && id->len == e->len && memcmp(id->name, e->name, e->len) == 0 && flow_obj_of(e->fp, n) == e->ch;
}

static bool escape_pre(GoNode *n, void *ctx);

static void esc_walk(Escape *e, GoNode *n)
{
    if (n && !e->escaped)
        go_inspect(n, escape_pre, NULL, e);
}

static bool is_make(GoNode *v)
{
    GoCallExpr *c = GO_AS(GoCallExpr, v);
    GoIdent *id = c ? GO_AS(GoIdent, c->fun) : NULL;
    return id && go_ident_eq(id, "make");
}

static bool escape_pre(GoNode *n, void *ctx)
{
    Escape *e = ctx;
    if (e->escaped)
        return false;
    switch (n->kind) {
    case GO_FUNC_DECL: {
        /* `return s.donec` in a getter hands out the channel: no escape
         * when every call of the getter is an operation on it (checked
         * at the calls), and no code outside can call it (unexported,
         * package main) or can only receive (<-chan) while the
         * operation looks for a sender */
        GoFuncDecl *fd = (GoFuncDecl *)n;
        FlowFunc *f = flow_func(e->fp, n);
        bool save = e->in_getter;
        GoField *rf = fd->type && fd->type->results && fd->type->results->fields.len == 1
                          ? GO_AS(GoField, fd->type->results->fields.items[0]) : NULL;
        GoChanType *ct = rf ? GO_AS(GoChanType, rf->type) : NULL;
        e->in_getter = f && flow_getter_chan(e->fp, f) == e->ch &&
                       (e->main_pkg || !fd->name || !fd->name->len || !exported(fd->name->name) ||
                        (e->recv && ct && ct->dir == GO_CHAN_RECV));
        esc_walk(e, (GoNode *)fd->body);
        e->in_getter = save;
        return false;
    }
    case GO_RETURN_STMT:
        if (e->in_getter)
            return false;
        return true;
    case GO_SEND_STMT:
        esc_walk(e, ((GoSendStmt *)n)->value);
        if (!is_chan_use(e, ((GoSendStmt *)n)->chan))
            esc_walk(e, ((GoSendStmt *)n)->chan);
        return false;
    case GO_UNARY_EXPR:
        if (((GoUnaryExpr *)n)->op == GO_T_ARROW && is_chan_use(e, ((GoUnaryExpr *)n)->x))
            return false;
        return true;
    case GO_CALL_EXPR: {
        GoCallExpr *c = (GoCallExpr *)n;
        GoIdent *id = GO_AS(GoIdent, c->fun);
        if (id && c->args.len == 1 && (go_ident_eq(id, "close") || go_ident_eq(id, "len") || go_ident_eq(id, "cap")) &&
            is_chan_use(e, c->args.items[0]))
            return false;
        if (is_chan_use(e, n)) {
            e->escaped = true; /* a getter's result kept or passed on */
            return false;
        }
        /* `go w.watch(done)` where watch never names its parameter: the
         * channel reaches no partner there */
        FlowFunc *cal[4];
        int ncal = 0;
        for (uint32_t i = 0; i < c->args.len && !ncal; i++)
            if (is_chan_use(e, c->args.items[i]))
                ncal = flow_callees(e->fp, c, cal, 4);
        if (!ncal)
            return true;
        esc_walk(e, c->fun);
        for (uint32_t i = 0; i < c->args.len; i++) {
            bool ignored = is_chan_use(e, c->args.items[i]);
            for (int k = 0; k < ncal && ignored; k++)
                ignored = flow_arg_ignored(e->fp, cal[k], c, i);
            if (!ignored)
                esc_walk(e, c->args.items[i]);
        }
        return false;
    }
    case GO_RANGE_STMT: {
        GoRangeStmt *rs = (GoRangeStmt *)n;
        if (!is_chan_use(e, rs->x))
            return true;
        esc_walk(e, (GoNode *)rs->body);
        return false;
    }
    case GO_ASSIGN_STMT: {
        GoAssignStmt *as = (GoAssignStmt *)n;
        for (uint32_t i = 0; i < as->lhs.len; i++) {
            GoNode *r = i < as->rhs.len ? as->rhs.items[i] : NULL;
            bool init = r && is_make(r) && is_chan_use(e, as->lhs.items[i]);
            if (!init)
                esc_walk(e, as->lhs.items[i]);
            if (r)
                esc_walk(e, r);
        }
        return false;
    }
    case GO_VALUE_SPEC: {
        /* var c = make(chan T, n): the channel's birth, not a use */
        GoValueSpec *vs = (GoValueSpec *)n;
        bool birth = false;
        for (uint32_t i = 0; i < vs->values.len && i < vs->names.len; i++)
            birth |= is_make(vs->values.items[i]) && is_chan_use(e, vs->names.items[i]);
        if (!birth || !e->ch->var || !(e->ch->var->flags & OBJF_GLOBAL))
            return true; /* a declaration without make: seen as a use */
        for (uint32_t i = 0; i < vs->values.len; i++)
            if (!(i < vs->names.len && is_make(vs->values.items[i]) && is_chan_use(e, vs->names.items[i])))
                esc_walk(e, vs->values.items[i]);
        return false;
    }
    case GO_KEY_VALUE_EXPR: {
        GoKeyValueExpr *kv = (GoKeyValueExpr *)n;
        if (kv->value && is_make(kv->value))
            return false; /* f: make(chan T) in a composite literal */
        esc_walk(e, kv->value);
        return false;
    }
    case GO_IDENT: case GO_SELECTOR_EXPR:
        if (is_chan_use(e, n)) {
            e->escaped = true;
            return false;
        }
        return n->kind == GO_SELECTOR_EXPR;
    default:
        return true;
    }
}

/* Whether the channel is used other than by operations on it. */
static bool escapes(FlowPkg *fp, Pass *p, FlowObj *ch, bool recv)
{
    const char *name = ch->var ? ch->var->name : ch->field;
    if (!name || exported(name))
        return true;
    if (ch->var && (ch->var->flags & OBJF_PARAM))
        return true; /* made by the caller: partners are the caller's */
    Escape e = {fp, ch, name, strlen(name), false, recv,
                p->sema->pkg && p->sema->pkg->name && strcmp(p->sema->pkg->name, "main") == 0, false};
    for (int i = 0; i < p->sema->nfiles && !e.escaped; i++)
        if (p->sema->files[i])
            esc_walk(&e, (GoNode *)p->sema->files[i]);
    return e.escaped;
}


/* ---- a consumer that leaves its range early ---------------------------
 * `ch := make(chan T); go func() { for ... { ch <- v } }(); for v := range
 * ch { if bad(v) { return } }`: once the range leaves, the producer blocks
 * on its next send forever. Reported when the range is the channel's only
 * receive, the channel is a local of the ranging function that reaches
 * nothing but the package's functions, and a goroutine the function starts
 * sends on it in a loop, blocking, more often than the buffer holds. */

typedef struct {
    int depth;               /* nested for/range/switch/select below the range */
    GoNode *at;              /* the first statement that leaves */
} LeaveWalk;

static bool body_leave_pre(GoNode *n, void *ctx)
{
    LeaveWalk *w = ctx;
    if (w->at || n->kind == GO_FUNC_LIT)
        return false;
    if (n->kind == GO_RETURN_STMT) {
        w->at = n;
    } else if (n->kind == GO_BRANCH_STMT) {
        GoBranchStmt *b = (GoBranchStmt *)n;
        if (b->tok == GO_T_GOTO || (b->tok == GO_T_BREAK && (b->label || w->depth == 0)))
            w->at = n;
    } else if (n->kind == GO_FOR_STMT || n->kind == GO_RANGE_STMT || n->kind == GO_SWITCH_STMT ||
               n->kind == GO_TYPE_SWITCH_STMT || n->kind == GO_SELECT_STMT) {
        w->depth++;
    }
    return !w->at;
}

static void body_leave_post(GoNode *n, void *ctx)
{
    LeaveWalk *w = ctx;
    if (n->kind == GO_FOR_STMT || n->kind == GO_RANGE_STMT || n->kind == GO_SWITCH_STMT ||
        n->kind == GO_TYPE_SWITCH_STMT || n->kind == GO_SELECT_STMT)
        w->depth--;
}

typedef struct {
    Pass *p;
    FlowPkg *fp;
    Obj *var;
    bool escaped;
} LocalUse;

static bool is_var(LocalUse *u, GoNode *n)
{
    n = n ? rule_unparen(n) : NULL;
    return n && n->kind == GO_IDENT && sema_obj(u->p->sema, (GoIdent *)n) == u->var;
}

static bool local_use_pre(GoNode *n, void *ctx)
{
    LocalUse *u = ctx;
    if (u->escaped)
        return false;
    switch (n->kind) {
    case GO_SEND_STMT:
        if (is_var(u, ((GoSendStmt *)n)->chan)) {
            go_inspect(((GoSendStmt *)n)->value, local_use_pre, NULL, u);
            return false;
        }
        return true;
    case GO_UNARY_EXPR:
        return !(((GoUnaryExpr *)n)->op == GO_T_ARROW && is_var(u, ((GoUnaryExpr *)n)->x));
    case GO_RANGE_STMT:
        if (is_var(u, ((GoRangeStmt *)n)->x)) {
            if (((GoRangeStmt *)n)->body)
                go_inspect((GoNode *)((GoRangeStmt *)n)->body, local_use_pre, NULL, u);
            return false;
        }
        return true;
    case GO_CALL_EXPR: {
        GoCallExpr *c = (GoCallExpr *)n;
        GoIdent *id = GO_AS(GoIdent, c->fun);
        FlowFunc *out[4];
        bool builtin = id && c->args.len == 1 &&
                       (go_ident_eq(id, "close") || go_ident_eq(id, "len") || go_ident_eq(id, "cap"));
        bool ours = builtin || flow_callees(u->fp, c, out, 4) > 0;
        go_inspect(c->fun, local_use_pre, NULL, u);
        for (uint32_t i = 0; i < c->args.len && !u->escaped; i++)
            if (!(ours && is_var(u, c->args.items[i])))
                go_inspect(c->args.items[i], local_use_pre, NULL, u);
        return false;
    }
    case GO_ASSIGN_STMT: {
        GoAssignStmt *as = (GoAssignStmt *)n;
        for (uint32_t i = 0; i < as->lhs.len && !u->escaped; i++) {
            GoNode *r = i < as->rhs.len ? as->rhs.items[i] : NULL;
            if (!(r && is_make(r) && is_var(u, as->lhs.items[i])))
                go_inspect(as->lhs.items[i], local_use_pre, NULL, u);
        }
        for (uint32_t i = 0; i < as->rhs.len && !u->escaped; i++)
            go_inspect(as->rhs.items[i], local_use_pre, NULL, u);
        return false;
    }
    case GO_IDENT:
        if (is_var(u, n))
            u->escaped = true;
        return false;
    default:
        return true;
    }
}

/* The constant trip count of `for i := 0; i < N; i++` around n, or -1. */
static int64_t trips(Pass *p, FlowParents *par, GoNode *n)
{
    for (GoNode *q = flow_parent(par, n); q; q = flow_parent(par, q)) {
        if (q->kind == GO_FUNC_LIT || q->kind == GO_FUNC_DECL || q->kind == GO_RANGE_STMT)
            return -1;
        if (q->kind != GO_FOR_STMT)
            continue;
        GoForStmt *fs = (GoForStmt *)q;
        GoBinaryExpr *b = GO_AS(GoBinaryExpr, fs->cond);
        GoAssignStmt *in = GO_AS(GoAssignStmt, fs->init);
        int64_t v, z;
        if (!b || !in || in->rhs.len != 1 || !sema_const_int(p->sema, in->rhs.items[0], &z) || z != 0 ||
            !sema_const_int(p->sema, b->y, &v))
            return -1;
        return b->op == GO_T_LSS ? v : b->op == GO_T_LEQ ? v + 1 : -1;
    }
    return -1;
}

static void early_consumers(Pass *p, FlowPkg *fp)
{
    size_t n;
    FlowFunc **fs = flow_funcs(fp, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < fs[i]->ops.len; k++) {
            FlowOp *r = &fs[i]->ops.items[k];
            FlowObj *ch = r->obj;
            if (r->kind != FOP_RANGE || !ch || ch->kind != FO_CHAN || !r->reached || !ch->cap_seen ||
                ch->cap == -2 || ch->cap < 0 || !ch->var || (ch->var->flags & (OBJF_PARAM | OBJF_GLOBAL | OBJF_ADDR)) ||
                rule_in_test(p, r->pos))
                continue;
            GoRangeStmt *rs = GO_AS(GoRangeStmt, r->node);
            LeaveWalk lw = {0, NULL};
            if (!rs || !rs->body)
                continue;
            go_inspect((GoNode *)rs->body, body_leave_pre, body_leave_post, &lw);
            if (!lw.at)
                continue;
            /* the only receive: no other op, none in a callee's summary */
            int recvs = 0;
            for (size_t j = 0; j < n; j++) {
                for (size_t m = 0; m < fs[j]->ops.len; m++) {
                    FlowOp *o = &fs[j]->ops.items[m];
                    recvs += o->obj == ch && (o->kind == FOP_RECV || o->kind == FOP_RANGE);
                }
                for (size_t m = 0; m < fs[j]->sum.chan_ops.len; m++) {
                    FlowEffect *e = &fs[j]->sum.chan_ops.items[m];
                    recvs += e->obj == ch && e->in != fs[j] && (e->kind == FOP_RECV || e->kind == FOP_RANGE);
                }
            }
            if (recvs != 1)
                continue;
            LocalUse lu = {p, fp, ch->var, false};
            go_inspect(fs[i]->node, local_use_pre, NULL, &lu);
            if (lu.escaped)
                continue;
            /* a goroutine it starts sends in a loop, blocking */
            const FlowEffect *send = NULL;
            FlowParents par;
            for (size_t g = 0; g < fs[i]->sum.spawns.len && !send; g++) {
                FlowSummary *s = &fs[i]->sum.spawns.items[g]->sum;
                for (size_t m = 0; m < s->chan_ops.len && !send; m++) {
                    const FlowEffect *e = &s->chan_ops.items[m];
                    if (e->obj != ch || e->kind != FOP_SEND)
                        continue;
                    for (size_t q = 0; q < e->in->ops.len; q++) {
                        FlowOp *o = &e->in->ops.items[q];
                        if (o->pos != e->pos || o->kind != FOP_SEND || o->nonblocking || !o->reached || !o->in_loop)
                            continue;
                        if (ch->cap > 0) {
                            flow_parents_init(&par, e->in->node);
                            int64_t t = trips(p, &par, o->node);
                            flow_parents_free(&par);
                            if (t <= ch->cap)
                                continue; /* unknown, or fits the buffer */
                        }
                        send = e;
                        break;
                    }
                }
            }
            if (!send)
                continue;
            char w[160], l[160];
            flow_where(fp, r->pos, w, sizeof w);
            flow_where(fp, lw.at->pos, l, sizeof l);
            pass_report(p, send->pos,
                        "goroutine blocks forever sending on '%s' once its only receiver leaves: the range at %s "
                        "in %s stops at %s and nothing receives afterwards; drain the channel before leaving, or "
                        "let the sender select on a done channel", ch->key, w, flow_fn_name(fp, fs[i]), l);
        }
}

/* ---- a context nobody cancels in time -------------------------------
 * `go tx.awaitDone()` with `<-tx.ctx.Done()` while tx.cancel() is called
 * only from Rollback, which nothing calls, or only by awaitDone itself
 * after the wait: Done never closes. Asked of the flow layer: the waits
 * on a context's Done() outside selects (flow_done_waits), the calls of
 * the cancel made with that context (flow_ctx_cancels), and whether any
 * of them can run before the wait ends (flow_may_run_before). */
static void unwoken_done_waits(Pass *p, FlowPkg *fp)
{
    size_t n;
    FlowFunc **fs = flow_funcs(fp, &n);
    for (size_t i = 0; i < n; i++) {
        FlowDoneWait ws[8];
        int nw = flow_done_waits(fp, fs[i], ws, 8);
        for (int j = 0; j < nw; j++) {
            if (ws[j].in_select || rule_in_test(p, ws[j].recv->pos))
                continue;
            FlowCancel ks[8];
            const char *txt;
            int nk = flow_ctx_cancels(fp, fs[i], ws[j].recv, 0, &txt, ks, 8);
            if (nk < 1 || nk >= 8)
                continue; /* no cancel in the package: lost-cancel's */
            FlowNotBefore wait = {fs[i], ws[j].recv->pos, ws[j].in_loop};
            bool runs = false;
            for (int k = 0; k < nk && !runs; k++)
                runs = flow_may_run_before(fp, ks[k].f, ks[k].pos, &wait, 1);
            if (runs)
                continue;
            char w[160];
            flow_where(fp, ks[0].pos, w, sizeof w);
            pass_report(p, ws[j].recv->pos,
                        "goroutine blocks forever receiving from %s.Done(): no call of its cancel function can run "
                        "before it (%s in %s is reached only after this wait or from functions nothing calls); "
                        "cancel the context on every path of its owner, e.g. defer cancel() where it is made",
                        txt, w, flow_fn_name(fp, ks[0].f));
            pass_related(p, ks[0].pos, "the context is cancelled here, too late or never");
        }
    }
}

static void run(Pass *p)
{
    /* only where the flow facts are built anyway (the lock and wait rules
     * need them): building them for every package with a channel costs
     * about 0.4 s on Go's std */
    if (!rule_pkg_mentions(p, "<-") || !rule_pkg_mentions(p, "go ") ||
        (!rule_pkg_mentions(p, "Lock()") && !rule_pkg_mentions(p, ".Wait()")))
        return;
    FlowPkg *fp = flow_pkg(p->sema, p->fset);
    PtrMap done, stays;
    ptrmap_init(&done);
    ptrmap_init(&stays);
    StayWalk sw = {&stays, {0}, 0};
    for (int i = 0; i < p->sema->nfiles; i++)
        if (p->sema->files[i]) {
            sw.nfn = 0;
            go_inspect((GoNode *)p->sema->files[i], stay_pre, stay_post, &sw);
        }
    size_t n;
    FlowFunc **fs = flow_funcs(fp, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < fs[i]->ops.len; k++) {
            FlowOp *op = &fs[i]->ops.items[k];
            if ((op->kind != FOP_SEND && op->kind != FOP_RECV && op->kind != FOP_RANGE) || !op->obj ||
                op->nonblocking || !op->reached ||
                op->obj->kind != FO_CHAN || !op->obj->cap_seen)
                continue;
            /* a send repeated by a loop (its own, or its function is
             * called in one) fills any buffer nobody drains */
            bool repeats = (op->in_loop || fs[i]->in_loop_call) &&
                           !(op->obj->var && !(op->obj->var->flags & OBJF_GLOBAL)); /* a local
                           filled up to its capacity on purpose is common in tests */
            if (op->kind == FOP_SEND && op->obj->cap != 0 && !repeats)
                continue; /* buffered: a send may not wait */
            if (ptrmap_get(&done, op->obj))
                continue;
            Partners pt = {.stays = &stays, .fp = fp, .fn = fs[i], .op = op};
            pt.op_runs = flow_may_run_before(fp, fs[i], op->pos, NULL, 0);
            unsigned kinds = op->kind == FOP_SEND ? FOP_BIT(FOP_RECV) | FOP_BIT(FOP_RANGE)
                                                  : FOP_BIT(FOP_SEND) | FOP_BIT(FOP_CLOSE);
            bool recv = op->kind != FOP_SEND; /* a receive or a range */
            flow_each_op_on(fp, op->obj, kinds, partner_fn, &pt);
            if (op->kind == FOP_SEND && op->obj->cap != 0 && (pt.blocking || pt.giving_up))
                continue; /* buffered with a receiver: not this rule's */
            if (pt.blocking || (pt.giving_up && recv))
                continue; /* a receiver that can give up leaves no sender stuck */
            ptrmap_set(&done, op->obj, op);
            if (escapes(fp, p, op->obj, recv))
                continue;
            const char *what = !recv ? "sending on" : op->kind == FOP_RANGE ? "ranging over" : "receiving from";
            if (!pt.giving_up && !pt.dead && pt.own_deferred) {
                char w[160];
                flow_where(fp, pt.own_op->pos, w, sizeof w);
                pass_report(p, op->pos,
                            "goroutine blocks forever %s '%s'%s: only this function's own deferred %s (%s) %s it, "
                            "and that runs after it returns; %s",
                            what, op->obj->key, op->obj->cap != 0 && op->kind == FOP_SEND ? " once its buffer is full" : "",
                            pt.own_op->kind == FOP_CLOSE ? "close" : pt.own_op->kind == FOP_SEND ? "send" : "receive", w,
                            !recv ? "receives from" : "sends on or closes",
                            !recv ? "receive before waiting, or drop the send" : "close it before waiting, or drop the receive");
                pass_related(p, pt.own_op->pos, "deferred: runs only when the function returns");
            } else if (!pt.giving_up && pt.dead) {
                /* in tests a helper nothing calls is mostly left over
                 * (a type no test builds any more): medium there */
                char w[160];
                flow_where(fp, pt.dead_op->pos, w, sizeof w);
                void (*report)(Pass *, GoPos, const char *, ...) PRINTF(3, 4) =
                    rule_in_test(p, op->pos) ? pass_report_medium : pass_report;
                report(p, op->pos, "goroutine blocks forever %s '%s'%s: only %s %s it (%s), and nothing calls it; %s",
                       what, op->obj->key, op->obj->cap != 0 && op->kind == FOP_SEND ? " once its buffer is full" : "",
                       flow_fn_name(fp, pt.dead_fn), !recv ? "receives from" : "sends on or closes", w,
                       !recv ? "call it, receive elsewhere, or drop the send"
                             : "call it, close the channel when the producer is done, or drop the receive");
                pass_related(p, pt.dead_op->pos, "the only partner, in a function nothing calls");
            } else if (!pt.giving_up) {
                pass_report(p, op->pos,
                            "goroutine blocks forever %s '%s'%s: nothing in the package ever %s it; %s", what,
                            op->obj->key, op->obj->cap != 0 && op->kind == FOP_SEND ? " once its buffer is full" : "",
                            !recv ? "receives from" : "sends on or closes",
                            !recv ? "receive from it, or drop the send"
                                                 : "close it when the producer is done, or drop the receive");
                if (op->obj->var && op->obj->var->ident)
                    pass_related(p, op->obj->var->ident->n.pos, "'%s' is declared here", op->obj->key);
            } else if (!(op->obj->var && !(op->obj->var->flags & OBJF_GLOBAL)) && !rule_in_test(p, op->pos)) {
                /* locals are abandoned-channel's; in tests a receiver
                 * giving up is the test failing or timing out */
                /* high unless the sender started a receiver itself just
                 * before (`c.Start(); c.inbox <- m`: that one waits until
                 * the sender lets it go), or a receiver's way out is
                 * conditional (`if active == 0 { return }` may count the
                 * senders) */
                char w[160];
                flow_where(fp, pt.example->pos, w, sizeof w);
                void (*report)(Pass *, GoPos, const char *, ...) PRINTF(3, 4) =
                    pt.unsure ? pass_report_medium : pass_report;
                report(p, op->pos,
                       "goroutine may block forever sending on unbuffered '%s': every receiver can give "
                       "up (%s in %s waits in a select with another way out); make it buffered "
                       "(cap 1) or select on the same way out here", op->obj->key, w,
                       flow_fn_name(fp, pt.example_fn));
                pass_related(p, pt.example->pos, "this receiver can give up: its select has another way out");
            }
        }
    ptrmap_free(&done);
    ptrmap_free(&stays);
    early_consumers(p, fp);
    unwoken_done_waits(p, fp);
}

const Rule rule_chan_partner = {
    "chan-partner",
    "a channel send or receive whose partner is missing or can give up",
    "An unbuffered send waits for a receiver, a receive for a sender or a\n"
    "close. When nothing in the package ever receives from (or sends on,\n"
    "or closes) the channel, the goroutine blocks forever; when every\n"
    "receiver waits in a select that can give up (a timeout, ctx.Done(), a\n"
    "default), a sender that comes late blocks forever. The rule asks the\n"
    "flow layer (src/flow) for the channel objects (a variable, or a field\n"
    "per type and field, with the capacity of the makes that reach it) and\n"
    "for every operation on each, across the package's functions and\n"
    "goroutines; a call of a getter (`return s.donec`, maybe after an\n"
    "`if s == nil { return nil }` guard) is an operation on the channel it\n"
    "returns, and the getter's return is no escape when every call of it is\n"
    "an operation and nothing outside the package can call it (unexported,\n"
    "package main, or a <-chan result while a sender is missing). A range\n"
    "over a channel nobody sends on or closes is reported like a receive. A\n"
    "receiver in a select in a loop gives up only when another clause\n"
    "leaves the loop (return, panic, goto, a labeled break or continue);\n"
    "clauses that go round again keep waiting. A channel that escapes\n"
    "(returned, passed to a call that drip cannot see into or whose\n"
    "function names the parameter,\n"
    "assigned elsewhere, an exported field or variable, a parameter) may have\n"
    "partners drip cannot see and is not reported, nor are channels that no\n"
    "make in the package reaches, and sends on buffered channels, except a\n"
    "field or package variable that nothing receives from, sent on in a loop\n"
    "(or by a function called in one): it fills any buffer. For speed\n"
    "it runs only in packages that use Lock() or .Wait() (where the flow\n"
    "facts are built for the lock and wait rules anyway).\n"
    "\n"
    "A consumer that leaves its range early strands its producer: when a\n"
    "function ranges over a local channel it made, the range body can\n"
    "leave (return, break, goto, a labeled break), nothing else ever\n"
    "receives from the channel (in the package's functions either), the\n"
    "channel reaches only the package's functions, and a goroutine the\n"
    "function starts sends on it in a loop (itself or through a function it\n"
    "calls with the channel), blocking, more often than the buffer holds\n"
    "(any loop for an unbuffered channel; a buffered one only when the loop\n"
    "runs a constant count past its constant capacity), the send is\n"
    "reported: after the range leaves, the next send waits forever.\n"
    "\n"
    "A partner in a function nothing can run is no partner: when the\n"
    "operation's function may run (called from outside the package, named\n"
    "where drip follows no call, or called by a function that runs) and\n"
    "every partner sits in functions that cannot (unexported, never named\n"
    "but by calls from such functions: a drain or close helper nobody\n"
    "calls), the operation is reported as if it had no partner, naming the\n"
    "helper; at medium in _test.go files, where such helpers are mostly\n"
    "left over. Nor is a close or send the waiting function defers itself\n"
    "(`defer close(stop); ...; <-stop`): it runs only after the function\n"
    "returns, past the wait.\n"
    "\n"
    "A goroutine waiting on `<-x.ctx.Done()` (outside a select) whose\n"
    "context's cancel nothing can call in time is reported too: the flow\n"
    "layer finds the cancel calls (the context.CancelFunc fields of the\n"
    "struct holding the context, or of a method's receiver when the context\n"
    "is its parameter, or the local cancel of WithCancel), and asks for each\n"
    "whether it can run while the wait waits: a function runs when it may be\n"
    "called from outside (main, init, exported outside package main), when\n"
    "its name appears where drip follows no call (a function or method\n"
    "value, an interface call), or when a caller that runs calls it; the\n"
    "waiting function's own calls after the wait (or deferred) do not\n"
    "count unless the wait is in a loop. A context with a timeout or a\n"
    "parent cancelled elsewhere is not told apart (that is a limit). The\n"
    "same question drops a receiver's ctx.Done() case as a way out when\n"
    "only the blocked sender (after its send) and the receiver (after its\n"
    "receive) cancel that context.\n"
    "\n"
    "Confidence: high when no partner exists. When all partners can give\n"
    "up (fields and package variables only: a local channel is\n"
    "abandoned-channel's; not in _test.go files, where a receiver giving up\n"
    "is the test failing or timing out): high when every receiver surely\n"
    "gives up once its way out is ready (its select is outside a loop, or\n"
    "another clause returns, panics or jumps out with no condition) and\n"
    "the sender did not start the receiver's goroutine itself before the\n"
    "send (`c.Start(); c.inbox <- m`: that receiver waits until the sender\n"
    "lets it go); medium otherwise (`if active == 0 { return }` may wait\n"
    "for every sender).\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func (wc *watchChan) run() {\n"
    "        select {\n"
    "        case err := <-wc.errChan:\n"
    "            wc.resultChan <- err == nil // nobody receives from resultChan\n"
    "        case <-wc.ctx.Done():\n"
    "        }\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func (wc *watchChan) ResultChan() <-chan bool { return wc.resultChan }\n"
    "    // and the caller receives from it, or run selects on ctx.Done() too\n"
    "\n"
    "Fix: give every channel a partner that cannot go away, or let the\n"
    "blocked side watch the same way out (ctx.Done(), a done channel).\n",
    run,
    NULL,
    .counts =
        "Findings on real code (tests included): Go 1.27's standard library\n"
        "high 1 / medium 3, etcd 1 / 1, grpc 0 / 0 as Debian ships them. On the\n"
        "63 GoKer kernels of Go 1.27 it flags the blocking site of\n"
        "cockroach25456 (a getter's channel nobody closes), kubernetes1321,\n"
        "25331 and 38669 (a buffered result channel nobody reads, filled in a\n"
        "loop) at high, cockroach18101 (a consumer returning from its range\n"
        "while the producer still sends) at high, cockroach13197 and 13755 (a\n"
        "ctx.Done() wait whose cancel runs only from a function nothing calls,\n"
        "or only after the wait) at high, grpc1424 (a done channel handed to\n"
        "a watcher that never names it) at high, cockroach35073 (a buffer\n"
        "whose only drain nothing calls) at high, and etcd6857 and istio17860\n"
        "(a late sender whose receiver leaves its loop with no condition) at\n"
        "high; kubernetes25331's send on errChan is no longer reported\n"
        "(its receiver's ctx.Done() case is cancelled only after both waits).\n"
        "The early-leaving consumer, the ctx.Done() and the ignored-parameter\n"
        "checks find nothing in Go 1.27's standard library, etcd, grpc or\n"
        "docker; the uncalled-partner check finds one medium finding there (a\n"
        "test connection type of net/http's http2 no test builds any more).\n",
};
