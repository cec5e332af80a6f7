/* fuzz_watchdir.c - libFuzzer harness for the watch directory reader
 * (drip report DIR). The input is split at each "\n==\n": the first part is
 * index.tsv, the next ones (up to 8) become the snapshots 000001-heap.pb.gz
 * ... 000008-goroutine.pb.gz that an index may name. The directory is read
 * back, judged and written as text, JSON and HTML, as drip report does.
 * The budget (--max-memory) bounds every snapshot, not a length cap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report_watch.h"
#include "watch/watch.h"
#include "util/limits.h"
#include "util/util.h"

static char dir[64];

static void put(const char *name, const uint8_t *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n)
        fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/drip-fuzz-watchdir.XXXXXX");
        if (!mkdtemp(dir))
            abort();
        sink = fopen("/dev/null", "w");
        limits.max_memory = (size_t)4 << 20; /* short runs; the bound is what is fuzzed */
    }
    static const char *const names[] = {"000001-heap.pb.gz", "000001-goroutine.pb.gz", "000002-heap.pb.gz",
                                        "000002-goroutine.pb.gz", "000003-heap.pb.gz", "000004-heap.pb.gz",
                                        "000005-heap.pb.gz", "000006-heap.pb.gz"};
    const uint8_t *p = data, *end = data + size;
    int part = 0;
    while (part <= 8) {
        const uint8_t *cut = NULL;
        for (const uint8_t *q = p; q + 4 <= end; q++)
            if (memcmp(q, "\n==\n", 4) == 0) {
                cut = q;
                break;
            }
        const uint8_t *e = cut ? cut : end;
        put(part == 0 ? "index.tsv" : names[part - 1], p, (size_t)(e - p));
        part++;
        if (!cut)
            break;
        p = cut + 4;
    }
    for (; part <= 8; part++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, part == 0 ? "index.tsv" : names[part - 1]);
        unlink(path);
    }
    WatchStore w;
    watch_store_init(&w);
    char err[512], *url = NULL;
    if (watch_dir_load(dir, &w, &url, err, sizeof err) && w.snaps.len) {
        WatchParams prm;
        watch_params_default(&prm);
        prm.min_snapshots = 2;
        WatchReportOpts o = {.source = url ? url : dir, .color = true, .max_items = 3};
        WatchResult r;
        watch_analyze(&w, &prm, &r);
        report_watch_text(sink, &w, &r, &o);
        StrBuf sb;
        sb_init(&sb);
        report_watch_json(&sb, &w, &r, &o);
        report_watch_html(&sb, &w, &r, &o);
        sb_free(&sb);
        watch_result_free(&r);
    }
    free(url);
    watch_store_free(&w);
    return 0;
}
