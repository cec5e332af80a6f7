/* cmd_check.c - drip check: load packages, parse in parallel, build the
 * semantic model, run the enabled rules, apply suppressions, report. */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check_config.h"
#include "check_filter.h"
#include "cmd.h"
#include "opt.h"
#include "../rules/rule.h"
#include "../sema/suppress.h"
#include "../util/term.h"
#include "../util/par.h"

#define DRIP_CHECK_VERSION "0.1.0"

typedef struct {
    const char *format;
    long context;
    OptList enable, disable, tags;
    OptList checks;         /* --checks, staticcheck's form */
    bool list, no_tests_unused, report_unused;
    bool tests;
    bool generated;         /* --generated: check generated files too */
    const char *baseline;   /* --baseline FILE: report only findings not in it */
    const char *write_baseline; /* --write-baseline FILE */
    const char *new_from_rev;   /* --new-from-rev REV */
    const char *goos, *goarch;
    const char *go;         /* --go 1.N */
    long big_array;
    bool stats;
    bool fix, diff;
    const char *help_base;
    bool vet_json;          /* -json: go vet -json's output */
    const char *confidence;
} CheckOpts;

typedef struct {
    Program *prog;
    GoFileSet *fs;
    Arena *arenas;          /* one per worker */
    GoErrors *errs;         /* one per worker */
    PkgFile **files;
} ParseCtx;

static void parse_one(void *ctx, size_t i, int worker)
{
    ParseCtx *pc = ctx;
    PkgFile *f = pc->files[i];
    /* the bodies wait for their package's turn (run_one): the trees of
     * every package's declarations, but of only two packages' bodies, are
     * in memory at a time */
    f->ast = go_parse_decls(pc->fs, f->path, f->src.data, f->src.len, &pc->arenas[worker], &pc->errs[worker]);
}

typedef struct {
    Program *prog;
    World *world;
    Sema *sems;
    const Rule **rules;
    int nrules;
    RuleConfig cfg;
    GoFileSet *fs;
    DiagList *out;          /* per package, after suppression */
    DiagList *unused;       /* per package: unused suppressions */
    bool report_unused;
    const DripConfig **pkgcfg; /* per package: its .drip.yml */
    bool threshold_flag;    /* --big-array-threshold given: wins over the file */
} RunCtx;

static void build_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    RunCtx *rc = ctx;
    Package *pkg = rc->prog->pkgs.items[i];
    GoFile **files = xcalloc(pkg->files.len ? pkg->files.len : 1, sizeof(GoFile *));
    for (size_t k = 0; k < pkg->files.len; k++)
        files[k] = pkg->files.items[k]->ast;
    sema_build(&rc->sems[i], rc->world, pkg, files, (int)pkg->files.len);
}

/* Between building and rules: what other packages' threads will read. */
static void prepare_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    RunCtx *rc = ctx;
    sema_prepare(&rc->sems[i]);
}

static bool rule_named_in(const char *list, const Rule **rules, int nrules)
{
    /* a suppression counts as unused only for rules that ran */
    for (const char *p = list; *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        for (int i = 0; i < nrules; i++)
            if (strlen(rules[i]->name) == n && memcmp(rules[i]->name, p, n) == 0)
                return true;
        if (!c)
            break;
        p = c + 1;
    }
    return false;
}

/* A //drip:ignore alone on the line above a func (or above its doc
 * comment) covers the whole function. */
static void widen_to_funcs(SuppressionList *sl, const GoFile *ast)
{
    if (!ast || !sl->len)
        return;
    for (uint32_t d = 0; d < ast->decls.len; d++) {
        const GoNode *n = ast->decls.items[d];
        if (n->kind != GO_FUNC_DECL)
            continue;
        int func_line = go_file_line(ast->file, n->pos), last = go_file_line(ast->file, n->end);
        /* the doc comment: the comments that end on the line above the
         * one before them, up to the func line */
        int top = func_line;
        for (uint32_t c = ast->ncomments; c-- > 0;) {
            const GoComment *gc = &ast->comments[c];
            if (gc->pos >= n->pos)
                continue;
            if (go_file_line(ast->file, gc->end) + 1 < top)
                break;
            top = go_file_line(ast->file, gc->pos);
        }
        /* on the line above the doc comment, or among it */
        suppress_widen(sl, top - 1, func_line - 1, last);
    }
}

/* Whether the package's configuration lets finding g be reported: not in
 * an excluded file, not in a test file when tests: false, and its rule on
 * for that file (unless rules were chosen on the command line). */
static bool config_reports(const DripConfig *c, const Diag *g, bool cmdline_rules)
{
    if (!c->path)
        return true;
    if (config_excludes(c, g->path))
        return false;
    if (c->tests == 0 && str_has_suffix(g->path, "_test.go"))
        return false;
    if (!cmdline_rules)
        for (int r = 0; r < rule_count; r++)
            if (strcmp(rule_all[r]->name, g->rule) == 0)
                return config_rule_on(c, r, g->path);
    return true;
}

static void run_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    RunCtx *rc = ctx;
    Package *pkg = rc->prog->pkgs.items[i];
    DiagList raw = {0};
    RuleConfig cfg = rc->cfg;
    if (!rc->threshold_flag && rc->pkgcfg[i]->big_array_threshold)
        cfg.big_array_threshold = rc->pkgcfg[i]->big_array_threshold;
    Arena bodies;
    arena_init(&bodies);
    sema_resolve_bodies(&rc->sems[i], &bodies);
    for (int r = 0; r < rc->nrules; r++) {
        Pass p = {rc->rules[r], &rc->sems[i], pkg, &cfg, rc->fs, &raw, NULL};
        rc->rules[r]->run(&p);
    }
    /* the memos and the flow facts serve this package's rules only: free
     * them now (other packages read only what sema_release keeps) */
    sema_release(&rc->sems[i]);
    sema_drop_bodies(&rc->sems[i]);
    arena_free(&bodies);
    /* Suppressions: only files with findings or when unused ones count. */
    for (size_t k = 0; k < pkg->files.len; k++) {
        PkgFile *f = pkg->files.items[k];
        bool any = false;
        for (size_t d = 0; d < raw.len && !any; d++)
            any = raw.items[d].path == f->path || strcmp(raw.items[d].path, f->path) == 0;
        if (!any && (!rc->report_unused || !strstr(f->src.data, "drip")))
            continue;
        SuppressionList sl = {0};
        suppress_scan(&sl, f->src.data, f->src.len);
        widen_to_funcs(&sl, f->ast);
        for (size_t d = 0; d < raw.len; d++) {
            Diag *dg = &raw.items[d];
            if (!dg->msg || strcmp(dg->path, f->path) != 0)
                continue;
            if (suppress_match(&sl, dg->rule, dg->line))
                diag_free(dg);
        }
        if (rc->report_unused)
            for (size_t s = 0; s < sl.len; s++) {
                Suppression *sp = &sl.items[s];
                if (sp->used || !sp->drip_specific)
                    continue;
                if (!sp->all && !rule_named_in(sp->rules, rc->rules, rc->nrules))
                    continue;
                Diag d = {.rule = "unused-ignore", .path = f->path, .line = sp->line, .col = sp->col,
                          .src = f->src.data, .srclen = f->src.len};
                d.msg = sp->all ? xasprintf("suppression suppresses nothing; remove it")
                                : xasprintf("suppression of '%s' suppresses nothing; remove it", sp->rules);
                array_push(&rc->unused[i], d);
            }
        suppress_list_free(&sl);
    }
    for (size_t d = 0; d < raw.len; d++)
        if (raw.items[d].msg)
            array_push(&rc->out[i], raw.items[d]);
    array_free(&raw);
}

/* Whether rule name matches tok: the name, "all" or "*", or a glob ending
 * in '*' ("lock-*"), as staticcheck's -checks takes them. */
static bool rule_matches(const char *name, const char *tok)
{
    if (strcmp(tok, "all") == 0 || strcmp(tok, "*") == 0)
        return true;
    size_t n = strlen(tok);
    if (n && tok[n - 1] == '*')
        return strncmp(name, tok, n - 1) == 0;
    return strcmp(name, tok) == 0;
}

/* Applies a comma-separated rule list to mask: each name (or glob) sets
 * value; with signed, "-name" clears instead (staticcheck's -checks). */
static bool add_rule_list(const OptList *l, bool *mask, bool value, bool signed_list)
{
    for (int i = 0; i < l->len; i++) {
        char *copy = xstrdup(l->items[i]);
        for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
            while (*tok == ' ')
                tok++;
            if (!*tok)
                continue;
            bool v = value;
            if (signed_list && *tok == '-') {
                v = false;
                tok++;
            }
            bool found = false;
            for (int r = 0; r < rule_count; r++)
                if (rule_matches(rule_all[r]->name, tok)) {
                    mask[r] = v;
                    found = true;
                }
            if (!found) {
                fprintf(stderr, "drip check: unknown rule '%s'\n", tok);
                const Rule *near = rule_closest(tok);
                if (near)
                    fprintf(stderr, "did you mean '%s'?\n", near->name);
                fprintf(stderr, "run 'drip check --list' for the rules\n");
                free(copy);
                return false;
            }
        }
        free(copy);
    }
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The key go vet -json gives a package: its import path, with "_test"
 * for an external test package. */
static char *vet_key(const Package *p, bool files)
{
    if (files) /* go vet a.go b.go: one package of loose files */
        return xstrdup("command-line-arguments");
    size_t n = strlen(p->name ? p->name : "");
    bool xtest = n > 5 && strcmp(p->name + n - 5, "_test") == 0 && !str_has_suffix(p->import_path, "_test");
    return xasprintf("%s%s", p->import_path, xtest ? "_test" : "");
}

/* -json: every package loaded gets an object (empty ones "{}"), sorted
 * by key; each finding goes to the package of its file. */
static void vet_json(StrBuf *sb, const Program *prog, const DiagList *dl, bool files)
{
    Array(char *) keys = {0};
    for (size_t i = 0; i < prog->pkgs.len; i++)
        array_push(&keys, vet_key(prog->pkgs.items[i], files));
    if (keys.len)
        qsort(keys.items, keys.len, sizeof *keys.items, cmp_str);
    size_t nk = 0;
    for (size_t i = 0; i < keys.len; i++) {
        if (nk && strcmp(keys.items[nk - 1], keys.items[i]) == 0) {
            free(keys.items[i]);
            continue;
        }
        keys.items[nk++] = keys.items[i];
    }
    keys.len = nk;
    HashMap of_file;
    hashmap_init(&of_file);
    for (size_t i = 0; i < prog->pkgs.len; i++) {
        const Package *p = prog->pkgs.items[i];
        char *k = vet_key(p, files);
        char **at = bsearch(&k, keys.items, keys.len, sizeof *keys.items, cmp_str);
        free(k);
        for (size_t f = 0; at && f < p->files.len; f++) {
            const char *path = p->files.items[f]->path;
            hashmap_set(&of_file, path, strlen(path), (void *)(uintptr_t)(at - keys.items + 1));
        }
    }
    int *pkg = xcalloc(dl->len ? dl->len : 1, sizeof *pkg);
    bool orphans = false;
    for (size_t i = 0; i < dl->len; i++) {
        const char *path = dl->items[i].path;
        pkg[i] = (int)(uintptr_t)hashmap_get(&of_file, path, strlen(path)) - 1;
        orphans |= pkg[i] < 0;
    }
    if (orphans) { /* a file of no package: go vet's name for loose files */
        for (size_t i = 0; i < dl->len; i++)
            if (pkg[i] < 0)
                pkg[i] = (int)keys.len;
        array_push(&keys, xstrdup("command-line-arguments"));
    }
    report_check_vet_json(sb, dl, pkg, (const char *const *)keys.items, keys.len);
    free(pkg);
    hashmap_free(&of_file);
    for (size_t i = 0; i < keys.len; i++)
        free(keys.items[i]);
    array_free(&keys);
}

/* --stats: what was loaded (modules, packages, files) and what was left
 * out, each path with its reason. */
static void print_load_stats(const Program *prog, const HashMap *generated)
{
    size_t ngen = 0;
    for (size_t i = 0; i < prog->pkgs.len; i++)
        for (size_t k = 0; k < prog->pkgs.items[i]->files.len; k++) {
            const char *path = prog->pkgs.items[i]->files.items[k]->path;
            ngen += generated->count && hashmap_get(generated, path, strlen(path));
        }
    fprintf(stderr, "drip: %zu module%s, %zu package%s, %d file%s, %zu skipped\n", prog->modules.len,
            prog->modules.len == 1 ? "" : "s", prog->pkgs.len, prog->pkgs.len == 1 ? "" : "s", prog->nfiles,
            prog->nfiles == 1 ? "" : "s", prog->skipped.len + ngen);
    for (size_t m = 0; m < prog->modules.len; m++) {
        const PkgModule *pm = &prog->modules.items[m];
        if (pm->path[0])
            fprintf(stderr, "drip: module %s (%s): ", term_safe(pm->path), term_safe(pm->root));
        else
            fprintf(stderr, "drip: outside any module: ");
        fprintf(stderr, "%d package%s, %d file%s\n", pm->npkgs, pm->npkgs == 1 ? "" : "s", pm->nfiles,
                pm->nfiles == 1 ? "" : "s");
    }
    for (size_t i = 0; i < prog->pkgs.len; i++) {
        const Package *p = prog->pkgs.items[i];
        fprintf(stderr, "drip: package %s (%s): %zu file%s\n", term_safe(p->import_path), term_safe(p->dir),
                p->files.len, p->files.len == 1 ? "" : "s");
    }
    for (size_t i = 0; i < prog->skipped.len; i++)
        fprintf(stderr, "drip: skipped %s: %s\n", term_safe(prog->skipped.items[i].path),
                prog->skipped.items[i].why);
    for (size_t i = 0; i < prog->pkgs.len && ngen; i++)
        for (size_t k = 0; k < prog->pkgs.items[i]->files.len; k++) {
            const char *path = prog->pkgs.items[i]->files.items[k]->path;
            if (hashmap_get(generated, path, strlen(path)))
                fprintf(stderr, "drip: skipped %s: generated file: checked, but its findings are not reported "
                                "(--generated reports them)\n", term_safe(path));
        }
}

/* Process CPU seconds (all threads), for --stats. */
static double cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* %SRCROOT% of the SARIF log, with a final '/': the repository root (a
 * directory with .git) above the first package, else its module root (a
 * go.mod), else the working directory. NULL when none can be had. */
static char *sarif_root(const Program *prog)
{
    const char *dir = prog->pkgs.len ? prog->pkgs.items[0]->dir : ".";
    char *start = realpath(dir, NULL);
    if (!start)
        start = realpath(".", NULL);
    if (!start)
        return NULL;
    char *mod = NULL, *repo = NULL;
    char *d = xstrdup(start);
    for (;;) {
        char *git = xasprintf("%s/.git", d), *gm = xasprintf("%s/go.mod", d);
        bool has_git = access(git, F_OK) == 0, has_mod = access(gm, F_OK) == 0;
        free(git);
        free(gm);
        if (has_mod && !mod)
            mod = xstrdup(d);
        if (has_git) {
            repo = xstrdup(d);
            break;
        }
        char *slash = strrchr(d, '/');
        if (!slash || slash == d)
            break;
        *slash = 0;
    }
    free(d);
    const char *pick = repo ? repo : mod ? mod : start;
    char *root = xasprintf("%s%s", pick, strcmp(pick, "/") == 0 ? "" : "/");
    free(repo);
    free(mod);
    free(start);
    return root;
}

static int cmp_diag_path(const void *a, const void *b)
{
    const Diag *const *x = a, *const *y = b;
    return strcmp((*x)->path, (*y)->path);
}

/* --fix and --diff: per file, the edits of its findings. */
static bool apply_fixes(const DiagList *dl, bool fix, bool diff)
{
    const Diag **ds = xmalloc((dl->len + 1) * sizeof *ds);
    size_t n = 0;
    for (size_t i = 0; i < dl->len; i++)
        if (dl->items[i].nedits && dl->items[i].src)
            ds[n++] = &dl->items[i];
    qsort(ds, n, sizeof *ds, cmp_diag_path);
    bool ok = true;
    StrBuf out;
    sb_init(&out);
    for (size_t i = 0; i < n;) {
        size_t j = i, ne = 0;
        while (j < n && strcmp(ds[j]->path, ds[i]->path) == 0)
            ne += ds[j++]->nedits;
        DiagEdit *e = xmalloc(ne * sizeof *e);
        size_t k = 0;
        for (size_t m = i; m < j; m++)
            for (uint32_t q = 0; q < ds[m]->nedits; q++)
                e[k++] = ds[m]->edits[q];
        const Diag *d = ds[i];
        k = fix_edits_sort(e, k, d->srclen);
        if (diff)
            fix_diff(&out, d->path, d->src, d->srclen, e, k);
        if (fix && k) {
            size_t len;
            char *text = fix_apply(d->src, d->srclen, e, k, &len);
            char *tmp = xasprintf("%s.drip-fix", d->path);
            FILE *f = fopen(tmp, "wb");
            bool wrote = f && fwrite(text, 1, len, f) == len;
            if (f && fclose(f) != 0)
                wrote = false;
            if (!wrote || rename(tmp, d->path) != 0) {
                fprintf(stderr, "drip: error: cannot write '%s': %s\n", d->path, strerror(errno));
                remove(tmp);
                ok = false;
            } else {
                fprintf(stderr, "drip: fixed %s (%zu edit%s)\n", d->path, k, k == 1 ? "" : "s");
            }
            free(tmp);
            free(text);
        }
        free(e);
        i = j;
    }
    if (out.len)
        fwrite(out.data, 1, out.len, stdout);
    fflush(stdout);
    sb_free(&out);
    free(ds);
    return ok;
}

int cmd_check(int argc, char **argv)
{
    CheckOpts o = {.format = "text", .context = -1, .tests = true, .goos = NULL, .goarch = NULL,
                   .big_array = -1, .confidence = "high"};
    const Opt opts[] = {
        {"format", 'f', OPT_STRING, &o.format, "FMT", "output format: text, json, sarif or github"},
        {"json", 0, OPT_FLAG, &o.vet_json, NULL, "print findings as go vet -json does: on stdout, an object per package; exit 0 with findings, as go vet"},
        {"context", 'c', OPT_INT, &o.context, "N", "show the source line with a caret and N lines around it"},
        {"checks", 0, OPT_LIST, &o.checks, "LIST", "rules as staticcheck's -checks: all, names, globs (lock-*), -name to drop"},
        {"enable", 0, OPT_LIST, &o.enable, "RULES", "run only these rules (comma-separated, repeatable)"},
        {"disable", 0, OPT_LIST, &o.disable, "RULES", "do not run these rules (comma-separated, repeatable)"},
        {"list", 0, OPT_FLAG, &o.list, NULL, "list the rules and exit"},
        {"tests", 0, OPT_FLAG, &o.tests, NULL, "include _test.go files (default true; --tests=false)"},
        {"baseline", 0, OPT_STRING, &o.baseline, "FILE", "report only findings that are not in the baseline FILE"},
        {"write-baseline", 0, OPT_STRING, &o.write_baseline, "FILE", "record today's findings in FILE (and report none)"},
        {"new-from-rev", 0, OPT_STRING, &o.new_from_rev, "REV", "report only findings on lines changed since git revision REV"},
        {"generated", 0, OPT_FLAG, &o.generated, NULL, "report findings in generated files (// Code generated ... DO NOT EDIT.) too"},
        {"goos", 0, OPT_STRING, &o.goos, "OS", "target GOOS for build constraints (default linux)"},
        {"goarch", 0, OPT_STRING, &o.goarch, "ARCH", "target GOARCH for build constraints (default amd64)"},
        {"tags", 0, OPT_LIST, &o.tags, "TAGS", "extra build tags (comma-separated, repeatable)"},
        {"go", 0, OPT_STRING, &o.go, "1.N", "check as Go 1.N: release tags go1.1..go1.N and language 1.N for every package (default: each go.mod)"},
        {"big-array-threshold", 0, OPT_INT, &o.big_array, "BYTES", "big-array-param: smallest array size reported (default 65536)"},
        {"report-unused-ignores", 0, OPT_FLAG, &o.report_unused, NULL, "report suppression comments that suppress nothing"},
        {"confidence", 0, OPT_STRING, &o.confidence, "LEVEL", "lowest confidence shown: high (default) or medium"},
        {"stats", 0, OPT_FLAG, &o.stats, NULL, "print to stderr the modules, packages and files loaded, the files skipped and why, and timings"},
        {"fix", 0, OPT_FLAG, &o.fix, NULL, "apply the findings' mechanical fixes to the files in place"},
        {"diff", 0, OPT_FLAG, &o.diff, NULL, "print the mechanical fixes as a unified diff (patch -p0) instead of findings"},
        {"help-uri-base", 0, OPT_STRING, &o.help_base, "URL", "SARIF helpUri of rule R: URL#R (default docs/rules.md)"},
        {NULL, 0, 0, NULL, NULL, NULL},
    };
    const OptSpec spec = {
        "check", "drip check [flags] [packages]",
        "Finds leak-prone code in Go packages without building them. Packages are\n"
        "given as the go tool takes them: ./... (the default is the current\n"
        "directory), dir/..., directories, or .go files. Findings print as\n"
        "path:line:col: message (rule). Suppress one with a comment\n"
        "'//drip:ignore RULE reason' or '//nolint:drip' on its line or the line above.",
        opts,
        "0  nothing found (and with -json, as go vet -json: findings or not)\n"
        "1  findings were reported\n"
        "2  usage error, or a package or file that cannot be found or read",
    };
    char **rest = NULL;
    int nrest = 0;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc) {
        opt_list_free(&o.enable);
        opt_list_free(&o.disable);
        opt_list_free(&o.checks);
        opt_list_free(&o.tags);
        return rc == 1 ? 0 : 2;
    }
    int status = 0;
    bool fmt_ok = strcmp(o.format, "text") == 0 || strcmp(o.format, "json") == 0 ||
                  strcmp(o.format, "sarif") == 0 || strcmp(o.format, "github") == 0;
    if (o.checks.len && (o.enable.len || o.disable.len)) {
        fprintf(stderr, "drip check: --checks and --%s cannot be used together: --checks says the whole set\n",
                o.enable.len ? "enable" : "disable");
        opt_list_free(&o.enable);
        opt_list_free(&o.disable);
        opt_list_free(&o.checks);
        opt_list_free(&o.tags);
        free(rest);
        return 2;
    }
    bool cmdline_rules = o.checks.len || o.enable.len || o.disable.len;
    bool mask[64] = {0};
    Program prog = {0};
    if (!fmt_ok) {
        fprintf(stderr, "drip check: unknown format '%s': want text, json, sarif or github\n", o.format);
        status = 2;
        goto out;
    }
    if (o.vet_json && (strcmp(o.format, "text") != 0 || o.context >= 0)) {
        fprintf(stderr, "drip check: -json is go vet's JSON: it cannot be used with --%s\n",
                o.context >= 0 ? "context" : "format");
        status = 2;
        goto out;
    }
    if (o.vet_json && o.list)
        o.format = "json";
    if (o.context >= 0 && strcmp(o.format, "text") != 0) {
        fprintf(stderr, "drip check: --context works only with --format text, not '%s'\n", o.format);
        status = 2;
        goto out;
    }
    int go_version = 0;
    if (o.go && ((go_version = pkg_parse_go_version(o.go, strlen(o.go))) < 1)) {
        fprintf(stderr, "drip check: --go wants a Go version like 1.23, not '%s'\n", o.go);
        status = 2;
        goto out;
    }
    bool threshold_flag = o.big_array != -1;
    if (!threshold_flag)
        o.big_array = 64 * 1024;
    if (strcmp(o.confidence, "high") != 0 && strcmp(o.confidence, "medium") != 0) {
        fprintf(stderr, "drip check: unknown confidence '%s': want high or medium\n", o.confidence);
        status = 2;
        goto out;
    }
    if (o.big_array <= 0) {
        fprintf(stderr, "drip check: --big-array-threshold must be positive\n");
        status = 2;
        goto out;
    }
    if (o.list) {
        StrBuf lb;
        sb_init(&lb);
        bool json = strcmp(o.format, "json") == 0;
        if (json)
            sb_puts(&lb, "{\n  \"rules\": [\n");
        for (int r = 0; r < rule_count; r++) {
            const char *name = rule_all[r]->name, *doc = rule_all[r]->doc;
            if (!json) {
                sb_printf(&lb, "%-20s %s\n", name, doc);
                continue;
            }
            sb_puts(&lb, "    {\"name\": ");
            sb_json_string(&lb, name, strlen(name));
            sb_puts(&lb, ", \"doc\": ");
            sb_json_string(&lb, doc, strlen(doc));
            sb_puts(&lb, r + 1 < rule_count ? "},\n" : "}\n");
        }
        if (json)
            sb_puts(&lb, "  ]\n}\n");
        else if (strcmp(o.format, "text") != 0) {
            fprintf(stderr, "drip check: --list prints text or json, not '%s'\n", o.format);
            sb_free(&lb);
            status = 2;
            goto out;
        }
        fwrite(lb.data, 1, lb.len, stdout);
        sb_free(&lb);
        goto out;
    }
    for (int r = 0; r < rule_count; r++)
        mask[r] = o.enable.len == 0 && o.checks.len == 0;
    if (!add_rule_list(&o.checks, mask, true, true) || !add_rule_list(&o.enable, mask, true, false) ||
        !add_rule_list(&o.disable, mask, false, false)) {
        status = 2;
        goto out;
    }

    BuildCtx bc;
    build_ctx_default(&bc);
    bc.tests = o.tests;
    if (o.goos)
        bc.goos = o.goos;
    if (o.goarch)
        bc.goarch = o.goarch;
    if (go_version)
        bc.go_version = bc.release = go_version;
    /* --tags a,b --tags c */
    Array(const char *) tags = {0};
    Array(char *) tag_bufs = {0};
    for (int i = 0; i < o.tags.len; i++) {
        char *copy = xstrdup(o.tags.items[i]);
        array_push(&tag_bufs, copy);
        for (char *t = strtok(copy, ","); t; t = strtok(NULL, ","))
            if (*t)
                array_push(&tags, t);
    }
    bc.tags = tags.items;
    bc.ntags = (int)tags.len;

    /* Parsing allocates and frees in bursts on every thread: keep freed
     * memory instead of returning it to the kernel page by page (the
     * brk/mprotect churn otherwise costs more than the parse). */
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);

    double t0 = now_seconds(), c0 = cpu_seconds();
    pkg_load(&prog, &bc, (const char **)rest, nrest);
    double t1 = now_seconds(), c1 = cpu_seconds();

    /* Parse every file on all cores. */
    Array(PkgFile *) all = {0};
    for (size_t i = 0; i < prog.pkgs.len; i++)
        for (size_t k = 0; k < prog.pkgs.items[i]->files.len; k++)
            array_push(&all, prog.pkgs.items[i]->files.items[k]);
    int threads = par_threads();
    GoFileSet *fs = go_fileset_new();
    ParseCtx pc = {&prog, fs, xcalloc((size_t)threads, sizeof(Arena)), xcalloc((size_t)threads, sizeof(GoErrors)), all.items};
    for (int t = 0; t < threads; t++)
        arena_init(&pc.arenas[t]);
    par_for(all.len, threads, parse_one, &pc);
    /* Syntax errors are findings of their own kind ("syntax"): in every
     * format, and they make the exit status 1. At most ten per file, as
     * gofmt prints them. */
    size_t nsyntax = 0;
    DiagList syntax = {0};
    for (int t = 0; t < threads; t++) {
        go_errors_sort(&pc.errs[t]);
        nsyntax += pc.errs[t].list.len;
        const char *last = NULL;
        int in_file = 0;
        for (size_t e = 0; e < pc.errs[t].list.len; e++) {
            GoError *ge = &pc.errs[t].list.items[e];
            GoPosition at = go_fileset_position(fs, ge->pos);
            if (!at.path)
                continue;
            in_file = last && strcmp(last, at.path) == 0 ? in_file + 1 : 0;
            last = at.path;
            if (in_file >= 10)
                continue;
            Diag d = {.rule = "syntax", .msg = xstrdup(ge->msg), .path = at.path, .line = at.line, .col = at.col};
            array_push(&syntax, d);
        }
    }
    double t2 = now_seconds(), c2 = cpu_seconds();

    /* Semantic model per package, then rules per package. */
    World world = {0};
    hashmap_init(&world.by_path);
    Sema *sems = xcalloc(prog.pkgs.len ? prog.pkgs.len : 1, sizeof(Sema));
    for (size_t i = 0; i < prog.pkgs.len; i++) {
        Package *p = prog.pkgs.items[i];
        int ins = 0;
        void **slot = hashmap_put(&world.by_path, p->import_path, strlen(p->import_path), &ins);
        if (ins)
            *slot = &sems[i];
    }
    const Rule *enabled[64];
    int nen = 0;
    for (int r = 0; r < rule_count; r++)
        if (mask[r])
            enabled[nen++] = rule_all[r];
    /* each package's .drip.yml; a broken one is an error (exit 2), the
     * package is then checked with the defaults */
    ConfigSet configs;
    config_set_init(&configs);
    const DripConfig **pkgcfg = xcalloc(prog.pkgs.len ? prog.pkgs.len : 1, sizeof *pkgcfg);
    for (size_t i = 0; i < prog.pkgs.len; i++)
        pkgcfg[i] = config_for_dir(&configs, prog.pkgs.items[i]->dir);
    prog.nerrors += configs.nerrors;
    RunCtx run = {&prog, &world, sems, enabled, nen, {o.big_array}, fs,
                  xcalloc(prog.pkgs.len ? prog.pkgs.len : 1, sizeof(DiagList)),
                  xcalloc(prog.pkgs.len ? prog.pkgs.len : 1, sizeof(DiagList)), o.report_unused,
                  pkgcfg, threshold_flag};
    par_for(prog.pkgs.len, threads, build_one, &run);
    par_for(prog.pkgs.len, threads, prepare_one, &run);
    double t3 = now_seconds(), c3 = cpu_seconds();
    par_for(prog.pkgs.len, threads, run_one, &run);
    double t4 = now_seconds(), c4 = cpu_seconds();

    /* Generated files are checked (their code is part of the package)
     * but their findings are dropped unless --generated: nobody fixes
     * them by hand. */
    HashMap generated;
    hashmap_init(&generated);
    for (size_t i = 0; i < prog.pkgs.len; i++)
        if (!o.generated && pkgcfg[i]->generated != 1)
            for (size_t k = 0; k < prog.pkgs.items[i]->files.len; k++) {
                PkgFile *f = prog.pkgs.items[i]->files.items[k];
                if (pkg_file_is_generated(f->src.data, f->src.len)) {
                    hashmap_set(&generated, f->path, strlen(f->path), (void *)1);
                }
            }
    DiagList dl = syntax;
    bool medium = strcmp(o.confidence, "medium") == 0;
    for (size_t i = 0; i < prog.pkgs.len; i++) {
        for (size_t d = 0; d < run.out[i].len; d++) {
            Diag *g = &run.out[i].items[d];
            bool gen = generated.count && hashmap_get(&generated, g->path, strlen(g->path));
            if ((g->medium && !medium) || gen || !config_reports(pkgcfg[i], g, cmdline_rules)) {
                diag_free(g);
                continue;
            }
            array_push(&dl, *g);
        }
        for (size_t d = 0; d < run.unused[i].len; d++) {
            Diag *g = &run.unused[i].items[d];
            if (!config_reports(pkgcfg[i], g, cmdline_rules)) {
                diag_free(g);
                continue;
            }
            array_push(&dl, *g);
        }
        array_free(&run.out[i]);
        array_free(&run.unused[i]);
    }
    diag_sort(&dl);
    if (o.write_baseline) {
        if (!check_write_baseline(o.write_baseline, &prog, &dl)) {
            status = 2;
            goto out_findings;
        }
        fprintf(stderr, "drip: wrote %zu findings to the baseline '%s'\n", dl.len, o.write_baseline);
        for (size_t d = 0; d < dl.len; d++)
            diag_free(&dl.items[d]);
        dl.len = 0;
    }
    if (o.baseline) {
        size_t known = 0;
        if (!check_apply_baseline(o.baseline, &prog, &dl, &known)) {
            status = 2;
            goto out_findings;
        }
        if (known)
            note_msg("%zu findings left out: in the baseline '%s'", known, o.baseline);
    }
    if (o.new_from_rev) {
        size_t old = 0;
        if (!check_new_from_rev(o.new_from_rev, &dl, &old)) {
            status = 2;
            goto out_findings;
        }
        if (old)
            note_msg("%zu findings left out: not on lines changed since %s", old, o.new_from_rev);
    }

    if (o.fix || o.diff) {
        if (!apply_fixes(&dl, o.fix, o.diff)) {
            status = 2;
            goto out_findings;
        }
        if (o.diff) {
            status = prog.nerrors ? 2 : dl.len ? 1 : 0;
            goto out_findings;
        }
    }
    StrBuf sb;
    sb_init(&sb);
    if (o.vet_json) {
        bool files = nrest > 0;
        for (int i = 0; i < nrest; i++)
            files &= str_has_suffix(rest[i], ".go");
        vet_json(&sb, &prog, &dl, files);
    } else if (strcmp(o.format, "json") == 0) {
        report_check_json(&sb, &dl);
    } else if (strcmp(o.format, "sarif") == 0) {
        ReportRule rr[66];
        int nrr = 0;
        for (int r = 0; r < nen; r++)
            rr[nrr++] = (ReportRule){enabled[r]->name, enabled[r]->doc, enabled[r]->long_doc};
        if (nsyntax)
            rr[nrr++] = (ReportRule){"syntax", "the file does not parse",
                                     "A syntax error: the file does not parse as Go, so what it holds is checked "
                                     "only up to the error. Fix the error; go build reports the same."};
        if (o.report_unused)
            rr[nrr++] = (ReportRule){"unused-ignore", "suppression comment that suppresses nothing",
                                     "A //drip:ignore or //nolint:drip comment that no finding needs any more; "
                                     "remove it (reported with --report-unused-ignores)."};
        char *root = sarif_root(&prog);
        char cwd[4096];
        SarifOpts so = {root, getcwd(cwd, sizeof cwd) ? cwd : NULL, o.help_base ? o.help_base : "docs/rules.md"};
        report_check_sarif(&sb, &dl, rr, nrr, DRIP_CHECK_VERSION, &so);
        free(root);
    } else if (strcmp(o.format, "github") == 0) {
        report_check_github(&sb, &dl);
    } else {
        report_check_text(&sb, &dl, (int)o.context, use_color(1));
    }
    if (sb.len)
        fwrite(sb.data, 1, sb.len, stdout);
    fflush(stdout);
    sb_free(&sb);

    if (o.stats) {
        int counts[64] = {0};
        for (size_t d = 0; d < dl.len; d++)
            for (int r = 0; r < rule_count; r++)
                if (strcmp(dl.items[d].rule, rule_all[r]->name) == 0)
                    counts[r]++;
        print_load_stats(&prog, &generated);
        fprintf(stderr, "drip: %zu packages, %d files, %zu syntax errors; load %.3fs parse %.3fs sema %.3fs rules %.3fs\n",
                prog.pkgs.len, prog.nfiles, nsyntax, t1 - t0, t2 - t1, t3 - t2, t4 - t3);
        fprintf(stderr, "drip: cpu load %.3fs parse %.3fs sema %.3fs rules %.3fs (%d threads)\n",
                c1 - c0, c2 - c1, c3 - c2, c4 - c3, threads);
        for (int r = 0; r < rule_count; r++)
            if (mask[r])
                fprintf(stderr, "drip: %-20s %d\n", rule_all[r]->name, counts[r]);
    }
    /* go vet -json exits 0 with findings: they are data, not a failure */
    status = prog.nerrors ? 2 : dl.len && !o.vet_json ? 1 : 0;

out_findings:
    diag_list_free(&dl);
    hashmap_free(&generated);
    free(pkgcfg);
    config_set_free(&configs);
    for (size_t i = 0; i < prog.pkgs.len; i++) {
        free(sems[i].files); /* allocated by build_one */
        sema_free(&sems[i]);
    }
    free(sems);
    free(run.out);
    free(run.unused);
    hashmap_free(&world.by_path);
    for (int t = 0; t < threads; t++) {
        arena_free(&pc.arenas[t]);
        go_errors_free(&pc.errs[t]);
    }
    free(pc.arenas);
    free(pc.errs);
    go_fileset_free(fs);
    array_free(&all);
    array_free(&tags);
    for (size_t i = 0; i < tag_bufs.len; i++)
        free(tag_bufs.items[i]);
    array_free(&tag_bufs);
out:
    pkg_program_free(&prog);
    free(rest);
    opt_list_free(&o.enable);
    opt_list_free(&o.disable);
    opt_list_free(&o.checks);
    opt_list_free(&o.tags);
    return status;
}
