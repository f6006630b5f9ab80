/* test_file_review.c — the case-file audit (案卷评查, law/file_review.c): only closed files; the
 * scope of the agency tree (层级稽查); separation of duties; scores within each item's points and
 * a deduction with its finding; the grade from the thresholds in both schemes and 优秀案卷 only at
 * the top; corrections returned to the handlers with a working-day deadline, answered, accepted
 * or found lapsed once overdue; the seeded sample drawn again alike; the figures. */
#include "support.h"
#include "case_fixture.h"
#include "law/file_review.h"
#include "law/setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one way these tests reach an auditable file: a case decided (a warning and a fine of
 * 3,000 元), served, paid and closed through its steps. */
static int64_t reviewable_case(struct harness *h)
{
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    cf_pay(h, id, "3000", "2026-12-17");
    cf_close(h, id, "2026-12-18");
    h_set_now(h, "2027-01-04T09:00:00+08:00");
    return id;
}

/* The built-in rubric's items. */
static const char *const ITEMS[] = {"1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1",
                                    "4.2", "4.3", "4.4", "5.1", "5.2", "6.1", "6.2"};
static const int MAX[] = {6, 4, 14, 8, 3, 12, 5, 8, 8, 6, 4, 8, 4, 7, 3};

/* Score every item full, but take off points from item 2.1 with a finding, flagged for
 * correction when correction. */
static int score_all(struct ctx *c, int64_t id, int off, bool correction, struct err *e)
{
    struct file_review_mark m[15];
    char text[15][8];
    for (int i = 0; i < 15; i++) {
        snprintf(text[i], sizeof text[i], "%d", strcmp(ITEMS[i], "2.1") == 0 ? 14 - off : MAX[i]);
        m[i] = (struct file_review_mark){ITEMS[i], text[i], NULL, NULL};
    }
    if (off) {
        m[2].finding = "询问笔录缺少当事人签名";
        m[2].correction = correction ? "1" : NULL;
    }
    return file_review_save(c, id, m, 15, "案卷总体规范", e);
}

static int64_t start(struct harness *h, const char *user, int64_t case_id)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    struct err e = {0};
    int64_t id = 0;
    if (file_review_add(&c, case_id, 0, &id, &e)) fail_msg("add: %s", e.msg);
    return id;
}

static void test_r_file_01_r_file_03_only_closed_files_by_those_apart(void **state)
{
    struct harness *h = *state;
    int64_t open = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct actor who;
    struct ctx c = h_ctx(h, "auditor", &who);
    struct err e1 = {0}, e2 = {0}, e3 = {0};
    int64_t id;
    assert_int_equal(file_review_add(&c, open, 0, &id, &e1), ERR_INVALID);
    assert_non_null(strstr(e1.msg, "结案"));
    assert_false(file_review_auditable("filed"));
    assert_true(file_review_auditable("closed"));
    int64_t cas = reviewable_case(h);
    /* the leader approved and decided it: not its reviewer; an officer has no permission */
    struct ctx lc = h_ctx(h, "leader", &who);
    assert_int_equal(file_review_add(&lc, cas, 0, &id, &e2), ERR_FORBIDDEN);
    struct ctx oc = h_ctx(h, "officer", &who);
    assert_int_equal(file_review_add(&oc, cas, 0, &id, &e3), ERR_FORBIDDEN);
    /* the admin of the county approved nothing: it may; a second open review is refused */
    start(h, "auditor", cas);
    struct err e4 = {0};
    struct ctx cc = h_ctx(h, "city", &who);
    assert_int_equal(file_review_add(&cc, cas, 0, &id, &e4), ERR_INVALID);
    assert_non_null(strstr(e4.msg, "评查中"));
}

/* The leader approved the case: refused with the rule of separation. */
static void test_r_file_03_approver_may_not_review(void **state)
{
    struct harness *h = *state;
    int64_t cas = reviewable_case(h);
    struct actor who;
    struct ctx c = h_ctx(h, "leader", &who);
    who.roles |= 1u << ROLE_AUDITOR; /* a leader who also audits */
    struct err e = {0};
    int64_t id;
    assert_int_equal(file_review_add(&c, cas, 0, &id, &e), ERR_FORBIDDEN);
    assert_non_null(strstr(e.msg, "评查与办案分离"));
}

/* 层级稽查: the county's auditor, the city and the province see and review the county's file;
 * the neighbouring county does not even see it. */
static void test_r_file_02_scope_by_the_agency_tree(void **state)
{
    struct harness *h = *state;
    int64_t cas = reviewable_case(h);
    int64_t id = start(h, "city", cas);
    struct actor who;
    struct err e = {0};
    struct ctx other = h_ctx(h, "other", &who);
    assert_null(file_review_get(&other, id, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    struct err e2 = {0};
    int64_t x;
    assert_int_equal(file_review_add(&other, cas, 0, &x, &e2), ERR_NOTFOUND);
    struct file_review_query q = {.page = 1, .per_page = 50};
    struct err e3 = {0};
    json_t *list = file_review_search(&other, &q, &e3);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 0);
    json_decref(list);
    const char *const sees[] = {"auditor", "city", "province", "officer"};
    for (size_t i = 0; i < 4; i++) {
        struct ctx c = h_ctx(h, sees[i], &who);
        struct err ee = {0};
        json_t *o = file_review_get(&c, id, &ee);
        if (!o) fail_msg("%s: %s", sees[i], ee.msg);
        assert_string_equal(json_string_value(json_object_get(o, "reviewer_agency")),
                            "常州市卫生健康委员会");
        json_decref(o);
    }
}

static void test_r_file_04_r_file_05_r_file_06_scores(void **state)
{
    struct harness *h = *state;
    int64_t id = start(h, "auditor", reviewable_case(h));
    struct actor who;
    struct ctx c = h_ctx(h, "auditor", &who);
    struct file_review_mark over[] = {{"1.1", "7", NULL, NULL}, {"1.2", "-1", NULL, NULL}};
    struct err e = {0};
    assert_int_equal(file_review_save(&c, id, over, 2, NULL, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "score_1.1"));
    assert_non_null(strstr(err_field_msg(&e, "score_1.1"), "0至6"));
    assert_non_null(err_field_msg(&e, "score_1.2"));
    struct file_review_mark bare[] = {{"2.1", "10", "", NULL}};
    struct err e2 = {0};
    assert_int_equal(file_review_save(&c, id, bare, 1, NULL, &e2), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "finding_2.1"), "扣分"));
    /* nothing half saved */
    assert_false(h_exists(h->db, "SELECT 1 FROM file_review_score WHERE review_id = ?", "i", id));
    /* not complete before every item is scored */
    struct file_review_mark one[] = {{"1.1", "6", NULL, NULL}};
    struct err e3 = {0}, e4 = {0};
    assert_int_equal(file_review_save(&c, id, one, 1, NULL, &e3), 0);
    assert_int_equal(h_step(h, &file_review_workflow, "auditor", id, "complete", NULL, &e4),
                     ERR_INVALID);
    assert_non_null(strstr(e4.msg, "14项未评分"));
    /* only the reviewer scores */
    struct actor pw;
    struct ctx p = h_ctx(h, "province", &pw);
    struct err e5 = {0};
    assert_int_equal(score_all(&p, id, 0, false, &e5), ERR_FORBIDDEN);
    struct err e6 = {0};
    assert_int_equal(score_all(&c, id, 4, false, &e6), 0);
    h_must(h, &file_review_workflow, "auditor", id, "complete", NULL);
    json_t *o = file_review_get(&c, id, &e6);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 96);
    assert_string_equal(json_string_value(json_object_get(o, "grade_label")), "优秀");
    /* the pre-closing check beside the rubric: the closed file lacks nothing */
    json_t *check = json_object_get(o, "closing_check");
    assert_true(json_is_true(json_object_get(check, "ok")));
    assert_int_equal(json_array_size(json_object_get(check, "items")), 0);
    json_decref(o);
    struct err e7 = {0};
    assert_int_equal(score_all(&c, id, 0, false, &e7), ERR_CONFLICT);
    /* its 评查表 is kept */
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'file_review'"
                         " AND object_id = ? AND type = 'file_review_sheet'",
                         "i", id));
}

/* Both schemes; 优秀案卷 only at the top grade. */
static void test_r_file_07_r_file_08_grades_in_both_schemes(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "auditor", &who);
    const char *code, *label;
    struct err e = {0};
    assert_int_equal(file_review_grade(&c, 90, &code, &label, &e), 0);
    assert_string_equal(label, "优秀");
    assert_int_equal(file_review_grade(&c, 89, &code, &label, &e), 0);
    assert_string_equal(code, "pass");
    assert_int_equal(file_review_grade(&c, 69, &code, &label, &e), 0);
    assert_string_equal(label, "不合格");
    struct ctx admin = h_ctx(h, "province", &who);
    assert_int_equal(setting_set(&admin, "review.grade_scheme", "1", &e), 0);
    assert_int_equal(setting_set(&admin, "review.grade_top", "95", &e), 0);
    struct actor w2;
    struct ctx c2 = h_ctx(h, "auditor", &w2);
    assert_int_equal(file_review_grade(&c2, 94, &code, &label, &e), 0);
    assert_string_equal(label, "乙");
    assert_int_equal(file_review_grade(&c2, 95, &code, &label, &e), 0);
    assert_string_equal(label, "甲");
    assert_int_equal(file_review_grade(&c2, 10, &code, &label, &e), 0);
    assert_string_equal(label, "丙");
    /* 92 points is 乙 now: not an 优秀案卷 */
    int64_t id = start(h, "auditor", reviewable_case(h));
    struct ctx c3 = h_ctx(h, "auditor", &w2);
    assert_int_equal(score_all(&c3, id, 8, false, &e), 0);
    struct wf_args a = {0};
    wf_arg_set(&a, "excellent", "yes");
    struct err e2 = {0};
    assert_int_equal(h_step(h, &file_review_workflow, "auditor", id, "complete", &a, &e2),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "excellent"), "甲"));
    struct wf_args no = {0};
    wf_arg_set(&no, "excellent", "no");
    h_must(h, &file_review_workflow, "auditor", id, "complete", &no);
    assert_string_equal(h_text(h, "SELECT grade_label FROM file_review WHERE id = ?", "i", id),
                        "乙");
}

/* A correction returns to the handlers with 10 working days (2027-01-04 → 2027-01-18); the
 * handler answers, the reviewer sends it back, it runs out and is found lapsed. */
static void test_r_file_09_r_file_10_r_file_11_corrections(void **state)
{
    struct harness *h = *state;
    int64_t id = start(h, "auditor", reviewable_case(h));
    struct actor who;
    struct ctx c = h_ctx(h, "auditor", &who);
    struct err e = {0};
    assert_int_equal(score_all(&c, id, 4, false, &e), 0);
    h_must(h, &file_review_workflow, "auditor", id, "complete", NULL);
    struct err e1 = {0};
    assert_int_equal(
        h_step(h, &file_review_workflow, "auditor", id, "request_correction", NULL, &e1),
        ERR_INVALID);
    assert_non_null(strstr(e1.msg, "补正"));
    /* the flag is set while scoring: another file's review asks for a correction */
    int64_t id2 = start(h, "city", reviewable_case(h));
    struct actor cw, ow;
    struct ctx city = h_ctx(h, "city", &cw);
    assert_int_equal(score_all(&city, id2, 4, true, &e), 0);
    h_must(h, &file_review_workflow, "city", id2, "complete", NULL);
    struct err e2 = {0};
    assert_int_equal(
        h_step(h, &file_review_workflow, "auditor", id2, "request_correction", NULL, &e2),
        ERR_FORBIDDEN); /* only its reviewer */
    h_must(h, &file_review_workflow, "city", id2, "request_correction", NULL);
    assert_string_equal(h_due(h, "file_review", id2, "correct"), "2027-01-18");
    /* the handler's to-do */
    struct ctx off = h_ctx(h, "officer", &ow);
    int64_t todo = 0;
    assert_int_equal(file_review_todo(&off, &todo, &e), 0);
    assert_int_equal(todo, 1);
    /* not lapsed before its last day has passed */
    h_set_now(h, "2027-01-18T09:00:00+08:00");
    struct err e3 = {0};
    assert_int_equal(h_step(h, &file_review_workflow, "city", id2, "lapse", NULL, &e3),
                     ERR_INVALID);
    /* only a handler of the case answers */
    struct wf_args ans = {0};
    wf_arg_set(&ans, "answer", "已补充当事人签名");
    struct err e4 = {0};
    assert_int_equal(h_step(h, &file_review_workflow, "viewer", id2, "answer", &ans, &e4),
                     ERR_FORBIDDEN);
    h_must(h, &file_review_workflow, "officer", id2, "answer", &ans);
    struct wf_args back = {0};
    wf_arg_set(&back, "reason", "签名页未附入案卷");
    h_must(h, &file_review_workflow, "city", id2, "send_back", &back);
    const char *due = h_text(h,
                             "SELECT due_on FROM wf_deadline WHERE kind = 'file_review'"
                             " AND object_id = ? AND ended_on IS NULL",
                             "i", id2);
    assert_string_equal(due, "2027-02-01");
    h_set_now(h, "2027-02-02T09:00:00+08:00");
    struct actor w2;
    struct ctx c2 = h_ctx(h, "city", &w2);
    json_t *o = file_review_get(&c2, id2, &e);
    assert_true(json_is_true(json_object_get(o, "correction_overdue")));
    json_decref(o);
    h_must(h, &file_review_workflow, "city", id2, "lapse", NULL);
    assert_string_equal(h_text(h, "SELECT state FROM file_review WHERE id = ?", "i", id2),
                        "lapsed");
}

static void test_r_file_11_accepted_correction(void **state)
{
    struct harness *h = *state;
    int64_t id = start(h, "auditor", reviewable_case(h));
    struct actor who;
    struct ctx c = h_ctx(h, "auditor", &who);
    struct err e = {0};
    assert_int_equal(score_all(&c, id, 14, true, &e), 0);
    h_must(h, &file_review_workflow, "auditor", id, "complete", NULL);
    h_must(h, &file_review_workflow, "auditor", id, "request_correction", NULL);
    struct wf_args ans = {0};
    wf_arg_set(&ans, "answer", "已补充");
    h_must(h, &file_review_workflow, "officer", id, "answer", &ans);
    h_must(h, &file_review_workflow, "auditor", id, "accept", NULL);
    assert_string_equal(h_text(h, "SELECT state FROM file_review WHERE id = ?", "i", id),
                        "corrected");
    json_t *f = file_review_stats(&c, "2027-01-01", "2027-01-31", NULL, &e);
    assert_non_null(f);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "audited"), "count")),
                     1);
    json_t *corr = json_object_get(f, "corrections");
    assert_int_equal(json_integer_value(json_object_get(corr, "count")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(corr, "done"), "count")),
                     1);
    /* 86 points: 合格 */
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(f, "by_grade"), 1), "count")),
                     1);
    assert_string_equal(json_string_value(json_object_get(f, "average")), "86.0");
    json_decref(f);
}

/* The same seed over the same files draws the same sample; another seed another one. */
static void test_r_file_12_sample_reproducible(void **state)
{
    (void)state;
    int64_t pool[100], a[10], b[10], x[10];
    for (int i = 0; i < 100; i++)
        pool[i] = 1000 + i;
    assert_int_equal(file_review_draw("2027-评查", pool, 100, 10, a), 10);
    assert_int_equal(file_review_draw("2027-评查", pool, 100, 10, b), 10);
    assert_memory_equal(a, b, sizeof a);
    file_review_draw("another", pool, 100, 10, x);
    assert_memory_not_equal(a, x, sizeof a);
    assert_int_equal(file_review_draw("s", pool, 3, 10, x), 3);
}

static void test_r_file_12_sample_recorded_and_started(void **state)
{
    struct harness *h = *state;
    int64_t cas = reviewable_case(h);
    struct actor who;
    struct ctx c = h_ctx(h, "city", &who);
    struct err e = {0}, e1 = {0};
    int64_t id = 0;
    assert_int_equal(file_review_sample(&c, "", "2026-12-01", "2026-11-30", "0", NULL, &id, &e1),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e1, "to"));
    assert_non_null(err_field_msg(&e1, "n"));
    assert_int_equal(
        file_review_sample(&c, "320412", "2026-12-01", "2026-12-31", "5", "seed-1", &id, &e), 0);
    json_t *s = file_review_sample_get(&c, id, &e);
    assert_string_equal(json_string_value(json_object_get(s, "seed")), "seed-1");
    assert_int_equal(json_integer_value(json_object_get(s, "pool")), 1);
    char want[24];
    snprintf(want, sizeof want, "%lld", (long long)cas);
    assert_string_equal(json_string_value(json_object_get(s, "case_ids")), want);
    json_decref(s);
    assert_true(h_exists(h->db, "SELECT 1 FROM file_review WHERE case_id = ? AND sample_id = ?",
                         "ii", cas, id));
    /* outside the subtree: refused beside the field */
    struct ctx other = h_ctx(h, "other", &who);
    struct err e2 = {0};
    assert_int_equal(
        file_review_sample(&other, "320412", "2026-12-01", "2026-12-31", "5", NULL, &id, &e2),
        ERR_INVALID);
    assert_non_null(err_field_msg(&e2, "agency"));
}

/* A rubric an agency loads is a new version its reviews use; a bad one is refused. */
static void test_rubric_loaded_and_versioned(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "city", &who);
    struct err e = {0}, e1 = {0};
    int64_t rid = 0;
    assert_int_equal(file_review_rubric_load(&c, "{\"version\":\"x\"}", &rid, &e1), ERR_INVALID);
    assert_non_null(err_field_msg(&e1, "rubric"));
    const char *bad = "{\"version\":\"v2\",\"title\":\"市标准\",\"sections\":[{\"name\":\"全部\","
                      "\"items\":[{\"code\":\"1\",\"text\":\"案卷规范\",\"max\":90}]}]}";
    struct err e2 = {0};
    assert_int_equal(file_review_rubric_load(&c, bad, &rid, &e2), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "rubric"), "100"));
    const char *good = "{\"version\":\"v2\",\"title\":\"市标准\",\"sections\":[{\"name\":\"全部\","
                       "\"items\":[{\"code\":\"1\",\"text\":\"案卷规范\",\"max\":100}]}]}";
    assert_int_equal(file_review_rubric_load(&c, good, &rid, &e), 0);
    struct err e3 = {0};
    assert_int_equal(file_review_rubric_load(&c, good, &rid, &e3), ERR_INVALID);
    /* the county below uses it now */
    struct ctx a = h_ctx(h, "auditor", &who);
    json_t *r = file_review_rubric(&a, &e);
    assert_string_equal(json_string_value(json_object_get(r, "version")), "v2");
    json_decref(r);
    int64_t id = start(h, "auditor", reviewable_case(h));
    assert_string_equal(h_text(h, "SELECT rubric_version FROM file_review WHERE id = ?", "i", id),
                        "v2");
    /* the province above keeps the built-in one */
    struct actor pw;
    struct ctx o = h_ctx(h, "province", &pw);
    struct err e4 = {0};
    r = file_review_rubric(&o, &e4);
    assert_int_equal(json_integer_value(json_object_get(r, "id")), 0);
    json_decref(r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_file_01_r_file_03_only_closed_files_by_those_apart),
        T(test_r_file_03_approver_may_not_review),
        T(test_r_file_02_scope_by_the_agency_tree),
        T(test_r_file_04_r_file_05_r_file_06_scores),
        T(test_r_file_07_r_file_08_grades_in_both_schemes),
        T(test_r_file_09_r_file_10_r_file_11_corrections),
        T(test_r_file_11_accepted_correction),
        T(test_r_file_12_sample_reproducible),
        T(test_r_file_12_sample_recorded_and_started),
        T(test_rubric_loaded_and_versioned),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
