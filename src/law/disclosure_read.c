/* disclosure_read.c — reading disclosure requests: one with its history, and the list. Who may see
 * the applicant is decided here, once. */
#include "law/intake.h"
#include "base/jpack.h"
#include "law/disclosure.h"
#include "law/document.h"
#include "law/paging.h"

#include <stdlib.h>
#include <string.h>

#define COLS                                                                                       \
    "x.id, x.number, x.channel, x.received_on, x.content, x.purpose, x.state, x.answer_type,"      \
    " x.answer, x.reason, x.body, x.corrected_on, d.paused_on, x.answered_on, a.name,"             \
    " x.created_by, d.due_on, d.original_due_on"
#define FROM                                                                                       \
    " FROM disclosure_request x JOIN agency a ON a.id = x.agency_id"                               \
    " LEFT JOIN wf_deadline d ON d.kind = 'disclosure' AND d.object_id = x.id"                     \
    " AND d.name = 'answer' AND d.ended_on IS NULL"

/* One row of COLS as the staff see it (the applicant is added by disclosure_get). */
static json_t *row(struct db_stmt *st, const char *today)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(db_int(st, 0)));
    jset_text(o, "number", db_text(st, 1));
    jset_text(o, "channel", db_text(st, 2));
    jset_text(o, "channel_label", disclosure_channel_label(db_text(st, 2)));
    jset_text(o, "received_on", db_text(st, 3));
    jset_text(o, "content", db_text(st, 4));
    jset_text(o, "purpose", db_text(st, 5));
    jset_text(o, "state", db_text(st, 6));
    jset_text(o, "state_label", wf_state_label(&disclosure_workflow, db_text(st, 6)));
    jset_text(o, "answer_type", db_text(st, 7));
    jset_text(o, "answer_label", disclosure_answer_label(db_text(st, 7)));
    jset_text(o, "answer", db_text(st, 8));
    jset_text(o, "reason", db_text(st, 9));
    const struct workflow *w = &disclosure_workflow;
    jset_text(o, "reason_label", db_text(st, 9) ? w->reason_label(db_text(st, 9)) : NULL);
    jset_text(o, "body", db_text(st, 10));
    jset_text(o, "corrected_on", db_text(st, 11));
    jset_text(o, "paused_on", db_text(st, 12));
    jset_text(o, "answered_on", db_text(st, 13));
    jset_text(o, "agency", db_text(st, 14));
    const char *due = db_text(st, 16);
    bool paused = db_text(st, 12) != NULL;
    jset_text(o, "due", due);
    jset_text(o, "original_due", db_text(st, 17));
    jset_bool(o, "paused", paused);
    jset_bool(o, "overdue", due && !paused && strcmp(due, today) < 0);
    return o;
}

/* [R-DIS-06] Whether the actor sees who applied: who registered it, who took a step on it, and
 * who may answer it in the agency that received it (not every handler of an agency above). */
static int may_see_applicant(struct ctx *c, int64_t id, int64_t agency, int64_t created_by,
                             struct err *e)
{
    static const char *const any[] = {
        "request_correction", "correct",   "abandon", "extend", "consult",
        "consult_agency",     "consulted", NULL};
    int64_t me = c->who->user_id;
    if (!me) return 0;
    if (me == created_by) return 1;
    if (agency == c->who->agency_id && role_allows(c->who->roles, PERM_DISCLOSURE_HANDLE)) return 1;
    return intake_took(c, "disclosure", id, any, e);
}

/* One request in the actor's scope; all: its applicant shown whoever acts (what its documents
 * print), else only to those of R-DIS-06. */
static json_t *get(struct ctx *c, int64_t id, bool all, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " COLS ", x.applicant, x.agency_id" FROM
                                  " WHERE x.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    if (!st) return NULL;
    json_t *o = NULL;
    int64_t created_by = 0, agency = 0;
    const char *sealed = NULL, *state = NULL;
    if (db_step(st, e) == DB_ROW) {
        o = row(st, today);
        created_by = db_null(st, 15) ? 0 : db_int(st, 15);
        agency = db_int(st, 19);
        sealed = db_null(st, 18) ? NULL : arena_strdup(c->arena, db_text(st, 18));
        state = arena_strdup(c->arena, db_text(st, 6));
    }
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "政府信息公开申请不存在或不在您的管辖范围内");
        return NULL;
    }
    int shown = all ? 1 : may_see_applicant(c, id, agency, created_by, e);
    intake_show(o, "applicant", "申请人", sealed, shown > 0);
    json_object_set_new(o, "actions", wf_actions(c, &disclosure_workflow, id, state));
    json_t *h = wf_history(c, &disclosure_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = document_list(c, "disclosure", id, shown > 0, e);
    if (docs) json_object_set_new(o, "documents", docs);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *disclosure_get(struct ctx *c, int64_t id, struct err *e)
{
    return get(c, id, false, e);
}

/* The request as its documents print it. */
static json_t *disclosure_for_documents(struct ctx *c, int64_t id, struct err *e)
{
    return get(c, id, true, e);
}

const struct doc_owner disclosure_documents = {"disclosure",   PERM_DISCLOSURE_READ,
                                               "applicant",    "申请人",
                                               disclosure_get, disclosure_for_documents};

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return row(st, today);
}

/* The condition of a state filter: a state, open, overdue, or the figures' late list. */
static void state_cond(struct db_cond *w, const struct disclosure_query *q, const char *today)
{
    if (q->state && strcmp(q->state, "open") == 0)
        db_cond_add(w, "x.state NOT IN ('answered', 'abandoned')", "");
    else if (q->state && strcmp(q->state, "overdue") == 0)
        db_cond_add(w, "d.due_on < ? AND d.paused_on IS NULL", "t", today);
    else if (!str_blank(q->state))
        db_cond_add(w, "x.state = ?", "t", q->state);
    if (q->on_time && strcmp(q->on_time, "late") == 0)
        db_cond_add(w,
                    "EXISTS (SELECT 1 FROM wf_deadline k WHERE k.kind = 'disclosure' AND"
                    " k.object_id = x.id AND k.name = 'answer' AND k.outcome = 'met'"
                    " AND k.ended_on = x.answered_on AND x.state = 'answered'"
                    " AND k.ended_on > k.due_on)",
                    "");
}

json_t *disclosure_list(struct ctx *c, const struct disclosure_query *q, struct err *e)
{
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    db_cond_add(&w, "a.path LIKE ?", "t", actor_scope(c));
    state_cond(&w, q, today);
    if (!str_blank(q->answer_type)) db_cond_add(&w, "x.answer_type = ?", "t", q->answer_type);
    if (!str_blank(q->channel)) db_cond_add(&w, "x.channel = ?", "t", q->channel);
    if (!str_blank(q->from)) db_cond_add(&w, "x.received_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(&w, "x.received_on <= ?", "t", q->to);
    if (!str_blank(q->q))
        db_cond_add(&w, "(x.number = ? OR x.content LIKE ?)", "tt", q->q,
                    arena_printf(c->arena, "%%%s%%", q->q));
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
