/* Who is practising: one big button per profile, with the date of its last
 * practice, when the device has more than one; the therapist's patient
 * switcher too. The therapist adds, imports and archives profiles behind
 * the PIN; an archived one is listed only when the therapist asks for the
 * archived ones here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenes.h"

#define PICKER_MAX 12

typedef struct PickerScreen {
    AppContext *app;
    StoreProfile *profiles;
    size_t n;
    bool archived;             /* listing the archived profiles */
    size_t archived_n;         /* how many there are */
    size_t shown[PICKER_MAX];  /* the profiles listed, by index */
    char last[PICKER_MAX][48]; /* theirs: "Last practice 2026-11-28" */
    int nshown;
    bool toggle; /* a last button switches between the two lists */
    char toggle_label[40];
    SDL_Rect button[PICKER_MAX + 1]; /* the profiles', then the toggle's */
    int title_y;
} PickerScreen;

/* Picks the profiles of the list shown and says whether the therapist may
 * switch lists. */
static void pick(PickerScreen *screen)
{
    screen->nshown = 0;
    screen->archived_n = 0;
    for (size_t i = 0; i < screen->n; i++) {
        screen->archived_n += screen->profiles[i].archived;
        if (screen->profiles[i].archived != screen->archived || screen->nshown == PICKER_MAX)
            continue;
        char day[PROGRESS_DATE_MAX] = "";
        store_last_date(screen->app->store, screen->profiles[i].id, day);
        snprintf(screen->last[screen->nshown], sizeof screen->last[0], "%s%s",
                 day[0] ? "Last practice " : "No practice yet", day);
        screen->shown[screen->nshown++] = i;
    }
    screen->toggle = screen->app->therapist && (screen->archived || screen->archived_n > 0);
    if (screen->archived)
        snprintf(screen->toggle_label, sizeof screen->toggle_label, "Current patients");
    else
        snprintf(screen->toggle_label, sizeof screen->toggle_label, "Archived (%zu)",
                 screen->archived_n);
}

static void relayout(void *state)
{
    PickerScreen *screen = state;
    Ui *ui = screen->app->ui;
    int w = ui_width(ui), h = ui_height(ui);
    int margin = ui_mm(ui, 6.0f), gap = ui_mm(ui, 4.0f);
    int shown = screen->nshown + screen->toggle;
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
    int margin = ui_mm(ui, 6.0f);
    SDL_Rect title = {margin, screen->title_y, ui_width(ui) - 2 * margin,
                      ui_line_height(ui, UI_FONT_TITLE)};
    ui_text_box(ui, UI_FONT_TITLE, screen->archived ? "Archived patients" : "Who is practising?",
                title, UI_ALIGN_CENTRE, 0, ui_text_colour);
    int name_h = ui_line_height(ui, UI_FONT_HEADING), last_h = ui_line_height(ui, UI_FONT_SMALL);
    for (int i = 0; i < screen->nshown; i++) {
        const StoreProfile *p = &screen->profiles[screen->shown[i]];
        SDL_Rect r = screen->button[i];
        bool current = p->id == screen->app->profile.id;
        SDL_Color colour = current ? (SDL_Color){255, 255, 255, 255} : ui_text_colour;
        ui_button(ui, r, "", UI_FONT_HEADING, current ? UI_STYLE_PRIMARY : UI_STYLE_SECONDARY);
        int pad = ui_mm(ui, 3.0f), top = r.y + (r.h - name_h - last_h) / 2;
        ui_text_box(ui, UI_FONT_HEADING, p->name, (SDL_Rect){r.x + pad, top, r.w - 2 * pad, name_h},
                    UI_ALIGN_CENTRE, 0, colour);
        ui_text_box(ui, UI_FONT_SMALL, screen->last[i],
                    (SDL_Rect){r.x + pad, top + name_h, r.w - 2 * pad, last_h}, UI_ALIGN_CENTRE, 0,
                    colour);
    }
    if (screen->toggle)
        ui_button(ui, screen->button[screen->nshown], screen->toggle_label, UI_FONT_BODY,
                  UI_STYLE_SECONDARY);
}

SceneId scene_profiles(AppContext *app)
{
    PickerScreen screen = {.app = app};
    if (store_profile_list(app->store, &screen.profiles, &screen.n) || screen.n == 0) {
        snprintf(app->notice, sizeof app->notice, "The profiles could not be read: %s",
                 store_errmsg(app->store));
        return SCENE_HOME;
    }
    pick(&screen);
    SceneScreen view = scene_screen(app->ui, &screen, relayout, draw_picker);
    SceneId next = SCENE_QUIT;
    for (bool chosen = false; !chosen;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT)
            break;
        if (screen.toggle && scene_pressed(&in, screen.button[screen.nshown])) {
            screen.archived = !screen.archived;
            pick(&screen);
            relayout(&screen);
            view.redraw = true;
            continue;
        }
        for (int i = 0; in.kind == UI_INPUT_PRESS && i < screen.nshown; i++)
            if (ui_hit(screen.button[i], in.x, in.y)) {
                scene_open_profile(app, &screen.profiles[screen.shown[i]]);
                next = app->therapist ? SCENE_THERAPIST : SCENE_HOME;
                chosen = true;
            }
    }
    free(screen.profiles);
    return next;
}
