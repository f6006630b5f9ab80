/* test_referral.c — the referral of a case to the police (涉嫌犯罪案件移送, 国务院令第310号): the
 * report by an investigator of a filed case with the persons' ID numbers sealed and shown only to
 * who may see them; the head's approval within 3 days (第五条); the 移送书 after it, numbered
 * 移, read back; the police's receipt and answer, 不予立案 with its reason (第八条); 复议 within 3
 * days (第九条); the figures (cases, persons, answers) and the lists behind them. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/case_stats.h"
#include "law/document.h"
#include "law/referral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERSONS "王某｜11010519491231002X\n李某|320102198001010016"

static struct referral_input sample(const char *day)
{
    return (struct referral_input){.crime = "非法行医罪",
                                   .facts = "未取得医生执业资格非法行医，造成就诊人身体严重损害",
                                   .persons = PERSONS,
                                   .goods = "一次性注射器｜5ml｜20支",
                                   .organ = "武进区公安局",
                                   .reported_on = day};
}

static int add(struct harness *h, const char *user, int64_t case_id, struct referral_input in,
               int64_t *id, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    return referral_add(&c, case_id, &in, id, e);
}

/* A filed case and its referral reported on 12-14 by "officer". */
static int64_t reported(struct harness *h, int64_t *case_id)
{
    *case_id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    int64_t id = 0;
    struct err e = {0};
    if (add(h, "officer", *case_id, sample("2026-12-14"), &id, &e))
        fail_msg("report: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

static void step(struct harness *h, const char *user, int64_t id, const char *action,
                 const char *day, const char *note)
{
    struct wf_args a = {.date = day, .note = note};
    wf_arg_set(&a, "receipt", "武进区公安局 刘某签收");
    h_must(h, &referral_workflow, user, id, action, &a);
}

/* Only an investigator of a filed case reports, with valid ID numbers; the numbers are sealed
 * and shown only to the investigators and the leaders; the case is marked while it is open. */
static void test_r_case_79_reported_persons_sealed(void **state)
{
    struct harness *h = *state;
    int64_t open_case = cf_intake(h, cf_sample("2026-11-02", "2026-10-30")), id = 0, case_id;
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e = {0};
    assert_int_equal(add(h, "officer", open_case, sample("2026-12-14"), &id, &e1), ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第三条"));
    id = reported(h, &case_id);
    struct referral_input bad = sample("2026-12-14");
    bad.persons = "王某｜110105194912310021";
    bad.crime = "";
    assert_int_equal(add(h, "officer", case_id, bad, &id, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "crime");
    assert_string_equal(e2.fields[1].name, "persons");
    int64_t other = 0;
    assert_int_equal(add(h, "leader", case_id, sample("2026-12-14"), &other, &e3), ERR_FORBIDDEN);
    const char *stored = h_text(
        h, "SELECT id_number FROM case_referral_person WHERE referral_id = ? ORDER BY id", "i", id);
    assert_null(strstr(stored, "11010519491231002X"));
    struct actor who;
    struct ctx viewer = h_ctx(h, "viewer", &who);
    json_t *o = referral_get(&viewer, id, &e);
    assert_non_null(o);
    assert_true(json_is_true(json_object_get(o, "suspects_hidden")));
    assert_null(json_object_get(o, "suspects"));
    char *dump = json_dumps(o, 0);
    assert_null(strstr(dump, "11010519491231002X"));
    free(dump);
    assert_string_equal(json_string_value(json_object_get(o, "persons_label")), "王某、李某");
    json_decref(o);
    struct actor who2;
    struct ctx officer = h_ctx(h, "officer", &who2);
    o = referral_get(&officer, id, &e);
    json_t *first = json_array_get(json_object_get(o, "suspects"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "id_number")),
                        "11010519491231002X");
    json_decref(o);
    o = case_get(&viewer, case_id, &e);
    assert_true(json_is_true(json_object_get(o, "referral_open")));
    json_decref(o);
}

/* 第五条: the head approves, within 3 days of the report (12-14 → 12-17); an investigator may
 * not; a day before the report is refused; approved on 12-18 the deadline ends late. */
static void test_r_case_75_approved_by_the_head_within_three_days(void **state)
{
    struct harness *h = *state;
    int64_t case_id, id = reported(h, &case_id);
    assert_string_equal(h_due(h, "referral", id, "approve"), "2026-12-17");
    struct wf_args a = {.date = "2026-12-15"};
    struct err e1 = {0}, e2 = {0}, e3 = {0};
    assert_int_equal(h_step(h, &referral_workflow, "officer", id, "approve", &a, &e1),
                     ERR_FORBIDDEN);
    a.date = "2026-12-13";
    assert_int_equal(h_step(h, &referral_workflow, "leader", id, "approve", &a, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "date");
    struct wf_args r = {.date = "2026-12-15"};
    assert_int_equal(h_step(h, &referral_workflow, "leader", id, "refuse", &r, &e3), ERR_INVALID);
    assert_string_equal(e3.fields[0].name, "note");
    step(h, "leader", id, "approve", "2026-12-18", "同意移送");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'referral' AND object_id = ?"
                         " AND name = 'approve' AND outcome = 'met' AND ended_on > due_on",
                         "i", id));
}

/* 第五条、第六条: sent only after the approval, with the 涉嫌犯罪案件移送书 numbered 移 and naming
 * the persons with their ID numbers: kept, served only to who may see the persons. */
static void test_r_case_76_sent_after_approval_with_the_letter(void **state)
{
    struct harness *h = *state;
    int64_t case_id, id = reported(h, &case_id);
    struct wf_args s = {.date = "2026-12-15", .note = "调查报告、涉案物品清单"};
    struct err e1 = {0}, e2 = {0};
    assert_int_equal(h_step(h, &referral_workflow, "officer", id, "send", &s, &e1), ERR_CONFLICT);
    step(h, "leader", id, "approve", "2026-12-15", "同意移送");
    s.date = "2026-12-14";
    assert_int_equal(h_step(h, &referral_workflow, "officer", id, "send", &s, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "date");
    step(h, "officer", id, "send", "2026-12-15", "调查报告、涉案物品清单");
    const char *number = h_text(h,
                                "SELECT number FROM document WHERE object_type = 'referral'"
                                " AND object_id = ? AND type = 'case_transfer_letter'",
                                "i", id);
    assert_non_null(strstr(number, "移〔2026〕"));
    const char *doc = h_text(h,
                             "SELECT id FROM document WHERE object_type = 'referral'"
                             " AND object_id = ?",
                             "i", id);
    struct actor who;
    struct ctx viewer = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    struct err e3 = {0}, e = {0};
    assert_int_equal(document_pdf(&viewer, strtoll(doc, NULL, 10), &pdf, &e3), ERR_FORBIDDEN);
    struct ctx officer = h_ctx(h, "officer", &who);
    if (document_pdf(&officer, strtoll(doc, NULL, 10), &pdf, &e)) fail_msg("pdf: %s", e.msg);
    char *text = h_pdf_text(h->dir, "letter.pdf", pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    char *want = h_flat("身份证号码：11010519491231002X");
    assert_non_null(strstr(text, want));
    free(want);
    want = h_flat("武进区公安局：");
    assert_non_null(strstr(text, want));
    free(want);
    free(text);
}

/* A referral sent, received on 12-16 and answered 不予立案 on 12-21. */
static int64_t declined(struct harness *h, int64_t *case_id)
{
    int64_t id = reported(h, case_id);
    step(h, "leader", id, "approve", "2026-12-15", "同意移送");
    step(h, "officer", id, "send", "2026-12-15", "调查报告");
    step(h, "officer", id, "receive", "2026-12-16", NULL);
    struct wf_args d = {.date = "2026-12-21"};
    struct err e = {0};
    assert_int_equal(h_step(h, &referral_workflow, "officer", id, "answer_declined", &d, &e),
                     ERR_INVALID);
    assert_string_equal(e.fields[0].name, "note");
    step(h, "officer", id, "answer_declined", "2026-12-21", "犯罪事实显著轻微，不需要追究刑事责任");
    return id;
}

/* 第八条: the answer after the receipt, 不予立案 with its reason; the police's 3 days are theirs
 * (a party window, never overdue for the agency). */
static void test_r_case_77_answer_recorded_with_reason(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-22T09:00:00+08:00");
    int64_t case_id, id = declined(h, &case_id);
    assert_string_equal(h_text(h, "SELECT answer FROM case_referral WHERE id = ?", "i", id),
                        "declined");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'referral' AND object_id = ?"
                         " AND name = 'answer' AND party = 1",
                         "i", id));
    struct actor who;
    struct ctx viewer = h_ctx(h, "viewer", &who);
    struct err e = {0};
    json_t *f =
        case_stats(&viewer, &(struct case_period){.from = "2026-12-01", .to = "2026-12-31"}, &e);
    json_t *r = json_object_get(f, "referrals");
    assert_int_equal(json_integer_value(json_object_get(r, "count")), 1);
    assert_int_equal(json_integer_value(json_object_get(r, "persons")), 2);
    json_t *no = json_object_get(r, "declined");
    assert_int_equal(json_integer_value(json_object_get(no, "count")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "filed"), "count")), 0);
    assert_non_null(strstr(json_string_value(json_object_get(no, "list")), "referral=declined"));
    json_decref(f);
    struct case_query q = {.referral = "declined", .referred_from = "2026-12-01"};
    json_t *list = case_list(&viewer, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    q.referral = "filed";
    list = case_list(&viewer, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 0);
    json_decref(list);
}

/* 第九条: 复议 of the 不予立案 (notified 12-21) within 3 days, to 12-24; once; then 办结 ends the
 * referral and the case is no longer marked. */
static void test_r_case_78_reconsider_within_three_days(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-29T09:00:00+08:00");
    int64_t case_id, id = declined(h, &case_id);
    struct wf_args a = {.date = "2026-12-28", .note = "已造成严重损害，达到立案标准"};
    struct err e1 = {0}, e2 = {0};
    assert_int_equal(h_step(h, &referral_workflow, "officer", id, "reconsider", &a, &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.fields[0].msg, "第九条"));
    a.date = "2026-12-23";
    h_must(h, &referral_workflow, "officer", id, "reconsider", &a);
    assert_int_equal(h_step(h, &referral_workflow, "officer", id, "reconsider", &a, &e2),
                     ERR_INVALID);
    step(h, "officer", id, "follow_up", "2026-12-28", "公安机关复议维持不予立案");
    step(h, "officer", id, "close", "2026-12-28", "依法给予行政处罚");
    struct actor who;
    struct ctx viewer = h_ctx(h, "viewer", &who);
    struct err e = {0};
    json_t *o = case_get(&viewer, case_id, &e);
    assert_false(json_is_true(json_object_get(o, "referral_open")));
    json_decref(o);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_79_reported_persons_sealed),
        T(test_r_case_75_approved_by_the_head_within_three_days),
        T(test_r_case_76_sent_after_approval_with_the_letter),
        T(test_r_case_77_answer_recorded_with_reason),
        T(test_r_case_78_reconsider_within_three_days),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
