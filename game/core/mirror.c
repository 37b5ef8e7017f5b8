#include "mirror.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MS 1000000LL
#define WATCH_MIN_NS (20000 * MS)

/* The session is a row of parts: part 0 is WATCH, part 1 SLOW, and part
 * 2 + i exercise i. Part boundaries are in session time (running time since
 * the start), so pauses move nothing. */
struct Mirror {
    MirrorSettings settings;
    Exercise *exercises;
    size_t n;
    MirrorLogEntry *log;
    size_t nlog;
    MirrorPhase phase;
    MirrorPhase paused_from;
    size_t part;
    int64_t total_ns;
    int64_t banked_ns;  /* session time before the current running stretch */
    int64_t run_start;  /* clock stamp that stretch began */
    int64_t part_start; /* session time */
    int64_t part_end;   /* session time */
    unsigned reached;
    size_t beat_part;  /* the part of the last beat poll, SIZE_MAX before any */
    int64_t beat_half; /* half cycles of that part completed at that poll */
    bool stopped_early;
};

static const char *const pace_names[] = {"slow", "medium", "normal"};
static const char *const phase_names[] = {"watch", "slow", "exercises", "paused", "done"};

MirrorSettings mirror_settings_default(void)
{
    return (MirrorSettings){.limb = LIMB_HAND,
                            .side = SIDE_LEFT,
                            .minutes = 5,
                            .pace = MIRROR_PACE_MEDIUM,
                            .tick = false};
}

int mirror_settings_check(const MirrorSettings *s, char *err, size_t errlen)
{
    if (s->limb != LIMB_HAND && s->limb != LIMB_FOOT)
        snprintf(err, errlen, "the limb must be hand or foot");
    else if (s->side != SIDE_LEFT && s->side != SIDE_RIGHT)
        snprintf(err, errlen, "the side must be left or right");
    else if (s->minutes < MIRROR_MINUTES_MIN || s->minutes > MIRROR_MINUTES_MAX)
        snprintf(err, errlen, "the session length must be from %d to %d minutes",
                 MIRROR_MINUTES_MIN, MIRROR_MINUTES_MAX);
    else if (s->pace != MIRROR_PACE_SLOW && s->pace != MIRROR_PACE_MEDIUM &&
             s->pace != MIRROR_PACE_NORMAL)
        snprintf(err, errlen, "the pace must be slow, medium or normal");
    else
        return 0;
    return -1;
}

const char *mirror_pace_name(MirrorPace pace)
{
    return pace_names[pace];
}

const char *mirror_phase_name(MirrorPhase phase)
{
    return phase_names[phase];
}

int64_t mirror_cycle_ns(const Exercise *e, MirrorPace pace)
{
    static const int64_t halves[] = {4, 3, 2}; /* the cycle in halves of cycle_ms */
    return (int64_t)e->cycle_ms * MS * halves[pace] / 2;
}

Mirror *mirror_create(const Exercises *ex, const MirrorSettings *settings, char *err, size_t errlen)
{
    if (mirror_settings_check(settings, err, errlen))
        return NULL;
    size_t n = 0; /* at least 1: exercises_parse() wants every limb */
    for (size_t i = 0; i < exercises_count(ex); i++)
        n += exercises_get(ex, i)->limb == settings->limb;
    Mirror *m = calloc(1, sizeof *m);
    if (m) {
        m->exercises = malloc(n * sizeof *m->exercises);
        m->log = calloc(n + 2, sizeof *m->log);
    }
    if (!m || !m->exercises || !m->log) {
        mirror_destroy(m);
        snprintf(err, errlen, "out of memory while starting the session");
        return NULL;
    }
    for (size_t i = 0; i < exercises_count(ex); i++)
        if (exercises_get(ex, i)->limb == settings->limb)
            m->exercises[m->n++] = *exercises_get(ex, i);
    m->settings = *settings;
    m->total_ns = (int64_t)settings->minutes * 60000 * MS;
    m->phase = MIRROR_WATCH;
    return m;
}

void mirror_destroy(Mirror *m)
{
    if (!m)
        return;
    free(m->exercises);
    free(m->log);
    free(m);
}

static bool running(const Mirror *m)
{
    return m->phase == MIRROR_WATCH || m->phase == MIRROR_SLOW || m->phase == MIRROR_EXERCISES;
}

static MirrorPhase phase_of(size_t part)
{
    return part == 0 ? MIRROR_WATCH : part == 1 ? MIRROR_SLOW : MIRROR_EXERCISES;
}

static const Exercise *exercise_of(const Mirror *m, size_t part)
{
    return &m->exercises[part < 2 ? 0 : part - 2];
}

static void enter_part(Mirror *m, size_t part, int64_t t)
{
    m->part = part;
    m->part_start = t;
    if (part == 0) {
        int64_t tenth = m->total_ns / 10;
        m->part_end = t + (tenth > WATCH_MIN_NS ? tenth : WATCH_MIN_NS);
    } else if (part == 1) {
        m->part_end = t + m->total_ns / 5;
    } else {
        /* An equal share of what is left, so time saved by Next goes to
         * the exercises still to come and the last one ends the session. */
        m->part_end = t + (m->total_ns - t) / (int64_t)(m->n - (part - 2));
    }
    m->phase = phase_of(part);
    m->reached |= 1u << m->phase;
}

static void close_part(Mirror *m, int64_t t)
{
    MirrorLogEntry *e = &m->log[m->nlog++];
    memcpy(e->exercise, exercise_of(m, m->part)->id, sizeof e->exercise);
    e->phase = phase_of(m->part);
    e->start_ms = m->part_start / MS;
    e->duration_ms = t / MS - e->start_ms;
}

static void finish(Mirror *m, int64_t t)
{
    m->banked_ns = t;
    m->phase = MIRROR_DONE;
}

void mirror_start(Mirror *m, int64_t now)
{
    m->banked_ns = 0;
    m->run_start = now;
    m->nlog = 0;
    m->reached = 0;
    m->beat_part = SIZE_MAX;
    m->stopped_early = false;
    enter_part(m, 0, 0);
}

MirrorPhase mirror_phase(const Mirror *m)
{
    return m->phase;
}

MirrorPhase mirror_paused_phase(const Mirror *m)
{
    return m->phase == MIRROR_PAUSED ? m->paused_from : m->phase;
}

int64_t mirror_elapsed_ns(const Mirror *m, int64_t now)
{
    return running(m) ? m->banked_ns + (now - m->run_start) : m->banked_ns;
}

int64_t mirror_remaining_ns(const Mirror *m, int64_t now)
{
    int64_t left = m->total_ns - mirror_elapsed_ns(m, now);
    return m->phase == MIRROR_DONE || left < 0 ? 0 : left;
}

void mirror_advance(Mirror *m, int64_t now)
{
    int64_t spent = mirror_elapsed_ns(m, now);
    while (running(m) && m->part_end <= spent) {
        int64_t t = m->part_end;
        close_part(m, t);
        if (m->part + 1 == m->n + 2)
            finish(m, t);
        else
            enter_part(m, m->part + 1, t);
    }
}

bool mirror_next(Mirror *m, int64_t now)
{
    mirror_advance(m, now);
    if (!running(m) || m->part + 1 == m->n + 2)
        return false;
    int64_t t = mirror_elapsed_ns(m, now);
    close_part(m, t);
    enter_part(m, m->part + 1, t);
    return true;
}

void mirror_pause(Mirror *m, int64_t now)
{
    mirror_advance(m, now);
    if (!running(m))
        return;
    m->banked_ns = mirror_elapsed_ns(m, now);
    m->paused_from = m->phase;
    m->phase = MIRROR_PAUSED;
}

void mirror_resume(Mirror *m, int64_t now)
{
    if (m->phase != MIRROR_PAUSED)
        return;
    m->phase = m->paused_from;
    m->run_start = now;
}

void mirror_stop(Mirror *m, int64_t now)
{
    mirror_advance(m, now);
    if (m->phase == MIRROR_DONE)
        return;
    int64_t t = mirror_elapsed_ns(m, now);
    close_part(m, t);
    finish(m, t);
    m->stopped_early = true;
}

bool mirror_stopped_early(const Mirror *m)
{
    return m->stopped_early;
}

const Exercise *mirror_exercise(const Mirror *m)
{
    return m->phase == MIRROR_DONE ? NULL : exercise_of(m, m->part);
}

size_t mirror_exercise_position(const Mirror *m)
{
    return m->part < 2 ? 0 : m->part - 2;
}

size_t mirror_exercise_count(const Mirror *m)
{
    return m->n;
}

/* The cycle length of the part on screen; 0 when nothing moves. */
static int64_t current_cycle_ns(const Mirror *m)
{
    MirrorPhase phase = mirror_paused_phase(m);
    if (phase == MIRROR_SLOW)
        return mirror_cycle_ns(exercise_of(m, m->part), MIRROR_PACE_SLOW);
    if (phase == MIRROR_EXERCISES)
        return mirror_cycle_ns(exercise_of(m, m->part), m->settings.pace);
    return 0;
}

MirrorFrame mirror_frame(const Mirror *m, int64_t now)
{
    int64_t cycle = current_cycle_ns(m);
    if (cycle == 0)
        return (MirrorFrame){0, 0, 0.0};
    int frames = exercise_of(m, m->part)->frames;
    int64_t in_part = mirror_elapsed_ns(m, now) - m->part_start;
    int64_t pos = (in_part > 0 ? in_part % cycle : 0) * frames;
    int frame = (int)(pos / cycle);
    return (MirrorFrame){frame, (frame + 1) % frames, (double)(pos % cycle) / (double)cycle};
}

bool mirror_beat(Mirror *m, int64_t now)
{
    int64_t cycle = current_cycle_ns(m);
    if (cycle == 0 || m->phase == MIRROR_PAUSED)
        return false;
    int64_t in_part = mirror_elapsed_ns(m, now) - m->part_start;
    int64_t half = in_part > 0 ? in_part * 2 / cycle : 0;
    if (m->beat_part == m->part && m->beat_half == half)
        return false;
    m->beat_part = m->part;
    m->beat_half = half;
    return true;
}

unsigned mirror_phases_reached(const Mirror *m)
{
    return m->reached;
}

const MirrorLogEntry *mirror_log(const Mirror *m, size_t *n)
{
    *n = m->nlog;
    return m->log;
}
