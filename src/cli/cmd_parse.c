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
#include "../util/util.h"

typedef struct {
    GoPathList files;
    GoFileSet *fs;
    GoErrors *errs;     /* one list per file */
    bool *unreadable;
    int *read_errno;
    size_t *sizes;
    Arena *arenas;      /* one per worker */
} Job;

static void parse_one(void *ctx, size_t i, int worker)
{
    Job *j = ctx;
    FileData fd;
    if (!go_source_read(j->files.items[i], &fd)) {
        j->unreadable[i] = true;
        j->read_errno[i] = errno;
        return;
    }
    j->sizes[i] = fd.len;
    Arena *a = &j->arenas[worker];
    go_parse(j->fs, j->files.items[i], fd.data, fd.len, a, &j->errs[i]);
    arena_free(a);
    file_data_free(&fd);
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
    Job j = {0};
    int status = 0;
    for (int i = 0; i < nrest; i++) {
        if (!go_find_files(rest[i], &j.files)) {
            error_msg("cannot open '%s': %s", rest[i], strerror(errno));
            status = 2;
        }
    }
    free(rest);
    size_t n = j.files.len;
    j.fs = go_fileset_new();
    j.errs = xcalloc(n ? n : 1, sizeof(GoErrors));
    j.unreadable = xcalloc(n ? n : 1, sizeof(bool));
    j.read_errno = xcalloc(n ? n : 1, sizeof(int));
    j.sizes = xcalloc(n ? n : 1, sizeof(size_t));
    size_t total = 0;
    bool syntax_errors = false;
    if (ast) {
        /* in order, one file at a time: the dumps are large */
        Arena a;
        arena_init(&a);
        for (size_t i = 0; i < n; i++) {
            FileData fd;
            if (!go_source_read(j.files.items[i], &fd)) {
                error_msg("cannot open '%s': %s", j.files.items[i], strerror(errno));
                status = 2;
                continue;
            }
            total += fd.len;
            GoFile *f = go_parse(j.fs, j.files.items[i], fd.data, fd.len, &a, &j.errs[i]);
            go_errors_sort(&j.errs[i]);
            if (f->nerrors) {
                /* the header names the first error: "# PATH: error L:C: MSG" */
                GoError *e = &j.errs[i].list.items[0];
                GoPosition p = go_fileset_position(j.fs, e->pos);
                printf("# %s: error %d:%d: ", j.files.items[i], p.line, p.col);
                print_one_line(e->msg);
            } else {
                printf("# %s\n", j.files.items[i]);
            }
            fflush(stdout);
            go_dump(f, stdout);
            if (j.errs[i].list.len) {
                syntax_errors = true;
                go_errors_print(&j.errs[i], j.fs, stderr, 0);
            }
            arena_free(&a);
            file_data_free(&fd);
        }
    } else {
        int threads = par_threads();
        j.arenas = xcalloc((size_t)threads, sizeof(Arena));
        par_for(n, threads, parse_one, &j);
        free(j.arenas);
        for (size_t i = 0; i < n; i++) {
            if (j.unreadable[i]) {
                error_msg("cannot open '%s': %s", j.files.items[i], strerror(j.read_errno[i]));
                status = 2;
                continue;
            }
            total += j.sizes[i];
            if (j.errs[i].list.len) {
                syntax_errors = true;
                go_errors_sort(&j.errs[i]);
                go_errors_print(&j.errs[i], j.fs, stderr, 0);
            }
        }
    }
    if (stats) {
        double el = now_seconds() - start;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "files %zu bytes %zu seconds %.3f MB/s %.1f maxrss_kb %ld threads %d\n",
                n, total, el, el > 0 ? (double)total / 1e6 / el : 0.0, ru.ru_maxrss,
                ast ? 1 : par_threads());
    }
    for (size_t i = 0; i < n; i++)
        go_errors_free(&j.errs[i]);
    free(j.errs);
    free(j.unreadable);
    free(j.read_errno);
    free(j.sizes);
    go_fileset_free(j.fs);
    go_path_list_free(&j.files);
    if (status)
        return status;
    return syntax_errors ? 1 : 0;
}
