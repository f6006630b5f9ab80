/* test_csv.c — the CSV reader (quoting, line numbers, encodings, limits), the CSV cell writer,
 * the CSV side of sheet_writer, and how sheet_read picks a reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <iconv.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/err.h"
#include "base/sheet.h"
#include "docs/sheet_write.h"

/* What the row callback saw: one line "row:cell|cell|…" per call. */
struct seen {
    struct buf out; /* the lines */
    int calls;      /* callback invocations */
    int stop_at;    /* return stop_rc on this call (1-based); 0 never */
    int stop_rc;    /* value to return when stopping */
};

/* Row callback recording into struct seen. */
static int collect(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    struct seen *s = ctx;
    s->calls++;
    buf_addf(&s->out, "%d:", row);
    for (int i = 0; i < ncells; i++)
        buf_addf(&s->out, "%s%s", i ? "|" : "", cells[i]);
    buf_addc(&s->out, '\n');
    if (s->stop_at == s->calls) {
        if (s->stop_rc < 0) return err_set(e, s->stop_rc, "回调拒绝了第%d行", row);
        return s->stop_rc;
    }
    return 0;
}

/* Read the CSV text (len bytes) and expect success with exactly `want` seen. */
static void check_len(const char *csv, size_t len, const char *want)
{
    struct seen s = {0};
    struct err e = {0};
    int rc = csv_read(csv, len, collect, &s, &e);
    if (rc) fail_msg("csv_read failed (%d): %s", rc, e.msg);
    assert_string_equal(buf_str(&s.out), want);
    buf_free(&s.out);
}

/* Reading the NUL-terminated csv must succeed and deliver exactly want. */
static void check(const char *csv, const char *want)
{
    check_len(csv, strlen(csv), want);
}

/* Read the CSV bytes and expect failure with code and a message containing want. */
static void check_fail_lim(const char *csv, size_t len, const struct sheet_limits *lim, int code,
                           const char *want)
{
    struct seen s = {0};
    struct err e = {0};
    int rc = csv_read_lim(csv, len, lim, collect, &s, &e);
    assert_int_equal(rc, code);
    assert_int_equal(e.code, code);
    if (!strstr(e.msg, want)) fail_msg("error \"%s\" lacks \"%s\"", e.msg, want);
    buf_free(&s.out);
}

/* Reading the NUL-terminated csv with default limits must fail as check_fail_lim says. */
static void check_fail(const char *csv, int code, const char *want)
{
    check_fail_lim(csv, strlen(csv), NULL, code, want);
}

/* Convert UTF-8 text to GBK with iconv; the test fails if it cannot. Caller frees. */
static char *to_gbk(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), cap = inleft * 2 + 1, outleft = cap;
    char *out = malloc(cap), *o = out, *in = (char *)utf8;
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *len = cap - outleft;
    return out;
}

static void test_plain_rows_and_line_ends(void **state)
{
    (void)state;
    check("a,b,c\r\n1,2,3\r\n", "1:a|b|c\n2:1|2|3\n");
    check("a,b\n1,2", "1:a|b\n2:1|2\n");
    check("a\rb\rc", "1:a\n2:b\n3:c\n");
    check("a\r\n\r\nb\n\nc\r\r", "1:a\n3:b\n5:c\n");
    check("", "");
    check("\r\n\n", "");
}

static void test_quoting(void **state)
{
    (void)state;
    check("\"x, y\",\"he said \"\"hi\"\"\",z\n", "1:x, y|he said \"hi\"|z\n");
    check("\"\",\"\"\"\",\"a\"\"\"\n", "1:|\"|a\"\n");
    check("ab\"c,d\n", "1:ab\"c|d\n");     /* a quote inside an unquoted field is text */
    check("\"a\"b,c\n", "1:ab|c\n");       /* text after the closing quote is kept */
    check("\"last\"", "1:last\n");         /* no line break at the end */
    check(" \"a\" ,b\n", "1: \"a\" |b\n"); /* not quoted: starts with a space */
}

static void test_embedded_newlines_keep_start_line(void **state)
{
    (void)state;
    check("名称,地址\r\n\"多行\r\n地址\",x\r\n\"a\rb\nc\",y\nlast,z\n",
          "1:名称|地址\n2:多行\n地址|x\n4:a\nb\nc|y\n7:last|z\n");
}

static void test_empty_cells_and_rows(void **state)
{
    (void)state;
    check("a,,c,,\n,,,\n,x\n\n", "1:a||c\n3:|x\n");
    check(",,\n\"\",\"\"\n", "");
}

static void test_bom_stripped(void **state)
{
    (void)state;
    check("\xEF\xBB\xBF名称,代码\n甲,1\n", "1:名称|代码\n2:甲|1\n");
    check("\xEF\xBB\xBF\"名称\"\n", "1:名称\n");
}

static void test_gbk_input(void **state)
{
    (void)state;
    const char *utf8 = "名称,统一社会信用代码\r\n武进区湖塘镇卫生院,91320412MB1234567X\r\n"
                       "\"常州市武进区\r\n湖塘镇\",\"说明，含逗号\"\r\n";
    size_t len;
    char *gbk = to_gbk(utf8, &len);
    assert_true(memcmp(gbk, utf8, 4) != 0); /* really converted */
    check_len(gbk, len,
              "1:名称|统一社会信用代码\n2:武进区湖塘镇卫生院|91320412MB1234567X\n"
              "3:常州市武进区\n湖塘镇|说明，含逗号\n");
    free(gbk);
}

static void test_invalid_encoding_names_line(void **state)
{
    (void)state;
    /* 0xFF is neither UTF-8 nor GB18030 */
    check_fail("name,code\nabc,1\nx\xFFy,2\n", ERR_INVALID, "第3行不是有效的UTF-8或GBK编码");
    /* mostly UTF-8 with one broken byte: reported, not misread as GBK (\xE5a is valid GBK) */
    check_fail("武进区湖塘镇卫生院,地址\n常州市武进区,湖塘镇\n卫生\xE5"
               "a,x\n",
               ERR_INVALID, "第3行不是有效的UTF-8或GBK编码");
    /* a UTF-8 BOM promises UTF-8 */
    size_t len;
    char *gbk = to_gbk("\n\n武进区", &len);
    char *bom = malloc(len + 3);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    memcpy(bom + 3, gbk, len);
    check_fail_lim(bom, len + 3, NULL, ERR_INVALID, "第3行不是有效的UTF-8或GBK编码");
    free(bom);
    free(gbk);
    check_fail("\xFF\xFEn\0a\0", ERR_INVALID, "UTF-16");
}

static void test_nul_byte_rejected(void **state)
{
    (void)state;
    check_fail_lim("a,b\nc,d\0e\n", 10, NULL, ERR_INVALID, "第2行B列含有空字符");
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    check_fail("a,b\n1,\"abc\n2,3\n", ERR_INVALID, "第2行的引号没有闭合");
    check_fail("\"", ERR_INVALID, "第1行的引号没有闭合");
    check_fail("a\n\"x\"\"\n", ERR_INVALID, "第2行的引号没有闭合");
}

static void test_callback_stops(void **state)
{
    (void)state;
    struct seen s = {.stop_at = 2, .stop_rc = 7};
    struct err e = {0};
    const char *csv = "a\nb\nc\nd\n";
    assert_int_equal(csv_read(csv, strlen(csv), collect, &s, &e), 7);
    assert_int_equal(s.calls, 2);
    assert_string_equal(buf_str(&s.out), "1:a\n2:b\n");
    buf_free(&s.out);

    struct seen s2 = {.stop_at = 3, .stop_rc = ERR_CONFLICT};
    assert_int_equal(csv_read(csv, strlen(csv), collect, &s2, &e), ERR_CONFLICT);
    assert_string_equal(e.msg, "回调拒绝了第3行");
    assert_int_equal(s2.calls, 3);
    buf_free(&s2.out);
}

static void test_limits(void **state)
{
    (void)state;
    struct sheet_limits cols = {.max_cols = 2};
    check_fail_lim("a,b,c\n", 6, &cols, ERR_INVALID, "第1行C列超出了最多2列的限制");
    struct seen s = {0};
    struct err e = {0};
    assert_int_equal(csv_read_lim("a,b,,,\n", 7, &cols, collect, &s, &e), 0);
    assert_string_equal(buf_str(&s.out), "1:a|b\n");
    buf_free(&s.out);

    struct sheet_limits cell = {.max_cell = 4};
    check_fail_lim("abcd\nx,\"abcde\"\n", 15, &cell, ERR_INVALID, "第2行B列的内容过长");
    struct sheet_limits rows = {.max_rows = 2};
    check_fail_lim("a\n\nb\nc\n", 7, &rows, ERR_TOOLARGE, "最多2行");
    struct sheet_limits bytes = {.max_bytes = 8};
    check_fail_lim("123456789", 9, &bytes, ERR_TOOLARGE, "文件过大");
    struct sheet_limits d = sheet_limits_default();
    assert_int_equal(d.max_bytes, 200u << 20);
    assert_int_equal(d.max_rows, 2000000);
    assert_int_equal(d.max_cols, 256);
    assert_int_equal(d.max_cell, 32768);
}

/* csv_write_cell of in must give want. */
static void check_write(const char *in, const char *want)
{
    struct buf b = {0};
    csv_write_cell(&b, in);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
}

static void test_write_cell(void **state)
{
    (void)state;
    check_write("plain 文本", "plain 文本");
    check_write("", "");
    check_write("a,b", "\"a,b\"");
    check_write("say \"hi\"", "\"say \"\"hi\"\"\"");
    check_write("two\nlines", "\"two\nlines\"");
    check_write("cr\r", "\"cr\r\"");
    check_write(" padded", "\" padded\"");
    check_write("\"", "\"\"\"\"");
}

static void test_write_then_read_round_trip(void **state)
{
    (void)state;
    const char *cells[] = {"a,b", "\"q\"", "多\n行", " sp ", "", "x", "末"};
    struct buf line = {0};
    for (size_t i = 0; i < countof(cells); i++) {
        if (i) buf_addc(&line, ',');
        csv_write_cell(&line, cells[i]);
    }
    check(buf_str(&line), "1:a,b|\"q\"|多\n行| sp ||x|末\n");
    buf_free(&line);
}

/* The whole contents of the file at path (caller frees), its length in *len. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *p = malloc(1 << 20);
    *len = fread(p, 1, 1 << 20, f);
    fclose(f);
    return p;
}

static void test_sheet_writer_csv(void **state)
{
    (void)state;
    char dir[256], path[320];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/landun_csv_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/导出.CSV", dir);
    struct err e = {0};
    struct sheet_writer *w = sheet_writer_open(path, &e);
    assert_non_null(w);
    const char *head[] = {"名称", "金额", "备注"};
    const char *row[] = {"=1+2", "-12.5", "a,b\r\nc"};
    const char *row2[] = {"@SUM(A1)", NULL, "-", "+86 138"};
    assert_int_equal(sheet_writer_row(w, 3, head, &e), 0);
    assert_int_equal(sheet_writer_row(w, 3, row, &e), 0);
    assert_int_equal(sheet_writer_row(w, 4, row2, &e), 0);
    assert_int_equal(access(path, F_OK), -1); /* not there until closed */
    assert_int_equal(sheet_writer_close(w, &e), 0);
    size_t len;
    char *got = slurp(path, &len);
    const char *want = "\xEF\xBB\xBF名称,金额,备注\r\n'=1+2,-12.5,\"a,b\nc\"\r\n"
                       "'@SUM(A1),,-,'+86 138\r\n";
    assert_int_equal(len, strlen(want));
    assert_memory_equal(got, want, len);
    struct seen s = {0};
    assert_int_equal(csv_read(got, len, collect, &s, &e), 0);
    assert_string_equal(buf_str(&s.out),
                        "1:名称|金额|备注\n2:'=1+2|-12.5|a,b\nc\n4:'@SUM(A1)||-|'+86 138\n");
    buf_free(&s.out);
    free(got);
    unlink(path);
    rmdir(dir);
}

/* sheet_read of data with filename must fail with a message containing want. */
static void check_pick_fail(const char *data, size_t len, const char *filename, const char *want)
{
    struct seen s = {0};
    struct err e = {0};
    int rc = sheet_read(data, len, filename, collect, &s, &e);
    assert_int_equal(rc, ERR_INVALID);
    if (!strstr(e.msg, want)) fail_msg("error \"%s\" lacks \"%s\"", e.msg, want);
    assert_int_equal(s.calls, 0);
}

/* sheet_read of the text csv with filename must deliver want. */
static void check_pick(const char *csv, const char *filename, const char *want)
{
    struct seen s = {0};
    struct err e = {0};
    int rc = sheet_read(csv, strlen(csv), filename, collect, &s, &e);
    if (rc) fail_msg("sheet_read failed: %s", e.msg);
    assert_string_equal(buf_str(&s.out), want);
    buf_free(&s.out);
}

static void test_sheet_read_picks_reader(void **state)
{
    (void)state;
    check_pick("a,b\n", "名录.csv", "1:a|b\n");
    check_pick("a,b\n", "名录.TXT", "1:a|b\n");
    check_pick("a,b\n", NULL, "1:a|b\n");
    check_pick("a,b\n", "dir.v2/名录", "1:a|b\n");
    check_pick_fail("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, "旧.xls", "旧版Excel（.xls）");
    const char *html = "\xEF\xBB\xBF <HTML><table>";
    check_pick_fail(html, strlen(html), "导出.xls", "网页（HTML）");
    check_pick_fail("a,b\n", 4, "名录.xlsx", "不是有效的Excel（.xlsx）文件");
    check_pick_fail("a,b\n", 4, "名录.pdf", "不支持的文件类型");
    check_pick_fail("PK\x03\x04garbage", 11, "名录.csv", "不是有效的Excel（.xlsx）文件");
}

/* Run every test; the exit status is the number of failures. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_rows_and_line_ends),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_embedded_newlines_keep_start_line),
        cmocka_unit_test(test_empty_cells_and_rows),
        cmocka_unit_test(test_bom_stripped),
        cmocka_unit_test(test_gbk_input),
        cmocka_unit_test(test_invalid_encoding_names_line),
        cmocka_unit_test(test_nul_byte_rejected),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_write_cell),
        cmocka_unit_test(test_write_then_read_round_trip),
        cmocka_unit_test(test_sheet_writer_csv),
        cmocka_unit_test(test_sheet_read_picks_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
