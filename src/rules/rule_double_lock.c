/* rule_double_lock.c - a mutex locked again while it is held: in the same
 * function on a path (a loop, a continue, a branch that forgot Unlock),
 * or by a function called while holding it, or after a callee that
 * returns with it held. Go mutexes are not reentrant: the second Lock
 * blocks forever. Asks the flow layer for the locks held at every lock
 * operation and for the callees' acquisitions. */
#include "../flow/flow.h"
#include "rule.h"

typedef struct {
    Pass *p;
    FlowPkg *fp;
    PtrMap seen;             /* reported positions */
    PtrMap writers;          /* lock objects some function write-locks */
    PtrMap handed;           /* locks a goroutine unlocks for another */
} Ctx;

static const char *op_name(FlowOpKind k)
{
    return k == FOP_RLOCK ? "RLock" : "Lock";
}

/* Where f locked lock before pos: its own Lock, or a call returning it
 * held; 0 when not found. */
static int locked_line(Ctx *c, FlowFunc *f, FlowObj *lock, GoPos before, const char **via, GoPos *at)
{
    int best = 0, any = 0;
    GoPos best_pos = 0, any_pos = 0;
    const char *any_via = NULL;
    *via = NULL;
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        int line = 0;
        const char *v = NULL;
        if ((op->kind == FOP_LOCK || op->kind == FOP_RLOCK) && op->obj == lock && !op->deferred)
            line = flow_line(c->fp, op->pos);
        else if (op->kind == FOP_CALL && !op->deferred) {
            const FlowSummary *s = &op->callee->sum;
            for (size_t k = 0; k < s->held_must.len && !line; k++) {
                const FlowEffect *e = &s->held_must.items[k];
                if (flow_map_obj(c->fp, op->callee, op->call, e->obj) == lock) {
                    line = flow_line(c->fp, op->pos);
                    v = flow_fn_name(c->fp, op->callee);
                }
            }
        }
        if (!line)
            continue;
        if (!any) {
            any = line;
            any_via = v;
            any_pos = op->pos;
        }
        if (op->pos < before) {
            best = line;
            best_pos = op->pos;
            *via = v;
        }
    }
    if (!best)
        *via = any_via;
    *at = best ? best_pos : any_pos;
    return best ? best : any;
}

/* Whether the only operation of f that can leave lock held before at is
 * at itself (a Lock in a loop, held again on the next pass), with no call
 * returning it held. */
static bool self_held_only(FlowFunc *f, FlowOp *at, FlowObj *lock)
{
    if (!at->in_loop || (at->kind != FOP_LOCK && at->kind != FOP_RLOCK))
        return false;
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if (op == at || op->deferred)
            continue;
        if ((op->kind == FOP_LOCK || op->kind == FOP_RLOCK) && op->obj == lock)
            return false;
        if (op->kind == FOP_CALL && op->callee && op->callee->sum.held_may.len)
            return false;
    }
    return true;
}

static void report(Ctx *c, FlowFunc *f, FlowOp *at, FlowOpKind kind, FlowObj *lock, GoPos pos, FlowFunc *callee,
                   Obj *base)
{
    bool read = false;
    if (base == FLOW_DISTINCT || ptrmap_get(&c->handed, lock) || !flow_held_may(f, &at->held, lock, base, &read))
        return;
    bool must = flow_held_must(f, &at->held, lock, base);
    bool recursive_read = read && kind == FOP_RLOCK;
    if (recursive_read && !ptrmap_get(&c->writers, lock))
        return; /* RLock twice with no writer: harmless */
    if (ptrmap_get(&c->seen, (void *)(uintptr_t)pos))
        return;
    ptrmap_set(&c->seen, (void *)(uintptr_t)pos, lock);
    const char *via = NULL;
    GoPos lpos = 0;
    locked_line(c, f, lock, at->pos, &via, &lpos);
    char where[160];
    flow_where(c->fp, lpos, where, sizeof where);
    char held[300];
    if (via)
        snprintf(held, sizeof held, "%s returned it locked at %s%s", via, where, must ? "" : " on some path");
    else
        snprintf(held, sizeof held, "%s at %s%s", read ? "read-locked" : "locked", where,
                 must ? "" : " on some path to here");
    char msg[900], where2[160];
    if (recursive_read)
        snprintf(msg, sizeof msg, "'%s' is read-locked again while read-locked (%s%s%s): a writer waiting "
                 "in between blocks both forever; do not take the read lock twice", lock->key, held,
                 callee ? ", then by " : "", callee ? flow_fn_name(c->fp, callee) : "");
    else if (callee && flow_where(c->fp, at->pos, where2, sizeof where2))
        snprintf(msg, sizeof msg, "'%s' is locked again while it is held: %s calls %s at %s with it held "
                 "(%s), and this %s() blocks forever since Go mutexes are not reentrant; unlock before the "
                 "call, or call a variant that expects the lock held", lock->key, flow_fn_name(c->fp, f),
                 flow_fn_name(c->fp, callee), where2, held, op_name(kind));
    else
        snprintf(msg, sizeof msg, "'%s' is locked again while it is held (%s): this %s() blocks forever since "
                 "Go mutexes are not reentrant; unlock it first", lock->key, held, op_name(kind));
    /* held on every path; or a Lock in a loop whose only source of the
     * held lock is itself on an earlier pass (a continue or a path around
     * the loop that skipped the Unlock); RLock twice counts once a writer
     * exists, which report requires */
    if (must || (!callee && !via && self_held_only(f, at, lock)))
        pass_report(c->p, pos, "%s", msg);
    else
        pass_report_medium(c->p, pos, "%s", msg);
    if (lpos)
        pass_related(c->p, lpos, "'%s' is %s here first", lock->key, via ? "locked (and returned locked)" : "locked");
    if (callee && at->pos != pos)
        pass_related(c->p, at->pos, "the call made while '%s' is held", lock->key);
}

static void check_func(Ctx *c, FlowFunc *f)
{
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if (op->deferred || op->block < 0 || !op->reached)
            continue;
        if ((op->kind == FOP_LOCK || op->kind == FOP_RLOCK) && op->obj && !op->fresh) {
            report(c, f, op, op->kind, op->obj, op->pos, NULL, op->base);
            continue;
        }
        if (op->kind != FOP_CALL || !op->callee)
            continue;
        const FlowSummary *s = &op->callee->sum;
        for (size_t k = 0; k < s->acquires.len; k++) {
            const FlowEffect *e = &s->acquires.items[k];
            FlowObj *lock = flow_map_obj(c->fp, op->callee, op->call, e->obj);
            if (lock && !e->fresh)
                report(c, f, op, e->kind, lock, e->pos, op->callee,
                       flow_map_base(c->fp, op->callee, op->call, e->base));
        }
    }
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, "Lock()"))
        return;
    Ctx c = {p, flow_pkg(p->sema, p->fset), {0}, {0}, {0}};
    ptrmap_init(&c.seen);
    ptrmap_init(&c.writers);
    ptrmap_init(&c.handed);
    size_t n;
    FlowFunc **fs = flow_funcs(c.fp, &n);
    /* a mutex one goroutine locks and another unlocks is a semaphore or
     * a hand-over (lock, start the worker, Lock again to wait for it) */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < fs[i]->sum.spawns.len; k++) {
            FlowFunc *g = fs[i]->sum.spawns.items[k];
            for (size_t r = 0; r < g->sum.releases.len; r++)
                ptrmap_set(&c.handed, g->sum.releases.items[r].obj, g);
        }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < fs[i]->ops.len; k++)
            if (fs[i]->ops.items[k].kind == FOP_LOCK && fs[i]->ops.items[k].obj)
                ptrmap_set(&c.writers, fs[i]->ops.items[k].obj, fs[i]);
    for (size_t i = 0; i < n; i++)
        if (fs[i]->has_locks)
            check_func(&c, fs[i]);
    ptrmap_free(&c.seen);
    ptrmap_free(&c.writers);
    ptrmap_free(&c.handed);
}

const Rule rule_double_lock = {
    "double-lock",
    "a mutex is locked again while it is held (directly, in a loop, or through a call)",
    "sync.Mutex and sync.RWMutex are not reentrant: Lock on a mutex the\n"
    "goroutine already holds blocks forever, and so does every goroutine\n"
    "that wants it later. The rule asks the flow layer (src/flow) which locks\n"
    "are held before every Lock and RLock: locks taken earlier on some path\n"
    "of the function (a loop that continues or breaks without Unlock, a\n"
    "branch that forgot it), and locks held while calling a function of the\n"
    "package that takes the same lock itself or deeper in its callees,\n"
    "including closures, callbacks stored in fields and functions that\n"
    "return with the lock held. Locks are objects: a variable, or a field of\n"
    "a type (s.mu of every *Server is Server.mu). RLock while holding the\n"
    "write lock deadlocks too; RLock twice is reported only when some\n"
    "function also write-locks that mutex (a writer queued between the two\n"
    "read locks blocks both).\n"
    "\n"
    "Confidence: high when the lock is held on every path to the second\n"
    "Lock (RLock twice included, once a writer exists), or when a Lock in a\n"
    "loop is held only by itself on an earlier pass (a continue that\n"
    "skipped the Unlock); medium when held only on some other path (shown\n"
    "with --confidence medium).\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func (l *logger) output() {\n"
    "        l.mu.Lock()\n"
    "        if err := l.create(); err != nil {\n"
    "            l.exit(err) // exit locks l.mu again: blocks forever\n"
    "        }\n"
    "        l.mu.Unlock()\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func (l *logger) output() {\n"
    "        l.mu.Lock()\n"
    "        err := l.create()\n"
    "        l.mu.Unlock()\n"
    "        if err != nil {\n"
    "            l.exit(err)\n"
    "        }\n"
    "    }\n"
    "\n"
    "Fix: release the lock before calling code that takes it, or split the\n"
    "callee into a locked wrapper and an unlocked body (exitLocked).\n"
    "\n"
    "Not seen: locks reached through interfaces, through other packages, or\n"
    "through two instances of one type that are really different (a.mu and\n"
    "b.mu are one object, so hand-over-hand locking of a list is not\n"
    "reported as double locking only when the variable is the same).\n",
    run,
    NULL,
    .counts =
        "Findings on real code (tests included, --confidence medium): Go 1.19's\n"
        "standard library / grpc / etcd / docker as Debian ships them: 0 / 0 / 0\n"
        "/ 0; Go 1.27's standard library: 1, runtime/pprof's test locking a\n"
        "mutex twice on purpose. On the 63 GoKer kernels of Go 1.27 it flags\n"
        "the blocking Lock of 9, all at high confidence: cockroach584, 6181 and\n"
        "9935, etcd10492 (a callback stored through a setter), grpc795,\n"
        "kubernetes62464, moby7559 (a continue that skips the Unlock) and 36114,\n"
        "syncthing4829.\n",
};
