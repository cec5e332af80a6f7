/* rule_lock_across_block.c - a goroutine blocks on a channel operation or
 * a WaitGroup.Wait while holding a lock, and the goroutine that would
 * unblock it (the sender, receiver, closer, or the worker calling Done)
 * takes that same lock: neither can go on. Asks the flow layer for the
 * locks held at each blocking operation (its own, or one deep in a
 * callee), for the partners of the channel or WaitGroup, and for whether
 * the partner's function (or a caller of it) acquires the lock. */
#include "../flow/flow.h"
#include "../flow/flow_explain.h"
#include "rule.h"

typedef struct {
    Pass *p;
    FlowPkg *fp;
    PtrMap seen;           /* reported positions */
    PtrMap handed;         /* locks a started goroutine unlocks */
} Ctx;

typedef struct {
    FlowFunc *holder;
    FlowObj *lock;
    bool read;             /* the holder has it read-locked */
    FlowFunc *partner;     /* found: the function with the partner op */
    FlowOp *op;            /* found: the partner op */
    const FlowEffect *acq; /* found: where the partner side takes the lock */
    FlowFunc *taker;       /* found: the partner or the caller of it that takes it */
} Search;

static unsigned partner_kinds(FlowOpKind k)
{
    switch (k) {
    case FOP_SEND: return FOP_BIT(FOP_RECV) | FOP_BIT(FOP_RANGE);
    case FOP_RECV: case FOP_RANGE: return FOP_BIT(FOP_SEND) | FOP_BIT(FOP_CLOSE);
    case FOP_WG_WAIT: return FOP_BIT(FOP_WG_DONE);
    default: return 0;
    }
}

/* Whether g takes the lock on its goroutine, in a mode that conflicts. */
static const FlowEffect *takes(FlowFunc *g, FlowObj *lock, bool read)
{
    for (size_t i = 0; i < g->sum.acquires.len; i++) {
        const FlowEffect *e = &g->sum.acquires.items[i];
        if (e->obj == lock && !(read && e->kind == FOP_RLOCK))
            return e;
    }
    return NULL;
}

/* Whether c calls g on its own goroutine (not only starts it). */
static bool calls(FlowFunc *c, FlowFunc *g)
{
    for (size_t i = 0; i < c->ops.len; i++)
        if (c->ops.items[i].kind == FOP_CALL && c->ops.items[i].callee == g)
            return true;
    return false;
}

/* When g itself starts the holder, only what g locks after the go
 * statement and before its partner operation can be in the holder's
 * way (g locking first, then starting the holder, is no conflict). */
static bool takes_between(FlowFunc *g, FlowObj *lock, bool read, GoPos from, GoPos to)
{
    for (size_t i = 0; i < g->ops.len; i++) {
        FlowOp *op = &g->ops.items[i];
        if (op->pos <= from || op->pos >= to || op->deferred)
            continue;
        if ((op->kind == FOP_LOCK || (op->kind == FOP_RLOCK && !read)) && op->obj == lock)
            return true;
        if (op->kind == FOP_CALL && takes(op->callee, lock, read))
            return true;
    }
    return false;
}

static void partner_fn(FlowFunc *g, FlowOp *op, void *ctx)
{
    Search *s = ctx;
    if (s->partner || g == s->holder || !op->reached)
        return;
    for (size_t i = 0; i < g->sum.spawns.len; i++)
        if (g->sum.spawns.items[i] == s->holder) {
            if (takes_between(g, s->lock, s->read, g->spawn_at.items[i], op->pos)) {
                s->partner = s->taker = g;
                s->op = op;
                s->acq = takes(g, s->lock, s->read);
            }
            return;
        }
    const FlowEffect *e = takes(g, s->lock, s->read);
    FlowFunc *taker = g;
    size_t n;
    FlowFunc **callers = flow_callers(g, &n);
    for (size_t i = 0; !e && i < n; i++)
        if (callers[i] != s->holder && calls(callers[i], g) && (e = takes(callers[i], s->lock, s->read)))
            taker = callers[i];
    if (e) {
        s->partner = g;
        s->op = op;
        s->acq = e;
        s->taker = taker;
    }
}

/* Whether caller holds lock at some call of g (in a conflicting mode). */
static bool calls_holding(FlowFunc *caller, FlowFunc *g, FlowObj *lock, bool read)
{
    for (size_t i = 0; i < caller->ops.len; i++) {
        FlowOp *op = &caller->ops.items[i];
        if (op->kind != FOP_CALL || op->callee != g || op->deferred)
            continue;
        for (size_t k = 0; k < caller->locks.len; k++)
            if (caller->locks.items[k].obj == lock &&
                ((op->held.may_w | (read ? 0 : op->held.may_r)) >> k & 1))
                return true;
    }
    return false;
}

/* Whether every call of g (but the holder's) comes after its caller
 * took lock, itself or in a callee: on each goroutine that reaches g,
 * the lock comes before g's operation. */
static bool called_after_taking(FlowFunc *g, FlowFunc *holder, FlowObj *lock, bool read)
{
    size_t n, calls = 0;
    FlowFunc **callers = flow_callers(g, &n);
    for (size_t i = 0; i < n; i++) {
        if (callers[i] == holder)
            continue;
        for (size_t k = 0; k < callers[i]->sum.spawns.len; k++)
            if (callers[i]->sum.spawns.items[k] == g)
                return false; /* started as a goroutine: nothing before it */
        for (size_t k = 0; k < callers[i]->ops.len; k++) {
            FlowOp *op = &callers[i]->ops.items[k];
            if (op->kind != FOP_CALL || op->callee != g)
                continue;
            if (op->deferred || !takes_between(callers[i], lock, read, callers[i]->node->pos, op->pos))
                return false;
            calls++;
        }
    }
    return calls > 0;
}

/* The partner surely needs the lock before its operation: it holds it
 * there, or takes it earlier in its function, or its caller calls it
 * with the lock held, or every caller calls it after taking the lock,
 * or the operation comes
 * round again after the partner took it: in a loop, at return, or in a
 * function called in a loop (not a close: once closed, the channel
 * never blocks again). */
static bool partner_sure(Search *s)
{
    FlowFunc *g = s->partner;
    for (size_t i = 0; i < g->locks.len; i++)
        if (g->locks.items[i].obj == s->lock &&
            ((s->op->held.may_w | (s->read ? 0 : s->op->held.may_r)) >> i & 1))
            return true;
    if (s->op->in_loop || s->op->deferred)
        return true;
    if (s->taker == g)
        return takes_between(g, s->lock, s->read, g->node->pos, s->op->pos) ||
               (g->in_loop_call && s->op->kind != FOP_CLOSE);
    return calls_holding(s->taker, g, s->lock, s->read) || called_after_taking(g, s->holder, s->lock, s->read);
}

/* Whether every partner operation on the object surely needs the lock
 * first: one that never takes it, or may take it only after its
 * operation, can let the holder go on (a second closer, say). */
typedef struct {
    const Search *s;
    bool all;
} AllSure;

static void sure_fn(FlowFunc *g, FlowOp *op, void *ctx)
{
    AllSure *a = ctx;
    if (!a->all || g == a->s->holder || !op->reached)
        return;
    Search one = {a->s->holder, a->s->lock, a->s->read, NULL, NULL, NULL, NULL};
    partner_fn(g, op, &one);
    if (!one.partner || !partner_sure(&one))
        a->all = false;
}

static bool every_partner_sure(Ctx *c, FlowObj *obj, unsigned kinds, const Search *s)
{
    AllSure a = {s, true};
    flow_each_op_on_aliased(c->fp, obj, kinds, sure_fn, &a);
    return a.all;
}

static const char *op_verb(FlowOpKind k)
{
    switch (k) {
    case FOP_SEND: return "sends on";
    case FOP_RECV: return "receives from";
    case FOP_RANGE: return "ranges over";
    case FOP_WG_WAIT: return "waits for";
    default: return "uses";
    }
}

static const char *partner_verb(FlowOpKind k)
{
    switch (k) {
    case FOP_SEND: return "sends on it";
    case FOP_RECV: case FOP_RANGE: return "receives from it";
    case FOP_CLOSE: return "closes it";
    case FOP_WG_DONE: return "calls Done";
    default: return "uses it";
    }
}

static void count_op(FlowFunc *g, FlowOp *op, void *ctx)
{
    (void)g;
    (void)op;
    (*(int *)ctx)++;
}

static void check_block(Ctx *c, FlowFunc *f, FlowOp *at, FlowOpKind kind, FlowObj *obj, GoPos pos)
{
    unsigned pk = partner_kinds(kind);
    if (!pk || !obj || ptrmap_get(&c->seen, (void *)(uintptr_t)pos))
        return;
    int receivers = 0;
    if (kind == FOP_SEND)
        flow_each_op_on_aliased(c->fp, obj, pk, count_op, &receivers);
    if (kind == FOP_SEND && !receivers)
        pk = FOP_BIT(FOP_CLOSE); /* no receiver anywhere: only the closer ends the send */
    for (size_t i = 0; i < f->locks.len; i++) {
        uint64_t bit = (uint64_t)1 << i;
        if (!((at->held.may_w | at->held.may_r) & bit))
            continue;
        FlowObj *lock = f->locks.items[i].obj;
        if (ptrmap_get(&c->handed, lock))
            continue; /* handed to a goroutine that unlocks it */
        Search s = {f, lock, !(at->held.may_w & bit), NULL, NULL, NULL, NULL};
        flow_each_op_on_aliased(c->fp, obj, pk, partner_fn, &s);
        if (!s.partner)
            continue;
        bool must = ((at->held.must_w | at->held.must_r) & bit) != 0;
        char pw[160], aw[160];
        flow_where(c->fp, s.op->pos, pw, sizeof pw);
        flow_where(c->fp, s.acq->pos, aw, sizeof aw);
        const char *what = kind == FOP_WG_WAIT ? "WaitGroup" : "channel";
        char msg[900];
        snprintf(msg, sizeof msg,
                 "%s %s %s '%s' while holding '%s', but %s, which %s (%s), takes '%s' too (%s): each waits for "
                 "the other forever; release the lock before blocking, or make the partner not need it",
                 flow_fn_name(c->fp, f), op_verb(kind), what, obj->key, lock->key, flow_fn_name(c->fp, s.partner),
                 partner_verb(s.op->kind), pw, lock->key, aw);
        ptrmap_set(&c->seen, (void *)(uintptr_t)pos, obj);
        if (must && every_partner_sure(c, obj, pk, &s))
            pass_report(c->p, pos, "%s", msg);
        else
            pass_report_medium(c->p, pos, "%s", msg);
        GoPos lk = 0;
        if (flow_locked_at(c->fp, f, lock, at->pos, &lk) && lk)
            pass_related(c->p, lk, "'%s' is locked here", lock->key);
        if (at->pos != pos)
            pass_related(c->p, at->pos, "the call that blocks while '%s' is held", lock->key);
        pass_related(c->p, s.op->pos, "the partner that %s", partner_verb(s.op->kind));
        pass_related(c->p, s.acq->pos, "where the partner takes '%s'", lock->key);
        return;
    }
}

static void check_func(Ctx *c, FlowFunc *f)
{
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if (op->deferred || op->block < 0 || !op->reached || !(op->held.may_w | op->held.may_r))
            continue;
        switch (op->kind) {
        case FOP_SEND: case FOP_RECV:
            if (op->nonblocking || (op->obj && op->obj->cap_seen && op->obj->cap != 0))
                continue;
            check_block(c, f, op, op->kind, op->obj, op->pos);
            continue;
        case FOP_RANGE: case FOP_WG_WAIT:
            check_block(c, f, op, op->kind, op->obj, op->pos);
            continue;
        case FOP_CALL: {
            const FlowSummary *s = &op->callee->sum;
            for (size_t k = 0; k < s->chan_ops.len; k++) {
                const FlowEffect *e = &s->chan_ops.items[k];
                if (e->blocking && !e->after_release)
                    check_block(c, f, op, e->kind, flow_map_obj(c->fp, op->callee, op->call, e->obj), e->pos);
            }
            continue;
        }
        default:
            continue;
        }
    }
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, "Lock()"))
        return;
    Ctx c = {p, flow_pkg(p->sema, p->fset), {0}, {0}};
    ptrmap_init(&c.seen);
    ptrmap_init(&c.handed);
    size_t n;
    FlowFunc **fs = flow_funcs(c.fp, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < fs[i]->sum.spawns.len; k++) {
            FlowFunc *g = fs[i]->sum.spawns.items[k];
            for (size_t r = 0; r < g->sum.releases.len; r++)
                ptrmap_set(&c.handed, g->sum.releases.items[r].obj, g);
        }
    for (size_t i = 0; i < n; i++)
        if (fs[i]->has_locks)
            check_func(&c, fs[i]);
    ptrmap_free(&c.seen);
    ptrmap_free(&c.handed);
}

const Rule rule_lock_across_block = {
    "lock-across-block",
    "a goroutine blocks on a channel or WaitGroup while holding a lock its partner needs",
    "A send, receive or range on an unbuffered channel, or a WaitGroup.Wait,\n"
    "made while holding a mutex, waits for another goroutine: the receiver,\n"
    "the sender or closer, the worker that calls Done. If that goroutine\n"
    "has to take the same mutex first, it never gets there, and both block\n"
    "forever. The rule asks the flow layer (src/flow) for the locks held at\n"
    "every blocking operation (also one made deep in a callee), for the\n"
    "functions of the package doing the partner operation on the same\n"
    "channel or WaitGroup object (a field is one object per type and field,\n"
    "a local bound once to a field, `ch := s.ch`, is that field, and so is\n"
    "a parameter some call passes it for; a send with no receiver anywhere\n"
    "waits for the closer),\n"
    "and for whether such a function, or a function calling it, takes the\n"
    "lock on its goroutine (through its callees too). Two read locks do not\n"
    "conflict. Operations in a select that can give up (a default or another\n"
    "case) and sends on a buffered channel are not counted as blocking.\n"
    "\n"
    "Confidence: high when the lock is held on every path to the blocking\n"
    "operation and every partner surely needs it first: it holds it at its\n"
    "operation, takes it earlier in its function, is called by a function\n"
    "holding it, is called only after its callers took it (themselves or in\n"
    "a callee), or meets its operation again after taking it (in a loop,\n"
    "at return, or, except a close, in a function called in a loop);\n"
    "medium otherwise (a partner may lock only after its operation, or a\n"
    "second closer may need no lock).\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func (s *statusManager) SetPodStatus() {\n"
    "        s.lock.Lock()\n"
    "        defer s.lock.Unlock()\n"
    "        s.ch <- true // the receiver calls DeletePodStatus, which locks s.lock\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func (s *statusManager) SetPodStatus() {\n"
    "        s.lock.Lock()\n"
    "        ... // update under the lock\n"
    "        s.lock.Unlock()\n"
    "        s.ch <- true\n"
    "    }\n"
    "\n"
    "Fix: release the lock before the blocking operation, or let the partner\n"
    "do its part without the lock (a buffered channel of the right size, a\n"
    "select that also watches a done channel).\n"
    "\n"
    "Not seen: partners reached through interfaces or other packages, and\n"
    "whether the partner takes the lock before or after its operation (a\n"
    "partner that only locks after receiving is reported too, at the\n"
    "confidence of the holder's path).\n",
    run,
    NULL,
    .counts =
        "Findings on real code (tests included): high 0 on Go 1.19's and 1.27's\n"
        "standard library, grpc, etcd and docker as Debian ships them; medium 3:\n"
        "database/sql's TestTxCannotCommitAfterRollback (1.19), etcd's test\n"
        "bridge and grpc's handleGoAway, where the partner closes the channel\n"
        "before it takes the lock (no deadlock: the order is not seen). On the\n"
        "63 GoKer kernels of Go 1.27 it flags cockroach1055, etcd6873, grpc1460,\n"
        "kubernetes6632, kubernetes10182 and moby28462 at the bug's site, all at\n"
        "high confidence (cockroach1055's worker takes the lock in StartTask\n"
        "before it calls SetStopped), and istio16224's handler at high\n"
        "(reached through a callback the scorer does not follow).\n",
};
