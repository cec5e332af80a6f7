/* test_check_load.c - package loading: build constraints, file-name
 * suffixes, patterns, skipped directories and module paths. */
#include <sys/stat.h>
#include <unistd.h>

#include "sema/load.h"

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

static void test_go_build(void)
{
    BuildCtx bc;
    build_ctx_default(&bc);
    EXPECT("check-load/go-build-os", pkg_eval_go_build(&bc, " linux") == 1);
    EXPECT("check-load/go-build-other-os", pkg_eval_go_build(&bc, " windows") == 0);
    EXPECT("check-load/go-build-and", pkg_eval_go_build(&bc, " linux && amd64") == 1);
    EXPECT("check-load/go-build-and-false", pkg_eval_go_build(&bc, " linux && arm64") == 0);
    EXPECT("check-load/go-build-or", pkg_eval_go_build(&bc, " windows || linux") == 1);
    EXPECT("check-load/go-build-not", pkg_eval_go_build(&bc, " !windows") == 1);
    EXPECT("check-load/go-build-parens", pkg_eval_go_build(&bc, " (darwin || linux) && !(arm || 386)") == 1);
    EXPECT("check-load/go-build-precedence", pkg_eval_go_build(&bc, " windows && arm || linux") == 1);
    EXPECT("check-load/go-build-unix", pkg_eval_go_build(&bc, " unix") == 1);
    EXPECT("check-load/go-build-ignore", pkg_eval_go_build(&bc, " ignore") == 0);
    EXPECT("check-load/go-build-release", pkg_eval_go_build(&bc, " go1.18") == 1);
    EXPECT("check-load/go-build-syntax-error", pkg_eval_go_build(&bc, " linux &&") == -1);
    EXPECT("check-load/go-build-unbalanced", pkg_eval_go_build(&bc, " (linux") == -1);
    BuildCtx win = bc;
    win.goos = "windows";
    EXPECT("check-load/go-build-unix-windows", pkg_eval_go_build(&win, " unix") == 0);
    const char *tags[] = {"integration"};
    BuildCtx tagged = bc;
    tagged.tags = tags;
    tagged.ntags = 1;
    EXPECT("check-load/go-build-custom-tag", pkg_eval_go_build(&tagged, " integration") == 1 &&
                                                 pkg_eval_go_build(&bc, " integration") == 0);
}

static void test_plus_build(void)
{
    BuildCtx bc;
    build_ctx_default(&bc);
    EXPECT("check-load/plus-build-or", pkg_eval_plus_build(&bc, " windows linux"));
    EXPECT("check-load/plus-build-and", !pkg_eval_plus_build(&bc, " linux,arm"));
    EXPECT("check-load/plus-build-not", pkg_eval_plus_build(&bc, " !windows,!plan9"));
    EXPECT("check-load/plus-build-not-false", !pkg_eval_plus_build(&bc, " !linux"));
}

static void test_file_names(void)
{
    BuildCtx bc;
    build_ctx_default(&bc);
    EXPECT("check-load/name-plain", pkg_match_file_name(&bc, "server.go"));
    EXPECT("check-load/name-os", pkg_match_file_name(&bc, "fd_linux.go"));
    EXPECT("check-load/name-other-os", !pkg_match_file_name(&bc, "fd_windows.go"));
    EXPECT("check-load/name-arch", pkg_match_file_name(&bc, "asm_amd64.go") && !pkg_match_file_name(&bc, "asm_arm64.go"));
    EXPECT("check-load/name-os-arch", pkg_match_file_name(&bc, "zsys_linux_amd64.go") &&
                                          !pkg_match_file_name(&bc, "zsys_linux_arm.go") &&
                                          !pkg_match_file_name(&bc, "zsys_darwin_amd64.go"));
    EXPECT("check-load/name-test-suffix", pkg_match_file_name(&bc, "x_linux_test.go") &&
                                              !pkg_match_file_name(&bc, "x_windows_test.go"));
    EXPECT("check-load/name-no-underscore-prefix", pkg_match_file_name(&bc, "windows.go"));
    EXPECT("check-load/name-unix-not-suffix", pkg_match_file_name(&bc, "fd_unix.go"));
    BuildCtx android = bc;
    android.goos = "android";
    EXPECT("check-load/name-android-linux", pkg_match_file_name(&android, "fd_linux.go"));
}

static void test_header(void)
{
    BuildCtx bc;
    build_ctx_default(&bc);
    char *name = NULL;
    const char *a = "// Copyright\n\n//go:build windows\n\npackage foo\n";
    EXPECT("check-load/header-go-build", !pkg_match_file_header(&bc, a, strlen(a), &name, NULL));
    EXPECT("check-load/header-pkgname", name && strcmp(name, "foo") == 0);
    free(name);
    const char *b = "//go:build linux\n// +build windows\n\npackage foo\n";
    EXPECT("check-load/header-go-build-wins", pkg_match_file_header(&bc, b, strlen(b), NULL, NULL));
    const char *c = "// +build windows\n\npackage foo\n";
    EXPECT("check-load/header-plus-build", !pkg_match_file_header(&bc, c, strlen(c), NULL, NULL));
    const char *d = "// +build linux\n// +build arm\n\npackage foo\n";
    EXPECT("check-load/header-plus-lines-and", !pkg_match_file_header(&bc, d, strlen(d), NULL, NULL));
    const char *e = "// Package foo does x.\n// +build windows\npackage foo\n";
    EXPECT("check-load/header-doc-comment-ignored", pkg_match_file_header(&bc, e, strlen(e), NULL, NULL));
    const char *f = "/* block\n//go:build windows\n*/\n\npackage foo\n";
    EXPECT("check-load/header-block-comment", pkg_match_file_header(&bc, f, strlen(f), NULL, NULL));
    const char *g = "package foo\n\n//go:build windows\n";
    EXPECT("check-load/header-after-package", pkg_match_file_header(&bc, g, strlen(g), &name, NULL));
    free(name);
    const char *h = "//go:build ignore\n\npackage main\n";
    EXPECT("check-load/header-ignore", !pkg_match_file_header(&bc, h, strlen(h), NULL, NULL));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

static Package *find_pkg(Program *p, const char *dir, const char *name)
{
    for (size_t i = 0; i < p->pkgs.len; i++)
        if (strcmp(p->pkgs.items[i]->dir, dir) == 0 && strcmp(p->pkgs.items[i]->name, name) == 0)
            return p->pkgs.items[i];
    return NULL;
}

static void test_walk(void)
{
    char tmpl[] = "/tmp/drip-load-XXXXXX";
    char *root = mkdtemp(tmpl);
    if (!root) {
        perror("mkdtemp");
        exit(1);
    }
    char old[4096];
    if (!getcwd(old, sizeof old) || chdir(root) != 0) {
        perror("chdir");
        exit(1);
    }
    const char *dirs[] = {"a", "a/b", "vendor", "vendor/x", "testdata", "_skip", ".hidden", "nested", "a/c"};
    for (size_t i = 0; i < ARRAY_LEN(dirs); i++)
        mkdir(dirs[i], 0755);
    write_file("go.mod", "module example.com/m\n\ngo 1.19\n");
    write_file("main.go", "package main\n");
    write_file("a/a.go", "package a\n");
    write_file("a/a_windows.go", "package a\n");
    write_file("a/a_test.go", "package a\n");
    write_file("a/x_test.go", "package a_test\n");
    write_file("a/gen.go", "//go:build ignore\n\npackage main\n");
    write_file("a/b/b.go", "// +build linux\n\npackage b\n");
    write_file("a/c/readme.txt", "no go here\n");
    write_file("vendor/x/x.go", "package x\n");
    write_file("testdata/t.go", "package t\n");
    write_file("_skip/s.go", "package s\n");
    write_file(".hidden/h.go", "package h\n");
    write_file("nested/go.mod", "module other\n");
    write_file("nested/n.go", "package n\n");
    if (symlink("..", "a/loop") != 0)
        perror("symlink");

    BuildCtx bc;
    build_ctx_default(&bc);
    Program p = {0};
    const char *all[] = {"./..."};
    pkg_load(&p, &bc, all, 1);
    Package *ma = find_pkg(&p, ".", "main");
    Package *a = find_pkg(&p, "a", "a");
    Package *ax = find_pkg(&p, "a", "a_test");
    Package *b = find_pkg(&p, "a/b", "b");
    EXPECT("check-load/walk-count", p.pkgs.len == 4);
    EXPECT("check-load/walk-root", ma && ma->files.len == 1 && strcmp(ma->import_path, "example.com/m") == 0);
    EXPECT("check-load/walk-files", a && a->files.len == 2 && strcmp(a->files.items[0]->path, "a/a.go") == 0);
    EXPECT("check-load/walk-import-path", a && strcmp(a->import_path, "example.com/m/a") == 0);
    EXPECT("check-load/walk-external-test", ax && ax->files.len == 1);
    EXPECT("check-load/walk-plus-build", b && b->files.len == 1);
    EXPECT("check-load/walk-no-errors", p.nerrors == 0 && p.nfiles == 5); /* a/loop -> .. not followed */
    pkg_program_free(&p);

    Program q = {0};
    BuildCtx nt = bc;
    nt.tests = false;
    const char *sub[] = {"./a/..."};
    pkg_load(&q, &nt, sub, 1);
    EXPECT("check-load/subtree-no-tests", q.pkgs.len == 2 && find_pkg(&q, "a", "a") &&
                                              find_pkg(&q, "a", "a")->files.len == 1);
    pkg_program_free(&q);

    Program r = {0};
    const char *dir_and_file[] = {"a/b", "./main.go", "missing"};
    pkg_load(&r, &bc, dir_and_file, 3);
    EXPECT("check-load/dir-and-file", r.pkgs.len == 2 && find_pkg(&r, "a/b", "b") && find_pkg(&r, ".", "main"));
    EXPECT("check-load/missing-dir-error", r.nerrors == 1);
    pkg_program_free(&r);

    Program w = {0};
    BuildCtx win = bc;
    win.goos = "windows";
    const char *one[] = {"./a"};
    pkg_load(&w, &win, one, 1);
    Package *wa = find_pkg(&w, "a", "a");
    EXPECT("check-load/goos-windows", wa && wa->files.len == 3 && find_pkg(&w, "a", "a_test"));
    pkg_program_free(&w);

    if (chdir(old) != 0)
        perror("chdir");
    char *cmd = xasprintf("rm -rf '%s'", root);
    if (system(cmd) != 0)
        printf("FAIL check-load/cleanup: rm failed\n");
    free(cmd);
}

static void test_versions(void)
{
    EXPECT("check-load/version-parse", pkg_parse_go_version("1.23", 4) == 23 &&
                                           pkg_parse_go_version("1.21.0", 6) == 21 &&
                                           pkg_parse_go_version("1.24rc1", 7) == 24 &&
                                           pkg_parse_go_version("go1.27.3", 8) == 27);
    EXPECT("check-load/version-parse-bad", pkg_parse_go_version("2.1", 3) == -1 &&
                                               pkg_parse_go_version("1", 1) == -1 &&
                                               pkg_parse_go_version("1.x", 3) == -1 &&
                                               pkg_parse_go_version("1.22-", 5) == -1);
    BuildCtx bc;
    build_ctx_default(&bc);
    EXPECT("check-load/release-newest", pkg_eval_go_build(&bc, " go1.27") == 1 && pkg_eval_go_build(&bc, " go1.28") == 0);
    BuildCtx old = bc;
    old.release = 22;
    EXPECT("check-load/release-22", pkg_eval_go_build(&old, " go1.22 && !go1.23") == 1);
    const char *t[] = {"go1.30"};
    old.tags = t;
    old.ntags = 1;
    EXPECT("check-load/release-tag-flag", pkg_eval_go_build(&old, " go1.30") == 1 && pkg_eval_go_build(&old, " go1.29") == 0);
    EXPECT("check-load/min-version-and", pkg_go_build_min_version(" go1.21 && linux") == 21);
    EXPECT("check-load/min-version-or", pkg_go_build_min_version(" go1.21 || linux") == -1 &&
                                            pkg_go_build_min_version(" go1.22 || go1.23") == 22);
    EXPECT("check-load/min-version-not", pkg_go_build_min_version(" !go1.22") == -1 &&
                                             pkg_go_build_min_version(" !(!go1.22 || !linux)") == 22 &&
                                             pkg_go_build_min_version(" (go1.23 || go1.24) && go1.21") == 23);
    EXPECT("check-load/min-version-none", pkg_go_build_min_version(" linux") == -1 &&
                                              pkg_go_build_min_version(" go1") == 0);
    const char *hdr = "//go:build go1.25\n\npackage p\n";
    int min = 0;
    EXPECT("check-load/header-min-version", pkg_match_file_header(&bc, hdr, strlen(hdr), NULL, &min) && min == 25);
    EXPECT("check-load/header-too-new", !pkg_match_file_header(&old, hdr, strlen(hdr), NULL, &min));
}

static PkgFile *find_file(Package *p, const char *path)
{
    for (size_t i = 0; p && i < p->files.len; i++)
        if (strcmp(p->files.items[i]->path, path) == 0)
            return p->files.items[i];
    return NULL;
}

static void test_modules(void)
{
    char tmpl[] = "/tmp/drip-mod-XXXXXX";
    char *root = mkdtemp(tmpl);
    char old[4096];
    if (!root || !getcwd(old, sizeof old) || chdir(root) != 0) {
        perror("mkdtemp/chdir");
        exit(1);
    }
    const char *dirs[] = {"v22", "v23", "v23/sub", "v24", "nogo", "block", "plain", "v23/cmd", "v23/cmd2"};
    for (size_t i = 0; i < ARRAY_LEN(dirs); i++)
        mkdir(dirs[i], 0755);
    write_file("v22/go.mod", "module example.com/v22 // a comment\n\ngo 1.22.3\n\ntoolchain go1.28.1\n");
    write_file("v22/a.go", "package p\n");
    write_file("v22/b.go", "//go:build go1.28\n\npackage p\n");
    write_file("v22/c.go", "//go:build go1.29\n\npackage p\n");
    write_file("v22/d.go", "//go:build go1.18\n\npackage p\n");
    write_file("v23/go.mod", "module example.com/v23\ngo 1.23\n");
    write_file("v23/a.go", "package p\n");
    write_file("v23/sub/s.go", "package sub\n");
    write_file("v23/cmd/main.go", "// Command cmd.\n//go:debug asynctimerchan=1\npackage main\n");
    write_file("v23/cmd/x.go", "package main\n");
    write_file("v23/cmd2/x.go", "package main\n\n//go:debug asynctimerchan=1 after the package clause is no directive\n");
    write_file("v24/go.mod", "module \"example.com/v24\"\ngo 1.24\ngodebug asynctimerchan=1\n");
    write_file("v24/a.go", "package p\n");
    write_file("block/go.mod", "module example.com/block\ngo 1.26\ngodebug (\n\tpanicnil=1 // old panics\n\tdefault=go1.21\n)\n");
    write_file("block/a.go", "package p\n");
    write_file("nogo/go.mod", "module example.com/nogo\n");
    write_file("nogo/a.go", "package p\n");
    write_file("plain/a.go", "package p\n");
    write_file("plain/b.go", "//go:build go1.27 && !go1.28\n\npackage p\n");

    BuildCtx bc;
    build_ctx_default(&bc);
    Program p = {0};
    const char *pats[] = {"v22", "v23/...", "v24", "nogo", "block", "plain"};
    pkg_load(&p, &bc, pats, 6);
    Package *v22 = find_pkg(&p, "v22", "p"), *v23 = find_pkg(&p, "v23", "p"), *sub = find_pkg(&p, "v23/sub", "sub");
    Package *v24 = find_pkg(&p, "v24", "p"), *nogo = find_pkg(&p, "nogo", "p"), *blk = find_pkg(&p, "block", "p");
    EXPECT("check-load/mod-go-line", v22 && v22->go_version == 22 && v23 && v23->go_version == 23 &&
                                         sub && sub->go_version == 23 && strcmp(sub->import_path, "example.com/v23/sub") == 0);
    /* toolchain go1.28.1 raises the release tags above drip's 1.27 */
    EXPECT("check-load/mod-toolchain-release", v22 && v22->release == 28 && v22->files.len == 3 &&
                                                   find_file(v22, "v22/b.go") && !find_file(v22, "v22/c.go"));
    EXPECT("check-load/mod-file-version", find_file(v22, "v22/a.go") && find_file(v22, "v22/a.go")->go_version == 22 &&
                                              find_file(v22, "v22/b.go")->go_version == 28 &&
                                              find_file(v22, "v22/d.go")->go_version == 21);
    EXPECT("check-load/mod-timers", v22 && !v22->timers_collected && v23 && v23->timers_collected &&
                                        sub && sub->timers_collected);
    Package *mainpkg = find_pkg(&p, "v23/cmd", "main");
    Package *main2 = find_pkg(&p, "v23/cmd2", "main");
    EXPECT("check-load/go-debug-directive", mainpkg && mainpkg->files.len == 2 && !mainpkg->timers_collected &&
                                                main2 && main2->timers_collected);
    EXPECT("check-load/mod-godebug", v24 && v24->go_version == 24 && !v24->timers_collected &&
                                         strcmp(v24->import_path, "example.com/v24") == 0 &&
                                         blk && blk->go_version == 26 && !blk->timers_collected);
    EXPECT("check-load/mod-no-go-line", nogo && nogo->go_version == 16 && nogo->release == GO_NEWEST);
    /* outside a module: the language of Go 1.27, GODEBUG defaults of 1.16 */
    Package *plain = find_pkg(&p, "plain", "p");
    EXPECT("check-load/no-module", plain && plain->go_version == GO_NEWEST && plain->release == GO_NEWEST &&
                                       plain->files.len == 2 && !plain->timers_collected);
    pkg_program_free(&p);

    Program q = {0};
    BuildCtx g = bc;
    g.go_version = g.release = 24;
    pkg_load(&q, &g, pats, 1);
    v22 = find_pkg(&q, "v22", "p");
    EXPECT("check-load/go-flag", v22 && v22->go_version == 24 && v22->release == 24 && v22->files.len == 2 &&
                                     !find_file(v22, "v22/b.go") && v22->timers_collected);
    pkg_program_free(&q);

    if (chdir(old) != 0)
        perror("chdir");
    char *cmd = xasprintf("rm -rf '%s'", root);
    if (system(cmd) != 0)
        printf("FAIL check-load/cleanup: rm failed\n");
    free(cmd);
}

int main(void)
{
    test_versions();
    test_modules();
    test_go_build();
    test_plus_build();
    test_file_names();
    test_header();
    test_walk();
    return failures ? 1 : 0;
}
