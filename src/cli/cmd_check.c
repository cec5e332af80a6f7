/* cmd_check.c - drip check: load packages, parse in parallel, build the
 * semantic model, run the enabled rules, apply suppressions, report. */
#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "opt.h"
#include "../rules/rule.h"
#include "../sema/suppress.h"
#include "../util/par.h"

#define DRIP_CHECK_VERSION "0.1.0"

typedef struct {
    const char *format;
    long context;
    OptList enable, disable, tags;
    bool list, no_tests_unused, report_unused;
    bool tests;
    const char *goos, *goarch;
    long big_array;
    bool stats;
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
    f->ast = go_parse(pc->fs, f->path, f->src.data, f->src.len, &pc->arenas[worker], &pc->errs[worker]);
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

static void run_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    RunCtx *rc = ctx;
    Package *pkg = rc->prog->pkgs.items[i];
    DiagList raw = {0};
    for (int r = 0; r < rc->nrules; r++) {
        Pass p = {rc->rules[r], &rc->sems[i], pkg, &rc->cfg, rc->fs, &raw};
        rc->rules[r]->run(&p);
    }
    /* the flow facts serve this package's rules only: free them now */
    Sema *s = &rc->sems[i];
    if (s->flow && s->flow_free)
        s->flow_free(s->flow);
    s->flow = NULL;
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
        for (size_t d = 0; d < raw.len; d++) {
            Diag *dg = &raw.items[d];
            if (!dg->msg || strcmp(dg->path, f->path) != 0)
                continue;
            if (suppress_match(&sl, dg->rule, dg->line)) {
                free(dg->msg);
                dg->msg = NULL;
            }
        }
        if (rc->report_unused)
            for (size_t s = 0; s < sl.len; s++) {
                Suppression *sp = &sl.items[s];
                if (sp->used || !sp->drip_specific)
                    continue;
                if (!sp->all && !rule_named_in(sp->rules, rc->rules, rc->nrules))
                    continue;
                Diag d = {"unused-ignore", NULL, f->path, sp->line, sp->col, f->src.data, f->src.len, false};
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

static bool add_rule_list(const OptList *l, bool *mask, bool value)
{
    for (int i = 0; i < l->len; i++) {
        char *copy = xstrdup(l->items[i]);
        for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
            while (*tok == ' ')
                tok++;
            if (!*tok)
                continue;
            bool found = false;
            for (int r = 0; r < rule_count; r++)
                if (strcmp(rule_all[r]->name, tok) == 0) {
                    mask[r] = value;
                    found = true;
                }
            if (!found) {
                fprintf(stderr, "drip check: unknown rule '%s'\nrun 'drip check --list' for the rules\n", tok);
                free(copy);
                return false;
            }
        }
        free(copy);
    }
    return true;
}

/* Process CPU seconds (all threads), for --stats. */
static double cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_check(int argc, char **argv)
{
    CheckOpts o = {.format = "text", .context = -1, .tests = true, .goos = NULL, .goarch = NULL,
                   .big_array = 64 * 1024, .confidence = "high"};
    const Opt opts[] = {
        {"format", 'f', OPT_STRING, &o.format, "FMT", "output format: text, json, sarif or github"},
        {"context", 'c', OPT_INT, &o.context, "N", "show the source line with a caret and N lines around it"},
        {"enable", 0, OPT_LIST, &o.enable, "RULES", "run only these rules (comma-separated, repeatable)"},
        {"disable", 0, OPT_LIST, &o.disable, "RULES", "do not run these rules (comma-separated, repeatable)"},
        {"list", 0, OPT_FLAG, &o.list, NULL, "list the rules and exit"},
        {"tests", 0, OPT_FLAG, &o.tests, NULL, "include _test.go files (default true; --tests=false)"},
        {"goos", 0, OPT_STRING, &o.goos, "OS", "target GOOS for build constraints (default linux)"},
        {"goarch", 0, OPT_STRING, &o.goarch, "ARCH", "target GOARCH for build constraints (default amd64)"},
        {"tags", 0, OPT_LIST, &o.tags, "TAGS", "extra build tags (comma-separated, repeatable)"},
        {"big-array-threshold", 0, OPT_INT, &o.big_array, "BYTES", "big-array-param: smallest array size reported (default 65536)"},
        {"report-unused-ignores", 0, OPT_FLAG, &o.report_unused, NULL, "report suppression comments that suppress nothing"},
        {"confidence", 0, OPT_STRING, &o.confidence, "LEVEL", "lowest confidence shown: high (default) or medium"},
        {"stats", 0, OPT_FLAG, &o.stats, NULL, "print counts and timings to stderr"},
        {NULL, 0, 0, NULL, NULL, NULL},
    };
    const OptSpec spec = {
        "check", "drip check [flags] [packages]",
        "Finds leak-prone code in Go packages without building them. Packages are\n"
        "given as the go tool takes them: ./... (the default is the current\n"
        "directory), dir/..., directories, or .go files. Findings print as\n"
        "path:line:col: message (rule). Suppress one with a comment\n"
        "'//drip:ignore RULE reason' or '//nolint:drip' on its line or the line above.\n"
        "Exit status: 0 nothing found, 1 findings, 2 usage or load errors.",
        opts,
    };
    char **rest = NULL;
    int nrest = 0;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc) {
        opt_list_free(&o.enable);
        opt_list_free(&o.disable);
        opt_list_free(&o.tags);
        return rc == 1 ? 0 : 2;
    }
    int status = 0;
    bool fmt_ok = strcmp(o.format, "text") == 0 || strcmp(o.format, "json") == 0 ||
                  strcmp(o.format, "sarif") == 0 || strcmp(o.format, "github") == 0;
    bool mask[64] = {0};
    Program prog = {0};
    if (!fmt_ok) {
        fprintf(stderr, "drip check: unknown format '%s': want text, json, sarif or github\n", o.format);
        status = 2;
        goto out;
    }
    if (o.context >= 0 && strcmp(o.format, "text") != 0) {
        fprintf(stderr, "drip check: --context works only with --format text, not '%s'\n", o.format);
        status = 2;
        goto out;
    }
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
        for (int r = 0; r < rule_count; r++)
            printf("%-20s %s\n", rule_all[r]->name, rule_all[r]->doc);
        goto out;
    }
    for (int r = 0; r < rule_count; r++)
        mask[r] = o.enable.len == 0;
    if (!add_rule_list(&o.enable, mask, true) || !add_rule_list(&o.disable, mask, false)) {
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
    size_t nsyntax = 0;
    for (int t = 0; t < threads; t++) {
        go_errors_sort(&pc.errs[t]);
        nsyntax += pc.errs[t].list.len;
        go_errors_print(&pc.errs[t], fs, stderr, 10);
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
    RunCtx run = {&prog, &world, sems, enabled, nen, {o.big_array}, fs,
                  xcalloc(prog.pkgs.len ? prog.pkgs.len : 1, sizeof(DiagList)),
                  xcalloc(prog.pkgs.len ? prog.pkgs.len : 1, sizeof(DiagList)), o.report_unused};
    par_for(prog.pkgs.len, threads, build_one, &run);
    double t3 = now_seconds(), c3 = cpu_seconds();
    par_for(prog.pkgs.len, threads, run_one, &run);
    double t4 = now_seconds(), c4 = cpu_seconds();

    DiagList dl = {0};
    bool medium = strcmp(o.confidence, "medium") == 0;
    for (size_t i = 0; i < prog.pkgs.len; i++) {
        for (size_t d = 0; d < run.out[i].len; d++) {
            if (run.out[i].items[d].medium && !medium) {
                free(run.out[i].items[d].msg);
                continue;
            }
            array_push(&dl, run.out[i].items[d]);
        }
        for (size_t d = 0; d < run.unused[i].len; d++)
            array_push(&dl, run.unused[i].items[d]);
        array_free(&run.out[i]);
        array_free(&run.unused[i]);
    }
    diag_sort(&dl);

    StrBuf sb;
    sb_init(&sb);
    if (strcmp(o.format, "json") == 0) {
        report_check_json(&sb, &dl);
    } else if (strcmp(o.format, "sarif") == 0) {
        ReportRule rr[65];
        int nrr = 0;
        for (int r = 0; r < nen; r++)
            rr[nrr++] = (ReportRule){enabled[r]->name, enabled[r]->doc, enabled[r]->long_doc};
        if (o.report_unused)
            rr[nrr++] = (ReportRule){"unused-ignore", "suppression comment that suppresses nothing",
                                     "A //drip:ignore or //nolint:drip comment that no finding needs any more; "
                                     "remove it (reported with --report-unused-ignores)."};
        report_check_sarif(&sb, &dl, rr, nrr, DRIP_CHECK_VERSION);
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
        fprintf(stderr, "drip: %zu packages, %d files, %zu syntax errors; load %.3fs parse %.3fs sema %.3fs rules %.3fs\n",
                prog.pkgs.len, prog.nfiles, nsyntax, t1 - t0, t2 - t1, t3 - t2, t4 - t3);
        fprintf(stderr, "drip: cpu load %.3fs parse %.3fs sema %.3fs rules %.3fs (%d threads)\n",
                c1 - c0, c2 - c1, c3 - c2, c4 - c3, threads);
        for (int r = 0; r < rule_count; r++)
            if (mask[r])
                fprintf(stderr, "drip: %-20s %d\n", rule_all[r]->name, counts[r]);
    }
    status = prog.nerrors ? 2 : dl.len ? 1 : 0;

    diag_list_free(&dl);
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
    opt_list_free(&o.tags);
    return status;
}
