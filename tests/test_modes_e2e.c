/* Imagined movements, mirror therapy and touch practice end to end: the real trainer
 * (app_run) under SDL's dummy video driver and software renderer, driven
 * through the event queue by a thread pressing keys, clicking and
 * touching, then checked through the stored rows. And the parts of the
 * mirror-therapy screen that need no window: the camera view's split
 * mirror, pixel by pixel, over the fake camera; the loop frames, drawn on
 * the affected side and cross-faded; the tick's sound.
 *
 * Usage: test_modes_e2e SCENARIO WORKDIR, SCENARIO one of imagery,
 * imagery_hurt, mirror_skip, mirror_full, touch, touch_hurt, touch_crash,
 * touch_no_icon, touch_words, affected, describe, camera_view, loop_frames,
 * tick. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "camera_fake.h"
#include "camera_view.h"
#include "catalogue.h"
#include "check.h"
#include "drive.h"
#include "exercises.h"
#include "imagery.h"
#include "layout.h"
#include "loop_frames.h"
#include "rng.h"
#include "scenes.h"
#include "store.h"
#include "tick.h"
#include "ui.h"

static char db_path[600], work_dir[400];

/* The folder holding assets/ and data/, as the trainer finds it. */
static const char *resource_dir(void)
{
    const char *dir = getenv("GMI_RESOURCE_DIR");
    return dir && *dir ? dir : GMI_RESOURCE_DIR;
}

/* ---- Driving the trainer ---- */

/* Where the buttons are: a Ui made like the trainer's, on the same driver,
 * has the same size, so its layouts are the trainer's. */
typedef struct Targets {
    ImageryLayout imagery;
    MirrorLayout mirror;
    FormLayout ratings;    /* after imagery: pain and vividness */
    FormLayout discomfort; /* touch practice: after each step; also the pain
                            * rating alone, the same form */
    HomeLayout home;
    FormLayout patient; /* the therapist area's Patient tab */
    int width, height;  /* the window's */
} Targets;

static Targets targets;

static int find_targets(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return -1;
    char regular[600], bold[600], err[256];
    snprintf(regular, sizeof regular, "%s/assets/fonts/DejaVuSans.ttf", resource_dir());
    snprintf(bold, sizeof bold, "%s/assets/fonts/DejaVuSans-Bold.ttf", resource_dir());
    UiConfig config = {.title = "GMI Trainer",
                       .fullscreen = false,
                       .width = 1280,
                       .height = 800,
                       .font_regular = regular,
                       .font_bold = bold};
    Ui *ui = ui_create(&config, err, sizeof err);
    CHECK_MSG(ui != NULL, "%s", err);
    if (ui) {
        targets.imagery = layout_imagery(ui);
        targets.mirror = layout_mirror(ui);
        /* The ratings screen's form (scene_pain.c). */
        const int rows[2] = {11, 5};
        FormSpec spec = {
            .rows = 2, .choices = rows, .title = true, .stacked = true, .actions = true};
        targets.ratings = layout_form(ui, &spec);
        /* The discomfort question after a touch step (scene_touch.c). */
        spec.rows = 1;
        targets.discomfort = layout_form(ui, &spec);
        targets.home = layout_home(ui, 3);
        /* The therapist area's Patient tab (scene_therapist.c). */
        const int patient_rows[5] = {3, 2, 3, 3, 3};
        targets.patient = layout_area(ui, 5, patient_rows);
        targets.width = ui_width(ui);
        targets.height = ui_height(ui);
    }
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
    return ui ? 0 : -1;
}

static void press_enter(void)
{
    drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
}

static void press_escape(void)
{
    drive_key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE);
}

/* A mouse click in the middle of r. */
static void click(SDL_Rect r)
{
    drive_click(r.x + r.w / 2, r.y + r.h / 2);
}

/* A touch in the middle of r. */
static void touch(SDL_Rect r)
{
    drive_touch((float)(r.x + r.w / 2) / (float)targets.width,
                (float)(r.y + r.h / 2) / (float)targets.height, targets.width, targets.height);
}

static long long query(const char *sql_text)
{
    return drive_query(db_path, sql_text);
}

typedef struct Script Script;
struct Script {
    void (*play)(Script *s);
    const char *failed;   /* what the script waited for in vain, or NULL */
    long long running_ms; /* mirror_skip: session time as the script saw it */
};

/* Polls until sql_text gives at least `least`, for at most limit_ms.
 * Returns whether it did; records what was waited for otherwise. Once a
 * wait has failed every later one fails at once, so a lost script ends
 * with its first miss named rather than in the test's timeout. */
static int wait_for(Script *s, const char *sql_text, long long least, int limit_ms)
{
    if (s->failed)
        return 0;
    for (int waited = 0; waited <= limit_ms; waited += 40) {
        if (query(sql_text) >= least)
            return 1;
        SDL_Delay(40);
    }
    if (!s->failed)
        s->failed = sql_text;
    return 0;
}

static int script_thread(void *data)
{
    Script *s = data;
    while (!SDL_WasInit(SDL_INIT_VIDEO))
        SDL_Delay(20);
    s->play(s);
    SDL_Delay(300);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

static int run_app(Script *script, const char *const *args, int nargs)
{
    char *argv[32] = {"gmi-trainer", "--db", db_path, "--windowed"};
    int argc = 4;
    for (int i = 0; i < nargs; i++)
        argv[argc++] = (char *)args[i];
    SDL_Thread *t = SDL_CreateThread(script_thread, "script", script);
    int rc = app_run(argc, argv);
    SDL_WaitThread(t, NULL);
    CHECK_MSG(!script->failed, "waited in vain for: %s", script->failed);
    return rc;
}

typedef struct Step {
    int step;
    char phase[16], item[EXERCISE_ID_MAX];
    long long duration_ms;
    int completed;
} Step;

static int read_steps(Step *steps, int max)
{
    sqlite3 *db;
    int n = 0;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT step, phase, item, duration_ms, completed FROM steps "
                           "ORDER BY step",
                           -1, &st, NULL) == SQLITE_OK) {
        while (n < max && sqlite3_step(st) == SQLITE_ROW) {
            Step *r = &steps[n++];
            r->step = sqlite3_column_int(st, 0);
            snprintf(r->phase, sizeof r->phase, "%s", sqlite3_column_text(st, 1));
            snprintf(r->item, sizeof r->item, "%s", sqlite3_column_text(st, 2));
            r->duration_ms = sqlite3_column_int64(st, 3);
            r->completed = sqlite3_column_int(st, 4);
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static char *read_resource(const char *relative, size_t *len)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", resource_dir(), relative);
    char *text = SDL_LoadFile(path, len);
    CHECK_MSG(text != NULL, "cannot read %s", path);
    return text;
}

/* ---- Imagery ---- */

#define IMAGERY_SEED 7

static void play_imagery(Script *s)
{
    if (!wait_for(s, "SELECT count(*) FROM sessions", 1, 10000))
        return;
    /* Self-paced: each Enter ends the picture on screen. A break on the
     * second, taken and ended with Escape: Enter then ends the picture
     * (on the break screen it would only end the break). */
    for (int i = 1; i <= 3; i++) {
        SDL_Delay(700);
        if (i == 2) {
            press_escape();
            SDL_Delay(400);
            press_escape();
            SDL_Delay(300);
        }
        press_enter();
        static char sql_text[64]; /* kept: a failed wait names it */
        snprintf(sql_text, sizeof sql_text, "SELECT count(*) FROM steps WHERE step = %d", i);
        if (!wait_for(s, sql_text, 1, 5000))
            return;
    }
    if (!wait_for(s, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 5000))
        return;
    /* The ratings: pain 2, vividness 4, Done. */
    SDL_Delay(DRIVE_SETTLE_MS);
    click(targets.ratings.choice[0][2]);
    SDL_Delay(150);
    click(targets.ratings.choice[1][3]);
    SDL_Delay(150);
    click(targets.ratings.primary);
    wait_for(s, "SELECT count(*) FROM sessions WHERE pain_after IS NOT NULL", 1, 5000);
}

static const char *const imagery_args[] = {"imagery", "--count", "3",      "--hold", "3",
                                           "--rest",  "0",       "--pace", "self",   "--limb",
                                           "hand",    "--side",  "left",   "--seed", "7"};

/* The pictures the seed gives, as imagery_pick chooses them. */
static void check_imagery_items(const Step *steps, int n)
{
    size_t len;
    char *text = read_resource("data/catalogue.csv", &len);
    char err[256] = "";
    Catalogue *cat = text ? catalogue_parse(text, len, "catalogue", err, sizeof err) : NULL;
    SDL_free(text);
    CHECK_MSG(cat != NULL, "%s", err);
    if (!cat)
        return;
    Rng rng;
    rng_seed(&rng, IMAGERY_SEED);
    Stimulus picked[3];
    CHECK(imagery_pick(cat, LIMB_HAND, SIDE_LEFT, 3, NULL, &rng, picked, err, sizeof err) == 0);
    for (int i = 0; i < n && i < 3; i++)
        CHECK_MSG(strcmp(steps[i].item, catalogue_get(cat, picked[i].picture)->id) == 0,
                  "step %d shows %s", i + 1, steps[i].item);
    catalogue_destroy(cat);
}

/* A set of three pictures, each ended by Enter (with a break on the
 * second), then rated. */
static void scenario_imagery(void)
{
    Script s = {.play = play_imagery};
    CHECK(run_app(&s, imagery_args, (int)SDL_arraysize(imagery_args)) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'imagery' AND limbs = 'hands' AND "
                "side = 'left' AND planned_count = 3 AND hold_ms = 3000 AND rest_ms = 0 AND "
                "self_paced = 1 AND seed = 7 AND stopped_early = 0 AND stopped_for_pain = 0 AND "
                "pain_after = 2 AND vividness = 4 AND ended_at IS NOT NULL") == 1);
    Step steps[8];
    int n = read_steps(steps, 8);
    CHECK_MSG(n == 3, "%d steps stored", n);
    for (int i = 0; i < n; i++) {
        CHECK(steps[i].step == i + 1 && strcmp(steps[i].phase, "hold") == 0);
        CHECK(steps[i].completed == 1);
        /* Enter came about 0.7 s after each picture, before its 3 s were up. */
        CHECK_MSG(steps[i].duration_ms >= 500 && steps[i].duration_ms < 3000,
                  "step %d held %lld ms", i + 1, steps[i].duration_ms);
    }
    check_imagery_items(steps, n);
}

static void play_imagery_hurt(Script *s)
{
    if (!wait_for(s, "SELECT count(*) FROM sessions", 1, 10000))
        return;
    SDL_Delay(700);
    press_enter();
    if (!wait_for(s, "SELECT count(*) FROM steps", 1, 5000))
        return;
    SDL_Delay(600);
    press_escape();
    SDL_Delay(400);
    touch(targets.imagery.hurt);
    if (!wait_for(s, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 5000))
        return;
    SDL_Delay(DRIVE_SETTLE_MS);
    press_enter(); /* the ratings, saved without a rating */
}

/* The same set stopped on its second picture with "Stop, it hurts". */
static void scenario_imagery_hurt(void)
{
    Script s = {.play = play_imagery_hurt};
    CHECK(run_app(&s, imagery_args, (int)SDL_arraysize(imagery_args)) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'imagery' AND stopped_early = 1 AND "
                "stopped_for_pain = 1 AND pain_after IS NULL AND vividness IS NULL AND "
                "ended_at IS NOT NULL") == 1);
    Step steps[8];
    int n = read_steps(steps, 8);
    CHECK_MSG(n == 2, "%d steps stored", n);
    if (n == 2) {
        CHECK(steps[0].completed == 1 && steps[1].completed == 0);
        /* The second picture was up about 0.6 s before the pause; the
         * pause itself does not count. */
        CHECK_MSG(steps[1].duration_ms >= 400 && steps[1].duration_ms < 2000,
                  "the stopped picture held %lld ms", steps[1].duration_ms);
    }
    check_imagery_items(steps, n);
}

/* ---- Touch practice ---- */

/* Opens the store of the scenario's database and its one profile. */
static Store *open_profile(StoreProfile *p);

/* The profile's left hand affected, touch practice prescribed at step,
 * with the tone at the end of a step or without. */
static void prescribe_touch(int step, bool tone)
{
    StoreProfile p;
    Store *st = open_profile(&p);
    if (!st)
        return;
    p.affected_limbs = LIMBS_HANDS;
    p.affected_side = AFFECTED_LEFT;
    Prescription rx = prescription_default();
    rx.touch_on = true;
    rx.touch_step = step;
    rx.touch_tone = tone;
    CHECK(store_profile_update(st, &p) == 0 && store_prescription_save(st, p.id, &rx) == 0);
    store_close(st);
}

static const char *const touch_args[] = {"touch"};

/* Waits out the step's minute (nothing is stored while it runs), then
 * rates its discomfort: the button `rating`, then Next. */
static void rate_after_minute(Script *s, int rating)
{
    if (!wait_for(s, "SELECT count(*) FROM sessions", 1, 10000))
        return;
    SDL_Delay(60 * 1000 + 1000);
    CHECK(query("SELECT count(*) FROM steps") == 0);
    touch(targets.discomfort.choice[0][rating]);
    SDL_Delay(200);
    touch(targets.discomfort.primary);
    wait_for(s, "SELECT count(*) FROM steps", 1, 5000);
}

static void play_touch(Script *s)
{
    /* The tone is on: the audio output is opened for it. */
    if (wait_for(s, "SELECT count(*) FROM sessions", 1, 10000))
        CHECK(SDL_WasInit(SDL_INIT_AUDIO) != 0);
    rate_after_minute(s, 2);
    if (!wait_for(s, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 5000))
        return;
    SDL_Delay(DRIVE_SETTLE_MS);
    click(targets.discomfort.choice[0][3]);
    SDL_Delay(150);
    click(targets.discomfort.primary);
    wait_for(s, "SELECT count(*) FROM sessions WHERE pain_after IS NOT NULL", 1, 5000);
}

/* A whole session at step 1 (the cotton wool, a minute) with the tone on:
 * the step stored with its discomfort, then the pain rating; one good
 * session moves no step. */
static void scenario_touch(void)
{
    prescribe_touch(1, true);
    Script s = {.play = play_touch};
    CHECK(run_app(&s, touch_args, 1) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'touch' AND limbs = 'hands' AND "
                "side = 'left' AND touch_step = 1 AND planned_s = 60 AND stopped_early = 0 AND "
                "stopped_for_pain = 0 AND pain_after = 3 AND ended_at IS NOT NULL") == 1);
    CHECK(query("SELECT count(*) FROM steps WHERE step = 1 AND phase = 'touch' AND "
                "item = 'cotton-wool-touch' AND duration_ms = 60000 AND completed = 1 AND "
                "discomfort = 2") == 1);
    CHECK(query("SELECT count(*) FROM steps") == 1);
    CHECK(query("SELECT value FROM settings WHERE key = 'touch_step'") == 1);
}

static void play_touch_hurt(Script *s)
{
    if (!wait_for(s, "SELECT count(*) FROM sessions", 1, 10000))
        return;
    CHECK(SDL_WasInit(SDL_INIT_AUDIO) == 0); /* no tone, no audio output */
    SDL_Delay(1500);
    press_escape();
    SDL_Delay(400);
    touch(targets.imagery.hurt);
    if (!wait_for(s, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 5000))
        return;
    SDL_Delay(DRIVE_SETTLE_MS);
    press_enter(); /* the pain rating, skipped */
}

/* At step 3, stopped with "Stop, it hurts" during the warm-up (step 2):
 * the step cut short is stored, unrated; the flare moves the prescription
 * down to step 2. */
static void scenario_touch_hurt(void)
{
    prescribe_touch(3, false);
    Script s = {.play = play_touch_hurt};
    CHECK(run_app(&s, touch_args, 1) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'touch' AND touch_step = 3 AND "
                "planned_s = 180 AND stopped_early = 1 AND stopped_for_pain = 1 AND "
                "ended_at IS NOT NULL") == 1);
    CHECK(query("SELECT count(*) FROM steps WHERE step = 1 AND phase = 'stroke' AND "
                "item = 'cotton-wool-stroke' AND completed = 0 AND discomfort IS NULL AND "
                "duration_ms BETWEEN 1000 AND 3000") == 1);
    CHECK(query("SELECT count(*) FROM steps") == 1);
    CHECK(query("SELECT value FROM settings WHERE key = 'touch_step'") == 2);
}

static void play_touch_crash(Script *s)
{
    rate_after_minute(s, 4);
    SDL_Delay(60 * 1000); /* killed meanwhile, in the second step */
}

/* At step 2 the warm-up is rated, then the trainer is killed during the
 * second step: the first step is kept with its rating, the second is lost,
 * and the next start marks the session interrupted. */
static void scenario_touch_crash(void)
{
    prescribe_touch(2, false);
    pid_t pid = fork();
    if (pid == 0) {
        Script s = {.play = play_touch_crash};
        run_app(&s, touch_args, 1);
        _exit(0);
    }
    CHECK(pid > 0);
    Script watch = {0};
    if (wait_for(&watch, "SELECT count(*) FROM steps", 1, 90000))
        SDL_Delay(1000);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'touch' AND ended_at IS NULL") == 1);
    CHECK(query("SELECT count(*) FROM steps WHERE step = 1 AND item = 'cotton-wool-touch' AND "
                "completed = 1 AND discomfort = 4") == 1);
    CHECK(query("SELECT count(*) FROM steps") == 1);
    StoreProfile p;
    Store *st = open_profile(&p);
    int marked = 0, kept = 0;
    CHECK(st && store_mark_interrupted(st, p.id, &marked, &kept) == 0 && marked == 1);
    store_close(st);
    CHECK(query("SELECT count(*) FROM sessions WHERE interrupted = 1 AND stopped_early = 1") == 1);
    CHECK(query("SELECT value FROM settings WHERE key = 'touch_step'") == 2);
}

/* A resource folder like the real one but for assets/touch/, which holds
 * only a soft brush picture that is not a PNG (the silk scarf's, like the
 * others, is missing). Points GMI_RESOURCE_DIR at it. */
static void make_broken_icons(void)
{
    char dir[600], path[800], target[800];
    snprintf(dir, sizeof dir, "%s/resources", work_dir);
    const char *folders[] = {"", "/assets", "/assets/touch", "/data"};
    for (size_t i = 0; i < SDL_arraysize(folders); i++) {
        snprintf(path, sizeof path, "%s%s", dir, folders[i]);
        mkdir(path, 0700);
    }
    const char *links[] = {"assets/fonts",         "assets/pictures",    "assets/loops",
                           "data/catalogue.csv",   "data/exercises.csv", "data/norms.csv",
                           "data/touch-ladder.csv"};
    for (size_t i = 0; i < SDL_arraysize(links); i++) {
        snprintf(path, sizeof path, "%s/%s", dir, links[i]);
        snprintf(target, sizeof target, "%s/%s", GMI_RESOURCE_DIR, links[i]);
        unlink(path);
        CHECK(symlink(target, path) == 0);
    }
    snprintf(path, sizeof path, "%s/assets/touch/brush.png", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("not a picture", f);
        fclose(f);
    }
    setenv("GMI_RESOURCE_DIR", dir, 1);
}

/* At step 4 with neither step's picture loadable (the warm-up's silk
 * scarf missing, the soft brush's not a PNG): the session starts and runs
 * all the same, without the pictures; stopped with "Stop, it hurts" it is
 * stored as any other and the flare moves the step down. */
static void scenario_touch_no_icon(void)
{
    prescribe_touch(4, false);
    make_broken_icons();
    Script s = {.play = play_touch_hurt};
    CHECK(run_app(&s, touch_args, 1) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'touch' AND touch_step = 4 AND "
                "planned_s = 240 AND stopped_for_pain = 1 AND ended_at IS NOT NULL") == 1);
    CHECK(query("SELECT count(*) FROM steps WHERE step = 1 AND phase = 'stroke' AND "
                "item = 'silk' AND completed = 0 AND duration_ms BETWEEN 1000 AND 3000") == 1);
    CHECK(query("SELECT value FROM settings WHERE key = 'touch_step'") == 3);
}

/* Where the rule stands, in the words of the progress screen and the
 * report: counted over the sessions of the prescribed area only, and said
 * plainly when that area is not set. */
static void scenario_touch_words(void)
{
    char err[512] = "";
    Store *st = store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    if (!st)
        return;
    StoreProfile p;
    CHECK(store_profile_open(st, "Noor", "2026-11-01T09:00:00+00:00", &p) == 0);
    p.affected_limbs = LIMBS_HANDS;
    p.affected_side = AFFECTED_LEFT;
    Prescription rx = prescription_default();
    rx.touch_on = true;
    rx.touch_step = 4;
    /* Left hand, good twice; the right hand after them, too high. */
    const struct {
        Side side;
        int discomfort;
    } history[] = {{SIDE_LEFT, 2}, {SIDE_LEFT, 1}, {SIDE_RIGHT, 6}};
    for (size_t i = 0; i < SDL_arraysize(history); i++) {
        SessionStart start = {.profile_id = p.id,
                              .mode = MODE_TOUCH,
                              .limb = LIMB_HAND,
                              .side = history[i].side,
                              .planned_s = 240,
                              .touch_step = 4,
                              .started_at = "2026-11-23T09:00:00+01:00",
                              .pain_before = -1};
        int64_t id;
        StepRecord step = {1, "stroke", "soft-brush", 180000, true, true, history[i].discomfort};
        CHECK(store_session_begin(st, &start, &id) == 0 && store_step_add(st, id, &step) == 0 &&
              store_session_end(st, id, "2026-11-23T09:04:00+01:00", false, false) == 0);
    }
    size_t len;
    char *text = SDL_LoadFile(GMI_RESOURCE_DIR "/data/touch-ladder.csv", &len);
    TouchLadder *ladder = text ? touch_ladder_parse(text, len, "ladder", err, sizeof err) : NULL;
    SDL_free(text);
    CHECK_MSG(ladder != NULL, "%s", err);
    const TouchRule rule = {3, 3, 7};
    char words[TOUCH_WORDS_MAX];
    if (ladder &&
        review_touch_words(st, &p, &rx, ladder, &rule, words, sizeof words, err, sizeof err) == 0)
        CHECK_MSG(strcmp(words, "Step 4 of 12: 2 of the 3 sessions in a row with discomfort 3 or "
                                "less (of 10) that move it up.") == 0,
                  "left hand: '%s'", words);
    rx.touch_side = SIDE_CHOICE_RIGHT;
    if (ladder &&
        review_touch_words(st, &p, &rx, ladder, &rule, words, sizeof words, err, sizeof err) == 0)
        CHECK_MSG(strncmp(words, "Step 4 of 12: 0 of the 3", 24) == 0, "right hand: '%s'", words);
    rx.touch_side = SIDE_CHOICE_AFFECTED;
    p.affected_side = AFFECTED_BOTH;
    if (ladder &&
        review_touch_words(st, &p, &rx, ladder, &rule, words, sizeof words, err, sizeof err) == 0)
        CHECK_MSG(strcmp(words, "Step 4 of 12. The area to practise is not set yet, so no "
                                "session counts.") == 0,
                  "no side: '%s'", words);
    touch_ladder_destroy(ladder);
    store_close(st);
}

/* ---- Mirror therapy ---- */

/* The ids of the hand exercises in practice order; returns how many. */
static int hand_exercises(char ids[][EXERCISE_ID_MAX], int max)
{
    size_t len;
    char *text = read_resource("data/exercises.csv", &len);
    char err[256] = "";
    Exercises *ex = text ? exercises_parse(text, len, "exercises", err, sizeof err) : NULL;
    SDL_free(text);
    CHECK_MSG(ex != NULL, "%s", err);
    int n = 0;
    for (size_t i = 0; ex && i < exercises_count(ex) && n < max; i++)
        if (exercises_get(ex, i)->limb == LIMB_HAND)
            snprintf(ids[n++], EXERCISE_ID_MAX, "%s", exercises_get(ex, i)->id);
    exercises_destroy(ex);
    return n;
}

#define MAX_EXERCISES 16

/* Checks the phases and exercises of the steps: watch and slow on the
 * first exercise, then every exercise in order; returns the sum of their
 * durations. */
static long long check_mirror_steps(const Step *steps, int n, char ids[][EXERCISE_ID_MAX], int nids)
{
    CHECK_MSG(n == nids + 2, "%d steps stored for %d exercises", n, nids);
    long long sum = 0;
    for (int i = 0; i < n && i < nids + 2; i++) {
        const char *phase = i == 0 ? "watch" : i == 1 ? "slow" : "exercises";
        const char *item = ids[i < 2 ? 0 : i - 2];
        CHECK_MSG(steps[i].step == i + 1 && strcmp(steps[i].phase, phase) == 0 &&
                      strcmp(steps[i].item, item) == 0,
                  "step %d is %s/%s, not %s/%s", i + 1, steps[i].phase, steps[i].item, phase, item);
        sum += steps[i].duration_ms;
    }
    return sum;
}

static void play_mirror_skip(Script *s)
{
    if (!wait_for(s, "SELECT count(*) FROM sessions", 1, 10000))
        return;
    Uint64 start = SDL_GetTicks64(), paused = 0;
    char ids[MAX_EXERCISES][EXERCISE_ID_MAX];
    int nids = hand_exercises(ids, MAX_EXERCISES);
    /* Pause, then "Next exercise": from watching to the last exercise. */
    for (int k = 1; k <= nids + 1; k++) {
        SDL_Delay(500);
        if (k == 1) {
            /* A break taken and ended with the Pause key: the session runs
             * on (a session left paused would not count the next second). */
            drive_key(SDLK_PAUSE, SDL_SCANCODE_PAUSE);
            Uint64 pause_at = SDL_GetTicks64();
            SDL_Delay(300);
            drive_key(SDLK_PAUSE, SDL_SCANCODE_PAUSE);
            paused += SDL_GetTicks64() - pause_at;
            SDL_Delay(1000);
        }
        press_escape();
        Uint64 pause_at = SDL_GetTicks64();
        SDL_Delay(300);
        click(targets.mirror.next);
        paused += SDL_GetTicks64() - pause_at;
        static char sql_text[64]; /* kept: a failed wait names it */
        snprintf(sql_text, sizeof sql_text, "SELECT count(*) FROM steps WHERE step = %d", k);
        if (!wait_for(s, sql_text, 1, 5000))
            return;
    }
    SDL_Delay(500);
    press_escape();
    s->running_ms = (long long)(SDL_GetTicks64() - start - paused);
    SDL_Delay(300);
    click(targets.mirror.end);
    if (!wait_for(s, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 5000))
        return;
    SDL_Delay(DRIVE_SETTLE_MS);
    press_enter(); /* the ratings, saved without a rating */
}

/* A session skipped through with "Next exercise" and ended from the pause
 * screen. */
static void scenario_mirror_skip(void)
{
    Script s = {.play = play_mirror_skip};
    const char *args[] = {"mirror", "--minutes", "1",      "--limb", "hand",
                          "--side", "right",     "--pace", "slow"};
    CHECK(run_app(&s, args, (int)SDL_arraysize(args)) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'mirror' AND limbs = 'hands' AND "
                "side = 'right' AND planned_s = 60 AND pace = 'slow' AND camera = 0 AND "
                "stopped_early = 1 AND stopped_for_pain = 0 AND ended_at IS NOT NULL") == 1);
    char ids[MAX_EXERCISES][EXERCISE_ID_MAX];
    int nids = hand_exercises(ids, MAX_EXERCISES);
    Step steps[MAX_EXERCISES + 2];
    int n = read_steps(steps, MAX_EXERCISES + 2);
    long long sum = check_mirror_steps(steps, n, ids, nids);
    for (int i = 0; i < n; i++) {
        /* Only the part ended by End session is not completed. */
        CHECK(steps[i].completed == (i < n - 1));
        CHECK_MSG(steps[i].duration_ms >= 300 && steps[i].duration_ms < 3000, "step %d ran %lld ms",
                  i + 1, steps[i].duration_ms);
    }
    /* The parts add up to the time the session ran, pauses left out. */
    CHECK_MSG(llabs(sum - s.running_ms) < 500, "steps add up to %lld ms, the session ran %lld ms",
              sum, s.running_ms);
}

static void play_mirror_full(Script *s)
{
    if (!wait_for(s, "SELECT count(*) FROM sessions", 1, 10000) ||
        !wait_for(s, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 75000))
        return;
    SDL_Delay(DRIVE_SETTLE_MS);
    press_enter(); /* the ratings, saved without a rating */
}

/* A whole one-minute session with the camera asked for and the tick on.
 * Without a camera (as on a build machine) the session runs on the guided
 * movements; with one, on the camera; the steps are the same. */
static void scenario_mirror_full(void)
{
    Script s = {.play = play_mirror_full};
    const char *args[] = {"mirror", "--minutes", "1",  "--limb", "hand", "--side",
                          "left",   "--camera",  "on", "--tick", "on"};
    CHECK(run_app(&s, args, (int)SDL_arraysize(args)) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'mirror' AND side = 'left' AND "
                "planned_s = 60 AND pace = 'medium' AND camera = 1 AND stopped_early = 0 AND "
                "stopped_for_pain = 0 AND ended_at IS NOT NULL") == 1);
    char ids[MAX_EXERCISES][EXERCISE_ID_MAX];
    int nids = hand_exercises(ids, MAX_EXERCISES);
    Step steps[MAX_EXERCISES + 2];
    int n = read_steps(steps, MAX_EXERCISES + 2);
    long long sum = check_mirror_steps(steps, n, ids, nids);
    /* Watching a tenth of the session but at least 20 s, slowly a fifth,
     * the rest shared by the exercises; exactly the session in all. */
    CHECK_MSG(sum == 60000, "steps add up to %lld ms", sum);
    if (n == nids + 2) {
        CHECK_MSG(steps[0].duration_ms == 20000, "watched %lld ms", steps[0].duration_ms);
        CHECK_MSG(steps[1].duration_ms == 12000, "slowly %lld ms", steps[1].duration_ms);
        for (int i = 2; i < n; i++)
            CHECK_MSG(llabs(steps[i].duration_ms - 28000 / nids) <= 1, "exercise %d ran %lld ms",
                      i - 1, steps[i].duration_ms);
    }
    for (int i = 0; i < n; i++)
        CHECK(steps[i].completed == 1);
}

/* ---- The affected side drives imagery and mirror therapy ---- */

#define AFFECTED_PIN "2468"

/* Opens the store of the scenario's database and its one profile. */
static Store *open_profile(StoreProfile *p)
{
    char err[256];
    Store *st = store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    if (st && store_profile_open(st, "Pat", "2026-01-01T09:00:00+00:00", p)) {
        CHECK_MSG(0, "%s", store_errmsg(st));
        store_close(st);
        return NULL;
    }
    return st;
}

/* What the home screen and the report say for the profile as stored: the
 * home line at stage `stage` into home, the report into *html (to free). */
static void read_words(int stage, char *home, size_t cap, char **html)
{
    StoreProfile p;
    Store *st = open_profile(&p);
    if (!st)
        return;
    AppContext app = {.profile = p, .prescription = prescription_default()};
    CHECK(store_prescription_load(st, p.id, &app.prescription) == 0);
    app.profile.stage = stage;
    scene_home_describe(&app, home, cap);
    store_close(st);
    char out[700];
    snprintf(out, sizeof out, "%s/report.html", work_dir);
    char *argv[] = {"gmi-trainer", "--db", db_path, "report", "--profile", "Pat", "--out", out};
    CHECK(app_run(8, argv) == 0);
    size_t len;
    *html = SDL_LoadFile(out, &len);
    CHECK_MSG(*html != NULL, "no report at %s", out);
}

/* The sessions export: the count of imagery or mirror rows with the limbs
 * and side given ("feet,left"), which sit side by side in its columns. */
static int exported(const char *mode, const char *limbs_side)
{
    char out[700];
    snprintf(out, sizeof out, "%s/sessions.csv", work_dir);
    char *argv[] = {"gmi-trainer", "--db", db_path, "export", "--what", "sessions", "--out", out};
    CHECK(app_run(8, argv) == 0);
    size_t len;
    char *csv = SDL_LoadFile(out, &len);
    CHECK_MSG(csv != NULL, "no export at %s", out);
    int n = 0;
    char mode_field[32], pair[32];
    snprintf(mode_field, sizeof mode_field, ",%s,", mode);
    snprintf(pair, sizeof pair, ",%s,", limbs_side);
    for (char *line = csv ? strtok(csv, "\n") : NULL; line; line = strtok(NULL, "\n"))
        n += strstr(line, mode_field) && strstr(line, pair);
    SDL_free(csv);
    return n;
}

/* Whether every picture the imagery sets showed, and every movement of the
 * mirror-therapy sessions, is of `limb`. */
static void check_steps_limb(Limb limb)
{
    size_t len;
    char *text = read_resource("data/catalogue.csv", &len);
    char err[256] = "";
    Catalogue *cat = text ? catalogue_parse(text, len, "catalogue", err, sizeof err) : NULL;
    SDL_free(text);
    text = read_resource("data/exercises.csv", &len);
    Exercises *ex = text ? exercises_parse(text, len, "exercises", err, sizeof err) : NULL;
    SDL_free(text);
    CHECK_MSG(cat && ex, "%s", err);
    Step steps[64];
    int n = read_steps(steps, 64);
    CHECK(n > 0);
    for (int i = 0; cat && ex && i < n; i++) {
        long k = catalogue_find(cat, steps[i].item);
        bool ok = false;
        if (k >= 0)
            ok = catalogue_get(cat, (size_t)k)->limb == limb;
        for (size_t e = 0; e < exercises_count(ex); e++)
            if (!strcmp(exercises_get(ex, e)->id, steps[i].item))
                ok = exercises_get(ex, e)->limb == limb;
        CHECK_MSG(ok, "step %d shows %s, not a %s", steps[i].step, steps[i].item, limb_name(limb));
    }
    catalogue_destroy(cat);
    exercises_destroy(ex);
}

/* Through an imagery set of three self-paced pictures (Enter on each),
 * then past the vividness question; the set is the n-th session. */
static void play_imagery_set(Script *s, int n)
{
    static char sql_text[160]; /* kept: a failed wait names it */
    if (!wait_for(s, "SELECT count(*) FROM sessions", n, 10000))
        return;
    for (int i = 1; i <= 3; i++) {
        SDL_Delay(500);
        press_enter();
        snprintf(sql_text, sizeof sql_text,
                 "SELECT count(*) FROM steps WHERE session_id = (SELECT max(id) FROM sessions) "
                 "AND step = %d",
                 i);
        if (!wait_for(s, sql_text, 1, 5000))
            return;
    }
    snprintf(sql_text, sizeof sql_text, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL");
    if (!wait_for(s, sql_text, n, 5000))
        return;
    SDL_Delay(DRIVE_SETTLE_MS);
    press_enter(); /* the vividness question, not answered */
    SDL_Delay(DRIVE_SETTLE_MS);
}

/* Into a mirror-therapy session (the n-th session) and out through the
 * pause screen's End session. */
static void play_mirror_end(Script *s, int n)
{
    if (!wait_for(s, "SELECT count(*) FROM sessions", n, 10000))
        return;
    SDL_Delay(800);
    press_escape();
    SDL_Delay(300);
    click(targets.mirror.end);
    wait_for(s, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", n, 5000);
    SDL_Delay(500);
}

/* Home with the side not set: Start says so and nothing starts. Then the
 * therapist sets the affected side (left) and limb (feet) in the Patient
 * tab, and the imagery set (stage 2) and a mirror-therapy session follow
 * them. */
static void play_affected_home(Script *s)
{
    if (!drive_wait_title("Home", DRIVE_SLOW_MS)) {
        s->failed = "the home screen";
        return;
    }
    SDL_Delay(DRIVE_SETTLE_MS);
    press_enter();
    SDL_Delay(800);
    if (query("SELECT count(*) FROM sessions") != 0)
        s->failed = "no session while the side is not set";
    touch(targets.home.therapist);
    SDL_Delay(DRIVE_SETTLE_MS);
    for (const char *c = AFFECTED_PIN; *c; c++) {
        drive_key(SDLK_0 + (*c - '0'), SDL_SCANCODE_0);
        SDL_Delay(60);
    }
    press_enter();
    if (!drive_wait_title("Therapist, Patient", DRIVE_SLOW_MS)) {
        s->failed = "the therapist area after the PIN";
        return;
    }
    SDL_Delay(DRIVE_SETTLE_MS);
    touch(targets.patient.choice[2][1]); /* Affected: Feet */
    SDL_Delay(350);
    touch(targets.patient.choice[3][0]); /* Side: Left */
    SDL_Delay(350);
    touch(targets.patient.bar_button[2]); /* Done */
    SDL_Delay(DRIVE_SETTLE_MS);
    press_enter(); /* Start: stage 2 */
    play_imagery_set(s, 1);
    touch(targets.home.mode[MODE_MIRROR]);
    play_mirror_end(s, 2);
}

static void play_imagery_only(Script *s)
{
    play_imagery_set(s, 3);
}

static void play_mirror_only(Script *s)
{
    play_mirror_end(s, 4);
}

/* The affected side drives stages 2 and 3: with it not set neither starts
 * (from the command line or from home); once the therapist sets it, the
 * home line, the pictures' limb and side, mirror therapy's side, the report
 * and the export agree; changing it moves everything that follows it, and
 * an explicit choice in the prescription stays and is shown as such. */
static void scenario_affected(void)
{
    StoreProfile p;
    Store *st = open_profile(&p);
    if (!st)
        return;
    p.stage = 2;
    Prescription rx = prescription_default();
    rx.ask_pain = false;
    rx.imagery.count = 3;
    rx.imagery.hold_ms = 3000;
    rx.imagery.rest_ms = 0;
    rx.imagery.pace = IMAGERY_SELF_PACED;
    rx.mirror.minutes = 2;
    CHECK(store_profile_update(st, &p) == 0 && store_prescription_save(st, p.id, &rx) == 0 &&
          store_pin_set(st, AFFECTED_PIN) == 0);
    store_close(st);

    char home[256];
    char *html = NULL;
    read_words(2, home, sizeof home, &html);
    CHECK_MSG(!strcmp(home, "Imagined movements: waiting for your therapist to set the side"), "%s",
              home);
    CHECK(html && strstr(html, "<th>Imagined movements</th><td>Hand, side not set, 3 pictures"));
    SDL_free(html);

    /* The command line without --side: refused, nothing stored. */
    char *imagery_argv[] = {"gmi-trainer", "--db", db_path, "--windowed", "imagery", "--seed", "3"};
    char *mirror_argv[] = {"gmi-trainer", "--db", db_path, "--windowed", "mirror"};
    CHECK(app_run(7, imagery_argv) == 1);
    /* Repeated: the refusal's message box may start another process, and
     * when that happened beside the database check's thread the sanitizer
     * build hung now and then. */
    for (int i = 0; i < 10; i++)
        CHECK(app_run(5, mirror_argv) == 1);
    CHECK(query("SELECT count(*) FROM sessions") == 0);

    /* From home: asked for, then set by the therapist, then practised. */
    Script s = {.play = play_affected_home};
    CHECK(run_app(&s, NULL, 0) == 0);
    CHECK(query("SELECT count(*) FROM profiles WHERE affected_side = 'left' AND "
                "affected_limbs = 'feet'") == 1);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'imagery' AND limbs = 'feet' AND "
                "side = 'left'") == 1);
    CHECK(query("SELECT count(*) FROM sessions WHERE mode = 'mirror' AND limbs = 'feet' AND "
                "side = 'left'") == 1);
    CHECK(query("SELECT count(*) FROM sessions") == 2);
    check_steps_limb(LIMB_FOOT);
    read_words(2, home, sizeof home, &html);
    CHECK_MSG(!strcmp(home, "Imagined movements: Left foot, 3 pictures, hold 3 s, rest 0 s, at "
                            "your own pace"),
              "%s", home);
    CHECK(html && strstr(html, "<th>Affected</th><td>left foot</td>"));
    CHECK(html && strstr(html, "<th>Imagined movements</th><td>Left foot, 3 pictures"));
    CHECK(html && strstr(html, "<th>Mirror therapy</th><td>Left foot, 2 minutes"));
    SDL_free(html);
    CHECK(exported("imagery", "feet,left") == 1 && exported("mirror", "feet,left") == 1);

    /* The affected side changes to the right; mirror therapy is kept on the
     * left by an explicit choice. */
    st = open_profile(&p);
    if (!st)
        return;
    p.affected_side = AFFECTED_RIGHT;
    CHECK(store_prescription_load(st, p.id, &rx) == 0);
    rx.mirror_side = SIDE_CHOICE_LEFT;
    CHECK(store_profile_update(st, &p) == 0 && store_prescription_save(st, p.id, &rx) == 0);
    store_close(st);
    read_words(2, home, sizeof home, &html);
    CHECK_MSG(!strncmp(home, "Imagined movements: Right foot, 3 pictures", 42), "%s", home);
    CHECK(html && strstr(html, "<th>Affected</th><td>right foot</td>"));
    CHECK(html && strstr(html, "<th>Imagined movements</th><td>Right foot, 3 pictures"));
    CHECK(html && strstr(html, "<th>Mirror therapy</th><td>Left foot (not the affected side), "
                               "2 minutes"));
    SDL_free(html);
    /* The patient's home line names the side without the therapist's note. */
    read_words(3, home, sizeof home, &html);
    CHECK_MSG(!strncmp(home, "Mirror therapy: Left foot, 2 minutes", 36), "%s", home);
    SDL_free(html);

    /* The command line without --limb and --side follows the prescription. */
    Script imagery = {.play = play_imagery_only};
    const char *imagery_command[] = {"imagery", "--count", "3",      "--hold", "3",
                                     "--rest",  "0",       "--pace", "self"};
    CHECK(run_app(&imagery, imagery_command, (int)SDL_arraysize(imagery_command)) == 0);
    Script mirror = {.play = play_mirror_only};
    const char *mirror_command[] = {"mirror"};
    CHECK(run_app(&mirror, mirror_command, 1) == 0);
    CHECK(query("SELECT count(*) FROM sessions WHERE id = 3 AND mode = 'imagery' AND "
                "limbs = 'feet' AND side = 'right'") == 1);
    CHECK(query("SELECT count(*) FROM sessions WHERE id = 4 AND mode = 'mirror' AND "
                "limbs = 'feet' AND side = 'left'") == 1);
    check_steps_limb(LIMB_FOOT);
    /* The export keeps each session's own side. */
    CHECK(exported("imagery", "feet,right") == 1 && exported("imagery", "feet,left") == 1);
    CHECK(exported("mirror", "feet,left") == 2);
}

/* The prescription's limb and side in words, for every kind of profile:
 * what the report shows the therapist and the home screen the patient. */
static void scenario_describe(void)
{
    static const struct {
        LimbSet limbs;
        AffectedSide affected;
        LimbChoice limb;
        SideChoice side;
        const char *therapist, *patient; /* the words before ", 2 minutes" */
    } cases[] = {
        {LIMBS_HANDS, AFFECTED_LEFT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED, "Left hand",
         "Left hand"},
        {LIMBS_FEET, AFFECTED_RIGHT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED, "Right foot",
         "Right foot"},
        {LIMBS_HANDS, AFFECTED_LEFT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_RIGHT,
         "Right hand (not the affected side)", "Right hand"},
        {LIMBS_HANDS, AFFECTED_LEFT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_LEFT,
         "Left hand (side chosen explicitly)", "Left hand"},
        {LIMBS_HANDS, AFFECTED_RIGHT, LIMB_CHOICE_FOOT, SIDE_CHOICE_LEFT,
         "Left foot (not the affected side; not the affected limb)", "Left foot"},
        {LIMBS_BOTH, AFFECTED_RIGHT, LIMB_CHOICE_FOOT, SIDE_CHOICE_AFFECTED,
         "Right foot (limb chosen explicitly)", "Right foot"},
        {LIMBS_HANDS, AFFECTED_BOTH, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         "Hand, side not set", NULL},
        {LIMBS_BOTH, AFFECTED_LEFT, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         "Left side, limb not chosen", NULL},
        {LIMBS_BOTH, AFFECTED_BOTH, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_AFFECTED,
         "Side not set, limb not chosen", NULL},
        {LIMBS_HANDS, AFFECTED_BOTH, LIMB_CHOICE_AFFECTED, SIDE_CHOICE_RIGHT,
         "Right hand (side chosen explicitly)", "Right hand"},
    };
    for (size_t i = 0; i < SDL_arraysize(cases); i++) {
        AppContext app = {.profile = {.affected_limbs = cases[i].limbs,
                                      .affected_side = cases[i].affected,
                                      .stage = 3},
                          .prescription = prescription_default()};
        app.prescription.mirror_limb = cases[i].limb;
        app.prescription.mirror_side = cases[i].side;
        app.prescription.mirror.minutes = 2;
        char want[160], got[256];
        snprintf(want, sizeof want, "%s, 2 minutes, medium pace", cases[i].therapist);
        review_describe(&app.profile, &app.prescription, MODE_MIRROR, true, got, sizeof got);
        CHECK_MSG(!strcmp(got, want), "case %zu, the therapist reads: %s", i, got);
        if (cases[i].patient)
            snprintf(want, sizeof want, "Mirror therapy: %s, 2 minutes, medium pace",
                     cases[i].patient);
        else
            snprintf(want, sizeof want, "Mirror therapy: waiting for your therapist to set the %s",
                     cases[i].affected == AFFECTED_BOTH ? "side" : "limb");
        scene_home_describe(&app, got, sizeof got);
        CHECK_MSG(!strcmp(got, want), "case %zu, the patient reads: %s", i, got);
    }
    /* One of a thing is said in the singular. */
    AppContext one = {.profile = {.affected_limbs = LIMBS_HANDS, .affected_side = AFFECTED_LEFT},
                      .prescription = prescription_default()};
    one.prescription.mirror.minutes = 1;
    one.prescription.imagery.count = 1;
    one.prescription.drill.count = 1;
    char got[256];
    review_describe(&one.profile, &one.prescription, MODE_MIRROR, true, got, sizeof got);
    CHECK_MSG(strstr(got, ", 1 minute,") != NULL, "%s", got);
    review_describe(&one.profile, &one.prescription, MODE_IMAGERY, true, got, sizeof got);
    CHECK_MSG(strstr(got, ", 1 picture,") != NULL, "%s", got);
    review_describe(&one.profile, &one.prescription, MODE_DRILL, true, got, sizeof got);
    CHECK_MSG(strstr(got, ", 1 picture,") != NULL, "%s", got);
}

/* ---- The camera view ---- */

#define CAM_W 64
#define CAM_H 48

static SDL_Surface *target_surface(int w, int h)
{
    return SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
}

static const Uint8 *pixel_at(const SDL_Surface *s, int x, int y)
{
    return (const Uint8 *)s->pixels + (size_t)y * s->pitch + (size_t)x * 4;
}

/* Updates the view until it has shown min_frames frames or reached state,
 * for at most two seconds; returns the last state. */
static CameraState update_until(CameraView *view, SDL_Renderer *r, CameraState state,
                                uint64_t min_frames, CameraStatus *st)
{
    Uint64 end = SDL_GetTicks64() + 2000;
    CameraState got;
    do {
        got = camera_view_update(view, r, st);
        if (got == state && (state != CAMERA_RUNNING || st->frames >= min_frames))
            break;
        SDL_Delay(5);
    } while (SDL_GetTicks64() < end);
    return got;
}

/* The fake camera's frames through the view: the picture shown like a
 * mirror, with the affected side's half the mirror image of the other.
 * Raw pixel x of the fake pattern has red x, so in the flipped picture
 * column x has red CAM_W - 1 - x. */
static void check_split_view(Side affected)
{
    CameraFakeConfig cfg = {.width = CAM_W, .height = CAM_H, .frame_ms = 5};
    CameraSource src;
    char err[CAMERA_MESSAGE_MAX];
    CHECK(camera_fake_source(&cfg, &src, err, sizeof err) == 0);
    CameraView *view = camera_view_create(&src, affected, err, sizeof err);
    CHECK_MSG(view != NULL, "%s", err);
    SDL_Surface *target = target_surface(CAM_W, CAM_H);
    SDL_Renderer *r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    CHECK(r != NULL);
    if (!view || !r)
        goto done;
    CameraStatus st;
    CHECK(update_until(view, r, CAMERA_RUNNING, 3, &st) == CAMERA_RUNNING);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    camera_view_draw(view, r, (SDL_Rect){0, 0, CAM_W, CAM_H});
    SDL_RenderPresent(r);
    int wrong = 0;
    Uint8 frame = pixel_at(target, 0, 0)[2];
    for (int y = 0; y < CAM_H; y++)
        for (int x = 0; x < CAM_W; x++) {
            const Uint8 *p = pixel_at(target, x, y);
            bool kept = affected == SIDE_RIGHT ? x < CAM_W / 2 : x >= CAM_W / 2;
            /* The kept half is the source flipped; the other half is the
             * kept half mirrored, so it is the source unflipped. */
            int red = kept ? CAM_W - 1 - x : x;
            const Uint8 *twin = pixel_at(target, CAM_W - 1 - x, y);
            wrong +=
                p[0] != red || p[1] != y || p[2] != frame || p[3] != 255 || memcmp(p, twin, 4) != 0;
        }
    CHECK_MSG(wrong == 0, "%s affected: %d pixels not as the split mirror has them",
              side_name(affected), wrong);
    /* Into a wider area: as large as fits at the camera's aspect ratio,
     * centred (x 16..47, y 0..23), the rest left as it was. */
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    camera_view_draw(view, r, (SDL_Rect){0, 0, CAM_W, CAM_H / 2});
    CHECK(pixel_at(target, 20, 12)[1] > 0 && pixel_at(target, 44, 12)[1] > 0);
    CHECK(pixel_at(target, 14, 12)[1] == 0 && pixel_at(target, 50, 12)[1] == 0 &&
          pixel_at(target, 32, 26)[1] == 0);
done:
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    camera_view_destroy(view);
}

/* A camera that is missing, or fails mid-session, fails the view with a
 * message that says the guided movements are shown instead. */
static void check_failing_view(CameraFault open_fault, int fail_after)
{
    CameraFakeConfig cfg = {.width = CAM_W,
                            .height = CAM_H,
                            .frame_ms = 5,
                            .open_fault = open_fault,
                            .fail_after = fail_after};
    CameraSource src;
    char err[CAMERA_MESSAGE_MAX];
    CHECK(camera_fake_source(&cfg, &src, err, sizeof err) == 0);
    CameraView *view = camera_view_create(&src, SIDE_LEFT, err, sizeof err);
    SDL_Surface *target = target_surface(CAM_W, CAM_H);
    SDL_Renderer *r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    if (view && r) {
        CameraStatus st;
        CHECK(update_until(view, r, CAMERA_FAILED, 0, &st) == CAMERA_FAILED);
        CHECK_MSG(strstr(st.message, "guided movements are shown instead") != NULL, "message: %s",
                  st.message);
        if (open_fault == CAMERA_FAULT_NO_DEVICE)
            CHECK_MSG(strncmp(st.message, "No camera", 9) == 0, "message: %s", st.message);
        /* Failed for good: a later update says the same. */
        CHECK(camera_view_update(view, r, &st) == CAMERA_FAILED);
    }
    CHECK(view != NULL && r != NULL);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    camera_view_destroy(view);
}

static void scenario_camera_view(void)
{
    CHECK(SDL_Init(SDL_INIT_VIDEO) == 0);
    check_split_view(SIDE_RIGHT);
    check_split_view(SIDE_LEFT);
    check_failing_view(CAMERA_FAULT_NO_DEVICE, 0);
    check_failing_view(CAMERA_FAULT_NONE, 4);
    SDL_Quit();
}

/* ---- The loop frames ---- */

#define LOOP_N 14
#define LOOP_W 40
#define LOOP_H 20
#define BLOCK 4

/* Frame k of the test loop: transparent, with an opaque block of its own
 * grey at x = 2 + 2k, y = 8, whose left column is white so that a mirrored
 * block can be told from one that was only moved. */
static int write_frame(const char *dir, int k)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, LOOP_W, LOOP_H, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return -1;
    SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 0, 0, 0, 0));
    Uint8 grey = (Uint8)(40 + 12 * k);
    SDL_FillRect(s, &(SDL_Rect){2 + 2 * k, 8, BLOCK, BLOCK},
                 SDL_MapRGBA(s->format, grey, grey, grey, 255));
    SDL_FillRect(s, &(SDL_Rect){2 + 2 * k, 8, 1, BLOCK},
                 SDL_MapRGBA(s->format, 255, 255, 255, 255));
    char path[800];
    snprintf(path, sizeof path, "%s/%02d.png", dir, k);
    int rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    return rc;
}

static Uint8 grey_of(int k)
{
    return (Uint8)(40 + 12 * k);
}

/* Updates until frame i is ready (at most two seconds). */
static int update_ready(LoopFrames *lf, SDL_Renderer *r, int i)
{
    MirrorFrame at = {i, (i + 1) % LOOP_N, 0.0};
    char err[512];
    for (int tries = 0; tries < 400; tries++) {
        loop_frames_update(lf, r, at, true, err, sizeof err);
        if (loop_frames_ready(lf, i) && loop_frames_ready(lf, (i + 1) % LOOP_N))
            return 1;
        SDL_Delay(5);
    }
    return 0;
}

static int ready_count(const LoopFrames *lf)
{
    int n = 0;
    for (int i = 0; i < LOOP_N; i++)
        n += loop_frames_ready(lf, i);
    return n;
}

static void scenario_loop_frames(void)
{
    CHECK(SDL_Init(SDL_INIT_VIDEO) == 0);
    IMG_Init(IMG_INIT_PNG);
    char assets[600], dir[700];
    snprintf(assets, sizeof assets, "%s/assets", work_dir);
    snprintf(dir, sizeof dir, "%s/loops", assets);
    mkdir(assets, 0700);
    mkdir(dir, 0700);
    snprintf(dir, sizeof dir, "%s/loops/test-loop", assets);
    mkdir(dir, 0700);
    for (int k = 0; k < LOOP_N; k++)
        CHECK(write_frame(dir, k) == 0);
    Exercise e = {.id = "test-loop",
                  .limb = LIMB_HAND,
                  .title = "Test",
                  .frames = LOOP_N,
                  .cycle_ms = 1000,
                  .instruction = "Move"};
    SDL_Surface *target = target_surface(LOOP_W, LOOP_H);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(target);
    char err[512] = "";
    LoopFrames *lf = loop_frames_create(&e, assets, LOOP_W, LOOP_H, err, sizeof err);
    CHECK_MSG(lf != NULL && r != NULL, "%s", err);
    if (!lf || !r)
        goto done;
    SDL_Rect area = {0, 0, LOOP_W, LOOP_H};

    /* Frame 0 is waited for; drawn as a right limb it is where the file has
     * it, as a left one mirrored. */
    CHECK(loop_frames_update(lf, r, (MirrorFrame){0, 1, 0.0}, true, err, sizeof err) == 0);
    CHECK(loop_frames_ready(lf, 0));
    for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++) {
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
        loop_frames_draw(lf, r, (MirrorFrame){0, 1, 0.0}, area, (Side)side);
        int x = side == SIDE_RIGHT ? 2 : LOOP_W - 2 - BLOCK;
        int white = side == SIDE_RIGHT ? x : x + BLOCK - 1;
        int grey = side == SIDE_RIGHT ? x + BLOCK - 1 : x;
        CHECK_MSG(pixel_at(target, white, 9)[0] == 255 &&
                      pixel_at(target, grey, 9)[0] == grey_of(0) &&
                      pixel_at(target, x - 1, 9)[0] == 0 && pixel_at(target, x + BLOCK, 9)[0] == 0,
                  "%s: frame 0 not at x = %d, or not mirrored", side_name((Side)side), x);
    }

    /* Half-way from frame 3 (x 8..11) to frame 4 (x 10..13): where both
     * are grey, their mix; where only 4 is, half of it over the background. */
    CHECK(update_ready(lf, r, 3));
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    loop_frames_draw(lf, r, (MirrorFrame){3, 4, 0.5}, area, SIDE_RIGHT);
    int both = (grey_of(3) + grey_of(4)) / 2, only_next = grey_of(4) / 2;
    CHECK_MSG(abs(pixel_at(target, 9, 9)[0] - grey_of(3)) <= 2, "only 3: %d",
              pixel_at(target, 9, 9)[0]);
    CHECK_MSG(abs(pixel_at(target, 11, 9)[0] - both) <= 2, "both: %d, want %d",
              pixel_at(target, 11, 9)[0], both);
    CHECK_MSG(abs(pixel_at(target, 13, 9)[0] - only_next) <= 2, "only 4: %d, want %d",
              pixel_at(target, 13, 9)[0], only_next);

    /* Twice round the loop: never more frames kept than the window. */
    int most = 0;
    for (int i = 0; i < 2 * LOOP_N; i++) {
        CHECK(update_ready(lf, r, i % LOOP_N));
        most = ready_count(lf) > most ? ready_count(lf) : most;
    }
    CHECK_MSG(most <= LOOP_FRAMES_AHEAD + 2, "%d frames kept at once", most);
    /* With the last frame on screen, the first one past the window is gone. */
    CHECK(!loop_frames_ready(lf, (LOOP_N - 1 + LOOP_FRAMES_AHEAD + 1) % LOOP_N));
    loop_frames_destroy(lf);

    /* A frame missing: reported by name; the frames before it still drawn,
     * and one not ready stood in for by the nearest before it. */
    char missing[800];
    snprintf(missing, sizeof missing, "%s/05.png", dir);
    CHECK(unlink(missing) == 0);
    lf = loop_frames_create(&e, assets, LOOP_W, LOOP_H, err, sizeof err);
    CHECK(lf != NULL);
    if (!lf)
        goto done;
    int rc = 0;
    for (int tries = 0; tries < 400 && rc == 0; tries++) {
        rc = loop_frames_update(lf, r, (MirrorFrame){0, 1, 0.0}, true, err, sizeof err);
        SDL_Delay(5);
    }
    CHECK_MSG(rc == -1 && strstr(err, "05.png") != NULL, "rc %d: %s", rc, err);
    CHECK(loop_frames_ready(lf, 4) && !loop_frames_ready(lf, 5));
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    loop_frames_draw(lf, r, (MirrorFrame){5, 6, 0.5}, area, SIDE_RIGHT);
    CHECK(pixel_at(target, 2 + 2 * 4 + 1, 9)[0] == grey_of(4));
done:
    loop_frames_destroy(lf);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    IMG_Quit();
    SDL_Quit();
}

/* ---- The tick and the tone ---- */

/* A sound as made: tone->ms long, quiet, soft at both ends (no jump a
 * speaker would click on), at its pitch. */
static void check_sound(const TickTone *tone)
{
    static float samples[TICK_RATE];
    size_t n = tick_samples(tone, samples, SDL_arraysize(samples), TICK_RATE);
    CHECK(n == (size_t)TICK_RATE * (size_t)tone->ms / 1000);
    float peak = 0.0f, step = 0.0f;
    for (size_t i = 0; i < n; i++) {
        peak = fmaxf(peak, fabsf(samples[i]));
        if (i > 0)
            step = fmaxf(step, fabsf(samples[i] - samples[i - 1]));
    }
    CHECK_MSG(peak <= tone->level && peak > tone->level * 0.9f, "peak %f", peak);
    CHECK(fabsf(samples[0]) < 1e-6f && fabsf(samples[n - 1]) < 1e-3f);
    CHECK_MSG(step < 0.01f, "largest step between samples %f", step);
    CHECK(fabsf(samples[n / 50]) < tone->level * 0.05f);
    /* Zero crossings as a sine of its pitch has them. */
    int crossings = 0;
    for (size_t i = 1; i < n; i++)
        crossings += (samples[i - 1] < 0.0f) != (samples[i] < 0.0f);
    int want = (int)(2.0 * tone->hz * tone->ms / 1000.0);
    CHECK_MSG(abs(crossings - want) <= 2, "%d zero crossings, want about %d", crossings, want);
    CHECK(tick_samples(tone, samples, 10, TICK_RATE) == 10);
}

static void scenario_tick(void)
{
    check_sound(&tick_beat);
    check_sound(&tick_step_end);
    /* The end of a step: longer than the beat, never louder, and low. */
    CHECK(tick_step_end.ms > tick_beat.ms && tick_step_end.level <= tick_beat.level &&
          tick_step_end.hz < 500.0);

    /* Played through SDL's dummy audio output. */
    CHECK(SDL_Init(0) == 0);
    char err[256];
    Tick *tick = tick_create(&tick_beat, err, sizeof err);
    CHECK_MSG(tick != NULL, "%s", err);
    if (tick) {
        CHECK(tick_play(tick));
        CHECK(!tick_play(tick)); /* still playing: not queued again */
        /* Once played out (the dummy output takes the samples at the rate
         * it plays them), the next beat gets its tick: one at every beat. */
        bool again = false;
        for (int waited = 0; waited < 5000 && !again; waited += 10) {
            SDL_Delay(10);
            again = tick_play(tick);
        }
        CHECK_MSG(again, "no second tick after 5 s");
        CHECK(!tick_play(tick));
    }
    tick_destroy(tick);
    CHECK(SDL_WasInit(SDL_INIT_AUDIO) == 0);
    SDL_Quit();
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(void);
        bool app; /* runs the trainer */
    } scenarios[] = {{"imagery", scenario_imagery, true},
                     {"imagery_hurt", scenario_imagery_hurt, true},
                     {"mirror_skip", scenario_mirror_skip, true},
                     {"mirror_full", scenario_mirror_full, true},
                     {"touch", scenario_touch, true},
                     {"touch_hurt", scenario_touch_hurt, true},
                     {"touch_crash", scenario_touch_crash, true},
                     {"touch_no_icon", scenario_touch_no_icon, true},
                     {"touch_words", scenario_touch_words, false},
                     {"affected", scenario_affected, true},
                     {"describe", scenario_describe, false},
                     {"camera_view", scenario_camera_view, false},
                     {"loop_frames", scenario_loop_frames, false},
                     {"tick", scenario_tick, false}};
    if (argc != 3) {
        fprintf(stderr, "usage: test_modes_e2e SCENARIO WORKDIR\n");
        return 2;
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    /* Each scenario in a folder of its own, emptied first. */
    snprintf(work_dir, sizeof work_dir, "%.300s/%.60s", argv[2], argv[1]);
    mkdir(argv[2], 0700);
    drive_remove_files(work_dir);
    mkdir(work_dir, 0700);
    snprintf(db_path, sizeof db_path, "%s/%s.db", work_dir, argv[1]);
    for (size_t i = 0; i < SDL_arraysize(scenarios); i++)
        if (strcmp(argv[1], scenarios[i].name) == 0) {
            if (scenarios[i].app && find_targets() != 0) {
                fprintf(stderr, "cannot lay out the screens\n");
                return 1;
            }
            scenarios[i].run();
            return check_exit();
        }
    fprintf(stderr, "unknown scenario %s\n", argv[1]);
    return 2;
}
