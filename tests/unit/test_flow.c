/* test_flow.c - the flow layer (src/flow) on small Go packages: objects
 * by allocation site and field, call resolution (methods, embedded
 * fields, closures, callbacks stored in fields, interface methods), lock
 * state over the CFG, summaries over the call graph, once-per-process
 * functions. */
#include "flow/flow.h"
#include "flow/flow_explain.h"

static int failures;

#define EXPECT(name, cond)                                                  \
    do {                                                                    \
        if (cond)                                                           \
            printf("PASS %s\n", name);                                      \
        else {                                                              \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);       \
            failures++;                                                     \
        }                                                                   \
    } while (0)

typedef struct {
    GoFileSet *fs;
    Arena arena;
    GoErrors errs;
    GoFile *file;
    Package pkg;
    World world;
    Sema sema;
    FlowPkg *fp;
} Fixture;

static void fixture_init(Fixture *fx, const char *pkgname, const char *src)
{
    memset(fx, 0, sizeof *fx);
    fx->fs = go_fileset_new();
    arena_init(&fx->arena);
    fx->file = go_parse(fx->fs, "f.go", src, strlen(src), &fx->arena, &fx->errs);
    fx->pkg.import_path = (char *)"example.com/p";
    fx->pkg.name = (char *)pkgname;
    fx->pkg.dir = (char *)".";
    hashmap_init(&fx->world.by_path);
    hashmap_set(&fx->world.by_path, "example.com/p", strlen("example.com/p"), &fx->sema);
    sema_build(&fx->sema, &fx->world, &fx->pkg, &fx->file, 1);
    fx->fp = flow_pkg(&fx->sema, fx->fs);
}

static void fixture_free(Fixture *fx)
{
    sema_free(&fx->sema); /* frees the flow facts too */
    hashmap_free(&fx->world.by_path);
    go_errors_free(&fx->errs);
    arena_free(&fx->arena);
    go_fileset_free(fx->fs);
}

static FlowFunc *fn(Fixture *fx, const char *name)
{
    size_t n;
    FlowFunc **fs = flow_funcs(fx->fp, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(flow_fn_name(fx->fp, fs[i]), name) == 0)
            return fs[i];
    return NULL;
}

/* The first operation of kind k in f (or NULL). */
static FlowOp *op_of(FlowFunc *f, FlowOpKind k, int which)
{
    for (size_t i = 0; f && i < f->ops.len; i++)
        if (f->ops.items[i].kind == k && which-- == 0)
            return &f->ops.items[i];
    return NULL;
}

static bool has_effect(const FlowEffects *e, FlowOpKind k, const char *key)
{
    for (size_t i = 0; i < e->len; i++)
        if (e->items[i].kind == k && strcmp(e->items[i].obj->key, key) == 0)
            return true;
    return false;
}

static bool calls(FlowFunc *f, FlowFunc *callee)
{
    for (size_t i = 0; f && i < f->ops.len; i++)
        if (f->ops.items[i].kind == FOP_CALL && f->ops.items[i].callee == callee)
            return true;
    return false;
}

static void test_objects(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "import \"sync\"\n"
                 "type T struct { mu sync.Mutex; ch chan int; done chan struct{} }\n"
                 "var global sync.Mutex\n"
                 "func New() *T { return &T{ch: make(chan int, 3), done: make(chan struct{})} }\n"
                 "func (t *T) A() { t.mu.Lock(); t.ch <- 1; t.mu.Unlock() }\n"
                 "func (t *T) B() { t.mu.Lock(); <-t.done; t.mu.Unlock(); global.Lock(); global.Unlock() }\n"
                 "func C() { var mu sync.Mutex; f := func() { mu.Lock() }; f(); mu.Unlock() }\n"
                 "func (t *T) D() { d := t.done; close(d) }\n"
                 "func (t *T) E() { d := t.done; d = nil; close(d) }\n");
    FlowFunc *a = fn(&fx, "T.A"), *b = fn(&fx, "T.B"), *c = fn(&fx, "C"), *lit = fn(&fx, "C.func");
    FlowOp *la = op_of(a, FOP_LOCK, 0), *lb = op_of(b, FOP_LOCK, 0);
    EXPECT("flow/field-one-object-per-type-field", la && lb && la->obj == lb->obj && strcmp(la->obj->key, "T.mu") == 0);
    EXPECT("flow/field-kind-mutex", la && la->obj->kind == FO_MUTEX);
    FlowOp *send = op_of(a, FOP_SEND, 0), *recv = op_of(b, FOP_RECV, 0);
    EXPECT("flow/chan-capacity-from-make", send && send->obj->kind == FO_CHAN && send->obj->cap == 3);
    EXPECT("flow/chan-unbuffered", recv && recv->obj->cap == 0 && strcmp(recv->obj->key, "T.done") == 0);
    FlowOp *g = op_of(b, FOP_LOCK, 1);
    EXPECT("flow/global-object", g && g->obj->var && strcmp(g->obj->key, "global") == 0);
    FlowOp *inner = op_of(lit, FOP_LOCK, 0), *outer = op_of(c, FOP_UNLOCK, 0);
    EXPECT("flow/closure-captures-by-reference", inner && outer && inner->obj == outer->obj);
    EXPECT("flow/local-bound-to-literal-resolves", calls(c, lit));
    FlowOp *cd = op_of(fn(&fx, "T.D"), FOP_CLOSE, 0), *ce = op_of(fn(&fx, "T.E"), FOP_CLOSE, 0);
    EXPECT("flow/local-bound-once-aliases-field", cd && recv && flow_alias_of(fx.fp, cd->obj) == recv->obj);
    EXPECT("flow/reassigned-local-no-alias", ce && !flow_alias_of(fx.fp, ce->obj));
    fixture_free(&fx);
}

static void test_calls(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "import \"sync\"\n"
                 "type Base struct{ mu sync.Mutex }\n"
                 "func (b *Base) lock() { b.mu.Lock() }\n"
                 "type Outer struct { Base; cb func() }\n"
                 "func (o *Outer) Set(f func()) { o.cb = f }\n"
                 "func (o *Outer) Run() { o.lock(); o.cb() }\n"
                 "func hook() {}\n"
                 "func Use(o *Outer) { o.Set(hook); o.Set(func() {}) }\n");
    FlowFunc *run = fn(&fx, "Outer.Run"), *lock = fn(&fx, "Base.lock"), *hook = fn(&fx, "hook");
    FlowFunc *lit = fn(&fx, "Use.func");
    EXPECT("flow/method-through-embedded-field", calls(run, lock));
    EXPECT("flow/callback-stored-through-setter", calls(run, hook));
    EXPECT("flow/literal-stored-through-setter", calls(run, lit));
    EXPECT("flow/returns-locked-through-embedded", run && has_effect(&run->sum.held_must, FOP_LOCK, "Base.mu"));
    size_t n;
    FlowFunc **callers = lock ? flow_callers(lock, &n) : NULL;
    EXPECT("flow/callers", callers && n == 1 && callers[0] == run);
    fixture_free(&fx);
}

/* An interface method call resolves to the package's types with all the
 * interface's methods (same shape), when there are at most three. */
static void test_iface_calls(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "import \"sync\"\n"
                 "type Store interface { Get(k string) int; Put(k string, v int) }\n"
                 "type Closer interface { Close() error }\n"
                 "type Named interface { Name() string }\n"
                 "type RStore interface { Store; Close() error }\n"
                 "type mem struct{ mu sync.Mutex; ch chan int }\n"
                 "func (m *mem) Get(k string) int { m.mu.Lock(); defer m.mu.Unlock(); return 0 }\n"
                 "func (m *mem) Put(k string, v int) { m.ch <- v }\n"
                 "func (m *mem) Close() error { return nil }\n"
                 "type disk struct{}\n"
                 "func (d disk) Get(k string) int { return 1 }\n"
                 "func (d disk) Put(k string, v int) {}\n"
                 "type half struct{}\n"
                 "func (h half) Get(k string) int { return 2 }\n"
                 "type odd struct{}\n"
                 "func (o odd) Get() int { return 3 }\n"
                 "func (o odd) Put(k string, v int) {}\n"
                 "type a struct{}\n"
                 "func (a) Name() string { return \"a\" }\n"
                 "type b struct{}\n"
                 "func (b) Name() string { return \"b\" }\n"
                 "type c struct{}\n"
                 "func (c) Name() string { return \"c\" }\n"
                 "type d struct{}\n"
                 "func (d) Name() string { return \"d\" }\n"
                 "type User struct{ s Store; r RStore; n Named }\n"
                 "func (u *User) Read() int { return u.s.Get(\"k\") }\n"
                 "func (u *User) Write() { u.s.Put(\"k\", 1) }\n"
                 "func (u *User) Shut() { u.r.Close() }\n"
                 "func (u *User) Who() string { return u.n.Name() }\n");
    FlowFunc *rd = fn(&fx, "User.Read"), *wr = fn(&fx, "User.Write"), *shut = fn(&fx, "User.Shut");
    FlowFunc *who = fn(&fx, "User.Who");
    EXPECT("flow/iface-call-to-impls", calls(rd, fn(&fx, "mem.Get")) && calls(rd, fn(&fx, "disk.Get")));
    EXPECT("flow/iface-call-not-partial-impl", rd && fn(&fx, "half.Get") && !calls(rd, fn(&fx, "half.Get")));
    EXPECT("flow/iface-call-not-other-shape", rd && fn(&fx, "odd.Get") && !calls(rd, fn(&fx, "odd.Get")));
    EXPECT("flow/iface-call-summary-lock", rd && has_effect(&rd->sum.acquires, FOP_LOCK, "mem.mu"));
    EXPECT("flow/iface-call-summary-chan", wr && has_effect(&wr->sum.chan_ops, FOP_SEND, "mem.ch"));
    EXPECT("flow/iface-call-embedded-iface", calls(shut, fn(&fx, "mem.Close")));
    EXPECT("flow/iface-call-too-many-impls", who && fn(&fx, "a.Name") && !calls(who, fn(&fx, "a.Name")));
    fixture_free(&fx);
}

static void test_lock_state(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "import \"sync\"\n"
                 "type P struct{ mu sync.Mutex; rw sync.RWMutex }\n"
                 "func try() bool { return false }\n"
                 "func (p *P) Loop() {\n"
                 "  for i := 0; i < 2; i++ {\n"
                 "    p.mu.Lock()\n"
                 "    if try() { continue }\n"
                 "    p.mu.Unlock()\n"
                 "  }\n"
                 "}\n"
                 "func (p *P) Straight() { p.mu.Lock(); p.mu.Lock() }\n"
                 "func (p *P) Deferred() { p.mu.Lock(); defer p.mu.Unlock(); p.rw.RLock(); p.rw.RUnlock() }\n"
                 "func (p *P) Relock() { p.mu.Unlock(); p.mu.Lock() }\n"
                 "func (p *P) CallsRelock() { p.Relock() }\n"
                 "func (p *P) HoldsAndRelocks() { p.mu.Lock(); p.Relock(); p.mu.Unlock() }\n"
                 "func (p *P) Helped() { p.Straight() }\n"
                 "func (a *P) Two(b *P) { a.mu.Lock(); b.mu.Lock() }\n");
    FlowFunc *loop = fn(&fx, "P.Loop"), *st = fn(&fx, "P.Straight"), *d = fn(&fx, "P.Deferred");
    FlowFunc *re = fn(&fx, "P.Relock"), *two = fn(&fx, "P.Two");
    FlowOp *l = op_of(loop, FOP_LOCK, 0);
    EXPECT("flow/loop-continue-may-hold", l && flow_held_may(loop, &l->held, l->obj, l->base, NULL) &&
                                             !flow_held_must(loop, &l->held, l->obj, l->base));
    FlowOp *s2 = op_of(st, FOP_LOCK, 1);
    EXPECT("flow/straight-line-must-hold", s2 && flow_held_must(st, &s2->held, s2->obj, s2->base));
    FlowOp *r = op_of(d, FOP_RLOCK, 0);
    EXPECT("flow/deferred-unlock-holds-to-the-end", r && d && op_of(d, FOP_UNLOCK, 0)->deferred);
    EXPECT("flow/deferred-unlock-not-held-on-return", d && d->sum.held_must.len == 0 && d->sum.held_may.len == 0);
    EXPECT("flow/unlock-relock-is-release-not-acquire",
           re && has_effect(&re->sum.releases, FOP_UNLOCK, "P.mu") && re->sum.acquires.len == 0);
    FlowFunc *cr = fn(&fx, "P.CallsRelock"), *hr = fn(&fx, "P.HoldsAndRelocks"), *hp = fn(&fx, "P.Helped");
    EXPECT("flow/unlock-relock-is-a-reacquire", re && has_effect(&re->sum.reacquires, FOP_LOCK, "P.mu"));
    EXPECT("flow/reacquire-through-a-call", cr && has_effect(&cr->sum.reacquires, FOP_LOCK, "P.mu"));
    EXPECT("flow/reacquire-of-own-lock-stays-inside", hr && hr->sum.reacquires.len == 0);
    EXPECT("flow/plain-lock-is-no-reacquire", hp && hp->sum.reacquires.len == 0 && st && st->sum.reacquires.len == 0);
    FlowOp *b = op_of(two, FOP_LOCK, 1);
    EXPECT("flow/two-instances-of-one-field", b && !flow_held_may(two, &b->held, b->obj, b->base, NULL));
    fixture_free(&fx);
}

static void test_summaries(void)
{
    Fixture fx;
    fixture_init(&fx, "main",
                 "package main\n"
                 "import \"sync\"\n"
                 "var mu sync.Mutex\n"
                 "var once sync.Once\n"
                 "type S struct{ ch chan int; wg sync.WaitGroup }\n"
                 "func leaf() { mu.Lock(); mu.Unlock() }\n"
                 "func mid() { leaf() }\n"
                 "func top() { mid() }\n"
                 "func even(n int) { if n > 0 { odd(n - 1) } }\n"
                 "func odd(n int) { mu.Lock(); mu.Unlock(); even(n) }\n"
                 "func (s *S) send() { s.ch <- 1 }\n"
                 "func (s *S) Start() { go s.loop(); s.send() }\n"
                 "func (s *S) loop() { for range s.ch { }; s.wg.Done() }\n"
                 "func setup() {}\n"
                 "func init() { setup() }\n"
                 "func Exported() {}\n"
                 "func main() { once.Do(func() {}); Exported(); for { loopy() } }\n"
                 "func loopy() {}\n");
    FlowFunc *top = fn(&fx, "top"), *even = fn(&fx, "even"), *start = fn(&fx, "S.Start");
    EXPECT("flow/summary-through-two-calls", top && has_effect(&top->sum.acquires, FOP_LOCK, "mu"));
    EXPECT("flow/summary-over-recursive-scc", even && has_effect(&even->sum.acquires, FOP_LOCK, "mu"));
    EXPECT("flow/chan-op-through-call", start && has_effect(&start->sum.chan_ops, FOP_SEND, "S.ch"));
    EXPECT("flow/go-not-on-own-goroutine", start && !has_effect(&start->sum.chan_ops, FOP_RANGE, "S.ch"));
    EXPECT("flow/spawns", start && start->sum.spawns.len == 1 && start->sum.spawns.items[0] == fn(&fx, "S.loop"));
    FlowFunc *loop = fn(&fx, "S.loop");
    EXPECT("flow/range-and-done", loop && has_effect(&loop->sum.chan_ops, FOP_RANGE, "S.ch") &&
                                      has_effect(&loop->sum.chan_ops, FOP_WG_DONE, "S.wg"));
    EXPECT("flow/once-init-main", fn(&fx, "init")->once && fn(&fx, "main")->once);
    EXPECT("flow/once-called-from-init", fn(&fx, "setup")->once);
    EXPECT("flow/once-do-literal", fn(&fx, "main.func")->once);
    EXPECT("flow/exported-not-once", !fn(&fx, "Exported")->once);
    EXPECT("flow/in-loop-not-once", !fn(&fx, "loopy")->once);
    fixture_free(&fx);
}

/* flow_reach.c: can a cancel run before a wait; ignored parameters. */
static void test_reach(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "import \"context\"\n"
                 "type T struct{ ctx context.Context; cancel context.CancelFunc }\n"
                 "func (t *T) wait() { <-t.ctx.Done(); t.late() }\n"
                 "func (t *T) late() { t.cancel() }\n"
                 "func (t *T) dead() { t.cancel() }\n"
                 "func (t *T) Close() { t.cancel() }\n"
                 "func (t *T) valued() { t.cancel() }\n"
                 "func (t *T) hand() func() { return t.valued }\n"
                 "func (t *T) start() { go t.wait(); go t.spawned() }\n"
                 "func (t *T) spawned() { t.cancel() }\n"
                 "func Run(t *T) { t.start() }\n"
                 "func (t *T) watch(done chan bool) {}\n"
                 "func (t *T) signal(done chan bool) { close(done) }\n"
                 "func use(t *T) { d := make(chan bool); go t.watch(d); go t.signal(d); <-d }\n");
    FlowFunc *wait = fn(&fx, "T.wait");
    FlowDoneWait ws[4];
    int nw = wait ? flow_done_waits(fx.fp, wait, ws, 4) : 0;
    EXPECT("flow/done-waits", nw == 1 && !ws[0].in_select && !ws[0].in_loop);
    FlowNotBefore nb = {wait, nw ? ws[0].recv->pos : 0, false};
    /* the cancel call's position matters only in the waiting function */
#define CANCEL_RUNS(name) (fn(&fx, name) && flow_may_run_before(fx.fp, fn(&fx, name), fn(&fx, name)->node->pos, &nb, 1))
    EXPECT("flow/reach-after-own-wait", nw && !CANCEL_RUNS("T.late"));
    EXPECT("flow/reach-nothing-calls", nw && !CANCEL_RUNS("T.dead"));
    EXPECT("flow/reach-exported", nw && CANCEL_RUNS("T.Close"));
    EXPECT("flow/reach-method-value", nw && CANCEL_RUNS("T.valued"));
    EXPECT("flow/reach-spawned-by-running", nw && CANCEL_RUNS("T.spawned"));
#undef CANCEL_RUNS
    FlowFunc *use = fn(&fx, "use");
    GoGoStmt *g0 = NULL, *g1 = NULL;
    GoBlockStmt *b = use ? ((GoFuncDecl *)use->node)->body : NULL;
    if (b && b->list.len >= 4) {
        g0 = GO_AS(GoGoStmt, b->list.items[1]);
        g1 = GO_AS(GoGoStmt, b->list.items[2]);
    }
    EXPECT("flow/arg-ignored", g0 && flow_arg_ignored(fx.fp, fn(&fx, "T.watch"), (GoCallExpr *)g0->call, 0));
    EXPECT("flow/arg-named", g1 && !flow_arg_ignored(fx.fp, fn(&fx, "T.signal"), (GoCallExpr *)g1->call, 0));
    fixture_free(&fx);
}

/* c.L.Lock() of a Cond made with sync.NewCond(rw.RLocker()) is an RLock
 * of rw, held when the same goroutine asks rw for reading again; one made
 * with &mu locks mu. */
static void test_cond_locker(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "import \"sync\"\n"
                 "type E struct{ c *sync.Cond; d *sync.Cond; rw sync.RWMutex; mu sync.Mutex }\n"
                 "func New() *E { e := &E{}; e.c = sync.NewCond(e.rw.RLocker()); e.d = sync.NewCond(&e.mu); return e }\n"
                 "func (e *E) Read() { e.c.L.Lock(); defer e.c.L.Unlock(); e.rw.RLock(); e.rw.RUnlock() }\n"
                 "func (e *E) Plain() { e.d.L.Lock(); e.d.L.Unlock() }\n");
    FlowFunc *rd = fn(&fx, "E.Read"), *pl = fn(&fx, "E.Plain");
    FlowOp *first = op_of(rd, FOP_RLOCK, 0), *second = op_of(rd, FOP_RLOCK, 1);
    EXPECT("flow/cond-rlocker-is-rlock", first && !strcmp(first->obj->key, "E.rw") && second &&
                                             op_of(rd, FOP_RUNLOCK, 0) && op_of(rd, FOP_RUNLOCK, 0)->deferred);
    flow_use_cfg(fx.fp, rd);
    second = op_of(rd, FOP_RLOCK, 1);
    bool read = false;
    EXPECT("flow/cond-rlocker-held-at-second-rlock",
           second && flow_op_holds(rd, second, second->obj, &read) && read);
    FlowOp *pm = op_of(pl, FOP_LOCK, 0);
    EXPECT("flow/cond-locker-is-lock", pm && !strcmp(pm->obj->key, "E.mu") && op_of(pl, FOP_UNLOCK, 0));
    fixture_free(&fx);
}

/* A channel made in the operation has no partner; a local handed to a
 * call leaves its function, one only sent on and received from does not;
 * a parameter every caller passes a make of its own. */
static void test_chan_reach(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "func use(c chan int) {}\n"
                 "func Fresh() { <-make(chan int) }\n"
                 "func Kept() { ch := make(chan int); go func() { ch <- 1 }(); <-ch }\n"
                 "func Passed() { ch := make(chan int); use(ch); <-ch }\n"
                 "func Wait(c chan int) { <-c }\n"
                 "func T() { Wait(make(chan int)) }\n");
    FlowFunc *fr = fn(&fx, "Fresh"), *kept = fn(&fx, "Kept"), *passed = fn(&fx, "Passed"), *w = fn(&fx, "Wait");
    EXPECT("flow/fresh-chan", fr && flow_fresh_chan_at(fx.fp, fr, NULL, 3) && !flow_fresh_chan_at(fx.fp, kept, NULL, 4));
    FlowOp *k = op_of(kept, FOP_RECV, 0), *p = op_of(passed, FOP_RECV, 0), *r = op_of(w, FOP_RECV, 0);
    EXPECT("flow/local-kept", k && !flow_obj_escapes(fx.fp, k->obj));
    EXPECT("flow/local-passed-escapes", p && flow_obj_escapes(fx.fp, p->obj));
    GoNode *made[2];
    EXPECT("flow/param-made-by-caller", r && flow_param_made_args(fx.fp, r->obj, made, 2) == 1 &&
                                            !flow_obj_escapes(fx.fp, r->obj));
    fixture_free(&fx);
}

static void test_once(void)
{
    Fixture fx;
    fixture_init(&fx, "p",
                 "package p\n"
                 "import \"sync\"\n"
                 "var ch chan int\n"
                 "var on bool\n"
                 "var mu sync.Mutex\n"
                 "type W struct{ once sync.Once }\n"
                 "func flagNil() { if ch != nil { return }; ch = make(chan int) }\n"
                 "func flagBool() { mu.Lock(); defer mu.Unlock(); if on { return }; on = true }\n"
                 "func flagNeverSet() { if ch != nil { return } }\n"
                 "func (w *W) start() {}\n"
                 "func (w *W) both() {}\n"
                 "func (w *W) Use() { w.once.Do(w.start); w.once.Do(w.both); w.both() }\n");
    EXPECT("flow/once-started-flag-nil", fn(&fx, "flagNil")->once);
    EXPECT("flow/once-started-flag-bool", fn(&fx, "flagBool")->once);
    EXPECT("flow/flag-never-set-not-once", !fn(&fx, "flagNeverSet")->once);
    EXPECT("flow/once-do-method-value", fn(&fx, "W.start")->once);
    EXPECT("flow/once-do-and-direct-not-once", !fn(&fx, "W.both")->once);
    fixture_free(&fx);
}

int main(void)
{
    test_reach();
    test_cond_locker();
    test_chan_reach();
    test_objects();
    test_calls();
    test_iface_calls();
    test_lock_state();
    test_summaries();
    test_once();
    return failures ? 1 : 0;
}
