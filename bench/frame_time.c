/* Frame time of the home screen: draw and present, many times over, in a
 * real window (run under Xvfb or on the tablet). Prints the median, the
 * 95th percentile, the maximum, and how many frames took longer than a
 * 60 Hz frame.
 *
 *   frame_time RESOURCE_DIR [FRAMES] */
#define _GNU_SOURCE
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "layout.h"
#include "measure.h"
#include "scenes.h"
#include "store.h"
#include "ui.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: frame_time RESOURCE_DIR [FRAMES]\n");
        return 2;
    }
    int frames = argc > 2 ? atoi(argv[2]) : 600;
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "%s\n", SDL_GetError());
        return 1;
    }
    char regular[1024], bold[1024], db[] = "/tmp/gmi-frame-time.db";
    snprintf(regular, sizeof regular, "%s/assets/fonts/DejaVuSans.ttf", argv[1]);
    snprintf(bold, sizeof bold, "%s/assets/fonts/DejaVuSans-Bold.ttf", argv[1]);
    UiConfig config = {.title = "frame time",
                       .fullscreen = true,
                       .width = 1280,
                       .height = 800,
                       .font_regular = regular,
                       .font_bold = bold};
    char err[512];
    Ui *ui = ui_create(&config, err, sizeof err);
    unlink(db);
    Store *store = store_open(db, STORE_READ_WRITE, NULL, err, sizeof err);
    if (!ui || !store) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    AppContext app = {.ui = ui, .store = store, .settings = drill_settings_default()};
    store_profile_open(store, NULL, "t", &app.profile);
    HomeLayout layout = layout_home(ui);
    int64_t *ns = malloc((size_t)frames * sizeof *ns);
    int slow = 0;
    for (int i = 0; i < frames; i++) {
        /* Change the chosen level each frame so the frame is not identical. */
        app.settings.level = 1 + i % 4;
        SDL_PumpEvents();
        int64_t t0 = measure_now_ns();
        scene_home_draw(&app, &layout);
        SDL_RenderPresent(ui_renderer(ui));
        ns[i] = measure_now_ns() - t0;
        slow += ns[i] > 16666667;
    }
    printf("frames %d  home screen draw + present ms: median %.2f  p95 %.2f  max %.2f  "
           "over 16.7 ms: %d\n",
           frames, measure_percentile_ms(ns, frames, 50), measure_percentile_ms(ns, frames, 95),
           measure_percentile_ms(ns, frames, 100), slow);
    free(ns);
    store_close(store);
    unlink(db);
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
