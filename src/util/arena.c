/* arena.c - bump allocator. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct ArenaBlock {
    ArenaBlock *prev;
    size_t size;
    size_t seq;       /* Arena.nblocks when it was obtained */
    _Alignas(16) char data[];
};

enum { BLOCK_SIZE = 64 * 1024 };

void arena_init(Arena *a)
{
    memset(a, 0, sizeof *a);
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *prev = b->prev;
        free(b);
        b = prev;
    }
    memset(a, 0, sizeof *a);
}

void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if ((size_t)(a->end - a->ptr) < n || !a->ptr) {
        size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
        ArenaBlock *b = xmalloc(sizeof(ArenaBlock) + size);
        b->size = size;
        b->seq = a->nblocks++;
        a->total += size;
        if (n > BLOCK_SIZE / 4 && a->head) {
            /* A big object gets its own block behind the current one, so
             * the free space of the current block is not wasted. */
            b->prev = a->head->prev;
            a->head->prev = b;
            return b->data;
        }
        b->prev = a->head;
        a->head = b;
        a->ptr = b->data;
        a->end = b->data + size;
    }
    void *p = a->ptr;
    a->ptr += n;
    return p;
}

ArenaMark arena_mark(const Arena *a)
{
    ArenaMark m = {a->head, a->ptr, a->nblocks};
    return m;
}

void arena_release(Arena *a, ArenaMark m)
{
    /* Newer blocks sit in front of the marked head; big ones go right
     * behind the head current when they were made: free both runs. */
    ArenaBlock *b = a->head;
    while (b && b != m.head && b->seq >= m.seq) {
        ArenaBlock *prev = b->prev;
        a->total -= b->size;
        free(b);
        b = prev;
    }
    if (b != m.head)
        BUG("arena_release: the mark is not in this arena");
    a->head = b;
    if (!b) {
        a->ptr = a->end = NULL;
        return;
    }
    while (b->prev && b->prev->seq >= m.seq) {
        ArenaBlock *old = b->prev;
        b->prev = old->prev;
        a->total -= old->size;
        free(old);
    }
    a->ptr = m.ptr;
    a->end = b->data + b->size;
}

void *arena_zalloc(Arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
