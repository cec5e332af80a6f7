/* skip.c - reporting skipped paths once, grouped by reason. */
#include "skip.h"

#include <errno.h>
#include <string.h>

#include "util.h"

const char *skip_reason(int err)
{
    switch (err) {
    case ENOENT: return "vanished during the walk";
    case ELOOP: return "a symbolic link that loops";
    case EDRIP_NOTREG: return "not a regular file (a FIFO, device or socket)";
    default: return file_strerror(err);
    }
}

void skip_note(SkipLog *l, const char *path, int err, const char *what)
{
    if (!what)
        what = skip_reason(err);
    l->total++;
    for (size_t i = 0; i < l->reasons.len; i++) {
        SkipReason *r = &l->reasons.items[i];
        if (r->err == err && strcmp(r->what, what) == 0) {
            if (r->count++ < SKIP_SHOWN)
                warn_msg("skipped '%s': %s", path, what);
            return;
        }
    }
    SkipReason r = {err, what, 1};
    array_push(&l->reasons, r);
    warn_msg("skipped '%s': %s", path, what);
}

/* 11072 -> "11,072". */
static void with_commas(char *buf, size_t n, size_t v)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", v);
    size_t j = 0;
    for (int i = 0; i < len && j + 2 < n; i++) {
        if (i && (len - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = digits[i];
    }
    buf[j] = 0;
}

void skip_flush(SkipLog *l)
{
    for (size_t i = 0; i < l->reasons.len; i++) {
        const SkipReason *r = &l->reasons.items[i];
        if (r->count <= SKIP_SHOWN)
            continue;
        char num[32];
        with_commas(num, sizeof num, r->count - SKIP_SHOWN);
        warn_msg("... and %s more skipped: %s", num, r->what);
    }
    array_free(&l->reasons);
    l->total = 0;
}
