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
#include "session_run.h"
#include "timing.h"

/* The countdown ring is redrawn this often while it runs: smooth, without
 * keeping the processor busy. */
#define FRAME_NS (1000000000LL / 30)
#define NS_PER_S 1000000000LL
#define NS_PER_MS 1000000LL

/* The instruction's card: a little lighter than the background. */
static const SDL_Color card = {248, 250, 251, 255};

typedef struct ImageryRun {
    SessionRun session; /* first: the runner's state */
    Imagery *set;
    PictureSet *pictures;
    ImageryLayout layout;
    char instruction[IMAGERY_INSTRUCTION_MAX];
} ImageryRun;

static SessionState op_state(const SessionRun *s)
{
    const Imagery *set = ((const ImageryRun *)s)->set;
    int phase = (int)imagery_phase(set);
    return (SessionState){phase, imagery_deadline(set), phase == IMAGERY_PAUSED,
                          phase == IMAGERY_DONE, imagery_stopped_early(set)};
}

/* The set's own steps, in SessionAct order. */
static void op_act(SessionRun *s, SessionAct act, int64_t t)
{
    static void (*const acts[])(Imagery *, int64_t) = {imagery_start, imagery_advance,
                                                       imagery_pause, imagery_resume, imagery_stop};
    acts[act](((ImageryRun *)s)->set, t);
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

static void op_layout(SessionRun *s)
{
    ImageryLayout *l = &((ImageryRun *)s)->layout;
    *l = layout_imagery(s->app->ui);
    s->pause = l->pause;
    s->buttons = (PauseButtons){l->resume, l->end, l->hurt};
}

static void op_draw(SessionRun *session, int64_t now)
{
    const ImageryRun *run = (const ImageryRun *)session;
    Ui *ui = session->app->ui;
    const ImageryLayout *l = &run->layout;
    const Imagery *set = run->set;
    const ImagerySettings *s = &session->app->imagery;
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
    scene_draw_bar_title(ui, l->bar, l->pause, text);
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
    scene_draw_notice(ui, session->notice, l->instruction.x, l->picture.y, l->instruction.w);
}

static int op_save(SessionRun *s, size_t i)
{
    size_t n;
    const ImageryRecord *records = imagery_records(((const ImageryRun *)s)->set, &n);
    if (i >= n)
        return 1;
    StepRecord step = {.step = (int)i + 1,
                       .phase = "hold",
                       .item = catalogue_get(s->app->catalogue, records[i].stimulus.picture)->id,
                       .duration_ms = records[i].held_ns / NS_PER_MS,
                       .completed = records[i].finished};
    return store_step_add(s->app->store, s->session_id, &step) ? -1 : 0;
}

static const SessionCore imagery_core = {.unsaved = "Some pictures could not be saved",
                                         .state = op_state,
                                         .act = op_act,
                                         .save = op_save};

/* Next (or Enter) ends the picture on screen, or the rest before one. */
static bool op_input(SessionRun *s, const UiInput *in, int64_t t)
{
    ImageryRun *run = (ImageryRun *)s;
    if (imagery_phase(run->set) == IMAGERY_PAUSED ||
        !(scene_key(in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(in, run->layout.next)))
        return false;
    imagery_next(run->set, t);
    return true;
}

static const SessionScreen imagery_screen = {
    .frame_ns = FRAME_NS, .layout = op_layout, .draw = op_draw, .input = op_input};

typedef struct PictureChoice {
    const Catalogue *catalogue;
    const ImagerySettings *settings;
    Rng *rng;
    Stimulus *pictures;
} PictureChoice;

static int choose_pictures(void *state, const bool *broken, char *err, size_t errlen)
{
    const PictureChoice *c = state;
    const ImagerySettings *s = c->settings;
    return imagery_pick(c->catalogue, s->limb, s->side, s->count, broken, c->rng, c->pictures, err,
                        errlen);
}

SceneId scene_imagery(AppContext *app)
{
    char err[512];
    const ImagerySettings *s = &app->imagery;
    app->mode = MODE_IMAGERY;
    uint64_t seed = app->seed_given ? app->seed : timing_seed();
    app->seed_given = false;
    if (imagery_settings_check(s, err, sizeof err))
        return session_fail(app, "imagined movements", err);
    Rng rng;
    rng_seed(&rng, seed);
    ImageryRun run = {.set = NULL};
    session_init(&run.session, app, &imagery_core, &imagery_screen);
    Stimulus pictures[IMAGERY_COUNT_MAX];
    PictureChoice choice = {app->catalogue, s, &rng, pictures};
    run.pictures =
        session_load_pictures(&run.session, choose_pictures, &choice, pictures, (size_t)s->count,
                              run.layout.picture, false, err, sizeof err);
    if (!run.pictures)
        return session_fail(app, "imagined movements", err);
    imagery_instruction(s->limb, s->side, run.instruction, sizeof run.instruction);
    run.set = imagery_create(s, pictures, err, sizeof err);
    run.session.start = (SessionStart){.profile_id = app->profile.id,
                                       .mode = MODE_IMAGERY,
                                       .limb = s->limb,
                                       .side = s->side,
                                       .count = s->count,
                                       .hold_ms = s->hold_ms,
                                       .rest_ms = s->rest_ms,
                                       .self_paced = s->pace == IMAGERY_SELF_PACED,
                                       .seed = seed,
                                       .pain_before = app->pain_before};
    SceneId next;
    if (!run.set)
        next = session_fail(app, "imagined movements", err);
    else if (session_begin(&run.session))
        next = session_fail(app, "imagined movements", store_errmsg(app->store));
    else
        next = session_run(&run.session);
    imagery_destroy(run.set);
    pictures_destroy(run.pictures);
    return next;
}
