/* Frame time of the home and progress screens: draw and present, many
 * times over, in a real window (run under Xvfb or on the tablet), for the
 * first profile of DATABASE (the one bench_review_db generates). Prints the
 * median, the 95th percentile, the maximum, and how many frames took longer
 * than a 60 Hz frame.
 *
 *   frame_time RESOURCE_DIR DATABASE [FRAMES] */
#define _GNU_SOURCE
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"
#include "scenes.h"
#include "store.h"
#include "ui.h"

static void print(const char *screen, int64_t *ns, int frames)
{
    int slow = 0;
    for (int i = 0; i < frames; i++)
        slow += ns[i] > 16666667;
    printf("%-8s frames %d  draw + present ms: median %.2f  p95 %.2f  max %.2f  over 16.7 ms: "
           "%d\n",
           screen, frames, measure_percentile_ms(ns, frames, 50),
           measure_percentile_ms(ns, frames, 95), measure_percentile_ms(ns, frames, 100), slow);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: frame_time RESOURCE_DIR DATABASE [FRAMES]\n");
        return 2;
    }
    int frames = argc > 3 ? atoi(argv[3]) : 600;
    if (frames < 1 || SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "%s\n", SDL_GetError());
        return 1;
    }
    char regular[1024], bold[1024], norms_path[1024];
    snprintf(regular, sizeof regular, "%s/assets/fonts/DejaVuSans.ttf", argv[1]);
    snprintf(bold, sizeof bold, "%s/assets/fonts/DejaVuSans-Bold.ttf", argv[1]);
    snprintf(norms_path, sizeof norms_path, "%s/data/norms.csv", argv[1]);
    UiConfig config = {.title = "frame time",
                       .fullscreen = true,
                       .width = 1280,
                       .height = 800,
                       .font_regular = regular,
                       .font_bold = bold};
    char err[512];
    static char text[4096];
    FILE *f = fopen(norms_path, "r");
    size_t len = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    Norms norms;
    Ui *ui = ui_create(&config, err, sizeof err);
    Store *store = ui ? store_open(argv[2], STORE_READ_ONLY, NULL, err, sizeof err) : NULL;
    if (!ui || !store || norms_parse(text, len, norms_path, &norms, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    AppContext app = {.ui = ui, .store = store, .norms = &norms};
    StoreProfile *all = NULL;
    size_t n = 0;
    if (store_profile_list(store, &all, &n) || n == 0) {
        fprintf(stderr, "no profile in %s\n", argv[2]);
        return 1;
    }
    app.profile = all[0];
    free(all);
    app.prescription = store_prescription_default();
    int64_t *ns = malloc((size_t)frames * sizeof *ns);
    scene_home_frames(&app, frames, ns);
    print("home", ns, frames);
    scene_progress_frames(&app, frames, ns);
    print("progress", ns, frames);
    free(ns);
    store_close(store);
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
