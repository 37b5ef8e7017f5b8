/* Storage on temporary files: migrations, profiles, settings, a session's
 * round trip, the CSV export, file permissions, durability settings, and
 * files that must be refused and left untouched. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "drive.h"
#include "migrations.h"
#include "store.h"

static char dir[256];

static void path_in_dir(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static void test_migrate_and_profiles(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "a.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_schema_version(s) == store_migration_count);
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
    /* An archived profile is kept, read back as such and no longer the
     * first; with all archived the oldest is. */
    CHECK(!def.archived);
    def.archived = true;
    CHECK(store_profile_update(s, &def) == 0);
    CHECK(store_profile_open(s, NULL, "x", &again) == 0 && again.id == ann.id && !again.archived);
    CHECK(store_profile_find(s, "Default", &again, &found) == 0 && found && again.archived);
    ann.archived = true;
    CHECK(store_profile_update(s, &ann) == 0);
    CHECK(store_profile_open(s, NULL, "x", &again) == 0 && again.id == def.id);
    StoreProfile *all = NULL;
    size_t n = 0;
    CHECK(store_profile_list(s, &all, &n) == 0 && n == 2 && all && all[0].archived &&
          all[1].archived);
    free(all);
    def.archived = ann.archived = false;
    CHECK(store_profile_update(s, &def) == 0 && store_profile_update(s, &ann) == 0);
    store_close(s);

    /* Opening again runs no migration twice and keeps the data. */
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_schema_version(s) == store_migration_count);
    CHECK(store_profile_find(s, "Ann", &again, &found) == 0 && found && again.id == ann.id);
    store_close(s);
}

/* Runs on every connection this process opens, as SQLite opens it. */
static int synchronous_off(sqlite3 *db, char **msg, const void *api)
{
    (void)msg;
    (void)api;
    return sqlite3_exec(db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
}

/* The store's own connection runs in WAL mode with synchronous FULL, which
 * keeps every commit across a power cut, whatever SQLite's own defaults
 * are: here every connection starts with synchronous OFF (as a build with
 * other defaults would), so only the store's own setting makes it FULL. A
 * new file starts in the rollback journal mode, so WAL too is the store's. */
static void test_durability(void)
{
    char path[512], err[512] = "", journal[16] = "";
    path_in_dir(path, sizeof path, "durable.db");
    CHECK(sqlite3_auto_extension((void (*)(void))synchronous_off) == SQLITE_OK);
    for (int open = 0; open < 2; open++) { /* a new file, then the same again */
        Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
        CHECK_MSG(s != NULL, "%s", err);
        if (!s)
            break;
        int synchronous = -1;
        CHECK_MSG(store_durability(s, journal, sizeof journal, &synchronous) == 0, "%s",
                  store_errmsg(s));
        CHECK_MSG(strcmp(journal, "wal") == 0 && synchronous == 2,
                  "journal mode %s, synchronous %d", journal, synchronous);
        store_close(s);
    }
    sqlite3_cancel_auto_extension((void (*)(void))synchronous_off);
}

/* A database of schema version 1 with trials in it is brought up to date
 * and keeps its trials; those answered too fast to be judgements are
 * flagged from their stamps. */
static void test_upgrade_from_v1(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "v1.db");
    size_t len;
    char *schema = drive_slurp(GMI_SOURCE_DIR "/data/schema/001-initial.sql", &len);
    CHECK(schema != NULL);
    if (!schema)
        return;
    schema[len] = '\0';
    CHECK(drive_sql(path, schema) == 0);
    free(schema);
    CHECK(drive_sql(
              path,
              "PRAGMA user_version = 1;"
              "INSERT INTO profiles VALUES (1, 'Old', 't');"
              "INSERT INTO sessions (id, profile_id, limbs, level, planned_count, time_limit_ms, "
              "feedback, seed, started_at) VALUES (7, 1, 'hands', 1, 1, 5000, 1, 3, 't');"
              "INSERT INTO trials (session_id, trial, image, limb, side, view, posture, "
              "rotation_deg, response, correct, onset_ns, response_ns, rt_ns, input) VALUES "
              "(7, 1, 'h', 'hand', 'left', 'back', 'flat', 0, 'left', 1, 10, 20, 10, 'key'),"
              "(7, 2, 'h', 'hand', 'left', 'back', 'flat', 0, 'left', 1, 1000000000, "
              "1094000000, 94000000, 'touch'),"
              "(7, 3, 'h', 'hand', 'left', 'back', 'flat', 0, 'right', 0, 2000000000, "
              "2300000000, 300000000, 'touch'),"
              "(7, 4, 'h', 'hand', 'left', 'back', 'flat', 0, 'none', 0, 3000000000, NULL, NULL, "
              "NULL);") == 0);
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_schema_version(s) == store_migration_count);
    TrialOutcome *o;
    size_t n;
    CHECK(store_session_outcomes(s, 7, &o, &n) == 0 && n == 4);
    if (n == 4) {
        /* 10 ns and 94 ms: too fast; 300 ms, the floor: judged; no answer: judged. */
        CHECK(o[0].correct && o[0].too_fast);
        CHECK(o[1].correct && o[1].too_fast && o[1].rt_ms == 94.0);
        CHECK(!o[2].too_fast && !o[3].too_fast);
    }
    free(o);
    store_close(s);
    CHECK(drive_query(path, "SELECT count(*) FROM trials WHERE too_fast = 1") == 2);
    /* The migration's floor is the one data/norms.csv gives. */
    char *text = drive_slurp(GMI_SOURCE_DIR "/data/norms.csv", &len);
    Norms norms;
    CHECK(text && norms_parse(text, len, "norms.csv", &norms, err, sizeof err) == 0 &&
          norms.too_fast_ms == 300.0);
    free(text);
    /* The rebuilt sessions table kept the session as a drill, and nothing
     * points nowhere. */
    CHECK(drive_query(path, "SELECT count(*) FROM sessions WHERE id = 7 AND mode = 'drill' AND "
                            "limbs = 'hands' AND time_limit_ms = 5000") == 1);
    CHECK(drive_query(path, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(drive_query(path,
                      "SELECT count(*) FROM sqlite_master WHERE name = 'sessions_by_start'") == 1);
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
    p.affected_limbs = LIMBS_FEET;
    p.affected_side = AFFECTED_LEFT;
    /* By default imagery and mirror therapy follow the profile's limb and side. */
    Prescription d = prescription_default();
    CHECK(d.imagery_limb == LIMB_CHOICE_AFFECTED && d.imagery_side == SIDE_CHOICE_AFFECTED);
    CHECK(d.mirror_limb == LIMB_CHOICE_AFFECTED && d.mirror_side == SIDE_CHOICE_AFFECTED);
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
    mine.imagery_side = SIDE_CHOICE_RIGHT;
    mine.mirror_limb = LIMB_CHOICE_HAND;
    CHECK(store_prescription_save(s, p.id, &mine) == 0);
    mine.drill.count = 30;
    CHECK(store_prescription_save(s, p.id, &mine) == 0); /* saving again replaces */
    store_close(s);
    CHECK(drive_sql(path, "UPDATE settings SET value = '999' WHERE key = 'level'") == 0);
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
    /* The explicit choices come back explicit, the others still follow. */
    CHECK(loaded.imagery_side == SIDE_CHOICE_RIGHT && loaded.imagery_limb == LIMB_CHOICE_AFFECTED);
    CHECK(loaded.mirror_limb == LIMB_CHOICE_HAND && loaded.mirror_side == SIDE_CHOICE_AFFECTED);

    /* The profile's details round-trip; a taken name is refused. */
    StoreProfile other;
    CHECK(store_profile_open(s, "Bea", "t", &other) == 0);
    p.stage = 2;
    snprintf(p.notes, sizeof p.notes, "Started <GMI> & \"flared\" on day 3");
    CHECK(store_profile_update(s, &p) == 0);
    snprintf(other.name, sizeof other.name, "%s", p.name);
    CHECK(store_profile_update(s, &other) == -1);
    CHECK_MSG(strstr(store_errmsg(s), "already a profile") != NULL, "%s", store_errmsg(s));
    /* Text that is not UTF-8 is refused at entry and nothing is stored. */
    StoreProfile bad = p;
    snprintf(bad.notes, sizeof bad.notes, "Pain \xff\xfe");
    CHECK(store_profile_update(s, &bad) == -1);
    CHECK_MSG(strstr(store_errmsg(s), "UTF-8") != NULL, "%s", store_errmsg(s));
    snprintf(bad.notes, sizeof bad.notes, "%s", p.notes);
    snprintf(bad.name, sizeof bad.name, "Cut \xe2\x82");
    CHECK(store_profile_update(s, &bad) == -1);
    StoreProfile none;
    CHECK(store_profile_open(s, "Bad \xc0\xaf", "t", &none) == -1);
    CHECK_MSG(strstr(store_errmsg(s), "UTF-8") != NULL, "%s", store_errmsg(s));
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

/* A new database called name in the test folder (its path into path) with
 * one profile, *p; NULL when it cannot be made. */
static Store *open_with_profile(const char *name, char *path, size_t cap, StoreProfile *p)
{
    char err[512] = "";
    path_in_dir(path, cap, name);
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (s && store_profile_open(s, NULL, "t", p) != 0) {
        CHECK_MSG(0, "%s", store_errmsg(s));
        store_close(s);
        return NULL;
    }
    return s;
}

/* Every field of the prescription through the table: set to a value other
 * than its default, then all to their lowest and all to their highest,
 * saved and loaded back the same; a stored value one step outside its
 * range is refused with a message naming its key, and the others still
 * load. */
static void test_prescription_fields(void)
{
    char path[512], err[512] = "";
    StoreProfile p;
    Store *s = open_with_profile("fields.db", path, sizeof path, &p);
    if (!s)
        return;
    const Prescription d = prescription_default();
    Prescription sets[3] = {d, d, d}; /* other values, lowest, highest */
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        int was = prescription_field_get(&d, f), other = was;
        for (int c = 0; c < prescription_field_choice_count(f) && other == was; c++)
            other = f->choices[c].value;
        CHECK_MSG(other != was, "%s: no value but the default", f->key);
        CHECK(prescription_field_set(&sets[0], f, other, err, sizeof err) == 0);
        CHECK(prescription_field_set(&sets[1], f, f->lo, err, sizeof err) == 0);
        CHECK(prescription_field_set(&sets[2], f, f->hi, err, sizeof err) == 0);
    }
    for (int k = 0; k < 3; k++) {
        Prescription loaded = d;
        CHECK_MSG(store_prescription_save(s, p.id, &sets[k]) == 0, "%s", store_errmsg(s));
        CHECK_MSG(store_prescription_load(s, p.id, &loaded) == 0, "%s", store_errmsg(s));
        for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
            const PrescriptionField *f = &prescription_fields[i];
            CHECK_MSG(prescription_field_get(&loaded, f) == prescription_field_get(&sets[k], f),
                      "set %d, %s: saved %d, loaded %d", k, f->key,
                      prescription_field_get(&sets[k], f), prescription_field_get(&loaded, f));
        }
        CHECK(memcmp(&loaded, &sets[k], sizeof loaded) == 0);
    }
    store_close(s);

    /* sets[2] is stored: each key in turn one above its highest. */
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        char sql[160];
        snprintf(sql, sizeof sql, "UPDATE settings SET value = '%d' WHERE key = '%s'", f->hi + 1,
                 f->key);
        CHECK(drive_sql(path, sql) == 0);
        s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
        if (!s)
            return;
        Prescription loaded = d;
        CHECK_MSG(store_prescription_load(s, p.id, &loaded) == -1, "%s: %d loaded", f->key,
                  f->hi + 1);
        char named[64];
        snprintf(named, sizeof named, "'%s'", f->key);
        CHECK_MSG(strstr(store_errmsg(s), named) != NULL, "%s", store_errmsg(s));
        /* The refused one keeps the value it had; the rest are loaded. */
        for (size_t j = 0; j < PRESCRIPTION_FIELDS; j++) {
            const PrescriptionField *g = &prescription_fields[j];
            int want = prescription_field_get(j == i ? &d : &sets[2], g);
            CHECK_MSG(prescription_field_get(&loaded, g) == want, "%s bad, %s: %d", f->key, g->key,
                      prescription_field_get(&loaded, g));
        }
        CHECK(store_prescription_save(s, p.id, &sets[2]) == 0);
        store_close(s);
    }
}

/* A prescription as the trainer stored it before the fields were one
 * table: these keys and values, written here as text rows, load as the
 * same prescription, field by field. */
static void test_prescription_stored_before(void)
{
    char path[512], err[512] = "";
    StoreProfile p;
    Store *s = open_with_profile("before.db", path, sizeof path, &p);
    if (!s)
        return;
    store_close(s);
    static const char *const rows[][2] = {
        {"limbs", "2"},
        {"count", "35"},
        {"time_limit_ms", "2500"},
        {"level", "3"},
        {"feedback", "0"},
        {"sessions_per_day", "5"},
        {"imagery_limb", "1"},
        {"imagery_side", "-1"},
        {"imagery_count", "12"},
        {"imagery_hold_ms", "7500"},
        {"imagery_rest_ms", "0"},
        {"imagery_pace", "1"},
        {"mirror_limb", "-1"},
        {"mirror_side", "0"},
        {"mirror_minutes", "12"},
        {"mirror_pace", "2"},
        {"mirror_tick", "1"},
        {"ask_pain", "0"},
        {"mirror_camera", "1"},
        {"touch_on", "1"},
        {"touch_limb", "1"},
        {"touch_side", "-1"},
        {"touch_step", "4"},
        {"touch_minutes", "0"},
        {"touch_per_day", "2"},
        {"a_later_setting", "7"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "INSERT INTO settings (profile_id, key, value) VALUES (%lld, '%s', '%s')",
                 (long long)p.id, rows[i][0], rows[i][1]);
        CHECK(drive_sql(path, sql) == 0);
    }
    Prescription want = prescription_default();
    want.drill = (DrillSettings){
        .limbs = LIMBS_FEET, .count = 35, .time_limit_ms = 2500, .level = 3, .feedback = false};
    want.sessions_per_day = 5;
    want.imagery_limb = LIMB_CHOICE_FOOT;
    want.imagery_side = SIDE_CHOICE_AFFECTED;
    want.imagery.count = 12;
    want.imagery.hold_ms = 7500;
    want.imagery.rest_ms = 0;
    want.imagery.pace = IMAGERY_SELF_PACED;
    want.mirror_limb = LIMB_CHOICE_AFFECTED;
    want.mirror_side = SIDE_CHOICE_LEFT;
    want.mirror.minutes = 12;
    want.mirror.pace = MIRROR_PACE_NORMAL;
    want.mirror.tick = true;
    want.ask_pain = false;
    want.mirror_camera = true;
    want.touch_on = true;
    want.touch_limb = LIMB_CHOICE_FOOT;
    want.touch_step = 4;
    want.touch_per_day = 2;
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    Prescription loaded = prescription_default();
    CHECK_MSG(store_prescription_load(s, p.id, &loaded) == 0, "%s", store_errmsg(s));
    /* Every field, through the table of fields (comparing the structs'
     * bytes would compare their padding too). */
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        CHECK_MSG(prescription_field_get(&loaded, f) == prescription_field_get(&want, f), "%s",
                  f->key);
    }
    CHECK(loaded.imagery_limb == want.imagery_limb && loaded.imagery_side == want.imagery_side);
    CHECK(loaded.mirror_limb == want.mirror_limb && loaded.mirror_side == want.mirror_side);
    CHECK(loaded.sessions_per_day == 5 && !loaded.ask_pain && loaded.mirror_camera);
    /* Saved again, the rows are the same keys with the same text. */
    CHECK(store_prescription_save(s, p.id, &loaded) == 0);
    store_close(s);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM settings WHERE key = '%s' AND value = '%s'",
                 rows[i][0], rows[i][1]);
        CHECK_MSG(drive_query(path, sql) == 1, "%s", rows[i][0]);
    }
    /* And the fields added since, at their defaults. */
    CHECK(drive_query(path, "SELECT value FROM settings WHERE key = 'text_size'") == 100);
    CHECK(drive_query(path, "SELECT value FROM settings WHERE key = 'touch_tone'") == 0);
    CHECK(drive_query(path, "SELECT count(*) FROM settings") ==
          (int)(sizeof rows / sizeof rows[0]) + 2);
}

/* The limb and side a session practises: the prescription's explicit
 * choice, else the profile's affected one when it names one; never a
 * guess. */
static void test_target(void)
{
    static const struct {
        LimbSet limbs;
        AffectedSide affected;
        LimbChoice limb;
        SideChoice side;
        int open;
        Limb want_limb;
        Side want_side;
    } cases[] = {
        {LIMBS_HANDS, AFFECTED_LEFT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED, 0, LIMB_HAND,
         SIDE_LEFT},
        {LIMBS_FEET, AFFECTED_RIGHT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED, 0, LIMB_FOOT,
         SIDE_RIGHT},
        {LIMBS_HANDS, AFFECTED_LEFT, LIMB_CHOICE_FOOT, SIDE_CHOICE_RIGHT, 0, LIMB_FOOT, SIDE_RIGHT},
        {LIMBS_FEET, AFFECTED_LEFT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_LEFT, 0, LIMB_FOOT,
         SIDE_LEFT},
        /* Not set: the side is left open, whatever the limb. */
        {LIMBS_HANDS, AFFECTED_BOTH, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         STORE_TARGET_NO_SIDE, LIMB_HAND, SIDE_LEFT},
        {LIMBS_BOTH, AFFECTED_BOTH, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         STORE_TARGET_NO_SIDE | STORE_TARGET_NO_LIMB, LIMB_HAND, SIDE_LEFT},
        {LIMBS_BOTH, AFFECTED_RIGHT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         STORE_TARGET_NO_LIMB, LIMB_HAND, SIDE_RIGHT},
        /* An explicit choice needs nothing from the profile. */
        {LIMBS_BOTH, AFFECTED_BOTH, LIMB_CHOICE_FOOT, SIDE_CHOICE_RIGHT, 0, LIMB_FOOT, SIDE_RIGHT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        StoreProfile p = {.affected_limbs = cases[i].limbs, .affected_side = cases[i].affected};
        /* Parts left open are not written: the sentinels stay. */
        Limb limb = (Limb)99;
        Side side = (Side)99;
        int open = store_prescription_target(&p, cases[i].limb, cases[i].side, &limb, &side);
        CHECK_MSG(open == cases[i].open, "case %zu: open %d", i, open);
        CHECK_MSG((open & STORE_TARGET_NO_LIMB) ? limb == (Limb)99 : limb == cases[i].want_limb,
                  "case %zu: limb %d", i, (int)limb);
        CHECK_MSG((open & STORE_TARGET_NO_SIDE) ? side == (Side)99 : side == cases[i].want_side,
                  "case %zu: side %d", i, (int)side);
    }
}

/* Makes a database of schema version `version` at path from the migration
 * files themselves. */
static void make_old_db(const char *path, int version)
{
    static const char *const files[] = {"001-initial.sql", "002-onset-timing.sql",
                                        "003-interrupted.sql", "004-stages-prescriptions.sql"};
    for (int v = 0; v < version; v++) {
        char name[512];
        snprintf(name, sizeof name, "%s/data/schema/%s", GMI_SOURCE_DIR, files[v]);
        size_t len;
        char *schema = drive_slurp(name, &len);
        CHECK_MSG(schema != NULL, "cannot read %s", name);
        if (!schema)
            return;
        schema[len] = '\0';
        CHECK(drive_sql(path, schema) == 0);
        free(schema);
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
    CHECK(drive_sql(path, pragma) == 0);
}

/* A prescription side (limb) of schema version 4 equal to the profile's
 * affected one follows it after the update; one that differs stays as an
 * explicit choice; nothing else changes. */
static void test_upgrade_from_v4(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "v4.db");
    make_old_db(path, 4);
    /* Sides and limbs were stored as 0 (left, hand) and 1 (right, foot). */
    CHECK(drive_sql(
              path,
              "INSERT INTO profiles (id, name, created_at, affected_limbs, affected_side) VALUES "
              "(1, 'Lee', 't', 'hands', 'left'), (2, 'Una', 't', 'both', 'both'), "
              "(3, 'Rae', 't', 'feet', 'right'), (4, 'New', 't', 'hands', 'both');"
              "INSERT INTO settings (profile_id, key, value) VALUES "
              "(1, 'imagery_side', '0'), (1, 'mirror_side', '1'), "
              "(1, 'imagery_limb', '0'), (1, 'mirror_limb', '1'), (1, 'count', '30'), "
              "(2, 'imagery_side', '1'), (2, 'mirror_side', '0'), "
              "(2, 'imagery_limb', '0'), (2, 'mirror_limb', '1'), "
              "(3, 'imagery_side', '1'), (3, 'mirror_side', '1'), "
              "(3, 'imagery_limb', '1'), (3, 'mirror_limb', '0');") == 0);
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_schema_version(s) == store_migration_count);
    static const struct {
        const char *name;
        LimbChoice imagery_limb, mirror_limb;
        SideChoice imagery_side, mirror_side;
        int imagery_open, mirror_open; /* STORE_TARGET_ bits */
        Limb imagery_is, mirror_is;    /* the limbs the sessions practise */
        Side imagery_on, mirror_on;    /* and the sides */
    } want[] = {
        /* Left hand: imagery followed it; mirror therapy on the right foot was chosen. */
        {"Lee", LIMB_CHOICE_AFFECTED, LIMB_CHOICE_FOOT, SIDE_CHOICE_AFFECTED, SIDE_CHOICE_RIGHT, 0,
         0, LIMB_HAND, LIMB_FOOT, SIDE_LEFT, SIDE_RIGHT},
        /* Side not set: right was the old stand-in and now asks; left was chosen.
         * Hands and feet affected: the stored limbs stay the choice. */
        {"Una", LIMB_CHOICE_HAND, LIMB_CHOICE_FOOT, SIDE_CHOICE_AFFECTED, SIDE_CHOICE_LEFT,
         STORE_TARGET_NO_SIDE, 0, LIMB_HAND, LIMB_FOOT, SIDE_LEFT, SIDE_LEFT},
        {"Rae", LIMB_CHOICE_AFFECTED, LIMB_CHOICE_HAND, SIDE_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         0, 0, LIMB_FOOT, LIMB_HAND, SIDE_RIGHT, SIDE_RIGHT},
        /* Nothing saved: the defaults follow the profile, whose side is not set. */
        {"New", LIMB_CHOICE_AFFECTED, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         SIDE_CHOICE_AFFECTED, STORE_TARGET_NO_SIDE, STORE_TARGET_NO_SIDE, LIMB_HAND, LIMB_HAND,
         SIDE_LEFT, SIDE_LEFT},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        StoreProfile p;
        bool found = false;
        CHECK(store_profile_find(s, want[i].name, &p, &found) == 0 && found);
        Prescription rx = prescription_default();
        CHECK_MSG(store_prescription_load(s, p.id, &rx) == 0, "%s", store_errmsg(s));
        CHECK_MSG(
            rx.imagery_limb == want[i].imagery_limb && rx.mirror_limb == want[i].mirror_limb &&
                rx.imagery_side == want[i].imagery_side && rx.mirror_side == want[i].mirror_side,
            "%s: limbs %d %d, sides %d %d", want[i].name, rx.imagery_limb, rx.mirror_limb,
            rx.imagery_side, rx.mirror_side);
        Limb limb = LIMB_HAND;
        Side side = SIDE_LEFT;
        int open = store_prescription_target(&p, rx.imagery_limb, rx.imagery_side, &limb, &side);
        CHECK_MSG(open == want[i].imagery_open && limb == want[i].imagery_is &&
                      (open || side == want[i].imagery_on),
                  "%s: imagery open %d, %d %d", want[i].name, open, limb, side);
        limb = LIMB_HAND;
        side = SIDE_LEFT;
        open = store_prescription_target(&p, rx.mirror_limb, rx.mirror_side, &limb, &side);
        CHECK_MSG(open == want[i].mirror_open && limb == want[i].mirror_is &&
                      (open || side == want[i].mirror_on),
                  "%s: mirror open %d, %d %d", want[i].name, open, limb, side);
    }
    store_close(s);
    /* Every row is still there; the other settings and the profiles unchanged. */
    CHECK(drive_query(path, "SELECT count(*) FROM settings") == 13);
    CHECK(drive_query(path, "SELECT value FROM settings WHERE profile_id = 1 AND key = 'count'") ==
          30);
    CHECK(drive_query(path,
                      "SELECT count(*) FROM profiles WHERE (id, affected_limbs, affected_side) IN "
                      "(VALUES (1, 'hands', 'left'), (2, 'both', 'both'), (3, 'feet', 'right'), "
                      "(4, 'hands', 'both'))") == 4);
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
    long long plain = drive_query(path, "SELECT count(*) FROM device WHERE value LIKE '%2468%'");
    CHECK(plain == 0);
    CHECK(drive_query(path, "SELECT count(*) FROM device WHERE key = 'pin_hash' AND "
                            "value LIKE '$argon2id$%'") == 1);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    CHECK(store_pin_check(s, "2468", WALL(1000), &o, &wait) == 0 && o == PIN_ACCEPTED && wait == 0);
    /* Three wrong tries are free; then the wait grows: 30 s, 60 s, 120 s ... */
    int64_t now = 2000, wrong_wait = -1;
    for (int i = 0; i < 3; i++) {
        CHECK(store_pin_state(s, WALL(now), &wait, &wrong_wait) == 0 && wait == 0 &&
              wrong_wait == 0);
        CHECK(store_pin_check(s, "1111", WALL(now), &o, &wait) == 0 && o == PIN_WRONG);
        CHECK_MSG(wait == 0, "try %d: wait %lld", i + 1, (long long)wait);
    }
    /* The state says what the next wrong try would start, and reading it
     * counts nothing. */
    CHECK(store_pin_state(s, WALL(now), &wait, &wrong_wait) == 0 && wait == 0 && wrong_wait == 30);
    CHECK(drive_query(path, "SELECT value FROM device WHERE key = 'pin_failures'") == 3);
    CHECK(store_pin_check(s, "1111", WALL(now), &o, &wait) == 0 && o == PIN_WRONG && wait == 30);
    CHECK(store_pin_state(s, WALL(now + 10), &wait, &wrong_wait) == 0 && wait == 20 &&
          wrong_wait == 60);
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
        long long failures =
            drive_query(path, "SELECT value FROM device WHERE key = 'pin_failures'");
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
                     .late_onset = n == 3,
                     /* As the drill flags it: sooner than 300 ms after the onset. */
                     .too_fast = r != RESPONSE_NONE && response - onset < 300000000};
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
    add_trial(s, second, 2, SIDE_RIGHT, RESPONSE_RIGHT, 1000000000, 1094000000, INPUT_TOUCH);
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

    TrialOutcome *o;
    size_t n;
    CHECK(store_session_outcomes(s, first, &o, &n) == 0 && n == 3);
    for (size_t i = 0; i < n; i++)
        CHECK(!o[i].too_fast);
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
    char *text = drive_slurp(csv, &len);
    char id1[16], id2[16];
    snprintf(id1, sizeof id1, "%lld", (long long)first);
    snprintf(id2, sizeof id2, "%lld", (long long)second);
    char want[2048];
    snprintf(want, sizeof want,
             "profile,session_id,started_at,trial,image,limb,side,view,posture,rotation_deg,"
             "response,correct,too_fast,rt_ms,input,late_onset\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,1,hand-fist-back,hand,left,back,fist,90,"
             "left,1,0,500.000,touch,0\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,2,hand-fist-back,hand,right,back,fist,90,"
             "none,0,0,,,0\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,3,hand-fist-back,hand,right,back,fist,90,"
             "left,0,0,1234.568,key,1\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,1,hand-fist-back,hand,left,back,fist,90,"
             "right,0,0,400.000,mouse,0\n"
             "\"Lee, Ann\",%s,2026-11-21T09:30:05+01:00,2,hand-fist-back,hand,right,back,fist,90,"
             "right,,1,94.000,touch,0\n",
             id1, id1, id1, id2, id2);
    CHECK_MSG(text && len == strlen(want) && memcmp(text, want, len) == 0, "got:\n%.*s", (int)len,
              text ? text : "");
    free(text);

    /* Without a profile: everyone's trials. */
    f = fopen(csv, "w");
    CHECK(store_export(s, NULL, STORE_EXPORT_TRIALS, TABLE_CSV, f) == 0);
    fclose(f);
    text = drive_slurp(csv, &len);
    int lines = 0;
    for (size_t i = 0; text && i < len; i++)
        lines += text[i] == '\n';
    CHECK(lines == 7 && text && strstr(text, "\nBob,") != NULL);
    free(text);
    store_close(s);

    /* Export opens read-only and leaves the file byte for byte as it was. */
    size_t before_len, after_len;
    char *before = drive_slurp(path, &before_len);
    s = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    f = fopen(csv, "w");
    CHECK(s && store_export(s, NULL, STORE_EXPORT_TRIALS, TABLE_CSV, f) == 0);
    fclose(f);
    store_close(s);
    char *after = drive_slurp(path, &after_len);
    CHECK(before && after && before_len == after_len && memcmp(before, after, before_len) == 0);
    free(before);
    free(after);
}

/* A drill of several body parts: its set of parts and each trial's part
 * are stored, read back and exported by name; the schema refuses a part it
 * does not know, and one of them for imagery. */
static void test_body_parts(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "parts.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, "Ann", "t", &p) == 0);
    SessionStart start = {.profile_id = p.id,
                          .settings = drill_settings_default(),
                          .started_at = "2026-11-21T09:30:05+01:00",
                          .pain_before = -1};
    start.settings.limbs = (LimbSet)(LIMBS_ALL & ~LIMBS_FEET);
    int64_t id;
    CHECK(store_session_begin(s, &start, &id) == 0);
    for (int l = 0; l < LIMB_COUNT; l++) {
        TrialRecord t = {.trial = l + 1,
                         .image = "x",
                         .limb = (Limb)l,
                         .side = (Side)(l % 2),
                         .view = "front",
                         .posture = "turn",
                         .response = RESPONSE_LEFT,
                         .correct = l % 2 == 0,
                         .input = INPUT_TOUCH,
                         .onset_ns = 1000000000LL * l,
                         .response_ns = 1000000000LL * l + 800000000};
        CHECK_MSG(store_trial_add(s, id, &t) == 0, "%s", store_errmsg(s));
    }
    CHECK(store_session_end(s, id, "2026-11-21T09:31:00+01:00", false, false) == 0);
    TrialOutcome *o;
    size_t n;
    CHECK(store_session_outcomes(s, id, &o, &n) == 0 && n == LIMB_COUNT);
    for (size_t i = 0; i < n && n == LIMB_COUNT; i++)
        CHECK_MSG(o[i].limb == (Limb)i && o[i].side == (Side)(i % 2), "trial %zu: %s", i,
                  limb_name(o[i].limb));
    free(o);
    StoreHistory h;
    CHECK(store_history_load(s, p.id, "2026-11-21", "2026-11-21", &h) == 0 &&
          h.ntrials == LIMB_COUNT);
    for (size_t i = 0; i < h.ntrials && h.ntrials == LIMB_COUNT; i++)
        CHECK(h.trials[i].limb == (Limb)i);
    store_history_free(&h);
    store_close(s);
    CHECK(drive_query(path, "SELECT count(*) FROM sessions WHERE limbs = "
                            "'hand+knee+shoulder+neck+back'") == 1);
    CHECK(drive_query(path, "SELECT count(*) FROM trials WHERE limb = 'neck'") == 1);
    CHECK(drive_sql(path, "UPDATE trials SET limb = 'elbow' WHERE trial = 1") != 0);
    CHECK(drive_sql(path, "UPDATE sessions SET limbs = 'hand,foot'") != 0);
    CHECK(drive_sql(path, "INSERT INTO sessions (profile_id, mode, limbs, side, started_at) "
                          "VALUES (1, 'imagery', 'knee', 'left', 't')") != 0);
    CHECK(drive_query(path, "SELECT count(*) FROM trials WHERE limb = 'hand'") == 1);
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
    char *before = drive_slurp(path, &len0);
    err[0] = '\0';
    StoreFailure why = STORE_FAILED_OTHER;
    CHECK(store_open(path, STORE_READ_WRITE, &why, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "not a database") != NULL, "%s", err);
    CHECK(why == STORE_FAILED_DAMAGED);
    char *after = drive_slurp(path, &len1);
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
    after = drive_slurp(moved, &len1);
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

    /* A name too long for the set-aside name is refused before anything
     * moves, never cut short. */
    char long_path[4096];
    size_t at = (size_t)snprintf(long_path, sizeof long_path, "%s", dir);
    while (at < 4070)
        at += (size_t)snprintf(long_path + at, sizeof long_path - at, "/.");
    snprintf(long_path + at, sizeof long_path - at, "/long.db");
    f = fopen(long_path, "wb");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    char long_moved[4096];
    err[0] = '\0';
    CHECK(store_set_aside(long_path, "20261121-093005", long_moved, sizeof long_moved, err,
                          sizeof err) == -1);
    CHECK_MSG(strstr(err, "too long") != NULL, "%s", err);
    CHECK(access(long_path, F_OK) == 0);

    /* A newer schema: refused with a clear message and left as it was. */
    path_in_dir(path, sizeof path, "newer.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    store_close(s);
    CHECK(drive_sql(path, "PRAGMA user_version = 99") == 0);
    before = drive_slurp(path, &len0);
    err[0] = '\0';
    why = STORE_FAILED_OTHER;
    CHECK(store_open(path, STORE_READ_WRITE, &why, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "newer version") != NULL, "%s", err);
    CHECK(why == STORE_FAILED_NEWER);
    CHECK(store_open(path, STORE_READ_ONLY, NULL, err, sizeof err) == NULL);
    after = drive_slurp(path, &len1);
    CHECK(len0 == len1 && memcmp(before, after, len0) == 0);
    free(before);
    free(after);
}

/* Stored text longer than a profile's buffer (written by other means) is
 * cut between whole characters, so what is read back is still UTF-8. */
static void test_long_stored_text(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "long.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    store_close(s);
    /* 62 ASCII bytes, then a 3-byte character across the 63-byte limit. */
    CHECK(drive_sql(path, "INSERT INTO profiles (name, created_at, notes, uuid) VALUES ('"
                          "12345678901234567890123456789012345678901234567890123456789012"
                          "\xE2\x82\xAC tail', 't', '', 'u1')") == 0);
    s = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    StoreProfile *all = NULL;
    size_t n = 0;
    CHECK(s && store_profile_list(s, &all, &n) == 0 && n == 1);
    if (n == 1)
        CHECK_MSG(
            !strcmp(all[0].name, "12345678901234567890123456789012345678901234567890123456789012"),
            "%s", all[0].name);
    free(all);
    store_close(s);
}

/* A name and notes stored with bytes that are not UTF-8 (by a version from
 * before they were refused, or by a file imported) read back as valid
 * UTF-8, each such byte as U+FFFD, and the profile can still be saved. */
static void test_stored_text_not_utf8(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "not-utf8.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    store_close(s);
    CHECK(drive_sql(path, "INSERT INTO profiles (name, created_at, notes, uuid) VALUES ("
                          "'Ann ' || CAST(x'FF' AS TEXT), 't', "
                          "'Pain ' || CAST(x'E282' AS TEXT), 'u1')") == 0);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    StoreProfile *all = NULL;
    size_t n = 0;
    CHECK(s && store_profile_list(s, &all, &n) == 0 && n == 1);
    if (n == 1) {
        CHECK_MSG(!strcmp(all[0].name, "Ann \xEF\xBF\xBD"), "%s", all[0].name);
        CHECK_MSG(!strcmp(all[0].notes, "Pain \xEF\xBF\xBD\xEF\xBF\xBD"), "%s", all[0].notes);
        all[0].affected_side = AFFECTED_RIGHT;
        CHECK_MSG(store_profile_update(s, &all[0]) == 0, "%s", store_errmsg(s));
    }
    free(all);
    store_close(s);
    CHECK(drive_query(path, "SELECT count(*) FROM profiles WHERE affected_side = 'right' AND "
                            "name = 'Ann ' || char(65533)") == 1);
}

/* Touch sessions: each step stored as it ends with its discomfort; a
 * trainer killed mid-step loses only that step (the session is marked
 * interrupted when the profile opens again); the outcomes the progression
 * rule reads, oldest first. */
static void test_touch_sessions(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "touch.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s, "%s", err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, "Tia", "t", &p) == 0);
    SessionStart touch = {.profile_id = p.id,
                          .mode = MODE_TOUCH,
                          .limb = LIMB_FOOT,
                          .side = SIDE_LEFT,
                          .planned_s = 180,
                          .touch_step = 2,
                          .started_at = "2026-11-22T09:00:00+01:00",
                          .pain_before = -1};
    int64_t a, b, c;
    /* A finished session: discomfort 1 after the warm-up, 3 after the step. */
    CHECK(store_session_begin(s, &touch, &a) == 0);
    StepRecord step = {.step = 1,
                       .phase = "touch",
                       .item = "cotton-wool-touch",
                       .duration_ms = 60000,
                       .completed = true,
                       .rated = true,
                       .discomfort = 1};
    CHECK(store_step_add(s, a, &step) == 0);
    step = (StepRecord){2, "stroke", "cotton-wool-stroke", 120000, true, true, 3};
    CHECK(store_step_add(s, a, &step) == 0);
    CHECK(store_session_end(s, a, "2026-11-22T09:03:00+01:00", false, false) == 0);
    /* It counts toward the day's touch practice, not toward the stage's. */
    int done = -1;
    CHECK(store_sessions_done(s, p.id, "2026-11-22", false, &done) == 0 && done == 0);
    CHECK(store_sessions_done(s, p.id, "2026-11-22", true, &done) == 0 && done == 1);
    CHECK(drive_query(path, "SELECT sum(discomfort) FROM steps WHERE session_id IN "
                            "(SELECT id FROM sessions WHERE mode = 'touch' AND touch_step = 2 "
                            "AND limbs = 'feet' AND side = 'left' AND planned_s = 180)") == 4);
    /* Out of range, refused and nothing stored. */
    step = (StepRecord){3, "stroke", "cotton-wool-stroke", 1000, true, true, 11};
    CHECK(store_step_add(s, a, &step) == -1);
    /* Stopped because it hurt, the step not rated. */
    CHECK(store_session_begin(s, &touch, &b) == 0);
    step = (StepRecord){1, "touch", "cotton-wool-touch", 20000, false, false, 0};
    CHECK(store_step_add(s, b, &step) == 0);
    CHECK(drive_query(path, "SELECT count(*) FROM steps WHERE discomfort IS NULL") == 1);
    CHECK(store_session_end(s, b, "2026-11-22T10:01:00+01:00", true, true) == 0);
    /* Killed during the second step: the first, rated, is kept. */
    CHECK(store_session_begin(s, &touch, &c) == 0);
    step = (StepRecord){1, "touch", "cotton-wool-touch", 60000, true, true, 5};
    CHECK(store_step_add(s, c, &step) == 0);
    store_close(s);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s, "%s", err);
    if (!s)
        return;
    int marked, kept;
    CHECK(store_mark_interrupted(s, p.id, &marked, &kept) == 0 && marked == 1);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM steps WHERE session_id = %lld AND discomfort = 5", (long long)c);
    CHECK(drive_query(path, sql) == 1);
    TouchOutcome out[8];
    size_t n = 0;
    CHECK(store_touch_outcomes(s, p.id, LIMB_FOOT, SIDE_LEFT, out, 8, &n) == 0);
    CHECK_MSG(n == 3, "%zu outcomes", n);
    if (n == 3) {
        CHECK(out[0].step == 2 && out[0].finished && !out[0].hurt && out[0].discomfort == 3);
        CHECK(!out[1].finished && out[1].hurt && out[1].discomfort == -1);
        CHECK(!out[2].finished && !out[2].hurt && out[2].discomfort == 5);
    }
    /* At most cap, the latest. */
    CHECK(store_touch_outcomes(s, p.id, LIMB_FOOT, SIDE_LEFT, out, 2, &n) == 0 && n == 2 &&
          out[0].hurt);
    /* Stopped because it hurt counts as done today; the one cut off does not. */
    CHECK(store_sessions_done(s, p.id, "2026-11-22", true, &done) == 0 && done == 2);
    /* The history the progress screen reads: side, step, time touched and
     * the highest discomfort (none when nothing was rated). */
    StoreHistory h;
    CHECK(store_history_load(s, p.id, "2026-11-22", "2026-11-22", &h) == 0);
    CHECK_MSG(h.nsessions == 3, "%zu sessions", h.nsessions);
    if (h.nsessions == 3) {
        for (size_t i = 0; i < 3; i++)
            CHECK(h.sessions[i].mode == MODE_TOUCH && h.sessions[i].side == SIDE_LEFT &&
                  h.sessions[i].touch_step == 2);
        CHECK(h.sessions[0].practised_ms == 180000 && h.sessions[0].discomfort == 3);
        CHECK(h.sessions[1].practised_ms == 20000 && h.sessions[1].discomfort == PROGRESS_NO_PAIN);
        CHECK(h.sessions[2].practised_ms == 60000 && h.sessions[2].discomfort == 5);
    }
    store_history_free(&h);
    /* The export carries the step prescribed and each step's discomfort. */
    char out_path[512];
    path_in_dir(out_path, sizeof out_path, "touch.csv");
    FILE *f = fopen(out_path, "w");
    CHECK(store_export(s, "Tia", STORE_EXPORT_SESSIONS, TABLE_CSV, f) == 0);
    fclose(f);
    size_t len;
    char *text = drive_slurp(out_path, &len);
    CHECK_MSG(text &&
                  strstr(text, ",touch,2026-11-22T09:00:00+01:00,2026-11-22T09:03:00+01:00,"
                               "feet,left,,,,,,,,180,,,2,") &&
                  strstr(text, ",touch/cotton-wool-touch/60000/1;"
                               "stroke/cotton-wool-stroke/120000/3\n") &&
                  strstr(text, ",touch/cotton-wool-touch/20000\n"),
              "%.*s", (int)len, text ? text : "");
    free(text);
    store_close(s);
}

/* One touch session of limb on side at step 4: a step rated discomfort
 * (none when -1), finished, or stopped because it hurt. */
static void add_touch_session(Store *s, int64_t profile_id, Limb limb, Side side, int discomfort,
                              bool hurt)
{
    SessionStart start = {.profile_id = profile_id,
                          .mode = MODE_TOUCH,
                          .limb = limb,
                          .side = side,
                          .planned_s = 240,
                          .touch_step = 4,
                          .started_at = "2026-11-23T09:00:00+01:00",
                          .pain_before = -1};
    int64_t id;
    CHECK(store_session_begin(s, &start, &id) == 0);
    StepRecord step = {1, "stroke", "soft-brush", 180000, !hurt, discomfort >= 0, discomfort};
    CHECK(store_step_add(s, id, &step) == 0);
    CHECK(store_session_end(s, id, "2026-11-23T09:04:00+01:00", hurt, hurt) == 0);
}

/* The rule reads the sessions of one area: touch practice of the other
 * hand or of a foot, between the prescribed area's, neither counts
 * towards moving up nor breaks the run, and a flare there moves nothing. */
static void test_touch_areas(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "touch-areas.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s, "%s", err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, "Ida", "t", &p) == 0);
    const TouchRule rule = {3, 3, 7};
    /* Left hand: good, good, good; between them the right hand above the
     * run's limit and the left foot stopped because it hurt. */
    add_touch_session(s, p.id, LIMB_HAND, SIDE_LEFT, 2, false);
    add_touch_session(s, p.id, LIMB_HAND, SIDE_RIGHT, 5, false);
    add_touch_session(s, p.id, LIMB_HAND, SIDE_LEFT, 1, false);
    add_touch_session(s, p.id, LIMB_FOOT, SIDE_LEFT, -1, true);
    add_touch_session(s, p.id, LIMB_HAND, SIDE_LEFT, 3, false);
    TouchOutcome out[TOUCH_HISTORY];
    size_t n = 0;
    CHECK(store_touch_outcomes(s, p.id, LIMB_HAND, SIDE_LEFT, out, TOUCH_HISTORY, &n) == 0);
    CHECK_MSG(n == 3, "%zu sessions of the left hand", n);
    for (size_t i = 0; i < n; i++)
        CHECK(out[i].step == 4 && out[i].finished && !out[i].hurt && out[i].discomfort <= 3);
    CHECK(touch_progress(out, n, 4, 12, &rule) == 5);
    /* The other areas' own histories. */
    CHECK(store_touch_outcomes(s, p.id, LIMB_HAND, SIDE_RIGHT, out, TOUCH_HISTORY, &n) == 0 &&
          n == 1 && out[0].discomfort == 5);
    CHECK(store_touch_outcomes(s, p.id, LIMB_FOOT, SIDE_LEFT, out, TOUCH_HISTORY, &n) == 0 &&
          n == 1 && out[0].hurt && touch_progress(out, n, 4, 12, &rule) == 3);
    CHECK(store_touch_outcomes(s, p.id, LIMB_FOOT, SIDE_RIGHT, out, TOUCH_HISTORY, &n) == 0 &&
          n == 0);
    /* A flare on another area after them leaves the left hand's rule as it was;
     * at most cap sessions, the area's latest. */
    add_touch_session(s, p.id, LIMB_HAND, SIDE_RIGHT, 9, false);
    CHECK(store_touch_outcomes(s, p.id, LIMB_HAND, SIDE_LEFT, out, TOUCH_HISTORY, &n) == 0 &&
          n == 3 && touch_progress(out, n, 4, 12, &rule) == 5);
    CHECK(store_touch_outcomes(s, p.id, LIMB_HAND, SIDE_LEFT, out, 2, &n) == 0 && n == 2 &&
          out[0].discomfort == 1 && out[1].discomfort == 3);
    store_close(s);
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
    add_trial(s, d, 4, SIDE_RIGHT, RESPONSE_RIGHT, 0, 120000000, INPUT_TOUCH); /* too fast */
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
    StepRecord slowly = {
        .step = 2, .phase = "slow", .item = "foot-ankle", .duration_ms = 62500, .completed = false};
    CHECK(store_step_add(s, mi, &slowly) == 0);
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
    CHECK(store_sessions_done(s, p.id, "2026-11-21", false, &done) == 0 && done == 2);
    CHECK(store_sessions_done(s, p.id, "2026-11-20", false, &done) == 0 && done == 1);
    CHECK(store_sessions_done(s, p.id, "2026-11-22", false, &done) == 0 && done == 0);
    CHECK(store_day_counts(s, p.id, "2026-11-19", days, 3) == 0);
    CHECK(days[0] == 0 && days[1] == 1 && days[2] == 2);
    char first[PROGRESS_DATE_MAX];
    CHECK(store_first_date(s, p.id, first) == 0 && !strcmp(first, "2026-11-20"));

    StoreHistory h;
    CHECK(store_history_load(s, p.id, "2026-11-20", "2026-11-21", &h) == 0);
    CHECK(h.nsessions == 3 && h.ntrials == 4);
    if (h.nsessions == 3 && h.ntrials == 4) {
        /* The answer too fast is shown but not judged: 2 of 3 right. */
        CHECK(h.sessions[0].mode == MODE_DRILL && h.sessions[0].pictures == 4);
        CHECK(h.sessions[0].too_fast == 1 && h.sessions[0].late_onsets == 1);
        CHECK(h.sessions[0].accuracy_pct > 66.6 && h.sessions[0].accuracy_pct < 66.7);
        CHECK(h.sessions[0].median_rt_ms == 1000.0); /* of 800 and 1200, not 120 */
        CHECK(h.trials[3].too_fast && !h.trials[2].too_fast);
        CHECK(h.sessions[1].too_fast == 0 && h.sessions[1].late_onsets == 0);
        CHECK(h.sessions[0].pain_before == 4 && h.sessions[0].pain_after == 3);
        CHECK(h.sessions[1].mode == MODE_IMAGERY && h.sessions[1].pictures == 2);
        CHECK(h.sessions[1].stopped_for_pain && h.sessions[1].pain_after == 6);
        CHECK(h.sessions[2].mode == MODE_MIRROR && h.sessions[2].pain_before == 2);
        /* Mirror therapy is measured by the time its steps ran, imagery by pictures. */
        CHECK(h.sessions[2].practised_ms == 92500 && h.sessions[1].practised_ms == 0);
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
    char *text = drive_slurp(out, &len);
    char want[4096];
    snprintf(want, sizeof want,
             "profile,session_id,mode,started_at,ended_at,limbs,side,level,planned_count,"
             "time_limit_ms,feedback,hold_ms,rest_ms,self_paced,planned_s,pace,camera,touch_step,"
             "pictures,correct,too_fast,accuracy_pct,median_rt_ms,late_onsets,pain_before,"
             "pain_after,vividness,stopped_early,stopped_for_pain,interrupted,steps\n"
             "Ann,%lld,drill,2026-11-20T18:00:00+01:00,2026-11-20T18:02:00+01:00,both,,1,20,"
             "5000,1,,,,,,,,4,2,1,66.7,1000.000,1,4,3,,0,0,0,\n"
             "Ann,%lld,imagery,2026-11-21T09:00:00+01:00,2026-11-21T09:01:00+01:00,hands,left,,2,"
             ",,10000,5000,0,,,,,2,,,,,,,6,4,1,1,0,hold/hand-fist/10000;hold/hand-fist/4200\n"
             "Ann,%lld,mirror,2026-11-21T10:00:00+01:00,2026-11-21T10:05:00+01:00,feet,right,,,"
             ",,,,,300,slow,0,,,,,,,,2,,,0,0,0,watch/foot-ankle/30000;slow/foot-ankle/62500\n",
             (long long)d, (long long)im, (long long)mi);
    CHECK_MSG(text && len == strlen(want) && !memcmp(text, want, len), "got:\n%.*s\nwant:\n%s",
              (int)len, text ? text : "", want);
    free(text);
    path_in_dir(out, sizeof out, "trials.json");
    f = fopen(out, "w");
    CHECK(store_export(s, NULL, STORE_EXPORT_TRIALS, TABLE_JSON, f) == 0);
    fclose(f);
    text = drive_slurp(out, &len);
    CHECK_MSG(text && strstr(text, "{\"profile\":\"Ann\",\"session_id\":") &&
                  strstr(text, "\"rotation_deg\":90,\"response\":\"right\",\"correct\":null,"
                               "\"too_fast\":1,\"rt_ms\":120.000,\"input\":\"touch\","
                               "\"late_onset\":0}\n]\n"),
              "%.*s", (int)len, text ? text : "");
    free(text);
    store_close(s);
}

/* The session a drill's results are compared with: the latest earlier
 * drill of the same limbs and level with an answer that was judged. */
static void test_previous_session(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "previous.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    StoreProfile p, q;
    CHECK(store_profile_open(s, "Ann", "t", &p) == 0);
    CHECK(store_profile_open(s, "Bob", "t", &q) == 0);
    SessionStart start = {.profile_id = p.id,
                          .settings = drill_settings_default(),
                          .started_at = "2026-11-21T09:00:00+01:00",
                          .pain_before = -1};
    int64_t judged, empty, quick, level2, hands, other, now;
    CHECK(store_session_begin(s, &start, &judged) == 0);
    add_trial(s, judged, 1, SIDE_LEFT, RESPONSE_LEFT, 0, 900000000, INPUT_KEY);
    CHECK(store_session_begin(s, &start, &empty) == 0); /* ended before any answer */
    CHECK(store_session_begin(s, &start, &quick) == 0); /* only an answer too fast */
    add_trial(s, quick, 1, SIDE_LEFT, RESPONSE_LEFT, 0, 90000000, INPUT_KEY);
    start.settings.level = 2;
    CHECK(store_session_begin(s, &start, &level2) == 0);
    add_trial(s, level2, 1, SIDE_LEFT, RESPONSE_LEFT, 0, 900000000, INPUT_KEY);
    start.settings.level = 1;
    start.settings.limbs = LIMBS_HANDS;
    CHECK(store_session_begin(s, &start, &hands) == 0);
    add_trial(s, hands, 1, SIDE_LEFT, RESPONSE_LEFT, 0, 900000000, INPUT_KEY);
    start.settings.limbs = LIMBS_BOTH;
    start.profile_id = q.id;
    CHECK(store_session_begin(s, &start, &other) == 0);
    add_trial(s, other, 1, SIDE_LEFT, RESPONSE_LEFT, 0, 900000000, INPUT_KEY);
    start.profile_id = p.id;
    CHECK(store_session_begin(s, &start, &now) == 0);

    int64_t previous = 0;
    bool found = false;
    CHECK(store_previous_session(s, p.id, now, &previous, &found) == 0 && found &&
          previous == judged);
    CHECK(store_previous_session(s, p.id, judged, &previous, &found) == 0 && !found);
    CHECK(store_previous_session(s, p.id, hands, &previous, &found) == 0 && !found);
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
    test_body_parts();
    test_durability();
    test_upgrade_from_v1();
    test_prescription();
    test_prescription_fields();
    test_prescription_stored_before();
    test_target();
    test_upgrade_from_v4();
    test_pin();
    test_pin_clock();
    test_pin_parallel();
    test_session_round_trip();
    test_refused_files();
    test_long_stored_text();
    test_stored_text_not_utf8();
    test_modes_and_history();
    test_touch_sessions();
    test_touch_areas();
    test_previous_session();
    return check_exit();
}
