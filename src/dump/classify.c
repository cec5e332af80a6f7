/* classify.c - blocking category, leak suspicion and seed category of a
 * goroutine from its wait reason and frames. */
#include "classify.h"

#include <ctype.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ORDER BLOCK */
static const struct {
    const char *name;
    const char *id;
} block_names[BLOCK__COUNT] = {
    [BLOCK_UNKNOWN] = {"unknown", "unknown"},
    [BLOCK_RUNNING] = {"running", "running"},
    [BLOCK_CHAN_SEND] = {"chan send", "chan_send"},
    [BLOCK_CHAN_RECV] = {"chan receive", "chan_receive"},
    [BLOCK_NIL_CHAN_SEND] = {"nil chan send", "nil_chan_send"},
    [BLOCK_NIL_CHAN_RECV] = {"nil chan receive", "nil_chan_receive"},
    [BLOCK_SELECT] = {"select", "select"},
    [BLOCK_SELECT_NO_CASES] = {"select (no cases)", "select_no_cases"},
    [BLOCK_MUTEX] = {"mutex", "mutex"},
    [BLOCK_RWMUTEX_READ] = {"rwmutex read", "rwmutex_read"},
    [BLOCK_RWMUTEX_WRITE] = {"rwmutex write", "rwmutex_write"},
    [BLOCK_COND_WAIT] = {"cond wait", "cond_wait"},
    [BLOCK_WAITGROUP] = {"waitgroup", "waitgroup"},
    [BLOCK_SEMACQUIRE] = {"semacquire", "semacquire"},
    [BLOCK_IO_WAIT] = {"IO wait", "io_wait"},
    [BLOCK_SYSCALL] = {"syscall", "syscall"},
    [BLOCK_SLEEP] = {"sleep", "sleep"},
    [BLOCK_IDLE_RUNTIME] = {"idle runtime", "idle_runtime"},
    [BLOCK_COROUTINE] = {"coroutine", "coroutine"},
};

/* ORDER SEED */
static const struct {
    const char *id;
    const char *name;
    const char *fix;
} seed_table[SEED__COUNT] = {
    [SEED_NONE] = {"", "", ""},
    [SEED_SEND_NO_RECEIVER] = {"abandoned-channel", "send on a channel nobody receives from",
        "make sure a receiver drains every send, or give the channel a buffer "
        "as large as the number of senders, or select on ctx.Done() beside the send"},
    [SEED_RECV_NO_SENDER] = {"abandoned-channel", "receive on a channel nobody sends to or closes",
        "close the channel when the producer is done, or select on ctx.Done() "
        "beside the receive"},
    [SEED_NIL_CHAN] = {"nil-channel", "send or receive on a nil channel",
        "a nil channel blocks forever: create it with make(chan T) before any "
        "goroutine uses it"},
    [SEED_SELECT_NO_EXIT] = {"goroutine-no-exit", "for-select that cannot exit",
        "add a case <-ctx.Done() (or a done channel) that returns, and cancel it "
        "when the goroutine must stop"},
    [SEED_SELECT_NO_CASES] = {"select-no-cases", "select with no cases",
        "select {} blocks forever: wait on a channel or a context instead"},
    [SEED_MUTEX_NOT_UNLOCKED] = {"mutex-not-unlocked", "mutex never unlocked",
        "unlock on every path: write defer mu.Unlock() right after mu.Lock()"},
    [SEED_LOCK_ORDER] = {"lock-order", "AB-BA deadlock",
        "take the locks in one global order in every goroutine, or merge them "
        "into one lock"},
    [SEED_COND_NO_SIGNAL] = {"cond-no-signal", "sync.Cond waited on, never signalled",
        "call Signal or Broadcast after every change of the condition, and wait "
        "in a loop that re-checks it"},
    [SEED_WAITGROUP] = {"waitgroup-misuse", "WaitGroup counter never reaches zero",
        "call wg.Done() (with defer) exactly once per wg.Add(1), on every path"},
    [SEED_SEMAPHORE] = {"semaphore-not-released", "semaphore never released",
        "release the semaphore on every path, with defer right after acquiring it"},
    [SEED_TICKER] = {"ticker-leak", "ticker never stopped",
        "defer ticker.Stop() right after time.NewTicker, and return from the "
        "loop on ctx.Done(); time.Tick never frees its ticker"},
    [SEED_PULL_NOT_STOPPED] = {"iter-pull-not-stopped", "iter.Pull whose stop is never called",
        "call stop when done with next, on every path (defer stop() right after "
        "iter.Pull), or range over the sequence instead"},
};

const char *block_kind_name(BlockKind k)
{
    return (unsigned)k < BLOCK__COUNT ? block_names[k].name : "unknown";
}

const char *block_kind_id(BlockKind k)
{
    return (unsigned)k < BLOCK__COUNT ? block_names[k].id : "unknown";
}

/* The identifiers of drip 0.1, before the categories took the names of
 * the drip check rules that find them in the source. */
static const struct {
    const char *old;
    SeedLeak seed;
} seed_renamed[] = {
    {"send-no-receiver", SEED_SEND_NO_RECEIVER},
    {"receive-no-sender", SEED_RECV_NO_SENDER},
    {"select-no-exit", SEED_SELECT_NO_EXIT},
    {"waitgroup-no-done", SEED_WAITGROUP},
    {"ticker-not-stopped", SEED_TICKER},
};

SeedLeak seed_leak_find(const char *id)
{
    if (!id)
        return SEED_NONE;
    for (int s = SEED_NONE + 1; s < SEED__COUNT; s++)
        if (strcmp(seed_table[s].id, id) == 0)
            return (SeedLeak)s;
    for (size_t i = 0; i < N_OF(seed_renamed); i++)
        if (strcmp(seed_renamed[i].old, id) == 0)
            return seed_renamed[i].seed;
    return SEED_NONE;
}

const char *seed_leak_name(SeedLeak s)
{
    return (unsigned)s < SEED__COUNT ? seed_table[s].name : "";
}

const char *seed_leak_id(SeedLeak s)
{
    return (unsigned)s < SEED__COUNT ? seed_table[s].id : "";
}

const char *seed_leak_fix(SeedLeak s)
{
    return (unsigned)s < SEED__COUNT ? seed_table[s].fix : "";
}

/* Wait reasons of Go 1.17 to 1.27 (runtime.waitReasonStrings) and the
 * goroutine status names printed when there is no wait reason. */
static const struct {
    const char *reason;
    BlockKind kind;
} reasons[] = {
    {"chan send", BLOCK_CHAN_SEND},
    {"chan receive", BLOCK_CHAN_RECV},
    {"chan send (nil chan)", BLOCK_NIL_CHAN_SEND},
    {"chan receive (nil chan)", BLOCK_NIL_CHAN_RECV},
    {"select", BLOCK_SELECT},
    {"select (no cases)", BLOCK_SELECT_NO_CASES},
    {"sync.Mutex.Lock", BLOCK_MUTEX},
    {"sync.RWMutex.RLock", BLOCK_RWMUTEX_READ},
    {"sync.RWMutex.Lock", BLOCK_RWMUTEX_WRITE},
    {"sync.Cond.Wait", BLOCK_COND_WAIT},
    {"sync.WaitGroup.Wait", BLOCK_WAITGROUP},
    {"semacquire", BLOCK_SEMACQUIRE},
    {"IO wait", BLOCK_IO_WAIT},
    {"sleep", BLOCK_SLEEP},
    {"syscall", BLOCK_SYSCALL},
    {"running", BLOCK_RUNNING},
    {"runnable", BLOCK_RUNNING},
    {"preempted", BLOCK_RUNNING},
    {"copystack", BLOCK_RUNNING},
    {"GC assist marking", BLOCK_IDLE_RUNTIME},
    {"GC assist wait", BLOCK_IDLE_RUNTIME},
    {"GC sweep wait", BLOCK_IDLE_RUNTIME},
    {"GC scavenge wait", BLOCK_IDLE_RUNTIME},
    {"GC worker (idle)", BLOCK_IDLE_RUNTIME},
    {"GC worker (active)", BLOCK_IDLE_RUNTIME},
    {"GC mark termination", BLOCK_IDLE_RUNTIME},
    {"GC weak to strong wait", BLOCK_IDLE_RUNTIME},
    {"garbage collection", BLOCK_IDLE_RUNTIME},
    {"garbage collection scan", BLOCK_IDLE_RUNTIME},
    {"wait for GC cycle", BLOCK_IDLE_RUNTIME},
    {"wait until GC ends", BLOCK_IDLE_RUNTIME},
    {"finalizer wait", BLOCK_IDLE_RUNTIME},
    {"cleanup wait", BLOCK_IDLE_RUNTIME},
    {"force gc (idle)", BLOCK_IDLE_RUNTIME},
    {"timer goroutine (idle)", BLOCK_IDLE_RUNTIME},
    {"trace reader (blocked)", BLOCK_IDLE_RUNTIME},
    {"trace goroutine status", BLOCK_IDLE_RUNTIME},
    {"trace proc status", BLOCK_IDLE_RUNTIME},
    {"page trace flush", BLOCK_IDLE_RUNTIME},
    {"waiting for CPU profile", BLOCK_IDLE_RUNTIME},
    {"stopping the world", BLOCK_IDLE_RUNTIME},
    {"flushing proc caches", BLOCK_IDLE_RUNTIME},
    {"dumping heap", BLOCK_IDLE_RUNTIME},
    {"panicwait", BLOCK_IDLE_RUNTIME},
    {"debug call", BLOCK_IDLE_RUNTIME},
    {"coroutine", BLOCK_COROUTINE},
    {"GOMAXPROCS updater (idle)", BLOCK_IDLE_RUNTIME},
    {"idle", BLOCK_IDLE_RUNTIME},
    {"synctest.Run", BLOCK_IDLE_RUNTIME},
    {"synctest.Wait", BLOCK_IDLE_RUNTIME},
};

/* Suffixes the header may add to the reason itself. */
static const char *const reason_marks[] = {" (scan)", " (leaked)", " (durable)", " (synctest)"};

/* Copies the reason proper out of wait into buf: the text before the first
 * ", " with trailing marks removed. Sets *leaked when " (leaked)" was seen. */
static void reason_core(const char *wait, char *buf, size_t cap, bool *leaked)
{
    *leaked = false;
    buf[0] = 0;
    if (!wait)
        return;
    /* one leading blank stays, so that a bare " (leaked)" (a goroutineleak
     * profile's empty reason with Go's verdict) reads as the mark */
    while (wait[0] == ' ' && wait[1] == ' ')
        wait++;
    const char *comma = strstr(wait, ", ");
    size_t n = comma ? (size_t)(comma - wait) : strlen(wait);
    while (n && (wait[n - 1] == ' ' || wait[n - 1] == '\r' || wait[n - 1] == '\n'))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, wait, n);
    buf[n] = 0;
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < N_OF(reason_marks); i++) {
            size_t ml = strlen(reason_marks[i]);
            if (n >= ml && memcmp(buf + n - ml, reason_marks[i], ml) == 0) {
                if (i == 1)
                    *leaked = true;
                n -= ml;
                buf[n] = 0;
                again = true;
            }
        }
    }
    size_t lead = strspn(buf, " ");
    memmove(buf, buf + lead, strlen(buf + lead) + 1);
    /* The leak detector of Go 1.26 may also print the mark after a comma. */
    if (comma && strstr(comma, "(leaked)"))
        *leaked = true;
}

BlockKind classify_wait_reason(const char *wait)
{
    char buf[96];
    bool leaked;
    reason_core(wait, buf, sizeof buf, &leaked);
    if (!buf[0])
        return BLOCK_UNKNOWN;
    for (size_t i = 0; i < N_OF(reasons); i++)
        if (strcmp(reasons[i].reason, buf) == 0)
            return reasons[i].kind;
    return BLOCK_UNKNOWN;
}

/* Top-level package path elements of the standard library (Go 1.17-1.26),
 * plus pseudo-packages the compiler emits ("type" equality functions, "go"
 * shapes, "gcWriteBarrier"-style assembly). */
static const char *const std_roots[] = {
    "archive", "arena", "bufio", "bytes", "cmp", "compress", "container", "context",
    "crypto", "database", "debug", "embed", "encoding", "errors", "expvar", "flag",
    "fmt", "go", "hash", "html", "image", "index", "internal", "io", "iter", "log",
    "maps", "math", "mime", "net", "os", "path", "plugin", "reflect", "regexp",
    "runtime", "slices", "sort", "strconv", "strings", "structs", "sync", "syscall",
    "testing", "text", "time", "type", "unicode", "unique", "unsafe", "vendor", "weak",
};

bool classify_is_std_func(const char *func)
{
    if (!func || !*func)
        return false;
    /* The first path element ends at the first '/' or, for a one-element
     * path, at the '.' before the function name. */
    size_t n = strcspn(func, "/.");
    if (func[n] == '/') {
        if (memchr(func, '.', n))
            return false; /* github.com/..., gopkg.in/... */
    } else if (func[n] != '.') {
        return true; /* no package: a builtin the runtime prints ("panic") */
    }
    for (size_t i = 0; i < N_OF(std_roots); i++)
        if (strlen(std_roots[i]) == n && memcmp(std_roots[i], func, n) == 0)
            return true;
    return false;
}

static bool func_is(const char *f, const char *name)
{
    return f && strcmp(f, name) == 0;
}

static bool func_has_prefix(const char *f, const char *prefix)
{
    return f && strncmp(f, prefix, strlen(prefix)) == 0;
}

/* Goroutines that the runtime and standard library keep on purpose. */
static const char *const idle_funcs[] = {
    "runtime.forcegchelper", "runtime.bgsweep", "runtime.bgscavenge", "runtime.runfinq",
    "runtime.runFinalizers", "runtime.updateMaxProcsGoroutine", "runtime.traceStartReadCPU",
    "runtime.(*traceAdvancerState).start",
    "runtime.gcBgMarkWorker", "runtime.timerproc", "runtime.ensureSigM",
    "runtime.runCleanups", "runtime.unique_runtime_registerUniqueMapCleanup.func1",
    "runtime.unique_runtime_registerUniqueMapCleanup.func2", "runtime/trace.Start.func1",
    "os/signal.loop", "os/signal.signal_recv", "os/signal.watchSignalLoop",
    "unique.registerCleanup",
    /* go test: the main goroutine waits for the tests on purpose */
    "testing.(*T).Run", "testing.runTests", "testing.(*M).Run",
    /* testing/synctest (Go 1.25): the harness waits for the bubble's test */
    "testing/synctest.testingSynctestTest", "testing/synctest.Test",
};

static bool is_idle_func(const char *f)
{
    if (!f)
        return false;
    for (size_t i = 0; i < N_OF(idle_funcs); i++) {
        size_t n = strlen(idle_funcs[i]);
        /* the function itself or one of its closures (".func1") */
        if (strncmp(f, idle_funcs[i], n) == 0 && (f[n] == 0 || strncmp(f + n, ".func", 5) == 0))
            return true;
    }
    return false;
}

/* The program's main goroutine: its entry function, the last frame before
 * the runtime's own (runtime.main, runtime.goexit), is main.main. Only the
 * runtime starts main.main, so no other goroutine has that entry. */
static bool is_main_goroutine(const ClassifyInput *in, size_t n)
{
    size_t i = n;
    while (i > 0 && (func_is(in->funcs[i - 1], "runtime.main") || func_is(in->funcs[i - 1], "runtime.goexit")))
        i--;
    return i > 0 && func_is(in->funcs[i - 1], "main.main");
}

/* True for frames of the lock machinery itself: package sync and
 * internal/sync, and the runtime's unexported parking and semaphore code
 * (runtime.gopark, runtime.semacquire1, ...). */
static bool is_lock_machinery(const char *f)
{
    if (func_has_prefix(f, "sync.") || func_has_prefix(f, "internal/sync."))
        return true;
    /* runtime.Stack, runtime.GC: exported, so an API that locks for itself */
    return func_has_prefix(f, "runtime.") && !isupper((unsigned char)f[8]);
}

bool classify_sync_wait(const char *const *funcs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (func_has_prefix(funcs[i], "sync.") || func_has_prefix(funcs[i], "internal/sync."))
            return true;
    return false;
}

/* A lock wait whose Lock call is made by the standard library on its own
 * behalf, not by user code: between the lock machinery and the first user
 * frame there is a standard library function (runtime/pprof's
 * writeGoroutineLeak, runtime.Stack stopping the world, log.(*Logger).output,
 * ...). The library releases the locks it takes on every path, so the
 * goroutine only queues behind another goroutine inside the same library,
 * which is where a hang would show (blocked on something else). Locks of
 * package sync itself (Cond.Wait relocking, Once.Do) stay suspects: they
 * wait on the user's critical sections. */
static bool std_lock_wait(const ClassifyInput *in, size_t upto)
{
    for (size_t i = 0; i < upto; i++)
        if (in->funcs[i] && !is_lock_machinery(in->funcs[i]) && classify_is_std_func(in->funcs[i]))
            return true;
    return false;
}

/* Refines a semaphore wait (or, with no wait reason, any park) from the
 * sync frames above the first user frame. */
static BlockKind sync_kind(const ClassifyInput *in, size_t upto)
{
    bool mutex = false, rlock = false, wlock = false, cond = false, wg = false, sema = false;
    for (size_t i = 0; i < upto; i++) {
        const char *f = in->funcs[i];
        if (!f)
            continue;
        if (func_is(f, "sync.(*RWMutex).RLock") || func_is(f, "sync.(*RWMutex).rlockSlow"))
            rlock = true;
        else if (func_is(f, "sync.(*RWMutex).Lock"))
            wlock = true;
        else if (func_has_prefix(f, "sync.(*Mutex).") || func_has_prefix(f, "internal/sync.(*Mutex)."))
            mutex = true;
        else if (func_is(f, "sync.(*Cond).Wait") || func_is(f, "sync.runtime_notifyListWait"))
            cond = true;
        else if (func_is(f, "sync.(*WaitGroup).Wait"))
            wg = true;
        else if (func_has_prefix(f, "sync.runtime_Semacquire") || func_has_prefix(f, "runtime.semacquire") ||
                 func_has_prefix(f, "internal/sync.runtime_Semacquire"))
            sema = true;
    }
    if (wlock)
        return BLOCK_RWMUTEX_WRITE;
    if (rlock)
        return BLOCK_RWMUTEX_READ;
    if (cond)
        return BLOCK_COND_WAIT;
    if (wg)
        return BLOCK_WAITGROUP;
    if (mutex)
        return BLOCK_MUTEX;
    if (sema)
        return BLOCK_SEMACQUIRE;
    return BLOCK_UNKNOWN;
}

/* The yield function iter.Pull (or Pull2) hands to the sequence: the
 * coroutine's side. The caller's side parks in next (".func2") or stop. */
static bool is_pull_yield(const char *f)
{
    if (!func_has_prefix(f, "iter.Pull[") && !func_has_prefix(f, "iter.Pull2["))
        return false;
    size_t n = strlen(f);
    return n > 9 && strcmp(f + n - 9, "].func1.1") == 0;
}

/* Kind from the runtime frames alone, for stacks without a wait reason
 * (pprof profiles). */
static BlockKind frame_kind(const ClassifyInput *in, size_t upto)
{
    BlockKind k = sync_kind(in, upto);
    if (k != BLOCK_UNKNOWN)
        return k;
    for (size_t i = 0; i < upto; i++) {
        const char *f = in->funcs[i];
        if (!f)
            continue;
        if (func_is(f, "runtime.chansend") || func_is(f, "runtime.chansend1"))
            return BLOCK_CHAN_SEND;
        if (func_is(f, "runtime.chanrecv") || func_is(f, "runtime.chanrecv1") || func_is(f, "runtime.chanrecv2"))
            return BLOCK_CHAN_RECV;
        if (func_is(f, "runtime.selectgo"))
            return BLOCK_SELECT;
        if (func_is(f, "runtime.block"))
            return BLOCK_SELECT_NO_CASES;
        if (func_is(f, "runtime.coroswitch") || is_pull_yield(f))
            return BLOCK_COROUTINE;
        if (func_is(f, "runtime.netpollblock") || func_is(f, "internal/poll.runtime_pollWait"))
            return BLOCK_IO_WAIT;
        if (func_is(f, "time.Sleep"))
            return BLOCK_SLEEP;
        if (func_is(f, "runtime.notetsleepg") || func_has_prefix(f, "syscall.Syscall") ||
            func_has_prefix(f, "syscall.RawSyscall") || func_has_prefix(f, "internal/runtime/syscall."))
            return BLOCK_SYSCALL;
    }
    return BLOCK_UNKNOWN;
}

static SeedLeak seed_of(BlockKind k, const SourceOp *src)
{
    switch (k) {
    case BLOCK_CHAN_SEND:
        return SEED_SEND_NO_RECEIVER;
    case BLOCK_CHAN_RECV:
        return src && src->ticker ? SEED_TICKER : SEED_RECV_NO_SENDER;
    case BLOCK_NIL_CHAN_SEND:
    case BLOCK_NIL_CHAN_RECV:
        return SEED_NIL_CHAN;
    case BLOCK_SELECT:
        return src && src->ticker ? SEED_TICKER : SEED_SELECT_NO_EXIT;
    case BLOCK_SELECT_NO_CASES:
        return SEED_SELECT_NO_CASES;
    case BLOCK_MUTEX:
    case BLOCK_RWMUTEX_READ:
    case BLOCK_RWMUTEX_WRITE:
        return SEED_MUTEX_NOT_UNLOCKED;
    case BLOCK_COND_WAIT:
        return SEED_COND_NO_SIGNAL;
    case BLOCK_WAITGROUP:
        return SEED_WAITGROUP;
    case BLOCK_SEMACQUIRE:
        return SEED_SEMAPHORE;
    case BLOCK_COROUTINE:
        return SEED_PULL_NOT_STOPPED;
    default:
        return SEED_NONE;
    }
}

static bool is_lock_kind(BlockKind k)
{
    return k == BLOCK_MUTEX || k == BLOCK_RWMUTEX_READ || k == BLOCK_RWMUTEX_WRITE;
}

static bool kind_is_suspect(BlockKind k)
{
    switch (k) {
    case BLOCK_CHAN_SEND:
    case BLOCK_CHAN_RECV:
    case BLOCK_NIL_CHAN_SEND:
    case BLOCK_NIL_CHAN_RECV:
    case BLOCK_SELECT:
    case BLOCK_SELECT_NO_CASES:
    case BLOCK_MUTEX:
    case BLOCK_RWMUTEX_READ:
    case BLOCK_RWMUTEX_WRITE:
    case BLOCK_COND_WAIT:
    case BLOCK_WAITGROUP:
    case BLOCK_SEMACQUIRE:
    case BLOCK_COROUTINE: /* parked until next or stop: a leak when neither comes */
        return true;
    default:
        return false;
    }
}

void classify_goroutine(const ClassifyInput *in, Classification *out)
{
    memset(out, 0, sizeof *out);
    out->blame = -1;
    size_t n = in->funcs ? in->nfuncs : 0;
    for (size_t i = 0; i < n; i++) {
        /* main.main of a test binary is generated: it only calls testing */
        if (i > 0 && func_is(in->funcs[i], "main.main") && func_is(in->funcs[i - 1], "testing.(*M).Run"))
            continue;
        if (in->funcs[i] && !classify_is_std_func(in->funcs[i])) {
            out->blame = (int)i;
            break;
        }
    }
    size_t upto = out->blame >= 0 ? (size_t)out->blame : n;

    char core[96];
    bool leaked = false;
    reason_core(in->wait, core, sizeof core, &leaked);
    BlockKind k = classify_wait_reason(in->wait);
    if (k == BLOCK_SEMACQUIRE || k == BLOCK_MUTEX || k == BLOCK_UNKNOWN) {
        /* Before Go 1.20 every sync wait printed "semacquire", and
         * RWMutex.Lock parks inside its inner Mutex: the frames tell. */
        BlockKind fk = k == BLOCK_UNKNOWN ? frame_kind(in, upto) : sync_kind(in, upto);
        if (fk != BLOCK_UNKNOWN)
            k = fk;
    }
    if (k == BLOCK_UNKNOWN && !core[0] && out->blame >= 0)
        k = in->src ? in->src->op : BLOCK_UNKNOWN;

    /* Goroutines of the runtime and standard library that wait on purpose:
     * no user frame, and a known idle loop among the frames. */
    if (out->blame < 0 && !leaked) {
        for (size_t i = 0; i < n; i++) {
            if (is_idle_func(in->funcs[i])) {
                if (k != BLOCK_RUNNING)
                    k = BLOCK_IDLE_RUNTIME;
                break;
            }
        }
    }

    out->kind = k;
    out->suspect = kind_is_suspect(k) || (leaked && k != BLOCK_RUNNING);
    out->idle = !out->suspect && (k == BLOCK_IDLE_RUNTIME || k == BLOCK_IO_WAIT || k == BLOCK_SYSCALL ||
                                  k == BLOCK_SLEEP);
    if (!leaked && k == BLOCK_SELECT_NO_CASES && is_main_goroutine(in, n)) {
        /* The main goroutine parked in select {} keeps the program alive
         * while other goroutines do the work: idle by design (Go's leak
         * detector exempts it too, runtime/mgc.go). */
        out->suspect = false;
        out->idle = true;
    } else if (!leaked && is_lock_kind(k) && std_lock_wait(in, upto)) {
        out->suspect = false; /* contention inside the library: shown, not blamed */
    } else if (!leaked && k == BLOCK_SEMACQUIRE && !classify_sync_wait(in->funcs, upto)) {
        /* User code reaches a semaphore only through package sync; without
         * a sync frame it is one of the runtime's own (starting a GC,
         * stopping the world for runtime.Stack), released when that work
         * ends. */
        out->suspect = false;
    }
    out->seed = out->suspect ? seed_of(k, in->src) : SEED_NONE;
    if (out->seed == SEED_PULL_NOT_STOPPED) {
        /* only the sequence's side leaks for want of stop; the caller's
         * side waits for a sequence that does not yield */
        bool yield = false;
        for (size_t i = 0; i < n && !yield; i++)
            yield = in->funcs[i] && is_pull_yield(in->funcs[i]);
        if (!yield)
            out->seed = SEED_NONE;
    }
}
