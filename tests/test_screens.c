/* Every screen laid out at the size of the display it runs on: the real
 * trainer (app_run), fullscreen on the X display given in DISPLAY (the
 * script runs one Xvfb for each size), with GMI_LAYOUT_LOG set, walked
 * through home, every progress page, the PIN and every tab of the therapist
 * area, a drill with its pain rating and results, imagined movements,
 * mirror therapy and touch practice with their break screens. A patient
 * with a long name and long notes, six weeks of practice. Fails on any
 * text that leaves its box or the window or overlaps another, and on any
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
        p->tabs = 6;
        FormSpec spec = {.rows = 5, .choices = rows, .bar_buttons = 3, .tabs = p->tabs};
        FormLayout f = layout_form(ui, &spec);
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

static void tap(const Places *p, SDL_Rect r)
{
    drive_touch((r.x + r.w / 2.0f) / (float)p->w, (r.y + r.h / 2.0f) / (float)p->h, p->w, p->h);
    SDL_Delay(900);
}

static void key(SDL_Keycode k, SDL_Scancode code)
{
    drive_key(k, code);
    SDL_Delay(900);
}

static SDL_atomic_t ended; /* the trainer has returned */

/* Waits for the trainer's window; false if the trainer returned first (it
 * could not start), so the walk gives up instead of waiting for ever. */
static bool wait_started(void)
{
    while (!SDL_WasInit(SDL_INIT_VIDEO))
        if (SDL_AtomicGet(&ended))
            return false;
        else
            SDL_Delay(20);
    SDL_Delay(1500);
    return true;
}

static void quit(void)
{
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
}

static const char *db;
static long long sessions_before; /* sessions stored before the drill */

/* Home, the five progress pages, the PIN set (twice) and every tab. */
static int walk_home(void *data)
{
    const Places *p = data;
    if (!wait_started())
        return 0;
    tap(p, p->progress);
    for (int i = 0; i < 4; i++)
        key(SDLK_RIGHT, SDL_SCANCODE_RIGHT);
    key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE);
    tap(p, p->therapist);
    key(SDLK_RETURN, SDL_SCANCODE_RETURN); /* set up by the therapist */
    for (int twice = 0; twice < 2; twice++) {
        for (const char *c = "2468"; *c; c++) {
            drive_key(SDLK_0 + (*c - '0'), SDL_SCANCODE_0);
            SDL_Delay(100);
        }
        drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
        SDL_Delay(1500); /* the hash takes a moment */
    }
    for (int t = p->tabs - 1; t >= 0; t--)
        tap(p, p->tab[t]);
    /* The Patient tab's own screens, each left by Cancel. */
    tap(p, p->name);
    tap(p, p->text_cancel);
    tap(p, p->notes);
    tap(p, p->text_cancel);
    tap(p, p->new_patient);
    tap(p, p->text_cancel);
    tap(p, p->import);
    tap(p, p->import_cancel);
    tap(p, p->done);
    quit();
    return 0;
}

/* A three-picture drill that times out, then the pain rating and the
 * results (each passed with Enter). */
static int walk_drill(void *data)
{
    (void)data;
    if (!wait_started())
        return 0;
    for (int i = 0; i < 200 && drive_query(db, "SELECT count(*) FROM sessions WHERE ended_at IS "
                                               "NOT NULL") <= sessions_before;
         i++)
        SDL_Delay(100);
    SDL_Delay(900);
    key(SDLK_RETURN, SDL_SCANCODE_RETURN);
    SDL_Delay(600);
    key(SDLK_RETURN, SDL_SCANCODE_RETURN);
    quit();
    return 0;
}

/* A practice screen, then its break screen. */
static int walk_break(void *data)
{
    (void)data;
    if (!wait_started())
        return 0;
    key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE);
    quit();
    return 0;
}

static void run(SDL_ThreadFunction walk, Places *p, const char *const *args, int n)
{
    char *argv[16] = {"gmi-trainer", "--db", (char *)db};
    for (int i = 0; i < n; i++)
        argv[3 + i] = (char *)args[i];
    SDL_AtomicSet(&ended, 0);
    SDL_Thread *t = SDL_CreateThread(walk, "walk", p);
    CHECK(app_run(3 + n, argv) == 0);
    SDL_AtomicSet(&ended, 1);
    SDL_WaitThread(t, NULL);
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
    run(walk_drill, &p, drill, 7);
    const char *imagery[] = {"imagery", "--side", "left"};
    run(walk_break, &p, imagery, 3);
    const char *mirror[] = {"mirror", "--side", "left", "--camera", "off"};
    run(walk_break, &p, mirror, 5);
    const char *touch[] = {"touch", "--side", "left"};
    run(walk_break, &p, touch, 3);

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
    int faults = 0;
    for (char *l = strstr(text, "fault: "); l; l = strstr(l + 1, "fault: ")) {
        char *end = strchr(l, '\n');
        fprintf(stderr, "%.*s\n", end ? (int)(end - l) : (int)strlen(l), l);
        faults++;
    }
    CHECK_MSG(faults == 0, "%d layout faults at %dx%d", faults, p.w, p.h);
    printf("%dx%d%s%s: every screen reached, %d layout faults\n", p.w, p.h,
           argc == 4 ? ", text size " : "", argc == 4 ? argv[3] : "", faults);
    free(text);
    return check_exit();
}
