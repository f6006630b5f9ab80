/* test_device.c — the registry of enforcement devices (执法装备) through the real router: the
 * list with its figures by kind, registering (form and JSON), a device's page with its history,
 * assigning and taking back, editing, retiring, refusals beside their fields, the officer's page
 * listing their devices, the figures of the API, permissions and scope. */
#include "tests/support.h"

#include <stdio.h>
#include <string.h>

#define NOW "2026-06-15T10:00:00+08:00" /* every test's now */

/* ---- helpers ------------------------------------------------------------------------------ */

/* Register an officer of the admin's county through the API. */
static int64_t create_officer(struct harness *h, struct client *c, const char *name, int seq)
{
    char idno[19], cert[24];
    h_idno(seq, idno);
    snprintf(cert, sizeof cert, "DEV-%04d", seq);
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/officers",
                json_pack("{ss ss ss ss ss s[s]}", "name", name, "id_number", idno, "cert_no", cert,
                          "cert_issued", "2020-01-01", "cert_expires", "2030-12-31", "lines",
                          "medical"),
                &r);
    ASSERT_STATUS(r, 201);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    return id;
}

/* Register a device through the API. */
static int64_t create_device(struct harness *h, struct client *c, const char *kind,
                             const char *number)
{
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/devices",
                json_pack("{ss ss ss}", "kind", kind, "number", number, "model", "海康威视 DSJ-K1"),
                &r);
    ASSERT_STATUS(r, 201);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    assert_true(id > 0);
    hresp_free(&r);
    return id;
}

static int setup(void **state)
{
    int rc = harness_setup(state);
    if (!rc) h_set_now(*state, NOW);
    return rc;
}

/* ---- the pages ---------------------------------------------------------------------------- */

static void test_register_assign_edit_and_retire_through_the_pages(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t zhang = create_officer(h, &c, "张执法", 1);
    struct hresp r;
    h_request(h, &c, "GET", "/devices/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记执法装备");
    ASSERT_HAS(r, "<option value=\"recorder\" selected>执法记录仪</option>");
    hresp_free(&r);
    int64_t id = h_form_created(h, &c, "/devices",
                                h_form("kind", "recorder", "number", "JLY-2026-001", "model",
                                       "海康威视 DSJ-K1", "note", "", NULL));
    create_device(h, &c, "voice", "LYB-001");

    /* the list: figures by kind, the rows */
    h_request(h, &c, "GET", "/devices", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "在用及维修：执法记录仪1台、录音笔1支");
    ASSERT_HAS(r, "href=\"/devices?kind=recorder\"");
    ASSERT_HAS(r, ">JLY-2026-001</a>");
    ASSERT_HAS(r, "href=\"/devices/new\"");
    ASSERT_HAS(r, ">执法装备</a>"); /* the menu */
    hresp_free(&r);
    h_request(h, &c, "GET", "/devices?kind=voice", NULL, &r);
    ASSERT_LACKS(r, ">JLY-2026-001</a>");
    ASSERT_HAS(r, ">LYB-001</a>");
    hresp_free(&r);

    /* the device's page offers the agency's officers, today as the day */
    char url[96], action[112];
    snprintf(url, sizeof url, "/devices/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "张执法（DEV-0001）");
    ASSERT_HAS(r, "name=\"on\" value=\"2026-06-15\"");
    ASSERT_HAS(r, "登记以来未配发，一直为公用设备");
    hresp_free(&r);
    snprintf(action, sizeof action, "%s/assign", url);
    char officer[24];
    snprintf(officer, sizeof officer, "%lld", (long long)zhang);
    FORM(h, &c, action, &r, "officer_id", officer, "on", "2026-06-01");
    ASSERT_STATUS(r, 303);
    assert_non_null(strstr(r.location, "?saved=1#assign"));
    hresp_free(&r);
    strcat(url, "?saved=1");
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "已保存");
    ASSERT_HAS(r, "（2026-06-01 起）");
    ASSERT_HAS(r, "formaction=\"/devices/");
    ASSERT_HAS(r, "执法装备 JLY-2026-001 自 2026-06-01 起配发给 张执法");
    hresp_free(&r);

    /* the officer's page lists the device */
    snprintf(url, sizeof url, "/officers/%lld", (long long)zhang);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "配发的执法装备");
    ASSERT_HAS(r, ">JLY-2026-001</a>");
    hresp_free(&r);

    /* taken back, edited, retired */
    snprintf(action, sizeof action, "/devices/%lld/unassign", (long long)id);
    FORM(h, &c, action, &r, "on", "2026-06-10");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(action, sizeof action, "/devices/%lld", (long long)id);
    FORM(h, &c, action, &r, "model", "海康威视 DSJ-K2", "status", "repair", "note", "送修",
         "version", "3");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(action, sizeof action, "/devices/%lld/retire", (long long)id);
    FORM(h, &c, action, &r, "reason", "主板损坏");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "未配发执法装备");
    hresp_free(&r);
    snprintf(url, sizeof url, "/devices/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "<span class=\"status s-retired\">报废</span>");
    ASSERT_HAS(r, "送修；报废原因：主板损坏");
    ASSERT_LACKS(r, "/assign\"");
    ASSERT_LACKS(r, "/retire\"");
    hresp_free(&r);
}

static void test_refusals_stand_beside_their_fields(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t id = create_device(h, &c, "recorder", "JLY-001");
    struct hresp r;
    FORM(h, &c, "/devices", &r, "kind", "terminal", "number", "JLY-001", "model", "华为");
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    h_assert_field_error(&r, "number", "本机关已登记设备编号 JLY-001");
    ASSERT_HAS(r, "name=\"model\" value=\"华为\"");
    ASSERT_HAS(r, "<option value=\"terminal\" selected>");
    hresp_free(&r);

    char action[96];
    snprintf(action, sizeof action, "/devices/%lld/assign", (long long)id);
    FORM(h, &c, action, &r, "officer_id", "", "on", "2026-06-16");
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    h_assert_field_error(&r, "officer_id", "请选择执法人员");
    hresp_free(&r);
    int64_t zhang = create_officer(h, &c, "张执法", 1);
    char officer[24];
    snprintf(officer, sizeof officer, "%lld", (long long)zhang);
    FORM(h, &c, action, &r, "officer_id", officer, "on", "2026-06-16");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "on", "日期不能晚于今天（2026-06-15）");
    ASSERT_HAS(r, "name=\"on\" value=\"2026-06-16\"");
    hresp_free(&r);

    snprintf(action, sizeof action, "/devices/%lld/retire", (long long)id);
    FORM(h, &c, action, &r, "reason", "");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "reason", "请填写报废原因");
    hresp_free(&r);

    /* the API answers the fields */
    snprintf(action, sizeof action, "/api/v1/devices/%lld/assign", (long long)id);
    h_send_json(h, &c, "POST", action,
                json_pack("{sI ss}", "officer_id", (json_int_t)zhang, "on", "x"), &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "on"), "日期格式应为 YYYY-MM-DD");
    hresp_free(&r);
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM device_assignment", ""), "0");
}

/* ---- the API ------------------------------------------------------------------------------ */

static void test_api_history_and_counts(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t zhang = create_officer(h, &c, "张执法", 1);
    int64_t li = create_officer(h, &c, "李执法", 2);
    int64_t id = create_device(h, &c, "recorder", "JLY-001");
    create_device(h, &c, "terminal", "ZD-001");
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/devices/%lld/assign", (long long)id);
    h_send_json(h, &c, "POST", url,
                json_pack("{sI ss}", "officer_id", (json_int_t)zhang, "on", "2026-05-01"), &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "officer")), "张执法");
    hresp_free(&r);
    h_send_json(h, &c, "POST", url,
                json_pack("{sI ss}", "officer_id", (json_int_t)li, "on", "2026-06-01"), &r);
    ASSERT_STATUS(r, 200);
    json_t *history = json_object_get(r.json, "history");
    assert_int_equal(json_array_size(history), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(history, 1), "to_day")),
                        "2026-06-01");
    hresp_free(&r);

    snprintf(url, sizeof url, "/api/v1/devices/%lld", (long long)id);
    h_send_json(h, &c, "PUT", url, json_pack("{ss ss}", "model", "新型号", "status", "repair"), &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "status_label")), "维修");
    hresp_free(&r);

    h_request(h, &c, "GET", "/api/v1/devices/counts", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "summary")),
                        "执法记录仪1台、移动执法终端1台");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/devices/counts?agency=320411", NULL, &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);

    assert_int_equal(h_count_rows(h, &c, "/api/v1/devices?status=repair"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/devices?q=ZD"), 1);
}

/* ---- permissions and scope ---------------------------------------------------------------- */

static void test_only_officer_administrators_change_devices(void **state)
{
    struct harness *h = *state;
    struct client admin, viewer;
    h_login(h, &admin, "admin");
    int64_t id = create_device(h, &admin, "recorder", "JLY-001");
    h_login(h, &viewer, "officer");
    struct hresp r;
    h_request(h, &viewer, "GET", "/devices", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, ">JLY-001</a>");
    ASSERT_LACKS(r, "href=\"/devices/new\"");
    hresp_free(&r);
    char url[96];
    snprintf(url, sizeof url, "/devices/%lld", (long long)id);
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "/retire\"");
    hresp_free(&r);
    h_send_json(h, &viewer, "POST", "/api/v1/devices",
                json_pack("{ss ss}", "kind", "recorder", "number", "JLY-002"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/devices/%lld/retire", (long long)id);
    h_send_json(h, &viewer, "POST", url, json_pack("{ss}", "reason", "不想用了"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

static void test_other_county_gets_404(void **state)
{
    struct harness *h = *state;
    struct client admin, other;
    h_login(h, &admin, "admin");
    int64_t id = create_device(h, &admin, "recorder", "JLY-<b>001</b>");
    h_login(h, &other, "other");
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/devices/%lld", (long long)id);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_HAS(r, "设备不存在");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/devices/%lld/retire", (long long)id);
    h_send_json(h, &other, "POST", url, json_pack("{ss}", "reason", "越权"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &other, "GET", "/devices", NULL, &r);
    ASSERT_LACKS(r, "JLY-");
    hresp_free(&r);
    /* its own county's pages escape what was typed */
    h_request(h, &admin, "GET", "/devices", NULL, &r);
    ASSERT_LACKS(r, "<b>001");
    ASSERT_HAS(r, "JLY-&lt;b&gt;001&lt;/b&gt;");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_register_assign_edit_and_retire_through_the_pages),
        T(test_refusals_stand_beside_their_fields),
        T(test_api_history_and_counts),
        T(test_only_officer_administrators_change_devices),
        T(test_other_county_gets_404),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
