/* test_complaint_import.c — the 12345 hotline export through the real router: the upload page,
 * the first upload asking for the columns, the saved mapping used afterwards, work orders taken
 * in before skipped and listed, refused rows shown with their fields, the same on the API (the
 * columns to confirm as error.details), bad files, and who may upload. */
#include "support.h"

#include <stdio.h>
#include <string.h>

#define NOW "2026-12-07T10:00:00+08:00"

/* An export as CSV: two good rows and one without content, work orders numbered from n. */
static const char *export_csv(struct harness *h, int n)
{
    return arena_printf(
        &h->arena,
        "工单编号,来电时间,诉求人,联系电话,诉求内容,被反映对象,事发地址,诉求类别\r\n"
        "GD%d,2026-11-03 09:12:00,李四,13900001111,有人无证输液,无名诊所,花园路8号,"
        "无证行医\r\n"
        "GD%d,2026/11/4,王女士,13900002222,泳池水浑浊,蓝天游泳馆,长安路2号,\r\n"
        "GD%d,2026/11/5,,,,某美容店,府前路3号,\r\n",
        n, n + 1, n + 2);
}

/* The upload's fields: with columns, the mapping the clerk confirms. */
static const char *const no_fields[] = {"line", "medical", "matter", "other", NULL};
static const char *const mapped_fields[] = {"col_external_no",
                                            "工单编号",
                                            "col_received_on",
                                            "来电时间",
                                            "col_name",
                                            "诉求人",
                                            "col_phone",
                                            "联系电话",
                                            "col_summary",
                                            "诉求内容",
                                            "col_party_name",
                                            "被反映对象",
                                            "col_party_address",
                                            "事发地址",
                                            "col_line",
                                            "",
                                            "col_matter",
                                            "诉求类别",
                                            "line",
                                            "medical",
                                            "matter",
                                            "other",
                                            NULL};

static void upload(struct harness *h, struct client *c, const char *target, const char *name,
                   const char *csv, bool mapped, struct hresp *r)
{
    h_post_multipart(h, c, target, h_multipart(name, csv, mapped ? mapped_fields : no_fields), r);
}

static void test_the_upload_page_for_a_clerk(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    h_request(h, &c, "GET", "/complaints/import", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "enctype=\"multipart/form-data\"");
    ASSERT_HAS(r, "首次导入");
    ASSERT_HAS(r, "<option value=\"medical\" selected>");
    hresp_free(&r);
    h_request(h, &c, "GET", "/complaints", NULL, &r);
    ASSERT_HAS(r, "href=\"/complaints/import\"");
    hresp_free(&r);
    /* a viewer reads complaints but takes none in */
    h_login(h, &c, "viewer");
    h_request(h, &c, "GET", "/complaints/import", NULL, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    upload(h, &c, "/complaints/import", "工单.csv", export_csv(h, 10), true, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

/* [R-CMP-08] First the columns, then the rows; the same file again is skipped and listed. */
static void test_r_cmp_08_upload_maps_once_and_lists_work_orders_taken_in_before(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    upload(h, &c, "/complaints/import", "工单.csv", export_csv(h, 100), false, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "保存对应关系并导入");
    ASSERT_HAS(r, "<select name=\"col_external_no\">");
    ASSERT_HAS(r, "<option value=\"来电时间\" selected>");
    ASSERT_LACKS(r, "<h2>已登记</h2>");
    hresp_free(&r);
    assert_false(h_exists(h->db, "SELECT 1 FROM complaint WHERE external_no = 'GD100'", ""));

    upload(h, &c, "/complaints/import", "工单.csv", export_csv(h, 100), true, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "共读取 3 行：登记 2 件，已登记过的工单跳过 0 件，退回 1 行");
    ASSERT_HAS(r, "<td class=\"mono\">GD100</td><td class=\"nowrap\"><a href=\"/complaints/");
    ASSERT_HAS(r, "<td class=\"mono\">4</td><td>反映内容<div class=\"sub\">列“诉求内容”</div></td>"
                  "<td>请填写反映内容</td>");
    hresp_free(&r);

    /* the mapping is the agency's now: the page shows it, the next file is not asked about */
    h_request(h, &c, "GET", "/complaints/import", NULL, &r);
    ASSERT_HAS(r, "<dt>收到日期</dt><dd>列“来电时间”</dd>");
    ASSERT_HAS(r, "name=\"remap\"");
    hresp_free(&r);
    upload(h, &c, "/complaints/import", "工单.csv", export_csv(h, 100), false, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "登记 0 件，已登记过的工单跳过 2 件，退回 1 行");
    ASSERT_HAS(r, "已登记过，跳过");
    ASSERT_HAS(r, "<tr><td class=\"mono\">2</td><td class=\"mono\">GD100</td>");
    ASSERT_HAS(r, "<tr><td class=\"mono\">3</td><td class=\"mono\">GD101</td>");
    hresp_free(&r);
    /* asked to map again: the columns are shown, nothing is read */
    static const char *const remap[] = {"remap", "1", NULL};
    h_post_multipart(h, &c, "/complaints/import",
                     h_multipart("工单.csv", export_csv(h, 120), remap), &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<select name=\"col_summary\">");
    hresp_free(&r);
    assert_false(h_exists(h->db, "SELECT 1 FROM complaint WHERE external_no = 'GD120'", ""));
}

static void test_api_upload_asks_for_columns_then_answers_the_lists(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    upload(h, &c, "/api/v1/complaints/import", "工单.csv", export_csv(h, 200), false, &r);
    ASSERT_STATUS(r, 422);
    json_t *details = json_object_get(json_object_get(r.json, "error"), "details");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(details, "columns"), "external_no")),
        "工单编号");
    assert_int_equal(json_array_size(json_object_get(details, "headers")), 8);
    hresp_free(&r);

    upload(h, &c, "/api/v1/complaints/import", "工单.csv", export_csv(h, 200), true, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "imported")), 2);
    assert_int_equal(json_integer_value(json_object_get(r.json, "refused")), 1);
    json_t *saved = json_array_get(json_object_get(r.json, "saved"), 0);
    int64_t id = json_integer_value(json_object_get(saved, "id"));
    assert_true(id > 0);
    json_t *p = json_array_get(json_object_get(r.json, "problems"), 0);
    assert_int_equal(json_integer_value(json_object_get(p, "row")), 4);
    assert_string_equal(json_string_value(json_object_get(p, "field")), "summary");
    hresp_free(&r);

    upload(h, &c, "/api/v1/complaints/import", "工单.csv", export_csv(h, 200), false, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "skipped")), 2);
    json_t *d = json_array_get(json_object_get(r.json, "duplicates"), 0);
    assert_int_equal(json_integer_value(json_object_get(d, "row")), 2);
    assert_string_equal(json_string_value(json_object_get(d, "external_no")), "GD200");
    assert_int_equal(json_integer_value(json_object_get(d, "id")), id);
    hresp_free(&r);

    /* the complaint is on the hotline channel with its work order */
    char url[64];
    snprintf(url, sizeof url, "/api/v1/complaints/%lld", (long long)id);
    h_request(h, &c, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "channel")), "hotline");
    assert_string_equal(json_string_value(json_object_get(r.json, "external_no")), "GD200");
    hresp_free(&r);
}

static void test_bad_uploads_are_refused_in_chinese(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    /* no file chosen */
    char *body = h_multipart("", "", no_fields);
    h_post_multipart(h, &c, "/complaints/import", body, &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "file", "请选择从12345平台导出的Excel（.xlsx）或CSV文件");
    hresp_free(&r);
    upload(h, &c, "/complaints/import", "工单.csv", "", true, &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "文件是空的");
    hresp_free(&r);
    upload(h, &c, "/api/v1/complaints/import", "工单.pdf", "%PDF-1.7", true, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(r.body, "不支持的文件类型"));
    hresp_free(&r);
    upload(h, &c, "/complaints/import", "工单.csv", "GD1,2026-11-03,张三,139,内容,单位\r\n", true,
           &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "不是表头");
    hresp_free(&r);
    /* a mapped title missing from the file: the columns shown again, the field named */
    upload(h, &c, "/complaints/import", "工单.csv",
           "工单编号,受理时间,诉求人,联系电话,诉求内容,被反映对象,事发地址,诉求类别\r\n"
           "GD9,2026-11-03,张三,13900001111,内容,单位,地址,\r\n",
           true, &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "col_received_on", "文件中没有列“来电时间”");
    ASSERT_HAS(r, "<option value=\"受理时间\" selected>");
    hresp_free(&r);
    /* a default that is not in the catalogue */
    static const char *const bad_line[] = {"line", "nonsense", NULL};
    h_post_multipart(h, &c, "/api/v1/complaints/import",
                     h_multipart("工单.csv", export_csv(h, 300), bad_line), &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "line"));
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_the_upload_page_for_a_clerk),
        T(test_r_cmp_08_upload_maps_once_and_lists_work_orders_taken_in_before),
        T(test_api_upload_asks_for_columns_then_answers_the_lists),
        T(test_bad_uploads_are_refused_in_chinese),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
