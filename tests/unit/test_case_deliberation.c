/* test_case_deliberation.c — the case team's deliberation (合议) before 调查终结: who takes part
 * (第四十二条、第四十三条), when, what it records; the 合议记录 read back from the kept PDF; and
 * 调查终结 refused without a deliberation since the case last came back to investigation. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/document.h"
#include "law/setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Assert that e holds a message for field name containing part. */
static void assert_field(const struct err *e, const char *name, const char *part)
{
    for (int i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0 && strstr(e->fields[i].msg, part)) return;
    fail_msg("no message on %s with「%s」: %s %s", name, part, e->msg,
             e->nfields ? e->fields[0].msg : "");
}

/* Assert that the flattened text of a PDF holds the phrase part. */
static void assert_pdf_has(const char *text, const char *part)
{
    char *flat = h_flat(part);
    if (!strstr(text, flat)) fail_msg("the PDF lacks「%s」", part);
    free(flat);
}

/* The text of the kept PDF of document doc (an id as text). */
static char *pdf_text(struct harness *h, const char *doc, const char *name)
{
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    struct err e = {0};
    if (document_pdf(&c, strtoll(doc, NULL, 10), &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = h_pdf_text(h->dir, name, pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    return text;
}

/* A case filed on 2026-11-04 with officers 1 and 2. */
static int64_t filed(struct harness *h)
{
    return cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
}

/* The deliberation's arguments: participants, host and conclusion given; the rest filled. */
static struct wf_args args(const char *participants, const char *host, const char *day)
{
    struct wf_args a = {.date = day, .note = "建议给予警告，并处罚款3000元"};
    wf_arg_set(&a, "participants", participants);
    wf_arg_set(&a, "host", host);
    wf_arg_set(&a, "recorder", "执法人员2");
    wf_arg_set(&a, "facts", "当事人使用非卫生技术人员从事医疗卫生技术工作");
    wf_arg_set(&a, "opinions", "执法人员1：同意。执法人员2：同意。执法人员5：罚款宜从轻。");
    wf_arg_set(&a, "conclusion", "penalise");
    return a;
}

static const char *ids3(int64_t a, int64_t b, int64_t c)
{
    static char s[72];
    snprintf(s, sizeof s, "%lld,%lld,%lld", (long long)a, (long long)b, (long long)c);
    return s;
}

static const char *id_text(int64_t id)
{
    static char s[24];
    snprintf(s, sizeof s, "%lld", (long long)id);
    return s;
}

static int64_t count(struct harness *h, int64_t id)
{
    return atoll(h_text(h, "SELECT COUNT(*) FROM case_deliberation WHERE case_id = ?", "i", id));
}

/* [R-CASE-62] at least three who may enforce, every investigator among them, a host who takes
 * part, by an investigator, from 立案 to today; refusals save nothing. */
static void test_r_case_62_who_deliberates(void **state)
{
    struct harness *h = *state;
    int64_t id = filed(h), o5 = cf_officer(h, 5, "2030-12-31"), o6 = cf_officer(h, 6, "2030-12-31");
    struct err e = {0};
    struct wf_args a = args(cf_team(CF.o1, CF.o2), id_text(CF.o1), "2026-12-18");
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "deliberate", &a, &e), 0);
    assert_field(&e, "participants", "3名以上");

    e = (struct err){0}; /* an investigator left out */
    a = args(ids3(CF.o1, o5, o6), id_text(CF.o1), "2026-12-18");
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "deliberate", &a, &e), 0);
    assert_field(&e, "participants", "执法人员2应当参加合议");

    e = (struct err){0}; /* officer 3's certificate expired on 2026-06-30 */
    a = args(ids3(CF.o1, CF.o2, CF.o3), id_text(CF.o1), "2026-12-18");
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "deliberate", &a, &e), 0);
    assert_field(&e, "participants", "执法人员3");

    e = (struct err){0}; /* the host takes part */
    a = args(ids3(CF.o1, CF.o2, o5), id_text(o6), "2026-12-18");
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "deliberate", &a, &e), 0);
    assert_field(&e, "host", "主持人应当是参加合议的人员");

    e = (struct err){0}; /* before 立案 */
    a = args(ids3(CF.o1, CF.o2, o5), id_text(CF.o1), "2026-11-03");
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "deliberate", &a, &e), 0);
    assert_field(&e, "date", "不能早于立案日期");

    e = (struct err){0}; /* after today (2026-12-31) */
    a = args(ids3(CF.o1, CF.o2, o5), id_text(CF.o1), "2027-01-01");
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "deliberate", &a, &e), 0);
    assert_field(&e, "date", "不能晚于今天");

    e = (struct err){0}; /* not an investigator */
    a = args(ids3(CF.o1, CF.o2, o5), id_text(CF.o1), "2026-12-18");
    assert_int_equal(h_step(h, &case_workflow, "clerk", id, "deliberate", &a, &e), ERR_FORBIDDEN);
    assert_int_equal(count(h, id), 0);

    e = (struct err){0}; /* the setting lowers the number to two */
    struct actor who;
    struct ctx c = h_ctx(h, "province", &who); /* the top agency's administrator */
    assert_int_equal(setting_set(&c, "case.deliberation_min", "2", &e), 0);
    a = args(cf_team(CF.o1, CF.o2), id_text(CF.o2), "2026-12-18");
    h_must(h, &case_workflow, "officer", id, "deliberate", &a);
    assert_int_equal(count(h, id), 1);
}

/* [R-CASE-62] an officer on the party's 回避 list does not deliberate (第四十三条). */
static void test_r_case_62_avoid_list(void **state)
{
    struct harness *h = *state;
    int64_t id = filed(h), o5 = cf_officer(h, 5, "2030-12-31");
    struct err e = {0};
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                        " created_by) VALUES (?, ?, '亲属', 0, 'admin')",
                        "ii", CF.clinic, o5) >= 0);
    struct wf_args a = args(ids3(CF.o1, CF.o2, o5), id_text(CF.o1), "2026-12-18");
    assert_int_not_equal(h_step(h, &case_workflow, "officer", id, "deliberate", &a, &e), 0);
    assert_field(&e, "participants", "回避");
}

/* [R-CASE-62] the 合议记录: numbered, kept, and printing the participants with their
 * certificate numbers, the opinions and the conclusion; the case shows the deliberation. */
static void test_r_case_62_record(void **state)
{
    struct harness *h = *state;
    int64_t id = filed(h), o5 = cf_officer(h, 5, "2030-12-31");
    struct wf_args a = args(ids3(CF.o1, CF.o2, o5), id_text(CF.o1), "2026-12-18");
    h_must(h, &case_workflow, "officer", id, "deliberate", &a);
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                             " AND type = 'deliberation_record'",
                             "i", id);
    assert_string_equal(h_text(h, "SELECT number FROM document WHERE id = ?", "t", doc),
                        "合2026-0001");
    char *text = pdf_text(h, doc, "deliberation.pdf");
    assert_pdf_has(text, "合议记录");
    assert_pdf_has(text, "执法人员5（执法证号 ZF-0005）");
    assert_pdf_has(text, "主持人");
    assert_pdf_has(text, "罚款宜从轻");
    assert_pdf_has(text, "建议给予行政处罚");
    free(text);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    json_t *cas = case_get(&c, id, &e);
    assert_non_null(cas);
    json_t *d = json_array_get(json_object_get(cas, "deliberations"), 0);
    assert_string_equal(json_string_value(json_object_get(d, "conclusion")), "penalise");
    assert_string_equal(json_string_value(json_object_get(d, "recorder")), "执法人员2");
    json_decref(cas);
}

static int conclude(struct harness *h, int64_t id, const char *day, struct err *e)
{
    struct wf_args a = {.date = day, .note = "违法事实清楚，证据确凿"};
    wf_arg_set(&a, "item", cf_item(h));
    wf_arg_set(&a, "level", "一般");
    wf_arg_set(&a, "types", "警告、罚款");
    wf_arg_set(&a, "fine", "3000");
    wf_arg_set(&a, "major", "no");
    return h_step(h, &case_workflow, "officer", id, "conclude", &a, e);
}

/* [R-CASE-63] no 调查终结 without a deliberation; none after one that found the evidence
 * wanting; after a legal review sent the case back, a new deliberation first. */
static void test_r_case_63_conclude_after_deliberation(void **state)
{
    struct harness *h = *state;
    int64_t id = filed(h);
    struct err e = {0};
    assert_int_not_equal(conclude(h, id, "2026-12-19", &e), 0);
    assert_non_null(strstr(e.msg, "本案尚未合议"));

    e = (struct err){0};
    assert_int_equal(cf_deliberate_as(h, id, "2026-12-18", "investigate", &e), 0);
    assert_int_not_equal(conclude(h, id, "2026-12-19", &e), 0);
    assert_non_null(strstr(e.msg, "应当继续调查后重新合议"));

    e = (struct err){0};
    cf_deliberate(h, id, "2026-12-19");
    assert_int_equal(conclude(h, id, "2026-12-19", &e), 0);
    struct wf_args r = {.date = "2026-12-20", .note = "证据不足，退回补充调查"};
    h_must(h, &case_workflow, "legal", id, "review_return", &r);
    assert_int_not_equal(conclude(h, id, "2026-12-20", &e), 0);
    assert_non_null(strstr(e.msg, "退回补充调查后尚未重新合议"));

    e = (struct err){0};
    cf_deliberate(h, id, "2026-12-20");
    assert_int_equal(conclude(h, id, "2026-12-20", &e), 0);
    const char *doc = h_text(h,
                             "SELECT MAX(id) FROM document WHERE object_type = 'case'"
                             " AND object_id = ? AND type = 'investigation_report'",
                             "i", id);
    char *text = pdf_text(h, doc, "report.pdf");
    assert_pdf_has(text, "合议情况");
    assert_pdf_has(text, "2026年12月20日经合议");
    free(text);
}

/* [R-CASE-63] an agency that does not require the deliberation sets case.deliberation_required
 * to 0. */
static void test_r_case_63_setting(void **state)
{
    struct harness *h = *state;
    int64_t id = filed(h);
    struct actor who;
    struct ctx c = h_ctx(h, "province", &who); /* the top agency's administrator */
    struct err e = {0};
    assert_int_equal(setting_set(&c, "case.deliberation_required", "0", &e), 0);
    assert_int_equal(conclude(h, id, "2026-12-19", &e), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
        T(test_r_case_62_who_deliberates), T(test_r_case_62_avoid_list),
        T(test_r_case_62_record),          T(test_r_case_63_conclude_after_deliberation),
        T(test_r_case_63_setting),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
