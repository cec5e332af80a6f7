/* rule_finalizer_cycle.c - runtime.SetFinalizer on an object that the code
 * links into a pointer cycle: the cycle is never collected and the
 * finalizer never runs. And runtime.AddCleanup (Go 1.24) whose cleanup or
 * argument keeps its own object reachable: the cleanup never runs. */
#include "rule.h"

/* Does type t reach `target` through fields, pointers, arrays, slices, maps? */
static bool reaches(Type *t, Type *target, int depth, Type **seen, int *nseen)
{
    if (!t || depth > 12)
        return false;
    if (t == target && depth > 0)
        return true;
    for (int i = 0; i < *nseen; i++)
        if (seen[i] == t)
            return false;
    if (*nseen < 64)
        seen[(*nseen)++] = t;
    Type *u = t->kind == TY_NAMED ? type_underlying(t) : t;
    if (!u)
        return false;
    switch (u->kind) {
    case TY_POINTER: case TY_SLICE: case TY_ARRAY: case TY_CHAN:
        return reaches(u->elem, target, depth + 1, seen, nseen);
    case TY_MAP:
        return reaches(u->key, target, depth + 1, seen, nseen) || reaches(u->elem, target, depth + 1, seen, nseen);
    case TY_STRUCT:
        for (int i = 0; i < u->nfields; i++)
            if (reaches(u->fields[i].type, target, depth + 1, seen, nseen))
                return true;
        return false;
    default:
        return false;
    }
}

static bool self_reaching(Type *t)
{
    Type *seen[64];
    int n = 0;
    return t && t->kind == TY_NAMED && reaches(t, t, 0, seen, &n);
}

/* The variable an expression is rooted at: x, &x, x.f.g, (*x).f. */
static Obj *root_var(Pass *p, GoNode *e)
{
    for (int guard = 0; e && guard < 16; guard++) {
        e = rule_unparen(e);
        if (!e)
            return NULL;
        switch (e->kind) {
        case GO_IDENT: {
            Obj *o = sema_obj(p->sema, (GoIdent *)e);
            return o && o->kind == OBJ_VAR ? o : NULL;
        }
        case GO_UNARY_EXPR:
            if (((GoUnaryExpr *)e)->op != GO_T_AND)
                return NULL;
            e = ((GoUnaryExpr *)e)->x;
            break;
        case GO_STAR_EXPR:
            e = ((GoStarExpr *)e)->x;
            break;
        case GO_SELECTOR_EXPR:
            e = ((GoSelectorExpr *)e)->x;
            break;
        default:
            return NULL;
        }
    }
    return NULL;
}

typedef struct {
    Obj *from, *to;
} Edge;

typedef struct {
    Pass *p;
    Array(Edge) edges;
    Array(GoCallExpr *) finalizers;
    Array(GoCallExpr *) cleanups;
} Collect;

static void add_edge(Collect *c, Obj *from, GoNode *value)
{
    Obj *to = root_var(c->p, value);
    if (from && to) {
        Edge e = {from, to};
        array_push(&c->edges, e);
    }
}

/* Edges from composite literals: v := &T{next: w} links v to w. */
static void literal_edges(Collect *c, Obj *owner, GoNode *lit)
{
    lit = rule_unparen(lit);
    if (lit && lit->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)lit)->op == GO_T_AND)
        lit = rule_unparen(((GoUnaryExpr *)lit)->x);
    GoCompositeLit *cl = GO_AS(GoCompositeLit, lit);
    if (!cl)
        return;
    for (uint32_t i = 0; i < cl->elts.len; i++) {
        GoNode *v = cl->elts.items[i];
        if (v->kind == GO_KEY_VALUE_EXPR)
            v = ((GoKeyValueExpr *)v)->value;
        GoNode *inner = rule_unparen(v);
        if (inner && (inner->kind == GO_COMPOSITE_LIT ||
                      (inner->kind == GO_UNARY_EXPR && rule_unparen(((GoUnaryExpr *)inner)->x) &&
                       rule_unparen(((GoUnaryExpr *)inner)->x)->kind == GO_COMPOSITE_LIT)))
            literal_edges(c, owner, inner);
        else
            add_edge(c, owner, v);
    }
}

static bool collect_pre(GoNode *n, void *ctx)
{
    Collect *c = ctx;
    if (n->kind == GO_FUNC_LIT)
        return false;
    if (n->kind == GO_ASSIGN_STMT) {
        GoAssignStmt *as = (GoAssignStmt *)n;
        if (as->lhs.len != as->rhs.len)
            return true;
        for (uint32_t i = 0; i < as->lhs.len; i++) {
            GoNode *l = rule_unparen(as->lhs.items[i]);
            if (l && (l->kind == GO_SELECTOR_EXPR || l->kind == GO_INDEX_EXPR || l->kind == GO_STAR_EXPR))
                add_edge(c, root_var(c->p, l), as->rhs.items[i]);
            else if (l && l->kind == GO_IDENT)
                literal_edges(c, root_var(c->p, l), as->rhs.items[i]);
        }
        return true;
    }
    if (n->kind == GO_VALUE_SPEC) {
        GoValueSpec *vs = (GoValueSpec *)n;
        for (uint32_t i = 0; i < vs->names.len && vs->names.len == vs->values.len; i++)
            literal_edges(c, sema_obj(c->p->sema, (GoIdent *)vs->names.items[i]), vs->values.items[i]);
        return true;
    }
    if (n->kind == GO_CALL_EXPR && sema_is_call_to(c->p->sema, n, "runtime", "SetFinalizer"))
        array_push(&c->finalizers, (GoCallExpr *)n);
    if (n->kind == GO_CALL_EXPR && sema_is_call_to(c->p->sema, n, "runtime", "AddCleanup"))
        array_push(&c->cleanups, (GoCallExpr *)n);
    return true;
}

/* The variable a pointer expression is: x or &x (not a field of it). */
static Obj *pointer_var(Pass *p, GoNode *e, bool *addr)
{
    e = rule_unparen(e);
    *addr = false;
    if (e && e->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)e)->op == GO_T_AND) {
        *addr = true;
        e = rule_unparen(((GoUnaryExpr *)e)->x);
    }
    Obj *o = e && e->kind == GO_IDENT ? sema_obj(p->sema, (GoIdent *)e) : NULL;
    return o && o->kind == OBJ_VAR ? o : NULL;
}

/* Whether composite literal e (or &e) holds the pointer x (or &x) as one
 * of its values, so that arg keeps ptr reachable. */
static bool literal_holds(Pass *p, GoNode *e, Obj *x, bool x_addr)
{
    e = rule_unparen(e);
    if (e && e->kind == GO_UNARY_EXPR && ((GoUnaryExpr *)e)->op == GO_T_AND)
        e = rule_unparen(((GoUnaryExpr *)e)->x);
    GoCompositeLit *cl = GO_AS(GoCompositeLit, e);
    for (uint32_t i = 0; cl && i < cl->elts.len; i++) {
        GoNode *v = cl->elts.items[i];
        if (v->kind == GO_KEY_VALUE_EXPR)
            v = ((GoKeyValueExpr *)v)->value;
        bool addr;
        if (pointer_var(p, v, &addr) == x && addr == x_addr)
            return true;
        if (literal_holds(p, v, x, x_addr))
            return true;
    }
    return false;
}

/* Whether a deferred function literal of the body calls recover(): the
 * function expects a panic (tests of AddCleanup's own checks do this). */
static bool recover_pre(GoNode *n, void *ctx)
{
    bool *found = ctx;
    if (*found)
        return false;
    GoCallExpr *call = GO_AS(GoCallExpr, n);
    GoIdent *id = call ? GO_AS(GoIdent, rule_unparen(call->fun)) : NULL;
    if (id && go_ident_eq(id, "recover"))
        *found = true;
    return !*found;
}

static bool defers_recover(GoBlockStmt *body)
{
    for (uint32_t i = 0; body && i < body->list.len; i++) {
        GoDeferStmt *ds = GO_AS(GoDeferStmt, body->list.items[i]);
        GoCallExpr *call = ds ? GO_AS(GoCallExpr, ds->call) : NULL;
        GoFuncLit *fl = call ? GO_AS(GoFuncLit, rule_unparen(call->fun)) : NULL;
        bool found = false;
        if (fl && fl->body)
            go_inspect((GoNode *)fl->body, recover_pre, NULL, &found);
        if (found)
            return true;
    }
    return false;
}

/* runtime.AddCleanup(ptr, cleanup, arg): "If ptr is reachable from
 * cleanup or arg, ptr will never be collected and the cleanup will never
 * run", and arg == ptr panics. The cases one function shows: a cleanup
 * literal that uses ptr's variable, arg that is ptr, or a literal holding
 * it; not in a function that defers a recover(), which expects the panic. */
static void check_cleanup(Pass *p, GoBlockStmt *body, GoCallExpr *call)
{
    if (call->args.len != 3 || defers_recover(body))
        return;
    bool addr;
    Obj *x = pointer_var(p, call->args.items[0], &addr);
    if (!x)
        return;
    GoNode *fn = rule_unparen(call->args.items[1]), *arg = call->args.items[2];
    GoFuncLit *fl = GO_AS(GoFuncLit, fn);
    bool arg_addr;
    if (pointer_var(p, arg, &arg_addr) == x && arg_addr == addr)
        pass_report(p, call->n.pos,
                    "runtime.AddCleanup on '%s' with '%s' itself as the cleanup's argument: AddCleanup panics "
                    "when arg == ptr, and the argument would keep '%s' reachable so the cleanup never ran; pass "
                    "what the cleanup needs instead (a file descriptor, a handle)", x->name, x->name, x->name);
    else if (literal_holds(p, arg, x, addr))
        pass_report(p, call->n.pos,
                    "runtime.AddCleanup on '%s' with an argument that holds '%s': the argument keeps '%s' "
                    "reachable, so it is never collected and the cleanup never runs; pass only what the "
                    "cleanup needs", x->name, x->name, x->name);
    else if (fl && fl->body && sema_mentions(p->sema, (GoNode *)fl->body, x))
        pass_report(p, call->n.pos,
                    "runtime.AddCleanup on '%s' with a cleanup that captures '%s': the closure keeps '%s' "
                    "reachable, so it is never collected and the cleanup never runs; pass what the cleanup "
                    "needs as its argument instead", x->name, x->name, x->name);
}

/* Is `start` on a cycle of edges? Writes the path into out. */
static bool on_cycle(Collect *c, Obj *start, Obj **path, int *plen)
{
    /* DFS with an explicit path, bounded */
    Obj *stack[32];
    size_t next[32];
    int depth = 0;
    stack[0] = start;
    next[0] = 0;
    while (depth >= 0) {
        Obj *cur = stack[depth];
        bool pushed = false;
        while (next[depth] < c->edges.len) {
            Edge *e = &c->edges.items[next[depth]++];
            if (e->from != cur)
                continue;
            if (e->to == start) {
                for (int i = 0; i <= depth; i++)
                    path[i] = stack[i];
                *plen = depth + 1;
                return true;
            }
            bool seen = false;
            for (int i = 0; i <= depth; i++)
                seen = seen || stack[i] == e->to;
            if (seen || depth + 1 >= 32)
                continue;
            stack[++depth] = e->to;
            next[depth] = 0;
            pushed = true;
            break;
        }
        if (!pushed)
            depth--;
    }
    return false;
}

static void per_func(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx)
{
    (void)func;
    (void)ctx;
    Collect c = {p, {0}, {0}, {0}};
    go_inspect((GoNode *)body, collect_pre, NULL, &c);
    for (size_t i = 0; i < c.finalizers.len; i++) {
        GoCallExpr *call = c.finalizers.items[i];
        if (call->args.len != 2)
            continue;
        Obj *fin = sema_expr_obj(p->sema, call->args.items[1]);
        if (fin && fin->kind == OBJ_NIL)
            continue; /* SetFinalizer(x, nil) removes a finalizer */
        Obj *x = root_var(p, call->args.items[0]);
        if (!x)
            continue;
        Type *t = sema_obj_type(p->sema, x);
        if (t && t->kind == TY_POINTER)
            t = t->elem;
        if (!self_reaching(t))
            continue;
        Obj *path[32];
        int plen = 0;
        if (!on_cycle(&c, x, path, &plen))
            continue;
        StrBuf cyc;
        sb_init(&cyc);
        for (int k = 0; k < plen; k++)
            sb_printf(&cyc, "'%s' -> ", path[k]->name);
        sb_printf(&cyc, "'%s'", x->name);
        pass_report(p, call->n.pos,
                    "runtime.SetFinalizer on '%s', which is linked into a pointer cycle (%s): a cycle with a "
                    "finalizer is never collected and the finalizer never runs; break the cycle or set the "
                    "finalizer on an object outside it", x->name, cyc.data);
        sb_free(&cyc);
    }
    for (size_t i = 0; i < c.cleanups.len; i++)
        check_cleanup(p, body, c.cleanups.items[i]);
    array_free(&c.edges);
    array_free(&c.finalizers);
    array_free(&c.cleanups);
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, "SetFinalizer") && !rule_pkg_mentions(p, "AddCleanup"))
        return;
    pass_each_func(p, per_func, NULL);
}

const Rule rule_finalizer_cycle = {
    "finalizer-cycle",
    "runtime.SetFinalizer on an object linked into a pointer cycle",
    "The garbage collector cannot order finalizers within a cycle, so a\n"
    "cycle of objects where one has a finalizer is never collected: the\n"
    "memory leaks for good and the finalizer never runs. The rule reports\n"
    "runtime.SetFinalizer on a variable whose type can reach itself through\n"
    "pointers, when the same function links it into a cycle (x.next = &y,\n"
    "y.next = &x, or x.self = x, including through composite literals).\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    type T struct {\n"
    "        v [1 << 20]int\n"
    "        t *T\n"
    "    }\n"
    "\n"
    "    func leak() {\n"
    "        var x, y T\n"
    "        runtime.SetFinalizer(&x, func(*T) { fmt.Println(\"never\") })\n"
    "        x.t, y.t = &y, &x // x and y are never collected\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func noLeak() {\n"
    "        var x, y T\n"
    "        runtime.SetFinalizer(&x, func(*T) { fmt.Println(\"runs\") })\n"
    "        x.t = &y // no way back to x: no cycle\n"
    "    }\n"
    "\n"
    "Fix: do not link finalized objects into cycles; put the finalizer on a\n"
    "small wrapper that the cycle does not point back to, or use explicit\n"
    "Close methods instead of finalizers.\n"
    "\n"
    "runtime.AddCleanup(ptr, cleanup, arg) has no trouble with cycles, but\n"
    "its cleanup never runs when ptr stays reachable from cleanup or arg.\n"
    "The rule reports a cleanup literal that uses ptr's variable, arg that\n"
    "is ptr itself (AddCleanup panics on that), and arg a literal holding\n"
    "ptr:\n"
    "\n"
    "    f := &File{fd: fd}\n"
    "    runtime.AddCleanup(f, func(int) { syscall.Close(f.fd) }, 0) // never runs\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, f.fd)\n",
    run,
    "runtime.AddCleanup exists from Go 1.24; SetFinalizer in every version.\n",
    .counts =
        "Findings on real code (drip 0.1.0, tests included; Go 1.19 standard\n"
        "library / grpc / etcd / docker as Debian ships them): 0 / 0 / 0 / 0 -\n"
        "SetFinalizer is rare there and never on objects linked into cycles; the\n"
        "rule is for the code that does it by mistake.\n",
};
