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
    SDL_Rect hurt; /* "Stop, it hurts" */
} DrillLayout;

/* Days shown in the home screen's calendar strip. */
#define LAYOUT_CALENDAR_DAYS 14

/* Home: profile name, Progress, Therapist and Close in the top bar; the big
 * start button with a line describing the session under it; "2 sessions
 * today (3 planned)"; the calendar strip of the last days; the kinds of
 * practice as smaller buttons (three, or four with touch practice, then
 * the line "Touch: 1 of 2 today"); a message (if any) below. */
typedef struct HomeLayout {
    SDL_Rect bar, progress, therapist, close;
    bool name_in_column; /* the patient's name over Start (a tall window, */
    SDL_Rect name;       /* where the bar is narrow), not in the bar */
    SDL_Rect start;
    SDL_Rect describe; /* two lines: what Start starts */
    int today_y;
    SDL_Rect day[LAYOUT_CALENDAR_DAYS];
    SDL_Rect mode[4]; /* by PracticeMode; the first `modes` are laid out */
    int modes;
    SDL_Rect touch_today; /* under the buttons, with four of them */
    int notice_y;
    int left, width; /* the content column */
} HomeLayout;

/* A column of choice rows, each a label and up to LAYOUT_MAX_CHOICES
 * segmented buttons, for the pain ratings and the therapist's settings. */
#define LAYOUT_MAX_CHOICES 11
#define LAYOUT_MAX_ROWS 7
#define LAYOUT_MAX_TABS 6
#define LAYOUT_MAX_BAR 3

typedef struct FormSpec {
    int rows;
    const int *choices; /* per row, 1..LAYOUT_MAX_CHOICES */
    int per_line;       /* the most choices on one line (0: no limit): a row
                           with more goes on as few lines as it needs, the
                           choices shared evenly (6 at most 5 a line: 3 + 3) */
    int bar_buttons;    /* buttons at the right of the top bar, 0..LAYOUT_MAX_BAR */
    int tabs;           /* a row of tabs above the rows, 0..LAYOUT_MAX_TABS */
    bool title;         /* a heading above the rows */
    bool stacked;       /* each row's label above its choices, not beside them */
    int note_lines;     /* lines of body text under the heading, before the rows */
    bool actions;       /* two big buttons under the rows */
} FormSpec;

typedef struct FormLayout {
    SDL_Rect bar;
    SDL_Rect bar_button[LAYOUT_MAX_BAR];
    SDL_Rect tab[LAYOUT_MAX_TABS];
    int title_y;
    SDL_Rect note; /* the note_lines under the heading */
    int label_x;
    SDL_Rect choice[LAYOUT_MAX_ROWS][LAYOUT_MAX_CHOICES];
    int row_label_y[LAYOUT_MAX_ROWS];
    SDL_Rect primary, secondary; /* the actions */
    int left, width;
} FormLayout;

/* Results: the title with Again and Done in the top bar (away from the
 * answer buttons a late tap could still be meant for), then up to
 * RESULTS_LINES_MAX lines of words and the table. */
typedef struct ResultsLayout {
    SDL_Rect bar, title, again, done;
    int subtitle_y, table_y, row_h;
    int col[5]; /* x of: group, accuracy, its last time, time, its last time */
    int width, left;
} ResultsLayout;

DrillLayout layout_drill(const Ui *ui);
HomeLayout layout_home(const Ui *ui, int modes);

FormLayout layout_form(const Ui *ui, const FormSpec *spec);

/* The therapist area: a tab's rows of choices (choices[r] in row r) under
 * the area's LAYOUT_AREA_TABS tabs, with three buttons in the top bar; a
 * row of more than five choices (the six body parts to show) on two lines,
 * so that every name fits whole. */
#define LAYOUT_AREA_TABS 6
FormLayout layout_area(const Ui *ui, int rows, const int *choices);

/* n buttons of equal width (at most 34 mm) at the right of the top bar,
 * leaving first_x pixels at the left for a title. */
void layout_bar_buttons(const Ui *ui, SDL_Rect bar, SDL_Rect *out, int n, int first_x);
ResultsLayout layout_results(const Ui *ui);

/* Explicit motor imagery: progress and Pause in the top bar (as in the
 * drill), the picture centred with the instruction under it, the countdown
 * ring in the bottom left and Next in the bottom right; the pause screen's
 * buttons are the drill's. */
typedef struct ImageryLayout {
    SDL_Rect bar;
    SDL_Rect pause;
    SDL_Rect picture;
    SDL_Rect instruction; /* the instruction panel: room for three lines */
    SDL_Rect timer;       /* a square holding the countdown ring */
    SDL_Rect next;
    SDL_Rect resume; /* on the pause screen */
    SDL_Rect end;
    SDL_Rect hurt;
} ImageryLayout;

/* Mirror therapy: the phase and Pause in the top bar, the exercise's title,
 * the stage (the moving limb or the camera picture), the instruction under
 * it, the beat ring in the bottom left and the time left in the bottom
 * right; the pause screen is the drill's with "Next exercise" under
 * Continue. */
typedef struct MirrorLayout {
    SDL_Rect bar;
    SDL_Rect pause;
    int title_y;
    SDL_Rect stage;
    SDL_Rect instruction; /* the instruction panel: room for two lines */
    SDL_Rect beat;        /* a square holding the beat ring */
    SDL_Rect clock;       /* the session time left, right-aligned */
    SDL_Rect resume;      /* on the pause screen */
    SDL_Rect next;
    SDL_Rect end;
    SDL_Rect hurt;
} MirrorLayout;

ImageryLayout layout_imagery(const Ui *ui);
MirrorLayout layout_mirror(const Ui *ui);

/* A step of touch practice, inside area (the imagery layout's picture
 * area, less a notice at its top): the texture's name as a heading along
 * the top; under it the texture's picture and the countdown ring, two
 * squares of one size with a gap between them, side by side or the picture
 * above the ring, whichever makes them larger, centred. Without a picture
 * (with_icon false), or without room for both, the ring has the whole room
 * under the heading and icon is empty (0 wide). Parts that do not fit are
 * empty, never outside area. The rest of the screen (bar, Pause, instruction, pause
 * screen) is the imagery layout's. */
typedef struct TouchStepLayout {
    SDL_Rect heading;
    SDL_Rect icon;
    SDL_Rect ring;
} TouchStepLayout;

TouchStepLayout layout_touch_step(const Ui *ui, SDL_Rect area, bool with_icon);

#endif
