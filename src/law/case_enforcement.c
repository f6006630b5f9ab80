/* case_enforcement.c — a penalty decision the party does not carry out, enforced by the people's
 * court (行政强制法 第五十三条至第五十五条; 行政处罚法 第七十二条第一款第（三）项): once a part is
 * overdue the agency serves a 催告书 (第三十五条、第三十六条) stating what is owed that day with
 * the 加处罚款; ten working days after its service (第五十四条、第六十九条), once the party's
 * periods to apply for 复议 and to sue have run out and nothing is pending, it may apply to the
 * court within three months (第五十三条), and records the court's rulings and the end of its
 * execution; amounts the court recovers go into the case's one ledger (case_execution.c). The
 * steps (remind, apply_court, court_outcome) are declared in case.c; the confiscated goods are
 * case_goods.c. Tables case_reminder, case_court_application, case_court_outcome (migration
 * 053). */
#include "base/calendar.h"
#include "base/jpack.h"
#include "base/money.h"
#include "law/case_internal.h"
#include "law/field.h"
#include "law/remedy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct wf_option methods[] = {
    {"direct", "直接送达"},     {"left", "留置送达"},   {"post", "邮寄送达"},
    {"electronic", "电子送达"}, {"notice", "公告送达"}, {NULL, NULL},
};
static const struct wf_option outcomes[] = {
    {"granted", "人民法院裁定准予执行"}, {"refused", "人民法院裁定不予执行"},
    {"completed", "执行完毕"},           {"terminated", "终结执行"},
    {"round_ended", "终结本次执行程序"}, {NULL, NULL},
};
const char *case_court_outcome_label(const char *code)
{
    return wf_option_label(outcomes, code);
}

static const struct wf_option statuses[] = {
    {"applied", "已申请，待法院裁定"},
    {"granted", "法院已裁定准予执行，执行中"},
    {"refused", "法院裁定不予执行"},
    {"round_ended", "终结本次执行程序"},
    {"completed", "执行完毕"},
    {"terminated", "终结执行"},
    {NULL, NULL},
};

const struct wf_input case_in_remind[] = {
    {"date", "催告书日期", WF_DATE, false, 0, NULL},
    {"served_on", "催告书送达日期", WF_DATE, true, 0, NULL},
    {"method", "送达方式", WF_CODE, true, 0, methods},
    {"recipient", "收件人", WF_TEXT, false, 60, NULL},
    {"note", "其他催告事项", WF_TEXT, false, 1000, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};
const struct wf_input case_in_apply_court[] = {
    {"court", "申请执行的人民法院", WF_TEXT, true, 100, NULL},
    {"note", "当事人的意见及其他情况", WF_TEXT, false, 2000, NULL},
    {"date", "申请日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};
const struct wf_input case_in_court_outcome[] = {
    {"outcome", "执行结果", WF_CODE, true, 0, outcomes},
    {"doc_no", "裁定书或者结案通知书文号", WF_TEXT, true, 80, NULL},
    {"reason", "不予执行、终结执行的理由", WF_TEXT, false, 1000, NULL},
    {"fine", "法院执行到位的罚款（元）", WF_TEXT, false, 20, NULL},
    {"surcharge", "法院执行到位的加处罚款（元）", WF_TEXT, false, 20, NULL},
    {"confiscated", "法院执行到位的没收款项（元）", WF_TEXT, false, 20, NULL},
    {"date", "裁定或者执行日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* [R-CASE-108] 第五十三条: the three months to apply, opened by the 催告 with the last day known
 * then and kept up to date when the application is made (sync_deadline). */
const struct wf_deadline_rule case_deadline_enforce = {"enforce", "申请人民法院强制执行期限", 0,
                                                       false, "《行政强制法》第五十三条"};

static const char *yuan(struct ctx *c, int64_t fen)
{
    char buf[MONEY_YUAN_SIZE];
    return arena_strdup(c->arena, money_yuan(fen > 0 ? fen : 0, buf, sizeof buf));
}

/* The amounts still owed, naming only those above zero: "罚款 500.00 元、加处罚款 15.00 元". */
static const char *owed_text(struct ctx *c, const struct case_owed *o)
{
    const struct {
        const char *name;
        int64_t fen;
    } parts[] = {{"罚款", o->fine}, {"加处罚款", o->surcharge}, {"没收款项", o->confiscated}};
    const char *out = "";
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (parts[i].fen > 0)
            out = arena_printf(c->arena, "%s%s%s %s 元", out, *out ? "、" : "", parts[i].name,
                               yuan(c, parts[i].fen));
    return out;
}

static const char *today(struct ctx *c)
{
    char *d = arena_alloc(c->arena, DATE_STRLEN);
    date_format(date_from_instant(c->now), d);
    return d;
}

/* ---- the window of 第五十三条 -----------------------------------------------------------------
 */

/* When the agency may apply: from the day after the party's last period to challenge the decision
 * ran out, for three months. */
struct window {
    char lapse[DATE_STRLEN]; /* the last day of the party's last period */
    char opens[DATE_STRLEN]; /* the day after */
    char apply_by[DATE_STRLEN]; /* three months on (民法典 第二百零二条、第二百零三条) */
    bool pending;               /* a 复议 or 诉讼 not yet ended */
    const char *blocked;        /* why the decision cannot be enforced at all, or NULL */
};

static void later(char *day, const char *other)
{
    if (other && strcmp(other, day) > 0) memcpy(day, other, DATE_STRLEN);
}

/* The party's period after one remedy that ended on ended: 15 days to sue after a 复议决定
 * (行政诉讼法 第四十五条), 15 to appeal a judgment and 10 a ruling (第八十五条), none after an
 * appeal or a 调解书. */
static int after_remedy(struct ctx *c, struct db_stmt *st, char out[DATE_STRLEN], struct err *e)
{
    const char *kind = db_text(st, 0), *ended = db_text(st, 2), *instrument = db_text(st, 3);
    const char *what = strcmp(kind, "reconsideration") == 0                ? "after"
                       : !db_null(st, 1)                                   ? NULL
                       : instrument && strcmp(instrument, "judgment") == 0 ? "judgment"
                       : instrument && strcmp(instrument, "ruling") == 0   ? "ruling"
                                                                           : NULL;
    if (!what) {
        memcpy(out, ended, DATE_STRLEN);
        return 0;
    }
    return remedy_period_due(c->cal, what, ended, out, e);
}

/* [R-CASE-107] 第五十三条: the periods of 行政复议法 第二十条 (60 days) and 行政诉讼法 第四十六条
 * (6 months) from the day the party received the decision, and after each remedy ended the
 * party's next period; the window opens the day after the latest of them. */
static int read_window(struct ctx *c, int64_t id, const char *known, struct window *w,
                       struct err *e)
{
    *w = (struct window){0};
    char day[DATE_STRLEN];
    if (remedy_period_due(c->cal, "reconsideration", known, w->lapse, e) ||
        remedy_period_due(c->cal, "litigation", known, day, e))
        return e->code;
    later(w->lapse, day);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT kind, appeal_of, ended_on, instrument FROM case_remedy"
                                  " WHERE case_id = ? ORDER BY id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        if (db_null(st, 2)) {
            w->pending = true;
        } else if (!after_remedy(c, st, day, e)) {
            later(w->lapse, day);
        }
    }
    db_done(st);
    const char *status = case_text(c, id, "decision_status", e);
    if (e->code) return e->code;
    if (status && (strcmp(status, "revoked") == 0 || strcmp(status, "illegal") == 0))
        w->blocked =
            strcmp(status, "revoked") == 0 ? "行政处罚决定已被撤销" : "行政处罚决定已被确认违法";
    day_t lapse, by;
    date_parse(w->lapse, &lapse);
    date_format(lapse + 1, w->opens);
    if (calendar_add_days(c->cal, date_add_months(lapse, CASE_APPLY_MONTHS), 0, &by, e))
        return e->code;
    date_format(by, w->apply_by);
    return 0;
}

/* The open 申请期限 of case id set to the window's last day (a remedy registered after the 催告
 * moves it). */
static int sync_deadline(struct ctx *c, int64_t id, const struct window *w, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE wf_deadline SET due_on = ? WHERE kind = 'case' AND object_id = ?"
                   " AND name = ? AND ended_on IS NULL",
                   "tit", w->apply_by, id, case_deadline_enforce.name) < 0
               ? e->code
               : 0;
}

/* ---- reading -------------------------------------------------------------------------------- */

/* The latest reminder of case id: its id, served day and perform_by (0 when none). */
struct reminder {
    int64_t id;
    char served_on[DATE_STRLEN], perform_by[DATE_STRLEN];
};

static int read_reminder(struct ctx *c, int64_t id, struct reminder *r, struct err *e)
{
    *r = (struct reminder){0};
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, served_on, perform_by FROM case_reminder"
                                  " WHERE case_id = ? ORDER BY id DESC LIMIT 1",
                                  "i", id);
    if (st && db_step(st, e) == DB_ROW) {
        r->id = db_int(st, 0);
        snprintf(r->served_on, sizeof r->served_on, "%s", db_text(st, 1));
        snprintf(r->perform_by, sizeof r->perform_by, "%s", db_text(st, 2));
    }
    db_done(st);
    return e->code;
}

/* The latest application of case id: its id, status and day (id 0 when none). */
struct application {
    int64_t id;
    char status[16], applied_on[DATE_STRLEN], last_on[DATE_STRLEN];
};

static int read_application(struct ctx *c, int64_t id, struct application *a, struct err *e)
{
    *a = (struct application){0};
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT p.id, p.status, p.applied_on, COALESCE((SELECT MAX(decided_on) FROM"
                 " case_court_outcome o WHERE o.application_id = p.id), p.applied_on)"
                 " FROM case_court_application p WHERE p.case_id = ? ORDER BY p.id DESC LIMIT 1",
                 "i", id);
    if (st && db_step(st, e) == DB_ROW) {
        a->id = db_int(st, 0);
        snprintf(a->status, sizeof a->status, "%s", db_text(st, 1));
        snprintf(a->applied_on, sizeof a->applied_on, "%s", db_text(st, 2));
        snprintf(a->last_on, sizeof a->last_on, "%s", db_text(st, 3));
    }
    db_done(st);
    return e->code;
}

/* Whether application a is before the court: applied, granted or its round ended (恢复执行). */
static bool in_court(const struct application *a)
{
    return a->id && (strcmp(a->status, "applied") == 0 || strcmp(a->status, "granted") == 0 ||
                     strcmp(a->status, "round_ended") == 0);
}

/* ---- 催告 ----------------------------------------------------------------------------------- */

/* [R-CASE-104] 行政强制法 第五十四条: a 催告 once a part is overdue and unpaid, the decision in
 * force, not while the court has the matter; the 催告书 on a day up to today, served on or after
 * it and not after today. */
int case_guard_remind(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *day = wf_date(c, a), *served = wf_arg(a, "served_on");
    struct case_owed o;
    struct application p;
    if (case_execution_owed(c, id, day, &o, e) || read_application(c, id, &p, e)) return e->code;
    if (!o.received_on)
        return err_set(e, ERR_INVALID,
                       "行政处罚决定书尚未送达当事人，不能催告（《行政强制法》第五十四条）");
    if (strcmp(day, today(c)) > 0) return err_field(e, "date", "催告书日期不能晚于今天");
    if (o.executed_on || !o.overdue)
        return err_field(e, "date",
                         "当日没有逾期未履行的款项，不需要催告（《行政强制法》第五十四条）");
    const char *status = case_text(c, id, "decision_status", e);
    if (status && (strcmp(status, "revoked") == 0 || strcmp(status, "illegal") == 0))
        return err_set(e, ERR_INVALID, "行政处罚决定已被撤销或者确认违法，不能催告");
    if (in_court(&p)) return err_set(e, ERR_INVALID, "已申请人民法院强制执行，尚未终结，不再催告");
    if (strcmp(served, day) < 0) return err_field(e, "served_on", "送达日期不能早于催告书日期");
    if (strcmp(served, today(c)) > 0) return err_field(e, "served_on", "送达日期不能晚于今天");
    return e->code;
}

/* [R-CASE-105] 第三十五条: the 催告书 states what is owed on its day — the fine and the amount
 * confiscated unpaid and the 加处罚款 counted through that day — and the time to perform: ten
 * working days after its service (第五十四条、第六十九条); the party may state and defend
 * (第三十六条), as the document says. Opens the 申请期限 of 第五十三条 [R-CASE-108]. */
int case_effect_remind(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *day = wf_date(c, a), *served = wf_arg(a, "served_on");
    struct case_owed o;
    struct window w;
    day_t s, by;
    bool provisional;
    if (case_execution_owed(c, id, day, &o, e) || read_window(c, id, o.received_on, &w, e))
        return e->code;
    date_parse(served, &s);
    if (wf_count(c->cal, CASE_REMIND_DAYS, true, s, &by, &provisional, e)) return e->code;
    char perform[DATE_STRLEN];
    date_format(by, perform);
    if (db_exec(c->db, e,
                "INSERT INTO case_reminder (case_id, reminded_on, served_on, method, recipient,"
                " fine_owed, surcharge_owed, confiscated_owed, perform_by, note, created_by,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "ittttiiittIi", id, day, served, wf_arg(a, "method"),
                blank_to_null(wf_arg(a, "recipient")), o.fine, o.surcharge, o.confiscated, perform,
                blank_to_null(a->note), c->who->user_id, c->now) < 0)
        return e->code;
    a->reason =
        arena_printf(c->arena, "催告：罚款 %s 元，加处罚款 %s 元，没收款项 %s 元；%s 前履行",
                     yuan(c, o.fine), yuan(c, o.surcharge), yuan(c, o.confiscated), perform);
    /* the deadline's start is the 催告's day: a window already past opens as due that day */
    a->due = strcmp(w.apply_by, day) < 0 ? day : arena_strdup(c->arena, w.apply_by);
    return 0;
}

/* ---- 申请人民法院强制执行 ----------------------------------------------------------------------
 */

/* [R-CASE-106] 第五十四条: a 催告书 served, its ten working days past, the party still owing.
 * [R-CASE-107] 第五十三条: the decision in force, no 复议 or 诉讼 pending, the party's periods
 * ended. The day up to today; after the window's three months it is recorded late
 * [R-CASE-108]. */
int case_guard_apply_court(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *day = wf_date(c, a);
    struct case_owed o;
    struct reminder r;
    struct application p;
    struct window w;
    if (case_execution_owed(c, id, day, &o, e) || read_reminder(c, id, &r, e) ||
        read_application(c, id, &p, e))
        return e->code;
    if (strcmp(day, today(c)) > 0) return err_field(e, "date", "申请日期不能晚于今天");
    if (!o.received_on || o.executed_on || o.fine + o.surcharge + o.confiscated <= 0)
        return err_set(e, ERR_INVALID, "本案没有尚未履行的罚没款，不需要申请强制执行");
    if (in_court(&p) || (p.id && strcmp(p.status, "completed") == 0))
        return err_set(e, ERR_INVALID, "本案已申请人民法院强制执行（%s）",
                       wf_option_label(statuses, p.status));
    if (!r.id)
        return err_set(
            e, ERR_INVALID,
            "申请人民法院强制执行前，应当催告当事人履行义务（《行政强制法》第五十四条）");
    if (strcmp(day, r.perform_by) <= 0)
        return err_field(e, "date",
                         "催告书 %s 送达，履行期限至 %s，届满后方可申请（行政强制法第五十四条）",
                         r.served_on, r.perform_by);
    if (read_window(c, id, o.received_on, &w, e)) return e->code;
    if (w.blocked) return err_set(e, ERR_INVALID, "%s，不能申请强制执行", w.blocked);
    if (w.pending)
        return err_set(e, ERR_INVALID,
                       "当事人的行政复议或者行政诉讼尚未审结，不能申请强制执行（《行政强制法》"
                       "第五十三条）");
    if (strcmp(day, w.opens) < 0)
        return err_field(e, "date",
                         "复议、诉讼期限至 %s 届满，%s 起方可申请（行政强制法第五十三条）", w.lapse,
                         w.opens);
    return 0;
}

/* The open 申请期限 set to the window as it stands now, so that the step meets it on time or
 * late. */
int case_before_apply_court(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    (void)a;
    struct window w;
    const char *known = case_text(c, id, "decision_received_on", e);
    if (e->code || read_window(c, id, known, &w, e)) return e->code;
    return sync_deadline(c, id, &w, e);
}

/* [R-CASE-109] 第五十五条: the application names the court and the amounts owed on its day (the
 * fine, the 加处罚款 through that day, the amount confiscated), with the 催告 and the party's
 * periods; kept with the window and whether it was late [R-CASE-108]. */
int case_effect_apply_court(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *day = wf_date(c, a);
    struct case_owed o;
    struct reminder r;
    struct window w;
    if (case_execution_owed(c, id, day, &o, e) || read_reminder(c, id, &r, e) ||
        read_window(c, id, o.received_on, &w, e))
        return e->code;
    bool late = strcmp(day, w.apply_by) > 0;
    if (db_exec(c->db, e,
                "INSERT INTO case_court_application (case_id, reminder_id, applied_on, court,"
                " fine_amount, surcharge_amount, confiscated_amount, window_opens_on, apply_by,"
                " late, status, note, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?, ?, ?)",
                "iittiiittitIi", id, r.id, day, wf_arg(a, "court"), o.fine, o.surcharge,
                o.confiscated, w.opens, w.apply_by, (int64_t)late, blank_to_null(a->note),
                c->who->user_id, c->now) < 0)
        return e->code;
    a->reason =
        arena_printf(c->arena, "向%s申请强制执行：%s 元%s", wf_arg(a, "court"),
                     yuan(c, o.fine + o.surcharge + o.confiscated), late ? "（超过申请期限）" : "");
    return 0;
}

/* ---- the court's outcome --------------------------------------------------------------------- */

/* The amounts of input names fine, surcharge, confiscated (分, 0 when blank); field errors. */
static int read_recovered(const struct wf_args *a, int64_t out[3], struct err *e)
{
    static const char *const names[] = {"fine", "surcharge", "confiscated"};
    for (int i = 0; i < 3; i++) {
        const char *v = wf_arg(a, names[i]);
        out[i] = 0;
        if (!str_blank(v) && (money_parse(v, &out[i]) || out[i] < 0))
            err_field(e, names[i], "金额应为不小于零的数额，如 3000 或 3000.50");
    }
    return e->code;
}

/* Whether outcome may follow the application's status: a ruling on an application; the end of
 * the execution once it was granted (or resumed after its round ended). */
static bool outcome_follows(const char *outcome, const char *status)
{
    bool ruling = strcmp(outcome, "granted") == 0 || strcmp(outcome, "refused") == 0;
    if (ruling) return strcmp(status, "applied") == 0;
    return strcmp(status, "granted") == 0 || strcmp(status, "round_ended") == 0;
}

/* [R-CASE-110] The court's outcome in order — 准予执行 or 不予执行 (with the reason) on the
 * application, then 执行完毕, 终结执行 (with the reason) or 终结本次执行 — on a day from the last
 * up to today, with its number; what the court recovered at most what is owed of each kind;
 * 执行完毕 only when nothing is left owed. */
int case_guard_court_outcome(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *day = wf_date(c, a), *outcome = wf_arg(a, "outcome");
    struct application p;
    struct case_owed o;
    int64_t got[3];
    if (read_application(c, id, &p, e) || read_recovered(a, got, e)) return e->code;
    if (!p.id) return err_set(e, ERR_INVALID, "本案尚未申请人民法院强制执行");
    if (!outcome_follows(outcome, p.status))
        return err_field(e, "outcome", "申请目前的状态为“%s”，不能登记“%s”",
                         wf_option_label(statuses, p.status), wf_option_label(outcomes, outcome));
    if (strcmp(day, p.last_on) < 0) return err_field(e, "date", "日期不能早于 %s", p.last_on);
    if (strcmp(day, today(c)) > 0) return err_field(e, "date", "日期不能晚于今天");
    bool why = strcmp(outcome, "refused") == 0 || strcmp(outcome, "terminated") == 0;
    if (why && str_blank(wf_arg(a, "reason")))
        return err_field(e, "reason", "请写明法院%s的理由",
                         strcmp(outcome, "refused") == 0 ? "裁定不予执行" : "终结执行");
    if (case_execution_owed(c, id, day, &o, e)) return e->code;
    const int64_t owed[3] = {o.fine, o.surcharge, o.confiscated};
    static const char *const names[] = {"fine", "surcharge", "confiscated"};
    static const char *const labels[] = {"罚款", "加处罚款", "没收款项"};
    for (int i = 0; i < 3; i++)
        if (got[i] > owed[i])
            return err_field(e, names[i], "%s尚欠 %s 元，执行到位的金额不能超过该数额", labels[i],
                             yuan(c, owed[i]));
    if (strcmp(outcome, "completed") == 0 && got[0] + got[1] + got[2] < owed[0] + owed[1] + owed[2])
        return err_field(e, "fine", "执行完毕须全部到位，尚欠罚款 %s、加处罚款 %s、没收款项 %s 元",
                         yuan(c, owed[0]), yuan(c, owed[1]), yuan(c, owed[2]));
    return 0;
}

/* The outcome kept, the application's status moved, each amount recovered a payment of the
 * ledger (how = court, the document's number as its receipt). */
int case_effect_court_outcome(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *day = wf_date(c, a), *outcome = wf_arg(a, "outcome");
    struct application p;
    int64_t got[3];
    if (read_application(c, id, &p, e) || read_recovered(a, got, e)) return e->code;
    static const char *const kinds[] = {"fine", "surcharge", "confiscated"};
    for (int i = 0; i < 3; i++) {
        struct case_payment pay = {.kind = kinds[i],
                                   .day = day,
                                   .how = "court",
                                   .receipt_no = wf_arg(a, "doc_no"),
                                   .amount = got[i]};
        if (got[i] > 0 && case_payment_record(c, id, &pay, e)) return e->code;
    }
    if (db_exec(c->db, e,
                "INSERT INTO case_court_outcome (application_id, case_id, outcome, decided_on,"
                " doc_no, reason, recovered, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "iittttiIi", p.id, id, outcome, day, wf_arg(a, "doc_no"),
                blank_to_null(wf_arg(a, "reason")), got[0] + got[1] + got[2], c->who->user_id,
                c->now) < 0 ||
        db_exec(c->db, e, "UPDATE case_court_application SET status = ? WHERE id = ?", "ti",
                outcome, p.id) < 0)
        return e->code;
    a->reason = arena_printf(c->arena, "%s（%s）%s%s", wf_option_label(outcomes, outcome),
                             wf_arg(a, "doc_no"), got[0] + got[1] + got[2] ? "，执行到位 " : "",
                             got[0] + got[1] + got[2] ? yuan(c, got[0] + got[1] + got[2]) : "");
    return 0;
}

/* ---- what the case shows -------------------------------------------------------------------- */

static json_t *reminders_json(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT reminded_on, served_on, method, recipient, fine_owed,"
                                  " surcharge_owed, confiscated_owed, perform_by, note"
                                  " FROM case_reminder WHERE case_id = ? ORDER BY id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        int64_t f = db_int(st, 4), s = db_int(st, 5), k = db_int(st, 6);
        char cap[MONEY_CAPITAL_SIZE];
        json_array_append_new(
            out,
            jpack("{ss ss ss ss ss* ss ss ss ss ss ss* sb}", "reminded_on", db_text(st, 0),
                  "served_on", db_text(st, 1), "method", db_text(st, 2), "method_label",
                  wf_option_label(methods, db_text(st, 2)), "recipient", db_text(st, 3), "fine",
                  yuan(c, f), "surcharge", yuan(c, s), "confiscated", yuan(c, k), "total",
                  yuan(c, f + s + k), "total_capital", money_capital(f + s + k, cap, sizeof cap),
                  "note", db_text(st, 8), "has_confiscated", k > 0));
        jset_text(json_array_get(out, json_array_size(out) - 1), "perform_by", db_text(st, 7));
    }
    db_done(st);
    return out;
}

static json_t *outcomes_json(struct ctx *c, int64_t application, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT outcome, decided_on, doc_no, reason, recovered"
                                  " FROM case_court_outcome WHERE application_id = ? ORDER BY id",
                                  "i", application);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(out, jpack("{ss ss ss ss ss* ss*}", "outcome", db_text(st, 0),
                                         "outcome_label", wf_option_label(outcomes, db_text(st, 0)),
                                         "decided_on", db_text(st, 1), "doc_no", db_text(st, 2),
                                         "reason", db_text(st, 3), "recovered",
                                         db_int(st, 4) ? yuan(c, db_int(st, 4)) : NULL));
    db_done(st);
    return out;
}

static json_t *applications_json(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, applied_on, court, fine_amount, surcharge_amount,"
                                  " confiscated_amount, window_opens_on, apply_by, late, status,"
                                  " note FROM case_court_application WHERE case_id = ? ORDER BY id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        int64_t f = db_int(st, 3), s = db_int(st, 4), k = db_int(st, 5);
        char cap[MONEY_CAPITAL_SIZE];
        json_t *p = jpack("{ss ss ss ss ss ss ss ss ss sb ss ss ss*}", "applied_on", db_text(st, 1),
                          "court", db_text(st, 2), "fine", yuan(c, f), "surcharge", yuan(c, s),
                          "confiscated", yuan(c, k), "total", yuan(c, f + s + k), "total_capital",
                          money_capital(f + s + k, cap, sizeof cap), "window_opens_on",
                          db_text(st, 6), "apply_by", db_text(st, 7), "late", db_int(st, 8) != 0,
                          "status", db_text(st, 9), "status_label",
                          wf_option_label(statuses, db_text(st, 9)), "note", db_text(st, 10));
        json_object_set_new(p, "outcomes", outcomes_json(c, db_int(st, 0), e));
        json_array_append_new(out, p);
    }
    db_done(st);
    return out;
}

/* The window as the case page shows it, once the decision was received: opens_on, apply_by,
 * lapse, pending, blocked, and overdue (past apply_by with no application). */
static json_t *window_json(struct ctx *c, int64_t id, const char *known, bool applied,
                           struct err *e)
{
    struct window w;
    if (read_window(c, id, known, &w, e)) return NULL;
    json_t *o = jpack("{ss ss ss sb ss*}", "lapse", w.lapse, "opens_on", w.opens, "apply_by",
                      w.apply_by, "pending", w.pending, "blocked", w.blocked);
    jset_bool(o, "overdue", !applied && !w.blocked && strcmp(today(c), w.apply_by) > 0);
    return o;
}

/* case_internal.h: "enforcement" of case id: {"reminders":[…],"applications":[…],"window",
 * "goods":[…],"goods_open"}, once there is any of it or the decision was received. */
int case_enforcement_json(struct ctx *c, int64_t id, json_t *o, struct err *e)
{
    json_t *x = json_object();
    json_t *reminders = reminders_json(c, id, e), *applications = applications_json(c, id, e);
    json_object_set_new(x, "reminders", reminders);
    json_object_set_new(x, "applications", applications);
    int64_t open = 0;
    json_object_set_new(x, "goods", case_goods_json(c, id, e));
    if (!e->code) case_goods_undisposed(c, id, &open, e);
    jset_int(x, "goods_open", open);
    const char *known = case_text(c, id, "decision_received_on", e),
               *executed = case_text(c, id, "executed_on", e);
    if (!e->code && known && !executed && json_array_size(reminders)) {
        json_t *w = window_json(c, id, known, json_array_size(applications) > 0, e);
        if (w) json_object_set_new(x, "window", w);
    }
    bool any = json_array_size(reminders) || json_array_size(json_object_get(x, "goods"));
    if (e->code || !any) {
        json_decref(x);
        return e->code;
    }
    json_object_set_new(o, "enforcement", x);
    return 0;
}

/* case_internal.h: remind offered while something is overdue and the court does not have the
 * case; apply_court once reminded; court_outcome while an application is before the court. */
void case_enforcement_actions(struct ctx *c, int64_t id, json_t *actions)
{
    struct err e = {0};
    struct case_owed o;
    struct application p;
    struct reminder r;
    const char *day = today(c);
    bool ok = !case_execution_owed(c, id, day, &o, &e) && !read_application(c, id, &p, &e) &&
              !read_reminder(c, id, &r, &e);
    bool owing = ok && o.received_on && !o.executed_on;
    bool remind = owing && o.overdue && !in_court(&p);
    bool apply = owing && r.id && !in_court(&p) && !(p.id && strcmp(p.status, "completed") == 0);
    bool outcome = ok && in_court(&p);
    for (size_t i = json_array_size(actions); i-- > 0;) {
        const char *a = json_string_value(json_object_get(json_array_get(actions, i), "action"));
        if ((strcmp(a, "remind") == 0 && !remind) || (strcmp(a, "apply_court") == 0 && !apply) ||
            (strcmp(a, "court_outcome") == 0 && !outcome))
            json_array_remove(actions, i);
    }
    case_goods_actions(c, id, actions);
}

/* ---- settled, for closing -------------------------------------------------------------------- */

/* [R-CASE-113] case.h: whether the execution of case id is settled. */
int case_enforcement_settled(struct ctx *c, int64_t id, bool *settled, const char **open,
                             struct err *e)
{
    *settled = true;
    *open = "";
    const char *state = case_text(c, id, "state", e),
               *status = case_text(c, id, "decision_status", e);
    if (e->code) return e->code;
    if (!state || strcmp(state, "decided") != 0 || (status && strcmp(status, "revoked") == 0))
        return 0; /* nothing to carry out: no penalty, or the decision revoked */
    struct case_owed o;
    struct application p;
    int64_t goods = 0;
    if (case_execution_owed(c, id, today(c), &o, e) || read_application(c, id, &p, e) ||
        case_goods_undisposed(c, id, &goods, e))
        return e->code;
    const char *items = "";
    if (!o.received_on) items = "行政处罚决定书尚未送达当事人；";
    bool court_ended =
        p.id && (strcmp(p.status, "refused") == 0 || strcmp(p.status, "terminated") == 0 ||
                 strcmp(p.status, "round_ended") == 0);
    if (o.received_on && o.fine + o.surcharge + o.confiscated > 0 && !court_ended) {
        items = arena_printf(c->arena, "%s尚欠%s", items, owed_text(c, &o));
        items = arena_printf(c->arena, "%s（%s）；", items,
                             in_court(&p) ? wf_option_label(statuses, p.status)
                                          : "未缴清，也未申请人民法院强制执行或者强制执行尚未终结");
    }
    if (goods > 0)
        items =
            arena_printf(c->arena, "%s没收的非法财物尚有 %lld 项未处置；", items, (long long)goods);
    *settled = !*items;
    *open = items;
    return 0;
}
