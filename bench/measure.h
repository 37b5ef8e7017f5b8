/* What the benchmark programs share: the clock the trainer stamps with, and
 * sorting for percentiles. */
#ifndef GMI_BENCH_MEASURE_H
#define GMI_BENCH_MEASURE_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* Nanoseconds of CLOCK_MONOTONIC_RAW. */
static inline int64_t measure_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_RAW, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static inline int measure_compare_ns(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Sorts ns[0..n) and returns its p-th percentile (0 <= p <= 100) in ms. */
static inline double measure_percentile_ms(int64_t *ns, int n, int p)
{
    qsort(ns, (size_t)n, sizeof *ns, measure_compare_ns);
    int i = (int)((long)n * p / 100);
    return (double)ns[i < n ? i : n - 1] / 1e6;
}

#endif
