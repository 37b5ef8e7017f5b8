/* Mirror therapy on a fake clock: phase boundaries, pauses that do not
 * count, Next, stop mid-phase, the animation frame at known times for each
 * pace, beats on irregular frames, and the log adding up to the time spent. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "mirror.h"
#include "rng.h"

#define MS 1000000LL
#define S (1000 * MS)

static const char fixture[] =
    "id,limb,title,frames,cycle_ms,instruction\n"
    "hand-fist,hand,Open and close your hand,24,4000,Make a fist then open your hand\n"
    "foot-ankle,foot,Ankle up and down,20,5000,Lift your toes then point them\n"
    "hand-spread,hand,Spread your fingers,12,3000,Spread your fingers then close them\n"
    "hand-thumb,hand,Thumb to each fingertip,16,2000,Touch each fingertip with your thumb\n";

/* A session over the fixture, which it outlives: the session keeps copies. */
static Mirror *make_with(const MirrorSettings *s, char *err, size_t errlen)
{
    Exercises *ex = exercises_parse(fixture, strlen(fixture), "fixture", err, errlen);
    CHECK_MSG(ex != NULL, "%s", err);
    Mirror *m = ex ? mirror_create(ex, s, err, errlen) : NULL;
    exercises_destroy(ex);
    return m;
}

static Mirror *make(Limb limb, int minutes, MirrorPace pace)
{
    MirrorSettings s = mirror_settings_default();
    s.limb = limb;
    s.minutes = minutes;
    s.pace = pace;
    char err[128] = "";
    Mirror *m = make_with(&s, err, sizeof err);
    CHECK_MSG(m != NULL, "%s", err);
    return m;
}

/* The sum of the log's durations, checking the parts follow each other. */
static int64_t log_total_ms(const Mirror *m)
{
    size_t n;
    const MirrorLogEntry *log = mirror_log(m, &n);
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK_MSG(log[i].start_ms == total, "entry %zu starts at %lld, not %lld", i,
                  (long long)log[i].start_ms, (long long)total);
        total += log[i].duration_ms;
    }
    return total;
}

static void check_entry(const Mirror *m, size_t i, const char *id, MirrorPhase phase,
                        int64_t start_ms, int64_t duration_ms)
{
    size_t n;
    const MirrorLogEntry *log = mirror_log(m, &n);
    CHECK_MSG(i < n, "entry %zu missing (%zu entries)", i, n);
    if (i >= n)
        return;
    CHECK_MSG(strcmp(log[i].exercise, id) == 0, "entry %zu: %s", i, log[i].exercise);
    CHECK_MSG(log[i].phase == phase, "entry %zu: phase %d", i, log[i].phase);
    CHECK_MSG(log[i].start_ms == start_ms, "entry %zu: start %lld", i, (long long)log[i].start_ms);
    CHECK_MSG(log[i].duration_ms == duration_ms, "entry %zu: duration %lld", i,
              (long long)log[i].duration_ms);
}

static void test_settings(void)
{
    MirrorSettings d = mirror_settings_default();
    CHECK(d.minutes == 5 && d.pace == MIRROR_PACE_MEDIUM && !d.tick);
    char err[128] = "";
    CHECK(mirror_settings_check(&d, err, sizeof err) == 0);
    static const struct {
        int minutes;
        int pace;
        const char *expect; /* NULL: valid */
    } cases[] = {
        {1, MIRROR_PACE_SLOW, NULL},
        {30, MIRROR_PACE_NORMAL, NULL},
        {0, MIRROR_PACE_MEDIUM, "the session length must be from 1 to 30 minutes"},
        {31, MIRROR_PACE_MEDIUM, "the session length must be from 1 to 30 minutes"},
        {5, 3, "the pace must be slow, medium or normal"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MirrorSettings s = d;
        s.minutes = cases[i].minutes;
        s.pace = (MirrorPace)cases[i].pace;
        err[0] = '\0';
        int rc = mirror_settings_check(&s, err, sizeof err);
        if (!cases[i].expect) {
            CHECK_MSG(rc == 0, "case %zu: %s", i, err);
            continue;
        }
        CHECK_MSG(rc == -1 && strcmp(err, cases[i].expect) == 0, "case %zu: '%s'", i, err);
        err[0] = '\0';
        CHECK(make_with(&s, err, sizeof err) == NULL);
        CHECK(strcmp(err, cases[i].expect) == 0);
    }
    static const char *const paces[] = {"slow", "medium", "normal"};
    for (int i = 0; i < 3; i++)
        CHECK(strcmp(mirror_pace_name((MirrorPace)i), paces[i]) == 0);
    CHECK(strcmp(mirror_phase_name(MIRROR_WATCH), "watch") == 0);
    CHECK(strcmp(mirror_phase_name(MIRROR_EXERCISES), "exercises") == 0);

    const Exercise odd = {.id = "x", .frames = 12, .cycle_ms = 1001};
    CHECK(mirror_cycle_ns(&odd, MIRROR_PACE_SLOW) == 2002 * MS);
    CHECK(mirror_cycle_ns(&odd, MIRROR_PACE_MEDIUM) == 1501500 * 1000LL);
    CHECK(mirror_cycle_ns(&odd, MIRROR_PACE_NORMAL) == 1001 * MS);
    mirror_destroy(NULL);
}

/* Five minutes of hands: watch 30 s, slow 60 s, three exercises of 70 s. */
static void test_boundaries(void)
{
    Mirror *m = make(LIMB_HAND, 5, MIRROR_PACE_MEDIUM);
    const int64_t t0 = 7777 * S;
    mirror_start(m, t0);
    static const struct {
        int64_t at;
        MirrorPhase phase;
        const char *exercise; /* NULL when done */
        size_t position;
        unsigned reached; /* bits 1u << phase */
    } steps[] = {
        {0, MIRROR_WATCH, "hand-fist", 0, 1u},
        {30 * S - 1, MIRROR_WATCH, "hand-fist", 0, 1u},
        {30 * S, MIRROR_SLOW, "hand-fist", 0, 3u},
        {90 * S - 1, MIRROR_SLOW, "hand-fist", 0, 3u},
        {90 * S, MIRROR_EXERCISES, "hand-fist", 0, 7u},
        {160 * S - 1, MIRROR_EXERCISES, "hand-fist", 0, 7u},
        {160 * S, MIRROR_EXERCISES, "hand-spread", 1, 7u},
        {230 * S, MIRROR_EXERCISES, "hand-thumb", 2, 7u},
        {300 * S - 1, MIRROR_EXERCISES, "hand-thumb", 2, 7u},
        {300 * S, MIRROR_DONE, NULL, 2, 7u},
        {900 * S, MIRROR_DONE, NULL, 2, 7u},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int64_t now = t0 + steps[i].at;
        mirror_advance(m, now);
        CHECK_MSG(mirror_phase(m) == steps[i].phase, "step %zu: phase %d", i, mirror_phase(m));
        const Exercise *e = mirror_exercise(m);
        if (steps[i].exercise) {
            CHECK_MSG(e && strcmp(e->id, steps[i].exercise) == 0, "step %zu: %s", i,
                      e ? e->id : "none");
            CHECK(mirror_exercise_position(m) == steps[i].position);
        } else {
            CHECK_MSG(e == NULL, "step %zu: an exercise when done", i);
        }
        int64_t left = 300 * S - steps[i].at;
        CHECK_MSG(mirror_remaining_ns(m, now) == (left > 0 ? left : 0), "step %zu: %lld left", i,
                  (long long)mirror_remaining_ns(m, now));
        CHECK_MSG(mirror_phases_reached(m) == steps[i].reached, "step %zu: reached %x", i,
                  mirror_phases_reached(m));
    }
    CHECK(mirror_exercise_count(m) == 3);
    CHECK(!mirror_stopped_early(m));
    CHECK(mirror_elapsed_ns(m, t0 + 900 * S) == 300 * S);
    size_t n;
    mirror_log(m, &n);
    CHECK(n == 5);
    check_entry(m, 0, "hand-fist", MIRROR_WATCH, 0, 30000);
    check_entry(m, 1, "hand-fist", MIRROR_SLOW, 30000, 60000);
    check_entry(m, 2, "hand-fist", MIRROR_EXERCISES, 90000, 70000);
    check_entry(m, 3, "hand-spread", MIRROR_EXERCISES, 160000, 70000);
    check_entry(m, 4, "hand-thumb", MIRROR_EXERCISES, 230000, 70000);
    mirror_stop(m, t0 + 901 * S); /* after DONE: changes nothing */
    CHECK(!mirror_stopped_early(m));
    mirror_log(m, &n);
    CHECK(n == 5);
    mirror_destroy(m);
}

/* One minute of feet, advanced late: watch at least 20 s, slow 12 s, and
 * the one exercise gets the rest. */
static void test_short_session(void)
{
    Mirror *m = make(LIMB_FOOT, 1, MIRROR_PACE_NORMAL);
    mirror_start(m, 0);
    CHECK(strcmp(mirror_exercise(m)->id, "foot-ankle") == 0);
    CHECK(mirror_exercise_count(m) == 1);
    mirror_advance(m, 33 * S); /* one call through WATCH and SLOW */
    CHECK(mirror_phase(m) == MIRROR_EXERCISES);
    mirror_advance(m, 61 * S);
    CHECK(mirror_phase(m) == MIRROR_DONE);
    check_entry(m, 0, "foot-ankle", MIRROR_WATCH, 0, 20000);
    check_entry(m, 1, "foot-ankle", MIRROR_SLOW, 20000, 12000);
    check_entry(m, 2, "foot-ankle", MIRROR_EXERCISES, 32000, 28000);
    CHECK(log_total_ms(m) == 60000);
    mirror_destroy(m);

    /* Three exercises in 28 s: shares of a third that still add up. */
    m = make(LIMB_HAND, 1, MIRROR_PACE_NORMAL);
    mirror_start(m, 0);
    mirror_advance(m, 60 * S);
    CHECK(mirror_phase(m) == MIRROR_DONE);
    check_entry(m, 2, "hand-fist", MIRROR_EXERCISES, 32000, 9333);
    check_entry(m, 3, "hand-spread", MIRROR_EXERCISES, 41333, 9333);
    check_entry(m, 4, "hand-thumb", MIRROR_EXERCISES, 50666, 9334);
    CHECK(log_total_ms(m) == 60000);
    mirror_destroy(m);
}

/* Paused time stops the session timer, the parts and the animation. */
static void test_pause(void)
{
    Mirror *m = make(LIMB_HAND, 5, MIRROR_PACE_MEDIUM);
    mirror_start(m, 0);
    mirror_advance(m, 40 * S);
    CHECK(mirror_phase(m) == MIRROR_SLOW);
    MirrorFrame before = mirror_frame(m, 40 * S);
    mirror_pause(m, 40 * S);
    CHECK(mirror_phase(m) == MIRROR_PAUSED && mirror_paused_phase(m) == MIRROR_SLOW);
    for (int64_t t = 40 * S; t <= 1040 * S; t += 100 * S) {
        mirror_advance(m, t);
        CHECK(mirror_phase(m) == MIRROR_PAUSED);
        CHECK(mirror_remaining_ns(m, t) == 260 * S);
        CHECK(mirror_elapsed_ns(m, t) == 40 * S);
        MirrorFrame f = mirror_frame(m, t);
        CHECK(f.frame == before.frame && f.blend == before.blend);
        CHECK(!mirror_beat(m, t));
    }
    CHECK(strcmp(mirror_exercise(m)->id, "hand-fist") == 0);
    CHECK(!mirror_next(m, 1040 * S)); /* not while paused */
    mirror_pause(m, 1041 * S);        /* already paused: no change */
    mirror_resume(m, 1100 * S);
    CHECK(mirror_phase(m) == MIRROR_SLOW);
    mirror_resume(m, 1200 * S); /* not paused: no change */
    CHECK(mirror_remaining_ns(m, 1100 * S) == 260 * S);
    /* SLOW ends 50 s of session time later. */
    mirror_advance(m, 1150 * S - 1);
    CHECK(mirror_phase(m) == MIRROR_SLOW);
    mirror_advance(m, 1150 * S);
    CHECK(mirror_phase(m) == MIRROR_EXERCISES);
    /* A pause stamped after a missed end takes effect after it. */
    mirror_pause(m, 1225 * S);
    CHECK(mirror_paused_phase(m) == MIRROR_EXERCISES);
    CHECK(strcmp(mirror_exercise(m)->id, "hand-spread") == 0);
    CHECK(mirror_elapsed_ns(m, 1225 * S) == 165 * S);
    mirror_resume(m, 2000 * S);
    mirror_advance(m, 2135 * S);
    CHECK(mirror_phase(m) == MIRROR_DONE && !mirror_stopped_early(m));
    CHECK(log_total_ms(m) == 300000);
    check_entry(m, 1, "hand-fist", MIRROR_SLOW, 30000, 60000);
    mirror_destroy(m);
}

static void test_next(void)
{
    Mirror *m = make(LIMB_HAND, 5, MIRROR_PACE_MEDIUM);
    mirror_start(m, 0);
    CHECK(mirror_next(m, 10 * S));
    CHECK(mirror_phase(m) == MIRROR_SLOW);
    CHECK(mirror_next(m, 20 * S));
    CHECK(mirror_phase(m) == MIRROR_EXERCISES && mirror_exercise_position(m) == 0);
    /* The time saved goes to the exercises: (300 - 20) / 3 s each. */
    mirror_advance(m, 113 * S);
    CHECK(mirror_exercise_position(m) == 0);
    mirror_advance(m, 113334 * MS);
    CHECK(mirror_exercise_position(m) == 1);
    CHECK(mirror_next(m, 150 * S));
    CHECK(mirror_exercise_position(m) == 2);
    CHECK(!mirror_next(m, 200 * S)); /* the last one runs to the end */
    CHECK(mirror_exercise_position(m) == 2 && mirror_phase(m) == MIRROR_EXERCISES);
    CHECK(mirror_remaining_ns(m, 200 * S) == 100 * S);
    mirror_advance(m, 300 * S);
    CHECK(mirror_phase(m) == MIRROR_DONE && !mirror_stopped_early(m));
    CHECK(!mirror_next(m, 301 * S));
    check_entry(m, 0, "hand-fist", MIRROR_WATCH, 0, 10000);
    check_entry(m, 1, "hand-fist", MIRROR_SLOW, 10000, 10000);
    check_entry(m, 2, "hand-fist", MIRROR_EXERCISES, 20000, 93333);
    check_entry(m, 3, "hand-spread", MIRROR_EXERCISES, 113333, 36667);
    check_entry(m, 4, "hand-thumb", MIRROR_EXERCISES, 150000, 150000);
    CHECK(log_total_ms(m) == 300000);
    CHECK(mirror_phases_reached(m) == 7u);
    mirror_destroy(m);
}

static void test_stop(void)
{
    static const struct {
        const char *what;
        int64_t pause_at; /* 0: no pause */
        int64_t stop_at;
        int64_t spent; /* session time at the stop */
        size_t entries;
        const char *last;
        MirrorPhase last_phase;
        unsigned reached;
    } cases[] = {
        {"at the start", 0, 0, 0, 1, "hand-fist", MIRROR_WATCH, 1u},
        {"in watch", 0, 10500 * MS, 10500 * MS, 1, "hand-fist", MIRROR_WATCH, 1u},
        {"in slow", 0, 45 * S, 45 * S, 2, "hand-fist", MIRROR_SLOW, 3u},
        {"in an exercise", 0, 170 * S + 500 * 1000, 170 * S + 500 * 1000, 4, "hand-spread",
         MIRROR_EXERCISES, 7u},
        {"paused", 100 * S + 999999, 500 * S, 100 * S + 999999, 3, "hand-fist", MIRROR_EXERCISES,
         7u},
        {"late, past an end", 0, 31 * S, 31 * S, 2, "hand-fist", MIRROR_SLOW, 3u},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Mirror *m = make(LIMB_HAND, 5, MIRROR_PACE_NORMAL);
        mirror_start(m, 0);
        if (cases[i].pause_at)
            mirror_pause(m, cases[i].pause_at);
        mirror_stop(m, cases[i].stop_at);
        CHECK_MSG(mirror_phase(m) == MIRROR_DONE && mirror_stopped_early(m), "%s", cases[i].what);
        CHECK_MSG(mirror_exercise(m) == NULL && mirror_remaining_ns(m, cases[i].stop_at) == 0, "%s",
                  cases[i].what);
        CHECK_MSG(mirror_elapsed_ns(m, cases[i].stop_at + 50 * S) == cases[i].spent, "%s",
                  cases[i].what);
        CHECK_MSG(!mirror_beat(m, cases[i].stop_at), "%s", cases[i].what);
        size_t n;
        const MirrorLogEntry *log = mirror_log(m, &n);
        CHECK_MSG(n == cases[i].entries, "%s: %zu entries", cases[i].what, n);
        if (n == cases[i].entries) {
            CHECK_MSG(strcmp(log[n - 1].exercise, cases[i].last) == 0, "%s", cases[i].what);
            CHECK_MSG(log[n - 1].phase == cases[i].last_phase, "%s", cases[i].what);
        }
        CHECK_MSG(log_total_ms(m) == cases[i].spent / MS, "%s: log %lld ms", cases[i].what,
                  (long long)log_total_ms(m));
        CHECK_MSG(mirror_phases_reached(m) == cases[i].reached, "%s", cases[i].what);
        mirror_advance(m, 1000 * S);
        mirror_log(m, &n);
        CHECK_MSG(n == cases[i].entries, "%s", cases[i].what);
        mirror_destroy(m);
    }
}

/* The frame shown at known times: 24 frames a cycle of hand-fist, whose
 * cycle is 4 s at normal pace, 6 s at medium, 8 s at slow (and in SLOW). */
static void test_frames(void)
{
    static const struct {
        MirrorPace pace;
        int64_t at; /* session time */
        int frame, next;
        double blend;
    } cases[] = {
        /* WATCH: the still picture. */
        {MIRROR_PACE_NORMAL, 0, 0, 0, 0.0},
        {MIRROR_PACE_NORMAL, 17 * S, 0, 0, 0.0},
        /* SLOW from 30 s: 8 s a cycle whatever the pace. */
        {MIRROR_PACE_NORMAL, 30 * S, 0, 1, 0.0},
        {MIRROR_PACE_NORMAL, 32500 * MS, 7, 8, 0.5},
        {MIRROR_PACE_MEDIUM, 32500 * MS, 7, 8, 0.5},
        {MIRROR_PACE_NORMAL, 46500 * MS, 1, 2, 0.5}, /* second cycle */
        /* EXERCISES from 90 s. */
        {MIRROR_PACE_NORMAL, 90 * S, 0, 1, 0.0},
        {MIRROR_PACE_NORMAL, 91 * S, 6, 7, 0.0},
        {MIRROR_PACE_NORMAL, 91250 * MS, 7, 8, 0.5},
        {MIRROR_PACE_NORMAL, 93900 * MS, 23, 0, 0.4}, /* the last frame fades into the first */
        {MIRROR_PACE_NORMAL, 94 * S, 0, 1, 0.0},      /* wrapped round */
        {MIRROR_PACE_NORMAL, 99250 * MS, 7, 8, 0.5},
        {MIRROR_PACE_MEDIUM, 91875 * MS, 7, 8, 0.5},
        {MIRROR_PACE_MEDIUM, 95900 * MS, 23, 0, 0.6},
        {MIRROR_PACE_MEDIUM, 96 * S, 0, 1, 0.0},
        {MIRROR_PACE_SLOW, 92500 * MS, 7, 8, 0.5},
        {MIRROR_PACE_SLOW, 98 * S, 0, 1, 0.0},
        {MIRROR_PACE_SLOW, 100500 * MS, 7, 8, 0.5},
        /* hand-spread from 160 s: 12 frames, 3 s at normal pace. */
        {MIRROR_PACE_NORMAL, 161 * S, 4, 5, 0.0},
        {MIRROR_PACE_NORMAL, 162375 * MS, 9, 10, 0.5},
        {MIRROR_PACE_NORMAL, 162875 * MS, 11, 0, 0.5},
        {MIRROR_PACE_NORMAL, 163 * S, 0, 1, 0.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Mirror *m = make(LIMB_HAND, 5, cases[i].pace);
        const int64_t t0 = 123456789;
        mirror_start(m, t0);
        mirror_advance(m, t0 + cases[i].at);
        MirrorFrame f = mirror_frame(m, t0 + cases[i].at);
        CHECK_MSG(f.frame == cases[i].frame && f.next == cases[i].next &&
                      fabs(f.blend - cases[i].blend) < 1e-9,
                  "case %zu: frame %d next %d blend %f", i, f.frame, f.next, f.blend);
        mirror_destroy(m);
    }
}

/* Beats at known times in hand-fist at normal pace (half a cycle is 2 s),
 * from 90 s of session time. */
static void test_beats_known(void)
{
    static const struct {
        int64_t at; /* from the start of the exercise */
        bool beat;
    } polls[] = {
        {-1, true},          /* the first poll in SLOW */
        {0, true},           /* a new exercise starts its first cycle */
        {16 * MS, false},    /* one frame later */
        {1999 * MS, false},  /* just before half way */
        {2000 * MS, true},   /* half way */
        {2001 * MS, false},  /* just after */
        {5900 * MS, true},   /* the second cycle began at 4 s, seen late */
        {6000 * MS, true},   /* its half */
        {6000 * MS, false},  /* the same moment polled twice */
        {9999 * MS, true},   /* crossed 8 s */
        {14500 * MS, true},  /* crossed 10, 12 and 14 s: one beat */
        {14600 * MS, false}, /* nothing new */
        {16 * S - 1, false}, /* just before 16 s */
        {16 * S, true},      /* 16 s */
        {70 * S - 1, true},  /* the end of the exercise: crossed 68 s */
        {70 * S, true},      /* the next exercise starts */
        {70 * S + 1, false}, /* just after */
        {71500 * MS, true},  /* hand-spread: 3 s cycles, half at 1.5 s */
    };
    Mirror *m = make(LIMB_HAND, 5, MIRROR_PACE_NORMAL);
    mirror_start(m, 0);
    for (int64_t t = 0; t < 30 * S; t += 250 * MS) {
        mirror_advance(m, t);
        CHECK_MSG(!mirror_beat(m, t), "a beat in WATCH at %lld", (long long)t);
    }
    for (size_t i = 0; i < sizeof polls / sizeof polls[0]; i++) {
        int64_t now = 90 * S + polls[i].at;
        mirror_advance(m, now);
        CHECK_MSG(mirror_beat(m, now) == polls[i].beat, "poll %zu at %lld", i,
                  (long long)polls[i].at);
    }
    mirror_destroy(m);
}

/* The moments a beat falls due in a five-minute hand session at medium
 * pace, in session time: each part's start and every half cycle after it. */
static size_t beat_moments(int64_t *out, size_t cap)
{
    static const struct {
        int64_t start, end, cycle;
    } parts[] = {
        {30 * S, 90 * S, 8 * S},       /* SLOW: hand-fist at slow pace */
        {90 * S, 160 * S, 6 * S},      /* hand-fist */
        {160 * S, 230 * S, 4500 * MS}, /* hand-spread */
        {230 * S, 300 * S, 3 * S},     /* hand-thumb */
    };
    size_t n = 0;
    for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++)
        for (int64_t t = parts[p].start; t < parts[p].end && n < cap; t += parts[p].cycle / 2)
            out[n++] = t;
    return n;
}

/* Polled on irregular frames, with stalls and pauses: a beat comes exactly
 * on the polls that follow one or more due moments, never on others. */
static void test_beats_irregular(void)
{
    int64_t moments[512];
    size_t nmoments = beat_moments(moments, 512);
    for (uint64_t seed = 0; seed < 20; seed++) {
        Rng rng;
        rng_seed(&rng, seed);
        Mirror *m = make(LIMB_HAND, 5, MIRROR_PACE_MEDIUM);
        const int64_t t0 = 5 * S;
        mirror_start(m, t0);
        int64_t now = t0, paused_total = 0, previous = -1;
        size_t beats = 0, stalls = 0;
        while (mirror_phase(m) != MIRROR_DONE) {
            uint32_t r = rng_below(&rng, 100);
            now += r == 0 ? 2500 * MS : rng_range(&rng, 1 * MS, 60 * MS);
            stalls += r == 0;
            if (r == 1) {
                mirror_pause(m, now);
                int64_t pause = rng_range(&rng, 0, 20 * S);
                CHECK(!mirror_beat(m, now + pause / 2));
                mirror_resume(m, now + pause);
                now += pause;
                paused_total += pause;
            }
            mirror_advance(m, now);
            int64_t spent = now - t0 - paused_total;
            CHECK(mirror_elapsed_ns(m, now) == (spent < 300 * S ? spent : 300 * S));
            size_t due = 0;
            for (size_t i = 0; i < nmoments; i++)
                due += moments[i] > previous && moments[i] <= spent;
            /* Once the session is over nothing beats, even if a moment fell
             * between the last poll and the end. */
            bool expect = due > 0 && mirror_phase(m) != MIRROR_DONE;
            bool beat = mirror_beat(m, now);
            CHECK_MSG(beat == expect, "seed %llu at %lld ms: beat %d, %zu due",
                      (unsigned long long)seed, (long long)(spent / MS), beat, due);
            beats += beat;
            previous = spent;
        }
        /* Moments are at least 1.5 s apart, so a stall of 2.5 s merges at
         * most two into one beat, and a short gap only the last moment of a
         * part with the start of the next (three such meetings) or the
         * last moment with the end. */
        CHECK_MSG(beats + stalls + 4 >= nmoments && beats <= nmoments,
                  "%zu beats, %zu moments, %zu stalls", beats, nmoments, stalls);
        CHECK(log_total_ms(m) == 300000);
        mirror_destroy(m);
    }
}

int main(void)
{
    test_settings();
    test_boundaries();
    test_short_session();
    test_pause();
    test_next();
    test_stop();
    test_frames();
    test_beats_known();
    test_beats_irregular();
    return check_exit();
}
