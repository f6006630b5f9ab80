/* test_case.c — penalty cases through the real router: registration (受理) and its refusals kept
 * beside their fields, 立案 proposed and approved through the generic step routes with the
 * number on the page, who may take which step, the source's page linking its case, and the
 * public kept out. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <string.h>

static const char *day(int n)
{
    static char ring[8][DATE_STRLEN];
    static int k;
    char *s = ring[k++ % 8];
    date_format(date_from_instant(h_clock()) + n, s);
    return s;
}

static void test_r_case_01_registration_form(void **state)
{
    struct harness *h = *state;
    struct client officer, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &viewer, "viewer");
    struct hresp r;
    h_request(h, &officer, "GET", "/cases/new?source=complaint&line=medical", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "违法行为发生（或终了）日期");
    ASSERT_HAS(r, "value=\"complaint\" selected");
    hresp_free(&r);
    FORM(h, &officer, "/cases", &r, "source", "inspection", "line", "medical", "party_name",
         "无名诊所", "party_kind", "citizen", "summary", "未取得医疗机构执业许可证擅自执业");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "act_on", "违法行为发生（终了）日期");
    ASSERT_HAS(r, "无名诊所");
    hresp_free(&r);
    FORM(h, &viewer, "/cases", &r, "source", "other");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

static void test_r_case_06_filing_through_the_step_routes(void **state)
{
    struct harness *h = *state;
    struct client officer, leader;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    int64_t id = h_form_created(
        h, &officer, "/cases",
        h_form("source", "other", "line", "medical", "party_name", "无名诊所", "party_kind",
               "citizen", "summary", "未取得医疗机构执业许可证擅自执业", "act_on", day(-10), NULL));
    char url[80], officers[48];
    struct hresp r;
    snprintf(url, sizeof url, "/cases/%lld", (long long)id);
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "type=\"checkbox\" name=\"officers\"");
    ASSERT_HAS(r, "执法人员2（ZF-0002）");
    hresp_free(&r);
    snprintf(url, sizeof url, "/cases/%lld/propose", (long long)id);
    snprintf(officers, sizeof officers, "%lld", (long long)CF.o1);
    FORM(h, &officer, url, &r, "officers", officers, "note", "需立案调查");
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第四十二条");
    ASSERT_HAS(r, "需立案调查"); /* the refused form keeps what was typed */
    hresp_free(&r);
    /* the page's checkboxes: the field once per officer */
    char second[24];
    snprintf(second, sizeof second, "%lld", (long long)CF.o2);
    FORM(h, &officer, url, &r, "officers", officers, "officers", second, "note", "需立案调查");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/cases/%lld/approve", (long long)id);
    h_request(h, &officer, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &leader, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "/cases/%lld", (long long)id);
    h_request(h, &leader, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "武卫医罚〔");
    ASSERT_HAS(r, "执法人员2");
    ASSERT_HAS(r, "执法人员1");
    ASSERT_HAS(r, "作出处罚决定期限");
    hresp_free(&r);
    h_request(h, &leader, "GET", "/api/v1/cases?state=filed", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "武卫医罚〔");
    hresp_free(&r);
}

static void test_cases_are_not_public(void **state)
{
    struct harness *h = *state;
    struct client anon = {0};
    struct hresp r;
    h_request(h, &anon, "GET", "/api/v1/cases", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_01_registration_form),
        T(test_r_case_06_filing_through_the_step_routes),
        T(test_cases_are_not_public),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
