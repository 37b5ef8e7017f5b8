/* Importing a patient's practice into the therapist's database: into an
 * empty database, the same file twice, a newer backup, two devices with a
 * patient of the same name, a prescription that differs, damaged, foreign,
 * newer and older files refused with the database unchanged; the update of
 * a version 6 database to lasting ids; and the files offered in the
 * therapist area. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "check.h"
#include "drive.h"
#include "import.h"
#include "importing.h"
#include "migrations.h"
#include "store.h"

static char dir[256];

static void path_in_dir(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static Store *open_rw(const char *path)
{
    char err[512] = "";
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s: %s", path, err);
    return s;
}

/* Adds to the profile `sessions` drills of `trials` trials each on days
 * from day `first` of November 2026 on (one a day), every one ended except,
 * with open, the last; and one imagery set of three steps. */
static void practise(Store *s, int64_t profile, int first, int sessions, int trials, bool open)
{
    for (int k = 0; k < sessions; k++) {
        char at[40];
        snprintf(at, sizeof at, "2026-11-%02dT09:30:00+01:00", first + k);
        SessionStart start = {.profile_id = profile,
                              .mode = MODE_DRILL,
                              .settings = drill_settings_default(),
                              .seed = (uint64_t)k,
                              .started_at = at,
                              .frame_ns = 16666666,
                              .pain_before = 3};
        int64_t id;
        CHECK(store_session_begin(s, &start, &id) == 0);
        for (int t = 1; t <= trials; t++) {
            TrialRecord r = {.trial = t,
                             .image = "hand-flat-back",
                             .limb = LIMB_HAND,
                             .side = t % 2 ? SIDE_LEFT : SIDE_RIGHT,
                             .view = "back",
                             .posture = "flat",
                             .rotation_deg = 45 * (t % 8),
                             .response = t % 3 ? RESPONSE_LEFT : RESPONSE_NONE,
                             .correct = t % 2,
                             .input = INPUT_TOUCH,
                             .onset_ns = 1000000000LL * t,
                             .response_ns = 1000000000LL * t + 900000000 + k,
                             .onset_interval_ns = 16666666};
            CHECK(store_trial_add(s, id, &r) == 0);
        }
        if (!(open && k == sessions - 1))
            CHECK(store_session_end(s, id, at, false, false) == 0);
    }
    char at[40];
    snprintf(at, sizeof at, "2026-11-%02dT18:00:00+01:00", first + sessions - 1);
    SessionStart set = {.profile_id = profile,
                        .mode = MODE_IMAGERY,
                        .limb = LIMB_HAND,
                        .side = SIDE_LEFT,
                        .count = 3,
                        .hold_ms = 10000,
                        .rest_ms = 5000,
                        .started_at = at,
                        .pain_before = -1};
    int64_t id;
    CHECK(store_session_begin(s, &set, &id) == 0);
    for (int k = 1; k <= 3; k++) {
        StepRecord step = {k, "hold", "hand-fist-back", 10000, true, false, 0};
        CHECK(store_step_add(s, id, &step) == 0);
    }
    CHECK(store_session_end(s, id, at, false, false) == 0);
}

/* A patient's device: the profile called name with its practice. */
static int64_t make_device(const char *path, const char *name, int sessions, int trials)
{
    unlink(path);
    Store *s = open_rw(path);
    StoreProfile p = {0};
    if (!s || store_profile_open(s, name, "2026-10-30T10:00:00+01:00", &p))
        return 0;
    p.affected_side = AFFECTED_LEFT;
    snprintf(p.notes, sizeof p.notes, "Left hand since March.");
    CHECK(store_profile_update(s, &p) == 0);
    Prescription rx = prescription_default();
    rx.drill.count = 40;
    CHECK(store_prescription_save(s, p.id, &rx) == 0);
    practise(s, p.id, 1, sessions, trials, false);
    store_close(s);
    return p.id;
}

/* store_backup of the database at from into to. */
static void backup(const char *from, const char *to)
{
    char err[512];
    unlink(to);
    Store *s = store_open(from, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK_MSG(s && store_backup(s, to) == 0, "%s", s ? store_errmsg(s) : err);
    store_close(s);
}

/* Imports file into the database at path; the result per patient into
 * *out (freed by the caller), and how many into *n. Returns 0, or -1 with
 * the message in err. */
static int import_into(const char *path, const char *file, StoreImported **out, size_t *n,
                       char *err, size_t errlen)
{
    Store *s = open_rw(path);
    if (!s)
        return -1;
    int rc = store_import(s, file, "2026-11-29T10:00:00+01:00", out, n);
    snprintf(err, errlen, "%s", rc ? store_errmsg(s) : "");
    store_close(s);
    return rc;
}

static long long count(const char *path, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return drive_query(path, sql);
}

/* Whether every session of the database at a is in the one at b, with the
 * same columns (but the ids) and the same trials and steps. */
static bool same_practice(const char *a, const char *b)
{
    char attach[700];
    snprintf(attach, sizeof attach, "ATTACH '%s' AS b", b);
    sqlite3 *db;
    bool same = false;
    if (sqlite3_open_v2(a, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_exec(db, attach, NULL, NULL, NULL) == SQLITE_OK) {
        /* Rows of a that b lacks: a session by its uuid and columns, a
         * trial or step by its session's uuid and columns. */
        static const char *const queries[] = {
            "SELECT count(*) FROM (SELECT p.uuid, s.mode, s.limbs, s.side, s.level, "
            "s.planned_count, s.started_at, s.ended_at, s.pain_before, s.uuid FROM sessions s "
            "JOIN profiles p ON p.id = s.profile_id EXCEPT SELECT p.uuid, s.mode, s.limbs, "
            "s.side, s.level, s.planned_count, s.started_at, s.ended_at, s.pain_before, s.uuid "
            "FROM b.sessions s JOIN b.profiles p ON p.id = s.profile_id)",
            "SELECT count(*) FROM (SELECT s.uuid, t.trial, t.image, t.side, t.response, "
            "t.correct, t.onset_ns, t.response_ns, t.rt_ns, t.input, t.too_fast FROM trials t "
            "JOIN sessions s ON s.id = t.session_id EXCEPT SELECT s.uuid, t.trial, t.image, "
            "t.side, t.response, t.correct, t.onset_ns, t.response_ns, t.rt_ns, t.input, "
            "t.too_fast FROM b.trials t JOIN b.sessions s ON s.id = t.session_id)",
            "SELECT count(*) FROM (SELECT s.uuid, t.step, t.phase, t.item, t.duration_ms FROM "
            "steps t JOIN sessions s ON s.id = t.session_id EXCEPT SELECT s.uuid, t.step, "
            "t.phase, t.item, t.duration_ms FROM b.steps t JOIN b.sessions s ON "
            "s.id = t.session_id)"};
        same = true;
        for (size_t i = 0; i < 3; i++) {
            sqlite3_stmt *st;
            if (sqlite3_prepare_v2(db, queries[i], -1, &st, NULL) != SQLITE_OK) {
                fprintf(stderr, "%s\n", sqlite3_errmsg(db));
                same = false;
                continue;
            }
            same = same && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return same;
}

/* Into an empty database, then the same file again, then a newer backup. */
static void test_import_and_again(void)
{
    char device[512], bk1[512], bk2[512], here[512], err[1024];
    path_in_dir(device, sizeof device, "device.db");
    path_in_dir(bk1, sizeof bk1, "backup-1.db");
    path_in_dir(bk2, sizeof bk2, "backup-2.db");
    path_in_dir(here, sizeof here, "therapist.db");
    int64_t patient = make_device(device, "Alex Morgan", 5, 20);
    /* A session still running when the first backup is made. */
    Store *s = open_rw(device);
    if (s)
        practise(s, patient, 10, 1, 6, true);
    store_close(s);
    backup(device, bk1);

    StoreImported *r = NULL;
    size_t n = 0;
    CHECK_MSG(import_into(here, bk1, &r, &n, err, sizeof err) == 0, "%s", err);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_MSG(!strcmp(r[0].name, "Alex Morgan") && r[0].added, "%s", r[0].name);
        /* 5 drills and a set, then the open drill and a set. */
        CHECK_MSG(r[0].sessions == 8 && r[0].trials == 5 * 20 + 6 && r[0].steps == 6 &&
                      r[0].completed == 0,
                  "%d sessions, %d trials, %d steps", r[0].sessions, r[0].trials, r[0].steps);
        CHECK_MSG(!strcmp(r[0].first, "2026-11-01") && !strcmp(r[0].last, "2026-11-10"), "%s to %s",
                  r[0].first, r[0].last);
        CHECK_MSG(!r[0].prescription[0], "%s", r[0].prescription);
    }
    free(r);
    CHECK(same_practice(bk1, here) && same_practice(here, bk1));
    CHECK(drive_query(here, "SELECT count(*) FROM profiles WHERE name = 'Alex Morgan' AND "
                            "notes = 'Left hand since March.' AND affected_side = 'left'") == 1);
    CHECK(drive_query(here, "SELECT value FROM settings WHERE key = 'count'") == 40);
    /* The patient switcher's date of the last practice. */
    Store *therapist = open_rw(here);
    StoreProfile alex;
    bool found = false;
    char last[PROGRESS_DATE_MAX] = "";
    CHECK(therapist && store_profile_find(therapist, "Alex Morgan", &alex, &found) == 0 && found &&
          store_last_date(therapist, alex.id, last) == 0);
    CHECK_MSG(!strcmp(last, "2026-11-10"), "%s", last);
    store_close(therapist);

    /* The same file again: nothing added. */
    long long sessions = count(here, "sessions"), trials = count(here, "trials");
    CHECK_MSG(import_into(here, bk1, &r, &n, err, sizeof err) == 0, "%s", err);
    CHECK(n == 1 && !r[0].added && r[0].sessions == 0 && r[0].trials == 0 && r[0].completed == 0 &&
          r[0].steps == 0 && !r[0].first[0]);
    free(r);
    CHECK(count(here, "sessions") == sessions && count(here, "trials") == trials &&
          count(here, "profiles") == 1);
    /* Opening the patient here marks the drill still open on the device as
     * interrupted; the same file again does not undo that. */
    therapist = open_rw(here);
    int marked = 0, kept = 0;
    CHECK(therapist && store_mark_interrupted(therapist, alex.id, &marked, &kept) == 0 &&
          marked == 1 && kept == 6);
    store_close(therapist);
    CHECK_MSG(import_into(here, bk1, &r, &n, err, sizeof err) == 0, "%s", err);
    CHECK(n == 1 && r[0].sessions == 0 && r[0].trials == 0 && r[0].completed == 0);
    free(r);
    CHECK(drive_query(here, "SELECT count(*) FROM sessions WHERE interrupted = 1") == 1);

    /* A newer backup: the open drill ended with four more trials, and
     * three new days. Only those are added. */
    s = open_rw(device);
    if (s) {
        int64_t open = drive_query(device, "SELECT id FROM sessions WHERE ended_at IS NULL");
        for (int t = 7; t <= 10; t++) {
            TrialRecord tr = {.trial = t,
                              .image = "hand-flat-back",
                              .limb = LIMB_HAND,
                              .side = SIDE_LEFT,
                              .view = "back",
                              .posture = "flat",
                              .response = RESPONSE_LEFT,
                              .correct = true,
                              .input = INPUT_KEY,
                              .onset_ns = 1000LL * t,
                              .response_ns = 1000LL * t + 800000000};
            CHECK(store_trial_add(s, open, &tr) == 0);
        }
        CHECK(store_session_end(s, open, "2026-11-10T09:40:00+01:00", false, false) == 0);
        practise(s, patient, 20, 3, 10, false);
    }
    store_close(s);
    backup(device, bk2);
    CHECK_MSG(import_into(here, bk2, &r, &n, err, sizeof err) == 0, "%s", err);
    CHECK(n == 1);
    if (n == 1)
        CHECK_MSG(!r[0].added && r[0].sessions == 4 && r[0].completed == 1 &&
                      r[0].trials == 4 + 30 && r[0].steps == 3 &&
                      !strcmp(r[0].first, "2026-11-10") && !strcmp(r[0].last, "2026-11-22"),
                  "%d sessions, %d completed, %d trials, %s to %s", r[0].sessions, r[0].completed,
                  r[0].trials, r[0].first, r[0].last);
    free(r);
    CHECK(same_practice(bk2, here) && same_practice(here, bk2));
    CHECK(count(here, "sessions") == count(bk2, "sessions") &&
          count(here, "trials") == count(bk2, "trials") &&
          count(here, "steps") == count(bk2, "steps"));
    /* And the older backup after the newer one adds nothing back. */
    CHECK(import_into(here, bk1, &r, &n, err, sizeof err) == 0 && n == 1 && r[0].sessions == 0 &&
          r[0].trials == 0 && r[0].completed == 0);
    free(r);
    CHECK(drive_query(here, "SELECT count(*) FROM sessions WHERE ended_at IS NULL") == 0);

    /* The device's own database, in WAL mode, imported as it is: reading it
     * leaves no -wal or -shm beside it. */
    char other[512], wal[600], shm[600];
    path_in_dir(other, sizeof other, "from-device.db");
    snprintf(wal, sizeof wal, "%s-wal", device);
    snprintf(shm, sizeof shm, "%s-shm", device);
    size_t len = 0;
    char *head = drive_slurp(device, &len);
    CHECK(head && len > 19 && head[18] == 2 && head[19] == 2); /* WAL mode */
    free(head);
    long long device_sessions = count(device, "sessions");
    unlink(wal); /* left by the test's own read above */
    unlink(shm);
    CHECK_MSG(import_into(other, device, &r, &n, err, sizeof err) == 0 && n == 1 &&
                  r[0].sessions == device_sessions,
              "%s", err);
    free(r);
    CHECK(access(wal, F_OK) != 0 && access(shm, F_OK) != 0);
}

/* Two devices, each with its own Alex Morgan: they stay two patients. A
 * patient renamed here is still found by id. */
static void test_namesakes(void)
{
    char one[512], two[512], here[512], err[1024];
    path_in_dir(one, sizeof one, "alex-1.db");
    path_in_dir(two, sizeof two, "alex-2.db");
    path_in_dir(here, sizeof here, "namesakes.db");
    unlink(here);
    make_device(one, "Alex Morgan", 2, 5);
    make_device(two, "Alex Morgan", 3, 5);
    StoreImported *r = NULL;
    size_t n = 0;
    CHECK_MSG(import_into(here, one, &r, &n, err, sizeof err) == 0, "%s", err);
    free(r);
    CHECK_MSG(import_into(here, two, &r, &n, err, sizeof err) == 0, "%s", err);
    CHECK(n == 1);
    if (n == 1)
        CHECK_MSG(r[0].added && !strcmp(r[0].name, "Alex Morgan (2)") &&
                      !strcmp(r[0].device_name, "Alex Morgan") && r[0].sessions == 4,
                  "%s, %d sessions", r[0].name, r[0].sessions);
    free(r);
    CHECK(count(here, "profiles") == 2);
    CHECK(drive_query(here, "SELECT count(*) FROM sessions s JOIN profiles p ON p.id = "
                            "s.profile_id WHERE p.name = 'Alex Morgan'") == 3);
    CHECK(drive_query(here, "SELECT count(*) FROM sessions s JOIN profiles p ON p.id = "
                            "s.profile_id WHERE p.name = 'Alex Morgan (2)'") == 4);
    CHECK(same_practice(one, here) && same_practice(two, here));

    /* The therapist renames the first; more practice on its device lands
     * there, not with the namesake. */
    CHECK(drive_sql(here, "UPDATE profiles SET name = 'Alex Morgan (Leeds)' "
                          "WHERE name = 'Alex Morgan'") == 0);
    Store *s = open_rw(one);
    StoreProfile p;
    if (s && store_profile_open(s, "Alex Morgan", "t", &p) == 0)
        practise(s, p.id, 15, 1, 5, false);
    store_close(s);
    CHECK_MSG(import_into(here, one, &r, &n, err, sizeof err) == 0, "%s", err);
    CHECK(n == 1 && !r[0].added && !strcmp(r[0].name, "Alex Morgan (Leeds)") && r[0].sessions == 2);
    free(r);
    CHECK(count(here, "profiles") == 2);
    CHECK(drive_query(here, "SELECT count(*) FROM sessions s JOIN profiles p ON p.id = "
                            "s.profile_id WHERE p.name = 'Alex Morgan (Leeds)'") == 5);
}

/* The prescription here counts; the device's is kept in words while it
 * differs. */
static void test_prescription(void)
{
    char device[512], here[512], err[1024];
    path_in_dir(device, sizeof device, "rx-device.db");
    path_in_dir(here, sizeof here, "rx-here.db");
    unlink(here);
    int64_t on_device = make_device(device, "Sam Lee", 1, 3);
    StoreImported *r = NULL;
    size_t n = 0;
    CHECK(import_into(here, device, &r, &n, err, sizeof err) == 0 && n == 1);
    free(r);
    /* The device changes its drill to level 3, 25 pictures (no button has
     * it), 2.5 s each, and two sessions a day. */
    Store *s = open_rw(device);
    Prescription rx = prescription_default();
    rx.drill.count = 25;
    rx.drill.time_limit_ms = 2500;
    rx.drill.level = 3;
    rx.sessions_per_day = 2;
    CHECK(s && store_prescription_save(s, on_device, &rx) == 0);
    store_close(s);
    CHECK_MSG(import_into(here, device, &r, &n, err, sizeof err) == 0, "%s", err);
    CHECK(n == 1);
    if (n == 1)
        CHECK_MSG(!strcmp(r[0].prescription,
                          "Patient: Per day 2; Left/right: Pictures 25, Time each 2.5 s, Level 3"),
                  "%s", r[0].prescription);
    free(r);
    /* Here it stays as it was, and the device's is kept with its date. */
    s = open_rw(here);
    StoreProfile p;
    bool found = false;
    char when[40], words[STORE_IMPORT_WORDS_MAX], line[800];
    if (s && store_profile_find(s, "Sam Lee", &p, &found) == 0 && found) {
        Prescription mine = prescription_default();
        CHECK(store_prescription_load(s, p.id, &mine) == 0 && mine.drill.level == 1 &&
              mine.sessions_per_day == 3 && mine.drill.count == 40 &&
              mine.drill.time_limit_ms == 5000);
        CHECK(store_imported_prescription(s, p.id, when, sizeof when, words, sizeof words) == 0);
        CHECK_MSG(!strcmp(when, "2026-11-29T10:00:00+01:00") && strstr(words, "Level 3"), "%s %s",
                  when, words);
        importing_device_line(s, p.id, line, sizeof line);
        CHECK_MSG(!strcmp(line, "On the patient's device (imported 2026-11-29): Patient: Per day "
                                "2; Left/right: Pictures 25, Time each 2.5 s, Level 3"),
                  "%s", line);
        /* The therapist agrees: the next import drops the kept words. */
        CHECK(store_prescription_save(s, p.id, &rx) == 0);
    }
    CHECK(found);
    store_close(s);
    CHECK(import_into(here, device, &r, &n, err, sizeof err) == 0 && n == 1 &&
          !r[0].prescription[0]);
    free(r);
    CHECK(count(here, "imported_prescriptions") == 0);
}

/* The database file's bytes, to compare (caller frees). */
static char *bytes_of(const char *path, size_t *len)
{
    char *b = drive_slurp(path, len);
    CHECK_MSG(b != NULL, "cannot read %s", path);
    return b;
}

/* Each file is refused with a message containing `says`, and the
 * therapist's database stays byte for byte as it was. */
static void expect_refused(const char *here, const char *file, const char *says)
{
    size_t before_len = 0, after_len = 0;
    char *before = bytes_of(here, &before_len), err[1024] = "";
    StoreImported *r = NULL;
    size_t n = 0;
    CHECK_MSG(import_into(here, file, &r, &n, err, sizeof err) != 0, "%s was imported", file);
    CHECK(r == NULL && n == 0);
    CHECK_MSG(strstr(err, says) && strstr(err, "nothing was imported"), "%s: %s", file, err);
    char *after = bytes_of(here, &after_len);
    CHECK_MSG(before && after && before_len == after_len && !memcmp(before, after, before_len),
              "%s changed the database", file);
    free(before);
    free(after);
}

static void test_refused(void)
{
    char device[512], good[512], here[512], bad[512], sql[600];
    path_in_dir(device, sizeof device, "refused-device.db");
    path_in_dir(good, sizeof good, "refused-backup.db");
    path_in_dir(here, sizeof here, "refused-here.db");
    unlink(here);
    make_device(device, "Jo Park", 4, 30);
    backup(device, good);
    /* The therapist's database with a patient in it already. */
    make_device(here, "Kim Ray", 2, 5);
    long long sessions = count(here, "sessions");

    /* Damaged: garbage over the trials' root page. */
    path_in_dir(bad, sizeof bad, "damaged.db");
    size_t len;
    char *copy = drive_slurp(good, &len);
    FILE *f = fopen(bad, "wb");
    CHECK(copy && f && fwrite(copy, 1, len, f) == len);
    if (f)
        fclose(f);
    free(copy);
    CHECK(drive_damage_table(bad, "trials") == 0);
    expect_refused(here, bad, "damaged");

    /* Not a database at all. */
    path_in_dir(bad, sizeof bad, "notes.db");
    f = fopen(bad, "w");
    CHECK(f && fputs("Alex's notes, not a database\n", f) >= 0);
    if (f)
        fclose(f);
    expect_refused(here, bad, "not a GMI Trainer database");

    /* Another program's SQLite file. */
    path_in_dir(bad, sizeof bad, "recipes.db");
    unlink(bad);
    CHECK(drive_sql(bad, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')") ==
          0);
    expect_refused(here, bad, "another program");

    /* Written by a newer version. */
    path_in_dir(bad, sizeof bad, "newer.db");
    snprintf(sql, sizeof sql, "VACUUM INTO '%s'", bad);
    unlink(bad);
    CHECK(drive_sql(good, sql) == 0 && drive_sql(bad, "PRAGMA user_version = 99") == 0);
    expect_refused(here, bad, "newer version");

    /* Written by a version before lasting ids. */
    path_in_dir(bad, sizeof bad, "older.db");
    snprintf(sql, sizeof sql, "VACUUM INTO '%s'", bad);
    unlink(bad);
    CHECK(drive_sql(good, sql) == 0 && drive_sql(bad, "PRAGMA user_version = 6") == 0);
    expect_refused(here, bad, "older version");

    /* Its trials refer to a session that is not in it. */
    path_in_dir(bad, sizeof bad, "orphans.db");
    snprintf(sql, sizeof sql, "VACUUM INTO '%s'", bad);
    unlink(bad);
    CHECK(drive_sql(good, sql) == 0 &&
          drive_sql(bad, "UPDATE trials SET session_id = 999 WHERE trial = 1 AND "
                         "session_id = (SELECT min(session_id) FROM trials)") == 0);
    expect_refused(here, bad, "not in it");

    /* The database itself, and a file that is not there. */
    expect_refused(here, here, "own database");
    path_in_dir(bad, sizeof bad, "missing.db");
    expect_refused(here, bad, "missing.db");
    CHECK(count(here, "sessions") == sessions);
}

/* Every row of the database at path as text (but rows made after the
 * update: the profile Cy, sessions from April on), in new memory. */
static char *rows_text(const char *path)
{
    static const char *const sql =
        "SELECT (SELECT group_concat(r, '|') FROM (SELECT id || name || created_at || "
        "affected_limbs || affected_side || stage || notes AS r FROM profiles WHERE name <> 'Cy' "
        "ORDER BY id)) || (SELECT group_concat(r, '|') FROM (SELECT profile_id || key || value "
        "AS r FROM settings ORDER BY 1)) || (SELECT group_concat(r, '|') FROM (SELECT id || "
        "profile_id || mode || limbs || coalesce(side, '-') || coalesce(level, '-') || seed || "
        "started_at || coalesce(ended_at, '-') || coalesce(pain_before, '-') || stopped_early || "
        "interrupted AS r FROM sessions WHERE started_at < '2026-04' ORDER BY id)) || (SELECT "
        "count(*) || sum(session_id * 100 + trial) || sum(rt_ns) FROM trials) || (SELECT "
        "count(*) || sum(session_id) FROM steps)";
    sqlite3 *db;
    sqlite3_stmt *st = NULL;
    char *text = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_text(st, 0))
        text = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return text;
}

/* A database of schema version 6 (made from the migration files) keeps
 * every row when updated, and every profile and session gets a UUID of its
 * own; new rows get one too. */
static void test_migration_from_v6(void)
{
    char path[512];
    path_in_dir(path, sizeof path, "v6.db");
    unlink(path);
    static const char *const files[] = {"001-initial.sql",         "002-onset-timing.sql",
                                        "003-interrupted.sql",     "004-stages-prescriptions.sql",
                                        "005-follow-affected.sql", "006-too-fast.sql"};
    for (size_t v = 0; v < sizeof files / sizeof files[0]; v++) {
        char name[512];
        snprintf(name, sizeof name, "%s/data/schema/%s", GMI_SOURCE_DIR, files[v]);
        size_t len;
        char *schema = drive_slurp(name, &len);
        CHECK_MSG(schema != NULL, "cannot read %s", name);
        if (!schema)
            return;
        CHECK(drive_sql(path, schema) == 0);
        free(schema);
    }
    /* Two profiles, 300 sessions of both kinds, their trials, steps and settings. */
    CHECK(
        drive_sql(path,
                  "PRAGMA user_version = 6;"
                  "INSERT INTO profiles (id, name, created_at, affected_side, notes) VALUES "
                  "(1, 'Ann', '2026-01-01', 'left', 'n1'), (7, 'Bo', '2026-02-01', 'right', '');"
                  "INSERT INTO settings VALUES (1, 'level', '2'), (7, 'count', '30');"
                  "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 300) "
                  "INSERT INTO sessions (id, profile_id, mode, limbs, side, level, planned_count, "
                  "time_limit_ms, feedback, hold_ms, rest_ms, self_paced, seed, started_at, "
                  "ended_at, pain_before) SELECT 10 + i, CASE WHEN i % 3 THEN 1 ELSE 7 END, "
                  "CASE WHEN i % 5 THEN 'drill' ELSE 'imagery' END, CASE WHEN i % 5 THEN "
                  "'both' ELSE 'hands' END, CASE WHEN i % 5 THEN NULL ELSE 'left' END, 1, 20, "
                  "5000, 1, 10000, 5000, 0, i * 7, printf('2026-03-%02dT10:00:00+00:00', "
                  "i % 28 + 1), CASE WHEN i % 9 THEN '2026-03-01T10:05:00+00:00' END, i % 11 "
                  "FROM k;"
                  "INSERT INTO trials (session_id, trial, image, limb, side, view, posture, "
                  "rotation_deg, response, correct, onset_ns, response_ns, rt_ns, input) "
                  "SELECT s.id, t.i, 'hand-flat-back', 'hand', 'left', 'back', 'flat', 0, "
                  "'left', 1, t.i, t.i + 900, 900, 'key' FROM sessions s, (WITH RECURSIVE "
                  "k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20) SELECT i FROM "
                  "k) t WHERE s.mode = 'drill';"
                  "INSERT INTO steps SELECT id, 1, 'hold', 'hand-fist-back', 10000, 1 FROM "
                  "sessions WHERE mode = 'imagery';") == 0);
    char *before = rows_text(path);
    CHECK(before && strlen(before) > 1000);
    Store *s = open_rw(path);
    CHECK(s && store_schema_version(s) == store_migration_count);
    /* A new profile and session get ids too. */
    StoreProfile p;
    int64_t id;
    SessionStart start = {.mode = MODE_DRILL,
                          .settings = drill_settings_default(),
                          .started_at = "2026-04-01T10:00:00+00:00",
                          .pain_before = -1};
    CHECK(s && store_profile_open(s, "Cy", "2026-04-01", &p) == 0 &&
          (start.profile_id = p.id, store_session_begin(s, &start, &id)) == 0);
    store_close(s);
    char *after = rows_text(path);
    CHECK_MSG(before && after && !strcmp(before, after), "rows changed:\n%.300s\n%.300s", before,
              after);
    free(before);
    free(after);
    /* Every id there, different from every other, a version 4 UUID. */
    CHECK(drive_query(path, "SELECT count(DISTINCT uuid) FROM (SELECT uuid FROM profiles UNION "
                            "ALL SELECT uuid FROM sessions)") == 3 + 301);
    CHECK(drive_query(path,
                      "SELECT count(*) FROM (SELECT uuid FROM profiles UNION ALL SELECT uuid FROM "
                      "sessions) WHERE length(uuid) = 36 AND substr(uuid, 15, 1) = '4' AND "
                      "substr(uuid, 20, 1) IN ('8', '9', 'a', 'b') AND substr(uuid, 9, 1) = '-' "
                      "AND substr(uuid, 24, 1) = '-' AND uuid = lower(uuid)") == 3 + 301);
    CHECK(drive_query(path, "PRAGMA foreign_key_check") == -1);
    CHECK(drive_query(path, "SELECT count(*) FROM sessions WHERE id BETWEEN 11 AND 310") == 300);
}

/* The files offered by the Import screen: *.db files under the roots,
 * biggest first, then newest; no hidden ones, nothing too deep, not the
 * database. */
static void test_find_files(void)
{
    char root[300], sub[400], deep[500], hidden[400], path[800], db[500], a[500];
    path_in_dir(root, sizeof root, "offered");
    snprintf(sub, sizeof sub, "%s/STICK", root);
    snprintf(deep, sizeof deep, "%s/a/b", sub);
    snprintf(hidden, sizeof hidden, "%s/.cache", root);

    snprintf(a, sizeof a, "%s/a", sub);
    mkdir(root, 0700);
    mkdir(sub, 0700);
    mkdir(a, 0700);
    mkdir(deep, 0700);
    mkdir(hidden, 0700);
    struct {
        const char *where, *name;
        size_t size;
        time_t age;
    } files[] = {
        {sub, "small.db", 100, 0},      {sub, "big-old.db", 5000, 7200},
        {root, "big-new.db", 5000, 60}, {root, "notes.txt", 9000, 0},
        {hidden, "cached.db", 9000, 0}, {deep, "too-deep.db", 9000, 0},
        {root, ".hidden.db", 9000, 0},  {root, "gmi-trainer.db", 9999, 0},
    };
    time_t now = time(NULL);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", files[i].where, files[i].name);
        FILE *f = fopen(path, "wb");
        for (size_t k = 0; f && k < files[i].size; k++)
            fputc('x', f);
        if (f)
            fclose(f);
        struct utimbuf t = {now - files[i].age, now - files[i].age};
        utime(path, &t);
    }
    snprintf(db, sizeof db, "%s/gmi-trainer.db", root);
    ImportRoot roots[] = {{sub, 2}, {root, 1}};
    ImportFile out[8];
    int n = importing_find(roots, 2, db, out, 8);
    static const char *const expected[] = {"big-new.db", "big-old.db", "small.db"};
    CHECK_MSG(n == 3, "%d files", n);
    for (int i = 0; i < n && i < 3; i++) {
        const char *name = strrchr(out[i].path, '/') + 1;
        CHECK_MSG(!strcmp(name, expected[i]), "file %d is %s", i, out[i].path);
    }
    CHECK(n < 1 || out[0].size == 5000);
    /* At most max. */
    CHECK(importing_find(roots, 2, db, out, 2) == 2);
    /* The usual places for a home folder. */
    char dirs[IMPORT_ROOTS][1024];
    ImportRoot usual[IMPORT_ROOTS];
    CHECK(importing_roots("/home/t", dirs, usual) == IMPORT_ROOTS &&
          !strcmp(usual[0].dir, "/media") && !strcmp(usual[1].dir, "/run/media") &&
          !strcmp(usual[2].dir, "/home/t/Downloads") && !strcmp(usual[3].dir, "/home/t") &&
          usual[3].depth == 1);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/gmi-import-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_import_and_again();
    test_namesakes();
    test_prescription();
    test_refused();
    test_migration_from_v6();
    test_find_files();
    return check_exit();
}
