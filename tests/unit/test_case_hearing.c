/* test_case_hearing.c — the hearing of a penalty case (行政处罚法 第六十三条至第六十五条): asked
 * for only against a penalty the notice gave the right to a hearing against, within 5 working
 * days of the notice (counted over the National Day holidays and a 调休 Saturday); set by a
 * leader 7 working days after its notice, public or with the ground for secrecy, chaired by
 * someone who did not investigate; recorded only by its chair, held or given up by the party's
 * absence; a hearing held needs the legal review before the decision (第五十八条); the request
 * withdrawn. The documents it issues are read back as text. */
#include "support.h"
#include "case_fixture.h"
#include "law/auth.h"
#include "law/case.h"
#include "law/case_internal.h"
#include "law/document.h"
#include "law/role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ids of the users leader and officer, as text. */
static struct {
    char leader[24], officer[24];
} F;

/* cf_setup on 2026-11-02. */
static int setup(void **state)
{
    if (cf_setup_at(state, "2026-11-02T09:00:00+08:00")) return -1;
    struct harness *h = *state;
    snprintf(F.leader, sizeof F.leader, "%s", cf_user(h, "leader"));
    snprintf(F.officer, sizeof F.officer, "%s", cf_user(h, "officer"));
    return 0;
}

/* A case against a citizen (or the clinic) with fine proposed, filed in September and notified
 * on notified_on. */
static int64_t notified_case(struct harness *h, bool citizen, const char *fine,
                             const char *notified_on)
{
    struct case_input in = cf_sample("2026-09-01", "2026-08-25");
    if (citizen) {
        in.entity_id = NULL;
        in.party_name = "李某";
        in.party_kind = "citizen";
        in.party_address = "常州市武进区湖塘镇人民路8号";
    }
    struct cf_end end = {
        .on = "2026-09-21", .item = cf_item_plain(h), .types = "警告、罚款", .fine = fine};
    return cf_notified(h, in, "2026-09-02", "2026-09-03", &end, notified_on);
}

static int request(struct harness *h, int64_t id, const char *day, struct err *e)
{
    struct wf_args a = {.date = day, .note = "对拟处罚有异议，要求听证"};
    wf_arg_set(&a, "how", "written");
    return h_step(h, &case_workflow, "officer", id, "request_hearing", &a, e);
}

static int set_hearing(struct harness *h, const char *username, int64_t id, const char *notice,
                       const char *hearing_on, const char *chair, const char *publicity,
                       const char *why, struct err *e)
{
    struct wf_args a = {.date = notice};
    wf_arg_set(&a, "hearing_on", hearing_on);
    wf_arg_set(&a, "hearing_time", "上午9时");
    wf_arg_set(&a, "place", "武进区卫生健康局第一会议室");
    wf_arg_set(&a, "chair", chair);
    wf_arg_set(&a, "publicity", publicity);
    wf_arg_set(&a, "private_note", why);
    return h_step(h, &case_workflow, username, id, "set_hearing", &a, e);
}

static int hold(struct harness *h, const char *username, int64_t id, const char *day,
                const char *outcome, const char *defence, struct err *e)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "outcome", outcome);
    wf_arg_set(&a, "recorder", "张记录");
    wf_arg_set(&a, "participants", "当事人李某，委托代理人赵律师；调查人员执法人员1、执法人员2");
    wf_arg_set(&a, "charges", "调查人员出示现场笔录和询问笔录，建议警告并罚款6000元");
    wf_arg_set(&a, "defence", defence);
    return h_step(h, &case_workflow, username, id, "hold_hearing", &a, e);
}

static const char *state_of(struct harness *h, int64_t id)
{
    return h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", id);
}

/* A fine of 6,000 元 to an organisation is below its 50,000: the notice gave no right to a
 * hearing, and a request is not taken (第六十三条). */
static void test_r_case_30_no_hearing_without_the_right(void **state)
{
    struct harness *h = *state;
    int64_t id = notified_case(h, false, "6000", "2026-09-29");
    struct err e = {0};
    assert_int_equal(request(h, id, "2026-09-30", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第六十三条"));
    assert_string_equal(state_of(h, id), "notified");
}

/* Notified on Tuesday 29 September 2026: the 5 working days are 9-30, 10-08, 10-09, Saturday
 * 10-10 (调休) and 10-12, over the National Day holidays; calendar days would have ended on
 * 10-08. */
static void test_r_case_31_request_within_five_working_days(void **state)
{
    struct harness *h = *state;
    int64_t id = notified_case(h, true, "6000", "2026-09-29");
    assert_string_equal(h_text(h, "SELECT hearing_right FROM penalty_case WHERE id = ?", "i", id),
                        "1");
    struct err e1 = {0}, e2 = {0}, e3 = {0};
    assert_int_equal(request(h, id, "2026-10-13", &e1), ERR_INVALID);
    const char *msg = err_field_msg(&e1, "date");
    assert_non_null(msg);
    assert_non_null(strstr(msg, "第六十四条第（一）项"));
    assert_non_null(strstr(msg, "2026-10-12"));
    assert_int_equal(request(h, id, "2026-09-28", &e2), ERR_INVALID);
    assert_non_null(err_field_msg(&e2, "date"));
    assert_int_equal(request(h, id, "2026-11-03", &e3), ERR_INVALID); /* after today */
    struct err e = {0};
    if (request(h, id, "2026-10-12", &e))
        fail_msg("request: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(state_of(h, id), "hearing_requested");
    assert_string_equal(
        h_text(h, "SELECT hearing_requested_on FROM penalty_case WHERE id = ?", "i", id),
        "2026-10-12");
}

/* Set on 10-13, the hearing is held on 10-22 at the earliest (7 working days); the chair did not
 * investigate; not public only with the ground written; changed with the same rules. */
static void test_r_case_32_r_case_33_r_case_34_setting_the_hearing(void **state)
{
    struct harness *h = *state;
    int64_t id = notified_case(h, true, "6000", "2026-09-29");
    struct err e = {0};
    if (request(h, id, "2026-10-09", &e)) fail_msg("request: %s", e.msg);
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e4 = {0};
    assert_int_equal(
        set_hearing(h, "officer", id, "2026-10-13", "2026-10-22", F.leader, "public", NULL, &e1),
        ERR_FORBIDDEN);
    assert_int_equal(
        set_hearing(h, "leader", id, "2026-10-13", "2026-10-21", F.leader, "public", NULL, &e2),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "hearing_on"), "第六十四条第（二）项"));
    assert_non_null(strstr(err_field_msg(&e2, "hearing_on"), "2026-10-22"));
    /* the officer investigates the case and proposed it */
    assert_int_equal(
        set_hearing(h, "leader", id, "2026-10-13", "2026-10-22", F.officer, "public", NULL, &e3),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e3, "chair"), "第六十四条第（四）项"));
    assert_int_equal(set_hearing(h, "leader", id, "2026-10-13", "2026-10-22", F.leader,
                                 "trade_secret", NULL, &e4),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e4, "private_note"), "第六十四条第（三）项"));
    /* the chairs offered: not the officer */
    struct actor who;
    struct ctx c = h_ctx(h, "leader", &who);
    json_t *choices = case_chair_choices(&c, id), *x;
    size_t i;
    bool leader = false;
    json_array_foreach(choices, i, x)
    {
        const char *code = json_string_value(json_object_get(x, "code"));
        assert_string_not_equal(code, F.officer);
        leader |= strcmp(code, F.leader) == 0;
    }
    assert_true(leader);
    json_decref(choices);
    if (set_hearing(h, "leader", id, "2026-10-13", "2026-10-22", F.leader, "privacy",
                    "涉及患者个人隐私", &e))
        fail_msg("set_hearing: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(state_of(h, id), "hearing_set");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM document d JOIN document_file f ON f.document_id = d.id"
                         " WHERE d.object_type = 'case' AND d.object_id = ? AND d.type ="
                         " 'hearing_summons' AND d.number = '武卫医听通〔2026〕1号'",
                         "i", id));
    /* 变更听证: noticed on 10-14, held on 10-23 at the earliest */
    struct err e5 = {0};
    assert_int_equal(
        set_hearing(h, "leader", id, "2026-10-14", "2026-10-22", F.leader, "public", NULL, &e5),
        ERR_INVALID);
    if (set_hearing(h, "leader", id, "2026-10-14", "2026-10-23", F.leader, "public", NULL, &e))
        fail_msg("reset: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(h_text(h, "SELECT hearing_on FROM penalty_case WHERE id = ?", "i", id),
                        "2026-10-23");
    assert_string_equal(
        h_text(h, "SELECT COUNT(*) FROM document WHERE object_id = ? AND type = 'hearing_summons'",
               "i", id),
        "2");
}

/* The kept document of type for case id, read back as flattened text (caller frees). */
static char *kept_text(struct harness *h, int64_t id, const char *type)
{
    int64_t doc = atoll(h_text(h,
                               "SELECT MAX(id) FROM document WHERE object_type = 'case'"
                               " AND object_id = ? AND type = ?",
                               "it", id, type));
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    struct err e = {0};
    if (document_pdf(&c, doc, &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = h_pdf_text(h->dir, "hearing.pdf", pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    return text;
}

#define HAS(text, s)                                                                               \
    do {                                                                                           \
        char *want_ = h_flat(s);                                                                   \
        if (!strstr((text), want_))                                                                \
            fail_msg("%s:%d: the PDF lacks \"%s\":\n%.3000s", __FILE__, __LINE__, (s), (text));    \
        free(want_);                                                                               \
    } while (0)

/* The whole way: notified → asked → set → held by its chair only → the legal review now
 * required → reviewed, ready for the decision; the case's JSON and both documents. */
static void test_r_case_35_r_case_37_held_by_the_chair_then_reviewed(void **state)
{
    struct harness *h = *state;
    int64_t id = notified_case(h, true, "6000", "2026-09-29");
    struct err e = {0};
    if (request(h, id, "2026-10-09", &e)) fail_msg("request: %s", e.msg);
    if (set_hearing(h, "leader", id, "2026-10-13", "2026-10-22", F.leader, "public", NULL, &e))
        fail_msg("set_hearing: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(h_text(h, "SELECT review_required FROM penalty_case WHERE id = ?", "i", id),
                        "0");
    struct err e1 = {0}, e2 = {0}, e3 = {0};
    assert_int_equal(hold(h, "officer", id, "2026-10-22", "held", "不是故意的", &e1),
                     ERR_FORBIDDEN);
    assert_non_null(strstr(e1.msg, "听证主持人"));
    assert_int_equal(hold(h, "leader", id, "2026-10-21", "held", "不是故意的", &e2), ERR_INVALID);
    assert_non_null(err_field_msg(&e2, "date"));
    assert_int_equal(hold(h, "leader", id, "2026-10-22", "held", NULL, &e3), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e3, "defence"), "第六十四条第（七）项"));
    if (hold(h, "leader", id, "2026-10-22", "held", "当事人称系临时帮忙，请求从轻处罚", &e))
        fail_msg("hold: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(state_of(h, id), "heard");
    assert_string_equal(h_text(h, "SELECT review_required FROM penalty_case WHERE id = ?", "i", id),
                        "1");
    /* the review of a heard case: as after the investigation, not by an investigator */
    struct wf_args r = {.date = "2026-10-26", .note = "程序合法，裁量适当"};
    struct err e4 = {0};
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "review_pass", &r, &e4),
                     ERR_FORBIDDEN);
    h_must(h, &case_workflow, "legal", id, "review_pass", &r);
    assert_string_equal(state_of(h, id), "reviewed");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    json_t *hr = json_object_get(o, "hearing");
    assert_non_null(hr);
    assert_string_equal(json_string_value(json_object_get(hr, "requested_on")), "2026-10-09");
    assert_string_equal(json_string_value(json_object_get(hr, "on")), "2026-10-22");
    assert_string_equal(
        json_string_value(json_object_get(hr, "chair_name")),
        h_text(h, "SELECT display_name FROM app_user WHERE username = 'leader'", ""));
    assert_string_equal(json_string_value(json_object_get(hr, "heard_on")), "2026-10-22");
    assert_true(json_is_true(json_object_get(hr, "held")));
    json_decref(o);
    char *t = kept_text(h, id, "hearing_summons");
    HAS(t, "听证通知书");
    HAS(t, "武卫医听通〔2026〕1号");
    HAS(t, "听证时间：2026年10月22日上午9时");
    HAS(t, "委托一至二人代理");
    HAS(t, "有权申请回避");
    HAS(t, "视为放弃听证权利");
    HAS(t, "罚款人民币6,000.00元");
    free(t);
    t = kept_text(h, id, "hearing_record");
    HAS(t, "听证笔录");
    HAS(t, "记录人：张记录");
    HAS(t, "委托代理人赵律师");
    HAS(t, "建议警告并罚款6000元");
    HAS(t, "当事人称系临时帮忙，请求从轻处罚");
    HAS(t, "第六十四条第（八）项");
    free(t);
}

/* The party stays away: the hearing ends as given up, no review is made required by it. */
static void test_r_case_36_absent_party_gives_up_the_hearing(void **state)
{
    struct harness *h = *state;
    int64_t id = notified_case(h, true, "6000", "2026-09-29");
    struct err e = {0};
    if (request(h, id, "2026-10-09", &e)) fail_msg("request: %s", e.msg);
    if (set_hearing(h, "leader", id, "2026-10-13", "2026-10-22", F.leader, "public", NULL, &e))
        fail_msg("set_hearing: %s", e.msg);
    if (hold(h, "leader", id, "2026-10-22", "absent", NULL, &e))
        fail_msg("hold: %s", e.nfields ? e.fields[0].msg : e.msg);
    assert_string_equal(state_of(h, id), "heard");
    assert_string_equal(h_text(h, "SELECT hearing_absent FROM penalty_case WHERE id = ?", "i", id),
                        "1");
    assert_string_equal(h_text(h, "SELECT review_required FROM penalty_case WHERE id = ?", "i", id),
                        "0");
    char *t = kept_text(h, id, "hearing_record");
    HAS(t, "视为放弃听证权利，终止听证");
    free(t);
}

/* Withdrawn after it was set: back to notified, the day kept; not before the request. */
static void test_r_case_38_request_withdrawn(void **state)
{
    struct harness *h = *state;
    int64_t id = notified_case(h, true, "6000", "2026-09-29");
    struct err e = {0};
    if (request(h, id, "2026-10-09", &e)) fail_msg("request: %s", e.msg);
    if (set_hearing(h, "leader", id, "2026-10-13", "2026-10-22", F.leader, "public", NULL, &e))
        fail_msg("set_hearing: %s", e.msg);
    struct wf_args early = {.date = "2026-10-08", .note = "当事人书面撤回听证申请"};
    struct err e1 = {0};
    assert_int_equal(h_step(h, &case_workflow, "officer", id, "withdraw_hearing", &early, &e1),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e1, "date"));
    struct wf_args w = {.date = "2026-10-15", .note = "当事人书面撤回听证申请"};
    h_must(h, &case_workflow, "officer", id, "withdraw_hearing", &w);
    assert_string_equal(state_of(h, id), "notified");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "hearing"), "withdrawn_on")),
        "2026-10-15");
    json_decref(o);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_30_no_hearing_without_the_right),
        T(test_r_case_31_request_within_five_working_days),
        T(test_r_case_32_r_case_33_r_case_34_setting_the_hearing),
        T(test_r_case_35_r_case_37_held_by_the_chair_then_reviewed),
        T(test_r_case_36_absent_party_gives_up_the_hearing),
        T(test_r_case_38_request_withdrawn),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
