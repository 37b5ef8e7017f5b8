/* The soft sounds of practice, generated in code and played through SDL
 * audio: the tick that can mark the beat of mirror therapy, and the tone
 * that can mark the end of a touch step. Each is a quiet sine whose
 * loudness rises and falls smoothly (no click at its start or end). */
#ifndef GMI_TICK_H
#define GMI_TICK_H

#include <stdbool.h>
#include <stddef.h>

#define TICK_RATE 48000 /* samples a second the sounds are made at */

/* One sound: its length, pitch and peak (of full scale 1.0). */
typedef struct TickTone {
    int ms;
    double hz;
    float level;
} TickTone;

/* Mirror therapy's beat: 90 ms at 330 Hz, low, like a soft wooden knock. */
extern const TickTone tick_beat;

/* The end of a touch step: 600 ms at 392 Hz (G4), a slow swell and fade no
 * louder than the beat, so it tells a patient whose eyes are on their limb
 * that the time is up without startling them. */
extern const TickTone tick_step_end;

/* Writes tone, mono samples in -1..1 at `rate` samples a second, into
 * out[0..cap) and returns how many it wrote: tone->ms worth, or cap if
 * that is fewer. The envelope is a raised cosine over the whole sound, so
 * the first and last samples are 0 and the level never jumps. */
size_t tick_samples(const TickTone *tone, float *out, size_t cap, int rate);

typedef struct Tick Tick;

/* Starts SDL's audio subsystem and opens the default output for tone
 * (copied). Returns NULL with a message in err when there is no usable
 * output or no memory; the subsystem is then stopped again. */
Tick *tick_create(const TickTone *tone, char *err, size_t errlen);

/* Plays the sound once; does nothing while the previous one is still
 * playing (so ticks never pile up behind a late beat). Returns whether
 * this call queued it. */
bool tick_play(Tick *tick);

/* Closes the output and stops the audio subsystem tick_create started;
 * NULL is allowed. */
void tick_destroy(Tick *tick);

#endif
