/* check_filter.c - the findings drip check keeps for teams adopting it on
 * code with old findings: those not in a baseline (--baseline), and those
 * on lines changed since a git revision (--new-from-rev).
 *
 * A baseline line is "rule<TAB>path<TAB>function<TAB>hash<TAB>message":
 * the function that holds the finding and a hash of its statement's text
 * (blanks left out), not its line, so that findings keep their key when
 * code above them moves. Equal keys are counted, so a second identical
 * finding in the same function is new. */
#include "check_filter.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../go/ast.h"
#include "../util/hashmap.h"
#include "../util/strbuf.h"
#include "../util/util.h"

/* The file of the program whose path is path, or NULL. */
static PkgFile *file_of(const Program *prog, const char *path)
{
    for (size_t i = 0; i < prog->pkgs.len; i++)
        for (size_t k = 0; k < prog->pkgs.items[i]->files.len; k++) {
            PkgFile *f = prog->pkgs.items[i]->files.items[k];
            if (f->path == path || strcmp(f->path, path) == 0)
                return f;
        }
    return NULL;
}

/* "Recv.Name" or "Name" of the func declaration holding line, or "". */
static void func_at(const PkgFile *f, int line, char *buf, size_t cap)
{
    buf[0] = 0;
    const GoFile *ast = f ? f->ast : NULL;
    if (!ast)
        return;
    for (uint32_t d = 0; d < ast->decls.len; d++) {
        const GoNode *n = ast->decls.items[d];
        if (n->kind != GO_FUNC_DECL)
            continue;
        if (line < go_file_line(ast->file, n->pos) || line > go_file_line(ast->file, n->end))
            continue;
        const GoFuncDecl *fd = (const GoFuncDecl *)n;
        const char *recv = "";
        size_t rlen = 0;
        if (fd->recv && fd->recv->fields.len) {
            /* the receiver's type name, without * and type arguments */
            const GoNode *t = ((const GoField *)fd->recv->fields.items[0])->type;
            while (t && (t->kind == GO_STAR_EXPR || t->kind == GO_INDEX_EXPR || t->kind == GO_PAREN_EXPR))
                t = t->kind == GO_STAR_EXPR    ? ((const GoStarExpr *)t)->x
                    : t->kind == GO_INDEX_EXPR ? ((const GoIndexExpr *)t)->x
                                               : ((const GoParenExpr *)t)->x;
            if (t && t->kind == GO_IDENT) {
                recv = ((const GoIdent *)t)->name;
                rlen = ((const GoIdent *)t)->len;
            }
        }
        if (fd->name)
            snprintf(buf, cap, "%.*s%s%.*s", (int)rlen, recv, rlen ? "." : "", (int)fd->name->len, fd->name->name);
        return;
    }
}

/* FNV-1a of line's text without blanks. */
static uint32_t line_hash(const PkgFile *f, int line)
{
    uint32_t h = 2166136261u;
    if (!f || line < 1)
        return h;
    const char *p = f->src.data, *end = f->src.data + f->src.len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    for (; p < end && *p != '\n'; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r') {
            h ^= (unsigned char)*p;
            h *= 16777619u;
        }
    return h;
}

/* The key of a finding, without its message. */
static char *key_of(const Program *prog, const Diag *d)
{
    const PkgFile *f = file_of(prog, d->path);
    char fn[256];
    func_at(f, d->line, fn, sizeof fn);
    return xasprintf("%s\t%s\t%s\t%08x", d->rule, d->path, fn, line_hash(f, d->line));
}

bool check_write_baseline(const char *path, const Program *prog, const DiagList *dl)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        error_msg("cannot write baseline '%s': %s", path, strerror(errno));
        return false;
    }
    fprintf(out, "# drip baseline: rule, file, function, statement hash, message; one finding a line\n");
    for (size_t i = 0; i < dl->len; i++) {
        char *k = key_of(prog, &dl->items[i]);
        char *msg = xstrdup(dl->items[i].msg);
        for (char *c = msg; *c; c++)
            if (*c == '\t' || *c == '\n')
                *c = ' ';
        fprintf(out, "%s\t%s\n", k, msg);
        free(msg);
        free(k);
    }
    bool ok = fclose(out) == 0;
    if (!ok)
        error_msg("cannot write baseline '%s': %s", path, strerror(errno));
    return ok;
}

bool check_apply_baseline(const char *path, const Program *prog, DiagList *dl, size_t *known)
{
    FileData fd;
    if (!file_read(path, &fd)) {
        error_msg("cannot read baseline '%s': %s", path, strerror(errno));
        return false;
    }
    /* key -> how many findings with it the baseline holds */
    HashMap counts;
    hashmap_init(&counts);
    Array(char *) keys = {0};
    int lineno = 0;
    bool ok = true;
    for (char *p = fd.data, *end = fd.data + fd.len; p < end && ok;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        lineno++;
        if (le > p && *p != '#') {
            /* the key is the first four fields */
            char *c = p;
            int tabs = 0;
            while (c < le && tabs < 4)
                if (*c++ == '\t')
                    tabs++;
            if (tabs < 4) {
                error_msg("%s:%d: not a baseline line: want rule, file, function, hash and message "
                          "separated by tabs", path, lineno);
                ok = false;
                break;
            }
            char *k = xstrndup(p, (size_t)(c - 1 - p));
            array_push(&keys, k);
            void **slot = hashmap_put(&counts, k, strlen(k), NULL);
            *slot = (void *)((uintptr_t)*slot + 1);
        }
        p = le + 1;
    }
    file_data_free(&fd);
    size_t kept = 0;
    *known = 0;
    for (size_t i = 0; ok && i < dl->len; i++) {
        char *k = key_of(prog, &dl->items[i]);
        void **slot = (void **)NULL;
        if (hashmap_get(&counts, k, strlen(k)))
            slot = hashmap_put(&counts, k, strlen(k), NULL);
        free(k);
        if (slot && (uintptr_t)*slot > 0) {
            *slot = (void *)((uintptr_t)*slot - 1);
            diag_free(&dl->items[i]);
            (*known)++;
            continue;
        }
        dl->items[kept++] = dl->items[i];
    }
    if (ok)
        dl->len = kept;
    for (size_t i = 0; i < keys.len; i++)
        free(keys.items[i]);
    array_free(&keys);
    hashmap_free(&counts);
    return ok;
}

/* ---- --new-from-rev ----------------------------------------------------- */

typedef struct {
    char *path;          /* absolute */
    Array(int) ranges;   /* first, last of each changed range; -1, -1: all */
} Changed;

typedef Array(Changed) ChangedList;

static char *run_line(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    char buf[PATH_MAX];
    char *r = fgets(buf, sizeof buf, p) ? xstrdup(buf) : NULL;
    if (pclose(p) != 0) {
        free(r);
        return NULL;
    }
    if (r)
        r[strcspn(r, "\n")] = 0;
    return r;
}

static Changed *changed_file(ChangedList *ch, const char *path)
{
    for (size_t i = 0; i < ch->len; i++)
        if (strcmp(ch->items[i].path, path) == 0)
            return &ch->items[i];
    Changed c = {xstrdup(path), {0}};
    array_push(ch, c);
    return &ch->items[ch->len - 1];
}

/* Quotes s for sh between single quotes. */
static char *sh_quote(const char *s)
{
    StrBuf b;
    sb_init(&b);
    sb_putc(&b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            sb_puts(&b, "'\\''");
        else
            sb_putc(&b, *s);
    }
    sb_putc(&b, '\'');
    return sb_steal(&b);
}

bool check_new_from_rev(const char *rev, DiagList *dl, size_t *old)
{
    char *top = run_line("git rev-parse --show-toplevel 2>/dev/null");
    if (!top) {
        error_msg("--new-from-rev: not in a git work tree");
        return false;
    }
    char *qrev = sh_quote(rev);
    char *verify = xasprintf("git rev-parse --verify --quiet %s^{commit} 2>/dev/null", qrev);
    char *ok_rev = run_line(verify);
    free(verify);
    if (!ok_rev) {
        error_msg("--new-from-rev: unknown revision '%s'", rev);
        free(qrev);
        free(top);
        return false;
    }
    free(ok_rev);
    ChangedList ch = {0};
    /* lines added or changed in tracked files, then untracked files whole */
    char *cmd = xasprintf("cd %s && git diff --no-color --no-ext-diff -U0 %s -- 2>/dev/null", top, qrev);
    FILE *p = popen(cmd, "r");
    free(cmd);
    char line[8192];
    Changed *cur = NULL;
    while (p && fgets(line, sizeof line, p)) {
        if (strncmp(line, "+++ ", 4) == 0) {
            line[strcspn(line, "\n")] = 0;
            const char *name = line + 4;
            if (strncmp(name, "b/", 2) == 0) {
                char *full = xasprintf("%s/%s", top, name + 2);
                cur = changed_file(&ch, full);
                free(full);
            } else {
                cur = NULL; /* /dev/null: the file was deleted */
            }
        } else if (cur && strncmp(line, "@@ ", 3) == 0) {
            const char *plus = strchr(line + 3, '+');
            if (!plus)
                continue;
            char *e;
            long start = strtol(plus + 1, &e, 10);
            long n = 1;
            if (*e == ',')
                n = strtol(e + 1, NULL, 10);
            if (n > 0) {
                array_push(&cur->ranges, (int)start);
                array_push(&cur->ranges, (int)(start + n - 1));
            }
        }
    }
    bool ok = p && pclose(p) == 0;
    if (!ok)
        error_msg("--new-from-rev: git diff %s failed", rev);
    cmd = xasprintf("cd %s && git ls-files --others --exclude-standard -z 2>/dev/null", top);
    p = ok ? popen(cmd, "r") : NULL;
    free(cmd);
    if (p) {
        StrBuf names;
        sb_init(&names);
        size_t n;
        while ((n = fread(line, 1, sizeof line, p)) > 0)
            sb_append(&names, line, n);
        pclose(p);
        for (size_t i = 0; i < names.len;) {
            const char *name = names.data + i;
            size_t len = strnlen(name, names.len - i);
            char *full = xasprintf("%s/%.*s", top, (int)len, name);
            Changed *c = changed_file(&ch, full);
            free(full);
            array_push(&c->ranges, -1);
            array_push(&c->ranges, -1);
            i += len + 1;
        }
        sb_free(&names);
    }
    size_t kept = 0;
    *old = 0;
    for (size_t i = 0; ok && i < dl->len; i++) {
        Diag *d = &dl->items[i];
        char real[PATH_MAX];
        bool is_new = false;
        if (realpath(d->path, real)) {
            for (size_t c = 0; c < ch.len && !is_new; c++) {
                if (strcmp(ch.items[c].path, real) != 0)
                    continue;
                for (size_t r = 0; r + 1 < ch.items[c].ranges.len && !is_new; r += 2) {
                    int a = ch.items[c].ranges.items[r], b = ch.items[c].ranges.items[r + 1];
                    is_new = a < 0 || (d->line >= a && d->line <= b);
                }
            }
        }
        if (is_new) {
            dl->items[kept++] = *d;
        } else {
            diag_free(d);
            (*old)++;
        }
    }
    if (ok)
        dl->len = kept;
    for (size_t c = 0; c < ch.len; c++) {
        free(ch.items[c].path);
        array_free(&ch.items[c].ranges);
    }
    array_free(&ch);
    free(qrev);
    free(top);
    return ok;
}
