/* hashmap.c - open addressing with linear probing. */
#include "hashmap.h"

#include <string.h>

#include "util.h"

void hashmap_init(HashMap *m)
{
    memset(m, 0, sizeof *m);
}

void hashmap_free(HashMap *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static HashEntry *find(const HashMap *m, const char *key, size_t keylen, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        HashEntry *e = &m->slots[i];
        if (!e->key)
            return e;
        if (e->hash == h && e->keylen == keylen && memcmp(e->key, key, keylen) == 0)
            return e;
    }
}

static void grow(HashMap *m)
{
    HashMap old = *m;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->slots = xcalloc(m->cap, sizeof(HashEntry));
    for (size_t i = 0; i < old.cap; i++) {
        HashEntry *e = &old.slots[i];
        if (e->key)
            *find(m, e->key, e->keylen, e->hash) = *e;
    }
    free(old.slots);
}

void *hashmap_get(const HashMap *m, const char *key, size_t keylen)
{
    if (!m->cap)
        return NULL;
    HashEntry *e = find(m, key, keylen, hash_bytes(key, keylen));
    return e->key ? e->value : NULL;
}

void **hashmap_put(HashMap *m, const char *key, size_t keylen, int *inserted)
{
    if ((m->count + 1) * 4 >= m->cap * 3)
        grow(m);
    uint64_t h = hash_bytes(key, keylen);
    HashEntry *e = find(m, key, keylen, h);
    if (inserted)
        *inserted = e->key == NULL;
    if (!e->key) {
        e->key = key ? key : "";
        e->keylen = keylen;
        e->hash = h;
        e->value = NULL;
        m->count++;
    }
    return &e->value;
}

void hashmap_set(HashMap *m, const char *key, size_t keylen, void *value)
{
    *hashmap_put(m, key, keylen, NULL) = value;
}
