/* test_disclosure.c — disclosure requests (依申请公开) through the real router: the registration
 * form, the steps of the record page (one generic route per step), who sees the applicant on the
 * page and in JSON, and the figures page opening the lists behind its counts. */
#include "support.h"

#include <string.h>

/* A request registered by the clerk through the form; its id. */
static int64_t intake(struct harness *h, struct client *clerk)
{
    return h_form_created(h, clerk, "/disclosures",
                          h_form("agency", "320412", "channel", "post", "content",
                                 "本局2025年度行政处罚决定书", "name", "孙九", "phone",
                                 "13900005555", NULL));
}

static void test_registration_form_refuses_and_keeps_what_was_typed(void **state)
{
    struct harness *h = *state;
    struct client clerk;
    h_login(h, &clerk, "clerk");
    struct hresp r;
    h_request(h, &clerk, "GET", "/disclosures/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "申请公开的政府信息");
    ASSERT_HAS(r, "传真");
    hresp_free(&r);
    FORM(h, &clerk, "/disclosures", &r, "channel", "post", "content", "某医院的校验结果");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "phone", "请填写联系电话");
    ASSERT_HAS(r, "某医院的校验结果");
    hresp_free(&r);
    int64_t id = intake(h, &clerk);
    char url[64];
    snprintf(url, sizeof url, "/disclosures/%lld?saved=1", (long long)id);
    h_request(h, &clerk, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "孙九");
    ASSERT_HAS(r, "答复期限");
    ASSERT_HAS(r, "依申〔");
    hresp_free(&r);
}

/* [R-DIS-06] the viewer sees no applicant on the page or in JSON; the audit trail names none. */
static void test_r_dis_06_viewer_sees_no_applicant_on_page_or_in_json(void **state)
{
    struct harness *h = *state;
    struct client clerk, viewer, admin;
    h_login(h, &clerk, "clerk");
    h_login(h, &viewer, "viewer");
    h_login(h, &admin, "admin");
    int64_t id = intake(h, &clerk);
    char url[64];
    snprintf(url, sizeof url, "/disclosures/%lld", (long long)id);
    struct hresp r;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "孙九");
    ASSERT_HAS(r, "仅登记人员和答复人员可见");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/disclosures/%lld", (long long)id);
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "13900005555");
    hresp_free(&r);
    h_request(h, &admin, "GET", "/audit", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记政府信息公开申请");
    ASSERT_LACKS(r, "孙九");
    hresp_free(&r);
}

/* Each step posts to its own route; a refused one comes back with its article. */
static void test_r_dis_03_r_dis_05_steps_through_the_generic_route(void **state)
{
    struct harness *h = *state;
    struct client clerk, leader, officer;
    h_login(h, &clerk, "clerk");
    h_login(h, &leader, "leader");
    h_login(h, &officer, "officer");
    int64_t id = intake(h, &clerk);
    char url[96], page[64];
    snprintf(page, sizeof page, "/disclosures/%lld", (long long)id);
    struct hresp r;
    h_request(h, &officer, "GET", page, NULL, &r);
    snprintf(url, sizeof url, "action=\"/disclosures/%lld/answer_withhold\"", (long long)id);
    ASSERT_HAS(r, url);
    ASSERT_HAS(r, "过程性信息");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/disclosures/%lld/extend", (long long)id);
    h_request(h, &officer, "POST", url, "{\"days\": \"10\", \"note\": \"需调取档案\"}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &leader, "POST", url, "{\"days\": \"25\", \"note\": \"需调取档案\"}", &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第三十三条");
    hresp_free(&r);
    h_request(h, &leader, "POST", url, "{\"days\": \"20\", \"note\": \"需调取档案\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/disclosures/%lld/answer_withhold", (long long)id);
    FORM(h, &officer, url, &r, "reason", "publication", "answer", "不予公开");
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第三十六条");
    hresp_free(&r);
    FORM(h, &officer, url, &r, "reason", "process", "answer", "属于过程性信息，不予公开");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &leader, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已答复");
    ASSERT_HAS(r, "政府信息不予公开告知书");
    ASSERT_HAS(r, "原 ");
    hresp_free(&r);
}

/* The figures page: each count opens the list of requests behind it; the start page's tiles. */
static void test_r_dis_07_stats_page_opens_the_lists_behind_its_figures(void **state)
{
    struct harness *h = *state;
    struct client clerk, viewer, officer;
    h_login(h, &clerk, "clerk");
    h_login(h, &viewer, "viewer");
    h_login(h, &officer, "officer");
    int64_t id = intake(h, &clerk);
    intake(h, &clerk);
    char url[96];
    snprintf(url, sizeof url, "/disclosures/%lld/answer_disclose", (long long)id);
    struct hresp r;
    FORM(h, &officer, url, &r, "answer", "予以公开，见附件");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/disclosures/stats?from=2000-01-01&to=2100-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "予以公开");
    ASSERT_HAS(r, "/disclosures?from=2000-01-01&amp;to=2100-12-31&amp;answer_type=disclose");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &viewer,
                                  "/api/v1/disclosures?from=2000-01-01&to=2100-12-31"
                                  "&answer_type=disclose"),
                     1);
    assert_int_equal(h_count_rows(h, &viewer, "/api/v1/disclosures?state=open"), 1);
    h_request(h, &viewer, "GET", "/api/v1/disclosures/stats?from=2000-01-01&to=2100-12-31", NULL,
              &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 2);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "依申请公开待答复");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_registration_form_refuses_and_keeps_what_was_typed),
        T(test_r_dis_06_viewer_sees_no_applicant_on_page_or_in_json),
        T(test_r_dis_03_r_dis_05_steps_through_the_generic_route),
        T(test_r_dis_07_stats_page_opens_the_lists_behind_its_figures),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
