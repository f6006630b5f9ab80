/* date.h — legal dates: whole days in Asia/Shanghai, no time of day, no time zone arithmetic.
 *
 * A legal date (the day a decision was served, the last day of a period) is a day_t: the number of
 * days since 1970-01-01 in the proleptic Gregorian calendar. Instants (int64 UTC seconds) become
 * dates through date_from_instant(), which uses China Standard Time (UTC+8, no daylight saving).
 * All functions are pure or read only the clock, so they are safe from any thread.
 */
#ifndef LANDUN_DATE_H
#define LANDUN_DATE_H

#include "base/util.h"

/* Days since 1970-01-01 (negative before). */
typedef int32_t day_t;

#define DATE_MIN_YEAR 1900 /* earliest year date_parse accepts */
#define DATE_MAX_YEAR 2200 /* latest year date_parse accepts */
#define DATE_STRLEN   11   /* bytes for "YYYY-MM-DD" and its NUL */

/* True when y-m-d is a real Gregorian date (any year; leap years by the Gregorian rule). */
bool date_valid(int y, int m, int d);
/* Days in month m (1–12) of year y; 0 when m is out of range. */
int date_days_in_month(int y, int m);
/* Parse exactly "YYYY-MM-DD" (a real date, years DATE_MIN_YEAR..DATE_MAX_YEAR, nothing before or
 * after) into *out; 0 on success, -1 otherwise (*out untouched). */
int date_parse(const char *s, day_t *out);
/* Parse a date as spreadsheets and other systems write it: "2026-11-03", "2026-11-3",
 * "2026/11/3", "2026.11.3" or "2026年11月3日", each alone or followed by a time of day ("09:12",
 * "09:12:00", "09:12:00.5") after spaces or a T; "20261103"; or an Excel date serial of five or
 * six digits, as a date-and-time cell without a date format reads ("46329" or "46329.3875": the
 * fraction is the time of day). The time of day is checked and dropped. White space around is
 * ignored; years DATE_MIN_YEAR..DATE_MAX_YEAR. 0 on success, -1 otherwise (*out untouched). */
int date_parse_loose(const char *s, day_t *out);
/* Write d as "YYYY-MM-DD" into out (NUL-terminated). Years outside 0–9999 are clamped to that
 * range, which never happens for dates that came from date_parse. */
void date_format(day_t d, char out[DATE_STRLEN]);
/* Split d into year, month (1–12) and day of month (1–31). Any pointer may be NULL. */
void date_ymd(day_t d, int *y, int *m, int *dd);
/* The year of d. */
int date_year(day_t d);
/* The day number of y-m-d. The arguments should satisfy date_valid(); otherwise the result is
 * defined but meaningless (a day near the intended one). */
day_t date_from_ymd(int y, int m, int d);
/* The corresponding day months after d, or that month's end when it has none (民法典
 * 第二百零二条: 2027-03-31 + 6 → 2027-09-30). Callers: law/case_enforcement.c. */
day_t date_add_months(day_t d, int months);
/* Day of the week: 1 = Monday … 7 = Sunday (ISO 8601). */
int date_weekday(day_t d);
/* The Asia/Shanghai (fixed UTC+8) date of an instant given in seconds since the Unix epoch. */
day_t date_from_instant(int64_t utc_seconds);
/* The first instant of day d in Asia/Shanghai (its 00:00, UTC+8), seconds since the Unix epoch:
 * "changed on or after that day" is ">= date_instant(d)". */
int64_t date_instant(day_t d);
#define INSTANT_STRLEN 20 /* bytes for "YYYY-MM-DD HH:MM:SS" and its NUL */
/* The Asia/Shanghai local time of an instant as "YYYY-MM-DD HH:MM:SS" into out. */
void instant_format(int64_t utc_seconds, char out[INSTANT_STRLEN]);
/* Today's date in Asia/Shanghai, from the system clock. */
day_t date_today(void);

#endif
