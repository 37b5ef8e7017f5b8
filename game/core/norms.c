#include "norms.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

static int parse_number(const char *s, double lo, double hi, bool whole, double *out)
{
    char *end;
    if (!*s)
        return -1;
    double v = strtod(s, &end);
    if (*end || !isfinite(v) || v < lo || v > hi || (whole && v != floor(v)))
        return -1;
    *out = v;
    return 0;
}

int norms_parse(const char *text, size_t len, const char *name, Norms *out, char *err,
                size_t errlen)
{
    double hold_days = 0.0, up_sessions = 0.0, up_discomfort = 0.0, flare_discomfort = 0.0;
    const struct {
        const char *measure;
        double lo, hi;
        bool whole;
        double *value;
        char *source;
    } measures[] = {
        {"accuracy_min_pct", 0.0, 100.0, false, &out->accuracy_min_pct, out->accuracy_source},
        {"rt_target_s", 0.1, 60.0, false, &out->rt_target_s, out->rt_source},
        {"rt_band_s", 0.0, 60.0, false, &out->rt_band_s, out->rt_source},
        {"rt_real_change_s", 0.0, 60.0, false, &out->rt_real_change_s, out->real_change_source},
        {"accuracy_real_change_pct", 0.0, 100.0, false, &out->accuracy_real_change_pct,
         out->real_change_source},
        {"hold_days", 1.0, 60.0, true, &hold_days, out->hold_source},
        {"too_fast_ms", 0.0, 1000.0, false, &out->too_fast_ms, out->too_fast_source},
        {"touch_up_sessions", 1.0, TOUCH_UP_SESSIONS_MAX, true, &up_sessions, out->touch_source},
        {"touch_up_discomfort", 0.0, 10.0, true, &up_discomfort, out->touch_source},
        {"touch_flare_discomfort", 1.0, 10.0, true, &flare_discomfort, out->touch_source},
    };
    enum { N = sizeof measures / sizeof measures[0] };
    int seen[N] = {0};
    CsvReader r;
    char buf[CSV_MAX_LINE];
    char *f[3];
    int n = 0;
    memset(out, 0, sizeof *out);
    csv_reader_init(&r, text, len);
    CsvStatus st = csv_read_row(&r, buf, f, 3, &n);
    if (st != CSV_ROW || n != 3 || strcmp(f[0], "measure") || strcmp(f[1], "value") ||
        strcmp(f[2], "source")) {
        snprintf(err, errlen, "%s:%d: the first line must be measure,value,source", name,
                 r.line > 0 ? r.line : 1);
        return -1;
    }
    while ((st = csv_read_row(&r, buf, f, 3, &n)) != CSV_END) {
        if (st != CSV_ROW || n != 3) {
            snprintf(err, errlen, "%s:%d: expected measure,value,source", name, r.line);
            return -1;
        }
        int k = 0;
        while (k < N && strcmp(f[0], measures[k].measure) != 0)
            k++;
        if (k == N || seen[k]) {
            snprintf(err, errlen, "%s:%d: unknown or repeated measure '%.40s'", name, r.line, f[0]);
            return -1;
        }
        if (parse_number(f[1], measures[k].lo, measures[k].hi, measures[k].whole,
                         measures[k].value)) {
            snprintf(err, errlen, "%s:%d: value of %s must be a %s from %g to %g", name, r.line,
                     f[0], measures[k].whole ? "whole number" : "number", measures[k].lo,
                     measures[k].hi);
            return -1;
        }
        if (!*f[2] || strlen(f[2]) >= NORMS_SOURCE_MAX) {
            snprintf(err, errlen, "%s:%d: source must be given (at most %d characters)", name,
                     r.line, NORMS_SOURCE_MAX - 1);
            return -1;
        }
        seen[k] = 1;
        strcpy(measures[k].source, f[2]);
    }
    for (int k = 0; k < N; k++)
        if (!seen[k]) {
            snprintf(err, errlen, "%s: measure %s is missing", name, measures[k].measure);
            return -1;
        }
    /* A discomfort low enough to move up cannot also be a flare. */
    if (flare_discomfort <= up_discomfort) {
        snprintf(err, errlen,
                 "%s: touch_flare_discomfort (%g) must be above touch_up_discomfort (%g)", name,
                 flare_discomfort, up_discomfort);
        return -1;
    }
    out->hold_days = (int)hold_days;
    out->touch = (TouchRule){(int)up_sessions, (int)up_discomfort, (int)flare_discomfort};
    return 0;
}
