/* Lasting identifiers of profiles and sessions: random (version 4) UUIDs
 * from libsodium's random bytes, written in the usual 36-character form,
 * e.g. "3f2b8c1e-9a4d-4e6f-b2c1-7d8e9f0a1b2c". */
#ifndef GMI_UUID_H
#define GMI_UUID_H

#include <sqlite3.h>

/* Adds the SQL function gmi_uuid(), which returns a new UUID at each call,
 * to db: the default of the uuid columns. libsodium must be initialised
 * (sodium_init, as store_open does). Returns SQLite's status. */
int uuid_register(sqlite3 *db);

#endif
