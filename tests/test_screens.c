/* Every screen laid out at the size of the display it runs on: the real
 * trainer (app_run), fullscreen on the X display given in DISPLAY (the
 * script runs one Xvfb for each size), with GMI_LAYOUT_LOG set, walked
 * through home, every progress page, the PIN and every tab of the therapist
 * area, a drill with its pain rating and results, imagined movements,
 * mirror therapy and touch practice with their break screens. A patient
 * with a long name and long notes, six weeks of practice. Fails on any
 * text that leaves its box or the window or overlaps another, on any of
 * the trainer's own words cut short (only what a user typed may be), and on any
 * screen the walk did not reach (read from the log's "shown:" lines).
 *
 *   test_screens MAKE_HISTORY WORK_DIR [TEXT_SIZE_PERCENT] */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "check.h"
#include "drive.h"
#include "layout.h"
#include "scenes.h"
#include "ui.h"

/* Where the walk taps, from the same layout code and screen size as the
 * trainer. */
typedef struct Places {
    int w, h;
    SDL_Rect progress, therapist;        /* home */
    SDL_Rect tab[LAYOUT_MAX_TABS], done; /* the therapist area */
    int tabs;
    SDL_Rect name, notes, new_patient, import; /* the Patient tab's rows */
    SDL_Rect text_cancel;                      /* a name's or the notes' screen */
    SDL_Rect import_cancel;                    /* the import screen */
} Places;

static int lay_out(Places *p)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return -1;
    UiConfig config = {.title = "GMI Trainer",
                       .fullscreen = true,
                       .width = 1280,
                       .height = 800,
                       .font_regular = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans.ttf",
                       .font_bold = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans-Bold.ttf"};
    char err[256];
    Ui *ui = ui_create(&config, err, sizeof err);
    if (ui) {
        p->w = ui_width(ui);
        p->h = ui_height(ui);
        HomeLayout home = layout_home(ui, 3);
        p->progress = home.progress;
        p->therapist = home.therapist;
        /* The Patient tab: Patients (Switch, New, Import, Archive),
         * Details (Name, Notes), Affected, Side, Stage. */
        const int rows[LAYOUT_MAX_ROWS] = {4, 2, 3, 3, 3};
        p->tabs = LAYOUT_AREA_TABS;
        FormLayout f = layout_area(ui, 5, rows);
        memcpy(p->tab, f.tab, sizeof p->tab);
        p->done = f.bar_button[2];
        p->new_patient = f.choice[0][1];
        p->import = f.choice[0][2];
        p->name = f.choice[1][0];
        p->notes = f.choice[1][1];
        SDL_Rect buttons[2];
        layout_bar_buttons(ui, scene_top_bar(ui), buttons, 2, p->w / 3);
        p->text_cancel = buttons[0];
        const int files[1] = {1};
        FormSpec import = {
            .rows = 1, .choices = files, .bar_buttons = 2, .title = true, .stacked = true};
        p->import_cancel = layout_form(ui, &import).bar_button[0];
    } else {
        fprintf(stderr, "%s\n", err);
    }
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
    return ui ? 0 : -1;
}

static SDL_atomic_t ended; /* the trainer has returned */
static bool lost;          /* a step did not lead where the walk expected */

/* Waits until the window's title names screen ("GMI Trainer: " screen),
 * then for the touch guard to pass and the screen to be drawn. False (and
 * the walk is lost) if it does not within 20 s, however busy the machine,
 * or if the trainer returned (it could not start or stopped). */
static bool reach(const char *screen)
{
    char want[128], title[128] = "";
    snprintf(want, sizeof want, "GMI Trainer: %s", screen);
    for (int waited = 0; !lost && waited < 20000; waited += 50) {
        if (SDL_AtomicGet(&ended))
            break;
        if (SDL_WasInit(SDL_INIT_VIDEO)) {
            drive_window_title(title, sizeof title);
            if (strcmp(title, want) == 0) {
                SDL_Delay(DRIVE_SETTLE_MS + 300);
                return true;
            }
        }
        SDL_Delay(50);
    }
    if (!lost)
        fprintf(stderr, "the walk expected %s, the window shows '%s'\n", want, title);
    lost = true;
    return false;
}

static bool tap(const Places *p, SDL_Rect r, const char *then)
{
    if (lost)
        return false;
    drive_touch((r.x + r.w / 2.0f) / (float)p->w, (r.y + r.h / 2.0f) / (float)p->h, p->w, p->h);
    return reach(then);
}

static bool key(SDL_Keycode k, SDL_Scancode code, const char *then)
{
    if (lost)
        return false;
    drive_key(k, code);
    return reach(then);
}

static void type_pin(const char *pin)
{
    for (const char *c = pin; *c; c++) {
        drive_key(SDLK_0 + (*c - '0'), SDL_SCANCODE_0);
        SDL_Delay(100);
    }
    drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
}

static void quit(void)
{
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
}

static const char *db;
static long long sessions_before; /* sessions stored before the drill */

/* Home, the five progress pages, the PIN set (twice), every tab and the
 * Patient tab's own screens, each left by Cancel. */
static int walk_home(void *data)
{
    const Places *p = data;
    static const char *const pages[] = {"By angle", "Pain", "Touch", "Sessions"};
    char page[64];
    reach("Home");
    tap(p, p->progress, "Progress, By day");
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        snprintf(page, sizeof page, "Progress, %s", pages[i]);
        key(SDLK_RIGHT, SDL_SCANCODE_RIGHT, page);
    }
    key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, "Home");
    tap(p, p->therapist, "Set up by a therapist");
    key(SDLK_RETURN, SDL_SCANCODE_RETURN, "Therapist PIN");
    if (!lost) {
        type_pin("2468");
        SDL_Delay(1500); /* the hash takes a moment; the pad asks again */
        type_pin("2468");
        reach("Therapist, Patient");
    }
    static const char *const tabs[] = {"Patient", "Left/right", "Imagine",
                                       "Mirror",  "Touch",      "Settings"};
    char tab[64];
    for (int t = p->tabs - 1; t >= 0; t--) {
        snprintf(tab, sizeof tab, "Therapist, %s", tabs[t]);
        tap(p, p->tab[t], tab);
    }
    tap(p, p->name, "Patient's name");
    tap(p, p->text_cancel, "Therapist, Patient");
    tap(p, p->notes, "Notes");
    tap(p, p->text_cancel, "Therapist, Patient");
    tap(p, p->new_patient, "New patient's name");
    tap(p, p->text_cancel, "Therapist, Patient");
    tap(p, p->import, "Import");
    tap(p, p->import_cancel, "Therapist, Patient");
    tap(p, p->done, "Home");
    quit();
    return 0;
}

/* A three-picture drill that times out, then the pain rating and the
 * results (each passed with Enter). */
static int walk_drill(void *data)
{
    (void)data;
    reach("Left or right");
    for (int i = 0; !lost && i < 300 &&
                    drive_query(db, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL") <=
                        sessions_before;
         i++)
        SDL_Delay(100);
    reach("Pain after");
    key(SDLK_RETURN, SDL_SCANCODE_RETURN, "Results");
    key(SDLK_RETURN, SDL_SCANCODE_RETURN, "Home");
    quit();
    return 0;
}

/* A practice screen (named screen), then its break screen. */
static int walk_break(void *data)
{
    const char *screen = data;
    reach(screen);
    drive_key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE);
    SDL_Delay(DRIVE_SETTLE_MS + 300); /* the break screen has the same name */
    quit();
    return 0;
}

/* Runs the trainer with args[0..n) while walk (given data) drives it. */
static void run(SDL_ThreadFunction walk, void *data, const char *const *args, int n)
{
    char *argv[16] = {"gmi-trainer", "--db", (char *)db};
    for (int i = 0; i < n; i++)
        argv[3 + i] = (char *)args[i];
    SDL_AtomicSet(&ended, 0);
    SDL_Thread *t = SDL_CreateThread(walk, "walk", data);
    CHECK(app_run(3 + n, argv) == 0);
    SDL_AtomicSet(&ended, 1);
    SDL_WaitThread(t, NULL);
    CHECK_MSG(!lost, "the walk of %s lost its way", n ? args[0] : "home");
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: test_screens MAKE_HISTORY WORK_DIR [TEXT_SIZE_PERCENT]\n");
        return 2;
    }
    char path[1024], log[1024], command[3000], today[16];
    snprintf(path, sizeof path, "%s/screens.db", argv[2]);
    snprintf(log, sizeof log, "%s/layout.log", argv[2]);
    db = path;
    remove(path);
    remove(log);
    time_t now = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
    snprintf(command, sizeof command, "'%s' '%s' %s >/dev/null", argv[1], path, today);
    CHECK(system(command) == 0);
    /* The longest name a profile takes (40 characters, wide letters) and
     * long notes. */
    CHECK(drive_sql(path, "UPDATE profiles SET stage = 1, "
                          "name = 'WWWWWWWWWW Mmmmmmmmmm-Wwwwwwwwww Mmmmmmmm', "
                          "notes = 'CRPS of the left hand since March after a wrist fracture. "
                          "Flare-up in week 3 after gardening; keep sessions short on bad days. "
                          "Prefers feet pictures first. Review the mirror stage in two weeks "
                          "with the consultant; ask about sleep and the new medication.'") == 0);
    CHECK(drive_sql(path, "DELETE FROM device WHERE key LIKE 'pin%'") == 0);
    if (argc == 4) {
        snprintf(command, sizeof command,
                 "INSERT OR REPLACE INTO settings (profile_id, key, value) SELECT id, "
                 "'text_size', '%d' FROM profiles",
                 atoi(argv[3]));
        CHECK(drive_sql(path, command) == 0);
    }
    setenv("GMI_LAYOUT_LOG", log, 1);
    /* A backup to offer on the import screen, in a folder with a long name
     * (HOME is the work folder). */
    snprintf(command, sizeof command,
             "mkdir -p '%s/Downloads/Backups from the tablet of the patient in room 12' && "
             "cp '%s' '%s/Downloads/Backups from the tablet of the patient in room 12/"
             "gmi-trainer-backup-2026-11-30-093000.db'",
             argv[2], path, argv[2]);
    CHECK(system(command) == 0);

    Places p;
    if (lay_out(&p) != 0) {
        fprintf(stderr, "cannot lay out the screens\n");
        return 1;
    }
    run(walk_home, &p, NULL, 0);
    sessions_before = drive_query(db, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL");
    const char *drill[] = {"drill", "--count", "3", "--time-limit", "0.3", "--level", "4"};
    run(walk_drill, NULL, drill, 7);
    const char *imagery[] = {"imagery", "--side", "left"};
    run(walk_break, "Imagined movements", imagery, 3);
    const char *mirror[] = {"mirror", "--side", "left", "--camera", "off"};
    run(walk_break, "Mirror therapy", mirror, 5);
    const char *touch[] = {"touch", "--side", "left"};
    run(walk_break, "Touch practice", touch, 3);

    size_t len;
    char *text = drive_slurp(log, &len);
    CHECK(text != NULL);
    if (!text)
        return check_exit();
    static const char *const screens[] = {"Home",
                                          "Progress, By day",
                                          "Progress, By angle",
                                          "Progress, Pain",
                                          "Progress, Touch",
                                          "Progress, Sessions",
                                          "Set up by a therapist",
                                          "Therapist PIN",
                                          "Therapist, Patient",
                                          "Therapist, Left/right",
                                          "Therapist, Imagine",
                                          "Therapist, Mirror",
                                          "Therapist, Touch",
                                          "Therapist, Settings",
                                          "Patient's name",
                                          "Notes",
                                          "New patient's name",
                                          "Import",
                                          "Left or right",
                                          "Pain after",
                                          "Results",
                                          "Imagined movements",
                                          "Mirror therapy",
                                          "Touch practice"};
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        char line[128];
        snprintf(line, sizeof line, "shown: GMI Trainer: %s %dx%d\n", screens[i], p.w, p.h);
        CHECK_MSG(strstr(text, line) != NULL, "the walk never reached %s", screens[i]);
    }
    /* Only what a user typed or named, made as long as it may be here, may
     * be cut short (with an ellipsis); never the trainer's own words. */
    static const char *const long_inputs[] = {"WWWWWWWWWW", "CRPS of the left hand",
                                              "Backups from the tablet"};
    int faults = 0;
    for (char *l = strstr(text, "fault: "); l; l = strstr(l + 1, "fault: ")) {
        char *end = strchr(l, '\n');
        int n = end ? (int)(end - l) : (int)strlen(l);
        char *cut = strstr(l, "is cut short");
        bool input = false;
        for (size_t i = 0; cut && cut < l + n && i < sizeof long_inputs / sizeof long_inputs[0];
             i++) {
            char *at = strstr(l, long_inputs[i]);
            input |= at && at < l + n;
        }
        if (input)
            continue;
        fprintf(stderr, "%.*s\n", n, l);
        faults++;
    }
    CHECK_MSG(faults == 0, "%d layout faults at %dx%d", faults, p.w, p.h);
    printf("%dx%d%s%s: every screen reached, %d layout faults\n", p.w, p.h,
           argc == 4 ? ", text size " : "", argc == 4 ? argv[3] : "", faults);
    free(text);
    return check_exit();
}
