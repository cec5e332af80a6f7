/* rule_lock_order.c - locks taken in opposite orders by two code paths
 * (AB-BA), or around a longer cycle (A then B, B then C, C then A), so
 * that goroutines each holding one wait forever for the next. Built on the
 * flow layer: the locks held at every Lock (their own and, through
 * summaries, every Lock a callee takes at any depth) give the edges "B
 * taken while holding A" of a graph over lock objects (a field is one
 * lock per type and field); a cycle in it is reported once, on the edge
 * that closes it. */
#include "../flow/flow.h"
#include "rule.h"

#define MAX_CYCLE 4

typedef struct {
    FlowObj *a, *b;           /* b taken while holding a */
    const char *a_text, *b_text;
    GoPos a_pos, b_pos;       /* where each was locked (b: maybe in a callee) */
    bool a_read, b_read;
    FlowFunc *in;             /* the function holding a */
    FlowFunc *via;            /* b is taken by calling this function, or NULL */
    GoPos call_pos;           /* that call */
    size_t index;             /* discovery order */
} Edge;

typedef struct {
    Pass *p;
    FlowPkg *fp;
    HashMap edges;            /* "a-id:b-id" -> Edge* */
    Array(Edge *) order;
    PtrMap out;               /* FlowObj* -> EdgeList* (edges from it) */
    Array(void *) lists;
} Ctx;

typedef struct {
    Array(Edge *) e;
} EdgeList;

static const char *recv_text(Ctx *c, FlowOp *op)
{
    GoCallExpr *call = GO_AS(GoCallExpr, op->node);
    GoSelectorExpr *se = call ? GO_AS(GoSelectorExpr, call->fun) : NULL;
    return se && se->x ? flow_text(c->fp, se->x) : op->obj->key;
}

/* The holder's own acquisition of lock i of f before `before`, for the
 * message: its text and position. */
static void held_site(Ctx *c, FlowFunc *f, FlowObj *a, GoPos before, const char **text, GoPos *pos)
{
    *text = a->key;
    *pos = f->node->pos;
    for (size_t i = 0; i < f->ops.len; i++) {
        FlowOp *op = &f->ops.items[i];
        if ((op->kind == FOP_LOCK || op->kind == FOP_RLOCK) && op->obj == a && !op->deferred) {
            *text = recv_text(c, op);
            *pos = op->pos;
            if (op->pos >= before)
                break;
        }
    }
}

static void add_edge(Ctx *c, FlowFunc *f, FlowObj *a, bool a_read, FlowObj *b, bool b_read, GoPos b_pos,
                     const char *b_text, FlowFunc *via, GoPos call_pos)
{
    if (a == b || !a || !b)
        return;
    char key[64];
    int n = snprintf(key, sizeof key, "%d:%d", a->id, b->id);
    int ins = 0;
    void **slot = hashmap_put(&c->edges, arena_strndup(&c->p->sema->arena, key, (size_t)n), (size_t)n, &ins);
    if (!ins)
        return;
    Edge *e = arena_zalloc(&c->p->sema->arena, sizeof *e);
    e->a = a;
    e->b = b;
    e->a_read = a_read;
    e->b_read = b_read;
    e->b_pos = b_pos;
    e->b_text = b_text;
    e->in = f;
    e->via = via;
    e->call_pos = call_pos;
    held_site(c, f, a, call_pos ? call_pos : b_pos, &e->a_text, &e->a_pos);
    e->index = c->order.len;
    *slot = e;
    array_push(&c->order, e);
    EdgeList *l = ptrmap_get(&c->out, a);
    if (!l) {
        l = xcalloc(1, sizeof *l);
        ptrmap_set(&c->out, a, l);
        array_push(&c->lists, l);
    }
    array_push(&l->e, e);
}

/* Edges from one operation: each lock held before it, to the lock it
 * takes (or the locks its callee takes). */
static void op_edges(Ctx *c, FlowFunc *f, FlowOp *op)
{
    for (size_t i = 0; i < f->locks.len; i++) {
        uint64_t bit = (uint64_t)1 << i;
        if (!((op->held.may_w | op->held.may_r) & bit))
            continue;
        FlowObj *a = f->locks.items[i].obj;
        bool a_read = !(op->held.may_w & bit);
        if (op->kind == FOP_LOCK || op->kind == FOP_RLOCK) {
            add_edge(c, f, a, a_read, op->obj, op->kind == FOP_RLOCK, op->pos, recv_text(c, op), NULL, 0);
            continue;
        }
        const FlowSummary *s = &op->callee->sum;
        for (size_t k = 0; k < s->acquires.len; k++) {
            const FlowEffect *e = &s->acquires.items[k];
            FlowObj *b = flow_map_obj(c->fp, op->callee, op->call, e->obj);
            if (b)
                add_edge(c, f, a, a_read, b, e->kind == FOP_RLOCK, e->pos, b->key, op->callee, op->pos);
        }
        /* a held lock the callee releases and takes back is taken again
         * while the others stay held */
        for (size_t k = 0; k < s->reacquires.len; k++) {
            const FlowEffect *e = &s->reacquires.items[k];
            FlowObj *b = flow_map_obj(c->fp, op->callee, op->call, e->obj);
            if (b)
                add_edge(c, f, a, a_read, b, e->kind == FOP_RLOCK, e->pos, b->key, op->callee, op->pos);
        }
    }
}

/* A path from `from` back to `to` over edges found before `limit`, of at
 * most max edges. */
static bool path(Ctx *c, FlowObj *from, FlowObj *to, size_t limit, int depth, int max, Edge **trail, int *len)
{
    if (depth >= max)
        return false;
    EdgeList *l = ptrmap_get(&c->out, from);
    for (size_t i = 0; l && i < l->e.len; i++) {
        Edge *e = l->e.items[i];
        if (e->index >= limit)
            continue;
        trail[depth] = e;
        if (e->b == to) {
            *len = depth + 1;
            return true;
        }
        if (path(c, e->b, to, limit, depth + 1, max, trail, len))
            return true;
    }
    return false;
}

static const char *where(Ctx *c, GoPos pos, char *buf, size_t n)
{
    return flow_where(c->fp, pos, buf, n);
}

/* The sites of the cycle: the held lock here, then each other edge's two locks. */
static void related(Ctx *c, Edge *e, Edge **trail, int len)
{
    pass_related(c->p, e->a_pos, "%s is locked here first", e->a_text);
    if (e->via)
        pass_related(c->p, e->call_pos, "this call locks %s", e->b_text);
    for (int i = 0; i < len; i++) {
        Edge *r = trail[i];
        if (r == e)
            continue;
        pass_related(c->p, r->a_pos, "the other path holds %s from here", r->a_text);
        if (r->via)
            pass_related(c->p, r->call_pos, "and calls %s, which locks %s", flow_fn_name(c->fp, r->via), r->b_text);
        else
            pass_related(c->p, r->b_pos, "and locks %s here", r->b_text);
    }
}

static void report(Ctx *c, Edge *e, Edge **trail, int len)
{
    bool all_read = e->a_read && e->b_read;
    for (int i = 0; i < len; i++)
        all_read = all_read && trail[i]->a_read && trail[i]->b_read;
    if (all_read)
        return; /* readers do not exclude each other */
    char via[200] = "", w[160];
    if (e->via)
        snprintf(via, sizeof via, " (by calling %s at %s)", flow_fn_name(c->fp, e->via), where(c, e->call_pos, w, sizeof w));
    if (len == 1) {
        Edge *r = trail[0];
        char rvia[200] = "", ow[160];
        if (r->via)
            snprintf(rvia, sizeof rvia, " (by calling %s)", flow_fn_name(c->fp, r->via));
        pass_report(c->p, e->b_pos,
                    "lock order inversion: %s is locked%s while holding %s (locked at line %d), but %s locks "
                    "%s%s while holding %s; two goroutines taking these paths can deadlock (AB-BA); always take "
                    "the two locks in one order", e->b_text, via, e->a_text, flow_line(c->fp, e->a_pos),
                    where(c, r->via ? r->call_pos : r->b_pos, ow, sizeof ow), r->b_text, rvia, r->a_text);
        related(c, e, trail, len);
        return;
    }
    StrBuf sb = {0};
    for (int i = 0; i < len; i++)
        sb_printf(&sb, "%s%s then %s (%s)", i ? ", " : "", trail[i]->a->key, trail[i]->b->key,
                  where(c, trail[i]->via ? trail[i]->call_pos : trail[i]->b_pos, w, sizeof w));
    pass_report(c->p, e->b_pos,
                "lock order cycle: %s is locked%s while holding %s (locked at line %d), and elsewhere %s; "
                "goroutines on these paths can each hold one lock and wait for the next forever; take the locks "
                "in one order", e->b_text, via, e->a_text, flow_line(c->fp, e->a_pos), sb_cstr(&sb));
    related(c, e, trail, len);
    sb_free(&sb);
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, "Lock()"))
        return;
    Ctx c = {p, flow_pkg(p->sema, p->fset), {0}, {0}, {0}, {0}};
    hashmap_init(&c.edges);
    ptrmap_init(&c.out);
    size_t n;
    FlowFunc **fs = flow_funcs(c.fp, &n);
    for (size_t i = 0; i < n; i++) {
        if (!fs[i]->has_locks)
            continue;
        for (size_t k = 0; k < fs[i]->ops.len; k++) {
            FlowOp *op = &fs[i]->ops.items[k];
            if (op->deferred || op->block < 0 || !op->reached || !(op->held.may_w | op->held.may_r))
                continue;
            /* a path that always panics is a failed assertion: the
             * goroutine does not go on to take the other order */
            if (flow_op_dies(c.fp, fs[i], op))
                continue;
            if (op->kind == FOP_LOCK || op->kind == FOP_RLOCK || (op->kind == FOP_CALL && op->callee))
                op_edges(&c, fs[i], op);
        }
    }
    /* each cycle once, on the edge that closes it (found last); two-lock
     * inversions first, then longer cycles where none was reported */
    PtrMap at;
    ptrmap_init(&at);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c.order.len; i++) {
            Edge *e = c.order.items[i];
            Edge *trail[MAX_CYCLE];
            int len = 0;
            if (ptrmap_get(&at, (void *)(uintptr_t)e->b_pos))
                continue;
            if (path(&c, e->b, e->a, e->index, 0, pass ? MAX_CYCLE : 1, trail, &len) && (pass == 0 || len > 1)) {
                report(&c, e, trail, len);
                ptrmap_set(&at, (void *)(uintptr_t)e->b_pos, e);
            }
        }
    ptrmap_free(&at);
    for (size_t i = 0; i < c.lists.len; i++) {
        EdgeList *l = c.lists.items[i];
        array_free(&l->e);
        free(l);
    }
    array_free(&c.lists);
    array_free(&c.order);
    ptrmap_free(&c.out);
    hashmap_free(&c.edges);
}

const Rule rule_lock_order = {
    "lock-order",
    "code paths take the same locks in opposite orders (AB-BA) or around a cycle",
    "If one goroutine locks A and then B while another locks B and then A,\n"
    "each can end up holding one lock and waiting for the other: both block\n"
    "forever, with every goroutine that later wants either lock. The same\n"
    "holds for longer cycles (A then B, B then C, C then A). The rule asks\n"
    "the flow layer (src/flow) for the locks held before every Lock and\n"
    "RLock of the package and before every call whose callee takes locks at\n"
    "any depth (closures and callbacks stored in fields included), and for\n"
    "the held locks a callee gives up and takes back (Unlock; ...; Lock on\n"
    "the caller's lock: taken again while the caller's other locks stay\n"
    "held); each\n"
    "gives an edge \"B taken while holding A\" between lock objects (a field\n"
    "is one lock per type and field: s.mu of every *Server is Server.mu; a\n"
    "variable is its own). A cycle of up to four edges is reported once, on\n"
    "the edge found last, with where the other edges were taken; two-lock\n"
    "inversions are preferred over longer cycles at one position. Cycles\n"
    "where every acquisition is a read lock are not reported; one write lock\n"
    "in the cycle is enough (a writer queued on an RWMutex blocks new\n"
    "readers).\n"
    "\n"
    "Not reported: two instances of one type (a.mu then b.mu, both Node.mu:\n"
    "the order between instances is not known), calls through interfaces,\n"
    "orders spread over packages, and orders taken on a path that always\n"
    "ends in a panic or a no-return call (os.Exit, log.Fatal) without a\n"
    "loop: a failed assertion, after which the goroutine does not go on.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func (b *Bank) Transfer() {\n"
    "        b.accounts.Lock()\n"
    "        b.audit.Lock() // accounts then audit\n"
    "        ...\n"
    "    }\n"
    "\n"
    "    func (b *Bank) Report() {\n"
    "        b.audit.Lock()\n"
    "        b.accounts.Lock() // audit then accounts: deadlock with Transfer\n"
    "        ...\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func (b *Bank) Report() {\n"
    "        b.accounts.Lock() // the same order everywhere\n"
    "        b.audit.Lock()\n"
    "        ...\n"
    "    }\n"
    "\n"
    "Fix: define one order for the locks (document it next to the fields)\n"
    "and take them in that order everywhere, or release the first lock\n"
    "before taking the second.\n",
    run,
    NULL,
    .counts =
        "Findings on real code (tests included; Go 1.19 standard library / grpc /\n"
        "etcd / docker as Debian ships them): 1 / 1 / 0 / 1, and 0 on Go 1.27's\n"
        "standard library, all through calls: crypto/tls 1.19 (renegotiation\n"
        "takes handshakeMutex under c.in, the handshake takes c.in under\n"
        "handshakeMutex; the handshake state keeps them apart: false. c.in and\n"
        "c.out, two halfConn fields embedding a mutex, are two locks; when they\n"
        "were one, the cycle was closed through c.out instead), grpc's\n"
        "end2end test writer, docker's nodeRunner.Stop taking Cluster.mu under\n"
        "nodeRunner.mu while Cluster.IsManager takes them the other way (read\n"
        "locks, which deadlock once a writer queues on Cluster.mu). On the 63\n"
        "GoKer kernels it flags cockroach3710, 7504 and 10214 at a Lock of the\n"
        "cycle (one lock held, the other's Lock three calls deep), and moby4951\n"
        "(the device set's lock given up and taken back two calls down while\n"
        "the device's lock stays held). Orders taken on a path that always\n"
        "panics (a failed assertion) close no cycle: net/http 1.27's\n"
        "connReader.Read calls conn.hijacked under cr.mu only to panic after,\n"
        "once noise, is no longer reported.\n",
};
