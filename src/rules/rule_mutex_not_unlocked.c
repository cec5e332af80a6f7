/* rule_mutex_not_unlocked.c - x.Lock()/x.RLock() on a sync mutex with a
 * path to the function's return on which no Unlock/RUnlock (nor a deferred
 * one, nor a hand-off to an unlocking function or closure) happens. */
#include "rules_flow.h"

typedef struct {
    Pass *p;
    const char *recv_text;
    Obj *base;          /* the variable the lock expression starts from */
    const char *key;    /* flow_lock_key of the mutex, or NULL */
    bool hit;
} UnlockCtx;

static Obj *base_obj(Pass *p, GoNode *x)
{
    for (;;) {
        x = rule_unparen(x);
        if (!x)
            return NULL;
        if (x->kind == GO_SELECTOR_EXPR)
            x = ((GoSelectorExpr *)x)->x;
        else if (x->kind == GO_STAR_EXPR)
            x = ((GoStarExpr *)x)->x;
        else if (x->kind == GO_INDEX_EXPR)
            x = ((GoIndexExpr *)x)->x;
        else
            break;
    }
    return sema_expr_obj(p->sema, x);
}

/* Whether call is recv_text.Unlock() or RUnlock(). */
static bool is_unlock_of(Pass *p, GoNode *n, const char *recv_text)
{
    GoCallExpr *c = GO_AS(GoCallExpr, n);
    GoSelectorExpr *se = c ? GO_AS(GoSelectorExpr, rule_unparen(c->fun)) : NULL;
    if (!se || !se->sel || !(go_ident_eq(se->sel, "Unlock") || go_ident_eq(se->sel, "RUnlock")))
        return false;
    return strcmp(rule_expr_text(p, rule_unparen(se->x)), recv_text) == 0;
}

static bool unlock_pre(GoNode *n, void *ctx)
{
    UnlockCtx *u = ctx;
    if (u->hit)
        return false;
    if (is_unlock_of(u->p, n, u->recv_text)) {
        u->hit = true;
        return false;
    }
    /* the Unlock of another mutex (r.mu.Unlock() while r.client.mu is the
     * one held) releases that one, not this */
    if (u->key && n->kind == GO_CALL_EXPR) {
        GoNode *recv = NULL;
        LockOp op = flow_lock_call(u->p, n, &recv);
        const char *k = op == LOCK_UNLOCK || op == LOCK_RUNLOCK ? flow_lock_key(u->p, recv) : NULL;
        if (k && strcmp(k, u->key) != 0)
            return false;
    }
    /* a helper that unlocks, called or handed on: s.unlockAndNotify(),
     * unlock(), return v, c.closemuRUnlockRelease */
    const char *name = NULL;
    if (n->kind == GO_IDENT)
        name = rule_name(u->p, n);
    else if (n->kind == GO_SELECTOR_EXPR && ((GoSelectorExpr *)n)->sel)
        name = rule_name(u->p, (GoNode *)((GoSelectorExpr *)n)->sel);
    if (name && flow_name_has(name, "unlock"))
        u->hit = true;
    /* the locked value goes to another variable (hand-over-hand locking):
     * whoever holds it now unlocks */
    GoAssignStmt *as = GO_AS(GoAssignStmt, n);
    for (uint32_t i = 0; as && u->base && i < as->rhs.len; i++)
        if (sema_expr_obj(u->p->sema, as->rhs.items[i]) == u->base)
            u->hit = true;
    return !u->hit;
}

static bool unlocks(GoNode *n, void *ctx)
{
    UnlockCtx *u = ctx;
    u->hit = false;
    go_inspect(n, unlock_pre, NULL, u);
    return u->hit;
}

typedef struct {
    Pass *p;
    GoNode *func;
    GoBlockStmt *body;
    FlowParents parents;
} FuncCtx;

/* Unlocks of recv_text in the function: the first one's position, and
 * whether one sits in an if whose condition reads cond. */
typedef struct {
    Pass *p;
    const char *recv_text;
    const char *cond;
    GoNode *cond_if;    /* the if holding the lock, not counted */
    GoPos first;
    bool any, same_cond;
    Array(GoNode *) ifs;
    GoPos at;           /* the Lock being checked */
    GoPos first_lock;   /* first Lock/RLock of the same mutex */
    bool any_lock;
    bool defer_before;  /* defer x.Unlock() before the Lock being checked */
    int lit_depth;
    bool lit_unlock_before; /* a function literal before it unlocks: the lock is passed around */
} ScanCtx;

static bool scan_pre(GoNode *n, void *ctx)
{
    ScanCtx *sc = ctx;
    if (n->kind == GO_IF_STMT)
        array_push(&sc->ifs, n);
    if (n->kind == GO_FUNC_LIT)
        sc->lit_depth++;
    if (n->kind == GO_DEFER_STMT && n->pos < sc->at && is_unlock_of(sc->p, ((GoDeferStmt *)n)->call, sc->recv_text))
        sc->defer_before = true;
    if (n->kind == GO_CALL_EXPR) {
        GoNode *recv = NULL;
        LockOp op = flow_lock_call(sc->p, n, &recv);
        if ((op == LOCK_LOCK || op == LOCK_RLOCK) && strcmp(rule_expr_text(sc->p, recv), sc->recv_text) == 0 &&
            (!sc->any_lock || n->pos < sc->first_lock)) {
            sc->first_lock = n->pos;
            sc->any_lock = true;
        }
    }
    if (is_unlock_of(sc->p, n, sc->recv_text)) {
        if (sc->lit_depth && n->pos < sc->at)
            sc->lit_unlock_before = true;
        if (!sc->any || n->pos < sc->first)
            sc->first = n->pos;
        sc->any = true;
        for (size_t i = 0; sc->cond && i < sc->ifs.len; i++) {
            GoIfStmt *is = (GoIfStmt *)sc->ifs.items[i];
            if (is->cond && is->body && (GoNode *)is != sc->cond_if && n->pos >= is->body->n.pos && n->end <= is->body->n.end &&
                strcmp(rule_expr_text(sc->p, is->cond), sc->cond) == 0)
                sc->same_cond = true;
        }
    }
    return true;
}

static void scan_post(GoNode *n, void *ctx)
{
    ScanCtx *sc = ctx;
    if (n->kind == GO_IF_STMT && sc->ifs.len)
        sc->ifs.len--;
    if (n->kind == GO_FUNC_LIT)
        sc->lit_depth--;
}

/* The condition text of the innermost if whose then-branch holds n. */
static const char *enclosing_if_cond(Pass *p, FlowParents *fp, GoNode *n, GoNode *func, GoNode **ifs)
{
    GoNode *child = n;
    for (GoNode *q = flow_parent(fp, n); q && q != func; child = q, q = flow_parent(fp, q)) {
        GoIfStmt *is = GO_AS(GoIfStmt, q);
        if (is && child == (GoNode *)is->body && is->cond) {
            const char *t = rule_expr_text(p, is->cond);
            *ifs = q;
            return strcmp(t, "?") && strcmp(t, "the expression") ? t : NULL;
        }
    }
    return NULL;
}

static void visit_one(FuncCtx *fc, GoNode *n);

typedef struct {
    Pass *p;
    GoPos after;
    bool hit;
} ExitCtx;

static bool exit_pre(GoNode *n, void *ctx)
{
    ExitCtx *e = ctx;
    GoCallExpr *c = GO_AS(GoCallExpr, n);
    const char *pkg, *name;
    if (c && n->pos > e->after && sema_callee(e->p->sema, c, &pkg, &name) &&
        ((strcmp(pkg, "os") == 0 && strcmp(name, "Exit") == 0) ||
         (strcmp(pkg, "syscall") == 0 && strcmp(name, "Exit") == 0) ||
         (strcmp(pkg, "log") == 0 && str_has_prefix(name, "Fatal"))))
        e->hit = true;
    return !e->hit;
}

/* Whether the function ends the process after the Lock at pos: the lock
 * is a one-shot semaphore held until exit (a second signal handler waits
 * on it while the first shuts down). */
static bool exits_process_after(Pass *p, GoBlockStmt *body, GoPos pos)
{
    ExitCtx e = {p, pos, false};
    pass_inspect_shallow((GoNode *)body, exit_pre, &e);
    return e.hit;
}

/* Whether the variable the lock is reached from is a result of the
 * function (named, or returned at ret): the caller holds the lock and
 * unlocks it (`func find() (i *node) { ...; i.mu.Lock(); return }`). */
static bool lock_returned(Obj *base, GoNode *ret)
{
    if (!base)
        return false;
    if (base->flags & OBJF_RESULT)
        return true;
    GoReturnStmt *r = GO_AS(GoReturnStmt, ret);
    for (uint32_t i = 0; r && i < r->results.len; i++) {
        GoIdent *id = GO_AS(GoIdent, rule_unparen(r->results.items[i]));
        if (id && id->obj == base)
            return true;
    }
    return false;
}

typedef struct {
    Pass *p;
    Obj *base;          /* the locked value */
    Obj *res;           /* a variable the return hands back */
    bool hit;
} HandCtx;

/* Whether e is a composite literal (or its address) with the locked value
 * as an element: &Tx{db: db}. */
static bool lit_holds_base(HandCtx *h, GoNode *e)
{
    e = rule_unparen(e);
    GoUnaryExpr *u = GO_AS(GoUnaryExpr, e);
    if (u)
        e = rule_unparen(u->x);
    GoCompositeLit *cl = GO_AS(GoCompositeLit, e);
    for (uint32_t i = 0; cl && i < cl->elts.len; i++) {
        GoNode *el = cl->elts.items[i];
        GoKeyValueExpr *kv = GO_AS(GoKeyValueExpr, el);
        if (sema_expr_obj(h->p->sema, kv ? kv->value : el) == h->base)
            return true;
    }
    return false;
}

static bool hand_pre(GoNode *n, void *ctx)
{
    HandCtx *h = ctx;
    if (h->hit)
        return false;
    /* t.init(db): the result's method is given the locked value */
    GoCallExpr *c = GO_AS(GoCallExpr, n);
    GoSelectorExpr *se = c ? GO_AS(GoSelectorExpr, rule_unparen(c->fun)) : NULL;
    if (se && base_obj(h->p, se->x) == h->res)
        for (uint32_t i = 0; i < c->args.len; i++)
            if (sema_expr_obj(h->p->sema, c->args.items[i]) == h->base)
                h->hit = true;
    /* t.db = db, t := &Tx{db: db} */
    GoAssignStmt *as = GO_AS(GoAssignStmt, n);
    for (uint32_t i = 0; as && as->lhs.len == as->rhs.len && i < as->lhs.len; i++) {
        GoNode *l = rule_unparen(as->lhs.items[i]);
        if (base_obj(h->p, l) != h->res)
            continue;
        if (l->kind == GO_IDENT ? lit_holds_base(h, as->rhs.items[i])
                                : sema_expr_obj(h->p->sema, as->rhs.items[i]) == h->base)
            h->hit = true;
    }
    return !h->hit;
}

/* Whether the return at ret hands the locked value on inside what it
 * returns: `t := &Tx{}; t.init(db); return t, nil` or `return &Tx{db: db}`,
 * the returned value holds the lock and its Close releases it (bbolt's
 * writer lock "released by the transaction when it closes"). */
static bool lock_handed_to_result(Pass *p, GoBlockStmt *body, Obj *base, GoNode *ret)
{
    GoReturnStmt *r = GO_AS(GoReturnStmt, ret);
    if (!base || !r)
        return false;
    for (uint32_t i = 0; i < r->results.len; i++) {
        GoNode *e = rule_unparen(r->results.items[i]);
        HandCtx h = {p, base, NULL, false};
        GoIdent *id = GO_AS(GoIdent, e);
        if (!id) {
            if (lit_holds_base(&h, e))
                return true;
            continue;
        }
        h.res = sema_obj(p->sema, id);
        if (!h.res || h.res == base || h.res->kind != OBJ_VAR)
            continue;
        go_inspect((GoNode *)body, hand_pre, NULL, &h);
        if (h.hit)
            return true;
    }
    return false;
}

static void visit(GoNode *n, GoList *list, uint32_t index, void *ctx)
{
    (void)list;
    (void)index;
    visit_one(ctx, n);
}

static void visit_one(FuncCtx *fc, GoNode *n)
{
    Pass *p = fc->p;
    GoExprStmt *es = GO_AS(GoExprStmt, n);
    if (!es)
        return;
    GoNode *recv = NULL;
    LockOp op = flow_lock_call(p, es->x, &recv);
    if (op != LOCK_LOCK && op != LOCK_RLOCK)
        return;
    const char *text = rule_expr_text(p, recv);
    if (strcmp(text, "?") == 0 || strcmp(text, "the expression") == 0)
        return;
    GoNode *cond_if = NULL;
    const char *cond = enclosing_if_cond(p, &fc->parents, n, fc->func, &cond_if);
    ScanCtx sc = {p, text, cond, cond_if, 0, false, false, {0}, es->x->pos, 0, false, false, 0, false};
    go_inspect((GoNode *)fc->body, scan_pre, scan_post, &sc);
    array_free(&sc.ifs);
    Obj *base = base_obj(p, recv);
    /* unlocked earlier: the function re-locks a lock it was entered with or
     * took and deferred the unlock of */
    if (sc.defer_before || sc.lit_unlock_before || (sc.any && sc.any_lock && sc.first < sc.first_lock))
        return;
    /* a method that only locks part of its receiver (or a parameter)
     * belongs to a Lock/Unlock pair of methods */
    if (!sc.any && base && (base->flags & OBJF_PARAM))
        return;
    /* if c { x.Lock() } ... if c { x.Unlock() } */
    if (sc.same_cond)
        return;
    UnlockCtx u = {p, text, base, flow_lock_key(p, recv), false};
    GoNode *ret = NULL;
    if (!cfg_path_avoiding(sema_cfg(p->sema, fc->func), n, unlocks, &u, &ret))
        return;
    if (lock_returned(base, ret) || lock_handed_to_result(p, fc->body, base, ret) ||
        exits_process_after(p, fc->body, es->x->pos))
        return;
    const char *unl = op == LOCK_LOCK ? "Unlock" : "RUnlock";
    const char *lk = op == LOCK_LOCK ? "Lock" : "RLock";
    if (ret)
        pass_report(p, es->x->pos,
                    "mutex '%s' is not unlocked on every path: the return at line %d leaves it locked; "
                    "defer %s.%s() right after %s.%s()", text, rule_line(p, ret->pos), text, unl, text, lk);
    else
        pass_report(p, es->x->pos,
                    "mutex '%s' is still locked when the function returns, so every later %s.%s() blocks "
                    "forever; defer %s.%s() right after %s.%s()", text, text, lk, text, unl, text, lk);
    return;
}

static void per_func(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx)
{
    (void)ctx;
    /* lock helpers (lock(), Lock(), fooLocked(), acquireLock()) return with
     * the lock held by convention */
    const char *fname = flow_func_name(p, func);
    if (str_has_prefix(fname, "lock") || str_has_prefix(fname, "rlock") || strstr(fname, "Lock") ||
        strstr(fname, "_lock"))
        return;
    /* a test function ends with the test: a lock left held on purpose */
    if (str_has_prefix(fname, "Test") || str_has_prefix(fname, "Benchmark"))
        return;
    FuncCtx fc = {p, func, body, {0}};
    flow_parents_init(&fc.parents, func);
    flow_each_stmt(body, visit, &fc);
    flow_parents_free(&fc.parents);
}

static void run(Pass *p)
{
    if (!rule_pkg_mentions(p, "Lock()"))
        return;
    pass_each_func(p, per_func, NULL);
}

const Rule rule_mutex_not_unlocked = {
    "mutex-not-unlocked",
    "sync.Mutex or RWMutex locked with a path to return on which it is not unlocked",
    "A mutex locked and not unlocked before the function returns stays\n"
    "locked for good: every later Lock blocks forever, and so do the\n"
    "goroutines that call it, with everything they reference. This rule\n"
    "follows each x.Lock() and x.RLock() on a sync.Mutex or sync.RWMutex (a\n"
    "declared type, a struct embedding one, or, when the type is unknown, a\n"
    "field named like one: mu, mtx, mutex, fooMu, fooLock) through the\n"
    "function's control flow, and reports it when some path reaches a return\n"
    "(or the end of the function) without x.Unlock()/x.RUnlock(), a deferred\n"
    "one, or a call of a function whose name contains \"unlock\".\n"
    "\n"
    "Not reported, because it is how locks are handed around on purpose:\n"
    "functions named like lock helpers (starting with \"lock\" or containing\n"
    "\"Lock\": lock, lockShared, getLocked, Lock methods of wrapper types);\n"
    "a lock the function unlocked earlier (it re-locks a lock it was entered\n"
    "with, or whose unlock it deferred, or that a function literal before it\n"
    "unlocks: the lock is passed between goroutines); a lock on a field of\n"
    "the receiver or a parameter that the function never unlocks at all (one\n"
    "half of a\n"
    "Lock/Unlock pair of methods); a lock reached from a result of the\n"
    "function (a named result, or the variable the return hands back: the\n"
    "caller unlocks); a lock held while the function ends the process\n"
    "(os.Exit, log.Fatal after it: a one-shot semaphore held until exit);\n"
    "if c { x.Lock() } ... if c { x.Unlock() };\n"
    "a lock handed to a returned or started closure, to a function or method\n"
    "value whose name contains \"unlock\", or a locked value copied to another\n"
    "variable (hand-over-hand locking); paths that end in a panic; TryLock;\n"
    "Test and Benchmark functions themselves.\n"
    "\n"
    "Leaky:\n"
    "\n"
    "    func (c *Cache) Get(k string) (V, error) {\n"
    "        c.mu.Lock()\n"
    "        v, ok := c.m[k]\n"
    "        if !ok {\n"
    "            return V{}, errNotFound // c.mu stays locked\n"
    "        }\n"
    "        c.mu.Unlock()\n"
    "        return v, nil\n"
    "    }\n"
    "\n"
    "Fixed:\n"
    "\n"
    "    func (c *Cache) Get(k string) (V, error) {\n"
    "        c.mu.Lock()\n"
    "        defer c.mu.Unlock()\n"
    "        v, ok := c.m[k]\n"
    "        if !ok {\n"
    "            return V{}, errNotFound\n"
    "        }\n"
    "        return v, nil\n"
    "    }\n"
    "\n"
    "Fix: defer x.Unlock() right after x.Lock(), or unlock before each\n"
    "return.\n",
    run,
    NULL,
    .counts =
        "Findings on real code at the default confidence (Go 1.19 and 1.27\n"
        "standard library / grpc / etcd / docker as Debian ships them, tests\n"
        "included): 1 / 1 / 0 / 0 / 1, all true. crypto/tls Config.ticketKeys\n"
        "returns with configForClient.mutex read-locked when session tickets are\n"
        "disabled; Go 1.27's testing common.makeTempDir and docker's libtrust\n"
        "RegisterTLSConfig leave a lock held on a path. Not reported: a lock\n"
        "reached from the function's result (internal/sync's HashTrieMap.find\n"
        "returns i with i.mu held, its callers unlock), and a lock held by a\n"
        "function that then ends the process (etcd's signal handler keeps\n"
        "interruptExitMu while it exits). Before those exceptions the standard\n"
        "library gave 16 findings, mostly re-locking and Lock/Unlock pairs.\n",
};
