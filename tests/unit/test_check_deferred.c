/* test_check_deferred.c - drip check parses function bodies twice: once
 * with the whole tree, for the syntax errors (go_parse_decls drops each
 * body), and again when the package's turn comes (go_parse_body), whose
 * names sema_resolve_bodies resolves. Both must give exactly what one full
 * parse gives: the same tree, dumped, and every identifier bound to the
 * same object. Checked on the rules' testdata packages and on packages of
 * Go's own source. */
#include "sema/sema.h"

#include <dirent.h>

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

enum { MAXFILES = 400 };

/* One package read twice: a (go_parse) and b (go_parse_decls, then the
 * bodies). */
typedef struct {
    int nfiles;
    char *paths[MAXFILES];
    FileData src[MAXFILES];
    GoFileSet *fs_a, *fs_b;
    Arena arena_a, arena_b, bodies;
    GoErrors errs_a, errs_b;
    GoFile *a[MAXFILES], *b[MAXFILES];
    Package pkg;
    World world_a, world_b;
    Sema sema_a, sema_b;
} Twin;

static char *dump_of(const GoFile *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    go_dump(f, out);
    fclose(out);
    return buf;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Reads the .go files of dir (not tests, when skip_tests) in name order. */
static int twin_read(Twin *t, const char *dir, bool skip_tests)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) && t->nfiles < MAXFILES) {
        if (!str_has_suffix(e->d_name, ".go") || (skip_tests && str_has_suffix(e->d_name, "_test.go")))
            continue;
        t->paths[t->nfiles++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(t->paths, (size_t)t->nfiles, sizeof(char *), cmp_str);
    for (int i = 0; i < t->nfiles; i++)
        if (!file_read(t->paths[i], &t->src[i]))
            return 0;
    return t->nfiles;
}

/* Parses both ways; returns how many bodies b deferred. */
static int twin_parse(Twin *t)
{
    t->fs_a = go_fileset_new();
    t->fs_b = go_fileset_new();
    arena_init(&t->arena_a);
    arena_init(&t->arena_b);
    arena_init(&t->bodies);
    int deferred = 0;
    for (int i = 0; i < t->nfiles; i++) {
        t->a[i] = go_parse(t->fs_a, t->paths[i], t->src[i].data, t->src[i].len, &t->arena_a, &t->errs_a);
        t->b[i] = go_parse_decls(t->fs_b, t->paths[i], t->src[i].data, t->src[i].len, &t->arena_b, &t->errs_b);
        for (uint32_t k = 0; k < t->b[i]->decls.len; k++) {
            GoFuncDecl *fd = GO_AS(GoFuncDecl, t->b[i]->decls.items[k]);
            deferred += fd && fd->body_pos && !fd->body;
        }
    }
    return deferred;
}

static void twin_build(Twin *t)
{
    t->pkg.import_path = (char *)"example.com/p";
    t->pkg.name = (char *)"p";
    t->pkg.dir = (char *)".";
    hashmap_init(&t->world_a.by_path);
    hashmap_init(&t->world_b.by_path);
    hashmap_set(&t->world_a.by_path, t->pkg.import_path, strlen(t->pkg.import_path), &t->sema_a);
    hashmap_set(&t->world_b.by_path, t->pkg.import_path, strlen(t->pkg.import_path), &t->sema_b);
    sema_build(&t->sema_a, &t->world_a, &t->pkg, t->a, t->nfiles);
    sema_build(&t->sema_b, &t->world_b, &t->pkg, t->b, t->nfiles);
    /* as drip check does it: declarations, preparation, then the bodies */
    sema_prepare(&t->sema_b);
    sema_resolve_bodies(&t->sema_b, &t->bodies);
}

static void twin_free(Twin *t)
{
    sema_free(&t->sema_a);
    sema_drop_bodies(&t->sema_b);
    sema_free(&t->sema_b);
    hashmap_free(&t->world_a.by_path);
    hashmap_free(&t->world_b.by_path);
    go_errors_free(&t->errs_a);
    go_errors_free(&t->errs_b);
    arena_free(&t->arena_a);
    arena_free(&t->arena_b);
    arena_free(&t->bodies);
    go_fileset_free(t->fs_a);
    go_fileset_free(t->fs_b);
    for (int i = 0; i < t->nfiles; i++) {
        free(t->paths[i]);
        file_data_free(&t->src[i]);
    }
}

/* Every identifier of a file, in source order, with what it denotes:
 * "pos kind name decl-pos flags nassign" per line. */
typedef struct {
    Sema *s;
    StrBuf *out;
} Binds;

static bool bind_pre(GoNode *n, void *ctx)
{
    Binds *b = ctx;
    if (n->kind != GO_IDENT)
        return true;
    GoIdent *id = (GoIdent *)n;
    Obj *o = sema_obj(b->s, id);
    sb_printf(b->out, "%u %.*s", (unsigned)n->pos, (int)id->len, id->name);
    if (o)
        sb_printf(b->out, " -> %d %s %u %u %d %d %s", (int)o->kind, o->name, o->ident ? (unsigned)o->ident->n.pos : 0,
                  o->decl ? (unsigned)o->decl->pos : 0, o->flags, o->nassign, o->owner ? "own" : "universe");
    sb_puts(b->out, "\n");
    return true;
}

static char *binds_of(Sema *s, GoFile *f)
{
    StrBuf sb;
    sb_init(&sb);
    Binds b = {s, &sb};
    go_inspect((GoNode *)f, bind_pre, NULL, &b);
    return sb_steal(&sb);
}

/* The positions of sema_funcs, go statements and range statements. */
static char *lists_of(Sema *s)
{
    size_t n;
    GoNode **funcs = sema_funcs(s, &n);
    char **items = xcalloc(n + s->go_stmts.len + s->range_stmts.len + 1, sizeof(char *));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        items[k++] = xasprintf("func %010u", (unsigned)funcs[i]->pos);
    for (size_t i = 0; i < s->go_stmts.len; i++)
        items[k++] = xasprintf("go %010u", (unsigned)s->go_stmts.items[i]->pos);
    for (size_t i = 0; i < s->range_stmts.len; i++)
        items[k++] = xasprintf("range %010u", (unsigned)s->range_stmts.items[i]->pos);
    qsort(items, k, sizeof(char *), cmp_str);
    StrBuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < k; i++) {
        sb_printf(&sb, "%s\n", items[i]);
        free(items[i]);
    }
    free(items);
    sb_printf(&sb, "nil-chan candidates %d\n", s->nil_chan_candidates);
    return sb_steal(&sb);
}

/* Checks one package; returns the number of bodies deferred, or -1 when
 * the trees or bindings differ (the first difference is printed). */
static int check_package(const char *dir, bool skip_tests)
{
    Twin *t = xcalloc(1, sizeof *t);
    int deferred = -1;
    if (!twin_read(t, dir, skip_tests)) {
        printf("# %s: no Go files read\n", dir);
        goto out;
    }
    int nd = twin_parse(t);
    for (int i = 0; i < t->nfiles; i++) {
        /* the bodies back in, for the dump */
        for (uint32_t k = 0; k < t->b[i]->decls.len; k++) {
            GoFuncDecl *fd = GO_AS(GoFuncDecl, t->b[i]->decls.items[k]);
            if (fd && fd->body_pos && !fd->body)
                fd->body = go_parse_body(t->b[i], fd, &t->bodies);
        }
        char *da = dump_of(t->a[i]), *db = dump_of(t->b[i]);
        bool same = strcmp(da, db) == 0;
        if (!same)
            printf("# %s: the tree differs once its bodies are parsed again\n", t->paths[i]);
        free(da);
        free(db);
        if (!same)
            goto out;
        /* deferred again: sema_resolve_bodies parses them itself */
        for (uint32_t k = 0; k < t->b[i]->decls.len; k++) {
            GoFuncDecl *fd = GO_AS(GoFuncDecl, t->b[i]->decls.items[k]);
            if (fd && fd->body_pos)
                fd->body = NULL;
        }
    }
    if (t->errs_a.list.len != t->errs_b.list.len) {
        printf("# %s: %zu syntax errors against %zu\n", dir, t->errs_a.list.len, t->errs_b.list.len);
        goto out;
    }
    twin_build(t);
    for (int i = 0; i < t->nfiles; i++) {
        char *ba = binds_of(&t->sema_a, t->a[i]), *bb = binds_of(&t->sema_b, t->b[i]);
        bool same = strcmp(ba, bb) == 0;
        if (!same) {
            const char *x = ba, *y = bb;
            while (*x && *x == *y)
                x++, y++;
            while (x > ba && x[-1] != '\n')
                x--, y--;
            printf("# %s: identifiers bound differently:\n#   %.*s\n#   %.*s\n", t->paths[i],
                   (int)strcspn(x, "\n"), x, (int)strcspn(y, "\n"), y);
        }
        free(ba);
        free(bb);
        if (!same)
            goto out;
    }
    char *la = lists_of(&t->sema_a), *lb = lists_of(&t->sema_b);
    bool same = strcmp(la, lb) == 0;
    if (!same)
        printf("# %s: functions, go or range statements differ\n", dir);
    free(la);
    free(lb);
    if (same)
        deferred = nd;
out:
    twin_free(t);
    free(t);
    return deferred;
}

/* Each rule's testdata package: small, and every construct the rules
 * look at. */
static void test_rule_packages(void)
{
    DIR *d = opendir("testdata/src");
    int npkg = 0, bad = 0, deferred = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *dir = xasprintf("testdata/src/%s", e->d_name);
        int n = check_package(dir, false);
        if (n < 0)
            bad++;
        else
            deferred += n;
        npkg++;
        free(dir);
    }
    if (d)
        closedir(d);
    printf("# rules' testdata: %d packages, %d bodies deferred\n", npkg, deferred);
    EXPECT("deferred/rule-testdata-read", npkg >= 15);
    EXPECT("deferred/rule-testdata-same", bad == 0);
    EXPECT("deferred/rule-testdata-deferred", deferred > 100);
}

/* Packages of Go's source, with generics, labels, closures, goto. */
static void test_go_source(void)
{
    static const char *dirs[] = {"sync", "context", "net/http", "go/types", "encoding/json", "text/template/parse",
                                 "regexp/syntax", "cmd/compile/internal/syntax"};
    const char *roots[] = {getenv("DRIP_GOROOT_SRC"), "/usr/lib/go-1.19/src"};
    const char *root = NULL;
    for (size_t i = 0; i < sizeof roots / sizeof *roots && !root; i++)
        if (roots[i] && *roots[i]) {
            DIR *d = opendir(roots[i]);
            if (d) {
                closedir(d);
                root = roots[i];
            }
        }
    if (!root) {
        printf("SKIP deferred/go-source: no Go source tree (/usr/lib/go-1.19/src, or DRIP_GOROOT_SRC)\n");
        return;
    }
    int bad = 0, deferred = 0;
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char *dir = xasprintf("%s/%s", root, dirs[i]);
        int n = check_package(dir, true);
        if (n < 0)
            bad++;
        else
            deferred += n;
        free(dir);
    }
    printf("# %s: %zu packages, %d bodies deferred\n", root, sizeof dirs / sizeof *dirs, deferred);
    EXPECT("deferred/go-source-same", bad == 0);
    EXPECT("deferred/go-source-deferred", deferred > 1000);
}

/* A body with a syntax error is kept, and so is every body after it: the
 * errors are go/parser's, in its order, whatever is deferred. */
static void test_errors_keep_bodies(void)
{
    const char *src = "package p\n"
                      "func a() { x := 1; _ = x }\n"
                      "func b() { if { } }\n"
                      "func c() { return }\n";
    GoFileSet *fs = go_fileset_new();
    Arena a;
    arena_init(&a);
    GoErrors e1 = {0}, e2 = {0};
    GoFile *full = go_parse(fs, "a.go", src, strlen(src), &a, &e1);
    GoFile *decls = go_parse_decls(fs, "b.go", src, strlen(src), &a, &e2);
    GoFuncDecl *fa = GO_AS(GoFuncDecl, decls->decls.items[0]), *fb = GO_AS(GoFuncDecl, decls->decls.items[1]),
               *fc = GO_AS(GoFuncDecl, decls->decls.items[2]);
    EXPECT("deferred/errors-same", e1.list.len == e2.list.len && e1.list.len > 0);
    EXPECT("deferred/clean-body-deferred", fa && !fa->body && fa->body_pos);
    EXPECT("deferred/bad-body-kept", fb && fb->body && !fb->body_pos);
    EXPECT("deferred/later-body-kept", fc && fc->body && !fc->body_pos);
    EXPECT("deferred/full-parse-keeps", GO_AS(GoFuncDecl, full->decls.items[0])->body != NULL);
    /* the end of a deferred declaration is its body's end */
    EXPECT("deferred/end", fa && fa->n.end - decls->file->base ==
                                 GO_AS(GoFuncDecl, full->decls.items[0])->n.end - full->file->base);
    GoBlockStmt *body = go_parse_body(decls, fa, &a);
    EXPECT("deferred/reparse", body && body->list.len == 2 && body->n.end == fa->n.end);
    go_errors_free(&e1);
    go_errors_free(&e2);
    arena_free(&a);
    go_fileset_free(fs);
}

int main(void)
{
    test_errors_keep_bodies();
    test_rule_packages();
    test_go_source();
    return failures ? 1 : 0;
}
