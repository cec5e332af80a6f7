/* fuzz_dump.c - libFuzzer harness for the goroutine dump reader: the
 * bytes are read as a dump, analyzed, and written in every report format.
 * Any crash, leak or undefined behaviour is a bug. */
#include <stdint.h>
#include <stdio.h>

#include "report/report_goroutines.h"
#include "dump/dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    DumpReadOptions ropt = {size % 2 == 0, 0, true};
    DumpAnalyzeOptions aopt = {false};
    DumpSnapshot snap[2];
    DumpAnalysis an[2];
    /* two snapshots: the input and its first half, to exercise the diff */
    dump_read_buffer(&snap[0], "half", (const char *)data, size / 2, &ropt);
    dump_read_buffer(&snap[1], "fuzz", (const char *)data, size, &ropt);
    dump_analyze(&an[0], &snap[0], &aopt);
    dump_analyze(&an[1], &snap[1], &aopt);
    DumpDiff diff;
    dump_diff(&diff, an, 2);
    GoroutinesReportOptions opt = {true, true, 0, 3};
    report_goroutines_text(sink, an, 2, &diff, &opt);
    report_goroutines_json(sink, an, 2, &diff, &opt);
    report_goroutines_html(sink, an, 1, NULL, &opt);
    dump_diff_free(&diff);
    for (int i = 0; i < 2; i++) {
        dump_analysis_free(&an[i]);
        dump_snapshot_free(&snap[i]);
    }
    return 0;
}
