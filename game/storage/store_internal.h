/* What the storage library's other files share with store.c: a handle's
 * connection and its ways of failing and of writing, so they behave as the
 * store's own functions do (damage noticed, messages kept, a failed write
 * rolled back). Not for use outside game/storage. */
#ifndef GMI_STORE_INTERNAL_H
#define GMI_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

/* s's connection, or NULL with a message when the check of the whole file
 * found it damaged. Owned by s. */
sqlite3 *store_sqlite(Store *s);

/* Keeps the message (printf-style) for store_errmsg(s); returns -1. */
__attribute__((format(printf, 2, 3))) int store_fail(Store *s, const char *fmt, ...);

/* Keeps "what: SQLite's message" for store_errmsg(s), noting damage when
 * SQLite reported the file corrupt; returns -1. */
int store_fail_db(Store *s, const char *what);

/* Starts a write transaction (BEGIN IMMEDIATE), and ends it: commits when
 * status is 0, else rolls back. Return 0, or -1 with a message. */
int store_write_begin(Store *s, const char *what);
int store_write_end(Store *s, int status, const char *what);

/* The full integrity check (PRAGMA integrity_check) of s's file. Returns 0
 * when it is whole, or -1 with a message in err (damaged, or the check
 * could not run). */
int store_integrity(Store *s, char *err, size_t errlen);

#endif
