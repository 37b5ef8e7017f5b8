/* The touch practice screen: each step of the session as a plain
 * instruction naming the texture, with a picture of the texture and a calm
 * countdown ring; when its time is up, how much discomfort it caused (0-10,
 * or Skip); Pause always in reach, and the break screen's "Stop, it hurts"
 * as everywhere.
 *
 * The pictures (assets/touch/, named by the ladder) are read and decoded
 * at the size they are drawn before the session starts. A picture that is
 * missing or cannot be decoded does not stop the session: the instruction
 * and the texture's name say all the step needs, so that step is shown
 * without its picture and a notice on the screen names the file and why
 * (refusing would cost the patient a prescribed session for an
 * illustration).
 *
 * Each step is written to the database as soon as it is rated (or the
 * session stops), so a crash loses at most the step in progress. After the
 * session the progression rule (touch_progress) may move the prescribed
 * step up or down; the patient is told. Where the therapist turned it on,
 * a soft tone says that a step's time is up (the audio output is opened
 * only then). */
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "ring.h"
#include "session_run.h"
#include "tick.h"
#include "touch.h"

/* The countdown ring is redrawn this often while it runs. */
#define FRAME_NS (1000000000LL / 10)
#define NS_PER_S 1000000000LL
#define NS_PER_MS 1000000LL

enum { DISCOMFORT_CHOICES = 11 };

static const SDL_Color card = {248, 250, 251, 255};

typedef struct TouchRun {
    SessionRun session; /* first: the runner's state */
    Touch *touch;
    ImageryLayout layout; /* the step: bar, Pause, ring and instruction */
    FormLayout rating;    /* the discomfort question */
    int chosen;           /* the discomfort chosen so far, or -1 */
    Tick *tone;           /* the tone at the end of a step; NULL when off or unplayable */
    /* The picture of each step of the plan; NULL where it could not be
     * loaded. Steps with the same picture share one texture. */
    SDL_Texture *icon[2];
} TouchRun;

static SessionState op_state(const SessionRun *s)
{
    const Touch *t = ((const TouchRun *)s)->touch;
    TouchPhase phase = touch_phase(t);
    return (SessionState){(int)phase, touch_deadline(t), phase == TOUCH_PHASE_PAUSED,
                          phase == TOUCH_PHASE_DONE, touch_stopped_early(t)};
}

/* The session's own steps, in SessionAct order; a step whose time has
 * run out is marked with the tone. */
static void op_act(SessionRun *s, SessionAct act, int64_t t)
{
    static void (*const acts[])(Touch *, int64_t) = {touch_start, touch_advance, touch_pause,
                                                     touch_resume, touch_stop};
    TouchRun *run = (TouchRun *)s;
    TouchPhase before = touch_phase(run->touch);
    acts[act](run->touch, t);
    if (run->tone && before == TOUCH_PHASE_STEP && touch_phase(run->touch) == TOUCH_PHASE_RATE)
        tick_play(run->tone);
}

static void op_layout(SessionRun *s)
{
    TouchRun *run = (TouchRun *)s;
    run->layout = layout_imagery(s->app->ui);
    const int choices[1] = {DISCOMFORT_CHOICES};
    FormSpec spec = {
        .rows = 1, .choices = choices, .title = true, .stacked = true, .actions = true};
    run->rating = layout_form(s->app->ui, &spec);
    s->pause = run->layout.pause;
    s->buttons = (PauseButtons){run->layout.resume, run->layout.end, run->layout.hurt};
}

/* The countdown: a ring that empties as the time runs out, the minutes and
 * seconds left inside it. */
static void draw_countdown(Ui *ui, SDL_Rect r, int64_t left_ns, int64_t total_ns)
{
    int side = r.w < r.h ? r.w : r.h;
    float cx = (float)r.x + (float)r.w / 2.0f, cy = (float)r.y + (float)r.h / 2.0f;
    float width = (float)ui_mm(ui, 2.0f);
    SDL_Renderer *renderer = ui_renderer(ui);
    ring_arc(renderer, cx, cy, (float)side / 2.0f, width, 1.0f, ring_track);
    ring_arc(renderer, cx, cy, (float)side / 2.0f, width,
             total_ns > 0 ? (float)((double)left_ns / (double)total_ns) : 0.0f, ui_accent);
    long long s = (long long)((left_ns + NS_PER_S - 1) / NS_PER_S);
    char text[24];
    snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
    /* Inside the ring, in the largest font that fits well inside it: a
     * small ring (a notice above it takes room) gets a smaller font rather
     * than the time drawn across it. */
    SDL_Rect inside = {r.x + (r.w - side) / 2, r.y + (r.h - side) / 2, side, side};
    UiFont font = UI_FONT_TITLE;
    while (font > UI_FONT_SMALL && ui_text_width(ui, font, text) > side - 4 * (int)width)
        font--;
    ui_text_centred(ui, font, text, inside, ui_text_colour);
}

/* The texture's picture as large as fits r, centred, never larger than it
 * was decoded (layout_touch_step sized it), and entered in the layout
 * check. */
static void draw_icon(Ui *ui, SDL_Texture *icon, SDL_Rect r)
{
    int w = 0, h = 0;
    if (r.w <= 0 || r.h <= 0 || SDL_QueryTexture(icon, NULL, NULL, &w, &h) != 0 || w <= 0 || h <= 0)
        return;
    double scale = SDL_min(1.0, SDL_min((double)r.w / w, (double)r.h / h));
    int dw = (int)(w * scale), dh = (int)(h * scale);
    SDL_Rect dst = {r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2, dw, dh};
    SDL_RenderCopy(ui_renderer(ui), icon, NULL, &dst);
    ui_layout_box(ui, dst, "texture picture");
}

static void draw_rating(TouchRun *run, const TouchStep *step)
{
    Ui *ui = run->session.app->ui;
    const FormLayout *l = &run->rating;
    char title[TOUCH_TEXTURE_MAX + 32];
    snprintf(title, sizeof title, "Done: %s", step->rung.texture);
    ui_text_box(ui, UI_FONT_HEADING, title,
                (SDL_Rect){l->left, l->title_y, l->width, ui_line_height(ui, UI_FONT_HEADING)},
                UI_ALIGN_LEFT, 0, ui_text_colour);
    scene_draw_rating(ui, l, 0,
                      &(SceneRating){"How much discomfort did it cause?", DISCOMFORT_CHOICES, 0,
                                     "None", "Worst imaginable"},
                      run->chosen);
    ui_button(ui, l->secondary, "Skip", UI_FONT_HEADING, UI_STYLE_SECONDARY);
    ui_button(ui, l->primary, "Next", UI_FONT_HEADING, UI_STYLE_PRIMARY);
}

static void op_draw(SessionRun *session, int64_t now)
{
    TouchRun *run = (TouchRun *)session;
    const AppContext *app = session->app;
    Ui *ui = app->ui;
    const ImageryLayout *l = &run->layout;
    const Touch *t = run->touch;
    ui_clear(ui);
    if (touch_phase(t) == TOUCH_PHASE_PAUSED) {
        scene_draw_pause(ui, &(PauseButtons){l->resume, l->end, l->hurt},
                         "The steps you have done are kept.");
        return;
    }
    const TouchStep *step = touch_current(t);
    if (!step)
        return;
    char text[TOUCH_INSTRUCTION_MAX + 32];
    snprintf(text, sizeof text, "Touch practice: step %zu of %zu", touch_position(t) + 1,
             touch_count(t));
    scene_draw_bar_title(ui, l->bar, l->pause, text);
    ui_button(ui, l->pause, "Pause", UI_FONT_BODY, UI_STYLE_SECONDARY);
    if (touch_phase(t) == TOUCH_PHASE_RATE) {
        draw_rating(run, step);
        return;
    }
    /* A notice at the top, then the texture's name as the step's heading
     * and its picture and the ring under it. */
    SDL_Rect area = l->picture;
    int notice_h =
        scene_draw_notice(ui, session->notice, l->instruction.x, area.y, l->instruction.w);
    if (notice_h > 0) {
        area.y += notice_h + ui_mm(ui, 2.0f);
        area.h -= notice_h + ui_mm(ui, 2.0f);
    }
    size_t at = touch_position(t);
    SDL_Texture *icon = at < SDL_arraysize(run->icon) ? run->icon[at] : NULL;
    TouchStepLayout parts = layout_touch_step(ui, area, icon != NULL);
    ui_text_box(ui, UI_FONT_HEADING, step->rung.texture, parts.heading, UI_ALIGN_CENTRE, 0,
                ui_text_colour);
    if (icon)
        draw_icon(ui, icon, parts.icon);
    draw_countdown(ui, parts.ring, touch_remaining_ns(t, now), touch_step_ns(t));
    touch_instruction(&step->rung, app->touch_limb, app->touch_side, text, sizeof text);
    ui_text_panel(ui, UI_FONT_BODY, text, l->instruction, card);
}

static int op_save(SessionRun *s, size_t i)
{
    size_t n;
    const TouchRecord *records = touch_records(((const TouchRun *)s)->touch, &n);
    if (i >= n)
        return 1;
    const TouchRecord *r = &records[i];
    StepRecord step = {.step = (int)i + 1,
                       .phase = touch_how_name(r->step.rung.how),
                       .item = r->step.rung.id,
                       .duration_ms = r->held_ns / NS_PER_MS,
                       .completed = r->completed,
                       .rated = r->discomfort >= 0,
                       .discomfort = r->discomfort};
    return store_step_add(s->app->store, s->session_id, &step) ? -1 : 0;
}

static const SessionCore touch_core = {
    .unsaved = "Some steps could not be saved", .state = op_state, .act = op_act, .save = op_save};

/* While discomfort is asked: a number chooses it (also the keys 0-9),
 * Next (or Enter) gives it, Skip gives none. */
static bool op_input(SessionRun *s, const UiInput *in, int64_t t)
{
    TouchRun *run = (TouchRun *)s;
    if (touch_phase(run->touch) != TOUCH_PHASE_RATE)
        return false;
    const FormLayout *l = &run->rating;
    int give = -2;
    if (scene_key(in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(in, l->primary))
        give = run->chosen;
    else if (scene_pressed(in, l->secondary))
        give = -1;
    else if (in->kind == UI_INPUT_KEY && in->key >= SDLK_0 && in->key <= SDLK_9)
        run->chosen = (int)(in->key - SDLK_0);
    else {
        int c = 0;
        while (c < DISCOMFORT_CHOICES && !scene_pressed(in, l->choice[0][c]))
            c++;
        if (c == DISCOMFORT_CHOICES)
            return false;
        run->chosen = c;
    }
    if (give >= -1) {
        touch_rate(run->touch, give, t);
        run->chosen = -1;
    }
    s->redraw = true;
    return true;
}

static const SessionScreen touch_screen = {
    .frame_ns = FRAME_NS, .layout = op_layout, .draw = op_draw, .input = op_input};

/* Applies the progression rule to the profile's touch sessions of the
 * area the step is prescribed for, the one just ended last, and saves and
 * tells a change of step. A session of another area (chosen on the command
 * line) leaves the step as it is: the step is the prescribed area's. */
static void progress_step(AppContext *app, int step)
{
    const Prescription *rx = &app->prescription;
    Limb limb;
    Side side;
    if (store_prescription_target(&app->profile, rx->touch_limb, rx->touch_side, &limb, &side) ||
        limb != app->touch_limb || side != app->touch_side)
        return;
    TouchOutcome recent[TOUCH_HISTORY];
    size_t n;
    if (store_touch_outcomes(app->store, app->profile.id, limb, side, recent, TOUCH_HISTORY, &n)) {
        snprintf(app->notice, sizeof app->notice, "Your progress could not be read: %s",
                 store_errmsg(app->store));
        return;
    }
    int next = touch_progress(recent, n, step, touch_ladder_steps(app->ladder), &app->norms->touch);
    if (next == step)
        return;
    app->prescription.touch_step = next;
    if (store_prescription_save(app->store, app->profile.id, &app->prescription)) {
        snprintf(app->notice, sizeof app->notice, "Your next step could not be saved: %s",
                 store_errmsg(app->store));
        return;
    }
    const TouchRung *r = touch_ladder_rung(app->ladder, app->touch_limb, next);
    snprintf(app->notice, sizeof app->notice,
             next > step ? "Well done. Next time: step %d, the %s."
                         : "That was a lot. Next time you go back to step %d, the %s.",
             next, r->texture);
}

/* Adds text to the notice the session shows (after one already there). */
static void add_notice(SessionRun *session, const char *text)
{
    char both[sizeof session->notice];
    snprintf(both, sizeof both, "%.255s%s%.250s", session->notice, *session->notice ? " " : "",
             text);
    session_notice(session, both);
}

/* Loads the picture of each step of plan[0..n) (at most 2) into
 * run->icon, decoded at the size the step screen draws it; a step whose
 * picture cannot be loaded is left without it, and the notice says why. */
static void load_icons(TouchRun *run, const TouchStep *plan, size_t n)
{
    AppContext *app = run->session.app;
    SDL_Rect box = layout_touch_step(app->ui, run->layout.picture, true).icon;
    for (size_t i = 0; i < n && i < SDL_arraysize(run->icon); i++) {
        const char *name = plan[i].rung.icon;
        if (i > 0 && strcmp(name, plan[0].rung.icon) == 0) {
            run->icon[i] = run->icon[0];
            continue;
        }
        char path[1024], why[300] = "its folder's name is too long";
        int len = snprintf(path, sizeof path, "%s/touch/%s", app->assets_dir, name);
        if (len >= 0 && (size_t)len < sizeof path)
            run->icon[i] =
                pictures_load_fitted(ui_renderer(app->ui), path, box.w, box.h, why, sizeof why);
        if (!run->icon[i]) {
            /* Short and calm for the patient, naming the file for whoever
             * looks after the trainer. */
            char text[sizeof run->session.notice];
            snprintf(text, sizeof text, "No picture of the %s: touch/%s cannot be shown (%.200s).",
                     plan[i].rung.texture, name, why);
            add_notice(&run->session, text);
        }
    }
}

static void destroy_icons(TouchRun *run)
{
    for (size_t i = 0; i < SDL_arraysize(run->icon); i++)
        if (run->icon[i] && (i == 0 || run->icon[i] != run->icon[0]))
            SDL_DestroyTexture(run->icon[i]);
}

SceneId scene_touch(AppContext *app)
{
    char err[256];
    const Prescription *rx = &app->prescription;
    app->mode = MODE_TOUCH;
    int steps = touch_ladder_steps(app->ladder);
    int step = rx->touch_step < steps ? rx->touch_step : steps;
    TouchStep plan[2];
    size_t n = touch_plan(app->ladder, app->touch_limb, step, rx->touch_minutes, plan);
    TouchRun run = {.chosen = -1};
    session_init(&run.session, app, &touch_core, &touch_screen);
    run.touch = touch_create(plan, n, err, sizeof err);
    if (!run.touch)
        return session_fail(app, "touch practice", err);
    int64_t planned_ns = 0;
    for (size_t i = 0; i < n; i++)
        planned_ns += plan[i].duration_ns;
    run.session.start = (SessionStart){.profile_id = app->profile.id,
                                       .mode = MODE_TOUCH,
                                       .limb = app->touch_limb,
                                       .side = app->touch_side,
                                       .planned_s = (int)(planned_ns / NS_PER_S),
                                       .touch_step = step,
                                       .pain_before = app->pain_before};
    load_icons(&run, plan, n);
    SceneId next;
    if (session_begin(&run.session)) {
        next = session_fail(app, "touch practice", store_errmsg(app->store));
    } else {
        if (rx->touch_tone && !(run.tone = tick_create(&tick_step_end, err, sizeof err))) {
            char text[sizeof run.session.notice];
            snprintf(text, sizeof text,
                     "The tone cannot be played (%.400s), so the end of a step is silent.", err);
            add_notice(&run.session, text);
        }
        next = session_run(&run.session);
        if (app->store)
            progress_step(app, step);
    }
    destroy_icons(&run);
    tick_destroy(run.tone);
    touch_destroy(run.touch);
    return next;
}
