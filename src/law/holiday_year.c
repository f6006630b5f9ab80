/* holiday_year.c — a year's arrangement becoming loaded: a notice file imported (from the page,
 * the API or `landun calendar import`), a year added by hand, or a shipped file seeded at start.
 * Each ends the same way as a single day changed by hand (holiday_recount): the deadlines it may
 * move are counted again on the calendar as it now stands, and what moved is audited and listed. */
#include "base/jpack.h"
#include "law/holiday.h"
#include "law/audit.h"
#include "law/field.h"
#include "law/workflow.h"
#include "base/calendar.h"
#include "base/embed.h"

#include <stdio.h>
#include <string.h>

#define MAX_PROBLEMS 200 /* problems of a refused file listed (the count is always given) */

void holiday_result_free(struct holiday_result *r)
{
    if (!r) return;
    json_decref(r->moved);
    json_decref(r->problems);
    memset(r, 0, sizeof *r);
}

/* Record the moves of load load_id (r->moved) as deadline_move rows. */
static int record_moves(struct ctx *c, int64_t load_id, json_t *moved, struct err *e)
{
    size_t n = json_array_size(moved), i;
    struct db_arg *args = xcalloc(n * 4 + 1, sizeof *args);
    json_t *m;
    json_array_foreach(moved, i, m)
    {
        struct db_arg *a = args + i * 4;
        a[0] = (struct db_arg){.type = 'i', .i = load_id};
        a[1] = (struct db_arg){.type = 'i', .i = json_integer_value(json_object_get(m, "id"))};
        a[2] = (struct db_arg){.type = 't', .s = json_string_value(json_object_get(m, "old_due"))};
        a[3] = (struct db_arg){.type = 't', .s = json_string_value(json_object_get(m, "new_due"))};
    }
    int64_t rc = db_insert_rows(c->db, e,
                                "INSERT INTO deadline_move (load_id, deadline_id, old_due, new_due)"
                                " VALUES",
                                4, n, args);
    free(args);
    return rc < 0 ? (int)rc : 0;
}

/* [R-CAL-05] a year loaded: every provisional deadline counted again, the moved ones listed */
int holiday_recount(struct ctx *c, int year, const char *source, const char *how, const char *day,
                    struct holiday_result *r, struct err *e)
{
    struct calendar *cal;
    int rc = holiday_load(c->db, &cal, e); /* this transaction's view: the change just written */
    if (rc) return rc;
    r->year = year;
    r->edit = day != NULL;
    if (!r->moved) r->moved = json_array();
    rc = wf_recount(c, cal, day, &r->recomputed, r->moved, e);
    calendar_free(cal);
    if (rc || (day && json_array_size(r->moved) == 0)) return rc; /* an edit that moved nothing */
    rc = db_get_int(c->db, e, &r->load_id,
                    "INSERT INTO calendar_load (year, source, how, at, username, recomputed, moved)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    "ittitii", (int64_t)year, source, how, c->now,
                    c->who->username ? c->who->username : "system", (int64_t)r->recomputed,
                    (int64_t)json_array_size(r->moved));
    if (!rc) rc = record_moves(c, r->load_id, r->moved, e);
    if (!rc && !day)
        rc = audit_write_at(c, AUDIT_EVERYWHERE, "calendar.load", "calendar", r->load_id,
                            "%d 年节假日安排已载入（%s）：重算暂定期限 %d 个，调整 %zu 个", year,
                            source, r->recomputed, json_array_size(r->moved));
    return rc;
}

/* ---- a notice file ------------------------------------------------------------------------ */

/* Collect a file's problems into r->problems (cal_problem_fn). */
static void collect_problem(void *arg, int item, const char *msg)
{
    struct holiday_result *r = arg;
    if (json_array_size(r->problems) >= MAX_PROBLEMS) return;
    json_array_append_new(r->problems, jpack("{si ss}", "item", item, "message", msg));
}

/* Write the notice's days: the year's own replace what was recorded for it; days it lists of
 * the neighbouring years are set too (the notice is the authority on them). */
static int store_notice(struct ctx *c, const struct cal_notice *n, const char *source,
                        struct err *e)
{
    char first[DATE_STRLEN], last[DATE_STRLEN];
    date_format(date_from_ymd(n->year, 1, 1), first);
    date_format(date_from_ymd(n->year, 12, 31), last);
    if (db_exec(c->db, e,
                "INSERT INTO calendar_year (year, source) VALUES (?, ?)"
                " ON CONFLICT (year) DO UPDATE SET source = excluded.source",
                "it", (int64_t)n->year, source) < 0 ||
        db_exec(c->db, e, "DELETE FROM calendar_day WHERE day >= ? AND day <= ?", "tt", first,
                last) < 0)
        return e->code;
    for (size_t i = 0; i < n->ndays; i++) {
        char d[DATE_STRLEN];
        date_format(n->days[i].day, d);
        if (db_exec(c->db, e,
                    "INSERT INTO calendar_day (day, off, name) VALUES (?, ?, ?)"
                    " ON CONFLICT (day) DO UPDATE SET off = excluded.off, name = excluded.name",
                    "tit", d, (int64_t)n->days[i].off, n->days[i].name) < 0)
            return e->code;
    }
    return 0;
}

int holiday_import(struct ctx *c, const char *json, size_t len, struct holiday_result *r,
                   struct err *e)
{
    memset(r, 0, sizeof *r);
    if (holiday_require_change(c, e)) return e->code;
    r->problems = json_array();
    struct cal_notice n;
    int rc = calendar_notice_parse(c->cal, json, len, &n, collect_problem, r, e);
    if (rc) return rc;
    json_decref(r->problems);
    r->problems = NULL;
    const char *source = n.source ? n.source : "国务院办公厅节假日安排通知（holiday-cn 文件）";
    rc = db_begin(c->db, e);
    if (!rc) {
        rc = store_notice(c, &n, source, e);
        if (!rc)
            rc = audit_write_at(c, AUDIT_EVERYWHERE, "calendar.import", "calendar", n.year,
                                "导入 %d 年节假日安排（%zu 个日期，%s）", n.year, n.ndays, source);
        if (!rc) rc = holiday_recount(c, n.year, source, "import", NULL, r, e);
        rc = holiday_commit(c, rc, e);
    }
    calendar_notice_free(&n);
    return rc;
}

/* ---- a year by hand ------------------------------------------------------------------------ */

/* The statutory holidays of year into calendar_day (days already recorded are kept). */
static int store_statutory(struct ctx *c, int year, struct err *e)
{
    struct cal_holiday h[CAL_STATUTORY_MAX];
    int n = calendar_statutory(c->cal, year, h, NULL);
    for (int i = 0; i < n; i++) {
        char d[DATE_STRLEN];
        date_format(h[i].day, d);
        if (db_exec(c->db, e,
                    "INSERT INTO calendar_day (day, off, name) VALUES (?, 1, ?)"
                    " ON CONFLICT (day) DO NOTHING",
                    "tt", d,
                    h[i].makeup ? arena_printf(c->arena, "%s（补假）", h[i].name) : h[i].name) < 0)
            return e->code;
    }
    return 0;
}

int holiday_add_year(struct ctx *c, const char *year, const char *source, struct holiday_result *r,
                     struct err *e)
{
    memset(r, 0, sizeof *r);
    if (holiday_require_change(c, e)) return e->code;
    int64_t y = 0;
    struct cal_holiday h[CAL_STATUTORY_MAX];
    if (parse_i64(year ? year : "", &y) || y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
        err_field(e, "year", "请填写年度，如 2027");
    else if (!c->cal || calendar_statutory(c->cal, (int)y, h, NULL) == 0)
        err_field(e, "year", "无法推算 %lld 年的法定节假日，请导入该年度的通知文件", (long long)y);
    field_text(source, "source", "依据（通知文号）", true, 200, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t n = db_exec(c->db, e, "INSERT INTO calendar_year (year, source) VALUES (?, ?)", "it", y,
                        source);
    if (n == ERR_CONFLICT) {
        err_clear(e);
        err_field(e, "year", "%lld 年度已存在", (long long)y);
        rc = e->code = ERR_CONFLICT;
    } else if (n < 0) {
        rc = (int)n;
    }
    if (!rc) rc = store_statutory(c, (int)y, e);
    if (!rc)
        rc = audit_write_at(c, AUDIT_EVERYWHERE, "calendar.year", "calendar", y,
                            "添加 %lld 年度日历（%s），已按法定节假日预填", (long long)y, source);
    if (!rc) rc = holiday_recount(c, (int)y, source, "manual", NULL, r, e);
    return holiday_commit(c, rc, e);
}

/* ---- the shipped files ---------------------------------------------------------------------- */

/* Store one shipped year file unless the database has the year; 1 when stored. */
static int seed_year(struct ctx *c, const struct embed_file *f, struct holiday_result *r,
                     struct err *e)
{
    struct cal_notice n;
    if (calendar_notice_parse(NULL, f->data, f->len, &n, NULL, NULL, e))
        return err_set(e, ERR_INTERNAL, "%s: %s", f->name, e->msg);
    const char *source = n.source ? n.source : "国务院办公厅节假日安排通知";
    /* ON CONFLICT: several processes may start (and seed) at once; one of them adds the year. */
    int64_t added = db_exec(c->db, e,
                            "INSERT INTO calendar_year (year, source) VALUES (?, ?)"
                            " ON CONFLICT (year) DO NOTHING",
                            "it", (int64_t)n.year, source);
    int rc = added < 0 ? (int)added : 0;
    for (size_t i = 0; !rc && added > 0 && i < n.ndays; i++) {
        char d[DATE_STRLEN];
        date_format(n.days[i].day, d);
        if (db_exec(c->db, e,
                    "INSERT INTO calendar_day (day, off, name) VALUES (?, ?, ?)"
                    " ON CONFLICT (day) DO NOTHING",
                    "tit", d, (int64_t)n.days[i].off, n.days[i].name) < 0)
            rc = e->code;
    }
    /* a newer release shipping the year: what was counted provisionally is counted again */
    int pending = !rc && added > 0
                      ? db_exists(c->db, e, "SELECT 1 FROM wf_deadline WHERE provisional = 1", "")
                      : 0;
    if (pending < 0) rc = pending;
    if (pending > 0) rc = holiday_recount(c, n.year, source, "seed", NULL, r, e);
    calendar_notice_free(&n);
    return rc ? rc : added > 0;
}

int holiday_seed(struct ctx *c, struct err *e)
{
    const struct embed_file *f;
    size_t n = embed_list("data/holidays/", &f);
    int rc = db_begin(c->db, e), added = 0;
    if (rc) return rc;
    for (size_t i = 0; i < n && rc >= 0; i++) {
        if (!strstr(f[i].name, ".json")) continue;
        struct holiday_result r = {0};
        rc = seed_year(c, &f[i], &r, e);
        holiday_result_free(&r);
        added += rc > 0;
    }
    if (rc >= 0 && added)
        rc = audit_write_at(c, AUDIT_EVERYWHERE, "calendar.seed", "calendar", 0,
                            "载入节假日安排 %d 个年度", added);
    if (rc < 0 || !added) { /* nothing added: nothing to commit, and the version stays */
        db_rollback(c->db);
        return rc < 0 ? rc : 0;
    }
    rc = holiday_commit(c, 0, e);
    return rc ? rc : added;
}
