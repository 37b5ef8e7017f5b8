/* The progress screen: one idea per page. By day: accuracy and median
 * response time per day, left and right apart, over the target bands. By
 * angle: response time by rotation and by view over the last week (a real
 * judgement is slower at awkward angles). Pain: before and after each
 * session. Touch: minutes of touch practice per day, and the step of the
 * ladder and the discomfort of each session, left and right apart.
 * Sessions: the table. Above every page, the progression check in plain
 * words and the change over the last two weeks (on the touch page, where
 * touch practice's rule stands). The numbers come from the progress
 * module, as in the HTML report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "layout.h"
#include "scenes.h"
#include "timing.h"

enum { PAGE_DAYS, PAGE_ANGLES, PAGE_PAIN, PAGE_TOUCH, PAGE_SESSIONS, PAGES };
enum { RANGE_SHORT = 14, RANGE_LONG = REVIEW_DEFAULT_DAYS };

static const char *const page_names[PAGES] = {"By day", "By angle", "Pain", "Touch", "Sessions"};

typedef struct ProgressScreen {
    AppContext *app;
    Review review;
    bool loaded;
    int page;
    int days; /* RANGE_SHORT or RANGE_LONG */
    SDL_Rect bar, back, range, tab[PAGES];
    SDL_Rect content;
    SDL_Texture *drawn[PAGES]; /* each page as last drawn, until the data or size change */
    char error[512];
    char touch[512]; /* where touch practice's rule stands, or why that could not be read */
} ProgressScreen;

/* Forgets the pages as drawn. */
static void forget_pages(ProgressScreen *s)
{
    for (int i = 0; i < PAGES; i++) {
        SDL_DestroyTexture(s->drawn[i]);
        s->drawn[i] = NULL;
    }
}

static SDL_Color rgb(uint32_t c)
{
    return (SDL_Color){(Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, 255};
}

static void relayout(void *state)
{
    ProgressScreen *s = state;
    Ui *ui = s->app->ui;
    forget_pages(s);
    int w = ui_width(ui), h = ui_height(ui);
    int margin = ui_mm(ui, 4.0f), gap = ui_mm(ui, 2.0f);
    s->bar = scene_top_bar(ui);
    SDL_Rect buttons[2];
    layout_bar_buttons(ui, s->bar, buttons, 2, w / 3);
    s->range = buttons[0];
    s->back = buttons[1];
    int tab_w = (int)fmin(ui_mm(ui, 36.0f), (w - 2 * margin - (PAGES - 1) * gap) / PAGES);
    int y = s->bar.h + ui_mm(ui, 2.0f);
    for (int i = 0; i < PAGES; i++)
        s->tab[i] = (SDL_Rect){margin + i * (tab_w + gap), y, tab_w, ui_mm(ui, 12.0f)};
    int top = y + s->tab[0].h + ui_mm(ui, 3.0f);
    s->content = (SDL_Rect){margin, top, w - 2 * margin, h - top - margin};
}

static void load(ProgressScreen *s)
{
    forget_pages(s);
    review_free(&s->review);
    int today = review_today();
    s->loaded = review_load(&s->review, s->app->store, s->app->profile.id, today - s->days + 1,
                            today, s->app->norms, s->app->prescription.drill.limbs, s->error,
                            sizeof s->error) == 0;
    const AppContext *app = s->app;
    char err[256];
    if (!app->prescription.touch_on)
        snprintf(s->touch, sizeof s->touch, "Touch practice is not prescribed.");
    else if (review_touch_words(app->store, &app->profile, &app->prescription, app->ladder,
                                &app->norms->touch, s->touch, sizeof s->touch, err, sizeof err))
        snprintf(s->touch, sizeof s->touch, "Touch practice's sessions could not be read: %s", err);
}

/* ---- charts ---- */

static void draw_marker(Ui *ui, ChartMarker m, float x, float y, float r, SDL_Color c)
{
    const SDL_Color white = {255, 255, 255, 255};
    int d = (int)(2 * r);
    SDL_Rect box = {(int)(x - r), (int)(y - r), d, d};
    switch (m) {
    case CHART_MARKER_DISC:
    case CHART_MARKER_DIAMOND:
        ui_fill_rounded(ui, box, m == CHART_MARKER_DISC ? d / 2 : 1, c);
        break;
    case CHART_MARKER_OPEN_SQUARE:
    case CHART_MARKER_OPEN_CIRCLE: {
        int radius = m == CHART_MARKER_OPEN_CIRCLE ? d / 2 : 1;
        int t = (int)fmaxf(2.0f, r / 3.0f);
        ui_fill_rounded(ui, box, radius, c);
        ui_fill_rounded(ui, (SDL_Rect){box.x + t, box.y + t, d - 2 * t, d - 2 * t},
                        radius > 1 ? radius - t : 1, white);
        break;
    }
    }
}

/* Says in the chart that it could not be drawn whole. */
static void draw_out_of_memory(Ui *ui, const Chart *c)
{
    ui_text(ui, UI_FONT_SMALL, "Not enough memory to draw all of this chart.",
            (int)(c->plot.x + c->plot.w / 2), (int)(c->plot.y + c->plot.h / 2), UI_ALIGN_CENTRE,
            ui_muted_colour);
}

/* Draws a series of n points in the style of kind: every point, however
 * many (each page is drawn once into a texture, so the scratch is cheap). */
static void draw_series(Ui *ui, const Chart *c, ChartSeriesKind kind, const double *x,
                        const double *y, size_t n)
{
    ChartPoint *pts = malloc((n ? n : 1) * sizeof *pts);
    ChartRun *runs = malloc((n ? n : 1) * sizeof *runs);
    if (!pts || !runs) {
        free(pts);
        free(runs);
        draw_out_of_memory(ui, c);
        return;
    }
    size_t nruns;
    chart_polyline(c, x, y, n, pts, runs, &nruns);
    ChartStyle style = chart_style(kind);
    SDL_Color colour = rgb(style.rgb);
    float width = (float)ui_mm(ui, 0.6f);
    if (width < 2.0f)
        width = 2.0f;
    for (size_t r = 0; r < nruns; r++) {
        const ChartPoint *p = &pts[runs[r].first];
        size_t count = runs[r].count;
        if (count < 2)
            continue;
        if (style.dashed) {
            size_t nd =
                chart_dashes(p, count, CHART_DASH_ON * width, CHART_DASH_OFF * width, NULL, 0);
            ChartSegment *dashes = malloc((nd ? nd : 1) * sizeof *dashes);
            if (!dashes) {
                draw_out_of_memory(ui, c);
                continue;
            }
            chart_dashes(p, count, CHART_DASH_ON * width, CHART_DASH_OFF * width, dashes, nd);
            for (size_t i = 0; i < nd; i++)
                ui_line(ui, (float)dashes[i].a.x, (float)dashes[i].a.y, (float)dashes[i].b.x,
                        (float)dashes[i].b.y, width, colour);
            free(dashes);
        } else {
            for (size_t i = 1; i < count; i++)
                ui_line(ui, (float)p[i - 1].x, (float)p[i - 1].y, (float)p[i].x, (float)p[i].y,
                        width, colour);
        }
    }
    float radius = (float)ui_mm(ui, 1.3f);
    for (size_t r = 0; r < nruns; r++)
        for (size_t i = 0; i < runs[r].count; i++) {
            const ChartPoint *p = &pts[runs[r].first + i];
            draw_marker(ui, style.marker, (float)p->x, (float)p->y, radius, colour);
        }
    free(pts);
    free(runs);
}

/* Draws each value above 0 as a bar (chart_bar) in the colour of kind. */
static void draw_bars(Ui *ui, const Chart *c, ChartSeriesKind kind, const double *x,
                      const double *y, size_t n)
{
    SDL_Color colour = rgb(chart_style(kind).rgb);
    SDL_SetRenderDrawColor(ui_renderer(ui), colour.r, colour.g, colour.b, 255);
    for (size_t i = 0; i < n; i++) {
        if (!(y[i] > 0.0))
            continue;
        ChartBox b = chart_bar(c, x[i], y[i]);
        SDL_RenderFillRect(ui_renderer(ui),
                           &(SDL_Rect){(int)b.x, (int)b.y, (int)ceil(b.w), (int)ceil(b.h)});
    }
}

/* Frames a chart in area: title, y labels at the left, x labels below (as
 * many as fit side by side: every second or third one where they do not);
 * sets c->plot. The axes must be set. */
static void draw_frame(Ui *ui, Chart *c, SDL_Rect area, const char *title)
{
    int line = ui_line_height(ui, UI_FONT_SMALL), title_h = ui_line_height(ui, UI_FONT_BODY);
    int gap = ui_mm(ui, 1.5f), label_w = ui_mm(ui, 8.0f);
    for (int i = 0; i < c->y.nticks; i++) /* the y labels' column: as wide as the widest */
        label_w = SDL_max(label_w, ui_text_width(ui, UI_FONT_SMALL, c->y.label[i]) + 2 * gap);
    ui_text_box(ui, UI_FONT_BODY, title, (SDL_Rect){area.x, area.y, area.w, title_h}, UI_ALIGN_LEFT,
                0, ui_text_colour);
    /* Room for half a y label above the plot and below it, then x labels;
     * at the right, for half of the widest x label. */
    int widest = 0;
    for (int i = 0; i < c->x.nticks; i++)
        widest = SDL_max(widest, ui_text_width(ui, UI_FONT_SMALL, c->x.label[i]));
    int top = area.y + title_h + line / 2 + gap;
    c->plot = (ChartBox){area.x + label_w, top,
                         area.w - label_w - SDL_max(ui_mm(ui, 2.0f), (widest + gap) / 2 + 1), 0};
    /* How far apart the x labels must be: on every tick where they fit; on
     * two staggered rows where a second row makes them fit (each one
     * shown); else on every second or third tick, one row. */
    double spacing = c->plot.w;
    for (int i = 1; i < c->x.nticks; i++)
        spacing = fmin(spacing, chart_map_x(c, c->x.tick[i]) - chart_map_x(c, c->x.tick[i - 1]));
    int every = (int)ceil((widest + gap) / fmax(spacing, 1.0));
    int rows = every == 2 ? 2 : 1;
    if (rows == 2)
        every = 1;
    c->plot.h = area.y + area.h - top - line / 2 - rows * line - gap;
    SDL_Renderer *r = ui_renderer(ui);
    SDL_Color grid = rgb(CHART_RGB_GRID), axis = rgb(CHART_RGB_AXIS);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderFillRect(r,
                       &(SDL_Rect){(int)c->plot.x, (int)c->plot.y, (int)c->plot.w, (int)c->plot.h});
    /* Every grid line; a label on as many as have a line's height apart. */
    double y_spacing =
        c->y.nticks > 1 ? fabs(chart_map_y(c, c->y.tick[1]) - chart_map_y(c, c->y.tick[0])) : line;
    int y_every = (int)ceil(line / fmax(y_spacing, 1.0));
    for (int i = 0; i < c->y.nticks; i++) {
        float y = (float)chart_map_y(c, c->y.tick[i]);
        ui_line(ui, (float)c->plot.x, y, (float)(c->plot.x + c->plot.w), y, 1.0f, grid);
        if (i % y_every == 0)
            ui_text_box(ui, UI_FONT_SMALL, c->y.label[i],
                        (SDL_Rect){area.x, (int)y - line / 2, label_w - gap, line}, UI_ALIGN_RIGHT,
                        0, axis);
    }
    /* The x labels, each centred under its tick in a box as wide as the
     * widest. */
    int label_y = (int)(c->plot.y + c->plot.h) + line / 2 + gap, w = widest + gap / 2;
    for (int i = 0; i < c->x.nticks; i += every) {
        int x = (int)chart_map_x(c, c->x.tick[i]);
        ui_text_box(ui, UI_FONT_SMALL, c->x.label[i],
                    (SDL_Rect){x - w / 2, label_y + (i % rows) * line, w, line}, UI_ALIGN_CENTRE, 0,
                    axis);
    }
    ui_line(ui, (float)c->plot.x, (float)(c->plot.y + c->plot.h), (float)(c->plot.x + c->plot.w),
            (float)(c->plot.y + c->plot.h), 1.5f, axis);
}

static void draw_band(Ui *ui, const Chart *c, double lo, double hi)
{
    ChartBox b = chart_band(c, lo, hi);
    if (b.h <= 0)
        return;
    SDL_Color band = rgb(CHART_RGB_BAND);
    SDL_SetRenderDrawColor(ui_renderer(ui), band.r, band.g, band.b, 255);
    SDL_RenderFillRect(ui_renderer(ui),
                       &(SDL_Rect){(int)b.x, (int)b.y, (int)ceil(b.w), (int)ceil(b.h)});
}

/* The legend line: left and right (or pain before and after), and what a
 * shaded band means when the charts have one. */
static void draw_legend(Ui *ui, SDL_Rect line, ChartSeriesKind a, ChartSeriesKind b, bool band)
{
    ChartSeriesKind kinds[2] = {a, b};
    int x = line.x, end = line.x + line.w;
    float r = (float)ui_mm(ui, 1.3f);
    for (int i = 0; i < 2; i++) {
        ChartStyle st = chart_style(kinds[i]);
        draw_marker(ui, st.marker, (float)x + r, (float)line.y + line.h / 2.0f, r, rgb(st.rgb));
        x += ui_mm(ui, 4.0f);
        int w = SDL_min(ui_text_width(ui, UI_FONT_SMALL, st.name), end - x);
        ui_text_box(ui, UI_FONT_SMALL, st.name, (SDL_Rect){x, line.y, w, line.h}, UI_ALIGN_LEFT, 0,
                    ui_text_colour);
        x += w + ui_mm(ui, 6.0f);
    }
    if (band && x < end) {
        SDL_Color c = rgb(CHART_RGB_BAND);
        SDL_SetRenderDrawColor(ui_renderer(ui), c.r, c.g, c.b, 255);
        int side = (int)(2 * r);
        SDL_RenderFillRect(ui_renderer(ui),
                           &(SDL_Rect){x, line.y + (line.h - side) / 2, side, side});
        x += ui_mm(ui, 4.0f);
        ui_text_box(ui, UI_FONT_SMALL, "Target", (SDL_Rect){x, line.y, end - x, line.h},
                    UI_ALIGN_LEFT, 0, ui_text_colour);
    }
}

/* Per-day accuracy or median (seconds) of one side. */
static void day_values(const ProgressDay *days, size_t n, Side side, bool accuracy, double *x,
                       double *y)
{
    for (size_t i = 0; i < n; i++) {
        const Summary *s = &days[i].side[side];
        x[i] = days[i].day;
        if (accuracy)
            y[i] = s->trials > 0 ? s->accuracy_pct : CHART_MISSING;
        else
            y[i] = s->median_rt_ms >= 0 ? s->median_rt_ms / 1000.0 : CHART_MISSING;
    }
}

static void page_days(ProgressScreen *s, SDL_Rect area)
{
    Ui *ui = s->app->ui;
    const Norms *norms = progress_norms(s->review.progress);
    size_t n;
    const ProgressDay *days = progress_days(s->review.progress, &n);
    enum { MAX_DAYS = RANGE_LONG };
    if (n > MAX_DAYS)
        n = MAX_DAYS;
    double x[MAX_DAYS], yl[MAX_DAYS], yr[MAX_DAYS];
    bool wide = area.w > area.h * 3 / 2;
    SDL_Rect halves[2];
    int gap = ui_mm(ui, 4.0f);
    if (wide) {
        halves[0] = (SDL_Rect){area.x, area.y, (area.w - gap) / 2, area.h};
        halves[1] = (SDL_Rect){area.x + (area.w + gap) / 2, area.y, (area.w - gap) / 2, area.h};
    } else {
        halves[0] = (SDL_Rect){area.x, area.y, area.w, (area.h - gap) / 2};
        halves[1] = (SDL_Rect){area.x, area.y + (area.h + gap) / 2, area.w, (area.h - gap) / 2};
    }
    int labels = halves[0].w / ui_mm(ui, 18.0f);
    /* The time band of every body part the rule checks. */
    double low_s = 0.0, top_s = 0.0;
    LimbSet parts = progress_check(s->review.progress)->parts;
    if (parts)
        norms_band(norms, parts, &low_s, &top_s);
    for (int chart = 0; chart < 2; chart++) {
        bool accuracy = chart == 0;
        Chart c;
        chart_axis_days(&c.x, progress_from_day(s->review.progress),
                        progress_to_day(s->review.progress), labels < 2 ? 2 : labels);
        day_values(days, n, SIDE_LEFT, accuracy, x, yl);
        day_values(days, n, SIDE_RIGHT, accuracy, x, yr);
        if (accuracy) {
            chart_axis_percent(&c.y);
        } else {
            double top = top_s;
            for (size_t i = 0; i < n; i++)
                top = fmax(top, fmax(isnan(yl[i]) ? 0 : yl[i], isnan(yr[i]) ? 0 : yr[i]));
            chart_axis_seconds(&c.y, top);
        }
        draw_frame(ui, &c, halves[chart],
                   accuracy ? "Right answers per day" : "Median response time per day");
        if (accuracy)
            draw_band(ui, &c, norms->accuracy_min_pct, 100.0);
        else if (parts)
            draw_band(ui, &c, low_s, top_s);
        draw_series(ui, &c, CHART_SERIES_LEFT, x, yl, n);
        draw_series(ui, &c, CHART_SERIES_RIGHT, x, yr, n);
    }
}

static void page_angles(ProgressScreen *s, SDL_Rect area)
{
    Ui *ui = s->app->ui;
    int gap = ui_mm(ui, 4.0f);
    bool wide = area.w > area.h * 3 / 2;
    SDL_Rect a = wide ? (SDL_Rect){area.x, area.y, (area.w - gap) / 2, area.h}
                      : (SDL_Rect){area.x, area.y, area.w, (area.h - gap) / 2};
    SDL_Rect b = wide ? (SDL_Rect){area.x + (area.w + gap) / 2, area.y, (area.w - gap) / 2, area.h}
                      : (SDL_Rect){area.x, area.y + (area.h + gap) / 2, area.w, (area.h - gap) / 2};
    const ProgressAngle *angles = progress_angles(s->review.progress);
    double x[PROGRESS_ANGLES], yl[PROGRESS_ANGLES], yr[PROGRESS_ANGLES], top = 2.5;
    for (int i = 0; i < PROGRESS_ANGLES; i++) {
        x[i] = angles[i].rotation_deg;
        yl[i] = angles[i].side[SIDE_LEFT].median_rt_ms >= 0
                    ? angles[i].side[SIDE_LEFT].median_rt_ms / 1000.0
                    : CHART_MISSING;
        yr[i] = angles[i].side[SIDE_RIGHT].median_rt_ms >= 0
                    ? angles[i].side[SIDE_RIGHT].median_rt_ms / 1000.0
                    : CHART_MISSING;
        top = fmax(top, fmax(isnan(yl[i]) ? 0 : yl[i], isnan(yr[i]) ? 0 : yr[i]));
    }
    Chart c;
    chart_axis_linear(&c.x, -22.5, 337.5, 45, "\u00b0");
    chart_axis_seconds(&c.y, top);
    draw_frame(ui, &c, a, "By rotation, last week");
    draw_series(ui, &c, CHART_SERIES_LEFT, x, yl, PROGRESS_ANGLES);
    draw_series(ui, &c, CHART_SERIES_RIGHT, x, yr, PROGRESS_ANGLES);

    size_t nviews;
    const ProgressView *views = progress_views(s->review.progress, &nviews);
    enum { MAX_VIEWS = 16 };
    if (nviews > MAX_VIEWS)
        nviews = MAX_VIEWS;
    if (nviews == 0) {
        ui_text(ui, UI_FONT_BODY, "No pictures in the last week.", b.x, b.y, UI_ALIGN_LEFT,
                ui_muted_colour);
        return;
    }
    double vx[MAX_VIEWS], vl[MAX_VIEWS], vr[MAX_VIEWS];
    top = 2.5;
    Chart v;
    chart_axis_categories(&v.x, (int)nviews);
    for (size_t i = 0; i < nviews; i++) {
        vx[i] = (double)i;
        const Summary *l = &views[i].side[SIDE_LEFT], *r = &views[i].side[SIDE_RIGHT];
        vl[i] = l->median_rt_ms >= 0 ? l->median_rt_ms / 1000.0 : CHART_MISSING;
        vr[i] = r->median_rt_ms >= 0 ? r->median_rt_ms / 1000.0 : CHART_MISSING;
        top = fmax(top, fmax(isnan(vl[i]) ? 0 : vl[i], isnan(vr[i]) ? 0 : vr[i]));
        snprintf(v.x.label[i], CHART_LABEL_MAX, "%s", views[i].view);
    }
    chart_axis_seconds(&v.y, top);
    draw_frame(ui, &v, b, "By view, last week");
    /* Views are categories: markers only, no lines between them. */
    for (size_t i = 0; i < nviews; i++) {
        draw_series(ui, &v, CHART_SERIES_LEFT, &vx[i], &vl[i], 1);
        draw_series(ui, &v, CHART_SERIES_RIGHT, &vx[i], &vr[i], 1);
    }
}

static void page_pain(ProgressScreen *s, SDL_Rect area)
{
    Ui *ui = s->app->ui;
    size_t n;
    const ProgressPain *pain = progress_pain(s->review.progress, &n);
    double *x = malloc((n ? n : 1) * sizeof *x), *before = malloc((n ? n : 1) * sizeof *before),
           *after = malloc((n ? n : 1) * sizeof *after);
    for (size_t i = 0; x && before && after && i < n; i++) {
        x[i] = pain[i].x;
        before[i] = pain[i].before >= 0 ? pain[i].before : CHART_MISSING;
        after[i] = pain[i].after >= 0 ? pain[i].after : CHART_MISSING;
    }
    Chart c;
    chart_axis_days(&c.x, progress_from_day(s->review.progress),
                    progress_to_day(s->review.progress), area.w / ui_mm(ui, 18.0f));
    chart_axis_linear(&c.y, 0, 10, 2, "");
    int legend_h = ui_line_height(ui, UI_FONT_SMALL) + ui_mm(ui, 2.0f);
    draw_frame(ui, &c, (SDL_Rect){area.x, area.y, area.w, area.h - legend_h},
               "Pain before and after each session (0-10)");
    if (x && before && after) {
        draw_series(ui, &c, CHART_SERIES_PAIN_BEFORE, x, before, n);
        draw_series(ui, &c, CHART_SERIES_PAIN_AFTER, x, after, n);
    } else {
        draw_out_of_memory(ui, &c);
    }
    free(x);
    free(before);
    free(after);
    draw_legend(ui,
                (SDL_Rect){area.x, area.y + area.h - ui_line_height(ui, UI_FONT_SMALL), area.w,
                           ui_line_height(ui, UI_FONT_SMALL)},
                CHART_SERIES_PAIN_BEFORE, CHART_SERIES_PAIN_AFTER, false);
    if (n == 0)
        ui_text(ui, UI_FONT_BODY, "No pain ratings in this period.", area.x + area.w / 2,
                area.y + area.h / 2, UI_ALIGN_CENTRE, ui_muted_colour);
}

static void page_touch(ProgressScreen *s, SDL_Rect area)
{
    Ui *ui = s->app->ui;
    const Progress *pr = s->review.progress;
    size_t n, ndays;
    progress_touch(pr, &n);
    if (n == 0) {
        ui_text(ui, UI_FONT_BODY, "No touch practice in this period.", area.x, area.y,
                UI_ALIGN_LEFT, ui_muted_colour);
        return;
    }
    const ProgressDay *days = progress_days(pr, &ndays);
    int gap = ui_mm(ui, 4.0f);
    SDL_Rect box[3];
    /* Side by side on a wide window, one under the other on a tall one. */
    bool wide = area.w > area.h * 3 / 2;
    int w = wide ? (area.w - 2 * gap) / 3 : area.w, h = wide ? area.h : (area.h - 2 * gap) / 3;
    for (int i = 0; i < 3; i++)
        box[i] = (SDL_Rect){area.x + (wide ? i * (w + gap) : 0),
                            area.y + (wide ? 0 : i * (h + gap)), w, h};
    size_t room = n > ndays ? n : ndays;
    double *x = malloc(room * sizeof *x), *y = malloc(room * sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        ui_text(ui, UI_FONT_BODY, "Not enough memory to draw these charts.", area.x, area.y,
                UI_ALIGN_LEFT, ui_muted_colour);
        return;
    }
    /* The charts are as wide as each other: one day axis for the three. */
    Chart c;
    chart_axis_days(&c.x, progress_from_day(pr), progress_to_day(pr),
                    SDL_max(2, w / ui_mm(ui, 18.0f)));
    double top = 0.0;
    for (size_t i = 0; i < ndays; i++) {
        x[i] = days[i].day;
        y[i] = days[i].touch_ms / 60000.0;
        top = fmax(top, y[i]);
    }
    chart_axis_minutes(&c.y, top);
    draw_frame(ui, &c, box[0], "Minutes a day");
    draw_bars(ui, &c, CHART_SERIES_MINUTES, x, y, ndays);

    int steps = SDL_max(touch_ladder_steps(s->app->ladder), progress_touch_top(pr));
    for (int chart = 1; chart <= 2; chart++) {
        bool discomfort = chart == 2;
        if (discomfort)
            chart_axis_linear(&c.y, 0.0, 10.0, 2.0, "");
        else
            chart_axis_steps(&c.y, steps);
        draw_frame(ui, &c, box[chart], discomfort ? "Discomfort (0-10)" : "Step of the ladder");
        for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++)
            draw_series(ui, &c,
                        side == SIDE_LEFT ? CHART_SERIES_TOUCH_LEFT : CHART_SERIES_TOUCH_RIGHT, x,
                        y, progress_touch_points(pr, (Side)side, discomfort, x, y));
    }
    free(x);
    free(y);
}

/* One cell of the session table: text in the box from fraction x0 to x1 of
 * the area's width, ended by an ellipsis where it does not fit. */
static void session_cell(Ui *ui, SDL_Rect area, double x0, double x1, int y, int h,
                         const char *text, SDL_Color colour)
{
    int left = area.x + (int)(area.w * x0), right = area.x + (int)(area.w * x1);
    ui_text_box(ui, UI_FONT_SMALL, text, (SDL_Rect){left, y, right - left - ui_mm(ui, 1.5f), h},
                UI_ALIGN_LEFT, 0, colour);
}

/* The sessions, newest first, under a heading for each day: a line of
 * numbers each, and under it how it ended when it was not finished and the
 * pain ratings when there are any. Too
 * fast (answers too soon to be judgements) and Late (pictures whose frame
 * reached the screen late) are left to the report where the window is
 * too narrow for them. */
static void page_sessions(ProgressScreen *s, SDL_Rect area)
{
    Ui *ui = s->app->ui;
    size_t n;
    const ProgressRow *rows = progress_sessions(s->review.progress, &n);
    enum { COLUMNS = 7 };
    static const char *const heads[COLUMNS] = {"Time",   "Practice", "Amount", "Accuracy",
                                               "Median", "Too fast", "Late"};
    static const double wide[COLUMNS + 1] = {0.0, 0.09, 0.26, 0.45, 0.59, 0.72, 0.86, 1.0};
    static const double narrow[COLUMNS + 1] = {0.0, 0.13, 0.36, 0.60, 0.80, 1.0, 1.0, 1.0};
    int columns = area.w < ui_mm(ui, 170.0f) ? COLUMNS - 2 : COLUMNS;
    const double *at = columns == COLUMNS ? wide : narrow;
    int line = ui_line_height(ui, UI_FONT_SMALL) + ui_mm(ui, 1.0f);
    int bottom = area.y + area.h;
    for (int c = 0; c < columns; c++)
        session_cell(ui, area, at[c], at[c + 1], area.y, line, heads[c], ui_muted_colour);
    if (n == 0)
        ui_text(ui, UI_FONT_BODY, "No sessions in this period.", area.x, area.y + line,
                UI_ALIGN_LEFT, ui_muted_colour);
    static const char *const modes[] = {[MODE_DRILL] = "Left/right",
                                        [MODE_IMAGERY] = "Imagine",
                                        [MODE_MIRROR] = "Mirror",
                                        [MODE_TOUCH] = "Touch"};
    int y = area.y + line, day = 0;
    for (size_t i = 0; i < n; i++) {
        const ProgressRow *row = &rows[n - 1 - i];
        const ProgressSession *ps = &s->review.history.sessions[row->session];
        bool heading = i == 0 || row->day != day;
        const char *ended = ps->open               ? "Not ended (running, or cut off)."
                            : ps->stopped_for_pain ? "Stopped because it hurt."
                            : ps->stopped_early    ? "Stopped early."
                                                   : "";
        bool rated = ps->pain_before != PROGRESS_NO_PAIN || ps->pain_after != PROGRESS_NO_PAIN;
        bool touch = ps->mode == MODE_TOUCH, more = rated || *ended || touch;
        int gap = heading && i > 0 ? ui_mm(ui, 1.5f) : 0;
        if (y + gap + (heading + 1 + more) * line > bottom)
            break;
        if (heading) {
            char date[PROGRESS_WORDS_MAX];
            y += gap;
            progress_when_words(row->day, -1, date);
            session_cell(ui, area, 0.0, 1.0, y, line, date, ui_text_colour);
            y += line;
            day = row->day;
        }
        char cell[COLUMNS][PROGRESS_WORDS_MAX] = {{0}};
        snprintf(cell[0], sizeof cell[0], "%02d:%02d", row->minute / 60, row->minute % 60);
        snprintf(cell[1], sizeof cell[1], "%s", modes[ps->mode]);
        progress_amount_words(ps, cell[2]);
        if (ps->mode == MODE_DRILL && ps->pictures > ps->too_fast)
            snprintf(cell[3], sizeof cell[3], "%.0f %%", ps->accuracy_pct);
        if (ps->mode == MODE_DRILL && ps->median_rt_ms >= 0)
            snprintf(cell[4], sizeof cell[4], "%.2f s", ps->median_rt_ms / 1000.0);
        if (ps->mode == MODE_DRILL) {
            snprintf(cell[5], sizeof cell[5], "%d", ps->too_fast);
            snprintf(cell[6], sizeof cell[6], "%d", ps->late_onsets);
        }
        for (int c = 0; c < columns; c++)
            session_cell(ui, area, at[c], at[c + 1], y, line, cell[c], ui_text_colour);
        y += line;
        if (more) {
            /* A touch session's step and discomfort first, then how it
             * ended, then the pain. */
            char pain[PROGRESS_WORDS_MAX] = "", steps[64] = "", discomfort[16] = "not rated",
                 words[192];
            if (rated)
                progress_pain_words(ps->pain_before, ps->pain_after, pain);
            if (touch) {
                if (ps->discomfort != PROGRESS_NO_PAIN)
                    snprintf(discomfort, sizeof discomfort, "%d", ps->discomfort);
                snprintf(steps, sizeof steps, "Step %d, %s side, discomfort %s.", ps->touch_step,
                         ps->side == SIDE_RIGHT ? "right" : "left", discomfort);
            }
            snprintf(words, sizeof words, "%s%s%s%s%s", steps, *steps && *ended ? " " : "", ended,
                     rated && (*ended || *steps) ? " Pain: "
                     : rated                     ? "Pain: "
                                                 : "",
                     pain);
            session_cell(ui, area, at[1], 1.0, y, line, words, ui_muted_colour);
            y += line;
        }
    }
}

static void draw_page(ProgressScreen *s)
{
    Ui *ui = s->app->ui;
    ui_clear(ui);
    char title[96];
    snprintf(title, sizeof title, "Progress: %s", s->app->profile.name);
    scene_draw_bar_title(ui, s->bar, s->range, title);
    ui_button(ui, s->range, s->days == RANGE_SHORT ? "8 weeks" : "2 weeks", UI_FONT_BODY,
              UI_STYLE_SECONDARY);
    ui_button(ui, s->back, "Back", UI_FONT_BODY, UI_STYLE_PRIMARY);
    for (int i = 0; i < PAGES; i++)
        ui_button(ui, s->tab[i], page_names[i], UI_FONT_BODY,
                  i == s->page ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    SDL_Rect area = s->content;
    if (!s->loaded) {
        scene_draw_notice(ui, s->error, area.x, area.y, area.w);
        return;
    }
    /* The check and the change in words (touch practice's rule on its
     * page), then the page. */
    const ProgressCheck *check = progress_check(s->review.progress);
    char words[3 * PROGRESS_TEXT_MAX];
    /* In full while it leaves the page two thirds of the room; else the
     * check in a few words (the report has every number). */
    for (int brief = 0; brief < 2; brief++) {
        snprintf(words, sizeof words, "%s %s %s", brief ? check->brief : check->message,
                 progress_change(s->review.progress, SIDE_LEFT)->phrase,
                 progress_change(s->review.progress, SIDE_RIGHT)->phrase);
        if (ui_text_height(ui, UI_FONT_BODY, words, area, UI_TEXT_WRAP) <= area.h / 3)
            break;
    }
    int used =
        scene_draw_notice(ui, s->page == PAGE_TOUCH ? s->touch : words, area.x, area.y, area.w) +
        ui_mm(ui, 2.0f);
    size_t ntouch;
    progress_touch(s->review.progress, &ntouch);
    if (s->page == PAGE_DAYS || s->page == PAGE_ANGLES || (s->page == PAGE_TOUCH && ntouch > 0)) {
        int legend_h = ui_line_height(ui, UI_FONT_SMALL);
        bool touch = s->page == PAGE_TOUCH;
        draw_legend(ui, (SDL_Rect){area.x, area.y + area.h - legend_h, area.w, legend_h},
                    touch ? CHART_SERIES_TOUCH_LEFT : CHART_SERIES_LEFT,
                    touch ? CHART_SERIES_TOUCH_RIGHT : CHART_SERIES_RIGHT, s->page == PAGE_DAYS);
        area.h -= ui_line_height(ui, UI_FONT_SMALL) + ui_mm(ui, 2.0f);
    }
    area.y += used;
    area.h -= used;
    switch (s->page) {
    case PAGE_DAYS:
        page_days(s, area);
        break;
    case PAGE_ANGLES:
        page_angles(s, area);
        break;
    case PAGE_PAIN:
        page_pain(s, area);
        break;
    case PAGE_TOUCH:
        page_touch(s, area);
        break;
    default:
        page_sessions(s, area);
        break;
    }
}

/* Charts take a while to draw in software, so each page is drawn once
 * into a texture and copied from there until the data or the size change
 * (or, where the renderer cannot draw into textures, drawn every time). */
static void draw_progress(void *state)
{
    ProgressScreen *s = state;
    char name[64];
    snprintf(name, sizeof name, "Progress, %s", page_names[s->page]);
    ui_name_screen(s->app->ui, name);
    SDL_Renderer *r = ui_renderer(s->app->ui);
    SDL_Texture **page = &s->drawn[s->page];
    if (!*page) {
        *page = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                  ui_width(s->app->ui), ui_height(s->app->ui));
        if (!*page || SDL_SetRenderTarget(r, *page) != 0) {
            SDL_DestroyTexture(*page);
            *page = NULL;
            draw_page(s);
            return;
        }
        draw_page(s);
        SDL_SetRenderTarget(r, NULL);
    }
    SDL_RenderCopy(r, *page, NULL, NULL);
}

SceneId scene_progress(AppContext *app)
{
    ProgressScreen s = {.app = app, .days = RANGE_LONG};
    load(&s);
    SceneScreen view = scene_screen(app->ui, &s, relayout, draw_progress);
    SceneId next = app->therapist ? SCENE_THERAPIST : SCENE_HOME;
    for (bool leave = false; !leave;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT) {
            next = SCENE_QUIT;
            leave = true;
        } else if (in.kind == UI_INPUT_KEY) {
            if (in.key == SDLK_ESCAPE || in.key == SDLK_RETURN || in.key == SDLK_KP_ENTER)
                leave = true;
            else if (in.key == SDLK_RIGHT || in.key == SDLK_LEFT) {
                s.page = (s.page + (in.key == SDLK_RIGHT ? 1 : PAGES - 1)) % PAGES;
                view.redraw = true;
            }
        } else if (in.kind == UI_INPUT_PRESS) {
            if (ui_hit(s.back, in.x, in.y))
                leave = true;
            if (ui_hit(s.range, in.x, in.y)) {
                s.days = s.days == RANGE_SHORT ? RANGE_LONG : RANGE_SHORT;
                load(&s);
            }
            for (int i = 0; i < PAGES; i++)
                if (ui_hit(s.tab[i], in.x, in.y))
                    s.page = i;
            view.redraw = true;
        }
    }
    forget_pages(&s);
    review_free(&s.review);
    return next;
}

void scene_progress_frames(AppContext *app, int n, int64_t *ns)
{
    ProgressScreen s = {.app = app, .days = RANGE_LONG};
    relayout(&s);
    load(&s);
    for (int i = 0; i < n; i++) {
        s.page = i % PAGES;
        SDL_PumpEvents();
        int64_t t0 = timing_now_ns();
        draw_progress(&s);
        SDL_RenderPresent(ui_renderer(app->ui));
        ns[i] = timing_now_ns() - t0;
    }
    forget_pages(&s);
    review_free(&s.review);
}
