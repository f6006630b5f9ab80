/* test_petition.c — petitions through the real router: the clerk's registration form, the steps
 * of the record page (one generic route per step), who sees the petitioner on the page and in
 * JSON, and the figures page opening the lists behind its counts. */
#include "support.h"

#include <string.h>

/* A petition registered by the clerk through the form; its id. */
static int64_t intake(struct harness *h, struct client *clerk)
{
    return h_form_created(h, clerk, "/petitions",
                          h_form("agency", "320412", "form", "letter", "content",
                                 "hospital_management", "summary", "医院门诊排队时间过长", "people",
                                 "1", "name", "钱八", "phone", "13900003333", NULL));
}

static void test_registration_form_refuses_and_keeps_what_was_typed(void **state)
{
    struct harness *h = *state;
    struct client clerk;
    h_login(h, &clerk, "clerk");
    struct hresp r;
    h_request(h, &clerk, "GET", "/petitions/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "网上信访");
    ASSERT_HAS(r, "医患纠纷");
    hresp_free(&r);
    FORM(h, &clerk, "/petitions", &r, "form", "visit", "summary", "要求查处某医院", "anonymous",
         "1");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "content", "请选择反映内容分类");
    ASSERT_HAS(r, "要求查处某医院");
    hresp_free(&r);
    int64_t id = intake(h, &clerk);
    char url[64];
    snprintf(url, sizeof url, "/petitions/%lld?saved=1", (long long)id);
    h_request(h, &clerk, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "钱八");
    ASSERT_HAS(r, "受理告知期限");
    hresp_free(&r);
}

/* [R-PET-07] the viewer sees no petitioner on the page or in JSON; the audit trail never names
 * one. */
static void test_r_pet_07_viewer_sees_no_petitioner_on_page_or_in_json(void **state)
{
    struct harness *h = *state;
    struct client clerk, viewer, admin;
    h_login(h, &clerk, "clerk");
    h_login(h, &viewer, "viewer");
    h_login(h, &admin, "admin");
    int64_t id = intake(h, &clerk);
    char url[64];
    snprintf(url, sizeof url, "/petitions/%lld", (long long)id);
    struct hresp r;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "钱八");
    ASSERT_HAS(r, "仅登记、受理、包案和承办人员可见");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/petitions/%lld", (long long)id);
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "13900003333");
    hresp_free(&r);
    h_request(h, &admin, "GET", "/audit", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记信访事项");
    ASSERT_LACKS(r, "钱八");
    hresp_free(&r);
}

/* Each step posts to its own route; a refused one comes back with its message. */
static void test_steps_through_the_generic_route(void **state)
{
    struct harness *h = *state;
    struct client clerk, leader, officer;
    h_login(h, &clerk, "clerk");
    h_login(h, &leader, "leader");
    h_login(h, &officer, "officer");
    int64_t id = intake(h, &clerk);
    char url[80], page[64];
    snprintf(page, sizeof page, "/petitions/%lld", (long long)id);
    struct hresp r;
    h_request(h, &clerk, "GET", page, NULL, &r);
    snprintf(url, sizeof url, "action=\"/petitions/%lld/accept\"", (long long)id);
    ASSERT_HAS(r, url);
    hresp_free(&r);
    snprintf(url, sizeof url, "/petitions/%lld/accept", (long long)id);
    FORM(h, &officer, url, &r, "date", "");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    FORM(h, &clerk, url, &r, "date", "");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/petitions/%lld/assign", (long long)id);
    FORM(h, &leader, url, &r, "leader", "leader", "handler", "officer");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/petitions/%lld/extend", (long long)id);
    h_request(h, &leader, "POST", url, "{\"days\": \"45\", \"note\": \"需专家论证\"}", &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第三十四条");
    hresp_free(&r);
    h_request(h, &leader, "POST", url, "{\"days\": \"30\", \"note\": \"需专家论证\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, &leader, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已延长");
    ASSERT_HAS(r, "出具处理意见");
    hresp_free(&r);
}

/* [R-PET-11] A matter sent by another body: the form takes the sender, the page shows it, and
 * the objection is a step of its own, refused for a petitioner's own petition. */
static void test_r_pet_11_objection_through_the_page(void **state)
{
    struct harness *h = *state;
    struct client clerk;
    h_login(h, &clerk, "clerk");
    int64_t sent =
        h_form_created(h, &clerk, "/petitions",
                       h_form("agency", "320412", "form", "letter", "content",
                              "hospital_management", "summary", "医保报销比例过低", "sent_by",
                              "常州市信访局", "name", "孙九", "phone", "13900004444", NULL));
    int64_t own = intake(h, &clerk);
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/petitions/%lld", (long long)sent);
    h_request(h, &clerk, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "常州市信访局");
    ASSERT_HAS(r, "对转送、交办提出异议");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/petitions/%lld/object", (long long)own);
    h_request(h, &clerk, "POST", url, "{\"note\": \"不属于本机关职责\"}", &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第二十三条");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/petitions/%lld/object", (long long)sent);
    h_request(h, &clerk, "POST", url, "{\"note\": \"属于医疗保障部门职责\"}", &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "objecting");
    hresp_free(&r);
}

/* A rated petition shows no rating form, also after a refused second rating. */
static void test_rated_petition_keeps_its_rating_form_hidden(void **state)
{
    struct harness *h = *state;
    struct client clerk, leader, officer;
    h_login(h, &clerk, "clerk");
    h_login(h, &leader, "leader");
    h_login(h, &officer, "officer");
    int64_t id = intake(h, &clerk);
    static const struct {
        const char *action, *body;
    } steps[] = {
        {"accept", "{}"},
        {"assign", "{\"leader\": \"leader\", \"handler\": \"officer\"}"},
        {"answer", "{\"answer\": \"已责成医院优化挂号流程\"}"},
        {"close", "{}"},
        {"rate", "{\"satisfaction\": \"satisfied\"}"},
    };
    struct client *who[] = {&clerk, &leader, &officer, &clerk, &clerk};
    char url[80];
    struct hresp r;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        snprintf(url, sizeof url, "/api/v1/petitions/%lld/%s", (long long)id, steps[i].action);
        h_request(h, who[i], "POST", url, steps[i].body, &r);
        ASSERT_STATUS(r, 200);
        hresp_free(&r);
    }
    snprintf(url, sizeof url, "/petitions/%lld/rate", (long long)id);
    FORM(h, &clerk, url, &r, "satisfaction", "dissatisfied");
    ASSERT_HAS(r, "已记录满意度评价");
    snprintf(url, sizeof url, "action=\"/petitions/%lld/rate\"", (long long)id);
    ASSERT_LACKS(r, url);
    hresp_free(&r);
}

/* The figures page: each count opens the list of petitions behind it. */
static void test_stats_page_opens_the_lists_behind_its_figures(void **state)
{
    struct harness *h = *state;
    struct client clerk, viewer;
    h_login(h, &clerk, "clerk");
    h_login(h, &viewer, "viewer");
    intake(h, &clerk);
    intake(h, &clerk);
    struct hresp r;
    h_request(h, &viewer, "GET", "/petitions/stats?from=2000-01-01&to=2100-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "来信");
    ASSERT_HAS(r, "/petitions?from=2000-01-01&amp;to=2100-12-31&amp;form=letter");
    hresp_free(&r);
    assert_int_equal(
        h_count_rows(h, &viewer, "/api/v1/petitions?from=2000-01-01&to=2100-12-31&form=letter"), 2);
    h_request(h, &viewer, "GET", "/api/v1/petitions/stats?from=2000-01-01&to=2100-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 2);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "信访待受理");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_registration_form_refuses_and_keeps_what_was_typed),
        T(test_r_pet_07_viewer_sees_no_petitioner_on_page_or_in_json),
        T(test_steps_through_the_generic_route),
        T(test_r_pet_11_objection_through_the_page),
        T(test_rated_petition_keeps_its_rating_form_hidden),
        T(test_stats_page_opens_the_lists_behind_its_figures),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
