/* suppress.h - in-source suppressions: "//drip:ignore RULE reason" and
 * golangci-lint's "//nolint:drip", "//nolint:drip/RULE", "//nolint:all".
 * A suppression covers its own line, and the next line when the comment
 * stands alone on its line. */
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
} Suppression;

typedef Array(Suppression) SuppressionList;

/* Finds the suppression comments of a Go source file. */
void suppress_scan(SuppressionList *out, const char *src, size_t len);
/* True (and marks it used) when a suppression covers rule at line. */
bool suppress_match(SuppressionList *sl, const char *rule, int line);
void suppress_list_free(SuppressionList *sl);

#endif
