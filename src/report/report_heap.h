/* report_heap.h - terminal text for drip heap. */
#ifndef DRIP_REPORT_HEAP_H
#define DRIP_REPORT_HEAP_H

#include <stdbool.h>
#include <stdio.h>

#include "../pprof/pprof_top.h"
#include "../util/strbuf.h"

typedef struct {
    size_t top;     /* rows to show; 0 means all */
    bool raw;       /* exact integers instead of scaled units */
    bool color;
    bool hints;     /* print each shown category's advice once */
} HeapReportOpts;

/* "1.50MB", "512B", "1234" (pprof's style: 1024-based, two decimals with a
 * trailing ".00" dropped). raw prints the integer. */
void report_fmt_value(char *buf, size_t n, int64_t v, const char *unit, bool raw);

void report_heap_text(FILE *out, const char *path, const char *base_path, const TopTable *t,
                      const HeapReportOpts *o);

/* The same as one JSON object (schema in docs/heap.md); top 0 = all. */
void report_heap_json(StrBuf *sb, const char *path, const char *base_path, const TopTable *t, size_t top);

#endif
