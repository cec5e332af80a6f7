/* load.h - finding Go packages on disk the way the go tool does: patterns
 * (./..., dir/..., directories, files), go.mod module roots, skipped
 * directories, and build constraints (//go:build, // +build, file-name
 * GOOS/GOARCH suffixes) evaluated for one target platform. */
#ifndef DRIP_SEMA_LOAD_H
#define DRIP_SEMA_LOAD_H

#include <stdbool.h>

#include "../util/array.h"
#include "../util/util.h"

/* The build context: which files belong to a build. */
typedef struct {
    const char *goos;    /* default "linux" */
    const char *goarch;  /* default "amd64" */
    const char **tags;   /* extra tags (--tags), may be NULL */
    int ntags;
    bool tests;          /* include _test.go files */
} BuildCtx;

typedef struct PkgFile {
    char *path;          /* as shown in diagnostics, e.g. "net/http/server.go" */
    FileData src;        /* the whole file, NUL-terminated */
    bool is_test;        /* name ends in _test.go */
    char *pkgname;       /* from the package clause; NULL when none was found */
    void *ast;           /* the parsed file (GoFile *), set by the caller */
    void *user;          /* per-file data of later stages */
} PkgFile;

typedef struct Package {
    char *dir;           /* directory as shown in diagnostics ("." for cwd) */
    char *import_path;   /* module path + relative dir, or dir outside a module */
    char *name;          /* package name ("foo", or "foo_test" for external tests) */
    Array(PkgFile *) files;
} Package;

typedef struct {
    Array(Package *) pkgs;
    int nerrors;         /* load errors already printed to stderr */
    int nfiles;
} Program;

void build_ctx_default(BuildCtx *bc);

/* Expands the patterns into packages (files read into memory, constraints
 * applied). Problems are printed as "drip: error: ..." and counted in
 * prog->nerrors; loading goes on with what it can read. */
void pkg_load(Program *prog, const BuildCtx *bc, const char **patterns, int npatterns);
void pkg_program_free(Program *prog);

/* Build constraints, exposed for tests. */
bool pkg_match_tag(const BuildCtx *bc, const char *tag, size_t len);
/* Evaluates a //go:build expression (text after "//go:build"). Returns 1
 * true, 0 false, -1 syntax error. */
int pkg_eval_go_build(const BuildCtx *bc, const char *expr);
/* Evaluates one "// +build" line's text (after "+build"). */
bool pkg_eval_plus_build(const BuildCtx *bc, const char *line);
/* GOOS/GOARCH file-name suffix check on a base name like "x_linux_amd64.go". */
bool pkg_match_file_name(const BuildCtx *bc, const char *base);
/* Whether a file's header constraints allow it. Sets *pkgname (malloc'ed,
 * NULL if no package clause). */
bool pkg_match_file_header(const BuildCtx *bc, const char *src, size_t len, char **pkgname);
/* Directory walks skip these names (vendor, testdata, _x, .x). */
bool pkg_skip_dir_name(const char *name);

#endif
