/* Time to store one finished trial, as the drill does between pictures:
 * one INSERT in its own transaction, WAL mode, synchronous = FULL, on a
 * database in the folder given (use the disk the data will live on).
 *
 *   trial_write FOLDER [TRIALS]   prints median, 95th percentile and maximum */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"
#include "store.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: trial_write FOLDER [TRIALS]\n");
        return 2;
    }
    int n = argc > 2 ? atoi(argv[2]) : 2000;
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/trial-write-bench.db", argv[1]);
    unlink(path);
    Store *s = store_open(path, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    StoreProfile p;
    SessionStart start = {.settings = drill_settings_default(),
                          .seed = 1,
                          .started_at = "2026-11-21T00:00:00+00:00",
                          .frame_ns = 16666666,
                          .pain_before = -1};
    int64_t session;
    if (store_profile_open(s, NULL, "t", &p) || (start.profile_id = p.id, 0) ||
        store_session_begin(s, &start, &session)) {
        fprintf(stderr, "%s\n", store_errmsg(s));
        return 1;
    }
    int64_t *ns = malloc((size_t)n * sizeof *ns);
    for (int i = 0; i < n; i++) {
        TrialRecord t = {.trial = i + 1,
                         .image = "hand-fist-back-light-f",
                         .limb = LIMB_HAND,
                         .side = i % 2 ? SIDE_LEFT : SIDE_RIGHT,
                         .view = "back",
                         .posture = "fist",
                         .rotation_deg = 45 * (i % 8),
                         .response = RESPONSE_LEFT,
                         .correct = i % 2,
                         .input = INPUT_TOUCH,
                         .onset_ns = 1000000000LL * i,
                         .response_ns = 1000000000LL * i + 812345678,
                         .onset_interval_ns = 16666666};
        int64_t t0 = measure_now_ns();
        if (store_trial_add(s, session, &t)) {
            fprintf(stderr, "%s\n", store_errmsg(s));
            return 1;
        }
        ns[i] = measure_now_ns() - t0;
    }
    store_close(s);
    unlink(path);
    printf("trials %d  time to write one trial ms: median %.3f  p95 %.3f  max %.3f\n", n,
           measure_percentile_ms(ns, n, 50), measure_percentile_ms(ns, n, 95),
           measure_percentile_ms(ns, n, 100));
    free(ns);
    return 0;
}
