#include "camera_fake.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct FakeSource {
    CameraFakeConfig cfg;
    int delivered;
    Uint64 due; /* SDL ticks at which the next frame is ready */
} FakeSource;

static CameraFault fake_open(void *ctx, int *width, int *height, char *err, size_t errlen)
{
    FakeSource *f = ctx;
    if (f->cfg.probe)
        SDL_AtomicSet(&f->cfg.probe->opened, 1);
    if (f->cfg.open_fault != CAMERA_FAULT_NONE) {
        snprintf(err, errlen, "the fake camera refuses to open");
        return f->cfg.open_fault;
    }
    *width = f->cfg.width;
    *height = f->cfg.height;
    f->due = SDL_GetTicks64() + (Uint64)f->cfg.frame_ms;
    return CAMERA_FAULT_NONE;
}

static int fake_read(void *ctx, unsigned char *rgba, int timeout_ms, char *err, size_t errlen)
{
    FakeSource *f = ctx;
    if (f->cfg.fail_after > 0 && f->delivered == f->cfg.fail_after) {
        snprintf(err, errlen, "the fake camera was unplugged after %d frames", f->delivered);
        return -1;
    }
    bool silent = f->cfg.stall_after > 0 && f->delivered >= f->cfg.stall_after;
    Uint64 now = SDL_GetTicks64();
    if (silent || now < f->due) {
        Uint64 wait =
            silent || f->due - now > (Uint64)timeout_ms ? (Uint64)timeout_ms : f->due - now;
        SDL_Delay((Uint32)wait);
        if (silent || SDL_GetTicks64() < f->due)
            return 0;
    }
    f->delivered++;
    f->due += (Uint64)f->cfg.frame_ms;
    camera_fake_pattern(rgba, f->cfg.width, f->cfg.height, (uint32_t)f->delivered);
    if (f->cfg.probe)
        SDL_AtomicSet(&f->cfg.probe->frames, f->delivered);
    return 1;
}

static void fake_close(void *ctx)
{
    FakeSource *f = ctx;
    if (f->cfg.probe)
        SDL_AtomicSet(&f->cfg.probe->closed, 1);
    SDL_free(f);
}

int camera_fake_source(const CameraFakeConfig *cfg, CameraSource *out, char *err, size_t errlen)
{
    FakeSource *f = SDL_calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    f->cfg = *cfg;
    *out = (CameraSource){
        .name = "fake camera", .ctx = f, .open = fake_open, .read = fake_read, .close = fake_close};
    return 0;
}

void camera_fake_pattern(unsigned char *rgba, int width, int height, uint32_t n)
{
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            unsigned char *p = rgba + ((size_t)y * (size_t)width + (size_t)x) * 4;
            p[0] = (unsigned char)(x & 0xff);
            p[1] = (unsigned char)(y & 0xff);
            p[2] = (unsigned char)(n & 0xff);
            p[3] = 255;
        }
}
