/* test_case_decision.c — how a case is decided: not before the party's windows close (第四十五条,
 * 第六十二条, 第六十四条), never heavier than notified (第四十五条), not without a required legal
 * review (第五十八条) or the collective discussion of a major case (第五十七条), not after the 90
 * days of 第六十条 without an extension; the decision not to penalise on a ground of 第三十三条;
 * the 决定书 with the case's 文号 and its amounts in capitals, read back from the kept PDF. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/document.h"
#include "law/holiday.h"
#include "law/power.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A case of in filed on approved (proposed on proposed) and concluded on 2026-12-20. */
static int64_t concluded(struct harness *h, struct case_input in, const char *proposed,
                         const char *approved, const char *types, const char *fine, bool major)
{
    int64_t id = cf_filed(h, in, proposed, approved);
    struct cf_end end = {.on = "2026-12-20",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = types,
                         .fine = fine,
                         .why = "情节特殊",
                         .major = major};
    struct err e = {0};
    if (cf_conclude_as(h, id, &end, &e))
        fail_msg("conclude: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

static int decide(struct harness *h, int64_t id, const char *user, const char *day,
                  const char *types, const char *fine, struct err *e)
{
    struct wf_args a = {.date = day, .note = "当事人未提出陈述、申辩意见"};
    wf_arg_set(&a, "types", types);
    wf_arg_set(&a, "fine", fine);
    return h_step(h, &case_workflow, user, id, "decide", &a, e);
}

/* The text of the kept PDF of the case's document of type. */
static char *pdf_text(struct harness *h, int64_t id, const char *type)
{
    const char *doc = h_text(h,
                             "SELECT d.id FROM document d WHERE d.object_type = 'case'"
                             " AND d.object_id = ? AND d.type = ?",
                             "it", id, type);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    struct err e = {0};
    if (document_pdf(&c, strtoll(doc, NULL, 10), &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = h_pdf_text(h->dir, "decision.pdf", pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    return text;
}

/* An organisation fined 3,000 元 (no review, no hearing): the 3 working days of defence run to
 * 12-24; the decision comes after them, not heavier than notified, with the case's 文号. */
static void test_r_case_43_r_case_44_decided_after_the_window_never_heavier(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                           "警告、罚款", "3000", false);
    cf_notify(h, id, "2026-12-21");
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e4 = {0}, e5 = {0};
    assert_int_equal(decide(h, id, "leader", "2026-12-24", "warning,fine", "3000", &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第四十五条"));
    assert_int_equal(decide(h, id, "officer", "2026-12-28", "warning,fine", "3000", &e2),
                     ERR_FORBIDDEN);
    assert_int_equal(decide(h, id, "leader", "2026-12-28", "warning,fine", "4000", &e3),
                     ERR_INVALID);
    assert_string_equal(e3.fields[0].name, "fine");
    assert_non_null(strstr(e3.fields[0].msg, "第四十五条"));
    assert_int_equal(
        decide(h, id, "leader", "2026-12-28", "warning,fine,licence_revocation", "3000", &e4),
        ERR_INVALID);
    assert_string_equal(e4.fields[0].name, "types");
    /* below the item's legal minimum (500 元) only with the reason of 第三十二条 */
    assert_int_equal(decide(h, id, "leader", "2026-12-28", "fine", "300", &e5), ERR_INVALID);
    assert_string_equal(e5.fields[0].name, "lighter_reason");
    struct err e = {0};
    if (decide(h, id, "leader", "2026-12-28", "warning,fine", "2000", &e))
        fail_msg("decide: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", id),
                        "decided");
    const char *number = h_text(h, "SELECT number FROM penalty_case WHERE id = ?", "i", id);
    assert_string_equal(h_text(h,
                               "SELECT number FROM document WHERE object_type = 'case'"
                               " AND object_id = ? AND type = 'penalty_decision'",
                               "i", id),
                        number);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'decide' AND outcome = 'met'",
                         "i", id));
    /* decided: only the 送达期限 it opened is left (第六十一条) */
    assert_false(h_exists(h->db,
                          "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                          " AND ended_on IS NULL AND name <> 'serve'",
                          "i", id));
    char *text = pdf_text(h, id, "penalty_decision");
    char *capital = h_flat("给予如下行政处罚：警告；罚款人民币2,000.00元（人民币贰仟元整）。");
    char *remedy = h_flat("六十日内依法申请行政复议");
    char *flat_number = h_flat(number);
    assert_non_null(strstr(text, capital));
    assert_non_null(strstr(text, remedy));
    assert_non_null(strstr(text, flat_number));
    free(text);
    free(capital);
    free(remedy);
    free(flat_number);
}

/* A citizen fined 6,000 元 may ask for a hearing within 5 working days of the notice (12-21 →
 * 12-28): no decision before that day has passed, unless the party waived in writing. */
static void test_r_case_43_hearing_window(void **state)
{
    struct harness *h = *state;
    struct case_input in = cf_sample("2026-11-02", "2026-10-30");
    in.entity_id = NULL;
    in.party_name = "李某";
    in.party_kind = "citizen";
    int64_t id = concluded(h, in, "2026-11-03", "2026-11-04", "警告、罚款", "6000", false);
    cf_notify(h, id, "2026-12-21");
    /* two periods run (the party's and the 90 days): the list shows the case once */
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct case_query q = {.state = "notified"};
    struct err el = {0};
    json_t *list = case_list(&c, &q, &el);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    struct err e1 = {0}, e = {0};
    assert_int_equal(decide(h, id, "leader", "2026-12-28", "warning,fine", "6000", &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第六十四条"));
    assert_non_null(strstr(e1.msg, "2026-12-28"));
    if (decide(h, id, "leader", "2026-12-29", "warning,fine", "6000", &e))
        fail_msg("decide: %s", e.nfields ? e.fields[0].msg : e.msg);
}

/* A decision needs the review passed since the last 调查终结, whatever state the case is in. */
static void test_r_case_40_no_decision_without_the_review(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                           "警告、罚款", "15000", false);
    struct err e = {0};
    /* a case moved to 已告知 past its review (as an import or a fault might leave it) */
    assert_true(db_exec(h->db, &e,
                        "UPDATE penalty_case SET state = 'notified', notified_on = '2026-12-21',"
                        " waived_on = '2026-12-21' WHERE id = ?",
                        "i", id) >= 0);
    struct err e1 = {0};
    assert_int_equal(decide(h, id, "leader", "2026-12-28", "warning,fine", "15000", &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第五十八条"));
    /* reviewed, notified, waived: decided */
    assert_true(db_exec(h->db, &e,
                        "UPDATE penalty_case SET state = 'concluded', notified_on = NULL,"
                        " waived_on = NULL WHERE id = ?",
                        "i", id) >= 0);
    struct wf_args r = {.date = "2026-12-21", .note = "同意"};
    h_must(h, &case_workflow, "legal", id, "review_pass", &r);
    cf_notify(h, id, "2026-12-21");
    struct wf_args w = {.date = "2026-12-22", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    if (decide(h, id, "leader", "2026-12-22", "warning,fine", "15000", &e))
        fail_msg("decide: %s", e.nfields ? e.fields[0].msg : e.msg);
}

/* A major case is decided by the leaders' collective discussion (three or more), whose
 * conclusion the decision follows; the discussion's record is issued. */
static void test_r_case_41_r_case_46_collective_discussion(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                           "警告、罚款", "3000", true);
    struct wf_args r = {.date = "2026-12-21", .note = "同意"};
    h_must(h, &case_workflow, "legal", id, "review_pass", &r);
    cf_notify(h, id, "2026-12-21");
    struct wf_args w = {.date = "2026-12-21", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e = {0};
    assert_int_equal(decide(h, id, "leader", "2026-12-22", "warning,fine", "3000", &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第五十七条"));
    struct wf_args d = {.date = "2026-12-22"};
    wf_arg_set(&d, "participants", "张局长、王副局长");
    wf_arg_set(&d, "opinions", "违法事实清楚，同意不予处罚");
    wf_arg_set(&d, "conclusion", "no_penalty");
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "discuss", &d, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "participants");
    wf_arg_set(&d, "participants", "张局长、王副局长、李副局长");
    h_must(h, &case_workflow, "leader", id, "discuss", &d);
    assert_int_equal(decide(h, id, "leader", "2026-12-22", "warning,fine", "3000", &e3),
                     ERR_INVALID);
    assert_non_null(strstr(e3.msg, "不予行政处罚"));
    wf_arg_set(&d, "opinions", "经讨论，同意给予警告并处罚款");
    wf_arg_set(&d, "conclusion", "penalise");
    h_must(h, &case_workflow, "leader", id, "discuss", &d);
    if (decide(h, id, "leader", "2026-12-22", "warning,fine", "3000", &e))
        fail_msg("decide: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(
        h_text(h, "SELECT COUNT(*) FROM case_discussion WHERE case_id = ?", "i", id), "2");
    assert_string_equal(h_text(h,
                               "SELECT COUNT(*) FROM document WHERE object_type = 'case'"
                               " AND object_id = ? AND type = 'collective_discussion'",
                               "i", id),
                        "2");
}

/* Filed on 09-01, the 90 days end on 11-30: a decision after them needs the extension. */
static void test_r_case_42_not_after_the_ninety_days(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-08-28", "2026-08-25"), "2026-08-31", "2026-09-01",
                           "警告、罚款", "3000", false);
    cf_notify(h, id, "2026-12-21");
    struct wf_args w = {.date = "2026-12-21", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    struct err e1 = {0}, e = {0};
    assert_int_equal(decide(h, id, "leader", "2026-12-22", "warning,fine", "3000", &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第六十条"));
    struct wf_args x = {.date = "2026-11-20", .note = "案情复杂，需进一步调查取证"};
    wf_arg_set(&x, "days", "30");
    h_must(h, &case_workflow, "leader", id, "extend", &x);
    assert_string_equal(h_due(h, "case", id, "decide"), "2026-12-30");
    if (decide(h, id, "leader", "2026-12-22", "warning,fine", "3000", &e))
        fail_msg("decide: %s", e.nfields ? e.fields[0].msg : e.msg);
}

static int no_penalty(struct harness *h, int64_t id, const char *ground, const char *conditions,
                      struct err *e)
{
    struct wf_args a = {.date = "2026-12-21", .note = "当事人已当场改正"};
    wf_arg_set(&a, "ground", ground);
    wf_arg_set(&a, "conditions", conditions);
    wf_arg_set(&a, "education", "向当事人宣讲《医疗机构管理条例》有关规定，当事人表示今后依法执业");
    return h_step(h, &case_workflow, "leader", id, "decide_none", &a, e);
}

/* 首违不罚 needs its three conditions and no earlier penalty of the party for the same item; a
 * minor act corrected without harm is not penalised; the education given is recorded and the
 * 不予行政处罚决定书 issued. */
static void test_r_case_45_no_penalty_on_a_ground_of_article_33(void **state)
{
    struct harness *h = *state;
    int64_t first = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                              "警告", NULL, false);
    struct err e1 = {0}, e = {0};
    assert_int_equal(no_penalty(h, first, "first", "first_time,corrected", &e1), ERR_INVALID);
    assert_string_equal(e1.fields[0].name, "conditions");
    assert_non_null(strstr(e1.fields[0].msg, "危害后果轻微"));
    if (no_penalty(h, first, "first", "first_time,minor_harm,corrected", &e))
        fail_msg("decide_none: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", first),
                        "not_penalised");
    char *text = pdf_text(h, first, "no_penalty_decision");
    char *ground = h_flat("初次违法且危害后果轻微并及时改正");
    char *taught = h_flat("当事人表示今后依法执业");
    assert_non_null(strstr(text, ground));
    assert_non_null(strstr(text, taught));
    free(text);
    free(ground);
    free(taught);
    /* the clinic penalised once for the item is no longer a first offender */
    int64_t penalised = concluded(h, cf_sample("2026-11-05", "2026-11-01"), "2026-11-06",
                                  "2026-11-09", "警告", NULL, false);
    cf_notify(h, penalised, "2026-12-21");
    struct wf_args w = {.date = "2026-12-21", .note = "书面放弃"};
    h_must(h, &case_workflow, "officer", penalised, "waive", &w);
    if (decide(h, penalised, "leader", "2026-12-22", "warning", NULL, &e)) fail_msg("%s", e.msg);
    int64_t again = concluded(h, cf_sample("2026-11-10", "2026-11-08"), "2026-11-11", "2026-11-12",
                              "警告", NULL, false);
    struct err e2 = {0};
    assert_int_equal(no_penalty(h, again, "first", "first_time,minor_harm,corrected", &e2),
                     ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "ground");
    if (no_penalty(h, again, "minor", "minor_act,corrected,no_harm", &e)) fail_msg("%s", e.msg);
}

/* A closure is decided with its wording (责令停业整顿十五日): the type code says no period. */
static void test_decision_states_the_closure_in_words(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct power_item_input in = {.agency_code = "320412",
                                  .code = "WJ-CF-003",
                                  .name = "对医疗机构出租执业许可证的行政处罚",
                                  .kind = "penalty",
                                  .line = "medical",
                                  .basis = "《医疗机构管理条例》",
                                  .violated = "《医疗机构管理条例》",
                                  .penalty_basis = "《医疗机构管理条例》",
                                  .terms = {"罚款、责令停产停业", "1000", "10000", NULL, NULL}};
    int64_t item;
    if (power_item_add(&h->ctx, &in, &item, &e)) fail_msg("power_item_add: %s", e.msg);
    int64_t id = cf_intake(h, cf_sample("2026-11-02", "2026-10-30"));
    if (cf_propose(h, id, cf_team(CF.o1, CF.o2), "2026-11-03", &e)) fail_msg("%s", e.msg);
    struct wf_args ok = {.date = "2026-11-04"};
    h_must(h, &case_workflow, "leader", id, "approve", &ok);
    char item_id[24];
    snprintf(item_id, sizeof item_id, "%lld", (long long)item);
    struct wf_args a = {.date = "2026-12-20", .note = "违法事实清楚"};
    wf_arg_set(&a, "item", item_id);
    wf_arg_set(&a, "types", "fine,closure");
    wf_arg_set(&a, "fine", "3000");
    wf_arg_set(&a, "major", "no");
    cf_deliberate(h, id, "2026-12-20");
    h_must(h, &case_workflow, "officer", id, "conclude", &a);
    struct wf_args r = {.date = "2026-12-21", .note = "同意"};
    h_must(h, &case_workflow, "legal", id, "review_pass", &r);
    cf_notify(h, id, "2026-12-21");
    struct wf_args w = {.date = "2026-12-21", .note = "书面放弃陈述、申辩和听证"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    struct err e1 = {0};
    assert_int_equal(decide(h, id, "leader", "2026-12-22", "fine,closure", "3000", &e1),
                     ERR_INVALID);
    assert_string_equal(e1.fields[0].name, "wording");
    struct wf_args d = {.date = "2026-12-22"};
    wf_arg_set(&d, "types", "fine,closure");
    wf_arg_set(&d, "fine", "3000");
    wf_arg_set(&d, "wording", "责令停业整顿十五日");
    h_must(h, &case_workflow, "leader", id, "decide", &d);
    char *text = pdf_text(h, id, "penalty_decision");
    char *want =
        h_flat("给予如下行政处罚：责令停业整顿十五日；罚款人民币3,000.00元（人民币叁仟元整）。");
    assert_non_null(strstr(text, want));
    free(text);
    free(want);
}

/* The statement window is the party's: past its last day it has run out, it is not the agency's
 * overdue deadline, and the start page's lists leave it out. */
static void test_the_party_window_is_never_overdue(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                           "警告、罚款", "3000", false);
    cf_notify(h, id, "2026-12-21");
    h_set_now(h, "2026-12-29T09:00:00+08:00");
    struct actor who;
    struct ctx c = h_ctx(h, "leader", &who);
    struct err e = {0};
    json_t *o = case_get(&c, id, &e);
    size_t i;
    json_t *d;
    bool seen = false;
    json_array_foreach(json_object_get(o, "deadlines"), i, d)
    {
        if (strcmp(json_string_value(json_object_get(d, "name")), "defence") != 0) continue;
        seen = true;
        assert_true(json_is_true(json_object_get(d, "lapsed")));
        assert_false(json_is_true(json_object_get(d, "overdue")));
    }
    assert_true(seen);
    json_decref(o);
    json_t *due = wf_deadlines(&c, 30, 100, &e);
    json_array_foreach(due, i, d)
    {
        assert_string_not_equal(json_string_value(json_object_get(d, "name")), "defence");
    }
    json_decref(due);
}

/* The case page's timeline: every step, document and deadline by day, from the source on. */
static void test_case_timeline(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                           "警告、罚款", "3000", false);
    cf_notify(h, id, "2026-12-21");
    struct err e = {0};
    if (decide(h, id, "leader", "2026-12-28", "warning,fine", "3000", &e)) fail_msg("%s", e.msg);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    json_t *t = json_object_get(o, "timeline");
    assert_true(json_array_size(t) >= 10);
    assert_string_equal(json_string_value(json_object_get(json_array_get(t, 0), "kind")), "source");
    const char *last = "";
    bool decision = false, approve = false, due = false;
    size_t i;
    json_t *x;
    json_array_foreach(t, i, x)
    {
        const char *day = json_string_value(json_object_get(x, "date"));
        const char *title = json_string_value(json_object_get(x, "title"));
        const char *kind = json_string_value(json_object_get(x, "kind"));
        assert_true(strcmp(last, day) <= 0);
        last = day;
        if (strstr(title, "行政处罚决定书") && json_object_get(x, "href")) decision = true;
        if (strcmp(kind, "step") == 0 && strstr(title, "批准立案")) approve = true;
        if (strcmp(kind, "due") == 0 && !strstr(title, "送达期限")) due = true;
    }
    assert_true(decision);
    assert_true(approve);
    assert_false(due); /* decided: nothing left to fall due but its service */
    json_decref(o);
}

/* A statement of the party, recorded by an investigator. */
static int statement(struct harness *h, int64_t id, const char *user, const char *day,
                     const char *review, const char *reason, struct err *e)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "how", "written");
    wf_arg_set(&a, "statement", "罚款过重，我店已停止注射项目并整改");
    wf_arg_set(&a, "review", review);
    wf_arg_set(&a, "review_reason", reason);
    return h_step(h, &case_workflow, user, id, "record_statement", &a, e);
}

/* 第四十五条: the party's statement is heard from the notice until the decision, by an
 * investigator, reviewed with reasons; it leaves the window open, is kept as its 陈述和申辩笔录,
 * and the decision prints it with what was adopted. */
static void test_r_case_60_statement_heard_reviewed_and_printed(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                           "警告、罚款", "3000", false);
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e4 = {0}, e5 = {0}, e = {0};
    /* not before the notice */
    assert_int_equal(statement(h, id, "officer", "2026-12-20", "adopted", NULL, &e1), ERR_CONFLICT);
    cf_notify(h, id, "2026-12-21");
    h_set_now(h, "2026-12-22T10:00:00+08:00");
    assert_int_equal(statement(h, id, "officer", "2026-12-20", "adopted", NULL, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "date");
    assert_int_equal(statement(h, id, "officer", "2026-12-22", "rejected", "", &e3), ERR_INVALID);
    assert_string_equal(e3.fields[0].name, "review_reason");
    assert_non_null(strstr(e3.fields[0].msg, "第四十五条"));
    assert_int_equal(statement(h, id, "leader", "2026-12-22", "adopted", NULL, &e4), ERR_FORBIDDEN);
    if (statement(h, id, "officer", "2026-12-22", "partial", "整改属实，但违法事实成立", &e))
        fail_msg("record_statement: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", id),
                        "notified");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'defence' AND ended_on IS NULL",
                         "i", id));
    char *text = pdf_text(h, id, "statement_record");
    char *said = h_flat("罚款过重，我店已停止注射项目并整改");
    char *partial = h_flat("予以部分采纳");
    assert_non_null(strstr(text, said));
    assert_non_null(strstr(text, partial));
    free(text);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    assert_non_null(o);
    json_t *first = json_array_get(json_object_get(o, "statements"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "review_label")), "部分采纳");
    json_decref(o);
    h_set_now(h, "2026-12-28T10:00:00+08:00");
    if (decide(h, id, "leader", "2026-12-28", "warning,fine", "2000", &e))
        fail_msg("decide: %s", e.nfields ? e.fields[0].msg : e.msg);
    text = pdf_text(h, id, "penalty_decision");
    char *printed = h_flat("经复核，本机关部分采纳，理由：整改属实，但违法事实成立");
    assert_non_null(strstr(text, said));
    assert_non_null(strstr(text, printed));
    free(text);
    free(said);
    free(partial);
    free(printed);
    /* not after the decision */
    h_set_now(h, "2026-12-29T10:00:00+08:00");
    assert_int_equal(statement(h, id, "officer", "2026-12-29", "adopted", NULL, &e5), ERR_CONFLICT);
}

/* Registration issues the 案件受理记录 and 调查终结 the 案件调查终结报告, each kept as its PDF. */
static void test_intake_record_and_investigation_report_kept(void **state)
{
    struct harness *h = *state;
    int64_t id = concluded(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04",
                           "警告、罚款", "20000", false);
    assert_string_equal(h_text(h,
                               "SELECT number FROM document WHERE object_type = 'case'"
                               " AND object_id = ? AND type = 'case_intake_record'",
                               "i", id),
                        "受2026-0001");
    char *text = pdf_text(h, id, "case_intake_record");
    char *intake = h_flat("受理日期：2026年11月2日");
    assert_non_null(strstr(text, intake));
    free(text);
    text = pdf_text(h, id, "investigation_report");
    char *facts = h_flat("违法事实清楚，证据确凿");
    char *penalty = h_flat("罚款人民币20,000.00元");
    char *level = h_flat("适用裁量档次：一般（");
    char *review = h_flat("罚款数额在10000元以上的情形，作出行政处罚决定前应当进行法制审核");
    assert_non_null(strstr(text, facts));
    assert_non_null(strstr(text, penalty));
    assert_non_null(strstr(text, level));
    assert_non_null(strstr(text, review));
    free(text);
    free(intake);
    free(facts);
    free(penalty);
    free(level);
    free(review);
}

/* cf_setup on 2027-02-03, in a year whose holiday notice is not loaded. */
static int setup_2027(void **state)
{
    return cf_setup_at(state, "2027-02-03T09:00:00+08:00");
}

/* [R-CASE-43] [R-CAL-05] The statement window in a provisional year: notified on 2027-02-03, the
 * 3 working days skip 春节 as the provisional rules keep it (02-05…02-10) and end on 02-12,
 * marked provisional. The year's notice loaded makes 02-05 a working day (调休): the window is
 * counted again and ends on 02-11, no longer provisional; a decision is refused on the last
 * day and allowed the day after. */
static void test_r_case_43_window_in_a_provisional_year(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_filed(h, cf_sample("2027-01-11", "2027-01-08"), "2027-01-12", "2027-01-13");
    struct cf_end end = {.on = "2027-02-02",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = "3000"};
    struct err e = {0};
    if (cf_conclude_as(h, id, &end, &e)) fail_msg("conclude: %s", e.msg);
    cf_notify(h, id, "2027-02-03");
    assert_string_equal(h_due(h, "case", id, "defence"), "2027-02-12");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'defence' AND provisional = 1",
                         "i", id));
    struct actor who;
    struct ctx admin = h_ctx(h, "province", &who); /* the national calendar is theirs */
    struct holiday_result r = {0};
    if (holiday_add_year(&admin, "2027", "国办发明电〔2026〕7号", &r, &e))
        fail_msg("add year: %s", e.msg);
    holiday_result_free(&r);
    if (holiday_set_day(&admin, "2027-02-05", false, "春节调休", &r, &e))
        fail_msg("set day: %s", e.msg);
    assert_int_equal(json_array_size(r.moved), 1);
    holiday_result_free(&r);
    assert_string_equal(h_due(h, "case", id, "defence"), "2027-02-11");
    assert_false(h_exists(h->db,
                          "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                          " AND name = 'defence' AND provisional = 1",
                          "i", id));
    h_set_now(h, "2027-02-12T09:00:00+08:00");
    struct err e1 = {0};
    assert_int_equal(decide(h, id, "leader", "2027-02-11", "警告、罚款", "3000", &e1), ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第四十五条"));
    if (decide(h, id, "leader", "2027-02-12", "警告、罚款", "3000", &e))
        fail_msg("decide: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_43_r_case_44_decided_after_the_window_never_heavier),
        T(test_r_case_43_hearing_window),
        T(test_r_case_40_no_decision_without_the_review),
        T(test_r_case_41_r_case_46_collective_discussion),
        T(test_r_case_42_not_after_the_ninety_days),
        T(test_r_case_45_no_penalty_on_a_ground_of_article_33),
        T(test_decision_states_the_closure_in_words),
        T(test_case_timeline),
        T(test_the_party_window_is_never_overdue),
        T(test_r_case_60_statement_heard_reviewed_and_printed),
        T(test_intake_record_and_investigation_report_kept),
        cmocka_unit_test_setup_teardown(test_r_case_43_window_in_a_provisional_year, setup_2027,
                                        harness_teardown),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
