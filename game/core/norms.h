/* Published targets the results are shown against, and the numbers of
 * touch practice's progression rule, read from data/norms.csv:
 *   measure,value,source
 *   accuracy_min_pct,80,NOI Group
 *   hand_rt_target_s,2.0,European Pain Federation
 *   hand_rt_band_s,0.5,European Pain Federation
 *   (the same two for foot, knee, shoulder, neck and back)
 *   rt_real_change_s,0.2,Musculoskelet Sci Pract 2018;33:105
 *   accuracy_real_change_pct,5,Musculoskelet Sci Pract 2018;33:105
 *   hold_days,7,NOI Group
 *   too_fast_ms,300,Convention of laterality judgement research: faster answers are ...
 *   touch_up_sessions,3,Trainer's clinical default (not taken from a published study); ...
 *   touch_up_discomfort,3,Trainer's clinical default (...
 *   touch_flare_discomfort,7,Trainer's clinical default (...
 * Every measure is required, each once, with a source of 1 to
 * NORMS_SOURCE_MAX - 1 bytes. Each body part has its own response time
 * target and band (a median within target +- band meets it; being faster
 * is never a failure); accuracy, the smallest real changes and the days
 * to hold are the same for every part. The smallest real change is the
 * least difference between two measurements that is more than measurement
 * noise; hold_days (a whole number, 1-60) is how many days in a row the
 * targets must hold before moving on to imagined movements; an answer
 * given less than too_fast_ms (0-1000) after the picture appeared is too
 * fast to be a judgement (an anticipation or a stray tap) and is not
 * counted.
 *
 * The touch rows are the progression rule of touch practice (TouchRule,
 * touch.h), whole numbers: touch_up_sessions (1 to TOUCH_UP_SESSIONS_MAX)
 * finished sessions in a row at a step with a discomfort of at most
 * touch_up_discomfort (0-10) move the patient one step up; a discomfort of
 * touch_flare_discomfort (1-10, above touch_up_discomfort) or more is a
 * flare and moves one step down. No published progression rule for
 * desensitization is known, so their source says they are the trainer's
 * default, which the therapist overrides by setting the step. */
#ifndef GMI_NORMS_H
#define GMI_NORMS_H

#include <stddef.h>

#include "touch.h"
#include "trial.h"

#define NORMS_SOURCE_MAX 128

/* The response time target of one body part. */
typedef struct PartNorms {
    double rt_target_s;
    double rt_band_s;
    char rt_source[NORMS_SOURCE_MAX];
} PartNorms;

typedef struct Norms {
    double accuracy_min_pct;
    PartNorms part[LIMB_COUNT];      /* by Limb */
    double rt_real_change_s;         /* smallest real change of response time */
    double accuracy_real_change_pct; /* smallest real change of accuracy, in points */
    int hold_days;                   /* a whole number from 1 to 60 */
    double too_fast_ms;              /* answers faster than this are not judgements; 0-1000 */
    char accuracy_source[NORMS_SOURCE_MAX];
    char real_change_source[NORMS_SOURCE_MAX];
    char hold_source[NORMS_SOURCE_MAX];
    char too_fast_source[NORMS_SOURCE_MAX];
    TouchRule touch; /* touch practice's progression rule */
    char touch_source[NORMS_SOURCE_MAX];
} Norms;

/* The response times that meet the targets of every part in parts (at
 * least one): from the lowest target - band to the highest target + band,
 * in seconds. */
void norms_band(const Norms *n, LimbSet parts, double *lo_s, double *hi_s);

/* Writes the response time aim of parts in words into buf: "about 2.0 ±
 * 0.5 s" when they share one target and band, else "1.1 to 2.5 s". */
void norms_band_words(const Norms *n, LimbSet parts, char *buf, size_t cap);

/* Parses text[0..len) into *out. Returns 0, or -1 with "name:line: what"
 * (or "name: what" for a measure missing or out of step with another) in
 * err (out is then unspecified). Measures that share a source field
 * (a part's target and band; the two real changes; the three touch rows)
 * keep the later row's. */
int norms_parse(const char *text, size_t len, const char *name, Norms *out, char *err,
                size_t errlen);

#endif
