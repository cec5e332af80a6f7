/* hashmap.h - open-addressing hash map from byte-string keys to pointers.
 * Keys are not copied: they must outlive the map (arena strings do). */
#ifndef DRIP_HASHMAP_H
#define DRIP_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *key; /* NULL marks an empty slot */
    size_t keylen;
    uint64_t hash;
    void *value;
} HashEntry;

typedef struct {
    HashEntry *slots;
    size_t cap;   /* power of two, or 0 */
    size_t count; /* live entries */
} HashMap;

void hashmap_init(HashMap *m);
void hashmap_free(HashMap *m);
void *hashmap_get(const HashMap *m, const char *key, size_t keylen);
/* Returns a pointer to the value slot for key, inserting NULL if absent;
 * *inserted tells which (may be NULL). */
void **hashmap_put(HashMap *m, const char *key, size_t keylen, int *inserted);
void hashmap_set(HashMap *m, const char *key, size_t keylen, void *value);

/* Iterate: for (size_t i = 0; i < m.cap; i++) if (m.slots[i].key) ... */

#endif
