/* The exercise catalogue of mirror therapy: one row per guided movement loop
 * in data/exercises.csv.
 *
 * Format (first line exactly this header, no quotes, no commas in fields):
 *   id,limb,title,frames,cycle_ms,instruction
 *   hand-fist,hand,Open and close your hand,24,4000,Slowly make a fist then open your hand wide
 * id is [a-z0-9-]; limb is hand|foot; title and instruction are non-empty
 * text without control characters; frames is 12..200 pictures per movement
 * cycle; cycle_ms is 1000..20000, the length of one cycle at normal pace.
 * Every limb needs at least one exercise. The rows' order is the order the
 * exercises are practised in.
 *
 * Frame k of exercise id is the picture assets/loops/<id>/<kk>.png (k from
 * 00, at least two digits). Frame 00 is the rest pose, also the still
 * picture; after the last frame the loop goes on with frame 00. Like the
 * stimulus pictures, the frames show a right limb; a left one is drawn
 * mirrored. */
#ifndef GMI_EXERCISES_H
#define GMI_EXERCISES_H

#include <stddef.h>

#include "trial.h"

#define EXERCISE_ID_MAX 64
#define EXERCISE_TITLE_MAX 96
#define EXERCISE_INSTRUCTION_MAX 256
#define EXERCISE_FRAMES_MIN 12
#define EXERCISE_FRAMES_MAX 200
#define EXERCISE_CYCLE_MS_MIN 1000
#define EXERCISE_CYCLE_MS_MAX 20000

/* Enough for "assets/loops/" + the longest id + "/" + three digits + ".png". */
#define EXERCISE_PATH_MAX 96

typedef struct Exercise {
    char id[EXERCISE_ID_MAX];
    Limb limb;
    char title[EXERCISE_TITLE_MAX];
    int frames;   /* EXERCISE_FRAMES_MIN..EXERCISE_FRAMES_MAX */
    int cycle_ms; /* one movement cycle at normal pace */
    char instruction[EXERCISE_INSTRUCTION_MAX];
} Exercise;

typedef struct Exercises Exercises;

/* Parses text[0..len). name is used in messages only ("data/exercises.csv").
 * Returns the exercises in a new handle the caller destroys, or NULL with a message
 * "name:line: what is wrong" in err. */
Exercises *exercises_parse(const char *text, size_t len, const char *name, char *err,
                           size_t errlen);

/* Frees ex; NULL is allowed. */
void exercises_destroy(Exercises *ex);

size_t exercises_count(const Exercises *ex);

/* Returns exercise i (i < exercises_count), in file order; the pointer lives
 * as long as ex. */
const Exercise *exercises_get(const Exercises *ex, size_t i);

/* Returns the index of the exercise with this id, or -1. */
long exercises_find(const Exercises *ex, const char *id);

/* Writes the path of frame `frame` of e, relative to the resource folder
 * (the one holding assets/ and data/), into buf[0..cap):
 * "assets/loops/hand-fist/07.png". Returns 0, or -1 when frame is not in
 * 0..e->frames-1 or buf is too small (buf then holds "" if cap > 0). */
int exercises_frame_path(const Exercise *e, int frame, char *buf, size_t cap);

#endif
