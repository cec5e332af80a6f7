/* par.h - run a function over n work items on all cores. */
#ifndef DRIP_PAR_H
#define DRIP_PAR_H

#include <stddef.h>

/* Calls fn(ctx, i, worker) for every i in [0, n), from `threads` threads
 * (0 means one per CPU). Items are handed out dynamically, so uneven items
 * balance. worker is in [0, threads) and lets fn use per-thread state. */
void par_for(size_t n, int threads, void (*fn)(void *ctx, size_t i, int worker), void *ctx);

/* The thread count par_for uses for threads == 0. */
int par_threads(void);

#endif
