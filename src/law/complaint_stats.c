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

/* The filter of a period's complaints: received in [from, to], of the subtree (x, a). */
static int period_cond(struct ctx *c, const struct complaint_period *p, struct db_cond *w,
                       struct err *e)
{
    const char *scope = actor_scope(c);
    if (!str_blank(p->agency_code)) {
        const char *path;
        int64_t id;
        if (agency_find(c, p->agency_code, &id, &path, e)) {
            err_clear(e);
            return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", p->agency_code);
        }
        scope = arena_printf(c->arena, "%s%%", path);
    }
    db_cond_add(w, AGENCY_IN_SCOPE("x.agency_id"), "t", scope);
    db_cond_add(w, "x.received_on >= ?", "t", p->from);
    db_cond_add(w, "x.received_on <= ?", "t", p->to);
    return 0;
}

/* The grouped columns of one pass (complaint columns, never input), their catalogue lists or
 * label functions, and the keys of the result. */
static const struct {
    const char *key, *list;
    const char *(*label)(const char *code);
} groups[] = {
    {"by_channel", "complaint_channels", NULL},
    {"by_line", "lines", NULL},
    {"by_matter", "complaint_matters", NULL},
    {"by_result", NULL, complaint_result_label},
    {"by_state", NULL, NULL},
    {"by_satisfaction", NULL, complaint_satisfaction_label},
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

/* The counts of one pass over the period's complaints. */
struct counts {
    int64_t total, accepted, closed, rated, pleased;
};

static void count_row(struct db_stmt *st, json_t *const by[NGROUPS], struct counts *n)
{
    int64_t k = db_int(st, NGROUPS);
    for (size_t g = 0; g < NGROUPS; g++)
        tally(by[g], db_null(st, (int)g) ? NULL : db_text(st, (int)g), k);
    const char *state = db_text(st, 4), *sat = db_null(st, 5) ? NULL : db_text(st, 5);
    n->total += k;
    if (strcmp(state, "received") != 0 && strcmp(state, "refused") != 0 &&
        strcmp(state, "transferred") != 0 && strcmp(state, "merged") != 0)
        n->accepted += k;
    if (strcmp(state, "closed") == 0) n->closed += k;
    if (sat) n->rated += k;
    if (sat && strcmp(sat, "dissatisfied") != 0) n->pleased += k;
}

/* One pass, grouped by every column the figures split by. */
static int counts_of(struct ctx *c, const struct complaint_period *p, json_t *o, struct counts *n,
                     struct err *e)
{
    struct db_cond w = {0};
    if (period_cond(c, p, &w, e)) return e->code;
    const char *sql = arena_printf(c->arena,
                                   "SELECT x.channel, x.line, x.matter, x.result, x.state,"
                                   " x.satisfaction, COUNT(*) FROM complaint x WHERE %s"
                                   " GROUP BY x.channel, x.line, x.matter, x.result, x.state,"
                                   " x.satisfaction",
                                   db_cond_sql(&w));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    db_cond_free(&w);
    if (!st) return e->code;
    json_t *by[NGROUPS];
    for (size_t g = 0; g < NGROUPS; g++)
        by[g] = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        count_row(st, by, n);
    db_done(st);
    for (size_t g = 0; g < NGROUPS; g++) {
        finish_group(by[g], g);
        json_object_set_new(o, groups[g].key, by[g]);
    }
    return rc < 0 ? rc : 0;
}

/* The period's complaints' deadlines that ended met, per name: all, and those by their last day. */
static int deadlines_met(struct ctx *c, const struct complaint_period *p, int64_t met[2],
                         int64_t on_time[2], struct err *e)
{
    struct db_cond w = {0};
    if (period_cond(c, p, &w, e)) return e->code;
    const char *sql = arena_printf(c->arena,
                                   "SELECT d.name, COUNT(*), SUM(CASE WHEN d.ended_on <= d.due_on"
                                   " THEN 1 ELSE 0 END) FROM complaint x JOIN wf_deadline d"
                                   " ON d.kind = 'complaint' AND d.object_id = x.id"
                                   " WHERE %s AND d.outcome = 'met' GROUP BY d.name",
                                   db_cond_sql(&w));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    db_cond_free(&w);
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int k = strcmp(db_text(st, 0), "decide") == 0 ? 0 : 1;
        met[k] = db_int(st, 1);
        on_time[k] = db_int(st, 2);
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

/* [R-CMP-09] 办结率 = 办结 ÷ 受理; 按期受理率 and 按期办结率 = met by the last day ÷ met;
 * 满意率 = (满意 + 基本满意) ÷ 评价. */
static json_t *rates(const struct counts *n, const int64_t met[2], const int64_t on_time[2])
{
    json_t *o = jpack("{sI sI sI sI sI sI sI sI}", "accepted", (json_int_t)n->accepted, "closed",
                      (json_int_t)n->closed, "decided", (json_int_t)met[0], "decided_on_time",
                      (json_int_t)on_time[0], "handled", (json_int_t)met[1], "handled_on_time",
                      (json_int_t)on_time[1], "rated", (json_int_t)n->rated, "pleased",
                      (json_int_t)n->pleased);
    rate(o, "closure_rate", n->closed, n->accepted);
    rate(o, "decide_on_time_rate", on_time[0], met[0]);
    rate(o, "handle_on_time_rate", on_time[1], met[1]);
    rate(o, "satisfaction_rate", n->pleased, n->rated);
    return o;
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
    json_t *o = jpack("{ss ss}", "from", p->from, "to", p->to);
    if (!str_blank(p->agency_code)) jset_text(o, "agency", p->agency_code);
    struct counts n = {0};
    int64_t met[2] = {0}, on_time[2] = {0};
    if (!counts_of(c, p, o, &n, e) && !deadlines_met(c, p, met, on_time, e)) {
        json_object_set_new(o, "total", json_integer(n.total));
        json_object_set_new(o, "rates", rates(&n, met, on_time));
    }
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}
