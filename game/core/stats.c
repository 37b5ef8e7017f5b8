#include "stats.h"

#include <stdlib.h>

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median(double *v, size_t n)
{
    if (n == 0)
        return -1.0;
    qsort(v, n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
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
    case STATS_HANDS:
        return t->limb == LIMB_HAND;
    case STATS_FEET:
        return t->limb == LIMB_FOOT;
    }
    return false;
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
