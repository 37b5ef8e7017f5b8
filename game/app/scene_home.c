/* The home screen: one big button to start today's drill, and the drill
 * settings, remembered per profile. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "scenes.h"

typedef struct Choice {
    const char *label;
    int value;
} Choice;

typedef struct RowSpec {
    const char *label;
    Choice choices[LAYOUT_MAX_CHOICES];
    int n;
} RowSpec;

static const RowSpec rows[LAYOUT_ROWS] = {
    [LAYOUT_ROW_LIMBS] = {"Show",
                          {{"Hands", LIMBS_HANDS}, {"Feet", LIMBS_FEET}, {"Both", LIMBS_BOTH}},
                          3},
    [LAYOUT_ROW_COUNT] = {"Pictures", {{"10", 10}, {"20", 20}, {"30", 30}, {"40", 40}}, 4},
    [LAYOUT_ROW_TIME] = {"Time each",
                         {{"3 s", 3000}, {"5 s", 5000}, {"10 s", 10000}, {"No limit", 0}},
                         4},
    [LAYOUT_ROW_LEVEL] = {"Level", {{"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}}, 4},
    [LAYOUT_ROW_FEEDBACK] = {"Feedback", {{"On", 1}, {"Off", 0}}, 2},
};

static const char *const level_hints[4] = {
    "Level 1: upright pictures",
    "Level 2: pictures turned at angles",
    "Level 3: unusual views and positions",
    "Level 4: hands and feet with objects",
};

static int current_value(const DrillSettings *s, LayoutRow row)
{
    switch (row) {
    case LAYOUT_ROW_LIMBS:
        return (int)s->limbs;
    case LAYOUT_ROW_COUNT:
        return s->count;
    case LAYOUT_ROW_TIME:
        return s->time_limit_ms;
    case LAYOUT_ROW_LEVEL:
        return s->level;
    case LAYOUT_ROW_FEEDBACK:
    case LAYOUT_ROWS:
        break;
    }
    return s->feedback ? 1 : 0;
}

static void set_value(DrillSettings *s, LayoutRow row, int value)
{
    switch (row) {
    case LAYOUT_ROW_LIMBS:
        s->limbs = (LimbSet)value;
        break;
    case LAYOUT_ROW_COUNT:
        s->count = value;
        break;
    case LAYOUT_ROW_TIME:
        s->time_limit_ms = value;
        break;
    case LAYOUT_ROW_LEVEL:
        s->level = value;
        break;
    case LAYOUT_ROW_FEEDBACK:
    case LAYOUT_ROWS:
        s->feedback = value != 0;
        break;
    }
}

void scene_home_draw(AppContext *app, const HomeLayout *l)
{
    Ui *ui = app->ui;
    ui_clear(ui);
    int text_y = (l->bar.h - ui_line_height(ui, UI_FONT_BODY)) / 2;
    ui_text(ui, UI_FONT_BODY, app->profile.name, l->start.x, text_y, UI_ALIGN_LEFT,
            ui_muted_colour);
    ui_button(ui, l->close, "Close", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->start, "Start today's drill", UI_FONT_TITLE, UI_STYLE_PRIMARY);
    int notice_h = scene_draw_notice(ui, app->notice, l->start.x, l->notice_y, l->start.w);
    if (notice_h > 0) {
        /* The message covers the settings until the next tap. */
        ui_text(ui, UI_FONT_SMALL, "Tap anywhere to go on", l->start.x + l->start.w / 2,
                l->notice_y + notice_h + ui_mm(ui, 3.0f), UI_ALIGN_CENTRE, ui_muted_colour);
        return;
    }
    for (int r = 0; r < LAYOUT_ROWS; r++) {
        const RowSpec *spec = &rows[r];
        SDL_Rect first = l->choice[r][0];
        ui_text(ui, UI_FONT_BODY, spec->label, l->label_x,
                first.y + (first.h - ui_line_height(ui, UI_FONT_BODY)) / 2, UI_ALIGN_LEFT,
                ui_text_colour);
        int value = current_value(&app->settings, (LayoutRow)r);
        for (int c = 0; c < spec->n; c++)
            ui_button(ui, l->choice[r][c], spec->choices[c].label, UI_FONT_BODY,
                      spec->choices[c].value == value ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    }
    if (app->settings.level >= 1 && app->settings.level <= 4)
        ui_text(ui, UI_FONT_SMALL, level_hints[app->settings.level - 1],
                l->choice[LAYOUT_ROW_LEVEL][0].x, l->hint_y, UI_ALIGN_LEFT, ui_muted_colour);
}

static void choose(AppContext *app, const HomeLayout *l, int x, int y)
{
    for (int r = 0; r < LAYOUT_ROWS; r++)
        for (int c = 0; c < rows[r].n; c++)
            if (ui_hit(l->choice[r][c], x, y)) {
                set_value(&app->settings, (LayoutRow)r, rows[r].choices[c].value);
                if (store_settings_save(app->store, app->profile.id, &app->settings))
                    snprintf(app->notice, sizeof app->notice,
                             "Your choice is used now but could not be remembered: %s",
                             store_errmsg(app->store));
                return;
            }
}

typedef struct HomeScreen {
    AppContext *app;
    HomeLayout layout;
} HomeScreen;

static void draw_home(void *state)
{
    HomeScreen *screen = state;
    scene_home_draw(screen->app, &screen->layout);
}

SceneId scene_home(AppContext *app)
{
    HomeScreen screen = {app, layout_home(app->ui)};
    HomeLayout *layout = &screen.layout;
    bool redraw = true;
    for (;;) {
        UiInput in = scene_next_input(app->ui, &redraw, draw_home, &screen);
        switch (in.kind) {
        case UI_INPUT_QUIT:
            return SCENE_QUIT;
        case UI_INPUT_REDRAW:
            *layout = layout_home(app->ui);
            redraw = true;
            break;
        case UI_INPUT_KEY:
            if (in.key == SDLK_RETURN || in.key == SDLK_KP_ENTER) {
                app->notice[0] = '\0';
                return SCENE_DRILL;
            }
            break;
        case UI_INPUT_PRESS:
            if (ui_hit(layout->start, in.x, in.y)) {
                app->notice[0] = '\0';
                return SCENE_DRILL;
            }
            if (ui_hit(layout->close, in.x, in.y))
                return SCENE_QUIT;
            /* A tap anywhere dismisses a message; a tap on a choice sets it. */
            if (app->notice[0])
                app->notice[0] = '\0';
            else
                choose(app, layout, in.x, in.y);
            redraw = true;
            break;
        case UI_INPUT_NONE:
            break;
        }
    }
}
