/* The HTML report of a generated six-week history: it holds the numbers
 * the progress module computed, escapes hostile names and notes, has no
 * scripts or external resources, and xmllint accepts it as well-formed;
 * an empty history and a history without drills give sensible reports;
 * drills only on the period's last day, its first day or one day, and a
 * day at 0 %, are drawn and listed; write failures are reported.
 *
 * Usage: test_report XMLLINT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "norms.h"
#include "progress.h"
#include "report.h"
#include "rng.h"
#include "stats.h"

#define TODAY 20778 /* 2026-11-21 */
#define DAYS 42
#define MAX_SESSIONS 400
#define MAX_TRIALS 20000

static const char norms_text[] = "measure,value,source\n"
                                 "accuracy_min_pct,80,NOI Group\n"
                                 "hand_rt_target_s,2.0,European Pain Federation & co\n"
                                 "hand_rt_band_s,0.5,European Pain Federation & co\n"
                                 "foot_rt_target_s,2.0,European Pain Federation\n"
                                 "foot_rt_band_s,0.5,European Pain Federation\n"
                                 "knee_rt_target_s,2.0,NOI Group guidance\n"
                                 "knee_rt_band_s,0.5,NOI Group guidance\n"
                                 "shoulder_rt_target_s,1.7,Breckenridge et al. 2017\n"
                                 "shoulder_rt_band_s,0.7,Breckenridge et al. 2017\n"
                                 "neck_rt_target_s,1.6,Wallwork et al. 2013\n"
                                 "neck_rt_band_s,0.5,Wallwork et al. 2013\n"
                                 "back_rt_target_s,1.6,NOI Group guidance\n"
                                 "back_rt_band_s,0.5,NOI Group guidance\n"
                                 "rt_real_change_s,0.2,Musculoskelet Sci Pract 2018;33:105\n"
                                 "accuracy_real_change_pct,5,Musculoskelet Sci Pract 2018;33:105\n"
                                 "hold_days,7,NOI Group\n"
                                 "too_fast_ms,300,Convention\n"
                                 "touch_up_sessions,4,Trainer's default & ours\n"
                                 "touch_up_discomfort,2,Trainer's default & ours\n"
                                 "touch_flare_discomfort,8,Trainer's default & ours\n";

static const char hostile_name[] = "<script>alert(\"x\")</script> & O'Brien";
static const char escaped_name[] =
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien";
/* Markup, a control character, and bytes that are not UTF-8: a stray
 * continuation byte, an overlong slash, a surrogate, a code point past
 * U+10FFFF, and a character cut short at the end. */
static const char hostile_notes[] = "Line one <b>\nLine two & \"three\"\x01 \xff \xC0\xAF "
                                    "\xED\xA0\x80 \xF4\x90\x80\x80 caf\xC3\xA9 \xE2\x82";
#define FFFD "\xEF\xBF\xBD"
static const char escaped_notes[] =
    "Line one &lt;b&gt;<br/>\nLine two &amp; &quot;three&quot;" FFFD " " FFFD " " FFFD FFFD
    " " FFFD FFFD FFFD " " FFFD FFFD FFFD FFFD " caf\xC3\xA9 " FFFD FFFD;

typedef struct History {
    ProgressTrial trials[MAX_TRIALS];
    size_t ntrials;
    ProgressSession sessions[MAX_SESSIONS];
    char stamps[MAX_SESSIONS][48];
    size_t nsessions;
} History;

static History history;
static Norms norms;

static ProgressSession *add_session(int day, int minute, PracticeMode mode)
{
    if (history.nsessions == MAX_SESSIONS) {
        CHECK(!"too many sessions");
        return NULL;
    }
    size_t i = history.nsessions++;
    char date[PROGRESS_DATE_MAX];
    progress_day_format(day, date);
    snprintf(history.stamps[i], sizeof history.stamps[i], "%sT%02d:%02d:00+01:00", date,
             minute / 60, minute % 60);
    ProgressSession *s = &history.sessions[i];
    *s = (ProgressSession){.started_at = history.stamps[i],
                           .mode = mode,
                           .pain_before = PROGRESS_NO_PAIN,
                           .pain_after = PROGRESS_NO_PAIN,
                           .median_rt_ms = -1.0};
    return s;
}

/* A drill of 20 pictures whose accuracy and speed improve over the weeks. */
static void add_drill(Rng *rng, int day, int minute)
{
    static const char *const hand_views[] = {"back", "palm", "thumb", "little", "tips"};
    static const char *const foot_views[] = {"top", "sole", "inner", "outer"};
    ProgressSession *s = add_session(day, minute, MODE_DRILL);
    if (!s || history.ntrials + 20 > MAX_TRIALS)
        return;
    double progress = (double)(day - (TODAY - DAYS)) / DAYS; /* 0 .. 1 */
    TrialOutcome outcomes[20];
    for (int i = 0; i < 20; i++) {
        ProgressTrial *t = &history.trials[history.ntrials++];
        t->day = day;
        t->limb = (Limb)rng_below(rng, 2);
        t->side = (Side)(i % 2);
        t->rotation_deg = 45 * (int)rng_below(rng, 8);
        const char *view =
            t->limb == LIMB_HAND ? hand_views[rng_below(rng, 5)] : foot_views[rng_below(rng, 4)];
        snprintf(t->view, sizeof t->view, "%s", view);
        t->answered = rng_below(rng, 100) < 97;
        t->correct = t->answered && rng_below(rng, 1000) < (unsigned)(650 + 320 * progress);
        /* Awkward rotations are slower; the affected left side more so. */
        double awkward = t->rotation_deg == 180 ? 600.0 : t->rotation_deg % 180 ? 250.0 : 0.0;
        t->rt_ms = 2600.0 - 900.0 * progress + awkward + (t->side == SIDE_LEFT ? 150.0 : 0.0) +
                   (double)rng_below(rng, 500);
        /* Now and then a tap too fast to be a judgement. */
        t->too_fast = t->answered && rng_below(rng, 100) < 4;
        outcomes[i] = (TrialOutcome){t->side, t->limb, t->correct, t->answered ? t->rt_ms : -1.0,
                                     t->too_fast};
    }
    Summary sum;
    CHECK(stats_summarise(outcomes, 20, STATS_ALL, &sum) == 0);
    s->pictures = 20;
    s->too_fast = sum.too_fast;
    s->late_onsets = (int)rng_below(rng, 3);
    s->accuracy_pct = sum.accuracy_pct;
    s->median_rt_ms = sum.median_rt_ms;
}

static void make_history(uint64_t seed)
{
    Rng rng;
    rng_seed(&rng, seed);
    history.ntrials = history.nsessions = 0;
    for (int day = TODAY - DAYS + 1; day <= TODAY; day++) {
        if ((TODAY - day) % 9 == 4)
            continue; /* a day off now and then */
        int drills = 1 + (int)rng_below(&rng, 3);
        for (int k = 0; k < drills; k++)
            add_drill(&rng, day, 8 * 60 + k * 240 + (int)rng_below(&rng, 60));
        if (day % 2 == 0) {
            ProgressSession *s = add_session(day, 19 * 60 + 30, MODE_IMAGERY);
            if (!s)
                return;
            s->pictures = 12;
            s->pain_before = (int)rng_below(&rng, 8);
            s->pain_after = day % 6 == 0 ? PROGRESS_NO_PAIN : (int)rng_below(&rng, 8);
            s->stopped_early = day % 10 == 0;
            s->stopped_for_pain = day % 20 == 0;
        }
        if (day % 3 == 0) {
            /* Touch practice of either side, up the ladder, sometimes unrated. */
            ProgressSession *s = add_session(day, 7 * 60, MODE_TOUCH);
            if (!s)
                return;
            s->side = day % 2 ? SIDE_RIGHT : SIDE_LEFT;
            s->touch_step = 1 + (day - (TODAY - DAYS)) / 8;
            s->discomfort = day % 7 == 0 ? PROGRESS_NO_PAIN : (int)rng_below(&rng, 8);
            s->practised_ms = 60000 * (1 + (int64_t)rng_below(&rng, 4));
        }
        if (day % 5 == 0) {
            ProgressSession *s = add_session(day, 21 * 60, MODE_MIRROR);
            if (s) {
                s->pain_before = (int)rng_below(&rng, 8);
                s->practised_ms = day % 3 ? 300000 : 130000 + (int64_t)rng_below(&rng, 60000);
            }
        }
    }
}

/* Writes the report of the history into a new temporary file and returns
 * its contents (caller frees), its name going to path. */
static char *write_report(const ReportInput *in, char *path, size_t cap)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, cap, "%s/report-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w+");
    char err[256] = "";
    CHECK_MSG(report_write(f, in, err, sizeof err) == 0, "%s", err);
    long len = ftell(f);
    rewind(f);
    char *text = malloc((size_t)len + 1);
    if (text) {
        CHECK(fread(text, 1, (size_t)len, f) == (size_t)len);
        text[len] = '\0';
    }
    fclose(f);
    return text;
}

static void check_wellformed(const char *xmllint, const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' --noout '%s'", xmllint, path);
    CHECK_MSG(system(cmd) == 0, "xmllint rejects %s", path);
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* What every report must be: one polyglot document, nothing loaded or run,
 * an A4 print sheet, only the five XML entities. */
static void check_document(const char *text)
{
    CHECK(strncmp(text, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"", 58) == 0);
    CHECK(strstr(text, "<meta charset=\"utf-8\"/>") != NULL);
    CHECK(strstr(text, "@page { size: A4;") != NULL);
    CHECK(strstr(text, "break-inside: avoid") != NULL);
    static const char *const banned[] = {"<script", "src=", "href=", "url(", "@import", "<link"};
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
        CHECK_MSG(strstr(text, banned[i]) == NULL, "found %s", banned[i]);
    static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
    for (const char *p = strchr(text, '&'); p; p = strchr(p + 1, '&')) {
        bool known = false;
        for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
            known = known || strncmp(p, entities[i], strlen(entities[i])) == 0;
        CHECK_MSG(known, "entity at '%.12s'", p);
    }
    CHECK(strstr(text, "</body>\n</html>\n") != NULL);
}

/* The part of text from the figure captioned caption to its end; NULL
 * when there is none. */
static const char *figure(const char *text, const char *caption, const char **end)
{
    char key[128];
    snprintf(key, sizeof key, "<figcaption>%s", caption);
    const char *start = strstr(text, key);
    *end = start ? strstr(start, "</figure>") : NULL;
    return start;
}

static int count_between(const char *start, const char *end, const char *what)
{
    int n = 0;
    for (const char *p = strstr(start, what); p && p < end; p = strstr(p + 1, what))
        n++;
    return n;
}

/* The touch section of the full report: where the rule stands in words,
 * the rule's numbers from the norms with their source, a bar for each day
 * practised, a marker for each session's step and each discomfort rated,
 * left and right apart, and a row for each session. */
static void check_touch(const char *text)
{
    CHECK(strstr(text, "<h2>Touch practice</h2>\n<p class=\"result\">Step 6 of 12: 1 of the 3 "
                       "sessions in a row &amp; more.</p>") != NULL);
    CHECK(strstr(text, "<p class=\"small\">The rule: one step up after 4 sessions in a row with "
                       "discomfort 2 or less (of 10), one step down after a flare (stopped "
                       "because it hurt, or discomfort 8 or more). Source: Trainer&#39;s default "
                       "&amp; ours.</p>") != NULL);
    CHECK(strstr(text, "<tr><th>Touch practice</th>") == NULL); /* no prescription given */
    int days = 0, left = 0, right = 0, left_rated = 0, right_rated = 0, last_day = 0;
    for (size_t i = 0; i < history.nsessions; i++) {
        const ProgressSession *s = &history.sessions[i];
        if (s->mode != MODE_TOUCH)
            continue;
        int day;
        CHECK(progress_day_parse(s->started_at, &day) == 0);
        days += day != last_day;
        last_day = day;
        bool is_left = s->side == SIDE_LEFT, rated = s->discomfort != PROGRESS_NO_PAIN;
        left += is_left;
        right += !is_left;
        left_rated += is_left && rated;
        right_rated += !is_left && rated;
        char date[PROGRESS_WORDS_MAX], amount[PROGRESS_WORDS_MAX], row[512], discomfort[16];
        progress_when_words(day, -1, date);
        progress_amount_words(s, amount);
        snprintf(discomfort, sizeof discomfort, rated ? "%d" : "not rated", s->discomfort);
        snprintf(row, sizeof row,
                 "<tr><td class=\"d\">%s</td><td class=\"d\">07:00</td><td>%s</td>"
                 "<td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                 "<td>finished</td></tr>",
                 date, is_left ? "left" : "right", s->touch_step, amount, discomfort);
        CHECK_MSG(strstr(text, row) != NULL, "missing %s", row);
    }
    CHECK(left > 0 && right > 0 && left_rated < left && right_rated < right);
    const char *end, *start = figure(text, "Minutes of touch practice per day", &end);
    CHECK(start && count_between(start, end, "fill=\"#56b4e9\"") == days);
    /* Markers less the legend's one each. */
    start = figure(text, "Step of the ladder", &end);
    CHECK(start && count_between(start, end, "r=\"3.5\" fill=") - 1 == left &&
          count_between(start, end, "width=\"7\" height=\"7\"") - 1 == right);
    start = figure(text, "Discomfort after the steps", &end);
    CHECK(start && count_between(start, end, "r=\"3.5\" fill=") - 1 == left_rated &&
          count_between(start, end, "width=\"7\" height=\"7\"") - 1 == right_rated);
}

static void test_full_report(const char *xmllint)
{
    make_history(2026);
    ProgressInput pin = {history.trials,   history.ntrials, history.sessions, history.nsessions,
                         TODAY - DAYS + 1, TODAY,           &norms,           0};
    char err[256] = "";
    Progress *p = progress_create(&pin, err, sizeof err);
    CHECK_MSG(p != NULL, "%s", err);
    if (!p)
        return;
    static const char touch_words[] = "Step 6 of 12: 1 of the 3 sessions in a row & more.";
    const ReportField rx[] = {{"Left/right <daily>", "3 \xC3\x97 20 pictures & rest"},
                              {"Mirror", "10 min 'twice'"}};
    ReportInput in = {hostile_name,
                      "left hand & foot",
                      "1: left/right judgement",
                      hostile_notes,
                      rx,
                      2,
                      "2026-11-21T18:00:41+01:00",
                      p,
                      history.sessions,
                      history.nsessions,
                      touch_words,
                      12};
    char path[512];
    char *text = write_report(&in, path, sizeof path);
    if (!text) {
        progress_destroy(p);
        return;
    }
    check_document(text);
    check_wellformed(xmllint, path);

    CHECK(strstr(text, escaped_name) != NULL && strstr(text, "O'Brien") == NULL);
    CHECK(strstr(text, escaped_notes) != NULL);
    CHECK(strstr(text, "<th>Left/right &lt;daily&gt;</th><td>3 \xC3\x97 20 pictures &amp; rest") !=
          NULL);
    CHECK(strstr(text, "10 min &#39;twice&#39;") != NULL);
    CHECK(strstr(text, "<td>left hand &amp; foot</td>") != NULL);
    CHECK(strstr(text, "(European Pain Federation &amp; co)") != NULL);
    CHECK(strstr(text, "<td>11 October 2026 to 21 November 2026</td>") != NULL);
    CHECK(strstr(text, "<tr><th>Report made</th><td>21 November 2026, 18:00</td></tr>") != NULL);
    CHECK(strstr(text, "<th>Latest left/right practice, 21 November 2026</th>") != NULL);

    /* The check, the change and the latest day's numbers as computed. */
    const ProgressCheck *c = progress_check(p);
    CHECK(strstr(text, c->message) != NULL);
    CHECK(c->has_latest && c->latest_day == TODAY);
    CHECK(c->parts != 0);
    for (int k = 0; k < 2; k++)
        CHECK(strstr(text, progress_change(p, (Side)k)->phrase) != NULL);
    /* A row for each side of each part checked, named by part when there
     * are several. */
    for (int l = 0; l < LIMB_COUNT; l++)
        for (int k = 0; k < 2 && (c->parts & limb_bit((Limb)l)); k++) {
            char label[48], row[256];
            if (limb_set_count(c->parts) > 1) {
                limb_set_words(limb_bit((Limb)l), label, sizeof label);
                strcat(label, k ? ", right" : ", left");
            } else {
                snprintf(label, sizeof label, "%s pictures", k ? "Right" : "Left");
            }
            const Summary *sum = &c->latest[l][k];
            snprintf(row, sizeof row,
                     "<tr><th>%s</th><td class=\"n\">%d</td><td class=\"n\">%.1f %%</td>"
                     "<td class=\"n\">%.2f s</td></tr>",
                     label, sum->trials, sum->accuracy_pct, sum->median_rt_ms / 1000.0);
            CHECK_MSG(strstr(text, row) != NULL, "missing %s", row);
        }
    /* The last week of each body part practised, left and right. */
    int parts_shown = 0;
    for (int l = 0; l < LIMB_COUNT; l++) {
        const Summary *week = progress_part_week(p, (Limb)l);
        for (int k = 0; k < 2; k++) {
            char label[48], row[256];
            limb_set_words(limb_bit((Limb)l), label, sizeof label);
            strcat(label, k ? ", right" : ", left");
            snprintf(row, sizeof row,
                     "<tr><th>%s</th><td class=\"n\">%d</td><td class=\"n\">%.1f %%</td>"
                     "<td class=\"n\">%.2f s</td></tr>",
                     label, week[k].trials, week[k].accuracy_pct, week[k].median_rt_ms / 1000.0);
            bool practised = week[0].trials + week[1].trials > 0;
            CHECK_MSG((strstr(text, row) != NULL) == practised, "%s: %s",
                      practised ? "missing" : "unexpected", row);
            parts_shown += practised && k == 0;
        }
    }
    CHECK(parts_shown > 0);
    /* Every practised day's row, and no row for a day off. */
    size_t ndays;
    const ProgressDay *days = progress_days(p, &ndays);
    int practised = 0;
    for (size_t i = 0; i < ndays; i++) {
        char date[PROGRESS_WORDS_MAX], row[512];
        progress_when_words(days[i].day, -1, date);
        int len = snprintf(row, sizeof row, "<tr><td class=\"d\">%s</td>", date);
        for (int k = 0; k < 2; k++)
            len += snprintf(row + len, sizeof row - (size_t)len,
                            "<td class=\"n\">%d</td><td class=\"n\">%.1f %%</td>"
                            "<td class=\"n\">%.2f s</td>",
                            days[i].side[k].trials, days[i].side[k].accuracy_pct,
                            days[i].side[k].median_rt_ms / 1000.0);
        snprintf(row + len, sizeof row - (size_t)len, "<td>%s</td></tr>",
                 days[i].meets ? "yes" : "no");
        CHECK_MSG((strstr(text, row) != NULL) == days[i].practised, "day %s", date);
        practised += days[i].practised;
    }
    CHECK(practised > 30 && practised < DAYS);
    CHECK(count(text, "<svg ") == 8 && count(text, "<figure>") == 8);
    CHECK(strstr(text, "Accuracy per day") && strstr(text, "by rotation") &&
          strstr(text, "by view") && strstr(text, "Pain before and after"));
    /* One session row each, with how it ended. */
    size_t nrows;
    progress_sessions(p, &nrows);
    CHECK(nrows == history.nsessions);
    size_t ntouch;
    progress_touch(p, &ntouch);
    CHECK(ntouch > 0);
    CHECK((size_t)(count(text, "<td>finished</td>") + count(text, "<td>stopped early</td>") +
                   count(text, "<td>stopped because it hurt</td>")) == nrows + ntouch);
    CHECK(count(text, "<td>stopped because it hurt</td>") > 0);
    CHECK(count(text, "<td>Mirror</td>") > 0 && count(text, "<td>Imagined movements</td>") > 0);
    /* Each drill's row counts its answers too fast and its late frames. */
    int with_too_fast = 0;
    for (size_t i = 0; i < history.nsessions; i++) {
        const ProgressSession *s = &history.sessions[i];
        if (s->mode != MODE_DRILL)
            continue;
        char row[256];
        snprintf(
            row, sizeof row,
            "%.5s</td><td>Left/right</td><td class=\"n\">20 pictures</td><td class=\"n\">%d</td>"
            "<td class=\"n\">%d</td>",
            s->started_at + 11, s->too_fast, s->late_onsets);
        CHECK_MSG(strstr(text, row) != NULL, "missing %s", row);
        with_too_fast += s->too_fast > 0;
    }
    CHECK(with_too_fast > 0);
    /* Each session's amount in its own measure and its pain in words; no
     * raw stamp and no "4 > 3" anywhere. */
    int partial_mirror = 0;
    for (size_t i = 0; i < history.nsessions; i++) {
        const ProgressSession *s = &history.sessions[i];
        char date[PROGRESS_WORDS_MAX], amount[PROGRESS_WORDS_MAX], pain[PROGRESS_WORDS_MAX];
        char row[512];
        int day;
        CHECK(progress_day_parse(s->started_at, &day) == 0);
        progress_when_words(day, -1, date);
        progress_amount_words(s, amount);
        progress_pain_words(s->pain_before, s->pain_after, pain);
        snprintf(row, sizeof row,
                 "<tr><td class=\"d\">%s</td><td class=\"d\">%.5s</td><td>%s</td>"
                 "<td class=\"n\">%s</td>",
                 date, s->started_at + 11,
                 s->mode == MODE_DRILL     ? "Left/right"
                 : s->mode == MODE_IMAGERY ? "Imagined movements"
                 : s->mode == MODE_TOUCH   ? "Touch"
                                           : "Mirror",
                 amount);
        const char *at = strstr(text, row);
        CHECK_MSG(at != NULL, "missing %s", row);
        /* A line breaks in it only after the comma. */
        char kept[2 * PROGRESS_WORDS_MAX];
        size_t n = 0;
        for (const char *q = pain; *q; q++)
            n += (size_t)snprintf(kept + n, sizeof kept - n, "%s",
                                  *q == ' ' && q[-1] != ',' ? "\xC2\xA0" : (char[]){*q, '\0'});
        snprintf(row, sizeof row, "<td>%s</td><td>", kept);
        CHECK_MSG(at && strstr(at, row) && strstr(at, row) < strstr(at, "</tr>"), "%s: no %s",
                  s->started_at, row);
        partial_mirror += s->mode == MODE_MIRROR && strstr(amount, " s") != NULL;
    }
    CHECK(partial_mirror > 0);
    CHECK(count(text, "<td class=\"n\">5 min</td>") > 0);
    CHECK(count(text, "\xC2\xA0"
                      "before, not\xC2\xA0"
                      "rated\xC2\xA0"
                      "after</td>") > 0);
    CHECK(strstr(text, "2026-11-") == NULL && strstr(text, " &gt; ") == NULL);
    CHECK(strstr(text, "Too fast: answers sooner than 300 ms") != NULL);
    check_touch(text);
    remove(path);
    free(text);
    progress_destroy(p);
}

static void test_sparse_reports(const char *xmllint)
{
    /* No practice at all. */
    history.ntrials = history.nsessions = 0;
    ProgressInput pin = {NULL, 0, NULL, 0, TODAY - 13, TODAY, &norms, 0};
    char err[256] = "";
    Progress *p = progress_create(&pin, err, sizeof err);
    CHECK_MSG(p != NULL, "%s", err);
    if (!p)
        return;
    ReportInput in = {"Sam", NULL, NULL, NULL, NULL, 0, "2026-11-21", p, NULL, 0, NULL, 0};
    char path[512];
    char *text = write_report(&in, path, sizeof path);
    if (text) {
        check_document(text);
        check_wellformed(xmllint, path);
        CHECK(strstr(text, "No practice recorded in this period.") != NULL);
        CHECK(strstr(text, "No prescription recorded.") && strstr(text, "No notes."));
        CHECK(strstr(text, "<td>not recorded</td>") != NULL);
        CHECK(strstr(text, "<svg") == NULL && strstr(text, "<h2>Sessions</h2>") == NULL);
        CHECK(strstr(text, "no left/right practice since 2026-11-08") != NULL);
        remove(path);
        free(text);
    }
    progress_destroy(p);

    /* Trials without their sessions still make charts. */
    make_history(3);
    pin = (ProgressInput){history.trials, history.ntrials, NULL, 0, TODAY - 13, TODAY, &norms, 0};
    p = progress_create(&pin, err, sizeof err);
    CHECK_MSG(p != NULL, "%s", err);
    if (!p)
        return;
    in.progress = p;
    text = write_report(&in, path, sizeof path);
    if (text) {
        check_document(text);
        CHECK(strstr(text, "No practice recorded") == NULL && count(text, "<svg ") == 4);
        remove(path);
        free(text);
    }
    progress_destroy(p);

    /* Imagery with pain ratings, but no drills. */
    history.ntrials = history.nsessions = 0;
    for (int d = 0; d < 3; d++) {
        ProgressSession *s = add_session(TODAY - d, 600, MODE_IMAGERY);
        s->pain_before = 5 - d;
        s->pain_after = 4 - d;
    }
    pin =
        (ProgressInput){NULL, 0, history.sessions, history.nsessions, TODAY - 13, TODAY, &norms, 0};
    p = progress_create(&pin, err, sizeof err);
    CHECK_MSG(p != NULL, "%s", err);
    if (!p)
        return;
    in = (ReportInput){
        "Sam", NULL, NULL, "", NULL, 0, "2026-11-21", p, history.sessions, history.nsessions,
        NULL,  0};
    text = write_report(&in, path, sizeof path);
    if (text) {
        check_document(text);
        check_wellformed(xmllint, path);
        CHECK(strstr(text, "No left/right judgement practice in this period.") != NULL);
        CHECK(count(text, "<svg ") == 1 && strstr(text, "Pain before and after") != NULL);
        CHECK(count(text, "<td>Imagined movements</td>") == 3);
        CHECK(strstr(text, "<h2>Day by day</h2>") == NULL);
        remove(path);
        free(text);
    }
    progress_destroy(p);
}

/* A drill of 10 left and 10 right pictures, the first `right` of each side
 * answered right in 1.5 s, the others wrong. */
static void add_even_drill(int day, int minute, int right)
{
    ProgressSession *s = add_session(day, minute, MODE_DRILL);
    if (!s || history.ntrials + 20 > MAX_TRIALS)
        return;
    TrialOutcome outcomes[20];
    for (int i = 0; i < 20; i++) {
        ProgressTrial *t = &history.trials[history.ntrials++];
        *t = (ProgressTrial){.day = day,
                             .limb = LIMB_HAND,
                             .side = (Side)(i / 10),
                             .answered = true,
                             .correct = i % 10 < right,
                             .rt_ms = 1500.0};
        snprintf(t->view, sizeof t->view, "back");
        outcomes[i] = (TrialOutcome){t->side, t->limb, t->correct, t->rt_ms, false};
    }
    Summary sum;
    CHECK(stats_summarise(outcomes, 20, STATS_ALL, &sum) == 0);
    s->pictures = 20;
    s->accuracy_pct = sum.accuracy_pct;
    s->median_rt_ms = sum.median_rt_ms;
}

/* The text of the figure whose caption starts with caption, up to its
 * end, copied (caller frees); NULL when there is none. */
static char *figure_text(const char *text, const char *caption)
{
    char key[128];
    snprintf(key, sizeof key, "<figcaption>%s", caption);
    const char *start = strstr(text, key);
    const char *end = start ? strstr(start, "</figure>") : NULL;
    if (!end)
        return NULL;
    char *fig = malloc((size_t)(end - start) + 1);
    if (fig) {
        memcpy(fig, start, (size_t)(end - start));
        fig[end - start] = '\0';
    }
    return fig;
}

/* The y of the grid line labelled label in a figure, or -1. */
static double grid_y(const char *fig, const char *label)
{
    char key[64];
    snprintf(key, sizeof key, "text-anchor=\"end\">%s</text>", label);
    const char *at = strstr(fig, key);
    double y = -1.0;
    for (const char *p = strstr(fig, "y1=\""); p && at && p < at; p = strstr(p + 1, "y1=\""))
        y = atof(p + 4);
    return y;
}

/* The report of the history over the default 8 weeks, its days drawn and
 * listed however they fall in the period: on its last day only, its first
 * day only, one day in the middle only, and a day at 0 %. */
static void test_edge_days(const char *xmllint)
{
    enum { FIRST = TODAY - 55, ONE = TODAY - 30 };
    static const struct {
        const char *name;
        int days[2];
        int right[2]; /* right answers of each side's 10 on each day */
        int ndays;
        bool week; /* practice in the last week */
    } cases[] = {
        {"last day only", {TODAY}, {9}, 1, true},
        {"first day only", {FIRST}, {8}, 1, false},
        {"one day only", {ONE}, {7}, 1, false},
        {"a day at 0 %", {ONE, TODAY - 3}, {0, 9}, 2, true},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        history.ntrials = history.nsessions = 0;
        for (int d = 0; d < cases[c].ndays; d++)
            add_even_drill(cases[c].days[d], 9 * 60, cases[c].right[d]);
        ProgressInput pin = {history.trials, history.ntrials, history.sessions, history.nsessions,
                             FIRST,          TODAY,           &norms,           0};
        char err[256] = "";
        Progress *p = progress_create(&pin, err, sizeof err);
        CHECK_MSG(p != NULL, "%s", err);
        if (!p)
            continue;
        ReportInput in = {
            "Sam", NULL, NULL, NULL, NULL, 0, "2026-11-21", p, history.sessions, history.nsessions,
            NULL,  0};
        char path[512];
        char *text = write_report(&in, path, sizeof path);
        if (!text) {
            progress_destroy(p);
            continue;
        }
        check_document(text);
        check_wellformed(xmllint, path);
        const char *name = cases[c].name;
        CHECK_MSG(strstr(text, "No left/right judgement practice in this period.") == NULL, "%s",
                  name);
        CHECK_MSG(strstr(text, "<h2>Day by day</h2>") != NULL, "%s", name);
        CHECK_MSG((strstr(text, "by rotation") != NULL) == cases[c].week, "%s", name);
        CHECK_MSG((strstr(text, "No left/right judgement practice in the last week of this "
                                "period.") == NULL) == cases[c].week,
                  "%s", name);
        char *acc = figure_text(text, "Accuracy per day");
        CHECK_MSG(acc != NULL, "%s: no accuracy chart", name);
        /* Each day drawn once on each side (and once in the legend). */
        CHECK_MSG(acc && count(acc, "r=\"3.5\" fill=") == cases[c].ndays + 1 &&
                      count(acc, "width=\"7\" height=\"7\"") == cases[c].ndays + 1,
                  "%s", name);
        for (int d = 0; d < cases[c].ndays; d++) {
            char date[PROGRESS_WORDS_MAX], row[512], acc_text[16];
            progress_when_words(cases[c].days[d], -1, date);
            snprintf(acc_text, sizeof acc_text, "%.1f %%", cases[c].right[d] * 10.0);
            const char *rt = cases[c].right[d] ? "1.50 s" : "\xE2\x80\x93";
            snprintf(row, sizeof row,
                     "<tr><td class=\"d\">%s</td><td class=\"n\">10</td><td class=\"n\">%s</td>"
                     "<td class=\"n\">%s</td><td class=\"n\">10</td><td class=\"n\">%s</td>"
                     "<td class=\"n\">%s</td>",
                     date, acc_text, rt, acc_text, rt);
            CHECK_MSG(strstr(text, row) != NULL, "%s: no row %s", name, row);
            snprintf(row, sizeof row,
                     "<tr><td class=\"d\">%s</td><td class=\"d\">09:00</td><td>Left/right</td>"
                     "<td class=\"n\">20 pictures</td>",
                     date);
            CHECK_MSG(strstr(text, row) != NULL, "%s: no session %s", name, row);
            /* A day at 0 % is drawn on the 0 % line, left and right. */
            if (cases[c].right[d] == 0 && acc) {
                double y = grid_y(acc, "0 %");
                char disc[64], square[64];
                snprintf(disc, sizeof disc, "cy=\"%.1f\" r=\"3.5\"", y);
                snprintf(square, sizeof square, "y=\"%.1f\" width=\"7\"", y - 3.5);
                CHECK_MSG(y > 0.0 && strstr(acc, disc) && strstr(acc, square),
                          "%s: nothing at 0 %% (y %.1f)", name, y);
            }
        }
        free(acc);
        remove(path);
        free(text);
        progress_destroy(p);
    }
}

static void test_write_errors(void)
{
    make_history(7);
    ProgressInput pin = {history.trials,   history.ntrials, history.sessions, history.nsessions,
                         TODAY - DAYS + 1, TODAY,           &norms,           0};
    char err[256] = "";
    Progress *p = progress_create(&pin, err, sizeof err);
    if (!p)
        return;
    ReportInput in = {
        "Sam", NULL, NULL, NULL, NULL, 0, "2026-11-21", p, history.sessions, history.nsessions,
        NULL,  0};
    /* A full disk: the writes are buffered, the flush fails. */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        err[0] = '\0';
        CHECK(report_write(full, &in, err, sizeof err) == -1);
        CHECK_MSG(strncmp(err, "cannot write the report: ", 25) == 0, "'%s'", err);
        fclose(full);
    }
    /* A stream open for reading only: the first write fails. */
    FILE *ro = fopen("/dev/null", "r");
    CHECK(ro != NULL);
    if (ro) {
        err[0] = '\0';
        CHECK(report_write(ro, &in, err, sizeof err) == -1);
        CHECK_MSG(strncmp(err, "cannot write the report: ", 25) == 0, "'%s'", err);
        fclose(ro);
    }
    progress_destroy(p);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_report XMLLINT\n");
        return 2;
    }
    char err[256] = "";
    CHECK_MSG(norms_parse(norms_text, strlen(norms_text), "n.csv", &norms, err, sizeof err) == 0,
              "%s", err);
    test_full_report(argv[1]);
    test_sparse_reports(argv[1]);
    test_edge_days(argv[1]);
    test_write_errors();
    return check_exit();
}
