/* What the benchmark programs share: the clock the trainer stamps with,
 * sorting for percentiles, and reading a data file. */
#ifndef GMI_BENCH_MEASURE_H
#define GMI_BENCH_MEASURE_H

#include <stdint.h>
#include <stdio.h>
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

/* Reads up to cap - 1 bytes of the file at path into buf; returns how many
 * (0 when it cannot be read, which the data file's parser then refuses). */
static inline size_t measure_read_text(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    size_t len = f ? fread(buf, 1, cap - 1, f) : 0;
    if (f)
        fclose(f);
    return len;
}

#endif
