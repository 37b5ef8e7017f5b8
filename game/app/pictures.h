/* The decoded pictures of one drill, loaded before its first trial so no
 * file is read or decoded while a picture is on screen. */
#ifndef GMI_PICTURES_H
#define GMI_PICTURES_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "trial.h"

typedef struct PictureSet PictureSet;

/* Loads every picture deck[0..n) uses from assets_dir (pictures_decode) as
 * textures of renderer, each scaled down (never up) to the size
 * pictures_draw gives it in area, which keeps memory in proportion to the
 * screen. A picture that is missing, cannot be decoded or is too large is
 * marked in broken[] (one flag per catalogue picture), counted in
 * *nbroken, and the first such failure is described in err, naming the
 * file. Returns NULL only when out of memory (message in err). */
PictureSet *pictures_load(SDL_Renderer *renderer, const Catalogue *cat, const Stimulus *deck,
                          size_t n, const char *assets_dir, SDL_Rect area, bool any_rotation,
                          bool *broken, int *nbroken, char *err, size_t errlen);

/* Frees the textures; NULL is allowed. */
void pictures_destroy(PictureSet *set);

/* Reads the PNG picture at path (pictures_decode) and makes it a texture of
 * renderer, scaled down (never up) to fit w x h with its shape kept, so it
 * is decoded once at the size it is drawn. Returns the texture, which the
 * caller destroys, or NULL with the reason in why, without the file's name
 * for the caller to add ("it is missing or cannot be read", "it is not a
 * PNG picture", too large, undecodable, or out of memory). */
SDL_Texture *pictures_load_fitted(SDL_Renderer *renderer, const char *path, int w, int h, char *why,
                                  size_t cap);

/* The texture of catalogue picture index (one the deck uses). */
SDL_Texture *pictures_texture(const PictureSet *set, uint32_t picture);

/* A pixel at least this opaque (alpha out of 255) is part of the limb as
 * seen, its visible part; the fainter end of the fade at the cut is not. */
#define PICTURES_LIMB_ALPHA 128

/* Draws stimulus s, mirrored for a left limb and turned clockwise by its
 * rotation, with the centre of its visible part (the box round the pixels
 * of at least PICTURES_LIMB_ALPHA) in the middle of area: the limb's place on the
 * screen is the same for a picture and its mirror image. The visible part
 * is as large as fits: without any_rotation its box fits area; with
 * any_rotation (drills that rotate pictures) every rotation of it fits, so
 * the size gives no clue to the rotation. */
void pictures_draw(const PictureSet *set, SDL_Renderer *renderer, const Stimulus *s, SDL_Rect area,
                   bool any_rotation);

/* The largest picture, in pixels on either side, that is decoded. A
 * picture the size of the screen fits well within it; a larger one would
 * only cost memory and time before the first trial. */
#define PICTURES_SIDE_MAX 4096

/* Decodes the PNG picture read from rw, which it closes. Its header is
 * read first, and a file that is no PNG or is larger than
 * PICTURES_SIDE_MAX on either side is refused before any pixel is decoded.
 * Returns a new surface the caller frees, or NULL with the reason in why
 * (without the file's name). */
SDL_Surface *pictures_decode(SDL_RWops *rw, char *why, size_t cap);

/* How far in from each edge a picture's alpha fades to 0 (pictures_argb),
 * as a fraction of its shorter side. */
#define PICTURES_FEATHER 0.02

/* Returns src converted to ARGB8888, its alpha faded to 0 at the edges
 * (PICTURES_FEATHER). Frees src; NULL when out of memory. */
SDL_Surface *pictures_argb(SDL_Surface *src);

/* Returns src (ARGB8888) scaled by scale (<= 1) with bilinear filtering,
 * halving first while more than halving is needed so detail is averaged,
 * not skipped. Frees src; NULL when out of memory. */
SDL_Surface *pictures_shrink(SDL_Surface *src, double scale);

#endif
