/* petition_stats.c — the figures of petitions the annual reports quote (东阳 2022: 1461件, 来信 4,
 * 来访 6, 来电 1165, 网信 286; 医患纠纷 127 …; 满意度 99%), as named queries over a period and the
 * actor's subtree, counted from the petitions through their covering index (petition_figures).
 * Each count says which list it is, so a page can open the petitions behind it. */
#include "base/jpack.h"
#include "law/petition.h"
#include "law/draw.h"

#include <stdlib.h>
#include <string.h>

/* The grouped columns (petition columns, never input) and the keys of the result. */
static const struct {
    const char *key, *column;
    const char *(*label)(const char *code);
} groups[] = {
    {"by_form", "form", petition_form_label},
    {"by_content", "content", petition_content_label},
    {"by_state", "state", NULL},
    {"by_satisfaction", "satisfaction", petition_satisfaction_label},
};
#define NGROUPS 4

/* What the rates are made of. */
struct counts {
    int64_t total, group, accepted, closed, rated, pleased;
    int64_t met[2], on_time[2]; /* decide, handle */
};

/* Add n to the count of code in by. */
static void tally(json_t *by, const char *code, int64_t n)
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
    json_array_append_new(by, jpack("{ss sI}", "code", code, "count", (json_int_t)n));
}

static bool is_in(const char *code, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(code, *list) == 0) return true;
    return false;
}

/* One row of the grouped pass: form, content, state, satisfaction, petitions, 集体访. */
static void count_row(struct db_stmt *st, json_t *const by[NGROUPS], struct counts *n)
{
    static const char *const unaccepted[] = {"registered", "not_accepted", "transferred",
                                             "converted", NULL};
    static const char *const ended[] = {"closed", "rechecked", NULL};
    int64_t k = db_int(st, 4);
    for (int g = 0; g < NGROUPS; g++)
        if (!db_null(st, g)) tally(by[g], db_text(st, g), k);
    n->total += k;
    n->group += db_int(st, 5);
    if (!is_in(db_text(st, 2), unaccepted)) n->accepted += k;
    if (is_in(db_text(st, 2), ended)) n->closed += k;
    if (!db_null(st, 3)) {
        n->rated += k;
        if (strcmp(db_text(st, 3), "dissatisfied") != 0) n->pleased += k;
    }
}

static int count_petitions(struct ctx *c, const char *from, const char *to,
                           json_t *const by[NGROUPS], struct counts *n, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT x.form, x.content, x.state, x.satisfaction, COUNT(*),"
                 " SUM(CASE WHEN x.people >= ? THEN 1 ELSE 0 END) FROM petition x"
                 " WHERE " AGENCY_IN_SCOPE(
                     "x.agency_id") " AND x.received_on >= ? AND x.received_on <= ?"
                                    " GROUP BY x.form, x.content, x.state, x.satisfaction",
                 "ittt", (int64_t)PETITION_GROUP_SIZE, actor_scope(c), from, to);
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        count_row(st, by, n);
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* The deadlines decide and handle met, and met by their last day. */
static int count_deadlines(struct ctx *c, const char *from, const char *to, struct counts *n,
                           struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT d.name, COUNT(*), SUM(CASE WHEN d.ended_on <= d.due_on THEN 1 ELSE 0 END)"
        " FROM petition x JOIN wf_deadline d ON d.kind = 'petition' AND d.object_id = x.id"
        " AND d.name IN ('decide', 'handle') AND d.outcome = 'met'"
        " WHERE " AGENCY_IN_SCOPE("x.agency_id") " AND x.received_on >= ? AND x.received_on <= ?"
                                                 " GROUP BY d.name",
        "ttt", actor_scope(c), from, to);
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int k = strcmp(db_text(st, 0), "decide") == 0 ? 0 : 1;
        n->met[k] = db_int(st, 1);
        n->on_time[k] = db_int(st, 2);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

static void rate(json_t *o, const char *key, int64_t part, int64_t whole)
{
    char text[DRAW_RATE_TEXT];
    draw_rate_text(part, whole, text);
    jset_text(o, key, text);
}

/* [R-PET-09] 办结率 = (办结 + 复核终结) ÷ 受理; 按期受理率 and 按期办结率 = met by the last day ÷
 * met; 满意率 = (满意 + 基本满意) ÷ 评价. */
static json_t *rates(const struct counts *n)
{
    json_t *o = jpack("{sI sI sI sI sI sI sI sI}", "accepted", (json_int_t)n->accepted, "closed",
                      (json_int_t)n->closed, "decided", (json_int_t)n->met[0], "decided_on_time",
                      (json_int_t)n->on_time[0], "handled", (json_int_t)n->met[1],
                      "handled_on_time", (json_int_t)n->on_time[1], "rated", (json_int_t)n->rated,
                      "pleased", (json_int_t)n->pleased);
    rate(o, "closure_rate", n->closed, n->accepted);
    rate(o, "decide_on_time_rate", n->on_time[0], n->met[0]);
    rate(o, "handle_on_time_rate", n->on_time[1], n->met[1]);
    rate(o, "satisfaction_rate", n->pleased, n->rated);
    return o;
}

/* Labels, largest first. */
static int by_count(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t m = json_integer_value(json_object_get(x, "count")),
               n = json_integer_value(json_object_get(y, "count"));
    if (m != n) return m < n ? 1 : -1;
    return strcmp(json_string_value(json_object_get(x, "code")),
                  json_string_value(json_object_get(y, "code")));
}

static void finish_group(json_t *by, int g)
{
    size_t k = json_array_size(by);
    if (k > 64) k = 64; /* at most 14 content categories; the rest is never reached */
    json_t *v[64] = {0};
    for (size_t i = 0; i < k; i++)
        v[i] = json_incref(json_array_get(by, i));
    qsort(v, k, sizeof *v, by_count);
    json_array_clear(by);
    for (size_t i = 0; i < k; i++) {
        const char *code = json_string_value(json_object_get(v[i], "code"));
        const char *l =
            groups[g].label ? groups[g].label(code) : wf_state_label(&petition_workflow, code);
        jset_text(v[i], "label", l ? l : code);
        json_array_append_new(by, v[i]);
    }
}

json_t *petition_stats(struct ctx *c, const char *from, const char *to, struct err *e)
{
    day_t d;
    if (!from || date_parse(from, &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (!to || date_parse(to, &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (!e->code && strcmp(from, to) > 0) err_field(e, "to", "截止日期不能早于起始日期");
    if (e->code) return NULL;
    json_t *by[NGROUPS];
    for (int g = 0; g < NGROUPS; g++)
        by[g] = json_array();
    struct counts n = {0};
    int rc = count_petitions(c, from, to, by, &n, e);
    if (!rc) rc = count_deadlines(c, from, to, &n, e);
    json_t *o = jpack("{ss ss sI sI}", "from", from, "to", to, "total", (json_int_t)n.total,
                      "group", (json_int_t)n.group);
    for (int g = 0; g < NGROUPS; g++) {
        finish_group(by[g], g);
        json_object_set_new(o, groups[g].key, by[g]);
    }
    json_object_set_new(o, "rates", rates(&n));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}
