/* Storage on temporary files: migrations, profiles, settings, a session's
 * round trip, the CSV export, file permissions, and files that must be
 * refused and left untouched. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    CHECK(store_schema_version(s) == 3);
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
    CHECK(store_schema_version(s) == 3);
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
    CHECK(store_schema_version(s) == 3);
    TrialOutcome *o;
    size_t n;
    CHECK(store_session_outcomes(s, 7, &o, &n) == 0 && n == 1 && o[0].correct);
    free(o);
    int late = -1;
    CHECK(store_session_late_onsets(s, 7, &late) == 0 && late == 0);
    store_close(s);
}

static void test_settings(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "settings.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, NULL, "t", &p) == 0);
    DrillSettings d = drill_settings_default();
    CHECK(store_settings_load(s, p.id, &d) == 0);
    DrillSettings def = drill_settings_default();
    CHECK(d.limbs == def.limbs && d.count == def.count && d.time_limit_ms == def.time_limit_ms &&
          d.level == def.level && d.feedback == def.feedback);
    DrillSettings mine = {
        .limbs = LIMBS_FEET, .count = 40, .time_limit_ms = 0, .level = 3, .feedback = false};
    CHECK(store_settings_save(s, p.id, &mine) == 0);
    mine.count = 30;
    CHECK(store_settings_save(s, p.id, &mine) == 0); /* saving again replaces */
    store_close(s);
    sql(path, "UPDATE settings SET value = '999' WHERE key = 'level'");
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    d = drill_settings_default();
    CHECK(store_settings_load(s, p.id, &d) == -1);
    CHECK_MSG(strstr(store_errmsg(s), "'level'") != NULL, "%s", store_errmsg(s));
    /* The valid values still apply; the broken one keeps the default. */
    CHECK(d.limbs == LIMBS_FEET && d.count == 30 && d.time_limit_ms == 0 && !d.feedback);
    CHECK(d.level == 1);
    store_close(s);
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
                          .started_at = "2026-11-21T09:30:05+01:00"};
    int64_t first, second, other;
    CHECK(store_session_begin(s, &start, &first) == 0);
    add_trial(s, first, 1, SIDE_LEFT, RESPONSE_LEFT, 1000000000, 1500000000, INPUT_TOUCH);
    add_trial(s, first, 2, SIDE_RIGHT, RESPONSE_NONE, 3000000000, 0, INPUT_OTHER);
    add_trial(s, first, 3, SIDE_RIGHT, RESPONSE_LEFT, 5000000000, 6234567890, INPUT_KEY);
    /* The same trial number twice is refused and changes nothing. */
    TrialRecord dup = {.trial = 3, .image = "x", .view = "v", .posture = "p"};
    CHECK(store_trial_add(s, first, &dup) == -1);
    CHECK(store_session_end(s, first, "2026-11-21T09:31:00+01:00", false) == 0);

    bool found = true;
    int64_t prev = 0;
    CHECK(store_previous_session(s, p.id, first, &prev, &found) == 0 && !found);
    CHECK(store_session_begin(s, &start, &second) == 0);
    add_trial(s, second, 1, SIDE_LEFT, RESPONSE_RIGHT, 100, 400000100, INPUT_MOUSE);
    CHECK(store_session_end(s, second, "2026-11-21T10:00:00+01:00", true) == 0);
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
    CHECK(store_export_trials_csv(s, "Lee, Ann", f) == 0);
    fclose(f);
    size_t len;
    char *text = slurp(csv, &len);
    char id1[16], id2[16];
    snprintf(id1, sizeof id1, "%lld", (long long)first);
    snprintf(id2, sizeof id2, "%lld", (long long)second);
    char want[2048];
    snprintf(want, sizeof want,
             STORE_CSV_HEADER
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
    CHECK(store_export_trials_csv(s, NULL, f) == 0);
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
    CHECK(s && store_export_trials_csv(s, NULL, f) == 0);
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
    test_settings();
    test_session_round_trip();
    test_refused_files();
    return check_exit();
}
