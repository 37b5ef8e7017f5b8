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
#include "session_run.h"
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
#define CAMERA_NOTE_NS (6000 * NS_PER_MS) /* how long why there is no camera is said */

/* The instruction's card: a little lighter than the background. */
static const SDL_Color card = {248, 250, 251, 255};

typedef struct MirrorRun {
    SessionRun session; /* first: the runner's state */
    Mirror *mirror;
    MirrorLayout layout;
    LoopFrames *frames;        /* the loop on screen; NULL while the camera is used */
    const Exercise *frames_of; /* the exercise of frames */
    bool frames_failed;        /* the notice about frames was given */
    CameraView *camera;        /* NULL without the live camera, or once it failed */
    CameraState camera_state;
    const char *camera_note;   /* why the camera is not shown, for a few seconds; or NULL */
    int64_t camera_note_until; /* clock stamp it goes (0: not yet shown) */
    Tick *tick;                /* NULL when the tick is off or cannot be played */
    int64_t beat_at;           /* clock stamp of the last beat */
    bool beat_seen;            /* whether there has been a beat */
} MirrorRun;

/* The parts end at the frame that finds them over: no deadline. */
static SessionState op_state(const SessionRun *s)
{
    const Mirror *m = ((const MirrorRun *)s)->mirror;
    int phase = (int)mirror_phase(m);
    return (SessionState){phase, INT64_MAX, phase == MIRROR_PAUSED, phase == MIRROR_DONE,
                          mirror_stopped_early(m)};
}

/* The session's own steps, in SessionAct order; a beat that has come is
 * marked with the pulse and the tick. */
static void op_act(SessionRun *s, SessionAct act, int64_t t)
{
    static void (*const acts[])(Mirror *, int64_t) = {mirror_start, mirror_advance, mirror_pause,
                                                      mirror_resume, mirror_stop};
    MirrorRun *run = (MirrorRun *)s;
    acts[act](run->mirror, t);
    if (act == SESSION_ADVANCE && mirror_beat(run->mirror, t)) {
        run->beat_at = t;
        run->beat_seen = true;
        if (run->tick)
            tick_play(run->tick);
    }
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
    Ui *ui = run->session.app->ui;
    const MirrorLayout *l = &run->layout;
    scene_draw_pause(ui, &(PauseButtons){l->resume, l->end, l->hurt},
                     "The time is stopped. What you have done is kept.");
    if (next_applies(run->mirror))
        ui_button(ui, l->next, "Next exercise", UI_FONT_BODY, UI_STYLE_SECONDARY);
}

/* The beat: a ring that fills through the first half of each movement
 * cycle and empties through the second, so it follows the movement without
 * ever jumping, and whose centre swells softly and fades at each beat (the
 * start and the middle of a cycle). Not shown while watching. */
static void draw_beat(MirrorRun *run, int64_t now)
{
    Ui *ui = run->session.app->ui;
    SDL_Rect r = run->layout.beat;
    float cx = (float)r.x + (float)r.w / 2.0f, cy = (float)r.y + (float)r.h / 2.0f;
    float radius = (float)(r.w < r.h ? r.w : r.h) / 2.0f;
    float width = (float)ui_mm(ui, 1.2f);
    if (mirror_phase(run->mirror) == MIRROR_WATCH)
        return; /* nothing moves yet */
    ring_arc(ui_renderer(ui), cx, cy, radius, width, 1.0f, ring_track);
    MirrorFrame f = mirror_frame(run->mirror, now);
    double cycle = (f.frame + f.blend) / mirror_exercise(run->mirror)->frames;
    ring_arc(ui_renderer(ui), cx, cy, radius, width, (float)(1.0 - fabs(1.0 - 2.0 * cycle)),
             ui_accent);
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
    Ui *ui = run->session.app->ui;
    SDL_Rect stage = run->layout.stage;
    /* Why there is no camera: said plainly for a few seconds, then out of
     * the way. */
    if (run->camera_note && run->camera_note_until == 0)
        run->camera_note_until = now + CAMERA_NOTE_NS;
    else if (run->camera_note && now >= run->camera_note_until)
        run->camera_note = NULL;
    const char *notice =
        run->session.notice[0] || !run->camera_note ? run->session.notice : run->camera_note;
    int notice_h = scene_draw_notice(ui, notice, run->layout.instruction.x, stage.y,
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
                         run->session.app->mirror.side);
}

static void draw_frame(MirrorRun *run, int64_t now)
{
    Ui *ui = run->session.app->ui;
    const MirrorLayout *l = &run->layout;
    const Mirror *m = run->mirror;
    const MirrorSettings *s = &run->session.app->mirror;
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
    scene_draw_bar_title(ui, l->bar, l->pause, text);
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
    ui_text_panel(ui, UI_FONT_BODY, text, l->instruction, card);

    draw_beat(run, now);
    long long left = (long long)((mirror_remaining_ns(m, now) + NS_PER_S - 1) / NS_PER_S);
    snprintf(text, sizeof text, "%lld:%02lld left", left / 60, left % 60);
    ui_text(ui, UI_FONT_HEADING, text, l->clock.x + l->clock.w,
            l->clock.y + (l->clock.h - ui_line_height(ui, UI_FONT_HEADING)) / 2, UI_ALIGN_RIGHT,
            ui_text_colour);
}

static int op_save(SessionRun *s, size_t i)
{
    const Mirror *m = ((const MirrorRun *)s)->mirror;
    size_t n;
    const MirrorLogEntry *log = mirror_log(m, &n);
    if (i >= n)
        return 1;
    /* Only a part cut short by Stop is not completed: the last one of a
     * session stopped early. */
    bool cut = mirror_phase(m) == MIRROR_DONE && mirror_stopped_early(m) && i == n - 1;
    StepRecord step = {.step = (int)i + 1,
                       .phase = mirror_phase_name(log[i].phase),
                       .item = log[i].exercise,
                       .duration_ms = log[i].duration_ms,
                       .completed = !cut};
    return store_step_add(s->app->store, s->session_id, &step) ? -1 : 0;
}

static const SessionCore mirror_core = {.unsaved = "Some of the session could not be saved",
                                        .state = op_state,
                                        .act = op_act,
                                        .save = op_save};

/* The camera is not shown: the patient reads note (plain words) for a few
 * seconds; the device's details go to the program's log for the
 * therapist. */
static void camera_gone(MirrorRun *run, const char *note, const char *details)
{
    fprintf(stderr, "gmi-trainer: the camera cannot be used: %s\n", details);
    run->camera_note = note;
    run->camera_note_until = 0;
}

/* Follows the camera: a failure (at any time) shows its message and turns
 * the screen over to the guided movements for the rest of the session. */
static void update_camera(MirrorRun *run)
{
    if (!run->camera)
        return;
    CameraStatus status;
    run->camera_state = camera_view_update(run->camera, ui_renderer(run->session.app->ui), &status);
    if (run->camera_state != CAMERA_FAILED)
        return;
    camera_gone(run,
                status.fault == CAMERA_FAULT_NO_DEVICE
                    ? "No camera found: showing the movement pictures."
                    : "The camera could not be used: showing the movement pictures.",
                status.message);
    camera_view_destroy(run->camera);
    run->camera = NULL;
}

/* Keeps the frames of the exercise on screen loaded while the guided
 * movements are shown; frees them while the camera is used. */
static void update_frames(MirrorRun *run, int64_t now)
{
    AppContext *app = run->session.app;
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
        char text[sizeof run->session.notice];
        snprintf(text, sizeof text, "Some movement pictures could not be shown (%.400s).", err);
        session_notice(&run->session, text);
        run->frames_failed = true;
    }
}

/* On the break screen, "Next exercise" moves on as the break ends. */
static bool op_input(SessionRun *s, const UiInput *in, int64_t t)
{
    MirrorRun *run = (MirrorRun *)s;
    Mirror *m = run->mirror;
    if (mirror_phase(m) != MIRROR_PAUSED || !scene_pressed(in, run->layout.next) ||
        !next_applies(m))
        return false;
    mirror_resume(m, t);
    mirror_next(m, t);
    return true;
}

static void op_layout(SessionRun *s)
{
    MirrorLayout *l = &((MirrorRun *)s)->layout;
    *l = layout_mirror(s->app->ui);
    s->pause = l->pause;
    s->buttons = (PauseButtons){l->resume, l->end, l->hurt};
}

/* Follows the camera and the loop frames, then draws. */
static void op_draw(SessionRun *s, int64_t now)
{
    MirrorRun *run = (MirrorRun *)s;
    update_camera(run);
    update_frames(run, now);
    draw_frame(run, timing_now_ns());
}

static const SessionScreen mirror_screen = {
    .frame_ns = FRAME_NS, .layout = op_layout, .draw = op_draw, .input = op_input};

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

/* Starts the live camera mirror, or says why it cannot. */
static void start_camera(MirrorRun *run)
{
    char err[CAMERA_MESSAGE_MAX];
    CameraSource source;
    if (camera_v4l2_source(NULL, &source, err, sizeof err) != 0 ||
        !(run->camera =
              camera_view_create(&source, run->session.app->mirror.side, err, sizeof err))) {
        camera_gone(run, "The camera could not be used: showing the movement pictures.", err);
        return;
    }
    run->camera_state = CAMERA_STARTING;
}

SceneId scene_mirror(AppContext *app)
{
    char err[512];
    const MirrorSettings *s = &app->mirror;
    app->mode = MODE_MIRROR;
    app->seed_given = false; /* nothing in mirror therapy is random */
    MirrorRun run = {.mirror = NULL};
    session_init(&run.session, app, &mirror_core, &mirror_screen);
    if (mirror_settings_check(s, err, sizeof err) || check_frames(app, s->limb, err, sizeof err) ||
        !(run.mirror = mirror_create(app->exercises, s, err, sizeof err)))
        return session_fail(app, "mirror therapy", err);
    run.session.start = (SessionStart){.profile_id = app->profile.id,
                                       .mode = MODE_MIRROR,
                                       .limb = s->limb,
                                       .side = s->side,
                                       .planned_s = s->minutes * 60,
                                       .pace = mirror_pace_name(s->pace),
                                       .camera = app->camera,
                                       .pain_before = app->pain_before};
    if (session_begin(&run.session)) {
        mirror_destroy(run.mirror);
        return session_fail(app, "mirror therapy", store_errmsg(app->store));
    }
    if (app->camera)
        start_camera(&run);
    if (s->tick && !(run.tick = tick_create(&tick_beat, err, sizeof err))) {
        char text[sizeof run.session.notice];
        snprintf(text, sizeof text, "The tick cannot be played (%.400s), so the session is silent.",
                 err);
        session_notice(&run.session, text);
    }
    SceneId next = session_run(&run.session);
    tick_destroy(run.tick);
    camera_view_destroy(run.camera);
    loop_frames_destroy(run.frames);
    mirror_destroy(run.mirror);
    return next;
}
