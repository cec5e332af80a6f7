/* lexer.c - Go's lexical grammar: a pull lexer with semicolon insertion.
 *
 * It follows the Go spec and reports the errors go/scanner reports, with
 * the same wording and positions, so that drip and gofmt reject the same
 * files. Comments are not tokens: they are collected with their positions
 * (lex_finish hands them over) as the parser never needs them. */
#include "token.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

extern const uint32_t go_unicode_letters[][2];
extern const size_t go_unicode_letters_len;
extern const uint32_t go_unicode_digits[][2];
extern const size_t go_unicode_digits_len;
extern const uint32_t go_unicode_print[][2];
extern const size_t go_unicode_print_len;

enum { RUNE_ERROR = 0xFFFD, BOM = 0xFEFF };

/* Rare paths stay out of lex_next, which must stay small and fast. */
#define NOINLINE __attribute__((noinline))

static bool in_table(const uint32_t (*t)[2], size_t n, uint32_t r)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r < t[mid][0])
            hi = mid;
        else if (r > t[mid][1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static bool is_uletter(uint32_t r)
{
    return in_table(go_unicode_letters, go_unicode_letters_len, r);
}

static bool is_udigit(uint32_t r)
{
    return in_table(go_unicode_digits, go_unicode_digits_len, r);
}

/* Decodes the UTF-8 sequence at s (n bytes available, n >= 1). Invalid
 * input gives RUNE_ERROR with width 1, as Go's utf8.DecodeRune. */
static uint32_t decode_rune(const unsigned char *s, uint32_t n, uint32_t *width)
{
    unsigned c = s[0];
    *width = 1;
    if (c < 0x80)
        return c;
    uint32_t need, r, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; r = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; r = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; r = c & 0x07; min = 0x10000;
    } else {
        return RUNE_ERROR;
    }
    if (n < need + 1)
        return RUNE_ERROR;
    for (uint32_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return RUNE_ERROR;
        r = (r << 6) | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000))
        return RUNE_ERROR;
    *width = need + 1;
    return r;
}

static void lex_error(GoLexer *lx, uint32_t off, const char *fmt, ...) PRINTF(3, 4);

static void lex_error(GoLexer *lx, uint32_t off, const char *fmt, ...)
{
    char buf[256]; /* lexer messages are short, but for bad line directives */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *msg = buf;
    if (n >= (int)sizeof buf) {
        msg = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    go_errors_add(lx->errs, lx->base + off, "%s", msg);
    if (msg != buf)
        free(msg);
    array_push(&lx->err_tok, lx->tok_index);
    lx->nerrors++;
}

/* Formats r like Go's %#U: U+0040 '@', with the character only when it
 * is printable (strconv.IsPrint). */
static void fmt_rune(char *buf, size_t n, uint32_t r)
{
    if (r >= 0x20 && r < 0x7F)
        snprintf(buf, n, "U+%04X '%c'", r, (int)r);
    else if (r >= 0x80 && r <= 0x10FFFF && in_table(go_unicode_print, go_unicode_print_len, r)) {
        char u[5] = {0};
        if (r < 0x800) {
            u[0] = (char)(0xC0 | (r >> 6)); u[1] = (char)(0x80 | (r & 0x3F));
        } else if (r < 0x10000) {
            u[0] = (char)(0xE0 | (r >> 12)); u[1] = (char)(0x80 | ((r >> 6) & 0x3F));
            u[2] = (char)(0x80 | (r & 0x3F));
        } else {
            u[0] = (char)(0xF0 | (r >> 18)); u[1] = (char)(0x80 | ((r >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((r >> 6) & 0x3F)); u[3] = (char)(0x80 | (r & 0x3F));
        }
        snprintf(buf, n, "U+%04X '%s'", r, u);
    } else
        snprintf(buf, n, "U+%04X", r);
}

static inline void check_lookahead(GoLexer *lx, uint32_t off);

void lex_init(GoLexer *lx, GoSrcFile *f, GoErrors *errs)
{
    memset(lx, 0, sizeof *lx);
    lx->file = f;
    lx->src = f->src;
    lx->len = f->len;
    lx->base = f->base;
    lx->errs = errs;
    /* lines average about 30 bytes in Go; reserving enough up front spares
     * the copies of a growing table */
    array_reserve(&lx->lines, 64 + f->len / 16);
    array_reserve(&lx->comments, 16 + f->len / 128);
    array_push(&lx->lines, 0);
    const unsigned char *s = (const unsigned char *)lx->src;
    if (lx->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        lx->off = 3; /* a byte order mark at the start is ignored */
    if (lx->len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        /* a UTF-16 file: go/scanner says so, reads the first character as
         * U+FFFD and skips the rest */
        lex_error(lx, 0, "illegal UTF-8 encoding (got UTF-16)");
        lex_error(lx, 0, "illegal character U+FFFD '\xef\xbf\xbd'");
        lx->len = 0;
        lx->checked = 1;
        return;
    }
    check_lookahead(lx, lx->off);
}

void lex_init_at(GoLexer *lx, GoSrcFile *f, GoErrors *errs, uint32_t off)
{
    memset(lx, 0, sizeof *lx);
    lx->file = f;
    lx->src = f->src;
    lx->len = f->len;
    lx->base = f->base;
    lx->errs = errs;
    lx->again = true;
    array_push(&lx->lines, 0);
    lx->off = off < lx->len ? off : lx->len;
    lx->checked = lx->off;
    check_lookahead(lx, lx->off);
}

void lex_finish_again(GoLexer *lx)
{
    array_free(&lx->lines);
    array_free(&lx->comments);
    array_free(&lx->err_tok);
}

void lex_finish(GoLexer *lx, Arena *a, GoComment **out, uint32_t *n)
{
    GoSrcFile *f = lx->file;
    free(f->lines);
    f->nlines = (uint32_t)lx->lines.len;
    /* the table moves to the file, shrunk to size (in place, no copy) */
    f->lines = xrealloc(lx->lines.items, sizeof(uint32_t) * (lx->lines.len ? lx->lines.len : 1));
    lx->lines.items = NULL;
    lx->lines.len = lx->lines.cap = 0;
    *n = (uint32_t)lx->comments.len;
    *out = NULL;
    if (lx->comments.len) {
        *out = arena_alloc(a, sizeof(GoComment) * lx->comments.len);
        memcpy(*out, lx->comments.items, sizeof(GoComment) * lx->comments.len);
    }
    array_free(&lx->comments);
    array_free(&lx->err_tok);
}

static inline void add_line(GoLexer *lx, uint32_t off)
{
    /* off is the offset just after a '\n'; go/token ignores a line start at
     * the end of the file */
    if (off < lx->len)
        array_push(&lx->lines, off);
}

/* The error just reported at off, for the character right after a block
 * comment holding a line directive that starts there: go/scanner reads
 * that character (and reports it) before it records the directive, so
 * the error is placed as if the directive were not there. */
static void mark_before_directive(GoLexer *lx, uint32_t off)
{
    const GoSrcFile *f = lx->file;
    const unsigned char *s = (const unsigned char *)lx->src;
    if (f->infos.len && array_last(&f->infos)->offset == off && off >= 2 && s[off - 2] == '*' &&
        s[off - 1] == '/')
        array_last(&lx->errs->list)->before_directive = true;
}

/* Checks the non-ASCII or NUL byte at off (in a comment, string or
 * whitespace context) and returns its width. */
NOINLINE static uint32_t check_special(GoLexer *lx, uint32_t off)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    if (s[off] == 0) {
        if (off >= lx->checked) {
            lx->checked = off + 1;
            lex_error(lx, off, "illegal character NUL");
            mark_before_directive(lx, off);
        }
        return 1;
    }
    uint32_t w;
    uint32_t r = decode_rune(s + off, lx->len - off, &w);
    if (off < lx->checked)
        return w; /* reported already, when it was the look-ahead */
    lx->checked = off + w;
    if (r == RUNE_ERROR && w == 1) {
        lex_error(lx, off, "illegal UTF-8 encoding");
        mark_before_directive(lx, off);
    } else if (r == BOM && off > 0) {
        lex_error(lx, off, "illegal byte order mark");
        mark_before_directive(lx, off);
    }
    return w;
}

/* The character at off as a rune (-1 at EOF); width in *w. No errors. */
static int32_t peek_rune(GoLexer *lx, uint32_t off, uint32_t *w)
{
    if (off >= lx->len) {
        *w = 0;
        return -1;
    }
    const unsigned char *s = (const unsigned char *)lx->src;
    if (s[off] < 0x80) {
        *w = 1;
        return s[off];
    }
    return (int32_t)decode_rune(s + off, lx->len - off, w);
}

/* Word-at-a-time scanning: skip 8 bytes at once while none of them is
 * special (a byte >= 0x80, NUL, or one of the stop characters). */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static inline uint64_t load64(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

static inline uint64_t has_zero(uint64_t v)
{
    return (v - ONES) & ~v & HIGHS;
}

static inline uint64_t has_byte(uint64_t w, unsigned char c)
{
    return has_zero(w ^ (ONES * c));
}

#ifdef __SSE2__
/* 16 bytes at a time (SSE2 is part of every x86-64): the offset in
 * [off, off+16) of the first byte that is >= 0x80, NUL, c1, c2 or c3, or
 * 16 if none is. */
static inline uint32_t special16(const unsigned char *p, __m128i v1, __m128i v2, __m128i v3)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, v1), _mm_cmpeq_epi8(x, v2)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, v3), _mm_cmpeq_epi8(x, _mm_setzero_si128())));
    unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, x));
    return mask ? (uint32_t)__builtin_ctz(mask) : 16;
}
#endif

/* Advances off past plain bytes; stops at or before the first special. */
static inline uint32_t skip_plain1(const unsigned char *s, uint32_t off, uint32_t n, unsigned char c1)
{
#ifdef __SSE2__
    __m128i v1 = _mm_set1_epi8((char)c1);
    while (off + 16 <= n) {
        uint32_t k = special16(s + off, v1, v1, v1);
        off += k;
        if (k < 16)
            return off;
    }
#endif
    while (off + 8 <= n) {
        uint64_t w = load64(s + off);
        if ((w & HIGHS) | has_zero(w) | has_byte(w, c1))
            break;
        off += 8;
    }
    return off;
}

static inline uint32_t skip_plain3(const unsigned char *s, uint32_t off, uint32_t n,
                                   unsigned char c1, unsigned char c2, unsigned char c3)
{
#ifdef __SSE2__
    __m128i v1 = _mm_set1_epi8((char)c1), v2 = _mm_set1_epi8((char)c2), v3 = _mm_set1_epi8((char)c3);
    while (off + 16 <= n) {
        uint32_t k = special16(s + off, v1, v2, v3);
        off += k;
        if (k < 16)
            return off;
    }
#endif
    while (off + 8 <= n) {
        uint64_t w = load64(s + off);
        if ((w & HIGHS) | has_zero(w) | has_byte(w, c1) | has_byte(w, c2) | has_byte(w, c3))
            break;
        off += 8;
    }
    return off;
}

/* The index after the last ':' of text[0:n] (0 if none), and in *v the
 * number after it; *ok if that is a decimal number (go/scanner's
 * trailingDigits, with strconv.ParseUint). */
static uint32_t trailing_digits(const char *text, uint32_t n, uint64_t *v, bool *ok)
{
    uint32_t i = n;
    while (i > 0 && text[i - 1] != ':')
        i--;
    *v = 0;
    *ok = false;
    if (i == 0)
        return 0;
    *ok = i < n;
    for (uint32_t k = i; k < n && *ok; k++) {
        unsigned d = (unsigned char)text[k] - '0';
        if (d > 9 || *v > (UINT64_MAX - d) / 10)
            *ok = false;
        else
            *v = *v * 10 + d;
    }
    return i;
}

/* A copy of text[0:n] as a C string: a NUL, which cannot be part of one,
 * is written \0 (as in the parser's "found" of a literal). */
static char *dup_text(const char *text, uint32_t n)
{
    char *d = xmalloc((size_t)n * 2 + 1), *w = d;
    for (uint32_t i = 0; i < n; i++) {
        if (text[i] == 0) {
            *w++ = '\\';
            *w++ = '0';
        } else
            *w++ = text[i];
    }
    *w = 0;
    return d;
}

/* A line directive error: what followed, quoted. */
static void directive_error(GoLexer *lx, uint32_t off, const char *what, const char *text, uint32_t n)
{
    char *t = dup_text(text, n);
    lex_error(lx, off, "invalid %s number: %s", what, t);
    free(t);
}

/* path/filepath.Clean, in place (Unix). */
static void clean_path(char *p)
{
    size_t n = strlen(p), r = 0, w = 0, dotdot = 0;
    bool rooted = n > 0 && p[0] == '/';
    if (rooted) {
        p[w++] = '/';
        r = dotdot = 1;
    }
    while (r < n) {
        if (p[r] == '/') {
            r++;
        } else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
            r++;
        } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {
                w--;
                while (w > dotdot && p[w] != '/')
                    w--;
            } else if (!rooted) {
                if (w > 0)
                    p[w++] = '/';
                p[w++] = '.';
                p[w++] = '.';
                dotdot = w;
            }
        } else {
            if ((rooted && w != 1) || (!rooted && w != 0))
                p[w++] = '/';
            while (r < n && p[r] != '/')
                p[w++] = p[r++];
        }
    }
    if (w == 0)
        p[w++] = '.';
    p[w] = 0;
}

/* A line directive, "//line " or a block comment "line " at offs (its
 * text without the comment's end in text[0:n]); positions from next on
 * count from what it says. Bad numbers are errors, as in go/scanner's
 * updateLineInfo; a directive without ':' is an ordinary comment. */
NOINLINE static void line_directive(GoLexer *lx, uint32_t offs, const char *text, uint32_t n, uint32_t next)
{
    enum { MAX_LINE_COL = 1 << 30 };
    text += 7;
    n -= 7;
    offs += 7;
    uint64_t v, v2;
    bool ok, ok2;
    uint32_t i = trailing_digits(text, n, &v, &ok);
    if (i == 0)
        return;
    if (!ok) {
        directive_error(lx, offs + i, "line", text + i, n - i);
        return;
    }
    int64_t line = (int64_t)v, col = 0;
    uint32_t i2 = trailing_digits(text, i - 1, &v2, &ok2);
    if (ok2) { /* name:line:col */
        line = (int64_t)v2;
        col = (int64_t)v;
        if (col == 0 || col > MAX_LINE_COL) {
            directive_error(lx, offs + i, "column", text + i, n - i);
            return;
        }
        n = i - 1;
        i = i2;
    }
    if (line == 0 || line > MAX_LINE_COL) {
        directive_error(lx, offs + i, "line", text + i, n - i);
        return;
    }
    GoSrcFile *f = lx->file;
    if (!(next < lx->len && (f->infos.len == 0 || array_last(&f->infos)->offset < next)))
        return; /* go/token keeps only directives in order, before EOF */
    uint32_t flen = i - 1;
    char *name;
    if (flen == 0 && ok2) { /* name omitted: the current one */
        GoPosition p = go_file_position_adjusted(f, lx->lines.items, (uint32_t)lx->lines.len, f->base + offs);
        name = xstrdup(p.path);
    } else if (flen == 0) {
        name = xstrdup("");
    } else {
        /* relative to the folder of the file, cleaned (go/scanner) */
        const char *slash = strrchr(f->path, '/');
        size_t dlen = slash ? (size_t)(slash - f->path) + 1 : 0;
        char *t = dup_text(text, flen);
        size_t tl = strlen(t);
        name = xmalloc(dlen + tl + 2);
        memcpy(name, t, tl + 1);
        free(t);
        clean_path(name);
        if (name[0] != '/' && dlen) {
            size_t nl = strlen(name);
            memmove(name + dlen + 1, name, nl + 1);
            memcpy(name, f->path, dlen);
            name[dlen] = '/';
            clean_path(name);
        }
    }
    GoLineInfo li = {next, name, line, col};
    array_push(&f->infos, li);
}

/* Scans a comment starting at off ("//" or slash-star); returns the
 * offset after it. Does not consume the '\n' ending a // comment. *nl is
 * the offset of the first newline inside a block comment, 0 if none. */
NOINLINE static uint32_t scan_comment(GoLexer *lx, uint32_t off, uint32_t *nl)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t start = off, n = lx->len;
    bool closed = true;
    *nl = 0;
    if (s[off + 1] == '/') {
        off += 2;
        /* fast path: find the newline, then check that no byte before it
         * is NUL or non-ASCII, a word at a time */
        const unsigned char *nl = memchr(s + off, '\n', n - off);
        uint32_t stop = nl ? (uint32_t)(nl - s) : n, i = off;
        uint64_t bad = 0;
        for (; i + 8 <= stop; i += 8) {
            uint64_t w = load64(s + i);
            bad |= (w & HIGHS) | has_zero(w);
        }
        for (; i < stop; i++)
            bad |= (uint64_t)(s[i] >= 0x80 || s[i] == 0);
        if (!bad)
            off = stop;
        for (;;) {
            off = skip_plain1(s, off, n, '\n');
            if (off >= n || s[off] == '\n')
                break;
            if (s[off] >= 0x80 || s[off] == 0)
                off += check_special(lx, off);
            else
                off++;
        }
    } else {
        off += 2;
        closed = false;
        while (off < n) {
            off = skip_plain3(s, off, n, '*', '\n', '*');
            if (off >= n)
                break;
            unsigned char c = s[off];
            if (c == '*' && off + 1 < n && s[off + 1] == '/') {
                off += 2;
                closed = true;
                break;
            }
            if (c == '\n') {
                if (!*nl)
                    *nl = off;
                off++;
                add_line(lx, off);
            } else if (c >= 0x80 || c == 0)
                off += check_special(lx, off);
            else
                off++;
        }
        if (!closed)
            lex_error(lx, start, "comment not terminated");
    }
    if (lx->again)
        return off; /* comments and directives were recorded the first time */
    GoComment cm = {lx->base + start, lx->base + off};
    array_push(&lx->comments, cm);
    /* a line directive: //line at the start of a line, or a block comment
     * anywhere */
    if (closed && off - start >= 7 && memcmp(s + start + 2, "line ", 5) == 0 &&
        (s[start + 1] == '*' || start == *array_last(&lx->lines))) {
        uint32_t len = off - start, next = off;
        if (s[start + 1] == '*')
            len -= 2; /* the closing star-slash */
        else {
            if (s[off - 1] == '\r')
                len--; /* CRLF */
            if (off < n)
                next++; /* after the '\n' */
        }
        if (len >= 7)
            line_directive(lx, start, (const char *)s + start, len, next);
    }
    return off;
}

static inline bool is_dec(int c) { return c >= '0' && c <= '9'; }
static inline int lower(int c) { return c | ('a' - 'A'); }
static inline bool is_hex(int c)
{
    return is_dec(c) || (lower(c) >= 'a' && lower(c) <= 'f');
}

/* digits = { digit | '_' }; returns bit 0: a digit seen, bit 1: a '_'. */
static int scan_digits(GoLexer *lx, uint32_t *offp, int base, int64_t *invalid)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t off = *offp, n = lx->len;
    int digsep = 0;
    if (base <= 10) {
        int max = '0' + base;
        while (off < n && (is_dec(s[off]) || s[off] == '_')) {
            int ds = 1;
            if (s[off] == '_')
                ds = 2;
            else if (s[off] >= max && invalid && *invalid < 0)
                *invalid = off;
            digsep |= ds;
            off++;
        }
    } else {
        while (off < n && (is_hex(s[off]) || s[off] == '_')) {
            digsep |= s[off] == '_' ? 2 : 1;
            off++;
        }
    }
    *offp = off;
    return digsep;
}

static const char *litname(int prefix)
{
    switch (prefix) {
    case 'x': return "hexadecimal literal";
    case 'o': case '0': return "octal literal";
    case 'b': return "binary literal";
    }
    return "decimal literal";
}

/* Index of the first misplaced '_' in the literal x, or -1. */
static int64_t invalid_sep(const char *x, uint32_t len)
{
    int x1 = ' ', d = '.';
    uint32_t i = 0;
    if (len >= 2 && x[0] == '0') {
        x1 = lower((unsigned char)x[1]);
        if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
            d = '0';
            i = 2;
        }
    }
    for (; i < len; i++) {
        int p = d;
        d = (unsigned char)x[i];
        if (d == '_') {
            if (p != '0')
                return i;
        } else if (is_dec(d) || (x1 == 'x' && is_hex(d))) {
            d = '0';
        } else {
            if (p == '_')
                return (int64_t)i - 1;
            d = '.';
        }
    }
    if (d == '_')
        return (int64_t)len - 1;
    return -1;
}

NOINLINE static uint32_t scan_number(GoLexer *lx, uint32_t start, GoTok *tokp)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t off = start, n = lx->len;
    GoTok tok = GO_T_ILLEGAL;
    int base = 10, prefix = 0, digsep = 0;
    int64_t invalid = -1;
#define CH (off < n ? (int)s[off] : -1)
    if (CH != '.') {
        tok = GO_T_INT;
        if (CH == '0') {
            off++;
            switch (lower(CH)) {
            case 'x': off++; base = 16; prefix = 'x'; break;
            case 'o': off++; base = 8; prefix = 'o'; break;
            case 'b': off++; base = 2; prefix = 'b'; break;
            default: base = 8; prefix = '0'; digsep = 1; break;
            }
        }
        digsep |= scan_digits(lx, &off, base, &invalid);
    }
    if (CH == '.') {
        tok = GO_T_FLOAT;
        if (prefix == 'o' || prefix == 'b')
            lex_error(lx, off, "invalid radix point in %s", litname(prefix));
        off++;
        digsep |= scan_digits(lx, &off, base, &invalid);
    }
    if (!(digsep & 1))
        lex_error(lx, off, "%s has no digits", litname(prefix));
    int e = lower(CH);
    if (CH >= 0 && (e == 'e' || e == 'p')) {
        if (e == 'e' && prefix != 0 && prefix != '0')
            lex_error(lx, off, "'%c' exponent requires decimal mantissa", s[off]);
        else if (e == 'p' && prefix != 'x')
            lex_error(lx, off, "'%c' exponent requires hexadecimal mantissa", s[off]);
        off++;
        tok = GO_T_FLOAT;
        if (CH == '+' || CH == '-')
            off++;
        int ds = scan_digits(lx, &off, 10, NULL);
        digsep |= ds;
        if (!(ds & 1))
            lex_error(lx, off, "exponent has no digits");
    } else if (prefix == 'x' && tok == GO_T_FLOAT) {
        lex_error(lx, off, "hexadecimal mantissa requires a 'p' exponent");
    }
    if (CH == 'i') {
        tok = GO_T_IMAG;
        off++;
    }
#undef CH
    if (tok == GO_T_INT && invalid >= 0)
        lex_error(lx, (uint32_t)invalid, "invalid digit '%c' in %s", s[invalid], litname(prefix));
    if (digsep & 2) {
        int64_t i = invalid_sep(lx->src + start, off - start);
        if (i >= 0)
            lex_error(lx, start + (uint32_t)i, "'_' must separate successive digits");
    }
    *tokp = tok;
    return off;
}

static int digit_val(int c)
{
    if (is_dec(c))
        return c - '0';
    if (lower(c) >= 'a' && lower(c) <= 'f')
        return lower(c) - 'a' + 10;
    return 16;
}

/* Scans an escape after the backslash at *offp - 1. Stops at the offending
 * character on error and returns false. */
static bool scan_escape(GoLexer *lx, uint32_t *offp, int quote)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t off = *offp, start = off, n = lx->len;
    int count;
    uint32_t base, max;
    int c = off < n ? s[off] : -1;
    switch (c) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
        *offp = off + 1;
        return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        count = 3; base = 8; max = 255;
        break;
    case 'x': off++; count = 2; base = 16; max = 255; break;
    case 'u': off++; count = 4; base = 16; max = 0x10FFFF; break;
    case 'U': off++; count = 8; base = 16; max = 0x10FFFF; break;
    default:
        if (c == quote) {
            *offp = off + 1;
            return true;
        }
        lex_error(lx, start, c < 0 ? "escape sequence not terminated" : "unknown escape sequence");
        *offp = off;
        return false;
    }
    uint32_t x = 0;
    while (count > 0) {
        int ch = off < n ? s[off] : -1;
        uint32_t d = ch < 0 ? 16 : (uint32_t)digit_val(ch);
        if (d >= base) {
            if (ch < 0)
                lex_error(lx, off, "escape sequence not terminated");
            else {
                uint32_t w;
                char buf[32];
                fmt_rune(buf, sizeof buf, (uint32_t)peek_rune(lx, off, &w));
                lex_error(lx, off, "illegal character %s in escape sequence", buf);
            }
            *offp = off;
            return false;
        }
        x = x * base + d;
        off++;
        count--;
    }
    *offp = off;
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
        lex_error(lx, start, "escape sequence is invalid Unicode code point");
        return false;
    }
    return true;
}

/* Reads one character of a literal body at *offp, checking NUL and UTF-8. */
static inline void step(GoLexer *lx, uint32_t *offp)
{
    unsigned char c = (unsigned char)lx->src[*offp];
    if (c >= 0x80 || c == 0)
        *offp += check_special(lx, *offp);
    else
        (*offp)++;
}

NOINLINE static uint32_t scan_rune(GoLexer *lx, uint32_t start)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t off = start + 1, n = lx->len;
    bool valid = true;
    int count = 0;
    for (;;) {
        if (off >= n || s[off] == '\n') {
            if (valid) {
                lex_error(lx, start, "rune literal not terminated");
                valid = false;
            }
            break;
        }
        int c = s[off];
        step(lx, &off);
        if (c == '\'')
            break;
        count++;
        if (c == '\\' && !scan_escape(lx, &off, '\''))
            valid = false;
    }
    if (valid && count != 1)
        lex_error(lx, start, "illegal rune literal");
    return off;
}

NOINLINE static uint32_t scan_string(GoLexer *lx, uint32_t start)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t off = start + 1, n = lx->len;
    for (;;) {
        off = skip_plain3(s, off, n, '"', '\\', '\n');
        if (off >= n || s[off] == '\n') {
            lex_error(lx, start, "string literal not terminated");
            break;
        }
        unsigned char c = s[off];
        if (c == '"') {
            off++;
            break;
        }
        if (c == '\\') {
            off++;
            scan_escape(lx, &off, '"');
        } else if (c >= 0x80 || c == 0)
            off += check_special(lx, off);
        else
            off++;
    }
    return off;
}

NOINLINE static uint32_t scan_raw_string(GoLexer *lx, uint32_t start)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t off = start + 1, n = lx->len;
    for (;;) {
        off = skip_plain3(s, off, n, '`', '\n', '`');
        if (off >= n) {
            lex_error(lx, start, "raw string literal not terminated");
            break;
        }
        unsigned char c = s[off];
        if (c == '`') {
            off++;
            break;
        }
        if (c == '\n') {
            off++;
            add_line(lx, off);
        } else if (c >= 0x80 || c == 0)
            off += check_special(lx, off);
        else
            off++;
    }
    return off;
}

/* For each first letter, bit L set if a keyword of length L starts with
 * it: most identifiers are told from keywords without a comparison. */
static const uint16_t kw_lengths[256] = {
    ['b'] = 1 << 5,                                  /* break */
    ['c'] = 1 << 4 | 1 << 5 | 1 << 8,               /* case chan const continue */
    ['d'] = 1 << 5 | 1 << 7,                         /* defer default */
    ['e'] = 1 << 4,                                  /* else */
    ['f'] = 1 << 3 | 1 << 4 | 1 << 11,              /* for func fallthrough */
    ['g'] = 1 << 2 | 1 << 4,                         /* go goto */
    ['i'] = 1 << 2 | 1 << 6 | 1 << 9,               /* if import interface */
    ['m'] = 1 << 3,                                  /* map */
    ['p'] = 1 << 7,                                  /* package */
    ['r'] = 1 << 5 | 1 << 6,                         /* range return */
    ['s'] = 1 << 6,                                  /* select struct switch */
    ['t'] = 1 << 4,                                  /* type */
    ['v'] = 1 << 3,                                  /* var */
};

/* Keyword lookup: a perfect-enough switch on length and first letter. */
static GoTok keyword(const char *p, uint32_t len)
{
#define KW(s, t) if (len == sizeof(s) - 1 && memcmp(p, s, len) == 0) return t
    switch (p[0]) {
    case 'b': KW("break", GO_T_BREAK); break;
    case 'c': KW("case", GO_T_CASE); KW("chan", GO_T_CHAN); KW("const", GO_T_CONST);
              KW("continue", GO_T_CONTINUE); break;
    case 'd': KW("default", GO_T_DEFAULT); KW("defer", GO_T_DEFER); break;
    case 'e': KW("else", GO_T_ELSE); break;
    case 'f': KW("for", GO_T_FOR); KW("func", GO_T_FUNC); KW("fallthrough", GO_T_FALLTHROUGH); break;
    case 'g': KW("go", GO_T_GO); KW("goto", GO_T_GOTO); break;
    case 'i': KW("if", GO_T_IF); KW("import", GO_T_IMPORT); KW("interface", GO_T_INTERFACE); break;
    case 'm': KW("map", GO_T_MAP); break;
    case 'p': KW("package", GO_T_PACKAGE); break;
    case 'r': KW("range", GO_T_RANGE); KW("return", GO_T_RETURN); break;
    case 's': KW("select", GO_T_SELECT); KW("struct", GO_T_STRUCT); KW("switch", GO_T_SWITCH); break;
    case 't': KW("type", GO_T_TYPE); break;
    case 'v': KW("var", GO_T_VAR); break;
    }
#undef KW
    return GO_T_IDENT;
}

static const unsigned char ident_tab[256] = {
#define R10(x) x, x, x, x, x, x, x, x, x, x
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
    ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
#undef R10
};

static const unsigned char ws_tab[256] = {[' '] = 1, ['\t'] = 1, ['\r'] = 1};

/* Characters that may continue a number after its leading decimal digits
 * (or a lone 0): then the full scan_number is needed. */
static const unsigned char num_more[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1, ['.'] = 1, ['e'] = 1, ['E'] = 1,
    ['p'] = 1, ['P'] = 1, ['i'] = 1, ['x'] = 1, ['X'] = 1, ['o'] = 1, ['O'] = 1,
    ['b'] = 1, ['B'] = 1,
};

/* The same after the hex digits of 0x... */
static const unsigned char hex_more[256] = {
    ['_'] = 1, ['.'] = 1, ['p'] = 1, ['P'] = 1, ['i'] = 1,
};

/* Scans an identifier whose first character (a letter) is at off. */
NOINLINE static uint32_t scan_ident(GoLexer *lx, uint32_t off)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    uint32_t n = lx->len;
    for (;;) {
        while (off < n && ident_tab[s[off]])
            off++;
        if (off >= n || s[off] < 0x80)
            return off;
        uint32_t w;
        int32_t r = peek_rune(lx, off, &w);
        if (r < 0 || !(is_uletter((uint32_t)r) || is_udigit((uint32_t)r)))
            return off;
        off += check_special(lx, off);
    }
}

/* go/scanner reads one character ahead and reports a bad character when
 * it becomes the look-ahead, i.e. when the token before it is scanned;
 * errors then come in the same order relative to the parser's errors. */
static inline void check_lookahead(GoLexer *lx, uint32_t off)
{
    if (off < lx->len) {
        unsigned char c = (unsigned char)lx->src[off];
        if ((unsigned char)(c - 1) >= 0x7F && off >= lx->checked) /* NUL or >= 0x80 */
            check_special(lx, off);
    }
}



/* The file being scanned, in locals: the stores of tokens could alias the
 * fields of GoLexer, which would then be loaded again for every token. */
typedef struct {
    const unsigned char *s;
    uint32_t n;
    GoPos base;
} Text;

static inline void set(Text x, GoToken *t, GoTok kind, uint32_t start, uint32_t end)
{
    t->kind = kind;
    t->pos = x.base + start;
    t->end = x.base + end;
    t->lit = (const char *)x.s + start;
    t->len = end - start;
}

/* The exact zero-byte mask: 0x80 in each byte of v that is 0. */
static inline uint64_t zero_bytes(uint64_t v)
{
    const uint64_t lows = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((v & lows) + lows) | v | lows);
}

#ifdef __SSE2__
/* The number of identifier characters (ASCII letters, digits, '_') at the
 * start of the 16 bytes at p. */
static inline uint32_t ident16(const unsigned char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    /* letters: (x | 0x20) - 'a' < 26, digits: x - '0' < 10, as signed
     * compares after moving the ranges to start at -128 */
    __m128i low = _mm_or_si128(x, _mm_set1_epi8(0x20));
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(low, _mm_set1_epi8((char)(128 - 'a'))),
                                    _mm_set1_epi8((char)(-128 + 26)));
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(128 - '0'))),
                                   _mm_set1_epi8((char)(-128 + 10)));
    __m128i under = _mm_cmpeq_epi8(x, _mm_set1_epi8('_'));
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), under));
    return (uint32_t)__builtin_ctz(~m); /* bit 16 of ~m is set */
}
#endif

/* Skips a run of blanks from off (out of line: it needs many registers). */
NOINLINE static uint32_t skip_blank_run(const unsigned char *s, uint32_t off, uint32_t n)
{
#ifdef __SSE2__
    const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r');
    while (off + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + off));
        __m128i b = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(x, tab)),
                                 _mm_cmpeq_epi8(x, cr));
        unsigned other = ~(unsigned)_mm_movemask_epi8(b) & 0xFFFF;
        if (other)
            return off + (uint32_t)__builtin_ctz(other);
        off += 16;
    }
#endif
    while (off + 8 <= n) {
        uint64_t w = load64(s + off);
        uint64_t blank = zero_bytes(w ^ (ONES * ' ')) | zero_bytes(w ^ (ONES * '\t')) |
                         zero_bytes(w ^ (ONES * '\r'));
        uint64_t other = ~blank & HIGHS;
        if (other)
            return off + (uint32_t)(__builtin_ctzll(other) >> 3);
        off += 8;
    }
    while (off < n && ws_tab[s[off]])
        off++;
    return off;
}

/* Skips spaces, tabs and carriage returns from off. */
static inline uint32_t skip_blanks(const unsigned char *s, uint32_t off, uint32_t n)
{
    if (off >= n || !ws_tab[s[off]])
        return off;
    off++;
    if (off >= n || !ws_tab[s[off]])
        return off; /* one blank, the usual case */
    return skip_blank_run(s, off + 1, n);
}

/* Scans the next token into *tp, then checks the look-ahead character
 * (check_lookahead) before returning; returns the offset after it. The
 * scanners of literals take their start and return their end, so that off
 * (whose address is never taken) stays in a register. Inlined into lex_scan
 * and into the loop of lex_fill. */
static inline __attribute__((always_inline)) uint32_t scan_one(GoLexer *lx, Text x, GoToken *tp,
                                                             uint32_t off, bool *semip)
{
    const unsigned char *s = x.s;
    uint32_t n = x.n;
again:;
    /* skip white space; a newline is a token when it ends a statement */
    for (;;) {
        off = skip_blanks(s, off, n);
        if (off < n && s[off] == '\n' && !*semip) {
            off++;
            add_line(lx, off);
        } else
            break;
    }
    uint32_t start = off;
    if (off >= n) {
        if (*semip) {
            *semip = false;
            set(x, tp, GO_T_SEMICOLON, start, start);
            tp->lit = "\n";
            tp->len = 1;
            return off;
        }
        set(x, tp, GO_T_EOF, start, start);
        return off; /* no look-ahead at EOF */
    }
    unsigned char c = s[off];
    GoTok tok;
    bool semi = false;
    off++;
#define NEXT_IS(ch) (off < n && s[off] == (ch))
    switch (c) {
    case '\n':
        /* only reached when a newline ends the statement */
        add_line(lx, off);
        *semip = false;
        set(x, tp, GO_T_SEMICOLON, start, start + 1);
        tp->end = tp->pos; /* an automatic ';' has no extent */
        check_lookahead(lx, off);
        return off;
    case 'a': case 'b': case 'c': case 'd': case 'e': case 'f': case 'g': case 'h':
    case 'i': case 'j': case 'k': case 'l': case 'm': case 'n': case 'o': case 'p':
    case 'q': case 'r': case 's': case 't': case 'u': case 'v': case 'w': case 'x':
    case 'y': case 'z':
    case 'A': case 'B': case 'C': case 'D': case 'E': case 'F': case 'G': case 'H':
    case 'I': case 'J': case 'K': case 'L': case 'M': case 'N': case 'O': case 'P':
    case 'Q': case 'R': case 'S': case 'T': case 'U': case 'V': case 'W': case 'X':
    case 'Y': case 'Z': case '_':
#ifdef __SSE2__
        /* 16 bytes a step while they are surely in the file: no branch
         * on the length of the name */
        while (off + 16 <= n) {
            uint32_t k = ident16(s + off);
            off += k;
            if (k < 16)
                goto ident_end;
        }
#endif
        while (off < n && ident_tab[s[off]])
            off++;
    ident_end:
        if (off < n && s[off] >= 0x80)
            off = scan_ident(lx, off);
        /* keywords are lower-case and longer than one letter */
        tok = off - start < 16 && (kw_lengths[c] >> (off - start) & 1)
                  ? keyword((const char *)s + start, off - start) : GO_T_IDENT;
        semi = tok == GO_T_IDENT || tok == GO_T_BREAK || tok == GO_T_CONTINUE ||
               tok == GO_T_FALLTHROUGH || tok == GO_T_RETURN;
        break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
    case '8': case '9':
        /* a plain decimal, octal or hex integer needs no checks */
        if (c != '0') {
            while (off < n && is_dec(s[off]))
                off++;
        } else if (off < n && lower(s[off]) == 'x') {
            uint32_t q = off + 1;
            while (q < n && is_hex(s[q]))
                q++;
            if (q > off + 1 && (q >= n || !hex_more[s[q]])) {
                off = q;
                tok = GO_T_INT;
                semi = true;
                break;
            }
        } else {
            while (off < n && s[off] >= '0' && s[off] <= '7')
                off++;
        }
        if (off >= n || !num_more[s[off]]) {
            tok = GO_T_INT;
            semi = true;
            break;
        }
        off = scan_number(lx, start, &tok);
        semi = true;
        break;
    case '.':
        if (off < n && is_dec(s[off])) {
            off = scan_number(lx, start, &tok);
            semi = true;
        } else if (NEXT_IS('.') && off + 1 < n && s[off + 1] == '.') {
            off += 2;
            tok = GO_T_ELLIPSIS;
        } else
            tok = GO_T_PERIOD;
        break;
    case '"':
        off = scan_string(lx, start);
        tok = GO_T_STRING;
        semi = true;
        break;
    case '\'':
        off = scan_rune(lx, start);
        tok = GO_T_CHAR;
        semi = true;
        break;
    case '`':
        off = scan_raw_string(lx, start);
        tok = GO_T_STRING;
        semi = true;
        break;
    case ':':
        if (NEXT_IS('=')) { off++; tok = GO_T_DEFINE; } else tok = GO_T_COLON;
        break;
    case ',': tok = GO_T_COMMA; break;
    case ';': tok = GO_T_SEMICOLON; break;
    case '(': tok = GO_T_LPAREN; break;
    case ')': tok = GO_T_RPAREN; semi = true; break;
    case '[': tok = GO_T_LBRACK; break;
    case ']': tok = GO_T_RBRACK; semi = true; break;
    case '{': tok = GO_T_LBRACE; break;
    case '}': tok = GO_T_RBRACE; semi = true; break;
    case '+':
        if (NEXT_IS('=')) { off++; tok = GO_T_ADD_ASSIGN; }
        else if (NEXT_IS('+')) { off++; tok = GO_T_INC; semi = true; }
        else tok = GO_T_ADD;
        break;
    case '-':
        if (NEXT_IS('=')) { off++; tok = GO_T_SUB_ASSIGN; }
        else if (NEXT_IS('-')) { off++; tok = GO_T_DEC; semi = true; }
        else tok = GO_T_SUB;
        break;
    case '*':
        if (NEXT_IS('=')) { off++; tok = GO_T_MUL_ASSIGN; } else tok = GO_T_MUL;
        break;
    case '/':
        if (NEXT_IS('/') || NEXT_IS('*')) {
            /* as go/scanner since Go 1.22: a comment leaves a pending ';'
             * to the newline (or EOF) after it, or puts it at the first
             * newline inside a block comment */
            uint32_t nl;
            off = scan_comment(lx, start, &nl);
            if (*semip && nl) {
                *semip = false;
                set(x, tp, GO_T_SEMICOLON, nl, nl);
                tp->lit = "\n";
                tp->len = 1;
                check_lookahead(lx, off);
                return off;
            }
            goto again;
        }
        if (NEXT_IS('=')) { off++; tok = GO_T_QUO_ASSIGN; } else tok = GO_T_QUO;
        break;
    case '%':
        if (NEXT_IS('=')) { off++; tok = GO_T_REM_ASSIGN; } else tok = GO_T_REM;
        break;
    case '^':
        if (NEXT_IS('=')) { off++; tok = GO_T_XOR_ASSIGN; } else tok = GO_T_XOR;
        break;
    case '<':
        if (NEXT_IS('-')) { off++; tok = GO_T_ARROW; }
        else if (NEXT_IS('=')) { off++; tok = GO_T_LEQ; }
        else if (NEXT_IS('<')) {
            off++;
            if (NEXT_IS('=')) { off++; tok = GO_T_SHL_ASSIGN; } else tok = GO_T_SHL;
        } else tok = GO_T_LSS;
        break;
    case '>':
        if (NEXT_IS('=')) { off++; tok = GO_T_GEQ; }
        else if (NEXT_IS('>')) {
            off++;
            if (NEXT_IS('=')) { off++; tok = GO_T_SHR_ASSIGN; } else tok = GO_T_SHR;
        } else tok = GO_T_GTR;
        break;
    case '=':
        if (NEXT_IS('=')) { off++; tok = GO_T_EQL; } else tok = GO_T_ASSIGN;
        break;
    case '!':
        if (NEXT_IS('=')) { off++; tok = GO_T_NEQ; } else tok = GO_T_NOT;
        break;
    case '&':
        if (NEXT_IS('^')) {
            off++;
            if (NEXT_IS('=')) { off++; tok = GO_T_AND_NOT_ASSIGN; } else tok = GO_T_AND_NOT;
        } else if (NEXT_IS('=')) { off++; tok = GO_T_AND_ASSIGN; }
        else if (NEXT_IS('&')) { off++; tok = GO_T_LAND; }
        else tok = GO_T_AND;
        break;
    case '|':
        if (NEXT_IS('=')) { off++; tok = GO_T_OR_ASSIGN; }
        else if (NEXT_IS('|')) { off++; tok = GO_T_LOR; }
        else tok = GO_T_OR;
        break;
    case '~': tok = GO_T_TILDE; break;
    default: {
        /* non-ASCII: a Unicode letter starts an identifier */
        uint32_t w;
        int32_t r = peek_rune(lx, start, &w);
        if (c >= 0x80 && r >= 0 && r != RUNE_ERROR && is_uletter((uint32_t)r)) {
            off = scan_ident(lx, start + check_special(lx, start));
            tok = off - start > 1 ? keyword((const char *)s + start, off - start) : GO_T_IDENT;
            semi = true;
            break;
        }
        off = start + check_special(lx, start);
        /* check_special reported NUL, bad UTF-8 and BOM; go/scanner then
         * reports the character too (but not a BOM) */
        if (r == 0x201C || r == 0x201D) { /* easily pasted: say what to use */
            lex_error(lx, start, "curly quotation mark '%.3s' (use neutral '\"')", s + start);
        } else if (r != BOM) {
            char buf[32];
            fmt_rune(buf, sizeof buf, c == 0 ? 0 : (uint32_t)r);
            lex_error(lx, start, "illegal character %s", buf);
        }
        tok = GO_T_ILLEGAL;
        semi = *semip;
        break;
    }
    }
#undef NEXT_IS
    *semip = semi;
    set(x, tp, tok, start, off);
    /* check_lookahead, with off and s at hand */
    if (off < n && (unsigned char)(s[off] - 1) >= 0x7F && off >= lx->checked)
        check_special(lx, off);
    return off;
}

void lex_scan(GoLexer *lx, GoToken *tp)
{
    Text x = {(const unsigned char *)lx->src, lx->len, lx->base};
    lx->off = scan_one(lx, x, tp, lx->off, &lx->insert_semi);
    lx->tok_index++;
}

void lex_fill(GoLexer *lx, GoToken *toks, size_t n)
{
    uint32_t off = lx->off;
    bool semi = lx->insert_semi;
    const Text x = {(const unsigned char *)lx->src, lx->len, lx->base};
    for (size_t i = 0; i < n; i++) {
        off = scan_one(lx, x, &toks[i], off, &semi);
        lx->tok_index++;
    }
    lx->off = off;
    lx->insert_semi = semi;
}

GoToken lex_next(GoLexer *lx)
{
    GoToken t;
    lex_scan(lx, &t);
    return t;
}
