/* dashboard.c — start-page figures, computed from the registries. */
#include "base/jpack.h"
#include "law/dashboard.h"
#include "law/holiday.h"
#include "law/catalog.h"
#include "law/officer.h"
#include "base/date.h"
#include "law/inspection.h"
#include "law/workflow.h"

static int64_t count(struct ctx *c, const char *sql, const char *like, struct err *e)
{
    int64_t n = 0;
    db_get_int(c->db, e, &n, sql, "t", like);
    return n;
}

json_t *dashboard_summary(struct ctx *c, struct err *e)
{
    const char *like = arena_printf(c->arena, "%s%%", c->who->agency_path);
    day_t today = date_from_instant(c->now);
    char t[11], soon[11];
    date_format(today, t);
    date_format(today + CERT_EXPIRY_WARN_DAYS, soon);
#define SCOPE " agency_id IN (SELECT id FROM agency WHERE path LIKE ?)"
    json_t *d = jpack(
        "{sI sI sI}", "entities",
        (json_int_t)count(c, "SELECT count(*) FROM entity WHERE" SCOPE, like, e), "entities_open",
        (json_int_t)count(c, "SELECT count(*) FROM entity WHERE status = 'open' AND" SCOPE, like,
                          e),
        "officers",
        (json_int_t)count(c, "SELECT count(*) FROM officer WHERE status = 'active' AND" SCOPE, like,
                          e));
    int64_t expired = 0, expiring = 0;
    db_get_int(
        c->db, e, &expired,
        "SELECT count(*) FROM officer WHERE status = 'active' AND cert_expires < ? AND" SCOPE, "tt",
        t, like);
    db_get_int(c->db, e, &expiring,
               "SELECT count(*) FROM officer WHERE status = 'active' AND cert_expires >= ?"
               " AND cert_expires <= ? AND" SCOPE,
               "ttt", t, soon, like);
    json_object_set_new(d, "certs_expired", json_integer(expired));
    json_object_set_new(d, "certs_expiring", json_integer(expiring));
    /* lines with equal counts in code order: the engines break ties differently */
    json_t *by_line = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT l.line, count(*) FROM entity_line l"
                                  " JOIN entity x ON x.id = l.entity_id WHERE x." SCOPE
                                  " GROUP BY l.line ORDER BY count(*) DESC, l.line",
                                  "t", like);
    while (st && db_step(st, e) == DB_ROW) {
        const char *label = catalog_label("lines", db_text(st, 0));
        json_array_append_new(by_line, jpack("{ss ss sI}", "line", db_text(st, 0), "label",
                                             label ? label : db_text(st, 0), "count",
                                             (json_int_t)db_int(st, 1)));
    }
    db_done(st);
    /* 双随机: tasks waiting, and those past the plan's deadline */
    int64_t pending = 0, late = 0;
    db_get_int(c->db, e, &pending, "SELECT count(*) FROM task WHERE state = 'pending' AND" SCOPE,
               "t", like);
    db_get_int(c->db, e, &late,
               "SELECT count(*) FROM task WHERE state = 'pending' AND deadline < ? AND" SCOPE, "tt",
               t, like);
    json_object_set_new(d, "tasks_pending", json_integer(pending));
    json_object_set_new(d, "tasks_overdue", json_integer(late));
#undef SCOPE
    json_object_set_new(d, "by_line", by_line);
    /* correction orders past their deadline without a reinspection */
    json_t *orders = e->code ? NULL : inspection_overdue(c, e);
    json_object_set_new(
        d, "orders_overdue",
        json_integer((json_int_t)json_array_size(json_object_get(orders, "overdue"))));
    json_decref(orders);
    /* every workflow's deadlines due within three days or passed */
    json_t *due = e->code ? NULL : wf_deadlines(c, DASHBOARD_DUE_DAYS, DASHBOARD_DUE_ROWS, e);
    json_object_set_new(d, "deadlines", due ? due : json_array());
    json_object_set_new(d, "today", json_string(t));
    /* from 1 November, the top-level administrators are reminded to load next year's notice */
    int year_due = holiday_year_due(c);
    if (year_due) json_object_set_new(d, "calendar_year_due", json_integer(year_due));
    if (e->code) {
        json_decref(d);
        return NULL;
    }
    return d;
}
