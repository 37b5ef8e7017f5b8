#include "tick.h"

#include <SDL.h>
#include <math.h>
#include <stdio.h>

#define TICK_SAMPLES (TICK_RATE * TICK_MS / 1000)

struct Tick {
    SDL_AudioDeviceID device;
    float samples[TICK_SAMPLES];
    size_t count;
};

size_t tick_samples(float *out, size_t cap, int rate)
{
    size_t n = (size_t)rate * TICK_MS / 1000;
    if (n > cap)
        n = cap;
    const double two_pi = 6.283185307179586;
    for (size_t i = 0; i < n; i++) {
        double t = (double)i / rate;
        double envelope = n > 1 ? 0.5 * (1.0 - cos(two_pi * (double)i / (double)(n - 1))) : 0.0;
        out[i] = (float)(TICK_LEVEL * envelope * sin(two_pi * TICK_HZ * t));
    }
    return n;
}

Tick *tick_create(char *err, size_t errlen)
{
    Tick *tick = SDL_calloc(1, sizeof *tick);
    if (!tick) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(err, errlen, "%s", SDL_GetError());
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
        SDL_free(tick);
        return NULL;
    }
    tick->count = tick_samples(tick->samples, TICK_SAMPLES, TICK_RATE);
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
    SDL_free(tick);
}
