/* case_statement.c — the party's statement and defence (当事人的陈述、申辩, 行政处罚法 第四十五条):
 * recorded by an investigator of the case after the prior notice and before the decision, with
 * the investigators' review of it (复核意见), each issued as a 陈述和申辩笔录. A statement does not
 * end the statement window: the party may add more until the decision, which prints them all.
 * The step (record_statement) is declared in case.c; table case_statement (migration 042). */
#include "base/jpack.h"
#include "law/case_internal.h"

#include <string.h>

/* 第四十五条: facts, reasons and evidence that hold up are adopted. */
static const struct wf_option reviews[] = {
    {"adopted", "予以采纳"}, {"partial", "部分采纳"}, {"rejected", "不予采纳"}, {NULL, NULL}};

const struct wf_input case_in_statement[] = {
    {"how", "陈述、申辩的方式", WF_CODE, true, 0, case_how},
    {"statement", "当事人陈述、申辩的内容", WF_TEXT, true, 4000, NULL},
    {"review", "复核意见", WF_CODE, true, 0, reviews},
    {"review_reason", "复核的理由（部分采纳、不予采纳的应当写明）", WF_TEXT, false, 2000, NULL},
    {"date", "当事人陈述、申辩的日期", WF_DATE, true, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* [R-CASE-60] 第四十五条: the party's statement is heard from the prior notice until the decision
 * (the step is declared only from the states in between), recorded by an investigator of the
 * case on a day not before the notice nor after today, and reviewed: adopted, or, when partly or
 * not adopted, with the reasons why what the party said does not hold up. */
int case_guard_statement(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    int rc = case_guard_investigator(c, id, "记录当事人的陈述、申辩", e);
    if (rc) return rc;
    const char *notified = case_text(c, id, "notified_on", e), *day = wf_date(c, a);
    if (e->code) return e->code;
    if (!notified)
        return err_set(e, ERR_INVALID,
                       "尚未进行行政处罚事先告知，不能记录当事人的陈述、申辩"
                       "（《行政处罚法》第四十四条、第四十五条）");
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (strcmp(day, notified) < 0)
        return err_field(e, "date", "陈述、申辩的日期不能早于事先告知日期（%s）", notified);
    if (strcmp(day, today) > 0) return err_field(e, "date", "陈述、申辩的日期不能晚于今天");
    if (strcmp(wf_arg(a, "review"), "adopted") != 0 && str_blank(wf_arg(a, "review_reason")))
        return err_field(e, "review_reason",
                         "部分采纳或者不予采纳的，应当写明当事人提出的事实、理由或者证据不成立的"
                         "理由（《行政处罚法》第四十五条）");
    return 0;
}

int case_effect_statement(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *reason = wf_arg(a, "review_reason");
    a->reason = arena_printf(c->arena, "当事人%s陈述、申辩；复核意见：%s",
                             wf_option_label(case_how, wf_arg(a, "how")),
                             wf_option_label(reviews, wf_arg(a, "review")));
    return db_exec(c->db, e,
                   "INSERT INTO case_statement (case_id, stated_on, how, statement, review,"
                   " review_reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   "itttttIi", id, wf_date(c, a), wf_arg(a, "how"), wf_arg(a, "statement"),
                   wf_arg(a, "review"), str_blank(reason) ? NULL : reason, c->who->user_id,
                   c->now) < 0
               ? e->code
               : 0;
}

json_t *case_statements_json(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT s.id, s.stated_on, s.how, s.statement, s.review, s.review_reason,"
                 " u.display_name FROM case_statement s LEFT JOIN app_user u ON u.id ="
                 " s.created_by WHERE s.case_id = ? ORDER BY s.stated_on, s.id",
                 "i", id);
    if (!st) return NULL;
    json_t *out = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(out, jpack("{sI ss ss ss* ss ss ss* ss* ss*}", "id",
                                         (json_int_t)db_int(st, 0), "stated_on", db_text(st, 1),
                                         "how", db_text(st, 2), "how_label",
                                         wf_option_label(case_how, db_text(st, 2)), "statement",
                                         db_text(st, 3), "review", db_text(st, 4), "review_label",
                                         wf_option_label(reviews, db_text(st, 4)), "review_reason",
                                         db_text(st, 5), "by", db_text(st, 6)));
    db_done(st);
    if (rc < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}
