/* case_execution.c — carrying out a penalty decision (行政处罚法 第六十六条至第七十三条): from the
 * day the party received it the fine falls due in 15 days (第六十七条), or by the deferral or
 * instalments the head approved (第六十六条); payments of the fine, of the amount confiscated and
 * of the 加处罚款 (law/surcharge.c) are recorded — at the bank, or collected on the spot only
 * within 第六十八条、第六十九条, against a receipt (第七十条) and handed in (第七十一条) — and the
 * case is executed once nothing is owed. The steps (pay, defer) are declared in case.c; tables
 * case_instalment and case_payment (migration 051). */
#include "base/jpack.h"
#include "base/money.h"
#include "law/case_internal.h"
#include "law/field.h"
#include "law/surcharge.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DUES     24 /* instalments of one schedule */
#define MAX_PAYMENTS 200

static const struct wf_option kinds[] = {
    {"fine", "罚款"},
    {"confiscated", "没收违法所得、非法财物"},
    {"surcharge", "加处罚款"},
    {NULL, NULL},
};
static const struct wf_option hows[] = {
    {"bank", "到指定银行或者通过电子支付系统缴纳"},
    {"spot", "当场收缴"},
    {NULL, NULL},
};
/* how a payment came, as the ledger shows it: the step's ways, and the court's (enforcement) */
static const struct wf_option how_labels[] = {
    {"bank", "到指定银行或者通过电子支付系统缴纳"},
    {"spot", "当场收缴"},
    {"court", "人民法院强制执行"},
    {NULL, NULL},
};
static const struct wf_option deferrals[] = {
    {"defer", "延期缴纳"},
    {"instalments", "分期缴纳"},
    {NULL, NULL},
};

const struct wf_input case_in_pay[] = {
    {"kind", "缴纳的款项", WF_CODE, true, 0, kinds},
    {"amount", "金额（元）", WF_TEXT, true, 20, NULL},
    {"how", "缴纳方式", WF_CODE, true, 0, hows},
    {"receipt_no", "票据号码（当场收缴的专用票据或者银行缴款凭证）", WF_TEXT, false, 60, NULL},
    {"handed_in_on", "当场收缴的罚款交至行政机关的日期", WF_DATE, false, 0, NULL},
    {"note", "说明（当场收缴的，写明第六十八条、第六十九条的情形）", WF_TEXT, false, 500, NULL},
    {"date", "缴纳日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};
const struct wf_input case_in_defer[] = {
    {"kind", "延期或者分期", WF_CODE, true, 0, deferrals},
    {"applied_on", "当事人申请的日期", WF_DATE, true, 0, NULL},
    {"schedule", "缴纳期限和金额（每行一期：YYYY-MM-DD 金额）", WF_TEXT, true, 2000, NULL},
    {"note", "当事人确有经济困难的情况", WF_TEXT, true, 1000, NULL},
    {"date", "批准日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

/* ---- what is owed --------------------------------------------------------------------------- */

/* The execution of a case as its steps read it. */
struct owed {
    const char *received_on; /* NULL: the decision not yet received */
    day_t received;
    int64_t fine, confiscated;
    bool summary;
    struct surcharge_due due[MAX_DUES];
    int ndue;
    struct surcharge_paid paid[MAX_PAYMENTS]; /* of the fine */
    int npaid;
    struct surcharge_pause pause[MAX_DUES]; /* the 复议 and 诉讼 against the decision */
    int npause;
    int64_t paid_confiscated, paid_surcharge;
};

static int read_case(struct ctx *c, int64_t id, struct owed *o, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT decision_received_on, COALESCE(decision_fine, 0),"
                                  " COALESCE(decision_confiscated, 0), procedure"
                                  " FROM penalty_case WHERE id = ?",
                                  "i", id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        if (!db_null(st, 0)) {
            o->received_on = arena_strdup(c->arena, db_text(st, 0));
            date_parse(o->received_on, &o->received);
        }
        o->fine = db_int(st, 1);
        o->confiscated = db_int(st, 2);
        o->summary = strcmp(db_text(st, 3), "summary") == 0;
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "案件不存在");
}

/* The dues of the latest schedule. */
static int read_dues(struct ctx *c, int64_t id, struct owed *o, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT last_day, amount FROM case_instalment WHERE case_id = ?"
                                  " AND schedule = (SELECT MAX(schedule) FROM case_instalment"
                                  " WHERE case_id = ?) ORDER BY last_day, id",
                                  "ii", id, id);
    while (st && o->ndue < MAX_DUES && db_step(st, e) == DB_ROW) {
        date_parse(db_text(st, 0), &o->due[o->ndue].last);
        o->due[o->ndue++].amount = db_int(st, 1);
    }
    db_done(st);
    return e->code;
}

static int read_payments(struct ctx *c, int64_t id, struct owed *o, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT kind, amount, paid_on FROM case_payment WHERE case_id = ?"
                                  " ORDER BY paid_on, id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        const char *kind = db_text(st, 0);
        if (strcmp(kind, "confiscated") == 0)
            o->paid_confiscated += db_int(st, 1);
        else if (strcmp(kind, "surcharge") == 0)
            o->paid_surcharge += db_int(st, 1);
        else if (o->npaid < MAX_PAYMENTS) {
            o->paid[o->npaid].amount = db_int(st, 1);
            date_parse(db_text(st, 2), &o->paid[o->npaid++].on);
        }
    }
    db_done(st);
    return e->code;
}

/* [R-CASE-90] 第七十三条第三款: each 复议 or 诉讼 against the decision, from the day the party
 * applied or sued to the day it ended (law/remedy.c), pauses the 加处罚款. */
static int read_pauses(struct ctx *c, int64_t id, struct owed *o, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT filed_on, ended_on FROM case_remedy WHERE case_id = ?"
                                  " ORDER BY filed_on, id",
                                  "i", id);
    while (st && o->npause < MAX_DUES && db_step(st, e) == DB_ROW) {
        struct surcharge_pause *p = &o->pause[o->npause++];
        date_parse(db_text(st, 0), &p->from);
        p->to = 0;
        if (!db_null(st, 1)) date_parse(db_text(st, 1), &p->to);
    }
    db_done(st);
    return e->code;
}

static int read_owed(struct ctx *c, int64_t id, struct owed *o, struct err *e)
{
    memset(o, 0, sizeof *o);
    if (read_case(c, id, o, e) || read_dues(c, id, o, e) || read_pauses(c, id, o, e))
        return e->code;
    return read_payments(c, id, o, e);
}

static int64_t fine_paid(const struct owed *o)
{
    int64_t n = 0;
    for (int i = 0; i < o->npaid; i++)
        n += o->paid[i].amount;
    return n;
}

/* The 加处罚款 owed through day (surcharge.h). */
static void surcharge_through(const struct owed *o, day_t day, struct surcharge_out *out)
{
    struct surcharge_in in = {.due = o->due,
                              .ndue = o->ndue,
                              .paid = o->paid,
                              .npaid = o->npaid,
                              .pause = o->pause,
                              .npause = o->npause,
                              .through = day};
    surcharge_compute(&in, out);
}

/* What is still owed of kind on day (分). */
static int64_t outstanding(const struct owed *o, const char *kind, day_t day)
{
    if (strcmp(kind, "confiscated") == 0) return o->confiscated - o->paid_confiscated;
    if (strcmp(kind, "fine") == 0) return o->fine - fine_paid(o);
    struct surcharge_out s;
    surcharge_through(o, day, &s);
    return s.amount - o->paid_surcharge;
}

/* ---- opening it ----------------------------------------------------------------------------- */

/* case_internal.h: the decision received on received_on opens its execution (once). */
int case_execution_open(struct ctx *c, int64_t id, const char *received_on, struct err *e)
{
    struct owed o;
    if (read_owed(c, id, &o, e)) return e->code;
    if (o.received_on) return 0;
    day_t received, last;
    bool provisional;
    if (date_parse(received_on, &received)) return err_field(e, "date", "收到决定书的日期无效");
    if (db_exec(c->db, e, "UPDATE penalty_case SET decision_received_on = ? WHERE id = ?", "ti",
                received_on, id) < 0)
        return e->code;
    if (o.fine <= 0) /* a warning is carried out by its service (and its goods' disposal) */
        return case_execution_settle(c, id, received_on, e);
    /* [R-CASE-91] 第六十七条: fifteen days from receipt (民法典 第二百零一条、第二百零三条) */
    if (wf_count(c->cal, CASE_PAY_DAYS, false, received, &last, &provisional, e)) return e->code;
    char day[DATE_STRLEN];
    date_format(last, day);
    return db_exec(c->db, e,
                   "INSERT INTO case_instalment (case_id, schedule, last_day, amount, created_at)"
                   " VALUES (?, 1, ?, ?, ?)",
                   "itIi", id, day, o.fine, c->now) < 0
               ? e->code
               : 0;
}

/* ---- paying --------------------------------------------------------------------------------- */

/* [R-CASE-92] 第六十八条、第六十九条、第七十条: collected on the spot only in a summary case whose
 * fine is at most 100 元, or when the payment would otherwise be hard to obtain (the reason
 * written), always against the receipt's number; the cash is handed in on or after the day. */
static int guard_spot(const struct owed *o, const struct wf_args *a, struct err *e)
{
    if (str_blank(wf_arg(a, "receipt_no")))
        err_field(
            e, "receipt_no",
            "当场收缴罚款的，应当向当事人出具专用票据，并填写票据号码（《行政处罚法》第七十条）");
    if (!(o->summary && o->fine <= (int64_t)CASE_SPOT_FINE_YUAN * 100) &&
        str_blank(wf_arg(a, "note")))
        err_field(e, "note",
                  "只有当场处罚一百元以下罚款，或者不当场收缴事后难以执行的，才可以当场收缴"
                  "（《行政处罚法》第六十八条、第六十九条），请写明情形");
    const char *in = wf_arg(a, "handed_in_on");
    if (!str_blank(in) && strcmp(in, wf_arg(a, "date")) < 0)
        err_field(e, "handed_in_on", "交至行政机关的日期不能早于收缴日期");
    return e->code;
}

/* [R-CASE-91] A payment once the decision was received, on a day from its receipt to today, of
 * at most what is owed of its kind that day. */
int case_guard_pay(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct owed o;
    if (read_owed(c, id, &o, e)) return e->code;
    if (!o.received_on)
        return err_set(e, ERR_INVALID, "行政处罚决定书尚未送达当事人，不能登记缴纳（第六十七条）");
    const char *day = wf_date(c, a), *kind = wf_arg(a, "kind");
    day_t d;
    date_parse(day, &d);
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (strcmp(day, o.received_on) < 0)
        return err_field(e, "date", "缴纳日期不能早于收到决定书的日期（%s）", o.received_on);
    if (strcmp(day, today) > 0) return err_field(e, "date", "缴纳日期不能晚于今天");
    int64_t amount;
    if (money_parse(wf_arg(a, "amount"), &amount) || amount <= 0)
        return err_field(e, "amount", "金额应为大于零的数额，如 3000 或 3000.50");
    int64_t left = outstanding(&o, kind, d);
    char yuan[MONEY_YUAN_SIZE];
    if (amount > left)
        return err_field(e, "amount", "%s尚欠 %s 元，缴纳金额不能超过该数额",
                         wf_option_label(kinds, kind),
                         money_yuan(left > 0 ? left : 0, yuan, sizeof yuan));
    return strcmp(wf_arg(a, "how"), "spot") == 0 ? guard_spot(&o, a, e) : 0;
}

/* case_internal.h: payment p of case id kept in the one ledger, the case executed when nothing
 * is left owed on its day. Callers: case_effect_pay, law/case_enforcement.c (the court). */
int case_payment_record(struct ctx *c, int64_t id, const struct case_payment *p, struct err *e)
{
    if (db_exec(
            c->db, e,
            "INSERT INTO case_payment (case_id, kind, amount, paid_on, how, receipt_no,"
            " handed_in_on, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "itIttttt"
            "Ii",
            id, p->kind, p->amount, p->day, p->how, blank_to_null(p->receipt_no),
            blank_to_null(p->handed_in_on), blank_to_null(p->note), c->who->user_id, c->now) < 0)
        return e->code;
    return case_execution_settle(c, id, p->day, e);
}

/* The payment kept; the case executed once nothing is owed on its day. */
int case_effect_pay(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    struct case_payment p = {.kind = wf_arg(a, "kind"),
                             .day = wf_date(c, a),
                             .how = wf_arg(a, "how"),
                             .receipt_no = wf_arg(a, "receipt_no"),
                             .handed_in_on = wf_arg(a, "handed_in_on"),
                             .note = a->note};
    money_parse(wf_arg(a, "amount"), &p.amount);
    char yuan[MONEY_YUAN_SIZE];
    a->reason =
        arena_printf(c->arena, "缴纳%s %s 元（%s）", wf_option_label(kinds, p.kind),
                     money_yuan(p.amount, yuan, sizeof yuan), wf_option_label(how_labels, p.how));
    return case_payment_record(c, id, &p, e);
}

/* ---- what is owed, for enforcement ----------------------------------------------------------- */

/* Whether a part of what the decision imposed is past its last day and unpaid on day: a part of
 * the fine due before day and not paid by it, or the amount confiscated still owed after the 15
 * days from receipt (第六十七条). */
static int overdue_on_day(struct ctx *c, const struct owed *o, day_t day, bool *overdue,
                          struct err *e)
{
    int64_t due = 0, paid = 0;
    for (int i = 0; i < o->ndue; i++)
        if (o->due[i].last < day) due += o->due[i].amount;
    for (int i = 0; i < o->npaid; i++)
        if (o->paid[i].on <= day) paid += o->paid[i].amount;
    *overdue = due > paid;
    if (*overdue || o->confiscated - o->paid_confiscated <= 0) return 0;
    day_t last;
    bool provisional;
    if (wf_count(c->cal, CASE_PAY_DAYS, false, o->received, &last, &provisional, e)) return e->code;
    *overdue = day > last;
    return 0;
}

/* case_internal.h: what case id owes on day (the 加处罚款 counted through it). */
int case_execution_owed(struct ctx *c, int64_t id, const char *day, struct case_owed *out,
                        struct err *e)
{
    struct owed o;
    *out = (struct case_owed){0};
    day_t d;
    if (date_parse(day, &d)) return err_field(e, "date", "日期格式应为 YYYY-MM-DD");
    if (read_owed(c, id, &o, e)) return e->code;
    out->executed_on = case_text(c, id, "executed_on", e);
    if (e->code || !o.received_on) return e->code;
    out->received_on = o.received_on;
    out->fine = outstanding(&o, "fine", d);
    out->confiscated = outstanding(&o, "confiscated", d);
    int64_t s = outstanding(&o, "surcharge", d);
    out->surcharge = s > 0 ? s : 0;
    return overdue_on_day(c, &o, d, &out->overdue, e);
}

/* case_internal.h: executed on day when nothing is owed and every confiscated item disposed of;
 * not executed (again) otherwise. */
int case_execution_settle(struct ctx *c, int64_t id, const char *day, struct err *e)
{
    struct case_owed o;
    int64_t goods = 0;
    if (case_execution_owed(c, id, day, &o, e) || case_goods_undisposed(c, id, &goods, e))
        return e->code;
    if (!o.received_on) return 0;
    bool done = o.fine <= 0 && o.confiscated <= 0 && o.surcharge <= 0 && goods == 0;
    if (done && o.executed_on) return 0;
    return db_exec(c->db, e, "UPDATE penalty_case SET executed_on = ? WHERE id = ?", "ti",
                   done ? day : NULL, id) < 0
               ? e->code
               : 0;
}

/* ---- deferral and instalments ---------------------------------------------------------------- */

/* The schedule text (one "YYYY-MM-DD amount" a line) into dues; field errors otherwise. */
static int parse_schedule(const char *text, struct surcharge_due *due, int *n, struct err *e)
{
    *n = 0;
    for (const char *p = text ? text : ""; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char line[80];
        if (len >= sizeof line) return err_field(e, "schedule", "每行写一期：YYYY-MM-DD 金额");
        memcpy(line, p, len);
        line[len] = 0;
        p += len + (end ? 1 : 0);
        char *s = str_trim(line), *space = strpbrk(s, " \t");
        if (!*s) continue;
        if (!space) return err_field(e, "schedule", "“%s”：应写为 YYYY-MM-DD 金额", s);
        *space = 0;
        if (*n == MAX_DUES) return err_field(e, "schedule", "分期不能超过%d期", MAX_DUES);
        if (date_parse(s, &due[*n].last) || money_parse(str_trim(space + 1), &due[*n].amount) ||
            due[*n].amount <= 0)
            return err_field(e, "schedule", "“%s”：日期或金额有误", s);
        if (*n && due[*n].last <= due[*n - 1].last)
            return err_field(e, "schedule", "各期的缴纳期限应当依次在后");
        (*n)++;
    }
    return *n ? 0 : err_field(e, "schedule", "请填写缴纳期限和金额");
}

/* [R-CASE-93] 第六十六条: deferral (one new last day) or instalments of what remains of the fine,
 * on the party's application made before any part of it fell overdue, approved by a head apart
 * from the case on or after the application; every new last day on or after the approval. */
int case_guard_defer(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    struct owed o;
    if (read_owed(c, id, &o, e)) return e->code;
    if (!o.received_on || !o.ndue)
        return err_set(e, ERR_INVALID, "本案没有待缴纳的罚款（决定书尚未送达或者没有罚款）");
    const char *applied = wf_arg(a, "applied_on"), *day = wf_date(c, a);
    day_t ap, approved;
    date_parse(applied, &ap);
    date_parse(day, &approved);
    struct surcharge_out late;
    surcharge_through(&o, ap, &late);
    if (ap < o.received || late.overdue > 0)
        return err_field(e, "applied_on",
                         "延期或者分期缴纳应当在缴纳期限届满前申请（收到决定书之日 %s 起，"
                         "尚无逾期未缴的部分）",
                         o.received_on);
    if (approved < ap) return err_field(e, "date", "批准日期不能早于申请日期");
    struct surcharge_due due[MAX_DUES];
    int n;
    if (parse_schedule(wf_arg(a, "schedule"), due, &n, e)) return e->code;
    if (strcmp(wf_arg(a, "kind"), "defer") == 0 && n != 1)
        return err_field(e, "schedule", "延期缴纳只写一期；分多期缴纳的，请选择“分期缴纳”");
    int64_t sum = 0, left = o.fine - fine_paid(&o);
    for (int i = 0; i < n; i++) {
        sum += due[i].amount;
        if (due[i].last < approved) return err_field(e, "schedule", "缴纳期限不能早于批准日期");
    }
    char yuan[MONEY_YUAN_SIZE];
    if (sum != left)
        return err_field(e, "schedule", "各期金额合计应等于尚未缴纳的罚款 %s 元",
                         money_yuan(left, yuan, sizeof yuan));
    return case_guard_apart(c, id, "批准延期（分期）缴纳罚款", e);
}

/* The approved schedule replaces the last one (which is kept). Payments already made count
 * toward the fine as before: the new schedule covers what remained. */
int case_effect_defer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    struct surcharge_due due[MAX_DUES];
    int n;
    if (parse_schedule(wf_arg(a, "schedule"), due, &n, e)) return e->code;
    struct owed o;
    if (read_owed(c, id, &o, e)) return e->code;
    int64_t schedule = 0, paid = fine_paid(&o);
    if (db_get_int(c->db, e, &schedule,
                   "SELECT COALESCE(MAX(schedule), 0) + 1 FROM case_instalment WHERE case_id = ?",
                   "i", id))
        return e->code;
    /* what was paid stays due by its last payment, so that only the remainder moves */
    struct surcharge_due all[MAX_DUES + 1];
    int k = 0;
    day_t last_paid = o.received;
    for (int i = 0; i < o.npaid; i++)
        if (o.paid[i].on > last_paid) last_paid = o.paid[i].on;
    if (paid > 0) all[k++] = (struct surcharge_due){last_paid, paid};
    for (int i = 0; i < n; i++)
        all[k++] = due[i];
    for (int i = 0; i < k; i++) {
        char day[DATE_STRLEN];
        date_format(all[i].last, day);
        if (db_exec(c->db, e,
                    "INSERT INTO case_instalment (case_id, schedule, last_day, amount, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    "iItIi", id, schedule, day, all[i].amount, c->now) < 0)
            return e->code;
    }
    a->reason =
        arena_printf(c->arena, "批准%s（%d期）", wf_option_label(deferrals, wf_arg(a, "kind")), n);
    /* the 决定书 prints each part in words: 第1期：2027年2月10日前缴纳人民币1,500.00元 */
    const char *text = "";
    for (int i = 0; i < n; i++) {
        int y, m, dd;
        char yuan[MONEY_YUAN_SIZE];
        date_ymd(due[i].last, &y, &m, &dd);
        text =
            arena_printf(c->arena, "%s%s第%d期：%d年%d月%d日前缴纳人民币%s元", text, i ? "\n" : "",
                         i + 1, y, m, dd, money_yuan(due[i].amount, yuan, sizeof yuan));
    }
    wf_arg_set(a, "schedule", text);
    return 0;
}

/* case_internal.h: the execution steps offered only when they can be taken: payment once the
 * decision was received and until it is carried out, deferral while the fine is owed and none of
 * it overdue. */
void case_execution_actions(struct ctx *c, int64_t id, json_t *actions)
{
    struct err e = {0};
    struct owed o;
    bool open = !read_owed(c, id, &o, &e) && o.received_on &&
                !case_text(c, id, "executed_on", &e) && !e.code;
    struct surcharge_out s = {0};
    if (open) surcharge_through(&o, date_from_instant(c->now), &s);
    bool defer = open && o.fine > fine_paid(&o) && s.overdue == 0;
    for (size_t i = json_array_size(actions); i-- > 0;) {
        const char *a = json_string_value(json_object_get(json_array_get(actions, i), "action"));
        if ((strcmp(a, "pay") == 0 && !open) || (strcmp(a, "defer") == 0 && !defer))
            json_array_remove(actions, i);
    }
    case_enforcement_actions(c, id, actions);
}

/* ---- reading -------------------------------------------------------------------------------- */

static json_t *yuan_json(int64_t fen)
{
    char yuan[MONEY_YUAN_SIZE];
    return json_string(money_yuan(fen, yuan, sizeof yuan));
}

static json_t *payments_json(struct ctx *c, int64_t id, struct err *e)
{
    json_t *out = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT kind, amount, paid_on, how, receipt_no, handed_in_on"
                                  " FROM case_payment WHERE case_id = ? ORDER BY paid_on, id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        json_t *p = jpack("{ss ss so ss ss ss* ss*}", "kind", db_text(st, 0), "kind_label",
                          wf_option_label(kinds, db_text(st, 0)), "yuan", yuan_json(db_int(st, 1)),
                          "paid_on", db_text(st, 2), "how_label",
                          wf_option_label(how_labels, db_text(st, 3)), "receipt_no", db_text(st, 4),
                          "handed_in_on", db_text(st, 5));
        json_array_append_new(out, p);
    }
    db_done(st);
    return out;
}

/* case_internal.h: the execution of case id as "execution" into o, once the decision was
 * received: {"received_on","executed_on","dues":[{"last_day","yuan"}],"fine","confiscated"
 * (only when decided),"surcharge" (each {"due","paid","left"} in
 * 元),"surcharge_days","surcharge_capped","overdue", "payments":[…]}, counted through today. */
int case_execution_json(struct ctx *c, int64_t id, json_t *o, struct err *e)
{
    struct owed w;
    if (case_enforcement_json(c, id, o, e) || read_owed(c, id, &w, e) || !w.received_on)
        return e->code;
    day_t today = date_from_instant(c->now);
    struct surcharge_out s;
    surcharge_through(&w, today, &s);
    json_t *dues = json_array();
    for (int i = 0; i < w.ndue; i++) {
        char day[DATE_STRLEN];
        date_format(w.due[i].last, day);
        json_array_append_new(
            dues, jpack("{ss so}", "last_day", day, "yuan", yuan_json(w.due[i].amount)));
    }
    int64_t paid = fine_paid(&w);
    json_t *x = jpack(
        "{ss so so so si sb sb}", "received_on", w.received_on, "dues", dues, "fine",
        jpack("{so so so}", "due", yuan_json(w.fine), "paid", yuan_json(paid), "left",
              yuan_json(w.fine - paid)),
        "surcharge",
        jpack("{so so so}", "due", yuan_json(s.amount), "paid", yuan_json(w.paid_surcharge), "left",
              yuan_json(s.amount > w.paid_surcharge ? s.amount - w.paid_surcharge : 0)),
        "surcharge_days", s.days, "surcharge_capped", s.capped, "overdue", s.overdue > 0);
    if (w.confiscated > 0) /* 没收违法所得、非法财物 decided */
        json_object_set_new(x, "confiscated",
                            jpack("{so so so}", "due", yuan_json(w.confiscated), "paid",
                                  yuan_json(w.paid_confiscated), "left",
                                  yuan_json(w.confiscated - w.paid_confiscated)));
    jset_text(x, "executed_on", case_text(c, id, "executed_on", e));
    json_object_set_new(x, "payments", payments_json(c, id, e));
    json_object_set_new(o, "execution", x);
    return e->code;
}
