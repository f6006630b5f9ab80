/* test_referral.c — the referral of a case to the police through the real router: the report
 * form on the case page, a refusal beside its fields, the report made, the referral's page (the
 * ID numbers only for who may see them), the approval's form for the head and not for a viewer,
 * the steps through the API, the 移送书 served only to who may see the persons, the case marked,
 * and the figures opening the list of cases referred. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <string.h>

static void test_r_case_75_r_case_79_referral_through_the_routes(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    h_set_now(h, "2026-12-22T09:00:00+08:00");
    struct client officer, leader, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &viewer, "viewer");
    char page[64], post[80], show[64], api[80];
    struct hresp r;
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/referrals", (long long)id);
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "报告移送涉嫌犯罪案件");
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "报请批准移送");
    hresp_free(&r);
    FORM(h, &officer, post, &r, "crime", "", "facts", "非法行医", "persons", "王某｜110105",
         "organ", "武进区公安局", "reported_on", "2026-12-21");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "crime", "涉嫌罪名");
    h_assert_field_error(&r, "persons", "第1人");
    ASSERT_HAS(r, "武进区公安局");
    hresp_free(&r);
    FORM(h, &viewer, post, &r, "crime", "非法行医罪", "facts", "非法行医", "persons",
         "王某｜11010519491231002X", "organ", "武进区公安局", "reported_on", "2026-12-21");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    FORM(h, &officer, post, &r, "crime", "非法行医罪", "facts", "非法行医", "persons",
         "王某｜11010519491231002X", "goods", "注射器｜20支", "organ", "武进区公安局",
         "reported_on", "2026-12-21");
    ASSERT_STATUS(r, 303);
    int64_t rid = h_id_from_location(&r, "/referrals/");
    hresp_free(&r);
    snprintf(show, sizeof show, "/referrals/%lld", (long long)rid);
    h_request(h, &viewer, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "非法行医罪");
    ASSERT_HAS(r, "仅本案承办人员和负责人可见");
    ASSERT_LACKS(r, "11010519491231002X");
    ASSERT_LACKS(r, "批准移送</button>");
    hresp_free(&r);
    h_request(h, &leader, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "11010519491231002X");
    ASSERT_HAS(r, "批准移送</button>");
    ASSERT_HAS(r, "移送审批期限");
    hresp_free(&r);
    snprintf(api, sizeof api, "/api/v1/referrals/%lld/approve", (long long)rid);
    h_request(h, &viewer, "POST", api, "{\"date\":\"2026-12-21\"}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &leader, "POST", api, "{\"date\":\"2026-12-20\"}", &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "date"));
    hresp_free(&r);
    h_request(h, &leader, "POST", api, "{\"date\":\"2026-12-21\",\"note\":\"同意\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(api, sizeof api, "/api/v1/referrals/%lld/send", (long long)rid);
    h_request(h, &officer, "POST", api, "{\"date\":\"2026-12-21\",\"note\":\"调查报告\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'referral'"
                             " AND object_id = ? AND type = 'case_transfer_letter'",
                             "i", rid);
    char pdf[64];
    snprintf(pdf, sizeof pdf, "/documents/%s.pdf", doc);
    h_request(h, &viewer, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &officer, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "%PDF");
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已移送公安机关");
    ASSERT_HAS(r, show);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?from=2026-12-01&to=2026-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "referral=pending");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/cases?referred_from=2026-12-01&referral=pending", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, page);
    hresp_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_r_case_75_r_case_79_referral_through_the_routes,
                                        cf_setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
