/* The stimulus catalogue: one row per picture in data/catalogue.csv.
 *
 * Format (first line exactly this header):
 *   id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light
 * id is [a-z0-9-]; file is a .png path relative to the assets folder; limb
 * is the body part, hand|foot|knee|shoulder|neck|back; object may be empty; level is 1-4 (the
 * lowest drill level that shows the picture); rotations lists the multiples of 45 degrees (0..315,
 * ';'-separated, 0 included) the picture may be shown at once the drill level allows rotation; kind
 * is own (the limb as the patient sees their own) or other (someone else's limb); light is left or
 * right, the side the key light comes from in the stored picture (it changes sides when the picture
 * is mirrored). */
#ifndef GMI_CATALOGUE_H
#define GMI_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>

#include "trial.h"

#define CATALOGUE_ID_MAX 64
#define CATALOGUE_FILE_MAX 192
#define CATALOGUE_WORD_MAX 32

/* How the picture shows the limb: as the patient sees their own, or as
 * someone else's. */
typedef enum ViewKind { VIEW_OWN, VIEW_OTHER } ViewKind;

typedef struct Picture {
    char id[CATALOGUE_ID_MAX];
    char file[CATALOGUE_FILE_MAX];
    Limb limb;
    char view[CATALOGUE_WORD_MAX];
    char posture[CATALOGUE_WORD_MAX];
    char object[CATALOGUE_WORD_MAX]; /* "" when the picture has no object */
    char skin[CATALOGUE_WORD_MAX];
    char shape[CATALOGUE_WORD_MAX];
    int level;         /* 1..4 */
    uint8_t rotations; /* bit k set: k * 45 degrees allowed; bit 0 always set */
    ViewKind kind;
    Side light; /* where the key light comes from in the stored (unmirrored) picture */
} Picture;

typedef struct Catalogue Catalogue;

/* Parses text[0..len). name is used in messages only ("data/catalogue.csv").
 * Returns a new catalogue the caller destroys, or NULL with a message
 * "name:line: what is wrong" in err. An empty catalogue is an error. */
Catalogue *catalogue_parse(const char *text, size_t len, const char *name, char *err,
                           size_t errlen);

/* Frees the catalogue; NULL is allowed. */
void catalogue_destroy(Catalogue *cat);

size_t catalogue_count(const Catalogue *cat);

/* Returns picture i (i < catalogue_count); the pointer lives as long as cat. */
const Picture *catalogue_get(const Catalogue *cat, size_t i);

/* The body parts the catalogue has pictures of. */
LimbSet catalogue_limbs(const Catalogue *cat);

/* Returns the index of the picture with this id, or -1. */
long catalogue_find(const Catalogue *cat, const char *id);

#endif
