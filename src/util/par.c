/* par.c - a minimal dynamic work-sharing loop over pthreads. */
#include "par.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "util.h"

typedef struct {
    size_t n;
    atomic_size_t next;
    void (*fn)(void *, size_t, int);
    void *ctx;
} Shared;

typedef struct {
    Shared *sh;
    int worker;
} Worker;

static void *run(void *arg)
{
    Worker *w = arg;
    Shared *sh = w->sh;
    for (;;) {
        size_t i = atomic_fetch_add(&sh->next, 1);
        if (i >= sh->n)
            break;
        sh->fn(sh->ctx, i, w->worker);
    }
    return NULL;
}

int par_threads(void)
{
    const char *env = getenv("DRIP_THREADS");
    if (env && atoi(env) > 0)
        return atoi(env);
    return cpu_count();
}

void par_for(size_t n, int threads, void (*fn)(void *ctx, size_t i, int worker), void *ctx)
{
    if (threads <= 0)
        threads = par_threads();
    if ((size_t)threads > n)
        threads = n ? (int)n : 1;
    Shared sh = {.n = n, .fn = fn, .ctx = ctx};
    atomic_init(&sh.next, 0);
    Worker *ws = xcalloc((size_t)threads, sizeof(Worker));
    pthread_t *tids = xcalloc((size_t)threads, sizeof(pthread_t));
    for (int t = 1; t < threads; t++) {
        ws[t] = (Worker){&sh, t};
        if (pthread_create(&tids[t], NULL, run, &ws[t]) != 0)
            ws[t].sh = NULL; /* could not start: the others pick up its share */
    }
    ws[0] = (Worker){&sh, 0};
    run(&ws[0]);
    for (int t = 1; t < threads; t++)
        if (ws[t].sh)
            pthread_join(tids[t], NULL);
    free(ws);
    free(tids);
}
