/* par.c - a minimal dynamic work-sharing loop over pthreads, and a feed
 * for items that arrive while it runs. */
#include "par.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "array.h"
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

typedef struct FeedWorker FeedWorker;

struct ParFeed {
    pthread_mutex_t mu;
    pthread_cond_t more;    /* an item was added, or the feed ended */
    Array(void *) items;
    size_t next;            /* the next item to hand out */
    bool ended;
    void (*fn)(void *, void *, int);
    void *ctx;
    int threads;
    pthread_t *tids;
    FeedWorker *ws;
};

struct FeedWorker {
    ParFeed *f;
    int worker;
    bool started;
};

/* Hands out items until the feed has ended and none is left. */
static void feed_run(ParFeed *f, int worker)
{
    for (;;) {
        pthread_mutex_lock(&f->mu);
        while (f->next >= f->items.len && !f->ended)
            pthread_cond_wait(&f->more, &f->mu);
        bool got = f->next < f->items.len;
        void *item = got ? f->items.items[f->next++] : NULL;
        pthread_mutex_unlock(&f->mu);
        if (!got)
            return;
        f->fn(f->ctx, item, worker);
    }
}

static void *feed_thread(void *arg)
{
    FeedWorker *w = arg;
    feed_run(w->f, w->worker);
    return NULL;
}

ParFeed *par_feed_start(int threads, void (*fn)(void *ctx, void *item, int worker), void *ctx)
{
    ParFeed *f = xcalloc(1, sizeof *f);
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->more, NULL);
    f->fn = fn;
    f->ctx = ctx;
    f->threads = threads > 0 ? threads : par_threads();
    f->tids = xcalloc((size_t)f->threads, sizeof(pthread_t));
    f->ws = xcalloc((size_t)f->threads, sizeof(FeedWorker));
    for (int t = 1; t < f->threads; t++) {
        f->ws[t] = (FeedWorker){f, t, false};
        /* one that cannot start leaves its share to the others */
        f->ws[t].started = pthread_create(&f->tids[t], NULL, feed_thread, &f->ws[t]) == 0;
    }
    return f;
}

void par_feed_add(ParFeed *f, void *item)
{
    pthread_mutex_lock(&f->mu);
    array_push(&f->items, item);
    pthread_cond_signal(&f->more);
    pthread_mutex_unlock(&f->mu);
}

void **par_feed_end(ParFeed *f, size_t *n)
{
    pthread_mutex_lock(&f->mu);
    f->ended = true;
    pthread_cond_broadcast(&f->more);
    pthread_mutex_unlock(&f->mu);
    feed_run(f, 0);
    for (int t = 1; t < f->threads; t++)
        if (f->ws[t].started)
            pthread_join(f->tids[t], NULL);
    void **items = f->items.items;
    *n = f->items.len;
    pthread_cond_destroy(&f->more);
    pthread_mutex_destroy(&f->mu);
    free(f->tids);
    free(f->ws);
    free(f);
    return items;
}
