/* An index of a table's rows by their text id, for the data-file parsers:
 * a repeated id, or the row of an id, is found in the same short time
 * however many rows there are (open addressing on a hash of the id). The
 * rows stay the caller's, in an array that may move as it grows; the index
 * keeps row numbers and asks the caller for a row's id. */
#ifndef GMI_IDINDEX_H
#define GMI_IDINDEX_H

#include <stddef.h>

typedef struct IdIndex IdIndex;

/* The id of row `row` of the caller's rows. */
typedef const char *(*IdIndexIdOf)(const void *rows, size_t row);

/* Returns a new, empty index the caller destroys, or NULL when out of
 * memory. */
IdIndex *id_index_create(IdIndexIdOf id_of);

/* Frees the index; NULL is allowed. */
void id_index_destroy(IdIndex *x);

/* Returns the row with this id among those added, or -1. rows is the
 * caller's array as it is now. */
long id_index_find(const IdIndex *x, const void *rows, const char *id);

/* Adds row `row` of rows, whose id must not be in the index yet. Returns
 * 0, or -1 when out of memory (the index is then as it was). */
int id_index_add(IdIndex *x, const void *rows, size_t row);

#endif
