/* term.c - the one place where input text is made safe for a terminal. */
#include "term.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes) that is not a
 * control character to escape, or 0. */
static size_t printable_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return (c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n' ? 1 : 0;
    size_t len;
    uint32_t cp, min;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, cp = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, cp = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    if (cp >= 0x80 && cp <= 0x9f) /* C1 controls, CSI (U+009B) among them */
        return 0;
    return len;
}

bool term_clean(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] >= 0x20 && p[i] < 0x7f) {
            i++;
            continue;
        }
        size_t k = printable_seq(p + i, n - i);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

void term_escape(StrBuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = printable_seq(p + i, n - i);
        if (k) {
            sb_append(sb, s + i, k);
            i += k;
            continue;
        }
        /* One byte at a time: a bad lead byte must not swallow the next
         * character, and every byte of a C1 sequence is shown. */
        size_t bad = 1;
        if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
            bad = 2;
        for (size_t j = 0; j < bad; j++) {
            char e[4] = {'\\', 'x', hex[p[i + j] >> 4], hex[p[i + j] & 15]};
            sb_append(sb, e, 4);
        }
        i += bad;
    }
}

const char *term_safe(const char *s)
{
    /* Writers run on the main thread; the slots stay reachable to exit. */
    static StrBuf ring[TERM_SAFE_SLOTS];
    static unsigned next;
    if (!s)
        return NULL;
    size_t n = strlen(s);
    if (term_clean(s, n))
        return s;
    StrBuf *sb = &ring[next++ % TERM_SAFE_SLOTS];
    sb_clear(sb);
    term_escape(sb, s, n);
    return sb_cstr(sb);
}
