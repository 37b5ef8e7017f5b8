#include "deck.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A deck is built in four steps, each blind to what the others decide:
 * 1. choose the pictures and rotations (items) without looking at sides;
 * 2. give each item a side so that left and right are balanced jointly
 *    with every property a patient could learn to read the answer from,
 *    and a picture shown again a side that owes nothing to its last;
 * 3. draw the order of answers with runs of at most DECK_MAX_RUN and, on
 *    average, as many switches of side as repeats;
 * 4. deal the items into that order, keep equal pictures apart, and swap
 *    left for right throughout on a coin toss, so that over many drills
 *    no property of a trial tells its answer. */

/* One picture at one rotation; its two stimuli are its two sides. */
typedef struct Item {
    uint32_t picture;
    int rotation_deg;
    int uses;
    Limb limb;
    size_t view, posture; /* word keys, see word_keys */
} Item;

/* The words of a picture the deck spreads and balances, as offsets into
 * Picture. */
enum { WORD_VIEW, WORD_POSTURE, WORD_SKIN, WORD_SHAPE, WORDS };
static const size_t word_offset[WORDS] = {offsetof(Picture, view), offsetof(Picture, posture),
                                          offsetof(Picture, skin), offsetof(Picture, shape)};

/* Usage counters for choosing items. Views and postures are counted per
 * limb, keyed by word (see word_keys). */
typedef struct Usage {
    int limb[LIMB_COUNT];
    int rotation[8];
    int *picture; /* per picture index */
    int *view;    /* per word key */
    int *posture; /* per word key */
} Usage;

static int picture_allowed(const Catalogue *cat, size_t i, const DeckRequest *req)
{
    const Picture *p = catalogue_get(cat, i);
    return (req->limbs & limb_bit(p->limb)) && p->level <= req->level &&
           !(req->excluded && req->excluded[i]);
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

static const char *word_of(const Picture *p, int w)
{
    return (const char *)p + word_offset[w];
}

typedef struct WordRef {
    const Picture *picture;
    size_t index;
    int word;
} WordRef;

/* Orders by limb, then word. */
static int same_word_compare(const WordRef *x, const WordRef *y)
{
    if (x->picture->limb != y->picture->limb)
        return x->picture->limb < y->picture->limb ? -1 : 1;
    return strcmp(word_of(x->picture, x->word), word_of(y->picture, y->word));
}

/* Orders by limb, word, then index. */
static int word_ref_compare(const void *a, const void *b)
{
    const WordRef *x = a, *y = b;
    int c = same_word_compare(x, y);
    return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* Sets key[i * WORDS + w] to the index of the first picture of picture i's
 * limb with the same word w, in n log n. Returns 0, or -1 out of memory. */
static int word_keys(const Catalogue *cat, size_t *key)
{
    size_t n = catalogue_count(cat);
    WordRef *refs = malloc((n ? n : 1) * sizeof *refs);
    if (!refs)
        return -1;
    for (int w = 0; w < WORDS; w++) {
        for (size_t i = 0; i < n; i++)
            refs[i] = (WordRef){catalogue_get(cat, i), i, w};
        qsort(refs, n, sizeof *refs, word_ref_compare);
        size_t first = 0;
        for (size_t i = 0; i < n; i++) {
            if (i == 0 || same_word_compare(&refs[i - 1], &refs[i]) != 0)
                first = refs[i].index;
            key[refs[i].index * WORDS + (size_t)w] = first;
        }
    }
    free(refs);
    return 0;
}

/* Step 1. Lexicographic preference, lower is better at each position: every
 * item twice before any a third time; limbs even; fresh pictures, then
 * fresh rotations of a used picture; rotations, views and postures even. */
enum { KEYS = 7 };

static void item_key(const Item *it, const Usage *u, int several_limbs, int key[KEYS])
{
    key[0] = it->uses / 2;
    key[1] = several_limbs ? u->limb[it->limb] : 0;
    key[2] = u->picture[it->picture];
    key[3] = it->uses;
    key[4] = u->rotation[it->rotation_deg / 45];
    key[5] = u->view[it->view];
    key[6] = u->posture[it->posture];
}

static int key_compare(const int a[KEYS], const int b[KEYS])
{
    for (int i = 0; i < KEYS; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Chooses the best item, ties broken at random, and counts its use. */
static size_t choose_item(Item *items, size_t nitems, Usage *u, int several_limbs, Rng *rng)
{
    size_t best = 0;
    int best_key[KEYS] = {0};
    uint32_t ties = 0;
    for (size_t i = 0; i < nitems; i++) {
        int key[KEYS];
        item_key(&items[i], u, several_limbs, key);
        int cmp = ties == 0 ? -1 : key_compare(key, best_key);
        if (cmp < 0) {
            best = i;
            memcpy(best_key, key, sizeof key);
            ties = 1;
        } else if (cmp == 0 && rng_below(rng, ++ties) == 0) {
            best = i;
        }
    }
    Item *it = &items[best];
    it->uses++;
    u->limb[it->limb]++;
    u->picture[it->picture]++;
    u->rotation[it->rotation_deg / 45]++;
    u->view[it->view]++;
    u->posture[it->posture]++;
    return best;
}

/* Step 2. The groups within which left and right are balanced, most
 * important first. The weights make the order strict: no gain in a later
 * group can pay for a loss in an earlier one (|left - right| <= 200).
 * A picture's showings are not balanced but given a random pattern of
 * sides (see draw_targets): balanced, a picture's second showing would be
 * the mirror image of its first, and a patient who remembers the picture
 * could answer "the other side than last time" without judging it. */
enum {
    GROUP_LIMB,     /* limb x side */
    GROUP_PICTURE,  /* picture x side, to its drawn pattern */
    GROUP_VIEW,     /* and within each limb: view x side, */
    GROUP_POSTURE,  /* posture x side, */
    GROUP_ROTATION, /* rotation x side, */
    GROUP_LEVEL,    /* level x side, */
    GROUP_SKIN,     /* skin x side, */
    GROUP_SHAPE,    /* and shape x side */
    GROUPS
};
static const int64_t group_weight[GROUPS] = {1000000000000, 100000000, 10000, 10000,
                                             10000,         10000,     1,     1};

/* Raw group identities of one chosen item. */
static void item_groups(const Item *it, const Catalogue *cat, const size_t *wkey, size_t id[GROUPS])
{
    const Picture *p = catalogue_get(cat, it->picture);
    size_t pi = it->picture, limb = (size_t)p->limb, r = (size_t)it->rotation_deg / 45;
    id[GROUP_LIMB] = limb;
    id[GROUP_VIEW] = wkey[pi * WORDS + WORD_VIEW];
    id[GROUP_POSTURE] = wkey[pi * WORDS + WORD_POSTURE];
    id[GROUP_ROTATION] = limb * 8 + r;
    id[GROUP_LEVEL] = limb * 8 + (size_t)p->level;
    id[GROUP_SKIN] = wkey[pi * WORDS + WORD_SKIN];
    id[GROUP_SHAPE] = wkey[pi * WORDS + WORD_SHAPE];
    id[GROUP_PICTURE] = pi;
}

/* Draws target[c], the |left - right| picture cell c aims at: that of as
 * many fair coin tosses as the picture has showings, so that a showing's
 * side is as likely the same as another's as not. group is numbered as
 * for balance_once; target has n ints. */
static void draw_targets(const size_t *group, int n, int *target, Rng *rng)
{
    memset(target, 0, sizeof *target * (size_t)n);
    for (int k = 0; k < n; k++)
        target[group[k * GROUPS + GROUP_PICTURE]]++;
    for (int c = 0; c < n; c++) {
        int d = 0;
        for (int m = target[c]; m > 0; m--)
            d += rng_below(rng, 2) ? 1 : -1;
        target[c] = abs(d);
    }
}

/* The cost of a cell of group g whose left minus right is d: (|d| - t)^2
 * with t the target of a picture cell c, else d^2. */
static int64_t cell_cost(int g, int c, int d, const int *target)
{
    int64_t e = abs(d) - (g == GROUP_PICTURE ? target[c] : 0);
    return e * e;
}

/* Gives chosen[0..n) sides, count[s] of side s, from a random start,
 * balanced within every group as far as swaps of a left and a right item
 * take it. group[k * GROUPS + g] is item k's group g, numbered below n;
 * diff has GROUPS * n ints, target n (see draw_targets). Returns the
 * cost, the sum of weight * cell_cost over the cells. */
static int64_t balance_once(const size_t *group, int n, const int count[2], const int *target,
                            Side *side, int *diff, Rng *rng)
{
    for (int k = 0; k < n; k++)
        side[k] = k < count[SIDE_LEFT] ? SIDE_LEFT : SIDE_RIGHT;
    for (int k = n; k > 1; k--) {
        int j = (int)rng_below(rng, (uint32_t)k);
        Side t = side[k - 1];
        side[k - 1] = side[j];
        side[j] = t;
    }
    memset(diff, 0, sizeof *diff * GROUPS * (size_t)n);
    for (int k = 0; k < n; k++)
        for (int g = 0; g < GROUPS; g++)
            diff[g * n + (int)group[k * GROUPS + g]] += side[k] == SIDE_LEFT ? 1 : -1;
    /* The cost falls with every swap made, so this ends. */
    for (int improved = 1; improved;) {
        improved = 0;
        int i0 = (int)rng_below(rng, (uint32_t)n), j0 = (int)rng_below(rng, (uint32_t)n);
        for (int a = 0; a < n; a++) {
            int i = (i0 + a) % n;
            for (int b = 0; b < n && side[i] == SIDE_LEFT; b++) {
                int j = (j0 + b) % n;
                if (side[j] != SIDE_RIGHT)
                    continue;
                int64_t delta = 0;
                for (int g = 0; g < GROUPS; g++) {
                    int gi = (int)group[i * GROUPS + g], gj = (int)group[j * GROUPS + g];
                    if (gi == gj)
                        continue;
                    int di = diff[g * n + gi], dj = diff[g * n + gj];
                    int64_t change = 4 * (dj - di + 2);
                    /* A picture cell's cost, d^2 - 2t|d| + t^2, also changes by its middle term. */
                    if (g == GROUP_PICTURE)
                        change -= 2 * (target[gi] * (abs(di - 2) - abs(di)) +
                                       target[gj] * (abs(dj + 2) - abs(dj)));
                    delta += group_weight[g] * change;
                }
                if (delta >= 0)
                    continue;
                for (int g = 0; g < GROUPS; g++) {
                    diff[g * n + (int)group[i * GROUPS + g]] -= 2;
                    diff[g * n + (int)group[j * GROUPS + g]] += 2;
                }
                side[i] = SIDE_RIGHT;
                side[j] = SIDE_LEFT;
                improved = 1;
            }
        }
    }
    int64_t cost = 0;
    for (int g = 0; g < GROUPS; g++)
        for (int c = 0; c < n; c++)
            cost += group_weight[g] * cell_cost(g, c, diff[g * n + c], target);
    return cost;
}

/* Whether some cell of limb, view, posture, rotation or level is two or
 * more from an even split of sides (|left - right| > 2), by diff as
 * balance_once leaves it. */
static int balance_uneven(const int *diff, int n)
{
    for (int g = GROUP_LIMB; g <= GROUP_LEVEL; g++) {
        if (g == GROUP_PICTURE)
            continue;
        for (int c = 0; c < n; c++)
            if (abs(diff[g * n + c]) > 2)
                return 1;
    }
    return 0;
}

/* The best of BALANCE_STARTS or more balance_once runs, in side; try is
 * scratch of n sides, target of n ints. Best is first every cell within
 * one of even, then the lowest cost (the cost alone can prefer one cell
 * three apart to several two apart). A run ends in a local best, so while
 * no run has every cell within one of even, more are tried, up to
 * BALANCE_MAX_STARTS. The pictures' patterns are drawn for the first run
 * and afresh every PATTERN_STARTS runs while none is even, as a pattern
 * can rule an even split out; but a fresh draw favours patterns that
 * split evenly, that is mirrored showings, so a pattern is kept for a few
 * runs first. On the shipped library, level-1 40-picture foot drills:
 * drawn afresh every 4 runs, 1 drill in 5 needs it and 49.0 % of repeated
 * pictures keep their side; every 6, 1 in 13 and 49.7 %, and with up to
 * 24 runs none of the 36,000 drills of the deck test is left with a cell
 * two or more from even. */
enum { BALANCE_STARTS = 4, PATTERN_STARTS = 6, BALANCE_MAX_STARTS = 24 };

static void balance_sides(const size_t *group, int n, const int count[2], int *target, Side *side,
                          Side *try, int *diff, Rng *rng)
{
    int64_t best = INT64_MAX;
    int best_uneven = 1;
    for (int r = 0; r < BALANCE_STARTS || (best_uneven && r < BALANCE_MAX_STARTS); r++) {
        if (r % PATTERN_STARTS == 0 && best_uneven)
            draw_targets(group, n, target, rng);
        int64_t cost = balance_once(group, n, count, target, try, diff, rng);
        int uneven = balance_uneven(diff, n);
        if (uneven < best_uneven || (uneven == best_uneven && cost < best)) {
            best = cost;
            best_uneven = uneven;
            memcpy(side, try, sizeof *side * (size_t)n);
        }
    }
}

/* Step 3. Orders of `left` lefts and `right` rights with runs of at most
 * DECK_MAX_RUN, each order weighted by lambda^switches. Limiting runs and
 * fixing the counts both favour switching (a uniform order of 5 lefts and
 * 5 rights switches 56 % of the time, and more with the run limit), so
 * "the other side than last time" would beat chance; lambda is set so that
 * the expected number of switches is half the transitions. For each state,
 * w is the total weight of the ways to finish from it, s and q the same sum
 * with each way counted times its switches and their square. */
typedef struct Orders {
    int left, right;
    double lambda;
    double *w, *s, *q;
} Orders;

/* State: lefts and rights still to place, the last side, the run length. */
static size_t order_state(const Orders *o, int a, int b, Side last, int run)
{
    return (((size_t)a * (size_t)(o->right + 1) + (size_t)b) * 2 + (size_t)last) * DECK_MAX_RUN +
           (size_t)(run - 1);
}

/* The state after placing `side` in state (a, b, last, run), or SIZE_MAX
 * when that would break the run limit; *weight is the step's weight. run
 * 0 means nothing placed yet. */
static size_t order_next(const Orders *o, int a, int b, Side last, int run, Side side,
                         double *weight)
{
    if ((side == SIDE_LEFT ? a : b) == 0)
        return SIZE_MAX;
    int same = run == 0 || side == last;
    if (same && run == DECK_MAX_RUN)
        return SIZE_MAX;
    *weight = same ? 1.0 : o->lambda;
    return order_state(o, a - (side == SIDE_LEFT), b - (side == SIDE_RIGHT), side,
                       same ? run + 1 : 1);
}

/* Fills w, s and q for o->lambda; sets the mean and variance of the number
 * of switches of a drawn order. */
static void orders_fill(Orders *o, double *mean, double *variance)
{
    for (int a = 0; a <= o->left; a++)
        for (int b = 0; b <= o->right; b++)
            for (int last = 0; last < 2; last++)
                for (int run = 1; run <= DECK_MAX_RUN; run++) {
                    double w = a == 0 && b == 0, s = 0, q = 0;
                    for (int side = 0; side < 2; side++) {
                        double k;
                        size_t next = order_next(o, a, b, (Side)last, run, (Side)side, &k);
                        if (next == SIZE_MAX)
                            continue;
                        double sw = side != last;
                        w += k * o->w[next];
                        s += k * (o->s[next] + sw * o->w[next]);
                        q += k * (o->q[next] + sw * (2 * o->s[next] + o->w[next]));
                    }
                    size_t at = order_state(o, a, b, (Side)last, run);
                    o->w[at] = w;
                    o->s[at] = s;
                    o->q[at] = q;
                }
    double w = 0, s = 0, q = 0;
    for (int side = 0; side < 2; side++) {
        double k;
        size_t next = order_next(o, o->left, o->right, SIDE_LEFT, 0, (Side)side, &k);
        if (next != SIZE_MAX) {
            w += o->w[next];
            s += o->s[next];
            q += o->q[next];
        }
    }
    *mean = s / w;
    *variance = q / w - *mean * *mean;
}

/* Draws seq[0..left+right) from the weighted orders. With lambda in
 * [1/8, 8] and at most DECK_MAX_COUNT answers the weights stay within
 * the range of a double. */
static void order_sides(Orders *o, Rng *rng, Side *seq)
{
    /* Newton's method on log(lambda): the mean's derivative there is the
     * variance. A few steps reach the target where it can be reached. */
    double target = (o->left + o->right - 1) / 2.0, limit = log(8.0), x = 0, mean, variance;
    for (int i = 0;; i++) {
        o->lambda = exp(x);
        orders_fill(o, &mean, &variance);
        if (i == 8 || fabs(mean - target) < 1e-3 || variance < 1e-9)
            break;
        x -= (mean - target) / variance;
        x = x < -limit ? -limit : x > limit ? limit : x;
    }
    int a = o->left, b = o->right, run = 0;
    Side last = SIDE_LEFT;
    for (int i = 0; i < o->left + o->right; i++) {
        double weight[2] = {0, 0};
        for (int side = 0; side < 2; side++) {
            double k;
            size_t next = order_next(o, a, b, last, run, (Side)side, &k);
            if (next != SIZE_MAX)
                weight[side] = k * o->w[next];
        }
        double u = (double)(rng_next(rng) >> 11) * 0x1.0p-53 * (weight[0] + weight[1]);
        Side s = u < weight[0] ? SIDE_LEFT : SIDE_RIGHT;
        run = (run > 0 && s == last) ? run + 1 : 1;
        last = s;
        a -= s == SIDE_LEFT;
        b -= s == SIDE_RIGHT;
        seq[i] = s;
    }
}

/* Step 4. Whether out[i] may hold picture p without sitting next to itself. */
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

static void shuffle(Stimulus *s, size_t n, Rng *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rng_below(rng, (uint32_t)i);
        Stimulus t = s[i - 1];
        s[i - 1] = s[j];
        s[j] = t;
    }
}

/* The working memory of one build, freed by deck_memory_free. */
typedef struct DeckMemory {
    size_t *wkey;
    Item *items;
    size_t *chosen;
    size_t *group;
    int *diff, *target;
    Side *side, *try_side, *seq;
    Stimulus *by_side[2];
    Usage u;
    Orders orders;
} DeckMemory;

static int deck_memory_init(DeckMemory *m, size_t npics, size_t nitems, int count, int left)
{
    size_t n = (size_t)count,
           states = (size_t)(left + 1) * (size_t)(count - left + 1) * 2 * DECK_MAX_RUN;
    size_t np = npics ? npics : 1;
    memset(m, 0, sizeof *m);
    m->wkey = calloc(np * WORDS, sizeof *m->wkey);
    m->items = calloc(nitems ? nitems : 1, sizeof *m->items);
    m->chosen = calloc(n, sizeof *m->chosen);
    m->group = calloc(n * GROUPS, sizeof *m->group);
    m->diff = calloc(n * GROUPS, sizeof *m->diff);
    m->target = calloc(n, sizeof *m->target);
    m->side = calloc(n, sizeof *m->side);
    m->try_side = calloc(n, sizeof *m->try_side);
    m->seq = calloc(n, sizeof *m->seq);
    m->by_side[0] = calloc(n, sizeof(Stimulus));
    m->by_side[1] = calloc(n, sizeof(Stimulus));
    m->u.picture = calloc(np, sizeof *m->u.picture);
    m->u.view = calloc(np, sizeof *m->u.view);
    m->u.posture = calloc(np, sizeof *m->u.posture);
    m->orders = (Orders){.left = left, .right = count - left};
    m->orders.w = calloc(states, sizeof *m->orders.w);
    m->orders.s = calloc(states, sizeof *m->orders.s);
    m->orders.q = calloc(states, sizeof *m->orders.q);
    return m->wkey && m->items && m->chosen && m->group && m->diff && m->target && m->side &&
                   m->try_side && m->seq && m->by_side[0] && m->by_side[1] && m->u.picture &&
                   m->u.view && m->u.posture && m->orders.w && m->orders.s && m->orders.q
               ? 0
               : -1;
}

static void deck_memory_free(DeckMemory *m)
{
    free(m->wkey);
    free(m->items);
    free(m->chosen);
    free(m->group);
    free(m->diff);
    free(m->target);
    free(m->side);
    free(m->try_side);
    free(m->seq);
    free(m->by_side[0]);
    free(m->by_side[1]);
    free(m->u.picture);
    free(m->u.view);
    free(m->u.posture);
    free(m->orders.w);
    free(m->orders.s);
    free(m->orders.q);
}

/* Numbers each chosen item's groups below n: the index of the first chosen
 * item in the same group. */
static void number_groups(DeckMemory *m, const Catalogue *cat, int n)
{
    size_t *raw = m->group;
    for (int k = 0; k < n; k++)
        item_groups(&m->items[m->chosen[k]], cat, m->wkey, &raw[(size_t)k * GROUPS]);
    for (int g = 0; g < GROUPS; g++)
        for (int k = n - 1; k >= 0; k--) {
            size_t first = (size_t)k;
            for (int j = 0; j < k; j++)
                if (raw[(size_t)j * GROUPS + (size_t)g] == raw[(size_t)k * GROUPS + (size_t)g]) {
                    first = (size_t)j;
                    break;
                }
            raw[(size_t)k * GROUPS + (size_t)g] = first;
        }
}

static void build(DeckMemory *m, const Catalogue *cat, const DeckRequest *req, Rng *rng,
                  Stimulus *out)
{
    size_t nitems = 0;
    for (size_t i = 0; i < catalogue_count(cat); i++) {
        if (!picture_allowed(cat, i, req))
            continue;
        const Picture *p = catalogue_get(cat, i);
        uint8_t rot = rotations_allowed(p, req);
        for (int r = 0; r < 8; r++)
            if (rot & (1u << r))
                m->items[nitems++] = (Item){.picture = (uint32_t)i,
                                            .rotation_deg = r * 45,
                                            .limb = p->limb,
                                            .view = m->wkey[i * WORDS + WORD_VIEW],
                                            .posture = m->wkey[i * WORDS + WORD_POSTURE]};
    }
    int n = req->count;
    for (int k = 0; k < n; k++)
        m->chosen[k] = choose_item(m->items, nitems, &m->u, limb_set_count(req->limbs) > 1, rng);

    number_groups(m, cat, n);
    int count[2] = {m->orders.left, m->orders.right};
    balance_sides(m->group, n, count, m->target, m->side, m->try_side, m->diff, rng);

    order_sides(&m->orders, rng, m->seq);
    int filled[2] = {0, 0};
    for (int k = 0; k < n; k++) {
        const Item *it = &m->items[m->chosen[k]];
        m->by_side[m->side[k]][filled[m->side[k]]++] = (Stimulus){
            .picture = it->picture, .side = m->side[k], .rotation_deg = it->rotation_deg};
    }
    shuffle(m->by_side[0], (size_t)count[0], rng);
    shuffle(m->by_side[1], (size_t)count[1], rng);
    int next[2] = {0, 0};
    for (int i = 0; i < n; i++)
        out[i] = m->by_side[m->seq[i]][next[m->seq[i]]++];
    separate_repeats(out, n);

    if (rng_below(rng, 2))
        for (int i = 0; i < n; i++)
            out[i].side = (Side)(1 - out[i].side);
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
    if (!req->limbs || (req->limbs & ~LIMBS_ALL)) {
        snprintf(err, errlen, "the drill must show at least one body part");
        return -1;
    }
    int have[LIMB_COUNT] = {0};
    for (size_t i = 0; i < npics; i++)
        if (picture_allowed(cat, i, req))
            have[catalogue_get(cat, i)->limb] = 1;
    for (int l = 0; l < LIMB_COUNT; l++) {
        if ((req->limbs & limb_bit((Limb)l)) && !have[l]) {
            snprintf(err, errlen, "the catalogue has no %s pictures at level %d or below",
                     limb_name((Limb)l), req->level);
            return -1;
        }
    }
    /* The odd picture's side is drawn at random (and the coin toss at the
     * end makes either side equally likely anyway). */
    int left = req->count / 2 + (req->count % 2 ? (int)rng_below(rng, 2) : 0);
    DeckMemory m;
    int ok =
        deck_memory_init(&m, npics, deck_distinct_stimuli(cat, req) / 2, req->count, left) == 0 &&
        word_keys(cat, m.wkey) == 0;
    if (ok)
        build(&m, cat, req, rng, out);
    else
        snprintf(err, errlen, "out of memory while building the deck");
    deck_memory_free(&m);
    return ok ? 0 : -1;
}
