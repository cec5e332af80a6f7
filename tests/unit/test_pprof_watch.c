/* test_pprof_watch.c - the watch verdict on synthetic series: warm-up
 * steps, restarts and segment choice, gaps, thresholds, and the directory
 * round trip (write, log, load). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "watch/watch.h"
#include "util/strbuf.h"

static int failures;

#define EXPECT(name, cond)                                                \
    do {                                                                  \
        if (cond)                                                         \
            printf("PASS %s\n", name);                                    \
        else {                                                            \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);     \
            failures++;                                                   \
        }                                                                 \
    } while (0)

/* A legacy text heap profile with one site holding `bytes` in use and a
 * cumulative allocation total of `alloc` bytes. */
static Profile *heap_profile(long bytes, long alloc)
{
    char text[512];
    snprintf(text, sizeof text,
             "heap profile: 1: %ld [1: %ld] @ heap/1\n"
             "1: %ld [1: %ld] @ 0x1\n"
             "#\t0x1\tmain.keep+0x1\t/app/keep.go:42\n",
             bytes, alloc, bytes, alloc);
    char err[200];
    return pprof_parse(text, strlen(text), err, sizeof err);
}

static void add(WatchStore *w, double t, long bytes, long alloc)
{
    Profile *p = heap_profile(bytes, alloc);
    watch_store_add(w, t, NULL, p);
    pprof_free(p);
}

static const Verdict *only(const WatchResult *r)
{
    return r->items.len == 1 ? &r->items.items[0] : NULL;
}

int main(void)
{
    WatchParams prm;
    watch_params_default(&prm);
    WatchResult r;
    WatchStore w;

    /* Steady growth of 1 MiB per snapshot: a leak at keep.go:42. */
    watch_store_init(&w);
    for (int i = 0; i < 20; i++)
        add(&w, i, (long)(i + 1) << 20, (long)(i + 1) << 21);
    watch_analyze(&w, &prm, &r);
    const Verdict *v = only(&r);
    EXPECT("watch/steady-growth-is-leak", v && v->leak && v->series->line == 42 &&
                                              strcmp(v->series->file, "/app/keep.go") == 0);
    EXPECT("watch/slope-per-minute", v && fabs(v->slope_per_min - 60.0 * (1 << 20)) < 1);
    watch_result_free(&r);
    watch_store_free(&w);

    /* A warm-up step early on, then a flat level: not a leak. */
    watch_store_init(&w);
    for (int i = 0; i < 20; i++)
        add(&w, i, i < 3 ? 1L << 20 : 8L << 20, (long)(i + 1) << 24);
    watch_analyze(&w, &prm, &r);
    v = only(&r);
    EXPECT("watch/warm-up-step-not-leak", v && !v->leak && v->slope_per_min == 0);
    watch_result_free(&r);
    watch_store_free(&w);

    /* Growth, then the service restarts (allocation total drops) and stays
     * flat: the latest segment is judged, and it does not grow. */
    watch_store_init(&w);
    for (int i = 0; i < 10; i++)
        add(&w, i, (long)(i + 1) << 20, (long)(i + 1) << 24);
    for (int i = 10; i < 20; i++)
        add(&w, i, 1L << 20, (long)(i + 1) << 20);
    EXPECT("watch/restart-detected", w.gaps.len == 1 && w.gaps.items[0].restart && w.snaps.items[19].segment == 1);
    watch_analyze(&w, &prm, &r);
    v = only(&r);
    EXPECT("watch/latest-segment-judged", v && v->segment == 1 && !v->leak);
    watch_result_free(&r);
    /* With too few points after the restart, the segment before counts. */
    prm.min_snapshots = 11;
    watch_analyze(&w, &prm, &r);
    v = only(&r);
    EXPECT("watch/longest-segment-fallback", v && v->segment == 0 && !v->leak &&
                                                 strcmp(v->why_not, "too few snapshots") == 0);
    watch_result_free(&r);
    prm.min_snapshots = 8;
    watch_store_free(&w);

    /* Gaps (snapshots without a heap profile) are skipped, not zeros. */
    watch_store_init(&w);
    for (int i = 0; i < 20; i++) {
        if (i % 4 == 3)
            watch_store_add(&w, i, NULL, NULL);
        else
            add(&w, i, (long)(i + 1) << 20, (long)(i + 1) << 24);
    }
    watch_analyze(&w, &prm, &r);
    v = only(&r);
    EXPECT("watch/gaps-skipped", v && v->leak && v->n == 15);
    watch_result_free(&r);

    /* Thresholds: the same growth is too small when 64 MiB are asked. */
    prm.min_heap_growth = 64.0 * (1 << 20);
    watch_analyze(&w, &prm, &r);
    v = only(&r);
    EXPECT("watch/min-growth", v && !v->leak && strcmp(v->why_not, "growth below the minimum") == 0);
    watch_result_free(&r);
    watch_params_default(&prm);
    watch_store_free(&w);

    /* Directory round trip: what watch writes, report reads back. */
    char dir[] = "/tmp/drip-unit-XXXXXX";
    if (!mkdtemp(dir)) {
        EXPECT("watch/mkdtemp", 0);
        return 1;
    }
    char *sub = xasprintf("%s/w", dir);
    WatchDir d;
    char err[256];
    EXPECT("watch/dir-create", watch_dir_create(&d, sub, "http://x", err, sizeof err));
    for (int i = 1; i <= 10; i++) {
        char text[512], name[64];
        snprintf(text, sizeof text, "heap profile: 1: %d [1: %d] @ heap/1\n1: %d [1: %d] @ 0x1\n#\t0x1\tmain.keep+0x1\t/app/keep.go:42\n",
                 i << 20, i << 21, i << 20, i << 21);
        snprintf(name, sizeof name, "%06d-heap.pb.gz", i);
        watch_dir_write(&d, name, text, strlen(text), err, sizeof err);
        watch_dir_log(&d, (unsigned)i, 1000 + i, "heap", name, "");
        if (i == 5)
            watch_dir_log(&d, 5, 1005.5, "gap", "-", "poll failed: tab\there");
    }
    watch_dir_close(&d);
    WatchDir again;
    EXPECT("watch/dir-not-reused", !watch_dir_create(&again, sub, "http://x", err, sizeof err) &&
                                       strstr(err, "already holds a watch"));
    char *url = NULL;
    watch_store_init(&w);
    EXPECT("watch/dir-load", watch_dir_load(sub, &w, &url, err, sizeof err) && url && strcmp(url, "http://x") == 0);
    EXPECT("watch/dir-load-snapshots", w.snaps.len == 10 && w.gaps.len == 1 &&
                                           strcmp(w.gaps.items[0].reason, "poll failed: tab here") == 0);
    watch_analyze(&w, &prm, &r);
    EXPECT("watch/dir-load-verdict", r.nleaks == 1);
    watch_result_free(&r);
    watch_store_free(&w);
    free(url);
    char *cmd = xasprintf("rm -rf '%s'", dir);
    EXPECT("watch/cleanup", system(cmd) == 0);
    free(cmd);
    free(sub);
    return failures ? 1 : 0;
}
