/* Round gauges drawn with SDL's geometry: the countdown ring of the
 * imagery screen and the beat of the mirror-therapy screen. */
#ifndef GMI_RING_H
#define GMI_RING_H

#include <SDL.h>

/* The unfilled part of a gauge: a soft tone between the background and
 * the accent. */
extern const SDL_Color ring_track;

/* Draws the part of a ring centred on (cx, cy) with outer radius `radius`
 * and width `width` that starts at 12 o'clock and runs clockwise through
 * `fraction` of a turn (clamped to 0..1; 1 draws the whole ring). */
void ring_arc(SDL_Renderer *r, float cx, float cy, float radius, float width, float fraction,
              SDL_Color colour);

/* Draws a filled disc centred on (cx, cy). */
void ring_disc(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color colour);

#endif
