/* test_case_closing.c — the closing of a penalty case (结案): every path to closing that exists
 * (paid in full, a warning served, not penalised, instalments paid, revoked on 复议, a lawful
 * ground of 行政强制法 第四十条), the pre-closing check refusing for each missing element with its
 * rule, the closing's day, 抄送 and approval, and the 结案报告 issued and kept. */
#include "support.h"
#include "case_fixture.h"
#include "base/jpack.h"
#include "law/case.h"
#include "law/case_closing.h"
#include "law/referral.h"
#include "law/remedy.h"
#include "law/setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The codes of the pre-closing check of case id, joined by spaces (static buffer). */
static const char *check(struct harness *h, int64_t id, const char *ground)
{
    static char out[1024];
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    json_t *items = case_closing_check(&c, id, ground, &e);
    if (!items) fail_msg("check: %s", e.msg);
    out[0] = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s[%s]", n ? " " : "",
                 json_string_value(json_object_get(it, "code")),
                 json_string_value(json_object_get(it, "rule")));
    }
    json_decref(items);
    return out;
}

static const char *col(struct harness *h, int64_t id, const char *column)
{
    char sql[120];
    snprintf(sql, sizeof sql, "SELECT COALESCE(%s, '') FROM penalty_case WHERE id = ?", column);
    return h_text(h, sql, "i", id);
}

/* Closing refused, the message naming rule. */
static void refused_citing(struct harness *h, int64_t id, const char *rule)
{
    struct err e = {0};
    assert_int_equal(cf_close_as(h, id, "2026-12-19", NULL, NULL, &e), ERR_INVALID);
    if (!strstr(e.msg, rule)) fail_msg("%s not in「%s」", rule, e.msg);
    assert_string_equal(col(h, id, "state"), "decided");
}

static void assert_field(const struct err *e, const char *name, const char *part)
{
    for (int i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0 && strstr(e->fields[i].msg, part)) return;
    fail_msg("no message on %s with「%s」: %s %s", name, part, e->msg,
             e->nfields ? e->fields[0].msg : "");
}

/* A case decided (警告、罚款 3,000 元) on 12-15, served on 12-16 and paid on 12-17. */
static int64_t executed(struct harness *h)
{
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    cf_pay(h, id, "3000", "2026-12-17");
    return id;
}

/* [R-CASE-94] [R-CASE-97] Paid in full: before the payment the check names the execution and
 * closing is refused; paid, it is empty and the head closes the case with its 抄送: the state
 * 已结案, the 结案报告 numbered 结 and kept, the 抄送 recorded. */
static void test_r_case_97_paid_in_full(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    assert_string_equal(check(h, id, NULL), "execution[R-CASE-97]");
    refused_citing(h, id, "R-CASE-97");
    cf_pay(h, id, "3000", "2026-12-17");
    assert_string_equal(check(h, id, NULL), "");
    struct err e = {0};
    if (cf_close_as(h, id, "2026-12-18", NULL,
                    "常州市卫生健康委员会｜2026-12-16｜邮寄\n武进区市场监督管理局|2026-12-17|电子",
                    &e))
        fail_msg("close: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    assert_string_equal(col(h, id, "state"), "closed");
    assert_string_equal(col(h, id, "closed_on"), "2026-12-18");
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM case_copy WHERE case_id = ?", "i", id),
                        "2");
    assert_string_equal(h_text(h,
                               "SELECT d.number FROM document d JOIN document_file f"
                               " ON f.document_id = d.id WHERE d.object_id = ?"
                               " AND d.object_type = 'case' AND d.type = 'closing_report'",
                               "i", id),
                        "结2026-0001");
    /* final: nothing more is taken */
    assert_int_equal(cf_close_as(h, id, "2026-12-19", NULL, NULL, &e), ERR_CONFLICT);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    err_clear(&e);
    json_t *cas = case_get(&c, id, &e);
    if (!cas) fail_msg("case_get: %s", e.msg);
    json_t *closing = json_object_get(cas, "closing");
    assert_string_equal(json_string_value(json_object_get(closing, "closed_on")), "2026-12-18");
    assert_int_equal(json_array_size(json_object_get(closing, "copies")), 2);
    assert_true(json_is_true(json_object_get(cas, "closing_ok")));
    json_decref(cas);
}

/* [R-CASE-97] A warning alone is carried out by its service: unserved, the check names the
 * service (R-CASE-70) and the execution; served, the case closes. */
static void test_r_case_97_warning_served(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning", NULL);
    assert_string_equal(check(h, id, NULL), "service[R-CASE-70] execution[R-CASE-97]");
    refused_citing(h, id, "R-CASE-70");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    assert_string_equal(col(h, id, "executed_on"), "2026-12-16");
    cf_close(h, id, "2026-12-16");
    assert_string_equal(col(h, id, "state"), "closed");
}

/* [R-CASE-97] [R-CASE-98] Not penalised: nothing to carry out once served; a ground of 终结执行
 * is refused beside its field. */
static void test_r_case_97_not_penalised(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct cf_end end = {.on = "2026-12-14", .item = cf_item(h), .level = "一般", .types = "警告"};
    struct err e = {0};
    if (cf_conclude_as(h, id, &end, &e)) fail_msg("conclude: %s", e.msg);
    struct wf_args a = {.date = "2026-12-15", .note = "当事人已当场改正"};
    wf_arg_set(&a, "ground", "first");
    wf_arg_set(&a, "conditions", "first_time,minor_harm,corrected");
    wf_arg_set(&a, "education", "向当事人宣讲《医疗机构管理条例》有关规定");
    h_must(h, &case_workflow, "leader", id, "decide_none", &a);
    assert_string_equal(check(h, id, NULL), "service[R-CASE-70]");
    cf_serve(h, id, "no_penalty_decision", "2026-12-16");
    assert_int_equal(cf_close_as(h, id, "2026-12-17", "terminated", NULL, &e), ERR_INVALID);
    assert_field(&e, "ground", "没有需要执行");
    cf_close(h, id, "2026-12-17");
    assert_string_equal(col(h, id, "state"), "closed");
}

/* [R-CASE-97] Instalments approved and each paid: executed on the last, then closed. */
static void test_r_case_97_instalments_paid(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    struct wf_args d = {.date = "2026-12-17", .note = "当事人经营困难，申请分期缴纳"};
    wf_arg_set(&d, "kind", "instalments");
    wf_arg_set(&d, "applied_on", "2026-12-17");
    wf_arg_set(&d, "schedule", "2026-12-18 1000\n2026-12-19 2000");
    h_must(h, &case_workflow, "leader", id, "defer", &d);
    cf_pay(h, id, "1000", "2026-12-18");
    assert_string_equal(check(h, id, NULL), "execution[R-CASE-97]");
    cf_pay(h, id, "2000", "2026-12-19");
    assert_string_equal(col(h, id, "executed_on"), "2026-12-19");
    cf_close(h, id, "2026-12-20");
    assert_string_equal(col(h, id, "state"), "closed");
}

/* [R-CASE-102] A 复议 pending keeps the case open; [R-CASE-98] the decision revoked on 复议 is a
 * lawful ground only once the outcome is recorded. */
static void test_r_case_102_revoked_on_reconsideration(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    struct remedy_input in = {.kind = "reconsideration",
                              .known_on = "2026-12-16",
                              .filed_on = "2026-12-17",
                              .received_on = "2026-12-17",
                              .body = "常州市武进区人民政府",
                              .applicant = "康宁诊所",
                              .claims = "撤销行政处罚决定"};
    struct actor who;
    struct ctx c = h_ctx(h, "legal", &who);
    struct err e = {0};
    int64_t rem;
    if (remedy_add(&c, id, &in, &rem, &e)) fail_msg("remedy_add: %s", e.msg);
    assert_string_equal(check(h, id, "revoked"),
                        "ground_revoked[R-CASE-98] remedy_pending[R-CASE-102]");
    assert_int_equal(cf_close_as(h, id, "2026-12-19", "revoked", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "R-CASE-102"));
    struct wf_args a = {.date = "2026-12-19"};
    wf_arg_set(&a, "outcome", "revoked");
    wf_arg_set(&a, "instrument", "decision");
    wf_arg_set(&a, "instrument_no", "武政复决〔2026〕9号");
    h_must(h, &remedy_workflow, "legal", rem, "decide_outcome", &a);
    /* a revoked decision has nothing left to carry out (R-CASE-113); the ground is recorded */
    assert_string_equal(check(h, id, NULL), "");
    assert_string_equal(check(h, id, "revoked"), "");
    err_clear(&e);
    if (cf_close_as(h, id, "2026-12-20", "revoked", NULL, &e)) fail_msg("close: %s", e.msg);
    assert_string_equal(col(h, id, "closing_ground"), "revoked");
}

/* [R-CASE-98] 行政强制法 第四十条: a party ended with nothing to execute on, with the facts; 死亡
 * is not an organisation's; a referral claimed without one sent is refused. */
static void test_r_case_98_lawful_ground(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    assert_string_equal(check(h, id, "referred"), "ground_referred[R-CASE-98]");
    refused_citing(h, id, "R-CASE-97");
    struct err e = {0};
    struct wf_args a = {.date = "2026-12-19", .note = "当事人已注销"};
    wf_arg_set(&a, "ground", "terminated");
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "close", &a, &e), ERR_INVALID);
    assert_field(&e, "ground_note", "第四十条");
    err_clear(&e);
    assert_int_equal(cf_close_as(h, id, "2026-12-19", "deceased", NULL, &e), ERR_INVALID);
    assert_field(&e, "ground", "不是公民");
    err_clear(&e);
    if (cf_close_as(h, id, "2026-12-19", "terminated", NULL, &e)) fail_msg("close: %s", e.msg);
    assert_string_equal(col(h, id, "closing_ground"), "terminated");
}

/* Move the case's documents of type away (to = -id) or back (to = id). */
static void move_docs(struct harness *h, int64_t id, const char *type, int64_t from, int64_t to)
{
    struct err e = {0};
    assert_true(db_exec(h->db, &e,
                        "UPDATE document SET object_id = ? WHERE object_type = 'case'"
                        " AND object_id = ? AND type = ?",
                        "iit", to, from, type) >= 0);
    (void)id;
}

/* [R-CASE-95] [R-CASE-63] [R-CASE-43] Each document of the path missing from the file refuses
 * the closing, naming its rule. */
static void test_r_case_95_each_document_of_the_path(void **state)
{
    struct harness *h = *state;
    int64_t id = executed(h);
    static const struct {
        const char *type, *rule;
    } docs[] = {{"filing_report", "R-CASE-95"},
                {"deliberation_record", "R-CASE-63"},
                {"investigation_report", "R-CASE-95"},
                {"prior_notice", "R-CASE-43"},
                {"penalty_decision", "R-CASE-95"}};
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        move_docs(h, id, docs[i].type, id, -id);
        char want[80];
        snprintf(want, sizeof want, "doc_%s[%s]", docs[i].type, docs[i].rule);
        assert_string_equal(check(h, id, NULL), want);
        refused_citing(h, id, docs[i].rule);
        move_docs(h, id, docs[i].type, -id, id);
    }
    cf_close(h, id, "2026-12-19");
}

/* [R-CASE-96] A document registered but never issued and kept (no file) is made good first. */
static void test_r_case_96_document_registered_not_kept(void **state)
{
    struct harness *h = *state;
    int64_t id = executed(h);
    move_docs(h, id, "investigation_report", id, -id);
    struct err e = {0};
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO document (agency_id, type, line, number, year, seq, date,"
                        " object_type, object_id, created_at) SELECT agency_id,"
                        " 'investigation_report', line, '终2026-9999', 2026, 9999, '2026-12-14',"
                        " 'case', id, 0 FROM penalty_case WHERE id = ?",
                        "i", id) >= 0);
    assert_string_equal(check(h, id, NULL), "kept_investigation_report[R-CASE-96]");
    refused_citing(h, id, "R-CASE-96");
}

/* Set column of case id to value (SQL text) for a file made incomplete elsewhere. */
static void set(struct harness *h, int64_t id, const char *assignment)
{
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE penalty_case SET %s WHERE id = ?", assignment);
    struct err e = {0};
    assert_true(db_exec(h->db, &e, sql, "i", id) >= 0);
}

/* [R-CASE-94] Each element the path requires, wanting, refuses the closing with its rule: the
 * review (R-CASE-40), the collective discussion (R-CASE-41), the 听证笔录 (R-CASE-35), the
 * windows (R-CASE-43), the service (R-CASE-70), the execution (R-CASE-97). */
static void test_r_case_94_each_missing_element(void **state)
{
    struct harness *h = *state;
    int64_t id = executed(h);
    static const struct {
        const char *broken, *fixed, *want;
    } cases[] = {
        {"review_required = 1", "review_required = 0", "review[R-CASE-40]"},
        {"major = 1", "major = 0", "doc_collective_discussion[R-CASE-41]"},
        {"heard_on = '2026-12-15'", "heard_on = NULL", "doc_hearing_record[R-CASE-35]"},
        {"waived_on = NULL", "waived_on = '2026-12-14'", "window_statement[R-CASE-43]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        set(h, id, cases[i].broken);
        assert_string_equal(check(h, id, NULL), cases[i].want);
        char rule[16];
        snprintf(rule, sizeof rule, "%.10s", strchr(cases[i].want, '[') + 1);
        *strchr(rule, ']') = 0;
        refused_citing(h, id, rule);
        set(h, id, cases[i].fixed);
    }
    struct err e = {0};
    assert_true(db_exec(h->db, &e,
                        "UPDATE case_service SET document_type = 'prior_notice' WHERE case_id = ?",
                        "i", id) >= 0);
    assert_string_equal(check(h, id, NULL), "service[R-CASE-70]");
    refused_citing(h, id, "R-CASE-70");
}

/* [R-CASE-94] Several wanting at once: the refusal's message names every rule, and the whole
 * list comes with it as details. */
static void test_r_case_94_refusal_lists_every_item(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "3000");
    set(h, id, "major = 1");
    struct wf_args a = {.date = "2026-12-19", .note = "结案"};
    struct err e = {0};
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "close", &a, &e), ERR_INVALID);
    json_t *items = json_object_get(a.details, "closing_check");
    assert_int_equal(json_array_size(items), 3);
    static const char *const rules[] = {"R-CASE-41", "R-CASE-70", "R-CASE-97"};
    for (size_t i = 0; i < 3; i++) {
        assert_non_null(strstr(e.msg, rules[i]));
        assert_string_equal(json_string_value(json_object_get(json_array_get(items, i), "rule")),
                            rules[i]);
    }
    assert_non_null(strstr(e.msg, "3项"));
    json_decref(a.details);
}

/* [R-CASE-99] The day: not before the decision, its execution or service, not after today. */
static void test_r_case_99_closing_day(void **state)
{
    struct harness *h = *state;
    int64_t id = executed(h);
    struct err e = {0};
    assert_int_equal(cf_close_as(h, id, "2026-12-16", NULL, NULL, &e), ERR_INVALID);
    assert_field(&e, "date", "执行完毕");
    err_clear(&e);
    assert_int_equal(cf_close_as(h, id, "2027-01-01", NULL, NULL, &e), ERR_INVALID);
    assert_field(&e, "date", "不能晚于今天");
    cf_close(h, id, "2026-12-17");
}

/* [R-CASE-100] 抄送: body, day and how on each line, the day between decision and closing. */
static void test_r_case_100_copies(void **state)
{
    struct harness *h = *state;
    int64_t id = executed(h);
    struct err e = {0};
    assert_int_equal(cf_close_as(h, id, "2026-12-18", NULL, "卫健委｜2026-12-16", &e), ERR_INVALID);
    assert_field(&e, "copies", "第1行");
    err_clear(&e);
    assert_int_equal(cf_close_as(h, id, "2026-12-18", NULL,
                                 "卫健委｜2026-12-16｜邮寄\n卫健委｜2026-12-19｜邮寄", &e),
                     ERR_INVALID);
    assert_field(&e, "copies", "第2行");
    err_clear(&e);
    char many[2048] = "";
    for (int i = 0; i <= CASE_COPIES_MAX; i++)
        strcat(many, "卫健委｜2026-12-16｜邮寄\n");
    assert_int_equal(cf_close_as(h, id, "2026-12-18", NULL, many, &e), ERR_INVALID);
    assert_field(&e, "copies", "不能超过");
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM case_copy", ""), "0");
}

/* [R-CASE-101] Approved by a head apart from the case; an officer may not. */
static void test_r_case_101_approved_apart(void **state)
{
    struct harness *h = *state;
    int64_t id = executed(h);
    struct wf_args a = {.date = "2026-12-18", .note = "结案"};
    struct err e = {0};
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "close", &a, &e), ERR_FORBIDDEN);
    err_clear(&e);
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'leader'",
                        "i", CF.o2) >= 0);
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "close", &a, &e), ERR_FORBIDDEN);
    assert_non_null(strstr(e.msg, "审批与承办分离"));
    json_decref(a.details);
}

static void referral_step(struct harness *h, const char *user, int64_t id, const char *action,
                          const char *day, const char *note)
{
    struct wf_args a = {.date = day, .note = note};
    wf_arg_set(&a, "receipt", "武进区公安局 刘某签收");
    h_must(h, &referral_workflow, user, id, action, &a);
}

/* [R-CASE-103] A filed case, not decided: closing is not offered and is refused, naming the rule;
 * referred and the police's 立案 recorded, it closes on the ground 已移送司法机关 only. */
static void test_r_case_103_referred_and_filed_by_the_police(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    assert_string_equal(check(h, id, "referred"), "referral_filed[R-CASE-103]");
    struct err e = {0};
    assert_int_equal(cf_close_as(h, id, "2026-12-20", "referred", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "R-CASE-103"));
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct referral_input in = {.crime = "非法行医罪",
                                .facts = "未取得医生执业资格非法行医，造成就诊人身体严重损害",
                                .persons = "王某｜11010519491231002X",
                                .goods = "一次性注射器｜5ml｜20支",
                                .organ = "武进区公安局",
                                .reported_on = "2026-12-14"};
    int64_t ref = 0;
    err_clear(&e);
    if (referral_add(&c, id, &in, &ref, &e)) fail_msg("referral: %s", e.msg);
    referral_step(h, "leader", ref, "approve", "2026-12-15", "同意移送");
    referral_step(h, "officer", ref, "send", "2026-12-15", "调查报告、涉案物品清单");
    referral_step(h, "officer", ref, "receive", "2026-12-16", NULL);
    referral_step(h, "officer", ref, "answer_filed", "2026-12-21", "武公（刑）立字〔2026〕8号");
    assert_string_equal(check(h, id, "referred"), "");
    err_clear(&e);
    assert_int_equal(cf_close_as(h, id, "2026-12-22", "terminated", NULL, &e), ERR_INVALID);
    assert_field(&e, "ground", "已移送司法机关");
    err_clear(&e);
    if (cf_close_as(h, id, "2026-12-22", "referred", NULL, &e))
        fail_msg("close: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    assert_string_equal(col(h, id, "state"), "closed");
    assert_string_equal(col(h, id, "closing_ground"), "referred");
}

/* The message of the first item of the pre-closing check of case id (static buffer). */
static const char *first_message(struct harness *h, int64_t id)
{
    static char out[512];
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    json_t *items = case_closing_check(&c, id, NULL, &e);
    if (!items) fail_msg("check: %s", e.msg);
    snprintf(out, sizeof out, "%s", jget_text(json_array_get(items, 0), "message"));
    json_decref(items);
    return out;
}

/* [R-CASE-114] 第四十七条: each key step done without a recording attached to it is an item
 * naming it, and closing is refused until it has one: the service (its recording moved to the
 * case as a whole), then a 询问笔录 of the evidence; a recording of each lets the case close. An
 * agency without recorders turns the item off with case.recording_required = 0. */
static void test_r_case_114_key_steps_recorded(void **state)
{
    struct harness *h = *state;
    int64_t id = executed(h);
    assert_string_equal(check(h, id, NULL), "");
    struct err e = {0};
    assert_true(db_exec(h->db, &e, "UPDATE recording SET part = '' WHERE object_id = ?", "i", id) >=
                0);
    assert_string_equal(check(h, id, NULL), "recording[R-CASE-114]");
    assert_string_equal(first_message(h, id),
                        "送达（2026-12-16）缺少音像记录（《行政处罚法》第四十七条）");
    refused_citing(h, id, "R-CASE-114");
    const char *serve = h_text(h,
                               "SELECT 'step:' || CAST(id AS TEXT) FROM wf_step WHERE kind ="
                               " 'case' AND object_id = ? AND action = 'serve'",
                               "i", id);
    cf_record(h, id, serve, "2026-12-16");
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO case_evidence (case_id, kind, description, source,"
                        " obtained_on, created_at, inquiry_person) VALUES (?, 'statement',"
                        " '询问笔录一份', '当场询问', '2026-11-10', 0, '王五')",
                        "i", id) >= 0);
    assert_string_equal(check(h, id, NULL), "recording[R-CASE-114]");
    assert_string_equal(first_message(h, id),
                        "第1号证据（询问笔录）缺少音像记录（《行政处罚法》第四十七条）");
    struct actor who;
    struct ctx c = h_ctx(h, "province", &who);
    assert_int_equal(setting_set(&c, "case.recording_required", "0", &e), 0);
    assert_string_equal(check(h, id, NULL), "");
    assert_int_equal(setting_set(&c, "case.recording_required", "1", &e), 0);
    char part[40];
    snprintf(
        part, sizeof part, "evidence:%s",
        h_text(h, "SELECT CAST(MAX(id) AS TEXT) FROM case_evidence WHERE case_id = ?", "i", id));
    cf_record(h, id, part, "2026-11-10");
    assert_string_equal(check(h, id, NULL), "");
    cf_close(h, id, "2026-12-19");
    assert_string_equal(col(h, id, "state"), "closed");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_97_paid_in_full),
        T(test_r_case_97_warning_served),
        T(test_r_case_97_not_penalised),
        T(test_r_case_97_instalments_paid),
        T(test_r_case_102_revoked_on_reconsideration),
        T(test_r_case_98_lawful_ground),
        T(test_r_case_95_each_document_of_the_path),
        T(test_r_case_96_document_registered_not_kept),
        T(test_r_case_94_each_missing_element),
        T(test_r_case_94_refusal_lists_every_item),
        T(test_r_case_99_closing_day),
        T(test_r_case_100_copies),
        T(test_r_case_101_approved_apart),
        T(test_r_case_103_referred_and_filed_by_the_police),
        T(test_r_case_114_key_steps_recorded),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
