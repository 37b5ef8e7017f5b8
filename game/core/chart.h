/* Chart geometry shared by the progress screen (SDL) and the HTML report
 * (SVG), so both draw the same axes, ticks, bands, lines and styles: nice
 * axis ranges and tick labels, the mapping of data onto a plot box given in
 * the caller's units (pixels or SVG units; y grows downwards), target band
 * rectangles, polylines broken where a point is missing, dashes, and the
 * series styles.
 *
 * Left and right pictures differ in colour (Okabe and Ito's colour-blind
 * safe palette) and also in line and marker, so the charts stay readable
 * in black-and-white print: left is a solid line with filled circles,
 * right a dashed line with open squares. */
#ifndef GMI_CHART_H
#define GMI_CHART_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Colours as 0xRRGGBB. */
#define CHART_RGB_LEFT 0x0072B2u        /* blue */
#define CHART_RGB_RIGHT 0xD55E00u       /* vermilion */
#define CHART_RGB_PAIN_BEFORE 0xCC79A7u /* reddish purple */
#define CHART_RGB_PAIN_AFTER 0x009E73u  /* bluish green */
#define CHART_RGB_MINUTES 0x56B4E9u     /* sky blue: the bars of minutes practised */
#define CHART_RGB_BAND 0xDCEBE0u        /* the target band: pale green-grey, pale grey in print */
#define CHART_RGB_GRID 0xE2E2E2u
#define CHART_RGB_AXIS 0x555555u
#define CHART_RGB_TEXT 0x222222u

/* A dashed line's dash and gap, in multiples of its line width. */
#define CHART_DASH_ON 4.0
#define CHART_DASH_OFF 3.0

/* A missing y value (a day without practice, a side without right answers). */
#define CHART_MISSING NAN

#define CHART_MAX_TICKS 32
#define CHART_LABEL_MAX 24

typedef enum ChartSeriesKind {
    CHART_SERIES_LEFT,        /* left pictures */
    CHART_SERIES_RIGHT,       /* right pictures */
    CHART_SERIES_PAIN_BEFORE, /* pain before a session */
    CHART_SERIES_PAIN_AFTER,  /* pain after a session */
    CHART_SERIES_TOUCH_LEFT,  /* touch practice of the left side: drawn as left pictures */
    CHART_SERIES_TOUCH_RIGHT, /* ... of the right side: as right pictures */
    CHART_SERIES_MINUTES      /* minutes practised per day: drawn as bars (chart_bar) */
} ChartSeriesKind;

typedef enum ChartMarker {
    CHART_MARKER_DISC,        /* filled circle */
    CHART_MARKER_OPEN_SQUARE, /* square outline, white inside */
    CHART_MARKER_OPEN_CIRCLE, /* circle outline, white inside */
    CHART_MARKER_DIAMOND      /* filled diamond */
} ChartMarker;

typedef struct ChartStyle {
    uint32_t rgb; /* 0xRRGGBB */
    bool dashed;  /* CHART_DASH_ON / CHART_DASH_OFF; solid otherwise */
    ChartMarker marker;
    const char *name; /* legend text, e.g. "Left pictures"; static */
} ChartStyle;

/* The style of a series. */
ChartStyle chart_style(ChartSeriesKind kind);

/* One axis: the data range it spans and its ticks with their labels. */
typedef struct ChartAxis {
    double min, max; /* min < max */
    int nticks;
    double tick[CHART_MAX_TICKS];                 /* data values, increasing, within [min, max] */
    char label[CHART_MAX_TICKS][CHART_LABEL_MAX]; /* UTF-8 */
} ChartAxis;

/* From min to max (min < max, step > 0) with a tick at each multiple of
 * step in between (the first CHART_MAX_TICKS of them), labelled with as
 * many decimals as step needs and unit appended (e.g. " s", " %", "°").
 * Rotations: chart_axis_linear(a, -22.5, 337.5, 45, "\u00b0") puts 0..315
 * in the middle of eight equal slots. */
void chart_axis_linear(ChartAxis *a, double min, double max, double step, const char *unit);

/* Accuracy: 0 to 100 %, a tick every 20 %. */
void chart_axis_percent(ChartAxis *a);

/* Response time: 0 s up to the first tick above top_s (pass the larger of
 * the highest value and the target band's top, so both show with room to
 * spare). Ticks every 0.5 s, or 1, 2, 5, 10, 20, 30 or 60 s when 0.5 s
 * would give more than 8 steps. A top_s that is not a positive number
 * gives 0 to 0.5 s. */
void chart_axis_seconds(ChartAxis *a, double top_s);

/* Minutes: 0 up to the first tick above top_min, as chart_axis_seconds
 * does for seconds, with ticks every 1, 2, 5, 10, 15, 30, 60 or 120
 * minutes (" min"). */
void chart_axis_minutes(ChartAxis *a, double top_min);

/* The steps 1..steps of a ladder (steps >= 1), each a slot of width 1,
 * a tick on each step up to 8 steps, else on every second one. */
void chart_axis_steps(ChartAxis *a, int steps);

/* Days first_day..last_day (first_day <= last_day), each day a slot from
 * day - 0.5 to day + 0.5, labelled sparingly: at most max_labels ticks
 * (2 <= max_labels <= CHART_MAX_TICKS, clamped), every 1 or 2 days, or
 * on Mondays every 1, 2 or 4 weeks ("21 Nov"), or every 13, 26 or 52
 * weeks and more for long ranges ("Nov 2026"). */
void chart_axis_days(ChartAxis *a, int first_day, int last_day, int max_labels);

/* n categories (1 <= n <= CHART_MAX_TICKS, clamped) at 0..n-1, each a slot
 * of width 1; the labels are left empty for the caller to fill. */
void chart_axis_categories(ChartAxis *a, int n);

/* The plot area in the caller's units; y grows downwards. */
typedef struct ChartBox {
    double x, y, w, h;
} ChartBox;

typedef struct ChartPoint {
    double x, y;
} ChartPoint;

/* A chart: where it is drawn and what its axes span. */
typedef struct Chart {
    ChartBox plot;
    ChartAxis x, y;
} Chart;

/* Maps a data value onto the plot: x.min to the left edge, x.max to the
 * right; y.min to the bottom edge, y.max to the top. Values outside the
 * axis map outside the plot. */
double chart_map_x(const Chart *c, double v);
double chart_map_y(const Chart *c, double v);

/* The full-width rectangle between y values lo and hi (in either order),
 * clipped to the plot; its height is 0 when the band lies outside it. */
ChartBox chart_band(const Chart *c, double lo, double hi);

/* Width of a bar, in slots of chart_axis_days or chart_axis_categories. */
#define CHART_BAR_WIDTH 0.6

/* The bar of value at x: CHART_BAR_WIDTH wide, centred on x, from the
 * bottom of the plot up to value, clipped to the plot (its height is 0 for
 * a value at or below the axis's minimum). */
ChartBox chart_bar(const Chart *c, double x, double value);

/* A run of consecutive present points: pts[first .. first + count). */
typedef struct ChartRun {
    size_t first, count;
} ChartRun;

/* Maps the points (x[i], y[i]), i < n, leaving out those with a NaN
 * coordinate (CHART_MISSING), into pts (room for n), and splits them into
 * runs (room for n) broken where points were missing: draw each run with
 * count >= 2 as a line and every point as a marker. *nruns receives the
 * number of runs; returns the number of points written. */
size_t chart_polyline(const Chart *c, const double *x, const double *y, size_t n, ChartPoint *pts,
                      ChartRun *runs, size_t *nruns);

typedef struct ChartSegment {
    ChartPoint a, b;
} ChartSegment;

/* Cuts the polyline pts[0..n) into the dashes of a dashed line: dashes of
 * length on with gaps of length off (both > 0; e.g. CHART_DASH_ON times
 * the line width), the pattern carried on round corners (a dash that turns
 * a corner is two segments). Writes at most cap segments to out and
 * returns how many there are in all, so a caller can size out and call
 * again. */
size_t chart_dashes(const ChartPoint *pts, size_t n, double on, double off, ChartSegment *out,
                    size_t cap);

#endif
