/* test_petition.c — petitions (信访) under 信访工作条例: registration, the sealed petitioner and
 * who sees it, every step and its refusals, the statutory periods on the calendar
 * (15/60/+30/30/30), the extension's limits, the 复查 and 复核 windows, no re-acceptance after
 * 复核, conversion into a complaint linked both ways, and the figures. */
#include "support.h"
#include "law/auth.h"
#include "law/petition.h"
#include "law/complaint.h"
#include "law/role.h"
#include "law/setting.h"

#include <stdlib.h>
#include <string.h>

static struct petition_input sample(const char *received)
{
    return (struct petition_input){.form = "visit",
                                   .received_on = received,
                                   .content = "medical_dispute",
                                   .summary = "在某医院手术后出现并发症，要求医院说明情况并赔偿",
                                   .name = "赵六",
                                   .phone = "13900002222",
                                   .address = "湖塘镇花园路12号"};
}

static int64_t intake(struct harness *h, struct petition_input in)
{
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    if (petition_add(&c, &in, &id, &e)) fail_msg("petition_add: %s", e.msg);
    return id;
}

/* Accepted on date and assigned to the leader in charge and the officer. */
static void accept_assign(struct harness *h, int64_t id, const char *date)
{
    struct wf_args a = {.date = date};
    h_must(h, &petition_workflow, "clerk", id, "accept", &a);
    struct wf_args s = {0};
    wf_arg_set(&s, "leader", "leader");
    wf_arg_set(&s, "handler", "officer");
    h_must(h, &petition_workflow, "leader", id, "assign", &s);
}

static void answer(struct harness *h, int64_t id, const char *action, const char *date)
{
    struct wf_args a = {.date = date};
    wf_arg_set(&a, "answer", "经调查，医院诊疗行为符合规范，建议通过医疗纠纷调解途径解决。");
    h_must(h, &petition_workflow, "officer", id, action, &a);
}

static int request(struct harness *h, int64_t id, const char *action, const char *date,
                   struct err *e)
{
    struct wf_args a = {.date = date, .note = "对处理意见不服"};
    return h_step(h, &petition_workflow, "clerk", id, action, &a, e);
}

/* 15 days from receipt across the National Day holidays; 60 days from 受理. */
static void test_r_pet_01_r_pet_02_deadlines_from_receipt_and_acceptance(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-10-20T09:00:00+08:00");
    /* 09-20 + 15 days is 10-05, inside 10/1–10/7: the period ends on 10-08 (民法典 第二百零三条) */
    int64_t id = intake(h, sample("2026-09-20"));
    assert_string_equal(h_due(h, "petition", id, "decide"), "2026-10-08");
    assert_string_equal(h_text(h, "SELECT number FROM petition WHERE id = ?", "i", id),
                        "信访〔2026〕1号");
    struct wf_args a = {.date = "2026-09-25"};
    h_must(h, &petition_workflow, "clerk", id, "accept", &a);
    assert_string_equal(h_due(h, "petition", id, "handle"), "2026-11-24");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'petition' AND object_id = ?"
                         " AND name = 'decide' AND outcome = 'met'",
                         "i", id));
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'petition' AND object_id = ?"
                         " AND type = 'petition_acceptance'",
                         "i", id));
}

/* Extended once, by at most 30 days, by a leader; the notice issued, the first last day kept. */
static void test_r_pet_03_extension_once_at_most_30_days(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-10-20T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-09-20"));
    accept_assign(h, id, "2026-09-25");
    struct err e = {0};
    struct wf_args x = {.note = "需要组织医学专家论证"};
    wf_arg_set(&x, "days", "31");
    assert_int_equal(h_step(h, &petition_workflow, "leader", id, "extend", &x, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "days"), "第三十四条"));
    err_clear(&e);
    wf_arg_set(&x, "days", "30");
    assert_int_equal(h_step(h, &petition_workflow, "officer", id, "extend", &x, &e),
                     ERR_FORBIDDEN); /* not the head */
    err_clear(&e);
    h_must(h, &petition_workflow, "leader", id, "extend", &x);
    /* 60 + 30 days from 09-25: 12-24 */
    assert_string_equal(h_due(h, "petition", id, "handle"), "2026-12-24");
    assert_string_equal(h_text(h,
                               "SELECT original_due_on FROM wf_deadline WHERE kind = 'petition'"
                               " AND object_id = ? AND name = 'handle'",
                               "i", id),
                        "2026-11-24");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'petition' AND object_id = ?"
                         " AND type = 'petition_extension'",
                         "i", id));
    wf_arg_set(&x, "days", "5");
    assert_int_equal(h_step(h, &petition_workflow, "leader", id, "extend", &x, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第三十四条"));
}

/* 复查 within 30 days of the answer and answered within 30; 复核 the same, a window ending on a
 * Sunday moving to Monday; then the matter is closed for good. */
static void test_r_pet_04_r_pet_05_r_pet_06_review_recheck_and_no_reacceptance(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2027-01-10T09:00:00+08:00");
    int64_t id = intake(h, sample("2026-09-20"));
    accept_assign(h, id, "2026-09-25");
    answer(h, id, "answer", "2026-10-10");
    struct err e = {0};
    /* 10-10 + 30 days is Monday 11-09 */
    assert_int_equal(request(h, id, "request_review", "2026-11-10", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第三十五条"));
    err_clear(&e);
    if (request(h, id, "request_review", "2026-11-09", &e)) fail_msg("review: %s", e.msg);
    assert_string_equal(h_due(h, "petition", id, "review"), "2026-12-09");
    answer(h, id, "review_answer", "2026-11-20");
    /* 11-20 + 30 days is Sunday 12-20: the window runs to Monday 12-21 */
    assert_int_equal(request(h, id, "request_recheck", "2026-12-22", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第三十六条"));
    err_clear(&e);
    if (request(h, id, "request_recheck", "2026-12-21", &e)) fail_msg("recheck: %s", e.msg);
    assert_string_equal(h_due(h, "petition", id, "recheck"), "2027-01-20");
    answer(h, id, "recheck_answer", "2027-01-05");
    assert_string_equal(h_text(h, "SELECT state FROM petition WHERE id = ?", "i", id), "rechecked");
    /* the same matter again: not accepted (第三十六条), and said so; refusing it is allowed */
    struct petition_input again = sample("2027-01-08");
    char prev[24];
    snprintf(prev, sizeof prev, "%lld", (long long)id);
    again.previous_id = prev;
    int64_t next = intake(h, again);
    assert_int_equal(h_step(h, &petition_workflow, "clerk", next, "accept", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第三十六条"));
    err_clear(&e);
    struct wf_args r = {0};
    wf_arg_set(&r, "reason", "rechecked");
    h_must(h, &petition_workflow, "clerk", next, "refuse", &r);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'petition' AND object_id = ?"
                         " AND type = 'petition_refusal'",
                         "i", next));
}

/* 领导包案: the leader holds the leader role; answers come from the handler or a leader. */
static void test_r_pet_10_leader_in_charge_and_who_answers(void **state)
{
    struct harness *h = *state;
    int64_t id = intake(h, sample(NULL));
    h_must(h, &petition_workflow, "clerk", id, "accept", NULL);
    struct err e = {0};
    struct wf_args s = {0};
    wf_arg_set(&s, "leader", "officer");
    wf_arg_set(&s, "handler", "viewer");
    assert_int_equal(h_step(h, &petition_workflow, "leader", id, "assign", &s, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "leader"));
    assert_non_null(err_field_msg(&e, "handler"));
    err_clear(&e);
    assert_int_equal(h_step(h, &petition_workflow, "officer", id, "assign", &s, &e), ERR_FORBIDDEN);
    err_clear(&e);
    wf_arg_set(&s, "leader", "leader");
    wf_arg_set(&s, "handler", "officer");
    h_must(h, &petition_workflow, "clerk", id, "assign", &s);
    struct wf_args a = {0};
    assert_int_equal(h_step(h, &petition_workflow, "officer", id, "answer", &a, &e),
                     ERR_INVALID); /* no answer */
    assert_non_null(err_field_msg(&e, "answer"));
    err_clear(&e);
    answer(h, id, "answer", NULL);
    h_must(h, &petition_workflow, "clerk", id, "close", NULL);
    struct wf_args r = {0};
    wf_arg_set(&r, "satisfaction", "satisfied");
    h_must(h, &petition_workflow, "clerk", id, "rate", &r);
    assert_int_equal(h_step(h, &petition_workflow, "clerk", id, "rate", &r, &e), ERR_CONFLICT);
}

/* Sealed at rest, never in the audit trail, shown to who registered, decided, leads or handles;
 * only an online petition may be anonymous. */
static void test_r_pet_07_petitioner_is_sealed_and_shown_to_few(void **state)
{
    struct harness *h = *state;
    int64_t id = intake(h, sample(NULL));
    assert_false(h_mentions(h, "petition", "petitioner", "赵六"));
    assert_false(h_mentions(h, "audit_log", "summary", "赵六"));
    struct err e = {0};
    struct actor who;
    struct ctx clerk = h_ctx(h, "clerk", &who);
    json_t *o = petition_get(&clerk, id, &e);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "petitioner"), "name")), "赵六");
    json_decref(o);
    struct ctx viewer = h_ctx(h, "viewer", &who);
    o = petition_get(&viewer, id, &e);
    assert_non_null(o);
    assert_null(json_object_get(o, "petitioner"));
    assert_true(json_is_true(json_object_get(o, "petitioner_hidden")));
    json_decref(o);
    struct petition_input anon = sample(NULL);
    anon.anonymous = true;
    int64_t x;
    assert_int_equal(petition_add(&clerk, &anon, &x, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "anonymous"));
    err_clear(&e);
    anon.form = "online";
    if (petition_add(&clerk, &anon, &x, &e)) fail_msg("anonymous online: %s", e.msg);
    /* the neighbouring county's administrator does not see it at all; the city above does */
    struct ctx other = h_ctx(h, "other", &who);
    assert_null(petition_get(&other, id, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    struct ctx city = h_ctx(h, "city", &who);
    o = petition_get(&city, id, &e);
    assert_non_null(o);
    assert_null(json_object_get(o, "petitioner")); /* nor who petitioned, from above */
    json_decref(o);
}

/* A complaint in substance becomes a complaint: the petition closes, each names the other. */
static void test_r_pet_08_conversion_into_a_complaint(void **state)
{
    struct harness *h = *state;
    int64_t id = intake(h, sample(NULL));
    /* the line and the matter are codes of the catalogue, named in the message */
    struct wf_args bad = {0};
    wf_arg_set(&bad, "line", "hospital");
    wf_arg_set(&bad, "matter", "medical_practice");
    wf_arg_set(&bad, "party_name", "某民营医院");
    struct err eb = {0};
    assert_int_equal(h_step(h, &petition_workflow, "clerk", id, "convert", &bad, &eb), ERR_INVALID);
    assert_string_equal(eb.fields[0].name, "line");
    assert_string_equal(eb.fields[0].msg, "请从列表中选择专业类别");
    assert_int_equal(eb.nfields, 1);
    struct wf_args a = {0};
    wf_arg_set(&a, "line", "medical");
    wf_arg_set(&a, "matter", "medical_practice");
    wf_arg_set(&a, "party_name", "某民营医院");
    h_must(h, &petition_workflow, "clerk", id, "convert", &a);
    assert_string_equal(h_text(h, "SELECT state FROM petition WHERE id = ?", "i", id), "converted");
    int64_t cid = atoll(h_text(h, "SELECT complaint_id FROM petition WHERE id = ?", "i", id));
    assert_true(cid > 0);
    assert_int_equal(atoll(h_text(h, "SELECT petition_id FROM complaint WHERE id = ?", "i", cid)),
                     id);
    assert_string_equal(h_text(h, "SELECT channel FROM complaint WHERE id = ?", "i", cid), "visit");
    struct err e = {0};
    struct actor who;
    struct ctx clerk = h_ctx(h, "clerk", &who);
    json_t *o = complaint_get(&clerk, cid, &e);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "complainant"), "name")), "赵六");
    assert_int_equal(json_integer_value(json_object_get(o, "petition_id")), id); /* shown */
    json_decref(o);
    assert_false(h_mentions(h, "audit_log", "summary", "赵六"));
}

/* The figures of a period: by form and content, the rates. */
static void test_r_pet_09_figures_of_a_period(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-01T09:00:00+08:00");
    int64_t a = intake(h, sample("2026-11-02"));
    struct petition_input p = sample("2026-11-03");
    p.form = "phone";
    p.content = "epidemic";
    p.people = "6";
    int64_t b = intake(h, p);
    intake(h, sample("2025-11-03")); /* outside the period */
    struct wf_args d = {.date = "2026-11-05"};
    h_must(h, &petition_workflow, "clerk", a, "accept", &d);
    struct wf_args late = {.date = "2026-11-25"}; /* 11-03 + 15 = 11-18: late */
    h_must(h, &petition_workflow, "clerk", b, "accept", &late);
    struct err e = {0};
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = petition_stats(&c, "2026-01-01", "2026-12-31", &e);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 2);
    assert_int_equal(json_integer_value(json_object_get(o, "group")), 1);
    json_t *by = json_object_get(o, "by_form");
    assert_int_equal(json_array_size(by), 2);
    json_t *rates = json_object_get(o, "rates");
    assert_int_equal(json_integer_value(json_object_get(rates, "decided")), 2);
    assert_int_equal(json_integer_value(json_object_get(rates, "decided_on_time")), 1);
    assert_string_equal(json_string_value(json_object_get(rates, "decide_on_time_rate")), "50.00%");
    json_decref(o);
    struct petition_query q = {.on_time = "decide_late", .from = "2026-01-01", .to = "2026-12-31"};
    json_t *list = petition_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
}

/* The regulation leaves the kind of day unsaid: an administrator may count working days, and set
 * the 复查 and 复核 periods; a value outside 0/1 is refused. 11-02 + 15 working days = 11-23;
 * 11-12 + 20 working days = 12-10. */
static void test_r_pet_01_r_pet_04_working_days_and_periods_set(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    struct actor who;
    struct err e = {0}, e2 = {0};
    struct ctx admin = h_ctx(h, "province", &who);
    assert_int_equal(setting_set(&admin, "petition.working_days", "2", &e2), ERR_INVALID);
    if (setting_set(&admin, "petition.working_days", "1", &e)) fail_msg("set: %s", e.msg);
    if (setting_set(&admin, "petition.review_days", "20", &e)) fail_msg("set: %s", e.msg);
    int64_t id = intake(h, sample("2026-11-02"));
    assert_string_equal(h_due(h, "petition", id, "decide"), "2026-11-23");
    accept_assign(h, id, "2026-11-03");
    answer(h, id, "answer", "2026-11-10");
    if (request(h, id, "request_review", "2026-11-12", &e)) fail_msg("review: %s", e.msg);
    assert_string_equal(h_due(h, "petition", id, "review"), "2026-12-10");
}

/* A matter another body sent is objected to within 5 working days of receipt: 09-28 + 5 working
 * days over National Day is 10-10 (a working Saturday); once; upheld it goes back, rejected it
 * is handled; a petitioner's own petition cannot be objected to. */
static void test_r_pet_11_objection_to_a_matter_sent(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    struct petition_input in = sample("2026-09-28");
    in.sent_by = "常州市信访局";
    int64_t id = intake(h, in);
    struct err e = {0};
    struct wf_args late = {.date = "2026-10-12", .note = "属于医疗保障部门职责"};
    assert_int_equal(h_step(h, &petition_workflow, "clerk", id, "object", &late, &e), ERR_INVALID);
    assert_string_equal(e.fields[0].name, "date");
    assert_non_null(strstr(e.fields[0].msg, "第二十三条"));
    assert_non_null(strstr(e.fields[0].msg, "2026-10-10"));
    struct wf_args ok = {.date = "2026-10-10", .note = "属于医疗保障部门职责"};
    h_must(h, &petition_workflow, "clerk", id, "object", &ok);
    struct wf_args no = {.date = "2026-10-13", .note = "仍由你局办理"};
    h_must(h, &petition_workflow, "clerk", id, "object_rejected", &no);
    assert_string_equal(h_text(h, "SELECT state FROM petition WHERE id = ?", "i", id),
                        "registered");
    struct err e2 = {0};
    assert_int_equal(h_step(h, &petition_workflow, "clerk", id, "object", &ok, &e2), ERR_INVALID);
    /* upheld: returned, the 受理告知期限 met */
    int64_t back = intake(h, in);
    h_must(h, &petition_workflow, "clerk", back, "object", &ok);
    struct wf_args yes = {.date = "2026-10-14"};
    h_must(h, &petition_workflow, "leader", back, "object_upheld", &yes);
    assert_string_equal(h_text(h, "SELECT state FROM petition WHERE id = ?", "i", back),
                        "returned");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'petition' AND object_id = ?"
                         " AND name = 'decide' AND outcome = 'met'",
                         "i", back));
    /* from the petitioner: no objection */
    int64_t own = intake(h, sample("2026-09-28"));
    struct err e3 = {0};
    assert_int_equal(h_step(h, &petition_workflow, "clerk", own, "object", &ok, &e3), ERR_INVALID);
    assert_non_null(strstr(e3.msg, "第二十三条"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_pet_01_r_pet_02_deadlines_from_receipt_and_acceptance),
        T(test_r_pet_03_extension_once_at_most_30_days),
        T(test_r_pet_04_r_pet_05_r_pet_06_review_recheck_and_no_reacceptance),
        T(test_r_pet_10_leader_in_charge_and_who_answers),
        T(test_r_pet_07_petitioner_is_sealed_and_shown_to_few),
        T(test_r_pet_08_conversion_into_a_complaint),
        T(test_r_pet_09_figures_of_a_period),
        T(test_r_pet_01_r_pet_04_working_days_and_periods_set),
        T(test_r_pet_11_objection_to_a_matter_sent),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
