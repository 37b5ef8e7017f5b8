#include "camera.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "splitmirror.h"

struct Camera {
    CameraSource source; /* used by the capture thread only (and by create on failure) */
    char name[64];
    SDL_mutex *lock;
    SDL_Thread *thread;

    /* Under lock. */
    bool stop;
    Side affected;
    CameraStatus status;
    unsigned char *latest; /* the newest published frame; NULL until the device is open */

    /* The capture thread's own: the source's raw frame and the next frame
     * being made, which is swapped with latest when done. */
    unsigned char *raw;
    unsigned char *work;
};

/* The sentence for the patient that starts the message of each fault. */
static const char *fault_sentence(CameraFault fault)
{
    switch (fault) {
    case CAMERA_FAULT_NO_DEVICE:
        return "No camera was found";
    case CAMERA_FAULT_DENIED:
        return "The trainer is not allowed to use the camera";
    case CAMERA_FAULT_BUSY:
        return "The camera is in use by another program";
    case CAMERA_FAULT_UNSUPPORTED:
        return "The camera gives pictures the trainer cannot show";
    case CAMERA_FAULT_LOST:
        return "The camera stopped working";
    case CAMERA_FAULT_STALLED:
        return "The camera stopped sending pictures";
    case CAMERA_FAULT_NONE:
    case CAMERA_FAULT_START:
        break;
    }
    return "The camera could not be started";
}

static void compose(char *buf, size_t len, CameraFault fault, const char *name, const char *detail)
{
    snprintf(buf, len, "%s (%s: %s), so the guided movements are shown instead.",
             fault_sentence(fault), name, detail);
}

/* Records the failure; the camera stays failed. */
static void fail(Camera *cam, CameraFault fault, const char *detail)
{
    SDL_LockMutex(cam->lock);
    cam->status.state = CAMERA_FAILED;
    cam->status.fault = fault;
    compose(cam->status.message, sizeof cam->status.message, fault, cam->name, detail);
    SDL_UnlockMutex(cam->lock);
}

/* Allocates the three frame buffers for w x h frames and publishes the size. */
static CameraFault prepare(Camera *cam, int w, int h, char *detail, size_t len)
{
    if (w < 1 || h < 1 || w > CAMERA_MAX_SIDE || h > CAMERA_MAX_SIDE) {
        snprintf(detail, len, "frames of %dx%d pixels", w, h);
        return CAMERA_FAULT_UNSUPPORTED;
    }
    size_t bytes = (size_t)w * (size_t)h * 4;
    unsigned char *latest = SDL_malloc(bytes);
    cam->raw = SDL_malloc(bytes);
    cam->work = SDL_malloc(bytes);
    if (!latest || !cam->raw || !cam->work) {
        SDL_free(latest);
        snprintf(detail, len, "out of memory for %dx%d frames", w, h);
        return CAMERA_FAULT_START;
    }
    SDL_LockMutex(cam->lock);
    cam->latest = latest;
    cam->status.width = w;
    cam->status.height = h;
    SDL_UnlockMutex(cam->lock);
    return CAMERA_FAULT_NONE;
}

/* Reads, transforms and publishes frames until stopped (returns
 * CAMERA_FAULT_NONE) or the source fails or stalls (returns the fault with
 * a detail). */
static CameraFault run(Camera *cam, int w, int h, char *detail, size_t len)
{
    PixelBuffer raw = {cam->raw, w, h, w * 4, 4};
    Uint64 last_frame = SDL_GetTicks64();
    for (;;) {
        SDL_LockMutex(cam->lock);
        bool stop = cam->stop;
        Side affected = cam->affected;
        SDL_UnlockMutex(cam->lock);
        if (stop)
            return CAMERA_FAULT_NONE;

        int got = cam->source.read(cam->source.ctx, cam->raw, CAMERA_READ_TIMEOUT_MS, detail, len);
        if (got < 0)
            return CAMERA_FAULT_LOST;
        Uint64 now = SDL_GetTicks64();
        if (got == 0) {
            if (now - last_frame >= CAMERA_STALL_MS) {
                snprintf(detail, len, "no picture for %d s", CAMERA_STALL_MS / 1000);
                return CAMERA_FAULT_STALLED;
            }
            continue;
        }
        last_frame = now;

        PixelBuffer work = {cam->work, w, h, w * 4, 4};
        splitmirror_selfie(&raw, &work, affected);
        SDL_LockMutex(cam->lock);
        cam->work = cam->latest;
        cam->latest = work.pixels;
        cam->status.frames++;
        cam->status.state = CAMERA_RUNNING;
        SDL_UnlockMutex(cam->lock);
    }
}

static int capture(void *data)
{
    Camera *cam = data;
    char detail[256] = "";
    int w = 0, h = 0;
    CameraFault fault = cam->source.open(cam->source.ctx, &w, &h, detail, sizeof detail);
    if (fault == CAMERA_FAULT_NONE)
        fault = prepare(cam, w, h, detail, sizeof detail);
    if (fault == CAMERA_FAULT_NONE)
        fault = run(cam, w, h, detail, sizeof detail);
    if (fault != CAMERA_FAULT_NONE)
        fail(cam, fault, detail);
    cam->source.close(cam->source.ctx);
    return 0;
}

Camera *camera_create(const CameraSource *source, Side affected, char *err, size_t errlen)
{
    const char *name = source->name ? source->name : "camera";
    Camera *cam = SDL_calloc(1, sizeof *cam);
    if (!cam || !(cam->lock = SDL_CreateMutex())) {
        compose(err, errlen, CAMERA_FAULT_START, name, "out of memory");
        source->close(source->ctx);
        SDL_free(cam);
        return NULL;
    }
    cam->source = *source;
    snprintf(cam->name, sizeof cam->name, "%s", name);
    cam->affected = affected;
    cam->status.state = CAMERA_STARTING;
    cam->thread = SDL_CreateThread(capture, "camera", cam);
    if (!cam->thread) {
        char detail[200];
        snprintf(detail, sizeof detail, "cannot start a thread: %s", SDL_GetError());
        compose(err, errlen, CAMERA_FAULT_START, name, detail);
        source->close(source->ctx);
        SDL_DestroyMutex(cam->lock);
        SDL_free(cam);
        return NULL;
    }
    return cam;
}

void camera_destroy(Camera *cam)
{
    if (!cam)
        return;
    SDL_LockMutex(cam->lock);
    cam->stop = true;
    SDL_UnlockMutex(cam->lock);
    SDL_WaitThread(cam->thread, NULL);
    SDL_DestroyMutex(cam->lock);
    SDL_free(cam->latest);
    SDL_free(cam->raw);
    SDL_free(cam->work);
    SDL_free(cam);
}

void camera_status(Camera *cam, CameraStatus *out)
{
    SDL_LockMutex(cam->lock);
    *out = cam->status;
    SDL_UnlockMutex(cam->lock);
}

void camera_set_affected(Camera *cam, Side affected)
{
    SDL_LockMutex(cam->lock);
    cam->affected = affected;
    SDL_UnlockMutex(cam->lock);
}

int camera_copy_latest(Camera *cam, void *pixels, int pitch, uint64_t *seen)
{
    int copied = 0;
    SDL_LockMutex(cam->lock);
    if (cam->status.frames > *seen) {
        size_t row = (size_t)cam->status.width * 4;
        for (int y = 0; y < cam->status.height; y++)
            memcpy((unsigned char *)pixels + (size_t)y * (size_t)pitch, cam->latest + y * row, row);
        *seen = cam->status.frames;
        copied = 1;
    }
    SDL_UnlockMutex(cam->lock);
    return copied;
}
