/* test_complaint.c — complaints through the real router: a clerk's intake form, the steps of the
 * record page (one generic route per step), who sees the complainant on the page and in JSON,
 * and the public's pages: submitting without login, its rate limit, tracking and rating. */
#include "support.h"
#include "base/date.h"

#include <string.h>

/* A complaint taken in by the clerk through the form; its id. */
static int64_t intake(struct harness *h, struct client *clerk)
{
    return h_form_created(h, clerk, "/complaints",
                          h_form("agency", "320412", "channel", "phone", "line", "medical",
                                 "matter", "unlicensed_practice", "summary",
                                 "花园路8号有人无证输液", "party_name", "无名诊所", "name",
                                 "张三丰", "phone", "13900002222", NULL));
}

static void test_intake_form_refuses_and_keeps_what_was_typed(void **state)
{
    struct harness *h = *state;
    struct client clerk;
    h_login(h, &clerk, "clerk");
    struct hresp r;
    h_request(h, &clerk, "GET", "/complaints/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "12345转办");
    hresp_free(&r);
    FORM(h, &clerk, "/complaints", &r, "channel", "phone", "summary", "有人无证行医", "name",
         "张三丰");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "line", "请选择专业类别");
    h_assert_field_error(&r, "phone", "请填写联系电话，或选择匿名");
    ASSERT_HAS(r, "有人无证行医"); /* kept */
    hresp_free(&r);
    int64_t id = intake(h, &clerk);
    char url[64];
    snprintf(url, sizeof url, "/complaints/%lld?saved=1", (long long)id);
    h_request(h, &clerk, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "张三丰");
    ASSERT_HAS(r, "查询码");
    ASSERT_HAS(r, "受理期限");
    hresp_free(&r);
}

/* The page and the JSON hide the same: the viewer sees neither the name nor the phone. */
static void test_r_cmp_06_viewer_sees_no_complainant_on_page_or_in_json(void **state)
{
    struct harness *h = *state;
    struct client clerk, viewer;
    h_login(h, &clerk, "clerk");
    h_login(h, &viewer, "viewer");
    int64_t id = intake(h, &clerk);
    char url[64];
    snprintf(url, sizeof url, "/complaints/%lld", (long long)id);
    struct hresp r;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "张三丰");
    ASSERT_LACKS(r, "13900002222");
    ASSERT_HAS(r, "仅登记、受理和承办人员可见");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/complaints/%lld", (long long)id);
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "张三丰");
    ASSERT_LACKS(r, "13900002222");
    ASSERT_LACKS(r, "tracking_code"); /* nor the code that would rate it as the complainant */
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/complaints", NULL, &r);
    ASSERT_LACKS(r, "张三丰");
    hresp_free(&r);
    struct client admin;
    h_login(h, &admin, "admin");
    h_request(h, &admin, "GET", "/audit", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记投诉举报");
    ASSERT_LACKS(r, "张三丰");
    hresp_free(&r);
}

/* Each step is a form on the record page posting to its own route; a refused one comes back
 * with its message beside the field and the typed value. */
static void test_steps_through_the_generic_route(void **state)
{
    struct harness *h = *state;
    struct client clerk, leader, officer;
    h_login(h, &clerk, "clerk");
    h_login(h, &leader, "leader");
    h_login(h, &officer, "officer");
    int64_t id = intake(h, &clerk);
    char url[80], page[64];
    snprintf(page, sizeof page, "/complaints/%lld", (long long)id);
    struct hresp r;
    h_request(h, &leader, "GET", page, NULL, &r);
    snprintf(url, sizeof url, "action=\"/complaints/%lld/accept\"", (long long)id);
    ASSERT_HAS(r, url);
    hresp_free(&r);
    snprintf(url, sizeof url, "/complaints/%lld/accept", (long long)id);
    FORM(h, &officer, url, &r, "date", "");
    ASSERT_STATUS(r, 403); /* the step's permission, on its route */
    hresp_free(&r);
    FORM(h, &leader, url, &r, "date", "");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/complaints/%lld/assign", (long long)id);
    FORM(h, &leader, url, &r, "handler", "nobody", "note", "请尽快核查");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "handler", "承办人 nobody 不存在、已停用或不在本机构及其下级");
    ASSERT_HAS(r, "请尽快核查");
    hresp_free(&r);
    FORM(h, &leader, url, &r, "handler", "officer");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    /* the API face of the same route */
    snprintf(url, sizeof url, "/api/v1/complaints/%lld/verify", (long long)id);
    h_request(h, &officer, "POST", url, "{\"result\":\"substantiated\",\"note\":\"属实\"}", &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "verified");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/complaints/%lld/reply", (long long)id);
    h_request(h, &officer, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(
        json_object_get(json_object_get(json_object_get(r.json, "error"), "fields"), "reply"));
    hresp_free(&r);
    h_request(h, &officer, "POST", url, "{\"reply\":\"已立案查处\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, &leader, "GET", page, NULL, &r);
    ASSERT_HAS(r, "投诉举报答复书"); /* the reply's document in the history's record */
    hresp_free(&r);
}

/* Anyone may complain without logging in, a few times a day from one address, and follows the
 * complaint with its code; the tracking page shows no one's name. */
static void test_public_submission_tracking_and_rating(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/public/complaints/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "查询码");
    hresp_free(&r);
    FORM(h, NULL, "/public/complaints", &r, "agency", "320412", "line", "public_place", "matter",
         "public_place", "summary", "游泳池水浑浊", "party_name", "某游泳馆", "anonymous", "1");
    ASSERT_STATUS(r, 303);
    const char *loc = h_header(&r, "Location");
    assert_non_null(strstr(loc, "/public/complaints/track?code="));
    char track[96];
    snprintf(track, sizeof track, "%s", loc);
    hresp_free(&r);
    h_request(h, NULL, "GET", track, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "待受理");
    ASSERT_HAS(r, "请记下查询码");
    hresp_free(&r);
    h_request(h, NULL, "GET", "/api/v1/public/complaints/track?code=NOPE", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* a refused form costs nothing; then the address's quota runs out */
    FORM(h, NULL, "/public/complaints", &r, "agency", "320412", "summary", "");
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    for (int i = 1; i < 5; i++) {
        h_request(h, NULL, "POST", "/api/v1/public/complaints",
                  "{\"agency\":\"320412\",\"line\":\"water\",\"matter\":\"drinking_water\","
                  "\"summary\":\"自来水有异味\",\"party_name\":\"某小区\",\"anonymous\":true}",
                  &r);
        ASSERT_STATUS(r, 201);
        assert_int_equal(strlen(json_string_value(json_object_get(r.json, "tracking_code"))), 10);
        hresp_free(&r);
    }
    h_request(h, NULL, "POST", "/api/v1/public/complaints",
              "{\"agency\":\"320412\",\"line\":\"water\",\"matter\":\"drinking_water\","
              "\"summary\":\"自来水有异味\",\"party_name\":\"某小区\",\"anonymous\":true}",
              &r);
    ASSERT_STATUS(r, 429);
    hresp_free(&r);
}

/* Each figure of the statistics page opens the list behind it, which holds as many. */
static void test_stats_page_opens_the_lists_behind_its_figures(void **state)
{
    struct harness *h = *state;
    struct client clerk, viewer;
    h_login(h, &clerk, "clerk");
    h_login(h, &viewer, "viewer");
    intake(h, &clerk);
    intake(h, &clerk);
    struct hresp r;
    h_request(h, &viewer, "GET", "/complaints/stats?from=2000-01-01&to=2100-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "/complaints?from=2000-01-01&amp;to=2100-12-31&amp;line=medical");
    ASSERT_HAS(r, "办结率");
    hresp_free(&r);
    assert_int_equal(
        h_count_rows(h, &viewer, "/api/v1/complaints?from=2000-01-01&to=2100-12-31&line=medical"),
        2);
    h_request(h, &viewer, "GET", "/api/v1/complaints/stats?from=2000-01-01&to=2100-12-31", NULL,
              &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 2);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/complaints/stats?from=2026-13-01", NULL, &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
}

/* The periods an agency may set, on a page of their own: the top agency's administrator changes
 * one; a wrong value is refused beside its field; a county's administrator may not. */
static void test_r_cmp_07_settings_page(void **state)
{
    struct harness *h = *state;
    struct client top, county;
    h_login(h, &top, "province");
    h_login(h, &county, "admin");
    struct hresp r;
    h_request(h, &top, "GET", "/settings", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "投诉举报办理期限");
    ASSERT_HAS(r, "第三十四条");
    hresp_free(&r);
    FORM(h, &top, "/settings", &r, "name", "complaint.handle_days", "value", "0");
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "投诉举报办理期限（日）应为 1 至 180 之间的整数");
    hresp_free(&r);
    FORM(h, &top, "/settings", &r, "name", "complaint.handle_days", "value", "30");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &top, "GET", "/api/v1/settings", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "\"value\":30");
    hresp_free(&r);
    FORM(h, &county, "/settings", &r, "name", "complaint.handle_days", "value", "20");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

/* An overdue 受理期限 is on the start page, named and linked through the complaints' area. */
static void test_overdue_complaint_on_the_start_page(void **state)
{
    struct harness *h = *state;
    struct client clerk;
    h_login(h, &clerk, "clerk");
    char received[DATE_STRLEN];
    date_format(date_from_instant(h_clock()) - 30, received);
    int64_t id = h_form_created(h, &clerk, "/complaints",
                                h_form("agency", "320412", "channel", "letter", "received_on",
                                       received, "line", "medical", "matter", "other", "summary",
                                       "来信反映", "party_name", "某诊所", "anonymous", "1", NULL));
    struct hresp r;
    h_request(h, &clerk, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    char link[64];
    snprintf(link, sizeof link, "href=\"/complaints/%lld\"", (long long)id);
    ASSERT_HAS(r, link);
    ASSERT_HAS(r, "受理期限");
    ASSERT_HAS(r, "投诉举报待受理");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_intake_form_refuses_and_keeps_what_was_typed),
        T(test_r_cmp_06_viewer_sees_no_complainant_on_page_or_in_json),
        T(test_steps_through_the_generic_route),
        T(test_public_submission_tracking_and_rating),
        T(test_stats_page_opens_the_lists_behind_its_figures),
        T(test_r_cmp_07_settings_page),
        T(test_overdue_complaint_on_the_start_page),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
