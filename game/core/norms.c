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
    memset(out, 0, sizeof *out);
    double hold_days = 0.0, up_sessions = 0.0, up_discomfort = 0.0, flare_discomfort = 0.0;
    struct {
        const char *measure;
        double lo, hi;
        bool whole;
        double *value;
        char *source;
    } measures[8 + 2 * LIMB_COUNT] = {
        {"accuracy_min_pct", 0.0, 100.0, false, &out->accuracy_min_pct, out->accuracy_source},
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
    /* Each part's target and band after the measures of every part. */
    char part_measure[2 * LIMB_COUNT][32];
    for (int l = 0; l < LIMB_COUNT; l++) {
        PartNorms *pn = &out->part[l];
        for (int b = 0; b < 2; b++) {
            int k = 8 + 2 * l + b;
            snprintf(part_measure[k - 8], sizeof part_measure[0], "%s_rt_%s_s", limb_name((Limb)l),
                     b ? "band" : "target");
            measures[k].measure = part_measure[k - 8];
            measures[k].lo = b ? 0.0 : 0.1;
            measures[k].hi = 60.0;
            measures[k].whole = false;
            measures[k].value = b ? &pn->rt_band_s : &pn->rt_target_s;
            measures[k].source = pn->rt_source;
        }
    }
    int seen[N] = {0};
    CsvReader r;
    char buf[CSV_MAX_LINE];
    char *f[3];
    int n = 0;
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

void norms_band(const Norms *n, LimbSet parts, double *lo_s, double *hi_s)
{
    bool first = true;
    for (int l = 0; l < LIMB_COUNT; l++) {
        if (!(parts & limb_bit((Limb)l)))
            continue;
        const PartNorms *p = &n->part[l];
        double lo = p->rt_target_s - p->rt_band_s, hi = p->rt_target_s + p->rt_band_s;
        if (first || lo < *lo_s)
            *lo_s = lo;
        if (first || hi > *hi_s)
            *hi_s = hi;
        first = false;
    }
}

void norms_band_words(const Norms *n, LimbSet parts, char *buf, size_t cap)
{
    const PartNorms *shared = NULL;
    bool same = true;
    for (int l = 0; l < LIMB_COUNT; l++) {
        if (!(parts & limb_bit((Limb)l)))
            continue;
        const PartNorms *p = &n->part[l];
        if (!shared)
            shared = p;
        else if (p->rt_target_s != shared->rt_target_s || p->rt_band_s != shared->rt_band_s)
            same = false;
    }
    if (!shared)
        snprintf(buf, cap, "no time aim");
    else if (same)
        snprintf(buf, cap, "about %.1f \xC2\xB1 %.1f s", shared->rt_target_s, shared->rt_band_s);
    else {
        double lo, hi;
        norms_band(n, parts, &lo, &hi);
        snprintf(buf, cap, "%.1f to %.1f s", lo, hi);
    }
}
