/* The live camera mirror as the mirror-therapy screen shows it: a camera
 * (camera.h), capturing on its own thread, and the streaming texture its
 * newest split-mirror frame is uploaded to on the render thread. */
#ifndef GMI_CAMERA_VIEW_H
#define GMI_CAMERA_VIEW_H

#include <SDL.h>
#include <stddef.h>

#include "camera.h"
#include "trial.h"

typedef struct CameraView CameraView;

/* Takes over *source and starts a camera on it with `affected` as the side
 * whose half of the picture is replaced (camera_create). Returns NULL with
 * a message for the patient in err when the camera cannot start; the
 * source has then been closed. */
CameraView *camera_view_create(const CameraSource *source, Side affected, char *err, size_t errlen);

/* Stops the camera (waiting for its thread, about CAMERA_READ_TIMEOUT_MS at
 * most) and frees the texture; NULL is allowed. */
void camera_view_destroy(CameraView *view);

/* Once a frame, on the render thread: copies the camera's newest frame, if
 * one came since the last call, into the view's texture of renderer (made
 * at the camera's frame size on first use) and fills *status. Returns
 * status->state. A texture that cannot be made or filled fails the view
 * for good like a failed camera: CAMERA_FAILED with a message for the
 * patient in status->message. */
CameraState camera_view_update(CameraView *view, SDL_Renderer *renderer, CameraStatus *status);

/* Draws the newest frame uploaded, as large as fits centred in area at the
 * camera's aspect ratio; nothing before the first. */
void camera_view_draw(const CameraView *view, SDL_Renderer *renderer, SDL_Rect area);

#endif
