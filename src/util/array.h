/* array.h - one generic growable array.
 *
 *     Array(int) xs = {0};
 *     array_push(&xs, 42);
 *     int v = *array_at(&xs, 0);    // bounds-checked
 *     array_free(&xs);
 */
#ifndef DRIP_ARRAY_H
#define DRIP_ARRAY_H

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define Array(T)         \
    struct {             \
        T *items;        \
        size_t len, cap; \
    }

void array_grow_(void **items, size_t *cap, size_t need, size_t elem);

#define array_reserve(a, n) \
    array_grow_((void **)&(a)->items, &(a)->cap, (n), sizeof(*(a)->items))

#define array_push(a, v)                                       \
    do {                                                       \
        if ((a)->len == (a)->cap)                              \
            array_reserve((a), (a)->len + 1);                  \
        (a)->items[(a)->len++] = (v);                          \
    } while (0)

/* Bounds-checked element pointer. */
#define array_at(a, i) \
    (&(a)->items[array_check_((i), (a)->len, __FILE__, __LINE__)])

#define array_last(a) array_at((a), (a)->len - 1)
#define array_pop(a) \
    ((a)->items[(a)->len = array_check_((a)->len - 1, (a)->len, __FILE__, __LINE__)])
#define array_clear(a) ((a)->len = 0)
#define array_free(a)          \
    do {                       \
        free((a)->items);      \
        (a)->items = NULL;     \
        (a)->len = (a)->cap = 0; \
    } while (0)

static inline size_t array_check_(size_t i, size_t len, const char *file, int line)
{
    if (i >= len)
        bug_at(file, line, "array index %zu out of range (len %zu)", i, len);
    return i;
}

#endif
