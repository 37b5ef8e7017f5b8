#include "app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "cli.h"
#include "norms.h"
#include "review.h"
#include "scenes.h"
#include "store.h"
#include "timing.h"
#include "ui.h"

#define ERR_MAX 4608

/* The one place failures are reported: on stderr, and in a dialog when the
 * trainer is interactive so a patient sees it too. */
static int report_failure(bool interactive, SDL_Window *window, const char *message)
{
    fprintf(stderr, "gmi-trainer: %s\n", message);
    if (interactive)
        SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_ERROR, "GMI Trainer", message, window);
    return 1;
}

/* The database path: --db, or gmi-trainer.db in the per-user data folder
 * (created with mode 0700 by SDL). Returns a string to free, or NULL. */
static char *database_path(const char *given, char *err, size_t errlen)
{
    if (given)
        return SDL_strdup(given);
    char *folder = SDL_GetPrefPath("", "gmi-trainer");
    if (!folder) {
        snprintf(err, errlen, "cannot find a folder for your data: %s", SDL_GetError());
        return NULL;
    }
    size_t n = strlen(folder) + sizeof "gmi-trainer.db";
    char *path = SDL_malloc(n);
    if (path)
        snprintf(path, n, "%sgmi-trainer.db", folder);
    SDL_free(folder);
    if (!path)
        snprintf(err, errlen, "out of memory");
    return path;
}

/* The folder holding assets/ and data/: $GMI_RESOURCE_DIR, or the one the
 * build was configured with. */
static const char *resource_dir(void)
{
    const char *dir = getenv("GMI_RESOURCE_DIR");
    return dir && *dir ? dir : GMI_RESOURCE_DIR;
}

/* resource_dir()/relative, in a buffer of RESOURCE_PATH_MAX bytes. */
#define RESOURCE_PATH_MAX 4096
static const char *resource(char *buf, const char *relative)
{
    snprintf(buf, RESOURCE_PATH_MAX, "%s/%s", resource_dir(), relative);
    return buf;
}

static char *read_text(const char *path, size_t *len, char *err, size_t errlen)
{
    char *text = SDL_LoadFile(path, len);
    if (!text)
        snprintf(err, errlen, "cannot read %s: %s", path, SDL_GetError());
    return text;
}

static Catalogue *load_catalogue(char *err, size_t errlen)
{
    char path[RESOURCE_PATH_MAX];
    resource(path, "data/catalogue.csv");
    size_t len;
    char *text = read_text(path, &len, err, errlen);
    if (!text)
        return NULL;
    Catalogue *cat = catalogue_parse(text, len, path, err, errlen);
    SDL_free(text);
    return cat;
}

static int load_norms(Norms *norms, char *err, size_t errlen)
{
    char path[RESOURCE_PATH_MAX];
    resource(path, "data/norms.csv");
    size_t len;
    char *text = read_text(path, &len, err, errlen);
    if (!text)
        return -1;
    int rc = norms_parse(text, len, path, norms, err, errlen);
    SDL_free(text);
    return rc;
}

static Exercises *load_exercises(char *err, size_t errlen)
{
    char path[RESOURCE_PATH_MAX];
    resource(path, "data/exercises.csv");
    size_t len;
    char *text = read_text(path, &len, err, errlen);
    if (!text)
        return NULL;
    Exercises *ex = exercises_parse(text, len, path, err, errlen);
    SDL_free(text);
    return ex;
}

/* Opens the database read-only for export and report, and finds the
 * profile called o->profile (if given). */
static Store *open_for_reading(const CliOptions *o, StoreProfile *profile, char *err, size_t errlen)
{
    char *db_path = database_path(o->db_path, err, errlen);
    if (!db_path)
        return NULL;
    Store *store = store_open(db_path, STORE_READ_ONLY, NULL, err, errlen);
    SDL_free(db_path);
    if (!store || !o->profile)
        return store;
    bool found = false;
    if (store_profile_find(store, o->profile, profile, &found))
        snprintf(err, errlen, "%s", store_errmsg(store));
    else if (!found)
        snprintf(err, errlen, "there is no profile called '%s'", o->profile);
    else
        return store;
    store_close(store);
    return NULL;
}

typedef struct ExportJob {
    Store *store;
    const CliOptions *options;
} ExportJob;

static int write_export(FILE *out, void *ctx, char *err, size_t errlen)
{
    const ExportJob *job = ctx;
    const CliOptions *o = job->options;
    StoreExportKind what = o->what == CLI_WHAT_TRIALS ? STORE_EXPORT_TRIALS : STORE_EXPORT_SESSIONS;
    TableFormat format = o->format == CLI_FORMAT_CSV ? TABLE_CSV : TABLE_JSON;
    if (store_export(job->store, o->profile, what, format, out)) {
        snprintf(err, errlen, "%s", store_errmsg(job->store));
        return -1;
    }
    return 0;
}

/* Export reads only; a file is written through a temporary file renamed
 * into place, so a failure never leaves half a file under the real name. */
static int run_export(const CliOptions *o)
{
    char err[ERR_MAX];
    StoreProfile profile;
    Store *store = open_for_reading(o, &profile, err, sizeof err);
    if (!store)
        return report_failure(false, NULL, err);
    ExportJob job = {store, o};
    int rc = o->out_path ? review_write_file(o->out_path, write_export, &job, err, sizeof err)
                         : write_export(stdout, &job, err, sizeof err);
    store_close(store);
    return rc ? report_failure(false, NULL, err) : 0;
}

/* The report reads only. Without --profile it covers the first profile. */
static int run_report(const CliOptions *o)
{
    char err[ERR_MAX];
    Norms norms;
    if (load_norms(&norms, err, sizeof err))
        return report_failure(false, NULL, err);
    StoreProfile profile;
    Store *store = open_for_reading(o, &profile, err, sizeof err);
    if (!store)
        return report_failure(false, NULL, err);
    int rc = 0;
    if (!o->profile) {
        StoreProfile *all = NULL;
        size_t n = 0;
        if (store_profile_list(store, &all, &n)) {
            snprintf(err, sizeof err, "%s", store_errmsg(store));
            rc = -1;
        } else if (n == 0) {
            snprintf(err, sizeof err, "there is no profile yet");
            rc = -1;
        } else {
            profile = all[0];
        }
        free(all);
    }
    if (rc == 0) {
        int to = review_today(), from;
        if (o->to[0])
            progress_day_parse(o->to, &to);
        if (o->from[0])
            progress_day_parse(o->from, &from);
        else
            from = to - REVIEW_DEFAULT_DAYS + 1;
        rc = review_write_report(store, &profile, from, to, &norms, o->out_path, err, sizeof err);
    }
    store_close(store);
    return rc ? report_failure(false, NULL, err) : 0;
}

/* Loads the profile's prescription into app (the defaults where none was
 * saved, with a message if a saved value was invalid). */
static void load_prescription(AppContext *app)
{
    app->prescription = store_prescription_default(&app->profile);
    if (store_prescription_load(app->store, app->profile.id, &app->prescription))
        snprintf(app->notice, sizeof app->notice, "%s", store_errmsg(app->store));
}

static void run_scenes(AppContext *app, SceneId first)
{
    SceneId scene = first;
    while (scene != SCENE_QUIT) {
        switch (scene) {
        case SCENE_PROFILES:
            scene = scene_profiles(app);
            break;
        case SCENE_HOME:
            load_prescription(app);
            scene = scene_home(app);
            break;
        case SCENE_PAIN_BEFORE:
            scene = scene_pain(app, false);
            break;
        case SCENE_DRILL:
            scene = scene_drill(app);
            break;
        case SCENE_IMAGERY:
            scene = scene_imagery(app);
            break;
        case SCENE_MIRROR:
            scene = scene_mirror(app);
            break;
        case SCENE_PAIN_AFTER:
            scene = scene_pain(app, true);
            break;
        case SCENE_RESULTS:
            scene = scene_results(app);
            break;
        case SCENE_PROGRESS:
            scene = scene_progress(app);
            break;
        case SCENE_THERAPIST:
            scene = scene_therapist(app);
            break;
        case SCENE_QUIT:
            break;
        }
    }
}

/* The first screen: a session the command line asked for, the profile
 * picker when there are several profiles and none was named, else home. */
static SceneId first_scene(AppContext *app, const CliOptions *o)
{
    app->pain_before = -1;
    app->seed_given = o->seed_given;
    app->seed = o->seed;
    load_prescription(app);
    switch (o->command) {
    case CLI_DRILL:
        app->mode = MODE_DRILL;
        app->settings = o->drill;
        return SCENE_DRILL;
    case CLI_IMAGERY:
    case CLI_MIRROR: {
        bool imagery = o->command == CLI_IMAGERY;
        const Prescription *p = &app->prescription;
        app->imagery = o->imagery;
        app->mirror = o->mirror;
        if (!o->limb_given)
            app->imagery.limb = app->mirror.limb = imagery ? p->imagery.limb : p->mirror.limb;
        if (!o->side_given)
            app->imagery.side = app->mirror.side = imagery ? p->imagery.side : p->mirror.side;
        app->camera = o->camera;
        app->mode = imagery ? MODE_IMAGERY : MODE_MIRROR;
        return imagery ? SCENE_IMAGERY : SCENE_MIRROR;
    }
    default:
        break;
    }
    size_t n = 1;
    StoreProfile *all = NULL;
    if (!o->profile && store_profile_list(app->store, &all, &n) == 0)
        free(all);
    return n > 1 ? SCENE_PROFILES : SCENE_HOME;
}

/* Opens the trainer's database. A damaged file is set aside unchanged and a
 * fresh one started, with a message for the user in app->notice. */
static Store *open_store(const char *path, AppContext *app, char *err, size_t errlen)
{
    StoreFailure why;
    Store *store = store_open(path, STORE_READ_WRITE, &why, err, errlen);
    if (store || why != STORE_FAILED_DAMAGED)
        return store;
    char stamp[32], moved[4096], why_text[ERR_MAX];
    snprintf(why_text, sizeof why_text, "%s", err);
    timing_file_stamp(stamp, sizeof stamp);
    if (store_set_aside(path, stamp, moved, sizeof moved, err, errlen) ||
        !(store = store_open(path, STORE_READ_WRITE, NULL, err, errlen)))
        return NULL;
    fprintf(stderr, "gmi-trainer: %s; the file was kept as %s and a new one was started\n",
            why_text, moved);
    snprintf(app->notice, sizeof app->notice,
             "Your data file could not be read, so a new one was started. The old file was kept "
             "unchanged as %.380s",
             moved);
    return store;
}

static int run_trainer(const CliOptions *o)
{
    char err[ERR_MAX];
    timing_startup_stage("main");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, sizeof err, "cannot start the display: %s", SDL_GetError());
        return report_failure(false, NULL, err);
    }
    if (TTF_Init() != 0 || (IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0) {
        snprintf(err, sizeof err, "cannot start text or picture support: %s", SDL_GetError());
        SDL_Quit();
        return report_failure(true, NULL, err);
    }
    timing_startup_stage("sdl");
    char assets[RESOURCE_PATH_MAX], regular[RESOURCE_PATH_MAX], bold[RESOURCE_PATH_MAX];
    AppContext app = {.assets_dir = resource(assets, "assets")};
    Norms norms;
    Catalogue *catalogue = NULL;
    Exercises *exercises = NULL;
    char *db_path = NULL;
    int status = 0;
    if (!(catalogue = load_catalogue(err, sizeof err)) ||
        !(exercises = load_exercises(err, sizeof err)) || load_norms(&norms, err, sizeof err) ||
        !(db_path = database_path(o->db_path, err, sizeof err)) ||
        !(app.store = open_store(db_path, &app, err, sizeof err))) {
        status = report_failure(true, NULL, err);
    } else {
        char now[32];
        timing_iso8601(now, sizeof now);
        UiConfig config = {.title = "GMI Trainer",
                           .fullscreen = o->fullscreen,
                           .width = 1280,
                           .height = 800,
                           .font_regular = resource(regular, "assets/fonts/DejaVuSans.ttf"),
                           .font_bold = resource(bold, "assets/fonts/DejaVuSans-Bold.ttf")};
        StoreProfile profile;
        char damaged[sizeof app.notice];
        snprintf(damaged, sizeof damaged, "%s", app.notice);
        bool opened = store_profile_open(app.store, o->profile, now, &profile) == 0 &&
                      scene_open_profile(&app, &profile) == 0;
        timing_startup_stage("data");
        if (!opened) {
            status = report_failure(true, NULL, store_errmsg(app.store));
        } else if (!(app.ui = ui_create(&config, err, sizeof err))) {
            status = report_failure(true, NULL, err);
        } else {
            app.catalogue = catalogue;
            app.exercises = exercises;
            app.norms = &norms;
            /* A data file set aside is the more important message. */
            if (damaged[0])
                snprintf(app.notice, sizeof app.notice, "%s", damaged);
            run_scenes(&app, first_scene(&app, o));
        }
    }
    ui_destroy(app.ui);
    store_close(app.store);
    SDL_free(db_path);
    catalogue_destroy(catalogue);
    exercises_destroy(exercises);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return status;
}

int app_run(int argc, char **argv)
{
    /* Health data: every file the trainer creates is readable by the user only. */
    umask(077);
    CliOptions o;
    char err[ERR_MAX];
    if (cli_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "gmi-trainer: %s\n\n%s", err, cli_usage());
        return 2;
    }
    switch (o.command) {
    case CLI_HELP:
        fputs(cli_usage(), stdout);
        return 0;
    case CLI_VERSION:
        printf("gmi-trainer %s\n", GMI_VERSION);
        return 0;
    case CLI_EXPORT:
        return run_export(&o);
    case CLI_REPORT:
        return run_report(&o);
    case CLI_HOME:
    case CLI_DRILL:
    case CLI_IMAGERY:
    case CLI_MIRROR:
        break;
    }
    return run_trainer(&o);
}
