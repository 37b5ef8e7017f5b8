/* A camera source that needs no device, for tests and headless runs:
 * frames of a known pattern at a set pace, and the failures a real camera
 * has (refusing to open, failing mid-session, going silent). */
#ifndef GMI_CAMERA_FAKE_H
#define GMI_CAMERA_FAKE_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "camera.h"

/* What the source has done, readable from any thread while the camera
 * runs. Owned by the caller. */
typedef struct CameraFakeProbe {
    SDL_atomic_t opened; /* 1 once open has run */
    SDL_atomic_t frames; /* frames delivered so far */
    SDL_atomic_t closed; /* 1 once close has run */
} CameraFakeProbe;

typedef struct CameraFakeConfig {
    int width; /* frame size, 1..CAMERA_MAX_SIDE */
    int height;
    int frame_ms;           /* one frame every frame_ms milliseconds, >= 1 */
    CameraFault open_fault; /* what open returns; CAMERA_FAULT_NONE to open */
    int fail_after;         /* > 0: the read after this many frames fails; 0: never */
    int stall_after;        /* > 0: no frame after this many (reads time out); 0: never */
    CameraFakeProbe *probe; /* NULL, or zeroed and outliving the source */
} CameraFakeConfig;

/* Fills *out with a fake source as cfg describes (cfg is copied). Frame n
 * (the first is 1) is camera_fake_pattern(n). Open fails with
 * cfg->open_fault when that is not CAMERA_FAULT_NONE. Returns 0, or -1
 * with a message in err when out of memory. */
int camera_fake_source(const CameraFakeConfig *cfg, CameraSource *out, char *err, size_t errlen);

/* Writes frame number n of the fake pattern, rows width * 4 bytes apart in
 * CAMERA_PIXEL_FORMAT: pixel (x, y) is R = x mod 256, G = y mod 256,
 * B = n mod 256, A = 255, so every column differs (for widths up to 256)
 * and every pixel tells which frame it came from. */
void camera_fake_pattern(unsigned char *rgba, int width, int height, uint32_t n);

#endif
