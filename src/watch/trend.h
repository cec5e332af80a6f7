/* trend.h - robust trend tests for time series of snapshot values:
 * the Mann-Kendall test (with the tie correction of its variance) and the
 * Theil-Sen slope (median of pairwise slopes). Both are O(n^2): callers
 * thin long series first (trend_thin). */
#ifndef DRIP_TREND_H
#define DRIP_TREND_H

#include <stddef.h>

typedef struct {
    size_t n;        /* points used */
    long long s;     /* Mann-Kendall S: concordant minus discordant pairs */
    double var_s;    /* variance of S under no trend, tie-corrected */
    double z;        /* continuity-corrected normal score */
    double p_up;     /* one-sided p-value for an increasing trend */
    double slope;    /* Theil-Sen slope, value units per time unit */
    double intercept;/* median of y - slope * t */
} Trend;

/* t and y have n points; t must be non-decreasing. n < 2 gives a Trend
 * with p_up = 1 and slope 0. */
void trend_compute(const double *t, const double *y, size_t n, Trend *out);

/* Mann-Kendall S and tie-corrected variance only. */
void trend_mann_kendall(const double *y, size_t n, long long *s, double *var_s);

/* Theil-Sen slope over pairs with distinct t (0 when there is none). */
double trend_theil_sen(const double *t, const double *y, size_t n);

/* Copies at most max points, evenly spaced and always keeping the first
 * and the last, from (t, y) into (ot, oy); returns the count. */
size_t trend_thin(const double *t, const double *y, size_t n, double *ot, double *oy, size_t max);

#endif
