#include "session_run.h"

#include <stdio.h>

#include "timing.h"

#define NS_PER_MS 1000000LL

void session_init(SessionRun *run, AppContext *app, const SessionCore *core,
                  const SessionScreen *screen)
{
    *run = (SessionRun){.app = app, .core = core, .screen = screen, .drawn = -1, .redraw = true};
    screen->layout(run);
}

int session_begin(SessionRun *run)
{
    timing_iso8601(run->started, sizeof run->started);
    run->start.started_at = run->started;
    return store_session_begin(run->app->store, &run->start, &run->session_id);
}

void session_notice(SessionRun *run, const char *text)
{
    snprintf(run->notice, sizeof run->notice, "%s", text);
    snprintf(run->app->notice, sizeof run->app->notice, "%s", text);
}

SceneId session_fail(AppContext *app, const char *name, const char *why)
{
    snprintf(app->notice, sizeof app->notice, "The %s cannot start: %.460s", name, why);
    return SCENE_HOME;
}

PictureSet *session_load_pictures(SessionRun *run,
                                  int (*choose)(void *state, const bool *broken, char *err,
                                                size_t errlen),
                                  void *state, const Stimulus *chosen, size_t n, SDL_Rect area,
                                  bool any_rotation, char *err, size_t errlen)
{
    AppContext *app = run->app;
    size_t npictures = catalogue_count(app->catalogue);
    bool *broken = SDL_calloc(npictures ? npictures : 1, sizeof *broken);
    if (!broken) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int left_out = 0;
    char first[512] = "";
    PictureSet *set = NULL;
    for (;;) {
        if (choose(state, broken, err, errlen)) {
            if (left_out > 0)
                snprintf(err, errlen, "%d picture%s could not be loaded (%.400s)", left_out,
                         left_out == 1 ? "" : "s", first);
            break;
        }
        int nbroken = 0;
        set = pictures_load(ui_renderer(app->ui), app->catalogue, chosen, n, app->assets_dir, area,
                            any_rotation, broken, &nbroken, err, errlen);
        if (!set || nbroken == 0)
            break;
        pictures_destroy(set);
        set = NULL;
        if (left_out == 0)
            snprintf(first, sizeof first, "%s", err);
        left_out += nbroken;
    }
    if (set && left_out > 0) {
        char text[sizeof run->notice];
        snprintf(text, sizeof text, "%d picture%s could not be loaded and %s left out (%.400s)",
                 left_out, left_out == 1 ? "" : "s", left_out == 1 ? "was" : "were", first);
        session_notice(run, text);
    }
    SDL_free(broken);
    return set;
}

/* Writes the parts that have ended since the last call, each in its own
 * transaction. One that cannot be written stays in memory and is tried
 * again at the next call; a damaged file stops the session, which goes on
 * in a fresh one. */
static void save_pending(SessionRun *run)
{
    AppContext *app = run->app;
    const SessionCore *core = run->core;
    for (int rc; (rc = core->save(run, run->saved)) != 1;) {
        if (rc == 0) {
            run->saved++;
            continue;
        }
        if (!run->moved && scene_session_move(app, &run->start, &run->session_id, &run->saved)) {
            run->moved = true;
            core->act(run, SESSION_STOP, timing_now_ns());
            continue;
        }
        if (!app->store) {
            run->quit = true;
            core->act(run, SESSION_STOP, timing_now_ns());
            return;
        }
        char text[sizeof run->notice];
        snprintf(text, sizeof text, "%s: %.400s", core->unsaved, store_errmsg(app->store));
        session_notice(run, text);
        run->save_failed = true;
        return;
    }
    if (run->save_failed) {
        session_notice(run, "");
        run->save_failed = false;
    }
}

/* Handles one event dequeued at t. Returns whether the screen must be
 * drawn again (a change of phase is drawn anyway). */
static bool handle_event(SessionRun *run, const SDL_Event *event, int64_t t)
{
    const SessionCore *core = run->core;
    const SessionScreen *screen = run->screen;
    UiInput in = ui_translate(run->app->ui, event);
    switch (in.kind) {
    case UI_INPUT_QUIT:
        run->quit = true;
        core->act(run, SESSION_STOP, t);
        return false;
    case UI_INPUT_REDRAW:
        screen->layout(run);
        return true;
    case UI_INPUT_NONE:
    case UI_INPUT_TEXT:
        return false;
    case UI_INPUT_PRESS:
    case UI_INPUT_KEY:
        break;
    }
    if (core->state(run).paused) {
        PauseChoice choice = scene_pause_choice(&in, &run->buttons);
        if (choice == PAUSE_RESUME) {
            core->act(run, SESSION_RESUME, t);
        } else if (!screen->input(run, &in, t) && choice != PAUSE_NONE) {
            run->hurt = choice == PAUSE_HURT;
            core->act(run, SESSION_STOP, t);
        }
        return true;
    }
    if (scene_key(&in, SDLK_ESCAPE, SDLK_PAUSE) || scene_pressed(&in, run->pause)) {
        core->act(run, SESSION_PAUSE, t);
        return true;
    }
    return screen->input(run, &in, t);
}

bool session_drain(SessionRun *run)
{
    bool redraw = false;
    SDL_Event event;
    while (!run->quit && SDL_PollEvent(&event))
        redraw |= handle_event(run, &event, timing_now_ns());
    return redraw;
}

SceneId session_run(SessionRun *run)
{
    const SessionCore *core = run->core;
    const SessionScreen *screen = run->screen;
    SDL_Renderer *renderer = ui_renderer(run->app->ui);
    core->act(run, SESSION_START, timing_now_ns());
    int64_t next_frame = 0;
    while (!core->state(run).done) {
        if (screen->present && screen->present(run))
            continue;
        int64_t now = timing_now_ns();
        SessionState state = core->state(run);
        /* The break screen changes only on input. */
        bool moving = screen->frame_ns > 0 && !state.paused;
        if (run->redraw || state.phase != run->drawn || (moving && now >= next_frame)) {
            screen->draw(run, now);
            SDL_RenderPresent(renderer);
            run->drawn = state.phase;
            run->redraw = false;
            save_pending(run);
            /* The next frame is due a frame after this one began, and at
             * least a millisecond from now: a frame slower than that still
             * leaves time to take input. */
            next_frame = now + screen->frame_ns;
            int64_t after = timing_now_ns();
            if (moving && next_frame <= after)
                next_frame = after + NS_PER_MS;
        }
        int64_t until = core->state(run).deadline;
        if (moving && next_frame < until)
            until = next_frame;
        SDL_Event event;
        int wait = scene_wait_ms(until, timing_now_ns());
        if (wait > 0 && SDL_WaitEventTimeout(&event, wait)) {
            /* Each event stamped as it is dequeued. */
            run->redraw |= handle_event(run, &event, timing_now_ns());
            run->redraw |= session_drain(run);
        }
        core->act(run, SESSION_ADVANCE, timing_now_ns());
    }
    save_pending(run);
    scene_end_session(run->app, run->session_id, core->state(run).stopped_early, run->hurt);
    return run->quit ? SCENE_QUIT : SCENE_PAIN_AFTER;
}
