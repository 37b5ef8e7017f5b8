#include "splitmirror.h"

#include <stdio.h>
#include <string.h>

int splitmirror_check(const PixelBuffer *img, char *err, size_t errlen)
{
    if (!img->pixels)
        snprintf(err, errlen, "the picture has no pixels");
    else if (img->width < 1 || img->height < 1)
        snprintf(err, errlen, "the picture is %dx%d pixels", img->width, img->height);
    else if (img->bpp != 3 && img->bpp != 4)
        snprintf(err, errlen, "%d bytes a pixel (3 or 4 are supported)", img->bpp);
    else if (img->pitch / img->bpp < img->width)
        snprintf(err, errlen, "rows of %d bytes cannot hold %d pixels of %d bytes", img->pitch,
                 img->width, img->bpp);
    else
        return 0;
    return -1;
}

static int usable(const PixelBuffer *img)
{
    char unused[1];
    return splitmirror_check(img, unused, sizeof unused) == 0;
}

/* Copies one pixel; the constant sizes let the compiler turn each copy into
 * a plain load and store. */
static void copy_pixel(unsigned char *to, const unsigned char *from, int bpp)
{
    if (bpp == 4)
        memcpy(to, from, 4);
    else
        memcpy(to, from, 3);
}

int splitmirror_split(PixelBuffer *img, Side affected)
{
    if (!usable(img))
        return -1;
    int w = img->width, bpp = img->bpp;
    for (int y = 0; y < img->height; y++) {
        unsigned char *row = img->pixels + (size_t)y * (size_t)img->pitch;
        for (int x = 0; x < w / 2; x++) {
            unsigned char *left = row + (size_t)x * bpp, *right = row + (size_t)(w - 1 - x) * bpp;
            if (affected == SIDE_RIGHT)
                copy_pixel(right, left, bpp);
            else
                copy_pixel(left, right, bpp);
        }
    }
    return 0;
}

int splitmirror_selfie(const PixelBuffer *src, PixelBuffer *dst, Side affected)
{
    if (!usable(src) || !usable(dst) || src->width != dst->width || src->height != dst->height ||
        src->bpp != dst->bpp || src->pixels == dst->pixels)
        return -1;
    int w = src->width, bpp = src->bpp;
    for (int y = 0; y < src->height; y++) {
        const unsigned char *from = src->pixels + (size_t)y * (size_t)src->pitch;
        unsigned char *to = dst->pixels + (size_t)y * (size_t)dst->pitch;
        for (int x = 0; x < w; x++) {
            /* Displayed column x mirrors raw column w-1-x. The kept half of
             * the display is the unaffected one, and a column of the other
             * half shows its mirror partner, so each column takes the raw
             * column of the pair (x, w-1-x) that lies on the kept side: the
             * raw frame's right half (the patient's left) when the right
             * side is affected. */
            int mirror = w - 1 - x;
            int raw =
                affected == SIDE_RIGHT ? (x > mirror ? x : mirror) : (x < mirror ? x : mirror);
            copy_pixel(to + (size_t)x * bpp, from + (size_t)raw * bpp, bpp);
        }
    }
    return 0;
}
