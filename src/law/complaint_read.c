/* complaint_read.c — reading complaints: one with its history, the list, and the public's view
 * through a tracking code. Who may see the complainant is decided here, once. */
#include "law/intake.h"
#include "base/jpack.h"
#include "law/complaint.h"
#include "law/case.h"
#include "law/catalog.h"
#include "law/document.h"
#include "law/paging.h"

#include <stdlib.h>
#include <string.h>

#define COLS                                                                                       \
    "x.id, x.number, x.channel, x.received_on, x.line, x.matter, x.summary, x.entity_id,"          \
    " n.name, x.party_name, x.party_address, x.officer_id, o.name, x.anonymous, x.external_no,"    \
    " x.state, x.handler_id, h.display_name, x.result, x.measures, x.inspection_id, x.reply,"      \
    " x.replied_on, x.satisfaction, x.closed_on, x.merged_into, a.name, x.agency_id,"              \
    " x.created_by, x.tracking_code, d.due_on, x.petition_id, pt.number"
#define FROM                                                                                       \
    " FROM complaint x JOIN agency a ON a.id = x.agency_id"                                        \
    " LEFT JOIN entity n ON n.id = x.entity_id LEFT JOIN officer o ON o.id = x.officer_id"         \
    " LEFT JOIN app_user h ON h.id = x.handler_id LEFT JOIN petition pt ON pt.id = x.petition_id"  \
    " LEFT JOIN wf_deadline d ON d.kind = 'complaint' AND d.object_id = x.id"                      \
    " AND d.ended_on IS NULL"

static void set_id(json_t *o, const char *key, struct db_stmt *st, int col)
{
    if (!db_null(st, col)) json_object_set_new(o, key, json_integer(db_int(st, col)));
}

/* The measures of a comma list as labels: 责令整改、建议立案查处. */
static const char *measure_labels(struct ctx *c, const char *list)
{
    const char *out = "", *item;
    for (const char *p = list ? list : ""; *p;) {
        size_t len = csv_next(&p, &item);
        const char *code = arena_strndup(c->arena, item, len);
        const char *l = complaint_measure_label(code);
        out = arena_printf(c->arena, "%s%s%s", out, *out ? "、" : "", l ? l : code);
    }
    return *out ? out : NULL;
}

/* One row of COLS as the staff see it (the complainant is added by complaint_get). */
static json_t *row(struct ctx *c, struct db_stmt *st, const char *today)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(db_int(st, 0)));
    jset_text(o, "number", db_text(st, 1));
    jset_text(o, "channel", db_text(st, 2));
    jset_text(o, "channel_label", catalog_label("complaint_channels", db_text(st, 2)));
    jset_text(o, "received_on", db_text(st, 3));
    jset_text(o, "line", db_text(st, 4));
    jset_text(o, "line_label", catalog_label("lines", db_text(st, 4)));
    jset_text(o, "matter", db_text(st, 5));
    jset_text(o, "matter_label", catalog_label("complaint_matters", db_text(st, 5)));
    jset_text(o, "summary", db_text(st, 6));
    set_id(o, "entity_id", st, 7);
    jset_text(o, "entity", db_text(st, 8));
    jset_text(o, "party_name", db_text(st, 9));
    jset_text(o, "party_address", db_text(st, 10));
    set_id(o, "officer_id", st, 11);
    jset_text(o, "officer", db_text(st, 12));
    jset_bool(o, "anonymous", db_int(st, 13) != 0);
    jset_text(o, "external_no", db_text(st, 14));
    jset_text(o, "state", db_text(st, 15));
    jset_text(o, "state_label", wf_state_label(&complaint_workflow, db_text(st, 15)));
    set_id(o, "handler_id", st, 16);
    jset_text(o, "handler", db_text(st, 17));
    jset_text(o, "result", db_text(st, 18));
    jset_text(o, "result_label", complaint_result_label(db_text(st, 18)));
    jset_text(o, "measures", db_text(st, 19));
    jset_text(o, "measures_label", measure_labels(c, db_text(st, 19)));
    set_id(o, "inspection_id", st, 20);
    jset_text(o, "reply", db_text(st, 21));
    jset_text(o, "replied_on", db_text(st, 22));
    jset_text(o, "satisfaction", db_text(st, 23));
    jset_text(o, "satisfaction_label", complaint_satisfaction_label(db_text(st, 23)));
    jset_text(o, "closed_on", db_text(st, 24));
    set_id(o, "merged_into", st, 25);
    jset_text(o, "agency", db_text(st, 26));
    const char *due = db_text(st, 30);
    jset_text(o, "due", due);
    jset_bool(o, "overdue", due && strcmp(due, today) < 0);
    set_id(o, "petition_id", st, 31); /* the petition it was in substance (信访 转为投诉举报) */
    jset_text(o, "petition_number", db_text(st, 32));
    return o;
}

/* The actor's officer record, or 0. */
static int64_t own_officer(struct ctx *c, struct err *e)
{
    int64_t officer = 0;
    if (c->who->user_id)
        db_get_int(c->db, e, &officer, "SELECT COALESCE(officer_id, 0) FROM app_user WHERE id = ?",
                   "i", c->who->user_id);
    return officer;
}

/* [R-CMP-06] Whether the actor sees who complained: the user who took it in, the one who
 * decided on it, and its handler. */
static int may_see_complainant(struct ctx *c, int64_t id, int64_t created_by, int64_t handler,
                               struct err *e)
{
    static const char *const deciding[] = {"accept", "refuse", "transfer", NULL};
    int64_t me = c->who->user_id;
    if (!me) return 0; /* the system never shows it (exports, the public page) */
    if (me == created_by || me == handler) return 1;
    return intake_took(c, "complaint", id, deciding, e);
}

/* Other complaints of the same agency about the same entity or party within
 * COMPLAINT_DUPLICATE_DAYS, not final: candidates to merge. */
static json_t *duplicates(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT y.id, y.number, y.received_on, y.summary FROM complaint x JOIN complaint y"
        " ON y.agency_id = x.agency_id AND y.id <> x.id AND y.state NOT IN"
        " ('merged', 'refused', 'transferred') AND ((x.entity_id IS NOT NULL AND y.entity_id ="
        " x.entity_id) OR (x.party_name IS NOT NULL AND y.party_name = x.party_name)"
        " OR (x.party_address IS NOT NULL AND y.party_address = x.party_address))"
        " WHERE x.id = ? ORDER BY y.received_on DESC, y.id DESC LIMIT 10",
        "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        json_array_append_new(out, jpack("{sI ss ss ss}", "id", (json_int_t)db_int(st, 0), "number",
                                         db_text(st, 1), "received_on", db_text(st, 2), "summary",
                                         db_text(st, 3)));
    }
    db_done(st);
    return out;
}

/* Keep the candidates within COMPLAINT_DUPLICATE_DAYS of the complaint's receipt. */
static void near_in_time(json_t *dups, const char *received)
{
    day_t at, other;
    if (date_parse(received, &at)) return;
    for (size_t i = json_array_size(dups); i-- > 0;) {
        const char *d = json_string_value(json_object_get(json_array_get(dups, i), "received_on"));
        if (date_parse(d, &other) || labs((long)(other - at)) > COMPLAINT_DUPLICATE_DAYS)
            json_array_remove(dups, i);
    }
}

/* One complaint in the actor's scope; all: its complainant shown whoever acts (what its
 * documents print), else only to those of R-CMP-06. */
static json_t *get(struct ctx *c, int64_t id, bool all, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    int64_t officer = own_officer(c, e);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " COLS ", x.complainant" FROM
                                  " WHERE x.id = ? AND (a.path LIKE ? OR x.handler_id = ?)"
                                  " AND (x.officer_id IS NULL OR x.officer_id <> ?)",
                                  "itIi", id, actor_scope(c), c->who->user_id, officer);
    if (!st) return NULL;
    json_t *o = NULL;
    int64_t created_by = 0, handler = 0;
    const char *sealed = NULL, *state = NULL, *tracking = NULL;
    if (db_step(st, e) == DB_ROW) {
        o = row(c, st, today);
        created_by = db_null(st, 28) ? 0 : db_int(st, 28);
        handler = db_null(st, 16) ? 0 : db_int(st, 16);
        tracking = arena_strdup(c->arena, db_text(st, 29));
        sealed = db_null(st, 33) ? NULL : arena_strdup(c->arena, db_text(st, 33));
        state = arena_strdup(c->arena, db_text(st, 15));
    }
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "投诉举报不存在或不在您的管辖范围内");
        return NULL;
    }
    int shown = all ? 1 : may_see_complainant(c, id, created_by, handler, e);
    intake_show(o, "complainant", "投诉人", sealed, shown > 0);
    /* the code that reads the answer and rates it goes with who may speak to the complainant;
     * documents never print it (a document not naming the complainant could otherwise) */
    if (shown > 0 && !all) jset_text(o, "tracking_code", tracking);
    json_object_set_new(o, "actions", wf_actions(c, &complaint_workflow, id, state));
    json_t *h = wf_history(c, &complaint_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = document_list(c, "complaint", id, shown > 0, e);
    if (docs) json_object_set_new(o, "documents", docs);
    json_t *dups = duplicates(c, id, e);
    near_in_time(dups, json_string_value(json_object_get(o, "received_on")));
    json_object_set_new(o, "duplicates", dups);
    /* [R-CASE-08] the case it led to */
    json_object_set_new(o, "cases", case_links(c, "complaint", id, e));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *complaint_get(struct ctx *c, int64_t id, struct err *e)
{
    return get(c, id, false, e);
}

/* The complaint as its documents print it. */
static json_t *complaint_for_documents(struct ctx *c, int64_t id, struct err *e)
{
    return get(c, id, true, e);
}

const struct doc_owner complaint_documents = {"complaint",   PERM_COMPLAINT_READ,
                                              "complainant", "投诉人",
                                              complaint_get, complaint_for_documents};

json_t *complaint_track(struct ctx *c, const char *code, struct err *e)
{
    if (str_blank(code) || strlen(code) > 20) {
        err_set(e, ERR_NOTFOUND, "查询码不存在，请核对后重新输入");
        return NULL;
    }
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT x.number, x.received_on, x.state, COALESCE(m.reply, x.reply),"
        " COALESCE(m.replied_on, x.replied_on), x.closed_on, x.satisfaction, a.name, x.line"
        " FROM complaint x JOIN agency a ON a.id = x.agency_id"
        " LEFT JOIN complaint m ON m.id = x.merged_into WHERE x.tracking_code = ?",
        "t", code);
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW) {
        const char *state = db_text(st, 2);
        o = jpack("{ss ss ss ss ss}", "number", db_text(st, 0), "received_on", db_text(st, 1),
                  "state", state, "agency", db_text(st, 7), "line_label",
                  catalog_label("lines", db_text(st, 8)));
        jset_text(o, "state_label",
                  strcmp(state, "merged") == 0 ? "已与同一事项的其他投诉合并办理"
                                               : wf_state_label(&complaint_workflow, state));
        jset_text(o, "reply", db_text(st, 3));
        jset_text(o, "replied_on", db_text(st, 4));
        jset_text(o, "closed_on", db_text(st, 5));
        jset_text(o, "satisfaction_label", complaint_satisfaction_label(db_text(st, 6)));
        jset_bool(o, "may_rate", strcmp(state, "closed") == 0 && db_null(st, 6));
    }
    db_done(st);
    if (!o && !e->code) err_set(e, ERR_NOTFOUND, "查询码不存在，请核对后重新输入");
    return o;
}

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return row(c, st, today);
}

json_t *complaint_list(struct ctx *c, const struct complaint_query *q, struct err *e)
{
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    /* a handler's own work may lie above their agency (a city's complaint given to a county's
     * officer): it is theirs whatever the scope */
    if (q->mine)
        db_cond_add(&w, "x.handler_id = ?", "i", c->who->user_id);
    else
        db_cond_add(&w, "a.path LIKE ?", "t", actor_scope(c));
    db_cond_add(&w, "(x.officer_id IS NULL OR x.officer_id <> ?)", "i", own_officer(c, e));
    if (q->state && strcmp(q->state, "open") == 0)
        db_cond_add(&w, "x.state NOT IN ('closed', 'refused', 'transferred', 'merged')", "");
    else if (q->state && strcmp(q->state, "overdue") == 0)
        db_cond_add(&w, "d.due_on < ?", "t", today);
    else if (!str_blank(q->state))
        db_cond_add(&w, "x.state = ?", "t", q->state);
    if (!str_blank(q->channel)) db_cond_add(&w, "x.channel = ?", "t", q->channel);
    if (!str_blank(q->matter)) db_cond_add(&w, "x.matter = ?", "t", q->matter);
    if (!str_blank(q->result)) db_cond_add(&w, "x.result = ?", "t", q->result);
    if (!str_blank(q->satisfaction)) db_cond_add(&w, "x.satisfaction = ?", "t", q->satisfaction);
    if (!str_blank(q->from)) db_cond_add(&w, "x.received_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(&w, "x.received_on <= ?", "t", q->to);
    if (!str_blank(q->agency_code))
        db_cond_add(&w, "a.path LIKE (SELECT path FROM agency WHERE code = ?) || '%'", "t",
                    q->agency_code);
    if (!str_blank(q->line)) db_cond_add(&w, "x.line = ?", "t", q->line);
    if (!str_blank(q->q))
        db_cond_add(&w,
                    "(x.number = ? OR x.summary LIKE ? OR x.party_name LIKE ? OR n.name LIKE ?)",
                    "tttt", q->q, arena_printf(c->arena, "%%%s%%", q->q),
                    arena_printf(c->arena, "%%%s%%", q->q), arena_printf(c->arena, "%%%s%%", q->q));
    const char *sql = arena_printf(c->arena,
                                   "SELECT " COLS FROM " WHERE %s"
                                   " ORDER BY x.received_on DESC, x.id DESC LIMIT ? OFFSET ?",
                                   db_cond_sql(&w));
    db_cond_bind(&w, "ii", paging_limit(p), paging_offset(p));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    json_t *page = paging_read(st, p, list_row, c, e);
    db_cond_free(&w);
    return page;
}
