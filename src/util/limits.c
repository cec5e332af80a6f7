/* limits.c - the budget's values and size parsing. */
#include "limits.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <strings.h>

Limits limits = {LIMIT_MEMORY_DEFAULT, LIMIT_RESPONSE_DEFAULT};

size_t limit_inflated(size_t n)
{
    size_t rel = n > SIZE_MAX / GZ_RATIO ? SIZE_MAX : n * GZ_RATIO;
    if (rel < GZ_RATIO_FLOOR)
        rel = GZ_RATIO_FLOOR;
    return rel < limits.max_memory ? rel : limits.max_memory;
}

bool limit_parse_size(const char *s, size_t *out)
{
    if (!isdigit((unsigned char)*s))
        return false;
    uint64_t v = 0;
    for (; isdigit((unsigned char)*s); s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    unsigned shift = 0;
    switch (tolower((unsigned char)*s)) {
    case 'k': shift = 10; s++; break;
    case 'm': shift = 20; s++; break;
    case 'g': shift = 30; s++; break;
    case 't': shift = 40; s++; break;
    }
    if (shift && strcasecmp(s, "ib") == 0)
        s += 2;
    else if (strcasecmp(s, "b") == 0)
        s++;
    if (*s || v == 0 || v > (SIZE_MAX >> shift))
        return false;
    *out = (size_t)(v << shift);
    return true;
}

void limit_fmt_size(char *buf, size_t n, size_t v)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (v < 1024) {
        snprintf(buf, n, "%zu bytes", v);
        return;
    }
    double d = (double)v / 1024;
    int u = 0;
    while (u < 3 && d >= 1024) {
        d /= 1024;
        u++;
    }
    if (d == (double)(size_t)d)
        snprintf(buf, n, "%zu %s", (size_t)d, units[u]);
    else
        snprintf(buf, n, "%.1f %s", d, units[u]);
}
