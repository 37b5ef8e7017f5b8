/* Storage on temporary files: migrations, profiles, settings, a session's
 * round trip, the CSV export, file permissions, and files that must be
 * refused and left untouched. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "store.h"

static char dir[256];

static void path_in_dir(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static void sql(const char *path, const char *statement)
{
    sqlite3 *db;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    char *msg = NULL;
    CHECK_MSG(sqlite3_exec(db, statement, NULL, NULL, &msg) == SQLITE_OK, "%s", msg ? msg : "");
    sqlite3_free(msg);
    sqlite3_close(db);
}

static long long query(const char *path, const char *statement)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, statement, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void test_migrate_and_profiles(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "a.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_schema_version(s) == 4);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);

    StoreProfile def, ann, again;
    CHECK(store_profile_open(s, NULL, "2026-01-01T10:00:00+00:00", &def) == 0);
    CHECK(strcmp(def.name, "Default") == 0);
    CHECK(store_profile_open(s, "Ann", "2026-01-01T10:00:00+00:00", &ann) == 0);
    CHECK(ann.id != def.id && strcmp(ann.name, "Ann") == 0);
    CHECK(store_profile_open(s, NULL, "x", &again) == 0 && again.id == def.id);
    CHECK(store_profile_open(s, "Ann", "x", &again) == 0 && again.id == ann.id);
    bool found = true;
    CHECK(store_profile_find(s, "Bob", &again, &found) == 0 && !found);
    store_close(s);

    /* Opening again runs no migration twice and keeps the data. */
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_schema_version(s) == 4);
    CHECK(store_profile_find(s, "Ann", &again, &found) == 0 && found && again.id == ann.id);
    store_close(s);
}

/* A database of schema version 1 with a trial in it is brought up to date
 * and keeps its trial. */
static void test_upgrade_from_v1(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "v1.db");
    size_t len;
    char *schema = slurp(GMI_SOURCE_DIR "/data/schema/001-initial.sql", &len);
    CHECK(schema != NULL);
    if (!schema)
        return;
    schema[len] = '\0';
    sql(path, schema);
    free(schema);
    sql(path, "PRAGMA user_version = 1;"
              "INSERT INTO profiles VALUES (1, 'Old', 't');"
              "INSERT INTO sessions (id, profile_id, limbs, level, planned_count, time_limit_ms, "
              "feedback, seed, started_at) VALUES (7, 1, 'hands', 1, 1, 5000, 1, 3, 't');"
              "INSERT INTO trials (session_id, trial, image, limb, side, view, posture, "
              "rotation_deg, response, correct, onset_ns, response_ns, rt_ns, input) VALUES "
              "(7, 1, 'h', 'hand', 'left', 'back', 'flat', 0, 'left', 1, 10, 20, 10, 'key');");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_schema_version(s) == 4);
    TrialOutcome *o;
    size_t n;
    CHECK(store_session_outcomes(s, 7, &o, &n) == 0 && n == 1 && o[0].correct);
    free(o);
    int late = -1;
    CHECK(store_session_late_onsets(s, 7, &late) == 0 && late == 0);
    store_close(s);
    /* The rebuilt sessions table kept the session as a drill, and nothing
     * points nowhere. */
    CHECK(query(path, "SELECT count(*) FROM sessions WHERE id = 7 AND mode = 'drill' AND "
                      "limbs = 'hands' AND time_limit_ms = 5000") == 1);
    CHECK(query(path, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(query(path, "SELECT count(*) FROM sqlite_master WHERE name = 'sessions_by_start'") == 1);
}

static void test_prescription(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "settings.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, NULL, "t", &p) == 0);
    CHECK(p.affected_limbs == LIMBS_HANDS && p.affected_side == AFFECTED_BOTH && p.stage == 1);
    /* The defaults follow the profile: feet on the left. */
    p.affected_limbs = LIMBS_FEET;
    p.affected_side = AFFECTED_LEFT;
    Prescription d = store_prescription_default(&p);
    CHECK(d.imagery.limb == LIMB_FOOT && d.imagery.side == SIDE_LEFT);
    CHECK(d.mirror.limb == LIMB_FOOT && d.mirror.side == SIDE_LEFT);
    CHECK(d.sessions_per_day == 3 && d.ask_pain && d.drill.count == 20);
    Prescription loaded = d;
    CHECK(store_prescription_load(s, p.id, &loaded) == 0);
    CHECK(memcmp(&loaded, &d, sizeof d) == 0);

    Prescription mine = d;
    mine.drill = (DrillSettings){
        .limbs = LIMBS_FEET, .count = 40, .time_limit_ms = 0, .level = 3, .feedback = false};
    mine.imagery.hold_ms = 20000;
    mine.imagery.pace = IMAGERY_SELF_PACED;
    mine.mirror.minutes = 15;
    mine.mirror.pace = MIRROR_PACE_SLOW;
    mine.mirror.tick = true;
    mine.sessions_per_day = 6;
    mine.ask_pain = false;
    mine.mirror_camera = true;
    CHECK(store_prescription_save(s, p.id, &mine) == 0);
    mine.drill.count = 30;
    CHECK(store_prescription_save(s, p.id, &mine) == 0); /* saving again replaces */
    store_close(s);
    sql(path, "UPDATE settings SET value = '999' WHERE key = 'level'");
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    loaded = d;
    CHECK(store_prescription_load(s, p.id, &loaded) == -1);
    CHECK_MSG(strstr(store_errmsg(s), "'level'") != NULL, "%s", store_errmsg(s));
    /* The valid values still apply; the broken one keeps the default. */
    CHECK(loaded.drill.limbs == LIMBS_FEET && loaded.drill.count == 30 &&
          loaded.drill.time_limit_ms == 0 && !loaded.drill.feedback && loaded.drill.level == 1);
    CHECK(loaded.imagery.hold_ms == 20000 && loaded.imagery.pace == IMAGERY_SELF_PACED);
    CHECK(loaded.mirror.minutes == 15 && loaded.mirror.pace == MIRROR_PACE_SLOW &&
          loaded.mirror.tick && loaded.sessions_per_day == 6 && !loaded.ask_pain &&
          loaded.mirror_camera);

    /* The profile's details round-trip; a taken name is refused. */
    StoreProfile other;
    CHECK(store_profile_open(s, "Bea", "t", &other) == 0);
    p.stage = 2;
    snprintf(p.notes, sizeof p.notes, "Started <GMI> & \"flared\" on day 3");
    CHECK(store_profile_update(s, &p) == 0);
    snprintf(other.name, sizeof other.name, "%s", p.name);
    CHECK(store_profile_update(s, &other) == -1);
    CHECK_MSG(strstr(store_errmsg(s), "already a profile") != NULL, "%s", store_errmsg(s));
    StoreProfile *all = NULL;
    size_t n = 0;
    CHECK(store_profile_list(s, &all, &n) == 0 && n == 2);
    if (n == 2) {
        CHECK(all[0].id == p.id && all[0].stage == 2 && all[0].affected_limbs == LIMBS_FEET &&
              all[0].affected_side == AFFECTED_LEFT && !strcmp(all[0].notes, p.notes));
        CHECK(!strcmp(all[1].name, "Bea"));
    }
    free(all);
    store_close(s);
}

/* A try by the wall clock alone (the device's start unknown). */
#define WALL(seconds) (&(PinTime){.wall_s = (seconds)})

static void test_pin(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "pin.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    bool exists = true;
    PinOutcome o;
    int64_t wait = -1;
    CHECK(store_pin_exists(s, &exists) == 0 && !exists);
    /* Without a PIN nothing is accepted. */
    CHECK(store_pin_check(s, "1234", WALL(1000), &o, &wait) == 0 && o == PIN_WRONG);
    CHECK(store_pin_set(s, "12a4") == -1 && store_pin_set(s, "123") == -1);
    CHECK(store_pin_set(s, "123456789") == -1);
    CHECK(store_pin_set(s, "2468") == 0);
    CHECK(store_pin_exists(s, &exists) == 0 && exists);
    store_close(s);
    /* The PIN is not stored: only a salted Argon2id hash. */
    long long plain = query(path, "SELECT count(*) FROM device WHERE value LIKE '%2468%'");
    CHECK(plain == 0);
    CHECK(query(path, "SELECT count(*) FROM device WHERE key = 'pin_hash' AND "
                      "value LIKE '$argon2id$%'") == 1);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    CHECK(store_pin_check(s, "2468", WALL(1000), &o, &wait) == 0 && o == PIN_ACCEPTED && wait == 0);
    /* Three wrong tries are free; then the wait grows: 30 s, 60 s, 120 s ... */
    int64_t now = 2000;
    for (int i = 0; i < 3; i++) {
        CHECK(store_pin_check(s, "1111", WALL(now), &o, &wait) == 0 && o == PIN_WRONG);
        CHECK_MSG(wait == 0, "try %d: wait %lld", i + 1, (long long)wait);
    }
    CHECK(store_pin_check(s, "1111", WALL(now), &o, &wait) == 0 && o == PIN_WRONG && wait == 30);
    /* During the wait even the right PIN is not checked. */
    CHECK(store_pin_check(s, "2468", WALL(now + 29), &o, &wait) == 0 && o == PIN_WAIT && wait == 1);
    CHECK(store_pin_check(s, "1111", WALL(now + 30), &o, &wait) == 0 && o == PIN_WRONG &&
          wait == 60);
    CHECK(store_pin_check(s, "1111", WALL(now + 90), &o, &wait) == 0 && o == PIN_WRONG &&
          wait == 120);
    store_close(s);
    /* Quitting does not reset the count. */
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    CHECK(store_pin_check(s, "2468", WALL(now + 100), &o, &wait) == 0 && o == PIN_WAIT);
    CHECK(store_pin_check(s, "2468", WALL(now + 210), &o, &wait) == 0 && o == PIN_ACCEPTED);
    /* A right PIN resets the count: the next wrong try is free again. */
    CHECK(store_pin_check(s, "1111", WALL(now + 211), &o, &wait) == 0 && o == PIN_WRONG &&
          wait == 0);
    /* Many wrong tries wait at most 15 minutes. */
    for (int i = 0; i < 12; i++)
        store_pin_check(s, "1111", WALL(now + 100000 * (i + 1)), &o, &wait);
    CHECK(o == PIN_WRONG && wait == 900);
    store_close(s);
}

/* The wait never trusts a wall clock that jumps. */
static void test_pin_clock(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "pin-clock.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    CHECK(store_pin_set(s, "2468") == 0);
    PinOutcome o;
    int64_t wait = -1, now = 1700000000, year = 365 * 86400;
    /* Wrong tries while the clock was a year ahead: back at the right time
     * the wait is the longest one, not a year ... */
    for (int i = 0; i < 4; i++)
        CHECK(store_pin_check(s, "1111", WALL(now + year), &o, &wait) == 0 && o == PIN_WRONG);
    CHECK_MSG(store_pin_check(s, "2468", WALL(now), &o, &wait) == 0 && o == PIN_WAIT &&
                  wait == STORE_PIN_WAIT_MAX_S,
              "wait %lld", (long long)wait);
    /* ... and it counts down from there, across a restart. */
    store_close(s);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    CHECK_MSG(store_pin_check(s, "2468", WALL(now + 600), &o, &wait) == 0 && o == PIN_WAIT &&
                  wait == STORE_PIN_WAIT_MAX_S - 600,
              "wait %lld", (long long)wait);
    CHECK(store_pin_check(s, "2468", WALL(now + STORE_PIN_WAIT_MAX_S), &o, &wait) == 0 &&
          o == PIN_ACCEPTED);

    /* While the device has not restarted, the wall clock moved forward
     * takes nothing off the wait, and moved back adds nothing to it. */
    PinTime t = {.wall_s = now, .boot_s = 5000, .boot_id = "start-a"};
    for (int i = 0; i < 4; i++)
        CHECK(store_pin_check(s, "1111", &t, &o, &wait) == 0 && o == PIN_WRONG);
    CHECK(wait == 30);
    t.wall_s = now + year;
    t.boot_s += 10;
    CHECK_MSG(store_pin_check(s, "2468", &t, &o, &wait) == 0 && o == PIN_WAIT && wait == 20,
              "wait %lld", (long long)wait);
    t.wall_s = now - year;
    t.boot_s += 10;
    CHECK_MSG(store_pin_check(s, "2468", &t, &o, &wait) == 0 && o == PIN_WAIT && wait == 10,
              "wait %lld", (long long)wait);
    t.boot_s += 10;
    CHECK(store_pin_check(s, "1111", &t, &o, &wait) == 0 && o == PIN_WRONG && wait == 60);
    /* After a restart only the wall clock is left. */
    PinTime restarted = {.wall_s = t.wall_s + 10, .boot_s = 30, .boot_id = "start-b"};
    CHECK_MSG(store_pin_check(s, "2468", &restarted, &o, &wait) == 0 && o == PIN_WAIT && wait == 50,
              "wait %lld", (long long)wait);
    restarted.wall_s += 50;
    CHECK(store_pin_check(s, "2468", &restarted, &o, &wait) == 0 && o == PIN_ACCEPTED);
    store_close(s);
}

/* One wrong PIN tried by a child process once released through go; its
 * exit status says whether the try was refused as wrong. */
static void pin_try_in_child(const char *path, int ready, int go)
{
    char err[512], c;
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    PinOutcome o = PIN_ACCEPTED;
    int64_t wait;
    bool wrong = s && write(ready, "r", 1) == 1 && read(go, &c, 1) == 0 &&
                 store_pin_check(s, "1111", WALL(1000), &o, &wait) == 0 && o == PIN_WRONG;
    store_close(s);
    _exit(wrong ? 0 : 1);
}

/* Wrong PINs tried by two processes at the same moment are each counted. */
static void test_pin_parallel(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "pin-parallel.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK(s && store_pin_set(s, "2468") == 0);
    store_close(s);
    for (int round = 0; round < 3; round++) {
        int ready[2], go[2];
        CHECK(pipe(ready) == 0 && pipe(go) == 0);
        pid_t kids[2];
        for (int k = 0; k < 2; k++) {
            kids[k] = fork();
            if (kids[k] == 0) {
                close(ready[0]);
                close(go[1]);
                pin_try_in_child(path, ready[1], go[0]);
            }
        }
        close(ready[1]);
        close(go[0]);
        /* Both have the database open: release them together. */
        char c;
        for (int k = 0; k < 2; k++)
            CHECK(read(ready[0], &c, 1) == 1);
        close(go[1]);
        close(ready[0]);
        for (int k = 0; k < 2; k++) {
            int status = -1;
            CHECK(kids[k] > 0 && waitpid(kids[k], &status, 0) == kids[k]);
            CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round %d, process %d", round,
                      k);
        }
        long long failures = query(path, "SELECT value FROM device WHERE key = 'pin_failures'");
        CHECK_MSG(failures == 2, "round %d: %lld wrong tries counted", round, failures);
        /* The right PIN resets the count for the next round. */
        s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
        PinOutcome o;
        int64_t wait;
        CHECK(s && store_pin_check(s, "2468", WALL(1000), &o, &wait) == 0 && o == PIN_ACCEPTED);
        store_close(s);
    }
}

static void add_trial(Store *s, int64_t session, int n, Side side, Response r, int64_t onset,
                      int64_t response, InputDevice in)
{
    TrialRecord t = {.trial = n,
                     .image = "hand-fist-back",
                     .limb = LIMB_HAND,
                     .side = side,
                     .view = "back",
                     .posture = "fist",
                     .rotation_deg = 90,
                     .response = r,
                     .correct = r == response_for_side(side),
                     .input = in,
                     .onset_ns = onset,
                     .response_ns = response,
                     .onset_interval_ns = n == 3 ? 40000000 : 16000000,
                     .late_onset = n == 3};
    CHECK_MSG(store_trial_add(s, session, &t) == 0, "%s", store_errmsg(s));
}

static void test_session_round_trip(void)
{
    char path[512], csv[512], err[512] = "";
    path_in_dir(path, sizeof path, "session.db");
    path_in_dir(csv, sizeof csv, "out.csv");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    StoreProfile p, q;
    CHECK(store_profile_open(s, "Lee, Ann", "t", &p) == 0);
    CHECK(store_profile_open(s, "Bob", "t", &q) == 0);
    SessionStart start = {.profile_id = p.id,
                          .settings = drill_settings_default(),
                          .seed = UINT64_MAX,
                          .started_at = "2026-11-21T09:30:05+01:00",
                          .pain_before = -1};
    int64_t first, second, other;
    CHECK(store_session_begin(s, &start, &first) == 0);
    add_trial(s, first, 1, SIDE_LEFT, RESPONSE_LEFT, 1000000000, 1500000000, INPUT_TOUCH);
    add_trial(s, first, 2, SIDE_RIGHT, RESPONSE_NONE, 3000000000, 0, INPUT_OTHER);
    add_trial(s, first, 3, SIDE_RIGHT, RESPONSE_LEFT, 5000000000, 6234567890, INPUT_KEY);
    /* The same trial number twice is refused and changes nothing. */
    TrialRecord dup = {.trial = 3, .image = "x", .view = "v", .posture = "p"};
    CHECK(store_trial_add(s, first, &dup) == -1);
    CHECK(store_session_end(s, first, "2026-11-21T09:31:00+01:00", false, false) == 0);

    bool found = true;
    int64_t prev = 0;
    CHECK(store_previous_session(s, p.id, first, &prev, &found) == 0 && !found);
    CHECK(store_session_begin(s, &start, &second) == 0);
    add_trial(s, second, 1, SIDE_LEFT, RESPONSE_RIGHT, 100, 400000100, INPUT_MOUSE);
    CHECK(store_session_end(s, second, "2026-11-21T10:00:00+01:00", true, false) == 0);
    CHECK(store_previous_session(s, p.id, second, &prev, &found) == 0 && found && prev == first);
    start.profile_id = q.id;
    CHECK(store_session_begin(s, &start, &other) == 0);
    add_trial(s, other, 1, SIDE_LEFT, RESPONSE_LEFT, 0, 700000000, INPUT_KEY);

    /* The unfinished session of Bob is marked interrupted once, with its trial. */
    int marked = -1, kept = -1;
    CHECK(store_mark_interrupted(s, p.id, &marked, &kept) == 0 && marked == 0 && kept == 0);
    CHECK(store_mark_interrupted(s, q.id, &marked, &kept) == 0 && marked == 1 && kept == 1);
    CHECK(store_mark_interrupted(s, q.id, &marked, &kept) == 0 && marked == 0 && kept == 0);

    int late = -1;
    CHECK(store_session_late_onsets(s, first, &late) == 0 && late == 1);
    CHECK(store_session_late_onsets(s, second, &late) == 0 && late == 0);

    TrialOutcome *o;
    size_t n;
    CHECK(store_session_outcomes(s, first, &o, &n) == 0 && n == 3);
    if (n == 3) {
        CHECK(o[0].side == SIDE_LEFT && o[0].correct && o[0].rt_ms == 500.0);
        CHECK(o[1].side == SIDE_RIGHT && !o[1].correct && o[1].rt_ms < 0);
        CHECK(!o[2].correct && o[2].rt_ms > 1234.567 && o[2].rt_ms < 1234.568);
    }
    free(o);

    FILE *f = fopen(csv, "w");
    CHECK(store_export(s, "Lee, Ann", STORE_EXPORT_TRIALS, TABLE_CSV, f) == 0);
    fclose(f);
    size_t len;
    char *text = slurp(csv, &len);
    char id1[16], id2[16];
    snprintf(id1, sizeof id1, "%lld", (long long)first);
    snprintf(id2, sizeof id2, "%lld", (long long)second);
    char want[2048];
    snprintf(want, sizeof want,
             STORE_TRIALS_HEADER
             "\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,1,hand-fist-back,hand,left,back,fist,90,"
             "left,1,500.000,touch\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,2,hand-fist-back,hand,right,back,fist,90,"
             "none,0,,\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,3,hand-fist-back,hand,right,back,fist,90,"
             "left,0,1234.568,key\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,1,hand-fist-back,hand,left,back,fist,90,"
             "right,0,400.000,mouse\n",
             id1, id1, id1, id2);
    CHECK_MSG(text && len == strlen(want) && memcmp(text, want, len) == 0, "got:\n%.*s", (int)len,
              text ? text : "");
    free(text);

    /* Without a profile: everyone's trials. */
    f = fopen(csv, "w");
    CHECK(store_export(s, NULL, STORE_EXPORT_TRIALS, TABLE_CSV, f) == 0);
    fclose(f);
    text = slurp(csv, &len);
    int lines = 0;
    for (size_t i = 0; text && i < len; i++)
        lines += text[i] == '\n';
    CHECK(lines == 6 && text && strstr(text, "\nBob,") != NULL);
    free(text);
    store_close(s);

    /* Export opens read-only and leaves the file byte for byte as it was. */
    size_t before_len, after_len;
    char *before = slurp(path, &before_len);
    s = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    f = fopen(csv, "w");
    CHECK(s && store_export(s, NULL, STORE_EXPORT_TRIALS, TABLE_CSV, f) == 0);
    fclose(f);
    store_close(s);
    char *after = slurp(path, &after_len);
    CHECK(before && after && before_len == after_len && memcmp(before, after, before_len) == 0);
    free(before);
    free(after);
}

static void test_refused_files(void)
{
    char path[512], err[512] = "";
    /* Read-only opening of a missing file fails and creates nothing. */
    path_in_dir(path, sizeof path, "missing.db");
    CHECK(store_open(path, STORE_READ_ONLY, NULL, err, sizeof err) == NULL);
    CHECK(access(path, F_OK) != 0);

    /* Not a database: refused, bytes untouched. */
    path_in_dir(path, sizeof path, "garbage.db");
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 4096; i++)
        fputc("not a database "[i % 15], f);
    fclose(f);
    size_t len0, len1;
    char *before = slurp(path, &len0);
    err[0] = '\0';
    StoreFailure why = STORE_FAILED_OTHER;
    CHECK(store_open(path, STORE_READ_WRITE, &why, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "not a database") != NULL, "%s", err);
    CHECK(why == STORE_FAILED_DAMAGED);
    char *after = slurp(path, &len1);
    CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
    free(after);

    /* Set aside: renamed with its WAL, bytes unchanged, the name free again. */
    char wal[600], moved[600], moved_wal[700];
    snprintf(wal, sizeof wal, "%s-wal", path);
    FILE *w = fopen(wal, "wb");
    fputs("wal bytes", w);
    fclose(w);
    CHECK(store_set_aside(path, "20261121-093005", moved, sizeof moved, err, sizeof err) == 0);
    CHECK(strstr(moved, "garbage.db.damaged-20261121-093005") != NULL);
    snprintf(moved_wal, sizeof moved_wal, "%s-wal", moved);
    after = slurp(moved, &len1);
    CHECK(after && len0 == len1 && memcmp(before, after, len0) == 0);
    CHECK(access(moved_wal, F_OK) == 0 && access(path, F_OK) != 0 && access(wal, F_OK) != 0);
    /* A second set-aside with the same stamp would overwrite: refused. */
    f = fopen(path, "wb");
    fputs("again", f);
    fclose(f);
    CHECK(store_set_aside(path, "20261121-093005", moved, sizeof moved, err, sizeof err) == -1);
    CHECK(access(path, F_OK) == 0);
    free(before);
    free(after);

    /* A newer schema: refused with a clear message and left as it was. */
    path_in_dir(path, sizeof path, "newer.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    store_close(s);
    sql(path, "PRAGMA user_version = 99");
    before = slurp(path, &len0);
    err[0] = '\0';
    why = STORE_FAILED_OTHER;
    CHECK(store_open(path, STORE_READ_WRITE, &why, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "newer version") != NULL, "%s", err);
    CHECK(why == STORE_FAILED_NEWER);
    CHECK(store_open(path, STORE_READ_ONLY, NULL, err, sizeof err) == NULL);
    after = slurp(path, &len1);
    CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
    free(before);
    free(after);
}

/* Sessions of every mode, their steps and ratings; today's count and the
 * calendar; the history the progress screen reads; the session export. */
static void test_modes_and_history(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "modes.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, "Ann", "t", &p) == 0);
    SessionStart drill = {.profile_id = p.id,
                          .mode = MODE_DRILL,
                          .settings = drill_settings_default(),
                          .started_at = "2026-11-20T18:00:00+01:00",
                          .pain_before = 4};
    SessionStart imagery = {.profile_id = p.id,
                            .mode = MODE_IMAGERY,
                            .limb = LIMB_HAND,
                            .side = SIDE_LEFT,
                            .count = 2,
                            .hold_ms = 10000,
                            .rest_ms = 5000,
                            .started_at = "2026-11-21T09:00:00+01:00",
                            .pain_before = -1};
    SessionStart mirror = {.profile_id = p.id,
                           .mode = MODE_MIRROR,
                           .limb = LIMB_FOOT,
                           .side = SIDE_RIGHT,
                           .planned_s = 300,
                           .pace = "slow",
                           .started_at = "2026-11-21T10:00:00+01:00",
                           .pain_before = 2};
    int64_t d, im, mi;
    CHECK(store_session_begin(s, &drill, &d) == 0);
    add_trial(s, d, 1, SIDE_LEFT, RESPONSE_LEFT, 0, 800000000, INPUT_TOUCH);
    add_trial(s, d, 2, SIDE_RIGHT, RESPONSE_RIGHT, 0, 1200000000, INPUT_TOUCH);
    add_trial(s, d, 3, SIDE_RIGHT, RESPONSE_LEFT, 0, 500000000, INPUT_TOUCH);
    CHECK(store_session_end(s, d, "2026-11-20T18:02:00+01:00", false, false) == 0);
    CHECK(store_session_rate(s, d, 3, -1) == 0);
    CHECK(store_session_begin(s, &imagery, &im) == 0);
    StepRecord held = {
        .step = 1, .phase = "hold", .item = "hand-fist", .duration_ms = 10000, .completed = true};
    CHECK(store_step_add(s, im, &held) == 0);
    held.step = 2;
    held.duration_ms = 4200;
    held.completed = false;
    CHECK(store_step_add(s, im, &held) == 0);
    CHECK(store_step_add(s, im, &held) == -1); /* the same step twice */
    CHECK(store_session_end(s, im, "2026-11-21T09:01:00+01:00", true, true) == 0);
    CHECK(store_session_rate(s, im, 6, 4) == 0);
    CHECK(store_session_begin(s, &mirror, &mi) == 0);
    StepRecord watch = {
        .step = 1, .phase = "watch", .item = "foot-ankle", .duration_ms = 30000, .completed = true};
    CHECK(store_step_add(s, mi, &watch) == 0);
    CHECK(store_session_end(s, mi, "2026-11-21T10:05:00+01:00", false, false) == 0);
    /* A mode's own columns are required; a drill's stay empty elsewhere. */
    SessionStart bad = mirror;
    bad.side = SIDE_LEFT;
    bad.limb = LIMB_HAND;
    bad.mode = MODE_DRILL;
    bad.settings.level = 0;
    int64_t ignored;
    CHECK(store_session_begin(s, &bad, &ignored) == -1);

    /* Today: the imagery stopped because it hurt counts, as does the mirror. */
    int done = -1, days[3] = {-1, -1, -1};
    CHECK(store_sessions_done(s, p.id, "2026-11-21", &done) == 0 && done == 2);
    CHECK(store_sessions_done(s, p.id, "2026-11-20", &done) == 0 && done == 1);
    CHECK(store_sessions_done(s, p.id, "2026-11-22", &done) == 0 && done == 0);
    CHECK(store_day_counts(s, p.id, "2026-11-19", days, 3) == 0);
    CHECK(days[0] == 0 && days[1] == 1 && days[2] == 2);
    char first[PROGRESS_DATE_MAX];
    CHECK(store_first_date(s, p.id, first) == 0 && !strcmp(first, "2026-11-20"));

    StoreHistory h;
    CHECK(store_history_load(s, p.id, "2026-11-20", "2026-11-21", &h) == 0);
    CHECK(h.nsessions == 3 && h.ntrials == 3);
    if (h.nsessions == 3 && h.ntrials == 3) {
        CHECK(h.sessions[0].mode == MODE_DRILL && h.sessions[0].pictures == 3);
        CHECK(h.sessions[0].accuracy_pct > 66.6 && h.sessions[0].accuracy_pct < 66.7);
        CHECK(h.sessions[0].median_rt_ms == 1000.0); /* of 800 and 1200 */
        CHECK(h.sessions[0].pain_before == 4 && h.sessions[0].pain_after == 3);
        CHECK(h.sessions[1].mode == MODE_IMAGERY && h.sessions[1].pictures == 2);
        CHECK(h.sessions[1].stopped_for_pain && h.sessions[1].pain_after == 6);
        CHECK(h.sessions[2].mode == MODE_MIRROR && h.sessions[2].pain_before == 2);
        CHECK(!strcmp(h.sessions[2].started_at, "2026-11-21T10:00:00+01:00"));
        int day;
        CHECK(progress_day_parse("2026-11-20", &day) == 0 && h.trials[0].day == day);
        CHECK(h.trials[2].side == SIDE_RIGHT && !h.trials[2].correct && h.trials[2].answered);
        CHECK(!strcmp(h.trials[0].view, "back") && h.trials[0].rotation_deg == 90);
    }
    store_history_free(&h);
    /* The range is respected. */
    CHECK(store_history_load(s, p.id, "2026-11-21", "2026-11-21", &h) == 0);
    CHECK(h.nsessions == 2 && h.ntrials == 0);
    store_history_free(&h);

    char out[512];
    path_in_dir(out, sizeof out, "sessions.csv");
    FILE *f = fopen(out, "w");
    CHECK(store_export(s, "Ann", STORE_EXPORT_SESSIONS, TABLE_CSV, f) == 0);
    fclose(f);
    size_t len;
    char *text = slurp(out, &len);
    char want[4096];
    snprintf(want, sizeof want,
             STORE_SESSIONS_HEADER
             "\n"
             "Ann,%lld,drill,2026-11-20T18:00:00+01:00,2026-11-20T18:02:00+01:00,both,,1,20,"
             "5000,1,,,,,,,3,2,66.7,1000.000,4,3,,0,0,0,\n"
             "Ann,%lld,imagery,2026-11-21T09:00:00+01:00,2026-11-21T09:01:00+01:00,hands,left,,2,"
             ",,10000,5000,0,,,,2,,,,,6,4,1,1,0,hold/hand-fist/10000;hold/hand-fist/4200\n"
             "Ann,%lld,mirror,2026-11-21T10:00:00+01:00,2026-11-21T10:05:00+01:00,feet,right,,,"
             ",,,,,300,slow,0,,,,,2,,,0,0,0,watch/foot-ankle/30000\n",
             (long long)d, (long long)im, (long long)mi);
    CHECK_MSG(text && len == strlen(want) && !memcmp(text, want, len), "got:\n%.*s\nwant:\n%s",
              (int)len, text ? text : "", want);
    free(text);
    path_in_dir(out, sizeof out, "trials.json");
    f = fopen(out, "w");
    CHECK(store_export(s, NULL, STORE_EXPORT_TRIALS, TABLE_JSON, f) == 0);
    fclose(f);
    text = slurp(out, &len);
    CHECK_MSG(text && strstr(text, "{\"profile\":\"Ann\",\"session_id\":") &&
                  strstr(text, "\"rotation_deg\":90,\"response\":\"left\",\"correct\":0,"
                               "\"rt_ms\":500.000,\"input\":\"touch\"}\n]\n"),
              "%.*s", (int)len, text ? text : "");
    free(text);
    store_close(s);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/gmi-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_migrate_and_profiles();
    test_upgrade_from_v1();
    test_prescription();
    test_pin();
    test_pin_clock();
    test_pin_parallel();
    test_session_round_trip();
    test_refused_files();
    test_modes_and_history();
    return check_exit();
}
