/* calendar.c — the working-day calendar (domain/RULES.md §0).
 *
 * Each year that has anything recorded gets a block: its special days, their names, and the
 * prefix sums of working days (before[i] = working days among the year's first i days). With the
 * sums, "how many working days between" is two lookups and "n working days after" is one binary
 * search per year crossed. Blocks are rebuilt whenever the calendar is changed, which only happens
 * while it is being built, so readers never write.
 */
#include "base/calendar.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define CAL_NYEARS   (DATE_MAX_YEAR - DATE_MIN_YEAR + 1)
#define CAL_MAX_DAYS 366

/* Messages for a count that reaches a year that is neither known nor provisional: [R-CAL-06]
 * the count fails naming the year, never guesses. */
#define MSG_UNKNOWN_WORKDAYS "%d 年的节假日安排尚未载入，无法计算工作日"
#define MSG_UNKNOWN_PERIOD   "%d 年的节假日安排尚未载入，无法确定期间届满日"

/* How a recorded day departs from the Monday–Friday rule. */
enum cal_special {
    SPECIAL_NONE = 0,  /* follows the weekday rule */
    SPECIAL_OFF = 1,   /* holiday: a rest day even on a weekday */
    SPECIAL_WORK = 2,  /* 调休: a working day even on a weekend */
    SPECIAL_KIND = 3,  /* mask of the two above */
    SPECIAL_SYNTH = 4, /* flag: set by the provisional rules, gone when the notice is loaded */
};

/* The movable days of a year in calendar->movable, by index. */
enum cal_movable { MOV_CHUNJIE, MOV_QINGMING, MOV_DUANWU, MOV_ZHONGQIU, MOV_COUNT };

/* One calendar year's special days and working-day prefix sums. */
struct cal_year {
    bool known;                        /* the year's notice is loaded */
    bool provisional;                  /* not known; its holidays are the statutory ones */
    int ndays;                         /* 365 or 366 */
    day_t first;                       /* day number of 1 January */
    uint8_t special[CAL_MAX_DAYS];     /* enum cal_special per day of the year (0-based) */
    char *name[CAL_MAX_DAYS];          /* holiday name per day, heap-owned, or NULL */
    uint16_t before[CAL_MAX_DAYS + 1]; /* working days among days [0, i) of the year */
};

/* The calendar: one optional block per supported year. */
struct calendar {
    struct cal_year *years[CAL_NYEARS];   /* index year - DATE_MIN_YEAR; NULL if nothing */
    int nknown;                           /* number of blocks with known set */
    day_t movable[CAL_NYEARS][MOV_COUNT]; /* movable holiday dates per year; 0: not loaded */
    bool has_movable[CAL_NYEARS];         /* the year's movable dates are loaded */
};

/* ---- year blocks ------------------------------------------------------------------------ */

/* True when day i (0-based) of the block is a working day: [R-CAL-01] Monday–Friday, minus the
 * notice's holidays, plus its 调休 working days. */
static bool year_is_work(const struct cal_year *cy, int i)
{
    if ((cy->special[i] & SPECIAL_KIND) == SPECIAL_OFF) return false;
    if ((cy->special[i] & SPECIAL_KIND) == SPECIAL_WORK) return true;
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

/* Like year_locate, but NULL unless the year is known or provisional: its days can be told. */
static const struct cal_year *year_locate_known(const struct calendar *cal, int64_t day, int *doy)
{
    const struct cal_year *cy = year_locate(cal, day, doy);
    return cy && (cy->known || cy->provisional) ? cy : NULL;
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
    if (cy->provisional) {
        /* the notice replaces the statutory guess: drop what the provisional rules set */
        for (int d = 0; d < cy->ndays; d++)
            if (cy->special[d] & SPECIAL_SYNTH) year_set_raw(cy, d, SPECIAL_NONE, NULL);
        cy->provisional = false;
        year_rebuild(cy);
    }
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

/* ---- loading a notice ------------------------------------------------------------------ */

void calendar_apply_notice(struct calendar *cal, const struct cal_notice *n)
{
    for (size_t i = 0; i < n->ndays; i++) {
        const struct cal_notice_day *d = &n->days[i];
        int y = date_year(d->day);
        if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) continue;
        struct cal_year *cy = year_make(cal, y);
        year_set_raw(cy, d->day - cy->first, d->off ? SPECIAL_OFF : SPECIAL_WORK, d->name);
    }
    calendar_mark_year(cal, n->year);
    for (int y = n->year - 1; y <= n->year + 1; y++)
        if (y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && cal->years[y - DATE_MIN_YEAR])
            year_rebuild(cal->years[y - DATE_MIN_YEAR]);
}

int calendar_load_json(struct calendar *cal, const char *json, size_t len, struct err *e)
{
    struct cal_notice n = {0};
    int rc = calendar_notice_parse(cal, json, len, &n, NULL, NULL, e);
    if (!rc) calendar_apply_notice(cal, &n);
    calendar_notice_free(&n);
    return rc;
}

/* ---- the statutory holidays, for years whose notice is not loaded ------------------------ */

/* One revision of 《全国年节及纪念日放假办法》: what differs between them. */
struct statutory_rules {
    int from;          /* the first year it governs */
    const char *basis; /* its citation */
    bool eve;          /* 春节 begins on 农历除夕 (else on 正月初一) */
    int chunjie_days;  /* days of 春节 */
    int labour_days;   /* days of 劳动节 from 5 月 1 日 */
};

/* 第二条 of each revision; 第六条 (补假) is the same in both. */
static const struct statutory_rules statutory_revisions[] = {
    {2014, "《全国年节及纪念日放假办法》（2013 年修订，国务院令第644号）", false, 3, 1},
    {2025, "《全国年节及纪念日放假办法》（2024 年修订，国务院令第795号）", true, 4, 2},
};

/* The revision governing year, or NULL before CAL_STATUTORY_FROM. */
static const struct statutory_rules *statutory_for(int year)
{
    const struct statutory_rules *r = NULL;
    for (size_t i = 0; i < sizeof statutory_revisions / sizeof *statutory_revisions; i++)
        if (year >= statutory_revisions[i].from) r = &statutory_revisions[i];
    return r;
}

/* Append n consecutive holiday days from first to u[*n]. */
static void holiday_run(struct cal_holiday *u, int *n, day_t first, int days, const char *name)
{
    for (int i = 0; i < days; i++)
        u[(*n)++] = (struct cal_holiday){.day = first + i, .name = name};
}

/* Order holidays by day, then make-up days last, then by name: a fixed order for equal days. */
static int holiday_cmp(const void *a, const void *b)
{
    const struct cal_holiday *x = a, *y = b;
    if (x->day != y->day) return (x->day > y->day) - (x->day < y->day);
    if (x->makeup != y->makeup) return x->makeup - y->makeup;
    return strcmp(x->name, y->name);
}

/* True when day is one of the n holidays in u. */
static bool holiday_listed(const struct cal_holiday *u, int n, day_t day)
{
    for (int i = 0; i < n; i++)
        if (u[i].day == day) return true;
    return false;
}

/* [R-CAL-04] 《全国年节及纪念日放假办法》 第二条 (the revision in force that year), 第六条. */
int calendar_statutory(const struct calendar *cal, int year,
                       struct cal_holiday out[CAL_STATUTORY_MAX], const char **basis)
{
    const struct statutory_rules *r = statutory_for(year);
    if (!r || year > DATE_MAX_YEAR || !cal->has_movable[year - DATE_MIN_YEAR]) return 0;
    const day_t *mv = cal->movable[year - DATE_MIN_YEAR];
    int n = 0;
    holiday_run(out, &n, date_from_ymd(year, 1, 1), 1, "元旦");
    holiday_run(out, &n, mv[MOV_CHUNJIE] - r->eve, r->chunjie_days, "春节");
    holiday_run(out, &n, mv[MOV_QINGMING], 1, "清明节");
    holiday_run(out, &n, date_from_ymd(year, 5, 1), r->labour_days, "劳动节");
    holiday_run(out, &n, mv[MOV_DUANWU], 1, "端午节");
    holiday_run(out, &n, mv[MOV_ZHONGQIU], 1, "中秋节");
    holiday_run(out, &n, date_from_ymd(year, 10, 1), 3, "国庆节");
    qsort(out, (size_t)n, sizeof *out, holiday_cmp);
    /* [R-CAL-04] 第六条: a holiday on a Saturday or Sunday, or on a day another holiday already
     * takes, is made up on the next working day not otherwise off. */
    int statutory = n;
    for (int i = 0; i < statutory; i++) {
        bool clash = i > 0 && out[i - 1].day == out[i].day;
        if (date_weekday(out[i].day) <= 5 && !clash) continue;
        day_t d = out[i].day + 1;
        while (date_weekday(d) > 5 || holiday_listed(out, n, d))
            d++;
        out[n++] = (struct cal_holiday){.day = d, .name = out[i].name, .makeup = true};
    }
    qsort(out, (size_t)n, sizeof *out, holiday_cmp);
    if (basis) *basis = r->basis;
    return n;
}

/* Give a year that is not known the statutory holidays as its provisional rest days, where
 * nothing else is recorded for the day. */
static void year_make_provisional(struct calendar *cal, int year)
{
    struct cal_holiday h[CAL_STATUTORY_MAX];
    int n = calendar_statutory(cal, year, h, NULL);
    if (n == 0 || calendar_year_known(cal, year)) return;
    struct cal_year *cy = year_make(cal, year);
    for (int i = 0; i < n; i++) {
        int doy = h[i].day - cy->first;
        if (doy < 0 || doy >= cy->ndays || cy->special[doy] != SPECIAL_NONE) continue;
        year_set_raw(cy, doy, SPECIAL_OFF | SPECIAL_SYNTH, h[i].name);
    }
    cy->provisional = true;
    year_rebuild(cy);
}

/* Parse one line of movable.tsv (NUL-terminated, no newline) into year and dates. */
static int movable_line(char *line, int lineno, int *year, day_t d[MOV_COUNT], struct err *e)
{
    char *field[MOV_COUNT + 1], *p = line;
    int nf = 0;
    for (; nf <= MOV_COUNT && p; nf++) {
        field[nf] = p;
        p = strchr(p, '\t');
        if (p) *p++ = 0;
    }
    int64_t y = 0;
    if (nf != MOV_COUNT + 1 || p || parse_i64(field[0], &y) || y < DATE_MIN_YEAR ||
        y > DATE_MAX_YEAR)
        return err_set(e, ERR_INVALID, "法定节假日日期表第 %d 行格式有误", lineno);
    for (int i = 0; i < MOV_COUNT; i++)
        if (date_parse(field[i + 1], &d[i]) || date_year(d[i]) != y)
            return err_set(e, ERR_INVALID, "法定节假日日期表第 %d 行第 %d 列的日期无效", lineno,
                           i + 2);
    *year = (int)y;
    return 0;
}

int calendar_load_movable(struct calendar *cal, const char *tsv, size_t len, struct err *e)
{
    day_t(*mv)[MOV_COUNT] = xcalloc(CAL_NYEARS, sizeof *mv);
    bool *seen = xcalloc(CAL_NYEARS, sizeof *seen);
    char *text = xmalloc(len + 1);
    memcpy(text, tsv, len);
    text[len] = 0;
    int rc = 0, lineno = 0;
    for (char *line = text, *next; line && *line && !rc; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        lineno++;
        if (line[0] == '#' || str_prefix(line, "year\t")) continue;
        int y;
        day_t d[MOV_COUNT];
        rc = movable_line(line, lineno, &y, d, e);
        if (!rc && seen[y - DATE_MIN_YEAR])
            rc = err_set(e, ERR_INVALID, "法定节假日日期表第 %d 行：%d 年重复", lineno, y);
        if (rc) break;
        seen[y - DATE_MIN_YEAR] = true;
        memcpy(mv[y - DATE_MIN_YEAR], d, sizeof d);
    }
    for (int i = 0; !rc && i < CAL_NYEARS; i++) {
        if (!seen[i]) continue;
        memcpy(cal->movable[i], mv[i], sizeof mv[i]);
        cal->has_movable[i] = true;
        year_make_provisional(cal, DATE_MIN_YEAR + i);
    }
    free(text);
    free(seen);
    free(mv);
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

bool calendar_year_provisional(const struct calendar *cal, int year)
{
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) return false;
    const struct cal_year *cy = cal->years[year - DATE_MIN_YEAR];
    return cy && cy->provisional;
}

/* [R-CAL-05] a count over a provisional year is marked 暂定, not refused */
bool calendar_provisional_between(const struct calendar *cal, day_t from, day_t to)
{
    if (to <= from) return false;
    for (int y = date_year(from + 1); y <= date_year(to); y++)
        if (calendar_year_provisional(cal, y)) return true;
    return false;
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
    /* [R-CAL-01] 行政处罚法 第八十五条: counted in working days. [R-CAL-02] 民法典 第二百零一条:
     * the start day is not counted, so counting begins the day after. */
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
    /* [R-CAL-03] 民法典 第二百零三条: a period whose last day is a rest day ends on the next
     * working day. Only known years have rest days, so the walk stops within a few days or
     * fails. */
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
