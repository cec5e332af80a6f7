/* test.h - drip test: leak-check a package's tests and blame the test.
 *
 *   test_stacks.c   goroutine dumps read one goroutine at a time, with the
 *                   ancestry GODEBUG=tracebackancestors=N prints
 *   test_harness.c  the overlay: a generated TestMain, or the user's with
 *                   its m.Run() call wrapped (found with drip's parser)
 *   test_blame.c    each live goroutine -> the test whose tRunner goroutine
 *                   is among its ancestors, or package background
 *   test_report.c   text, JSON, and test2json "leak" events
 *
 * The dump reader of src/dump interns stacks into groups and drops the
 * ancestor sections; blame needs every goroutine with its own ancestry, so
 * this module reads dumps its own way (the line forms are the same). */
#ifndef DRIP_TEST_H
#define DRIP_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../dump/classify.h"
#include "../dump/dump.h"
#include "../util/arena.h"
#include "../util/array.h"
#include "../util/strbuf.h"

/* --- test_stacks.c --- */

typedef struct {
    const char *func; /* "example.com/p.TestA.func1" */
    const char *file; /* "" when unknown */
    uint32_t line;
} TFrame;

/* One "[originating from goroutine N]:" section: the stack of goroutine N
 * when it created the next goroutine down the chain. */
typedef struct {
    uint64_t goid;
    TFrame *frames;   /* leaf first */
    uint32_t nframes;
    TFrame created;   /* func "" when not shown */
} TAncestor;

typedef struct {
    uint64_t id;
    const char *wait;      /* header reason, marks stripped: "chan send" */
    int64_t wait_minutes;
    bool leaked;           /* "(leaked)": Go's leak profile proved it */
    TFrame *frames;        /* leaf first */
    uint32_t nframes;
    TFrame created;        /* func "" when there is no "created by" */
    uint64_t created_in;   /* "created by ... in goroutine N", or 0 */
    TAncestor *anc;        /* nearest first */
    uint32_t nanc;
    uint32_t line;         /* input line of the header */
    int seg;               /* index of the run (package) it belongs to */
} TGoroutine;

/* A run of goroutines ended by go test's "FAIL\tpkg" or "ok  \tpkg" line
 * (in --from input); pkg NULL when no such line followed. */
typedef struct {
    const char *pkg;
    bool timed_out;        /* "panic: test timed out" was seen */
} TSegment;

typedef struct {
    Arena arena;
    Array(TGoroutine) gs;
    Array(TSegment) segs;
    bool leak_profile;     /* the dump came from Go's goroutineleak profile */
    const char *goversion; /* from drip's header line, or NULL */
    uint64_t errors;       /* malformed lines */
} TStacks;

void stacks_init(TStacks *s);
void stacks_free(TStacks *s);
/* Reads a dump or a go test output. Problems are printed as
 * "name:line: message" (unless quiet) and reading goes on. */
void stacks_read_buffer(TStacks *s, const char *name, const char *data, size_t len, bool quiet);
/* False with errno set when the file cannot be read. */
bool stacks_read_file(TStacks *s, const char *path, bool quiet);

/* --- test_harness.c --- */

/* A package to test, as go list describes it. */
typedef Array(char *) TStrList;

typedef struct {
    char *import_path;
    char *dir;
    char *name;            /* package clause of the non-test files */
    TStrList tests;        /* TestGoFiles: base names */
    TStrList xtests;       /* XTestGoFiles */
    bool list_error;       /* go list reported an error */
} TPackage;

typedef struct {
    char *target;          /* path the go command sees */
    char *path;            /* the generated file */
} TOverlayEntry;

typedef Array(TOverlayEntry) TOverlay;

typedef enum {
    HARNESS_GENERATED,     /* drip's TestMain */
    HARNESS_WRAPPED,       /* the user's TestMain, m.Run() wrapped */
    HARNESS_NO_TESTS,      /* no test files: nothing to check */
    HARNESS_REFUSED,       /* TestMain cannot be wrapped safely */
} HarnessKind;

typedef struct {
    HarnessKind kind;
    char *why;             /* HARNESS_REFUSED: "file:line:col: reason" */
    char *dump;            /* the dump file this package's binary writes
                              ($DRIP_TEST_DIR is workdir) */
} THarness;

/* Builds the overlay of package number idx into entries, writing generated
 * files under workdir; the test binary writes its dump to h->dump. */
void harness_build(const TPackage *p, int idx, const char *workdir, TOverlay *entries, THarness *h);
/* The Go source of the helper file: it writes the dump to
 * $DRIP_TEST_DIR/dump_name. */
char *harness_helper_source(const char *pkgname, bool with_testmain, const char *dump_name);
/* Writes {"Replace":{...}} for the entries; false with errno on failure. */
bool harness_write_overlay(const char *path, const TOverlayEntry *e, size_t n);

/* --- test_blame.c --- */

typedef enum {
    OWNER_TEST,            /* created while a test ran: the test leaked it */
    OWNER_BACKGROUND,      /* created before tests ran: package background */
    OWNER_UNKNOWN,         /* ancestry cut off or missing */
    OWNER_IGNORED,         /* runtime, testing, os/signal, drip's, --ignore */
    OWNER_HUNG_TEST,       /* a test's own goroutine, still running (--from) */
} Owner;

typedef struct {
    const TGoroutine *g;
    Owner owner;
    char *test;            /* test name, arena; NULL unless a test owns it */
    bool name_exact;       /* false when a subtest is named by its literal */
    const TFrame *site;    /* blocking site */
    Classification cls;
} TBlame;

typedef struct {
    const char *pkg;          /* import path of the package under test */
    const char *const *ignore;/* --ignore FUNC (a trailing * matches a prefix) */
    int nignore;
    const char *const *ignore_created;
    int nignore_created;
    bool use_source;          /* read source lines: subtest names, tickers */
} TBlameOptions;

typedef struct {
    Arena arena;
    Array(TBlame) items;   /* one per goroutine of the segment */
    const char *pkg;
} TBlameSet;

/* Blames the goroutines of segment seg (-1: all). */
void blame_run(TBlameSet *b, const TStacks *s, int seg, const TBlameOptions *opt);
void blame_free(TBlameSet *b);
/* The leak kind of a category (a name drip explain documents: the drip
 * check rule that finds it, or a runtime-only kind), or "" when none fits. */
const char *blame_rule(const Classification *c);
/* The package a function belongs to: "example.com/p" of
 * "example.com/p.(*T).f.func1"; written into out (cap bytes). */
void blame_func_pkg(const char *func, char *out, size_t cap);

/* --- test_report.c --- */

typedef struct {
    const char *pkg;
    const char *goversion;
    bool leak_profile;
    const char *note;      /* why the package was not checked, or NULL */
    const TBlameSet *blame;/* NULL when not checked */
    const DumpAnalysis *explained; /* the same dump through drip goroutines'
                              analysis with dump_explain, or NULL */
} TPkgResult;

/* Why the goroutines blocked at f are stuck (dump_explain), or NULL. */
const DumpCause *report_test_cause(const TPkgResult *r, const TFrame *f);

typedef struct {
    bool color;
    bool verbose;          /* list package background and unknown in full */
} TReportOptions;

/* Counts tests that leaked in r. */
int report_test_leaked_tests(const TPkgResult *r);
void report_test_text(FILE *out, const TPkgResult *r, const TReportOptions *o);
/* Appends one package's JSON object. */
void report_test_json(StrBuf *sb, const TPkgResult *r);
/* Writes test2json-style {"Action":"leak",...} lines. */
void report_test_events(FILE *out, const TPkgResult *r);

#endif
