/* test_case_enforcement.c — the 催告 and the application to the people's court through the real
 * router: the forms on the decided case's page, a refusal beside its field on the page and in the
 * API, the 催告 recorded with its amounts and the application's period on the page, the 催告书
 * served as its kept PDF, and the confiscated goods refused on a decision that confiscates
 * nothing. */
#include "support.h"
#include "case_fixture.h"
#include "law/case_internal.h"

#include <stdio.h>
#include <string.h>

/* A case fined 2,000 元, decided on 2026-12-28 and received on 2026-12-30 (due 2027-01-14); the
 * clock on 2027-01-25. */
static int64_t decided(struct harness *h)
{
    struct cf_end end = {.on = "2026-12-18",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = "2000"};
    int64_t id = cf_notified(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                             &end, "2026-12-21");
    struct wf_args a = {.date = "2026-12-28", .note = "当事人未提出陈述、申辩意见"};
    wf_arg_set(&a, "types", "warning,fine");
    wf_arg_set(&a, "fine", "2000");
    h_must(h, &case_workflow, "leader", id, "decide", &a);
    h_set_now(h, "2027-01-25T09:00:00+08:00");
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    if (case_execution_open(&c, id, "2026-12-30", &e)) fail_msg("open: %s", e.msg);
    return id;
}

static void test_r_case_104_r_case_106_reminder_and_application_through_the_routes(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    struct client officer, leader, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &viewer, "viewer");
    char page[64], post[80], api[80], apply[80], goods[80];
    struct hresp r;
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/remind", (long long)id);
    snprintf(api, sizeof api, "/api/v1/cases/%lld/remind", (long long)id);
    snprintf(apply, sizeof apply, "/api/v1/cases/%lld/apply_court", (long long)id);
    snprintf(goods, sizeof goods, "/api/v1/cases/%lld/add_goods", (long long)id);
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "催告履行");
    ASSERT_HAS(r, "催告书送达日期");
    ASSERT_LACKS(r, "处置没收物品");
    hresp_free(&r);
    /* served before the 催告书's day: refused beside the field, the values kept */
    FORM(h, &officer, post, &r, "date", "2027-01-20", "served_on", "2027-01-19", "method", "direct",
         "recipient", "王某某");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "served_on", "不能早于催告书日期");
    ASSERT_HAS(r, "王某某");
    hresp_free(&r);
    h_request(h, &viewer, "POST", api,
              "{\"date\":\"2027-01-20\",\"served_on\":\"2027-01-21\",\"method\":\"direct\"}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &officer, "POST", api,
              "{\"date\":\"2027-01-20\",\"served_on\":\"2027-01-21\",\"method\":\"direct\","
              "\"recipient\":\"王某\"}",
              &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "2027-01-20 催告：罚款 2,000.00 元、加处罚款 360.00 元，合计 2,360.00 元");
    ASSERT_HAS(r, "履行期限至 2027-02-04");
    ASSERT_HAS(r, "申请人民法院强制执行期限：2027-07-01 至 2027-09-30");
    hresp_free(&r);
    /* the application before the 催告书's ten working days: refused beside the date */
    h_request(h, &leader, "POST", apply, "{\"date\":\"2027-01-25\",\"court\":\"武进区人民法院\"}",
              &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "date"), "第五十四条"));
    hresp_free(&r);
    /* goods on a decision that confiscates nothing */
    h_request(h, &officer, "POST", goods,
              "{\"name\":\"注射器\",\"quantity\":\"20\",\"unit\":\"支\"}", &r);
    assert_true(r.status == 409 || r.status == 422);
    hresp_free(&r);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case'"
                             " AND object_id = ? AND type = 'enforcement_reminder'",
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
        cmocka_unit_test_setup_teardown(
            test_r_case_104_r_case_106_reminder_and_application_through_the_routes, cf_setup,
            harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
