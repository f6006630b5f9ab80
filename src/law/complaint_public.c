/* complaint_public.c — the complaint figures of a year on the public site
 * (complaint_public.h). */
#include "base/date.h"
#include "base/jpack.h"
#include "law/complaint_public.h"
#include "law/complaint.h"

#include <stdlib.h>
#include <string.h>

/* The figures' members the public sees: counts, never a complaint. */
static const char *const public_groups[] = {"by_channel", "by_line", "by_result", NULL};
static const char *const public_rates[] = {"accepted", "closed",          "closure_rate",
                                           "decided",  "decided_on_time", "decide_on_time_rate",
                                           "handled",  "handled_on_time", "handle_on_time_rate",
                                           NULL};

/* The year asked for, or this year when blank; 0 with a field error when it is not a year from
 * COMPLAINT_PUBLIC_FIRST_YEAR to this one. */
static int year_of(struct ctx *c, const char *year, struct err *e)
{
    int y, m, d;
    date_ymd(date_from_instant(c->now), &y, &m, &d);
    if (str_blank(year)) return y;
    int64_t v;
    if (strlen(year) == 4 && !parse_i64(year, &v) && v >= COMPLAINT_PUBLIC_FIRST_YEAR && v <= y)
        return (int)v;
    err_field(e, "year", "年份应为 %d 至 %d 之间的四位数字", COMPLAINT_PUBLIC_FIRST_YEAR, y);
    return 0;
}

/* [R-PUB-26] The public sees the year's counts by channel, line and result and the rates made
 * from them, as complaint_stats counts them for the annual report: nothing of a complainant, no
 * list of complaints. */
json_t *complaint_public_figures(struct ctx *c, const char *year, const char *agency_code,
                                 struct err *e)
{
    int y = year_of(c, year, e);
    if (!y) return NULL;
    const char *name = NULL;
    if (!str_blank(agency_code)) {
        struct db_stmt *st =
            db_query(c->db, e, "SELECT name FROM agency WHERE code = ?", "t", agency_code);
        if (st && db_step(st, e) == DB_ROW) name = arena_strdup(c->arena, db_text(st, 0));
        db_done(st);
        if (!name && !e->code) err_field(e, "agency", "机构 %s 不存在", agency_code);
        if (!name) return NULL;
    }
    struct complaint_period p = {.from = arena_printf(c->arena, "%04d-01-01", y),
                                 .to = arena_printf(c->arena, "%04d-12-31", y),
                                 .agency_code = agency_code};
    json_t *all = complaint_stats(c, &p, e);
    if (!all) return NULL;
    json_t *o = jpack("{si}", "year", y);
    if (name)
        json_object_update_new(o, jpack("{ss ss}", "agency", agency_code, "agency_name", name));
    json_object_set(o, "total", json_object_get(all, "total"));
    for (int i = 0; public_groups[i]; i++)
        json_object_set(o, public_groups[i], json_object_get(all, public_groups[i]));
    json_t *rates = json_object(), *from = json_object_get(all, "rates");
    for (int i = 0; public_rates[i]; i++)
        json_object_set(rates, public_rates[i], json_object_get(from, public_rates[i]));
    json_object_set_new(o, "rates", rates);
    json_decref(all);
    return o;
}
