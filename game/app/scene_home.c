/* The patient's home screen: one big button for the next prescribed
 * session, how many of today's sessions are done, the last two weeks as a
 * calendar strip, and the kinds of practice (touch practice when it is
 * prescribed, with how many of its sessions are done today). The
 * prescription is the therapist's; the patient starts it here but changes
 * it only behind the PIN. */
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "scenes.h"
#include "timing.h"

typedef struct HomeScreen {
    AppContext *app;
    HomeLayout layout;
    int done_today;
    int touch_today;                /* touch sessions done today */
    int days[LAYOUT_CALENDAR_DAYS]; /* sessions per day, oldest first, today last */
    int today;                      /* day number of today */
} HomeScreen;

static const char *const mode_labels[4] = {"Left/right", "Imagine", "Mirror", "Touch"};
static const char *const mode_titles[3] = {"Left or right pictures", "Imagined movements",
                                           "Mirror therapy"};

/* The kind of practice the profile's stage prescribes. */
static PracticeMode prescribed_mode(const AppContext *app)
{
    return app->profile.stage == 3   ? MODE_MIRROR
           : app->profile.stage == 2 ? MODE_IMAGERY
                                     : MODE_DRILL;
}

/* What the prescription leaves open for a session of mode: the
 * STORE_TARGET_ bits (0 for the drill, which has no side). The limb and
 * side that are decided go into *limb and *side. */
static int target_open(const AppContext *app, PracticeMode mode, Limb *limb, Side *side)
{
    const Prescription *rx = &app->prescription;
    if (mode == MODE_IMAGERY)
        return store_prescription_target(&app->profile, rx->imagery_limb, rx->imagery_side, limb,
                                         side);
    if (mode == MODE_MIRROR)
        return store_prescription_target(&app->profile, rx->mirror_limb, rx->mirror_side, limb,
                                         side);
    if (mode == MODE_TOUCH)
        return store_prescription_target(&app->profile, rx->touch_limb, rx->touch_side, limb, side);
    return 0;
}

void scene_home_describe(const AppContext *app, char *buf, size_t cap)
{
    PracticeMode mode = prescribed_mode(app);
    char settings[192];
    Limb limb;
    Side side;
    int open = target_open(app, mode, &limb, &side);
    if (open)
        snprintf(settings, sizeof settings, "waiting for your therapist to set the %s",
                 open & STORE_TARGET_NO_SIDE ? "side" : "limb");
    else
        review_describe(&app->profile, &app->prescription, mode, false, settings, sizeof settings);
    snprintf(buf, cap, "%s: %s", mode_titles[mode], settings);
}

static void read_calendar(HomeScreen *screen)
{
    AppContext *app = screen->app;
    screen->today = review_today();
    char today[PROGRESS_DATE_MAX], first[PROGRESS_DATE_MAX];
    progress_day_format(screen->today, today);
    progress_day_format(screen->today - LAYOUT_CALENDAR_DAYS + 1, first);
    if (store_sessions_done(app->store, app->profile.id, today, false, &screen->done_today) ||
        store_sessions_done(app->store, app->profile.id, today, true, &screen->touch_today) ||
        store_day_counts(app->store, app->profile.id, first, screen->days, LAYOUT_CALENDAR_DAYS))
        snprintf(app->notice, sizeof app->notice, "Your practice calendar could not be read: %s",
                 store_errmsg(app->store));
}

static void draw_calendar(HomeScreen *screen)
{
    Ui *ui = screen->app->ui;
    static const char *const weekdays[7] = {"Th", "Fr", "Sa", "Su", "Mo", "Tu", "We"};
    const SDL_Color done = {214, 232, 228, 255}, empty = {236, 238, 240, 255};
    for (int i = 0; i < LAYOUT_CALENDAR_DAYS; i++) {
        SDL_Rect r = screen->layout.day[i];
        int day = screen->today - LAYOUT_CALENDAR_DAYS + 1 + i;
        ui_fill_rounded(ui, r, ui_mm(ui, 1.5f), screen->days[i] > 0 ? done : empty);
        int year, month, mday;
        char number[8] = "";
        if (progress_day_split(day, &year, &month, &mday) == 0)
            snprintf(number, sizeof number, "%d", mday);
        /* Day 0 (1970-01-01) was a Thursday. */
        int weekday = ((day % 7) + 7) % 7;
        int line = ui_line_height(ui, UI_FONT_SMALL);
        SDL_Color c = i == LAYOUT_CALENDAR_DAYS - 1 ? ui_text_colour : ui_muted_colour;
        SDL_Rect label = {r.x, r.y + ui_mm(ui, 1.0f), r.w, line};
        ui_text_box(ui, UI_FONT_SMALL, weekdays[weekday], label, UI_ALIGN_CENTRE, 0, c);
        label.y += line;
        ui_text_box(ui, UI_FONT_SMALL, number, label, UI_ALIGN_CENTRE, 0, c);
        if (screen->days[i] > 0) {
            int dot = ui_mm(ui, 2.0f);
            ui_fill_rounded(
                ui, (SDL_Rect){r.x + (r.w - dot) / 2, r.y + r.h - dot - ui_mm(ui, 1.0f), dot, dot},
                dot / 2, ui_good);
        }
    }
}

static void relayout(void *state)
{
    HomeScreen *screen = state;
    const AppContext *app = screen->app;
    screen->layout = layout_home(app->ui, app->prescription.touch_on ? 4 : 3);
}

static void draw_home(void *state)
{
    HomeScreen *screen = state;
    AppContext *app = screen->app;
    const HomeLayout *l = &screen->layout;
    Ui *ui = app->ui;
    ui_clear(ui);
    if (l->name_in_column)
        ui_text_box(ui, UI_FONT_HEADING, app->profile.name, l->name, UI_ALIGN_CENTRE,
                    UI_TEXT_MIDDLE, ui_text_colour);
    else
        scene_draw_bar_title(ui, l->bar, l->progress, app->profile.name);
    ui_button(ui, l->progress, "Progress", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->therapist, "Therapist", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->close, "Close", UI_FONT_BODY, UI_STYLE_SECONDARY);

    char describe[256], today[64];
    ui_button(ui, l->start, "Start", UI_FONT_TITLE, UI_STYLE_PRIMARY);
    scene_home_describe(app, describe, sizeof describe);
    ui_text_box(ui, UI_FONT_BODY, describe, l->describe, UI_ALIGN_CENTRE, UI_TEXT_WRAP,
                ui_muted_colour);
    progress_today_words(screen->done_today, app->prescription.sessions_per_day, today,
                         sizeof today);
    ui_text_box(ui, UI_FONT_HEADING, today,
                (SDL_Rect){l->left, l->today_y, l->width, ui_line_height(ui, UI_FONT_HEADING)},
                UI_ALIGN_LEFT, 0, ui_text_colour);
    draw_calendar(screen);
    for (int i = 0; i < l->modes; i++)
        ui_button(ui, l->mode[i], mode_labels[i], UI_FONT_BODY, UI_STYLE_SECONDARY);
    if (l->modes == 4) {
        progress_touch_today_words(screen->touch_today, app->prescription.touch_per_day, today,
                                   sizeof today);
        ui_text_box(ui, UI_FONT_SMALL, today, l->touch_today, UI_ALIGN_RIGHT, 0, ui_text_colour);
    }
    int notice_h = scene_draw_notice(ui, app->notice, l->left, l->notice_y, l->width);
    if (notice_h > 0)
        ui_text_box(ui, UI_FONT_SMALL, "Tap anywhere to go on",
                    (SDL_Rect){l->left, l->notice_y + notice_h + ui_mm(ui, 2.0f), l->width,
                               ui_line_height(ui, UI_FONT_SMALL)},
                    UI_ALIGN_CENTRE, 0, ui_muted_colour);
}

/* Sets up the next session of mode from the prescription. Imagery and
 * mirror therapy whose side or limb is left to the profile but not set
 * there do not start: the patient is told that the therapist sets it (it
 * is behind the PIN), and stays home. */
static SceneId start(AppContext *app, PracticeMode mode)
{
    app->notice[0] = '\0';
    app->mode = mode;
    app->settings = app->prescription.drill;
    app->imagery = app->prescription.imagery;
    app->mirror = app->prescription.mirror;
    int open = target_open(app, mode,
                           mode == MODE_IMAGERY  ? &app->imagery.limb
                           : mode == MODE_MIRROR ? &app->mirror.limb
                                                 : &app->touch_limb,
                           mode == MODE_IMAGERY  ? &app->imagery.side
                           : mode == MODE_MIRROR ? &app->mirror.side
                                                 : &app->touch_side);
    if (open) {
        static const char *const names[] = {[MODE_IMAGERY] = "imagined movements",
                                            [MODE_MIRROR] = "mirror therapy",
                                            [MODE_TOUCH] = "touch practice"};
        snprintf(app->notice, sizeof app->notice,
                 "Before %s can start, your therapist needs to set %s. They can do this in the "
                 "Therapist area.",
                 names[mode],
                 open == STORE_TARGET_NO_SIDE   ? "which side is affected"
                 : open == STORE_TARGET_NO_LIMB ? "which limb to practise, hand or foot"
                                                : "which side is affected and which limb to "
                                                  "practise");
        return SCENE_HOME;
    }
    app->camera = app->prescription.mirror_camera;
    app->pain_before = -1;
    if (app->prescription.ask_pain)
        return SCENE_PAIN_BEFORE;
    return scene_for_mode(mode);
}

SceneId scene_home(AppContext *app)
{
    HomeScreen screen = {.app = app};
    read_calendar(&screen);
    const HomeLayout *layout = &screen.layout;
    SceneScreen view = scene_screen(app->ui, &screen, relayout, draw_home);
    for (;;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT)
            return SCENE_QUIT;
        if (scene_key(&in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(&in, layout->start))
            return start(app, prescribed_mode(app));
        if (in.kind != UI_INPUT_PRESS)
            continue;
        for (int i = 0; i < layout->modes; i++)
            if (ui_hit(layout->mode[i], in.x, in.y))
                return start(app, (PracticeMode)i);
        if (ui_hit(layout->progress, in.x, in.y)) {
            app->notice[0] = '\0';
            return SCENE_PROGRESS;
        }
        if (ui_hit(layout->therapist, in.x, in.y)) {
            app->notice[0] = '\0';
            return SCENE_THERAPIST;
        }
        if (ui_hit(layout->close, in.x, in.y))
            return SCENE_QUIT;
        /* A tap anywhere else dismisses a message. */
        if (app->notice[0]) {
            app->notice[0] = '\0';
            view.redraw = true;
        }
    }
}

void scene_home_frames(AppContext *app, int n, int64_t *ns)
{
    HomeScreen screen = {.app = app};
    relayout(&screen);
    read_calendar(&screen);
    for (int i = 0; i < n; i++) {
        SDL_PumpEvents();
        int64_t t0 = timing_now_ns();
        draw_home(&screen);
        SDL_RenderPresent(ui_renderer(app->ui));
        ns[i] = timing_now_ns() - t0;
    }
}
