#include "loop_frames.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pictures.h"

#define ASSETS_PREFIX "assets/"

/* A frame's way from the file to the screen. The reading thread takes
 * NONE frames in the window to BUSY and then DECODED; the render thread
 * takes DECODED ones to READY (a texture) and, once they leave the window,
 * back to NONE. */
typedef enum FrameState { FRAME_NONE, FRAME_BUSY, FRAME_DECODED, FRAME_READY } FrameState;

typedef struct Frame {
    FrameState state;     /* under lock */
    SDL_Surface *surface; /* DECODED: the visible part, scaled */
    SDL_Rect part;        /* where that part sits in the whole frame as stored */
    int frame_w, frame_h; /* the whole frame as stored */
    SDL_Texture *texture; /* READY; render thread only */
    void *file;           /* the compressed file once read; reading thread only */
    size_t file_len;
} Frame;

struct LoopFrames {
    Exercise exercise;
    char assets_dir[LOOP_FRAMES_PATH_MAX];
    int fit_w, fit_h;
    Frame *frames; /* exercise.frames of them */
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake;    /* signalled when the reading thread may have work */
    SDL_cond *arrived; /* signalled when a frame has been decoded or failed */
    /* Under lock. */
    bool stop;
    int want; /* the frame on screen */
    bool failed;
    char error[LOOP_FRAMES_PATH_MAX + 256];
};

int loop_frames_path(const Exercise *e, int frame, const char *assets_dir, char *buf, size_t cap)
{
    char relative[EXERCISE_PATH_MAX];
    size_t skip = strlen(ASSETS_PREFIX);
    if (cap > 0)
        buf[0] = '\0';
    if (exercises_frame_path(e, frame, relative, sizeof relative) ||
        strncmp(relative, ASSETS_PREFIX, skip) != 0)
        return -1;
    int n = snprintf(buf, cap, "%s/%s", assets_dir, relative + skip);
    if (n < 0 || (size_t)n >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}

/* The box around the pixels of s (ARGB8888) that are not fully
 * transparent; a 1x1 box at the origin when there are none. */
static SDL_Rect visible_part(const SDL_Surface *s)
{
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            if ((row[x] >> 24) == 0)
                continue;
            x0 = x < x0 ? x : x0;
            x1 = x > x1 ? x : x1;
            y0 = y < y0 ? y : y0;
            y1 = y;
        }
    }
    return x1 < 0 ? (SDL_Rect){0, 0, 1, 1} : (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

/* Reads frame i (its file the first time) and decodes its visible part,
 * scaled, into *out. Runs on the reading thread. Returns 0, or -1 with a
 * message naming the file. */
static int decode(LoopFrames *lf, int i, Frame *out, char *err, size_t errlen)
{
    Frame *f = &lf->frames[i];
    char path[LOOP_FRAMES_PATH_MAX];
    if (loop_frames_path(&lf->exercise, i, lf->assets_dir, path, sizeof path))
        return snprintf(err, errlen, "the path of frame %d of %s is too long", i, lf->exercise.id),
               -1;
    if (!f->file && !(f->file = SDL_LoadFile(path, &f->file_len)))
        return snprintf(err, errlen, "cannot read the picture %s: %s", path, SDL_GetError()), -1;
    SDL_RWops *rw = SDL_RWFromConstMem(f->file, (int)f->file_len);
    char reason[200];
    SDL_Surface *raw = rw ? pictures_decode(rw, reason, sizeof reason) : NULL;
    SDL_Surface *whole = raw ? pictures_argb(raw) : NULL;
    if (!whole)
        return snprintf(err, errlen, "cannot decode the picture %s: %s", path,
                        raw || !rw ? SDL_GetError() : reason),
               -1;
    out->frame_w = whole->w;
    out->frame_h = whole->h;
    out->part = visible_part(whole);
    SDL_Surface *part =
        SDL_CreateRGBSurfaceWithFormat(0, out->part.w, out->part.h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_SetSurfaceBlendMode(whole, SDL_BLENDMODE_NONE);
    if (part && SDL_BlitSurface(whole, &out->part, part, NULL) != 0) {
        SDL_FreeSurface(part);
        part = NULL;
    }
    SDL_FreeSurface(whole);
    double scale =
        fmin(1.0, fmin((double)lf->fit_w / out->frame_w, (double)lf->fit_h / out->frame_h));
    if (part && scale < 1.0)
        part = pictures_shrink(part, scale);
    if (!part)
        return snprintf(err, errlen, "cannot prepare the picture %s: %s", path, SDL_GetError()), -1;
    out->surface = part;
    return 0;
}

/* Steps from `want` to frame i in playing order. */
static int ahead_of(int i, int want, int n)
{
    return (i - want + n) % n;
}

/* Whether frame i is needed with frame `want` on screen: it, the ones
 * after it to be decoded ahead, or the one before as a stand-in. */
static bool needed(int i, int want, int n)
{
    int d = ahead_of(i, want, n);
    return d <= LOOP_FRAMES_AHEAD || d == n - 1;
}

static int read_frames(void *data)
{
    LoopFrames *lf = data;
    int n = lf->exercise.frames;
    SDL_LockMutex(lf->lock);
    while (!lf->stop) {
        int pick = -1;
        for (int d = 0; !lf->failed && pick < 0 && d <= LOOP_FRAMES_AHEAD && d < n; d++)
            if (lf->frames[(lf->want + d) % n].state == FRAME_NONE)
                pick = (lf->want + d) % n;
        if (pick < 0) {
            SDL_CondWait(lf->wake, lf->lock);
            continue;
        }
        Frame *f = &lf->frames[pick];
        f->state = FRAME_BUSY;
        SDL_UnlockMutex(lf->lock);
        Frame got = {0};
        char why[sizeof lf->error] = "";
        int rc = decode(lf, pick, &got, why, sizeof why);
        SDL_LockMutex(lf->lock);
        if (rc == 0) {
            f->surface = got.surface;
            f->part = got.part;
            f->frame_w = got.frame_w;
            f->frame_h = got.frame_h;
            f->state = FRAME_DECODED;
        } else {
            f->state = FRAME_NONE;
            lf->failed = true;
            memcpy(lf->error, why, sizeof why);
        }
        SDL_CondSignal(lf->arrived);
    }
    SDL_UnlockMutex(lf->lock);
    return 0;
}

LoopFrames *loop_frames_create(const Exercise *e, const char *assets_dir, int fit_w, int fit_h,
                               char *err, size_t errlen)
{
    LoopFrames *lf = SDL_calloc(1, sizeof *lf);
    if (!lf) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    lf->exercise = *e;
    if (strlen(assets_dir) >= sizeof lf->assets_dir) {
        snprintf(err, errlen, "the name of the folder %.200s... is too long", assets_dir);
        SDL_free(lf);
        return NULL;
    }
    snprintf(lf->assets_dir, sizeof lf->assets_dir, "%s", assets_dir);
    lf->fit_w = fit_w > 1 ? fit_w : 1;
    lf->fit_h = fit_h > 1 ? fit_h : 1;
    lf->frames = SDL_calloc((size_t)e->frames, sizeof *lf->frames);
    lf->lock = SDL_CreateMutex();
    lf->wake = SDL_CreateCond();
    lf->arrived = SDL_CreateCond();
    if (!lf->frames || !lf->lock || !lf->wake || !lf->arrived ||
        !(lf->thread = SDL_CreateThread(read_frames, "loop frames", lf))) {
        snprintf(err, errlen, "cannot start reading the movement pictures: %s", SDL_GetError());
        loop_frames_destroy(lf);
        return NULL;
    }
    return lf;
}

void loop_frames_destroy(LoopFrames *lf)
{
    if (!lf)
        return;
    if (lf->thread) {
        SDL_LockMutex(lf->lock);
        lf->stop = true;
        SDL_CondSignal(lf->wake);
        SDL_UnlockMutex(lf->lock);
        SDL_WaitThread(lf->thread, NULL);
    }
    for (int i = 0; lf->frames && i < lf->exercise.frames; i++) {
        Frame *f = &lf->frames[i];
        SDL_FreeSurface(f->surface);
        if (f->texture)
            SDL_DestroyTexture(f->texture);
        SDL_free(f->file);
    }
    SDL_free(lf->frames);
    if (lf->arrived)
        SDL_DestroyCond(lf->arrived);
    if (lf->wake)
        SDL_DestroyCond(lf->wake);
    if (lf->lock)
        SDL_DestroyMutex(lf->lock);
    SDL_free(lf);
}

int loop_frames_update(LoopFrames *lf, SDL_Renderer *renderer, MirrorFrame at, bool wait, char *err,
                       size_t errlen)
{
    int n = lf->exercise.frames;
    int want = at.frame >= 0 && at.frame < n ? at.frame : 0;
    /* Frames decoded and needed, to be made textures once the lock is let go. */
    int taken[LOOP_FRAMES_AHEAD + 2], ntaken = 0;
    SDL_LockMutex(lf->lock);
    lf->want = want;
    SDL_CondSignal(lf->wake);
    while (wait && !lf->failed && lf->frames[want].state != FRAME_DECODED &&
           lf->frames[want].state != FRAME_READY)
        if (SDL_CondWaitTimeout(lf->arrived, lf->lock, LOOP_FRAMES_WAIT_MS) == SDL_MUTEX_TIMEDOUT)
            break;
    for (int i = 0; i < n; i++) {
        Frame *f = &lf->frames[i];
        bool keep = needed(i, want, n);
        if (f->state == FRAME_DECODED && keep && ntaken < (int)SDL_arraysize(taken)) {
            f->state = FRAME_READY;
            taken[ntaken++] = i;
        } else if (f->state == FRAME_DECODED) {
            SDL_FreeSurface(f->surface);
            f->surface = NULL;
            f->state = FRAME_NONE;
        } else if (f->state == FRAME_READY && !keep) {
            SDL_DestroyTexture(f->texture);
            f->texture = NULL;
            f->state = FRAME_NONE;
        }
    }
    SDL_UnlockMutex(lf->lock);
    /* A READY frame is the render thread's alone: its surface is safe here. */
    for (int k = 0; k < ntaken; k++) {
        Frame *f = &lf->frames[taken[k]];
        f->texture = SDL_CreateTextureFromSurface(renderer, f->surface);
        SDL_FreeSurface(f->surface);
        f->surface = NULL;
        if (!f->texture) {
            SDL_LockMutex(lf->lock);
            f->state = FRAME_NONE;
            if (!lf->failed)
                snprintf(lf->error, sizeof lf->error, "cannot prepare frame %d of %s: %s", taken[k],
                         lf->exercise.id, SDL_GetError());
            lf->failed = true;
            SDL_UnlockMutex(lf->lock);
        }
    }
    SDL_LockMutex(lf->lock);
    bool failed = lf->failed;
    if (failed)
        snprintf(err, errlen, "%s", lf->error);
    SDL_UnlockMutex(lf->lock);
    return failed ? -1 : 0;
}

bool loop_frames_ready(const LoopFrames *lf, int i)
{
    return i >= 0 && i < lf->exercise.frames && lf->frames[i].texture != NULL;
}

static void draw_frame(const Frame *f, SDL_Renderer *renderer, SDL_Rect area, Side side,
                       Uint8 alpha)
{
    double scale = fmin((double)area.w / f->frame_w, (double)area.h / f->frame_h);
    double x0 = area.x + (area.w - f->frame_w * scale) / 2.0;
    double y0 = area.y + (area.h - f->frame_h * scale) / 2.0;
    /* Mirrored, the part's distance from the right edge becomes its distance from the left. */
    int part_x = side == SIDE_LEFT ? f->frame_w - (f->part.x + f->part.w) : f->part.x;
    SDL_FRect dst = {(float)(x0 + part_x * scale), (float)(y0 + f->part.y * scale),
                     (float)(f->part.w * scale), (float)(f->part.h * scale)};
    SDL_SetTextureAlphaMod(f->texture, alpha);
    SDL_RenderCopyExF(renderer, f->texture, NULL, &dst, 0.0, NULL,
                      side == SIDE_LEFT ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
}

void loop_frames_draw(const LoopFrames *lf, SDL_Renderer *renderer, MirrorFrame at, SDL_Rect area,
                      Side side)
{
    int n = lf->exercise.frames;
    int shown = -1;
    for (int back = 0; shown < 0 && back < n; back++) {
        int i = ((at.frame - back) % n + n) % n;
        if (loop_frames_ready(lf, i))
            shown = i;
    }
    if (shown < 0)
        return;
    draw_frame(&lf->frames[shown], renderer, area, side, 255);
    /* The next frame over the current one at the blend's opacity: where
     * both cover a pixel it shows their mix, as a cross-fade should. */
    Uint8 alpha = (Uint8)lround(at.blend * 255.0);
    if (shown == at.frame && alpha > 0 && loop_frames_ready(lf, at.next))
        draw_frame(&lf->frames[at.next], renderer, area, side, alpha);
}
