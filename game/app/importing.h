/* Importing a patient's practice on the therapist's computer, as the
 * command line and the therapist area offer it: the files that can be
 * picked, the import itself (store_import) and its result in words. */
#ifndef GMI_IMPORTING_H
#define GMI_IMPORTING_H

#include <stddef.h>
#include <time.h>

#include "store.h"

/* A folder searched for files to import, and how deep: 1 for the files in
 * it, 2 also for those in its folders, and so on. */
typedef struct ImportRoot {
    const char *dir;
    int depth;
} ImportRoot;

/* A file that may be imported. */
typedef struct ImportFile {
    char path[1024];
    long long size; /* bytes */
    time_t modified;
} ImportFile;

/* The places a therapist's file usually is, for a home folder home: USB
 * sticks and memory cards (/media, /run/media), ~/Downloads and the home
 * folder itself. Fills roots (room for IMPORT_ROOTS) with names kept in
 * dirs; returns how many. */
#define IMPORT_ROOTS 4
int importing_roots(const char *home, char dirs[IMPORT_ROOTS][1024], ImportRoot *roots);

/* Finds the regular files named *.db (backups and databases) under the
 * roots, skipping hidden files and folders and the database at database
 * and its files, biggest first and, among files of one size, newest
 * first. Writes at most max into out and returns how many (a folder that
 * cannot be read is passed over). */
int importing_find(const ImportRoot *roots, int nroots, const char *database, ImportFile *out,
                   int max);

/* Imports the file at path into s (store_import, stamped now) and writes
 * what was added, one line per patient, into text (cap bytes), e.g. "Alex
 * Morgan: 23 new sessions, 812 trials, from 2026-11-01 to 2026-11-28".
 * Returns 0, or -1 with the reason the file was refused in text (then s was
 * not changed). */
int importing_run(Store *s, const char *path, char *text, size_t cap);

/* The line for the therapist area: the prescription found on the patient's
 * device at the last import where it differed from the one here, e.g. "On
 * the patient's device (imported 2026-11-29): Left/right: Level 3",
 * into buf; "" when there is none (or it cannot be read). */
void importing_device_line(Store *s, int64_t profile_id, char *buf, size_t cap);

#endif
