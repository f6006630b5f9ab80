/* test_case_decision.c — the decision through the real router: the step's form on the case page,
 * a refusal with its article as a JSON error, the decision taken, the page showing it with the
 * amount in capitals, and its 决定书 served as the kept PDF. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <string.h>

static void test_r_case_43_decision_through_the_step_routes(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_intake(h, cf_sample("2026-11-02", "2026-10-30"));
    struct err e = {0};
    if (cf_propose(h, id, cf_team(CF.o1, CF.o2), "2026-11-03", &e)) fail_msg("%s", e.msg);
    struct wf_args ok = {.date = "2026-11-04"};
    h_must(h, &case_workflow, "leader", id, "approve", &ok);
    if (cf_conclude(h, id, cf_item(h), "一般", "警告、罚款", "3000", NULL, &e))
        fail_msg("%s", e.nfields ? e.fields[0].msg : e.msg);
    struct wf_args n = {.date = "2026-12-21"};
    h_must(h, &case_workflow, "officer", id, "notify", &n);
    struct client leader, officer;
    h_login(h, &leader, "leader");
    h_login(h, &officer, "officer");
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/cases/%lld", (long long)id);
    h_request(h, &leader, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "作出行政处罚决定");
    ASSERT_HAS(r, "负责人集体讨论");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/cases/%lld/decide", (long long)id);
    h_request(h, &leader, "POST", url,
              "{\"types\":\"warning,fine\",\"fine\":\"3000\",\"date\":\"2026-12-23\"}", &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第四十五条");
    hresp_free(&r);
    h_request(h, &officer, "POST", url,
              "{\"types\":\"warning,fine\",\"fine\":\"3000\",\"date\":\"2026-12-28\"}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &leader, "POST", url,
              "{\"types\":\"warning,fine\",\"fine\":\"12000\",\"date\":\"2026-12-28\"}", &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "fine"));
    hresp_free(&r);
    h_request(h, &leader, "POST", url,
              "{\"types\":\"warning,fine\",\"fine\":\"3000\",\"date\":\"2026-12-28\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/cases/%lld", (long long)id);
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已作出处罚决定");
    ASSERT_HAS(r, "人民币叁仟元整");
    ASSERT_HAS(r, "行政处罚决定书");
    hresp_free(&r);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                             " AND type = 'penalty_decision'",
                             "i", id);
    snprintf(url, sizeof url, "/documents/%s.pdf", doc);
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "%PDF");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_43_decision_through_the_step_routes),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
