#include "results.h"

#include <stdarg.h>
#include <stdio.h>

/* Differences this small are rounding, not change. */
#define EPS 1e-9

__attribute__((format(printf, 2, 3))) static void add_line(ResultsWords *w, const char *fmt, ...)
{
    if (w->nlines >= RESULTS_LINES_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->lines[w->nlines++], RESULTS_TEXT_MAX, fmt, ap);
    va_end(ap);
}

/* The slowest median that still meets the time target of parts, in ms. */
static double slowest_ms(const Norms *n, LimbSet parts)
{
    double lo, hi;
    norms_band(n, parts, &lo, &hi);
    return hi * 1000.0;
}

static bool meets_targets(const Summary *s, const Norms *n, LimbSet parts)
{
    return s->trials >= RESULTS_MIN_JUDGED && s->accuracy_pct >= n->accuracy_min_pct - EPS &&
           s->median_rt_ms >= 0.0 && s->median_rt_ms <= slowest_ms(n, parts) + EPS;
}

typedef enum Change { CHANGE_WORSE = -1, CHANGE_SAME = 0, CHANGE_BETTER = 1 } Change;

/* More than the smallest real change up (better), down (worse), or within it. */
static Change change_of(double delta, double real_change)
{
    return delta > real_change + EPS    ? CHANGE_BETTER
           : delta < -real_change - EPS ? CHANGE_WORSE
                                        : CHANGE_SAME;
}

void results_words(const ResultsInput *in, ResultsWords *out)
{
    const Summary *now = in->now, *before = in->before;
    const Norms *n = in->norms;
    *out = (ResultsWords){.nlines = 0};

    bool comparable =
        before && now->trials >= RESULTS_MIN_JUDGED && before->trials >= RESULTS_MIN_JUDGED;
    Change accuracy = CHANGE_SAME, speed = CHANGE_SAME;
    if (comparable) {
        accuracy = change_of(now->accuracy_pct - before->accuracy_pct, n->accuracy_real_change_pct);
        /* Faster is better: the change of speed is the time saved. */
        if (now->median_rt_ms >= 0.0 && before->median_rt_ms >= 0.0)
            speed =
                change_of(before->median_rt_ms - now->median_rt_ms, n->rt_real_change_s * 1000.0);
    }
    /* Better: one measure clearly better and neither clearly worse. */
    bool better = (accuracy == CHANGE_BETTER || speed == CHANGE_BETTER) &&
                  accuracy != CHANGE_WORSE && speed != CHANGE_WORSE;
    bool aim = meets_targets(now, n, in->parts);

    out->praise = !in->stopped_early && (aim || better);
    snprintf(out->heading, sizeof out->heading, "%s",
             in->stopped_early ? "Session ended early"
             : out->praise     ? "Well done"
                               : "Session complete");

    if (now->trials > 0)
        add_line(out, "%d of %d right%s", now->correct, now->trials,
                 in->stopped_early ? "; your answers are kept" : "");
    else
        add_line(out, "No answers to count this time%s",
                 in->stopped_early ? "; the session is kept" : "");

    if (aim)
        add_line(out, "You met the aim: %.0f %% or more right, %.1f s or less.",
                 n->accuracy_min_pct, slowest_ms(n, in->parts) / 1000.0);
    else if (comparable && accuracy == CHANGE_BETTER)
        add_line(out, "Up from %d of %d last time.", before->correct, before->trials);
    else if (comparable && accuracy == CHANGE_WORSE)
        add_line(out, "Last time: %d of %d. Results vary from day to day.", before->correct,
                 before->trials);
    else if (comparable && speed == CHANGE_BETTER)
        add_line(out, "Faster than last time: %.1f s, was %.1f s.", now->median_rt_ms / 1000.0,
                 before->median_rt_ms / 1000.0);
    else if (comparable)
        add_line(out, "About the same as last time (%d of %d).", before->correct, before->trials);

    if (now->too_fast > 0)
        add_line(out, "%d answer%s too quick to count.", now->too_fast,
                 now->too_fast == 1 ? " was" : "s were");
}
