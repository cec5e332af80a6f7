/* rule_cond_no_signal.c - Cond.Wait on a condition variable that nothing
 * in the package ever signals or broadcasts: the waiter sleeps forever.
 * Asks the flow layer for the Cond objects waited on and for the
 * operations on each (a field is one object per type and field). */
#include "../flow/flow.h"
#include "rule.h"

typedef struct {
    int signals;
} Count;

static void count_fn(FlowFunc *f, FlowOp *op, void *ctx)
{
    (void)f;
    (void)op;
    ((Count *)ctx)->signals++;
}

/* Whether the Cond may be reached from outside the package's view: an
 * exported field or package variable can be signalled by another
 * package. */
static bool exported(const char *name)
{
    return name && name[0] >= 'A' && name[0] <= 'Z';
}

static bool visible_outside(FlowObj *o)
{
    if (o->var)
        return (o->var->flags & OBJF_GLOBAL) && exported(o->var->name);
    return exported(o->field) && o->owner && exported(o->owner->name);
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, ".Wait()"))
        return;
    FlowPkg *fp = flow_pkg(p->sema, p->fset);
    PtrMap done;
    ptrmap_init(&done);
    size_t n;
    FlowFunc **fs = flow_funcs(fp, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < fs[i]->ops.len; k++) {
            FlowOp *op = &fs[i]->ops.items[k];
            if (op->kind != FOP_COND_WAIT || !op->obj || !op->reached || ptrmap_get(&done, op->obj))
                continue;
            ptrmap_set(&done, op->obj, op);
            if (visible_outside(op->obj))
                continue;
            Count c = {0};
            flow_each_op_on(fp, op->obj, FOP_BIT(FOP_COND_SIGNAL), count_fn, &c);
            if (c.signals)
                continue;
            pass_report(p, op->pos,
                        "%s.Wait() waits for a Signal or Broadcast that nothing in the package sends, so the "
                        "goroutine sleeps forever; call %s.Broadcast() where the condition becomes true",
                        op->obj->key, op->obj->key);
        }
    ptrmap_free(&done);
}

const Rule rule_cond_no_signal = {
    "cond-no-signal",
    "sync.Cond.Wait on a condition variable that is never signalled",
    "Cond.Wait releases the lock and sleeps until another goroutine calls\n"
    "Signal or Broadcast on the same Cond. If no code does, the waiter (and\n"
    "the lock protocol around it) is stuck forever. The rule asks the flow\n"
    "layer (src/flow) for every Wait on a Cond object (a variable, or a field\n"
    "of a type: c.cond of every *Queue is Queue.cond) and reports the first\n"
    "Wait of each object on which no function of the package calls Signal\n"
    "or Broadcast. An exported field of an exported type, or an exported\n"
    "package variable, may be signalled by another package and is not\n"
    "reported.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func (p *Plugin) waitActive() {\n"
    "        p.mu.Lock()\n"
    "        for !p.activated {\n"
    "            p.activateWait.Wait() // activate() sets the flag but never broadcasts\n"
    "        }\n"
    "        p.mu.Unlock()\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func (p *Plugin) activate() {\n"
    "        p.mu.Lock()\n"
    "        p.activated = true\n"
    "        p.mu.Unlock()\n"
    "        p.activateWait.Broadcast()\n"
    "    }\n"
    "\n"
    "Fix: Broadcast (or Signal) every time the waited-for condition may have\n"
    "become true, and on shutdown.\n"
    "\n"
    "Not seen: a Signal missed only on some path (the Cond is signalled\n"
    "somewhere), Conds passed to other packages as values.\n",
    run,
    NULL,
    .counts =
        "Findings on real code (tests included; Go 1.19 and 1.27 standard\n"
        "library, grpc, etcd, docker as Debian ships them): 0. On the 63 GoKer\n"
        "kernels of Go 1.27 it flags moby30408.\n",
};
