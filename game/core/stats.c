#include "stats.h"

#include <stdlib.h>

static void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Reorders v[0..n) so that v[k] holds the value it would hold sorted, with
 * nothing greater before it and nothing smaller after it (Hoare's
 * selection with a median-of-three pivot: linear time on average, where
 * sorting the whole of a long history's times was a third of computing
 * its progress). */
static void select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap(&v[mid], &v[lo]);
        if (v[hi] < v[lo])
            swap(&v[hi], &v[lo]);
        if (v[hi] < v[mid])
            swap(&v[hi], &v[mid]);
        double pivot = v[mid];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (pivot < v[j])
                j--;
            if (i <= j) {
                swap(&v[i], &v[j]);
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

double stats_median(double *v, size_t n)
{
    if (n == 0)
        return -1.0;
    select_kth(v, n, n / 2);
    if (n % 2)
        return v[n / 2];
    double below = v[0];
    for (size_t i = 1; i < n / 2; i++)
        below = v[i] > below ? v[i] : below;
    return (below + v[n / 2]) / 2.0;
}

static bool in_group(const TrialOutcome *t, StatsGroup group)
{
    switch (group) {
    case STATS_ALL:
        return true;
    case STATS_LEFT:
        return t->side == SIDE_LEFT;
    case STATS_RIGHT:
        return t->side == SIDE_RIGHT;
    default:
        return (int)group >= STATS_PART && (int)group < STATS_GROUPS &&
               (int)t->limb == (int)group - STATS_PART;
    }
}

int stats_summarise(const TrialOutcome *t, size_t n, StatsGroup group, Summary *out)
{
    Summary s = {.trials = 0, .correct = 0, .accuracy_pct = 0.0, .median_rt_ms = -1.0};
    double *rts = malloc((n ? n : 1) * sizeof *rts);
    if (!rts)
        return -1;
    size_t nrt = 0;
    for (size_t i = 0; i < n; i++) {
        if (!in_group(&t[i], group))
            continue;
        if (t[i].too_fast) {
            s.too_fast++;
            continue;
        }
        s.trials++;
        if (t[i].correct) {
            s.correct++;
            if (t[i].rt_ms >= 0.0)
                rts[nrt++] = t[i].rt_ms;
        }
    }
    if (s.trials > 0)
        s.accuracy_pct = 100.0 * s.correct / s.trials;
    s.median_rt_ms = stats_median(rts, nrt);
    free(rts);
    *out = s;
    return 0;
}
