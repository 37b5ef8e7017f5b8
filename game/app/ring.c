#include "ring.h"

#include <math.h>

/* Segments of a whole turn: smooth at the sizes the screens use. */
#define RING_SEGMENTS 96

const SDL_Color ring_track = {204, 216, 222, 255};

static const float full_turn = 6.2831853f;

void ring_arc(SDL_Renderer *r, float cx, float cy, float radius, float width, float fraction,
              SDL_Color colour)
{
    fraction = fraction < 0.0f ? 0.0f : fraction > 1.0f ? 1.0f : fraction;
    int n = (int)ceilf(fraction * RING_SEGMENTS);
    if (n == 0 || radius <= 0.0f)
        return;
    float inner = radius - width < 0.0f ? 0.0f : radius - width;
    SDL_Vertex v[2 * (RING_SEGMENTS + 1)];
    int idx[6 * RING_SEGMENTS];
    for (int i = 0; i <= n; i++) {
        /* Clockwise from 12 o'clock on a screen whose y axis points down. */
        float a = full_turn * fraction * (float)i / (float)n - full_turn / 4.0f;
        float c = cosf(a), s = sinf(a);
        v[2 * i] = (SDL_Vertex){{cx + c * radius, cy + s * radius}, colour, {0, 0}};
        v[2 * i + 1] = (SDL_Vertex){{cx + c * inner, cy + s * inner}, colour, {0, 0}};
    }
    for (int i = 0; i < n; i++) {
        int *q = &idx[6 * i];
        q[0] = 2 * i;
        q[1] = 2 * i + 1;
        q[2] = 2 * i + 2;
        q[3] = 2 * i + 1;
        q[4] = 2 * i + 3;
        q[5] = 2 * i + 2;
    }
    SDL_RenderGeometry(r, NULL, v, 2 * (n + 1), idx, 6 * n);
}

void ring_disc(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color colour)
{
    ring_arc(r, cx, cy, radius, radius, 1.0f, colour);
}
