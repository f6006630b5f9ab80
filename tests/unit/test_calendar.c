/* test_calendar.c — legal dates and the working-day calendar (domain/RULES.md §0).
 *
 * The holiday files in data/holidays are checked day by day against the State Council notices as
 * transcribed in RULES.md §0 (written out again below, independently of the JSON), and periods are
 * checked against counts done by hand: 行政处罚法 Art. 85 (working-day periods), 民法典 Arts.
 * 201 (start day not counted) and 203 (a period ending on a rest day moves to the next working
 * day). Usage: test_calendar [repo-root]; the root may also come from $LANDUN_SRCDIR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/calendar.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/err.h"

static const char *srcdir = "."; /* repository root, for data/holidays */
static struct calendar *cal_all; /* 2022–2026 loaded from data/holidays */

/* ---- helpers ---------------------------------------------------------------------------- */

/* Parse a date that the test knows to be valid. */
static day_t D(const char *s)
{
    day_t d = 0;
    if (date_parse(s, &d) != 0) fail_msg("bad date in test: %s", s);
    return d;
}

/* Read srcdir/data/holidays/<year>.json into a new heap buffer (caller frees). */
static char *read_holiday_file(int year, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/data/holidays/%d.json", srcdir, year);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s (pass the repo root as argv[1] or LANDUN_SRCDIR)", path);
    struct buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return buf_steal(&b);
}

/* Load one year's shipped file into cal, asserting success. */
static void load_year(struct calendar *cal, int year)
{
    size_t len;
    char *json = read_holiday_file(year, &len);
    struct err e = {0};
    int rc = calendar_load_json(cal, json, len, &e);
    free(json);
    if (rc != 0) fail_msg("loading %d.json: %s", year, e.msg);
}

/* Load a JSON string given in the test; returns calendar_load_json's result. */
static int load_str(struct calendar *cal, const char *json, struct err *e)
{
    return calendar_load_json(cal, json, strlen(json), e);
}

/* n working days after start, asserting success. */
static day_t add_workdays(day_t start, int n)
{
    day_t out = 0;
    struct err e = {0};
    if (calendar_add_workdays(cal_all, start, n, &out, &e) != 0) fail_msg("%s", e.msg);
    return out;
}

/* n calendar days after start under 民法典 Art. 203, asserting success. */
static day_t add_days(day_t start, int n)
{
    day_t out = 0;
    struct err e = {0};
    if (calendar_add_days(cal_all, start, n, &out, &e) != 0) fail_msg("%s", e.msg);
    return out;
}

/* Assert two dates are equal, printing both as text on failure. */
#define assert_date(actual, expected)                                                              \
    do {                                                                                           \
        char got_[DATE_STRLEN];                                                                    \
        date_format((actual), got_);                                                               \
        assert_string_equal(got_, (expected));                                                     \
    } while (0)

/* ---- the notices of RULES.md §0, written out independently of data/holidays ------------- */

/* An inclusive range of days off, within one year. */
struct span {
    int m1, d1, m2, d2; /* first and last day (month, day) */
};

/* A 调休 working weekend day. */
struct md {
    int m, d; /* month, day */
};

/* One year's notice as listed in the RULES.md §0 table. */
struct notice {
    int year;               /* the year */
    const struct span *off; /* days off */
    size_t noff;            /* entries in off */
    const struct md *work;  /* 调休 working days */
    size_t nwork;           /* entries in work */
};

/* 国办发明电〔2023〕7号 */
static const struct span off_2024[] = {{1, 1, 1, 1},   {2, 10, 2, 17}, {4, 4, 4, 6},  {5, 1, 5, 5},
                                       {6, 10, 6, 10}, {9, 15, 9, 17}, {10, 1, 10, 7}};
static const struct md work_2024[] = {{2, 4},  {2, 18}, {4, 7},  {4, 28},
                                      {5, 11}, {9, 14}, {9, 29}, {10, 12}};
/* 国办发明电〔2024〕12号 */
static const struct span off_2025[] = {{1, 1, 1, 1}, {1, 28, 2, 4}, {4, 4, 4, 6},
                                       {5, 1, 5, 5}, {5, 31, 6, 2}, {10, 1, 10, 8}};
static const struct md work_2025[] = {{1, 26}, {2, 8}, {4, 27}, {9, 28}, {10, 11}};
/* 2026 notice (gov.cn, 2025-11) */
static const struct span off_2026[] = {{1, 1, 1, 3},   {2, 15, 2, 23}, {4, 4, 4, 6},  {5, 1, 5, 5},
                                       {6, 19, 6, 21}, {9, 25, 9, 27}, {10, 1, 10, 7}};
static const struct md work_2026[] = {{1, 4}, {2, 14}, {2, 28}, {5, 9}, {9, 20}, {10, 10}};

static const struct notice notices[] = {
    {2024, off_2024, countof(off_2024), work_2024, countof(work_2024)},
    {2025, off_2025, countof(off_2025), work_2025, countof(work_2025)},
    {2026, off_2026, countof(off_2026), work_2026, countof(work_2026)},
};

/* What the notice says about day: CAL_RESTDAY or CAL_WORKDAY; *listed tells if it is named. */
static int notice_kind(const struct notice *nt, day_t day, bool *listed)
{
    *listed = true;
    for (size_t i = 0; i < nt->noff; i++) {
        const struct span *s = &nt->off[i];
        if (day >= date_from_ymd(nt->year, s->m1, s->d1) &&
            day <= date_from_ymd(nt->year, s->m2, s->d2))
            return CAL_RESTDAY;
    }
    for (size_t i = 0; i < nt->nwork; i++)
        if (day == date_from_ymd(nt->year, nt->work[i].m, nt->work[i].d)) return CAL_WORKDAY;
    *listed = false;
    return date_weekday(day) <= 5 ? CAL_WORKDAY : CAL_RESTDAY;
}

/* Every day of the notice's year must have the kind the notice gives it; listed days a name. */
static void check_notice(const struct notice *nt)
{
    day_t first = date_from_ymd(nt->year, 1, 1), end = date_from_ymd(nt->year + 1, 1, 1);
    int listed_days = 0;
    for (day_t d = first; d < end; d++) {
        bool listed;
        int want = notice_kind(nt, d, &listed);
        char buf[DATE_STRLEN];
        date_format(d, buf);
        if (calendar_day_kind(cal_all, d) != want)
            fail_msg("%s: calendar says %d, notice says %d", buf, calendar_day_kind(cal_all, d),
                     want);
        if (listed && !calendar_day_name(cal_all, d)) fail_msg("%s: holiday name missing", buf);
        listed_days += listed;
    }
    assert_true(listed_days > 20);
}

/* ---- dates ------------------------------------------------------------------------------ */

static void test_date_parse_accepts_real_dates(void **state)
{
    (void)state;
    day_t d;
    assert_int_equal(date_parse("1970-01-01", &d), 0);
    assert_int_equal(d, 0);
    assert_int_equal(date_parse("1970-01-02", &d), 0);
    assert_int_equal(d, 1);
    assert_int_equal(date_parse("1969-12-31", &d), 0);
    assert_int_equal(d, -1);
    assert_int_equal(date_parse("2024-02-29", &d), 0); /* leap year */
    assert_int_equal(date_parse("2000-02-29", &d), 0); /* divisible by 400: leap */
    assert_int_equal(date_parse("1900-01-01", &d), 0);
    assert_int_equal(d, -25567);
    assert_int_equal(date_parse("2200-12-31", &d), 0);
    assert_int_equal(date_parse("2024-12-31", &d), 0);
    assert_int_equal(d, 20088);
}

static void test_date_parse_rejects_bad_dates(void **state)
{
    (void)state;
    static const char *bad[] = {
        "2023-02-29",  /* not a leap year */
        "1900-02-29",  /* divisible by 100, not 400: not a leap year */
        "2024-13-01",  /* month 13 */
        "2024-00-10",  /* month 0 */
        "2024-04-31",  /* April has 30 days */
        "2024-01-00",  /* day 0 */
        "2024-1-01",   /* month not two digits */
        "2024-01-1",   /* day not two digits */
        "24-01-01",    /* two-digit year */
        "2024-01-01x", /* trailing junk */
        "2024-01-01 ", /* trailing space */
        " 2024-01-01", /* leading space */
        "2024/01/01",  /* wrong separator */
        "2024-01-01T00:00:00",
        "1899-12-31", /* before 1900 */
        "2201-01-01", /* after 2200 */
        "+024-01-01",
        "2024-0a-01",
        "",
        "2024",
        "2024-",
        "2024-01-",
    };
    for (size_t i = 0; i < countof(bad); i++) {
        day_t d = 12345;
        if (date_parse(bad[i], &d) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(d, 12345); /* untouched on failure */
    }
    day_t d;
    assert_int_equal(date_parse(NULL, &d), -1);
}

static void test_date_format_roundtrip_every_day(void **state)
{
    (void)state;
    day_t first = D("1900-01-01"), last = D("2200-12-31");
    int prev_wd = date_weekday(first - 1);
    for (day_t d = first; d <= last; d++) {
        char buf[DATE_STRLEN];
        date_format(d, buf);
        day_t back = 0;
        if (date_parse(buf, &back) != 0 || back != d) fail_msg("%d -> %s -> %d", d, buf, back);
        int y, m, dd;
        date_ymd(d, &y, &m, &dd);
        assert_int_equal(date_from_ymd(y, m, dd), d);
        assert_int_equal(date_year(d), y);
        assert_true(date_valid(y, m, dd));
        int wd = date_weekday(d);
        assert_int_equal(wd, prev_wd % 7 + 1);
        prev_wd = wd;
    }
    assert_int_equal(last - first + 1, 301 * 365 + 73); /* 73 leap years in 1900–2200 */
}

static void test_date_weekday_of_known_dates(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(D("1970-01-01")), 4); /* Thursday */
    assert_int_equal(date_weekday(D("1900-01-01")), 1); /* Monday */
    assert_int_equal(date_weekday(D("2000-01-01")), 6); /* Saturday */
    assert_int_equal(date_weekday(D("2024-01-01")), 1); /* Monday */
    assert_int_equal(date_weekday(D("2024-02-04")), 7); /* Sunday (a 调休 working day) */
    assert_int_equal(date_weekday(D("2024-09-27")), 5); /* Friday */
    assert_int_equal(date_weekday(D("2025-01-26")), 7); /* Sunday */
    assert_int_equal(date_weekday(D("2026-02-14")), 6); /* Saturday */
    assert_int_equal(date_weekday(D("1949-10-01")), 6); /* Saturday */
    assert_int_equal(date_weekday(-1), 3);              /* 1969-12-31, Wednesday */
}

static void test_date_ymd_and_days_in_month(void **state)
{
    (void)state;
    int y, m, d;
    date_ymd(D("2024-02-29"), &y, &m, &d);
    assert_int_equal(y, 2024);
    assert_int_equal(m, 2);
    assert_int_equal(d, 29);
    date_ymd(-25567, &y, NULL, NULL);
    assert_int_equal(y, 1900);
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2100, 2), 28);
    assert_int_equal(date_days_in_month(2024, 13), 0);
    assert_false(date_valid(2023, 2, 29));
    assert_true(date_valid(1600, 2, 29));
}

static void test_date_from_instant_is_shanghai(void **state)
{
    (void)state;
    /* 1970-01-01T00:00Z is 08:00 in Shanghai; the date changes at 16:00Z. */
    assert_int_equal(date_from_instant(0), 0);
    assert_int_equal(date_from_instant(16 * 3600 - 1), 0);
    assert_int_equal(date_from_instant(16 * 3600), 1);
    assert_int_equal(date_from_instant(-8 * 3600), 0);
    assert_int_equal(date_from_instant(-8 * 3600 - 1), -1);
    /* 2024-02-09T16:00:00Z = 2024-02-10 00:00 +08:00 (春节) */
    assert_date(date_from_instant(1707494400), "2024-02-10");
    assert_date(date_from_instant(1707494399), "2024-02-09");
    /* extremes must not overflow */
    (void)date_from_instant(INT64_MAX);
    (void)date_from_instant(INT64_MIN);
}

static void test_date_today_matches_clock(void **state)
{
    (void)state;
    day_t before = date_from_instant(clock_now());
    day_t today = date_today();
    day_t after = date_from_instant(clock_now());
    assert_true(today >= before && today <= after);
    assert_true(date_year(today) >= 2000 && date_year(today) <= DATE_MAX_YEAR);
}

/* LANDUN_NOW sets the clock's start (tests/run.py runs the suite under other dates with it). */
static void test_clock_follows_landun_now(void **state)
{
    (void)state;
    const char *set = getenv("LANDUN_NOW");
    int64_t want, now = clock_now();
    if (set && *set) {
        assert_int_equal(clock_parse(set, &want), 0);
        assert_true(now >= want && now < want + 3600); /* started there, running on since */
    } else {
        int64_t sys = (int64_t)time(NULL);
        assert_true(now >= sys - 1 && now <= sys + 1);
    }
}

static void test_clock_parse(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(clock_parse("2026-12-28T10:00:00+08:00", &t), 0);
    assert_int_equal(t, INT64_C(1798423200));
    assert_int_equal(clock_parse("2026-12-28T02:00:00Z", &t), 0);
    assert_int_equal(t, INT64_C(1798423200));
    assert_int_equal(clock_parse("2026-12-28", &t), 0); /* 10:00 in Asia/Shanghai */
    assert_int_equal(t, INT64_C(1798423200));
    assert_int_equal(clock_parse("2028-02-29T23:59:59-05:30", &t), 0);
    assert_int_equal(date_from_instant(t), date_from_ymd(2028, 3, 1)); /* 13:29:59 on 1 March */
    static const char *bad[] = {"",
                                "2026-12-28T10:00:00",
                                "2026-12-28 10:00:00+08:00",
                                "2027-02-29",
                                "2026-12-28T24:00:00Z",
                                "2026-12-28T10:00:00+08",
                                "2026-12-28T10:00:00+08:00x",
                                "tomorrow"};
    for (size_t i = 0; i < countof(bad); i++)
        if (clock_parse(bad[i], &t) == 0) fail_msg("accepted %s", bad[i]);
}

/* ---- the notices -------------------------------------------------------------------------- */

static void test_rules_0_notice_2024_every_day(void **state)
{
    (void)state;
    check_notice(&notices[0]);
}

static void test_rules_0_notice_2025_every_day(void **state)
{
    (void)state;
    check_notice(&notices[1]);
}

static void test_rules_0_notice_2026_every_day(void **state)
{
    (void)state;
    check_notice(&notices[2]);
}

static void test_rules_0_named_days(void **state)
{
    (void)state;
    assert_int_equal(calendar_day_kind(cal_all, D("2024-02-04")), CAL_WORKDAY); /* Sunday */
    assert_int_equal(calendar_day_kind(cal_all, D("2024-02-18")), CAL_WORKDAY); /* Sunday */
    assert_int_equal(calendar_day_kind(cal_all, D("2024-10-07")), CAL_RESTDAY); /* Monday */
    assert_int_equal(calendar_day_kind(cal_all, D("2025-01-26")), CAL_WORKDAY); /* Sunday */
    assert_int_equal(calendar_day_kind(cal_all, D("2026-02-14")), CAL_WORKDAY); /* Saturday */
    assert_int_equal(calendar_day_kind(cal_all, D("2026-02-28")), CAL_WORKDAY); /* Saturday */
    assert_int_equal(calendar_day_kind(cal_all, D("2024-06-08")), CAL_RESTDAY); /* plain Sat */
    assert_int_equal(calendar_day_kind(cal_all, D("2024-06-07")), CAL_WORKDAY); /* plain Fri */
    assert_string_equal(calendar_day_name(cal_all, D("2024-02-10")), "春节");
    assert_string_equal(calendar_day_name(cal_all, D("2024-10-07")), "国庆节");
    assert_string_equal(calendar_day_name(cal_all, D("2025-05-31")), "端午节");
    assert_string_equal(calendar_day_name(cal_all, D("2026-02-28")), "春节");
    assert_null(calendar_day_name(cal_all, D("2024-06-07")));
    int first, last;
    assert_int_equal(calendar_years(cal_all, &first, &last), 5);
    assert_int_equal(first, 2022);
    assert_int_equal(last, 2026);
    assert_true(calendar_year_known(cal_all, 2024));
    assert_false(calendar_year_known(cal_all, 2027));
}

/* ---- working-day periods (行政处罚法 Art. 85, 民法典 Art. 201) ------------------------------ */

static void test_r_cal_01_punishment_law_85_five_workdays_across_national_day(void **state)
{
    (void)state;
    /* 2024-09-27 Fri. 9/28 Sat rest; 9/29 Sun 调休 (1); 9/30 Mon (2); 10/1–10/7 off;
     * 10/8 (3), 10/9 (4), 10/10 (5). */
    assert_date(add_workdays(D("2024-09-27"), 5), "2024-10-10");
    /* 2025: 9/30 Tue (1); 10/1–10/8 off; 10/9 (2), 10/10 (3); 10/11 Sat 调休 (4); 10/13 Mon (5) */
    assert_date(add_workdays(D("2025-09-29"), 5), "2025-10-13");
}

static void test_r_cal_01_punishment_law_85_workdays_across_spring_festival(void **state)
{
    (void)state;
    /* 2024: 2/9 Fri (1); 2/10–2/17 off; 2/18 Sun 调休 (2); 2/19 Mon (3). */
    assert_date(add_workdays(D("2024-02-08"), 3), "2024-02-19");
    /* 2025: 1/25 Sat rest; 1/26 Sun 调休 (1); 1/27 Mon (2); 1/28–2/4 off; 2/5 (3), 2/6 (4),
     * 2/7 (5); 2/8 Sat 调休 (6); 2/10 Mon (7). */
    assert_date(add_workdays(D("2025-01-24"), 5), "2025-02-07");
    assert_date(add_workdays(D("2025-01-24"), 7), "2025-02-10");
    /* 2026: 2/13 Fri (1); 2/14 Sat 调休 (2); 2/15–2/23 off; 2/24 Tue (3). */
    assert_date(add_workdays(D("2026-02-12"), 3), "2026-02-24");
}

static void test_r_cal_02_civil_code_201_start_day_not_counted(void **state)
{
    (void)state;
    assert_date(add_workdays(D("2024-06-03"), 1), "2024-06-04"); /* Mon -> Tue */
    /* Fri 6/7: 6/8–6/9 weekend, 6/10 端午 -> Tue 6/11 */
    assert_date(add_workdays(D("2024-06-07"), 1), "2024-06-11");
    /* starting on a rest day: the first working day after it is day 1 */
    assert_date(add_workdays(D("2024-10-01"), 1), "2024-10-08");
    assert_date(add_workdays(D("2024-10-01"), 2), "2024-10-09");
}

static void test_workdays_zero_returns_start(void **state)
{
    (void)state;
    assert_date(add_workdays(D("2024-10-03"), 0), "2024-10-03"); /* even a holiday */
    day_t out = 0;
    struct err e = {0};
    /* n = 0 needs no calendar at all */
    assert_int_equal(calendar_add_workdays(cal_all, D("2030-05-05"), 0, &out, &e), 0);
    assert_date(out, "2030-05-05");
}

static void test_workdays_across_year_end(void **state)
{
    (void)state;
    /* 2024-12-31 Tue (1); 2025-01-01 off; 1/2 Thu (2) */
    assert_date(add_workdays(D("2024-12-30"), 2), "2025-01-02");
    /* 2025-12-31 Wed (1); 2026-01-01..03 off; 1/4 Sun 调休 (2) */
    assert_date(add_workdays(D("2025-12-30"), 2), "2026-01-04");
    /* a whole year: 2023 has 260 weekdays, 18 of them holidays (1/2, 1/23–27, 4/5, 5/1–3,
     * 6/22–23, 9/29, 10/2–6), and 7 调休 weekend days (1/28, 1/29, 4/23, 5/6, 6/25, 10/7, 10/8) */
    int n = 0;
    struct err e = {0};
    assert_int_equal(calendar_workdays_between(cal_all, D("2022-12-31"), D("2023-12-31"), &n, &e),
                     0);
    assert_int_equal(n, 249);
    assert_date(add_workdays(D("2022-12-31"), 249), "2023-12-29");
    assert_date(add_workdays(D("2022-12-31"), 250), "2024-01-02");
}

static void test_workdays_between(void **state)
{
    (void)state;
    int n = -1;
    struct err e = {0};
    assert_int_equal(calendar_workdays_between(cal_all, D("2024-09-27"), D("2024-10-10"), &n, &e),
                     0);
    assert_int_equal(n, 5);
    assert_int_equal(calendar_workdays_between(cal_all, D("2024-09-27"), D("2024-09-27"), &n, &e),
                     0);
    assert_int_equal(n, 0);
    assert_int_equal(calendar_workdays_between(cal_all, D("2024-10-10"), D("2024-09-27"), &n, &e),
                     0);
    assert_int_equal(n, 0);
    /* 2024-10-01..07 are all off */
    assert_int_equal(calendar_workdays_between(cal_all, D("2024-09-30"), D("2024-10-07"), &n, &e),
                     0);
    assert_int_equal(n, 0);
}

/* The reference: walk day by day with calendar_day_kind. */
static day_t naive_add_workdays(day_t start, int n)
{
    day_t d = start;
    while (n > 0)
        if (calendar_day_kind(cal_all, ++d) == CAL_WORKDAY) n--;
    return d;
}

static void test_workdays_match_day_by_day_count(void **state)
{
    (void)state;
    static const int ns[] = {0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 60, 90, 200, 300};
    for (day_t s = D("2021-12-31"); s <= D("2025-06-30"); s++) {
        for (size_t i = 0; i < countof(ns); i++) {
            day_t want = naive_add_workdays(s, ns[i]), got = 0;
            struct err e = {0};
            assert_int_equal(calendar_add_workdays(cal_all, s, ns[i], &got, &e), 0);
            if (got != want) fail_msg("start %d n %d: got %d want %d", s, ns[i], got, want);
            int back = -1;
            assert_int_equal(calendar_workdays_between(cal_all, s, got, &back, &e), 0);
            assert_int_equal(back, ns[i]);
        }
    }
}

/* ---- calendar-day periods (民法典 Art. 203) ----------------------------------------------- */

static void test_r_cal_03_civil_code_203_end_on_rest_day_moves(void **state)
{
    (void)state;
    /* 15 days from 2024-09-22 = 2024-10-07 (国庆, off) -> 2024-10-08 */
    assert_date(add_days(D("2024-09-22"), 15), "2024-10-08");
    /* 90 days from 2024-07-03 = 2024-10-01 (off) -> 2024-10-08 */
    assert_date(add_days(D("2024-07-03"), 90), "2024-10-08");
    /* 15 days from 2024-05-17 = Sat 2024-06-01 -> Mon 6/3 (an ordinary weekend moves too) */
    assert_date(add_days(D("2024-05-17"), 15), "2024-06-03");
    /* 60 days from 2025-12-03 = 2026-02-01 (Sun) -> Mon 2026-02-02 */
    assert_date(add_days(D("2025-12-03"), 60), "2026-02-02");
}

static void test_r_cal_03_civil_code_203_working_end_day_stays(void **state)
{
    (void)state;
    /* 15 days from 2024-01-20 = 2024-02-04, a 调休 working Sunday: the period ends that day */
    assert_date(add_days(D("2024-01-20"), 15), "2024-02-04");
    assert_date(add_days(D("2024-06-03"), 15), "2024-06-18"); /* ordinary Tuesday */
    assert_date(add_days(D("2024-06-04"), 0), "2024-06-04");
}

/* ---- unknown years are flagged, never guessed --------------------------------------------- */

static void test_r_cal_06_rules_0_unknown_year_2027_flagged(void **state)
{
    (void)state;
    day_t out = 777;
    struct err e = {0};
    assert_int_equal(calendar_day_kind(cal_all, D("2027-01-04")), CAL_UNKNOWN);
    /* 2026-12-25 Fri: 12/28..12/31 are 4 working days; the 5th is in 2027 */
    assert_int_equal(calendar_add_workdays(cal_all, D("2026-12-25"), 4, &out, &e), 0);
    assert_date(out, "2026-12-31");
    out = 777;
    assert_int_equal(calendar_add_workdays(cal_all, D("2026-12-25"), 5, &out, &e), ERR_INVALID);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.msg, "2027 年的节假日安排尚未载入，无法计算工作日");
    assert_int_equal(out, 777); /* untouched */
    err_clear(&e);
    assert_int_equal(calendar_add_days(cal_all, D("2026-12-20"), 15, &out, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "2027 年"));
    err_clear(&e);
    int n;
    assert_int_equal(calendar_workdays_between(cal_all, D("2026-12-01"), D("2027-01-10"), &n, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "2027 年"));
}

static void test_r_cal_06_rules_0_unknown_year_2021_flagged(void **state)
{
    (void)state;
    day_t out;
    struct err e = {0};
    assert_int_equal(calendar_day_kind(cal_all, D("2021-12-28")), CAL_UNKNOWN);
    assert_int_equal(calendar_add_workdays(cal_all, D("2021-12-28"), 2, &out, &e), ERR_INVALID);
    assert_string_equal(e.msg, "2021 年的节假日安排尚未载入，无法计算工作日");
    err_clear(&e);
    int n;
    assert_int_equal(calendar_workdays_between(cal_all, D("2021-12-01"), D("2022-01-10"), &n, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "2021 年"));
    err_clear(&e);
    /* the last day of 2021 is the start: not counted, so 2021 is not needed */
    assert_int_equal(calendar_add_workdays(cal_all, D("2021-12-31"), 1, &out, &e), 0);
    assert_date(out, "2022-01-04"); /* 2022-01-01..03 元旦 */
    /* beyond the supported range altogether */
    assert_int_equal(calendar_add_workdays(cal_all, INT32_MAX, 1, &out, &e), ERR_INVALID);
    assert_int_equal(calendar_add_days(cal_all, INT32_MAX, INT32_MAX, &out, &e), ERR_INVALID);
    assert_int_equal(calendar_add_workdays(cal_all, INT32_MIN, INT32_MAX, &out, &e), ERR_INVALID);
}

static void test_r_cal_06_rules_0_gap_year_flagged(void **state)
{
    (void)state;
    struct calendar *cal = calendar_new();
    load_year(cal, 2024);
    load_year(cal, 2026);
    day_t out;
    struct err e = {0};
    assert_int_equal(calendar_add_workdays(cal, D("2024-12-30"), 3, &out, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "2025 年"));
    int first, last;
    assert_int_equal(calendar_years(cal, &first, &last), 2);
    assert_int_equal(first, 2024);
    assert_int_equal(last, 2026);
    assert_false(calendar_year_known(cal, 2025));
    calendar_free(cal);
}

static void test_negative_counts_rejected(void **state)
{
    (void)state;
    day_t out;
    struct err e = {0};
    assert_int_equal(calendar_add_workdays(cal_all, D("2024-05-06"), -1, &out, &e), ERR_INVALID);
    assert_true(e.msg[0] != 0);
    err_clear(&e);
    assert_int_equal(calendar_add_days(cal_all, D("2024-05-06"), -1, &out, &e), ERR_INVALID);
    assert_true(e.msg[0] != 0);
}

/* ---- loading and editing ------------------------------------------------------------------ */

static void test_neighbour_year_day_recorded_but_not_known(void **state)
{
    (void)state;
    struct calendar *cal = calendar_new();
    int first = -1, last = -1;
    assert_int_equal(calendar_years(cal, &first, &last), 0);
    assert_int_equal(first, 0);
    assert_int_equal(last, 0);
    load_year(cal, 2023); /* lists 2022-12-31 (元旦) */
    assert_int_equal(calendar_years(cal, &first, &last), 1);
    assert_int_equal(first, 2023);
    assert_int_equal(last, 2023);
    assert_int_equal(calendar_day_kind(cal, D("2022-12-31")), CAL_UNKNOWN);
    assert_string_equal(calendar_day_name(cal, D("2022-12-31")), "元旦");
    calendar_mark_year(cal, 2022);
    assert_int_equal(calendar_day_kind(cal, D("2022-12-31")), CAL_RESTDAY);
    assert_int_equal(calendar_day_kind(cal, D("2022-12-30")), CAL_WORKDAY);
    calendar_free(cal);
}

static void test_load_json_rejects_bad_input_and_changes_nothing(void **state)
{
    (void)state;
    static const char *bad[] = {
        "",
        "not json",
        "[]",
        "{\"days\": []}",
        "{\"year\": \"2024\", \"days\": []}",
        "{\"year\": 1899, \"days\": []}",
        "{\"year\": 2201, \"days\": []}",
        "{\"year\": 2024}",
        "{\"year\": 2024, \"days\": {}}",
        "{\"year\": 2024, \"days\": [1]}",
        "{\"year\": 2024, \"days\": [{\"date\": \"2024-02-30\", \"isOffDay\": true}]}",
        "{\"year\": 2024, \"days\": [{\"date\": \"2024-02-10\", \"isOffDay\": 1}]}",
        "{\"year\": 2024, \"days\": [{\"date\": \"2024-02-10\"}]}",
        "{\"year\": 2024, \"days\": [{\"date\": \"2024-02-10\", \"isOffDay\": true, "
        "\"name\": 5}]}",
        /* two years away */
        "{\"year\": 2024, \"days\": [{\"date\": \"2026-01-01\", \"isOffDay\": true}]}",
        /* the same day twice */
        "{\"year\": 2024, \"days\": [{\"date\": \"2024-05-06\", \"isOffDay\": true}, "
        "{\"date\": \"2024-05-06\", \"isOffDay\": false}]}",
        /* duplicate key */
        "{\"year\": 2024, \"year\": 2024, \"days\": []}",
        /* trailing junk */
        "{\"year\": 2024, \"days\": []} x",
        /* a good entry before a bad one must not be applied */
        "{\"year\": 2024, \"days\": [{\"date\": \"2024-05-06\", \"isOffDay\": true}, "
        "{\"date\": \"2024-05-07\", \"isOffDay\": \"yes\"}]}",
    };
    struct calendar *cal = calendar_new();
    for (size_t i = 0; i < countof(bad); i++) {
        struct err e = {0};
        if (load_str(cal, bad[i], &e) != ERR_INVALID) fail_msg("accepted: %s", bad[i]);
        assert_int_equal(e.code, ERR_INVALID);
        assert_true(e.msg[0] != 0);
    }
    assert_int_equal(calendar_years(cal, NULL, NULL), 0);
    assert_null(calendar_day_name(cal, D("2024-05-06")));
    calendar_mark_year(cal, 2024);
    assert_int_equal(calendar_day_kind(cal, D("2024-05-06")), CAL_WORKDAY); /* Monday */
    calendar_free(cal);
}

static void test_load_json_small_document(void **state)
{
    (void)state;
    struct calendar *cal = calendar_new();
    struct err e = {0};
    const char *doc = "{\"year\": 2030, \"days\": ["
                      "{\"name\": \"元旦\", \"date\": \"2030-01-01\", \"isOffDay\": true},"
                      "{\"name\": \"春节\", \"date\": \"2030-01-05\", \"isOffDay\": false},"
                      "{\"name\": \"元旦\", \"date\": \"2029-12-31\", \"isOffDay\": true}]}";
    assert_int_equal(load_str(cal, doc, &e), 0);
    assert_int_equal(calendar_day_kind(cal, D("2030-01-01")), CAL_RESTDAY); /* Tuesday */
    assert_int_equal(calendar_day_kind(cal, D("2030-01-05")), CAL_WORKDAY); /* Saturday */
    assert_int_equal(calendar_day_kind(cal, D("2030-01-06")), CAL_RESTDAY); /* Sunday */
    assert_int_equal(calendar_day_kind(cal, D("2029-12-31")), CAL_UNKNOWN);
    assert_string_equal(calendar_day_name(cal, D("2029-12-31")), "元旦");
    day_t out;
    /* 2030-01-02 Wed (1), 01-03 (2), 01-04 (3), 01-05 Sat 调休 (4), 01-07 Mon (5) */
    assert_int_equal(calendar_add_workdays(cal, D("2030-01-01"), 5, &out, &e), 0);
    assert_date(out, "2030-01-07");
    calendar_free(cal);
}

static void test_set_and_clear_day(void **state)
{
    (void)state;
    struct calendar *cal = calendar_new();
    calendar_mark_year(cal, 2030);
    calendar_mark_year(cal, 2030); /* twice counts once */
    calendar_mark_year(cal, 1800); /* out of range: ignored */
    assert_int_equal(calendar_years(cal, NULL, NULL), 1);
    day_t tue = D("2030-01-01"), sat = D("2030-01-05");
    assert_int_equal(calendar_day_kind(cal, tue), CAL_WORKDAY);
    calendar_set_day(cal, tue, true, "元旦");
    calendar_set_day(cal, sat, false, NULL);
    assert_int_equal(calendar_day_kind(cal, tue), CAL_RESTDAY);
    assert_string_equal(calendar_day_name(cal, tue), "元旦");
    assert_int_equal(calendar_day_kind(cal, sat), CAL_WORKDAY);
    assert_null(calendar_day_name(cal, sat));
    day_t out;
    struct err e = {0};
    assert_int_equal(calendar_add_workdays(cal, D("2029-12-31"), 1, &out, &e), 0);
    assert_date(out, "2030-01-02");
    calendar_set_day(cal, tue, true, "新年"); /* renamed */
    assert_string_equal(calendar_day_name(cal, tue), "新年");
    calendar_clear_day(cal, tue);
    calendar_clear_day(cal, D("2040-01-01")); /* nothing recorded there: harmless */
    assert_int_equal(calendar_day_kind(cal, tue), CAL_WORKDAY);
    assert_null(calendar_day_name(cal, tue));
    assert_int_equal(calendar_add_workdays(cal, D("2029-12-31"), 1, &out, &e), 0);
    assert_date(out, "2030-01-01");
    calendar_set_day(cal, date_from_ymd(1850, 1, 1), true, "x"); /* out of range: ignored */
    calendar_free(cal);
    calendar_free(NULL);
}

/* ---- main --------------------------------------------------------------------------------- */

/* Load 2022–2026 from data/holidays once for the tests that use cal_all. */
static int setup(void **state)
{
    (void)state;
    cal_all = calendar_new();
    for (int y = 2022; y <= 2026; y++)
        load_year(cal_all, y);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal_all);
    return 0;
}

int main(int argc, char **argv)
{
    const char *env = getenv("LANDUN_SRCDIR");
    if (argc > 1)
        srcdir = argv[1];
    else if (env && *env)
        srcdir = env;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse_accepts_real_dates),
        cmocka_unit_test(test_date_parse_rejects_bad_dates),
        cmocka_unit_test(test_date_format_roundtrip_every_day),
        cmocka_unit_test(test_date_weekday_of_known_dates),
        cmocka_unit_test(test_date_ymd_and_days_in_month),
        cmocka_unit_test(test_date_from_instant_is_shanghai),
        cmocka_unit_test(test_date_today_matches_clock),
        cmocka_unit_test(test_clock_follows_landun_now),
        cmocka_unit_test(test_clock_parse),
        cmocka_unit_test(test_rules_0_notice_2024_every_day),
        cmocka_unit_test(test_rules_0_notice_2025_every_day),
        cmocka_unit_test(test_rules_0_notice_2026_every_day),
        cmocka_unit_test(test_rules_0_named_days),
        cmocka_unit_test(test_r_cal_01_punishment_law_85_five_workdays_across_national_day),
        cmocka_unit_test(test_r_cal_01_punishment_law_85_workdays_across_spring_festival),
        cmocka_unit_test(test_r_cal_02_civil_code_201_start_day_not_counted),
        cmocka_unit_test(test_workdays_zero_returns_start),
        cmocka_unit_test(test_workdays_across_year_end),
        cmocka_unit_test(test_workdays_between),
        cmocka_unit_test(test_workdays_match_day_by_day_count),
        cmocka_unit_test(test_r_cal_03_civil_code_203_end_on_rest_day_moves),
        cmocka_unit_test(test_r_cal_03_civil_code_203_working_end_day_stays),
        cmocka_unit_test(test_r_cal_06_rules_0_unknown_year_2027_flagged),
        cmocka_unit_test(test_r_cal_06_rules_0_unknown_year_2021_flagged),
        cmocka_unit_test(test_r_cal_06_rules_0_gap_year_flagged),
        cmocka_unit_test(test_negative_counts_rejected),
        cmocka_unit_test(test_neighbour_year_day_recorded_but_not_known),
        cmocka_unit_test(test_load_json_rejects_bad_input_and_changes_nothing),
        cmocka_unit_test(test_load_json_small_document),
        cmocka_unit_test(test_set_and_clear_day),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
