/* The trainer's database: profiles and their prescriptions, the
 * therapist's PIN, sessions of the three kinds with their trials (drills)
 * and steps (imagery, mirror therapy), in one SQLite file (WAL mode, foreign keys on, schema
 * versioned with PRAGMA user_version and migrated in order when opened,
 * marked as the trainer's with PRAGMA application_id).
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
#include "imagery.h"
#include "mirror.h"
#include "prescription.h"
#include "progress.h"
#include "stats.h"
#include "table.h"
#include "touch.h"
#include "trial.h"

typedef struct Store Store;

/* PRAGMA application_id of the trainer's databases: "GMIT" in ASCII. A
 * database of an older version without it is recognised by its tables and
 * schema version and gets it when opened for writing. */
#define STORE_APPLICATION_ID 0x474D4954

typedef enum StoreMode {
    STORE_READ_WRITE, /* create the file (mode 0600) if missing and migrate it */
    STORE_READ_ONLY   /* the file must exist with a schema this version knows; nothing
                       * is written (no migration, no change of mode), and a folder
                       * that cannot be written is fine while no changes wait in the
                       * -wal file; the empty -wal and the -shm SQLite makes beside a
                       * database in WAL mode to read it go again at store_close,
                       * unless they were there before or another connection (a
                       * trainer running) still has the file open */
} StoreMode;

/* Why opening failed. */
typedef enum StoreFailure {
    STORE_FAILED_OTHER,   /* cannot read or write the file, out of memory, ... */
    STORE_FAILED_DAMAGED, /* not an SQLite database, or a corrupt one */
    STORE_FAILED_NEWER,   /* written by a newer version of the trainer */
    STORE_FAILED_FOREIGN, /* an SQLite database of another program */
    STORE_FAILED_OLDER    /* STORE_READ_ONLY: written by an older version, not updated */
} StoreFailure;

/* Opens the database at path. Returns a handle the caller closes, or NULL
 * with a message in err and the kind of failure in *why (why may be NULL).
 * A file that fails is never changed: anything but a regular file (a device,
 * a FIFO, a folder) and any SQLite file that is not the trainer's are
 * refused before anything is written. */
Store *store_open(const char *path, StoreMode mode, StoreFailure *why, char *err, size_t errlen);

/* Moves a damaged database out of the way without changing it: path (and
 * its -wal and -shm files, if any) are renamed to path.damaged-STAMP...
 * The new name of the database goes to moved_to. Returns 0, or -1 with a
 * message (then nothing was renamed, or the WAL stays under its old name
 * beside the renamed file). */
int store_set_aside(const char *path, const char *stamp, char *moved_to, size_t cap, char *err,
                    size_t errlen);

/* Closes the database; NULL is allowed. A check still running is stopped.
 * A file found damaged, or not yet found sound by a check that was started,
 * keeps its changes in its -wal file (nothing is copied into it). */
void store_close(Store *s);

/* The message of the last failure on s. */
const char *store_errmsg(const Store *s);

/* Whether s found its file damaged: a call failed because SQLite reported
 * it corrupt or not a database, or the check found damage. The caller then
 * closes s and sets the file aside. */
bool store_damaged(const Store *s);

/* The lock that lets one trainer at a time use a database: an exclusive
 * flock() on path.lock, a file beside the database (mode 0600, kept). The
 * kernel releases it when the process ends, however it ends. It is a file
 * of its own because SQLite's locks on the database are POSIX record locks,
 * which a process loses whenever it closes any descriptor of that file, and
 * because the database itself is renamed when set aside or restored. */
typedef struct StoreLock StoreLock;

/* Takes the lock without waiting. Returns it, or NULL with a message; *held
 * is set when another process holds it (then nothing was changed). A path
 * that is there but not a regular file is refused before any lock file is
 * made. */
StoreLock *store_lock(const char *path, bool *held, char *err, size_t errlen);

/* Releases the lock; NULL is allowed. */
void store_unlock(StoreLock *lock);

/* The check of the whole file started by store_check_start. */
typedef enum StoreCheck {
    STORE_CHECK_NONE,    /* not started, or it could not run (then s works as before) */
    STORE_CHECK_RUNNING, /* the file itself is not written meanwhile */
    STORE_CHECK_PASSED,
    STORE_CHECK_DAMAGED /* every later call on s fails, and store_damaged(s) says so */
} StoreCheck;

/* Starts PRAGMA quick_check of the open database on a thread of its own,
 * through a read-only connection of its own, so opening does not wait for
 * it (it reads the whole file: about half a second for a million trials). Until
 * it has passed, changes stay in the WAL and the database file itself is
 * not written, so a damaged file can still be set aside as it was found.
 * When it finds damage, every later call on s fails with a message and
 * store_damaged(s) is true. store_close stops it. Returns 0, or -1 with a
 * message when no check could be started. */
int store_check_start(Store *s);

/* Where the check stands (never waits). */
StoreCheck store_check_state(Store *s);

/* Writes a consistent copy of the open database to out_path with SQLite's
 * online backup API (it works while a session is being written through
 * another connection), through outfile_begin/outfile_commit (see
 * outfile.h): into a new temporary file beside out_path (mode 0600),
 * checked (integrity_check, application id) before it is renamed into
 * place. out_path must not be the database or one of its files. On failure
 * nothing is left under out_path or beside it. */
int store_backup(Store *s, const char *out_path);

/* What the database remembers about the data itself, for the therapist. */
typedef enum StoreNote {
    STORE_NOTE_LAST_BACKUP, /* when the last backup was made (ISO 8601) */
    STORE_NOTE_SET_ASIDE    /* where a damaged file was kept when this one was started */
} StoreNote;

/* Records a note, and reads it into value ("" when there is none; cap
 * bytes). */
int store_note_set(Store *s, StoreNote note, const char *value);
int store_note_get(Store *s, StoreNote note, char *value, size_t cap);

/* Installs the backup at backup_path as the database at db_path: the
 * backup's bytes are copied into a temporary file beside the database (by
 * outfile_begin; db_path must be a regular file or missing, not a link)
 * and checked there (application id, a schema this version knows, integrity),
 * so no -wal file lying beside the backup can be applied to it; then the
 * current database and its -wal and -shm files are set aside as
 * path.replaced-STAMP... (never deleted; moved_to receives the database's
 * new name, or "" when there was none) and the copy renamed into place.
 * The caller holds the lock. Returns 0, or -1 with a message; a failure
 * before the rename leaves the current database as it was. */
int store_restore(const char *db_path, const char *backup_path, const char *stamp, char *moved_to,
                  size_t cap, char *err, size_t errlen);

/* The schema version of the open file. */
int store_schema_version(Store *s);

/* How s's own connection guards the data against a crash or a power cut,
 * as SQLite reports it: the journal mode into journal[0..cap) ("wal" when
 * opened for writing) and PRAGMA synchronous into *synchronous (2, FULL,
 * when opened for writing: every commit reaches the disk before it
 * returns). Returns 0, or -1 with a message. */
int store_durability(Store *s, char *journal, size_t cap, int *synchronous);

/* The affected side of a patient; AFFECTED_BOTH also stands for "not set". */
typedef enum AffectedSide { AFFECTED_LEFT, AFFECTED_RIGHT, AFFECTED_BOTH } AffectedSide;

#define STORE_NOTES_MAX 2000

typedef struct StoreProfile {
    int64_t id;
    char name[64];
    LimbSet affected_limbs;
    AffectedSide affected_side;
    int stage; /* the current stage of graded motor imagery, 1-3 */
    char notes[STORE_NOTES_MAX + 1];
    bool archived; /* left out of the choice of who is practising; its data is kept */
} StoreProfile;

/* Lower-case names as stored ("left", "right", "both"), and their parser
 * (0, or -1 for an unknown name). */
const char *affected_side_name(AffectedSide side);
int affected_side_parse(const char *name, AffectedSide *out);

/* Finds the profile called name, creating it (stamped created_at) if it
 * does not exist. With name NULL: the oldest profile not archived (the
 * oldest archived one when all are), or a new one called "Default" when
 * there is none. A name that is not valid UTF-8 is never stored (the call
 * fails). */
int store_profile_open(Store *s, const char *name, const char *created_at, StoreProfile *out);

/* Looks up the profile called name without creating it; *found says whether
 * it exists. */
int store_profile_find(Store *s, const char *name, StoreProfile *out, bool *found);

/* Reads every profile, archived ones too, oldest first, into a new array
 * *out (caller frees; NULL when *n is 0). */
int store_profile_list(Store *s, StoreProfile **out, size_t *n);

/* Saves the name, affected limbs and side, stage, notes and whether it is
 * archived of the profile with p->id. A name another profile has, or a name or notes that are not
 * valid UTF-8, fail with a message saying so. */
int store_profile_update(Store *s, const StoreProfile *p);

/* The therapist's PIN: 4 to 8 digits, stored only as a salted Argon2id
 * hash. After STORE_PIN_FREE_TRIES wrong tries in a row each further try
 * must wait, 30 s after the 4th wrong try and twice as long after each
 * next one, at most STORE_PIN_WAIT_MAX_S; a right PIN resets the count.
 * The count and the time of the last wrong try are stored, so quitting
 * does not reset them. */
#define STORE_PIN_FREE_TRIES 3
#define STORE_PIN_WAIT_MAX_S 900

/* When a PIN is tried. The wall clock can be set by anyone with the
 * device's settings, so while the device has not restarted since the last
 * wrong try the wait is measured on its clock since start, which cannot be
 * set; after a restart only the wall clock is left. */
typedef struct PinTime {
    int64_t wall_s;   /* seconds since 1970 */
    int64_t boot_s;   /* seconds since the device started (Linux CLOCK_BOOTTIME) */
    char boot_id[40]; /* what tells this start from others; "" when unknown */
} PinTime;

/* Whether a PIN has been set (*exists). */
int store_pin_exists(Store *s, bool *exists);

/* Checks that pin is 4 to 8 digits; 0 if so. */
int store_pin_valid(const char *pin);

/* Sets (or replaces) the PIN. Fails with a message for an invalid PIN. */
int store_pin_set(Store *s, const char *pin);

typedef enum PinOutcome { PIN_ACCEPTED, PIN_WRONG, PIN_WAIT } PinOutcome;

/* Where the PIN stands at *now, read without trying one: *wait_s, the
 * seconds until a try is allowed (0 if now; at most STORE_PIN_WAIT_MAX_S,
 * as store_pin_check counts them), and *wrong_wait_s, the wait a wrong
 * next try would start (0 while wrong tries are still free). */
int store_pin_state(Store *s, const PinTime *now, int64_t *wait_s, int64_t *wrong_wait_s);

/* Checks pin tried at *now. *outcome: accepted, wrong (the try was
 * counted), or a wait is still running (the PIN was not checked); *wait_s:
 * seconds until the next try is allowed (0 if now), never more than
 * STORE_PIN_WAIT_MAX_S, even when the stored try lies further ahead (a
 * wall clock set back). Each try is counted in its own transaction before
 * the slow hash check, so tries from several processes at once are each
 * counted; a right PIN then resets the count. With no PIN set every PIN is
 * wrong. On failure (-1, message in the handle) the try may have been
 * counted. */
int store_pin_check(Store *s, const char *pin, const PinTime *now, PinOutcome *outcome,
                    int64_t *wait_s);

/* What store_prescription_target could not decide (bits). */
enum { STORE_TARGET_NO_SIDE = 1, STORE_TARGET_NO_LIMB = 2 };

/* The limb and side a session of imagery or mirror therapy practises under
 * the choices limb and side, for profile: an explicit choice, else the
 * profile's affected limb (when it names one: hands or feet) and side
 * (when it is set). Returns 0 with *out_limb and *out_side set, or the
 * STORE_TARGET_ bits of what is left open; a part that is decided is still
 * written. Never guesses. */
int store_prescription_target(const StoreProfile *profile, LimbChoice limb, SideChoice side,
                              Limb *out_limb, Side *out_side);

/* Loads the profile's prescription over *p, each field of
 * prescription_fields from its key (fields never saved keep their value; a
 * key no field has, saved by another version, is skipped). A stored value
 * out of range fails with a message naming it; the valid ones are still
 * applied. */
int store_prescription_load(Store *s, int64_t profile_id, Prescription *p);

/* Saves every field of the prescription under its key (one transaction). */
int store_prescription_save(Store *s, int64_t profile_id, const Prescription *p);

/* What is recorded about a session when it starts. Strings are borrowed. */
typedef struct SessionStart {
    int64_t profile_id;
    PracticeMode mode;
    DrillSettings settings; /* drill */
    Limb limb;              /* imagery and mirror therapy */
    Side side;              /* imagery and mirror therapy: the affected side */
    int count;              /* imagery: pictures */
    int hold_ms, rest_ms;   /* imagery */
    bool self_paced;        /* imagery */
    int planned_s;          /* mirror therapy and touch: session length */
    const char *pace;       /* mirror therapy: "slow", "medium" or "normal" */
    bool camera;            /* mirror therapy: the live camera mirror */
    uint64_t seed;
    const char *started_at; /* ISO 8601 with time zone */
    int64_t frame_ns;       /* the display's frame period (drill) */
    int pain_before;        /* 0-10, or -1 when not rated */
    int touch_step;         /* touch: the step of the ladder prescribed */
} SessionStart;

/* Marks the profile's sessions that never ended (the trainer was killed
 * mid-session) as interrupted and stopped early. *sessions and *trials
 * receive how many sessions were newly marked and how many trials they
 * kept (both 0 on failure). Call once at start-up, before any session. */
int store_mark_interrupted(Store *s, int64_t profile_id, int *sessions, int *trials);

/* Records the start of a session of any mode (the fields of start that
 * do not apply to its mode are stored as NULL); *session_id receives its
 * id. */
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
    bool too_fast; /* answered too fast to be a judgement (see TrialResult) */
} TrialRecord;

/* Stores one finished trial in its own transaction. */
int store_trial_add(Store *s, int64_t session_id, const TrialRecord *trial);

/* Marks the session ended at ended_at, stopped early or not, and whether
 * it was stopped because it hurt. */
int store_session_end(Store *s, int64_t session_id, const char *ended_at, bool stopped_early,
                      bool stopped_for_pain);

/* Records the ratings given after a session: pain 0-10 and, for imagery,
 * vividness 1-5; -1 leaves a rating unset. */
int store_session_rate(Store *s, int64_t session_id, int pain_after, int vividness);

/* One step of an imagery set (a picture held), of a mirror-therapy
 * session (a stretch of a phase and exercise) or of a touch session (a
 * texture touched: phase how, item the rung's id). Strings are borrowed. */
typedef struct StepRecord {
    int step; /* 1-based, in order */
    const char *phase;
    const char *item;
    int64_t duration_ms;
    bool completed;
    bool rated;     /* touch: discomfort was rated after the step */
    int discomfort; /* 0-10 when rated */
} StepRecord;

/* Stores one step in its own transaction. */
int store_step_add(Store *s, int64_t session_id, const StepRecord *step);

/* The profile's last touch sessions of one area, limb on side (at most
 * cap), oldest first, as the progression rule reads them, into
 * out[0..*n): the step prescribed, whether it ended without being stopped
 * early, whether it was stopped because it hurt, and the highest
 * discomfort rated in it (-1 when none). Sessions of another limb or side
 * are left out, so they neither count towards moving up nor break a run.
 * A session that never ended (the trainer was killed) is not finished. */
int store_touch_outcomes(Store *s, int64_t profile_id, Limb limb, Side side, TouchOutcome *out,
                         size_t cap, size_t *n);

/* Counts the profile's sessions started on the local date `date`
 * (YYYY-MM-DD) that were finished or stopped because they hurt: those of
 * touch practice with touch, else those of graded motor imagery (each kind
 * has a plan of its own). */
int store_sessions_done(Store *s, int64_t profile_id, const char *date, bool touch, int *done);

/* For each of the ndays dates from first_date (YYYY-MM-DD) on, counts[i]
 * receives how many sessions of the profile started that day. */
int store_day_counts(Store *s, int64_t profile_id, const char *first_date, int *counts, int ndays);

/* Reads the session's trials as outcomes into a new array *out (caller
 * frees; NULL when *n is 0). */
int store_session_outcomes(Store *s, int64_t session_id, TrialOutcome **out, size_t *n);

/* Finds the profile's latest drill before session_id that is comparable
 * with it (the same limbs and level) and has at least one judged trial;
 * *found says whether there is one. */
int store_previous_session(Store *s, int64_t profile_id, int64_t session_id, int64_t *previous,
                           bool *found);

/* A profile's practice over a range of days, as the progress module reads
 * it. The sessions' started_at strings live in `strings`. */
typedef struct StoreHistory {
    ProgressTrial *trials;
    size_t ntrials;
    ProgressSession *sessions;
    size_t nsessions;
    char *strings;
} StoreHistory;

/* Reads the profile's sessions that started from first_date to last_date
 * (YYYY-MM-DD, both included) with their drill trials into *out, which the
 * caller frees with store_history_free (also after a failure). Each
 * session's pictures, accuracy and median are computed from its trials
 * (imagery: its pictures held; mirror therapy and touch: the time of its
 * steps; touch: its side, step and highest discomfort). Reads only, through the index on the
 * profile and start, so the cost follows the range, not the database. */
int store_history_load(Store *s, int64_t profile_id, const char *first_date, const char *last_date,
                       StoreHistory *out);

void store_history_free(StoreHistory *h);

/* The first date of the profile's practice into date (YYYY-MM-DD), or "" when
 * there is none. */
int store_first_date(Store *s, int64_t profile_id, char date[PROGRESS_DATE_MAX]);

/* The date of the profile's last practice (the latest session's start) into
 * date (YYYY-MM-DD), or "" when there is none. */
int store_last_date(Store *s, int64_t profile_id, char date[PROGRESS_DATE_MAX]);

/* What store_export writes: one row per trial, or per session. */
typedef enum StoreExportKind { STORE_EXPORT_TRIALS, STORE_EXPORT_SESSIONS } StoreExportKind;

/* Writes the trials or the sessions (of the profile called profile, or of
 * all profiles when NULL) as CSV with a header line of the columns' names
 * (listed in README.md) or as a JSON array of objects with those keys in
 * that order, ordered by session and trial. A value that does not apply is
 * empty in CSV and null in JSON. A session's steps are written as
 * "phase/item/ms" joined by ';', a touch step rated for discomfort as
 * "phase/item/ms/discomfort". A trial answered too fast to be a
 * judgement has too_fast 1 and no correct value; a drill's correct,
 * accuracy_pct and median_rt_ms count only the judged trials, too_fast
 * counts the others and late_onsets the pictures whose frame was late.
 * Reads only. Fails with a message if writing to out fails. */
int store_export(Store *s, const char *profile, StoreExportKind what, TableFormat format,
                 FILE *out);

#endif
