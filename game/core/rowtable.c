#include "rowtable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* What csv_read_table hands each row to. */
typedef struct Reading {
    RowTable *t;
    const RowTableSpec *spec;
} Reading;

static int add_row(void *ctx, char **f, char *why, size_t whylen)
{
    Reading *r = ctx;
    RowTable *t = r->t;
    if (t->count == t->capacity) {
        size_t cap = t->capacity ? t->capacity * 2 : 16;
        void *grown = realloc(t->rows, cap * t->row_size);
        if (!grown)
            return snprintf(why, whylen, "out of memory"), -1;
        t->rows = grown;
        t->capacity = cap;
    }
    /* Parsed into the free place after the rows, which is kept only once
     * it is known to be a new row. */
    void *row = (char *)t->rows + t->count * t->row_size;
    const char *bad = r->spec->parse(f, row);
    if (bad)
        return snprintf(why, whylen, "%s", bad), -1;
    const char *id = r->spec->id_of(t->rows, t->count);
    if (row_table_find(t, id) >= 0)
        return snprintf(why, whylen, "id '%s' appears twice", id), -1;
    if (id_index_add(t->ids, t->rows, t->count))
        return snprintf(why, whylen, "out of memory"), -1;
    t->count++;
    return 0;
}

int row_table_read(RowTable *t, const RowTableSpec *spec, const char *text, size_t len,
                   const char *name, char *err, size_t errlen)
{
    *t = (RowTable){.row_size = spec->row_size, .ids = id_index_create(spec->id_of)};
    if (!t->ids)
        return snprintf(err, errlen, "%s: out of memory", name), -1;
    Reading r = {t, spec};
    return csv_read_table(text, len, name, spec->header, spec->columns, add_row, &r, err, errlen);
}

void row_table_free(RowTable *t)
{
    free(t->rows);
    id_index_destroy(t->ids);
    *t = (RowTable){0};
}

const void *row_table_get(const RowTable *t, size_t i)
{
    return (const char *)t->rows + i * t->row_size;
}

long row_table_find(const RowTable *t, const char *id)
{
    return id_index_find(t->ids, t->rows, id);
}

int row_field_int(const char *field, int lo, int hi, int *out)
{
    long v = 0;
    if (!*field || strlen(field) > 9)
        return -1;
    for (const char *s = field; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int row_field_word(char *dst, size_t cap, const char *field)
{
    size_t n = strlen(field);
    if (n == 0 || n >= cap || strspn(field, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
        return -1;
    memcpy(dst, field, n + 1);
    return 0;
}

int row_field_text(char *dst, size_t cap, const char *field)
{
    size_t n = strlen(field);
    if (n == 0 || n >= cap)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)field[i] < 0x20 || field[i] == 0x7f)
            return -1;
    memcpy(dst, field, n + 1);
    return 0;
}
