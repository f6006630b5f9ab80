/* test_import.c — uploading registry spreadsheets through the router (multipart/form-data). */
#include "tests/support.h"
#include "base/codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A multipart body with a CSV file (csv is freed) and, optionally, skip_invalid=1. Caller
 * frees. */
static char *upload(char *csv, bool skip)
{
    static const char *const no_skip[] = {"_csrf", "x", NULL};
    static const char *const with_skip[] = {"_csrf", "x", "skip_invalid", "1", NULL};
    char *body = h_multipart("名录.csv", csv, skip ? with_skip : no_skip);
    free(csv);
    return body;
}

/* Two good entity rows (USCCs numbered n, n+1) and, with bad, a row with a wrong USCC. */
static char *entity_csv(int n, bool bad)
{
    char a[19], b[19];
    h_uscc(n, a);
    h_uscc(n + 1, b);
    struct buf s = {0};
    buf_adds(&s, "名称,统一社会信用代码,地址,类别,专业,状态\r\n");
    buf_addf(&s, "上传测试诊所甲,%s,湖塘镇一号,诊所,医疗卫生,营业\r\n", a);
    if (bad) buf_adds(&s, "上传测试诊所乙,91320412MA1XXXXX00,湖塘镇二号,诊所,,营业\r\n");
    buf_addf(&s, "上传测试宾馆丙,%s,湖塘镇三号,宾馆（旅店）,公共场所卫生,营业\r\n", b);
    return buf_steal(&s);
}

static int64_t count_named(struct harness *h, const char *prefix)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(
        db_get_int(h->db, &e, &n, "SELECT count(*) FROM entity WHERE name LIKE ?", "t", prefix), 0);
    return n;
}

static void test_import_form_lists_the_columns(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    h_request(h, &c, "GET", "/entities/import", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "enctype=\"multipart/form-data\"");
    ASSERT_HAS(r, "统一社会信用代码");
    hresp_free(&r);
    h_request(h, &c, "GET", "/entities", NULL, &r);
    ASSERT_HAS(r, "href=\"/entities/import\"");
    hresp_free(&r);
}

static void test_upload_of_good_rows_imports_them(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    h_post_multipart(h, &c, "/entities/import", upload(entity_csv(700, false), false), &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已导入 2 行");
    hresp_free(&r);
    assert_int_equal(count_named(h, "上传测试%"), 2);
}

static void test_a_bad_row_imports_nothing_and_is_shown_with_row_and_column(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    h_post_multipart(h, &c, "/entities/import", upload(entity_csv(710, true), false), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "<td class=\"mono\">3</td><td>统一社会信用代码</td>");
    hresp_free(&r);
    assert_int_equal(count_named(h, "上传测试%"), 0);
    /* skipping bad rows saves the others */
    h_post_multipart(h, &c, "/entities/import", upload(entity_csv(720, true), true), &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "跳过 1 行错误数据");
    hresp_free(&r);
    assert_int_equal(count_named(h, "上传测试%"), 2);
}

static void test_api_upload_reports_problems_in_error_details(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    struct hresp r;
    h_post_multipart(h, &c, "/api/v1/entities/import", upload(entity_csv(730, true), false), &r);
    ASSERT_STATUS(r, 422);
    json_t *p = json_array_get(
        json_object_get(json_object_get(json_object_get(r.json, "error"), "details"), "problems"),
        0);
    assert_int_equal(json_integer_value(json_object_get(p, "row")), 3);
    assert_string_equal(json_string_value(json_object_get(p, "column")), "统一社会信用代码");
    hresp_free(&r);
    h_post_multipart(h, &c, "/api/v1/entities/import", upload(entity_csv(740, false), false), &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "imported")), 2);
    hresp_free(&r);
}

static void test_upload_without_a_file_or_malformed_is_refused(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;
    char *body = strdup(
        "--" H_BOUNDARY
        "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nx\r\n--" H_BOUNDARY "--\r\n");
    h_post_multipart(h, &c, "/api/v1/entities/import", body, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(
        json_object_get(json_object_get(json_object_get(r.json, "error"), "fields"), "file"));
    hresp_free(&r);
    c.content_type = "multipart/form-data"; /* no boundary */
    h_request(h, &c, "POST", "/api/v1/entities/import", "abc", &r);
    c.content_type = NULL;
    ASSERT_STATUS(r, 400);
    hresp_free(&r);
}

static void test_import_needs_write_permission(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "viewer");
    struct hresp r;
    h_post_multipart(h, &c, "/entities/import", upload(entity_csv(750, false), false), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_login(h, &c, "clerk"); /* officers are written by administrators only */
    char *body = upload(strdup("姓名,身份证号,执法证号,发证日期,有效期至,专业\r\n"), false);
    h_post_multipart(h, &c, "/officers/import", body, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

static void test_officer_upload(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    char first17[] = "32041219800101001";
    char id[19];
    snprintf(id, sizeof id, "%s%c", first17, idcard_check_char(first17));
    char csv[512];
    snprintf(csv, sizeof csv,
             "姓名,身份证号,执法证号,发证日期,有效期至,专业,法律职业资格\r\n"
             "上传测试员,%s,320412UP0001,2024-01-01,2029-01-01,医疗卫生、传染病防治,是\r\n",
             id);
    struct hresp r;
    h_post_multipart(h, &c, "/api/v1/officers/import", upload(strdup(csv), false), &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "imported")), 1);
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/officers?q=上传测试员", NULL, &r);
    ASSERT_HAS(r, "\"lines\":\"medical,infectious\"");
    ASSERT_HAS(r, "\"legal_qualified\":true");
    hresp_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_form_lists_the_columns, harness_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_upload_of_good_rows_imports_them, harness_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_bad_row_imports_nothing_and_is_shown_with_row_and_column, harness_setup,
            harness_teardown),
        cmocka_unit_test_setup_teardown(test_api_upload_reports_problems_in_error_details,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_upload_without_a_file_or_malformed_is_refused,
                                        harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_import_needs_write_permission, harness_setup,
                                        harness_teardown),
        cmocka_unit_test_setup_teardown(test_officer_upload, harness_setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
