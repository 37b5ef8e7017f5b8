#include "ui.h"

#include <SDL_ttf.h>
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

const SDL_Color ui_background = {232, 237, 240, 255};
const SDL_Color ui_text_colour = {36, 48, 56, 255};
const SDL_Color ui_muted_colour = {92, 108, 118, 255};
const SDL_Color ui_accent = {38, 110, 128, 255};
const SDL_Color ui_good = {40, 150, 140, 255};

static const SDL_Color white = {255, 255, 255, 255};
static const SDL_Color panel = {250, 251, 252, 255};
static const SDL_Color outline = {150, 166, 176, 255};

/* Font sizes (em) in millimetres: body text's capitals are about 4.4 mm. */
static const float font_mm[UI_FONT_COUNT] = {5.0f, 6.0f, 8.0f, 10.5f};

/* The content every screen is laid out for, in millimetres: a window of
 * any size shows it as large as it fits. The display's DPI is not used: many
 * displays report none or a wrong one (Xvfb, some panels and Wayland
 * set-ups), and a tablet is held at the distance that makes its whole
 * screen comfortable, so the screen's size is what counts. */
#define DESIGN_WIDTH_MM 150.0f
#define DESIGN_HEIGHT_MM 140.0f

#define TEXT_CACHE 128
#define TEXT_MAX 160
#define TEXT_LINES 24
#define TEXTS_PER_FRAME 256
#define FAULTS_KEPT 512

typedef struct CachedText {
    char text[TEXT_MAX];
    TTF_Font *font;
    SDL_Color colour;
    SDL_Texture *texture;
    int w, h;
} CachedText;

struct Ui {
    SDL_Window *window;
    SDL_Renderer *renderer;
    void *font_data[2];
    size_t font_size[2];
    /* Each font at the text size (fonts) and, while that is larger, at the
     * normal size too (normal; else the same fonts), for a text that does
     * not fit its box at the larger size. */
    TTF_Font *fonts[UI_FONT_COUNT];
    TTF_Font *normal[UI_FONT_COUNT];
    int text_percent;  /* the text size asked for */
    int fonts_percent; /* the text size fonts were opened at */
    int out_w, out_h;
    float px_per_mm;
    CachedText cache[TEXT_CACHE];
    int cached;
    char base[32];   /* the window title with no screen named */
    char title[128]; /* the window title set last */
    /* The layout check (GMI_LAYOUT_LOG): the texts of the frame being drawn,
     * and the faults written so far, each once. */
    FILE *layout_log;
    struct {
        SDL_Rect box, bounds;
        char text[40];
    } drawn[TEXTS_PER_FRAME];
    int drawn_count;
    unsigned faults[FAULTS_KEPT];
    int fault_count;
};

/* The layout check: one line per fault, each written once per run. */
static void layout_fault(Ui *ui, const char *format, ...)
{
    char line[512];
    va_list args;
    va_start(args, format);
    int n = snprintf(line, sizeof line, "fault: %s %dx%d: ", ui->title, ui->out_w, ui->out_h);
    vsnprintf(line + n, sizeof line - (size_t)n, format, args);
    va_end(args);
    unsigned hash = 2166136261u;
    for (const char *c = line; *c; c++)
        hash = (hash ^ (unsigned char)*c) * 16777619u;
    for (int i = 0; i < ui->fault_count; i++)
        if (ui->faults[i] == hash)
            return;
    if (ui->fault_count < FAULTS_KEPT)
        ui->faults[ui->fault_count++] = hash;
    fprintf(ui->layout_log, "%s\n", line);
    fflush(ui->layout_log);
}

static bool contains(SDL_Rect outer, SDL_Rect inner)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

/* Checks the texts of the frame just drawn: each inside its box and the
 * window, no two boxes overlapping. */
static void layout_check_frame(Ui *ui)
{
    SDL_Rect window = {0, 0, ui->out_w, ui->out_h};
    for (int i = 0; i < ui->drawn_count; i++) {
        SDL_Rect box = ui->drawn[i].box, bounds = ui->drawn[i].bounds;
        if (!contains(box, bounds) || !contains(window, bounds))
            layout_fault(ui, "\"%s\" (%d,%d %dx%d) leaves its box (%d,%d %dx%d) or the window",
                         ui->drawn[i].text, bounds.x, bounds.y, bounds.w, bounds.h, box.x, box.y,
                         box.w, box.h);
        for (int j = i + 1; j < ui->drawn_count; j++)
            if (SDL_HasIntersection(&box, &ui->drawn[j].box))
                layout_fault(ui, "\"%s\" and \"%s\" overlap", ui->drawn[i].text, ui->drawn[j].text);
    }
    ui->drawn_count = 0;
}

static void layout_record(Ui *ui, SDL_Rect box, SDL_Rect bounds, const char *text)
{
    if (!ui->layout_log)
        return;
    if (ui->drawn_count == TEXTS_PER_FRAME) {
        layout_fault(ui, "more than %d texts in one frame", TEXTS_PER_FRAME);
        return;
    }
    ui->drawn[ui->drawn_count].box = box;
    ui->drawn[ui->drawn_count].bounds = bounds;
    snprintf(ui->drawn[ui->drawn_count].text, sizeof ui->drawn[0].text, "%s", text);
    ui->drawn_count++;
}

static void cache_clear(Ui *ui)
{
    for (int i = 0; i < ui->cached; i++)
        SDL_DestroyTexture(ui->cache[i].texture);
    ui->cached = 0;
}

static void close_fonts(TTF_Font *fonts[UI_FONT_COUNT], TTF_Font *normal[UI_FONT_COUNT])
{
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        if (normal[i] != fonts[i])
            TTF_CloseFont(normal[i]);
        TTF_CloseFont(fonts[i]);
        fonts[i] = normal[i] = NULL;
    }
}

/* Opens every font at scale pixels per millimetre and percent of the
 * normal size (and at the normal size when larger) in place of those
 * open. Returns -1 with a message, the fonts open staying in use. */
static int open_fonts(Ui *ui, float scale, int percent, char *err, size_t errlen)
{
    TTF_Font *fonts[UI_FONT_COUNT] = {NULL}, *normal[UI_FONT_COUNT] = {NULL};
    for (int i = 0; i < 2 * UI_FONT_COUNT; i++) {
        int font = i % UI_FONT_COUNT, bold = font >= UI_FONT_HEADING;
        bool at_normal = i >= UI_FONT_COUNT;
        if (at_normal && percent == 100) {
            normal[font] = fonts[font];
            continue;
        }
        int px = (int)lroundf(font_mm[font] * scale * (float)(at_normal ? 100 : percent) / 100.0f);
        SDL_RWops *rw = SDL_RWFromConstMem(ui->font_data[bold], (int)ui->font_size[bold]);
        TTF_Font *opened = rw ? TTF_OpenFontRW(rw, 1, px < 6 ? 6 : px) : NULL;
        if (!opened) {
            snprintf(err, errlen, "cannot open the font: %s", TTF_GetError());
            close_fonts(fonts, normal);
            return -1;
        }
        *(at_normal ? &normal[font] : &fonts[font]) = opened;
    }
    close_fonts(ui->fonts, ui->normal);
    memcpy(ui->fonts, fonts, sizeof fonts);
    memcpy(ui->normal, normal, sizeof normal);
    ui->px_per_mm = scale;
    ui->fonts_percent = percent;
    cache_clear(ui);
    return 0;
}

int ui_refresh(Ui *ui, char *err, size_t errlen)
{
    if (SDL_GetRendererOutputSize(ui->renderer, &ui->out_w, &ui->out_h) != 0) {
        snprintf(err, errlen, "cannot read the window size: %s", SDL_GetError());
        return -1;
    }
    float scale = fminf((float)ui->out_w / DESIGN_WIDTH_MM, (float)ui->out_h / DESIGN_HEIGHT_MM);
    if (ui->fonts[0] && fabsf(scale - ui->px_per_mm) < 0.01f &&
        ui->fonts_percent == ui->text_percent)
        return 0;
    return open_fonts(ui, scale, ui->text_percent, err, errlen);
}

int ui_set_text_scale(Ui *ui, int percent, char *err, size_t errlen)
{
    if (percent < 100 || percent > UI_TEXT_SCALE_MAX) {
        snprintf(err, errlen, "a text size is from 100 to %d %%, not %d", UI_TEXT_SCALE_MAX,
                 percent);
        return -1;
    }
    int was = ui->text_percent;
    ui->text_percent = percent;
    if (ui_refresh(ui, err, errlen) == 0)
        return 0;
    ui->text_percent = was;
    return -1;
}

/* Whether the renderer really waits for the vertical blank. Where the driver
 * cannot, SDL pretends by sleeping after the pixels have been handed over,
 * which would make an onset stamped after the present late by up to a
 * frame. */
static bool vsync_is_real(SDL_Renderer *renderer)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer, &info) != 0 || !(info.flags & SDL_RENDERER_PRESENTVSYNC) ||
        strcmp(info.name, "software") == 0)
        return false;
    if (strncmp(info.name, "opengl", 6) == 0)
        return SDL_GL_GetSwapInterval() != 0;
    return true;
}

/* Whether the machine has a GPU render node (/dev/dri/renderD*). Without
 * one, the only OpenGL there is a software rasteriser (Mesa's llvmpipe or
 * softpipe), which draws no faster than SDL's software renderer but loads
 * libGL and LLVM and compiles shaders: on a 2-core machine about 290 ms of
 * start-up and 90 MB of memory. */
static bool has_render_node(void)
{
    DIR *dir = opendir("/dev/dri");
    if (!dir)
        return false;
    bool found = false;
    for (struct dirent *e; !found && (e = readdir(dir));)
        found = strncmp(e->d_name, "renderD", 7) == 0;
    closedir(dir);
    return found;
}

/* The software renderer unless a GPU can draw; GMI_RENDERER=software or
 * GMI_RENDERER=gpu forces either choice. */
static bool software_rendering(void)
{
    const char *choice = getenv("GMI_RENDERER");
    if (choice && strcmp(choice, "software") == 0)
        return true;
    if (choice && strcmp(choice, "gpu") == 0)
        return false;
    return !has_render_node();
}

Ui *ui_create(const UiConfig *config, char *err, size_t errlen)
{
    Ui *ui = SDL_calloc(1, sizeof *ui);
    if (!ui) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    ui->text_percent = 100;
    const char *log = getenv("GMI_LAYOUT_LOG");
    if (log && *log && !(ui->layout_log = fopen(log, "a"))) {
        snprintf(err, errlen, "cannot open the layout log %s", log);
        ui_destroy(ui);
        return NULL;
    }
    const char *paths[2] = {config->font_regular, config->font_bold};
    for (int i = 0; i < 2; i++) {
        ui->font_data[i] = SDL_LoadFile(paths[i], &ui->font_size[i]);
        if (!ui->font_data[i]) {
            snprintf(err, errlen, "cannot read the font %s: %s", paths[i], SDL_GetError());
            ui_destroy(ui);
            return NULL;
        }
        /* Opened once here so a damaged file is reported by name. */
        SDL_RWops *rw = SDL_RWFromConstMem(ui->font_data[i], (int)ui->font_size[i]);
        TTF_Font *probe = rw ? TTF_OpenFontRW(rw, 1, 12) : NULL;
        if (!probe) {
            snprintf(err, errlen, "cannot use the font %s: %s", paths[i], TTF_GetError());
            ui_destroy(ui);
            return NULL;
        }
        TTF_CloseFont(probe);
    }
    timing_startup_stage("fonts");
    /* Linear filtering keeps scaled pictures smooth. */
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    /* Drawing in software, the pixels go to the window through the window
     * system's own framebuffer (X11: shared memory), not through a GL
     * texture, so no GL library is loaded at all. */
    bool software = software_rendering();
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                   (config->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    /* Fullscreen: the display's size from the start, so the screen is
     * covered even where no window manager applies the fullscreen request.
     * A window: the configured size, shrunk to fit the usable area. */
    int w = config->width, h = config->height;
    SDL_Rect display;
    if (config->fullscreen && SDL_GetDisplayBounds(0, &display) == 0) {
        w = display.w;
        h = display.h;
    } else if (!config->fullscreen && SDL_GetDisplayUsableBounds(0, &display) == 0) {
        w = w < display.w * 9 / 10 ? w : display.w * 9 / 10;
        h = h < display.h * 9 / 10 ? h : display.h * 9 / 10;
    }
    snprintf(ui->base, sizeof ui->base, "%s", config->title);
    snprintf(ui->title, sizeof ui->title, "%s", config->title);
    ui->window = SDL_CreateWindow(config->title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w,
                                  h, flags);
    if (!ui->window) {
        snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
        ui_destroy(ui);
        return NULL;
    }
    timing_startup_stage("window");
    /* Real vsync makes the present return at the flip, which is when the
     * onset is stamped. Without it the present returns as the pixels are
     * handed over, which is then the best stamp there is. */
    ui->renderer = SDL_CreateRenderer(ui->window, -1,
                                      software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_PRESENTVSYNC);
    if (!ui->renderer)
        ui->renderer = SDL_CreateRenderer(ui->window, -1, 0);
    if (!ui->renderer) {
        snprintf(err, errlen, "cannot draw in the window: %s", SDL_GetError());
        ui_destroy(ui);
        return NULL;
    }
    if (!vsync_is_real(ui->renderer))
        SDL_RenderSetVSync(ui->renderer, 0);
    SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_BLEND);
    if (ui_refresh(ui, err, errlen)) {
        ui_destroy(ui);
        return NULL;
    }
    timing_startup_stage("renderer");
    return ui;
}

void ui_destroy(Ui *ui)
{
    if (!ui)
        return;
    if (ui->layout_log) {
        layout_check_frame(ui);
        fclose(ui->layout_log);
    }
    cache_clear(ui);
    close_fonts(ui->fonts, ui->normal);
    if (ui->renderer)
        SDL_DestroyRenderer(ui->renderer);
    if (ui->window)
        SDL_DestroyWindow(ui->window);
    SDL_free(ui->font_data[0]);
    SDL_free(ui->font_data[1]);
    SDL_free(ui);
}

void ui_name_screen(Ui *ui, const char *screen)
{
    char title[sizeof ui->title];
    if (screen)
        snprintf(title, sizeof title, "%s: %s", ui->base, screen);
    else
        snprintf(title, sizeof title, "%s", ui->base);
    if (strcmp(title, ui->title) != 0) {
        if (ui->layout_log) {
            layout_check_frame(ui); /* the last frame of the screen named before */
            fprintf(ui->layout_log, "shown: %s %dx%d\n", title, ui->out_w, ui->out_h);
        }
        memcpy(ui->title, title, sizeof title);
        SDL_SetWindowTitle(ui->window, title);
    }
}

SDL_Renderer *ui_renderer(Ui *ui)
{
    return ui->renderer;
}

SDL_Window *ui_window(Ui *ui)
{
    return ui->window;
}

int ui_width(const Ui *ui)
{
    return ui->out_w;
}

int ui_height(const Ui *ui)
{
    return ui->out_h;
}

int ui_mm(const Ui *ui, float mm)
{
    return (int)lroundf(mm * ui->px_per_mm);
}

static void set_colour(Ui *ui, SDL_Color c)
{
    SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
}

void ui_clear(Ui *ui)
{
    if (ui->layout_log)
        layout_check_frame(ui);
    set_colour(ui, ui_background);
    SDL_RenderClear(ui->renderer);
}

/* The straight parts of a rounded rectangle are filled as rectangles and
 * only the corners as triangles: a software renderer tests every pixel of
 * a triangle's bounding box, so a fan over the whole shape costs about
 * twenty times its area (about 1 ms for a large button). The corner
 * squares are left to the triangles, so no pixel is drawn twice. */
void ui_fill_rounded(Ui *ui, SDL_Rect r, int radius, SDL_Color colour)
{
    enum { ARC = 8, CORNER_POINTS = ARC + 2, POINTS = 4 * CORNER_POINTS };
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius * 2 > r.h)
        radius = r.h / 2;
    set_colour(ui, colour);
    const SDL_Rect straight[3] = {{r.x + radius, r.y, r.w - 2 * radius, r.h},
                                  {r.x, r.y + radius, radius, r.h - 2 * radius},
                                  {r.x + r.w - radius, r.y + radius, radius, r.h - 2 * radius}};
    SDL_RenderFillRects(ui->renderer, straight, 3);
    if (radius <= 0)
        return;
    const float corner[4][2] = {{(float)(r.x + r.w - radius), (float)(r.y + r.h - radius)},
                                {(float)(r.x + radius), (float)(r.y + r.h - radius)},
                                {(float)(r.x + radius), (float)(r.y + radius)},
                                {(float)(r.x + r.w - radius), (float)(r.y + radius)}};
    /* A quarter circle with exact ends: the ends of the arcs meet the
     * straight parts exactly (a rounding error there leaves SDL's software
     * rasteriser a row short of the edge). */
    float qx[ARC + 1], qy[ARC + 1];
    for (int i = 0; i <= ARC; i++) {
        float a = 1.5707963f * (float)i / ARC;
        qx[i] = i == ARC ? 0.0f : cosf(a) * (float)radius;
        qy[i] = i == 0 ? 0.0f : sinf(a) * (float)radius;
    }
    SDL_Vertex v[POINTS];
    int indices[4 * 3 * ARC];
    int k = 0, n = 0;
    for (int c = 0; c < 4; c++) {
        int centre = k;
        v[k++].position = (SDL_FPoint){corner[c][0], corner[c][1]};
        for (int i = 0; i <= ARC; i++) {
            /* The quarter turned by c quarter turns, clockwise on screen. */
            float dx = c == 0 ? qx[i] : c == 1 ? -qy[i] : c == 2 ? -qx[i] : qy[i];
            float dy = c == 0 ? qy[i] : c == 1 ? qx[i] : c == 2 ? -qy[i] : -qx[i];
            v[k++].position = (SDL_FPoint){corner[c][0] + dx, corner[c][1] + dy};
        }
        for (int i = 0; i < ARC; i++) {
            indices[n++] = centre;
            indices[n++] = centre + 1 + i;
            indices[n++] = centre + 2 + i;
        }
    }
    for (int i = 0; i < k; i++) {
        v[i].color = colour;
        v[i].tex_coord = (SDL_FPoint){0.0f, 0.0f};
    }
    SDL_RenderGeometry(ui->renderer, NULL, v, k, indices, n);
}

static CachedText *text_texture(Ui *ui, TTF_Font *font, const char *text, SDL_Color colour)
{
    for (int i = 0; i < ui->cached; i++) {
        CachedText *c = &ui->cache[i];
        if (c->font == font && c->colour.r == colour.r && c->colour.g == colour.g &&
            c->colour.b == colour.b && c->colour.a == colour.a && strcmp(c->text, text) == 0)
            return c;
    }
    if (strlen(text) >= TEXT_MAX)
        return NULL;
    if (ui->cached == TEXT_CACHE)
        cache_clear(ui);
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, text, colour);
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(ui->renderer, s);
    CachedText *c = &ui->cache[ui->cached];
    c->w = s->w;
    c->h = s->h;
    SDL_FreeSurface(s);
    if (!t)
        return NULL;
    snprintf(c->text, sizeof c->text, "%s", text);
    c->font = font;
    c->colour = colour;
    c->texture = t;
    ui->cached++;
    return c;
}

static int text_width(TTF_Font *font, const char *text)
{
    int w = 0;
    return TTF_SizeUTF8(font, text, &w, NULL) == 0 ? w : 0;
}

int ui_text_width(Ui *ui, UiFont font, const char *text)
{
    return text_width(ui->fonts[font], text);
}

/* Shortens line (in place, a buffer of TEXT_MAX bytes) until it and an
 * ellipsis fit width w. */
static void ellipsise(TTF_Font *font, char *line, int w)
{
    size_t n = strlen(line), dots = sizeof "\u2026" - 1;
    if (n > TEXT_MAX - 1 - dots)
        n = TEXT_MAX - 1 - dots;
    for (;;) {
        while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80)
            n--; /* back to the start of a UTF-8 character */
        while (n > 0 && line[n - 1] == ' ')
            n--;
        memcpy(line + n, "\u2026", dots + 1);
        if (n == 0 || text_width(font, line) <= w)
            return;
        n--;
    }
}

/* Breaks text into at most max_lines lines no wider than w: at spaces and
 * newlines when wrap is set, else as one line. A line that still does not
 * fit, and the last line when text is left over, end in an ellipsis (then
 * *cut is set). Returns the number of lines. */
static int break_lines(TTF_Font *font, const char *text, int w, bool wrap, int max_lines,
                       char lines[][TEXT_MAX], bool *cut)
{
    int n = 0;
    const char *p = text;
    *cut = false;
    while (*p && n < max_lines) {
        char *line = lines[n];
        size_t len = 0;
        line[0] = '\0';
        bool last = n == max_lines - 1 || !wrap;
        /* Whole words while they fit (the first one always). */
        while (*p && *p != '\n') {
            const char *end = p;
            while (*end && *end != ' ' && *end != '\n')
                end++;
            size_t word = (size_t)(end - p), gap = len > 0;
            if (len + gap + word >= TEXT_MAX)
                break;
            char candidate[TEXT_MAX];
            snprintf(candidate, sizeof candidate, "%s%s%.*s", line, gap ? " " : "", (int)word, p);
            if (len > 0 && wrap && text_width(font, candidate) > w)
                break;
            memcpy(line, candidate, sizeof candidate);
            len += gap + word;
            p = end;
            while (*p == ' ' || (!wrap && *p == '\n'))
                p++;
        }
        if (*p == '\n')
            p++;
        if ((*p && last) || text_width(font, line) > w) {
            ellipsise(font, line, w);
            p += strlen(p);
            *cut = true;
        }
        n++;
    }
    return n;
}

/* Text laid out in a box: its lines, in which font, and how high. */
typedef struct Laid {
    char lines[TEXT_LINES][TEXT_MAX];
    int n, used, skip;
    TTF_Font *font;
} Laid;

/* Lays text out in box with font as ui_text_box says; returns whether it
 * all fits (nothing cut, no taller than the box). */
static bool lay_out(TTF_Font *font, const char *text, SDL_Rect box, int flags, Laid *out)
{
    int skip = TTF_FontLineSkip(font), height = TTF_FontHeight(font);
    int room = (box.h - height) / skip + 1;
    int max_lines = flags & UI_TEXT_WRAP ? (room < 1            ? 1
                                            : room < TEXT_LINES ? room
                                                                : TEXT_LINES)
                                         : 1;
    bool cut;
    out->font = font;
    out->skip = skip;
    out->n = break_lines(font, text, box.w, flags & UI_TEXT_WRAP, max_lines, out->lines, &cut);
    out->used = height + (out->n - 1) * skip;
    return !cut && out->used <= box.h;
}

/* The end of text that fits box after an ellipsis, laid out into *out (a
 * text being edited shows where it is typed). */
static void lay_out_tail(TTF_Font *font, const char *text, SDL_Rect box, int flags, Laid *out)
{
    size_t len = strlen(text), dots = sizeof "\u2026" - 1;
    char *tail = SDL_malloc(len + dots + 1);
    if (!tail) {
        lay_out(font, text, box, flags, out);
        return;
    }
    /* The fewest bytes cut from the front (at a character's start) that
     * leave a fitting tail. */
    size_t lo = 1, hi = len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, at = mid;
        while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
            at++;
        snprintf(tail, len + dots + 1, "\u2026%s", text + at);
        if (lay_out(font, tail, box, flags, out))
            hi = mid;
        else
            lo = mid + 1;
    }
    while (lo < len && ((unsigned char)text[lo] & 0xC0) == 0x80)
        lo++;
    snprintf(tail, len + dots + 1, "\u2026%s", text + lo);
    lay_out(font, tail, box, flags, out);
    SDL_free(tail);
}

/* Lays text out in box as ui_text_box draws it: at the text size where it
 * fits, else at the normal size, else one size smaller, else its start
 * at the normal size (or with UI_TEXT_TAIL its end at the text size).
 * Returns whether it all fits. */
static bool lay_out_box(Ui *ui, UiFont font, const char *text, SDL_Rect box, int flags, Laid *out)
{
    if (lay_out(ui->fonts[font], text, box, flags, out) ||
        lay_out(ui->normal[font], text, box, flags, out) ||
        (font > UI_FONT_SMALL && lay_out(ui->normal[font - 1], text, box, flags, out)))
        return true;
    if (flags & UI_TEXT_TAIL)
        lay_out_tail(ui->fonts[font], text, box, flags, out);
    else
        lay_out(ui->normal[font], text, box, flags, out);
    return false;
}

int ui_text_height(Ui *ui, UiFont font, const char *text, SDL_Rect box, int flags)
{
    if (!*text || box.w <= 0)
        return 0;
    Laid laid;
    lay_out_box(ui, font, text, box, flags, &laid);
    return laid.used;
}

int ui_text_box(Ui *ui, UiFont font, const char *text, SDL_Rect box, UiAlign align, int flags,
                SDL_Color colour)
{
    if (!*text || box.w <= 0)
        return 0;
    Laid laid;
    if (!lay_out_box(ui, font, text, box, flags, &laid) && ui->layout_log)
        layout_fault(ui, "\"%s\" is cut short in its box (%d,%d %dx%d)", text, box.x, box.y, box.w,
                     box.h);
    int y = flags & UI_TEXT_MIDDLE ? box.y + (box.h - laid.used) / 2 : box.y;
    SDL_Rect bounds = {box.x + box.w, y, 0, laid.used};
    int right = box.x;
    for (int i = 0; i < laid.n; i++) {
        CachedText *c = text_texture(ui, laid.font, laid.lines[i], colour);
        if (!c)
            continue;
        SDL_Rect dst = {align == UI_ALIGN_LEFT     ? box.x
                        : align == UI_ALIGN_CENTRE ? box.x + (box.w - c->w) / 2
                                                   : box.x + box.w - c->w,
                        y + i * laid.skip, c->w, c->h};
        SDL_RenderCopy(ui->renderer, c->texture, NULL, &dst);
        bounds.x = dst.x < bounds.x ? dst.x : bounds.x;
        right = dst.x + dst.w > right ? dst.x + dst.w : right;
    }
    bounds.w = right > bounds.x ? right - bounds.x : 0;
    if (bounds.w > 0)
        layout_record(ui, box, bounds, text);
    return laid.used;
}

int ui_text(Ui *ui, UiFont font, const char *text, int x, int y, UiAlign align, SDL_Color colour)
{
    if (!*text)
        return 0;
    CachedText *c = text_texture(ui, ui->fonts[font], text, colour);
    if (!c)
        return 0;
    SDL_Rect dst = {x, y, c->w, c->h};
    if (align == UI_ALIGN_CENTRE)
        dst.x -= c->w / 2;
    else if (align == UI_ALIGN_RIGHT)
        dst.x -= c->w;
    SDL_RenderCopy(ui->renderer, c->texture, NULL, &dst);
    layout_record(ui, dst, dst, text);
    return c->w;
}

int ui_line_height(const Ui *ui, UiFont font)
{
    return TTF_FontLineSkip(ui->fonts[font]);
}

void ui_text_centred(Ui *ui, UiFont font, const char *text, SDL_Rect r, SDL_Color colour)
{
    ui_text_box(ui, font, text, r, UI_ALIGN_CENTRE, UI_TEXT_MIDDLE, colour);
}

int ui_text_panel(Ui *ui, UiFont font, const char *text, SDL_Rect room, SDL_Color fill)
{
    int pad = ui_mm(ui, 3.0f);
    SDL_Rect inner = {room.x + pad, room.y + pad, room.w - 2 * pad, room.h - 2 * pad};
    if (!*text || inner.w <= 0 || inner.h <= 0)
        return 0;
    inner.h = ui_text_height(ui, font, text, inner, UI_TEXT_WRAP);
    SDL_Rect card = {room.x, room.y, room.w, inner.h + 2 * pad};
    ui_fill_rounded(ui, card, ui_mm(ui, 2.0f), fill);
    ui_text_box(ui, font, text, inner, UI_ALIGN_LEFT, UI_TEXT_WRAP, ui_text_colour);
    return card.h;
}

void ui_layout_box(Ui *ui, SDL_Rect box, const char *what)
{
    layout_record(ui, box, box, what);
}

UiStyleColours ui_style_colours(UiStyle style)
{
    switch (style) {
    case UI_STYLE_PRIMARY:
        return (UiStyleColours){ui_accent, ui_accent, white};
    case UI_STYLE_SELECTED:
        /* A selected segment differs from the pale unselected ones and from
         * the background by at least 3:1 (WCAG 2.1, 1.4.11); its check mark
         * says the same without colour. */
        return (UiStyleColours){ui_accent, ui_accent, white};
    case UI_STYLE_SECONDARY:
        return (UiStyleColours){ui_accent, panel, ui_text_colour};
    case UI_STYLE_ANSWER:
        break;
    }
    return (UiStyleColours){outline, panel, ui_text_colour};
}

/* A check mark filling box, the selected state's cue besides its colour. */
static void draw_check(Ui *ui, SDL_Rect box, SDL_Color c)
{
    float thick = (float)ui_mm(ui, 0.7f) < 2.0f ? 2.0f : (float)ui_mm(ui, 0.7f);
    float x = (float)box.x, y = (float)box.y, w = (float)box.w, h = (float)box.h;
    ui_line(ui, x, y + 0.55f * h, x + 0.38f * w, y + h, thick, c);
    ui_line(ui, x + 0.38f * w, y + h, x + w, y, thick, c);
}

/* A selected button's label with a check mark before it, or in a button
 * too narrow for both (the digits of a rating) inside a ring of the label's
 * colour. */
static void draw_selected_label(Ui *ui, SDL_Rect r, SDL_Rect inner, int radius, const char *label,
                                UiFont font, SDL_Color fill, SDL_Color c)
{
    int check_w = ui_mm(ui, 3.6f), check_h = ui_mm(ui, 2.8f), gap = ui_mm(ui, 1.6f);
    int pad = ui_mm(ui, 1.5f), label_w = ui_text_width(ui, font, label);
    if (check_w + gap + label_w <= inner.w - 2 * pad) {
        int x = r.x + (r.w - check_w - gap - label_w) / 2, text_x = x + check_w + gap;
        draw_check(ui, (SDL_Rect){x, r.y + (r.h - check_h) / 2, check_w, check_h}, c);
        ui_text_box(ui, font, label, (SDL_Rect){text_x, r.y, inner.x + inner.w - pad - text_x, r.h},
                    UI_ALIGN_LEFT, UI_TEXT_MIDDLE, c);
        return;
    }
    int inset = ui_mm(ui, 0.5f), ring = ui_mm(ui, 0.45f) < 2 ? 2 : ui_mm(ui, 0.45f);
    SDL_Rect outer = {inner.x + inset, inner.y + inset, inner.w - 2 * inset, inner.h - 2 * inset};
    SDL_Rect hole = {outer.x + ring, outer.y + ring, outer.w - 2 * ring, outer.h - 2 * ring};
    ui_fill_rounded(ui, outer, SDL_max(radius - inset, 0), c);
    ui_fill_rounded(ui, hole, SDL_max(radius - inset - ring, 0), fill);
    ui_text_centred(ui, font, label, r, c);
}

void ui_button(Ui *ui, SDL_Rect r, const char *label, UiFont font, UiStyle style)
{
    int radius = ui_mm(ui, 3.0f);
    int border = ui_mm(ui, 0.6f) < 2 ? 2 : ui_mm(ui, 0.6f);
    SDL_Rect inner = {r.x + border, r.y + border, r.w - 2 * border, r.h - 2 * border};
    UiStyleColours c = ui_style_colours(style);
    ui_fill_rounded(ui, r, radius, c.outline);
    ui_fill_rounded(ui, inner, radius - border, c.fill);
    if (style == UI_STYLE_SELECTED)
        draw_selected_label(ui, r, inner, radius - border, label, font, c.fill, c.label);
    else
        ui_text_centred(ui, font, label, r, c.label);
}

void ui_line(Ui *ui, float x0, float y0, float x1, float y1, float width, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len <= 0.0f)
        return;
    float nx = -dy / len * width / 2.0f, ny = dx / len * width / 2.0f;
    SDL_Vertex v[4] = {
        {{x0 + nx, y0 + ny}, c, {0, 0}},
        {{x1 + nx, y1 + ny}, c, {0, 0}},
        {{x1 - nx, y1 - ny}, c, {0, 0}},
        {{x0 - nx, y0 - ny}, c, {0, 0}},
    };
    const int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(ui->renderer, NULL, v, 4, idx, 6);
}

bool ui_hit(SDL_Rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

UiInput ui_translate(Ui *ui, const SDL_Event *e)
{
    UiInput in = {.kind = UI_INPUT_NONE, .ms = e->common.timestamp};
    switch (e->type) {
    case SDL_QUIT:
        in.kind = UI_INPUT_QUIT;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_EXPOSED ||
            e->window.event == SDL_WINDOWEVENT_RESTORED) {
            char err[256];
            /* On failure the previous fonts stay in use: text keeps its old size. */
            ui_refresh(ui, err, sizeof err);
            in.kind = UI_INPUT_REDRAW;
        }
        break;
    case SDL_RENDER_TARGETS_RESET:
        in.kind = UI_INPUT_REDRAW;
        break;
    case SDL_MOUSEBUTTONDOWN: {
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            break; /* a touch already reported as a finger, or not the main button */
        int win_w = 1, win_h = 1;
        SDL_GetWindowSize(ui->window, &win_w, &win_h);
        in.kind = UI_INPUT_PRESS;
        in.device = INPUT_MOUSE;
        in.x = (int)((long)e->button.x * ui->out_w / (win_w > 0 ? win_w : 1));
        in.y = (int)((long)e->button.y * ui->out_h / (win_h > 0 ? win_h : 1));
        break;
    }
    case SDL_FINGERDOWN:
        in.kind = UI_INPUT_PRESS;
        in.device = INPUT_TOUCH;
        in.x = (int)(e->tfinger.x * (float)ui->out_w);
        in.y = (int)(e->tfinger.y * (float)ui->out_h);
        break;
    case SDL_KEYDOWN:
        if (e->key.repeat)
            break;
        in.kind = UI_INPUT_KEY;
        in.device = INPUT_KEY;
        in.key = e->key.keysym.sym;
        break;
    case SDL_TEXTINPUT:
        in.kind = UI_INPUT_TEXT;
        SDL_memcpy(in.text, e->text.text, sizeof in.text);
        in.text[sizeof in.text - 1] = '\0';
        break;
    default:
        break;
    }
    return in;
}
