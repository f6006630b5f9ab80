/* disclosure_stats.c — the figures of disclosure requests the annual report on government
 * information disclosure quotes (申请情况: how received; 答复情况: by kind of answer), as named
 * queries over a period and the actor's subtree. Each count names the list behind it. */
#include "base/jpack.h"
#include "law/disclosure.h"
#include "law/draw.h"

#include <string.h>

/* Add n to the count of code in by (label from label()). */
static void tally(json_t *by, const char *code, const char *label, int64_t n)
{
    size_t i;
    json_t *o;
    json_array_foreach(by, i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "code")), code) == 0) {
            json_object_set_new(o, "count",
                                json_integer(json_integer_value(json_object_get(o, "count")) + n));
            return;
        }
    }
    json_array_append_new(by, jpack("{ss ss sI}", "code", code, "label", label ? label : code,
                                    "count", (json_int_t)n));
}

/* [R-DIS-07] Requests received in the period, by channel, state and kind of answer. */
static int count_requests(struct ctx *c, const char *from, const char *to, json_t *o,
                          int64_t *total, struct err *e)
{
    json_t *by_channel = json_object_get(o, "by_channel"),
           *by_state = json_object_get(o, "by_state"), *by_answer = json_object_get(o, "by_answer");
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT x.channel, x.state, x.answer_type, COUNT(*) FROM disclosure_request x"
        " WHERE " AGENCY_IN_SCOPE("x.agency_id") " AND x.received_on >= ? AND x.received_on <= ?"
                                                 " GROUP BY x.channel, x.state, x.answer_type"
                                                 " ORDER BY x.channel, x.state, x.answer_type",
        "ttt", actor_scope(c), from, to);
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t k = db_int(st, 3);
        *total += k;
        tally(by_channel, db_text(st, 0), disclosure_channel_label(db_text(st, 0)), k);
        tally(by_state, db_text(st, 1), wf_state_label(&disclosure_workflow, db_text(st, 1)), k);
        if (!db_null(st, 2))
            tally(by_answer, db_text(st, 2), disclosure_answer_label(db_text(st, 2)), k);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* [R-DIS-07] Answered requests, and those answered by the last day of their 答复期限 (the one the
 * answer met). */
static int count_on_time(struct ctx *c, const char *from, const char *to, int64_t *answered,
                         int64_t *on_time, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT COUNT(*), SUM(CASE WHEN d.ended_on <= d.due_on THEN 1 ELSE 0 END)"
                 " FROM disclosure_request x JOIN wf_deadline d ON d.kind = 'disclosure'"
                 " AND d.object_id = x.id AND d.name = 'answer' AND d.outcome = 'met'"
                 " AND d.ended_on = x.answered_on"
                 " WHERE x.state = 'answered' AND " AGENCY_IN_SCOPE(
                     "x.agency_id") " AND x.received_on >= ? AND x.received_on <= ?",
                 "ttt", actor_scope(c), from, to);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *answered = db_int(st, 0);
        *on_time = db_null(st, 1) ? 0 : db_int(st, 1);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

json_t *disclosure_stats(struct ctx *c, const char *from, const char *to, struct err *e)
{
    day_t d;
    if (!from || date_parse(from, &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (!to || date_parse(to, &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (!e->code && strcmp(from, to) > 0) err_field(e, "to", "截止日期不能早于起始日期");
    if (e->code) return NULL;
    json_t *o =
        jpack("{ss ss s[] s[] s[]}", "from", from, "to", to, "by_answer", "by_channel", "by_state");
    int64_t total = 0, answered = 0, on_time = 0;
    int rc = count_requests(c, from, to, o, &total, e);
    if (!rc) rc = count_on_time(c, from, to, &answered, &on_time, e);
    if (rc) {
        json_decref(o);
        return NULL;
    }
    char text[DRAW_RATE_TEXT];
    draw_rate_text(on_time, answered, text);
    json_object_set_new(o, "total", json_integer(total));
    json_object_set_new(o, "rates",
                        jpack("{sI sI ss}", "answered", (json_int_t)answered, "on_time",
                              (json_int_t)on_time, "on_time_rate", text));
    return o;
}
