/* strbuf.h - growable NUL-terminated byte string. */
#ifndef DRIP_STRBUF_H
#define DRIP_STRBUF_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

typedef struct {
    char *data; /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
} StrBuf;

void sb_init(StrBuf *sb);
void sb_free(StrBuf *sb);
void sb_clear(StrBuf *sb);
void sb_putc(StrBuf *sb, char c);
void sb_append(StrBuf *sb, const char *s, size_t n);
void sb_puts(StrBuf *sb, const char *s);
void sb_printf(StrBuf *sb, const char *fmt, ...) PRINTF(2, 3);
/* Returns the data and leaves sb empty; caller frees. */
char *sb_steal(StrBuf *sb);
const char *sb_cstr(StrBuf *sb);

/* Escaping helpers that append to sb. */
void sb_json_string(StrBuf *sb, const char *s, size_t n); /* with quotes */
void sb_html_escape(StrBuf *sb, const char *s, size_t n);

#endif
