/* realpath() is an X/Open function in glibc. */
#define _XOPEN_SOURCE 700

#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "migrations.h"
#include "outfile.h"
#include "store_internal.h"
#include "utf8.h"
#include "uuid.h"

struct Store {
    sqlite3 *db;
    StoreFailure failure;       /* why store_open failed, or STORE_FAILED_DAMAGED */
    sqlite3_stmt *insert_trial; /* prepared once: written between every two trials */
    char msg[512];
    /* The check of the whole file (store_check_start). The thread owns
     * check_db while it runs; check_lock guards check_db and check_stop. */
    atomic_int check; /* StoreCheck */
    pthread_t check_thread;
    pthread_mutex_t check_lock;
    sqlite3 *check_db;
    bool check_stop;
    bool check_started;
    bool checkpoints; /* automatic checkpoints on (off while the check runs) */
    char check_path[4096];
    char check_msg[256]; /* written before check becomes DAMAGED */
    /* Opened read-only with no -wal beside the file: what reading leaves
     * there goes at close (tidy_after_reading). */
    char *tidy_path;
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
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        s->failure = STORE_FAILED_DAMAGED;
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

bool store_damaged(const Store *s)
{
    return s->failure == STORE_FAILED_DAMAGED || atomic_load(&s->check) == STORE_CHECK_DAMAGED;
}

/* Applies the check's verdict before any use of the database: damage
 * fails the call; a pass lets SQLite copy the WAL into the file again. */
static int check_gate(Store *s)
{
    int state = atomic_load(&s->check);
    if (state == STORE_CHECK_DAMAGED) {
        s->failure = STORE_FAILED_DAMAGED;
        return failf(s, "%s", s->check_msg);
    }
    if (state != STORE_CHECK_RUNNING && !s->checkpoints) {
        s->checkpoints = true;
        sqlite3_exec(s->db, "PRAGMA wal_autocheckpoint = 1000", NULL, NULL, NULL);
    }
    return 0;
}

static int exec(Store *s, const char *sql, const char *what)
{
    if (check_gate(s))
        return -1;
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail_db(s, what);
}

static int prepare(Store *s, const char *sql, sqlite3_stmt **st, const char *what)
{
    *st = NULL;
    if (check_gate(s))
        return -1;
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

/* Starts a write transaction: BEGIN IMMEDIATE takes the write lock now, so
 * no other connection can slip a change in between the reads and writes
 * that follow. what names the work in the message. */
static int begin_write(Store *s, const char *what)
{
    return exec(s, "BEGIN IMMEDIATE", what);
}

/* Ends the transaction begin_write started: commits it when status is 0,
 * else (or when the commit fails) rolls it back, so a failed write
 * changes nothing. Returns 0, or -1 with the failure's message kept. */
static int end_write(Store *s, int status, const char *what)
{
    if (status == 0 && exec(s, "COMMIT", what) == 0)
        return 0;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* Grows *array (of *cap elements of size bytes) to hold at least need. */
static int grow(void **array, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 256;
    while (n < need)
        n *= 2;
    void *grown = realloc(*array, n * size);
    if (!grown)
        return -1;
    *array = grown;
    *cap = n;
    return 0;
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

/* Fails when any row refers to a row that does not exist. */
static int check_foreign_keys(Store *s)
{
    sqlite3_stmt *st;
    if (prepare(s, "PRAGMA foreign_key_check", &st, "could not check the database"))
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return failf(s, "the database refers to rows that do not exist; it was left unchanged");
    return rc == SQLITE_DONE ? 0 : fail_db(s, "could not check the database");
}

static int migrate(Store *s, const char *path)
{
    int version = store_schema_version(s);
    if (version < 0)
        return failf(s, "%s is not a GMI Trainer database (%s)", path, sqlite3_errmsg(s->db));
    /* A migration may rebuild a table that others refer to, which SQLite
     * allows only with foreign keys off (a no-op inside a transaction); the
     * references are checked before each commit instead. */
    if (exec(s, "PRAGMA foreign_keys = OFF", "could not start the schema update"))
        return -1;
    for (int v = version; v < store_migration_count; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
        if (begin_write(s, "could not start the schema update"))
            return -1;
        int status = exec(s, store_migrations[v], "could not update the database schema") ||
                     check_foreign_keys(s) || exec(s, bump, "could not update the database schema");
        if (end_write(s, status, "could not save the schema update"))
            return -1;
    }
    return exec(s, "PRAGMA foreign_keys = ON", "cannot use this database file");
}

/* Checks that path is a regular file (or missing, when *missing is set)
 * before SQLite opens it: a device, FIFO or folder is refused unchanged. */
static int check_file(const char *path, bool *missing, char *err, size_t errlen)
{
    struct stat st;
    *missing = false;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT) {
            *missing = true;
            return 0;
        }
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s is not a regular file; it was left unchanged", path);
        return -1;
    }
    return 0;
}

/* Creates the file readable by the user only before SQLite opens it; SQLite
 * gives its WAL and shared-memory files the same mode. */
static int create_file(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    close(fd);
    return 0;
}

/* Whether the open file has the tables every version of the trainer's
 * schema has (a database from before the application id). */
static int has_gmi_tables(Store *s, bool *yes)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                "('profiles', 'settings', 'sessions', 'trials')",
                &st, "cannot read the database"))
        return -1;
    int rc = sqlite3_step(st);
    *yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 4;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fail_db(s, "cannot read the database");
}

/* A single integer PRAGMA of the open file into *v. */
static int pragma_int(Store *s, const char *pragma, int64_t *v)
{
    sqlite3_stmt *st;
    if (prepare(s, pragma, &st, "cannot read the database"))
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fail_db(s, "cannot read the database");
}

/* Decides, by reading only, whether the open file is the trainer's: it
 * carries STORE_APPLICATION_ID, or it is an older trainer database (no id,
 * the trainer's tables and schema version), or it is empty (*fresh). Any
 * other file fails with a message and is left as it was. */
static int check_owner(Store *s, const char *path, StoreMode mode, bool *fresh, int64_t *id_out)
{
    int64_t id = 0, version = 0, tables = 0;
    bool gmi = false;
    *fresh = false;
    if (pragma_int(s, "PRAGMA application_id", &id) ||
        pragma_int(s, "PRAGMA user_version", &version) ||
        pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables) || has_gmi_tables(s, &gmi)) {
        int code = sqlite3_errcode(s->db) & 0xff;
        if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)
            return failf(s, "%s is not a GMI Trainer database (%s)", path, sqlite3_errmsg(s->db));
        /* Read only, open_read_only fell back to an immutable open unless
         * changes wait beside the file. */
        if (mode == STORE_READ_ONLY)
            return failf(s,
                         "cannot read %s: its folder cannot be written to and changes wait in "
                         "its -wal file; open it once with the trainer where its folder can be "
                         "written (%s)",
                         path, sqlite3_errmsg(s->db));
        return failf(s, "cannot read %s: its folder cannot be written to (%s)", path,
                     sqlite3_errmsg(s->db));
    }
    *id_out = id;
    if (id == STORE_APPLICATION_ID || (id == 0 && version >= 1 && gmi)) {
        if (version <= store_migration_count)
            return 0;
        s->failure = STORE_FAILED_NEWER;
        return failf(s,
                     "%s was written by a newer version of GMI Trainer (schema %lld, this "
                     "version knows up to %d); it was left untouched",
                     path, (long long)version, store_migration_count);
    }
    if (id == 0 && version == 0 && tables == 0) {
        *fresh = true;
        return 0;
    }
    s->failure = STORE_FAILED_FOREIGN;
    return failf(s,
                 "%s is a database of another program, not of GMI Trainer; it was left "
                 "unchanged",
                 path);
}

/* path followed by suffix (a file SQLite keeps beside the database), in new
 * memory, or NULL. */
static char *beside(const char *path, const char *suffix)
{
    char *name = malloc(strlen(path) + strlen(suffix) + 1);
    if (name) {
        strcpy(name, path);
        strcat(name, suffix);
    }
    return name;
}

/* Whether path's side file with suffix is there (or it cannot tell). */
static bool side_exists(const char *path, const char *suffix)
{
    char *name = beside(path, suffix);
    struct stat st;
    bool there = !name || lstat(name, &st) == 0 || errno != ENOENT;
    free(name);
    return there;
}

/* Whether changes wait in path's -wal or -journal file (or it cannot tell):
 * then the database file alone is not the whole database. */
static bool changes_pending(const char *path)
{
    static const char *const suffixes[] = {"-wal", "-journal"};
    bool pending = false;
    for (int i = 0; i < 2 && !pending; i++) {
        char *name = beside(path, suffixes[i]);
        struct stat st;
        pending = !name || (stat(name, &st) == 0 ? st.st_size > 0 : errno != ENOENT);
        free(name);
    }
    return pending;
}

/* Makes the database and the files SQLite keeps beside it readable by the
 * user only. SQLite gives a -wal or -shm it makes the database's mode of
 * that moment, so those made while the file was not private (in opening
 * it just now, or by a reader still open) are changed too. */
static int make_private(Store *s, const char *path)
{
    static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
    if (chmod(path, 0600) != 0)
        return failf(s, "cannot make %s private: %s", path, strerror(errno));
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *name = beside(path, suffixes[i]);
        struct stat st;
        if (!name)
            return failf(s, "out of memory opening %s", path);
        /* Only regular files: a link there is left as it is. */
        int rc = lstat(name, &st) == 0 && S_ISREG(st.st_mode) ? chmod(name, 0600) : 0;
        if (rc)
            failf(s, "cannot make %s private: %s", name, strerror(errno));
        free(name);
        if (rc)
            return -1;
    }
    return 0;
}

/* Removes the empty -wal and the -shm that reading a database in WAL mode
 * leaves beside it: a read-only connection cannot remove them itself, as
 * that takes a write lock on the file. It is done the way SQLite does it
 * when the last connection to a database closes: a connection that may
 * write reads the file and closes, and SQLite removes them only when it
 * can lock the whole file, i.e. when no other connection (a trainer
 * running) has it open. Nothing is copied into the file: this runs only
 * while the -wal is empty and there is no -journal, and closing is told
 * not to copy when a change has come meanwhile. */
static void tidy_after_reading(const char *path)
{
    if (changes_pending(path) || (!side_exists(path, "-wal") && !side_exists(path, "-shm")))
        return;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        (sqlite3_exec(db, "PRAGMA schema_version", NULL, NULL, NULL) != SQLITE_OK ||
         changes_pending(path)))
        sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    sqlite3_close(db);
}

/* path as an SQLite URI that opens it immutable (in new memory, or NULL). */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    char *uri = malloc(3 * strlen(path) + sizeof "file://?immutable=1");
    if (!uri)
        return NULL;
    /* "file://" + "/x" has an empty authority, which "file:" + "//x" would not. */
    strcpy(uri, path[0] == '/' ? "file://" : "file:");
    char *u = uri + strlen(uri);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            *u++ = (char)*p;
        } else {
            *u++ = '%';
            *u++ = hex[*p >> 4];
            *u++ = hex[*p & 15];
        }
    }
    strcpy(u, "?immutable=1");
    return uri;
}

/* Opens path for reading only, writing nothing. SQLite reads a database in
 * WAL mode through a -shm file, which it cannot create where the folder
 * cannot be written (a read-only mount, a locked folder). There, when no
 * changes wait in a -wal or -journal file, the database file alone holds
 * everything, and it is opened immutable: read without locks or any other
 * file. (A trainer writing the same file would need the folder writable.)
 * Returns SQLite's status; s->db is set either way. */
static int open_read_only(Store *s, const char *path)
{
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK || store_schema_version(s) >= 0)
        return rc;
    int code = sqlite3_errcode(s->db) & 0xff;
    char *uri = NULL;
    if ((code != SQLITE_READONLY && code != SQLITE_CANTOPEN) || changes_pending(path) ||
        !(uri = immutable_uri(path)))
        return rc;
    sqlite3_close(s->db);
    s->db = NULL;
    rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    return rc;
}

Store *store_open(const char *path, StoreMode mode, StoreFailure *why, char *err, size_t errlen)
{
    StoreFailure ignored;
    if (!why)
        why = &ignored;
    *why = STORE_FAILED_OTHER;
    bool missing;
    if (check_file(path, &missing, err, errlen))
        return NULL;
    if (missing && mode == STORE_READ_ONLY) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(ENOENT));
        return NULL;
    }
    if (missing && create_file(path, err, errlen))
        return NULL;
    if (sodium_init() < 0) {
        snprintf(err, errlen, "cannot start the PIN protection library");
        return NULL;
    }
    Store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory opening %s", path);
        return NULL;
    }
    if (mode == STORE_READ_ONLY) {
        /* SQLite keeps its -wal and -shm beside the file a link leads to. */
        s->tidy_path = realpath(path, NULL);
        if (s->tidy_path && side_exists(s->tidy_path, "-wal")) {
            free(s->tidy_path);
            s->tidy_path = NULL;
        }
    }
    int rc = mode == STORE_READ_ONLY ? open_read_only(s, path)
                                     : sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 2000);
    /* New profiles and sessions get their lasting ids from gmi_uuid(). */
    if (uuid_register(s->db) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path, sqlite3_errmsg(s->db));
        store_close(s);
        return NULL;
    }
    bool fresh = false;
    int64_t id = 0;
    int ok = check_owner(s, path, mode, &fresh, &id) == 0;
    if (ok && mode == STORE_READ_WRITE) {
        /* Only now, with the file known to be the trainer's, is it changed:
         * made private, switched to WAL, marked and brought up to date.
         * FULL makes every trial's commit durable across power loss, which
         * is what "a crash loses at most the trial in progress" needs. */
        char mark[64];
        snprintf(mark, sizeof mark, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
        ok = make_private(s, path) == 0;
        ok = ok && exec(s, "PRAGMA journal_mode = WAL", "cannot use this database file") == 0 &&
             exec(s, "PRAGMA synchronous = FULL", "cannot use this database file") == 0 &&
             (id == STORE_APPLICATION_ID ||
              exec(s, mark, "cannot mark the database as the trainer's") == 0) &&
             migrate(s, path) == 0;
    } else if (ok) {
        /* Reading must not change the file, so an older schema is not
         * migrated (check_owner refused a newer one). */
        int version = store_schema_version(s);
        ok = version == store_migration_count;
        if (fresh)
            failf(s, "%s holds no GMI Trainer data yet", path);
        else if (!ok) {
            s->failure = STORE_FAILED_OLDER;
            failf(s,
                  "%s was written by an older version of GMI Trainer and needs an update, which "
                  "reading never makes: open it once with the trainer first (where the file and "
                  "its folder can be written)",
                  path);
        }
    }
    if (ok)
        ok = prepare(s,
                     "INSERT INTO trials (session_id, trial, image, limb, side, view, posture, "
                     "rotation_deg, response, correct, onset_ns, response_ns, rt_ns, input, "
                     "onset_interval_ns, late_onset, too_fast) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                     "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                     &s->insert_trial, "cannot prepare the trial insert") == 0;
    if (!ok) {
        int code = sqlite3_errcode(s->db);
        *why = s->failure == STORE_FAILED_NEWER || s->failure == STORE_FAILED_FOREIGN ||
                       s->failure == STORE_FAILED_OLDER
                   ? s->failure
               : code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? STORE_FAILED_DAMAGED
                                                                 : STORE_FAILED_OTHER;
        snprintf(err, errlen, "%s", s->msg);
        store_close(s);
        return NULL;
    }
    return s;
}

/* Renames path and its -wal and -shm files (those that exist) to
 * path.WORD-STAMP..., refusing to overwrite. The database's new name goes
 * to moved_to ("" when only its side files were there). */
static int move_aside(const char *path, const char *word, const char *stamp, bool need_main,
                      char *moved_to, size_t cap, char *err, size_t errlen)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    char from[4096], to[4096];
    /* The longest names, checked before anything moves: never cut short. */
    if (snprintf(to, sizeof to, "%s.%s-%s-wal", path, word, stamp) >= (int)sizeof to ||
        snprintf(moved_to, cap, "%s.%s-%s", path, word, stamp) >= (int)cap) {
        snprintf(err, errlen, "cannot set the file aside: its name is too long (%s)", path);
        return -1;
    }
    moved_to[0] = '\0';
    for (int i = 0; i < 3; i++) {
        snprintf(from, sizeof from, "%s%s", path, suffixes[i]);
        snprintf(to, sizeof to, "%s.%s-%s%s", path, word, stamp, suffixes[i]);
        if (access(to, F_OK) == 0) {
            snprintf(err, errlen, "cannot set %s aside: %s already exists", from, to);
            return -1;
        }
        if (rename(from, to) != 0) {
            if (errno == ENOENT && (i > 0 || !need_main))
                continue;
            snprintf(err, errlen, "cannot set %s aside: %s", from, strerror(errno));
            return -1;
        }
        if (i == 0)
            snprintf(moved_to, cap, "%s", to);
    }
    return 0;
}

int store_set_aside(const char *path, const char *stamp, char *moved_to, size_t cap, char *err,
                    size_t errlen)
{
    return move_aside(path, "damaged", stamp, true, moved_to, cap, err, errlen);
}

struct StoreLock {
    int fd;
};

StoreLock *store_lock(const char *path, bool *held, char *err, size_t errlen)
{
    char lock_path[4096];
    bool missing;
    *held = false;
    if (check_file(path, &missing, err, errlen))
        return NULL;
    if ((size_t)snprintf(lock_path, sizeof lock_path, "%s.lock", path) >= sizeof lock_path) {
        snprintf(err, errlen, "the database path is too long");
        return NULL;
    }
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", lock_path, strerror(errno));
        return NULL;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        *held = errno == EWOULDBLOCK;
        if (*held)
            snprintf(err, errlen,
                     "GMI Trainer is already open with %s; use that window, or close it first",
                     path);
        else
            snprintf(err, errlen, "cannot lock %s: %s", lock_path, strerror(errno));
        close(fd);
        return NULL;
    }
    StoreLock *lock = malloc(sizeof *lock);
    if (!lock) {
        snprintf(err, errlen, "out of memory");
        close(fd);
        return NULL;
    }
    lock->fd = fd;
    return lock;
}

void store_unlock(StoreLock *lock)
{
    if (!lock)
        return;
    close(lock->fd);
    free(lock);
}

/* Whether an SQLite result code means a damaged file. */
static bool is_damage(int code)
{
    code &= 0xff;
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

/* Runs a check PRAGMA (quick_check or integrity_check) on db; *damaged is
 * set unless it answers the single row "ok". */
static int run_check(sqlite3 *db, const char *pragma, bool *damaged, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    *damaged = false;
    int rc = sqlite3_prepare_v2(db, pragma, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        int rows = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const unsigned char *text = sqlite3_column_text(st, 0);
            if (rows++ == 0 && text && strcmp((const char *)text, "ok") != 0)
                snprintf(err, errlen, "the database is damaged: %.200s", (const char *)text);
            if (!text || strcmp((const char *)text, "ok") != 0)
                *damaged = true;
        }
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return 0;
    }
    if (is_damage(sqlite3_errcode(db))) {
        snprintf(err, errlen, "the database is damaged: %s", sqlite3_errmsg(db));
        *damaged = true;
        return 0;
    }
    snprintf(err, errlen, "cannot check the database: %s", sqlite3_errmsg(db));
    return -1;
}

static void *check_main(void *arg)
{
    Store *s = arg;
    sqlite3 *db = NULL;
    int result = STORE_CHECK_NONE;
    if (sqlite3_open_v2(s->check_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        pthread_mutex_lock(&s->check_lock);
        bool stop = s->check_stop;
        if (!stop)
            s->check_db = db;
        pthread_mutex_unlock(&s->check_lock);
        bool damaged = false;
        /* Stopped or failing (busy, interrupted): no verdict. */
        if (!stop &&
            run_check(db, "PRAGMA quick_check", &damaged, s->check_msg, sizeof s->check_msg) == 0)
            result = damaged ? STORE_CHECK_DAMAGED : STORE_CHECK_PASSED;
        pthread_mutex_lock(&s->check_lock);
        s->check_db = NULL;
        pthread_mutex_unlock(&s->check_lock);
    }
    sqlite3_close(db);
    atomic_store(&s->check, result);
    return NULL;
}

int store_check_start(Store *s)
{
    const char *path = sqlite3_db_filename(s->db, "main");
    if (s->check_started || !path || !*path)
        return failf(s, "the database cannot be checked");
    snprintf(s->check_path, sizeof s->check_path, "%s", path);
    if (exec(s, "PRAGMA wal_autocheckpoint = 0", "cannot check the database"))
        return -1;
    s->checkpoints = false;
    atomic_store(&s->check, STORE_CHECK_RUNNING);
    if (pthread_mutex_init(&s->check_lock, NULL) != 0 ||
        pthread_create(&s->check_thread, NULL, check_main, s) != 0) {
        atomic_store(&s->check, STORE_CHECK_NONE);
        return failf(s, "cannot start the check of the database");
    }
    s->check_started = true;
    return 0;
}

StoreCheck store_check_state(Store *s)
{
    return (StoreCheck)atomic_load(&s->check);
}

/* Removes the journal, WAL and shared-memory files SQLite may have left
 * beside a temporary file it wrote by name (outfile_abort removes the file
 * itself). */
static void remove_journals(const char *tmp)
{
    static const char *const suffixes[] = {"-journal", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char name[4200];
        if ((size_t)snprintf(name, sizeof name, "%s%s", tmp, suffixes[i]) < sizeof name)
            unlink(name);
    }
}

/* Checks a copy: the trainer's application id, a schema this version
 * knows, and the full integrity check. */
static int verify_copy(sqlite3 *db, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int64_t id = -1, version = -1;
    if (sqlite3_prepare_v2(db, "SELECT * FROM pragma_application_id, pragma_user_version", -1, &st,
                           NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            id = sqlite3_column_int64(st, 0);
            version = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
    }
    if (id != STORE_APPLICATION_ID) {
        snprintf(err, errlen, "it is not a GMI Trainer backup");
        return -1;
    }
    if (version < 1) {
        snprintf(err, errlen, "it holds no GMI Trainer data");
        return -1;
    }
    if (version > store_migration_count) {
        snprintf(err, errlen, "it was written by a newer version of GMI Trainer (schema %lld)",
                 (long long)version);
        return -1;
    }
    bool damaged;
    if (run_check(db, "PRAGMA integrity_check", &damaged, err, errlen))
        return -1;
    return damaged ? -1 : 0;
}

/* Whether header (of an SQLite file) is a backup's: the trainer's
 * application id and a rollback journal (file format 1), where the
 * trainer's working databases, and the damaged ones it keeps, use a
 * write-ahead log (format 2). */
static bool is_backup(const unsigned char header[OUTFILE_SQLITE_HEADER])
{
    uint32_t id = (uint32_t)header[68] << 24 | (uint32_t)header[69] << 16 |
                  (uint32_t)header[70] << 8 | header[71];
    return id == STORE_APPLICATION_ID && header[18] == 1 && header[19] == 1;
}

int store_backup(Store *s, const char *out_path)
{
    char err[512] = "";
    OutFile *f = outfile_begin(out_path, sqlite3_db_filename(s->db, "main"), err, sizeof err);
    if (!f)
        return failf(s, "the backup to %s failed: %s", out_path, err);
    unsigned char header[OUTFILE_SQLITE_HEADER];
    if (outfile_sqlite_header(out_path, header) && !is_backup(header)) {
        outfile_abort(f);
        return failf(s,
                     "%s is a database but not a backup (a patient's data, or data the trainer "
                     "kept) and was left unchanged; choose another name",
                     out_path);
    }
    const char *tmp = outfile_temp_path(f);
    sqlite3 *copy = NULL;
    int rc = -1;
    char id[64];
    snprintf(id, sizeof id, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
    if (sqlite3_open_v2(tmp, &copy, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        snprintf(err, sizeof err, "%s", copy ? sqlite3_errmsg(copy) : "out of memory");
    } else {
        /* One step copies every page from one read transaction: a
         * consistent picture even while a session writes elsewhere. */
        sqlite3_backup *b = sqlite3_backup_init(copy, "main", s->db, "main");
        int step = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
        int finish = b ? sqlite3_backup_finish(b) : SQLITE_ERROR;
        if (step != SQLITE_DONE || finish != SQLITE_OK)
            snprintf(err, sizeof err, "%s", sqlite3_errmsg(b ? copy : s->db));
        else if (sqlite3_exec(copy, id, NULL, NULL, NULL) != SQLITE_OK ||
                 sqlite3_exec(copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
            snprintf(err, sizeof err, "%s", sqlite3_errmsg(copy));
        else
            rc = verify_copy(copy, err, sizeof err);
    }
    sqlite3_close(copy);
    if (rc) {
        remove_journals(tmp);
        outfile_abort(f);
    } else {
        rc = outfile_commit(f, err, sizeof err);
    }
    return rc ? failf(s, "the backup to %s failed: %s", out_path, err) : 0;
}

static bool exists_path(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Copies the bytes of the regular file from to out, flushed. */
static int copy_bytes(const char *from, FILE *out, char *err, size_t errlen)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int rc = in >= 0 ? 0 : -1;
    struct stat st;
    if (rc == 0 && (fstat(in, &st) != 0 || !S_ISREG(st.st_mode))) {
        errno = EINVAL;
        rc = -1;
    }
    char buf[65536];
    ssize_t n = 0;
    while (rc == 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (fwrite(buf, 1, (size_t)n, out) != (size_t)n)
            rc = -1;
    if (n < 0 || (rc == 0 && fflush(out) == EOF))
        rc = -1;
    if (rc)
        snprintf(err, errlen, "cannot copy %s: %s", from, strerror(errno));
    if (in >= 0)
        close(in);
    return rc;
}

int store_restore(const char *db_path, const char *backup_path, const char *stamp, char *moved_to,
                  size_t cap, char *err, size_t errlen)
{
    char why[512] = "";
    bool missing;
    moved_to[0] = '\0';
    if (check_file(backup_path, &missing, err, errlen))
        return -1;
    if (missing) {
        snprintf(err, errlen, "cannot read %s: %s", backup_path, strerror(ENOENT));
        return -1;
    }
    if (outfile_names_database(backup_path, db_path)) {
        snprintf(err, errlen, "%s is the database itself", backup_path);
        return -1;
    }
    /* The database is the target here, so it is not protected (NULL). */
    OutFile *f = outfile_begin(db_path, NULL, err, errlen);
    if (!f)
        return -1;
    const char *tmp = outfile_temp_path(f);
    int rc = copy_bytes(backup_path, outfile_stream(f), err, errlen);
    if (rc == 0) {
        /* The copy has a fresh name: no -wal of any other database can be
         * read with it (SQLite applies any -wal found beside a file). */
        char wal[4200];
        snprintf(wal, sizeof wal, "%s-wal", tmp);
        sqlite3 *db = NULL;
        rc = -1;
        if (!exists_path(wal) &&
            sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
            verify_copy(db, why, sizeof why) == 0 &&
            sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK)
            rc = 0;
        else
            snprintf(err, errlen, "%s cannot be restored: %s", backup_path,
                     why[0] ? why
                     : db   ? sqlite3_errmsg(db)
                            : "out of memory");
        sqlite3_close(db);
    }
    if (rc == 0)
        rc = move_aside(db_path, "replaced", stamp, false, moved_to, cap, err, errlen);
    if (rc) {
        remove_journals(tmp);
        outfile_abort(f);
        return -1;
    }
    return outfile_commit(f, err, errlen);
}

void store_close(Store *s)
{
    if (!s)
        return;
    if (s->check_started) {
        pthread_mutex_lock(&s->check_lock);
        s->check_stop = true;
        if (s->check_db)
            sqlite3_interrupt(s->check_db);
        pthread_mutex_unlock(&s->check_lock);
        pthread_join(s->check_thread, NULL);
        pthread_mutex_destroy(&s->check_lock);
    }
    /* A damaged file, or one a check has not found sound, is left as it
     * is: closing must not copy the WAL into it. */
    bool unchecked = s->check_started && atomic_load(&s->check) != STORE_CHECK_PASSED;
    if (s->db && (s->failure == STORE_FAILED_DAMAGED || unchecked))
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    sqlite3_finalize(s->insert_trial);
    sqlite3_close(s->db);
    if (s->tidy_path)
        tidy_after_reading(s->tidy_path);
    free(s->tidy_path);
    free(s);
}

/* Copies a stored text, cut (if it must be) between whole characters. */
static void copy_name(char *dst, size_t cap, const unsigned char *src)
{
    utf8_copy(dst, cap, src ? (const char *)src : "");
}

int store_durability(Store *s, char *journal, size_t cap, int *synchronous)
{
    int64_t level;
    sqlite3_stmt *st;
    if (pragma_int(s, "PRAGMA synchronous", &level) ||
        prepare(s, "PRAGMA journal_mode", &st, "cannot read the database"))
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        copy_name(journal, cap, sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    *synchronous = (int)level;
    return rc == SQLITE_ROW ? 0 : fail_db(s, "cannot read the database");
}

static const char *const affected_side_names[] = {"left", "right", "both"};

const char *affected_side_name(AffectedSide side)
{
    return affected_side_names[side];
}

int affected_side_parse(const char *name, AffectedSide *out)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(name, affected_side_names[i])) {
            *out = (AffectedSide)i;
            return 0;
        }
    return -1;
}

/* The body part in column i of a trials row (the schema keeps it one of
 * the names limb_parse reads). */
static Limb column_limb(sqlite3_stmt *st, int i)
{
    const char *name = (const char *)sqlite3_column_text(st, i);
    Limb limb = LIMB_HAND;
    if (name)
        limb_parse(name, &limb);
    return limb;
}

#define PROFILE_COLUMNS "id, name, affected_limbs, affected_side, stage, notes, archived"

/* Reads a row of PROFILE_COLUMNS. The schema's checks keep the values valid. */
static void read_profile(sqlite3_stmt *st, StoreProfile *out)
{
    out->id = sqlite3_column_int64(st, 0);
    copy_name(out->name, sizeof out->name, sqlite3_column_text(st, 1));
    const char *limbs = (const char *)sqlite3_column_text(st, 2);
    const char *side = (const char *)sqlite3_column_text(st, 3);
    if (!limbs || limb_set_parse(limbs, &out->affected_limbs) ||
        (out->affected_limbs & ~LIMBS_BOTH))
        out->affected_limbs = LIMBS_HANDS;
    if (!side || affected_side_parse(side, &out->affected_side))
        out->affected_side = AFFECTED_BOTH;
    out->stage = sqlite3_column_int(st, 4);
    copy_name(out->notes, sizeof out->notes, sqlite3_column_text(st, 5));
    out->archived = sqlite3_column_int(st, 6) != 0;
}

/* Steps a query for at most one profile; *found says whether there was one. */
static int step_profile(Store *s, sqlite3_stmt *st, StoreProfile *out, bool *found)
{
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        read_profile(st, out);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(s, "cannot look up profiles");
}

int store_profile_find(Store *s, const char *name, StoreProfile *out, bool *found)
{
    sqlite3_stmt *st;
    if (prepare(s, "SELECT " PROFILE_COLUMNS " FROM profiles WHERE name = ?1", &st,
                "cannot look up profile"))
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    return step_profile(s, st, out, found);
}

int store_profile_open(Store *s, const char *name, const char *created_at, StoreProfile *out)
{
    bool found = false;
    if (name) {
        if (store_profile_find(s, name, out, &found))
            return -1;
    } else {
        sqlite3_stmt *st;
        if (prepare(s, "SELECT " PROFILE_COLUMNS " FROM profiles ORDER BY archived, id LIMIT 1",
                    &st, "cannot look up profiles") ||
            step_profile(s, st, out, &found))
            return -1;
        name = "Default";
    }
    if (found)
        return 0;
    if (!utf8_valid(name))
        return failf(s, "a profile's name must be UTF-8 text; no profile was made");
    sqlite3_stmt *st;
    if (prepare(s, "INSERT INTO profiles (name, created_at) VALUES (?1, ?2)", &st,
                "cannot create profile"))
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, created_at, -1, SQLITE_TRANSIENT);
    if (step_done(s, st, "cannot create profile"))
        return -1;
    return store_profile_find(s, name, out, &found);
}

int store_profile_list(Store *s, StoreProfile **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (prepare(s, "SELECT " PROFILE_COLUMNS " FROM profiles ORDER BY id", &st,
                "cannot read the profiles"))
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow((void **)out, &cap, *n + 1, sizeof **out)) {
            sqlite3_finalize(st);
            free(*out);
            *out = NULL;
            *n = 0;
            return failf(s, "out of memory reading the profiles");
        }
        read_profile(st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return fail_db(s, "cannot read the profiles");
    }
    return 0;
}

int store_profile_update(Store *s, const StoreProfile *p)
{
    if (!utf8_valid(p->name) || !utf8_valid(p->notes))
        return failf(s, "a profile's name and notes must be UTF-8 text; nothing was saved");
    sqlite3_stmt *st;
    if (prepare(s,
                "UPDATE profiles SET name = ?2, affected_limbs = ?3, affected_side = ?4, "
                "stage = ?5, notes = ?6, archived = ?7 WHERE id = ?1",
                &st, "cannot save the profile"))
        return -1;
    sqlite3_bind_int64(st, 1, p->id);
    sqlite3_bind_text(st, 2, p->name, -1, SQLITE_TRANSIENT);
    char limbs[LIMB_SET_NAME_MAX];
    sqlite3_bind_text(st, 3, limb_set_name(p->affected_limbs, limbs), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, affected_side_name(p->affected_side), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, p->stage);
    sqlite3_bind_text(st, 6, p->notes, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 7, p->archived);
    int rc = sqlite3_step(st);
    int status = rc == SQLITE_DONE ? 0
                 : rc == SQLITE_CONSTRAINT
                     ? failf(s, "there is already a profile called '%s'", p->name)
                     : fail_db(s, "cannot save the profile");
    sqlite3_finalize(st);
    return status;
}

/* A device setting as text into value (cap bytes); *found says whether it
 * is set. */
static int device_get(Store *s, const char *key, char *value, size_t cap, bool *found)
{
    sqlite3_stmt *st;
    if (prepare(s, "SELECT value FROM device WHERE key = ?1", &st,
                "cannot read the device settings"))
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        copy_name(value, cap, sqlite3_column_text(st, 0));
    int status =
        rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail_db(s, "cannot read the device settings");
    sqlite3_finalize(st);
    return status;
}

static int device_set(Store *s, const char *key, const char *value)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "INSERT INTO device (key, value) VALUES (?1, ?2) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &st, "cannot save the device settings"))
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    return step_done(s, st, "cannot save the device settings");
}

static int device_get_int(Store *s, const char *key, int64_t *value)
{
    char text[32];
    bool found;
    if (device_get(s, key, text, sizeof text, &found))
        return -1;
    *value = found ? strtoll(text, NULL, 10) : 0;
    return 0;
}

static int device_set_int(Store *s, const char *key, int64_t value)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)value);
    return device_set(s, key, text);
}

static const char *const note_keys[] = {"last_backup", "set_aside"};

int store_note_set(Store *s, StoreNote note, const char *value)
{
    return device_set(s, note_keys[note], value);
}

int store_note_get(Store *s, StoreNote note, char *value, size_t cap)
{
    bool found;
    if (device_get(s, note_keys[note], value, cap, &found))
        return -1;
    if (!found)
        value[0] = '\0';
    return 0;
}

int store_pin_exists(Store *s, bool *exists)
{
    char hash[crypto_pwhash_STRBYTES];
    return device_get(s, "pin_hash", hash, sizeof hash, exists);
}

int store_pin_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < 4 || n > 8)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return -1;
    return 0;
}

int store_pin_set(Store *s, const char *pin)
{
    if (store_pin_valid(pin))
        return failf(s, "a PIN has 4 to 8 digits");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return failf(s, "out of memory protecting the PIN");
    if (begin_write(s, "cannot save the PIN"))
        return -1;
    return end_write(s, device_set(s, "pin_hash", hash) || device_set_int(s, "pin_failures", 0),
                     "cannot save the PIN");
}

/* Seconds a try must wait after failures wrong tries in a row. */
static int64_t pin_delay_s(int64_t failures)
{
    if (failures <= STORE_PIN_FREE_TRIES)
        return 0;
    int64_t delay = 30;
    for (int64_t i = STORE_PIN_FREE_TRIES + 1; i < failures && delay < STORE_PIN_WAIT_MAX_S; i++)
        delay *= 2;
    return delay < STORE_PIN_WAIT_MAX_S ? delay : STORE_PIN_WAIT_MAX_S;
}

/* Stores the count of wrong tries in a row and when the last one was. */
static int pin_record(Store *s, int64_t failures, const PinTime *at)
{
    return device_set_int(s, "pin_failures", failures) ||
                   device_set_int(s, "pin_failed_at", at->wall_s) ||
                   device_set_int(s, "pin_failed_boot_s", at->boot_s) ||
                   device_set(s, "pin_failed_boot_id", at->boot_id)
               ? -1
               : 0;
}

/* Reads the stored hash (*found says whether there is one), the count of
 * wrong tries in a row, and the seconds a try at *now must still wait
 * (possibly more than STORE_PIN_WAIT_MAX_S when the last try lies ahead of
 * now). */
static int pin_read(Store *s, const PinTime *now, char *hash, size_t cap, bool *found,
                    int64_t *failures, int64_t *wait_s)
{
    PinTime last = {0};
    bool boot_known;
    if (device_get(s, "pin_hash", hash, cap, found) ||
        device_get_int(s, "pin_failures", failures) ||
        device_get_int(s, "pin_failed_at", &last.wall_s) ||
        device_get_int(s, "pin_failed_boot_s", &last.boot_s) ||
        device_get(s, "pin_failed_boot_id", last.boot_id, sizeof last.boot_id, &boot_known))
        return -1;
    /* The device's clock since start when it has not restarted since the
     * last wrong try (no one can set it), else the wall clock. */
    bool same_start = now->boot_id[0] && strcmp(now->boot_id, last.boot_id) == 0;
    int64_t elapsed = same_start ? now->boot_s - last.boot_s : now->wall_s - last.wall_s;
    int64_t delay = pin_delay_s(*failures);
    *wait_s = delay > 0 && delay > elapsed ? delay - elapsed : 0;
    return 0;
}

/* The part of a PIN check inside its transaction: reads the stored hash
 * (*found says whether there is one) and count; then either a wait is
 * running (*wait_s > 0, nothing counted) or this try is counted, before
 * the hash is checked, in *failures. */
static int pin_count_try(Store *s, const PinTime *now, char *hash, size_t cap, bool *found,
                         int64_t *failures, int64_t *wait_s)
{
    if (pin_read(s, now, hash, cap, found, failures, wait_s))
        return -1;
    int64_t delay = pin_delay_s(*failures);
    if (*wait_s > STORE_PIN_WAIT_MAX_S) {
        /* The last try lies ahead of now (a wall clock that was ahead then,
         * or set back since): it is moved to where the longest wait ends
         * from now, so the wait counts down from there. */
        *wait_s = STORE_PIN_WAIT_MAX_S;
        PinTime moved = *now;
        moved.wall_s += STORE_PIN_WAIT_MAX_S - delay;
        moved.boot_s += STORE_PIN_WAIT_MAX_S - delay;
        return pin_record(s, *failures, &moved);
    }
    if (*wait_s > 0)
        return 0;
    return pin_record(s, ++*failures, now);
}

int store_pin_state(Store *s, const PinTime *now, int64_t *wait_s, int64_t *wrong_wait_s)
{
    char hash[crypto_pwhash_STRBYTES];
    bool found;
    int64_t failures;
    if (pin_read(s, now, hash, sizeof hash, &found, &failures, wait_s))
        return -1;
    if (*wait_s > STORE_PIN_WAIT_MAX_S)
        *wait_s = STORE_PIN_WAIT_MAX_S;
    *wrong_wait_s = pin_delay_s(failures + 1);
    return 0;
}

int store_pin_check(Store *s, const char *pin, const PinTime *now, PinOutcome *outcome,
                    int64_t *wait_s)
{
    char hash[crypto_pwhash_STRBYTES];
    bool found;
    int64_t failures;
    if (begin_write(s, "cannot check the PIN"))
        return -1;
    int status = pin_count_try(s, now, hash, sizeof hash, &found, &failures, wait_s);
    if (end_write(s, status, "cannot check the PIN"))
        return -1;
    if (*wait_s > 0) {
        *outcome = PIN_WAIT;
        return 0;
    }
    if (found && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        *outcome = PIN_ACCEPTED;
        return device_set_int(s, "pin_failures", 0);
    }
    *outcome = PIN_WRONG;
    *wait_s = pin_delay_s(failures);
    return 0;
}

int store_prescription_target(const StoreProfile *profile, LimbChoice limb, SideChoice side,
                              Limb *out_limb, Side *out_side)
{
    int open = 0;
    if (limb != LIMB_CHOICE_AFFECTED)
        *out_limb = (Limb)limb;
    else if (profile->affected_limbs == LIMBS_HANDS || profile->affected_limbs == LIMBS_FEET)
        *out_limb = profile->affected_limbs == LIMBS_HANDS ? LIMB_HAND : LIMB_FOOT;
    else
        open |= STORE_TARGET_NO_LIMB;
    if (side != SIDE_CHOICE_AFFECTED)
        *out_side = (Side)side;
    else if (profile->affected_side != AFFECTED_BOTH)
        *out_side = profile->affected_side == AFFECTED_LEFT ? SIDE_LEFT : SIDE_RIGHT;
    else
        open |= STORE_TARGET_NO_SIDE;
    return open;
}

int store_prescription_load(Store *s, int64_t profile_id, Prescription *p)
{
    sqlite3_stmt *st;
    if (prepare(s, "SELECT key, value FROM settings WHERE profile_id = ?1", &st,
                "cannot read the prescription"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    Prescription loaded = *p;
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *text = (const char *)sqlite3_column_text(st, 1);
        const PrescriptionField *f = prescription_field_find(key ? key : "");
        if (!f)
            continue; /* a setting of another version of the trainer */
        char *end;
        long v = text ? strtol(text, &end, 10) : 0;
        if (!text || !*text || *end || v < INT_MIN || v > INT_MAX ||
            prescription_field_set(&loaded, f, (int)v, NULL, 0)) {
            if (!bad)
                failf(s, "the saved setting '%s' is invalid ('%.30s'); using the default", key,
                      text ? text : "");
            bad = 1;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail_db(s, "cannot read the prescription");
    *p = loaded;
    return bad ? -1 : 0;
}

/* Writes one setting of the profile, added or replacing the one stored. */
static int setting_save(Store *s, int64_t profile_id, const char *key, int value)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "INSERT INTO settings (profile_id, key, value) VALUES (?1, ?2, ?3) "
                "ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value",
                &st, "cannot save the prescription"))
        return -1;
    char text[16];
    snprintf(text, sizeof text, "%d", value);
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
    return step_done(s, st, "cannot save the prescription");
}

int store_prescription_save(Store *s, int64_t profile_id, const Prescription *p)
{
    if (begin_write(s, "cannot save the prescription"))
        return -1;
    int status = 0;
    for (size_t i = 0; i < PRESCRIPTION_FIELDS && status == 0; i++)
        status = setting_save(s, profile_id, prescription_fields[i].key,
                              prescription_field_get(p, &prescription_fields[i]));
    return end_write(s, status, "cannot save the prescription");
}

/* The part of store_mark_interrupted inside its transaction. */
static int mark_interrupted(Store *s, int64_t profile_id, int *sessions, int *trials)
{
    sqlite3_stmt *st;
    if (prepare(
            s,
            "SELECT count(*), (SELECT count(*) FROM trials t JOIN sessions u ON u.id = "
            "t.session_id WHERE u.profile_id = ?1 AND u.ended_at IS NULL AND u.interrupted = 0) "
            "FROM sessions WHERE profile_id = ?1 AND ended_at IS NULL AND interrupted = 0",
            &st, "cannot check for interrupted sessions"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *sessions = sqlite3_column_int(st, 0);
        *trials = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return fail_db(s, "cannot check for interrupted sessions");
    if (prepare(s,
                "UPDATE sessions SET interrupted = 1, stopped_early = 1 "
                "WHERE profile_id = ?1 AND ended_at IS NULL AND interrupted = 0",
                &st, "cannot mark interrupted sessions"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    return step_done(s, st, "cannot mark interrupted sessions");
}

int store_mark_interrupted(Store *s, int64_t profile_id, int *sessions, int *trials)
{
    *sessions = 0;
    *trials = 0;
    if (begin_write(s, "cannot check for interrupted sessions"))
        return -1;
    int status = mark_interrupted(s, profile_id, sessions, trials);
    if (end_write(s, status, "cannot mark interrupted sessions")) {
        *sessions = *trials = 0;
        return -1;
    }
    return 0;
}

/* Binds v to parameter i, or NULL when it does not apply. */
static void bind_int_if(sqlite3_stmt *st, int i, bool applies, int64_t v)
{
    if (applies)
        sqlite3_bind_int64(st, i, v);
}

int store_session_begin(Store *s, const SessionStart *start, int64_t *session_id)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "INSERT INTO sessions (profile_id, mode, limbs, side, level, planned_count, "
                "time_limit_ms, feedback, hold_ms, rest_ms, self_paced, planned_s, pace, camera, "
                "seed, started_at, frame_ns, pain_before, touch_step) VALUES (?1, ?2, ?3, ?4, ?5, "
                "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                &st, "cannot start the session"))
        return -1;
    bool drill = start->mode == MODE_DRILL;
    bool imagery = start->mode == MODE_IMAGERY;
    bool mirror = start->mode == MODE_MIRROR;
    bool touch = start->mode == MODE_TOUCH;
    sqlite3_bind_int64(st, 1, start->profile_id);
    sqlite3_bind_text(st, 2, mode_name(start->mode), -1, SQLITE_STATIC);
    char limbs[LIMB_SET_NAME_MAX];
    sqlite3_bind_text(st, 3,
                      limb_set_name(drill ? start->settings.limbs : limb_bit(start->limb), limbs),
                      -1, SQLITE_TRANSIENT);
    if (!drill)
        sqlite3_bind_text(st, 4, side_name(start->side), -1, SQLITE_STATIC);
    bind_int_if(st, 5, drill, start->settings.level);
    bind_int_if(st, 6, drill || imagery, drill ? start->settings.count : start->count);
    bind_int_if(st, 7, drill, start->settings.time_limit_ms);
    bind_int_if(st, 8, drill, start->settings.feedback);
    bind_int_if(st, 9, imagery, start->hold_ms);
    bind_int_if(st, 10, imagery, start->rest_ms);
    bind_int_if(st, 11, imagery, start->self_paced);
    bind_int_if(st, 12, mirror || touch, start->planned_s);
    if (mirror)
        sqlite3_bind_text(st, 13, start->pace, -1, SQLITE_TRANSIENT);
    bind_int_if(st, 14, mirror, start->camera);
    sqlite3_bind_int64(st, 15, (sqlite3_int64)start->seed);
    sqlite3_bind_text(st, 16, start->started_at, -1, SQLITE_TRANSIENT);
    bind_int_if(st, 17, drill, start->frame_ns);
    bind_int_if(st, 18, start->pain_before >= 0, start->pain_before);
    bind_int_if(st, 19, touch, start->touch_step);
    if (step_done(s, st, "cannot start the session"))
        return -1;
    *session_id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int store_trial_add(Store *s, int64_t session_id, const TrialRecord *t)
{
    if (check_gate(s))
        return -1;
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
    sqlite3_bind_int(st, 17, t->too_fast ? 1 : 0);
    /* Outside an explicit transaction the insert is its own transaction. */
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail_db(s, "cannot save the trial");
}

int store_session_end(Store *s, int64_t session_id, const char *ended_at, bool stopped_early,
                      bool stopped_for_pain)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "UPDATE sessions SET ended_at = ?2, stopped_early = ?3, stopped_for_pain = ?4 "
                "WHERE id = ?1",
                &st, "cannot end the session"))
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_text(st, 2, ended_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, stopped_early ? 1 : 0);
    sqlite3_bind_int(st, 4, stopped_for_pain ? 1 : 0);
    return step_done(s, st, "cannot end the session");
}

int store_session_rate(Store *s, int64_t session_id, int pain_after, int vividness)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "UPDATE sessions SET pain_after = coalesce(?2, pain_after), "
                "vividness = coalesce(?3, vividness) WHERE id = ?1",
                &st, "cannot save the ratings"))
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    bind_int_if(st, 2, pain_after >= 0, pain_after);
    bind_int_if(st, 3, vividness >= 0, vividness);
    return step_done(s, st, "cannot save the ratings");
}

int store_step_add(Store *s, int64_t session_id, const StepRecord *step)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "INSERT INTO steps (session_id, step, phase, item, duration_ms, completed, "
                "discomfort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &st, "cannot save the step"))
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, step->step);
    sqlite3_bind_text(st, 3, step->phase, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, step->item, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, step->duration_ms);
    sqlite3_bind_int(st, 6, step->completed ? 1 : 0);
    bind_int_if(st, 7, step->rated, step->discomfort);
    return step_done(s, st, "cannot save the step");
}

int store_touch_outcomes(Store *s, int64_t profile_id, Limb limb, Side side, TouchOutcome *out,
                         size_t cap, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT touch_step, finished, hurt, discomfort FROM ("
                "SELECT s.id, s.touch_step, s.ended_at IS NOT NULL AND NOT s.stopped_early "
                "AS finished, s.stopped_for_pain AS hurt, "
                "(SELECT max(discomfort) FROM steps WHERE session_id = s.id) AS discomfort "
                "FROM sessions s WHERE s.profile_id = ?1 AND s.mode = 'touch' "
                "AND s.limbs = ?3 AND s.side = ?4 ORDER BY s.id DESC LIMIT ?2) ORDER BY id",
                &st, "cannot read the touch sessions"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)cap);
    char limbs[LIMB_SET_NAME_MAX];
    sqlite3_bind_text(st, 3, limb_set_name(limb_bit(limb), limbs), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, side_name(side), -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        out[(*n)++] = (TouchOutcome){.step = sqlite3_column_int(st, 0),
                                     .finished = sqlite3_column_int(st, 1) != 0,
                                     .hurt = sqlite3_column_int(st, 2) != 0,
                                     .discomfort = sqlite3_column_type(st, 3) == SQLITE_NULL
                                                       ? -1
                                                       : sqlite3_column_int(st, 3)};
    if (rc != SQLITE_DONE) {
        *n = 0;
        fail_db(s, "cannot read the touch sessions");
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Sessions of a local date D are those with D <= started_at < D || 'U': a
 * stamp is "D" then 'T' and the time, and 'T' < 'U'. Written as a range,
 * the condition uses the index on (profile_id, started_at). */

int store_sessions_done(Store *s, int64_t profile_id, const char *date, bool touch, int *done)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT count(*) FROM sessions WHERE profile_id = ?1 AND started_at >= ?2 "
                "AND started_at < ?2 || 'U' AND ended_at IS NOT NULL "
                "AND (stopped_early = 0 OR stopped_for_pain = 1) AND (mode = 'touch') = ?3",
                &st, "cannot count today's sessions"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, touch);
    int rc = sqlite3_step(st);
    *done = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    int status = rc == SQLITE_ROW ? 0 : fail_db(s, "cannot count today's sessions");
    sqlite3_finalize(st);
    return status;
}

int store_day_counts(Store *s, int64_t profile_id, const char *first_date, int *counts, int ndays)
{
    memset(counts, 0, (size_t)ndays * sizeof *counts);
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT CAST(julianday(substr(started_at, 1, 10)) - julianday(?2) AS INTEGER) "
                "AS day, count(*) FROM sessions WHERE profile_id = ?1 AND started_at >= ?2 "
                "GROUP BY day",
                &st, "cannot read the practice calendar"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_text(st, 2, first_date, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int day = sqlite3_column_int(st, 0);
        if (day >= 0 && day < ndays)
            counts[day] = sqlite3_column_int(st, 1);
    }
    int status = rc == SQLITE_DONE ? 0 : fail_db(s, "cannot read the practice calendar");
    sqlite3_finalize(st);
    return status;
}

int store_session_outcomes(Store *s, int64_t session_id, TrialOutcome **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT side, limb, correct, rt_ns, too_fast FROM trials WHERE session_id = ?1 "
                "ORDER BY trial",
                &st, "cannot read the session"))
        return -1;
    sqlite3_bind_int64(st, 1, session_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow((void **)out, &cap, *n + 1, sizeof **out)) {
            sqlite3_finalize(st);
            free(*out);
            *out = NULL;
            *n = 0;
            return failf(s, "out of memory reading the session");
        }
        TrialOutcome *o = &(*out)[(*n)++];
        const char *side = (const char *)sqlite3_column_text(st, 0);
        o->side = side && !strcmp(side, "right") ? SIDE_RIGHT : SIDE_LEFT;
        o->limb = column_limb(st, 1);
        o->correct = sqlite3_column_int(st, 2) != 0;
        o->rt_ms = sqlite3_column_type(st, 3) == SQLITE_NULL
                       ? -1.0
                       : (double)sqlite3_column_int64(st, 3) / 1e6;
        o->too_fast = sqlite3_column_int(st, 4) != 0;
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

int store_previous_session(Store *s, int64_t profile_id, int64_t session_id, int64_t *previous,
                           bool *found)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT s.id FROM sessions s JOIN sessions now ON now.id = ?2 "
                "WHERE s.profile_id = ?1 AND s.id < ?2 AND s.mode = 'drill' "
                "AND s.limbs = now.limbs AND s.level = now.level AND EXISTS "
                "(SELECT 1 FROM trials t WHERE t.session_id = s.id AND t.too_fast = 0) "
                "ORDER BY s.id DESC LIMIT 1",
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

/* Steps through the right answers' response times of each session in
 * order (a merge with the sessions' own order). */
typedef struct SessionTrials {
    sqlite3_stmt *st;
    int rc; /* of the last step */
    double *rts;
    size_t cap;
} SessionTrials;

/* What session_trials counts of one session's trials. */
typedef struct SessionCounts {
    int shown, correct, too_fast, late;
    double median; /* of the right answers' times, negative when none */
} SessionCounts;

/* Reads session id's trials: counts and the median of right answers, of
 * the judged trials (those not answered too fast). */
static int session_trials(Store *s, SessionTrials *t, int64_t id, SessionCounts *c)
{
    size_t n = 0;
    *c = (SessionCounts){.median = -1.0};
    while (t->rc == SQLITE_ROW && sqlite3_column_int64(t->st, 0) < id)
        t->rc = sqlite3_step(t->st);
    for (; t->rc == SQLITE_ROW && sqlite3_column_int64(t->st, 0) == id;
         t->rc = sqlite3_step(t->st)) {
        c->shown++;
        c->late += sqlite3_column_int(t->st, 4) != 0;
        if (sqlite3_column_int(t->st, 3)) {
            c->too_fast++;
            continue;
        }
        if (!sqlite3_column_int(t->st, 1))
            continue;
        c->correct++;
        if (grow((void **)&t->rts, &t->cap, n + 1, sizeof *t->rts))
            return failf(s, "out of memory reading the trials");
        t->rts[n++] = (double)sqlite3_column_int64(t->st, 2) / 1e6;
    }
    c->median = stats_median(t->rts, n);
    return t->rc == SQLITE_ROW || t->rc == SQLITE_DONE ? 0 : fail_db(s, "cannot read the trials");
}

/* Column c of the current row as text, or NULL when it is NULL. */
static const char *column_text(sqlite3_stmt *st, int c)
{
    return (const char *)sqlite3_column_text(st, c);
}

#define EXPORT_VALUE_MAX 32

/* The row being exported: the query's current row and, for a session,
 * what session_trials counted of its trials. */
typedef struct ExportRow {
    sqlite3_stmt *st;
    const char *mode;
    SessionCounts counts;
} ExportRow;

/* One column of an export: its name (the CSV header's and the JSON key),
 * the SQL expression it is read from (NULL for a computed one), a function
 * that makes its value (NULL for the expression's text as it is) and
 * whether it is a number. value gets the expression's place in the query
 * (-1 without one) and a buffer of EXPORT_VALUE_MAX bytes; it returns
 * NULL when there is no value. */
typedef struct ExportColumn {
    const char *name;
    const char *sql;
    const char *(*value)(const ExportRow *r, int c, char *buf);
    bool number;
} ExportColumn;

/* The response time in milliseconds from nanoseconds. */
static const char *rt_ms_value(const ExportRow *r, int c, char *buf)
{
    if (sqlite3_column_type(r->st, c) == SQLITE_NULL)
        return NULL;
    format_rt_ms(buf, EXPORT_VALUE_MAX, sqlite3_column_int64(r->st, c));
    return buf;
}

/* n for a drill, no value for the other modes. */
static const char *drill_number(const ExportRow *r, int n, char *buf)
{
    if (strcmp(r->mode, "drill"))
        return NULL;
    snprintf(buf, EXPORT_VALUE_MAX, "%d", n);
    return buf;
}

/* A drill's pictures shown, an imagery session's steps (the query's). */
static const char *pictures_value(const ExportRow *r, int c, char *buf)
{
    return !strcmp(r->mode, "imagery") ? column_text(r->st, c)
                                       : drill_number(r, r->counts.shown, buf);
}

static const char *correct_value(const ExportRow *r, int c, char *buf)
{
    (void)c;
    return drill_number(r, r->counts.correct, buf);
}

static const char *too_fast_value(const ExportRow *r, int c, char *buf)
{
    (void)c;
    return drill_number(r, r->counts.too_fast, buf);
}

static const char *late_onsets_value(const ExportRow *r, int c, char *buf)
{
    (void)c;
    return drill_number(r, r->counts.late, buf);
}

/* Of the judged trials, when there are any. */
static const char *accuracy_value(const ExportRow *r, int c, char *buf)
{
    (void)c;
    int judged = r->counts.shown - r->counts.too_fast;
    if (strcmp(r->mode, "drill") || judged <= 0)
        return NULL;
    snprintf(buf, EXPORT_VALUE_MAX, "%.1f", 100.0 * r->counts.correct / judged);
    return buf;
}

static const char *median_rt_value(const ExportRow *r, int c, char *buf)
{
    (void)c;
    if (strcmp(r->mode, "drill") || r->counts.median < 0)
        return NULL;
    snprintf(buf, EXPORT_VALUE_MAX, "%.3f", r->counts.median);
    return buf;
}

/* The exports' columns in their order. The sessions' query has the
 * session id and the mode at these places, which session_trials and the
 * computed columns read. */
enum { EXPORT_SESSION_ID = 1, EXPORT_MODE = 2 };

static const ExportColumn trial_columns[] = {
    {"profile", "p.name", NULL, false},
    {"session_id", "s.id", NULL, true},
    {"started_at", "s.started_at", NULL, false},
    {"trial", "t.trial", NULL, true},
    {"image", "t.image", NULL, false},
    {"limb", "t.limb", NULL, false},
    {"side", "t.side", NULL, false},
    {"view", "t.view", NULL, false},
    {"posture", "t.posture", NULL, false},
    {"rotation_deg", "t.rotation_deg", NULL, true},
    {"response", "t.response", NULL, false},
    {"correct", "CASE WHEN t.too_fast = 0 THEN t.correct END", NULL, true},
    {"too_fast", "t.too_fast", NULL, true},
    {"rt_ms", "t.rt_ns", rt_ms_value, true},
    {"input", "t.input", NULL, false},
    {"late_onset", "t.late_onset", NULL, true},
};

static const ExportColumn session_columns[] = {
    {"profile", "p.name", NULL, false},
    {"session_id", "s.id", NULL, true},
    {"mode", "s.mode", NULL, false},
    {"started_at", "s.started_at", NULL, false},
    {"ended_at", "s.ended_at", NULL, false},
    {"limbs", "s.limbs", NULL, false},
    {"side", "s.side", NULL, false},
    {"level", "s.level", NULL, true},
    {"planned_count", "s.planned_count", NULL, true},
    {"time_limit_ms", "s.time_limit_ms", NULL, true},
    {"feedback", "s.feedback", NULL, true},
    {"hold_ms", "s.hold_ms", NULL, true},
    {"rest_ms", "s.rest_ms", NULL, true},
    {"self_paced", "s.self_paced", NULL, true},
    {"planned_s", "s.planned_s", NULL, true},
    {"pace", "s.pace", NULL, false},
    {"camera", "s.camera", NULL, true},
    {"touch_step", "s.touch_step", NULL, true},
    {"pictures", "(SELECT count(*) FROM steps WHERE session_id = s.id)", pictures_value, true},
    {"correct", NULL, correct_value, true},
    {"too_fast", NULL, too_fast_value, true},
    {"accuracy_pct", NULL, accuracy_value, true},
    {"median_rt_ms", NULL, median_rt_value, true},
    {"late_onsets", NULL, late_onsets_value, true},
    {"pain_before", "s.pain_before", NULL, true},
    {"pain_after", "s.pain_after", NULL, true},
    {"vividness", "s.vividness", NULL, true},
    {"stopped_early", "s.stopped_early", NULL, true},
    {"stopped_for_pain", "s.stopped_for_pain", NULL, true},
    {"interrupted", "s.interrupted", NULL, true},
    {"steps",
     "(SELECT group_concat(phase || '/' || item || '/' || duration_ms || "
     "coalesce('/' || discomfort, ''), ';') FROM "
     "(SELECT * FROM steps WHERE session_id = s.id ORDER BY step))",
     NULL, false},
};

#define EXPORT_COLUMNS_MAX 32

/* Prepares "SELECT" the columns' expressions, in order, then rest. */
static int prepare_export(Store *s, const ExportColumn *cols, size_t n, const char *rest,
                          sqlite3_stmt **st, const char *what)
{
    char sql[2048];
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT ");
    const char *sep = "";
    for (size_t i = 0; i < n && used < sizeof sql; i++)
        if (cols[i].sql) {
            used += (size_t)snprintf(sql + used, sizeof sql - used, "%s%s", sep, cols[i].sql);
            sep = ", ";
        }
    if (used < sizeof sql)
        used += (size_t)snprintf(sql + used, sizeof sql - used, " %s", rest);
    if (used >= sizeof sql)
        return failf(s, "%s: the query is too long", what);
    return prepare(s, sql, st, what);
}

/* Starts the table with the columns' names. */
static void export_begin(TableWriter *w, FILE *out, TableFormat format, const ExportColumn *cols,
                         size_t n, TableField *f)
{
    for (size_t i = 0; i < n; i++)
        f[i] = (TableField){.name = cols[i].name, .number = cols[i].number};
    table_begin(w, out, format, f, n);
}

/* Writes the row r. */
static void export_row(TableWriter *w, const ExportColumn *cols, size_t n, const ExportRow *r,
                       TableField *f)
{
    char buf[EXPORT_COLUMNS_MAX][EXPORT_VALUE_MAX];
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        int place = cols[i].sql ? c++ : -1;
        f[i].value = cols[i].value ? cols[i].value(r, place, buf[i]) : column_text(r->st, place);
    }
    table_row(w, f, n);
}

static int export_trials(Store *s, const char *profile, TableFormat format, FILE *out)
{
    enum { N = sizeof trial_columns / sizeof trial_columns[0] };
    _Static_assert(N <= EXPORT_COLUMNS_MAX, "room for the values");
    sqlite3_stmt *st;
    if (prepare_export(s, trial_columns, N,
                       "FROM trials t JOIN sessions s ON s.id = t.session_id "
                       "JOIN profiles p ON p.id = s.profile_id "
                       "WHERE ?1 IS NULL OR p.name = ?1 ORDER BY s.id, t.trial",
                       &st, "cannot read the trials"))
        return -1;
    if (profile)
        sqlite3_bind_text(st, 1, profile, -1, SQLITE_TRANSIENT);
    TableField f[N];
    TableWriter w;
    export_begin(&w, out, format, trial_columns, N, f);
    int rc;
    while (!w.failed && (rc = sqlite3_step(st)) == SQLITE_ROW)
        export_row(&w, trial_columns, N, &(ExportRow){.st = st}, f);
    sqlite3_finalize(st);
    if (table_end(&w))
        return failf(s, "cannot write the export: %s", strerror(errno));
    if (rc != SQLITE_DONE)
        return fail_db(s, "cannot read the trials");
    return 0;
}

static int export_sessions(Store *s, const char *profile, TableFormat format, FILE *out)
{
    enum { N = sizeof session_columns / sizeof session_columns[0] };
    _Static_assert(N <= EXPORT_COLUMNS_MAX, "room for the values");
    sqlite3_stmt *st = NULL;
    SessionTrials trials = {0};
    if (prepare_export(s, session_columns, N,
                       "FROM sessions s JOIN profiles p ON p.id = s.profile_id "
                       "WHERE ?1 IS NULL OR p.name = ?1 ORDER BY s.id",
                       &st, "cannot read the sessions") ||
        prepare(s,
                "SELECT t.session_id, t.correct, t.rt_ns, t.too_fast, t.late_onset "
                "FROM trials t JOIN sessions s ON "
                "s.id = t.session_id JOIN profiles p ON p.id = s.profile_id "
                "WHERE ?1 IS NULL OR p.name = ?1 ORDER BY t.session_id, t.trial",
                &trials.st, "cannot read the trials")) {
        sqlite3_finalize(st);
        return -1;
    }
    if (profile) {
        sqlite3_bind_text(st, 1, profile, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(trials.st, 1, profile, -1, SQLITE_TRANSIENT);
    }
    trials.rc = sqlite3_step(trials.st);
    TableField f[N];
    TableWriter w;
    export_begin(&w, out, format, session_columns, N, f);
    int rc = SQLITE_DONE, status = 0;
    while (!w.failed && status == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ExportRow r = {.st = st, .mode = column_text(st, EXPORT_MODE)};
        if (!r.mode)
            r.mode = "";
        status = session_trials(s, &trials, sqlite3_column_int64(st, EXPORT_SESSION_ID), &r.counts);
        if (status == 0)
            export_row(&w, session_columns, N, &r, f);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(trials.st);
    free(trials.rts);
    if (table_end(&w))
        return failf(s, "cannot write the export: %s", strerror(errno));
    if (status)
        return -1;
    if (rc != SQLITE_DONE)
        return fail_db(s, "cannot read the sessions");
    return 0;
}

int store_export(Store *s, const char *profile, StoreExportKind what, TableFormat format, FILE *out)
{
    /* One read transaction, so sessions and trials agree. */
    if (exec(s, "BEGIN", "cannot read the database"))
        return -1;
    int rc = what == STORE_EXPORT_TRIALS ? export_trials(s, profile, format, out)
                                         : export_sessions(s, profile, format, out);
    exec(s, "COMMIT", "cannot read the database");
    return rc;
}

void store_history_free(StoreHistory *h)
{
    free(h->trials);
    free(h->sessions);
    free(h->strings);
    *h = (StoreHistory){0};
}

#define STAMP_MAX 40 /* an ISO 8601 stamp with offset and its NUL, with room */

static int history_sessions(Store *s, int64_t profile_id, const char *first, const char *last,
                            StoreHistory *h, int64_t **ids)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT id, started_at, mode, pain_before, pain_after, stopped_early, "
                "stopped_for_pain, ended_at IS NULL AND interrupted = 0, side = 'right', "
                "touch_step FROM sessions "
                "WHERE profile_id = ?1 AND started_at >= ?2 "
                "AND started_at < ?3 || 'U' ORDER BY id",
                &st, "cannot read the sessions"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_text(st, 2, first, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, last, -1, SQLITE_TRANSIENT);
    size_t cap = 0, idcap = 0, strcap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t i = h->nsessions;
        if (grow((void **)&h->sessions, &cap, i + 1, sizeof *h->sessions) ||
            grow((void **)ids, &idcap, i + 1, sizeof **ids) ||
            grow((void **)&h->strings, &strcap, (i + 1) * STAMP_MAX, 1)) {
            sqlite3_finalize(st);
            return failf(s, "out of memory reading the sessions");
        }
        (*ids)[i] = sqlite3_column_int64(st, 0);
        copy_name(h->strings + i * STAMP_MAX, STAMP_MAX, sqlite3_column_text(st, 1));
        PracticeMode mode = MODE_DRILL;
        const char *mode_text = (const char *)sqlite3_column_text(st, 2);
        if (mode_text)
            mode_parse(mode_text, &mode);
        h->sessions[i] = (ProgressSession){
            .mode = mode,
            .pain_before = sqlite3_column_type(st, 3) == SQLITE_NULL ? PROGRESS_NO_PAIN
                                                                     : sqlite3_column_int(st, 3),
            .pain_after = sqlite3_column_type(st, 4) == SQLITE_NULL ? PROGRESS_NO_PAIN
                                                                    : sqlite3_column_int(st, 4),
            .stopped_early = sqlite3_column_int(st, 5) != 0,
            .stopped_for_pain = sqlite3_column_int(st, 6) != 0,
            .open = sqlite3_column_int(st, 7) != 0,
            .median_rt_ms = -1.0,
            .side = sqlite3_column_int(st, 8) ? SIDE_RIGHT : SIDE_LEFT,
            .touch_step = sqlite3_column_int(st, 9),
            .discomfort = PROGRESS_NO_PAIN};
        h->nsessions++;
    }
    int status = rc == SQLITE_DONE ? 0 : fail_db(s, "cannot read the sessions");
    sqlite3_finalize(st);
    /* The strings moved while growing: point at them only now. */
    for (size_t i = 0; i < h->nsessions; i++)
        h->sessions[i].started_at = h->strings + i * STAMP_MAX;
    return status;
}

/* Summarises the trials o[0..n) of session i into its row. */
static int history_summarise(Store *s, StoreHistory *h, size_t i, TrialOutcome *o, size_t n)
{
    Summary sum;
    if (stats_summarise(o, n, STATS_ALL, &sum))
        return failf(s, "out of memory summarising the sessions");
    h->sessions[i].pictures = sum.trials + sum.too_fast;
    h->sessions[i].too_fast = sum.too_fast;
    h->sessions[i].accuracy_pct = sum.accuracy_pct;
    h->sessions[i].median_rt_ms = sum.median_rt_ms;
    return 0;
}

static int history_trials(Store *s, int64_t profile_id, const char *first, const char *last,
                          StoreHistory *h, const int64_t *ids)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT s.id, t.limb, t.side, t.view, t.rotation_deg, t.correct, t.rt_ns, "
                "t.too_fast, t.late_onset FROM sessions s JOIN trials t ON t.session_id = s.id "
                "WHERE s.profile_id = ?1 "
                "AND s.started_at >= ?2 AND s.started_at < ?3 || 'U' ORDER BY s.id, t.trial",
                &st, "cannot read the trials"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_text(st, 2, first, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, last, -1, SQLITE_TRANSIENT);
    size_t cap = 0, ocap = 0, session = 0, begin = 0;
    TrialOutcome *outcomes = NULL;
    int day = 0, status = 0, rc;
    bool have_day = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        size_t i = h->ntrials;
        if (!have_day || ids[session] != id) {
            if (have_day && history_summarise(s, h, session, outcomes + begin, i - begin)) {
                status = -1;
                break;
            }
            while (session < h->nsessions && ids[session] != id)
                session++;
            if (session == h->nsessions) {
                status =
                    failf(s, "the trials of session %lld do not match its sessions", (long long)id);
                break;
            }
            begin = i;
            have_day = progress_day_parse(h->sessions[session].started_at, &day) == 0;
            if (!have_day) {
                status = failf(s, "session %lld has an unreadable start '%s'", (long long)id,
                               h->sessions[session].started_at);
                break;
            }
        }
        if (grow((void **)&h->trials, &cap, i + 1, sizeof *h->trials) ||
            grow((void **)&outcomes, &ocap, i + 1, sizeof *outcomes)) {
            status = failf(s, "out of memory reading the trials");
            break;
        }
        ProgressTrial *t = &h->trials[i];
        const char *side = (const char *)sqlite3_column_text(st, 2);
        t->day = day;
        t->limb = column_limb(st, 1);
        t->side = side && !strcmp(side, "right") ? SIDE_RIGHT : SIDE_LEFT;
        copy_name(t->view, sizeof t->view, sqlite3_column_text(st, 3));
        t->rotation_deg = sqlite3_column_int(st, 4);
        t->correct = sqlite3_column_int(st, 5) != 0;
        t->answered = sqlite3_column_type(st, 6) != SQLITE_NULL;
        t->rt_ms = t->answered ? (double)sqlite3_column_int64(st, 6) / 1e6 : -1.0;
        t->too_fast = sqlite3_column_int(st, 7) != 0;
        h->sessions[session].late_onsets += sqlite3_column_int(st, 8) != 0;
        outcomes[i] = (TrialOutcome){t->side, t->limb, t->correct, t->rt_ms, t->too_fast};
        h->ntrials++;
    }
    if (status == 0 && rc != SQLITE_DONE)
        status = fail_db(s, "cannot read the trials");
    if (status == 0 && have_day)
        status = history_summarise(s, h, session, outcomes + begin, h->ntrials - begin);
    sqlite3_finalize(st);
    free(outcomes);
    return status;
}

/* Imagery sets count the pictures held; mirror therapy adds up the time
 * its steps ran. */
static int history_steps(Store *s, StoreHistory *h, const int64_t *ids)
{
    sqlite3_stmt *st;
    if (prepare(s,
                "SELECT count(*), coalesce(sum(duration_ms), 0), max(discomfort) FROM steps "
                "WHERE session_id = ?1",
                &st, "cannot read the steps"))
        return -1;
    int status = 0;
    for (size_t i = 0; i < h->nsessions && status == 0; i++) {
        ProgressSession *session = &h->sessions[i];
        if (session->mode == MODE_DRILL)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, ids[i]);
        if (sqlite3_step(st) != SQLITE_ROW)
            status = fail_db(s, "cannot read the steps");
        else if (session->mode == MODE_IMAGERY)
            session->pictures = sqlite3_column_int(st, 0);
        else
            session->practised_ms = sqlite3_column_int64(st, 1);
        if (status == 0 && session->mode == MODE_TOUCH && sqlite3_column_type(st, 2) != SQLITE_NULL)
            session->discomfort = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    return status;
}

int store_history_load(Store *s, int64_t profile_id, const char *first_date, const char *last_date,
                       StoreHistory *out)
{
    *out = (StoreHistory){0};
    int64_t *ids = NULL;
    /* One read transaction, so the three reads see the same data. */
    int status = exec(s, "BEGIN", "cannot read the history");
    if (status == 0) {
        status = history_sessions(s, profile_id, first_date, last_date, out, &ids) ||
                         history_trials(s, profile_id, first_date, last_date, out, ids) ||
                         history_steps(s, out, ids)
                     ? -1
                     : 0;
        exec(s, "COMMIT", "cannot read the history");
    }
    free(ids);
    return status;
}

/* The day (YYYY-MM-DD) of the profile's first or last session, or "". */
static int session_day(Store *s, int64_t profile_id, bool last, char date[PROGRESS_DATE_MAX])
{
    sqlite3_stmt *st;
    date[0] = '\0';
    if (prepare(s,
                last ? "SELECT substr(max(started_at), 1, 10) FROM sessions WHERE profile_id = ?1"
                     : "SELECT substr(min(started_at), 1, 10) FROM sessions WHERE profile_id = ?1",
                &st, "cannot read the sessions"))
        return -1;
    sqlite3_bind_int64(st, 1, profile_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        copy_name(date, PROGRESS_DATE_MAX, sqlite3_column_text(st, 0));
    int status = rc == SQLITE_ROW ? 0 : fail_db(s, "cannot read the sessions");
    sqlite3_finalize(st);
    return status;
}

int store_first_date(Store *s, int64_t profile_id, char date[PROGRESS_DATE_MAX])
{
    return session_day(s, profile_id, false, date);
}

int store_last_date(Store *s, int64_t profile_id, char date[PROGRESS_DATE_MAX])
{
    return session_day(s, profile_id, true, date);
}

/* ---- for the storage library's other files (store_internal.h) ---- */

sqlite3 *store_sqlite(Store *s)
{
    return check_gate(s) ? NULL : s->db;
}

int store_fail(Store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->msg, sizeof s->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int store_fail_db(Store *s, const char *what)
{
    return fail_db(s, what);
}

int store_write_begin(Store *s, const char *what)
{
    return begin_write(s, what);
}

int store_write_end(Store *s, int status, const char *what)
{
    return end_write(s, status, what);
}

int store_integrity(Store *s, char *err, size_t errlen)
{
    bool damaged = false;
    if (run_check(s->db, "PRAGMA integrity_check", &damaged, err, errlen))
        return -1;
    return damaged ? -1 : 0;
}
