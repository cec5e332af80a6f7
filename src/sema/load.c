/* load.c - expand go-tool package patterns into packages: walk directories,
 * find the module of each (its path and Go version), read the files of the
 * build in parallel. */
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
    int min_go;          /* filled by the read: the //go:build's Go version */
    int err;             /* errno of a failed read */
} Cand;

/* A module: the nearest go.mod with a module line above a directory. */
typedef struct {
    char *root;          /* absolute directory holding go.mod */
    char *path;          /* module path ("std" for Go's own src) */
    int go;              /* minor of the go line; 16 when missing, as the go command assumes */
    int toolchain;       /* minor of the toolchain line, 0 when none */
    bool asynctimerchan; /* godebug asynctimerchan=1 or 2: pre-1.23 timers */
    BuildCtx bc;         /* the build context of its files (release tags) */
} Module;

typedef struct {
    const BuildCtx *bc;
    Program *prog;
    Array(char *) dirs;  /* package directories, display form */
    Array(Module *) dir_mod; /* per dir: its module, NULL outside one */
    HashMap seen;        /* dir -> (void*)1 */
    HashMap mods;        /* go.mod path -> Module* (NULL: no module line) */
    BuildCtx gopath_bc;  /* build context outside a module */
    Array(Cand) cands;
    SkipLog skips;       /* paths that could not be read, said once */
} Loader;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Why a .go file of this name is not part of the build, or NULL when it
 * is. */
static const char *unwanted_why(const BuildCtx *bc, const char *name)
{
    if (name[0] == '.' || name[0] == '_')
        return "its name starts with '.' or '_', which the go tool ignores";
    if (!bc->tests && str_has_suffix(name, "_test.go"))
        return "test file (--tests=false)";
    if (!pkg_match_file_name(bc, name))
        return "build constraints: its file name is for another GOOS/GOARCH";
    return NULL;
}

static bool wanted_go_file(const BuildCtx *bc, const char *name)
{
    return str_has_suffix(name, ".go") && !unwanted_why(bc, name);
}

/* Records a path left out, for --stats. */
static void left_out(Program *prog, const char *path, const char *why)
{
    PkgSkipped sk = {xstrdup(path), xstrdup(why)};
    array_push(&prog->skipped, sk);
}

static Module *module_of(Loader *L, const char *dir);

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
    array_push(&L->dir_mod, module_of(L, d));
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

static bool gomod_directive(const char *line, size_t n, const char *word, const char **arg, size_t *alen);

/* One walk of a "dir/..." pattern: which nested modules it enters. */
typedef struct {
    bool into_nested;      /* no go.mod above the root: every module below
                              is checked as its own (a tree of modules) */
    Array(char *) use;     /* go.work at the root: the real paths of the
                              modules it uses; only those are entered */
    bool work;             /* the root has a go.work */
    int entered;           /* nested modules walked */
    int skipped;           /* nested modules left out */
} Walk;

static bool walk_uses(const Walk *w, const char *dir)
{
    char real[PATH_MAX];
    if (!realpath(dir, real))
        return false;
    for (size_t i = 0; i < w->use.len; i++)
        if (strcmp(w->use.items[i], real) == 0)
            return true;
    return false;
}

/* Whether the walk goes into dir, which holds a go.mod of its own. */
static bool walk_enters_module(Walk *w, const char *dir)
{
    bool in = w->work ? walk_uses(w, dir) : w->into_nested;
    if (in)
        w->entered++;
    else
        w->skipped++;
    return in;
}

/* The directories a go.work file uses ("use ./a", "use ( ./a ./b )"), as
 * real paths. Returns false when there is no go.work at root. */
static bool read_gowork(const char *root, Walk *w)
{
    char *path = path_join(root, "go.work");
    FileData fd = {0};
    bool ok = is_file(path) && file_read(path, &fd);
    if (!ok) {
        free(path);
        return false;
    }
    bool block = false;
    const char *s = fd.data, *end = fd.data + fd.len;
    while (s < end) {
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        const char *arg;
        size_t alen = 0;
        char buf[PATH_MAX];
        const char *dir = NULL;
        size_t dlen = 0;
        if (block) {
            const char *t = s;
            while (t < s + n && (*t == ' ' || *t == '\t'))
                t++;
            if (t < s + n && *t == ')')
                block = false;
            else if (t < s + n && !(t + 1 < s + n && t[0] == '/' && t[1] == '/')) {
                dir = t;
                dlen = (size_t)(s + n - t);
            }
        } else if (gomod_directive(s, n, "use", &arg, &alen)) {
            if (alen && arg[0] == '(')
                block = true;
            else {
                dir = arg;
                dlen = alen;
            }
        }
        /* strip a comment, blanks and quotes */
        if (dir) {
            for (size_t k = 0; k + 1 < dlen; k++)
                if (dir[k] == '/' && dir[k + 1] == '/')
                    dlen = k;
            while (dlen && (dir[dlen - 1] == ' ' || dir[dlen - 1] == '\t' || dir[dlen - 1] == '\r'))
                dlen--;
            if (dlen >= 2 && (dir[0] == '"' || dir[0] == '`')) {
                dir++;
                dlen -= 2;
            }
            if (dlen && dlen < sizeof buf - 1) {
                snprintf(buf, sizeof buf, "%.*s", (int)dlen, dir);
                char *full = buf[0] == '/' ? xstrdup(buf) : path_join(root, buf);
                char real[PATH_MAX];
                if (realpath(full, real))
                    array_push(&w->use, xstrdup(real));
                free(full);
            }
        }
        s += n + 1;
    }
    file_data_free(&fd);
    free(path);
    w->work = true;
    return true;
}

/* Lists the .go files of one directory as candidates; returns subdirs. */
static void scan_dir(Loader *L, const char *dir, bool recurse, Walk *w)
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
    int di = -2;
    Array(char *) subdirs = {0};
    for (size_t i = 0; i < names.len; i++) {
        char *name = names.items[i];
        char *full = path_join(dir, name);
        int why = str_has_suffix(name, ".go") ? path_not_regular(full) : EISDIR;
        if (why && why != EISDIR && wanted_go_file(L->bc, name)) {
            skip_note(&L->skips, full, why, NULL); /* a dangling or looping link, a FIFO */
            left_out(L->prog, full, skip_reason(why));
        }
        if (!why) {
            const char *unwanted = unwanted_why(L->bc, name);
            if (unwanted)
                left_out(L->prog, full, unwanted);
            if (!unwanted) {
                if (di == -2)
                    di = add_dir(L, dir);
                if (di >= 0) {
                    Cand c = {full, di, NULL, -1, 0};
                    array_push(&L->cands, c);
                    full = NULL;
                }
            }
        } else if (recurse && !pkg_skip_dir_name(name) && is_real_dir(full)) {
            /* A nested module is not part of this one (go tool rule),
             * unless the walk is over a tree of modules or a go.work. */
            char *gomod = path_join(full, "go.mod");
            bool nested = is_file(gomod);
            free(gomod);
            if (!nested || walk_enters_module(w, full)) {
                array_push(&subdirs, full);
                full = NULL;
            } else {
                left_out(L->prog, full, "nested module: a module of its own (name it to check it)");
            }
        }
        free(full);
        free(name);
    }
    array_free(&names);
    for (size_t i = 0; i < subdirs.len; i++) {
        scan_dir(L, subdirs.items[i], true, w);
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
    Module *m = L->dir_mod.items[c->dir];
    if (!pkg_match_file_header(m ? &m->bc : &L->gopath_bc, fd.data, fd.len, &pkgname, &c->min_go)) {
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

/* The word a go.mod line starts with, and what follows it (comment
 * dropped, blanks trimmed). */
static bool gomod_directive(const char *line, size_t n, const char *word, const char **arg, size_t *alen)
{
    size_t w = strlen(word);
    if (n <= w || memcmp(line, word, w) != 0 || (line[w] != ' ' && line[w] != '\t'))
        return false;
    const char *s = line + w, *e = line + n;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    for (const char *c = s; c + 1 < e; c++)
        if (c[0] == '/' && c[1] == '/') {
            e = c;
            break;
        }
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    *arg = s;
    *alen = (size_t)(e - s);
    return true;
}

/* A godebug setting "key=value" that restores pre-1.23 timers:
 * asynctimerchan=1 (or 2), or default=go1.N for N < 23. */
static bool old_timers_setting(const char *s, size_t n)
{
    if (n == 16 && (memcmp(s, "asynctimerchan=1", 16) == 0 || memcmp(s, "asynctimerchan=2", 16) == 0))
        return true;
    if (n > 8 && memcmp(s, "default=", 8) == 0) {
        int v = pkg_parse_go_version(s + 8, n - 8);
        return v >= 0 && v < GO_TIMERS_COLLECTED;
    }
    return false;
}

/* Reads module, go, toolchain and godebug lines. False when the file
 * cannot be read or has no module line. */
static bool read_gomod(const char *gomod, Module *m)
{
    FileData fd;
    if (!file_read(gomod, &fd))
        return false;
    m->go = 16;
    bool in_godebug = false;
    for (const char *p = fd.data, *end = fd.data + fd.len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        while (p < le && (*p == ' ' || *p == '\t'))
            p++;
        size_t n = (size_t)(le - p);
        const char *arg;
        size_t alen;
        if (in_godebug) {
            if (n && *p == ')')
                in_godebug = false;
            else if (old_timers_setting(p, strcspn(p, " \t\r\n/")))
                m->asynctimerchan = true;
        } else if (!m->path && gomod_directive(p, n, "module", &arg, &alen)) {
            if (alen >= 2 && arg[0] == '"' && arg[alen - 1] == '"') {
                arg++;
                alen -= 2;
            }
            m->path = xstrndup(arg, alen);
        } else if (gomod_directive(p, n, "go", &arg, &alen)) {
            int v = pkg_parse_go_version(arg, alen);
            if (v >= 0)
                m->go = v;
        } else if (gomod_directive(p, n, "toolchain", &arg, &alen)) {
            int v = pkg_parse_go_version(arg, alen);
            if (v >= 0)
                m->toolchain = v;
        } else if (gomod_directive(p, n, "godebug", &arg, &alen)) {
            if (alen && arg[0] == '(')
                in_godebug = true;
            else if (old_timers_setting(arg, alen))
                m->asynctimerchan = true;
        }
        p = nl ? nl + 1 : end;
    }
    file_data_free(&fd);
    return m->path != NULL;
}

/* The toolchain whose release tags hold. --go names it. Otherwise it is
 * the one the go command runs under GOTOOLCHAIN=auto on a machine with
 * Go 1.27: the newest of 1.27 and the go and toolchain lines. Go's own
 * source tree (modules std and cmd) is built by its own release. */
static int module_release(const BuildCtx *bc, const Module *m)
{
    if (bc->go_version)
        return bc->go_version;
    if (strcmp(m->path, "std") == 0 || strcmp(m->path, "cmd") == 0)
        return m->go;
    int r = GO_NEWEST;
    if (m->go > r)
        r = m->go;
    if (m->toolchain > r)
        r = m->toolchain;
    return r;
}

static Module *load_module(Loader *L, const char *root, const char *gomod)
{
    int ins = 0;
    char *key = xstrdup(gomod); /* the map keeps its key; freed with the map */
    void **slot = hashmap_put(&L->mods, key, strlen(key), &ins);
    if (!ins) {
        free(key);
        return *slot;
    }
    Module *m = xcalloc(1, sizeof *m);
    if (!read_gomod(gomod, m)) {
        free(m->path);
        free(m);
        *slot = NULL;
        return NULL;
    }
    m->root = xstrdup(root);
    m->bc = *L->bc;
    m->bc.release = module_release(L->bc, m);
    *slot = m;
    return m;
}

/* The nearest go.mod with a module line above dir, or NULL. */
static Module *module_of(Loader *L, const char *dir)
{
    char abs[PATH_MAX];
    if (!realpath(dir, abs))
        return NULL;
    size_t n = strlen(abs);
    char probe[PATH_MAX + 8];
    for (size_t end = n; end > 0;) {
        snprintf(probe, sizeof probe, "%.*s/go.mod", (int)end, abs);
        if (is_file(probe)) {
            abs[end] = 0;
            Module *m = load_module(L, abs, probe);
            if (m)
                return m;
        }
        while (end > 0 && abs[end - 1] != '/')
            end--;
        if (end > 0)
            end--;
    }
    return NULL;
}

static char *import_path_of(const char *dir, const Module *m)
{
    char abs[PATH_MAX];
    if (!realpath(dir, abs))
        return xstrdup(dir);
    if (m) {
        const char *rel = abs + strlen(m->root);
        while (*rel == '/')
            rel++;
        if (strcmp(m->path, "std") == 0)
            return xstrdup(*rel ? rel : "std");
        return *rel ? xasprintf("%s/%s", m->path, rel) : xstrdup(m->path);
    }
    /* GOPATH layout: the part after the last "/src/". */
    const char *src = NULL;
    for (const char *p = abs; (p = strstr(p, "/src/")) != NULL; p++)
        src = p;
    return xstrdup(src ? src + 5 : abs);
}

/* A `//go:debug asynctimerchan=1` (or default=go1.N) line in the header
 * of a main package's file, which the go command applies to the binary. */
static bool file_debugs_old_timers(const PkgFile *f)
{
    const char *p = f->src.data, *end = p + f->src.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le - p > 11 && memcmp(p, "//go:debug ", 11) == 0) {
            const char *arg = p + 11;
            while (arg < le && (*arg == ' ' || *arg == '\t'))
                arg++;
            size_t n = strcspn(arg, " \t\r\n");
            if (arg + n <= le && old_timers_setting(arg, n))
                return true;
        } else if (le - p >= 7 && memcmp(p, "package", 7) == 0) {
            return false; /* directives come before the package clause */
        }
        p = nl ? nl + 1 : end;
    }
    return false;
}

/* The language version of a package and its files (go/types' file
 * versions: a //go:build go1.N line sets max(N, 21) for its file, on
 * toolchains from 1.21 on). */
static void set_versions(Loader *L, Package *pkg, const Module *m)
{
    const BuildCtx *bc = m ? &m->bc : &L->gopath_bc;
    pkg->release = bc->release;
    pkg->go_version = L->bc->go_version ? L->bc->go_version : m ? m->go : GO_NEWEST;
    /* GODEBUG defaults follow the main module's go line; outside a module
     * (GOPATH mode) the go command takes Go 1.16's (cmd/go's
     * DefaultGoModVersion), so timers stay uncollected there on 1.23-1.26 */
    int godebug = L->bc->go_version ? L->bc->go_version : m ? m->go : 16;
    pkg->timers_collected = godebug >= GO_TIMERS_COLLECTED && !(m && m->asynctimerchan);
    for (size_t i = 0; pkg->timers_collected && strcmp(pkg->name, "main") == 0 && i < pkg->files.len; i++)
        if (file_debugs_old_timers(pkg->files.items[i]))
            pkg->timers_collected = false;
    for (size_t i = 0; i < pkg->files.len; i++) {
        PkgFile *f = pkg->files.items[i];
        if (f->go_version >= 0 && bc->release >= 21)
            f->go_version = f->go_version > 21 ? f->go_version : 21;
        else
            f->go_version = pkg->go_version;
    }
}

static void free_modules(HashMap *mods)
{
    for (size_t i = 0; i < mods->cap; i++) {
        if (!mods->slots[i].key)
            continue;
        free((char *)mods->slots[i].key);
        Module *m = mods->slots[i].value;
        if (m) {
            free(m->root);
            free(m->path);
            free(m);
        }
    }
    hashmap_free(mods);
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp((*(PkgFile *const *)a)->path, (*(PkgFile *const *)b)->path);
}

void pkg_load(Program *prog, const BuildCtx *bc, const char **patterns, int npatterns)
{
    Loader L = {.bc = bc, .prog = prog};
    hashmap_init(&L.seen);
    hashmap_init(&L.mods);
    L.gopath_bc = *bc;
    L.gopath_bc.release = bc->go_version ? bc->go_version : GO_NEWEST;
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
                Walk w = {0};
                char *rootmod = path_join(clean, "go.mod");
                bool root_is_module = is_file(rootmod);
                free(rootmod);
                if (!root_is_module && !read_gowork(clean, &w))
                    w.into_nested = module_of(&L, clean) == NULL;
                size_t before = L.cands.len;
                scan_dir(&L, clean, true, &w);
                if (w.work)
                    note_msg("'%s': go.work uses %zu modules; %d of them checked under it%s", pat, w.use.len,
                             w.entered, w.skipped ? ", other nested modules left out" : "");
                else if (w.entered)
                    note_msg("'%s': no go.mod above it; its %d modules are each checked as a module of its own",
                             pat, w.entered);
                if (w.skipped && !w.work)
                    note_msg("'%s': %d nested module%s left out, as the go tool does (name %s to check %s)", pat,
                             w.skipped, w.skipped == 1 ? "" : "s", w.skipped == 1 ? "it" : "them",
                             w.skipped == 1 ? "it" : "them");
                if (L.cands.len == before) {
                    error_msg("pattern '%s' matched no packages", pat);
                    prog->nerrors++;
                }
                for (size_t k = 0; k < w.use.len; k++)
                    free(w.use.items[k]);
                array_free(&w.use);
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
                scan_dir(&L, clean, false, NULL);
                if (L.cands.len == before) {
                    error_msg("no Go files in '%s'", clean);
                    prog->nerrors++;
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
            left_out(prog, f, unwanted_why(bc, slash ? slash + 1 : f));
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
        Cand c = {f, di, NULL, -1, 0};
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
            char *why = xasprintf("unreadable: %s", file_strerror(c->err));
            left_out(prog, c->path, why);
            free(why);
            prog->nerrors++;
            free(c->path);
            continue;
        }
        PkgFile *f = c->file;
        if (!f && c->path)
            left_out(prog, c->path, "build constraints: its //go:build or // +build line excludes it");
        free(c->path);
        if (!f)
            continue;
        f->go_version = c->min_go; /* set_versions turns it into the file's version */
        if (f->pkgname && strcmp(f->pkgname, "documentation") == 0) {
            left_out(prog, f->path, "package documentation, which the go tool ignores");
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
        Module *m = L.dir_mod.items[d];
        char *ip = per_dir[d].len ? import_path_of(L.dirs.items[d], m) : NULL;
        int mi = -1;
        for (size_t k = 0; k < prog->modules.len && per_dir[d].len && mi < 0; k++)
            if (strcmp(prog->modules.items[k].root, m ? m->root : "") == 0)
                mi = (int)k;
        if (mi < 0 && per_dir[d].len) {
            PkgModule pm = {xstrdup(m ? m->path : ""), xstrdup(m ? m->root : ""), 0, 0};
            array_push(&prog->modules, pm);
            mi = (int)prog->modules.len - 1;
        }
        for (size_t k = 0; k < per_dir[d].len; k++) {
            Package *pkg = per_dir[d].items[k];
            pkg->module = mi;
            prog->modules.items[mi].npkgs++;
            prog->modules.items[mi].nfiles += (int)pkg->files.len;
            set_versions(&L, pkg, m);
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
    array_free(&L.dir_mod);
    array_free(&L.cands);
    hashmap_free(&L.seen);
    free_modules(&L.mods);
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
    for (size_t i = 0; i < prog->skipped.len; i++) {
        free(prog->skipped.items[i].path);
        free(prog->skipped.items[i].why);
    }
    array_free(&prog->skipped);
    for (size_t i = 0; i < prog->modules.len; i++) {
        free(prog->modules.items[i].path);
        free(prog->modules.items[i].root);
    }
    array_free(&prog->modules);
}

bool pkg_file_is_generated(const char *src, size_t len)
{
    static const char head[] = "// Code generated ", tail[] = " DO NOT EDIT.";
    bool in_block = false;
    for (const char *p = src, *end = src + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *e = le;
        if (e > p && e[-1] == '\r')
            e--;
        size_t n = (size_t)(e - p);
        if (in_block) {
            const char *close = memmem(p, n, "*/", 2);
            if (close) {
                in_block = false;
                /* text after the comment ends the header */
                for (const char *c = close + 2; c < e; c++)
                    if (*c != ' ' && *c != '\t')
                        return false;
            }
        } else if (n >= sizeof head - 1 + sizeof tail - 1 && memcmp(p, head, sizeof head - 1) == 0 &&
                   memcmp(e - (sizeof tail - 1), tail, sizeof tail - 1) == 0) {
            return true;
        } else if (n >= 2 && p[0] == '/' && p[1] == '/') {
            /* another line comment */
        } else if (n >= 2 && p[0] == '/' && p[1] == '*') {
            in_block = memmem(p + 2, n - 2, "*/", 2) == NULL;
        } else {
            for (const char *c = p; c < e; c++)
                if (*c != ' ' && *c != '\t')
                    return false;
        }
        p = le + 1;
    }
    return false;
}
