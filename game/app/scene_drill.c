/* The left/right judgement drill screen.
 *
 * Timing (README, "How response times are measured"): every picture of the drill is
 * decoded before the first trial; a picture's onset is stamped right after
 * the present that shows it; while an answer is awaited nothing is redrawn
 * and the loop sleeps in SDL_WaitEventTimeout, stamping each event with the
 * high-resolution clock as it is dequeued; finished trials are written to
 * the database during the next inter-trial screen, never while a picture is
 * up. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "deck.h"
#include "layout.h"
#include "pictures.h"
#include "rng.h"
#include "session_run.h"
#include "timing.h"

typedef struct DrillRun {
    SessionRun session; /* first: the runner's state */
    Drill *drill;
    PictureSet *pictures;
    DrillLayout layout;
    bool rotations;
} DrillRun;

static void draw_tick(Ui *ui, SDL_Rect area)
{
    float s = (float)ui_mm(ui, 8.0f);
    float cx = (float)area.x + (float)area.w / 2.0f, cy = (float)area.y + (float)area.h / 2.0f;
    float width = (float)ui_mm(ui, 1.6f);
    ui_line(ui, cx - s * 0.45f, cy, cx - s * 0.1f, cy + s * 0.35f, width, ui_good);
    ui_line(ui, cx - s * 0.1f, cy + s * 0.35f, cx + s * 0.5f, cy - s * 0.35f, width, ui_good);
}

static void draw_fixation(Ui *ui, SDL_Rect area)
{
    int arm = ui_mm(ui, 3.0f), thick = ui_mm(ui, 0.7f) < 2 ? 2 : ui_mm(ui, 0.7f);
    int cx = area.x + area.w / 2, cy = area.y + area.h / 2;
    SDL_Renderer *r = ui_renderer(ui);
    SDL_SetRenderDrawColor(r, ui_muted_colour.r, ui_muted_colour.g, ui_muted_colour.b, 255);
    SDL_RenderFillRect(r, &(SDL_Rect){cx - arm, cy - thick / 2, 2 * arm, thick});
    SDL_RenderFillRect(r, &(SDL_Rect){cx - thick / 2, cy - arm, thick, 2 * arm});
}

/* Draws the screen of the given phase (normally the drill's own). */
static void draw_frame(DrillRun *run, DrillPhase phase)
{
    AppContext *app = run->session.app;
    Ui *ui = app->ui;
    const DrillLayout *l = &run->layout;
    const Drill *d = run->drill;
    ui_clear(ui);
    if (phase == DRILL_PAUSED) {
        scene_draw_pause(ui, &(PauseButtons){l->resume, l->end, l->hurt},
                         "Your answers so far are kept.");
        return;
    }
    char progress[64];
    size_t shown = drill_position(d) + (phase == DRILL_FEEDBACK ? 0 : 1);
    snprintf(progress, sizeof progress, "Picture %zu of %zu", shown, drill_count(d));
    scene_draw_bar_title(ui, l->bar, l->pause, progress);
    ui_button(ui, l->pause, "Pause", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->left, "Left", UI_FONT_HEADING, UI_STYLE_ANSWER);
    ui_button(ui, l->right, "Right", UI_FONT_HEADING, UI_STYLE_ANSWER);

    /* The question of the picture in progress (or coming, during FIXATION):
     * already up before the picture, so that the picture's first frame
     * changes the picture alone, and a new part's question is drawn (its
     * text made) before the response window opens. */
    const Stimulus *now = drill_current(d);
    const char *question =
        now ? limb_question(catalogue_get(app->catalogue, now->picture)->limb) : "";
    if (phase == DRILL_FIXATION) {
        draw_fixation(ui, l->picture);
        ui_text_centred(ui, UI_FONT_BODY, question, l->message, ui_muted_colour);
        return;
    }
    if (phase == DRILL_FEEDBACK) {
        size_t n;
        const TrialResult *r = &drill_results(d, &n)[n - 1];
        if (r->too_fast) {
            /* Not a judgement: no verdict, and the picture is withdrawn. */
            int w = l->picture.w < ui_mm(ui, 120.0f) ? l->picture.w : ui_mm(ui, 120.0f);
            scene_draw_notice(ui, "Too quick: wait until you have seen the picture",
                              l->picture.x + (l->picture.w - w) / 2,
                              l->picture.y + l->picture.h / 2 - ui_mm(ui, 8.0f), w);
            return;
        }
        pictures_draw(run->pictures, ui_renderer(ui), &r->stimulus, l->picture, run->rotations);
        if (r->correct) {
            draw_tick(ui, l->message);
        } else {
            const Picture *p = catalogue_get(app->catalogue, r->stimulus.picture);
            char text[64];
            limb_verdict(p->limb, r->stimulus.side, text, sizeof text);
            ui_text_centred(ui, UI_FONT_HEADING, text, l->message, ui_text_colour);
        }
        return;
    }
    /* SHOW and RESPONSE: the picture and nothing that changes. */
    pictures_draw(run->pictures, ui_renderer(ui), now, l->picture, run->rotations);
    ui_text_centred(ui, UI_FONT_BODY, question, l->message, ui_muted_colour);
}

static void op_layout(SessionRun *s)
{
    DrillLayout *l = &((DrillRun *)s)->layout;
    *l = layout_drill(s->app->ui);
    s->pause = l->pause;
    s->buttons = (PauseButtons){l->resume, l->end, l->hurt};
}

static void op_draw(SessionRun *s, int64_t now)
{
    (void)now;
    DrillRun *run = (DrillRun *)s;
    draw_frame(run, drill_phase(run->drill));
}

static SessionState op_state(const SessionRun *s)
{
    const Drill *d = ((const DrillRun *)s)->drill;
    int phase = (int)drill_phase(d);
    return (SessionState){phase, drill_deadline(d), phase == DRILL_PAUSED, phase == DRILL_DONE,
                          drill_stopped_early(d)};
}

static void op_act(SessionRun *s, SessionAct act, int64_t t)
{
    Drill *d = ((DrillRun *)s)->drill;
    if (act == SESSION_START)
        drill_start(d, t);
    else if (act == SESSION_ADVANCE)
        drill_advance(d, t);
    else if (act == SESSION_RESUME)
        drill_resume(d, t);
    else if (act == SESSION_PAUSE)
        drill_pause(d);
    else
        drill_stop(d);
}

/* Finished trials are written between pictures, during a break and at the
 * end, never while a picture or its feedback is up. */
static int op_save(SessionRun *s, size_t i)
{
    const Drill *d = ((const DrillRun *)s)->drill;
    size_t n;
    const TrialResult *results = drill_results(d, &n);
    DrillPhase phase = drill_phase(d);
    if (i >= n || phase == DRILL_SHOW || phase == DRILL_RESPONSE || phase == DRILL_FEEDBACK)
        return 1;
    const TrialResult *r = &results[i];
    const Picture *p = catalogue_get(s->app->catalogue, r->stimulus.picture);
    TrialRecord rec = {.trial = (int)i + 1,
                       .image = p->id,
                       .limb = p->limb,
                       .side = r->stimulus.side,
                       .view = p->view,
                       .posture = p->posture,
                       .rotation_deg = r->stimulus.rotation_deg,
                       .response = r->response,
                       .correct = r->correct,
                       .input = r->input,
                       .onset_ns = r->onset_ns,
                       .response_ns = r->response_ns,
                       .onset_interval_ns = r->onset_interval_ns,
                       .late_onset = r->late_onset,
                       .too_fast = r->too_fast};
    return store_trial_add(s->app->store, s->session_id, &rec) ? -1 : 0;
}

static const SessionCore drill_core = {.unsaved = "Some answers could not be saved",
                                       .state = op_state,
                                       .act = op_act,
                                       .save = op_save};

static Response answer_for(const DrillRun *run, const UiInput *in)
{
    if (in->kind == UI_INPUT_KEY)
        return in->key == SDLK_LEFT    ? RESPONSE_LEFT
               : in->key == SDLK_RIGHT ? RESPONSE_RIGHT
                                       : RESPONSE_NONE;
    if (in->kind == UI_INPUT_PRESS)
        return ui_hit(run->layout.left, in->x, in->y)    ? RESPONSE_LEFT
               : ui_hit(run->layout.right, in->x, in->y) ? RESPONSE_RIGHT
                                                         : RESPONSE_NONE;
    return RESPONSE_NONE;
}

/* An answer (taken only while a picture is up, before its time limit). */
static bool op_input(SessionRun *s, const UiInput *in, int64_t t)
{
    DrillRun *run = (DrillRun *)s;
    Response response = answer_for(run, in);
    return response != RESPONSE_NONE && drill_answer(run->drill, response, in->device, t);
}

/* A picture's turn: anything pressed before it appears is not an answer;
 * then the inter-trial screen once more and the picture, the onset stamped
 * right after the present that shows it (the interval between the two
 * presents shows whether the picture's frame was late). */
static bool op_present(SessionRun *s)
{
    DrillRun *run = (DrillRun *)s;
    Drill *d = run->drill;
    SDL_Renderer *renderer = ui_renderer(s->app->ui);
    if (drill_phase(d) == DRILL_SHOW) {
        s->redraw |= session_drain(s);
        if (drill_phase(d) != DRILL_SHOW)
            return true;
        draw_frame(run, DRILL_FIXATION);
        SDL_RenderPresent(renderer);
        int64_t before = timing_now_ns();
        draw_frame(run, DRILL_SHOW);
        SDL_RenderPresent(renderer);
        drill_onset(d, timing_now_ns(), before);
        s->drawn = DRILL_RESPONSE;
        s->redraw = false;
        return true;
    }
#ifdef GMI_NAIVE_RESPONSE_LOOP
    /* The benchmarks' negative control (bench/), never the trainer: a
     * game-style loop that redraws every frame while the picture is up,
     * capped at 60 frames a second, so an answer waits for the end of the
     * frame before it is dequeued. */
    if (drill_phase(d) == DRILL_RESPONSE) {
        draw_frame(run, DRILL_RESPONSE);
        SDL_RenderPresent(renderer);
        SDL_Delay(1000 / 60);
        s->redraw |= session_drain(s);
        drill_advance(d, timing_now_ns());
        return true;
    }
#endif
    return false;
}

static const SessionScreen drill_screen = {
    .layout = op_layout, .draw = op_draw, .input = op_input, .present = op_present};

/* The deck: at most as many repeats as the whole library would need
 * (wanted distinct stimuli), without the pictures found broken. */
typedef struct DeckChoice {
    const Catalogue *catalogue;
    DeckRequest request;
    size_t wanted;
    Rng *rng;
    Stimulus *deck;
} DeckChoice;

static int choose_deck(void *state, const bool *broken, char *err, size_t errlen)
{
    DeckChoice *c = state;
    c->request.excluded = broken;
    if (deck_distinct_stimuli(c->catalogue, &c->request) < c->wanted) {
        snprintf(err, errlen, "too few pictures");
        return -1;
    }
    return deck_build(c->catalogue, &c->request, c->rng, c->deck, err, errlen);
}

SceneId scene_drill(AppContext *app)
{
    char err[512];
    uint64_t seed = app->seed_given ? app->seed : timing_seed();
    app->seed_given = false;
    Rng rng;
    rng_seed(&rng, seed);
    DrillRun run = {.drill = NULL};
    session_init(&run.session, app, &drill_core, &drill_screen);
    /* A prescribed body part the picture library has no pictures of (a
     * prescription made with a larger library) is left out while another
     * part remains, so that the patient can practise the rest. */
    LimbSet pictured = app->settings.limbs & catalogue_limbs(app->catalogue);
    if (pictured)
        app->settings.limbs = pictured;
    Stimulus deck[DECK_MAX_COUNT];
    DeckChoice choice = {.catalogue = app->catalogue,
                         .request = {.limbs = app->settings.limbs,
                                     .level = app->settings.level,
                                     .count = app->settings.count},
                         .rng = &rng,
                         .deck = deck};
    choice.wanted = deck_distinct_stimuli(app->catalogue, &choice.request);
    if (choice.wanted > (size_t)app->settings.count)
        choice.wanted = (size_t)app->settings.count;
    run.rotations = app->settings.level >= 2;
    run.pictures =
        session_load_pictures(&run.session, choose_deck, &choice, deck, (size_t)app->settings.count,
                              run.layout.picture, run.rotations, err, sizeof err);
    if (!run.pictures)
        return session_fail(app, "drill", err);
    DrillConfig config = drill_config_from(&app->settings, app->norms);
    SDL_DisplayMode mode;
    if (SDL_GetWindowDisplayMode(ui_window(app->ui), &mode) == 0 && mode.refresh_rate > 0)
        config.frame_ns = 1000000000LL / mode.refresh_rate;
    run.drill = drill_create(deck, (size_t)app->settings.count, &config, rng_next(&rng));
    run.session.start = (SessionStart){.profile_id = app->profile.id,
                                       .settings = app->settings,
                                       .seed = seed,
                                       .frame_ns = config.frame_ns,
                                       .pain_before = app->pain_before};
    if (!run.drill || session_begin(&run.session)) {
        SceneId next =
            session_fail(app, "drill", run.drill ? store_errmsg(app->store) : "out of memory");
        drill_destroy(run.drill);
        pictures_destroy(run.pictures);
        return next;
    }
    SceneId next = session_run(&run.session);
    size_t finished;
    drill_results(run.drill, &finished);
    drill_destroy(run.drill);
    pictures_destroy(run.pictures);
    if (next == SCENE_QUIT)
        return SCENE_QUIT;
    /* Ended before the first answer: there are no results to show. */
    app->results = finished > 0;
    return app->results || run.session.hurt ? SCENE_PAIN_AFTER : SCENE_HOME;
}
