/* The database's safety on temporary files: files of other programs and
 * device nodes refused untouched, older databases marked as the trainer's,
 * the one-trainer lock, a damaged page found by the start-up check and by
 * any later read, backup and restore (never applying a stray -wal), the
 * modes of the files made for a database, and readers leaving no file. */
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "drive.h"
#include "store.h"

static char dir[256];

static void path_in_dir(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static bool same_bytes(const char *a, size_t alen, const char *path)
{
    size_t blen = 0;
    char *b = drive_slurp(path, &blen);
    bool same = b && alen == blen && memcmp(a, b, alen) == 0;
    free(b);
    return same;
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* A trainer database with a profile called name and `sessions` drills of
 * 40 trials each. */
static void make_db(const char *path, const char *name, int sessions)
{
    char err[512] = "";
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, name, "2026-11-01T10:00:00+01:00", &p) == 0);
    for (int i = 0; i < sessions; i++) {
        SessionStart start = {.profile_id = p.id,
                              .settings = drill_settings_default(),
                              .started_at = "2026-11-02T10:00:00+01:00",
                              .pain_before = -1};
        int64_t id;
        CHECK(store_session_begin(s, &start, &id) == 0);
        for (int t = 1; t <= 40; t++) {
            TrialRecord r = {.trial = t,
                             .image = "hand-back-flat-01",
                             .limb = LIMB_HAND,
                             .side = t % 2 ? SIDE_LEFT : SIDE_RIGHT,
                             .view = "back",
                             .posture = "flat",
                             .response = RESPONSE_LEFT,
                             .correct = t % 2 == 1,
                             .input = INPUT_KEY,
                             .onset_ns = t * 1000000000LL,
                             .response_ns = t * 1000000000LL + 800000000LL};
            CHECK(store_trial_add(s, id, &r) == 0);
        }
        CHECK(store_session_end(s, id, "2026-11-02T10:05:00+01:00", false, false) == 0);
    }
    store_close(s);
}

/* Another program's SQLite file, a FIFO and a device node are refused and
 * stay exactly as they were: no trainer tables, no WAL, mode unchanged. */
static void test_foreign_files(void)
{
    char path[512], err[512];
    path_in_dir(path, sizeof path, "other.db");
    CHECK(drive_sql(path,
                    "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');") == 0);
    CHECK(chmod(path, 0644) == 0);
    size_t len;
    char *before = drive_slurp(path, &len);
    for (int mode = 0; mode < 2; mode++) {
        StoreFailure why = STORE_FAILED_OTHER;
        err[0] = '\0';
        CHECK(store_open(path, mode ? STORE_READ_ONLY : STORE_READ_WRITE, &why, err, sizeof err) ==
              NULL);
        CHECK_MSG(why == STORE_FAILED_FOREIGN && strstr(err, "another program"), "%d %s", why, err);
    }
    CHECK(same_bytes(before, len, path));
    free(before);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
    CHECK(drive_query(path, "SELECT count(*) FROM sqlite_master WHERE name = 'profiles'") == 0);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(!exists(wal));

    /* Another program's id on a file with the trainer's tables. */
    path_in_dir(path, sizeof path, "other-id.db");
    make_db(path, "Ann", 0);
    CHECK(drive_sql(path, "PRAGMA application_id = 1234") == 0);
    before = drive_slurp(path, &len);
    StoreFailure why = STORE_FAILED_OTHER;
    CHECK(store_open(path, STORE_READ_WRITE, &why, err, sizeof err) == NULL &&
          why == STORE_FAILED_FOREIGN);
    CHECK(same_bytes(before, len, path));
    free(before);

    /* A FIFO: refused without waiting for a writer, still a FIFO. */
    path_in_dir(path, sizeof path, "fifo.db");
    CHECK(mkfifo(path, 0644) == 0);
    err[0] = '\0';
    CHECK(store_open(path, STORE_READ_WRITE, NULL, err, sizeof err) == NULL);
    CHECK_MSG(strstr(err, "not a regular file") != NULL, "%s", err);
    CHECK(stat(path, &st) == 0 && S_ISFIFO(st.st_mode) && (st.st_mode & 0777) == 0644);

    /* A device node (as root this would otherwise be written). */
    CHECK(stat("/dev/null", &st) == 0);
    mode_t null_mode = st.st_mode;
    CHECK(store_open("/dev/null", STORE_READ_WRITE, NULL, err, sizeof err) == NULL);
    CHECK(stat("/dev/null", &st) == 0 && st.st_mode == null_mode && S_ISCHR(st.st_mode));
    CHECK(!exists("/dev/null-wal"));
}

/* New databases carry the id; an older one without it (recognised by its
 * tables and schema version) gets it when opened for writing, and can be
 * read before that. */
static void test_application_id(void)
{
    char path[512];
    path_in_dir(path, sizeof path, "new.db");
    make_db(path, "Ann", 1);
    CHECK(drive_query(path, "PRAGMA application_id") == STORE_APPLICATION_ID);

    CHECK(drive_sql(path, "PRAGMA application_id = 0") == 0);
    char err[512] = "";
    Store *s = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    /* The schema version stays in user_version. */
    CHECK(s && store_schema_version(s) >= 4 &&
          drive_query(path, "PRAGMA user_version") == store_schema_version(s));
    store_close(s);
    CHECK(drive_query(path, "PRAGMA application_id") == 0);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    store_close(s);
    CHECK(drive_query(path, "PRAGMA application_id") == STORE_APPLICATION_ID);
    CHECK(drive_query(path, "SELECT count(*) FROM trials") == 40);
}

/* The mode of the file at path with suffix, or -1 when it is not there. */
static int mode_of(const char *path, const char *suffix)
{
    char name[600];
    struct stat st;
    snprintf(name, sizeof name, "%s%s", path, suffix);
    return stat(name, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/* Every file the trainer makes for a database (the file, its -wal and -shm,
 * the lock file) is readable by the user only, whatever the umask. */
static void test_file_modes(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "modes.db");
    mode_t old = umask(022);
    bool held;
    StoreLock *lock = store_lock(path, &held, err, sizeof err);
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(lock && s, "%s", err);
    StoreProfile p;
    CHECK(s && store_profile_open(s, "Ann", "2026-11-01T10:00:00+01:00", &p) == 0);
    static const char *const suffixes[] = {"", "-wal", "-shm", ".lock"};
    for (int i = 0; i < 4; i++)
        CHECK_MSG(mode_of(path, suffixes[i]) == 0600, "%s%s: %o", path, suffixes[i],
                  (unsigned)mode_of(path, suffixes[i]));
    store_close(s);
    store_unlock(lock);

    /* A database that was made readable by others: its -wal and -shm,
     * made while it is opened, are private all the same. */
    CHECK(chmod(path, 0644) == 0 && mode_of(path, "-wal") == -1);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    bool found = false;
    CHECK(s && store_profile_find(s, "Ann", &p, &found) == 0 && found);
    for (int i = 0; i < 3; i++)
        CHECK_MSG(mode_of(path, suffixes[i]) == 0600, "%s%s: %o", path, suffixes[i],
                  (unsigned)mode_of(path, suffixes[i]));
    store_close(s);
    umask(old);
}

/* Reading a database in WAL mode (export, report, the file an import
 * reads) leaves no file beside it: SQLite makes an empty -wal and a -shm
 * to read it, with the database's own mode, and they go again at close,
 * the database byte for byte as it was. Not while another connection (a
 * trainer running) has the file open: its -wal, with or without changes
 * in it, stays, and its changes reach the file. */
static void test_reader_leaves_nothing(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "read.db");
    make_db(path, "Ann", 1);
    CHECK(chmod(path, 0644) == 0);
    CHECK(mode_of(path, "-wal") == -1 && mode_of(path, "-shm") == -1);
    size_t len;
    char *before = drive_slurp(path, &len);
    Store *reader = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK_MSG(reader != NULL, "%s", err);
    StoreProfile *all = NULL;
    size_t n = 0;
    CHECK(reader && store_profile_list(reader, &all, &n) == 0 && n == 1);
    free(all);
    /* The case under test: reading made them, with the database's mode. */
    CHECK(mode_of(path, "-wal") == 0644 && mode_of(path, "-shm") == 0644);
    store_close(reader);
    CHECK(mode_of(path, "-wal") == -1 && mode_of(path, "-shm") == -1);
    CHECK(same_bytes(before, len, path) && mode_of(path, "") == 0644);
    free(before);

    /* A trainer opens the file while it is being read, and has changed
     * nothing yet when the reader closes. */
    reader = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK(reader && store_profile_list(reader, &all, &n) == 0 && n == 1);
    free(all);
    Store *trainer = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(trainer != NULL, "%s", err);
    bool found = false;
    CHECK(trainer && store_profile_find(trainer, "Ann", &(StoreProfile){0}, &found) == 0 && found);
    store_close(reader);
    CHECK(mode_of(path, "-wal") == 0600 && mode_of(path, "-shm") == 0600);
    StoreProfile p;
    CHECK(trainer && store_profile_open(trainer, "Ben", "2026-11-03T10:00:00+01:00", &p) == 0);

    /* A reader that finds changes waiting in the -wal leaves them there. */
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    struct stat st;
    CHECK(stat(wal, &st) == 0 && st.st_size > 0);
    off_t wal_size = st.st_size;
    reader = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK(reader && store_profile_list(reader, &all, &n) == 0 && n == 2);
    free(all);
    store_close(reader);
    CHECK(stat(wal, &st) == 0 && st.st_size == wal_size && mode_of(path, "-shm") == 0600);
    CHECK(trainer && store_profile_open(trainer, "Cy", "2026-11-04T10:00:00+01:00", &p) == 0);
    store_close(trainer);
    CHECK(drive_query(path, "SELECT count(*) FROM profiles") == 3);
}

/* One trainer per database: a second lock is refused while the first is
 * held, and a lock dies with its process. */
static void test_lock(void)
{
    char path[512], err[512];
    path_in_dir(path, sizeof path, "locked.db");
    bool held = false;
    StoreLock *a = store_lock(path, &held, err, sizeof err);
    CHECK(a != NULL && !held);
    StoreLock *b = store_lock(path, &held, err, sizeof err);
    CHECK_MSG(b == NULL && held && strstr(err, "already open"), "%s", err);
    store_unlock(a);
    b = store_lock(path, &held, err, sizeof err);
    CHECK(b != NULL);
    store_unlock(b);
    char lock_path[600];
    snprintf(lock_path, sizeof lock_path, "%s.lock", path);
    struct stat st;
    CHECK(stat(lock_path, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK(!exists(path)); /* the lock creates no database */

    /* A child holds the lock until it is killed. */
    int ready[2];
    CHECK(pipe(ready) == 0);
    pid_t child = fork();
    if (child == 0) {
        bool h;
        char e[256];
        StoreLock *l = store_lock(path, &h, e, sizeof e);
        char c = l ? 'y' : 'n';
        if (write(ready[1], &c, 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    char c = 0;
    CHECK(read(ready[0], &c, 1) == 1 && c == 'y');
    CHECK(store_lock(path, &held, err, sizeof err) == NULL && held);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    a = store_lock(path, &held, err, sizeof err);
    CHECK(a != NULL);
    store_unlock(a);
    close(ready[0]);
    close(ready[1]);
}

/* Waits for the check of s to end (it reads the whole small file). */
static StoreCheck wait_check(Store *s)
{
    StoreCheck c;
    while ((c = store_check_state(s)) == STORE_CHECK_RUNNING)
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    return c;
}

/* A damaged page of the trials table: the check finds it while the store
 * is in use, every later call fails as damaged, and the file itself is not
 * written meanwhile. Without the check the first read of a trial finds it. */
static void test_damaged_page(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "sound.db");
    make_db(path, "Ann", 5);
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK(s && store_check_state(s) == STORE_CHECK_NONE && store_check_start(s) == 0);
    CHECK(s && wait_check(s) == STORE_CHECK_PASSED && !store_damaged(s));
    StoreProfile p;
    CHECK(s && store_profile_open(s, "Bob", "t", &p) == 0);
    store_close(s);

    path_in_dir(path, sizeof path, "page.db");
    make_db(path, "Ann", 5);
    CHECK(drive_damage_table(path, "trials") == 0);
    size_t len;
    char *before = drive_slurp(path, &len);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(store_check_start(s) == 0);
    /* Writes while the check runs stay in the WAL. */
    store_profile_open(s, "Bob", "t", &p);
    CHECK(wait_check(s) == STORE_CHECK_DAMAGED && store_damaged(s));
    StoreProfile *all = NULL;
    size_t n = 0;
    CHECK(store_profile_list(s, &all, &n) == -1);
    CHECK_MSG(strstr(store_errmsg(s), "damaged") != NULL, "%s", store_errmsg(s));
    free(all);
    store_close(s);
    CHECK(same_bytes(before, len, path));
    free(before);

    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
    if (!s)
        return;
    CHECK(!store_damaged(s));
    TrialOutcome *o = NULL;
    CHECK(store_session_outcomes(s, 1, &o, &n) == -1);
    CHECK(store_damaged(s));
    free(o);
    store_close(s);

    /* A failure that is not damage does not say so. */
    path_in_dir(path, sizeof path, "names.db");
    make_db(path, "Ann", 0);
    s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    StoreProfile a, b;
    CHECK(s && store_profile_open(s, "Bob", "t", &b) == 0 &&
          store_profile_open(s, "Ann", "t", &a) == 0);
    snprintf(b.name, sizeof b.name, "Ann");
    CHECK(s && store_profile_update(s, &b) == -1 && !store_damaged(s));
    store_close(s);
}

/* A session is "open" (neither ended nor marked interrupted) while it runs
 * and after a kill, until the next start marks it; then it is stopped early. */
static void test_open_sessions(void)
{
    char path[512], err[512] = "";
    path_in_dir(path, sizeof path, "open.db");
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s)
        return;
    StoreProfile p;
    CHECK(store_profile_open(s, "Ann", "t", &p) == 0);
    SessionStart start = {.profile_id = p.id,
                          .settings = drill_settings_default(),
                          .started_at = "2026-11-29T10:00:00+01:00",
                          .pain_before = -1};
    int64_t ended_id, open_id;
    CHECK(store_session_begin(s, &start, &ended_id) == 0);
    CHECK(store_session_end(s, ended_id, "2026-11-29T10:05:00+01:00", false, false) == 0);
    CHECK(store_session_begin(s, &start, &open_id) == 0);
    StoreHistory h;
    CHECK(store_history_load(s, p.id, "2026-11-29", "2026-11-29", &h) == 0 && h.nsessions == 2);
    CHECK(h.nsessions == 2 && !h.sessions[0].open && h.sessions[1].open &&
          !h.sessions[1].stopped_early);
    store_history_free(&h);
    int marked = 0, kept = 0;
    CHECK(store_mark_interrupted(s, p.id, &marked, &kept) == 0 && marked == 1);
    CHECK(store_history_load(s, p.id, "2026-11-29", "2026-11-29", &h) == 0 && h.nsessions == 2);
    CHECK(h.nsessions == 2 && !h.sessions[1].open && h.sessions[1].stopped_early);
    store_history_free(&h);
    store_close(s);
}

/* How many files in the test folder begin with prefix. */
static int count_files(const char *prefix)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "ls -1 '%s' | grep -c '^%s'", dir, prefix);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p && fscanf(p, "%d", &n) != 1)
        n = -1;
    if (p)
        pclose(p);
    return n;
}

/* A backup taken while another connection is in the middle of writing: a
 * consistent copy of what was committed, private, marked and whole. */
static void test_backup(void)
{
    char path[512], out[512], err[512] = "";
    path_in_dir(path, sizeof path, "live.db");
    path_in_dir(out, sizeof out, "copy-of-live.db");
    make_db(path, "Ann", 2);
    Store *writer = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    Store *reader = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK(writer && reader);
    if (!writer || !reader)
        return;
    /* A write still open on the other connection. */
    sqlite3 *raw;
    CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw,
                       "BEGIN IMMEDIATE; INSERT INTO profiles (name, created_at, uuid) VALUES "
                       "('Uncommitted', 't', 'u-uncommitted')",
                       NULL, NULL, NULL) == SQLITE_OK);
    CHECK_MSG(store_backup(reader, out) == 0, "%s", store_errmsg(reader));
    CHECK(sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(raw);
    struct stat st;
    CHECK(stat(out, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK(drive_query(out, "PRAGMA application_id") == STORE_APPLICATION_ID);
    CHECK(drive_query(out, "SELECT count(*) FROM trials") == 80);
    CHECK(drive_query(out, "SELECT count(*) FROM profiles WHERE name = 'Uncommitted'") == 0);
    CHECK(drive_query(out,
                      "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") ==
          1);
    CHECK(count_files("copy-of-live.db") == 1); /* no temporary file left */

    /* The database itself, or its WAL, is never the backup's target. */
    size_t len;
    char *before = drive_slurp(path, &len);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(store_backup(reader, path) == -1 &&
          strstr(store_errmsg(reader), "is the trainer's database"));
    CHECK(store_backup(reader, wal) == -1);
    char lock[600]; /* replacing the lock file would let a second trainer in */
    snprintf(lock, sizeof lock, "%s.lock", path);
    CHECK(store_backup(reader, lock) == -1);
    CHECK(same_bytes(before, len, path));
    free(before);
    /* Only a regular file or a new name is replaced: a FIFO stays. */
    char fifo[512];
    path_in_dir(fifo, sizeof fifo, "backup-fifo");
    CHECK(mkfifo(fifo, 0644) == 0);
    struct stat fst;
    CHECK(store_backup(reader, fifo) == -1 && stat(fifo, &fst) == 0 && S_ISFIFO(fst.st_mode));
    /* A folder that does not exist: a message, nothing written. */
    path_in_dir(out, sizeof out, "no-such-folder/b.db");
    CHECK(store_backup(reader, out) == -1 && strstr(store_errmsg(reader), "backup"));

    char when[40] = "x";
    CHECK(store_note_get(writer, STORE_NOTE_LAST_BACKUP, when, sizeof when) == 0 &&
          when[0] == '\0');
    CHECK(store_note_set(writer, STORE_NOTE_LAST_BACKUP, "2026-11-29T20:31:00+01:00") == 0);
    CHECK(store_note_get(reader, STORE_NOTE_LAST_BACKUP, when, sizeof when) == 0 &&
          strcmp(when, "2026-11-29T20:31:00+01:00") == 0);
    store_close(reader);
    store_close(writer);
}

/* Copies the -wal of a database that still has one (its connection kept
 * open, not checkpointed) with a profile called name, to dest. */
static void plant_wal(const char *name, const char *dest)
{
    char src[512], wal[600], insert[200];
    snprintf(src, sizeof src, "%s/wal-source-%s.db", dir, name);
    make_db(src, name, 1);
    sqlite3 *db;
    CHECK(sqlite3_open(src, &db) == SQLITE_OK);
    snprintf(insert, sizeof insert,
             "PRAGMA wal_autocheckpoint = 0; UPDATE profiles SET name = '%s-in-wal';"
             "INSERT INTO profiles (name, created_at, uuid) VALUES ('%s-2', 't', '%s-2');",
             name, name, name);
    CHECK(sqlite3_exec(db, insert, NULL, NULL, NULL) == SQLITE_OK);
    snprintf(wal, sizeof wal, "%s-wal", src);
    size_t len;
    char *bytes = drive_slurp(wal, &len);
    CHECK(bytes && len > 0);
    FILE *f = fopen(dest, "wb");
    if (f && bytes) {
        fwrite(bytes, 1, len, f);
        fclose(f);
    }
    free(bytes);
    sqlite3_close(db);
}

/* Restore: the backup is checked, the current database set aside (never
 * deleted) with its -wal, and a -wal lying beside either file is never
 * applied. Foreign, newer and damaged files are refused, changing nothing. */
static void test_restore(void)
{
    char current[512], backup[512], moved[600], err[512] = "";
    path_in_dir(current, sizeof current, "patient.db");
    path_in_dir(backup, sizeof backup, "ann-backup.db");
    make_db(current, "Bob", 1);
    char src[512];
    path_in_dir(src, sizeof src, "ann.db");
    make_db(src, "Ann", 3);
    Store *s = store_open(src, STORE_READ_ONLY, NULL, err, sizeof err);
    CHECK(s && store_backup(s, backup) == 0);
    store_close(s);

    /* Stale WALs of another database beside the backup and the current file. */
    char backup_wal[600], current_wal[600];
    snprintf(backup_wal, sizeof backup_wal, "%s-wal", backup);
    snprintf(current_wal, sizeof current_wal, "%s-wal", current);
    plant_wal("Xavier", backup_wal);
    plant_wal("Yvonne", current_wal);
    size_t wal_len;
    char *wal_bytes = drive_slurp(current_wal, &wal_len);
    size_t bob_len;
    char *bob = drive_slurp(current, &bob_len);

    /* The hazard is real: a copy of the backup opened beside another
     * database's WAL reads that database's rows. */
    char naive[512], naive_wal[600], cmd[1200];
    path_in_dir(naive, sizeof naive, "naive.db");
    snprintf(naive_wal, sizeof naive_wal, "%s-wal", naive);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", backup, naive);
    CHECK(system(cmd) == 0);
    plant_wal("Zoe", naive_wal);
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        CHECK(sqlite3_open(naive, &db) == SQLITE_OK);
        bool clean = false;
        if (sqlite3_prepare_v2(db, "SELECT group_concat(name) FROM profiles", -1, &st, NULL) ==
            SQLITE_OK) {
            const char *names =
                sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
            clean = names && strcmp(names, "Ann") == 0;
            sqlite3_finalize(st);
        }
        sqlite3_close(db);
        /* Either the other patient's rows, or a malformed mixture. */
        CHECK(!clean);
    }

    CHECK_MSG(store_restore(current, backup, "20261129-203000", moved, sizeof moved, err,
                            sizeof err) == 0,
              "%s", err);
    CHECK(drive_query(current, "SELECT count(*) FROM profiles WHERE name LIKE 'Ann%'") == 1);
    CHECK(drive_query(current, "SELECT count(*) FROM profiles") == 1);
    CHECK(drive_query(current, "SELECT count(*) FROM trials") == 120);
    CHECK(drive_query(current, "PRAGMA application_id") == STORE_APPLICATION_ID);
    struct stat st;
    CHECK(stat(current, &st) == 0 && (st.st_mode & 0777) == 0600);
    /* The old database and its WAL kept, byte for byte, under the new name. */
    char moved_wal[700];
    snprintf(moved_wal, sizeof moved_wal, "%s-wal", moved);
    CHECK_MSG(strstr(moved, "patient.db.replaced-20261129-203000") != NULL, "%s", moved);
    CHECK(same_bytes(bob, bob_len, moved));
    CHECK(same_bytes(wal_bytes, wal_len, moved_wal));
    free(bob);
    free(wal_bytes);
    /* And the trainer opens the restored file as it is. */
    s = store_open(current, STORE_READ_WRITE, NULL, err, sizeof err);
    StoreProfile p;
    bool found = false;
    CHECK(s && store_profile_find(s, "Ann", &p, &found) == 0 && found);
    CHECK(s && store_profile_find(s, "Xavier-in-wal", &p, &found) == 0 && !found);
    store_close(s);

    /* Refused: another program's file, a newer schema, a damaged copy. */
    size_t len;
    char *before = drive_slurp(current, &len);
    char bad[512];
    path_in_dir(bad, sizeof bad, "recipes.db");
    CHECK(drive_sql(bad, "CREATE TABLE recipes (name TEXT)") == 0);
    err[0] = '\0';
    CHECK(store_restore(current, bad, "20261129-203100", moved, sizeof moved, err, sizeof err) ==
          -1);
    CHECK_MSG(strstr(err, "not a GMI Trainer backup") != NULL, "%s", err);
    path_in_dir(bad, sizeof bad, "newer-backup.db");
    make_db(bad, "Ann", 0);
    CHECK(drive_sql(bad, "PRAGMA user_version = 99") == 0);
    CHECK(store_restore(current, bad, "20261129-203200", moved, sizeof moved, err, sizeof err) ==
          -1);
    CHECK_MSG(strstr(err, "newer version") != NULL, "%s", err);
    path_in_dir(bad, sizeof bad, "damaged-backup.db");
    make_db(bad, "Ann", 5);
    CHECK(drive_damage_table(bad, "trials") == 0);
    CHECK(store_restore(current, bad, "20261129-203300", moved, sizeof moved, err, sizeof err) ==
          -1);
    CHECK_MSG(strstr(err, "damaged") != NULL, "%s", err);
    CHECK(store_restore(current, current, "20261129-203400", moved, sizeof moved, err,
                        sizeof err) == -1);
    CHECK_MSG(strstr(err, "database itself") != NULL, "%s", err);
    /* A FIFO is refused without waiting for a writer. */
    path_in_dir(bad, sizeof bad, "backup.fifo");
    CHECK(mkfifo(bad, 0600) == 0);
    CHECK(store_restore(current, bad, "20261129-203500", moved, sizeof moved, err, sizeof err) ==
          -1);
    CHECK(same_bytes(before, len, current));
    free(before);
    CHECK(count_files("patient.db.replaced-") == 2); /* the first restore's file and WAL */
    CHECK(count_files("patient.db.") == 2);          /* no temporary file left */
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/gmi-safety-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_foreign_files();
    test_application_id();
    test_file_modes();
    test_reader_leaves_nothing();
    test_lock();
    test_damaged_page();
    test_open_sessions();
    test_backup();
    test_restore();
    return check_exit();
}
