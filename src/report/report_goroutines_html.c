/* report_goroutines_html.c - placeholder until the HTML writer lands. */
#include "report_goroutines.h"

void report_goroutines_html(FILE *out, DumpAnalysis *snaps, size_t n, const DumpDiff *diff,
                            const GoroutinesReportOptions *opt)
{
    report_goroutines_json(out, snaps, n, diff, opt);
}
