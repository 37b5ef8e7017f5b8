/* The live camera picture of mirror therapy, captured off the render thread.
 *
 * A Camera runs one capture thread over a CameraSource (a V4L2 device, or
 * a test double). The thread opens the source, reads frames continuously,
 * turns each into the split-mirror view (splitmirror.h: the picture shown
 * like a mirror, the affected side's half replaced by the mirror image of
 * the other half) and publishes it as the newest frame. The render thread
 * polls camera_status() and copies the newest frame out with
 * camera_copy_latest(); neither call waits for the device: the capture
 * thread holds the camera's lock only to swap two buffer pointers.
 *
 * Frames reach the render thread as RGBA: 4 bytes a pixel, in the byte
 * order R, G, B, A (alpha 255), which is SDL_PIXELFORMAT_RGBA32 (see
 * CAMERA_PIXEL_FORMAT), the format of the streaming texture to upload to.
 *
 * Failure is a state, never a crash: no device, permission denied, a
 * device in use, an unsupported picture format, a device that fails or
 * stops sending pictures mid-session all end in CAMERA_FAILED with a
 * message for the patient; the scene then shows the message and the guided
 * movements instead. A failed camera stays failed (destroy it and create
 * a new one to try again).
 *
 * Typical use by a scene:
 *
 *     CameraSource src;
 *     Camera *cam = NULL;
 *     if (camera_v4l2_source(NULL, &src, err, sizeof err) == 0)
 *         cam = camera_create(&src, affected_side, err, sizeof err);
 *     ...each frame:
 *     CameraStatus st;
 *     camera_status(cam, &st);
 *     if (st.state == CAMERA_RUNNING) {
 *         (on first use: SDL_CreateTexture(r, CAMERA_PIXEL_FORMAT,
 *          SDL_TEXTUREACCESS_STREAMING, st.width, st.height))
 *         SDL_LockTexture(tex, NULL, &pixels, &pitch);
 *         camera_copy_latest(cam, pixels, pitch, &seen);
 *         SDL_UnlockTexture(tex);
 *     } else if (st.state == CAMERA_FAILED) { show st.message, fall back }
 *     ...
 *     camera_destroy(cam);
 */
#ifndef GMI_CAMERA_H
#define GMI_CAMERA_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "trial.h"

/* The SDL pixel format of the frames camera_copy_latest writes. */
#define CAMERA_PIXEL_FORMAT SDL_PIXELFORMAT_RGBA32

/* The device the V4L2 source opens when given no path. */
#define CAMERA_DEFAULT_DEVICE "/dev/video0"

/* Longest a source's read may wait for a frame before returning, so the
 * capture thread can notice camera_destroy: destroy returns within about
 * this long plus one frame conversion. */
#define CAMERA_READ_TIMEOUT_MS 100

/* A running camera that delivers no frame for this long is failed as
 * stopped (a device can hang without reporting an error). */
#define CAMERA_STALL_MS 4000

/* Frame sizes a source may report: 1..CAMERA_MAX_SIDE pixels each way. */
#define CAMERA_MAX_SIDE 4096

/* Room for a status message, including its terminating zero. */
#define CAMERA_MESSAGE_MAX 512

/* Why a camera failed. A source's open reports NO_DEVICE..START; the
 * camera reports LOST when a read fails and STALLED itself. */
typedef enum CameraFault {
    CAMERA_FAULT_NONE,
    CAMERA_FAULT_NO_DEVICE,   /* no such device, or not a video capture device */
    CAMERA_FAULT_DENIED,      /* no permission to open the device */
    CAMERA_FAULT_BUSY,        /* another program is using the device */
    CAMERA_FAULT_UNSUPPORTED, /* no picture format or size the trainer can show */
    CAMERA_FAULT_START,       /* any other failure to open or start it */
    CAMERA_FAULT_LOST,        /* a read failed: the device failed or was unplugged */
    CAMERA_FAULT_STALLED      /* no frame for CAMERA_STALL_MS */
} CameraFault;

/* Where frames come from. The camera calls these on its capture thread
 * only, one at a time, never holding its lock: open once, then read until
 * it fails or the camera is destroyed, then close exactly once.
 *
 * Details (err) are short phrases without the device name, e.g. "No such
 * file or directory"; the camera puts them in parentheses, after the
 * source's name, into a sentence for the patient. */
typedef struct CameraSource {
    /* Names the device in messages, e.g. "/dev/video0" (NULL: "camera").
     * Read only during camera_create, which keeps a copy. */
    const char *name;
    /* The source's own state, passed to every call; freed by close. */
    void *ctx;
    /* Opens the device and starts it; sets *width and *height to the size
     * of every frame it will deliver. Returns CAMERA_FAULT_NONE, or one of
     * CAMERA_FAULT_NO_DEVICE..CAMERA_FAULT_START with a detail in err. */
    CameraFault (*open)(void *ctx, int *width, int *height, char *err, size_t errlen);
    /* Waits at most timeout_ms for the next frame and writes it to rgba
     * (width * height pixels in the camera's own view, not mirrored; rows
     * width * 4 bytes apart; CAMERA_PIXEL_FORMAT). Returns 1 when it wrote
     * a frame, 0 when none came in time (rgba may be partly written), -1
     * when the device failed (detail in err); called again only after 0
     * or 1. */
    int (*read)(void *ctx, unsigned char *rgba, int timeout_ms, char *err, size_t errlen);
    /* Stops and releases the device if open succeeded, then frees ctx.
     * Called exactly once, also when open failed or was never called. */
    void (*close)(void *ctx);
} CameraSource;

typedef enum CameraState {
    CAMERA_STARTING, /* opening the device, or waiting for the first frame */
    CAMERA_RUNNING,  /* at least one frame has been published */
    CAMERA_FAILED    /* for good; see fault and message */
} CameraState;

/* A snapshot of a camera, a plain value. */
typedef struct CameraStatus {
    CameraState state;
    CameraFault fault; /* CAMERA_FAULT_NONE unless failed */
    int width;         /* frame size once the device is open; 0 before */
    int height;
    uint64_t frames; /* frames published so far; the newest is number frames */
    /* When failed, one sentence for the patient ending in the
     * fallback, e.g. "No camera was found (/dev/video0: No such file or
     * directory), so the guided movements are shown instead."; else "". */
    char message[CAMERA_MESSAGE_MAX];
} CameraStatus;

typedef struct Camera Camera;

/* Takes over *source (its ctx and functions; the struct itself is copied)
 * and starts the capture thread, which opens the source; returns at once
 * in CAMERA_STARTING. affected is the side whose half of the picture is
 * replaced. Returns NULL when out of memory or when the thread cannot be
 * started: then source->close has already been called and err holds a
 * message for the patient like those of CameraStatus. */
Camera *camera_create(const CameraSource *source, Side affected, char *err, size_t errlen);

/* Stops the capture thread and waits for it (at most about
 * CAMERA_READ_TIMEOUT_MS when the source keeps its timeout), which closes
 * the source; then frees the camera. NULL is allowed. */
void camera_destroy(Camera *cam);

/* Fills *out with the camera's current state. Safe from any thread. */
void camera_status(Camera *cam, CameraStatus *out);

/* Sets the side whose half of the picture is replaced; frames read from
 * now on use it (the newest frame already published keeps the old side).
 * Safe from any thread, at any time. */
void camera_set_affected(Camera *cam, Side affected);

/* When a frame newer than *seen has been published, copies the newest into
 * pixels (height rows of width * 4 bytes, pitch bytes apart; width and
 * height as camera_status reports them), sets *seen to its number and
 * returns 1; otherwise returns 0 and leaves pixels alone. Start with
 * *seen = 0. Never waits for the device; the copy itself is a memcpy of
 * the frame. */
int camera_copy_latest(Camera *cam, void *pixels, int pitch, uint64_t *seen);

/* Fills *out with the V4L2 source of the device at path (NULL for
 * CAMERA_DEFAULT_DEVICE; the path is copied). Nothing is opened until the
 * camera's thread calls open. Returns 0, or -1 with a message in err when
 * out of memory or the path is too long (it is never cut short). The frames are YUYV from the
 * device (asked for at 640x480; the driver's size is accepted), converted to RGBA; a device that
 * offers only compressed formats such as MJPEG is refused with CAMERA_FAULT_UNSUPPORTED. */
int camera_v4l2_source(const char *path, CameraSource *out, char *err, size_t errlen);

/* Converts one frame of packed YUYV 4:2:2 (BT.601, limited range; two
 * pixels in four bytes Y0 U Y1 V; rows yuyv_pitch bytes apart) of an even
 * width to RGBA rows width * 4 bytes apart. Used by the V4L2 source. */
void camera_yuyv_to_rgba(const unsigned char *yuyv, int yuyv_pitch, int width, int height,
                         unsigned char *rgba);

#endif
