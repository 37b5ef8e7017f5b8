/* The split mirror on packed pixels: the mirrored half equals the flipped
 * source half, for either affected side, odd and even widths, 3 and 4
 * bytes a pixel and padded rows; the orientation on a worked example; and
 * the pictures the transforms refuse. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "splitmirror.h"

#define PAD_BYTE 0xEE
#define UNSET_BYTE 0x11

typedef struct Shape {
    int width, height, bpp, src_pad, dst_pad;
} Shape;

static const Shape shapes[] = {
    {1, 1, 4, 0, 0},   {2, 1, 4, 0, 0},   {3, 2, 3, 0, 0},   {4, 3, 3, 1, 0},
    {7, 5, 4, 0, 3},   {8, 5, 3, 2, 2},   {17, 3, 4, 4, 0},  {16, 2, 3, 0, 5},
    {640, 3, 4, 0, 0}, {641, 2, 3, 3, 1}, {639, 2, 4, 8, 4},
};

static unsigned char *pixel(const PixelBuffer *img, int x, int y)
{
    return img->pixels + (size_t)y * (size_t)img->pitch + (size_t)x * (size_t)img->bpp;
}

/* A buffer of the shape with pad bytes after each row, every byte set to fill. */
static PixelBuffer make_buffer(int width, int height, int bpp, int pad, unsigned char fill)
{
    PixelBuffer img = {NULL, width, height, width * bpp + pad, bpp};
    img.pixels = malloc((size_t)img.pitch * (size_t)height);
    memset(img.pixels, fill, (size_t)img.pitch * (size_t)height);
    return img;
}

/* Every pixel different from its row neighbours in every byte, so a pixel
 * taken from the wrong column, or bytes moved within a pixel, show. */
static void paint(PixelBuffer *img)
{
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            unsigned char *p = pixel(img, x, y);
            for (int i = 0; i < img->bpp; i++)
                p[i] = (unsigned char)(x * 5 + y * 11 + i * 67 + 1);
        }
}

static int same_pixel(const PixelBuffer *a, int ax, int ay, const PixelBuffer *b, int bx, int by)
{
    return memcmp(pixel(a, ax, ay), pixel(b, bx, by), (size_t)a->bpp) == 0;
}

static int padding_is(const PixelBuffer *img, unsigned char byte)
{
    for (int y = 0; y < img->height; y++)
        for (int i = img->width * img->bpp; i < img->pitch; i++)
            if (img->pixels[(size_t)y * (size_t)img->pitch + (size_t)i] != byte)
                return 0;
    return 1;
}

/* The reference the brief states in words, built without the module: the
 * source flipped left-right (the displayed view). */
static PixelBuffer flipped(const PixelBuffer *src)
{
    PixelBuffer f = make_buffer(src->width, src->height, src->bpp, 0, 0);
    for (int y = 0; y < src->height; y++)
        for (int x = 0; x < src->width; x++)
            memcpy(pixel(&f, x, y), pixel(src, src->width - 1 - x, y), (size_t)src->bpp);
    return f;
}

/* Checks that out is view with its affected half replaced: the kept half
 * (and an odd width's middle column) equal to view, each column of the
 * affected half equal to its mirror column of view's kept half. */
static void check_split(const PixelBuffer *out, const PixelBuffer *view, Side affected,
                        const Shape *s)
{
    int w = out->width, bad = 0;
    for (int y = 0; y < out->height; y++)
        for (int x = 0; x < w; x++) {
            int mirror = w - 1 - x;
            int in_affected_half = affected == SIDE_RIGHT ? x > mirror : x < mirror;
            int want = in_affected_half ? mirror : x;
            if (!same_pixel(out, x, y, view, want, y) && bad++ == 0)
                CHECK_MSG(0, "%dx%d bpp %d affected %s: pixel (%d,%d) is not view (%d,%d)",
                          s->width, s->height, s->bpp, side_name(affected), x, y, want, y);
        }
}

static void test_selfie_matches_flipped_source(void)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++) {
            const Shape *s = &shapes[i];
            PixelBuffer src = make_buffer(s->width, s->height, s->bpp, s->src_pad, PAD_BYTE);
            PixelBuffer before = make_buffer(s->width, s->height, s->bpp, s->src_pad, PAD_BYTE);
            PixelBuffer dst = make_buffer(s->width, s->height, s->bpp, s->dst_pad, UNSET_BYTE);
            paint(&src);
            memcpy(before.pixels, src.pixels, (size_t)src.pitch * (size_t)src.height);
            PixelBuffer view = flipped(&src);

            CHECK(splitmirror_selfie(&src, &dst, (Side)side) == 0);
            check_split(&dst, &view, (Side)side, s);
            CHECK(memcmp(src.pixels, before.pixels, (size_t)src.pitch * (size_t)src.height) == 0);
            CHECK_MSG(padding_is(&dst, UNSET_BYTE), "%dx%d: destination padding written", s->width,
                      s->height);

            free(src.pixels);
            free(before.pixels);
            free(dst.pixels);
            free(view.pixels);
        }
}

static void test_split_in_place(void)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++) {
            const Shape *s = &shapes[i];
            PixelBuffer img = make_buffer(s->width, s->height, s->bpp, s->src_pad, PAD_BYTE);
            PixelBuffer view = make_buffer(s->width, s->height, s->bpp, 0, 0);
            paint(&img);
            for (int y = 0; y < s->height; y++)
                memcpy(pixel(&view, 0, y), pixel(&img, 0, y), (size_t)(s->width * s->bpp));

            CHECK(splitmirror_split(&img, (Side)side) == 0);
            check_split(&img, &view, (Side)side, s);
            CHECK(padding_is(&img, PAD_BYTE));

            free(img.pixels);
            free(view.pixels);
        }
}

/* The orientation written out: raw row A B C D (A at the camera's left,
 * the patient's right) is displayed D C B A; with the right side affected
 * the right half shows the left half's mirror image. */
static void test_worked_example(void)
{
    static const struct {
        const char *raw;
        Side affected;
        const char *selfie; /* splitmirror_selfie of raw */
        const char *split;  /* splitmirror_split of raw */
    } cases[] = {
        {"ABCD", SIDE_RIGHT, "DCCD", "ABBA"},
        {"ABCD", SIDE_LEFT, "ABBA", "DCCD"},
        {"ABCDE", SIDE_RIGHT, "EDCDE", "ABCBA"},
        {"ABCDE", SIDE_LEFT, "ABCBA", "EDCDE"},
        {"A", SIDE_RIGHT, "A", "A"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int w = (int)strlen(cases[i].raw);
        unsigned char raw[8 * 4], out[8 * 4], in_place[8 * 4];
        /* Each letter of the row becomes one 4-byte pixel of that letter. */
        for (int x = 0; x < w; x++) {
            memset(raw + 4 * x, cases[i].raw[x], 4);
            memset(in_place + 4 * x, cases[i].raw[x], 4);
        }
        PixelBuffer src = {raw, w, 1, 4 * w, 4};
        PixelBuffer dst = {out, w, 1, 4 * w, 4};
        PixelBuffer img = {in_place, w, 1, 4 * w, 4};
        CHECK(splitmirror_selfie(&src, &dst, cases[i].affected) == 0);
        CHECK(splitmirror_split(&img, cases[i].affected) == 0);
        char got_selfie[8] = "", got_split[8] = "";
        for (int x = 0; x < w; x++) {
            got_selfie[x] = (char)out[4 * x];
            got_split[x] = (char)in_place[4 * x];
        }
        CHECK_MSG(strcmp(got_selfie, cases[i].selfie) == 0, "%s %s: selfie %s, want %s",
                  cases[i].raw, side_name(cases[i].affected), got_selfie, cases[i].selfie);
        CHECK_MSG(strcmp(got_split, cases[i].split) == 0, "%s %s: split %s, want %s", cases[i].raw,
                  side_name(cases[i].affected), got_split, cases[i].split);
    }
}

static void test_refused(void)
{
    unsigned char a[64], b[64];
    memset(b, UNSET_BYTE, sizeof b);
    const struct {
        PixelBuffer img;
        const char *reason;
    } bad[] = {
        {{NULL, 2, 2, 8, 4}, "no pixels"},
        {{a, 0, 2, 8, 4}, "0x2"},
        {{a, 2, -1, 8, 4}, "2x-1"},
        {{a, 2, 2, 8, 2}, "2 bytes a pixel"},
        {{a, 3, 2, 8, 3}, "cannot hold 3 pixels"},
        {{a, 2, 2, -8, 4}, "cannot hold"},
    };
    char err[128];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        PixelBuffer img = bad[i].img;
        err[0] = '\0';
        CHECK(splitmirror_check(&img, err, sizeof err) == -1);
        CHECK_MSG(strstr(err, bad[i].reason) != NULL, "case %zu: \"%s\"", i, err);
        CHECK(splitmirror_split(&img, SIDE_LEFT) == -1);
    }
    PixelBuffer good = {a, 2, 2, 8, 4};
    CHECK(splitmirror_check(&good, err, sizeof err) == 0);

    /* Mismatched or shared buffers leave the destination alone. */
    PixelBuffer dst = {b, 2, 2, 8, 4};
    PixelBuffer taller = {a, 2, 3, 8, 4}, narrower = {a, 1, 2, 8, 4}, three = {a, 2, 2, 8, 3};
    CHECK(splitmirror_selfie(&taller, &dst, SIDE_LEFT) == -1);
    CHECK(splitmirror_selfie(&narrower, &dst, SIDE_LEFT) == -1);
    CHECK(splitmirror_selfie(&three, &dst, SIDE_LEFT) == -1);
    PixelBuffer same = {b, 2, 2, 8, 4};
    CHECK(splitmirror_selfie(&same, &dst, SIDE_LEFT) == -1);
    for (size_t i = 0; i < sizeof b; i++)
        CHECK(b[i] == UNSET_BYTE);
}

int main(void)
{
    test_selfie_matches_flipped_source();
    test_split_in_place();
    test_worked_example();
    test_refused();
    return check_exit();
}
