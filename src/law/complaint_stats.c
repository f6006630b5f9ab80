/* complaint_stats.c — the figures of complaints the annual reports quote (seeds: 420件 = 医疗卫生
 * 299 + 公共场所 88 …, 办结率, 按期办结率, 满意率), as named queries over a period and an agency's
 * subtree. Each count says which list it is, so a page can open the records behind it. */
#include "base/jpack.h"
#include "law/complaint.h"
#include "law/agency.h"
#include "law/catalog.h"
#include "law/draw.h"

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
    db_cond_add(w, "a.path LIKE ?", "t", scope);
    db_cond_add(w, "x.received_on >= ?", "t", p->from);
    db_cond_add(w, "x.received_on <= ?", "t", p->to);
    return 0;
}

/* Counts by one column of complaint (a column name of the code, never input): [{code, label,
 * count}], largest first, with the labels of list. */
static json_t *count_by(struct ctx *c, const struct complaint_period *p, const char *col,
                        const char *(*label)(const char *), const char *list, struct err *e)
{
    struct db_cond w = {0};
    if (period_cond(c, p, &w, e)) return NULL;
    const char *sql = arena_printf(c->arena,
                                   "SELECT x.%s, COUNT(*) FROM complaint x JOIN agency a"
                                   " ON a.id = x.agency_id WHERE %s AND x.%s IS NOT NULL"
                                   " GROUP BY x.%s ORDER BY COUNT(*) DESC, x.%s",
                                   col, db_cond_sql(&w), col, col, col);
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    db_cond_free(&w);
    if (!st) return NULL;
    json_t *out = json_array();
    while (db_step(st, e) == DB_ROW) {
        const char *code = db_text(st, 0);
        const char *l = label ? label(code) : list ? catalog_label(list, code) : NULL;
        json_array_append_new(out, jpack("{ss ss sI}", "code", code, "label", l ? l : code, "count",
                                         (json_int_t)db_int(st, 1)));
    }
    db_done(st);
    if (e->code) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* One count of the period's complaints with a further condition (of the code). */
static int64_t count_where(struct ctx *c, const struct complaint_period *p, const char *cond,
                           struct err *e)
{
    struct db_cond w = {0};
    int64_t n = 0;
    if (period_cond(c, p, &w, e)) return 0;
    if (cond) db_cond_add(&w, cond, "");
    const char *sql = arena_printf(c->arena,
                                   "SELECT COUNT(*) FROM complaint x JOIN agency a"
                                   " ON a.id = x.agency_id WHERE %s",
                                   db_cond_sql(&w));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    if (st && db_step(st, e) == DB_ROW) n = db_int(st, 0);
    db_done(st);
    db_cond_free(&w);
    return n;
}

/* The deadlines named name of the period's complaints that ended met: all, and those met by
 * their last day. */
static void met_on_time(struct ctx *c, const struct complaint_period *p, const char *name,
                        int64_t *met, int64_t *on_time, struct err *e)
{
    static const char head[] = "x.id IN (SELECT object_id FROM wf_deadline WHERE"
                               " kind = 'complaint' AND outcome = 'met' AND name = ";
    *met = count_where(c, p, arena_printf(c->arena, "%s'%s')", head, name), e);
    *on_time =
        count_where(c, p, arena_printf(c->arena, "%s'%s' AND ended_on <= due_on)", head, name), e);
}

static void rate(json_t *o, const char *key, int64_t part, int64_t whole)
{
    char text[DRAW_RATE_TEXT];
    draw_rate_text(part, whole, text);
    jset_text(o, key, text);
}

/* [R-CMP-09] 办结率 = 办结 ÷ 受理; 按期受理率 and 按期办结率 = met by the last day ÷ met;
 * 满意率 = (满意 + 基本满意) ÷ 评价. */
static json_t *rates(struct ctx *c, const struct complaint_period *p, struct err *e)
{
    int64_t accepted = count_where(c, p,
                                   "x.state IN ('accepted', 'handling', 'verified', 'replied',"
                                   " 'closed')",
                                   e);
    int64_t closed = count_where(c, p, "x.state = 'closed'", e);
    int64_t decided, decided_on_time, handled, handled_on_time;
    met_on_time(c, p, "decide", &decided, &decided_on_time, e);
    met_on_time(c, p, "handle", &handled, &handled_on_time, e);
    int64_t rated = count_where(c, p, "x.satisfaction IS NOT NULL", e);
    int64_t pleased = count_where(c, p, "x.satisfaction IN ('satisfied', 'fairly')", e);
    json_t *o = jpack("{sI sI sI sI sI sI sI sI}", "accepted", (json_int_t)accepted, "closed",
                      (json_int_t)closed, "decided", (json_int_t)decided, "decided_on_time",
                      (json_int_t)decided_on_time, "handled", (json_int_t)handled,
                      "handled_on_time", (json_int_t)handled_on_time, "rated", (json_int_t)rated,
                      "pleased", (json_int_t)pleased);
    rate(o, "closure_rate", closed, accepted);
    rate(o, "decide_on_time_rate", decided_on_time, decided);
    rate(o, "handle_on_time_rate", handled_on_time, handled);
    rate(o, "satisfaction_rate", pleased, rated);
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
    json_object_set_new(o, "total", json_integer(count_where(c, p, NULL, e)));
    json_t *parts[] = {
        count_by(c, p, "channel", NULL, "complaint_channels", e),
        count_by(c, p, "line", NULL, "lines", e),
        count_by(c, p, "matter", NULL, "complaint_matters", e),
        count_by(c, p, "result", complaint_result_label, NULL, e),
        count_by(c, p, "state", NULL, NULL, e),
        count_by(c, p, "satisfaction", complaint_satisfaction_label, NULL, e),
    };
    static const char *const keys[] = {"by_channel", "by_line",  "by_matter",
                                       "by_result",  "by_state", "by_satisfaction"};
    for (size_t i = 0; i < countof(parts); i++)
        json_object_set_new(o, keys[i], parts[i] ? parts[i] : json_array());
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(o, "by_state"), i, s)
    {
        jset_text(
            s, "label",
            wf_state_label(&complaint_workflow, json_string_value(json_object_get(s, "code"))));
    }
    json_object_set_new(o, "rates", rates(c, p, e));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}
