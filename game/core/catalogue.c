#include "catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rowtable.h"

#define COLUMNS 12

static const char *const header[COLUMNS] = {"id",      "file",      "limb", "view",
                                            "posture", "object",    "skin", "shape",
                                            "level",   "rotations", "kind", "light"};

struct Catalogue {
    RowTable pictures;
};

static const char *id_of(const void *rows, size_t row)
{
    return ((const Picture *)rows)[row].id;
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

static const char *parse_row(char **f, void *row)
{
    Picture *p = row;
    memset(p, 0, sizeof *p);
    if (row_field_word(p->id, sizeof p->id, f[0]))
        return "id must be lower-case letters, digits and '-' (at most 63)";
    if (!is_picture_path(f[1]) || strlen(f[1]) >= sizeof p->file)
        return "file must be a relative .png path";
    memcpy(p->file, f[1], strlen(f[1]) + 1);
    if (limb_parse(f[2], &p->limb))
        return "limb must be hand, foot, knee, shoulder, neck or back";
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
        if (!(words[i].may_be_empty && !*words[i].src) &&
            row_field_word(words[i].dst, CATALOGUE_WORD_MAX, words[i].src))
            return words[i].what;
    if (strlen(f[8]) != 1 || f[8][0] < '1' || f[8][0] > '4')
        return "level must be 1, 2, 3 or 4";
    p->level = f[8][0] - '0';
    if (parse_rotations(f[9], &p->rotations))
        return "rotations must be multiples of 45 from 0 to 315, separated by ';', with 0";
    if (strcmp(f[10], "own") == 0)
        p->kind = VIEW_OWN;
    else if (strcmp(f[10], "other") == 0)
        p->kind = VIEW_OTHER;
    else
        return "kind must be own or other";
    if (strcmp(f[11], side_name(SIDE_LEFT)) == 0)
        p->light = SIDE_LEFT;
    else if (strcmp(f[11], side_name(SIDE_RIGHT)) == 0)
        p->light = SIDE_RIGHT;
    else
        return "light must be left or right";
    return NULL;
}

static const RowTableSpec spec = {header, COLUMNS, sizeof(Picture), id_of, parse_row};

Catalogue *catalogue_parse(const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    Catalogue *cat = calloc(1, sizeof *cat);
    if (!cat) {
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    int last = row_table_read(&cat->pictures, &spec, text, len, name, err, errlen);
    if (last >= 0 && cat->pictures.count == 0) {
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
    row_table_free(&cat->pictures);
    free(cat);
}

LimbSet catalogue_limbs(const Catalogue *cat)
{
    unsigned set = 0;
    for (size_t i = 0; i < catalogue_count(cat); i++)
        set |= limb_bit(catalogue_get(cat, i)->limb);
    return (LimbSet)set;
}

size_t catalogue_count(const Catalogue *cat)
{
    return cat->pictures.count;
}

const Picture *catalogue_get(const Catalogue *cat, size_t i)
{
    return row_table_get(&cat->pictures, i);
}

long catalogue_find(const Catalogue *cat, const char *id)
{
    return row_table_find(&cat->pictures, id);
}
