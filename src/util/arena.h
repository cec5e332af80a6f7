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
    size_t nblocks;   /* blocks obtained so far: each block's sequence number */
} Arena;

/* A point to go back to: arena_release frees what was allocated after
 * arena_mark, blocks included, so a pass that needs only part of what it
 * builds (syntax errors, not the tree) keeps its memory flat. */
typedef struct {
    void *head;       /* the current block at the mark */
    char *ptr;
    size_t seq;       /* blocks numbered from here on are newer */
} ArenaMark;

ArenaMark arena_mark(const Arena *a);
void arena_release(Arena *a, ArenaMark m);

void arena_init(Arena *a);
void arena_free(Arena *a); /* releases every block; the arena is reusable */
void *arena_alloc(Arena *a, size_t n);  /* 16-byte aligned, uninitialized */
void *arena_zalloc(Arena *a, size_t n); /* zeroed */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);

#define ARENA_NEW(a, T) ((T *)arena_zalloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_zalloc((a), sizeof(T) * (n)))

#endif
