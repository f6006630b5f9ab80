/* test_case_closing.c — the closing (结案) through the real router: the pre-closing check as JSON
 * (GET /api/v1/cases/{id}/closing-check) and on the case page, the step refused with every item
 * in the API's error.details and on the page, then taken by the form with its 抄送, the 结案报告
 * served as a PDF. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <string.h>

/* [R-CASE-94] [R-CASE-97] [R-CASE-100] */
static void test_r_case_94_closing_through_the_router(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    struct client viewer, leader;
    h_login(h, &viewer, "viewer");
    h_login(h, &leader, "leader");
    char api[96], page[64], post[64];
    snprintf(api, sizeof api, "/api/v1/cases/%lld/closing-check", (long long)id);
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/close", (long long)id);
    struct hresp r;
    h_request(h, &viewer, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *items = json_object_get(r.json, "items");
    assert_int_equal(json_array_size(items), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "rule")),
                        "R-CASE-97");
    assert_true(json_is_false(json_object_get(r.json, "closable")));
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "结案前检查");
    ASSERT_HAS(r, "R-CASE-97");
    hresp_free(&r);
    /* refused: the API's error carries the whole list, the page shows it beside the message */
    char body[256];
    snprintf(body, sizeof body, "{\"note\":\"结案\",\"date\":\"2026-12-19\"}");
    snprintf(api, sizeof api, "/api/v1/cases/%lld/close", (long long)id);
    h_request(h, &leader, "POST", api, body, &r);
    ASSERT_STATUS(r, 422);
    json_t *details = json_object_get(json_object_get(r.json, "error"), "details");
    assert_int_equal(json_array_size(json_object_get(details, "closing_check")), 1);
    ASSERT_HAS(r, "R-CASE-97");
    hresp_free(&r);
    FORM(h, &leader, post, &r, "note", "结案", "date", "2026-12-19");
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "结案前检查未通过");
    ASSERT_HAS(r, "尚未执行完毕");
    hresp_free(&r);
    cf_pay(h, id, "3000", "2026-12-17");
    snprintf(api, sizeof api, "/api/v1/cases/%lld/closing-check", (long long)id);
    h_request(h, &viewer, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_is_true(json_object_get(r.json, "closable")));
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_HAS(r, "结案前检查通过");
    hresp_free(&r);
    /* a bad 抄送 line stands beside its field, what was typed kept */
    FORM(h, &leader, post, &r, "note", "罚款已缴清", "date", "2026-12-19", "copies", "卫健委");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "copies", "第1行");
    hresp_free(&r);
    FORM(h, &leader, post, &r, "note", "罚款已缴清，建议结案", "date", "2026-12-19", "copies",
         "常州市卫生健康委员会｜2026-12-18｜邮寄");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已结案");
    ASSERT_HAS(r, "常州市卫生健康委员会 · 2026-12-18 · 邮寄");
    ASSERT_HAS(r, "结案报告 结2026-0001");
    hresp_free(&r);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case'"
                             " AND object_id = ? AND type = 'closing_report'",
                             "i", id);
    snprintf(page, sizeof page, "/documents/%s.pdf", doc);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "%PDF");
    hresp_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_r_case_94_closing_through_the_router, cf_setup,
                                        harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
