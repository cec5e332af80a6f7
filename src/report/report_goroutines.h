/* report_goroutines.h - writers of drip goroutines' verdict: terminal text,
 * JSON (schema in docs/goroutines.md) and one self-contained HTML page.
 *
 * Every writer gets the analyses of the snapshots in time order; with more
 * than one, diff holds the sites followed across them and the report
 * leads with what grew. */
#ifndef DRIP_REPORT_GOROUTINES_H
#define DRIP_REPORT_GOROUTINES_H

#include <stdio.h>

#include "../dump/dump.h"

/* Version of the JSON schema; bumped on incompatible change only. */
#define GOROUTINES_JSON_VERSION 1

typedef struct {
    bool color;      /* ANSI colors (terminal and NO_COLOR unset) */
    bool verbose;    /* print the stack of each suspect */
    int max_idle;    /* idle and other sites listed in text, 0 = all */
    int top;         /* suspects shown in text and HTML, 0 = all */
    const char *by_label; /* the --by-label key, or NULL */
} GoroutinesReportOptions;

void report_goroutines_text(FILE *out, DumpAnalysis *snaps, size_t n, const DumpDiff *diff,
                            const GoroutinesReportOptions *opt);
void report_goroutines_json(FILE *out, DumpAnalysis *snaps, size_t n, const DumpDiff *diff,
                            const GoroutinesReportOptions *opt);
void report_goroutines_html(FILE *out, DumpAnalysis *snaps, size_t n, const DumpDiff *diff,
                            const GoroutinesReportOptions *opt);

/* Shared by the writers: "< 1 minute", "3 minutes", "2-40 minutes" or
 * "unknown" into buf. */
void report_goroutines_wait(char *buf, size_t cap, const DumpSite *s);

/* The distinct pprof label sets of a site's goroutines, most goroutines
 * first: at most max into out; returns how many sets there are. Goroutines
 * without labels are counted in *unlabeled. */
typedef struct {
    const char *labels;  /* as DumpGroup.labels: {k: v, ...} */
    uint64_t count;
} LabelCount;
size_t report_goroutines_label_sets(const DumpSite *s, LabelCount *out, size_t max, uint64_t *unlabeled);

/* What a snapshot's format does not carry ("wait reasons, wait times,
 * goroutine ids and creation sites"), or NULL when it carries it all. */
const char *report_goroutines_lost(const DumpSnapshot *snap);

#endif
