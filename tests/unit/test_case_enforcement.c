/* test_case_enforcement.c — a decision the party does not carry out, enforced by the people's
 * court (行政强制法 第五十三条、第五十四条): the 催告 once a part is overdue with the amounts owed
 * that day, the application refused before the 催告书's ten working days or while the party's
 * periods run or a remedy is pending, flagged late after its three months, the court's outcome
 * recorded as payments of the one ledger; and the confiscated goods, without whose disposal the
 * case is not executed. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/case_internal.h"
#include "law/remedy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A case fined fine 元 (with a warning), decided on 2026-12-28 and received by the party on
 * 2026-12-30: the fine due by 2027-01-14; the clock then on now. The party's periods: 复议 to
 * 2027-03-01 (60 days, 02-28 a Sunday), 诉讼 to 2027-06-30; the application from 2027-07-01 to
 * 2027-09-30. */
static int64_t decided(struct harness *h, const char *fine, const char *now)
{
    struct cf_end end = {.on = "2026-12-18",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = fine};
    int64_t id = cf_notified(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                             &end, "2026-12-21");
    struct wf_args a = {.date = "2026-12-28", .note = "当事人未提出陈述、申辩意见"};
    wf_arg_set(&a, "types", "warning,fine");
    wf_arg_set(&a, "fine", fine);
    h_must(h, &case_workflow, "leader", id, "decide", &a);
    h_set_now(h, now);
    cf_serve(h, id, "penalty_decision", "2026-12-30"); /* received that day: execution opens */
    return id;
}

static int remind(struct harness *h, int64_t id, const char *day, const char *served, struct err *e)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "served_on", served);
    wf_arg_set(&a, "method", "direct");
    wf_arg_set(&a, "recipient", "王某");
    return h_step(h, &case_workflow, "officer", id, "remind", &a, e);
}

static int apply(struct harness *h, int64_t id, const char *user, const char *day, struct err *e)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "court", "常州市武进区人民法院");
    return h_step(h, &case_workflow, user, id, "apply_court", &a, e);
}

static int outcome(struct harness *h, int64_t id, const char *what, const char *day,
                   const char *fine, const char *surcharge, struct err *e)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "outcome", what);
    wf_arg_set(&a, "doc_no", "（2027）苏0412行审123号");
    if (fine) wf_arg_set(&a, "fine", fine);
    if (surcharge) wf_arg_set(&a, "surcharge", surcharge);
    return h_step(h, &case_workflow, "officer", id, "court_outcome", &a, e);
}

static const char *col(struct harness *h, int64_t id, const char *column)
{
    char sql[120];
    snprintf(sql, sizeof sql, "SELECT COALESCE(%s, '') FROM penalty_case WHERE id = ?", column);
    return h_text(h, sql, "i", id);
}

static void assert_field(const struct err *e, const char *name, const char *part)
{
    for (int i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0 && strstr(e->fields[i].msg, part)) return;
    fail_msg("no message on %s with「%s」: %s %s", name, part, e->msg,
             e->nfields ? e->fields[0].msg : "");
}

static json_t *enforcement(struct harness *h, int64_t id)
{
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    json_t *cas = case_get(&c, id, &e);
    if (!cas) fail_msg("case_get: %s", e.msg);
    json_t *x = json_incref(json_object_get(cas, "enforcement"));
    json_decref(cas);
    return x;
}

static const char *jstr(json_t *o, const char *path0, int i, const char *key)
{
    return json_string_value(json_object_get(json_array_get(json_object_get(o, path0), i), key));
}

/* [R-CASE-104] [R-CASE-105] 2,000 元 due by 2027-01-14: no 催告 on the 14th (nothing overdue);
 * on 01-20 the 催告书 states the fine and the 加处罚款 of the 15th–20th, 6 × 60 元 = 360 元, in
 * all 2,360 元; served on Thursday 01-21, the party has ten working days, to Thursday 02-04; the
 * 催告书 is issued and the application's period opens, due 2027-09-30. */
static void test_r_case_104_r_case_105_reminder_states_what_is_owed(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2027-01-25T09:00:00+08:00");
    struct err e = {0};
    assert_int_not_equal(remind(h, id, "2027-01-14", "2027-01-14", &e), 0);
    assert_field(&e, "date", "没有逾期未履行");
    err_clear(&e);
    assert_int_not_equal(remind(h, id, "2027-01-20", "2027-01-19", &e), 0);
    assert_field(&e, "served_on", "不能早于催告书日期");
    err_clear(&e);
    assert_int_equal(remind(h, id, "2027-01-20", "2027-01-21", &e) == 0 ? 0 : -1, 0);
    json_t *x = enforcement(h, id);
    assert_string_equal(jstr(x, "reminders", 0, "fine"), "2,000.00");
    assert_string_equal(jstr(x, "reminders", 0, "surcharge"), "360.00");
    assert_string_equal(jstr(x, "reminders", 0, "total"), "2,360.00");
    assert_string_equal(jstr(x, "reminders", 0, "total_capital"), "人民币贰仟叁佰陆拾元整");
    assert_string_equal(jstr(x, "reminders", 0, "perform_by"), "2027-02-04");
    json_t *w = json_object_get(x, "window");
    assert_string_equal(json_string_value(json_object_get(w, "opens_on")), "2027-07-01");
    assert_string_equal(json_string_value(json_object_get(w, "apply_by")), "2027-09-30");
    json_decref(x);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'case' AND object_id = ?"
                         " AND type = 'enforcement_reminder'",
                         "i", id));
    assert_string_equal(h_text(h,
                               "SELECT due_on FROM wf_deadline WHERE kind = 'case' AND"
                               " object_id = ? AND name = 'enforce' AND ended_on IS NULL",
                               "i", id),
                        "2027-09-30");
    assert_int_equal(remind(h, id, "2027-01-22", "2027-01-22", &e) == 0 ? 0 : -1, 0);
    assert_int_equal(atoi(h_text(h,
                                 "SELECT COUNT(*) FROM wf_deadline WHERE kind = 'case' AND"
                                 " object_id = ? AND name = 'enforce' AND ended_on IS NULL",
                                 "i", id)),
                     1);
}

/* [R-CASE-106] 第五十四条: no application without a 催告; none until the 催告书's ten working days
 * have passed (served 2027-06-24, to 07-08), even with the periods ended. */
static void test_r_case_106_apply_ten_days_after_the_reminder(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2027-07-12T09:00:00+08:00");
    struct err e = {0};
    assert_int_equal(apply(h, id, "leader", "2027-07-05", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "应当催告"));
    err_clear(&e);
    if (remind(h, id, "2027-06-24", "2027-06-24", &e)) fail_msg("remind: %s", e.msg);
    assert_int_not_equal(apply(h, id, "leader", "2027-07-08", &e), 0);
    assert_field(&e, "date", "第五十四条");
    err_clear(&e);
    assert_int_equal(apply(h, id, "officer", "2027-07-09", &e), ERR_FORBIDDEN);
    err_clear(&e);
    if (apply(h, id, "leader", "2027-07-09", &e)) fail_msg("apply: %s", e.msg);
}

static int64_t remedy(struct harness *h, int64_t id, const char *kind, const char *known,
                      const char *filed)
{
    struct remedy_input in = {.kind = kind,
                              .known_on = known,
                              .filed_on = filed,
                              .received_on = filed,
                              .body = strcmp(kind, "litigation") == 0 ? "常州市武进区人民法院"
                                                                      : "常州市武进区人民政府",
                              .applicant = "常州市武进区康宁诊所",
                              .claims = "撤销行政处罚决定"};
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    struct err e = {0};
    int64_t r;
    if (remedy_add(&c, id, &in, &r, &e))
        fail_msg("remedy_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return r;
}

static void ended(struct harness *h, int64_t r, const char *day, const char *what,
                  const char *instrument)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "outcome", what);
    wf_arg_set(&a, "instrument", instrument);
    wf_arg_set(&a, "instrument_no", "〔2027〕1号");
    h_must(h, &remedy_workflow, "legal", r, "decide_outcome", &a);
}

/* [R-CASE-107] 第五十三条: not while the party may still sue (to 2027-06-30); not while a
 * 复议 is pending; after a 复议 upheld on 03-10 and a suit dismissed by judgment on 07-01, not
 * until the 15 days to appeal have run out (07-16): from 07-17. */
static void test_r_case_107_periods_lapsed_and_nothing_pending(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2027-02-10T09:00:00+08:00");
    struct err e = {0};
    if (remind(h, id, "2027-01-20", "2027-01-21", &e)) fail_msg("remind: %s", e.msg);
    int64_t rec = remedy(h, id, "reconsideration", "2026-12-30", "2027-02-01");
    h_set_now(h, "2027-07-20T09:00:00+08:00");
    assert_int_equal(apply(h, id, "leader", "2027-07-05", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "尚未审结"));
    h_set_now(h, "2027-03-10T09:00:00+08:00");
    ended(h, rec, "2027-03-10", "upheld", "decision");
    h_set_now(h, "2027-03-25T09:00:00+08:00");
    int64_t suit = remedy(h, id, "litigation", "2027-03-10", "2027-03-20");
    h_set_now(h, "2027-07-01T09:00:00+08:00");
    ended(h, suit, "2027-07-01", "dismissed", "judgment");
    h_set_now(h, "2027-07-20T09:00:00+08:00");
    err_clear(&e);
    assert_int_not_equal(apply(h, id, "leader", "2027-07-16", &e), 0);
    assert_field(&e, "date", "2027-07-16 届满，2027-07-17 起");
    err_clear(&e);
    if (apply(h, id, "leader", "2027-07-17", &e)) fail_msg("apply: %s", e.msg);
    json_t *x = enforcement(h, id);
    assert_false(json_is_true(
        json_object_get(json_array_get(json_object_get(x, "applications"), 0), "late")));
    assert_string_equal(jstr(x, "applications", 0, "apply_by"), "2027-10-18");
    json_decref(x);
}

/* [R-CASE-108] [R-CASE-109] 第五十三条、第五十五条: applied on 2027-10-08, after the last day
 * 09-30: recorded, flagged late and the deadline ended late; the amounts are those owed that
 * day — the fine and the 加处罚款 capped at the fine, 4,000 元 — and the 申请书 is issued. */
static void test_r_case_108_r_case_109_late_application_flagged(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2027-10-15T09:00:00+08:00");
    struct err e = {0};
    if (remind(h, id, "2027-01-20", "2027-01-21", &e)) fail_msg("remind: %s", e.msg);
    json_t *x = enforcement(h, id);
    assert_true(json_is_true(json_object_get(json_object_get(x, "window"), "overdue")));
    json_decref(x);
    if (apply(h, id, "leader", "2027-10-08", &e)) fail_msg("apply: %s", e.msg);
    x = enforcement(h, id);
    json_t *p = json_array_get(json_object_get(x, "applications"), 0);
    assert_true(json_is_true(json_object_get(p, "late")));
    assert_string_equal(jstr(x, "applications", 0, "surcharge"), "2,000.00");
    assert_string_equal(jstr(x, "applications", 0, "total"), "4,000.00");
    assert_string_equal(jstr(x, "applications", 0, "status"), "applied");
    json_decref(x);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'enforce' AND ended_on = '2027-10-08' AND due_on ="
                         " '2027-09-30'",
                         "i", id));
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'case' AND object_id = ?"
                         " AND type = 'enforcement_application'",
                         "i", id));
    /* a second application while the first is before the court */
    err_clear(&e);
    assert_int_equal(apply(h, id, "leader", "2027-10-09", &e), ERR_INVALID);
}

/* [R-CASE-110] The court's outcome in order; the amounts it recovered at most what is owed,
 * kept as payments (how = court); 执行完毕 only with everything recovered, and the case is then
 * executed. */
static void test_r_case_110_court_outcome_executes_the_case(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2027-08-20T09:00:00+08:00");
    struct err e = {0};
    if (remind(h, id, "2027-01-20", "2027-01-21", &e)) fail_msg("remind: %s", e.msg);
    assert_int_not_equal(outcome(h, id, "granted", "2027-07-20", NULL, NULL, &e), 0);
    err_clear(&e);
    if (apply(h, id, "leader", "2027-07-12", &e)) fail_msg("apply: %s", e.msg);
    assert_int_not_equal(outcome(h, id, "completed", "2027-07-20", "2000", "2000", &e), 0);
    assert_field(&e, "outcome", "不能登记");
    err_clear(&e);
    assert_int_not_equal(outcome(h, id, "refused", "2027-07-20", NULL, NULL, &e), 0);
    assert_field(&e, "reason", "不予执行");
    err_clear(&e);
    if (outcome(h, id, "granted", "2027-07-20", NULL, NULL, &e)) fail_msg("%s", e.msg);
    assert_int_not_equal(outcome(h, id, "completed", "2027-08-10", "2000", NULL, &e), 0);
    assert_field(&e, "fine", "加处罚款 2,000.00");
    err_clear(&e);
    assert_int_not_equal(outcome(h, id, "completed", "2027-08-10", "2000.01", "2000", &e), 0);
    assert_field(&e, "fine", "罚款尚欠 2,000.00");
    assert_string_equal(col(h, id, "executed_on"), "");
    err_clear(&e);
    if (outcome(h, id, "completed", "2027-08-10", "2000", "2000", &e)) fail_msg("%s", e.msg);
    assert_string_equal(col(h, id, "executed_on"), "2027-08-10");
    assert_int_equal(atoi(h_text(h,
                                 "SELECT COUNT(*) FROM case_payment WHERE case_id = ? AND"
                                 " how = 'court'",
                                 "i", id)),
                     2);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    bool settled;
    const char *open;
    if (case_enforcement_settled(&c, id, &settled, &open, &e)) fail_msg("%s", e.msg);
    assert_true(settled);
    /* enforced by the court, the file lacks nothing and closes */
    cf_close(h, id, "2027-08-11");
}

static int goods(struct harness *h, int64_t id, const char *name, const char *quantity,
                 struct err *e)
{
    struct wf_args a = {.date = "2027-01-05"};
    wf_arg_set(&a, "name", name);
    wf_arg_set(&a, "quantity", quantity);
    wf_arg_set(&a, "unit", "支");
    wf_arg_set(&a, "value", "100");
    return h_step(h, &case_workflow, "officer", id, "add_goods", &a, e);
}

/* [R-CASE-111] [R-CASE-112] [R-CASE-113] 第七十四条: goods only on a decision that confiscates;
 * with the fine paid the case is not executed while an item waits; an auction without the
 * treasury's receipt, or one person present, is refused; destroyed before two officers, the case
 * is executed that day and settled. */
static void test_r_case_111_r_case_112_r_case_113_goods_disposed_before_executed(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2027-01-20T09:00:00+08:00");
    struct err e = {0};
    assert_int_equal(goods(h, id, "一次性注射器", "20", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "没有没收"));
    /* as if the decision had confiscated the goods besides the fine */
    assert_true(db_exec(h->db, &e,
                        "UPDATE penalty_case SET decision_types = 'warning,fine,confiscation'"
                        " WHERE id = ?",
                        "i", id) >= 0);
    err_clear(&e);
    assert_int_not_equal(goods(h, id, "一次性注射器", "0", &e), 0);
    assert_field(&e, "quantity", "大于零");
    err_clear(&e);
    if (goods(h, id, "一次性注射器", "20", &e))
        fail_msg("goods: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    struct wf_args p = {.date = "2027-01-10"};
    wf_arg_set(&p, "kind", "fine");
    wf_arg_set(&p, "amount", "2000");
    wf_arg_set(&p, "how", "bank");
    h_must(h, &case_workflow, "officer", id, "pay", &p);
    assert_string_equal(col(h, id, "executed_on"), "");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    bool settled;
    const char *open;
    if (case_enforcement_settled(&c, id, &settled, &open, &e)) fail_msg("%s", e.msg);
    assert_false(settled);
    assert_non_null(strstr(open, "1 项未处置"));
    const char *item = h_text(h, "SELECT id FROM case_goods WHERE case_id = ?", "i", id);
    struct wf_args d = {.date = "2027-01-15"};
    wf_arg_set(&d, "goods", item);
    wf_arg_set(&d, "how", "auction");
    wf_arg_set(&d, "proceeds", "80");
    wf_arg_set(&d, "present", "张三");
    wf_arg_set(&d, "record_no", "武卫处〔2027〕1号");
    err_clear(&e);
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "dispose_goods", &d, &e), 0);
    assert_field(&e, "treasury_receipt", "第七十四条");
    assert_field(&e, "present", "两名以上");
    wf_arg_set(&d, "how", "destroy");
    wf_arg_set(&d, "present", "张三、李四");
    h_must(h, &case_workflow, "officer", id, "dispose_goods", &d);
    assert_string_equal(col(h, id, "executed_on"), "2027-01-15");
    err_clear(&e);
    if (case_enforcement_settled(&c, id, &settled, &open, &e)) fail_msg("%s", e.msg);
    assert_true(settled);
    assert_string_equal(open, "");
}

/* [R-CASE-113] Unpaid and not enforced: what is owed is listed. */
static void test_r_case_113_owed_listed(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2027-01-20T09:00:00+08:00");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    bool settled;
    const char *open;
    if (case_enforcement_settled(&c, id, &settled, &open, &e)) fail_msg("%s", e.msg);
    assert_false(settled);
    assert_non_null(strstr(open, "尚欠罚款 2,000.00 元、加处罚款 360.00 元（"));
    assert_null(strstr(open, "没收款项")); /* nothing confiscated: not named */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_104_r_case_105_reminder_states_what_is_owed),
        T(test_r_case_106_apply_ten_days_after_the_reminder),
        T(test_r_case_107_periods_lapsed_and_nothing_pending),
        T(test_r_case_108_r_case_109_late_application_flagged),
        T(test_r_case_110_court_outcome_executes_the_case),
        T(test_r_case_111_r_case_112_r_case_113_goods_disposed_before_executed),
        T(test_r_case_113_owed_listed),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
