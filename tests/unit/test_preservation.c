/* test_preservation.c — 证据先行登记保存 (行政处罚法 第五十六条): registered by an investigator of
 * a filed case (not before 立案: 第五十四条), approved by a leader apart from the case with its
 * 决定书, the 处理决定 within 7 working days (第八十五条: across a weekend, across the 2026
 * National Day holiday with its 调休 Saturday), late after them, made by an investigator with its
 * 处理决定书; the days of each act in order and not after today. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/preservation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fourth officer, the leader's, beside the fixture's three. */
static int64_t o4;

static int setup(void **state)
{
    if (cf_setup(state)) return -1;
    struct harness *h = *state;
    o4 = cf_officer(h, 4, "2030-12-31");
    struct err e = {0};
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'leader'",
                        "i", o4) >= 0);
    return 0;
}

/* A case received on received (the day of the act), proposed the same day with officers 1 and
 * 2, filed on filed (NULL: left before 立案). */
static int64_t a_case(struct harness *h, const char *received, const char *filed)
{
    struct case_input in = cf_sample(received, received);
    in.summary = "使用过期药品";
    return cf_filed(h, in, received, filed);
}

static const char *const ITEMS = "头孢克肟分散片｜0.1g×6片｜20盒\n"
                                 "一次性使用无菌注射器|5ml|3箱\n\n"
                                 "药品购进票据｜12张";

static struct preservation_input input(const char *day)
{
    return (struct preservation_input){.items = ITEMS,
                                       .place = "本机关证物保存室",
                                       .reason = "药品已过有效期，当事人可能自行销毁",
                                       .requested_on = day};
}

static int add(struct harness *h, const char *user, int64_t case_id, struct preservation_input in,
               int64_t *id, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    return preservation_add(&c, case_id, &in, id, e);
}

/* A preservation of case_id registered by the officer on day and approved on approved. */
static int64_t preserved(struct harness *h, int64_t case_id, const char *day, const char *approved)
{
    int64_t id;
    struct err e = {0};
    if (add(h, "officer", case_id, input(day), &id, &e))
        fail_msg("preservation_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    struct wf_args a = {.date = approved, .note = "同意"};
    h_must(h, &preservation_workflow, "leader", id, "approve", &a);
    return id;
}

static json_t *get(struct harness *h, const char *user, int64_t id)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    struct err e = {0};
    json_t *o = preservation_get(&c, id, &e);
    if (!o) fail_msg("preservation_get: %s", e.msg);
    return o;
}

#define S(o, k) json_string_value(json_object_get((o), (k)))

/* Before 立案 refused citing 第五十四条 and 第五十六条; by an officer who does not investigate
 * refused; items, place and reason required; registered by an investigator: 待批准, its items. */
static void test_r_case_55_registered_in_a_filed_case(void **state)
{
    struct harness *h = *state;
    int64_t case_id = a_case(h, "2026-11-02", NULL), id;
    struct err e = {0};
    assert_int_equal(add(h, "officer", case_id, input("2026-11-03"), &id, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第五十四条"));
    assert_non_null(strstr(e.msg, "第五十六条"));
    struct wf_args f = {.date = "2026-11-04"};
    h_must(h, &case_workflow, "leader", case_id, "approve", &f);
    struct err e2 = {0}; /* the leader does not investigate the case */
    assert_int_equal(add(h, "leader", case_id, input("2026-11-05"), &id, &e2), ERR_FORBIDDEN);
    assert_non_null(strstr(e2.msg, "承办人员"));
    struct err e3 = {0};
    struct preservation_input bad = {.items = "头孢克肟分散片", .place = "", .reason = ""};
    assert_int_equal(add(h, "officer", case_id, bad, &id, &e3), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e3, "items"), "名称｜规格｜数量"));
    assert_non_null(err_field_msg(&e3, "place"));
    assert_non_null(err_field_msg(&e3, "reason"));
    struct err e4 = {0};
    if (add(h, "officer", case_id, input("2026-11-05"), &id, &e4))
        fail_msg("add: %s %s", e4.msg, e4.nfields ? e4.fields[0].msg : "");
    json_t *o = get(h, "viewer", id);
    assert_string_equal(S(o, "state"), "requested");
    assert_string_equal(S(o, "state_label"), "待批准");
    json_t *items = json_object_get(o, "items");
    assert_int_equal(json_array_size(items), 3);
    assert_string_equal(S(json_array_get(items, 0), "spec"), "0.1g×6片");
    assert_string_equal(S(json_array_get(items, 1), "quantity"), "3箱");
    assert_string_equal(S(json_array_get(items, 2), "spec"), "");
    assert_string_equal(S(json_array_get(items, 2), "quantity"), "12张");
    assert_string_equal(S(o, "place"), "本机关证物保存室");
    json_decref(o);
    assert_true(
        h_exists(h->db, "SELECT 1 FROM audit_log WHERE action = 'preservation.create'", ""));
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_step WHERE kind = 'preservation' AND object_id = ?"
                         " AND to_state = 'requested'",
                         "i", id));
}

/* A leader who investigates the case may not approve, nor the officer (no case.approve); a
 * leader apart approves: 已先行登记保存 with its 决定书; another is refused with a reason. */
static void test_r_case_56_approved_by_a_leader_apart(void **state)
{
    struct harness *h = *state;
    int64_t case_id = a_case(h, "2026-12-01", "2026-12-02"), id;
    struct err e = {0};
    if (add(h, "officer", case_id, input("2026-12-03"), &id, &e)) fail_msg("add: %s", e.msg);
    struct wf_args a = {.date = "2026-12-03"};
    struct err e1 = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "officer", id, "approve", &a, &e1),
                     ERR_FORBIDDEN);
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'leader'",
                        "i", CF.o2) >= 0); /* the leader is one of the investigators */
    struct err e2 = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "leader", id, "approve", &a, &e2),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(e2.msg, "审批与承办分离"));
    assert_non_null(strstr(e2.msg, "第五十六条"));
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'leader'",
                        "i", o4) >= 0);
    h_must(h, &preservation_workflow, "leader", id, "approve", &a);
    json_t *o = get(h, "leader", id);
    assert_string_equal(S(o, "state"), "preserved");
    assert_string_equal(S(o, "approved_on"), "2026-12-03");
    json_t *docs = json_object_get(o, "documents");
    assert_int_equal(json_array_size(docs), 1);
    assert_string_equal(S(json_array_get(docs, 0), "number"), "武卫医证保〔2026〕1号");
    json_decref(o);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document_file f JOIN document d ON d.id = f.document_id"
                         " WHERE d.object_type = 'preservation' AND d.object_id = ?",
                         "i", id));
    /* refused: a reason required; final */
    int64_t other;
    if (add(h, "officer", case_id, input("2026-12-04"), &other, &e)) fail_msg("add: %s", e.msg);
    struct err e3 = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "leader", other, "refuse", NULL, &e3),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e3, "note"));
    struct wf_args r = {.date = "2026-12-04", .note = "证据不存在灭失的可能"};
    h_must(h, &preservation_workflow, "leader", other, "refuse", &r);
    o = get(h, "leader", other);
    assert_string_equal(S(o, "state_label"), "不予批准");
    assert_int_equal(json_array_size(json_object_get(o, "actions")), 0);
    json_decref(o);
}

/* Seven working days from the approval: Thursday 11-05 → Monday 11-16 (two weekends); Tuesday
 * 09-29 → 10-14 (10-01…10-07 off, Saturday 10-10 a working day); made after the day: late; made
 * on it: met; still open past it: overdue. */
static void test_r_case_57_seven_working_days(void **state)
{
    struct harness *h = *state;
    int64_t case_id = a_case(h, "2026-09-01", "2026-09-02");
    int64_t week = preserved(h, case_id, "2026-11-05", "2026-11-05");
    assert_string_equal(h_due(h, "preservation", week, "dispose"), "2026-11-16");
    int64_t holiday = preserved(h, case_id, "2026-09-28", "2026-09-29");
    assert_string_equal(h_due(h, "preservation", holiday, "dispose"), "2026-10-14");
    json_t *o = get(h, "officer", holiday);
    assert_true(json_is_true(json_object_get(o, "overdue"))); /* today is 2026-12-20 */
    json_decref(o);
    struct wf_args late = {.date = "2026-10-15", .reason = "return", .note = "拍照后退还"};
    h_must(h, &preservation_workflow, "officer", holiday, "dispose", &late);
    o = get(h, "officer", holiday);
    assert_true(json_is_true(json_object_get(o, "late")));
    assert_false(json_is_true(json_object_get(o, "overdue")));
    json_t *d = json_array_get(json_object_get(o, "deadlines"), 0);
    assert_true(json_is_true(json_object_get(d, "late")));
    json_decref(o);
    struct wf_args on_time = {.date = "2026-11-16", .reason = "test", .note = "送市药检所检验"};
    h_must(h, &preservation_workflow, "officer", week, "dispose", &on_time);
    o = get(h, "officer", week);
    assert_false(json_is_true(json_object_get(o, "late")));
    d = json_array_get(json_object_get(o, "deadlines"), 0);
    assert_true(json_is_true(json_object_get(d, "met")));
    json_decref(o);
}

/* The 处理决定 by an investigator (a leader lacks case.handle; an officer not on the case is
 * refused), one of the five outcomes, with its 处理决定书; confiscation waits for the decision;
 * the case lists its preservations. */
static void test_r_case_58_disposal_by_an_investigator(void **state)
{
    struct harness *h = *state;
    int64_t case_id = a_case(h, "2026-12-01", "2026-12-02");
    int64_t id = preserved(h, case_id, "2026-12-03", "2026-12-04");
    struct wf_args a = {.date = "2026-12-07", .reason = "destroy", .note = "销毁"};
    struct err e = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "officer", id, "dispose", &a, &e),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e, "reason"));
    a.reason = "confiscate";
    a.note = "属于依法应予没收的过期药品";
    struct err e2 = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "leader", id, "dispose", &a, &e2),
                     ERR_FORBIDDEN);
    assert_true(db_exec(h->db, &e, "DELETE FROM case_officer WHERE case_id = ? AND officer_id = ?",
                        "ii", case_id, CF.o1) >= 0);
    struct err e3 = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "officer", id, "dispose", &a, &e3),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(e3.msg, "承办人员"));
    assert_true(db_exec(h->db, &e, "INSERT INTO case_officer (case_id, officer_id) VALUES (?, ?)",
                        "ii", case_id, CF.o1) >= 0);
    h_must(h, &preservation_workflow, "officer", id, "dispose", &a);
    json_t *o = get(h, "officer", id);
    assert_string_equal(S(o, "state"), "disposed");
    assert_string_equal(S(o, "disposal_label"), "依法应予没收，待作出行政处罚决定时处理");
    assert_int_equal(json_array_size(json_object_get(o, "documents")), 2);
    assert_string_equal(S(json_array_get(json_object_get(o, "documents"), 1), "number"),
                        "武卫医证处〔2026〕1号");
    json_decref(o);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e4 = {0};
    json_t *k = case_get(&c, case_id, &e4);
    assert_non_null(k);
    json_t *list = json_object_get(k, "preservations");
    assert_int_equal(json_array_size(list), 1);
    assert_string_equal(S(json_array_get(list, 0), "disposal"), "confiscate");
    assert_string_equal(S(json_array_get(list, 0), "approved_on"), "2026-12-04");
    json_decref(k);
}

/* Registered before 立案's day or after today, approved before it was registered, disposed of
 * before it was approved: each refused beside the date. */
static void test_r_case_59_days_in_order(void **state)
{
    struct harness *h = *state;
    int64_t case_id = a_case(h, "2026-12-01", "2026-12-07"), id;
    struct err e = {0};
    assert_int_equal(add(h, "officer", case_id, input("2026-12-06"), &id, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "requested_on"), "立案日期"));
    struct err e2 = {0};
    assert_int_equal(add(h, "officer", case_id, input("2027-01-01"), &id, &e2), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "requested_on"), "今天"));
    struct err e3 = {0};
    if (add(h, "officer", case_id, input("2026-12-09"), &id, &e3)) fail_msg("add: %s", e3.msg);
    struct wf_args a = {.date = "2026-12-08"};
    struct err e4 = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "leader", id, "approve", &a, &e4),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e4, "date"), "登记日期"));
    a.date = "2026-12-10";
    h_must(h, &preservation_workflow, "leader", id, "approve", &a);
    struct wf_args d = {.date = "2026-12-09", .reason = "release", .note = "解除"};
    struct err e5 = {0};
    assert_int_equal(h_step(h, &preservation_workflow, "officer", id, "dispose", &d, &e5),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e5, "date"), "批准日期"));
    assert_string_equal(h_text(h, "SELECT state FROM case_preservation WHERE id = ?", "i", id),
                        "preserved");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_55_registered_in_a_filed_case),
        T(test_r_case_56_approved_by_a_leader_apart),
        T(test_r_case_57_seven_working_days),
        T(test_r_case_58_disposal_by_an_investigator),
        T(test_r_case_59_days_in_order),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
