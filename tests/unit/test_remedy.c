/* test_remedy.c — 行政复议 and 行政诉讼 against a penalty decision (domain/RULES.md §7): registered
 * by the legal staff on a decided case; the party's periods on the calendar (60 days, 6 months to
 * the corresponding day or the month's end, 15 days after a 复议决定, an appeal's 15 or 10 days);
 * 复议前置 for a decision made on the spot; the answer's period (10 or 5 working days, 15 days),
 * late when answered after it, with its 答复书 read back; 出庭应诉; the outcome marking the case;
 * the figures on hand-built data. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/case_summary.h"
#include "law/document.h"
#include "law/remedy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(o, k) json_string_value(json_object_get((o), (k)))

/* A case of the clinic decided on 2026-12-22 through its steps (filed 11-04, concluded 12-20,
 * notified and waived 12-21); then the harness moves to 2027-07-01. */
static int64_t decided(struct harness *h)
{
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct cf_end end = {.on = "2026-12-20",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = "3000",
                         .why = "情节特殊"};
    struct err e = {0};
    if (cf_conclude_as(h, id, &end, &e)) fail_msg("conclude: %s", e.msg);
    cf_notify(h, id, "2026-12-21");
    struct wf_args w = {.date = "2026-12-21", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    struct wf_args d = {.date = "2026-12-22", .note = "当事人未提出陈述、申辩意见"};
    wf_arg_set(&d, "types", "warning,fine");
    wf_arg_set(&d, "fine", "2000");
    h_must(h, &case_workflow, "leader", id, "decide", &d);
    h_set_now(h, "2027-07-01T10:00:00+08:00");
    return id;
}

static struct remedy_input input(const char *kind, const char *known, const char *filed,
                                 const char *received)
{
    return (struct remedy_input){.kind = kind,
                                 .known_on = known,
                                 .filed_on = filed,
                                 .received_on = received,
                                 .body = strcmp(kind, "litigation") == 0 ? "常州市武进区人民法院"
                                                                         : "常州市武进区人民政府",
                                 .applicant = "常州市武进区康宁诊所",
                                 .claims = "撤销行政处罚决定"};
}

static int add(struct harness *h, const char *user, int64_t case_id, struct remedy_input in,
               int64_t *id, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    return remedy_add(&c, case_id, &in, id, e);
}

static int64_t must_add(struct harness *h, int64_t case_id, struct remedy_input in)
{
    int64_t id = 0;
    struct err e = {0};
    if (add(h, "legal", case_id, in, &id, &e))
        fail_msg("remedy_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

static json_t *get_as(struct harness *h, const char *user, int64_t id)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    struct err e = {0};
    json_t *o = remedy_get(&c, id, &e);
    if (!o) fail_msg("remedy_get: %s", e.msg);
    return o;
}

static json_t *get(struct harness *h, int64_t id)
{
    return get_as(h, "viewer", id);
}

static void end(struct harness *h, int64_t id, const char *day, const char *outcome,
                const char *instrument, const char *changed)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "outcome", outcome);
    wf_arg_set(&a, "instrument", instrument);
    wf_arg_set(&a, "instrument_no", "（2027）苏0412行初1号");
    if (changed) wf_arg_set(&a, "changed_to", changed);
    h_must(h, &remedy_workflow, "legal", id, "decide_outcome", &a);
}

static const char *due(struct harness *h, const char *what, const char *known)
{
    static char out[4][DATE_STRLEN];
    static int k;
    char *s = out[k++ % 4];
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    if (remedy_period_due(c.cal, what, known, s, &e)) fail_msg("period: %s", e.msg);
    return s;
}

/* Registered by the legal staff only, on a decided case only; the viewer and the officer are
 * refused; registered: 待答复 with the case's list. */
static void test_r_case_80_registered_on_a_decision(void **state)
{
    struct harness *h = *state;
    int64_t open = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    int64_t id;
    struct err e = {0};
    assert_int_equal(add(h, "legal", open,
                         input("reconsideration", "2026-12-01", "2026-12-02", "2026-12-03"), &id,
                         &e),
                     ERR_INVALID);
    assert_non_null(strstr(e.msg, "尚未作出"));
    int64_t case_id = decided(h);
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err q = {0};
    assert_int_equal(remedy_may_add(&c, case_id, &q), 0);
    struct ctx l = h_ctx(h, "legal", &who);
    assert_int_equal(remedy_may_add(&l, case_id, &q), 1);
    struct err e2 = {0};
    assert_int_equal(add(h, "legal", case_id, (struct remedy_input){.kind = "appeal"}, &id, &e2),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e2, "kind"));
    assert_non_null(err_field_msg(&e2, "filed_on"));
    assert_non_null(err_field_msg(&e2, "body"));
    id = must_add(h, case_id, input("reconsideration", NULL, "2027-01-05", "2027-01-08"));
    json_t *o = get(h, id);
    assert_string_equal(S(o, "state"), "received");
    assert_string_equal(S(o, "known_on"), "2026-12-22"); /* the decision's day by default */
    json_decref(o);
    struct ctx v = h_ctx(h, "viewer", &who);
    json_t *k = case_get(&v, case_id, &q);
    assert_int_equal(json_array_size(json_object_get(k, "remedies")), 1);
    assert_string_equal(S(k, "decision_status"), "in_force");
    json_decref(k);
    assert_true(h_exists(h->db, "SELECT 1 FROM audit_log WHERE action = 'remedy.create'", ""));
}

/* 60 days from the day the party knew: 03-15 → 05-14 (a Friday); 03-17 → 05-16, a Sunday, moves
 * to Monday 05-17; filed on the 61st day refused beside filed_on citing 第二十条. */
static void test_r_case_81_sixty_days(void **state)
{
    struct harness *h = *state;
    int64_t case_id = decided(h), id;
    assert_string_equal(due(h, "reconsideration", "2027-03-15"), "2027-05-14");
    assert_string_equal(due(h, "reconsideration", "2027-03-17"), "2027-05-17");
    struct err e = {0};
    assert_int_equal(add(h, "legal", case_id,
                         input("reconsideration", "2027-03-15", "2027-05-15", "2027-05-17"), &id,
                         &e),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "filed_on"), "第二十条"));
    must_add(h, case_id, input("reconsideration", "2027-03-17", "2027-05-17", "2027-05-18"));
}

/* 6 months to the corresponding day (04-14 → 10-14), the month's end when there is none (03-31
 * → 09-30); 15 days after a 复议决定 (its end by default: 04-01 → 04-16). */
static void test_r_case_82_six_months_and_fifteen_days(void **state)
{
    struct harness *h = *state;
    int64_t case_id = decided(h), id;
    assert_string_equal(due(h, "litigation", "2027-04-14"), "2027-10-14");
    assert_string_equal(due(h, "litigation", "2027-03-31"), "2027-09-30");
    assert_string_equal(due(h, "after", "2027-04-01"), "2027-04-16");
    struct err e = {0}; /* decided 2026-12-22: 6 months run to 2027-06-22 */
    assert_int_equal(
        add(h, "legal", case_id, input("litigation", NULL, "2027-06-23", "2027-06-25"), &id, &e),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "filed_on"), "第四十六条"));
    int64_t rec =
        must_add(h, case_id, input("reconsideration", "2027-01-04", "2027-01-05", "2027-01-06"));
    end(h, rec, "2027-04-01", "upheld", "decision", NULL);
    struct err e2 = {0};
    assert_int_equal(
        add(h, "legal", case_id, input("litigation", NULL, "2027-04-19", "2027-04-20"), &id, &e2),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "filed_on"), "第四十五条"));
    id = must_add(h, case_id, input("litigation", NULL, "2027-04-16", "2027-04-20"));
    json_t *o = get(h, id);
    assert_string_equal(S(o, "known_on"), "2027-04-01");
    json_decref(o);
}

/* A decision made on the spot: no suit before a 复议 (复议前置); none while the 复议 is pending
 * (第二十九条第二款); after its 复议决定, a suit within 15 days; then no new 复议 (第一款). */
static void test_r_case_83_reconsideration_first(void **state)
{
    struct harness *h = *state;
    struct case_summary_input in = {.source = "other",
                                    .line = "medical",
                                    .party_name = "李某",
                                    .party_kind = "citizen",
                                    .place = "康宁诊所",
                                    .act_on = "2026-12-20",
                                    .summary = "未取得健康合格证明从事直接为顾客服务的工作",
                                    .item = cf_summary_item(h),
                                    .types = "警告",
                                    .officers = cf_team(CF.o1, CF.o2),
                                    .decided_on = "2026-12-20"};
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    int64_t case_id = 0, id;
    struct err e = {0};
    if (case_summary_add(&c, &in, &case_id, &e)) fail_msg("summary: %s", e.msg);
    h_set_now(h, "2027-07-01T10:00:00+08:00");
    struct err e1 = {0};
    assert_int_equal(
        add(h, "legal", case_id, input("litigation", NULL, "2027-01-04", "2027-01-05"), &id, &e1),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e1, "kind"), "第二十三条"));
    int64_t rec = must_add(h, case_id, input("reconsideration", NULL, "2027-01-04", "2027-01-05"));
    struct err e2 = {0};
    assert_int_equal(
        add(h, "legal", case_id, input("litigation", NULL, "2027-01-06", "2027-01-07"), &id, &e2),
        ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "kind"), "第二十九条第二款"));
    end(h, rec, "2027-03-01", "upheld", "decision", NULL);
    must_add(h, case_id, input("litigation", "2027-03-03", "2027-03-10", "2027-03-12"));
    struct err e3 = {0};
    assert_int_equal(add(h, "legal", case_id,
                         input("reconsideration", NULL, "2027-03-15", "2027-03-16"), &id, &e3),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e3, "kind"), "第二十九条第一款"));
}

/* The answer within 10 working days of the copy (03-16 → 03-30), 5 under the simplified
 * procedure (→ 03-23), the 答辩状 within 15 days (→ 03-31); answered late: 超期; the 答复书 read
 * back from its PDF with the facts, basis and evidence. */
static void test_r_case_84_answer_periods(void **state)
{
    struct harness *h = *state;
    int64_t case_id = decided(h);
    int64_t rec =
        must_add(h, case_id, input("reconsideration", "2027-03-10", "2027-03-12", "2027-03-16"));
    assert_string_equal(h_due(h, "remedy", rec, "answer"), "2027-03-30");
    struct remedy_input s = input("reconsideration", "2027-03-10", "2027-03-12", "2027-03-16");
    s.simplified = "1";
    struct err e = {0};
    int64_t quick;
    /* a second pending 复议 of one decision is refused; end the first */
    assert_int_equal(add(h, "legal", case_id, s, &quick, &e), ERR_INVALID);
    struct wf_args a = {.date = "2027-03-31"};
    wf_arg_set(&a, "who", "王法制");
    wf_arg_set(&a, "summary", "申请人未取得医疗机构执业许可证擅自执业，事实清楚");
    wf_arg_set(&a, "basis", "《医疗机构管理条例》第二十四条、第四十四条");
    wf_arg_set(&a, "evidence", "现场笔录\n询问笔录\n\n照片12张");
    h_must(h, &remedy_workflow, "legal", rec, "answer", &a);
    json_t *o = get(h, rec);
    assert_true(json_is_true(json_object_get(o, "answer_late")));
    assert_int_equal(json_array_size(json_object_get(o, "evidence_items")), 3);
    json_t *doc = json_array_get(json_object_get(o, "documents"), 0);
    assert_non_null(doc);
    int64_t doc_id = json_integer_value(json_object_get(doc, "id"));
    json_decref(o);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    struct err pe = {0};
    if (document_pdf(&c, doc_id, &pdf, &pe)) fail_msg("document_pdf: %s", pe.msg);
    char *text = h_pdf_text(h->dir, "answer.pdf", pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    assert_non_null(strstr(text, "行政复议答复书"));
    assert_non_null(strstr(text, "医疗机构管理条例》第二十四条"));
    assert_non_null(strstr(text, "3．照片12张"));
    assert_non_null(strstr(text, "常州市武进区人民政府"));
    free(text);
    end(h, rec, "2027-04-20", "settled_withdrawn", "termination", NULL);
    int64_t simple = must_add(h, case_id, s);
    assert_string_equal(h_due(h, "remedy", simple, "answer"), "2027-03-23");
    end(h, simple, "2027-04-21", "dismissed", "decision", NULL);
    int64_t lit =
        must_add(h, case_id, input("litigation", "2027-04-22", "2027-04-25", "2027-05-06"));
    assert_string_equal(h_due(h, "remedy", lit, "answer"), "2027-05-21");
}

/* 出庭应诉: a litigation's hearing; the head in person, or another with the reason; a 复议 has
 * none. */
static void test_r_case_85_appearance(void **state)
{
    struct harness *h = *state;
    int64_t case_id = decided(h);
    int64_t lit = must_add(h, case_id, input("litigation", NULL, "2027-01-05", "2027-01-08"));
    struct wf_args a = {.date = "2027-03-01"};
    wf_arg_set(&a, "appeared", "王法制、李科长");
    wf_arg_set(&a, "head", "no");
    struct err e = {0};
    assert_int_equal(h_step(h, &remedy_workflow, "legal", lit, "appear", &a, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "entrust_reason"), "第三条第三款"));
    wf_arg_set(&a, "entrust_reason", "局长参加省厅会议");
    h_must(h, &remedy_workflow, "legal", lit, "appear", &a);
    struct wf_args b = {.date = "2027-04-01"};
    wf_arg_set(&b, "appeared", "张局长");
    wf_arg_set(&b, "head", "yes");
    h_must(h, &remedy_workflow, "legal", lit, "appear", &b);
    json_t *o = get(h, lit);
    json_t *hs = json_object_get(o, "hearings");
    assert_int_equal(json_array_size(hs), 2);
    assert_string_equal(S(json_array_get(hs, 0), "entrust_reason"), "局长参加省厅会议");
    assert_true(json_is_true(json_object_get(json_array_get(hs, 1), "head")));
    json_decref(o);
    o = get_as(h, "legal", lit);
    bool offered = false;
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(o, "actions"), i, x)
    {
        offered = offered || strcmp(S(x, "action"), "appear") == 0;
    }
    assert_true(offered);
    json_decref(o);
    /* a 复议 is neither offered 出庭应诉 nor allowed it */
    int64_t rec =
        must_add(h, decided(h), input("reconsideration", NULL, "2027-01-06", "2027-01-08"));
    o = get_as(h, "legal", rec);
    json_array_foreach(json_object_get(o, "actions"), i, x)
    {
        assert_string_not_equal(S(x, "action"), "appear");
    }
    json_decref(o);
    err_clear(&e);
    assert_int_equal(h_step(h, &remedy_workflow, "legal", rec, "appear", &b, &e), ERR_INVALID);
}

/* The outcome: the document of its kind; 变更 says what the decision became; 撤销 marks the case
 * (its JSON, its list); an appeal upholding the decision puts it back in force. */
static void test_r_case_86_outcome_marks_the_case(void **state)
{
    struct harness *h = *state;
    int64_t case_id = decided(h);
    int64_t lit = must_add(h, case_id, input("litigation", NULL, "2027-01-05", "2027-01-08"));
    struct wf_args a = {.date = "2027-05-10"};
    wf_arg_set(&a, "outcome", "changed");
    wf_arg_set(&a, "instrument", "decision");
    wf_arg_set(&a, "instrument_no", "（2027）苏0412行初1号");
    struct err e = {0};
    assert_int_equal(h_step(h, &remedy_workflow, "legal", lit, "decide_outcome", &a, &e),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e, "instrument"));
    assert_non_null(err_field_msg(&e, "changed_to"));
    end(h, lit, "2027-05-10", "changed", "judgment", "罚款变更为人民币1000元");
    assert_string_equal(
        h_text(h, "SELECT decision_status FROM penalty_case WHERE id = ?", "i", case_id),
        "changed");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err q = {0};
    json_t *k = case_get(&c, case_id, &q);
    assert_string_equal(S(k, "decision_status_label"), "已变更");
    assert_string_equal(S(k, "decision_status_on"), "2027-05-10");
    assert_non_null(strstr(S(k, "decision_status_reason"), "罚款变更为人民币1000元"));
    json_decref(k);
    struct case_query cq = {.page = 1};
    json_t *list = case_list(&c, &cq, &q);
    bool marked = false;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(list, "rows"), i, r)
    {
        if (json_integer_value(json_object_get(r, "id")) == case_id)
            marked = json_is_true(json_object_get(r, "decision_corrected"));
    }
    assert_true(marked);
    json_decref(list);
    /* the agency appeals within 15 days of the judgment; the second instance upholds the
     * decision: in force again */
    struct remedy_input ap = input("litigation", NULL, "2027-05-20", "2027-05-21");
    char of[24];
    snprintf(of, sizeof of, "%lld", (long long)lit);
    ap.appeal_of = of;
    int64_t appeal = must_add(h, case_id, ap);
    end(h, appeal, "2027-06-20", "upheld", "judgment", NULL);
    assert_string_equal(
        h_text(h, "SELECT decision_status FROM penalty_case WHERE id = ?", "i", case_id),
        "in_force");
}

/* An appeal: 15 days after a judgment (06-01 → 06-16), 10 after a ruling (→ 06-11); of a
 * first-instance litigation ended by one, once; never of an appeal. */
static void test_r_case_87_appeal(void **state)
{
    struct harness *h = *state;
    assert_string_equal(due(h, "judgment", "2027-06-01"), "2027-06-16");
    assert_string_equal(due(h, "ruling", "2027-06-01"), "2027-06-11");
    int64_t case_id = decided(h), id;
    int64_t lit = must_add(h, case_id, input("litigation", NULL, "2027-01-05", "2027-01-08"));
    char of[24];
    snprintf(of, sizeof of, "%lld", (long long)lit);
    struct remedy_input ap = input("litigation", NULL, "2027-06-10", "2027-06-11");
    ap.appeal_of = of;
    struct err e = {0};
    assert_int_equal(add(h, "legal", case_id, ap, &id, &e), ERR_INVALID); /* not ended */
    assert_non_null(strstr(err_field_msg(&e, "appeal_of"), "第八十五条"));
    end(h, lit, "2027-06-01", "revoked", "ruling", NULL);
    ap.filed_on = "2027-06-14";
    ap.received_on = "2027-06-15";
    struct err e2 = {0};
    assert_int_equal(add(h, "legal", case_id, ap, &id, &e2), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "filed_on"), "十日"));
    ap.filed_on = "2027-06-11";
    int64_t appeal = must_add(h, case_id, ap);
    struct err e3 = {0};
    assert_int_equal(add(h, "legal", case_id, ap, &id, &e3), ERR_INVALID); /* once */
    assert_non_null(err_field_msg(&e3, "appeal_of"));
    snprintf(of, sizeof of, "%lld", (long long)appeal);
    struct err e4 = {0};
    assert_int_equal(add(h, "legal", case_id, ap, &id, &e4), ERR_INVALID); /* 终审 */
    assert_non_null(strstr(err_field_msg(&e4, "appeal_of"), "终审"));
}

/* The figures on hand-built rows: 复议 ended 2 upheld, 1 revoked, 1 changed (纠错率 50.00%);
 * 诉讼 1 confirmed illegal, 1 dismissed, one pending; hearings in the period: two litigations,
 * one with its head (50.00%), one outside the period. */
static void test_r_case_88_figures(void **state)
{
    struct harness *h = *state;
    int64_t case_id = decided(h);
    struct err e = {0};
    int64_t agency = strtoll(
        h_text(h, "SELECT agency_id FROM penalty_case WHERE id = ?", "i", case_id), NULL, 10);
    static const char *const rows[][3] = {
        {"reconsideration", "upheld", "2027-02-01"},
        {"reconsideration", "upheld", "2027-02-02"},
        {"reconsideration", "revoked", "2027-02-03"},
        {"reconsideration", "changed", "2027-02-04"},
        {"litigation", "confirmed_illegal", "2027-03-01"},
        {"litigation", "dismissed", "2027-03-02"},
        {"litigation", NULL, NULL},
        {"reconsideration", "revoked", "2026-12-30"},
    };
    int64_t ids[8];
    for (int i = 0; i < 8; i++) {
        struct db_stmt *st = db_query(
            h->db, &e,
            "INSERT INTO case_remedy (agency_id, case_id, line, state, kind, known_on, filed_on,"
            " received_on, body, applicant, ended_on, outcome, created_at, updated_at)"
            " VALUES (?, ?, 'medical', ?, ?, '2027-01-01', '2027-01-02', '2027-01-03', '法院',"
            " '某', ?, ?, 0, 0) RETURNING id",
            "iitttt", agency, case_id, rows[i][1] ? "ended" : "received", rows[i][0], rows[i][2],
            rows[i][1]);
        assert_int_equal(db_step(st, &e), DB_ROW);
        ids[i] = db_int(st, 0);
        db_done(st);
    }
    static const struct {
        int row;
        const char *on;
        int head;
    } hearings[] = {
        {4, "2027-02-10", 0}, {4, "2027-02-20", 1}, {5, "2027-02-11", 0}, {6, "2026-12-01", 1}};
    for (size_t i = 0; i < countof(hearings); i++)
        assert_true(db_exec(h->db, &e,
                            "INSERT INTO case_remedy_hearing (remedy_id, heard_on, appeared, head,"
                            " created_at) VALUES (?, ?, '某', ?, 0)",
                            "iti", ids[hearings[i].row], hearings[i].on,
                            (int64_t)hearings[i].head) >= 0);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *f = remedy_stats(&c, "2027-01-01", "2027-06-30", NULL, &e);
    assert_non_null(f);
    json_t *rec = json_object_get(f, "reconsideration"), *lit = json_object_get(f, "litigation");
    assert_int_equal(json_integer_value(json_object_get(rec, "count")), 4);
    assert_string_equal(S(rec, "rate"), "50.00%");
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(rec, "by_outcome"), 0), "count")),
                     2);
    assert_int_equal(json_integer_value(json_object_get(lit, "count")), 2);
    assert_string_equal(S(lit, "rate"), "50.00%");
    json_t *ap = json_object_get(f, "appearance");
    assert_int_equal(json_integer_value(json_object_get(ap, "count")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(ap, "head"), "count")), 1);
    assert_string_equal(S(ap, "rate"), "50.00%");
    /* each count opens its list */
    struct remedy_query q = {.kind = "reconsideration",
                             .outcome = "corrected",
                             .ended_from = "2027-01-01",
                             .ended_to = "2027-06-30",
                             .page = 1};
    assert_non_null(strstr(S(json_object_get(rec, "corrected"), "list"), "outcome=corrected"));
    json_t *page = remedy_search(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(page, "rows")), 2);
    json_decref(page);
    struct remedy_query hq = {.kind = "litigation",
                              .heard_from = "2027-01-01",
                              .heard_to = "2027-06-30",
                              .head = "1",
                              .page = 1};
    page = remedy_search(&c, &hq, &e);
    assert_int_equal(json_array_size(json_object_get(page, "rows")), 1);
    json_decref(page);
    json_decref(f);
}

/* The days in order: known before the decision, filed before known, received before filed, any
 * after today: each beside its field; an answer before the copy was received. */
static void test_r_case_89_days_in_order(void **state)
{
    struct harness *h = *state;
    int64_t case_id = decided(h), id;
    struct err e = {0};
    assert_int_equal(add(h, "legal", case_id,
                         input("reconsideration", "2026-12-21", "2026-12-20", "2026-12-19"), &id,
                         &e),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "known_on"), "作出决定之日"));
    assert_non_null(strstr(err_field_msg(&e, "filed_on"), "知道之日"));
    assert_non_null(strstr(err_field_msg(&e, "received_on"), "申请（起诉）日期"));
    struct err e2 = {0};
    assert_int_equal(add(h, "legal", case_id,
                         input("reconsideration", NULL, "2027-07-02", "2027-07-03"), &id, &e2),
                     ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e2, "filed_on"), "今天"));
    int64_t rec = must_add(h, case_id, input("reconsideration", NULL, "2027-01-05", "2027-01-08"));
    struct wf_args a = {.date = "2027-01-07"};
    wf_arg_set(&a, "who", "王法制");
    wf_arg_set(&a, "summary", "事实清楚");
    wf_arg_set(&a, "basis", "条例");
    wf_arg_set(&a, "evidence", "现场笔录");
    struct err e3 = {0};
    assert_int_equal(h_step(h, &remedy_workflow, "legal", rec, "answer", &a, &e3), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e3, "date"), "收到副本"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_80_registered_on_a_decision),
        T(test_r_case_81_sixty_days),
        T(test_r_case_82_six_months_and_fifteen_days),
        T(test_r_case_83_reconsideration_first),
        T(test_r_case_84_answer_periods),
        T(test_r_case_85_appearance),
        T(test_r_case_86_outcome_marks_the_case),
        T(test_r_case_87_appeal),
        T(test_r_case_88_figures),
        T(test_r_case_89_days_in_order),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
