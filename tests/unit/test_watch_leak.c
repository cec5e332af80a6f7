/* test_watch_leak.c - Go's leak verdict in a watch: proven leaks read from
 * a goroutineleak dump (debug=2), their place in the verdict, the GC
 * pauses read from runtime.MemStats, the cost note, and the directory
 * round trip. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "watch/watch.h"
#include "util/strbuf.h"
#include "util/util.h"

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

/* The shape Go 1.27 writes for goroutineleak?debug=2: every goroutine,
 * the leaked ones marked in the header. */
static const char dump[] =
    "goroutine 1 [IO wait]:\n"
    "internal/poll.runtime_pollWait(0x7f, 0x72)\n"
    "\t/go/src/runtime/netpoll.go:351 +0x85\n"
    "main.main()\n"
    "\t/app/main.go:9 +0x1d\n"
    "\n"
    "goroutine 7 [chan send (leaked)]:\n"
    "main.worker(0xc000012345)\n"
    "\t/app/w.go:12 +0x2b\n"
    "created by main.start in goroutine 1\n"
    "\t/app/w.go:20 +0x45\n"
    "\n"
    "goroutine 8 [chan send (leaked)]:\n"
    "main.worker(0xc000012399)\n"
    "\t/app/w.go:12 +0x2b\n"
    "created by main.start in goroutine 1\n"
    "\t/app/w.go:20 +0x45\n"
    "\n"
    "goroutine 9 [chan receive]:\n"
    "main.waiter()\n"
    "\t/app/w.go:30 +0x2b\n"
    "created by main.start in goroutine 1\n"
    "\t/app/w.go:21 +0x45\n";

/* "# runtime.MemStats" as the legacy heap profile ends: PauseNs[i] = i*1000
 * + 7, NumGC = numgc. */
static char *memstats(unsigned numgc)
{
    StrBuf sb;
    sb_init(&sb);
    sb_puts(&sb, "heap profile: 0: 0 [0: 0] @ heap/1048576\n\n# runtime.MemStats\n# Alloc = 1\n# PauseNs = [");
    for (int i = 0; i < 256; i++)
        sb_printf(&sb, i ? " %d" : "%d", i * 1000 + 7);
    sb_puts(&sb, "]\n# PauseEnd = [");
    for (int i = 0; i < 256; i++)
        sb_printf(&sb, i ? " %d" : "%d", i);
    sb_printf(&sb, "]\n# NumGC = %u\n# NumForcedGC = 0\n", numgc);
    return sb.data;
}

static void test_memstats(void)
{
    char *m = memstats(300);
    uint64_t n = 0;
    EXPECT("leak/gc-count", watch_gc_count(m, strlen(m), &n) && n == 300);
    double ms = 0;
    int cycles = 0;
    /* cycles 299 and 300 are at PauseNs[298 % 256] and PauseNs[299 % 256] */
    EXPECT("leak/gc-pauses", watch_gc_pauses(m, strlen(m), 298, &ms, &cycles) && cycles == 2 &&
                                 fabs(ms - (42 * 1000 + 7 + 43 * 1000 + 7) / 1e6) < 1e-12);
    EXPECT("leak/gc-pauses-none", watch_gc_pauses(m, strlen(m), 300, &ms, &cycles) && cycles == 0 && ms == 0);
    EXPECT("leak/gc-count-went-back", !watch_gc_pauses(m, strlen(m), 301, &ms, &cycles));
    free(m);
    static const char none[] = "heap profile: 0: 0 [0: 0] @ heap/1048576\n";
    EXPECT("leak/gc-no-memstats", !watch_gc_count(none, sizeof none - 1, &n));
}

static void test_note(void)
{
    LeakPoll c = {.request_ms = 12.5, .gc_pause_ms = 3.25, .gc_cycles = 1}, back;
    char note[200];
    watch_leak_note(note, sizeof note, &c);
    EXPECT("leak/note-round-trip", watch_leak_parse_note(note, &back) && back.request_ms == 12.5 &&
                                       back.gc_pause_ms == 3.25 && back.gc_cycles == 1);
    c.gc_pause_ms = NAN;
    watch_leak_note(note, sizeof note, &c);
    EXPECT("leak/note-unknown-pause", watch_leak_parse_note(note, &back) && isnan(back.gc_pause_ms) &&
                                          strstr(note, "gc_pause_ms=-"));
    EXPECT("leak/note-bad", !watch_leak_parse_note("whatever", &back));
}

static void test_proven(void)
{
    WatchStore w;
    watch_store_init(&w);
    LeakPoll cost = {.request_ms = 4, .gc_pause_ms = 1, .gc_cycles = 1};
    EXPECT("leak/not-a-dump", !watch_store_add_leaks(&w, "hello\n", 6, &cost, 10) && w.leak_polls.len == 0);
    EXPECT("leak/read", watch_store_add_leaks(&w, dump, sizeof dump - 1, &cost, 10));
    const ProvenLeak *p = w.proven.len ? &w.proven.items[0] : NULL;
    EXPECT("leak/one-place", w.proven.len == 1 && p->goroutines == 2);
    EXPECT("leak/place", p && strcmp(p->func, "main.worker") == 0 && strcmp(p->file, "/app/w.go") == 0 &&
                             p->line == 12 && strcmp(p->what, "chan send") == 0);
    EXPECT("leak/created-by", p && strcmp(p->created_func, "main.start") == 0 && p->created_line == 20);
    const LeakPoll *lp = w.leak_polls.len ? &w.leak_polls.items[0] : NULL;
    EXPECT("leak/poll", lp && lp->goroutines == 4 && lp->leaked == 2 && lp->places == 1 && lp->request_ms == 4 &&
                            lp->t == 10);
    /* No series stands for the place: still a leak, and a goroutine one. */
    WatchParams prm;
    watch_params_default(&prm);
    WatchResult r;
    watch_analyze(&w, &prm, &r);
    EXPECT("leak/proven-only-is-a-leak", r.nleaks == 1 && r.ngoroutine_leaks == 1 && r.nproven == 1 &&
                                             r.proven_goroutines == 2 && r.proven_only.len == 1);
    watch_result_free(&r);
    /* A later poll replaces the places: leaked goroutines stay leaked, so
     * the latest poll has them all. */
    static const char clean[] = "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d\n";
    EXPECT("leak/replaced", watch_store_add_leaks(&w, clean, sizeof clean - 1, &cost, 20) && w.proven.len == 0 &&
                                w.leak_polls.len == 2);
    watch_analyze(&w, &prm, &r);
    EXPECT("leak/none-proven", r.nleaks == 0 && r.nproven == 0);
    watch_result_free(&r);
    watch_store_free(&w);
}

static void test_dir(void)
{
    char dir[] = "/tmp/drip-unit-XXXXXX";
    if (!mkdtemp(dir)) {
        EXPECT("leak/mkdtemp", 0);
        return;
    }
    char *sub = xasprintf("%s/w", dir);
    WatchDir d;
    char err[256], note[200];
    EXPECT("leak/dir-create", watch_dir_create(&d, sub, "http://x", err, sizeof err));
    watch_dir_comment(&d, "leak-interval", "60");
    LeakPoll c = {.request_ms = 7.5, .gc_pause_ms = 2.5, .gc_cycles = 1};
    watch_leak_note(note, sizeof note, &c);
    EXPECT("leak/dir-write-gz", watch_dir_write_gz(&d, "000001-goroutineleak.txt.gz", dump, sizeof dump - 1, err,
                                                   sizeof err));
    watch_dir_log(&d, 1, 1001, "goroutineleak", "000001-goroutineleak.txt.gz", note);
    watch_dir_log(&d, 2, 1002, "leakerror", "-", "timeout");
    watch_dir_close(&d);
    WatchStore w;
    watch_store_init(&w);
    EXPECT("leak/dir-load", watch_dir_load(sub, &w, NULL, err, sizeof err));
    EXPECT("leak/dir-load-poll", w.leak_polls.len == 1 && w.leak_polls.items[0].request_ms == 7.5 &&
                                     w.leak_polls.items[0].gc_pause_ms == 2.5 && w.leak_polls.items[0].t == 1001);
    EXPECT("leak/dir-load-proven", w.proven.len == 1 && w.proven.items[0].goroutines == 2);
    EXPECT("leak/dir-load-interval-errors", w.leak_interval == 60 && w.leak_errors == 1 && !w.leak_status);
    watch_store_free(&w);
    char *cmd = xasprintf("rm -rf '%s'", dir);
    EXPECT("leak/cleanup", system(cmd) == 0);
    free(cmd);
    free(sub);
}

int main(void)
{
    test_memstats();
    test_note();
    test_proven();
    test_dir();
    return failures ? 1 : 0;
}
