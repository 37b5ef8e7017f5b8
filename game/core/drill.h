/* The left/right judgement drill as a state machine driven by the caller's
 * clock. It never reads a clock: every call that depends on time is given
 * `now` (or the stamp of an event) in nanoseconds of one monotonic clock.
 *
 * A trial runs FIXATION (inter-trial screen, randomised length) -> SHOW (the
 * caller draws the picture, presents it and reports the onset stamp) ->
 * RESPONSE (until an answer or the time limit) -> FEEDBACK (if enabled) ->
 * the next trial's FIXATION, and after the last trial DONE.
 *
 * An answer sooner after the onset than too_fast_ns cannot be a judgement
 * of the picture (an anticipation or a stray tap): it ends the trial as too
 * fast, and FEEDBACK follows whether feedback is enabled or not, so the
 * patient is asked to wait for the picture. That picture is not shown again:
 * the deck's order and balance stay as built. */
#ifndef GMI_DRILL_H
#define GMI_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "norms.h"
#include "trial.h"

#define DRILL_NO_DEADLINE INT64_MAX

typedef enum DrillPhase {
    DRILL_FIXATION, /* inter-trial screen until drill_deadline() */
    DRILL_SHOW,     /* picture due: draw, present, then call drill_onset() */
    DRILL_RESPONSE, /* picture up, waiting for an answer */
    DRILL_FEEDBACK, /* showing how the last trial went until drill_deadline() */
    DRILL_PAUSED,   /* on a break; the interrupted trial is shown again on resume */
    DRILL_DONE      /* finished, or stopped */
} DrillPhase;

typedef struct DrillConfig {
    int64_t time_limit_ns;   /* 0: untimed */
    bool feedback;           /* show feedback after each answer */
    int64_t fixation_min_ns; /* inter-trial screen, uniformly random in [min, max] */
    int64_t fixation_max_ns;
    int64_t feedback_correct_ns;  /* how long a right answer's mark stays */
    int64_t feedback_wrong_ns;    /* how long the correct answer is shown after a wrong one */
    int64_t too_fast_ns;          /* answers sooner after the onset are not judgements */
    int64_t feedback_too_fast_ns; /* how long "too quick" stays */
    int64_t frame_ns;             /* the display's frame period */
} DrillConfig;

/* The trainer's settings a patient or therapist chooses for a drill. */
typedef struct DrillSettings {
    LimbSet limbs;
    int count;
    int time_limit_ms; /* 0: untimed */
    int level;
    bool feedback;
} DrillSettings;

#define DRILL_MAX_TIME_LIMIT_MS 60000

/* The defaults: both limbs, 20 pictures, 5 s, level 1, feedback on. */
DrillSettings drill_settings_default(void);

/* The timing of the inter-trial screen and feedback (500 +/- 200 ms; 0.6 s
 * for a right answer, 1.8 s to show the correct answer or to ask the
 * patient to wait for the picture), a 60 Hz frame period, the time limit
 * and feedback choice taken from settings, and the floor of a judgement
 * taken from norms (too_fast_ms). Both are borrowed for the call. */
DrillConfig drill_config_from(const DrillSettings *settings, const Norms *norms);

typedef struct Drill Drill;

/* Creates a drill over a copy of deck[0..n) (n >= 1). seed drives the
 * inter-trial durations. Returns NULL when out of memory. */
Drill *drill_create(const Stimulus *deck, size_t n, const DrillConfig *config, uint64_t seed);

/* Frees the drill; NULL is allowed. */
void drill_destroy(Drill *d);

/* Starts the first trial's inter-trial screen at now. */
void drill_start(Drill *d, int64_t now);

DrillPhase drill_phase(const Drill *d);

/* When the current phase ends by itself (DRILL_NO_DEADLINE if it does not).
 * In SHOW it is the time the picture became due. */
int64_t drill_deadline(const Drill *d);

/* Moves on from phases whose deadline is at or before now. An unanswered
 * picture whose time limit has passed is recorded with no response. */
void drill_advance(Drill *d, int64_t now);

/* Reports that the picture is on screen from onset_ns (stamped right after
 * its present); previous_present_ns is the stamp after the present just
 * before it (the inter-trial screen shown once more). An interval over 1.5
 * frame periods marks the trial's onset as late. Only valid in SHOW;
 * ignored otherwise. */
void drill_onset(Drill *d, int64_t onset_ns, int64_t previous_present_ns);

/* Offers an answer stamped at t. It counts only in RESPONSE, when t is not
 * before the onset and, if timed, before the time limit ran out; it then
 * ends the trial, as too fast when t is less than too_fast_ns after the
 * onset. Returns whether it counted. */
bool drill_answer(Drill *d, Response response, InputDevice input, int64_t t);

/* Pauses the drill. A picture on screen is withdrawn and shown again later. */
void drill_pause(Drill *d);

/* Resumes a paused drill with a fresh inter-trial screen at now. */
void drill_resume(Drill *d, int64_t now);

/* Ends the drill now, keeping the trials finished so far. */
void drill_stop(Drill *d);

/* True when the drill ended before its last trial was finished. */
bool drill_stopped_early(const Drill *d);

/* The stimulus of the trial in progress (or the next one during FIXATION),
 * NULL when DONE. */
const Stimulus *drill_current(const Drill *d);

/* Number of trials planned, and the 0-based index of the trial in progress. */
size_t drill_count(const Drill *d);
size_t drill_position(const Drill *d);

/* The finished trials in order; *n receives how many. The array lives until
 * the next call that changes the drill. */
const TrialResult *drill_results(const Drill *d, size_t *n);

#endif
