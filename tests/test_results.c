/* The words of the results screen, one case per branch: the heading, every
 * line, and whether it praises. */
#include <string.h>

#include "check.h"
#include "results.h"

/* A session's all-pictures summary: correct of judged right, the median of
 * the right answers (negative: none) and the answers too quick to count. */
static Summary summary(int correct, int judged, double median_ms, int too_fast)
{
    return (Summary){.trials = judged,
                     .correct = correct,
                     .accuracy_pct = judged ? 100.0 * correct / judged : 0.0,
                     .median_rt_ms = median_ms,
                     .too_fast = too_fast};
}

#define NONE                                                                                       \
    {                                                                                              \
        -1, 0, 0, 0                                                                                \
    } /* no earlier session */

static void test_words(void)
{
    /* The targets and smallest real changes of data/norms.csv. */
    const Norms norms = {.accuracy_min_pct = 80.0,
                         .part = {[LIMB_HAND] = {2.0, 0.5, "EPF"},
                                  [LIMB_FOOT] = {2.0, 0.5, "EPF"},
                                  [LIMB_NECK] = {1.6, 0.5, "Wallwork"}},
                         .rt_real_change_s = 0.2,
                         .accuracy_real_change_pct = 5.0,
                         .hold_days = 7,
                         .too_fast_ms = 300.0};
    static const char aim[] = "You met the aim: 80 % or more right, 2.5 s or less.";
    static const struct {
        const char *what;
        struct {
            int correct, judged;
            double median_ms;
            int too_fast;
        } now, before; /* before.correct < 0: none */
        bool stopped_early;
        const char *heading;
        const char *lines[RESULTS_LINES_MAX];
        bool praise;
    } cases[] = {
        {"45 %, no earlier session",
         {9, 20, 1800, 0},
         NONE,
         false,
         "Session complete",
         {"9 of 20 right"},
         false},
        {"45 %, as last time",
         {9, 20, 1800, 0},
         {9, 20, 1900, 0},
         false,
         "Session complete",
         {"9 of 20 right", "About the same as last time (9 of 20)."},
         false},
        {"ended at picture 1",
         {1, 1, 1200, 0},
         NONE,
         true,
         "Session ended early",
         {"1 of 1 right; your answers are kept"},
         false},
        {"ended at picture 1, after a better session",
         {1, 1, 1200, 0},
         {9, 20, 2000, 0},
         true,
         "Session ended early",
         {"1 of 1 right; your answers are kept"},
         false},
        {"targets met", {17, 20, 1900, 0}, NONE, false, "Well done", {"17 of 20 right", aim}, true},
        {"targets met exactly",
         {16, 20, 2500, 0},
         {18, 20, 1500, 0},
         false,
         "Well done",
         {"16 of 20 right", aim},
         true},
        {"right enough but too slow",
         {18, 20, 2600, 0},
         NONE,
         false,
         "Session complete",
         {"18 of 20 right"},
         false},
        {"right enough, no right answer timed",
         {16, 20, -1, 0},
         NONE,
         false,
         "Session complete",
         {"16 of 20 right"},
         false},
        {"targets met by too few pictures",
         {9, 9, 1500, 0},
         NONE,
         false,
         "Session complete",
         {"9 of 9 right"},
         false},
        {"better by more than the real change",
         {12, 20, 3000, 0},
         {9, 20, 3000, 0},
         false,
         "Well done",
         {"12 of 20 right", "Up from 9 of 20 last time."},
         true},
        {"better by the real change exactly",
         {13, 20, 3000, 0},
         {12, 20, 3000, 0},
         false,
         "Session complete",
         {"13 of 20 right", "About the same as last time (12 of 20)."},
         false},
        {"better by less than the real change",
         {25, 40, 3000, 0},
         {12, 20, 3000, 0},
         false,
         "Session complete",
         {"25 of 40 right", "About the same as last time (12 of 20)."},
         false},
        {"worse",
         {12, 20, 3000, 0},
         {15, 20, 3000, 0},
         false,
         "Session complete",
         {"12 of 20 right", "Last time: 15 of 20. Results vary from day to day."},
         false},
        {"faster by more than the real change",
         {12, 20, 2700, 0},
         {12, 20, 3000, 0},
         false,
         "Well done",
         {"12 of 20 right", "Faster than last time: 2.7 s, was 3.0 s."},
         true},
        {"faster by the real change exactly",
         {12, 20, 2800, 0},
         {12, 20, 3000, 0},
         false,
         "Session complete",
         {"12 of 20 right", "About the same as last time (12 of 20)."},
         false},
        {"more right but clearly slower",
         {12, 20, 3500, 0},
         {9, 20, 3000, 0},
         false,
         "Session complete",
         {"12 of 20 right", "Up from 9 of 20 last time."},
         false},
        {"faster but clearly less right",
         {9, 20, 2000, 0},
         {12, 20, 3000, 0},
         false,
         "Session complete",
         {"9 of 20 right", "Last time: 12 of 20. Results vary from day to day."},
         false},
        {"too few pictures last time",
         {12, 20, 3000, 0},
         {2, 8, 3000, 0},
         false,
         "Session complete",
         {"12 of 20 right"},
         false},
        {"too few judged this time",
         {8, 9, 1500, 11},
         {9, 20, 3000, 0},
         false,
         "Session complete",
         {"8 of 9 right", "11 answers were too quick to count."},
         false},
        {"too fast answers with the targets met",
         {15, 18, 2000, 2},
         NONE,
         false,
         "Well done",
         {"15 of 18 right", aim, "2 answers were too quick to count."},
         true},
        {"one too fast answer",
         {10, 19, 3000, 1},
         NONE,
         false,
         "Session complete",
         {"10 of 19 right", "1 answer was too quick to count."},
         false},
        {"only too fast answers, ended early",
         {0, 0, -1, 1},
         NONE,
         true,
         "Session ended early",
         {"No answers to count this time; the session is kept", "1 answer was too quick to count."},
         false},
        {"targets met, ended early",
         {12, 12, 1500, 0},
         NONE,
         true,
         "Session ended early",
         {"12 of 12 right; your answers are kept", aim},
         false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Summary now = summary(cases[i].now.correct, cases[i].now.judged, cases[i].now.median_ms,
                              cases[i].now.too_fast);
        Summary before = summary(cases[i].before.correct, cases[i].before.judged,
                                 cases[i].before.median_ms, cases[i].before.too_fast);
        ResultsInput in = {.now = &now,
                           .before = cases[i].before.correct >= 0 ? &before : NULL,
                           .stopped_early = cases[i].stopped_early,
                           .norms = &norms,
                           .parts = LIMBS_BOTH};
        ResultsWords w;
        results_words(&in, &w);
        const char *what = cases[i].what;
        CHECK_MSG(strcmp(w.heading, cases[i].heading) == 0, "%s: heading '%s'", what, w.heading);
        CHECK_MSG(w.praise == cases[i].praise, "%s: praise %d", what, w.praise);
        int want = 0;
        while (want < RESULTS_LINES_MAX && cases[i].lines[want])
            want++;
        CHECK_MSG(w.nlines == want, "%s: %d lines, want %d", what, w.nlines, want);
        for (int k = 0; k < w.nlines && k < want; k++)
            CHECK_MSG(strcmp(w.lines[k], cases[i].lines[k]) == 0, "%s: line %d '%s'", what, k,
                      w.lines[k]);
        /* Praise and its heading go together; lines fit the screen. */
        CHECK_MSG(w.praise == (strcmp(w.heading, "Well done") == 0), "%s", what);
        for (int k = 0; k < w.nlines; k++)
            CHECK_MSG(strlen(w.lines[k]) <= 60, "%s: line %d is long for the screen", what, k);
    }
    /* The aim is the body parts' own: 2.3 s meets the hands' 2.5 s, not the
     * neck's 2.1 s; a drill of both is held to the slower of the two. */
    Summary quick = summary(18, 20, 2300.0, 0);
    static const LimbSet parts[] = {LIMBS_HANDS, 1 << LIMB_NECK, LIMBS_HANDS | 1 << LIMB_NECK};
    static const bool met[] = {true, false, true};
    for (size_t k = 0; k < 3; k++) {
        ResultsWords w;
        results_words(&(ResultsInput){.now = &quick, .norms = &norms, .parts = parts[k]}, &w);
        CHECK_MSG(w.praise == met[k] && (strstr(w.lines[1], "met the aim") != NULL) == met[k],
                  "parts %d: '%s'", (int)parts[k], w.nlines > 1 ? w.lines[1] : "");
    }
}

int main(void)
{
    test_words();
    return check_exit();
}
