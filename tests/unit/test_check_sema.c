/* test_check_sema.c - the semantic core: name resolution, type inference,
 * sizes, constants and control-flow path queries, on real Go source. */
#include "sema/sema.h"

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
    GoFile *files[4];
    const char *srcs[4];
    int nfiles;
    Package pkg;
    World world;
    Sema sema;
} Fixture;

static void fixture_init(Fixture *fx, const char *import_path, const char **srcs, int n)
{
    memset(fx, 0, sizeof *fx);
    fx->fs = go_fileset_new();
    arena_init(&fx->arena);
    for (int i = 0; i < n; i++) {
        char path[32];
        snprintf(path, sizeof path, "f%d.go", i);
        fx->srcs[i] = srcs[i];
        fx->files[i] = go_parse(fx->fs, path, srcs[i], strlen(srcs[i]), &fx->arena, &fx->errs);
    }
    fx->nfiles = n;
    fx->pkg.import_path = (char *)import_path;
    fx->pkg.name = (char *)"p";
    fx->pkg.dir = (char *)".";
    hashmap_init(&fx->world.by_path);
    hashmap_set(&fx->world.by_path, import_path, strlen(import_path), &fx->sema);
    sema_build(&fx->sema, &fx->world, &fx->pkg, fx->files, n);
}

static void fixture_free(Fixture *fx)
{
    sema_free(&fx->sema);
    hashmap_free(&fx->world.by_path);
    go_errors_free(&fx->errs);
    arena_free(&fx->arena);
    go_fileset_free(fx->fs);
}

typedef struct {
    GoPos pos;
    GoNodeKind kind;
    GoNode *found;
} FindCtx;

static bool find_pre(GoNode *n, void *ctx)
{
    FindCtx *f = ctx;
    if (n->pos == f->pos && (int)n->kind == (int)f->kind && !f->found)
        f->found = n;
    return !f->found;
}

/* The node of the given kind starting at the `which`-th occurrence of
 * needle in file i. */
static GoNode *find(Fixture *fx, int i, const char *needle, int which, GoNodeKind kind)
{
    const char *p = fx->srcs[i];
    for (int k = 0; p; k++) {
        p = strstr(p, needle);
        if (!p)
            return NULL;
        if (k == which)
            break;
        p++;
    }
    FindCtx f = {fx->files[i]->file->base + (GoPos)(p - fx->srcs[i]), kind, NULL};
    go_inspect((GoNode *)fx->files[i], find_pre, NULL, &f);
    return f.found;
}

static Obj *obj_at(Fixture *fx, int i, const char *needle, int which)
{
    GoNode *n = find(fx, i, needle, which, GO_IDENT);
    return n ? sema_obj(&fx->sema, (GoIdent *)n) : NULL;
}

static bool type_is(Fixture *fx, Type *t, const char *want)
{
    (void)fx;
    StrBuf sb;
    sb_init(&sb);
    type_string(t, &sb);
    bool ok = sb.data && strcmp(sb.data, want) == 0;
    if (!ok)
        printf("# type is '%s', want '%s'\n", sb.data ? sb.data : "(null)", want);
    sb_free(&sb);
    return ok;
}

static const char *src_scopes =
    "package p\n"
    "\n"
    "import (\n"
    "\tctxpkg \"context\"\n"
    "\t\"time\"\n"
    ")\n"
    "\n"
    "var global = 1\n"
    "\n"
    "func f(x int) (res int) {\n"
    "\tx2 := x + global\n"
    "\tif x := 2; x > 1 {\n"
    "\t\tres = x\n"
    "\t}\n"
    "\tfor i := 0; i < x2; i++ {\n"
    "\t\tres += i\n"
    "\t}\n"
    "\t_ = time.Second\n"
    "\t_ = ctxpkg.Background()\n"
    "\tfn := func(x string) string { return x }\n"
    "\t_ = fn\n"
    "outer:\n"
    "\tfor {\n"
    "\t\tbreak outer\n"
    "\t}\n"
    "\treturn helper(res)\n"
    "}\n";

static const char *src_other_file =
    "package p\n"
    "\n"
    "func helper(v int) int { return v + global }\n";

static void test_scopes(void)
{
    const char *srcs[] = {src_scopes, src_other_file};
    Fixture fx;
    fixture_init(&fx, "example.com/p", srcs, 2);
    Obj *param = obj_at(&fx, 0, "x int", 0);
    Obj *use_param = obj_at(&fx, 0, "x + global", 0);
    EXPECT("check-sema/param", param && param == use_param && (param->flags & OBJF_PARAM));
    Obj *shadow = obj_at(&fx, 0, "x := 2", 0);
    Obj *shadow_use = obj_at(&fx, 0, "x > 1", 0);
    EXPECT("check-sema/shadow-in-if", shadow && shadow == shadow_use && shadow != param);
    Obj *after_if = obj_at(&fx, 0, "x2", 1);
    Obj *x2 = obj_at(&fx, 0, "x2 :=", 0);
    EXPECT("check-sema/local", x2 && after_if == x2);
    Obj *res = obj_at(&fx, 0, "res int", 0);
    EXPECT("check-sema/named-result", res && res == obj_at(&fx, 0, "res = x", 0) && (res->flags & OBJF_RESULT));
    EXPECT("check-sema/assign-count", res && res->nassign == 2);
    Obj *g = obj_at(&fx, 0, "global", 1);
    EXPECT("check-sema/global", g && (g->flags & OBJF_GLOBAL) && g == obj_at(&fx, 1, "global", 0));
    Obj *helper = obj_at(&fx, 0, "helper", 0);
    EXPECT("check-sema/cross-file-func", helper && helper->kind == OBJ_FUNC);
    Obj *alias = obj_at(&fx, 0, "ctxpkg.Background", 0);
    EXPECT("check-sema/import-alias", alias && alias->kind == OBJ_PKGNAME && strcmp(alias->import_path, "context") == 0);
    Obj *tm = obj_at(&fx, 0, "time.Second", 0);
    EXPECT("check-sema/import", tm && tm->kind == OBJ_PKGNAME && strcmp(tm->import_path, "time") == 0);
    Obj *litparam = obj_at(&fx, 0, "x }", 0);
    EXPECT("check-sema/func-lit-param", litparam && litparam != param && litparam == obj_at(&fx, 0, "x string", 0));
    Obj *label = obj_at(&fx, 0, "outer", 1);
    EXPECT("check-sema/label", label && label->kind == OBJ_LABEL && label == obj_at(&fx, 0, "outer:", 0));
    Obj *loopvar = obj_at(&fx, 0, "i++", 0);
    EXPECT("check-sema/for-var", loopvar && loopvar == obj_at(&fx, 0, "i := 0", 0));
    fixture_free(&fx);
}

static const char *src_types =
    "package p\n"
    "\n"
    "import (\n"
    "\t\"context\"\n"
    "\t\"os\"\n"
    "\t\"time\"\n"
    ")\n"
    "\n"
    "const (\n"
    "\tKB = 1 << (10 * (iota + 1))\n"
    "\tMB\n"
    ")\n"
    "\n"
    "type Buf [64 * KB]byte\n"
    "type Pair struct {\n"
    "\ta int8\n"
    "\tb int64\n"
    "}\n"
    "type Small struct {\n"
    "\ta int32\n"
    "\tb byte\n"
    "}\n"
    "type Node struct {\n"
    "\tnext *Node\n"
    "\tbuf  Buf\n"
    "}\n"
    "\n"
    "func (n *Node) Next() *Node { return n.next }\n"
    "func mk() (*Node, error) { return nil, nil }\n"
    "\n"
    "func g() {\n"
    "\tt := time.NewTicker(time.Second)\n"
    "\tctx, cancel := context.WithCancel(context.Background())\n"
    "\tf, err := os.Open(\"x\")\n"
    "\tm := make(map[string][]int)\n"
    "\tp := new(Pair)\n"
    "\tlit := &Node{}\n"
    "\tconv := int64(3)\n"
    "\tn, _ := mk()\n"
    "\tnn := n.Next().next\n"
    "\tfor k, v := range m {\n"
    "\t\t_, _ = k, v\n"
    "\t}\n"
    "\tch := make(chan Pair, 1)\n"
    "\tgot := <-ch\n"
    "\tvar arr [10]Small\n"
    "\tvar grid [4][4]Pair\n"
    "\tvar big [MB]byte\n"
    "\t_, _, _, _, _, _, _, _, _, _, _, _, _, _ = t, ctx, cancel, f, err, p, lit, conv, nn, got, arr, grid, big, m\n"
    "}\n";

static void test_types(void)
{
    const char *srcs[] = {src_types};
    Fixture fx;
    fixture_init(&fx, "example.com/p", srcs, 1);
    Sema *s = &fx.sema;
#define TYPE_OF(needle) sema_obj_type(s, obj_at(&fx, 0, needle, 0))
    EXPECT("check-sema/std-new-ticker", type_is(&fx, TYPE_OF("t :="), "*time.Ticker"));
    EXPECT("check-sema/std-tuple-0", type_is(&fx, TYPE_OF("ctx,"), "context.Context"));
    EXPECT("check-sema/std-tuple-1", type_is(&fx, TYPE_OF("cancel :="), "context.CancelFunc"));
    EXPECT("check-sema/std-os-open", type_is(&fx, TYPE_OF("f, err"), "*os.File") && type_is(&fx, TYPE_OF("err :="), "error"));
    EXPECT("check-sema/make", type_is(&fx, TYPE_OF("m :="), "map[string][]int"));
    EXPECT("check-sema/new", type_is(&fx, TYPE_OF("p :="), "*Pair"));
    EXPECT("check-sema/composite-lit", type_is(&fx, TYPE_OF("lit :="), "*Node"));
    EXPECT("check-sema/conversion", type_is(&fx, TYPE_OF("conv :="), "int64"));
    EXPECT("check-sema/module-func-result", type_is(&fx, TYPE_OF("n, _"), "*Node"));
    EXPECT("check-sema/method-and-field", type_is(&fx, TYPE_OF("nn :="), "*Node"));
    EXPECT("check-sema/range-map", type_is(&fx, TYPE_OF("k, v"), "string") && type_is(&fx, TYPE_OF("v := range"), "[]int"));
    EXPECT("check-sema/chan-recv", type_is(&fx, TYPE_OF("got :="), "Pair"));
    EXPECT("check-sema/size-struct-padding", type_size(TYPE_OF("p :=")->elem) == 16);
    EXPECT("check-sema/size-array-of-struct", type_size(TYPE_OF("arr [")) == 80);
    EXPECT("check-sema/size-nested-array", type_size(TYPE_OF("grid [")) == 256);
    EXPECT("check-sema/size-iota-const", type_size(TYPE_OF("big [")) == 1 << 20);
    Type *node = TYPE_OF("lit :=")->elem;
    EXPECT("check-sema/size-named-array-field", type_size(node) == 8 + 65536);
    int64_t v = 0;
    GoNode *mb = find(&fx, 0, "64 * KB", 0, GO_BINARY_EXPR);
    EXPECT("check-sema/const-eval", mb && sema_const_int(s, mb, &v) && v == 65536);
    GoNode *call = find(&fx, 0, "time.NewTicker", 0, GO_CALL_EXPR);
    EXPECT("check-sema/is-call-to", call && sema_is_call_to(s, call, "time", "NewTicker") &&
                                        !sema_is_call_to(s, call, "time", "Tick"));
#undef TYPE_OF
    fixture_free(&fx);
}

static const char *src_cfg =
    "package p\n"
    "\n"
    "func use(func()) {}\n"
    "func h(n int, cancel func()) int {\n"
    "\tstart := 0\n"
    "\tif n > 0 {\n"
    "\t\tcancel()\n"
    "\t\treturn 1\n"
    "\t}\n"
    "\tswitch n {\n"
    "\tcase -1:\n"
    "\t\tpanic(\"neg\")\n"
    "\tcase -2:\n"
    "\t\tfallthrough\n"
    "\tcase -3:\n"
    "\t\tuse(cancel)\n"
    "\t\treturn 2\n"
    "\t}\n"
    "\tfor i := 0; ; i++ {\n"
    "\t\tif i > n {\n"
    "\t\t\tbreak\n"
    "\t\t}\n"
    "\t}\n"
    "\treturn 3\n"
    "}\n"
    "\n"
    "func forever(ch chan int) {\n"
    "\tx := 0\n"
    "loop:\n"
    "\tfor {\n"
    "\t\tselect {\n"
    "\t\tcase <-ch:\n"
    "\t\t\tbreak\n"
    "\t\tdefault:\n"
    "\t\t\tcontinue loop\n"
    "\t\t}\n"
    "\t}\n"
    "}\n"
    "\n"
    "func escapes(ch chan int) int {\n"
    "\tx := 0\n"
    "loop:\n"
    "\tfor {\n"
    "\t\tselect {\n"
    "\t\tcase <-ch:\n"
    "\t\t\tbreak loop\n"
    "\t\t}\n"
    "\t}\n"
    "\treturn x\n"
    "}\n"
    "\n"
    "func jumps(n int) int {\n"
    "\ty := 0\n"
    "\tif n > 0 {\n"
    "\t\tgoto done\n"
    "\t}\n"
    "\ty++\n"
    "\treturn y\n"
    "done:\n"
    "\tn++\n"
    "\treturn n\n"
    "}\n"
    "\n"
    "func dies(ok bool) {\n"
    "\tz := 4 << 1\n"
    "\tif ok {\n"
    "\t\tpanic(\"a\")\n"
    "\t}\n"
    "\tpanic(z)\n"
    "}\n"
    "\n"
    "func maybe(ok bool) int {\n"
    "\tw := 1\n"
    "\tif ok {\n"
    "\t\tpanic(\"a\")\n"
    "\t}\n"
    "\tw++\n"
    "\treturn w\n"
    "}\n";

typedef struct {
    Sema *s;
    Obj *o;
} PredCtx;

static bool mentions(GoNode *n, void *ctx)
{
    PredCtx *p = ctx;
    return sema_mentions(p->s, n, p->o);
}

static GoNode *func_named(Fixture *fx, const char *name)
{
    Obj *o = hashmap_get(&fx->sema.scope, name, strlen(name));
    return o ? o->decl : NULL;
}

static void test_cfg(void)
{
    const char *srcs[] = {src_cfg};
    Fixture fx;
    fixture_init(&fx, "example.com/p", srcs, 1);
    Sema *s = &fx.sema;
    Cfg *g = sema_cfg(s, func_named(&fx, "h"));
    GoNode *start = find(&fx, 0, "start :=", 0, GO_ASSIGN_STMT);
    PredCtx pc = {s, obj_at(&fx, 0, "cancel func", 0)};
    GoNode *ret = NULL;
    EXPECT("check-cfg/path-avoiding", start && cfg_path_avoiding(g, start, mentions, &pc, &ret));
    GoNode *ret3 = find(&fx, 0, "return 3", 0, GO_RETURN_STMT);
    EXPECT("check-cfg/path-ends-at-return", ret && ret == ret3);
    GoNode *ret1 = find(&fx, 0, "return 1", 0, GO_RETURN_STMT);
    CfgBlock *b;
    int idx;
    EXPECT("check-cfg/locate", ret1 && cfg_locate(g, ret1, &b, &idx) && b->live && b->ret == ret1);
    EXPECT("check-cfg/reaches-exit", cfg_can_reach_exit(g, start));

    Cfg *f = sema_cfg(s, func_named(&fx, "forever"));
    GoNode *x0 = find(&fx, 0, "x := 0", 0, GO_ASSIGN_STMT);
    EXPECT("check-cfg/select-break-loops-forever", x0 && !cfg_can_reach_exit(f, x0) && !f->exit->live);
    Cfg *e = sema_cfg(s, func_named(&fx, "escapes"));
    GoNode *x1 = find(&fx, 0, "x := 0", 1, GO_ASSIGN_STMT);
    EXPECT("check-cfg/labeled-break-exits", x1 && cfg_can_reach_exit(e, x1));
    Cfg *j = sema_cfg(s, func_named(&fx, "jumps"));
    GoNode *y0 = find(&fx, 0, "y := 0", 0, GO_ASSIGN_STMT);
    PredCtx py = {s, obj_at(&fx, 0, "y := 0", 0)};
    GoNode *jr = NULL;
    EXPECT("check-cfg/goto", y0 && cfg_path_avoiding(j, y0, mentions, &py, &jr) &&
                                 jr == find(&fx, 0, "return n", 0, GO_RETURN_STMT));

    /* every path panics; one returns; one loops forever */
    GoNode *z0 = find(&fx, 0, "z := 4", 0, GO_ASSIGN_STMT);
    GoNode *w0 = find(&fx, 0, "w := 1", 0, GO_ASSIGN_STMT);
    Cfg *d = sema_cfg(s, func_named(&fx, "dies"));
    Cfg *m = sema_cfg(s, func_named(&fx, "maybe"));
    EXPECT("check-cfg/block-dies", z0 && cfg_locate(d, z0, &b, &idx) && cfg_block_dies(d, b->index));
    EXPECT("check-cfg/block-returns", w0 && cfg_locate(m, w0, &b, &idx) && !cfg_block_dies(m, b->index));
    EXPECT("check-cfg/block-loops", x0 && cfg_locate(f, x0, &b, &idx) && !cfg_block_dies(f, b->index));
    int64_t v = 0;
    GoNode *z = z0 ? ((GoAssignStmt *)z0)->lhs.items[0] : NULL;
    GoNode *w = w0 ? ((GoAssignStmt *)w0)->lhs.items[0] : NULL;
    EXPECT("check-sema/value-local-bound-once", z && sema_value_int(s, z, &v) && v == 8);
    EXPECT("check-sema/value-local-reassigned", w && !sema_value_int(s, w, &v));
    fixture_free(&fx);
}

/* Two packages of one module: types flow through imports. */
static void test_cross_package(void)
{
    const char *lib =
        "package lib\n"
        "\n"
        "import \"time\"\n"
        "\n"
        "const Size = 1 << 16\n"
        "\n"
        "type Frame [Size]byte\n"
        "type Clock struct{ t *time.Ticker }\n"
        "\n"
        "func NewClock() *Clock { return &Clock{t: time.NewTicker(time.Second)} }\n"
        "func (c *Clock) Ticker() *time.Ticker { return c.t }\n";
    const char *app =
        "package app\n"
        "\n"
        "import l \"example.com/m/lib\"\n"
        "\n"
        "func run() {\n"
        "\tc := l.NewClock()\n"
        "\tt := c.Ticker()\n"
        "\tvar f l.Frame\n"
        "\t_, _ = t, f\n"
        "}\n";
    Fixture a, b;
    const char *la[] = {lib};
    const char *lb[] = {app};
    fixture_init(&a, "example.com/m/lib", la, 1);
    fixture_init(&b, "example.com/m/app", lb, 1);
    /* one world holding both */
    hashmap_set(&b.world.by_path, "example.com/m/lib", strlen("example.com/m/lib"), &a.sema);
    Sema *s = &b.sema;
    EXPECT("check-sema/cross-package-func", type_is(&b, sema_obj_type(s, obj_at(&b, 0, "c :=", 0)), "*Clock"));
    EXPECT("check-sema/cross-package-method", type_is(&b, sema_obj_type(s, obj_at(&b, 0, "t :=", 0)), "*time.Ticker"));
    Type *ft = sema_obj_type(s, obj_at(&b, 0, "f l.Frame", 0));
    EXPECT("check-sema/cross-package-const-size", type_size(ft) == 65536);
    fixture_free(&b);
    fixture_free(&a);
}

int main(void)
{
    test_cross_package();
    test_scopes();
    test_types();
    test_cfg();
    return failures ? 1 : 0;
}
