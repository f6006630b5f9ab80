/* clock.h — the one clock "now" is read from: the system clock, or a clock set for tests and
 * demonstrations with LANDUN_NOW.
 *
 * LANDUN_NOW=2026-12-28T10:00:00+08:00 (or a date, YYYY-MM-DD, meaning 10:00 that day in
 * Asia/Shanghai) makes the process start at that instant; the clock then runs on at the normal
 * pace, so timeouts and expiry behave as they would. The domain never reads the clock itself:
 * the server, the command line and the tests read it here and pass "now" in struct ctx. */
#ifndef LANDUN_CLOCK_H
#define LANDUN_CLOCK_H

#include <stdint.h>

/* The current instant, UTC seconds. Aborts with a message when LANDUN_NOW is set but not a valid
 * instant (a test run on a wrong date would pass for the wrong reason). Thread-safe. */
int64_t clock_now(void);

/* Parse LANDUN_NOW's format (YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM) into UTC
 * seconds; 0 on success, -1 otherwise. */
int clock_parse(const char *s, int64_t *out);

#endif
