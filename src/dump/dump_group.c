/* dump_group.c - interning of goroutine stacks into groups.
 *
 * The reader copies each record's wait reason, frames and creator into one
 * NUL-separated key; the key is looked up in the snapshot's hash map and a
 * new group (key, frames, strings: all in the arena) is made only for a
 * stack not seen before. Memory thus grows with distinct stacks. */
#include "dump.h"

#include <string.h>

void dump_record_init(DumpRecord *r)
{
    memset(r, 0, sizeof *r);
    sb_init(&r->key);
    sb_init(&r->labels);
}

void dump_record_free(DumpRecord *r)
{
    sb_free(&r->key);
    sb_free(&r->labels);
    array_free(&r->frames);
}

void dump_record_reset(DumpRecord *r, uint32_t line)
{
    sb_clear(&r->key);
    sb_clear(&r->labels);
    array_clear(&r->frames);
    r->has_created = false;
    r->wait_len = 0;
    r->id = 0;
    r->count = 1;
    r->wait_minutes = 0;
    r->wait_known = false;
    r->locked = r->leaked = r->elided = r->debug1 = r->unavailable = false;
    r->created_in = 0;
    r->lock_addr = 0;
    r->line = line;
    sb_putc(&r->key, 0); /* empty wait reason until told */
}

/* Appends s as a NUL-terminated string and returns its offset. */
static uint32_t put_str(StrBuf *k, const char *s, size_t n)
{
    uint32_t off = (uint32_t)k->len;
    sb_append(k, s, n);
    sb_putc(k, 0);
    return off;
}

void dump_record_wait(DumpRecord *r, const char *s, size_t n)
{
    /* the wait reason is always the first string of the key */
    sb_clear(&r->key);
    sb_append(&r->key, s, n);
    sb_putc(&r->key, 0);
    r->wait_len = (uint32_t)n;
}

/* Appends s and its NUL without a capacity check: the caller reserved. */
static uint32_t put_raw(StrBuf *k, const char *s, size_t n)
{
    uint32_t off = (uint32_t)k->len;
    memcpy(k->data + k->len, s, n);
    k->data[k->len + n] = 0;
    k->len += n + 1;
    return off;
}

void dump_record_frame(DumpRecord *r, const char *func, size_t funclen, const char *args, size_t argslen,
                       const char *file, size_t filelen, uint32_t line)
{
    DumpFrameRef f;
    StrBuf *k = &r->key;
    size_t need = 1 + funclen + 1 + argslen + 1 + filelen + 1 + sizeof line + 1;
    if (k->len + need > k->cap) {
        sb_append(k, "", 0); /* allocate when empty */
        k->cap = MAX(k->cap * 2, k->len + need + 256);
        k->data = xrealloc(k->data, k->cap);
    }
    k->data[k->len++] = 'F';
    f.func = put_raw(k, func, funclen);
    f.args = put_raw(k, args, argslen);
    f.file = put_raw(k, file, filelen);
    f.line = line;
    /* the line number is part of the identity */
    memcpy(k->data + k->len, &line, sizeof line);
    k->len += sizeof line;
    k->data[k->len] = 0;
    array_push(&r->frames, f);
}

void dump_record_frame_pos(DumpRecord *r, const char *file, size_t filelen, uint32_t line)
{
    if (!r->frames.len)
        return;
    DumpFrameRef *f = array_last(&r->frames);
    /* The frame's file is the last string added ("" so far, followed by
     * the 4 line bytes): rewrite the tail of the key. */
    r->key.len = f->file;
    f->file = put_str(&r->key, file, filelen);
    f->line = line;
    sb_append(&r->key, (const char *)&line, sizeof line);
}

void dump_record_created(DumpRecord *r, const char *func, size_t funclen)
{
    sb_putc(&r->key, 'C');
    r->created.func = put_str(&r->key, func, funclen);
    r->created.args = r->created.func + (uint32_t)funclen; /* the NUL: "" */
    r->created.file = put_str(&r->key, "", 0);
    r->created.line = 0;
    uint32_t zero = 0;
    sb_append(&r->key, (const char *)&zero, sizeof zero);
    r->has_created = true;
}

void dump_record_created_pos(DumpRecord *r, const char *file, size_t filelen, uint32_t line)
{
    if (!r->has_created)
        return;
    r->key.len = r->created.file;
    r->created.file = put_str(&r->key, file, filelen);
    r->created.line = line;
    sb_append(&r->key, (const char *)&line, sizeof line);
}

static DumpFrame frame_at(const char *base, const DumpFrameRef *ref)
{
    DumpFrame f = {base + ref->func, base + ref->file, ref->line, base + ref->args};
    return f;
}

/* Go 1.25's wg.Go(f) starts the goroutine inside sync: the runtime prints
 * "created by sync.(*WaitGroup).Go" at sync/waitgroup.go, and the stack
 * ends in f called by sync.(*WaitGroup).Go.func1. The frame of f (a
 * closure of the caller, usually) tells where the goroutine comes from. */
static void resolve_wg_go(DumpGroup *g)
{
    static const char wg_go[] = "sync.(*WaitGroup).Go";
    if (strcmp(g->created.func, wg_go) != 0)
        return;
    for (uint32_t i = 1; i < g->nframes; i++) {
        const char *f = g->frames[i].func;
        if (strncmp(f, wg_go, sizeof wg_go - 1) == 0 && strncmp(f + sizeof wg_go - 1, ".func", 5) == 0) {
            g->created = g->frames[i - 1];
            g->created.args = "";
            g->created_via = wg_go;
            return;
        }
    }
}

/* Running, runnable or sleeping, or parked by the runtime's own work (GC
 * assists, a GC start or stop-the-world semaphore: "semacquire" with no
 * sync frame before the first user frame): going on by itself. */
static bool is_awake(const DumpGroup *g)
{
    BlockKind k = classify_wait_reason(g->wait);
    if (k == BLOCK_RUNNING || k == BLOCK_SLEEP || k == BLOCK_IDLE_RUNTIME)
        return true;
    if (k != BLOCK_SEMACQUIRE)
        return false;
    for (uint32_t i = 0; i < g->nframes && classify_is_std_func(g->frames[i].func); i++) {
        const char *f = g->frames[i].func;
        if (strncmp(f, "sync.", 5) == 0 || strncmp(f, "internal/sync.", 14) == 0)
            return false;
    }
    return true;
}

static DumpGroup *group_new(DumpSnapshot *snap, DumpRecord *r)
{
    DumpGroup *g = ARENA_NEW(&snap->arena, DumpGroup);
    char *key = arena_alloc(&snap->arena, r->key.len + 1);
    memcpy(key, r->key.data, r->key.len);
    key[r->key.len] = 0;
    g->key = key;
    g->keylen = r->key.len;
    g->wait = key; /* first string */
    g->nframes = (uint32_t)r->frames.len;
    g->frames = ARENA_ARRAY(&snap->arena, DumpFrame, g->nframes ? g->nframes : 1);
    for (size_t i = 0; i < r->frames.len; i++)
        g->frames[i] = frame_at(key, &r->frames.items[i]);
    if (r->has_created) {
        g->created = frame_at(key, &r->created);
    } else {
        g->created.func = g->created.file = g->created.args = "";
        g->created.line = 0;
    }
    g->elided = r->elided;
    g->from_debug1 = r->debug1;
    if (r->labels.len) {
        g->label_pairs = arena_strndup(&snap->arena, r->labels.data, r->labels.len);
        g->label_pairs_len = r->labels.len;
        StrBuf shown;
        sb_init(&shown);
        dump_labels_format(&shown, r->labels.data, r->labels.len);
        g->labels = arena_strndup(&snap->arena, shown.data, shown.len);
        sb_free(&shown);
    }
    resolve_wg_go(g);
    g->wait_min = INT64_MAX;
    g->wait_max = 0;
    g->created_in = r->created_in;
    g->lock_addr = r->lock_addr;
    g->first_line = r->line;
    g->awake = is_awake(g);
    array_push(&snap->groups, g);
    return g;
}

/* Word-at-a-time hash: keys are a few hundred bytes per goroutine and are
 * hashed once per goroutine, so this is on the hot path (byte-wise FNV-1a
 * took a quarter of the time). */
DRIP_WRAPS static uint64_t key_hash(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, p, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
    return h;
}

static void index_grow(DumpSnapshot *snap)
{
    size_t cap = snap->nslots ? snap->nslots * 2 : 64;
    DumpGroup **slots = xcalloc(cap, sizeof(DumpGroup *));
    for (size_t i = 0; i < snap->groups.len; i++) {
        DumpGroup *g = snap->groups.items[i];
        size_t j = g->hash & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = g;
    }
    free(snap->slots);
    snap->slots = slots;
    snap->nslots = cap;
}

DumpGroup *dump_group_add(DumpSnapshot *snap, DumpRecord *r)
{
    if ((snap->groups.len + 1) * 2 > snap->nslots)
        index_grow(snap);
    size_t stack_len = r->key.len;
    if (r->labels.len) {
        /* goroutines with other labels are another group */
        sb_putc(&r->key, 'L');
        sb_append(&r->key, r->labels.data, r->labels.len);
    }
    uint64_t h = key_hash(r->key.data, r->key.len);
    size_t mask = snap->nslots - 1, j = h & mask;
    DumpGroup *g;
    while ((g = snap->slots[j]) != NULL) {
        if (g->hash == h && g->keylen == r->key.len && memcmp(g->key, r->key.data, g->keylen) == 0)
            break;
        j = (j + 1) & mask;
    }
    if (!g) {
        g = group_new(snap, r);
        g->hash = h;
        g->stack_len = stack_len;
        snap->slots[j] = g;
    }
    g->count = sat_add_u64(g->count, r->count);
    snap->goroutines = sat_add_u64(snap->goroutines, r->count);
    if (r->wait_known) {
        g->wait_known = true;
        if (r->wait_minutes < g->wait_min)
            g->wait_min = r->wait_minutes;
        if (r->wait_minutes > g->wait_max)
            g->wait_max = r->wait_minutes;
    }
    if (!r->debug1 && g->nids < DUMP_ID_SAMPLE)
        g->ids[g->nids++] = r->id;
    if (!r->debug1 && r->id) {
        /* ids come in runs (goroutines made in a loop), up or down: one
         * range per run keeps memory small */
        DumpIdRange *last = g->id_ranges.len ? array_last(&g->id_ranges) : NULL;
        if (last && r->id >= last->lo && r->id <= last->hi)
            ; /* a repeated id */
        else if (last && last->hi < UINT64_MAX && r->id == last->hi + 1)
            last->hi = r->id;
        else if (last && r->id < UINT64_MAX && r->id + 1 == last->lo)
            last->lo = r->id;
        else {
            if (!g->id_ranges.cap) { /* most groups have one run: start small */
                g->id_ranges.items = xmalloc(sizeof *g->id_ranges.items);
                g->id_ranges.cap = 1;
            }
            array_push(&g->id_ranges, ((DumpIdRange){r->id, r->id}));
        }
    }
    if (!r->debug1 && r->id) {
        if (snap->ids.len < DUMP_LINK_MAX)
            array_push(&snap->ids, r->id);
        else
            snap->ids_truncated = true;
        if (r->created_in && r->has_created && g->awake && snap->awake.len < DUMP_LINK_MAX)
            array_push(&snap->awake, ((DumpAwakeLink){r->created_in, g}));
    }
    if (r->locked)
        g->locked = sat_add_u64(g->locked, r->count);
    if (r->leaked)
        g->leaked = sat_add_u64(g->leaked, r->count);
    if (r->elided)
        g->elided = true;
    if (r->lock_addr && r->lock_addr != g->lock_addr) {
        if (g->lock_addr)
            g->lock_addr_mixed = true;
        else
            g->lock_addr = r->lock_addr;
    }
    return g;
}

static int cmp_range(const void *a, const void *b)
{
    const DumpIdRange *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

void dump_group_compact_ids(DumpGroup *g)
{
    size_t n = g->id_ranges.len, m = 0;
    DumpIdRange *r = g->id_ranges.items;
    bool sorted = true, reversed = true;
    for (size_t i = 1; i < n && (sorted || reversed); i++) {
        sorted &= r[i - 1].lo <= r[i].lo;
        reversed &= r[i - 1].lo >= r[i].lo;
    }
    if (reversed && !sorted) /* a dump that lists the newest first */
        for (size_t i = 0, j = n - 1; i < j; i++, j--) {
            DumpIdRange t = r[i];
            r[i] = r[j];
            r[j] = t;
        }
    else if (!sorted)
        qsort(r, n, sizeof *r, cmp_range);
    for (size_t i = 0; i < n; i++) {
        /* sorted by lo: r[i] joins the last run when it overlaps or touches it */
        if (m && (r[m - 1].hi == UINT64_MAX || r[i].lo <= r[m - 1].hi + 1)) {
            if (r[i].hi > r[m - 1].hi)
                r[m - 1].hi = r[i].hi;
        } else {
            r[m++] = r[i];
        }
    }
    g->id_ranges.len = m;
    uint64_t count = 0;
    for (size_t i = 0; i < m; i++)
        count = sat_add_u64(count, sat_add_u64(r[i].hi - r[i].lo, 1));
    g->id_count = count;
}
