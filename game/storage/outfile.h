/* The one way the trainer writes a file for the user (an export, a report,
 * a backup), so every such file has the same guarantees:
 *
 * - It never replaces the trainer's database or its -wal, -shm, -journal or
 *   .lock file, however the name is spelt (./, .., a symbolic link to its folder,
 *   a hard link): names are compared after resolving the folder, and files
 *   by device and inode.
 * - Only a new name or an existing regular file is replaced; a folder, a
 *   device, a pipe or a symbolic link is refused.
 * - The data goes to a new temporary file beside the target, created
 *   exclusively (mkostemp: O_CREAT|O_EXCL|O_NOFOLLOW, never through a
 *   symbolic link) with mode 0600 and a unique name, so two writers never share it;
 *   it is flushed to disk, renamed over the target, and the folder is
 *   flushed too. A failure removes the temporary file and leaves the target
 *   as it was.
 * - Names are built in memory of their own size, never cut short: a name
 *   too long for the system is refused by the system. */
#ifndef GMI_OUTFILE_H
#define GMI_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct OutFile OutFile;

/* Checks that path may be written (see above; database is the trainer's
 * database, whose files are protected, or NULL) and creates the temporary
 * file. Returns a handle to finish with outfile_commit or outfile_abort, or
 * NULL with a message in err; then nothing was created. */
OutFile *outfile_begin(const char *path, const char *database, char *err, size_t errlen);

/* The open stream of the temporary file, for writing; owned by f. */
FILE *outfile_stream(OutFile *f);

/* The temporary file's name, for a writer that opens it by name (SQLite's
 * backup); owned by f. */
const char *outfile_temp_path(const OutFile *f);

/* Flushes the temporary file to disk, checks the target again, renames the
 * temporary file over it and flushes the folder. Returns 0, or -1 with a
 * message: the temporary file is then removed and the target untouched,
 * except when only the folder could not be flushed (the file is in place and
 * the message says so). Frees f either way. */
int outfile_commit(OutFile *f, char *err, size_t errlen);

/* Removes the temporary file and frees f; NULL is allowed. */
void outfile_abort(OutFile *f);

/* Whether path names the database at database or one of its files (as
 * outfile_begin judges it; false when database is NULL). For a file about
 * to be read, e.g. a backup to restore. */
bool outfile_names_database(const char *path, const char *database);

/* The size of an SQLite database file's header. */
#define OUTFILE_SQLITE_HEADER 100

/* Whether path is a regular file (not followed if a link) that begins as
 * every SQLite database does; its header then goes to header (a file
 * shorter than a header is still one, its missing bytes zero). */
bool outfile_sqlite_header(const char *path, unsigned char header[OUTFILE_SQLITE_HEADER]);

/* Writes something to a stream: returns 0, or -1 with a message in err. */
typedef int (*OutFileWriteFn)(FILE *out, void *ctx, char *err, size_t errlen);

/* Writes path with write() through outfile_begin and outfile_commit, for a
 * text (an export, a report): an existing SQLite database at path (a backup,
 * a damaged or replaced database kept beside the trainer's) is refused too.
 * With path NULL or "-" it writes to standard output instead, after checking
 * that standard output is not one of the database's files. Returns 0, or -1
 * with a message; a failure leaves no file and the target as it was. */
int outfile_write(const char *path, const char *database, OutFileWriteFn write, void *ctx,
                  char *err, size_t errlen);

#endif
