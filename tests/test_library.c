/* The picture library as shipped: every catalogue row names a loadable PNG
 * with an alpha channel, a transparent background and the configured size;
 * every PNG is in the catalogue; every body part and level has enough
 * pictures for a 40-picture drill without repeats; hands, feet and knees
 * come as the patient's own and as someone else's (shoulders, necks and
 * backs as someone else's), and the light sides are balanced;
 * mirroring (the app's own drawing code) moves the thumb or big toe to the
 * other half of the picture; and nothing but the body part tells its side,
 * over the library and over each part's pictures: neither the lighting, nor
 * where the forearm or shin is cut off, nor where the part sits in the
 * picture. And the pictures of touch practice's textures: one for every
 * rung of the shipped ladder, square, transparent around the drawing, and
 * none that the ladder does not name. */
#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "check.h"
#include "csv.h"
#include "deck.h"
#include "pictures.h"
#include "prescription.h"
#include "touch.h"

#define ASSETS GMI_RESOURCE_DIR "/assets"

static Catalogue *load_catalogue(void)
{
    size_t len;
    char *text = SDL_LoadFile(GMI_RESOURCE_DIR "/data/catalogue.csv", &len);
    char err[512] = "";
    Catalogue *cat =
        text ? catalogue_parse(text, len, "data/catalogue.csv", err, sizeof err) : NULL;
    CHECK_MSG(cat != NULL, "%s", text ? err : SDL_GetError());
    SDL_free(text);
    return cat;
}

static Uint8 alpha_at(SDL_Surface *s, int x, int y)
{
    Uint32 pixel = 0;
    const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch + x * s->format->BytesPerPixel;
    memcpy(&pixel, p, s->format->BytesPerPixel);
    Uint8 r, g, b, a;
    SDL_GetRGBA(pixel, s->format, &r, &g, &b, &a);
    return a;
}

/* The long side of every library picture as the generator is set up
 * (settings.size in the pose table, assets/source/poses.json), or 0 if the
 * table cannot be read or names no size. */
static int configured_size(void)
{
    size_t len;
    char *text = SDL_LoadFile(GMI_RESOURCE_DIR "/assets/source/poses.json", &len);
    const char *settings = text ? strstr(text, "\"settings\"") : NULL;
    const char *size = settings ? strstr(settings, "\"size\"") : NULL;
    const char *colon = size ? strchr(size, ':') : NULL;
    long value = colon ? strtol(colon + 1, NULL, 10) : 0;
    SDL_free(text);
    return value > 0 && value <= PICTURES_SIDE_MAX ? (int)value : 0;
}

static void test_pictures(const Catalogue *cat)
{
    const int size = configured_size();
    CHECK_MSG(size > 0, "no settings.size in assets/source/poses.json");
    for (size_t i = 0; i < catalogue_count(cat); i++) {
        const Picture *p = catalogue_get(cat, i);
        char path[512];
        snprintf(path, sizeof path, "%s/%s", ASSETS, p->file);
        SDL_Surface *s = IMG_Load(path);
        CHECK_MSG(s != NULL, "%s: %s", path, IMG_GetError());
        if (!s)
            continue;
        CHECK_MSG(SDL_ISPIXELFORMAT_ALPHA(s->format->format), "%s has no alpha channel", p->file);
        int longest = s->w > s->h ? s->w : s->h, shortest = s->w < s->h ? s->w : s->h;
        CHECK_MSG(longest == size && shortest >= size / 5, "%s is %dx%d; its long side must be %d",
                  p->file, s->w, s->h, size);
        SDL_LockSurface(s);
        CHECK_MSG(alpha_at(s, 0, 0) == 0 && alpha_at(s, s->w - 1, 0) == 0 &&
                      alpha_at(s, 0, s->h - 1) == 0 && alpha_at(s, s->w - 1, s->h - 1) == 0,
                  "%s: corners are not transparent", p->file);
        long opaque = 0;
        for (int y = 0; y < s->h; y += 4)
            for (int x = 0; x < s->w; x += 4)
                opaque += alpha_at(s, x, y) == 255;
        long samples = (long)((s->h + 3) / 4) * ((s->w + 3) / 4);
        CHECK_MSG(opaque * 10 > samples, "%s: the limb fills under a tenth of the picture",
                  p->file);
        SDL_UnlockSurface(s);
        SDL_FreeSurface(s);
    }
}

static void test_every_png_listed(const Catalogue *cat)
{
    DIR *dir = opendir(ASSETS "/pictures");
    CHECK(dir != NULL);
    if (!dir)
        return;
    struct dirent *e;
    int pngs = 0;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".png") != 0)
            continue;
        pngs++;
        char file[300];
        snprintf(file, sizeof file, "pictures/%s", e->d_name);
        int listed = 0;
        for (size_t i = 0; i < catalogue_count(cat) && !listed; i++)
            listed = strcmp(catalogue_get(cat, i)->file, file) == 0;
        CHECK_MSG(listed, "%s is not in the catalogue", file);
    }
    closedir(dir);
    CHECK(pngs == (int)catalogue_count(cat));
}

static void test_touch_icons(void)
{
    size_t len;
    char *text = SDL_LoadFile(GMI_RESOURCE_DIR "/data/touch-ladder.csv", &len);
    char err[512] = "";
    TouchLadder *ladder =
        text ? touch_ladder_parse(text, len, "data/touch-ladder.csv", err, sizeof err) : NULL;
    SDL_free(text);
    CHECK_MSG(ladder != NULL, "%s", err);
    if (!ladder)
        return;
    char names[2 * TOUCH_STEPS_MAX][TOUCH_ICON_MAX];
    int nnames = 0;
    for (int limb = 0; limb < 2; limb++)
        for (int step = 1; step <= touch_ladder_steps(ladder); step++) {
            const char *icon = touch_ladder_rung(ladder, (Limb)limb, step)->icon;
            char path[512], why[256] = "";
            snprintf(path, sizeof path, "%s/touch/%s", ASSETS, icon);
            SDL_RWops *rw = SDL_RWFromFile(path, "rb");
            SDL_Surface *s = rw ? pictures_decode(rw, why, sizeof why) : NULL;
            CHECK_MSG(s != NULL, "%s: %s", path, rw ? why : SDL_GetError());
            if (!s)
                continue;
            snprintf(names[nnames++], TOUCH_ICON_MAX, "%s", icon);
            CHECK_MSG(SDL_ISPIXELFORMAT_ALPHA(s->format->format), "%s has no alpha channel", icon);
            CHECK_MSG(s->w == s->h && s->w >= 512 && s->w <= 768, "%s is %dx%d", icon, s->w, s->h);
            SDL_LockSurface(s);
            CHECK_MSG(alpha_at(s, 0, 0) == 0 && alpha_at(s, s->w - 1, 0) == 0 &&
                          alpha_at(s, 0, s->h - 1) == 0 && alpha_at(s, s->w - 1, s->h - 1) == 0,
                      "%s: corners are not transparent", icon);
            long drawn = 0;
            for (int y = 0; y < s->h; y += 4)
                for (int x = 0; x < s->w; x += 4)
                    drawn += alpha_at(s, x, y) > 128;
            long samples = (long)((s->h + 3) / 4) * ((s->w + 3) / 4);
            CHECK_MSG(drawn * 10 > samples, "%s: the drawing fills under a tenth of the picture",
                      icon);
            SDL_UnlockSurface(s);
            SDL_FreeSurface(s);
        }
    touch_ladder_destroy(ladder);
    DIR *dir = opendir(ASSETS "/touch");
    CHECK(dir != NULL);
    struct dirent *e;
    while (dir && (e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".png") != 0)
            continue;
        int named = 0;
        for (int i = 0; i < nnames && !named; i++)
            named = strcmp(names[i], e->d_name) == 0;
        CHECK_MSG(named, "touch/%s is not in the ladder", e->d_name);
    }
    if (dir)
        closedir(dir);
}

/* Every body part the trainer offers: 20 pictures of each level's own (40
 * stimuli with their mirror images), so that every level adds pictures of
 * its kind, and a drill of 40 at any level shows none more than twice. */
static void test_enough_for_40(const Catalogue *cat)
{
    for (int l = 0; l < LIMB_COUNT; l++) {
        const char *name = limb_name((Limb)l);
        for (int level = 1; level <= DECK_MAX_LEVEL; level++) {
            int own = 0;
            for (size_t i = 0; i < catalogue_count(cat); i++) {
                const Picture *p = catalogue_get(cat, i);
                own += p->level == level && p->limb == (Limb)l;
            }
            CHECK_MSG(own >= 20, "%s, level %d: only %d pictures", name, level, own);
            DeckRequest req = {limb_bit((Limb)l), level, 40, NULL};
            Stimulus deck[40];
            Rng rng;
            rng_seed(&rng, (uint64_t)(l * 10 + level));
            char err[256];
            CHECK_MSG(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0, "%s", err);
            for (int i = 0; i < 40; i++) {
                int shown = 0;
                for (int j = 0; j < 40; j++)
                    shown += deck[j].picture == deck[i].picture;
                CHECK_MSG(shown <= 2, "%s, level %d: a picture shown %d times in 40", name, level,
                          shown);
            }
        }
    }
}

/* Each skin tone and each body shape (sex and age) of a part is lit from
 * both sides, neither more than three times as often as the other: a look
 * that came lit from one side only would let the look tell the light, and
 * the light as shown tells the side. (The finer lean of a few pictures more
 * one way, as in the hands' older women, 8 to 7, is for the cue test to
 * weigh.) And each is at every level of the part, in at least one in ten
 * of the level's pictures, so that no level is one kind of person only
 * (the hands' third level once showed no older person at all). */
static void test_looks(const Catalogue *cat)
{
    enum { LOOKS = 32 };
    static const size_t offsets[] = {offsetof(Picture, skin), offsetof(Picture, shape)};
    for (int l = 0; l < LIMB_COUNT; l++) {
        int in_level[DECK_MAX_LEVEL + 1] = {0};
        for (size_t i = 0; i < catalogue_count(cat); i++) {
            const Picture *p = catalogue_get(cat, i);
            in_level[p->level] += p->limb == (Limb)l;
        }
        for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
            const char *word[LOOKS];
            int n[LOOKS] = {0}, diff[LOOKS] = {0}, at[LOOKS][DECK_MAX_LEVEL + 1] = {{0}}, looks = 0;
            for (size_t i = 0; i < catalogue_count(cat); i++) {
                const Picture *p = catalogue_get(cat, i);
                if (p->limb != (Limb)l)
                    continue;
                const char *w = (const char *)p + offsets[o];
                int k = 0;
                while (k < looks && strcmp(word[k], w) != 0)
                    k++;
                CHECK_MSG(k < LOOKS, "%s: more than %d skin tones or shapes", limb_name((Limb)l),
                          LOOKS);
                if (k == LOOKS)
                    break;
                if (k == looks)
                    word[looks++] = w;
                n[k]++;
                diff[k] += p->light == SIDE_LEFT ? 1 : -1;
                at[k][p->level]++;
            }
            for (int k = 0; k < looks; k++) {
                CHECK_MSG(2 * abs(diff[k]) <= n[k],
                          "%s, %s: lit %d times from the left, %d from the right",
                          limb_name((Limb)l), word[k], (n[k] + diff[k]) / 2, (n[k] - diff[k]) / 2);
                for (int level = 1; level <= DECK_MAX_LEVEL; level++)
                    CHECK_MSG(10 * at[k][level] >= in_level[level],
                              "%s, %s: %d of the %d pictures of level %d", limb_name((Limb)l),
                              word[k], at[k][level], in_level[level], level);
            }
        }
    }
}

/* Whether the library shows this body part as one's own: hands, feet and
 * knees. One never sees one's own neck or back, and of one's own shoulder
 * only its top, too close to judge its movement by; those come as someone
 * else's, seen whole. */
static bool seen_as_own(Limb limb)
{
    return limb == LIMB_HAND || limb == LIMB_FOOT || limb == LIMB_KNEE;
}

/* Every body part one can see of oneself (seen_as_own) comes as the patient
 * sees their own and as someone else's, a shoulder, neck or back only as
 * someone else's; and the catalogue's light sides are as many each way (or one
 * apart) per part, per part and view kind and per part and level:
 * mirroring turns the light round with the part, so an uneven split would
 * tell the side. */
static void test_kind_and_light(const Catalogue *cat)
{
    int kinds[LIMB_COUNT][2] = {{0}}, by_kind[LIMB_COUNT][2] = {{0}},
        by_level[LIMB_COUNT][DECK_MAX_LEVEL + 1] = {{0}}, by_limb[LIMB_COUNT] = {0};
    for (size_t i = 0; i < catalogue_count(cat); i++) {
        const Picture *p = catalogue_get(cat, i);
        int sign = p->light == SIDE_LEFT ? 1 : -1;
        kinds[p->limb][p->kind]++;
        by_kind[p->limb][p->kind] += sign;
        by_level[p->limb][p->level] += sign;
        by_limb[p->limb] += sign;
    }
    for (int l = 0; l < LIMB_COUNT; l++) {
        if (kinds[l][VIEW_OWN] + kinds[l][VIEW_OTHER] == 0)
            continue; /* no pictures of this part */
        int least_own = seen_as_own((Limb)l) ? 4 : 0, most_own = seen_as_own((Limb)l) ? INT_MAX : 0;
        CHECK_MSG(kinds[l][VIEW_OWN] >= least_own && kinds[l][VIEW_OWN] <= most_own &&
                      kinds[l][VIEW_OTHER] >= 4,
                  "%s: %d own and %d other views", limb_name((Limb)l), kinds[l][VIEW_OWN],
                  kinds[l][VIEW_OTHER]);
        CHECK_MSG(abs(by_limb[l]) <= 1, "%s: light %+d", limb_name((Limb)l), by_limb[l]);
        for (int k = 0; k < 2; k++)
            CHECK_MSG(abs(by_kind[l][k]) <= 1, "%s, kind %d: light %+d", limb_name((Limb)l), k,
                      by_kind[l][k]);
        for (int level = 1; level <= DECK_MAX_LEVEL; level++)
            CHECK_MSG(abs(by_level[l][level]) <= 1, "%s, level %d: light %+d", limb_name((Limb)l),
                      level, by_level[l][level]);
    }
}

/* The box round the visible part (alpha of at least PICTURES_LIMB_ALPHA) of
 * catalogue picture index, read from its file; 0 x 0 when it cannot be
 * read. */
static SDL_Rect visible_box(const Catalogue *cat, size_t index)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ASSETS, catalogue_get(cat, index)->file);
    SDL_Surface *raw = IMG_Load(path);
    SDL_Surface *s = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0) : NULL;
    SDL_FreeSurface(raw);
    int x0 = INT32_MAX, y0 = INT32_MAX, x1 = -1, y1 = -1;
    for (int y = 0; s && y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            if (((Uint8 *)s->pixels)[(size_t)y * s->pitch + 4 * (size_t)x + 3] >=
                PICTURES_LIMB_ALPHA) {
                x0 = SDL_min(x0, x);
                y0 = SDL_min(y0, y);
                x1 = SDL_max(x1, x);
                y1 = SDL_max(y1, y);
            }
    SDL_FreeSurface(s);
    CHECK_MSG(x1 >= 0, "%s: nothing visible", path);
    return x1 >= 0 ? (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1} : (SDL_Rect){0, 0, 0, 0};
}

/* Draws stimulus s into a transparent target of w x h and reads it back as
 * RGBA. With w x h the size of the picture's visible part, the drill's
 * drawing is at scale 1: the visible part fills the target, a stored pixel
 * (x, y) lands on (x - box.x, y - box.y) as itself and on
 * (w - 1 - (x - box.x), y - box.y) mirrored. */
static Uint8 *render(SDL_Renderer *r, const PictureSet *set, const Stimulus *s, int w, int h)
{
    SDL_Texture *target =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_TARGET, w, h);
    Uint8 *pixels = malloc((size_t)w * h * 4);
    SDL_SetRenderTarget(r, target);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 0);
    SDL_RenderClear(r);
    pictures_draw(set, r, s, (SDL_Rect){0, 0, w, h}, false);
    SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGBA32, pixels, w * 4);
    SDL_SetRenderTarget(r, NULL);
    SDL_DestroyTexture(target);
    return pixels;
}

/* The textures of catalogue picture index alone, each at its own size; NULL
 * (and a failed check) when it cannot be loaded. */
static PictureSet *load_one(SDL_Renderer *r, const Catalogue *cat, size_t index)
{
    Stimulus s = {.picture = (uint32_t)index, .side = SIDE_RIGHT, .rotation_deg = 0};
    char err[256] = "";
    /* An area larger than any picture: loaded at its own size. */
    SDL_Rect large = {0, 0, 4096, 4096};
    bool *broken = calloc(catalogue_count(cat), sizeof *broken);
    int nbroken = 0;
    PictureSet *set =
        pictures_load(r, cat, &s, 1, ASSETS, large, false, broken, &nbroken, err, sizeof err);
    free(broken);
    CHECK_MSG(set != NULL && nbroken == 0, "%s", err);
    if (set && nbroken) {
        pictures_destroy(set);
        set = NULL;
    }
    return set;
}

/* A neck or back picture is stored as the person's own right: the head or
 * the chest turned or bent to their right. data/turns.csv holds, for each,
 * how far the posed skeleton turns that way (the generator's toward_right:
 * -2..2, 0 straight ahead); every neck and back picture must have a row
 * clearly above 0 (0.1: about 6 degrees), so the label agrees with the
 * question asked ("Head turned or tilted to their left or right?") and, mirrored,
 * with the other answer. */
static void test_turns(const Catalogue *cat)
{
    size_t len, n_pics = catalogue_count(cat);
    char *text = SDL_LoadFile(GMI_RESOURCE_DIR "/data/turns.csv", &len);
    CHECK_MSG(text != NULL, "data/turns.csv: %s", SDL_GetError());
    bool *seen = calloc(n_pics ? n_pics : 1, sizeof *seen);
    CHECK(seen != NULL);
    if (!text || !seen) {
        SDL_free(text);
        free(seen);
        return;
    }
    CsvReader reader;
    csv_reader_init(&reader, text, len);
    char buf[CSV_MAX_LINE];
    char *f[2];
    int n = 0;
    CHECK(csv_read_row(&reader, buf, f, 2, &n) == CSV_ROW && n == 2 && strcmp(f[0], "id") == 0 &&
          strcmp(f[1], "toward_right") == 0);
    while (csv_read_row(&reader, buf, f, 2, &n) == CSV_ROW) {
        long index = n == 2 ? catalogue_find(cat, f[0]) : -1;
        CHECK_MSG(index >= 0, "turns.csv:%d: not a picture of the catalogue", reader.line);
        if (index < 0)
            continue;
        const Picture *p = catalogue_get(cat, (size_t)index);
        CHECK_MSG(p->limb == LIMB_NECK || p->limb == LIMB_BACK, "turns.csv:%d: %s is a %s",
                  reader.line, p->id, limb_name(p->limb));
        double turn = atof(f[1]);
        CHECK_MSG(turn >= 0.1, "%s: turned %+.3f toward the right (at least 0.1)", p->id, turn);
        seen[index] = true;
    }
    for (size_t i = 0; i < n_pics; i++) {
        const Picture *p = catalogue_get(cat, i);
        CHECK_MSG(seen[i] || (p->limb != LIMB_NECK && p->limb != LIMB_BACK),
                  "%s: no row in turns.csv", p->id);
    }
    free(seen);
    SDL_free(text);
}

static void test_mirror_landmarks(const Catalogue *cat, SDL_Renderer *r)
{
    size_t len;
    char *text = SDL_LoadFile(GMI_RESOURCE_DIR "/data/landmarks.csv", &len);
    CHECK_MSG(text != NULL, "data/landmarks.csv: %s", SDL_GetError());
    if (!text)
        return;
    CsvReader reader;
    csv_reader_init(&reader, text, len);
    char buf[CSV_MAX_LINE];
    char *f[4];
    int n = 0, rows = 0;
    CHECK(csv_read_row(&reader, buf, f, 4, &n) == CSV_ROW && n == 4 && strcmp(f[0], "id") == 0 &&
          strcmp(f[1], "landmark") == 0 && strcmp(f[2], "x") == 0 && strcmp(f[3], "y") == 0);
    while (csv_read_row(&reader, buf, f, 4, &n) == CSV_ROW) {
        CHECK_MSG(n == 4, "landmarks.csv:%d: 4 fields", reader.line);
        if (n != 4)
            continue;
        long index = catalogue_find(cat, f[0]);
        CHECK_MSG(index >= 0, "landmarks.csv:%d: %s is not in the catalogue", reader.line, f[0]);
        if (index < 0)
            continue;
        const Picture *p = catalogue_get(cat, (size_t)index);
        CHECK(strcmp(f[1], p->limb == LIMB_HAND ? "thumb_tip" : "big_toe_tip") == 0);
        double x = atof(f[2]), y = atof(f[3]);
        CHECK(x >= 0.0 && x <= 1.0 && y >= 0.0 && y <= 1.0);
        Stimulus right = {.picture = (uint32_t)index, .side = SIDE_RIGHT, .rotation_deg = 0};
        Stimulus left = {.picture = (uint32_t)index, .side = SIDE_LEFT, .rotation_deg = 0};
        PictureSet *set = load_one(r, cat, (size_t)index);
        if (!set)
            continue;
        int pw, ph;
        SDL_QueryTexture(pictures_texture(set, right.picture), NULL, NULL, &pw, &ph);
        SDL_Rect box = visible_box(cat, (size_t)index);
        int w = box.w, h = box.h;
        /* The tip in the drawn picture, whose width is the visible part's. */
        int px = SDL_min((int)(x * pw), pw - 1) - box.x,
            py = SDL_min((int)(y * ph), ph - 1) - box.y;
        if (w == 0 || px < 0 || px >= w || py < 0 || py >= h) {
            CHECK_MSG(false, "%s: the tip is outside the visible part", p->id);
            pictures_destroy(set);
            continue;
        }
        if (px > 0.4 * w && px < 0.6 * w) {
            pictures_destroy(set);
            continue; /* too near the middle of the limb to tell the halves apart */
        }
        rows++;
        Uint8 *as_is = render(r, set, &right, w, h);
        Uint8 *mirrored = render(r, set, &left, w, h);
        int mx = w - 1 - px;
        /* The tip's pixel is skin, and the mirrored picture has that very pixel
         * on the other side. */
        const Uint8 *tip = as_is + ((size_t)py * w + px) * 4;
        const Uint8 *moved = mirrored + ((size_t)py * w + mx) * 4;
        const Uint8 *left_behind = mirrored + ((size_t)py * w + px) * 4;
        CHECK_MSG(tip[3] > 200, "%s: no skin at the tip (%d,%d)", p->id, px, py);
        CHECK_MSG((px < w / 2) != (mx < w / 2), "%s: tip did not change halves", p->id);
        CHECK_MSG(abs(tip[0] - moved[0]) <= 2 && abs(tip[1] - moved[1]) <= 2 &&
                      abs(tip[2] - moved[2]) <= 2 && abs(tip[3] - moved[3]) <= 2,
                  "%s: mirrored pixel differs", p->id);
        CHECK_MSG(memcmp(tip, left_behind, 4) != 0 || memcmp(tip, moved, 4) == 0,
                  "%s: the mirror left the tip in place", p->id);
        free(as_is);
        free(mirrored);
        pictures_destroy(set);
    }
    CHECK_MSG(rows >= 8, "only %d landmarks clearly off the limb's middle", rows);
    SDL_free(text);
}

/* Side cues that are not anatomy. Each is a number read off a picture as
 * shown (at rotation 0) that changes sign when the picture is mirrored, so
 * a viewer could use it to guess the side without looking at the limb. */
enum { CUE_LIGHT, CUE_CUT, CUE_BOX, CUE_COUNT };
static const char *const cue_names[CUE_COUNT] = {
    "light: left half minus right half",
    "cut edge: across the picture",
    "bounding box: across the picture",
};

/* The body parts over whose pictures a cue is held (to CUE_MAX_PERCENT
 * over the library, CUE_PART_MAX_PERCENT over one part). The cut edge is
 * measured and shown, never held: in the views the library shows from one
 * side of the limb only (three-quarter hands, feet from above and from
 * behind) the forearm or shin leaves a right limb off the middle because
 * the thumb or the inner side of the foot sticks out further on the other
 * side. That is the limb's outline, anatomy: the light does not change it,
 * and framing could hide it only by turning the limb or placing it off the
 * middle of its picture by more than the outline's own lopsidedness.
 *
 * The light is not held over shoulders, necks and backs, for the same
 * reason: their pictures show the body moving one arm, the head or the
 * trunk to one side, which puts arm, face, hair, skin and top in different
 * halves of the picture, so the halves' brightness follows the movement,
 * and how a light falls on a raised arm depends on which side the arm is.
 * Level 1's 20 pictures as drafts, lit from balanced sides as shipped and
 * with the lights straight above and below the camera (no side at all):
 * necks 67.5 % and 75.0 %, shoulders 67.5 % and 60.0 %. Their lighting is
 * held by the catalogue's light sides, balanced per part, level, view kind
 * and look (test_kind_and_light, test_looks) and as shown in every
 * drill (the deck test). */
static LimbSet cue_parts(int cue)
{
    switch (cue) {
    case CUE_LIGHT:
        return LIMBS_ALL & ~(limb_bit(LIMB_SHOULDER) | limb_bit(LIMB_NECK) | limb_bit(LIMB_BACK));
    case CUE_BOX:
        return LIMBS_ALL;
    default:
        return 0;
    }
}

/* A guess from one held cue may be right this often at most (a coin: 50 %)
 * over the whole library, and over one body part's pictures on their own
 * (a drill of that part alone). A part has fewer pictures, so the best of
 * all thresholds fits its chance differences more closely: the part's
 * bound catches a part lit or framed one way (70 % and more), the
 * library's the finer lean. */
#define CUE_MAX_PERCENT 55
#define CUE_PART_MAX_PERCENT 60

static int alpha_of(const Uint8 *rgba, int w, int x, int y)
{
    return rgba[((size_t)y * w + x) * 4 + 3];
}

/* Whether (x, y) lies in the fade that ends the forearm or shin: a middling
 * alpha with neither background nor solid skin within 3 pixels, which
 * leaves out the thin smoothed rim of the silhouette. */
static bool in_fade(const Uint8 *rgba, int w, int h, int x, int y)
{
    int a = alpha_of(rgba, w, x, y);
    if (a < 32 || a > 224 || x < 3 || y < 3 || x >= w - 3 || y >= h - 3)
        return false;
    for (int dy = -3; dy <= 3; dy++)
        for (int dx = -3; dx <= 3; dx++) {
            int b = alpha_of(rgba, w, x + dx, y + dy);
            if (b < 8 || b > 247)
                return false;
        }
    return true;
}

/* The cues of one picture as drawn over transparent black (so its colour is
 * premultiplied by alpha), w x h RGBA. Light: how much brighter the limb's
 * (and its object's, in a context picture) left half is than its right half (alpha-weighted mean
 * luma of each side of the vertical line through the limb's centre of mass, as a fraction of their
 * sum): the vertical line, because a viewer sees the light come from the left or right of the
 * screen, and the mirror swaps exactly those. Cut: where across the picture the fade that ends the
 * forearm or shin lies (its mean x, -0.5 .. 0.5 of the width; 0 when *cut_seen is false: no fade).
 * Box: the offset of the limb's bounding box (alpha >= 128) from the
 * picture's centre, as a fraction of the width. */
static void measure_cues(const Uint8 *rgba, int w, int h, double cue[CUE_COUNT], bool *cut_seen)
{
    double mass = 0, moment = 0, fade_x = 0;
    long fade = 0;
    int x0 = w, x1 = -1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int a = alpha_of(rgba, w, x, y);
            mass += a;
            moment += a * (x + 0.5);
            if (a >= 128) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
            }
            if (in_fade(rgba, w, h, x, y)) {
                fade++;
                fade_x += x + 0.5;
            }
        }
    double centre = mass > 0 ? moment / mass : w / 2.0;
    double luma[2] = {0, 0}, weight[2] = {0, 0};
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const Uint8 *p = rgba + ((size_t)y * w + x) * 4;
            if (p[3] == 0 || x + 0.5 == centre)
                continue;
            int half = x + 0.5 > centre;
            luma[half] += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            weight[half] += p[3];
        }
    double left = weight[0] > 0 ? luma[0] / weight[0] : 0;
    double right = weight[1] > 0 ? luma[1] / weight[1] : 0;
    cue[CUE_LIGHT] = left + right > 0 ? (left - right) / (left + right) : 0;
    /* A fade narrower than a few rows of pixels is noise, not a cut. */
    *cut_seen = fade >= 4L * w;
    cue[CUE_CUT] = *cut_seen ? fade_x / fade / w - 0.5 : 0;
    cue[CUE_BOX] = x1 >= x0 ? ((x0 + x1 + 1) / 2.0 - w / 2.0) / w : 0;
}

typedef struct Shown {
    double value;
    bool right;
} Shown;

static int by_value(const void *a, const void *b)
{
    double u = ((const Shown *)a)->value, v = ((const Shown *)b)->value;
    return (u > v) - (u < v);
}

/* The best single threshold rule on one cue over n shown pictures: "right
 * when the value is above t" (*above) or "right when below t", with t
 * between two neighbouring values or outside them all. Returns how many it
 * gets right; sorts shown. */
static size_t best_rule(Shown *shown, size_t n, double *threshold, bool *above)
{
    qsort(shown, n, sizeof *shown, by_value);
    /* t below every value: "above t" calls every picture right. */
    size_t right_above = 0;
    for (size_t i = 0; i < n; i++)
        right_above += shown[i].right;
    size_t best = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i > 0) {
            /* shown[i - 1] falls below t: now called left. */
            if (shown[i - 1].right)
                right_above--;
            else
                right_above++;
            if (i < n && shown[i].value == shown[i - 1].value)
                continue;
        }
        double t = i == 0   ? -INFINITY
                   : i == n ? INFINITY
                            : (shown[i - 1].value + shown[i].value) / 2;
        if (right_above > best || n - right_above > best) {
            *above = right_above >= n - right_above;
            best = *above ? right_above : n - right_above;
            *threshold = t;
        }
    }
    return best;
}

/* Every picture is shown as a right limb and, mirrored, as a left one. For
 * each held cue, the best threshold rule on it may guess the side of at most
 * CUE_MAX_PERCENT % of those. Prints every cue's best rule. */
/* best_rule on small tables whose answer is known. */
static void test_best_rule(void)
{
    static const struct {
        double values[6];
        bool right[6];
        size_t correct;
        bool above;
    } cases[] = {
        /* every right picture brighter on the left: the rule is always right */
        {{0.2, 0.1, 0.3, -0.2, -0.1, -0.3}, {true, true, true, false, false, false}, 6, true},
        /* the same, turned round */
        {{-0.2, -0.1, -0.3, 0.2, 0.1, 0.3}, {true, true, true, false, false, false}, 6, false},
        /* one of three right pictures on the other side: 5 of 6 */
        {{0.2, -0.1, 0.3, -0.2, 0.1, -0.3}, {true, true, true, false, false, false}, 5, true},
        /* mixed: the best split (between -0.1 and 0.1) gets 4 of 6 */
        {{0.2, -0.2, 0.1, -0.1, 0.3, -0.3}, {true, true, true, false, false, false}, 4, true},
        /* equal values cannot be split */
        {{0, 0, 0, 0, 0, 0}, {true, true, true, false, false, false}, 3, true},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Shown shown[6];
        for (int i = 0; i < 6; i++)
            shown[i] = (Shown){cases[k].values[i], cases[k].right[i]};
        double t = 0;
        bool above = true;
        size_t correct = best_rule(shown, 6, &t, &above);
        CHECK_MSG(correct == cases[k].correct && above == cases[k].above,
                  "case %zu: %zu right, above %d", k, correct, above);
    }
}

/* The best rule on each cue over the pictures shown of the parts in
 * parts, printed as a line per cue under name; a cue is held to limit %
 * over those of its cue_parts, and shown only when parts has none of them. */
static void check_cues(Shown *shown[CUE_COUNT], const Limb *limb, size_t n, LimbSet parts,
                       const char *name, int limit)
{
    Shown *picked = malloc((n ? n : 1) * sizeof *picked);
    CHECK(picked != NULL);
    for (int c = 0; c < CUE_COUNT && picked; c++) {
        LimbSet held = parts & cue_parts(c), over = held ? held : parts;
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (over & limb_bit(limb[i]))
                picked[m++] = shown[c][i];
        double t = 0;
        bool above = true;
        size_t correct = best_rule(picked, m, &t, &above);
        double percent = m ? 100.0 * correct / m : 0;
        char rule[64];
        snprintf(rule, sizeof rule, "right when %s %+.4f", above ? ">" : "<", t);
        printf("%-10s %-36s %-28s %.1f %% of %zu%s%s\n", name, cue_names[c], rule, percent, m,
               held ? "" : " (anatomy: not held)",
               held && held != parts ? " (shoulders, necks and backs left out)" : "");
        CHECK_MSG(!held || correct * 100 <= (size_t)limit * m,
                  "%s: %s tells the side of %.1f %% of the pictures shown (at most %d %%)", name,
                  cue_names[c], percent, limit);
    }
    free(picked);
}

/* Every picture is shown as a right limb and, mirrored, as a left one; the
 * cues are held over the whole library and over each body part's pictures
 * on their own. */
static void test_side_cues(const Catalogue *cat, SDL_Renderer *r)
{
    size_t n = catalogue_count(cat), shown_n = 0;
    Shown *shown[CUE_COUNT];
    Limb *limb = calloc(2 * n, sizeof *limb);
    bool allocated = limb != NULL;
    for (int c = 0; c < CUE_COUNT; c++)
        allocated &= (shown[c] = calloc(2 * n, sizeof **shown)) != NULL;
    CHECK(allocated);
    int no_cut = 0;
    for (size_t i = 0; i < n && allocated; i++) {
        PictureSet *set = load_one(r, cat, i);
        if (!set)
            continue;
        SDL_Rect box = visible_box(cat, i);
        int w = box.w, h = box.h;
        for (int side = 0; side < 2 && w > 0; side++) {
            Stimulus s = {
                .picture = (uint32_t)i, .side = side ? SIDE_RIGHT : SIDE_LEFT, .rotation_deg = 0};
            Uint8 *rgba = render(r, set, &s, w, h);
            double cue[CUE_COUNT];
            bool cut_seen;
            measure_cues(rgba, w, h, cue, &cut_seen);
            no_cut += !cut_seen && side;
            for (int c = 0; c < CUE_COUNT; c++)
                shown[c][shown_n] = (Shown){cue[c], side == 1};
            limb[shown_n++] = catalogue_get(cat, i)->limb;
            free(rgba);
        }
        pictures_destroy(set);
    }
    printf("%zu pictures shown as right and as left, at rotation 0 (%d with no fade at the cut)\n",
           shown_n, no_cut);
    printf("%-10s %-36s %-28s %s\n", "pictures", "side cue", "best rule", "guessed right");
    if (allocated) {
        LimbSet pictured = catalogue_limbs(cat);
        check_cues(shown, limb, shown_n, pictured, "all", CUE_MAX_PERCENT);
        for (int l = 0; l < LIMB_COUNT; l++)
            if (pictured & limb_bit((Limb)l))
                check_cues(shown, limb, shown_n, limb_bit((Limb)l), limb_name((Limb)l),
                           CUE_PART_MAX_PERCENT);
    }
    for (int c = 0; c < CUE_COUNT; c++)
        free(shown[c]);
    free(limb);
    CHECK(shown_n == 2 * n);
}

/* Whether a picture below level below has view (or posture) word. */
static bool seen_below(const Catalogue *cat, int below, Limb limb, const char *word, bool posture)
{
    for (size_t i = 0; i < catalogue_count(cat); i++) {
        const Picture *p = catalogue_get(cat, i);
        if (p->level < below && p->limb == limb && !strcmp(posture ? p->posture : p->view, word))
            return true;
    }
    return false;
}

/* What the therapist area says of each level (the notes of the prescription's
 * Level buttons) holds for the library: level 2 adds views, level 3 views or
 * postures no lower level has, and level 4 is exactly the pictures with an
 * object. */
static void test_level_notes(const Catalogue *cat)
{
    const PrescriptionField *level = prescription_field_find("level");
    CHECK(level && prescription_field_choice_count(level) == DECK_MAX_LEVEL);
    int new_views[DECK_MAX_LEVEL + 1] = {0}, new_postures[DECK_MAX_LEVEL + 1] = {0};
    for (size_t i = 0; i < catalogue_count(cat); i++) {
        const Picture *p = catalogue_get(cat, i);
        CHECK_MSG((p->object[0] != '\0') == (p->level == 4), "%s: level %d, object '%s'", p->id,
                  p->level, p->object);
        new_views[p->level] += !seen_below(cat, p->level, p->limb, p->view, false);
        new_postures[p->level] += !seen_below(cat, p->level, p->limb, p->posture, true);
    }
    CHECK(level && strstr(level->choices[1].note, "more views") && new_views[2] > 0);
    CHECK(level && strstr(level->choices[2].note, "unusual views and postures") &&
          new_views[3] > 0 && new_postures[3] > 0);
    CHECK(level && strstr(level->choices[3].note, "with objects"));
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || (IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    Catalogue *cat = load_catalogue();
    SDL_Window *window = SDL_CreateWindow("library", 0, 0, 64, 64, 0);
    SDL_Renderer *r = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    CHECK_MSG(r != NULL, "%s", SDL_GetError());
    if (cat && r) {
        test_pictures(cat);
        test_every_png_listed(cat);
        test_enough_for_40(cat);
        test_level_notes(cat);
        test_kind_and_light(cat);
        test_looks(cat);
        test_mirror_landmarks(cat, r);
        test_turns(cat);
        test_best_rule();
        test_side_cues(cat, r);
    }
    test_touch_icons();
    catalogue_destroy(cat);
    if (r)
        SDL_DestroyRenderer(r);
    if (window)
        SDL_DestroyWindow(window);
    IMG_Quit();
    SDL_Quit();
    return check_exit();
}
