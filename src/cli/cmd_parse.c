/* cmd_parse.c - drip parse: syntax-check Go files, optionally dumping the
 * tree in the canonical S-expression format (see docs/parse.md). */
#include <errno.h>
#include <malloc.h>
#include <sys/resource.h>

#include "cmd.h"
#include "opt.h"
#include "../go/ast.h"
#include "../go/source.h"
#include "../util/par.h"
#include "../util/term.h"
#include "../util/util.h"

/* One file of a parse without -ast: what the summary needs of it. */
typedef struct {
    char *path;
    GoErrors errs;
    size_t size;
    int read_errno;     /* when unreadable */
    bool unreadable;
} FileResult;

/* A parse without -ast: the files the walk finds go to the workers at
 * once (par_feed), so the walk's system calls overlap with parsing. */
typedef struct {
    ParFeed *feed;
    GoFileSet *fs;
    Arena *arenas;      /* one per worker */
} Job;

static void feed_add(void *ctx, char *path)
{
    Job *j = ctx;
    FileResult *r = xcalloc(1, sizeof *r);
    r->path = path;
    par_feed_add(j->feed, r);
}

static void parse_one(void *ctx, void *item, int worker)
{
    Job *j = ctx;
    FileResult *r = item;
    FileData src;
    if (!go_source_read(r->path, &src)) {
        r->unreadable = true;
        r->read_errno = errno;
        return;
    }
    r->size = src.len;
    Arena *a = &j->arenas[worker];
    go_parse_errors(j->fs, r->path, src.data, src.len, a, &r->errs);
    arena_free(a);
    file_data_free(&src);
}

/* Prints msg and a newline, with \n and \r in msg escaped (a message may
 * quote a multi-line raw string). */
static void print_one_line(const char *msg)
{
    StrBuf sb;
    sb_init(&sb);
    for (const char *c = msg; *c;) {
        size_t n = strcspn(c, "\n\r");
        term_escape(&sb, c, n);
        c += n;
        if (*c)
            sb_puts(&sb, *c++ == '\n' ? "\\n" : "\\r");
    }
    puts(sb_cstr(&sb));
    sb_free(&sb);
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
        "report syntax errors as path:line:col: message. Directories are parsed\n"
        "on all cores (DRIP_THREADS sets the number).",
        opts,
        "0  every file parses\n"
        "1  some file has a syntax error\n"
        "2  usage error, or a file that cannot be read",
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
                error_msg("cannot open '%s': %s", rest[i], file_strerror(errno));
                status = 2;
            }
        }
        n = files.len;
        Arena a;
        arena_init(&a);
        for (size_t i = 0; i < n; i++) {
            FileData fd;
            if (!go_source_read(files.items[i], &fd)) {
                error_msg("cannot open '%s': %s", files.items[i], file_strerror(errno));
                status = 2;
                continue;
            }
            total += fd.len;
            GoErrors errs = {0};
            GoFile *f = go_parse(fs, files.items[i], fd.data, fd.len, &a, &errs);
            go_errors_sort_adjusted(&errs, fs);
            if (f->nerrors) {
                /* the header names the first error: "# PATH: error L:C: MSG" */
                GoError *e = &errs.list.items[0];
                GoPosition p = go_error_position(fs, e);
                printf("# %s: error %d:%d: ", term_safe(files.items[i]), p.line, p.col);
                print_one_line(e->msg);
            } else {
                printf("# %s\n", term_safe(files.items[i]));
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
        int threads = par_threads();
        Job j = {.fs = fs, .arenas = xcalloc((size_t)threads, sizeof(Arena))};
        j.feed = par_feed_start(threads, parse_one, &j);
        for (int i = 0; i < nrest; i++) {
            if (!go_walk_files(rest[i], feed_add, &j)) {
                error_msg("cannot open '%s': %s", rest[i], file_strerror(errno));
                status = 2;
            }
        }
        void **files = par_feed_end(j.feed, &n);
        free(j.arenas);
        for (size_t i = 0; i < n; i++) {
            FileResult *r = files[i];
            if (r->unreadable) {
                error_msg("cannot open '%s': %s", r->path, file_strerror(r->read_errno));
                status = 2;
            } else {
                total += r->size;
                if (r->errs.list.len) {
                    syntax_errors = true;
                    go_errors_sort_adjusted(&r->errs, fs);
                    go_errors_print(&r->errs, fs, stderr, 0);
                }
            }
            go_errors_free(&r->errs);
            free(r->path);
            free(r);
        }
        free(files);
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
