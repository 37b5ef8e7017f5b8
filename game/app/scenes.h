/* The screens of the trainer. Each runs its own event loop until the user
 * moves on and returns the next screen. */
#ifndef GMI_SCENES_H
#define GMI_SCENES_H

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"
#include "drill.h"
#include "layout.h"
#include "norms.h"
#include "store.h"
#include "ui.h"

typedef enum SceneId { SCENE_HOME, SCENE_DRILL, SCENE_RESULTS, SCENE_QUIT } SceneId;

/* What the screens share. Owned by the app; screens borrow it. */
typedef struct AppContext {
    Ui *ui;
    Store *store;
    const Catalogue *catalogue;
    const Norms *norms;
    const char *assets_dir;
    StoreProfile profile;
    DrillSettings settings; /* of the next (or just finished) drill */
    bool seed_given;        /* use seed for the next drill instead of a fresh one */
    uint64_t seed;
    int64_t session_id; /* the drill whose results are shown; 0 if none */
    bool stopped_early; /* whether that drill was stopped before its end */
    char notice[512];   /* a message for the next screen to show, or "" */
} AppContext;

SceneId scene_home(AppContext *app);

/* Draws one frame of the home screen (not presented). */
void scene_home_draw(AppContext *app, const HomeLayout *layout);
SceneId scene_drill(AppContext *app);
SceneId scene_results(AppContext *app);

/* For screens that change only on input: waits for the next input that
 * matters (anything but UI_INPUT_NONE), presenting first if *redraw is set
 * (drawn by draw(state)), and clears *redraw. */
UiInput scene_next_input(Ui *ui, bool *redraw, void (*draw)(void *state), void *state);

/* Shared layout: the bar at the top of every screen. */
SDL_Rect scene_top_bar(const Ui *ui);

/* Draws the notice (if any) as a calm panel of width w with its top-left at
 * (x, y); returns its height (0 without a notice). */
int scene_draw_notice(Ui *ui, const char *notice, int x, int y, int w);

#endif
