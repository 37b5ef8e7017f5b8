/* The vocabulary shared by decks, drills, statistics and storage: limbs,
 * sides, responses, input devices, and one trial's stimulus and outcome. */
#ifndef GMI_TRIAL_H
#define GMI_TRIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The body part a picture shows (stored and exported as "limb"). Imagined
 * movements, mirror therapy and touch practice are for hands and feet;
 * left/right judgement is for every part. For a neck or a back the side is
 * the way it turns or bends, from the person's own point of view. */
typedef enum Limb {
    LIMB_HAND,
    LIMB_FOOT,
    LIMB_KNEE,
    LIMB_SHOULDER,
    LIMB_NECK,
    LIMB_BACK,
    LIMB_COUNT
} Limb;

/* Which body parts a drill shows: a set of bits, 1 << limb for each part
 * (so hands and feet, the first sets, keep their stored numbers). */
typedef enum LimbSet {
    LIMBS_HANDS = 1 << LIMB_HAND,
    LIMBS_FEET = 1 << LIMB_FOOT,
    LIMBS_BOTH = LIMBS_HANDS | LIMBS_FEET,
    LIMBS_ALL = (1 << LIMB_COUNT) - 1
} LimbSet;

/* The longest name limb_set_name writes, its NUL included. */
#define LIMB_SET_NAME_MAX 40

typedef enum Side { SIDE_LEFT, SIDE_RIGHT } Side;

typedef enum Response { RESPONSE_NONE, RESPONSE_LEFT, RESPONSE_RIGHT } Response;

typedef enum InputDevice { INPUT_TOUCH, INPUT_MOUSE, INPUT_KEY, INPUT_OTHER } InputDevice;

/* The kinds of practice session: the three stages of graded motor imagery
 * (left/right judgement drills, imagined movements, mirror therapy) and
 * touch practice (tactile desensitization). */
typedef enum PracticeMode { MODE_DRILL, MODE_IMAGERY, MODE_MIRROR, MODE_TOUCH } PracticeMode;

/* What one trial shows: a catalogue picture, the side it stands for (left
 * pictures are the right-limb picture mirrored) and its rotation. */
typedef struct Stimulus {
    uint32_t picture; /* index into the catalogue */
    Side side;
    int rotation_deg; /* 0..315 in steps of 45, clockwise */
} Stimulus;

/* One finished trial. Stamps are nanoseconds of the one monotonic clock the
 * drill was given; response_ns is meaningful only when response is not
 * RESPONSE_NONE. */
typedef struct TrialResult {
    Stimulus stimulus;
    Response response;
    InputDevice input;
    int64_t onset_ns;
    int64_t response_ns;
    int64_t onset_interval_ns; /* from the present before the picture's to the picture's */
    bool late_onset;           /* that interval exceeded 1.5 frame periods */
    bool too_fast;             /* answered sooner after the onset than a judgement can be
                                  made: not judged, neither right nor wrong */
    bool correct;              /* the answer named the picture's side */
} TrialResult;

/* Lower-case names as stored and exported ("hand", "left", "none", "touch"). */
const char *limb_name(Limb limb);
const char *side_name(Side side);
const char *response_name(Response response);
const char *input_name(InputDevice input);
const char *mode_name(PracticeMode mode); /* "drill", "imagery", "mirror", "touch" */

/* The bit of limb in a LimbSet. */
LimbSet limb_bit(Limb limb);

/* How many body parts set holds. */
int limb_set_count(LimbSet set);

/* Writes set's stored name into out and returns out: "hands", "feet" and
 * "both" (hands and feet) as ever, otherwise the parts' names joined by
 * '+' in the order of Limb ("knee", "hand+neck"); "" for no part. */
const char *limb_set_name(LimbSet set, char out[LIMB_SET_NAME_MAX]);

/* Writes set in words for people into buf: "Hands", "Hands and feet",
 * "Knees, neck and back" ("No body part" for none). */
void limb_set_words(LimbSet set, char *buf, size_t cap);

/* Parse limb and limb-set names (a limb-set name as limb_set_name writes
 * it, or the parts' names joined by '+' in any order, each once); return
 * 0, or -1 when name is not one of them. */
int limb_parse(const char *name, Limb *out);
int limb_set_parse(const char *name, LimbSet *out);
int mode_parse(const char *name, PracticeMode *out);

/* The drill's question while a picture of limb is shown: "Left or right?",
 * or for a neck or a back which way it turns or bends, from the person's
 * own point of view. */
const char *limb_question(Limb limb);

/* Writes what a picture of limb on side showed, as a sentence for the
 * feedback after a wrong answer, into buf: "That was a left hand", "That
 * was the right shoulder", "The head turned or tilted to their left". */
void limb_verdict(Limb limb, Side side, char *buf, size_t cap);

/* The response that names side. */
Response response_for_side(Side side);

#endif
