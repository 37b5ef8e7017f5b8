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
#include "scenes.h"
#include "timing.h"

typedef struct DrillRun {
    AppContext *app;
    Drill *drill;
    PictureSet *pictures;
    DrillLayout layout;
    SessionStart start;
    int64_t session_id;
    size_t saved; /* results already in the database */
    bool moved;   /* the session was moved to a fresh database */
    bool rotations;
    bool quit;
    bool hurt; /* stopped with "Stop, it hurts" */
    bool save_failed;
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
    Ui *ui = run->app->ui;
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
    ui_text(ui, UI_FONT_BODY, progress, l->bar.x + ui_mm(ui, 4.0f),
            l->bar.y + (l->bar.h - ui_line_height(ui, UI_FONT_BODY)) / 2, UI_ALIGN_LEFT,
            ui_muted_colour);
    ui_button(ui, l->pause, "Pause", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->left, "Left", UI_FONT_HEADING, UI_STYLE_ANSWER);
    ui_button(ui, l->right, "Right", UI_FONT_HEADING, UI_STYLE_ANSWER);

    if (phase == DRILL_FIXATION) {
        draw_fixation(ui, l->picture);
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
            const Picture *p = catalogue_get(run->app->catalogue, r->stimulus.picture);
            char text[64];
            snprintf(text, sizeof text, "That was a %s %s", side_name(r->stimulus.side),
                     limb_name(p->limb));
            ui_text_centred(ui, UI_FONT_HEADING, text, l->message, ui_text_colour);
        }
        return;
    }
    /* SHOW and RESPONSE: the picture and nothing that changes. */
    pictures_draw(run->pictures, ui_renderer(ui), drill_current(d), l->picture, run->rotations);
    ui_text_centred(ui, UI_FONT_BODY, "Left or right?", l->message, ui_muted_colour);
}

static void save_pending(DrillRun *run)
{
    size_t n;
    const TrialResult *results = drill_results(run->drill, &n);
    while (run->saved < n) {
        const TrialResult *r = &results[run->saved];
        const Picture *p = catalogue_get(run->app->catalogue, r->stimulus.picture);
        TrialRecord rec = {.trial = (int)run->saved + 1,
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
        if (store_trial_add(run->app->store, run->session_id, &rec)) {
            /* A damaged file: the drill stops and goes on in a fresh one. */
            if (!run->moved &&
                scene_session_move(run->app, &run->start, &run->session_id, &run->saved)) {
                run->moved = true;
                drill_stop(run->drill);
                continue;
            }
            if (!run->app->store) {
                run->quit = true;
                drill_stop(run->drill);
                return;
            }
            /* Kept in memory and tried again at the next pause between pictures. */
            snprintf(run->app->notice, sizeof run->app->notice,
                     "Some answers could not be saved: %s", store_errmsg(run->app->store));
            run->save_failed = true;
            return;
        }
        run->saved++;
    }
    if (run->save_failed) {
        run->app->notice[0] = '\0';
        run->save_failed = false;
    }
}

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

/* Handles one event dequeued at t. Returns true when the screen must be
 * drawn again although the phase did not change. */
static bool handle_event(DrillRun *run, const SDL_Event *event, int64_t t)
{
    UiInput in = ui_translate(run->app->ui, event);
    Drill *d = run->drill;
    switch (in.kind) {
    case UI_INPUT_QUIT:
        run->quit = true;
        drill_stop(d);
        return false;
    case UI_INPUT_REDRAW:
        run->layout = layout_drill(run->app->ui);
        return true;
    case UI_INPUT_NONE:
        return false;
    case UI_INPUT_PRESS:
    case UI_INPUT_KEY:
        break;
    }
    if (drill_phase(d) == DRILL_PAUSED) {
        const DrillLayout *l = &run->layout;
        PauseChoice choice = scene_pause_choice(&in, &(PauseButtons){l->resume, l->end, l->hurt});
        if (choice == PAUSE_RESUME)
            drill_resume(d, t);
        else if (choice != PAUSE_NONE) {
            run->hurt = choice == PAUSE_HURT;
            drill_stop(d);
        }
        return false;
    }
    bool pause = (in.kind == UI_INPUT_KEY && (in.key == SDLK_ESCAPE || in.key == SDLK_PAUSE)) ||
                 (in.kind == UI_INPUT_PRESS && ui_hit(run->layout.pause, in.x, in.y));
    if (pause) {
        drill_pause(d);
        return false;
    }
    Response response = answer_for(run, &in);
    if (response != RESPONSE_NONE)
        drill_answer(d, response, in.device, t);
    return false;
}

/* Handles whatever is queued, without waiting. */
static bool drain_events(DrillRun *run)
{
    bool redraw = false;
    SDL_Event event;
    while (!run->quit && SDL_PollEvent(&event))
        redraw |= handle_event(run, &event, timing_now_ns());
    return redraw;
}

static int wait_ms(int64_t deadline, int64_t now)
{
    if (deadline == DRILL_NO_DEADLINE)
        return 1000;
    int64_t ms = (deadline - now + 999999) / 1000000;
    return ms <= 0 ? 0 : ms > 1000 ? 1000 : (int)ms;
}

static void run_loop(DrillRun *run)
{
    Drill *d = run->drill;
    SDL_Renderer *renderer = ui_renderer(run->app->ui);
    drill_start(d, timing_now_ns());
    DrillPhase drawn = DRILL_DONE; /* nothing drawn yet */
    bool redraw = true;
    while (drill_phase(d) != DRILL_DONE) {
        DrillPhase phase = drill_phase(d);
        if (phase == DRILL_SHOW) {
            /* Anything pressed before the picture appears is not an answer. */
            redraw |= drain_events(run);
            if (drill_phase(d) != DRILL_SHOW)
                continue;
            /* The inter-trial screen once more, then the picture: the interval
             * between the two presents shows whether the picture's frame was
             * late. */
            draw_frame(run, DRILL_FIXATION);
            SDL_RenderPresent(renderer);
            int64_t before = timing_now_ns();
            draw_frame(run, DRILL_SHOW);
            SDL_RenderPresent(renderer);
            drill_onset(d, timing_now_ns(), before);
            drawn = DRILL_RESPONSE;
            redraw = false;
            continue;
        }
        if (redraw || phase != drawn) {
            draw_frame(run, phase);
            SDL_RenderPresent(renderer);
            drawn = phase;
            redraw = false;
            if (phase == DRILL_FIXATION || phase == DRILL_PAUSED)
                save_pending(run);
        }
#ifdef GMI_NAIVE_RESPONSE_LOOP
        /* The benchmarks' negative control (bench/), never the trainer: a
         * game-style loop that redraws every frame while the picture is up,
         * capped at 60 frames a second, so an answer waits for the end of the
         * frame before it is dequeued. */
        if (phase == DRILL_RESPONSE) {
            draw_frame(run, phase);
            SDL_RenderPresent(renderer);
            SDL_Delay(1000 / 60);
            redraw |= drain_events(run);
            drill_advance(d, timing_now_ns());
            continue;
        }
#endif
        SDL_Event event;
        int timeout = wait_ms(drill_deadline(d), timing_now_ns());
        if (timeout > 0 && SDL_WaitEventTimeout(&event, timeout)) {
            int64_t t = timing_now_ns(); /* stamped as it is dequeued */
            redraw |= handle_event(run, &event, t);
            redraw |= drain_events(run);
        }
        drill_advance(d, timing_now_ns());
    }
    save_pending(run);
}

static SceneId fail_to_home(AppContext *app, const char *why)
{
    snprintf(app->notice, sizeof app->notice, "The drill cannot start: %.480s", why);
    return SCENE_HOME;
}

/* Builds the deck and loads its pictures. A picture that is missing or
 * broken is left out, with a warning in app->notice, as long as the drill
 * needs no more repeats than the whole library would; otherwise the drill
 * cannot start. Returns the pictures, or NULL with the reason in err. */
static PictureSet *load_deck(DrillRun *run, Rng *rng, Stimulus *deck, DeckRequest *req, char *err,
                             size_t errlen)
{
    AppContext *app = run->app;
    size_t npictures = catalogue_count(app->catalogue);
    bool *broken = SDL_calloc(npictures ? npictures : 1, sizeof *broken);
    if (!broken) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    *req = (DeckRequest){.limbs = app->settings.limbs,
                         .level = app->settings.level,
                         .count = app->settings.count,
                         .excluded = broken};
    run->rotations = req->level >= 2;
    DeckRequest whole = *req;
    whole.excluded = NULL;
    size_t wanted = deck_distinct_stimuli(app->catalogue, &whole);
    if (wanted > (size_t)req->count)
        wanted = (size_t)req->count;
    int left_out = 0;
    char first[512] = "";
    PictureSet *set = NULL;
    for (;;) {
        if (deck_build(app->catalogue, req, rng, deck, err, errlen))
            break;
        int nbroken = 0;
        set = pictures_load(ui_renderer(app->ui), app->catalogue, deck, (size_t)req->count,
                            app->assets_dir, run->layout.picture, run->rotations, broken, &nbroken,
                            err, errlen);
        if (!set || nbroken == 0)
            break;
        pictures_destroy(set);
        set = NULL;
        if (left_out == 0)
            snprintf(first, sizeof first, "%s", err);
        left_out += nbroken;
        if (deck_distinct_stimuli(app->catalogue, req) < wanted) {
            snprintf(err, errlen, "%d picture%s could not be loaded (%.400s)", left_out,
                     left_out == 1 ? "" : "s", first);
            break;
        }
    }
    if (set && left_out > 0)
        snprintf(app->notice, sizeof app->notice,
                 "%d picture%s could not be loaded and %s left out (%.400s)", left_out,
                 left_out == 1 ? "" : "s", left_out == 1 ? "was" : "were", first);
    req->excluded = NULL;
    SDL_free(broken);
    return set;
}

SceneId scene_drill(AppContext *app)
{
    char err[512];
    uint64_t seed = app->seed_given ? app->seed : timing_seed();
    app->seed_given = false;
    Rng rng;
    rng_seed(&rng, seed);
    DrillRun run = {.app = app, .layout = layout_drill(app->ui)};
    Stimulus deck[DECK_MAX_COUNT];
    DeckRequest req;
    run.pictures = load_deck(&run, &rng, deck, &req, err, sizeof err);
    if (!run.pictures)
        return fail_to_home(app, err);
    DrillConfig config = drill_config_from(&app->settings, app->norms);
    SDL_DisplayMode mode;
    if (SDL_GetWindowDisplayMode(ui_window(app->ui), &mode) == 0 && mode.refresh_rate > 0)
        config.frame_ns = 1000000000LL / mode.refresh_rate;
    run.drill = drill_create(deck, (size_t)req.count, &config, rng_next(&rng));
    char started[32];
    timing_iso8601(started, sizeof started);
    run.start = (SessionStart){.profile_id = app->profile.id,
                               .settings = app->settings,
                               .seed = seed,
                               .started_at = started,
                               .frame_ns = config.frame_ns,
                               .pain_before = app->pain_before};
    if (!run.drill || store_session_begin(app->store, &run.start, &run.session_id)) {
        SceneId next = fail_to_home(app, run.drill ? store_errmsg(app->store) : "out of memory");
        drill_destroy(run.drill);
        pictures_destroy(run.pictures);
        return next;
    }
    run_loop(&run);

    scene_end_session(app, run.session_id, drill_stopped_early(run.drill), run.hurt);
    size_t finished;
    drill_results(run.drill, &finished);
    drill_destroy(run.drill);
    pictures_destroy(run.pictures);
    if (run.quit)
        return SCENE_QUIT;
    /* Ended before the first answer: there are no results to show. */
    app->results = finished > 0;
    return app->results || run.hurt ? SCENE_PAIN_AFTER : SCENE_HOME;
}
