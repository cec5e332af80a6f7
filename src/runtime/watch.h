/* watch.h - time series of goroutine groups and allocation sites built from
 * successive pprof snapshots of one service, the directory that drip watch
 * writes them to, and the verdict: which series grow steadily.
 *
 *   watch_store.c    series: add a snapshot, detect restarts, record gaps
 *   watch_dir.c      the output directory: snapshot files, index.tsv
 *   watch_analyze.c  the trend verdict per series (trend.h)
 *   watch_http.c     polling the service with libcurl */
#ifndef DRIP_WATCH_H
#define DRIP_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/array.h"
#include "../util/hashmap.h"
#include "pprof.h"

typedef enum { SERIES_GOROUTINES, SERIES_HEAP } SeriesKind;

typedef struct {
    SeriesKind kind;
    const char *key;       /* stack (goroutines) or site (heap) identity */
    const char *func;      /* function to blame */
    const char *file;
    int64_t line;
    const char *what;      /* e.g. "chan send" or "inuse_space" */
    const char *category;  /* seed category name, or "" */
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
} WatchStore;

void watch_store_init(WatchStore *w);
void watch_store_free(WatchStore *w);

/* Adds one snapshot taken at t; either profile may be NULL (not measured).
 * Returns true when it detected a restart of the service (and recorded
 * it as a gap). */
bool watch_store_add(WatchStore *w, double t, const Profile *goroutines, const Profile *heap);
void watch_store_gap(WatchStore *w, double t, const char *reason, bool restart);

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
    bool leak;
    const char *why_not;   /* for non-leaks: the failed condition */
} Verdict;

typedef struct {
    Array(Verdict) items;  /* leaks first (by growth), then the rest */
    size_t nleaks;
    size_t ngoroutine_leaks, nheap_leaks;
} WatchResult;

void watch_analyze(const WatchStore *w, const WatchParams *p, WatchResult *out);
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
/* Streams a snapshot in: watch_dir_begin creates DIR/.NAME.tmp and returns
 * its descriptor (-1 with err set) and, in *tmp, its path (xmalloc'd);
 * watch_dir_end closes it and renames it to DIR/NAME when keep, else
 * removes it. */
int watch_dir_begin(WatchDir *d, const char *name, char **tmp, char *err, size_t errlen);
bool watch_dir_end(WatchDir *d, const char *name, int fd, char *tmp, bool keep, char *err, size_t errlen);
/* Appends one index record: seq, time, kind ("goroutine", "heap", "gap",
 * "restart"), file name or "-", and a note. */
void watch_dir_log(WatchDir *d, unsigned seq, double t, const char *kind, const char *file, const char *note);
void watch_dir_close(WatchDir *d);

/* Reads dir/index.tsv and every snapshot it names into w. Unreadable
 * snapshots become gaps with a warning. Returns false with err when the
 * directory has no index. */
bool watch_dir_load(const char *dir, WatchStore *w, char **url, char *err, size_t errlen);

#endif
