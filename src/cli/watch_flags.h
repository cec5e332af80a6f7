/* watch_flags.h - the verdict flags that drip watch and drip report share,
 * and duration parsing. Header-only so each command keeps its own table. */
#ifndef DRIP_WATCH_FLAGS_H
#define DRIP_WATCH_FLAGS_H

#include <stdlib.h>
#include <string.h>

#include "../watch/watch.h"
#include "../util/util.h"

typedef struct {
    long min_snapshots;
    const char *alpha;
    long min_goroutine_growth;
    long min_heap_growth;
} VerdictFlags;

#define VERDICT_FLAG_OPTS(vf)                                                                      \
    {"min-snapshots", 0, OPT_INT, &(vf).min_snapshots, "N",                                       \
     "snapshots a series needs before it can be called a leak (default 8)"},                      \
    {"alpha", 0, OPT_STRING, &(vf).alpha, "P", "Mann-Kendall significance level (default 0.01)"}, \
    {"min-goroutine-growth", 0, OPT_INT, &(vf).min_goroutine_growth, "N",                          \
     "goroutines a group must gain over the watch (default 5)"},                                  \
    {"min-heap-growth", 0, OPT_INT, &(vf).min_heap_growth, "BYTES",                                \
     "bytes in use a site must gain over the watch (default 262144)"}

/* Where drip watch and drip report find the service's source to say why
 * each proven leak is stuck. */
typedef struct {
    const char *source_dir, *trim_prefix;
    bool no_source;
} SourceFlags;

#define SOURCE_FLAG_OPTS(sf)                                                                       \
    {"source", 0, OPT_STRING, &(sf).source_dir, "DIR",                                            \
     "look for the service's Go files under DIR to say why each proven leak is stuck"},           \
    {"trim-prefix", 0, OPT_STRING, &(sf).trim_prefix, "PREFIX",                                   \
     "strip PREFIX from the dump's paths first (e.g. /app of a container)"},                      \
    {"no-source", 0, OPT_FLAG, &(sf).no_source, NULL, "do not read the source to explain proven leaks"}

static inline void source_flags_apply(const SourceFlags *sf, WatchStore *w)
{
    w->explain = !sf->no_source;
    w->source_dir = sf->source_dir;
    w->trim_prefix = sf->trim_prefix;
}

static inline void verdict_flags_init(VerdictFlags *vf)
{
    vf->min_snapshots = 8;
    vf->alpha = NULL;
    vf->min_goroutine_growth = 5;
    vf->min_heap_growth = 256 * 1024;
}

/* Fills p; returns false after an error message on bad values. */
static inline bool verdict_flags_apply(const VerdictFlags *vf, WatchParams *p)
{
    watch_params_default(p);
    if (vf->min_snapshots < 2) {
        error_msg("--min-snapshots must be at least 2");
        return false;
    }
    p->min_snapshots = (size_t)vf->min_snapshots;
    if (vf->alpha) {
        char *end;
        double a = strtod(vf->alpha, &end);
        if (*end || !(a > 0 && a < 1)) {
            error_msg("--alpha '%s' is not a probability between 0 and 1", vf->alpha);
            return false;
        }
        p->alpha = a;
    }
    if (vf->min_goroutine_growth < 0 || vf->min_heap_growth < 0) {
        error_msg("--min-goroutine-growth and --min-heap-growth must not be negative");
        return false;
    }
    p->min_goroutine_growth = (double)vf->min_goroutine_growth;
    p->min_heap_growth = (double)vf->min_heap_growth;
    return true;
}

/* "500ms", "2s", "1.5m", "1h" or plain seconds; false on bad input. */
static inline bool parse_duration(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || !(v >= 0))
        return false;
    double mul = 1;
    if (strcmp(end, "ms") == 0)
        mul = 0.001;
    else if (strcmp(end, "s") == 0 || *end == 0)
        mul = 1;
    else if (strcmp(end, "m") == 0)
        mul = 60;
    else if (strcmp(end, "h") == 0)
        mul = 3600;
    else
        return false;
    *out = v * mul;
    return true;
}

#endif
