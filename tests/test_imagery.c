/* Explicit motor imagery on a fake clock: phase boundaries in timed and
 * self-paced sets, Next, pauses that do not count, stop mid-phase; the
 * settings, the instruction text and the choice of pictures. */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "check.h"
#include "imagery.h"

#define MS 1000000LL
#define S (1000 * MS)

static const Stimulus three[3] = {
    {.picture = 4, .side = SIDE_LEFT},
    {.picture = 7, .side = SIDE_LEFT},
    {.picture = 2, .side = SIDE_LEFT},
};

static Imagery *make(int count, int hold_ms, int rest_ms, ImageryPace pace)
{
    ImagerySettings s = imagery_settings_default();
    s.count = count;
    s.hold_ms = hold_ms;
    s.rest_ms = rest_ms;
    s.pace = pace;
    char err[128] = "";
    Imagery *im = imagery_create(&s, three, err, sizeof err);
    CHECK_MSG(im != NULL, "%s", err);
    return im;
}

static void check_record(const Imagery *im, size_t i, uint32_t picture, int64_t shown, int64_t held,
                         bool finished)
{
    size_t n;
    const ImageryRecord *r = imagery_records(im, &n);
    CHECK_MSG(i < n, "record %zu missing (%zu records)", i, n);
    if (i >= n)
        return;
    CHECK_MSG(r[i].stimulus.picture == picture, "record %zu: picture %u", i,
              (unsigned)r[i].stimulus.picture);
    CHECK_MSG(r[i].shown_ns == shown, "record %zu: shown at %lld", i, (long long)r[i].shown_ns);
    CHECK_MSG(r[i].held_ns == held, "record %zu: held %lld", i, (long long)r[i].held_ns);
    CHECK_MSG(r[i].finished == finished, "record %zu: finished %d", i, r[i].finished);
}

static size_t record_count(const Imagery *im)
{
    size_t n;
    imagery_records(im, &n);
    return n;
}

static void test_settings(void)
{
    ImagerySettings d = imagery_settings_default();
    CHECK(d.count == 10 && d.hold_ms == 10000 && d.rest_ms == 5000 && d.pace == IMAGERY_TIMED);
    char err[128] = "";
    CHECK(imagery_settings_check(&d, err, sizeof err) == 0);
    static const struct {
        int count, hold_ms, rest_ms;
        const char *expect; /* NULL: valid */
    } cases[] = {
        {1, 3000, 0, NULL},
        {30, 60000, 60000, NULL},
        {0, 10000, 5000, "the number of pictures must be from 1 to 30"},
        {31, 10000, 5000, "the number of pictures must be from 1 to 30"},
        {10, 2999, 5000, "the hold time must be from 3 to 60 s"},
        {10, 60001, 5000, "the hold time must be from 3 to 60 s"},
        {10, 10000, -1, "the rest time must be from 0 to 60 s"},
        {10, 10000, 60001, "the rest time must be from 0 to 60 s"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ImagerySettings s = d;
        s.count = cases[i].count;
        s.hold_ms = cases[i].hold_ms;
        s.rest_ms = cases[i].rest_ms;
        err[0] = '\0';
        int rc = imagery_settings_check(&s, err, sizeof err);
        if (!cases[i].expect) {
            CHECK_MSG(rc == 0, "case %zu: %s", i, err);
            continue;
        }
        CHECK_MSG(rc == -1 && strcmp(err, cases[i].expect) == 0, "case %zu: '%s'", i, err);
        /* The same settings cannot make a set. */
        err[0] = '\0';
        CHECK(imagery_create(&s, three, err, sizeof err) == NULL);
        CHECK(strcmp(err, cases[i].expect) == 0);
    }
    ImageryPace p = IMAGERY_TIMED;
    CHECK(imagery_pace_parse("self-paced", &p) == 0 && p == IMAGERY_SELF_PACED);
    CHECK(strcmp(imagery_pace_name(p), "self-paced") == 0);
    CHECK(imagery_pace_parse("timed", &p) == 0 && p == IMAGERY_TIMED);
    CHECK(strcmp(imagery_pace_name(p), "timed") == 0);
    CHECK(imagery_pace_parse("fast", &p) == -1 && p == IMAGERY_TIMED);
    imagery_destroy(NULL);
}

static void test_instruction(void)
{
    static const struct {
        Limb limb;
        Side side;
        const char *expect;
    } cases[] = {
        {LIMB_HAND, SIDE_LEFT, "Imagine moving your left hand into this position. Don't move it."},
        {LIMB_HAND, SIDE_RIGHT,
         "Imagine moving your right hand into this position. Don't move it."},
        {LIMB_FOOT, SIDE_LEFT, "Imagine moving your left foot into this position. Don't move it."},
        {LIMB_FOOT, SIDE_RIGHT,
         "Imagine moving your right foot into this position. Don't move it."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[IMAGERY_INSTRUCTION_MAX];
        imagery_instruction(cases[i].limb, cases[i].side, buf, sizeof buf);
        CHECK_MSG(strcmp(buf, cases[i].expect) == 0, "got '%s'", buf);
    }
    char small[12];
    imagery_instruction(LIMB_HAND, SIDE_LEFT, small, sizeof small);
    CHECK(strcmp(small, "Imagine mov") == 0);
}

/* A timed set of three: 10 s holds, 5 s rests, no rest after the last. */
static void test_timed_boundaries(void)
{
    Imagery *im = make(3, 10000, 5000, IMAGERY_TIMED);
    int64_t t0 = 1000 * S;
    imagery_start(im, t0);
    static const struct {
        int64_t at; /* from the start */
        ImageryPhase phase;
        size_t position;
        int64_t remaining, elapsed;
        size_t records;
    } steps[] = {
        {0, IMAGERY_HOLD, 0, 10 * S, 0, 0},
        {3 * S + 1, IMAGERY_HOLD, 0, 7 * S - 1, 3 * S + 1, 0},
        {10 * S - 1, IMAGERY_HOLD, 0, 1, 10 * S - 1, 0},
        {10 * S, IMAGERY_REST, 1, 5 * S, 0, 1},
        {15 * S - 1, IMAGERY_REST, 1, 1, 5 * S - 1, 1},
        {15 * S, IMAGERY_HOLD, 1, 10 * S, 0, 1},
        {25 * S, IMAGERY_REST, 2, 5 * S, 0, 2},
        {30 * S, IMAGERY_HOLD, 2, 10 * S, 0, 2},
        {40 * S - 1, IMAGERY_HOLD, 2, 1, 10 * S - 1, 2},
        {40 * S, IMAGERY_DONE, 3, 0, 0, 3},
        {100 * S, IMAGERY_DONE, 3, 0, 0, 3},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int64_t now = t0 + steps[i].at;
        imagery_advance(im, now);
        CHECK_MSG(imagery_phase(im) == steps[i].phase, "step %zu: phase %d", i, imagery_phase(im));
        CHECK_MSG(imagery_position(im) == steps[i].position, "step %zu: position %zu", i,
                  imagery_position(im));
        CHECK_MSG(imagery_remaining_ns(im, now) == steps[i].remaining, "step %zu: remaining %lld",
                  i, (long long)imagery_remaining_ns(im, now));
        CHECK_MSG(imagery_elapsed_ns(im, now) == steps[i].elapsed, "step %zu: elapsed %lld", i,
                  (long long)imagery_elapsed_ns(im, now));
        CHECK_MSG(record_count(im) == steps[i].records, "step %zu: %zu records", i,
                  record_count(im));
        if (steps[i].phase == IMAGERY_DONE)
            CHECK(imagery_current(im) == NULL && imagery_deadline(im) == IMAGERY_NO_DEADLINE);
        else
            CHECK(imagery_current(im)->picture == three[steps[i].position].picture);
    }
    check_record(im, 0, 4, t0, 10 * S, true);
    check_record(im, 1, 7, t0 + 15 * S, 10 * S, true);
    check_record(im, 2, 2, t0 + 30 * S, 10 * S, true);
    CHECK(!imagery_stopped_early(im));
    imagery_stop(im, t0 + 200 * S); /* after DONE: changes nothing */
    CHECK(!imagery_stopped_early(im) && record_count(im) == 3);
    imagery_destroy(im);
}

/* One late call moves through every phase that ended, each at its deadline. */
static void test_late_advance_and_no_rest(void)
{
    Imagery *im = make(3, 4000, 2000, IMAGERY_TIMED);
    imagery_start(im, 0);
    CHECK(imagery_deadline(im) == 4 * S);
    imagery_advance(im, 9 * S); /* hold 0-4, rest 4-6, hold 6-10 */
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 1);
    CHECK(imagery_deadline(im) == 10 * S);
    CHECK(imagery_remaining_ns(im, 9 * S) == 1 * S);
    check_record(im, 0, 4, 0, 4 * S, true);
    imagery_advance(im, 60 * S);
    CHECK(imagery_phase(im) == IMAGERY_DONE && record_count(im) == 3);
    check_record(im, 1, 7, 6 * S, 4 * S, true);
    check_record(im, 2, 2, 12 * S, 4 * S, true);
    imagery_destroy(im);

    /* Rest 0: the next picture follows at once. */
    im = make(2, 3000, 0, IMAGERY_TIMED);
    imagery_start(im, 0);
    imagery_advance(im, 3 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 1);
    CHECK(imagery_remaining_ns(im, 3 * S) == 3 * S);
    imagery_advance(im, 6 * S);
    CHECK(imagery_phase(im) == IMAGERY_DONE);
    check_record(im, 1, 7, 3 * S, 3 * S, true);
    imagery_destroy(im);

    /* ... and after Next as well, with no rest screen in between. */
    im = make(2, 3000, 0, IMAGERY_TIMED);
    imagery_start(im, 0);
    imagery_next(im, 1 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 1);
    CHECK(imagery_deadline(im) == 4 * S);
    imagery_destroy(im);
}

/* Self-paced: the timer runs down to 0 and stays; only Next moves on. */
static void test_self_paced(void)
{
    Imagery *im = make(2, 10000, 5000, IMAGERY_SELF_PACED);
    imagery_start(im, 0);
    CHECK(imagery_deadline(im) == IMAGERY_NO_DEADLINE);
    imagery_advance(im, 4 * S);
    CHECK(imagery_remaining_ns(im, 4 * S) == 6 * S);
    imagery_advance(im, 3600 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 0);
    CHECK(imagery_remaining_ns(im, 3600 * S) == 0);
    CHECK(imagery_elapsed_ns(im, 3600 * S) == 3600 * S);
    imagery_next(im, 3600 * S);
    CHECK(imagery_phase(im) == IMAGERY_REST && imagery_position(im) == 1);
    check_record(im, 0, 4, 0, 3600 * S, true);
    /* The rest ends by its timer in this pace too. */
    CHECK(imagery_deadline(im) == 3605 * S);
    imagery_advance(im, 3605 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 1);
    /* Next before the hold time is up ends the picture all the same. */
    imagery_next(im, 3607 * S);
    CHECK(imagery_phase(im) == IMAGERY_DONE && !imagery_stopped_early(im));
    check_record(im, 1, 7, 3605 * S, 2 * S, true);
    imagery_next(im, 3608 * S); /* ignored when done */
    CHECK(record_count(im) == 2);
    imagery_destroy(im);
}

/* Next in a timed set: cuts a hold short, or skips the rest. */
static void test_timed_next(void)
{
    Imagery *im = make(3, 10000, 5000, IMAGERY_TIMED);
    imagery_start(im, 0);
    imagery_next(im, 6 * S);
    CHECK(imagery_phase(im) == IMAGERY_REST && imagery_deadline(im) == 11 * S);
    check_record(im, 0, 4, 0, 6 * S, true);
    imagery_next(im, 7 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 1);
    CHECK(imagery_deadline(im) == 17 * S);
    /* Next stamped after a missed deadline: the hold ended at its deadline,
     * so this Next skips the rest that followed. */
    imagery_next(im, 18 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 2);
    CHECK(imagery_deadline(im) == 28 * S);
    check_record(im, 1, 7, 7 * S, 10 * S, true);
    imagery_destroy(im);
}

/* Paused time counts toward neither the hold nor the rest. */
static void test_pause(void)
{
    Imagery *im = make(2, 10000, 5000, IMAGERY_TIMED);
    imagery_start(im, 0);
    imagery_pause(im, 4 * S);
    CHECK(imagery_phase(im) == IMAGERY_PAUSED && imagery_paused_phase(im) == IMAGERY_HOLD);
    CHECK(imagery_deadline(im) == IMAGERY_NO_DEADLINE);
    imagery_advance(im, 500 * S);
    CHECK(imagery_phase(im) == IMAGERY_PAUSED);
    CHECK(imagery_remaining_ns(im, 500 * S) == 6 * S);
    CHECK(imagery_elapsed_ns(im, 500 * S) == 4 * S);
    CHECK(imagery_current(im)->picture == 4);
    imagery_next(im, 500 * S);  /* ignored while paused */
    imagery_pause(im, 501 * S); /* already paused: no change */
    CHECK(imagery_phase(im) == IMAGERY_PAUSED && record_count(im) == 0);
    imagery_resume(im, 600 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_deadline(im) == 606 * S);
    imagery_resume(im, 601 * S); /* not paused: no change */
    CHECK(imagery_deadline(im) == 606 * S);
    imagery_advance(im, 606 * S);
    CHECK(imagery_phase(im) == IMAGERY_REST);
    check_record(im, 0, 4, 0, 10 * S, true);
    /* Twice in one rest. */
    imagery_pause(im, 607 * S);
    CHECK(imagery_paused_phase(im) == IMAGERY_REST);
    imagery_resume(im, 700 * S);
    imagery_pause(im, 702 * S);
    imagery_resume(im, 800 * S);
    CHECK(imagery_remaining_ns(im, 800 * S) == 2 * S);
    imagery_advance(im, 802 * S - 1);
    CHECK(imagery_phase(im) == IMAGERY_REST);
    imagery_advance(im, 802 * S);
    CHECK(imagery_phase(im) == IMAGERY_HOLD && imagery_position(im) == 1);
    /* A pause stamped after a missed deadline takes effect after it. */
    imagery_pause(im, 815 * S);
    CHECK(imagery_phase(im) == IMAGERY_DONE && record_count(im) == 2);
    check_record(im, 1, 7, 802 * S, 10 * S, true);
    imagery_resume(im, 900 * S);
    CHECK(imagery_phase(im) == IMAGERY_DONE);
    imagery_destroy(im);
}

static void test_stop(void)
{
    static const struct {
        const char *what;
        int64_t pause_at; /* 0: no pause */
        int64_t stop_at;
        size_t records;
        int64_t last_held; /* of the last record */
        bool last_finished;
    } cases[] = {
        {"mid-hold", 0, 3 * S, 1, 3 * S, false},
        {"at the start", 0, 0, 1, 0, false},
        {"mid-rest", 0, 12 * S, 1, 10 * S, true},
        {"paused in a hold", 2 * S, 50 * S, 1, 2 * S, false},
        {"paused in a rest", 11 * S, 50 * S, 1, 10 * S, true},
        {"mid second hold", 0, 16 * S, 2, 1 * S, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Imagery *im = make(3, 10000, 5000, IMAGERY_TIMED);
        imagery_start(im, 0);
        if (cases[i].pause_at)
            imagery_pause(im, cases[i].pause_at);
        imagery_stop(im, cases[i].stop_at);
        CHECK_MSG(imagery_phase(im) == IMAGERY_DONE, "%s", cases[i].what);
        CHECK_MSG(imagery_stopped_early(im), "%s", cases[i].what);
        CHECK_MSG(imagery_current(im) == NULL, "%s", cases[i].what);
        size_t n;
        const ImageryRecord *r = imagery_records(im, &n);
        CHECK_MSG(n == cases[i].records, "%s: %zu records", cases[i].what, n);
        if (n == cases[i].records) {
            CHECK_MSG(r[n - 1].held_ns == cases[i].last_held, "%s: held %lld", cases[i].what,
                      (long long)r[n - 1].held_ns);
            CHECK_MSG(r[n - 1].finished == cases[i].last_finished, "%s", cases[i].what);
        }
        imagery_advance(im, 1000 * S);
        CHECK_MSG(record_count(im) == cases[i].records, "%s", cases[i].what);
        imagery_destroy(im);
    }
}

/* A small catalogue: 7 hand pictures in 4 postures and 3 views, a hand
 * picture with an object, and 2 foot pictures. */
static const char fixture[] =
    "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n"
    "f-a,p/a.png,foot,top,neutral,,light,female,1,0,other,left\n"
    "h-flat-back,p/a.png,hand,back,flat,,light,female,1,0;90,other,left\n"
    "h-flat-palm,p/a.png,hand,palm,flat,,light,female,1,0,other,left\n"
    "h-flat-side,p/a.png,hand,side,flat,,light,female,2,0,other,left\n"
    "h-fist-back,p/a.png,hand,back,fist,,light,female,1,0,other,left\n"
    "h-fist-palm,p/a.png,hand,palm,fist,,light,female,1,0,other,left\n"
    "h-cup,p/a.png,hand,back,curl,cup,light,female,4,0,other,left\n"
    "h-ok-back,p/a.png,hand,back,ok,,light,female,3,0,other,left\n"
    "h-spread-palm,p/a.png,hand,palm,spread,,light,female,1,0,other,left\n"
    "f-b,p/a.png,foot,sole,pointed,,light,female,1,0,other,left\n";

static int distinct_postures(const Catalogue *cat, const Stimulus *out, int n)
{
    int distinct = 0;
    for (int i = 0; i < n; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= strcmp(catalogue_get(cat, out[i].picture)->posture,
                           catalogue_get(cat, out[j].picture)->posture) == 0;
        distinct += !seen;
    }
    return distinct;
}

static void test_pick(void)
{
    char err[128] = "";
    Catalogue *cat = catalogue_parse(fixture, strlen(fixture), "fixture", err, sizeof err);
    CHECK_MSG(cat != NULL, "%s", err);
    if (!cat)
        return;
    size_t npics = catalogue_count(cat);
    static const struct {
        int count;
        Side side;
    } cases[] = {
        {1, SIDE_LEFT}, {4, SIDE_RIGHT}, {7, SIDE_LEFT}, {10, SIDE_RIGHT}, {30, SIDE_LEFT}};
    int firsts[16] = {0};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (uint64_t seed = 0; seed < 200; seed++) {
            Stimulus out[IMAGERY_COUNT_MAX];
            Rng rng;
            rng_seed(&rng, seed);
            int n = cases[c].count;
            CHECK(imagery_pick(cat, LIMB_HAND, cases[c].side, n, NULL, &rng, out, err,
                               sizeof err) == 0);
            int uses[16] = {0};
            for (int i = 0; i < n; i++) {
                const Picture *p = catalogue_get(cat, out[i].picture);
                CHECK(p->limb == LIMB_HAND && p->object[0] == '\0');
                CHECK(out[i].side == cases[c].side && out[i].rotation_deg == 0);
                /* No picture again while one is less used. */
                int least = n;
                for (size_t j = 0; j < npics; j++) {
                    const Picture *q = catalogue_get(cat, j);
                    if (q->limb == LIMB_HAND && !q->object[0] && uses[j] < least)
                        least = uses[j];
                }
                CHECK_MSG(uses[out[i].picture] == least, "count %d seed %llu: repeat at %d", n,
                          (unsigned long long)seed, i);
                uses[out[i].picture]++;
                CHECK_MSG(i == 0 || out[i].picture != out[i - 1].picture,
                          "count %d seed %llu: picture twice in a row at %d", n,
                          (unsigned long long)seed, i);
            }
            /* Every posture before any posture repeats. */
            CHECK_MSG(distinct_postures(cat, out, n < 4 ? n : 4) == (n < 4 ? n : 4),
                      "count %d seed %llu: postures repeat early", n, (unsigned long long)seed);
            /* Reproducible from the seed. */
            Stimulus again[IMAGERY_COUNT_MAX];
            rng_seed(&rng, seed);
            imagery_pick(cat, LIMB_HAND, cases[c].side, n, NULL, &rng, again, err, sizeof err);
            CHECK(memcmp(out, again, (size_t)n * sizeof *out) == 0);
            firsts[out[0].picture] = 1;
        }
    }
    /* The first picture varies with the seed. */
    int nfirsts = 0;
    for (int i = 0; i < 16; i++)
        nfirsts += firsts[i];
    CHECK(nfirsts >= 5);

    /* Two postures in two views each: the postures take turns. */
    static const char *const kept[] = {"h-flat-back", "h-flat-palm", "h-fist-back", "h-fist-palm"};
    bool excluded[16];
    for (size_t i = 0; i < npics; i++)
        excluded[i] = true;
    for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++)
        excluded[catalogue_find(cat, kept[k])] = false;
    for (uint64_t seed = 0; seed < 100; seed++) {
        Stimulus out[8];
        Rng rng;
        rng_seed(&rng, seed);
        CHECK(imagery_pick(cat, LIMB_HAND, SIDE_LEFT, 8, excluded, &rng, out, err, sizeof err) ==
              0);
        for (int i = 1; i < 8; i++)
            CHECK_MSG(strcmp(catalogue_get(cat, out[i].picture)->posture,
                             catalogue_get(cat, out[i - 1].picture)->posture) != 0,
                      "seed %llu: posture twice in a row at %d", (unsigned long long)seed, i);
        /* Views spread too: the second posture comes in the other view. */
        CHECK_MSG(strcmp(catalogue_get(cat, out[0].picture)->view,
                         catalogue_get(cat, out[1].picture)->view) != 0,
                  "seed %llu: the first two in one view", (unsigned long long)seed);
    }

    /* Pictures of one posture only: they take turns all the same. */
    for (size_t i = 0; i < npics; i++)
        excluded[i] = strncmp(catalogue_get(cat, i)->id, "h-flat-", 7) != 0;
    for (uint64_t seed = 0; seed < 100; seed++) {
        Stimulus out[9];
        Rng rng;
        rng_seed(&rng, seed);
        CHECK(imagery_pick(cat, LIMB_HAND, SIDE_LEFT, 9, excluded, &rng, out, err, sizeof err) ==
              0);
        for (int i = 1; i < 9; i++)
            CHECK_MSG(out[i].picture != out[i - 1].picture,
                      "seed %llu: picture twice in a row at %d", (unsigned long long)seed, i);
    }

    /* More wanted than exist, with a single picture left: it repeats. */
    for (size_t i = 0; i < npics; i++)
        excluded[i] = strcmp(catalogue_get(cat, i)->id, "f-b") != 0;
    Stimulus out[IMAGERY_COUNT_MAX];
    Rng rng;
    rng_seed(&rng, 1);
    CHECK(imagery_pick(cat, LIMB_FOOT, SIDE_RIGHT, 3, excluded, &rng, out, err, sizeof err) == 0);
    for (int i = 0; i < 3; i++)
        CHECK(strcmp(catalogue_get(cat, out[i].picture)->id, "f-b") == 0);

    /* Refusals. */
    excluded[catalogue_find(cat, "f-b")] = true;
    CHECK(imagery_pick(cat, LIMB_FOOT, SIDE_RIGHT, 3, excluded, &rng, out, err, sizeof err) == -1);
    CHECK(strcmp(err, "there are no foot posture pictures to show") == 0);
    CHECK(imagery_pick(cat, LIMB_HAND, SIDE_RIGHT, 0, NULL, &rng, out, err, sizeof err) == -1);
    CHECK(strcmp(err, "the number of pictures must be from 1 to 30") == 0);
    CHECK(imagery_pick(cat, LIMB_HAND, SIDE_RIGHT, 31, NULL, &rng, out, err, sizeof err) == -1);
    catalogue_destroy(cat);
}

int main(void)
{
    test_settings();
    test_instruction();
    test_timed_boundaries();
    test_late_advance_and_no_rest();
    test_self_paced();
    test_timed_next();
    test_pause();
    test_stop();
    test_pick();
    return check_exit();
}
