/* holiday.c — calendar data in the database: loading it, who may change it, single-day edits,
 * and what the calendar page shows. Loading whole years is in holiday_year.c. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/holiday.h"
#include "law/counter.h"
#include "law/audit.h"
#include "law/field.h"
#include "law/role.h"
#include "base/calendar.h"
#include "base/embed.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MOVABLE_FILE "data/holidays/movable.tsv"
#define LIST_LOADS   10  /* loads shown on the calendar page */
#define LIST_MOVES   200 /* moved deadlines shown per load */

int64_t holiday_version(struct db *db)
{
    return counter_value(db, "calendar", 0);
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
    const struct embed_file *f = embed_find(MOVABLE_FILE);
    if (!f) {
        err_set(e, ERR_INTERNAL, "缺少法定节假日日期表 %s", MOVABLE_FILE);
        goto fail;
    }
    if (calendar_load_movable(cal, f->data, f->len, e)) goto fail;
    *out = cal;
    return 0;
fail:
    calendar_free(cal);
    return e->code ? e->code : ERR_INTERNAL;
}

/* ---- who may change it ------------------------------------------------------------------ */

/* True when the materialised path "/7/" names a top-level agency (one id, no parent). */
static bool top_level(const char *path)
{
    if (!path || path[0] != '/') return false;
    const char *second = strchr(path + 1, '/');
    return second && second[1] == 0 && second > path + 1;
}

/* [R-CAL-07] the calendar is national: the system or a top-level administrator changes it */
bool holiday_may_change(const struct ctx *c)
{
    if (c->who->user_id == 0) return true;
    return role_allows(c->who->roles, PERM_CALENDAR_ADMIN) && top_level(c->who->agency_path);
}

int holiday_require_change(const struct ctx *c, struct err *e)
{
    if (holiday_may_change(c)) return 0;
    return err_set(e, ERR_FORBIDDEN,
                   "节假日安排全国统一，影响所有单位的期限，只有最上级机构的系统管理员可以修改");
}

/* ---- single days ------------------------------------------------------------------------ */

/* Advance the calendar's version inside a change's transaction. */
static int holiday_bump_version(struct ctx *c, struct err *e)
{
    int64_t v;
    return counter_next(c->db, "calendar", 0, &v, e);
}

/* The year of a valid date string must be loaded. */
static int check_day(struct ctx *c, const char *day, struct err *e)
{
    day_t d;
    if (field_date(day, "day", "日期", true, &d, e)) return e->code;
    int known = db_exists(c->db, e, "SELECT 1 FROM calendar_year WHERE year = ?", "i",
                          (int64_t)date_year(d));
    if (known < 0) return known;
    if (!known)
        return err_field(e, "day", "%d 年尚未建立日历，请先导入该年度的通知或添加该年度",
                         date_year(d));
    return 0;
}

int holiday_commit(struct ctx *c, int rc, struct err *e)
{
    if (!rc) rc = holiday_bump_version(c, e);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int holiday_set_day(struct ctx *c, const char *day, bool off, const char *name,
                    struct holiday_result *r, struct err *e)
{
    memset(r, 0, sizeof *r);
    if (holiday_require_change(c, e)) return e->code;
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
        rc = audit_write_at(c, AUDIT_EVERYWHERE, "calendar.set", "calendar", 0,
                            "设置 %s 为%s（%s）", day, off ? "休息日" : "调休工作日", name);
    if (!rc)
        rc = holiday_recount(
            c, atoi(day),
            arena_printf(c->arena, "设置 %s 为%s（%s）", day, off ? "休息日" : "调休工作日", name),
            "edit", day, r, e);
    return holiday_commit(c, rc, e);
}

int holiday_clear_day(struct ctx *c, const char *day, struct holiday_result *r, struct err *e)
{
    memset(r, 0, sizeof *r);
    if (holiday_require_change(c, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = check_day(c, day, e);
    int64_t n = rc ? 0 : db_exec(c->db, e, "DELETE FROM calendar_day WHERE day = ?", "t", day);
    if (!rc && n == 0)
        rc = err_field(e, "day", "%s 不是节假日或调休日", day);
    else if (n < 0)
        rc = (int)n;
    if (!rc)
        rc = audit_write_at(c, AUDIT_EVERYWHERE, "calendar.clear", "calendar", 0,
                            "取消 %s 的节假日设置", day);
    if (!rc)
        rc = holiday_recount(c, atoi(day), arena_printf(c->arena, "取消 %s 的节假日设置", day),
                             "edit", day, r, e);
    return holiday_commit(c, rc, e);
}

/* ---- the calendar page -------------------------------------------------------------------- */

/* The loaded years with their days, newest first. */
static json_t *list_years(struct ctx *c, struct err *e)
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
        day_t d;
        if (date_parse(day, &d)) continue;
        size_t i;
        json_t *yr;
        json_array_foreach(years, i, yr)
        {
            if (json_integer_value(json_object_get(yr, "year")) != date_year(d)) continue;
            json_array_append_new(
                json_object_get(yr, "days"),
                jpack("{ss sb ss}", "day", day, "off", (int)db_int(st, 1), "name", db_text(st, 2)));
        }
    }
    db_done(st);
    return years;
}

/* The statutory holidays of a provisional year, as the page shows them. */
static json_t *provisional_year(const struct calendar *cal, int year)
{
    struct cal_holiday h[CAL_STATUTORY_MAX];
    const char *basis = NULL;
    int n = calendar_statutory(cal, year, h, &basis);
    json_t *days = json_array();
    for (int i = 0; i < n; i++) {
        char s[DATE_STRLEN];
        date_format(h[i].day, s);
        json_array_append_new(
            days, jpack("{ss ss sb}", "day", s, "name", h[i].name, "makeup", h[i].makeup));
    }
    return jpack("{si ss* so}", "year", year, "basis", basis, "days", days);
}

/* This year and next, when counted provisionally. */
static json_t *list_provisional(const struct ctx *c)
{
    json_t *out = json_array();
    int now = date_year(date_from_instant(c->now));
    for (int y = now; c->cal && y <= now + 1; y++)
        if (calendar_year_provisional(c->cal, y))
            json_array_append_new(out, provisional_year(c->cal, y));
    return out;
}

/* The deadlines load id moved, with their matters. */
static json_t *list_moves(struct ctx *c, int64_t load_id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT d.kind, d.object_id, d.label, m.old_due, m.new_due,"
                                  " a.name FROM deadline_move m"
                                  " JOIN wf_deadline d ON d.id = m.deadline_id"
                                  " JOIN agency a ON a.id = d.agency_id"
                                  " WHERE m.load_id = ? ORDER BY m.id LIMIT ?",
                                  "ii", load_id, (int64_t)LIST_MOVES);
    json_t *out = json_array();
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(out, jpack("{ss sI ss ss ss ss}", "kind", db_text(st, 0), "object_id",
                                         (json_int_t)db_int(st, 1), "label", db_text(st, 2),
                                         "old_due", db_text(st, 3), "new_due", db_text(st, 4),
                                         "agency", db_text(st, 5)));
    db_done(st);
    return out;
}

/* The latest loads, each with the deadlines it moved. */
static json_t *list_loads(struct ctx *c, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT l.id, l.year, l.source, l.how, l.at, l.username,"
                                  " l.recomputed, l.moved, u.display_name FROM calendar_load l"
                                  " LEFT JOIN app_user u ON u.username = l.username"
                                  " ORDER BY l.id DESC LIMIT ?",
                                  "i", (int64_t)LIST_LOADS);
    json_t *out = json_array();
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(
            out, jpack("{sI sI ss ss sI ss ss sI sI}", "id", (json_int_t)db_int(st, 0), "year",
                       (json_int_t)db_int(st, 1), "source", db_text(st, 2), "how", db_text(st, 3),
                       "at", (json_int_t)db_int(st, 4), "username", db_text(st, 5), "name",
                       audit_person(db_text(st, 8), db_text(st, 5)), "recomputed",
                       (json_int_t)db_int(st, 6), "moved", (json_int_t)db_int(st, 7)));
    db_done(st);
    size_t i;
    json_t *load;
    json_array_foreach(out, i, load)
    {
        int64_t id = json_integer_value(json_object_get(load, "id"));
        if (json_integer_value(json_object_get(load, "moved")) > 0)
            json_object_set_new(load, "moves", list_moves(c, id, e));
    }
    return out;
}

json_t *holiday_list(struct ctx *c, struct err *e)
{
    json_t *out =
        jpack("{so so so sb}", "years", list_years(c, e), "provisional", list_provisional(c),
              "loads", list_loads(c, e), "may_change", holiday_may_change(c));
    if (e->code) {
        json_decref(out);
        return NULL;
    }
    int due = holiday_year_due(c);
    if (due) json_object_set_new(out, "year_due", json_integer(due));
    return out;
}

int holiday_year_due(const struct ctx *c)
{
    int y, m;
    date_ymd(date_from_instant(c->now), &y, &m, NULL);
    if (m < 11 || !c->cal || c->who->user_id == 0 || !holiday_may_change(c)) return 0;
    return calendar_year_known(c->cal, y + 1) ? 0 : y + 1;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_left left[] = {
    {"calendar_year", "节假日安排：目标库没有的年份补入", false},
    {"calendar_day", "节假日安排：目标库没有的日期补入", false},
    {"calendar_load", "节假日安排的载入记录：源库的日历历史，其审计记录随审计链存档", false},
};

const struct law_area law_area_calendar = {"calendar", NULL, 0, left, countof(left)};
