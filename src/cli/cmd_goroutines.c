/* cmd_goroutines.c - drip goroutines: name the leaking goroutines in one
 * goroutine dump, or what grew across several taken in time order. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../report/report_goroutines.h"
#include "../dump/dump.h"
#include "../util/util.h"
#include "cmd.h"
#include "limit_flags.h"
#include "opt.h"

int cmd_goroutines(int argc, char **argv)
{
    const char *format = "text";
    const char *base = NULL;
    const char *output = NULL;
    const char *by_label = NULL;
    const char *source_dir = NULL, *trim_prefix = NULL;
    bool args = false, no_source = false, no_explain = false, verbose = false;
    long max_errors = 20;
    long top = 20;
    LimitFlags lf = {0};
    const Opt opts[] = {
        {"format", 'f', OPT_STRING, &format, "FMT", "output format: text, json or html"},
        {"base", 0, OPT_STRING, &base, "OLD", "an older dump to compare with: report what grew"},
        {"output", 'o', OPT_STRING, &output, "FILE", "write the report to FILE instead of stdout"},
        {"args", 0, OPT_FLAG, &args, NULL, "group goroutines only when their argument values match too"},
        {"by-label", 0, OPT_STRING, &by_label, "KEY", "split each place by the value of pprof label KEY"},
        {"no-source", 0, OPT_FLAG, &no_source, NULL, "do not read the Go files the frames point at"},
        {"no-explain", 0, OPT_FLAG, &no_explain, NULL, "read source lines only: do not load the packages to say why"},
        {"source", 0, OPT_STRING, &source_dir, "DIR", "look for the frames' Go files under DIR"},
        {"trim-prefix", 0, OPT_STRING, &trim_prefix, "PREFIX",
         "strip PREFIX from the frames' paths (recorded on another machine) before looking under --source"},
        {"top", 'n', OPT_INT, &top, "N", "suspect places shown in text and HTML (default 20, 0 all)"},
        {"verbose", 'v', OPT_FLAG, &verbose, NULL, "print the stack of each suspect"},
        {"max-errors", 0, OPT_INT, &max_errors, "N", "unreadable lines shown per input (default 20, -1 all)"},
        LIMIT_MEMORY_OPT(lf),
        {NULL, 0, 0, NULL, NULL, NULL},
    };
    const OptSpec spec = {
        "goroutines",
        "drip goroutines [flags] DUMP...\n       drip goroutines --base OLD NEW",
        "Reads goroutine dumps (debug=2 or debug=1 pprof output, runtime.Stack,\n"
        "SIGQUIT, panic or go test -timeout output, proto goroutine profiles and\n"
        "goroutineleak profiles; plain or gzip; '-' is stdin)\n"
        "and names the places where goroutines are stuck and leaking, most\n"
        "likely first. With several dumps (oldest first) or --base, reports\n"
        "which places grew.",
        opts,
        "0  no leak suspect (with several dumps: no suspect place grew)\n"
        "1  leak suspects found (with several dumps: a suspect place grew)\n"
        "2  usage error, or a dump that cannot be read",
    };
    char **rest = NULL;
    int nrest = 0;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (!limit_flags_apply(&lf)) {
        free(rest);
        return 2;
    }

    int status = 0;
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "html") != 0) {
        fprintf(stderr, "drip goroutines: unknown format '%s': want text, json or html\n", format);
        free(rest);
        return 2;
    }
    static char *stdin_arg[] = {"-"};
    if (nrest == 0 && !isatty(0)) {
        /* piped in: curl ... | drip goroutines */
        free(rest);
        rest = NULL;
        nrest = 1;
    }
    char **args_v = rest ? rest : stdin_arg;
    size_t n = (size_t)nrest + (base ? 1 : 0);
    if (nrest == 0) {
        fprintf(stderr, "drip goroutines: no dump given\nusage: %s\n", spec.usage);
        free(rest);
        return 2;
    }
    if (base && nrest != 1) {
        fprintf(stderr, "drip goroutines: --base takes one newer dump, got %d; list several dumps "
                        "without --base to follow them in time order\n", nrest);
        free(rest);
        return 2;
    }
    const char **paths = xcalloc(n, sizeof(char *));
    size_t k = 0;
    if (base)
        paths[k++] = base;
    for (int i = 0; i < nrest; i++)
        paths[k++] = args_v[i];

    DumpSnapshot *snaps = xcalloc(n, sizeof(DumpSnapshot));
    DumpAnalysis *an = xcalloc(n, sizeof(DumpAnalysis));
    DumpReadOptions ropt = {args, (int)max_errors, false};
    DumpAnalyzeOptions aopt = {!no_source, by_label, !no_source && !no_explain, source_dir, trim_prefix};
    for (size_t i = 0; i < n; i++) {
        if (!dump_read(&snaps[i], paths[i], &ropt))
            status = 2;
        else if (snaps[i].format == DUMP_FORMAT_NONE) {
            error_msg("'%s' holds no goroutine stacks: want the output of /debug/pprof/goroutine?debug=2 "
                      "(or debug=1 or 0, or goroutineleak), runtime.Stack, a SIGQUIT or a panic", paths[i]);
            status = 2;
        }
        dump_analyze(&an[i], &snaps[i], &aopt);
    }

    DumpDiff diff;
    bool have_diff = n > 1;
    if (have_diff)
        dump_diff(&diff, an, n);

    /* nothing read at all: the error said it, a report would mislead */
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += snaps[i].goroutines;
    bool report = !(status == 2 && total == 0);

    FILE *out = report ? stdout : NULL;
    if (report && output && strcmp(output, "-") != 0) {
        out = fopen(output, "w");
        if (!out) {
            error_msg("cannot create '%s': %s", output, strerror(errno));
            out = NULL;
            status = 2;
        }
    }
    if (out) {
        GoroutinesReportOptions ropts = {out == stdout && use_color(1), verbose, 12, (int)MAX(top, 0), by_label};
        if (strcmp(format, "json") == 0)
            report_goroutines_json(out, an, n, have_diff ? &diff : NULL, &ropts);
        else if (strcmp(format, "html") == 0)
            report_goroutines_html(out, an, n, have_diff ? &diff : NULL, &ropts);
        else
            report_goroutines_text(out, an, n, have_diff ? &diff : NULL, &ropts);
        if (out != stdout && fclose(out) != 0) {
            error_msg("cannot write '%s': %s", output, strerror(errno));
            status = 2;
        }
    }

    if (status == 0) {
        if (have_diff) {
            for (size_t i = 0; i < diff.trends.len; i++)
                if (diff.trends.items[i].suspect && diff.trends.items[i].growth > 0)
                    status = 1;
        } else if (an[n - 1].suspects.len) {
            status = 1;
        }
    }
    if (have_diff)
        dump_diff_free(&diff);
    for (size_t i = 0; i < n; i++) {
        dump_analysis_free(&an[i]);
        dump_snapshot_free(&snaps[i]);
    }
    free(an);
    free(snaps);
    free(paths);
    free(rest);
    return status;
}
