/* test_import.c — importing the registries from spreadsheets: every bad row reported by row and
 * column title, nothing saved unless asked to skip bad rows, Chinese labels and GBK accepted, and
 * an export imported again gives back the same registry. */
#include "tests/support.h"
#include "docs/registry_export.h"
#include "law/agency.h"
#include "law/entity.h"
#include "law/import.h"
#include "law/officer.h"
#include "base/codes.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------- */

#define ENTITY_HEADER                                                                                                                  \
    "名称,类型,统一社会信用代码,身份证号,法定代表人,地址,行政区划代码,类别,专业,状态,风险等级," \
    "联系电话,管辖机构代码,许可证类型,许可证号,许可证有效期起,许可证有效期止\r\n"
#define OFFICER_HEADER                                                                                                       \
    "姓名,身份证号,联系电话,执法证号,发证日期,有效期至,状态,状态原因,专业,法律职业资格," \
    "所属机构代码,科室\r\n"

static const char *uscc_of(struct harness *h, const char *division, int seq)
{
    char s[USCC_LEN + 1];
    snprintf(s, sizeof s, "91%.6s%08d", division, seq);
    s[16] = orgcode_check_char(s + 8);
    s[17] = 0;
    s[17] = uscc_check_char(s);
    s[18] = 0;
    return arena_strdup(&h->arena, s);
}

/* A valid code whose 组织机构代码 part holds letters ("MA…", as new registrations do) (arena). */
static const char *uscc_ma(struct harness *h, int seq)
{
    char s[USCC_LEN + 1];
    snprintf(s, sizeof s, "91320412MA1P%04d", seq % 10000);
    s[16] = orgcode_check_char(s + 8);
    s[17] = 0;
    s[17] = uscc_check_char(s);
    s[18] = 0;
    return arena_strdup(&h->arena, s);
}

/* The same text in lower case (arena). */
static const char *lower(struct harness *h, const char *s)
{
    char *l = arena_strdup(&h->arena, s);
    for (char *p = l; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
    return l;
}

/* The same code with a wrong check character. */
static const char *bad_uscc(struct harness *h, int seq)
{
    char *s = (char *)uscc_of(h, "320412", seq);
    s[17] = s[17] == '0' ? '1' : '0';
    return s;
}

static const char *idno(struct harness *h, const char *birth, int seq)
{
    char s[IDCARD_LEN + 1];
    snprintf(s, sizeof s, "320412%.8s%03d", birth, seq % 1000);
    s[17] = idcard_check_char(s);
    s[18] = 0;
    return arena_strdup(&h->arena, s);
}

static bool entity_named(struct harness *h, const char *name)
{
    return h_exists(h->db, "SELECT 1 FROM entity WHERE name = ?", "t", name);
}

static int64_t audit_rows(struct harness *h)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, "SELECT count(*) FROM audit_log", ""), 0);
    return n;
}

/* The one entity with this name, as entity_get shows it to the admin (caller decrefs). */
static json_t *entity_by_name(struct harness *h, const char *name)
{
    struct err e = {0};
    int64_t id = 0;
    assert_int_equal(db_get_int(h->db, &e, &id, "SELECT id FROM entity WHERE name = ?", "t", name),
                     0);
    struct actor who;
    struct ctx c = h_ctx(h, "city", &who);
    json_t *o = entity_get(&c, id, &e);
    assert_non_null(o);
    return o;
}

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "(null)";
}

/* Problem i of a result: "row|column|message" (arena). */
static const char *problem(struct harness *h, const struct import_result *r, size_t i)
{
    json_t *p = json_array_get(r->problems, i);
    assert_non_null(p);
    return arena_printf(&h->arena, "%d|%s|%s", (int)json_integer_value(json_object_get(p, "row")),
                        str(p, "column"), str(p, "message"));
}

static int import_e(struct harness *h, const char *user, const char *csv, bool skip,
                    struct import_result *r, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    return import_entities(&c, csv, strlen(csv), "名录.csv", skip, NULL, r, e);
}

static int import_o(struct harness *h, const char *user, const char *csv, bool skip,
                    struct import_result *r, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    return import_officers(&c, csv, strlen(csv), "执法人员.csv", skip, NULL, r, e);
}

/* ---- entities --------------------------------------------------------------------------- */

static void test_import_entities_all_good_rows(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *csv = arena_printf(
        &h->arena,
        ENTITY_HEADER
        "百草堂诊所,org,%s,,赵一,湖塘镇长安路1号,320412001,clinic,medical,open,A,0519-86000001,"
        "320412,clinic_record,苏备-001,2024-01-01,2028-12-31\r\n"
        "蓝天宾馆,org,%s,,钱二,湖塘镇长安路2号,,hotel,,suspended,,,,,,,\r\n"
        "周三,person,,%s,,,,person,,open,,,,,,,\r\n",
        uscc_of(h, "320412", 1), uscc_of(h, "320412", 2), idno(h, "19800101", 1));
    int64_t audit_before = audit_rows(h);
    assert_int_equal(import_e(h, "admin", csv, false, &r, &e), 0);
    assert_int_equal(r.rows, 3);
    assert_int_equal(r.imported, 3);
    assert_int_equal(r.bad, 0);
    assert_int_equal(json_array_size(r.problems), 0);
    json_decref(r.problems);
    /* one row per entity, one for the licence, one for the import */
    assert_int_equal(audit_rows(h), audit_before + 5);

    json_t *o = entity_by_name(h, "百草堂诊所");
    assert_string_equal(str(o, "uscc"), uscc_of(h, "320412", 1));
    assert_string_equal(str(o, "legal_rep"), "赵一");
    assert_string_equal(str(o, "address"), "湖塘镇长安路1号");
    assert_string_equal(str(o, "division_code"), "320412001");
    assert_string_equal(str(o, "lines"), "medical");
    assert_string_equal(str(o, "risk_grade"), "A");
    assert_string_equal(str(o, "phone"), "0519-86000001");
    assert_string_equal(str(o, "agency_code"), "320412");
    json_t *li = json_array_get(json_object_get(o, "licences"), 0);
    assert_string_equal(str(li, "type"), "clinic_record");
    assert_string_equal(str(li, "number"), "苏备-001");
    assert_string_equal(str(li, "valid_to"), "2028-12-31");
    json_decref(o);
    o = entity_by_name(h, "蓝天宾馆");
    assert_string_equal(str(o, "status"), "suspended");
    assert_string_equal(str(o, "lines"), "public_place");
    json_decref(o);
    o = entity_by_name(h, "周三");
    assert_string_equal(str(o, "kind"), "person");
    assert_string_equal(str(o, "id_number"), idno(h, "19800101", 1));
    json_decref(o);
}

/* Three rows, the middle one with a bad USCC. */
static const char *one_bad_row(struct harness *h, int base)
{
    return arena_printf(&h->arena,
                        ENTITY_HEADER "甲%d诊所,,%s,,,武进区,,clinic,,,,,,,,,\r\n"
                                      "乙%d诊所,,%s,,,武进区,,clinic,,,,,,,,,\r\n"
                                      "丙%d诊所,,%s,,,武进区,,clinic,,,,,,,,,\r\n",
                        base, uscc_of(h, "320412", base), base, bad_uscc(h, base + 1), base,
                        uscc_of(h, "320412", base + 2));
}

static void test_import_entities_one_bad_row_imports_nothing(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    int64_t audit_before = audit_rows(h);
    assert_int_equal(import_e(h, "admin", one_bad_row(h, 10), false, &r, &e), ERR_INVALID);
    assert_int_equal(r.rows, 3);
    assert_int_equal(r.bad, 1);
    assert_int_equal(r.imported, 0);
    assert_int_equal(json_array_size(r.problems), 1);
    const char *p = problem(h, &r, 0);
    assert_true(str_prefix(p, "3|统一社会信用代码|"));
    assert_non_null(strstr(p, "校验位"));
    json_decref(r.problems);
    assert_false(entity_named(h, "甲10诊所"));
    assert_false(entity_named(h, "丙10诊所"));
    assert_int_equal(audit_rows(h), audit_before);
    assert_int_equal(db_depth(h->db), 0);
}

static void test_import_entities_skip_invalid_saves_good_rows(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    assert_int_equal(import_e(h, "admin", one_bad_row(h, 20), true, &r, &e), 0);
    assert_int_equal(r.rows, 3);
    assert_int_equal(r.bad, 1);
    assert_int_equal(r.imported, 2);
    assert_true(str_prefix(problem(h, &r, 0), "3|统一社会信用代码|"));
    json_decref(r.problems);
    assert_true(entity_named(h, "甲20诊所"));
    assert_false(entity_named(h, "乙20诊所"));
    assert_true(entity_named(h, "丙20诊所"));
}

static void test_import_entities_reports_every_bad_field_by_column_title(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *csv = arena_printf(
        &h->arena,
        ENTITY_HEADER
        ",,%s,,,武进区,32041,火星站,,倒闭,Z,abc,,,,,\r\n"
        "有证诊所,,%s,,,武进区,,clinic,,,,,,clinic_record,备-9,2024-05-01,2024-04-01\r\n",
        uscc_of(h, "320412", 30), uscc_of(h, "320412", 31));
    assert_int_equal(import_e(h, "admin", csv, true, &r, &e), 0);
    assert_int_equal(r.bad, 2);
    struct buf all = {0};
    for (size_t i = 0; i < json_array_size(r.problems); i++)
        buf_addf(&all, "%s\n", problem(h, &r, i));
    const char *s = buf_str(&all);
    assert_non_null(strstr(s, "2|名称|"));
    assert_non_null(strstr(s, "2|行政区划代码|"));
    assert_non_null(strstr(s, "2|类别|"));
    assert_non_null(strstr(s, "2|状态|"));
    assert_non_null(strstr(s, "2|风险等级|"));
    assert_non_null(strstr(s, "2|联系电话|"));
    /* licence fields are reported under the licence columns */
    assert_non_null(strstr(s, "3|许可证有效期止|"));
    buf_free(&all);
    json_decref(r.problems);
    /* the entity of a row whose licence is bad is not saved either */
    assert_false(entity_named(h, "有证诊所"));
}

static void test_import_entities_accepts_chinese_labels(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *csv = arena_printf(
        &h->arena,
        ENTITY_HEADER
        "惠民诊所,单位,　%s ,,,湖塘镇,,诊所,医疗卫生、传染病防治,营业,B 一般风险,,,诊所备案凭证,"
        "备-100,,\r\n"
        "清泉游泳馆,单位,%s,,,湖塘镇,,游泳场所,公共场所卫生，生活饮用水卫生,停业,C,,,,,,\r\n"
        "孙五,个人,,%s,,,,个人（无证行医等）,医疗卫生,注销,,,,,,,\r\n",
        lower(h, uscc_ma(h, 40)), uscc_of(h, "320412", 41), idno(h, "19700505", 40));
    int rc = import_e(h, "admin", csv, false, &r, &e);
    if (rc)
        fail_msg("import failed: %s — %s", e.msg,
                 json_array_size(r.problems) ? problem(h, &r, 0) : "");
    assert_int_equal(r.imported, 3);
    json_decref(r.problems);
    json_t *o = entity_by_name(h, "惠民诊所");
    assert_string_equal(str(o, "kind"), "org");
    /* the code is stored in upper case without the (full-width) spaces pasted around it */
    assert_string_equal(str(o, "uscc"), uscc_ma(h, 40));
    assert_string_equal(str(o, "subtype"), "clinic");
    assert_string_equal(str(o, "lines"), "medical,infectious");
    assert_string_equal(str(o, "status"), "open");
    assert_string_equal(str(o, "risk_grade"), "B");
    assert_string_equal(str(json_array_get(json_object_get(o, "licences"), 0), "type"),
                        "clinic_record");
    json_decref(o);
    o = entity_by_name(h, "清泉游泳馆");
    assert_string_equal(str(o, "subtype"), "swimming");
    assert_string_equal(str(o, "lines"), "public_place,water");
    assert_string_equal(str(o, "status"), "suspended");
    json_decref(o);
    o = entity_by_name(h, "孙五");
    assert_string_equal(str(o, "kind"), "person");
    assert_string_equal(str(o, "subtype"), "person");
    assert_string_equal(str(o, "status"), "closed");
    json_decref(o);
}

/* text converted from UTF-8 to GBK (heap; *len set). */
static char *to_gbk(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), outsize = inleft * 2 + 16, outleft = outsize;
    char *out = malloc(outsize), *in = (char *)utf8, *o = out;
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *len = outsize - outleft;
    return out;
}

static void test_import_entities_from_gbk_csv(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *csv = arena_printf(&h->arena,
                             ENTITY_HEADER "鑫源足浴店,单位,%s,,钱六,礼嘉镇坂上村18号,,沐浴场所,,"
                                           "营业,,,,,,,\r\n",
                             uscc_of(h, "320412", 50));
    size_t len;
    char *gbk = to_gbk(csv, &len);
    assert_null(memmem(gbk, len, "鑫源", strlen("鑫源"))); /* really not UTF-8 */
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    int rc = import_entities(&c, gbk, len, "gbk.csv", false, NULL, &r, &e);
    free(gbk);
    if (rc) fail_msg("import failed: %s", e.msg);
    assert_int_equal(r.imported, 1);
    json_decref(r.problems);
    json_t *o = entity_by_name(h, "鑫源足浴店");
    assert_string_equal(str(o, "address"), "礼嘉镇坂上村18号");
    assert_string_equal(str(o, "legal_rep"), "钱六");
    assert_string_equal(str(o, "subtype"), "bath");
    json_decref(o);
}

static void test_import_entities_missing_required_column_is_named(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *csv = arena_printf(&h->arena, "名称,统一社会信用代码,地址\r\n缺列诊所,%s,武进区\r\n",
                             uscc_of(h, "320412", 60));
    assert_int_equal(import_e(h, "admin", csv, true, &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "类别"));
    assert_int_equal(r.imported, 0);
    assert_string_equal(problem(h, &r, 0), "1|类别|缺少此列");
    json_decref(r.problems);
    assert_false(entity_named(h, "缺列诊所"));
    /* alternative titles are accepted */
    err_clear(&e);
    csv = arena_printf(&h->arena,
                       "单位名称,社会信用代码,经营地址,单位类别\r\n别名诊所,%s,武进区,诊所\r\n",
                       uscc_of(h, "320412", 61));
    assert_int_equal(import_e(h, "admin", csv, false, &r, &e), 0);
    json_decref(r.problems);
    assert_true(entity_named(h, "别名诊所"));
    /* a file without any row */
    err_clear(&e);
    assert_int_equal(import_e(h, "admin", "", false, &r, &e), ERR_INVALID);
    json_decref(r.problems);
}

static void test_import_entities_duplicate_uscc_within_file_reports_second_row(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    const char *dup = uscc_of(h, "320412", 70);
    char *csv = arena_printf(&h->arena,
                             ENTITY_HEADER "原件诊所,,%s,,,武进区,,clinic,,,,,,,,,\r\n"
                                           "无关诊所,,%s,,,武进区,,clinic,,,,,,,,,\r\n"
                                           "复件诊所,,%s,,,武进区,,clinic,,,,,,,,,\r\n",
                             dup, uscc_of(h, "320412", 71), dup);
    assert_int_equal(import_e(h, "admin", csv, false, &r, &e), ERR_INVALID);
    assert_int_equal(r.bad, 1);
    assert_int_equal(json_array_size(r.problems), 1);
    assert_true(str_prefix(problem(h, &r, 0), "4|统一社会信用代码|"));
    json_decref(r.problems);
    assert_false(entity_named(h, "原件诊所"));

    err_clear(&e);
    assert_int_equal(import_e(h, "admin", csv, true, &r, &e), 0);
    assert_int_equal(r.imported, 2);
    json_decref(r.problems);
    assert_true(entity_named(h, "原件诊所"));
    assert_false(entity_named(h, "复件诊所"));

    /* a USCC already registered (here by another county) is reported too */
    err_clear(&e);
    csv = arena_printf(&h->arena, ENTITY_HEADER "新北复件诊所,,%s,,,新北区,,clinic,,,,,,,,,\r\n",
                       dup);
    assert_int_equal(import_e(h, "other", csv, false, &r, &e), ERR_INVALID);
    assert_true(str_prefix(problem(h, &r, 0), "2|统一社会信用代码|"));
    json_decref(r.problems);
}

static void test_import_entities_into_agency_out_of_scope_is_reported(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *csv =
        arena_printf(&h->arena, ENTITY_HEADER "越界诊所,,%s,,,新北区,,clinic,,,,,320411,,,,\r\n",
                     uscc_of(h, "320411", 80));
    assert_int_equal(import_e(h, "admin", csv, false, &r, &e), ERR_INVALID);
    assert_true(str_prefix(problem(h, &r, 0), "2|管辖机构代码|"));
    json_decref(r.problems);
    err_clear(&e);
    assert_int_equal(import_e(h, "city", csv, false, &r, &e), 0);
    json_decref(r.problems);
    json_t *o = entity_by_name(h, "越界诊所");
    assert_string_equal(str(o, "agency_code"), "320411");
    json_decref(o);
}

/* ---- officers --------------------------------------------------------------------------- */

static void test_import_officers_good_bad_and_labels(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *bad_id = (char *)idno(h, "19880808", 2);
    bad_id[17] = bad_id[17] == '5' ? '6' : '5';
    char *csv = arena_printf(
        &h->arena,
        OFFICER_HEADER "陆一,%s,0519-1234567,苏武执I001,2021-03-01,2027-02-28,在岗,,"
                       "医疗卫生、传染病防治,是,320412,\r\n"
                       "陆二,%s,,苏武执I002,2021-03-01,2027-02-28,,,medical,,,\r\n"
                       "陆三,%s,,苏武执I003,2021-03-01,2027-02-28,暂停,病休,公共场所卫生,否,,\r\n",
        idno(h, "19880808", 1), bad_id, idno(h, "19880808", 3));
    assert_int_equal(import_o(h, "admin", csv, false, &r, &e), ERR_INVALID);
    assert_int_equal(r.bad, 1);
    assert_true(str_prefix(problem(h, &r, 0), "3|身份证号|"));
    json_decref(r.problems);
    assert_false(h_exists(h->db, "SELECT 1 FROM officer WHERE name = ?", "t", "陆一"));

    err_clear(&e);
    assert_int_equal(import_o(h, "admin", csv, true, &r, &e), 0);
    assert_int_equal(r.imported, 2);
    json_decref(r.problems);
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct officer_query q = {.q = "陆一"};
    json_t *l = officer_list(&c, &q, &e);
    json_t *o = json_array_get(json_object_get(l, "rows"), 0);
    assert_non_null(o);
    assert_string_equal(str(o, "lines"), "medical,infectious");
    assert_string_equal(str(o, "status"), "active");
    assert_true(json_is_true(json_object_get(o, "legal_qualified")));
    assert_string_equal(str(o, "phone"), "0519-1234567");
    json_decref(l);
    q.q = "陆三";
    l = officer_list(&c, &q, &e);
    o = json_array_get(json_object_get(l, "rows"), 0);
    assert_non_null(o);
    assert_string_equal(str(o, "status"), "suspended");
    assert_string_equal(str(o, "status_reason"), "病休");
    assert_string_equal(str(o, "lines"), "public_place");
    assert_false(json_is_true(json_object_get(o, "legal_qualified")));
    json_decref(l);
}

static void test_import_officers_missing_column_and_duplicate_cert_no(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct import_result r;
    char *csv = arena_printf(&h->arena,
                             "姓名,身份证号,发证日期,有效期至,专业\r\n缺证号,%s,"
                             "2021-01-01,2026-01-01,medical\r\n",
                             idno(h, "19900909", 1));
    assert_int_equal(import_o(h, "admin", csv, false, &r, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "执法证号"));
    assert_string_equal(problem(h, &r, 0), "1|执法证号|缺少此列");
    json_decref(r.problems);

    err_clear(&e);
    csv = arena_printf(&h->arena,
                       OFFICER_HEADER "鲁甲,%s,,苏武执J001,2021-03-01,2027-02-28,,,medical,,,\r\n"
                                      "鲁乙,%s,,苏武执J001,2021-03-01,2027-02-28,,,medical,,,\r\n",
                       idno(h, "19900909", 2), idno(h, "19900909", 3));
    assert_int_equal(import_o(h, "admin", csv, false, &r, &e), ERR_INVALID);
    assert_int_equal(json_array_size(r.problems), 1);
    assert_true(str_prefix(problem(h, &r, 0), "3|执法证号|"));
    json_decref(r.problems);
    assert_false(h_exists(h->db, "SELECT 1 FROM officer WHERE name = ?", "t", "鲁甲"));
}

/* ---- round trips ------------------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return p;
}

/* The list's rows without what a re-import necessarily changes (id, version). */
static json_t *comparable(json_t *list)
{
    json_t *rows = json_deep_copy(json_object_get(list, "rows")), *row;
    size_t i;
    json_array_foreach(rows, i, row)
    {
        json_object_del(row, "id");
        json_object_del(row, "version");
    }
    json_decref(list);
    return rows;
}

static void assert_same_rows(json_t *before, json_t *after)
{
    if (!json_equal(before, after)) {
        char *a = json_dumps(before, JSON_INDENT(1)), *b = json_dumps(after, JSON_INDENT(1));
        fail_msg("rows differ after the round trip\nbefore: %s\nafter: %s", a, b);
    }
}

static void test_import_of_entity_export_round_trips_every_field(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct actor who;
    struct ctx c = h_ctx(h, "city", &who);
    int64_t id;
    /* one of each kind of value, in two counties */
    struct entity_input all = {.agency_code = "320412",
                               .name = "圆桥口腔门诊部",
                               .uscc = uscc_of(h, "320412", 90),
                               .legal_rep = "冯七",
                               .address = "湖塘镇圆桥路9号，\"东\"门",
                               .division_code = "320412102",
                               .subtype = "dental",
                               .lines = "medical,radiation",
                               .status = "suspended",
                               .risk_grade = "D",
                               .phone = "13800138000"};
    assert_int_equal(entity_add(&c, &all, &id, &e), 0);
    /* two licences: the export writes a row for each, the import adds both to one entity */
    int64_t lid;
    struct licence_input l1 = {.type = "medical_institution",
                               .number = "PDY-0001",
                               .valid_from = "2024-01-01",
                               .valid_to = "2028-12-31"};
    struct licence_input l2 = {.type = "radiation_diagnosis", .number = "FS-0002"};
    assert_int_equal(licence_add(&c, id, &l1, &lid, &e), 0);
    assert_int_equal(licence_add(&c, id, &l2, &lid, &e), 0);
    struct entity_input person = {.agency_code = "320411",
                                  .kind = "person",
                                  .name = "卫八",
                                  .id_number = idno(h, "19661231", 90),
                                  .address = "",
                                  .subtype = "person",
                                  .status = "closed"};
    assert_int_equal(entity_add(&c, &person, &id, &e), 0);
    struct entity_input plain = {.agency_code = "320400",
                                 .name = "市直水厂",
                                 .uscc = uscc_of(h, "320400", 91),
                                 .address = "龙城大道1号",
                                 .subtype = "water_supply"};
    assert_int_equal(entity_add(&c, &plain, &id, &e), 0);

    char path[160];
    snprintf(path, sizeof path, "%s/entities.xlsx", h->dir);
    assert_int_equal(export_entities(&c, path, &e), 0);
    struct entity_query q = {.per_page = 200};
    json_t *before = comparable(entity_list(&c, &q, &e));
    size_t n = json_array_size(before);
    assert_true(n >= 3);

    /* wipe the registry (inside a transaction undone at the end), then import the export */
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_true(db_exec(h->db, &e, "DELETE FROM entity", "") >= (int64_t)n);
    size_t len;
    char *data = slurp(path, &len);
    struct import_result r;
    int rc = import_entities(&c, data, len, "entities.xlsx", false, NULL, &r, &e);
    free(data);
    if (rc)
        fail_msg("import failed: %s — %s", e.msg,
                 json_array_size(r.problems) ? problem(h, &r, 0) : "");
    assert_int_equal(r.imported, (int)n + 1); /* one more row: the second licence */
    json_decref(r.problems);
    json_t *after = comparable(entity_list(&c, &q, &e));
    assert_same_rows(before, after);
    int64_t licences = 0;
    assert_int_equal(db_get_int(h->db, &e, &licences,
                                "SELECT count(*) FROM licence l JOIN entity x ON x.id = l.entity_id"
                                " WHERE x.name = ? AND ((l.number = 'PDY-0001' AND l.valid_from ="
                                " '2024-01-01' AND l.valid_to = '2028-12-31'"
                                " AND l.type = 'medical_institution') OR (l.number = 'FS-0002'"
                                " AND l.type = 'radiation_diagnosis' AND l.valid_to IS NULL))",
                                "t", "圆桥口腔门诊部"),
                     0);
    assert_int_equal(licences, 2);
    json_decref(before);
    json_decref(after);
    db_rollback(h->db);
}

static void test_import_of_officer_export_round_trips_every_field(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct actor who;
    struct ctx c = h_ctx(h, "city", &who);
    int64_t id, dept;
    assert_int_equal(department_add(&h->ctx, who.agency_id, "稽查科", &dept, &e), 0);
    struct officer_input a = {.department = "稽查科",
                              .name = "褚九",
                              .id_number = idno(h, "19770707", 1),
                              .phone = "0519-88880000",
                              .cert_no = "苏常执R001",
                              .cert_issued = "2022-02-02",
                              .cert_expires = "2028-02-01",
                              .lines = "water,disinfection",
                              .legal_qualified = "1"};
    assert_int_equal(officer_add(&c, &a, &id, &e), 0);
    struct officer_input b = {.agency_code = "320411",
                              .name = "卫十",
                              .id_number = idno(h, "19770707", 2),
                              .cert_no = "苏新执R002",
                              .cert_issued = "2019-09-09",
                              .cert_expires = "2025-09-08",
                              .status = "cancelled",
                              .status_reason = "调离执法岗位",
                              .lines = "medical"};
    assert_int_equal(officer_add(&c, &b, &id, &e), 0);

    char path[160];
    snprintf(path, sizeof path, "%s/officers.xlsx", h->dir);
    assert_int_equal(export_officers(&c, path, &e), 0);
    struct officer_query q = {.per_page = 200};
    json_t *before = comparable(officer_list(&c, &q, &e));
    size_t n = json_array_size(before);
    assert_true(n >= 2);

    assert_int_equal(db_begin(h->db, &e), 0);
    assert_true(db_exec(h->db, &e, "DELETE FROM officer", "") >= (int64_t)n);
    size_t len;
    char *data = slurp(path, &len);
    struct import_result r;
    int rc = import_officers(&c, data, len, "officers.xlsx", false, NULL, &r, &e);
    free(data);
    if (rc)
        fail_msg("import failed: %s — %s", e.msg,
                 json_array_size(r.problems) ? problem(h, &r, 0) : "");
    assert_int_equal(r.imported, (int)n);
    json_decref(r.problems);
    json_t *after = comparable(officer_list(&c, &q, &e));
    assert_same_rows(before, after);
    json_decref(before);
    json_decref(after);
    db_rollback(h->db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_entities_all_good_rows),
        cmocka_unit_test(test_import_entities_one_bad_row_imports_nothing),
        cmocka_unit_test(test_import_entities_skip_invalid_saves_good_rows),
        cmocka_unit_test(test_import_entities_reports_every_bad_field_by_column_title),
        cmocka_unit_test(test_import_entities_accepts_chinese_labels),
        cmocka_unit_test(test_import_entities_from_gbk_csv),
        cmocka_unit_test(test_import_entities_missing_required_column_is_named),
        cmocka_unit_test(test_import_entities_duplicate_uscc_within_file_reports_second_row),
        cmocka_unit_test(test_import_entities_into_agency_out_of_scope_is_reported),
        cmocka_unit_test(test_import_officers_good_bad_and_labels),
        cmocka_unit_test(test_import_officers_missing_column_and_duplicate_cert_no),
        cmocka_unit_test(test_import_of_entity_export_round_trips_every_field),
        cmocka_unit_test(test_import_of_officer_export_round_trips_every_field),
    };
    return cmocka_run_group_tests(tests, harness_setup, harness_teardown);
}
