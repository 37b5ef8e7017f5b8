#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "migrations.h"

struct Store {
    sqlite3 *db;
    StoreFailure failure;       /* why store_open failed */
    sqlite3_stmt *insert_trial; /* prepared once: written between every two trials */
    char msg[512];
};

__attribute__((format(printf, 2, 3))) static int failf(Store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail_db(Store *s, const char *what)
{
    int code = sqlite3_errcode(s->db) & 0xff;
    if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
        code == SQLITE_CANTOPEN)
        return failf(s, "%s: the data folder is full or cannot be written to (%s)", what,
                     sqlite3_errmsg(s->db));
    return failf(s, "%s: %s", what, sqlite3_errmsg(s->db));
}

const char *store_errmsg(const Store *s)
{
    return s->msg;
}

static int exec(Store *s, const char *sql, const char *what)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail_db(s, what);
}

static int prepare(Store *s, const char *sql, sqlite3_stmt **st, const char *what)
{
    return sqlite3_prepare_v2(s->db, sql, -1, st, NULL) == SQLITE_OK ? 0 : fail_db(s, what);
}

/* Runs a statement that returns no rows, then finalizes it. */
static int step_done(Store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    int ok = rc == SQLITE_DONE;
    if (!ok)
        fail_db(s, what);
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

static void rollback(Store *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_schema_version(Store *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

static int migrate(Store *s, const char *path)
{
    int version = store_schema_version(s);
    if (version < 0)
        return failf(s, "%s is not a GMI Trainer database (%s)", path, sqlite3_errmsg(s->db));
    if (version > store_migration_count) {
        s->failure = STORE_FAILED_NEWER;
        return failf(s,
                     "%s was written by a newer version of GMI Trainer (schema %d, this version "
                     "knows up to %d); it was left untouched",
                     path, version, store_migration_count);
    }
    for (int v = version; v < store_migration_count; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
        if (exec(s, "BEGIN IMMEDIATE", "could not start the schema update"))
            return -1;
        if (exec(s, store_migrations[v], "could not update the database schema") ||
            exec(s, bump, "could not update the database schema") ||
            exec(s, "COMMIT", "could not save the schema update")) {
            rollback(s);
            return -1;
        }
    }
    return 0;
}

/* Creates the file readable by the user only before SQLite opens it; SQLite
 * gives its WAL and shared-memory files the same mode. An existing file is
 * tightened to 0600 as well. */
static int prepare_file(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = fchmod(fd, 0600);
    int saved = errno;
    close(fd);
    if (rc) {
        snprintf(err, errlen, "cannot make %s private: %s", path, strerror(saved));
        return -1;
    }
    return 0;
}

Store *store_open(const char *path, StoreMode mode, StoreFailure *why, char *err, size_t errlen)
{
    StoreFailure ignored;
    if (!why)
        why = &ignored;
    *why = STORE_FAILED_OTHER;
    if (mode == STORE_READ_WRITE && prepare_file(path, err, errlen))
        return NULL;
    Store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory opening %s", path);
        return NULL;
    }
    int flags = mode == STORE_READ_ONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 2000);
    int ok;
    if (mode == STORE_READ_WRITE) {
        /* FULL makes every trial's commit durable across power loss, which
         * is what "a crash loses at most the trial in progress" needs. */
        ok = exec(s, "PRAGMA journal_mode = WAL", "cannot use this database file") == 0 &&
             exec(s, "PRAGMA synchronous = FULL", "cannot use this database file") == 0 &&
             exec(s, "PRAGMA foreign_keys = ON", "cannot use this database file") == 0 &&
             migrate(s, path) == 0;
    } else {
        /* Reading must not change the file, so an older schema is not migrated. */
        int version = store_schema_version(s);
        ok = version == store_migration_count;
        if (version < 0)
            failf(s, "%s is not a GMI Trainer database (%s)", path, sqlite3_errmsg(s->db));
        else if (version == 0)
            failf(s, "%s holds no GMI Trainer data yet", path);
        else if (version > store_migration_count) {
            s->failure = STORE_FAILED_NEWER;
            failf(s, "%s was written by a newer version of GMI Trainer", path);
        } else if (!ok)
            failf(s, "%s needs an update: open it once with the trainer first", path);
    }
    if (ok)
        ok = prepare(s,
                     "INSERT INTO trials (session_id, trial, image, limb, side, view, posture, "
                     "rotation_deg, response, correct, onset_ns, response_ns, rt_ns, input, "
                     "onset_interval_ns, late_onset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                     "?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                     &s->insert_trial, "cannot prepare the trial insert") == 0;
    if (!ok) {
        int code = sqlite3_errcode(s->db);
        *why = s->failure == STORE_FAILED_NEWER                  ? STORE_FAILED_NEWER
               : code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? STORE_FAILED_DAMAGED
                                                                 : STORE_FAILED_OTHER;
        snprintf(err, errlen, "%s", s->msg);
        store_close(s);
        return NULL;
    }
    return s;
}

int store_set_aside(const char *path, const char *stamp, char *moved_to, size_t cap, char *err,
                    size_t errlen)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char from[4096], to[4096];
        snprintf(from, sizeof from, "%s%s", path, suffixes[i]);
        snprintf(to, sizeof to, "%s.damaged-%s%s", path, stamp, suffixes[i]);
        if (i == 0)
            snprintf(moved_to, cap, "%s", to);
        if (access(to, F_OK) == 0) {
            snprintf(err, errlen, "cannot set %s aside: %s already exists", from, to);
            return -1;
        }
        if (rename(from, to) != 0 && (i == 0 || errno != ENOENT)) {
            snprintf(err, errlen, "cannot set %s aside: %s", from, strerror(errno));
            return -1;
        }
    }
    return 0;
}

void store_close(Store *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->insert_trial);
    sqlite3_close(s->db);
    free(s);
}

static void copy_name(char *dst, size_t cap, const unsigned char *src)
{
    snprintf(dst, cap, "%s", src ? (const char *)src : "");
}

int store_profile_find(Store *s, const char *name, StoreProfile *out, bool *found)
{
    sqlite3_stmt *st;
    if (prepare(s, "SELECT id, name FROM profiles WHERE name = ?1", &st, "cannot look up profile"))
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found) {
        out->id = sqlite3_column_int64(st, 0);
        copy_name(out->name, sizeof out->name, sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(s, "cannot look up profile");
}

int store_profile_open(Store *s, const char *name, const char *created_at, StoreProfile *out)
{
    bool found = false;
    if (name) {
        if (store_profile_find(s, name, out, &found))
            return -1;
    } else {
        sqlite3_stmt *st;
        if (prepare(s, "SELECT id, name FROM profiles ORDER BY id LIMIT 1", &st,
                    "cannot look up profiles"))
            return -1;
        int rc = sqlite3_step(st);
        found = rc == SQLITE_ROW;
        if (found) {
            out->id = sqlite3_column_int64(st, 0);
            copy_name(out->name, sizeof out->name, sqlite3_column_text(st, 1));
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return fail_db(s, "cannot look up profiles");
        name = "Default";
    }
    if (found)
        return 0;
    sqlite3_stmt *st;
    if (prepare(s, "INSERT INTO profiles (name, created_at) VALUES (?1, ?2)", &st,
                "cannot create profile"))
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, created_at, -1, SQLITE_TRANSIENT);
    if (step_done(s, st, "cannot create profile"))
        return -1;
    out->id = sqlite3_last_insert_rowid(s->db);
    snprintf(out->name, sizeof out->name, "%s", name);
    return 0;
}

/* The remembered settings, each a key with its valid range. */
typedef struct SettingKey {
    const char *key;
    int lo, hi;
} SettingKey;

static const SettingKey setting_keys[] = {
    {"limbs", LIMBS_HANDS, LIMBS_BOTH},
    {"count", 1, 200},
    {"time_limit_ms", 0, DRILL_MAX_TIME_LIMIT_MS},
    {"level", 1, 4},
    {"feedback", 0, 1},
};
enum { SETTING_KEYS = sizeof setting_keys / sizeof setting_keys[0] };

int store_settings_load(Store *s, int64_t profile_id, DrillSettings *settings)
{
    sqlite3_stmt *st;
    if (prepare(s, "SELECT key, value FROM settings WHERE profile_id = ?1", &st,
                "cannot read settings"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *text = (const char *)sqlite3_column_text(st, 1);
        int k = 0;
        while (k < SETTING_KEYS && strcmp(key ? key : "", setting_keys[k].key) != 0)
            k++;
        if (k == SETTING_KEYS)
            continue; /* a setting of another version of the trainer */
        char *end;
        long v = text ? strtol(text, &end, 10) : 0;
        if (!text || !*text || *end || v < setting_keys[k].lo || v > setting_keys[k].hi) {
            if (!bad)
                failf(s, "the saved setting '%s' is invalid ('%.30s'); using the default", key,
                      text ? text : "");
            bad = 1;
            continue;
        }
        switch (k) {
        case 0:
            settings->limbs = (LimbSet)v;
            break;
        case 1:
            settings->count = (int)v;
            break;
        case 2:
            settings->time_limit_ms = (int)v;
            break;
        case 3:
            settings->level = (int)v;
            break;
        default:
            settings->feedback = v != 0;
            break;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail_db(s, "cannot read settings");
    return bad ? -1 : 0;
}

int store_settings_save(Store *s, int64_t profile_id, const DrillSettings *d)
{
    const int values[SETTING_KEYS] = {(int)d->limbs, d->count, d->time_limit_ms, d->level,
                                      d->feedback ? 1 : 0};
    if (exec(s, "BEGIN IMMEDIATE", "cannot save settings"))
        return -1;
    for (int k = 0; k < SETTING_KEYS; k++) {
        sqlite3_stmt *st;
        if (prepare(s,
                    "INSERT INTO settings (profile_id, key, value) VALUES (?1, ?2, ?3) "
                    "ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value",
                    &st, "cannot save settings")) {
            rollback(s);
            return -1;
        }
        char text[16];
        snprintf(text, sizeof text, "%d", values[k]);
        sqlite3_bind_int64(st, 1, profile_id);
        sqlite3_bind_text(st, 2, setting_keys[k].key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
        if (step_done(s, st, "cannot save settings")) {
            rollback(s);
            return -1;
        }
    }
    if (exec(s, "COMMIT", "cannot save settings")) {
        rollback(s);
        return -1;
    }
    return 0;
}

int store_mark_interrupted(Store *s, int64_t profile_id, int *sessions, int *trials)
{
    *sessions = 0;
    *trials = 0;
    sqlite3_stmt *st;
    if (exec(s, "BEGIN IMMEDIATE", "cannot check for interrupted sessions"))
        return -1;
    if (prepare(
            s,
            "SELECT count(*), (SELECT count(*) FROM trials t JOIN sessions u ON u.id = "
            "t.session_id WHERE u.profile_id = ?1 AND u.ended_at IS NULL AND u.interrupted = 0) "
            "FROM sessions WHERE profile_id = ?1 AND ended_at IS NULL AND interrupted = 0",
            &st, "cannot check for interrupted sessions")) {
        rollback(s);
        return -1;
    }
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *sessions = sqlite3_column_int(st, 0);
        *trials = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        fail_db(s, "cannot check for interrupted sessions");
        rollback(s);
        return -1;
    }
    if (prepare(s,
                "UPDATE sessions SET interrupted = 1, stopped_early = 1 "
                "WHERE profile_id = ?1 AND ended_at IS NULL AND interrupted = 0",
                &st, "cannot mark interrupted sessions")) {
        rollback(s);
        return -1;
    }
    sqlite3_bind_int64(st, 1, profile_id);
    if (step_done(s, st, "cannot mark interrupted sessions") ||
        exec(s, "COMMIT", "cannot mark interrupted sessions")) {
        rollback(s);
        *sessions = *trials = 0;
        return -1;
    }
    return 0;
}

int store_session_begin(Store *s, const SessionStart *start, int64_t *session_id)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "INSERT INTO sessions (profile_id, limbs, level, planned_count, time_limit_ms, "
                "feedback, seed, started_at, frame_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &st, "cannot start the session"))
        return -1;
    sqlite3_bind_int64(st, 1, start->profile_id);
    sqlite3_bind_text(st, 2, limb_set_name(start->settings.limbs), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, start->settings.level);
    sqlite3_bind_int(st, 4, start->settings.count);
    sqlite3_bind_int(st, 5, start->settings.time_limit_ms);
    sqlite3_bind_int(st, 6, start->settings.feedback ? 1 : 0);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)start->seed);
    sqlite3_bind_text(st, 8, start->started_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 9, start->frame_ns);
    if (step_done(s, st, "cannot start the session"))
        return -1;
    *session_id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_trial_add(Store *s, int64_t session_id, const TrialRecord *t)
{
    sqlite3_stmt *st = s->insert_trial;
    int answered = t->response != RESPONSE_NONE;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, t->trial);
    sqlite3_bind_text(st, 3, t->image, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, limb_name(t->limb), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, side_name(t->side), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, t->view, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, t->posture, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 8, t->rotation_deg);
    sqlite3_bind_text(st, 9, response_name(t->response), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 10, t->correct ? 1 : 0);
    sqlite3_bind_int64(st, 11, t->onset_ns);
    if (answered) {
        sqlite3_bind_int64(st, 12, t->response_ns);
        sqlite3_bind_int64(st, 13, t->response_ns - t->onset_ns);
        sqlite3_bind_text(st, 14, input_name(t->input), -1, SQLITE_STATIC);
    }
    sqlite3_bind_int64(st, 15, t->onset_interval_ns);
    sqlite3_bind_int(st, 16, t->late_onset ? 1 : 0);
    /* Outside an explicit transaction the insert is its own transaction. */
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail_db(s, "cannot save the trial");
}

int store_session_end(Store *s, int64_t session_id, const char *ended_at, bool stopped_early)
{
    sqlite3_stmt *st;
    if (prepare(s, "UPDATE sessions SET ended_at = ?2, stopped_early = ?3 WHERE id = ?1", &st,
                "cannot end the session"))
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_text(st, 2, ended_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, stopped_early ? 1 : 0);
    return step_done(s, st, "cannot end the session");
}

int store_session_outcomes(Store *s, int64_t session_id, TrialOutcome **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT side, limb, correct, rt_ns FROM trials WHERE session_id = ?1 "
                "ORDER BY trial",
                &st, "cannot read the session"))
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            TrialOutcome *grown = realloc(*out, cap * sizeof *grown);
            if (!grown) {
                sqlite3_finalize(st);
                free(*out);
                *out = NULL;
                *n = 0;
                return failf(s, "out of memory reading the session");
            }
            *out = grown;
        }
        TrialOutcome *o = &(*out)[(*n)++];
        const char *side = (const char *)sqlite3_column_text(st, 0);
        const char *limb = (const char *)sqlite3_column_text(st, 1);
        o->side = side && !strcmp(side, "right") ? SIDE_RIGHT : SIDE_LEFT;
        o->limb = limb && !strcmp(limb, "foot") ? LIMB_FOOT : LIMB_HAND;
        o->correct = sqlite3_column_int(st, 2) != 0;
        o->rt_ms = sqlite3_column_type(st, 3) == SQLITE_NULL
                       ? -1.0
                       : (double)sqlite3_column_int64(st, 3) / 1e6;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return fail_db(s, "cannot read the session");
    }
    return 0;
}

int store_session_late_onsets(Store *s, int64_t session_id, int *count)
{
    sqlite3_stmt *st;
    if (prepare(s, "SELECT count(*) FROM trials WHERE session_id = ?1 AND late_onset = 1", &st,
                "cannot read the session"))
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    int rc = sqlite3_step(st);
    *count = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fail_db(s, "cannot read the session");
}

int store_previous_session(Store *s, int64_t profile_id, int64_t session_id, int64_t *previous,
                           bool *found)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT id FROM sessions s WHERE profile_id = ?1 AND id < ?2 AND EXISTS "
                "(SELECT 1 FROM trials t WHERE t.session_id = s.id) ORDER BY id DESC LIMIT 1",
                &st, "cannot read earlier sessions"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int64(st, 2, session_id);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        *previous = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(s, "cannot read earlier sessions");
}

/* Milliseconds with three decimals from nanoseconds, rounded to the
 * microsecond with integer arithmetic. */
static void format_rt_ms(char *buf, size_t cap, int64_t rt_ns)
{
    int64_t us = (rt_ns >= 0 ? rt_ns + 500 : rt_ns - 500) / 1000;
    const char *sign = us < 0 ? "-" : "";
    if (us < 0)
        us = -us;
    snprintf(buf, cap, "%s%lld.%03lld", sign, (long long)(us / 1000), (long long)(us % 1000));
}

int store_export_trials_csv(Store *s, const char *profile, FILE *out)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT p.name, s.id, s.started_at, t.trial, t.image, t.limb, t.side, t.view, "
                "t.posture, t.rotation_deg, t.response, t.correct, t.rt_ns, t.input "
                "FROM trials t JOIN sessions s ON s.id = t.session_id "
                "JOIN profiles p ON p.id = s.profile_id "
                "WHERE ?1 IS NULL OR p.name = ?1 ORDER BY s.id, t.trial",
                &st, "cannot read the trials"))
        return -1;
    if (profile)
        sqlite3_bind_text(st, 1, profile, -1, SQLITE_TRANSIENT);
    int io = fputs(STORE_CSV_HEADER "\n", out) < 0 ? -1 : 0;
    int rc = SQLITE_DONE;
    while (io == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char rt[32] = "";
        if (sqlite3_column_type(st, 12) != SQLITE_NULL)
            format_rt_ms(rt, sizeof rt, sqlite3_column_int64(st, 12));
        char number[4][24];
        snprintf(number[0], sizeof number[0], "%lld", (long long)sqlite3_column_int64(st, 1));
        snprintf(number[1], sizeof number[1], "%d", sqlite3_column_int(st, 3));
        snprintf(number[2], sizeof number[2], "%d", sqlite3_column_int(st, 9));
        snprintf(number[3], sizeof number[3], "%d", sqlite3_column_int(st, 11));
        const char *fields[14];
        for (int c = 0; c < 14; c++) {
            const unsigned char *text = sqlite3_column_text(st, c);
            fields[c] = text ? (const char *)text : "";
        }
        fields[1] = number[0];
        fields[3] = number[1];
        fields[9] = number[2];
        fields[11] = number[3];
        fields[12] = rt;
        for (int c = 0; c < 14 && io == 0; c++)
            io = (c > 0 && fputc(',', out) == EOF) || csv_write_field(out, fields[c]) ? -1 : 0;
        if (io == 0 && fputc('\n', out) == EOF)
            io = -1;
    }
    sqlite3_finalize(st);
    if (io || fflush(out) == EOF || ferror(out))
        return failf(s, "cannot write the export: %s", strerror(errno));
    if (rc != SQLITE_DONE)
        return fail_db(s, "cannot read the trials");
    return 0;
}
