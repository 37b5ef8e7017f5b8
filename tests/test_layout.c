/* Screen layouts at many window sizes, portrait and landscape: every touch
 * target inside the window, none overlapping another, answer buttons at
 * least 12 mm tall and apart, the picture area clear of the controls. Runs
 * the real Ui under SDL's dummy video driver (96 dpi assumed). */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "layout.h"
#include "ui.h"

/* Pixels per millimetre of the 96 dpi screen the dummy driver stands for. */
#define PHYSICAL_PX_PER_MM (96.0 / 25.4)

static int inside(SDL_Rect r, int w, int h)
{
    return r.w > 0 && r.h > 0 && r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h;
}

static int apart(SDL_Rect a, SDL_Rect b)
{
    return !SDL_HasIntersection(&a, &b);
}

static void check_targets(const char *screen, const SDL_Rect *t, int n, int w, int h, int min_gap)
{
    for (int i = 0; i < n; i++) {
        CHECK_MSG(inside(t[i], w, h), "%s %dx%d: target %d (%d,%d %dx%d) outside", screen, w, h, i,
                  t[i].x, t[i].y, t[i].w, t[i].h);
        for (int j = i + 1; j < n; j++) {
            SDL_Rect grown = {t[i].x - min_gap, t[i].y - min_gap, t[i].w + 2 * min_gap,
                              t[i].h + 2 * min_gap};
            CHECK_MSG(apart(grown, t[j]), "%s %dx%d: targets %d and %d closer than %d px", screen,
                      w, h, i, j, min_gap);
        }
    }
}

/* Every rect of rects[0..n) at least min_h pixels tall. */
static void check_heights(const char *screen, const SDL_Rect *rects, int n, int w, int h, int min_h)
{
    for (int i = 0; i < n; i++)
        CHECK_MSG(rects[i].h >= min_h, "%s %dx%d: target %d is %d px tall", screen, w, h, i,
                  rects[i].h);
}

/* Imagery: the buttons apart and big enough, Next in the bottom right,
 * the picture, instruction and countdown clear of each other and of the
 * buttons. */
static void check_imagery(Ui *ui, int w, int h, int gap, int min_target)
{
    ImageryLayout l = layout_imagery(ui);
    SDL_Rect screen[] = {l.pause, l.next, l.timer, l.instruction, l.picture};
    check_targets("imagery", screen, 5, w, h, gap);
    check_heights("imagery", screen, 2, w, h, min_target);
    SDL_Rect paused[] = {l.resume, l.end, l.hurt};
    check_targets("imagery pause", paused, 3, w, h, gap);
    check_heights("imagery pause", paused, 3, w, h, min_target);
    CHECK(l.next.x > w / 2 && l.next.y + l.next.h > h * 3 / 4);
    CHECK(l.timer.w == l.timer.h && l.timer.x < w / 2);
    CHECK_MSG(l.picture.h >= h / 3, "imagery %dx%d: picture area only %d px tall", w, h,
              l.picture.h);
}

/* A step of touch practice: the heading, the texture's picture and the
 * ring inside the imagery layout's picture area and apart, the picture and
 * ring equal squares at least 30 mm a side where the screen is full size
 * (about 200 px on a 10-inch tablet); without the picture the ring has
 * the picture's room too. */
static void check_touch_step(Ui *ui, int w, int h, int full_scale)
{
    SDL_Rect area = layout_imagery(ui).picture;
    TouchStepLayout l = layout_touch_step(ui, area, true);
    SDL_Rect parts[] = {l.heading, l.icon, l.ring};
    for (int i = 0; i < 3; i++) {
        CHECK_MSG(parts[i].w > 0 && parts[i].h > 0 && parts[i].x >= area.x &&
                      parts[i].y >= area.y && parts[i].x + parts[i].w <= area.x + area.w &&
                      parts[i].y + parts[i].h <= area.y + area.h,
                  "touch %dx%d: part %d empty or outside the picture area", w, h, i);
        for (int j = i + 1; j < 3; j++)
            CHECK_MSG(apart(parts[i], parts[j]), "touch %dx%d: parts %d and %d overlap", w, h, i,
                      j);
    }
    CHECK(l.icon.w == l.icon.h && l.ring.w == l.icon.w && l.ring.h == l.icon.h);
    int min_side = full_scale ? (int)(30.0 * PHYSICAL_PX_PER_MM) : 1;
    CHECK_MSG(l.icon.w >= min_side, "touch %dx%d: picture only %d px a side", w, h, l.icon.w);
    TouchStepLayout bare = layout_touch_step(ui, area, false);
    CHECK(bare.icon.w == 0 && bare.ring.y == l.heading.y + l.heading.h + ui_mm(ui, 3.0f) &&
          bare.ring.w == area.w && bare.ring.y + bare.ring.h == area.y + area.h);
    /* An area too small for anything gives empty parts, not stray ones. */
    TouchStepLayout tiny = layout_touch_step(ui, (SDL_Rect){area.x, area.y, area.w, 4}, true);
    CHECK(tiny.icon.w == 0 && tiny.ring.h == 0 && tiny.heading.h == 4);
}

/* Mirror therapy: Pause and the four buttons of the pause screen apart and
 * big enough; the stage, instruction, beat and clock clear of each other,
 * with the title between the bar and the stage. */
static void check_mirror(Ui *ui, int w, int h, int gap, int min_target)
{
    MirrorLayout l = layout_mirror(ui);
    SDL_Rect screen[] = {l.pause, l.stage, l.instruction, l.beat, l.clock};
    check_targets("mirror", screen, 5, w, h, gap);
    check_heights("mirror", screen, 1, w, h, min_target);
    SDL_Rect paused[] = {l.resume, l.next, l.end, l.hurt};
    check_targets("mirror pause", paused, 4, w, h, gap);
    check_heights("mirror pause", paused, 4, w, h, min_target);
    CHECK(l.title_y >= l.bar.y + l.bar.h &&
          l.title_y + ui_line_height(ui, UI_FONT_HEADING) <= l.stage.y);
    CHECK(l.beat.w == l.beat.h && l.beat.x < w / 2 && l.clock.x + l.clock.w > w / 2);
    CHECK_MSG(l.stage.h >= h / 3, "mirror %dx%d: stage only %d px tall", w, h, l.stage.h);
}

static void check_size(Ui *ui, int w, int h, int full_scale)
{
    SDL_SetWindowSize(ui_window(ui), w, h);
    char err[256];
    CHECK(ui_refresh(ui, err, sizeof err) == 0);
    CHECK_MSG(ui_width(ui) == w && ui_height(ui) == h, "output %dx%d for %dx%d", ui_width(ui),
              ui_height(ui), w, h);
    int gap = ui_mm(ui, 2.0f) - 1;
    int min_target = full_scale ? (int)(12.0 * PHYSICAL_PX_PER_MM) : 1;

    DrillLayout d = layout_drill(ui);
    SDL_Rect drill_targets[] = {d.pause, d.left, d.right};
    check_targets("drill", drill_targets, 3, w, h, gap);
    SDL_Rect pause_targets[] = {d.resume, d.end, d.hurt};
    check_targets("pause", pause_targets, 3, w, h, gap);
    for (int i = 0; i < 3; i++)
        CHECK_MSG(drill_targets[i].h >= min_target, "drill %dx%d: target %d is %d px tall", w, h, i,
                  drill_targets[i].h);
    CHECK(d.left.x < w / 2 && d.right.x + d.right.w > w / 2); /* the sides they mean */
    CHECK(d.left.y + d.left.h > h * 3 / 4 && d.right.y + d.right.h > h * 3 / 4); /* at the bottom */
    CHECK(inside(d.picture, w, h) && apart(d.picture, d.pause) && apart(d.picture, d.left) &&
          apart(d.picture, d.right) && apart(d.picture, d.message));
    CHECK_MSG(d.picture.h >= h / 3, "drill %dx%d: picture area only %d px tall", w, h, d.picture.h);

    /* With touch practice prescribed: four kinds of practice. */
    HomeLayout m = layout_home(ui, 4);
    SDL_Rect home_targets[8];
    int n = 0;
    home_targets[n++] = m.progress;
    home_targets[n++] = m.therapist;
    home_targets[n++] = m.close;
    home_targets[n++] = m.start;
    for (int i = 0; i < 4; i++)
        home_targets[n++] = m.mode[i];
    check_targets("home", home_targets, n, w, h, gap);
    for (int i = 0; i < n; i++)
        CHECK_MSG(home_targets[i].h >= min_target, "home %dx%d: target %d is %d px tall", w, h, i,
                  home_targets[i].h);
    for (int i = 0; i < LAYOUT_CALENDAR_DAYS; i++) {
        CHECK_MSG(inside(m.day[i], w, h), "home %dx%d: day %d outside", w, h, i);
        CHECK(m.day[i].y > m.start.y + m.start.h && m.day[i].y + m.day[i].h < m.mode[0].y);
    }

    /* The therapist's six tabs (Patient, Left/right, Imagine, Mirror, Touch
     * and Settings: their rows of choices), the ratings (eleven pain buttons
     * and five vividness ones), the backup's places (four at most, one button
     * each) and the files to import (a page of four, with Cancel and More). */
    static const int tab_rows[6][7] = {{4, 2, 3, 3, 3},    {6, 4, 4, 4, 2},    {3, 3, 4, 4, 4, 2},
                                       {3, 3, 5, 3, 2, 2}, {2, 3, 3, 5, 5, 5}, {5, 2, 3, 1}};
    static const int tab_row_count[6] = {5, 5, 6, 6, 6, 4};
    FormSpec tabs[6];
    for (int t = 0; t < 6; t++)
        tabs[t] = (FormSpec){
            .rows = tab_row_count[t], .choices = tab_rows[t], .bar_buttons = 3, .tabs = 6};
    const int rating_rows[2] = {11, 5};
    FormSpec ratings = {
        .rows = 2, .choices = rating_rows, .title = true, .stacked = true, .actions = true};
    const int backup_rows[4] = {1, 1, 1, 1};
    FormSpec backup = {
        .rows = 4, .choices = backup_rows, .bar_buttons = 1, .title = true, .stacked = true};
    FormSpec import = {
        .rows = 4, .choices = backup_rows, .bar_buttons = 2, .title = true, .stacked = true};
    const FormSpec *forms[9] = {&tabs[0], &tabs[1], &tabs[2], &tabs[3], &tabs[4],
                                &tabs[5], &ratings, &backup,  &import};
    static const char *const form_names[9] = {"patient tab", "left/right tab", "imagine tab",
                                              "mirror tab",  "touch tab",      "settings tab",
                                              "ratings",     "backup",         "import"};
    for (int f = 0; f < 9; f++) {
        FormLayout fl = f < LAYOUT_AREA_TABS ? layout_area(ui, forms[f]->rows, forms[f]->choices)
                                             : layout_form(ui, forms[f]);
        SDL_Rect targets[LAYOUT_MAX_TABS + 3 + 2 + 11 * 7];
        int k = 0;
        for (int t = 0; t < forms[f]->tabs; t++)
            targets[k++] = fl.tab[t];
        for (int b = 0; b < forms[f]->bar_buttons; b++)
            targets[k++] = fl.bar_button[b];
        if (forms[f]->actions) {
            targets[k++] = fl.primary;
            targets[k++] = fl.secondary;
        }
        for (int r = 0; r < forms[f]->rows; r++)
            for (int c = 0; c < forms[f]->choices[r]; c++)
                targets[k++] = fl.choice[r][c];
        check_targets(form_names[f], targets, k, w, h, gap);
        for (int i = 0; i < k; i++)
            CHECK_MSG(targets[i].h >= min_target, "form %d %dx%d: target %d is %d px tall", f, w, h,
                      i, targets[i].h);
    }

    /* After a session the ratings come up where the answer buttons were:
     * their Skip and Done are elsewhere. */
    {
        const int rating_choices[2] = {11, 5};
        for (int rows = 1; rows <= 2; rows++) {
            FormSpec after = {.rows = rows,
                              .choices = rating_choices,
                              .title = true,
                              .stacked = true,
                              .actions = true};
            FormLayout fl = layout_form(ui, &after);
            SDL_Rect actions[2] = {fl.primary, fl.secondary};
            for (int i = 0; i < 2; i++)
                CHECK_MSG(apart(actions[i], d.left) && apart(actions[i], d.right) &&
                              inside(actions[i], w, h),
                          "ratings %dx%d (%d rows): action %d where an answer button was", w, h,
                          rows, i);
        }
    }

    ResultsLayout r = layout_results(ui);
    SDL_Rect result_targets[] = {r.again, r.done};
    check_targets("results", result_targets, 2, w, h, gap);
    for (int i = 0; i < 2; i++)
        CHECK_MSG(apart(result_targets[i], d.left) && apart(result_targets[i], d.right),
                  "results %dx%d: button %d where an answer button was", w, h, i);
    /* The words, the table's two heading lines, five rows and the aim
     * under it, all in the window. */
    int table_end = r.table_y + 2 * ui_line_height(ui, UI_FONT_SMALL) + 5 * r.row_h +
                    ui_mm(ui, 3.0f) + ui_line_height(ui, UI_FONT_SMALL);
    CHECK_MSG(table_end <= h, "results %dx%d: the table runs out of the window", w, h);
    CHECK(r.col[4] < r.left + r.width && r.subtitle_y >= r.bar.y + r.bar.h);

    check_imagery(ui, w, h, gap, min_target);
    check_touch_step(ui, w, h, full_scale);
    check_mirror(ui, w, h, gap, min_target);
}

/* The text size: every font's lines grow with it, a text too wide for its
 * box at the larger size is drawn at the normal one (no taller than at
 * 100 %), and a size out of range is refused, leaving the size as it was. */
static void check_text_scale(Ui *ui)
{
    SDL_SetWindowSize(ui_window(ui), 1280, 800);
    char err[256];
    CHECK(ui_refresh(ui, err, sizeof err) == 0);
    SDL_Rect wide = {0, 0, 1000, 400}, narrow = {0, 0, ui_mm(ui, 30.0f), 400};
    const char *word = "Left/right";
    int normal[UI_FONT_COUNT];
    for (int f = 0; f < UI_FONT_COUNT; f++)
        normal[f] = ui_line_height(ui, (UiFont)f);
    int fits_normal = ui_text_box(ui, UI_FONT_BODY, word, narrow, UI_ALIGN_LEFT, 0, ui_text_colour);
    CHECK_MSG(ui_set_text_scale(ui, 150, err, sizeof err) == 0, "%s", err);
    for (int f = 0; f < UI_FONT_COUNT; f++)
        CHECK_MSG(ui_line_height(ui, (UiFont)f) * 100 >= normal[f] * 140,
                  "font %d: %d px at 150 %%, %d px at 100 %%", f, ui_line_height(ui, (UiFont)f),
                  normal[f]);
    int large = ui_text_box(ui, UI_FONT_BODY, word, wide, UI_ALIGN_LEFT, 0, ui_text_colour);
    int fallen = ui_text_box(ui, UI_FONT_BODY, word, narrow, UI_ALIGN_LEFT, 0, ui_text_colour);
    CHECK_MSG(large > fits_normal && fallen == fits_normal, "%d px in a wide box, %d in a narrow",
              large, fallen);
    int at_150 = ui_line_height(ui, UI_FONT_BODY);
    CHECK(ui_set_text_scale(ui, 151, err, sizeof err) == -1 && strstr(err, "151"));
    CHECK(ui_set_text_scale(ui, 99, err, sizeof err) == -1);
    CHECK(ui_line_height(ui, UI_FONT_BODY) == at_150);
    /* The size outlives a change of the window's. */
    SDL_SetWindowSize(ui_window(ui), 1920, 1200);
    CHECK(ui_refresh(ui, err, sizeof err) == 0);
    int large_1920 = ui_line_height(ui, UI_FONT_BODY);
    CHECK(ui_set_text_scale(ui, 100, err, sizeof err) == 0);
    CHECK_MSG(large_1920 * 100 >= ui_line_height(ui, UI_FONT_BODY) * 140, "%d px, %d at 100 %%",
              large_1920, ui_line_height(ui, UI_FONT_BODY));
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    UiConfig config = {.title = "layout",
                       .fullscreen = false,
                       .width = 640,
                       .height = 480,
                       .font_regular = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans.ttf",
                       .font_bold = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans-Bold.ttf"};
    char err[256];
    Ui *ui = ui_create(&config, err, sizeof err);
    CHECK_MSG(ui != NULL, "%s", err);
    if (ui) {
        static const struct {
            int w, h, full_scale;
        } sizes[] = {
            {1280, 800, 1},  {800, 1280, 1},  {1920, 1080, 1}, {1080, 1920, 1},
            {2736, 1824, 1}, {1824, 2736, 1}, {1024, 600, 1},  {600, 1024, 1},
            {640, 560, 1},   {480, 320, 0},   {320, 480, 0},
        };
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
            check_size(ui, sizes[i].w, sizes[i].h, sizes[i].full_scale);
        check_text_scale(ui);
    }
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
    return check_exit();
}
