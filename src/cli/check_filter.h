/* check_filter.h - keeping only new findings: baselines and changed lines
 * (drip check --baseline, --write-baseline, --new-from-rev). */
#ifndef DRIP_CHECK_FILTER_H
#define DRIP_CHECK_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "../report/report_check.h"
#include "../sema/load.h"

/* Writes every finding of dl to path as a baseline. */
bool check_write_baseline(const char *path, const Program *prog, const DiagList *dl);
/* Drops from dl the findings the baseline at path holds (counted in
 * *known). False, with the error printed, when it cannot be read. */
bool check_apply_baseline(const char *path, const Program *prog, DiagList *dl, size_t *known);
/* Keeps in dl only findings on lines changed since rev (git diff) or in
 * untracked files; *old counts the others. */
bool check_new_from_rev(const char *rev, DiagList *dl, size_t *old);

#endif
