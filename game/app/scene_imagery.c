/* The explicit motor imagery screen (stage 2): posture pictures of the
 * affected limb one at a time, each with its instruction and a countdown,
 * a rest screen between them, Next under the right thumb and Pause always
 * in reach.
 *
 * Every picture of the set is decoded before the first is shown. Each
 * picture's step is written to the database as soon as the picture ends,
 * so a crash loses at most the picture on screen. */
#include <stdio.h>

#include "imagery.h"
#include "layout.h"
#include "pictures.h"
#include "ring.h"
#include "rng.h"
#include "scenes.h"
#include "timing.h"

/* The countdown ring is redrawn this often while it runs: smooth, without
 * keeping the processor busy. */
#define FRAME_NS (1000000000LL / 30)
#define NS_PER_S 1000000000LL
#define NS_PER_MS 1000000LL

/* The instruction's card: a little lighter than the background. */
static const SDL_Color card = {248, 250, 251, 255};

typedef struct ImageryRun {
    AppContext *app;
    Imagery *set;
    PictureSet *pictures;
    ImageryLayout layout;
    SessionStart start;
    int64_t session_id;
    size_t saved; /* pictures already in the database */
    bool moved;   /* the set was moved to a fresh database */
    bool quit;
    bool hurt; /* stopped with "Stop, it hurts" */
    bool save_failed;
    char instruction[IMAGERY_INSTRUCTION_MAX];
    /* What this screen has to say (also left in app->notice for the home
     * screen); a notice from before the set is not shown here. */
    char notice[sizeof((AppContext *)0)->notice];
} ImageryRun;

static void show_notice(ImageryRun *run, const char *text)
{
    snprintf(run->notice, sizeof run->notice, "%s", text);
    snprintf(run->app->notice, sizeof run->app->notice, "%s", text);
}

/* Whole seconds for a countdown: a 10 s hold reads 10 at its start. */
static long long seconds_up(int64_t ns)
{
    return (long long)((ns + NS_PER_S - 1) / NS_PER_S);
}

/* The countdown: a ring that empties as the time runs out, the seconds
 * left inside it. */
static void draw_countdown(Ui *ui, SDL_Rect r, int64_t left_ns, int64_t total_ns)
{
    SDL_Renderer *renderer = ui_renderer(ui);
    float cx = (float)r.x + (float)r.w / 2.0f, cy = (float)r.y + (float)r.h / 2.0f;
    float radius = (float)(r.w < r.h ? r.w : r.h) / 2.0f;
    float width = (float)ui_mm(ui, 1.8f);
    ring_arc(renderer, cx, cy, radius, width, 1.0f, ring_track);
    ring_arc(renderer, cx, cy, radius, width,
             total_ns > 0 ? (float)((double)left_ns / (double)total_ns) : 0.0f, ui_accent);
    char text[24];
    snprintf(text, sizeof text, "%lld s", seconds_up(left_ns));
    ui_text_centred(ui, UI_FONT_HEADING, text, r, ui_text_colour);
}

static void draw_frame(ImageryRun *run, int64_t now)
{
    Ui *ui = run->app->ui;
    const ImageryLayout *l = &run->layout;
    const Imagery *set = run->set;
    const ImagerySettings *s = &run->app->imagery;
    ImageryPhase phase = imagery_phase(set);
    ui_clear(ui);
    if (phase == IMAGERY_PAUSED) {
        scene_draw_pause(ui, &(PauseButtons){l->resume, l->end, l->hurt},
                         "The pictures you have done are kept.");
        return;
    }
    char text[IMAGERY_INSTRUCTION_MAX + 48];
    snprintf(text, sizeof text, "%s %zu of %zu",
             phase == IMAGERY_REST ? "Rest, then picture" : "Picture", imagery_position(set) + 1,
             imagery_count(set));
    ui_text(ui, UI_FONT_BODY, text, l->bar.x + ui_mm(ui, 4.0f),
            l->bar.y + (l->bar.h - ui_line_height(ui, UI_FONT_BODY)) / 2, UI_ALIGN_LEFT,
            ui_muted_colour);
    ui_button(ui, l->pause, "Pause", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->next, "Next", UI_FONT_HEADING, UI_STYLE_PRIMARY);
    int64_t left = imagery_remaining_ns(set, now);
    int total_ms = phase == IMAGERY_HOLD ? s->hold_ms : s->rest_ms;
    draw_countdown(ui, l->timer, left, total_ms * NS_PER_MS);
    if (phase == IMAGERY_HOLD) {
        pictures_draw(run->pictures, ui_renderer(ui), imagery_current(set), l->picture, false);
        bool waiting = s->pace == IMAGERY_SELF_PACED && left == 0;
        snprintf(text, sizeof text, "%s%s", run->instruction,
                 waiting ? "\nWhen you are ready, tap Next." : "");
        ui_text_panel(ui, UI_FONT_BODY, text, l->instruction.x, l->instruction.y, l->instruction.w,
                      card);
    } else {
        int mid = l->picture.y + l->picture.h / 2;
        ui_text(ui, UI_FONT_TITLE, "Rest", ui_width(ui) / 2,
                mid - ui_line_height(ui, UI_FONT_TITLE), UI_ALIGN_CENTRE, ui_text_colour);
        snprintf(text, sizeof text, "Next picture in %lld s", seconds_up(left));
        ui_text(ui, UI_FONT_BODY, text, ui_width(ui) / 2, mid + ui_mm(ui, 2.0f), UI_ALIGN_CENTRE,
                ui_muted_colour);
    }
    scene_draw_notice(ui, run->notice, l->instruction.x, l->picture.y, l->instruction.w);
}

/* Writes the pictures that have ended since the last call, each in its own
 * transaction. One that cannot be written stays in memory and is tried
 * again at the next call. */
static void save_pending(ImageryRun *run)
{
    AppContext *app = run->app;
    size_t n;
    const ImageryRecord *records = imagery_records(run->set, &n);
    while (run->saved < n) {
        const ImageryRecord *r = &records[run->saved];
        StepRecord step = {.step = (int)run->saved + 1,
                           .phase = "hold",
                           .item = catalogue_get(app->catalogue, r->stimulus.picture)->id,
                           .duration_ms = r->held_ns / NS_PER_MS,
                           .completed = r->finished};
        if (store_step_add(app->store, run->session_id, &step)) {
            /* A damaged file: the set stops and goes on in a fresh one. */
            if (!run->moved &&
                scene_session_move(app, &run->start, &run->session_id, &run->saved)) {
                run->moved = true;
                imagery_stop(run->set, timing_now_ns());
                save_pending(run);
                return;
            }
            if (!app->store) {
                run->quit = true;
                imagery_stop(run->set, timing_now_ns());
                return;
            }
            char text[sizeof run->notice];
            snprintf(text, sizeof text, "Some pictures could not be saved: %.400s",
                     store_errmsg(app->store));
            show_notice(run, text);
            run->save_failed = true;
            return;
        }
        run->saved++;
    }
    if (run->save_failed) {
        show_notice(run, "");
        run->save_failed = false;
    }
}

/* Handles one event dequeued at t. Returns whether the screen may have
 * changed. */
static bool handle_event(ImageryRun *run, const SDL_Event *event, int64_t t)
{
    UiInput in = ui_translate(run->app->ui, event);
    Imagery *set = run->set;
    const ImageryLayout *l = &run->layout;
    switch (in.kind) {
    case UI_INPUT_QUIT:
        run->quit = true;
        imagery_stop(set, t);
        return false;
    case UI_INPUT_REDRAW:
        run->layout = layout_imagery(run->app->ui);
        return true;
    case UI_INPUT_NONE:
        return false;
    case UI_INPUT_PRESS:
    case UI_INPUT_KEY:
        break;
    }
    if (imagery_phase(set) == IMAGERY_PAUSED) {
        PauseChoice choice = scene_pause_choice(&in, &(PauseButtons){l->resume, l->end, l->hurt});
        if (choice == PAUSE_RESUME)
            imagery_resume(set, t);
        else if (choice != PAUSE_NONE) {
            run->hurt = choice == PAUSE_HURT;
            imagery_stop(set, t);
        }
    } else if (scene_key(&in, SDLK_ESCAPE, SDLK_PAUSE) || scene_pressed(&in, l->pause)) {
        imagery_pause(set, t);
    } else if (scene_key(&in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(&in, l->next)) {
        imagery_next(set, t);
    }
    return true;
}

static void run_loop(ImageryRun *run)
{
    Imagery *set = run->set;
    SDL_Renderer *renderer = ui_renderer(run->app->ui);
    imagery_start(set, timing_now_ns());
    bool redraw = true;
    int64_t next_frame = 0;
    for (;;) {
        int64_t now = timing_now_ns();
        imagery_advance(set, now);
        save_pending(run);
        ImageryPhase phase = imagery_phase(set);
        if (phase == IMAGERY_DONE)
            break;
        /* A paused screen changes only on input; the countdown moves. */
        bool moving = phase != IMAGERY_PAUSED;
        if (redraw || (moving && now >= next_frame)) {
            draw_frame(run, now);
            SDL_RenderPresent(renderer);
            redraw = false;
            next_frame = now + FRAME_NS;
        }
        int64_t until = now + NS_PER_S;
        if (moving)
            until = next_frame < imagery_deadline(set) ? next_frame : imagery_deadline(set);
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, scene_wait_ms(until, timing_now_ns()))) {
            do
                redraw |= handle_event(run, &event, timing_now_ns());
            while (!run->quit && SDL_PollEvent(&event));
        }
    }
}

static SceneId fail_to_home(AppContext *app, const char *why)
{
    snprintf(app->notice, sizeof app->notice, "The imagined movements cannot start: %.460s", why);
    return SCENE_HOME;
}

/* Chooses the set's pictures and loads them. A picture that is missing or
 * broken is left out, with a warning in app->notice, and the set is chosen
 * again from the others; with none left the set cannot start. Returns the
 * pictures, or NULL with the reason in err. */
static PictureSet *load_pictures(ImageryRun *run, Rng *rng, Stimulus *pictures, char *err,
                                 size_t errlen)
{
    AppContext *app = run->app;
    const ImagerySettings *s = &app->imagery;
    size_t npictures = catalogue_count(app->catalogue);
    bool *broken = SDL_calloc(npictures ? npictures : 1, sizeof *broken);
    if (!broken) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int left_out = 0;
    char first[512] = "";
    PictureSet *set = NULL;
    for (;;) {
        if (imagery_pick(app->catalogue, s->limb, s->side, s->count, broken, rng, pictures, err,
                         errlen)) {
            if (left_out > 0)
                snprintf(err, errlen, "%d picture%s could not be loaded (%.400s)", left_out,
                         left_out == 1 ? "" : "s", first);
            break;
        }
        int nbroken = 0;
        set = pictures_load(ui_renderer(app->ui), app->catalogue, pictures, (size_t)s->count,
                            app->assets_dir, run->layout.picture, false, broken, &nbroken, err,
                            errlen);
        if (!set || nbroken == 0)
            break;
        pictures_destroy(set);
        set = NULL;
        if (left_out == 0)
            snprintf(first, sizeof first, "%s", err);
        left_out += nbroken;
    }
    if (set && left_out > 0) {
        char text[sizeof run->notice];
        snprintf(text, sizeof text, "%d picture%s could not be loaded and %s left out (%.400s)",
                 left_out, left_out == 1 ? "" : "s", left_out == 1 ? "was" : "were", first);
        show_notice(run, text);
    }
    SDL_free(broken);
    return set;
}

SceneId scene_imagery(AppContext *app)
{
    char err[512];
    const ImagerySettings *s = &app->imagery;
    app->mode = MODE_IMAGERY;
    uint64_t seed = app->seed_given ? app->seed : timing_seed();
    app->seed_given = false;
    if (imagery_settings_check(s, err, sizeof err))
        return fail_to_home(app, err);
    Rng rng;
    rng_seed(&rng, seed);
    ImageryRun run = {.app = app, .layout = layout_imagery(app->ui)};
    Stimulus pictures[IMAGERY_COUNT_MAX];
    run.pictures = load_pictures(&run, &rng, pictures, err, sizeof err);
    if (!run.pictures)
        return fail_to_home(app, err);
    imagery_instruction(s->limb, s->side, run.instruction, sizeof run.instruction);
    run.set = imagery_create(s, pictures, err, sizeof err);
    char started[32];
    timing_iso8601(started, sizeof started);
    run.start = (SessionStart){.profile_id = app->profile.id,
                               .mode = MODE_IMAGERY,
                               .limb = s->limb,
                               .side = s->side,
                               .count = s->count,
                               .hold_ms = s->hold_ms,
                               .rest_ms = s->rest_ms,
                               .self_paced = s->pace == IMAGERY_SELF_PACED,
                               .seed = seed,
                               .started_at = started,
                               .pain_before = app->pain_before};
    if (!run.set || store_session_begin(app->store, &run.start, &run.session_id)) {
        SceneId next = fail_to_home(app, run.set ? store_errmsg(app->store) : err);
        imagery_destroy(run.set);
        pictures_destroy(run.pictures);
        return next;
    }
    run_loop(&run);

    scene_end_session(app, run.session_id, imagery_stopped_early(run.set), run.hurt);
    imagery_destroy(run.set);
    pictures_destroy(run.pictures);
    return run.quit ? SCENE_QUIT : SCENE_PAIN_AFTER;
}
