/* calendar.c — the working-day calendar (domain/RULES.md §0).
 *
 * Each year that has anything recorded gets a block: its special days, their names, and the
 * prefix sums of working days (before[i] = working days among the year's first i days). With the
 * sums, "how many working days between" is two lookups and "n working days after" is one binary
 * search per year crossed. Blocks are rebuilt whenever the calendar is changed, which only happens
 * while it is being built, so readers never write.
 */
#include "base/calendar.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define CAL_NYEARS   (DATE_MAX_YEAR - DATE_MIN_YEAR + 1)
#define CAL_MAX_DAYS 366

/* Messages for a count that reaches a year whose notice is not loaded. */
#define MSG_UNKNOWN_WORKDAYS "%d 年的节假日安排尚未载入，无法计算工作日"
#define MSG_UNKNOWN_PERIOD   "%d 年的节假日安排尚未载入，无法确定期间届满日"

/* How a recorded day departs from the Monday–Friday rule. */
enum cal_special {
    SPECIAL_NONE = 0, /* follows the weekday rule */
    SPECIAL_OFF = 1,  /* holiday: a rest day even on a weekday */
    SPECIAL_WORK = 2, /* 调休: a working day even on a weekend */
};

/* One calendar year's special days and working-day prefix sums. */
struct cal_year {
    bool known;                        /* the year's notice is loaded */
    int ndays;                         /* 365 or 366 */
    day_t first;                       /* day number of 1 January */
    uint8_t special[CAL_MAX_DAYS];     /* enum cal_special per day of the year (0-based) */
    char *name[CAL_MAX_DAYS];          /* holiday name per day, heap-owned, or NULL */
    uint16_t before[CAL_MAX_DAYS + 1]; /* working days among days [0, i) of the year */
};

/* The calendar: one optional block per supported year. */
struct calendar {
    struct cal_year *years[CAL_NYEARS]; /* index year - DATE_MIN_YEAR; NULL if nothing recorded */
    int nknown;                         /* number of blocks with known set */
};

/* One day read from a holiday file, before it is applied. */
struct cal_entry {
    day_t day;        /* the date */
    bool off;         /* true: holiday; false: 调休 working day */
    const char *name; /* borrowed from the JSON document; may be NULL */
};

/* ---- year blocks ------------------------------------------------------------------------ */

/* True when day i (0-based) of the block is a working day. */
static bool year_is_work(const struct cal_year *cy, int i)
{
    if (cy->special[i] == SPECIAL_OFF) return false;
    if (cy->special[i] == SPECIAL_WORK) return true;
    return date_weekday(cy->first + i) <= 5;
}

/* Recompute the prefix sums after a change to the block's special days. */
static void year_rebuild(struct cal_year *cy)
{
    cy->before[0] = 0;
    for (int i = 0; i < cy->ndays; i++)
        cy->before[i + 1] = (uint16_t)(cy->before[i] + year_is_work(cy, i));
}

/* The block of year y, allocating an empty one if needed; y must be in the supported range. */
static struct cal_year *year_make(struct calendar *cal, int y)
{
    struct cal_year **slot = &cal->years[y - DATE_MIN_YEAR];
    if (!*slot) {
        struct cal_year *cy = xcalloc(1, sizeof *cy);
        cy->first = date_from_ymd(y, 1, 1);
        cy->ndays = date_from_ymd(y + 1, 1, 1) - cy->first;
        year_rebuild(cy);
        *slot = cy;
    }
    return *slot;
}

/* The block holding day (known or not) and the day's index in it; NULL if nothing is recorded. */
static struct cal_year *year_locate(const struct calendar *cal, int64_t day, int *doy)
{
    if (day < INT32_MIN || day > INT32_MAX) return NULL;
    int y = date_year((day_t)day);
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) return NULL;
    struct cal_year *cy = cal->years[y - DATE_MIN_YEAR];
    if (cy) *doy = (int)(day - cy->first);
    return cy;
}

/* Like year_locate, but NULL unless the year is known. */
static const struct cal_year *year_locate_known(const struct calendar *cal, int64_t day, int *doy)
{
    const struct cal_year *cy = year_locate(cal, day, doy);
    return cy && cy->known ? cy : NULL;
}

/* Set the special kind and name of day doy without rebuilding the sums. name is copied. */
static void year_set_raw(struct cal_year *cy, int doy, int special, const char *name)
{
    free(cy->name[doy]);
    cy->name[doy] = name && *name ? xstrdup(name) : NULL;
    cy->special[doy] = (uint8_t)special;
}

/* The year of a day that may lie outside day_t's range (clamped: only for messages). */
static int year_of(int64_t day)
{
    if (day < INT32_MIN) day = INT32_MIN;
    if (day > INT32_MAX) day = INT32_MAX;
    return date_year((day_t)day);
}

/* ---- building -------------------------------------------------------------------------- */

struct calendar *calendar_new(void)
{
    return xcalloc(1, sizeof(struct calendar));
}

void calendar_free(struct calendar *cal)
{
    if (!cal) return;
    for (int i = 0; i < CAL_NYEARS; i++) {
        struct cal_year *cy = cal->years[i];
        if (!cy) continue;
        for (int d = 0; d < CAL_MAX_DAYS; d++)
            free(cy->name[d]);
        free(cy);
    }
    free(cal);
}

void calendar_mark_year(struct calendar *cal, int year)
{
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) return;
    struct cal_year *cy = year_make(cal, year);
    if (!cy->known) {
        cy->known = true;
        cal->nknown++;
    }
}

void calendar_set_day(struct calendar *cal, day_t day, bool off, const char *name)
{
    int y = date_year(day);
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) return;
    struct cal_year *cy = year_make(cal, y);
    year_set_raw(cy, day - cy->first, off ? SPECIAL_OFF : SPECIAL_WORK, name);
    year_rebuild(cy);
}

void calendar_clear_day(struct calendar *cal, day_t day)
{
    int doy;
    struct cal_year *cy = year_locate(cal, day, &doy);
    if (!cy) return;
    year_set_raw(cy, doy, SPECIAL_NONE, NULL);
    year_rebuild(cy);
}

/* ---- loading holiday-cn JSON --------------------------------------------------------- */

/* Order entries by day, for finding duplicates. */
static int entry_cmp(const void *a, const void *b)
{
    day_t x = ((const struct cal_entry *)a)->day, y = ((const struct cal_entry *)b)->day;
    return (x > y) - (x < y);
}

/* Read item idx (0-based) of "days" into *out; it must lie in year or a neighbouring year. */
static int parse_entry(json_t *item, size_t idx, int year, struct cal_entry *out, struct err *e)
{
    json_t *date = json_object_get(item, "date"), *off = json_object_get(item, "isOffDay");
    json_t *name = json_object_get(item, "name");
    if (!json_is_string(date) || !json_is_boolean(off) || (name && !json_is_string(name)))
        return err_set(e, ERR_INVALID, "节假日数据第 %zu 项格式有误：需要 date、isOffDay 和 name",
                       idx + 1);
    if (date_parse(json_string_value(date), &out->day) != 0)
        return err_set(e, ERR_INVALID,
                       "节假日数据第 %zu 项的日期无效，应为 YYYY-MM-DD 格式的真实日期", idx + 1);
    int y = date_year(out->day);
    if (y < year - 1 || y > year + 1) {
        char buf[DATE_STRLEN];
        date_format(out->day, buf);
        return err_set(e, ERR_INVALID, "节假日数据第 %zu 项的日期 %s 不属于 %d 年及相邻年份",
                       idx + 1, buf, year);
    }
    out->off = json_is_true(off);
    out->name = name ? json_string_value(name) : NULL;
    return 0;
}

/* Read the "days" array into a new array *out (caller frees) of *n entries, sorted by day. */
static int parse_days(json_t *days, int year, struct cal_entry **out, size_t *n, struct err *e)
{
    if (!json_is_array(days)) return err_set(e, ERR_INVALID, "节假日数据缺少日期列表（days）");
    *n = json_array_size(days);
    *out = xmalloc(*n * sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        int rc = parse_entry(json_array_get(days, i), i, year, &(*out)[i], e);
        if (rc) return rc;
    }
    qsort(*out, *n, sizeof **out, entry_cmp);
    for (size_t i = 1; i < *n; i++) {
        if ((*out)[i].day != (*out)[i - 1].day) continue;
        char buf[DATE_STRLEN];
        date_format((*out)[i].day, buf);
        return err_set(e, ERR_INVALID, "节假日数据中日期 %s 出现了不止一次", buf);
    }
    return 0;
}

/* Apply validated entries, mark year known, and rebuild the touched years. */
static void apply_entries(struct calendar *cal, int year, const struct cal_entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct cal_year *cy = year_make(cal, date_year(v[i].day));
        year_set_raw(cy, v[i].day - cy->first, v[i].off ? SPECIAL_OFF : SPECIAL_WORK, v[i].name);
    }
    calendar_mark_year(cal, year);
    for (int y = year - 1; y <= year + 1; y++)
        if (y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && cal->years[y - DATE_MIN_YEAR])
            year_rebuild(cal->years[y - DATE_MIN_YEAR]);
}

int calendar_load_json(struct calendar *cal, const char *json, size_t len, struct err *e)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return err_set(e, ERR_INVALID, "节假日数据不是有效的 JSON（第 %d 行第 %d 列）", jerr.line,
                       jerr.column);
    struct cal_entry *entries = NULL;
    size_t n = 0;
    int rc;
    json_t *jy = json_object_get(root, "year");
    json_int_t year = json_is_integer(jy) ? json_integer_value(jy) : 0;
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) {
        rc = err_set(e, ERR_INVALID, "节假日数据缺少年份（year），或年份不在 %d–%d 之间",
                     DATE_MIN_YEAR, DATE_MAX_YEAR);
        goto out;
    }
    rc = parse_days(json_object_get(root, "days"), (int)year, &entries, &n, e);
    if (rc) goto out;
    apply_entries(cal, (int)year, entries, n);
out:
    free(entries);
    json_decref(root);
    return rc;
}

/* ---- reading ---------------------------------------------------------------------------- */

int calendar_day_kind(const struct calendar *cal, day_t day)
{
    int doy;
    const struct cal_year *cy = year_locate_known(cal, day, &doy);
    if (!cy) return CAL_UNKNOWN;
    return year_is_work(cy, doy) ? CAL_WORKDAY : CAL_RESTDAY;
}

const char *calendar_day_name(const struct calendar *cal, day_t day)
{
    int doy;
    const struct cal_year *cy = year_locate(cal, day, &doy);
    return cy ? cy->name[doy] : NULL;
}

bool calendar_year_known(const struct calendar *cal, int year)
{
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) return false;
    const struct cal_year *cy = cal->years[year - DATE_MIN_YEAR];
    return cy && cy->known;
}

int calendar_years(const struct calendar *cal, int *first, int *last)
{
    int lo = 0, hi = 0;
    for (int y = DATE_MIN_YEAR; y <= DATE_MAX_YEAR; y++) {
        if (!calendar_year_known(cal, y)) continue;
        if (!lo) lo = y;
        hi = y;
    }
    if (first) *first = lo;
    if (last) *last = hi;
    return cal->nknown;
}

/* ---- counting periods ------------------------------------------------------------------- */

/* The smallest k in (lo, ndays] with before[k] >= target; target must be reachable. */
static int first_reaching(const struct cal_year *cy, int lo, int64_t target)
{
    int hi = cy->ndays;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (cy->before[mid] >= target)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

int calendar_add_workdays(const struct calendar *cal, day_t start, int n, day_t *out, struct err *e)
{
    if (n < 0) return err_set(e, ERR_INVALID, "工作日天数不能为负数");
    /* 民法典 第二百零一条: the start day is not counted, so counting begins the day after. */
    int64_t counted = start; /* last day already passed */
    int64_t remaining = n;
    while (remaining > 0) {
        int doy;
        const struct cal_year *cy = year_locate_known(cal, counted + 1, &doy);
        if (!cy) return err_set(e, ERR_INVALID, MSG_UNKNOWN_WORKDAYS, year_of(counted + 1));
        int64_t target = cy->before[doy] + remaining;
        if (target <= cy->before[cy->ndays]) {
            *out = cy->first + first_reaching(cy, doy, target) - 1;
            return 0;
        }
        remaining = target - cy->before[cy->ndays];
        counted = (int64_t)cy->first + cy->ndays - 1;
    }
    *out = start;
    return 0;
}

int calendar_workdays_between(const struct calendar *cal, day_t from, day_t to, int *out,
                              struct err *e)
{
    int64_t count = 0;
    for (int64_t next = (int64_t)from + 1; next <= to;) {
        int doy;
        const struct cal_year *cy = year_locate_known(cal, next, &doy);
        if (!cy) return err_set(e, ERR_INVALID, MSG_UNKNOWN_WORKDAYS, year_of(next));
        int64_t year_last = (int64_t)cy->first + cy->ndays - 1;
        int64_t end = to < year_last ? to : year_last;
        count += cy->before[end - cy->first + 1] - cy->before[doy];
        next = year_last + 1;
    }
    *out = (int)count; /* at most 366 per supported year: fits */
    return 0;
}

int calendar_add_days(const struct calendar *cal, day_t start, int n, day_t *out, struct err *e)
{
    if (n < 0) return err_set(e, ERR_INVALID, "期间天数不能为负数");
    int64_t end = (int64_t)start + n;
    /* 民法典 第二百零三条: a period whose last day is a rest day ends on the next working day.
     * Only known years have rest days, so the walk stops within a few days or fails. */
    for (;;) {
        int doy;
        const struct cal_year *cy = year_locate_known(cal, end, &doy);
        if (!cy) return err_set(e, ERR_INVALID, MSG_UNKNOWN_PERIOD, year_of(end));
        if (year_is_work(cy, doy)) break;
        end++;
    }
    *out = (day_t)end;
    return 0;
}
