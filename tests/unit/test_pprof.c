/* test_pprof.c - the pprof decoder on hand-encoded protobuf: fields,
 * packed and unpacked arrays, inlined lines, labels, every kind of
 * corruption (each must give an error, never a crash), all truncations;
 * gzip reading; the legacy text form with its scaling; user-code rules;
 * and the watch store's series alignment. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "pprof/pprof.h"
#include "pprof/pprof_top.h"
#include "watch/watch.h"
#include "util/gz.h"
#include "util/strbuf.h"

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

/* ---- a tiny protobuf encoder ---- */

static void put_varint(StrBuf *b, uint64_t v)
{
    while (v >= 0x80) {
        sb_putc(b, (char)(v | 0x80));
        v >>= 7;
    }
    sb_putc(b, (char)v);
}

static void put_key(StrBuf *b, unsigned field, unsigned wire)
{
    put_varint(b, (uint64_t)field << 3 | wire);
}

static void put_uint(StrBuf *b, unsigned field, uint64_t v)
{
    put_key(b, field, 0);
    put_varint(b, v);
}

static void put_bytes(StrBuf *b, unsigned field, const char *p, size_t n)
{
    put_key(b, field, 2);
    put_varint(b, n);
    sb_append(b, p, n);
}

static void put_msg(StrBuf *b, unsigned field, StrBuf *m)
{
    put_bytes(b, field, m->data ? m->data : "", m->len);
    sb_clear(m);
}

static void put_str(StrBuf *b, const char *s)
{
    put_bytes(b, 6, s, strlen(s));
}

/* strings: 0 "", 1 inuse_space, 2 bytes, 3 main.f, 4 /app/main.go,
 * 5 runtime.mallocgc, 6 /go/src/runtime/malloc.go, 7 main.inl, 8 key, 9 val,
 * 10 goroutine, 11 count */
static void build_profile(StrBuf *out, bool packed, int variant)
{
    StrBuf m, n;
    sb_init(&m);
    sb_init(&n);
    /* sample_type */
    put_uint(&m, 1, 1);
    put_uint(&m, 2, 2);
    put_msg(out, 1, &m);
    /* sample: locs [1, 2], value [100] (or two values: variant 1) */
    if (packed) {
        put_varint(&n, 1);
        put_varint(&n, variant == 2 ? 9 : 2);
        put_msg(&m, 1, &n);
        put_varint(&n, 100);
        if (variant == 1)
            put_varint(&n, 5);
        put_msg(&m, 2, &n);
    } else {
        put_uint(&m, 1, 1);
        put_uint(&m, 1, variant == 2 ? 9 : 2);
        put_uint(&m, 2, 100);
        if (variant == 1)
            put_uint(&m, 2, 5);
    }
    put_uint(&n, 1, 8);
    put_uint(&n, 2, variant == 3 ? 99 : 9);
    put_msg(&m, 3, &n);
    put_msg(out, 2, &m);
    /* location 1: runtime.mallocgc; location 2: main.inl inlined into main.f */
    put_uint(&m, 1, 1);
    put_uint(&n, 1, 2);
    put_uint(&n, 2, 900);
    put_msg(&m, 4, &n);
    put_msg(out, 4, &m);
    put_uint(&m, 1, variant == 4 ? 1 : 2);
    put_uint(&m, 3, 0x1234);
    put_uint(&n, 1, 3);
    put_uint(&n, 2, 7);
    put_msg(&m, 4, &n);
    put_uint(&n, 1, variant == 5 ? 77 : 1);
    put_uint(&n, 2, 20);
    put_msg(&m, 4, &n);
    put_msg(out, 4, &m);
    /* functions */
    put_uint(&m, 1, 1);
    put_uint(&m, 2, 3);
    put_uint(&m, 4, 4);
    put_msg(out, 5, &m);
    put_uint(&m, 1, 2);
    put_uint(&m, 2, 5);
    put_uint(&m, 4, 6);
    put_msg(out, 5, &m);
    put_uint(&m, 1, 3);
    put_uint(&m, 2, 7);
    put_uint(&m, 4, 4);
    put_msg(out, 5, &m);
    /* strings last: the decoder must not need them first */
    const char *strs[] = {"", "inuse_space", "bytes", "main.f", "/app/main.go", "runtime.mallocgc",
                          "/go/src/runtime/malloc.go", "main.inl", "key", "val"};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        put_str(out, strs[i]);
    put_uint(out, 9, 1700000000000000000ull);
    put_uint(out, 12, 524288);
    sb_free(&m);
    sb_free(&n);
}

static Profile *decode(StrBuf *b, char *err, size_t n)
{
    return pprof_parse(b->data, b->len, err, n);
}

static void test_decode(void)
{
    char err[256] = "";
    StrBuf b;
    sb_init(&b);
    build_profile(&b, true, 0);
    Profile *p = decode(&b, err, sizeof err);
    EXPECT("pprof/decode-ok", p != NULL);
    if (!p) {
        printf("  error: %s\n", err);
        return;
    }
    EXPECT("pprof/sample-type", p->n_sample_types == 1 && strcmp(p->sample_types[0].type, "inuse_space") == 0 &&
                                    strcmp(p->sample_types[0].unit, "bytes") == 0);
    EXPECT("pprof/one-sample", p->nsamples == 1 && p->samples[0].values[0] == 100);
    EXPECT("pprof/locations", p->nlocations == 2 && p->samples[0].nlocs == 2);
    EXPECT("pprof/time-period", p->time_nanos == 1700000000000000000ll && p->period == 524288);
    EXPECT("pprof/label", p->samples[0].nlabels == 1 && strcmp(p->samples[0].labels[0].key, "key") == 0 &&
                              strcmp(p->samples[0].labels[0].str, "val") == 0);
    PprofFrame fr[8];
    size_t nf = pprof_sample_frames(&p->samples[0], fr, 8);
    EXPECT("pprof/frames-inlined", nf == 3 && strcmp(fr[0].function->name, "runtime.mallocgc") == 0 &&
                                       strcmp(fr[1].function->name, "main.inl") == 0 && fr[1].line == 7 &&
                                       strcmp(fr[2].function->name, "main.f") == 0 && fr[2].line == 20);
    PprofCode code;
    pprof_code_init(&code, p);
    EXPECT("pprof/goroot-from-runtime", code.goroot_src && code.goroot_len == strlen("/go/src/"));
    PprofFrame site;
    EXPECT("pprof/site-first-user-frame",
           pprof_site(&code, &p->samples[0], &site) && strcmp(site.function->name, "main.inl") == 0);
    EXPECT("pprof/default-index", pprof_default_index(p) == 0 && pprof_sample_index(p, "x") == -1);
    pprof_free(p);

    sb_clear(&b);
    build_profile(&b, false, 0);
    p = decode(&b, err, sizeof err);
    EXPECT("pprof/unpacked-arrays", p && p->samples[0].nlocs == 2 && p->samples[0].values[0] == 100);
    pprof_free(p);

    /* Corruptions, each with its own message. */
    static const struct {
        int variant;
        const char *want;
        const char *name;
    } bad[] = {
        {1, "has 2 values but the profile has 1 sample types", "pprof/error-value-count"},
        {2, "refers to missing location 9", "pprof/error-missing-location"},
        {3, "string index 99 out of range", "pprof/error-string-index"},
        {4, "duplicate location id 1", "pprof/error-duplicate-id"},
        {5, "refers to missing function 77", "pprof/error-missing-function"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sb_clear(&b);
        build_profile(&b, true, bad[i].variant);
        err[0] = 0;
        p = decode(&b, err, sizeof err);
        EXPECT(bad[i].name, p == NULL && strstr(err, bad[i].want) && strstr(err, "corrupt profile at byte"));
        pprof_free(p);
    }

    /* Wire-level corruption. */
    const struct {
        const char *bytes;
        size_t n;
        const char *want;
        const char *name;
    } wire[] = {
        {"\x0a\x05\x08", 3, "runs past the end", "pprof/error-length-past-end"},
        {"\x08\xff\xff", 3, "truncated varint", "pprof/error-truncated-varint"},
        {"\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 12, "varint", "pprof/error-long-varint"},
        {"\x0b\x0c", 2, "unsupported wire type", "pprof/error-group-wire-type"},
        {"\x00\x01", 2, "invalid field number", "pprof/error-field-zero"},
        {"\x11\x01\x02", 3, "truncated fixed64", "pprof/error-truncated-fixed64"},
    };
    for (size_t i = 0; i < sizeof wire / sizeof *wire; i++) {
        err[0] = 0;
        p = pprof_parse(wire[i].bytes, wire[i].n, err, sizeof err);
        EXPECT(wire[i].name, p == NULL && strstr(err, wire[i].want));
        pprof_free(p);
    }

    /* Every truncation of a valid profile: an error or a smaller profile,
     * never a crash or a read past the end (ASan checks the latter). */
    sb_clear(&b);
    build_profile(&b, true, 0);
    int ok = 1;
    for (size_t n = 0; n < b.len; n++) {
        char *copy = xmalloc(n ? n : 1);
        memcpy(copy, b.data, n);
        p = pprof_parse(copy, n, err, sizeof err);
        if (!p && !err[0])
            ok = 0;
        pprof_free(p);
        free(copy);
    }
    EXPECT("pprof/all-truncations-safe", ok);
    sb_free(&b);
}

static size_t gzip_bytes(const char *in, size_t n, unsigned char *out, size_t cap)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (unsigned char *)in;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    size_t len = cap - zs.avail_out;
    deflateEnd(&zs);
    return len;
}

static void test_gz(void)
{
    const char text[] = "hello, gzip world; hello, gzip world; hello";
    unsigned char z[256], two[512];
    size_t zn = gzip_bytes(text, sizeof text - 1, z, sizeof z);
    GzData d;
    char err[160];
    EXPECT("gz/inflate", gz_read_buffer(z, zn, &d, err, sizeof err) && d.was_gzip && d.len == sizeof text - 1 &&
                             memcmp(d.data, text, d.len) == 0 && d.data[d.len] == 0);
    gz_data_free(&d);
    EXPECT("gz/plain-passes-through", gz_read_buffer("abc", 3, &d, err, sizeof err) && !d.was_gzip && d.len == 3);
    gz_data_free(&d);
    memcpy(two, z, zn);
    memcpy(two + zn, z, zn);
    EXPECT("gz/concatenated-members", gz_read_buffer(two, 2 * zn, &d, err, sizeof err) && d.len == 2 * (sizeof text - 1));
    gz_data_free(&d);
    int ok = 1;
    for (size_t n = 2; n < zn; n++) {
        if (gz_read_buffer(z, n, &d, err, sizeof err)) {
            ok = 0;
            gz_data_free(&d);
        } else if (!strstr(err, "truncated") && !strstr(err, "corrupt")) {
            ok = 0;
        }
    }
    EXPECT("gz/every-truncation-is-an-error", ok);
    z[12] ^= 0x55;
    EXPECT("gz/corrupt-is-an-error", !gz_read_buffer(z, zn, &d, err, sizeof err) || (gz_data_free(&d), 0));
    EXPECT("gz/missing-file", !gz_read_file("/nonexistent/x.gz", &d, err, sizeof err) &&
                                  strcmp(err, "No such file or directory") == 0);
    /* The decoder reads gzip-compressed profiles the same way. */
    StrBuf b;
    sb_init(&b);
    build_profile(&b, true, 0);
    unsigned char big[1024];
    size_t bn = gzip_bytes(b.data, b.len, big, sizeof big);
    Profile *p = pprof_parse(big, bn, err, sizeof err);
    EXPECT("gz/profile", p && p->nsamples == 1);
    pprof_free(p);
    sb_free(&b);
}

static const char legacy[] =
    "heap profile: 2: 2048 [4: 8192] @ heap/524288\n"
    "1: 1024 [2: 4096] @ 0x10 0x20\n"
    "#\t0x10\tmain.alloc+0x2b\t/app/main.go:12\n"
    "#\t0x20\tmain.main+0x1d\t/app/main.go:30\n"
    "\n"
    "1: 1024 [2: 4096] @ 0x30\n"
    "#\t0x30\tbytes.(*Buffer).grow+0x1\t/go/src/bytes/buffer.go:99\n"
    "garbage line\n"
    "\n"
    "# runtime.MemStats\n"
    "# Alloc = 123\n";

static void test_legacy(void)
{
    char err[256];
    Profile *p = pprof_parse(legacy, sizeof legacy - 1, err, sizeof err);
    EXPECT("legacy/parses", p != NULL);
    if (!p)
        return;
    EXPECT("legacy/types", p->n_sample_types == 4 && pprof_default_index(p) == 3 &&
                               strcmp(p->sample_types[3].type, "inuse_space") == 0);
    EXPECT("legacy/samples", p->nsamples == 2 && p->samples[0].nlocs == 2);
    /* "heap/524288" is Go's 2 * MemProfileRate: pprof scales with the
     * rate 262144, by 1 / (1 - exp(-avg / 262144)); in-use avg is 1024. */
    double s = 1 / (1 - exp(-1024.0 / 262144));
    EXPECT("legacy/scaled-inuse", p->samples[0].values[3] == (int64_t)(1024 * s) &&
                                      p->samples[0].values[2] == (int64_t)(1 * s));
    EXPECT("legacy/period-halved", p->period == 262144);
    double s2 = 1 / (1 - exp(-2048.0 / 262144));
    EXPECT("legacy/scaled-alloc", p->samples[0].values[1] == (int64_t)(4096 * s2));
    PprofFrame fr[4];
    size_t nf = pprof_sample_frames(&p->samples[0], fr, 4);
    EXPECT("legacy/frames", nf == 2 && strcmp(fr[0].function->name, "main.alloc") == 0 && fr[0].line == 12 &&
                                strcmp(fr[0].function->filename, "/app/main.go") == 0);
    EXPECT("legacy/skipped-line-warned", p->nwarnings == 1 && strstr(p->warning, "line 8"));
    EXPECT("legacy/memstats-comments", p->ncomments == 1 && strcmp(p->comments[0], "Alloc = 123") == 0);
    pprof_free(p);
}

/* One sample "1: 1024 [2: 4096]" (4096 in-use bytes when two_column) under
 * the header kind given. */
static Profile *legacy_kind(const char *kind, bool two_column, char *err, size_t errlen)
{
    char text[300];
    snprintf(text, sizeof text,
             "heap profile: 1: 1024 [%s] @ %s\n%s @ 0x10\n#\t0x10\tmain.a+0x1\t/app/a.go:3\n",
             two_column ? "1: 1024" : "2: 4096", kind, two_column ? "1: 1024 [1: 1024]" : "1: 1024 [2: 4096]");
    return pprof_parse(text, strlen(text), err, errlen);
}

static void test_legacy_kinds(void)
{
    char err[256];
    double s = 1 / (1 - exp(-1024.0 / 4096));
    Profile *p = legacy_kind("heap_v2/4096", false, err, sizeof err);
    EXPECT("legacy/heap_v2-rate-as-is", p && p->period == 4096 && p->samples[0].values[3] == (int64_t)(1024 * s));
    pprof_free(p);
    p = legacy_kind("heapz_v2/4096", false, err, sizeof err);
    EXPECT("legacy/heapz_v2-rate-as-is", p && p->period == 4096);
    pprof_free(p);
    p = legacy_kind("heap/8192", false, err, sizeof err);
    EXPECT("legacy/heap-rate-halved", p && p->period == 4096 && p->samples[0].values[3] == (int64_t)(1024 * s));
    pprof_free(p);
    p = legacy_kind("heapprofile", false, err, sizeof err);
    EXPECT("legacy/heapprofile-unscaled", p && p->samples[0].values[3] == 1024 && p->samples[0].values[1] == 4096);
    pprof_free(p);
    p = legacy_kind("heap/", false, err, sizeof err);
    EXPECT("legacy/no-rate-unscaled", p && p->samples[0].values[3] == 1024);
    pprof_free(p);
    p = legacy_kind("heap_x/4096", false, err, sizeof err);
    EXPECT("legacy/unknown-kind-error", !p && strstr(err, "line 1: unknown profile kind after '@'"));
    pprof_free(p);
    /* Totals alloc == in-use: pprof reads two columns, objects and space. */
    p = legacy_kind("heap/2", true, err, sizeof err);
    EXPECT("legacy/two-column", p && p->n_sample_types == 2 && strcmp(p->sample_types[0].type, "objects") == 0 &&
                                    strcmp(p->sample_types[1].type, "space") == 0 && pprof_default_index(p) == 1 &&
                                    p->samples[0].values[0] == 1 && p->samples[0].values[1] == 1024);
    pprof_free(p);
}

static void test_user_code(void)
{
    EXPECT("code/pkg-len-main", pprof_func_pkg_len("main.f.func1") == 4);
    EXPECT("code/pkg-len-path", pprof_func_pkg_len("github.com/a/b.(*T).M") == strlen("github.com/a/b"));
    EXPECT("code/pkg-len-dotted-last", pprof_func_pkg_len("gopkg.in/yaml.v3.Unmarshal") == strlen("gopkg.in/yaml"));
    PprofFunction f = {.name = "net/http.(*conn).serve", .filename = ""};
    EXPECT("code/std-by-dot-rule", !pprof_is_user_func(NULL, &f));
    f.name = "github.com/x/y.Handler";
    EXPECT("code/user-by-dot-rule", pprof_is_user_func(NULL, &f));
    f.name = "main.handler";
    EXPECT("code/main-is-user", pprof_is_user_func(NULL, &f));
    PprofCode c = {.goroot_src = "/usr/lib/go/src/", .goroot_len = 16};
    f.name = "myapp/store.Put";
    f.filename = "/home/u/myapp/store/store.go";
    EXPECT("code/dotless-module-is-user-by-path", pprof_is_user_func(&c, &f));
    f.name = "strings.Repeat";
    f.filename = "/usr/lib/go/src/strings/strings.go";
    EXPECT("code/goroot-is-std", !pprof_is_user_func(&c, &f));
}

/* A goroutine profile: one stack per entry of names (leaf first, one
 * frame each), counts as given. */
static Profile *goroutine_profile(const char *const *names, const int *counts, int n)
{
    StrBuf b, m, k;
    sb_init(&b);
    sb_init(&m);
    sb_init(&k);
    put_uint(&m, 1, 1);
    put_uint(&m, 2, 2);
    put_msg(&b, 1, &m);
    for (int i = 0; i < n; i++) {
        put_uint(&m, 1, (uint64_t)i + 1);
        put_uint(&m, 2, (uint64_t)counts[i]);
        put_msg(&b, 2, &m);
        put_uint(&m, 1, (uint64_t)i + 1);
        put_uint(&k, 1, (uint64_t)i + 1);
        put_uint(&k, 2, 10);
        put_msg(&m, 4, &k);
        put_msg(&b, 4, &m);
        put_uint(&m, 1, (uint64_t)i + 1);
        put_uint(&m, 2, (uint64_t)i + 3);
        put_uint(&m, 4, 0);
        put_msg(&b, 5, &m);
    }
    put_str(&b, "");
    put_str(&b, "goroutine");
    put_str(&b, "count");
    for (int i = 0; i < n; i++)
        put_str(&b, names[i]);
    char err[200];
    Profile *p = pprof_parse(b.data, b.len, err, sizeof err);
    sb_free(&b);
    sb_free(&m);
    sb_free(&k);
    return p;
}

static void test_store(void)
{
    WatchStore w;
    watch_store_init(&w);
    const char *a[] = {"main.worker"};
    const char *ab[] = {"main.worker", "main.other"};
    int one[] = {3}, two[] = {4, 2};
    Profile *p1 = goroutine_profile(a, one, 1);
    Profile *p2 = goroutine_profile(ab, two, 2);
    watch_store_add(&w, 100, p1, NULL);
    watch_store_add(&w, 101, p2, NULL);
    watch_store_add(&w, 102, NULL, NULL);
    watch_store_add(&w, 103, p1, NULL);
    EXPECT("store/series", w.series.len == 2 && w.snaps.len == 4);
    if (w.series.len == 2) {
        const Series *s0 = w.series.items[0], *s1 = w.series.items[1];
        EXPECT("store/values-aligned", s0->values.len == 4 && s0->values.items[0] == 3 && s0->values.items[1] == 4 &&
                                           isnan(s0->values.items[2]) && s0->values.items[3] == 3);
        EXPECT("store/late-series-backfilled", s1->values.len == 4 && s1->values.items[0] == 0 &&
                                                   s1->values.items[1] == 2 && isnan(s1->values.items[2]) &&
                                                   s1->values.items[3] == 0);
        EXPECT("store/totals", w.snaps.items[1].goroutines == 6 && isnan(w.snaps.items[2].goroutines));
    }
    pprof_free(p1);
    pprof_free(p2);
    watch_store_free(&w);

    /* A steady rise is a leak; noise around a level is not. */
    watch_store_init(&w);
    WatchParams prm;
    watch_params_default(&prm);
    for (int i = 0; i < 20; i++) {
        int c[2] = {10 + 3 * i, 50 + (i * 7919) % 5};
        Profile *p = goroutine_profile(ab, c, 2);
        watch_store_add(&w, 1000 + i, p, NULL);
        pprof_free(p);
    }
    WatchResult r;
    watch_analyze(&w, &prm, &r);
    EXPECT("store/verdict-leak", r.nleaks == 1 && r.items.items[0].leak &&
                                     strcmp(r.items.items[0].series->func, "main.worker") == 0 &&
                                     fabs(r.items.items[0].slope_per_min - 180) < 1e-9);
    EXPECT("store/verdict-noise", r.items.len == 2 && !r.items.items[1].leak);
    watch_result_free(&r);
    prm.min_snapshots = 30;
    watch_analyze(&w, &prm, &r);
    EXPECT("store/min-snapshots", r.nleaks == 0);
    watch_result_free(&r);
    watch_store_free(&w);
}

/* Two legacy profiles (rate 1: no scaling), inuse_space values:
 *   new: main.a <- main.main 300; io.ReadAll <- main.b <- main.main 500
 *   old: main.a <- main.main 100; main.c <- main.main 50 */
static const char top_new[] =
    "heap profile: 2: 800 [3: 900] @ heap/1\n"
    "1: 300 [1: 300] @ 0x1 0x9\n#\t0x1\tmain.a+0x1\t/app/a.go:5\n#\t0x9\tmain.main+0x1\t/app/main.go:9\n\n"
    "1: 500 [1: 500] @ 0x2 0x3 0x9\n#\t0x2\tio.ReadAll+0x1\t/go/src/io/io.go:700\n"
    "#\t0x3\tmain.b+0x1\t/app/b.go:7\n#\t0x9\tmain.main+0x1\t/app/main.go:9\n";
static const char top_old[] =
    "heap profile: 2: 150 [3: 250] @ heap/1\n"
    "1: 100 [1: 100] @ 0x1 0x9\n#\t0x1\tmain.a+0x1\t/app/a.go:5\n#\t0x9\tmain.main+0x1\t/app/main.go:9\n\n"
    "1: 50 [1: 50] @ 0x4 0x9\n#\t0x4\tmain.c+0x1\t/app/c.go:3\n#\t0x9\tmain.main+0x1\t/app/main.go:9\n";

static const TopRow *row(const TopTable *t, const char *name)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].name, name) == 0)
            return &t->rows[i];
    return NULL;
}

static void test_top(void)
{
    char err[200];
    Profile *n = pprof_parse(top_new, sizeof top_new - 1, err, sizeof err);
    Profile *o = pprof_parse(top_old, sizeof top_old - 1, err, sizeof err);
    if (!n || !o) {
        EXPECT("top/parse", 0);
        return;
    }
    int idx = pprof_sample_index(n, "inuse_space");
    TopTable t;
    pprof_top(&t, n, NULL, idx, -1, TOP_BY_FUNCTION);
    const TopRow *r = row(&t, "io.ReadAll"), *m = row(&t, "main.main"), *b = row(&t, "main.b");
    EXPECT("top/functions-flat-from-leaf", r && r->flat == 500 && b && b->flat == 0 && b->cum == 500);
    EXPECT("top/functions-cum-once-per-sample", m && m->flat == 0 && m->cum == 800 && t.total == 800);
    EXPECT("top/sorted-by-flat", t.nrows >= 2 && strcmp(t.rows[0].name, "io.ReadAll") == 0);
    pprof_top_free(&t);
    pprof_top(&t, n, NULL, idx, -1, TOP_BY_SITE);
    b = row(&t, "main.b");
    EXPECT("top/site-is-first-user-frame", b && b->flat == 500 && b->line == 7 && !row(&t, "io.ReadAll"));
    EXPECT("top/site-category", b && b->category == CAT_SUBSLICE);
    pprof_top_free(&t);
    pprof_top(&t, n, o, idx, pprof_sample_index(o, "inuse_space"), TOP_BY_FUNCTION);
    const TopRow *a = row(&t, "main.a"), *c = row(&t, "main.c");
    EXPECT("top/diff-total", t.diff && t.total == 650 && t.base_total == 150);
    EXPECT("top/diff-flat", a && a->flat == 200 && a->base_flat == 100 && c && c->flat == -50);
    EXPECT("top/diff-cum", (m = row(&t, "main.main")) && m->cum == 650);
    EXPECT("top/diff-shrink-last", t.nrows && strcmp(t.rows[t.nrows - 1].name, "main.c") == 0);
    pprof_top_free(&t);
    pprof_free(n);
    pprof_free(o);
}

int main(void)
{
    test_top();
    test_decode();
    test_gz();
    test_legacy();
    test_legacy_kinds();
    test_user_code();
    test_store();
    return failures ? 1 : 0;
}
