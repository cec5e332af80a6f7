/* test_blame.c - which test left each live goroutine behind.
 *
 * A goroutine's chain is its own stack, then the stacks of its ancestors
 * (nearest first): from GODEBUG=tracebackancestors, or, in a dump without
 * ancestry (go test -timeout), by following "created by ... in goroutine
 * N" through goroutines still alive. The first stack of the chain that runs
 * a test function under testing.tRunner (or a benchmark under (*B).runN, an
 * example under runExample, a fuzz target under fRunner) names the test.
 * testing runs its tests list under a tRunner of the main goroutine too;
 * its callee is testing's own, so it does not count. The creator of that
 * tRunner goroutine tells a subtest from a test: a subtest's stack shows
 * (*T).Run called by user code, at a line whose string literal is the
 * subtest's name. A chain that ends at the main goroutine without a test
 * is package background (init, package variables, TestMain before m.Run). */
#include "test.h"

#include <string.h>

#include "../go/ast.h"
#include "../go/source.h"
#include "../dump/dump.h"
#include "../util/util.h"

enum { CHAIN_MAX = 256 };

typedef struct {
    uint64_t goid;
    const TFrame *frames;
    uint32_t nframes;
} Node;

typedef struct {
    Node nodes[CHAIN_MAX];
    int n;
    bool complete; /* reaches the main goroutine */
} Chain;

typedef struct {
    const TStacks *s;
    const TBlameOptions *opt;
    Arena *arena;
    SyntaxCache *src;
    HashMap live;  /* "id" -> TGoroutine *, for chains without ancestry */
    GoFileSet *fs; /* test files parsed for subtest names */
    HashMap files; /* path -> GoFile * */
} Ctx;

void blame_func_pkg(const char *func, char *out, size_t cap)
{
    const char *slash = strrchr(func, '/');
    const char *dot = strchr(slash ? slash : func, '.');
    size_t n = dot ? (size_t)(dot - func) : strlen(func);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, func, n);
    out[n] = 0;
}

/* The package of func is pkg or its external test package pkg_test. */
static bool in_pkg(const char *func, const char *pkg)
{
    if (!pkg || !*pkg)
        return false;
    size_t n = strlen(pkg);
    if (strncmp(func, pkg, n) != 0)
        return false;
    return func[n] == '.' || (strncmp(func + n, "_test.", 6) == 0);
}

/* The function name without its package: "TestA.func1". */
static const char *short_name(const char *func)
{
    const char *slash = strrchr(func, '/');
    const char *dot = strchr(slash ? slash : func, '.');
    return dot ? dot + 1 : func;
}

static bool pkg_is(const char *func, const char *pkg)
{
    size_t n = strlen(pkg);
    return strncmp(func, pkg, n) == 0 && func[n] == '.';
}

/* runtime, testing and os/signal: never blamed. The test binary's
 * main.main lives in the generated _testmain.go. */
static bool is_quiet_frame(const TFrame *f)
{
    if (pkg_is(f->func, "runtime") || pkg_is(f->func, "testing") || pkg_is(f->func, "os/signal"))
        return true;
    return strcmp(f->func, "main.main") == 0 && str_has_suffix(f->file, "_testmain.go");
}

/* Frames that call a test, benchmark, example or fuzz function. */
static bool is_runner(const char *func)
{
    return strcmp(func, "testing.tRunner") == 0 || strcmp(func, "testing.(*B).runN") == 0 ||
           strcmp(func, "testing.runExample") == 0 || strcmp(func, "testing.fRunner") == 0;
}

/* TestX, BenchmarkX, ExampleX, FuzzX (the short name, maybe .funcN). */
static bool is_test_func(const char *sn)
{
    static const char *const pre[] = {"Test", "Benchmark", "Example", "Fuzz"};
    for (size_t i = 0; i < ARRAY_LEN(pre); i++) {
        size_t n = strlen(pre[i]);
        if (strncmp(sn, pre[i], n) == 0 && !(sn[n] >= 'a' && sn[n] <= 'z'))
            return true;
    }
    return false;
}

static bool matches(const char *func, const char *pat)
{
    size_t n = strlen(pat);
    if (n && pat[n - 1] == '*')
        return strncmp(func, pat, n - 1) == 0;
    return strcmp(func, pat) == 0;
}

static bool matches_any(const char *func, const char *const *pats, int n)
{
    for (int i = 0; i < n; i++)
        if (matches(func, pats[i]))
            return true;
    return false;
}

static void push(Chain *c, uint64_t goid, const TFrame *f, uint32_t n)
{
    if (c->n >= CHAIN_MAX)
        return;
    c->nodes[c->n++] = (Node){goid, f, n};
    if (goid == 1)
        c->complete = true;
}

static const TGoroutine *live_get(Ctx *x, uint64_t id)
{
    char key[24];
    int kl = snprintf(key, sizeof key, "%llu", (unsigned long long)id);
    return hashmap_get(&x->live, key, (size_t)kl);
}

static void build_chain(Ctx *x, const TGoroutine *g, Chain *c)
{
    c->n = 0;
    c->complete = false;
    push(c, g->id, g->frames, g->nframes);
    const TGoroutine *cur = g;
    for (int step = 0; step < CHAIN_MAX; step++) {
        if (cur->nanc) {
            for (uint32_t i = 0; i < cur->nanc; i++)
                push(c, cur->anc[i].goid, cur->anc[i].frames, cur->anc[i].nframes);
            return;
        }
        if (!cur->created_in)
            return;
        if (cur->created_in == 1)
            c->complete = true;
        const TGoroutine *up = live_get(x, cur->created_in);
        if (!up || up == g)
            return;
        push(c, up->id, up->frames, up->nframes);
        cur = up;
    }
}

/* Index of the runner frame of node whose callee is user code, or -1. */
static int test_frame(const Node *n)
{
    for (uint32_t k = 1; k < n->nframes; k++)
        if (is_runner(n->frames[k].func) && !classify_is_std_func(n->frames[k - 1].func))
            return (int)k;
    return -1;
}

/* Go's spelling of a string literal's value, whitespace rewritten to
 * underscores as testing names subtests. */
static char *unquote_name(const GoBasicLit *lit, Arena *a)
{
    StrBuf sb;
    sb_init(&sb);
    bool raw = lit->text[0] == '`';
    for (uint32_t i = 1; i + 1 < lit->len; i++) {
        char ch = lit->text[i];
        if (!raw && ch == '\\' && i + 2 < lit->len) {
            ch = lit->text[++i];
            ch = ch == 'n' || ch == 't' || ch == 'r' ? ' ' : ch;
        }
        sb_putc(&sb, ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ? '_' : ch);
    }
    char *out = arena_strdup(a, sb.len ? sb.data : "");
    sb_free(&sb);
    return out;
}

typedef struct {
    const GoSrcFile *file;
    int line;
    GoCallExpr *before; /* the X.Run(...) call ending last before line */
    int before_end;
    GoCallExpr *after;  /* else the first one after it (a loop's header) */
    int after_end;
} RunAt;

static bool find_run_at(GoNode *n, void *ctx)
{
    RunAt *ra = ctx;
    GoCallExpr *c = GO_AS(GoCallExpr, n);
    GoSelectorExpr *sel = c ? GO_AS(GoSelectorExpr, c->fun) : NULL;
    if (!sel || !go_ident_eq(sel->sel, "Run") || c->args.len < 2)
        return true;
    int l1 = go_file_line(ra->file, c->n.end);
    if (l1 < ra->line && (!ra->before || l1 > ra->before_end)) {
        ra->before = c;
        ra->before_end = l1;
    }
    if (l1 >= ra->line && (!ra->after || l1 < ra->after_end)) {
        ra->after = c;
        ra->after_end = l1;
    }
    return true;
}

/* The declaration of the function func (or of the function that holds
 * the literal func names) in f; f itself when not found. */
static GoNode *func_decl(GoFile *f, const char *func)
{
    const char *sn = short_name(func);
    size_t n = strcspn(sn, ".");
    for (uint32_t i = 0; i < f->decls.len; i++) {
        GoFuncDecl *d = GO_AS(GoFuncDecl, f->decls.items[i]);
        if (d && !d->recv && d->name && d->name->len == n && memcmp(d->name->name, sn, n) == 0)
            return (GoNode *)d;
    }
    return (GoNode *)f;
}

/* The subtest name of the t.Run call in func that returns to path:line:
 * an ancestor's frame shows the return address unadjusted, so its line is
 * that of the next instruction: the line after the call, or a loop's
 * header. The call is the X.Run call that ends last before the line, else
 * the first after it. Its first argument when that is a string literal,
 * else NULL. */
static char *run_literal(Ctx *x, const char *func, const char *path, uint32_t line)
{
    GoFile *f = hashmap_get(&x->files, path, strlen(path));
    if (!f) {
        FileData fd;
        if (!go_source_read(path, &fd))
            return NULL;
        char *copy = arena_strndup(x->arena, fd.data, fd.len);
        file_data_free(&fd);
        GoErrors errs = {0};
        f = go_parse(x->fs, path, copy, strlen(copy), x->arena, &errs);
        go_errors_free(&errs);
        char *key = arena_strdup(x->arena, path);
        hashmap_set(&x->files, key, strlen(key), f);
    }
    RunAt ra = {f->file, (int)line, NULL, 0, NULL, 0};
    go_inspect(func_decl(f, func), find_run_at, NULL, &ra);
    GoCallExpr *call = ra.before ? ra.before : ra.after;
    GoBasicLit *lit = call ? GO_AS(GoBasicLit, call->args.items[0]) : NULL;
    if (!lit || lit->kind != GO_T_STRING || lit->len < 2)
        return NULL;
    return unquote_name(lit, x->arena);
}

/* Name of the test whose function node i of the chain runs, its runner
 * frame at k. */
static char *test_name(Ctx *x, const Chain *c, int i, int k, bool *exact)
{
    const Node *n = &c->nodes[i];
    const TFrame *callee = &n->frames[k - 1];
    const char *sn = short_name(callee->func);
    const Node *parent = i + 1 < c->n ? &c->nodes[i + 1] : NULL;
    if (parent) {
        for (uint32_t r = 0; r + 1 < parent->nframes; r++) {
            if (strcmp(parent->frames[r].func, "testing.(*T).Run") != 0)
                continue;
            const TFrame *caller = &parent->frames[r + 1];
            if (classify_is_std_func(caller->func))
                break; /* a top-level test, run by testing itself */
            int pk = test_frame(parent);
            bool pexact = false;
            char *pname = pk > 0 ? test_name(x, c, i + 1, pk, &pexact) : NULL;
            char *lit = x->opt->use_source ? run_literal(x, caller->func, caller->file, caller->line) : NULL;
            if (!pname) {
                pname = arena_strdup(x->arena, short_name(caller->func));
                char *dot = strchr(pname, '.');
                if (dot)
                    *dot = 0;
            }
            *exact = lit && pexact;
            const char *dot = strchr(sn, '.');
            const char *leaf = lit ? lit : dot ? dot + 1 : sn;
            StrBuf sb;
            sb_init(&sb);
            sb_printf(&sb, "%s/%s", pname, leaf);
            char *out = arena_strdup(x->arena, sb.data);
            sb_free(&sb);
            return out;
        }
    }
    /* no parent stack: a literal's name still says whose subtest it is */
    const char *dot = strchr(sn, '.');
    *exact = dot == NULL;
    if (!dot)
        return arena_strdup(x->arena, sn);
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%.*s/%s", (int)(dot - sn), sn, dot + 1);
    char *out = arena_strdup(x->arena, sb.data);
    sb_free(&sb);
    return out;
}

static bool is_ours(const TGoroutine *g)
{
    for (uint32_t i = 0; i < g->nframes; i++)
        if (strstr(g->frames[i].func, ".drip__") || strcmp(g->frames[i].func, "testing.(*M).Run") == 0)
            return true;
    return false;
}

static bool all_quiet(const TGoroutine *g)
{
    for (uint32_t i = 0; i < g->nframes; i++)
        if (!is_quiet_frame(&g->frames[i]))
            return false;
    return g->nframes > 0; /* testing's alarm is created by time.goFunc */
}

static bool ignored_by_user(const TGoroutine *g, const TBlameOptions *o)
{
    for (uint32_t i = 0; i < g->nframes; i++)
        if (matches_any(g->frames[i].func, o->ignore, o->nignore))
            return true;
    return *g->created.func && matches_any(g->created.func, o->ignore_created, o->nignore_created);
}

static const TFrame *blocking_site(const TGoroutine *g, const char *pkg)
{
    for (uint32_t i = 0; i < g->nframes; i++)
        if (in_pkg(g->frames[i].func, pkg))
            return &g->frames[i];
    for (uint32_t i = 0; i < g->nframes; i++)
        if (!classify_is_std_func(g->frames[i].func))
            return &g->frames[i];
    return g->nframes ? &g->frames[0] : NULL;
}

static void classify(Ctx *x, const TGoroutine *g, const TFrame *site, Classification *cls)
{
    const char *funcs[64];
    size_t n = MIN(g->nframes, ARRAY_LEN(funcs));
    for (size_t i = 0; i < n; i++)
        funcs[i] = g->frames[i].func;
    ClassifyInput in = {g->wait, funcs, n, NULL};
    SourceOp op;
    if (site && x->src && syntax_op_at(x->src, site->file, site->line, &op))
        in.src = &op;
    classify_goroutine(&in, cls);
}

static void blame_one(Ctx *x, const TGoroutine *g, TBlame *b)
{
    memset(b, 0, sizeof *b);
    b->g = g;
    b->site = blocking_site(g, x->opt->pkg);
    classify(x, g, b->site, &b->cls);
    Chain c;
    build_chain(x, g, &c);
    int k0 = test_frame(&c.nodes[0]);
    if (k0 < 0 && (is_ours(g) || all_quiet(g) || ignored_by_user(g, x->opt))) {
        b->owner = OWNER_IGNORED;
        return;
    }
    /* time.AfterFunc's goroutine is created by whichever goroutine ran the
     * timer: its ancestry names no one */
    if (strcmp(g->created.func, "time.goFunc") == 0) {
        b->owner = OWNER_UNKNOWN;
        return;
    }
    for (int i = 0; i < c.n; i++) {
        int k = test_frame(&c.nodes[i]);
        if (k < 0)
            continue;
        b->owner = i == 0 ? OWNER_HUNG_TEST : OWNER_TEST;
        b->test = test_name(x, &c, i, k, &b->name_exact);
        return;
    }
    const char *cs = short_name(g->created.func);
    /* no ancestry (a plain go test -timeout dump on Go < 1.21): a
     * goroutine that a test function started itself still names it */
    if (*g->created.func && in_pkg(g->created.func, x->opt->pkg) && is_test_func(cs)) {
        size_t n = strcspn(cs, ".");
        b->owner = OWNER_TEST;
        b->test = arena_strndup(x->arena, cs, n);
        b->name_exact = cs[n] == 0;
        return;
    }
    bool from_init = *g->created.func && (strcmp(cs, "init") == 0 || str_has_prefix(cs, "init."));
    b->owner = c.complete || g->id == 1 || from_init ? OWNER_BACKGROUND : OWNER_UNKNOWN;
}

void blame_run(TBlameSet *b, const TStacks *s, int seg, const TBlameOptions *opt)
{
    memset(b, 0, sizeof *b);
    arena_init(&b->arena);
    b->pkg = opt->pkg;
    Ctx x = {s, opt, &b->arena, opt->use_source ? syntax_cache_new() : NULL, {0}, go_fileset_new(), {0}};
    hashmap_init(&x.live);
    hashmap_init(&x.files);
    for (size_t i = 0; i < s->gs.len; i++) {
        const TGoroutine *g = &s->gs.items[i];
        if (seg >= 0 && g->seg != seg)
            continue;
        char *key = arena_alloc(&b->arena, 24);
        int kl = snprintf(key, 24, "%llu", (unsigned long long)g->id);
        hashmap_set(&x.live, key, (size_t)kl, (void *)g);
    }
    for (size_t i = 0; i < s->gs.len; i++) {
        const TGoroutine *g = &s->gs.items[i];
        if (seg >= 0 && g->seg != seg)
            continue;
        TBlame one;
        blame_one(&x, g, &one);
        array_push(&b->items, one);
    }
    hashmap_free(&x.live);
    hashmap_free(&x.files);
    go_fileset_free(x.fs);
    syntax_cache_free(x.src);
}

void blame_free(TBlameSet *b)
{
    array_free(&b->items);
    arena_free(&b->arena);
}

const char *blame_rule(const Classification *c)
{
    if (c->seed != SEED_NONE)
        return seed_leak_id(c->seed);
    return c->kind == BLOCK_IO_WAIT ? "unclosed-resource" : "";
}
