/* suppress.h - in-source suppressions: "//drip:ignore RULE reason" and
 * golangci-lint's "//nolint:drip", "//nolint:drip/RULE", "//nolint:all".
 * A suppression covers its own line, and the next line when the comment
 * stands alone on its line; "//drip:ignore RULE reason" alone on the line
 * above a func covers the whole function (suppress_widen), and
 * "//drip:file-ignore RULE reason" the whole file. */
#ifndef DRIP_SEMA_SUPPRESS_H
#define DRIP_SEMA_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/array.h"
#include "../util/strbuf.h"

typedef struct {
    int line, col;       /* where the comment starts */
    bool own_line;       /* nothing but blanks before it on its line */
    bool all;            /* every drip rule (nolint, nolint:drip, nolint:all) */
    bool drip_specific;  /* names drip explicitly (reported when unused) */
    char *rules;         /* comma-separated rule names when !all, owned */
    bool used;
    bool file_wide;      /* //drip:file-ignore */
    int last_line;       /* covers line+1 .. last_line (a whole function),
                            0 when it covers only its own or the next line */
} Suppression;

typedef Array(Suppression) SuppressionList;

/* Finds the suppression comments of a Go source file. */
void suppress_scan(SuppressionList *out, const char *src, size_t len);
/* True (and marks it used) when a suppression covers rule at line. */
bool suppress_match(SuppressionList *sl, const char *rule, int line);
/* Widens the own-line //drip:ignore comments on lines from..to (those
 * above a function and among its doc comment) to cover up to end_line. */
void suppress_widen(SuppressionList *sl, int from, int to, int end_line);
void suppress_list_free(SuppressionList *sl);

#endif
