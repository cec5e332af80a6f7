/* trend.c - Mann-Kendall and Theil-Sen. */
#include "trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/util.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median_sorted(const double *v, size_t n)
{
    if (n == 0)
        return 0;
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void trend_mann_kendall(const double *y, size_t n, long long *s, double *var_s)
{
    long long S = 0;
    for (size_t i = 0; i + 1 < n; i++)
        for (size_t j = i + 1; j < n; j++)
            S += (y[j] > y[i]) - (y[j] < y[i]);
    /* Var(S) = [n(n-1)(2n+5) - sum over tie groups t(t-1)(2t+5)] / 18 */
    double *sorted = xmalloc((n ? n : 1) * sizeof *sorted);
    if (n)
        memcpy(sorted, y, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_double);
    double ties = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && sorted[j] == sorted[i])
            j++;
        double t = (double)(j - i);
        if (t > 1)
            ties += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    free(sorted);
    double dn = (double)n;
    *s = S;
    *var_s = (dn * (dn - 1) * (2 * dn + 5) - ties) / 18;
}

double trend_theil_sen(const double *t, const double *y, size_t n)
{
    size_t pairs = n * (n - (n > 0)) / 2, k = 0;
    if (pairs == 0)
        return 0;
    double *sl = xmalloc(pairs * sizeof *sl);
    for (size_t i = 0; i + 1 < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (t[j] != t[i])
                sl[k++] = (y[j] - y[i]) / (t[j] - t[i]);
    qsort(sl, k, sizeof *sl, cmp_double);
    double m = median_sorted(sl, k);
    free(sl);
    return m;
}

void trend_compute(const double *t, const double *y, size_t n, Trend *out)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    out->p_up = 1;
    if (n < 2)
        return;
    trend_mann_kendall(y, n, &out->s, &out->var_s);
    if (out->var_s > 0) {
        double sd = sqrt(out->var_s);
        if (out->s > 0)
            out->z = ((double)out->s - 1) / sd;
        else if (out->s < 0)
            out->z = ((double)out->s + 1) / sd;
    }
    out->p_up = 0.5 * erfc(out->z / sqrt(2.0));
    out->slope = trend_theil_sen(t, y, n);
    double *r = xmalloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i] = y[i] - out->slope * t[i];
    qsort(r, n, sizeof *r, cmp_double);
    out->intercept = median_sorted(r, n);
    free(r);
}

size_t trend_thin(const double *t, const double *y, size_t n, double *ot, double *oy, size_t max)
{
    if (n <= max || max < 2) {
        size_t m = n <= max ? n : max;
        memcpy(ot, t, m * sizeof *ot);
        memcpy(oy, y, m * sizeof *oy);
        return m;
    }
    for (size_t k = 0; k < max; k++) {
        size_t i = (size_t)((double)k * (double)(n - 1) / (double)(max - 1) + 0.5);
        ot[k] = t[i];
        oy[k] = y[i];
    }
    return max;
}
