/* test_disclosure.c — information disclosure requests (依申请公开) under 政府信息公开条例:
 * registration, the 20 working days over National Day, 补正 restarting the clock, the extension's
 * limits, a consultation's days not counted, every kind of answer with its document, refusals
 * citing their article, the sealed applicant and who sees it, scope, and the figures. */
#include "support.h"
#include "law/auth.h"
#include "law/disclosure.h"
#include "law/role.h"

#include <stdlib.h>
#include <string.h>

static struct disclosure_input sample(const char *received)
{
    return (struct disclosure_input){.channel = "post",
                                     .received_on = received,
                                     .content = "2025年度本区公共场所卫生监督抽检结果",
                                     .purpose = "研究",
                                     .name = "钱七",
                                     .id_number = "320402199001011234",
                                     .phone = "13900003333",
                                     .address = "湖塘镇人民路8号"};
}

static int64_t intake(struct harness *h, struct disclosure_input in)
{
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    if (disclosure_add(&c, &in, &id, &e)) fail_msg("disclosure_add: %s", e.msg);
    return id;
}

/* The last day of the open 答复期限. */
static const char *due_of(struct harness *h, int64_t id)
{
    return h_text(h,
                  "SELECT due_on FROM wf_deadline WHERE kind = 'disclosure' AND object_id = ?"
                  " AND name = 'answer' AND ended_on IS NULL",
                  "i", id);
}

/* 20 working days from 2026-09-28: 9/29, 9/30, (10/1–10/7 off), 10/8, 10/9, 10/10 (调休 Saturday),
 * 10/12–16, 10/19–23, 10/26–30: the 20th is 10-30. */
static void test_r_dis_01_twenty_working_days_over_national_day(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-09-28"));
    assert_string_equal(due_of(h, id), "2026-10-30");
    assert_string_equal(h_text(h, "SELECT number FROM disclosure_request WHERE id = ?", "i", id),
                        "依申〔2026〕1号");
    assert_string_equal(h_text(h, "SELECT state FROM disclosure_request WHERE id = ?", "i", id),
                        "registered");
}

/* 补正 once, within 7 working days (9/28 → 10/13); the period runs again from the correction. */
static void test_r_dis_02_correction_once_and_the_clock_restarts(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-09-28"));
    struct err e = {0};
    struct wf_args late = {.date = "2026-10-14", .note = "请明确所需信息的年度和区域"};
    assert_int_equal(
        h_step(h, &disclosure_workflow, "officer", id, "request_correction", &late, &e),
        ERR_INVALID);
    assert_non_null(strstr(e.msg, "第三十条"));
    assert_non_null(strstr(e.msg, "2026-10-13"));
    struct wf_args ask = {.date = "2026-10-13", .note = "请明确所需信息的年度和区域"};
    h_must(h, &disclosure_workflow, "officer", id, "request_correction", &ask);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'disclosure'"
                         " AND type = 'disclosure_correction'",
                         ""));
    struct wf_args fixed = {.date = "2026-11-02"};
    h_must(h, &disclosure_workflow, "clerk", id, "correct", &fixed);
    /* 20 working days after 11-02 */
    assert_string_equal(due_of(h, id), "2026-11-30");
    /* the first period was not met: it is counted again (neither on time nor late) */
    assert_string_equal(h_text(h,
                               "SELECT outcome FROM wf_deadline WHERE kind = 'disclosure'"
                               " AND object_id = ? AND ended_on IS NOT NULL",
                               "i", id),
                        "restart");
    struct err e2 = {0};
    struct wf_args again = {.date = "2026-11-03", .note = "再次补正"};
    assert_int_equal(
        h_step(h, &disclosure_workflow, "officer", id, "request_correction", &again, &e2),
        ERR_INVALID);
    assert_non_null(strstr(e2.msg, "第三十条"));
}

/* Once, at most 20 working days, by the head: 9/28 + 40 working days = 11-27. */
static void test_r_dis_03_extension_once_at_most_20_working_days(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-09-28"));
    struct err e = {0};
    struct wf_args a = {.date = "2026-10-20", .note = "需要调取档案"};
    wf_arg_set(&a, "days", "20");
    assert_int_equal(h_step(h, &disclosure_workflow, "officer", id, "extend", &a, &e),
                     ERR_FORBIDDEN);
    struct err e1 = {0};
    struct wf_args many = {.date = "2026-10-20", .note = "需要调取档案"};
    wf_arg_set(&many, "days", "21");
    assert_int_equal(h_step(h, &disclosure_workflow, "leader", id, "extend", &many, &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.fields[0].msg, "第三十三条"));
    h_must(h, &disclosure_workflow, "leader", id, "extend", &a);
    assert_string_equal(due_of(h, id), "2026-11-27");
    assert_string_equal(h_text(h,
                               "SELECT original_due_on FROM wf_deadline WHERE kind = 'disclosure'"
                               " AND object_id = ?",
                               "i", id),
                        "2026-10-30");
    struct err e2 = {0};
    struct wf_args b = {.date = "2026-10-21", .note = "再延"};
    wf_arg_set(&b, "days", "5");
    assert_int_equal(h_step(h, &disclosure_workflow, "leader", id, "extend", &b, &e2), ERR_INVALID);
    assert_non_null(strstr(e2.msg, "第三十三条"));
}

/* A consultation from 11-05 to 11-12 pauses 5 working days (11/6, 9, 10, 11, 12): 11-30 → 12-07.
 */
static void test_r_dis_04_consultation_is_not_counted(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-11-02"));
    assert_string_equal(due_of(h, id), "2026-11-30");
    struct wf_args a = {.date = "2026-11-05"};
    wf_arg_set(&a, "party", "某公共场所经营者");
    h_must(h, &disclosure_workflow, "officer", id, "consult", &a);
    assert_string_equal(h_text(h, "SELECT state FROM disclosure_request WHERE id = ?", "i", id),
                        "consulting");
    struct wf_args b = {.date = "2026-11-12", .note = "不同意公开"};
    h_must(h, &disclosure_workflow, "officer", id, "consulted", &b);
    assert_string_equal(due_of(h, id), "2026-12-07");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_step WHERE kind = 'disclosure' AND action = 'consulted'"
                         " AND reason LIKE '%5 个工作日不计入%'",
                         ""));
    /* an extension afterwards keeps the paused days: 25 + 3 working days from 11-02 */
    struct wf_args x = {.date = "2026-11-20", .note = "需要调取档案"};
    wf_arg_set(&x, "days", "3");
    h_must(h, &disclosure_workflow, "leader", id, "extend", &x);
    assert_string_equal(due_of(h, id), "2026-12-10");
}

/* A third party has 15 working days from 11-05 (11-26); the time not counted ends then at the
 * latest: 11-30 + 15 working days = 12-21. Another body's consultation has no such limit. */
static void test_r_dis_04_third_party_has_fifteen_working_days(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-11-02"));
    struct wf_args a = {.date = "2026-11-05"};
    wf_arg_set(&a, "party", "某公共场所经营者");
    h_must(h, &disclosure_workflow, "officer", id, "consult", &a);
    assert_string_equal(h_text(h,
                               "SELECT due_on FROM wf_deadline WHERE kind = 'disclosure'"
                               " AND object_id = ? AND name = 'third_party'",
                               "i", id),
                        "2026-11-26");
    struct err e = {0};
    struct wf_args late = {.date = "2026-11-30", .note = "未回复"};
    assert_int_equal(h_step(h, &disclosure_workflow, "officer", id, "consulted", &late, &e),
                     ERR_INVALID);
    assert_string_equal(e.fields[0].name, "date");
    assert_non_null(strstr(e.fields[0].msg, "第三十二条"));
    assert_non_null(strstr(e.fields[0].msg, "2026-11-26"));
    struct wf_args end = {.date = "2026-11-26", .note = "第三方逾期未提出意见"};
    h_must(h, &disclosure_workflow, "officer", id, "consulted", &end);
    assert_string_equal(due_of(h, id), "2026-12-21");
    assert_string_equal(h_text(h,
                               "SELECT outcome FROM wf_deadline WHERE kind = 'disclosure'"
                               " AND object_id = ? AND name = 'third_party'",
                               "i", id),
                        "met");
    /* another body: paused until its answer, whenever it comes */
    int64_t other = intake(h, sample("2026-11-02"));
    struct wf_args b = {.date = "2026-11-05"};
    wf_arg_set(&b, "party", "常州市市场监督管理局");
    h_must(h, &disclosure_workflow, "officer", other, "consult_agency", &b);
    struct wf_args back = {.date = "2026-12-01", .note = "同意公开"};
    h_must(h, &disclosure_workflow, "officer", other, "consulted", &back);
    assert_false(h_exists(h->db,
                          "SELECT 1 FROM wf_deadline WHERE kind = 'disclosure' AND object_id = ?"
                          " AND name = 'third_party'",
                          "i", other));
}

/* Every kind of answer closes the request with its document; 不予公开 and 不予处理 name their
 * ground; 非本机关负责 names the body. */
static void test_r_dis_05_every_answer_with_its_document(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    static const struct {
        const char *type, *reason, *body, *doc;
    } cases[] = {
        {"published", NULL, NULL, "disclosure_answer"},
        {"disclose", NULL, NULL, "disclosure_answer"},
        {"partial", "third_party", NULL, "disclosure_answer"},
        {"withhold", "process", NULL, "disclosure_refusal"},
        {"not_exist", NULL, NULL, "disclosure_answer"},
        {"not_ours", NULL, "常州市市场监督管理局", "disclosure_answer"},
        {"repeat", NULL, NULL, "disclosure_answer"},
        {"not_handled", "petition_like", NULL, "disclosure_answer"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t id = intake(h, sample("2026-11-02"));
        char action[32];
        snprintf(action, sizeof action, "answer_%s", cases[i].type);
        struct wf_args a = {.date = "2026-11-20", .reason = cases[i].reason};
        wf_arg_set(&a, "answer", "经审查，答复如下。");
        if (cases[i].body) wf_arg_set(&a, "body", cases[i].body);
        h_must(h, &disclosure_workflow, "officer", id, action, &a);
        assert_string_equal(
            h_text(h, "SELECT answer_type FROM disclosure_request WHERE id = ?", "i", id),
            cases[i].type);
        assert_string_equal(h_text(h, "SELECT state FROM disclosure_request WHERE id = ?", "i", id),
                            "answered");
        assert_string_equal(h_text(h,
                                   "SELECT type FROM document WHERE object_type ="
                                   " 'disclosure' AND object_id = ?",
                                   "i", id),
                            cases[i].doc);
        assert_string_equal(h_text(h,
                                   "SELECT outcome FROM wf_deadline WHERE kind = 'disclosure'"
                                   " AND object_id = ?",
                                   "i", id),
                            "met");
        if (cases[i].body)
            assert_string_equal(
                h_text(h, "SELECT body FROM disclosure_request WHERE id = ?", "i", id),
                cases[i].body);
    }
    /* refusals: a withholding without a statutory ground, 不予处理 on a withholding ground */
    int64_t id = intake(h, sample("2026-11-02"));
    struct err e = {0};
    struct wf_args bad = {.date = "2026-11-20", .reason = "petition_like"};
    wf_arg_set(&bad, "answer", "不予公开");
    assert_int_equal(h_step(h, &disclosure_workflow, "officer", id, "answer_withhold", &bad, &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.fields[0].msg, "第三十六条"));
    struct err e2 = {0};
    struct wf_args bad2 = {.date = "2026-11-20", .reason = "process"};
    wf_arg_set(&bad2, "answer", "不予处理");
    assert_int_equal(
        h_step(h, &disclosure_workflow, "officer", id, "answer_not_handled", &bad2, &e2),
        ERR_INVALID);
    assert_non_null(strstr(e2.fields[0].msg, "第三十八条"));
    /* a viewer may not answer */
    struct err e3 = {0};
    struct wf_args ok = {.date = "2026-11-20"};
    wf_arg_set(&ok, "answer", "已主动公开于本机关网站");
    assert_int_equal(h_step(h, &disclosure_workflow, "viewer", id, "answer_published", &ok, &e3),
                     ERR_FORBIDDEN);
}

/* The applicant is sealed: shown to who registered and who answers, not to a viewer nor the
 * city's administrator; never in the audit trail; nothing of it in another county. */
static void test_r_dis_06_applicant_is_sealed_and_shown_to_few(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-11-02"));
    assert_false(h_mentions(h, "disclosure_request", "applicant", "钱七"));
    assert_false(h_mentions(h, "audit_log", "summary", "钱七"));
    struct err e = {0};
    struct actor who;
    struct ctx clerk = h_ctx(h, "clerk", &who);
    json_t *o = disclosure_get(&clerk, id, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "applicant"), "name")),
                        "钱七");
    json_decref(o);
    struct ctx viewer = h_ctx(h, "viewer", &who);
    o = disclosure_get(&viewer, id, &e);
    assert_non_null(o);
    assert_null(json_object_get(o, "applicant"));
    assert_true(json_is_true(json_object_get(o, "applicant_hidden")));
    json_decref(o);
    struct ctx city = h_ctx(h, "city", &who);
    o = disclosure_get(&city, id, &e);
    assert_non_null(o);
    assert_null(json_object_get(o, "applicant"));
    json_decref(o);
    /* a handler of the agency above reaches it, but sees the applicant only once they act on it */
    struct user_input u = {.username = "cityofficer",
                           .display_name = "市级承办人",
                           .password = TEST_PASSWORD,
                           .agency_code = "320400",
                           .roles = 1u << ROLE_OFFICER};
    int64_t uid;
    if (user_add(&h->ctx, &u, &uid, &e)) fail_msg("user_add: %s", e.msg);
    struct ctx above = h_ctx(h, "cityofficer", &who);
    o = disclosure_get(&above, id, &e);
    assert_non_null(o);
    assert_true(json_is_true(json_object_get(o, "applicant_hidden")));
    json_decref(o);
    struct wf_args ask = {.date = "2026-11-03", .note = "请明确所需信息的年度"};
    assert_int_equal(
        wf_take(&above, &disclosure_workflow, id, "request_correction", &ask, NULL, &e), 0);
    o = disclosure_get(&above, id, &e);
    assert_non_null(json_object_get(o, "applicant"));
    json_decref(o);
    struct ctx other = h_ctx(h, "other", &who);
    struct err e2 = {0};
    assert_null(disclosure_get(&other, id, &e2));
    assert_int_equal(e2.code, ERR_NOTFOUND);
    struct err e3 = {0};
    struct wf_args a = {.date = "2026-11-20"};
    wf_arg_set(&a, "answer", "已主动公开");
    struct ctx oc = h_ctx(h, "other", &who);
    assert_int_equal(wf_take(&oc, &disclosure_workflow, id, "answer_published", &a, NULL, &e3),
                     ERR_NOTFOUND);
    struct disclosure_query q = {0};
    json_t *list = disclosure_list(&oc, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 0);
    json_decref(list);
}

/* The figures of a period: by kind of answer and channel, the on-time rate, the late list. */
static void test_r_dis_07_figures_of_a_period(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t a = intake(h, sample("2026-11-02"));
    struct disclosure_input in = sample("2026-11-03");
    in.channel = "online";
    int64_t b = intake(h, in);
    intake(h, sample("2025-11-03")); /* outside the period */
    struct wf_args x = {.date = "2026-11-20"};
    wf_arg_set(&x, "answer", "予以公开");
    h_must(h, &disclosure_workflow, "officer", a, "answer_disclose", &x);
    struct wf_args y = {.date = "2026-12-08"}; /* 11-03 + 20 working days = 12-01: late */
    wf_arg_set(&y, "answer", "信息不存在");
    h_must(h, &disclosure_workflow, "officer", b, "answer_not_exist", &y);
    struct err e = {0};
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = disclosure_stats(&c, "2026-01-01", "2026-12-31", &e);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 2);
    assert_int_equal(json_array_size(json_object_get(o, "by_answer")), 2);
    assert_int_equal(json_array_size(json_object_get(o, "by_channel")), 2);
    json_t *rates = json_object_get(o, "rates");
    assert_int_equal(json_integer_value(json_object_get(rates, "answered")), 2);
    assert_int_equal(json_integer_value(json_object_get(rates, "on_time")), 1);
    assert_string_equal(json_string_value(json_object_get(rates, "on_time_rate")), "50.00%");
    json_decref(o);
    struct disclosure_query q = {.on_time = "late", .from = "2026-01-01", .to = "2026-12-31"};
    json_t *list = disclosure_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    struct disclosure_query q2 = {.answer_type = "disclose"};
    list = disclosure_list(&c, &q2, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    /* another county counts nothing */
    struct ctx other = h_ctx(h, "other", &who);
    o = disclosure_stats(&other, "2026-01-01", "2026-12-31", &e);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 0);
    json_decref(o);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_dis_01_twenty_working_days_over_national_day),
        T(test_r_dis_02_correction_once_and_the_clock_restarts),
        T(test_r_dis_03_extension_once_at_most_20_working_days),
        T(test_r_dis_04_consultation_is_not_counted),
        T(test_r_dis_04_third_party_has_fifteen_working_days),
        T(test_r_dis_05_every_answer_with_its_document),
        T(test_r_dis_06_applicant_is_sealed_and_shown_to_few),
        T(test_r_dis_07_figures_of_a_period),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
