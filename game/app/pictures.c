#include "pictures.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

struct PictureSet {
    SDL_Texture **textures; /* per catalogue index; NULL when the deck does not use it */
    size_t count;
};

/* The scale at which a w x h picture fits area (see pictures_draw). */
static double fit_scale(int w, int h, SDL_Rect area, bool any_rotation)
{
    return any_rotation ? fmin(area.w, area.h) / sqrt((double)w * w + (double)h * h)
                        : fmin((double)area.w / w, (double)area.h / h);
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

SDL_Surface *pictures_shrink(SDL_Surface *src, double scale)
{
    SDL_Surface *s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(src);
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

PictureSet *pictures_load(SDL_Renderer *renderer, const Catalogue *cat, const Stimulus *deck,
                          size_t n, const char *assets_dir, SDL_Rect area, bool any_rotation,
                          bool *broken, int *nbroken, char *err, size_t errlen)
{
    *nbroken = 0;
    PictureSet *set = SDL_calloc(1, sizeof *set);
    if (set) {
        set->count = catalogue_count(cat);
        set->textures = SDL_calloc(set->count, sizeof *set->textures);
    }
    if (!set || !set->textures) {
        snprintf(err, errlen, "out of memory loading pictures");
        pictures_destroy(set);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t index = deck[i].picture;
        if (set->textures[index] || broken[index])
            continue;
        const Picture *p = catalogue_get(cat, index);
        char path[1024], why[1400] = "";
        int len = snprintf(path, sizeof path, "%s/%s", assets_dir, p->file);
        bool fits = len >= 0 && (size_t)len < sizeof path;
        SDL_RWops *rw = fits ? SDL_RWFromFile(path, "rb") : NULL;
        char reason[200];
        SDL_Surface *surface = rw ? pictures_decode(rw, reason, sizeof reason) : NULL;
        double scale = surface ? fit_scale(surface->w, surface->h, area, any_rotation) : 1.0;
        if (!fits)
            snprintf(why, sizeof why, "the name of the picture %s is too long", p->file);
        else if (!surface)
            snprintf(why, sizeof why, "cannot load the picture %s: %s", path,
                     rw ? reason : SDL_GetError());
        else if (scale < 1.0 && !(surface = pictures_shrink(surface, scale)))
            snprintf(why, sizeof why, "cannot scale the picture %s: %s", path, SDL_GetError());
        else if (!(set->textures[index] = SDL_CreateTextureFromSurface(renderer, surface)))
            snprintf(why, sizeof why, "cannot prepare the picture %s: %s", path, SDL_GetError());
        SDL_FreeSurface(surface);
        if (!set->textures[index]) {
            if ((*nbroken)++ == 0)
                snprintf(err, errlen, "%s", why);
            broken[index] = true;
        }
    }
    return set;
}

void pictures_destroy(PictureSet *set)
{
    if (!set)
        return;
    for (size_t i = 0; set->textures && i < set->count; i++)
        if (set->textures[i])
            SDL_DestroyTexture(set->textures[i]);
    SDL_free(set->textures);
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
    double scale = fit_scale(w, h, area, any_rotation);
    SDL_FRect dst;
    dst.w = (float)(w * scale);
    dst.h = (float)(h * scale);
    dst.x = (float)area.x + ((float)area.w - dst.w) / 2.0f;
    dst.y = (float)area.y + ((float)area.h - dst.h) / 2.0f;
    SDL_RenderCopyExF(renderer, t, NULL, &dst, (double)s->rotation_deg, NULL,
                      s->side == SIDE_LEFT ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
}
