/* field.c — field validators. */
#include "law/field.h"
#include "law/catalog.h"

#include <stdio.h>
#include <string.h>

const char *blank_to_null(const char *s)
{
    return str_blank(s) ? NULL : s;
}

int field_text(const char *v, const char *field, const char *label, bool required, size_t max,
               struct err *e)
{
    if (str_blank(v)) return required ? err_field(e, field, "请填写%s", label) : 0;
    if (utf8_len(v) > max) return err_field(e, field, "%s不超过%zu个字", label, max);
    return 0;
}

int field_date(const char *v, const char *field, const char *label, bool required, day_t *out,
               struct err *e)
{
    if (out) *out = 0;
    if (str_blank(v)) return required ? err_field(e, field, "请填写%s", label) : 0;
    day_t d;
    if (date_parse(v, &d)) return err_field(e, field, "%s应为有效日期，格式如 2024-03-15", label);
    if (out) *out = d;
    return 0;
}

int field_day_in(const char *v, const char *field, day_t today, const char *after, const char *what,
                 struct err *e)
{
    day_t d;
    if (!v || date_parse(v, &d)) return err_field(e, field, "日期格式应为 YYYY-MM-DD");
    char t[DATE_STRLEN];
    date_format(today, t);
    if (d > today) return err_field(e, field, "日期不能晚于今天（%s）", t);
    if (after && *after && strcmp(v, after) < 0)
        return err_field(e, field, "日期不能早于%s（%s）", what, after);
    return 0;
}

int field_instant(const char *v, const char *field, int64_t now, int64_t *out, struct err *e)
{
    char day[DATE_STRLEN];
    int hh, mm, n = 0;
    day_t d;
    /* "YYYY-MM-DD HH:MM", or with a T as a browser's datetime-local input sends it */
    if (!v || strlen(v) < 16 || (v[10] != ' ' && v[10] != 'T') ||
        sscanf(v + 11, "%2d:%2d%n", &hh, &mm, &n) != 2 || v[11 + n] != 0 || hh > 23 || mm > 59 ||
        hh < 0 || mm < 0)
        return err_field(e, field, "时间格式应为 YYYY-MM-DD HH:MM");
    memcpy(day, v, 10);
    day[10] = 0;
    if (date_parse(day, &d)) return err_field(e, field, "时间格式应为 YYYY-MM-DD HH:MM");
    int64_t t = (int64_t)d * 86400 + hh * 3600 + mm * 60 - 8 * 3600; /* China time, UTC+8 */
    if (t > now) {
        char s[INSTANT_STRLEN];
        instant_format(now, s);
        return err_field(e, field, "时间不能晚于现在（%.16s）", s);
    }
    *out = t;
    return 0;
}

int field_lines(const char *v, const char *field, bool required, struct err *e)
{
    if (str_blank(v)) return required ? err_field(e, field, "请至少选择一个专业") : 0;
    const char *p = v;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char code[32];
        if (len == 0 || len >= sizeof code) return err_field(e, field, "专业代码有误");
        memcpy(code, p, len);
        code[len] = 0;
        if (!catalog_has("lines", code)) return err_field(e, field, "未知的专业：%s", code);
        p += len + (comma ? 1 : 0);
    }
    return 0;
}

int field_catalog(const char *v, const char *list, const char *field, const char *label,
                  bool required, struct err *e)
{
    if (str_blank(v)) return required ? err_field(e, field, "请选择%s", label) : 0;
    if (!catalog_has(list, v)) return err_field(e, field, "%s“%s”不在目录中", label, v);
    return 0;
}

int field_phone(const char *v, const char *field, struct err *e)
{
    if (str_blank(v)) return 0;
    size_t n = strlen(v);
    bool ok = n >= 7 && n <= 20;
    for (const char *p = v; ok && *p; p++)
        ok = (*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == ' ';
    return ok ? 0 : err_field(e, field, "电话号码格式不正确");
}

int field_division(const char *v, const char *field, struct err *e)
{
    if (str_blank(v)) return 0;
    size_t n = strlen(v);
    bool ok = n == 6 || n == 9 || n == 12;
    for (const char *p = v; ok && *p; p++)
        ok = *p >= '0' && *p <= '9';
    return ok ? 0 : err_field(e, field, "行政区划代码应为6、9或12位数字");
}
