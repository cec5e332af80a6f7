/* report_check_vet.c - drip check -json: the findings exactly as go vet
 * -json prints them (Go 1.26 and later: on stdout, one JSON object per
 * package, tab-indented as encoding/json's MarshalIndent writes it):
 *
 *     {
 *     	"example.com/app": {
 *     		"defer-in-loop": [
 *     			{
 *     				"posn": "/src/app/a.go:10:3",
 *     				"message": "..."
 *     			}
 *     		]
 *     	}
 *     }
 *
 * A package without findings is "{}". */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_check.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (c >= 0xf5 || len == 0 || len > n)
        return 0;
    for (size_t k = 1; k < len; k++)
        if ((s[k] & 0xc0) != 0x80)
            return 0;
    if (c == 0xe0 && s[1] < 0xa0)
        return 0; /* overlong */
    if (c == 0xed && s[1] >= 0xa0)
        return 0; /* surrogate */
    if (c == 0xf0 && s[1] < 0x90)
        return 0;
    if (c == 0xf4 && s[1] >= 0x90)
        return 0;
    return len;
}

/* A JSON string as encoding/json writes it: HTML-safe (<, > and & as
 * \u003c, \u003e, \u0026), U+2028 and U+2029 escaped, invalid UTF-8 as
 * \ufffd. */
void report_go_json_string(StrBuf *out, const char *str)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str);
    sb_putc(out, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') {
            sb_putc(out, '\\');
            sb_putc(out, (char)c);
            i++;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            sb_puts(out, c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
            i++;
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            sb_puts(out, "\\u00");
            sb_putc(out, hex[c >> 4]);
            sb_putc(out, hex[c & 15]);
            i++;
        } else if (c < 0x80) {
            sb_putc(out, (char)c);
            i++;
        } else {
            size_t l = utf8_seq(s + i, n - i);
            if (l == 0) {
                sb_puts(out, "\\ufffd");
                i++;
            } else if (l == 3 && c == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
                sb_puts(out, s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
                i += 3;
            } else {
                sb_append(out, (const char *)s + i, l);
                i += l;
            }
        }
    }
    sb_putc(out, '"');
}

/* The working directory as Go's os.Getwd gives it: $PWD when it names
 * the same directory, else getcwd. NULL when neither works. */
static char *go_getwd(void)
{
    const char *pwd = getenv("PWD");
    struct stat a, b;
    if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return xstrdup(pwd);
    char buf[4096];
    return getcwd(buf, sizeof buf) ? xstrdup(buf) : NULL;
}

/* "posn": the absolute file name, as go vet prints it, then :line:col. */
static void posn(StrBuf *out, const Diag *d, const char *cwd)
{
    StrBuf p;
    sb_init(&p);
    const char *path = d->path;
    if (path[0] != '/' && cwd) {
        while (path[0] == '.' && path[1] == '/')
            path += 2;
        sb_puts(&p, cwd);
        if (strcmp(cwd, "/") != 0)
            sb_putc(&p, '/');
    }
    sb_puts(&p, path);
    if (d->line > 0)
        sb_printf(&p, ":%d", d->line);
    if (d->line > 0 && d->col > 0)
        sb_printf(&p, ":%d", d->col);
    report_go_json_string(out, p.data ? p.data : "");
    sb_free(&p);
}

typedef struct {
    size_t diag;   /* index in the DiagList */
    const char *rule;
} Entry;

static int cmp_entry(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    int c = strcmp(x->rule, y->rule);
    if (c)
        return c;
    return x->diag < y->diag ? -1 : x->diag > y->diag;
}

void report_check_vet_json(StrBuf *out, const DiagList *dl, const int *pkg, const char *const *keys, size_t nkeys)
{
    char *cwd = go_getwd();
    Entry *e = xcalloc(dl->len ? dl->len : 1, sizeof *e);
    for (size_t k = 0; k < nkeys; k++) {
        size_t n = 0;
        for (size_t i = 0; i < dl->len; i++)
            if (pkg[i] == (int)k)
                e[n++] = (Entry){i, dl->items[i].rule};
        if (n == 0) {
            sb_puts(out, "{}\n");
            continue;
        }
        /* map keys sorted, as encoding/json writes a map */
        qsort(e, n, sizeof *e, cmp_entry);
        sb_puts(out, "{\n\t");
        report_go_json_string(out, keys[k]);
        sb_puts(out, ": {");
        for (size_t i = 0; i < n; i++) {
            const Diag *d = &dl->items[e[i].diag];
            bool first = i == 0 || strcmp(e[i - 1].rule, e[i].rule) != 0;
            bool last = i + 1 == n || strcmp(e[i + 1].rule, e[i].rule) != 0;
            if (first) {
                sb_puts(out, i ? ",\n\t\t" : "\n\t\t");
                report_go_json_string(out, d->rule);
                sb_puts(out, ": [\n");
            }
            sb_puts(out, "\t\t\t{\n\t\t\t\t\"posn\": ");
            posn(out, d, cwd);
            sb_puts(out, ",\n\t\t\t\t\"message\": ");
            report_go_json_string(out, d->msg);
            sb_puts(out, last ? "\n\t\t\t}\n\t\t]" : "\n\t\t\t},\n");
        }
        sb_puts(out, "\n\t}\n}\n");
    }
    free(e);
    free(cwd);
}
