/* test_check_threads.c - the invariant that lets drip check run each
 * package's rules on its own thread: the rules (and the flow layer under
 * them) of one package never write to another package's Sema, even when
 * they use that package's variables, types and functions. A write there
 * would race with the rules of that package running on another thread
 * (memo maps growing on two threads at once: a double free). */
#include "flow/flow.h"
#include "rules/rule.h"

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
    Sema sema;
} Pkg;

static void pkg_init(Pkg *p, World *w, const char *path, const char *name, const char *src)
{
    memset(p, 0, sizeof *p);
    p->fs = go_fileset_new();
    arena_init(&p->arena);
    p->file = go_parse(p->fs, "f.go", src, strlen(src), &p->arena, &p->errs);
    p->pkg.import_path = (char *)path;
    p->pkg.name = (char *)name;
    p->pkg.dir = (char *)".";
    hashmap_set(&w->by_path, path, strlen(path), &p->sema);
}

static void pkg_free(Pkg *p)
{
    sema_free(&p->sema);
    go_errors_free(&p->errs);
    arena_free(&p->arena);
    go_fileset_free(p->fs);
}

/* What a write to a Sema would change: its arena, its memo maps, the
 * memoized types of its package-level objects. */
typedef struct {
    void *arena_head;
    char *arena_ptr;
    size_t arena_total, types, named, cfgs, parents, ext, funcs;
    bool funcs_done;
    void *flow;
    size_t nobj;
    Type *obj_type[64];
    bool obj_done[64];
} Print;

static void print_of(Sema *s, Print *p)
{
    memset(p, 0, sizeof *p);
    p->arena_head = s->arena.head;
    p->arena_ptr = s->arena.ptr;
    p->arena_total = s->arena.total;
    p->types = s->types.count;
    p->named = s->named.count;
    p->cfgs = s->cfgs.count;
    p->parents = s->parents.count;
    p->ext = s->ext.count;
    p->funcs = s->funcs.len;
    p->funcs_done = s->funcs_done;
    p->flow = s->flow;
    for (size_t i = 0; i < s->scope.cap && p->nobj < 64; i++) {
        Obj *o = s->scope.slots[i].key ? s->scope.slots[i].value : NULL;
        if (!o)
            continue;
        p->obj_type[p->nobj] = o->type;
        p->obj_done[p->nobj++] = o->type_done;
    }
}

static bool print_same(const Print *a, const Print *b)
{
    bool same = a->arena_head == b->arena_head && a->arena_ptr == b->arena_ptr &&
                a->arena_total == b->arena_total && a->types == b->types && a->named == b->named &&
                a->cfgs == b->cfgs && a->parents == b->parents && a->ext == b->ext && a->funcs == b->funcs &&
                a->funcs_done == b->funcs_done && a->flow == b->flow && a->nobj == b->nobj;
    for (size_t i = 0; same && i < a->nobj; i++)
        same = a->obj_type[i] == b->obj_type[i] && a->obj_done[i] == b->obj_done[i];
    return same;
}

static const char *lib_src =
    "package lib\n"
    "\n"
    "import \"sync\"\n"
    "\n"
    "var Mu sync.Mutex\n"
    "var RW = new(sync.RWMutex)\n"
    "var Ready = make(chan struct{})\n"
    "var Jobs chan int\n"
    "var WG sync.WaitGroup\n"
    "\n"
    "type Box struct {\n"
    "\tmu sync.Mutex\n"
    "\tch chan int\n"
    "\tN  [1 << 17]byte\n"
    "}\n"
    "\n"
    "func (b *Box) Lock() { b.mu.Lock() }\n"
    "func (b *Box) Unlock() { b.mu.Unlock() }\n"
    "func New() *Box { return &Box{ch: make(chan int)} }\n"
    "func Chan() chan int { return Ready2 }\n"
    "\n"
    "var Ready2 = make(chan int, 1)\n";

static const char *app_src =
    "package app\n"
    "\n"
    "import (\n"
    "\t\"sync\"\n"
    "\t\"time\"\n"
    "\n"
    "\t\"example.com/m/lib\"\n"
    ")\n"
    "\n"
    "var mu sync.Mutex\n"
    "\n"
    "func Run(b *lib.Box, big lib.Box) {\n"
    "\tlib.Mu.Lock()\n"
    "\tmu.Lock()\n"
    "\t<-lib.Ready\n"
    "\tlib.Jobs <- 1\n"
    "\tlib.RW.RLock()\n"
    "\tlib.WG.Add(1)\n"
    "\tgo func() { defer lib.WG.Done(); lib.Ready2 <- 1 }()\n"
    "\tlib.WG.Wait()\n"
    "\tb.Lock()\n"
    "\tx := lib.New()\n"
    "\tx.Lock()\n"
    "\tfor i := 0; i < 3; i++ {\n"
    "\t\tdefer lib.Mu.Unlock()\n"
    "\t}\n"
    "\tt := time.NewTicker(time.Second)\n"
    "\t<-t.C\n"
    "\t<-lib.Chan()\n"
    "\t_ = big\n"
    "}\n";

static FlowObj *obj_in(FlowPkg *fp, const char *key)
{
    size_t n;
    FlowFunc **fs = flow_funcs(fp, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < fs[i]->ops.len; k++) {
            FlowObj *o = fs[i]->ops.items[k].obj;
            if (o && strcmp(o->key, key) == 0)
                return o;
        }
    return NULL;
}

/* Runs every rule of app as drip check runs them, and reports whether
 * lib's Sema is the same afterwards; fp_out: app's flow facts. */
static bool rules_leave_alone(Pkg *lib, Pkg *app, FlowPkg **fp_out)
{
    Print before, after;
    print_of(&lib->sema, &before);
    DiagList out = {0};
    RuleConfig cfg = {64 * 1024};
    for (int r = 0; r < rule_count; r++) {
        Pass p = {rule_all[r], &app->sema, &app->pkg, &cfg, app->fs, &out, NULL};
        rule_all[r]->run(&p);
    }
    /* the flow facts again (drip check frees them after the rules), to
     * look at them */
    *fp_out = flow_pkg(&app->sema, app->fs);
    print_of(&lib->sema, &after);
    diag_list_free(&out);
    return print_same(&before, &after);
}

static void test_rules_leave_other_packages_alone(void)
{
    for (int prepared = 0; prepared < 2; prepared++) {
        World w = {0};
        hashmap_init(&w.by_path);
        Pkg lib, app;
        pkg_init(&lib, &w, "example.com/m/lib", "lib", lib_src);
        pkg_init(&app, &w, "example.com/m/app", "app", app_src);
        EXPECT("check-threads/parsed", lib.errs.list.len == 0 && app.errs.list.len == 0);
        sema_build(&lib.sema, &w, &lib.pkg, &lib.file, 1);
        sema_build(&app.sema, &w, &app.pkg, &app.file, 1);
        if (prepared) {
            sema_prepare(&lib.sema);
            sema_prepare(&app.sema);
        }
        FlowPkg *fp = NULL;
        bool alone = rules_leave_alone(&lib, &app, &fp);
        if (!prepared) {
            /* not even unprepared: nothing of lib is computed on app's
             * thread */
            EXPECT("check-threads/unprepared-other-sema-unchanged", alone);
            EXPECT("check-threads/unprepared-global-type-unknown",
                   sema_global_type(hashmap_get(&lib.sema.scope, "Ready", 5)) == NULL);
        } else {
            EXPECT("check-threads/other-sema-unchanged", alone);
            /* what the flow layer learns of lib's variables is what it
             * learnt when it asked lib's Sema itself */
            FlowObj *m = obj_in(fp, "Mu"), *ready = obj_in(fp, "Ready"), *jobs = obj_in(fp, "Jobs");
            FlowObj *wg = obj_in(fp, "WG"), *ready2 = obj_in(fp, "Ready2");
            EXPECT("check-threads/other-mutex-kind", m && m->kind == FO_MUTEX);
            EXPECT("check-threads/other-chan-by-init", ready && ready->kind == FO_CHAN);
            EXPECT("check-threads/other-chan-declared", jobs && jobs->kind == FO_CHAN);
            EXPECT("check-threads/other-waitgroup", wg && wg->kind == FO_WAITGROUP);
            EXPECT("check-threads/other-chan-in-closure", ready2 && ready2->kind == FO_CHAN);
            EXPECT("check-threads/global-type-prepared",
                   sema_global_type(hashmap_get(&lib.sema.scope, "Ready", 5)) != NULL);
        }
        pkg_free(&app);
        pkg_free(&lib);
        hashmap_free(&w.by_path);
    }
}

int main(void)
{
    test_rules_leave_other_packages_alone();
    return failures ? 1 : 0;
}
