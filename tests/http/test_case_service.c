/* test_case_service.c — the service (送达) of a case's documents through the real router: the
 * step's form on the decided case's page, a refusal beside its field on the page and in the API,
 * one who may only read refused, the service recorded late and flagged on the page, its 送达回执
 * served as the kept PDF, and the figures opening the list of cases served late. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <string.h>

/* A case decided on 12-15 (警告、罚款 3,000 元), as in the unit test. */
static int64_t decided(struct harness *h)
{
    return cf_decided(h, "warning,fine", "3000");
}

static void test_r_case_70_r_case_72_service_through_the_step_route(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    h_set_now(h, "2026-12-29T09:00:00+08:00");
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                             " AND type = 'penalty_decision'",
                             "i", id);
    struct client officer, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &viewer, "viewer");
    char page[64], post[80], api[80], body[600];
    struct hresp r;
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/serve", (long long)id);
    snprintf(api, sizeof api, "/api/v1/cases/%lld/serve", (long long)id);
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "送达文书");
    ASSERT_HAS(r, "见证人（留置送达）");
    ASSERT_HAS(r, "逾期未送达");
    hresp_free(&r);
    /* 留置 without its witnesses: refused beside the field, the values typed kept */
    FORM(h, &officer, post, &r, "document", doc, "method", "left", "date", "2026-12-28",
         "recipient", "王某", "relation", "法定代表人", "place", "康宁诊所前台", "server",
         "张三、李四");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "witnesses", "第八十九条");
    ASSERT_HAS(r, "康宁诊所前台");
    hresp_free(&r);
    snprintf(body, sizeof body,
             "{\"document\":\"%s\",\"method\":\"electronic\",\"date\":\"2026-12-28\","
             "\"recipient\":\"王某\",\"relation\":\"法定代表人\",\"server\":\"张三\"}",
             doc);
    h_request(h, &officer, "POST", api, body, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "consent_on"), "第六十一条"));
    hresp_free(&r);
    snprintf(body, sizeof body,
             "{\"document\":\"%s\",\"method\":\"left\",\"date\":\"2026-12-28\","
             "\"recipient\":\"王某\",\"relation\":\"法定代表人\",\"place\":\"康宁诊所前台\","
             "\"server\":\"张三、李四\",\"witnesses\":\"社区居委会赵某\"}",
             doc);
    h_request(h, &viewer, "POST", api, body, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &officer, "POST", api, body, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "留置送达");
    ASSERT_HAS(r, "见证人：社区居委会赵某");
    ASSERT_HAS(r, "超期送达");
    ASSERT_HAS(r, "送达回执 送2026-");
    hresp_free(&r);
    const char *receipt = h_text(h,
                                 "SELECT id FROM document WHERE object_type = 'case'"
                                 " AND object_id = ? AND type = 'service_receipt'",
                                 "i", id);
    snprintf(page, sizeof page, "/documents/%s.pdf", receipt);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "%PDF");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?from=2026-12-01&to=2026-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "served=late");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/cases?decided_from=2026-12-01&served=late", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "康宁诊所");
    hresp_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_r_case_70_r_case_72_service_through_the_step_route,
                                        cf_setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
