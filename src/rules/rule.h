/* rule.h - the rule framework of drip check, shaped like go/analysis.
 *
 * A rule is one file src/rules/rule_<name>.c defining one `const Rule`
 * with a kebab-case name, a one-line doc (lower-case, no period), a long
 * doc (what leaks and why, a leaky example, the fixed example, the fix,
 * and the findings counted on real code), and a run function that walks
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
};

/* Reports a finding at pos. The message follows go vet: lower-case, no
 * trailing period, what is wrong first, then how to fix it. */
void pass_report(Pass *p, GoPos pos, const char *fmt, ...) PRINTF(3, 4);
/* The same for a finding of medium confidence (the pattern is there, but
 * whether it leaks depends on something drip cannot see); drip check
 * shows these with --confidence medium. */
void pass_report_medium(Pass *p, GoPos pos, const char *fmt, ...) PRINTF(3, 4);
/* Whether the rule's findings in _test.go files are of medium confidence
 * (rules_registry.c lists them): there its pattern mostly leaks only when
 * the test fails or times out, or is made on purpose, and ends with the
 * test process. */
bool rule_medium_in_tests(const Rule *r);

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
