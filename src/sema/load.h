/* load.h - finding Go packages on disk the way the go tool does: patterns
 * (./..., dir/..., directories, files), go.mod module roots, skipped
 * directories, and build constraints (//go:build, // +build, file-name
 * GOOS/GOARCH suffixes) evaluated for one target platform, and the Go
 * version of each module (go.mod's go and toolchain lines, or --go). */
#ifndef DRIP_SEMA_LOAD_H
#define DRIP_SEMA_LOAD_H

#include <stdbool.h>

#include "../util/array.h"
#include "../util/util.h"

/* The newest Go release drip knows (1.27): the toolchain it checks as,
 * so the release tags go1.1..go1.27 hold, and the language version of
 * code outside a module. Versions are kept as the minor number. */
#define GO_NEWEST 27
/* Go 1.23: unreferenced timers and tickers are collected. */
#define GO_TIMERS_COLLECTED 23

/* The build context: which files belong to a build. */
typedef struct {
    const char *goos;    /* default "linux" */
    const char *goarch;  /* default "amd64" */
    const char **tags;   /* extra tags (--tags), may be NULL */
    int ntags;
    bool tests;          /* include _test.go files */
    int go_version;      /* --go 1.N as N; 0: each module's go.mod decides */
    int release;         /* release tags go1.1..go1.<release> hold; set per
                            module by the loader (GO_NEWEST by default) */
} BuildCtx;

typedef struct PkgFile {
    char *path;          /* as shown in diagnostics, e.g. "net/http/server.go" */
    FileData src;        /* the whole file, NUL-terminated */
    bool is_test;        /* name ends in _test.go */
    char *pkgname;       /* from the package clause; NULL when none was found */
    void *ast;           /* the parsed file (GoFile *), set by the caller */
    void *user;          /* per-file data of later stages */
    int go_version;      /* language version of the file: its package's, or
                            max(N, 21) for a //go:build that needs go1.N */
} PkgFile;

typedef struct Package {
    int module;          /* index in Program.modules */
    char *dir;           /* directory as shown in diagnostics ("." for cwd) */
    char *import_path;   /* module path + relative dir, or dir outside a module */
    char *name;          /* package name ("foo", or "foo_test" for external tests) */
    Array(PkgFile *) files;
    int go_version;      /* language version: go.mod's go line (16 when the
                            line is missing), --go, or GO_NEWEST outside a module */
    int release;         /* newest go1.N release tag of its build */
    bool timers_collected; /* unreferenced timers are garbage: the go line
                              (or --go) is at least 1.23 and neither go.mod nor
                              a main package's //go:debug sets asynctimerchan=1;
                              false outside a module */
} Package;

/* A file or directory the loader left out, and why (for --stats). */
typedef struct {
    char *path;          /* as shown in diagnostics */
    char *why;           /* e.g. "build constraints: //go:build" */
} PkgSkipped;

/* A module some loaded package belongs to. */
typedef struct {
    char *path;          /* module path, or "" for packages outside a module */
    char *root;          /* directory of its go.mod, or "" */
    int npkgs, nfiles;
} PkgModule;

typedef struct {
    Array(Package *) pkgs;
    int nerrors;         /* load errors already printed to stderr */
    int nfiles;
    Array(PkgSkipped) skipped; /* in walk order */
    Array(PkgModule) modules;  /* in order of first package */
} Program;

void build_ctx_default(BuildCtx *bc);

/* Expands the patterns into packages (files read into memory, constraints
 * applied). Problems are printed as "drip: error: ..." and counted in
 * prog->nerrors; loading goes on with what it can read. */
void pkg_load(Program *prog, const BuildCtx *bc, const char **patterns, int npatterns);
void pkg_program_free(Program *prog);

/* "1.23", "1.23.4", "1.23rc1", "go1.23" -> 23; -1 when it is not a Go 1
 * version. n is the length of s. */
int pkg_parse_go_version(const char *s, size_t n);

/* Build constraints, exposed for tests. */
bool pkg_match_tag(const BuildCtx *bc, const char *tag, size_t len);
/* Evaluates a //go:build expression (text after "//go:build"). Returns 1
 * true, 0 false, -1 syntax error. */
int pkg_eval_go_build(const BuildCtx *bc, const char *expr);
/* The minimum Go version a //go:build expression implies (go/build/
 * constraint.GoVersion): 21 for "go1.21 && linux", -1 when none. */
int pkg_go_build_min_version(const char *expr);
/* Evaluates one "// +build" line's text (after "+build"). */
bool pkg_eval_plus_build(const BuildCtx *bc, const char *line);
/* GOOS/GOARCH file-name suffix check on a base name like "x_linux_amd64.go". */
bool pkg_match_file_name(const BuildCtx *bc, const char *base);
/* Whether a file's header constraints allow it. Sets *pkgname (malloc'ed,
 * NULL if no package clause) and *min_go (the minimum Go version its
 * //go:build line implies, -1 when none); either may be NULL. */
bool pkg_match_file_header(const BuildCtx *bc, const char *src, size_t len, char **pkgname, int *min_go);
/* Go's convention for generated files: a line "// Code generated ... DO NOT
 * EDIT." before the first non-comment, non-blank text. */
bool pkg_file_is_generated(const char *src, size_t len);
/* Directory walks skip these names (vendor, testdata, _x, .x). */
bool pkg_skip_dir_name(const char *name);

#endif
