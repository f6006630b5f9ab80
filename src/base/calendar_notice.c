/* calendar_notice.c — reading a year's holiday notice from a holiday-cn JSON file, as strictly
 * as any import: every problem is reported, and nothing is applied unless there are none.
 *
 * The format is that of the public dataset NateScarlet/holiday-cn, which data/holidays/ ships:
 * {"$schema": …, "$id": …, "year": 2026, "papers": ["https://www.gov.cn/…"],
 *  "days": [{"name": "元旦", "date": "2026-01-01", "isOffDay": true}, …]}.
 */
#include "base/calendar.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CHARS 20 /* a holiday's name: 国庆节、中秋节 is 7 */

/* What a parse has found so far. */
struct notice_parse {
    cal_problem_fn problem; /* the caller's sink, or NULL */
    void *arg;              /* its argument */
    int count;              /* problems reported */
    char first[256];        /* the first problem's message */
};

/* Report one problem (printf-style message). */
static void PRINTF(3, 4) problem(struct notice_parse *np, int item, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (np->count++ == 0) snprintf(np->first, sizeof np->first, "%s", msg);
    if (np->problem) np->problem(np->arg, item, msg);
}

/* Characters (code points) in a valid UTF-8 string. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *const weekday_names[] = {"", "一", "二", "三", "四", "五", "六", "日"};

/* Check that object o has only the keys in allowed (NULL-terminated); report the others. */
static void only_keys(struct notice_parse *np, json_t *o, int item, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key) != 0)
            i++;
        if (allowed[i]) continue;
        if (item)
            problem(np, item, "第 %d 项有未知的字段“%s”", item, key);
        else
            problem(np, 0, "文件有未知的字段“%s”", key);
    }
}

/* Read entry idx (1-based) into *out; false (with problems reported) when it is unusable. */
static bool read_day(struct notice_parse *np, json_t *item, int idx, int year,
                     struct cal_notice_day *out)
{
    if (!json_is_object(item)) {
        problem(np, idx, "第 %d 项不是对象，应为 {\"name\", \"date\", \"isOffDay\"}", idx);
        return false;
    }
    static const char *const keys[] = {"name", "date", "isOffDay", NULL};
    only_keys(np, item, idx, keys);
    json_t *date = json_object_get(item, "date"), *off = json_object_get(item, "isOffDay");
    json_t *name = json_object_get(item, "name");
    bool ok = true;
    if (!json_is_string(name) || !json_string_value(name)[0] ||
        utf8_chars(json_string_value(name)) > NAME_MAX_CHARS) {
        problem(np, idx, "第 %d 项的名称（name）应为 1–%d 个字", idx, NAME_MAX_CHARS);
        ok = false;
    }
    if (!json_is_boolean(off)) {
        problem(np, idx, "第 %d 项的 isOffDay 应为 true（休息）或 false（调休上班）", idx);
        ok = false;
    }
    if (!json_is_string(date) || date_parse(json_string_value(date), &out->day) != 0) {
        problem(np, idx, "第 %d 项的日期（date）无效，应为 YYYY-MM-DD 格式的真实日期", idx);
        return false;
    }
    int y = date_year(out->day);
    if (y < year - 1 || y > year + 1) {
        problem(np, idx, "第 %d 项的日期 %s 不属于 %d 年及相邻年份", idx, json_string_value(date),
                year);
        return false;
    }
    if (!ok) return false;
    out->off = json_is_true(off);
    out->name = json_string_value(name);
    int wd = date_weekday(out->day);
    if (!out->off && wd <= 5) {
        problem(np, idx, "第 %d 项：%s 是星期%s，调休上班日应为星期六或星期日", idx,
                json_string_value(date), weekday_names[wd]);
        return false;
    }
    return true;
}

/* Order days by date, for finding a date listed twice. */
static int day_cmp(const void *a, const void *b)
{
    day_t x = ((const struct cal_notice_day *)a)->day, y = ((const struct cal_notice_day *)b)->day;
    return (x > y) - (x < y);
}

/* Read "days" into n->days (sorted), reporting every bad or repeated entry; false when there is
 * no list to read. */
static bool read_days(struct notice_parse *np, json_t *days, struct cal_notice *n)
{
    if (!json_is_array(days)) {
        problem(np, 0, "文件缺少日期列表（days），或 days 不是数组");
        return false;
    }
    size_t count = json_array_size(days);
    n->days = xcalloc(count ? count : 1, sizeof *n->days);
    for (size_t i = 0; i < count; i++)
        if (read_day(np, json_array_get(days, i), (int)i + 1, n->year, &n->days[n->ndays]))
            n->ndays++;
    qsort(n->days, n->ndays, sizeof *n->days, day_cmp);
    for (size_t i = 1; i < n->ndays; i++) {
        if (n->days[i].day != n->days[i - 1].day) continue;
        char buf[DATE_STRLEN];
        date_format(n->days[i].day, buf);
        problem(np, 0, "日期 %s 出现了不止一次", buf);
    }
    return true;
}

/* The listed day d, or NULL. */
static const struct cal_notice_day *find_day(const struct cal_notice *n, day_t d)
{
    for (size_t i = 0; i < n->ndays; i++)
        if (n->days[i].day == d) return &n->days[i];
    return NULL;
}

/* The arrangement as a whole: days of its own year, and [R-CAL-08] the statutory holidays
 * off (《全国年节及纪念日放假办法》 第二条). */
static void check_arrangement(struct notice_parse *np, const struct calendar *cal,
                              const struct cal_notice *n)
{
    size_t own = 0;
    for (size_t i = 0; i < n->ndays; i++)
        own += date_year(n->days[i].day) == n->year;
    if (own == 0) {
        problem(np, 0, "文件没有列出 %d 年的任何节假日", n->year);
        return;
    }
    struct cal_holiday h[CAL_STATUTORY_MAX];
    int nh = cal ? calendar_statutory(cal, n->year, h, NULL) : 0;
    for (int i = 0; i < nh; i++) {
        if (h[i].makeup || date_weekday(h[i].day) > 5) continue;
        const struct cal_notice_day *d = find_day(n, h[i].day);
        if (d && d->off) continue;
        char buf[DATE_STRLEN];
        date_format(h[i].day, buf);
        problem(np, 0, "%s（%s）是法定节假日，文件中未列为休息日", buf, h[i].name);
    }
}

/* Read "year" and "papers" into n; false when the year is unusable (reported). */
static bool read_head(struct notice_parse *np, json_t *root, struct cal_notice *n)
{
    static const char *const keys[] = {"$schema", "$id", "year", "papers", "days", NULL};
    only_keys(np, root, 0, keys);
    json_t *papers = json_object_get(root, "papers");
    if (papers) {
        size_t i;
        json_t *p;
        bool ok = json_is_array(papers);
        json_array_foreach(papers, i, p)
        {
            ok = ok && json_is_string(p);
        }
        if (!ok) problem(np, 0, "papers 应为通知网址（字符串）的数组");
        if (ok && json_array_size(papers)) n->source = json_string_value(json_array_get(papers, 0));
    }
    json_t *jy = json_object_get(root, "year");
    json_int_t year = json_is_integer(jy) ? json_integer_value(jy) : 0;
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) {
        problem(np, 0, "文件缺少年份（year），或年份不在 %d–%d 之间", DATE_MIN_YEAR, DATE_MAX_YEAR);
        return false;
    }
    n->year = (int)year;
    return true;
}

int calendar_notice_parse(const struct calendar *cal, const char *json, size_t len,
                          struct cal_notice *out, cal_problem_fn problem_fn, void *arg,
                          struct err *e)
{
    struct notice_parse np = {.problem = problem_fn, .arg = arg};
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        problem(&np, 0, "文件不是有效的 JSON（第 %d 行第 %d 列）", jerr.line, jerr.column);
    else if (!json_is_object(root))
        problem(&np, 0, "文件应为一个 JSON 对象（holiday-cn 格式）");
    else if (read_head(&np, root, out) && read_days(&np, json_object_get(root, "days"), out))
        check_arrangement(&np, cal, out); /* on the good entries, so every problem is listed */
    out->doc = root;
    if (np.count == 0) return 0;
    calendar_notice_free(out);
    if (np.count == 1) return err_set(e, ERR_INVALID, "节假日文件有误：%s", np.first);
    return err_set(e, ERR_INVALID, "节假日文件有 %d 处错误，第一处：%s", np.count, np.first);
}

void calendar_notice_free(struct cal_notice *n)
{
    if (!n) return;
    free(n->days);
    json_decref(n->doc);
    memset(n, 0, sizeof *n);
}
