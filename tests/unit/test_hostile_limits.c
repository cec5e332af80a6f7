/* test_hostile_limits.c - the resource budget (src/util/limits.h) at and
 * over each bound: sizes, inflated gzip size (absolute and relative to the
 * input), the pprof decoder's memory, and term_escape (issue 14). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pprof/pprof.h"
#include "watch/watch_http.h"
#include "util/gz.h"
#include "util/limits.h"
#include "util/skip.h"
#include "util/strbuf.h"
#include "util/term.h"

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

static void test_sizes(void)
{
    size_t v = 0;
    EXPECT("size/plain", limit_parse_size("1048576", &v) && v == 1048576);
    EXPECT("size/k", limit_parse_size("64k", &v) && v == 65536);
    EXPECT("size/MiB", limit_parse_size("256MiB", &v) && v == (size_t)256 << 20);
    EXPECT("size/G", limit_parse_size("1G", &v) && v == (size_t)1 << 30);
    EXPECT("size/zero-refused", !limit_parse_size("0", &v));
    EXPECT("size/junk-refused", !limit_parse_size("12Q", &v) && !limit_parse_size("", &v) && !limit_parse_size("-1", &v));
    EXPECT("size/overflow-refused", !limit_parse_size("99999999999999999999", &v) && !limit_parse_size("17179869184G", &v));
    char buf[32];
    limit_fmt_size(buf, sizeof buf, (size_t)1 << 30);
    EXPECT("size/fmt-gib", strcmp(buf, "1 GiB") == 0);
    limit_fmt_size(buf, sizeof buf, 1000);
    EXPECT("size/fmt-bytes", strcmp(buf, "1000 bytes") == 0);
}

/* gzip of n zero bytes, after pre bytes of incompressible noise. */
static unsigned char *gzip_of(size_t pre, size_t n, size_t *outlen)
{
    unsigned char *in = calloc(pre + n + 1, 1);
    uint32_t x = 12345;
    for (size_t i = 0; i < pre; i++) {
        x = x * 1103515245u + 12345u;
        in[i] = (unsigned char)(x >> 24);
    }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&zs, (uLong)(pre + n));
    unsigned char *out = malloc(cap);
    zs.next_in = in;
    zs.avail_in = (uInt)(pre + n);
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    *outlen = zs.total_out;
    deflateEnd(&zs);
    free(in);
    return out;
}

static bool inflates(size_t pre, size_t n, char *err, size_t errlen)
{
    size_t len;
    unsigned char *gz = gzip_of(pre, n, &len);
    GzData d;
    bool ok = gz_read_buffer(gz, len, &d, err, errlen);
    if (ok) {
        ok = d.len == pre + n;
        gz_data_free(&d);
    }
    free(gz);
    return ok;
}

static void test_gzip(void)
{
    char err[300] = "";
    /* Absolute: --max-memory 1 MiB caps the output at 1 MiB. */
    limits.max_memory = (size_t)1 << 20;
    EXPECT("gzip/at-max-memory", inflates(0, (size_t)1 << 20, err, sizeof err));
    EXPECT("gzip/over-max-memory", !inflates(0, ((size_t)1 << 20) + 1, err, sizeof err) &&
                                       strstr(err, "more than 1 MiB") && strstr(err, "--max-memory 1 MiB"));
    /* Relative: 1 MiB of noise plus zeros: GZ_RATIO times the input. */
    limits.max_memory = LIMIT_MEMORY_DEFAULT;
    size_t len;
    unsigned char *probe = gzip_of((size_t)1 << 20, (size_t)70 << 20, &len);
    free(probe);
    size_t cap = len * GZ_RATIO;
    EXPECT("gzip/ratio-above-floor", cap > GZ_RATIO_FLOOR && limit_inflated(len) == cap);
    EXPECT("gzip/under-ratio", inflates((size_t)1 << 20, cap - ((size_t)4 << 20), err, sizeof err));
    EXPECT("gzip/over-ratio", !inflates((size_t)1 << 20, (size_t)70 << 20, err, sizeof err) &&
                                  strstr(err, "64 times the input"));
    EXPECT("gzip/floor", limit_inflated(10) == GZ_RATIO_FLOOR);
}

/* A protobuf profile: one sample type and n empty strings. */
static unsigned char *strtab_profile(size_t n, size_t *len)
{
    unsigned char *p = malloc(2 * n + 16), *q = p;
    *q++ = 0x32, *q++ = 0x00; /* string_table[0] = "" */
    *q++ = 0x32, *q++ = 0x05;
    memcpy(q, "space", 5), q += 5;
    *q++ = 0x0a, *q++ = 0x02, *q++ = 0x08, *q++ = 0x01; /* sample_type {type: 1} */
    for (size_t i = 1; i < n; i++)
        *q++ = 0x32, *q++ = 0x00;
    *len = (size_t)(q - p);
    return p;
}

static bool decodes(const unsigned char *p, size_t len, size_t budget, char *err, size_t errlen)
{
    limits.max_memory = budget;
    Profile *prof = pprof_decode_proto(p, len, err, errlen);
    bool ok = prof != NULL;
    pprof_free(prof);
    limits.max_memory = LIMIT_MEMORY_DEFAULT;
    return ok;
}

static void test_decoder_budget(void)
{
    size_t n = 200000, len;
    unsigned char *p = strtab_profile(n, &len);
    char err[300] = "";
    /* The least budget that decodes it, found by bisection. */
    size_t lo = 1, hi = (size_t)1 << 30;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (decodes(p, len, mid, err, sizeof err))
            hi = mid;
        else
            lo = mid + 1;
    }
    EXPECT("budget/at-bound-decodes", decodes(p, len, lo, err, sizeof err));
    EXPECT("budget/over-bound-refused", !decodes(p, len, lo - 1, err, sizeof err) &&
                                            strstr(err, "needs more memory than --max-memory") != NULL);
    /* The charge covers the string pointers and the input, and not much
     * more: an empty string costs its pointer only. */
    EXPECT("budget/counts-pointers", lo >= len + n * sizeof(char *));
    EXPECT("budget/tight", lo <= len + (n + 1) * sizeof(char *) + 4096);
    free(p);
}

static void test_term(void)
{
    StrBuf sb;
    sb_init(&sb);
    const char in[] = "a\033[2J\tb\n\r\x7f\xc2\x9b\xff\xc3\xa9\xe2\x82\xac\x01";
    term_escape(&sb, in, sizeof in - 1);
    EXPECT("term/escapes", strcmp(sb_cstr(&sb), "a\\x1b[2J\tb\n\\x0d\\x7f\\xc2\\x9b\\xff\xc3\xa9\xe2\x82\xac\\x01") == 0);
    sb_clear(&sb);
    term_escape(&sb, "\xe2\x82", 2); /* truncated sequence */
    EXPECT("term/truncated-utf8", strcmp(sb_cstr(&sb), "\\xe2\\x82") == 0);
    sb_clear(&sb);
    term_escape(&sb, "\xed\xa0\x80\xc0\xaf", 5); /* surrogate, overlong */
    EXPECT("term/surrogate-overlong", strcmp(sb_cstr(&sb), "\\xed\\xa0\\x80\\xc0\\xaf") == 0);
    sb_free(&sb);
    const char *clean = "main.f /a/b.go";
    EXPECT("term/clean-is-same-pointer", term_safe(clean) == clean);
    EXPECT("term/null", term_safe(NULL) == NULL);
}

static void test_skip(void)
{
    EXPECT("skip/vanished", strcmp(skip_reason(ENOENT), "vanished during the walk") == 0);
    EXPECT("skip/real-errno", strcmp(skip_reason(EACCES), strerror(EACCES)) == 0);
    EXPECT("skip/not-regular", strstr(skip_reason(EDRIP_NOTREG), "not a regular file") != NULL);
    SkipLog l = {0};
    for (int i = 0; i < 30; i++)
        skip_note(&l, "x.go", ENOENT, NULL);
    skip_note(&l, "y.go", EACCES, NULL);
    EXPECT("skip/grouped-by-reason", l.reasons.len == 2 && l.reasons.items[0].count == 30 && l.total == 31);
    skip_flush(&l);
}

static void test_origin(void)
{
    EXPECT("origin/same", http_same_origin("http://127.0.0.1:6060/a", "http://127.0.0.1:6060/b?x"));
    EXPECT("origin/default-port", http_same_origin("http://Example.COM/x", "HTTP://example.com:80/y"));
    EXPECT("origin/https-port", http_same_origin("https://h/x", "https://h:443"));
    EXPECT("origin/other-host", !http_same_origin("http://127.0.0.1:18081/", "http://localhost:18081/"));
    EXPECT("origin/other-port", !http_same_origin("http://h:1/", "http://h:2/"));
    EXPECT("origin/other-scheme", !http_same_origin("http://h/", "https://h/"));
    EXPECT("origin/userinfo", http_same_origin("http://u:p@h:1/", "http://h:1/") &&
                                  !http_same_origin("http://h:1@evil:1/", "http://h:1/"));
    EXPECT("origin/ipv6", http_same_origin("http://[::1]:8/a", "http://[::1]:8/b") &&
                              !http_same_origin("http://[::1]:8/", "http://[::1]:9/"));
    EXPECT("origin/bad", !http_same_origin("nonsense", "nonsense") && !http_same_origin("http://h:99999/", "http://h:99999/"));
}

int main(void)
{
    test_origin();
    test_skip();
    test_sizes();
    test_gzip();
    test_decoder_budget();
    test_term();
    return failures ? 1 : 0;
}
