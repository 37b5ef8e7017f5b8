/* The split mirror of mirror therapy: one half of a camera picture shown
 * together with its own mirror image in place of the other half, so a
 * patient who holds the unaffected limb in view sees two healthy limbs.
 *
 * Orientation. The trainer shows the camera picture the way a mirror does
 * (a "selfie" view): the raw frame, which shows the patient as someone
 * facing them would, is flipped left-right, so the patient's right hand
 * appears on the right of the screen. In that displayed picture the half
 * on the affected side (the right half for SIDE_RIGHT) is where the
 * affected limb would appear; it is replaced by the mirror image of the
 * unaffected half. Example, one row of a raw frame A B C D (A at the
 * camera's left, which is the patient's right): the displayed row is
 * D C B A; with the right side affected it becomes D C C D, and nothing of
 * the affected limb (A, B) is left on screen.
 *
 * Odd widths: the middle column is its own mirror image; it stays as it is
 * in the displayed picture (it belongs to both halves). */
#ifndef GMI_SPLITMIRROR_H
#define GMI_SPLITMIRROR_H

#include <stddef.h>

#include "trial.h"

/* A packed picture borrowed from the caller: height rows of width pixels,
 * each pixel bpp bytes in any channel order (the transform only moves whole
 * pixels), the rows pitch bytes apart. Bytes past width * bpp in a row are
 * padding: never read or written. */
typedef struct PixelBuffer {
    unsigned char *pixels;
    int width;
    int height;
    int pitch; /* bytes from the start of one row to the next, >= width * bpp */
    int bpp;   /* bytes per pixel: 3 or 4 */
} PixelBuffer;

/* Returns 0 when img describes a usable picture (pixels set, width and
 * height at least 1, bpp 3 or 4, pitch at least width * bpp), or -1 with
 * the reason in err. */
int splitmirror_check(const PixelBuffer *img, char *err, size_t errlen);

/* In place, on a picture already in the displayed (mirror) orientation:
 * keeps the half opposite the affected side and writes its mirror image
 * over the affected half; an odd width's middle column is kept. Returns 0,
 * or -1 without touching a pixel when splitmirror_check rejects img. */
int splitmirror_split(PixelBuffer *img, Side affected);

/* The whole per-frame transform in one pass: dst becomes the raw camera
 * frame src flipped left-right into the displayed orientation with the
 * affected half replaced as splitmirror_split does. src is only read. src
 * and dst must have the same width, height and bpp (pitches may differ)
 * and must not overlap. Returns 0, or -1 without touching dst when either
 * is rejected by splitmirror_check, their sizes differ or both use the same
 * pixels. */
int splitmirror_selfie(const PixelBuffer *src, PixelBuffer *dst, Side affected);

#endif
