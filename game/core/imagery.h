/* Explicit motor imagery (stage 2 of graded motor imagery): a set of posture
 * pictures of the affected limb, each held on screen while the patient
 * imagines moving their own limb into the posture without moving it, with a
 * rest screen between pictures.
 *
 * The set is a state machine driven by the caller's clock, like the drill:
 * it never reads a clock, and every call that depends on time is given `now`
 * in nanoseconds of one monotonic clock. A set runs HOLD (picture 1) ->
 * REST -> HOLD (picture 2) -> ... -> HOLD (last picture) -> DONE; there is
 * no rest after the last picture, and none at all when the rest is 0.
 *
 * Pace. Timed: a hold ends when its time is up. Self-paced: the hold timer
 * still counts down to zero as a guide, but the picture stays until the
 * patient taps Next. In both paces Next ends the hold at once, and Next
 * during a rest ends the rest at once (the rest itself always ends by its
 * timer, so a self-paced patient never has to tap twice between pictures).
 *
 * Pause freezes the timers: paused time counts neither toward a hold nor
 * toward a rest, and on resume the phase carries on where it stopped. */
#ifndef GMI_IMAGERY_H
#define GMI_IMAGERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalogue.h"
#include "rng.h"
#include "trial.h"

#define IMAGERY_NO_DEADLINE INT64_MAX

#define IMAGERY_COUNT_MIN 1
#define IMAGERY_COUNT_MAX 30
#define IMAGERY_HOLD_MS_MIN 3000
#define IMAGERY_HOLD_MS_MAX 60000
#define IMAGERY_REST_MS_MAX 60000

/* Enough for the longest instruction imagery_instruction() writes. */
#define IMAGERY_INSTRUCTION_MAX 80

typedef enum ImageryPace { IMAGERY_TIMED, IMAGERY_SELF_PACED } ImageryPace;

typedef enum ImageryPhase {
    IMAGERY_HOLD,   /* a picture with its instruction and hold timer */
    IMAGERY_REST,   /* the rest screen before the next picture */
    IMAGERY_PAUSED, /* on a break; the timers are frozen */
    IMAGERY_DONE    /* finished, or stopped */
} ImageryPhase;

/* The choices a patient or therapist makes for a set. */
typedef struct ImagerySettings {
    Limb limb;
    Side side;   /* the affected side: the pictures show this side */
    int count;   /* pictures in the set, IMAGERY_COUNT_MIN..IMAGERY_COUNT_MAX */
    int hold_ms; /* IMAGERY_HOLD_MS_MIN..IMAGERY_HOLD_MS_MAX */
    int rest_ms; /* 0..IMAGERY_REST_MS_MAX; 0: no rest screen */
    ImageryPace pace;
} ImagerySettings;

/* One picture shown. held_ns is the time the picture was up, paused time
 * excluded (in timed mode exactly the hold time unless Next or Stop cut it
 * short). finished is false only for a picture ended by Stop. */
typedef struct ImageryRecord {
    Stimulus stimulus;
    int64_t shown_ns; /* clock stamp when the picture first went up */
    int64_t held_ns;
    bool finished;
} ImageryRecord;

/* The defaults: left hand, 10 pictures, 10 s hold, 5 s rest, timed. */
ImagerySettings imagery_settings_default(void);

/* Returns 0 when every field of s is in range, or -1 with a message naming
 * the first field that is not. */
int imagery_settings_check(const ImagerySettings *s, char *err, size_t errlen);

/* Lower-case names as stored ("timed", "self-paced"), and their parser
 * (returns 0, or -1 when name is neither, leaving *out alone). */
const char *imagery_pace_name(ImageryPace pace);
int imagery_pace_parse(const char *name, ImageryPace *out);

/* Writes the instruction shown with every picture into buf[0..cap), e.g.
 * "Imagine moving your left hand into this position. Don't move it."
 * Truncated (still NUL-terminated) if cap < IMAGERY_INSTRUCTION_MAX. */
void imagery_instruction(Limb limb, Side side, char *buf, size_t cap);

/* Chooses out[0..count) for a set: pictures of `limb` without an object,
 * and not excluded (excluded is per catalogue picture, true to leave it
 * out, e.g. a picture that failed to load; NULL for none). As many
 * different postures as possible, then views; no picture twice while an
 * unused one remains, and never the same picture twice in a row when there
 * is another. Every stimulus shows `side` at rotation 0 (a left one is the
 * right-limb picture mirrored). The same catalogue, arguments and rng state
 * give the same pictures. Returns 0, or -1 with a message in err when count
 * is out of range, the catalogue has no such picture, or memory runs out
 * (out is then unspecified). */
int imagery_pick(const Catalogue *cat, Limb limb, Side side, int count, const bool *excluded,
                 Rng *rng, Stimulus *out, char *err, size_t errlen);

typedef struct Imagery Imagery;

/* Creates a set of settings->count pictures over a copy of
 * pictures[0..settings->count). Returns NULL with a message in err when the
 * settings are out of range or memory runs out. The set starts with
 * imagery_start(). */
Imagery *imagery_create(const ImagerySettings *settings, const Stimulus *pictures, char *err,
                        size_t errlen);

/* Frees the set; NULL is allowed. */
void imagery_destroy(Imagery *im);

/* Puts the first picture up at now. */
void imagery_start(Imagery *im, int64_t now);

ImageryPhase imagery_phase(const Imagery *im);

/* While PAUSED: the phase the set was in when paused (HOLD or REST), which
 * it returns to on resume. Otherwise the same as imagery_phase(). */
ImageryPhase imagery_paused_phase(const Imagery *im);

/* When the current phase ends by itself: the end of a timed hold or of a
 * rest; IMAGERY_NO_DEADLINE for a self-paced hold, PAUSED and DONE. */
int64_t imagery_deadline(const Imagery *im);

/* Moves on from every phase whose deadline is at or before now; each
 * change happens at the deadline itself, so a late call loses no time. */
void imagery_advance(Imagery *im, int64_t now);

/* The patient's Next: in HOLD ends the picture (recorded as finished, held
 * for the time it was up) and goes to REST, or to the next picture when the
 * rest is 0, or to DONE after the last picture; in REST shows the next
 * picture at once. Like pause and stop, it first moves on as
 * imagery_advance(im, now) would, so a tap stamped after a missed deadline
 * acts on the phase the set was really in. Ignored in PAUSED and DONE. */
void imagery_next(Imagery *im, int64_t now);

/* Pauses a HOLD or REST at now; ignored otherwise. */
void imagery_pause(Imagery *im, int64_t now);

/* Resumes a paused set at now, in the phase it was paused in, with the
 * time it had left. Ignored unless PAUSED. */
void imagery_resume(Imagery *im, int64_t now);

/* Ends the set at now. A picture on screen (or paused on) is recorded as
 * not finished, held for the time it was up. */
void imagery_stop(Imagery *im, int64_t now);

/* True when the set was stopped before its last picture was finished. */
bool imagery_stopped_early(const Imagery *im);

/* Time spent in the current HOLD or REST at now, paused time excluded
 * (frozen while PAUSED); 0 in DONE. In a self-paced hold it keeps growing
 * past the hold time. */
int64_t imagery_elapsed_ns(const Imagery *im, int64_t now);

/* What the visible timer shows: the hold or rest time left at now, never
 * below 0 (a self-paced hold stays at 0 until Next); 0 in DONE. Round up
 * to whole seconds for display, so a 10 s hold reads 10 at its start. */
int64_t imagery_remaining_ns(const Imagery *im, int64_t now);

/* The picture on screen in HOLD, the next one during REST, the one paused
 * on or before; NULL when DONE. */
const Stimulus *imagery_current(const Imagery *im);

/* Number of pictures in the set, and the 0-based index of the picture on
 * screen (or next, during REST). */
size_t imagery_count(const Imagery *im);
size_t imagery_position(const Imagery *im);

/* The pictures shown so far, in order; *n receives how many. The array
 * lives as long as im and is not changed after DONE. */
const ImageryRecord *imagery_records(const Imagery *im, size_t *n);

#endif
