/* Who is practising: one big button per profile, with the date of its last
 * practice, when the device has more than one; the therapist's patient
 * switcher too. The therapist adds and imports profiles behind the PIN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenes.h"

#define PICKER_MAX 12

typedef struct PickerScreen {
    AppContext *app;
    StoreProfile *profiles;
    size_t n;
    SDL_Rect button[PICKER_MAX];
    char last[PICKER_MAX][48]; /* "Last practice 2026-11-28" */
    int title_y;
} PickerScreen;

static void relayout(void *state)
{
    PickerScreen *screen = state;
    Ui *ui = screen->app->ui;
    int w = ui_width(ui), h = ui_height(ui);
    int margin = ui_mm(ui, 6.0f), gap = ui_mm(ui, 4.0f);
    int shown = (int)(screen->n < PICKER_MAX ? screen->n : PICKER_MAX);
    int columns = shown > 4 && w > h ? 2 : 1;
    int rows = (shown + columns - 1) / columns;
    int width = (int)SDL_min(w - 2 * margin, ui_mm(ui, 100.0f) * columns + gap * (columns - 1));
    int top = margin + ui_line_height(ui, UI_FONT_TITLE) + ui_mm(ui, 6.0f);
    int bh =
        (int)SDL_min(ui_mm(ui, 20.0f), (h - top - margin - (rows - 1) * gap) / SDL_max(rows, 1));
    int bw = (width - (columns - 1) * gap) / columns;
    int left = (w - width) / 2;
    screen->title_y = margin;
    for (int i = 0; i < shown; i++)
        screen->button[i] =
            (SDL_Rect){left + (i / rows) * (bw + gap), top + (i % rows) * (bh + gap), bw, bh};
}

static void draw_picker(void *state)
{
    PickerScreen *screen = state;
    Ui *ui = screen->app->ui;
    ui_clear(ui);
    ui_text(ui, UI_FONT_TITLE, "Who is practising?", ui_width(ui) / 2, screen->title_y,
            UI_ALIGN_CENTRE, ui_text_colour);
    int name_h = ui_line_height(ui, UI_FONT_HEADING), last_h = ui_line_height(ui, UI_FONT_SMALL);
    for (size_t i = 0; i < screen->n && i < PICKER_MAX; i++) {
        SDL_Rect r = screen->button[i];
        bool current = screen->profiles[i].id == screen->app->profile.id;
        SDL_Color colour = current ? (SDL_Color){255, 255, 255, 255} : ui_text_colour;
        ui_button(ui, r, "", UI_FONT_HEADING, current ? UI_STYLE_PRIMARY : UI_STYLE_SECONDARY);
        int top = r.y + (r.h - name_h - last_h) / 2;
        ui_text(ui, UI_FONT_HEADING, screen->profiles[i].name, r.x + r.w / 2, top, UI_ALIGN_CENTRE,
                colour);
        ui_text(ui, UI_FONT_SMALL, screen->last[i], r.x + r.w / 2, top + name_h, UI_ALIGN_CENTRE,
                colour);
    }
}

SceneId scene_profiles(AppContext *app)
{
    PickerScreen screen = {.app = app};
    if (store_profile_list(app->store, &screen.profiles, &screen.n) || screen.n == 0) {
        snprintf(app->notice, sizeof app->notice, "The profiles could not be read: %s",
                 store_errmsg(app->store));
        return SCENE_HOME;
    }
    for (size_t i = 0; i < screen.n && i < PICKER_MAX; i++) {
        char day[PROGRESS_DATE_MAX] = "";
        store_last_date(app->store, screen.profiles[i].id, day);
        snprintf(screen.last[i], sizeof screen.last[i], "%s%s",
                 day[0] ? "Last practice " : "No practice yet", day);
    }
    SceneScreen view = scene_screen(app->ui, &screen, relayout, draw_picker);
    SceneId next = SCENE_QUIT;
    for (bool chosen = false; !chosen;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT)
            break;
        for (size_t i = 0; in.kind == UI_INPUT_PRESS && i < screen.n && i < PICKER_MAX; i++)
            if (ui_hit(screen.button[i], in.x, in.y)) {
                scene_open_profile(app, &screen.profiles[i]);
                next = app->therapist ? SCENE_THERAPIST : SCENE_HOME;
                chosen = true;
            }
    }
    free(screen.profiles);
    return next;
}
