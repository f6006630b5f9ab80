/* dashboard.c — start-page figures, computed from the registries. */
#include "base/jpack.h"
#include "law/dashboard.h"
#include "law/holiday.h"
#include "law/case.h"
#include "law/catalog.h"
#include "law/officer.h"
#include "base/date.h"
#include "law/inspection.h"
#include "law/workflow.h"
#include "law/file_review.h"

#include <stdlib.h>
#include <string.h>

static int64_t count(struct ctx *c, const char *sql, const char *like, struct err *e)
{
    int64_t n = 0;
    db_get_int(c->db, e, &n, sql, "t", like);
    return n;
}

/* Order deadline rows by their last day (then kind and id): the soonest first. */
static int by_due(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int k = strcmp(json_string_value(json_object_get(x, "due")),
                   json_string_value(json_object_get(y, "due")));
    if (k) return k;
    k = strcmp(json_string_value(json_object_get(x, "kind")),
               json_string_value(json_object_get(y, "kind")));
    if (k) return k;
    json_int_t i = json_integer_value(json_object_get(x, "object_id")),
               j = json_integer_value(json_object_get(y, "object_id"));
    return (i > j) - (i < j);
}

/* Add the correction orders (inspection_overdue's rows) due by until to the deadline rows, in
 * the same form (kind "inspection", label 整改期限), soonest first, at most DASHBOARD_DUE_ROWS. */
static void add_orders(json_t *due, json_t *orders, day_t until)
{
    static const char *const groups[] = {"overdue", "due_soon"};
    char last[DATE_STRLEN];
    date_format(until, last);
    for (size_t g = 0; g < 2; g++) {
        size_t i;
        json_t *o;
        json_array_foreach(json_object_get(orders, groups[g]), i, o)
        {
            const char *by = json_string_value(json_object_get(o, "rectify_by"));
            if (!by || strcmp(by, last) > 0) continue;
            json_array_append_new(due, jpack("{ss sO ss ss sb ss}", "kind", "inspection",
                                             "object_id", json_object_get(o, "id"), "label",
                                             "整改期限", "due", by, "overdue", g == 0, "entity",
                                             json_string_value(json_object_get(o, "entity_name"))));
        }
    }
    size_t n = json_array_size(due);
    json_t **rows = xmalloc((n ? n : 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = json_incref(json_array_get(due, i));
    qsort(rows, n, sizeof *rows, by_due);
    json_array_clear(due);
    for (size_t i = 0; i < n; i++)
        if (i < DASHBOARD_DUE_ROWS)
            json_array_append_new(due, rows[i]);
        else
            json_decref(rows[i]);
    free(rows);
}

json_t *dashboard_summary(struct ctx *c, struct err *e)
{
    const char *like = actor_scope(c);
    day_t today = date_from_instant(c->now);
    char t[11], soon[11];
    date_format(today, t);
    date_format(today + CERT_EXPIRY_WARN_DAYS, soon);
#define SCOPE " " AGENCY_IN_SCOPE("agency_id")
    /* the registry's figures from the counts the triggers keep (migration 022) */
    json_t *d = jpack(
        "{sI sI sI}", "entities",
        (json_int_t)count(c, "SELECT COALESCE(SUM(n), 0) FROM entity_tally WHERE" SCOPE, like, e),
        "entities_open",
        (json_int_t)count(
            c, "SELECT COALESCE(SUM(n), 0) FROM entity_tally WHERE status = 'open' AND" SCOPE, like,
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
                                  "SELECT line, SUM(n) FROM entity_line_tally WHERE" SCOPE
                                  " GROUP BY line HAVING SUM(n) > 0 ORDER BY SUM(n) DESC, line",
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
    /* 投诉举报: waiting for the 受理 decision, and past an open deadline */
    int64_t received = 0, overdue = 0;
    db_get_int(c->db, e, &received,
               "SELECT count(*) FROM complaint WHERE state = 'received' AND" SCOPE, "t", like);
    db_get_int(c->db, e, &overdue,
               "SELECT count(*) FROM wf_deadline WHERE kind = 'complaint' AND ended_on IS NULL"
               " AND due_on < ? AND" SCOPE,
               "tt", t, like);
    json_object_set_new(d, "complaints_received", json_integer(received));
    json_object_set_new(d, "complaints_overdue", json_integer(overdue));
    /* 信访: waiting for the 受理 decision, and past an open deadline */
    int64_t registered = 0, late_petitions = 0;
    db_get_int(c->db, e, &registered,
               "SELECT count(*) FROM petition WHERE state = 'registered' AND" SCOPE, "t", like);
    db_get_int(c->db, e, &late_petitions,
               "SELECT count(*) FROM wf_deadline WHERE kind = 'petition' AND ended_on IS NULL"
               " AND due_on < ? AND" SCOPE,
               "tt", t, like);
    json_object_set_new(d, "petitions_registered", json_integer(registered));
    json_object_set_new(d, "petitions_overdue", json_integer(late_petitions));
    /* 依申请公开: not yet answered, and past the 答复期限 (not while a consultation pauses it) */
    int64_t unanswered = 0, late_disclosures = 0;
    db_get_int(c->db, e, &unanswered,
               "SELECT count(*) FROM disclosure_request WHERE state NOT IN ('answered',"
               " 'abandoned') AND" SCOPE,
               "t", like);
    db_get_int(c->db, e, &late_disclosures,
               "SELECT count(*) FROM wf_deadline WHERE kind = 'disclosure' AND ended_on IS NULL"
               " AND paused_on IS NULL AND due_on < ? AND" SCOPE,
               "tt", t, like);
    json_object_set_new(d, "disclosures_pending", json_integer(unanswered));
    json_object_set_new(d, "disclosures_overdue", json_integer(late_disclosures));
    /* 行政处罚: waiting for 立案 or its approval, and past an open deadline */
    int64_t to_file = 0, to_approve = 0, late_cases = 0;
    db_get_int(c->db, e, &to_file,
               "SELECT count(*) FROM penalty_case WHERE state = 'registered' AND" SCOPE, "t", like);
    db_get_int(c->db, e, &to_approve,
               "SELECT count(*) FROM penalty_case WHERE state = 'proposed' AND" SCOPE, "t", like);
    db_get_int(c->db, e, &late_cases,
               "SELECT count(*) FROM wf_deadline WHERE kind = 'case' AND ended_on IS NULL"
               " AND party = 0 AND due_on < ? AND" SCOPE,
               "tt", t, like);
    json_object_set_new(d, "cases_to_file", json_integer(to_file));
    json_object_set_new(d, "cases_to_approve", json_integer(to_approve));
    json_object_set_new(d, "cases_overdue", json_integer(late_cases));
    /* [R-CASE-10] filed 60 days ago or more and not yet decided */
    int64_t long_cases = 0;
    char sixty[DATE_STRLEN];
    date_format(date_from_instant(c->now) - CASE_WARN_DAYS, sixty);
    db_get_int(c->db, e, &long_cases,
               "SELECT count(*) FROM penalty_case WHERE filed_on <= ? AND decided_on IS NULL"
               " AND state <> 'declined' AND" SCOPE,
               "tt", sixty, like);
    json_object_set_new(d, "cases_long", json_integer(long_cases));
#undef SCOPE
    json_object_set_new(d, "by_line", by_line);
    /* correction orders past their deadline without a reinspection */
    json_t *orders = e->code ? NULL : inspection_overdue(c, e);
    json_object_set_new(
        d, "orders_overdue",
        json_integer((json_int_t)json_array_size(json_object_get(orders, "overdue"))));
    /* every deadline due within three days or passed: the workflows' and the correction orders' */
    json_t *due = e->code ? NULL : wf_deadlines(c, DASHBOARD_DUE_DAYS, DASHBOARD_DUE_ROWS, e);
    if (due) add_orders(due, orders, today + DASHBOARD_DUE_DAYS);
    json_decref(orders);
    json_object_set_new(d, "deadlines", due ? due : json_array());
    /* the corrections of audited files the actor's officer handled (案卷评查) */
    int64_t to_correct = 0;
    if (!e->code && !file_review_todo(c, &to_correct, e))
        json_object_set_new(d, "reviews_to_correct", json_integer(to_correct));
    /* the publicity queue: items waiting for the reviewer (to publish or to withdraw) */
    int64_t publicity_due = 0;
    if (!e->code)
        db_get_int(c->db, e, &publicity_due,
                   "SELECT count(*) FROM publicity_item p JOIN agency a ON a.id = p.agency_id"
                   " WHERE p.state IN ('queued', 'to_withdraw') AND a.path LIKE ?",
                   "t", actor_scope(c));
    json_object_set_new(d, "publicity_due", json_integer(publicity_due));
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
