#include "tick.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>

const TickTone tick_beat = {90, 330.0, 0.18f};
const TickTone tick_step_end = {600, 392.0, 0.15f};

struct Tick {
    SDL_AudioDeviceID device;
    float *samples;
    size_t count;
};

size_t tick_samples(const TickTone *tone, float *out, size_t cap, int rate)
{
    size_t n = (size_t)rate * (size_t)tone->ms / 1000;
    if (n > cap)
        n = cap;
    const double two_pi = 6.283185307179586;
    for (size_t i = 0; i < n; i++) {
        double t = (double)i / rate;
        double envelope = n > 1 ? 0.5 * (1.0 - cos(two_pi * (double)i / (double)(n - 1))) : 0.0;
        out[i] = (float)(tone->level * envelope * sin(two_pi * tone->hz * t));
    }
    return n;
}

Tick *tick_create(const TickTone *tone, char *err, size_t errlen)
{
    size_t count = (size_t)TICK_RATE * (size_t)tone->ms / 1000;
    Tick *tick = SDL_calloc(1, sizeof *tick);
    float *samples = SDL_malloc((count ? count : 1) * sizeof *samples);
    if (!tick || !samples) {
        snprintf(err, errlen, "out of memory");
        SDL_free(tick);
        SDL_free(samples);
        return NULL;
    }
    tick->samples = samples;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(err, errlen, "%s", SDL_GetError());
        SDL_free(samples);
        SDL_free(tick);
        return NULL;
    }
    /* SDL converts from this format to whatever the output wants. */
    SDL_AudioSpec want = {
        .freq = TICK_RATE, .format = AUDIO_F32SYS, .channels = 1, .samples = 1024};
    tick->device = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0);
    if (tick->device == 0) {
        snprintf(err, errlen, "%s", SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        SDL_free(samples);
        SDL_free(tick);
        return NULL;
    }
    tick->count = tick_samples(tone, tick->samples, count, TICK_RATE);
    SDL_PauseAudioDevice(tick->device, 0);
    return tick;
}

bool tick_play(Tick *tick)
{
    return SDL_GetQueuedAudioSize(tick->device) == 0 &&
           SDL_QueueAudio(tick->device, tick->samples, (Uint32)(tick->count * sizeof(float))) == 0;
}

void tick_destroy(Tick *tick)
{
    if (!tick)
        return;
    SDL_CloseAudioDevice(tick->device);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    SDL_free(tick->samples);
    SDL_free(tick);
}
