/* The results of the drill just finished: a few words (results.h), then
 * accuracy and median response time overall, for left and right pictures,
 * and for hands and feet, each beside the last comparable session's figure,
 * with the targets. Sources and timing details are on the therapist's
 * screens, not here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "results.h"
#include "scenes.h"

typedef struct Figures {
    Summary now[STATS_GROUPS];
    Summary before[STATS_GROUPS];
    bool has_before;
    bool stopped_early;
} Figures;

/* The rows: every picture, each side, and each body part shown. */
static const char *const group_names[STATS_GROUPS] = {
    "All pictures", "Left pictures", "Right pictures", "Hands", "Feet", "Knees", "Shoulders",
    "Neck",         "Back"};

static void format_accuracy(char *buf, size_t cap, const Summary *s)
{
    if (s->trials == 0)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%.0f %%", s->accuracy_pct);
}

static void format_time(char *buf, size_t cap, const Summary *s)
{
    if (s->median_rt_ms < 0)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%.1f s", s->median_rt_ms / 1000.0);
}

typedef struct ResultsScreen {
    AppContext *app;
    ResultsLayout layout;
    Figures figures;
} ResultsScreen;

static void relayout(void *state)
{
    ResultsScreen *screen = state;
    screen->layout = layout_results(screen->app->ui);
}

/* Draws text in column c of the table, one line at y. */
static void cell(Ui *ui, const ResultsLayout *l, UiFont font, const char *text, int c, int y,
                 SDL_Color colour)
{
    int end = c < 4 ? l->col[c + 1] - ui_mm(ui, 1.0f) : l->left + l->width;
    ui_text_box(ui, font, text, (SDL_Rect){l->col[c], y, end - l->col[c], ui_line_height(ui, font)},
                UI_ALIGN_LEFT, 0, colour);
}

static void draw_results(void *state)
{
    const ResultsScreen *screen = state;
    AppContext *app = screen->app;
    const ResultsLayout *l = &screen->layout;
    const Figures *f = &screen->figures;
    Ui *ui = app->ui;
    ui_clear(ui);
    const Norms *n = app->norms;
    ResultsWords words;
    results_words(&(ResultsInput){.now = &f->now[STATS_ALL],
                                  .before = f->has_before ? &f->before[STATS_ALL] : NULL,
                                  .stopped_early = f->stopped_early,
                                  .norms = n,
                                  .parts = app->settings.limbs},
                  &words);
    ui_text_box(ui, UI_FONT_HEADING, words.heading, l->title, UI_ALIGN_LEFT, UI_TEXT_MIDDLE,
                ui_text_colour);
    int body = ui_line_height(ui, UI_FONT_BODY), small = ui_line_height(ui, UI_FONT_SMALL);
    for (int i = 0; i < words.nlines; i++)
        ui_text_box(ui, UI_FONT_BODY, words.lines[i],
                    (SDL_Rect){l->left, l->subtitle_y + i * body, l->width, body}, UI_ALIGN_LEFT, 0,
                    i == 0 ? ui_text_colour : ui_muted_colour);
    int y = l->table_y;
    /* The headings span their figure and its last time. */
    ui_text_box(ui, UI_FONT_SMALL, "Right answers",
                (SDL_Rect){l->col[1], y, l->col[3] - l->col[1] - ui_mm(ui, 1.0f), small},
                UI_ALIGN_LEFT, 0, ui_muted_colour);
    ui_text_box(ui, UI_FONT_SMALL, "Median time",
                (SDL_Rect){l->col[3], y, l->left + l->width - l->col[3], small}, UI_ALIGN_LEFT, 0,
                ui_muted_colour);
    y += small;
    if (f->has_before) {
        cell(ui, l, UI_FONT_SMALL, "last time", 2, y, ui_muted_colour);
        cell(ui, l, UI_FONT_SMALL, "last time", 4, y, ui_muted_colour);
        y += small;
    }
    for (int g = 0; g < STATS_GROUPS; g++) {
        const Summary *s = &f->now[g];
        if (s->trials == 0)
            continue;
        const Summary *b = &f->before[g];
        char text[4][32];
        format_accuracy(text[0], sizeof text[0], s);
        format_accuracy(text[1], sizeof text[1], b);
        format_time(text[2], sizeof text[2], s);
        format_time(text[3], sizeof text[3], b);
        UiFont font = g == STATS_ALL ? UI_FONT_HEADING : UI_FONT_BODY;
        int body_y = y + (l->row_h - body) / 2;
        int value_y = y + (l->row_h - ui_line_height(ui, font)) / 2;
        cell(ui, l, UI_FONT_BODY, group_names[g], 0, body_y, ui_text_colour);
        cell(ui, l, font, text[0], 1, value_y, ui_text_colour);
        cell(ui, l, font, text[2], 3, value_y, ui_text_colour);
        if (f->has_before) {
            cell(ui, l, UI_FONT_BODY, b->trials ? text[1] : "-", 2, body_y, ui_muted_colour);
            cell(ui, l, UI_FONT_BODY, b->trials ? text[3] : "-", 4, body_y, ui_muted_colour);
        }
        y += l->row_h;
    }
    y += ui_mm(ui, 3.0f);
    char line[160], aim[48];
    norms_band_words(n, app->settings.limbs, aim, sizeof aim);
    snprintf(line, sizeof line, "Aim: %.0f %% or more right, %s a picture", n->accuracy_min_pct,
             aim);
    /* A notice (the answers not saved, say) first; the aim where there is
     * room left for it (not always at the largest text size). */
    int notice_h = scene_draw_notice(ui, app->notice, l->left, y, l->width);
    y += notice_h ? notice_h + ui_mm(ui, 2.0f) : 0;
    int room = ui_height(ui) - ui_mm(ui, 3.0f) - y;
    if (room >= small)
        ui_text_box(ui, UI_FONT_SMALL, line,
                    (SDL_Rect){l->left, y, l->width, room < 2 * small ? small : 2 * small},
                    UI_ALIGN_LEFT, UI_TEXT_WRAP, ui_muted_colour);
    ui_button(ui, l->again, "Again", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->done, "Done", UI_FONT_BODY, UI_STYLE_PRIMARY);
}

/* Reads and summarises a session; on failure leaves a message in app->notice. */
static int summarise_session(AppContext *app, int64_t session_id, Summary out[STATS_GROUPS])
{
    TrialOutcome *t;
    size_t n;
    if (store_session_outcomes(app->store, session_id, &t, &n)) {
        snprintf(app->notice, sizeof app->notice, "Your results could not be read: %s",
                 store_errmsg(app->store));
        return -1;
    }
    int rc = 0;
    for (int g = 0; g < STATS_GROUPS && rc == 0; g++)
        rc = stats_summarise(t, n, (StatsGroup)g, &out[g]);
    free(t);
    if (rc)
        snprintf(app->notice, sizeof app->notice,
                 "Your results could not be worked out: out of memory");
    return rc;
}

static void load_figures(AppContext *app, Figures *f, bool stopped_early)
{
    memset(f, 0, sizeof *f);
    f->stopped_early = stopped_early;
    int64_t previous = 0;
    if (summarise_session(app, app->session_id, f->now))
        return;
    if (store_previous_session(app->store, app->profile.id, app->session_id, &previous,
                               &f->has_before)) {
        snprintf(app->notice, sizeof app->notice, "Your results could not be read: %s",
                 store_errmsg(app->store));
        return;
    }
    if (f->has_before)
        summarise_session(app, previous, f->before);
}

SceneId scene_results(AppContext *app)
{
    ResultsScreen screen = {.app = app};
    load_figures(app, &screen.figures, app->stopped_early);
    SceneScreen view = scene_screen(app->ui, &screen, relayout, draw_results);
    for (;;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT)
            return SCENE_QUIT;
        if (scene_pressed(&in, screen.layout.again))
            return SCENE_DRILL;
        if (scene_key(&in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(&in, screen.layout.done))
            return SCENE_HOME;
    }
}
