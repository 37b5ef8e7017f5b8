/* The mirror-therapy screen (stage 3): a healthy limb where the affected
 * one should be, first still, then moving slowly, then through the
 * exercises, while the patient keeps the affected limb hidden and tries
 * the same movement. The limb is a guided movement loop (its frames
 * cross-faded so slow movement stays smooth) or, where a camera works, the
 * camera's split mirror. A gentle pulse, and a soft tick if asked for,
 * mark the beat; the session timer runs only while the screen does.
 *
 * Disk work is kept off the animation: the loop frames are read on their
 * own thread (loop_frames.h), the camera captures on its own thread
 * (camera.h), and each finished part is written to the database at the
 * part's end, its own transaction. */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "camera_view.h"
#include "layout.h"
#include "loop_frames.h"
#include "mirror.h"
#include "ring.h"
#include "scenes.h"
#include "tick.h"
#include "timing.h"

/* The animation is drawn this often: with the cross-fade between frames,
 * slow movement looks smooth without keeping the processor busy. */
#define FRAME_NS (1000000000LL / 30)
#define NS_PER_S 1000000000LL
#define NS_PER_MS 1000000LL

/* How long the beat's pulse lasts: it swells and fades smoothly, never a
 * flash. */
#define PULSE_NS (600 * NS_PER_MS)

/* The instruction's card: a little lighter than the background. */
static const SDL_Color card = {248, 250, 251, 255};

typedef struct MirrorRun {
    AppContext *app;
    Mirror *mirror;
    MirrorLayout layout;
    SessionStart start;
    int64_t session_id;
    size_t saved; /* log entries already in the database */
    bool moved;   /* the session was moved to a fresh database */
    bool quit;
    bool hurt; /* stopped with "Stop, it hurts" */
    bool save_failed;
    LoopFrames *frames;        /* the loop on screen; NULL while the camera is used */
    const Exercise *frames_of; /* the exercise of frames */
    bool frames_failed;        /* the notice about frames was given */
    CameraView *camera;        /* NULL without the live camera, or once it failed */
    CameraState camera_state;
    Tick *tick;      /* NULL when the tick is off or cannot be played */
    int64_t beat_at; /* clock stamp of the last beat */
    bool beat_seen;  /* whether there has been a beat */
    /* What this screen has to say (also left in app->notice for the home
     * screen); a notice from before the session is not shown here. */
    char notice[sizeof((AppContext *)0)->notice];
} MirrorRun;

static void show_notice(MirrorRun *run, const char *text)
{
    snprintf(run->notice, sizeof run->notice, "%s", text);
    snprintf(run->app->notice, sizeof run->app->notice, "%s", text);
}

/* Whether "Next exercise" would move on from the part paused on. */
static bool next_applies(const Mirror *m)
{
    MirrorPhase phase = mirror_paused_phase(m);
    return phase == MIRROR_WATCH || phase == MIRROR_SLOW ||
           (phase == MIRROR_EXERCISES &&
            mirror_exercise_position(m) + 1 < mirror_exercise_count(m));
}

static void draw_paused(MirrorRun *run)
{
    Ui *ui = run->app->ui;
    const MirrorLayout *l = &run->layout;
    scene_draw_pause(ui, &(PauseButtons){l->resume, l->end, l->hurt},
                     "The time is stopped. What you have done is kept.");
    if (next_applies(run->mirror))
        ui_button(ui, l->next, "Next exercise", UI_FONT_BODY, UI_STYLE_SECONDARY);
}

/* The beat: a ring that fills through the first half of each movement
 * cycle and empties through the second, so it follows the movement without
 * ever jumping, and whose centre swells softly and fades at each beat (the
 * start and the middle of a cycle). Still while watching. */
static void draw_beat(MirrorRun *run, int64_t now)
{
    Ui *ui = run->app->ui;
    SDL_Rect r = run->layout.beat;
    float cx = (float)r.x + (float)r.w / 2.0f, cy = (float)r.y + (float)r.h / 2.0f;
    float radius = (float)(r.w < r.h ? r.w : r.h) / 2.0f;
    float width = (float)ui_mm(ui, 1.2f);
    ring_arc(ui_renderer(ui), cx, cy, radius, width, 1.0f, ring_track);
    if (mirror_phase(run->mirror) != MIRROR_WATCH) {
        MirrorFrame f = mirror_frame(run->mirror, now);
        double cycle = (f.frame + f.blend) / mirror_exercise(run->mirror)->frames;
        ring_arc(ui_renderer(ui), cx, cy, radius, width, (float)(1.0 - fabs(1.0 - 2.0 * cycle)),
                 ui_accent);
    }
    int64_t since = now - run->beat_at;
    if (!run->beat_seen || since < 0 || since >= PULSE_NS)
        return;
    float pulse = sinf(3.14159265f * (float)since / (float)PULSE_NS);
    SDL_Color c = ui_accent;
    c.a = (Uint8)(150.0f * pulse);
    ring_disc(ui_renderer(ui), cx, cy, radius * (0.4f + 0.2f * pulse), c);
}

static void draw_stage(MirrorRun *run, int64_t now)
{
    Ui *ui = run->app->ui;
    SDL_Rect stage = run->layout.stage;
    int notice_h = scene_draw_notice(ui, run->notice, run->layout.instruction.x, stage.y,
                                     run->layout.instruction.w);
    if (notice_h > 0) {
        int taken = notice_h + ui_mm(ui, 2.0f);
        stage.y += taken;
        stage.h -= taken;
    }
    if (run->camera && run->camera_state == CAMERA_RUNNING)
        camera_view_draw(run->camera, ui_renderer(ui), stage);
    else if (run->camera)
        ui_text_centred(ui, UI_FONT_HEADING, "Starting the camera\xe2\x80\xa6", stage,
                        ui_muted_colour);
    else if (run->frames)
        loop_frames_draw(run->frames, ui_renderer(ui), mirror_frame(run->mirror, now), stage,
                         run->app->mirror.side);
}

static void draw_frame(MirrorRun *run, int64_t now)
{
    Ui *ui = run->app->ui;
    const MirrorLayout *l = &run->layout;
    const Mirror *m = run->mirror;
    const MirrorSettings *s = &run->app->mirror;
    ui_clear(ui);
    if (mirror_phase(m) == MIRROR_PAUSED) {
        draw_paused(run);
        return;
    }
    MirrorPhase phase = mirror_phase(m);
    const Exercise *e = mirror_exercise(m);
    char text[EXERCISE_INSTRUCTION_MAX + 160];
    if (phase == MIRROR_WATCH)
        snprintf(text, sizeof text, "Watch");
    else if (phase == MIRROR_SLOW)
        snprintf(text, sizeof text, "Slowly");
    else
        snprintf(text, sizeof text, "Exercise %zu of %zu", mirror_exercise_position(m) + 1,
                 mirror_exercise_count(m));
    ui_text(ui, UI_FONT_BODY, text, l->bar.x + ui_mm(ui, 4.0f),
            l->bar.y + (l->bar.h - ui_line_height(ui, UI_FONT_BODY)) / 2, UI_ALIGN_LEFT,
            ui_muted_colour);
    ui_button(ui, l->pause, "Pause", UI_FONT_BODY, UI_STYLE_SECONDARY);

    if (phase == MIRROR_WATCH)
        snprintf(text, sizeof text, "Watch the %s", limb_name(s->limb));
    else
        snprintf(text, sizeof text, "%s", e->title);
    ui_text(ui, UI_FONT_HEADING, text, ui_width(ui) / 2, l->title_y, UI_ALIGN_CENTRE,
            ui_text_colour);
    draw_stage(run, now);

    const char *limb = limb_name(s->limb), *side = side_name(s->side);
    if (phase == MIRROR_WATCH && run->camera)
        snprintf(text, sizeof text,
                 "Keep your %s %s still and out of view. Watch the screen as if both were yours.",
                 side, limb);
    else if (phase == MIRROR_WATCH)
        snprintf(text, sizeof text,
                 "Keep your %s %s still and hidden. Watch this %s as if it were your own.", side,
                 limb, limb);
    else
        snprintf(text, sizeof text, "%s.", e->instruction);
    ui_text_panel(ui, UI_FONT_BODY, text, l->instruction.x, l->instruction.y, l->instruction.w,
                  card);

    draw_beat(run, now);
    long long left = (long long)((mirror_remaining_ns(m, now) + NS_PER_S - 1) / NS_PER_S);
    snprintf(text, sizeof text, "%lld:%02lld left", left / 60, left % 60);
    ui_text(ui, UI_FONT_HEADING, text, l->clock.x + l->clock.w,
            l->clock.y + (l->clock.h - ui_line_height(ui, UI_FONT_HEADING)) / 2, UI_ALIGN_RIGHT,
            ui_text_colour);
}

/* Writes the parts that have ended since the last call, each in its own
 * transaction. One that cannot be written stays in memory and is tried
 * again at the next call. */
static void save_pending(MirrorRun *run)
{
    AppContext *app = run->app;
    size_t n;
    const MirrorLogEntry *log = mirror_log(run->mirror, &n);
    /* Only a part cut short by Stop is not completed: the last one of a
     * session stopped early. */
    bool cut = mirror_phase(run->mirror) == MIRROR_DONE && mirror_stopped_early(run->mirror);
    while (run->saved < n) {
        const MirrorLogEntry *e = &log[run->saved];
        StepRecord step = {.step = (int)run->saved + 1,
                           .phase = mirror_phase_name(e->phase),
                           .item = e->exercise,
                           .duration_ms = e->duration_ms,
                           .completed = !(cut && run->saved == n - 1)};
        if (store_step_add(app->store, run->session_id, &step)) {
            /* A damaged file: the session stops and goes on in a fresh one. */
            if (!run->moved &&
                scene_session_move(app, &run->start, &run->session_id, &run->saved)) {
                run->moved = true;
                mirror_stop(run->mirror, timing_now_ns());
                save_pending(run);
                return;
            }
            if (!app->store) {
                run->quit = true;
                mirror_stop(run->mirror, timing_now_ns());
                return;
            }
            char text[sizeof run->notice];
            snprintf(text, sizeof text, "Some of the session could not be saved: %.400s",
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

/* Follows the camera: a failure (at any time) shows its message and turns
 * the screen over to the guided movements for the rest of the session. */
static void update_camera(MirrorRun *run)
{
    if (!run->camera)
        return;
    CameraStatus status;
    run->camera_state = camera_view_update(run->camera, ui_renderer(run->app->ui), &status);
    if (run->camera_state != CAMERA_FAILED)
        return;
    show_notice(run, status.message);
    camera_view_destroy(run->camera);
    run->camera = NULL;
}

/* Keeps the frames of the exercise on screen loaded while the guided
 * movements are shown; frees them while the camera is used. */
static void update_frames(MirrorRun *run, int64_t now)
{
    AppContext *app = run->app;
    if (run->camera) {
        loop_frames_destroy(run->frames);
        run->frames = NULL;
        run->frames_of = NULL;
        return;
    }
    const Exercise *e = mirror_exercise(run->mirror);
    bool fresh = e != run->frames_of;
    char err[LOOP_FRAMES_PATH_MAX + 256] = "";
    if (fresh) {
        loop_frames_destroy(run->frames);
        run->frames_of = e;
        run->frames_failed = false;
        run->frames = loop_frames_create(e, app->assets_dir, run->layout.stage.w,
                                         run->layout.stage.h, err, sizeof err);
    }
    bool failed =
        !run->frames || loop_frames_update(run->frames, ui_renderer(app->ui),
                                           mirror_frame(run->mirror, now), fresh, err, sizeof err);
    if (failed && !run->frames_failed) {
        char text[sizeof run->notice];
        snprintf(text, sizeof text, "Some movement pictures could not be shown (%.400s).", err);
        show_notice(run, text);
        run->frames_failed = true;
    }
}

/* Handles one event dequeued at t. Returns whether the screen may have
 * changed. */
static bool handle_event(MirrorRun *run, const SDL_Event *event, int64_t t)
{
    UiInput in = ui_translate(run->app->ui, event);
    Mirror *m = run->mirror;
    const MirrorLayout *l = &run->layout;
    switch (in.kind) {
    case UI_INPUT_QUIT:
        run->quit = true;
        mirror_stop(m, t);
        return false;
    case UI_INPUT_REDRAW:
        run->layout = layout_mirror(run->app->ui);
        return true;
    case UI_INPUT_NONE:
        return false;
    case UI_INPUT_PRESS:
    case UI_INPUT_KEY:
        break;
    }
    if (mirror_phase(m) == MIRROR_PAUSED) {
        PauseChoice choice = scene_pause_choice(&in, &(PauseButtons){l->resume, l->end, l->hurt});
        if (choice == PAUSE_RESUME) {
            mirror_resume(m, t);
        } else if (scene_pressed(&in, l->next) && next_applies(m)) {
            mirror_resume(m, t);
            mirror_next(m, t);
        } else if (choice != PAUSE_NONE) {
            run->hurt = choice == PAUSE_HURT;
            mirror_stop(m, t);
        }
    } else if (scene_key(&in, SDLK_ESCAPE, SDLK_PAUSE) || scene_pressed(&in, l->pause)) {
        mirror_pause(m, t);
    }
    return true;
}

static void run_loop(MirrorRun *run)
{
    Mirror *m = run->mirror;
    SDL_Renderer *renderer = ui_renderer(run->app->ui);
    mirror_start(m, timing_now_ns());
    bool redraw = true;
    int64_t next_frame = 0;
    for (;;) {
        int64_t now = timing_now_ns();
        mirror_advance(m, now);
        save_pending(run);
        if (mirror_phase(m) == MIRROR_DONE)
            break;
        if (mirror_beat(m, now)) {
            run->beat_at = now;
            run->beat_seen = true;
            if (run->tick)
                tick_play(run->tick);
        }
        bool moving = mirror_phase(m) != MIRROR_PAUSED;
        if (redraw || (moving && now >= next_frame)) {
            update_camera(run);
            update_frames(run, now);
            draw_frame(run, timing_now_ns());
            SDL_RenderPresent(renderer);
            redraw = false;
            next_frame = now + FRAME_NS;
        }
        /* Paused, the screen changes only on input. */
        int64_t until = moving ? next_frame : now + NS_PER_S;
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
    snprintf(app->notice, sizeof app->notice, "The mirror therapy cannot start: %.460s", why);
    return SCENE_HOME;
}

/* Checks that every frame of every exercise of the limb can be read, so a
 * missing picture stops the session before it starts rather than leaving
 * the stage empty halfway through. Returns 0, or -1 naming the file. */
static int check_frames(const AppContext *app, Limb limb, char *err, size_t errlen)
{
    for (size_t i = 0; i < exercises_count(app->exercises); i++) {
        const Exercise *e = exercises_get(app->exercises, i);
        for (int f = 0; e->limb == limb && f < e->frames; f++) {
            char path[LOOP_FRAMES_PATH_MAX];
            if (loop_frames_path(e, f, app->assets_dir, path, sizeof path))
                return snprintf(err, errlen, "the path of frame %d of %s is too long", f, e->id),
                       -1;
            if (access(path, R_OK) != 0)
                return snprintf(err, errlen, "the movement picture %.400s cannot be read", path),
                       -1;
        }
    }
    return 0;
}

/* Starts the live camera mirror, or says in the notice why it cannot. */
static void start_camera(MirrorRun *run)
{
    char err[CAMERA_MESSAGE_MAX], text[sizeof run->notice];
    CameraSource source;
    if (camera_v4l2_source(NULL, &source, err, sizeof err) != 0) {
        snprintf(text, sizeof text,
                 "The camera cannot be used (%.400s), so the guided movements are shown instead.",
                 err);
        show_notice(run, text);
        return;
    }
    run->camera = camera_view_create(&source, run->app->mirror.side, err, sizeof err);
    run->camera_state = CAMERA_STARTING;
    if (!run->camera)
        show_notice(run, err);
}

SceneId scene_mirror(AppContext *app)
{
    char err[512];
    const MirrorSettings *s = &app->mirror;
    app->mode = MODE_MIRROR;
    app->seed_given = false; /* nothing in mirror therapy is random */
    MirrorRun run = {.app = app, .layout = layout_mirror(app->ui)};
    if (mirror_settings_check(s, err, sizeof err) || check_frames(app, s->limb, err, sizeof err) ||
        !(run.mirror = mirror_create(app->exercises, s, err, sizeof err)))
        return fail_to_home(app, err);
    char started[32];
    timing_iso8601(started, sizeof started);
    run.start = (SessionStart){.profile_id = app->profile.id,
                               .mode = MODE_MIRROR,
                               .limb = s->limb,
                               .side = s->side,
                               .planned_s = s->minutes * 60,
                               .pace = mirror_pace_name(s->pace),
                               .camera = app->camera,
                               .started_at = started,
                               .pain_before = app->pain_before};
    if (store_session_begin(app->store, &run.start, &run.session_id)) {
        mirror_destroy(run.mirror);
        return fail_to_home(app, store_errmsg(app->store));
    }
    if (app->camera)
        start_camera(&run);
    if (s->tick && !(run.tick = tick_create(err, sizeof err))) {
        char text[sizeof run.notice];
        snprintf(text, sizeof text, "The tick cannot be played (%.400s), so the session is silent.",
                 err);
        show_notice(&run, text);
    }
    run_loop(&run);

    scene_end_session(app, run.session_id, mirror_stopped_early(run.mirror), run.hurt);
    tick_destroy(run.tick);
    camera_view_destroy(run.camera);
    loop_frames_destroy(run.frames);
    mirror_destroy(run.mirror);
    return run.quit ? SCENE_QUIT : SCENE_PAIN_AFTER;
}
