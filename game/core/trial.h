/* The vocabulary shared by decks, drills, statistics and storage: limbs,
 * sides, responses, input devices, and one trial's stimulus and outcome. */
#ifndef GMI_TRIAL_H
#define GMI_TRIAL_H

#include <stdbool.h>
#include <stdint.h>

typedef enum Limb { LIMB_HAND, LIMB_FOOT } Limb;

/* Which limbs a drill shows. */
typedef enum LimbSet { LIMBS_HANDS = 1, LIMBS_FEET = 2, LIMBS_BOTH = 3 } LimbSet;

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
const char *limb_set_name(LimbSet set);
const char *side_name(Side side);
const char *response_name(Response response);
const char *input_name(InputDevice input);
const char *mode_name(PracticeMode mode); /* "drill", "imagery", "mirror", "touch" */

/* Parse limb and limb-set names; return 0, or -1 when name is not one of them. */
int limb_parse(const char *name, Limb *out);
int limb_set_parse(const char *name, LimbSet *out);
int mode_parse(const char *name, PracticeMode *out);

/* The response that names side. */
Response response_for_side(Side side);

#endif
