/* Time to import a patient's backup of 100,000 trials (2,500 drills of 40
 * pictures, about a year and a half of daily practice) into the
 * therapist's database, as `gmi-trainer import` does: the file checked
 * whole (integrity, references), then every session, trial and step
 * copied in one transaction. Then the same file again (nothing to add).
 *
 *   import FOLDER [RUNS]   prints the median and maximum of each, in ms */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "importing.h"
#include "measure.h"
#include "store.h"

#define SESSIONS 2500
#define PER_SESSION 40

/* The patient's device: one profile, SESSIONS drills with their trials. */
static int make_device(const char *path)
{
    char err[512];
    unlink(path);
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    StoreProfile p;
    if (!s || store_profile_open(s, "Alex Morgan", "2025-01-01T09:00:00+00:00", &p)) {
        fprintf(stderr, "%s\n", s ? store_errmsg(s) : err);
        return -1;
    }
    store_close(s);
    /* Written directly, in one transaction, for speed; uuid as the store
     * would give it (here from SQLite's random bytes). */
    sqlite3 *db;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "PRAGMA synchronous = OFF; BEGIN;"
             "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
             "INSERT INTO sessions (profile_id, mode, limbs, level, planned_count, time_limit_ms, "
             "feedback, seed, started_at, ended_at, pain_before, uuid) SELECT %lld, 'drill', "
             "'both', 2, %d, 5000, 1, i, strftime('%%Y-%%m-%%dT09:30:00+00:00', '2025-06-01', "
             "'+' || (i / 5) || ' days'), strftime('%%Y-%%m-%%dT09:35:00+00:00', '2025-06-01', "
             "'+' || (i / 5) || ' days'), i %% 11, lower(hex(randomblob(16))) FROM k;"
             "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
             "INSERT INTO trials (session_id, trial, image, limb, side, view, posture, "
             "rotation_deg, response, correct, onset_ns, response_ns, rt_ns, input, "
             "onset_interval_ns) SELECT s.id, k.i, 'hand-flat-back', 'hand', "
             "CASE WHEN k.i %% 2 THEN 'left' ELSE 'right' END, 'back', 'flat', 45 * (k.i %% 8), "
             "'left', k.i %% 2, k.i * 1000000000, k.i * 1000000000 + 812345678, 812345678, "
             "'touch', 16666666 FROM sessions s, k;"
             "COMMIT;",
             SESSIONS, (long long)p.id, PER_SESSION, PER_SESSION);
    int rc =
        sqlite3_open(path, &db) == SQLITE_OK && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK
            ? 0
            : -1;
    if (rc)
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
}

/* Imports file into the database at path; the time it took into *ns. */
static int import_once(const char *path, const char *file, int64_t *ns, char *text, size_t cap)
{
    char err[512];
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    int64_t t0 = measure_now_ns();
    int rc = importing_run(s, file, text, cap);
    *ns = measure_now_ns() - t0;
    store_close(s);
    if (rc)
        fprintf(stderr, "%s\n", text);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: import FOLDER [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 100)
        runs = 5;
    char device[1024], backup[1024], here[1024], err[512], text[2048], again_text[2048];
    snprintf(device, sizeof device, "%s/import-bench-device.db", argv[1]);
    snprintf(backup, sizeof backup, "%s/import-bench-backup.db", argv[1]);
    snprintf(here, sizeof here, "%s/import-bench-here.db", argv[1]);
    if (make_device(device))
        return 1;
    unlink(backup);
    Store *s = store_open(device, STORE_READ_ONLY, NULL, err, sizeof err);
    if (!s || store_backup(s, backup)) {
        fprintf(stderr, "%s\n", s ? store_errmsg(s) : err);
        return 1;
    }
    store_close(s);
    int64_t first[100], again[100];
    for (int r = 0; r < runs; r++) {
        unlink(here);
        if (import_once(here, backup, &first[r], text, sizeof text) ||
            import_once(here, backup, &again[r], again_text, sizeof again_text))
            return 1;
    }
    printf("%d trials in %d sessions, %d runs: first import ms median %.0f max %.0f; "
           "the same file again ms median %.0f max %.0f\n",
           SESSIONS * PER_SESSION, SESSIONS, runs, measure_percentile_ms(first, runs, 50),
           measure_percentile_ms(first, runs, 100), measure_percentile_ms(again, runs, 50),
           measure_percentile_ms(again, runs, 100));
    printf("first import: %sagain: %s", text, again_text);
    unlink(device);
    unlink(backup);
    unlink(here);
    return 0;
}
