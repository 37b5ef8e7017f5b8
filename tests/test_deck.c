/* Deck rules over many seeds on a small catalogue laid out as a full grid
 * of postures and views of every body part: balance, runs, repeats, spread, levels, rotations
 * and reproducibility. Then, on the shipped library, the joint balance of
 * sides with every property of a picture, and the table of what the best
 * shortcut rule (one property of a trial -> an answer) would score. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "check.h"
#include "deck.h"

#define ALL_ROT "0;45;90;135;180;225;270;315"

static const char grid[] =
    "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n"
    "h-flat-back,p/a.png,hand,back,flat,,light,female,1," ALL_ROT ",other,left\n"
    "h-flat-palm,p/a.png,hand,palm,flat,,light,female,1," ALL_ROT ",other,left\n"
    "h-fist-back,p/a.png,hand,back,fist,,medium,male,1," ALL_ROT ",other,left\n"
    "h-fist-palm,p/a.png,hand,palm,fist,,medium,male,1," ALL_ROT ",other,left\n"
    "h-spread-back,p/a.png,hand,back,spread,,dark,female,1," ALL_ROT ",other,left\n"
    "h-spread-palm,p/a.png,hand,palm,spread,,dark,female,1," ALL_ROT ",other,left\n"
    "h-flat-thumb,p/a.png,hand,thumb,flat,,light,male,2,0;90;180;270,other,left\n"
    "h-fist-thumb,p/a.png,hand,thumb,fist,,light,male,2,0;90;180;270,other,left\n"
    "h-ok-tips,p/a.png,hand,tips,ok,,dark,male,3,0;45;315,other,left\n"
    "h-cup,p/a.png,hand,back,curl,cup,medium,female,4,0,other,left\n"
    "f-neutral-top,p/a.png,foot,top,neutral,,light,female,1," ALL_ROT ",other,left\n"
    "f-neutral-sole,p/a.png,foot,sole,neutral,,light,female,1," ALL_ROT ",other,left\n"
    "f-pointed-top,p/a.png,foot,top,pointed,,dark,male,1," ALL_ROT ",other,left\n"
    "f-pointed-sole,p/a.png,foot,sole,pointed,,dark,male,1," ALL_ROT ",other,left\n"
    "f-step,p/a.png,foot,top,neutral,step,medium,male,4,0,other,left\n"
    "k-bent-front,p/a.png,knee,front,bent,,light,female,1,0;90;270,other,left\n"
    "k-bent-side,p/a.png,knee,side,bent,,dark,male,1,0;90;270,other,left\n"
    "k-straight-above,p/a.png,knee,above,straight,,medium,male,3,0,own,left\n"
    "s-raised-front,p/a.png,shoulder,front,raised,,light,male,1,0,other,left\n"
    "s-raised-back,p/a.png,shoulder,back,raised,,dark,female,1,0,other,left\n"
    "n-turn-front,p/a.png,neck,front,turn,,medium,female,1,0,other,left\n"
    "n-turn-back,p/a.png,neck,back,turn,,light,male,1,0,other,left\n"
    "n-tilt-front,p/a.png,neck,front,tilt,,dark,male,2,0,other,left\n"
    "b-rotate-back,p/a.png,back,back,rotate,,light,female,1,0,other,left\n"
    "b-bend-back,p/a.png,back,back,bend,,medium,male,1,0,other,left\n"
    "b-rotate-sitting,p/a.png,back,side,rotate,chair,dark,female,4,0,other,left\n";

static Catalogue *load(const char *text)
{
    char err[256];
    Catalogue *cat = catalogue_parse(text, strlen(text), "grid", err, sizeof err);
    CHECK_MSG(cat != NULL, "%s", err);
    return cat;
}

static int spread(const int *counts, int n, const int *present)
{
    int lo = 1 << 30, hi = -1;
    for (int i = 0; i < n; i++) {
        if (!present[i])
            continue;
        lo = counts[i] < lo ? counts[i] : lo;
        hi = counts[i] > hi ? counts[i] : hi;
    }
    return hi < 0 ? 0 : hi - lo;
}

/* Checks every rule for one deck. */
static void check_deck(const Catalogue *cat, const DeckRequest *req, const Stimulus *d,
                       uint64_t seed)
{
    size_t npics = catalogue_count(cat);
    int sides[2] = {0, 0}, limbs[LIMB_COUNT] = {0}, limb_side[LIMB_COUNT][2] = {{0}};
    int *item_uses = calloc(npics * 8, sizeof *item_uses);
    int *pic_uses = calloc(npics, sizeof *pic_uses);
    int *eligible = calloc(npics, sizeof *eligible);
    int run = 0, npictures_allowed = 0;
    for (size_t i = 0; i < npics; i++) {
        const Picture *p = catalogue_get(cat, i);
        eligible[i] = (req->limbs & limb_bit(p->limb)) && p->level <= req->level;
        npictures_allowed += eligible[i];
    }
    for (int i = 0; i < req->count; i++) {
        const Stimulus *s = &d[i];
        CHECK_MSG(s->picture < npics && eligible[s->picture], "seed %llu: picture not allowed",
                  (unsigned long long)seed);
        if (s->picture >= npics)
            continue;
        const Picture *p = catalogue_get(cat, s->picture);
        CHECK_MSG(s->rotation_deg % 45 == 0 && s->rotation_deg >= 0 && s->rotation_deg < 360,
                  "bad rotation %d", s->rotation_deg);
        if (req->level == 1)
            CHECK_MSG(s->rotation_deg == 0, "level 1 must be upright, got %d", s->rotation_deg);
        CHECK_MSG(p->rotations & (1u << (s->rotation_deg / 45)), "rotation %d not allowed for %s",
                  s->rotation_deg, p->id);
        sides[s->side]++;
        limbs[p->limb]++;
        limb_side[p->limb][s->side]++;
        item_uses[(int)s->picture * 8 + s->rotation_deg / 45]++;
        pic_uses[s->picture]++;
        run = (i > 0 && d[i - 1].side == s->side) ? run + 1 : 1;
        /* When no side has to reuse a picture, never one picture twice in a row. */
        if (i > 0 && npictures_allowed > (req->count + 1) / 2)
            CHECK_MSG(d[i - 1].picture != s->picture, "seed %llu: picture %u twice in a row",
                      (unsigned long long)seed, s->picture);
        CHECK_MSG(run <= DECK_MAX_RUN, "seed %llu: %d equal answers in a row",
                  (unsigned long long)seed, run);
    }
    CHECK_MSG(abs(sides[0] - sides[1]) <= 1, "seed %llu: %d left vs %d right",
              (unsigned long long)seed, sides[0], sides[1]);
    /* The parts asked for are balanced whenever each has enough unused
     * stimuli (the no-repeat rule comes first). */
    int parts = limb_set_count(req->limbs), enough = 1, lo_part = 1 << 30, hi_part = 0;
    for (int l = 0; l < LIMB_COUNT; l++) {
        if (!(req->limbs & limb_bit((Limb)l)))
            continue;
        DeckRequest one = *req;
        one.limbs = limb_bit((Limb)l);
        enough &= deck_distinct_stimuli(cat, &one) >= (size_t)((req->count + parts - 1) / parts);
        lo_part = limbs[l] < lo_part ? limbs[l] : lo_part;
        hi_part = limbs[l] > hi_part ? limbs[l] : hi_part;
    }
    if (parts > 1 && enough)
        CHECK_MSG(hi_part - lo_part <= 1, "seed %llu: parts shown %d to %d times",
                  (unsigned long long)seed, lo_part, hi_part);
    /* Each part's own pictures as many left as right (or one apart): the
     * part never tells the side, whatever the mix. */
    for (int l = 0; l < LIMB_COUNT; l++)
        CHECK_MSG(abs(limb_side[l][0] - limb_side[l][1]) <= 1, "seed %llu: %s %d left, %d right",
                  (unsigned long long)seed, limb_name((Limb)l), limb_side[l][0], limb_side[l][1]);
    /* No picture at a rotation (either side) shown a third time while
     * another is shown fewer than twice. */
    int lo = 1 << 30, hi = 0;
    for (size_t i = 0; i < npics; i++) {
        if (!eligible[i])
            continue;
        uint8_t rot = req->level >= 2 ? catalogue_get(cat, i)->rotations : 1;
        for (int r = 0; r < 8; r++)
            if (rot & (1u << r)) {
                int u = item_uses[(int)i * 8 + r];
                lo = u < lo ? u : lo;
                hi = u > hi ? u : hi;
            }
    }
    CHECK_MSG((hi + 1) / 2 <= lo / 2 + 1,
              "seed %llu: a picture at a rotation used %d times while another %d times",
              (unsigned long long)seed, hi, lo);
    if (parts == 1)
        CHECK_MSG(spread(pic_uses, (int)npics, eligible) <= 1,
                  "seed %llu: a picture reused while another is unused", (unsigned long long)seed);
    /* Within each limb (with both limbs, limb balance comes first): no
     * picture reused while another picture of that limb is unused. */
    int most[LIMB_COUNT] = {0}, unused[LIMB_COUNT] = {0};
    for (size_t i = 0; i < npics; i++) {
        if (!eligible[i])
            continue;
        Limb l = catalogue_get(cat, i)->limb;
        most[l] = pic_uses[i] > most[l] ? pic_uses[i] : most[l];
        unused[l] += pic_uses[i] == 0;
    }
    for (int l = 0; l < LIMB_COUNT; l++)
        CHECK_MSG(!unused[l] || most[l] <= 1,
                  "seed %llu: a %s picture used %d times while %d are unused",
                  (unsigned long long)seed, limb_name((Limb)l), most[l], unused[l]);
    free(item_uses);
    free(pic_uses);
    free(eligible);
}

static void test_rules_over_seeds(void)
{
    Catalogue *cat = load(grid);
    if (!cat)
        return;
    static const DeckRequest requests[] = {
        {LIMBS_BOTH, 1, 20, NULL},
        {LIMBS_BOTH, 1, 7, NULL},
        {LIMBS_HANDS, 1, 12, NULL},
        {LIMBS_HANDS, 1, 40, NULL},
        {LIMBS_FEET, 1, 9, NULL},
        {LIMBS_BOTH, 2, 40, NULL},
        {LIMBS_HANDS, 2, 25, NULL},
        {LIMBS_BOTH, 3, 1, NULL},
        {LIMBS_BOTH, 4, 200, NULL},
        {LIMBS_FEET, 4, 2, NULL},
        {1 << LIMB_NECK, 1, 10, NULL},
        {1 << LIMB_KNEE | 1 << LIMB_SHOULDER | 1 << LIMB_NECK | 1 << LIMB_BACK, 1, 16, NULL},
        {LIMBS_HANDS | 1 << LIMB_BACK, 4, 30, NULL},
        {LIMBS_ALL, 2, 40, NULL},
    };
    Stimulus deck[DECK_MAX_COUNT];
    for (size_t r = 0; r < sizeof requests / sizeof requests[0]; r++)
        for (uint64_t seed = 0; seed < 300; seed++) {
            Rng rng;
            rng_seed(&rng, seed);
            char err[256];
            int rc = deck_build(cat, &requests[r], &rng, deck, err, sizeof err);
            CHECK_MSG(rc == 0, "request %zu: %s", r, err);
            if (rc == 0)
                check_deck(cat, &requests[r], deck, seed);
        }
    catalogue_destroy(cat);
}

/* Views, postures and rotations come round evenly, not by chance. */
static void test_spread(void)
{
    Catalogue *cat = load(grid);
    if (!cat)
        return;
    DeckRequest req = {LIMBS_HANDS, 1, 4, NULL};
    Stimulus deck[DECK_MAX_COUNT];
    for (uint64_t seed = 0; seed < 200; seed++) {
        Rng rng;
        rng_seed(&rng, seed);
        char err[256];
        CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0);
        int back = 0, flat = 0, fist = 0, spread_ = 0;
        for (int i = 0; i < req.count; i++) {
            const Picture *p = catalogue_get(cat, deck[i].picture);
            back += strcmp(p->view, "back") == 0;
            flat += strcmp(p->posture, "flat") == 0;
            fist += strcmp(p->posture, "fist") == 0;
            spread_ += strcmp(p->posture, "spread") == 0;
        }
        /* 4 of 6 pictures: two of each view, and all three postures. */
        CHECK_MSG(back == 2, "seed %llu: %d of 4 back views", (unsigned long long)seed, back);
        CHECK_MSG(flat >= 1 && fist >= 1 && spread_ >= 1, "seed %llu: postures %d/%d/%d",
                  (unsigned long long)seed, flat, fist, spread_);
    }
    /* Level 2 with feet (all turnable any way): each of the eight rotations
     * comes up about equally often. Fresh pictures take precedence over
     * rotations, so near the end of a deck a rotation can come up one more
     * time than the even share: within 2 of each other, not 1. */
    req = (DeckRequest){LIMBS_FEET, 2, 40, NULL};
    for (uint64_t seed = 0; seed < 200; seed++) {
        Rng rng;
        rng_seed(&rng, seed);
        char err[256];
        CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0);
        int rot[8] = {0}, present[8] = {1, 1, 1, 1, 1, 1, 1, 1};
        for (int i = 0; i < req.count; i++)
            rot[deck[i].rotation_deg / 45]++;
        CHECK_MSG(spread(rot, 8, present) <= 2, "seed %llu: rotations uneven",
                  (unsigned long long)seed);
    }
    catalogue_destroy(cat);
}

static void test_reproducible(void)
{
    Catalogue *cat = load(grid);
    if (!cat)
        return;
    DeckRequest req = {LIMBS_BOTH, 2, 30, NULL};
    Stimulus a[DECK_MAX_COUNT], b[DECK_MAX_COUNT], c[DECK_MAX_COUNT];
    Rng r1, r2, r3;
    rng_seed(&r1, 42);
    rng_seed(&r2, 42);
    rng_seed(&r3, 43);
    char err[256];
    CHECK(deck_build(cat, &req, &r1, a, err, sizeof err) == 0);
    CHECK(deck_build(cat, &req, &r2, b, err, sizeof err) == 0);
    CHECK(deck_build(cat, &req, &r3, c, err, sizeof err) == 0);
    CHECK(memcmp(a, b, sizeof(Stimulus) * 30) == 0);
    CHECK(memcmp(a, c, sizeof(Stimulus) * 30) != 0);
    catalogue_destroy(cat);
}

static void test_errors(void)
{
    const char feet_late[] =
        "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n"
        "h,p/a.png,hand,back,flat,,light,female,1,0,other,left\n"
        "f,p/a.png,foot,top,neutral,,light,female,3,0,other,left\n";
    Catalogue *cat = load(feet_late);
    if (!cat)
        return;
    Stimulus deck[DECK_MAX_COUNT];
    char err[256] = "";
    Rng rng;
    rng_seed(&rng, 1);
    DeckRequest req = {LIMBS_BOTH, 1, 10, NULL};
    CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "no foot pictures at level 1") != NULL, "%s", err);
    req = (DeckRequest){LIMBS_HANDS, 1, 0, NULL};
    CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == -1);
    req = (DeckRequest){LIMBS_HANDS, 5, 10, NULL};
    CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == -1);
    /* One hand picture: a long drill repeats it, still balanced. */
    req = (DeckRequest){LIMBS_HANDS, 1, 9, NULL};
    CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0);
    check_deck(cat, &req, deck, 1);
    req = (DeckRequest){LIMBS_BOTH, 3, 10, NULL};
    CHECK(deck_distinct_stimuli(cat, &req) == 4);
    catalogue_destroy(cat);
}

/* A library-sized deck, where a third of the pictures come twice (as
 * themselves or mirrored): never the same picture twice in a row. */
static void test_no_picture_twice_in_a_row(void)
{
    char text[8192] = "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n";
    for (int i = 0; i < 30; i++) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n,
                 "h%d,p/a.png,hand,%s,p%d,,light,female,1,0,other,left\n", i,
                 i % 2 ? "back" : "palm", i / 2);
    }
    Catalogue *cat = load(text);
    if (!cat)
        return;
    DeckRequest req = {LIMBS_HANDS, 1, 40, NULL};
    Stimulus deck[DECK_MAX_COUNT];
    char err[256];
    int repeats = 0;
    for (uint64_t seed = 0; seed < 500; seed++) {
        Rng rng;
        rng_seed(&rng, seed);
        CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0);
        check_deck(cat, &req, deck, seed);
        for (int i = 1; i < req.count; i++)
            repeats += deck[i].picture == deck[i - 1].picture;
    }
    CHECK_MSG(repeats == 0, "%d pictures came twice in a row over 500 decks", repeats);
    catalogue_destroy(cat);
}

/* Excluded pictures never appear; excluding a whole limb is an error. */
static void test_excluded(void)
{
    Catalogue *cat = load(grid);
    if (!cat)
        return;
    bool excluded[32] = {false};
    excluded[0] = excluded[3] = true; /* h-flat-back, h-fist-palm */
    DeckRequest req = {LIMBS_HANDS, 1, 40, excluded};
    Stimulus deck[DECK_MAX_COUNT];
    char err[256];
    for (uint64_t seed = 0; seed < 50; seed++) {
        Rng rng;
        rng_seed(&rng, seed);
        CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0);
        for (int i = 0; i < req.count; i++)
            CHECK(deck[i].picture != 0 && deck[i].picture != 3);
    }
    CHECK(deck_distinct_stimuli(cat, &req) == 8); /* 4 upright hand pictures, two sides */
    for (size_t i = 0; i < catalogue_count(cat); i++)
        excluded[i] = catalogue_get(cat, i)->limb == LIMB_FOOT;
    req = (DeckRequest){LIMBS_BOTH, 1, 10, excluded};
    Rng rng;
    rng_seed(&rng, 1);
    CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "no foot pictures") != NULL, "%s", err);
    catalogue_destroy(cat);
}

/* A large catalogue whose every picture has a view and a posture of its
 * own: the deck is built (within the test's time limit, which comparing
 * every picture's words with those of every picture before it would far
 * exceed) and keeps every rule, each picture used at most once. */
#define LARGE_PICTURES 200000
static void test_large_catalogue(void)
{
    size_t cap = 128 + (size_t)(LARGE_PICTURES + 1) * 80, n = 0;
    char *text = malloc(cap);
    CHECK(text != NULL);
    if (!text)
        return;
    n += (size_t)snprintf(
        text, cap,
        "id,file,limb,view,posture,object,skin,shape,level,"
        "rotations,kind,light\nf,p/a.png,foot,top,neutral,,light,male,1,0,other,left\n");
    for (int i = 0; i < LARGE_PICTURES; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "h-%d,p/a.png,hand,v-%d,q-%d,,light,male,1,0,other,left\n", i, i, i);
    char err[256] = "";
    Catalogue *cat = catalogue_parse(text, n, "large", err, sizeof err);
    free(text);
    CHECK_MSG(cat != NULL, "%s", err);
    if (!cat)
        return;
    DeckRequest req = {.limbs = LIMBS_HANDS, .level = 1, .count = 40};
    Rng rng;
    rng_seed(&rng, 7);
    Stimulus d[DECK_MAX_COUNT];
    CHECK_MSG(deck_build(cat, &req, &rng, d, err, sizeof err) == 0, "%s", err);
    check_deck(cat, &req, d, 7);
    for (int i = 0; i < req.count; i++)
        for (int j = 0; j < i; j++)
            CHECK(d[i].picture != d[j].picture);
    catalogue_destroy(cat);
}

/* What a patient could learn across sessions without judging a picture: one
 * property of a trial that, pooled over many drills, predicts the answer. */
enum {
    F_LIMB,
    F_VIEW,
    F_POSTURE,
    F_ROTATION,
    F_LEVEL,
    F_SKIN,
    F_SHAPE,
    F_KIND,
    F_LIGHT,
    F_PREVIOUS_SIDE,
    F_PREVIOUS_ANSWER,
    F_POSITION,
    F_REPEAT,
    F_SIDE_LAST_SHOWN,
    FEATURES,
    VALUES = 1024
};

static const char *const feature_names[FEATURES] = {
    "limb",   "view",      "posture",    "rotation",      "level",           "skin",
    "shape",  "view kind", "light side", "previous side", "previous answer", "position",
    "repeat", "last shown"};

/* Per picture, a small number naming its word within its limb: the index of
 * the first picture of that limb with the same word. */
typedef struct Words {
    int view, posture, skin, shape;
} Words;

static int first_index(const Catalogue *cat, size_t i, size_t offset)
{
    const Picture *p = catalogue_get(cat, i);
    for (size_t j = 0; j <= i; j++) {
        const Picture *q = catalogue_get(cat, j);
        if (q->limb == p->limb && strcmp((const char *)q + offset, (const char *)p + offset) == 0)
            return (int)j;
    }
    return (int)i;
}

/* Counts of answers per value of each feature: [feature][value][side]. */
typedef struct Tally {
    long n[FEATURES][VALUES][2];
} Tally;

/* Adds one drill to the tally. The simulated patient answers right with
 * probability 0.8, which is what "previous answer" sees. "last shown" is
 * the side the picture had when it was last shown in the drill, with a
 * value of its own (0) for a picture not shown before, as "previous side"
 * has for the first trial. */
static void tally_deck(Tally *t, const Catalogue *cat, const Words *words, const Stimulus *d,
                       int count, Rng *patient)
{
    int last_shown[VALUES] = {0}; /* 0 not yet shown, else 1 + side */
    Response answer = RESPONSE_NONE;
    for (int i = 0; i < count; i++) {
        const Stimulus *s = &d[i];
        const Picture *p = catalogue_get(cat, s->picture);
        const Words *w = &words[s->picture];
        int value[FEATURES] = {
            [F_LIMB] = (int)p->limb,
            [F_VIEW] = w->view,
            [F_POSTURE] = w->posture,
            [F_ROTATION] = s->rotation_deg / 45,
            [F_LEVEL] = p->level,
            [F_SKIN] = w->skin,
            [F_SHAPE] = w->shape,
            [F_KIND] = (int)p->kind,
            /* the side the light comes from as shown: a left limb is the
             * stored picture mirrored, light and all */
            [F_LIGHT] = (int)p->light ^ (s->side == SIDE_LEFT),
            [F_PREVIOUS_SIDE] = i == 0 ? 0 : 1 + (int)d[i - 1].side,
            [F_PREVIOUS_ANSWER] = (int)answer,
            [F_POSITION] = i,
            [F_REPEAT] = last_shown[s->picture % VALUES] != 0,
            [F_SIDE_LAST_SHOWN] = last_shown[s->picture % VALUES],
        };
        for (int f = 0; f < FEATURES; f++)
            t->n[f][value[f] % VALUES][s->side]++;
        last_shown[s->picture % VALUES] = 1 + (int)s->side;
        bool right = rng_below(patient, 10) < 8;
        answer = response_for_side(right ? s->side : (Side)(1 - s->side));
    }
}

/* Left minus right within each cell of limb x side and, within each limb,
 * view, posture, rotation and level x side. Returns the largest distance of
 * a cell's left count from an even split (0.5 for an odd cell split 1 apart);
 * *limb_gap is the largest |left - right| of a limb. */
static double joint_balance(const Catalogue *cat, const Words *words, const Stimulus *d, int count,
                            int *limb_gap)
{
    enum { CELLS = 4 * VALUES };
    static int diff[CELLS], n[CELLS];
    memset(diff, 0, sizeof diff);
    memset(n, 0, sizeof n);
    int limbs[LIMB_COUNT] = {0};
    for (int i = 0; i < count; i++) {
        const Picture *p = catalogue_get(cat, d[i].picture);
        int sign = d[i].side == SIDE_LEFT ? 1 : -1;
        limbs[p->limb] += sign;
        int cell[4] = {words[d[i].picture].view, VALUES + words[d[i].picture].posture,
                       2 * VALUES + (int)p->limb * 8 + d[i].rotation_deg / 45,
                       3 * VALUES + (int)p->limb * 8 + p->level};
        for (int c = 0; c < 4; c++) {
            diff[cell[c]] += sign;
            n[cell[c]]++;
        }
    }
    *limb_gap = 0;
    for (int l = 0; l < LIMB_COUNT; l++)
        *limb_gap = abs(limbs[l]) > *limb_gap ? abs(limbs[l]) : *limb_gap;
    double worst = 0;
    for (int c = 0; c < CELLS; c++)
        worst = abs(diff[c]) / 2.0 > worst ? abs(diff[c]) / 2.0 : worst;
    return worst;
}

/* Accuracy of the best rule "value -> side" for feature f, pooled. */
static double best_rule(const Tally *t, int f)
{
    long hit = 0, all = 0;
    for (int v = 0; v < VALUES; v++) {
        long l = t->n[f][v][0], r = t->n[f][v][1];
        hit += l > r ? l : r;
        all += l + r;
    }
    return all ? (double)hit / (double)all : 0.0;
}

static Catalogue *load_library(void)
{
    FILE *f = fopen(GMI_SOURCE_DIR "/data/catalogue.csv", "rb");
    CHECK_MSG(f != NULL, "cannot open data/catalogue.csv");
    if (!f)
        return NULL;
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    char err[256];
    Catalogue *cat = catalogue_parse(text, len, "data/catalogue.csv", err, sizeof err);
    CHECK_MSG(cat != NULL, "%s", err);
    return cat;
}

enum { SEEDS = 1000 };

/* The body-part settings the shortcut table covers: each part the library
 * pictures on its own, hands and feet together, and every pictured part
 * together. Returns how many it wrote to sets. */
static size_t drill_sets(const Catalogue *cat, LimbSet sets[LIMB_COUNT + 2])
{
    LimbSet pictured = catalogue_limbs(cat);
    size_t n = 0;
    for (int l = 0; l < LIMB_COUNT; l++)
        if (pictured & limb_bit((Limb)l))
            sets[n++] = limb_bit((Limb)l);
    if ((pictured & LIMBS_BOTH) == LIMBS_BOTH)
        sets[n++] = LIMBS_BOTH;
    if (limb_set_count(pictured) > 2)
        sets[n++] = pictured;
    return n;
}

/* Over SEEDS drills of each level, body-part setting (drill_sets) and
 * length, no single property of a trial predicts its answer better than
 * 55 % (chance: 50 %),
 * the side switches from one picture to the next about half the time (a
 * mean run of about 2), every deck keeps the deck rules and balances its
 * sides jointly, and the table is printed. */
static void test_no_shortcut(void)
{
    Catalogue *cat = load_library();
    if (!cat)
        return;
    size_t npics = catalogue_count(cat);
    CHECK(npics <= VALUES);
    Words *words = calloc(npics, sizeof *words);
    for (size_t i = 0; i < npics; i++)
        words[i] = (Words){first_index(cat, i, offsetof(Picture, view)),
                           first_index(cat, i, offsetof(Picture, posture)),
                           first_index(cat, i, offsetof(Picture, skin)),
                           first_index(cat, i, offsetof(Picture, shape))};
    LimbSet limbs[LIMB_COUNT + 2];
    size_t nsets = drill_sets(cat, limbs);
    static const int counts[] = {10, 20, 40};
    double worst[FEATURES] = {0};
    int uneven = 0;
    Tally *t = malloc(sizeof *t);
    printf("best single rule, %% right over %d drills (chance 50)\n", SEEDS);
    /* Two heading rows: a feature's first word, then the rest. The drill
     * column fits "L4 hand+foot+knee+shoulder+neck+back  40". */
    for (int row = 0; row < 2; row++) {
        printf("%-42s", row == 0 ? "drill" : "");
        for (int f = 0; f < FEATURES; f++) {
            const char *name = feature_names[f], *space = strchr(name, ' ');
            if (row == 0)
                printf(" %8.*s", space ? (int)(space - name) : 8, name);
            else
                printf(" %8s", space ? space + 1 : "");
        }
        printf(row == 0 ? "   switch      mean\n" : "        %%       run\n");
    }
    for (int level = 1; level <= DECK_MAX_LEVEL; level++)
        for (size_t l = 0; l < nsets; l++)
            for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
                DeckRequest req = {limbs[l], level, counts[c], NULL};
                char name[LIMB_SET_NAME_MAX];
                limb_set_name(limbs[l], name);
                memset(t, 0, sizeof *t);
                int off = 0, limb_off = 0;
                long switches = 0;
                for (uint64_t seed = 0; seed < SEEDS; seed++) {
                    Rng rng, patient;
                    rng_seed(&rng, seed);
                    rng_seed(&patient, ~seed);
                    Stimulus deck[DECK_MAX_COUNT];
                    char err[256];
                    int rc = deck_build(cat, &req, &rng, deck, err, sizeof err);
                    CHECK_MSG(rc == 0, "%s", err);
                    if (rc != 0)
                        break;
                    check_deck(cat, &req, deck, seed);
                    tally_deck(t, cat, words, deck, req.count, &patient);
                    int limb_gap;
                    off += joint_balance(cat, words, deck, req.count, &limb_gap) > 1.0;
                    limb_off += limb_gap > 1;
                    for (int i = 1; i < req.count; i++)
                        switches += deck[i].side != deck[i - 1].side;
                }
                CHECK_MSG(limb_off == 0, "level %d, %s, %d pictures: limbs x side uneven in %d",
                          level, name, counts[c], limb_off);
                /* Each cell within 1 of even: the shipped library and these
                 * counts allow it in every drill. */
                CHECK_MSG(off == 0,
                          "level %d, %s, %d pictures: %d drills with a cell 2 or more from even",
                          level, name, counts[c], off);
                uneven += off;
                printf("L%d %-33s %3d  ", level, name, counts[c]);
                for (int f = 0; f < FEATURES; f++) {
                    double a = best_rule(t, f);
                    worst[f] = a > worst[f] ? a : worst[f];
                    printf(" %8.1f", 100.0 * a);
                    CHECK_MSG(a <= 0.55, "level %d, %s, %d pictures: %s predicts %.1f %%", level,
                              name, counts[c], feature_names[f], 100.0 * a);
                }
                double rate = (double)switches / ((double)SEEDS * (req.count - 1));
                /* Each drill has one run more than it has switches. */
                double mean_run = (double)SEEDS * req.count / (double)(SEEDS + switches);
                printf(" %8.1f %9.2f\n", 100.0 * rate, mean_run);
                CHECK_MSG(fabs(rate - 0.5) <= 0.02,
                          "level %d, %s, %d pictures: the side switches %.1f %% of the time", level,
                          name, counts[c], 100.0 * rate);
            }
    printf("%-42s", "worst");
    for (int f = 0; f < FEATURES; f++)
        printf(" %8.1f", 100.0 * worst[f]);
    printf("\ndrills with a limb, view, posture, rotation or level cell 2 or more from an even "
           "split of sides: %d of %d\n",
           uneven, SEEDS * DECK_MAX_LEVEL * (int)(nsets * sizeof counts / sizeof counts[0]));
    free(t);
    free(words);
    catalogue_destroy(cat);
}

int main(void)
{
    test_no_shortcut();
    test_rules_over_seeds();
    test_spread();
    test_reproducible();
    test_errors();
    test_excluded();
    test_no_picture_twice_in_a_row();
    test_large_catalogue();
    return check_exit();
}
