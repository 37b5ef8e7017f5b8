/* Frame time of the home and progress screens: draw and present, many
 * times over, in a real window (run under Xvfb or on the tablet), for the
 * first profile of DATABASE (the one bench_review_db generates); and of
 * mirror therapy's movement loop (the first exercise, mirrored, each frame
 * cross-faded into the next). Prints the median, the 95th percentile, the
 * maximum, and how many frames took longer than a 60 Hz frame.
 *
 *   frame_time RESOURCE_DIR DATABASE [FRAMES] */
#define _GNU_SOURCE
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "layout.h"
#include "loop_frames.h"
#include "measure.h"
#include "scenes.h"
#include "store.h"
#include "ui.h"

/* Prints the frames' statistics and which frames (counted from 0, at most
 * the first 8) took longer than a 60 Hz frame. Sorts ns. */
static void print(const char *screen, int64_t *ns, int frames)
{
    char slow[128] = "";
    int count = 0;
    for (int i = 0; i < frames; i++)
        if (ns[i] > 16666667 && ++count <= 8)
            snprintf(slow + strlen(slow), sizeof slow - strlen(slow), " %d", i);
    printf("%-8s frames %d  draw + present ms: median %.2f  p95 %.2f  max %.2f  over 16.7 ms: "
           "%d (frames%s)\n",
           screen, frames, measure_percentile_ms(ns, frames, 50),
           measure_percentile_ms(ns, frames, 95), measure_percentile_ms(ns, frames, 100), count,
           count ? slow : " none");
}

/* Draws the movement loop of exercise e as mirror therapy's stage does,
 * frame after frame, each source frame shown twice: once alone and once
 * half-way cross-faded into the next. */
static int loop_frames(Ui *ui, const Exercise *e, const char *assets, int frames, int64_t *ns)
{
    char err[512];
    SDL_Rect stage = layout_mirror(ui).stage;
    LoopFrames *lf = loop_frames_create(e, assets, stage.w, stage.h, err, sizeof err);
    if (!lf) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    SDL_Renderer *renderer = ui_renderer(ui);
    for (int i = 0; i < frames; i++) {
        int frame = i / 2 % e->frames;
        MirrorFrame at = {frame, (frame + 1) % e->frames, i % 2 ? 0.5 : 0.0};
        int64_t start = measure_now_ns();
        if (loop_frames_update(lf, renderer, at, true, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            loop_frames_destroy(lf);
            return -1;
        }
        ui_clear(ui);
        loop_frames_draw(lf, renderer, at, stage, SIDE_LEFT);
        SDL_RenderPresent(renderer);
        ns[i] = measure_now_ns() - start;
        SDL_PumpEvents();
    }
    loop_frames_destroy(lf);
    return 0;
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
    char regular[1024], bold[1024], norms_path[1024], exercises_path[1024], assets[1024];
    snprintf(regular, sizeof regular, "%s/assets/fonts/DejaVuSans.ttf", argv[1]);
    snprintf(bold, sizeof bold, "%s/assets/fonts/DejaVuSans-Bold.ttf", argv[1]);
    snprintf(norms_path, sizeof norms_path, "%s/data/norms.csv", argv[1]);
    snprintf(exercises_path, sizeof exercises_path, "%s/data/exercises.csv", argv[1]);
    snprintf(assets, sizeof assets, "%s/assets", argv[1]);
    UiConfig config = {.title = "frame time",
                       .fullscreen = true,
                       .width = 1280,
                       .height = 800,
                       .font_regular = regular,
                       .font_bold = bold};
    char err[512];
    static char text[4096], exercises_text[16384];
    size_t len = measure_read_text(norms_path, text, sizeof text);
    size_t exercises_len = measure_read_text(exercises_path, exercises_text, sizeof exercises_text);
    Norms norms;
    Exercises *exercises = NULL;
    Ui *ui = ui_create(&config, err, sizeof err);
    Store *store = ui ? store_open(argv[2], STORE_READ_ONLY, NULL, err, sizeof err) : NULL;
    if (!ui || !store || norms_parse(text, len, norms_path, &norms, err, sizeof err) ||
        !(exercises =
              exercises_parse(exercises_text, exercises_len, exercises_path, err, sizeof err))) {
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
    app.prescription = prescription_default();
    int64_t *ns = malloc((size_t)frames * sizeof *ns);
    scene_home_frames(&app, frames, ns);
    print("home", ns, frames);
    scene_progress_frames(&app, frames, ns);
    print("progress", ns, frames);
    if (loop_frames(ui, exercises_get(exercises, 0), assets, frames, ns) == 0)
        print("mirror", ns, frames);
    free(ns);
    exercises_destroy(exercises);
    store_close(store);
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
