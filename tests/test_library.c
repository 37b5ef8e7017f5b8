/* The picture library as shipped: every catalogue row names a loadable PNG
 * with an alpha channel, a transparent background and a sane size; every
 * PNG is in the catalogue; every limb and level has enough pictures for a
 * 40-picture drill without repeats; and mirroring (the app's own drawing
 * code) moves the thumb or big toe to the other half of the picture. */
#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "check.h"
#include "csv.h"
#include "deck.h"
#include "pictures.h"

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

static void test_pictures(const Catalogue *cat)
{
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
        CHECK_MSG(longest >= 512 && longest <= 768 && shortest >= 128, "%s is %dx%d", p->file, s->w,
                  s->h);
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

static void test_enough_for_40(const Catalogue *cat)
{
    static const LimbSet limbs[] = {LIMBS_HANDS, LIMBS_FEET};
    for (int l = 0; l < 2; l++)
        for (int level = 1; level <= DECK_MAX_LEVEL; level++) {
            int pictures = 0;
            for (size_t i = 0; i < catalogue_count(cat); i++) {
                const Picture *p = catalogue_get(cat, i);
                pictures += p->level <= level &&
                            (unsigned)limbs[l] == (p->limb == LIMB_HAND ? LIMBS_HANDS : LIMBS_FEET);
            }
            /* 20 pictures, each shown once as itself and once mirrored. */
            CHECK_MSG(pictures >= 20, "%s, level %d: only %d pictures", limb_set_name(limbs[l]),
                      level, pictures);
            DeckRequest req = {limbs[l], level, 40, NULL};
            Stimulus deck[40];
            Rng rng;
            rng_seed(&rng, (uint64_t)(l * 10 + level));
            char err[256];
            CHECK_MSG(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0, "%s", err);
            for (int i = 0; i < 40; i++)
                for (int j = i + 1; j < 40; j++)
                    CHECK_MSG(
                        !(deck[i].picture == deck[j].picture && deck[i].side == deck[j].side &&
                          deck[i].rotation_deg == deck[j].rotation_deg),
                        "%s, level %d: a picture repeats in 40", limb_set_name(limbs[l]), level);
        }
}

/* Draws stimulus s at scale 1 into a transparent target the picture's size
 * and reads it back as RGBA. */
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
    int n = 0, off_centre = 0, rows = 0;
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
        if (x > 0.4 && x < 0.6)
            continue; /* too near the middle to tell the halves apart */
        rows++;
        off_centre += x < 0.4 || x > 0.6;
        Stimulus right = {.picture = (uint32_t)index, .side = SIDE_RIGHT, .rotation_deg = 0};
        Stimulus left = {.picture = (uint32_t)index, .side = SIDE_LEFT, .rotation_deg = 0};
        char err[256];
        /* An area larger than any picture: loaded at its own size. */
        SDL_Rect large = {0, 0, 4096, 4096};
        bool *broken = calloc(catalogue_count(cat), sizeof *broken);
        int nbroken = 0;
        PictureSet *set = pictures_load(r, cat, &right, 1, ASSETS, large, false, broken, &nbroken,
                                        err, sizeof err);
        free(broken);
        CHECK_MSG(set != NULL && nbroken == 0, "%s", err);
        if (!set)
            continue;
        int w, h;
        SDL_QueryTexture(pictures_texture(set, right.picture), NULL, NULL, &w, &h);
        Uint8 *as_is = render(r, set, &right, w, h);
        Uint8 *mirrored = render(r, set, &left, w, h);
        int px = (int)(x * w), py = (int)(y * h);
        if (px >= w)
            px = w - 1;
        if (py >= h)
            py = h - 1;
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
    CHECK_MSG(off_centre >= 8, "only %d landmarks clearly off the centre line", off_centre);
    CHECK(rows >= 8);
    SDL_free(text);
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
        test_mirror_landmarks(cat, r);
    }
    catalogue_destroy(cat);
    if (r)
        SDL_DestroyRenderer(r);
    if (window)
        SDL_DestroyWindow(window);
    IMG_Quit();
    SDL_Quit();
    return check_exit();
}
