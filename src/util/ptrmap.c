/* ptrmap.c - pointer-keyed hash map with linear probing. */
#include "ptrmap.h"

#include <stdint.h>

#include "util.h"

static size_t slot_of(const void *key, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)key;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (size_t)h & (cap - 1);
}

void ptrmap_init(PtrMap *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->count = 0;
}

void ptrmap_free(PtrMap *m)
{
    free(m->keys);
    free(m->vals);
    ptrmap_init(m);
}

void *ptrmap_get(const PtrMap *m, const void *key)
{
    if (!m->cap)
        return NULL;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == key)
            return m->vals[i];
        if (!m->keys[i])
            return NULL;
    }
}

static void grow(PtrMap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    const void **ok = m->keys;
    void **ov = m->vals;
    size_t ocap = m->cap;
    m->keys = xcalloc(ncap, sizeof(void *));
    m->vals = xcalloc(ncap, sizeof(void *));
    m->cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (!ok[i])
            continue;
        size_t j = slot_of(ok[i], ncap);
        while (m->keys[j])
            j = (j + 1) & (ncap - 1);
        m->keys[j] = ok[i];
        m->vals[j] = ov[i];
    }
    free(ok);
    free(ov);
}

void ptrmap_set(PtrMap *m, const void *key, void *val)
{
    if ((m->count + 1) * 2 > m->cap)
        grow(m);
    size_t i = slot_of(key, m->cap);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->count++;
    }
    m->vals[i] = val;
}
