#include "import.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "store_internal.h"
#include "utf8.h"

/* Room for a statement naming every column of a table. */
#define SQL_MAX 4096

/* The file being imported: its store (read-only) and connection. */
typedef struct Source {
    Store *store;
    sqlite3 *db;
    const char *path;
} Source;

/* Fails s with the file's own SQLite message. */
static int source_fail(Store *s, const Source *src, const char *what)
{
    return store_fail(s, "%s %s: %s", what, src->path, sqlite3_errmsg(src->db));
}

/* The columns of table in this database, except those in skip (a NULL-ended
 * list), as "a, b, c" into list (cap bytes); *n receives how many. The file
 * has the same schema version, so the same columns. */
static int column_list(Store *s, sqlite3 *db, const char *table, const char *const *skip,
                       char *list, size_t cap, int *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &st,
                           NULL) != SQLITE_OK)
        return store_fail_db(s, "cannot read the database's tables");
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    size_t used = 0;
    int rc;
    list[0] = '\0';
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        bool skipped = false;
        for (const char *const *k = skip; *k && !skipped; k++)
            skipped = name && !strcmp(name, *k);
        if (skipped || !name)
            continue;
        used += (size_t)snprintf(list + used, used < cap ? cap - used : 0, "%s%s", *n ? ", " : "",
                                 name);
        (*n)++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail_db(s, "cannot read the database's tables");
    if (used >= cap || *n == 0)
        return store_fail(s, "the table %s cannot be imported", table);
    return 0;
}

/* Prepares sql (printf-style) on db; a failure is s's, named by what. */
__attribute__((format(printf, 5, 6))) static int
prepare_sql(Store *s, sqlite3 *db, sqlite3_stmt **st, const char *what, const char *fmt, ...)
{
    char sql[SQL_MAX];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    *st = NULL;
    if (len < 0 || (size_t)len >= sizeof sql)
        return store_fail(s, "%s: the statement is too long", what);
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
        return store_fail(s, "%s: %s", what, sqlite3_errmsg(db));
    return 0;
}

/* "?first, ?first+1, ..." for n parameters into buf. */
static const char *params(char *buf, size_t cap, int first, int n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s?%d", i ? ", " : "", first + i);
    return buf;
}

/* Binds columns from..from+n of the file's row to parameters to..to+n. */
static void bind_row(sqlite3_stmt *write, int to, sqlite3_stmt *read, int from, int n)
{
    for (int i = 0; i < n; i++)
        sqlite3_bind_value(write, to + i, sqlite3_column_value(read, from + i));
}

/* The rows of a table that belong to a parent row (a profile's settings, a
 * session's trials or steps): read from the file, written here under the
 * parent's id here. A row already here (the same key) is left as it is. */
typedef struct ChildCopy {
    sqlite3_stmt *read, *write;
    int n;
} ChildCopy;

static int child_prepare(Store *s, const Source *src, sqlite3 *db, const char *table,
                         const char *parent, ChildCopy *c)
{
    char list[SQL_MAX / 2], marks[SQL_MAX / 2];
    const char *const skip[] = {parent, NULL};
    *c = (ChildCopy){0};
    if (column_list(s, db, table, skip, list, sizeof list, &c->n))
        return -1;
    params(marks, sizeof marks, 2, c->n);
    return prepare_sql(s, src->db, &c->read, "cannot read the file",
                       "SELECT %s FROM %s WHERE %s = ?1", list, table, parent) ||
                   prepare_sql(s, db, &c->write, "cannot import",
                               "INSERT OR IGNORE INTO %s (%s, %s) VALUES (?1, %s)", table, parent,
                               list, marks)
               ? -1
               : 0;
}

static void child_finalize(ChildCopy *c)
{
    sqlite3_finalize(c->read);
    sqlite3_finalize(c->write);
}

/* Copies the rows of the file's parent `from` to the parent `to` here;
 * *added counts those written. */
static int child_copy(Store *s, const Source *src, sqlite3 *db, ChildCopy *c, int64_t from,
                      int64_t to, int *added)
{
    sqlite3_reset(c->read);
    sqlite3_bind_int64(c->read, 1, from);
    int rc;
    while ((rc = sqlite3_step(c->read)) == SQLITE_ROW) {
        sqlite3_reset(c->write);
        sqlite3_bind_int64(c->write, 1, to);
        bind_row(c->write, 2, c->read, 0, c->n);
        if (sqlite3_step(c->write) != SQLITE_DONE)
            return store_fail_db(s, "cannot import");
        *added += sqlite3_changes(db);
    }
    return rc == SQLITE_DONE ? 0 : source_fail(s, src, "cannot read");
}

/* Everything prepared for the import, on the file and here. */
typedef struct Import {
    Store *s;
    sqlite3 *db;
    Source src;
    const char *imported_at;
    sqlite3_stmt *profiles;      /* file: id, uuid, name, then the columns of new_profile */
    int profile_columns;         /* of new_profile, after the name */
    sqlite3_stmt *profile_by_id; /* here: id and name of the profile with uuid ?1 */
    sqlite3_stmt *name_taken;    /* here: whether a profile is called ?1 */
    sqlite3_stmt *new_profile;   /* here: name ?1, then the file's columns */
    sqlite3_stmt *sessions;      /* file: id, uuid, day, settled, then the columns of new_session */
    int session_columns;
    sqlite3_stmt *session_by_id; /* here: id and whether it ended, of the session with uuid ?1 */
    sqlite3_stmt *new_session;   /* here: profile ?1, then the file's columns */
    sqlite3_stmt *open_session;  /* here: session ?1 gets the file's columns where they differ */
    ChildCopy settings, trials, steps;
} Import;

static int import_prepare(Import *im)
{
    Store *s = im->s;
    char profile_list[SQL_MAX / 2], session_list[SQL_MAX / 2], marks[SQL_MAX / 2];
    const char *const profile_skip[] = {"id", "name", NULL};
    const char *const session_skip[] = {"id", "profile_id", NULL};
    if (column_list(s, im->db, "profiles", profile_skip, profile_list, sizeof profile_list,
                    &im->profile_columns) ||
        column_list(s, im->db, "sessions", session_skip, session_list, sizeof session_list,
                    &im->session_columns))
        return -1;
    const char *read = "cannot read the file", *write = "cannot import";
    params(marks, sizeof marks, 2, im->profile_columns);
    if (prepare_sql(s, im->src.db, &im->profiles, read,
                    "SELECT id, uuid, name, %s FROM profiles ORDER BY id", profile_list) ||
        prepare_sql(s, im->db, &im->profile_by_id, write,
                    "SELECT id, name FROM profiles WHERE uuid = ?1") ||
        prepare_sql(s, im->db, &im->name_taken, write, "SELECT 1 FROM profiles WHERE name = ?1") ||
        prepare_sql(s, im->db, &im->new_profile, write,
                    "INSERT INTO profiles (name, %s) VALUES (?1, %s)", profile_list, marks))
        return -1;
    params(marks, sizeof marks, 2, im->session_columns);
    return prepare_sql(s, im->src.db, &im->sessions, read,
                       "SELECT id, uuid, substr(started_at, 1, 10), "
                       "ended_at IS NOT NULL OR interrupted, %s FROM sessions "
                       "WHERE profile_id = ?1 ORDER BY id",
                       session_list) ||
                   prepare_sql(s, im->db, &im->session_by_id, write,
                               "SELECT id, ended_at IS NOT NULL FROM sessions WHERE uuid = ?1") ||
                   prepare_sql(s, im->db, &im->new_session, write,
                               "INSERT INTO sessions (profile_id, %s) VALUES (?1, %s)",
                               session_list, marks) ||
                   prepare_sql(s, im->db, &im->open_session, write,
                               "UPDATE sessions SET (%s) = (%s) WHERE id = ?1 AND (%s) IS NOT (%s)",
                               session_list, marks, session_list, marks) ||
                   child_prepare(s, &im->src, im->db, "settings", "profile_id", &im->settings) ||
                   child_prepare(s, &im->src, im->db, "trials", "session_id", &im->trials) ||
                   child_prepare(s, &im->src, im->db, "steps", "session_id", &im->steps)
               ? -1
               : 0;
}

static void import_finalize(Import *im)
{
    sqlite3_stmt *const statements[] = {im->profiles,    im->profile_by_id, im->name_taken,
                                        im->new_profile, im->sessions,      im->session_by_id,
                                        im->new_session, im->open_session};
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++)
        sqlite3_finalize(statements[i]);
    child_finalize(&im->settings);
    child_finalize(&im->trials);
    child_finalize(&im->steps);
}

/* Steps a lookup of one row here; *found says whether there was one. */
static int lookup(Import *im, sqlite3_stmt *st, bool *found)
{
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail_db(im->s, "cannot import");
}

/* A name for a new patient that no patient here has: theirs, or theirs
 * with " (2)", " (3)", ... added (cut between whole characters to fit). */
static int free_name(Import *im, const char *name, char *out, size_t cap)
{
    for (int k = 1; k < 1000; k++) {
        char suffix[16] = "";
        if (k > 1)
            snprintf(suffix, sizeof suffix, " (%d)", k);
        utf8_copy(out, cap - strlen(suffix), name);
        strcat(out, suffix);
        bool taken;
        sqlite3_reset(im->name_taken);
        sqlite3_bind_text(im->name_taken, 1, out, -1, SQLITE_STATIC);
        if (lookup(im, im->name_taken, &taken))
            return -1;
        if (!taken)
            return 0;
    }
    return store_fail(im->s, "too many patients are called '%s'", name);
}

/* Adds the file's current profile here, with its settings; *id receives
 * its id here. */
static int add_profile(Import *im, int64_t from, StoreImported *r, int64_t *id)
{
    int added = 0;
    if (free_name(im, r->device_name, r->name, sizeof r->name))
        return -1;
    sqlite3_reset(im->new_profile);
    sqlite3_bind_text(im->new_profile, 1, r->name, -1, SQLITE_STATIC);
    bind_row(im->new_profile, 2, im->profiles, 3, im->profile_columns);
    if (sqlite3_step(im->new_profile) != SQLITE_DONE)
        return store_fail_db(im->s, "cannot import");
    *id = sqlite3_last_insert_rowid(im->db);
    r->added = true;
    return child_copy(im->s, &im->src, im->db, &im->settings, from, *id, &added);
}

/* The fields of device that differ from here, in the therapist area's
 * words: each field's tab, then its row label and its button for the value
 * (or the number where no button has it), e.g. "Patient: Per day 2;
 * Left/right: Pictures 40, Level 3"; "" when they are alike. */
static void describe_difference(const Prescription *device, const Prescription *here, char *buf,
                                size_t cap)
{
    static const char *const tabs[] = {"Patient", "Left/right", "Imagine", "Mirror"};
    int part = -1;
    buf[0] = '\0';
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        int v = prescription_field_get(device, f);
        if (v == prescription_field_get(here, f))
            continue;
        char value[32];
        int c = 0, choices = prescription_field_choice_count(f);
        while (c < choices && f->choices[c].value != v)
            c++;
        if (c < choices)
            snprintf(value, sizeof value, "%s", f->choices[c].label);
        else if (f->kind == PRESCRIPTION_SECONDS)
            snprintf(value, sizeof value, "%g s", v / 1000.0);
        else
            snprintf(value, sizeof value, "%d", v);
        /* A tab's fields after its name, once. */
        bool same_tab = (int)f->part == part;
        size_t n = strlen(buf);
        if (n < cap)
            snprintf(buf + n, cap - n, "%s%s%s%s %s",
                     same_tab ? ", "
                     : n      ? "; "
                              : "",
                     same_tab ? "" : tabs[f->part], same_tab ? "" : ": ", f->label, value);
        part = (int)f->part;
    }
}

/* Compares the prescription in the file with the one here for the profile
 * here (id): keeps the file's fields that differ in words, drops the kept
 * words when they agree. A setting that cannot be read counts as its
 * default, as when the trainer loads it. */
static int compare_prescriptions(Import *im, int64_t from, int64_t id, StoreImported *r)
{
    Prescription device = prescription_default(), ours = prescription_default();
    store_prescription_load(im->src.store, from, &device);
    store_prescription_load(im->s, id, &ours);
    describe_difference(&device, &ours, r->prescription, sizeof r->prescription);
    sqlite3_stmt *st;
    int rc = r->prescription[0]
                 ? prepare_sql(im->s, im->db, &st, "cannot import",
                               "INSERT INTO imported_prescriptions (profile_id, imported_at, "
                               "description) VALUES (?1, ?2, ?3) ON CONFLICT (profile_id) DO "
                               "UPDATE SET imported_at = excluded.imported_at, "
                               "description = excluded.description")
                 : prepare_sql(im->s, im->db, &st, "cannot import",
                               "DELETE FROM imported_prescriptions WHERE profile_id = ?1");
    if (rc)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (r->prescription[0]) {
        sqlite3_bind_text(st, 2, im->imported_at, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r->prescription, -1, SQLITE_STATIC);
    }
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail_db(im->s, "cannot import");
    sqlite3_finalize(st);
    return rc;
}

/* Notes a day of a session that was added to or completed. */
static void note_day(StoreImported *r, const char *day)
{
    if (!day)
        return;
    if (!r->first[0] || strcmp(day, r->first) < 0)
        snprintf(r->first, sizeof r->first, "%s", day);
    if (!r->last[0] || strcmp(day, r->last) > 0)
        snprintf(r->last, sizeof r->last, "%s", day);
}

/* Merges the sessions of the file's profile `from` into the profile `to`. */
static int merge_sessions(Import *im, int64_t from, int64_t to, StoreImported *r)
{
    sqlite3_stmt *read = im->sessions;
    sqlite3_reset(read);
    sqlite3_bind_int64(read, 1, from);
    int rc;
    while ((rc = sqlite3_step(read)) == SQLITE_ROW) {
        bool found = false;
        sqlite3_reset(im->session_by_id);
        sqlite3_bind_value(im->session_by_id, 1, sqlite3_column_value(read, 1));
        if (lookup(im, im->session_by_id, &found))
            return -1;
        int64_t id = found ? sqlite3_column_int64(im->session_by_id, 0) : 0;
        bool ended = found && sqlite3_column_int(im->session_by_id, 1);
        sqlite3_reset(im->session_by_id);
        if (ended)
            continue;
        /* A session here that has not ended takes the file's row once the
         * file's has ended or was marked interrupted on the device (not
         * while it is open there too: this database may have marked it). */
        bool settled = sqlite3_column_int(read, 3) != 0, changed = false;
        if (!found || settled) {
            sqlite3_stmt *write = found ? im->open_session : im->new_session;
            sqlite3_reset(write);
            sqlite3_bind_int64(write, 1, found ? id : to);
            bind_row(write, 2, read, 4, im->session_columns);
            if (sqlite3_step(write) != SQLITE_DONE)
                return store_fail_db(im->s, "cannot import");
            changed = sqlite3_changes(im->db) > 0;
            if (!found)
                id = sqlite3_last_insert_rowid(im->db);
        }
        int trials = 0, steps = 0;
        int64_t src_id = sqlite3_column_int64(read, 0);
        if (child_copy(im->s, &im->src, im->db, &im->trials, src_id, id, &trials) ||
            child_copy(im->s, &im->src, im->db, &im->steps, src_id, id, &steps))
            return -1;
        r->trials += trials;
        r->steps += steps;
        if (!found)
            r->sessions++;
        else if (changed || trials || steps)
            r->completed++;
        else
            continue;
        note_day(r, (const char *)sqlite3_column_text(read, 2));
    }
    return rc == SQLITE_DONE ? 0 : source_fail(im->s, &im->src, "cannot read");
}

/* Merges every profile of the file, in its order, into results. */
static int import_rows(Import *im, StoreImported **out, size_t *n)
{
    int rc;
    while ((rc = sqlite3_step(im->profiles)) == SQLITE_ROW) {
        StoreImported *grown = realloc(*out, (*n + 1) * sizeof **out);
        if (!grown)
            return store_fail(im->s, "out of memory importing");
        *out = grown;
        StoreImported *r = &grown[(*n)++];
        *r = (StoreImported){0};
        int64_t from = sqlite3_column_int64(im->profiles, 0), id = 0;
        const unsigned char *name = sqlite3_column_text(im->profiles, 2);
        utf8_copy(r->device_name, sizeof r->device_name, name ? (const char *)name : "");
        bool found = false;
        sqlite3_reset(im->profile_by_id);
        sqlite3_bind_value(im->profile_by_id, 1, sqlite3_column_value(im->profiles, 1));
        if (lookup(im, im->profile_by_id, &found))
            return -1;
        if (found) {
            id = sqlite3_column_int64(im->profile_by_id, 0);
            name = sqlite3_column_text(im->profile_by_id, 1);
            utf8_copy(r->name, sizeof r->name, name ? (const char *)name : "");
        }
        sqlite3_reset(im->profile_by_id);
        if ((found ? compare_prescriptions(im, from, id, r) : add_profile(im, from, r, &id)) ||
            merge_sessions(im, from, id, r))
            return -1;
    }
    return rc == SQLITE_DONE ? 0 : source_fail(im->s, &im->src, "cannot read");
}

/* Opens the file read-only and checks it whole; fails s with a message
 * saying why it is refused. */
static int open_source(Store *s, const char *path, Source *src)
{
    char err[1024];
    StoreFailure why;
    sqlite3 *here = store_sqlite(s);
    if (!here)
        return -1;
    const char *db = sqlite3_db_filename(here, "main");
    src->path = path;
    if (db && outfile_names_database(path, db))
        return store_fail(s, "%s is this computer's own database; nothing was imported", path);
    src->store = store_open(path, STORE_READ_ONLY, &why, err, sizeof err);
    if (!src->store && why == STORE_FAILED_OLDER)
        return store_fail(s,
                          "%s was written by an older version of GMI Trainer, from before "
                          "sessions had lasting identifiers, so it cannot be merged without "
                          "counting sessions twice; update the trainer on the patient's device "
                          "and back up again; nothing was imported",
                          path);
    if (!src->store)
        return store_fail(s, "%s; nothing was imported", err);
    src->db = store_sqlite(src->store);
    /* One read transaction: the checks and the copy see the same data. */
    if (sqlite3_exec(src->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return source_fail(s, src, "cannot read");
    if (store_integrity(src->store, err, sizeof err))
        return store_fail(s, "%s cannot be imported: %s; nothing was imported", path, err);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(src->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        return source_fail(s, src, "cannot check");
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return store_fail(s,
                          "%s cannot be imported: it refers to rows that are not in it (it may "
                          "be damaged); nothing was imported",
                          path);
    return rc == SQLITE_DONE ? 0 : source_fail(s, src, "cannot check");
}

int store_import(Store *s, const char *path, const char *imported_at, StoreImported **out,
                 size_t *n)
{
    *out = NULL;
    *n = 0;
    Import im = {.s = s, .imported_at = imported_at};
    int status = open_source(s, path, &im.src) || !(im.db = store_sqlite(s)) ||
                         store_write_begin(s, "cannot start the import")
                     ? -1
                     : 0;
    if (status == 0) {
        status = import_prepare(&im) || import_rows(&im, out, n) ? -1 : 0;
        import_finalize(&im);
        status = store_write_end(s, status, "cannot save the import");
    }
    if (im.src.db)
        sqlite3_exec(im.src.db, "COMMIT", NULL, NULL, NULL);
    store_close(im.src.store);
    if (status) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return status;
}

int store_imported_prescription(Store *s, int64_t profile_id, char *when, size_t when_cap,
                                char *words, size_t words_cap)
{
    sqlite3 *db = store_sqlite(s);
    sqlite3_stmt *st;
    when[0] = words[0] = '\0';
    if (!db || prepare_sql(s, db, &st, "cannot read the patient's device prescription",
                           "SELECT imported_at, description FROM imported_prescriptions "
                           "WHERE profile_id = ?1"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *at = sqlite3_column_text(st, 0), *text = sqlite3_column_text(st, 1);
        utf8_copy(when, when_cap, at ? (const char *)at : "");
        utf8_copy(words, words_cap, text ? (const char *)text : "");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0
               : store_fail_db(s, "cannot read the patient's device prescription");
}
