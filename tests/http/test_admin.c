/* test_admin.c — administration through the real router: agencies and departments, user
 * accounts, the audit trail and the start page (the holiday calendar: test_calendar.c). */
#include "tests/support.h"
#include "base/buf.h"
#include "base/codes.h"
#include "base/date.h"
#include "law/anchor.h"
#include "law/auth.h"
#include "web/signer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers ------------------------------------------------------------------------------ */

static int64_t agency_id(struct harness *h, const char *code)
{
    struct err e = {0};
    int64_t id = 0;
    assert_int_equal(db_get_int(h->db, &e, &id, "SELECT id FROM agency WHERE code = ?", "t", code),
                     0);
    return id;
}

static int64_t user_id(struct harness *h, const char *username)
{
    struct err e = {0};
    int64_t id = 0;
    assert_int_equal(
        db_get_int(h->db, &e, &id, "SELECT id FROM app_user WHERE username = ?", "t", username), 0);
    return id;
}

/* Log in through the API with a password; returns the status (and fills c on success). */
static int try_login(struct harness *h, struct client *c, const char *username,
                     const char *password)
{
    memset(c, 0, sizeof *c);
    struct hresp r;
    json_t *body = json_pack("{ss ss}", "username", username, "password", password);
    h_send_json(h, NULL, "POST", "/api/v1/login", body, &r);
    int status = r.status;
    if (status == 200) {
        const char *cookie = h_header(&r, "Set-Cookie");
        snprintf(c->cookie, sizeof c->cookie, "%.*s", (int)strcspn(cookie, ";"), cookie);
        snprintf(c->csrf, sizeof c->csrf, "%s", json_string_value(json_object_get(r.json, "csrf")));
    }
    hresp_free(&r);
    return status;
}

/* Status of GET target for client c. */
static int get_status(struct harness *h, struct client *c, const char *target)
{
    struct hresp r;
    h_request(h, c, "GET", target, NULL, &r);
    int status = r.status;
    hresp_free(&r);
    return status;
}

static void create_entity(struct harness *h, struct client *c, const char *name, int n,
                          const char *status)
{
    char uscc[USCC_LEN + 1];
    h_uscc(n, uscc);
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/entities",
                json_pack("{ss ss ss ss ss}", "name", name, "uscc", uscc, "address", "某路1号",
                          "subtype", "clinic", "status", status),
                &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
}

static void create_officer(struct harness *h, struct client *c, const char *name, int n,
                           int expires)
{
    char idno[IDCARD_LEN + 1], cert[16], from[DATE_STRLEN], to[DATE_STRLEN];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "ZF-%04d", n);
    day_t today = date_from_instant(h_clock());
    date_format(today - 400, from);
    date_format(today + expires, to);
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/officers",
                json_pack("{ss ss ss ss ss s[s]}", "name", name, "id_number", idno, "cert_no", cert,
                          "cert_issued", from, "cert_expires", to, "lines", "medical"),
                &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
}

/* ---- agencies ----------------------------------------------------------------------------- */

static void test_agency_list_create_show(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_request(h, &c, "GET", "/agencies", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "常州市武进区卫生健康局");
    ASSERT_LACKS(r, "常州市新北区卫生健康局");
    ASSERT_LACKS(r, "常州市卫生健康委员会");
    ASSERT_HAS(r, "action=\"/agencies\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/agencies", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(r.json), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(r.json, 0), "code")),
                        "320412");
    hresp_free(&r);

    /* API create */
    h_send_json(h, &c, "POST", "/api/v1/agencies",
                json_pack("{ss ss ss ss ss ss}", "code", "32041201", "name", "湖塘卫生监督分所",
                          "short_name", "湖", "division_code", "320412001", "level", "other",
                          "parent", "320412"),
                &r);
    ASSERT_STATUS(r, 201);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    assert_true(id > 0);
    assert_string_equal(json_string_value(json_object_get(r.json, "code")), "32041201");
    assert_string_equal(json_string_value(json_object_get(r.json, "level_label")), "其他");
    hresp_free(&r);

    /* form create */
    h_send_form(h, &c, "/agencies",
                h_form("parent", "320412", "code", "32041202", "name", "牛塘卫生监督分所",
                       "short_name", "", "division_code", "", "level", "other", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/agencies?saved=1");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/agencies", NULL, &r);
    assert_int_equal(json_array_size(r.json), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(r.json, 1), "depth")), 1);
    hresp_free(&r);
    h_request(h, &c, "GET", "/agencies", NULL, &r);
    ASSERT_HAS(r, "牛塘卫生监督分所");
    ASSERT_HAS(r, "class=\"depth-1\"");
    hresp_free(&r);

    /* show */
    char url[80];
    snprintf(url, sizeof url, "/agencies/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<h1>湖塘卫生监督分所</h1>");
    ASSERT_HAS(r, "name=\"division_code\" value=\"320412001\"");
    ASSERT_HAS(r, "<option value=\"other\" selected>");
    ASSERT_HAS(r, "暂无科室");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/agencies/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "short_name")), "湖");
    assert_true(json_is_array(json_object_get(r.json, "departments")));
    hresp_free(&r);
    assert_int_equal(get_status(h, &c, "/api/v1/agencies/999999"), 404);
    assert_int_equal(get_status(h, &c, "/agencies/999999"), 404);
}

static void test_agency_validation_and_conflict(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_send_form(h, &c, "/agencies",
                h_form("parent", "320412", "code", "", "name", "名称过长的机构", "short_name",
                       "简称太长了", "division_code", "12", "level", "galaxy", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "code", "请填写机构代码");
    h_assert_field_error(&r, "short_name", "简称不超过4个字");
    h_assert_field_error(&r, "division_code", "行政区划代码应为6、9或12位数字");
    h_assert_field_error(&r, "level", "级别应为省级、市级、县区级或其他");
    ASSERT_HAS(r, "name=\"name\" value=\"名称过长的机构\"");
    ASSERT_HAS(r, "常州市武进区卫生健康局"); /* the list is still shown */
    hresp_free(&r);

    h_request(h, &c, "POST", "/api/v1/agencies", "{\"parent\":\"320412\"}", &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "code"), "请填写机构代码");
    assert_string_equal(h_field_msg(&r, "name"), "请填写机构名称");
    hresp_free(&r);

    /* an existing code */
    h_send_json(h, &c, "POST", "/api/v1/agencies",
                json_pack("{ss ss ss}", "code", "320411", "name", "重复", "parent", "320412"), &r);
    ASSERT_STATUS(r, 409);
    assert_string_equal(h_field_msg(&r, "code"), "机构代码 320411 已存在");
    hresp_free(&r);

    /* a county administrator cannot create a top-level agency */
    h_send_json(h, &c, "POST", "/api/v1/agencies",
                json_pack("{ss ss}", "code", "X1", "name", "顶级"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

static void test_agency_parent_outside_scope_is_field_error(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    static const char *const parents[] = {"320400", "320411", "999999"};
    for (size_t i = 0; i < 3; i++) {
        h_send_json(
            h, &c, "POST", "/api/v1/agencies",
            json_pack("{ss ss ss}", "code", "32049901", "name", "越界分所", "parent", parents[i]),
            &r);
        ASSERT_STATUS(r, 422);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(r.json, "error"), "code")),
            "invalid");
        assert_string_equal(h_field_msg(&r, "parent"), "上级机构不存在或不在您的管辖范围内");
        hresp_free(&r);
    }
    h_send_form(
        h, &c, "/agencies",
        h_form("parent", "320400", "code", "32049901", "name", "越界分所", "level", "other", NULL),
        &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "parent", "上级机构不存在或不在您的管辖范围内");
    ASSERT_HAS(r, "name=\"code\" value=\"32049901\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/agencies", NULL, &r);
    assert_int_equal(json_array_size(r.json), 1);
    hresp_free(&r);
}

static void test_agency_update_and_departments(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t own = agency_id(h, "320412");
    char url[96];
    struct hresp r;

    snprintf(url, sizeof url, "/api/v1/agencies/%lld", (long long)own);
    h_send_json(h, &c, "PUT", url,
                json_pack("{ss ss ss ss}", "name", "武进区卫生健康局", "short_name", "武",
                          "division_code", "320412", "level", "county"),
                &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "武进区卫生健康局");
    assert_string_equal(json_string_value(json_object_get(r.json, "short_name")), "武");
    hresp_free(&r);
    h_send_json(h, &c, "PUT", url, json_pack("{ss}", "name", ""), &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "name"), "请填写机构名称");
    hresp_free(&r);

    snprintf(url, sizeof url, "/agencies/%lld", (long long)own);
    h_send_form(h, &c, url,
                h_form("name", "常州市武进区卫生健康局", "short_name", "武", "division_code",
                       "320412", "level", "county", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    char want[96];
    snprintf(want, sizeof want, "/agencies/%lld?saved=1", (long long)own);
    assert_string_equal(r.location, want);
    hresp_free(&r);
    h_send_form(h, &c, url, h_form("name", "", "short_name", "武", "level", "county", NULL), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "name", "请填写机构名称");
    hresp_free(&r);

    /* departments */
    snprintf(url, sizeof url, "/api/v1/agencies/%lld/departments", (long long)own);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "name", "监督一科"), &r);
    ASSERT_STATUS(r, 201);
    assert_true(json_integer_value(json_object_get(r.json, "id")) > 0);
    hresp_free(&r);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "name", "监督一科"), &r);
    ASSERT_STATUS(r, 409);
    assert_string_equal(h_field_msg(&r, "name"), "该机构已有名为“监督一科”的科室");
    hresp_free(&r);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "name", ""), &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    snprintf(url, sizeof url, "/agencies/%lld/departments", (long long)own);
    h_send_form(h, &c, url, h_form("name", "监督二科", NULL), &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, want);
    hresp_free(&r);
    h_send_form(h, &c, url, h_form("name", "", NULL), &r);
    ASSERT_STATUS(r, 422);
    /* the message stands under the department form, not under the agency's own name field */
    ASSERT_HAS(r,
               "maxlength=\"40\"></label>\n    <span class=\"field-error\">请填写科室名称</span>");
    hresp_free(&r);

    snprintf(url, sizeof url, "/agencies/%lld", (long long)own);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<li class=\"tag\">监督一科</li>");
    ASSERT_HAS(r, "<li class=\"tag\">监督二科</li>");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/agencies/%lld", (long long)own);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "departments")), 2);
    hresp_free(&r);
}

static void test_agency_permissions_and_scope(void **state)
{
    struct harness *h = *state;
    struct client officer, admin, city;
    h_login(h, &officer, "officer");
    h_login(h, &admin, "admin");
    int64_t own = agency_id(h, "320412"), parent = agency_id(h, "320400");
    char url[96];
    struct hresp r;

    assert_int_equal(get_status(h, &officer, "/agencies"), 403);
    assert_int_equal(get_status(h, &officer, "/api/v1/agencies"), 403);
    snprintf(url, sizeof url, "/agencies/%lld", (long long)own);
    assert_int_equal(get_status(h, &officer, url), 403);
    h_send_json(h, &officer, "POST", "/api/v1/agencies",
                json_pack("{ss ss ss}", "code", "X2", "name", "越权", "parent", "320412"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    snprintf(url, sizeof url, "/agencies/%lld/departments", (long long)own);
    h_send_form(h, &officer, url, h_form("name", "越权科", NULL), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);

    /* the county administrator does not see the city */
    snprintf(url, sizeof url, "/agencies/%lld", (long long)parent);
    h_request(h, &admin, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_HAS(r, "机构不存在");
    ASSERT_LACKS(r, "常州市卫生健康委员会");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/agencies/%lld", (long long)parent);
    assert_int_equal(get_status(h, &admin, url), 404);
    h_send_json(h, &admin, "PUT", url, json_pack("{ss}", "name", "篡改"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/agencies/%lld", (long long)parent);
    h_send_form(h, &admin, url, h_form("name", "篡改", NULL), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/agencies/%lld/departments", (long long)parent);
    h_send_json(h, &admin, "POST", url, json_pack("{ss}", "name", "越界科"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);

    /* the city sees itself and both counties, unchanged */
    h_login(h, &city, "city");
    snprintf(url, sizeof url, "/api/v1/agencies/%lld", (long long)parent);
    h_request(h, &city, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "常州市卫生健康委员会");
    assert_int_equal(json_array_size(json_object_get(r.json, "departments")), 0);
    hresp_free(&r);
    h_request(h, &city, "GET", "/api/v1/agencies", NULL, &r);
    assert_int_equal(json_array_size(r.json), 3);
    hresp_free(&r);
}

/* ---- users -------------------------------------------------------------------------------- */

static void test_user_create_with_roles(void **state)
{
    struct harness *h = *state;
    struct client c, n;
    h_login(h, &c, "admin");
    struct hresp r;
    h_request(h, &c, "GET", "/users", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "\">viewer</a></td>");
    ASSERT_LACKS(r, "\">other</a></td>");
    ASSERT_LACKS(r, "\">city</a></td>");
    ASSERT_HAS(r, "value=\"auditor\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/users", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(r.json), 7);
    hresp_free(&r);

    h_send_json(h, &c, "POST", "/api/v1/users",
                json_pack("{ss ss ss ss s[ss]}", "username", "newbie", "display_name", "新人",
                          "password", TEST_PASSWORD, "agency", "320412", "roles", "officer",
                          "clerk"),
                &r);
    ASSERT_STATUS(r, 201);
    assert_string_equal(json_string_value(json_object_get(r.json, "username")), "newbie");
    assert_true(json_integer_value(json_object_get(r.json, "id")) > 0);
    hresp_free(&r);
    h_login(h, &n, "newbie");
    h_request(h, &n, "GET", "/api/v1/me", NULL, &r);
    json_t *roles = json_object_get(r.json, "roles");
    assert_int_equal(json_array_size(roles), 2);
    assert_string_equal(json_string_value(json_array_get(roles, 0)), "officer");
    assert_string_equal(json_string_value(json_array_get(roles, 1)), "clerk");
    hresp_free(&r);
    assert_int_equal(get_status(h, &n, "/entities/new"), 200);
    assert_int_equal(get_status(h, &n, "/users"), 403);

    /* the form with checkbox roles */
    h_send_form(h, &c, "/users",
                h_form("username", "formuser", "display_name", "表单用户", "password",
                       TEST_PASSWORD, "agency", "320412", "roles", "viewer", "roles", "auditor",
                       NULL),
                &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/users?saved=1");
    hresp_free(&r);
    h_login(h, &n, "formuser");
    assert_int_equal(get_status(h, &n, "/audit"), 200);
    assert_int_equal(get_status(h, &n, "/entities/new"), 403);
    h_request(h, &c, "GET", "/users", NULL, &r);
    ASSERT_HAS(r, "表单用户");
    ASSERT_HAS(r, "<span class=\"tag\">只读</span>");
    hresp_free(&r);
}

static void test_user_validation(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_send_form(h, &c, "/users",
                h_form("username", "weakling", "display_name", "弱密码", "password", "abc",
                       "agency", "320412", "roles", "viewer", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "password", "密码至少8位");
    ASSERT_HAS(r, "name=\"username\" value=\"weakling\"");
    ASSERT_HAS(r, "name=\"display_name\" value=\"弱密码\"");
    ASSERT_LACKS(r, "value=\"abc\"");                         /* never echo a password */
    ASSERT_HAS(r, "name=\"roles\" value=\"viewer\" checked"); /* the chosen roles stay */
    hresp_free(&r);

    h_send_json(h, &c, "POST", "/api/v1/users",
                json_pack("{ss ss ss ss s[s]}", "username", "weak2", "display_name", "弱",
                          "password", "abcdefgh", "agency", "320412", "roles", "viewer"),
                &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "password"), "密码须同时包含字母和数字");
    hresp_free(&r);
    h_send_json(h, &c, "POST", "/api/v1/users",
                json_pack("{ss ss ss ss s[s]}", "username", "a b", "display_name", "", "password",
                          TEST_PASSWORD, "agency", "320412", "roles", "superuser"),
                &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "username"));
    assert_string_equal(h_field_msg(&r, "display_name"), "请填写姓名");
    assert_string_equal(h_field_msg(&r, "roles"), "请至少选择一个角色");
    hresp_free(&r);
    h_send_json(h, &c, "POST", "/api/v1/users",
                json_pack("{ss ss ss ss s[s]}", "username", "crosser", "display_name", "跨区",
                          "password", TEST_PASSWORD, "agency", "320411", "roles", "viewer"),
                &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "agency"), "不在您的管辖范围内"));
    hresp_free(&r);
    h_send_json(h, &c, "POST", "/api/v1/users",
                json_pack("{ss ss ss ss s[s]}", "username", "other", "display_name", "重名",
                          "password", TEST_PASSWORD, "agency", "320412", "roles", "viewer"),
                &r);
    ASSERT_STATUS(r, 409);
    assert_string_equal(h_field_msg(&r, "username"), "用户名 other 已被使用");
    hresp_free(&r);

    struct client officer;
    h_login(h, &officer, "officer");
    assert_int_equal(get_status(h, &officer, "/users"), 403);
    assert_int_equal(get_status(h, &officer, "/api/v1/users"), 403);
    h_send_json(h, &officer, "POST", "/api/v1/users",
                json_pack("{ss ss ss ss s[s]}", "username", "sneaky", "display_name", "越权",
                          "password", TEST_PASSWORD, "agency", "320412", "roles", "admin"),
                &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

/* The accounts in daily use: an administrator's page per user (roles, password, status, the
 * 执法人员 it belongs to), and every user's own password. */
static void test_user_page_officer_link_and_own_password(void **state)
{
    struct harness *h = *state;
    struct client c, o, o2;
    h_login(h, &c, "admin");
    int64_t id = user_id(h, "officer");
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/users/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "未关联");
    ASSERT_HAS(r, "action=\"/users/");
    hresp_free(&r);
    /* link it to an officer by 执法证号 (page), and refuse an unknown one (field error) */
    create_officer(h, &c, "关联人员", 51, 1000);
    snprintf(url, sizeof url, "/users/%lld/officer", (long long)id);
    h_send_form(h, &c, url, h_form("cert_no", "NO-SUCH", NULL), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "cert_no", "执法证号 NO-SUCH 的执法人员不存在或不在您的管辖范围内");
    hresp_free(&r);
    struct err e = {0};
    const char *cert = NULL;
    struct db_stmt *st =
        db_query(h->db, &e, "SELECT cert_no FROM officer WHERE name = '关联人员'", "");
    if (st && db_step(st, &e) == DB_ROW) cert = arena_strdup(&h->arena, db_text(st, 0));
    db_done(st);
    assert_non_null(cert);
    h_send_form(h, &c, url, h_form("cert_no", cert, NULL), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/users/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "officer"), "cert_no")), cert);
    hresp_free(&r);
    /* the user's own password: the current one is checked, the new one twice; other sessions
     * end, the one in use stays */
    h_login(h, &o, "officer");
    h_login(h, &o2, "officer");
    h_send_form(h, &o, "/me/password",
                h_form("current", "wrong-pass1", "password", "newpass2027", "password2",
                       "newpass2027", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "current", "当前密码不正确");
    hresp_free(&r);
    h_send_form(h, &o, "/me/password",
                h_form("current", TEST_PASSWORD, "password", "newpass2027", "password2",
                       "newpass2028", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "password2", "两次输入的新密码不一致");
    hresp_free(&r);
    h_send_form(h, &o, "/me/password",
                h_form("current", TEST_PASSWORD, "password", "newpass2027", "password2",
                       "newpass2027", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    assert_int_equal(get_status(h, &o, "/api/v1/me"), 200);
    assert_int_equal(get_status(h, &o2, "/api/v1/me"), 401);
    assert_int_equal(try_login(h, &o2, "officer", TEST_PASSWORD), 401);
    assert_int_equal(try_login(h, &o2, "officer", "newpass2027"), 200);
}

static void test_user_set_roles(void **state)
{
    struct harness *h = *state;
    struct client c, v;
    h_login(h, &c, "admin");
    h_login(h, &v, "viewer");
    int64_t id = user_id(h, "viewer");
    char url[96];
    struct hresp r;
    assert_int_equal(get_status(h, &v, "/entities/new"), 403);
    snprintf(url, sizeof url, "/api/v1/users/%lld/roles", (long long)id);
    h_send_json(h, &c, "POST", url, json_pack("{s[ss]}", "roles", "clerk", "viewer"), &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_is_true(json_object_get(r.json, "ok")));
    hresp_free(&r);
    /* the running session has the new roles at once */
    assert_int_equal(get_status(h, &v, "/entities/new"), 200);
    h_request(h, &v, "GET", "/api/v1/me", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "roles")), 2);
    hresp_free(&r);

    h_send_json(h, &c, "POST", url, json_pack("{s[]}", "roles"), &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "roles"), "请至少选择一个角色");
    hresp_free(&r);
    h_send_json(h, &c, "POST", url, json_pack("{s[s]}", "roles", "emperor"), &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);

    snprintf(url, sizeof url, "/users/%lld/roles", (long long)id);
    h_send_form(h, &c, url, h_form("roles", "viewer", NULL), &r);
    ASSERT_STATUS(r, 303);
    char back[64];
    snprintf(back, sizeof back, "/users/%lld?saved=1", (long long)id);
    assert_string_equal(r.location, back);
    hresp_free(&r);
    assert_int_equal(get_status(h, &v, "/entities/new"), 403);

    /* a user of another county is out of reach */
    snprintf(url, sizeof url, "/api/v1/users/%lld/roles", (long long)user_id(h, "other"));
    h_send_json(h, &c, "POST", url, json_pack("{s[s]}", "roles", "viewer"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/users/%lld/roles", (long long)user_id(h, "city"));
    h_send_json(h, &c, "POST", url, json_pack("{s[s]}", "roles", "viewer"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    struct client other;
    h_login(h, &other, "other");
    h_request(h, &other, "GET", "/api/v1/me", NULL, &r);
    assert_string_equal(json_string_value(json_array_get(json_object_get(r.json, "roles"), 0)),
                        "admin");
    hresp_free(&r);
}

static void test_user_disable_ends_sessions(void **state)
{
    struct harness *h = *state;
    struct client c, clerk;
    h_login(h, &c, "admin");
    h_login(h, &clerk, "clerk");
    struct err e = {0};
    char token[SECRET_HEX + 1];
    assert_int_equal(token_create(&h->ctx, "clerk", "脚本", token, &e), 0);
    struct client bearer;
    memset(&bearer, 0, sizeof bearer);
    snprintf(bearer.token, sizeof bearer.token, "%s", token);
    assert_int_equal(get_status(h, &bearer, "/api/v1/me"), 200);

    int64_t id = user_id(h, "clerk");
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/users/%lld/status", (long long)id);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "status", "disabled"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    assert_int_equal(get_status(h, &clerk, "/api/v1/me"), 401);
    assert_int_equal(get_status(h, &clerk, "/entities"), 303);
    assert_int_equal(get_status(h, &bearer, "/api/v1/me"), 401);
    struct client again;
    assert_int_equal(try_login(h, &again, "clerk", TEST_PASSWORD), 401);
    h_request(h, &c, "GET", "/users", NULL, &r);
    ASSERT_HAS(r, "已停用");
    ASSERT_HAS(r, "<input type=\"hidden\" name=\"status\" value=\"active\">");
    hresp_free(&r);

    /* enabling through the form: logging in works again; the token stays revoked */
    snprintf(url, sizeof url, "/users/%lld/status", (long long)id);
    h_send_form(h, &c, url, h_form("status", "active", NULL), &r);
    ASSERT_STATUS(r, 303);
    assert_true(str_prefix(r.location, "/users/"));
    hresp_free(&r);
    assert_int_equal(try_login(h, &again, "clerk", TEST_PASSWORD), 200);
    assert_int_equal(get_status(h, &again, "/api/v1/me"), 200);
    assert_int_equal(get_status(h, &bearer, "/api/v1/me"), 401);

    h_send_form(h, &c, url, h_form("status", "deleted", NULL), &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    /* an administrator cannot lock themselves out */
    snprintf(url, sizeof url, "/api/v1/users/%lld/status", (long long)user_id(h, "admin"));
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "status", "disabled"), &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    assert_int_equal(get_status(h, &c, "/api/v1/me"), 200);
    snprintf(url, sizeof url, "/api/v1/users/%lld/status", (long long)user_id(h, "other"));
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "status", "disabled"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    struct client other;
    assert_int_equal(try_login(h, &other, "other", TEST_PASSWORD), 200);
}

static void test_user_reset_password(void **state)
{
    struct harness *h = *state;
    struct client c, leader;
    h_login(h, &c, "admin");
    h_login(h, &leader, "leader");
    int64_t id = user_id(h, "leader");
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/users/%lld/password", (long long)id);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "password", "short1"), &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "password"), "密码至少8位");
    hresp_free(&r);
    assert_int_equal(get_status(h, &leader, "/api/v1/me"), 200); /* nothing changed */

    h_send_json(h, &c, "POST", url, json_pack("{ss}", "password", "Newpass2027"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    assert_int_equal(get_status(h, &leader, "/api/v1/me"), 401); /* sessions end */
    struct client again;
    assert_int_equal(try_login(h, &again, "leader", TEST_PASSWORD), 401);
    assert_int_equal(try_login(h, &again, "leader", "Newpass2027"), 200);

    snprintf(url, sizeof url, "/users/%lld/password", (long long)id);
    h_send_form(h, &c, url, h_form("password", "Another2028", NULL), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    assert_int_equal(try_login(h, &again, "leader", "Another2028"), 200);

    snprintf(url, sizeof url, "/api/v1/users/%lld/password", (long long)user_id(h, "other"));
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "password", "Hijack2027"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_int_equal(try_login(h, &again, "other", TEST_PASSWORD), 200);
}

/* ---- audit -------------------------------------------------------------------------------- */

static void test_audit_list_search_verify(void **state)
{
    struct harness *h = *state;
    struct client c, auditor, officer, other;
    h_login(h, &c, "admin");
    create_entity(h, &c, "审计诊所", 1, "open");
    struct hresp r;

    h_request(h, &c, "GET", "/audit", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记管理相对人 审计诊所");
    ASSERT_HAS(r, "title=\"entity.create\">登记管理相对人</td>"); /* readable, code kept */
    ASSERT_HAS(r, "<td class=\"nowrap\" title=\"账号 admin\">admin</td>");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/audit", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *rows = json_object_get(r.json, "rows");
    assert_true(json_array_size(rows) >= 2);
    json_t *newest = json_array_get(rows, 0);
    assert_string_equal(json_string_value(json_object_get(newest, "action")), "entity.create");
    assert_string_equal(json_string_value(json_object_get(newest, "summary")),
                        "登记管理相对人 审计诊所");
    assert_non_null(json_object_get(newest, "time"));
    hresp_free(&r);

    /* search */
    h_request(h, &c, "GET", "/api/v1/audit?q=审计诊所", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 1);
    hresp_free(&r);
    h_request(h, &c, "GET", "/audit?q=%E5%AE%A1%E8%AE%A1", NULL, &r); /* 审计 */
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记管理相对人 审计诊所");
    ASSERT_HAS(r, "name=\"q\" value=\"审计\"");
    ASSERT_LACKS(r, "user.login");
    hresp_free(&r);
    h_request(h, &c, "GET", "/audit?q=不存在的操作", NULL, &r);
    ASSERT_HAS(r, "没有记录");
    hresp_free(&r);

    /* paging by id */
    h_request(h, &c, "GET", "/audit?limit=1", NULL, &r);
    ASSERT_HAS(r, "href=\"/audit?before=");
    ASSERT_HAS(r, "更早的记录");
    hresp_free(&r);

    /* verify */
    h_request(h, &c, "GET", "/audit/verify", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "完整：共");
    ASSERT_HAS(r, "哈希链未发现篡改或删除");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/audit/verify", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_is_true(json_object_get(r.json, "intact")));
    assert_true(json_integer_value(json_object_get(r.json, "rows")) >= 2);
    hresp_free(&r);

    /* who may read it */
    h_login(h, &auditor, "auditor");
    assert_int_equal(get_status(h, &auditor, "/audit"), 200);
    assert_int_equal(get_status(h, &auditor, "/api/v1/audit"), 200);
    assert_int_equal(get_status(h, &auditor, "/audit/verify"), 200);
    h_login(h, &officer, "officer");
    assert_int_equal(get_status(h, &officer, "/audit"), 403);
    assert_int_equal(get_status(h, &officer, "/api/v1/audit"), 403);
    assert_int_equal(get_status(h, &officer, "/audit/verify"), 403);
    assert_int_equal(get_status(h, NULL, "/api/v1/audit"), 401);

    /* another county sees neither the entity nor this county's log-ins */
    h_login(h, &other, "other");
    h_request(h, &other, "GET", "/api/v1/audit?q=审计诊所", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 0);
    hresp_free(&r);
    h_request(h, &other, "GET", "/api/v1/audit?q=user.login", NULL, &r);
    rows = json_object_get(r.json, "rows");
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        if (strcmp(json_string_value(json_object_get(row, "username")), "other") != 0)
            fail_msg("county 320411 sees the log-in of %s",
                     json_string_value(json_object_get(row, "username")));
    }
    hresp_free(&r);
}

/* ---- home --------------------------------------------------------------------------------- */

static void test_home_page_counts(void **state)
{
    struct harness *h = *state;
    struct client c, other;
    h_login(h, &c, "admin");
    struct hresp r;
    h_request(h, &c, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<b>0</b><span>管理相对人</span>");
    ASSERT_HAS(r, "暂无数据");
    hresp_free(&r);

    create_entity(h, &c, "营业诊所", 1, "open");
    create_entity(h, &c, "注销诊所", 2, "closed");
    create_officer(h, &c, "正常人员", 1, 1000);
    create_officer(h, &c, "将到期人员", 2, 10);
    create_officer(h, &c, "已过期人员", 3, -3);
    h_request(h, &c, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<b>2</b><span>管理相对人</span>");
    ASSERT_HAS(r, "<b>1</b><span>正常营业</span>");
    ASSERT_HAS(r, "<b>3</b><span>在岗执法人员</span>");
    ASSERT_HAS(r, "<b>1</b><span>执法证30日内到期</span>");
    ASSERT_HAS(r, "<b>1</b><span>执法证已过期</span>");
    ASSERT_HAS(r, "<a href=\"/entities?line=medical\">医疗卫生</a></td><td class=\"num\">2</td>");
    ASSERT_HAS(r, "class=\"active\" aria-current=\"page\">首页</a>");
    hresp_free(&r);

    /* counts are per scope */
    h_login(h, &other, "other");
    h_request(h, &other, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<b>0</b><span>管理相对人</span>");
    ASSERT_HAS(r, "<b>0</b><span>在岗执法人员</span>");
    hresp_free(&r);

    /* the navigation follows the roles */
    struct client viewer;
    h_login(h, &viewer, "viewer");
    h_request(h, &viewer, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "href=\"/entities\"");
    ASSERT_LACKS(r, "href=\"/users\"");
    ASSERT_LACKS(r, "href=\"/audit\"");
    hresp_free(&r);
}

/* Signed heads: auditors sign on demand when the server has a key (and are told why not when it
 * has none), the heads are public as JSON lines, and the verify page checks the chain against
 * them — a rewritten, re-hashed chain passes the chain's own check but not this one. */
static void test_audit_heads_signed_published_and_checked(void **state)
{
    struct harness *h = *state;
    struct client auditor, officer;
    struct hresp r;
    h_login(h, &auditor, "auditor");
    h_login(h, &officer, "officer");
    h_request(h, &auditor, "GET", "/audit/heads", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "未配置签名密钥");
    ASSERT_LACKS(r, "立即签署当前链头");
    hresp_free(&r);
    h_request(h, &auditor, "POST", "/api/v1/audit/heads", "{}", &r);
    ASSERT_STATUS(r, 409);
    ASSERT_HAS(r, "--audit-key");
    hresp_free(&r);

    char path[128];
    snprintf(path, sizeof path, "%s/audit.key", h->dir);
    struct anchor_key k;
    struct err e = {0};
    assert_int_equal(anchor_key_create(path, &k, &e), 0);
    assert_int_equal(signer_start(h->url, path, &e), 0);
    h_request(h, &auditor, "POST", "/api/v1/audit/heads", "{}", &r);
    ASSERT_STATUS(r, 201);
    assert_string_equal(json_string_value(json_object_get(r.json, "public_key")), k.public_key);
    assert_int_equal(strlen(json_string_value(json_object_get(r.json, "signature"))), 128);
    hresp_free(&r);
    h_send_form(h, &auditor, "/audit/heads", h_form("_csrf", auditor.csrf, NULL), &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/audit/heads?signed=1");
    hresp_free(&r);
    h_request(h, &auditor, "GET", "/audit/heads?signed=1", NULL, &r);
    ASSERT_HAS(r, "已签署当前链头");
    ASSERT_HAS(r, k.public_key);
    ASSERT_HAS(r, "即时");
    hresp_free(&r);
    h_request(h, &officer, "POST", "/api/v1/audit/heads", "{}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);

    /* published to anyone, as JSON lines that parse and verify */
    h_request(h, NULL, "GET", "/public/audit-heads.txt", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_non_null(strstr(r.content_type, "text/plain"));
    struct anchor_head *heads;
    size_t n;
    assert_int_equal(anchor_parse(r.body, r.len, &heads, &n, &e), 0);
    assert_true(n >= 2);
    hresp_free(&r);
    h_request(h, &auditor, "GET", "/audit/verify", NULL, &r);
    ASSERT_HAS(r, "签名有效，审计链与每个链头一致");
    hresp_free(&r);

    /* rows after the last head rewritten and re-hashed: the chain alone holds, the heads not */
    int64_t head = heads[n - 1].last_id;
    free(heads);
    assert_int_equal(db_begin(h->db, &e), 0);
    db_exec(h->db, &e, "DELETE FROM audit_log WHERE id >= ?", "i", head - 1);
    db_exec(h->db, &e,
            "UPDATE audit_head SET last_id = ?, hash = (SELECT hash FROM audit_log WHERE id = ?)",
            "ii", head - 2, head - 2);
    assert_int_equal(db_commit(h->db, &e), 0);
    struct client admin;
    h_login(h, &admin, "admin"); /* the log-in and the entity are appended after the cut */
    create_entity(h, &admin, "改写诊所", 77, "open");
    h_request(h, &auditor, "GET", "/api/v1/audit/verify", NULL, &r);
    assert_true(json_is_true(json_object_get(r.json, "intact")));
    json_t *hv = json_object_get(r.json, "heads");
    assert_false(json_is_true(json_object_get(hv, "ok")));
    assert_non_null(strstr(json_string_value(json_object_get(hv, "reason")), "改写"));
    hresp_free(&r);
    h_request(h, &auditor, "GET", "/audit/verify", NULL, &r);
    ASSERT_HAS(r, "重新计算了哈希");
    hresp_free(&r);
    signer_stop();
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_agency_list_create_show),
        T(test_agency_validation_and_conflict),
        T(test_agency_parent_outside_scope_is_field_error),
        T(test_agency_update_and_departments),
        T(test_agency_permissions_and_scope),
        T(test_user_create_with_roles),
        T(test_user_validation),
        T(test_user_page_officer_link_and_own_password),
        T(test_user_set_roles),
        T(test_user_disable_ends_sessions),
        T(test_user_reset_password),
        T(test_audit_list_search_verify),
        T(test_audit_heads_signed_published_and_checked),
        T(test_home_page_counts),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
