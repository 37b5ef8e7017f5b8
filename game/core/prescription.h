/* What the therapist prescribes for a profile, and one description of each
 * of its fields: the key it is stored under, its valid values, its row in
 * the therapist area and its option on the command line. Storage, the
 * therapist area and the command line all walk prescription_fields, so a
 * field is added or changed in this one place. */
#ifndef GMI_PRESCRIPTION_H
#define GMI_PRESCRIPTION_H

#include <stdbool.h>
#include <stddef.h>

#include "drill.h"
#include "imagery.h"
#include "mirror.h"
#include "touch.h"
#include "trial.h"

/* Which side (limb) imagery or mirror therapy practise: the profile's
 * affected side (limb), so that one setting drives both stages, or one the
 * therapist chose explicitly. Stored as these numbers. */
typedef enum SideChoice {
    SIDE_CHOICE_AFFECTED = -1,
    SIDE_CHOICE_LEFT = SIDE_LEFT,
    SIDE_CHOICE_RIGHT = SIDE_RIGHT
} SideChoice;

typedef enum LimbChoice {
    LIMB_CHOICE_AFFECTED = -1,
    LIMB_CHOICE_HAND = LIMB_HAND,
    LIMB_CHOICE_FOOT = LIMB_FOOT
} LimbChoice;

/* What the therapist prescribes for a profile: the settings of each kind
 * of practice and how many sessions a day. (The stage is the profile's.)
 * The limb and side of imagery and mirror therapy are the choices below;
 * the limb and side inside imagery and mirror are not part of the
 * prescription (store_prescription_target gives a session's). */
typedef struct Prescription {
    DrillSettings drill;
    ImagerySettings imagery;
    MirrorSettings mirror;
    LimbChoice imagery_limb, mirror_limb;
    SideChoice imagery_side, mirror_side;
    int sessions_per_day; /* 1..PRESCRIPTION_SESSIONS_PER_DAY_MAX */
    bool ask_pain;        /* offer the pain rating before and after each session */
    bool mirror_camera;   /* mirror therapy: the live camera mirror where there is a camera */
    int text_size;        /* of every text, in percent of the normal size */
    /* Touch practice: whether it is prescribed, where, the step of the
     * ladder reached (moved by touch_progress after each session, or set
     * by the therapist), the minutes of that step (0: the ladder's own) and
     * how many sessions a day. */
    bool touch_on;
    LimbChoice touch_limb;
    SideChoice touch_side;
    int touch_step;    /* 1..TOUCH_STEPS_MAX; past the ladder's top means the top */
    int touch_minutes; /* 0, or TOUCH_MINUTES_MIN..TOUCH_MINUTES_MAX */
    int touch_per_day; /* 1..PRESCRIPTION_SESSIONS_PER_DAY_MAX */
    bool touch_tone;   /* a soft tone when a step's time is up */
} Prescription;

#define PRESCRIPTION_SESSIONS_PER_DAY_MAX 12
#define PRESCRIPTION_TEXT_SIZE_MAX 150

/* The defaults: each module's defaults, 3 sessions a day, pain ratings
 * offered, imagery and mirror therapy on the affected limb and side, text
 * of the normal size (100 %), and touch practice off, on the affected limb
 * and side from step 1 at the ladder's minutes, 3 sessions a day, without
 * the tone at the end of a step. */
Prescription prescription_default(void);

/* The part of the prescription a field belongs to; the therapist area has
 * a tab for each (the general part's, Settings, after the others). */
typedef enum PrescriptionPart {
    PRESCRIPTION_GENERAL, /* the whole programme (on the Settings tab) */
    PRESCRIPTION_DRILL,
    PRESCRIPTION_IMAGERY,
    PRESCRIPTION_MIRROR,
    PRESCRIPTION_TOUCH
} PrescriptionPart;

/* How a field is held in Prescription and written on the command line. */
typedef enum PrescriptionKind {
    PRESCRIPTION_NUMBER,  /* an int; a whole number */
    PRESCRIPTION_SECONDS, /* an int of milliseconds; seconds with up to three decimals */
    PRESCRIPTION_CHOICE,  /* an enum the size of an int; the words of its choices */
    PRESCRIPTION_SWITCH,  /* a bool, stored as 0 or 1; on or off */
    PRESCRIPTION_SET      /* an int of bits, one per choice, at least one set; the words of
                             the choices set, joined by ',' */
} PrescriptionKind;

#define PRESCRIPTION_CHOICES_MAX 6

/* One button of a field's row in the therapist area. */
typedef struct PrescriptionChoice {
    int value;
    const char *label;
    const char *word; /* a CHOICE field's word for it on the command line; NULL for none */
    const char *note; /* one line on what the choice means, shown while it is chosen; NULL
                         for none */
} PrescriptionChoice;

typedef struct PrescriptionField {
    const char *key; /* stored under it in the database: never renamed */
    PrescriptionPart part;
    PrescriptionKind kind;
    size_t offset; /* of the value in Prescription */
    int lo, hi;    /* the valid values (a CHOICE field's are all among its choices) */
    const char *label;
    /* The row's buttons in order (a NUMBER or SECONDS field offers a few of
     * its values), up to the first without a label; a SWITCH's on before
     * its off, as on every row. */
    PrescriptionChoice choices[PRESCRIPTION_CHOICES_MAX];
    const char *option; /* on the command line, for its part's command; NULL for none */
    const char *zero;   /* a SECONDS option's word for 0 when it means more than no time */
} PrescriptionField;

#define PRESCRIPTION_FIELDS 27

/* Every field once, in the order of their rows in the therapist area. */
extern const PrescriptionField prescription_fields[PRESCRIPTION_FIELDS];

/* The field stored under key, or NULL. */
const PrescriptionField *prescription_field_find(const char *key);

/* How many buttons f's row has. */
int prescription_field_choice_count(const PrescriptionField *f);

/* f's value in *p (a SWITCH field's as 0 or 1). */
int prescription_field_get(const Prescription *p, const PrescriptionField *f);

/* Sets f in *p to value. A value outside f->lo..f->hi is refused: returns
 * -1 with a message naming the field in err (which may be NULL when errlen
 * is 0), and *p is unchanged. */
int prescription_field_set(Prescription *p, const PrescriptionField *f, int value, char *err,
                           size_t errlen);

/* Reads text as given to f's command-line option into *value: a NUMBER
 * in decimal digits, SECONDS with up to three decimals (into
 * milliseconds), one of a CHOICE's words, on or off, or a SET's words
 * joined by ',' (each once); within f->lo..f->hi.
 * Returns 0, or -1 leaving *value unspecified. */
int prescription_field_parse(const PrescriptionField *f, const char *text, int *value);

#endif
