/* pprof_top.h - heap profile summaries: flat and cumulative values per
 * allocation site or per function (like `go tool pprof -top`), optionally
 * as the difference against a base profile (pprof's -diff_base). */
#ifndef DRIP_PPROF_TOP_H
#define DRIP_PPROF_TOP_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/arena.h"
#include "pprof.h"

typedef enum {
    TOP_BY_SITE,     /* first user-code frame: function at file:line */
    TOP_BY_FUNCTION, /* every function, like pprof's default granularity */
} TopGranularity;

/* Seed categories an allocation site can match. ORDER TopCategory */
typedef enum {
    CAT_NONE,
    CAT_SUBSLICE,   /* a substring or subslice keeps its whole buffer alive */
    CAT_GOROUTINE,  /* goroutine stacks and what they hold */
    CAT_MAP,        /* a map that only grows */
    CAT_COUNT_
} TopCategory;

typedef struct {
    const char *name;     /* function name */
    const char *file;     /* "" for function granularity without a file */
    int64_t line;         /* 0 for function granularity */
    bool user;            /* user code (not runtime or standard library) */
    int64_t flat, cum;    /* for the chosen sample index (diff: new - base) */
    int64_t base_flat;    /* base profile's flat value (diff only) */
    TopCategory category;
} TopRow;

typedef struct {
    Arena arena;          /* keys */
    TopRow *rows;         /* sorted: flat descending, then cum, then name */
    size_t nrows;
    int64_t total;        /* new profile's total (diff: new - base) */
    int64_t base_total;   /* base profile's total (diff only) */
    const char *type;     /* sample type shown, e.g. "inuse_space" */
    const char *unit;     /* e.g. "bytes" */
    bool diff;
    bool saturated;       /* some sum left the int64 range: shown at its end */
    const char *partial;  /* set by the caller: why a profile was read only in part, or NULL */
} TopTable;

/* Summarizes p (minus base, when base is not NULL) for sample index idx.
 * base must have the same sample type at some index; the caller checks. */
void pprof_top(TopTable *t, const Profile *p, const Profile *base, int idx, int base_idx,
               TopGranularity g);
void pprof_top_free(TopTable *t);

/* Name and advice for a category; "" for CAT_NONE. The name is the drip
 * check rule that finds the leak in the source when there is one
 * ("subslice-retention"), else a runtime-only kind ("unbounded-map");
 * drip explain documents each. */
const char *pprof_category_name(TopCategory c);
const char *pprof_category_hint(TopCategory c);

/* The category a sample's frames suggest, looking at the frames from the
 * leaf up to (and including) the first user-code frame. */
TopCategory pprof_sample_category(const PprofCode *c, const PprofSample *s);

#endif
