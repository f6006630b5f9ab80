/* test_publicity_export.c — the published items as data through the real router: the staff's
 * 双公示 export in every format (its columns against the field list, XLSX read back, GBK decoded
 * back), the incremental export, the Atom feed (parsed and checked for RFC 4287's elements), the
 * paginated JSON API, the public downloads; planted personal values that never leave; items not
 * published that never leave; scope and audit. Items are inserted directly, as the workflow
 * would leave them. */
#include "tests/support.h"

#include <expat.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/xlsx.h"
#include "law/publicity.h"

#define NOW "2026-12-07T10:00:00+08:00"
/* text every format must carry through: a quote, a backslash, a line break, an emoji */
#define FACTS_101 "未取得卫生许可证经营，店招为😀，写着\"欢迎\"\\和\n第二行。"
#define OLD       "2026-11-20T09:00:00+08:00" /* changed before the incremental export's day */
#define NEW       "2026-12-03T09:00:00+08:00" /* changed after it */

/* What was planted in a natural person's item, as a careless reviewer might leave it. */
static const char *const planted[] = {"欧阳测试甲", "32041219800101123X", "13912345678",
                                      "常州市武进区湖塘镇某某路99号"};

/* ---- fixture ------------------------------------------------------------------------------ */

/* A valid 统一社会信用代码 of 17 digits and a digit or X: shaped like an ID number, which the
 * masking must still leave whole. */
static const char *agency_uscc(void)
{
    static char code[19];
    for (int n = 1; !code[0] || strspn(code, "0123456789") < 17 || !strchr("0123456789X", code[17]);
         n++)
        h_uscc(n, code);
    return code;
}

static int64_t instant(const char *s)
{
    int64_t t = 0;
    assert_int_equal(clock_parse(s, &t), 0);
    return t;
}

/* One item of the fields shown, as the table holds it. */
struct item {
    const char *agency, *kind, *state, *doc_no, *party, *facts, *decided_on, *max_until, *changed;
    int person;
    const char *reason; /* a withdrawal's */
};

static int64_t add_item(struct harness *h, const struct item *it)
{
    static int64_t source = 1000;
    json_t *d = json_pack(
        "{ss ss ss ss ss ss ss ss ss ss sI sI ss ss ss ss ss ss}", "doc_no", it->doc_no, "party",
        it->party, "party_category", it->person ? "自然人" : "法人及非法人组织", "uscc",
        it->person ? "" : "91320412MA1XTEST01", "legal_rep", it->person ? "" : "王法人",
        "violation", "未取得卫生许可证从事经营", "facts", it->facts, "basis",
        "《公共场所卫生管理条例》第十四条", "types", "警告;罚款", "content",
        "警告，罚款人民币5000元", "fine", (json_int_t)500000, "confiscated", (json_int_t)123456789,
        "decided_on", it->decided_on, "publish_until", it->max_until ? it->max_until : "", "agency",
        "常州市武进区卫生健康局", "agency_uscc", agency_uscc(), "source", "常州市武进区卫生健康局",
        "source_uscc", agency_uscc());
    if (it->person) {
        json_object_set_new(d, "id_type", json_string("身份证"));
        json_object_set_new(d, "id_no", json_string(planted[1]));
        json_object_set_new(d, "address", json_string(planted[3]));
        json_object_set_new(d, "phone", json_string(planted[2]));
    }
    char *data = json_dumps(d, JSON_COMPACT);
    json_decref(d);
    char title[256];
    snprintf(title, sizeof title, "%s %s", it->doc_no, it->party);
    bool withdrawn = strcmp(it->state, "withdrawn") == 0;
    bool repaired = strcmp(it->state, "repaired") == 0;
    int64_t at = instant(it->changed), id = 0;
    struct err e = {0};
    int rc = db_get_int(
        h->db, &e, &id,
        "INSERT INTO publicity_item (agency_id, kind, source_id, line, person, state, title,"
        " decided_on, severity, max_until, published_on, withdrawn_on, withdraw_reason,"
        " repaired_on, data, changed_at, created_at, updated_at) VALUES ((SELECT id FROM agency"
        " WHERE code = ?), ?, ?, 'public_place', ?, ?, ?, ?, 'general', ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        "ttiitttttttttiii", it->agency, it->kind, source++, (int64_t)it->person, it->state, title,
        it->decided_on, it->max_until, it->decided_on, withdrawn ? "2026-12-03" : NULL, it->reason,
        repaired ? "2026-12-03" : NULL, data, at, at, at);
    free(data);
    if (rc) fail_msg("insert item: %s", e.msg);
    return id;
}

/* The county's items in every state, one of the other county and one licence. */
static void seed(struct harness *h)
{
    const char *facts_person = "当事人欧阳测试甲（身份证号32041219800101123X，电话13912345678，住"
                               "常州市武进区湖塘镇某某路99号）未取得公共场所卫生许可证经营。";
    const struct item items[] = {
        {"320412", "penalty", "published", "武卫罚〔2026〕101号", "常州某某餐饮有限公司", FACTS_101,
         "2026-12-02", "2027-12-02", NEW, 0, NULL},
        {"320412", "penalty", "published", "武卫罚〔2026〕102号", planted[0], facts_person,
         "2026-12-02", "2027-12-02", NEW, 1, NULL},
        {"320412", "penalty", "published", "武卫罚〔2026〕050号", "常州旧事美容店", "旧的违法事实",
         "2026-11-19", "2027-11-19", OLD, 0, NULL},
        {"320412", "penalty", "queued", "武卫罚〔2026〕QUEUED号", "待公示公司", "待公示事实",
         "2026-12-02", "2027-12-02", NEW, 0, NULL},
        {"320412", "penalty", "withheld", "武卫罚〔2026〕WITHHELD号", "不予公示公司", "不予公示",
         "2026-12-02", "2027-12-02", NEW, 0, NULL},
        {"320412", "penalty", "to_withdraw", "武卫罚〔2026〕TOWITHDRAW号", "待撤回公司", "待撤回",
         "2026-11-02", "2027-11-02", NEW, 0, NULL},
        {"320412", "penalty", "withdrawn", "武卫罚〔2026〕060号", "撤回公司", "撤回前的违法事实XYZ",
         "2026-11-01", "2027-11-01", NEW, 0, "行政复议决定撤销原处罚决定"},
        {"320412", "penalty", "repaired", "武卫罚〔2025〕070号", "修复公司", "修复前的违法事实",
         "2025-10-01", "2026-10-01", NEW, 0, NULL},
        {"320412", "penalty", "published", "武卫罚〔2025〕080号", "期满公司", "期满前的违法事实",
         "2025-12-05", "2026-12-05", OLD, 0, NULL},
        {"320411", "penalty", "published", "新卫罚〔2026〕OTHER号", "新北某某公司", "新北的事实",
         "2026-12-02", "2027-12-02", NEW, 0, NULL},
        {"320412", "licence", "published", "武卫许〔2026〕001号", "常州许可公司", "", "2026-12-01",
         NULL, NEW, 0, NULL},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        add_item(h, &items[i]);
}

static int setup(void **state)
{
    int rc = harness_setup(state);
    if (!rc) {
        h_set_now(*state, NOW);
        seed(*state);
    }
    return rc;
}

/* ---- reading what was answered ------------------------------------------------------------ */

/* The cells of an XLSX answer, a row a line and cells joined by tabs. */
struct sheet_text {
    struct buf text;
    char first[64][160]; /* the first row's cells */
    int nfirst;
};

static int sheet_row(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    (void)e;
    struct sheet_text *s = ctx;
    for (int i = 0; i < ncells; i++) {
        if (row == 1 && i < 64) snprintf(s->first[s->nfirst++], sizeof s->first[0], "%s", cells[i]);
        buf_addf(&s->text, "%s%s", i ? "\t" : "", cells[i]);
    }
    buf_addc(&s->text, '\n');
    return 0;
}

/* GBK bytes as UTF-8 (heap). */
static char *from_gbk(const char *p, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", "GBK");
    assert_true(cd != (iconv_t)-1);
    size_t cap = n * 2 + 16, left = cap - 1;
    char *out = calloc(1, cap), *o = out, *in = (char *)p;
    if (iconv(cd, &in, &n, &o, &left) == (size_t)-1) fail_msg("GBK does not decode");
    iconv_close(cd);
    return out;
}

/* The text of an answer in any format (heap): XLSX read back, GBK decoded. */
static char *answer_text(const struct hresp *r)
{
    if (strstr(r->content_type, "spreadsheetml")) {
        struct sheet_text s = {0};
        struct err e = {0};
        if (xlsx_read(r->body, r->len, sheet_row, &s, &e)) fail_msg("xlsx: %s", e.msg);
        return buf_steal(&s.text);
    }
    if (strstr(r->content_type, "gbk")) return from_gbk(r->body, r->len);
    return strndup(r->body, r->len);
}

/* GET target as c and return its text; asserts 200. */
static char *get_text(struct harness *h, struct client *c, const char *target)
{
    struct hresp r;
    h_request(h, c, "GET", target, NULL, &r);
    ASSERT_STATUS(r, 200);
    char *t = answer_text(&r);
    hresp_free(&r);
    return t;
}

/* The field list's labels and then the two status columns, joined by sep. */
static void header_line(const char *kind, const char *sep, char *out, size_t n)
{
    size_t nf, o = 0;
    const struct publicity_field *f = publicity_fields(kind, &nf);
    out[0] = 0;
    for (size_t i = 0; i < nf; i++)
        o += (size_t)snprintf(out + o, n - o, "%s%s", i ? sep : "", f[i].label);
    snprintf(out + o, n - o, "%s公示状态%s状态说明", sep, sep);
}

static const char *const outputs[] = {
    "/publicity/export?kind=penalty&format=xlsx",
    "/publicity/export?kind=penalty&format=csv",
    "/publicity/export?kind=penalty&format=csv-gbk",
    "/publicity/export?kind=penalty&format=json",
    "/publicity/export?kind=penalty&format=csv&since=2026-12-01",
    "/public/data/penalty.csv",
    "/public/data/penalty.gbk.csv",
    "/public/data/penalty.xlsx",
    "/public/data/penalty.json?since=2026-11-01",
    "/public/feed.atom",
    "/public/feed.atom?kind=penalty&agency=320412",
    "/api/v1/public/items",
    "/api/v1/public/items?since=2026-11-01&limit=1000",
};

/* ---- the columns -------------------------------------------------------------------------- */

static void test_export_columns_follow_the_field_list_in_every_format(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    char want[4096];
    /* CSV: the BOM, then the labels in order */
    struct hresp r;
    h_request(h, &c, "GET", "/publicity/export?kind=penalty&format=csv", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "text/csv; charset=utf-8");
    assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
    header_line("penalty", ",", want, sizeof want);
    assert_memory_equal(r.body + 3, want, strlen(want));
    assert_memory_equal(r.body + 3 + strlen(want), "\r\n", 2);
    ASSERT_HAS(r, ",0.500000,123.456789,"); /* 5000 元 and 1,234,567.89 元 in 万元 */
    ASSERT_HAS(r, ",2026-12-02,");
    char codes[128];
    snprintf(codes, sizeof codes, ",%s,常州市武进区卫生健康局,%s,", agency_uscc(), agency_uscc());
    ASSERT_HAS(r, codes); /* the agency's code whole, though shaped like an ID number */
    hresp_free(&r);
    /* XLSX read back: the first row is the labels */
    h_request(h, &c, "GET", "/publicity/export?kind=licence&format=xlsx", NULL, &r);
    ASSERT_STATUS(r, 200);
    struct sheet_text s = {0};
    struct err e = {0};
    assert_int_equal(xlsx_read(r.body, r.len, sheet_row, &s, &e), 0);
    size_t nf;
    const struct publicity_field *f = publicity_fields("licence", &nf);
    assert_int_equal(s.nfirst, (int)nf + 2);
    for (size_t i = 0; i < nf; i++)
        assert_string_equal(s.first[i], f[i].label);
    assert_string_equal(s.first[nf], "公示状态");
    assert_non_null(strstr(buf_str(&s.text), "武卫许〔2026〕001号"));
    assert_null(strstr(buf_str(&s.text), "武卫罚")); /* the kind asked for only */
    buf_free(&s.text);
    hresp_free(&r);
    /* JSON: the fields with their keys and labels, rows keyed by them */
    h_request(h, &c, "GET", "/publicity/export?kind=penalty&format=json", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *doc = json_loadb(r.body, r.len, 0, NULL);
    assert_non_null(doc);
    f = publicity_fields("penalty", &nf);
    json_t *fields = json_object_get(doc, "fields");
    assert_int_equal(json_array_size(fields), nf + 2);
    for (size_t i = 0; i < nf; i++) {
        assert_string_equal(json_string_value(json_object_get(json_array_get(fields, i), "key")),
                            f[i].key);
        assert_string_equal(json_string_value(json_object_get(json_array_get(fields, i), "label")),
                            f[i].label);
    }
    json_t *rows = json_object_get(doc, "rows");
    /* 101, 102, 050 and the withdrawal notice of 060; not 070 (repaired), 080 (ended) */
    assert_int_equal(json_array_size(rows), 4);
    assert_int_equal(json_integer_value(json_object_get(doc, "count")), 4);
    json_t *first = json_array_get(rows, 0);
    assert_string_equal(json_string_value(json_object_get(first, "doc_no")), "武卫罚〔2026〕050号");
    assert_string_equal(json_string_value(json_object_get(first, "fine")), "0.500000");
    assert_string_equal(json_string_value(json_object_get(first, "status")), "公示中");
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 1), "facts")),
                        FACTS_101);
    json_decref(doc);
    hresp_free(&r);
}

static void test_gbk_csv_decodes_to_the_same_text(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    struct hresp utf8, gbk;
    h_request(h, &c, "GET", "/publicity/export?kind=penalty&format=csv", NULL, &utf8);
    h_request(h, &c, "GET", "/publicity/export?kind=penalty&format=csv-gbk", NULL, &gbk);
    ASSERT_STATUS(gbk, 200);
    assert_string_equal(gbk.content_type, "text/csv; charset=gbk");
    /* the one character GBK lacks (😀) is written as '?' and counted */
    assert_string_equal(h_header(&gbk, "X-Unmapped-Characters"), "1");
    char *decoded = from_gbk(gbk.body, gbk.len);
    struct buf want = {0};
    const char *u = utf8.body + 3, *emoji = strstr(u, "😀");
    assert_non_null(emoji);
    buf_add(&want, u, (size_t)(emoji - u));
    buf_addc(&want, '?');
    buf_adds(&want, emoji + strlen("😀"));
    assert_string_equal(decoded, buf_str(&want));
    buf_free(&want);
    free(decoded);
    hresp_free(&utf8);
    hresp_free(&gbk);
}

/* ---- the incremental export --------------------------------------------------------------- */

static void test_r_pub_31_incremental_export_flags_what_was_taken_down(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    char *t = get_text(h, &c, "/publicity/export?kind=penalty&format=csv&since=2026-12-01");
    assert_null(strstr(t, "武卫罚〔2026〕050号")); /* changed before the day */
    assert_non_null(strstr(t, "武卫罚〔2026〕101号,"));
    assert_non_null(strstr(t, "武卫罚〔2026〕060号,"));
    assert_non_null(strstr(t, ",已撤回,2026-12-03 撤回：行政复议决定撤销原处罚决定\r\n"));
    assert_null(strstr(t, "撤回前的违法事实XYZ")); /* only what identifies it */
    assert_non_null(strstr(t, ",信用修复提前终止,2026-12-03 信用修复，提前终止公示\r\n"));
    assert_null(strstr(t, "修复前的违法事实"));
    assert_non_null(strstr(t, "武卫罚〔2025〕080号")); /* ended on 2026-12-05, changed before */
    assert_non_null(strstr(t, ",公示期满,公示期至 2026-12-05 届满\r\n"));
    assert_non_null(strstr(t, ",公示中,\r\n"));
    free(t);
    /* a day after the end: no longer in the increment */
    t = get_text(h, &c, "/publicity/export?kind=penalty&format=csv&since=2026-12-06");
    assert_null(strstr(t, "武卫罚〔2025〕080号"));
    assert_null(strstr(t, "武卫罚〔2026〕101号"));
    free(t);
}

/* ---- what never leaves -------------------------------------------------------------------- */

static void test_r_pub_30_nothing_unpublished_leaves(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        bool staff = strncmp(outputs[i], "/publicity/", 11) == 0;
        char *t = get_text(h, staff ? &c : NULL, outputs[i]);
        for (const char *const *s =
                 (const char *const[]){"QUEUED", "WITHHELD", "TOWITHDRAW", "待公示公司", NULL};
             *s; s++)
            if (strstr(t, *s)) fail_msg("%s shows %s", outputs[i], *s);
        free(t);
    }
    /* the staff's export needs a login; the public's outputs do not */
    struct hresp r;
    h_request(h, NULL, "GET", "/publicity/export?kind=penalty&format=csv", NULL, &r);
    assert_true(r.status == 303 || r.status == 401);
    assert_null(strstr(r.body, "武卫罚"));
    hresp_free(&r);
}

static void test_r_pub_01_planted_personal_values_never_leave(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
        bool staff = strncmp(outputs[i], "/publicity/", 11) == 0;
        char *t = get_text(h, staff ? &c : NULL, outputs[i]);
        if (!strstr(t, "武卫罚〔2026〕102号") && !strstr(outputs[i], "since=2026-12-01"))
            fail_msg("%s lacks the person's item", outputs[i]);
        for (size_t k = 0; k < sizeof planted / sizeof planted[0]; k++)
            if (strstr(t, planted[k])) fail_msg("%s shows %s", outputs[i], planted[k]);
        free(t);
    }
}

/* ---- scope and audit ---------------------------------------------------------------------- */

static void test_r_pub_33_export_is_of_the_users_agencies_and_audited(void **state)
{
    struct harness *h = *state;
    struct client other, city;
    h_login(h, &other, "other"); /* 320411 */
    h_login(h, &city, "city");
    char *t = get_text(h, &other, "/publicity/export?kind=penalty&format=csv");
    assert_non_null(strstr(t, "新卫罚〔2026〕OTHER号"));
    assert_null(strstr(t, "武卫罚"));
    free(t);
    struct hresp r;
    h_request(h, &other, "GET", "/publicity/export?kind=penalty&format=csv&agency=320412", NULL,
              &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "agency", "机构 320412 不存在或不在您的管辖范围内");
    hresp_free(&r);
    t = get_text(h, &city, "/publicity/export?kind=penalty&format=json&agency=320412");
    assert_non_null(strstr(t, "武卫罚〔2026〕101号"));
    assert_null(strstr(t, "OTHER"));
    free(t);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM audit_log WHERE action = 'publicity.export' AND username ="
                         " 'city' AND summary LIKE ?",
                         "t", "%行政处罚决定，json，机构 320412，4 条%"));
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM audit_log WHERE action = 'publicity.export' AND username ="
                         " 'other'",
                         ""));
    /* the public's downloads are not audited */
    h_request(h, NULL, "GET", "/public/data/penalty.csv", NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    assert_false(h_exists(h->db,
                          "SELECT 1 FROM audit_log WHERE action = 'publicity.export' AND"
                          " username NOT IN ('city', 'other')",
                          ""));
}

static void test_export_form_refusals_stand_beside_their_fields(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer");
    struct hresp r;
    h_request(h, &c, "GET", "/publicity/export", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "双公示数据导出");
    ASSERT_HAS(r, "<option value=\"penalty\" selected>行政处罚决定</option>");
    hresp_free(&r);
    h_request(h, &c, "GET", "/publicity/export?kind=fines&format=pdf&since=2026-13-45&agency=999",
              NULL, &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "kind",
                         "请选择公示类别：行政处罚决定、不予行政处罚决定、行政许可或检查结果");
    h_assert_field_error(&r, "format", "请选择导出格式：Excel、CSV（UTF-8）、CSV（GBK）或JSON");
    h_assert_field_error(&r, "since", "日期应为 YYYY-MM-DD 格式的有效日期，如 2026-12-01");
    h_assert_field_error(&r, "agency", "机构 999 不存在或不在您的管辖范围内");
    h_assert_error_count(&r);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/public/data/fines.csv", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

/* ---- the feed ----------------------------------------------------------------------------- */

/* What the feed's parse found: the RFC 4287 elements counted where they stand. */
struct atom {
    int depth;
    char path[8][32]; /* the open elements' local names */
    int feed_id, feed_title, feed_updated, self_link, author_name, entries;
    int entry_id, entry_title, entry_updated, entry_link;
    struct buf text, all;
};

static const char *local(const char *name)
{
    const char *sep = strrchr(name, '|');
    return sep ? sep + 1 : name;
}

static void XMLCALL atom_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    struct atom *a = ud;
    if (strncmp(name, "http://www.w3.org/2005/Atom|", 28) != 0) fail_msg("outside Atom: %s", name);
    const char *n = local(name);
    if (a->depth < 8) snprintf(a->path[a->depth], sizeof a->path[0], "%s", n);
    a->depth++;
    buf_reset(&a->text);
    bool in_entry = a->depth == 3 && strcmp(a->path[1], "entry") == 0;
    if (strcmp(n, "link") == 0) {
        const char *rel = "alternate", *href = NULL;
        for (int i = 0; attrs[i]; i += 2) {
            if (strcmp(attrs[i], "rel") == 0) rel = attrs[i + 1];
            if (strcmp(attrs[i], "href") == 0) href = attrs[i + 1];
        }
        assert_non_null(href);
        if (a->depth == 2 && strcmp(rel, "self") == 0) a->self_link++;
        if (in_entry && strcmp(rel, "alternate") == 0) {
            assert_true(strncmp(href, "/public/decisions/", 18) == 0);
            a->entry_link++;
        }
    }
    if (strcmp(n, "entry") == 0) a->entries++;
}

static void XMLCALL atom_end(void *ud, const XML_Char *name)
{
    struct atom *a = ud;
    const char *n = local(name), *t = buf_str(&a->text);
    a->depth--;
    bool updated = strlen(t) == 25 && t[10] == 'T' && strcmp(t + 19, "+08:00") == 0;
    bool urn = strncmp(t, "urn:uuid:", 9) == 0 && strlen(t) == 45;
    if (a->depth == 1) {
        a->feed_id += strcmp(n, "id") == 0 && urn;
        a->feed_title += strcmp(n, "title") == 0 && *t;
        a->feed_updated += strcmp(n, "updated") == 0 && updated;
    }
    if (a->depth == 2 && strcmp(a->path[1], "author") == 0)
        a->author_name += strcmp(n, "name") == 0 && *t;
    if (a->depth == 2 && strcmp(a->path[1], "entry") == 0) {
        a->entry_id += strcmp(n, "id") == 0 && urn;
        a->entry_title += strcmp(n, "title") == 0 && *t;
        a->entry_updated += strcmp(n, "updated") == 0 && updated;
    }
    buf_reset(&a->text);
}

static void XMLCALL atom_text(void *ud, const XML_Char *s, int len)
{
    struct atom *a = ud;
    buf_add(&a->text, s, (size_t)len);
    buf_add(&a->all, s, (size_t)len);
}

/* Parse body as an Atom feed into a; fails the test on XML that is not well formed. */
static void parse_atom(const char *body, size_t len, struct atom *a)
{
    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    XML_SetUserData(p, a);
    XML_SetElementHandler(p, atom_start, atom_end);
    XML_SetCharacterDataHandler(p, atom_text);
    if (XML_Parse(p, body, (int)len, 1) != XML_STATUS_OK)
        fail_msg("feed: %s at line %lu", XML_ErrorString(XML_GetErrorCode(p)),
                 XML_GetCurrentLineNumber(p));
    XML_ParserFree(p);
}

static void test_feed_is_atom_with_the_required_elements(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/public/feed.atom", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/atom+xml; charset=utf-8");
    struct atom a = {0};
    parse_atom(r.body, r.len, &a);
    /* 101, 102, 050, OTHER, the licence and the withdrawal notice of 060 */
    assert_int_equal(a.entries, 6);
    assert_int_equal(a.feed_id, 1);
    assert_int_equal(a.feed_title, 1);
    assert_int_equal(a.feed_updated, 1);
    assert_int_equal(a.self_link, 1);
    assert_int_equal(a.author_name, 1);
    assert_int_equal(a.entry_id, a.entries);
    assert_int_equal(a.entry_title, a.entries);
    assert_int_equal(a.entry_updated, a.entries);
    assert_int_equal(a.entry_link, a.entries);
    const char *all = buf_str(&a.all);
    assert_non_null(strstr(all, "【已撤回】武卫罚〔2026〕060号"));
    assert_non_null(strstr(all, "已撤回：2026-12-03 撤回：行政复议决定撤销原处罚决定"));
    ASSERT_HAS(r, "<updated>2026-12-03T09:00:00+08:00</updated>");
    buf_free(&a.text);
    buf_free(&a.all);
    hresp_free(&r);
    /* one kind of one agency; the same feed twice has the same ids */
    h_request(h, NULL, "GET", "/public/feed.atom?kind=licence", NULL, &r);
    ASSERT_STATUS(r, 200);
    struct atom b = {0};
    parse_atom(r.body, r.len, &b);
    assert_int_equal(b.entries, 1);
    ASSERT_HAS(r, "href=\"/public/feed.atom?kind=licence\"");
    buf_free(&b.text);
    buf_free(&b.all);
    hresp_free(&r);
    h_request(h, NULL, "GET", "/public/feed.atom?agency=320411", NULL, &r);
    ASSERT_HAS(r, "新卫罚〔2026〕OTHER号");
    ASSERT_LACKS(r, "武卫罚");
    hresp_free(&r);
}

/* ---- the API ------------------------------------------------------------------------------ */

static void test_api_pages_follow_next_to_the_end(void **state)
{
    struct harness *h = *state;
    char target[512] = "/api/v1/public/items?kind=penalty&limit=2";
    int pages = 0, items = 0;
    int64_t last_at = 0, last_id = 0;
    for (;;) {
        struct hresp r;
        h_request(h, NULL, "GET", target, NULL, &r);
        ASSERT_STATUS(r, 200);
        json_t *list = json_object_get(r.json, "items"), *it;
        size_t i;
        json_array_foreach(list, i, it)
        {
            int64_t at = json_integer_value(json_object_get(it, "changed_at"));
            int64_t id = json_integer_value(json_object_get(it, "id"));
            assert_true(at > last_at || (at == last_at && id > last_id)); /* (changed_at, id) */
            last_at = at, last_id = id;
            char url[64];
            snprintf(url, sizeof url, "/public/decisions/%lld", (long long)id);
            assert_string_equal(json_string_value(json_object_get(it, "url")), url);
            assert_string_equal(json_string_value(json_object_get(it, "kind")), "penalty");
            assert_non_null(json_string_value(json_object_get(it, "state")));
            assert_non_null(json_string_value(json_object_get(it, "decided_on")));
            assert_true(json_is_object(json_object_get(it, "fields")));
            items++;
        }
        pages++;
        const char *next = json_string_value(json_object_get(r.json, "next"));
        if (!next) {
            hresp_free(&r);
            break;
        }
        assert_true(strncmp(next, "/api/v1/public/items?kind=penalty&limit=2&after=", 47) == 0);
        snprintf(target, sizeof target, "%s", next);
        hresp_free(&r);
    }
    assert_int_equal(items, 5); /* 050, 101, 102, 060 withdrawn, OTHER */
    assert_int_equal(pages, 3);
    /* since a day: what was taken down too, with its state */
    struct hresp r;
    h_request(h, NULL, "GET", "/api/v1/public/items?since=2026-12-01&agency=320412", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "\"state\":\"repaired\"");
    ASSERT_HAS(r, "\"state\":\"expired\"");
    ASSERT_HAS(r, "\"state\":\"withdrawn\"");
    ASSERT_LACKS(r, "OTHER");
    hresp_free(&r);
    /* refusals of what the client meant */
    h_request(h, NULL, "GET", "/api/v1/public/items?after=12x&since=2026-02-30&limit=0", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "limit"));
    hresp_free(&r);
    h_request(h, NULL, "GET", "/api/v1/public/items?after=12x&since=2026-02-30", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "after"), "翻页标记无效，请从第一页重新获取");
    assert_non_null(h_field_msg(&r, "since"));
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_export_columns_follow_the_field_list_in_every_format),
        T(test_gbk_csv_decodes_to_the_same_text),
        T(test_r_pub_31_incremental_export_flags_what_was_taken_down),
        T(test_r_pub_30_nothing_unpublished_leaves),
        T(test_r_pub_01_planted_personal_values_never_leave),
        T(test_r_pub_33_export_is_of_the_users_agencies_and_audited),
        T(test_export_form_refusals_stand_beside_their_fields),
        T(test_feed_is_atom_with_the_required_elements),
        T(test_api_pages_follow_next_to_the_end),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
