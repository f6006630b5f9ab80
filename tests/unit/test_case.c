/* test_case.c — penalty cases from 受理 to 立案: registration from a source, the 立案期限 and
 * the 90 days of 第六十条 on the calendar, the limitation of 第三十六条 (2 and 5 years, a leap
 * day), two investigators who may enforce and are not on the party's 回避 list (第四十二条、
 * 第四十三条), approval apart from the proposer and the investigators, the case number per agency,
 * line and year, and the source linked both ways. */
#include "support.h"
#include "case_fixture.h"
#include "law/auth.h"
#include "law/case.h"
#include "law/complaint.h"
#include "law/discretion.h"
#include "law/power.h"
#include "law/entity.h"
#include "law/officer.h"
#include "law/role.h"

#include <stdio.h>
#include <string.h>

/* 立案期限: 09-28 + 7 days is 10-05, a holiday: it ends on 10-08; 90 days from 立案 on 10-08 is
 * 2027-01-06. */
static void test_r_case_01_r_case_07_deadlines(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_intake(h, cf_sample("2026-09-28", "2026-09-20"));
    assert_string_equal(h_due(h, "case", id, "file"), "2026-10-08");
    struct err e = {0};
    if (cf_propose(h, id, cf_team(CF.o1, CF.o2), "2026-09-29", &e))
        fail_msg("propose: %s", e.nfields ? e.fields[0].msg : e.msg);
    struct wf_args a = {.date = "2026-10-08"};
    h_must(h, &case_workflow, "leader", id, "approve", &a);
    assert_string_equal(h_due(h, "case", id, "decide"), "2027-01-06");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'file' AND outcome = 'met'",
                         "i", id));
    assert_string_equal(h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", id), "filed");
    /* the 立案报告 is kept as its PDF with its SHA-256 */
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document d JOIN document_file f ON f.document_id = d.id"
                         " WHERE d.object_type = 'case' AND d.object_id = ?"
                         " AND d.type = 'filing_report' AND length(f.sha256) = 64",
                         "i", id));
}

/* Discovered 2 years and a day after the act: not filed; with harm to life and health, 5 years.
 * An act on a leap day runs to 28 February. */
static void test_r_case_02_limitation(void **state)
{
    struct harness *h = *state;
    char last[11];
    assert_int_equal(case_limit_day("2024-02-29", false, last), 0);
    assert_string_equal(last, "2026-02-28");
    assert_int_equal(case_limit_day("2024-02-29", true, last), 0);
    assert_string_equal(last, "2029-02-28");
    struct case_input in = cf_sample("2026-06-02", "2024-06-01");
    int64_t id = cf_intake(h, in);
    struct err e = {0};
    assert_int_equal(cf_propose(h, id, cf_team(CF.o1, CF.o2), "2026-06-03", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第三十六条"));
    assert_non_null(strstr(e.msg, "2026-06-01"));
    in.harm = true;
    int64_t harm = cf_intake(h, in);
    struct err e2 = {0};
    if (cf_propose(h, harm, cf_team(CF.o1, CF.o2), "2026-06-03", &e2))
        fail_msg("propose: %s", e2.msg);
    /* the act must come before its discovery */
    struct case_input bad = cf_sample("2026-06-02", "2026-06-05");
    struct err e3 = {0};
    int64_t none;
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    assert_int_equal(case_add(&c, &bad, &none, &e3), ERR_INVALID);
    assert_non_null(err_field_msg(&e3, "received_on"));
}

/* One investigator, one on the party's 回避 list, one whose certificate expired: refused, each
 * with its article; two who may enforce: proposed, and kept. */
static void test_r_case_03_r_case_04_investigators(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_intake(h, cf_sample("2026-11-02", "2026-10-30"));
    struct err e = {0};
    char one[24];
    snprintf(one, sizeof one, "%lld", (long long)CF.o1);
    assert_int_equal(cf_propose(h, id, one, "2026-11-03", &e), ERR_INVALID);
    assert_non_null(strstr(e.fields[0].msg, "第四十二条"));
    struct err e2 = {0};
    assert_int_equal(cf_propose(h, id, cf_team(CF.o1, CF.o3), "2026-11-03", &e2), ERR_INVALID);
    assert_non_null(strstr(e2.fields[0].msg, "执法人员3"));
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                        " created_by) VALUES (?, ?, '亲属关系', 0, 'admin')",
                        "ii", CF.clinic, CF.o2) >= 0);
    struct err e3 = {0};
    assert_int_equal(cf_propose(h, id, cf_team(CF.o1, CF.o2), "2026-11-03", &e3), ERR_INVALID);
    assert_non_null(strstr(e3.fields[0].msg, "第四十三条"));
    int64_t o4 = cf_officer(h, 4, "2030-12-31");
    struct err e4 = {0};
    if (cf_propose(h, id, cf_team(CF.o1, o4), "2026-11-03", &e4)) fail_msg("propose: %s", e4.msg);
    assert_int_equal(
        atoll(h_text(h, "SELECT COUNT(*) FROM case_officer WHERE case_id = ?", "i", id)), 2);
}

/* A leader who investigates the case may not approve it; the proposer lacks the permission; a
 * leader apart from both approves. */
static void test_r_case_05_approval_apart_from_the_investigation(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct user_input u = {.username = "leader2",
                           .display_name = "leader2",
                           .password = TEST_PASSWORD,
                           .agency_code = "320412",
                           .roles = 1u << ROLE_LEADER,
                           .officer_id = CF.o2};
    int64_t uid;
    if (user_add(&h->ctx, &u, &uid, &e)) fail_msg("user_add: %s", e.msg);
    int64_t id = cf_intake(h, cf_sample("2026-11-02", "2026-10-30"));
    if (cf_propose(h, id, cf_team(CF.o1, CF.o2), "2026-11-03", &e)) fail_msg("propose: %s", e.msg);
    struct wf_args a = {.date = "2026-11-04"};
    struct err e2 = {0}, e3 = {0};
    assert_int_equal(h_step(h, &case_workflow, "leader2", id, "approve", &a, &e2), ERR_FORBIDDEN);
    assert_non_null(strstr(e2.msg, "分离"));
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "approve", &a, &e3), ERR_FORBIDDEN);
    h_must(h, &case_workflow, "leader", id, "approve", &a);
}

/* Numbers per agency, line and year, in order; a declined case takes none. */
static void test_r_case_06_numbers(void **state)
{
    struct harness *h = *state;
    int64_t ids[3];
    for (int i = 0; i < 3; i++) {
        struct case_input in = cf_sample("2026-11-02", "2026-10-30");
        if (i == 2) in.line = "public_place";
        ids[i] = cf_intake(h, in);
    }
    int64_t declined = cf_intake(h, cf_sample("2026-11-02", "2026-10-30"));
    struct wf_args no = {.date = "2026-11-03", .reason = "no_violation"};
    h_must(h, &case_workflow, "leader", declined, "decline", &no);
    for (int i = 0; i < 3; i++) {
        struct err e = {0};
        if (cf_propose(h, ids[i], cf_team(CF.o1, CF.o2), "2026-11-03", &e)) fail_msg("%s", e.msg);
        struct wf_args a = {.date = "2026-11-04"};
        h_must(h, &case_workflow, "leader", ids[i], "approve", &a);
    }
    assert_string_equal(h_text(h, "SELECT number FROM penalty_case WHERE id = ?", "i", ids[0]),
                        "武卫医罚〔2026〕1号");
    assert_string_equal(h_text(h, "SELECT number FROM penalty_case WHERE id = ?", "i", ids[1]),
                        "武卫医罚〔2026〕2号");
    assert_non_null(strstr(h_text(h, "SELECT number FROM penalty_case WHERE id = ?", "i", ids[2]),
                           "罚〔2026〕1号"));
    assert_string_equal(
        h_text(h, "SELECT COALESCE(number, '-') FROM penalty_case WHERE id = ?", "i", declined),
        "-");
}

/* A case from a complaint: the complaint must be in scope, and each page names the other. */
static void test_r_case_08_source_linked_both_ways(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx clerk = h_ctx(h, "clerk", &who);
    struct complaint_input ci = {.channel = "phone",
                                 .received_on = "2026-11-01",
                                 .line = "medical",
                                 .matter = "medical_practice",
                                 .summary = "诊所使用无资质人员",
                                 .party_name = "康宁诊所",
                                 .anonymous = true};
    int64_t complaint;
    const char *code;
    struct err e = {0};
    if (complaint_add(&clerk, &ci, &complaint, &code, &e)) fail_msg("complaint: %s", e.msg);
    struct case_input in = cf_sample("2026-11-02", "2026-10-30");
    in.source = "complaint";
    in.source_id = "999999";
    struct ctx off = h_ctx(h, "officer", &who);
    int64_t id;
    assert_int_equal(case_add(&off, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "source_id"));
    char src[24];
    snprintf(src, sizeof src, "%lld", (long long)complaint);
    in.source_id = src;
    id = cf_intake(h, in);
    struct err e2 = {0};
    json_t *o = complaint_get(&off, complaint, &e2);
    assert_non_null(o);
    json_t *cases = json_object_get(o, "cases");
    assert_int_equal(json_array_size(cases), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(cases, 0), "id")), id);
    json_decref(o);
    o = case_get(&off, id, &e2);
    assert_int_equal(json_integer_value(json_object_get(o, "source_id")), complaint);
    json_decref(o);
    /* another county sees neither */
    struct ctx other = h_ctx(h, "other", &who);
    struct err e3 = {0};
    assert_null(case_get(&other, id, &e3));
    assert_int_equal(e3.code, ERR_NOTFOUND);
}

/* Filed on 10-08, seen on 12-20: day 73, past 60 and not 80. The 90 days extended once, by a
 * leader apart from the case, by at most 30 days: 20 more days end on 2027-01-26. */
static void test_r_case_09_r_case_10_extension_and_warnings(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    int64_t id = cf_filed(h, cf_sample("2026-09-28", "2026-09-20"), "2026-09-29", "2026-10-08");
    struct err e = {0};
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    assert_int_equal(json_integer_value(json_object_get(o, "days_since_filing")), 73);
    /* no address given at intake: the registry entity's */
    assert_string_equal(json_string_value(json_object_get(o, "party_address")),
                        "常州市武进区湖塘镇府前路1号");
    assert_true(json_is_true(json_object_get(o, "warn")));
    assert_false(json_is_true(json_object_get(o, "alert")));
    json_decref(o);
    struct case_query q = {.state = "long"};
    json_t *list = case_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    struct wf_args too_long = {.date = "2026-12-20", .note = "需鉴定"};
    wf_arg_set(&too_long, "days", "45");
    struct err e2 = {0};
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "extend", &too_long, &e2),
                     ERR_INVALID);
    assert_non_null(strstr(e2.fields[0].msg, "30"));
    struct wf_args ok = {.date = "2026-12-20", .note = "涉案物品需送检鉴定"};
    wf_arg_set(&ok, "days", "20");
    struct err e3 = {0};
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "extend", &ok, &e3), ERR_FORBIDDEN);
    h_must(h, &case_workflow, "leader", id, "extend", &ok);
    assert_string_equal(h_due(h, "case", id, "decide"), "2027-01-26");
    assert_string_equal(h_text(h,
                               "SELECT original_due_on FROM wf_deadline WHERE kind = 'case'"
                               " AND object_id = ? AND name = 'decide'",
                               "i", id),
                        "2027-01-06");
    struct err e4 = {0};
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "extend", &ok, &e4), ERR_INVALID);
    /* on 2027-01-01 (day 85) it is an alert */
    h_set_now(h, "2027-01-01T09:00:00+08:00");
    struct ctx later = h_ctx(h, "viewer", &who);
    o = case_get(&later, id, &e);
    assert_true(json_is_true(json_object_get(o, "alert")));
    json_decref(o);
}

/* A recusal is the head's decision about one investigator; granted, it takes them off the case
 * and puts them on the party's 回避 list, and never leaves fewer than two. */
static void test_r_case_11_recusal_decided_by_the_head(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    char o2[24];
    snprintf(o2, sizeof o2, "%lld", (long long)CF.o2);
    struct wf_args r = {.date = "2026-11-05", .note = "与当事人法定代表人系近亲属"};
    wf_arg_set(&r, "officer", o2);
    wf_arg_set(&r, "by", "party");
    wf_arg_set(&r, "outcome", "granted");
    struct err e1 = {0}, e2 = {0};
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "recuse", &r, &e1), ERR_FORBIDDEN);
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "recuse", &r, &e2), ERR_INVALID);
    assert_non_null(strstr(e2.msg, "第四十二条"));
    int64_t o4 = cf_officer(h, 4, "2030-12-31");
    char three[72];
    snprintf(three, sizeof three, "%lld,%lld,%lld", (long long)CF.o1, (long long)CF.o2,
             (long long)o4);
    struct wf_args t = {.date = "2026-11-05", .note = "增加承办人员"};
    wf_arg_set(&t, "officers", three);
    h_must(h, &case_workflow, "leader", id, "change_team", &t);
    h_must(h, &case_workflow, "leader", id, "recuse", &r);
    assert_false(h_exists(h->db, "SELECT 1 FROM case_officer WHERE case_id = ? AND officer_id = ?",
                          "ii", id, CF.o2));
    assert_true(h_exists(h->db, "SELECT 1 FROM entity_avoid WHERE entity_id = ? AND officer_id = ?",
                         "ii", CF.clinic, CF.o2));
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_step WHERE kind = 'case' AND object_id = ?"
                         " AND action = 'recuse' AND reason LIKE '决定回避%'",
                         "i", id));
}

/* The proposal applies the item and its baseline in force: outside the law refused; outside the
 * level only with a reason; a fine of 10,000 元 or more needs a legal review, by the legal
 * reviewer who did not investigate. */
static void test_r_case_12_r_case_13_r_case_14_proposal_and_review(void **state)
{
    struct harness *h = *state;
    const char *item = cf_item(h);
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct err e = {0};
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e4 = {0};
    assert_int_equal(cf_conclude(h, id, item, "一般", "警告、罚款", "40000", NULL, &e1),
                     ERR_INVALID);
    assert_non_null(strstr(e1.fields[0].msg, "法定幅度"));
    assert_int_equal(cf_conclude(h, id, item, "一般", "吊销许可证件", NULL, NULL, &e2),
                     ERR_INVALID);
    assert_non_null(strstr(e2.fields[0].msg, "第三十八条"));
    assert_int_equal(cf_conclude(h, id, item, "一般", "警告、罚款", "8000", NULL, &e3),
                     ERR_INVALID);
    assert_string_equal(e3.fields[0].name, "outside_reason");
    assert_int_equal(cf_conclude(h, id, item, "较轻", "警告", NULL, NULL, &e4), ERR_INVALID);
    assert_string_equal(e4.fields[0].name, "level");
    if (cf_conclude(h, id, item, "严重", "警告、罚款", "15000", NULL, &e))
        fail_msg("conclude: %s", e.nfields ? e.fields[0].msg : e.msg);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    json_t *p = json_object_get(o, "proposal");
    assert_true(json_is_true(json_object_get(p, "review_required")));
    assert_string_equal(json_string_value(json_object_get(p, "fine_yuan")), "15,000.00");
    assert_string_equal(json_string_value(json_object_get(p, "level")), "严重");
    assert_non_null(json_object_get(p, "baseline_version_id"));
    /* what the reviewer weighs it against: the law's range and the baseline kept, level marked */
    assert_non_null(strstr(json_string_value(json_object_get(p, "legal_range")), "30,000"));
    json_t *levels = json_object_get(json_object_get(p, "baseline"), "levels");
    assert_int_equal(json_array_size(levels), 2);
    assert_false(json_is_true(json_object_get(json_array_get(levels, 0), "chosen")));
    assert_true(json_is_true(json_object_get(json_array_get(levels, 1), "chosen")));
    json_decref(o);
    /* a legal reviewer who investigates the case may not review it */
    struct user_input u = {.username = "legal2",
                           .display_name = "legal2",
                           .password = TEST_PASSWORD,
                           .agency_code = "320412",
                           .roles = 1u << ROLE_LEGAL,
                           .officer_id = CF.o2};
    int64_t uid;
    if (user_add(&h->ctx, &u, &uid, &e)) fail_msg("user_add: %s", e.msg);
    struct wf_args r = {.date = "2026-12-21", .note = "事实清楚，适用依据正确，裁量适当"};
    struct err e5 = {0}, e6 = {0};
    assert_int_equal(h_step(h, &case_workflow, "legal2", id, "review_pass", &r, &e5),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(e5.msg, "第五十八条"));
    assert_int_equal(h_step(h, &case_workflow, "leader", id, "review_pass", &r, &e6),
                     ERR_FORBIDDEN);
    h_must(h, &case_workflow, "legal", id, "review_pass", &r);
    assert_string_equal(h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", id),
                        "reviewed");
}

/* No notice before a required review passed; the notice opens 3 working days to answer and tells
 * of the hearing when the fine is large for the party's kind; a written waiver ends them. */
static void test_r_case_15_r_case_16_r_case_17_notice(void **state)
{
    struct harness *h = *state;
    const char *item = cf_item(h);
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct err e = {0};
    if (cf_conclude(h, id, item, "严重", "警告、罚款", "15000", NULL, &e)) fail_msg("%s", e.msg);
    struct wf_args n = {.date = "2026-12-21"};
    struct err e1 = {0};
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "notify", &n, &e1), ERR_INVALID);
    assert_non_null(strstr(e1.msg, "第五十八条"));
    struct wf_args r = {.date = "2026-12-21", .note = "同意"};
    h_must(h, &case_workflow, "legal", id, "review_pass", &r);
    h_must(h, &case_workflow, "officer", id, "notify", &n);
    assert_string_equal(h_due(h, "case", id, "defence"), "2026-12-24");
    assert_string_equal(h_text(h, "SELECT hearing_right FROM penalty_case WHERE id = ?", "i", id),
                        "0"); /* 15,000 元 to an organisation: below 50,000 */
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document d JOIN document_file f ON f.document_id = d.id"
                         " WHERE d.object_type = 'case' AND d.object_id = ? AND d.type ="
                         " 'prior_notice' AND d.number LIKE '武卫医罚告〔2026〕%'",
                         "i", id));
    struct wf_args w = {.date = "2026-12-22", .note = "当事人书面声明放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    assert_string_equal(h_text(h, "SELECT waived_on FROM penalty_case WHERE id = ?", "i", id),
                        "2026-12-22");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'defence' AND outcome = 'met'",
                         "i", id));
    /* a citizen fined 6,000 元 (no review needed) is told of the hearing */
    struct case_input in = cf_sample("2026-11-02", "2026-10-30");
    in.entity_id = NULL;
    in.party_name = "李某";
    in.party_kind = "citizen";
    int64_t person = cf_filed(h, in, "2026-11-03", "2026-11-04");
    if (cf_conclude(h, person, item, "严重", "警告、罚款", "6000", NULL, &e)) fail_msg("%s", e.msg);
    h_must(h, &case_workflow, "officer", person, "notify", &n);
    assert_string_equal(
        h_text(h, "SELECT hearing_right FROM penalty_case WHERE id = ?", "i", person), "1");
}

/* A first-time legal reviewer holds 法律职业资格 (第五十八条第二款): one whose account has no
 * officer record, or whose record has none, is refused, and nothing moves; once qualified and
 * having reviewed, a reviewer is no longer a first-time one. */
static void test_r_case_64_first_reviewer_qualified(void **state)
{
    struct harness *h = *state;
    const char *item = cf_item(h);
    int64_t one = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04"),
            two = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct err e = {0};
    if (cf_conclude(h, one, item, "严重", "警告、罚款", "15000", NULL, &e) ||
        cf_conclude(h, two, item, "严重", "警告、罚款", "15000", NULL, &e))
        fail_msg("conclude: %s", e.msg);
    struct user_input u = {.username = "legal2",
                           .display_name = "legal2",
                           .password = TEST_PASSWORD,
                           .agency_code = "320412",
                           .roles = 1u << ROLE_LEGAL};
    int64_t uid;
    if (user_add(&h->ctx, &u, &uid, &e)) fail_msg("user_add: %s", e.msg);
    struct wf_args r = {.date = "2026-12-21", .note = "事实清楚，适用依据正确，裁量适当"};
    struct err e1 = {0}, e2 = {0};
    assert_int_equal(h_step(h, &case_workflow, "legal2", one, "review_pass", &r, &e1),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(e1.msg, "法律职业资格"));
    assert_non_null(strstr(e1.msg, "第五十八条第二款"));
    int64_t lawyer2 = cf_officer(h, 9, "2030-12-31");
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE id = ?", "ii", lawyer2,
                        uid) >= 0);
    assert_int_equal(h_step(h, &case_workflow, "legal2", one, "review_pass", &r, &e2),
                     ERR_FORBIDDEN);
    assert_string_equal(h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", one),
                        "concluded");
    assert_true(db_exec(h->db, &e, "UPDATE officer SET legal_qualified = 1 WHERE id = ?", "i",
                        lawyer2) >= 0);
    h_must(h, &case_workflow, "legal2", one, "review_pass", &r);
    /* no longer a first review: the record's qualification is not asked again */
    assert_true(db_exec(h->db, &e, "UPDATE officer SET legal_qualified = 0 WHERE id = ?", "i",
                        lawyer2) >= 0);
    h_must(h, &case_workflow, "legal2", two, "review_pass", &r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_01_r_case_07_deadlines),
        T(test_r_case_02_limitation),
        T(test_r_case_03_r_case_04_investigators),
        T(test_r_case_05_approval_apart_from_the_investigation),
        T(test_r_case_06_numbers),
        T(test_r_case_08_source_linked_both_ways),
        T(test_r_case_09_r_case_10_extension_and_warnings),
        T(test_r_case_11_recusal_decided_by_the_head),
        T(test_r_case_12_r_case_13_r_case_14_proposal_and_review),
        T(test_r_case_15_r_case_16_r_case_17_notice),
        T(test_r_case_64_first_reviewer_qualified),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
