#include "app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "cli.h"
#include "importing.h"
#include "norms.h"
#include "outfile.h"
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

/* dir/relative into buf (RESOURCE_PATH_MAX bytes); NULL with a message when
 * it does not fit (a name is never cut short). */
#define RESOURCE_PATH_MAX 4096
static const char *resource_join(char *buf, const char *dir, const char *relative, char *err,
                                 size_t errlen)
{
    int n = snprintf(buf, RESOURCE_PATH_MAX, "%s/%s", dir, relative);
    if (n >= 0 && n < RESOURCE_PATH_MAX)
        return buf;
    snprintf(err, errlen,
             "the name of the folder holding assets/ and data/ is too long (%.200s...)", dir);
    return NULL;
}

/* The path of `relative` in the folder holding assets/ and data/, written
 * into buf (RESOURCE_PATH_MAX bytes), or NULL with a message when too long.
 * That folder is $GMI_RESOURCE_DIR if set; else, for an installed trainer,
 * GMI_INSTALLED_RESOURCES (such as ../share/gmi-trainer) from the program's
 * own folder, so an installation moved elsewhere still finds it; else the
 * source folder the build was configured from (running from the build
 * folder). */
static const char *resource(char *buf, const char *relative, char *err, size_t errlen)
{
    const char *given = getenv("GMI_RESOURCE_DIR");
    if (given && *given)
        return resource_join(buf, given, relative, err, errlen);
    char *program_dir = SDL_GetBasePath(); /* ends with a slash */
    if (program_dir) {
        char installed[RESOURCE_PATH_MAX];
        struct stat st;
        int n = snprintf(installed, sizeof installed, "%s%s", program_dir, GMI_INSTALLED_RESOURCES);
        SDL_free(program_dir);
        if (n >= 0 && n < (int)sizeof installed && stat(installed, &st) == 0 && S_ISDIR(st.st_mode))
            return resource_join(buf, installed, relative, err, errlen);
    }
    return resource_join(buf, GMI_RESOURCE_DIR, relative, err, errlen);
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
    if (!resource(path, "data/catalogue.csv", err, errlen))
        return NULL;
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
    if (!resource(path, "data/norms.csv", err, errlen))
        return -1;
    size_t len;
    char *text = read_text(path, &len, err, errlen);
    if (!text)
        return -1;
    int rc = norms_parse(text, len, path, norms, err, errlen);
    SDL_free(text);
    return rc;
}

static TouchLadder *load_ladder(char *err, size_t errlen)
{
    char path[RESOURCE_PATH_MAX];
    if (!resource(path, "data/touch-ladder.csv", err, errlen))
        return NULL;
    size_t len;
    char *text = read_text(path, &len, err, errlen);
    if (!text)
        return NULL;
    TouchLadder *ladder = touch_ladder_parse(text, len, path, err, errlen);
    SDL_free(text);
    return ladder;
}

static Exercises *load_exercises(char *err, size_t errlen)
{
    char path[RESOURCE_PATH_MAX];
    if (!resource(path, "data/exercises.csv", err, errlen))
        return NULL;
    size_t len;
    char *text = read_text(path, &len, err, errlen);
    if (!text)
        return NULL;
    Exercises *ex = exercises_parse(text, len, path, err, errlen);
    SDL_free(text);
    return ex;
}

/* Opens the database read-only for export and report, and finds the
 * profile called o->profile (if given). *db_path gets the database's path
 * (to free with SDL_free), which no output may replace. */
static Store *open_for_reading(const CliOptions *o, StoreProfile *profile, char **db_path,
                               char *err, size_t errlen)
{
    *db_path = database_path(o->db_path, err, errlen);
    if (!*db_path)
        return NULL;
    Store *store = store_open(*db_path, STORE_READ_ONLY, NULL, err, errlen);
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

/* Export reads only; the output is written by outfile_write (see outfile.h). */
static int run_export(const CliOptions *o)
{
    char err[ERR_MAX];
    StoreProfile profile;
    char *db_path = NULL;
    Store *store = open_for_reading(o, &profile, &db_path, err, sizeof err);
    int rc = -1;
    if (store) {
        ExportJob job = {store, o};
        rc = outfile_write(o->out_path, db_path, write_export, &job, err, sizeof err);
    }
    store_close(store);
    SDL_free(db_path);
    return rc ? report_failure(false, NULL, err) : 0;
}

/* Copies the database, read-only and alongside a running trainer, to --out
 * or a dated file in the documents folder, then records the date in it
 * (a failure to record it is said, but the copy stands). */
static int run_backup(const CliOptions *o)
{
    char err[ERR_MAX];
    char *db_path = database_path(o->db_path, err, sizeof err);
    Store *store = db_path ? store_open(db_path, STORE_READ_ONLY, NULL, err, sizeof err) : NULL;
    char named[4096];
    const char *out = o->out_path;
    int rc = store ? 0 : -1;
    if (store && !out) {
        char dir[2048], stamp[32];
        timing_file_stamp(stamp, sizeof stamp);
        int n = review_documents_dir(dir, sizeof dir);
        if (n < 0 || (size_t)snprintf(named, sizeof named, "%s/gmi-trainer-backup-%s.db", dir,
                                      stamp) >= sizeof named) {
            snprintf(err, sizeof err, "cannot name the backup: the home folder's name is too long");
            rc = -1;
        }
        out = named;
    }
    if (rc == 0 && store_backup(store, out)) {
        snprintf(err, sizeof err, "%s", store_errmsg(store));
        rc = -1;
    }
    store_close(store);
    if (rc == 0) {
        printf("The backup was saved as %s\n", out);
        char now[32];
        timing_iso8601(now, sizeof now);
        Store *rw = store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err);
        if (!rw || store_note_set(rw, STORE_NOTE_LAST_BACKUP, now))
            fprintf(stderr, "gmi-trainer: the date of this backup was not recorded: %s\n",
                    rw ? store_errmsg(rw) : err);
        store_close(rw);
    }
    SDL_free(db_path);
    return rc ? report_failure(false, NULL, err) : 0;
}

/* Installs a backup as the database, the trainer being closed: the current
 * file is kept beside it under a new name. */
static int run_restore(const CliOptions *o)
{
    char err[ERR_MAX], stamp[32], moved[4096];
    bool held = false;
    char *db_path = database_path(o->db_path, err, sizeof err);
    StoreLock *lock = db_path ? store_lock(db_path, &held, err, sizeof err) : NULL;
    timing_file_stamp(stamp, sizeof stamp);
    int rc =
        lock ? store_restore(db_path, o->restore_path, stamp, moved, sizeof moved, err, sizeof err)
             : -1;
    if (rc == 0) {
        printf("The backup %s is now the database %s.\n", o->restore_path, db_path);
        if (moved[0])
            printf("The database it replaced was kept as %s\n", moved);
    }
    store_unlock(lock);
    SDL_free(db_path);
    return rc ? report_failure(false, NULL, err) : 0;
}

/* Merges a patient's backup or database into this database, the trainer
 * being closed (the lock is held), and says what was added. */
static int run_import(const CliOptions *o)
{
    char err[ERR_MAX], text[8192];
    bool held = false;
    char *db_path = database_path(o->db_path, err, sizeof err);
    struct stat st;
    bool fresh = db_path && lstat(db_path, &st) != 0 && errno == ENOENT;
    StoreLock *lock = db_path ? store_lock(db_path, &held, err, sizeof err) : NULL;
    Store *store = lock ? store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err) : NULL;
    int rc = store ? importing_run(store, o->import_path, text, sizeof text) : -1;
    if (rc == 0)
        printf("Imported from %s:\n%s", o->import_path, text);
    else
        report_failure(false, NULL, store ? text : err);
    store_close(store);
    /* A refused file leaves no trace: a database this import created (it
     * holds nothing yet) goes again, with its lock file. */
    if (rc != 0 && fresh && lock) {
        static const char *const suffixes[] = {"", "-wal", "-shm", "-journal", ".lock"};
        for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
            char path[4096];
            if ((size_t)snprintf(path, sizeof path, "%s%s", db_path, suffixes[i]) < sizeof path)
                unlink(path);
        }
    }
    store_unlock(lock);
    SDL_free(db_path);
    return rc ? 1 : 0;
}

/* The report reads only. Without --profile it covers the first profile. */
static int run_report(const CliOptions *o)
{
    char err[ERR_MAX];
    Norms norms;
    TouchLadder *ladder = NULL;
    if (load_norms(&norms, err, sizeof err) || !(ladder = load_ladder(err, sizeof err)))
        return report_failure(false, NULL, err);
    StoreProfile profile;
    char *db_path = NULL;
    Store *store = open_for_reading(o, &profile, &db_path, err, sizeof err);
    int rc = store ? 0 : -1;
    if (store && !o->profile) {
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
        rc = review_write_report(store, &profile, from, to, &norms, ladder, o->out_path, db_path,
                                 err, sizeof err);
    }
    touch_ladder_destroy(ladder);
    store_close(store);
    SDL_free(db_path);
    return rc ? report_failure(false, NULL, err) : 0;
}

/* Loads the profile's prescription into app (the defaults where none was
 * saved, with a message if a saved value was invalid), and sizes the text
 * as it says once the window is open. */
static void load_prescription(AppContext *app)
{
    app->prescription = prescription_default();
    if (store_prescription_load(app->store, app->profile.id, &app->prescription))
        snprintf(app->notice, sizeof app->notice, "%s", store_errmsg(app->store));
    if (app->ui)
        scene_apply_text_size(app);
}

static void run_scenes(AppContext *app, SceneId first)
{
    SceneId scene = first;
    while (scene != SCENE_QUIT) {
        /* Damage found by any screen: carry on in a fresh file, or stop. */
        app_recover(app);
        if (!app->store)
            break;
        static const char *const names[] = {[SCENE_PROFILES] = "Who is practising",
                                            [SCENE_HOME] = "Home",
                                            [SCENE_PAIN_BEFORE] = "Pain before",
                                            [SCENE_DRILL] = "Left or right",
                                            [SCENE_IMAGERY] = "Imagined movements",
                                            [SCENE_MIRROR] = "Mirror therapy",
                                            [SCENE_TOUCH] = "Touch practice",
                                            [SCENE_PAIN_AFTER] = "Pain after",
                                            [SCENE_RESULTS] = "Results",
                                            [SCENE_PROGRESS] = "Progress",
                                            [SCENE_THERAPIST] = "Therapist"};
        ui_name_screen(app->ui, names[scene]);
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
        case SCENE_TOUCH:
            scene = scene_touch(app);
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
            /* The profile may have been switched on the way. */
            load_prescription(app);
            scene = scene_therapist(app);
            break;
        case SCENE_QUIT:
            break;
        }
    }
}

/* The limb and side choices of the practice the command starts, in p. */
static void target_choices(const Prescription *p, CliCommand command, LimbChoice *limb,
                           SideChoice *side)
{
    *limb = command == CLI_IMAGERY  ? p->imagery_limb
            : command == CLI_MIRROR ? p->mirror_limb
                                    : p->touch_limb;
    *side = command == CLI_IMAGERY  ? p->imagery_side
            : command == CLI_MIRROR ? p->mirror_side
                                    : p->touch_side;
}

/* The first screen into *first: a session the command line asked for, the
 * profile picker when there are several profiles and none was named, else
 * home. The limb and side of imagery, mirror therapy or touch are --limb and
 * --side where given, else the prescription's (the profile's affected ones
 * unless it chose others). Returns 0, or -1 with a message when one of
 * them is left to the profile and not set there: it is never guessed, so
 * the command line must give it. */
static int first_scene(AppContext *app, const CliOptions *o, SceneId *first, char *err,
                       size_t errlen)
{
    app->pain_before = -1;
    app->seed_given = o->seed_given;
    app->seed = o->seed;
    load_prescription(app);
    switch (o->command) {
    case CLI_DRILL: {
        /* A body part asked for that the picture library has not: said on
         * the command line, before a window opens. */
        LimbSet missing = o->prescription.drill.limbs & ~catalogue_limbs(app->catalogue);
        if (missing) {
            char parts[64], have[64];
            limb_set_words(missing, parts, sizeof parts);
            limb_set_words(catalogue_limbs(app->catalogue), have, sizeof have);
            parts[0] = (char)tolower((unsigned char)parts[0]);
            have[0] = (char)tolower((unsigned char)have[0]);
            snprintf(err, errlen,
                     "the drill cannot start: the picture library has no pictures of %s (it has "
                     "%s)",
                     parts, have);
            return -1;
        }
        app->mode = MODE_DRILL;
        app->settings = o->prescription.drill;
        *first = SCENE_DRILL;
        return 0;
    }
    case CLI_IMAGERY:
    case CLI_MIRROR:
    case CLI_TOUCH: {
        static const char *const names[] = {[CLI_IMAGERY] = "imagined movements",
                                            [CLI_MIRROR] = "mirror therapy",
                                            [CLI_TOUCH] = "touch practice"};
        LimbChoice limb, plimb;
        SideChoice side, pside;
        target_choices(&o->prescription, o->command, &limb, &side);
        target_choices(&app->prescription, o->command, &plimb, &pside);
        if (limb == LIMB_CHOICE_AFFECTED)
            limb = plimb;
        if (side == SIDE_CHOICE_AFFECTED)
            side = pside;
        const Prescription *given = &o->prescription;
        app->imagery = given->imagery;
        app->mirror = given->mirror;
        int open = store_prescription_target(&app->profile, limb, side, &app->imagery.limb,
                                             &app->imagery.side);
        if (open) {
            /* Indexed by the STORE_TARGET_ bits. */
            static const char *const what[] = {"", "side is", "limb is", "side and limb are"};
            static const char *const give[] = {"", "--side left|right", "--limb hand|foot",
                                               "--side left|right and --limb hand|foot"};
            snprintf(err, errlen,
                     "the affected %s not set for profile '%s', so %s cannot start: give %s, or "
                     "set it in the therapist area",
                     what[open], app->profile.name, names[o->command], give[open]);
            return -1;
        }
        app->mirror.limb = app->touch_limb = app->imagery.limb;
        app->mirror.side = app->touch_side = app->imagery.side;
        app->camera = given->mirror_camera;
        app->mode = o->command == CLI_IMAGERY  ? MODE_IMAGERY
                    : o->command == CLI_MIRROR ? MODE_MIRROR
                                               : MODE_TOUCH;
        *first = scene_for_mode(app->mode);
        return 0;
    }
    default:
        break;
    }
    size_t n = 0, active = 1;
    StoreProfile *all = NULL;
    if (!o->profile && store_profile_list(app->store, &all, &n) == 0) {
        active = 0;
        for (size_t i = 0; i < n; i++)
            active += !all[i].archived;
        free(all);
    }
    *first = active > 1 ? SCENE_PROFILES : SCENE_HOME;
    return 0;
}

/* Sets the damaged database at path aside unchanged (with its -wal) and
 * opens a fresh one there; why says what was wrong. Says on stderr, and to
 * the patient in app->notice, where the old file went. */
static Store *replace_damaged(const char *path, const char *why, AppContext *app, char *err,
                              size_t errlen)
{
    char stamp[32], moved[4096];
    timing_file_stamp(stamp, sizeof stamp);
    Store *store = NULL;
    if (store_set_aside(path, stamp, moved, sizeof moved, err, errlen) ||
        !(store = store_open(path, STORE_READ_WRITE, NULL, err, errlen)))
        return NULL;
    fprintf(stderr, "gmi-trainer: %s; the file was kept as %s and a new one was started\n", why,
            moved);
    if (store_note_set(store, STORE_NOTE_SET_ASIDE, moved))
        fprintf(stderr, "gmi-trainer: %s\n", store_errmsg(store));
    snprintf(app->notice, sizeof app->notice,
             "Your data file could not be read, so a new one was started. The old file was kept "
             "unchanged as %.300s.",
             moved);
    return store;
}

/* Opens the trainer's database and starts the check of the whole file,
 * which goes on while the window opens and the patient practises. A file
 * that cannot be opened as damaged is set aside unchanged and a fresh one
 * started, with a message for the user in app->notice. */
static Store *open_store(const char *path, AppContext *app, char *err, size_t errlen)
{
    StoreFailure why;
    Store *store = store_open(path, STORE_READ_WRITE, &why, err, errlen);
    if (!store && why == STORE_FAILED_DAMAGED) {
        char why_text[ERR_MAX];
        snprintf(why_text, sizeof why_text, "%s", err);
        return replace_damaged(path, why_text, app, err, errlen);
    }
    /* Without the check the trainer still works; damage is then found
     * when a page is read. */
    if (store && store_check_start(store))
        fprintf(stderr, "gmi-trainer: %s\n", store_errmsg(store));
    return store;
}

bool app_recover(AppContext *app)
{
    if (!app->store || !store_damaged(app->store))
        return false;
    char why[ERR_MAX], err[ERR_MAX];
    snprintf(why, sizeof why, "%s: %s", app->db_path, store_errmsg(app->store));
    store_close(app->store);
    app->store = replace_damaged(app->db_path, why, app, err, sizeof err);
    if (!app->store) {
        report_failure(true, app->ui ? ui_window(app->ui) : NULL, err);
        return false;
    }
    /* The patient practising (if one was open yet) carries on in the new
     * file with the details and prescription the trainer holds. */
    char now[32];
    timing_iso8601(now, sizeof now);
    StoreProfile p;
    if (app->profile.id && store_profile_open(app->store, app->profile.name, now, &p) == 0) {
        StoreProfile kept = app->profile;
        kept.id = p.id;
        app->profile = kept;
        if (store_profile_update(app->store, &kept) == 0)
            store_prescription_save(app->store, kept.id, &app->prescription);
    }
    return true;
}

/* Opens the profile called name (NULL: the first) as the one practising. */
static int start_profile(AppContext *app, const char *name)
{
    char now[32];
    timing_iso8601(now, sizeof now);
    StoreProfile profile;
    return store_profile_open(app->store, name, now, &profile) || scene_open_profile(app, &profile)
               ? -1
               : 0;
}

/* False when SDL fell back on a video driver that shows nothing (as with no
 * DISPLAY or WAYLAND_DISPLAY) without the user asking for it through
 * SDL_VIDEODRIVER, as tests do. */
static bool screen_visible(void)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    bool invisible = driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy"));
    return !invisible || (asked && asked[0]);
}

static int run_trainer(const CliOptions *o)
{
    char err[ERR_MAX];
    timing_startup_stage("main");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, sizeof err, "cannot start the display: %s", SDL_GetError());
        return report_failure(false, NULL, err);
    }
    if (!screen_visible()) {
        SDL_Quit();
        return report_failure(false, NULL,
                              "No screen found: start GMI Trainer from the tablet's desktop, "
                              "or set DISPLAY");
    }
    if (TTF_Init() != 0 || (IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0) {
        snprintf(err, sizeof err, "cannot start text or picture support: %s", SDL_GetError());
        SDL_Quit();
        return report_failure(true, NULL, err);
    }
    timing_startup_stage("sdl");
    char assets[RESOURCE_PATH_MAX], regular[RESOURCE_PATH_MAX], bold[RESOURCE_PATH_MAX];
    AppContext app = {0};
    Norms norms;
    Catalogue *catalogue = NULL;
    Exercises *exercises = NULL;
    TouchLadder *ladder = NULL;
    char *db_path = NULL;
    StoreLock *lock = NULL;
    bool held = false;
    /* What stopped the trainer, said once the database is closed and its
     * lock let go: the message box waits for the user, and on some
     * desktops it is another process, started while no other thread of
     * ours (the database check) runs. */
    char failure[ERR_MAX] = "";
    int status = 0;
    if (!(db_path = database_path(o->db_path, err, sizeof err)) ||
        !(lock = store_lock(db_path, &held, err, sizeof err)) ||
        !(app.assets_dir = resource(assets, "assets", err, sizeof err)) ||
        !resource(regular, "assets/fonts/DejaVuSans.ttf", err, sizeof err) ||
        !resource(bold, "assets/fonts/DejaVuSans-Bold.ttf", err, sizeof err) ||
        !(catalogue = load_catalogue(err, sizeof err)) ||
        !(exercises = load_exercises(err, sizeof err)) ||
        !(ladder = load_ladder(err, sizeof err)) || load_norms(&norms, err, sizeof err) ||
        !(app.store = open_store(db_path, &app, err, sizeof err))) {
        snprintf(failure, sizeof failure, "%s", err);
    } else if (SDL_QuitRequested()) {
        /* Asked to stop while loading (SDL turns SIGTERM and SIGINT into a
         * quit event, which nothing has read yet): end before a window
         * opens or a session starts. */
    } else {
        UiConfig config = {.title = "GMI Trainer",
                           .fullscreen = o->fullscreen,
                           .width = 1280,
                           .height = 800,
                           .font_regular = regular,
                           .font_bold = bold};
        SceneId first;
        app.db_path = db_path;
        app.catalogue = catalogue;
        app.exercises = exercises;
        app.ladder = ladder;
        app.norms = &norms;
        char damaged[sizeof app.notice];
        snprintf(damaged, sizeof damaged, "%s", app.notice);
        int rc = start_profile(&app, o->profile);
        if (rc && app_recover(&app)) {
            snprintf(damaged, sizeof damaged, "%s", app.notice);
            rc = start_profile(&app, o->profile);
        }
        timing_startup_stage("data");
        if (rc && app.store) {
            snprintf(failure, sizeof failure, "%s", store_errmsg(app.store));
        } else if (rc) {
            status = 1; /* app_recover said why */
        } else if (first_scene(&app, o, &first, err, sizeof err) ||
                   !(app.ui = ui_create(&config, err, sizeof err))) {
            snprintf(failure, sizeof failure, "%s", err);
        } else {
            scene_apply_text_size(&app);
            /* A data file set aside is the more important message. */
            if (damaged[0])
                snprintf(app.notice, sizeof app.notice, "%s", damaged);
            run_scenes(&app, first);
        }
    }
    ui_destroy(app.ui);
    store_close(app.store);
    store_unlock(lock);
    SDL_free(db_path);
    catalogue_destroy(catalogue);
    exercises_destroy(exercises);
    touch_ladder_destroy(ladder);
    if (failure[0])
        status = report_failure(true, NULL, failure);
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
    case CLI_BACKUP:
        return run_backup(&o);
    case CLI_RESTORE:
        return run_restore(&o);
    case CLI_IMPORT:
        return run_import(&o);
    case CLI_HOME:
    case CLI_DRILL:
    case CLI_IMAGERY:
    case CLI_MIRROR:
    case CLI_TOUCH:
        break;
    }
    return run_trainer(&o);
}
