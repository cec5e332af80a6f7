/* par.h - run a function over n work items on all cores. */
#ifndef DRIP_PAR_H
#define DRIP_PAR_H

#include <stddef.h>

/* Calls fn(ctx, i, worker) for every i in [0, n), from `threads` threads
 * (0 means one per CPU). Items are handed out dynamically, so uneven items
 * balance. worker is in [0, threads) and lets fn use per-thread state. */
void par_for(size_t n, int threads, void (*fn)(void *ctx, size_t i, int worker), void *ctx);

/* A feed: par_for over items that arrive while the workers already run,
 * such as the files a directory walk finds. Workers start at
 * par_feed_start and call fn(ctx, item, worker) for each item added, in
 * any order, from `threads` threads (0: par_threads()); worker is in
 * [0, threads) and the caller of par_feed_end is worker 0. */
typedef struct ParFeed ParFeed;
ParFeed *par_feed_start(int threads, void (*fn)(void *ctx, void *item, int worker), void *ctx);
void par_feed_add(ParFeed *f, void *item);
/* No more items: the caller works too until every item is done. Frees the
 * feed and returns the items in the order they were added (xmalloc'ed;
 * their number in *n). */
void **par_feed_end(ParFeed *f, size_t *n);

/* The thread count par_for uses for threads == 0. */
int par_threads(void);

#endif
