#include "scenes.h"

UiInput scene_next_input(Ui *ui, bool *redraw, void (*draw)(void *state), void *state)
{
    for (;;) {
        if (*redraw) {
            draw(state);
            SDL_RenderPresent(ui_renderer(ui));
            *redraw = false;
        }
        SDL_Event event;
        if (!SDL_WaitEvent(&event))
            continue;
        UiInput in = ui_translate(ui, &event);
        if (in.kind != UI_INPUT_NONE)
            return in;
    }
}

SDL_Rect scene_top_bar(const Ui *ui)
{
    return (SDL_Rect){0, 0, ui_width(ui), ui_mm(ui, 17.0f)};
}

int scene_draw_notice(Ui *ui, const char *notice, int x, int y, int w)
{
    if (!*notice)
        return 0;
    const SDL_Color sand = {246, 238, 222, 255}; /* noticeable, not alarming */
    return ui_text_panel(ui, UI_FONT_BODY, notice, x, y, w, sand);
}
