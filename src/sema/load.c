/* load.c - expand go-tool package patterns into packages: walk directories,
 * find the module of each, read the files of the build in parallel. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>

#include "load.h"
#include "../util/hashmap.h"
#include "../util/par.h"
#include "../util/skip.h"

bool pkg_skip_dir_name(const char *name)
{
    return name[0] == '.' || name[0] == '_' || strcmp(name, "testdata") == 0 ||
           strcmp(name, "vendor") == 0;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A real directory, not a symlink to one: walks do not follow links (as
 * the go tool), which also keeps link cycles from looping forever. */
static bool is_real_dir(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *path_join(const char *dir, const char *name)
{
    if (strcmp(dir, ".") == 0)
        return xstrdup(name);
    size_t n = strlen(dir);
    return xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

/* Drops a leading "./" and trailing slashes: "./a/b/" -> "a/b". */
static char *clean_path(const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        for (p += 2; *p == '/'; p++)
            ;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        n--;
    return n ? xstrndup(p, n) : xstrdup(".");
}

typedef struct {
    char *path;          /* display path */
    int dir;             /* index into Loader.dirs */
    PkgFile *file;       /* filled by the parallel read; NULL when excluded */
    int err;             /* errno of a failed read */
} Cand;

typedef struct {
    const BuildCtx *bc;
    Program *prog;
    Array(char *) dirs;  /* package directories, display form */
    HashMap seen;        /* dir -> (void*)1 */
    Array(Cand) cands;
    SkipLog skips;       /* paths that could not be read, said once */
} Loader;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool wanted_go_file(const BuildCtx *bc, const char *name)
{
    if (name[0] == '.' || name[0] == '_' || !str_has_suffix(name, ".go"))
        return false;
    if (!bc->tests && str_has_suffix(name, "_test.go"))
        return false;
    return pkg_match_file_name(bc, name);
}

static int add_dir(Loader *L, const char *dir)
{
    char *d = xstrdup(dir);
    int ins = 0;
    void **slot = hashmap_put(&L->seen, d, strlen(d), &ins);
    if (!ins) {
        free(d);
        return -1;
    }
    array_push(&L->dirs, d);
    *slot = (void *)(uintptr_t)L->dirs.len; /* index + 1 */
    return (int)L->dirs.len - 1;
}

static int dir_index(Loader *L, const char *dir)
{
    int di = add_dir(L, dir);
    if (di < 0)
        di = (int)(uintptr_t)hashmap_get(&L->seen, dir, strlen(dir)) - 1;
    return di;
}

/* Lists the .go files of one directory as candidates; returns subdirs. */
static void scan_dir(Loader *L, const char *dir, bool recurse, bool is_root)
{
    DIR *d = opendir(dir);
    if (!d) {
        error_msg("cannot open directory '%s': %s", dir, strerror(errno));
        L->prog->nerrors++;
        return;
    }
    Array(char *) names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            array_push(&names, xstrdup(e->d_name));
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof(char *), cmp_str);
    (void)is_root;
    int di = -2;
    Array(char *) subdirs = {0};
    for (size_t i = 0; i < names.len; i++) {
        char *name = names.items[i];
        char *full = path_join(dir, name);
        int why = str_has_suffix(name, ".go") ? path_not_regular(full) : EISDIR;
        if (why && why != EISDIR && wanted_go_file(L->bc, name))
            skip_note(&L->skips, full, why, NULL); /* a dangling or looping link, a FIFO */
        if (!why) {
            if (wanted_go_file(L->bc, name)) {
                if (di == -2)
                    di = add_dir(L, dir);
                if (di >= 0) {
                    Cand c = {full, di, NULL, 0};
                    array_push(&L->cands, c);
                    full = NULL;
                }
            }
        } else if (recurse && !pkg_skip_dir_name(name) && is_real_dir(full)) {
            /* A nested module is not part of this one (go tool rule). */
            char *gomod = path_join(full, "go.mod");
            bool nested = is_file(gomod);
            free(gomod);
            if (!nested) {
                array_push(&subdirs, full);
                full = NULL;
            }
        }
        free(full);
        free(name);
    }
    array_free(&names);
    for (size_t i = 0; i < subdirs.len; i++) {
        scan_dir(L, subdirs.items[i], true, false);
        free(subdirs.items[i]);
    }
    array_free(&subdirs);
}

static void read_one(void *ctx, size_t i, int worker)
{
    (void)worker;
    Loader *L = ctx;
    Cand *c = &L->cands.items[i];
    FileData fd;
    if (!file_read(c->path, &fd)) {
        /* reported after the parallel part, in order */
        c->err = errno;
        c->file = NULL;
        c->dir = -1 - c->dir; /* marks "unreadable", keeps the dir */
        return;
    }
    char *pkgname = NULL;
    if (!pkg_match_file_header(L->bc, fd.data, fd.len, &pkgname)) {
        file_data_free(&fd);
        free(pkgname);
        return;
    }
    PkgFile *f = xcalloc(1, sizeof *f);
    f->path = c->path;
    c->path = NULL;
    f->src = fd;
    f->is_test = str_has_suffix(f->path, "_test.go");
    f->pkgname = pkgname;
    c->file = f;
}

/* Module of a directory: nearest go.mod above it. */
static char *read_module_path(const char *gomod)
{
    FileData fd;
    if (!file_read(gomod, &fd))
        return NULL;
    char *res = NULL;
    const char *p = fd.data;
    while (p && *p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "module", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
            const char *s = p + 6;
            while (*s == ' ' || *s == '\t')
                s++;
            bool quoted = *s == '"';
            s += quoted;
            const char *e = s;
            while (*e && *e != '\n' && *e != '\r' && *e != ' ' && *e != '\t' && *e != '"' && !(e[0] == '/' && e[1] == '/'))
                e++;
            res = xstrndup(s, (size_t)(e - s));
            break;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    file_data_free(&fd);
    return res;
}

static char *import_path_of(const char *dir)
{
    char abs[PATH_MAX];
    if (!realpath(dir, abs))
        return xstrdup(dir);
    size_t n = strlen(abs);
    char probe[PATH_MAX + 8];
    for (size_t end = n; end > 0;) {
        snprintf(probe, sizeof probe, "%.*s/go.mod", (int)end, abs);
        if (is_file(probe)) {
            char *mod = read_module_path(probe);
            if (mod) {
                const char *rel = abs + end;
                while (*rel == '/')
                    rel++;
                char *res;
                if (strcmp(mod, "std") == 0)
                    res = xstrdup(*rel ? rel : "std");
                else
                    res = *rel ? xasprintf("%s/%s", mod, rel) : xstrdup(mod);
                free(mod);
                return res;
            }
        }
        while (end > 0 && abs[end - 1] != '/')
            end--;
        if (end > 0)
            end--;
    }
    /* GOPATH layout: the part after the last "/src/". */
    const char *src = NULL;
    for (const char *p = abs; (p = strstr(p, "/src/")) != NULL; p++)
        src = p;
    return xstrdup(src ? src + 5 : abs);
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp((*(PkgFile *const *)a)->path, (*(PkgFile *const *)b)->path);
}

void pkg_load(Program *prog, const BuildCtx *bc, const char **patterns, int npatterns)
{
    Loader L = {.bc = bc, .prog = prog};
    hashmap_init(&L.seen);
    const char *dflt = ".";
    if (npatterns == 0) {
        patterns = &dflt;
        npatterns = 1;
    }
    Array(char *) cmdline_files = {0};
    for (int i = 0; i < npatterns; i++) {
        const char *pat = patterns[i];
        size_t n = strlen(pat);
        if (n >= 3 && strcmp(pat + n - 3, "...") == 0 && (n == 3 || pat[n - 4] == '/')) {
            char *root = n == 3 ? xstrdup(".") : xstrndup(pat, n - 4);
            if (!*root) {
                free(root);
                root = xstrdup("/");
            }
            char *clean = clean_path(root);
            if (!is_dir(clean)) {
                error_msg("cannot find packages matching '%s': no directory '%s'", pat, clean);
                prog->nerrors++;
            } else {
                scan_dir(&L, clean, true, true);
            }
            free(clean);
            free(root);
        } else if (str_has_suffix(pat, ".go")) {
            int why = path_not_regular(pat);
            if (why) {
                error_msg("cannot open '%s': %s", pat, file_strerror(why));
                prog->nerrors++;
            } else {
                array_push(&cmdline_files, clean_path(pat));
            }
        } else {
            char *clean = clean_path(pat);
            if (!is_dir(clean)) {
                error_msg("cannot find package '%s': no such directory", pat);
                prog->nerrors++;
            } else {
                size_t before = L.cands.len;
                scan_dir(&L, clean, false, true);
                if (L.cands.len == before) {
                    warn_msg("no Go files in '%s'", clean);
                }
            }
            free(clean);
        }
    }
    /* Files named on the command line form one package per directory, and
     * skip the file-name constraints as the go tool does not (it applies
     * them), so keep applying them for consistency. */
    for (size_t i = 0; i < cmdline_files.len; i++) {
        char *f = cmdline_files.items[i];
        const char *slash = strrchr(f, '/');
        char *dir = slash ? xstrndup(f, (size_t)(slash - f)) : xstrdup(".");
        int di = dir_index(&L, dir);
        free(dir);
        if (!wanted_go_file(bc, slash ? slash + 1 : f)) {
            free(f);
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < L.cands.len; k++)
            if (L.cands.items[k].path && strcmp(L.cands.items[k].path, f) == 0)
                dup = true;
        if (dup) {
            free(f);
            continue;
        }
        Cand c = {f, di, NULL, 0};
        array_push(&L.cands, c);
    }
    array_free(&cmdline_files);

    par_for(L.cands.len, 0, read_one, &L);

    /* Group by (dir, package name), in directory order. */
    Array(Package *) *per_dir = xcalloc(L.dirs.len ? L.dirs.len : 1, sizeof *per_dir);
    for (size_t i = 0; i < L.cands.len; i++) {
        Cand *c = &L.cands.items[i];
        if (c->dir < 0) {
            skip_note(&L.skips, c->path, c->err, NULL);
            prog->nerrors++;
            free(c->path);
            continue;
        }
        free(c->path);
        PkgFile *f = c->file;
        if (!f)
            continue;
        if (f->pkgname && strcmp(f->pkgname, "documentation") == 0) {
            file_data_free(&f->src);
            free(f->pkgname);
            free(f->path);
            free(f);
            continue;
        }
        const char *name = f->pkgname ? f->pkgname : "";
        Package *pkg = NULL;
        for (size_t k = 0; k < per_dir[c->dir].len; k++)
            if (strcmp(per_dir[c->dir].items[k]->name, name) == 0)
                pkg = per_dir[c->dir].items[k];
        if (!pkg && !f->pkgname && per_dir[c->dir].len)
            pkg = per_dir[c->dir].items[0]; /* broken file: keep it with the others */
        if (!pkg) {
            pkg = xcalloc(1, sizeof *pkg);
            pkg->dir = xstrdup(L.dirs.items[c->dir]);
            pkg->name = xstrdup(name);
            array_push(&per_dir[c->dir], pkg);
        }
        array_push(&pkg->files, f);
        prog->nfiles++;
    }
    skip_flush(&L.skips);
    for (size_t d = 0; d < L.dirs.len; d++) {
        char *ip = per_dir[d].len ? import_path_of(L.dirs.items[d]) : NULL;
        for (size_t k = 0; k < per_dir[d].len; k++) {
            Package *pkg = per_dir[d].items[k];
            pkg->import_path = str_has_suffix(pkg->name, "_test") ? xasprintf("%s_test", ip) : xstrdup(ip);
            qsort(pkg->files.items, pkg->files.len, sizeof(PkgFile *), cmp_file);
            array_push(&prog->pkgs, pkg);
        }
        free(ip);
        array_free(&per_dir[d]);
        free(L.dirs.items[d]);
    }
    free(per_dir);
    array_free(&L.dirs);
    array_free(&L.cands);
    hashmap_free(&L.seen);
}

void pkg_program_free(Program *prog)
{
    for (size_t i = 0; i < prog->pkgs.len; i++) {
        Package *p = prog->pkgs.items[i];
        for (size_t k = 0; k < p->files.len; k++) {
            PkgFile *f = p->files.items[k];
            file_data_free(&f->src);
            free(f->path);
            free(f->pkgname);
            free(f);
        }
        array_free(&p->files);
        free(p->dir);
        free(p->import_path);
        free(p->name);
        free(p);
    }
    array_free(&prog->pkgs);
}
