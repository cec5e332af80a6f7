/* test_util.c - unit tests for arena, array, strbuf, hashmap, par_for and
 * par_feed. */
#include <stdatomic.h>
#include <string.h>

#include "util/arena.h"
#include "util/array.h"
#include "util/hashmap.h"
#include "util/par.h"
#include "util/strbuf.h"

static int failures;

#define EXPECT(name, cond)                                   \
    do {                                                     \
        if (cond)                                            \
            printf("PASS %s\n", name);                       \
        else {                                               \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__); \
            failures++;                                      \
        }                                                    \
    } while (0)

static void test_arena(void)
{
    Arena a;
    arena_init(&a);
    char *first = arena_strdup(&a, "hello");
    int ok = 1;
    for (int i = 0; i < 100000; i++) {
        int *p = arena_alloc(&a, sizeof(int) * (size_t)(i % 7 + 1));
        if ((uintptr_t)p % 16 != 0)
            ok = 0;
        p[0] = i;
    }
    void *big = arena_zalloc(&a, 1 << 20);
    EXPECT("arena/alignment", ok);
    EXPECT("arena/survives-growth", strcmp(first, "hello") == 0);
    EXPECT("arena/big-zeroed", ((char *)big)[(1 << 20) - 1] == 0);
    arena_free(&a);
}

static void test_array(void)
{
    Array(int) xs = {0};
    for (int i = 0; i < 1000; i++)
        array_push(&xs, i * 2);
    EXPECT("array/len", xs.len == 1000);
    EXPECT("array/at", *array_at(&xs, 999) == 1998);
    int last = array_pop(&xs);
    EXPECT("array/pop", last == 1998 && xs.len == 999);
    array_free(&xs);
}

static void test_strbuf(void)
{
    StrBuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s-%d", "x", 42);
    EXPECT("strbuf/printf", strcmp(sb_cstr(&sb), "x-42") == 0);
    sb_clear(&sb);
    for (int i = 0; i < 100; i++)
        sb_printf(&sb, "%0300d", i);
    EXPECT("strbuf/long", sb.len == 30000);
    sb_clear(&sb);
    sb_json_string(&sb, "a\"\\\n\x01\xff", 6);
    EXPECT("strbuf/json", strcmp(sb_cstr(&sb), "\"a\\\"\\\\\\n\\u0001\\ufffd\"") == 0);
    sb_clear(&sb);
    sb_html_escape(&sb, "<a href='x'>&</a>", 17);
    EXPECT("strbuf/html", strcmp(sb_cstr(&sb), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;") == 0);
    sb_free(&sb);
}

static void test_hashmap(void)
{
    HashMap m;
    hashmap_init(&m);
    Arena a;
    arena_init(&a);
    for (long i = 0; i < 5000; i++) {
        char *k = arena_strdup(&a, "");
        k = arena_alloc(&a, 16);
        snprintf(k, 16, "k%ld", i);
        hashmap_set(&m, k, strlen(k), (void *)(i + 1));
    }
    EXPECT("hashmap/count", m.count == 5000);
    EXPECT("hashmap/get", hashmap_get(&m, "k4321", 5) == (void *)4322);
    EXPECT("hashmap/miss", hashmap_get(&m, "k5000", 5) == NULL);
    int inserted = -1;
    hashmap_put(&m, "k7", 2, &inserted);
    EXPECT("hashmap/put-existing", inserted == 0 && m.count == 5000);
    hashmap_free(&m);
    arena_free(&a);
}

static atomic_long sum;
static void add(void *ctx, size_t i, int worker)
{
    (void)ctx;
    (void)worker;
    atomic_fetch_add(&sum, (long)i);
}

static atomic_long feed_sum;
static atomic_int bad_worker;

static void feed_item(void *ctx, void *item, int worker)
{
    int *threads = ctx;
    long *v = item;
    if (worker < 0 || worker >= *threads)
        atomic_store(&bad_worker, 1);
    atomic_fetch_add(&feed_sum, *v);
    *v = -*v; /* marks it done */
}

static void test_par(void)
{
    atomic_init(&sum, 0);
    par_for(10000, 4, add, NULL);
    EXPECT("par/sum", atomic_load(&sum) == 10000L * 9999 / 2);

    /* a feed: every item added, while the workers run, is done once, and
     * the items come back in the order they were added */
    for (int threads = 1; threads <= 4; threads += 3) {
        atomic_init(&feed_sum, 0);
        atomic_init(&bad_worker, 0);
        long *vals = xcalloc(5000, sizeof(long));
        ParFeed *f = par_feed_start(threads, feed_item, &threads);
        for (long i = 0; i < 5000; i++) {
            vals[i] = i + 1;
            par_feed_add(f, &vals[i]);
        }
        size_t n;
        void **items = par_feed_end(f, &n);
        bool order = n == 5000, done = true;
        for (size_t i = 0; order && i < n; i++)
            order = items[i] == &vals[i];
        for (size_t i = 0; i < 5000; i++)
            done = done && vals[i] == -(long)(i + 1);
        EXPECT(threads == 1 ? "par/feed-1-thread" : "par/feed-4-threads",
               order && done && atomic_load(&feed_sum) == 5000L * 5001 / 2 &&
                   !atomic_load(&bad_worker));
        free(items);
        free(vals);
    }
}

int main(void)
{
    test_arena();
    test_array();
    test_strbuf();
    test_hashmap();
    test_par();
    return failures != 0;
}
