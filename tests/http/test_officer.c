/* test_officer.c — the officer registry (执法人员) through the real router: list with certificate
 * flags and filters, create/edit (form and JSON), validation, conflicts, annual reviews, the
 * enforcement standing on the detail page, permissions, scope and exports. */
#include "tests/support.h"
#include "base/buf.h"
#include "base/codes.h"
#include "base/date.h"
#include "law/officer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers ------------------------------------------------------------------------------ */

/* Today (Asia/Shanghai) plus offset days, as YYYY-MM-DD. */
static const char *day_from_today(int offset, char out[DATE_STRLEN])
{
    date_format(date_from_instant(h_clock()) + offset, out);
    return out;
}

/* The JSON fields of a valid officer: ID number seq, certificate cert_no, certificate valid from
 * today + issued to today + expires. */
static json_t *officer_json(const char *name, int seq, const char *cert_no, int issued, int expires)
{
    char idno[IDCARD_LEN + 1], from[DATE_STRLEN], to[DATE_STRLEN];
    h_idno(seq, idno);
    return json_pack("{ss ss ss ss ss s[s]}", "name", name, "id_number", idno, "cert_no", cert_no,
                     "cert_issued", day_from_today(issued, from), "cert_expires",
                     day_from_today(expires, to), "lines", "medical");
}

/* Register an officer through the API; extra (stolen, may be NULL) adds or replaces fields. */
static int64_t create_officer(struct harness *h, struct client *c, const char *name, int seq,
                              const char *cert_no, int issued, int expires, json_t *extra)
{
    json_t *o = officer_json(name, seq, cert_no, issued, expires);
    if (extra) {
        json_object_update(o, extra);
        json_decref(extra);
    }
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/officers", o, &r);
    ASSERT_STATUS(r, 201);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    assert_true(id > 0);
    hresp_free(&r);
    return id;
}

/* The table row of the list page that links to name (up to </tr>), into out. */
static void row_of(const struct hresp *r, const char *name, char *out, size_t n)
{
    char needle[96];
    snprintf(needle, sizeof needle, ">%s</a>", name);
    const char *at = strstr(r->body, needle);
    if (!at) fail_msg("no row for %s: %.1500s", name, r->body);
    const char *end = strstr(at, "</tr>");
    assert_non_null(end);
    snprintf(out, n, "%.*s", (int)(end - at), at);
}

/* The year whose annual review must have been passed today (law/officer.c, review_year_due). */
static int review_year_due_today(void)
{
    day_t today = date_from_instant(h_clock());
    int y = date_year(today);
    return today > date_from_ymd(y, REVIEW_DUE_MONTH, REVIEW_DUE_DAY) ? y - 1 : y - 2;
}

/* ---- list --------------------------------------------------------------------------------- */

static void test_list_flags_and_filters(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t first = create_officer(h, &c, "张正常", 1, "ZF-0001", -100, 1000, NULL);
    /* the read-only role sees the officer's 身份证号 masked */
    struct client viewer;
    h_login(h, &viewer, "viewer");
    char url[64], idno[IDCARD_LEN + 1];
    h_idno(1, idno);
    snprintf(url, sizeof url, "/api/v1/officers/%lld", (long long)first);
    struct hresp v;
    h_request(h, &viewer, "GET", url, NULL, &v);
    ASSERT_STATUS(v, 200);
    ASSERT_LACKS(v, idno);
    assert_non_null(strstr(json_string_value(json_object_get(v.json, "id_number")), "********"));
    hresp_free(&v);
    h_request(h, &viewer, "GET", "/api/v1/officers", NULL, &v);
    ASSERT_LACKS(v, idno);
    hresp_free(&v);
    create_officer(h, &c, "李将到期", 2, "ZF-0002", -1000, 10, NULL);
    create_officer(h, &c, "王已过期", 3, "ZF-0003", -2000, -5,
                   json_pack("{s[ss]}", "lines", "public_place", "water"));
    create_officer(h, &c, "赵暂停", 4, "ZF-0004", -100, 1000,
                   json_pack("{ss ss}", "status", "suspended", "status_reason", "调离执法岗位"));

    struct hresp r;
    char row[2048];
    h_request(h, &c, "GET", "/officers", NULL, &r);
    ASSERT_STATUS(r, 200);
    row_of(&r, "李将到期", row, sizeof row);
    assert_non_null(strstr(row, "即将到期"));
    assert_null(strstr(row, "已过期"));
    row_of(&r, "王已过期", row, sizeof row);
    assert_non_null(strstr(row, "已过期"));
    assert_null(strstr(row, "即将到期"));
    row_of(&r, "张正常", row, sizeof row);
    assert_null(strstr(row, "即将到期"));
    assert_null(strstr(row, "已过期"));
    assert_non_null(strstr(row, "在岗"));
    row_of(&r, "赵暂停", row, sizeof row);
    assert_non_null(strstr(row, "暂停"));
    ASSERT_HAS(r, "href=\"/officers/new\"");
    hresp_free(&r);

    /* only certificates expiring within 30 days or expired */
    h_request(h, &c, "GET", "/officers?expiring=1", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "李将到期");
    ASSERT_HAS(r, "王已过期");
    ASSERT_LACKS(r, "张正常");
    ASSERT_HAS(r, "name=\"expiring\" value=\"1\" checked");
    hresp_free(&r);
    /* the start page's two tiles apart: expiring, and expired */
    h_request(h, &c, "GET", "/officers?cert=expiring", NULL, &r);
    ASSERT_HAS(r, "李将到期");
    ASSERT_LACKS(r, "王已过期");
    ASSERT_HAS(r, "执法证30日内到期");
    hresp_free(&r);
    h_request(h, &c, "GET", "/officers?cert=expired", NULL, &r);
    ASSERT_LACKS(r, "李将到期");
    ASSERT_HAS(r, "王已过期");
    hresp_free(&r);
    h_request(h, &c, "GET", "/", NULL, &r);
    ASSERT_HAS(r, "href=\"/officers?status=active&amp;cert=expired\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/officers?expiring=1", NULL, &r);
    json_t *rows = json_object_get(r.json, "rows");
    assert_int_equal(json_array_size(rows), 2);
    size_t i;
    json_t *o;
    json_array_foreach(rows, i, o)
    {
        const char *flag = json_string_value(json_object_get(o, "cert_flag"));
        assert_non_null(flag);
        assert_true(strcmp(flag, "expiring") == 0 || strcmp(flag, "expired") == 0);
    }
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?expiring=0"), 4);

    /* other filters and search */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?status=suspended"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?line=water"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?line=medical"), 3);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?q=将到"), 1);     /* 2 characters */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?q=李将到期"), 1); /* 3+ characters */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?q=ZF-0003"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?q=ZF-"), 4);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers?q=无此人员"), 0);

    /* pages */
    h_request(h, &c, "GET", "/officers?per_page=3", NULL, &r);
    ASSERT_HAS(r, "href=\"/officers?per_page=3&amp;page=2\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/officers?per_page=3&page=2", NULL, &r);
    ASSERT_HAS(r, "href=\"/officers?per_page=3&amp;page=1\"");
    ASSERT_LACKS(r, "下一页");
    hresp_free(&r);
}

/* ---- create ------------------------------------------------------------------------------- */

static void test_create_form_and_json(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    /* a department of the admin's agency */
    h_request(h, &c, "GET", "/api/v1/me", NULL, &r);
    int64_t agency_id = json_integer_value(json_object_get(r.json, "agency_id"));
    hresp_free(&r);
    char url[96];
    snprintf(url, sizeof url, "/api/v1/agencies/%lld/departments", (long long)agency_id);
    h_send_json(h, &c, "POST", url, json_pack("{ss}", "name", "医疗卫生监督科"), &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);

    h_request(h, &c, "GET", "/officers/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记执法人员");
    ASSERT_HAS(r, "action=\"/officers\"");
    hresp_free(&r);

    char idno[IDCARD_LEN + 1], from[DATE_STRLEN], to[DATE_STRLEN];
    h_idno(11, idno);
    h_send_form(h, &c, "/officers",
                h_form("name", "孙表单", "id_number", idno, "phone", "13900000000", "agency",
                       "320412", "department", "医疗卫生监督科", "legal_qualified", "1", "cert_no",
                       "ZF-1001", "cert_issued", day_from_today(-30, from), "cert_expires",
                       day_from_today(1800, to), "lines", "medical", "lines", "infectious",
                       "status", "active", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    int64_t id = h_id_from_location(&r, "/officers/");
    assert_true(id > 0);
    assert_non_null(strstr(r.location, "?saved=1"));
    hresp_free(&r);
    snprintf(url, sizeof url, "/officers/%lld?saved=1", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已保存");
    ASSERT_HAS(r, "孙表单");
    ASSERT_HAS(r, "ZF-1001");
    ASSERT_HAS(r, "医疗卫生监督科");
    ASSERT_HAS(r, "医疗卫生、传染病防治");
    ASSERT_HAS(r, "<dt>法律职业资格</dt><dd>有</dd>");
    ASSERT_HAS(r, "登记执法人员 孙表单（证号 ZF-1001）");
    hresp_free(&r);

    h_send_json(h, &c, "POST", "/api/v1/officers", officer_json("周接口", 12, "ZF-1002", -1, 900),
                &r);
    ASSERT_STATUS(r, 201);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "周接口");
    assert_string_equal(json_string_value(json_object_get(r.json, "status")), "active");
    assert_int_equal(json_integer_value(json_object_get(r.json, "version")), 1);
    assert_true(json_is_true(json_object_get(r.json, "can_enforce")));
    assert_true(json_is_array(json_object_get(r.json, "reviews")));
    hresp_free(&r);
}

static void test_validation(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_send_form(h, &c, "/officers",
                h_form("name", "", "id_number", "12345", "phone", "电话", "cert_no", "ZF-9",
                       "cert_issued", "2025-06-01", "cert_expires", "2025-01-01", "status",
                       "suspended", "status_reason", "", "legal_qualified", "1", "department",
                       "无此科室", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    h_assert_field_error(&r, "name", "请填写姓名");
    h_assert_field_error(&r, "id_number", "居民身份证号码应为18位，实为5位");
    h_assert_field_error(&r, "phone", "电话号码格式不正确");
    h_assert_field_error(&r, "cert_expires", "有效期至应晚于发证日期");
    h_assert_field_error(&r, "status_reason", "暂停或注销须填写原因");
    ASSERT_HAS(r, "请至少选择一个专业");
    /* the typed values are kept */
    ASSERT_HAS(r, "name=\"id_number\" value=\"12345\"");
    ASSERT_HAS(r, "name=\"cert_no\" value=\"ZF-9\"");
    ASSERT_HAS(r, "name=\"cert_issued\" value=\"2025-06-01\"");
    ASSERT_HAS(r, "name=\"department\" value=\"无此科室\"");
    ASSERT_HAS(r, "name=\"legal_qualified\" value=\"1\" checked");
    ASSERT_HAS(r, "<option value=\"suspended\" selected>");
    hresp_free(&r);

    /* an unknown department is reported on its field */
    char idno[IDCARD_LEN + 1], from[DATE_STRLEN], to[DATE_STRLEN];
    h_idno(21, idno);
    h_send_form(h, &c, "/officers",
                h_form("name", "钱科室", "id_number", idno, "cert_no", "ZF-2101", "cert_issued",
                       day_from_today(-1, from), "cert_expires", day_from_today(100, to), "lines",
                       "medical", "department", "无此科室", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "department", "该机构没有名为“无此科室”的科室");
    hresp_free(&r);

    h_request(h, &c, "POST", "/api/v1/officers", "{\"lines\":[\"nope\"]}", &r);
    ASSERT_STATUS(r, 422);
    json_t *fields = json_object_get(json_object_get(r.json, "error"), "fields");
    assert_string_equal(json_string_value(json_object_get(fields, "name")), "请填写姓名");
    assert_string_equal(json_string_value(json_object_get(fields, "id_number")), "请填写身份证号");
    assert_string_equal(json_string_value(json_object_get(fields, "cert_no")), "请填写执法证号");
    assert_string_equal(json_string_value(json_object_get(fields, "cert_issued")),
                        "请填写发证日期");
    assert_string_equal(json_string_value(json_object_get(fields, "lines")), "未知的专业：nope");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers"), 0);
}

static void test_duplicate_certificate_is_409(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    create_officer(h, &c, "吴原有", 31, "ZF-3100", -10, 500, NULL);
    struct hresp r;
    h_send_json(h, &c, "POST", "/api/v1/officers", officer_json("郑重复", 32, "ZF-3100", -10, 500),
                &r);
    ASSERT_STATUS(r, 409);
    json_t *err = json_object_get(r.json, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), "conflict");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(err, "fields"), "cert_no")),
        "执法证号 ZF-3100 已登记");
    hresp_free(&r);

    char idno[IDCARD_LEN + 1], from[DATE_STRLEN], to[DATE_STRLEN];
    h_idno(33, idno);
    h_send_form(h, &c, "/officers",
                h_form("name", "郑重复", "id_number", idno, "cert_no", "ZF-3100", "cert_issued",
                       day_from_today(-10, from), "cert_expires", day_from_today(500, to), "lines",
                       "medical", NULL),
                &r);
    ASSERT_STATUS(r, 409);
    h_assert_field_error(&r, "cert_no", "执法证号 ZF-3100 已登记");
    ASSERT_HAS(r, "name=\"name\" value=\"郑重复\"");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/officers"), 1);
}

/* ---- edit --------------------------------------------------------------------------------- */

static void test_edit_and_stale_version(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t id = create_officer(h, &c, "冯修改", 41, "ZF-4100", -10, 500, NULL);
    char url[96];
    struct hresp r;

    snprintf(url, sizeof url, "/officers/%lld/edit", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "修改执法人员");
    ASSERT_HAS(r, "name=\"name\" value=\"冯修改\"");
    ASSERT_HAS(r, "name=\"cert_no\" value=\"ZF-4100\"");
    ASSERT_HAS(r, "name=\"version\" value=\"1\"");
    ASSERT_HAS(r, "name=\"lines\" value=\"medical\" checked");
    ASSERT_HAS(r, "<option value=\"320412\" selected>");
    hresp_free(&r);

    snprintf(url, sizeof url, "/api/v1/officers/%lld", (long long)id);
    json_t *o = officer_json("冯已改", 41, "ZF-4100", -10, 600);
    json_object_set_new(o, "version", json_integer(1));
    h_send_json(h, &c, "PUT", url, o, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "冯已改");
    assert_int_equal(json_integer_value(json_object_get(r.json, "version")), 2);
    hresp_free(&r);
    o = officer_json("冯覆盖", 41, "ZF-4100", -10, 600);
    json_object_set_new(o, "version", json_integer(1));
    h_send_json(h, &c, "PUT", url, o, &r);
    ASSERT_STATUS(r, 409);
    assert_non_null(
        strstr(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")),
               "已被他人修改"));
    hresp_free(&r);

    /* forms: stale → 409 with the typed values; current → saved */
    char idno[IDCARD_LEN + 1], from[DATE_STRLEN], to[DATE_STRLEN];
    h_idno(41, idno);
    snprintf(url, sizeof url, "/officers/%lld", (long long)id);
    h_send_form(h, &c, url,
                h_form("name", "冯表单", "id_number", idno, "cert_no", "ZF-4100", "cert_issued",
                       day_from_today(-10, from), "cert_expires", day_from_today(700, to), "lines",
                       "medical", "version", "1", NULL),
                &r);
    ASSERT_STATUS(r, 409);
    ASSERT_HAS(r, "该记录已被他人修改，请刷新后重新编辑");
    ASSERT_HAS(r, "name=\"name\" value=\"冯表单\"");
    char action[64];
    snprintf(action, sizeof action, "action=\"/officers/%lld\"", (long long)id);
    ASSERT_HAS(r, action);
    hresp_free(&r);
    h_send_form(h, &c, url,
                h_form("name", "冯表单", "id_number", idno, "cert_no", "ZF-4100", "cert_issued",
                       day_from_today(-10, from), "cert_expires", day_from_today(700, to), "lines",
                       "medical", "status", "active", "version", "2", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    assert_int_equal(h_id_from_location(&r, "/officers/"), id);
    hresp_free(&r);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "冯表单");
    ASSERT_HAS(r, to);
    ASSERT_HAS(r, "修改执法人员 冯表单");
    hresp_free(&r);

    /* the edit form of a county officer opened by the city keeps the county selected */
    struct client city;
    h_login(h, &city, "city");
    snprintf(url, sizeof url, "/officers/%lld/edit", (long long)id);
    h_request(h, &city, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<option value=\"320412\" selected>");
    ASSERT_LACKS(r, "<option value=\"320400\" selected>");
    hresp_free(&r);
}

/* ---- reviews and standing ----------------------------------------------------------------- */

static void test_annual_review(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t id = create_officer(h, &c, "陈年审", 51, "ZF-5100", -3000, 1000, NULL);
    char url[96], year[8], on[DATE_STRLEN];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/officers/%lld/reviews", (long long)id);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss ss ss}", "year", "2020", "reviewed_on", "2021-01-20", "passed",
                          "1", "note", "接口登记"),
                &r);
    ASSERT_STATUS(r, 201);
    json_t *reviews = json_object_get(r.json, "reviews");
    assert_int_equal(json_array_size(reviews), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(reviews, 0), "year")), 2020);
    hresp_free(&r);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss ss}", "year", "2020", "reviewed_on", "2021-02-01", "passed", "0"),
                &r);
    ASSERT_STATUS(r, 409);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(json_object_get(r.json, "error"), "fields"), "year")),
                        "2020 年度的年审已登记");
    hresp_free(&r);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss ss}", "year", "20x", "reviewed_on", "2019-01-01", "passed", "2"),
                &r);
    ASSERT_STATUS(r, 422);
    json_t *fields = json_object_get(json_object_get(r.json, "error"), "fields");
    assert_non_null(json_object_get(fields, "year"));
    assert_non_null(json_object_get(fields, "passed"));
    hresp_free(&r);

    /* the form */
    snprintf(url, sizeof url, "/officers/%lld/reviews", (long long)id);
    snprintf(year, sizeof year, "%d", 2021);
    h_send_form(
        h, &c, url,
        h_form("year", year, "reviewed_on", "2022-01-10", "passed", "1", "note", "表单登记", NULL),
        &r);
    ASSERT_STATUS(r, 303);
    char want[96];
    snprintf(want, sizeof want, "/officers/%lld?saved=1#reviews", (long long)id);
    assert_string_equal(r.location, want);
    hresp_free(&r);
    snprintf(url, sizeof url, "/officers/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "<td>2021</td><td>2022-01-10</td><td>合格</td><td>表单登记</td>");
    ASSERT_HAS(r, "登记 2021 年度年审：合格");
    hresp_free(&r);

    /* an invalid form: the officer page again, messages next to the fields */
    snprintf(url, sizeof url, "/officers/%lld/reviews", (long long)id);
    snprintf(on, sizeof on, "2021-05-05");
    h_send_form(h, &c, url,
                h_form("year", "2022", "reviewed_on", on, "passed", "1", "note", "日期有误", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "陈年审");
    h_assert_field_error(&r, "reviewed_on", "年审日期应在被审年度之后");
    ASSERT_HAS(r, "name=\"note\" value=\"日期有误\"");
    ASSERT_HAS(r, "name=\"year\" value=\"2022\"");
    hresp_free(&r);

    /* unknown officer */
    h_send_json(h, &c, "POST", "/api/v1/officers/999999/reviews",
                json_pack("{ss ss ss}", "year", "2020", "reviewed_on", "2021-01-20", "passed", "1"),
                &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

static void test_can_enforce_on_detail_page(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    char url[96];
    struct hresp r;

    /* a fresh certificate: may enforce */
    int64_t fresh = create_officer(h, &c, "新证人员", 61, "ZF-6101", -1, 1000, NULL);
    snprintf(url, sizeof url, "/officers/%lld", (long long)fresh);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "执法资格有效：可参加执法活动");
    ASSERT_LACKS(r, "不能参加执法活动");
    hresp_free(&r);

    /* expired */
    int64_t expired = create_officer(h, &c, "过期人员", 62, "ZF-6102", -1000, -1, NULL);
    snprintf(url, sizeof url, "/officers/%lld", (long long)expired);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "不能参加执法活动：执法证已过有效期（《行政处罚法》第四十二条）");
    ASSERT_HAS(r, "已过期");
    hresp_free(&r);

    /* an old certificate whose annual review is missing, then failed, then passed */
    int64_t old = create_officer(h, &c, "年审人员", 63, "ZF-6103", -4000, 1000, NULL);
    snprintf(url, sizeof url, "/officers/%lld", (long long)old);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "不能参加执法活动：执法证年审逾期未完成");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/officers/%lld", (long long)old);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_false(json_is_true(json_object_get(r.json, "can_enforce")));
    assert_string_equal(json_string_value(json_object_get(r.json, "cannot_enforce_reason")),
                        "执法证年审逾期未完成");
    hresp_free(&r);

    int due = review_year_due_today();
    char year[8], on[DATE_STRLEN];
    snprintf(year, sizeof year, "%d", due);
    snprintf(on, sizeof on, "%d-01-15", due + 1);
    snprintf(url, sizeof url, "/api/v1/officers/%lld/reviews", (long long)old);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss ss}", "year", year, "reviewed_on", on, "passed", "1"), &r);
    ASSERT_STATUS(r, 201);
    assert_true(json_is_true(json_object_get(r.json, "can_enforce")));
    hresp_free(&r);
    snprintf(url, sizeof url, "/officers/%lld", (long long)old);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "执法资格有效：可参加执法活动");
    hresp_free(&r);

    int64_t failed = create_officer(h, &c, "不合格人员", 64, "ZF-6104", -4000, 1000, NULL);
    snprintf(url, sizeof url, "/api/v1/officers/%lld/reviews", (long long)failed);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss ss}", "year", year, "reviewed_on", on, "passed", "0"), &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
    snprintf(url, sizeof url, "/officers/%lld", (long long)failed);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "不能参加执法活动：执法证年审不合格");
    ASSERT_HAS(r, "不合格</span>");
    hresp_free(&r);

    /* a suspended officer */
    int64_t susp =
        create_officer(h, &c, "暂停人员", 65, "ZF-6105", -1, 1000,
                       json_pack("{ss ss}", "status", "suspended", "status_reason", "涉嫌违纪"));
    snprintf(url, sizeof url, "/officers/%lld", (long long)susp);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "不能参加执法活动：执法证已暂停使用");
    ASSERT_HAS(r, "<dt>状态原因</dt><dd>涉嫌违纪</dd>");
    hresp_free(&r);
}

/* ---- permissions and scope ---------------------------------------------------------------- */

static void test_only_admin_writes_officers(void **state)
{
    struct harness *h = *state;
    struct client admin;
    h_login(h, &admin, "admin");
    int64_t id = create_officer(h, &admin, "蒋只读", 71, "ZF-7100", -10, 500, NULL);
    char url[96];
    struct hresp r;
    static const char *const writers_refused[] = {"officer", "clerk", "leader", "viewer"};
    for (size_t k = 0; k < sizeof writers_refused / sizeof *writers_refused; k++) {
        struct client c;
        h_login(h, &c, writers_refused[k]);
        h_send_json(h, &c, "POST", "/api/v1/officers", officer_json("越权", 72, "ZF-7200", -1, 9),
                    &r);
        ASSERT_STATUS(r, 403);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(r.json, "error"), "code")),
            "forbidden");
        hresp_free(&r);
        h_send_form(h, &c, "/officers", h_form("name", "越权", NULL), &r);
        ASSERT_STATUS(r, 403);
        ASSERT_HAS(r, "您没有执行此操作的权限");
        hresp_free(&r);
        h_request(h, &c, "GET", "/officers/new", NULL, &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        snprintf(url, sizeof url, "/officers/%lld/edit", (long long)id);
        h_request(h, &c, "GET", url, NULL, &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        snprintf(url, sizeof url, "/api/v1/officers/%lld", (long long)id);
        h_send_json(h, &c, "PUT", url, officer_json("越权", 71, "ZF-7100", -1, 9), &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        snprintf(url, sizeof url, "/officers/%lld/reviews", (long long)id);
        h_send_form(h, &c, url,
                    h_form("year", "2020", "reviewed_on", "2021-01-01", "passed", "1", NULL), &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);

        /* reading is allowed, without the write controls */
        snprintf(url, sizeof url, "/officers/%lld", (long long)id);
        h_request(h, &c, "GET", url, NULL, &r);
        ASSERT_STATUS(r, 200);
        ASSERT_HAS(r, "蒋只读");
        ASSERT_LACKS(r, "登记年审");
        ASSERT_LACKS(r, "/edit\"");
        hresp_free(&r);
        h_request(h, &c, "GET", "/officers", NULL, &r);
        ASSERT_STATUS(r, 200);
        ASSERT_LACKS(r, "href=\"/officers/new\"");
        hresp_free(&r);
    }
    assert_int_equal(h_count_rows(h, &admin, "/api/v1/officers"), 1);
    snprintf(url, sizeof url, "/api/v1/officers/%lld", (long long)id);
    h_request(h, &admin, "GET", url, NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "reviews")), 0);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "蒋只读");
    hresp_free(&r);
}

static void test_other_county_gets_404(void **state)
{
    struct harness *h = *state;
    struct client admin, other;
    h_login(h, &admin, "admin");
    int64_t id = create_officer(h, &admin, "韩本区", 81, "ZF-8100", -10, 500, NULL);
    h_login(h, &other, "other");
    char url[96];
    struct hresp r;
    snprintf(url, sizeof url, "/officers/%lld", (long long)id);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    ASSERT_HAS(r, "执法人员不存在");
    ASSERT_LACKS(r, "韩本区");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/officers/%lld", (long long)id);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_send_json(h, &other, "PUT", url, officer_json("夺取", 81, "ZF-8100", -10, 500), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/officers/%lld/reviews", (long long)id);
    h_send_json(h, &other, "POST", url,
                json_pack("{ss ss ss}", "year", "2020", "reviewed_on", "2021-01-20", "passed", "1"),
                &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &other, "/api/v1/officers"), 0);
    /* the other county may not register into this county either */
    json_t *o = officer_json("跨区", 82, "ZF-8200", -1, 100);
    json_object_set_new(o, "agency", json_string("320412"));
    h_send_json(h, &other, "POST", "/api/v1/officers", o, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(
        json_object_get(json_object_get(json_object_get(r.json, "error"), "fields"), "agency"));
    hresp_free(&r);
}

static void test_export(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    create_officer(h, &c, "杨导出", 91, "ZF-9100", -10, 500, NULL);
    struct hresp r;
    h_request(h, &c, "GET", "/officers/export?format=csv", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/csv"));
    const char *cd = h_header(&r, "Content-Disposition");
    assert_non_null(cd);
    assert_true(str_prefix(cd, "attachment;"));
    assert_non_null(strstr(cd, "%E6%89%A7%E6%B3%95%E4%BA%BA%E5%91%98.csv")); /* 执法人员 */
    ASSERT_HAS(r, "杨导出");
    ASSERT_HAS(r, "ZF-9100");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/officers/export?format=xlsx", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_non_null(strstr(r.content_type, "spreadsheetml"));
    assert_non_null(strstr(h_header(&r, "Content-Disposition"), ".xlsx"));
    assert_memory_equal(r.body, "PK", 2);
    hresp_free(&r);
}

static void test_hostile_name_is_escaped(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t id = create_officer(h, &c, "<script>x</script>&\"", 95, "<i>ZF</i>", -10, 500, NULL);
    char url[96];
    struct hresp r;
    const char *pages[] = {"/officers", url, NULL};
    snprintf(url, sizeof url, "/officers/%lld", (long long)id);
    for (int i = 0; pages[i]; i++) {
        h_request(h, &c, "GET", pages[i], NULL, &r);
        ASSERT_STATUS(r, 200);
        ASSERT_LACKS(r, "<script>x");
        ASSERT_LACKS(r, "<i>ZF");
        ASSERT_HAS(r, "&lt;script&gt;x&lt;/script&gt;&amp;&quot;");
        ASSERT_HAS(r, "&lt;i&gt;ZF&lt;/i&gt;");
        hresp_free(&r);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_list_flags_and_filters),
        T(test_create_form_and_json),
        T(test_validation),
        T(test_duplicate_certificate_is_409),
        T(test_edit_and_stale_version),
        T(test_annual_review),
        T(test_can_enforce_on_detail_page),
        T(test_only_admin_writes_officers),
        T(test_other_county_gets_404),
        T(test_export),
        T(test_hostile_name_is_escaped),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
