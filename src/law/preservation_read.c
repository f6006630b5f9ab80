/* preservation_read.c — reading 证据先行登记保存: one with its case, items, 处理期限, steps and
 * documents (what its page, the API and its two documents show), and the list of a case. */
#include "law/preservation.h"
#include "base/jpack.h"
#include "law/case.h"
#include "law/catalog.h"
#include "law/document.h"

#include <string.h>

#define COLS                                                                                       \
    "p.id, p.case_id, p.state, p.items, p.place, p.reason, p.requested_on, p.approved_on,"         \
    " p.disposal, p.disposed_on, d.due_on, d.ended_on, d.outcome, x.number, x.party_name,"         \
    " x.party_kind, COALESCE(x.party_address, en.address), x.line, a.name, ru.display_name,"       \
    " au.display_name"
#define FROM                                                                                       \
    " FROM case_preservation p JOIN agency a ON a.id = p.agency_id"                                \
    " JOIN penalty_case x ON x.id = p.case_id"                                                     \
    " LEFT JOIN entity en ON en.id = x.entity_id"                                                  \
    " LEFT JOIN app_user ru ON ru.id = p.requested_by"                                             \
    " LEFT JOIN app_user au ON au.id = p.approved_by"                                              \
    " LEFT JOIN wf_deadline d ON d.kind = 'preservation' AND d.object_id = p.id"                   \
    " AND d.name = 'dispose'"

/* The items' JSON text as an array, and their names joined (物品名称 规格 数量、…) under
 * items_label. */
static void set_items(json_t *o, const char *text, struct arena *a)
{
    json_t *items = json_loads(text ? text : "[]", 0, NULL);
    if (!json_is_array(items)) {
        json_decref(items);
        items = json_array();
    }
    const char *label = "";
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *spec = json_string_value(json_object_get(it, "spec"));
        label =
            arena_printf(a, "%s%s%s%s%s %s", label, i ? "、" : "",
                         json_string_value(json_object_get(it, "name")), spec && *spec ? " " : "",
                         spec ? spec : "", json_string_value(json_object_get(it, "quantity")));
        jset_int(it, "no", (int64_t)i + 1);
    }
    json_object_set_new(o, "items", items);
    jset_text(o, "items_label", label);
    jset_int(o, "item_count", (int64_t)json_array_size(items));
}

/* One row of COLS. */
static json_t *row(struct db_stmt *st, const char *today, struct arena *a)
{
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_int(o, "case_id", db_int(st, 1));
    const char *state = db_text(st, 2);
    jset_text(o, "state", state);
    jset_text(o, "state_label", wf_state_label(&preservation_workflow, state));
    set_items(o, db_text(st, 3), a);
    jset_text(o, "place", db_text(st, 4));
    jset_text(o, "reason", db_text(st, 5));
    jset_text(o, "requested_on", db_text(st, 6));
    jset_text(o, "approved_on", db_text(st, 7));
    jset_text(o, "disposal", db_text(st, 8));
    jset_text(o, "disposal_label", preservation_disposal_label(db_text(st, 8)));
    jset_text(o, "disposed_on", db_text(st, 9));
    /* [R-CASE-57] the 处理期限: overdue while open past its day, late when decided after it */
    const char *due = db_text(st, 10), *ended = db_text(st, 11), *outcome = db_text(st, 12);
    jset_text(o, "due", due);
    jset_bool(o, "overdue", due && !ended && strcmp(due, today) < 0);
    jset_bool(o, "late",
              due && ended && outcome && strcmp(outcome, "met") == 0 && strcmp(ended, due) > 0);
    jset_text(o, "case_number", db_text(st, 13));
    jset_text(o, "party_name", db_text(st, 14));
    jset_text(o, "party_kind_label",
              strcmp(db_text(st, 15), "citizen") == 0 ? "公民" : "法人或其他组织");
    jset_text(o, "party_address", db_text(st, 16));
    jset_text(o, "line", db_text(st, 17));
    jset_text(o, "line_label", catalog_label("lines", db_text(st, 17)));
    jset_text(o, "agency", db_text(st, 18));
    jset_text(o, "requested_by", db_text(st, 19));
    jset_text(o, "approved_by", db_text(st, 20));
    return o;
}

json_t *preservation_get(struct ctx *c, int64_t id, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st = db_query(c->db, e, "SELECT " COLS FROM " WHERE p.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW) o = row(st, today, c->arena);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "先行登记保存记录不存在或不在您的管辖范围内");
        return NULL;
    }
    const char *state = json_string_value(json_object_get(o, "state"));
    json_object_set_new(
        o, "officers", case_officers_json(c, json_integer_value(json_object_get(o, "case_id")), e));
    json_object_set_new(o, "actions", wf_actions(c, &preservation_workflow, id, state));
    json_t *h = e->code ? NULL : wf_history(c, &preservation_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = e->code ? NULL : document_list(c, "preservation", id, true, e);
    if (docs) json_object_set_new(o, "documents", docs);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *preservation_list(struct ctx *c, int64_t case_id, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " COLS FROM " WHERE p.case_id = ? ORDER BY p.id", "i", case_id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(out, row(st, today, c->arena));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

const struct doc_owner preservation_documents = {"preservation",   PERM_CASE_READ,  NULL, NULL,
                                                 preservation_get, preservation_get};
