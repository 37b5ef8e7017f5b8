/* The report and the progress data never contradict themselves or the
 * practice they come from, over 1,000 generated histories of every shape:
 * empty, one day, only the first or the last day, only the start or the
 * end of the period, gaps, every day, no drills, drills only before the
 * period, a block in the middle. For each, what the test generated is
 * counted here, independently of the progress module, and compared with
 * the progress data the progress screen draws (days, angles, views,
 * sessions, pain, touch practice, the check) and with the report: whether
 * each chart is there, each "no practice" sentence, each day row with its
 * numbers, the markers drawn per day, each session row, the bars of touch
 * practice per day and its markers per session, and the latest practice the
 * check names. Prints how many histories disagreed, by shape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "norms.h"
#include "norms_fixture.h"
#include "progress.h"
#include "report.h"
#include "rng.h"
#include "stats.h"

#define TODAY 20778 /* 2026-11-21 */
#define HISTORIES 1000
#define LONG_RANGE 56 /* the default 8 weeks */
#define SHORT_RANGE 14
#define BEFORE 21 /* days generated before the period */
#define SPAN (BEFORE + LONG_RANGE)
#define MAX_SESSIONS 400
#define MAX_PICTURES 40
#define MAX_TRIALS (MAX_SESSIONS * MAX_PICTURES)
#define DAY_PICTURES (3 * MAX_PICTURES) /* at most three drills a day */
#define DASH "\xE2\x80\x93"

typedef enum Shape {
    SHAPE_EMPTY,
    SHAPE_ONE_DAY,
    SHAPE_FIRST_DAY,
    SHAPE_LAST_DAY,
    SHAPE_ONLY_START,
    SHAPE_ONLY_END,
    SHAPE_GAPS,
    SHAPE_EVERY_DAY,
    SHAPE_NO_DRILLS,
    SHAPE_BEFORE_ONLY,
    SHAPE_MIDDLE,
    SHAPES
} Shape;

static const char *const shape_names[SHAPES] = {
    "empty",     "one day",   "first day only", "last day only", "only the start", "only the end",
    "with gaps", "every day", "no drills",      "before only",   "middle block"};

/* What was generated for one side of one day (or one rotation of the
 * period's last week). */
typedef struct Truth {
    int trials;
    int correct;
    double rts[DAY_PICTURES]; /* response times of the right answers */
    int nrts;
} Truth;

typedef struct History {
    int from, to;
    ProgressTrial trials[MAX_TRIALS];
    size_t ntrials;
    ProgressSession sessions[MAX_SESSIONS];
    char stamps[MAX_SESSIONS][48];
    int session_day[MAX_SESSIONS], session_minute[MAX_SESSIONS];
    size_t nsessions;
    int slots[SPAN]; /* sessions so far on each day from from - BEFORE, for distinct times */
    Truth day[SPAN][2];
    Truth angle[PROGRESS_ANGLES][2];
    int week_trials;
    int64_t touch_ms[SPAN]; /* touch practice on each day from from - BEFORE */
} History;

static History h;
static Norms norms;

static Truth *day_truth(int day, Side side)
{
    return &h.day[day - (h.to - SPAN + 1)][side];
}

static bool in_range(int day)
{
    return day >= h.from && day <= h.to;
}

static bool in_week(int day)
{
    int first = h.to - PROGRESS_WEEK_DAYS + 1;
    return day >= (first > h.from ? first : h.from) && day <= h.to;
}

static ProgressSession *add_session(Rng *rng, int day, PracticeMode mode)
{
    int *slot = &h.slots[day - (h.to - SPAN + 1)];
    if (h.nsessions == MAX_SESSIONS || *slot == 8) {
        CHECK(!"too many sessions");
        return NULL;
    }
    size_t i = h.nsessions++;
    int minute = 7 * 60 + 100 * (*slot)++ + (int)rng_below(rng, 90);
    char date[PROGRESS_DATE_MAX];
    progress_day_format(day, date);
    snprintf(h.stamps[i], sizeof h.stamps[i], "%sT%02d:%02d:00+01:00", date, minute / 60,
             minute % 60);
    h.session_day[i] = day;
    h.session_minute[i] = minute;
    bool rated = rng_below(rng, 3) == 0;
    h.sessions[i] = (ProgressSession){
        .started_at = h.stamps[i],
        .mode = mode,
        .pain_before = rated ? (int)rng_below(rng, 11) : PROGRESS_NO_PAIN,
        .pain_after = rated && rng_below(rng, 2) ? (int)rng_below(rng, 11) : PROGRESS_NO_PAIN,
        .median_rt_ms = -1.0,
    };
    return &h.sessions[i];
}

/* A drill of 0 to MAX_PICTURES pictures with a chance of a right answer
 * from 0 % to 100 %, sometimes of one side only. */
static void add_drill(Rng *rng, int day)
{
    static const char *const views[2][4] = {{"back", "palm", "thumb", "little"},
                                            {"top", "sole", "inner", "outer"}};
    static const unsigned chances[] = {0, 50, 80, 100, 95, 65};
    ProgressSession *s = add_session(rng, day, MODE_DRILL);
    if (!s)
        return;
    int pictures = rng_below(rng, 12) == 0 ? 0 : 1 + (int)rng_below(rng, MAX_PICTURES);
    unsigned chance = chances[rng_below(rng, sizeof chances / sizeof chances[0])];
    int sides = (int)rng_below(rng, 4); /* 0 left only, 1 right only, else both */
    TrialOutcome outcomes[MAX_PICTURES];
    for (int i = 0; i < pictures; i++) {
        ProgressTrial *t = &h.trials[h.ntrials++];
        t->day = day;
        t->limb = (Limb)rng_below(rng, 2);
        t->side = sides < 2 ? (Side)sides : (Side)rng_below(rng, 2);
        t->rotation_deg = 45 * (int)rng_below(rng, PROGRESS_ANGLES);
        snprintf(t->view, sizeof t->view, "%s", views[t->limb][rng_below(rng, 4)]);
        t->answered = rng_below(rng, 10) != 0;
        t->correct = t->answered && rng_below(rng, 100) < chance;
        t->rt_ms = 600.0 + (double)rng_below(rng, 3000);
        outcomes[i] =
            (TrialOutcome){t->side, t->limb, t->correct, t->answered ? t->rt_ms : -1.0, false};

        Truth *truths[2] = {day_truth(day, t->side),
                            in_week(day) ? &h.angle[t->rotation_deg / 45][t->side] : NULL};
        h.week_trials += in_week(day);
        for (int k = 0; k < 2; k++) {
            Truth *tr = truths[k];
            if (!tr)
                continue;
            tr->trials++;
            if (t->correct) {
                tr->correct++;
                tr->rts[tr->nrts++] = t->rt_ms;
            }
        }
    }
    Summary sum = {0};
    if (pictures > 0)
        CHECK(stats_summarise(outcomes, (size_t)pictures, STATS_ALL, &sum) == 0);
    s->pictures = pictures;
    s->accuracy_pct = sum.accuracy_pct;
    s->median_rt_ms = pictures > 0 ? sum.median_rt_ms : -1.0;
}

/* A touch session of either side, at a step from 1 to 12, its discomfort
 * rated or not, of 1 to 10 whole minutes. */
static void add_touch(Rng *rng, int day)
{
    ProgressSession *s = add_session(rng, day, MODE_TOUCH);
    if (!s)
        return;
    s->side = (Side)rng_below(rng, 2);
    s->touch_step = 1 + (int)rng_below(rng, 12);
    s->discomfort = rng_below(rng, 3) ? (int)rng_below(rng, 11) : PROGRESS_NO_PAIN;
    s->practised_ms = 60000 * (1 + (int64_t)rng_below(rng, 10));
    h.touch_ms[day - (h.to - SPAN + 1)] += s->practised_ms;
}

/* A day of practice: one to three drills, and now and then imagined
 * movements, mirror therapy or touch practice. */
static void add_day(Rng *rng, int day, bool drills)
{
    int n = drills ? 1 + (int)rng_below(rng, 3) : 0;
    for (int k = 0; k < n; k++)
        add_drill(rng, day);
    if (!drills || rng_below(rng, 4) == 0) {
        ProgressSession *s = add_session(rng, day, rng_below(rng, 2) ? MODE_IMAGERY : MODE_MIRROR);
        if (s) {
            s->pictures = s->mode == MODE_IMAGERY ? 10 : 0;
            s->practised_ms =
                s->mode == MODE_MIRROR ? 60000 * (1 + (int64_t)rng_below(rng, 20)) : 0;
        }
    }
    if (rng_below(rng, 3) == 0)
        add_touch(rng, day);
}

static void generate(Shape shape, uint64_t seed)
{
    Rng rng;
    rng_seed(&rng, seed);
    memset(&h, 0, sizeof h);
    h.to = TODAY - (int)rng_below(&rng, 400);
    h.from = h.to - (rng_below(&rng, 4) ? LONG_RANGE : SHORT_RANGE) + 1;
    int ndays = h.to - h.from + 1;
    int first = h.from, last = h.to; /* the days practised lie here */
    unsigned percent = 100;          /* the chance of each of them */
    bool drills = true;
    switch (shape) {
    case SHAPE_EMPTY:
        return;
    case SHAPE_ONE_DAY:
        first = last = h.from + (int)rng_below(&rng, (uint32_t)ndays);
        break;
    case SHAPE_FIRST_DAY:
        last = first;
        break;
    case SHAPE_LAST_DAY:
        first = last;
        break;
    case SHAPE_ONLY_START:
        last = h.from + (int)rng_below(&rng, (uint32_t)ndays / 2);
        break;
    case SHAPE_ONLY_END:
        first = h.to - (int)rng_below(&rng, (uint32_t)ndays / 2);
        break;
    case SHAPE_GAPS:
        percent = 10 + rng_below(&rng, 80);
        break;
    case SHAPE_EVERY_DAY:
        break;
    case SHAPE_NO_DRILLS:
        percent = 10 + rng_below(&rng, 80);
        drills = false;
        break;
    case SHAPE_BEFORE_ONLY:
        first = h.from - BEFORE;
        last = h.from - 1;
        percent = 50;
        break;
    case SHAPE_MIDDLE:
        first = h.from + 1 + (int)rng_below(&rng, (uint32_t)ndays / 2);
        last = first + (int)rng_below(&rng, (uint32_t)(h.to - first));
        break;
    case SHAPES:
        break;
    }
    for (int day = first; day <= last; day++)
        if (rng_below(&rng, 100) < percent)
            add_day(&rng, day, drills);
    /* Now and then older practice, outside the period. */
    if (shape != SHAPE_BEFORE_ONLY && rng_below(&rng, 4) == 0)
        add_day(&rng, h.from - 1 - (int)rng_below(&rng, BEFORE), true);
}

/* ---- What the generated history says ---- */

static double truth_median(const Truth *t)
{
    double v[DAY_PICTURES];
    memcpy(v, t->rts, (size_t)t->nrts * sizeof *v);
    return stats_median(v, (size_t)t->nrts);
}

static bool summary_matches(const Summary *s, const Truth *t)
{
    return s->trials == t->trials && s->correct == t->correct &&
           (t->trials == 0 || s->accuracy_pct == 100.0 * t->correct / t->trials) &&
           s->median_rt_ms == truth_median(t);
}

typedef struct Facts {
    int drill_days;     /* days of the period with a drill trial */
    int left_days;      /* ... with a left picture */
    int right_days;     /* ... with a right picture */
    int left_rt_days;   /* ... with a right answer to a left picture */
    int right_rt_days;  /* ... with a right answer to a right picture */
    int last_drill_day; /* the latest of them */
    size_t sessions;    /* sessions that started in the period */
    size_t rated;       /* ... with a pain rating */
    int week_left_rt;   /* rotations with a right answer to a left picture in the last week */
    int week_right_rt;  /* ... to a right picture */
    int touch_days;     /* days of the period with touch practice */
    int touch[2];       /* touch sessions in the period, by side */
    int touch_rated[2]; /* ... with a discomfort rated */
} Facts;

static Facts facts(void)
{
    Facts f = {0};
    for (int day = h.from; day <= h.to; day++) {
        const Truth *l = day_truth(day, SIDE_LEFT), *r = day_truth(day, SIDE_RIGHT);
        if (l->trials + r->trials == 0)
            continue;
        f.drill_days++;
        f.left_days += l->trials > 0;
        f.right_days += r->trials > 0;
        f.left_rt_days += l->nrts > 0;
        f.right_rt_days += r->nrts > 0;
        f.last_drill_day = day;
    }
    for (size_t i = 0; i < h.nsessions; i++)
        if (in_range(h.session_day[i])) {
            f.sessions++;
            f.rated += h.sessions[i].pain_before != PROGRESS_NO_PAIN ||
                       h.sessions[i].pain_after != PROGRESS_NO_PAIN;
            if (h.sessions[i].mode == MODE_TOUCH) {
                f.touch[h.sessions[i].side]++;
                f.touch_rated[h.sessions[i].side] += h.sessions[i].discomfort != PROGRESS_NO_PAIN;
            }
        }
    for (int day = h.from; day <= h.to; day++)
        f.touch_days += h.touch_ms[day - (h.to - SPAN + 1)] > 0;
    for (int a = 0; a < PROGRESS_ANGLES; a++) {
        f.week_left_rt += h.angle[a][SIDE_LEFT].nrts > 0;
        f.week_right_rt += h.angle[a][SIDE_RIGHT].nrts > 0;
    }
    return f;
}

/* ---- The progress data, as the progress screen draws it ---- */

static void check_progress(const Progress *p, const Facts *f)
{
    size_t n;
    const ProgressDay *days = progress_days(p, &n);
    CHECK(n == (size_t)(h.to - h.from + 1));
    for (size_t i = 0; i < n; i++) {
        int day = h.from + (int)i;
        bool practised = false;
        CHECK(days[i].day == day);
        for (int k = 0; k < 2; k++) {
            const Truth *t = day_truth(day, (Side)k);
            CHECK_MSG(summary_matches(&days[i].side[k], t), "day %d side %d: %d pictures, not %d",
                      day - h.from, k, days[i].side[k].trials, t->trials);
            practised = practised || t->trials > 0;
        }
        CHECK(days[i].practised == practised);
        CHECK(days[i].touch_ms == h.touch_ms[day - (h.to - SPAN + 1)]);
    }
    const ProgressAngle *angles = progress_angles(p);
    for (int a = 0; a < PROGRESS_ANGLES; a++)
        for (int k = 0; k < 2; k++)
            CHECK_MSG(summary_matches(&angles[a].side[k], &h.angle[a][k]), "angle %d side %d",
                      45 * a, k);
    /* The screen says "No pictures in the last week." when there is no view. */
    size_t nviews;
    const ProgressView *views = progress_views(p, &nviews);
    int view_trials = 0;
    for (size_t v = 0; v < nviews; v++)
        view_trials += views[v].side[0].trials + views[v].side[1].trials;
    CHECK_MSG((nviews == 0) == (h.week_trials == 0), "%zu views, %d pictures in the week", nviews,
              h.week_trials);
    CHECK(view_trials == h.week_trials);

    size_t nrows, npain;
    const ProgressRow *rows = progress_sessions(p, &nrows);
    progress_pain(p, &npain);
    CHECK_MSG(nrows == f->sessions, "%zu session rows for %zu sessions", nrows, f->sessions);
    CHECK(npain == f->rated);
    size_t ntouch;
    const ProgressTouch *touch = progress_touch(p, &ntouch);
    CHECK_MSG(ntouch == (size_t)(f->touch[0] + f->touch[1]), "%zu touch sessions for %d", ntouch,
              f->touch[0] + f->touch[1]);
    for (size_t t = 0, r = 0; t < ntouch && r < nrows; r++) {
        const ProgressSession *s = &h.sessions[rows[r].session];
        if (s->mode != MODE_TOUCH)
            continue;
        CHECK(touch[t].side == s->side && touch[t].step == s->touch_step &&
              touch[t].discomfort == s->discomfort);
        t++;
    }
    for (size_t r = 0; r < nrows; r++) {
        CHECK(rows[r].day == h.session_day[rows[r].session]);
        CHECK(rows[r].minute == h.session_minute[rows[r].session]);
        CHECK(r == 0 || rows[r - 1].day < rows[r].day ||
              (rows[r - 1].day == rows[r].day && rows[r - 1].minute < rows[r].minute));
    }

    const ProgressCheck *c = progress_check(p);
    CHECK(c->examined_from <= h.from);
    CHECK_MSG(c->has_latest == (f->drill_days > 0), "the check %s a practised day",
              c->has_latest ? "names" : "misses");
    if (c->has_latest && f->drill_days > 0)
        CHECK(c->latest_day == f->last_drill_day);
}

/* ---- The report ---- */

static int count_in(const char *text, const char *end, const char *what)
{
    int n = 0;
    for (const char *s = strstr(text, what); s && (!end || s < end); s = strstr(s + 1, what))
        n++;
    return n;
}

/* The figure whose caption starts with caption, as [*start, *end); NULL
 * when the report has none. */
static const char *figure(const char *text, const char *caption, const char **end)
{
    char key[128];
    snprintf(key, sizeof key, "<figcaption>%s", caption);
    const char *start = strstr(text, key);
    *end = start ? strstr(start, "</figure>") : NULL;
    return start;
}

/* Left markers (discs) and right markers (open squares) of a figure, less
 * the legend's one each. */
static void markers(const char *text, const char *caption, int *left, int *right)
{
    const char *end;
    const char *start = figure(text, caption, &end);
    *left = start ? count_in(start, end, "r=\"3.5\" fill=") - 1 : -1;
    *right = start ? count_in(start, end, "width=\"7\" height=\"7\"") - 1 : -1;
}

static void put_cells(char *row, size_t cap, const Truth *t)
{
    size_t len = strlen(row);
    char acc[32] = DASH, rt[32] = DASH;
    if (t->trials > 0)
        snprintf(acc, sizeof acc, "%.1f %%", 100.0 * t->correct / t->trials);
    if (t->nrts > 0)
        snprintf(rt, sizeof rt, "%.2f s", truth_median(t) / 1000.0);
    snprintf(row + len, cap - len,
             "<td class=\"n\">%d</td><td class=\"n\">%s</td>"
             "<td class=\"n\">%s</td>",
             t->trials, acc, rt);
}

static void check_days_table(const char *text, const Facts *f)
{
    const char *table = strstr(text, "<h2>Day by day</h2>");
    CHECK_MSG((table != NULL) == (f->drill_days > 0), "day table %s with %d practised days",
              table ? "shown" : "missing", f->drill_days);
    if (!table)
        return;
    const char *end = strstr(table, "</table>");
    int rows = count_in(table, end, "<tr><td class=\"d\">");
    CHECK_MSG(rows == f->drill_days, "%d day rows for %d practised days", rows, f->drill_days);
    for (int day = h.from; day <= h.to; day++) {
        const Truth *l = day_truth(day, SIDE_LEFT), *r = day_truth(day, SIDE_RIGHT);
        if (l->trials + r->trials == 0)
            continue;
        char date[PROGRESS_WORDS_MAX], row[512];
        progress_when_words(day, -1, date);
        snprintf(row, sizeof row, "<tr><td class=\"d\">%s</td>", date);
        put_cells(row, sizeof row, l);
        put_cells(row, sizeof row, r);
        const char *at = strstr(table, row);
        CHECK_MSG(at && at < end, "no row %s", row);
    }
}

static void check_sessions_table(const char *text, const Facts *f)
{
    static const char *const titles[] = {"Left/right", "Imagined movements", "Mirror", "Touch"};
    const char *table = strstr(text, "<h2>Sessions</h2>");
    CHECK_MSG((table != NULL) == (f->sessions + (size_t)f->drill_days > 0),
              "session table %s with %zu sessions", table ? "shown" : "missing", f->sessions);
    if (!table)
        return;
    const char *end = strstr(table, "</table>");
    int rows = count_in(table, end, "<tr><td class=\"d\">");
    CHECK_MSG((size_t)rows == f->sessions, "%d session rows for %zu sessions", rows, f->sessions);
    for (size_t i = 0; i < h.nsessions; i++) {
        if (!in_range(h.session_day[i]))
            continue;
        const ProgressSession *s = &h.sessions[i];
        char date[PROGRESS_WORDS_MAX], amount[32], row[256];
        progress_when_words(h.session_day[i], -1, date);
        if (s->mode == MODE_MIRROR || s->mode == MODE_TOUCH)
            snprintf(amount, sizeof amount, "%d min", (int)(s->practised_ms / 60000));
        else
            snprintf(amount, sizeof amount, "%d picture%s", s->pictures,
                     s->pictures == 1 ? "" : "s");
        snprintf(row, sizeof row,
                 "<tr><td class=\"d\">%s</td><td class=\"d\">%02d:%02d</td><td>%s</td>"
                 "<td class=\"n\">%s</td>",
                 date, h.session_minute[i] / 60, h.session_minute[i] % 60, titles[s->mode], amount);
        const char *at = strstr(table, row);
        CHECK_MSG(at && at < end, "no row %s", row);
    }
}

/* Touch practice: its section only with touch sessions in the period (no
 * prescription is given), a bar for each day practised, a marker for each
 * session's step and each discomfort rated, by side, and a row each. */
static void check_touch(const char *text, const Facts *f)
{
    int sessions = f->touch[0] + f->touch[1];
    const char *section = strstr(text, "<h2>Touch practice</h2>");
    CHECK_MSG((section != NULL) == (sessions > 0), "touch section %s with %d touch sessions",
              section ? "shown" : "missing", sessions);
    if (!section)
        return;
    const char *end;
    const char *start = figure(section, "Minutes of touch practice per day", &end);
    CHECK_MSG(start && count_in(start, end, "fill=\"#56b4e9\"") == f->touch_days,
              "touch bars for %d days", f->touch_days);
    int left, right;
    markers(section, "Step of the ladder", &left, &right);
    CHECK_MSG(left == f->touch[SIDE_LEFT] && right == f->touch[SIDE_RIGHT],
              "step markers %d left, %d right for %d and %d sessions", left, right,
              f->touch[SIDE_LEFT], f->touch[SIDE_RIGHT]);
    markers(section, "Discomfort after the steps", &left, &right);
    CHECK(left == f->touch_rated[SIDE_LEFT] && right == f->touch_rated[SIDE_RIGHT]);
    const char *table = strstr(section, "<table");
    CHECK(table && count_in(table, strstr(table, "</table>"), "<tr><td class=\"d\">") == sessions);
}

static void check_report(const char *text, const Facts *f)
{
    bool drills = f->drill_days > 0, any = drills || f->sessions > 0;
    CHECK(!strstr(text, "No practice recorded in this period.") == any);
    CHECK_MSG(!strstr(text, "No left/right judgement practice in this period.") == (drills || !any),
              "says no left/right practice with %d practised days", f->drill_days);
    const char *end;
    CHECK_MSG((figure(text, "Accuracy per day", &end) != NULL) == drills,
              "accuracy chart %s with %d practised days", drills ? "missing" : "shown",
              f->drill_days);
    CHECK((figure(text, "Median response time per day", &end) != NULL) == drills);
    if (drills) {
        bool week = h.week_trials > 0;
        CHECK_MSG((figure(text, "Median response time by rotation", &end) != NULL) == week,
                  "rotation chart %s with %d pictures in the last week", week ? "missing" : "shown",
                  h.week_trials);
        CHECK((figure(text, "Median response time by view", &end) != NULL) == week);
        CHECK(!strstr(text, "No left/right judgement practice in the last week") == week);
        /* Every practised day is drawn, a day at 0 % too. */
        int left, right;
        markers(text, "Accuracy per day", &left, &right);
        CHECK_MSG(left == f->left_days && right == f->right_days,
                  "accuracy markers %d left, %d right for %d and %d days", left, right,
                  f->left_days, f->right_days);
        markers(text, "Median response time per day", &left, &right);
        CHECK(left == f->left_rt_days && right == f->right_rt_days);
        if (week) {
            markers(text, "Median response time by rotation", &left, &right);
            CHECK(left == f->week_left_rt && right == f->week_right_rt);
        }
    }
    if (any)
        CHECK(!strstr(text, "No pain ratings in this period.") == (f->rated > 0));
    check_days_table(text, f);
    check_sessions_table(text, f);
    check_touch(text, f);
    /* The check names the latest practised day of the table, or none. */
    char latest[96] = "Latest left/right practice, ";
    progress_when_words(f->last_drill_day, -1, latest + strlen(latest));
    CHECK_MSG((strstr(text, latest) != NULL) == drills, "'%s' with %d practised days", latest,
              f->drill_days);
    CHECK(!strstr(text, "no left/right practice since") == drills);
}

/* Writes the report of h and p into memory; the caller frees it. */
static char *report_text(const Progress *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CHECK(f != NULL);
    if (!f)
        return NULL;
    ReportInput in = {"Sam",        NULL, NULL,       NULL,        NULL, 0,
                      "2026-11-21", p,    h.sessions, h.nsessions, NULL, 0};
    char err[256] = "";
    CHECK_MSG(report_write(f, &in, err, sizeof err) == 0, "%s", err);
    fclose(f);
    return text;
}

int main(void)
{
    char err[256] = "";
    CHECK_MSG(norms_parse(norms_text, strlen(norms_text), "n.csv", &norms, err, sizeof err) == 0,
              "%s", err);
    int disagreed[SHAPES] = {0}, made[SHAPES] = {0}, total = 0;
    for (int i = 0; i < HISTORIES; i++) {
        Shape shape = (Shape)(i % SHAPES);
        generate(shape, 1000 + (uint64_t)i);
        int before = check_failures;
        ProgressInput in = {h.trials, h.ntrials, h.sessions, h.nsessions, h.from, h.to, &norms, 0};
        Progress *p = progress_create(&in, err, sizeof err);
        CHECK_MSG(p != NULL, "%s", err);
        if (p) {
            Facts f = facts();
            check_progress(p, &f);
            char *text = report_text(p);
            if (text)
                check_report(text, &f);
            free(text);
        }
        progress_destroy(p);
        made[shape]++;
        if (check_failures > before) {
            disagreed[shape]++;
            total++;
            fprintf(stderr, "history %d (%s, seed %d) disagrees\n", i, shape_names[shape],
                    1000 + i);
        }
    }
    printf("%-16s %9s %10s\n", "shape", "histories", "disagreed");
    for (int s = 0; s < SHAPES; s++)
        printf("%-16s %9d %10d\n", shape_names[s], made[s], disagreed[s]);
    printf("%d of %d generated histories disagreed\n", total, HISTORIES);
    return check_exit();
}
