/* calendar.h — the working-day calendar: which days are working days, and periods counted on it.
 *
 * Working day = Monday–Friday, minus the holidays of that year's State Council notice
 * (《国务院办公厅关于X年部分节假日安排的通知》), plus its 调休 working weekend days
 * (domain/RULES.md §0). The calendar is data: one holiday-cn JSON file per year
 * (data/holidays/YYYY.json).
 *
 * A year whose notice is not loaded is counted provisionally (暂定) when the movable dates of its
 * statutory holidays are known (calendar_load_movable, data/holidays/movable.tsv): its rest days
 * are then the weekends and the holidays of 《全国年节及纪念日放假办法》 in force that year, a
 * holiday on a Saturday or Sunday made up on the next working day (第六条), with no 调休. Every
 * count that touched such a year says so (calendar_provisional_between), so that the deadline is
 * marked and recomputed once the notice is loaded. A year with neither is "unknown", and a count
 * that reaches into it fails with a message naming that year: a deadline is never guessed.
 *
 * Periods follow 民法典 Arts. 201–203: the start day is not counted, and a period whose last day
 * is a rest day ends on the next working day.
 *
 * Threads: build the calendar (calendar_new, calendar_load_json, calendar_load_movable,
 * calendar_mark_year, calendar_set_day, calendar_clear_day) in one thread; afterwards it is
 * read-only and any number of threads may call the const functions concurrently without locking. To
 * change a calendar that is in use, build a new one and swap the pointer.
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

/* One day a notice lists. */
struct cal_notice_day {
    day_t day;        /* the date */
    bool off;         /* true: a holiday (休息); false: a 调休 working weekend day */
    const char *name; /* 春节; owned by the notice */
};

/* A year's notice read from a holiday-cn file (calendar_notice_parse). */
struct cal_notice {
    int year;                    /* the year it arranges */
    const char *source;          /* its first "papers" entry (the notice's address), or NULL */
    struct cal_notice_day *days; /* sorted by day; may include days of the neighbouring years */
    size_t ndays;                /* entries in days */
    void *doc;                   /* the parsed document, which owns the strings */
};

/* Called with each problem a holiday file has: item is the 1-based entry of "days" it concerns,
 * or 0 for the file as a whole; msg is Chinese and names the entry. */
typedef void (*cal_problem_fn)(void *arg, int item, const char *msg);

/* Read a holiday-cn file ({"year": 2024, "papers": […], "days": [{"name": "春节",
 * "date": "2024-02-10", "isOffDay": true}, …]}) as strictly as any import: every problem is
 * reported to problem (may be NULL), not only the first. Besides the format (known keys only,
 * real dates of the year or its neighbours, each day once, names of 1–20 characters) it checks
 * the arrangement: a 调休 working day must be a Saturday or Sunday, the file must list days of its
 * own year, and, when cal has the movable dates of the year, every statutory holiday falling on a
 * weekday must be listed as off. Returns 0 with *out filled (free with calendar_notice_free), or
 * ERR_INVALID with e->msg saying how many problems and the first. json need not be
 * NUL-terminated. */
int calendar_notice_parse(const struct calendar *cal, const char *json, size_t len,
                          struct cal_notice *out, cal_problem_fn problem, void *arg, struct err *e);
/* Free what calendar_notice_parse filled in. NULL and a zeroed notice are ignored. */
void calendar_notice_free(struct cal_notice *n);
/* Record the notice's days in cal (overwriting days already recorded) and make its year known;
 * listed days of the neighbouring years are recorded but do not make those years known. */
void calendar_apply_notice(struct calendar *cal, const struct cal_notice *n);
/* calendar_notice_parse and calendar_apply_notice in one: 0, or ERR_INVALID (e filled) with the
 * calendar left exactly as it was. */
int calendar_load_json(struct calendar *cal, const char *json, size_t len, struct err *e);
/* Mark year as known (its special days, if any, are set separately). Years outside
 * DATE_MIN_YEAR..DATE_MAX_YEAR are ignored. */
void calendar_mark_year(struct calendar *cal, int year);
/* Record day as a holiday (off = true) or a 调休 working day (off = false) with an optional name
 * (copied; NULL for none). Days outside DATE_MIN_YEAR..DATE_MAX_YEAR are ignored. */
void calendar_set_day(struct calendar *cal, day_t day, bool off, const char *name);
/* Forget a recorded special day: it follows the Monday–Friday rule again. */
void calendar_clear_day(struct calendar *cal, day_t day);

/* The movable dates of the statutory holidays, one year a line (data/holidays/movable.tsv:
 * "year<TAB>chunjie<TAB>qingming<TAB>duanwu<TAB>zhongqiu", 正月初一 and the 清明, 端午 and 中秋
 * days; lines starting with '#' and the header line are skipped). Every listed year from
 * CAL_STATUTORY_FROM on whose notice is not loaded becomes provisional. Returns 0, or
 * ERR_INVALID naming the line, in which case the calendar is left as it was. */
int calendar_load_movable(struct calendar *cal, const char *tsv, size_t len, struct err *e);

/* The first year the provisional rules cover: 国务院令第644号 (the 2013 revision) took effect on
 * 2014-01-01. */
#define CAL_STATUTORY_FROM 2014
/* The most statutory holidays and make-up days a year can have. */
#define CAL_STATUTORY_MAX 32

/* One statutory holiday of a year, as the provisional rules give it. */
struct cal_holiday {
    day_t day;        /* the date it is off */
    const char *name; /* 春节 (static) */
    bool makeup;      /* a 补假 day for a holiday that fell on a weekend or on another holiday */
};
/* The statutory holidays of year under the revision in force then, make-up days included, in
 * date order, into out; returns how many (0 when the movable dates of year are not loaded or
 * the year is before CAL_STATUTORY_FROM). *basis, when not NULL, gets the revision's citation
 * (static). */
int calendar_statutory(const struct calendar *cal, int year,
                       struct cal_holiday out[CAL_STATUTORY_MAX], const char **basis);

/* CAL_WORKDAY, CAL_RESTDAY, or CAL_UNKNOWN when the day's year is neither known nor provisional. */
int calendar_day_kind(const struct calendar *cal, day_t day);
/* The holiday name recorded for day ("春节"), or NULL. Owned by the calendar: valid until the
 * day is set or cleared again or the calendar is freed. */
const char *calendar_day_name(const struct calendar *cal, day_t day);
/* True when year's notice is loaded. */
bool calendar_year_known(const struct calendar *cal, int year);
/* True when year's notice is not loaded and the year is counted provisionally. */
bool calendar_year_provisional(const struct calendar *cal, int year);
/* True when a day after from, up to and including to, lies in a provisional year: a count over
 * that span is provisional. False when to <= from. */
bool calendar_provisional_between(const struct calendar *cal, day_t from, day_t to);
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
