/* The screens of the trainer. Each runs its own event loop until the user
 * moves on and returns the next screen. */
#ifndef GMI_SCENES_H
#define GMI_SCENES_H

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"
#include "drill.h"
#include "exercises.h"
#include "layout.h"
#include "norms.h"
#include "review.h"
#include "store.h"
#include "touch.h"
#include "ui.h"

typedef enum SceneId {
    SCENE_PROFILES,    /* who is practising (when there is more than one profile) */
    SCENE_HOME,        /* the patient's home: today's session, the calendar */
    SCENE_PAIN_BEFORE, /* the optional pain rating before a session */
    SCENE_DRILL,
    SCENE_IMAGERY,
    SCENE_MIRROR,
    SCENE_TOUCH,      /* touch practice (desensitization) */
    SCENE_PAIN_AFTER, /* the optional ratings after a session */
    SCENE_RESULTS,    /* a drill's results */
    SCENE_PROGRESS,   /* the profile's progress over days and weeks */
    SCENE_THERAPIST,  /* behind the PIN: profiles and prescriptions */
    SCENE_QUIT
} SceneId;

/* What the screens share. Owned by the app; screens borrow it. */
typedef struct AppContext {
    Ui *ui;
    Store *store;
    const char *db_path; /* the database's file, which no output may replace */
    const Catalogue *catalogue;
    const Exercises *exercises;
    const TouchLadder *ladder; /* the textures of touch practice */
    const Norms *norms;
    const char *assets_dir;
    StoreProfile profile;
    Prescription prescription; /* the profile's */
    PracticeMode mode;         /* of the next (or just finished) session */
    DrillSettings settings;    /* of the next (or just finished) drill */
    ImagerySettings imagery;   /* of the next imagery set */
    MirrorSettings mirror;     /* of the next mirror-therapy session */
    bool camera;               /* mirror therapy: try the live camera mirror */
    Limb touch_limb;           /* of the next touch practice session */
    Side touch_side;
    bool seed_given; /* use seed for the next drill instead of a fresh one */
    uint64_t seed;
    int pain_before;    /* the rating given before the next session, or -1 */
    int64_t session_id; /* the session just finished; 0 if none */
    bool stopped_early; /* whether that session was stopped before its end */
    bool hurt;          /* whether it was stopped with "Stop, it hurts" */
    bool results;       /* a drill just finished with answers to show */
    bool therapist;     /* the therapist area is unlocked (until it is left) */
    char notice[512];   /* a message for the next screen to show, or "" */
} AppContext;

/* After a failure of app->store: when it found its file damaged, closes it,
 * sets the file aside unchanged, starts a fresh database at the same path
 * holding the practising profile (details and prescription as held in
 * app), and tells the patient in app->notice and the therapist on stderr
 * where the old file went. Returns true when app->store is that fresh
 * database; false when the file was not damaged (nothing done) or no fresh
 * one could be opened (then app->store is NULL and the trainer must stop).
 * Implemented by app.c, the one place failures are reported. */
bool app_recover(AppContext *app);

/* Makes p the profile practising. Its sessions that never ended (the
 * trainer was killed) are marked interrupted, and app->notice tells the
 * patient how many answers were kept. Returns 0, or -1 with the store's
 * message in app->notice. */
int scene_open_profile(AppContext *app, const StoreProfile *p);

/* After a failed write of part of a running session (start as recorded,
 * its parts counted in *saved): when the file turned out damaged, moves to
 * a fresh database (app_recover) and records the session's start there
 * again, with a new *session_id, and *saved set to 0 so the parts kept in
 * memory are written again from the first. The caller then stops the
 * session. Returns false when the file was not damaged or no fresh
 * database took the session (app->store is NULL when there is none: the
 * caller quits). */
bool scene_session_move(AppContext *app, SessionStart *start, int64_t *session_id, size_t *saved);

/* Ends the session just run: stores its end (now), whether it was stopped
 * early and whether because it hurt, and leaves them in app for the
 * ratings and results screens. A failure to store goes to app->notice. */
void scene_end_session(AppContext *app, int64_t session_id, bool stopped_early, bool hurt);

/* Sizes every text as app's prescription says (its text_size); a failure
 * goes to app->notice and leaves the size as it was. */
void scene_apply_text_size(AppContext *app);

/* Each screen runs until the user moves on and returns the next screen. */
SceneId scene_profiles(AppContext *app);
SceneId scene_home(AppContext *app);

/* What the home screen says under Start: the profile's next session and
 * its prescription, e.g. "Imagined movements: Left hand, 10 pictures, hold
 * 10 s, rest 5 s, timed", or that the therapist has yet to set the side.
 * Reads app's profile and prescription only. */
void scene_home_describe(const AppContext *app, char *buf, size_t cap);

/* For the benchmarks: draws and presents the home or the progress screen
 * (all pages in turn) n times as the screen itself does, reading its data
 * once first, and stores each frame's draw-and-present time in ns[i]. */
void scene_home_frames(AppContext *app, int n, int64_t *ns);
void scene_progress_frames(AppContext *app, int n, int64_t *ns);
SceneId scene_pain(AppContext *app, bool after);
SceneId scene_drill(AppContext *app);
SceneId scene_imagery(AppContext *app);
SceneId scene_mirror(AppContext *app);
SceneId scene_touch(AppContext *app);

/* The screen that runs a session of mode. */
SceneId scene_for_mode(PracticeMode mode);
SceneId scene_results(AppContext *app);
SceneId scene_progress(AppContext *app);
SceneId scene_therapist(AppContext *app);

/* The therapist area's Import: lists the backups and databases found on
 * USB sticks and memory cards, in Downloads and in the home folder
 * (importing_find), imports the one tapped into app->store and writes what
 * was added, or why the file was refused, into message. Returns SCENE_QUIT
 * when the window closes, else SCENE_THERAPIST. */
SceneId scene_import(AppContext *app, char *message, size_t cap);

/* How long a screen that has just come up takes no taps, clicks or keys:
 * a late tap meant for the screen before (an answer to the last picture)
 * must not press the button that now sits where it lands. */
#define SCENE_GUARD_MS 500

/* A screen that changes only on input: every screen but the practice
 * sessions (session_run.h). */
typedef struct SceneScreen {
    Ui *ui;
    void *state;                 /* handed to layout and draw */
    void (*layout)(void *state); /* lays it out for the window as it is now */
    void (*draw)(void *state);   /* draws it, not presented */
    bool redraw;                 /* present it, drawn anew, before waiting */
    bool fresh;                  /* it has come up (again): the next present starts the guard */
    Uint32 shown_ms;             /* SDL_GetTicks() just after that present */
    Uint64 wake_ms; /* 0, or SDL_GetTicks64() at which scene_input returns UI_INPUT_NONE
                       (a screen that changes with time: set before each call) */
} SceneScreen;

/* A screen for state (borrowed), laid out now, to be drawn and presented
 * by the first scene_input. */
SceneScreen scene_screen(Ui *ui, void *state, void (*layout)(void *state),
                         void (*draw)(void *state));

/* Waits for the next input the screen acts on: UI_INPUT_QUIT, KEY, PRESS
 * or TEXT (or UI_INPUT_NONE once s->wake_ms has come), presenting first
 * when s->redraw is set (and clearing it). A
 * change of window lays the screen out again and draws it. Input that
 * scene_too_soon finds too soon after the screen came up is dropped. */
UiInput scene_input(SceneScreen *s);

/* Whether in is a tap, click, key or text that came less than
 * SCENE_GUARD_MS after shown_ms (the time a screen came up, on in->ms's
 * clock), or before it: too soon to be meant for that screen. Closing the
 * window and Escape (which stops or goes back) are never too soon. */
bool scene_too_soon(const UiInput *in, Uint32 shown_ms);

/* The break screen every session shares: "Take a break", what is kept
 * (note), Continue, End session and "Stop, it hurts". */
typedef struct PauseButtons {
    SDL_Rect resume, end, hurt;
} PauseButtons;

typedef enum PauseChoice { PAUSE_NONE, PAUSE_RESUME, PAUSE_END, PAUSE_HURT } PauseChoice;

void scene_draw_pause(Ui *ui, const PauseButtons *b, const char *note);

/* What in chooses on the break screen: Enter, Escape or Pause resume too. */
PauseChoice scene_pause_choice(const UiInput *in, const PauseButtons *b);

/* Whether in is one of the keys a or b going down, or a press inside r. */
bool scene_key(const UiInput *in, SDL_Keycode a, SDL_Keycode b);
bool scene_pressed(const UiInput *in, SDL_Rect r);

/* Milliseconds from now until `until` (nanoseconds; INT64_MAX for no
 * deadline), rounded up, for SDL_WaitEventTimeout: at most a second, and 0
 * once `until` has come: then the caller does not wait and reads no event
 * before it has moved on to what was due. */
int scene_wait_ms(int64_t until, int64_t now);

/* Shared layout: the bar at the top of every screen. */
SDL_Rect scene_top_bar(const Ui *ui);

/* Draws text (what is shown, whose progress) at the left of the top bar,
 * on one line ending short of first_button, the bar's leftmost button. */
void scene_draw_bar_title(Ui *ui, SDL_Rect bar, SDL_Rect first_button, const char *text);

/* A question answered on a row of numbered buttons (the pain, vividness
 * and discomfort ratings). */
typedef struct SceneRating {
    const char *question;
    int choices;            /* buttons on the row */
    int first;              /* the number on the first; the others count up */
    const char *low, *high; /* what the two ends mean */
} SceneRating;

/* Draws rating r on row `row` of form l: the question above it, its
 * buttons (the one numbered chosen selected) and what its ends mean under
 * them. */
void scene_draw_rating(Ui *ui, const FormLayout *l, int row, const SceneRating *r, int chosen);

/* Draws the notice (if any) as a calm panel of width w with its top-left at
 * (x, y); returns its height (0 without a notice). */
int scene_draw_notice(Ui *ui, const char *notice, int x, int y, int w);

/* The same within room: as tall as the notice needs, never taller than
 * room (the text then at the normal size, else cut with an ellipsis);
 * returns its height. */
int scene_draw_notice_in(Ui *ui, const char *notice, SDL_Rect room);

#endif
