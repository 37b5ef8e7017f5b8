/* Where everything goes on each screen, computed from the window's size in
 * pixels and the current millimetre scale (see ui.h), for portrait and
 * landscape alike. Recomputed whenever the window changes. */
#ifndef GMI_LAYOUT_H
#define GMI_LAYOUT_H

#include <SDL.h>

#include "ui.h"

/* The drill: progress and Pause in the top bar, the picture centred, a line
 * for the prompt or feedback, Left and Right in the bottom corners; and the
 * two buttons of the pause screen. */
typedef struct DrillLayout {
    SDL_Rect bar;
    SDL_Rect pause;
    SDL_Rect picture;
    SDL_Rect message;
    SDL_Rect left;
    SDL_Rect right;
    SDL_Rect resume; /* on the pause screen */
    SDL_Rect end;
} DrillLayout;

/* The rows of drill settings on the home screen. */
typedef enum LayoutRow {
    LAYOUT_ROW_LIMBS,
    LAYOUT_ROW_COUNT,
    LAYOUT_ROW_TIME,
    LAYOUT_ROW_LEVEL,
    LAYOUT_ROW_FEEDBACK,
    LAYOUT_ROWS
} LayoutRow;

#define LAYOUT_MAX_CHOICES 4

/* Home: profile name and Close in the top bar, the big start button, then
 * one row of choices per setting (or a message in their place). */
typedef struct HomeLayout {
    SDL_Rect bar, close, start;
    int notice_y;
    int label_x;
    SDL_Rect choice[LAYOUT_ROWS][LAYOUT_MAX_CHOICES];
    int hint_y;
} HomeLayout;

/* Results: title, summary line, the table, and Again / Done at the bottom. */
typedef struct ResultsLayout {
    SDL_Rect again, done;
    int title_y, subtitle_y, table_y, row_h;
    int col[5]; /* x of: group, accuracy, its last time, time, its last time */
    int width, left;
} ResultsLayout;

DrillLayout layout_drill(const Ui *ui);
HomeLayout layout_home(const Ui *ui);
ResultsLayout layout_results(const Ui *ui);

#endif
