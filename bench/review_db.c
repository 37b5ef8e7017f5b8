/* The progress screen's data and the HTML report from a database of
 * 1,000,000 trials, end to end as the trainer does it: the indexed reads of
 * the store, the progress computation and (for the report) the HTML file.
 * The database is generated first (once; kept for frame_time): one
 * profile practising 25 drills of 40 pictures a day for 1,000 days, so the
 * screen's 8 weeks hold 56,000 trials.
 *
 *   review_db DATABASE RESOURCE_DIR [RUNS]   prints medians and maxima in ms */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"
#include "review.h"
#include "rng.h"
#include "store.h"
#include "touch.h"

#define DAYS 1000
#define PER_DAY 25
#define PICTURES 40

static int generate(const char *path)
{
    char err[512];
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    StoreProfile p;
    if (!s || store_profile_open(s, "Bench", "2024-01-01T00:00:00+00:00", &p)) {
        fprintf(stderr, "%s\n", s ? store_errmsg(s) : err);
        return -1;
    }
    store_close(s);
    sqlite3 *db;
    sqlite3_stmt *session, *trial;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO sessions (profile_id, mode, limbs, level, planned_count, "
                           "time_limit_ms, feedback, seed, started_at, ended_at, pain_before, "
                           "pain_after, uuid) VALUES (?1, 'drill', 'both', 2, 40, 5000, 1, 0, ?2, "
                           "?2, ?3, ?4, lower(hex(randomblob(16))))",
                           -1, &session, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO trials (session_id, trial, image, limb, side, view, "
                           "posture, rotation_deg, response, correct, onset_ns, response_ns, "
                           "rt_ns, input) VALUES (?1, ?2, 'hand-flat-back', ?3, ?4, ?5, 'flat', "
                           "?6, ?7, ?8, 0, ?9, ?9, 'touch')",
                           -1, &trial, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        return -1;
    }
    static const char *const views[] = {"back", "palm", "thumb", "tips", "sole", "top"};
    Rng rng;
    rng_seed(&rng, 42);
    int today = review_today();
    for (int d = 0; d < DAYS; d++) {
        char date[PROGRESS_DATE_MAX];
        progress_day_format(today - DAYS + 1 + d, date);
        for (int k = 0; k < PER_DAY; k++) {
            char stamp[40];
            snprintf(stamp, sizeof stamp, "%sT%02d:%02d:00+00:00", date, 7 + k / 2, (k % 2) * 30);
            sqlite3_reset(session);
            sqlite3_bind_int64(session, 1, p.id);
            sqlite3_bind_text(session, 2, stamp, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(session, 3, (int)rng_below(&rng, 8));
            sqlite3_bind_int(session, 4, (int)rng_below(&rng, 6));
            if (sqlite3_step(session) != SQLITE_DONE)
                return -1;
            sqlite3_int64 id = sqlite3_last_insert_rowid(db);
            for (int t = 1; t <= PICTURES; t++) {
                bool correct = rng_below(&rng, 100) < 85;
                int side = (int)rng_below(&rng, 2);
                sqlite3_reset(trial);
                sqlite3_bind_int64(trial, 1, id);
                sqlite3_bind_int(trial, 2, t);
                sqlite3_bind_text(trial, 3, t % 2 ? "hand" : "foot", -1, SQLITE_STATIC);
                sqlite3_bind_text(trial, 4, side ? "right" : "left", -1, SQLITE_STATIC);
                sqlite3_bind_text(trial, 5, views[rng_below(&rng, 6)], -1, SQLITE_STATIC);
                sqlite3_bind_int(trial, 6, 45 * (int)rng_below(&rng, 8));
                sqlite3_bind_text(trial, 7, correct == (side == 1) ? "right" : "left", -1,
                                  SQLITE_STATIC);
                sqlite3_bind_int(trial, 8, correct);
                sqlite3_bind_int64(trial, 9, 900000000 + (int64_t)rng_below(&rng, 1500) * 1000000);
                if (sqlite3_step(trial) != SQLITE_DONE)
                    return -1;
            }
        }
    }
    sqlite3_finalize(session);
    sqlite3_finalize(trial);
    int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    sqlite3_close(db);
    return rc;
}

static void report(const char *what, int64_t *ns, int runs)
{
    double max = measure_percentile_ms(ns, runs, 100);
    printf("%-44s median %8.1f ms  max %8.1f ms\n", what, measure_percentile_ms(ns, runs, 50), max);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: review_db DATABASE RESOURCE_DIR [RUNS]\n");
        return 2;
    }
    const char *path = argv[1];
    int runs = argc > 3 ? atoi(argv[3]) : 9;
    if (access(path, F_OK) != 0) {
        int64_t t0 = measure_now_ns();
        if (generate(path)) {
            fprintf(stderr, "cannot generate %s\n", path);
            return 1;
        }
        printf("generated %d trials in %.1f s\n", DAYS * PER_DAY * PICTURES,
               (measure_now_ns() - t0) / 1e9);
    }
    char err[512], norms_path[1024], ladder_path[1024];
    snprintf(norms_path, sizeof norms_path, "%s/data/norms.csv", argv[2]);
    snprintf(ladder_path, sizeof ladder_path, "%s/data/touch-ladder.csv", argv[2]);
    static char text[4096], ladder_text[16384];
    size_t len = measure_read_text(norms_path, text, sizeof text);
    size_t ladder_len = measure_read_text(ladder_path, ladder_text, sizeof ladder_text);
    Norms norms;
    TouchLadder *ladder = touch_ladder_parse(ladder_text, ladder_len, ladder_path, err, sizeof err);
    if (!ladder || norms_parse(text, len, norms_path, &norms, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    Store *s = store_open(path, STORE_READ_ONLY, NULL, err, sizeof err);
    StoreProfile p;
    bool found = false;
    if (!s || store_profile_find(s, "Bench", &p, &found) || !found) {
        fprintf(stderr, "%s\n", s ? store_errmsg(s) : err);
        return 1;
    }
    int64_t *load_ns = calloc((size_t)runs, sizeof *load_ns);
    int64_t *report_ns = calloc((size_t)runs, sizeof *report_ns);
    int today = review_today();
    size_t trials = 0;
    for (int i = 0; i < runs; i++) {
        Review r;
        int64_t t0 = measure_now_ns();
        if (review_load(&r, s, p.id, today - REVIEW_DEFAULT_DAYS + 1, today, &norms, 0, err,
                        sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        load_ns[i] = measure_now_ns() - t0;
        trials = r.history.ntrials;
        review_free(&r);
        t0 = measure_now_ns();
        if (review_write_report(s, &p, today - REVIEW_DEFAULT_DAYS + 1, today, &norms, ladder,
                                "/tmp/gmi-bench-report.html", path, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        report_ns[i] = measure_now_ns() - t0;
    }
    store_close(s);
    touch_ladder_destroy(ladder);
    /* The check of the whole file each start runs on a thread of its own,
     * from store_check_start until it has passed. */
    int64_t *check_ns = calloc((size_t)runs, sizeof *check_ns);
    for (int i = 0; i < runs; i++) {
        Store *rw = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
        int64_t t0 = measure_now_ns();
        if (!rw || store_check_start(rw)) {
            fprintf(stderr, "%s\n", rw ? store_errmsg(rw) : err);
            return 1;
        }
        while (store_check_state(rw) == STORE_CHECK_RUNNING)
            nanosleep(&(struct timespec){.tv_nsec = 200000}, NULL);
        check_ns[i] = measure_now_ns() - t0;
        if (store_check_state(rw) != STORE_CHECK_PASSED) {
            fprintf(stderr, "the check did not pass\n");
            return 1;
        }
        store_close(rw);
    }
    printf("database: %d trials; the 8 weeks read: %zu trials\n", DAYS * PER_DAY * PICTURES,
           trials);
    report("progress screen data (read + compute)", load_ns, runs);
    report("HTML report (read + compute + write)", report_ns, runs);
    report("start-up check (quick_check, own thread)", check_ns, runs);
    unlink("/tmp/gmi-bench-report.html");
    free(load_ns);
    free(report_ns);
    free(check_ns);
    return 0;
}
