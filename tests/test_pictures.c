/* Pictures larger than PICTURES_SIDE_MAX are refused from their header,
 * before a pixel is decoded: a crafted PNG that claims 20000 x 20000 pixels
 * but holds almost no data (decoding it would fail too, with another
 * message), real PNGs just over and at the limit, and a file that is no
 * PNG; through the three loaders, the drill's pictures, the mirror-therapy
 * loop frames and a single picture fitted to a box (touch practice's). And
 * where a drill's picture is drawn, for either side and every rotation. */
#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "loop_frames.h"
#include "pictures.h"

static char dir[256];

static Uint32 crc32_of(const Uint8 *p, size_t n, Uint32 crc)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static void put32(Uint8 *b, Uint32 v)
{
    b[0] = (Uint8)(v >> 24);
    b[1] = (Uint8)(v >> 16);
    b[2] = (Uint8)(v >> 8);
    b[3] = (Uint8)v;
}

/* One chunk with its length and a correct CRC. */
static void put_chunk(FILE *f, const char *type, const Uint8 *data, Uint32 n)
{
    Uint8 b[4];
    put32(b, n);
    fwrite(b, 1, 4, f);
    Uint32 crc = crc32_of((const Uint8 *)type, 4, 0);
    fwrite(type, 1, 4, f);
    if (n) {
        fwrite(data, 1, n, f);
        crc = crc32_of(data, n, crc);
    }
    put32(b, crc);
    fwrite(b, 1, 4, f);
}

/* A PNG whose well-formed header claims w x h RGBA pixels, followed by an
 * IDAT of a few bytes and no end: a decoder would allocate the whole
 * picture and then run out of data. */
static void write_crafted_png(const char *path, Uint32 w, Uint32 h)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    static const Uint8 signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    fwrite(signature, 1, sizeof signature, f);
    Uint8 ihdr[13] = {0, 0, 0, 0, 0, 0, 0, 0, 8, 6, 0, 0, 0};
    put32(ihdr, w);
    put32(ihdr + 4, h);
    put_chunk(f, "IHDR", ihdr, sizeof ihdr);
    static const Uint8 idat[] = {0x78, 0x9c, 0x63, 0x60, 0x18};
    put_chunk(f, "IDAT", idat, sizeof idat);
    fclose(f);
}

/* A real transparent PNG of w x h pixels. */
static void write_png(const char *path, int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    CHECK(s != NULL && IMG_SavePNG(s, path) == 0);
    SDL_FreeSurface(s);
}

/* pictures_decode on the file at path: NULL with why, or the surface's size. */
static SDL_Surface *decode_file(const char *path, char *why, size_t cap)
{
    why[0] = '\0';
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    CHECK(rw != NULL);
    return rw ? pictures_decode(rw, why, cap) : NULL;
}

static void test_decode(void)
{
    char path[512], why[256];
    snprintf(path, sizeof path, "%s/crafted.png", dir);
    write_crafted_png(path, 20000, 20000);
    SDL_Surface *s = decode_file(path, why, sizeof why);
    CHECK_MSG(s == NULL && strstr(why, "20000 x 20000") && strstr(why, "4096"), "%s", why);
    SDL_FreeSurface(s);
    /* Too large on one side only is too large. */
    write_crafted_png(path, 16, 4097);
    s = decode_file(path, why, sizeof why);
    CHECK_MSG(s == NULL && strstr(why, "16 x 4097"), "%s", why);
    SDL_FreeSurface(s);

    snprintf(path, sizeof path, "%s/over.png", dir);
    write_png(path, PICTURES_SIDE_MAX + 1, 2);
    s = decode_file(path, why, sizeof why);
    CHECK_MSG(s == NULL && strstr(why, "4097 x 2"), "%s", why);
    SDL_FreeSurface(s);
    snprintf(path, sizeof path, "%s/at.png", dir);
    write_png(path, PICTURES_SIDE_MAX, 2);
    s = decode_file(path, why, sizeof why);
    CHECK_MSG(s != NULL && s->w == PICTURES_SIDE_MAX && s->h == 2, "%s", why);
    SDL_FreeSurface(s);

    snprintf(path, sizeof path, "%s/text.png", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("not a picture", f);
        fclose(f);
    }
    s = decode_file(path, why, sizeof why);
    CHECK_MSG(s == NULL && strstr(why, "not a PNG"), "%s", why);
    SDL_FreeSurface(s);
}

/* The drill's loader marks the picture broken and says why, naming it. */
/* An opaque picture comes out of pictures_argb faded to nothing at every
 * edge, whole inside, and the same mirrored either way. */
static void test_feather(void)
{
    enum { W = 400, H = 300 };
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ABGR8888);
    CHECK(s != NULL);
    if (!s)
        return;
    SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 200, 150, 120, 255));
    s = pictures_argb(s);
    CHECK(s != NULL && s->format->format == SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return;
    int band = (int)(H * PICTURES_FEATHER), asymmetric = 0, rising = 0;
    for (int y = 0; y < H; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        const Uint32 *mirror = (const Uint32 *)((const Uint8 *)s->pixels + (H - 1 - y) * s->pitch);
        for (int x = 0; x < W; x++) {
            asymmetric += row[x] >> 24 != row[W - 1 - x] >> 24 || row[x] >> 24 != mirror[x] >> 24;
            /* Towards the middle the alpha never falls. */
            if (x > 0 && x <= W / 2)
                rising += row[x] >> 24 < row[x - 1] >> 24;
        }
    }
    const Uint32 *first = s->pixels;
    const Uint32 *middle = (const Uint32 *)((const Uint8 *)s->pixels + H / 2 * s->pitch);
    CHECK_MSG(band >= 2, "band %d px", band);
    CHECK(first[0] >> 24 == 0 && first[W / 2] >> 24 == 0 && middle[0] >> 24 == 0);
    CHECK(middle[W - 1] >> 24 == 0 && middle[band / 2] >> 24 > 0 && middle[band / 2] >> 24 < 255);
    CHECK(middle[band] >> 24 == 255 && middle[W / 2] >> 24 == 255);
    CHECK((middle[W / 2] & 0xFFFFFF) == 0xC89678); /* colour unchanged */
    CHECK_MSG(asymmetric == 0, "%d pixels differ from their mirror image", asymmetric);
    CHECK_MSG(rising == 0, "%d pixels darker than their outer neighbour", rising);
    SDL_FreeSurface(s);
}

static void test_pictures_load(SDL_Renderer *r)
{
    char path[512];
    snprintf(path, sizeof path, "%s/huge.png", dir);
    write_crafted_png(path, 20000, 20000);
    const char *text = "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n"
                       "huge,huge.png,hand,back,flat,,light,female,1,0,other,left\n";
    char err[1400] = "";
    Catalogue *cat = catalogue_parse(text, strlen(text), "c.csv", err, sizeof err);
    CHECK_MSG(cat != NULL, "%s", err);
    if (!cat)
        return;
    Stimulus deck[1] = {{.picture = 0, .side = SIDE_RIGHT}};
    bool broken[1] = {false};
    int nbroken = 0;
    PictureSet *set = pictures_load(r, cat, deck, 1, dir, (SDL_Rect){0, 0, 64, 64}, false, broken,
                                    &nbroken, err, sizeof err);
    CHECK(set != NULL && nbroken == 1 && broken[0]);
    CHECK_MSG(strstr(err, "cannot load the picture") && strstr(err, "huge.png") &&
                  strstr(err, "20000 x 20000"),
              "%s", err);
    pictures_destroy(set);
    catalogue_destroy(cat);
}

/* A single picture decoded at the size it is drawn: scaled down to fit
 * the box with its shape kept, never up; a picture that is missing, no PNG
 * or too large gives no texture and the reason, for the caller to name the
 * file. */
static void test_load_fitted(SDL_Renderer *r)
{
    char path[512], err[1400] = "";
    snprintf(path, sizeof path, "%s/wide.png", dir);
    write_png(path, 640, 480);
    static const struct {
        int box_w, box_h, w, h;
    } fits[] = {{200, 300, 200, 150}, {400, 150, 200, 150}, {1000, 1000, 640, 480}, {0, 0, 1, 1}};
    for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
        SDL_Texture *t =
            pictures_load_fitted(r, path, fits[i].box_w, fits[i].box_h, err, sizeof err);
        int w = 0, h = 0;
        /* An empty box gives the smallest picture, a pixel or two a side. */
        int slack = fits[i].box_w == 0;
        CHECK_MSG(t && SDL_QueryTexture(t, NULL, NULL, &w, &h) == 0 && w >= fits[i].w &&
                      w <= fits[i].w + slack && h >= fits[i].h && h <= fits[i].h + slack,
                  "case %zu: %dx%d (%s)", i, w, h, err);
        if (t)
            SDL_DestroyTexture(t);
    }
    static const struct {
        const char *file, *why;
    } bad[] = {{"missing.png", "it is missing or cannot be read"},
               {"text.png", "it is not a PNG picture"},
               {"crafted.png", "it is 16 x 4097 pixels"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, bad[i].file);
        err[0] = '\0';
        CHECK_MSG(pictures_load_fitted(r, path, 300, 300, err, sizeof err) == NULL &&
                      strncmp(err, bad[i].why, strlen(bad[i].why)) == 0 &&
                      !strstr(err, bad[i].file),
                  "%s: %s", bad[i].file, err);
    }
}

/* A 60 x 100 picture, transparent but for an opaque red bar at x 5..24,
 * y 10..89: its visible part is off the picture's centre. */
static void write_bar_png(const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 60, 100, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(s != NULL);
    if (!s)
        return;
    SDL_FillRect(s, NULL, 0x00000000);
    SDL_FillRect(s, &(SDL_Rect){5, 10, 20, 80}, 0xffff0000);
    CHECK(IMG_SavePNG(s, path) == 0);
    SDL_FreeSurface(s);
}

/* The box round the red pixels drawn on target; w is 0 when none. */
static SDL_Rect red_box(SDL_Surface *target)
{
    int x0 = target->w, y0 = target->h, x1 = -1, y1 = -1;
    for (int y = 0; y < target->h; y++)
        for (int x = 0; x < target->w; x++) {
            Uint32 p = ((Uint32 *)((Uint8 *)target->pixels + y * target->pitch))[x];
            if (((p >> 16) & 255) > 128) {
                x0 = SDL_min(x0, x);
                x1 = SDL_max(x1, x);
                y0 = SDL_min(y0, y);
                y1 = SDL_max(y1, y);
            }
        }
    return x1 < 0 ? (SDL_Rect){0, 0, 0, 0} : (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

/* Where the drill draws a picture: the visible part's centre in the middle
 * of the area for either side and every rotation (the limb's place on the
 * screen says nothing of its side), never outside the area, the same size
 * for a picture and its mirror image, and as large as the rule allows:
 * the box fits the area without rotations, every rotation fits with them. */
static void test_placement(SDL_Renderer *r, SDL_Surface *target)
{
    char path[512];
    snprintf(path, sizeof path, "%s/bar.png", dir);
    write_bar_png(path);
    const char *text = "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n"
                       "bar,bar.png,hand,back,flat,,light,female,1,0,other,left\n";
    char err[1400] = "";
    Catalogue *cat = catalogue_parse(text, strlen(text), "c.csv", err, sizeof err);
    CHECK_MSG(cat != NULL, "%s", err);
    if (!cat)
        return;
    const SDL_Rect area = {20, 30, 300, 300};
    for (int rotating = 0; rotating < 2; rotating++) {
        Stimulus deck[1] = {{.picture = 0, .side = SIDE_RIGHT}};
        bool broken[1] = {false};
        int nbroken = 0;
        PictureSet *set =
            pictures_load(r, cat, deck, 1, dir, area, rotating, broken, &nbroken, err, sizeof err);
        CHECK_MSG(set != NULL && nbroken == 0, "%s", err);
        for (int deg = 0; set && deg < 360; deg += rotating ? 45 : 360) {
            SDL_Rect box[2];
            for (int side = 0; side < 2; side++) {
                SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
                SDL_RenderClear(r);
                Stimulus st = {.picture = 0, .side = (Side)side, .rotation_deg = deg};
                pictures_draw(set, r, &st, area, rotating);
                SDL_RenderPresent(r);
                box[side] = red_box(target);
                SDL_Rect b = box[side];
                /* A pixel of rounding either way. */
                CHECK_MSG(b.x >= area.x - 1 && b.y >= area.y - 1 &&
                              b.x + b.w <= area.x + area.w + 1 && b.y + b.h <= area.y + area.h + 1,
                          "rotating %d, %d degrees, side %d: %d,%d %dx%d leaves the area", rotating,
                          deg, side, b.x, b.y, b.w, b.h);
                double cx = b.x + b.w / 2.0, cy = b.y + b.h / 2.0;
                CHECK_MSG(fabs(cx - (area.x + area.w / 2.0)) <= 1.5 &&
                              fabs(cy - (area.y + area.h / 2.0)) <= 1.5,
                          "rotating %d, %d degrees, side %d: centred at %.1f,%.1f", rotating, deg,
                          side, cx, cy);
            }
            CHECK(abs(box[0].w - box[1].w) <= 1 && abs(box[0].h - box[1].h) <= 1);
            if (deg == 0) {
                /* The bar is 20 x 80: its box fills the height without
                 * rotations; with them its diagonal (82.5) spans the area. */
                double want = rotating ? 300.0 * 80 / hypot(20, 80) : 300.0;
                CHECK_MSG(fabs(box[0].h - want) <= 3, "rotating %d: %d high, want %.0f", rotating,
                          box[0].h, want);
            }
        }
        pictures_destroy(set);
    }
    catalogue_destroy(cat);
}

/* The loop frames' reader stops at the frame and says why, naming it. */
static void test_loop_frames(SDL_Renderer *r)
{
    Exercise e = {.id = "huge-loop",
                  .limb = LIMB_HAND,
                  .title = "Test",
                  .frames = EXERCISE_FRAMES_MIN,
                  .cycle_ms = 1000,
                  .instruction = "Move"};
    char path[LOOP_FRAMES_PATH_MAX];
    snprintf(path, sizeof path, "%s/loops", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/loops/huge-loop", dir);
    mkdir(path, 0700);
    for (int k = 0; k < e.frames; k++)
        if (loop_frames_path(&e, k, dir, path, sizeof path) == 0)
            write_crafted_png(path, 20000, 20000);
    char err[1400] = "";
    LoopFrames *lf = loop_frames_create(&e, dir, 64, 64, err, sizeof err);
    CHECK_MSG(lf != NULL, "%s", err);
    if (!lf)
        return;
    int rc = loop_frames_update(lf, r, (MirrorFrame){0, 1, 0.0}, true, err, sizeof err);
    CHECK_MSG(rc == -1 && strstr(err, "00.png") && strstr(err, "20000 x 20000"), "rc %d: %s", rc,
              err);
    CHECK(!loop_frames_ready(lf, 0));
    loop_frames_destroy(lf);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/gmi-pictures-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || (IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 340, 360, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    CHECK(r != NULL);
    test_decode();
    test_feather();
    if (r) {
        test_pictures_load(r);
        test_load_fitted(r);
        test_loop_frames(r);
        test_placement(r, target);
        SDL_DestroyRenderer(r);
    }
    SDL_FreeSurface(target);
    IMG_Quit();
    SDL_Quit();
    return check_exit();
}
