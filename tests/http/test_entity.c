/* test_entity.c — the entity registry (管理相对人) through the real router: list, search, filters,
 * pagination, create/edit (form and JSON), validation, conflicts, permissions, scope, licences,
 * exports and HTML escaping. */
#include "tests/support.h"
#include "base/buf.h"
#include "base/codes.h"
#include "base/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------ */

/* Register an entity through the API; extra (stolen, may be NULL) adds or replaces fields.
 * Returns its id. */
static int64_t create_entity(struct harness *h, struct client *c, const char *name, int uscc_no,
                             const char *subtype, json_t *extra)
{
    char uscc[USCC_LEN + 1];
    h_uscc(uscc_no, uscc);
    json_t *o = json_pack("{ss ss ss ss}", "name", name, "uscc", uscc, "address", "武进区某路1号",
                          "subtype", subtype);
    if (extra) {
        json_object_update(o, extra);
        json_decref(extra);
    }
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/entities", o, &r);
    ASSERT_STATUS(r, 201);
    int64_t id = json_integer_value(json_object_get(r.json, "id"));
    assert_true(id > 0);
    hresp_free(&r);
    return id;
}

/* ---- list, search, filters, pages ---------------------------------------------------------- */

static void test_list_html_and_json(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_request(h, &c, "GET", "/entities", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "没有符合条件的管理相对人");
    ASSERT_HAS(r, "href=\"/entities/new\"");
    hresp_free(&r);

    int64_t a = create_entity(h, &c, "武进人民医院", 1, "hospital", NULL);
    create_entity(h, &c, "星星诊所", 2, "clinic", NULL);
    h_request(h, &c, "GET", "/entities", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "武进人民医院");
    ASSERT_HAS(r, "星星诊所");
    ASSERT_HAS(r, "诊所</td>"); /* the sub-type label */
    char link[64];
    snprintf(link, sizeof link, "href=\"/entities/%lld\"", (long long)a);
    ASSERT_HAS(r, link);
    hresp_free(&r);

    h_request(h, &c, "GET", "/api/v1/entities", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *rows = json_object_get(r.json, "rows");
    assert_int_equal(json_array_size(rows), 2);
    assert_false(json_is_true(json_object_get(r.json, "more")));
    assert_int_equal(json_integer_value(json_object_get(r.json, "page")), 1);
    /* newest first */
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "name")),
                        "星星诊所");
    json_t *first = json_array_get(rows, 1);
    assert_string_equal(json_string_value(json_object_get(first, "lines")),
                        "medical,infectious,radiation");
    assert_string_equal(json_string_value(json_object_get(first, "agency_code")), "320412");
    hresp_free(&r);
}

static void test_search_chinese(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    create_entity(h, &c, "武进人民医院", 1, "hospital",
                  json_pack("{ss}", "address", "武进区延政中路1号"));
    create_entity(h, &c, "花园口腔诊所", 2, "dental",
                  json_pack("{ss}", "address", "湖塘镇花园街2号"));
    create_entity(h, &c, "星星诊所", 3, "clinic",
                  json_pack("{ss ss}", "address", "牛塘镇3号", "legal_rep", "王五"));

    /* two characters (substring match) */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?q=诊所"), 2);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?q=%E6%B9%96%E5%A1%98"), 1); /* 湖塘 */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?q=王五"), 1);
    /* three and more characters (trigram index) */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?q=口腔诊"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?q=人民医院"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?q=延政中路"), 1);
    char q[80], uscc[USCC_LEN + 1];
    h_uscc(2, uscc);
    snprintf(q, sizeof q, "/api/v1/entities?q=%s", uscc);
    assert_int_equal(h_count_rows(h, &c, q), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?q=不存在的单位"), 0);
    /* characters that mean something to the search engines are no error (count_rows asserts
     * 200); what punctuation matches is the search module's business */
    h_count_rows(h, &c, "/api/v1/entities?q=%22%E8%AF%8A%E6%89%80");
    h_count_rows(h, &c, "/api/v1/entities?q=%25%25");
    h_count_rows(h, &c, "/api/v1/entities?q=a%22+OR+%22b");
    h_count_rows(h, &c, "/api/v1/entities?q=%E8%AF%8A*");
    h_count_rows(h, &c, "/api/v1/entities?q=NEAR(a+b)");

    struct hresp r;
    h_request(h, &c, "GET", "/entities?q=%E8%AF%8A%E6%89%80", NULL, &r); /* 诊所 */
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "花园口腔诊所");
    ASSERT_HAS(r, "星星诊所");
    ASSERT_LACKS(r, "武进人民医院");
    ASSERT_HAS(r, "name=\"q\" value=\"诊所\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/entities?q=人民医院", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "武进人民医院");
    ASSERT_LACKS(r, "星星诊所");
    hresp_free(&r);
}

static void test_filters(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    create_entity(h, &c, "医院甲", 1, "hospital", json_pack("{ss}", "risk_grade", "B"));
    create_entity(h, &c, "口腔乙", 2, "dental", json_pack("{ss}", "status", "closed"));
    create_entity(h, &c, "宾馆丙", 3, "hotel", json_pack("{ss}", "risk_grade", "A"));

    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?subtype=hospital"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?line=radiation"), 2);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?line=public_place"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?status=closed"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?status=open"), 2);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?risk_grade=B"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?line=radiation&status=open"), 1);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?line=medical&risk_grade=A"), 0);
    /* empty filters mean "all" */
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities?line=&status=&subtype=&risk_grade="), 3);

    struct hresp r;
    h_request(h, &c, "GET", "/entities?line=radiation&status=open", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "医院甲");
    ASSERT_LACKS(r, "口腔乙");
    ASSERT_LACKS(r, "宾馆丙");
    ASSERT_HAS(r, "<option value=\"radiation\" selected>");
    ASSERT_HAS(r, "<option value=\"open\" selected>");
    hresp_free(&r);
}

static void test_pagination_links(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    for (int i = 1; i <= 5; i++) {
        char name[32];
        snprintf(name, sizeof name, "诊所%d号", i);
        create_entity(h, &c, name, i, "clinic", NULL);
    }
    struct hresp r;
    h_request(h, &c, "GET", "/api/v1/entities?per_page=2", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 2);
    assert_true(json_is_true(json_object_get(r.json, "more")));
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 5); /* counted */
    assert_null(json_object_get(r.json, "total_over"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/entities?per_page=2&page=3", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 1);
    assert_false(json_is_true(json_object_get(r.json, "more")));
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 5);
    hresp_free(&r);
    /* the total follows the filters, from the kept figures or counted; a search's results that
     * fill one page are counted from its rows, more are not counted */
    h_request(h, &c, "GET", "/api/v1/entities?per_page=2&q=%E8%AF%8A%E6%89%803", NULL, &r);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 1);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/entities?per_page=2&q=%E8%AF%8A%E6%89%80", NULL, &r);
    assert_null(json_object_get(r.json, "total"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/entities?per_page=2&status=closed", NULL, &r);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 0);
    hresp_free(&r);
    static const char *const filters[] = {"status=open", "line=medical", "subtype=clinic",
                                          "line=medical&status=open", "risk_grade=&subtype=clinic"};
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        char url[128];
        snprintf(url, sizeof url, "/api/v1/entities?per_page=2&page=2&%s", filters[i]);
        h_request(h, &c, "GET", url, NULL, &r);
        if (json_integer_value(json_object_get(r.json, "total")) != 5)
            fail_msg("%s: total %s", url, r.body);
        hresp_free(&r);
    }

    h_request(h, &c, "GET", "/entities?per_page=2&q=%E8%AF%8A%E6%89%80", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "href=\"/entities?per_page=2&amp;q=%E8%AF%8A%E6%89%80&amp;page=2\"");
    ASSERT_LACKS(r, "上一页");
    ASSERT_HAS(r, "第 1 页</span>"); /* a search of more than a page: not counted */
    hresp_free(&r);
    h_request(h, &c, "GET", "/entities?per_page=2&page=2", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "href=\"/entities?per_page=2&amp;page=1\"");
    ASSERT_HAS(r, "href=\"/entities?per_page=2&amp;page=3\"");
    ASSERT_HAS(r, "第 2 页 · 共 5 条");
    hresp_free(&r);
    h_request(h, &c, "GET", "/entities?per_page=2&page=3", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "上一页");
    ASSERT_LACKS(r, "下一页");
    ASSERT_HAS(r, "诊所1号");
    hresp_free(&r);
    /* out-of-range or malformed paging values are the client's mistake: 400, naming them */
    h_request(h, &c, "GET", "/api/v1/entities?per_page=100000&page=-3", NULL, &r);
    ASSERT_STATUS(r, 400);
    assert_non_null(h_field_msg(&r, "per_page"));
    assert_non_null(h_field_msg(&r, "page"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/entities?page=abc", NULL, &r); /* the page stays, with the message */
    ASSERT_STATUS(r, 400);
    ASSERT_HAS(r, "参数 page 应为 1 至 100000 之间的整数");
    ASSERT_HAS(r, "诊所1号");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/entities?page=", NULL, &r); /* blank: the default */
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

/* ---- create ------------------------------------------------------------------------------- */

static void test_create_form_redirects_to_record(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    h_request(h, &c, "GET", "/entities/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记管理相对人");
    ASSERT_HAS(r, "action=\"/entities\"");
    hresp_free(&r);

    char uscc[USCC_LEN + 1];
    h_uscc(7, uscc);
    h_send_form(h, &c, "/entities",
                h_form("kind", "org", "name", "湖塘社区卫生服务站", "uscc", uscc, "legal_rep",
                       "李四", "address", "湖塘镇人民路8号", "division_code", "320412", "subtype",
                       "community_health", "lines", "medical", "lines", "infectious", "status",
                       "open", "risk_grade", "C", "phone", "0519-86000000", "agency", "320412",
                       NULL),
                &r);
    ASSERT_STATUS(r, 303);
    int64_t id = h_id_from_location(&r, "/entities/");
    assert_true(id > 0);
    assert_non_null(strstr(r.location, "?saved=1"));
    char *loc = strdup(r.location);
    hresp_free(&r);

    h_request(h, &c, "GET", loc, NULL, &r);
    free(loc);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已保存");
    ASSERT_HAS(r, "湖塘社区卫生服务站");
    ASSERT_HAS(r, uscc);
    ASSERT_HAS(r, "医疗卫生、传染病防治");
    ASSERT_HAS(r, "<dd>C</dd>");
    ASSERT_HAS(r, "登记管理相对人 湖塘社区卫生服务站"); /* the change history */
    hresp_free(&r);
}

static void test_create_json_returns_201_with_object(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    char uscc[USCC_LEN + 1], idno[IDCARD_LEN + 1];
    h_uscc(9, uscc);
    struct hresp r;
    h_send_json(h, &c, "POST", "/api/v1/entities",
                json_pack("{ss ss ss ss ss s[s]}", "name", "游泳馆", "uscc", uscc, "address",
                          "武进区体育路1号", "subtype", "swimming", "phone", "13800000000", "lines",
                          "public_place"),
                &r);
    ASSERT_STATUS(r, 201);
    assert_true(json_integer_value(json_object_get(r.json, "id")) > 0);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "游泳馆");
    assert_string_equal(json_string_value(json_object_get(r.json, "uscc")), uscc);
    assert_string_equal(json_string_value(json_object_get(r.json, "status")), "open");
    assert_string_equal(json_string_value(json_object_get(r.json, "lines")), "public_place");
    assert_int_equal(json_integer_value(json_object_get(r.json, "version")), 1);
    assert_true(json_is_array(json_object_get(r.json, "licences")));
    hresp_free(&r);

    /* a person (无证行医) with an ID number instead of a USCC */
    h_idno(5, idno);
    h_send_json(h, &c, "POST", "/api/v1/entities",
                json_pack("{ss ss ss ss}", "kind", "person", "name", "赵六", "id_number", idno,
                          "subtype", "person"),
                &r);
    ASSERT_STATUS(r, 201);
    assert_true(json_is_true(json_object_get(r.json, "person")));
    assert_true(json_is_null(json_object_get(r.json, "uscc")) || !json_object_get(r.json, "uscc"));
    int64_t person = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    /* the read-only role sees the 身份证号 masked, like the public, on the page, in the API and
     * the list; the others see it whole */
    struct client viewer;
    h_login(h, &viewer, "viewer");
    char url[64], masked[32];
    snprintf(masked, sizeof masked, "%.6s********%s", idno, idno + 14);
    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)person);
    h_request(h, &viewer, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "id_number")), masked);
    hresp_free(&r);
    h_request(h, &viewer, "GET", url + 7, NULL, &r);
    ASSERT_HAS(r, masked);
    ASSERT_LACKS(r, idno);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/entities?q=赵六", NULL, &r);
    ASSERT_LACKS(r, idno);
    hresp_free(&r);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "id_number")), idno);
    hresp_free(&r);
}

static void test_validation_html_shows_messages_next_to_fields(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_send_form(h, &c, "/entities",
                h_form("kind", "org", "name", "", "uscc", "91320412ABC", "legal_rep", "张三",
                       "address", "湖塘镇某路1号", "division_code", "12ab", "subtype", "", "phone",
                       "abc", "risk_grade", "Z", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    assert_true(str_prefix(r.content_type, "text/html"));
    h_assert_error_count(&r);
    h_assert_field_error(&r, "name", "请填写名称");
    h_assert_field_error(&r, "uscc", "统一社会信用代码应为18位，实为11位");
    h_assert_field_error(&r, "subtype", "请选择类别");
    h_assert_field_error(&r, "phone", "电话号码格式不正确");
    h_assert_field_error(&r, "division_code", "行政区划代码应为6、9或12位数字");
    h_assert_field_error(&r, "risk_grade", "风险等级“Z”不在目录中");
    /* what the user typed is kept */
    ASSERT_HAS(r, "name=\"uscc\" value=\"91320412ABC\"");
    ASSERT_HAS(r, "name=\"legal_rep\" value=\"张三\"");
    ASSERT_HAS(r, "name=\"address\" value=\"湖塘镇某路1号\"");
    ASSERT_HAS(r, "name=\"phone\" value=\"abc\"");
    ASSERT_HAS(r, "name=\"division_code\" value=\"12ab\"");
    ASSERT_HAS(r, "action=\"/entities\""); /* still the new-entity form */
    hresp_free(&r);

    /* a USCC with a wrong check character is explained */
    char uscc[USCC_LEN + 1];
    h_uscc(3, uscc);
    uscc[17] = uscc[17] == '0' ? '1' : '0';
    h_send_form(h, &c, "/entities",
                h_form("name", "某诊所", "uscc", uscc, "address", "某路", "subtype", "clinic",
                       "lines", "medical", "lines", "nonsense", NULL),
                &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "uscc", "校验位应为");
    ASSERT_HAS(r, "未知的专业：nonsense");
    ASSERT_HAS(r, "name=\"name\" value=\"某诊所\"");
    /* the chosen sub-type stays selected */
    ASSERT_HAS(r, "<option value=\"clinic\" selected>");
    hresp_free(&r);

    h_request(h, &c, "GET", "/api/v1/entities", NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 0); /* nothing saved */
    hresp_free(&r);
}

static void test_validation_json_has_fields(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_request(h, &c, "POST", "/api/v1/entities", "{}", &r);
    ASSERT_STATUS(r, 422);
    json_t *err = json_object_get(r.json, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), "invalid");
    json_t *fields = json_object_get(err, "fields");
    assert_string_equal(json_string_value(json_object_get(fields, "name")), "请填写名称");
    assert_string_equal(json_string_value(json_object_get(fields, "uscc")),
                        "单位须填写统一社会信用代码");
    assert_string_equal(json_string_value(json_object_get(fields, "address")), "请填写地址");
    assert_string_equal(json_string_value(json_object_get(fields, "subtype")), "请选择类别");
    hresp_free(&r);

    /* a person needs an ID number; an agency outside the user's scope is refused */
    h_send_json(h, &c, "POST", "/api/v1/entities",
                json_pack("{ss ss ss ss}", "kind", "person", "name", "钱七", "subtype", "person",
                          "agency", "320411"),
                &r);
    ASSERT_STATUS(r, 422);
    fields = json_object_get(json_object_get(r.json, "error"), "fields");
    assert_string_equal(json_string_value(json_object_get(fields, "id_number")),
                        "个人须填写身份证号");
    hresp_free(&r);
    char uscc[USCC_LEN + 1];
    h_uscc(4, uscc);
    h_send_json(h, &c, "POST", "/api/v1/entities",
                json_pack("{ss ss ss ss ss}", "name", "跨区诊所", "uscc", uscc, "address", "某路",
                          "subtype", "clinic", "agency", "320411"),
                &r);
    ASSERT_STATUS(r, 422);
    fields = json_object_get(json_object_get(r.json, "error"), "fields");
    assert_non_null(
        strstr(json_string_value(json_object_get(fields, "agency")), "不在您的管辖范围内"));
    hresp_free(&r);
}

static void test_duplicate_uscc_is_409(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    create_entity(h, &c, "原有诊所", 11, "clinic", NULL);
    char uscc[USCC_LEN + 1];
    h_uscc(11, uscc);
    struct hresp r;
    h_send_json(h, &c, "POST", "/api/v1/entities",
                json_pack("{ss ss ss ss}", "name", "重复诊所", "uscc", uscc, "address", "某路",
                          "subtype", "clinic"),
                &r);
    ASSERT_STATUS(r, 409);
    json_t *err = json_object_get(r.json, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), "conflict");
    assert_non_null(
        strstr(json_string_value(json_object_get(json_object_get(err, "fields"), "uscc")),
               "已登记，不能重复登记"));
    hresp_free(&r);

    h_send_form(
        h, &c, "/entities",
        h_form("name", "重复诊所", "uscc", uscc, "address", "某路", "subtype", "clinic", NULL), &r);
    ASSERT_STATUS(r, 409);
    h_assert_field_error(&r, "uscc", "已登记，不能重复登记");
    ASSERT_HAS(r, "name=\"name\" value=\"重复诊所\"");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &c, "/api/v1/entities"), 1);
}

/* ---- permissions and scope ---------------------------------------------------------------- */

static void test_viewer_reads_but_cannot_write(void **state)
{
    struct harness *h = *state;
    struct client admin, v;
    h_login(h, &admin, "admin");
    int64_t id = create_entity(h, &admin, "只读测试诊所", 21, "clinic", NULL);
    h_login(h, &v, "viewer");
    char url[80], uscc[USCC_LEN + 1];
    h_uscc(22, uscc);
    struct hresp r;
    h_send_json(h, &v, "POST", "/api/v1/entities",
                json_pack("{ss ss ss ss}", "name", "越权诊所", "uscc", uscc, "address", "某路",
                          "subtype", "clinic"),
                &r);
    ASSERT_STATUS(r, 403);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "error"), "code")), "forbidden");
    hresp_free(&r);
    h_send_form(
        h, &v, "/entities",
        h_form("name", "越权诊所", "uscc", uscc, "address", "某路", "subtype", "clinic", NULL), &r);
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "您没有执行此操作的权限");
    hresp_free(&r);
    h_request(h, &v, "GET", "/entities/new", NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    snprintf(url, sizeof url, "/entities/%lld/edit", (long long)id);
    h_request(h, &v, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)id);
    h_send_json(h, &v, "PUT", url,
                json_pack("{ss ss ss ss}", "name", "改名", "uscc", uscc, "address", "某路",
                          "subtype", "clinic"),
                &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/licences", (long long)id);
    h_send_json(h, &v, "POST", url, json_pack("{ss ss}", "type", "other", "number", "X1"), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);

    /* reading works, without the write controls */
    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)id);
    h_request(h, &v, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "只读测试诊所");
    hresp_free(&r);
    snprintf(url, sizeof url, "/entities/%lld", (long long)id);
    h_request(h, &v, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "只读测试诊所");
    ASSERT_LACKS(r, "/edit\"");
    ASSERT_LACKS(r, "添加许可证");
    hresp_free(&r);
    h_request(h, &v, "GET", "/entities", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "只读测试诊所");
    ASSERT_LACKS(r, "href=\"/entities/new\"");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &v, "/api/v1/entities"), 1);
}

static void test_other_county_gets_404(void **state)
{
    struct harness *h = *state;
    struct client admin, other, city;
    h_login(h, &admin, "admin");
    int64_t id = create_entity(h, &admin, "武进辖区诊所", 31, "clinic", NULL);
    h_login(h, &other, "other");
    char url[96], uscc[USCC_LEN + 1];
    h_uscc(31, uscc);
    struct hresp r;
    snprintf(url, sizeof url, "/entities/%lld", (long long)id);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    assert_true(str_prefix(r.content_type, "text/html"));
    ASSERT_HAS(r, "管理相对人不存在");
    ASSERT_LACKS(r, "武进辖区诊所");
    hresp_free(&r);
    snprintf(url, sizeof url, "/entities/%lld/edit", (long long)id);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/entities/%lld", (long long)id);
    h_send_form(h, &other, url,
                h_form("name", "夺取", "uscc", uscc, "address", "某路", "subtype", "clinic", NULL),
                &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);

    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)id);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "error"), "code")), "not_found");
    hresp_free(&r);
    h_send_json(h, &other, "PUT", url,
                json_pack("{ss ss ss ss}", "name", "夺取", "uscc", uscc, "address", "某路",
                          "subtype", "clinic"),
                &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/licences", (long long)id);
    h_send_json(h, &other, "POST", url, json_pack("{ss ss}", "type", "other", "number", "X1"), &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &other, "/api/v1/entities"), 0);
    assert_int_equal(h_count_rows(h, &other, "/api/v1/entities?q=武进辖区"), 0);
    h_request(h, &other, "GET", "/entities/export?format=csv", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "武进辖区诊所");
    hresp_free(&r);

    /* the city above both counties sees it */
    h_login(h, &city, "city");
    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)id);
    h_request(h, &city, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);

    /* unchanged */
    h_request(h, &admin, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "武进辖区诊所");
    assert_int_equal(json_integer_value(json_object_get(r.json, "version")), 1);
    hresp_free(&r);
}

/* ---- edit --------------------------------------------------------------------------------- */

static void test_update_and_stale_version(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t id = create_entity(h, &c, "旧名称诊所", 41, "clinic", NULL);
    char url[96], uscc[USCC_LEN + 1];
    h_uscc(41, uscc);
    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)id);
    struct hresp r;
    h_send_json(h, &c, "PUT", url,
                json_pack("{ss ss ss ss si ss}", "name", "新名称诊所", "uscc", uscc, "address",
                          "新地址8号", "subtype", "clinic", "version", 1, "status", "suspended"),
                &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "新名称诊所");
    assert_string_equal(json_string_value(json_object_get(r.json, "status")), "suspended");
    assert_int_equal(json_integer_value(json_object_get(r.json, "version")), 2);
    hresp_free(&r);

    /* someone else saved in between: the stale version is refused */
    h_send_json(h, &c, "PUT", url,
                json_pack("{ss ss ss ss si}", "name", "覆盖诊所", "uscc", uscc, "address", "某路",
                          "subtype", "clinic", "version", 1),
                &r);
    ASSERT_STATUS(r, 409);
    json_t *err = json_object_get(r.json, "error");
    assert_string_equal(json_string_value(json_object_get(err, "code")), "conflict");
    assert_non_null(strstr(json_string_value(json_object_get(err, "message")), "已被他人修改"));
    hresp_free(&r);
    /* invalid edits are 422, unknown records 404 */
    h_send_json(h, &c, "PUT", url, json_pack("{ss}", "name", ""), &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    h_send_json(h, &c, "PUT", "/api/v1/entities/999999",
                json_pack("{ss ss ss ss}", "name", "无", "uscc", uscc, "address", "某路", "subtype",
                          "clinic"),
                &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/entities/abc", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);

    /* the edit form shows the record and its version */
    snprintf(url, sizeof url, "/entities/%lld/edit", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "修改管理相对人");
    ASSERT_HAS(r, "name=\"name\" value=\"新名称诊所\"");
    ASSERT_HAS(r, "name=\"address\" value=\"新地址8号\"");
    ASSERT_HAS(r, "name=\"version\" value=\"2\"");
    ASSERT_HAS(r, "<option value=\"suspended\" selected>");
    ASSERT_HAS(r, "<option value=\"clinic\" selected>");
    char action[64];
    snprintf(action, sizeof action, "action=\"/entities/%lld\"", (long long)id);
    ASSERT_HAS(r, action);
    hresp_free(&r);

    /* a stale form: 409, the form again with the message and the typed values */
    snprintf(url, sizeof url, "/entities/%lld", (long long)id);
    h_send_form(h, &c, url,
                h_form("name", "表单覆盖", "uscc", uscc, "address", "某路", "subtype", "clinic",
                       "version", "1", NULL),
                &r);
    ASSERT_STATUS(r, 409);
    ASSERT_HAS(r, "该记录已被他人修改，请刷新后重新编辑");
    ASSERT_HAS(r, "name=\"name\" value=\"表单覆盖\"");
    ASSERT_HAS(r, action);
    hresp_free(&r);

    /* the current version saves and goes back to the record */
    h_send_form(h, &c, url,
                h_form("name", "表单保存", "uscc", uscc, "address", "某路", "subtype", "clinic",
                       "status", "open", "version", "2", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    assert_int_equal(h_id_from_location(&r, "/entities/"), id);
    hresp_free(&r);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "表单保存");
    ASSERT_HAS(r, "修改管理相对人 表单保存");
    hresp_free(&r);
}

static void test_edit_form_selects_the_records_agency(void **state)
{
    struct harness *h = *state;
    struct client city;
    h_login(h, &city, "city");
    int64_t id =
        create_entity(h, &city, "县区诊所", 51, "clinic", json_pack("{ss}", "agency", "320412"));
    char url[96];
    snprintf(url, sizeof url, "/entities/%lld/edit", (long long)id);
    struct hresp r;
    h_request(h, &city, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    /* saving the form unchanged must not move the record to the city */
    ASSERT_HAS(r, "<option value=\"320412\" selected>");
    ASSERT_LACKS(r, "<option value=\"320400\" selected>");
    hresp_free(&r);
}

/* ---- licences ----------------------------------------------------------------------------- */

static void test_licences_form_and_api(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t id = create_entity(h, &c, "许可诊所", 61, "clinic", NULL);
    char url[128];
    struct hresp r;

    /* API: add, show, delete */
    snprintf(url, sizeof url, "/api/v1/entities/%lld/licences", (long long)id);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss ss ss}", "type", "medical_institution", "number", "PDY-0001",
                          "valid_from", "2024-01-01", "valid_to", "2029-12-31"),
                &r);
    ASSERT_STATUS(r, 201);
    int64_t lid = json_integer_value(json_object_get(r.json, "id"));
    assert_true(lid > 0);
    hresp_free(&r);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss}", "type", "medical_institution", "number", "PDY-0001"), &r);
    ASSERT_STATUS(r, 409);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(json_object_get(r.json, "error"), "fields"), "number")),
                        "该许可证已登记");
    hresp_free(&r);
    h_send_json(h, &c, "POST", url,
                json_pack("{ss ss ss ss}", "type", "bogus", "number", "", "valid_from",
                          "2024-05-01", "valid_to", "2024-01-01"),
                &r);
    ASSERT_STATUS(r, 422);
    json_t *fields = json_object_get(json_object_get(r.json, "error"), "fields");
    assert_non_null(json_object_get(fields, "type"));
    assert_string_equal(json_string_value(json_object_get(fields, "number")), "请填写许可证号");
    assert_string_equal(json_string_value(json_object_get(fields, "valid_to")),
                        "有效期止应不早于有效期起");
    hresp_free(&r);

    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    json_t *lic = json_object_get(r.json, "licences");
    assert_int_equal(json_array_size(lic), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(lic, 0), "number")),
                        "PDY-0001");
    assert_string_equal(json_string_value(json_object_get(json_array_get(lic, 0), "type_label")),
                        "医疗机构执业许可证");
    hresp_free(&r);

    snprintf(url, sizeof url, "/api/v1/entities/%lld/licences/%lld", (long long)id, (long long)lid);
    h_request(h, &c, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 204);
    assert_int_equal(r.len, 0);
    hresp_free(&r);
    h_request(h, &c, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);

    /* forms */
    snprintf(url, sizeof url, "/entities/%lld/licences", (long long)id);
    h_send_form(h, &c, url,
                h_form("type", "radiation_diagnosis", "number", "FS-2024-09", "valid_from",
                       "2024-02-01", "valid_to", "", NULL),
                &r);
    ASSERT_STATUS(r, 303);
    char want[96];
    snprintf(want, sizeof want, "/entities/%lld?saved=1#licences", (long long)id);
    assert_string_equal(r.location, want);
    hresp_free(&r);
    snprintf(url, sizeof url, "/entities/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "FS-2024-09");
    ASSERT_HAS(r, "放射诊疗许可证");
    ASSERT_HAS(r, "登记许可证 放射诊疗许可证 FS-2024-09");
    /* the delete form of the licence */
    const char *del = strstr(r.body, "/licences/");
    assert_non_null(del);
    int64_t lid2 = strtoll(del + strlen("/licences/"), NULL, 10);
    assert_true(lid2 > 0);
    hresp_free(&r);

    /* an invalid licence form shows the entity page again with the messages */
    snprintf(url, sizeof url, "/entities/%lld/licences", (long long)id);
    h_send_form(h, &c, url,
                h_form("type", "public_place", "number", "", "valid_from", "2024-13-01", NULL), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "许可诊所");
    h_assert_field_error(&r, "number", "请填写许可证号");
    h_assert_field_error(&r, "valid_from", "有效期起应为有效日期");
    ASSERT_HAS(r, "name=\"valid_from\" value=\"2024-13-01\"");
    ASSERT_HAS(r, "<option value=\"public_place\" selected>");
    hresp_free(&r);

    snprintf(url, sizeof url, "/entities/%lld/licences/%lld/delete", (long long)id,
             (long long)lid2);
    h_send_form(h, &c, url, h_form("x", "", NULL), &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, want);
    hresp_free(&r);
    snprintf(url, sizeof url, "/entities/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_HAS(r, "未登记许可证");
    hresp_free(&r);

    /* a licence of another entity cannot be deleted through this one */
    int64_t other = create_entity(h, &c, "另一诊所", 62, "clinic", NULL);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/licences", (long long)other);
    h_send_json(h, &c, "POST", url, json_pack("{ss ss}", "type", "other", "number", "QT-1"), &r);
    ASSERT_STATUS(r, 201);
    int64_t lid3 = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/entities/%lld/licences/%lld", (long long)id,
             (long long)lid3);
    h_request(h, &c, "DELETE", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

/* ---- export ------------------------------------------------------------------------------- */

struct find_cell {
    const char *want;
    bool found;
};

static int find_cell_row(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    (void)row;
    (void)e;
    struct find_cell *f = ctx;
    for (int i = 0; i < ncells; i++)
        if (strcmp(cells[i], f->want) == 0) f->found = true;
    return 0;
}

static void test_export_xlsx_and_csv(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "viewer");
    struct client admin;
    h_login(h, &admin, "admin");
    create_entity(h, &admin, "导出测试诊所", 71, "clinic", NULL);
    char uscc[USCC_LEN + 1];
    h_uscc(71, uscc);
    struct hresp r;

    h_request(h, &c, "GET", "/entities/export?format=csv", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/csv"));
    const char *cd = h_header(&r, "Content-Disposition");
    assert_non_null(cd);
    assert_true(str_prefix(cd, "attachment;"));
    assert_non_null(strstr(cd, "filename=\"export.csv\""));
    assert_non_null(
        strstr(cd, "filename*=UTF-8''%E7%AE%A1%E7%90%86%E7%9B%B8%E5%AF%B9%E4%BA%BA.csv"));
    ASSERT_HAS(r, "导出测试诊所");
    ASSERT_HAS(r, uscc);
    hresp_free(&r);

    h_request(h, &c, "GET", "/entities/export?format=xlsx", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    cd = h_header(&r, "Content-Disposition");
    assert_non_null(cd);
    assert_non_null(strstr(cd, "filename=\"export.xlsx\""));
    assert_non_null(strstr(cd, ".xlsx"));
    assert_true(r.len > 100);
    assert_memory_equal(r.body, "PK", 2);
    struct find_cell f = {"导出测试诊所", false};
    struct err e = {0};
    assert_int_equal(xlsx_read(r.body, r.len, find_cell_row, &f, &e), 0);
    assert_true(f.found);
    f = (struct find_cell){uscc, false};
    assert_int_equal(xlsx_read(r.body, r.len, find_cell_row, &f, &e), 0);
    assert_true(f.found);
    hresp_free(&r);

    /* xlsx by default; the API face answers the same file */
    h_request(h, &c, "GET", "/entities/export", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(strstr(r.content_type, "spreadsheetml") != NULL);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/entities/export?format=csv", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/csv"));
    ASSERT_HAS(r, "导出测试诊所");
    hresp_free(&r);

    h_request(h, &c, "GET", "/api/v1/entities/export?format=pdf", NULL, &r);
    ASSERT_STATUS(r, 400);
    assert_non_null(r.json);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/entities/export?format=csv", NULL, &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
}

/* ---- escaping ----------------------------------------------------------------------------- */

#define EVIL         "<script>alert(1)</script>\"'&"
#define EVIL_ESCAPED "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"

static void test_hostile_name_is_escaped_everywhere(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    int64_t id = create_entity(
        h, &c, EVIL, 81, "clinic",
        json_pack("{ss ss}", "legal_rep", "<b>x</b>", "address", "<img src=x onerror=alert(2)>"));
    char url[96];
    struct hresp r;

    const char *pages[4];
    char show[64], edit[64];
    snprintf(show, sizeof show, "/entities/%lld", (long long)id);
    snprintf(edit, sizeof edit, "/entities/%lld/edit", (long long)id);
    pages[0] = "/entities";
    pages[1] = show;
    pages[2] = edit;
    pages[3] = "/entities?q=%3Cscript%3Ealert";
    for (int i = 0; i < 4; i++) {
        h_request(h, &c, "GET", pages[i], NULL, &r);
        ASSERT_STATUS(r, 200);
        ASSERT_LACKS(r, "<script>alert");
        ASSERT_LACKS(r, "<img src=x");
        ASSERT_LACKS(r, "<b>x</b>");
        if (i < 3) ASSERT_HAS(r, EVIL_ESCAPED);
        hresp_free(&r);
    }
    h_request(h, &c, "GET", show, NULL, &r);
    ASSERT_HAS(r, "<title>" EVIL_ESCAPED " · ");
    ASSERT_HAS(r, "&lt;img src=x onerror=alert(2)&gt;");
    ASSERT_HAS(r, "登记管理相对人 " EVIL_ESCAPED); /* the history line */
    hresp_free(&r);
    h_request(h, &c, "GET", edit, NULL, &r);
    ASSERT_HAS(r, "name=\"name\" value=\"" EVIL_ESCAPED "\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/entities?q=%3Cscript%3Ealert", NULL, &r);
    ASSERT_HAS(r, "name=\"q\" value=\"&lt;script&gt;alert\"");
    hresp_free(&r);

    /* a failed form shows the typed hostile values escaped too */
    h_send_form(h, &c, "/entities", h_form("name", EVIL, "uscc", EVIL, "subtype", EVIL, NULL), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_LACKS(r, "<script>alert");
    ASSERT_HAS(r, "name=\"name\" value=\"" EVIL_ESCAPED "\"");
    hresp_free(&r);

    /* JSON carries the exact text */
    snprintf(url, sizeof url, "/api/v1/entities/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), EVIL);
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_list_html_and_json),
        T(test_search_chinese),
        T(test_filters),
        T(test_pagination_links),
        T(test_create_form_redirects_to_record),
        T(test_create_json_returns_201_with_object),
        T(test_validation_html_shows_messages_next_to_fields),
        T(test_validation_json_has_fields),
        T(test_duplicate_uscc_is_409),
        T(test_viewer_reads_but_cannot_write),
        T(test_other_county_gets_404),
        T(test_update_and_stale_version),
        T(test_edit_form_selects_the_records_agency),
        T(test_licences_form_and_api),
        T(test_export_xlsx_and_csv),
        T(test_hostile_name_is_escaped_everywhere),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
