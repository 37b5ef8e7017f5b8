/* The words of the patient's results screen after a left/right drill: a
 * heading and a few short lines, chosen from this session's numbers, the
 * last comparable session's and the targets. Kind and plain: the count of
 * right answers, a comparison with last time, and praise only when it is
 * earned (the targets met, or better than last time by more than the
 * smallest real change). Sources and timing details are for the therapist
 * and never appear here. */
#ifndef GMI_RESULTS_H
#define GMI_RESULTS_H

#include <stdbool.h>

#include "norms.h"
#include "stats.h"

#define RESULTS_LINES_MAX 3
#define RESULTS_TEXT_MAX 96
#define RESULTS_MIN_JUDGED 10 /* fewer judged pictures say too little to praise or compare */

typedef struct ResultsInput {
    const Summary *now;    /* this session, all pictures (STATS_ALL) */
    const Summary *before; /* the last comparable session (STATS_ALL), or NULL when none */
    bool stopped_early;    /* the session ended before its last picture */
    const Norms *norms;
    LimbSet parts; /* the body parts the session showed (at least one): their time aim */
} ResultsInput;

typedef struct ResultsWords {
    char heading[RESULTS_TEXT_MAX];
    char lines[RESULTS_LINES_MAX][RESULTS_TEXT_MAX];
    int nlines;
    bool praise; /* the heading praises ("Well done") */
} ResultsWords;

/* Chooses the words for in into *out; in and everything it points to are
 * borrowed for the call. The heading is "Well done" when praise is earned
 * by a session that ran to its end, otherwise "Session complete" or
 * "Session ended early". The lines, in order: the count ("17 of 20 right",
 * with "your answers are kept" after an early end); the aim met, or the
 * comparison with last time ("Up from 9 of 20 last time."), when both
 * sessions have at least RESULTS_MIN_JUDGED judged pictures; and how many
 * answers were too quick to count, if any. */
void results_words(const ResultsInput *in, ResultsWords *out);

#endif
