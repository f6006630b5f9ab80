/* test_complaint_import.c — complaints from the 12345 hotline platform's export: the first guess of
 * the columns and the mapping saved for the agency, a work order taken in once (the same file
 * twice), refused rows beside good ones, the date forms of exports, the complainant sealed, the
 * catalogue values, and files that are not what they should be. Workbooks are built in memory
 * with libzip, with a caption line above the titles and dates as exports write them. */
#include "support.h"
#include "base/date.h"
#include "law/complaint.h"
#include "law/complaint_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NOW "2026-12-07T10:00:00+08:00" /* the tests' today: the rows are of November */

/* ---- building a workbook ------------------------------------------------------------------ */

#define NS  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define PKG "http://schemas.openxmlformats.org/package/2006/relationships"

/* Style 1: a date (built-in format 14); style 2: a date and time, which the reader does not take
 * for a date and hands over as the serial, as a 12345 export's 来电时间 reads. */
static const char STYLES[] =
    "<styleSheet " NS "><numFmts count=\"1\">"
    "<numFmt numFmtId=\"176\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
    "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/>"
    "</cellXfs></styleSheet>";

/* Zip name/text pairs (ended by NULL) in memory: the archive's bytes (caller frees). */
static char *zip_parts(const char *const *parts, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    for (const char *const *p = parts; *p; p += 2) {
        zip_source_t *s = zip_source_buffer(za, p[1], strlen(p[1]), 0);
        assert_true(zip_file_add(za, p[0], s, ZIP_FL_ENC_UTF_8) >= 0);
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

/* A workbook of rows given as lines of cells separated by '|': "#1:46329" is a number in style
 * 1, "#2:46329.3875" one in style 2, anything else a text; an empty cell is left out. */
static char *workbook(const char *rows, size_t *len)
{
    struct buf x = {0};
    buf_adds(&x, "<worksheet " NS "><sheetData>");
    int r = 0;
    for (const char *line = rows; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        buf_addf(&x, "<row r=\"%d\">", ++r);
        int col = 0;
        for (const char *p = line; p < line + n; col++) {
            const char *bar = memchr(p, '|', (size_t)(line + n - p));
            size_t k = bar ? (size_t)(bar - p) : (size_t)(line + n - p);
            char ref[8];
            snprintf(ref, sizeof ref, "%c%d", 'A' + col, r);
            if (k > 3 && p[0] == '#' && p[2] == ':')
                buf_addf(&x, "<c r=\"%s\" s=\"%c\"><v>%.*s</v></c>", ref, p[1], (int)k - 3, p + 3);
            else if (k)
                buf_addf(&x, "<c r=\"%s\" t=\"inlineStr\"><is><t>%.*s</t></is></c>", ref, (int)k,
                         p);
            p += k + (bar ? 1 : 0);
        }
        buf_adds(&x, "</row>");
        line += n + (end ? 1 : 0);
    }
    buf_adds(&x, "</sheetData></worksheet>");
    const char *parts[] = {
        "[Content_Types].xml",
        "<Types/>",
        "_rels/.rels",
        "<Relationships xmlns=\"" PKG "\"><Relationship Id=\"rId1\" Type=\"" REL
        "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "xl/workbook.xml",
        "<workbook " NS " xmlns:r=\"" REL "\"><sheets><sheet name=\"工单\" sheetId=\"1\""
        " r:id=\"rId1\"/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"" PKG "\"><Relationship Id=\"rId1\" Type=\"" REL
        "worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL
        "styles\" Target=\"styles.xml\"/></Relationships>",
        "xl/styles.xml",
        STYLES,
        "xl/worksheets/sheet1.xml",
        buf_str(&x),
        NULL};
    char *data = zip_parts(parts, len);
    buf_free(&x);
    return data;
}

/* The Excel serial of a day of November 2026 (1900 system). */
static int serial(int day)
{
    return (int)(date_from_ymd(2026, 11, day) - date_from_ymd(1899, 12, 30));
}

#define CAPTION "武进区12345热线工单明细（2026年11月）\n"
#define TITLES  "工单编号|来电时间|诉求人|联系电话|诉求内容|被反映对象|事发地址|诉求类别|办理时限\n"

/* Three rows of an export, their work orders numbered from n: a date-and-time cell, a date
 * cell, a text; the third caller gave neither name nor number (anonymous). Caller frees. */
static char *three_rows(int n, size_t *len)
{
    char rows[2048];
    snprintf(
        rows, sizeof rows,
        CAPTION TITLES
        "GD%d|#2:%d.3875|李四|13900001111|某小区有人无证开展静脉输液|无名诊所|湖塘镇花园路8号|"
        "卫生健康/无证行医|5\n"
        "GD%d|#1:%d|王女士|0519-86001234|游泳池水浑浊|蓝天游泳馆|湖塘镇长安路2号|公共场所卫生\n"
        "GD%d|2026/11/5 14:20|||美容店使用未经批准的注射项目|某美容店|湖塘镇府前路3号\n",
        n, serial(3), n + 1, serial(4), n + 2);
    return workbook(rows, len);
}

/* ---- helpers ------------------------------------------------------------------------------ */

/* The mapping a clerk confirms for the test export (caller decrefs). */
static json_t *test_columns(void)
{
    return json_pack("{ss ss ss ss ss ss ss ss}", "external_no", "工单编号", "received_on",
                     "来电时间", "name", "诉求人", "phone", "联系电话", "summary", "诉求内容",
                     "party_name", "被反映对象", "party_address", "事发地址", "matter", "诉求类别");
}

static int run(struct harness *h, const char *data, size_t len, const char *filename,
               const struct complaint_import_options *o, struct complaint_import_result *res,
               struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    return complaint_import(&c, data, len, filename, o, res, e);
}

static int64_t hotline_count(struct harness *h)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(
        db_get_int(h->db, &e, &n, "SELECT count(*) FROM complaint WHERE channel = 'hotline'", ""),
        0);
    return n;
}

/* Column text of the complaint with work order no (h_text's: on h->arena). */
static const char *column_of(struct harness *h, const char *col, const char *no)
{
    const char *sql =
        arena_printf(&h->arena, "SELECT %s FROM complaint WHERE external_no = ?", col);
    return h_text(h, sql, "t", no);
}

static const char *text(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "(null)";
}

/* Problem i: "row|field|message". */
static const char *problem(struct harness *h, const struct complaint_import_result *r, size_t i)
{
    json_t *p = json_array_get(r->problems, i);
    if (!p) fail_msg("no problem %zu", i);
    return arena_printf(&h->arena, "%d|%s|%s", (int)json_integer_value(json_object_get(p, "row")),
                        text(p, "field"), text(p, "message"));
}

/* ---- the columns -------------------------------------------------------------------------- */

static void test_complaint_import_guesses_the_columns_and_asks_first(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    size_t len;
    char *data = three_rows(100, &len);
    struct complaint_import_options o = {0};
    struct complaint_import_result r;
    struct err e = {0};
    assert_int_equal(run(h, data, len, "工单.xlsx", &o, &r, &e), 0);
    free(data);
    assert_false(r.mapped);
    assert_int_equal(r.header_row, 2); /* the caption above is passed over */
    assert_int_equal(json_array_size(r.headers), 9);
    json_t *want = test_columns();
    if (!json_equal(r.columns, want)) {
        char *s = json_dumps(r.columns, JSON_ENSURE_ASCII);
        fail_msg("guess %s", s);
    }
    json_decref(want);
    assert_int_equal(r.rows + r.imported, 0);
    assert_int_equal(hotline_count(h), 0);
    complaint_import_result_free(&r);
    struct actor who;
    struct ctx clerk = h_ctx(h, "clerk", &who);
    json_t *saved = complaint_import_mapping(&clerk, &e);
    assert_true(json_is_null(saved)); /* nothing is saved before the clerk confirms */
    json_decref(saved);

    /* another city's titles: exact names first, then a title containing a usual name */
    json_t *titles = json_pack("[ssssssss]", "序号", "受理编号", "受理时间", "来电人姓名",
                               "问题描述", "涉及单位", "问题发生地址", "来电人联系电话");
    json_t *g = complaint_import_guess(titles);
    assert_string_equal(text(g, "external_no"), "受理编号");
    assert_string_equal(text(g, "received_on"), "受理时间");
    assert_string_equal(text(g, "name"), "来电人姓名");
    assert_string_equal(text(g, "summary"), "问题描述");
    assert_string_equal(text(g, "party_name"), "涉及单位");
    assert_string_equal(text(g, "party_address"), "问题发生地址");
    assert_string_equal(text(g, "phone"), "来电人联系电话");
    assert_null(json_object_get(g, "matter"));
    json_decref(g);
    json_decref(titles);
}

/* [R-CMP-08] The same file twice: the second time nothing is asked (the mapping was saved) and
 * every work order is skipped and listed with the complaint that took it in. */
static void test_r_cmp_08_same_file_twice_skips_and_lists_the_work_orders(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    size_t len;
    char *data = three_rows(200, &len);
    json_t *columns = test_columns();
    struct complaint_import_options o = {.columns = columns, .line = "medical", .matter = "other"};
    struct complaint_import_result r;
    struct err e = {0};
    if (run(h, data, len, "工单.xlsx", &o, &r, &e)) fail_msg("import: %s", e.msg);
    assert_true(r.mapped);
    assert_int_equal(r.rows, 3);
    assert_int_equal(r.imported, 3);
    assert_int_equal(r.skipped + r.refused, 0);
    json_t *first = json_array_get(r.saved, 0);
    assert_int_equal(json_integer_value(json_object_get(first, "row")), 3);
    assert_string_equal(text(first, "external_no"), "GD200");
    assert_true(str_prefix(text(first, "number"), "投诉〔2026〕"));
    int64_t first_id = json_integer_value(json_object_get(first, "id"));
    complaint_import_result_free(&r);
    json_decref(columns);

    struct actor who;
    struct ctx clerk = h_ctx(h, "clerk", &who);
    json_t *saved = complaint_import_mapping(&clerk, &e);
    assert_string_equal(text(json_object_get(saved, "columns"), "received_on"), "来电时间");
    assert_string_equal(text(saved, "line"), "medical");
    json_decref(saved);

    struct complaint_import_options again = {0};
    assert_int_equal(run(h, data, len, "工单.xlsx", &again, &r, &e), 0);
    assert_true(r.mapped);
    assert_int_equal(r.rows, 3);
    assert_int_equal(r.imported, 0);
    assert_int_equal(r.skipped, 3);
    assert_int_equal(r.refused, 0);
    json_t *d = json_array_get(r.duplicates, 0);
    assert_int_equal(json_integer_value(json_object_get(d, "row")), 3);
    assert_string_equal(text(d, "external_no"), "GD200");
    assert_int_equal(json_integer_value(json_object_get(d, "id")), first_id);
    assert_true(str_prefix(text(d, "number"), "投诉〔2026〕"));
    assert_string_equal(text(json_array_get(r.duplicates, 2), "external_no"), "GD202");
    complaint_import_result_free(&r);
    assert_int_equal(hotline_count(h), 3);
    free(data);

    /* a work order twice in one file: the second row is skipped too */
    char *twice = workbook(TITLES "GD300|2026-11-06|赵六|13900002222|诊所无证|某诊所\n"
                                  "GD300|2026-11-06|赵六|13900002222|诊所无证|某诊所\n",
                           &len);
    assert_int_equal(run(h, twice, len, "工单.xlsx", &again, &r, &e), 0);
    free(twice);
    assert_int_equal(r.imported, 1);
    assert_int_equal(r.skipped, 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(r.duplicates, 0), "row")),
                     3);
    complaint_import_result_free(&r);
    assert_int_equal(hotline_count(h), 4);
}

/* The clerk maps again on request: the saved titles the file has are proposed, nothing read. */
static void test_complaint_import_remap_and_a_mapped_column_missing(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    size_t len;
    char *data = three_rows(400, &len);
    json_t *columns = test_columns();
    struct complaint_import_options o = {.columns = columns};
    struct complaint_import_result r;
    struct err e = {0};
    assert_int_equal(run(h, data, len, "工单.xlsx", &o, &r, &e), 0);
    complaint_import_result_free(&r);
    json_decref(columns);
    struct complaint_import_options remap = {.remap = true};
    assert_int_equal(run(h, data, len, "工单.xlsx", &remap, &r, &e), 0);
    free(data);
    assert_false(r.mapped);
    assert_string_equal(text(r.columns, "phone"), "联系电话");
    complaint_import_result_free(&r);

    /* a file without the saved 来电时间 column: refused, the field named, the titles offered */
    char *other = workbook("工单编号|受理时间|诉求人|联系电话|诉求内容|被反映对象\n"
                           "GD410|2026-11-06|赵六|13900002222|诊所无证|某诊所\n",
                           &len);
    struct complaint_import_options none = {0};
    assert_int_equal(run(h, other, len, "工单.xlsx", &none, &r, &e), ERR_INVALID);
    free(other);
    assert_false(r.mapped);
    assert_non_null(strstr(err_field_msg(&e, "col_received_on"), "文件中没有列“来电时间”"));
    assert_non_null(strstr(e.msg, "缺少已设置的 3 列")); /* 来电时间, 事发地址, 诉求类别 */
    assert_string_equal(text(r.columns, "received_on"), "受理时间"); /* the guess instead */
    assert_string_equal(text(r.columns, "external_no"), "工单编号");
    assert_int_equal(json_array_size(r.headers), 6);
    complaint_import_result_free(&r);
    assert_int_equal(hotline_count(h), 3);

    /* the clerk's mapping without a required field */
    err_clear(&e);
    json_t *partial = json_pack("{ss}", "external_no", "工单编号");
    struct complaint_import_options p = {.columns = partial};
    data = three_rows(420, &len);
    assert_int_equal(run(h, data, len, "工单.xlsx", &p, &r, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "col_summary"));
    assert_non_null(err_field_msg(&e, "col_party_name"));
    complaint_import_result_free(&r);
    json_decref(partial);
    /* a field that does not exist */
    err_clear(&e);
    json_t *unknown = json_pack("{ss}", "secret", "工单编号");
    struct complaint_import_options u = {.columns = unknown};
    assert_int_equal(run(h, data, len, "工单.xlsx", &u, &r, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "columns"));
    complaint_import_result_free(&r);
    json_decref(unknown);
    free(data);
}

/* ---- the rows ----------------------------------------------------------------------------- */

static void test_complaint_import_refused_rows_do_not_stop_the_others(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    json_t *columns = test_columns();
    struct complaint_import_options o = {.columns = columns};
    const char *csv =
        "工单编号,来电时间,诉求人,联系电话,诉求内容,被反映对象,事发地址,诉求类别\r\n"
        "GD500,2026-11-03 09:12:00,张三,13900003333,诊所无证输液,某诊所,湖塘镇1号,\r\n"
        "GD501,2026-11-03,张三,138****3333,诊所无证输液,某诊所,湖塘镇1号,\r\n"
        ",2026-11-03,张三,13900003333,诊所无证输液,某诊所,,\r\n"
        "GD503,11月3日,张三,13900003333,,某诊所,,\r\n"
        "GD504,2026-12-30,张三,13900003333,诊所无证输液,某诊所,,\r\n"
        "GD505,2026-11-04,,,诊所无证输液,,,\r\n"
        "GD506,2026/11/4,张三,13900003333,诊所无证输液,某诊所,,\r\n";
    struct complaint_import_result r;
    struct err e = {0};
    if (run(h, csv, strlen(csv), "工单.csv", &o, &r, &e)) fail_msg("import: %s", e.msg);
    json_decref(columns);
    assert_int_equal(r.rows, 7);
    assert_int_equal(r.imported, 2);
    assert_int_equal(r.refused, 5);
    assert_string_equal(problem(h, &r, 0), "3|phone|电话号码格式不正确");
    assert_string_equal(problem(h, &r, 1), "4|external_no|缺少工单编号");
    /* every fault of a row at once, each under its field */
    assert_string_equal(problem(h, &r, 2),
                        "5|received_on|无法识别的日期“11月3日”：可写作 2026-11-03、2026/11/3、"
                        "2026年11月3日或Excel日期");
    assert_string_equal(problem(h, &r, 3), "5|summary|请填写反映内容");
    assert_string_equal(problem(h, &r, 4), "6|received_on|收到日期不能晚于今天");
    assert_string_equal(problem(h, &r, 5),
                        "7|party_name|请选择被投诉的管理相对人，或填写被投诉单位或个人");
    json_t *p = json_array_get(r.problems, 0);
    assert_string_equal(text(p, "label"), "联系电话");
    assert_string_equal(text(p, "column"), "联系电话");
    assert_int_equal(json_array_size(r.problems), 6);
    complaint_import_result_free(&r);
    /* nothing of a refused row is saved */
    assert_false(h_exists(h->db, "SELECT 1 FROM complaint WHERE external_no = 'GD501'", ""));
    assert_int_equal(hotline_count(h), 2);
    assert_string_equal(column_of(h, "received_on", "GD506"), "2026-11-04");
}

static void test_complaint_import_date_forms_of_exports(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    static const char *const good[][2] = {
        {"2026-11-03 09:12:00", "2026-11-03"},
        {"2026-11-03", "2026-11-03"},
        {"2026/11/3", "2026-11-03"},
        {"2026/11/03 9:12", "2026-11-03"},
        {"2026.11.3", "2026-11-03"},
        {"2026年11月3日", "2026-11-03"},
        {"2026年11月3日 09:12", "2026-11-03"},
        {"2026-11-03T09:12:00", "2026-11-03"},
        {"20261103", "2026-11-03"},
        {"46329", "2026-11-03"},
        {"46329.3875", "2026-11-03"},
        {" 2026-2-28 ", "2026-02-28"},
        {"2024/2/29 23:59:59.5", "2024-02-29"},
    };
    for (size_t i = 0; i < countof(good); i++) {
        day_t d = 0;
        char out[DATE_STRLEN];
        if (date_parse_loose(good[i][0], &d)) fail_msg("refused %s", good[i][0]);
        date_format(d, out);
        if (strcmp(out, good[i][1]) != 0) fail_msg("%s → %s", good[i][0], out);
    }
    static const char *const bad[] = {
        "",
        "2026",
        "2026-11",
        "2026-13-01",
        "2026/2/30",
        "2026-11/3",
        "11/3/2026",
        "2026-11-03 25:00",
        "2026-11-03 9",
        "2026年11月3",
        "2026-11-03x",
        "1234567",
        "46329.",
        "999999",
        "２０２６-11-03",
        "2025-02-29",
        "-46329",
        "00000",
        "09999",
        "2026-11-03 09:12:60",
    };
    for (size_t i = 0; i < countof(bad); i++) {
        day_t d = 0;
        if (date_parse_loose(bad[i], &d) == 0) fail_msg("accepted %s", bad[i]);
    }

    /* through a workbook: a date cell, a date-and-time cell (a serial), texts */
    size_t len;
    char rows[1024];
    snprintf(rows, sizeof rows,
             TITLES "GD600|#1:%d|甲|13900000001|内容|某单位\n"
                    "GD601|#2:%d.6|乙|13900000002|内容|某单位\n"
                    "GD602|2026年11月5日|丙|13900000003|内容|某单位\n"
                    "GD603|2026/11/6 8:00|丁|13900000004|内容|某单位\n",
             serial(1), serial(2));
    char *data = workbook(rows, &len);
    json_t *columns = test_columns();
    struct complaint_import_options o = {.columns = columns};
    struct complaint_import_result r;
    struct err e = {0};
    if (run(h, data, len, "工单.xlsx", &o, &r, &e)) fail_msg("import: %s", e.msg);
    free(data);
    json_decref(columns);
    assert_int_equal(r.imported, 4);
    complaint_import_result_free(&r);
    assert_string_equal(column_of(h, "received_on", "GD600"), "2026-11-01");
    assert_string_equal(column_of(h, "received_on", "GD601"), "2026-11-02");
    assert_string_equal(column_of(h, "received_on", "GD602"), "2026-11-05");
    assert_string_equal(column_of(h, "received_on", "GD603"), "2026-11-06");
}

/* Each row's complainant is sealed as at the counter; a caller without name and number is
 * anonymous. The matter, and the line when no column gives it, are read from the 12345 category;
 * the clerk's defaults otherwise. */
static void test_complaint_import_seals_the_complainant_and_reads_categories(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    size_t len;
    char *data = three_rows(700, &len);
    json_t *columns = test_columns();
    struct complaint_import_options o = {
        .columns = columns, .line = "water", .matter = "medical_practice"};
    struct complaint_import_result r;
    struct err e = {0};
    if (run(h, data, len, "工单.xlsx", &o, &r, &e)) fail_msg("import: %s", e.msg);
    free(data);
    json_decref(columns);
    assert_int_equal(r.imported, 3);
    int64_t id = json_integer_value(json_object_get(json_array_get(r.saved, 0), "id"));
    complaint_import_result_free(&r);
    const char *sealed = column_of(h, "complainant", "GD700");
    assert_null(strstr(sealed, "李四"));
    assert_null(strstr(sealed, "13900001111"));
    assert_string_equal(column_of(h, "anonymous", "GD702"), "1");
    assert_string_equal(column_of(h, "complainant", "GD702"), "(null)");
    assert_string_equal(column_of(h, "channel", "GD700"), "hotline");
    assert_string_equal(column_of(h, "matter", "GD700"), "unlicensed_practice");
    assert_string_equal(column_of(h, "matter", "GD701"), "public_place");
    assert_string_equal(column_of(h, "matter", "GD702"), "medical_practice"); /* the default */
    assert_string_equal(column_of(h, "line", "GD700"), "water");              /* the default */
    assert_string_equal(column_of(h, "line", "GD701"), "public_place"); /* from the category */
    assert_string_equal(column_of(h, "party_address", "GD701"), "湖塘镇长安路2号");
    /* the clerk who took it in sees the complainant */
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    json_t *o2 = complaint_get(&c, id, &e);
    assert_non_null(o2);
    assert_string_equal(text(json_object_get(o2, "complainant"), "name"), "李四");
    json_decref(o2);

    assert_string_equal(complaint_import_code("complaint_matters", "卫生健康/无证行医"),
                        "unlicensed_practice");
    assert_string_equal(complaint_import_code("complaint_matters", "无证行医"),
                        "unlicensed_practice");
    assert_string_equal(complaint_import_code("lines", "medical"), "medical");
    assert_string_equal(complaint_import_code("lines", "卫生/公共场所卫生/游泳"), "public_place");
    assert_null(complaint_import_code("lines", "城市管理"));
    assert_null(complaint_import_code("lines", ""));
}

/* ---- files that are not what they should be --------------------------------------------- */

static void expect_refused(struct harness *h, const char *data, size_t len, const char *name,
                           int code, const char *words)
{
    json_t *columns = test_columns();
    struct complaint_import_options o = {.columns = columns};
    struct sheet_limits lim = {.max_bytes = 1u << 20};
    o.lim = &lim;
    struct complaint_import_result r;
    struct err e = {0};
    int rc = run(h, data, len, name, &o, &r, &e);
    if (rc != code || !strstr(e.msg, words))
        fail_msg("%s: %d %s (wanted %d, %s)", name, rc, e.msg, code, words);
    assert_int_equal(r.imported, 0);
    complaint_import_result_free(&r);
    json_decref(columns);
}

static void test_complaint_import_bad_files_are_named_in_chinese(void **state)
{
    struct harness *h = *state;
    h_set_now(h, NOW);
    expect_refused(h, "%PDF-1.7 ...", 12, "工单.pdf", ERR_INVALID, "不支持的文件类型");
    expect_refused(h, "PK\x03\x04garbage", 12, "工单.xlsx", ERR_INVALID, "不是有效的Excel");
    expect_refused(h, "", 0, "工单.xlsx", ERR_INVALID, "文件是空的");
    expect_refused(h, "\r\n\r\n", 4, "工单.csv", ERR_INVALID, "文件是空的");
    const char *data_first = "GD1,2026-11-03,张三,13900003333,诊所无证输液,某诊所\r\n";
    expect_refused(h, data_first, strlen(data_first), "工单.csv", ERR_INVALID, "不是表头");
    const char *captions = "说明\r\n导出时间\r\n";
    expect_refused(h, captions, strlen(captions), "工单.csv", ERR_INVALID, "没有找到表头行");
    /* past the limit of the file's size */
    size_t big = (1u << 20) + 100;
    char *huge = malloc(big + 1);
    memset(huge, 'a', big);
    memcpy(huge, TITLES, strlen(TITLES));
    huge[big] = 0;
    expect_refused(h, huge, big, "工单.csv", ERR_TOOLARGE, "文件过大");
    free(huge);
    /* without a mapping, a first row of no known titles is no header */
    struct complaint_import_options o = {0};
    struct complaint_import_result r;
    struct err e = {0};
    assert_int_equal(run(h, data_first, strlen(data_first), "工单.csv", &o, &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "没有找到表头行"));
    complaint_import_result_free(&r);
    assert_int_equal(hotline_count(h), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_complaint_import_guesses_the_columns_and_asks_first),
        T(test_r_cmp_08_same_file_twice_skips_and_lists_the_work_orders),
        T(test_complaint_import_remap_and_a_mapped_column_missing),
        T(test_complaint_import_refused_rows_do_not_stop_the_others),
        T(test_complaint_import_date_forms_of_exports),
        T(test_complaint_import_seals_the_complainant_and_reads_categories),
        T(test_complaint_import_bad_files_are_named_in_chinese),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
