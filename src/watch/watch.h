/* watch.h - time series of goroutine groups and allocation sites built from
 * successive pprof snapshots of one service, the directory that drip watch
 * writes them to, and the verdict: which series grow steadily.
 *
 *   watch_store.c    series: add a snapshot, detect restarts, record gaps
 *   watch_dir.c      the output directory: snapshot files, index.tsv
 *   watch_analyze.c  the trend verdict per series (trend.h)
 *   watch_leak.c     Go's own verdict: the goroutineleak profile, its cost
 *   watch_http.c     polling the service with libcurl */
#ifndef DRIP_WATCH_H
#define DRIP_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/array.h"
#include "../util/hashmap.h"
#include "../pprof/pprof.h"

typedef enum { SERIES_GOROUTINES, SERIES_HEAP } SeriesKind;

typedef struct {
    SeriesKind kind;
    const char *key;       /* stack (goroutines) or site (heap) identity */
    const char *func;      /* function to blame */
    const char *file;
    int64_t line;
    const char *what;      /* e.g. "chan send" or "inuse_space" */
    const char *category;  /* leak kind (seed_leak_id: a rule name drip explain documents), or "" */
    const char *fix;       /* the usual fix, or "" */
    bool idle;             /* idle by design: never blamed */
    Array(double) values;  /* one per snapshot; NAN where not measured */
} Series;

typedef struct {
    double t;              /* seconds since the Unix epoch */
    int segment;           /* restarts start a new segment */
    bool has_goroutines, has_heap;
    double goroutines;     /* total goroutines, NAN if not measured */
    double heap_inuse;     /* total inuse_space bytes, NAN if not measured */
} Snapshot;

typedef struct {
    double t;
    const char *reason;    /* e.g. "poll failed: connection refused" */
    bool restart;          /* the service restarted here */
} Gap;

/* One poll of /debug/pprof/goroutineleak (Go 1.26 experiment, 1.27): the
 * runtime runs a GC that marks goroutines blocked on unreachable objects as
 * leaked, which costs a stop-the-world pause growing with the number of
 * goroutines; its cost is kept with the result. */
typedef struct {
    double t;
    double request_ms;     /* wall time of the request, as drip measured it */
    double gc_pause_ms;    /* server's stop-the-world pauses during it, NAN if unknown */
    int gc_cycles;         /* GC cycles those pauses belong to (0: unknown) */
    uint64_t goroutines;   /* in the profile */
    uint64_t leaked;       /* marked (leaked) by the runtime */
    size_t places;         /* distinct places of the leaked ones */
} LeakPoll;

/* A place where goroutines are proven leaked (latest leak poll). */
typedef struct {
    const char *func, *file;
    int64_t line;
    const char *what;      /* e.g. "chan send" */
    const char *category, *fix; /* leak kind (a name drip explain documents) and fix, or "" */
    const char *created_func, *created_file; /* "" when unknown */
    int64_t created_line;
    uint64_t goroutines;   /* leaked goroutines there */
    const char *cause_kind, *cause_text; /* why it is stuck, from the source
                                            (dump_explain), or "" */
    const char *rule, *rule_msg; /* the drip check finding at the site, or "" */
} ProvenLeak;

typedef struct {
    Arena arena;
    Array(Snapshot) snaps;
    Array(Gap) gaps;
    Array(Series *) series;
    HashMap index;         /* key -> Series* */
    int segment;           /* current segment */
    /* Restart detection: cumulative counters never drop while the process
     * lives, and profile time never goes backwards. */
    int64_t last_alloc_space; /* alloc_space total of the last heap */
    int64_t last_time_nanos;
    char *scratch;         /* key building */
    size_t scratch_cap;
    /* The goroutineleak profile: every poll's cost, the proven leaks of
     * the latest one, and, when it was not used, why not. */
    Array(LeakPoll) leak_polls;
    Array(ProvenLeak) proven;
    double proven_t;       /* time of the poll that found them */
    const char *leak_status; /* NULL: used (or not yet); else e.g. "off (--no-leak-profile)" */
    double leak_interval;  /* seconds between leak polls, 0 if unknown */
    size_t leak_errors;    /* leak polls that failed (timeouts, ...) */
    /* Explaining proven leaks from the source (as drip goroutines does). */
    bool explain;          /* default true */
    const char *source_dir, *trim_prefix; /* --source, --trim-prefix, or NULL */
} WatchStore;

void watch_store_init(WatchStore *w);
void watch_store_free(WatchStore *w);

/* Adds one snapshot taken at t; either profile may be NULL (not measured).
 * Returns true when it detected a restart of the service (and recorded
 * it as a gap). */
bool watch_store_add(WatchStore *w, double t, const Profile *goroutines, const Profile *heap);
void watch_store_gap(WatchStore *w, double t, const char *reason, bool restart);

/* Reads a goroutineleak profile at debug=2 (text; gzip or plain) taken at
 * t, with the poll's cost (t, goroutines, leaked and places are filled in
 * here): records the poll and replaces the proven leaks. Returns false
 * when the text holds no goroutine stacks. */
bool watch_store_add_leaks(WatchStore *w, const char *data, size_t len, const LeakPoll *cost, double t);
/* Sets why the leak profile is not used (copied). */
void watch_store_leak_status(WatchStore *w, const char *status);

/* The server's GC pauses during a leak poll, from the "# runtime.MemStats"
 * part of legacy heap profiles (heap?debug=1) fetched right before and
 * right after it: NumGC of the one before, then the sum of PauseNs of the
 * cycles since, from the one after. False when the text lacks them. */
bool watch_gc_count(const char *text, size_t len, uint64_t *numgc);
bool watch_gc_pauses(const char *text, size_t len, uint64_t numgc_before, double *pause_ms, int *cycles);

/* The cost of a leak poll as an index.tsv note and back:
 * "request_ms=3.712 gc_pause_ms=2.104 gc_cycles=1" (gc_pause_ms=- unknown). */
void watch_leak_note(char *buf, size_t n, const LeakPoll *c);
bool watch_leak_parse_note(const char *note, LeakPoll *c);

/* Verdict parameters. */
typedef struct {
    size_t min_snapshots;    /* fewer points: never a leak (default 8) */
    double alpha;            /* Mann-Kendall one-sided p-value bound (0.01) */
    double min_goroutine_slope; /* goroutines per minute (default 1) */
    double min_goroutine_growth;/* goroutines over the window (default 5) */
    double min_heap_slope;   /* bytes per minute (default 64 KiB) */
    double min_heap_growth;  /* bytes over the window (default 256 KiB) */
    double min_rel_growth;   /* growth / starting level (default 0.2) */
    size_t max_points;       /* thin longer series to this (default 256) */
} WatchParams;

void watch_params_default(WatchParams *p);

typedef struct {
    const Series *series;
    int segment;           /* the segment judged */
    size_t n;              /* points in it */
    double p_up;
    double slope_per_min;  /* Theil-Sen, per minute */
    double growth;         /* slope times the segment's time span */
    double first, last;    /* values at the segment's ends */
    double start_level;    /* Sen line at the segment's start */
    bool leak;             /* trend or proven */
    bool trend;            /* the trend conditions hold */
    const char *why_not;   /* for non-leaks: the failed condition */
    const ProvenLeak *proven; /* Go marked goroutines here leaked, or NULL */
} Verdict;

typedef struct {
    Array(Verdict) items;  /* leaks first (by growth), then the rest */
    size_t nleaks;         /* leaking series plus proven_only */
    size_t ngoroutine_leaks, nheap_leaks; /* ngoroutine_leaks counts proven_only */
    size_t nproven;        /* places Go proved leaked */
    uint64_t proven_goroutines;
    Array(const ProvenLeak *) proven_only; /* proven places no series stands for */
    size_t usable;         /* snapshots in the longest segment */
    size_t need;           /* the minimum for a verdict (min_snapshots) */
    bool inconclusive;     /* no leak, and too few snapshots to say none */
} WatchResult;

void watch_analyze(const WatchStore *w, const WatchParams *p, WatchResult *out);
/* Snapshots in the longest segment (between restarts), and in the last one. */
size_t watch_usable_snapshots(const WatchStore *w, size_t *in_last);
void watch_result_free(WatchResult *r);

/* The segment a series is judged on: the latest one with at least
 * min_snapshots measured points, else the one with the most. */
int watch_pick_segment(const WatchStore *w, const Series *s, size_t min_snapshots);

/* ---- the output directory (watch_dir.c) ---- */

typedef struct {
    char *dir;
    FILE *index;           /* index.tsv, appended line by line */
} WatchDir;

/* Creates dir (one level) and its index; fails when dir already holds a
 * watch. err gets the reason. */
bool watch_dir_create(WatchDir *d, const char *dir, const char *url, char *err, size_t errlen);
/* Writes data to dir/name atomically (temporary file, then rename). */
bool watch_dir_write(WatchDir *d, const char *name, const void *data, size_t len, char *err, size_t errlen);
/* The same, gzip-compressed. */
bool watch_dir_write_gz(WatchDir *d, const char *name, const void *data, size_t len, char *err, size_t errlen);
/* Streams a snapshot in: watch_dir_begin creates DIR/.NAME.tmp and returns
 * its descriptor (-1 with err set) and, in *tmp, its path (xmalloc'd);
 * watch_dir_end closes it and renames it to DIR/NAME when keep, else
 * removes it. */
int watch_dir_begin(WatchDir *d, const char *name, char **tmp, char *err, size_t errlen);
bool watch_dir_end(WatchDir *d, const char *name, int fd, char *tmp, bool keep, char *err, size_t errlen);
/* Appends one index record: seq, time, kind ("goroutine", "heap", "gap",
 * "restart", "goroutineleak", "leakprofile"), file name or "-", and a note. */
void watch_dir_log(WatchDir *d, unsigned seq, double t, const char *kind, const char *file, const char *note);
/* Appends a header line "# key<TAB>value". */
void watch_dir_comment(WatchDir *d, const char *key, const char *value);
void watch_dir_close(WatchDir *d);

/* Reads dir/index.tsv and every snapshot it names into w. Unreadable
 * snapshots become gaps with a warning. Returns false with err when the
 * directory has no index. */
bool watch_dir_load(const char *dir, WatchStore *w, char **url, char *err, size_t errlen);

#endif
