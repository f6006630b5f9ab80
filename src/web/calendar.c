/* calendar.c — the holiday calendar page (administrators) and the working-day calculator. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/server.h"
#include "law/holiday.h"
#include "base/calendar.h"

#include <string.h>

static int calendar_page(struct req *r, struct resp *w)
{
    json_t *years = holiday_list(&r->ctx, &r->err);
    if (!years) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        json_decref(w->data); /* a failed change's kept form, unused by the JSON face */
        w->data = years;
        return 0;
    }
    if (!w->data) w->data = json_object();
    json_object_set_new(w->data, "years", years);
    page(w, "admin/calendar.html", "节假日安排");
    return 0;
}

int calendar_index(struct req *r, struct resp *w)
{
    return calendar_page(r, w);
}

/* After a change: make the new calendar current, answer like the other forms. */
static int changed(struct req *r, struct resp *w, int rc, const char *const *fields)
{
    if (!rc) rc = server_calendar_reload(r->ctx.db, &r->err);
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        page_keep_form(r, w, fields);
        calendar_page(r, w);
        r->err = saved;
        return rc;
    }
    if (r->api)
        w->data = jpack("{sb}", "ok", 1);
    else
        w->redirect = "/calendar?saved=1";
    return 0;
}

int calendar_day_set(struct req *r, struct resp *w)
{
    const char *off = req_param(r, "off");
    int rc = holiday_set_day(&r->ctx, req_param(r, "day"), off && strcmp(off, "1") == 0,
                             req_param(r, "name"), &r->err);
    return changed(r, w, rc, (const char *const[]){"day", "off", "name", NULL});
}

int calendar_day_clear(struct req *r, struct resp *w)
{
    int rc = holiday_clear_day(&r->ctx, req_param(r, "day"), &r->err);
    return changed(r, w, rc, (const char *const[]){"day", NULL});
}

int calendar_year_add(struct req *r, struct resp *w)
{
    int rc = holiday_add_year(&r->ctx, req_param(r, "year"), req_param(r, "source"), &r->err);
    return changed(r, w, rc, (const char *const[]){"year", "source", NULL});
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
    int rc = calendar_add_workdays(r->ctx.cal, start, (int)n, &out, &r->err);
    if (rc) {
        if (!r->err.nfields) err_field(&r->err, "date", "%s", r->err.msg);
        return rc;
    }
    char s[11];
    date_format(out, s);
    json_object_set_new(w->data, "result", json_string(s));
    return 0;
}
