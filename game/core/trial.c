#include "trial.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const limb_names[] = {"hand", "foot", "knee", "shoulder", "neck", "back"};
static const char *const side_names[] = {"left", "right"};
static const char *const response_names[] = {"none", "left", "right"};
static const char *const input_names[] = {"touch", "mouse", "key", "other"};
static const char *const mode_names[] = {"drill", "imagery", "mirror", "touch"};

static int find_name(const char *name, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

const char *limb_name(Limb limb)
{
    return limb_names[limb];
}

LimbSet limb_bit(Limb limb)
{
    return (LimbSet)(1u << limb);
}

int limb_set_count(LimbSet set)
{
    int n = 0;
    for (int l = 0; l < LIMB_COUNT; l++)
        n += (set & limb_bit((Limb)l)) != 0;
    return n;
}

void limb_set_words(LimbSet set, char *buf, size_t cap)
{
    static const char *const words[] = {"hands", "feet", "knees", "shoulders", "neck", "back"};
    int left = limb_set_count(set);
    snprintf(buf, cap, "%s", left ? "" : "No body part");
    for (int l = 0; l < LIMB_COUNT; l++)
        if (set & limb_bit((Limb)l)) {
            left--;
            size_t n = strlen(buf);
            snprintf(buf + n, cap - n, "%s%s", words[l],
                     left > 1    ? ", "
                     : left == 1 ? " and "
                                 : "");
        }
    buf[0] = (char)toupper((unsigned char)buf[0]);
}

/* The names of the first sets, kept as they were first stored. */
static const char *const set_names[] = {"hands", "feet", "both"};
static const LimbSet named_sets[] = {LIMBS_HANDS, LIMBS_FEET, LIMBS_BOTH};

const char *limb_set_name(LimbSet set, char out[LIMB_SET_NAME_MAX])
{
    for (int i = 0; i < 3; i++)
        if (set == named_sets[i]) {
            strcpy(out, set_names[i]);
            return out;
        }
    out[0] = '\0';
    for (int l = 0; l < LIMB_COUNT; l++)
        if (set & limb_bit((Limb)l)) {
            if (out[0])
                strcat(out, "+");
            strcat(out, limb_names[l]);
        }
    return out;
}

const char *side_name(Side side)
{
    return side_names[side];
}

const char *response_name(Response response)
{
    return response_names[response];
}

const char *input_name(InputDevice input)
{
    return input_names[input];
}

const char *mode_name(PracticeMode mode)
{
    return mode_names[mode];
}

int limb_parse(const char *name, Limb *out)
{
    int i = find_name(name, limb_names, LIMB_COUNT);
    if (i < 0)
        return -1;
    *out = (Limb)i;
    return 0;
}

int limb_set_parse(const char *name, LimbSet *out)
{
    int i = find_name(name, set_names, 3);
    if (i >= 0) {
        *out = named_sets[i];
        return 0;
    }
    unsigned set = 0;
    const char *p = name;
    for (;;) {
        size_t len = strcspn(p, "+");
        char word[16];
        Limb limb;
        if (len == 0 || len >= sizeof word)
            return -1;
        memcpy(word, p, len);
        word[len] = '\0';
        if (limb_parse(word, &limb) || (set & limb_bit(limb)))
            return -1;
        set |= limb_bit(limb);
        if (!p[len])
            break;
        p += len + 1;
    }
    *out = (LimbSet)set;
    return 0;
}

const char *limb_question(Limb limb)
{
    switch (limb) {
    case LIMB_NECK:
        return "Head turned or tilted to their left or right?";
    case LIMB_BACK:
        return "Body turned or bent to their left or right?";
    case LIMB_SHOULDER:
        return "Which shoulder: left or right?";
    default:
        return "Left or right?";
    }
}

void limb_verdict(Limb limb, Side side, char *buf, size_t cap)
{
    switch (limb) {
    case LIMB_NECK:
        snprintf(buf, cap, "The head turned or tilted to their %s", side_name(side));
        break;
    case LIMB_BACK:
        snprintf(buf, cap, "The body turned or bent to their %s", side_name(side));
        break;
    case LIMB_SHOULDER:
        snprintf(buf, cap, "That was the %s shoulder", side_name(side));
        break;
    default:
        snprintf(buf, cap, "That was a %s %s", side_name(side), limb_name(limb));
        break;
    }
}

Response response_for_side(Side side)
{
    return side == SIDE_LEFT ? RESPONSE_LEFT : RESPONSE_RIGHT;
}

int mode_parse(const char *name, PracticeMode *out)
{
    int i = find_name(name, mode_names, 4);
    if (i < 0)
        return -1;
    *out = (PracticeMode)i;
    return 0;
}
