#include "deck.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idindex.h"

typedef struct Candidate {
    Stimulus stimulus;
    int uses;
} Candidate;

/* Usage counters shared by both sides' picks. Views and postures are counted
 * per limb, keyed by the index of the first picture with that limb and word. */
typedef struct Usage {
    size_t npictures;
    int limb[2];
    int rotation[8];
    int *picture; /* per picture index */
    int *view;    /* per first-picture index */
    int *posture; /* per first-picture index */
    size_t *view_key;
    size_t *posture_key;
} Usage;

static int picture_allowed(const Catalogue *cat, size_t i, const DeckRequest *req)
{
    const Picture *p = catalogue_get(cat, i);
    unsigned bit = p->limb == LIMB_HAND ? LIMBS_HANDS : LIMBS_FEET;
    return (req->limbs & bit) && p->level <= req->level && !(req->excluded && req->excluded[i]);
}

static uint8_t rotations_allowed(const Picture *p, const DeckRequest *req)
{
    return req->level >= 2 ? p->rotations : 1u;
}

static int popcount8(uint8_t v)
{
    int n = 0;
    for (; v; v &= (uint8_t)(v - 1))
        n++;
    return n;
}

size_t deck_distinct_stimuli(const Catalogue *cat, const DeckRequest *req)
{
    size_t n = 0;
    for (size_t i = 0; i < catalogue_count(cat); i++) {
        const Picture *p = catalogue_get(cat, i);
        if (picture_allowed(cat, i, req))
            n += 2u * (size_t)popcount8(rotations_allowed(p, req));
    }
    return n;
}

static const char *view_of(const void *cat, size_t i)
{
    return catalogue_get(cat, i)->view;
}

static const char *posture_of(const void *cat, size_t i)
{
    return catalogue_get(cat, i)->posture;
}

/* keys[i]: the index of the first picture with the limb and the word
 * (word_of: view or posture) of picture i, found through an index of the
 * words of each limb so the catalogue is read once. */
static int first_with(const Catalogue *cat, IdIndexIdOf word_of, size_t *keys)
{
    IdIndex *by_limb[2] = {id_index_create(word_of), id_index_create(word_of)};
    int ok = by_limb[0] && by_limb[1];
    for (size_t i = 0; ok && i < catalogue_count(cat); i++) {
        IdIndex *words = by_limb[catalogue_get(cat, i)->limb];
        long first = id_index_find(words, cat, word_of(cat, i));
        keys[i] = first >= 0 ? (size_t)first : i;
        ok = first >= 0 || id_index_add(words, cat, i) == 0;
    }
    id_index_destroy(by_limb[0]);
    id_index_destroy(by_limb[1]);
    return ok ? 0 : -1;
}

/* Lexicographic preference: lower is better at each position. */
enum { KEYS = 6 };

static void candidate_key(const Candidate *c, const Usage *u, const Picture *p, int both_limbs,
                          int key[KEYS])
{
    size_t pi = c->stimulus.picture;
    key[0] = c->uses;
    key[1] = both_limbs ? u->limb[p->limb] : 0;
    key[2] = u->picture[pi];
    key[3] = u->rotation[c->stimulus.rotation_deg / 45];
    key[4] = u->view[u->view_key[pi]];
    key[5] = u->posture[u->posture_key[pi]];
}

static int key_compare(const int a[KEYS], const int b[KEYS])
{
    for (int i = 0; i < KEYS; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Picks the best candidate of the given side, ties broken at random. */
static size_t pick(Candidate *cands, size_t ncands, Side side, const Catalogue *cat, Usage *u,
                   int both_limbs, Rng *rng)
{
    size_t best = SIZE_MAX;
    int best_key[KEYS];
    uint32_t ties = 0;
    for (size_t i = 0; i < ncands; i++) {
        if (cands[i].stimulus.side != side)
            continue;
        int key[KEYS];
        candidate_key(&cands[i], u, catalogue_get(cat, cands[i].stimulus.picture), both_limbs, key);
        int cmp = best == SIZE_MAX ? -1 : key_compare(key, best_key);
        if (cmp < 0) {
            best = i;
            memcpy(best_key, key, sizeof key);
            ties = 1;
        } else if (cmp == 0 && rng_below(rng, ++ties) == 0) {
            best = i;
        }
    }
    return best;
}

static void record_use(const Candidate *c, const Picture *p, Usage *u)
{
    size_t pi = c->stimulus.picture;
    u->limb[p->limb]++;
    u->picture[pi]++;
    u->view[u->view_key[pi]]++;
    u->posture[u->posture_key[pi]]++;
    u->rotation[c->stimulus.rotation_deg / 45]++;
}

static void shuffle(Stimulus *s, size_t n, Rng *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rng_below(rng, (uint32_t)i);
        Stimulus t = s[i - 1];
        s[i - 1] = s[j];
        s[j] = t;
    }
}

/* Whether `a` more of the side on a run of length k and `b` of the other
 * side can still be ordered with runs of at most DECK_MAX_RUN. */
static int can_finish(int a, int b, int k)
{
    return a <= (DECK_MAX_RUN - k) + DECK_MAX_RUN * b && b <= DECK_MAX_RUN * (a + 1);
}

static void order_sides(int left, int right, Rng *rng, Side *seq)
{
    int remaining[2] = {left, right};
    Side last = SIDE_LEFT;
    int run = 0;
    for (int i = 0; i < left + right; i++) {
        int weight[2] = {0, 0};
        for (int s = 0; s < 2; s++) {
            if (remaining[s] == 0)
                continue;
            int same = run > 0 && (Side)s == last;
            int k = same ? run + 1 : 1;
            if (k > DECK_MAX_RUN)
                continue;
            if (can_finish(remaining[s] - 1, remaining[1 - s], k))
                weight[s] = remaining[s];
        }
        /* Balanced counts always leave one side possible; fall back to the
         * side with more left if rounding ever says otherwise. */
        Side s;
        if (weight[0] + weight[1] == 0)
            s = remaining[0] >= remaining[1] ? SIDE_LEFT : SIDE_RIGHT;
        else
            s = (int)rng_below(rng, (uint32_t)(weight[0] + weight[1])) < weight[0] ? SIDE_LEFT
                                                                                   : SIDE_RIGHT;
        run = (run > 0 && s == last) ? run + 1 : 1;
        last = s;
        remaining[s]--;
        seq[i] = s;
    }
}

/* Whether out[i] may hold picture p without sitting next to itself. */
static int fits_at(const Stimulus *out, int n, int i, uint32_t p)
{
    return (i == 0 || out[i - 1].picture != p) && (i == n - 1 || out[i + 1].picture != p);
}

/* The same picture twice in a row (say as itself, then mirrored) would give
 * the second answer away: swap such a stimulus with one of the same side
 * elsewhere, which keeps the order of answers. Leaves a repeat only where
 * no swap can mend it. */
static int move_elsewhere(Stimulus *out, int n, int i)
{
    for (int j = 0; j < n; j++) {
        if (j == i || out[j].side != out[i].side)
            continue;
        Stimulus a = out[i], b = out[j];
        out[i] = b;
        out[j] = a;
        if (fits_at(out, n, i, b.picture) && fits_at(out, n, j, a.picture))
            return 1;
        out[i] = a;
        out[j] = b;
    }
    return 0;
}

static void separate_repeats(Stimulus *out, int n)
{
    for (int i = 1; i < n; i++)
        if (out[i].picture == out[i - 1].picture && !move_elsewhere(out, n, i))
            move_elsewhere(out, n, i - 1);
}

static int usage_init(Usage *u, size_t npictures)
{
    memset(u, 0, sizeof *u);
    u->npictures = npictures;
    u->picture = calloc(npictures, sizeof *u->picture);
    u->view = calloc(npictures, sizeof *u->view);
    u->posture = calloc(npictures, sizeof *u->posture);
    u->view_key = calloc(npictures, sizeof *u->view_key);
    u->posture_key = calloc(npictures, sizeof *u->posture_key);
    return u->picture && u->view && u->posture && u->view_key && u->posture_key ? 0 : -1;
}

static void usage_free(Usage *u)
{
    free(u->picture);
    free(u->view);
    free(u->posture);
    free(u->view_key);
    free(u->posture_key);
}

int deck_build(const Catalogue *cat, const DeckRequest *req, Rng *rng, Stimulus *out, char *err,
               size_t errlen)
{
    if (req->count < 1 || req->count > DECK_MAX_COUNT) {
        snprintf(err, errlen, "the number of pictures must be from 1 to %d", DECK_MAX_COUNT);
        return -1;
    }
    if (req->level < 1 || req->level > DECK_MAX_LEVEL) {
        snprintf(err, errlen, "the level must be from 1 to %d", DECK_MAX_LEVEL);
        return -1;
    }
    size_t npics = catalogue_count(cat);
    int have[2] = {0, 0};
    for (size_t i = 0; i < npics; i++) {
        const Picture *p = catalogue_get(cat, i);
        if (picture_allowed(cat, i, req))
            have[p->limb] = 1;
    }
    for (int l = 0; l < 2; l++) {
        unsigned bit = l == LIMB_HAND ? LIMBS_HANDS : LIMBS_FEET;
        if ((req->limbs & bit) && !have[l]) {
            snprintf(err, errlen, "the catalogue has no %s pictures at level %d or below",
                     limb_name((Limb)l), req->level);
            return -1;
        }
    }

    size_t ncands = deck_distinct_stimuli(cat, req);
    Candidate *cands = calloc(ncands, sizeof *cands);
    Stimulus *by_side[2] = {calloc((size_t)req->count, sizeof(Stimulus)),
                            calloc((size_t)req->count, sizeof(Stimulus))};
    Side *seq = calloc((size_t)req->count, sizeof *seq);
    Usage u;
    int ok = usage_init(&u, npics) == 0 && cands && by_side[0] && by_side[1] && seq &&
             first_with(cat, view_of, u.view_key) == 0 &&
             first_with(cat, posture_of, u.posture_key) == 0;
    if (ok) {
        size_t k = 0;
        for (size_t i = 0; i < npics; i++) {
            const Picture *p = catalogue_get(cat, i);
            if (!picture_allowed(cat, i, req))
                continue;
            uint8_t rot = rotations_allowed(p, req);
            for (int side = 0; side < 2; side++)
                for (int r = 0; r < 8; r++)
                    if (rot & (1u << r))
                        cands[k++].stimulus = (Stimulus){
                            .picture = (uint32_t)i, .side = (Side)side, .rotation_deg = r * 45};
        }

        int count[2];
        count[SIDE_LEFT] = req->count / 2;
        count[SIDE_RIGHT] = req->count / 2;
        if (req->count % 2)
            count[rng_below(rng, 2)]++;

        int both = req->limbs == LIMBS_BOTH;
        int filled[2] = {0, 0};
        /* Alternate the sides while picking so shared counters stay fair. */
        for (int i = 0; i < req->count; i++) {
            Side s = (i % 2 == 0) ? SIDE_LEFT : SIDE_RIGHT;
            if (filled[s] == count[s])
                s = (Side)(1 - s);
            size_t c = pick(cands, ncands, s, cat, &u, both, rng);
            cands[c].uses++;
            record_use(&cands[c], catalogue_get(cat, cands[c].stimulus.picture), &u);
            by_side[s][filled[s]++] = cands[c].stimulus;
        }
        shuffle(by_side[0], (size_t)count[0], rng);
        shuffle(by_side[1], (size_t)count[1], rng);
        order_sides(count[0], count[1], rng, seq);
        int next[2] = {0, 0};
        for (int i = 0; i < req->count; i++)
            out[i] = by_side[seq[i]][next[seq[i]]++];
        separate_repeats(out, req->count);
    } else {
        snprintf(err, errlen, "out of memory while building the deck");
    }
    usage_free(&u);
    free(cands);
    free(by_side[0]);
    free(by_side[1]);
    free(seq);
    return ok ? 0 : -1;
}
