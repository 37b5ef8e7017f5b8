/* Time to compute a profile's progress and write its HTML report from a
 * large history held in memory, as the progress screen and `gmi-trainer
 * report` do once the store has read the rows: synthetic drills of 20
 * pictures spread over two years, plus imagery sessions with pain ratings.
 *
 *   progress_compute [TRIALS] [RUNS]   default 1000000 trials, 9 runs;
 *   prints the median and maximum of each step and the peak resident memory */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "../tests/norms_fixture.h"
#include "measure.h"
#include "norms.h"
#include "progress.h"
#include "report.h"
#include "rng.h"

#define TODAY 20778 /* 2026-11-21 */
#define HISTORY_DAYS 730
#define PICTURES 20

typedef struct History {
    ProgressTrial *trials;
    size_t ntrials;
    ProgressSession *sessions;
    char (*stamps)[40];
    size_t nsessions;
} History;

static int make_history(History *h, size_t ntrials)
{
    static const char *const views[2][4] = {{"back", "palm", "thumb", "tips"},
                                            {"top", "sole", "inner", "outer"}};
    size_t drills = (ntrials + PICTURES - 1) / PICTURES;
    size_t cap = drills + HISTORY_DAYS; /* and one imagery session a day */
    h->trials = malloc(ntrials * sizeof *h->trials);
    h->sessions = malloc(cap * sizeof *h->sessions);
    h->stamps = malloc(cap * sizeof *h->stamps);
    if (!h->trials || !h->sessions || !h->stamps)
        return -1;
    Rng rng;
    rng_seed(&rng, 1);
    h->ntrials = h->nsessions = 0;
    for (size_t d = 0; d < drills; d++) {
        int day = TODAY - HISTORY_DAYS + 1 + (int)(d * HISTORY_DAYS / drills);
        char date[PROGRESS_DATE_MAX];
        progress_day_format(day, date);
        int minute = (int)rng_below(&rng, 24 * 60);
        ProgressSession *s = &h->sessions[h->nsessions];
        snprintf(h->stamps[h->nsessions], sizeof h->stamps[0], "%sT%02d:%02d:00+01:00", date,
                 minute / 60, minute % 60);
        h->nsessions++;
        int right = 0;
        for (int i = 0; i < PICTURES && h->ntrials < ntrials; i++) {
            ProgressTrial *t = &h->trials[h->ntrials++];
            t->day = day;
            t->limb = (Limb)rng_below(&rng, 2);
            t->side = (Side)(i % 2);
            t->rotation_deg = 45 * (int)rng_below(&rng, 8);
            snprintf(t->view, sizeof t->view, "%s", views[t->limb][rng_below(&rng, 4)]);
            t->answered = rng_below(&rng, 100) < 97;
            t->correct = t->answered && rng_below(&rng, 100) < 85;
            t->rt_ms = 1200.0 + (double)rng_below(&rng, 1500);
            right += t->correct;
        }
        *s = (ProgressSession){.started_at = h->stamps[h->nsessions - 1],
                               .mode = MODE_DRILL,
                               .pain_before = PROGRESS_NO_PAIN,
                               .pain_after = PROGRESS_NO_PAIN,
                               .pictures = PICTURES,
                               .accuracy_pct = 100.0 * right / PICTURES,
                               .median_rt_ms = 1800.0};
    }
    for (int day = TODAY - HISTORY_DAYS + 1; day <= TODAY; day++) {
        char date[PROGRESS_DATE_MAX];
        progress_day_format(day, date);
        snprintf(h->stamps[h->nsessions], sizeof h->stamps[0], "%sT20:00:00+01:00", date);
        h->sessions[h->nsessions] = (ProgressSession){.started_at = h->stamps[h->nsessions],
                                                      .mode = MODE_IMAGERY,
                                                      .pain_before = (int)rng_below(&rng, 8),
                                                      .pain_after = (int)rng_below(&rng, 8),
                                                      .pictures = 12,
                                                      .median_rt_ms = -1.0};
        h->nsessions++;
    }
    return 0;
}

/* One progress screen (from_day..TODAY), optionally with its report. */
static int64_t run_once(const History *h, const Norms *norms, int from_day, FILE *report)
{
    int64_t start = measure_now_ns();
    ProgressInput in = {h->trials, h->ntrials, h->sessions, h->nsessions,
                        from_day,  TODAY,      norms,       0};
    char err[256];
    Progress *p = progress_create(&in, err, sizeof err);
    if (!p) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    if (report) {
        rewind(report);
        ReportInput r = {.profile_name = "Benchmark",
                         .affected = "left hand",
                         .stage = "1: left/right judgement",
                         .notes = "Notes",
                         .generated_at = "2026-11-21",
                         .progress = p,
                         .sessions = h->sessions,
                         .nsessions = h->nsessions};
        if (report_write(report, &r, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            exit(1);
        }
    }
    progress_destroy(p);
    return measure_now_ns() - start;
}

int main(int argc, char **argv)
{
    size_t ntrials = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
    int runs = argc > 2 ? atoi(argv[2]) : 9;
    if (ntrials == 0 || runs < 1 || runs > 1000) {
        fprintf(stderr, "usage: progress_compute [TRIALS] [RUNS]\n");
        return 2;
    }
    Norms norms;
    char err[256];
    History h;
    if (norms_parse(norms_text, sizeof norms_text - 1, "norms", &norms, err, sizeof err) ||
        make_history(&h, ntrials)) {
        fprintf(stderr, "cannot set up: %s\n", err);
        return 1;
    }
    FILE *sink = fopen("/dev/null", "w");
    if (!sink) {
        perror("/dev/null");
        return 1;
    }
    static const struct {
        const char *what;
        int days;
        bool report;
    } steps[] = {
        {"progress screen, last 4 weeks", 28, false},
        {"progress + HTML report, last 4 weeks", 28, true},
        {"progress + HTML report, whole history", HISTORY_DAYS, true},
    };
    printf("%zu trials in %zu sessions over %d days\n", h.ntrials, h.nsessions, HISTORY_DAYS);
    int64_t *ns = malloc((size_t)runs * sizeof *ns);
    for (size_t k = 0; ns && k < sizeof steps / sizeof steps[0]; k++) {
        for (int r = 0; r < runs; r++)
            ns[r] = run_once(&h, &norms, TODAY - steps[k].days + 1, steps[k].report ? sink : NULL);
        double median = measure_percentile_ms(ns, runs, 50);
        printf("%-40s median %.1f ms, max %.1f ms (%d runs)\n", steps[k].what, median,
               (double)ns[runs - 1] / 1e6, runs);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak resident memory %.1f MB (the history itself %.1f MB)\n", ru.ru_maxrss / 1024.0,
           (double)(h.ntrials * sizeof *h.trials +
                    h.nsessions * (sizeof *h.sessions + sizeof *h.stamps)) /
               1048576.0);
    fclose(sink);
    free(ns);
    free(h.trials);
    free(h.sessions);
    free(h.stamps);
    return 0;
}
