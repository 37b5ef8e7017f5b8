#include "layout.h"

#include <math.h>

#include "results.h"
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
    l.hurt = (SDL_Rect){l.end.x, l.end.y + l.end.h + ui_mm(ui, 5.0f), button_w, l.end.h};
    return l;
}

void layout_bar_buttons(const Ui *ui, SDL_Rect bar, SDL_Rect *out, int n, int first_x)
{
    int margin = ui_mm(ui, 4.0f), gap = ui_mm(ui, 3.0f);
    int h = ui_mm(ui, 13.0f);
    int w = (int)fmin(ui_mm(ui, 34.0f), (bar.w - first_x - margin - (n - 1) * gap) / (double)n);
    for (int i = 0; i < n; i++)
        out[i] = (SDL_Rect){bar.w - margin - (n - i) * w - (n - 1 - i) * gap,
                            bar.y + (bar.h - h) / 2, w, h};
}

HomeLayout layout_home(const Ui *ui, int modes)
{
    HomeLayout l = {.modes = modes};
    int w = ui_width(ui);
    int margin = ui_mm(ui, 6.0f);
    l.bar = scene_top_bar(ui);
    SDL_Rect buttons[3];
    layout_bar_buttons(ui, l.bar, buttons, 3, w / 4);
    l.progress = buttons[0];
    l.therapist = buttons[1];
    l.close = buttons[2];
    l.width = (int)fmin(w - 2 * margin, ui_mm(ui, 150.0f));
    l.left = (w - l.width) / 2;
    l.start = (SDL_Rect){l.left, l.bar.h + ui_mm(ui, 5.0f), l.width, ui_mm(ui, 26.0f)};
    l.describe = (SDL_Rect){l.left, l.start.y + l.start.h + ui_mm(ui, 2.0f), l.width,
                            2 * ui_line_height(ui, UI_FONT_BODY)};
    l.today_y = l.describe.y + l.describe.h + ui_mm(ui, 3.0f);
    int strip_y = l.today_y + ui_line_height(ui, UI_FONT_HEADING) + ui_mm(ui, 2.0f);
    int gap = ui_mm(ui, 1.0f);
    int cell = (l.width - (LAYOUT_CALENDAR_DAYS - 1) * gap) / LAYOUT_CALENDAR_DAYS;
    int cell_h = ui_line_height(ui, UI_FONT_SMALL) * 2 + ui_mm(ui, 5.0f);
    for (int i = 0; i < LAYOUT_CALENDAR_DAYS; i++)
        l.day[i] = (SDL_Rect){l.left + i * (cell + gap), strip_y, cell, cell_h};
    int mode_y = strip_y + cell_h + ui_mm(ui, 6.0f);
    int mode_gap = ui_mm(ui, 3.0f);
    /* Four buttons in a tall window's narrow column: two rows of two, so
     * each label fits; it has the height to spare. */
    int columns = modes == 4 && ui_height(ui) > w ? 2 : modes;
    int mode_w = (l.width - (columns - 1) * mode_gap) / columns, mode_h = ui_mm(ui, 14.0f);
    for (int i = 0; i < modes; i++)
        l.mode[i] = (SDL_Rect){l.left + i % columns * (mode_w + mode_gap),
                               mode_y + i / columns * (mode_h + mode_gap), mode_w, mode_h};
    int modes_bottom = l.mode[modes - 1].y + mode_h;
    l.notice_y = modes_bottom + ui_mm(ui, 5.0f);
    if (modes == 4) {
        /* Under the buttons, as high as a line or the room above the
         * window's bottom (the text then keeps the normal size). */
        int y = modes_bottom + ui_mm(ui, 1.0f);
        l.touch_today = (SDL_Rect){l.left, y, l.width,
                                   SDL_min(ui_line_height(ui, UI_FONT_SMALL), ui_height(ui) - y)};
        l.notice_y = y + l.touch_today.h + ui_mm(ui, 4.0f);
    }
    /* A tall window (a tablet held upright): the column moved down to the
     * middle of what is left under the bar, keeping room for a notice, and
     * the name, which the bar's buttons leave little room for, on a line
     * of its own over Start. */
    int h = ui_height(ui), name_h = ui_line_height(ui, UI_FONT_HEADING) + ui_mm(ui, 4.0f);
    int spare = h - l.notice_y - ui_mm(ui, 30.0f) - name_h;
    if (h > w && spare > 0) {
        int down = spare / 2 + name_h;
        l.name_in_column = true;
        l.name = (SDL_Rect){l.left, l.start.y + down - name_h, l.width,
                            ui_line_height(ui, UI_FONT_HEADING)};
        l.start.y += down;
        l.describe.y += down;
        l.today_y += down;
        for (int i = 0; i < LAYOUT_CALENDAR_DAYS; i++)
            l.day[i].y += down;
        for (int i = 0; i < l.modes; i++)
            l.mode[i].y += down;
        l.touch_today.y += down;
        l.notice_y += down;
    }
    return l;
}

FormLayout layout_form(const Ui *ui, const FormSpec *spec)
{
    FormLayout l = {0};
    int w = ui_width(ui);
    int margin = ui_mm(ui, 5.0f);
    l.bar = scene_top_bar(ui);
    if (spec->bar_buttons > 0)
        layout_bar_buttons(ui, l.bar, l.bar_button, spec->bar_buttons, w / 3);
    l.width = (int)fmin(w - 2 * margin, ui_mm(ui, 150.0f));
    l.left = (w - l.width) / 2;
    int y = l.bar.h + ui_mm(ui, 4.0f);
    int gap = ui_mm(ui, 2.0f);
    int seg_h = ui_mm(ui, 12.0f);
    if (spec->tabs > 0) {
        /* Held upright, the tablet is too narrow for a row of tabs with
         * their names whole: two rows. */
        int per_row = ui_height(ui) > w ? (spec->tabs + 1) / 2 : spec->tabs;
        int tab_w = (l.width - (per_row - 1) * gap) / per_row;
        for (int t = 0; t < spec->tabs; t++)
            l.tab[t] = (SDL_Rect){l.left + t % per_row * (tab_w + gap),
                                  y + t / per_row * (seg_h + gap), tab_w, seg_h};
        y += (spec->tabs - 1) / per_row * (seg_h + gap) + seg_h + ui_mm(ui, 5.0f);
    }
    if (spec->title) {
        l.title_y = y;
        y += ui_line_height(ui, UI_FONT_HEADING) + ui_mm(ui, 4.0f);
    }
    if (spec->note_lines > 0) {
        l.note =
            (SDL_Rect){l.left, y, l.width, spec->note_lines * ui_line_height(ui, UI_FONT_BODY)};
        y += l.note.h + ui_mm(ui, 4.0f);
    }
    int label_w = spec->stacked ? 0 : (int)fmin(ui_mm(ui, 40.0f), l.width / 3);
    l.label_x = l.left;
    for (int r = 0; r < spec->rows && r < LAYOUT_MAX_ROWS; r++) {
        if (spec->stacked) {
            l.row_label_y[r] = y;
            y += ui_line_height(ui, UI_FONT_BODY) + ui_mm(ui, 1.0f);
        } else {
            l.row_label_y[r] = y + (seg_h - ui_line_height(ui, UI_FONT_BODY)) / 2;
        }
        int n = spec->choices[r] < 1                    ? 1
                : spec->choices[r] > LAYOUT_MAX_CHOICES ? LAYOUT_MAX_CHOICES
                                                        : spec->choices[r];
        int lines = spec->per_line > 0 ? (n + spec->per_line - 1) / spec->per_line : 1;
        int across = (n + lines - 1) / lines;
        int avail = l.width - label_w;
        /* Short rows keep the segment width of a three-choice row. */
        int seg_w = (avail - (SDL_max(across, 3) - 1) * gap) / SDL_max(across, 3);
        if (spec->stacked)
            seg_w = (avail - (across - 1) * gap) / across;
        for (int c = 0; c < n; c++)
            l.choice[r][c] = (SDL_Rect){l.left + label_w + c % across * (seg_w + gap),
                                        y + c / across * (seg_h + gap), seg_w, seg_h};
        y += (lines - 1) * (seg_h + gap);
        y += seg_h + (spec->stacked ? SDL_max(ui_mm(ui, 7.0f),
                                              ui_line_height(ui, UI_FONT_SMALL) + ui_mm(ui, 2.0f))
                                    : ui_mm(ui, 2.5f));
    }
    if (spec->actions) {
        int button_h = ui_mm(ui, 18.0f), button_gap = ui_mm(ui, 6.0f);
        int button_w = (l.width - button_gap) / 2;
        /* Right under the rows, not at the bottom: after a session the
         * screen comes up where the answer buttons were. */
        int by = y + ui_mm(ui, 2.0f);
        l.secondary = (SDL_Rect){l.left, by, button_w, button_h};
        l.primary = (SDL_Rect){l.left + button_w + button_gap, by, button_w, button_h};
    }
    return l;
}

FormLayout layout_area(const Ui *ui, int rows, const int *choices)
{
    FormSpec spec = {.rows = rows,
                     .choices = choices,
                     .per_line = 5,
                     .bar_buttons = 3,
                     .tabs = LAYOUT_AREA_TABS};
    return layout_form(ui, &spec);
}

ResultsLayout layout_results(const Ui *ui)
{
    ResultsLayout l;
    int w = ui_width(ui);
    int margin = ui_mm(ui, 6.0f);
    l.bar = scene_top_bar(ui);
    SDL_Rect buttons[2];
    layout_bar_buttons(ui, l.bar, buttons, 2, w / 3);
    l.again = buttons[0];
    l.done = buttons[1];
    l.width = (int)fmin(w - 2 * margin, ui_mm(ui, 150.0f));
    l.left = (w - l.width) / 2;
    l.title = (SDL_Rect){ui_mm(ui, 4.0f), l.bar.y, l.again.x - ui_mm(ui, 7.0f), l.bar.h};
    l.subtitle_y = l.bar.y + l.bar.h + ui_mm(ui, 2.0f);
    l.table_y =
        l.subtitle_y + RESULTS_LINES_MAX * ui_line_height(ui, UI_FONT_BODY) + ui_mm(ui, 3.0f);
    l.row_h = SDL_max(ui_mm(ui, 10.5f), ui_line_height(ui, UI_FONT_HEADING) + ui_mm(ui, 1.0f));
    static const double at[5] = {0.0, 0.34, 0.50, 0.66, 0.82};
    for (int i = 0; i < 5; i++)
        l.col[i] = l.left + (int)(l.width * at[i]);
    return l;
}

/* The height of a panel of ui_text_panel holding n lines of body text. */
static int text_panel_h(const Ui *ui, int lines)
{
    return lines * ui_line_height(ui, UI_FONT_BODY) + 2 * ui_mm(ui, 3.0f);
}

ImageryLayout layout_imagery(const Ui *ui)
{
    DrillLayout d = layout_drill(ui);
    ImageryLayout l = {
        .bar = d.bar, .pause = d.pause, .resume = d.resume, .end = d.end, .hurt = d.hurt};
    int w = ui_width(ui), h = ui_height(ui);
    int margin = ui_mm(ui, 4.0f), gap = ui_mm(ui, 2.0f);
    /* Next where the drill's Right answer is, under the right thumb. */
    l.next = d.right;
    int ring = d.right.h;
    l.timer = (SDL_Rect){margin, h - margin - ring, ring, ring};
    int column = (int)fmin(w - 2 * margin, ui_mm(ui, 150.0f));
    int text_h = text_panel_h(ui, 3);
    l.instruction = (SDL_Rect){(w - column) / 2, l.next.y - gap - text_h, column, text_h};
    int top = l.bar.y + l.bar.h + gap;
    l.picture = (SDL_Rect){margin, top, w - 2 * margin, l.instruction.y - gap - top};
    return l;
}

TouchStepLayout layout_touch_step(const Ui *ui, SDL_Rect area, bool with_icon)
{
    TouchStepLayout l = {0};
    int heading = SDL_min(ui_line_height(ui, UI_FONT_HEADING), SDL_max(area.h, 0));
    l.heading = (SDL_Rect){area.x, area.y, SDL_max(area.w, 0), heading};
    int below = heading + ui_mm(ui, 3.0f);
    SDL_Rect room = {area.x, area.y + SDL_min(below, SDL_max(area.h, 0)), SDL_max(area.w, 0),
                     SDL_max(area.h - below, 0)};
    int gap = ui_mm(ui, 8.0f);
    int across = SDL_min(room.h, (room.w - gap) / 2), down = SDL_min(room.w, (room.h - gap) / 2);
    int side = SDL_max(across, down);
    if (!with_icon || side <= 0) {
        l.ring = room;
        l.icon = (SDL_Rect){room.x, room.y, 0, 0};
    } else if (across >= down) {
        int x = room.x + (room.w - 2 * side - gap) / 2, y = room.y + (room.h - side) / 2;
        l.icon = (SDL_Rect){x, y, side, side};
        l.ring = (SDL_Rect){x + side + gap, y, side, side};
    } else {
        int x = room.x + (room.w - side) / 2, y = room.y + (room.h - 2 * side - gap) / 2;
        l.icon = (SDL_Rect){x, y, side, side};
        l.ring = (SDL_Rect){x, y + side + gap, side, side};
    }
    return l;
}

MirrorLayout layout_mirror(const Ui *ui)
{
    DrillLayout d = layout_drill(ui);
    MirrorLayout l = {.bar = d.bar, .pause = d.pause};
    int w = ui_width(ui), h = ui_height(ui);
    int margin = ui_mm(ui, 4.0f), gap = ui_mm(ui, 2.0f);
    /* The drill's pause buttons with Next exercise inserted under Continue,
     * the whole stack moved up by half of what it gained so it stays
     * centred. */
    int after_resume = d.end.y - (d.resume.y + d.resume.h);
    int between = d.hurt.y - (d.end.y + d.end.h);
    l.resume = d.resume;
    l.resume.y -= (d.end.h + between) / 2;
    l.next = d.end;
    l.next.y = l.resume.y + l.resume.h + after_resume;
    l.end = d.end;
    l.end.y = l.next.y + l.next.h + between;
    l.hurt = d.hurt;
    l.hurt.y = l.end.y + l.end.h + between;

    int row = ui_mm(ui, 16.0f);
    l.beat = (SDL_Rect){margin, h - margin - row, row, row};
    int clock_w = (int)fmin(ui_mm(ui, 50.0f), (w - 2 * margin - row) / 2);
    l.clock = (SDL_Rect){w - margin - clock_w, l.beat.y, clock_w, row};
    int column = (int)fmin(w - 2 * margin, ui_mm(ui, 150.0f));
    int text_h = text_panel_h(ui, 2);
    l.instruction = (SDL_Rect){(w - column) / 2, l.beat.y - gap - text_h, column, text_h};
    l.title_y = l.bar.y + l.bar.h + gap;
    int top = l.title_y + ui_line_height(ui, UI_FONT_HEADING) + gap;
    l.stage = (SDL_Rect){margin, top, w - 2 * margin, l.instruction.y - gap - top};
    return l;
}
