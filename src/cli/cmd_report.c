/* cmd_report.c - drip report DIR: the verdict of a watch again, from the
 * snapshots drip watch wrote, with other thresholds if wanted. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../report/report_watch.h"
#include "../watch/watch.h"
#include "../util/util.h"
#include "cmd.h"
#include "limit_flags.h"
#include "opt.h"
#include "watch_flags.h"

int cmd_report(int argc, char **argv)
{
    VerdictFlags vf;
    verdict_flags_init(&vf);
    bool no_files = false;
    const char *format = "text";
    LimitFlags lf = {0};
    SourceFlags sf = {0};
    const Opt opts[] = {
        VERDICT_FLAG_OPTS(vf),
        SOURCE_FLAG_OPTS(sf),
        LIMIT_MEMORY_OPT(lf),
        {"format", 'f', OPT_STRING, &format, "FMT", "verdict format: text (default) or json (as verdict.json)"},
        {"no-files", 0, OPT_FLAG, &no_files, NULL, "print the verdict only; do not rewrite report.html"},
        {0},
    };
    const OptSpec spec = {
        "report", "drip report [flags] DIR",
        "Reads the snapshots that drip watch wrote to DIR and decides, per goroutine\n"
        "group and allocation site, whether it grows steadily. Prints the verdict and\n"
        "rewrites DIR/verdict.txt, DIR/verdict.json and DIR/report.html.",
        opts,
        "0  no leak: every series was judged on enough snapshots\n"
        "1  something leaks\n"
        "2  usage error, unreadable directory, or no snapshot\n"
        "3  inconclusive: no leak seen, but fewer snapshots than --min-snapshots",
    };
    char **rest;
    int nrest;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (!limit_flags_apply(&lf)) {
        free(rest);
        return 2;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        error_msg("drip report: unknown format '%s': want text or json", format);
        free(rest);
        return 2;
    }
    if (nrest != 1) {
        error_msg("drip report needs exactly one directory written by drip watch");
        free(rest);
        return 2;
    }
    WatchParams params;
    if (!verdict_flags_apply(&vf, &params)) {
        free(rest);
        return 2;
    }
    const char *dir = rest[0];
    WatchStore w;
    watch_store_init(&w);
    source_flags_apply(&sf, &w);
    char err[1024];
    char *url = NULL;
    int status;
    if (!watch_dir_load(dir, &w, &url, err, sizeof err)) {
        error_msg("%s", err);
        status = 2;
    } else if (w.snaps.len == 0) {
        error_msg("%s: no readable snapshot; nothing to judge", dir);
        status = 2;
    } else {
        WatchReportOpts o = {.source = url ? url : dir, .color = use_color(STDOUT_FILENO), .max_items = 10,
                             .json = strcmp(format, "json") == 0};
        status = report_watch_finish(stdout, &w, &params, no_files ? NULL : dir, &o);
    }
    free(url);
    watch_store_free(&w);
    free(rest);
    return status;
}
