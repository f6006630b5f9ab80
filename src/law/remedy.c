/* remedy.c — 行政复议 and 行政诉讼 against a penalty decision (domain/RULES.md §7): the codes,
 * the party's periods, registration, and the workflow declared as data with its guards and
 * effects (the answer, 出庭应诉, the outcome that marks the case). Reading is remedy_read.c, the
 * figures remedy_stats.c. */
#include "law/remedy.h"
#include "law/publicity.h"
#include "base/calendar.h"
#include "base/jpack.h"
#include "law/area.h"
#include "law/audit.h"
#include "law/case.h"
#include "law/field.h"
#include "law/role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- codes ---------------------------------------------------------------------------------- */

static const struct wf_option kinds[] = {
    {"reconsideration", "行政复议"},
    {"litigation", "行政诉讼"},
    {NULL, NULL},
};

/* [R-CASE-86] What became of the decision (an appeal's: after the second instance). */
static const struct wf_option outcomes[] = {
    {"upheld", "维持"},
    {"revoked", "撤销"},
    {"changed", "变更"},
    {"confirmed_illegal", "确认违法"},
    {"dismissed", "驳回（申请、起诉、诉讼请求或上诉）"},
    {"settled_withdrawn", "调解、和解或撤回（撤诉）"},
    {NULL, NULL},
};

/* The document that ends it: 复议 the first three, 诉讼 the last three (mediation both). */
static const struct wf_option instruments[] = {
    {"decision", "行政复议决定书"}, {"termination", "终止行政复议决定书"},
    {"mediation", "调解书"},        {"judgment", "判决书"},
    {"ruling", "裁定书"},           {NULL, NULL},
};

static const struct wf_option statuses[] = {
    {"in_force", "有效"},      {"revoked", "已撤销"}, {"changed", "已变更"},
    {"illegal", "已确认违法"}, {NULL, NULL},
};

static const struct wf_option head_options[] = {
    {"yes", "负责人出庭"},
    {"no", "委托工作人员出庭"},
    {NULL, NULL},
};

const char *remedy_kind_label(const char *code)
{
    return wf_option_label(kinds, code);
}
const char *remedy_outcome_label(const char *code)
{
    return wf_option_label(outcomes, code);
}
const char *remedy_instrument_label(const char *code)
{
    return wf_option_label(instruments, code);
}
const char *remedy_status_label(const char *code)
{
    return wf_option_label(statuses, code);
}

bool remedy_corrects(const char *outcome)
{
    return outcome && (strcmp(outcome, "revoked") == 0 || strcmp(outcome, "changed") == 0 ||
                       strcmp(outcome, "confirmed_illegal") == 0);
}

/* ---- the party's periods -------------------------------------------------------------------- */

/* [R-CASE-81] [R-CASE-82] [R-CASE-87] The party's periods, from the day it knew. */
int remedy_period_due(const struct calendar *cal, const char *what, const char *known,
                      char out[DATE_STRLEN], struct err *e)
{
    day_t start, due;
    if (date_parse(known, &start)) return err_field(e, "known_on", "日期格式应为 YYYY-MM-DD");
    if (!cal) return err_set(e, ERR_INTERNAL, "工作日日历未加载，无法计算期限");
    int rc;
    if (strcmp(what, "litigation") == 0) /* 6 months: the corresponding day, off a rest day */
        rc = calendar_add_days(cal, date_add_months(start, REMEDY_SUE_MONTHS), 0, &due, e);
    else {
        int days = strcmp(what, "reconsideration") == 0 ? REMEDY_APPLY_DAYS
                   : strcmp(what, "after") == 0         ? REMEDY_AFTER_DAYS
                   : strcmp(what, "judgment") == 0      ? REMEDY_APPEAL_JUDGMENT_DAYS
                                                        : REMEDY_APPEAL_RULING_DAYS;
        rc = calendar_add_days(cal, start, days, &due, e);
    }
    if (!rc) date_format(due, out);
    return rc;
}

/* ---- the case and the remedies before ------------------------------------------------------ */

/* [R-CASE-80] A remedy challenges a decision: a penalty decision or a decision not to
 * penalise (a third party may challenge that too), whatever step the case has reached since. */
static int guard_decided(const struct case_facts *f, struct err *e)
{
    if (*f->decided) return 0;
    return err_set(e, ERR_INVALID,
                   "案件尚未作出行政处罚决定或者不予行政处罚决定，不能登记行政复议、行政诉讼"
                   "（《行政复议法》第十一条、《行政诉讼法》第十二条）");
}

/* The day column (ended_on …) of the latest remedy of case_id matching cond (a trusted SQL
 * condition over r), into out ("" when none); its id into *id when not NULL. */
static int latest(struct ctx *c, int64_t case_id, const char *cond, char out[11], int64_t *id,
                  struct err *e)
{
    const char *sql = arena_printf(c->arena,
                                   "SELECT r.id, r.ended_on FROM case_remedy r WHERE r.case_id = ?"
                                   " AND %s ORDER BY r.id DESC LIMIT 1",
                                   cond);
    struct db_stmt *st = db_query(c->db, e, sql, "i", case_id);
    if (!st) return e->code;
    *out = 0;
    if (db_step(st, e) == DB_ROW) {
        if (id) *id = db_int(st, 0);
        snprintf(out, 11, "%s", db_null(st, 1) ? "" : db_text(st, 1));
    } else if (id)
        *id = 0;
    db_done(st);
    return e->code;
}

/* Whether case_id has a remedy matching cond (1, 0, or an error). */
static int any(struct ctx *c, int64_t case_id, const char *cond, struct err *e)
{
    char day[11];
    int64_t id = 0;
    int rc = latest(c, case_id, cond, day, &id, e);
    return rc ? rc : id != 0;
}

#define REC_DONE                                                                                   \
    "r.kind = 'reconsideration' AND r.ended_on IS NOT NULL AND r.outcome <> 'settled_withdrawn'"
#define FIRST_LIT "r.kind = 'litigation' AND r.appeal_of IS NULL"

/* The first-instance litigation an appeal follows: of case_id, ended by a judgment or a
 * ruling, not itself an appeal and not appealed before. Its ending document into instrument
 * and its end into ended. */
struct appealed {
    char instrument[16];
    char ended[11];
};
static int read_appealed(struct ctx *c, int64_t case_id, int64_t of, struct appealed *a,
                         struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT r.instrument, r.ended_on FROM case_remedy r"
                                  " WHERE r.id = ? AND r.case_id = ? AND " FIRST_LIT,
                                  "ii", of, case_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        snprintf(a->instrument, sizeof a->instrument, "%s", db_null(st, 0) ? "" : db_text(st, 0));
        snprintf(a->ended, sizeof a->ended, "%s", db_null(st, 1) ? "" : db_text(st, 1));
    }
    db_done(st);
    if (rc < 0) return rc;
    /* [R-CASE-87] 行政诉讼法 第八十五条: a first-instance judgment or ruling is appealed */
    if (rc != DB_ROW)
        return err_field(e, "appeal_of", "上诉须针对本案的一审行政诉讼（二审为终审，不能再上诉）");
    if (!*a->ended ||
        (strcmp(a->instrument, "judgment") != 0 && strcmp(a->instrument, "ruling") != 0))
        return err_field(e, "appeal_of",
                         "一审尚未以判决或者裁定审结，不能上诉（《行政诉讼法》第八十五条）");
    int again = any(c, case_id, arena_printf(c->arena, "r.appeal_of = %lld", (long long)of), e);
    if (again < 0) return again;
    if (again) return err_field(e, "appeal_of", "该一审诉讼已登记上诉");
    return 0;
}

const char *remedy_known_default(struct ctx *c, int64_t case_id, const char *kind,
                                 int64_t appeal_of, struct err *e)
{
    struct case_facts f = {0};
    if (case_facts_read(c, case_id, &f, e) || !*f.decided) return NULL;
    char day[11];
    if (appeal_of) {
        struct appealed a = {0};
        struct err quiet = {0};
        return read_appealed(c, case_id, appeal_of, &a, &quiet) ? NULL
                                                                : arena_strdup(c->arena, a.ended);
    }
    /* the 复议决定 a litigation follows; else the day the party received the decision (its
     * service, or the day of an on-the-spot decision), or, not yet served, the decision's day */
    if (kind && strcmp(kind, "litigation") == 0 && !latest(c, case_id, REC_DONE, day, NULL, e) &&
        *day)
        return arena_strdup(c->arena, day);
    const char *received = NULL;
    struct db_stmt *st = db_query(
        c->db, e, "SELECT decision_received_on FROM penalty_case WHERE id = ?", "i", case_id);
    if (st && db_step(st, e) == DB_ROW && !db_null(st, 0))
        received = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    return arena_strdup(c->arena, received ? received : f.decided);
}

/* ---- registration's rules ------------------------------------------------------------------- */

int remedy_check(const struct remedy_input *in, struct err *e)
{
    if (!wf_option_label(kinds, in->kind)) err_field(e, "kind", "请选择行政复议或者行政诉讼");
    day_t d;
    field_date(in->known_on, "known_on", "知道作出决定之日", false, &d, e);
    field_date(in->filed_on, "filed_on", "申请（起诉）日期", true, &d, e);
    field_date(in->received_on, "received_on", "收到申请书（起诉状）副本日期", true, &d, e);
    field_text(in->body, "body", "复议机关（人民法院）", true, 200, e);
    field_text(in->applicant, "applicant", "申请人（原告、上诉人）", true, 200, e);
    field_text(in->claims, "claims", "请求", false, 2000, e);
    field_text(in->ref_no, "ref_no", "案号", false, 100, e);
    int64_t of;
    if (!str_blank(in->appeal_of) && (parse_i64(in->appeal_of, &of) || of <= 0))
        err_field(e, "appeal_of", "请选择上诉所针对的一审诉讼");
    if (!str_blank(in->appeal_of) && in->kind && strcmp(in->kind, "litigation") != 0)
        err_field(e, "kind", "上诉属于行政诉讼");
    return e->code;
}

/* [R-CASE-89] The days in order: known not before start (what), filed not before known,
 * received not before filed, none after today. */
static int guard_days(struct ctx *c, const struct remedy_input *in, const char *known,
                      const char *start, const char *what, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (strcmp(known, start) < 0) err_field(e, "known_on", "不能早于%s（%s）", what, start);
    if (strcmp(in->filed_on, known) < 0)
        err_field(e, "filed_on", "不能早于当事人知道之日（%s）", known);
    if (strcmp(in->received_on, in->filed_on) < 0)
        err_field(e, "received_on", "不能早于申请（起诉）日期（%s）", in->filed_on);
    if (strcmp(known, today) > 0) err_field(e, "known_on", "不能晚于今天（%s）", today);
    if (strcmp(in->filed_on, today) > 0) err_field(e, "filed_on", "不能晚于今天（%s）", today);
    if (strcmp(in->received_on, today) > 0)
        err_field(e, "received_on", "不能晚于今天（%s）", today);
    return e->code;
}

/* The party's period what from known: refused beside filed_on when filed after its last day,
 * citing basis. */
static int guard_period(struct ctx *c, const char *what, const char *known, const char *filed,
                        const char *basis, struct err *e)
{
    char due[DATE_STRLEN];
    if (remedy_period_due(c->cal, what, known, due, e)) return e->code;
    if (strcmp(filed, due) <= 0) return 0;
    return err_field(e, "filed_on", "已超过期限：自%s起算，应当在%s前提出（%s）", known, due,
                     basis);
}

/* [R-CASE-83] 复议 and 诉讼 in order: no 复议 once the party has sued (行政复议法 第二十九条第一
 * 款), no suit while a 复议 is pending (第二十九条第二款), and against a decision made on the spot
 * 复议 first (行政复议法 第二十三条第一款第（一）项, RULES.md §7); no second suit while one is
 * pending. */
static int guard_order(struct ctx *c, int64_t case_id, const struct case_facts *f, bool litigation,
                       bool after, struct err *e)
{
    int rc;
    if (!litigation) {
        if ((rc = any(c, case_id, FIRST_LIT, e)))
            return rc < 0 ? rc
                          : err_field(e, "kind",
                                      "当事人已就该决定提起行政诉讼，不得再申请行政复议（《行政复议"
                                      "法》第二十九条第一款）");
        if ((rc = any(c, case_id, "r.kind = 'reconsideration' AND r.ended_on IS NULL", e)))
            return rc < 0 ? rc : err_field(e, "kind", "该决定已有审理中的行政复议");
        return 0;
    }
    if ((rc = any(c, case_id, "r.kind = 'reconsideration' AND r.ended_on IS NULL", e)))
        return rc < 0 ? rc
                      : err_field(e, "kind",
                                  "行政复议审理中，不得提起行政诉讼（《行政复议法》第二十九条"
                                  "第二款）");
    if ((rc = any(c, case_id, FIRST_LIT " AND r.ended_on IS NULL", e)))
        return rc < 0 ? rc : err_field(e, "kind", "该决定已有审理中的行政诉讼");
    if (f->summary && !after)
        return err_field(e, "kind",
                         "当场作出的处罚决定，应当先申请行政复议（《行政复议法》第二十三条第一款第"
                         "（一）项）");
    return 0;
}

/* Everything registration checks of the case, its remedies and the days; the day the party
 * knew into *known (arena). */
static int guard_add(struct ctx *c, int64_t case_id, const struct remedy_input *in,
                     int64_t appeal_of, const char **known, struct case_facts *f, struct err *e)
{
    int rc = case_facts_read(c, case_id, f, e);
    if (!rc) rc = guard_decided(f, e);
    if (rc) return rc;
    bool litigation = strcmp(in->kind, "litigation") == 0;
    const char *what = "reconsideration", *start = f->decided, *start_what = "作出决定之日",
               *basis = "《行政复议法》第二十条：六十日";
    if (appeal_of) {
        struct appealed a = {0};
        if ((rc = read_appealed(c, case_id, appeal_of, &a, e))) return rc;
        what = strcmp(a.instrument, "judgment") == 0 ? "judgment" : "ruling";
        start = arena_strdup(c->arena, a.ended);
        start_what = "一审判决、裁定之日";
        basis = strcmp(what, "judgment") == 0 ? "《行政诉讼法》第八十五条：判决十五日"
                                              : "《行政诉讼法》第八十五条：裁定十日";
    } else if (litigation) {
        char done[11];
        if ((rc = latest(c, case_id, REC_DONE, done, NULL, e))) return rc;
        if ((rc = guard_order(c, case_id, f, true, *done != 0, e))) return rc;
        what = *done ? "after" : "litigation";
        start = *done ? arena_strdup(c->arena, done) : f->decided;
        start_what = *done ? "复议决定之日" : "作出决定之日";
        basis = *done ? "《行政诉讼法》第四十五条：复议决定后十五日"
                      : "《行政诉讼法》第四十六条：六个月";
    } else if ((rc = guard_order(c, case_id, f, false, false, e)))
        return rc;
    *known = str_blank(in->known_on) ? start : in->known_on;
    if ((rc = guard_days(c, in, *known, start, start_what, e))) return rc;
    return guard_period(c, what, *known, in->filed_on, basis, e);
}

/* ---- the remedy's own columns ---------------------------------------------------------------- */

/* The text of one column of remedy id (arena), or NULL. column: a trusted identifier. */
static const char *get_text(struct ctx *c, int64_t id, const char *column, struct err *e)
{
    const char *sql = arena_printf(c->arena, "SELECT %s FROM case_remedy WHERE id = ?", column);
    struct db_stmt *st = db_query(c->db, e, sql, "i", id);
    if (!st) return NULL;
    const char *v = NULL;
    if (db_step(st, e) == DB_ROW && !db_null(st, 0)) v = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    return v;
}

/* ---- guards and effects --------------------------------------------------------------------- */

/* [R-CASE-84] The answer (答复 with the evidence and basis, or the 答辩状 and the evidence): on
 * a day from the receipt of the copy to today. */
static int guard_answer(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *received = get_text(c, id, "received_on", e);
    return e->code ? e->code
                   : field_day_in(wf_date(c, a), "date", date_from_instant(c->now), received,
                                  "收到副本之日", e);
}

static int effect_answer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE case_remedy SET answered_on = ?, answered_by = ?, answer = ?, basis = ?,"
                   " evidence = ?, updated_at = ? WHERE id = ?",
                   "tttttii", wf_date(c, a), wf_arg(a, "who"), wf_arg(a, "summary"),
                   wf_arg(a, "basis"), wf_arg(a, "evidence"), c->now, id) < 0
               ? e->code
               : 0;
}

/* [R-CASE-85] 行政诉讼法 第三条第三款: the head (负责人) appears in court, or entrusts a member
 * of staff — the hearings of a litigation alone, each on a day from the receipt of the complaint
 * to today, and when the head did not appear, why. */
static int guard_appear(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *kind = get_text(c, id, "kind", e), *received = get_text(c, id, "received_on", e);
    if (e->code) return e->code;
    if (!kind || strcmp(kind, "litigation") != 0)
        return err_set(e, ERR_INVALID, "出庭应诉只适用于行政诉讼（《行政诉讼法》第三条第三款）");
    const char *head = wf_arg(a, "head");
    if (head && strcmp(head, "no") == 0 && str_blank(wf_arg(a, "entrust_reason")))
        err_field(e, "entrust_reason",
                  "负责人不能出庭的，写明理由并委托工作人员出庭（《行政诉讼法》第三条第三款）");
    field_day_in(wf_date(c, a), "date", date_from_instant(c->now), received, "收到起诉状副本之日",
                 e);
    return e->code;
}

static int effect_appear(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    bool head = strcmp(wf_arg(a, "head"), "yes") == 0;
    return db_exec(c->db, e,
                   "INSERT INTO case_remedy_hearing (remedy_id, heard_on, appeared, head,"
                   " entrust_reason, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   "ittittIi", id, wf_date(c, a), wf_arg(a, "appeared"), (int64_t)head,
                   head ? NULL : wf_arg(a, "entrust_reason"), a->note, c->who->user_id, c->now) < 0
               ? e->code
               : 0;
}

/* [R-CASE-86] The outcome: a day from the application to today; the ending document of its
 * kind (复议: 复议决定书, 调解书, 终止决定书; 诉讼: 判决书, 裁定书, 调解书); 变更 says what the
 * decision became. */
static int guard_outcome(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *kind = get_text(c, id, "kind", e), *filed = get_text(c, id, "filed_on", e);
    if (e->code) return e->code;
    const char *doc = wf_arg(a, "instrument");
    bool rec = kind && strcmp(kind, "reconsideration") == 0;
    bool fits = doc && (strcmp(doc, "mediation") == 0 ||
                        (rec ? strcmp(doc, "decision") == 0 || strcmp(doc, "termination") == 0
                             : strcmp(doc, "judgment") == 0 || strcmp(doc, "ruling") == 0));
    if (!fits)
        err_field(e, "instrument",
                  rec ? "行政复议以复议决定书、调解书或者终止行政复议决定书审结"
                      : "行政诉讼以判决书、裁定书或者调解书审结");
    if (strcmp(wf_arg(a, "outcome"), "changed") == 0 && str_blank(wf_arg(a, "changed_to")))
        err_field(e, "changed_to", "变更的，请写明变更后的处罚内容（如罚款金额）");
    field_day_in(wf_date(c, a), "date", date_from_instant(c->now), filed, "申请（起诉）日期", e);
    return e->code;
}

/* [R-CASE-86] The case's decision as the outcome leaves it: 撤销, 变更, 确认违法 mark it; an
 * appeal's 维持 puts it back in force (the court of appeal reversed a first instance that had
 * corrected it); a 驳回 or a withdrawal leaves it as it was (an appeal's: as the first instance
 * left it). NULL: unchanged. */
static const char *status_after(const char *outcome, bool appeal)
{
    if (strcmp(outcome, "revoked") == 0) return "revoked";
    if (strcmp(outcome, "changed") == 0) return "changed";
    if (strcmp(outcome, "confirmed_illegal") == 0) return "illegal";
    return appeal && strcmp(outcome, "upheld") == 0 ? "in_force" : NULL;
}

static int mark_case(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *kind = get_text(c, id, "kind", e), *appeal = get_text(c, id, "appeal_of", e),
               *case_id = get_text(c, id, "case_id", e);
    if (e->code) return e->code;
    const char *outcome = wf_arg(a, "outcome"), *status = status_after(outcome, appeal != NULL);
    if (!status) return 0;
    const char *changed = wf_arg(a, "changed_to");
    const char *reason =
        arena_printf(c->arena, "%s%s%s（%s %s）%s%s", appeal ? "二审" : "", remedy_kind_label(kind),
                     remedy_outcome_label(outcome),
                     remedy_instrument_label(wf_arg(a, "instrument")), wf_arg(a, "instrument_no"),
                     str_blank(changed) ? "" : "：", str_blank(changed) ? "" : changed);
    int64_t cid = 0;
    parse_i64(case_id, &cid);
    if (db_exec(c->db, e,
                "UPDATE penalty_case SET decision_status = ?, decision_status_on = ?,"
                " decision_status_reason = ?, updated_at = ? WHERE id = ?",
                "tttii", status, wf_date(c, a), reason, c->now, cid) < 0)
        return e->code;
    /* an appeal that restores the decision leaves the withdrawn publicity withdrawn */
    return strcmp(status, "in_force") == 0
               ? 0
               : publicity_decision_changed(c, cid, wf_date(c, a), reason, e);
}

static int effect_outcome(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    if (db_exec(c->db, e,
                "UPDATE case_remedy SET ended_on = ?, outcome = ?, instrument = ?,"
                " instrument_no = ?, changed_to = ?, outcome_note = ?, updated_at = ?"
                " WHERE id = ?",
                "ttttttii", wf_date(c, a), wf_arg(a, "outcome"), wf_arg(a, "instrument"),
                wf_arg(a, "instrument_no"), wf_arg(a, "changed_to"), a->note, c->now, id) < 0)
        return e->code;
    return mark_case(c, id, a, e);
}

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_state states[] = {
    {"received", "待答复（答辩）", false},
    {"answered", "已答复（答辩），审理中", false},
    {"ended", "已审结", true},
};

/* [R-CASE-84] The agency's answer: 行政复议法 第四十八条 (10 days), 第五十四条 (5, simplified),
 * 第八十八条 (those days are working days); 行政诉讼法 第六十七条 (15 days). */
static const struct wf_deadline_rule deadline_answer = {
    "answer",
    "答复期限",
    REMEDY_ANSWER_DAYS,
    true,
    "《行政复议法》第四十八条、第八十八条：收到申请书副本之日起十个工作日内提出书面答复",
    NULL,
    NULL};
static const struct wf_deadline_rule deadline_answer_simplified = {
    "answer",
    "答复期限（简易程序）",
    REMEDY_ANSWER_SIMPLIFIED_DAYS,
    true,
    "《行政复议法》第五十四条、第八十八条：简易程序，收到申请书副本之日起五个工作日内提出书面答复",
    NULL,
    NULL};
static const struct wf_deadline_rule deadline_defence = {
    "answer",
    "答辩期限",
    REMEDY_DEFENCE_DAYS,
    false,
    "《行政诉讼法》第六十七条：收到起诉状副本之日起十五日内提交证据和依据并提出答辩状",
    NULL,
    NULL};

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0, false, 0, NULL                                                              \
    }
static const struct wf_input in_answer[] = {
    {"date", "答复（答辩）日期", WF_DATE, false, 0, NULL},
    {"who", "承办人", WF_TEXT, true, 100, NULL},
    {"summary", "答复（答辩）意见：认定的事实和理由", WF_TEXT, true, 4000, NULL},
    {"basis", "作出决定的依据", WF_TEXT, true, 2000, NULL},
    {"evidence", "提交的证据（每行一项）", WF_TEXT, true, 4000, NULL},
    END,
};
static const struct wf_input in_appear[] = {
    {"date", "开庭日期", WF_DATE, true, 0, NULL},
    {"appeared", "出庭人员", WF_TEXT, true, 200, NULL},
    {"head", "负责人是否出庭", WF_CODE, true, 0, head_options},
    {"entrust_reason", "负责人不能出庭的理由", WF_TEXT, false, 500, NULL},
    {"note", "庭审情况", WF_TEXT, false, 2000, NULL},
    END,
};
static const struct wf_input in_outcome[] = {
    {"date", "审结日期（决定、判决、裁定或撤回之日）", WF_DATE, true, 0, NULL},
    {"outcome", "结果", WF_CODE, true, 0, outcomes},
    {"instrument", "文书", WF_CODE, true, 0, instruments},
    {"instrument_no", "文书编号", WF_TEXT, true, 100, NULL},
    {"changed_to", "变更后的决定内容", WF_TEXT, false, 1000, NULL},
    {"note", "说明", WF_TEXT, false, 2000, NULL},
    END,
};
#undef END

#define DOCS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define OUTCOME(from)                                                                                                           \
    {                                                                                                                           \
        from, "decide_outcome", "ended", "登记审结结果", PERM_CASE_REVIEW, guard_outcome, NULL,                                 \
            NULL,                                                                                                               \
            .inputs = in_outcome, .effect = effect_outcome,                                                                     \
            .confirm = "登记后不能更改；撤销、变更或确认违法的，案件的处罚决定将标注。确定？" \
    }
#define APPEAR(from)                                                                               \
    {                                                                                              \
        from, "appear", from, "登记出庭应诉", PERM_CASE_REVIEW, guard_appear, NULL, NULL,          \
            .inputs = in_appear, .effect = effect_appear                                           \
    }
static const struct wf_transition steps[] = {
    {"received", "answer", "answered", "提交答复（答辩）", PERM_CASE_REVIEW, guard_answer, NULL,
     "answer", .inputs = in_answer, .effect = effect_answer, .documents = DOCS("remedy_answer")},
    APPEAR("received"),
    APPEAR("answered"),
    OUTCOME("received"),
    OUTCOME("answered"),
};
#undef APPEAR
#undef OUTCOME
#undef DOCS

const struct workflow remedy_workflow = {.kind = "remedy",
                                         .table = "case_remedy",
                                         .states = states,
                                         .nstates = countof(states),
                                         .steps = steps,
                                         .nsteps = countof(steps),
                                         .reason_label = NULL,
                                         .start_label = "收到副本",
                                         .line_column = "line"};

/* ---- registration --------------------------------------------------------------------------- */

static int insert(struct ctx *c, int64_t case_id, const struct case_facts *f,
                  const struct remedy_input *in, int64_t appeal_of, const char *known,
                  bool simplified, int64_t *id, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "INSERT INTO case_remedy (agency_id, case_id, line, state, kind, appeal_of, known_on,"
        " filed_on, received_on, simplified, body, applicant, claims, ref_no, created_by,"
        " created_at, updated_at)"
        " VALUES (?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        "iittItttittttIii", f->agency, case_id, f->line, in->kind, appeal_of, known, in->filed_on,
        in->received_on, (int64_t)simplified, in->body, in->applicant,
        str_blank(in->claims) ? NULL : in->claims, str_blank(in->ref_no) ? NULL : in->ref_no,
        c->who->user_id, c->now, c->now);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) *id = db_int(st, 0);
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "登记失败");
}

/* The checks and the write, inside remedy_add's transaction. */
static int add_in(struct ctx *c, int64_t case_id, const struct remedy_input *in, int64_t *id,
                  struct err *e)
{
    int64_t appeal_of = 0;
    if (!str_blank(in->appeal_of)) parse_i64(in->appeal_of, &appeal_of);
    bool litigation = strcmp(in->kind, "litigation") == 0;
    bool simplified = !litigation && in->simplified && strcmp(in->simplified, "1") == 0;
    struct case_facts f = {0};
    const char *known = NULL;
    int rc = guard_add(c, case_id, in, appeal_of, &known, &f, e);
    if (!rc) rc = insert(c, case_id, &f, in, appeal_of, known, simplified, id, e);
    /* [R-CASE-84] the answer's period runs from the receipt of the copy */
    struct wf_args a = {.date = in->received_on};
    const struct wf_deadline_rule *rule = litigation   ? &deadline_defence
                                          : simplified ? &deadline_answer_simplified
                                                       : &deadline_answer;
    if (!rc) rc = wf_start(c, &remedy_workflow, *id, rule, &a, e);
    if (!rc)
        rc = audit_write(c, "remedy.create", "remedy", *id, "%s%s（案件 %lld）：%s，%s 收到副本",
                         appeal_of ? "上诉：" : "", remedy_kind_label(in->kind), (long long)case_id,
                         in->body, in->received_on);
    return rc;
}

int remedy_add(struct ctx *c, int64_t case_id, const struct remedy_input *in, int64_t *id,
               struct err *e)
{
    if (remedy_check(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = add_in(c, case_id, in, id, e);
    if (rc)
        db_rollback(c->db);
    else
        rc = db_commit(c->db, e);
    return rc;
}

int remedy_may_add(struct ctx *c, int64_t case_id, struct err *e)
{
    if (!role_allows(c->who->roles, PERM_CASE_REVIEW)) return 0;
    struct case_facts f = {0};
    struct err quiet = {0};
    int rc = case_facts_read(c, case_id, &f, &quiet);
    if (rc == ERR_NOTFOUND) return 0;
    if (rc) {
        *e = quiet;
        return rc;
    }
    return *f.decided != 0;
}

/* ---- the area's tables (law/area.h) --------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"case_remedy",
     "行政复议、行政诉讼",
     true,
     "id",
     {{"agency_id", "agency", REF_ID},
      {"case_id", "penalty_case", REF_ID},
      {"appeal_of", "case_remedy", REF_LATE},
      {"created_by", "app_user", REF_ID}}},
    {"case_remedy_hearing",
     "出庭应诉",
     true,
     "id",
     {{"remedy_id", "case_remedy", REF_ID}, {"created_by", "app_user", REF_ID}}},
};

const struct law_area law_area_remedies = {"remedies", tables,           countof(tables),  NULL,
                                           0,          &remedy_workflow, &remedy_documents};
