/* test_remedy.c — 行政复议 and 行政诉讼 through the real router: the section and form on a
 * decided case's page for the legal staff, a refused registration with its messages beside the
 * fields, the remedy's page with its steps (the answer and its 答复书, the outcome) and the mark
 * on the case and its list; the API's refusals with field errors; a viewer refused; the figures. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <string.h>

/* A case decided on 2026-12-22 through its steps; the harness then at 2027-07-01. */
static int64_t decided(struct harness *h)
{
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct cf_end end = {.on = "2026-12-20",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = "3000",
                         .why = "情节特殊"};
    struct err e = {0};
    if (cf_conclude_as(h, id, &end, &e)) fail_msg("conclude: %s", e.msg);
    cf_notify(h, id, "2026-12-21");
    struct wf_args w = {.date = "2026-12-21", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    struct wf_args d = {.date = "2026-12-22", .note = "无"};
    wf_arg_set(&d, "types", "warning,fine");
    wf_arg_set(&d, "fine", "2000");
    h_must(h, &case_workflow, "leader", id, "decide", &d);
    h_set_now(h, "2027-07-01T10:00:00+08:00");
    return id;
}

static void test_r_case_80_remedy_on_the_case_page(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    struct client legal, viewer;
    h_login(h, &legal, "legal");
    h_login(h, &viewer, "viewer");
    char page[64], post[64];
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/remedies", (long long)id);
    struct hresp r;
    h_request(h, &legal, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<h2>行政复议、行政诉讼</h2>");
    ASSERT_HAS(r, "暂无行政复议、行政诉讼");
    ASSERT_HAS(r, "登记行政复议、行政诉讼");
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_LACKS(r, "登记行政复议、行政诉讼");
    hresp_free(&r);
    /* late and without the body: refused beside the fields, what was typed kept */
    FORM(h, &legal, post, &r, "kind", "reconsideration", "known_on", "2027-03-15", "filed_on",
         "2027-05-15", "received_on", "2027-05-17", "body", "", "applicant", "康宁诊所", "claims",
         "撤销处罚决定");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "body", "复议机关");
    h_assert_error_count(&r);
    ASSERT_HAS(r, "撤销处罚决定</textarea>");
    hresp_free(&r);
    FORM(h, &legal, post, &r, "kind", "reconsideration", "known_on", "2027-03-15", "filed_on",
         "2027-05-15", "received_on", "2027-05-17", "body", "武进区人民政府", "applicant",
         "康宁诊所");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "filed_on", "第二十条");
    hresp_free(&r);
    FORM(h, &legal, post, &r, "kind", "reconsideration", "filed_on", "2027-01-05", "received_on",
         "2027-01-08", "body", "武进区人民政府", "applicant", "康宁诊所");
    ASSERT_STATUS(r, 303);
    int64_t rid = h_id_from_location(&r, "/remedies/");
    hresp_free(&r);
    char show[64], step[80];
    snprintf(show, sizeof show, "/remedies/%lld", (long long)rid);
    h_request(h, &legal, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "待答复");
    ASSERT_HAS(r, "2027-01-22"); /* 10 working days from 01-08 */
    ASSERT_HAS(r, "提交答复（答辩）");
    hresp_free(&r);
    snprintf(step, sizeof step, "/remedies/%lld/answer", (long long)rid);
    FORM(h, &legal, step, &r, "date", "2027-01-20", "who", "王法制", "summary", "事实清楚", "basis",
         "《医疗机构管理条例》第四十四条", "evidence", "现场笔录\n询问笔录");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &viewer, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "行政复议答复书、行政诉讼答辩状 武卫医复诉答〔");
    ASSERT_LACKS(r, step);
    hresp_free(&r);
    snprintf(step, sizeof step, "/remedies/%lld/decide_outcome", (long long)rid);
    FORM(h, &viewer, step, &r, "date", "2027-03-01", "outcome", "revoked", "instrument", "decision",
         "instrument_no", "武政复〔2027〕3号");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    FORM(h, &legal, step, &r, "date", "2027-03-01", "outcome", "revoked", "instrument", "decision",
         "instrument_no", "武政复〔2027〕3号");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "处罚决定已撤销");
    ASSERT_HAS(r, "武政复〔2027〕3号");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/cases", NULL, &r);
    ASSERT_HAS(r, "决定已撤销");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/remedies/figures?from=2027-01-01&to=2027-06-30", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "100.00%");
    ASSERT_HAS(r, "/remedies?kind=reconsideration&amp;outcome=corrected");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/remedies?kind=reconsideration&outcome=corrected", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, show);
    hresp_free(&r);
}

static void test_r_case_83_remedy_api(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    struct client legal, viewer, other;
    h_login(h, &legal, "legal");
    h_login(h, &viewer, "viewer");
    h_login(h, &other, "other");
    char url[80], step[96];
    snprintf(url, sizeof url, "/api/v1/cases/%lld/remedies", (long long)id);
    struct hresp r;
    h_send_json(h, &viewer, "POST", url,
                json_pack("{ss ss ss ss ss}", "kind", "litigation", "filed_on", "2027-01-05",
                          "received_on", "2027-01-08", "body", "武进区人民法院", "applicant",
                          "康宁诊所"),
                &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_send_json(h, &legal, "POST", url,
                json_pack("{ss ss ss}", "kind", "litigation", "filed_on", "2027-06-30",
                          "received_on", "2027-06-30"),
                &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "body"));
    assert_non_null(strstr(h_field_msg(&r, "filed_on") ? h_field_msg(&r, "filed_on") : "", ""));
    hresp_free(&r);
    h_send_json(h, &legal, "POST", url,
                json_pack("{ss ss ss ss ss}", "kind", "litigation", "filed_on", "2027-01-05",
                          "received_on", "2027-01-08", "body", "武进区人民法院", "applicant",
                          "康宁诊所"),
                &r);
    ASSERT_STATUS(r, 201);
    int64_t rid = json_integer_value(json_object_get(r.json, "id"));
    assert_string_equal(json_string_value(json_object_get(r.json, "answer_due")), "2027-01-25");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &viewer, url), 1);
    snprintf(step, sizeof step, "/api/v1/remedies/%lld/appear", (long long)rid);
    h_send_json(h, &legal, "POST", step,
                json_pack("{ss ss ss}", "date", "2027-03-01", "appeared", "王法制", "head", "no"),
                &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "entrust_reason"), "第三条第三款"));
    hresp_free(&r);
    h_send_json(h, &legal, "POST", step,
                json_pack("{ss ss ss}", "date", "2027-03-01", "appeared", "张局长", "head", "yes"),
                &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(step, sizeof step, "/api/v1/remedies/%lld", (long long)rid);
    h_request(h, &other, "GET", step, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/remedies/figures?from=2027-01-01&to=2027-06-30", NULL,
              &r);
    ASSERT_STATUS(r, 200);
    json_t *ap = json_object_get(r.json, "appearance");
    assert_string_equal(json_string_value(json_object_get(ap, "rate")), "100.00%");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_80_remedy_on_the_case_page),
        T(test_r_case_83_remedy_api),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
