/* source.c - reading Go source files and finding them in directories. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

#include "../util/limits.h"
#include "../util/skip.h"

bool go_source_read(const char *path, FileData *out)
{
    if (strcmp(path, "-") == 0)
        return file_read(path, out);
    /* O_NONBLOCK: a FIFO must not block the open; it is refused below
     * (pipe it to '-' instead). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    struct stat st;
    int err = 0;
    if (fstat(fd, &st) != 0)
        err = errno;
    else if (!S_ISREG(st.st_mode))
        err = S_ISDIR(st.st_mode) ? EISDIR : EDRIP_NOTREG;
    else if ((uint64_t)st.st_size > limits.max_memory)
        err = EFBIG;
    if (err) {
        close(fd);
        errno = err;
        return false;
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (len + 1 >= cap) { /* the file grew */
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            free(buf);
            close(fd);
            errno = err;
            return false;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (st.st_size > 0 && len == (size_t)st.st_size)
            break; /* all of it: spare the read that would return 0 */
    }
    close(fd);
    buf[len] = 0;
    out->data = buf;
    out->len = len;
    return true;
}

typedef struct {
    char *path;
    unsigned char type; /* DT_* from readdir */
} Entry;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const Entry *)a)->path, ((const Entry *)b)->path);
}

static bool walk(const char *dir, void (*emit)(void *, char *), void *ctx, SkipLog *skips)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    Array(Entry) ents = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        Entry en = {xasprintf("%s/%s", dir, e->d_name), e->d_type};
        array_push(&ents, en);
    }
    closedir(d);
    if (ents.len > 1)
        qsort(ents.items, ents.len, sizeof(Entry), cmp_entry);
    /* the d_type of readdir spares a stat for plain files and folders */
    struct { char **items; size_t len; } names;
    struct { unsigned char *items; } types;
    names.items = xmalloc(sizeof(char *) * (ents.len + 1));
    types.items = xmalloc(ents.len + 1);
    names.len = ents.len;
    for (size_t i = 0; i < ents.len; i++) {
        names.items[i] = ents.items[i].path;
        types.items[i] = ents.items[i].type;
    }
    array_free(&ents);
    for (size_t i = 0; i < names.len; i++) {
        char *path = names.items[i];
        unsigned char type = types.items[i];
        if (type == DT_UNKNOWN || type == DT_LNK) {
            /* links to files are followed; links to folders are not (as
             * filepath.Walk), so that a link cycle cannot trap the walk */
            struct stat st;
            if (stat(path, &st) != 0)
                type = DT_UNKNOWN; /* a dangling link */
            else if (S_ISDIR(st.st_mode))
                type = type == DT_LNK ? DT_UNKNOWN : DT_DIR;
            else
                type = S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        if (type == DT_DIR) {
            walk(path, emit, ctx, skips);
            free(path);
        } else if (type == DT_REG && str_has_suffix(path, ".go")) {
            emit(ctx, path);
        } else {
            int why = str_has_suffix(path, ".go") ? path_not_regular(path) : 0;
            if (why && why != EISDIR)
                skip_note(skips, path, why, NULL); /* a dangling or looping link, a FIFO */
            free(path);
        }
    }
    free(names.items);
    free(types.items);
    return true;
}

bool go_walk_files(const char *arg, void (*emit)(void *ctx, char *path), void *ctx)
{
    struct stat st;
    if (stat(arg, &st) != 0)
        return false;
    if (S_ISDIR(st.st_mode)) {
        char *dir = xstrdup(arg);
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = 0;
        SkipLog skips = {0};
        bool ok = walk(dir, emit, ctx, &skips);
        skip_flush(&skips);
        free(dir);
        return ok;
    }
    emit(ctx, xstrdup(arg));
    return true;
}

static void push_path(void *ctx, char *path)
{
    GoPathList *out = ctx;
    array_push(out, path);
}

bool go_find_files(const char *arg, GoPathList *out)
{
    return go_walk_files(arg, push_path, out);
}

void go_path_list_free(GoPathList *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->items[i]);
    array_free(l);
}
