/* The drill state machine driven by a fake clock: phases, onset, answers
 * before the onset, too fast to be judgements or after the time limit,
 * timeouts, feedback, pause, stop. */
#include <string.h>

#include "check.h"
#include "drill.h"

#define MS 1000000LL

static const Stimulus deck3[3] = {
    {.picture = 0, .side = SIDE_LEFT, .rotation_deg = 0},
    {.picture = 1, .side = SIDE_RIGHT, .rotation_deg = 90},
    {.picture = 2, .side = SIDE_LEFT, .rotation_deg = 315},
};

/* Answers sooner than 300 ms after the onset are not judgements. */
static const Norms norms = {.too_fast_ms = 300.0};

static DrillConfig config(int time_limit_ms, bool feedback)
{
    DrillSettings s = drill_settings_default();
    s.time_limit_ms = time_limit_ms;
    s.feedback = feedback;
    return drill_config_from(&s, &norms);
}

/* Runs the inter-trial screen out and puts the picture up at onset. */
static void show_at(Drill *d, int64_t onset)
{
    CHECK(drill_phase(d) == DRILL_FIXATION);
    int64_t due = drill_deadline(d);
    drill_advance(d, due - 1);
    CHECK(drill_phase(d) == DRILL_FIXATION);
    drill_advance(d, due);
    CHECK(drill_phase(d) == DRILL_SHOW);
    CHECK(onset >= due);
    drill_onset(d, onset, onset - 16 * MS);
    CHECK(drill_phase(d) == DRILL_RESPONSE);
}

static void test_full_run(void)
{
    DrillConfig c = config(2000, true);
    Drill *d = drill_create(deck3, 3, &c, 7);
    drill_start(d, 0);
    CHECK(drill_phase(d) == DRILL_FIXATION);
    CHECK(drill_deadline(d) >= 300 * MS && drill_deadline(d) <= 700 * MS);
    CHECK(drill_current(d)->picture == 0);

    /* Trial 1: answers before the picture and before the onset stamp do not count. */
    CHECK(!drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 100 * MS));
    drill_advance(d, drill_deadline(d));
    CHECK(drill_phase(d) == DRILL_SHOW);
    CHECK(!drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 900 * MS));
    drill_onset(d, 1000 * MS, 1000 * MS - 17 * MS);
    CHECK(drill_deadline(d) == 3000 * MS);
    CHECK(!drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 999 * MS));
    CHECK(!drill_answer(d, RESPONSE_NONE, INPUT_KEY, 1200 * MS));
    CHECK(drill_answer(d, RESPONSE_LEFT, INPUT_TOUCH, 1500 * MS + 250));
    CHECK(!drill_answer(d, RESPONSE_RIGHT, INPUT_TOUCH, 1600 * MS)); /* counts once */
    size_t n;
    const TrialResult *r = drill_results(d, &n);
    CHECK(n == 1);
    CHECK(r[0].correct && r[0].response == RESPONSE_LEFT && r[0].input == INPUT_TOUCH);
    CHECK(r[0].onset_ns == 1000 * MS && r[0].response_ns == 1500 * MS + 250);
    CHECK(r[0].onset_interval_ns == 17 * MS && !r[0].late_onset);
    CHECK(drill_phase(d) == DRILL_FEEDBACK);
    CHECK(drill_deadline(d) == 2100 * MS + 250); /* 0.6 s for a right answer */
    drill_advance(d, 2100 * MS + 250);
    CHECK(drill_phase(d) == DRILL_FIXATION);
    CHECK(drill_current(d)->picture == 1);

    /* Trial 2: no answer; the time limit records it with no response. */
    show_at(d, 5000 * MS);
    drill_advance(d, 6999 * MS);
    CHECK(drill_phase(d) == DRILL_RESPONSE);
    drill_advance(d, 7000 * MS + 5 * MS);
    r = drill_results(d, &n);
    CHECK(n == 2);
    CHECK(r[1].response == RESPONSE_NONE && !r[1].correct);
    CHECK(drill_phase(d) == DRILL_FEEDBACK);
    CHECK(drill_deadline(d) == 7000 * MS + 1800 * MS); /* wrong: 1.8 s from the limit */
    drill_advance(d, drill_deadline(d));

    /* Trial 3: an answer stamped at the limit is too late; a wrong one counts as wrong. */
    show_at(d, 20000 * MS);
    CHECK(!drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 22000 * MS));
    drill_advance(d, 22000 * MS);
    r = drill_results(d, &n);
    CHECK(n == 3 && r[2].response == RESPONSE_NONE);
    drill_advance(d, drill_deadline(d));
    CHECK(drill_phase(d) == DRILL_DONE);
    CHECK(!drill_stopped_early(d));
    CHECK(drill_current(d) == NULL);
    drill_destroy(d);
}

static void test_wrong_answer_and_no_feedback(void)
{
    DrillConfig c = config(0, false);
    Drill *d = drill_create(deck3, 2, &c, 1);
    drill_start(d, 0);
    show_at(d, 1000 * MS);
    CHECK(drill_deadline(d) == DRILL_NO_DEADLINE);
    drill_advance(d, 3600000 * MS); /* untimed: an hour later still waiting */
    CHECK(drill_phase(d) == DRILL_RESPONSE);
    CHECK(drill_answer(d, RESPONSE_RIGHT, INPUT_MOUSE, 3600000 * MS + 1));
    CHECK(drill_phase(d) == DRILL_FIXATION); /* no feedback phase */
    size_t n;
    const TrialResult *r = drill_results(d, &n);
    CHECK(n == 1 && !r[0].correct && r[0].response == RESPONSE_RIGHT);
    show_at(d, 3700000 * MS);
    CHECK(drill_answer(d, RESPONSE_RIGHT, INPUT_KEY, 3700500 * MS));
    CHECK(drill_phase(d) == DRILL_DONE);
    r = drill_results(d, &n);
    CHECK(n == 2 && r[1].correct);
    drill_destroy(d);
}

static void test_pause_and_stop(void)
{
    DrillConfig c = config(5000, true);
    Drill *d = drill_create(deck3, 3, &c, 3);
    drill_start(d, 0);
    show_at(d, 1000 * MS);
    CHECK(drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 1400 * MS));
    drill_advance(d, drill_deadline(d));
    show_at(d, 3000 * MS);
    /* Pausing with a picture up withdraws it; it comes back after the break. */
    drill_pause(d);
    CHECK(drill_phase(d) == DRILL_PAUSED);
    CHECK(drill_deadline(d) == DRILL_NO_DEADLINE);
    drill_advance(d, 60000 * MS);
    CHECK(drill_phase(d) == DRILL_PAUSED);
    CHECK(!drill_answer(d, RESPONSE_RIGHT, INPUT_KEY, 61000 * MS));
    drill_resume(d, 70000 * MS);
    CHECK(drill_phase(d) == DRILL_FIXATION);
    CHECK(drill_deadline(d) >= 70300 * MS && drill_deadline(d) <= 70700 * MS);
    CHECK(drill_current(d)->picture == 1);
    size_t n;
    drill_results(d, &n);
    CHECK(n == 1);
    /* Stopping keeps what was done and says it ended early. */
    drill_stop(d);
    CHECK(drill_phase(d) == DRILL_DONE);
    CHECK(drill_stopped_early(d));
    drill_results(d, &n);
    CHECK(n == 1);
    drill_destroy(d);
}

/* An onset frame more than 1.5 frame periods after the one before is late. */
static void test_late_onset(void)
{
    DrillConfig c = config(5000, false);
    c.frame_ns = 10 * MS;
    Drill *d = drill_create(deck3, 2, &c, 5);
    drill_start(d, 0);
    drill_advance(d, drill_deadline(d));
    drill_onset(d, 1000 * MS, 985 * MS); /* exactly 1.5 frames: on time */
    CHECK(drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 1500 * MS));
    drill_advance(d, drill_deadline(d));
    drill_onset(d, 3000 * MS, 2984 * MS); /* 1.6 frames: late */
    CHECK(drill_answer(d, RESPONSE_RIGHT, INPUT_KEY, 3500 * MS));
    size_t n;
    const TrialResult *r = drill_results(d, &n);
    CHECK(n == 2);
    CHECK(r[0].onset_interval_ns == 15 * MS && !r[0].late_onset);
    CHECK(r[1].onset_interval_ns == 16 * MS && r[1].late_onset);
    drill_destroy(d);
}

/* An answer sooner than the floor after the onset ends the trial as too
 * fast, with or without feedback: a calm pause, no verdict, and the next
 * picture (the one answered too fast is not shown again). */
static void test_too_fast(void)
{
    for (int feedback = 0; feedback <= 1; feedback++) {
        DrillConfig c = config(5000, feedback);
        CHECK(c.too_fast_ns == 300 * MS);
        Drill *d = drill_create(deck3, 3, &c, 11);
        drill_start(d, 0);
        /* 94 ms after the onset: too fast, whatever the answer. */
        show_at(d, 1000 * MS);
        CHECK(drill_answer(d, RESPONSE_LEFT, INPUT_TOUCH, 1094 * MS));
        size_t n;
        const TrialResult *r = drill_results(d, &n);
        CHECK(n == 1 && r[0].too_fast && r[0].response == RESPONSE_LEFT);
        CHECK(r[0].response_ns == 1094 * MS && r[0].correct); /* it named the side by chance */
        CHECK(drill_phase(d) == DRILL_FEEDBACK);
        CHECK(drill_deadline(d) == 1094 * MS + 1800 * MS);
        CHECK(!drill_answer(d, RESPONSE_RIGHT, INPUT_TOUCH, 1200 * MS)); /* counts once */
        drill_advance(d, drill_deadline(d));
        CHECK(drill_phase(d) == DRILL_FIXATION);
        CHECK(drill_current(d)->picture == 1);
        /* Just under the floor: too fast; at the stamp of the onset itself too. */
        show_at(d, 5000 * MS);
        CHECK(drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 5300 * MS - 1));
        r = drill_results(d, &n);
        CHECK(n == 2 && r[1].too_fast && !r[1].correct);
        drill_advance(d, drill_deadline(d));
        /* At the floor: a judgement like any other. */
        show_at(d, 9000 * MS);
        CHECK(drill_answer(d, RESPONSE_LEFT, INPUT_KEY, 9300 * MS));
        r = drill_results(d, &n);
        CHECK(n == 3 && !r[2].too_fast && r[2].correct);
        CHECK(drill_phase(d) == (feedback ? DRILL_FEEDBACK : DRILL_DONE));
        drill_advance(d, drill_deadline(d));
        CHECK(drill_phase(d) == DRILL_DONE && !drill_stopped_early(d));
        drill_destroy(d);
    }
    /* A time-out is never too fast, and the onset stamp itself is. */
    DrillConfig c = config(5000, false);
    Drill *d = drill_create(deck3, 2, &c, 12);
    drill_start(d, 0);
    show_at(d, 1000 * MS);
    drill_advance(d, 6000 * MS);
    show_at(d, 8000 * MS);
    CHECK(drill_answer(d, RESPONSE_RIGHT, INPUT_KEY, 8000 * MS));
    size_t n;
    const TrialResult *r = drill_results(d, &n);
    CHECK(n == 2 && r[0].response == RESPONSE_NONE && !r[0].too_fast);
    CHECK(r[1].too_fast);
    drill_destroy(d);
}

static void test_fixation_range(void)
{
    DrillConfig c = config(5000, false);
    int64_t lo = INT64_MAX, hi = 0;
    for (uint64_t seed = 0; seed < 500; seed++) {
        Drill *d = drill_create(deck3, 1, &c, seed);
        drill_start(d, 0);
        int64_t t = drill_deadline(d);
        lo = t < lo ? t : lo;
        hi = t > hi ? t : hi;
        drill_destroy(d);
    }
    CHECK(lo >= 300 * MS && hi <= 700 * MS);
    CHECK(lo < 350 * MS && hi > 650 * MS); /* really randomised over the range */
}

int main(void)
{
    test_full_run();
    test_wrong_answer_and_no_feedback();
    test_pause_and_stop();
    test_late_onset();
    test_too_fast();
    test_fixation_range();
    return check_exit();
}
