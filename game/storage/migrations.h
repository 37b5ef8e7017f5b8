/* The database schema as an ordered list of migrations: store_migrations[i]
 * takes a database from schema version i to i + 1 (PRAGMA user_version). */
#ifndef GMI_MIGRATIONS_H
#define GMI_MIGRATIONS_H

extern const char *const store_migrations[];
extern const int store_migration_count;

#endif
