/* case_read.c — reading penalty cases: one with its investigators, source and history; the
 * list; and the cases of a source record. */
#include "base/jpack.h"
#include "law/case.h"
#include "law/case_internal.h"
#include "law/case_service.h"
#include "law/case_closing.h"
#include "law/catalog.h"
#include "law/document.h"
#include "law/evidence.h"
#include "law/paging.h"
#include "law/power.h"
#include "law/preservation.h"
#include "law/remedy.h"
#include "law/referral.h"
#include "base/money.h"

#include <string.h>

#define COLS                                                                                       \
    "x.id, x.number, x.line, x.source, x.source_id, x.entity_id, x.party_name, x.party_kind,"      \
    " COALESCE(x.party_address, en.address), x.summary, x.act_on, x.harm, x.found_on, "            \
    "x.received_on, x.state,"                                                                      \
    " x.filed_on, x.decline_reason, a.name, d.due_on, d.name, x.power_item_id, x.baseline_level,"  \
    " x.penalty_types, x.fine, x.outside_reason, x.major, x.review_required,"                      \
    " x.baseline_version_id, pi.code, pi.name, pi.violated, pi.penalty_basis, x.notified_on,"      \
    " x.hearing_right, x.waived_on, x.decision_status, x.decision_status_on,"                      \
    " x.decision_status_reason"
#define FROM                                                                                       \
    " FROM penalty_case x JOIN agency a ON a.id = x.agency_id"                                     \
    " LEFT JOIN wf_deadline d ON d.kind = 'case' AND d.object_id = x.id AND d.ended_on IS NULL"    \
    " AND d.name IN ('file', 'decide')"                                                            \
    " LEFT JOIN power_item pi ON pi.id = x.power_item_id"                                          \
    " LEFT JOIN entity en ON en.id = x.entity_id"

static void set_id(json_t *o, const char *key, struct db_stmt *st, int col)
{
    if (!db_null(st, col)) json_object_set_new(o, key, json_integer(db_int(st, col)));
}

/* The penalty proposed at the end of the investigation (columns 20…29), when there is one. */
static void proposal(json_t *o, struct db_stmt *st)
{
    if (db_null(st, 20)) return;
    json_t *p = json_object();
    jset_int(p, "item_id", db_int(st, 20));
    jset_text(p, "item_code", db_text(st, 28));
    jset_text(p, "item_name", db_text(st, 29));
    jset_text(p, "level", db_text(st, 21));
    if (!db_null(st, 27)) jset_int(p, "baseline_version_id", db_int(st, 27));
    jset_text(p, "types", db_text(st, 22));
    char label[POWER_TYPES_MAX * 3], yuan[32];
    power_types_label(db_text(st, 22), label, sizeof label);
    jset_text(p, "types_label", label);
    if (!db_null(st, 23)) jset_text(p, "fine_yuan", money_yuan(db_int(st, 23), yuan, sizeof yuan));
    jset_text(p, "outside_reason", db_text(st, 24));
    jset_bool(p, "major", db_int(st, 25) != 0);
    jset_bool(p, "review_required", db_int(st, 26) != 0);
    jset_text(p, "violated", db_text(st, 30));
    jset_text(p, "penalty_basis", db_text(st, 31));
    json_object_set_new(o, "proposal", p);
}

/* Whether a case in state is filed and not yet decided: its days since 立案 count. */
static bool case_deciding(const char *state)
{
    static const char *const open[] = {
        "filed", "concluded", "reviewed", "notified", "hearing_requested", "hearing_set", "heard"};
    for (size_t i = 0; i < countof(open); i++)
        if (strcmp(state, open[i]) == 0) return true;
    return false;
}

/* One row of COLS (the party's address: as described, or the registry entity's). */
static json_t *row(struct db_stmt *st, const char *today)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(db_int(st, 0)));
    jset_text(o, "number", db_text(st, 1));
    jset_text(o, "line", db_text(st, 2));
    jset_text(o, "line_label", catalog_label("lines", db_text(st, 2)));
    jset_text(o, "source", db_text(st, 3));
    jset_text(o, "source_label", case_source_label(db_text(st, 3)));
    set_id(o, "source_id", st, 4);
    set_id(o, "entity_id", st, 5);
    jset_text(o, "party_name", db_text(st, 6));
    jset_text(o, "party_kind", db_text(st, 7));
    jset_text(o, "party_kind_label",
              strcmp(db_text(st, 7), "citizen") == 0 ? "公民" : "法人或其他组织");
    jset_text(o, "party_address", db_text(st, 8));
    jset_text(o, "summary", db_text(st, 9));
    jset_text(o, "act_on", db_text(st, 10));
    jset_bool(o, "harm", db_int(st, 11) != 0);
    char last[11];
    if (!case_limit_day(db_text(st, 10), db_int(st, 11) != 0, last)) jset_text(o, "limit_on", last);
    jset_text(o, "found_on", db_text(st, 12));
    jset_text(o, "received_on", db_text(st, 13));
    jset_text(o, "state", db_text(st, 14));
    jset_text(o, "state_label", wf_state_label(&case_workflow, db_text(st, 14)));
    jset_text(o, "filed_on", db_text(st, 15));
    const char *why = db_text(st, 16);
    jset_text(o, "decline_reason", why);
    jset_text(o, "decline_label", why ? case_workflow.reason_label(why) : NULL);
    jset_text(o, "agency", db_text(st, 17));
    const char *due = db_text(st, 18);
    jset_text(o, "due", due);
    jset_text(o, "due_label",
              db_text(st, 19) && strcmp(db_text(st, 19), "file") == 0 ? "立案期限"
                                                                      : "作出决定期限");
    jset_bool(o, "overdue", due && strcmp(due, today) < 0);
    proposal(o, st);
    jset_text(o, "notified_on", db_text(st, 32));
    jset_bool(o, "hearing_right", db_int(st, 33) != 0);
    jset_text(o, "waived_on", db_text(st, 34));
    /* [R-CASE-86] what the remedies made of the decision */
    jset_text(o, "decision_status", db_text(st, 35));
    jset_text(o, "decision_status_label", remedy_status_label(db_text(st, 35)));
    jset_bool(o, "decision_corrected", strcmp(db_text(st, 35), "in_force") != 0);
    jset_text(o, "decision_status_on", db_text(st, 36));
    jset_text(o, "decision_status_reason", db_text(st, 37));
    /* [R-CASE-10] days since 立案 of a case not yet decided: flagged at 60 and 80 */
    day_t filed, now;
    if (db_text(st, 15) && !date_parse(db_text(st, 15), &filed) && !date_parse(today, &now) &&
        case_deciding(db_text(st, 14))) {
        int days = (int)(now - filed);
        jset_int(o, "days_since_filing", days);
        jset_bool(o, "warn", days >= CASE_WARN_DAYS && days < CASE_ALERT_DAYS);
        jset_bool(o, "alert", days >= CASE_ALERT_DAYS);
    }
    return o;
}

/* case.h: the investigators, as the case and preservation pages show them. */
json_t *case_officers_json(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT o.id, o.name, o.cert_no FROM case_officer k"
                                  " JOIN officer o ON o.id = k.officer_id WHERE k.case_id = ?"
                                  " ORDER BY o.id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(out, jpack("{sI ss ss}", "id", (json_int_t)db_int(st, 0), "name",
                                         db_text(st, 1), "cert_no", db_text(st, 2)));
    db_done(st);
    return out;
}

/* The referrals to the police on cas, and whether one is still open (the case is marked). */
static void case_referrals_set(json_t *cas, json_t *referrals)
{
    size_t i;
    json_t *r;
    bool open = false;
    json_array_foreach(referrals, i, r)
    {
        open = open || json_is_true(json_object_get(r, "open"));
    }
    json_object_set_new(cas, "referrals", referrals);
    jset_bool(cas, "referral_open", open);
}

json_t *case_get(struct ctx *c, int64_t id, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st = db_query(c->db, e, "SELECT " COLS FROM " WHERE x.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    if (!st) return NULL;
    json_t *o = NULL;
    const char *state = NULL;
    if (db_step(st, e) == DB_ROW) {
        o = row(st, today);
        state = arena_strdup(c->arena, db_text(st, 14));
    }
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "案件不存在或不在您的管辖范围内");
        return NULL;
    }
    json_object_set_new(o, "officers", case_officers_json(c, id, e));
    json_t *actions = wf_actions(c, &case_workflow, id, state);
    case_hearing_actions(c, id, actions);
    case_execution_actions(c, id, actions);
    json_object_set_new(o, "actions", actions);
    json_t *met = case_deliberations_json(c, id, e);
    if (met) json_object_set_new(o, "deliberations", met);
    json_t *said = case_statements_json(c, id, e);
    if (said) json_object_set_new(o, "statements", said);
    json_t *hearing = case_hearing_json(c, id, e);
    if (hearing) json_object_set_new(o, "hearing", hearing);
    json_t *h = wf_history(c, &case_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = document_list(c, "case", id, true, e);
    if (docs) json_object_set_new(o, "documents", docs);
    json_t *proposal = json_object_get(o, "proposal");
    if (proposal && !e->code) case_baseline_json(c, proposal, e);
    if (!e->code) case_decision_json(c, id, o, e);
    if (!e->code) case_summary_read(c, id, o, e);
    if (!e->code) case_execution_json(c, id, o, e);
    if (!e->code) case_service_read(c, id, o, e);
    if (!e->code) case_closing_read(c, id, state, o, e);
    if (!e->code) case_proposal_read(c, id, o, e);
    json_t *evidence = e->code ? NULL : evidence_list(c, id, e);
    if (evidence) json_object_set_new(o, "evidence", evidence);
    json_t *kept = e->code ? NULL : preservation_list(c, id, e);
    if (kept) json_object_set_new(o, "preservations", kept);
    /* a decision (or a decision not to penalise) may be challenged: its remedies */
    bool decided = json_object_get(o, "decision") || json_object_get(o, "summary_decision");
    jset_bool(o, "decided", decided);
    json_t *remedies = e->code || !decided ? NULL : remedy_list(c, id, e);
    if (remedies) json_object_set_new(o, "remedies", remedies);
    json_t *referred = e->code ? NULL : referral_list(c, id, e);
    if (referred) case_referrals_set(o, referred);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    case_timeline(c, o);
    return o;
}

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return row(st, today);
}

json_t *case_list(struct ctx *c, const struct case_query *q, struct err *e)
{
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    char today[DATE_STRLEN], sixty[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    date_format(date_from_instant(c->now) - CASE_WARN_DAYS, sixty);
    db_cond_add(&w, "a.path LIKE ?", "t", actor_scope(c));
    if (q->state && strcmp(q->state, "open") == 0)
        db_cond_add(&w, "x.state <> 'declined' AND x.decided_on IS NULL", "");
    else if (q->state && strcmp(q->state, "overdue") == 0)
        db_cond_add(&w, "d.due_on < ?", "t", today);
    else if (q->state && strcmp(q->state, "long") == 0)
        db_cond_add(&w, "x.filed_on <= ? AND x.decided_on IS NULL AND x.state <> 'declined'", "t",
                    sixty);
    else if (!str_blank(q->state))
        db_cond_add(&w, "x.state = ?", "t", q->state);
    if (!str_blank(q->line)) db_cond_add(&w, "x.line = ?", "t", q->line);
    if (!str_blank(q->source)) db_cond_add(&w, "x.source = ?", "t", q->source);
    if (!str_blank(q->procedure)) db_cond_add(&w, "x.procedure = ?", "t", q->procedure);
    if (!str_blank(q->from)) db_cond_add(&w, "x.received_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(&w, "x.received_on <= ?", "t", q->to);
    if (q->mine)
        db_cond_add(&w,
                    "x.id IN (SELECT k.case_id FROM case_officer k WHERE k.officer_id ="
                    " (SELECT u.officer_id FROM app_user u WHERE u.id = ?))",
                    "i", c->who->user_id);
    if (case_list_figures(c, q, &w, e)) {
        db_cond_free(&w);
        return NULL;
    }
    if (!str_blank(q->q)) {
        const char *like = arena_printf(c->arena, "%%%s%%", q->q);
        db_cond_add(&w, "(x.number = ? OR x.party_name LIKE ? OR x.summary LIKE ?)", "ttt", q->q,
                    like, like);
    }
    /* the page's ids first, from the indexes where the filters allow, then those rows alone:
     * a county's list sorts its cases' keys, not every case with its joins (bench/cases.c) */
    bool deadline = q->state && strcmp(q->state, "overdue") == 0;
    const char *sql = arena_printf(
        c->arena,
        "SELECT " COLS FROM " WHERE x.id IN (SELECT x.id FROM penalty_case x JOIN agency a"
        " ON a.id = x.agency_id%s WHERE %s ORDER BY x.received_on DESC, x.id DESC LIMIT ?"
        " OFFSET ?) ORDER BY x.received_on DESC, x.id DESC",
        deadline ? " JOIN wf_deadline d ON d.kind = 'case' AND d.object_id = x.id"
                   " AND d.ended_on IS NULL AND d.name IN ('file', 'decide')"
                 : "",
        db_cond_sql(&w));
    db_cond_bind(&w, "ii", paging_limit(p), paging_offset(p));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    json_t *page = paging_read(st, p, list_row, c, e);
    db_cond_free(&w);
    return page;
}

const struct doc_owner case_documents = {"case", PERM_CASE_READ, NULL, NULL, case_get, case_get};

json_t *case_links(struct ctx *c, const char *source, int64_t source_id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.id, x.number, x.state FROM penalty_case x"
                                  " JOIN agency a ON a.id = x.agency_id"
                                  " WHERE x.source = ? AND x.source_id = ? AND a.path LIKE ?"
                                  " ORDER BY x.id",
                                  "tit", source, source_id, actor_scope(c));
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(out,
                              jpack("{sI ss* ss ss}", "id", (json_int_t)db_int(st, 0), "number",
                                    db_text(st, 1), "state", db_text(st, 2), "state_label",
                                    wf_state_label(&case_workflow, db_text(st, 2))));
    db_done(st);
    return out;
}

int case_facts_read(struct ctx *c, int64_t id, struct case_facts *f, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT x.agency_id, x.line, x.state, x.filed_on, x.decided_on, x.procedure,"
                 " x.received_on, x.entity_id"
                 " FROM penalty_case x JOIN agency a ON a.id = x.agency_id"
                 " WHERE x.id = ? AND a.path LIKE ?",
                 "it", id, actor_scope(c));
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        f->agency = db_int(st, 0);
        snprintf(f->line, sizeof f->line, "%s", db_text(st, 1));
        snprintf(f->state, sizeof f->state, "%s", db_text(st, 2));
        snprintf(f->filed, sizeof f->filed, "%s", db_null(st, 3) ? "" : db_text(st, 3));
        snprintf(f->decided, sizeof f->decided, "%s", db_null(st, 4) ? "" : db_text(st, 4));
        f->summary = !db_null(st, 5) && strcmp(db_text(st, 5), "summary") == 0;
        snprintf(f->received, sizeof f->received, "%s", db_null(st, 6) ? "" : db_text(st, 6));
        f->entity = db_null(st, 7) ? 0 : db_int(st, 7);
    }
    db_done(st);
    if (rc != DB_ROW)
        return e->code ? e->code : err_set(e, ERR_NOTFOUND, "案件不存在或不在您的管辖范围内");
    int mine = case_actor_investigates(c, id, e);
    if (mine < 0) return mine;
    f->investigator = mine == 1;
    return 0;
}
