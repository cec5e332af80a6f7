/* ptrmap.h - open-addressing hash map from pointers to pointers (AST node
 * -> semantic fact). NULL keys are not allowed. */
#ifndef DRIP_PTRMAP_H
#define DRIP_PTRMAP_H

#include <stddef.h>

typedef struct {
    const void **keys;
    void **vals;
    size_t cap;   /* power of two, or 0 */
    size_t count;
} PtrMap;

void ptrmap_init(PtrMap *m);
void ptrmap_free(PtrMap *m);
void *ptrmap_get(const PtrMap *m, const void *key);
void ptrmap_set(PtrMap *m, const void *key, void *val);

#endif
