/* suppress.c - find suppression comments with a small scanner that skips
 * string, rune and raw-string literals, so "//nolint" in a string is text. */
#include <ctype.h>

#include "suppress.h"

static bool word_eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Parses the text of one line comment (after "//"). */
static void parse_comment(SuppressionList *out, const char *c, size_t n, int line, int col, bool own_line)
{
    Suppression s = {line, col, own_line, false, false, NULL, false, false, 0};
    size_t kw = 0;
    if (n >= 12 && memcmp(c, "drip:ignore", 11) == 0 && (c[11] == ' ' || c[11] == '\t'))
        kw = 11;
    else if (n >= 17 && memcmp(c, "drip:file-ignore", 16) == 0 && (c[16] == ' ' || c[16] == '\t')) {
        kw = 16;
        s.file_wide = true;
    }
    if (kw) {
        const char *p = c + kw, *e = c + n;
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        const char *r = p;
        while (p < e && *p != ' ' && *p != '\t' && *p != '\r')
            p++;
        if (p == r)
            return;
        s.drip_specific = true;
        if (word_eq(r, (size_t)(p - r), "all") || word_eq(r, (size_t)(p - r), "*"))
            s.all = true;
        else
            s.rules = xstrndup(r, (size_t)(p - r));
        array_push(out, s);
        return;
    }
    /* golangci-lint: "nolint" optionally followed by ":a,b/c" and " // why". */
    const char *p = c;
    while (p < c + n && (*p == ' ' || *p == '\t'))
        p++;
    if ((size_t)(c + n - p) < 6 || memcmp(p, "nolint", 6) != 0)
        return;
    p += 6;
    const char *e = c + n;
    if (p == e || *p == ' ' || *p == '\t' || *p == '\r') {
        s.all = true; /* bare nolint: every linter */
        array_push(out, s);
        return;
    }
    if (*p != ':')
        return;
    p++;
    StrBuf names;
    sb_init(&names);
    bool hit = false;
    while (p < e && *p != ' ' && *p != '\t' && *p != '\r') {
        const char *w = p;
        while (p < e && *p != ',' && *p != ' ' && *p != '\t' && *p != '\r')
            p++;
        size_t wl = (size_t)(p - w);
        if (word_eq(w, wl, "all")) {
            s.all = true;
            hit = true;
        } else if (word_eq(w, wl, "drip")) {
            s.all = true;
            s.drip_specific = true;
            hit = true;
        } else if (wl > 5 && memcmp(w, "drip/", 5) == 0) {
            if (names.len)
                sb_putc(&names, ',');
            sb_append(&names, w + 5, wl - 5);
            s.drip_specific = true;
            hit = true;
        }
        if (p < e && *p == ',')
            p++;
    }
    if (!hit) {
        sb_free(&names);
        return;
    }
    if (!s.all && names.len)
        s.rules = sb_steal(&names);
    sb_free(&names);
    array_push(out, s);
}

void suppress_scan(SuppressionList *out, const char *src, size_t len)
{
    const char *p = src, *e = src + len, *ls = src;
    int line = 1;
    bool code_on_line = false;
    while (p < e) {
        char c = *p;
        if (c == '\n') {
            line++;
            ls = ++p;
            code_on_line = false;
            continue;
        }
        if (c == '/' && p + 1 < e && p[1] == '/') {
            const char *s = p + 2;
            const char *nl = memchr(s, '\n', (size_t)(e - s));
            const char *end = nl ? nl : e;
            parse_comment(out, s, (size_t)(end - s), line, (int)(p - ls) + 1, !code_on_line);
            p = end;
            continue;
        }
        if (c == '/' && p + 1 < e && p[1] == '*') {
            p += 2;
            while (p + 1 < e && !(p[0] == '*' && p[1] == '/')) {
                if (*p == '\n') {
                    line++;
                    ls = p + 1;
                }
                p++;
            }
            p = p + 1 < e ? p + 2 : e;
            continue;
        }
        if (c == '"' || c == '\'') {
            p++;
            while (p < e && *p != c && *p != '\n') {
                if (*p == '\\' && p + 1 < e)
                    p++;
                p++;
            }
            if (p < e && *p == c)
                p++;
            code_on_line = true;
            continue;
        }
        if (c == '`') {
            p++;
            while (p < e && *p != '`') {
                if (*p == '\n') {
                    line++;
                    ls = p + 1;
                }
                p++;
            }
            if (p < e)
                p++;
            code_on_line = true;
            continue;
        }
        if (!isspace((unsigned char)c))
            code_on_line = true;
        p++;
    }
}

static bool names_rule(const char *list, const char *rule)
{
    size_t rl = strlen(rule);
    for (const char *p = list; *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n == rl && memcmp(p, rule, n) == 0)
            return true;
        if (!c)
            break;
        p = c + 1;
    }
    return false;
}

bool suppress_match(SuppressionList *sl, const char *rule, int line)
{
    bool hit = false;
    for (size_t i = 0; i < sl->len; i++) {
        Suppression *s = &sl->items[i];
        bool covers = s->file_wide || s->line == line || (s->own_line && s->line + 1 == line) ||
                      (s->last_line && line > s->line && line <= s->last_line);
        if (!covers)
            continue;
        if (s->all || (s->rules && names_rule(s->rules, rule))) {
            s->used = true;
            hit = true;
        }
    }
    return hit;
}

void suppress_widen(SuppressionList *sl, int from, int to, int end_line)
{
    for (size_t i = 0; i < sl->len; i++) {
        Suppression *s = &sl->items[i];
        if (s->own_line && s->drip_specific && !s->file_wide && s->line >= from && s->line <= to)
            s->last_line = end_line;
    }
}

void suppress_list_free(SuppressionList *sl)
{
    for (size_t i = 0; i < sl->len; i++)
        free(sl->items[i].rules);
    array_free(sl);
}
