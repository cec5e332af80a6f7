/* catalogue.c - the one catalogue of leak kinds: the runtime-only kinds'
 * documentation, the names drip 0.1 used, and the list of every category
 * the runtime commands print. */
#include "catalogue.h"

#include "../dump/classify.h"
#include "../pprof/pprof_top.h"

#define GOROUTINE_COMMANDS "drip goroutines, drip watch, drip report and drip test"
#define HEAP_COMMANDS "drip heap, drip watch and drip report"

const RuntimeKind runtime_kinds[] = {
    {"select-no-cases", "select with no cases",
     "A select statement with no cases, select {}, blocks the goroutine\n"
     "forever: nothing can ever wake it. Programs use it to park main while\n"
     "other goroutines serve; anywhere else the goroutine, its stack and\n"
     "everything it references stay alive until the process exits.\n"
     "\n"
     "Leaky:\n"
     "\n"
     "    go func() {\n"
     "        work()\n"
     "        select {} // parks this goroutine forever\n"
     "    }()\n"
     "\n"
     "Fixed:\n"
     "\n"
     "    go func() {\n"
     "        work()\n"
     "        <-ctx.Done() // returns when the caller cancels\n"
     "    }()\n"
     "\n"
     "Fix: wait on a channel or a context that is closed when the goroutine\n"
     "must stop, or just return. select {} in func main is idle by design\n"
     "and not reported.\n",
     GOROUTINE_COMMANDS},
    {"semaphore-not-released", "semaphore never released",
     "A goroutine waits in the runtime's semaphore (semacquire) below a\n"
     "synchronization primitive other than sync.Mutex, RWMutex, Cond and\n"
     "WaitGroup, which have their own categories: a golang.org/x/sync\n"
     "semaphore.Weighted, a channel used as a counting semaphore, or a\n"
     "primitive built on runtime_Semacquire. When an acquirer never releases\n"
     "on some path, every later acquirer waits forever.\n"
     "\n"
     "Leaky:\n"
     "\n"
     "    func handle(ctx context.Context, sem *semaphore.Weighted) error {\n"
     "        if err := sem.Acquire(ctx, 1); err != nil {\n"
     "            return err\n"
     "        }\n"
     "        if err := step(); err != nil {\n"
     "            return err // the slot is never released\n"
     "        }\n"
     "        sem.Release(1)\n"
     "        return nil\n"
     "    }\n"
     "\n"
     "Fixed:\n"
     "\n"
     "    func handle(ctx context.Context, sem *semaphore.Weighted) error {\n"
     "        if err := sem.Acquire(ctx, 1); err != nil {\n"
     "            return err\n"
     "        }\n"
     "        defer sem.Release(1)\n"
     "        return step()\n"
     "    }\n"
     "\n"
     "Fix: release the semaphore on every path, with defer right after\n"
     "acquiring it.\n",
     GOROUTINE_COMMANDS},
    {"iter-pull-not-stopped", "iter.Pull whose stop is never called",
     "iter.Pull (Go 1.23) runs the sequence in a coroutine that waits for\n"
     "the next call to next or stop. If the caller neither drains the\n"
     "sequence nor calls stop, the coroutine stays blocked in the\n"
     "sequence's yield forever, with everything the sequence holds.\n"
     "\n"
     "Leaky:\n"
     "\n"
     "    func first(seq iter.Seq[int]) int {\n"
     "        next, _ := iter.Pull(seq)\n"
     "        v, _ := next()\n"
     "        return v // the coroutine waits in yield forever\n"
     "    }\n"
     "\n"
     "Fixed:\n"
     "\n"
     "    func first(seq iter.Seq[int]) int {\n"
     "        next, stop := iter.Pull(seq)\n"
     "        defer stop()\n"
     "        v, _ := next()\n"
     "        return v\n"
     "    }\n"
     "\n"
     "Fix: call stop when done with next, on every path (defer stop() right\n"
     "after iter.Pull), or range over the sequence instead.\n",
     GOROUTINE_COMMANDS},
    {"unbounded-map", "map that only grows",
     "A heap profile whose memory in use is allocated by map assignment\n"
     "(runtime.mapassign, hashGrow) at one site, growing from snapshot to\n"
     "snapshot: entries are added and never deleted, so a cache or an index\n"
     "keyed by request, connection or time grows with the traffic. Deleting\n"
     "entries does not shrink a Go map's buckets either: a map that once\n"
     "held a million entries keeps their space.\n"
     "\n"
     "Leaky:\n"
     "\n"
     "    var seen = map[string]time.Time{}\n"
     "\n"
     "    func record(id string) { seen[id] = time.Now() } // never deleted\n"
     "\n"
     "Fixed:\n"
     "\n"
     "    func record(id string) {\n"
     "        seen[id] = time.Now()\n"
     "        if len(seen) > maxSeen {\n"
     "            evictOldest(seen)\n"
     "        }\n"
     "    }\n"
     "\n"
     "Fix: bound the map (evict old entries, or use a size-limited cache),\n"
     "and replace a map that shrank a lot by a fresh one.\n",
     HEAP_COMMANDS},
    {"idle-runtime", "runtime goroutine idle by design",
     "Not a leak: goroutines of the Go runtime and standard library that\n"
     "wait by design, such as GC workers, the finalizer and cleanup\n"
     "goroutines, the signal loop, timers and trace readers (wait reasons\n"
     "\"GC worker (idle)\", \"finalizer wait\", \"force gc (idle)\", ...).\n"
     "drip goroutines lists them under \"idle by design (not blamed)\" and\n"
     "never counts them as suspects; they are there in every Go program.\n"
     "\n"
     "Example, in a dump of any program:\n"
     "\n"
     "    goroutine 2 [force gc (idle)]:\n"
     "    runtime.gopark(...)\n"
     "    runtime.forcegchelper()\n"
     "\n"
     "Fix: nothing to fix. When their number grows (many \"GC assist wait\"\n"
     "goroutines, say), look at allocation with drip heap instead.\n",
     "drip goroutines"},
};
const size_t runtime_kind_count = sizeof runtime_kinds / sizeof runtime_kinds[0];

const RuntimeKind *runtime_kind_find(const char *name)
{
    for (size_t i = 0; name && i < runtime_kind_count; i++)
        if (strcmp(runtime_kinds[i].name, name) == 0)
            return &runtime_kinds[i];
    return NULL;
}

/* Heap category names of drip 0.1 (seed_leak_find knows the goroutine
 * ones). ORDER TopCategory */
static const char *const heap_renamed[CAT_COUNT_] = {"", "subslice retention", "goroutine leak", "unbounded map"};

const char *catalogue_canonical(const char *name)
{
    if (!name || !*name)
        return NULL;
    if (rule_find(name) || runtime_kind_find(name))
        return name;
    SeedLeak s = seed_leak_find(name);
    if (s != SEED_NONE)
        return seed_leak_id(s);
    for (int c = CAT_NONE + 1; c < CAT_COUNT_; c++)
        if (strcmp(heap_renamed[c], name) == 0 || strcmp(pprof_category_name((TopCategory)c), name) == 0)
            return pprof_category_name((TopCategory)c);
    return NULL;
}

/* drip test blames a goroutine of a test still in the network poller on
 * what the test opened (blame_rule in src/test/test_blame.c). */
static const struct {
    const char *name;
    RuntimeSighting sighting;
} test_io = {"unclosed-resource",
             {"drip test",
              "a goroutine started by a test still waiting in the network poller (IO wait) after the test returned",
              "close what the test opened (listener, connection, server, response body) before it returns"}};

static size_t add_name(const char **out, size_t cap, size_t n, const char *name)
{
    for (size_t i = 0; i < n && i < cap; i++)
        if (strcmp(out[i], name) == 0)
            return n;
    if (n < cap)
        out[n] = name;
    return n + 1;
}

size_t catalogue_runtime_names(const char **out, size_t cap)
{
    size_t n = 0;
    for (int s = SEED_NONE + 1; s < SEED__COUNT; s++)
        n = add_name(out, cap, n, seed_leak_id((SeedLeak)s));
    for (int c = CAT_NONE + 1; c < CAT_COUNT_; c++)
        n = add_name(out, cap, n, pprof_category_name((TopCategory)c));
    n = add_name(out, cap, n, test_io.name);
    for (size_t i = 0; i < runtime_kind_count; i++)
        n = add_name(out, cap, n, runtime_kinds[i].name);
    return n;
}

/* What the heap categories see. ORDER TopCategory */
static const char *const heap_titles[CAT_COUNT_] = {
    "",
    ("memory in use allocated where large buffers are made (io.ReadAll, strings.Builder, ...), which a kept "
     "substring or subslice pins"),
    "memory in use allocated for goroutines (runtime.malg, newproc)",
    "memory in use allocated by map assignment (runtime.mapassign, hashGrow)",
};

size_t catalogue_sightings(const char *name, RuntimeSighting *out, size_t cap)
{
    size_t n = 0;
    for (int s = SEED_NONE + 1; s < SEED__COUNT; s++)
        if (strcmp(seed_leak_id((SeedLeak)s), name) == 0) {
            if (n < cap)
                out[n] = (RuntimeSighting){GOROUTINE_COMMANDS, seed_leak_name((SeedLeak)s),
                                           seed_leak_fix((SeedLeak)s)};
            n++;
        }
    for (int c = CAT_NONE + 1; c < CAT_COUNT_; c++)
        if (strcmp(pprof_category_name((TopCategory)c), name) == 0) {
            if (n < cap)
                out[n] = (RuntimeSighting){HEAP_COMMANDS, heap_titles[c], pprof_category_hint((TopCategory)c)};
            n++;
        }
    if (strcmp(test_io.name, name) == 0) {
        if (n < cap)
            out[n] = test_io.sighting;
        n++;
    }
    return n;
}

/* Other rules that find a runtime category in the source. */
static const struct {
    const char *name;
    const char *rules;
} also[] = {
    {"abandoned-channel", "chan-partner"},
    {"mutex-not-unlocked", "double-lock, lock-across-block"},
    {"lock-order", "double-lock"},
    {"subslice-retention", "substring-retention"},
};

const char *catalogue_also_rules(const char *name)
{
    for (size_t i = 0; i < sizeof also / sizeof also[0]; i++)
        if (strcmp(also[i].name, name) == 0)
            return also[i].rules;
    return NULL;
}

const SeedKind seed_kinds[] = {
    {"一、1 大数组的使用", "big array passed by value", "big-array-param", NULL},
    {"一、2 a) 字符串截取", "substring keeps a large string alive", "substring-retention", "subslice-retention"},
    {"一、2 b) c) 切片的截取", "subslice keeps a large backing array alive", "subslice-retention",
     "subslice-retention"},
    {"一、3 未重置丢失的切片元素中的指针", "pointer slots not cleared after reslicing", "reslice-pointer-slots", NULL},
    {"一、4 defer导致的内存泄露", "defer in a loop holds resources", "defer-in-loop", NULL},
    {"一、5 io读写流未close", "reader or writer not closed", "unclosed-resource", "unclosed-resource"},
    {"二、1 a) 互斥锁未释放", "mutex never unlocked", "mutex-not-unlocked", "mutex-not-unlocked"},
    {"二、1 b) 死锁", "deadlock", "lock-order, double-lock", "lock-order"},
    {"二、1 c) 空channel", "nil channel", "nil-channel", "nil-channel"},
    {"二、1 d) go channel 造成内存泄漏", "channel send or receive without a partner",
     "abandoned-channel, chan-partner", "abandoned-channel"},
    {"二、1 e) 协程不能退出", "goroutine that cannot exit", "goroutine-no-exit", "goroutine-no-exit"},
    {"二、2 定时器的使用", "ticker never stopped", "ticker-leak", "ticker-leak"},
    {"二、3 不正确地使用终结器", "finalizer on an object in a cycle", "finalizer-cycle", NULL},
};
const size_t seed_kind_count = sizeof seed_kinds / sizeof seed_kinds[0];
