/* test_publicity_export.c — the formatting of the 双公示 export (law/publicity_export.h): amounts
 * in 万元 with six decimals, the API's keyset cursor, the formats' names, and the workbook of
 * docs/xlsx_stream.h read back. */
#include "tests/support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/money.h"
#include "base/xlsx.h"
#include "docs/xlsx_stream.h"
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

/* The rows read back: "row:col=text" joined by '|'. */
static int collect(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    (void)e;
    struct buf *b = ctx;
    for (int i = 0; i < ncells; i++)
        if (*cells[i]) buf_addf(b, "%d:%d=%s|", row, i, cells[i]);
    return 0;
}

static void test_xlsx_stream_reads_back_as_written(void **state)
{
    (void)state;
    char dir[] = "/tmp/landun-xlsx-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.xlsx", dir);
    struct err e = {0};
    struct xlsx_stream *x = xlsx_stream_open(path, &e);
    assert_non_null(x);
    assert_int_equal(xlsx_stream_row(x, 3, (const char *[]){"文号", "名称", "金额"}, &e), 0);
    assert_int_equal(xlsx_stream_row(x, 5,
                                     (const char *[]){"a&b<c>\"d\"", "", NULL, " 前后空格 ",
                                                      "_x0041_ 和\x01控制\t字符\n第二行"},
                                     &e),
                     0);
    assert_int_equal(xlsx_stream_row(x, 2, (const char *[]){"", "0.500000"}, &e), 0);
    assert_int_equal(xlsx_stream_close(x, &e), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char data[65536];
    size_t len = fread(data, 1, sizeof data, f);
    fclose(f);
    struct buf got = {0};
    assert_int_equal(xlsx_read(data, len, collect, &got, &e), 0);
    assert_string_equal(buf_str(&got),
                        "1:0=文号|1:1=名称|1:2=金额|2:0=a&b<c>\"d\"|"
                        "2:3= 前后空格 |2:4=_x0041_ 和控制\t字符\n第二行|3:1=0.500000|");
    buf_free(&got);
    unlink(path);
    /* too long a cell: refused, and nothing is left */
    x = xlsx_stream_open(path, &e);
    char *big = malloc(40000);
    memset(big, 'a', 39999);
    big[39999] = 0;
    assert_int_equal(xlsx_stream_row(x, 1, (const char *[]){big}, &e), ERR_INVALID);
    xlsx_stream_abort(x);
    free(big);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(rmdir(dir), 0); /* no temporary file left either */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_pub_32_wan_has_six_exact_decimals),
        cmocka_unit_test(test_cursor_round_trips_and_refuses_the_rest),
        cmocka_unit_test(test_formats_by_name),
        cmocka_unit_test(test_xlsx_stream_reads_back_as_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
