/* test_case_execution.c — carrying out a penalty decision: the fine due 15 days after the party
 * received it (第六十七条), payments of at most what is owed, on-the-spot collection only within
 * 第六十八条 with its receipt (第七十条), deferral and instalments on an application made in time
 * and approved by a head apart from the case (第六十六条), the 加处罚款 owed on a late payment
 * (第七十二条), and the case executed once nothing is owed. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/case_internal.h"
#include "law/case_summary.h"
#include "law/remedy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A case fined fine 元 (with a warning), decided on 2026-12-28 and received by the party on
 * received (NULL: not yet); the clock then on 2027-03-31. */
static int64_t decided(struct harness *h, const char *fine, const char *received)
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
    h_set_now(h, "2027-03-31T09:00:00+08:00");
    if (!received) return id;
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    if (case_execution_open(&c, id, received, &e)) fail_msg("open: %s", e.msg);
    return id;
}

static int pay(struct harness *h, int64_t id, const char *user, const char *kind,
               const char *amount, const char *day, const char *how, struct err *e)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "kind", kind);
    wf_arg_set(&a, "amount", amount);
    wf_arg_set(&a, "how", how);
    wf_arg_set(&a, "receipt_no", "NO.0001");
    return h_step(h, &case_workflow, user, id, "pay", &a, e);
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

/* [R-CASE-91] 第六十七条: nothing is paid before the party received the decision; received on
 * 2026-12-30, the fine is due by 2027-01-14; more than owed, or a day before receipt, is refused;
 * paid in full on time, the case is executed that day with no 加处罚款. */
static void test_r_case_91_paid_within_fifteen_days(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "3000", NULL);
    struct err e = {0};
    assert_int_equal(pay(h, id, "officer", "fine", "3000", "2027-01-05", "bank", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "尚未送达"));
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    err_clear(&e);
    if (case_execution_open(&c, id, "2026-12-30", &e)) fail_msg("open: %s", e.msg);
    assert_string_equal(
        h_text(h, "SELECT last_day FROM case_instalment WHERE case_id = ?", "i", id), "2027-01-14");
    /* once: a second service does not move the period */
    if (case_execution_open(&c, id, "2027-01-04", &e)) fail_msg("open: %s", e.msg);
    assert_string_equal(col(h, id, "decision_received_on"), "2026-12-30");
    err_clear(&e);
    assert_int_not_equal(pay(h, id, "officer", "fine", "3000.01", "2027-01-05", "bank", &e), 0);
    assert_field(&e, "amount", "3,000.00");
    err_clear(&e);
    assert_int_not_equal(pay(h, id, "officer", "fine", "3000", "2026-12-29", "bank", &e), 0);
    assert_field(&e, "date", "不能早于收到决定书的日期");
    err_clear(&e);
    assert_int_equal(pay(h, id, "viewer", "fine", "3000", "2027-01-05", "bank", &e), ERR_FORBIDDEN);
    assert_string_equal(col(h, id, "executed_on"), "");
    err_clear(&e);
    if (pay(h, id, "officer", "fine", "3000", "2027-01-14", "bank", &e))
        fail_msg("pay: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    assert_string_equal(col(h, id, "executed_on"), "2027-01-14");
    json_t *cas = case_get(&c, id, &e);
    json_t *x = json_object_get(cas, "execution");
    assert_string_equal(json_string_value(json_object_get(json_object_get(x, "fine"), "left")),
                        "0.00");
    assert_int_equal(json_integer_value(json_object_get(x, "surcharge_days")), 0);
    json_decref(cas);
}

/* [R-CASE-90] [R-CASE-91] Paid late: 2,000 元 due by 2027-01-14, paid on 01-19 (15th–19th, 5 × 60
 * 元 = 300 元 of 加处罚款): not executed until the 300 元 is paid too; a surcharge beyond what is
 * owed is refused. */
static void test_r_case_90_late_payment_owes_the_surcharge(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2026-12-30");
    struct err e = {0};
    if (pay(h, id, "officer", "fine", "2000", "2027-01-19", "bank", &e)) fail_msg("%s", e.msg);
    assert_string_equal(col(h, id, "executed_on"), "");
    assert_int_not_equal(pay(h, id, "officer", "surcharge", "300.01", "2027-01-20", "bank", &e), 0);
    assert_field(&e, "amount", "300.00");
    err_clear(&e);
    if (pay(h, id, "officer", "surcharge", "300", "2027-01-20", "bank", &e)) fail_msg("%s", e.msg);
    assert_string_equal(col(h, id, "executed_on"), "2027-01-20");
}

/* [R-CASE-90] 第七十三条第三款: 2,000 元 due by 2027-01-14; a 复议 applied for on 01-16 and
 * upheld on 01-20 pauses the 加处罚款; paid on 01-22: the 15th, 21st and 22nd count, 3 × 60 元 =
 * 180 元. */
static void test_r_case_90_paused_while_a_remedy_is_pending(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "2000", "2026-12-30");
    struct remedy_input in = {.kind = "reconsideration",
                              .known_on = "2026-12-30",
                              .filed_on = "2027-01-16",
                              .received_on = "2027-01-17",
                              .body = "常州市武进区人民政府",
                              .applicant = "常州市武进区康宁诊所",
                              .claims = "撤销行政处罚决定"};
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    struct err e = {0};
    int64_t remedy;
    if (remedy_add(&c, id, &in, &remedy, &e))
        fail_msg("remedy_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    struct wf_args a = {.date = "2027-01-20"};
    wf_arg_set(&a, "outcome", "upheld");
    wf_arg_set(&a, "instrument", "decision");
    wf_arg_set(&a, "instrument_no", "武政复决字〔2027〕1号");
    h_must(h, &remedy_workflow, "legal", remedy, "decide_outcome", &a);
    if (pay(h, id, "officer", "fine", "2000", "2027-01-22", "bank", &e)) fail_msg("%s", e.msg);
    assert_int_not_equal(pay(h, id, "officer", "surcharge", "180.01", "2027-01-23", "bank", &e), 0);
    assert_field(&e, "amount", "180.00");
}

/* [R-CASE-92] 第六十八条、第七十条: collected on the spot in a general-procedure case only with the
 * reason it would otherwise be hard to obtain, and always against the receipt's number. */
static void test_r_case_92_on_the_spot_collection(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "3000", "2026-12-30");
    struct wf_args a = {.date = "2027-01-05"};
    wf_arg_set(&a, "kind", "fine");
    wf_arg_set(&a, "amount", "3000");
    wf_arg_set(&a, "how", "spot");
    struct err e = {0};
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "pay", &a, &e), 0);
    assert_field(&e, "receipt_no", "第七十条");
    assert_field(&e, "note", "第六十八条");
    assert_int_equal(
        atoll(h_text(h, "SELECT COUNT(*) FROM case_payment WHERE case_id = ?", "i", id)), 0);
    wf_arg_set(&a, "receipt_no", "财政票据 0012345");
    a.note = "当事人系外地流动摊贩，事后难以执行";
    wf_arg_set(&a, "handed_in_on", "2027-01-04");
    err_clear(&e);
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "pay", &a, &e), 0);
    assert_field(&e, "handed_in_on", "不能早于收缴日期");
    wf_arg_set(&a, "handed_in_on", "2027-01-06");
    h_must(h, &case_workflow, "officer", id, "pay", &a);
    assert_string_equal(col(h, id, "executed_on"), "2027-01-05");
}

static struct wf_args deferral(const char *kind, const char *applied, const char *schedule,
                               const char *day)
{
    struct wf_args a = {.date = day, .note = "当事人经营困难，提供了近三个月的银行流水"};
    wf_arg_set(&a, "kind", kind);
    wf_arg_set(&a, "applied_on", applied);
    wf_arg_set(&a, "schedule", schedule);
    return a;
}

/* [R-CASE-93] 第六十六条: instalments of the 3,000 元 applied for on 01-10 (before 01-14) and
 * approved on 01-12 by the head: refused when the sums differ, when 延期 has two lines, when the
 * application came after the fine fell overdue, or by an officer of the case; approved, the
 * schedule replaces the first, the 决定书 is kept, and a late instalment owes its own 加处罚款. */
static void test_r_case_93_instalments(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h, "3000", "2026-12-30");
    struct err e = {0};
    struct wf_args a =
        deferral("instalments", "2027-01-10", "2027-02-10 1000\n2027-03-10 1500", "2027-01-12");
    assert_int_not_equal(h_step(h, &case_workflow, "leader", id, "defer", &a, &e), 0);
    assert_field(&e, "schedule", "3,000.00");
    err_clear(&e);
    a = deferral("defer", "2027-01-10", "2027-02-10 1500\n2027-03-10 1500", "2027-01-12");
    assert_int_not_equal(h_step(h, &case_workflow, "leader", id, "defer", &a, &e), 0);
    assert_field(&e, "schedule", "延期缴纳只写一期");
    err_clear(&e);
    a = deferral("instalments", "2027-01-16", "2027-02-10 1500\n2027-03-10 1500", "2027-01-17");
    assert_int_not_equal(h_step(h, &case_workflow, "leader", id, "defer", &a, &e), 0);
    assert_field(&e, "applied_on", "缴纳期限届满前申请");
    err_clear(&e);
    a = deferral("instalments", "2027-01-10", "2027-02-10 1500\n2027-03-10 1500", "2027-01-12");
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "defer", &a, &e), ERR_FORBIDDEN);
    h_must(h, &case_workflow, "leader", id, "defer", &a);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'case' AND object_id = ?"
                         " AND type = 'payment_deferral'",
                         "i", id));
    /* the first instalment paid two days late: 2 × 45 元 */
    err_clear(&e);
    if (pay(h, id, "officer", "fine", "1500", "2027-02-12", "bank", &e)) fail_msg("%s", e.msg);
    if (pay(h, id, "officer", "fine", "1500", "2027-03-10", "bank", &e)) fail_msg("%s", e.msg);
    assert_string_equal(col(h, id, "executed_on"), "");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *cas = case_get(&c, id, &e);
    json_t *x = json_object_get(cas, "execution");
    assert_string_equal(json_string_value(json_object_get(json_object_get(x, "surcharge"), "due")),
                        "90.00");
    assert_int_equal(json_array_size(json_object_get(x, "dues")), 2);
    json_decref(cas);
    if (pay(h, id, "officer", "surcharge", "90", "2027-03-11", "bank", &e)) fail_msg("%s", e.msg);
    assert_string_equal(col(h, id, "executed_on"), "2027-03-11");
}

/* [R-CASE-91] A summary decision is handed over on the spot: its fine falls due 15 days after,
 * and a fine of at most 100 元 may be collected on the spot without more (第六十八条第一项). */
static void test_r_case_91_summary_decision_opens_its_execution(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T15:00:00+08:00");
    int64_t o4 = cf_officer(h, 4, "2030-12-31");
    char officers[48];
    snprintf(officers, sizeof officers, "%lld,%lld", (long long)CF.o1, (long long)o4);
    struct case_summary_input in = {.source = "other",
                                    .line = "medical",
                                    .party_name = "张三",
                                    .party_kind = "citizen",
                                    .summary = "未取得健康合格证明从事直接为顾客服务的工作",
                                    .act_on = "2026-12-20",
                                    .item = cf_summary_item(h),
                                    .types = "fine",
                                    .fine = "50",
                                    .place = "湖塘镇府前路1号",
                                    .officers = officers};
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    int64_t id;
    if (case_summary_add(&c, &in, &id, &e))
        fail_msg("summary: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    assert_string_equal(col(h, id, "decision_received_on"), "2026-12-20");
    assert_string_equal(
        h_text(h, "SELECT last_day FROM case_instalment WHERE case_id = ?", "i", id), "2027-01-04");
    struct wf_args a = {.date = "2026-12-20"};
    wf_arg_set(&a, "kind", "fine");
    wf_arg_set(&a, "amount", "50");
    wf_arg_set(&a, "how", "spot");
    wf_arg_set(&a, "receipt_no", "财政票据 0012346");
    h_must(h, &case_workflow, "officer", id, "pay", &a);
    assert_string_equal(col(h, id, "executed_on"), "2026-12-20");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_91_paid_within_fifteen_days),
        T(test_r_case_90_late_payment_owes_the_surcharge),
        T(test_r_case_90_paused_while_a_remedy_is_pending),
        T(test_r_case_92_on_the_spot_collection),
        T(test_r_case_93_instalments),
        T(test_r_case_91_summary_decision_opens_its_execution),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
