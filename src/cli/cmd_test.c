/* cmd_test.c - drip test: run go test with a leak check and blame the
 * test that leaked each goroutine; or, with --from, read the output of an
 * earlier go test run that hung or panicked. See docs/test.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../test/test.h"
#include "../util/util.h"
#include "cmd.h"
#include "opt.h"

typedef struct {
    const char *go, *wait, *format, *from, *output;
    OptList ignore, ignore_created;
    long ancestors;
    bool verbose_report, no_explain;
    /* go test flags passed through */
    const char *run, *count, *tags, *timeout;
    bool race, short_, v, json;
} Flags;

typedef Array(char *) Argv;

static void argv_add(Argv *a, const char *s)
{
    array_push(a, xstrdup(s));
}

static void argv_free(Argv *a)
{
    for (size_t i = 0; i < a->len; i++)
        free(a->items[i]);
    array_free(a);
}

/* Runs argv; its stdout is copied to *out and, when echo is set, to our
 * stdout as it comes. Returns the exit status (127 when it cannot run). */
static int run_child(Argv *args, StrBuf *out, bool echo)
{
    int fd[2];
    if (pipe(fd) != 0)
        die("pipe: %s", strerror(errno));
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        array_push(args, NULL);
        execvp(args->items[0], args->items);
        fprintf(stderr, "drip test: error: cannot run '%s': %s\n", args->items[0], strerror(errno));
        _exit(127);
    }
    close(fd[1]);
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sb_append(out, buf, (size_t)n);
        if (echo) {
            fwrite(buf, 1, (size_t)n, stdout);
            fflush(stdout);
        }
    }
    close(fd[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            die("waitpid: %s", strerror(errno));
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* "go1.19.8" -> 19; "devel go1.27-abc" -> 27; 0 when unknown. */
static int go_minor(const char *v)
{
    const char *p = strstr(v, "go1.");
    return p ? atoi(p + 4) : 0;
}

/* A Go duration: one or more NUMBER UNIT pairs ("1s", "1.5s", "1m30s"). */
static bool valid_duration(const char *s)
{
    static const char *const units[] = {"ns", "us", "ms", "s", "m", "h"};
    if (!*s)
        return false;
    while (*s) {
        const char *d = s;
        while ((*s >= '0' && *s <= '9') || *s == '.')
            s++;
        if (s == d)
            return false;
        size_t best = 0;
        for (size_t u = 0; u < ARRAY_LEN(units); u++) {
            size_t l = strlen(units[u]);
            if (strncmp(s, units[u], l) == 0 && l > best)
                best = l;
        }
        if (!best)
            return false;
        s += best;
    }
    return true;
}

static void split_files(const char *s, TStrList *out)
{
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        if (n)
            array_push(out, xstrndup(s, n));
        s += n + (bar ? 1 : 0);
    }
}

/* Fields of one go list line: ImportPath Dir Name TestGoFiles XTestGoFiles Error. */
static bool parse_list_line(char *line, TPackage *p)
{
    char *f[6];
    int n = 0;
    for (char *s = line; n < 6; n++) {
        f[n] = s;
        char *tab = strchr(s, '\t');
        if (!tab) {
            n++;
            break;
        }
        *tab = 0;
        s = tab + 1;
    }
    if (n < 5)
        return false;
    memset(p, 0, sizeof *p);
    p->import_path = xstrdup(f[0]);
    p->dir = xstrdup(f[1]);
    p->name = xstrdup(f[2]);
    split_files(f[3], &p->tests);
    split_files(f[4], &p->xtests);
    p->list_error = n > 5 && *f[5];
    return true;
}

static void package_free(TPackage *p)
{
    free(p->import_path);
    free(p->dir);
    free(p->name);
    for (size_t i = 0; i < p->tests.len; i++)
        free(p->tests.items[i]);
    for (size_t i = 0; i < p->xtests.len; i++)
        free(p->xtests.items[i]);
    array_free(&p->tests);
    array_free(&p->xtests);
}

static char *go_version(const char *go)
{
    Argv a = {0};
    argv_add(&a, go);
    argv_add(&a, "env");
    argv_add(&a, "GOVERSION");
    StrBuf out;
    sb_init(&out);
    int rc = run_child(&a, &out, false);
    argv_free(&a);
    char *v = sb_steal(&out);
    if (rc != 0 || !v) {
        free(v);
        return NULL;
    }
    v[strcspn(v, "\r\n")] = 0;
    return v;
}

typedef Array(TPackage) Packages;

static int list_packages(const Flags *fl, char **pkgs, int npkgs, Packages *out)
{
    Argv a = {0};
    argv_add(&a, fl->go);
    argv_add(&a, "list");
    argv_add(&a, "-e");
    if (fl->tags) {
        argv_add(&a, "-tags");
        argv_add(&a, fl->tags);
    }
    argv_add(&a, "-f");
    argv_add(&a, "{{.ImportPath}}\t{{.Dir}}\t{{.Name}}\t{{join .TestGoFiles \"|\"}}\t{{join .XTestGoFiles \"|\"}}"
                 "\t{{if .Error}}E{{end}}");
    for (int i = 0; i < npkgs; i++)
        argv_add(&a, pkgs[i]);
    if (!npkgs)
        argv_add(&a, ".");
    StrBuf o;
    sb_init(&o);
    int rc = run_child(&a, &o, false);
    argv_free(&a);
    if (rc != 0) {
        sb_free(&o);
        return rc;
    }
    for (char *line = o.data; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        TPackage p;
        if (*line && parse_list_line(line, &p))
            array_push(out, p);
        line = nl ? nl + 1 : NULL;
    }
    sb_free(&o);
    return 0;
}

static void set_env(const Flags *fl, const char *work)
{
    setenv("DRIP_TEST_DIR", work, 1);
    const char *old = getenv("GODEBUG");
    char *gd = old && *old ? xasprintf("%s,tracebackancestors=%ld", old, fl->ancestors)
                           : xasprintf("tracebackancestors=%ld", fl->ancestors);
    setenv("GODEBUG", gd, 1);
    free(gd);
    setenv("DRIP_TEST_WAIT", fl->wait, 1);
}

static bool has_flag(char **args, int n, const char *name)
{
    size_t l = strlen(name);
    for (int i = 0; i < n; i++) {
        const char *a = args[i];
        a += a[0] == '-';
        a += a[0] == '-';
        if (strncmp(a, name, l) == 0 && (a[l] == 0 || a[l] == '='))
            return true;
    }
    return false;
}

static void add_passthrough(Argv *a, const Flags *fl)
{
    const char *sv[][2] = {{"-run", fl->run}, {"-count", fl->count}, {"-tags", fl->tags}, {"-timeout", fl->timeout}};
    for (size_t i = 0; i < ARRAY_LEN(sv); i++)
        if (sv[i][1]) {
            argv_add(a, sv[i][0]);
            argv_add(a, sv[i][1]);
        }
    if (fl->race)
        argv_add(a, "-race");
    if (fl->short_)
        argv_add(a, "-short");
    if (fl->v)
        argv_add(a, "-v");
    if (fl->json)
        argv_add(a, "-json");
}

typedef struct {
    FILE *out;           /* the report: stdout, stderr under -json, or --output */
    StrBuf json;         /* --format json document */
    int npkgs_json;
    int leaked_tests;
    const Flags *fl;
} Out;

static void emit(Out *o, const TPkgResult *r)
{
    o->leaked_tests += report_test_leaked_tests(r);
    if (o->fl->json)
        report_test_events(stdout, r);
    if (strcmp(o->fl->format, "json") == 0) {
        sb_puts(&o->json, o->npkgs_json++ ? ",\n" : "");
        report_test_json(&o->json, r);
    } else {
        TReportOptions ro = {false, o->fl->verbose_report};
        report_test_text(o->out, r, &ro);
    }
}

static void finish_json(Out *o)
{
    if (strcmp(o->fl->format, "json") != 0)
        return;
    fprintf(o->out, "{\"packages\":[%s],\"leaked_tests\":%d}\n", o->json.data ? o->json.data : "", o->leaked_tests);
}

static TBlameOptions blame_options(const Flags *fl, const char *pkg)
{
    TBlameOptions bo = {pkg, fl->ignore.items, fl->ignore.len, fl->ignore_created.items, fl->ignore_created.len,
                        true};
    return bo;
}

/* The package a --from segment tested: named by go test's FAIL line, or
 * by the package of the test functions its goroutines run. */
static const char *segment_pkg(const TStacks *s, int seg, char *buf, size_t cap)
{
    if (s->segs.items[seg].pkg)
        return s->segs.items[seg].pkg;
    for (size_t i = 0; i < s->gs.len; i++) {
        const TGoroutine *g = &s->gs.items[i];
        if (g->seg != seg)
            continue;
        for (uint32_t k = 1; k < g->nframes; k++)
            if (strcmp(g->frames[k].func, "testing.tRunner") == 0 && !classify_is_std_func(g->frames[k - 1].func)) {
                blame_func_pkg(g->frames[k - 1].func, buf, cap);
                size_t n = strlen(buf);
                if (n > 5 && strcmp(buf + n - 5, "_test") == 0)
                    buf[n - 5] = 0;
                return buf;
            }
    }
    return "?";
}

static int run_from(const Flags *fl, Out *o)
{
    TStacks s;
    stacks_init(&s);
    if (!stacks_read_file(&s, fl->from, false)) {
        fprintf(stderr, "drip test: error: cannot read '%s': %s\n", fl->from, strerror(errno));
        stacks_free(&s);
        return 2;
    }
    if (!s.gs.len)
        fprintf(stderr, "drip test: %s: no goroutine dump in it (go test -timeout prints one when a test hangs)\n",
                fl->from);
    /* the causes: the whole output read once more as drip goroutines
     * reads it (its goroutines, of every package), with their source */
    DumpSnapshot ds;
    DumpAnalysis da;
    bool explained = false;
    for (size_t seg = 0; seg < s.segs.len; seg++) {
        bool any = false;
        for (size_t i = 0; i < s.gs.len && !any; i++)
            any = s.gs.items[i].seg == (int)seg;
        if (!any)
            continue;
        char buf[512];
        const char *pkg = segment_pkg(&s, (int)seg, buf, sizeof buf);
        TBlameOptions bo = blame_options(fl, pkg);
        TBlameSet b;
        blame_run(&b, &s, (int)seg, &bo);
        TPkgResult r = {pkg, s.goversion, s.leak_profile, NULL, &b, NULL};
        if (!explained && !fl->no_explain && report_test_leaked_tests(&r) > 0) {
            DumpReadOptions ro = {.max_errors = 0, .quiet = true};
            DumpAnalyzeOptions ao = {.use_source = true, .explain = true};
            dump_read(&ds, fl->from, &ro);
            dump_analyze(&da, &ds, &ao);
            explained = true;
        }
        r.explained = explained ? &da : NULL;
        emit(o, &r);
        blame_free(&b);
    }
    finish_json(o);
    if (explained) {
        dump_analysis_free(&da);
        dump_snapshot_free(&ds);
    }
    stacks_free(&s);
    return o->leaked_tests ? 1 : 0;
}

/* One package after go test ran: its dump, or the goroutines go test's
 * output holds for it (a timeout or a panic), or a note. */
static void check_package(const Flags *fl, const TPackage *p, const THarness *h, TStacks *out_stacks, Out *o)
{
    TPkgResult r = {p->import_path, NULL, false, NULL, NULL, NULL};
    if (h->kind == HARNESS_NO_TESTS)
        return;
    if (h->kind == HARNESS_REFUSED) {
        r.note = h->why;
        emit(o, &r);
        return;
    }
    TStacks s;
    stacks_init(&s);
    TBlameOptions bo = blame_options(fl, p->import_path);
    TBlameSet b;
    if (stacks_read_file(&s, h->dump, false)) {
        blame_run(&b, &s, -1, &bo);
        r.goversion = s.goversion;
        r.leak_profile = s.leak_profile;
        r.blame = &b;
        /* the cause: the same dump through drip goroutines' analysis */
        DumpSnapshot ds;
        DumpAnalysis da;
        bool explain = !fl->no_explain && report_test_leaked_tests(&r) > 0;
        if (explain) {
            DumpReadOptions ro = {.max_errors = 0, .quiet = true};
            DumpAnalyzeOptions ao = {.use_source = true, .explain = true};
            dump_read(&ds, h->dump, &ro);
            dump_analyze(&da, &ds, &ao);
            r.explained = &da;
        }
        emit(o, &r);
        if (explain) {
            dump_analysis_free(&da);
            dump_snapshot_free(&ds);
        }
        blame_free(&b);
    } else {
        int seg = -1;
        for (size_t i = 0; i < out_stacks->segs.len; i++)
            if (out_stacks->segs.items[i].pkg && strcmp(out_stacks->segs.items[i].pkg, p->import_path) == 0)
                seg = (int)i;
        bool any = false;
        for (size_t i = 0; seg >= 0 && i < out_stacks->gs.len && !any; i++)
            any = out_stacks->gs.items[i].seg == seg;
        if (any) {
            blame_run(&b, out_stacks, seg, &bo);
            r.blame = &b;
            emit(o, &r);
            blame_free(&b);
        } else {
            r.note = "the test binary did not return from m.Run (build failure, os.Exit or a crash in a test)";
            emit(o, &r);
        }
    }
    stacks_free(&s);
}

static int run_live(const Flags *fl, char **pkgs, int npkgs, char **extra, int nextra, Out *o)
{
    char *ver = go_version(fl->go);
    if (!ver) {
        fprintf(stderr, "drip test: error: cannot run '%s env GOVERSION' (is Go installed? --go PATH names it)\n", fl->go);
        return 2;
    }
    int minor = go_minor(ver);
    if (minor && minor < 16) {
        fprintf(stderr, "drip test: error: %s has no go test -overlay: drip test needs Go 1.16 or newer\n", ver);
        free(ver);
        return 2;
    }
    Packages ps = {0};
    int rc = list_packages(fl, pkgs, npkgs, &ps);
    if (rc) {
        free(ver);
        return rc;
    }
    char tmpl[] = "/tmp/drip-test.XXXXXX";
    char *work = mkdtemp(tmpl);
    if (!work)
        die("cannot create a folder in /tmp: %s", strerror(errno));
    TOverlay entries = {0};
    THarness *hs = xcalloc(ps.len + 1, sizeof *hs);
    for (size_t i = 0; i < ps.len; i++)
        harness_build(&ps.items[i], (int)i, work, &entries, &hs[i]);
    for (size_t i = 0; i < ps.len; i++)
        if (hs[i].kind == HARNESS_REFUSED)
            fprintf(stderr, "drip test: %s: skipping the leak check: %s\n", ps.items[i].import_path, hs[i].why);
    char *ov = xasprintf("%s/overlay.json", work);
    if (!harness_write_overlay(ov, entries.items, entries.len))
        die("cannot write '%s': %s", ov, strerror(errno));

    Argv a = {0};
    argv_add(&a, fl->go);
    argv_add(&a, "test");
    argv_add(&a, "-overlay");
    argv_add(&a, ov);
    if (minor && minor < 24 && !has_flag(extra, nextra, "vet")) {
        argv_add(&a, "-vet=off");
        fprintf(stderr, "drip test: note: %s's vet cannot read overlays, so go vet is off in this run\n", ver);
    }
    add_passthrough(&a, fl);
    /* a result from go test's cache ran no leak check: always run */
    if (!fl->count && !has_flag(extra, nextra, "count"))
        argv_add(&a, "-count=1");
    for (int i = 0; i < npkgs; i++)
        argv_add(&a, pkgs[i]);
    for (int i = 0; i < nextra; i++)
        argv_add(&a, extra[i]);
    set_env(fl, work);
    StrBuf out;
    sb_init(&out);
    int go_rc = run_child(&a, &out, true);
    argv_free(&a);

    TStacks os_;
    stacks_init(&os_);
    if (!fl->json)
        stacks_read_buffer(&os_, "go test output", out.data ? out.data : "", out.len, true);
    for (size_t i = 0; i < ps.len; i++)
        check_package(fl, &ps.items[i], &hs[i], &os_, o);
    finish_json(o);
    stacks_free(&os_);
    sb_free(&out);

    for (size_t i = 0; i < entries.len; i++) {
        unlink(entries.items[i].path);
        free(entries.items[i].target);
        free(entries.items[i].path);
    }
    for (size_t i = 0; i < ps.len; i++) {
        unlink(hs[i].dump ? hs[i].dump : "");
        free(hs[i].dump);
        free(hs[i].why);
        package_free(&ps.items[i]);
    }
    unlink(ov);
    rmdir(work);
    free(ov);
    free(hs);
    array_free(&entries);
    array_free(&ps);
    free(ver);
    if (go_rc)
        return go_rc;
    return o->leaked_tests ? 1 : 0;
}

int cmd_test(int argc, char **argv)
{
    Flags fl = {0};
    fl.go = "go";
    fl.wait = "1s";
    fl.format = "text";
    fl.ancestors = 32;
    const Opt opts[] = {
        {"go", 0, OPT_STRING, &fl.go, "PATH", "the go command to run (default: go on PATH)"},
        {"wait", 0, OPT_STRING, &fl.wait, "DUR", "longest wait for goroutines to end after the tests (default 1s)"},
        {"format", 'f', OPT_STRING, &fl.format, "FMT", "report format: text or json"},
        {"output", 'o', OPT_STRING, &fl.output, "FILE", "write the leak report to FILE"},
        {"ignore", 0, OPT_LIST, &fl.ignore, "FUNC", "ignore goroutines with FUNC on their stack (FUNC* a prefix)"},
        {"ignore-created-by", 0, OPT_LIST, &fl.ignore_created, "FUNC", "ignore goroutines created by FUNC"},
        {"from", 0, OPT_STRING, &fl.from, "FILE", "read an earlier go test -v output that hung or panicked"},
        {"ancestors", 0, OPT_INT, &fl.ancestors, "N", "GODEBUG tracebackancestors depth (default 32)"},
        {"list-all", 0, OPT_FLAG, &fl.verbose_report, NULL, "list every place of package background"},
        {"no-explain", 0, OPT_FLAG, &fl.no_explain, NULL,
         "do not load the packages to say why each leaked goroutine is stuck"},
        {"run", 0, OPT_STRING, &fl.run, "REGEXP", "go test -run"},
        {"count", 0, OPT_STRING, &fl.count, "N", "go test -count"},
        {"tags", 0, OPT_STRING, &fl.tags, "TAGS", "go test -tags"},
        {"timeout", 0, OPT_STRING, &fl.timeout, "DUR", "go test -timeout"},
        {"race", 0, OPT_FLAG, &fl.race, NULL, "go test -race"},
        {"short", 0, OPT_FLAG, &fl.short_, NULL, "go test -short"},
        {"v", 0, OPT_FLAG, &fl.v, NULL, "go test -v"},
        {"json", 0, OPT_FLAG, &fl.json, NULL, "go test -json; leak events join the stream as \"Action\":\"leak\""},
        {NULL, 0, 0, NULL, NULL, NULL},
    };
    const OptSpec spec = {
        "test",
        "drip test [flags] [packages] [-- go test flags]\n       drip test --from FILE",
        "Runs go test on the packages with a leak check and no change to any\n"
        "file: after the tests, each goroutine still alive is blamed on the test\n"
        "that started it (through its ancestry), even under t.Parallel;\n"
        "goroutines started before the tests are package background. go test's\n"
        "output is printed unchanged, then the leak report.",
        opts,
        "0  the tests passed and nothing leaked\n"
        "1  the tests passed but leaked\n"
        "2  usage error\n"
        "N  go test's own status when the tests failed",
    };
    int split = argc;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            split = i;
            break;
        }
    char **rest = NULL;
    int nrest = 0;
    int rc = opt_parse(&spec, split, argv, &rest, &nrest);
    if (rc) {
        opt_list_free(&fl.ignore);
        opt_list_free(&fl.ignore_created);
        return rc == 1 ? 0 : 2;
    }
    char **extra = argv + MIN(split + 1, argc);
    int nextra = split < argc ? argc - split - 1 : 0;
    rc = 0;
    if (strcmp(fl.format, "text") != 0 && strcmp(fl.format, "json") != 0) {
        fprintf(stderr, "drip test: unknown format '%s': want text or json\n", fl.format);
        rc = 2;
    } else if (!valid_duration(fl.wait)) {
        fprintf(stderr, "drip test: invalid --wait '%s': want a Go duration such as 1s or 250ms\n", fl.wait);
        rc = 2;
    } else if (fl.ancestors < 1 || fl.ancestors > 1000) {
        fprintf(stderr, "drip test: --ancestors %ld out of range: want 1 to 1000\n", fl.ancestors);
        rc = 2;
    } else if (fl.from && (nrest || nextra)) {
        fprintf(stderr, "drip test: --from reads a saved output and runs nothing: packages and go test flags "
                        "cannot go with it\n");
        rc = 2;
    }
    if (!rc) {
        Out o = {stdout, {0}, 0, 0, &fl};
        sb_init(&o.json);
        if (fl.output) {
            o.out = fopen(fl.output, "w");
            if (!o.out) {
                fprintf(stderr, "drip test: error: cannot write '%s': %s\n", fl.output, strerror(errno));
                o.out = NULL;
                rc = 2;
            }
        } else if (fl.json) {
            o.out = stderr;
        }
        if (o.out)
            rc = fl.from ? run_from(&fl, &o) : run_live(&fl, rest, nrest, extra, nextra, &o);
        if (o.out && o.out != stdout && o.out != stderr)
            fclose(o.out);
        sb_free(&o.json);
    }
    free(rest);
    opt_list_free(&fl.ignore);
    opt_list_free(&fl.ignore_created);
    return rc;
}
