/* test_evidence.c — the evidence of a penalty case: the 8 kinds of 第四十六条, only once the case
 * is filed (第五十四条), obtained by two or more of its investigators who may enforce on that day
 * and are not on the party's 回避 list (第四十二条、第四十三条), recorded by an investigator, on a
 * day between 受理 and today; listed with the case. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/entity.h"
#include "law/document.h"
#include "law/evidence.h"

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
        add(h, "officer", id, item("electronic", "2026-12-21", ids(CF.o1, CF.o2)), &e2),
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

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_20_the_8_kinds_after_filing),
        T(test_r_case_21_two_investigators_of_the_case),
        T(test_r_case_22_obtained_within_the_case),
        T(test_r_case_61_inquiry_names_the_officers_with_their_certificates),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
