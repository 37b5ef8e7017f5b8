/* The therapist area's Import: the backups and databases found on USB
 * sticks and memory cards, in Downloads and in the home folder, biggest and
 * newest first, a page of big buttons at a time; a tap imports that file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "importing.h"
#include "layout.h"
#include "scenes.h"

#define IMPORT_FILES_MAX 64
#define IMPORT_PAGE 4

typedef struct ImportScreen {
    AppContext *app;
    FormLayout layout;
    ImportFile *files;
    int n, first;                  /* files found; the first one on the page */
    char label[IMPORT_PAGE][1200]; /* where each file on the page is, its size and date */
    const char *status;            /* said instead of the list, or NULL */
} ImportScreen;

static int page_rows(const ImportScreen *m)
{
    return m->n - m->first < IMPORT_PAGE ? m->n - m->first : IMPORT_PAGE;
}

static void import_relayout(void *state)
{
    ImportScreen *m = state;
    int choices[IMPORT_PAGE] = {1, 1, 1, 1};
    FormSpec spec = {
        .rows = page_rows(m), .choices = choices, .bar_buttons = 2, .title = true, .stacked = true};
    m->layout = layout_form(m->app->ui, &spec);
    for (int r = 0; r < page_rows(m); r++) {
        const ImportFile *f = &m->files[m->first + r];
        char when[32] = "";
        struct tm tm;
        if (localtime_r(&f->modified, &tm))
            strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        const char *slash = strrchr(f->path, '/');
        int folder = slash ? (int)(slash - f->path) : 0;
        snprintf(m->label[r], sizeof m->label[r], "%.*s, %.1f MB, %s", folder, f->path,
                 (double)f->size / 1e6, when);
    }
}

static void import_draw(void *state)
{
    ImportScreen *m = state;
    Ui *ui = m->app->ui;
    const FormLayout *l = &m->layout;
    ui_name_screen(ui, "Import");
    ui_clear(ui);
    ui_button(ui, l->bar_button[0], "Cancel", UI_FONT_BODY, UI_STYLE_SECONDARY);
    if (m->n > IMPORT_PAGE)
        ui_button(ui, l->bar_button[1], "More", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_text_box(ui, UI_FONT_HEADING, "Which file should be imported?",
                (SDL_Rect){l->left, l->title_y, l->width, ui_line_height(ui, UI_FONT_HEADING)},
                UI_ALIGN_LEFT, 0, ui_text_colour);
    if (m->status) {
        scene_draw_notice(ui, m->status, l->left, l->title_y + ui_mm(ui, 12.0f), l->width);
        return;
    }
    for (int r = 0; r < page_rows(m); r++) {
        const char *path = m->files[m->first + r].path, *slash = strrchr(path, '/');
        /* A long folder name loses its middle: where it starts and the
         * size and date stay readable. */
        SDL_Rect label = {l->label_x, l->row_label_y[r], l->width,
                          l->choice[r][0].y - l->row_label_y[r]};
        ui_text_box(ui, UI_FONT_BODY, m->label[r], label, UI_ALIGN_LEFT, UI_TEXT_MIDDLE,
                    ui_muted_colour);
        ui_button(ui, l->choice[r][0], slash ? slash + 1 : path, UI_FONT_BODY, UI_STYLE_PRIMARY);
    }
}

/* Imports the file of row r, saying so on the screen while it runs, and
 * writes the result into message. */
static void import_file(ImportScreen *m, int r, char *message, size_t cap)
{
    m->status = "Importing...";
    import_draw(m);
    SDL_RenderPresent(ui_renderer(m->app->ui));
    const char *path = m->files[m->first + r].path;
    if (importing_run(m->app->store, path, message, cap))
        return;
    size_t n = strlen(message);
    char *text = malloc(n + 1);
    if (!text)
        return;
    memcpy(text, message, n + 1);
    snprintf(message, cap, "Imported %s:\n%s", path, text);
    free(text);
}

SceneId scene_import(AppContext *app, char *message, size_t cap)
{
    ImportScreen m = {.app = app};
    m.files = calloc(IMPORT_FILES_MAX, sizeof *m.files);
    if (!m.files) {
        snprintf(message, cap, "Out of memory listing the files to import.");
        return SCENE_THERAPIST;
    }
    char dirs[IMPORT_ROOTS][1024];
    ImportRoot roots[IMPORT_ROOTS];
    const char *home = getenv("HOME");
    int nroots = importing_roots(home && *home ? home : ".", dirs, roots);
    m.n = importing_find(roots, nroots, app->db_path, m.files, IMPORT_FILES_MAX);
    if (m.n == 0)
        m.status = "No backup or database file was found on a USB stick or memory card, in "
                   "Downloads or in the home folder. Put the patient's backup in one of them "
                   "and try again.";
    SceneScreen view = scene_screen(app->ui, &m, import_relayout, import_draw);
    SceneId next = SCENE_THERAPIST;
    for (bool done = false; !done;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT) {
            next = SCENE_QUIT;
            break;
        }
        if (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE) || scene_pressed(&in, m.layout.bar_button[0]))
            break;
        if (m.n > IMPORT_PAGE && scene_pressed(&in, m.layout.bar_button[1])) {
            m.first = m.first + IMPORT_PAGE < m.n ? m.first + IMPORT_PAGE : 0;
            import_relayout(&m);
            view.redraw = true;
        }
        for (int r = 0; !m.status && r < page_rows(&m) && !done; r++)
            if (scene_pressed(&in, m.layout.choice[r][0])) {
                import_file(&m, r, message, cap);
                done = true;
            }
    }
    free(m.files);
    return next;
}
