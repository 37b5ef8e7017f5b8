/* The one loop the three practice screens (left/right judgement, imagined
 * movements, mirror therapy) run in. A screen keeps what is its own (its
 * core's steps, pictures, drawing, what it stores for each part) behind
 * two small tables of operations, SessionCore and SessionScreen; the
 * runner keeps what they share: drawing only when
 * something changed (or each frame of an animation), sleeping in
 * SDL_WaitEventTimeout until the next deadline or event and stamping each
 * event with the high-resolution clock as it is dequeued, the break screen
 * (Continue, End session, "Stop, it hurts"), closing the window, writing
 * each finished part to the database in its own transaction and moving to
 * a fresh database when the file turns out damaged. */
#ifndef GMI_SESSION_RUN_H
#define GMI_SESSION_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pictures.h"
#include "scenes.h"

typedef struct SessionRun SessionRun;

/* What the runner asks a screen's core (drill, imagery, mirror) to do. */
typedef enum SessionAct {
    SESSION_START,   /* begin at t */
    SESSION_ADVANCE, /* move on to what is due at t */
    SESSION_PAUSE,
    SESSION_RESUME,
    SESSION_STOP
} SessionAct;

/* Where a screen's core is. */
typedef struct SessionState {
    int phase;          /* its own phase, as a number: a change is drawn */
    int64_t deadline;   /* when the phase ends by itself; INT64_MAX when it does not */
    bool paused;        /* on the break screen */
    bool done;          /* ended or stopped */
    bool stopped_early; /* once done: whether it was stopped before its end */
} SessionState;

/* A practice's logic and what it stores. Each function is given the
 * SessionRun that begins the screen's own run structure, and may cast it
 * back. */
typedef struct SessionCore {
    const char *unsaved; /* the notice when a part cannot be written */
    SessionState (*state)(const SessionRun *run);
    void (*act)(SessionRun *run, SessionAct act, int64_t t);
    /* Writes part i (from 0) to the database, in a transaction of its own,
     * if it has ended and parts may be written now (never while an answer
     * is awaited). Returns 0 when written, 1 when there is nothing to
     * write now, -1 when the store failed (store_errmsg says why). */
    int (*save)(SessionRun *run, size_t i);
} SessionCore;

/* A practice's screen, given its SessionRun as SessionCore's functions are. */
typedef struct SessionScreen {
    int64_t frame_ns; /* while running, redraw this often; 0: only on a change */
    /* Lays the screen out for the window as it is now, setting run->pause
     * and run->buttons. */
    void (*layout)(SessionRun *run);
    /* Draws the screen of the current phase (not presented yet). */
    void (*draw)(SessionRun *run, int64_t now);
    /* A press or key the runner did not take (it takes Pause and Escape,
     * and the break screen's Continue, End session and "Stop, it hurts"),
     * dequeued at t, in any phase. Returns whether it was taken. */
    bool (*input)(SessionRun *run, const UiInput *in, int64_t t);
    /* If not NULL, called before each turn's drawing; returns true when it
     * has dealt with the turn itself (presenting, and setting run->drawn
     * and run->redraw to what is on screen). The drill presents a picture
     * and stamps its onset here. */
    bool (*present)(SessionRun *run);
} SessionScreen;

/* The state every practice screen shares; the first member of each
 * screen's own run structure. */
struct SessionRun {
    AppContext *app; /* borrowed */
    const SessionCore *core;
    const SessionScreen *screen;
    SessionStart start; /* as recorded; started_at points at started */
    char started[32];
    int64_t session_id;
    size_t saved;     /* parts already in the database */
    bool moved;       /* the session was moved to a fresh database */
    bool quit;        /* the window is closing */
    bool hurt;        /* stopped with "Stop, it hurts" */
    bool save_failed; /* a part is waiting to be written again */
    SDL_Rect pause;   /* the Pause button */
    PauseButtons buttons;
    int drawn;   /* the phase on screen; -1 before the first present */
    bool redraw; /* the screen must be drawn again though the phase is the same */
    /* What this screen has to say (also left in app->notice for the home
     * screen); a notice from before the session is not shown here. */
    char notice[sizeof((AppContext *)0)->notice];
};

/* Sets up run for app with a practice's core and screen (both kept, not
 * copied) and lays the screen out. */
void session_init(SessionRun *run, AppContext *app, const SessionCore *core,
                  const SessionScreen *screen);

/* Records the session's start (run->start, filled in by the caller but
 * for started_at, which is stamped now). Returns the store's status; on
 * failure nothing was recorded. */
int session_begin(SessionRun *run);

/* Runs the session begun until it ends, is stopped or the window closes,
 * writes what is left, stores the end (scene_end_session). Returns
 * SCENE_QUIT when closing, else SCENE_PAIN_AFTER. The caller frees its own
 * resources afterwards. */
SceneId session_run(SessionRun *run);

/* Handles whatever events are queued, without waiting, each stamped as it
 * is dequeued. Returns whether the screen must be drawn again. */
bool session_drain(SessionRun *run);

/* Chooses a practice's n stimuli and loads their pictures (pictures_load,
 * fitted to area, any rotation if asked). choose(state, broken, ...) picks
 * them into chosen[] leaving out the catalogue pictures marked in
 * broken[], or returns -1 with the reason in err when it cannot. A picture
 * that is missing or broken is marked and the stimuli are chosen again,
 * with a warning in the notice (session_notice) once they load; when
 * choose() can no longer pick, the session cannot start. Returns the
 * pictures, or NULL with the reason in err. */
PictureSet *session_load_pictures(SessionRun *run,
                                  int (*choose)(void *state, const bool *broken, char *err,
                                                size_t errlen),
                                  void *state, const Stimulus *chosen, size_t n, SDL_Rect area,
                                  bool any_rotation, char *err, size_t errlen);

/* Says text on the screen (run->notice) and to the next screen
 * (app->notice); "" clears both. */
void session_notice(SessionRun *run, const char *text);

/* For a session that cannot start: "The NAME cannot start: why" in
 * app->notice, NAME being e.g. "drill". Returns SCENE_HOME. */
SceneId session_fail(AppContext *app, const char *name, const char *why);

#endif
