/* dump_diff.c - sites followed across snapshots taken in time order: which
 * grew, by how much, and whether the growth was steady. */
#include "dump.h"

#include <string.h>

static int cmp_trend(const void *a, const void *b)
{
    const DumpTrend *x = a, *y = b;
    bool gx = x->suspect && x->growth > 0, gy = y->suspect && y->growth > 0;
    if (gx != gy)
        return gx ? -1 : 1;
    if (x->steady != y->steady)
        return x->steady ? -1 : 1;
    if (x->growth != y->growth)
        return x->growth > y->growth ? -1 : 1;
    return strcmp(x->key, y->key);
}

static void add_sites(DumpDiff *d, HashMap *index, size_t snap, const void *arr)
{
    const Array(DumpSite *) *sites = arr;
    StrBuf key;
    sb_init(&key);
    for (size_t i = 0; i < sites->len; i++) {
        DumpSite *s = sites->items[i];
        sb_clear(&key);
        dump_site_key(&key, s->kind, s->frame);
        size_t *slot = hashmap_get(index, key.data, key.len);
        DumpTrend *t;
        if (!slot) {
            DumpTrend nt = {0};
            nt.key = arena_strndup(&d->arena, key.data, key.len);
            nt.counts = ARENA_ARRAY(&d->arena, uint64_t, d->nsnaps);
            array_push(&d->trends, nt);
            slot = ARENA_NEW(&d->arena, size_t);
            *slot = d->trends.len - 1;
            hashmap_set(index, nt.key, key.len, slot);
        }
        t = array_at(&d->trends, *slot);
        t->counts[snap] += s->count;
        t->site = s;
        t->suspect = s->suspect;
    }
    sb_free(&key);
}

void dump_diff(DumpDiff *d, DumpAnalysis *snaps, size_t nsnaps)
{
    memset(d, 0, sizeof *d);
    arena_init(&d->arena);
    d->snaps = snaps;
    d->nsnaps = nsnaps;
    HashMap index;
    hashmap_init(&index);
    for (size_t i = 0; i < nsnaps; i++) {
        add_sites(d, &index, i, &snaps[i].suspects);
        add_sites(d, &index, i, &snaps[i].idle);
        add_sites(d, &index, i, &snaps[i].other);
    }
    hashmap_free(&index);
    for (size_t i = 0; i < d->trends.len; i++) {
        DumpTrend *t = &d->trends.items[i];
        uint64_t first = t->counts[0], last = t->counts[nsnaps - 1];
        t->growth = (int64_t)last - (int64_t)first;
        bool mono = true;
        for (size_t j = 1; j < nsnaps; j++)
            if (t->counts[j] < t->counts[j - 1])
                mono = false;
        t->steady = mono && t->growth > 0;
    }
    if (d->trends.len)
        qsort(d->trends.items, d->trends.len, sizeof(DumpTrend), cmp_trend);
}

void dump_diff_free(DumpDiff *d)
{
    array_free(&d->trends);
    arena_free(&d->arena);
}
