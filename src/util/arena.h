/* arena.h - bump allocator: many small allocations, one free. AST nodes,
 * tokens, interned strings and profile records live in arenas. */
#ifndef DRIP_ARENA_H
#define DRIP_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct {
    ArenaBlock *head; /* current block; older blocks chain behind it */
    char *ptr;        /* next free byte in head */
    char *end;        /* one past the last usable byte in head */
    size_t total;     /* bytes obtained from malloc, for statistics */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a); /* releases every block; the arena is reusable */
void *arena_alloc(Arena *a, size_t n);  /* 16-byte aligned, uninitialized */
void *arena_zalloc(Arena *a, size_t n); /* zeroed */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);

#define ARENA_NEW(a, T) ((T *)arena_zalloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_zalloc((a), sizeof(T) * (n)))

#endif
