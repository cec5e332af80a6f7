/* dump_labels.c - pprof label sets of goroutines.
 *
 * Go prints a goroutine's labels in three places, each its own way:
 *
 *   goroutine 7 [chan receive] {handler: /api, request: "r-42"}:   (1.27
 *       traceback: a key or value is quoted only when it holds a byte
 *       outside [A-Za-z0-9./_], with \n \r \t \\ \" \xHH \uHHHH \UHHHHHHHH)
 *   # labels: {"handler":"/api", "request":"r-42"}                  (debug=1,
 *       strconv.Quote on both)
 *   and the label fields of a proto sample.
 *
 * All become the same "key\0value\0key\0value\0" pairs, decoded, so that a
 * label set reads the same from every source. */
#include "dump.h"

#include <string.h>

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned hex_val(char c)
{
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

static void put_utf8(StrBuf *b, uint32_t r)
{
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        r = 0xFFFD;
    if (r < 0x80) {
        sb_putc(b, (char)r);
    } else if (r < 0x800) {
        sb_putc(b, (char)(0xC0 | r >> 6));
        sb_putc(b, (char)(0x80 | (r & 0x3F)));
    } else if (r < 0x10000) {
        sb_putc(b, (char)(0xE0 | r >> 12));
        sb_putc(b, (char)(0x80 | ((r >> 6) & 0x3F)));
        sb_putc(b, (char)(0x80 | (r & 0x3F)));
    } else {
        sb_putc(b, (char)(0xF0 | r >> 18));
        sb_putc(b, (char)(0x80 | ((r >> 12) & 0x3F)));
        sb_putc(b, (char)(0x80 | ((r >> 6) & 0x3F)));
        sb_putc(b, (char)(0x80 | (r & 0x3F)));
    }
}

/* A Go quoted string at s[*i] (on '"') decoded into b; false when it does
 * not end or holds a bad escape. */
static bool unquote(const char *s, size_t n, size_t *i, StrBuf *b)
{
    size_t j = *i + 1;
    while (j < n && s[j] != '"') {
        if (s[j] != '\\') {
            sb_putc(b, s[j++]);
            continue;
        }
        if (++j >= n)
            return false;
        char c = s[j++];
        size_t digits = 0;
        switch (c) {
        case 'n': sb_putc(b, '\n'); break;
        case 'r': sb_putc(b, '\r'); break;
        case 't': sb_putc(b, '\t'); break;
        case 'a': sb_putc(b, '\a'); break;
        case 'b': sb_putc(b, '\b'); break;
        case 'f': sb_putc(b, '\f'); break;
        case 'v': sb_putc(b, '\v'); break;
        case '\\': case '"': case '\'': sb_putc(b, c); break;
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        default: return false;
        }
        if (!digits)
            continue;
        uint32_t v = 0;
        for (size_t k = 0; k < digits; k++, j++) {
            if (j >= n || !is_hex(s[j]))
                return false;
            v = v << 4 | hex_val(s[j]);
        }
        if (v == 0)
            sb_puts(b, "\\x00"); /* pairs are NUL-separated: keep it escaped */
        else if (c == 'x')
            sb_putc(b, (char)v); /* a raw byte, as printed for invalid UTF-8 */
        else
            put_utf8(b, v);
    }
    if (j >= n)
        return false;
    *i = j + 1;
    return true;
}

static void skip_blanks(const char *s, size_t n, size_t *i)
{
    while (*i < n && s[*i] == ' ')
        (*i)++;
}

/* A key (up to ':') or a value (up to ',' or '}'), quoted or bare. */
static bool token(const char *s, size_t n, size_t *i, bool key, StrBuf *b)
{
    skip_blanks(s, n, i);
    if (*i < n && s[*i] == '"') {
        if (!unquote(s, n, i, b))
            return false;
    } else {
        size_t j = *i;
        while (j < n && (key ? s[j] != ':' : s[j] != ',' && s[j] != '}'))
            j++;
        size_t e = j;
        while (e > *i && s[e - 1] == ' ')
            e--;
        sb_append(b, s + *i, e - *i);
        *i = j;
    }
    sb_putc(b, 0);
    skip_blanks(s, n, i);
    return true;
}

bool dump_labels_parse(const char *s, size_t n, StrBuf *out)
{
    size_t i = 0;
    skip_blanks(s, n, &i);
    if (i >= n || s[i] != '{')
        return false;
    i++;
    skip_blanks(s, n, &i);
    if (i < n && s[i] == '}')
        return true;
    for (;;) {
        if (!token(s, n, &i, true, out) || i >= n || s[i] != ':')
            return false;
        i++;
        if (!token(s, n, &i, false, out) || i >= n)
            return false;
        if (s[i] == '}')
            return true;
        if (s[i] != ',')
            return false;
        i++;
    }
}

const char *dump_labels_get(const char *pairs, size_t len, const char *key)
{
    for (size_t i = 0; i < len;) {
        const char *k = pairs + i;
        size_t kl = strlen(k);
        const char *v = k + kl + 1;
        if (strcmp(k, key) == 0)
            return v;
        i += kl + 1 + strlen(v) + 1;
    }
    return NULL;
}

/* The runtime quotes a key or value holding anything outside [A-Za-z0-9./_]. */
static bool needs_quoting(const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '/' || c == '_'))
            return true;
    }
    return false;
}

static void put_label_str(StrBuf *b, const char *s)
{
    if (!needs_quoting(s)) {
        sb_puts(b, s);
        return;
    }
    sb_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sb_printf(b, "\\%c", c);
        else if (c == '\n')
            sb_puts(b, "\\n");
        else if (c == '\r')
            sb_puts(b, "\\r");
        else if (c == '\t')
            sb_puts(b, "\\t");
        else if (c < ' ' || c == 127)
            sb_printf(b, "\\x%02x", c);
        else
            sb_putc(b, (char)c); /* UTF-8 stays as it is */
    }
    sb_putc(b, '"');
}

void dump_labels_format(StrBuf *b, const char *pairs, size_t len)
{
    sb_putc(b, '{');
    for (size_t i = 0; i < len;) {
        const char *k = pairs + i;
        const char *v = k + strlen(k) + 1;
        if (i)
            sb_puts(b, ", ");
        put_label_str(b, k);
        sb_puts(b, ": ");
        put_label_str(b, v);
        i = (size_t)(v + strlen(v) + 1 - pairs);
    }
    sb_putc(b, '}');
}
