/* test_complaint.c — complaints and reports (投诉举报): intake, the sealed complainant and who
 * sees it, every step of the workflow and its refusals, the deadlines on the calendar and their
 * settings, merging, the public's tracking and rating, and the public rate limit. */
#include "support.h"
#include "base/crypto.h"
#include "law/auth.h"
#include "law/complaint.h"
#include "law/entity.h"
#include "law/officer.h"
#include "law/role.h"
#include "law/setting.h"

#include <stdlib.h>
#include <string.h>

static struct {
    int64_t clinic; /* an entity of 320412 */
    int64_t o1, o2; /* officers of 320412: o1 is the "officer" account's, o2 "officer2"'s */
} F;

static const char *day(int n)
{
    static char ring[8][DATE_STRLEN];
    static int k;
    char *s = ring[k++ % 8];
    date_format(date_from_instant(h_clock()) + n, s);
    return s;
}

static int64_t add_officer(struct harness *h, int n)
{
    struct err e = {0};
    char idno[19], cert[24], name[24];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "ZF-%04d", n);
    snprintf(name, sizeof name, "执法人员%d", n);
    struct officer_input in = {.agency_code = "320412",
                               .name = name,
                               .id_number = idno,
                               .cert_no = cert,
                               .cert_issued = day(-60),
                               .cert_expires = day(900),
                               .lines = "medical"};
    int64_t id;
    if (officer_add(&h->ctx, &in, &id, &e)) fail_msg("officer_add: %s", e.msg);
    return id;
}

static int setup(void **state)
{
    if (harness_setup(state)) return -1;
    struct harness *h = *state;
    struct err e = {0};
    char uscc[19];
    h_uscc(1, uscc);
    struct entity_input en = {.agency_code = "320412",
                              .name = "康宁诊所",
                              .uscc = uscc,
                              .legal_rep = "王五",
                              .address = "常州市武进区湖塘镇府前路1号",
                              .subtype = "clinic"};
    if (entity_add(&h->ctx, &en, &F.clinic, &e)) fail_msg("entity_add: %s", e.msg);
    F.o1 = add_officer(h, 1);
    F.o2 = add_officer(h, 2);
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'",
                        "i", F.o1) >= 0);
    struct user_input u = {.username = "officer2",
                           .display_name = "officer2",
                           .password = "landun2026x",
                           .agency_code = "320412",
                           .roles = 1u << ROLE_OFFICER,
                           .officer_id = F.o2};
    int64_t uid;
    if (user_add(&h->ctx, &u, &uid, &e)) fail_msg("user_add: %s", e.msg);
    return 0;
}

static struct complaint_input sample(const char *received)
{
    return (struct complaint_input){.channel = "phone",
                                    .received_on = received,
                                    .line = "medical",
                                    .matter = "unlicensed_practice",
                                    .summary = "某小区有人无证开展静脉输液",
                                    .party_name = "无名诊所",
                                    .party_address = "湖塘镇花园路8号",
                                    .name = "李四",
                                    .phone = "13900001111",
                                    .address = "湖塘镇花园路10号"};
}

/* Take sample in as the clerk; its id. */
static int64_t intake(struct harness *h, struct complaint_input in)
{
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    const char *code;
    if (complaint_add(&c, &in, &id, &code, &e)) fail_msg("complaint_add: %s", e.msg);
    return id;
}

/* Receipt, 受理 and answer: the two periods and their ends. */
static void test_r_cmp_01_r_cmp_02_deadlines_from_receipt_and_acceptance(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-10-20T09:00:00+08:00");
    /* 2026-09-20 + 15 days is 10-05, inside the National Day holidays (10/1–10/7): the period
     * ends on the next working day (民法典 第二百零三条) */
    int64_t id = intake(h, sample("2026-09-20"));
    assert_string_equal(h_due(h, "complaint", id, "decide"), "2026-10-08");
    struct wf_args a = {.date = "2026-09-25"};
    h_must(h, &complaint_workflow, "leader", id, "accept", &a);
    assert_string_equal(h_due(h, "complaint", id, "handle"), "2026-11-24"); /* 60 days from 09-25 */
    assert_int_equal(h_exists(h->db,
                              "SELECT 1 FROM wf_deadline WHERE object_id = ? AND name = 'decide'"
                              " AND outcome = 'met' AND ended_on = '2026-09-25'",
                              "i", id),
                     true);
}

/* Across 春节 of a year whose notice is not loaded: 2027-01-29 + 15 days is Saturday 02-13; the
 * period ends on Monday 02-15 (the provisional 2027 keeps 02-05…02-10 off, not 02-15), and the
 * deadline is marked provisional. */
static void test_r_cmp_01_decide_deadline_across_spring_festival_provisional(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2027-01-30T09:00:00+08:00");
    int64_t id = intake(h, sample("2027-01-29"));
    assert_string_equal(h_due(h, "complaint", id, "decide"), "2027-02-15");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'complaint' AND object_id = ?"
                         " AND provisional = 1",
                         "i", id));
}

/* A changed period applies to deadlines opened from then on. */
static void test_r_cmp_07_setting_changes_new_deadlines_only(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-06-30T09:00:00+08:00");
    int64_t before = intake(h, sample("2026-06-01"));
    struct err e = {0};
    struct actor who;
    struct ctx admin = h_ctx(h, "province", &who); /* the top agency's administrator */
    assert_int_equal(setting_set(&admin, "complaint.decide_days", "0", &e), ERR_INVALID);
    err_clear(&e);
    if (setting_set(&admin, "complaint.decide_days", "7", &e)) fail_msg("set: %s", e.msg);
    int64_t after = intake(h, sample("2026-06-01"));
    assert_string_equal(h_due(h, "complaint", before, "decide"), "2026-06-16");
    assert_string_equal(h_due(h, "complaint", after, "decide"), "2026-06-08");
    /* a county's or a city's administrator may not change them */
    struct ctx other = h_ctx(h, "city", &who);
    assert_int_equal(setting_set(&other, "complaint.decide_days", "9", &e), ERR_FORBIDDEN);
}

/* The officer complained about neither handles nor sees it. */
static void test_r_cmp_03_complaint_about_an_officer_is_routed_away(void **state)
{
    struct harness *h = *state;
    struct complaint_input in = sample(NULL);
    in.matter = "officer_conduct";
    in.officer_cert = "ZF-0001";
    int64_t id = intake(h, in);
    struct err e = {0};
    h_must(h, &complaint_workflow, "leader", id, "accept", NULL);
    struct wf_args a = {0};
    wf_arg_set(&a, "handler", "officer");
    assert_int_equal(h_step(h, &complaint_workflow, "leader", id, "assign", &a, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "handler"), "回避"));
    err_clear(&e);
    wf_arg_set(&a, "handler", "clerk"); /* not an officer */
    assert_int_equal(h_step(h, &complaint_workflow, "leader", id, "assign", &a, &e), ERR_INVALID);
    err_clear(&e);
    wf_arg_set(&a, "handler", "officer2");
    h_must(h, &complaint_workflow, "leader", id, "assign", &a);
    struct actor who;
    struct ctx subject = h_ctx(h, "officer", &who);
    assert_null(complaint_get(&subject, id, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    struct complaint_query q = {.page = 1, .per_page = 50};
    json_t *list = complaint_list(&subject, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 0);
    json_decref(list);
}

/* A city's complaint handed to a county's officer: theirs to see and handle. */
static void test_r_cmp_03_a_city_complaint_handled_by_a_county_officer(void **state)
{
    struct harness *h = *state;
    struct complaint_input in = sample(NULL);
    in.agency_code = "320400";
    struct actor who;
    struct ctx city = h->ctx; /* the city's staff, as the system acts for them */
    struct err e = {0};
    int64_t id;
    const char *code;
    if (complaint_add(&city, &in, &id, &code, &e)) fail_msg("add: %s", e.msg);
    assert_int_equal(
        wf_take(&city, &complaint_workflow, id, "accept", &(struct wf_args){0}, NULL, &e), 0);
    struct wf_args a = {0};
    wf_arg_set(&a, "handler", "officer");
    if (wf_take(&city, &complaint_workflow, id, "assign", &a, NULL, &e))
        fail_msg("assign: %s", e.msg);
    struct ctx officer = h_ctx(h, "officer", &who);
    json_t *o = complaint_get(&officer, id, &e);
    if (!o) fail_msg("get: %s", e.msg);
    assert_non_null(json_object_get(o, "complainant")); /* its handler sees who complained */
    json_decref(o);
    struct complaint_query q = {.mine = true, .page = 1, .per_page = 50};
    json_t *list = complaint_list(&officer, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    struct wf_args v = {.note = "已核实"};
    wf_arg_set(&v, "result", "unsubstantiated");
    if (wf_take(&officer, &complaint_workflow, id, "verify", &v, NULL, &e))
        fail_msg("verify: %s", e.msg);
    struct ctx other = h_ctx(h, "officer2", &who); /* a colleague, not its handler */
    assert_null(complaint_get(&other, id, &e));
}

/* Accept, assign, verify (with its inspection checked), reply (a document), close, rate. */
static void test_r_cmp_04_r_cmp_05_the_whole_way_and_who_takes_each_step(void **state)
{
    struct harness *h = *state;
    struct complaint_input in = sample(NULL);
    in.entity_id = NULL;
    int64_t id = intake(h, in);
    struct err e = {0};
    assert_int_equal(h_step(h, &complaint_workflow, "officer", id, "accept", NULL, &e),
                     ERR_FORBIDDEN);
    err_clear(&e);
    h_must(h, &complaint_workflow, "clerk", id, "accept", NULL);
    struct wf_args a = {0};
    wf_arg_set(&a, "handler", "officer");
    h_must(h, &complaint_workflow, "leader", id, "assign", &a);
    struct wf_args v = {.note = "现场核实，确有无证输液"};
    wf_arg_set(&v, "result", "substantiated");
    wf_arg_set(&v, "measures", "case,bogus");
    assert_int_equal(h_step(h, &complaint_workflow, "officer", id, "verify", &v, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "measures"));
    err_clear(&e);
    wf_arg_set(&v, "measures", "case");
    wf_arg_set(&v, "inspection_id", "999999");
    assert_int_equal(h_step(h, &complaint_workflow, "officer", id, "verify", &v, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "inspection_id"));
    err_clear(&e);
    wf_arg_set(&v, "inspection_id", "");
    assert_int_equal(h_step(h, &complaint_workflow, "officer2", id, "verify", &v, &e),
                     ERR_FORBIDDEN); /* not its handler */
    err_clear(&e);
    h_must(h, &complaint_workflow, "officer", id, "verify", &v);
    struct wf_args r = {0};
    wf_arg_set(&r, "reply", "经核查，反映情况属实，已立案查处。");
    h_must(h, &complaint_workflow, "officer", id, "reply", &r);
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document WHERE object_type = 'complaint' AND object_id = ?"
                         " AND type = 'complaint_reply'",
                         "i", id));
    h_must(h, &complaint_workflow, "leader", id, "close", NULL);
    assert_string_equal(h_text(h, "SELECT state FROM complaint WHERE id = ?", "i", id), "closed");
    const char *tracking = h_text(h, "SELECT tracking_code FROM complaint WHERE id = ?", "i", id);
    struct actor nobody;
    struct ctx pub = h_public_ctx(h, &nobody);
    json_t *t = complaint_track(&pub, tracking, &e);
    assert_non_null(t);
    assert_string_equal(json_string_value(json_object_get(t, "reply")),
                        "经核查，反映情况属实，已立案查处。");
    assert_true(json_is_true(json_object_get(t, "may_rate")));
    assert_null(json_object_get(t, "complainant"));
    json_decref(t);
    assert_int_equal(complaint_rate_public(&pub, tracking, "great", &e), ERR_INVALID);
    err_clear(&e);
    if (complaint_rate_public(&pub, tracking, "satisfied", &e)) fail_msg("rate: %s", e.msg);
    assert_int_equal(complaint_rate_public(&pub, tracking, "dissatisfied", &e), ERR_CONFLICT);
    assert_string_equal(h_text(h, "SELECT satisfaction FROM complaint WHERE id = ?", "i", id),
                        "satisfied");
}

/* Sealed at rest; shown to who took it in, decided or handles it, to no one else, never in the
 * audit trail; with another key it cannot be read and the page says so. */
static void test_r_cmp_06_complainant_is_sealed_and_shown_to_few(void **state)
{
    struct harness *h = *state;
    int64_t id = intake(h, sample(NULL));
    assert_false(h_mentions(h, "complaint", "complainant", "李四"));
    assert_false(h_mentions(h, "complaint", "complainant", "13900001111"));
    assert_false(h_mentions(h, "audit_log", "summary", "李四"));
    struct err e = {0};
    struct actor who;
    const char *seers[] = {"clerk"}, *others[] = {"viewer", "leader", "officer", "admin"};
    for (size_t i = 0; i < countof(seers); i++) {
        struct ctx c = h_ctx(h, seers[i], &who);
        json_t *o = complaint_get(&c, id, &e);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(o, "complainant"), "name")), "李四");
        json_decref(o);
    }
    for (size_t i = 0; i < countof(others); i++) {
        struct ctx c = h_ctx(h, others[i], &who);
        json_t *o = complaint_get(&c, id, &e);
        assert_non_null(o);
        assert_null(json_object_get(o, "complainant"));
        assert_true(json_is_true(json_object_get(o, "complainant_hidden")));
        json_decref(o);
    }
    /* the leader who accepts it, and the handler assigned, see it from then on */
    h_must(h, &complaint_workflow, "leader", id, "accept", NULL);
    struct wf_args a = {0};
    wf_arg_set(&a, "handler", "officer");
    h_must(h, &complaint_workflow, "leader", id, "assign", &a);
    const char *now[] = {"leader", "officer"};
    for (size_t i = 0; i < countof(now); i++) {
        struct ctx c = h_ctx(h, now[i], &who);
        json_t *o = complaint_get(&c, id, &e);
        assert_non_null(json_object_get(o, "complainant"));
        json_decref(o);
    }
    /* under another key: not shown, and said */
    static const unsigned char other_key[SEAL_KEY_BYTES] = "another-key-another-key-another";
    seal_set_key(other_key);
    struct ctx c = h_ctx(h, "clerk", &who);
    json_t *o = complaint_get(&c, id, &e);
    h_seal_test_key();
    assert_null(json_object_get(o, "complainant"));
    assert_non_null(json_object_get(o, "complainant_error"));
    json_decref(o);
}

/* What intake refuses, field by field; an anonymous complaint needs no name. */
static void test_complaint_intake_checks_every_field(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    struct err e = {0};
    int64_t id;
    const char *code;
    struct complaint_input bad = {.channel = "pigeon", .summary = ""};
    assert_int_equal(complaint_add(&c, &bad, &id, &code, &e), ERR_INVALID);
    const char *fields[] = {"channel", "line", "matter", "summary", "party_name", "name", "phone"};
    for (size_t i = 0; i < countof(fields); i++)
        if (!err_field_msg(&e, fields[i])) fail_msg("no message for %s", fields[i]);
    err_clear(&e);
    struct complaint_input anon = sample(NULL);
    anon.anonymous = true;
    anon.name = anon.phone = NULL;
    if (complaint_add(&c, &anon, &id, &code, &e)) fail_msg("anonymous: %s", e.msg);
    assert_string_equal(h_text(h,
                               "SELECT COALESCE(complainant, 'none') FROM complaint"
                               " WHERE id = ?",
                               "i", id),
                        "none");
    assert_int_equal((int)strlen(code), 10);
    /* a 12345 work order is taken in once */
    struct complaint_input hot = sample(NULL);
    hot.channel = "hotline";
    hot.external_no = "GD20260001";
    if (complaint_add(&c, &hot, &id, &code, &e)) fail_msg("hotline: %s", e.msg);
    assert_int_equal(complaint_add(&c, &hot, &id, &code, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "external_no"));
    err_clear(&e);
    struct complaint_input late = sample("2099-01-01");
    assert_int_equal(complaint_add(&c, &late, &id, &code, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "received_on"));
}

/* Refusing needs a reason; a final state takes no further step. */
static void test_complaint_refuse_transfer_and_final_states(void **state)
{
    struct harness *h = *state;
    int64_t id = intake(h, sample(NULL));
    struct err e = {0};
    assert_int_equal(h_step(h, &complaint_workflow, "clerk", id, "refuse", NULL, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "reason"));
    err_clear(&e);
    struct wf_args a = {.reason = "not_ours"};
    h_must(h, &complaint_workflow, "clerk", id, "refuse", &a);
    assert_int_equal(h_step(h, &complaint_workflow, "clerk", id, "accept", NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "不予受理"));
    err_clear(&e);
    int64_t other = intake(h, sample(NULL));
    assert_int_equal(h_step(h, &complaint_workflow, "clerk", other, "transfer", NULL, &e),
                     ERR_INVALID);
    err_clear(&e);
    struct wf_args t = {.reason = "常州市市场监督管理局"};
    h_must(h, &complaint_workflow, "clerk", other, "transfer", &t);
    assert_false(h_exists(h->db,
                          "SELECT 1 FROM wf_deadline WHERE kind = 'complaint' AND object_id = ?"
                          " AND ended_on IS NULL",
                          "i", other));
}

/* The same party within 30 days is flagged; a merged complaint is answered with the other. */
static void test_complaint_duplicates_are_flagged_and_merged(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-06-30T09:00:00+08:00");
    int64_t first = intake(h, sample("2026-06-01"));
    int64_t second = intake(h, sample("2026-06-20"));
    int64_t far = intake(h, sample("2026-03-01"));
    struct err e = {0};
    struct actor who;
    struct ctx c = h_ctx(h, "clerk", &who);
    json_t *o = complaint_get(&c, second, &e);
    json_t *dups = json_object_get(o, "duplicates");
    assert_int_equal(json_array_size(dups), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(dups, 0), "id")), first);
    json_decref(o);
    (void)far;
    struct wf_args m = {0};
    wf_arg_set(&m, "into", "999999");
    assert_int_equal(h_step(h, &complaint_workflow, "clerk", second, "merge", &m, &e), ERR_INVALID);
    err_clear(&e);
    char into[24];
    snprintf(into, sizeof into, "%lld", (long long)first);
    wf_arg_set(&m, "into", into);
    h_must(h, &complaint_workflow, "clerk", second, "merge", &m);
    h_must(h, &complaint_workflow, "clerk", first, "accept", NULL);
    struct wf_args a = {0};
    wf_arg_set(&a, "handler", "officer");
    h_must(h, &complaint_workflow, "leader", first, "assign", &a);
    struct wf_args v = {.note = "已核实"};
    wf_arg_set(&v, "result", "partly");
    h_must(h, &complaint_workflow, "officer", first, "verify", &v);
    struct wf_args r = {0};
    wf_arg_set(&r, "reply", "已责令整改。");
    h_must(h, &complaint_workflow, "officer", first, "reply", &r);
    const char *code = h_text(h, "SELECT tracking_code FROM complaint WHERE id = ?", "i", second);
    struct actor nobody;
    struct ctx pub = h_public_ctx(h, &nobody);
    json_t *t = complaint_track(&pub, code, &e);
    assert_string_equal(json_string_value(json_object_get(t, "reply")), "已责令整改。");
    json_decref(t);
}

/* The public site takes a few complaints a day from one address. */
static void test_complaint_public_quota_per_address(void **state)
{
    struct harness *h = *state;
    struct actor nobody;
    struct ctx pub = h_public_ctx(h, &nobody);
    struct err e = {0};
    for (int i = 0; i < COMPLAINT_PUBLIC_PER_DAY; i++)
        assert_int_equal(complaint_public_quota(&pub, "203.0.113.7", &e), 1);
    assert_int_equal(complaint_public_quota(&pub, "203.0.113.7", &e), 0);
    assert_int_equal(complaint_public_quota(&pub, "203.0.113.8", &e), 1);
    pub.now += 86401; /* a day later */
    assert_int_equal(complaint_public_quota(&pub, "203.0.113.7", &e), 1);
}

/* Close complaint id the whole way as the handler "officer", rating it satisfaction. */
static void close_it(struct harness *h, int64_t id, const char *satisfaction)
{
    struct wf_args a = {0}, v = {.note = "已核实"}, r = {0}, s = {0};
    wf_arg_set(&a, "handler", "officer");
    wf_arg_set(&v, "result", "substantiated");
    wf_arg_set(&r, "reply", "已处理");
    wf_arg_set(&s, "satisfaction", satisfaction);
    h_must(h, &complaint_workflow, "leader", id, "accept", NULL);
    h_must(h, &complaint_workflow, "leader", id, "assign", &a);
    h_must(h, &complaint_workflow, "officer", id, "verify", &v);
    h_must(h, &complaint_workflow, "officer", id, "reply", &r);
    h_must(h, &complaint_workflow, "leader", id, "close", NULL);
    h_must(h, &complaint_workflow, "clerk", id, "rate", &s);
}

static int64_t count_of(json_t *by, const char *code)
{
    size_t i;
    json_t *o;
    json_array_foreach(by, i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "code")), code) == 0)
            return json_integer_value(json_object_get(o, "count"));
    }
    return 0;
}

/* The figures of a period: counts by channel and line, and the four rates. */
static void test_r_cmp_09_figures_of_a_period(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    struct complaint_input a = sample("2026-11-02"), b = sample("2026-11-03");
    struct complaint_input pool = sample("2026-11-04"), old = sample("2025-12-30");
    pool.line = "public_place";
    pool.matter = "public_place";
    pool.channel = "online";
    int64_t ia = intake(h, a), ib = intake(h, b);
    intake(h, b);
    intake(h, pool);
    intake(h, old); /* outside the period */
    close_it(h, ia, "satisfied");
    struct err e = {0};
    h_must(h, &complaint_workflow, "leader", ib, "accept", NULL);
    struct actor who;
    struct ctx c = h_ctx(h, "leader", &who);
    struct complaint_period p = {.from = "2026-01-01", .to = "2026-12-31"};
    json_t *o = complaint_stats(&c, &p, &e);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 4);
    assert_int_equal(count_of(json_object_get(o, "by_line"), "medical"), 3);
    assert_int_equal(count_of(json_object_get(o, "by_line"), "public_place"), 1);
    assert_int_equal(count_of(json_object_get(o, "by_channel"), "phone"), 3);
    assert_int_equal(count_of(json_object_get(o, "by_channel"), "online"), 1);
    assert_int_equal(count_of(json_object_get(o, "by_result"), "substantiated"), 1);
    json_t *r = json_object_get(o, "rates");
    assert_string_equal(json_string_value(json_object_get(r, "closure_rate")), "50.00%");
    assert_string_equal(json_string_value(json_object_get(r, "satisfaction_rate")), "100.00%");
    /* both decisions fell after 11-17, the 15th day: late */
    assert_string_equal(json_string_value(json_object_get(r, "decide_on_time_rate")), "0.00%");
    assert_string_equal(json_string_value(json_object_get(r, "handle_on_time_rate")), "100.00%");
    json_decref(o);
    /* the list behind a figure holds as many */
    struct complaint_query q = {
        .from = "2026-01-01", .to = "2026-12-31", .line = "medical", .page = 1, .per_page = 50};
    json_t *list = complaint_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 3);
    json_decref(list);
    struct complaint_period bad = {.from = "2026-12-31", .to = "2026-01-01"};
    assert_null(complaint_stats(&c, &bad, &e));
    assert_non_null(err_field_msg(&e, "to"));
}

/* The months counted from the kept counts give what counting the complaints gives: whole months
 * (only the counts), a period of days (only the complaints), and one of both. */
static void test_r_cmp_10_kept_counts_agree_with_the_complaints(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    struct complaint_input oct = sample("2026-10-31"), nov = sample("2026-11-02");
    int64_t a = intake(h, oct), b = intake(h, nov);
    intake(h, nov);
    nov.line = "water";
    intake(h, nov);
    close_it(h, a, "fairly");
    close_it(h, b, "dissatisfied");
    struct err e = {0};
    struct actor who;
    struct ctx c = h_ctx(h, "leader", &who);
    static const char *const periods[][2] = {
        {"2026-10-01", "2026-11-30"}, /* whole months */
        {"2026-09-15", "2026-12-15"}, /* months and days */
        {"2026-10-31", "2026-11-29"}, /* days */
    };
    char *first = NULL;
    for (size_t i = 0; i < countof(periods); i++) {
        struct complaint_period p = {.from = periods[i][0], .to = periods[i][1]};
        json_t *o = complaint_stats(&c, &p, &e);
        if (!o) fail_msg("stats: %s", e.msg);
        assert_int_equal(json_integer_value(json_object_get(o, "total")), 4);
        json_object_del(o, "from");
        json_object_del(o, "to");
        char *text = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
        json_decref(o);
        if (!first)
            first = text;
        else {
            if (strcmp(first, text) != 0)
                fail_msg("period %zu: %s\n  differs from\n%s", i, strstr(text, "\"by_result"),
                         strstr(first, "\"by_result"));
            free(text);
        }
    }
    assert_non_null(strstr(first, "\"satisfaction_rate\":\"50.00%\""));
    free(first);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_cmp_01_r_cmp_02_deadlines_from_receipt_and_acceptance),
        T(test_r_cmp_07_setting_changes_new_deadlines_only),
        T(test_r_cmp_01_decide_deadline_across_spring_festival_provisional),
        T(test_r_cmp_03_complaint_about_an_officer_is_routed_away),
        T(test_r_cmp_03_a_city_complaint_handled_by_a_county_officer),
        T(test_r_cmp_04_r_cmp_05_the_whole_way_and_who_takes_each_step),
        T(test_r_cmp_06_complainant_is_sealed_and_shown_to_few),
        T(test_complaint_intake_checks_every_field),
        T(test_complaint_refuse_transfer_and_final_states),
        T(test_complaint_duplicates_are_flagged_and_merged),
        T(test_complaint_public_quota_per_address),
        T(test_r_cmp_09_figures_of_a_period),
        T(test_r_cmp_10_kept_counts_agree_with_the_complaints),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
