/* Statistics against values worked out by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rng.h"
#include "stats.h"

static int near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

static void test_median(void)
{
    double odd[] = {3.0, 1.0, 2.0};
    CHECK(near(stats_median(odd, 3), 2.0));
    double even[] = {4.0, 1.0, 3.0, 2.0};
    CHECK(near(stats_median(even, 4), 2.5));
    double one[] = {7.5};
    CHECK(near(stats_median(one, 1), 7.5));
    CHECK(stats_median(NULL, 0) < 0);
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median against sorting, over many generated lists: long and short,
 * odd and even, few distinct values (many ties), already sorted either
 * way, and all equal. */
static void test_median_generated(void)
{
    enum { MAX = 300 };
    double v[MAX], sorted[MAX];
    Rng rng;
    rng_seed(&rng, 20261130);
    int wrong = 0;
    for (int round = 0; round < 20000; round++) {
        size_t n = 1 + rng_below(&rng, round % 2 ? MAX : 12);
        uint32_t distinct = 1 + rng_below(&rng, round % 3 ? 1000 : 4);
        for (size_t i = 0; i < n; i++)
            v[i] = 300.0 + rng_below(&rng, distinct);
        memcpy(sorted, v, n * sizeof *v);
        qsort(sorted, n, sizeof *sorted, compare);
        if (round % 7 == 0)
            memcpy(v, sorted, n * sizeof *v);
        if (round % 11 == 0)
            for (size_t i = 0; i < n; i++)
                v[i] = sorted[n - 1 - i];
        double want = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        wrong += !near(stats_median(v, n), want);
    }
    CHECK_MSG(wrong == 0, "%d of 20000 medians differ from sorting", wrong);
}

static void test_groups(void)
{
    /* side, limb, correct, rt_ms (-1: no answer), too fast */
    const TrialOutcome t[] = {
        {SIDE_LEFT, LIMB_HAND, true, 1000.0, false},
        {SIDE_LEFT, LIMB_HAND, false, 1500.0, false},
        {SIDE_RIGHT, LIMB_HAND, true, 2000.0, false},
        {SIDE_RIGHT, LIMB_FOOT, true, 3000.0, false},
        {SIDE_RIGHT, LIMB_FOOT, false, -1.0, false},
        {SIDE_LEFT, LIMB_FOOT, true, 500.0, false},
        /* Answers too fast to be judgements: neither right nor wrong, no time. */
        {SIDE_LEFT, LIMB_HAND, true, 94.0, true},
        {SIDE_RIGHT, LIMB_FOOT, false, 120.0, true},
        {SIDE_RIGHT, LIMB_FOOT, true, 0.0, true},
    };
    const struct {
        StatsGroup group;
        int trials, correct;
        double accuracy, median;
        int too_fast;
    } want[] = {
        /* all: 4 of 6 judged right; right-answer times 500, 1000, 2000, 3000 */
        {STATS_ALL, 6, 4, 400.0 / 6.0, 1500.0, 3},   {STATS_LEFT, 3, 2, 200.0 / 3.0, 750.0, 1},
        {STATS_RIGHT, 3, 2, 200.0 / 3.0, 2500.0, 2}, {STATS_PART + LIMB_HAND, 3, 2, 200.0 / 3.0, 1500.0, 1},
        {STATS_PART + LIMB_FOOT, 3, 2, 200.0 / 3.0, 1750.0, 2},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        Summary s;
        CHECK(stats_summarise(t, sizeof t / sizeof t[0], want[i].group, &s) == 0);
        CHECK_MSG(s.trials == want[i].trials && s.correct == want[i].correct, "group %zu", i);
        CHECK_MSG(s.too_fast == want[i].too_fast, "group %zu: %d too fast", i, s.too_fast);
        CHECK_MSG(near(s.accuracy_pct, want[i].accuracy), "group %zu: %f", i, s.accuracy_pct);
        CHECK_MSG(near(s.median_rt_ms, want[i].median), "group %zu: %f", i, s.median_rt_ms);
    }
}

static void test_edges(void)
{
    Summary s;
    CHECK(stats_summarise(NULL, 0, STATS_ALL, &s) == 0);
    CHECK(s.trials == 0 && s.correct == 0 && s.accuracy_pct == 0.0 && s.median_rt_ms < 0);
    /* Nothing answered: 0 % and no time. */
    const TrialOutcome none[] = {{SIDE_LEFT, LIMB_HAND, false, -1.0, false},
                                 {SIDE_RIGHT, LIMB_HAND, false, -1.0, false}};
    CHECK(stats_summarise(none, 2, STATS_ALL, &s) == 0);
    CHECK(s.trials == 2 && s.correct == 0 && s.accuracy_pct == 0.0 && s.median_rt_ms < 0);
    CHECK(stats_summarise(none, 2, STATS_PART + LIMB_FOOT, &s) == 0);
    CHECK(s.trials == 0);
    /* Only answers too fast: nothing judged, no accuracy, no time. */
    const TrialOutcome quick[] = {{SIDE_LEFT, LIMB_HAND, true, 80.0, true}};
    CHECK(stats_summarise(quick, 1, STATS_ALL, &s) == 0);
    CHECK(s.trials == 0 && s.too_fast == 1 && s.correct == 0 && s.accuracy_pct == 0.0 &&
          s.median_rt_ms < 0);
}

int main(void)
{
    test_median();
    test_median_generated();
    test_groups();
    test_edges();
    return check_exit();
}
