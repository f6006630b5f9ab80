/* test_case_figures.c — the figures of penalty cases through the real router: the page
 * /cases/figures with its period and agency, each figure a link to the list behind it (which
 * holds as many), the JSON at /api/v1/cases/figures, a bad period and an agency out of scope
 * refused, and the list page linking the figures. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"

#include <stdio.h>
#include <string.h>

/* A case of the clinic received on received (the day of the act) and proposed then, filed the
 * next day (filed) through its steps. */
static int64_t filed_case(struct harness *h, const char *received, const char *filed)
{
    return cf_filed(h, cf_sample(received, received), received, filed);
}

static void test_figures_page_and_api(void **state)
{
    struct harness *h = *state;
    /* filed on 03-02, notified on 03-23, waived, decided on 04-01: a warning and 3,000 元 */
    struct cf_end end = {.on = "2026-03-20",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = "3000"};
    int64_t a = cf_notified(h, cf_sample("2026-03-01", "2026-03-01"), "2026-03-01", "2026-03-02",
                            &end, "2026-03-23");
    struct wf_args w = {.date = "2026-03-23", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", a, "waive", &w);
    struct wf_args d = {.date = "2026-04-01"};
    wf_arg_set(&d, "types", "warning,fine");
    wf_arg_set(&d, "fine", "3000");
    h_must(h, &case_workflow, "leader", a, "decide", &d);
    filed_case(h, "2026-04-01", "2026-04-02");
    /* served, paid and closed (结案) */
    cf_serve(h, a, "penalty_decision", "2026-04-02");
    cf_pay(h, a, "3000", "2026-04-03");
    cf_close(h, a, "2026-04-10");
    struct client viewer;
    h_login(h, &viewer, "viewer");
    struct hresp r;
    h_request(h, &viewer, "GET", "/cases", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "href=\"/cases/figures\"");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/cases/figures?from=2026-01-01&to=2026-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "行政处罚案件统计");
    ASSERT_HAS(r, "/cases?decided_from=2026-01-01&amp;decided_to=2026-12-31&amp;severest=fine");
    ASSERT_HAS(r, "/cases?filed_from=2026-01-01&amp;filed_to=2026-12-31&amp;line=medical");
    ASSERT_HAS(r, "3,000.00");
    /* after the decision: 结案, the days to it, what was paid, enforcement */
    ASSERT_HAS(r, "/cases?closed_from=2026-01-01&amp;closed_to=2026-12-31\"><b>1</b><span>结案");
    ASSERT_HAS(r, "自立案至结案平均</a></td><td class=\"num\">39.0 日");
    ASSERT_HAS(r, "罚款实缴</td><td class=\"num nowrap\">3,000.00 元");
    ASSERT_HAS(r, "/cases?decided_from=2026-01-01&amp;decided_to=2026-12-31&amp;paid=1");
    ASSERT_HAS(r, "/cases?reminded_from=2026-01-01&amp;reminded_to=2026-12-31");
    ASSERT_HAS(r, "/cases?applied_from=2026-01-01&amp;applied_to=2026-12-31&amp;applied=late");
    ASSERT_HAS(r, "人民法院裁定准予执行");
    hresp_free(&r);
    assert_int_equal(
        h_count_rows(h, &viewer, "/api/v1/cases?closed_from=2026-01-01&closed_to=2026-12-31"), 1);
    assert_int_equal(h_count_rows(h, &viewer,
                                  "/api/v1/cases?decided_from=2026-01-01&decided_to=2026-12-31"
                                  "&paid=fine"),
                     1);
    assert_int_equal(h_count_rows(h, &viewer,
                                  "/api/v1/cases?decided_from=2026-01-01&decided_to=2026-12-31"
                                  "&severest=fine"),
                     1);
    assert_int_equal(
        h_count_rows(h, &viewer, "/api/v1/cases?filed_from=2026-01-01&filed_to=2026-12-31"), 2);
    /* 我承办的 (a filter of one user's cases, once an abort of the server) */
    struct client officer;
    h_login(h, &officer, "officer");
    assert_int_equal(h_count_rows(h, &officer, "/api/v1/cases?mine=1"), 2);
    assert_int_equal(h_count_rows(h, &viewer, "/api/v1/cases?mine=1"), 0);
    /* the list opened from a figure keeps its filter in the form */
    h_request(h, &viewer, "GET", "/cases?decided_from=2026-01-01&severest=fine", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"severest\" value=\"fine\"");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?from=2026-01-01&to=2026-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *filed = json_object_get(r.json, "filed");
    assert_int_equal(json_integer_value(json_object_get(filed, "count")), 2);
    json_t *decided = json_object_get(r.json, "decided");
    assert_int_equal(json_integer_value(json_object_get(decided, "count")), 1);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "money"), "fine_yuan")),
        "3,000.00");
    json_t *money = json_object_get(r.json, "money");
    assert_string_equal(json_string_value(json_object_get(money, "fine_paid_wan")), "0.30");
    json_t *closed = json_object_get(r.json, "closed");
    assert_int_equal(json_integer_value(json_object_get(closed, "count")), 1);
    json_t *enforcement = json_object_get(r.json, "enforcement");
    assert_int_equal(json_array_size(json_object_get(enforcement, "outcomes")), 5);
    hresp_free(&r);
}

static void test_figures_refused(void **state)
{
    struct harness *h = *state;
    struct client viewer, city;
    h_login(h, &viewer, "viewer");
    h_login(h, &city, "city");
    struct hresp r;
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?from=2026-13-01", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "from"));
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?agency=320411", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "agency"));
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/cases/figures?agency=320411", NULL, &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "agency", "机构 320411 不存在或不在您的管辖范围内");
    h_assert_error_count(&r);
    hresp_free(&r);
    /* the city chooses one of its counties */
    h_request(h, &city, "GET", "/cases/figures?agency=320411", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "value=\"320411\" selected");
    hresp_free(&r);
    /* the public is kept out */
    struct client nobody = {0};
    h_request(h, &nobody, "GET", "/api/v1/cases/figures", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_figures_page_and_api),
        T(test_figures_refused),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
