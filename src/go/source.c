/* source.c - reading Go source files and finding them in directories. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

bool go_source_read(const char *path, FileData *out)
{
    if (strcmp(path, "-") == 0)
        return file_read(path, out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
        close(fd);
        if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
            /* a pipe or device: read it the slow way */
            return file_read(path, out);
        }
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
    }
    close(fd);
    buf[len] = 0;
    out->data = buf;
    out->len = len;
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool walk(const char *dir, GoPathList *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    Array(char *) names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        array_push(&names, xasprintf("%s/%s", dir, e->d_name));
    }
    closedir(d);
    if (names.len > 1)
        qsort(names.items, names.len, sizeof(char *), cmp_str);
    for (size_t i = 0; i < names.len; i++) {
        char *path = names.items[i];
        struct stat st;
        if (stat(path, &st) != 0) {
            free(path);
            continue; /* a dangling link */
        }
        if (S_ISDIR(st.st_mode)) {
            walk(path, out);
            free(path);
        } else if (S_ISREG(st.st_mode) && str_has_suffix(path, ".go")) {
            array_push(out, path);
        } else {
            free(path);
        }
    }
    array_free(&names);
    return true;
}

bool go_find_files(const char *arg, GoPathList *out)
{
    struct stat st;
    if (stat(arg, &st) != 0)
        return false;
    if (S_ISDIR(st.st_mode)) {
        char *dir = xstrdup(arg);
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = 0;
        bool ok = walk(dir, out);
        free(dir);
        return ok;
    }
    array_push(out, xstrdup(arg));
    return true;
}

void go_path_list_free(GoPathList *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->items[i]);
    array_free(l);
}
