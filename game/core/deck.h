/* Building the ordered list of stimuli for one drill.
 *
 * A drill measures laterality and nothing else, so nothing but the limb in
 * the picture may tell the answer. Rules: left and right answers balanced
 * (equal, or one apart when the count is odd) and balanced jointly with
 * the limb, and within each limb with view, posture, rotation and level
 * (each cell within one of an even split as far as the library and the
 * count allow); limbs, views, postures and rotations spread as evenly as
 * the catalogue allows; no picture reused while an unused picture remains,
 * and no picture at a rotation shown a third time while another is shown
 * fewer than twice; a picture shown again as likely on the same side as
 * the last time as on the other (it may be the same image again); never
 * more than DECK_MAX_RUN equal answers in a row, yet as many switches of
 * side as repeats on average (a mean run of 2); never the same picture
 * twice in a row where the deck allows it; and over many drills every
 * property of a trial (limb, view, posture, rotation, level, skin, shape,
 * position, the previous side, the side the picture had when last shown)
 * is as likely with either answer. The same catalogue, request and seed
 * give the same deck. */
#ifndef GMI_DECK_H
#define GMI_DECK_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "rng.h"
#include "trial.h"

#define DECK_MAX_RUN 3
#define DECK_MAX_COUNT 200
#define DECK_MAX_LEVEL 4

typedef struct DeckRequest {
    LimbSet limbs;
    int level; /* 1..DECK_MAX_LEVEL: 1 upright only, 2+ rotations, 3+ unusual, 4 context */
    int count; /* 1..DECK_MAX_COUNT */
    const bool *excluded; /* per catalogue picture, true to leave it out; NULL for none */
} DeckRequest;

/* Fills out[0..req->count) from the pictures of cat that req allows, drawing
 * randomness from rng. Returns 0, or -1 with a message in err when the
 * request is out of range or a requested limb has no pictures at the level. */
int deck_build(const Catalogue *cat, const DeckRequest *req, Rng *rng, Stimulus *out, char *err,
               size_t errlen);

/* Number of distinct stimuli (picture, side, rotation) the request allows:
 * how long a drill can be without repeating a stimulus. */
size_t deck_distinct_stimuli(const Catalogue *cat, const DeckRequest *req);

#endif
