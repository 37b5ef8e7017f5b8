#include "trial.h"

#include <string.h>

static const char *const limb_names[] = {"hand", "foot"};
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

const char *limb_set_name(LimbSet set)
{
    switch (set) {
    case LIMBS_HANDS:
        return "hands";
    case LIMBS_FEET:
        return "feet";
    case LIMBS_BOTH:
        return "both";
    }
    return "both";
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
    int i = find_name(name, limb_names, 2);
    if (i < 0)
        return -1;
    *out = (Limb)i;
    return 0;
}

int limb_set_parse(const char *name, LimbSet *out)
{
    static const char *const names[] = {"hands", "feet", "both"};
    static const LimbSet sets[] = {LIMBS_HANDS, LIMBS_FEET, LIMBS_BOTH};
    int i = find_name(name, names, 3);
    if (i < 0)
        return -1;
    *out = sets[i];
    return 0;
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
