/* referral_read.c — reading a referral to the police: one with its case, persons, goods, steps
 * and documents (its page, the API and its 移送书), and the list of a case. The persons' ID
 * numbers are opened only for the case's investigators and the agency's leaders. */
#include "law/referral.h"
#include "base/crypto.h"
#include "base/jpack.h"
#include "law/case.h"
#include "law/catalog.h"
#include "law/document.h"
#include "law/role.h"

#include <stdlib.h>
#include <string.h>

#define COLS                                                                                       \
    "r.id, r.case_id, r.state, r.crime, r.facts, r.organ, r.goods, r.reported_on, r.approved_on,"  \
    " r.sent_on, r.received_on, r.receipt, r.answer, r.answered_on, r.answer_reason,"              \
    " r.reconsider_on, r.outcome, r.closed_on, x.number, x.party_name, x.line, a.name,"            \
    " ru.display_name, au.display_name"
#define FROM                                                                                       \
    " FROM case_referral r JOIN agency a ON a.id = r.agency_id"                                    \
    " JOIN penalty_case x ON x.id = r.case_id"                                                     \
    " LEFT JOIN app_user ru ON ru.id = r.reported_by"                                              \
    " LEFT JOIN app_user au ON au.id = r.approved_by"

static json_t *row(struct db_stmt *st)
{
    static const char *const keys[] = {
        "crime",         "facts",       "organ",      "goods",       "reported_on", "approved_on",
        "sent_on",       "received_on", "receipt",    "answer",      "answered_on", "answer_reason",
        "reconsider_on", "outcome",     "closed_on",  "case_number", "party_name",  "line",
        "agency",        "reported_by", "approved_by"};
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_int(o, "case_id", db_int(st, 1));
    const char *state = db_text(st, 2);
    jset_text(o, "state", state);
    jset_text(o, "state_label", wf_state_label(&referral_workflow, state));
    jset_bool(o, "open", strcmp(state, "refused") != 0 && strcmp(state, "closed") != 0);
    for (int i = 0; i < (int)countof(keys); i++)
        jset_text(o, keys[i], db_null(st, 3 + i) ? NULL : db_text(st, 3 + i));
    json_t *goods = json_loads(db_text(st, 6), 0, NULL), *g;
    if (!json_is_array(goods)) {
        json_decref(goods);
        goods = json_array();
    }
    size_t i;
    json_array_foreach(goods, i, g)
    {
        jset_int(g, "no", (int64_t)i + 1);
    }
    json_object_set_new(o, "goods", goods);
    jset_text(o, "answer_label", referral_answer_label(db_text(st, 12)));
    jset_text(o, "line_label", catalog_label("lines", db_text(st, 20)));
    return o;
}

/* The persons of referral id on o: "persons" [{"no","name"}] and "persons_label"; with open,
 * "suspects" [{"no","name","id_number"}] (the numbers unsealed), else "suspects_hidden". */
static int persons(struct ctx *c, int64_t id, json_t *o, bool open, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT name, id_number FROM case_referral_person WHERE referral_id = ? ORDER BY id", "i",
        id);
    if (!st) return e->code;
    json_t *names = json_array(), *full = json_array();
    const char *label = "";
    int rc, no = 0;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *name = db_text(st, 0);
        json_array_append_new(names, jpack("{si ss}", "no", ++no, "name", name));
        label = arena_printf(c->arena, "%s%s%s", label, *label ? "、" : "", name);
        if (!open) continue;
        char *number = unseal_text(db_text(st, 1));
        json_array_append_new(full, jpack("{si ss ss}", "no", no, "name", name, "id_number",
                                          number ? number : "（无法解密）"));
        free(number);
    }
    db_done(st);
    json_object_set_new(o, "persons", names);
    jset_text(o, "persons_label", label);
    jset_int(o, "person_count", no);
    if (open)
        json_object_set_new(o, "suspects", full);
    else {
        json_decref(full);
        jset_bool(o, "suspects_hidden", true);
    }
    return rc < 0 ? rc : 0;
}

/* [R-CASE-79] Who sees the persons' ID numbers: the case's investigators and the leaders. */
static int may_see(struct ctx *c, int64_t case_id, struct err *e)
{
    if (role_allows(c->who->roles, PERM_CASE_APPROVE)) return 1;
    return case_actor_investigates(c, case_id, e);
}

/* The referral as the actor sees it, the ID numbers opened when open says (-1: as may_see). */
static json_t *read_one(struct ctx *c, int64_t id, int open, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, "SELECT " COLS FROM " WHERE r.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW) o = row(st);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "移送记录不存在或不在您的管辖范围内");
        return NULL;
    }
    int64_t case_id = json_integer_value(json_object_get(o, "case_id"));
    if (open < 0) open = may_see(c, case_id, e);
    const char *state = json_string_value(json_object_get(o, "state"));
    if (open >= 0) persons(c, id, o, open == 1, e);
    json_object_set_new(o, "officers", case_officers_json(c, case_id, e));
    json_object_set_new(o, "actions", wf_actions(c, &referral_workflow, id, state));
    json_t *h = e->code ? NULL : wf_history(c, &referral_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = e->code ? NULL : document_list(c, "referral", id, open == 1, e);
    if (docs) json_object_set_new(o, "documents", docs);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *referral_get(struct ctx *c, int64_t id, struct err *e)
{
    return read_one(c, id, -1, e);
}

/* The referral as its 移送书 prints it: the persons with their ID numbers. */
static json_t *for_documents(struct ctx *c, int64_t id, struct err *e)
{
    return read_one(c, id, 1, e);
}

json_t *referral_list(struct ctx *c, int64_t case_id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " COLS FROM " WHERE r.case_id = ? ORDER BY r.id", "i", case_id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(out, row(st));
    db_done(st);
    size_t i;
    json_t *o;
    json_array_foreach(out, i, o)
    {
        if (rc >= 0 && persons(c, json_integer_value(json_object_get(o, "id")), o, false, e))
            rc = -1;
        json_object_del(o, "suspects_hidden");
    }
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

const struct doc_owner referral_documents = {"referral", PERM_CASE_READ, "suspects",
                                             "涉案人员", referral_get,   for_documents};
