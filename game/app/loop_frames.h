/* The pictures of one guided movement loop of mirror therapy
 * (exercises.h), read and decoded on a thread of their own so that the
 * animation never waits for the disk or the decoder.
 *
 * Memory stays small whatever the length of the loop: the compressed
 * files are kept, and only the frames about to be shown are decoded (the
 * one on screen and the LOOP_FRAMES_AHEAD after it, in playing order, plus
 * the one before as a stand-in), each as a texture of its visible part
 * only (the box around its pixels that are not fully transparent), scaled
 * down, never up, to the size it is drawn at. Decoding a frame takes a few
 * milliseconds, far less than a frame is shown for, so the frames needed
 * are there in time; a frame that is not is stood in for by the nearest
 * one before it. */
#ifndef GMI_LOOP_FRAMES_H
#define GMI_LOOP_FRAMES_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "exercises.h"
#include "mirror.h"
#include "trial.h"

/* Frames decoded ahead of the one on screen. */
#define LOOP_FRAMES_AHEAD 6

/* How long loop_frames_update waits for the frame on screen at most. */
#define LOOP_FRAMES_WAIT_MS 2000

/* The longest path of a frame: assets_dir, "/", the frame's own path. */
#define LOOP_FRAMES_PATH_MAX 1024

typedef struct LoopFrames LoopFrames;

/* Writes the path of frame `frame` of e into buf[0..cap): the path of
 * exercises_frame_path() with its leading "assets/" replaced by assets_dir
 * (the folder holding loops/). Returns 0, or -1 (buf then "") when the
 * frame does not exist or buf is too small. */
int loop_frames_path(const Exercise *e, int frame, const char *assets_dir, char *buf, size_t cap);

/* Starts reading the frames of e (copied) from assets_dir on a new thread,
 * each to be drawn fitting a fit_w x fit_h area, beginning with frame 0.
 * Returns NULL with a message in err when out of memory, assets_dir is
 * too long (it is never cut short) or the thread cannot start. */
LoopFrames *loop_frames_create(const Exercise *e, const char *assets_dir, int fit_w, int fit_h,
                               char *err, size_t errlen);

/* Stops the thread after the frame it is decoding, waits for it and frees
 * everything; NULL is allowed. */
void loop_frames_destroy(LoopFrames *lf);

/* On the render thread, once a frame, before drawing `at`: asks for the
 * frames from at.frame on, makes textures of renderer of those decoded
 * since the last call and frees those no longer needed. With wait, first
 * waits until at.frame has been decoded (at most LOOP_FRAMES_WAIT_MS), so
 * a loop never starts on an empty stage. Returns 0, or -1 once a frame
 * could not be read, decoded or made into a texture, with a message naming
 * the file in err (and again on every later call); reading then stops and
 * the frames already there stay usable. */
int loop_frames_update(LoopFrames *lf, SDL_Renderer *renderer, MirrorFrame at, bool wait, char *err,
                       size_t errlen);

/* Whether frame i has a texture, ready to draw. */
bool loop_frames_ready(const LoopFrames *lf, int i);

/* Draws frame at.frame cross-faded toward at.next by at.blend, as large as
 * a whole frame fits centred in area, mirrored when side is SIDE_LEFT (the
 * frames show a right limb). A frame not ready is stood in for by the
 * nearest ready one before it, without blend; nothing is drawn while none
 * is ready. */
void loop_frames_draw(const LoopFrames *lf, SDL_Renderer *renderer, MirrorFrame at, SDL_Rect area,
                      Side side);

#endif
