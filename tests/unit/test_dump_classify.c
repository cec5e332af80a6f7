/* test_dump_classify.c - unit tests for the shared goroutine classifier. */
#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <unistd.h>

#include "dump/classify.h"
#include "dump/dump.h"

static int failures;

#define EXPECT(name, cond)                                                \
    do {                                                                  \
        if (cond)                                                         \
            printf("PASS %s\n", name);                                    \
        else {                                                            \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);     \
            failures++;                                                   \
        }                                                                 \
    } while (0)

static Classification run(const char *wait, const char *const *funcs, size_t n, const SourceOp *src)
{
    ClassifyInput in = {wait, funcs, n, src};
    Classification c;
    classify_goroutine(&in, &c);
    return c;
}

#define RUN(wait, funcs, src) run((wait), (funcs), sizeof(funcs) / sizeof((funcs)[0]), (src))

static void test_std(void)
{
    EXPECT("classify/std-runtime", classify_is_std_func("runtime.gopark"));
    EXPECT("classify/std-sync-method", classify_is_std_func("sync.(*Mutex).Lock"));
    EXPECT("classify/std-net-http", classify_is_std_func("net/http.(*conn).serve"));
    EXPECT("classify/std-internal", classify_is_std_func("internal/poll.(*FD).Read"));
    EXPECT("classify/std-vendor", classify_is_std_func("vendor/golang.org/x/net/http2/hpack.(*Decoder).Write"));
    EXPECT("classify/user-main", !classify_is_std_func("main.main.func1"));
    EXPECT("classify/user-github", !classify_is_std_func("github.com/x/y.F"));
    EXPECT("classify/user-gopkg", !classify_is_std_func("gopkg.in/yaml.v2.(*parser).parse"));
    EXPECT("classify/user-nodot-module", !classify_is_std_func("myapp/db.(*Pool).Get"));
    EXPECT("classify/user-generic", !classify_is_std_func("main.Map[...]"));
    EXPECT("classify/empty-func", !classify_is_std_func("") && !classify_is_std_func(NULL));
    EXPECT("classify/builtin-panic", classify_is_std_func("panic"));
}

static void test_reasons(void)
{
    EXPECT("classify/reason-send", classify_wait_reason("chan send") == BLOCK_CHAN_SEND);
    EXPECT("classify/reason-minutes", classify_wait_reason("chan receive, 12 minutes") == BLOCK_CHAN_RECV);
    EXPECT("classify/reason-nil", classify_wait_reason("chan send (nil chan)") == BLOCK_NIL_CHAN_SEND);
    EXPECT("classify/reason-nil-recv", classify_wait_reason("chan receive (nil chan), 3 minutes") == BLOCK_NIL_CHAN_RECV);
    EXPECT("classify/reason-scan", classify_wait_reason("select (scan)") == BLOCK_SELECT);
    EXPECT("classify/reason-no-cases", classify_wait_reason("select (no cases)") == BLOCK_SELECT_NO_CASES);
    EXPECT("classify/reason-locked", classify_wait_reason("IO wait, locked to thread") == BLOCK_IO_WAIT);
    EXPECT("classify/reason-durable", classify_wait_reason("chan receive (durable), synctest bubble 1") == BLOCK_CHAN_RECV);
    EXPECT("classify/reason-gc", classify_wait_reason("GC worker (idle)") == BLOCK_IDLE_RUNTIME);
    EXPECT("classify/reason-empty", classify_wait_reason("") == BLOCK_UNKNOWN && classify_wait_reason(NULL) == BLOCK_UNKNOWN);
    EXPECT("classify/reason-bogus", classify_wait_reason("frobnicating") == BLOCK_UNKNOWN);
}

static void test_goroutines(void)
{
    static const char *const send[] = {"runtime.gopark", "runtime.chansend", "runtime.chansend1", "main.worker", "main.main.func1"};
    Classification c = RUN("chan send, 4 minutes", send, NULL);
    EXPECT("classify/send-kind", c.kind == BLOCK_CHAN_SEND && c.suspect && !c.idle);
    EXPECT("classify/send-blame", c.blame == 3);
    EXPECT("classify/send-seed", c.seed == SEED_SEND_NO_RECEIVER && strlen(seed_leak_fix(c.seed)) > 10);

    /* Go 1.19: a Mutex wait prints "semacquire"; the frames say mutex. */
    static const char *const mu[] = {"runtime.gopark", "runtime.goparkunlock", "runtime.semacquire1",
                                     "sync.runtime_SemacquireMutex", "sync.(*Mutex).lockSlow",
                                     "sync.(*Mutex).Lock", "main.mutexTest.func1"};
    c = RUN("semacquire", mu, NULL);
    EXPECT("classify/mutex-119", c.kind == BLOCK_MUTEX && c.seed == SEED_MUTEX_NOT_UNLOCKED && c.blame == 6);
    c = RUN("sync.Mutex.Lock", mu, NULL);
    EXPECT("classify/mutex-120", c.kind == BLOCK_MUTEX);

    /* RWMutex.Lock parks in its inner Mutex first. */
    static const char *const rw[] = {"runtime.gopark", "sync.runtime_SemacquireMutex", "sync.(*Mutex).lockSlow",
                                     "sync.(*Mutex).Lock", "sync.(*RWMutex).Lock", "main.g2"};
    c = RUN("sync.Mutex.Lock", rw, NULL);
    EXPECT("classify/rwmutex-write", c.kind == BLOCK_RWMUTEX_WRITE && c.suspect);
    static const char *const rl[] = {"sync.runtime_SemacquireRWMutexR", "sync.(*RWMutex).RLock", "main.reader"};
    c = RUN("semacquire", rl, NULL);
    EXPECT("classify/rwmutex-read", c.kind == BLOCK_RWMUTEX_READ);

    static const char *const wg[] = {"sync.runtime_Semacquire", "sync.(*WaitGroup).Wait", "main.main"};
    c = RUN("semacquire", wg, NULL);
    EXPECT("classify/waitgroup", c.kind == BLOCK_WAITGROUP && c.seed == SEED_WAITGROUP);
    static const char *const cond[] = {"sync.runtime_notifyListWait", "sync.(*Cond).Wait", "main.consumer"};
    c = RUN("sync.Cond.Wait", cond, NULL);
    EXPECT("classify/cond", c.kind == BLOCK_COND_WAIT && c.seed == SEED_COND_NO_SIGNAL);

    /* A user semaphore is not misread as a mutex. */
    static const char *const sem[] = {"runtime.gopark", "runtime.semacquire1", "sync.runtime_Semacquire", "main.acquire"};
    c = RUN("semacquire", sem, NULL);
    EXPECT("classify/semaphore", c.kind == BLOCK_SEMACQUIRE && c.seed == SEED_SEMAPHORE);

    static const char *const nilc[] = {"runtime.gopark", "runtime.chanrecv", "runtime.chanrecv1", "main.channelTest.func2"};
    c = RUN("chan receive (nil chan)", nilc, NULL);
    EXPECT("classify/nil-chan", c.kind == BLOCK_NIL_CHAN_RECV && c.seed == SEED_NIL_CHAN);

    /* the operation and the ticker come from the syntax of the blocking
     * line (dump_syntax.c), parsed from a real file */
    static const char src[] =
        "package p\n"                                          /* 1 */
        "import (\"sync\"; \"time\")\n"
        "func task(exit, other chan int, t, tk *time.Ticker, jobs chan int, mu sync.Mutex, rw sync.RWMutex) {\n"
        "\tselect {\n"                                        /* 4 */
        "\tcase <-exit:\n"
        "\tcase <-other:\n"
        "\t}\n"
        "\tselect {\n"                                        /* 8 */
        "\tcase v := <-t.C:\n"
        "\t\t_ = v\n"
        "\tcase <-other:\n"
        "\t}\n"
        "\tfor range tk.C {\n"                                /* 13 */
        "\t}\n"
        "\tfor v := range jobs { // <- not a send\n"          /* 15 */
        "\t\t_ = v\n"
        "\t}\n"
        "\t<-time.Tick(time.Second)\n"                        /* 18 */
        "\texit <- 1\n"                                       /* 19 */
        "\tmu.Lock()\n"                                       /* 20 */
        "\trw.RLock()\n"                                      /* 21 */
        "\tgo func() {\n"                                     /* 22 */
        "\t\tdefer func() {}()\n"
        "\t\texit <- 2\n"                                    /* 24 */
        "\t}()\n"
        "\tselect {}\n"                                       /* 26 */
        "}\n";
    char path[] = "/tmp/drip-classify-XXXXXX.go";
    int fd = mkstemps(path, 3);
    bool wrote = fd >= 0 && write(fd, src, sizeof src - 1) == (ssize_t)(sizeof src - 1);
    if (fd >= 0)
        close(fd);
    EXPECT("classify/syntax-file-written", wrote);
    SyntaxCache *sc = syntax_cache_new();
    SourceOp op[27];
    for (uint32_t l = 1; l < 27; l++)
        syntax_op_at(sc, path, l, &op[l]);
    EXPECT("syntax/select", op[4].op == BLOCK_SELECT && !op[4].ticker);
    EXPECT("syntax/select-ticker", op[8].op == BLOCK_SELECT && op[8].ticker);
    EXPECT("syntax/range-ticker", op[13].op == BLOCK_CHAN_RECV && op[13].ticker);
    EXPECT("syntax/range-chan", op[15].op == BLOCK_CHAN_RECV && !op[15].ticker);
    EXPECT("syntax/recv-time-tick", op[18].op == BLOCK_CHAN_RECV && op[18].ticker);
    EXPECT("syntax/send", op[19].op == BLOCK_CHAN_SEND);
    EXPECT("syntax/lock", op[20].op == BLOCK_MUTEX);
    EXPECT("syntax/rlock", op[21].op == BLOCK_RWMUTEX_READ);
    EXPECT("syntax/select-no-cases", op[26].op == BLOCK_SELECT_NO_CASES);
    EXPECT("syntax/no-op", op[16].op == BLOCK_UNKNOWN && op[2].op == BLOCK_UNKNOWN);
    EXPECT("syntax/func-lit-line", syntax_func_lit_line(sc, path, 24) == 22);
    EXPECT("syntax/func-lit-innermost", syntax_func_lit_line(sc, path, 23) == 23);
    EXPECT("syntax/no-func-lit", syntax_func_lit_line(sc, path, 19) == 0);
    SourceOp none;
    EXPECT("syntax/missing-file", !syntax_op_at(sc, "/nonexistent/x.go", 3, &none) && none.op == BLOCK_UNKNOWN);
    syntax_cache_free(sc);
    unlink(path);

    static const char *const sel[] = {"runtime.gopark", "runtime.selectgo", "main.task"};
    c = RUN("select", sel, &op[4]);
    EXPECT("classify/select", c.kind == BLOCK_SELECT && c.seed == SEED_SELECT_NO_EXIT);
    c = RUN("select", sel, &op[8]);
    EXPECT("classify/ticker-select", c.seed == SEED_TICKER);
    static const char *const rng[] = {"runtime.gopark", "runtime.chanrecv", "runtime.chanrecv2", "main.poll"};
    c = RUN("chan receive", rng, &op[13]);
    EXPECT("classify/ticker-range", c.seed == SEED_TICKER);
    c = RUN("chan receive", rng, &op[15]);
    EXPECT("classify/recv-not-ticker", c.seed == SEED_RECV_NO_SENDER);
    /* a debug=1 stack: no wait reason, no runtime frames */
    static const char *const bare[] = {"main.task"};
    c = RUN("", bare, &op[19]);
    EXPECT("classify/debug1-send-from-syntax", c.kind == BLOCK_CHAN_SEND);
    c = RUN("", bare, &op[20]);
    EXPECT("classify/debug1-lock-from-syntax", c.kind == BLOCK_MUTEX);

    static const char *const blk[] = {"runtime.gopark", "runtime.block", "main.waitForever", "main.background"};
    c = RUN("select (no cases)", blk, NULL);
    EXPECT("classify/select-no-cases", c.kind == BLOCK_SELECT_NO_CASES && c.seed == SEED_SELECT_NO_CASES);
    /* the main goroutine parked in select {} keeps the program running */
    static const char *const mainblk[] = {"runtime.gopark", "runtime.block", "main.serve", "main.main", "runtime.main"};
    c = RUN("select (no cases)", mainblk, NULL);
    EXPECT("classify/main-select-no-cases-idle", !c.suspect && c.idle && c.kind == BLOCK_SELECT_NO_CASES);
    c = RUN("select (no cases) (leaked)", mainblk, NULL);
    EXPECT("classify/main-select-leaked-suspect", c.suspect);

    /* a lock the standard library takes for itself: contention, not blamed */
    static const char *const pp[] = {"internal/sync.runtime_SemacquireMutex", "internal/sync.(*Mutex).lockSlow",
                                     "sync.(*Mutex).Lock", "runtime/pprof.writeGoroutineLeak",
                                     "runtime/pprof.(*Profile).WriteTo", "main.profile"};
    c = RUN("sync.Mutex.Lock", pp, NULL);
    EXPECT("classify/std-lock-not-suspect", !c.suspect && !c.idle && c.kind == BLOCK_MUTEX && c.blame == 5);
    static const char *const stw[] = {"runtime.Stack", "runtime/pprof.writeGoroutineStacks", "main.dump"};
    c = RUN("semacquire", stw, NULL);
    EXPECT("classify/runtime-api-sema-not-suspect", !c.suspect && c.kind == BLOCK_SEMACQUIRE);
    /* a semaphore without a sync frame is the runtime's (a GC starting) */
    static const char *const gcsema[] = {"main.spawn", "main.spawn.func1"};
    c = RUN("semacquire", gcsema, NULL);
    EXPECT("classify/runtime-sema-not-suspect", !c.suspect && c.kind == BLOCK_SEMACQUIRE);
    static const char *const usersema[] = {"sync.runtime_Semacquire", "main.acquire"};
    c = RUN("semacquire", usersema, NULL);
    EXPECT("classify/sync-sema-suspect", c.suspect && c.seed == SEED_SEMAPHORE);
    static const char *const own[] = {"runtime.gopark", "runtime.semacquire1", "sync.runtime_SemacquireMutex",
                                      "sync.(*Mutex).lockSlow", "sync.(*Mutex).Lock", "sync.(*Once).doSlow",
                                      "sync.(*Once).Do", "main.setup"};
    c = RUN("sync.Mutex.Lock", own, NULL);
    EXPECT("classify/user-lock-in-sync-suspect", c.suspect && c.seed == SEED_MUTEX_NOT_UNLOCKED);

    /* Idle by design. */
    static const char *const gc[] = {"runtime.gopark", "runtime.gcBgMarkWorker"};
    c = RUN("GC worker (idle)", gc, NULL);
    EXPECT("classify/gc-idle", !c.suspect && c.idle && c.kind == BLOCK_IDLE_RUNTIME && c.blame == -1);
    static const char *const sig[] = {"runtime.gopark", "runtime.chanrecv", "runtime.chanrecv1", "runtime.ensureSigM.func1"};
    c = RUN("chan receive", sig, NULL);
    EXPECT("classify/sigm-idle", !c.suspect && c.idle);
    static const char *const sig2[] = {"runtime.notetsleepg", "os/signal.signal_recv", "os/signal.loop"};
    c = RUN("syscall", sig2, NULL);
    EXPECT("classify/signal-idle", !c.suspect && c.idle);
    static const char *const acc[] = {"runtime.gopark", "runtime.netpollblock", "internal/poll.runtime_pollWait",
                                      "internal/poll.(*pollDesc).wait", "net.(*netFD).accept", "net/http.(*Server).Serve",
                                      "main.main"};
    c = RUN("IO wait, 9 minutes", acc, NULL);
    EXPECT("classify/io-wait-idle", !c.suspect && c.idle && c.kind == BLOCK_IO_WAIT && c.blame == 6);
    static const char *const slp[] = {"runtime.gopark", "time.Sleep", "main.loop"};
    c = RUN("sleep", slp, NULL);
    EXPECT("classify/sleep-not-suspect", !c.suspect && c.kind == BLOCK_SLEEP);
    static const char *const run1[] = {"main.spin"};
    c = RUN("running", run1, NULL);
    EXPECT("classify/running", c.kind == BLOCK_RUNNING && !c.suspect && !c.idle);

    /* The runtime's own leak verdict (Go 1.26) makes any wait a suspect. */
    static const char *const lk[] = {"runtime.gopark", "time.Sleep", "main.loop"};
    c = RUN("sleep (leaked)", lk, NULL);
    EXPECT("classify/leaked-mark", c.suspect);

    /* No wait reason (pprof profiles): from the frames. */
    c = RUN("", send, NULL);
    EXPECT("classify/frames-send", c.kind == BLOCK_CHAN_SEND && c.suspect);
    c = RUN(NULL, mu, NULL);
    EXPECT("classify/frames-mutex", c.kind == BLOCK_MUTEX);
    c = RUN(NULL, sel, NULL);
    EXPECT("classify/frames-select", c.kind == BLOCK_SELECT);
    c = RUN(NULL, gc, NULL);
    EXPECT("classify/frames-gc", c.idle && !c.suspect);
    c = run(NULL, NULL, 0, NULL);
    EXPECT("classify/empty", c.kind == BLOCK_UNKNOWN && !c.suspect && c.blame == -1);

    EXPECT("classify/names", strcmp(block_kind_name(BLOCK_NIL_CHAN_SEND), "nil chan send") == 0 &&
                                 strcmp(block_kind_id(BLOCK_RWMUTEX_READ), "rwmutex_read") == 0 &&
                                 strcmp(seed_leak_id(SEED_LOCK_ORDER), "lock-order") == 0 &&
                                 strcmp(block_kind_name((BlockKind)999), "unknown") == 0);
    for (int s = 1; s < SEED__COUNT; s++)
        if (!*seed_leak_name((SeedLeak)s) || !*seed_leak_fix((SeedLeak)s) || !*seed_leak_id((SeedLeak)s))
            failures++, printf("FAIL classify/seed-table: seed %d incomplete\n", s);
    for (int k = 0; k < BLOCK__COUNT; k++)
        if (!block_kind_name((BlockKind)k) || !block_kind_id((BlockKind)k))
            failures++, printf("FAIL classify/block-table: kind %d incomplete\n", k);
}


/* Go 1.23-1.27: coroutines, the idle goroutines of 1.25-1.27 (frames as
 * Go 1.27 prints them) and the testing/synctest harness. */
static void test_go127(void)
{
    /* a leaked iter.Pull: the sequence's side, parked in yield */
    const char *const pull[] = {"runtime.coroswitch", "iter.Pull[...].func1.1", "main.count",
                                "iter.Pull[...].func1", "runtime.corostart", "runtime.goexit"};
    Classification c = RUN("coroutine", pull, NULL);
    EXPECT("classify/coroutine-kind", c.kind == BLOCK_COROUTINE && classify_wait_reason("coroutine") == BLOCK_COROUTINE);
    EXPECT("classify/coroutine-suspect", c.suspect && !c.idle && c.seed == SEED_PULL_NOT_STOPPED);
    EXPECT("classify/coroutine-blame", c.blame == 2);
    /* debug=1 hides runtime.coroswitch: the yield frame tells */
    c = run("", pull + 1, 5, NULL);
    EXPECT("classify/coroutine-debug1", c.kind == BLOCK_COROUTINE && c.seed == SEED_PULL_NOT_STOPPED && c.blame == 1);
    /* the caller's side, in next: waits for a sequence that does not yield */
    const char *const next[] = {"runtime.coroswitch", "iter.Pull[...].func2", "main.consume", "main.main"};
    c = RUN("coroutine", next, NULL);
    EXPECT("classify/coroutine-next", c.suspect && c.kind == BLOCK_COROUTINE && c.seed == SEED_NONE && c.blame == 2);
    EXPECT("classify/coroutine-ids", strcmp(block_kind_id(BLOCK_COROUTINE), "coroutine") == 0 &&
                                         strcmp(seed_leak_id(SEED_PULL_NOT_STOPPED), "iter-pull-not-stopped") == 0 &&
                                         seed_leak_fix(SEED_PULL_NOT_STOPPED)[0]);

    const char *const maxprocs[] = {"runtime.gopark", "runtime.goparkunlock", "runtime.updateMaxProcsGoroutine",
                                    "runtime.goexit"};
    c = RUN("GOMAXPROCS updater (idle)", maxprocs, NULL);
    EXPECT("classify/gomaxprocs-updater", c.idle && !c.suspect && c.kind == BLOCK_IDLE_RUNTIME);
    /* proto profiles carry no wait reason: the function tells */
    c = RUN("", maxprocs, NULL);
    EXPECT("classify/gomaxprocs-updater-frames", c.idle && c.kind == BLOCK_IDLE_RUNTIME);
    const char *const fin[] = {"runtime.gopark", "runtime.runFinalizers", "runtime.goexit"};
    c = RUN("", fin, NULL);
    EXPECT("classify/run-finalizers-frames", c.idle && c.kind == BLOCK_IDLE_RUNTIME);
    c = RUN("cleanup wait", fin, NULL);
    EXPECT("classify/cleanup-wait", c.idle);

    /* a failing bubble (Go 1.27 output): the harness waits for the test */
    const char *const harness[] = {"testing/synctest.testingSynctestTest", "testing/synctest.Test.func1",
                                   "runtime.goexit"};
    c = RUN("chan receive (durable), synctest bubble 1", harness, NULL);
    EXPECT("classify/synctest-harness", !c.suspect && c.idle);
    const char *const bubble[] = {"example.com/st.TestBubble.func1", "testing.tRunner", "runtime.goexit"};
    c = RUN("chan receive (durable), synctest bubble 1", bubble, NULL);
    EXPECT("classify/synctest-test-suspect", c.suspect && c.kind == BLOCK_CHAN_RECV && c.blame == 0);
    const char *const wgd[] = {"sync.runtime_SemacquireWaitGroup", "sync.(*WaitGroup).Wait", "main.f"};
    c = RUN("sync.WaitGroup.Wait (durable), synctest bubble 2", wgd, NULL);
    EXPECT("classify/waitgroup-durable", c.suspect && c.kind == BLOCK_WAITGROUP);
    /* Go 1.26+: a leaked goroutine keeps its wait reason */
    const char *const recv[] = {"runtime.gopark", "runtime.chanrecv", "runtime.chanrecv1", "main.handle.func1.1"};
    c = RUN("chan receive (leaked)", recv, NULL);
    EXPECT("classify/leaked-reason", c.suspect && c.kind == BLOCK_CHAN_RECV);
}

int main(void)
{
    test_std();
    test_reasons();
    test_goroutines();
    test_go127();
    return failures ? 1 : 0;
}
