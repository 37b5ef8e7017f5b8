/* An index of a table's rows by a text key, such as the id of each row of
 * a data file: a repeated key, or the row of a key, is found in the same
 * short time however many rows there are (open addressing on a hash of
 * the key). The rows stay the caller's (for instance in an array that may
 * move as it grows); the index keeps row numbers and asks the caller for a
 * row's key. */
#ifndef GMI_IDINDEX_H
#define GMI_IDINDEX_H

#include <stddef.h>

typedef struct IdIndex IdIndex;

/* The key of row `row` of the caller's rows (whatever rows points to). */
typedef const char *(*IdIndexIdOf)(const void *rows, size_t row);

/* Returns a new, empty index the caller destroys, or NULL when out of
 * memory. */
IdIndex *id_index_create(IdIndexIdOf id_of);

/* Frees the index; NULL is allowed. */
void id_index_destroy(IdIndex *x);

/* Returns the row with this key among those added, or -1. rows is where
 * the caller's rows are now. */
long id_index_find(const IdIndex *x, const void *rows, const char *key);

/* Adds row `row` of rows, whose key must not be in the index yet. Returns
 * 0, or -1 when out of memory (the index is then as it was). */
int id_index_add(IdIndex *x, const void *rows, size_t row);

#endif
