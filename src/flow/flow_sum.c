/* flow_sum.c - function summaries, bottom-up over the call graph's
 * strongly connected components (Tarjan), each component iterated to its
 * fixpoint; inside a function, the locks held at every operation by a
 * forward dataflow over its CFG (may: union, must: intersection). */
#include "flow_int.h"

static FlowEffect *effects_add_base(FlowEffects *e, FlowOpKind k, FlowObj *o, GoPos pos, FlowFunc *in,
                                    bool blocking, Obj *base, bool fresh);

static FlowEffect *effects_add(FlowEffects *e, FlowOpKind k, FlowObj *o, GoPos pos, FlowFunc *in, bool blocking)
{
    return effects_add_base(e, k, o, pos, in, blocking, NULL, false);
}

static FlowEffect *effects_add_base(FlowEffects *e, FlowOpKind k, FlowObj *o, GoPos pos, FlowFunc *in,
                                    bool blocking, Obj *base, bool fresh)
{
    if (!o)
        return NULL;
    for (size_t i = 0; i < e->len; i++)
        if (e->items[i].obj == o && e->items[i].kind == k) {
            e->items[i].blocking = e->items[i].blocking || blocking;
            return &e->items[i];
        }
    if (e->len >= FLOW_MAX_EFFECTS)
        return NULL;
    FlowEffect x = {k, o, pos, in, blocking, base, fresh, false};
    array_push(e, x);
    return array_last(e);
}

void flow_summary_free(FlowSummary *s)
{
    array_free(&s->acquires);
    array_free(&s->releases);
    array_free(&s->held_must);
    array_free(&s->held_may);
    array_free(&s->chan_ops);
    array_free(&s->reacquires);
}

static void summary_reset(FlowSummary *s)
{
    s->acquires.len = s->releases.len = s->held_must.len = s->held_may.len = s->chan_ops.len = 0;
    s->reacquires.len = 0;
    s->blocks_forever = false;
}

static size_t summary_size(FlowSummary *s)
{
    return s->acquires.len + s->releases.len + s->held_must.len + s->held_may.len + s->chan_ops.len +
           s->reacquires.len + (s->blocks_forever ? 1 : 0);
}

/* Index of lock o in f's table, added when there is room (64 locks). */
static int lock_slot(FlowFunc *f, FlowObj *o, Obj *base)
{
    if (!o)
        return -1;
    for (size_t i = 0; i < f->locks.len; i++)
        if (f->locks.items[i].obj == o && f->locks.items[i].base == base)
            return (int)i;
    if (f->locks.len >= 64)
        return -1;
    FlowLockSlot sl = {o, base};
    array_push(&f->locks, sl);
    return (int)f->locks.len - 1;
}

/* Held, for an acquisition check: a distinct instance never is. */
static bool held_inst(FlowFunc *f, const FlowHeld *h, FlowObj *o, Obj *base);

static bool callee_has_locks(FlowFunc *c)
{
    return c->sum.acquires.len || c->sum.releases.len || c->sum.held_must.len || c->sum.held_may.len;
}

static void set_bit(FlowHeld *h, int i, bool read, bool must)
{
    if (i < 0)
        return;
    uint64_t b = (uint64_t)1 << i;
    if (read) {
        h->may_r |= b;
        if (must)
            h->must_r |= b;
    } else {
        h->may_w |= b;
        if (must)
            h->must_w |= b;
    }
}

static void clear_bit(FlowHeld *h, int i, bool read)
{
    if (i < 0)
        return;
    uint64_t b = ~((uint64_t)1 << i);
    if (read) {
        h->may_r &= b;
        h->must_r &= b;
    } else {
        h->may_w &= b;
        h->must_w &= b;
    }
}

static bool released_bit(const FlowHeld *h, int i)
{
    return i >= 0 && (h->released >> i & 1);
}

static bool held_inst(FlowFunc *f, const FlowHeld *h, FlowObj *o, Obj *base)
{
    if (base == FLOW_DISTINCT)
        return false;
    lock_slot(f, o, base);
    return flow_held_may(f, h, o, base, NULL);
}

/* A call's effect on the caller's lock state: the callee's releases and
 * the locks it returns holding. */
static bool returns_value(FlowFunc *f)
{
    GoFuncType *ft = f->node->kind == GO_FUNC_DECL ? ((GoFuncDecl *)f->node)->type : ((GoFuncLit *)f->node)->type;
    return ft && ft->results && ft->results->fields.len;
}

/* Unlock of a field lock whose instance is not known (through a closure,
 * a reassigned variable): it may be any held instance, so all are
 * released (fewer, surer findings). */
static void unlock_any(FlowFunc *f, FlowHeld *h, FlowObj *o, bool read)
{
    for (size_t i = 0; i < f->locks.len; i++)
        if (f->locks.items[i].obj == o)
            clear_bit(h, (int)i, read);
}

static void unlock(FlowFunc *f, FlowHeld *h, FlowObj *o, Obj *base, bool read)
{
    int k = lock_slot(f, o, base);
    if (k >= 0 && !held_inst(f, h, o, base) && base != FLOW_DISTINCT)
        h->released |= (uint64_t)1 << k;
    if (o && !o->var && (!base || base == FLOW_DISTINCT))
        unlock_any(f, h, o, read);
    else
        clear_bit(h, k, read);
}

static void apply_call(FlowPkg *fp, FlowFunc *f, FlowOp *op, FlowHeld *h)
{
    FlowSummary *c = &op->callee->sum;
    for (size_t i = 0; i < c->releases.len; i++) {
        FlowEffect *e = &c->releases.items[i];
        FlowObj *o = flow_map_obj(fp, op->callee, op->call, e->obj);
        if (o)
            unlock(f, h, o, flow_map_base(fp, op->callee, op->call, e->base), e->kind == FOP_RUNLOCK);
    }
    /* only what it holds on every return ("returns locked on some path"
     * mostly goes with a result the caller checks), and only from a
     * callee without results: one that returns a value with the lock held
     * hands the unlocking to that value (tx := s.Read(); ...; tx.End()) */
    for (size_t i = 0; i < c->held_must.len && !returns_value(op->callee); i++) {
        FlowEffect *e = &c->held_must.items[i];
        set_bit(h, lock_slot(f, flow_map_obj(fp, op->callee, op->call, e->obj),
                             flow_map_base(fp, op->callee, op->call, e->base)), e->kind == FOP_RLOCK, true);
    }
}

static void transfer(FlowPkg *fp, FlowFunc *f, FlowOp *op, FlowHeld *h)
{
    if (op->deferred)
        return;
    switch (op->kind) {
    case FOP_LOCK: set_bit(h, lock_slot(f, op->obj, op->base), false, true); return;
    case FOP_RLOCK: set_bit(h, lock_slot(f, op->obj, op->base), true, true); return;
    case FOP_UNLOCK: case FOP_RUNLOCK:
        unlock(f, h, op->obj, op->base, op->kind == FOP_RUNLOCK);
        return;
    case FOP_CALL: apply_call(fp, f, op, h); return;
    default: return;
    }
}

static bool op_blocking(FlowOp *op)
{
    switch (op->kind) {
    case FOP_SEND: case FOP_RECV:
        return !op->nonblocking && !(op->obj && op->obj->cap_seen && op->obj->cap != 0);
    case FOP_RANGE: case FOP_WG_WAIT: case FOP_COND_WAIT:
        return true;
    default:
        return false;
    }
}

/* Whether f itself unlocks at's lock earlier in its body (Unlock; ...;
 * Lock: the lock is given up and taken back here, not somewhere below). */
static bool unlocks_before(FlowFunc *f, FlowOp *at)
{
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if ((op->kind == FOP_UNLOCK || op->kind == FOP_RUNLOCK) && !op->deferred && op->obj == at->obj &&
            op->pos < at->pos)
            return true;
    }
    return false;
}

/* The effects of one operation on f's summary, given the locks held
 * before it. */
static void record(FlowPkg *fp, FlowFunc *f, FlowOp *op, const FlowHeld *h)
{
    FlowSummary *s = &f->sum;
    switch (op->kind) {
    case FOP_LOCK: case FOP_RLOCK:
        if (op->deferred || held_inst(f, h, op->obj, op->base))
            return;
        if (!released_bit(h, lock_slot(f, op->obj, op->base)))
            effects_add_base(&s->acquires, op->kind, op->obj, op->pos, f, false, op->base, op->fresh);
        else if (unlocks_before(f, op))
            effects_add_base(&s->reacquires, op->kind, op->obj, op->pos, f, false, op->base, false);
        return;
    case FOP_UNLOCK: case FOP_RUNLOCK: {
        int i = lock_slot(f, op->obj, op->base);
        uint64_t held = op->kind == FOP_UNLOCK ? h->may_w : h->may_r;
        if (!op->deferred && i >= 0 && !(held >> i & 1))
            effects_add_base(&s->releases, op->kind, op->obj, op->pos, f, false, op->base, false);
        return;
    }
    case FOP_SELECT_EMPTY:
        s->blocks_forever = true;
        return;
    case FOP_CALL: {
        if (op->deferred)
            return;
        FlowSummary *c = &op->callee->sum;
        for (size_t i = 0; i < c->acquires.len; i++) {
            FlowEffect *e = &c->acquires.items[i];
            FlowObj *o = flow_map_obj(fp, op->callee, op->call, e->obj);
            Obj *b = flow_map_base(fp, op->callee, op->call, e->base);
            if (o && !held_inst(f, h, o, b) && !released_bit(h, lock_slot(f, o, b)))
                effects_add_base(&s->acquires, e->kind, o, e->pos, e->in, false, b, e->fresh);
        }
        for (size_t i = 0; i < c->releases.len; i++) {
            FlowEffect *e = &c->releases.items[i];
            FlowObj *o = flow_map_obj(fp, op->callee, op->call, e->obj);
            Obj *b = flow_map_base(fp, op->callee, op->call, e->base);
            if (o && !held_inst(f, h, o, b))
                effects_add_base(&s->releases, e->kind, o, e->pos, e->in, false, b, false);
        }
        for (size_t i = 0; i < c->reacquires.len; i++) {
            /* the caller's caller's lock still, when this one does not hold it */
            FlowEffect *e = &c->reacquires.items[i];
            FlowObj *o = flow_map_obj(fp, op->callee, op->call, e->obj);
            Obj *b = flow_map_base(fp, op->callee, op->call, e->base);
            if (o && !held_inst(f, h, o, b))
                effects_add_base(&s->reacquires, e->kind, o, e->pos, e->in, false, b, false);
        }
        for (size_t i = 0; i < c->chan_ops.len; i++) {
            FlowEffect *e = &c->chan_ops.items[i];
            FlowEffect *x = effects_add(&s->chan_ops, e->kind, flow_map_obj(fp, op->callee, op->call, e->obj),
                                        e->pos, e->in, e->blocking);
            if (x)
                x->after_release = x->after_release || e->after_release || h->released;
        }
        s->blocks_forever = s->blocks_forever || c->blocks_forever;
        return;
    }
    default:
        if (!op->deferred) {
            FlowEffect *x = effects_add(&s->chan_ops, op->kind, op->obj, op->pos, f, op_blocking(op));
            if (x)
                x->after_release = x->after_release || h->released;
        }
        return;
    }
}

/* Locks held at the exit: the exit block's state after the deferred
 * operations, last deferred first. */
static void record_exit(FlowPkg *fp, FlowFunc *f, FlowHeld h)
{
    for (size_t k = f->ops.len; k-- > 0;) {
        FlowOp *op = &f->ops.items[k];
        if (!op->deferred || op->block < 0)
            continue;
        op->deferred = false;
        if (op->kind == FOP_CALL)
            record(fp, f, op, &h);
        transfer(fp, f, op, &h);
        op->deferred = true;
    }
    for (size_t i = 0; i < f->locks.len; i++) {
        uint64_t b = (uint64_t)1 << i;
        FlowObj *o = f->locks.items[i].obj;
        Obj *base = f->locks.items[i].base;
        if (h.must_w & b)
            effects_add_base(&f->sum.held_must, FOP_LOCK, o, f->node->pos, f, false, base, false);
        else if (h.may_w & b)
            effects_add_base(&f->sum.held_may, FOP_LOCK, o, f->node->pos, f, false, base, false);
        if (h.must_r & b)
            effects_add_base(&f->sum.held_must, FOP_RLOCK, o, f->node->pos, f, false, base, false);
        else if (h.may_r & b)
            effects_add_base(&f->sum.held_may, FOP_RLOCK, o, f->node->pos, f, false, base, false);
    }
}

static bool held_eq(const FlowHeld *a, const FlowHeld *b)
{
    return a->may_w == b->may_w && a->may_r == b->may_r && a->must_w == b->must_w && a->must_r == b->must_r &&
           a->released == b->released;
}

/* Forward dataflow of the held locks over f's CFG, then one pass that
 * records each operation's state and the summary. */
static void lock_dataflow(FlowPkg *fp, FlowFunc *f)
{
    Cfg *g = sema_cfg(fp->s, f->node);
    size_t nb = g->blocks.len;
    FlowHeld *in = xcalloc(nb, sizeof *in), *out = xcalloc(nb, sizeof *out);
    size_t *first = xcalloc(nb + 1, sizeof *first);
    Array(int) *preds = xcalloc(nb, sizeof *preds);
    for (size_t b = 0; b < nb; b++) {
        CfgBlock *blk = g->blocks.items[b];
        for (size_t k = 0; k < blk->succs.len; k++)
            array_push(&preds[blk->succs.items[k]->index], (int)b);
        out[b] = (FlowHeld){0, 0, ~(uint64_t)0, ~(uint64_t)0, 0};
    }
    /* ops are in block order, select {} (block -1) first */
    size_t k = 0;
    while (k < f->ops.len && f->ops.items[k].block < 0)
        k++;
    for (size_t b = 0; b < nb; b++) {
        first[b] = k;
        while (k < f->ops.len && f->ops.items[k].block == (int)b)
            k++;
    }
    first[nb] = k;
    bool changed = true;
    for (int pass = 0; changed && pass < 2 * (int)nb + 8; pass++) {
        changed = false;
        for (size_t b = 0; b < nb; b++) {
            CfgBlock *blk = g->blocks.items[b];
            if (!blk->live)
                continue;
            FlowHeld h = {0, 0, 0, 0, 0};
            if (blk != g->entry) {
                h = (FlowHeld){0, 0, ~(uint64_t)0, ~(uint64_t)0, 0};
                for (size_t p = 0; p < preds[b].len; p++) {
                    FlowHeld *o = &out[preds[b].items[p]];
                    if (!g->blocks.items[preds[b].items[p]]->live)
                        continue;
                    h.may_w |= o->may_w;
                    h.may_r |= o->may_r;
                    h.must_w &= o->must_w;
                    h.must_r &= o->must_r;
                    h.released |= o->released;
                }
            }
            in[b] = h;
            for (size_t i = first[b]; i < first[b + 1]; i++)
                transfer(fp, f, &f->ops.items[i], &h);
            if (!held_eq(&h, &out[b])) {
                out[b] = h;
                changed = true;
            }
        }
    }
    for (size_t b = 0; b < nb; b++) {
        FlowHeld h = in[b];
        /* must bits are meaningful only where may holds */
        h.must_w &= h.may_w;
        h.must_r &= h.may_r;
        for (size_t i = first[b]; i < first[b + 1]; i++) {
            FlowOp *op = &f->ops.items[i];
            op->held = h;
            if (g->blocks.items[b]->live)
                record(fp, f, op, &h);
            transfer(fp, f, op, &h);
        }
    }
    for (size_t i = 0; i < first[0]; i++)
        record(fp, f, &f->ops.items[i], &(FlowHeld){0, 0, 0, 0, 0});
    FlowHeld ex = in[g->exit->index];
    ex.must_w &= ex.may_w;
    ex.must_r &= ex.may_r;
    if (g->exit->live)
        record_exit(fp, f, ex);
    for (size_t b = 0; b < nb; b++)
        array_free(&preds[b]);
    free(preds);
    free(first);
    free(in);
    free(out);
}

static bool cfg_done(FlowFunc *f)
{
    return f->ops.len && f->ops.items[f->ops.len - 1].block >= 0;
}

/* One function's summary from its operations and its callees' summaries. */
static void summarize(FlowPkg *fp, FlowFunc *f)
{
    summary_reset(&f->sum);
    bool locks = false;
    for (size_t i = 0; i < f->ops.len && !locks; i++) {
        FlowOp *op = &f->ops.items[i];
        locks = flow_is_lock_kind(op->kind) || (op->kind == FOP_CALL && callee_has_locks(op->callee));
    }
    if (locks && !f->has_locks) {
        f->has_locks = true;
        flow_collect_ops(fp, f, true);
    }
    if (f->has_locks && (cfg_done(f) || f->ops.len)) {
        lock_dataflow(fp, f);
        return;
    }
    FlowHeld none = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < f->ops.len; i++)
        record(fp, f, &f->ops.items[i], &none);
}

typedef struct {
    FlowPkg *fp;
    int next;
    Array(FlowFunc *) stack;
} Tarjan;

static void scc_done(Tarjan *t, FlowFunc *root)
{
    size_t start = t->stack.len;
    while (start > 0 && t->stack.items[start - 1] != root)
        start--;
    start--;
    size_t n = t->stack.len - start;
    FlowFunc **members = &t->stack.items[start];
    bool recursive = n > 1;
    for (size_t i = 0; i < members[0]->ops.len && !recursive; i++)
        recursive = members[0]->ops.items[i].callee == members[0];
    for (int round = 0; round < (recursive ? 4 : 1); round++) {
        size_t before = 0, after = 0;
        for (size_t i = 0; i < n; i++)
            before += summary_size(&members[i]->sum);
        for (size_t i = 0; i < n; i++)
            summarize(t->fp, members[i]);
        for (size_t i = 0; i < n; i++)
            after += summary_size(&members[i]->sum);
        if (round > 0 && after == before)
            break;
    }
    for (size_t i = 0; i < n; i++)
        members[i]->onstack = 0;
    t->stack.len = start;
}

static void strongconnect(Tarjan *t, FlowFunc *f, int depth)
{
    f->index = f->low = t->next++;
    f->onstack = 1;
    array_push(&t->stack, f);
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowFunc *c = f->ops.items[i].callee;
        if (!c)
            continue;
        if (c->index < 0) {
            if (depth > 2000)
                continue; /* a chain this deep is cut: c starts its own walk */
            strongconnect(t, c, depth + 1);
            if (c->low < f->low)
                f->low = c->low;
        } else if (c->onstack && c->index < f->low) {
            f->low = c->index;
        }
    }
    if (f->low == f->index)
        scc_done(t, f);
}

/* Whether every call of f in caller is a sync.Once.Do(f). */
static bool only_via_once(FlowFunc *caller, FlowFunc *f)
{
    for (size_t i = 0; i < caller->ops.len; i++)
        if (caller->ops.items[i].callee == f && !caller->ops.items[i].via_once)
            return false;
    for (size_t i = 0; i < caller->sum.spawns.len; i++)
        if (caller->sum.spawns.items[i] == f)
            return false;
    return true;
}

/* Runs once per process: init, main, a body behind a started flag, a
 * Once.Do literal, or a function only called (or started) from such or
 * through Once.Do, outside loops, not exported. */
static void propagate_once(FlowPkg *fp)
{
    for (int round = 0; round < 4; round++) {
        bool changed = false;
        for (size_t i = 0; i < fp->funcs.len; i++) {
            FlowFunc *f = fp->funcs.items[i];
            if (f->once || !f->callers.len || f->in_loop_call)
                continue;
            GoFuncDecl *fd = GO_AS(GoFuncDecl, f->node);
            if (fd && fd->name && fd->name->len && fd->name->name[0] >= 'A' && fd->name->name[0] <= 'Z')
                continue;
            bool all = true;
            for (size_t k = 0; k < f->callers.len && all; k++)
                all = f->callers.items[k]->once || only_via_once(f->callers.items[k], f);
            if (all)
                f->once = changed = true;
        }
        if (!changed)
            break;
    }
}

static void add_caller(FlowFunc *c, FlowFunc *f)
{
    if (c->callers.len && c->callers.items[c->callers.len - 1] == f)
        return;
    for (size_t i = 0; i < c->callers.len; i++)
        if (c->callers.items[i] == f)
            return;
    array_push(&c->callers, f);
}

void flow_summarize(FlowPkg *fp)
{
    for (size_t i = 0; i < fp->funcs.len; i++) {
        FlowFunc *f = fp->funcs.items[i];
        for (size_t k = 0; k < f->ops.len; k++)
            if (f->ops.items[k].callee)
                add_caller(f->ops.items[k].callee, f);
        for (size_t k = 0; k < f->sum.spawns.len; k++)
            add_caller(f->sum.spawns.items[k], f);
    }
    Tarjan t = {fp, 0, {0}};
    for (size_t i = 0; i < fp->funcs.len; i++)
        if (fp->funcs.items[i]->index < 0)
            strongconnect(&t, fp->funcs.items[i], 0);
    array_free(&t.stack);
    propagate_once(fp);
}
