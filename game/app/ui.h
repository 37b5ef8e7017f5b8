/* The window, renderer, fonts and drawing helpers shared by all scenes.
 *
 * Sizes are given in millimetres of a screen 150 mm wide and 140 mm tall
 * (about a 10-inch tablet's height), scaled so that this fills the window's
 * width or height, whichever is the limit. Layout is recomputed whenever the
 * window size changes. */
#ifndef GMI_UI_H
#define GMI_UI_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "trial.h"

typedef struct Ui Ui;

typedef enum UiFont {
    UI_FONT_SMALL,
    UI_FONT_BODY,
    UI_FONT_HEADING,
    UI_FONT_TITLE,
    UI_FONT_COUNT
} UiFont;

typedef enum UiAlign { UI_ALIGN_LEFT, UI_ALIGN_CENTRE, UI_ALIGN_RIGHT } UiAlign;

typedef enum UiStyle {
    UI_STYLE_PRIMARY,   /* the one main action: filled accent */
    UI_STYLE_SECONDARY, /* other actions: light fill, accent outline */
    UI_STYLE_SELECTED,  /* the chosen segment of a choice row, tab or rating: filled dark,
                           with a check mark before its label, or a ring inside its edge
                           where the label leaves no room for one */
    UI_STYLE_ANSWER     /* the Left and Right answer buttons */
} UiStyle;

/* The calm palette (design notes: low saturation, one accent, no red). */
extern const SDL_Color ui_background;
extern const SDL_Color ui_text_colour;
extern const SDL_Color ui_muted_colour;
extern const SDL_Color ui_accent;
extern const SDL_Color ui_good; /* the green-blue mark of a right answer */

typedef struct UiConfig {
    const char *title;
    bool fullscreen;
    int width, height;        /* largest window size when not fullscreen */
    const char *font_regular; /* paths of the TTF files */
    const char *font_bold;
} UiConfig;

/* Opens the window and renderer and loads the fonts into memory. Requires
 * SDL video and SDL_ttf to be initialised. Draws with SDL's software
 * renderer, loading no OpenGL library, where the machine has no GPU render
 * node (/dev/dri/renderD*), else with an accelerated renderer;
 * GMI_RENDERER=software or GMI_RENDERER=gpu in the environment forces the
 * choice. Returns NULL with a message. */
Ui *ui_create(const UiConfig *config, char *err, size_t errlen);

/* Closes the window; NULL is allowed. */
void ui_destroy(Ui *ui);

/* Names the screen shown in the window title ("GMI Trainer: Progress"), as
 * a desktop does with any window and as the screenshot script checks before
 * it captures; NULL leaves the plain title. Cheap to call on every frame. */
void ui_name_screen(Ui *ui, const char *screen);

SDL_Renderer *ui_renderer(Ui *ui);
SDL_Window *ui_window(Ui *ui);

/* Re-reads the output size; reopens fonts if the scale changed.
 * Returns -1 with a message if a font cannot be opened. */
int ui_refresh(Ui *ui, char *err, size_t errlen);

#define UI_TEXT_SCALE_MAX 150

/* Sets the size of every text to percent (100..UI_TEXT_SCALE_MAX) of the
 * normal size, for patients with poor sight, reopening the fonts; line
 * heights (and the layouts made from them) grow with it. A text that does
 * not fit its box at that size is drawn at the normal size (ui_text_box).
 * Returns -1 with a message when percent is out of range or a font cannot
 * be opened: the text size stays as it was. */
int ui_set_text_scale(Ui *ui, int percent, char *err, size_t errlen);

int ui_width(const Ui *ui);
int ui_height(const Ui *ui);

/* Pixels for a length in millimetres at the current scale. */
int ui_mm(const Ui *ui, float mm);

/* Fills the window with the background colour. */
void ui_clear(Ui *ui);

void ui_fill_rounded(Ui *ui, SDL_Rect r, int radius, SDL_Color colour);

/* How ui_text_box lays text out: on as many lines as the box holds
 * (breaking at spaces and newlines) rather than one, centred in the box's
 * height rather than from its top, and, when it does not fit, its end
 * shown after an ellipsis rather than its start (a text being typed). */
enum { UI_TEXT_WRAP = 1, UI_TEXT_MIDDLE = 2, UI_TEXT_TAIL = 4 };

/* Draws text inside box, aligned within its width: one line, or with
 * UI_TEXT_WRAP as many as fit its height. Text that does not fit at the
 * text size (ui_set_text_scale) is drawn at the normal size, else at the
 * normal size of the next smaller font; text that does not fit at any of
 * them ends in an ellipsis (or with UI_TEXT_TAIL starts with one), so
 * nothing is ever drawn outside the box. Returns the height
 * used. With GMI_LAYOUT_LOG=FILE in the environment, every frame's texts
 * are checked (each inside its box and the window, no two boxes
 * overlapping) and each fault is appended to FILE once, naming the screen
 * and the window size. */
int ui_text_box(Ui *ui, UiFont font, const char *text, SDL_Rect box, UiAlign align, int flags,
                SDL_Color colour);

/* The height ui_text_box would use to draw text in box, drawing nothing. */
int ui_text_height(Ui *ui, UiFont font, const char *text, SDL_Rect box, int flags);

/* Draws text with its top at y, aligned about x. Returns the text width. */
int ui_text(Ui *ui, UiFont font, const char *text, int x, int y, UiAlign align, SDL_Color colour);

/* Width of text on one line in the font, in pixels. */
int ui_text_width(Ui *ui, UiFont font, const char *text);

/* Height of a line of the font in pixels. */
int ui_line_height(const Ui *ui, UiFont font);

/* Draws text centred in r. */
void ui_text_centred(Ui *ui, UiFont font, const char *text, SDL_Rect r, SDL_Color colour);

/* Draws text wrapped on a rounded panel of colour fill at the top of room,
 * as tall as the text needs and never taller than room (the text then as
 * ui_text_box fits it); returns the panel's height (0 without text). */
int ui_text_panel(Ui *ui, UiFont font, const char *text, SDL_Rect room, SDL_Color fill);

/* Enters box, where something other than text is drawn (a picture), in
 * the layout check of the frame being drawn (GMI_LAYOUT_LOG, see
 * ui_text_box): it must lie inside the window and no text box may overlap
 * it. what names it in a fault. Draws nothing. */
void ui_layout_box(Ui *ui, SDL_Rect box, const char *what);

/* The colours a button of a style is drawn in: its outline, the fill inside
 * it, and its label (and a selected button's check mark). */
typedef struct UiStyleColours {
    SDL_Color outline, fill, label;
} UiStyleColours;

UiStyleColours ui_style_colours(UiStyle style);

/* Draws a button with its label centred. */
void ui_button(Ui *ui, SDL_Rect r, const char *label, UiFont font, UiStyle style);

/* Draws a line width pixels thick (any direction, antialiased edges
 * aside). */
void ui_line(Ui *ui, float x0, float y0, float x1, float y1, float width, SDL_Color c);

bool ui_hit(SDL_Rect r, int x, int y);

/* Input reduced to what scenes need. */
typedef enum UiInputKind {
    UI_INPUT_NONE,
    UI_INPUT_PRESS,  /* a finger, pen or mouse button went down at x, y */
    UI_INPUT_KEY,    /* a key went down (not a repeat) */
    UI_INPUT_TEXT,   /* text was typed (while SDL's text input is on) */
    UI_INPUT_REDRAW, /* the window was resized, rotated or exposed */
    UI_INPUT_QUIT    /* the window is closing */
} UiInputKind;

typedef struct UiInput {
    UiInputKind kind;
    int x, y;                                /* PRESS: in renderer output pixels */
    SDL_Keycode key;                         /* KEY */
    InputDevice device;                      /* PRESS and KEY */
    char text[SDL_TEXTINPUTEVENT_TEXT_SIZE]; /* TEXT: UTF-8, NUL-terminated */
    Uint32 ms; /* when SDL queued the event (SDL_GetTicks), not a response time */
} UiInput;

/* Translates an SDL event. A touch is reported once, as a touch: the mouse
 * events SDL synthesises for it are dropped. */
UiInput ui_translate(Ui *ui, const SDL_Event *event);

#endif
