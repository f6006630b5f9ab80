/* holiday.c — calendar data in the database. */
#include "base/jpack.h"
#include "law/holiday.h"
#include "law/counter.h"
#include "law/audit.h"
#include "law/field.h"
#include "base/calendar.h"
#include "base/embed.h"
#include "base/log.h"

#include <stdio.h>
#include <string.h>

/* Store one shipped year file. */
static int seed_year(struct ctx *c, const struct embed_file *f, struct err *e)
{
    json_error_t je;
    json_t *doc = json_loadb(f->data, f->len, 0, &je);
    if (!doc) return err_set(e, ERR_INTERNAL, "%s: %s", f->name, je.text);
    int64_t year = json_integer_value(json_object_get(doc, "year"));
    const char *paper = json_string_value(json_array_get(json_object_get(doc, "papers"), 0));
    int rc = 0;
    /* ON CONFLICT: several processes may start (and seed) at once; one of them adds the year. */
    int64_t added = db_exec(c->db, e,
                            "INSERT INTO calendar_year (year, source) VALUES (?, ?)"
                            " ON CONFLICT (year) DO NOTHING",
                            "it", year, paper ? paper : "国务院办公厅节假日安排通知");
    if (added < 0) {
        rc = e->code;
        goto out;
    }
    if (added == 0) goto out;
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(doc, "days"), i, d)
    {
        const char *day = json_string_value(json_object_get(d, "date"));
        const char *name = json_string_value(json_object_get(d, "name"));
        if (!day || !name) continue;
        if (db_exec(c->db, e,
                    "INSERT INTO calendar_day (day, off, name) VALUES (?, ?, ?)"
                    " ON CONFLICT (day) DO NOTHING",
                    "tit", day, (int64_t)json_is_true(json_object_get(d, "isOffDay")), name) < 0) {
            rc = e->code;
            goto out;
        }
    }
    rc = 1;
out:
    json_decref(doc);
    return rc;
}

/* Every change advances the calendar's version, which every server process polls
 * (holiday_version) to reload its copy. */
static int bump_version(struct ctx *c, struct err *e)
{
    int64_t v;
    return counter_next(c->db, "calendar", 0, &v, e);
}

int64_t holiday_version(struct db *db)
{
    return counter_value(db, "calendar", 0);
}

int holiday_seed(struct ctx *c, struct err *e)
{
    const struct embed_file *f;
    size_t n = embed_list("data/holidays/", &f);
    int rc = db_begin(c->db, e), added = 0;
    if (rc) return rc;
    for (size_t i = 0; i < n && rc >= 0; i++) {
        if (!strstr(f[i].name, ".json")) continue;
        rc = seed_year(c, &f[i], e);
        added += rc > 0;
    }
    if (rc >= 0 && added)
        rc = audit_write(c, "calendar.seed", "calendar", 0, "载入节假日安排 %d 个年度", added);
    if (rc >= 0 && added) rc = bump_version(c, e);
    if (rc < 0) {
        db_rollback(c->db);
        return rc;
    }
    rc = db_commit(c->db, e);
    return rc ? rc : added;
}

int holiday_load(struct db *db, struct calendar **out, struct err *e)
{
    struct calendar *cal = calendar_new();
    struct db_stmt *st = db_query(db, e, "SELECT year FROM calendar_year", "");
    if (!st) goto fail;
    while (db_step(st, e) == DB_ROW)
        calendar_mark_year(cal, (int)db_int(st, 0));
    db_done(st);
    st = db_query(db, e, "SELECT day, off, name FROM calendar_day", "");
    if (!st) goto fail;
    while (db_step(st, e) == DB_ROW) {
        day_t d;
        if (date_parse(db_text(st, 0), &d) == 0)
            calendar_set_day(cal, d, db_int(st, 1) != 0, db_text(st, 2));
    }
    db_done(st);
    if (e->code) goto fail;
    *out = cal;
    return 0;
fail:
    calendar_free(cal);
    return e->code ? e->code : ERR_INTERNAL;
}

/* The year of a valid date string must be loaded. */
static int check_day(struct ctx *c, const char *day, struct err *e)
{
    day_t d;
    if (field_date(day, "day", "日期", true, &d, e)) return e->code;
    if (!db_exists(c->db, "SELECT 1 FROM calendar_year WHERE year = ?", "i", (int64_t)date_year(d)))
        return err_field(e, "day", "%d 年尚未建立日历，请先添加该年度", date_year(d));
    return 0;
}

int holiday_set_day(struct ctx *c, const char *day, bool off, const char *name, struct err *e)
{
    field_text(name, "name", "名称", true, 20, e);
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = check_day(c, day, e);
    if (!rc && db_exec(c->db, e,
                       "INSERT INTO calendar_day (day, off, name) VALUES (?, ?, ?)"
                       " ON CONFLICT (day) DO UPDATE SET off = excluded.off, name = excluded.name",
                       "tit", day, (int64_t)off, name) < 0)
        rc = e->code;
    if (!rc)
        rc = audit_write(c, "calendar.set", "calendar", 0, "设置 %s 为%s（%s）", day,
                         off ? "休息日" : "调休工作日", name);
    if (!rc) rc = bump_version(c, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int holiday_clear_day(struct ctx *c, const char *day, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = check_day(c, day, e);
    int64_t n = rc ? 0 : db_exec(c->db, e, "DELETE FROM calendar_day WHERE day = ?", "t", day);
    if (!rc && n == 0)
        rc = err_field(e, "day", "%s 不是节假日或调休日", day);
    else if (n < 0)
        rc = (int)n;
    if (!rc) rc = audit_write(c, "calendar.clear", "calendar", 0, "取消 %s 的节假日设置", day);
    if (!rc) rc = bump_version(c, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int holiday_add_year(struct ctx *c, const char *year, const char *source, struct err *e)
{
    int64_t y = 0;
    if (parse_i64(year ? year : "", &y) || y < 1990 || y > 2200)
        err_field(e, "year", "请填写年度，如 2027");
    field_text(source, "source", "依据（通知文号）", true, 200, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t n = db_exec(c->db, e, "INSERT INTO calendar_year (year, source) VALUES (?, ?)", "it", y,
                        source);
    if (n == ERR_CONFLICT) {
        err_clear(e);
        rc = err_field(e, "year", "%lld 年度已存在", (long long)y);
        e->code = rc = ERR_CONFLICT;
    } else if (n < 0) {
        rc = (int)n;
    }
    if (!rc)
        rc = audit_write(c, "calendar.year", "calendar", 0, "添加 %lld 年度日历（%s）",
                         (long long)y, source);
    if (!rc) rc = bump_version(c, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

json_t *holiday_list(struct ctx *c, struct err *e)
{
    json_t *years = json_array();
    struct db_stmt *st =
        db_query(c->db, e, "SELECT year, source FROM calendar_year ORDER BY year DESC", "");
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(years, jpack("{sI ss so}", "year", (json_int_t)db_int(st, 0),
                                           "source", db_text(st, 1), "days", json_array()));
    db_done(st);
    st = db_query(c->db, e, "SELECT day, off, name FROM calendar_day ORDER BY day", "");
    while (st && db_step(st, e) == DB_ROW) {
        const char *day = db_text(st, 0);
        int y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + day[3] - '0';
        size_t i;
        json_t *yr;
        json_array_foreach(years, i, yr)
        {
            if (json_integer_value(json_object_get(yr, "year")) != y) continue;
            json_array_append_new(
                json_object_get(yr, "days"),
                jpack("{ss sb ss}", "day", day, "off", (int)db_int(st, 1), "name", db_text(st, 2)));
        }
    }
    db_done(st);
    return years;
}
