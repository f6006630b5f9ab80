/* file_review_read.c — reading case-file audits: one with its case, its rubric by section with
 * the scores and findings, its correction period, steps and documents (its page, the API, its
 * 评查表); a case's reviews; the list behind /reviews and its figures. */
#include "law/file_review.h"
#include "base/jpack.h"
#include "law/agency.h"
#include "law/case.h"
#include "law/case_closing.h"
#include "law/document.h"
#include "law/paging.h"

#include <string.h>

#define COLS                                                                                       \
    "v.id, v.case_id, v.state, v.reviewer_id, ru.display_name, v.reviewed_on, v.rubric_id,"        \
    " v.rubric_version, v.total, v.grade, v.grade_label, v.excellent, v.findings,"                 \
    " v.correction_answer, v.corrected_on, v.sample_id, x.number, x.party_name, x.state,"          \
    " a.name, ra.name, d.due_on, x.summary, x.decided_on"
#define FROM                                                                                       \
    " FROM file_review v JOIN agency a ON a.id = v.agency_id"                                      \
    " JOIN agency ra ON ra.id = v.reviewer_agency_id"                                              \
    " JOIN penalty_case x ON x.id = v.case_id"                                                     \
    " LEFT JOIN app_user ru ON ru.id = v.reviewer_id"                                              \
    " LEFT JOIN wf_deadline d ON d.kind = 'file_review' AND d.object_id = v.id"                    \
    " AND d.name = 'correct' AND d.ended_on IS NULL"

/* One row of COLS; today for the overdue mark. */
static json_t *row(struct db_stmt *st, const char *today)
{
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_int(o, "case_id", db_int(st, 1));
    const char *state = db_text(st, 2);
    jset_text(o, "state", state);
    jset_text(o, "state_label", wf_state_label(&file_review_workflow, state));
    jset_int(o, "reviewer_id", db_int(st, 3));
    jset_text(o, "reviewer", db_text(st, 4));
    jset_text(o, "reviewed_on", db_text(st, 5));
    jset_int(o, "rubric_id", db_null(st, 6) ? 0 : db_int(st, 6));
    jset_text(o, "rubric_version", db_text(st, 7));
    if (!db_null(st, 8)) jset_int(o, "total", db_int(st, 8));
    jset_text(o, "grade", db_text(st, 9));
    jset_text(o, "grade_label", db_text(st, 10));
    jset_bool(o, "excellent", db_int(st, 11) != 0);
    static const char *const texts[] = {"findings", "correction_answer", "corrected_on"};
    for (int i = 0; i < 3; i++)
        jset_text(o, texts[i], db_text(st, 12 + i));
    if (!db_null(st, 15)) jset_int(o, "sample_id", db_int(st, 15));
    jset_text(o, "case_number", db_text(st, 16));
    jset_text(o, "party_name", db_text(st, 17));
    jset_text(o, "case_state", db_text(st, 18));
    jset_text(o, "agency", db_text(st, 19));
    jset_text(o, "reviewer_agency", db_text(st, 20));
    const char *due = db_text(st, 21);
    jset_text(o, "correction_due", due);
    /* [R-FILE-10] a correction still open past its last day is flagged */
    jset_bool(o, "correction_overdue",
              due && strcmp(state, "correcting") == 0 && strcmp(due, today) < 0);
    jset_text(o, "case_summary", db_text(st, 22));
    jset_text(o, "decided_on", db_text(st, 23));
    return o;
}

static const char *today_of(struct ctx *c)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return arena_strdup(c->arena, today);
}

/* The scores of review id by item code: {"code": {"score","finding","correction"}}. */
static json_t *scores(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_object();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT item, score, finding, correction FROM file_review_score"
                                  " WHERE review_id = ?",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_object_set_new(out, db_text(st, 0),
                            jpack("{sI ss* sb}", "points", (json_int_t)db_int(st, 1), "finding",
                                  db_text(st, 2), "correction", db_int(st, 3) != 0));
    db_done(st);
    return out;
}

/* The rubric r with each item's score merged in, the sections' sums, and "corrections": the
 * findings that ask for a correction. Changes r in place. */
static void merge(json_t *r, json_t *by_item, json_t *o)
{
    json_t *corrections = json_array(), *s, *it;
    size_t i, k;
    json_array_foreach(json_object_get(r, "sections"), i, s)
    {
        int64_t sum = 0;
        bool all = true;
        json_array_foreach(json_object_get(s, "items"), k, it)
        {
            json_t *m = json_object_get(by_item, json_string_value(json_object_get(it, "code")));
            if (!m) {
                all = false;
                continue;
            }
            json_int_t score = json_integer_value(json_object_get(m, "points"));
            sum += score;
            json_object_update(it, m);
            jset_int(it, "deducted", json_integer_value(json_object_get(it, "max")) - score);
            if (json_is_true(json_object_get(m, "correction")))
                json_array_append_new(corrections,
                                      jpack("{sO sO sO}", "code", json_object_get(it, "code"),
                                            "text", json_object_get(it, "text"), "finding",
                                            json_object_get(m, "finding")));
        }
        jset_int(s, "score", sum);
        jset_bool(s, "complete", all);
    }
    json_object_set_new(o, "corrections", corrections);
}

json_t *file_review_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, "SELECT " COLS FROM " WHERE v.id = ? AND a.path LIKE ?",
                                  "it", id, actor_scope(c));
    if (!st) return NULL;
    json_t *o = db_step(st, e) == DB_ROW ? row(st, today_of(c)) : NULL;
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "评查记录不存在或不在您的管辖范围内");
        return NULL;
    }
    json_t *r = file_review_rubric_of(c, json_integer_value(json_object_get(o, "rubric_id")), e);
    json_t *by_item = r ? scores(c, id, e) : NULL;
    if (r && by_item) merge(r, by_item, o);
    json_decref(by_item);
    if (r) {
        json_object_set(o, "sections", json_object_get(r, "sections"));
        json_object_set(o, "rubric_title", json_object_get(r, "title"));
        json_decref(r);
    }
    const char *state = json_string_value(json_object_get(o, "state"));
    json_object_set_new(o, "actions", wf_actions(c, &file_review_workflow, id, state));
    json_t *h = e->code ? NULL : wf_history(c, &file_review_workflow, id, e);
    if (h) json_object_update_new(o, h);
    json_t *docs = e->code ? NULL : document_list(c, "file_review", id, true, e);
    if (docs) json_object_set_new(o, "documents", docs);
    /* the pre-closing check, run again on the file as it is now, beside the rubric */
    json_t *check =
        e->code ? NULL
                : case_closing_check(c, json_integer_value(json_object_get(o, "case_id")), NULL, e);
    if (check)
        json_object_set_new(o, "closing_check",
                            jpack("{sb so}", "ok", json_array_size(check) == 0, "items", check));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *file_review_of_case(struct ctx *c, int64_t case_id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " COLS FROM " WHERE v.case_id = ? ORDER BY v.id", "i", case_id);
    if (!st) return NULL;
    json_t *out = json_array();
    const char *today = today_of(c);
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(out, row(st, today));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* ---- the list ------------------------------------------------------------------------------- */

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    struct ctx *c = arg;
    return row(st, today_of(c));
}

/* The filter of corrections: requested (ever asked), done (accepted), overdue (open past its
 * day, or found lapsed). */
static void correction_filter(struct ctx *c, struct db_cond *w, const char *what)
{
    if (str_blank(what)) return;
    if (strcmp(what, "requested") == 0)
        db_cond_add(w, "v.state IN ('correcting', 'answered', 'corrected', 'lapsed')", "");
    else if (strcmp(what, "done") == 0)
        db_cond_add(w, "v.state = 'corrected'", "");
    else if (strcmp(what, "overdue") == 0)
        db_cond_add(w, "(v.state = 'lapsed' OR (v.state = 'correcting' AND d.due_on < ?))", "t",
                    today_of(c));
}

json_t *file_review_search(struct ctx *c, const struct file_review_query *q, struct err *e)
{
    const char *scope;
    if (agency_scope_of(c, q->agency, &scope, e)) return NULL;
    struct paging p = paging_of(q->page, q->per_page, 50);
    struct db_cond w = {0};
    db_cond_add(&w, "a.path LIKE ?", "t", scope);
    if (!str_blank(q->state)) db_cond_add(&w, "v.state = ?", "t", q->state);
    if (!str_blank(q->grade)) db_cond_add(&w, "v.grade = ?", "t", q->grade);
    if (q->excellent && strcmp(q->excellent, "1") == 0) db_cond_add(&w, "v.excellent = 1", "");
    correction_filter(c, &w, q->correction);
    if (!str_blank(q->from)) db_cond_add(&w, "v.reviewed_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(&w, "v.reviewed_on <= ?", "t", q->to);
    if (q->mine && strcmp(q->mine, "1") == 0)
        db_cond_add(&w,
                    "EXISTS (SELECT 1 FROM case_officer k JOIN app_user u ON u.officer_id ="
                    " k.officer_id WHERE k.case_id = v.case_id AND u.id = ?)",
                    "i", c->who->user_id);
    int64_t sample = 0;
    if (!str_blank(q->sample) && !parse_i64(q->sample, &sample))
        db_cond_add(&w, "v.sample_id = ?", "i", sample);
    const char *sql = arena_printf(c->arena,
                                   "SELECT " COLS FROM " WHERE %s ORDER BY v.id DESC LIMIT ?"
                                   " OFFSET ?",
                                   db_cond_sql(&w));
    db_cond_bind(&w, "ii", paging_limit(p), paging_offset(p));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    json_t *page = paging_read(st, p, list_row, c, e);
    db_cond_free(&w);
    return page;
}

int file_review_todo(struct ctx *c, int64_t *count, struct err *e)
{
    return db_get_int(c->db, e, count,
                      "SELECT COUNT(*) FROM file_review v WHERE v.state = 'correcting' AND EXISTS"
                      " (SELECT 1 FROM case_officer k JOIN app_user u ON u.officer_id ="
                      " k.officer_id WHERE k.case_id = v.case_id AND u.id = ?)",
                      "i", c->who->user_id);
}

const struct doc_owner file_review_documents = {"file_review", PERM_CASE_READ,  NULL,
                                                NULL,          file_review_get, file_review_get};
