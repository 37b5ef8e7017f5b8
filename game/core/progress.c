#include "progress.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tolerances for comparing derived doubles with thresholds, far below any
 * difference a person could produce. */
#define EPS_MS 1e-6
#define EPS_PCT 1e-9

struct Progress {
    int from, to;
    Norms norms;
    LimbSet parts;       /* the body parts the rule checks */
    int lo;              /* the first day summarised */
    ProgressDay *window; /* lo .. to; the range's days are its tail */
    size_t nwindow;
    ProgressAngle angles[PROGRESS_ANGLES];
    Summary part_week[LIMB_COUNT][2]; /* the last week by body part and side */
    ProgressView *views;
    size_t nviews;
    ProgressRow *rows;
    size_t nrows;
    ProgressPain *pain;
    size_t npain;
    ProgressTouch *touch;
    size_t ntouch;
    ProgressCheck check;
    ProgressChange change[2];
};

/* ---- Calendar ---- */

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days from 0001-01-01 to January 1st of year y (y >= 1). */
static long days_before_year(int y)
{
    long p = y - 1;
    return 365 * p + p / 4 - p / 100 + p / 400;
}

static long days_from_date(int y, int m, int d)
{
    long n = days_before_year(y) - days_before_year(1970) + d - 1;
    for (int k = 1; k < m; k++)
        n += month_days(y, k);
    return n;
}

/* Reads n digits at s; -1 when one is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int progress_day_parse(const char *text, int *day)
{
    int y = read_digits(text, 4);
    if (y < 1 || text[4] != '-')
        return -1;
    int m = read_digits(text + 5, 2);
    if (m < 1 || m > 12 || text[7] != '-')
        return -1;
    int d = read_digits(text + 8, 2);
    if (d < 1 || d > month_days(y, m) || (text[10] != '\0' && text[10] != 'T'))
        return -1;
    *day = (int)days_from_date(y, m, d);
    return 0;
}

int progress_day_split(int day, int *year, int *month, int *mday)
{
    long target = day + days_before_year(1970);
    if (target < 0 || target >= days_before_year(10000))
        return -1;
    /* A first guess from the mean length of a year, corrected by a step or two. */
    int y = (int)(target / 365.2425) + 1;
    while (y > 1 && days_before_year(y) > target)
        y--;
    while (days_before_year(y + 1) <= target)
        y++;
    long rest = target - days_before_year(y);
    int m = 1;
    while (rest >= month_days(y, m))
        rest -= month_days(y, m++);
    *year = y;
    *month = m;
    *mday = (int)rest + 1;
    return 0;
}

static void put_digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
}

void progress_day_format(int day, char out[PROGRESS_DATE_MAX])
{
    int y = 0, m = 0, d = 0;
    if (progress_day_split(day, &y, &m, &d))
        y = m = d = 0;
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
}

/* Reads the day and the minutes after midnight of an ISO 8601 stamp
 * "YYYY-MM-DDTHH:MM...". */
static int parse_start(const char *text, int *day, int *minute)
{
    if (!text || progress_day_parse(text, day) || text[10] != 'T')
        return -1;
    int h = read_digits(text + 11, 2);
    int m = h < 0 || text[13] != ':' ? -1 : read_digits(text + 14, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return -1;
    *minute = h * 60 + m;
    return 0;
}

void progress_when_words(int day, int minute, char out[PROGRESS_WORDS_MAX])
{
    static const char *const months[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
    int y, m, d;
    if (progress_day_split(day, &y, &m, &d)) {
        snprintf(out, PROGRESS_WORDS_MAX, "unknown date");
        return;
    }
    if (minute >= 0 && minute < 24 * 60)
        snprintf(out, PROGRESS_WORDS_MAX, "%d %s %d, %02d:%02d", d, months[m - 1], y, minute / 60,
                 minute % 60);
    else
        snprintf(out, PROGRESS_WORDS_MAX, "%d %s %d", d, months[m - 1], y);
}

int progress_stamp_words(const char *stamp, char out[PROGRESS_WORDS_MAX])
{
    int day, minute;
    if (parse_start(stamp, &day, &minute)) {
        snprintf(out, PROGRESS_WORDS_MAX, "%s", stamp ? stamp : "");
        return -1;
    }
    progress_when_words(day, minute, out);
    return 0;
}

/* ---- Text ---- */

__attribute__((format(printf, 3, 0))) static void vappend(char *buf, size_t cap, const char *fmt,
                                                          va_list ap)
{
    size_t len = strlen(buf);
    if (len + 1 < cap)
        vsnprintf(buf + len, cap - len, fmt, ap);
}

__attribute__((format(printf, 3, 4))) static void append(char *buf, size_t cap, const char *fmt,
                                                         ...)
{
    va_list ap;
    va_start(ap, fmt);
    vappend(buf, cap, fmt, ap);
    va_end(ap);
}

/* A measured percentage or number of points: one decimal, none when whole. */
static void format_points(char *out, size_t cap, double v)
{
    snprintf(out, cap, "%.1f", v);
    size_t len = strlen(out);
    if (len > 2 && strcmp(out + len - 2, ".0") == 0)
        out[len - 2] = '\0';
}

/* A measured response time in seconds, if there were right answers. */
static void format_rt(char *out, size_t cap, double ms)
{
    if (ms < 0.0)
        snprintf(out, cap, "no right answers");
    else
        snprintf(out, cap, "%.2f s", ms / 1000.0);
}

/* ---- Grouping ---- */

/* Maps a trial to a group (a day, an angle, a view, a week), or -1 to
 * leave it out. */
typedef long (*GroupKey)(const ProgressTrial *t, const void *ctx);

/* Trials picked out of the caller's array. */
typedef struct TrialSet {
    const ProgressTrial **t;
    size_t n;
} TrialSet;

/* Summarises the trials into out[group][side], for ngroups groups (at
 * least one) by key: a counting pass, the right answers' times laid out
 * side by side and within a side group by group, and a median for each, so
 * the time is O(n + sum of k log k) and the memory one double per right
 * answer. With runs not NULL, each run of per consecutive groups is also
 * summarised as one into runs[group / per] (ngroups a multiple of per):
 * its times lie side by side in the same array. */
static int summarise_runs(const TrialSet *set, GroupKey key, const void *ctx, Summary (*out)[2],
                          size_t ngroups, size_t per, Summary (*runs)[2])
{
    const ProgressTrial *const *t = set->t;
    size_t n = set->n;
    /* Where each group and side's times start in rts, and the next free place. */
    size_t(*start)[2] = malloc(ngroups * sizeof *start);
    size_t(*fill)[2] = calloc(ngroups, sizeof *fill);
    if (!start || !fill) {
        free(start);
        free(fill);
        return -1;
    }
    for (size_t g = 0; g < ngroups; g++)
        for (int k = 0; k < 2; k++)
            out[g][k] =
                (Summary){.trials = 0, .correct = 0, .accuracy_pct = 0.0, .median_rt_ms = -1.0};
    for (size_t i = 0; i < n; i++) {
        long g = key(t[i], ctx);
        if (g < 0)
            continue;
        Summary *s = &out[g][t[i]->side];
        if (t[i]->too_fast) {
            s->too_fast++;
            continue;
        }
        s->trials++;
        if (t[i]->answered && t[i]->correct) {
            s->correct++;
            if (t[i]->rt_ms >= 0.0)
                fill[g][t[i]->side]++;
        }
    }
    size_t total = 0;
    for (int k = 0; k < 2; k++)
        for (size_t g = 0; g < ngroups; g++) {
            start[g][k] = total;
            total += fill[g][k];
            fill[g][k] = start[g][k];
        }
    double *rts = malloc((total ? total : 1) * sizeof *rts);
    if (!rts) {
        free(start);
        free(fill);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!t[i]->answered || !t[i]->correct || t[i]->too_fast || t[i]->rt_ms < 0.0)
            continue;
        long g = key(t[i], ctx);
        if (g >= 0)
            rts[fill[g][t[i]->side]++] = t[i]->rt_ms;
    }
    for (size_t g = 0; g < ngroups; g++)
        for (int k = 0; k < 2; k++) {
            Summary *s = &out[g][k];
            if (s->trials > 0)
                s->accuracy_pct = 100.0 * s->correct / s->trials;
            s->median_rt_ms = stats_median(rts + start[g][k], fill[g][k] - start[g][k]);
        }
    for (size_t r = 0; runs && r < ngroups / per; r++)
        for (int k = 0; k < 2; k++) {
            size_t first = r * per, last = first + per - 1;
            Summary *s = &runs[r][k];
            *s = (Summary){.median_rt_ms = -1.0};
            for (size_t g = first; g <= last; g++) {
                s->trials += out[g][k].trials;
                s->correct += out[g][k].correct;
                s->too_fast += out[g][k].too_fast;
            }
            if (s->trials > 0)
                s->accuracy_pct = 100.0 * s->correct / s->trials;
            s->median_rt_ms = stats_median(rts + start[first][k], fill[last][k] - start[first][k]);
        }
    free(rts);
    free(start);
    free(fill);
    return 0;
}

static int summarise(const TrialSet *set, GroupKey key, const void *ctx, Summary (*out)[2],
                     size_t ngroups)
{
    return summarise_runs(set, key, ctx, out, ngroups, 1, NULL);
}

typedef struct DayRange {
    int first, last;
} DayRange;

static bool in_days(int day, const DayRange *r)
{
    return day >= r->first && day <= r->last;
}

/* Groups by body part over a range of days. */
static long key_part(const ProgressTrial *t, const void *ctx)
{
    return in_days(t->day, ctx) ? (long)t->limb : -1;
}

/* Groups by angle over a range of days. */
static long key_angle(const ProgressTrial *t, const void *ctx)
{
    return in_days(t->day, ctx) ? (long)(t->rotation_deg / 45) : -1;
}

typedef struct ViewIndex {
    DayRange days;
    const ProgressView *views; /* sorted by compare_view */
    size_t n;
} ViewIndex;

static int compare_view(const void *a, const void *b)
{
    const ProgressView *x = a, *y = b;
    if (x->limb != y->limb)
        return x->limb < y->limb ? -1 : 1;
    return strcmp(x->view, y->view);
}

/* Groups by view over a range of days. */
static long key_view(const ProgressTrial *t, const void *ctx)
{
    const ViewIndex *ix = ctx;
    if (!in_days(t->day, &ix->days))
        return -1;
    ProgressView probe = {.limb = t->limb};
    memcpy(probe.view, t->view, PROGRESS_VIEW_MAX);
    const ProgressView *v = bsearch(&probe, ix->views, ix->n, sizeof *v, compare_view);
    return (long)(v - ix->views);
}

/* Collects the distinct limb and view pairs of the trials in days, sorted. */
static int collect_views(const TrialSet *set, const DayRange *days, Progress *p)
{
    size_t cap = 0;
    size_t last = 0; /* trials in a row often share a view */
    for (size_t i = 0; i < set->n; i++) {
        const ProgressTrial *t = set->t[i];
        if (!in_days(t->day, days))
            continue;
        size_t k = last;
        if (k >= p->nviews || p->views[k].limb != t->limb || strcmp(p->views[k].view, t->view))
            for (k = 0; k < p->nviews; k++)
                if (p->views[k].limb == t->limb && strcmp(p->views[k].view, t->view) == 0)
                    break;
        if (k == p->nviews) {
            if (p->nviews == cap) {
                cap = cap ? 2 * cap : 16;
                ProgressView *grown = realloc(p->views, cap * sizeof *grown);
                if (!grown)
                    return -1;
                p->views = grown;
            }
            p->views[k] = (ProgressView){.limb = t->limb};
            memcpy(p->views[k].view, t->view, PROGRESS_VIEW_MAX);
            p->nviews++;
        }
        last = k;
    }
    if (p->nviews)
        qsort(p->views, p->nviews, sizeof *p->views, compare_view);
    return 0;
}

/* ---- The rule ---- */

/* The criteria one body part's trials of a day (s, by side) miss. */
static unsigned day_missing(const Summary s[2], Limb limb, const Norms *nm)
{
    static const unsigned pictures[2] = {PROGRESS_MISS_PICTURES_LEFT, PROGRESS_MISS_PICTURES_RIGHT};
    static const unsigned accuracy[2] = {PROGRESS_MISS_ACCURACY_LEFT, PROGRESS_MISS_ACCURACY_RIGHT};
    static const unsigned speed[2] = {PROGRESS_MISS_SPEED_LEFT, PROGRESS_MISS_SPEED_RIGHT};
    const PartNorms *pn = &nm->part[limb];
    double slowest_ms = (pn->rt_target_s + pn->rt_band_s) * 1000.0;
    unsigned m = 0;
    for (int k = 0; k < 2; k++) {
        if (s[k].trials < PROGRESS_MIN_PICTURES)
            m |= pictures[k];
        if (s[k].trials == 0 || s[k].accuracy_pct < nm->accuracy_min_pct - EPS_PCT)
            m |= accuracy[k];
        if (s[k].median_rt_ms < 0.0 || s[k].median_rt_ms > slowest_ms + EPS_MS)
            m |= speed[k];
    }
    if (s[0].median_rt_ms < 0.0 || s[1].median_rt_ms < 0.0 ||
        fabs(s[0].median_rt_ms - s[1].median_rt_ms) > nm->rt_real_change_s * 1000.0 + EPS_MS)
        m |= PROGRESS_MISS_RT_BALANCE;
    if (fabs(s[0].accuracy_pct - s[1].accuracy_pct) > nm->accuracy_real_change_pct + EPS_PCT)
        m |= PROGRESS_MISS_ACCURACY_BALANCE;
    return m;
}

/* Appends one "Still to reach: " item, after "; " unless it is the first. */
__attribute__((format(printf, 3, 4))) static void add_item(char *buf, size_t cap, const char *fmt,
                                                           ...)
{
    if (buf[strlen(buf) - 1] != ' ')
        append(buf, cap, "; ");
    va_list ap;
    va_start(ap, fmt);
    vappend(buf, cap, fmt, ap);
    va_end(ap);
}

/* Adds the item of a criterion checked per side: "what on the left (x now)",
 * or "what on each side (x left, y right now)". */
static void add_sided(char *buf, size_t cap, unsigned m, unsigned left_bit, unsigned right_bit,
                      const char *what, char value[2][32])
{
    if ((m & left_bit) && (m & right_bit))
        add_item(buf, cap, "%s on each side (%s left, %s right now)", what, value[0], value[1]);
    else if (m & left_bit)
        add_item(buf, cap, "%s on the left (%s now)", what, value[0]);
    else if (m & right_bit)
        add_item(buf, cap, "%s on the right (%s now)", what, value[1]);
}

/* Adds the items one body part still misses on the latest day, the
 * first after "name: " when name is not NULL. */
static void add_part_items(char *buf, size_t cap, const char *name, const Summary *s, unsigned m,
                           const PartNorms *pn, const Norms *nm)
{
    if (!m)
        return;
    if (name)
        add_item(buf, cap, "%s: ", name);
    char what[96], value[2][32];
    for (int k = 0; k < 2; k++)
        snprintf(value[k], sizeof value[k], "%d", s[k].trials);
    snprintf(what, sizeof what, "at least %d pictures a day", PROGRESS_MIN_PICTURES);
    add_sided(buf, cap, m, PROGRESS_MISS_PICTURES_LEFT, PROGRESS_MISS_PICTURES_RIGHT, what, value);
    for (int k = 0; k < 2; k++) {
        format_points(value[k], sizeof value[k] - 2, s[k].accuracy_pct);
        strcat(value[k], " %");
    }
    snprintf(what, sizeof what, "accuracy of %g %%", nm->accuracy_min_pct);
    add_sided(buf, cap, m, PROGRESS_MISS_ACCURACY_LEFT, PROGRESS_MISS_ACCURACY_RIGHT, what, value);
    for (int k = 0; k < 2; k++)
        format_rt(value[k], sizeof value[k], s[k].median_rt_ms);
    snprintf(what, sizeof what, "a median time of %g s or less", pn->rt_target_s + pn->rt_band_s);
    add_sided(buf, cap, m, PROGRESS_MISS_SPEED_LEFT, PROGRESS_MISS_SPEED_RIGHT, what, value);
    if (m & PROGRESS_MISS_RT_BALANCE) {
        if (s[0].median_rt_ms >= 0.0 && s[1].median_rt_ms >= 0.0)
            add_item(buf, cap, "left and right within %g s (%.2f s apart now)",
                     nm->rt_real_change_s, fabs(s[0].median_rt_ms - s[1].median_rt_ms) / 1000.0);
        else
            add_item(buf, cap, "left and right within %g s", nm->rt_real_change_s);
    }
    if (m & PROGRESS_MISS_ACCURACY_BALANCE) {
        format_points(value[0], sizeof value[0], fabs(s[0].accuracy_pct - s[1].accuracy_pct));
        add_item(buf, cap, "left and right accuracy within %g points (%s points apart now)",
                 nm->accuracy_real_change_pct, value[0]);
    }
}

/* Adds what one body part still misses in a few words, after "name: "
 * when name is not NULL: "10 pictures a side, 80 % right, 2.1 s or less,
 * left and right alike". */
static void add_part_brief(char *buf, size_t cap, const char *name, unsigned m, const PartNorms *pn,
                           const Norms *nm)
{
    if (!m)
        return;
    if (name)
        add_item(buf, cap, "%s: ", name);
    const char *sep = "";
    if (m & (PROGRESS_MISS_PICTURES_LEFT | PROGRESS_MISS_PICTURES_RIGHT)) {
        append(buf, cap, "%s%d pictures a side", sep, PROGRESS_MIN_PICTURES);
        sep = ", ";
    }
    if (m & (PROGRESS_MISS_ACCURACY_LEFT | PROGRESS_MISS_ACCURACY_RIGHT)) {
        append(buf, cap, "%s%g %% right", sep, nm->accuracy_min_pct);
        sep = ", ";
    }
    if (m & (PROGRESS_MISS_SPEED_LEFT | PROGRESS_MISS_SPEED_RIGHT)) {
        append(buf, cap, "%s%g s or less", sep, pn->rt_target_s + pn->rt_band_s);
        sep = ", ";
    }
    if (m & (PROGRESS_MISS_RT_BALANCE | PROGRESS_MISS_ACCURACY_BALANCE))
        append(buf, cap, "%sleft and right alike", sep);
}

static void write_message(ProgressCheck *c, const Norms *nm)
{
    char *buf = c->message;
    size_t cap = sizeof c->message;
    if (c->ready) {
        snprintf(buf, cap, "Ready to move on to imagined movements.");
        snprintf(c->brief, sizeof c->brief, "%s", buf);
        return;
    }
    snprintf(buf, cap, "Still to reach: ");
    if (!c->has_latest) {
        char from[PROGRESS_DATE_MAX];
        progress_day_format(c->examined_from, from);
        add_item(buf, cap, "%d days in a row meeting the targets (no left/right practice since %s)",
                 c->hold_days, from);
        append(buf, cap, ".");
        snprintf(c->brief, sizeof c->brief, "%s", buf);
        return;
    }
    /* With more than one body part, each part's items after its name. */
    bool named = limb_set_count(c->parts) > 1;
    snprintf(c->brief, sizeof c->brief, "%s", buf);
    for (int l = 0; l < LIMB_COUNT; l++) {
        if (!(c->parts & limb_bit((Limb)l)))
            continue;
        char name[24];
        limb_set_words(limb_bit((Limb)l), name, sizeof name);
        add_part_items(buf, cap, named ? name : NULL, c->latest[l], c->missing[l], &nm->part[l],
                       nm);
        add_part_brief(c->brief, sizeof c->brief, named ? name : NULL, c->missing[l], &nm->part[l],
                       nm);
    }
    char days[64];
    if (c->run_days > 0)
        snprintf(days, sizeof days, "%d days in a row (%d so far)", c->hold_days, c->run_days);
    else
        snprintf(days, sizeof days, "%d days in a row (none so far)", c->hold_days);
    add_item(buf, cap, "%s", days);
    add_item(c->brief, sizeof c->brief, "%s", days);
    append(buf, cap, ".");
    append(c->brief, sizeof c->brief, ".");
}

/* The check as of p->to; part holds each day's summaries by body part
 * (day * LIMB_COUNT + limb, by side). */
static void check_rule(Progress *p, Summary (*part)[2])
{
    ProgressCheck *c = &p->check;
    const ProgressDay *w = p->window;
    size_t today = p->nwindow - 1;
    *c =
        (ProgressCheck){.hold_days = p->norms.hold_days, .examined_from = p->lo, .parts = p->parts};
    /* Today counts when it already meets the criteria; otherwise the run
     * up to yesterday stands. */
    size_t end = w[today].meets ? today + 1 : today;
    size_t start = end;
    while (start > 0 && w[start - 1].meets)
        start--;
    c->run_days = (int)(end - start);
    c->ready = c->run_days >= c->hold_days;
    for (int l = 0; l < LIMB_COUNT; l++)
        c->missing[l] = c->parts & limb_bit((Limb)l) ? ~0u : 0u;
    for (size_t i = p->nwindow; i-- > 0;)
        if (w[i].practised) {
            c->has_latest = true;
            c->latest_day = w[i].day;
            for (int l = 0; l < LIMB_COUNT; l++) {
                c->latest[l][0] = part[i * LIMB_COUNT + (size_t)l][0];
                c->latest[l][1] = part[i * LIMB_COUNT + (size_t)l][1];
                if (c->parts & limb_bit((Limb)l))
                    c->missing[l] = day_missing(c->latest[l], (Limb)l, &p->norms);
            }
            break;
        }
    write_message(c, &p->norms);
}

/* ---- The change ---- */

static ProgressTrend trend(double gain, double threshold)
{
    if (gain > threshold)
        return PROGRESS_TREND_BETTER;
    if (gain < -threshold)
        return PROGRESS_TREND_WORSE;
    return PROGRESS_TREND_SAME;
}

static void describe_change(ProgressChange *c, Side side)
{
    char *buf = c->phrase;
    size_t cap = sizeof c->phrase;
    char num[32];
    snprintf(buf, cap, "%s pictures: ", side == SIDE_LEFT ? "Left" : "Right");
    if (c->accuracy == PROGRESS_TREND_UNKNOWN && c->rt == PROGRESS_TREND_UNKNOWN) {
        append(buf, cap, "too little practice in the last two weeks to compare.");
        return;
    }
    if (c->accuracy == PROGRESS_TREND_SAME && c->rt == PROGRESS_TREND_SAME) {
        append(buf, cap, "about the same as the week before.");
        return;
    }
    format_points(num, sizeof num, fabs(c->accuracy_delta_pct));
    switch (c->accuracy) {
    case PROGRESS_TREND_BETTER:
        append(buf, cap, "accuracy up %s points", num);
        break;
    case PROGRESS_TREND_WORSE:
        append(buf, cap, "accuracy down %s points", num);
        break;
    case PROGRESS_TREND_SAME:
        append(buf, cap, "accuracy about the same");
        break;
    case PROGRESS_TREND_UNKNOWN:
        append(buf, cap, "too few pictures to compare accuracy");
        break;
    }
    double s = fabs(c->rt_delta_ms) / 1000.0;
    switch (c->rt) {
    case PROGRESS_TREND_BETTER:
        append(buf, cap, "; %.2f s faster.", s);
        break;
    case PROGRESS_TREND_WORSE:
        append(buf, cap, "; %.2f s slower.", s);
        break;
    case PROGRESS_TREND_SAME:
        append(buf, cap, "; speed about the same.");
        break;
    case PROGRESS_TREND_UNKNOWN:
        append(buf, cap, "; too few right answers to compare speed.");
        break;
    }
}

/* Groups by week over whole weeks of days. */
static long key_week(const ProgressTrial *t, const void *ctx)
{
    const DayRange *r = ctx;
    return in_days(t->day, r) ? (long)((t->day - r->first) / PROGRESS_WEEK_DAYS) : -1;
}

static int compute_change(Progress *p, const TrialSet *recent)
{
    DayRange weeks = {p->to - 2 * PROGRESS_WEEK_DAYS + 1, p->to};
    Summary s[2][2]; /* the earlier week, then the recent one */
    if (summarise(recent, key_week, &weeks, s, 2))
        return -1;
    for (int k = 0; k < 2; k++) {
        ProgressChange *c = &p->change[k];
        c->earlier = s[0][k];
        c->recent = s[1][k];
        c->accuracy_delta_pct = c->recent.accuracy_pct - c->earlier.accuracy_pct;
        c->rt_delta_ms = c->recent.median_rt_ms - c->earlier.median_rt_ms;
        bool counted =
            c->earlier.trials >= PROGRESS_MIN_PICTURES && c->recent.trials >= PROGRESS_MIN_PICTURES;
        c->accuracy =
            counted ? trend(c->accuracy_delta_pct, p->norms.accuracy_real_change_pct + EPS_PCT)
                    : PROGRESS_TREND_UNKNOWN;
        c->rt = counted && c->earlier.median_rt_ms >= 0.0 && c->recent.median_rt_ms >= 0.0
                    ? trend(-c->rt_delta_ms, p->norms.rt_real_change_s * 1000.0 + EPS_MS)
                    : PROGRESS_TREND_UNKNOWN;
        describe_change(c, (Side)k);
    }
    return 0;
}

/* ---- Sessions ---- */

static int compare_row(const void *a, const void *b)
{
    const ProgressRow *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->minute != y->minute)
        return x->minute < y->minute ? -1 : 1;
    return (x->session > y->session) - (x->session < y->session);
}

static bool pain_valid(int v)
{
    return v == PROGRESS_NO_PAIN || (v >= 0 && v <= 10);
}

static int collect_sessions(Progress *p, const ProgressInput *in, char *err, size_t errlen)
{
    p->rows = malloc((in->nsessions ? in->nsessions : 1) * sizeof *p->rows);
    p->pain = malloc((in->nsessions ? in->nsessions : 1) * sizeof *p->pain);
    p->touch = malloc((in->nsessions ? in->nsessions : 1) * sizeof *p->touch);
    if (!p->rows || !p->pain || !p->touch) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < in->nsessions; i++) {
        const ProgressSession *s = &in->sessions[i];
        int day, minute;
        if (parse_start(s->started_at, &day, &minute)) {
            snprintf(err, errlen, "session %zu: start '%.40s' is not an ISO 8601 date and time", i,
                     s->started_at ? s->started_at : "");
            return -1;
        }
        if (s->mode < MODE_DRILL || s->mode > MODE_TOUCH) {
            snprintf(err, errlen, "session %zu: unknown mode %d", i, (int)s->mode);
            return -1;
        }
        if (!pain_valid(s->pain_before) || !pain_valid(s->pain_after)) {
            snprintf(err, errlen, "session %zu: pain ratings must be 0-10 or not given", i);
            return -1;
        }
        if (s->mode == MODE_TOUCH && ((s->side != SIDE_LEFT && s->side != SIDE_RIGHT) ||
                                      s->touch_step < 1 || !pain_valid(s->discomfort))) {
            snprintf(err, errlen,
                     "session %zu: touch needs a side, a step of 1 or more and a discomfort of "
                     "0-10 or none",
                     i);
            return -1;
        }
        if (day >= p->from && day <= p->to)
            p->rows[p->nrows++] = (ProgressRow){.session = i, .day = day, .minute = minute};
    }
    if (p->nrows)
        qsort(p->rows, p->nrows, sizeof *p->rows, compare_row);
    for (size_t r = 0; r < p->nrows; r++) {
        const ProgressSession *s = &in->sessions[p->rows[r].session];
        if (s->pain_before != PROGRESS_NO_PAIN || s->pain_after != PROGRESS_NO_PAIN)
            p->pain[p->npain++] = (ProgressPain){
                .x = p->rows[r].day - 0.5 + p->rows[r].minute / 1440.0,
                .before = s->pain_before,
                .after = s->pain_after,
            };
        if (s->mode == MODE_TOUCH)
            p->touch[p->ntouch++] = (ProgressTouch){
                .x = p->rows[r].day - 0.5 + p->rows[r].minute / 1440.0,
                .side = s->side,
                .step = s->touch_step,
                .discomfort = s->discomfort,
            };
    }
    return 0;
}

/* Adds each touch session's time to its day. */
static void add_touch_days(Progress *p, const ProgressInput *in)
{
    for (size_t r = 0; r < p->nrows; r++) {
        const ProgressSession *s = &in->sessions[p->rows[r].session];
        if (s->mode == MODE_TOUCH)
            p->window[p->rows[r].day - p->lo].touch_ms += s->practised_ms;
    }
}

/* ---- The whole ---- */

static int check_trial(const ProgressTrial *t, size_t i, char *err, size_t errlen)
{
    if ((t->side != SIDE_LEFT && t->side != SIDE_RIGHT) || (unsigned)t->limb >= LIMB_COUNT) {
        snprintf(err, errlen, "trial %zu: unknown side or limb", i);
        return -1;
    }
    if (t->rotation_deg < 0 || t->rotation_deg > 315 || t->rotation_deg % 45) {
        snprintf(err, errlen, "trial %zu: rotation %d is not 0..315 in steps of 45", i,
                 t->rotation_deg);
        return -1;
    }
    if (!memchr(t->view, '\0', PROGRESS_VIEW_MAX)) {
        snprintf(err, errlen, "trial %zu: view name is not terminated", i);
        return -1;
    }
    return 0;
}

/* Checks every trial and picks out those of the window's days and, among
 * them, those of the last two weeks, so that the groupings after the days'
 * read only what they need however long the history is. */
static int select_trials(const ProgressInput *in, const DayRange *window, const DayRange *recent,
                         TrialSet *in_window, TrialSet *in_recent, char *err, size_t errlen)
{
    size_t nw = 0, nr = 0;
    for (size_t i = 0; i < in->ntrials; i++) {
        const ProgressTrial *t = &in->trials[i];
        if (check_trial(t, i, err, errlen))
            return -1;
        nw += in_days(t->day, window);
        nr += in_days(t->day, recent);
    }
    in_window->t = malloc((nw ? nw : 1) * sizeof *in_window->t);
    in_recent->t = malloc((nr ? nr : 1) * sizeof *in_recent->t);
    if (!in_window->t || !in_recent->t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    in_window->n = in_recent->n = 0;
    for (size_t i = 0; i < in->ntrials; i++) {
        const ProgressTrial *t = &in->trials[i];
        if (in_days(t->day, window))
            in_window->t[in_window->n++] = t;
        if (in_days(t->day, recent))
            in_recent->t[in_recent->n++] = t;
    }
    return 0;
}

/* Groups by day and body part over a range of days. */
static long key_day_part(const ProgressTrial *t, const void *ctx)
{
    const DayRange *r = ctx;
    return in_days(t->day, r) ? (long)(t->day - r->first) * LIMB_COUNT + (long)t->limb : -1;
}

/* The days from p->lo to p->to and the check: a day meets the criteria
 * when every body part checked meets its own. parts is the input's, or 0
 * for the parts practised in those days. */
static int compute_days(Progress *p, const TrialSet *in_window, LimbSet parts)
{
    p->nwindow = (size_t)(p->to - p->lo) + 1;
    p->window = malloc(p->nwindow * sizeof *p->window);
    Summary(*s)[2] = malloc(p->nwindow * sizeof *s);
    Summary(*part)[2] = malloc(p->nwindow * LIMB_COUNT * sizeof *part);
    DayRange window = {p->lo, p->to};
    if (!p->window || !s || !part ||
        summarise_runs(in_window, key_day_part, &window, part, p->nwindow * LIMB_COUNT, LIMB_COUNT,
                       s)) {
        free(s);
        free(part);
        return -1;
    }
    if (!parts)
        for (size_t i = 0; i < in_window->n; i++)
            parts |= limb_bit(in_window->t[i]->limb);
    p->parts = parts;
    for (size_t d = 0; d < p->nwindow; d++) {
        ProgressDay *day = &p->window[d];
        *day = (ProgressDay){.day = p->lo + (int)d, .side = {s[d][0], s[d][1]}};
        day->practised = day->side[0].trials + day->side[1].trials > 0;
        for (int l = 0; l < LIMB_COUNT; l++)
            if (parts & limb_bit((Limb)l))
                day->missing |= day_missing(part[d * LIMB_COUNT + (size_t)l], (Limb)l, &p->norms);
        if (!day->practised)
            day->missing = ~0u;
        day->meets = day->practised && day->missing == 0;
    }
    free(s);
    check_rule(p, part);
    free(part);
    return 0;
}

/* The rotation and view groups of the range's last week. */
static int compute_week(Progress *p, const TrialSet *recent)
{
    DayRange week = {p->to - PROGRESS_WEEK_DAYS + 1, p->to};
    if (week.first < p->from)
        week.first = p->from;
    Summary angles[PROGRESS_ANGLES][2];
    if (summarise(recent, key_angle, &week, angles, PROGRESS_ANGLES) ||
        summarise(recent, key_part, &week, p->part_week, LIMB_COUNT) ||
        collect_views(recent, &week, p))
        return -1;
    for (int a = 0; a < PROGRESS_ANGLES; a++)
        p->angles[a] =
            (ProgressAngle){.rotation_deg = 45 * a, .side = {angles[a][0], angles[a][1]}};
    if (p->nviews == 0)
        return 0;
    ViewIndex ix = {week, p->views, p->nviews};
    Summary(*v)[2] = malloc(p->nviews * sizeof *v);
    if (!v || summarise(recent, key_view, &ix, v, p->nviews)) {
        free(v);
        return -1;
    }
    for (size_t k = 0; k < p->nviews; k++) {
        p->views[k].side[0] = v[k][0];
        p->views[k].side[1] = v[k][1];
    }
    free(v);
    return 0;
}

static int compute(Progress *p, const ProgressInput *in, char *err, size_t errlen)
{
    /* The days summarised: the range, and as far back as the check and the
     * change look. */
    int back = p->norms.hold_days > 2 * PROGRESS_WEEK_DAYS - 1 ? p->norms.hold_days
                                                               : 2 * PROGRESS_WEEK_DAYS - 1;
    p->lo = p->to - back < p->from ? p->to - back : p->from;
    DayRange window = {p->lo, p->to};
    DayRange recent = {p->to - 2 * PROGRESS_WEEK_DAYS + 1, p->to};
    TrialSet in_window = {NULL, 0}, in_recent = {NULL, 0};
    int rc = select_trials(in, &window, &recent, &in_window, &in_recent, err, errlen);
    if (rc == 0)
        rc = collect_sessions(p, in, err, errlen);
    if (rc == 0 && (compute_days(p, &in_window, in->parts) || compute_week(p, &in_recent) ||
                    compute_change(p, &in_recent))) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    if (rc == 0)
        add_touch_days(p, in);
    free(in_window.t);
    free(in_recent.t);
    return rc;
}

Progress *progress_create(const ProgressInput *in, char *err, size_t errlen)
{
    /* Days of years 1 to 9999, so that day arithmetic cannot overflow. */
    static const int first_day = -719162, last_day = 2932896;
    if (in->from_day > in->to_day || in->from_day < first_day || in->to_day > last_day ||
        in->to_day - in->from_day >= PROGRESS_MAX_DAYS) {
        snprintf(err, errlen, "the range of days must run forwards and span at most %d days",
                 PROGRESS_MAX_DAYS);
        return NULL;
    }
    if (in->parts & ~LIMBS_ALL) {
        snprintf(err, errlen, "the body parts to check are not known");
        return NULL;
    }
    Progress *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->from = in->from_day;
    p->to = in->to_day;
    p->norms = *in->norms;
    if (compute(p, in, err, errlen)) {
        progress_destroy(p);
        return NULL;
    }
    return p;
}

void progress_destroy(Progress *p)
{
    if (!p)
        return;
    free(p->window);
    free(p->views);
    free(p->rows);
    free(p->pain);
    free(p->touch);
    free(p);
}

int progress_from_day(const Progress *p)
{
    return p->from;
}

int progress_to_day(const Progress *p)
{
    return p->to;
}

const Norms *progress_norms(const Progress *p)
{
    return &p->norms;
}

const ProgressDay *progress_days(const Progress *p, size_t *n)
{
    *n = (size_t)(p->to - p->from) + 1;
    return p->window + (p->from - p->lo);
}

const ProgressAngle *progress_angles(const Progress *p)
{
    return p->angles;
}

const Summary *progress_part_week(const Progress *p, Limb limb)
{
    return p->part_week[limb];
}

const ProgressView *progress_views(const Progress *p, size_t *n)
{
    *n = p->nviews;
    return p->views;
}

const ProgressRow *progress_sessions(const Progress *p, size_t *n)
{
    *n = p->nrows;
    return p->rows;
}

const ProgressPain *progress_pain(const Progress *p, size_t *n)
{
    *n = p->npain;
    return p->pain;
}

const ProgressTouch *progress_touch(const Progress *p, size_t *n)
{
    *n = p->ntouch;
    return p->touch;
}

size_t progress_touch_points(const Progress *p, Side side, bool discomfort, double *x, double *y)
{
    size_t m = 0;
    for (size_t i = 0; i < p->ntouch; i++) {
        const ProgressTouch *t = &p->touch[i];
        int v = discomfort ? t->discomfort : t->step;
        if (t->side != side || v == PROGRESS_NO_PAIN)
            continue;
        x[m] = t->x;
        y[m++] = v;
    }
    return m;
}

int progress_touch_top(const Progress *p)
{
    int top = 0;
    for (size_t i = 0; i < p->ntouch; i++)
        top = p->touch[i].step > top ? p->touch[i].step : top;
    return top;
}

const ProgressCheck *progress_check(const Progress *p)
{
    return &p->check;
}

const ProgressChange *progress_change(const Progress *p, Side side)
{
    return &p->change[side];
}

void progress_pain_words(int before, int after, char out[PROGRESS_WORDS_MAX])
{
    bool has_before = before != PROGRESS_NO_PAIN, has_after = after != PROGRESS_NO_PAIN;
    if (has_before && has_after)
        snprintf(out, PROGRESS_WORDS_MAX, "%d before, %d after", before, after);
    else if (has_before)
        snprintf(out, PROGRESS_WORDS_MAX, "%d before, not rated after", before);
    else if (has_after)
        snprintf(out, PROGRESS_WORDS_MAX, "not rated before, %d after", after);
    else
        snprintf(out, PROGRESS_WORDS_MAX, "not rated");
}

void progress_amount_words(const ProgressSession *s, char out[PROGRESS_WORDS_MAX])
{
    if (s->mode == MODE_DRILL || s->mode == MODE_IMAGERY) {
        snprintf(out, PROGRESS_WORDS_MAX, "%d picture%s", s->pictures, s->pictures == 1 ? "" : "s");
        return;
    }
    long long seconds = s->practised_ms > 0 ? (s->practised_ms + 500) / 1000 : 0;
    long long minutes = seconds / 60;
    seconds %= 60;
    if (minutes == 0)
        snprintf(out, PROGRESS_WORDS_MAX, "%lld s", seconds);
    else if (seconds == 0)
        snprintf(out, PROGRESS_WORDS_MAX, "%lld min", minutes);
    else
        snprintf(out, PROGRESS_WORDS_MAX, "%lld min %lld s", minutes, seconds);
}

void progress_today_words(int done, int planned, char *out, size_t cap)
{
    if (done == 0)
        snprintf(out, cap, "None yet today (%d planned)", planned);
    else if (done == planned && planned == 1)
        snprintf(out, cap, "Today's session is done");
    else if (done == planned)
        snprintf(out, cap, "All %d sessions done today", planned);
    else
        snprintf(out, cap, "%d session%s today (%d planned)", done, done == 1 ? "" : "s", planned);
}

void progress_touch_today_words(int done, int planned, char *out, size_t cap)
{
    if (done < planned)
        snprintf(out, cap, "Touch: %d of %d today", done, planned);
    else if (done == planned && planned == 1)
        snprintf(out, cap, "Touch: done today");
    else if (done == planned)
        snprintf(out, cap, "Touch: all %d done today", planned);
    else
        snprintf(out, cap, "Touch: %d today (%d planned)", done, planned);
}
