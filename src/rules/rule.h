/* rule.h - the rule framework of drip check, shaped like go/analysis.
 *
 * A rule is one file src/rules/rule_<name>.c defining one `const Rule`
 * with a kebab-case name, a one-line doc (lower-case, no period), a long
 * doc for users (what leaks and why, a leaky example, the fixed example,
 * the fix; docs/rules.md is made from it), the findings counted on real
 * code and benchmarks (docs/rules-counts.md), and a run function that walks
 * the package and reports through pass_report. Register it in
 * rules_registry.c. Tests: the files testdata/src/<name>/ with `// want "re"`. */
#ifndef DRIP_RULE_H
#define DRIP_RULE_H

#include "../report/report_check.h"
#include "../sema/sema.h"

typedef struct Pass Pass;

typedef struct Rule {
    const char *name;      /* kebab-case, e.g. "ticker-leak" */
    const char *doc;       /* one line */
    const char *long_doc;  /* paragraphs; examples indented by four spaces */
    void (*run)(Pass *pass);
    const char *versions;  /* what changes with the Go version (a paragraph), or
                              NULL when nothing does; drip explain prints it */
    const char *counts;    /* findings on real code and benchmarks (a
                              paragraph), or NULL */
} Rule;

/* Settings shared by the rules (flags of drip check). */
typedef struct {
    int64_t big_array_threshold; /* bytes; default 64 KiB */
} RuleConfig;

struct Pass {
    const Rule *rule;
    Sema *sema;            /* the package's semantic model */
    Package *pkg;
    const RuleConfig *cfg;
    GoFileSet *fset;
    DiagList *out;         /* findings of this package (not yet filtered) */
    GoSrcFile *last_file;  /* the file of the last finding reported */
};

/* Reports a finding at pos. The message follows go vet: lower-case, no
 * trailing period, what is wrong first, then how to fix it. */
void pass_report(Pass *p, GoPos pos, const char *fmt, ...) PRINTF(3, 4);
/* The same for a finding of medium confidence (the pattern is there, but
 * whether it leaks depends on something drip cannot see); drip check
 * shows these with --confidence medium. */
void pass_report_medium(Pass *p, GoPos pos, const char *fmt, ...) PRINTF(3, 4);
/* Adds a second site to the finding just reported (any file of the
 * package): the other lock of a cycle, the go statement of a goroutine, a
 * channel's partner. The finding's own site and repeats are skipped; at
 * most eight sites are kept. SARIF lists them as relatedLocations. */
void pass_related(Pass *p, GoPos pos, const char *fmt, ...) PRINTF(3, 4);
/* Adds an exact edit to the finding just reported: replace [start, end)
 * with text (start == end inserts). what says what the fix does; edits go
 * in order and must not overlap (a later overlapping one is dropped).
 * drip check --fix applies them, --diff prints them, SARIF lists them. */
void pass_fix(Pass *p, const char *what, GoPos start, GoPos end, const char *text);
/* Whether the rule's findings in _test.go files are of medium confidence
 * (rules_registry.c lists them): there its pattern mostly leaks only when
 * the test fails or times out, or is made on purpose, and ends with the
 * test process. */
bool rule_medium_in_tests(const Rule *r);
/* Whether the package is a test helper (a file that is not a _test.go
 * file imports "testing"); those rules' findings in it are of medium
 * confidence too. */
bool rule_test_helper_pkg(Pass *p);

/* Calls fn on every function with a body in the package: FuncDecls and
 * FuncLits (nested ones too), with the body to walk. */
typedef void (*FuncVisitor)(Pass *p, GoNode *func, GoBlockStmt *body, void *ctx);
void pass_each_func(Pass *p, FuncVisitor fn, void *ctx);

/* go_inspect over n that does not descend into function literals. */
void pass_inspect_shallow(GoNode *n, bool (*pre)(GoNode *n, void *ctx), void *ctx);

/* Registry (rules_registry.c). */
extern const Rule *const rule_all[];
extern const int rule_count;
const Rule *rule_find(const char *name);
/* The rule whose name is closest to a mistyped one, or NULL. */
const Rule *rule_closest(const char *name);

/* ---- helpers shared by rules (rules_util.c) ---------------------------- */

GoNode *rule_unparen(GoNode *n);
/* panic(...), os.Exit, log.Fatal*, runtime.Goexit, t.Fatal ... */
bool rule_is_no_return_call(Pass *p, GoNode *expr);
/* A statement after which control never falls through: return, goto,
 * panic and no-return calls, and blocks/ifs ending in those. Breaks and
 * continues are not counted here (the caller knows what they target). */
bool rule_is_terminating(Pass *p, GoNode *stmt);
/* Line of pos. */
int rule_line(Pass *p, GoPos pos);
/* The identifier's name as a NUL-terminated string in the Sema arena. */
const char *rule_name(Pass *p, GoNode *ident_or_expr);
/* The source text of a short one-line expression ("tab.tab"). */
const char *rule_expr_text(Pass *p, GoNode *n);
/* Fix for the finding just reported: insert "defer DEFERRED" on a line of
 * its own after stmt, at stmt's indentation. Only when stmt is in a
 * statement list, starts its line and ends it (a line comment may follow);
 * returns whether the edit was added. */
bool rule_fix_defer_after(Pass *p, GoNode *stmt, const char *what, const char *deferred);
/* Fix for the finding just reported: import path in the file holding at
 * when it is not imported yet (into the first run of a parenthesized
 * import list at its sorted place, gofmt-clean). Returns the name to call
 * the package by, or NULL when no fix can name it (a dot or blank import,
 * another package of that name). Call before the file's later edits. */
const char *rule_fix_import(Pass *p, GoPos at, const char *path, const char *what);
/* Fix: insert open before n and close after it; both or neither. */
bool rule_fix_wrap(Pass *p, GoNode *n, const char *what, const char *open, const char *close);
/* Fix: insert line on a line of its own before stmt, at its indentation
 * (stmt in a statement list, first on its line). */
bool rule_fix_line_before(Pass *p, GoNode *stmt, const char *what, const char *line);
/* The zero value of t as Go source ("nil", "\"\"", "T{}" for a struct
 * type of this package), or NULL when drip cannot spell it. */
const char *rule_zero_value(Pass *p, Type *t);
/* Quick filter: does the source of the package mention word at all? */
bool rule_pkg_mentions(Pass *p, const char *word);
/* Whether pos is in a _test.go file. */
bool rule_in_test(Pass *p, GoPos pos);
/* A table fixed by the source: a composite literal, an array, a variable
 * initialized from a composite literal and never assigned again (a test
 * table), or a field of an element of one. */
bool rule_fixed_table(Pass *p, GoNode *e);
/* A loop (ForStmt or RangeStmt) whose trip count the source fixes: a range
 * over a fixed table or a constant integer of at most max, a three-clause
 * for counting to a constant of at most max or to len of a fixed table. */
bool rule_loop_bounded(Pass *p, GoNode *loop, int64_t max);

#endif
