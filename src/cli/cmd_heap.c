/* cmd_heap.c - drip heap PROFILE [--base OLD]: top allocation sites of a
 * pprof heap profile, or what grew since a base profile. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../report/report_heap.h"
#include "../pprof/pprof.h"
#include "../pprof/pprof_top.h"
#include "../util/term.h"
#include "../util/util.h"
#include "cmd.h"
#include "limit_flags.h"
#include "opt.h"

static int pick_index(const Profile *p, const char *path, const char *want)
{
    if (!want)
        return pprof_default_index(p);
    int i = pprof_sample_index(p, want);
    if (i >= 0)
        return i;
    char *end;
    long n = strtol(want, &end, 10);
    if (*want && !*end && n >= 0 && (size_t)n < p->n_sample_types)
        return (int)n;
    error_msg("%s: no sample type '%s'; the profile has:", path, want);
    for (size_t k = 0; k < p->n_sample_types; k++)
        fprintf(stderr, "  %zu %s (%s)\n", k, term_safe(p->sample_types[k].type), term_safe(p->sample_types[k].unit));
    return -1;
}

static void warn_skipped(const char *path, const Profile *p)
{
    if (p->nwarnings)
        warn_msg("%s:%s (%zu line%s skipped)", path, p->warning + 5, p->nwarnings,
                 p->nwarnings == 1 ? "" : "s");
}

int cmd_heap(int argc, char **argv)
{
    const char *base_path = NULL, *sample = NULL;
    long top = 20;
    bool functions = false, raw = false, no_hints = false;
    const char *format = "text";
    LimitFlags lf = {0};
    const Opt opts[] = {
        {"base", 0, OPT_STRING, &base_path, "OLD", "show the difference to base profile OLD (pprof's -diff_base)"},
        {"sample-index", 0, OPT_STRING, &sample, "TYPE",
         "inuse_space (default), inuse_objects, alloc_space, alloc_objects, or a number"},
        {"top", 'n', OPT_INT, &top, "N", "show the first N rows (0: all; default 20)"},
        {"functions", 0, OPT_FLAG, &functions, NULL,
         "one row per function over all frames, as go tool pprof -top does"},
        {"raw", 0, OPT_FLAG, &raw, NULL, "print exact integers instead of kB/MB"},
        {"no-hints", 0, OPT_FLAG, &no_hints, NULL, "do not explain the leak categories shown"},
        {"format", 'f', OPT_STRING, &format, "FMT", "text (default) or json"},
        LIMIT_MEMORY_OPT(lf),
        {0},
    };
    const OptSpec spec = {
        "heap", "drip heap [flags] PROFILE",
        "Shows the top allocation sites of a pprof heap profile (protobuf, gzip or\n"
        "not, or the legacy text form): flat and cumulative values per site, where\n"
        "a site is the first frame in user code (not the runtime or the standard\n"
        "library). With --base, shows what grew since the base profile. Sites whose\n"
        "stacks match a known leak pattern are tagged with its category.",
        opts,
        "0  the profile was read (with --base: nothing grew)\n"
        "1  with --base: some site grew\n"
        "2  usage error, or a profile that cannot be read",
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
    if (nrest != 1) {
        error_msg("drip heap needs exactly one profile; run 'drip heap --help'");
        free(rest);
        return 2;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        error_msg("--format '%s' is not text or json", format);
        free(rest);
        return 2;
    }
    if (top < 0) {
        error_msg("--top must not be negative");
        free(rest);
        return 2;
    }
    const char *path = rest[0];
    char err[512];
    /* Named on the command line: a FIFO (<(curl ...)) is read too. */
    Profile *p = pprof_load_ex(path, FILE_STREAM, err, sizeof err);
    if (!p) {
        error_msg("%s", err);
        free(rest);
        return 2;
    }
    warn_skipped(path, p);
    Profile *base = NULL;
    if (base_path) {
        base = pprof_load_ex(base_path, FILE_STREAM, err, sizeof err);
        if (!base) {
            error_msg("%s", err);
            pprof_free(p);
            free(rest);
            return 2;
        }
        warn_skipped(base_path, base);
    }
    int status = 2;
    int idx = pick_index(p, path, sample);
    int bidx = -1;
    if (idx >= 0 && base) {
        bidx = pprof_sample_index(base, p->sample_types[idx].type);
        if (bidx < 0)
            error_msg("%s: base profile has no sample type '%s': both profiles must be of the same kind",
                      base_path, p->sample_types[idx].type);
    }
    if (idx >= 0 && (!base || bidx >= 0)) {
        TopTable t;
        pprof_top(&t, p, base, idx, bidx, functions ? TOP_BY_FUNCTION : TOP_BY_SITE);
        t.partial = p->partial ? p->partial : base ? base->partial : NULL;
        if (strcmp(format, "json") == 0) {
            StrBuf sb;
            sb_init(&sb);
            report_heap_json(&sb, path, base_path, &t, (size_t)top);
            fwrite(sb.data, 1, sb.len, stdout);
            sb_free(&sb);
        } else {
            HeapReportOpts o = {.top = (size_t)top, .raw = raw, .color = use_color(STDOUT_FILENO),
                                .hints = !no_hints};
            report_heap_text(stdout, path, base_path, &t, &o);
        }
        status = 0;
        if (base)
            for (size_t i = 0; i < t.nrows; i++)
                if (t.rows[i].flat > 0)
                    status = 1;
        if (t.partial) {
            error_msg("%s: partial profile: %s", p->partial ? path : base_path, t.partial);
            status = 2;
        }
        pprof_top_free(&t);
    }
    pprof_free(p);
    pprof_free(base);
    free(rest);
    return status;
}
