/* load_constraint.c - build constraints: //go:build expressions, // +build
 * lines and GOOS/GOARCH file-name suffixes, as go/build evaluates them. */
#include <ctype.h>

#include "load.h"

static const char *const known_os[] = {
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
    "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
};
static const char *const unix_os[] = {
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios",
    "linux", "netbsd", "openbsd", "solaris",
};
static const char *const known_arch[] = {
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
    "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
    "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
};

static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

static bool eq(const char *s, size_t len, const char *lit)
{
    return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

void build_ctx_default(BuildCtx *bc)
{
    memset(bc, 0, sizeof *bc);
    bc->goos = "linux";
    bc->goarch = "amd64";
    bc->tests = true;
    bc->release = GO_NEWEST;
}

int pkg_parse_go_version(const char *s, size_t n)
{
    if (n >= 2 && s[0] == 'g' && s[1] == 'o') {
        s += 2;
        n -= 2;
    }
    if (n < 3 || s[0] != '1' || s[1] != '.' || !isdigit((unsigned char)s[2]))
        return -1;
    int v = 0;
    size_t i = 2;
    for (; i < n && isdigit((unsigned char)s[i]); i++) {
        v = v * 10 + (s[i] - '0');
        if (v > 10000)
            return -1;
    }
    /* a patch release (.4) or a pre-release (rc1, beta2) may follow */
    if (i < n && !(s[i] == '.' || isalpha((unsigned char)s[i])))
        return -1;
    return v;
}

bool pkg_match_tag(const BuildCtx *bc, const char *tag, size_t len)
{
    if (eq(tag, len, bc->goos) || eq(tag, len, bc->goarch) || eq(tag, len, "gc"))
        return true;
    /* GOOS=android also matches linux files, illumos solaris, ios darwin. */
    if ((strcmp(bc->goos, "android") == 0 && eq(tag, len, "linux")) ||
        (strcmp(bc->goos, "illumos") == 0 && eq(tag, len, "solaris")) ||
        (strcmp(bc->goos, "ios") == 0 && eq(tag, len, "darwin")))
        return true;
    if (eq(tag, len, "unix"))
        return in_list(unix_os, ARRAY_LEN(unix_os), bc->goos, strlen(bc->goos));
    /* --tags first: as with the go command's -tags, it can add a release
     * tag (go1.30) the toolchain does not have. */
    for (int i = 0; i < bc->ntags; i++)
        if (eq(tag, len, bc->tags[i]))
            return true;
    /* Release tags go1.1 .. go1.<release>: those of the toolchain. */
    if (len > 4 && memcmp(tag, "go1.", 4) == 0) {
        int v = 0;
        for (size_t i = 4; i < len; i++) {
            if (!isdigit((unsigned char)tag[i]) || v > 10000)
                return false;
            v = v * 10 + (tag[i] - '0');
        }
        return v >= 1 && v <= bc->release;
    }
    return false;
}

/* //go:build expressions: recursive descent over || && ! ( ) and tags.
 * Besides the value, each subexpression carries the minimum Go version
 * it implies, and the one its negation implies (go/build/constraint's
 * minVersion with sign +1 and -1; -1 is "none"). */
typedef struct {
    const BuildCtx *bc;
    const char *p;
    bool err;
} Expr;

typedef struct {
    bool v;
    int min, neg_min;    /* minimum Go version implied by x, by !x */
} Val;

static int max_int(int a, int b) { return a > b ? a : b; }
static int min_int(int a, int b) { return a < b ? a : b; }

/* go1.N as N, "go1" as 0, any other tag -1. */
static int tag_version(const char *tag, size_t len)
{
    if (eq(tag, len, "go1"))
        return 0;
    if (len <= 4 || memcmp(tag, "go1.", 4) != 0)
        return -1;
    int v = 0;
    for (size_t i = 4; i < len; i++) {
        if (!isdigit((unsigned char)tag[i]) || v > 10000)
            return -1;
        v = v * 10 + (tag[i] - '0');
    }
    return v;
}

static void skip_ws(Expr *e)
{
    while (*e->p == ' ' || *e->p == '\t' || *e->p == '\r')
        e->p++;
}

static bool is_tag_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.';
}

static Val parse_or(Expr *e);

static Val parse_not(Expr *e)
{
    skip_ws(e);
    if (*e->p == '!') {
        e->p++;
        Val x = parse_not(e);
        return (Val){!x.v, x.neg_min, x.min};
    }
    if (*e->p == '(') {
        e->p++;
        Val v = parse_or(e);
        skip_ws(e);
        if (*e->p != ')')
            e->err = true;
        else
            e->p++;
        return v;
    }
    const char *start = e->p;
    while (is_tag_char(*e->p))
        e->p++;
    if (e->p == start) {
        e->err = true;
        return (Val){false, -1, -1};
    }
    size_t len = (size_t)(e->p - start);
    return (Val){pkg_match_tag(e->bc, start, len), tag_version(start, len), -1};
}

static Val parse_and(Expr *e)
{
    Val v = parse_not(e);
    for (;;) {
        skip_ws(e);
        if (e->p[0] != '&' || e->p[1] != '&')
            return v;
        e->p += 2;
        Val r = parse_not(e);
        v = (Val){v.v && r.v, max_int(v.min, r.min), min_int(v.neg_min, r.neg_min)};
    }
}

static Val parse_or(Expr *e)
{
    Val v = parse_and(e);
    for (;;) {
        skip_ws(e);
        if (e->p[0] != '|' || e->p[1] != '|')
            return v;
        e->p += 2;
        Val r = parse_and(e);
        v = (Val){v.v || r.v, min_int(v.min, r.min), max_int(v.neg_min, r.neg_min)};
    }
}

static Val eval_go_build(const BuildCtx *bc, const char *expr, bool *err)
{
    Expr e = {bc, expr, false};
    Val v = parse_or(&e);
    skip_ws(&e);
    if (*e.p && *e.p != '\n')
        e.err = true;
    *err = e.err;
    return v;
}

int pkg_eval_go_build(const BuildCtx *bc, const char *expr)
{
    bool err;
    Val v = eval_go_build(bc, expr, &err);
    return err ? -1 : v.v;
}

int pkg_go_build_min_version(const char *expr)
{
    BuildCtx bc;
    build_ctx_default(&bc);
    bool err;
    Val v = eval_go_build(&bc, expr, &err);
    return err ? -1 : v.min;
}

bool pkg_eval_plus_build(const BuildCtx *bc, const char *line)
{
    /* Space-separated options are ORed; comma-separated terms ANDed. */
    const char *p = line;
    bool any = false, result = false;
    while (*p && *p != '\n') {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (!*p || *p == '\n')
            break;
        bool opt = true;
        any = true;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            bool neg = false;
            while (*p == '!') {
                neg = !neg;
                p++;
            }
            const char *s = p;
            while (*p && *p != ',' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                p++;
            bool v = s != p && pkg_match_tag(bc, s, (size_t)(p - s));
            if (neg)
                v = s != p && !v;
            opt = opt && v;
            if (*p == ',')
                p++;
        }
        result = result || opt;
    }
    return !any || result;
}

bool pkg_match_file_name(const BuildCtx *bc, const char *base)
{
    size_t n = strcspn(base, ".");
    const char *us = memchr(base, '_', n);
    if (!us)
        return true;
    /* Elements after the first '_', minus a trailing "_test". */
    const char *elems[64];
    size_t lens[64];
    int ne = 0;
    const char *p = us + 1, *end = base + n;
    while (p <= end && ne < 64) {
        const char *q = memchr(p, '_', (size_t)(end - p));
        if (!q)
            q = end;
        elems[ne] = p;
        lens[ne++] = (size_t)(q - p);
        p = q + 1;
    }
    if (ne > 0 && eq(elems[ne - 1], lens[ne - 1], "test"))
        ne--;
    if (ne >= 2 && in_list(known_os, ARRAY_LEN(known_os), elems[ne - 2], lens[ne - 2]) &&
        in_list(known_arch, ARRAY_LEN(known_arch), elems[ne - 1], lens[ne - 1]))
        return pkg_match_tag(bc, elems[ne - 2], lens[ne - 2]) &&
               pkg_match_tag(bc, elems[ne - 1], lens[ne - 1]);
    if (ne >= 1 && (in_list(known_os, ARRAY_LEN(known_os), elems[ne - 1], lens[ne - 1]) ||
                    in_list(known_arch, ARRAY_LEN(known_arch), elems[ne - 1], lens[ne - 1])))
        return pkg_match_tag(bc, elems[ne - 1], lens[ne - 1]);
    return true;
}

/* Scans the leading comments. Constraints count only in the part of the
 * header that ends with a blank line (the doc comment right above the
 * package clause does not hold them), as go/build reads it. */
bool pkg_match_file_header(const BuildCtx *bc, const char *src, size_t len, char **pkgname, int *min_go)
{
    if (min_go)
        *min_go = -1;
    const char *p = src, *end = src + len;
    const char *valid_end = src; /* end of the last blank line in the header */
    const char *pkg = NULL;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    while (p < end) {
        const char *ls = p;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        if (p >= end)
            break;
        if (*p == '\n') {
            p++;
            valid_end = p;
            continue;
        }
        if (p + 1 < end && p[0] == '/' && p[1] == '/') {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
            continue;
        }
        if (p + 1 < end && p[0] == '/' && p[1] == '*') {
            const char *q = p + 2;
            while (q + 1 < end && !(q[0] == '*' && q[1] == '/'))
                q++;
            p = q + 1 < end ? q + 2 : end;
            continue;
        }
        (void)ls;
        pkg = p;
        break;
    }
    if (pkgname) {
        *pkgname = NULL;
        if (pkg && (size_t)(end - pkg) > 8 && memcmp(pkg, "package", 7) == 0 && (pkg[7] == ' ' || pkg[7] == '\t')) {
            const char *s = pkg + 7;
            while (s < end && (*s == ' ' || *s == '\t'))
                s++;
            const char *e = s;
            while (e < end && (isalnum((unsigned char)*e) || *e == '_' || (unsigned char)*e >= 0x80))
                e++;
            if (e > s)
                *pkgname = xstrndup(s, (size_t)(e - s));
        }
    }
    /* Look for constraint lines in [src, valid_end). */
    bool have_go_build = false, go_build_ok = true, plus_ok = true;
    p = src;
    while (p < valid_end) {
        const char *nl = memchr(p, '\n', (size_t)(valid_end - p));
        const char *le = nl ? nl : valid_end;
        const char *s = p;
        while (s < le && (*s == ' ' || *s == '\t'))
            s++;
        if (le - s >= 10 && memcmp(s, "//go:build", 10) == 0 && (le - s == 10 || s[10] == ' ' || s[10] == '\t')) {
            char *expr = xstrndup(s + 10, (size_t)(le - s - 10));
            bool err;
            Val v = eval_go_build(bc, expr, &err);
            free(expr);
            if (!have_go_build) {
                go_build_ok = !err && v.v;
                if (min_go && !err)
                    *min_go = v.min;
            }
            have_go_build = true;
        } else if (le - s >= 2 && s[0] == '/' && s[1] == '/') {
            const char *t = s + 2;
            while (t < le && (*t == ' ' || *t == '\t'))
                t++;
            if (le - t >= 6 && memcmp(t, "+build", 6) == 0 && (le - t == 6 || t[6] == ' ' || t[6] == '\t')) {
                char *line = xstrndup(t + 6, (size_t)(le - t - 6));
                if (!pkg_eval_plus_build(bc, line))
                    plus_ok = false;
                free(line);
            }
        } else if (le - s >= 2 && s[0] == '/' && s[1] == '*') {
            /* skip a block comment that may span lines */
            const char *q = s + 2;
            while (q + 1 < valid_end && !(q[0] == '*' && q[1] == '/'))
                q++;
            const char *after = q + 1 < valid_end ? q + 2 : valid_end;
            if (after > le) {
                nl = memchr(after, '\n', (size_t)(valid_end - after));
                le = nl ? nl : valid_end;
            }
        }
        p = le < valid_end ? le + 1 : valid_end;
    }
    return have_go_build ? go_build_ok : plus_ok;
}
