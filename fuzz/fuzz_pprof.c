/* fuzz_pprof.c - libFuzzer target for the pprof decoder. The first byte
 * picks the path: odd wraps the rest in gzip first (so the inflater and
 * the decoder behind it both see fuzzed data), even feeds it as it is (raw
 * protobuf, gzip or the legacy text form). A decoded profile is then
 * summarized the way drip heap and drip watch do. The budget
 * (--max-memory, 4 MiB here) bounds it, not a length cap. */
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "pprof/pprof.h"
#include "pprof/pprof_top.h"
#include "watch/watch.h"
#include "util/limits.h"
#include "util/util.h"

static unsigned char *gzip_wrap(const uint8_t *in, size_t n, size_t *out_len)
{
    size_t cap = compressBound((uLong)n) + 64;
    unsigned char *out = xmalloc(cap);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = (unsigned char *)in;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    *out_len = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* No length cap: a 1 MB bomb must get through to the budget. */
    if (size == 0)
        return 0;
    limits.max_memory = (size_t)4 << 20; /* short runs; the bound is what is fuzzed */
    char err[512];
    Profile *p;
    if (data[0] & 1) {
        size_t zn;
        unsigned char *z = gzip_wrap(data + 1, size - 1, &zn);
        p = pprof_parse(z, zn, err, sizeof err);
        free(z);
    } else {
        p = pprof_parse(data + 1, size - 1, err, sizeof err);
    }
    if (!p)
        return 0;
    int idx = pprof_default_index(p);
    if (idx >= 0) {
        TopTable t;
        pprof_top(&t, p, NULL, idx, -1, TOP_BY_SITE);
        pprof_top_free(&t);
        pprof_top(&t, p, p, idx, idx, TOP_BY_FUNCTION);
        pprof_top_free(&t);
    }
    WatchStore w;
    watch_store_init(&w);
    watch_store_add(&w, 1, p, p);
    watch_store_add(&w, 2, p, NULL);
    WatchParams prm;
    watch_params_default(&prm);
    prm.min_snapshots = 2;
    WatchResult r;
    watch_analyze(&w, &prm, &r);
    watch_result_free(&r);
    watch_store_free(&w);
    pprof_free(p);
    return 0;
}
