/* petition_read.c — reading petitions: one with its history, and the list. Who may see the
 * petitioner is decided here, once. */
#include "law/intake.h"
#include "base/jpack.h"
#include "law/petition.h"
#include "law/document.h"
#include "law/paging.h"

#include <stdlib.h>
#include <string.h>

#define COLS                                                                                       \
    "x.id, x.number, x.form, x.received_on, x.content, x.summary, x.people, x.anonymous,"          \
    " x.state, x.leader_id, l.display_name, x.handler_id, h.display_name, x.transferred_to,"       \
    " x.answer, x.answered_on, x.review_answer, x.review_answered_on, x.recheck_answer,"           \
    " x.recheck_answered_on, x.previous_id, x.complaint_id, x.satisfaction, x.closed_on, a.name,"  \
    " x.created_by, d.due_on, x.sent_by"
#define FROM                                                                                       \
    " FROM petition x JOIN agency a ON a.id = x.agency_id"                                         \
    " LEFT JOIN app_user l ON l.id = x.leader_id LEFT JOIN app_user h ON h.id = x.handler_id"      \
    " LEFT JOIN wf_deadline d ON d.kind = 'petition' AND d.object_id = x.id"                       \
    " AND d.ended_on IS NULL"

static void set_id(json_t *o, const char *key, struct db_stmt *st, int col)
{
    if (!db_null(st, col)) json_object_set_new(o, key, json_integer(db_int(st, col)));
}

/* One row of COLS as the staff see it (the petitioner is added by petition_get). */
static json_t *row(struct db_stmt *st, const char *today)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(db_int(st, 0)));
    jset_text(o, "number", db_text(st, 1));
    jset_text(o, "form", db_text(st, 2));
    jset_text(o, "form_label", petition_form_label(db_text(st, 2)));
    jset_text(o, "received_on", db_text(st, 3));
    jset_text(o, "content", db_text(st, 4));
    jset_text(o, "content_label", petition_content_label(db_text(st, 4)));
    jset_text(o, "summary", db_text(st, 5));
    json_object_set_new(o, "people", json_integer(db_int(st, 6)));
    jset_bool(o, "group", db_int(st, 6) >= PETITION_GROUP_SIZE);
    jset_bool(o, "anonymous", db_int(st, 7) != 0);
    jset_text(o, "state", db_text(st, 8));
    jset_text(o, "state_label", wf_state_label(&petition_workflow, db_text(st, 8)));
    set_id(o, "leader_id", st, 9);
    jset_text(o, "leader", db_text(st, 10));
    set_id(o, "handler_id", st, 11);
    jset_text(o, "handler", db_text(st, 12));
    jset_text(o, "transferred_to", db_text(st, 13));
    jset_text(o, "answer", db_text(st, 14));
    jset_text(o, "answered_on", db_text(st, 15));
    jset_text(o, "review_answer", db_text(st, 16));
    jset_text(o, "review_answered_on", db_text(st, 17));
    jset_text(o, "recheck_answer", db_text(st, 18));
    jset_text(o, "recheck_answered_on", db_text(st, 19));
    set_id(o, "previous_id", st, 20);
    set_id(o, "complaint_id", st, 21);
    jset_text(o, "satisfaction", db_text(st, 22));
    jset_text(o, "satisfaction_label", petition_satisfaction_label(db_text(st, 22)));
    jset_text(o, "closed_on", db_text(st, 23));
    jset_text(o, "agency", db_text(st, 24));
    jset_text(o, "sent_by", db_text(st, 27));
    const char *due = db_text(st, 26);
    jset_text(o, "due", due);
    jset_bool(o, "overdue", due && strcmp(due, today) < 0);
    return o;
}

/* [R-PET-07] Whether the actor sees who petitioned: who registered it, decided on it, leads or
 * handles it. */
static int may_see_petitioner(struct ctx *c, int64_t id, json_t *o, int64_t created_by,
                              struct err *e)
{
    static const char *const deciding[] = {"accept", "refuse", "transfer", NULL};
    int64_t me = c->who->user_id;
    if (!me) return 0;
    json_int_t leader = json_integer_value(json_object_get(o, "leader_id")),
               handler = json_integer_value(json_object_get(o, "handler_id"));
    if (me == created_by || me == leader || me == handler) return 1;
    return intake_took(c, "petition", id, deciding, e);
}

/* The petitions that name id as their earlier one: [{id, number, state_label}]. */
static json_t *later(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, number, state FROM petition WHERE previous_id = ?"
                                  " ORDER BY id LIMIT 20",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(out, jpack("{sI ss ss}", "id", (json_int_t)db_int(st, 0), "number",
                                         db_text(st, 1), "state_label",
                                         wf_state_label(&petition_workflow, db_text(st, 2))));
    db_done(st);
    return out;
}

/* One petition in the actor's scope; all: its petitioner shown whoever acts (what its
 * documents print), else only to those of R-PET-07. */
static json_t *get(struct ctx *c, int64_t id, bool all, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT " COLS ", x.petitioner" FROM
                 " WHERE x.id = ? AND (a.path LIKE ? OR x.handler_id = ? OR x.leader_id = ?)",
                 "itII", id, actor_scope(c), c->who->user_id, c->who->user_id);
    if (!st) return NULL;
    json_t *o = NULL;
    int64_t created_by = 0;
    const char *sealed = NULL, *state = NULL;
    if (db_step(st, e) == DB_ROW) {
        o = row(st, today);
        created_by = db_null(st, 25) ? 0 : db_int(st, 25);
        sealed = db_null(st, 28) ? NULL : arena_strdup(c->arena, db_text(st, 28));
        state = arena_strdup(c->arena, db_text(st, 8));
    }
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "信访事项不存在或不在您的管辖范围内");
        return NULL;
    }
    int shown = all ? 1 : may_see_petitioner(c, id, o, created_by, e);
    intake_show(o, "petitioner", "信访人", sealed, shown > 0);
    json_object_set_new(o, "actions", wf_actions(c, &petition_workflow, id, state));
    json_t *h = wf_history(c, &petition_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = document_list(c, "petition", id, shown > 0, e);
    if (docs) json_object_set_new(o, "documents", docs);
    json_object_set_new(o, "later", later(c, id, e));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *petition_get(struct ctx *c, int64_t id, struct err *e)
{
    return get(c, id, false, e);
}

/* The petition as its documents print it. */
static json_t *petition_for_documents(struct ctx *c, int64_t id, struct err *e)
{
    return get(c, id, true, e);
}

const struct doc_owner petition_documents = {
    "petition", PERM_PETITION_READ, "petitioner", "信访人", petition_get, petition_for_documents};

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return row(st, today);
}

/* The condition of a state filter: a state, open, overdue, or a figure's late list. */
static void state_cond(struct db_cond *w, const struct petition_query *q, const char *today)
{
    if (q->state && strcmp(q->state, "open") == 0)
        db_cond_add(w,
                    "x.state NOT IN ('closed', 'rechecked', 'not_accepted', 'transferred',"
                    " 'converted')",
                    "");
    else if (q->state && strcmp(q->state, "overdue") == 0)
        db_cond_add(w, "d.due_on < ?", "t", today);
    else if (!str_blank(q->state))
        db_cond_add(w, "x.state = ?", "t", q->state);
    if (q->on_time &&
        (strcmp(q->on_time, "decide_late") == 0 || strcmp(q->on_time, "handle_late") == 0))
        db_cond_add(w,
                    "EXISTS (SELECT 1 FROM wf_deadline k WHERE k.kind = 'petition' AND"
                    " k.object_id = x.id AND k.name = ? AND k.outcome = 'met'"
                    " AND k.ended_on > k.due_on)",
                    "t", strcmp(q->on_time, "decide_late") == 0 ? "decide" : "handle");
}

json_t *petition_list(struct ctx *c, const struct petition_query *q, struct err *e)
{
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (q->mine)
        db_cond_add(&w, "(x.handler_id = ? OR x.leader_id = ?)", "ii", c->who->user_id,
                    c->who->user_id);
    else
        db_cond_add(&w, "a.path LIKE ?", "t", actor_scope(c));
    state_cond(&w, q, today);
    if (!str_blank(q->form)) db_cond_add(&w, "x.form = ?", "t", q->form);
    if (!str_blank(q->content)) db_cond_add(&w, "x.content = ?", "t", q->content);
    if (!str_blank(q->satisfaction)) db_cond_add(&w, "x.satisfaction = ?", "t", q->satisfaction);
    if (!str_blank(q->from)) db_cond_add(&w, "x.received_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(&w, "x.received_on <= ?", "t", q->to);
    if (!str_blank(q->q))
        db_cond_add(&w, "(x.number = ? OR x.summary LIKE ?)", "tt", q->q,
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
