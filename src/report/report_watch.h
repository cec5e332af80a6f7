/* report_watch.h - the verdict of drip watch / drip report: terminal text
 * (report_watch.c) and one self-contained HTML page with inline SVG charts
 * (report_watch_html.c). */
#ifndef DRIP_REPORT_WATCH_H
#define DRIP_REPORT_WATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "../watch/watch.h"
#include "../util/strbuf.h"

typedef struct {
    const char *source;  /* URL or directory shown in the title */
    bool color;
    size_t max_items;    /* suspects shown in detail (default 10) */
    bool json;           /* print the verdict as JSON (verdict.json) instead of text */
} WatchReportOpts;

void report_watch_text(FILE *out, const WatchStore *w, const WatchResult *r, const WatchReportOpts *o);
void report_watch_html(StrBuf *sb, const WatchStore *w, const WatchResult *r, const WatchReportOpts *o);

/* The verdict as one JSON object (schema in docs/watch.md). */
void report_watch_json(StrBuf *sb, const WatchStore *w, const WatchResult *r, const WatchReportOpts *o);

/* The cost of the goroutineleak polls, in milliseconds (NAN: unknown). */
typedef struct {
    size_t polls;
    double request_mean, request_max;
    double pause_mean, pause_max;
} LeakCost;
void report_watch_leak_cost(const WatchStore *w, LeakCost *c);

/* "+1.5MB", "412" (goroutines); shared by both writers. */
void report_watch_value(char *buf, size_t n, SeriesKind kind, double v, bool sign);



/* Exit statuses of drip watch and drip report. */
enum { WATCH_EXIT_OK = 0, WATCH_EXIT_LEAK = 1, WATCH_EXIT_ERROR = 2, WATCH_EXIT_INCONCLUSIVE = 3 };

/* Analyzes w, prints the verdict to out (text, or JSON with o->json) and
 * writes verdict.txt, verdict.json and report.html into dir (when dir is
 * not NULL). Returns the exit status: WATCH_EXIT_LEAK when something leaks,
 * WATCH_EXIT_INCONCLUSIVE when nothing does but there were too few
 * snapshots to say so, WATCH_EXIT_ERROR when the files could not be
 * written, else WATCH_EXIT_OK. */
int report_watch_finish(FILE *out, const WatchStore *w, const WatchParams *p, const char *dir,
                         const WatchReportOpts *o);
#endif
