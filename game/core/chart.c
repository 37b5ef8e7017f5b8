#include "chart.h"

#include <stdio.h>
#include <string.h>

#include "progress.h"

ChartStyle chart_style(ChartSeriesKind kind)
{
    switch (kind) {
    case CHART_SERIES_LEFT:
        return (ChartStyle){CHART_RGB_LEFT, false, CHART_MARKER_DISC, "Left pictures"};
    case CHART_SERIES_RIGHT:
        return (ChartStyle){CHART_RGB_RIGHT, true, CHART_MARKER_OPEN_SQUARE, "Right pictures"};
    case CHART_SERIES_PAIN_BEFORE:
        return (ChartStyle){CHART_RGB_PAIN_BEFORE, true, CHART_MARKER_OPEN_CIRCLE, "Pain before"};
    case CHART_SERIES_TOUCH_LEFT:
        return (ChartStyle){CHART_RGB_LEFT, false, CHART_MARKER_DISC, "Left side"};
    case CHART_SERIES_TOUCH_RIGHT:
        return (ChartStyle){CHART_RGB_RIGHT, true, CHART_MARKER_OPEN_SQUARE, "Right side"};
    case CHART_SERIES_MINUTES:
        return (ChartStyle){CHART_RGB_MINUTES, false, CHART_MARKER_DISC, "Minutes"};
    case CHART_SERIES_PAIN_AFTER:
        break;
    }
    return (ChartStyle){CHART_RGB_PAIN_AFTER, false, CHART_MARKER_DIAMOND, "Pain after"};
}

/* Decimals needed to write multiples of step exactly (up to 3). */
static int decimals_of(double step)
{
    int d = 0;
    while (d < 3 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9)
        d++;
    return d;
}

void chart_axis_linear(ChartAxis *a, double min, double max, double step, const char *unit)
{
    a->min = min;
    a->max = max;
    a->nticks = 0;
    int decimals = decimals_of(step);
    /* Ticks are multiples of step, counted in whole steps to avoid drift. */
    for (double k = ceil(min / step - 1e-9); a->nticks < CHART_MAX_TICKS; k++) {
        double v = k * step;
        if (v > max + 1e-9 * step)
            break;
        if (fabs(v) < 1e-12)
            v = 0.0; /* no "-0" */
        a->tick[a->nticks] = v;
        snprintf(a->label[a->nticks], CHART_LABEL_MAX, "%.*f%s", decimals, v, unit);
        a->nticks++;
    }
}

void chart_axis_percent(ChartAxis *a)
{
    chart_axis_linear(a, 0.0, 100.0, 20.0, " %");
}

/* From 0 to the first multiple of a step strictly above top (leaving room
 * over it), the step the first of steps[0..n) that gives at most 8 of
 * them (else the last). A top that is not a positive number counts as 0. */
static void axis_upto(ChartAxis *a, double top, const double *steps, size_t n, const char *unit)
{
    enum { MAX_STEPS = 8 };
    if (!(top > 0.0))
        top = 0.0;
    size_t i = 0;
    while (i + 1 < n && floor(top / steps[i]) + 1 > MAX_STEPS)
        i++;
    double count = floor(top / steps[i] + 1e-9) + 1;
    chart_axis_linear(a, 0.0, count * steps[i], steps[i], unit);
}

void chart_axis_seconds(ChartAxis *a, double top_s)
{
    static const double steps[] = {0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0};
    axis_upto(a, top_s, steps, sizeof steps / sizeof steps[0], " s");
}

void chart_axis_minutes(ChartAxis *a, double top_min)
{
    static const double steps[] = {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0};
    axis_upto(a, top_min, steps, sizeof steps / sizeof steps[0], " min");
}

void chart_axis_steps(ChartAxis *a, int steps)
{
    if (steps < 1)
        steps = 1;
    chart_axis_linear(a, 0.5, steps + 0.5, steps > 8 ? 2.0 : 1.0, "");
}

/* Monday is 0; day 0, 1970-01-01, was a Thursday. */
static int weekday(int day)
{
    return ((day + 3) % 7 + 7) % 7;
}

void chart_axis_days(ChartAxis *a, int first_day, int last_day, int max_labels)
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const int steps[] = {1, 2, 7, 14, 28, 91, 182, 364, 728, 1820, 3640, 7280, 36400};
    if (max_labels < 2)
        max_labels = 2;
    if (max_labels > CHART_MAX_TICKS)
        max_labels = CHART_MAX_TICKS;
    a->min = first_day - 0.5;
    a->max = last_day + 0.5;
    a->nticks = 0;
    long span = (long)last_day - first_day + 1;
    size_t i = 0;
    while (i + 1 < sizeof steps / sizeof steps[0] && (span + steps[i] - 1) / steps[i] > max_labels)
        i++;
    int step = steps[i];
    int day = first_day;
    if (step >= 7)
        day += (7 - weekday(first_day)) % 7; /* the first Monday */
    for (; day <= last_day && a->nticks < max_labels; day += step) {
        int y, m, d;
        if (progress_day_split(day, &y, &m, &d))
            continue;
        a->tick[a->nticks] = day;
        if (step < 91)
            snprintf(a->label[a->nticks], CHART_LABEL_MAX, "%d %s", d, months[m - 1]);
        else
            snprintf(a->label[a->nticks], CHART_LABEL_MAX, "%s %d", months[m - 1], y);
        a->nticks++;
    }
}

void chart_axis_categories(ChartAxis *a, int n)
{
    if (n < 1)
        n = 1;
    if (n > CHART_MAX_TICKS)
        n = CHART_MAX_TICKS;
    a->min = -0.5;
    a->max = n - 0.5;
    a->nticks = n;
    for (int i = 0; i < n; i++) {
        a->tick[i] = i;
        a->label[i][0] = '\0';
    }
}

double chart_map_x(const Chart *c, double v)
{
    return c->plot.x + (v - c->x.min) / (c->x.max - c->x.min) * c->plot.w;
}

double chart_map_y(const Chart *c, double v)
{
    return c->plot.y + c->plot.h - (v - c->y.min) / (c->y.max - c->y.min) * c->plot.h;
}

ChartBox chart_band(const Chart *c, double lo, double hi)
{
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    lo = fmax(lo, c->y.min);
    hi = fmin(hi, c->y.max);
    if (lo > hi)
        return (ChartBox){c->plot.x, c->plot.y, c->plot.w, 0.0};
    double top = chart_map_y(c, hi);
    return (ChartBox){c->plot.x, top, c->plot.w, chart_map_y(c, lo) - top};
}

ChartBox chart_bar(const Chart *c, double x, double value)
{
    ChartBox b = chart_band(c, c->y.min, value);
    double left = chart_map_x(c, x - CHART_BAR_WIDTH / 2.0);
    b.x = left;
    b.w = chart_map_x(c, x + CHART_BAR_WIDTH / 2.0) - left;
    return b;
}

size_t chart_polyline(const Chart *c, const double *x, const double *y, size_t n, ChartPoint *pts,
                      ChartRun *runs, size_t *nruns)
{
    size_t np = 0;
    bool in_run = false;
    *nruns = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]) || isnan(y[i])) {
            in_run = false;
            continue;
        }
        if (!in_run)
            runs[(*nruns)++] = (ChartRun){np, 0};
        in_run = true;
        runs[*nruns - 1].count++;
        pts[np++] = (ChartPoint){chart_map_x(c, x[i]), chart_map_y(c, y[i])};
    }
    return np;
}

size_t chart_dashes(const ChartPoint *pts, size_t n, double on, double off, ChartSegment *out,
                    size_t cap)
{
    size_t count = 0;
    bool drawing = true;
    double left = on; /* length left in the current dash or gap */
    for (size_t i = 0; i + 1 < n; i++) {
        double dx = pts[i + 1].x - pts[i].x, dy = pts[i + 1].y - pts[i].y;
        double len = hypot(dx, dy);
        double pos = 0.0;
        while (len - pos > 1e-12) {
            double take = fmin(left, len - pos);
            if (drawing) {
                if (count < cap)
                    out[count] = (ChartSegment){
                        {pts[i].x + dx * pos / len, pts[i].y + dy * pos / len},
                        {pts[i].x + dx * (pos + take) / len, pts[i].y + dy * (pos + take) / len},
                    };
                count++;
            }
            pos += take;
            left -= take;
            if (left <= 1e-12) {
                drawing = !drawing;
                left = drawing ? on : off;
            }
        }
    }
    return count;
}
