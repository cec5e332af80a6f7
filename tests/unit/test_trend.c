/* test_trend.c - Mann-Kendall and Theil-Sen against values computed by hand. */
#include <math.h>
#include <stdio.h>

#include "watch/trend.h"

static int failures;

#define EXPECT(name, cond)                                                \
    do {                                                                  \
        if (cond)                                                         \
            printf("PASS %s\n", name);                                    \
        else {                                                            \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);     \
            failures++;                                                   \
        }                                                                 \
    } while (0)

static int near(double a, double b, double eps)
{
    return fabs(a - b) <= eps;
}

int main(void)
{
    /* 1 2 3 4 5: all 10 pairs concordant; Var = 5*4*15/18 = 16.6667;
     * Z = (10-1)/sqrt(16.6667) = 2.20454; p = 1 - Phi(2.20454) = 0.013745. */
    double t1[] = {0, 1, 2, 3, 4}, y1[] = {1, 2, 3, 4, 5};
    Trend tr;
    trend_compute(t1, y1, 5, &tr);
    EXPECT("trend/mk-s-increasing", tr.s == 10);
    EXPECT("trend/mk-var-no-ties", near(tr.var_s, 300.0 / 18, 1e-9));
    EXPECT("trend/mk-z", near(tr.z, 2.204541, 1e-5));
    EXPECT("trend/mk-p", near(tr.p_up, 0.013745, 1e-5));
    EXPECT("trend/sen-slope-line", near(tr.slope, 1, 1e-12));
    EXPECT("trend/sen-intercept", near(tr.intercept, 1, 1e-12));

    /* Ties: 1 1 2 3. S = 0+1+1+1+1+1 = 5. One tie group of 2:
     * Var = (4*3*13 - 2*1*9)/18 = 138/18 = 7.6667; Z = 4/sqrt(7.6667) = 1.44463.
     * Sen slopes at t = 0 1 2 3: 0, .5, .6667, 1, 1, 1 -> median 0.83333. */
    double t2[] = {0, 1, 2, 3}, y2[] = {1, 1, 2, 3};
    trend_compute(t2, y2, 4, &tr);
    EXPECT("trend/mk-s-ties", tr.s == 5);
    EXPECT("trend/mk-var-ties", near(tr.var_s, 138.0 / 18, 1e-9));
    EXPECT("trend/mk-z-ties", near(tr.z, 1.444630, 1e-5));
    EXPECT("trend/sen-slope-ties", near(tr.slope, 5.0 / 6, 1e-9));

    /* Decreasing: 5 4 3 2 1 gives S = -10, Z = -2.20454, p_up = 0.986255. */
    double y3[] = {5, 4, 3, 2, 1};
    trend_compute(t1, y3, 5, &tr);
    EXPECT("trend/mk-s-decreasing", tr.s == -10);
    EXPECT("trend/mk-p-decreasing", near(tr.p_up, 0.986255, 1e-5));
    EXPECT("trend/sen-slope-decreasing", near(tr.slope, -1, 1e-12));

    /* Constant: S = 0, Var = (n(n-1)(2n+5) - n(n-1)(2n+5))/18 = 0, p = 0.5. */
    double y4[] = {7, 7, 7, 7, 7};
    trend_compute(t1, y4, 5, &tr);
    EXPECT("trend/constant-s", tr.s == 0 && tr.var_s == 0);
    EXPECT("trend/constant-p", near(tr.p_up, 0.5, 1e-12));
    EXPECT("trend/constant-slope", tr.slope == 0);

    /* An outlier does not move the Sen slope: 0 2 4 100 8 at t = 0..4.
     * Pairwise slopes: 2,2,33.33,2, 2,49,2, 96,2, -92 -> sorted median 2. */
    double y5[] = {0, 2, 4, 100, 8};
    trend_compute(t1, y5, 5, &tr);
    EXPECT("trend/sen-robust-outlier", near(tr.slope, 2, 1e-12));
    /* S: pairs (0,2)+ (0,4)+ (0,100)+ (0,8)+ (2,4)+ (2,100)+ (2,8)+ (4,100)+
     * (4,8)+ (100,8)- = 9 - 1 = 8. */
    EXPECT("trend/mk-s-outlier", tr.s == 8);

    /* Uneven times: slopes use the time gaps. t = 0 1 3, y = 0 1 3: all 1. */
    double t6[] = {0, 1, 3}, y6[] = {0, 1, 3};
    trend_compute(t6, y6, 3, &tr);
    EXPECT("trend/sen-uneven-times", near(tr.slope, 1, 1e-12));

    /* Too short. */
    trend_compute(t1, y1, 1, &tr);
    EXPECT("trend/single-point", tr.p_up == 1 && tr.slope == 0);

    /* Thinning keeps the ends and spaces the rest evenly. */
    double tt[10], yy[10], ot[4], oy[4];
    for (int i = 0; i < 10; i++)
        tt[i] = yy[i] = i;
    size_t m = trend_thin(tt, yy, 10, ot, oy, 4);
    EXPECT("trend/thin-count", m == 4);
    EXPECT("trend/thin-ends", ot[0] == 0 && ot[3] == 9 && oy[1] == 3 && oy[2] == 6);
    return failures ? 1 : 0;
}
