/* The rows of one of the trainer's data files (a CSV table with a fixed
 * header, such as the stimulus catalogue or the exercise list): each row
 * parsed into a struct of a fixed size, kept in file order and indexed by
 * its id, which must not repeat. */
#ifndef GMI_ROWTABLE_H
#define GMI_ROWTABLE_H

#include <stddef.h>

#include "idindex.h"

/* What a kind of data file is made of. */
typedef struct RowTableSpec {
    const char *const *header; /* the first line's column names */
    int columns;               /* how many, at most CSV_MAX_COLUMNS */
    size_t row_size;           /* the size of one parsed row */
    IdIndexIdOf id_of;         /* the id of a row of an array of parsed rows */
    /* Fills row (row_size bytes) from fields[0..columns). Returns NULL, or
     * what is wrong (a message that lives as long as the program). */
    const char *(*parse)(char **fields, void *row);
} RowTableSpec;

/* The parsed rows: rows[0..count) of spec->row_size bytes each. */
typedef struct RowTable {
    void *rows;
    size_t count;
    size_t capacity;
    size_t row_size;
    IdIndex *ids;
} RowTable;

/* Parses text[0..len) into *t (its old contents are not freed). name is
 * used in messages only. Returns the number of the last line read (for the
 * caller's own checks), or -1 with "name:line: what is wrong" (or "name:
 * out of memory") in err. Either way the caller frees *t with
 * row_table_free. */
int row_table_read(RowTable *t, const RowTableSpec *spec, const char *text, size_t len,
                   const char *name, char *err, size_t errlen);

/* Frees what *t holds and empties it. */
void row_table_free(RowTable *t);

/* Returns row i (i < t->count); the pointer lives until t is freed. */
const void *row_table_get(const RowTable *t, size_t i);

/* Returns the index of the row with this id, or -1. */
long row_table_find(const RowTable *t, const char *id);

/* Field checks shared by the data files' row parsers. Each returns 0 and
 * fills its output, or -1 and leaves it as it was. */

/* A plain decimal number in [lo, hi]: 1 to 9 digits, no sign or spaces. */
int row_field_int(const char *field, int lo, int hi, int *out);

/* A word, such as an id: 1 to cap - 1 bytes of lower-case letters, digits
 * and '-', copied into dst[0..cap). */
int row_field_word(char *dst, size_t cap, const char *field);

/* Text: 1 to cap - 1 bytes free of control characters (bytes from 0x80 up
 * are let through, so UTF-8 text is allowed), copied into dst[0..cap). */
int row_field_text(char *dst, size_t cap, const char *field);

#endif
