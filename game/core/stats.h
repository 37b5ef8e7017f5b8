/* Summaries of left/right judgement trials: accuracy and median response
 * time, overall or for one side or limb. */
#ifndef GMI_STATS_H
#define GMI_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "trial.h"

/* What statistics need of one trial. rt_ms < 0 means no response. A trial
 * answered too fast to be a judgement is not judged: it counts neither as
 * right nor as wrong and its time is left out. */
typedef struct TrialOutcome {
    Side side;
    Limb limb;
    bool correct;
    double rt_ms;
    bool too_fast;
} TrialOutcome;

typedef enum StatsGroup {
    STATS_ALL,
    STATS_LEFT,  /* left pictures */
    STATS_RIGHT, /* right pictures */
    STATS_PART,  /* STATS_PART + limb: the pictures of one body part */
    STATS_GROUPS = STATS_PART + LIMB_COUNT
} StatsGroup;

typedef struct Summary {
    int trials;          /* pictures judged in the group: shown, less those answered too fast */
    int correct;         /* right answers */
    double accuracy_pct; /* correct / trials * 100; unanswered pictures count as wrong */
    double median_rt_ms; /* median over right answers; negative when there are none */
    int too_fast;        /* pictures answered too fast to be judged (not in trials) */
} Summary;

/* Summarises the trials of t[0..n) that fall in group into *out. Returns 0,
 * or -1 when out of memory (then *out is not set). */
int stats_summarise(const TrialOutcome *t, size_t n, StatsGroup group, Summary *out);

/* Returns the median of v[0..n), reordering v; negative when n == 0. */
double stats_median(double *v, size_t n);

#endif
