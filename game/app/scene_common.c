#include "scenes.h"

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
