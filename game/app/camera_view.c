#include "camera_view.h"

#include <math.h>
#include <stdio.h>

struct CameraView {
    Camera *camera;
    SDL_Texture *texture;
    int width, height;                /* the texture's size */
    uint64_t seen;                    /* the number of the frame in the texture; 0 for none */
    char failure[CAMERA_MESSAGE_MAX]; /* the view's own failure, or "" */
};

CameraView *camera_view_create(const CameraSource *source, Side affected, char *err, size_t errlen)
{
    CameraView *view = SDL_calloc(1, sizeof *view);
    if (!view) {
        CameraSource src = *source;
        src.close(src.ctx);
        snprintf(err, errlen,
                 "There is not enough memory for the camera, so the guided "
                 "movements are shown instead.");
        return NULL;
    }
    view->camera = camera_create(source, affected, err, errlen);
    if (!view->camera) {
        SDL_free(view);
        return NULL;
    }
    return view;
}

void camera_view_destroy(CameraView *view)
{
    if (!view)
        return;
    camera_destroy(view->camera);
    if (view->texture)
        SDL_DestroyTexture(view->texture);
    SDL_free(view);
}

static CameraState fail(CameraView *view, CameraStatus *status, const char *what)
{
    snprintf(view->failure, sizeof view->failure,
             "The camera picture cannot be shown (%s: %.200s), so the guided movements are shown "
             "instead.",
             what, SDL_GetError());
    status->state = CAMERA_FAILED;
    snprintf(status->message, sizeof status->message, "%s", view->failure);
    return CAMERA_FAILED;
}

CameraState camera_view_update(CameraView *view, SDL_Renderer *renderer, CameraStatus *status)
{
    camera_status(view->camera, status);
    if (view->failure[0]) {
        status->state = CAMERA_FAILED;
        snprintf(status->message, sizeof status->message, "%s", view->failure);
        return CAMERA_FAILED;
    }
    if (status->state != CAMERA_RUNNING)
        return status->state;
    if (!view->texture) {
        view->texture =
            SDL_CreateTexture(renderer, CAMERA_PIXEL_FORMAT, SDL_TEXTUREACCESS_STREAMING,
                              status->width, status->height);
        if (!view->texture)
            return fail(view, status, "no texture");
        view->width = status->width;
        view->height = status->height;
    }
    /* Locked only for a new frame: a locked texture's old pixels are not
     * guaranteed to be there, so the last frame stays as it was uploaded. */
    if (status->frames == view->seen)
        return CAMERA_RUNNING;
    void *pixels;
    int pitch;
    if (SDL_LockTexture(view->texture, NULL, &pixels, &pitch) != 0)
        return fail(view, status, "the texture cannot be filled");
    camera_copy_latest(view->camera, pixels, pitch, &view->seen);
    SDL_UnlockTexture(view->texture);
    return CAMERA_RUNNING;
}

void camera_view_draw(const CameraView *view, SDL_Renderer *renderer, SDL_Rect area)
{
    if (!view->texture || view->seen == 0)
        return;
    double scale = fmin((double)area.w / view->width, (double)area.h / view->height);
    SDL_FRect dst = {.w = (float)(view->width * scale), .h = (float)(view->height * scale)};
    dst.x = (float)area.x + ((float)area.w - dst.w) / 2.0f;
    dst.y = (float)area.y + ((float)area.h - dst.h) / 2.0f;
    SDL_RenderCopyF(renderer, view->texture, NULL, &dst);
}
