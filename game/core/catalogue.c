#include "catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "idindex.h"

#define COLUMNS 10

static const char *const header[COLUMNS] = {"id",     "file", "limb",  "view",  "posture",
                                            "object", "skin", "shape", "level", "rotations"};

struct Catalogue {
    Picture *pictures;
    size_t count;
    size_t capacity;
    IdIndex *ids; /* the pictures by id */
};

static const char *id_of(const void *rows, size_t row)
{
    return ((const Picture *)rows)[row].id;
}

/* Lower-case letters, digits and '-' only; non-empty unless may_be_empty. */
static int is_word(const char *s, int may_be_empty)
{
    if (!*s)
        return may_be_empty;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

static int copy_field(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        return -1;
    memcpy(dst, src, n + 1);
    return 0;
}

/* A relative path of safe characters, no "..", ending in ".png". */
static int is_picture_path(const char *s)
{
    size_t n = strlen(s);
    if (n < 5 || strcmp(s + n - 4, ".png") != 0 || s[0] == '/' || strstr(s, ".."))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.' || *s == '/'))
            return 0;
    return 1;
}

static int parse_rotations(const char *s, uint8_t *out)
{
    uint8_t mask = 0;
    while (*s) {
        char *end;
        if (*s < '0' || *s > '9')
            return -1;
        long deg = strtol(s, &end, 10);
        if (end == s || deg < 0 || deg > 315 || deg % 45 != 0)
            return -1;
        mask |= (uint8_t)(1u << (deg / 45));
        s = end;
        if (*s == ';')
            s++;
        else if (*s)
            return -1;
    }
    if (!(mask & 1u))
        return -1;
    *out = mask;
    return 0;
}

static int parse_row(char **f, Picture *p, const char **bad)
{
    memset(p, 0, sizeof *p);
    if (!is_word(f[0], 0) || copy_field(p->id, sizeof p->id, f[0]))
        return *bad = "id must be lower-case letters, digits and '-' (at most 63)", -1;
    if (!is_picture_path(f[1]) || copy_field(p->file, sizeof p->file, f[1]))
        return *bad = "file must be a relative .png path", -1;
    if (limb_parse(f[2], &p->limb))
        return *bad = "limb must be hand or foot", -1;
    const struct {
        char *dst;
        const char *src;
        int may_be_empty;
        const char *what;
    } words[] = {
        {p->view, f[3], 0, "view must be a lower-case word"},
        {p->posture, f[4], 0, "posture must be a lower-case word"},
        {p->object, f[5], 1, "object must be empty or a lower-case word"},
        {p->skin, f[6], 0, "skin must be a lower-case word"},
        {p->shape, f[7], 0, "shape must be a lower-case word"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!is_word(words[i].src, words[i].may_be_empty) ||
            copy_field(words[i].dst, CATALOGUE_WORD_MAX, words[i].src))
            return *bad = words[i].what, -1;
    if (strlen(f[8]) != 1 || f[8][0] < '1' || f[8][0] > '4')
        return *bad = "level must be 1, 2, 3 or 4", -1;
    p->level = f[8][0] - '0';
    if (parse_rotations(f[9], &p->rotations))
        return *bad = "rotations must be multiples of 45 from 0 to 315, separated by ';', with 0",
               -1;
    return 0;
}

/* Adds one row of the file to the catalogue. */
static int add_row(void *ctx, char **f, char *why, size_t whylen)
{
    Catalogue *cat = ctx;
    Picture p;
    const char *bad = NULL;
    if (parse_row(f, &p, &bad))
        return snprintf(why, whylen, "%s", bad), -1;
    if (catalogue_find(cat, p.id) >= 0)
        return snprintf(why, whylen, "id '%s' appears twice", p.id), -1;
    if (cat->count == cat->capacity) {
        size_t cap = cat->capacity ? cat->capacity * 2 : 64;
        Picture *grown = realloc(cat->pictures, cap * sizeof *grown);
        if (!grown)
            return snprintf(why, whylen, "out of memory"), -1;
        cat->pictures = grown;
        cat->capacity = cap;
    }
    cat->pictures[cat->count] = p;
    if (id_index_add(cat->ids, cat->pictures, cat->count))
        return snprintf(why, whylen, "out of memory"), -1;
    cat->count++;
    return 0;
}

Catalogue *catalogue_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    Catalogue *cat = calloc(1, sizeof *cat);
    if (!cat || !(cat->ids = id_index_create(id_of))) {
        snprintf(err, errlen, "%s: out of memory", name);
        catalogue_destroy(cat);
        return NULL;
    }
    int last = csv_read_table(text, len, name, header, COLUMNS, add_row, cat, err, errlen);
    if (last >= 0 && cat->count == 0) {
        snprintf(err, errlen, "%s:%d: the catalogue lists no pictures", name, last);
        last = -1;
    }
    if (last < 0) {
        catalogue_destroy(cat);
        return NULL;
    }
    return cat;
}

void catalogue_destroy(Catalogue *cat)
{
    if (!cat)
        return;
    free(cat->pictures);
    id_index_destroy(cat->ids);
    free(cat);
}

size_t catalogue_count(const Catalogue *cat)
{
    return cat->count;
}

const Picture *catalogue_get(const Catalogue *cat, size_t i)
{
    return &cat->pictures[i];
}

long catalogue_find(const Catalogue *cat, const char *id)
{
    return id_index_find(cat->ids, cat->pictures, id);
}
