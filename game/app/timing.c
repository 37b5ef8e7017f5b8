#include "timing.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t timing_now_ns(void)
{
    static Uint64 freq;
    if (!freq)
        freq = SDL_GetPerformanceFrequency();
    Uint64 c = SDL_GetPerformanceCounter();
    /* Split to avoid overflow of c * 1e9 while keeping full resolution. */
    return (int64_t)((c / freq) * 1000000000u + (c % freq) * 1000000000u / freq);
}

void timing_iso8601(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm local;
    char zone[8];
    if (!localtime_r(&now, &local) || strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &local) == 0 ||
        strftime(zone, sizeof zone, "%z", &local) != 5) {
        snprintf(buf, cap, "1970-01-01T00:00:00+00:00");
        return;
    }
    /* %z gives +hhmm; ISO 8601 extended format wants +hh:mm. */
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%.3s:%.2s", zone, zone + 3);
}

void timing_file_stamp(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm local;
    if (!localtime_r(&now, &local) || strftime(buf, cap, "%Y%m%d-%H%M%S", &local) == 0)
        snprintf(buf, cap, "%lld", (long long)now);
}

uint64_t timing_seed(void)
{
    uint64_t t = (uint64_t)time(NULL);
    return (t << 32) ^ SDL_GetPerformanceCounter();
}

int64_t timing_boot_s(char *boot_id, size_t cap)
{
    struct timespec ts;
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
    bool known = f && fgets(boot_id, (int)cap, f) && clock_gettime(CLOCK_BOOTTIME, &ts) == 0;
    if (f)
        fclose(f);
    if (!known) {
        boot_id[0] = '\0';
        return 0;
    }
    boot_id[strcspn(boot_id, "\n")] = '\0';
    return (int64_t)ts.tv_sec;
}

void timing_startup_stage(const char *stage)
{
    static int wanted = -1;
    if (wanted < 0)
        wanted = getenv("GMI_STARTUP_STAMPS") != NULL;
    if (wanted)
        fprintf(stderr, "gmi-trainer: startup %s %lld\n", stage, (long long)timing_now_ns());
}
