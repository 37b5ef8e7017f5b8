/* Contrast of the button styles, by the WCAG 2.1 formulas (relative
 * luminance and contrast ratio): a selected segment (a tab, a choice, the
 * chosen pain score) stands out from the unselected segments and from the
 * background by at least 3:1 (success criterion 1.4.11, non-text
 * contrast), every label from its fill by at least 4.5:1 (1.4.3), and an
 * unselected segment's outline from the background by 3:1. Then the real
 * Ui, under SDL's dummy video driver, draws the buttons in exactly these
 * colours, and a selected one with its second cue: a check mark, or a ring
 * where the label leaves no room for one. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>

#include "check.h"
#include "ui.h"

/* The relative luminance of an sRGB colour (WCAG 2.1). */
static double luminance(SDL_Color c)
{
    const double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    double lin[3];
    for (int i = 0; i < 3; i++)
        lin[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

static double contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static void check_contrast(const char *what, SDL_Color a, SDL_Color b, double least)
{
    double ratio = contrast(a, b);
    printf("%-44s %5.2f:1 (at least %.1f:1)\n", what, ratio, least);
    CHECK_MSG(ratio >= least, "%s: %.2f:1, below %.1f:1", what, ratio, least);
}

/* The formula itself, on values from the WCAG's own definition. */
static void test_formula(void)
{
    const SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    const SDL_Color grey = {118, 118, 118, 255}; /* the lightest grey at 4.5:1 on white */
    CHECK(fabs(contrast(black, white) - 21.0) < 1e-9);
    CHECK(fabs(contrast(white, white) - 1.0) < 1e-9);
    CHECK(contrast(grey, white) >= 4.5 && contrast(grey, white) < 4.6);
    CHECK(fabs(contrast(grey, white) - contrast(white, grey)) < 1e-12);
}

static void test_styles(void)
{
    UiStyleColours selected = ui_style_colours(UI_STYLE_SELECTED);
    UiStyleColours unselected = ui_style_colours(UI_STYLE_SECONDARY);
    check_contrast("selected fill against an unselected one", selected.fill, unselected.fill, 3.0);
    check_contrast("selected fill against the background", selected.fill, ui_background, 3.0);
    check_contrast("unselected outline against the background", unselected.outline, ui_background,
                   3.0);
    static const struct {
        UiStyle style;
        const char *name;
    } styles[] = {{UI_STYLE_PRIMARY, "primary"},
                  {UI_STYLE_SECONDARY, "secondary"},
                  {UI_STYLE_SELECTED, "selected"},
                  {UI_STYLE_ANSWER, "answer"}};
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
        UiStyleColours c = ui_style_colours(styles[i].style);
        char what[64];
        snprintf(what, sizeof what, "%s label against its fill", styles[i].name);
        check_contrast(what, c.label, c.fill, 4.5);
    }
}

static bool same(const Uint8 *p, SDL_Color c)
{
    return p[0] == c.r && p[1] == c.g && p[2] == c.b;
}

/* Draws a button with no label on the cleared screen and counts the pixels
 * of its rect in the label's colour and in its fill's. */
static void draw_counting(Ui *ui, SDL_Rect r, UiStyle style, int *label_px, int *fill_px)
{
    SDL_Renderer *renderer = ui_renderer(ui);
    ui_clear(ui);
    ui_button(ui, r, "", UI_FONT_BODY, style);
    Uint8 *pixels = malloc((size_t)r.w * (size_t)r.h * 4);
    *label_px = *fill_px = -1;
    if (!pixels || SDL_RenderReadPixels(renderer, &r, SDL_PIXELFORMAT_RGBA32, pixels, r.w * 4)) {
        CHECK_MSG(0, "cannot read the pixels: %s", SDL_GetError());
        free(pixels);
        return;
    }
    UiStyleColours c = ui_style_colours(style);
    *label_px = *fill_px = 0;
    for (int i = 0; i < r.w * r.h; i++) {
        *label_px += same(pixels + 4 * i, c.label);
        *fill_px += same(pixels + 4 * i, c.fill);
    }
    free(pixels);
}

static void test_drawn(Ui *ui)
{
    SDL_Rect wide = {ui_mm(ui, 10.0f), ui_mm(ui, 10.0f), ui_mm(ui, 40.0f), ui_mm(ui, 12.0f)};
    SDL_Rect narrow = {ui_mm(ui, 10.0f), ui_mm(ui, 30.0f), ui_mm(ui, 5.0f), ui_mm(ui, 12.0f)};
    int label_px, fill_px;
    /* Unselected: its pale fill over most of it, nothing in a label's colour. */
    draw_counting(ui, wide, UI_STYLE_SECONDARY, &label_px, &fill_px);
    CHECK_MSG(fill_px > wide.w * wide.h / 2 && label_px == 0, "secondary: %d fill, %d label px",
              fill_px, label_px);
    /* Selected: its fill over most of it, and a check mark in the label's
     * colour, or in a narrow button a ring. */
    draw_counting(ui, wide, UI_STYLE_SELECTED, &label_px, &fill_px);
    CHECK_MSG(fill_px > wide.w * wide.h / 2 && label_px > ui_mm(ui, 2.0f) * ui_mm(ui, 0.5f),
              "selected: %d fill, %d check px", fill_px, label_px);
    draw_counting(ui, narrow, UI_STYLE_SELECTED, &label_px, &fill_px);
    CHECK_MSG(fill_px > narrow.w * narrow.h / 4 && label_px > 2 * narrow.h,
              "narrow: %d fill, %d ring px", fill_px, label_px);
}

int main(void)
{
    test_formula();
    test_styles();
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    UiConfig config = {.title = "contrast",
                       .width = 1280,
                       .height = 800,
                       .font_regular = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans.ttf",
                       .font_bold = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans-Bold.ttf"};
    char err[256];
    Ui *ui = ui_create(&config, err, sizeof err);
    CHECK_MSG(ui != NULL, "%s", err);
    if (ui)
        test_drawn(ui);
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
    return check_exit();
}
