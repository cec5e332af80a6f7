/* cmd_parse.c - drip parse: syntax-check Go files, optionally dumping the
 * tree in the canonical S-expression format (see docs/parse.md). */
#include <errno.h>
#include <pthread.h>
#include <malloc.h>
#include <sys/resource.h>

#include "cmd.h"
#include "opt.h"
#include "../go/ast.h"
#include "../go/source.h"
#include "../util/par.h"
#include "../util/util.h"

/* One file of a parse without -ast: what the summary needs of it. */
typedef struct {
    char *path;
    GoErrors errs;
    size_t size;
    int read_errno;     /* when unreadable */
    bool unreadable;
} FileResult;

/* The files, fed by the directory walk to the workers while it goes on. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t more;    /* a file was added, or the walk ended */
    Array(FileResult *) files;
    size_t next;            /* the next file to parse */
    bool walk_done;
    GoFileSet *fs;
} Feed;

static void feed_add(void *ctx, char *path)
{
    Feed *fd = ctx;
    FileResult *r = xcalloc(1, sizeof *r);
    r->path = path;
    pthread_mutex_lock(&fd->mu);
    array_push(&fd->files, r);
    pthread_cond_signal(&fd->more);
    pthread_mutex_unlock(&fd->mu);
}

/* Parses files from the feed until the walk has ended and none is left. */
static void *feed_work(void *arg)
{
    Feed *fd = arg;
    Arena a;
    arena_init(&a);
    for (;;) {
        pthread_mutex_lock(&fd->mu);
        while (fd->next >= fd->files.len && !fd->walk_done)
            pthread_cond_wait(&fd->more, &fd->mu);
        FileResult *r = fd->next < fd->files.len ? fd->files.items[fd->next++] : NULL;
        pthread_mutex_unlock(&fd->mu);
        if (!r)
            break;
        FileData src;
        if (!go_source_read(r->path, &src)) {
            r->unreadable = true;
            r->read_errno = errno;
            continue;
        }
        r->size = src.len;
        go_parse(fd->fs, r->path, src.data, src.len, &a, &r->errs);
        arena_free(&a);
        file_data_free(&src);
    }
    return NULL;
}

/* Prints msg and a newline, with \n and \r in msg escaped (a message may
 * quote a multi-line raw string). */
static void print_one_line(const char *msg)
{
    for (const char *c = msg; *c; c++) {
        if (*c == '\n')
            fputs("\\n", stdout);
        else if (*c == '\r')
            fputs("\\r", stdout);
        else
            putchar(*c);
    }
    putchar('\n');
}

int cmd_parse(int argc, char **argv)
{
    bool ast = false, stats = false;
    const Opt opts[] = {
        {"ast", 0, OPT_FLAG, &ast, NULL, "print the syntax tree of each file as an S-expression"},
        {"stats", 0, OPT_FLAG, &stats, NULL, "print files, bytes, wall time, MB/s and peak RSS to stderr"},
        {0},
    };
    const OptSpec spec = {
        "parse", "drip parse [-ast] [--stats] FILES|DIRS",
        "Parse Go source files (directories: every .go file below them) and\n"
        "report syntax errors as path:line:col: message. Exit status 1 if any\n"
        "file has a syntax error. Directories are parsed on all cores\n"
        "(DRIP_THREADS sets the number).",
        opts,
    };
    char **rest;
    int nrest;
    int rc = opt_parse(&spec, argc, argv, &rest, &nrest);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (nrest == 0) {
        free(rest);
        error_msg("no files to parse: name Go files or directories");
        return 2;
    }
    double start = now_seconds();
    /* Each file's text and tree are freed before the next; keep that memory
     * in the heap (no mmap/munmap and fresh zero pages per file). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    int status = 0;
    size_t n = 0, total = 0;
    bool syntax_errors = false;
    GoFileSet *fs = go_fileset_new();
    if (ast) {
        /* in order, one file at a time: the dumps are large */
        GoPathList files = {0};
        for (int i = 0; i < nrest; i++) {
            if (!go_find_files(rest[i], &files)) {
                error_msg("cannot open '%s': %s", rest[i], strerror(errno));
                status = 2;
            }
        }
        n = files.len;
        Arena a;
        arena_init(&a);
        for (size_t i = 0; i < n; i++) {
            FileData fd;
            if (!go_source_read(files.items[i], &fd)) {
                error_msg("cannot open '%s': %s", files.items[i], strerror(errno));
                status = 2;
                continue;
            }
            total += fd.len;
            GoErrors errs = {0};
            GoFile *f = go_parse(fs, files.items[i], fd.data, fd.len, &a, &errs);
            go_errors_sort(&errs);
            if (f->nerrors) {
                /* the header names the first error: "# PATH: error L:C: MSG" */
                GoError *e = &errs.list.items[0];
                GoPosition p = go_fileset_position(fs, e->pos);
                printf("# %s: error %d:%d: ", files.items[i], p.line, p.col);
                print_one_line(e->msg);
            } else {
                printf("# %s\n", files.items[i]);
            }
            fflush(stdout);
            go_dump(f, stdout);
            if (errs.list.len) {
                syntax_errors = true;
                go_errors_print(&errs, fs, stderr, 0);
            }
            go_errors_free(&errs);
            arena_free(&a);
            file_data_free(&fd);
        }
        go_path_list_free(&files);
    } else {
        /* The workers start at once and take files as the walk finds them:
         * the walk's system calls overlap with parsing. The main thread
         * walks, then joins them. */
        Feed fd = {.fs = fs};
        pthread_mutex_init(&fd.mu, NULL);
        pthread_cond_init(&fd.more, NULL);
        int threads = par_threads();
        pthread_t *tids = xcalloc((size_t)threads, sizeof(pthread_t));
        bool *started = xcalloc((size_t)threads, sizeof(bool));
        for (int t = 1; t < threads; t++)
            started[t] = pthread_create(&tids[t], NULL, feed_work, &fd) == 0;
        for (int i = 0; i < nrest; i++) {
            if (!go_walk_files(rest[i], feed_add, &fd)) {
                error_msg("cannot open '%s': %s", rest[i], strerror(errno));
                status = 2;
            }
        }
        pthread_mutex_lock(&fd.mu);
        fd.walk_done = true;
        pthread_cond_broadcast(&fd.more);
        pthread_mutex_unlock(&fd.mu);
        feed_work(&fd);
        for (int t = 1; t < threads; t++)
            if (started[t])
                pthread_join(tids[t], NULL);
        free(tids);
        free(started);
        pthread_cond_destroy(&fd.more);
        pthread_mutex_destroy(&fd.mu);
        n = fd.files.len;
        for (size_t i = 0; i < n; i++) {
            FileResult *r = fd.files.items[i];
            if (r->unreadable) {
                error_msg("cannot open '%s': %s", r->path, strerror(r->read_errno));
                status = 2;
            } else {
                total += r->size;
                if (r->errs.list.len) {
                    syntax_errors = true;
                    go_errors_sort(&r->errs);
                    go_errors_print(&r->errs, fs, stderr, 0);
                }
            }
            go_errors_free(&r->errs);
            free(r->path);
            free(r);
        }
        array_free(&fd.files);
    }
    free(rest);
    if (stats) {
        double el = now_seconds() - start;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "files %zu bytes %zu seconds %.3f MB/s %.1f maxrss_kb %ld threads %d\n",
                n, total, el, el > 0 ? (double)total / 1e6 / el : 0.0, ru.ru_maxrss,
                ast ? 1 : par_threads());
    }
    go_fileset_free(fs);
    if (status)
        return status;
    return syntax_errors ? 1 : 0;
}
