#include "idindex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Slot {
    uint64_t hash;
    size_t row; /* the row plus one; 0 for an empty slot */
} Slot;

struct IdIndex {
    IdIndexIdOf id_of;
    Slot *slots;
    size_t cap; /* a power of two, at least twice count */
    size_t count;
};

/* FNV-1a, 64 bits. */
static uint64_t hash_of(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

IdIndex *id_index_create(IdIndexIdOf id_of)
{
    IdIndex *x = calloc(1, sizeof *x);
    if (x)
        x->id_of = id_of;
    return x;
}

void id_index_destroy(IdIndex *x)
{
    if (!x)
        return;
    free(x->slots);
    free(x);
}

long id_index_find(const IdIndex *x, const void *rows, const char *key)
{
    if (x->cap == 0)
        return -1;
    uint64_t h = hash_of(key);
    for (size_t i = h & (x->cap - 1); x->slots[i].row; i = (i + 1) & (x->cap - 1))
        if (x->slots[i].hash == h && strcmp(x->id_of(rows, x->slots[i].row - 1), key) == 0)
            return (long)(x->slots[i].row - 1);
    return -1;
}

static void place(Slot *slots, size_t cap, Slot s)
{
    size_t i = s.hash & (cap - 1);
    while (slots[i].row)
        i = (i + 1) & (cap - 1);
    slots[i] = s;
}

int id_index_add(IdIndex *x, const void *rows, size_t row)
{
    if (2 * (x->count + 1) > x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 64;
        Slot *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < x->cap; i++)
            if (x->slots[i].row)
                place(slots, cap, x->slots[i]);
        free(x->slots);
        x->slots = slots;
        x->cap = cap;
    }
    place(x->slots, x->cap, (Slot){hash_of(x->id_of(rows, row)), row + 1});
    x->count++;
    return 0;
}
