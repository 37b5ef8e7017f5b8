/* Mirror therapy (stage 3 of graded motor imagery) as a display mode: the
 * screen shows a healthy limb where the affected one should be (the
 * unaffected limb mirrored), performing guided movement loops, while the
 * patient keeps the affected limb hidden and tries the same movement.
 *
 * A session is a state machine driven by the caller's clock, like the drill:
 * it never reads a clock, and every call that depends on time is given `now`
 * in nanoseconds of one monotonic clock. It runs the phases therapists use:
 *   WATCH     the still limb (frame 0 of the first exercise):
 *             a tenth of the session, at least 20 s;
 *   SLOW      the first exercise at slow pace: a fifth of the session;
 *   EXERCISES every exercise of the limb, in catalogue order, at the chosen
 *             pace, the remaining time shared equally between them;
 *   DONE      the session time is up, or the patient stopped.
 * Session time counts only while running: a pause stops the session timer,
 * the animation and the beats, and resume carries on where it stopped.
 * "Next" cuts the current part short and starts the next one at once; the
 * session keeps its length, the parts still to come sharing the time saved.
 *
 * The limb is shown as the affected side: the exercise frames show a right
 * limb, drawn mirrored (like a left picture in the drill) when the affected
 * side is left. */
#ifndef GMI_MIRROR_H
#define GMI_MIRROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exercises.h"
#include "trial.h"

#define MIRROR_MINUTES_MIN 1
#define MIRROR_MINUTES_MAX 30

/* How fast each movement cycle plays: slow at twice the exercise's
 * cycle_ms, medium at 1.5 times, normal at cycle_ms. */
typedef enum MirrorPace { MIRROR_PACE_SLOW, MIRROR_PACE_MEDIUM, MIRROR_PACE_NORMAL } MirrorPace;

typedef enum MirrorPhase {
    MIRROR_WATCH,
    MIRROR_SLOW,
    MIRROR_EXERCISES,
    MIRROR_PAUSED, /* on a break: timer, animation and beats frozen */
    MIRROR_DONE
} MirrorPhase;

/* The choices a patient or therapist makes for a session. */
typedef struct MirrorSettings {
    Limb limb;
    Side side;   /* the affected side: the limb is shown as this side */
    int minutes; /* session length, MIRROR_MINUTES_MIN..MIRROR_MINUTES_MAX */
    MirrorPace pace;
    bool tick; /* a soft tick on each beat; the caller plays it */
} MirrorSettings;

/* Where the animation is: draw frame `frame`, cross-faded toward frame
 * `next` by `blend` (0 shows `frame` alone; next follows the last frame with
 * frame 0, since the movement loops). */
typedef struct MirrorFrame {
    int frame;
    int next;
    double blend; /* 0 <= blend < 1 */
} MirrorFrame;

/* One part of the session as shown: the exercise (in WATCH the still
 * exercise), the phase it was shown in, when it began in session time
 * (milliseconds of running time since the start, pauses excluded) and how
 * long it ran. Each part's start and end are rounded down to the
 * millisecond before subtracting, so the durations of the log add up
 * exactly to the session time spent, in whole milliseconds. */
typedef struct MirrorLogEntry {
    char exercise[EXERCISE_ID_MAX];
    MirrorPhase phase; /* WATCH, SLOW or EXERCISES */
    int64_t start_ms;
    int64_t duration_ms;
} MirrorLogEntry;

/* The defaults: left hand, 5 minutes, medium pace, no tick. */
MirrorSettings mirror_settings_default(void);

/* Returns 0 when every field of s is in range, or -1 with a message naming
 * the first field that is not. */
int mirror_settings_check(const MirrorSettings *s, char *err, size_t errlen);

/* Lower-case names as stored ("slow", "medium", "normal"; "watch", "slow",
 * "exercises", "paused", "done"). */
const char *mirror_pace_name(MirrorPace pace);
const char *mirror_phase_name(MirrorPhase phase);

/* The length of one movement cycle of e at pace, in nanoseconds. */
int64_t mirror_cycle_ns(const Exercise *e, MirrorPace pace);

typedef struct Mirror Mirror;

/* Creates a session over copies of the exercises of settings->limb in ex
 * (ex may be destroyed afterwards). Returns NULL with a message in err when
 * the settings are out of range or memory runs out (every limb has an
 * exercise, since exercises_parse() insists on it). The session starts with
 * mirror_start(). */
Mirror *mirror_create(const Exercises *ex, const MirrorSettings *settings, char *err,
                      size_t errlen);

/* Frees the session; NULL is allowed. */
void mirror_destroy(Mirror *m);

/* Starts WATCH at now. */
void mirror_start(Mirror *m, int64_t now);

MirrorPhase mirror_phase(const Mirror *m);

/* While PAUSED: the phase the session was in when paused, which it returns
 * to on resume. Otherwise the same as mirror_phase(). */
MirrorPhase mirror_paused_phase(const Mirror *m);

/* Moves on through every part whose end is at or before now; each change
 * happens at that end itself, so a late call loses no time. Call it once a
 * frame, before the queries below. mirror_next, mirror_pause and mirror_stop
 * call it themselves first, so they act on the part really on screen. */
void mirror_advance(Mirror *m, int64_t now);

/* Ends the current part at now and starts the next one (WATCH -> SLOW ->
 * first exercise -> next exercise). Returns false, doing nothing, in the
 * last exercise (the session then ends with its timer or Stop), while
 * PAUSED and when DONE. */
bool mirror_next(Mirror *m, int64_t now);

/* Pauses the session at now; ignored when PAUSED or DONE. */
void mirror_pause(Mirror *m, int64_t now);

/* Resumes a paused session at now where it stopped; ignored unless PAUSED. */
void mirror_resume(Mirror *m, int64_t now);

/* Ends the session at now, logging the part on screen for the time it ran.
 * Ignored when DONE. */
void mirror_stop(Mirror *m, int64_t now);

/* True when the session was stopped before its time was up. */
bool mirror_stopped_early(const Mirror *m);

/* Session time spent at now (running time since the start, pauses
 * excluded), and what the session timer shows: the time left, 0 when DONE.
 * Round the time left up to whole seconds for display. */
int64_t mirror_elapsed_ns(const Mirror *m, int64_t now);
int64_t mirror_remaining_ns(const Mirror *m, int64_t now);

/* The exercise on screen (in WATCH and SLOW the first one), or NULL when
 * DONE. The pointer lives as long as m. */
const Exercise *mirror_exercise(const Mirror *m);

/* The 0-based position of that exercise among the limb's exercises, and how
 * many the limb has (for "exercise 2 of 5"). */
size_t mirror_exercise_position(const Mirror *m);
size_t mirror_exercise_count(const Mirror *m);

/* The animation at now, from the session time spent in the current part and
 * its pace (slow in SLOW, the chosen pace in EXERCISES): frame 0 with no
 * blend in WATCH and DONE. */
MirrorFrame mirror_frame(const Mirror *m, int64_t now);

/* Polled once a frame: true when, since the last poll, a movement cycle
 * has started (the first one starts with SLOW and with each exercise) or
 * reached its half. Several such moments between two polls give one true;
 * never true in WATCH, while PAUSED or when DONE. */
bool mirror_beat(Mirror *m, int64_t now);

/* The phases the session has reached so far: bit (1u << phase) set for
 * each of MIRROR_WATCH, MIRROR_SLOW and MIRROR_EXERCISES entered. */
unsigned mirror_phases_reached(const Mirror *m);

/* The parts finished so far, in order (the part on screen joins when it
 * ends; all are there once DONE); *n receives how many. The array lives as
 * long as m and is not changed after DONE. */
const MirrorLogEntry *mirror_log(const Mirror *m, size_t *n);

#endif
