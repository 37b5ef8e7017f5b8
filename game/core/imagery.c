#include "imagery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MS 1000000LL

struct Imagery {
    ImagerySettings settings;
    Stimulus *pictures;
    ImageryRecord *records;
    size_t n;
    size_t position; /* picture on screen, or next during REST */
    size_t nrecords;
    ImageryPhase phase;
    ImageryPhase paused_from;
    int64_t run_start; /* clock stamp the current stretch of HOLD or REST began */
    int64_t banked_ns; /* time spent in the phase before that stretch (before pauses) */
    int64_t shown;     /* clock stamp the picture on screen first went up */
    bool stopped_early;
};

static const char *const pace_names[] = {"timed", "self-paced"};

ImagerySettings imagery_settings_default(void)
{
    return (ImagerySettings){.limb = LIMB_HAND,
                             .side = SIDE_LEFT,
                             .count = 10,
                             .hold_ms = 10000,
                             .rest_ms = 5000,
                             .pace = IMAGERY_TIMED};
}

int imagery_settings_check(const ImagerySettings *s, char *err, size_t errlen)
{
    if (s->limb != LIMB_HAND && s->limb != LIMB_FOOT)
        snprintf(err, errlen, "the limb must be hand or foot");
    else if (s->side != SIDE_LEFT && s->side != SIDE_RIGHT)
        snprintf(err, errlen, "the side must be left or right");
    else if (s->count < IMAGERY_COUNT_MIN || s->count > IMAGERY_COUNT_MAX)
        snprintf(err, errlen, "the number of pictures must be from %d to %d", IMAGERY_COUNT_MIN,
                 IMAGERY_COUNT_MAX);
    else if (s->hold_ms < IMAGERY_HOLD_MS_MIN || s->hold_ms > IMAGERY_HOLD_MS_MAX)
        snprintf(err, errlen, "the hold time must be from %d to %d s", IMAGERY_HOLD_MS_MIN / 1000,
                 IMAGERY_HOLD_MS_MAX / 1000);
    else if (s->rest_ms < 0 || s->rest_ms > IMAGERY_REST_MS_MAX)
        snprintf(err, errlen, "the rest time must be from 0 to %d s", IMAGERY_REST_MS_MAX / 1000);
    else if (s->pace != IMAGERY_TIMED && s->pace != IMAGERY_SELF_PACED)
        snprintf(err, errlen, "the pace must be timed or self-paced");
    else
        return 0;
    return -1;
}

const char *imagery_pace_name(ImageryPace pace)
{
    return pace_names[pace];
}

int imagery_pace_parse(const char *name, ImageryPace *out)
{
    for (int i = 0; i < 2; i++) {
        if (strcmp(name, pace_names[i]) == 0) {
            *out = (ImageryPace)i;
            return 0;
        }
    }
    return -1;
}

void imagery_instruction(Limb limb, Side side, char *buf, size_t cap)
{
    snprintf(buf, cap, "Imagine moving your %s %s into this position. Don't move it.",
             side_name(side), limb_name(limb));
}

/* How often pictures with the same word as picture p are among out[0..k). */
static int word_uses(const Catalogue *cat, const Stimulus *out, int k, const Picture *p,
                     int posture)
{
    int uses = 0;
    for (int j = 0; j < k; j++) {
        const Picture *q = catalogue_get(cat, out[j].picture);
        uses += strcmp(posture ? q->posture : q->view, posture ? p->posture : p->view) == 0;
    }
    return uses;
}

/* How well picture p fits slot k, lower is better: first pictures used
 * least (no repeat while an unused one remains), then not the picture just
 * shown, then the least used posture, then not the posture just shown, then
 * the least used view. Each count is at most IMAGERY_COUNT_MAX < 32, so the
 * criteria pack into one number without mixing. */
static int slot_cost(const Catalogue *cat, const Stimulus *out, int k, const Picture *p, int uses)
{
    const Picture *prev = k > 0 ? catalogue_get(cat, out[k - 1].picture) : NULL;
    int cost = uses;
    cost = cost * 2 + (p == prev);
    cost = cost * 32 + word_uses(cat, out, k, p, 1);
    cost = cost * 2 + (prev && strcmp(p->posture, prev->posture) == 0);
    return cost * 32 + word_uses(cat, out, k, p, 0);
}

int imagery_pick(const Catalogue *cat, Limb limb, Side side, int count, const bool *excluded,
                 Rng *rng, Stimulus *out, char *err, size_t errlen)
{
    if (count < IMAGERY_COUNT_MIN || count > IMAGERY_COUNT_MAX) {
        snprintf(err, errlen, "the number of pictures must be from %d to %d", IMAGERY_COUNT_MIN,
                 IMAGERY_COUNT_MAX);
        return -1;
    }
    size_t npics = catalogue_count(cat);
    size_t *cands = malloc(npics * sizeof *cands);
    int *uses = calloc(npics, sizeof *uses);
    if (!cands || !uses) {
        free(cands);
        free(uses);
        snprintf(err, errlen, "out of memory while choosing the pictures");
        return -1;
    }
    /* Posture pictures only: one with an object asks for a different movement. */
    size_t ncands = 0;
    for (size_t i = 0; i < npics; i++) {
        const Picture *p = catalogue_get(cat, i);
        if (p->limb == limb && !p->object[0] && !(excluded && excluded[i]))
            cands[ncands++] = i;
    }
    if (ncands == 0) {
        snprintf(err, errlen, "there are no %s posture pictures to show", limb_name(limb));
        free(cands);
        free(uses);
        return -1;
    }
    for (int k = 0; k < count; k++) {
        size_t best = 0;
        int best_cost = 0;
        uint32_t ties = 0;
        for (size_t c = 0; c < ncands; c++) {
            int cost = slot_cost(cat, out, k, catalogue_get(cat, cands[c]), uses[c]);
            if (ties == 0 || cost < best_cost) {
                best = c;
                best_cost = cost;
                ties = 1;
            } else if (cost == best_cost && rng_below(rng, ++ties) == 0) {
                best = c;
            }
        }
        uses[best]++;
        out[k] = (Stimulus){.picture = (uint32_t)cands[best], .side = side, .rotation_deg = 0};
    }
    free(cands);
    free(uses);
    return 0;
}

Imagery *imagery_create(const ImagerySettings *settings, const Stimulus *pictures, char *err,
                        size_t errlen)
{
    if (imagery_settings_check(settings, err, errlen))
        return NULL;
    size_t n = (size_t)settings->count;
    Imagery *im = calloc(1, sizeof *im);
    if (im) {
        im->pictures = malloc(n * sizeof *im->pictures);
        im->records = calloc(n, sizeof *im->records);
    }
    if (!im || !im->pictures || !im->records) {
        imagery_destroy(im);
        snprintf(err, errlen, "out of memory while starting the set");
        return NULL;
    }
    memcpy(im->pictures, pictures, n * sizeof *pictures);
    im->n = n;
    im->settings = *settings;
    im->phase = IMAGERY_HOLD;
    return im;
}

void imagery_destroy(Imagery *im)
{
    if (!im)
        return;
    free(im->pictures);
    free(im->records);
    free(im);
}

static bool running(const Imagery *im)
{
    return im->phase == IMAGERY_HOLD || im->phase == IMAGERY_REST;
}

static int64_t phase_length(const Imagery *im, ImageryPhase phase)
{
    return (int64_t)(phase == IMAGERY_HOLD ? im->settings.hold_ms : im->settings.rest_ms) * MS;
}

int64_t imagery_elapsed_ns(const Imagery *im, int64_t now)
{
    if (running(im))
        return im->banked_ns + (now - im->run_start);
    return im->phase == IMAGERY_PAUSED ? im->banked_ns : 0;
}

int64_t imagery_remaining_ns(const Imagery *im, int64_t now)
{
    if (im->phase == IMAGERY_DONE)
        return 0;
    int64_t left = phase_length(im, imagery_paused_phase(im)) - imagery_elapsed_ns(im, now);
    return left > 0 ? left : 0;
}

int64_t imagery_deadline(const Imagery *im)
{
    if (!running(im) || (im->phase == IMAGERY_HOLD && im->settings.pace == IMAGERY_SELF_PACED))
        return IMAGERY_NO_DEADLINE;
    return im->run_start + phase_length(im, im->phase) - im->banked_ns;
}

static void begin(Imagery *im, ImageryPhase phase, int64_t t)
{
    im->phase = phase;
    im->run_start = t;
    im->banked_ns = 0;
    if (phase == IMAGERY_HOLD)
        im->shown = t;
}

/* Records the picture on screen (or paused on) as ended at t. */
static void record(Imagery *im, int64_t t, bool finished)
{
    im->records[im->nrecords++] = (ImageryRecord){.stimulus = im->pictures[im->position],
                                                  .shown_ns = im->shown,
                                                  .held_ns = imagery_elapsed_ns(im, t),
                                                  .finished = finished};
}

static void end_hold(Imagery *im, int64_t t)
{
    record(im, t, true);
    im->position++;
    if (im->position == im->n)
        im->phase = IMAGERY_DONE;
    else
        begin(im, im->settings.rest_ms > 0 ? IMAGERY_REST : IMAGERY_HOLD, t);
}

void imagery_start(Imagery *im, int64_t now)
{
    im->position = 0;
    im->nrecords = 0;
    im->stopped_early = false;
    begin(im, IMAGERY_HOLD, now);
}

ImageryPhase imagery_phase(const Imagery *im)
{
    return im->phase;
}

ImageryPhase imagery_paused_phase(const Imagery *im)
{
    return im->phase == IMAGERY_PAUSED ? im->paused_from : im->phase;
}

void imagery_advance(Imagery *im, int64_t now)
{
    for (int64_t t; (t = imagery_deadline(im)) <= now;) {
        if (im->phase == IMAGERY_HOLD)
            end_hold(im, t);
        else
            begin(im, IMAGERY_HOLD, t);
    }
}

void imagery_next(Imagery *im, int64_t now)
{
    imagery_advance(im, now);
    if (im->phase == IMAGERY_HOLD)
        end_hold(im, now);
    else if (im->phase == IMAGERY_REST)
        begin(im, IMAGERY_HOLD, now);
}

void imagery_pause(Imagery *im, int64_t now)
{
    imagery_advance(im, now);
    if (!running(im))
        return;
    im->banked_ns = imagery_elapsed_ns(im, now);
    im->paused_from = im->phase;
    im->phase = IMAGERY_PAUSED;
}

void imagery_resume(Imagery *im, int64_t now)
{
    if (im->phase != IMAGERY_PAUSED)
        return;
    im->phase = im->paused_from;
    im->run_start = now;
}

void imagery_stop(Imagery *im, int64_t now)
{
    imagery_advance(im, now);
    if (im->phase == IMAGERY_DONE)
        return;
    if (imagery_paused_phase(im) == IMAGERY_HOLD)
        record(im, now, false);
    /* A rest only comes before another picture, so any stop here is early. */
    im->stopped_early = true;
    im->phase = IMAGERY_DONE;
}

bool imagery_stopped_early(const Imagery *im)
{
    return im->stopped_early;
}

const Stimulus *imagery_current(const Imagery *im)
{
    return im->phase == IMAGERY_DONE ? NULL : &im->pictures[im->position];
}

size_t imagery_count(const Imagery *im)
{
    return im->n;
}

size_t imagery_position(const Imagery *im)
{
    return im->position;
}

const ImageryRecord *imagery_records(const Imagery *im, size_t *n)
{
    *n = im->nrecords;
    return im->records;
}
