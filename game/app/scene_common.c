#include "scenes.h"

#include <stdio.h>
#include <string.h>

#include "timing.h"

SceneScreen scene_screen(Ui *ui, void *state, void (*layout)(void *state),
                         void (*draw)(void *state))
{
    layout(state);
    return (SceneScreen){ui, state, layout, draw, true, true, 0, 0};
}

bool scene_too_soon(const UiInput *in, Uint32 shown_ms)
{
    if (in->kind != UI_INPUT_PRESS && in->kind != UI_INPUT_KEY && in->kind != UI_INPUT_TEXT)
        return false;
    if (in->kind == UI_INPUT_KEY && in->key == SDLK_ESCAPE)
        return false;
    /* Signed: an event queued before the screen came up is too soon. */
    return (Sint32)(in->ms - shown_ms) < SCENE_GUARD_MS;
}

UiInput scene_input(SceneScreen *s)
{
    for (;;) {
        if (s->redraw) {
            s->draw(s->state);
            SDL_RenderPresent(ui_renderer(s->ui));
            s->redraw = false;
            if (s->fresh)
                s->shown_ms = SDL_GetTicks();
            s->fresh = false;
        }
        SDL_Event event;
        Uint64 now = SDL_GetTicks64();
        if (s->wake_ms && now >= s->wake_ms)
            return (UiInput){.kind = UI_INPUT_NONE};
        if (!(s->wake_ms ? SDL_WaitEventTimeout(&event, (int)(s->wake_ms - now))
                         : SDL_WaitEvent(&event)))
            continue;
        UiInput in = ui_translate(s->ui, &event);
        if (in.kind == UI_INPUT_REDRAW) {
            s->layout(s->state);
            s->redraw = true;
        } else if (in.kind != UI_INPUT_NONE && !scene_too_soon(&in, s->shown_ms)) {
            return in;
        }
    }
}

void scene_apply_text_size(AppContext *app)
{
    char err[256];
    if (ui_set_text_scale(app->ui, app->prescription.text_size, err, sizeof err))
        snprintf(app->notice, sizeof app->notice, "The text size was not changed: %s", err);
}

SDL_Rect scene_top_bar(const Ui *ui)
{
    return (SDL_Rect){0, 0, ui_width(ui), ui_mm(ui, 17.0f)};
}

void scene_draw_bar_title(Ui *ui, SDL_Rect bar, SDL_Rect first_button, const char *text)
{
    int x = bar.x + ui_mm(ui, 4.0f);
    ui_text_box(ui, UI_FONT_BODY, text,
                (SDL_Rect){x, bar.y, first_button.x - ui_mm(ui, 3.0f) - x, bar.h}, UI_ALIGN_LEFT,
                UI_TEXT_MIDDLE, ui_muted_colour);
}

static const SDL_Color sand = {246, 238, 222, 255}; /* noticeable, not alarming */

int scene_draw_notice(Ui *ui, const char *notice, int x, int y, int w)
{
    return scene_draw_notice_in(ui, notice,
                                (SDL_Rect){x, y, w, ui_height(ui) - ui_mm(ui, 3.0f) - y});
}

int scene_draw_notice_in(Ui *ui, const char *notice, SDL_Rect room)
{
    return ui_text_panel(ui, UI_FONT_BODY, notice, room, sand);
}

void scene_draw_rating(Ui *ui, const FormLayout *l, int row, const SceneRating *r, int chosen)
{
    ui_text_box(
        ui, UI_FONT_BODY, r->question,
        (SDL_Rect){l->label_x, l->row_label_y[row], l->width, ui_line_height(ui, UI_FONT_BODY)},
        UI_ALIGN_LEFT, 0, ui_text_colour);
    const SDL_Rect *b = l->choice[row];
    for (int c = 0; c < r->choices; c++) {
        char n[8];
        snprintf(n, sizeof n, "%d", r->first + c);
        ui_button(ui, b[c], n, UI_FONT_BODY,
                  r->first + c == chosen ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    }
    SDL_Rect last = b[r->choices - 1];
    int y = b[0].y + b[0].h + ui_mm(ui, 0.5f), line = ui_line_height(ui, UI_FONT_SMALL);
    int half = (last.x + last.w - b[0].x) / 2 - ui_mm(ui, 1.0f);
    ui_text_box(ui, UI_FONT_SMALL, r->low, (SDL_Rect){b[0].x, y, half, line}, UI_ALIGN_LEFT, 0,
                ui_muted_colour);
    ui_text_box(ui, UI_FONT_SMALL, r->high, (SDL_Rect){last.x + last.w - half, y, half, line},
                UI_ALIGN_RIGHT, 0, ui_muted_colour);
}

void scene_draw_pause(Ui *ui, const PauseButtons *b, const char *note)
{
    /* Above Continue: the note (two lines at most), and above it the title. */
    int margin = ui_mm(ui, 4.0f), w = ui_width(ui) - 2 * margin;
    int note_h = 2 * ui_line_height(ui, UI_FONT_BODY), title_h = ui_line_height(ui, UI_FONT_TITLE);
    SDL_Rect note_box = {margin, b->resume.y - ui_mm(ui, 4.0f) - note_h, w, note_h};
    ui_text_box(ui, UI_FONT_BODY, note, note_box, UI_ALIGN_CENTRE, UI_TEXT_WRAP | UI_TEXT_MIDDLE,
                ui_muted_colour);
    ui_text_box(ui, UI_FONT_TITLE, "Take a break",
                (SDL_Rect){margin, note_box.y - ui_mm(ui, 2.0f) - title_h, w, title_h},
                UI_ALIGN_CENTRE, 0, ui_text_colour);
    ui_button(ui, b->resume, "Continue", UI_FONT_HEADING, UI_STYLE_PRIMARY);
    ui_button(ui, b->end, "End session", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, b->hurt, "Stop, it hurts", UI_FONT_BODY, UI_STYLE_SECONDARY);
}

bool scene_key(const UiInput *in, SDL_Keycode a, SDL_Keycode b)
{
    return in->kind == UI_INPUT_KEY && (in->key == a || in->key == b);
}

bool scene_pressed(const UiInput *in, SDL_Rect r)
{
    return in->kind == UI_INPUT_PRESS && ui_hit(r, in->x, in->y);
}

PauseChoice scene_pause_choice(const UiInput *in, const PauseButtons *b)
{
    if (scene_key(in, SDLK_RETURN, SDLK_KP_ENTER) || scene_key(in, SDLK_ESCAPE, SDLK_PAUSE) ||
        scene_pressed(in, b->resume))
        return PAUSE_RESUME;
    if (scene_pressed(in, b->end))
        return PAUSE_END;
    if (scene_pressed(in, b->hurt))
        return PAUSE_HURT;
    return PAUSE_NONE;
}

int scene_wait_ms(int64_t until, int64_t now)
{
    int64_t left = until - now;
    if (left <= 0)
        return 0;
    return left >= 1000000000LL ? 1000 : (int)((left + 999999) / 1000000);
}

int scene_open_profile(AppContext *app, const StoreProfile *p)
{
    int sessions = 0, kept = 0;
    app->profile = *p;
    if (store_mark_interrupted(app->store, p->id, &sessions, &kept)) {
        snprintf(app->notice, sizeof app->notice, "%s", store_errmsg(app->store));
        return -1;
    }
    if (sessions > 0)
        snprintf(app->notice, sizeof app->notice,
                 "Your last session was interrupted. The %d answer%s you gave %s kept.", kept,
                 kept == 1 ? "" : "s", kept == 1 ? "is" : "are");
    return 0;
}

bool scene_session_move(AppContext *app, SessionStart *start, int64_t *session_id, size_t *saved)
{
    if (!store_damaged(app->store) || !app_recover(app))
        return false;
    start->profile_id = app->profile.id;
    if (store_session_begin(app->store, start, session_id))
        return false;
    *saved = 0;
    size_t used = strlen(app->notice);
    snprintf(app->notice + used, sizeof app->notice - used,
             " This session was stopped and kept in the new file.");
    return true;
}

void scene_end_session(AppContext *app, int64_t session_id, bool stopped_early, bool hurt)
{
    char ended[32];
    timing_iso8601(ended, sizeof ended);
    if (app->store && store_session_end(app->store, session_id, ended, stopped_early, hurt))
        snprintf(app->notice, sizeof app->notice, "The end of the session could not be saved: %s",
                 store_errmsg(app->store));
    app->session_id = session_id;
    app->stopped_early = stopped_early;
    app->hurt = hurt;
}

SceneId scene_for_mode(PracticeMode mode)
{
    static const SceneId scenes[] = {[MODE_DRILL] = SCENE_DRILL,
                                     [MODE_IMAGERY] = SCENE_IMAGERY,
                                     [MODE_MIRROR] = SCENE_MIRROR,
                                     [MODE_TOUCH] = SCENE_TOUCH};
    return scenes[mode];
}
