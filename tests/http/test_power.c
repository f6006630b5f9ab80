/* test_power.c — the power list (权责清单) through the real router: the staff list with its
 * filters and search, an item's page with its baselines, the item and version forms refused with
 * their messages beside the fields, the baseline in force on a day, import with a preview, who
 * may do what, and the public page whose data is exactly its public JSON (行政处罚法 第三十四条).
 */
#include "support.h"
#include "base/buf.h"
#include "law/power.h"
#include "law/power_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW   "2026-06-15T10:00:00+08:00"
#define TODAY "2026-06-15"

/* Every test starts with the sample list loaded as the province's (data/power_list.csv). */
static int setup(void **state)
{
    if (harness_setup(state)) return -1;
    struct harness *h = *state;
    h_set_now(h, NOW);
    char *csv = h_read_file("data/power_list.csv");
    struct power_import_options o = {.agency_code = "320000"};
    struct power_import_result res;
    struct err e = {0};
    if (power_import(&h->ctx, csv, strlen(csv), "power_list.csv", &o, &res, &e))
        fail_msg("sample: %s", e.msg);
    power_import_result_free(&res);
    free(csv);
    return 0;
}

/* The id of the item with code (of any agency). */
static int64_t item_id(struct harness *h, const char *code)
{
    return strtoll(h_text(h, "SELECT id FROM power_item WHERE code = ?", "t", code), NULL, 10);
}

/* A penalty item of the county's own, added through the form by legal; its id. */
static int64_t county_item(struct harness *h, struct client *legal)
{
    struct hresp r;
    FORM(h, legal, "/power-items", &r, "agency", "320412", "code", "WJ-CF-1", "name",
         "对安排未获得健康合格证明的从业人员的行政处罚", "kind", "penalty", "line", "public_place",
         "basis", "《公共场所卫生管理条例》第七条", "violated", "《公共场所卫生管理条例》第七条",
         "penalty_basis", "《公共场所卫生管理条例实施细则》第三十八条", "penalty_types", "warning",
         "penalty_types", "fine", "fine_min", "500", "fine_max", "15000");
    ASSERT_STATUS(r, 303);
    int64_t id = h_id_from_location(&r, "/power-items/");
    hresp_free(&r);
    return id;
}

/* ---- the staff pages ---------------------------------------------------------------------- */

static void test_list_filters_by_kind_and_line_and_finds_by_name(void **state)
{
    struct harness *h = *state;
    struct client viewer;
    h_login(h, &viewer, "viewer");
    struct hresp r;
    h_request(h, &viewer, "GET", "/power-items", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "权责清单");
    ASSERT_HAS(r, "共 42 条");
    ASSERT_HAS(r, "江苏省卫生健康委员会");
    ASSERT_LACKS(r, "新增事项"); /* a viewer reads */
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &viewer, "/api/v1/power-items?kind=licensing"), 4);
    assert_int_equal(h_count_rows(h, &viewer, "/api/v1/power-items?kind=penalty&line=water"), 2);
    assert_int_equal(h_count_rows(h, &viewer,
                                  "/api/v1/power-items?q=%E6%93%85%E8%87%AA%E8%90%A5"
                                  "%E4%B8%9A"), /* 擅自营业 */
                     1);
    h_request(h, &viewer, "GET", "/power-items?kind=penalty&line=school", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "对拒绝或者妨碍学校卫生监督员依法实施卫生监督的行政处罚");
    ASSERT_HAS(r, "第1版");
    ASSERT_LACKS(r, "医师");
    hresp_free(&r);
}

static void test_item_page_shows_its_terms_and_every_baseline_version(void **state)
{
    struct harness *h = *state;
    struct client viewer, legal;
    h_login(h, &viewer, "viewer");
    h_login(h, &legal, "legal");
    char url[96];
    snprintf(url, sizeof url, "/power-items/%lld", (long long)item_id(h, "YL-CF-004"));
    struct hresp r;
    h_request(h, &viewer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "《中华人民共和国医师法》第五十七条");
    ASSERT_HAS(r, "罚款10,000.00元以上30,000.00元以下");
    ASSERT_HAS(r, "第1版");
    ASSERT_HAS(r, "现行");
    ASSERT_HAS(r, "执业时间三个月以上");
    ASSERT_LACKS(r, "制定新版裁量基准");
    hresp_free(&r);
    /* the county's legal reviewer reads the province's item but does not change it */
    h_request(h, &legal, "GET", url, NULL, &r);
    ASSERT_HAS(r, "上级机构制定");
    ASSERT_LACKS(r, "修改事项");
    hresp_free(&r);
    char api[112];
    snprintf(api, sizeof api, "/api/v1%s", url);
    h_request(h, &viewer, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *baseline = json_object_get(r.json, "baseline");
    assert_int_equal(json_integer_value(json_object_get(baseline, "number")), 1);
    assert_int_equal(json_array_size(json_object_get(baseline, "levels")), 3);
    assert_int_equal(json_integer_value(json_object_get(r.json, "fine_max")), 3000000);
    hresp_free(&r);
}

static void test_item_form_refuses_with_messages_beside_fields_then_saves(void **state)
{
    struct harness *h = *state;
    struct client legal;
    h_login(h, &legal, "legal");
    struct hresp r;
    h_request(h, &legal, "GET", "/power-items/new", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "限制开展生产经营活动、责令停产停业、责令关闭");
    hresp_free(&r);
    FORM(h, &legal, "/power-items", &r, "code", "WJ 1", "name", "某事项", "kind", "penalty", "line",
         "public_place", "basis", "依据", "penalty_types", "fine", "fine_min", "5000", "fine_max",
         "500");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "code", "事项编码只能由字母、数字和 - _ . 组成");
    h_assert_field_error(&r, "violated", "请填写违法条款");
    h_assert_field_error(&r, "fine_min", "罚款下限不能高于上限");
    h_assert_error_count(&r);
    ASSERT_HAS(r, "某事项"); /* kept */
    hresp_free(&r);
    int64_t id = county_item(h, &legal);
    char url[96];
    snprintf(url, sizeof url, "/power-items/%lld/edit", (long long)id);
    h_request(h, &legal, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "value=\"15000\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/power-items/%lld", (long long)id);
    h_send_json(h, &legal, "PUT", url,
                json_pack("{ss ss ss ss ss ss ss ss ss ss}", "code", "WJ-CF-1", "name", "改名",
                          "kind", "行政处罚", "line", "public_place", "basis", "依据", "violated",
                          "第七条", "penalty_basis", "第三十八条", "penalty_types", "警告、罚款",
                          "fine_min", "500", "fine_max", "15,000"),
                &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "改名");
    hresp_free(&r);
}

/* ---- baselines ---------------------------------------------------------------------------- */

static void test_r_pow_02_r_pow_03_version_form_refuses_beside_each_level(void **state)
{
    struct harness *h = *state;
    struct client legal;
    h_login(h, &legal, "legal");
    int64_t id = county_item(h, &legal);
    char url[96];
    snprintf(url, sizeof url, "/power-items/%lld/baselines/new", (long long)id);
    struct hresp r;
    h_request(h, &legal, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"level6_name\"");
    ASSERT_HAS(r, "value=\"" TODAY "\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "/power-items/%lld/baselines", (long long)id);
    FORM(h, &legal, url, &r, "effective_on", TODAY, "level1_name", "一般", "level1_conditions",
         "首次", "level1_penalty_types", "fine", "level1_fine_min", "500", "level1_fine_max",
         "5000", "level2_name", "严重", "level2_conditions", "逾期不改正", "level2_penalty_types",
         "fine", "level2_penalty_types", "licence_revocation", "level2_fine_min", "4000",
         "level2_fine_max", "20000");
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "“吊销许可证件”不在该事项的处罚种类之内"); /* below the checkboxes */
    h_assert_error_count(&r);
    ASSERT_HAS(r, "逾期不改正");
    hresp_free(&r);
    FORM(h, &legal, url, &r, "effective_on", TODAY, "level1_name", "一般", "level1_conditions",
         "首次", "level1_penalty_types", "fine", "level1_fine_min", "500", "level1_fine_max",
         "5000", "level2_name", "严重", "level2_conditions", "逾期不改正", "level2_penalty_types",
         "fine", "level2_fine_min", "4000", "level2_fine_max", "15000");
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "level2_fine_min", "罚款幅度与“一般”档次交叉");
    hresp_free(&r);
    FORM(h, &legal, url, &r, "effective_on", TODAY, "level1_name", "一般", "level1_conditions",
         "首次", "level1_penalty_types", "fine", "level1_fine_min", "500", "level1_fine_max",
         "5000", "level2_name", "严重", "level2_conditions", "逾期不改正", "level2_penalty_types",
         "fine", "level2_fine_min", "5000", "level2_fine_max", "15000");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
}

static void test_r_pow_04_r_pow_06_versions_over_the_api(void **state)
{
    struct harness *h = *state;
    struct client legal;
    h_login(h, &legal, "legal");
    int64_t id = county_item(h, &legal);
    char url[128];
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baselines", (long long)id);
    struct hresp r;
    h_send_json(h, &legal, "POST", url,
                json_pack("{s[{ss ss s[ss] si si}]}", "levels", "name", "一般", "conditions",
                          "首次", "penalty_types", "warning", "fine", "fine_min", 500, "fine_max",
                          15000),
                &r);
    ASSERT_STATUS(r, 201);
    int64_t v1 = json_integer_value(
        json_object_get(json_array_get(json_object_get(r.json, "versions"), 0), "id"));
    hresp_free(&r);
    h_send_json(h, &legal, "POST", url,
                json_pack("{ss s[{ss ss ss ss ss}]}", "effective_on", "2026-07-01", "levels",
                          "name", "一般", "conditions", "首次", "penalty_types", "fine", "fine_min",
                          "1000", "fine_max", "15000"),
                &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
    /* the version in force cannot be changed: a new version instead */
    snprintf(url, sizeof url, "/power-items/%lld/baselines/%lld/edit", (long long)id,
             (long long)v1);
    h_request(h, &legal, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 409);
    ASSERT_HAS(r, "请制定新版本");
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baselines/%lld", (long long)id,
             (long long)v1);
    h_send_json(h, &legal, "PUT", url,
                json_pack("{s[{ss ss}]}", "levels", "name", "一般", "conditions", "改"), &r);
    ASSERT_STATUS(r, 409);
    hresp_free(&r);
    /* the baseline in force on a day, whatever today is */
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baseline?on=2026-06-30", (long long)id);
    h_request(h, &legal, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(r.json, "baseline"), "number")), 1);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baseline?on=2026-07-01", (long long)id);
    h_request(h, &legal, "GET", url, NULL, &r);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(r.json, "baseline"), "number")), 2);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baseline?on=2026-06-01", (long long)id);
    h_request(h, &legal, "GET", url, NULL, &r);
    assert_true(json_is_null(json_object_get(r.json, "baseline")));
    hresp_free(&r);
    /* the item page lists both, the one to come with its edit link */
    snprintf(url, sizeof url, "/power-items/%lld", (long long)id);
    h_request(h, &legal, "GET", url, NULL, &r);
    ASSERT_HAS(r, "待生效");
    ASSERT_HAS(r, "/edit\">修改</a>");
    hresp_free(&r);
}

/* ---- import ------------------------------------------------------------------------------- */

#define HEAD                                                                                                                   \
    "事项编码,事项名称,权力类型,专业,设定依据,违法条款,处罚条款,处罚种类,罚款下限（元）," \
    "罚款上限（元）,裁量档次,适用情形,档次处罚种类,档次罚款下限（元）,档次罚款上限（元）\n"

static void test_r_pow_09_import_previews_reports_rows_and_carries_the_file_on(void **state)
{
    struct harness *h = *state;
    struct client legal;
    h_login(h, &legal, "legal");
    static const char *const preview[] = {"preview", "1", NULL};
    static const char bad[] = HEAD "WJ-9,擅自营业,行政处罚,公共场所卫生,依据,第八条,第三十五条,"
                                   "警告、拘留,500,30000,一般,首次,罚款,500,2000\n";
    struct hresp r;
    h_post_multipart(h, &legal, "/power-items/import", h_multipart("list.csv", bad, preview), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "未导入任何数据");
    ASSERT_HAS(r, "<td class=\"nowrap\">处罚种类</td><td>“拘留”不是行政处罚法第九条规定的处罚种类");
    hresp_free(&r);
    h_post_multipart(h, &legal, "/api/v1/power-items/import", h_multipart("list.csv", bad, NULL),
                     &r);
    ASSERT_STATUS(r, 422);
    json_t *problems =
        json_object_get(json_object_get(json_object_get(r.json, "error"), "details"), "problems");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(problems, 0), "row")), 2);
    hresp_free(&r);
    assert_false(h_exists(h->db, "SELECT 1 FROM power_item WHERE code = 'WJ-9'", ""));

    static const char good[] = HEAD "WJ-9,擅自营业,行政处罚,公共场所卫生,依据,第八条,第三十五条,"
                                    "警告、罚款,500,30000,一般,首次,罚款,500,2000\n";
    h_post_multipart(h, &legal, "/power-items/import", h_multipart("list.csv", good, preview), &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "预览（尚未保存）");
    ASSERT_HAS(r, "确认导入");
    assert_false(h_exists(h->db, "SELECT 1 FROM power_item WHERE code = 'WJ-9'", ""));
    /* the confirmation form carries the file on */
    const char *v = strstr(r.body, "name=\"content\" value=\"");
    assert_non_null(v);
    v += strlen("name=\"content\" value=\"");
    char *content = strndup(v, strcspn(v, "\""));
    hresp_free(&r);
    FORM(h, &legal, "/power-items/import", &r, "content", content, "filename", "list.csv");
    free(content);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已导入");
    hresp_free(&r);
    assert_true(h_exists(h->db, "SELECT 1 FROM power_item WHERE code = 'WJ-9'", ""));
    /* the export is a spreadsheet in the import's columns */
    h_request(h, &legal, "GET", "/power-items/export?format=csv", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "事项编码,事项名称,权力类型");
    ASSERT_HAS(r, "WJ-9");
    hresp_free(&r);
}

/* ---- who may -------------------------------------------------------------------------------- */

static void test_r_pow_08_a_viewer_reads_the_public_reaches_no_staff_route(void **state)
{
    struct harness *h = *state;
    struct client viewer, officer, other, legal;
    h_login(h, &viewer, "viewer");
    h_login(h, &officer, "officer");
    h_login(h, &other, "other");
    h_login(h, &legal, "legal");
    int64_t own = county_item(h, &legal);
    struct hresp r;
    FORM(h, &viewer, "/power-items", &r, "code", "X", "name", "x");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &officer, "GET", "/power-items/new", NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/power-items/import", NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    /* the other county's administrator sees the province's items, not Wujin's */
    char url[96];
    snprintf(url, sizeof url, "/power-items/%lld", (long long)own);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    snprintf(url, sizeof url, "/power-items/%lld/edit", (long long)item_id(h, "GG-CF-001"));
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "只能由上级机构修改");
    hresp_free(&r);
    /* no login: the staff routes are closed, the public ones open */
    h_request(h, NULL, "GET", "/power-items", NULL, &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/api/v1/power-items", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baseline", (long long)own);
    h_request(h, NULL, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/power-items/export", NULL, &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/public/power-items", NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

/* ---- the public page and its JSON ---------------------------------------------------------- */

/* Every string and number of v appears on the page (as the template escapes it). */
static void assert_shown(json_t *v, const char *page, const char *where)
{
    size_t i;
    const char *key;
    json_t *x;
    char path[512];
    if (json_is_object(v)) {
        json_object_foreach(v, key, x)
        {
            snprintf(path, sizeof path, "%s.%s", where, key);
            assert_shown(x, page, path);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x)
        {
            snprintf(path, sizeof path, "%s[%zu]", where, i);
            assert_shown(x, page, path);
        }
    } else if (json_is_string(v) && *json_string_value(v)) {
        struct buf b = {0};
        buf_add_html(&b, json_string_value(v), strlen(json_string_value(v)));
        if (!strstr(page, buf_str(&b))) fail_msg("%s = \"%s\" is not on the page", where, b.p);
        buf_free(&b);
    } else if (json_is_integer(v)) {
        char n[32];
        snprintf(n, sizeof n, "%lld", (long long)json_integer_value(v));
        if (!strstr(page, n)) fail_msg("%s = %s is not on the page", where, n);
    }
}

/* Whether any object within v has key. */
static bool has_key(json_t *v, const char *key)
{
    size_t i;
    const char *k;
    json_t *x;
    if (json_is_object(v)) {
        if (json_object_get(v, key)) return true;
        json_object_foreach(v, k, x) if (has_key(x, key)) return true;
    }
    if (json_is_array(v)) json_array_foreach(v, i, x) if (has_key(x, key)) return true;
    return false;
}

/* Every name a template shows ({{name}}, sections) is a key of the JSON: the page shows nothing
 * the JSON leaves out. */
static void assert_template_reads_only(const char *file, json_t *doc)
{
    char *text = h_read_file(file);
    for (const char *p = strstr(text, "{{"); p; p = strstr(p + 2, "{{")) {
        const char *n = p + 2;
        while (*n == '{' || *n == '#' || *n == '^' || *n == '/' || *n == '&' || *n == ' ')
            n++;
        if (*n == '>' || *n == '@' || *n == '.') continue; /* a partial, an index, the item */
        char name[64];
        size_t len = strcspn(n, ".} ");
        snprintf(name, sizeof name, "%.*s", (int)len, n);
        if (!has_key(doc, name)) fail_msg("%s shows {{%s}}, which the JSON has not", file, name);
    }
    free(text);
}

static void test_r_pow_07_art34_the_public_page_shows_what_its_json_holds(void **state)
{
    struct harness *h = *state;
    struct hresp page, json;
    h_request(h, NULL, "GET", "/public/power-items?line=family_planning", NULL, &page);
    ASSERT_STATUS(page, 200);
    ASSERT_HAS(page, "《中华人民共和国行政处罚法》第三十四条");
    ASSERT_HAS(page, "对非医学需要的胎儿性别鉴定的行政处罚");
    ASSERT_HAS(page, "违法所得2倍以上4倍以下");
    h_request(h, NULL, "GET", "/api/v1/public/power-items?line=family_planning", NULL, &json);
    ASSERT_STATUS(json, 200);
    assert_int_equal(json_integer_value(json_object_get(json.json, "count")), 4);
    assert_shown(json.json, page.body, "list");
    assert_template_reads_only("templates/power/public_list.html", json.json);
    assert_template_reads_only("templates/power/public_levels.html", json.json);
    /* what staff see and the public does not: ids of users, versions of rows, codes */
    assert_null(json_object_get(json_array_get(json_object_get(json.json, "items"), 0), "own"));
    assert_null(json_object_get(json_array_get(json_object_get(json.json, "items"), 0), "version"));
    hresp_free(&page);
    hresp_free(&json);

    /* one item with every version, in force and to come */
    struct client legal;
    h_login(h, &legal, "legal");
    int64_t id = county_item(h, &legal);
    char url[128];
    snprintf(url, sizeof url, "/api/v1/power-items/%lld/baselines", (long long)id);
    for (int i = 0; i < 2; i++) {
        h_send_json(h, &legal, "POST", url,
                    json_pack("{ss s[{ss ss ss ss ss}]}", "effective_on", i ? "2026-09-01" : TODAY,
                              "levels", "name", "一般", "conditions",
                              i ? "第二版情形" : "第一版情形", "penalty_types", "fine", "fine_min",
                              "500", "fine_max", "15000"),
                    &json);
        ASSERT_STATUS(json, 201);
        hresp_free(&json);
    }
    snprintf(url, sizeof url, "/public/power-items/%lld", (long long)id);
    h_request(h, NULL, "GET", url, NULL, &page);
    ASSERT_STATUS(page, 200);
    ASSERT_HAS(page, "第一版情形");
    ASSERT_HAS(page, "第二版情形");
    ASSERT_HAS(page, "待生效");
    snprintf(url, sizeof url, "/api/v1/public/power-items/%lld", (long long)id);
    h_request(h, NULL, "GET", url, NULL, &json);
    ASSERT_STATUS(json, 200);
    assert_shown(json.json, page.body, "item");
    assert_template_reads_only("templates/power/public_item.html", json.json);
    hresp_free(&page);
    hresp_free(&json);
    /* an agency's list: its own items and its ancestors' */
    h_request(h, NULL, "GET", "/api/v1/public/power-items?agency=320411&kind=penalty", NULL, &json);
    size_t province = json_array_size(json_object_get(json.json, "items"));
    hresp_free(&json);
    h_request(h, NULL, "GET", "/api/v1/public/power-items?agency=320412&kind=penalty", NULL, &json);
    assert_int_equal(json_array_size(json_object_get(json.json, "items")), province + 1);
    hresp_free(&json);
    h_request(h, NULL, "GET", "/api/v1/public/power-items?agency=999999", NULL, &json);
    ASSERT_STATUS(json, 404);
    hresp_free(&json);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_list_filters_by_kind_and_line_and_finds_by_name),
        T(test_item_page_shows_its_terms_and_every_baseline_version),
        T(test_item_form_refuses_with_messages_beside_fields_then_saves),
        T(test_r_pow_02_r_pow_03_version_form_refuses_beside_each_level),
        T(test_r_pow_04_r_pow_06_versions_over_the_api),
        T(test_r_pow_09_import_previews_reports_rows_and_carries_the_file_on),
        T(test_r_pow_08_a_viewer_reads_the_public_reaches_no_staff_route),
        T(test_r_pow_07_art34_the_public_page_shows_what_its_json_holds),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
