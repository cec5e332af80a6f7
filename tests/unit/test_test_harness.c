/* test_test_harness.c - drip test's overlay (TestMain generated, wrapped
 * or refused, in the right package) and its per-goroutine dump reader
 * (ancestry, marks, segments, broken input). */
#include <sys/stat.h>
#include <unistd.h>

#include "test/test.h"

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

static char dir[] = "/tmp/drip-unit-harness.XXXXXX";

static void put(const char *name, const char *text)
{
    char *p = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
    free(p);
}

static char *slurp(const char *path)
{
    FileData fd;
    if (!file_read(path, &fd))
        return xstrdup("");
    return fd.data;
}

/* Builds the overlay of a package with the given test files. */
static void build(const char *test, const char *xtest, THarness *h, TOverlay *ov)
{
    TPackage p = {0};
    p.import_path = "example.com/p";
    p.dir = dir;
    p.name = "p";
    if (test)
        array_push(&p.tests, (char *)test);
    if (xtest)
        array_push(&p.xtests, (char *)xtest);
    memset(ov, 0, sizeof *ov);
    harness_build(&p, 0, dir, ov, h);
    array_free(&p.tests);
    array_free(&p.xtests);
}

static void overlay_free(TOverlay *ov, THarness *h)
{
    for (size_t i = 0; i < ov->len; i++) {
        unlink(ov->items[i].path);
        free(ov->items[i].target);
        free(ov->items[i].path);
    }
    array_free(ov);
    free(h->why);
    free(h->dump);
}

static void test_harness(void)
{
    THarness h;
    TOverlay ov;

    put("a_test.go", "package p\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) {}\n");
    build("a_test.go", NULL, &h, &ov);
    char *src = ov.len ? slurp(ov.items[0].path) : xstrdup("");
    EXPECT("test-harness/generated", h.kind == HARNESS_GENERATED && ov.len == 1);
    EXPECT("test-harness/generated-package", strncmp(strstr(src, "package "), "package p\n", 10) == 0);
    EXPECT("test-harness/generated-testmain", strstr(src, "func TestMain(m *drip_testing.M)") != NULL);
    EXPECT("test-harness/new-file", ov.len && str_has_suffix(ov.items[0].target, "/drip_leakcheck_test.go"));
    free(src);
    overlay_free(&ov, &h);

    /* only external test files: the TestMain goes there */
    put("x_test.go", "package p_test\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n");
    build(NULL, "x_test.go", &h, &ov);
    src = ov.len ? slurp(ov.items[0].path) : xstrdup("");
    EXPECT("test-harness/xtest-package", strstr(src, "package p_test\n") != NULL);
    free(src);
    overlay_free(&ov, &h);

    /* code := m.Run() form: replaced on its line, the rest kept */
    const char *tm = "package p_test\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\n"
                     "func TestMain(mm *testing.M) {\n\tcode := mm.Run()\n\tos.Exit(code)\n}\n";
    put("main_test.go", tm);
    build("a_test.go", "main_test.go", &h, &ov);
    EXPECT("test-harness/wrapped", h.kind == HARNESS_WRAPPED && ov.len == 2);
    src = ov.len == 2 ? slurp(ov.items[1].path) : xstrdup("");
    EXPECT("test-harness/wrapped-call", strstr(src, "\tcode := drip__wrap(mm)\n\tos.Exit(code)\n") != NULL);
    EXPECT("test-harness/wrapped-target", ov.len == 2 && str_has_suffix(ov.items[1].target, "/main_test.go"));
    free(src);
    src = ov.len ? slurp(ov.items[0].path) : xstrdup("");
    EXPECT("test-harness/helper-in-testmain-package", strstr(src, "package p_test\n") != NULL);
    EXPECT("test-harness/helper-no-testmain", strstr(src, "func TestMain") == NULL);
    free(src);
    overlay_free(&ov, &h);

    /* m passed on: refused with the position of TestMain */
    put("main_test.go", "package p\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\n"
                        "func TestMain(m *testing.M) { os.Exit(run(m)) }\n\nfunc run(m *testing.M) int { return m.Run() }\n");
    build("main_test.go", NULL, &h, &ov);
    EXPECT("test-harness/refused", h.kind == HARNESS_REFUSED && ov.len == 0);
    EXPECT("test-harness/refused-position", h.why && strstr(h.why, "/main_test.go:8:1: TestMain does not call m.Run()"));
    overlay_free(&ov, &h);

    put("main_test.go", "package p\n\nimport \"testing\"\n\nfunc TestMain(m *testing.M) { m.Run(); m.Run() }\n");
    build("main_test.go", NULL, &h, &ov);
    EXPECT("test-harness/refused-twice", h.kind == HARNESS_REFUSED && h.why && strstr(h.why, "calls m.Run() 2 times"));
    overlay_free(&ov, &h);

    build(NULL, NULL, &h, &ov);
    EXPECT("test-harness/no-tests", h.kind == HARNESS_NO_TESTS && ov.len == 0);
    overlay_free(&ov, &h);

    char *opath = xasprintf("%s/o.json", dir);
    TOverlayEntry e = {"/a/b \"c\".go", "/t/x.go"};
    EXPECT("test-harness/overlay-json", harness_write_overlay(opath, &e, 1));
    src = slurp(opath);
    EXPECT("test-harness/overlay-json-text", strcmp(src, "{\"Replace\":{\"/a/b \\\"c\\\".go\":\"/t/x.go\"}}\n") == 0);
    free(src);
    unlink(opath);
    free(opath);
}

static const char dump[] =
    "drip-test leakprofile go1.27.3\n"
    "goroutine 23 [chan send (leaked), 3 minutes]:\n"
    "example.com/p.Start.func1()\n"
    "\t/src/p/p.go:3 +0x1e\n"
    "created by example.com/p.Start in goroutine 18\n"
    "\t/src/p/p.go:3 +0x59\n"
    "[originating from goroutine 18]:\n"
    "example.com/p.TestA(...)\n"
    "\t/src/p/p_test.go:5 +0x2a\n"
    "testing.tRunner(...)\n"
    "\t/go/src/testing/testing.go:2198 +0xea\n"
    "created by testing.(*T).Run\n"
    "\t/go/src/testing/testing.go:2260 +0x4d4\n"
    "[originating from goroutine 1]:\n"
    "testing.(*T).Run(...)\n"
    "\t/go/src/testing/testing.go:2268 +0x4d4\n"
    "testing.runTests.func1(...)\n"
    "\t/go/src/testing/testing.go:2743 +0x37\n"
    "testing.tRunner(...)\n"
    "\t/go/src/testing/testing.go:2198 +0xea\n"
    "\n"
    "goroutine 7 [select]:\n"
    "example.com/p.init.0.func1()\n"
    "\t/src/p/p.go:9 +0x1\n"
    "created by example.com/p.init.0 in goroutine 1\n"
    "\t/src/p/p.go:8 +0x2\n"
    "[originating from goroutine 1]:\n"
    "example.com/p.init.0(...)\n"
    "\t/src/p/p.go:8 +0x2\n"
    "FAIL\texample.com/p\t2.0s\n"
    "goroutine 9 [chan receive]:\n"
    "example.com/q.f(0xc000010000, {0x1, 0x2})\n"
    "\tbroken position\n";

static void test_stacks(void)
{
    TStacks s;
    stacks_init(&s);
    stacks_read_buffer(&s, "dump", dump, sizeof dump - 1, true);
    EXPECT("test-stacks/count", s.gs.len == 3);
    EXPECT("test-stacks/leak-profile", s.leak_profile && s.goversion && strcmp(s.goversion, "go1.27.3") == 0);
    if (s.gs.len == 3) {
        TGoroutine *g = &s.gs.items[0];
        EXPECT("test-stacks/wait", strcmp(g->wait, "chan send") == 0 && g->wait_minutes == 3 && g->leaked);
        EXPECT("test-stacks/created", strcmp(g->created.func, "example.com/p.Start") == 0 && g->created_in == 18);
        EXPECT("test-stacks/ancestors", g->nanc == 2 && g->anc[0].goid == 18 && g->anc[1].goid == 1);
        EXPECT("test-stacks/ancestor-frames", g->nanc == 2 && g->anc[0].nframes == 2 &&
               strcmp(g->anc[0].frames[0].func, "example.com/p.TestA") == 0 && g->anc[0].frames[0].line == 5);
        EXPECT("test-stacks/ancestor-created", g->nanc == 2 && strcmp(g->anc[0].created.func, "testing.(*T).Run") == 0);
        EXPECT("test-stacks/segment", s.gs.items[1].seg == 0 && s.gs.items[2].seg == 1 && s.segs.len == 2 &&
               s.segs.items[0].pkg && strcmp(s.segs.items[0].pkg, "example.com/p") == 0);
        EXPECT("test-stacks/args-stripped", strcmp(s.gs.items[2].frames[0].func, "example.com/q.f") == 0);
        EXPECT("test-stacks/bad-line-counted", s.errors == 1);

        TBlameOptions bo = {"example.com/p", NULL, 0, NULL, 0, false};
        TBlameSet b;
        blame_run(&b, &s, 0, &bo);
        EXPECT("test-blame/test", b.items.len == 2 && b.items.items[0].owner == OWNER_TEST &&
               strcmp(b.items.items[0].test, "TestA") == 0);
        EXPECT("test-blame/background", b.items.len == 2 && b.items.items[1].owner == OWNER_BACKGROUND);
        EXPECT("test-blame/rule", b.items.len == 2 && strcmp(blame_rule(&b.items.items[0].cls), "abandoned-channel") == 0);
        blame_free(&b);
    }
    stacks_free(&s);

    /* every prefix of the dump reads without crashing */
    bool ok = true;
    for (size_t n = 0; n < sizeof dump - 1; n++) {
        stacks_init(&s);
        stacks_read_buffer(&s, "cut", dump, n, true);
        ok = ok && s.gs.len <= 3;
        stacks_free(&s);
    }
    EXPECT("test-stacks/prefixes", ok);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_harness();
    test_stacks();
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("FAIL test-harness/cleanup\n");
    free(cmd);
    return failures ? 1 : 0;
}
