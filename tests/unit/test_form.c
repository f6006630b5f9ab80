/* test_form.c — parsers of outside input: forms, queries, JSON bodies, cookies. */
#include "tests/support.h"
#include "web/form.h"

#include <string.h>

static void test_urlencoded_decoding(void **state)
{
    (void)state;
    struct arena a = {0};
    struct param *p;
    int n;
    const char *s = "name=%E6%AD%A6%E8%BF%9B+%E5%8C%BA&lines=medical&lines=water&&empty=&flag";
    assert_int_equal(form_parse_urlencoded(&a, s, strlen(s), &p, &n), 0);
    assert_int_equal(n, 5);
    assert_string_equal(p[0].name, "name");
    assert_string_equal(p[0].value, "武进 区");
    assert_string_equal(p[2].value, "water");
    assert_string_equal(p[3].value, "");
    assert_string_equal(p[4].name, "flag");
    assert_string_equal(p[4].value, "");
    arena_free(&a);
}

static void test_urlencoded_rejects_bad_input(void **state)
{
    (void)state;
    struct arena a = {0};
    struct param *p;
    int n;
    const char *bad[] = {"a=%E6%AD", "a=%zz", "a=%4", "a=%00", "a=%C0%AF", "a=%01"};
    for (size_t i = 0; i < countof(bad); i++)
        assert_int_equal(form_parse_urlencoded(&a, bad[i], strlen(bad[i]), &p, &n), ERR_BADREQ);
    struct buf many = {0};
    for (int i = 0; i <= FORM_MAX_PARAMS; i++)
        buf_adds(&many, "a=1&");
    assert_int_equal(form_parse_urlencoded(&a, many.p, many.len, &p, &n), ERR_BADREQ);
    buf_free(&many);
    arena_free(&a);
}

static void test_json_body_scalars_and_arrays(void **state)
{
    (void)state;
    struct arena a = {0};
    struct err e = {0};
    struct param *p;
    int n;
    json_t *doc = NULL;
    const char *s = "{\"name\":\"诊所\",\"n\":12,\"ok\":true,\"lines\":[\"medical\",\"water\"],"
                    "\"nested\":{\"x\":1},\"nothing\":null}";
    assert_int_equal(form_parse_json(&a, s, strlen(s), &doc, &p, &n, &e), 0);
    assert_int_equal(n, 5);
    assert_string_equal(p[0].value, "诊所");
    assert_string_equal(p[1].value, "12");
    assert_string_equal(p[2].value, "1");
    assert_string_equal(p[3].name, "lines");
    assert_string_equal(p[4].value, "water");
    json_decref(doc);
    const char *bad[] = {"[1]", "{\"a\":1,\"a\":2}", "{\"a\":", "{\"a\":\"\\u0001\"}", "\"x\""};
    for (size_t i = 0; i < countof(bad); i++) {
        memset(&e, 0, sizeof e);
        doc = NULL;
        assert_int_equal(form_parse_json(&a, bad[i], strlen(bad[i]), &doc, &p, &n, &e), ERR_BADREQ);
        assert_null(doc);
        assert_true(e.msg[0] != 0);
    }
    arena_free(&a);
}

static void test_multipart_fields_and_file(void **state)
{
    (void)state;
    struct arena a = {0};
    struct param *p;
    int n;
    struct upload f;
    const char *ct = "multipart/form-data; boundary=XyZ";
    const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"skip\"\r\n\r\n1\r\n"
                        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                        "filename=\"名录.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        "PK\0\x01--XyZ-not-a-delimiter\r\n--XyZ--\r\n";
    assert_int_equal(form_parse_multipart(&a, ct, body, sizeof body - 1, &p, &n, &f), 0);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].name, "skip");
    assert_string_equal(p[0].value, "1");
    assert_string_equal(f.field, "file");
    assert_string_equal(f.filename, "名录.xlsx");
    assert_int_equal(f.len, 4 + strlen("--XyZ-not-a-delimiter"));
    assert_memory_equal(f.data, "PK\0\x01", 4);
    /* malformed: no boundary, unterminated part, missing name, text field with NUL */
    assert_int_equal(
        form_parse_multipart(&a, "multipart/form-data", body, sizeof body - 1, &p, &n, &f),
        ERR_BADREQ);
    const char *bad[] = {"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
                         "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
                         "no delimiter at all"};
    for (size_t i = 0; i < countof(bad); i++)
        assert_int_equal(form_parse_multipart(&a, ct, bad[i], strlen(bad[i]), &p, &n, &f),
                         ERR_BADREQ);
    const char nul[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y\r\n--XyZ--";
    assert_int_equal(form_parse_multipart(&a, ct, nul, sizeof nul - 1, &p, &n, &f), ERR_BADREQ);
    arena_free(&a);
}

static void test_cookie_lookup(void **state)
{
    (void)state;
    struct arena a = {0};
    assert_string_equal(cookie_value(&a, "a=1; landun_sid=abc; b=2", "landun_sid"), "abc");
    assert_null(cookie_value(&a, "xlandun_sid=abc", "landun_sid"));
    assert_null(cookie_value(&a, NULL, "landun_sid"));
    assert_string_equal(cookie_value(&a, "landun_sid=", "landun_sid"), "");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urlencoded_decoding),
        cmocka_unit_test(test_urlencoded_rejects_bad_input),
        cmocka_unit_test(test_json_body_scalars_and_arrays),
        cmocka_unit_test(test_multipart_fields_and_file),
        cmocka_unit_test(test_cookie_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
