/* test_evidence.c — the evidence of a penalty case: the 8 kinds of 第四十六条, only once the case
 * is filed (第五十四条), obtained by two or more of its investigators who may enforce on that day
 * and are not on the party's 回避 list (第四十二条、第四十三条), recorded by an investigator, on a
 * day between 受理 and today; listed with the case. An item may carry its 询问笔录 or 现场笔录,
 * issued and kept as the case's document. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/entity.h"
#include "law/document.h"
#include "law/evidence.h"
#include "law/counter.h"
#include "law/inspection.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fourth officer who may enforce, beside the fixture's three. */
static int64_t o4;

static int setup(void **state)
{
    if (cf_setup(state)) return -1;
    o4 = cf_officer(*state, 4, "2030-12-31");
    return 0;
}

static const char *ids(int64_t a, int64_t b)
{
    static char ring[4][48];
    static int k;
    char *s = ring[k++ % 4];
    if (b)
        snprintf(s, 48, "%lld,%lld", (long long)a, (long long)b);
    else
        snprintf(s, 48, "%lld", (long long)a);
    return s;
}

/* A case received on received (the day of the act) and proposed on proposed with team a, b;
 * filed on filed (NULL: left before 立案). */
static int64_t a_case(struct harness *h, const char *received, int64_t a, int64_t b,
                      const char *proposed, const char *filed)
{
    return cf_filed_with(h, cf_sample(received, received), ids(a, b), proposed, filed);
}

static struct evidence_input item(const char *kind, const char *day, const char *officers)
{
    return (struct evidence_input){.kind = kind,
                                   .description = "《医疗机构执业许可证》副本复印件一份",
                                   .source = "现场检查时由当事人提供，经核对与原件一致",
                                   .obtained_on = day,
                                   .officers = officers};
}

static int add(struct harness *h, const char *user, int64_t case_id, struct evidence_input in,
               struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    int64_t id;
    return evidence_add(&c, case_id, &in, &id, e);
}

/* Before 立案 refused citing 第五十四条; a kind outside the 8 refused; each of the 8 recorded once
 * filed, and listed with the case in case_get. */
static void test_r_case_20_the_8_kinds_after_filing(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h, "2026-11-02", CF.o1, CF.o2, "2026-11-03", NULL);
    struct err e = {0};
    assert_int_equal(
        add(h, "officer", id, item("documentary", "2026-11-04", ids(CF.o1, CF.o2)), &e),
        ERR_INVALID);
    assert_non_null(strstr(e.msg, "第五十四条"));
    assert_non_null(strstr(e.msg, "立案"));
    struct wf_args f = {.date = "2026-11-05"};
    h_must(h, &case_workflow, "leader", id, "approve", &f);
    struct err e2 = {0};
    assert_int_equal(add(h, "officer", id, item("photo", "2026-11-06", ids(CF.o1, CF.o2)), &e2),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "kind"), "第四十六条"));
    static const char *const kinds[] = {"documentary", "physical",  "audiovisual", "electronic",
                                        "witness",     "statement", "expert",      "record"};
    for (size_t i = 0; i < 8; i++) {
        struct err ei = {0};
        if (add(h, "officer", id, item(kinds[i], "2026-11-06", ids(CF.o1, CF.o2)), &ei))
            fail_msg("%s: %s %s", kinds[i], ei.msg, ei.nfields ? ei.fields[0].msg : "");
    }
    struct actor who;
    struct ctx c = h_ctx(h, "leader", &who);
    struct err e3 = {0};
    json_t *o = case_get(&c, id, &e3);
    assert_non_null(o);
    json_t *ev = json_object_get(o, "evidence");
    assert_int_equal(json_array_size(ev), 8);
    json_t *last = json_array_get(ev, 7);
    assert_string_equal(json_string_value(json_object_get(last, "kind_label")),
                        "勘验笔录、现场笔录");
    assert_string_equal(json_string_value(json_object_get(last, "officer_names")),
                        "执法人员1、执法人员2");
    assert_int_equal(json_array_size(json_object_get(last, "officers")), 2);
    json_decref(o);
    assert_true(h_exists(h->db, "SELECT 1 FROM audit_log WHERE action = 'case.evidence'", ""));
}

/* One officer; an officer who is not an investigator; an investigator whose certificate had
 * expired on the day; one put on the party's 回避 list; a user who does not investigate: each
 * refused. */
static void test_r_case_21_two_investigators_of_the_case(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h, "2026-05-11", CF.o1, CF.o3, "2026-05-12", "2026-05-13");
    struct err e = {0};
    assert_int_equal(add(h, "officer", id, item("physical", "2026-05-14", ids(CF.o1, 0)), &e),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "officers"), "第四十二条"));
    struct err e2 = {0};
    assert_int_equal(add(h, "officer", id, item("physical", "2026-05-14", ids(CF.o1, o4)), &e2),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "officers"), "不是本案的承办人员"));
    struct err e3 = {0}; /* 执法人员3's certificate ran to 2026-06-30 */
    assert_int_equal(add(h, "officer", id, item("physical", "2026-07-01", ids(CF.o1, CF.o3)), &e3),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e3, "officers"), "执法人员3"));
    struct err e4 = {0};
    if (add(h, "officer", id, item("physical", "2026-06-30", ids(CF.o1, CF.o3)), &e4))
        fail_msg("add: %s %s", e4.msg, e4.nfields ? e4.fields[0].msg : "");
    struct err e5 = {0};
    assert_int_equal(add(h, "leader", id, item("physical", "2026-06-30", ids(CF.o1, CF.o3)), &e5),
                     ERR_FORBIDDEN);
    struct err e6 = {0};
    int64_t other = a_case(h, "2026-11-02", CF.o1, CF.o2, "2026-11-03", "2026-11-04");
    assert_true(db_exec(h->db, &e6,
                        "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                        " created_by) VALUES (?, ?, '亲属关系', 0, 'admin')",
                        "ii", CF.clinic, CF.o2) >= 0);
    assert_int_equal(
        add(h, "officer", other, item("witness", "2026-11-05", ids(CF.o1, CF.o2)), &e6),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e6, "officers"), "第四十三条"));
    assert_int_equal(atoll(h_text(h, "SELECT COUNT(*) FROM case_evidence", "")), 1);
}

/* Obtained before 受理 or after today: refused beside the date. */
static void test_r_case_22_obtained_within_the_case(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h, "2026-12-01", CF.o1, CF.o2, "2026-12-02", "2026-12-03");
    struct err e = {0};
    assert_int_equal(add(h, "officer", id, item("electronic", "2026-11-30", ids(CF.o1, CF.o2)), &e),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "obtained_on"), "2026-12-01"));
    struct err e2 = {0};
    assert_int_equal(
        add(h, "officer", id, item("electronic", "2027-01-01", ids(CF.o1, CF.o2)), &e2),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "obtained_on"), "今天"));
    struct err e3 = {0};
    if (add(h, "officer", id, item("electronic", "2026-12-01", ids(CF.o1, CF.o2)), &e3))
        fail_msg("add: %s", e3.msg);
    /* the shape of every field at once */
    struct err e4 = {0};
    struct evidence_input bad = {.kind = "", .obtained_on = "2026-13-01", .officers = "x"};
    assert_int_equal(evidence_check(&bad, &e4), ERR_INVALID);
    assert_non_null(err_field_msg(&e4, "kind"));
    assert_non_null(err_field_msg(&e4, "description"));
    assert_non_null(err_field_msg(&e4, "source"));
    assert_non_null(err_field_msg(&e4, "obtained_on"));
    assert_non_null(err_field_msg(&e4, "officers"));
}

/* 第五十五条: a witness's testimony may carry its inquiry, only when the officers showed their
 * certificates; recorded, it issues a 询问笔录 (询) naming each officer with the number; an inquiry
 * on documentary evidence is refused. */
static void test_r_case_61_inquiry_names_the_officers_with_their_certificates(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h, "2026-12-01", CF.o1, CF.o2, "2026-12-02", "2026-12-03");
    struct evidence_input in = item("witness", "2026-12-05", ids(CF.o1, CF.o2));
    in.description = "证人李四的证言";
    in.inquiry_person = "李四";
    in.inquiry_identity = "护士";
    in.inquiry_relation = "当事人的雇员";
    in.inquiry_time = "9时30分至10时15分";
    in.inquiry_place = "康宁诊所诊室";
    in.inquiry_qa = "问：你在诊所从事什么工作？\n答：注射和输液。";
    struct err e1 = {0}, e2 = {0}, e = {0};
    assert_int_equal(add(h, "officer", id, in, &e1), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e1, "inquiry_shown"), "第五十五条"));
    struct evidence_input paper = in;
    paper.kind = "documentary";
    paper.inquiry_shown = "1";
    assert_int_equal(add(h, "officer", id, paper, &e2), ERR_INVALID);
    assert_non_null(err_field_msg(&e2, "inquiry_person"));
    assert_false(h_exists(h->db, "SELECT 1 FROM case_evidence WHERE case_id = ?", "i", id));
    in.inquiry_shown = "1";
    if (add(h, "officer", id, in, &e)) fail_msg("add: %s", e.nfields ? e.fields[0].msg : e.msg);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                             " AND type = 'inquiry_record'",
                             "i", id);
    assert_string_equal(h_text(h, "SELECT number FROM document WHERE id = ?", "t", doc),
                        "询2026-0001");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    if (document_pdf(&c, strtoll(doc, NULL, 10), &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = h_pdf_text(h->dir, "inquiry.pdf", pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    char *who_asked =
        h_flat("询问人：执法人员1（执法证号 ZF-0001）、执法人员2（执法证号 ZF-0002）");
    char *qa = h_flat("注射和输液");
    assert_non_null(strstr(text, who_asked));
    assert_non_null(strstr(text, qa));
    free(text);
    free(who_asked);
    free(qa);
    json_t *o = case_get(&c, id, &e);
    json_t *first = json_array_get(json_object_get(o, "evidence"), 0);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(first, "inquiry"), "person")), "李四");
    json_decref(o);
}

/* A record item of case id obtained on 2026-12-05 by officers 1 and 2 carrying its 现场笔录, the
 * certificates shown. */
static struct evidence_input site_item(void)
{
    struct evidence_input in = item("record", "2026-12-05", ids(CF.o1, CF.o2));
    in.description = "康宁诊所现场笔录";
    in.source = "在康宁诊所现场检查时制作";
    in.site_time = "14时10分至15时00分";
    in.site_place = "康宁诊所治疗室";
    in.site_present = "王五，诊所负责人";
    in.site_scene = "治疗室内一名未佩戴胸牌的人员正在为患者输液，经询问其未取得执业证书。";
    in.site_shown = "1";
    return in;
}

/* The rows an evidence item and its documents write, and the 现 counter of the agency of case
 * id in 2026, as one string. */
static const char *written(struct harness *h, int64_t id)
{
    static char out[96];
    char name[64];
    snprintf(name, sizeof name, "serial:%s:site_record",
             h_text(h, "SELECT agency_id FROM penalty_case WHERE id = ?", "i", id));
    snprintf(out, sizeof out, "%s/%s/%s/%s/%lld",
             h_text(h, "SELECT COUNT(*) FROM case_evidence", ""),
             h_text(h, "SELECT COUNT(*) FROM case_evidence_officer", ""),
             h_text(h, "SELECT COUNT(*) FROM document", ""),
             h_text(h, "SELECT COUNT(*) FROM document_file", ""),
             (long long)counter_value(h->db, name, 2026));
    return out;
}

/* in refused for case id with a message on field containing want; nothing written. */
static void expect_refused(struct harness *h, int64_t id, struct evidence_input in,
                           const char *field, const char *want)
{
    char before[96];
    snprintf(before, sizeof before, "%s", written(h, id));
    struct err e = {0};
    assert_int_equal(add(h, "officer", id, in, &e), ERR_INVALID);
    const char *msg = err_field_msg(&e, field);
    if (!msg || !strstr(msg, want)) fail_msg("%s: %s", field, msg ? msg : e.msg);
    assert_string_equal(written(h, id), before);
}

/* 第五十五条: an item of 勘验笔录、现场笔录 may carry its 现场笔录, only when the officers showed
 * their certificates; recorded, it issues and keeps the case's 现场笔录 (现) naming each officer
 * with the number, its PDF read back through document_pdf (which checks its SHA-256). */
static void test_r_case_67_site_record_names_the_officers_with_their_certificates(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h, "2026-12-01", CF.o1, CF.o2, "2026-12-02", "2026-12-03");
    struct evidence_input in = site_item();
    in.site_shown = NULL;
    expect_refused(h, id, in, "site_shown", "第五十五条");
    in.site_shown = "0";
    expect_refused(h, id, in, "site_shown", "出示执法证件");
    struct err e = {0};
    if (add(h, "officer", id, site_item(), &e))
        fail_msg("add: %s", e.nfields ? e.fields[0].msg : e.msg);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                             " AND type = 'case_site_record'",
                             "i", id);
    assert_string_equal(h_text(h, "SELECT number FROM document WHERE id = ?", "t", doc),
                        "现2026-0001");
    assert_int_equal(
        strlen(h_text(h, "SELECT sha256 FROM document_file WHERE document_id = ?", "t", doc)), 64);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    if (document_pdf(&c, strtoll(doc, NULL, 10), &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    assert_string_equal(pdf.type_label, "现场笔录");
    char *text = h_pdf_text(h->dir, "site.pdf", pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    static const char *const want[] = {
        "现场笔录",
        "编号：现2026-0001",
        "检查时间：2026年12月5日14时10分至15时00分",
        "检查地点：康宁诊所治疗室",
        "当事人或在场人及其身份：王五，诊所负责人",
        "执法人员：执法人员1（执法证号 ZF-0001）、执法人员2（执法证号 ZF-0002）",
        "已向你出示执法证件（《中华人民共和国行政处罚法》第五十五条）",
        "经询问其未取得执业证书",
        "在每页签名",
    };
    for (size_t i = 0; i < countof(want); i++) {
        char *flat = h_flat(want[i]);
        if (!strstr(text, flat)) fail_msg("the PDF lacks %s", want[i]);
        free(flat);
    }
    free(text);
    json_t *o = case_get(&c, id, &e);
    json_t *first = json_array_get(json_object_get(o, "evidence"), 0);
    json_t *site = json_object_get(first, "site");
    assert_string_equal(json_string_value(json_object_get(site, "place")), "康宁诊所治疗室");
    assert_string_equal(json_string_value(json_object_get(site, "present")), "王五，诊所负责人");
    assert_null(json_object_get(first, "inquiry"));
    json_t *d = json_array_get(json_object_get(o, "documents"),
                               json_array_size(json_object_get(o, "documents")) - 1);
    assert_string_equal(json_string_value(json_object_get(d, "type_label")), "现场笔录");
    assert_non_null(json_object_get(d, "pdf"));
    json_decref(o);
}

/* 编号 of 现场笔录: an inspection's and a case's in one agency and year take consecutive, distinct
 * numbers of one series. */
static void test_r_case_68_site_records_of_inspections_and_cases_share_one_series(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h, "2026-12-01", CF.o1, CF.o2, "2026-12-02", "2026-12-03");
    static const struct inspection_item_input ok[] = {
        {"MED-01", "conform", NULL}, {"MED-02", "conform", NULL}, {"MED-03", "conform", NULL}};
    struct inspection_input check = {.entity_id = CF.clinic,
                                     .type = "routine",
                                     .line = "medical",
                                     .date = "2026-12-04",
                                     .place = "康宁诊所诊室",
                                     .officers = ids(CF.o1, CF.o2),
                                     .items = ok,
                                     .nitems = 3,
                                     .outcome = "pass"};
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    int64_t insp;
    if (inspection_add(&c, &check, &insp, &e))
        fail_msg("inspection_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    if (add(h, "officer", id, site_item(), &e))
        fail_msg("add: %s", e.nfields ? e.fields[0].msg : e.msg);
    check.date = "2026-12-06";
    if (inspection_add(&c, &check, &insp, &e)) fail_msg("inspection_add: %s", e.msg);
    char numbers[160] = "";
    struct db_stmt *st = db_query(h->db, &e,
                                  "SELECT type, number FROM document WHERE number LIKE '现%'"
                                  " ORDER BY id",
                                  "");
    while (st && db_step(st, &e) == DB_ROW)
        snprintf(numbers + strlen(numbers), sizeof numbers - strlen(numbers), "%s %s;",
                 db_text(st, 0), db_text(st, 1));
    db_done(st);
    assert_string_equal(numbers, "site_record 现2026-0001;case_site_record 现2026-0002;"
                                 "site_record 现2026-0003;");
}

/* A 现场笔录 rides only on an item of 勘验笔录、现场笔录 and states each of its parts; a refused
 * item leaves no row, document nor number behind. */
static void test_r_case_69_site_record_only_on_a_record_and_complete(void **state)
{
    struct harness *h = *state;
    int64_t id = a_case(h, "2026-12-01", CF.o1, CF.o2, "2026-12-02", "2026-12-03");
    struct evidence_input in = site_item();
    in.kind = "witness";
    expect_refused(h, id, in, "site_time", "勘验笔录、现场笔录");
    struct evidence_input part = item("record", "2026-12-05", ids(CF.o1, CF.o2));
    part.site_scene = "治疗室内有人输液。";
    part.site_shown = "1";
    expect_refused(h, id, part, "site_time", "检查时间");
    struct err e = {0};
    assert_int_equal(add(h, "officer", id, part, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "site_place"));
    assert_non_null(err_field_msg(&e, "site_present"));
    assert_null(err_field_msg(&e, "site_scene"));
    /* an inquiry on a record item stays refused */
    struct evidence_input asked = site_item();
    asked.inquiry_person = "李四";
    expect_refused(h, id, asked, "inquiry_person", "当事人的陈述或者证人证言");
    /* a record item without its 现场笔录 issues nothing */
    struct err e2 = {0};
    if (add(h, "officer", id, item("record", "2026-12-05", ids(CF.o1, CF.o2)), &e2))
        fail_msg("add: %s", e2.msg);
    assert_false(h_exists(h->db, "SELECT 1 FROM document WHERE type = 'case_site_record'", ""));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_20_the_8_kinds_after_filing),
        T(test_r_case_21_two_investigators_of_the_case),
        T(test_r_case_22_obtained_within_the_case),
        T(test_r_case_61_inquiry_names_the_officers_with_their_certificates),
        T(test_r_case_67_site_record_names_the_officers_with_their_certificates),
        T(test_r_case_68_site_records_of_inspections_and_cases_share_one_series),
        T(test_r_case_69_site_record_only_on_a_record_and_complete),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
