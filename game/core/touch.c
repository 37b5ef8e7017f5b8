#include "touch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rowtable.h"

#define NS_PER_MINUTE (60LL * 1000000000LL)

static const char *const how_names[] = {"touch", "stroke", "press", "immerse", "wear"};

const char *touch_how_name(TouchHow how)
{
    return how_names[how];
}

/* ---- The ladder ---- */

/* A ladder row: a rung and the limbs it is for. */
typedef struct LadderRow {
    TouchRung rung;
    bool hand, foot;
} LadderRow;

#define COLUMNS 7

static const char *const header[COLUMNS] = {"step", "id",      "limb", "texture",
                                            "how",  "minutes", "icon"};

struct TouchLadder {
    RowTable rows;
    int steps;
    /* The row of each step for each limb (Limb order). */
    const LadderRow *at[2][TOUCH_STEPS_MAX];
};

static const char *id_of(const void *rows, size_t row)
{
    return ((const LadderRow *)rows)[row].rung.id;
}

static const char *parse_row(char **f, void *row)
{
    LadderRow *r = row;
    memset(r, 0, sizeof *r);
    if (row_field_int(f[0], 1, TOUCH_STEPS_MAX, &r->rung.step))
        return "step must be a whole number from 1 to 30";
    if (row_field_word(r->rung.id, sizeof r->rung.id, f[1]))
        return "id must be lower-case letters, digits and '-' (at most 31)";
    r->hand = !strcmp(f[2], "both") || !strcmp(f[2], "hand");
    r->foot = !strcmp(f[2], "both") || !strcmp(f[2], "foot");
    if (!r->hand && !r->foot)
        return "limb must be both, hand or foot";
    if (row_field_text(r->rung.texture, sizeof r->rung.texture, f[3]))
        return "texture must be text of 1 to 63 bytes without control characters";
    size_t h = 0;
    while (h < sizeof how_names / sizeof how_names[0] && strcmp(how_names[h], f[4]))
        h++;
    if (h == sizeof how_names / sizeof how_names[0])
        return "how must be touch, stroke, press, immerse or wear";
    r->rung.how = (TouchHow)h;
    if (row_field_int(f[5], TOUCH_MINUTES_MIN, TOUCH_MINUTES_MAX, &r->rung.minutes))
        return "minutes must be a whole number from 1 to 30";
    /* A plain file name, so the path made from it stays in assets/touch/. */
    char stem[TOUCH_ICON_MAX] = "";
    size_t n = strlen(f[6]);
    if (n > 4 && n < sizeof stem && strcmp(f[6] + n - 4, ".png") == 0)
        memcpy(stem, f[6], n - 4);
    if (row_field_word(r->rung.icon, sizeof r->rung.icon, stem))
        return "icon must be a file name of lower-case letters, digits and '-' ending in .png "
               "(at most 39 bytes)";
    memcpy(r->rung.icon, f[6], n + 1);
    return NULL;
}

static const RowTableSpec spec = {header, COLUMNS, sizeof(LadderRow), id_of, parse_row};

TouchLadder *touch_ladder_parse(const char *text, size_t len, const char *name, char *err,
                                size_t errlen)
{
    TouchLadder *l = calloc(1, sizeof *l);
    if (!l) {
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    int last = row_table_read(&l->rows, &spec, text, len, name, err, errlen);
    for (size_t i = 0; last >= 0 && i < l->rows.count; i++) {
        const LadderRow *r = row_table_get(&l->rows, i);
        bool limbs[2] = {r->hand, r->foot};
        for (int limb = 0; limb < 2; limb++) {
            if (!limbs[limb])
                continue;
            if (l->at[limb][r->rung.step - 1]) {
                snprintf(err, errlen, "%s: step %d is listed twice for the %s", name, r->rung.step,
                         limb_name((Limb)limb));
                last = -1;
            }
            l->at[limb][r->rung.step - 1] = r;
        }
        if (r->rung.step > l->steps)
            l->steps = r->rung.step;
    }
    for (int limb = 0; last >= 0 && limb < 2; limb++)
        for (int s = 0; last >= 0 && s < l->steps; s++)
            if (!l->at[limb][s]) {
                snprintf(err, errlen, "%s: step %d is missing for the %s", name, s + 1,
                         limb_name((Limb)limb));
                last = -1;
            }
    if (last >= 0 && l->steps == 0) {
        snprintf(err, errlen, "%s:%d: the ladder has no step", name, last);
        last = -1;
    }
    if (last < 0) {
        touch_ladder_destroy(l);
        return NULL;
    }
    return l;
}

void touch_ladder_destroy(TouchLadder *ladder)
{
    if (!ladder)
        return;
    row_table_free(&ladder->rows);
    free(ladder);
}

int touch_ladder_steps(const TouchLadder *ladder)
{
    return ladder->steps;
}

const TouchRung *touch_ladder_rung(const TouchLadder *ladder, Limb limb, int step)
{
    if (step < 1 || step > ladder->steps)
        return NULL;
    return &ladder->at[limb][step - 1]->rung;
}

void touch_instruction(const TouchRung *rung, Limb limb, Side side, char *buf, size_t cap)
{
    const char *s = side_name(side);
    bool hand = limb == LIMB_HAND;
    const char *area = hand ? "hand and forearm" : "foot and lower leg";
    const char *part = hand ? "hand" : "foot";
    const char *from = hand ? "your fingertips up to your elbow" : "your toes up to your knee";
    const char *t = rung->texture;
    switch (rung->how) {
    case TOUCH_LIGHT:
        snprintf(buf, cap, "Touch your %s %s lightly with the %s, here and there, from %s.", s,
                 area, t, from);
        break;
    case TOUCH_STROKE:
        snprintf(buf, cap, "Stroke your %s %s gently with the %s, from %s.", s, area, t, from);
        break;
    case TOUCH_PRESS:
        snprintf(buf, cap, "Press the %s gently on your %s %s, a moment each time, from %s.", t, s,
                 area, from);
        break;
    case TOUCH_IMMERSE:
        snprintf(buf, cap, "Put your %s %s in the %s and move it slowly.", s, part, t);
        break;
    case TOUCH_WEAR:
        snprintf(buf, cap, "Wear the %s on your %s %s and sit or move calmly.", t, s, area);
        break;
    }
}

size_t touch_plan(const TouchLadder *ladder, Limb limb, int step, int minutes, TouchStep out[2])
{
    if (ladder->steps == 0)
        return 0;
    step = step < 1 ? 1 : step > ladder->steps ? ladder->steps : step;
    size_t n = 0;
    if (step > 1)
        out[n++] = (TouchStep){*touch_ladder_rung(ladder, limb, step - 1), NS_PER_MINUTE};
    const TouchRung *r = touch_ladder_rung(ladder, limb, step);
    out[n++] = (TouchStep){*r, (minutes > 0 ? minutes : r->minutes) * NS_PER_MINUTE};
    return n;
}

/* ---- A session ---- */

struct Touch {
    TouchStep *steps;
    TouchRecord *records;
    size_t count;
    size_t position; /* the step in STEP or RATE */
    size_t nrecords;
    TouchPhase phase;
    TouchPhase paused_from;
    int64_t step_start;  /* when the running countdown started (or resumed) */
    int64_t held_before; /* time touched before the last resume */
    int64_t paused_at;
    bool stopped_early;
};

Touch *touch_create(const TouchStep *steps, size_t n, char *err, size_t errlen)
{
    if (n < 1 || n > 2 * TOUCH_STEPS_MAX) {
        snprintf(err, errlen, "a touch session needs 1 to %d steps, not %zu", 2 * TOUCH_STEPS_MAX,
                 n);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (steps[i].duration_ns <= 0) {
            snprintf(err, errlen, "touch step %zu has no time", i + 1);
            return NULL;
        }
    Touch *t = calloc(1, sizeof *t);
    if (t) {
        t->steps = malloc(n * sizeof *t->steps);
        t->records = calloc(n, sizeof *t->records);
    }
    if (!t || !t->steps || !t->records) {
        touch_destroy(t);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    memcpy(t->steps, steps, n * sizeof *steps);
    t->count = n;
    t->phase = TOUCH_PHASE_DONE;
    return t;
}

void touch_destroy(Touch *t)
{
    if (!t)
        return;
    free(t->steps);
    free(t->records);
    free(t);
}

static void begin_step(Touch *t, int64_t now)
{
    t->phase = TOUCH_PHASE_STEP;
    t->step_start = now;
    t->held_before = 0;
}

void touch_start(Touch *t, int64_t now)
{
    t->position = 0;
    t->nrecords = 0;
    t->stopped_early = false;
    begin_step(t, now);
}

TouchPhase touch_phase(const Touch *t)
{
    return t->phase;
}

TouchPhase touch_paused_phase(const Touch *t)
{
    return t->phase == TOUCH_PHASE_PAUSED ? t->paused_from : t->phase;
}

int64_t touch_deadline(const Touch *t)
{
    if (t->phase != TOUCH_PHASE_STEP)
        return TOUCH_NO_DEADLINE;
    return t->step_start + (t->steps[t->position].duration_ns - t->held_before);
}

/* Time touched in the running step at now (frozen while paused). */
static int64_t held(const Touch *t, int64_t now)
{
    if (t->phase == TOUCH_PHASE_PAUSED)
        return t->paused_from == TOUCH_PHASE_STEP ? t->held_before : 0;
    if (t->phase != TOUCH_PHASE_STEP)
        return 0;
    return t->held_before + (now - t->step_start);
}

void touch_advance(Touch *t, int64_t now)
{
    if (t->phase != TOUCH_PHASE_STEP || now < touch_deadline(t))
        return;
    t->phase = TOUCH_PHASE_RATE;
    t->held_before = t->steps[t->position].duration_ns;
}

static void record(Touch *t, int64_t held_ns, bool completed, int discomfort)
{
    t->records[t->nrecords++] =
        (TouchRecord){t->steps[t->position], held_ns, completed, discomfort};
}

void touch_rate(Touch *t, int discomfort, int64_t now)
{
    if (t->phase != TOUCH_PHASE_RATE || discomfort < -1 || discomfort > 10)
        return;
    record(t, t->steps[t->position].duration_ns, true, discomfort);
    if (++t->position == t->count)
        t->phase = TOUCH_PHASE_DONE;
    else
        begin_step(t, now);
}

void touch_pause(Touch *t, int64_t now)
{
    touch_advance(t, now);
    if (t->phase != TOUCH_PHASE_STEP && t->phase != TOUCH_PHASE_RATE)
        return;
    if (t->phase == TOUCH_PHASE_STEP)
        t->held_before = held(t, now);
    t->paused_from = t->phase;
    t->paused_at = now;
    t->phase = TOUCH_PHASE_PAUSED;
}

void touch_resume(Touch *t, int64_t now)
{
    if (t->phase != TOUCH_PHASE_PAUSED)
        return;
    t->phase = t->paused_from;
    t->step_start = now;
}

void touch_stop(Touch *t, int64_t now)
{
    touch_advance(t, now);
    TouchPhase from = touch_paused_phase(t);
    if (from == TOUCH_PHASE_DONE)
        return;
    if (from == TOUCH_PHASE_STEP)
        record(t, held(t, now), false, -1);
    else
        record(t, t->steps[t->position].duration_ns, true, -1);
    t->phase = TOUCH_PHASE_DONE;
    t->stopped_early = true;
}

bool touch_stopped_early(const Touch *t)
{
    return t->stopped_early;
}

int64_t touch_remaining_ns(const Touch *t, int64_t now)
{
    if (touch_paused_phase(t) != TOUCH_PHASE_STEP)
        return 0;
    int64_t left = t->steps[t->position].duration_ns - held(t, now);
    return left > 0 ? left : 0;
}

int64_t touch_step_ns(const Touch *t)
{
    return t->phase == TOUCH_PHASE_DONE ? 0 : t->steps[t->position].duration_ns;
}

size_t touch_position(const Touch *t)
{
    return t->position;
}

size_t touch_count(const Touch *t)
{
    return t->count;
}

const TouchStep *touch_current(const Touch *t)
{
    return t->phase == TOUCH_PHASE_DONE ? NULL : &t->steps[t->position];
}

const TouchRecord *touch_records(const Touch *t, size_t *n)
{
    *n = t->nrecords;
    return t->records;
}

/* ---- Progression ---- */

/* Whether an outcome is a flare: stopped because it hurt, or a discomfort
 * of rule->flare_discomfort or more. */
static bool flare(const TouchOutcome *o, const TouchRule *rule)
{
    return o->hurt || o->discomfort >= rule->flare_discomfort;
}

/* The finished, rated sessions at step with discomfort at most
 * rule->up_discomfort counted back from the last, up to rule->up_sessions,
 * until one at another step, stopped because it hurt or above it. */
static int good_run(const TouchOutcome *recent, size_t n, int step, const TouchRule *rule)
{
    int good = 0;
    for (size_t i = n; i-- > 0 && good < rule->up_sessions;) {
        const TouchOutcome *o = &recent[i];
        if (o->step != step || o->hurt || o->discomfort > rule->up_discomfort)
            break;
        if (o->finished && o->discomfort >= 0)
            good++;
    }
    return good;
}

int touch_progress(const TouchOutcome *recent, size_t n, int step, int steps, const TouchRule *rule)
{
    if (n == 0)
        return step;
    if (flare(&recent[n - 1], rule))
        return step > 1 ? step - 1 : 1;
    return good_run(recent, n, step, rule) == rule->up_sessions && step < steps ? step + 1 : step;
}

void touch_progress_words(const TouchOutcome *recent, size_t n, int step, int steps,
                          const TouchRule *rule, char *out, size_t cap)
{
    if (n == 0) {
        snprintf(out, cap, "No touch practice yet: step %d of %d is next.", step, steps);
        return;
    }
    const TouchOutcome *last = &recent[n - 1];
    if (flare(last, rule)) {
        char why[32] = "stopped because it hurt";
        if (!last->hurt)
            snprintf(why, sizeof why, "discomfort %d of 10", last->discomfort);
        snprintf(out, cap, "The last session was a flare (%s): step %d of %d is next.", why, step,
                 steps);
    } else if (step >= steps) {
        snprintf(out, cap, "Step %d of %d, the top of the ladder.", step, steps);
    } else {
        snprintf(out, cap,
                 "Step %d of %d: %d of the %d sessions in a row with discomfort %d or less (of "
                 "10) that move it up.",
                 step, steps, good_run(recent, n, step, rule), rule->up_sessions,
                 rule->up_discomfort);
    }
}
