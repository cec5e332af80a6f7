/* dump_source.c - the source lines that frames point at, when the files
 * are on this machine (the common case: the dump comes from a program
 * built here). Files are read once and kept with their line table. */
#include "dump.h"

#include <string.h>

typedef struct {
    char *data;       /* whole file, NUL-terminated; NULL if unreadable */
    size_t len;
    Array(uint32_t) starts; /* offset of each line */
    HashMap snippets; /* "line:n" -> cached NUL-terminated text */
} SourceFile;

struct SourceCache {
    HashMap files;    /* path -> SourceFile * */
    Arena arena;      /* keys and snippets */
    size_t bytes;     /* file bytes held, to bound memory */
};

enum { SOURCE_MAX_FILE = 4 << 20, SOURCE_MAX_TOTAL = 256 << 20 };

SourceCache *source_cache_new(void)
{
    SourceCache *c = xcalloc(1, sizeof *c);
    hashmap_init(&c->files);
    arena_init(&c->arena);
    return c;
}

void source_cache_free(SourceCache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->files.cap; i++) {
        if (!c->files.slots[i].key)
            continue;
        SourceFile *f = c->files.slots[i].value;
        free(f->data);
        array_free(&f->starts);
        hashmap_free(&f->snippets);
        free(f);
    }
    hashmap_free(&c->files);
    arena_free(&c->arena);
    free(c);
}

static SourceFile *load(SourceCache *c, const char *path)
{
    size_t pl = strlen(path);
    SourceFile *f = hashmap_get(&c->files, path, pl);
    if (f)
        return f;
    f = xcalloc(1, sizeof *f);
    hashmap_init(&f->snippets);
    hashmap_set(&c->files, arena_strndup(&c->arena, path, pl), pl, f);
    /* only Go files, and not too many bytes in all */
    if (pl < 3 || strcmp(path + pl - 3, ".go") != 0 || c->bytes > SOURCE_MAX_TOTAL)
        return f;
    FileData fd;
    if (!file_read(path, &fd))
        return f;
    if (fd.len > SOURCE_MAX_FILE) {
        file_data_free(&fd);
        return f;
    }
    f->data = fd.data;
    f->len = fd.len;
    c->bytes += fd.len;
    array_push(&f->starts, 0);
    for (size_t i = 0; i < fd.len; i++)
        if (fd.data[i] == '\n' && i + 1 <= fd.len)
            array_push(&f->starts, (uint32_t)(i + 1));
    return f;
}

static const char *snippet(SourceCache *c, SourceFile *f, uint32_t from, uint32_t to)
{
    /* lines [from, to), 1-based */
    char key[32];
    int kl = snprintf(key, sizeof key, "%u:%u", from, to);
    const char *hit = hashmap_get(&f->snippets, key, (size_t)kl);
    if (hit)
        return hit;
    size_t a = f->starts.items[from - 1];
    size_t b = to - 1 < f->starts.len ? f->starts.items[to - 1] : f->len;
    char *text = arena_strndup(&c->arena, f->data + a, b - a);
    hashmap_set(&f->snippets, arena_strndup(&c->arena, key, (size_t)kl), (size_t)kl, text);
    return text;
}

const char *source_lines(SourceCache *c, const char *path, uint32_t line, uint32_t n)
{
    if (!c || !path || !*path || line == 0 || n == 0)
        return NULL;
    SourceFile *f = load(c, path);
    if (!f->data || line > f->starts.len)
        return NULL;
    uint32_t to = line + n;
    if (to - 1 > f->starts.len)
        to = (uint32_t)f->starts.len + 1;
    return snippet(c, f, line, to);
}

/* A line that opens a function: "func ..." at the start, or a function
 * literal "func(" anywhere. */
static bool opens_func(const char *s, size_t n)
{
    if (n >= 5 && memcmp(s, "func ", 5) == 0)
        return true;
    if (n >= 5 && memcmp(s, "func(", 5) == 0)
        return true;
    for (size_t i = 0; i + 5 <= n; i++)
        if (memcmp(s + i, "func(", 5) == 0 && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '('))
            return true;
    return false;
}

const char *source_func_prefix(SourceCache *c, const char *path, uint32_t line)
{
    if (!c || !path || !*path || line < 2)
        return NULL;
    SourceFile *f = load(c, path);
    if (!f->data || line > f->starts.len)
        return NULL;
    for (uint32_t l = line - 1; l >= 1 && line - l <= 200; l--) {
        size_t a = f->starts.items[l - 1];
        size_t b = l < f->starts.len ? f->starts.items[l] : f->len;
        if (opens_func(f->data + a, b - a))
            return snippet(c, f, l, line);
    }
    return NULL;
}
