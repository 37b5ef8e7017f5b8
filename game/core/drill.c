#include "drill.h"

#include <stdlib.h>
#include <string.h>

#include "rng.h"

#define MS 1000000LL

struct Drill {
    Stimulus *deck;
    TrialResult *results;
    size_t n;
    size_t position; /* trial in progress */
    size_t finished; /* number of results */
    DrillConfig config;
    Rng rng;
    DrillPhase phase;
    int64_t deadline;
    int64_t onset;
    int64_t onset_interval;
    bool stopped_early;
};

DrillSettings drill_settings_default(void)
{
    return (DrillSettings){
        .limbs = LIMBS_BOTH, .count = 20, .time_limit_ms = 5000, .level = 1, .feedback = true};
}

DrillConfig drill_config_from(const DrillSettings *settings, const Norms *norms)
{
    return (DrillConfig){.time_limit_ns = (int64_t)settings->time_limit_ms * MS,
                         .feedback = settings->feedback,
                         .fixation_min_ns = 300 * MS,
                         .fixation_max_ns = 700 * MS,
                         .feedback_correct_ns = 600 * MS,
                         .feedback_wrong_ns = 1800 * MS,
                         .too_fast_ns = (int64_t)(norms->too_fast_ms * (double)MS),
                         .feedback_too_fast_ns = 1800 * MS,
                         .frame_ns = 1000 * MS / 60};
}

Drill *drill_create(const Stimulus *deck, size_t n, const DrillConfig *config, uint64_t seed)
{
    Drill *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->deck = malloc(n * sizeof *d->deck);
    d->results = calloc(n, sizeof *d->results);
    if (!d->deck || !d->results) {
        drill_destroy(d);
        return NULL;
    }
    memcpy(d->deck, deck, n * sizeof *deck);
    d->n = n;
    d->config = *config;
    rng_seed(&d->rng, seed);
    d->phase = DRILL_FIXATION;
    d->deadline = DRILL_NO_DEADLINE;
    return d;
}

void drill_destroy(Drill *d)
{
    if (!d)
        return;
    free(d->deck);
    free(d->results);
    free(d);
}

static void begin_fixation(Drill *d, int64_t now)
{
    d->phase = DRILL_FIXATION;
    d->deadline = now + rng_range(&d->rng, d->config.fixation_min_ns, d->config.fixation_max_ns);
}

/* After a trial's feedback (or straight after the trial without feedback). */
static void next_trial(Drill *d, int64_t now)
{
    if (d->position >= d->n) {
        d->phase = DRILL_DONE;
        d->deadline = DRILL_NO_DEADLINE;
    } else {
        begin_fixation(d, now);
    }
}

static void finish_trial(Drill *d, Response response, InputDevice input, int64_t t)
{
    const Stimulus *s = &d->deck[d->position];
    TrialResult *r = &d->results[d->finished++];
    r->stimulus = *s;
    r->response = response;
    r->input = input;
    r->onset_ns = d->onset;
    r->onset_interval_ns = d->onset_interval;
    r->late_onset = 2 * d->onset_interval > 3 * d->config.frame_ns;
    r->response_ns = response == RESPONSE_NONE ? 0 : t;
    r->too_fast = response != RESPONSE_NONE && t - d->onset < d->config.too_fast_ns;
    r->correct = response == response_for_side(s->side);
    d->position++;
    if (r->too_fast) {
        d->phase = DRILL_FEEDBACK;
        d->deadline = t + d->config.feedback_too_fast_ns;
    } else if (d->config.feedback) {
        d->phase = DRILL_FEEDBACK;
        d->deadline =
            t + (r->correct ? d->config.feedback_correct_ns : d->config.feedback_wrong_ns);
    } else {
        next_trial(d, t);
    }
}

void drill_start(Drill *d, int64_t now)
{
    d->position = 0;
    d->finished = 0;
    d->stopped_early = false;
    begin_fixation(d, now);
}

DrillPhase drill_phase(const Drill *d)
{
    return d->phase;
}

int64_t drill_deadline(const Drill *d)
{
    return d->deadline;
}

void drill_advance(Drill *d, int64_t now)
{
    if (now < d->deadline)
        return;
    switch (d->phase) {
    case DRILL_FIXATION:
        d->phase = DRILL_SHOW;
        break;
    case DRILL_RESPONSE:
        finish_trial(d, RESPONSE_NONE, INPUT_OTHER, d->deadline);
        break;
    case DRILL_FEEDBACK:
        next_trial(d, now);
        break;
    case DRILL_SHOW:
    case DRILL_PAUSED:
    case DRILL_DONE:
        break;
    }
}

void drill_onset(Drill *d, int64_t onset_ns, int64_t previous_present_ns)
{
    if (d->phase != DRILL_SHOW)
        return;
    d->phase = DRILL_RESPONSE;
    d->onset = onset_ns;
    d->onset_interval = onset_ns - previous_present_ns;
    d->deadline =
        d->config.time_limit_ns > 0 ? onset_ns + d->config.time_limit_ns : DRILL_NO_DEADLINE;
}

bool drill_answer(Drill *d, Response response, InputDevice input, int64_t t)
{
    if (d->phase != DRILL_RESPONSE || response == RESPONSE_NONE || t < d->onset || t >= d->deadline)
        return false;
    finish_trial(d, response, input, t);
    return true;
}

void drill_pause(Drill *d)
{
    if (d->phase == DRILL_DONE || d->phase == DRILL_PAUSED)
        return;
    /* A trial already answered stays recorded; one still on screen is shown
     * again after the break, since its response time would be meaningless. */
    d->phase = DRILL_PAUSED;
    d->deadline = DRILL_NO_DEADLINE;
}

void drill_resume(Drill *d, int64_t now)
{
    if (d->phase == DRILL_PAUSED)
        next_trial(d, now);
}

void drill_stop(Drill *d)
{
    d->stopped_early = d->position < d->n;
    d->phase = DRILL_DONE;
    d->deadline = DRILL_NO_DEADLINE;
}

bool drill_stopped_early(const Drill *d)
{
    return d->stopped_early;
}

const Stimulus *drill_current(const Drill *d)
{
    return d->position < d->n && d->phase != DRILL_DONE ? &d->deck[d->position] : NULL;
}

size_t drill_count(const Drill *d)
{
    return d->n;
}

size_t drill_position(const Drill *d)
{
    return d->position;
}

const TrialResult *drill_results(const Drill *d, size_t *n)
{
    *n = d->finished;
    return d->results;
}
