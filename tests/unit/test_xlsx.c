/* test_xlsx.c — the XLSX reader (strings, numbers, dates, first sheet, hostile files) and the
 * XLSX side of sheet_writer (round trip, header, widths, failures). Workbooks are built in
 * memory with libzip from minimal XML parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <cmocka.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/sheet.h"
#include "base/xlsx.h"
#include "docs/sheet_write.h"

/* ---- Helpers ---- */

/* What the row callback saw: one line "row:cell|cell|…" per call. */
struct seen {
    struct buf out; /* the lines */
    int calls;      /* callback invocations */
    int stop_at;    /* return stop_rc on this call (1-based); 0 never */
    int stop_rc;    /* value returned when stopping */
};

/* Row callback recording into struct seen. */
static int collect(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    struct seen *s = ctx;
    (void)e;
    s->calls++;
    buf_addf(&s->out, "%d:", row);
    for (int i = 0; i < ncells; i++)
        buf_addf(&s->out, "%s%s", i ? "|" : "", cells[i]);
    buf_addc(&s->out, '\n');
    return s->stop_at == s->calls ? s->stop_rc : 0;
}

/* One part of a package: its name and contents (NULL-terminated lists end with name NULL). */
struct part {
    const char *name; /* part name in the zip */
    const char *text; /* contents */
    size_t len;       /* length; 0 → strlen(text) */
};

/* Zip the parts in memory; returns the archive bytes (caller frees) and their length. */
static char *zip_parts(const struct part *parts, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    for (const struct part *p = parts; p->name; p++) {
        size_t n = p->len ? p->len : strlen(p->text);
        zip_source_t *s = zip_source_buffer(za, p->text, n, 0);
        assert_true(zip_file_add(za, p->name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
    *len = (size_t)zip_source_tell(src);
    assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
    char *data = malloc(*len);
    assert_int_equal(zip_source_read(src, data, *len), (zip_int64_t)*len);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return data;
}

#define NS   "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_R "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define PKG  "http://schemas.openxmlformats.org/package/2006/relationships"

static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";

static const char WB_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"worksheets/data.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"" REL "chartsheet\" Target=\"chartsheets/c.xml\"/>"
    "</Relationships>";

/* A workbook whose first tab is a chart, then a hidden sheet, then the data sheet. */
static const char WORKBOOK[] = "<workbook " NS " " NS_R "><workbookPr/><sheets>"
                               "<sheet name=\"图\" sheetId=\"5\" r:id=\"rId5\"/>"
                               "<sheet name=\"说明\" sheetId=\"1\" state=\"hidden\" r:id=\"rId9\"/>"
                               "<sheet name=\"名录\" sheetId=\"2\" r:id=\"rId2\"/>"
                               "</sheets></workbook>";

static const char WORKBOOK_1904[] = "<workbook " NS " " NS_R "><workbookPr date1904=\"1\"/><sheets>"
                                    "<sheet name=\"名录\" sheetId=\"2\" r:id=\"rId2\"/>"
                                    "</sheets></workbook>";

static const char SST[] =
    "<sst " NS " count=\"3\" uniqueCount=\"3\">"
    "<si><t>武进区</t></si>"
    "<si><r><rPr><b/></rPr><t>湖塘镇</t></r><r><t xml:space=\"preserve\"> 卫生院</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>コタン</t></rPh><phoneticPr fontId=\"1\"/></si>"
    "<si><t>甲_x000A_乙_x005F_x0041_</t></si>"
    "</sst>";

/* cellStyleXfs comes first and would shift the indexes if it were mistaken for cellXfs. */
static const char STYLES[] =
    "<styleSheet " NS "><numFmts count=\"2\">"
    "<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"177\" formatCode=\"0.00_ ;[Red]\\-0.00\\ \"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/>"
    "<xf numFmtId=\"177\"/><xf numFmtId=\"20\"/><xf numFmtId=\"31\"/></cellXfs></styleSheet>";

static const char HIDDEN_SHEET[] = "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" "
                                   "t=\"inlineStr\"><is><t>hidden</t></is></c></row></sheetData>"
                                   "</worksheet>";

/* Build a workbook around the worksheet XML `sheet`; workbook NULL → WORKBOOK. */
static char *make_xlsx(const char *workbook, const char *sheet, size_t *len)
{
    const struct part parts[] = {
        {"[Content_Types].xml", "<Types/>", 0},
        {"_rels/.rels", ROOT_RELS, 0},
        {"xl/workbook.xml", workbook ? workbook : WORKBOOK, 0},
        {"xl/_rels/workbook.xml.rels", WB_RELS, 0},
        {"xl/sharedStrings.xml", SST, 0},
        {"xl/styles.xml", STYLES, 0},
        {"xl/worksheets/sheet1.xml", HIDDEN_SHEET, 0},
        {"xl/worksheets/data.xml", sheet, 0},
        {NULL, NULL, 0},
    };
    return zip_parts(parts, len);
}

/* Wrap rows XML in a worksheet. Caller frees. */
static char *sheet_of(const char *rows)
{
    struct buf b = {0};
    buf_addf(&b,
             "<?xml version=\"1.0\"?><worksheet %s %s><dimension ref=\"A1\"/>"
             "<sheetData>%s</sheetData><mergeCells/></worksheet>",
             NS, NS_R, rows);
    return buf_steal(&b);
}

/* Read the bytes as XLSX under lim; return the rc and what was seen in *s. */
static int read_lim(const char *data, size_t len, const struct sheet_limits *lim, struct seen *s,
                    struct err *e)
{
    return xlsx_read_lim(data, len, lim, collect, s, e);
}

/* A workbook with these rows must read as want. */
static void check_rows(const char *workbook, const char *rows, const char *want)
{
    char *sheet = sheet_of(rows);
    size_t len;
    char *data = make_xlsx(workbook, sheet, &len);
    struct seen s = {0};
    struct err e = {0};
    int rc = xlsx_read(data, len, collect, &s, &e);
    if (rc) fail_msg("xlsx_read failed (%d): %s", rc, e.msg);
    assert_string_equal(buf_str(&s.out), want);
    buf_free(&s.out);
    free(data);
    free(sheet);
}

/* Reading data must fail with code and a message containing want, before any row when
 * no_rows. */
static void check_fail_data(const char *data, size_t len, const struct sheet_limits *lim, int code,
                            const char *want)
{
    struct seen s = {0};
    struct err e = {0};
    int rc = read_lim(data, len, lim, &s, &e);
    assert_int_equal(rc, code);
    assert_int_equal(e.code, code);
    if (!strstr(e.msg, want)) fail_msg("error \"%s\" lacks \"%s\"", e.msg, want);
    buf_free(&s.out);
}

/* A workbook with these rows must fail as check_fail_data says. */
static void check_rows_fail(const char *rows, const struct sheet_limits *lim, int code,
                            const char *want)
{
    char *sheet = sheet_of(rows);
    size_t len;
    char *data = make_xlsx(NULL, sheet, &len);
    check_fail_data(data, len, lim, code, want);
    free(data);
    free(sheet);
}

/* The contents of part name in the xlsx file at path, as a heap string (caller frees). */
static char *zip_part_of_file(const char *path, const char *name)
{
    int zerr;
    zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
    assert_non_null(za);
    zip_stat_t st;
    assert_int_equal(zip_stat(za, name, 0, &st), 0);
    zip_file_t *zf = zip_fopen(za, name, 0);
    assert_non_null(zf);
    char *p = malloc(st.size + 1);
    assert_int_equal(zip_fread(zf, p, st.size), (zip_int64_t)st.size);
    p[st.size] = 0;
    zip_fclose(zf);
    zip_close(za);
    return p;
}

/* The whole file at path (caller frees); length in *len. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    *len = fread(p, 1, (size_t)n, f);
    fclose(f);
    return p;
}

/* A fresh temporary directory for writer tests (under $TMPDIR, else /tmp), in dir[256]. */
static void temp_dir(char dir[256])
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, 256, "%s/landun_xlsx_XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
}

/* ---- The writer, and reading back what it wrote ---- */

static void test_round_trip_through_writer(void **state)
{
    (void)state;
    char dir[256], path[320];
    temp_dir(dir);
    snprintf(path, sizeof path, "%s/单位名录.xlsx", dir);
    struct err e = {0};
    struct sheet_writer *w = sheet_writer_open(path, &e);
    assert_non_null(w);
    const char *head[] = {"名称", "统一社会信用代码", "身份证号", "备注"};
    const char *r1[] = {"武进区湖塘镇卫生院", "91320412MB1234567X", "320412199001011234",
                        "第一行\n第二行"};
    const char *r2[] = {"常州市某诊所", NULL, "", "0012"};
    const char *r3[] = {"_x0041_ 字面", "1.50", "=SUM(A1)"};
    assert_int_equal(sheet_writer_row(w, 4, head, &e), 0);
    assert_int_equal(sheet_writer_row(w, 4, r1, &e), 0);
    assert_int_equal(sheet_writer_row(w, 4, r2, &e), 0);
    assert_int_equal(sheet_writer_row(w, 3, r3, &e), 0);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(sheet_writer_close(w, &e), 0);

    size_t len;
    char *data = slurp(path, &len);
    struct seen s = {0};
    assert_int_equal(sheet_read(data, len, "单位名录.xlsx", collect, &s, &e), 0);
    assert_string_equal(
        buf_str(&s.out),
        "1:名称|统一社会信用代码|身份证号|备注\n"
        "2:武进区湖塘镇卫生院|91320412MB1234567X|320412199001011234|第一行\n第二行\n"
        "3:常州市某诊所|||0012\n"
        "4:_x0041_ 字面|1.50|=SUM(A1)\n");
    buf_free(&s.out);
    free(data);

    char *xml = zip_part_of_file(path, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(xml, "state=\"frozen\""));
    assert_non_null(strstr(xml, "<autoFilter ref=\"A1:D4\"/>"));
    assert_null(strstr(xml, "<f>")); /* "=SUM(A1)" stayed text */
    /* column A: 9 CJK characters = 18, plus padding */
    assert_non_null(strstr(xml, "<col min=\"1\" max=\"1\" width=\"20.7"));
    assert_null(strstr(xml, "min=\"5\""));
    free(xml);
    char *styles = zip_part_of_file(path, "xl/styles.xml");
    assert_non_null(strstr(styles, "<b/>"));
    assert_non_null(strstr(styles, "numFmtId=\"49\""));
    free(styles);
    unlink(path);
    rmdir(dir);
}

static void test_writer_failures_leave_no_file(void **state)
{
    (void)state;
    struct err e = {0};
    assert_null(sheet_writer_open("/tmp/名录.pdf", &e));
    assert_int_equal(e.code, ERR_INVALID);
    err_clear(&e);
    assert_null(sheet_writer_open("/nonexistent-dir/名录.xlsx", &e));
    assert_int_equal(e.code, ERR_INTERNAL);

    char dir[256], path[320];
    temp_dir(dir);
    snprintf(path, sizeof path, "%s/a.xlsx", dir);
    err_clear(&e);
    struct sheet_writer *w = sheet_writer_open(path, &e);
    assert_non_null(w);
    char *big = malloc(40000);
    memset(big, 'x', 39999);
    big[39999] = 0;
    const char *row[] = {"ok", big};
    assert_int_equal(sheet_writer_row(w, 1, row, &e), 0);
    assert_int_equal(sheet_writer_row(w, 2, row, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第2行B列"));
    assert_int_equal(sheet_writer_close(w, &e), ERR_INVALID);
    assert_int_equal(access(path, F_OK), -1);
    free(big);

    w = sheet_writer_open(path, &e);
    assert_non_null(w);
    assert_int_equal(sheet_writer_row(w, 1, row, &e), 0);
    sheet_writer_abort(w);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(rmdir(dir), 0); /* no temporary file left behind either */
}

/* ---- Hand-made workbooks ---- */

static void test_strings_numbers_dates(void **state)
{
    (void)state;
    check_rows(NULL,
               "<row r=\"1\" spans=\"1:12\">"
               "<c r=\"A1\" t=\"s\"><v>0</v></c>"
               "<c r=\"B1\" t=\"s\"><v>1</v></c>"
               "<c r=\"C1\" t=\"inlineStr\"><is><r><t>内联</t></r><r><t>文本</t></r>"
               "<rPh sb=\"0\" eb=\"1\"><t>ナイ</t></rPh></is></c>"
               "<c r=\"D1\"><v>320412.0</v></c>"
               "<c r=\"E1\" t=\"n\"><v>1.2345678901234567E17</v></c>"
               "<c r=\"F1\" s=\"1\"><v>45000</v></c>"
               "<c r=\"G1\" s=\"2\"><v>45000.75</v></c>"
               "<c r=\"H1\" s=\"3\"><v>3.50</v></c>"
               "<c r=\"I1\" t=\"b\"><v>1</v></c>"
               "<c r=\"J1\" t=\"e\"><v>#N/A</v></c>"
               "<c r=\"K1\" t=\"str\"><f>A1&amp;B1</f><v>合计</v></c>"
               "<c r=\"L1\" s=\"4\"><v>0.5</v></c>"
               "</row>"
               "<row r=\"2\"/>"
               "<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>x</t></is></c>"
               "<c r=\"XFD3\" s=\"1\"/></row>"
               "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>-2.5E-3</v></c>"
               "<c t=\"b\"><v>0</v></c></row>"
               "<row r=\"6\"><c r=\"B6\" s=\"1\"/><c r=\"C6\" t=\"e\"><v>#REF!</v></c></row>"
               "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>2</v></c><c r=\"B7\" s=\"5\"><v>1</v></c>"
               "<c r=\"C7\" s=\"5\"><v>60</v></c><c r=\"D7\" s=\"5\"><v>61</v></c>"
               "<c r=\"E7\" s=\"1\"><v>-1</v></c><c r=\"F7\"><v>1E400</v></c>"
               "<c r=\"G7\" t=\"d\"><v>2024-02-29T00:00:00</v></c></row>"
               "<row r=\"8\"><c r=\"A8\" t=\"b\"><v>1</v></c><c r=\"B8\" t=\"b\"/>"
               "<c r=\"C8\" t=\"d\"/><c r=\"D8\" t=\"s\"><v>0</v></c><c r=\"E8\"/></row>",
               "1:武进区|湖塘镇 卫生院|内联文本|320412|123456789012345670|2023-03-15|2023-03-15|"
               "3.5|TRUE||合计|0.5\n"
               "3:||x\n"
               "4:a|-0.0025|FALSE\n"
               "7:甲\n乙_x0041_|1900-01-01|1900-02-29|1900-03-01|-1|1E400|2024-02-29\n"
               "8:TRUE|||武进区\n");
}

static void test_date1904(void **state)
{
    (void)state;
    check_rows(WORKBOOK_1904,
               "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"2\"><v>43538</v></c>"
               "</row>",
               "1:1904-01-01|2023-03-15\n");
}

static void test_callback_stop(void **state)
{
    (void)state;
    char *sheet = sheet_of("<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
                           "<row r=\"2\"><c t=\"inlineStr\"><is><t>b</t></is></c></row>"
                           "<row r=\"3\"><c t=\"inlineStr\"><is><t>c</t></is></c></row>");
    size_t len;
    char *data = make_xlsx(NULL, sheet, &len);
    for (int stop = 1; stop <= 9; stop += 4) { /* 1 must not be mistaken for anything else */
        struct seen s = {.stop_at = 2, .stop_rc = stop};
        struct err e = {0};
        assert_int_equal(xlsx_read(data, len, collect, &s, &e), stop);
        assert_int_equal(s.calls, 2);
        assert_string_equal(buf_str(&s.out), "1:a\n2:b\n");
        buf_free(&s.out);
    }
    free(data);
    free(sheet);
}

static void test_column_and_cell_limits(void **state)
{
    (void)state;
    check_rows_fail("<row r=\"4\"><c r=\"IW4\" t=\"inlineStr\"><is><t>x</t></is></c></row>", NULL,
                    ERR_INVALID, "第4行IW列超出了最多256列的限制");
    struct sheet_limits cell = {.max_cell = 3};
    check_rows_fail("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>1</v></c></row>", &cell, ERR_INVALID,
                    "第2行B列的内容过长");
    struct sheet_limits rows = {.max_rows = 1};
    check_rows_fail("<row><c><v>1</v></c></row><row><c><v>2</v></c></row>", &rows, ERR_TOOLARGE,
                    "最多1行");
}

static void test_corrupt_sheets(void **state)
{
    (void)state;
    check_rows_fail("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>", NULL, ERR_INVALID,
                    "第1行A列引用了不存在的共享字符串");
    check_rows_fail("<row r=\"0\"/>", NULL, ERR_INVALID, "行号无效");
    check_rows_fail("<row r=\"1048577\"/>", NULL, ERR_INVALID, "行号无效");
    check_rows_fail("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", NULL, ERR_INVALID,
                    "单元格位置无效");
    check_rows_fail("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", NULL, ERR_INVALID,
                    "单元格位置无效");
    check_rows_fail("<row r=\"1\"><c r=\"A1\"><v>1</v></row>", NULL, ERR_INVALID, "工作表内容损坏");
}

static void test_hostile_xml(void **state)
{
    (void)state;
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                         "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                         "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is>"
                         "</c></row></sheetData></worksheet>";
    size_t len;
    char *data = make_xlsx(NULL, laughs, &len);
    check_fail_data(data, len, NULL, ERR_INVALID, "DTD");
    free(data);

    struct buf deep = {0};
    buf_adds(&deep, "<worksheet><sheetData><row><c t=\"inlineStr\"><is>");
    for (int i = 0; i < 100; i++)
        buf_adds(&deep, "<r>");
    for (int i = 0; i < 100; i++)
        buf_adds(&deep, "</r>");
    buf_adds(&deep, "</is></c></row></sheetData></worksheet>");
    data = make_xlsx(NULL, deep.p, &len);
    check_fail_data(data, len, NULL, ERR_INVALID, "嵌套过深");
    free(data);
    buf_free(&deep);
}

static void test_zip_bomb(void **state)
{
    (void)state;
    size_t big = 3 << 20;
    struct buf sheet = {0};
    buf_adds(&sheet, "<worksheet><!--");
    buf_grow(&sheet, big);
    memset(sheet.p + sheet.len, ' ', big);
    sheet.len += big;
    sheet.p[sheet.len] = 0;
    buf_adds(&sheet, "--><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>");
    size_t len;
    char *data = make_xlsx(NULL, sheet.p, &len);
    assert_true(len < 100000); /* a small file … */
    struct sheet_limits lim = {.max_bytes = 1 << 20};
    check_fail_data(data, len, &lim, ERR_TOOLARGE, "解压后超过了1 MB的限制"); /* … that grows */
    struct sheet_limits roomy = {.max_bytes = 8 << 20};
    struct seen s = {0};
    struct err e = {0};
    assert_int_equal(read_lim(data, len, &roomy, &s, &e), 0);
    assert_string_equal(buf_str(&s.out), "1:1\n");
    buf_free(&s.out);
    free(data);
    buf_free(&sheet);
}

/* Make the zip in data claim that the entry `name` uncompresses to 100 bytes. */
static void lie_about_size(char *data, size_t len, const char *name)
{
    size_t n = strlen(name);
    int patched = 0;
    for (size_t i = 0; i + 46 + n <= len; i++) {
        size_t at = 0;
        if (memcmp(data + i, "PK\3\4", 4) == 0 && memcmp(data + i + 30, name, n) == 0) at = 22;
        if (memcmp(data + i, "PK\1\2", 4) == 0 && memcmp(data + i + 46, name, n) == 0) at = 24;
        if (!at) continue;
        memcpy(data + i + at, "\x64\0\0\0", 4);
        patched++;
    }
    assert_int_equal(patched, 2);
}

static void test_lying_sizes(void **state)
{
    (void)state;
    size_t big = 3 << 20;
    char *sheet = malloc(big + 100);
    strcpy(sheet, "<worksheet><!--");
    memset(sheet + strlen(sheet), ' ', big);
    strcpy(sheet + 15 + big, "--><sheetData/></worksheet>");
    size_t len;
    char *data = make_xlsx(NULL, sheet, &len);
    lie_about_size(data, len, "xl/worksheets/data.xml");
    struct sheet_limits lim = {.max_bytes = 1 << 20};
    check_fail_data(data, len, &lim, ERR_TOOLARGE, "解压后超过了1 MB的限制");
    free(data);
    free(sheet);
}

static void test_not_xlsx(void **state)
{
    (void)state;
    check_fail_data("hello", 5, NULL, ERR_INVALID, "不是有效的Excel（.xlsx）文件");
    check_fail_data("PK\x03\x04 not really", 15, NULL, ERR_INVALID, "不是有效的Excel（.xlsx）文件");
    const struct part docx[] = {{"word/document.xml", "<w/>", 0}, {NULL, NULL, 0}};
    size_t len;
    char *data = zip_parts(docx, &len);
    check_fail_data(data, len, NULL, ERR_INVALID, "缺少工作簿");
    free(data);
}

static void test_corrupt_zip(void **state)
{
    (void)state;
    struct buf rows = {0};
    for (int i = 1; i <= 200; i++)
        buf_addf(&rows,
                 "<row r=\"%d\"><c t=\"inlineStr\"><is><t>第%d行的一些文字</t></is></c></row>", i,
                 i);
    char *sheet = sheet_of(rows.p);
    size_t len;
    char *data = make_xlsx(NULL, sheet, &len);
    /* cut off: the central directory is gone */
    check_fail_data(data, len / 2, NULL, ERR_INVALID, "不是有效的Excel（.xlsx）文件");
    /* damage the compressed worksheet: inflate or CRC check fails */
    char *p = memmem(data, len, "xl/worksheets/data.xml", 22);
    assert_non_null(p);
    for (size_t i = 60; i < 400; i++)
        p[i] ^= 0x55;
    struct seen s = {0};
    struct err e = {0};
    assert_int_equal(read_lim(data, len, NULL, &s, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "不是有效的Excel（.xlsx）文件"));
    buf_free(&s.out);
    free(data);
    free(sheet);
    buf_free(&rows);
}

static void test_encrypted_entry(void **state)
{
    (void)state;
    if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) skip();
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    const char *names[] = {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
    const char *texts[] = {ROOT_RELS, WORKBOOK, WB_RELS};
    for (int i = 0; i < 3; i++) {
        zip_int64_t idx =
            zip_file_add(za, names[i], zip_source_buffer(za, texts[i], strlen(texts[i]), 0), 0);
        assert_int_equal(zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "pw"), 0);
    }
    assert_int_equal(zip_close(za), 0);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    size_t len = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *data = malloc(len);
    zip_source_read(src, data, len);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    check_fail_data(data, len, NULL, ERR_INVALID, "已加密");
    free(data);
}

/* Run every test; the exit status is the number of failures. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_through_writer),
        cmocka_unit_test(test_writer_failures_leave_no_file),
        cmocka_unit_test(test_strings_numbers_dates),
        cmocka_unit_test(test_date1904),
        cmocka_unit_test(test_callback_stop),
        cmocka_unit_test(test_column_and_cell_limits),
        cmocka_unit_test(test_corrupt_sheets),
        cmocka_unit_test(test_hostile_xml),
        cmocka_unit_test(test_zip_bomb),
        cmocka_unit_test(test_lying_sizes),
        cmocka_unit_test(test_not_xlsx),
        cmocka_unit_test(test_corrupt_zip),
        cmocka_unit_test(test_encrypted_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
