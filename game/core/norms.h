/* Published targets the results are shown against, read from data/norms.csv:
 *   measure,value,source
 *   accuracy_min_pct,80,NOI Group
 *   rt_target_s,2.0,European Pain Federation
 *   rt_band_s,0.5,European Pain Federation
 * All three measures are required, each once. */
#ifndef GMI_NORMS_H
#define GMI_NORMS_H

#include <stddef.h>

#define NORMS_SOURCE_MAX 96

typedef struct Norms {
    double accuracy_min_pct;
    double rt_target_s;
    double rt_band_s;
    char accuracy_source[NORMS_SOURCE_MAX];
    char rt_source[NORMS_SOURCE_MAX];
} Norms;

/* Parses text[0..len) into *out. Returns 0, or -1 with "name:line: what"
 * in err (out is then unspecified). */
int norms_parse(const char *text, size_t len, const char *name, Norms *out, char *err,
                size_t errlen);

#endif
