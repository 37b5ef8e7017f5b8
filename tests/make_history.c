/* Writes a realistic multi-week practice history into a new database, for
 * the report test and the report's picture in docs/: a patient with a
 * painful left hand, six weeks of left/right drills (three a day, most
 * days) getting faster and more accurate, the left side slower at first,
 * pain ratings before and after, then a week of imagined movements and
 * mirror therapy; and three weeks of touch practice of the left hand, twice
 * a day (once on the last day), up the ladder by its rule with a flare on
 * the way.
 *
 *   make_history DATABASE LAST_DATE(YYYY-MM-DD) */
#include <stdio.h>
#include <string.h>

#include "norms.h"
#include "norms_fixture.h"
#include "progress.h"
#include "rng.h"
#include "store.h"

#define WEEKS 6
#define TOUCH_DAYS 21

/* Touch practice of the left hand on day at hour: a one-minute warm-up and
 * the step, rated after each, stopped because it hurt when flare; then
 * rule. */
static int add_touch(Store *s, const StoreProfile *p, Prescription *rx, const TouchRule *rule,
                     Rng *rng, int day, int hour, bool flare)
{
    char date[PROGRESS_DATE_MAX], start[40], end[40], item[2][32];
    progress_day_format(day, date);
    int minute = (int)rng_below(rng, 40);
    snprintf(start, sizeof start, "%sT%02d:%02d:00+01:00", date, hour, minute);
    snprintf(end, sizeof end, "%sT%02d:%02d:00+01:00", date, hour, minute + 8);
    int step = rx->touch_step, minutes = 1 + step / 3;
    SessionStart st = {.profile_id = p->id,
                       .mode = MODE_TOUCH,
                       .limb = LIMB_HAND,
                       .side = SIDE_LEFT,
                       .planned_s = 60 * (minutes + (step > 1)),
                       .touch_step = step,
                       .started_at = start,
                       .pain_before = -1};
    int64_t id;
    if (store_session_begin(s, &st, &id))
        return -1;
    for (int i = 0; i < 2 - (step == 1); i++) {
        bool last = i == 1 - (step == 1);
        snprintf(item[i], sizeof item[i], "ladder-step-%d", step - (step > 1) + i);
        int discomfort = (int)rng_below(rng, 4) + last;
        StepRecord rec = {.step = i + 1,
                          .phase = "stroke",
                          .item = item[i],
                          .duration_ms = last && flare ? 40000 : 60000 * (last ? minutes : 1),
                          .completed = !(last && flare),
                          .rated = !(last && flare),
                          .discomfort = discomfort};
        if (store_step_add(s, id, &rec))
            return -1;
    }
    TouchOutcome recent[TOUCH_HISTORY];
    size_t n;
    if (store_session_end(s, id, end, flare, flare) ||
        store_touch_outcomes(s, p->id, LIMB_HAND, SIDE_LEFT, recent, TOUCH_HISTORY, &n))
        return -1;
    rx->touch_step = touch_progress(recent, n, step, 12, rule);
    return store_prescription_save(s, p->id, rx);
}

static int fail(Store *s)
{
    fprintf(stderr, "make_history: %s\n", store_errmsg(s));
    return 1;
}

int main(int argc, char **argv)
{
    int last;
    if (argc != 3 || progress_day_parse(argv[2], &last)) {
        fprintf(stderr, "usage: make_history DATABASE LAST_DATE\n");
        return 2;
    }
    char err[512];
    Norms norms;
    if (norms_parse(norms_text, sizeof norms_text - 1, "norms", &norms, err, sizeof err)) {
        fprintf(stderr, "make_history: %s\n", err);
        return 1;
    }
    Store *s = store_open(argv[1], STORE_READ_WRITE, NULL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "make_history: %s\n", err);
        return 1;
    }
    StoreProfile p;
    if (store_profile_open(s, "Alex Morgan", "2026-01-01T09:00:00+00:00", &p))
        return fail(s);
    p.affected_limbs = LIMBS_HANDS;
    p.affected_side = AFFECTED_LEFT;
    p.stage = 2;
    snprintf(p.notes, sizeof p.notes,
             "CRPS of the left hand since March. Flare-up in week 3 after gardening; "
             "keep sessions short on bad days.");
    Prescription rx = prescription_default();
    rx.drill.limbs = LIMBS_HANDS;
    rx.drill.level = 2;
    if (store_profile_update(s, &p) || store_prescription_save(s, p.id, &rx))
        return fail(s);
    static const char *const views[] = {"back", "palm", "thumb", "little", "tips"};
    Rng rng;
    rng_seed(&rng, 2026);
    int first = last - WEEKS * 7 + 1;
    for (int day = first; day <= last; day++) {
        double progress = (double)(day - first) / (WEEKS * 7);
        bool late = day > last - 7;
        if (rng_below(&rng, 10) == 0)
            continue; /* a day off */
        char date[PROGRESS_DATE_MAX];
        progress_day_format(day, date);
        for (int k = 0; k < 3; k++) {
            char start[40], end[40];
            snprintf(start, sizeof start, "%sT%02d:%02d:00+01:00", date, 9 + 4 * k,
                     (int)rng_below(&rng, 50));
            snprintf(end, sizeof end, "%sT%02d:55:00+01:00", date, 9 + 4 * k);
            PracticeMode mode = !late    ? MODE_DRILL
                                : k == 1 ? MODE_IMAGERY
                                : k == 2 ? MODE_MIRROR
                                         : MODE_DRILL;
            int pain = 6 - (int)(3 * progress) + (int)rng_below(&rng, 2);
            SessionStart st = {.profile_id = p.id,
                               .mode = mode,
                               .settings = rx.drill,
                               .limb = LIMB_HAND,
                               .side = SIDE_LEFT,
                               .count = 10,
                               .hold_ms = 10000,
                               .rest_ms = 5000,
                               .planned_s = 300,
                               .pace = "medium",
                               .seed = rng_next(&rng),
                               .started_at = start,
                               .pain_before = k == 0 ? pain : -1};
            int64_t id;
            if (store_session_begin(s, &st, &id))
                return fail(s);
            int steps = mode == MODE_IMAGERY ? 10 : mode == MODE_MIRROR ? 3 : 0;
            for (int i = 0; i < steps; i++) {
                static const char *const phases[] = {"watch", "slow", "exercises"};
                StepRecord step = {.step = i + 1,
                                   .phase = mode == MODE_IMAGERY ? "hold" : phases[i],
                                   .item = mode == MODE_IMAGERY ? "hand-fist-back-medium-m"
                                                                : "hand-fist",
                                   .duration_ms = mode == MODE_IMAGERY ? 10000 : 60000,
                                   .completed = true};
                if (store_step_add(s, id, &step))
                    return fail(s);
            }
            for (int t = 1; mode == MODE_DRILL && t <= rx.drill.count; t++) {
                Side side = rng_below(&rng, 2) ? SIDE_RIGHT : SIDE_LEFT;
                int rotation = 45 * (int)rng_below(&rng, 8);
                /* Slower and less sure on the affected left at first, and at
                 * awkward angles (fingers pointing away from the midline). */
                double rt = 2900 - 1300 * progress + (side == SIDE_LEFT ? 500 * (1 - progress) : 0);
                rt += (rotation == 90 || rotation == 135 ? 250 : 0) + rng_below(&rng, 600);
                int accuracy = (int)(68 + 25 * progress) - (side == SIDE_LEFT ? 4 : 0);
                bool correct = (int)rng_below(&rng, 100) < accuracy;
                Response r = correct
                                 ? response_for_side(side)
                                 : response_for_side(side == SIDE_LEFT ? SIDE_RIGHT : SIDE_LEFT);
                TrialRecord tr = {.trial = t,
                                  .image = "hand-flat-back-medium-m",
                                  .limb = LIMB_HAND,
                                  .side = side,
                                  .view = views[rng_below(&rng, 5)],
                                  .posture = "flat",
                                  .rotation_deg = rotation,
                                  .response = r,
                                  .correct = correct,
                                  .input = INPUT_TOUCH,
                                  .onset_ns = 1000000000,
                                  .response_ns = 1000000000 + (int64_t)(rt * 1e6),
                                  .onset_interval_ns = 16666667};
                if (store_trial_add(s, id, &tr))
                    return fail(s);
            }
            if (store_session_end(s, id, end, false, false) ||
                (k == 0 && store_session_rate(s, id, pain - (int)rng_below(&rng, 3), -1)))
                return fail(s);
        }
    }
    rx.touch_on = true;
    rx.touch_per_day = 2;
    for (int day = last - TOUCH_DAYS + 1; day <= last; day++)
        for (int k = 0; k < 2 - (day == last); k++)
            if (add_touch(s, &p, &rx, &norms.touch, &rng, day, 8 + 10 * k,
                          day == last - 9 && k == 1))
                return fail(s);
    store_close(s);
    return 0;
}
