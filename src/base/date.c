/* date.c — day numbers and the proleptic Gregorian calendar.
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days ("chrono-Compatible
 * Low-Level Date Algorithms"): exact for every day, no tables, no loops, no time zone database.
 */
#include "base/date.h"
#include "base/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define SECONDS_PER_DAY 86400
#define CST_OFFSET      (8 * 3600) /* Asia/Shanghai: UTC+8 all year, no daylight saving */

/* Day number of y-m-d computed in 64 bits so no argument can overflow. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] from 1 March */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Split a day number (64-bit, so callers may pass day_t arithmetic results) into y-m-d. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* True for Gregorian leap years. */
static bool leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

day_t date_add_months(day_t d, int months)
{
    int y, m, dd;
    date_ymd(d, &y, &m, &dd);
    m += months;
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    int last = date_days_in_month(y, m);
    return date_from_ymd(y, m, dd > last ? last : dd);
}

bool date_valid(int y, int m, int d)
{
    return d >= 1 && d <= date_days_in_month(y, m);
}

/* Value of the n ASCII digits at s, or -1 if any of them is not a digit. */
static int parse_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int date_parse(const char *s, day_t *out)
{
    if (!s) return -1;
    /* Check the separators and the end first: parse_digits never reads past a NUL it rejects. */
    int y = parse_digits(s, 4);
    if (y < 0 || s[4] != '-') return -1;
    int m = parse_digits(s + 5, 2);
    if (m < 0 || s[7] != '-') return -1;
    int d = parse_digits(s + 8, 2);
    if (d < 0 || s[10] != 0) return -1;
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || !date_valid(y, m, d)) return -1;
    *out = date_from_ymd(y, m, d);
    return 0;
}

/* ---- dates as other systems write them ---------------------------------------------------- */

/* The value of the 1 to max ASCII digits at *p, moving *p past them; -1 (and *p unmoved) when
 * there is no digit. */
static int take_digits(const char **p, int max)
{
    int v = 0, n = 0;
    for (; n < max && (*p)[n] >= '0' && (*p)[n] <= '9'; n++)
        v = v * 10 + ((*p)[n] - '0');
    *p += n;
    return n ? v : -1;
}

/* The number of ASCII digits at *p, moving *p past them. */
static size_t skip_digits(const char **p)
{
    size_t n = 0;
    while ((*p)[n] >= '0' && (*p)[n] <= '9')
        n++;
    *p += n;
    return n;
}

/* True when p is exactly a time of day: "9:12", "09:12:00" or "09:12:00.250". */
static bool time_of_day(const char *p)
{
    int h = take_digits(&p, 2);
    if (h < 0 || h > 23 || *p++ != ':') return false;
    const char *start = p;
    if (take_digits(&p, 2) > 59 || p - start != 2) return false;
    if (*p == ':') {
        start = ++p;
        if (take_digits(&p, 2) > 59 || p - start != 2) return false;
        if (*p == '.') {
            p++;
            if (!skip_digits(&p)) return false;
        }
    }
    return *p == 0;
}

/* y-m-d as a day when it is a real date in the accepted years. */
static int ymd_day(int y, int m, int d, day_t *out)
{
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || !date_valid(y, m, d)) return -1;
    *out = date_from_ymd(y, m, d);
    return 0;
}

/* "2026-11-3", "2026/11/03", "2026.11.3" or "2026年11月3日", then nothing or a time of day after
 * spaces or a T. */
static int separated_date(const char *p, day_t *out)
{
    const char *start = p;
    int y = take_digits(&p, 4), m, d;
    if (p - start != 4) return -1;
    if (str_prefix(p, "年")) {
        p += strlen("年");
        m = take_digits(&p, 2);
        if (!str_prefix(p, "月")) return -1;
        p += strlen("月");
        d = take_digits(&p, 2);
        if (!str_prefix(p, "日")) return -1;
        p += strlen("日");
    } else {
        char sep = *p;
        if (sep != '-' && sep != '/' && sep != '.') return -1;
        p++;
        m = take_digits(&p, 2);
        if (*p++ != sep) return -1;
        d = take_digits(&p, 2);
    }
    if (*p == 'T') {
        p++;
    } else if (*p == ' ') {
        while (*p == ' ')
            p++;
    } else if (*p) {
        return -1;
    }
    if (*p && !time_of_day(p)) return -1;
    return ymd_day(y, m, d, out);
}

/* "20261103", or an Excel serial of five or six digits with its time of day as a fraction. */
static int digit_date(const char *p, day_t *out)
{
    const char *start = p;
    int v = take_digits(&p, 8);
    size_t n = (size_t)(p - start);
    if (n == 8 && !*p) return ymd_day(v / 10000, v / 100 % 100, v % 100, out);
    if (n < 5 || n > 6 || v < 10000) return -1;
    if (*p == '.') {
        p++;
        if (!skip_digits(&p)) return -1;
    }
    if (*p) return -1;
    /* the 1900 date system, counted from 1899-12-30 past Excel's phantom 1900-02-29; five
     * digits start in 1927 */
    day_t d = date_from_ymd(1899, 12, 30) + v;
    if (date_year(d) < DATE_MIN_YEAR || date_year(d) > DATE_MAX_YEAR) return -1;
    *out = d;
    return 0;
}

int date_parse_loose(const char *s, day_t *out)
{
    if (!s) return -1;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    char text[40];
    if (!n || n >= sizeof text) return -1;
    memcpy(text, s, n);
    text[n] = 0;
    if (text[0] < '0' || text[0] > '9') return -1;
    return separated_date(text, out) == 0 ? 0 : digit_date(text, out);
}

/* Write v as exactly n decimal digits (v must be non-negative and fit). */
static void put_digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void date_format(day_t d, char out[DATE_STRLEN])
{
    int y, m, dd;
    date_ymd(d, &y, &m, &dd);
    if (y < 0) y = 0;
    if (y > 9999) y = 9999;
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, dd, 2);
    out[10] = 0;
}

void date_ymd(day_t d, int *y, int *m, int *dd)
{
    int64_t yy;
    int mm, day;
    civil_from_days(d, &yy, &mm, &day);
    if (y) *y = (int)yy; /* |year| < 6 million for any int32 day number */
    if (m) *m = mm;
    if (dd) *dd = day;
}

int date_year(day_t d)
{
    int y;
    date_ymd(d, &y, NULL, NULL);
    return y;
}

day_t date_from_ymd(int y, int m, int d)
{
    return (day_t)days_from_civil(y, m, d);
}

int date_weekday(day_t d)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = ((int64_t)d + 3) % 7;
    if (w < 0) w += 7;
    return (int)w + 1;
}

day_t date_from_instant(int64_t utc_seconds)
{
    /* Floor division first, then add the offset to the remainder: no overflow at the extremes. */
    int64_t q = utc_seconds / SECONDS_PER_DAY, r = utc_seconds % SECONDS_PER_DAY;
    if (r < 0) {
        r += SECONDS_PER_DAY;
        q--;
    }
    if (r + CST_OFFSET >= SECONDS_PER_DAY) q++;
    return (day_t)q;
}

int64_t date_instant(day_t d)
{
    return (int64_t)d * SECONDS_PER_DAY - CST_OFFSET;
}

void instant_format(int64_t utc_seconds, char out[INSTANT_STRLEN])
{
    char day[DATE_STRLEN];
    date_format(date_from_instant(utc_seconds), day);
    int64_t second =
        ((utc_seconds + CST_OFFSET) % SECONDS_PER_DAY + SECONDS_PER_DAY) % SECONDS_PER_DAY;
    snprintf(out, INSTANT_STRLEN, "%s %02d:%02d:%02d", day, (int)(second / 3600),
             (int)(second / 60 % 60), (int)(second % 60));
}

day_t date_today(void)
{
    return date_from_instant(clock_now());
}
