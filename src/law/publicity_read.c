/* publicity_read.c — the publicity queue as staff see it: one item with its fields as published,
 * its source, steps, deadlines, repairs and the reviewer's masking; the list behind /publicity;
 * editing the masking; the figures of a period (due, on time, late, withdrawn, repaired). */
#include "law/publicity.h"
#include "law/publicity_internal.h"
#include "base/date.h"
#include "base/jpack.h"
#include "base/money.h"
#include "base/util.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/field.h"
#include "law/paging.h"

#include <string.h>

#define COLS                                                                                       \
    "p.id, p.agency_id, p.kind, p.source_id, p.entity_id, p.line, p.person, p.state, p.title,"     \
    " p.decided_on, p.severity, p.min_until, p.max_until, p.published_on, p.withdrawn_on,"         \
    " p.withdraw_reason, p.repaired_on, p.data, p.mask, p.changed_at, a.name, d.due_on, d.name"
#define FROM                                                                                       \
    " FROM publicity_item p JOIN agency a ON a.id = p.agency_id"                                   \
    " LEFT JOIN wf_deadline d ON d.kind = 'publicity' AND d.object_id = p.id"                      \
    " AND d.ended_on IS NULL"

static const char *today_of(struct ctx *c)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return arena_strdup(c->arena, today);
}

const char *publicity_severity_label(const char *code)
{
    if (!code) return NULL;
    if (strcmp(code, "minor") == 0) return "轻微";
    if (strcmp(code, "general") == 0) return "一般";
    if (strcmp(code, "serious") == 0) return "严重";
    return NULL;
}

json_t *publicity_data_shown(struct ctx *c, const char *data, const char *mask, bool person,
                             const char *const *secrets)
{
    json_t *d = json_loads(data ? data : "{}", 0, NULL);
    if (!json_is_object(d)) {
        json_decref(d);
        d = json_object();
    }
    json_t *m = mask ? json_loads(mask, 0, NULL) : NULL;
    if (json_is_object(m)) json_object_update_existing(d, m);
    json_decref(m);
    /* [R-PUB-01] on every output, whatever the reviewer typed */
    publicity_mask(c->arena, d, person, secrets);
    return d;
}

/* The fields of kind in order with their values: [{"key","label","value"}]. */
json_t *publicity_field_rows(const char *kind, const json_t *data)
{
    size_t n = 0;
    const struct publicity_field *f = publicity_fields(kind, &n);
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_object_get(data, f[i].key);
        char wan[MONEY_YUAN_SIZE] = "";
        const char *text = json_string_value(v);
        if (f[i].type == PF_WAN) {
            text = money_wan_exact(json_integer_value(v), wan, sizeof wan);
        }
        json_array_append_new(rows, jpack("{ss ss ss sb sb}", "key", f[i].key, "label", f[i].label,
                                          "value", text ? text : "", "amount", f[i].type == PF_WAN,
                                          "text", f[i].type == PF_TEXT));
    }
    return rows;
}

/* One row of COLS. */
static json_t *row(struct ctx *c, struct db_stmt *st, const char *today)
{
    const char *kind = db_text(st, 2), *state = db_text(st, 7);
    bool person = db_int(st, 6) != 0;
    json_t *o = jpack("{sI sI ss sI ss sb ss ss ss ss}", "id", (json_int_t)db_int(st, 0),
                      "agency_id", (json_int_t)db_int(st, 1), "kind", kind, "source_id",
                      (json_int_t)db_int(st, 3), "line", db_text(st, 5), "person", person, "state",
                      state, "state_label", wf_state_label(&publicity_workflow, state), "title",
                      db_text(st, 8), "decided_on", db_text(st, 9));
    jset_text(o, "kind_label", publicity_kind_label(kind));
    if (!db_null(st, 4)) jset_int(o, "entity_id", db_int(st, 4));
    jset_text(o, "severity", db_text(st, 10));
    jset_text(o, "severity_label", publicity_severity_label(db_text(st, 10)));
    static const char *const days[] = {"min_until",    "max_until",       "published_on",
                                       "withdrawn_on", "withdraw_reason", "repaired_on"};
    for (int i = 0; i < 6; i++)
        jset_text(o, days[i], db_text(st, 11 + i));
    json_object_set_new(o, "data",
                        publicity_data_shown(c, db_text(st, 17), db_text(st, 18), person, NULL));
    jset_bool(o, "masked_by_reviewer", !db_null(st, 18));
    jset_int(o, "changed_at", db_int(st, 19));
    jset_text(o, "agency", db_text(st, 20));
    const char *due = db_text(st, 21);
    jset_text(o, "due_on", due);
    jset_text(o, "due_name", db_text(st, 22));
    jset_bool(o, "overdue", due && strcmp(due, today) < 0);
    /* publication ends by itself on max_until */
    const char *max = db_text(st, 12);
    jset_bool(o, "expired", strcmp(state, "published") == 0 && max && strcmp(max, today) <= 0);
    if (strcmp(kind, "penalty") == 0 || strcmp(kind, "no_penalty") == 0)
        jset_text(o, "source_href",
                  arena_printf(c->arena, "/cases/%lld", (long long)db_int(st, 3)));
    return o;
}

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    return row(c, st, today_of(c));
}

/* The repair applications of item id, oldest first. */
static json_t *repairs(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT r.applied_on, r.applicant, r.commitment, r.correction, r.decided_on,"
                 " r.approved, r.decision_note, u.display_name, v.display_name"
                 " FROM publicity_repair r LEFT JOIN app_user u ON u.id = r.recorded_by"
                 " LEFT JOIN app_user v ON v.id = r.decided_by WHERE r.item_id = ? ORDER BY r.id",
                 "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        json_t *r =
            jpack("{ss ss ss ss ss* ss* ss* ss*}", "applied_on", db_text(st, 0), "applicant",
                  db_text(st, 1), "commitment", db_text(st, 2), "correction", db_text(st, 3),
                  "decided_on", db_text(st, 4), "decision_note", db_text(st, 6), "recorded_by",
                  db_text(st, 7), "decided_by", db_text(st, 8));
        if (!db_null(st, 5)) jset_bool(r, db_int(st, 5) ? "approved" : "refused", true);
        json_array_append_new(out, r);
    }
    db_done(st);
    return out;
}

json_t *publicity_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, "SELECT " COLS FROM " WHERE p.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    int rc = st ? db_step(st, e) : e->code;
    json_t *o = rc == DB_ROW ? row(c, st, today_of(c)) : NULL;
    db_done(st);
    if (!o) {
        if (rc >= 0) err_set(e, ERR_NOTFOUND, "公示事项不存在或不在您的管辖范围内");
        return NULL;
    }
    json_object_set_new(o, "fields",
                        publicity_field_rows(jget_text(o, "kind"), json_object_get(o, "data")));
    json_object_set_new(o, "repairs", repairs(c, id, e));
    json_t *h = wf_history(c, &publicity_workflow, id, e);
    if (h) json_object_update(o, h);
    json_decref(h);
    json_object_set_new(o, "actions",
                        wf_actions(c, &publicity_workflow, id, jget_text(o, "state")));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The list filters' conditions into w. */
static void filters(struct ctx *c, struct db_cond *w, const struct publicity_query *q)
{
    if (!str_blank(q->state)) db_cond_add(w, "p.state = ?", "t", q->state);
    if (!str_blank(q->kind)) db_cond_add(w, "p.kind = ?", "t", q->kind);
    if (!str_blank(q->from)) db_cond_add(w, "p.decided_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(w, "p.decided_on <= ?", "t", q->to);
    if (q->overdue && strcmp(q->overdue, "1") == 0)
        db_cond_add(w, "d.due_on < ?", "t", today_of(c));
    if (q->late && strcmp(q->late, "1") == 0)
        db_cond_add(w,
                    "EXISTS (SELECT 1 FROM wf_deadline l WHERE l.kind = 'publicity' AND"
                    " l.object_id = p.id AND (l.ended_on > l.due_on OR l.ended_on IS NULL AND"
                    " l.due_on < ?))",
                    "t", today_of(c));
    if (!str_blank(q->q))
        db_cond_add(w, "p.title LIKE ?", "t", arena_printf(c->arena, "%%%s%%", q->q));
}

json_t *publicity_search(struct ctx *c, const struct publicity_query *q, struct err *e)
{
    const char *scope;
    if (agency_scope_of(c, q->agency, &scope, e)) return NULL;
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    db_cond_add(&w, "a.path LIKE ?", "t", scope);
    filters(c, &w, q);
    const char *sql = arena_printf(c->arena,
                                   "SELECT " COLS FROM
                                   " WHERE %s ORDER BY d.due_on IS NULL, d.due_on, p.decided_on"
                                   " DESC, p.id DESC LIMIT ? OFFSET ?",
                                   db_cond_sql(&w));
    db_cond_bind(&w, "ii", paging_limit(p), paging_offset(p));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    json_t *page = paging_read(st, p, list_row, c, e);
    db_cond_free(&w);
    return page;
}

/* ---- the reviewer's masking ------------------------------------------------------------------ */

/* [R-PUB-10] the reviewer may change how an item's texts are published (mask a third person's
 * name in the facts) while it is queued or published; the edit is audited, shown from then on,
 * and masked again on output (R-PUB-01). Only the kind's own text fields may be edited. The
 * edits given are merged into those kept: a text equal to the one made from the record drops its
 * edit, a field not given keeps its own. */
static int merge_mask(struct ctx *c, const char *kind, const json_t *made, const json_t *edits,
                      json_t *keep, struct err *e)
{
    size_t n = 0;
    const struct publicity_field *f = publicity_fields(kind, &n);
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)edits, key, v)
    {
        size_t i = 0;
        while (i < n && strcmp(f[i].key, key) != 0)
            i++;
        if (i == n || f[i].type != PF_TEXT) {
            err_field(e, key, "该项不能修改");
            continue;
        }
        const char *text = json_string_value(v), *was = jget_text(made, key);
        if (!text || field_text(text, key, f[i].label, false, 4000, e)) continue;
        if (strcmp(text, was ? was : "") == 0)
            json_object_del(keep, key);
        else
            json_object_set_new(keep, key, json_string(text));
    }
    (void)c;
    return e->code;
}

/* The item's state, kind, data as made and mask as kept (new references), in scope. */
static int read_mask(struct ctx *c, int64_t id, char state[32], char kind[32], json_t **made,
                     json_t **mask, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT p.state, p.kind, p.data, p.mask FROM publicity_item p"
                                  " JOIN agency a ON a.id = p.agency_id WHERE p.id = ? AND"
                                  " a.path LIKE ?",
                                  "it", id, actor_scope(c));
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        snprintf(state, 32, "%s", db_text(st, 0));
        snprintf(kind, 32, "%s", db_text(st, 1));
        *made = json_loads(db_text(st, 2), 0, NULL);
        *mask = db_null(st, 3) ? NULL : json_loads(db_text(st, 3), 0, NULL);
        if (!json_is_object(*mask)) {
            json_decref(*mask);
            *mask = json_object();
        }
    }
    db_done(st);
    if (rc == DB_ROW) return 0;
    return rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "公示事项不存在或不在您的管辖范围内");
}

int publicity_set_mask(struct ctx *c, int64_t id, const json_t *edits, struct err *e)
{
    char state[32], kind[32];
    json_t *made = NULL, *keep = NULL;
    int rc = read_mask(c, id, state, kind, &made, &keep, e);
    if (!rc && strcmp(state, "queued") != 0 && strcmp(state, "published") != 0 &&
        strcmp(state, "to_withdraw") != 0)
        rc = err_set(e, ERR_CONFLICT, "该公示事项已%s，不能再修改公示内容",
                     wf_state_label(&publicity_workflow, state));
    if (!rc) rc = merge_mask(c, kind, made, edits, keep, e);
    char *text = rc ? NULL : json_dumps(keep, JSON_COMPACT | JSON_SORT_KEYS);
    if (!rc) rc = db_begin(c->db, e);
    if (!rc) {
        if (db_exec(c->db, e,
                    "UPDATE publicity_item SET mask = ?, changed_at = ?, updated_at = ?"
                    " WHERE id = ?",
                    "tiii", json_object_size(keep) ? text : NULL, c->now, c->now, id) < 0 ||
            audit_write(c, "publicity.mask", "publicity", id, "修改公示内容：%s", text))
            rc = e->code;
        rc = rc ? (db_rollback(c->db), rc) : db_commit(c->db, e);
    }
    free(text);
    json_decref(made);
    json_decref(keep);
    return rc;
}
