/* The trainer's database: profiles, their settings, drill sessions and
 * trials, in one SQLite file (WAL mode, foreign keys on, schema versioned
 * with PRAGMA user_version and migrated in order when opened).
 *
 * Every function returning int returns 0 on success and -1 on failure,
 * leaving a message for store_errmsg(); a failed write changes nothing.
 * Strings passed in are borrowed for the duration of the call. */
#ifndef GMI_STORE_H
#define GMI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "drill.h"
#include "stats.h"
#include "trial.h"

typedef struct Store Store;

typedef enum StoreMode {
    STORE_READ_WRITE, /* create the file (mode 0600) if missing and migrate it */
    STORE_READ_ONLY   /* the file must exist with a schema this version knows */
} StoreMode;

/* Why opening failed. */
typedef enum StoreFailure {
    STORE_FAILED_OTHER,   /* cannot read or write the file, out of memory, ... */
    STORE_FAILED_DAMAGED, /* not an SQLite database, or a corrupt one */
    STORE_FAILED_NEWER    /* written by a newer version of the trainer */
} StoreFailure;

/* Opens the database at path. Returns a handle the caller closes, or NULL
 * with a message in err and the kind of failure in *why (why may be NULL).
 * A file that fails is never changed. */
Store *store_open(const char *path, StoreMode mode, StoreFailure *why, char *err, size_t errlen);

/* Moves a damaged database out of the way without changing it: path (and
 * its -wal and -shm files, if any) are renamed to path.damaged-STAMP...
 * The new name of the database goes to moved_to. Returns 0, or -1 with a
 * message (then nothing was renamed, or the WAL stays under its old name
 * beside the renamed file). */
int store_set_aside(const char *path, const char *stamp, char *moved_to, size_t cap, char *err,
                    size_t errlen);

/* Closes the database; NULL is allowed. */
void store_close(Store *s);

/* The message of the last failure on s. */
const char *store_errmsg(const Store *s);

/* The schema version of the open file. */
int store_schema_version(Store *s);

typedef struct StoreProfile {
    int64_t id;
    char name[64];
} StoreProfile;

/* Finds the profile called name, creating it (stamped created_at) if it
 * does not exist. With name NULL: the oldest profile, or a new one called
 * "Default" when there is none. */
int store_profile_open(Store *s, const char *name, const char *created_at, StoreProfile *out);

/* Looks up the profile called name without creating it; *found says whether
 * it exists. */
int store_profile_find(Store *s, const char *name, StoreProfile *out, bool *found);

/* Loads the profile's remembered drill settings over *settings (fields never
 * saved keep their value). A stored value out of range fails with a message
 * naming it; the valid ones are still applied. */
int store_settings_load(Store *s, int64_t profile_id, DrillSettings *settings);

/* Remembers the settings for the profile (one transaction). */
int store_settings_save(Store *s, int64_t profile_id, const DrillSettings *settings);

typedef struct SessionStart {
    int64_t profile_id;
    DrillSettings settings;
    uint64_t seed;
    const char *started_at; /* ISO 8601 with time zone */
    int64_t frame_ns;       /* the display's frame period */
} SessionStart;

/* Marks the profile's sessions that never ended (the trainer was killed
 * mid-drill) as interrupted and stopped early. *sessions and *trials
 * receive how many sessions were newly marked and how many trials they
 * kept. Call once at start-up, before any drill. */
int store_mark_interrupted(Store *s, int64_t profile_id, int *sessions, int *trials);

/* Records the start of a drill; *session_id receives its id. */
int store_session_begin(Store *s, const SessionStart *start, int64_t *session_id);

/* One shown picture as stored. Strings are borrowed. */
typedef struct TrialRecord {
    int trial; /* 1-based position in the session */
    const char *image;
    Limb limb;
    Side side;
    const char *view;
    const char *posture;
    int rotation_deg;
    Response response;
    bool correct;
    InputDevice input; /* ignored when response is RESPONSE_NONE */
    int64_t onset_ns;
    int64_t response_ns; /* ignored when response is RESPONSE_NONE */
    int64_t onset_interval_ns;
    bool late_onset;
} TrialRecord;

/* Stores one finished trial in its own transaction. */
int store_trial_add(Store *s, int64_t session_id, const TrialRecord *trial);

/* Marks the session ended at ended_at, stopped early or not. */
int store_session_end(Store *s, int64_t session_id, const char *ended_at, bool stopped_early);

/* Reads the session's trials as outcomes into a new array *out (caller
 * frees; NULL when *n is 0). */
int store_session_outcomes(Store *s, int64_t session_id, TrialOutcome **out, size_t *n);

/* Counts the session's trials whose onset frame was late. */
int store_session_late_onsets(Store *s, int64_t session_id, int *count);

/* Finds the profile's latest session with at least one trial before
 * session_id; *found says whether there is one. */
int store_previous_session(Store *s, int64_t profile_id, int64_t session_id, int64_t *previous,
                           bool *found);

/* The CSV header of store_export_trials_csv. */
#define STORE_CSV_HEADER                                                                           \
    "profile,session_id,started_at,trial,image,limb,side,view,posture,rotation_deg,response,"      \
    "correct,rt_ms,input"

/* Writes every trial (of the profile called profile, or of all profiles
 * when NULL) as CSV with the header above, ordered by session and trial.
 * Reads only. Fails with a message if writing to out fails. */
int store_export_trials_csv(Store *s, const char *profile, FILE *out);

#endif
