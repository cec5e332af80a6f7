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
    EXPECT("check-load/header-go-build", !pkg_match_file_header(&bc, a, strlen(a), &name));
    EXPECT("check-load/header-pkgname", name && strcmp(name, "foo") == 0);
    free(name);
    const char *b = "//go:build linux\n// +build windows\n\npackage foo\n";
    EXPECT("check-load/header-go-build-wins", pkg_match_file_header(&bc, b, strlen(b), NULL));
    const char *c = "// +build windows\n\npackage foo\n";
    EXPECT("check-load/header-plus-build", !pkg_match_file_header(&bc, c, strlen(c), NULL));
    const char *d = "// +build linux\n// +build arm\n\npackage foo\n";
    EXPECT("check-load/header-plus-lines-and", !pkg_match_file_header(&bc, d, strlen(d), NULL));
    const char *e = "// Package foo does x.\n// +build windows\npackage foo\n";
    EXPECT("check-load/header-doc-comment-ignored", pkg_match_file_header(&bc, e, strlen(e), NULL));
    const char *f = "/* block\n//go:build windows\n*/\n\npackage foo\n";
    EXPECT("check-load/header-block-comment", pkg_match_file_header(&bc, f, strlen(f), NULL));
    const char *g = "package foo\n\n//go:build windows\n";
    EXPECT("check-load/header-after-package", pkg_match_file_header(&bc, g, strlen(g), &name));
    free(name);
    const char *h = "//go:build ignore\n\npackage main\n";
    EXPECT("check-load/header-ignore", !pkg_match_file_header(&bc, h, strlen(h), NULL));
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

int main(void)
{
    test_go_build();
    test_plus_build();
    test_file_names();
    test_header();
    test_walk();
    return failures ? 1 : 0;
}
