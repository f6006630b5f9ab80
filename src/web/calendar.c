/* calendar.c — the holiday calendar page (administrators) and the working-day calculator. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "law/role.h"
#include "web/web.h"
#include "web/server.h"
#include "law/holiday.h"
#include "law/workflow.h"
#include "base/calendar.h"

#include <string.h>

/* How a year came to be loaded, in words. */
static const char *how_label(const char *how)
{
    if (!how) return NULL;
    if (strcmp(how, "import") == 0) return "导入通知文件";
    if (strcmp(how, "manual") == 0) return "手工新增年度";
    if (strcmp(how, "seed") == 0) return "随系统版本载入";
    if (strcmp(how, "edit") == 0) return "手工修改日期";
    return how;
}

/* The loads for the page: local times, the way each came, links to the moved deadlines. */
static void show_loads(struct req *r, json_t *loads)
{
    page_local_times(loads);
    size_t i;
    json_t *load;
    json_array_foreach(loads, i, load)
    {
        jset_text(load, "how_label", how_label(json_string_value(json_object_get(load, "how"))));
        link_matters(r, json_object_get(load, "moves"));
    }
}

/* This year and later open on the page; earlier ones folded. */
static void show_years(struct req *r, json_t *years)
{
    json_int_t now = date_year(date_from_instant(r->ctx.now));
    size_t i;
    json_t *y;
    json_array_foreach(years, i, y)
    {
        jset_bool(y, "current", json_integer_value(json_object_get(y, "year")) >= now);
    }
}

static int calendar_page(struct req *r, struct resp *w)
{
    json_t *cal = holiday_list(&r->ctx, &r->err);
    if (!cal) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        json_decref(w->data); /* a failed change's kept form, unused by the JSON face */
        w->data = cal;
        return 0;
    }
    show_loads(r, json_object_get(cal, "loads"));
    show_years(r, json_object_get(cal, "years"));
    if (!w->data) w->data = json_object();
    json_object_update(w->data, cal);
    json_decref(cal);
    page(w, "admin/calendar.html", "节假日安排");
    return 0;
}

int calendar_index(struct req *r, struct resp *w)
{
    return calendar_page(r, w);
}

/* What a load did, for the page and the API: {year, recomputed, moved: [...]} plus problems. */
static json_t *result_data(struct req *r, const struct holiday_result *res)
{
    json_t *o =
        jpack("{si si sb}", "year", res->year, "recomputed", res->recomputed, "edit", res->edit);
    link_matters(r, res->moved);
    if (res->moved) json_object_set(o, "moved", res->moved);
    if (res->problems) json_object_set(o, "problems", res->problems);
    return o;
}

/* After a change: make the new calendar current, answer like the other forms. A load's result
 * (res, may be NULL) goes with the answer: as JSON, or shown on the calendar page. */
static int changed(struct req *r, struct resp *w, int rc, const char *const *fields,
                   const struct holiday_result *res)
{
    if (!rc) rc = server_calendar_reload(r->ctx.db, &r->err);
    if (!rc) r->ctx.cal = server_calendar(); /* the page shows the calendar as it now is */
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        page_keep_form(r, w, fields);
        if (res && res->problems) {
            json_object_set_new(w->data, "result", result_data(r, res));
            w->error_details = json_incref(json_object_get(w->data, "result"));
        }
        calendar_page(r, w);
        r->err = saved;
        return rc;
    }
    if (r->api) {
        w->data = res ? result_data(r, res) : json_object();
        json_object_set_new(w->data, "ok", json_true());
        return 0;
    }
    if (!res || !res->year) {
        w->redirect = "/calendar?saved=1";
        return 0;
    }
    w->data = jpack("{so}", "result", result_data(r, res));
    return calendar_page(r, w);
}

/* After a single day's change: the page again only when deadlines moved (the answer lists them);
 * otherwise back to the calendar. */
static int day_changed(struct req *r, struct resp *w, int rc, const char *const *fields,
                       struct holiday_result *res)
{
    bool moved = !rc && json_array_size(res->moved) > 0;
    rc = changed(r, w, rc, fields, moved || r->api ? res : NULL);
    holiday_result_free(res);
    return rc;
}

int calendar_day_set(struct req *r, struct resp *w)
{
    const char *off = req_param(r, "off");
    struct holiday_result res;
    int rc = holiday_set_day(&r->ctx, req_param(r, "day"), off && strcmp(off, "1") == 0,
                             req_param(r, "name"), &res, &r->err);
    return day_changed(r, w, rc, (const char *const[]){"day", "off", "name", NULL}, &res);
}

int calendar_day_clear(struct req *r, struct resp *w)
{
    struct holiday_result res;
    int rc = holiday_clear_day(&r->ctx, req_param(r, "day"), &res, &r->err);
    return day_changed(r, w, rc, (const char *const[]){"day", NULL}, &res);
}

int calendar_year_add(struct req *r, struct resp *w)
{
    struct holiday_result res;
    int rc = holiday_add_year(&r->ctx, req_param(r, "year"), req_param(r, "source"), &res, &r->err);
    rc = changed(r, w, rc, (const char *const[]){"year", "source", NULL}, &res);
    holiday_result_free(&res);
    return rc;
}

/* POST /calendar/import: a holiday-cn JSON file (multipart field "file"). */
int calendar_import(struct req *r, struct resp *w)
{
    struct holiday_result res = {0};
    int rc;
    if (!r->file || !r->file_len)
        rc = err_field(&r->err, "file",
                       "请选择国务院办公厅节假日安排的 JSON 文件（holiday-cn 格式）");
    else
        rc = holiday_import(&r->ctx, r->file, r->file_len, &res, &r->err);
    rc = changed(r, w, rc, (const char *const[]){NULL}, &res);
    holiday_result_free(&res);
    return rc;
}

/* GET /calendar/compute?date=YYYY-MM-DD&n=N: the date N working days after date. */
int calendar_compute(struct req *r, struct resp *w)
{
    const char *date = req_query(r, "date");
    int64_t n = req_int(r, "n", -1, 0, 3650);
    day_t start, out;
    page(w, "calendar/compute.html", "工作日计算");
    w->data = jpack("{ss? sI}", "date", date, "n", (json_int_t)n);
    if (!date) return 0; /* the empty calculator */
    if (date_parse(date, &start)) err_field(&r->err, "date", "日期格式应为 YYYY-MM-DD");
    if (n < 0) err_field(&r->err, "n", "工作日数应为 0–3650 的整数");
    if (r->err.code) return r->err.code;
    bool provisional;
    int rc = wf_count(r->ctx.cal, (int)n, true, start, &out, &provisional, &r->err);
    if (rc) {
        if (!r->err.nfields) err_field(&r->err, "date", "%s", r->err.msg);
        return rc;
    }
    char s[DATE_STRLEN];
    date_format(out, s);
    json_object_set_new(w->data, "result", json_string(s));
    json_object_set_new(w->data, "provisional", json_boolean(provisional));
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/calendar", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_index, "holiday calendar"},
    {"POST", "/calendar/days", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_day_set,
     "set a holiday or working day"},
    {"POST", "/calendar/days/clear", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_day_clear,
     "remove a special day"},
    {"POST", "/calendar/years", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_year_add,
     "add a year with its statutory holidays"},
    {"POST", "/calendar/import", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_import,
     "load a year's notice from a holiday-cn JSON file"},
    {"GET", "/calendar/compute", PERM_LOGIN, ROUTE_BOTH, calendar_compute,
     "N working days after a date"},
};

static const struct nav_item nav[] = {{"/calendar", "节假日", PERM_CALENDAR_ADMIN},
                                      {NULL, NULL, 0}};

const struct area area_calendar = {"calendar", routes, countof(routes), nav, NULL, NULL,
                                   NULL,       NULL};
