#include "layout.h"

#include <math.h>

#include "scenes.h"

DrillLayout layout_drill(const Ui *ui)
{
    DrillLayout l;
    int w = ui_width(ui), h = ui_height(ui);
    int margin = ui_mm(ui, 4.0f);
    l.bar = scene_top_bar(ui);
    int pause_w = ui_mm(ui, 36.0f);
    l.pause = (SDL_Rect){w - margin - pause_w, l.bar.y + (l.bar.h - ui_mm(ui, 13.0f)) / 2, pause_w,
                         ui_mm(ui, 13.0f)};
    /* Answer buttons in the bottom corners, under the thumbs. */
    int answer_h = ui_mm(ui, 22.0f);
    int answer_w = (int)fmin(w * 0.40, ui_mm(ui, 70.0f));
    l.left = (SDL_Rect){margin, h - margin - answer_h, answer_w, answer_h};
    l.right = (SDL_Rect){w - margin - answer_w, h - margin - answer_h, answer_w, answer_h};
    int message_h = ui_mm(ui, 12.0f);
    l.message =
        (SDL_Rect){margin, l.left.y - message_h - ui_mm(ui, 1.0f), w - 2 * margin, message_h};
    int top = l.bar.y + l.bar.h + ui_mm(ui, 2.0f);
    l.picture = (SDL_Rect){margin, top, w - 2 * margin, l.message.y - top};
    int button_w = (int)fmin(w - 2 * margin, ui_mm(ui, 90.0f));
    int button_h = ui_mm(ui, 20.0f);
    l.resume = (SDL_Rect){(w - button_w) / 2, h / 2 - button_h / 2, button_w, button_h};
    l.end = (SDL_Rect){(w - button_w) / 2, l.resume.y + button_h + ui_mm(ui, 8.0f), button_w,
                       ui_mm(ui, 16.0f)};
    return l;
}

HomeLayout layout_home(const Ui *ui)
{
    HomeLayout l;
    int w = ui_width(ui);
    int margin = ui_mm(ui, 6.0f);
    l.bar = scene_top_bar(ui);
    int close_w = ui_mm(ui, 30.0f), close_h = ui_mm(ui, 13.0f);
    l.close = (SDL_Rect){w - margin - close_w, (l.bar.h - close_h) / 2, close_w, close_h};
    int content_w = (int)fmin(w - 2 * margin, ui_mm(ui, 150.0f));
    int left = (w - content_w) / 2;
    l.start = (SDL_Rect){left, l.bar.h + ui_mm(ui, 3.0f), content_w, ui_mm(ui, 24.0f)};
    l.notice_y = l.start.y + l.start.h + ui_mm(ui, 5.0f);
    int label_w = ui_mm(ui, 40.0f);
    l.label_x = left;
    int row_y = l.notice_y;
    int gap = ui_mm(ui, 2.5f);
    int seg_h = ui_mm(ui, 13.0f);
    for (int r = 0; r < LAYOUT_ROWS; r++) {
        int avail = content_w - label_w;
        int seg_w = (avail - (LAYOUT_MAX_CHOICES - 1) * gap) / LAYOUT_MAX_CHOICES;
        for (int c = 0; c < LAYOUT_MAX_CHOICES; c++)
            l.choice[r][c] = (SDL_Rect){left + label_w + c * (seg_w + gap), row_y, seg_w, seg_h};
        row_y += seg_h + ui_mm(ui, 3.0f);
        if (r == LAYOUT_ROW_LEVEL)
            row_y += ui_mm(ui, 6.0f); /* room for the level's description */
    }
    l.hint_y = l.choice[LAYOUT_ROW_LEVEL][0].y + seg_h + ui_mm(ui, 0.5f);
    return l;
}

ResultsLayout layout_results(const Ui *ui)
{
    ResultsLayout l;
    int w = ui_width(ui), h = ui_height(ui);
    int margin = ui_mm(ui, 6.0f);
    l.width = (int)fmin(w - 2 * margin, ui_mm(ui, 150.0f));
    l.left = (w - l.width) / 2;
    l.title_y = ui_mm(ui, 6.0f);
    l.subtitle_y = l.title_y + ui_mm(ui, 14.0f);
    l.table_y = l.subtitle_y + ui_mm(ui, 12.0f);
    l.row_h = ui_mm(ui, 10.5f);
    static const double at[5] = {0.0, 0.36, 0.52, 0.70, 0.86};
    for (int i = 0; i < 5; i++)
        l.col[i] = l.left + (int)(l.width * at[i]);
    int button_h = ui_mm(ui, 20.0f), gap = ui_mm(ui, 6.0f);
    int button_w = (l.width - gap) / 2;
    l.again = (SDL_Rect){l.left, h - margin - button_h, button_w, button_h};
    l.done = (SDL_Rect){l.left + button_w + gap, l.again.y, button_w, button_h};
    return l;
}
