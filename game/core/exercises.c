#include "exercises.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rowtable.h"

#define COLUMNS 6

static const char *const header[COLUMNS] = {"id",     "limb",     "title",
                                            "frames", "cycle_ms", "instruction"};

struct Exercises {
    RowTable items;
};

static const char *id_of(const void *rows, size_t row)
{
    return ((const Exercise *)rows)[row].id;
}

static const char *parse_row(char **f, void *row)
{
    Exercise *e = row;
    memset(e, 0, sizeof *e);
    if (row_field_word(e->id, sizeof e->id, f[0]))
        return "id must be lower-case letters, digits and '-' (at most 63)";
    if (limb_parse(f[1], &e->limb) || e->limb > LIMB_FOOT)
        return "limb must be hand or foot";
    if (row_field_text(e->title, sizeof e->title, f[2]))
        return "title must be text of 1 to 95 bytes without control characters";
    if (row_field_int(f[3], EXERCISE_FRAMES_MIN, EXERCISE_FRAMES_MAX, &e->frames))
        return "frames must be a whole number from 12 to 200";
    if (row_field_int(f[4], EXERCISE_CYCLE_MS_MIN, EXERCISE_CYCLE_MS_MAX, &e->cycle_ms))
        return "cycle_ms must be a whole number from 1000 to 20000";
    if (row_field_text(e->instruction, sizeof e->instruction, f[5]))
        return "instruction must be text of 1 to 255 bytes without control characters";
    return NULL;
}

static const RowTableSpec spec = {header, COLUMNS, sizeof(Exercise), id_of, parse_row};

Exercises *exercises_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    Exercises *ex = calloc(1, sizeof *ex);
    if (!ex) {
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    int last = row_table_read(&ex->items, &spec, text, len, name, err, errlen);
    static const Limb limbs[] = {LIMB_HAND, LIMB_FOOT};
    for (size_t l = 0; last >= 0 && l < sizeof limbs / sizeof limbs[0]; l++) {
        size_t i = 0;
        while (i < ex->items.count && exercises_get(ex, i)->limb != limbs[l])
            i++;
        if (i == ex->items.count) {
            snprintf(err, errlen, "%s:%d: the file lists no %s exercise", name, last,
                     limb_name(limbs[l]));
            last = -1;
        }
    }
    if (last < 0) {
        exercises_destroy(ex);
        return NULL;
    }
    return ex;
}

void exercises_destroy(Exercises *ex)
{
    if (!ex)
        return;
    row_table_free(&ex->items);
    free(ex);
}

size_t exercises_count(const Exercises *ex)
{
    return ex->items.count;
}

const Exercise *exercises_get(const Exercises *ex, size_t i)
{
    return row_table_get(&ex->items, i);
}

long exercises_find(const Exercises *ex, const char *id)
{
    return row_table_find(&ex->items, id);
}

int exercises_frame_path(const Exercise *e, int frame, char *buf, size_t cap)
{
    if (cap > 0)
        buf[0] = '\0';
    if (frame < 0 || frame >= e->frames)
        return -1;
    int n = snprintf(buf, cap, "assets/loops/%s/%02d.png", e->id, frame);
    if (n < 0 || (size_t)n >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}
