/* The clocks the SDL layer hands to the pure library. */
#ifndef GMI_TIMING_H
#define GMI_TIMING_H

#include <stddef.h>
#include <stdint.h>

/* Nanoseconds of the high-resolution monotonic clock (on Linux
 * CLOCK_MONOTONIC_RAW via SDL_GetPerformanceCounter). Every onset and
 * response stamp comes from here. */
int64_t timing_now_ns(void);

/* The local wall-clock time as ISO 8601 with the UTC offset,
 * e.g. "2026-11-21T09:30:05+01:00". buf needs 32 bytes. */
void timing_iso8601(char *buf, size_t cap);

/* The local time as YYYYMMDD-HHMMSS, for file names. buf needs 16 bytes. */
void timing_file_stamp(char *buf, size_t cap);

/* Seconds since the device started, counting time asleep (Linux
 * CLOCK_BOOTTIME; no one can set it), with the id of that start in boot_id
 * (from /proc/sys/kernel/random/boot_id; "" when it cannot be read, and
 * then the seconds are 0). */
int64_t timing_boot_s(char *boot_id, size_t cap);

/* A seed for a session that was given none. */
uint64_t timing_seed(void);

/* Marks the end of a start-up stage: when GMI_STARTUP_STAMPS is set in the
 * environment, prints "gmi-trainer: startup STAGE NS" on stderr, NS being
 * timing_now_ns() now; otherwise does nothing. bench/harness.c reads these
 * lines to time start-up stage by stage. */
void timing_startup_stage(const char *stage);

#endif
