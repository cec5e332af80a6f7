/* array.c - growth for Array(T). */
#include "array.h"

void array_grow_(void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap * 2 : 8;
    while (n < need)
        n *= 2;
    *items = xrealloc(*items, n * elem);
    *cap = n;
}
