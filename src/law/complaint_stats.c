/* complaint_stats.c — the figures of complaints the annual reports quote (seeds: 420件 = 医疗卫生
 * 299 + 公共场所 88 …, 办结率, 按期办结率, 满意率), as named queries over a period and an agency's
 * subtree. Each count says which list it is, so a page can open the records behind it. */
#include "base/jpack.h"
#include "law/complaint.h"
#include "law/agency.h"
#include "law/catalog.h"
#include "law/draw.h"

#include <stdlib.h>
#include <string.h>

/* The complaints of the subtree scope received in [from, to]. */
static void days_cond(struct db_cond *w, const char *scope, const char *from, const char *to)
{
    db_cond_add(w, AGENCY_IN_SCOPE("x.agency_id"), "t", scope);
    db_cond_add(w, "x.received_on >= ?", "t", from);
    db_cond_add(w, "x.received_on <= ?", "t", to);
}

/* The grouped columns of one pass (complaint columns, never input), their catalogue lists or
 * label functions, and the keys of the result. */
static const struct {
    const char *key, *column, *list;
    const char *(*label)(const char *code);
} groups[] = {
    {"by_channel", "channel", "complaint_channels", NULL},
    {"by_line", "line", "lines", NULL},
    {"by_matter", "matter", "complaint_matters", NULL},
    {"by_result", "result", NULL, complaint_result_label},
    {"by_state", "state", NULL, NULL},
    {"by_satisfaction", "satisfaction", NULL, complaint_satisfaction_label},
};
#define NGROUPS 6

/* Add n to the count of code in the array by (arena code; NULL codes are not counted). */
static void tally(json_t *by, const char *code, int64_t n)
{
    if (!code) return;
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

/* Largest first, then by code; each with its label. */
static int by_count(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t m = json_integer_value(json_object_get(x, "count")),
               n = json_integer_value(json_object_get(y, "count"));
    if (m != n) return m < n ? 1 : -1;
    return strcmp(json_string_value(json_object_get(x, "code")),
                  json_string_value(json_object_get(y, "code")));
}

static void finish_group(json_t *by, size_t g)
{
    size_t n = json_array_size(by), i;
    json_t **rows = xmalloc((n ? n : 1) * sizeof *rows), *o;
    json_array_foreach(by, i, o) rows[i] = json_incref(o);
    qsort(rows, n, sizeof *rows, by_count);
    json_array_clear(by);
    for (i = 0; i < n; i++) {
        const char *code = json_string_value(json_object_get(rows[i], "code"));
        const char *l = groups[g].label  ? groups[g].label(code)
                        : groups[g].list ? catalog_label(groups[g].list, code)
                                         : wf_state_label(&complaint_workflow, code);
        jset_text(rows[i], "label", l ? l : code);
        json_array_append_new(by, rows[i]);
    }
    free(rows);
}

/* What the rates are made of, from the counts by state and satisfaction and the deadlines. */
struct counts {
    int64_t total, accepted, closed, rated, pleased;
    int64_t met[2], on_time[2]; /* decide, handle */
};

static void count_row(struct db_stmt *st, json_t *const by[NGROUPS])
{
    int64_t k = db_int(st, NGROUPS);
    for (size_t g = 0; g < NGROUPS; g++)
        tally(by[g], db_null(st, (int)g) ? NULL : db_text(st, (int)g), k);
}

/* The days [from, to] counted from the complaints themselves: one pass grouped by every
 * counted column, and one over their deadlines that ended met. */
static int count_days(struct ctx *c, const char *scope, const char *from, const char *to,
                      json_t *const by[NGROUPS], struct counts *n, struct err *e)
{
    struct db_cond w = {0};
    days_cond(&w, scope, from, to);
    const char *sql = arena_printf(c->arena,
                                   "SELECT x.channel, x.line, x.matter, x.result, x.state,"
                                   " x.satisfaction, COUNT(*) FROM complaint x WHERE %s"
                                   " GROUP BY x.channel, x.line, x.matter, x.result, x.state,"
                                   " x.satisfaction",
                                   db_cond_sql(&w));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    int rc = st ? 0 : e->code;
    while (!rc && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        count_row(st, by);
    }
    db_done(st);
    sql = arena_printf(c->arena,
                       "SELECT d.name, COUNT(*), SUM(CASE WHEN d.ended_on <= d.due_on THEN 1 ELSE"
                       " 0 END) FROM complaint x JOIN wf_deadline d ON d.kind = 'complaint'"
                       " AND d.object_id = x.id WHERE %s AND d.outcome = 'met' GROUP BY d.name",
                       db_cond_sql(&w));
    st = rc < 0 ? NULL : db_cond_query(c->db, e, sql, &w);
    rc = rc < 0 ? rc : st ? 0 : e->code;
    while (!rc && (rc = db_step(st, e)) == DB_ROW) {
        rc = 0;
        int k = strcmp(db_text(st, 0), "decide") == 0 ? 0 : 1;
        n->met[k] += db_int(st, 1);
        n->on_time[k] += db_int(st, 2);
    }
    db_done(st);
    db_cond_free(&w);
    return rc < 0 ? rc : 0;
}

/* [R-CMP-10] The months [first, last] (YYYY-MM) read from the counts kept as complaints move
 * (migration 027): a province-year sums thousands of rows, not a million complaints. */
static int count_months(struct ctx *c, const char *scope, const char *first, const char *last,
                        json_t *const by[NGROUPS], struct counts *n, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT t.dim, t.code, SUM(t.n) FROM complaint_tally t"
                 " WHERE " AGENCY_IN_SCOPE(
                     "t.agency_id") " AND t.month >= ? AND t.month <= ? GROUP BY t.dim, t.code"
                                    " HAVING SUM(t.n) <> 0",
                 "ttt", scope, first, last);
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *dim = db_text(st, 0), *code = db_text(st, 1);
        int64_t k = db_int(st, 2);
        for (size_t g = 0; g < NGROUPS; g++)
            if (strcmp(dim, groups[g].column) == 0) tally(by[g], code, k);
        for (int d = 0; d < 2; d++) {
            const char *name = d ? "handle" : "decide";
            size_t len = strlen(name);
            if (strncmp(dim, name, len) != 0) continue;
            if (strcmp(dim + len, "_met") == 0) n->met[d] += k;
            if (strcmp(dim + len, "_on_time") == 0) n->on_time[d] += k;
        }
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* The whole months inside [from, to] (*first, *last as YYYY-MM; *first > *last when none), and
 * the days before and after them (*head_to, *tail_from; counted from the complaints). */
static void split_period(struct ctx *c, const char *from, const char *to, const char **first,
                         const char **last, const char **head_to, const char **tail_from)
{
    day_t f, t;
    date_parse(from, &f);
    date_parse(to, &t);
    int fy, fm, fd, ty, tm, td;
    date_ymd(f, &fy, &fm, &fd);
    date_ymd(t, &ty, &tm, &td);
    day_t start = fd == 1 ? f : date_from_ymd(fm == 12 ? fy + 1 : fy, fm == 12 ? 1 : fm + 1, 1);
    day_t end = td == date_days_in_month(ty, tm) ? t : date_from_ymd(ty, tm, 1) - 1;
    char buf[DATE_STRLEN];
    date_format(start, buf);
    *first = arena_strndup(c->arena, buf, 7);
    date_format(start - 1, buf);
    *head_to = arena_strdup(c->arena, buf);
    date_format(end, buf);
    *last = arena_strndup(c->arena, buf, 7);
    date_format(end + 1, buf);
    *tail_from = arena_strdup(c->arena, buf);
}

static void rate(json_t *o, const char *key, int64_t part, int64_t whole)
{
    char text[DRAW_RATE_TEXT];
    draw_rate_text(part, whole, text);
    jset_text(o, key, text);
}

/* Accepted, closed, rated and pleased, from the counts by state and by satisfaction. */
static void derive(json_t *const by[NGROUPS], struct counts *n)
{
    size_t i;
    json_t *o;
    json_array_foreach(by[4], i, o)
    {
        const char *state = json_string_value(json_object_get(o, "code"));
        int64_t k = json_integer_value(json_object_get(o, "count"));
        n->total += k;
        if (strcmp(state, "received") != 0 && strcmp(state, "refused") != 0 &&
            strcmp(state, "transferred") != 0 && strcmp(state, "merged") != 0)
            n->accepted += k;
        if (strcmp(state, "closed") == 0) n->closed += k;
    }
    json_array_foreach(by[5], i, o)
    {
        int64_t k = json_integer_value(json_object_get(o, "count"));
        n->rated += k;
        if (strcmp(json_string_value(json_object_get(o, "code")), "dissatisfied") != 0)
            n->pleased += k;
    }
}

/* [R-CMP-09] 办结率 = 办结 ÷ 受理; 按期受理率 and 按期办结率 = met by the last day ÷ met;
 * 满意率 = (满意 + 基本满意) ÷ 评价. */
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

/* Every count of [from, to]: whole months from the kept counts, the days around them from the
 * complaints. */
static int count_period(struct ctx *c, const char *scope, const char *from, const char *to,
                        json_t *const by[NGROUPS], struct counts *n, struct err *e)
{
    const char *first, *last, *head_to, *tail_from;
    split_period(c, from, to, &first, &last, &head_to, &tail_from);
    if (strcmp(first, last) > 0) return count_days(c, scope, from, to, by, n, e);
    int rc = count_months(c, scope, first, last, by, n, e);
    if (!rc && strcmp(from, head_to) <= 0) rc = count_days(c, scope, from, head_to, by, n, e);
    if (!rc && strcmp(tail_from, to) <= 0) rc = count_days(c, scope, tail_from, to, by, n, e);
    return rc;
}

json_t *complaint_stats(struct ctx *c, const struct complaint_period *p, struct err *e)
{
    day_t d;
    if (date_parse(p->from, &d)) err_field(e, "from", "起始日期格式应为 YYYY-MM-DD");
    if (date_parse(p->to, &d)) err_field(e, "to", "截止日期格式应为 YYYY-MM-DD");
    if (e->code) return NULL;
    if (strcmp(p->from, p->to) > 0) {
        err_field(e, "to", "截止日期不能早于起始日期");
        return NULL;
    }
    const char *scope;
    if (agency_scope_of(c, p->agency_code, &scope, e)) return NULL;
    json_t *o = jpack("{ss ss}", "from", p->from, "to", p->to);
    if (!str_blank(p->agency_code)) jset_text(o, "agency", p->agency_code);
    json_t *by[NGROUPS];
    for (size_t g = 0; g < NGROUPS; g++)
        by[g] = json_array();
    struct counts n = {0};
    int rc = count_period(c, scope, p->from, p->to, by, &n, e);
    for (size_t g = 0; g < NGROUPS; g++) {
        finish_group(by[g], g);
        json_object_set_new(o, groups[g].key, by[g]);
    }
    if (!rc) {
        derive(by, &n);
        json_object_set_new(o, "total", json_integer(n.total));
        json_object_set_new(o, "rates", rates(&n));
    }
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}
