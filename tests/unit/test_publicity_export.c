/* test_publicity_export.c — the formatting of the 双公示 export (law/publicity_export.h): amounts
 * in 万元 with six decimals, the API's keyset cursor, the formats' names. */
#include "tests/support.h"

#include <string.h>

#include "base/money.h"
#include "law/publicity_export.h"

static void test_r_pub_32_wan_has_six_exact_decimals(void **state)
{
    (void)state;
    char out[MONEY_YUAN_SIZE];
    assert_string_equal(money_wan_exact(0, out, sizeof out), "0.000000");
    assert_string_equal(money_wan_exact(1, out, sizeof out), "0.000001");
    assert_string_equal(money_wan_exact(500000, out, sizeof out), "0.500000"); /* 5,000 元 */
    assert_string_equal(money_wan_exact(123456789, out, sizeof out), "123.456789");
    assert_string_equal(money_wan_exact(1000000, out, sizeof out), "1.000000"); /* 1 万元 */
    assert_string_equal(money_wan_exact(-1, out, sizeof out), "-0.000001");
    assert_string_equal(money_wan_exact(INT64_MAX, out, sizeof out), "9223372036854.775807");
    assert_string_equal(money_wan_exact(INT64_MIN, out, sizeof out), "-9223372036854.775808");
    char tiny[8]; /* too small: nothing rather than a cut amount */
    assert_string_equal(money_wan_exact(123456789, tiny, sizeof tiny), "");
}

static void test_cursor_round_trips_and_refuses_the_rest(void **state)
{
    (void)state;
    struct arena a = {0};
    int64_t at = -1, id = -1;
    assert_int_equal(publicity_cursor_parse(publicity_cursor(&a, 1764723600, 42), &at, &id), 0);
    assert_int_equal(at, 1764723600);
    assert_int_equal(id, 42);
    assert_int_equal(publicity_cursor_parse("0-0", &at, &id), 0);
    static const char *const bad[] = {"",     "-",     "1-",   "-1",
                                      "1--2", "1-2-3", "a-1",  "1-1a",
                                      " 1-2", "1-2 ",  "+1-2", "1234567890123456789-1",
                                      NULL};
    for (size_t i = 0; bad[i]; i++)
        if (publicity_cursor_parse(bad[i], &at, &id) == 0) fail_msg("took \"%s\"", bad[i]);
    assert_int_equal(publicity_cursor_parse(NULL, &at, &id), -1);
    arena_free(&a);
}

static void test_formats_by_name(void **state)
{
    (void)state;
    enum publicity_format f;
    assert_int_equal(publicity_format_parse("csv-gbk", &f), 0);
    assert_int_equal(f, PUBLICITY_CSV_GBK);
    assert_string_equal(publicity_format_ext(f), "csv");
    assert_string_equal(publicity_format_type(f), "text/csv; charset=gbk");
    assert_int_equal(publicity_format_parse("xlsx", &f), 0);
    assert_string_equal(publicity_format_ext(f), "xlsx");
    assert_int_equal(publicity_format_parse("pdf", &f), -1);
    assert_int_equal(publicity_format_parse(NULL, &f), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_pub_32_wan_has_six_exact_decimals),
        cmocka_unit_test(test_cursor_round_trips_and_refuses_the_rest),
        cmocka_unit_test(test_formats_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
