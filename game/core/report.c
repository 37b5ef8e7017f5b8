#include "report.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "utf8.h"

#define DASH "\xE2\x80\x93"        /* en dash, for a value that does not exist */
#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
#define NO_BREAK "\xC2\xA0"        /* a space a line does not break at */
#define SVG_WIDTH 640.0
#define LINE_WIDTH 2.0

/* The output stream and its first failure. */
typedef struct Out {
    FILE *f;
    bool failed;
    int errnum;
} Out;

static void fail(Out *o, int errnum)
{
    if (!o->failed) {
        o->failed = true;
        o->errnum = errnum ? errnum : EIO;
    }
}

__attribute__((format(printf, 2, 3))) static void put(Out *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    errno = 0;
    int rc = vfprintf(o->f, fmt, ap);
    va_end(ap);
    if (rc < 0)
        fail(o, errno);
}

static void put_raw(Out *o, const char *s)
{
    if (o->failed)
        return;
    errno = 0;
    if (fputs(s, o->f) == EOF)
        fail(o, errno);
}

/* The length of the UTF-8 character at s if it is valid and allowed in
 * XML, otherwise 0. */
static size_t xml_char(const unsigned char *s)
{
    if (s[0] < 0x80)
        return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ? 1 : 0;
    /* U+FFFE and U+FFFF are not XML characters. */
    if (s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
        return 0;
    return utf8_char_length((const char *)s);
}

/* Writes s as text content or attribute value; with breaks, a line feed
 * becomes a line break. */
static void put_text(Out *o, const char *s, bool breaks)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && !o->failed) {
        const char *escaped = NULL;
        switch (*p) {
        case '&':
            escaped = "&amp;";
            break;
        case '<':
            escaped = "&lt;";
            break;
        case '>':
            escaped = "&gt;";
            break;
        case '"':
            escaped = "&quot;";
            break;
        case '\'':
            escaped = "&#39;";
            break;
        case '\n':
            escaped = breaks ? "<br/>\n" : NULL;
            break;
        }
        size_t n = escaped ? 1 : xml_char(p);
        if (escaped || n == 0) {
            put_raw(o, escaped ? escaped : REPLACEMENT);
            p++;
            continue;
        }
        errno = 0;
        if (fwrite(p, 1, n, o->f) != n)
            fail(o, errno);
        p += n;
    }
}

/* Writes s escaped, or fallback (trusted) when s is NULL. */
static void put_optional(Out *o, const char *s, const char *fallback)
{
    if (s)
        put_text(o, s, false);
    else
        put_raw(o, fallback);
}

/* ---- Numbers as the report shows them ---- */

static void format_accuracy(char *buf, size_t cap, const Summary *s)
{
    if (s->trials > 0)
        snprintf(buf, cap, "%.1f %%", s->accuracy_pct);
    else
        snprintf(buf, cap, DASH);
}

static void format_median(char *buf, size_t cap, double ms)
{
    if (ms >= 0.0)
        snprintf(buf, cap, "%.2f s", ms / 1000.0);
    else
        snprintf(buf, cap, DASH);
}

/* Copies words (plain text of the report's own, no markup) into out, its
 * spaces made ones a line does not break at except after a comma, so
 * "4 before, not rated after" breaks, if at all, only before "not". */
static void keep_phrases(const char *words, char out[2 * PROGRESS_WORDS_MAX])
{
    size_t n = 0;
    for (const char *p = words; *p && n + 3 < 2 * PROGRESS_WORDS_MAX; p++) {
        if (*p == ' ' && p > words && p[-1] != ',') {
            memcpy(out + n, NO_BREAK, 2);
            n += 2;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

static void put_date(Out *o, int day)
{
    char date[PROGRESS_WORDS_MAX];
    progress_when_words(day, -1, date);
    put_raw(o, date);
}

/* ---- Charts ---- */

static void put_colour(Out *o, uint32_t rgb)
{
    put(o, "#%06lx", (unsigned long)rgb);
}

static void put_marker(Out *o, ChartMarker m, uint32_t rgb, ChartPoint p)
{
    switch (m) {
    case CHART_MARKER_DISC:
        put(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"", p.x, p.y);
        break;
    case CHART_MARKER_OPEN_SQUARE:
        put(o,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#fff\" "
            "stroke-width=\"1.6\" stroke=\"",
            p.x - 3.5, p.y - 3.5);
        break;
    case CHART_MARKER_OPEN_CIRCLE:
        put(o,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.6\" fill=\"#fff\" stroke-width=\"1.6\" "
            "stroke=\"",
            p.x, p.y);
        break;
    case CHART_MARKER_DIAMOND:
        put(o, "<path d=\"M%.1f %.1fl4.5 4.5l-4.5 4.5l-4.5 -4.5z\" fill=\"", p.x, p.y - 4.5);
        break;
    }
    put_colour(o, rgb);
    put_raw(o, "\"/>\n");
}

/* The stroke of a series' line. */
static void put_stroke(Out *o, const ChartStyle *st)
{
    put_raw(o, "fill=\"none\" stroke=\"");
    put_colour(o, st->rgb);
    put(o, "\" stroke-width=\"%.1f\"", LINE_WIDTH);
    if (st->dashed)
        put(o, " stroke-dasharray=\"%.1f %.1f\"", CHART_DASH_ON * LINE_WIDTH,
            CHART_DASH_OFF * LINE_WIDTH);
}

typedef struct Series {
    ChartSeriesKind kind;
    const double *x, *y;
    size_t n;
} Series;

typedef struct Figure {
    const char *title;
    double height; /* of the whole SVG */
    bool slanted;  /* x labels turned, for long category names */
    bool has_band;
    double band_lo, band_hi;
} Figure;

static void put_axes(Out *o, const Figure *fig, const Chart *c)
{
    const ChartBox *p = &c->plot;
    if (fig->has_band) {
        ChartBox b = chart_band(c, fig->band_lo, fig->band_hi);
        put(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"", b.x, b.y, b.w,
            b.h);
        put_colour(o, CHART_RGB_BAND);
        put_raw(o, "\"/>\n");
        /* Labelled in the right margin, where no data point can hide it. */
        if (b.h > 0.0) {
            put(o, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"", b.x + b.w + 4.0,
                b.y + b.h / 2.0 + 3.5);
            put_colour(o, CHART_RGB_AXIS);
            put_raw(o, "\">target</text>\n");
        }
    }
    for (int i = 0; i < c->y.nticks; i++) {
        double y = chart_map_y(c, c->y.tick[i]);
        put(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"", p->x, y,
            p->x + p->w, y);
        put_colour(o, CHART_RGB_GRID);
        put(o, "\"/>\n<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", p->x - 6.0, y + 4.0);
        put_text(o, c->y.label[i], false);
        put_raw(o, "</text>\n");
    }
    for (int i = 0; i < c->x.nticks; i++) {
        double x = chart_map_x(c, c->x.tick[i]);
        double y = p->y + p->h;
        put(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"", x, y, x, y + 4.0);
        put_colour(o, CHART_RGB_AXIS);
        if (fig->slanted)
            put(o,
                "\"/>\n<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
                "transform=\"rotate(-35 %.1f %.1f)\">",
                x, y + 14.0, x, y + 14.0);
        else
            put(o, "\"/>\n<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x, y + 17.0);
        put_text(o, c->x.label[i], false);
        put_raw(o, "</text>\n");
    }
    put(o, "<path d=\"M%.1f %.1fV%.1fH%.1f\" fill=\"none\" stroke=\"", p->x, p->y, p->y + p->h,
        p->x + p->w);
    put_colour(o, CHART_RGB_AXIS);
    put_raw(o, "\"/>\n");
}

/* The legend of the series drawn as lines; bars have their title. */
static void put_legend(Out *o, const Chart *c, const Series *s, size_t ns)
{
    for (size_t k = 0; k < ns; k++) {
        if (s[k].kind == CHART_SERIES_MINUTES)
            continue;
        ChartStyle st = chart_style(s[k].kind);
        double x = c->plot.x + 170.0 * (double)k, y = 12.0;
        put(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" ", x, y, x + 36.0, y);
        put_stroke(o, &st);
        put_raw(o, "/>\n");
        put_marker(o, st.marker, st.rgb, (ChartPoint){x + 18.0, y});
        put(o, "<text x=\"%.1f\" y=\"%.1f\">", x + 44.0, y + 4.0);
        put_raw(o, st.name);
        put_raw(o, "</text>\n");
    }
}

/* Each value above 0 as a bar. */
static void put_bars(Out *o, const Chart *c, const Series *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (!(s->y[i] > 0.0))
            continue;
        ChartBox b = chart_bar(c, s->x[i], s->y[i]);
        put(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"", b.x, b.y, b.w,
            b.h);
        put_colour(o, chart_style(s->kind).rgb);
        put_raw(o, "\"/>\n");
    }
}

static void put_series(Out *o, const Chart *c, const Series *s, ChartPoint *pts, ChartRun *runs)
{
    if (s->kind == CHART_SERIES_MINUTES) {
        put_bars(o, c, s);
        return;
    }
    ChartStyle st = chart_style(s->kind);
    size_t nruns;
    chart_polyline(c, s->x, s->y, s->n, pts, runs, &nruns);
    for (size_t r = 0; r < nruns; r++) {
        if (runs[r].count < 2)
            continue;
        put_raw(o, "<polyline points=\"");
        for (size_t i = runs[r].first; i < runs[r].first + runs[r].count; i++)
            put(o, "%s%.1f,%.1f", i == runs[r].first ? "" : " ", pts[i].x, pts[i].y);
        put_raw(o, "\" ");
        put_stroke(o, &st);
        put_raw(o, "/>\n");
    }
    for (size_t r = 0; r < nruns; r++)
        for (size_t i = runs[r].first; i < runs[r].first + runs[r].count; i++)
            put_marker(o, st.marker, st.rgb, pts[i]);
}

/* One chart as a figure with a caption. c->plot is set here from fig. */
static void put_chart(Out *o, const Figure *fig, Chart *c, const Series *s, size_t ns)
{
    double bottom = fig->slanted ? 90.0 : 34.0;
    c->plot = (ChartBox){56.0, 30.0, SVG_WIDTH - 56.0 - 44.0, fig->height - 30.0 - bottom};
    size_t most = 1;
    for (size_t k = 0; k < ns; k++)
        if (s[k].n > most)
            most = s[k].n;
    ChartPoint *pts = malloc(most * sizeof *pts);
    ChartRun *runs = malloc(most * sizeof *runs);
    if (!pts || !runs) {
        free(pts);
        free(runs);
        fail(o, ENOMEM);
        return;
    }
    put_raw(o, "<figure>\n<figcaption>");
    put_raw(o, fig->title);
    put(o,
        "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
        "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"",
        SVG_WIDTH, fig->height, SVG_WIDTH, fig->height);
    put_raw(o, fig->title);
    put_raw(o, "\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"11\" fill=\"");
    put_colour(o, CHART_RGB_TEXT);
    put_raw(o, "\">\n");
    put_axes(o, fig, c);
    for (size_t k = 0; k < ns; k++)
        put_series(o, c, &s[k], pts, runs);
    put_legend(o, c, s, ns);
    put_raw(o, "</svg>\n</figure>\n");
    free(pts);
    free(runs);
}

/* The response time band of the body parts the rule checks (0 to 0 when
 * none was practised). */
static void time_band(const Progress *pr, double band[2])
{
    LimbSet parts = progress_check(pr)->parts;
    band[0] = band[1] = 0.0;
    if (parts)
        norms_band(progress_norms(pr), parts, &band[0], &band[1]);
}

/* The top of the response time axis: the slowest value shown or the top of
 * the target band, whichever is higher. */
static double top_seconds(const double band[2], const Series *s, size_t ns)
{
    double top = band[1];
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < s[k].n; i++)
            if (!isnan(s[k].y[i]) && s[k].y[i] > top)
                top = s[k].y[i];
    return top;
}

static double median_s(const Summary *s)
{
    return s->median_rt_ms >= 0.0 ? s->median_rt_ms / 1000.0 : CHART_MISSING;
}

/* Whether any of the n days had a drill trial: the day table lists
 * exactly these days. */
static bool any_practised(const ProgressDay *days, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (days[i].practised)
            return true;
    return false;
}

/* The per-day charts; x and y are scratch arrays of room 2 * ndays. */
static void put_day_charts(Out *o, const Progress *pr, double *x, double *y)
{
    const Norms *nm = progress_norms(pr);
    double band[2];
    time_band(pr, band);
    size_t n;
    const ProgressDay *days = progress_days(pr, &n);
    for (size_t i = 0; i < n; i++) {
        x[i] = days[i].day;
        for (int k = 0; k < 2; k++)
            y[k * n + i] =
                days[i].side[k].trials > 0 ? days[i].side[k].accuracy_pct : CHART_MISSING;
    }
    Series s[2] = {{CHART_SERIES_LEFT, x, y, n}, {CHART_SERIES_RIGHT, x, y + n, n}};
    Chart c;
    chart_axis_days(&c.x, progress_from_day(pr), progress_to_day(pr), 8);
    chart_axis_percent(&c.y);
    Figure acc = {"Accuracy per day (right answers of the pictures judged)",
                  240.0,
                  false,
                  true,
                  nm->accuracy_min_pct,
                  100.0};
    put_chart(o, &acc, &c, s, 2);

    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 2; k++)
            y[k * n + i] = median_s(&days[i].side[k]);
    chart_axis_seconds(&c.y, top_seconds(band, s, 2));
    Figure rt = {"Median response time per day (right answers)",
                 240.0,
                 false,
                 band[1] > 0.0,
                 band[0],
                 band[1]};
    put_chart(o, &rt, &c, s, 2);
}

static void put_week_charts(Out *o, const Progress *pr, double *x, double *y)
{
    double band[2];
    time_band(pr, band);
    const ProgressAngle *angles = progress_angles(pr);
    size_t nv;
    const ProgressView *views = progress_views(pr, &nv);
    /* Every picture has a view, so a week without views had no pictures. */
    if (nv == 0) {
        put_raw(o, "<p>No left/right judgement practice in the last week of this period.</p>\n");
        return;
    }
    for (int a = 0; a < PROGRESS_ANGLES; a++) {
        x[a] = angles[a].rotation_deg;
        for (int k = 0; k < 2; k++)
            y[k * PROGRESS_ANGLES + a] = median_s(&angles[a].side[k]);
    }
    Series s[2] = {{CHART_SERIES_LEFT, x, y, PROGRESS_ANGLES},
                   {CHART_SERIES_RIGHT, x, y + PROGRESS_ANGLES, PROGRESS_ANGLES}};
    Chart c;
    chart_axis_linear(&c.x, -22.5, 337.5, 45.0, "\xC2\xB0");
    chart_axis_seconds(&c.y, top_seconds(band, s, 2));
    Figure rot = {"Median response time by rotation (clockwise), last week",
                  240.0,
                  false,
                  band[1] > 0.0,
                  band[0],
                  band[1]};
    put_chart(o, &rot, &c, s, 2);

    if (nv > CHART_MAX_TICKS)
        nv = CHART_MAX_TICKS;
    chart_axis_categories(&c.x, (int)nv);
    for (size_t v = 0; v < nv; v++) {
        x[v] = (double)v;
        for (int k = 0; k < 2; k++)
            y[k * nv + v] = median_s(&views[v].side[k]);
        snprintf(c.x.label[v], CHART_LABEL_MAX, "%s %s", limb_name(views[v].limb), views[v].view);
    }
    s[0].n = s[1].n = nv;
    s[1].y = y + nv;
    chart_axis_seconds(&c.y, top_seconds(band, s, 2));
    Figure view = {
        "Median response time by view, last week", 300.0, true, band[1] > 0.0, band[0], band[1]};
    put_chart(o, &view, &c, s, 2);
}

static void put_pain_chart(Out *o, const Progress *pr, double *x, double *y)
{
    size_t n;
    const ProgressPain *pain = progress_pain(pr, &n);
    if (n == 0) {
        put_raw(o, "<p>No pain ratings in this period.</p>\n");
        return;
    }
    /* Each series holds only the ratings given, so its line joins one
     * rating to the next even across sessions that had none. */
    size_t nb = 0, na = 0;
    for (size_t i = 0; i < n; i++) {
        if (pain[i].before != PROGRESS_NO_PAIN) {
            x[nb] = pain[i].x;
            y[nb++] = pain[i].before;
        }
        if (pain[i].after != PROGRESS_NO_PAIN) {
            x[n + na] = pain[i].x;
            y[n + na++] = pain[i].after;
        }
    }
    Series s[2] = {{CHART_SERIES_PAIN_BEFORE, x, y, nb},
                   {CHART_SERIES_PAIN_AFTER, x + n, y + n, na}};
    Chart c;
    chart_axis_days(&c.x, progress_from_day(pr), progress_to_day(pr), 8);
    chart_axis_linear(&c.y, 0.0, 10.0, 2.0, "");
    Figure fig = {
        "Pain before and after each session (0 none, 10 worst)", 240.0, false, false, 0.0, 0.0};
    put_chart(o, &fig, &c, s, 2);
}

/* ---- Sections ---- */

static const char style_sheet[] =
    "@page { size: A4; margin: 16mm 14mm; }\n"
    "body { font-family: \"DejaVu Sans\", Verdana, sans-serif; font-size: 10.5pt; color: #222; "
    "max-width: 182mm; margin: 0 auto; padding: 0 4mm; line-height: 1.4; }\n"
    "h1 { font-size: 17pt; margin: 0.6em 0 0.3em; }\n"
    "h2 { font-size: 13pt; margin: 1.2em 0 0.4em; border-bottom: 1px solid #999; "
    "break-after: avoid; page-break-after: avoid; }\n"
    "table { border-collapse: collapse; margin: 0.3em 0 0.8em; }\n"
    "th, td { text-align: left; padding: 2px 8px 2px 0; vertical-align: top; }\n"
    "td.n, td.d { white-space: nowrap; }\n"
    "thead th { border-bottom: 1px solid #777; }\n"
    "tbody tr { border-bottom: 1px solid #ddd; break-inside: avoid; page-break-inside: avoid; }\n"
    "thead { display: table-header-group; }\n"
    "td.n { text-align: right; }\n"
    "table.sessions { font-size: 9pt; }\n"
    "figure { margin: 0.6em 0 1em; break-inside: avoid; page-break-inside: avoid; }\n"
    "figcaption { font-weight: bold; margin-bottom: 0.2em; }\n"
    "svg { width: 100%; max-width: 170mm; height: auto; }\n"
    "p.result { font-size: 12pt; font-weight: bold; }\n"
    "p.small { font-size: 9pt; color: #555; }\n"
    "@media print { body { max-width: none; padding: 0; } a { color: inherit; } }\n";

static void put_head(Out *o, const ReportInput *in)
{
    put_raw(o, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" "
               "xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
               "<title>Practice report: ");
    put_text(o, in->profile_name, false);
    put_raw(o, "</title>\n<style>\n");
    put_raw(o, style_sheet);
    put_raw(o, "</style>\n</head>\n<body>\n");
}

static void put_fact(Out *o, const char *label, const char *value, const char *fallback)
{
    put(o, "<tr><th>%s</th><td>", label);
    put_optional(o, value, fallback);
    put_raw(o, "</td></tr>\n");
}

static void put_profile(Out *o, const ReportInput *in)
{
    const Progress *pr = in->progress;
    put_raw(o, "<h1>Graded motor imagery: practice report</h1>\n<table>\n<tbody>\n");
    put_fact(o, "Name", in->profile_name, "");
    put_fact(o, "Affected", in->affected, "not recorded");
    put_fact(o, "Current stage", in->stage, "not recorded");
    put_raw(o, "<tr><th>Period</th><td>");
    put_date(o, progress_from_day(pr));
    put_raw(o, " to ");
    put_date(o, progress_to_day(pr));
    put_raw(o, "</td></tr>\n");
    char made[PROGRESS_WORDS_MAX];
    progress_stamp_words(in->generated_at, made);
    put_fact(o, "Report made", made, "");
    put_raw(o, "</tbody>\n</table>\n");
}

static void put_side_row(Out *o, const char *label, const Summary *s)
{
    char acc[32], rt[32];
    format_accuracy(acc, sizeof acc, s);
    format_median(rt, sizeof rt, s->median_rt_ms);
    put(o,
        "<tr><th>%s</th><td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
        "</tr>\n",
        label, s->trials, acc, rt);
}

/* The last week's pictures of each body part practised, left and right. */
static void put_part_week(Out *o, const Progress *pr)
{
    bool any = false;
    for (int l = 0; l < LIMB_COUNT; l++) {
        const Summary *s = progress_part_week(pr, (Limb)l);
        if (s[0].trials + s[1].trials + s[0].too_fast + s[1].too_fast == 0)
            continue;
        if (!any)
            put_raw(o, "<table>\n<thead><tr><th>Last week by body part</th><th>Pictures</th>"
                       "<th>Accuracy</th><th>Median time</th></tr></thead>\n<tbody>\n");
        any = true;
        char part[24], label[48];
        limb_set_words(limb_bit((Limb)l), part, sizeof part);
        for (int k = 0; k < 2; k++) {
            snprintf(label, sizeof label, "%s, %s", part, k ? "right" : "left");
            put_side_row(o, label, &s[k]);
        }
    }
    if (any)
        put_raw(o, "</tbody>\n</table>\n");
}

static void put_check(Out *o, const Progress *pr)
{
    const ProgressCheck *c = progress_check(pr);
    const Norms *nm = progress_norms(pr);
    put_raw(o, "<h2>Moving on to imagined movements</h2>\n<p class=\"result\">");
    put_text(o, c->message, false);
    put_raw(o, "</p>\n");
    if (c->has_latest) {
        put_raw(o, "<table>\n<thead><tr><th>Latest left/right practice, ");
        put_date(o, c->latest_day);
        put_raw(o, "</th><th>Pictures</th><th>Accuracy</th><th>Median time</th></tr></thead>\n"
                   "<tbody>\n");
        /* Each body part checked, named when there is more than one. */
        bool named = limb_set_count(c->parts) > 1;
        for (int l = 0; l < LIMB_COUNT; l++) {
            if (!(c->parts & limb_bit((Limb)l)))
                continue;
            char part[24], label[2][48];
            limb_set_words(limb_bit((Limb)l), part, sizeof part);
            for (int k = 0; k < 2; k++) {
                if (named)
                    snprintf(label[k], sizeof label[k], "%s, %s", part, k ? "right" : "left");
                else
                    snprintf(label[k], sizeof label[k], "%s pictures", k ? "Right" : "Left");
                put_side_row(o, label[k], &c->latest[l][k]);
            }
        }
        put_raw(o, "</tbody>\n</table>\n");
    }
    put_part_week(o, pr);
    put_raw(o, "<p>The last week against the week before:</p>\n<ul>\n");
    for (int k = 0; k < 2; k++) {
        put_raw(o, "<li>");
        put_text(o, progress_change(pr, (Side)k)->phrase, false);
        put_raw(o, "</li>\n");
    }
    put(o, "</ul>\n<p class=\"small\">Targets: accuracy %g %% or more (", nm->accuracy_min_pct);
    put_text(o, nm->accuracy_source, false);
    put_raw(o, "); median response time");
    const char *sep = " ";
    for (int l = 0; l < LIMB_COUNT; l++) {
        if (!(c->parts & limb_bit((Limb)l)))
            continue;
        char part[24];
        limb_set_words(limb_bit((Limb)l), part, sizeof part);
        part[0] = (char)tolower((unsigned char)part[0]);
        const PartNorms *pn = &nm->part[l];
        put(o, "%s%s%s%.1f \xC2\xB1 %.1f s (", sep, limb_set_count(c->parts) > 1 ? part : "",
            limb_set_count(c->parts) > 1 ? " " : "", pn->rt_target_s, pn->rt_band_s);
        put_text(o, pn->rt_source, false);
        put_raw(o, ")");
        sep = ", ";
    }
    put(o, "; left and right within %g s and %g points (", nm->rt_real_change_s,
        nm->accuracy_real_change_pct);
    put_text(o, nm->real_change_source, false);
    put(o, "), at least %d pictures of each side a day; held for %d days in a row (",
        PROGRESS_MIN_PICTURES, nm->hold_days);
    put_text(o, nm->hold_source, false);
    put(o,
        "). A change counts as better or worse only when it is more than the smallest real "
        "change (%g s, %g points).</p>\n",
        nm->rt_real_change_s, nm->accuracy_real_change_pct);
}

static void put_prescription(Out *o, const ReportInput *in)
{
    put_raw(o, "<h2>Prescription</h2>\n");
    if (in->nprescription == 0) {
        put_raw(o, "<p>No prescription recorded.</p>\n");
    } else {
        put_raw(o, "<table>\n<tbody>\n");
        for (size_t i = 0; i < in->nprescription; i++) {
            put_raw(o, "<tr><th>");
            put_optional(o, in->prescription[i].label, "");
            put_raw(o, "</th><td>");
            put_optional(o, in->prescription[i].value, "");
            put_raw(o, "</td></tr>\n");
        }
        put_raw(o, "</tbody>\n</table>\n");
    }
    put_raw(o, "<h2>Notes</h2>\n<p>");
    if (in->notes && *in->notes)
        put_text(o, in->notes, true);
    else
        put_raw(o, "No notes.");
    put_raw(o, "</p>\n");
}

static void put_days_table(Out *o, const Progress *pr)
{
    size_t n;
    const ProgressDay *days = progress_days(pr, &n);
    put_raw(o, "<h2>Day by day</h2>\n<table>\n<thead>\n<tr><th rowspan=\"2\">Date</th>"
               "<th colspan=\"3\">Left pictures</th><th colspan=\"3\">Right pictures</th>"
               "<th rowspan=\"2\">Targets met</th></tr>\n<tr><th>Pictures</th><th>Accuracy</th>"
               "<th>Median time</th><th>Pictures</th><th>Accuracy</th><th>Median time</th></tr>\n"
               "</thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        if (!days[i].practised)
            continue;
        put_raw(o, "<tr><td class=\"d\">");
        put_date(o, days[i].day);
        put_raw(o, "</td>");
        for (int k = 0; k < 2; k++) {
            char acc[32], rt[32];
            format_accuracy(acc, sizeof acc, &days[i].side[k]);
            format_median(rt, sizeof rt, days[i].side[k].median_rt_ms);
            put(o, "<td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
                days[i].side[k].trials, acc, rt);
        }
        put(o, "<td>%s</td></tr>\n", days[i].meets ? "yes" : "no");
    }
    put_raw(o, "</tbody>\n</table>\n");
}

static const char *mode_title(PracticeMode mode)
{
    switch (mode) {
    case MODE_DRILL:
        return "Left/right";
    case MODE_IMAGERY:
        return "Imagined movements";
    case MODE_TOUCH:
        return "Touch";
    case MODE_MIRROR:
        break;
    }
    return "Mirror";
}

/* How a session ended, in words. */
static const char *ended_words(const ProgressSession *s)
{
    return s->open               ? "not ended (running, or cut off)"
           : s->stopped_for_pain ? "stopped because it hurt"
           : s->stopped_early    ? "stopped early"
                                 : "finished";
}

static void put_sessions_table(Out *o, const ReportInput *in)
{
    size_t n;
    const ProgressRow *rows = progress_sessions(in->progress, &n);
    put_raw(o, "<h2>Sessions</h2>\n<table "
               "class=\"sessions\">\n<thead><tr><th>Date</th><th>Time</th><th>Practice</th>"
               "<th>Amount</th><th>Too fast</th><th>Late frames</th><th>Accuracy</th>"
               "<th>Median time</th><th>Pain</th><th>Ended</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const ProgressSession *s = &in->sessions[rows[i].session];
        char acc[32] = DASH, rt[32] = DASH, fast[16] = DASH, late[16] = DASH;
        char amount[PROGRESS_WORDS_MAX], words[PROGRESS_WORDS_MAX], pain[2 * PROGRESS_WORDS_MAX];
        if (s->mode == MODE_DRILL && s->pictures > 0) {
            Summary sum = {.trials = s->pictures - s->too_fast, .accuracy_pct = s->accuracy_pct};
            format_accuracy(acc, sizeof acc, &sum);
            format_median(rt, sizeof rt, s->median_rt_ms);
            snprintf(fast, sizeof fast, "%d", s->too_fast);
            snprintf(late, sizeof late, "%d", s->late_onsets);
        }
        progress_amount_words(s, amount);
        progress_pain_words(s->pain_before, s->pain_after, words);
        keep_phrases(words, pain);
        put_raw(o, "<tr><td class=\"d\">");
        put_date(o, rows[i].day);
        put(o,
            "</td><td class=\"d\">%02d:%02d</td><td>%s</td><td class=\"n\">%s</td><td "
            "class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
            "<td class=\"n\">%s</td><td>%s</td><td>%s</td></tr>\n",
            rows[i].minute / 60, rows[i].minute % 60, mode_title(s->mode), amount, fast, late, acc,
            rt, pain, ended_words(s));
    }
    put_raw(o, "</tbody>\n</table>\n");
    const Norms *nm = progress_norms(in->progress);
    put(o,
        "<p class=\"small\">Too fast: answers sooner than %g ms after the picture appeared, too "
        "soon to be a judgement (",
        nm->too_fast_ms);
    put_text(o, nm->too_fast_source, false);
    put_raw(o, "); they count neither as right nor as wrong. Late frames: pictures that reached "
               "the screen a frame or more late, so their times may be long by a frame.</p>\n");
}

/* ---- Touch practice ---- */

/* The touch sessions' steps, or their discomforts rated, as two series,
 * left then right: x and y have room for 2 * n, n the touch sessions. */
static void touch_series(const Progress *pr, size_t n, bool discomfort, double *x, double *y,
                         Series s[2])
{
    s[0] = (Series){CHART_SERIES_TOUCH_LEFT, x, y,
                    progress_touch_points(pr, SIDE_LEFT, discomfort, x, y)};
    s[1] = (Series){CHART_SERIES_TOUCH_RIGHT, x + n, y + n,
                    progress_touch_points(pr, SIDE_RIGHT, discomfort, x + n, y + n)};
}

static void put_touch_charts(Out *o, const ReportInput *in, double *x, double *y)
{
    const Progress *pr = in->progress;
    size_t ndays, n;
    const ProgressDay *days = progress_days(pr, &ndays);
    progress_touch(pr, &n);
    double top = 0.0;
    for (size_t i = 0; i < ndays; i++) {
        x[i] = days[i].day;
        y[i] = days[i].touch_ms / 60000.0;
        top = fmax(top, y[i]);
    }
    Series bars = {CHART_SERIES_MINUTES, x, y, ndays};
    Chart c;
    chart_axis_days(&c.x, progress_from_day(pr), progress_to_day(pr), 8);
    chart_axis_minutes(&c.y, top);
    Figure minutes = {"Minutes of touch practice per day", 200.0, false, false, 0.0, 0.0};
    put_chart(o, &minutes, &c, &bars, 1);

    Series s[2];
    touch_series(pr, n, false, x, y, s);
    int top_step = progress_touch_top(pr);
    chart_axis_steps(&c.y, in->touch_steps > top_step ? in->touch_steps : top_step);
    Figure ladder = {"Step of the ladder, each session", 240.0, false, false, 0.0, 0.0};
    put_chart(o, &ladder, &c, s, 2);

    touch_series(pr, n, true, x, y, s);
    chart_axis_linear(&c.y, 0.0, 10.0, 2.0, "");
    Figure discomfort = {"Discomfort after the steps, each session (0 none, 10 worst)",
                         240.0,
                         false,
                         false,
                         0.0,
                         0.0};
    put_chart(o, &discomfort, &c, s, 2);
}

static void put_touch_table(Out *o, const ReportInput *in)
{
    size_t n;
    const ProgressRow *rows = progress_sessions(in->progress, &n);
    put_raw(o, "<table class=\"sessions\">\n<thead><tr><th>Date</th><th>Time</th><th>Side</th>"
               "<th>Step</th><th>Time touched</th><th>Discomfort</th><th>Ended</th></tr>"
               "</thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const ProgressSession *s = &in->sessions[rows[i].session];
        if (s->mode != MODE_TOUCH)
            continue;
        char amount[PROGRESS_WORDS_MAX], discomfort[16] = "not rated";
        progress_amount_words(s, amount);
        if (s->discomfort != PROGRESS_NO_PAIN)
            snprintf(discomfort, sizeof discomfort, "%d", s->discomfort);
        put_raw(o, "<tr><td class=\"d\">");
        put_date(o, rows[i].day);
        put(o,
            "</td><td class=\"d\">%02d:%02d</td><td>%s</td><td class=\"n\">%d</td>"
            "<td class=\"n\">%s</td><td class=\"n\">%s</td><td>%s</td></tr>\n",
            rows[i].minute / 60, rows[i].minute % 60, s->side == SIDE_RIGHT ? "right" : "left",
            s->touch_step, amount, discomfort, ended_words(s));
    }
    put_raw(o, "</tbody>\n</table>\n<p class=\"small\">Discomfort: the highest rated after a step "
               "of the session (the warm-up or the step prescribed).</p>\n");
}

/* Touch practice: where its rule stands, the charts and its sessions,
 * when it is prescribed or was practised in the period. */
static void put_touch(Out *o, const ReportInput *in, double *x, double *y)
{
    size_t n;
    progress_touch(in->progress, &n);
    if (!in->touch_check && n == 0)
        return;
    put_raw(o, "<h2>Touch practice</h2>\n");
    if (in->touch_check) {
        put_raw(o, "<p class=\"result\">");
        put_text(o, in->touch_check, false);
        const Norms *nm = progress_norms(in->progress);
        const TouchRule *r = &nm->touch;
        put(o,
            "</p>\n<p class=\"small\">The rule: one step up after %d session%s in a row with "
            "discomfort %d or less (of 10), one step down after a flare (stopped because it hurt, "
            "or discomfort %d or more). Source: ",
            r->up_sessions, r->up_sessions == 1 ? "" : "s", r->up_discomfort, r->flare_discomfort);
        put_text(o, nm->touch_source, false);
        put_raw(o, ".</p>\n");
    }
    if (n == 0) {
        put_raw(o, "<p>No touch practice in this period.</p>\n");
        return;
    }
    put_touch_charts(o, in, x, y);
    put_touch_table(o, in);
}

int report_write(FILE *out, const ReportInput *in, char *err, size_t errlen)
{
    Out o = {.f = out};
    const Progress *pr = in->progress;
    size_t ndays, nrows;
    const ProgressDay *days = progress_days(pr, &ndays);
    progress_sessions(pr, &nrows);
    bool drills = any_practised(days, ndays);
    /* Scratch for the charts' coordinates: two series of x and y (the pain
     * and touch charts have at most a point per session). */
    size_t room = ndays > nrows ? ndays : nrows;
    if (room < CHART_MAX_TICKS)
        room = CHART_MAX_TICKS;
    double *x = malloc(2 * room * sizeof *x);
    double *y = malloc(2 * room * sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        snprintf(err, errlen, "out of memory writing the report");
        return -1;
    }
    put_head(&o, in);
    put_profile(&o, in);
    put_check(&o, pr);
    put_prescription(&o, in);
    put_raw(&o, "<h2>Charts</h2>\n");
    if (!drills && nrows == 0) {
        put_raw(&o, "<p>No practice recorded in this period.</p>\n");
    } else {
        if (drills) {
            put_day_charts(&o, pr, x, y);
            put_week_charts(&o, pr, x, y);
        } else {
            put_raw(&o, "<p>No left/right judgement practice in this period.</p>\n");
        }
        put_pain_chart(&o, pr, x, y);
        if (drills)
            put_days_table(&o, pr);
        put_sessions_table(&o, in);
    }
    put_touch(&o, in, x, y);
    put_raw(&o, "<p class=\"small\">Made by GMI Trainer. Left pictures are drawn as solid lines "
                "with filled circles, right pictures as dashed lines with open squares; the "
                "shaded band is the target.</p>\n</body>\n</html>\n");
    free(x);
    free(y);
    if (!o.failed && fflush(out) != 0)
        fail(&o, errno);
    if (!o.failed && ferror(out))
        fail(&o, EIO);
    if (o.failed) {
        snprintf(err, errlen, "cannot write the report: %s", strerror(o.errnum));
        return -1;
    }
    return 0;
}
