/* classify.h - what a goroutine is blocked on, and whether that is a leak.
 *
 * Shared by goroutine dumps (dump_*) and pprof goroutine profiles (pprof_*):
 * from the wait reason a dump prints in the goroutine header ("chan send",
 * "semacquire", ... or nothing, as in a profile) and the function names of
 * its frames, leaf first, it tells the blocking category, whether the state
 * blocks forever when something leaks (a suspect) or is idle by design, the
 * seed's leak category that matches and its usual fix, and which frame is
 * the first one in user code (the frame to blame).
 *
 * The API is stable: callers in other areas copy these two files. */
#ifndef DRIP_CLASSIFY_H
#define DRIP_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

/* What a goroutine waits for. ORDER BLOCK: keep block_names in classify.c
 * in step. */
typedef enum {
    BLOCK_UNKNOWN,
    BLOCK_RUNNING,        /* running, runnable, preempted: not blocked */
    BLOCK_CHAN_SEND,
    BLOCK_CHAN_RECV,
    BLOCK_NIL_CHAN_SEND,
    BLOCK_NIL_CHAN_RECV,
    BLOCK_SELECT,
    BLOCK_SELECT_NO_CASES,
    BLOCK_MUTEX,          /* sync.Mutex.Lock */
    BLOCK_RWMUTEX_READ,   /* sync.RWMutex.RLock */
    BLOCK_RWMUTEX_WRITE,  /* sync.RWMutex.Lock */
    BLOCK_COND_WAIT,      /* sync.Cond.Wait */
    BLOCK_WAITGROUP,      /* sync.WaitGroup.Wait */
    BLOCK_SEMACQUIRE,     /* a runtime semaphore outside package sync */
    BLOCK_IO_WAIT,        /* network poller: listeners, idle connections */
    BLOCK_SYSCALL,
    BLOCK_SLEEP,          /* time.Sleep */
    BLOCK_IDLE_RUNTIME,   /* GC workers, finalizer, signal loop, timers */
    BLOCK_COROUTINE,      /* an iter.Pull coroutine waiting for next or stop */
    BLOCK__COUNT
} BlockKind;

/* The leak categories of the seed catalogue that a blocked goroutine can
 * show. ORDER SEED: keep seed_table in classify.c in step. */
typedef enum {
    SEED_NONE,
    SEED_SEND_NO_RECEIVER,   /* send on a channel nobody receives from */
    SEED_RECV_NO_SENDER,     /* receive on a channel nobody sends to or closes */
    SEED_NIL_CHAN,           /* send or receive on a nil channel */
    SEED_SELECT_NO_EXIT,     /* for-select that cannot exit */
    SEED_SELECT_NO_CASES,    /* select {} */
    SEED_MUTEX_NOT_UNLOCKED, /* mutex never unlocked */
    SEED_LOCK_ORDER,         /* AB-BA deadlock (set by whole-dump analysis) */
    SEED_COND_NO_SIGNAL,     /* sync.Cond waited on, never signalled */
    SEED_WAITGROUP,          /* WaitGroup.Wait whose counter never reaches 0 */
    SEED_SEMAPHORE,          /* semaphore never released */
    SEED_TICKER,             /* ticker never stopped */
    SEED_PULL_NOT_STOPPED,   /* iter.Pull whose stop is never called */
    SEED__COUNT
} SeedLeak;

/* What the source says of the blamed frame's line (dump_syntax.c). */
typedef struct {
    BlockKind op;            /* select, send, receive (range too), Lock,
                                RLock; BLOCK_UNKNOWN when none */
    bool ticker;             /* it receives from x.C or time.Tick(...) */
} SourceOp;

typedef struct {
    const char *wait;        /* text inside [...] of the header, e.g.
                                "chan send, 5 minutes"; NULL or "" if none */
    const char *const *funcs;/* frame function names, leaf first */
    size_t nfuncs;
    const SourceOp *src;     /* optional: the blamed frame's line, from its
                                syntax, or NULL; spots tickers, and gives
                                the operation of stacks with no wait reason
                                and no runtime frames (debug=1 profiles) */
} ClassifyInput;

typedef struct {
    BlockKind kind;
    bool suspect;   /* blocks forever when something leaks */
    bool idle;      /* idle by design: shown, never blamed */
    SeedLeak seed;  /* SEED_NONE unless suspect */
    int blame;      /* index in funcs of the first user frame, or -1 */
} Classification;

/* Classifies one goroutine (or one stack of a profile). */
void classify_goroutine(const ClassifyInput *in, Classification *out);

/* The category of a wait reason alone ("chan send", "sync.Mutex.Lock",
 * "GC worker (idle)", ...; trailing ", N minutes" and the like are
 * ignored). BLOCK_UNKNOWN for "" and reasons it does not know. */
BlockKind classify_wait_reason(const char *wait);

/* True when func belongs to the Go runtime or standard library: its
 * package path's first element has no dot and is a standard root
 * (runtime, sync, net, internal, vendor, ...). "main.f",
 * "github.com/x/y.F" and module paths without a dot ("myapp/db.F") are
 * user code. A name without a package ("panic") is the runtime's. */
bool classify_is_std_func(const char *func);

/* True when one of funcs[0..n) belongs to package sync or internal/sync:
 * a semaphore wait below such a frame is a sync primitive's; without one
 * it is the runtime's own (GC start, stop-the-world). */
bool classify_sync_wait(const char *const *funcs, size_t n);

/* Short stable names: "chan send", "nil chan receive", "mutex", ... */
const char *block_kind_name(BlockKind k);
/* Stable identifiers for JSON: "chan_send", "rwmutex_read", ... */
const char *block_kind_id(BlockKind k);
/* Seed category title, e.g. "send on a channel nobody receives from". */
const char *seed_leak_name(SeedLeak s);
/* Stable identifier, e.g. "abandoned-channel"; "" for SEED_NONE. It is
 * the name of the drip check rule that finds the leak in the source when
 * there is one (drip explain documents every identifier). */
const char *seed_leak_id(SeedLeak s);
/* The category with that identifier (or with its drip 0.1 identifier,
 * e.g. "send-no-receiver"), or SEED_NONE. */
SeedLeak seed_leak_find(const char *id);
/* The usual fix, one sentence, lower-case. "" for SEED_NONE. */
const char *seed_leak_fix(SeedLeak s);

#endif
