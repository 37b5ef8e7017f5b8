/* Touch practice (tactile desensitization): the painful area touched with
 * one texture after another from a ladder that goes from soft to rough,
 * each for a few minutes, with the discomfort rated after each step; and
 * the rule that moves the patient up or down the ladder.
 *
 * The ladder is data/touch-ladder.csv (first line exactly this header, no
 * quotes, no commas in fields):
 *   step,id,limb,texture,how,minutes,icon
 *   1,cotton-wool-touch,both,cotton wool,touch,1,cotton-wool.png
 * step is 1..TOUCH_STEPS_MAX; id is [a-z0-9-] and does not repeat; limb is
 * both, hand or foot; texture is non-empty text; how is touch, stroke,
 * press, immerse or wear; minutes is TOUCH_MINUTES_MIN..TOUCH_MINUTES_MAX;
 * icon is the file name of the texture's picture in assets/touch/: [a-z0-9-]
 * then ".png", no folder (rows may share one). The parser checks only the
 * name; the trainer reads the file when a session starts. Each limb has
 * every step from 1 to the last exactly once (a "both" row counts for hand
 * and foot).
 *
 * A session is a state machine driven by the caller's clock, like imagery:
 * it never reads a clock, and every call that depends on time is given
 * `now` in nanoseconds of one monotonic clock. Each step runs STEP (the
 * countdown) -> RATE (discomfort 0-10, or skipped) -> the next step's
 * STEP ... -> DONE. Pause freezes the countdown. */
#ifndef GMI_TOUCH_H
#define GMI_TOUCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trial.h"

#define TOUCH_NO_DEADLINE INT64_MAX
#define TOUCH_STEPS_MAX 30
#define TOUCH_MINUTES_MIN 1
#define TOUCH_MINUTES_MAX 30
#define TOUCH_ID_MAX 32
#define TOUCH_TEXTURE_MAX 64
#define TOUCH_ICON_MAX 40
/* Enough for the longest instruction touch_instruction() writes. */
#define TOUCH_INSTRUCTION_MAX 200

/* The numbers of the progression rule (see README.md, "Touch practice"),
 * read from data/norms.csv (see norms.h): up one step after up_sessions
 * finished sessions in a row at the step with discomfort at most
 * up_discomfort; down one after a flare: stopped because it hurt, or
 * discomfort flare_discomfort or more. */
typedef struct TouchRule {
    int up_sessions;      /* 1..TOUCH_UP_SESSIONS_MAX */
    int up_discomfort;    /* 0..10 */
    int flare_discomfort; /* up_discomfort + 1..10 */
} TouchRule;

#define TOUCH_UP_SESSIONS_MAX 10

/* How many of the latest sessions the rule is given: enough for a run of
 * TOUCH_UP_SESSIONS_MAX with as many unrated ones between them. */
#define TOUCH_HISTORY (2 * TOUCH_UP_SESSIONS_MAX)

/* Enough for the longest text touch_progress_words() writes. */
#define TOUCH_WORDS_MAX 160

typedef enum TouchHow {
    TOUCH_LIGHT,
    TOUCH_STROKE,
    TOUCH_PRESS,
    TOUCH_IMMERSE,
    TOUCH_WEAR
} TouchHow;

/* Lower-case names as in the ladder and stored ("touch", "stroke", ...). */
const char *touch_how_name(TouchHow how);

/* One rung of the ladder, for one limb. */
typedef struct TouchRung {
    int step; /* 1-based */
    char id[TOUCH_ID_MAX];
    char texture[TOUCH_TEXTURE_MAX];
    TouchHow how;
    int minutes;
    char icon[TOUCH_ICON_MAX]; /* the picture's file name in assets/touch/ */
} TouchRung;

typedef struct TouchLadder TouchLadder;

/* Parses text[0..len). name is used in messages only ("data/touch-ladder.csv").
 * Returns a new ladder the caller destroys, or NULL with a message
 * "name:line: what is wrong" in err. */
TouchLadder *touch_ladder_parse(const char *text, size_t len, const char *name, char *err,
                                size_t errlen);

/* Frees the ladder; NULL is allowed. */
void touch_ladder_destroy(TouchLadder *ladder);

/* How many steps the ladder has (the same for both limbs). */
int touch_ladder_steps(const TouchLadder *ladder);

/* The rung of step (1..touch_ladder_steps) for limb, or NULL when there is
 * no such step. The pointer lives as long as ladder. */
const TouchRung *touch_ladder_rung(const TouchLadder *ladder, Limb limb, int step);

/* Writes the patient's instruction for rung on the limb of side into
 * buf[0..cap), e.g. "Stroke your left foot and lower leg gently with the
 * soft brush, from your toes up to your knee." Truncated (still
 * NUL-terminated) when cap is too small. */
void touch_instruction(const TouchRung *rung, Limb limb, Side side, char *buf, size_t cap);

/* One step of a session: the rung and how long. */
typedef struct TouchStep {
    TouchRung rung;
    int64_t duration_ns;
} TouchStep;

/* The steps of a session at step (clamped to the ladder) for limb: a
 * one-minute warm-up with the rung below when there is one, then the rung
 * itself for minutes (0: the rung's own minutes). Writes at most 2 steps
 * into out and returns how many (0 only for an empty ladder). */
size_t touch_plan(const TouchLadder *ladder, Limb limb, int step, int minutes, TouchStep out[2]);

typedef enum TouchPhase {
    TOUCH_PHASE_STEP,   /* touching, with the countdown */
    TOUCH_PHASE_RATE,   /* the step's time is up: discomfort 0-10 is asked */
    TOUCH_PHASE_PAUSED, /* on a break; the countdown is frozen */
    TOUCH_PHASE_DONE    /* finished, or stopped */
} TouchPhase;

/* One step done. held_ns is the time spent touching, paused time
 * excluded; completed is false for a step cut short by Stop; discomfort is
 * 0-10, or -1 when skipped or not asked. */
typedef struct TouchRecord {
    TouchStep step;
    int64_t held_ns;
    bool completed;
    int discomfort;
} TouchRecord;

typedef struct Touch Touch;

/* Creates a session of steps[0..n) (copied), 1 <= n <= 2 * TOUCH_STEPS_MAX,
 * each with a duration above 0. Returns NULL with a message in err when
 * they are not, or memory runs out. The session starts with touch_start(). */
Touch *touch_create(const TouchStep *steps, size_t n, char *err, size_t errlen);

/* Frees the session; NULL is allowed. */
void touch_destroy(Touch *t);

/* Starts the first step's countdown at now. */
void touch_start(Touch *t, int64_t now);

TouchPhase touch_phase(const Touch *t);

/* While PAUSED: the phase it returns to on resume; else touch_phase(). */
TouchPhase touch_paused_phase(const Touch *t);

/* The end of the running countdown; TOUCH_NO_DEADLINE in any other phase. */
int64_t touch_deadline(const Touch *t);

/* Ends the running step at its deadline when now has reached it (the step
 * is complete; its discomfort is then asked). */
void touch_advance(Touch *t, int64_t now);

/* The patient's discomfort after the step just ended, 0-10, or -1 to skip:
 * records it and starts the next step at now, or ends the session after
 * the last. Ignored unless in RATE (or a value outside -1..10). */
void touch_rate(Touch *t, int discomfort, int64_t now);

/* Pauses a STEP or RATE at now; ignored otherwise. */
void touch_pause(Touch *t, int64_t now);

/* Resumes a paused session at now with the time its step had left.
 * Ignored unless PAUSED. */
void touch_resume(Touch *t, int64_t now);

/* Ends the session at now. A step being touched is recorded as not
 * completed, held for the time it ran; a step whose discomfort was being
 * asked keeps it unrated. */
void touch_stop(Touch *t, int64_t now);

/* Whether the session was stopped before its last step was rated. */
bool touch_stopped_early(const Touch *t);

/* The countdown: the running step's time left at now (frozen while
 * paused, 0 in RATE and DONE); and its whole length. */
int64_t touch_remaining_ns(const Touch *t, int64_t now);
int64_t touch_step_ns(const Touch *t);

/* The step being touched, rated or paused on (0-based), and how many. */
size_t touch_position(const Touch *t);
size_t touch_count(const Touch *t);

/* The step being touched, rated or paused on; NULL when DONE. */
const TouchStep *touch_current(const Touch *t);

/* The steps ended so far (rated, skipped or cut short by Stop), in order;
 * *n receives how many. The array lives as long as t. */
const TouchRecord *touch_records(const Touch *t, size_t *n);

/* One past session, as the progression rule reads it. */
typedef struct TouchOutcome {
    int step;       /* the prescribed step it practised */
    bool finished;  /* every step was done (not stopped early) */
    bool hurt;      /* stopped with "Stop, it hurts" */
    int discomfort; /* the highest rated, or -1 when none was rated */
} TouchOutcome;

/* The step for the next session after the sessions recent[0..n) (oldest
 * first, the last one just ended; all of the area the step is prescribed
 * for) at step, on a ladder of steps steps, by rule: one down (not below
 * 1) when the last was a flare; one up (not above steps) when the last
 * rule->up_sessions finished, rated sessions at step had discomfort at
 * most rule->up_discomfort with none between them above it or at another
 * step (unrated or unfinished ones count neither way); else step. */
int touch_progress(const TouchOutcome *recent, size_t n, int step, int steps,
                   const TouchRule *rule);

/* Where rule stands for the next session at step (1..steps) after the
 * sessions recent[0..n) (oldest first), in plain words for the therapist,
 * into out (cap bytes; TOUCH_WORDS_MAX is enough): "No touch practice yet:
 * step 1 of 12 is next.", "The last session was a flare (stopped because
 * it hurt): step 3 of 12 is next." (or "(discomfort 8 of 10)"), "Step 12
 * of 12, the top of the ladder.", or "Step 5 of 12: 2 of the 3 sessions in
 * a row with discomfort 3 or less (of 10) that move it up." The count is
 * the one touch_progress reads. */
void touch_progress_words(const TouchOutcome *recent, size_t n, int step, int steps,
                          const TouchRule *rule, char *out, size_t cap);

#endif
