/* Chart geometry: axis ranges, ticks and labels, mapping onto a plot box,
 * target bands, polylines broken at missing points, dashes, and the series
 * styles. */
#include <math.h>
#include <string.h>

#include "chart.h"
#include "check.h"
#include "progress.h"

static int near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

static void test_styles(void)
{
    ChartStyle l = chart_style(CHART_SERIES_LEFT), r = chart_style(CHART_SERIES_RIGHT);
    CHECK(l.rgb == 0x0072B2u && r.rgb == 0xD55E00u);
    /* Apart by colour, line and marker, so black-and-white print still tells them apart. */
    CHECK(!l.dashed && r.dashed && l.marker != r.marker);
    CHECK(strcmp(l.name, "Left pictures") == 0 && strcmp(r.name, "Right pictures") == 0);
    ChartStyle b = chart_style(CHART_SERIES_PAIN_BEFORE), a = chart_style(CHART_SERIES_PAIN_AFTER);
    CHECK(b.dashed != a.dashed && b.marker != a.marker && b.rgb != a.rgb);
    CHECK(b.rgb != l.rgb && b.rgb != r.rgb && a.rgb != l.rgb && a.rgb != r.rgb);
    /* Touch practice's sides are drawn as the pictures' sides, named as sides. */
    ChartStyle tl = chart_style(CHART_SERIES_TOUCH_LEFT),
               tr = chart_style(CHART_SERIES_TOUCH_RIGHT);
    CHECK(tl.rgb == l.rgb && tl.dashed == l.dashed && tl.marker == l.marker);
    CHECK(tr.rgb == r.rgb && tr.dashed == r.dashed && tr.marker == r.marker);
    CHECK(strcmp(tl.name, "Left side") == 0 && strcmp(tr.name, "Right side") == 0);
    CHECK(chart_style(CHART_SERIES_MINUTES).rgb == CHART_RGB_MINUTES);
}

static void check_ticks(const ChartAxis *a, double min, double max, int nticks, double first,
                        double step, const char *first_label, const char *last_label)
{
    CHECK_MSG(near(a->min, min) && near(a->max, max), "range %g..%g", a->min, a->max);
    CHECK_MSG(a->nticks == nticks, "%d ticks, want %d", a->nticks, nticks);
    for (int i = 0; i < a->nticks; i++)
        CHECK_MSG(near(a->tick[i], first + i * step), "tick %d: %g", i, a->tick[i]);
    if (a->nticks > 0) {
        CHECK_MSG(strcmp(a->label[0], first_label) == 0, "'%s'", a->label[0]);
        CHECK_MSG(strcmp(a->label[a->nticks - 1], last_label) == 0, "'%s'",
                  a->label[a->nticks - 1]);
    }
}

static void test_linear_axes(void)
{
    ChartAxis a;
    chart_axis_percent(&a);
    check_ticks(&a, 0, 100, 6, 0, 20, "0 %", "100 %");
    chart_axis_linear(&a, -22.5, 337.5, 45.0, "\xC2\xB0");
    check_ticks(&a, -22.5, 337.5, 8, 0, 45, "0\xC2\xB0", "315\xC2\xB0");
    chart_axis_linear(&a, 0.0, 10.0, 2.0, "");
    check_ticks(&a, 0, 10, 6, 0, 2, "0", "10");
    chart_axis_linear(&a, -1.0, 1.0, 0.25, " s");
    check_ticks(&a, -1, 1, 9, -1, 0.25, "-1.00 s", "1.00 s");
    CHECK(strcmp(a.label[4], "0.00 s") == 0); /* never "-0.00" */
    chart_axis_linear(&a, 0.0, 1000.0, 1.0, "");
    CHECK(a.nticks == CHART_MAX_TICKS);
}

static void test_seconds_axis(void)
{
    static const struct {
        double top, max, step;
        const char *last;
    } cases[] = {
        {2.5, 3.0, 0.5, "3.0 s"}, /* the band's top, with room above */
        {2.7, 3.0, 0.5, "3.0 s"},  {3.0, 3.5, 0.5, "3.5 s"},      {3.9, 4.0, 0.5, "4.0 s"},
        {4.2, 5.0, 1.0, "5 s"}, /* 0.5 s would give 9 steps */
        {12.0, 14.0, 2.0, "14 s"}, {100.0, 120.0, 20.0, "120 s"}, {0.0, 0.5, 0.5, "0.5 s"},
        {-1.0, 0.5, 0.5, "0.5 s"}, {NAN, 0.5, 0.5, "0.5 s"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ChartAxis a;
        chart_axis_seconds(&a, cases[i].top);
        int n = (int)lround(cases[i].max / cases[i].step) + 1;
        check_ticks(&a, 0, cases[i].max, n, 0, cases[i].step, cases[i].step < 1 ? "0.0 s" : "0 s",
                    cases[i].last);
    }
}

static void test_minutes_axis(void)
{
    static const struct {
        double top, max, step;
        const char *last;
    } cases[] = {
        {0.0, 1.0, 1.0, "1 min"},       {3.0, 4.0, 1.0, "4 min"},    {7.5, 8.0, 1.0, "8 min"},
        {8.0, 10.0, 2.0, "10 min"},     {24.0, 25.0, 5.0, "25 min"}, {45.0, 50.0, 10.0, "50 min"},
        {90.0, 105.0, 15.0, "105 min"}, {NAN, 1.0, 1.0, "1 min"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ChartAxis a;
        chart_axis_minutes(&a, cases[i].top);
        int n = (int)lround(cases[i].max / cases[i].step) + 1;
        check_ticks(&a, 0, cases[i].max, n, 0, cases[i].step, "0 min", cases[i].last);
    }
}

static void test_steps_axis(void)
{
    ChartAxis a;
    chart_axis_steps(&a, 5);
    check_ticks(&a, 0.5, 5.5, 5, 1, 1, "1", "5");
    chart_axis_steps(&a, 12);
    check_ticks(&a, 0.5, 12.5, 6, 2, 2, "2", "12");
    chart_axis_steps(&a, 0);
    check_ticks(&a, 0.5, 1.5, 1, 1, 1, "1", "1");
}

static int day_of(const char *date)
{
    int day = 0;
    CHECK(progress_day_parse(date, &day) == 0);
    return day;
}

static void test_day_axis(void)
{
    static const struct {
        const char *first, *last;
        int max_labels;
        int nticks, step;
        const char *first_tick, *first_label, *last_label;
    } cases[] = {
        /* A week: every day. */
        {"2026-11-15", "2026-11-21", 8, 7, 1, "2026-11-15", "15 Nov", "21 Nov"},
        /* Two weeks: every other day. */
        {"2026-11-08", "2026-11-21", 8, 7, 2, "2026-11-08", "8 Nov", "20 Nov"},
        /* A month: Mondays. */
        {"2026-10-23", "2026-11-21", 8, 4, 7, "2026-10-26", "26 Oct", "16 Nov"},
        /* Three months: every other Monday. */
        {"2026-08-23", "2026-11-21", 8, 7, 14, "2026-08-24", "24 Aug", "16 Nov"},
        /* A year: every 13 weeks, with the year. */
        {"2025-11-22", "2026-11-21", 8, 4, 91, "2025-11-24", "Nov 2025", "Aug 2026"},
        /* One day. */
        {"2026-11-21", "2026-11-21", 8, 1, 1, "2026-11-21", "21 Nov", "21 Nov"},
        /* Over New Year. */
        {"2026-12-29", "2027-01-02", 3, 3, 2, "2026-12-29", "29 Dec", "2 Jan"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int first = day_of(cases[i].first), last = day_of(cases[i].last);
        ChartAxis a;
        chart_axis_days(&a, first, last, cases[i].max_labels);
        check_ticks(&a, first - 0.5, last + 0.5, cases[i].nticks, day_of(cases[i].first_tick),
                    cases[i].step, cases[i].first_label, cases[i].last_label);
        CHECK_MSG(a.nticks <= cases[i].max_labels, "case %zu", i);
    }
}

static Chart test_chart(void)
{
    Chart c;
    c.plot = (ChartBox){10.0, 20.0, 100.0, 50.0};
    chart_axis_linear(&c.x, 0.0, 10.0, 1.0, "");
    chart_axis_percent(&c.y);
    return c;
}

static void test_mapping(void)
{
    Chart c = test_chart();
    static const struct {
        double x, y, px, py;
    } points[] = {
        {0, 0, 10, 70},
        {10, 100, 110, 20},
        {5, 80, 60, 30},
        {-1, 120, 0, 10},
    };
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        CHECK_MSG(near(chart_map_x(&c, points[i].x), points[i].px), "x %zu", i);
        CHECK_MSG(near(chart_map_y(&c, points[i].y), points[i].py), "y %zu", i);
    }
    ChartAxis cat;
    chart_axis_categories(&cat, 3);
    CHECK(near(cat.min, -0.5) && near(cat.max, 2.5) && cat.nticks == 3 && cat.label[2][0] == 0);

    static const struct {
        double lo, hi, y, h;
    } bands[] = {
        {80, 100, 20, 10}, {100, 80, 20, 10}, /* either order */
        {90, 120, 20, 5},                     /* clipped at the top */
        {-10, 20, 60, 10},                    /* clipped at the bottom */
        {110, 120, 20, 0},                    /* outside */
    };
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        ChartBox b = chart_band(&c, bands[i].lo, bands[i].hi);
        CHECK_MSG(near(b.x, 10) && near(b.w, 100) && near(b.y, bands[i].y) && near(b.h, bands[i].h),
                  "band %zu: y %g h %g", i, b.y, b.h);
    }
    /* A bar: CHART_BAR_WIDTH of a slot wide, centred, from the bottom up,
     * clipped to the plot. */
    static const struct {
        double x, v, px, y, h;
    } bars[] = {
        {5, 80, 57, 30, 40}, /* 10 px a unit: 6 px wide from 57 */
        {0, 120, 7, 20, 50}, /* clipped at the top */
        {2, 0, 27, 70, 0},   /* nothing at the axis */
        {3, -10, 37, 70, 0}, /* nor under it */
    };
    for (size_t i = 0; i < sizeof bars / sizeof bars[0]; i++) {
        ChartBox b = chart_bar(&c, bars[i].x, bars[i].v);
        CHECK_MSG(near(b.x, bars[i].px) && near(b.w, 10 * CHART_BAR_WIDTH) &&
                      near(b.y, bars[i].y) && near(b.h, bars[i].h),
                  "bar %zu: x %g w %g y %g h %g", i, b.x, b.w, b.y, b.h);
    }
}

static void test_polyline(void)
{
    Chart c = test_chart();
    const double x[] = {0, 1, 2, 3, 4, 5, 6};
    const double y[] = {0, CHART_MISSING, 50, 100, CHART_MISSING, CHART_MISSING, 80};
    ChartPoint pts[7];
    ChartRun runs[7];
    size_t nruns;
    size_t n = chart_polyline(&c, x, y, 7, pts, runs, &nruns);
    CHECK(n == 4 && nruns == 3);
    CHECK(runs[0].first == 0 && runs[0].count == 1);
    CHECK(runs[1].first == 1 && runs[1].count == 2);
    CHECK(runs[2].first == 3 && runs[2].count == 1);
    CHECK(near(pts[1].x, 30) && near(pts[1].y, 45) && near(pts[2].y, 20) && near(pts[3].x, 70));
    n = chart_polyline(&c, x, y, 0, pts, runs, &nruns);
    CHECK(n == 0 && nruns == 0);
    const double gaps[] = {CHART_MISSING, CHART_MISSING};
    n = chart_polyline(&c, x, gaps, 2, pts, runs, &nruns);
    CHECK(n == 0 && nruns == 0);
}

static void test_dashes(void)
{
    const ChartPoint line[] = {{0, 0}, {10, 0}};
    ChartSegment seg[8];
    CHECK(chart_dashes(line, 2, 3, 2, seg, 8) == 2);
    CHECK(near(seg[0].a.x, 0) && near(seg[0].b.x, 3) && near(seg[1].a.x, 5) && near(seg[1].b.x, 8));
    /* The pattern goes on round the corner: dash 0-3, gap 3-5, dash 5-8. */
    const ChartPoint corner[] = {{0, 0}, {4, 0}, {4, 4}};
    CHECK(chart_dashes(corner, 3, 3, 2, seg, 8) == 2);
    CHECK(near(seg[1].a.x, 4) && near(seg[1].a.y, 1) && near(seg[1].b.y, 4));
    /* A dash that turns the corner is two segments. */
    CHECK(chart_dashes(corner, 3, 5, 1, seg, 8) == 3);
    CHECK(near(seg[0].b.x, 4) && near(seg[1].a.x, 4) && near(seg[1].a.y, 0) &&
          near(seg[1].b.y, 1) && near(seg[2].a.y, 2) && near(seg[2].b.y, 4));
    /* Too little room: the count still says how many there are. */
    CHECK(chart_dashes(corner, 3, 5, 1, seg, 1) == 3);
    CHECK(chart_dashes(corner, 1, 5, 1, seg, 8) == 0);
}

int main(void)
{
    test_styles();
    test_linear_axes();
    test_seconds_axis();
    test_minutes_axis();
    test_steps_axis();
    test_day_axis();
    test_mapping();
    test_polyline();
    test_dashes();
    return check_exit();
}
