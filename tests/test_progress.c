/* Progress statistics and the rule for moving on: dates, per-day
 * aggregation against stats_summarise, each criterion failing alone, the
 * run of days (today or yesterday, gaps), the smallest-real-change
 * threshold of the change between weeks, the messages, the week's rotation
 * and view groups, sessions and pain, input errors, and the norms that
 * carry the thresholds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "norms.h"
#include "norms_fixture.h"
#include "prescription.h"
#include "progress.h"
#include "rng.h"
#include "stats.h"

#define TODAY 20778 /* 2026-11-21 */
#define MAX_TRIALS 20000

static Norms norms;

static int near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

/* A growing set of trials. */
typedef struct Trials {
    ProgressTrial t[MAX_TRIALS];
    size_t n;
} Trials;

static Trials trials;

static void add(int day, Side side, int rotation, const char *view, bool answered, bool correct,
                double rt_ms)
{
    if (trials.n == MAX_TRIALS) {
        CHECK(!"too many trials");
        return;
    }
    ProgressTrial *t = &trials.t[trials.n++];
    *t = (ProgressTrial){.day = day,
                         .limb = LIMB_HAND,
                         .side = side,
                         .rotation_deg = rotation,
                         .answered = answered,
                         .correct = correct,
                         .rt_ms = rt_ms};
    strcpy(t->view, view);
}

/* An answer too fast to be a judgement. */
static void add_too_fast(int day, Side side, bool correct, double rt_ms)
{
    add(day, side, 0, "back", true, correct, rt_ms);
    trials.t[trials.n - 1].too_fast = true;
}

/* pictures of side on day, the first `right` of them right answers in
 * rt_ms, the rest wrong answers in 900 ms. */
static void add_side(int day, Side side, int pictures, int right, double rt_ms)
{
    for (int i = 0; i < pictures; i++)
        add(day, side, 0, "back", true, i < right, i < right ? rt_ms : 900.0);
}

/* A day that meets every criterion: 20 pictures a side, 90 %, 1.8 s. */
static void add_good_day(int day)
{
    add_side(day, SIDE_LEFT, 20, 18, 1800.0);
    add_side(day, SIDE_RIGHT, 20, 18, 1800.0);
}

/* A practised day that fails (left accuracy 50 %). */
static void add_bad_day(int day)
{
    add_side(day, SIDE_LEFT, 20, 10, 1800.0);
    add_side(day, SIDE_RIGHT, 20, 18, 1800.0);
}

static Progress *compute(int from, int to, const ProgressSession *s, size_t ns)
{
    ProgressInput in = {trials.t, trials.n, s, ns, from, to, &norms, 0};
    char err[256] = "";
    Progress *p = progress_create(&in, err, sizeof err);
    CHECK_MSG(p != NULL, "%s", err);
    return p;
}

static void test_norms(void)
{
    char err[256] = "";
    CHECK_MSG(norms_parse(norms_text, strlen(norms_text), "n.csv", &norms, err, sizeof err) == 0,
              "%s", err);
    CHECK(near(norms.rt_real_change_s, 0.2) && near(norms.accuracy_real_change_pct, 5.0));
    CHECK(norms.hold_days == 7 && strcmp(norms.hold_source, "NOI Group") == 0);
    CHECK(strcmp(norms.real_change_source, "Musculoskelet Sci Pract 2018;33:105") == 0);

    /* The shipped file has every measure, with the published values. */
    Norms shipped;
    FILE *f = fopen(GMI_SOURCE_DIR "/data/norms.csv", "rb");
    CHECK(f != NULL);
    if (f) {
        char text[4096];
        size_t len = fread(text, 1, sizeof text, f);
        fclose(f);
        CHECK_MSG(norms_parse(text, len, "data/norms.csv", &shipped, err, sizeof err) == 0, "%s",
                  err);
        /* Every body part's time target as the fixture has it. */
        for (int l = 0; l < LIMB_COUNT; l++)
            CHECK_MSG(near(shipped.part[l].rt_target_s, norms.part[l].rt_target_s) &&
                          near(shipped.part[l].rt_band_s, norms.part[l].rt_band_s),
                      "%s: %g +- %g", limb_name((Limb)l), shipped.part[l].rt_target_s,
                      shipped.part[l].rt_band_s);
        CHECK(near(shipped.accuracy_min_pct, 80.0) &&
              near(shipped.part[LIMB_HAND].rt_target_s, 2.0) &&
              near(shipped.part[LIMB_HAND].rt_band_s, 0.5) && near(shipped.rt_real_change_s, 0.2) &&
              near(shipped.accuracy_real_change_pct, 5.0) && shipped.hold_days == 7 &&
              near(shipped.too_fast_ms, 300.0));
        /* The touch rule's numbers, the fixture's, with a source that says
         * whose they are. */
        CHECK(shipped.touch.up_sessions == norms.touch.up_sessions &&
              shipped.touch.up_discomfort == norms.touch.up_discomfort &&
              shipped.touch.flare_discomfort == norms.touch.flare_discomfort);
        CHECK_MSG(strstr(shipped.touch_source, "clinical default") &&
                      strstr(shipped.touch_source, "not taken from a published study"),
                  "%s", shipped.touch_source);
    }

    static const struct {
        const char *from, *to, *expect;
    } bad[] = {
        {"hold_days,7,NOI Group\n", "", "n.csv: measure hold_days is missing"},
        {"hold_days,7,", "hold_days,7.5,", "n.csv:17: value of hold_days must be a whole number"},
        {"hold_days,7,", "hold_days,0,", "n.csv:17: value of hold_days must be a whole number"},
        {"rt_real_change_s,0.2,", "rt_real_change_s,-1,", "n.csv:15: value of rt_real_change_s"},
        {"accuracy_real_change_pct,5,", "accuracy_real_change_pct,101,",
         "n.csv:16: value of accuracy_real_change_pct"},
        {"hold_days,7,NOI Group\n", "hold_days,7,NOI Group\nhold_days,7,X\n",
         "n.csv:18: unknown or repeated measure 'hold_days'"},
        {"touch_up_sessions,3,", "touch_up_sessions,11,",
         "n.csv:19: value of touch_up_sessions must be a whole number from 1 to 10"},
        {"touch_up_sessions,3,", "touch_up_sessions,0,", "n.csv:19: value of touch_up_sessions"},
        {"touch_up_discomfort,3,", "touch_up_discomfort,2.5,",
         "n.csv:20: value of touch_up_discomfort must be a whole number from 0 to 10"},
        {"touch_flare_discomfort,7,", "touch_flare_discomfort,11,",
         "n.csv:21: value of touch_flare_discomfort must be a whole number from 1 to 10"},
        {"touch_flare_discomfort,7,", "touch_flare_discomfort,3,",
         "n.csv: touch_flare_discomfort (3) must be above touch_up_discomfort (3)"},
        {"touch_flare_discomfort,7,Trainer's default\n", "",
         "n.csv: measure touch_flare_discomfort is missing"},
        {"touch_up_discomfort,3,", "touch_up_discomfort,3,X\ntouch_up_discomfort,3,",
         "n.csv:21: unknown or repeated measure 'touch_up_discomfort'"},
        {"neck_rt_target_s,1.6,", "neck_rt_target_s,0,", "n.csv:11: value of neck_rt_target_s"},
        {"back_rt_band_s,0.5,NOI Group guidance\n", "", "n.csv: measure back_rt_band_s is missing"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[1024];
        const char *at = strstr(norms_text, bad[i].from);
        size_t head = (size_t)(at - norms_text);
        snprintf(text, sizeof text, "%.*s%s%s", (int)head, norms_text, bad[i].to,
                 at + strlen(bad[i].from));
        Norms n;
        err[0] = '\0';
        CHECK_MSG(norms_parse(text, strlen(text), "n.csv", &n, err, sizeof err) == -1, "case %zu",
                  i);
        CHECK_MSG(strncmp(err, bad[i].expect, strlen(bad[i].expect)) == 0, "case %zu: got '%s'", i,
                  err);
    }
}

static void test_dates(void)
{
    static const struct {
        const char *text;
        int day;
    } good[] = {
        {"1970-01-01", 0},
        {"1970-01-02", 1},
        {"1969-12-31", -1},
        {"2000-02-29", 11016},
        {"2026-11-21T09:14:03+01:00", TODAY},
        {"0001-01-01", -719162},
        {"9999-12-31", 2932896},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int day = 12345;
        CHECK_MSG(progress_day_parse(good[i].text, &day) == 0 && day == good[i].day, "%s: %d",
                  good[i].text, day);
        char out[PROGRESS_DATE_MAX];
        progress_day_format(good[i].day, out);
        CHECK_MSG(strncmp(out, good[i].text, 10) == 0 && strlen(out) == 10, "%s", out);
    }
    static const char *const bad[] = {"2026-02-29",  "2026-13-01", "2026-00-10", "2026-1-01",
                                      "2026-11-21x", "2026-11-31", "",           "0000-01-01",
                                      "2026/11/21",  "2026-11-2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int day = 12345;
        CHECK_MSG(progress_day_parse(bad[i], &day) == -1 && day == 12345, "%s", bad[i]);
    }
    /* Every day of years 1 to 9999 survives the round trip, in order. */
    int failures = 0;
    for (int d = -719162; d <= 2932896 && failures < 5; d++) {
        char out[PROGRESS_DATE_MAX];
        int back;
        progress_day_format(d, out);
        if (progress_day_parse(out, &back) || back != d) {
            CHECK_MSG(0, "day %d came back as %s", d, out);
            failures++;
        }
    }
    char out[PROGRESS_DATE_MAX];
    progress_day_format(-719163, out);
    CHECK(strcmp(out, "0000-00-00") == 0);
    progress_day_format(2932897, out);
    CHECK(strcmp(out, "0000-00-00") == 0);
}

static void test_aggregation(void)
{
    trials.n = 0;
    /* Left: 5 pictures, 3 right in 1000, 1400, 1200 (median 1200), one wrong
     * in 500 (not a right answer's time), one unanswered (counts as wrong). */
    add(TODAY, SIDE_LEFT, 0, "back", true, true, 1000.0);
    add(TODAY, SIDE_LEFT, 45, "palm", true, true, 1400.0);
    add(TODAY, SIDE_LEFT, 90, "back", true, false, 500.0);
    add(TODAY, SIDE_LEFT, 0, "back", false, false, 0.0);
    add(TODAY, SIDE_LEFT, 0, "back", true, true, 1200.0);
    /* Right: 4 pictures, all right: even count, median of the middle two. */
    add(TODAY, SIDE_RIGHT, 0, "back", true, true, 1000.0);
    add(TODAY, SIDE_RIGHT, 0, "back", true, true, 2000.0);
    add(TODAY, SIDE_RIGHT, 0, "back", true, true, 3000.0);
    add(TODAY, SIDE_RIGHT, 0, "back", true, true, 1500.0);
    /* Answers too fast to be judgements: neither right nor wrong, no time. */
    add_too_fast(TODAY, SIDE_LEFT, true, 90.0);
    add_too_fast(TODAY, SIDE_LEFT, false, 150.0);
    add_too_fast(TODAY, SIDE_RIGHT, true, 10.0);
    /* Yesterday: one unanswered left picture only; without an answer it is
     * wrong whatever its correct flag says. */
    add(TODAY - 1, SIDE_LEFT, 0, "back", false, true, 0.0);
    /* The day before: only an answer too fast, so nothing judged. */
    add_too_fast(TODAY - 2, SIDE_RIGHT, true, 100.0);
    /* Outside the range: left out. */
    add(TODAY + 1, SIDE_LEFT, 0, "back", true, true, 100.0);
    add(TODAY - 3, SIDE_RIGHT, 0, "back", true, true, 100.0);

    Progress *p = compute(TODAY - 2, TODAY, NULL, 0);
    if (!p)
        return;
    size_t n;
    const ProgressDay *d = progress_days(p, &n);
    CHECK(n == 3 && d[0].day == TODAY - 2 && d[2].day == TODAY);
    static const struct {
        int index;
        Side side;
        int trials, correct;
        double accuracy, median;
        int too_fast;
    } want[] = {
        {0, SIDE_LEFT, 0, 0, 0.0, -1.0, 0},    {0, SIDE_RIGHT, 0, 0, 0.0, -1.0, 1},
        {1, SIDE_LEFT, 1, 0, 0.0, -1.0, 0},    {1, SIDE_RIGHT, 0, 0, 0.0, -1.0, 0},
        {2, SIDE_LEFT, 5, 3, 60.0, 1200.0, 2}, {2, SIDE_RIGHT, 4, 4, 100.0, 1750.0, 1},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const Summary *s = &d[want[i].index].side[want[i].side];
        CHECK_MSG(s->trials == want[i].trials && s->correct == want[i].correct, "row %zu", i);
        CHECK_MSG(s->too_fast == want[i].too_fast, "row %zu: %d too fast", i, s->too_fast);
        CHECK_MSG(near(s->accuracy_pct, want[i].accuracy), "row %zu: %f", i, s->accuracy_pct);
        CHECK_MSG(near(s->median_rt_ms, want[i].median), "row %zu: %f", i, s->median_rt_ms);
    }
    CHECK(!d[0].practised && d[1].practised && d[2].practised);
    CHECK(!d[0].meets && !d[1].meets && !d[2].meets);
    progress_destroy(p);
}

/* Random history of every body part: every day's numbers equal
 * stats_summarise over that day, all parts together, and the latest day's
 * numbers of each part over that part's trials. */
static void test_against_stats(void)
{
    Rng rng;
    rng_seed(&rng, 42);
    trials.n = 0;
    for (int i = 0; i < 5000; i++) {
        int day = TODAY - (int)rng_below(&rng, 30);
        Side side = (Side)rng_below(&rng, 2);
        int rotation = 45 * (int)rng_below(&rng, 8);
        bool answered = rng_below(&rng, 10) > 0;
        bool correct = answered && rng_below(&rng, 4) > 0;
        add(day, side, rotation, "back", answered, correct, 400.0 + (double)rng_below(&rng, 3000));
        trials.t[trials.n - 1].too_fast = answered && rng_below(&rng, 10) == 0;
        trials.t[trials.n - 1].limb = (Limb)rng_below(&rng, LIMB_COUNT);
    }
    Progress *p = compute(TODAY - 29, TODAY, NULL, 0);
    if (!p)
        return;
    size_t n;
    const ProgressDay *d = progress_days(p, &n);
    TrialOutcome *o = malloc(2 * trials.n * sizeof *o);
    for (size_t k = 0; k < n && o; k++) {
        size_t m = 0;
        for (size_t i = 0; i < trials.n; i++)
            if (trials.t[i].day == d[k].day)
                o[m++] = (TrialOutcome){
                    trials.t[i].side, trials.t[i].limb, trials.t[i].answered && trials.t[i].correct,
                    trials.t[i].answered ? trials.t[i].rt_ms : -1.0, trials.t[i].too_fast};
        for (int side = 0; side < 2; side++) {
            Summary want;
            CHECK(stats_summarise(o, m, side ? STATS_RIGHT : STATS_LEFT, &want) == 0);
            const Summary *got = &d[k].side[side];
            CHECK_MSG(got->trials == want.trials && got->correct == want.correct &&
                          got->too_fast == want.too_fast &&
                          near(got->accuracy_pct, want.accuracy_pct) &&
                          near(got->median_rt_ms, want.median_rt_ms),
                      "day %zu side %d", k, side);
            if (d[k].day != progress_check(p)->latest_day)
                continue;
            for (int l = 0; l < LIMB_COUNT; l++) {
                /* that part's pictures of this side */
                size_t mp = 0;
                for (size_t i = 0; i < m; i++)
                    if (o[i].limb == (Limb)l && o[i].side == (Side)side)
                        o[m + mp++] = o[i];
                CHECK(stats_summarise(o + m, mp, STATS_ALL, &want) == 0);
                const Summary *part = &progress_check(p)->latest[l][side];
                CHECK_MSG(part->trials == want.trials && part->correct == want.correct &&
                              near(part->median_rt_ms, want.median_rt_ms),
                          "latest day, %s, side %d", limb_name((Limb)l), side);
            }
        }
    }
    free(o);
    progress_destroy(p);
}

static void test_criteria(void)
{
    /* left pictures, left right answers, left time, then the same for right */
    static const struct {
        int lp, lr;
        double lt;
        int rp, rr;
        double rt;
        unsigned missing;
    } cases[] = {
        {20, 18, 1800.0, 20, 18, 1800.0, 0},
        {10, 9, 1800.0, 10, 9, 1800.0, 0}, /* 10 pictures are enough */
        {9, 8, 1800.0, 20, 18, 1800.0, PROGRESS_MISS_PICTURES_LEFT},
        {20, 18, 1800.0, 9, 8, 1800.0, PROGRESS_MISS_PICTURES_RIGHT},
        {100, 80, 1800.0, 100, 82, 1800.0, 0}, /* 80 % exactly */
        {100, 79, 1800.0, 100, 82, 1800.0, PROGRESS_MISS_ACCURACY_LEFT},
        {100, 82, 1800.0, 100, 79, 1800.0, PROGRESS_MISS_ACCURACY_RIGHT},
        {20, 18, 2500.0, 20, 18, 2400.0, 0}, /* 2.5 s exactly */
        {20, 18, 2501.0, 20, 18, 2400.0, PROGRESS_MISS_SPEED_LEFT},
        {20, 18, 2400.0, 20, 18, 2501.0, PROGRESS_MISS_SPEED_RIGHT},
        {20, 18, 800.0, 20, 18, 900.0, 0},   /* faster than the band is never a failure */
        {20, 18, 1800.0, 20, 18, 2000.0, 0}, /* 0.2 s apart exactly */
        {20, 18, 1800.0, 20, 18, 2001.0, PROGRESS_MISS_RT_BALANCE},
        {20, 18, 2001.0, 20, 18, 1800.0, PROGRESS_MISS_RT_BALANCE},
        {100, 90, 1800.0, 100, 85, 1800.0, 0}, /* 5 points apart exactly */
        {100, 90, 1800.0, 100, 84, 1800.0, PROGRESS_MISS_ACCURACY_BALANCE},
        {100, 84, 1800.0, 100, 90, 1800.0, PROGRESS_MISS_ACCURACY_BALANCE},
        /* No right answer on the left: no speed and no balance of times. */
        {20, 0, 0.0, 20, 18, 1800.0,
         PROGRESS_MISS_ACCURACY_LEFT | PROGRESS_MISS_SPEED_LEFT | PROGRESS_MISS_RT_BALANCE |
             PROGRESS_MISS_ACCURACY_BALANCE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        trials.n = 0;
        add_side(TODAY, SIDE_LEFT, cases[i].lp, cases[i].lr, cases[i].lt);
        add_side(TODAY, SIDE_RIGHT, cases[i].rp, cases[i].rr, cases[i].rt);
        Progress *p = compute(TODAY, TODAY, NULL, 0);
        if (!p)
            continue;
        size_t n;
        const ProgressDay *d = progress_days(p, &n);
        CHECK_MSG(n == 1 && d[0].missing == cases[i].missing, "case %zu: missing %#x", i,
                  d[0].missing);
        CHECK_MSG(d[0].meets == (cases[i].missing == 0), "case %zu", i);
        progress_destroy(p);
    }
}

/* pattern: one character per day ending today: G meets the criteria, B
 * practised but does not, '.' no practice. */
static void add_pattern(const char *pattern)
{
    trials.n = 0;
    size_t len = strlen(pattern);
    for (size_t i = 0; i < len; i++) {
        int day = TODAY - (int)(len - 1 - i);
        if (pattern[i] == 'G')
            add_good_day(day);
        else if (pattern[i] == 'B')
            add_bad_day(day);
    }
}

static void test_run(void)
{
    static const struct {
        const char *pattern;
        bool ready;
        int run;
    } cases[] = {
        {"GGGGGGG", true, 7},         {"GGGGGGG.", true, 7}, /* not practised yet today */
        {"GGGGGGGB", true, 7}, /* today not (yet) met: the run up to yesterday stands */
        {"GGGGGG", false, 6},         {"GGGGGG.", false, 6},   {"BGGGGGG", false, 6},
        {"GGG.GGGG", false, 4}, /* a day without practice breaks the run */
        {"GGGBGGG", false, 3},        {"GGGGGGG..", false, 0}, /* ended the day before yesterday */
        {"GGGGGGGGGGGGGG", true, 14}, {"", false, 0},          {"GGGGGB", false, 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        add_pattern(cases[i].pattern);
        Progress *p = compute(TODAY - 29, TODAY, NULL, 0);
        if (!p)
            continue;
        const ProgressCheck *c = progress_check(p);
        CHECK_MSG(c->ready == cases[i].ready && c->run_days == cases[i].run,
                  "'%s': ready %d run %d", cases[i].pattern, c->ready, c->run_days);
        CHECK(c->hold_days == 7);
        progress_destroy(p);
    }
    /* The check looks back past a short range. */
    add_pattern("GGGGGGG");
    Progress *p = compute(TODAY, TODAY, NULL, 0);
    if (p) {
        CHECK(progress_check(p)->ready && progress_check(p)->run_days == 7);
        progress_destroy(p);
    }
}

typedef void (*History)(void);

static void history_example(void)
{
    /* Three good days, then today: left 72 %, right 76 %, 0.35 s apart. */
    add_pattern("GGG");
    for (size_t i = 0; i < trials.n; i++)
        trials.t[i].day--;
    add_side(TODAY, SIDE_LEFT, 100, 72, 2050.0);
    add_side(TODAY, SIDE_RIGHT, 100, 76, 1700.0);
}

static void history_left_only(void)
{
    add_pattern("GGGG..");
    add_side(TODAY - 7, SIDE_LEFT, 100, 78, 1800.0); /* older: not what counts now */
    add_side(TODAY - 1, SIDE_LEFT, 6, 6, 2910.0);
    add_side(TODAY - 1, SIDE_RIGHT, 20, 18, 1800.0);
}

static void history_no_answers(void)
{
    trials.n = 0;
    add_side(TODAY, SIDE_LEFT, 20, 0, 0.0);
    add_side(TODAY, SIDE_RIGHT, 20, 19, 2600.0);
}

static void history_run_only(void)
{
    add_pattern("..GGG");
}

static void history_stale(void)
{
    add_pattern("GGGGG...");
}

static void history_ready(void)
{
    add_pattern("GGGGGGG");
}

static void history_none(void)
{
    trials.n = 0;
}

static void test_messages(void)
{
    static const struct {
        History history;
        const char *message;
    } cases[] = {
        {history_ready, "Ready to move on to imagined movements."},
        {history_example, "Still to reach: accuracy of 80 % on each side (72 % left, 76 % right "
                          "now); left and right within 0.2 s (0.35 s apart now); 7 days in a row "
                          "(3 so far)."},
        {history_left_only,
         "Still to reach: at least 10 pictures a day on the left (6 now); "
         "a median time of 2.5 s or less on the left (2.91 s now); left and "
         "right within 0.2 s (1.11 s apart now); left and right accuracy "
         "within 5 points (10 points apart now); 7 days in a row (none so far)."},
        {history_no_answers,
         "Still to reach: accuracy of 80 % on the left (0 % now); a median time of 2.5 s or less "
         "on each side (no right answers left, 2.60 s right now); left and right within 0.2 s; "
         "left and right accuracy within 5 points (95 points apart now); 7 days in a row (none so "
         "far)."},
        {history_run_only, "Still to reach: 7 days in a row (3 so far)."},
        {history_stale, "Still to reach: 7 days in a row (none so far)."},
        {history_none, "Still to reach: 7 days in a row meeting the targets (no left/right "
                       "practice since 2026-11-08)."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cases[i].history();
        Progress *p = compute(TODAY - 6, TODAY, NULL, 0);
        if (!p)
            continue;
        const char *got = progress_check(p)->message;
        CHECK_MSG(strcmp(got, cases[i].message) == 0, "case %zu:\n got  '%s'\n want '%s'", i, got,
                  cases[i].message);
        progress_destroy(p);
    }
    /* The numbers "now" are the latest practised day's. */
    history_left_only();
    Progress *p = compute(TODAY - 6, TODAY, NULL, 0);
    if (p) {
        const ProgressCheck *c = progress_check(p);
        CHECK(c->has_latest && c->latest_day == TODAY - 1 &&
              c->latest[LIMB_HAND][SIDE_LEFT].trials == 6);
        progress_destroy(p);
    }
}

static void test_change(void)
{
    /* Left pictures only: earlier week on TODAY - 10, recent on TODAY - 2. */
    static const struct {
        int pictures_before, right_before;
        double rt_before;
        int pictures_after, right_after;
        double rt_after;
        ProgressTrend accuracy, rt;
        const char *phrase;
    } cases[] = {
        {100, 80, 2000.0, 100, 80, 1810.0, PROGRESS_TREND_SAME, PROGRESS_TREND_SAME,
         "Left pictures: about the same as the week before."},
        {100, 80, 2000.0, 100, 80, 1790.0, PROGRESS_TREND_SAME, PROGRESS_TREND_BETTER,
         "Left pictures: accuracy about the same; 0.21 s faster."},
        {100, 80, 2000.0, 100, 80, 1800.0, PROGRESS_TREND_SAME, PROGRESS_TREND_SAME,
         "Left pictures: about the same as the week before."}, /* 0.2 s is not more than 0.2 s */
        {100, 80, 2000.0, 100, 80, 2210.0, PROGRESS_TREND_SAME, PROGRESS_TREND_WORSE,
         "Left pictures: accuracy about the same; 0.21 s slower."},
        {1000, 800, 2000.0, 1000, 849, 2000.0, PROGRESS_TREND_SAME, PROGRESS_TREND_SAME,
         "Left pictures: about the same as the week before."},
        {1000, 800, 2000.0, 1000, 851, 2000.0, PROGRESS_TREND_BETTER, PROGRESS_TREND_SAME,
         "Left pictures: accuracy up 5.1 points; speed about the same."},
        {100, 80, 2000.0, 100, 85, 2000.0, PROGRESS_TREND_SAME, PROGRESS_TREND_SAME,
         "Left pictures: about the same as the week before."}, /* 5 points exactly */
        {1000, 800, 2000.0, 1000, 749, 2300.0, PROGRESS_TREND_WORSE, PROGRESS_TREND_WORSE,
         "Left pictures: accuracy down 5.1 points; 0.30 s slower."},
        {9, 9, 2000.0, 100, 80, 1000.0, PROGRESS_TREND_UNKNOWN, PROGRESS_TREND_UNKNOWN,
         "Left pictures: too little practice in the last two weeks to compare."},
        {100, 0, 0.0, 100, 80, 1000.0, PROGRESS_TREND_BETTER, PROGRESS_TREND_UNKNOWN,
         "Left pictures: accuracy up 80 points; too few right answers to compare speed."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        trials.n = 0;
        add_side(TODAY - 10, SIDE_LEFT, cases[i].pictures_before, cases[i].right_before,
                 cases[i].rt_before);
        add_side(TODAY - 2, SIDE_LEFT, cases[i].pictures_after, cases[i].right_after,
                 cases[i].rt_after);
        add_side(TODAY - 14, SIDE_LEFT, 100, 0, 0.0); /* before both weeks: left out */
        Progress *p = compute(TODAY - 2, TODAY, NULL, 0);
        if (!p)
            continue;
        const ProgressChange *c = progress_change(p, SIDE_LEFT);
        CHECK_MSG(c->accuracy == cases[i].accuracy && c->rt == cases[i].rt,
                  "case %zu: accuracy %d rt %d", i, c->accuracy, c->rt);
        CHECK_MSG(strcmp(c->phrase, cases[i].phrase) == 0, "case %zu: '%s'", i, c->phrase);
        CHECK_MSG(c->earlier.trials == cases[i].pictures_before &&
                      c->recent.trials == cases[i].pictures_after,
                  "case %zu", i);
        const ProgressChange *r = progress_change(p, SIDE_RIGHT);
        CHECK(r->accuracy == PROGRESS_TREND_UNKNOWN &&
              strcmp(r->phrase,
                     "Right pictures: too little practice in the last two weeks to compare.") == 0);
        progress_destroy(p);
    }
}

static void test_week_groups(void)
{
    trials.n = 0;
    add(TODAY, SIDE_LEFT, 90, "palm", true, true, 2000.0);
    add(TODAY, SIDE_LEFT, 90, "palm", true, true, 3000.0);
    add(TODAY - 6, SIDE_LEFT, 90, "back", true, false, 500.0);
    add(TODAY - 6, SIDE_RIGHT, 315, "back", true, true, 1000.0);
    add(TODAY - 7, SIDE_RIGHT, 315, "tips", true, true, 9000.0); /* a week ago: left out */
    add(TODAY - 1, SIDE_RIGHT, 0, "ctx", true, true, 1200.0);
    trials.t[trials.n - 1].limb = LIMB_FOOT;
    add(TODAY - 1, SIDE_RIGHT, 0, "ctx", true, true, 1400.0);
    Progress *p = compute(TODAY - 30, TODAY, NULL, 0);
    if (!p)
        return;
    const ProgressAngle *a = progress_angles(p);
    CHECK(a[2].rotation_deg == 90 && a[2].side[SIDE_LEFT].trials == 3);
    CHECK(a[2].side[SIDE_LEFT].correct == 2 && near(a[2].side[SIDE_LEFT].median_rt_ms, 2500.0));
    CHECK(a[7].side[SIDE_RIGHT].trials == 1 && near(a[7].side[SIDE_RIGHT].median_rt_ms, 1000.0));
    CHECK(a[0].side[SIDE_RIGHT].trials == 2 && a[1].side[SIDE_LEFT].trials == 0);
    size_t n;
    const ProgressView *v = progress_views(p, &n);
    static const struct {
        Limb limb;
        const char *view;
        int left, right;
    } want[] = {
        {LIMB_HAND, "back", 1, 1},
        {LIMB_HAND, "ctx", 0, 1},
        {LIMB_HAND, "palm", 2, 0},
        {LIMB_FOOT, "ctx", 0, 1},
    };
    CHECK_MSG(n == 4, "%zu views", n);
    for (size_t i = 0; i < n && i < 4; i++)
        CHECK_MSG(v[i].limb == want[i].limb && strcmp(v[i].view, want[i].view) == 0 &&
                      v[i].side[SIDE_LEFT].trials == want[i].left &&
                      v[i].side[SIDE_RIGHT].trials == want[i].right,
                  "view %zu: %s", i, v[i].view);
    progress_destroy(p);

    /* A range shorter than a week: the groups cover the range only. */
    p = compute(TODAY - 1, TODAY, NULL, 0);
    if (p) {
        CHECK(progress_angles(p)[2].side[SIDE_LEFT].trials == 2);
        progress_views(p, &n);
        CHECK(n == 3);
        progress_destroy(p);
    }
    trials.n = 0;
    p = compute(TODAY - 1, TODAY, NULL, 0);
    if (p) {
        progress_views(p, &n);
        CHECK(n == 0 && progress_angles(p)[0].side[0].median_rt_ms < 0);
        progress_destroy(p);
    }
}

static void test_sessions(void)
{
    trials.n = 0;
    const ProgressSession s[] = {
        {"2026-11-21T18:30:00+01:00", MODE_MIRROR, 4, 3, false, false, 0, 0.0, -1.0, 0, 0, false,
         300000, SIDE_LEFT, 0, PROGRESS_NO_PAIN},
        {"2026-11-20T09:00:00+01:00", MODE_DRILL, PROGRESS_NO_PAIN, PROGRESS_NO_PAIN, false, false,
         20, 85.0, 1500.0, 0, 0, false, 0, SIDE_LEFT, 0, PROGRESS_NO_PAIN},
        {"2026-11-21T08:15:00+01:00", MODE_IMAGERY, 6, PROGRESS_NO_PAIN, true, true, 12, 0.0, -1.0,
         0, 0, false, 0, SIDE_LEFT, 0, PROGRESS_NO_PAIN},
        {"2026-11-10T08:15:00+01:00", MODE_DRILL, 5, 5, false, false, 20, 85.0, 1500.0, 0, 0, false,
         0, SIDE_LEFT, 0, PROGRESS_NO_PAIN},
        {"2026-11-21T18:30:59+01:00", MODE_DRILL, PROGRESS_NO_PAIN, PROGRESS_NO_PAIN, false, false,
         20, 85.0, 1500.0, 0, 0, false, 0, SIDE_LEFT, 0, PROGRESS_NO_PAIN},
    };
    Progress *p = compute(TODAY - 6, TODAY, s, 5);
    if (!p)
        return;
    size_t n;
    const ProgressRow *r = progress_sessions(p, &n);
    CHECK(n == 4);
    if (n == 4) {
        CHECK(r[0].session == 1 && r[0].day == TODAY - 1 && r[0].minute == 540);
        CHECK(r[1].session == 2 && r[1].day == TODAY && r[1].minute == 495);
        /* Started in the same minute: in the order given. */
        CHECK(r[2].session == 0 && r[2].minute == 1110);
        CHECK(r[3].session == 4 && r[3].minute == 1110);
    }
    const ProgressPain *pain = progress_pain(p, &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(near(pain[0].x, TODAY - 0.5 + 495 / 1440.0) && pain[0].before == 6 &&
              pain[0].after == PROGRESS_NO_PAIN);
        CHECK(near(pain[1].x, TODAY - 0.5 + 1110 / 1440.0) && pain[1].before == 4 &&
              pain[1].after == 3);
    }
    progress_destroy(p);
}

static void test_errors(void)
{
    static const struct {
        ProgressTrial trial;
        const char *start;
        int pain;
        int from, to;
        const char *expect;
    } cases[] = {
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 50, true, true, 1000.0, false},
         "2026-11-21T09:00",
         0,
         TODAY,
         TODAY,
         "trial 0: rotation 50 is not 0..315"},
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 360, true, true, 1000.0, false},
         "2026-11-21T09:00",
         0,
         TODAY,
         TODAY,
         "trial 0: rotation 360"},
        {{TODAY, LIMB_HAND, (Side)2, "back", 0, true, true, 1000.0, false},
         "2026-11-21T09:00",
         0,
         TODAY,
         TODAY,
         "trial 0: unknown side or limb"},
        {{TODAY, (Limb)7, SIDE_LEFT, "back", 0, true, true, 1000.0, false},
         "2026-11-21T09:00",
         0,
         TODAY,
         TODAY,
         "trial 0: unknown side or limb"},
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 0, true, true, 1000.0, false},
         "2026-11-21 09:00",
         0,
         TODAY,
         TODAY,
         "session 0: start '2026-11-21 09:00' is not"},
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 0, true, true, 1000.0, false},
         "2026-11-21T24:00",
         0,
         TODAY,
         TODAY,
         "session 0: start"},
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 0, true, true, 1000.0, false},
         "2026-11-21T09:00",
         11,
         TODAY,
         TODAY,
         "session 0: pain ratings must be 0-10"},
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 0, true, true, 1000.0, false},
         "2026-11-21T09:00",
         -2,
         TODAY,
         TODAY,
         "session 0: pain ratings"},
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 0, true, true, 1000.0, false},
         "2026-11-21T09:00",
         0,
         TODAY,
         TODAY - 1,
         "the range of days must run forwards"},
        {{TODAY, LIMB_HAND, SIDE_LEFT, "back", 0, true, true, 1000.0, false},
         "2026-11-21T09:00",
         0,
         TODAY - PROGRESS_MAX_DAYS,
         TODAY,
         "the range of days"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ProgressSession s = {cases[i].start,
                             MODE_DRILL,
                             cases[i].pain,
                             0,
                             false,
                             false,
                             1,
                             100.0,
                             1000.0,
                             0,
                             0,
                             false,
                             0,
                             SIDE_LEFT,
                             0,
                             PROGRESS_NO_PAIN};
        ProgressInput in = {&cases[i].trial, 1, &s, 1, cases[i].from, cases[i].to, &norms, 0};
        char err[256] = "";
        Progress *p = progress_create(&in, err, sizeof err);
        CHECK_MSG(p == NULL, "case %zu", i);
        CHECK_MSG(strncmp(err, cases[i].expect, strlen(cases[i].expect)) == 0, "case %zu: got '%s'",
                  i, err);
        progress_destroy(p);
    }
    /* An unterminated view name. */
    ProgressTrial t = {TODAY, LIMB_HAND, SIDE_LEFT, "", 0, true, true, 1000.0, false};
    memset(t.view, 'x', sizeof t.view);
    ProgressInput in = {&t, 1, NULL, 0, TODAY, TODAY, &norms, 0};
    char err[256] = "";
    CHECK(progress_create(&in, err, sizeof err) == NULL);
    CHECK(strcmp(err, "trial 0: view name is not terminated") == 0);
    /* The longest range is accepted. */
    in = (ProgressInput){NULL, 0, NULL, 0, TODAY - PROGRESS_MAX_DAYS + 1, TODAY, &norms, 0};
    Progress *p = progress_create(&in, err, sizeof err);
    CHECK_MSG(p != NULL, "%s", err);
    progress_destroy(p);
}

/* Touch sessions: their time added to their days, one point each by
 * side (discomfort only where rated), the highest step; and a touch
 * session without a side, with a step below 1 or a discomfort out of
 * range refused. */
static void test_touch(void)
{
    trials.n = 0;
    ProgressSession s[4];
    static const struct {
        const char *start;
        Side side;
        int step, discomfort;
        int64_t ms;
    } rows[4] = {
        {"2026-11-20T08:00:00+01:00", SIDE_LEFT, 3, 2, 180000},
        {"2026-11-20T18:00:00+01:00", SIDE_RIGHT, 4, PROGRESS_NO_PAIN, 60000},
        {"2026-11-21T08:00:00+01:00", SIDE_LEFT, 5, 6, 240000},
        {"2026-11-01T08:00:00+01:00", SIDE_LEFT, 9, 1, 60000}, /* before the range */
    };
    for (int i = 0; i < 4; i++)
        s[i] = (ProgressSession){.started_at = rows[i].start,
                                 .mode = MODE_TOUCH,
                                 .pain_before = PROGRESS_NO_PAIN,
                                 .pain_after = PROGRESS_NO_PAIN,
                                 .median_rt_ms = -1.0,
                                 .practised_ms = rows[i].ms,
                                 .side = rows[i].side,
                                 .touch_step = rows[i].step,
                                 .discomfort = rows[i].discomfort};
    Progress *p = compute(TODAY - 6, TODAY, s, 4);
    if (!p)
        return;
    size_t n;
    const ProgressDay *days = progress_days(p, &n);
    CHECK(n == 7 && days[5].touch_ms == 240000 && days[6].touch_ms == 240000 &&
          days[4].touch_ms == 0);
    progress_touch(p, &n);
    CHECK(n == 3 && progress_touch_top(p) == 5);
    double x[3], y[3];
    CHECK(progress_touch_points(p, SIDE_LEFT, false, x, y) == 2 && y[0] == 3 && y[1] == 5);
    CHECK(near(x[0], TODAY - 1 - 0.5 + 8 * 60 / 1440.0) && near(x[1], TODAY - 0.5 + 8 / 24.0));
    CHECK(progress_touch_points(p, SIDE_RIGHT, false, x, y) == 1 && y[0] == 4);
    CHECK(progress_touch_points(p, SIDE_RIGHT, true, x, y) == 0);
    CHECK(progress_touch_points(p, SIDE_LEFT, true, x, y) == 2 && y[0] == 2 && y[1] == 6);
    progress_destroy(p);

    ProgressSession bad[3] = {s[0], s[0], s[0]};
    bad[0].side = (Side)2;
    bad[1].touch_step = 0;
    bad[2].discomfort = 11;
    for (int i = 0; i < 3; i++) {
        ProgressInput in = {NULL, 0, &bad[i], 1, TODAY - 6, TODAY, &norms, 0};
        char err[256] = "";
        CHECK(progress_create(&in, err, sizeof err) == NULL);
        CHECK_MSG(strstr(err, "touch needs a side") != NULL, "%s", err);
    }
}

/* Dates, pain ratings, amounts and today's count as the screens and the
 * report write them. */
static void test_words(void)
{
    char out[PROGRESS_WORDS_MAX];
    progress_when_words(TODAY, 9 * 60 + 30, out);
    CHECK_MSG(strcmp(out, "21 November 2026, 09:30") == 0, "%s", out);
    progress_when_words(TODAY, -1, out);
    CHECK_MSG(strcmp(out, "21 November 2026") == 0, "%s", out);
    progress_when_words(0, 0, out);
    CHECK_MSG(strcmp(out, "1 January 1970, 00:00") == 0, "%s", out);
    progress_when_words(11016, 23 * 60 + 59, out); /* 2000-02-29 */
    CHECK_MSG(strcmp(out, "29 February 2000, 23:59") == 0, "%s", out);
    progress_when_words(TODAY - 52, 24 * 60, out); /* a minute past the day: no time */
    CHECK_MSG(strcmp(out, "30 September 2026") == 0, "%s", out);
    progress_when_words(2932897, 0, out);
    CHECK_MSG(strcmp(out, "unknown date") == 0, "%s", out);
    /* Every month by name, the longest fitting. */
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    for (int m = 0; m < 12; m++) {
        char iso[24], want[PROGRESS_WORDS_MAX];
        int day;
        snprintf(iso, sizeof iso, "2026-%02d-28", m + 1);
        CHECK(progress_day_parse(iso, &day) == 0);
        progress_when_words(day, 12 * 60 + 5, out);
        snprintf(want, sizeof want, "28 %s 2026, 12:05", months[m]);
        CHECK_MSG(strcmp(out, want) == 0, "%s", out);
    }

    CHECK(progress_stamp_words("2026-11-21T09:30:12+01:00", out) == 0 &&
          strcmp(out, "21 November 2026, 09:30") == 0);
    CHECK(progress_stamp_words("2026-11-21T21:05:00Z", out) == 0 &&
          strcmp(out, "21 November 2026, 21:05") == 0);
    CHECK(progress_stamp_words("2026-11-21", out) == -1 && strcmp(out, "2026-11-21") == 0);
    CHECK(progress_stamp_words("2026-11-21T25:00", out) == -1 &&
          strcmp(out, "2026-11-21T25:00") == 0);
    CHECK(progress_stamp_words(NULL, out) == -1 && strcmp(out, "") == 0);

    static const struct {
        int before, after;
        const char *words;
    } pain[] = {
        {3, 1, "3 before, 1 after"},
        {4, PROGRESS_NO_PAIN, "4 before, not rated after"},
        {PROGRESS_NO_PAIN, 2, "not rated before, 2 after"},
        {0, 0, "0 before, 0 after"},
        {10, PROGRESS_NO_PAIN, "10 before, not rated after"},
        {PROGRESS_NO_PAIN, PROGRESS_NO_PAIN, "not rated"},
    };
    for (size_t i = 0; i < sizeof pain / sizeof pain[0]; i++) {
        progress_pain_words(pain[i].before, pain[i].after, out);
        CHECK_MSG(strcmp(out, pain[i].words) == 0, "%d, %d: %s", pain[i].before, pain[i].after,
                  out);
        /* Nothing reads as a comparison. */
        CHECK_MSG(!strchr(out, '>') && !strchr(out, '<') && !strchr(out, '-'), "%s", out);
    }

    static const struct {
        PracticeMode mode;
        int pictures;
        int64_t practised_ms;
        const char *words;
    } amounts[] = {
        {MODE_DRILL, 20, 0, "20 pictures"},   {MODE_DRILL, 1, 0, "1 picture"},
        {MODE_IMAGERY, 10, 0, "10 pictures"}, {MODE_MIRROR, 0, 300000, "5 min"},
        {MODE_MIRROR, 0, 299600, "5 min"},    {MODE_MIRROR, 0, 270000, "4 min 30 s"},
        {MODE_MIRROR, 0, 40000, "40 s"},      {MODE_MIRROR, 0, 0, "0 s"},
        {MODE_MIRROR, 0, 1200000, "20 min"},  {MODE_TOUCH, 0, 180000, "3 min"},
    };
    for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
        ProgressSession s = {.mode = amounts[i].mode,
                             .pictures = amounts[i].pictures,
                             .practised_ms = amounts[i].practised_ms};
        progress_amount_words(&s, out);
        CHECK_MSG(strcmp(out, amounts[i].words) == 0, "case %zu: %s", i, out);
    }

    static const struct {
        int done, planned;
        const char *words;
    } today[] = {
        {0, 3, "None yet today (3 planned)"},   {1, 3, "1 session today (3 planned)"},
        {2, 3, "2 sessions today (3 planned)"}, {3, 3, "All 3 sessions done today"},
        {4, 3, "4 sessions today (3 planned)"}, {0, 1, "None yet today (1 planned)"},
        {1, 1, "Today's session is done"},      {2, 1, "2 sessions today (1 planned)"},
    };
    for (size_t i = 0; i < sizeof today / sizeof today[0]; i++) {
        char line[64];
        progress_today_words(today[i].done, today[i].planned, line, sizeof line);
        CHECK_MSG(strcmp(line, today[i].words) == 0, "%d of %d: %s", today[i].done,
                  today[i].planned, line);
    }
    /* Short enough for one heading line on a tablet held upright. */
    for (int planned = 1; planned <= PRESCRIPTION_SESSIONS_PER_DAY_MAX; planned++)
        for (int done = 0; done <= 2 * planned; done++) {
            char line[64];
            progress_today_words(done, planned, line, sizeof line);
            CHECK_MSG(strlen(line) <= 30, "%d of %d: %s", done, planned, line);
        }

    static const struct {
        int done, planned;
        const char *words;
    } touch[] = {
        {0, 2, "Touch: 0 of 2 today"},     {1, 2, "Touch: 1 of 2 today"},
        {2, 2, "Touch: all 2 done today"}, {3, 2, "Touch: 3 today (2 planned)"},
        {1, 1, "Touch: done today"},       {0, 1, "Touch: 0 of 1 today"},
    };
    for (size_t i = 0; i < sizeof touch / sizeof touch[0]; i++) {
        char line[64];
        progress_touch_today_words(touch[i].done, touch[i].planned, line, sizeof line);
        CHECK_MSG(strcmp(line, touch[i].words) == 0, "touch %d of %d: %s", touch[i].done,
                  touch[i].planned, line);
    }
}

/* The rule per body part: each part checked against its own time target,
 * the day meeting the rule only when every part checked does; the parts
 * checked are the ones given, or those practised. */
static void test_parts(void)
{
    /* Hands at 2.3 s meet their 2.5 s; a neck at 2.3 s misses its 2.1 s. */
    static const struct {
        Limb limb;
        double rt_ms;
        unsigned missing;
    } one[] = {
        {LIMB_HAND, 2300.0, 0},
        {LIMB_FOOT, 2300.0, 0},
        {LIMB_KNEE, 2300.0, 0},
        {LIMB_SHOULDER, 2300.0, 0}, /* 1.7 + 0.7 s */
        {LIMB_SHOULDER, 2401.0, PROGRESS_MISS_SPEED_LEFT | PROGRESS_MISS_SPEED_RIGHT},
        {LIMB_NECK, 2100.0, 0},
        {LIMB_NECK, 2300.0, PROGRESS_MISS_SPEED_LEFT | PROGRESS_MISS_SPEED_RIGHT},
        {LIMB_BACK, 2300.0, PROGRESS_MISS_SPEED_LEFT | PROGRESS_MISS_SPEED_RIGHT},
    };
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
        trials.n = 0;
        add_side(TODAY, SIDE_LEFT, 20, 18, one[i].rt_ms);
        add_side(TODAY, SIDE_RIGHT, 20, 18, one[i].rt_ms);
        for (size_t k = 0; k < trials.n; k++)
            trials.t[k].limb = one[i].limb;
        Progress *p = compute(TODAY, TODAY, NULL, 0);
        if (!p)
            continue;
        size_t n;
        const ProgressDay *d = progress_days(p, &n);
        const ProgressCheck *c = progress_check(p);
        CHECK_MSG(d[0].missing == one[i].missing && c->parts == limb_bit(one[i].limb) &&
                      c->missing[one[i].limb] == one[i].missing,
                  "%s at %g ms: missing %#x", limb_name(one[i].limb), one[i].rt_ms, d[0].missing);
        progress_destroy(p);
    }

    /* Good hands and a slow neck on each of seven days: ready when only
     * the hands are checked, not when the neck is too, and the message
     * names the part that misses. */
    trials.n = 0;
    for (int day = TODAY - 6; day <= TODAY; day++) {
        size_t first = trials.n;
        add_good_day(day);
        add_side(day, SIDE_LEFT, 12, 11, 2300.0);
        add_side(day, SIDE_RIGHT, 12, 11, 2300.0);
        for (size_t k = first + 40; k < trials.n; k++)
            trials.t[k].limb = LIMB_NECK;
    }
    static const struct {
        LimbSet parts;
        bool ready;
        const char *says, *not_says, *brief;
    } sets[] = {
        {LIMBS_HANDS, true, "Ready", "neck", "Ready to move on to imagined movements."},
        {1 << LIMB_NECK, false, "a median time of 2.1 s or less on each side",
         "Neck:", "Still to reach: 2.1 s or less; 7 days in a row (none so far)."},
        {LIMBS_HANDS | 1 << LIMB_NECK, false, "Neck: a median time of 2.1 s",
         "Hands:", "Still to reach: Neck: 2.1 s or less; 7 days in a row (none so far)."},
        {0, false, "Neck: a median time of 2.1 s", "Hands:", /* the parts practised */
         "Still to reach: Neck: 2.1 s or less; 7 days in a row (none so far)."},
        /* Feet prescribed but never practised: every criterion, for feet only. */
        {LIMBS_BOTH, false, "Feet: at least 10 pictures a day on each side (0 left, 0 right now)",
         "Hands:",
         "Still to reach: Feet: 10 pictures a side, 80 % right, 2.5 s or less, left and right "
         "alike; 7 days in a row (none so far)."},
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        ProgressInput in = {trials.t, trials.n, NULL, 0, TODAY - 6, TODAY, &norms, sets[i].parts};
        char err[256] = "";
        Progress *p = progress_create(&in, err, sizeof err);
        CHECK_MSG(p != NULL, "%s", err);
        if (!p)
            continue;
        const ProgressCheck *c = progress_check(p);
        CHECK_MSG(c->ready == sets[i].ready, "parts %#x: ready %d", (unsigned)sets[i].parts,
                  c->ready);
        CHECK_MSG(strstr(c->message, sets[i].says) && !strstr(c->message, sets[i].not_says),
                  "parts %#x: '%s'", (unsigned)sets[i].parts, c->message);
        CHECK_MSG(strcmp(c->brief, sets[i].brief) == 0, "parts %#x: brief '%s'",
                  (unsigned)sets[i].parts, c->brief);
        CHECK(c->latest[LIMB_NECK][SIDE_LEFT].trials == 12 &&
              c->latest[LIMB_HAND][SIDE_RIGHT].trials == 20);
        progress_destroy(p);
    }
    ProgressInput bad = {trials.t, trials.n, NULL, 0, TODAY, TODAY, &norms, (LimbSet)0x40};
    char err[256] = "";
    CHECK(progress_create(&bad, err, sizeof err) == NULL && strstr(err, "body parts") != NULL);
}

int main(void)
{
    test_norms();
    test_dates();
    test_words();
    test_aggregation();
    test_against_stats();
    test_criteria();
    test_run();
    test_parts();
    test_messages();
    test_change();
    test_week_groups();
    test_sessions();
    test_touch();
    test_errors();
    return check_exit();
}
