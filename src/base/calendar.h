/* calendar.h — the working-day calendar: which days are working days, and periods counted on it.
 *
 * Working day = Monday–Friday, minus the holidays of that year's State Council notice
 * (《国务院办公厅关于X年部分节假日安排的通知》), plus its 调休 working weekend days
 * (domain/RULES.md §0). The calendar is data: one holiday-cn JSON file per year
 * (data/holidays/YYYY.json). A year whose notice is not loaded is "unknown", and every count
 * that reaches into it fails with a message naming that year: a deadline is never guessed.
 *
 * Periods follow 民法典 Arts. 201–203: the start day is not counted, and a period whose last day
 * is a rest day ends on the next working day.
 *
 * Threads: build the calendar (calendar_new, calendar_load_json, calendar_mark_year,
 * calendar_set_day, calendar_clear_day) in one thread; afterwards it is read-only and any number
 * of threads may call the const functions concurrently without locking. To change a calendar
 * that is in use, build a new one and swap the pointer.
 *
 * Cost: calendar_day_kind and calendar_day_name are O(1); calendar_add_workdays and
 * calendar_workdays_between are O(log 366) per year crossed (prefix sums of working days).
 */
#ifndef LANDUN_CALENDAR_H
#define LANDUN_CALENDAR_H

#include "base/date.h"
#include "base/err.h"

struct calendar;

/* What calendar_day_kind says about a day. */
enum cal_kind {
    CAL_UNKNOWN = -1, /* the day's year is not loaded: cannot tell */
    CAL_RESTDAY = 0,  /* weekend or holiday (休息日, 法定节假日) */
    CAL_WORKDAY = 1,  /* working day, including a 调休 weekend day */
};

/* A new empty calendar (no year known). Never NULL; free with calendar_free. */
struct calendar *calendar_new(void);
/* Free the calendar and the holiday names it holds. NULL is ignored. */
void calendar_free(struct calendar *cal);

/* Load one year in the holiday-cn format ({"year": 2024, "days": [{"name": "春节",
 * "date": "2024-02-10", "isOffDay": true}, …]}). The file's year becomes known; listed days of
 * the neighbouring years are recorded but do not make those years known. Days already recorded
 * are overwritten. Returns 0, or ERR_INVALID with a Chinese message in e, in which case the
 * calendar is left exactly as it was. json need not be NUL-terminated. */
int calendar_load_json(struct calendar *cal, const char *json, size_t len, struct err *e);
/* Mark year as known (its special days, if any, are set separately). Years outside
 * DATE_MIN_YEAR..DATE_MAX_YEAR are ignored. */
void calendar_mark_year(struct calendar *cal, int year);
/* Record day as a holiday (off = true) or a 调休 working day (off = false) with an optional name
 * (copied; NULL for none). Days outside DATE_MIN_YEAR..DATE_MAX_YEAR are ignored. */
void calendar_set_day(struct calendar *cal, day_t day, bool off, const char *name);
/* Forget a recorded special day: it follows the Monday–Friday rule again. */
void calendar_clear_day(struct calendar *cal, day_t day);

/* CAL_WORKDAY, CAL_RESTDAY, or CAL_UNKNOWN when the day's year is not known. */
int calendar_day_kind(const struct calendar *cal, day_t day);
/* The holiday name recorded for day ("春节"), or NULL. Owned by the calendar: valid until the
 * day is set or cleared again or the calendar is freed. */
const char *calendar_day_name(const struct calendar *cal, day_t day);
/* True when year's notice is loaded. */
bool calendar_year_known(const struct calendar *cal, int year);
/* The number of known years, and the first and last of them (0 and 0 when none). The known years
 * need not be contiguous; check each with calendar_year_known. first/last may be NULL. */
int calendar_years(const struct calendar *cal, int *first, int *last);

/* The day n working days after start (start itself is not counted, 民法典 Art. 201); n = 0 gives
 * start. Fails with ERR_INVALID and a message naming the year when the count reaches a year that
 * is not known, or when n < 0. *out is set only on success. */
int calendar_add_workdays(const struct calendar *cal, day_t start, int n, day_t *out,
                          struct err *e);
/* The number of working days after from, up to and including to (0 when to <= from). Fails like
 * calendar_add_workdays when a year in between is not known. */
int calendar_workdays_between(const struct calendar *cal, day_t from, day_t to, int *out,
                              struct err *e);
/* A period of n calendar days (15 days, 90 days): start + n, moved to the next working day when
 * that day is a rest day (民法典 Art. 203). Only the years of the end day (and of the days it
 * moves through) must be known. n >= 0. */
int calendar_add_days(const struct calendar *cal, day_t start, int n, day_t *out, struct err *e);

#endif
