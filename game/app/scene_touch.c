/* The touch practice screen: each step of the session as a plain
 * instruction naming the texture, with a calm countdown ring; when its time
 * is up, how much discomfort it caused (0-10, or Skip); Pause always in
 * reach, and the break screen's "Stop, it hurts" as everywhere.
 *
 * Each step is written to the database as soon as it is rated (or the
 * session stops), so a crash loses at most the step in progress. After the
 * session the progression rule (touch_progress) may move the prescribed
 * step up or down; the patient is told. Where the therapist turned it on,
 * a soft tone says that a step's time is up (the audio output is opened
 * only then). */
#include <stdio.h>

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
    ui_text_centred(ui, UI_FONT_TITLE, text, r, ui_text_colour);
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
     * and the ring under it. */
    SDL_Rect area = l->picture;
    int notice_h =
        scene_draw_notice(ui, session->notice, l->instruction.x, area.y, l->instruction.w);
    if (notice_h > 0) {
        area.y += notice_h + ui_mm(ui, 2.0f);
        area.h -= notice_h + ui_mm(ui, 2.0f);
    }
    int heading = ui_line_height(ui, UI_FONT_HEADING);
    ui_text_box(ui, UI_FONT_HEADING, step->rung.texture,
                (SDL_Rect){area.x, area.y, area.w, heading}, UI_ALIGN_CENTRE, 0, ui_text_colour);
    SDL_Rect ring = {area.x, area.y + heading + ui_mm(ui, 3.0f), area.w,
                     area.h - heading - ui_mm(ui, 3.0f)};
    draw_countdown(ui, ring, touch_remaining_ns(t, now), touch_step_ns(t));
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

/* Applies the progression rule to the profile's touch sessions, the one
 * just ended last, and saves and tells a change of step. */
static void progress_step(AppContext *app, int step)
{
    TouchOutcome recent[TOUCH_HISTORY];
    size_t n;
    if (store_touch_outcomes(app->store, app->profile.id, recent, TOUCH_HISTORY, &n)) {
        snprintf(app->notice, sizeof app->notice, "Your progress could not be read: %s",
                 store_errmsg(app->store));
        return;
    }
    int next = touch_progress(recent, n, step, touch_ladder_steps(app->ladder));
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
    SceneId next;
    if (session_begin(&run.session)) {
        next = session_fail(app, "touch practice", store_errmsg(app->store));
    } else {
        if (rx->touch_tone && !(run.tone = tick_create(&tick_step_end, err, sizeof err))) {
            char text[sizeof run.session.notice];
            snprintf(text, sizeof text,
                     "The tone cannot be played (%.400s), so the end of a step is silent.", err);
            session_notice(&run.session, text);
        }
        next = session_run(&run.session);
        if (app->store)
            progress_step(app, step);
    }
    tick_destroy(run.tone);
    touch_destroy(run.touch);
    return next;
}
