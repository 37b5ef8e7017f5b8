/* The optional ratings around a session: pain (0-10) before it, and after
 * it pain again and, after imagined movements, how vivid the imagining was
 * (1-5). Every rating can be skipped; nothing is asked twice. */
#include <stdio.h>

#include "layout.h"
#include "scenes.h"

enum { PAIN_CHOICES = 11, VIVID_CHOICES = 5 };

typedef struct PainScreen {
    AppContext *app;
    bool after;
    bool vivid; /* also ask about vividness */
    int rows;
    FormLayout layout;
    int pain;      /* chosen, or -1 */
    int vividness; /* chosen, or -1 */
} PainScreen;

static void relayout(void *state)
{
    PainScreen *screen = state;
    const int choices[2] = {PAIN_CHOICES, VIVID_CHOICES};
    FormSpec spec = {.rows = screen->rows,
                     .choices = choices,
                     .bar_buttons = screen->after ? 0 : 1,
                     .title = true,
                     .stacked = true,
                     .actions = true};
    screen->layout = layout_form(screen->app->ui, &spec);
}

static void draw_pain(void *state)
{
    PainScreen *screen = state;
    Ui *ui = screen->app->ui;
    const FormLayout *l = &screen->layout;
    ui_clear(ui);
    static const char *const practices[3] = {"Before left or right pictures",
                                             "Before imagined movements", "Before mirror therapy"};
    const char *title = !screen->after      ? practices[screen->app->mode]
                        : screen->app->hurt ? "You stopped because it hurt. Rest now."
                                            : "Before you go";
    ui_text_box(ui, UI_FONT_HEADING, title,
                (SDL_Rect){l->left, l->title_y, l->width, ui_line_height(ui, UI_FONT_HEADING)},
                UI_ALIGN_LEFT, 0, ui_text_colour);
    if (!screen->after)
        ui_button(ui, l->bar_button[0], "Back", UI_FONT_BODY, UI_STYLE_SECONDARY);
    scene_draw_rating(ui, l, 0,
                      &(SceneRating){"How much pain do you feel right now?", PAIN_CHOICES, 0,
                                     "No pain", "Worst pain imaginable"},
                      screen->pain);
    if (screen->vivid)
        scene_draw_rating(ui, l, 1,
                          &(SceneRating){"How clearly could you imagine the movements?",
                                         VIVID_CHOICES, 1, "Not at all", "Very clearly"},
                          screen->vividness);
    ui_button(ui, l->secondary, "Skip", UI_FONT_HEADING, UI_STYLE_SECONDARY);
    ui_button(ui, l->primary, screen->after ? "Done" : "Start", UI_FONT_HEADING, UI_STYLE_PRIMARY);
}

/* Where the session goes from here. */
static SceneId next_scene(PainScreen *screen)
{
    AppContext *app = screen->app;
    if (!screen->after) {
        app->pain_before = screen->pain;
        return scene_for_mode(app->mode);
    }
    if ((screen->pain >= 0 || screen->vividness >= 0) &&
        store_session_rate(app->store, app->session_id, screen->pain, screen->vividness))
        snprintf(app->notice, sizeof app->notice, "Your rating could not be saved: %s",
                 store_errmsg(app->store));
    return app->mode == MODE_DRILL && app->results ? SCENE_RESULTS : SCENE_HOME;
}

SceneId scene_pain(AppContext *app, bool after)
{
    /* Skipped entirely when the therapist turned the ratings off; the
     * vividness question after imagery is always offered. */
    bool vivid = after && app->mode == MODE_IMAGERY;
    PainScreen screen = {.app = app,
                         .after = after,
                         .vivid = vivid,
                         .rows = vivid ? 2 : 1,
                         .pain = -1,
                         .vividness = -1};
    if (!app->prescription.ask_pain && !vivid)
        return next_scene(&screen);
    SceneScreen view = scene_screen(app->ui, &screen, relayout, draw_pain);
    const FormLayout *l = &screen.layout;
    for (;;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT) {
            next_scene(&screen);
            return SCENE_QUIT;
        }
        if (scene_key(&in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(&in, l->primary))
            return next_scene(&screen);
        /* Before a session, Back (or Escape) goes home with nothing begun. */
        if (!after &&
            (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE) || scene_pressed(&in, l->bar_button[0])))
            return SCENE_HOME;
        if (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE) || scene_pressed(&in, l->secondary)) {
            screen.pain = screen.vividness = -1;
            return next_scene(&screen);
        }
        /* Digits choose a pain rating of 0-9 without a touch screen. */
        if (in.kind == UI_INPUT_KEY && in.key >= SDLK_0 && in.key <= SDLK_9)
            screen.pain = (int)(in.key - SDLK_0);
        for (int c = 0; in.kind == UI_INPUT_PRESS && c < PAIN_CHOICES; c++)
            if (ui_hit(l->choice[0][c], in.x, in.y))
                screen.pain = c;
        for (int c = 0; in.kind == UI_INPUT_PRESS && vivid && c < VIVID_CHOICES; c++)
            if (ui_hit(l->choice[1][c], in.x, in.y))
                screen.vividness = c + 1;
        view.redraw = true;
    }
}
