/* strbuf.c - growable byte string and escaping. */
#include "strbuf.h"

#include <stdarg.h>
#include <string.h>

void sb_init(StrBuf *sb)
{
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

void sb_free(StrBuf *sb)
{
    free(sb->data);
    sb_init(sb);
}

void sb_clear(StrBuf *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = 0;
}

static void reserve(StrBuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t n = sb->cap ? sb->cap * 2 : 64;
    while (n < sb->len + extra + 1)
        n *= 2;
    sb->data = xrealloc(sb->data, n);
    sb->cap = n;
}

void sb_putc(StrBuf *sb, char c)
{
    reserve(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = 0;
}

void sb_append(StrBuf *sb, const char *s, size_t n)
{
    reserve(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = 0;
}

void sb_puts(StrBuf *sb, const char *s)
{
    sb_append(sb, s, strlen(s));
}

void sb_printf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sb_append(sb, tmp, (size_t)n);
        return;
    }
    reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

char *sb_steal(StrBuf *sb)
{
    char *d = sb->data ? sb->data : xstrdup("");
    sb_init(sb);
    return d;
}

const char *sb_cstr(StrBuf *sb)
{
    return sb->data ? sb->data : "";
}

/* Length of a valid UTF-8 sequence starting at s, or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

void sb_json_string(StrBuf *sb, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    sb_putc(sb, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') {
            sb_putc(sb, '\\');
            sb_putc(sb, (char)c);
            i++;
        } else if (c == '\n') {
            sb_puts(sb, "\\n"), i++;
        } else if (c == '\t') {
            sb_puts(sb, "\\t"), i++;
        } else if (c == '\r') {
            sb_puts(sb, "\\r"), i++;
        } else if (c < 0x20 || c == 0x7f) {
            sb_printf(sb, "\\u%04x", c), i++;
        } else if (c < 0x80) {
            sb_putc(sb, (char)c), i++;
        } else {
            size_t l = utf8_len(s + i, n - i);
            if (l == 0) {
                sb_puts(sb, "\\ufffd"); /* invalid UTF-8 byte */
                i++;
            } else {
                sb_append(sb, (const char *)s + i, l);
                i += l;
            }
        }
    }
    sb_putc(sb, '"');
}

void sb_html_escape(StrBuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<': sb_puts(sb, "&lt;"); break;
        case '>': sb_puts(sb, "&gt;"); break;
        case '&': sb_puts(sb, "&amp;"); break;
        case '"': sb_puts(sb, "&quot;"); break;
        case '\'': sb_puts(sb, "&#39;"); break;
        case 0: sb_puts(sb, "&#xfffd;"); break;
        default: sb_putc(sb, s[i]);
        }
    }
}
