#include "pictures.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Where a picture's visible part (see PICTURES_LIMB_ALPHA) is, in
 * fractions of the picture's width (x) and height (y): its bounding box,
 * and the radius about the box's centre that holds all of it (as a
 * fraction of the width). */
typedef struct Visible {
    double x0, y0, x1, y1;
    double radius;
} Visible;

struct PictureSet {
    SDL_Texture **textures; /* per catalogue index; NULL when the deck does not use it */
    Visible *visible;       /* per catalogue index */
    size_t count;
};

/* Measures the visible part (PICTURES_LIMB_ALPHA) of an ARGB8888 picture.
 * Only the first and last such pixel of a row can be the farthest of that
 * row from any point. A picture with no visible part (or no memory to
 * measure it) is taken as visible all over. */
static Visible visible_part(const SDL_Surface *s)
{
    Visible whole = {0, 0, 1, 1, hypot(0.5, 0.5 * s->h / s->w)};
    int top = s->h, bottom = -1, left = s->w, right = -1;
    int *first = SDL_malloc(2 * sizeof(int) * (size_t)s->h);
    if (!first)
        return whole;
    int *last = first + s->h;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        int a = 0, b = s->w - 1;
        while (a < s->w && row[a] >> 24 < PICTURES_LIMB_ALPHA)
            a++;
        first[y] = a;
        if (a == s->w)
            continue;
        while (row[b] >> 24 < PICTURES_LIMB_ALPHA)
            b--;
        last[y] = b;
        top = SDL_min(top, y);
        bottom = y;
        left = SDL_min(left, a);
        right = SDL_max(right, b);
    }
    if (bottom < 0) {
        SDL_free(first);
        return whole;
    }
    double cx = (left + right + 1) / 2.0, cy = (top + bottom + 1) / 2.0, far2 = 0;
    for (int y = top; y <= bottom; y++) {
        if (first[y] == s->w)
            continue;
        /* The farthest corner of each end pixel. */
        double dy = fmax(fabs(y - cy), fabs(y + 1 - cy));
        double dx = fmax(fabs(first[y] - cx), fabs(last[y] + 1 - cx));
        far2 = fmax(far2, dx * dx + dy * dy);
    }
    SDL_free(first);
    return (Visible){(double)left / s->w, (double)top / s->h, (double)(right + 1) / s->w,
                     (double)(bottom + 1) / s->h, sqrt(far2) / s->w};
}

/* The scale at which the visible part v of a w x h picture fits area (see
 * pictures_draw). */
static double fit_scale(const Visible *v, int w, int h, SDL_Rect area, bool any_rotation)
{
    return any_rotation ? fmin(area.w, area.h) / (2.0 * v->radius * w)
                        : fmin(area.w / ((v->x1 - v->x0) * w), area.h / ((v->y1 - v->y0) * h));
}

static Uint32 big_endian32(const Uint8 *b)
{
    return (Uint32)b[0] << 24 | (Uint32)b[1] << 16 | (Uint32)b[2] << 8 | b[3];
}

SDL_Surface *pictures_decode(SDL_RWops *rw, char *why, size_t cap)
{
    /* The signature, then the IHDR chunk: length 13, type, width, height. */
    static const Uint8 start[16] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                    0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    Uint8 head[24];
    if (SDL_RWread(rw, head, 1, sizeof head) != sizeof head || memcmp(head, start, sizeof start)) {
        SDL_RWclose(rw);
        snprintf(why, cap, "it is not a PNG picture");
        return NULL;
    }
    Uint32 w = big_endian32(&head[16]), h = big_endian32(&head[20]);
    if (w > PICTURES_SIDE_MAX || h > PICTURES_SIDE_MAX) {
        SDL_RWclose(rw);
        snprintf(why, cap, "it is %lu x %lu pixels, larger than %d on a side", (unsigned long)w,
                 (unsigned long)h, PICTURES_SIDE_MAX);
        return NULL;
    }
    SDL_Surface *surface =
        SDL_RWseek(rw, 0, RW_SEEK_SET) == 0 ? IMG_LoadTyped_RW(rw, 0, "PNG") : NULL;
    if (!surface)
        snprintf(why, cap, "%s", IMG_GetError());
    SDL_RWclose(rw);
    return surface;
}

/* Fades the alpha of an ARGB8888 surface to 0 at its edges, over
 * PICTURES_FEATHER of its shorter side: where a picture's frame cuts
 * through the faint end of a forearm or shin, a rotated picture would
 * otherwise show the frame's straight edge. The same on every side, so a
 * picture and its mirror image stay mirror images. */
static void feather(SDL_Surface *s)
{
    int band = (int)((s->w < s->h ? s->w : s->h) * PICTURES_FEATHER);
    if (band < 1)
        return;
    for (int y = 0; y < s->h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        int dy = y < s->h - 1 - y ? y : s->h - 1 - y;
        for (int x = 0; x < s->w; x++) {
            int dx = x < s->w - 1 - x ? x : s->w - 1 - x;
            int d = dx < dy ? dx : dy;
            if (d >= band) {
                x = s->w - 1 - band; /* on to the right-hand band */
                continue;
            }
            Uint32 a = (row[x] >> 24) * (Uint32)d / (Uint32)band;
            row[x] = (row[x] & 0x00FFFFFFu) | a << 24;
        }
    }
}

SDL_Surface *pictures_argb(SDL_Surface *src)
{
    SDL_Surface *s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(src);
    if (s)
        feather(s);
    return s;
}

SDL_Surface *pictures_shrink(SDL_Surface *src, double scale)
{
    SDL_Surface *s = src;
    while (s && scale < 1.0) {
        double step = scale < 0.5 ? 0.5 : scale;
        int w = (int)lround(s->w * step), h = (int)lround(s->h * step);
        SDL_Surface *d = SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w : 1, h > 0 ? h : 1, 32,
                                                        SDL_PIXELFORMAT_ARGB8888);
        if (d && SDL_SoftStretchLinear(s, NULL, d, NULL) != 0) {
            SDL_FreeSurface(d);
            d = NULL;
        }
        SDL_FreeSurface(s);
        s = d;
        scale /= step;
    }
    return s;
}

/* Reads the PNG picture at path as ARGB8888 (the caller frees it), or
 * returns NULL with why, without the file's name (e.g. "it is not a PNG
 * picture"). */
static SDL_Surface *read_argb(const char *path, char *why, size_t cap)
{
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw) {
        snprintf(why, cap, "it is missing or cannot be read");
        return NULL;
    }
    char reason[200];
    SDL_Surface *surface = pictures_decode(rw, reason, sizeof reason);
    if (!surface)
        snprintf(why, cap, "%s", reason);
    else if (!(surface = pictures_argb(surface)))
        snprintf(why, cap, "it cannot be converted: %s", SDL_GetError());
    return surface;
}

/* A texture of renderer from surface (ARGB8888, freed here) scaled by
 * scale (<= 1), or NULL with why, without the file's name. */
static SDL_Texture *texture_of(SDL_Renderer *renderer, SDL_Surface *surface, double scale,
                               char *why, size_t cap)
{
    SDL_Texture *texture = NULL;
    if (scale < 1.0 && !(surface = pictures_shrink(surface, scale)))
        snprintf(why, cap, "it cannot be scaled: %s", SDL_GetError());
    else if (!(texture = SDL_CreateTextureFromSurface(renderer, surface)))
        snprintf(why, cap, "it cannot be prepared: %s", SDL_GetError());
    SDL_FreeSurface(surface);
    return texture;
}

PictureSet *pictures_load(SDL_Renderer *renderer, const Catalogue *cat, const Stimulus *deck,
                          size_t n, const char *assets_dir, SDL_Rect area, bool any_rotation,
                          bool *broken, int *nbroken, char *err, size_t errlen)
{
    *nbroken = 0;
    PictureSet *set = SDL_calloc(1, sizeof *set);
    if (set) {
        set->count = catalogue_count(cat);
        set->textures = SDL_calloc(set->count, sizeof *set->textures);
        set->visible = SDL_calloc(set->count, sizeof *set->visible);
    }
    if (!set || !set->textures || !set->visible) {
        snprintf(err, errlen, "out of memory loading pictures");
        pictures_destroy(set);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t index = deck[i].picture;
        if (set->textures[index] || broken[index])
            continue;
        const Picture *p = catalogue_get(cat, index);
        char path[1024], why[300] = "its name is too long";
        int len = snprintf(path, sizeof path, "%s/%s", assets_dir, p->file);
        SDL_Surface *surface = NULL;
        if (len >= 0 && (size_t)len < sizeof path && (surface = read_argb(path, why, sizeof why))) {
            set->visible[index] = visible_part(surface);
            double scale =
                fit_scale(&set->visible[index], surface->w, surface->h, area, any_rotation);
            set->textures[index] = texture_of(renderer, surface, scale, why, sizeof why);
        }
        if (!set->textures[index]) {
            if ((*nbroken)++ == 0)
                snprintf(err, errlen, "cannot load the picture %s/%s: %s", assets_dir, p->file,
                         why);
            broken[index] = true;
        }
    }
    return set;
}

SDL_Texture *pictures_load_fitted(SDL_Renderer *renderer, const char *path, int w, int h, char *why,
                                  size_t cap)
{
    SDL_Surface *surface = read_argb(path, why, cap);
    if (!surface)
        return NULL;
    /* At least a pixel either way: pictures_shrink needs a scale above 0. */
    double scale =
        fmin(1.0, fmin((double)SDL_max(w, 1) / surface->w, (double)SDL_max(h, 1) / surface->h));
    return texture_of(renderer, surface, scale, why, cap);
}

void pictures_destroy(PictureSet *set)
{
    if (!set)
        return;
    for (size_t i = 0; set->textures && i < set->count; i++)
        if (set->textures[i])
            SDL_DestroyTexture(set->textures[i]);
    SDL_free(set->textures);
    SDL_free(set->visible);
    SDL_free(set);
}

SDL_Texture *pictures_texture(const PictureSet *set, uint32_t picture)
{
    return picture < set->count ? set->textures[picture] : NULL;
}

void pictures_draw(const PictureSet *set, SDL_Renderer *renderer, const Stimulus *s, SDL_Rect area,
                   bool any_rotation)
{
    SDL_Texture *t = pictures_texture(set, s->picture);
    int w = 0, h = 0;
    if (!t || SDL_QueryTexture(t, NULL, NULL, &w, &h) != 0 || w <= 0 || h <= 0)
        return;
    const Visible *v = &set->visible[s->picture];
    double scale = fit_scale(v, w, h, area, any_rotation);
    /* The visible part's centre, on the picture as drawn (mirrored for a
     * left limb), goes to the middle of area and is what it turns about. */
    bool mirrored = s->side == SIDE_LEFT;
    double cx = (mirrored ? 1.0 - (v->x0 + v->x1) / 2.0 : (v->x0 + v->x1) / 2.0) * w * scale;
    double cy = (v->y0 + v->y1) / 2.0 * h * scale;
    SDL_FRect dst = {(float)(area.x + area.w / 2.0 - cx), (float)(area.y + area.h / 2.0 - cy),
                     (float)(w * scale), (float)(h * scale)};
    SDL_FPoint centre = {(float)cx, (float)cy};
    SDL_RenderCopyExF(renderer, t, NULL, &dst, (double)s->rotation_deg, &centre,
                      mirrored ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
}
