#include "prescription.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"

/* CHOICE fields are read and written as an int. */
_Static_assert(sizeof(LimbSet) == sizeof(int) && sizeof(LimbChoice) == sizeof(int) &&
                   sizeof(SideChoice) == sizeof(int) && sizeof(ImageryPace) == sizeof(int) &&
                   sizeof(MirrorPace) == sizeof(int),
               "a CHOICE field is the size of an int");

Prescription prescription_default(void)
{
    return (Prescription){.drill = drill_settings_default(),
                          .imagery = imagery_settings_default(),
                          .mirror = mirror_settings_default(),
                          .imagery_limb = LIMB_CHOICE_AFFECTED,
                          .mirror_limb = LIMB_CHOICE_AFFECTED,
                          .imagery_side = SIDE_CHOICE_AFFECTED,
                          .mirror_side = SIDE_CHOICE_AFFECTED,
                          .sessions_per_day = 3,
                          .ask_pain = true,
                          .text_size = 100,
                          .touch_limb = LIMB_CHOICE_AFFECTED,
                          .touch_side = SIDE_CHOICE_AFFECTED,
                          .touch_step = 1,
                          .touch_per_day = 3};
}

#define AT(member) offsetof(Prescription, member)

/* The choices of imagery's and mirror therapy's limb and side: the
 * affected one cannot be given on the command line, where leaving the
 * option out means it. */
#define LIMB_CHOICES                                                                               \
    {                                                                                              \
        {LIMB_CHOICE_AFFECTED, "Affected", NULL, NULL}, {LIMB_CHOICE_HAND, "Hand", "hand", NULL},  \
        {                                                                                          \
            LIMB_CHOICE_FOOT, "Foot", "foot", NULL                                                 \
        }                                                                                          \
    }
#define SIDE_CHOICES                                                                               \
    {                                                                                              \
        {SIDE_CHOICE_AFFECTED, "Affected", NULL, NULL}, {SIDE_CHOICE_LEFT, "Left", "left", NULL},  \
        {                                                                                          \
            SIDE_CHOICE_RIGHT, "Right", "right", NULL                                              \
        }                                                                                          \
    }

const PrescriptionField prescription_fields[PRESCRIPTION_FIELDS] = {
    {.key = "sessions_per_day",
     .part = PRESCRIPTION_GENERAL,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(sessions_per_day),
     .lo = 1,
     .hi = PRESCRIPTION_SESSIONS_PER_DAY_MAX,
     .label = "Per day",
     .choices = {{1, "1", NULL, NULL},
                 {2, "2", NULL, NULL},
                 {3, "3", NULL, NULL},
                 {4, "4", NULL, NULL},
                 {6, "6", NULL, NULL}}},
    {.key = "ask_pain",
     .part = PRESCRIPTION_GENERAL,
     .kind = PRESCRIPTION_SWITCH,
     .offset = AT(ask_pain),
     .lo = 0,
     .hi = 1,
     .label = "Pain ratings",
     .choices = {{1, "Ask", NULL, NULL}, {0, "Don't ask", NULL, NULL}}},
    /* For patients with poor sight. A session's command line gives no
     * text size: it is the profile's, for every screen. */
    {.key = "text_size",
     .part = PRESCRIPTION_GENERAL,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(text_size),
     .lo = 100,
     .hi = PRESCRIPTION_TEXT_SIZE_MAX,
     .label = "Text size",
     .choices = {{100, "Normal", NULL, NULL},
                 {125, "Large", NULL, NULL},
                 {150, "Extra large", NULL, NULL}}},

    /* Which body parts the drill shows: a set. The therapist area offers
     * the parts the catalogue has pictures of. */
    {.key = "limbs",
     .part = PRESCRIPTION_DRILL,
     .kind = PRESCRIPTION_SET,
     .offset = AT(drill.limbs),
     .lo = 1,
     .hi = LIMBS_ALL,
     .label = "Show",
     .choices = {{LIMBS_HANDS, "Hands", "hand", NULL},
                 {LIMBS_FEET, "Feet", "foot", NULL},
                 {1 << LIMB_KNEE, "Knees", "knee", NULL},
                 {1 << LIMB_SHOULDER, "Shoulders", "shoulder", NULL},
                 {1 << LIMB_NECK, "Neck", "neck", NULL},
                 {1 << LIMB_BACK, "Back", "back", NULL}},
     .option = "--parts"},
    {.key = "count",
     .part = PRESCRIPTION_DRILL,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(drill.count),
     .lo = 1,
     .hi = DECK_MAX_COUNT,
     .label = "Pictures",
     .choices = {{10, "10", NULL, NULL},
                 {20, "20", NULL, NULL},
                 {30, "30", NULL, NULL},
                 {40, "40", NULL, NULL}},
     .option = "--count"},
    {.key = "time_limit_ms",
     .part = PRESCRIPTION_DRILL,
     .kind = PRESCRIPTION_SECONDS,
     .offset = AT(drill.time_limit_ms),
     .lo = 0,
     .hi = DRILL_MAX_TIME_LIMIT_MS,
     .label = "Time each",
     .choices = {{3000, "3 s", NULL, NULL},
                 {5000, "5 s", NULL, NULL},
                 {10000, "10 s", NULL, NULL},
                 {0, "No limit", NULL, NULL}},
     .option = "--time-limit",
     .zero = "untimed"},
    {.key = "feedback",
     .part = PRESCRIPTION_DRILL,
     .kind = PRESCRIPTION_SWITCH,
     .offset = AT(drill.feedback),
     .lo = 0,
     .hi = 1,
     .label = "Feedback",
     .choices = {{1, "On", NULL, NULL}, {0, "Off", NULL, NULL}},
     .option = "--feedback"},
    /* Last on its tab, so that what the chosen level shows is written under
     * its row. A level shows its own pictures and those of the levels below
     * (data/catalogue.csv gives each picture's level); from level 2 on every
     * picture may be turned in 45-degree steps. */
    {.key = "level",
     .part = PRESCRIPTION_DRILL,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(drill.level),
     .lo = 1,
     .hi = DECK_MAX_LEVEL,
     .label = "Level",
     .choices = {{1, "1", "1", "Level 1: upright pictures in the usual views"},
                 {2, "2", "2", "Level 2: turned in any direction; more views"},
                 {3, "3", "3", "Level 3: adds unusual views and postures"},
                 {4, "4", "4", "Level 4: adds hands and feet with objects"}},
     .option = "--level"},

    {.key = "imagery_limb",
     .part = PRESCRIPTION_IMAGERY,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(imagery_limb),
     .lo = LIMB_CHOICE_AFFECTED,
     .hi = LIMB_CHOICE_FOOT,
     .label = "Limb",
     .choices = LIMB_CHOICES,
     .option = "--limb"},
    {.key = "imagery_side",
     .part = PRESCRIPTION_IMAGERY,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(imagery_side),
     .lo = SIDE_CHOICE_AFFECTED,
     .hi = SIDE_CHOICE_RIGHT,
     .label = "Side",
     .choices = SIDE_CHOICES,
     .option = "--side"},
    {.key = "imagery_count",
     .part = PRESCRIPTION_IMAGERY,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(imagery.count),
     .lo = IMAGERY_COUNT_MIN,
     .hi = IMAGERY_COUNT_MAX,
     .label = "Pictures",
     .choices = {{5, "5", NULL, NULL},
                 {10, "10", NULL, NULL},
                 {15, "15", NULL, NULL},
                 {20, "20", NULL, NULL}},
     .option = "--count"},
    {.key = "imagery_hold_ms",
     .part = PRESCRIPTION_IMAGERY,
     .kind = PRESCRIPTION_SECONDS,
     .offset = AT(imagery.hold_ms),
     .lo = IMAGERY_HOLD_MS_MIN,
     .hi = IMAGERY_HOLD_MS_MAX,
     .label = "Hold",
     .choices = {{5000, "5 s", NULL, NULL},
                 {10000, "10 s", NULL, NULL},
                 {20000, "20 s", NULL, NULL},
                 {30000, "30 s", NULL, NULL}},
     .option = "--hold"},
    {.key = "imagery_rest_ms",
     .part = PRESCRIPTION_IMAGERY,
     .kind = PRESCRIPTION_SECONDS,
     .offset = AT(imagery.rest_ms),
     .lo = 0,
     .hi = IMAGERY_REST_MS_MAX,
     .label = "Rest",
     .choices = {{0, "None", NULL, NULL},
                 {5000, "5 s", NULL, NULL},
                 {10000, "10 s", NULL, NULL},
                 {20000, "20 s", NULL, NULL}},
     .option = "--rest"},
    {.key = "imagery_pace",
     .part = PRESCRIPTION_IMAGERY,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(imagery.pace),
     .lo = IMAGERY_TIMED,
     .hi = IMAGERY_SELF_PACED,
     .label = "Pace",
     .choices = {{IMAGERY_TIMED, "Timed", "timed", NULL},
                 {IMAGERY_SELF_PACED, "Own pace", "self", NULL}},
     .option = "--pace"},

    {.key = "mirror_limb",
     .part = PRESCRIPTION_MIRROR,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(mirror_limb),
     .lo = LIMB_CHOICE_AFFECTED,
     .hi = LIMB_CHOICE_FOOT,
     .label = "Limb",
     .choices = LIMB_CHOICES,
     .option = "--limb"},
    {.key = "mirror_side",
     .part = PRESCRIPTION_MIRROR,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(mirror_side),
     .lo = SIDE_CHOICE_AFFECTED,
     .hi = SIDE_CHOICE_RIGHT,
     .label = "Side",
     .choices = SIDE_CHOICES,
     .option = "--side"},
    {.key = "mirror_minutes",
     .part = PRESCRIPTION_MIRROR,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(mirror.minutes),
     .lo = MIRROR_MINUTES_MIN,
     .hi = MIRROR_MINUTES_MAX,
     .label = "Minutes",
     .choices = {{2, "2", NULL, NULL},
                 {5, "5", NULL, NULL},
                 {10, "10", NULL, NULL},
                 {15, "15", NULL, NULL},
                 {20, "20", NULL, NULL}},
     .option = "--minutes"},
    {.key = "mirror_pace",
     .part = PRESCRIPTION_MIRROR,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(mirror.pace),
     .lo = MIRROR_PACE_SLOW,
     .hi = MIRROR_PACE_NORMAL,
     .label = "Pace",
     .choices = {{MIRROR_PACE_SLOW, "Slow", "slow", NULL},
                 {MIRROR_PACE_MEDIUM, "Medium", "medium", NULL},
                 {MIRROR_PACE_NORMAL, "Normal", "normal", NULL}},
     .option = "--pace"},
    {.key = "mirror_tick",
     .part = PRESCRIPTION_MIRROR,
     .kind = PRESCRIPTION_SWITCH,
     .offset = AT(mirror.tick),
     .lo = 0,
     .hi = 1,
     .label = "Tick sound",
     .choices = {{1, "On", NULL, NULL}, {0, "Off", NULL, NULL}},
     .option = "--tick"},
    {.key = "mirror_camera",
     .part = PRESCRIPTION_MIRROR,
     .kind = PRESCRIPTION_SWITCH,
     .offset = AT(mirror_camera),
     .lo = 0,
     .hi = 1,
     .label = "Camera",
     .choices = {{1, "On", NULL, NULL}, {0, "Off", NULL, NULL}},
     .option = "--camera"},

    {.key = "touch_on",
     .part = PRESCRIPTION_TOUCH,
     .kind = PRESCRIPTION_SWITCH,
     .offset = AT(touch_on),
     .lo = 0,
     .hi = 1,
     .label = "Touch",
     .choices = {{1, "On", NULL, NULL}, {0, "Off", NULL, NULL}}},
    {.key = "touch_limb",
     .part = PRESCRIPTION_TOUCH,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(touch_limb),
     .lo = LIMB_CHOICE_AFFECTED,
     .hi = LIMB_CHOICE_FOOT,
     .label = "Limb",
     .choices = LIMB_CHOICES,
     .option = "--limb"},
    {.key = "touch_side",
     .part = PRESCRIPTION_TOUCH,
     .kind = PRESCRIPTION_CHOICE,
     .offset = AT(touch_side),
     .lo = SIDE_CHOICE_AFFECTED,
     .hi = SIDE_CHOICE_RIGHT,
     .label = "Side",
     .choices = SIDE_CHOICES,
     .option = "--side"},
    {.key = "touch_step",
     .part = PRESCRIPTION_TOUCH,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(touch_step),
     .lo = 1,
     .hi = TOUCH_STEPS_MAX,
     .label = "Step",
     .choices = {{1, "1", NULL, NULL},
                 {2, "2", NULL, NULL},
                 {4, "4", NULL, NULL},
                 {7, "7", NULL, NULL},
                 {10, "10", NULL, NULL}}},
    {.key = "touch_minutes",
     .part = PRESCRIPTION_TOUCH,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(touch_minutes),
     .lo = 0,
     .hi = TOUCH_MINUTES_MAX,
     .label = "Minutes",
     .choices = {{0, "Ladder", NULL, NULL},
                 {1, "1", NULL, NULL},
                 {2, "2", NULL, NULL},
                 {5, "5", NULL, NULL},
                 {10, "10", NULL, NULL}}},
    {.key = "touch_per_day",
     .part = PRESCRIPTION_TOUCH,
     .kind = PRESCRIPTION_NUMBER,
     .offset = AT(touch_per_day),
     .lo = 1,
     .hi = PRESCRIPTION_SESSIONS_PER_DAY_MAX,
     .label = "Per day",
     .choices = {{1, "1", NULL, NULL},
                 {2, "2", NULL, NULL},
                 {3, "3", NULL, NULL},
                 {4, "4", NULL, NULL},
                 {6, "6", NULL, NULL}}},
    {.key = "touch_tone",
     .part = PRESCRIPTION_TOUCH,
     .kind = PRESCRIPTION_SWITCH,
     .offset = AT(touch_tone),
     .lo = 0,
     .hi = 1,
     .label = "End tone",
     .choices = {{1, "On", NULL, "A soft tone when a step's time is up."}, {0, "Off", NULL, NULL}}},
};

const PrescriptionField *prescription_field_find(const char *key)
{
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++)
        if (strcmp(prescription_fields[i].key, key) == 0)
            return &prescription_fields[i];
    return NULL;
}

int prescription_field_choice_count(const PrescriptionField *f)
{
    int n = 0;
    while (n < PRESCRIPTION_CHOICES_MAX && f->choices[n].label)
        n++;
    return n;
}

int prescription_field_get(const Prescription *p, const PrescriptionField *f)
{
    const char *at = (const char *)p + f->offset;
    if (f->kind == PRESCRIPTION_SWITCH)
        return *(const bool *)at;
    int value;
    memcpy(&value, at, sizeof value);
    return value;
}

int prescription_field_set(Prescription *p, const PrescriptionField *f, int value, char *err,
                           size_t errlen)
{
    if (value < f->lo || value > f->hi) {
        snprintf(err, errlen, "%s must be from %d to %d, not %d", f->key, f->lo, f->hi, value);
        return -1;
    }
    char *at = (char *)p + f->offset;
    if (f->kind == PRESCRIPTION_SWITCH)
        *(bool *)at = value != 0;
    else
        memcpy(at, &value, sizeof value);
    return 0;
}

/* A whole number lo..hi written in decimal digits. */
static int parse_whole(const char *s, int lo, int hi, int *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* Seconds with up to three decimals ("5", "2.5", "0.75") to milliseconds. */
static int parse_seconds(const char *s, int max_ms, int *out_ms)
{
    long ms = 0;
    int digits = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        ms = ms * 10 + (*s - '0');
        if (ms > max_ms)
            return -1;
    }
    ms *= 1000;
    if (*s == '.') {
        s++;
        long scale = 100;
        for (; *s >= '0' && *s <= '9'; s++, digits++) {
            if (scale == 0)
                return -1;
            ms += (*s - '0') * scale;
            scale /= 10;
        }
    }
    if (*s || digits == 0 || ms > max_ms)
        return -1;
    *out_ms = (int)ms;
    return 0;
}

/* The words of f's choices joined by ',', each at most once, to the
 * union of their values. */
static int parse_set(const PrescriptionField *f, const char *text, int *value)
{
    int set = 0;
    for (;;) {
        size_t len = strcspn(text, ",");
        int c = 0, n = prescription_field_choice_count(f);
        while (c < n && !(f->choices[c].word && strlen(f->choices[c].word) == len &&
                          strncmp(f->choices[c].word, text, len) == 0))
            c++;
        if (c == n || (set & f->choices[c].value))
            return -1;
        set |= f->choices[c].value;
        if (!text[len])
            break;
        text += len + 1;
    }
    *value = set;
    return 0;
}

int prescription_field_parse(const PrescriptionField *f, const char *text, int *value)
{
    switch (f->kind) {
    case PRESCRIPTION_NUMBER:
        return parse_whole(text, f->lo, f->hi, value);
    case PRESCRIPTION_SECONDS:
        return parse_seconds(text, f->hi, value) == 0 && *value >= f->lo ? 0 : -1;
    case PRESCRIPTION_CHOICE:
        for (int c = 0; c < prescription_field_choice_count(f); c++)
            if (f->choices[c].word && strcmp(f->choices[c].word, text) == 0) {
                *value = f->choices[c].value;
                return 0;
            }
        return -1;
    case PRESCRIPTION_SWITCH:
        if (strcmp(text, "on") && strcmp(text, "off"))
            return -1;
        *value = strcmp(text, "on") == 0;
        return 0;
    case PRESCRIPTION_SET:
        return parse_set(f, text, value);
    }
    return -1;
}
