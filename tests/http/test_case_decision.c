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

/* [R-CASE-62] [R-CASE-63] The deliberation through its step route: the form on the case page,
 * 调查终结 refused before it, a refusal naming its field, one who may only read refused, the
 * deliberation kept and shown, its 合议记录 served, and 调查终结 allowed after it. */
static void test_r_case_62_r_case_63_deliberation_through_the_step_route(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    int64_t o5 = cf_officer(h, 5, "2030-12-31");
    struct client officer, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &viewer, "viewer");
    char url[80], body[600];
    struct hresp r;
    snprintf(url, sizeof url, "/cases/%lld", (long long)id);
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "参加合议的人员");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/cases/%lld/conclude", (long long)id);
    snprintf(body, sizeof body,
             "{\"item\":\"%s\",\"level\":\"一般\",\"types\":\"warning,fine\",\"fine\":\"3000\","
             "\"major\":\"no\",\"note\":\"违法事实清楚\",\"date\":\"2026-12-19\"}",
             cf_item(h));
    h_request(h, &officer, "POST", url, body, &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "尚未合议");
    hresp_free(&r);
    char deliberate[80], people[600];
    snprintf(deliberate, sizeof deliberate, "/api/v1/cases/%lld/deliberate", (long long)id);
    snprintf(people, sizeof people,
             "{\"participants\":\"%lld,%lld\",\"host\":\"%lld\",\"recorder\":\"执法人员2\","
             "\"facts\":\"案情\",\"opinions\":\"一致同意\",\"conclusion\":\"penalise\","
             "\"note\":\"建议罚款3000元\",\"date\":\"2026-12-19\"}",
             (long long)CF.o1, (long long)CF.o2, (long long)CF.o1);
    h_request(h, &officer, "POST", deliberate, people, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "participants"), "3名以上"));
    hresp_free(&r);
    snprintf(people, sizeof people,
             "{\"participants\":\"%lld,%lld,%lld\",\"host\":\"%lld\",\"recorder\":\"执法人员2\","
             "\"facts\":\"案情\",\"opinions\":\"一致同意\",\"conclusion\":\"penalise\","
             "\"note\":\"建议罚款3000元\",\"date\":\"2026-12-19\"}",
             (long long)CF.o1, (long long)CF.o2, (long long)o5, (long long)CF.o1);
    h_request(h, &viewer, "POST", deliberate, people, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &officer, "POST", deliberate, people, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/cases/%lld", (long long)id);
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "执法人员5（执法证号 ZF-0005）");
    ASSERT_HAS(r, "合议意见：建议罚款3000元");
    hresp_free(&r);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                             " AND type = 'deliberation_record'",
                             "i", id);
    snprintf(url, sizeof url, "/documents/%s.pdf", doc);
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "%PDF");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/cases/%lld/conclude", (long long)id);
    h_request(h, &officer, "POST", url, body, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_43_decision_through_the_step_routes),
        T(test_r_case_62_r_case_63_deliberation_through_the_step_route),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
