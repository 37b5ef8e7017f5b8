/* The soft tick that can mark the beat of mirror therapy: a short, quiet,
 * low tone whose loudness rises and falls smoothly (no click at its start
 * or end), generated in code and played through SDL audio. */
#ifndef GMI_TICK_H
#define GMI_TICK_H

#include <stdbool.h>
#include <stddef.h>

#define TICK_MS 90       /* length of one tick */
#define TICK_HZ 330.0    /* its pitch: low, like a soft wooden knock */
#define TICK_LEVEL 0.18f /* its peak, of full scale 1.0 */
#define TICK_RATE 48000  /* samples a second the tick is made at */

/* Writes the tick, mono samples in -1..1 at `rate` samples a second, into
 * out[0..cap) and returns how many it wrote: TICK_MS worth, or cap if that
 * is fewer. The envelope is a raised cosine over the whole tick, so the
 * first and last samples are 0 and the level never jumps. */
size_t tick_samples(float *out, size_t cap, int rate);

typedef struct Tick Tick;

/* Starts SDL's audio subsystem and opens the default output for the tick.
 * Returns NULL with a message in err when there is no usable output; the
 * subsystem is then stopped again. */
Tick *tick_create(char *err, size_t errlen);

/* Plays one tick; does nothing while the previous one is still playing
 * (so ticks never pile up behind a late beat). Returns whether this call
 * queued a tick. */
bool tick_play(Tick *tick);

/* Closes the output and stops the audio subsystem tick_create started;
 * NULL is allowed. */
void tick_destroy(Tick *tick);

#endif
