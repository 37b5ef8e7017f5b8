/* Merging a patient's practice from another trainer's database (a backup
 * written by `gmi-trainer backup`, or a copy of the database itself) into
 * this one, as a therapist does with the data a patient brings from home.
 *
 * Profiles and sessions are matched by their lasting ids (schema version
 * 7), never by name: importing a file again adds nothing, a newer backup
 * adds only what is new, and two patients of the same name stay apart. */
#ifndef GMI_IMPORT_H
#define GMI_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define STORE_IMPORT_WORDS_MAX 640

/* What an import did for one patient of the file. */
typedef struct StoreImported {
    char name[64];            /* the patient's name in this database */
    char device_name[64];     /* and in the file (differs when kept apart from a namesake) */
    bool added;               /* the patient was not here before */
    int sessions;             /* sessions added */
    int completed;            /* sessions here that had not ended and were brought up to date */
    int trials, steps;        /* rows added */
    char first[11], last[11]; /* the first and last day of those sessions, "" without any */
    /* The prescription on the patient's device in words where it differs
     * from this database's (which is kept), or "". */
    char prescription[STORE_IMPORT_WORDS_MAX];
} StoreImported;

/* Merges the file at path into s. The file is opened read-only and checked
 * first: a regular file, not s's database or one of its files, the
 * trainer's application id, this version's schema, the full integrity
 * check and every reference; any other file is refused with a message and
 * s is not changed. Then, in one transaction on s:
 *
 * - a patient not here yet is added with their details and prescription;
 *   when a patient here already has the name, the new one gets the name
 *   with " (2)" (" (3)", ...) added;
 * - a patient here keeps the details and prescription this database has.
 *   Where the file's prescription differs, its fields that differ are kept
 *   in words with imported_at as the patient's prescription on their device
 *   (store_imported_prescription), e.g. "Patient: Per day 2; Left/right:
 *   Pictures 40, Level 3" (each field's tab, row label and button in the
 *   therapist area), and dropped once the two agree;
 * - sessions not here are added with their trials and steps; a session
 *   here that has not ended gets the trials and steps it lacks, and the
 *   file's version of its row once that has ended or was marked
 *   interrupted on the device; other sessions are left as they are.
 *
 * *out receives one entry per patient of the file, in the file's order
 * (caller frees; NULL when *n is 0). Returns 0, or -1 with a message in
 * store_errmsg(s); then nothing was changed and *out is NULL. */
int store_import(Store *s, const char *path, const char *imported_at, StoreImported **out,
                 size_t *n);

/* The prescription found on the profile's own device at the last import
 * where it differed (see store_import): its words into words and the time
 * of that import (ISO 8601) into when; both "" when there is none. */
int store_imported_prescription(Store *s, int64_t profile_id, char *when, size_t when_cap,
                                char *words, size_t words_cap);

#endif
