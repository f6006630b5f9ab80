/* remedy_read.c — reading 行政复议 and 行政诉讼: one with its case, answer, hearings, deadlines,
 * documents and steps (its page, the API, its 答复书/答辩状); the list of a case; the list of
 * the agency's remedies behind the figures. */
#include "law/remedy.h"
#include "base/jpack.h"
#include "law/agency.h"
#include "law/case.h"
#include "law/catalog.h"
#include "law/document.h"
#include "law/paging.h"

#include <string.h>

#define COLS                                                                                       \
    "r.id, r.case_id, r.state, r.kind, r.appeal_of, r.known_on, r.filed_on, r.received_on,"        \
    " r.simplified, r.body, r.applicant, r.claims, r.ref_no, r.answered_on, r.answered_by,"        \
    " r.answer, r.basis, r.evidence, r.ended_on, r.outcome, r.instrument, r.instrument_no,"        \
    " r.changed_to, r.outcome_note, d.due_on, d.ended_on, d.outcome, x.number, x.party_name,"      \
    " x.decided_on, a.name, x.line, x.decision_status, cu.display_name, x.summary,"                \
    " (SELECT COUNT(*) FROM case_remedy_hearing h WHERE h.remedy_id = r.id),"                      \
    " (SELECT COUNT(*) FROM case_remedy_hearing h WHERE h.remedy_id = r.id AND h.head = 1)"
#define FROM                                                                                       \
    " FROM case_remedy r JOIN agency a ON a.id = r.agency_id"                                      \
    " JOIN penalty_case x ON x.id = r.case_id"                                                     \
    " LEFT JOIN app_user cu ON cu.id = r.created_by"                                               \
    " LEFT JOIN wf_deadline d ON d.kind = 'remedy' AND d.object_id = r.id AND d.name = 'answer'"

/* The lines of text as [{"no","text"}] (the evidence submitted). */
static json_t *lines_of(const char *text, struct arena *a)
{
    json_t *out = json_array();
    const char *p = text ? text : "";
    while (*p) {
        size_t n = strcspn(p, "\r\n");
        char *line = str_trim(arena_strndup(a, p, n));
        p += n + (p[n] ? 1 : 0);
        if (*line)
            json_array_append_new(
                out, jpack("{sI ss}", "no", (json_int_t)json_array_size(out) + 1, "text", line));
    }
    return out;
}

/* [R-CASE-84] The answer's period: overdue while open past its day, late when answered after. */
static void set_due(json_t *o, struct db_stmt *st, const char *today)
{
    const char *due = db_text(st, 24), *ended = db_text(st, 25), *outcome = db_text(st, 26);
    jset_text(o, "answer_due", due);
    jset_bool(o, "answer_overdue", due && !ended && strcmp(due, today) < 0);
    jset_bool(o, "answer_late",
              due && ended && outcome && strcmp(outcome, "met") == 0 && strcmp(ended, due) > 0);
}

/* One row of COLS. */
static json_t *row(struct db_stmt *st, const char *today, struct arena *a)
{
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_int(o, "case_id", db_int(st, 1));
    const char *state = db_text(st, 2), *kind = db_text(st, 3);
    jset_text(o, "state", state);
    jset_text(o, "state_label", wf_state_label(&remedy_workflow, state));
    jset_text(o, "kind", kind);
    bool appeal = !db_null(st, 4);
    jset_text(o, "kind_label", appeal ? "行政诉讼（上诉）" : remedy_kind_label(kind));
    if (appeal) jset_int(o, "appeal_of", db_int(st, 4));
    jset_bool(o, "appeal", appeal);
    static const char *const keys[] = {"known_on", "filed_on", "received_on"};
    for (int i = 0; i < 3; i++)
        jset_text(o, keys[i], db_text(st, 5 + i));
    jset_bool(o, "simplified", db_int(st, 8) != 0);
    static const char *const texts[] = {"body",        "applicant",   "claims", "ref_no",
                                        "answered_on", "answered_by", "answer", "basis",
                                        "evidence",    "ended_on",    "outcome"};
    for (int i = 0; i < 11; i++)
        jset_text(o, texts[i], db_text(st, 9 + i));
    json_object_set_new(o, "evidence_items", lines_of(db_text(st, 17), a));
    jset_text(o, "outcome_label", remedy_outcome_label(db_text(st, 19)));
    jset_bool(o, "corrects", remedy_corrects(db_text(st, 19)));
    jset_text(o, "instrument", db_text(st, 20));
    jset_text(o, "instrument_label", remedy_instrument_label(db_text(st, 20)));
    jset_text(o, "instrument_no", db_text(st, 21));
    jset_text(o, "changed_to", db_text(st, 22));
    jset_text(o, "outcome_note", db_text(st, 23));
    set_due(o, st, today);
    jset_text(o, "case_number", db_text(st, 27));
    jset_text(o, "party_name", db_text(st, 28));
    jset_text(o, "decided_on", db_text(st, 29));
    jset_text(o, "agency", db_text(st, 30));
    jset_text(o, "line", db_text(st, 31));
    jset_text(o, "decision_status", db_text(st, 32));
    jset_text(o, "decision_status_label", remedy_status_label(db_text(st, 32)));
    jset_text(o, "created_by", db_text(st, 33));
    jset_text(o, "case_summary", db_text(st, 34));
    jset_int(o, "hearing_count", db_int(st, 35));
    jset_int(o, "head_count", db_int(st, 36));
    bool lit = strcmp(kind, "litigation") == 0;
    jset_text(o, "body_label", lit ? "人民法院" : "复议机关");
    jset_text(o, "applicant_label", appeal ? "上诉人" : lit ? "原告" : "申请人");
    jset_text(o, "answer_label", lit ? "答辩" : "答复");
    return o;
}

/* The hearings of remedy id, by day: [{"heard_on","appeared","head","head_label",
 * "entrust_reason","note"}] (new reference). */
static json_t *hearings(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT heard_on, appeared, head, entrust_reason, note"
                                  " FROM case_remedy_hearing WHERE remedy_id = ?"
                                  " ORDER BY heard_on, id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        bool head = db_int(st, 2) != 0;
        json_array_append_new(out, jpack("{ss ss sb ss ss* ss*}", "heard_on", db_text(st, 0),
                                         "appeared", db_text(st, 1), "head", head, "head_label",
                                         head ? "负责人出庭" : "委托工作人员出庭", "entrust_reason",
                                         db_text(st, 3), "note", db_text(st, 4)));
    }
    db_done(st);
    return out;
}

json_t *remedy_get(struct ctx *c, int64_t id, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st = db_query(c->db, e, "SELECT " COLS FROM " WHERE r.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW) o = row(st, today, c->arena);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "行政复议、行政诉讼记录不存在或不在您的管辖范围内");
        return NULL;
    }
    const char *state = json_string_value(json_object_get(o, "state"));
    json_object_set_new(o, "hearings", hearings(c, id, e));
    json_t *actions = wf_actions(c, &remedy_workflow, id, state);
    /* 出庭应诉 is a litigation's (its guard says so too): a 复议 is not offered it */
    const char *kind = json_string_value(json_object_get(o, "kind"));
    for (size_t i = json_array_size(actions); kind && strcmp(kind, "litigation") != 0 && i-- > 0;)
        if (strcmp(json_string_value(json_object_get(json_array_get(actions, i), "action")),
                   "appear") == 0)
            json_array_remove(actions, i);
    json_object_set_new(o, "actions", actions);
    json_t *h = e->code ? NULL : wf_history(c, &remedy_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = e->code ? NULL : document_list(c, "remedy", id, true, e);
    if (docs) json_object_set_new(o, "documents", docs);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* [R-CASE-87] Mark the first-instance litigations of a case's list that may be appealed: ended
 * by a judgment or a ruling, not appealed yet. */
static void mark_appealable(json_t *list)
{
    size_t i, k;
    json_t *r, *other;
    json_array_foreach(list, i, r)
    {
        const char *doc = json_string_value(json_object_get(r, "instrument"));
        bool ok = strcmp(json_string_value(json_object_get(r, "kind")), "litigation") == 0 &&
                  !json_is_true(json_object_get(r, "appeal")) && doc &&
                  (strcmp(doc, "judgment") == 0 || strcmp(doc, "ruling") == 0);
        json_int_t id = json_integer_value(json_object_get(r, "id"));
        json_array_foreach(list, k, other)
        {
            if (json_integer_value(json_object_get(other, "appeal_of")) == id) ok = false;
        }
        jset_bool(r, "appealable", ok);
    }
}

json_t *remedy_list(struct ctx *c, int64_t case_id, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " COLS FROM " WHERE r.case_id = ? ORDER BY r.id", "i", case_id);
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
    mark_appealable(out);
    return out;
}

/* ---- the list behind the figures ------------------------------------------------------------ */

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return row(st, today, c->arena);
}

/* The filter of the outcome: a code, corrected (纠错), ended or pending. */
static void outcome_filter(struct db_cond *w, const char *outcome)
{
    if (str_blank(outcome)) return;
    if (strcmp(outcome, "pending") == 0)
        db_cond_add(w, "r.ended_on IS NULL", "");
    else if (strcmp(outcome, "ended") == 0)
        db_cond_add(w, "r.ended_on IS NOT NULL", "");
    else if (strcmp(outcome, "corrected") == 0)
        db_cond_add(w, "r.outcome IN ('revoked', 'changed', 'confirmed_illegal')", "");
    else
        db_cond_add(w, "r.outcome = ?", "t", outcome);
}

json_t *remedy_search(struct ctx *c, const struct remedy_query *q, struct err *e)
{
    const char *scope;
    if (agency_scope_of(c, q->agency, &scope, e)) return NULL;
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    db_cond_add(&w, "a.path LIKE ?", "t", scope);
    if (!str_blank(q->kind)) db_cond_add(&w, "r.kind = ?", "t", q->kind);
    outcome_filter(&w, q->outcome);
    if (!str_blank(q->ended_from)) db_cond_add(&w, "r.ended_on >= ?", "t", q->ended_from);
    if (!str_blank(q->ended_to)) db_cond_add(&w, "r.ended_on <= ?", "t", q->ended_to);
    bool head = q->head && strcmp(q->head, "1") == 0;
    if (!str_blank(q->heard_from) || !str_blank(q->heard_to) || head)
        db_cond_add(&w,
                    head ? "EXISTS (SELECT 1 FROM case_remedy_hearing h WHERE h.remedy_id = r.id"
                           " AND h.heard_on >= ? AND h.heard_on <= ? AND h.head = 1)"
                         : "EXISTS (SELECT 1 FROM case_remedy_hearing h WHERE h.remedy_id = r.id"
                           " AND h.heard_on >= ? AND h.heard_on <= ?)",
                    "tt", str_blank(q->heard_from) ? "0000-01-01" : q->heard_from,
                    str_blank(q->heard_to) ? "9999-12-31" : q->heard_to);
    const char *sql = arena_printf(c->arena,
                                   "SELECT " COLS FROM " WHERE %s ORDER BY r.id DESC LIMIT ?"
                                   " OFFSET ?",
                                   db_cond_sql(&w));
    db_cond_bind(&w, "ii", paging_limit(p), paging_offset(p));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    json_t *page = paging_read(st, p, list_row, c, e);
    db_cond_free(&w);
    return page;
}

const struct doc_owner remedy_documents = {"remedy", PERM_CASE_READ, NULL,
                                           NULL,     remedy_get,     remedy_get};
