/* test_case_hearing.c — the hearing of a penalty case through the real router: the party's
 * request refused after the 5 working days with the message beside its field and then taken
 * from the page's form; the hearing set by a leader only, its chair refused when they
 * investigated; the case page showing the hearing and the record's form to the chair alone; the
 * record taken by the chair, the legal review after it, and the summons served as a PDF. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"

#include <stdio.h>
#include <string.h>

static struct {
    int64_t id; /* the case, notified on 2026-09-29 */
    char url[64], api[80], leader[24], officer[24];
} F;

/* cf_setup on 2026-11-02 with a citizen's case, fined 6,000 元 (a hearing may be asked for),
 * notified on 2026-09-29. */
static int setup(void **state)
{
    if (cf_setup_at(state, "2026-11-02T09:00:00+08:00")) return -1;
    struct harness *h = *state;
    struct case_input in = cf_sample("2026-09-01", "2026-08-25");
    in.source = "other";
    in.entity_id = NULL;
    in.party_name = "李某";
    in.party_kind = "citizen";
    struct cf_end end = {
        .on = "2026-09-21", .item = cf_item_plain(h), .types = "警告、罚款", .fine = "6000"};
    F.id = cf_notified(h, in, "2026-09-02", "2026-09-03", &end, "2026-09-29");
    snprintf(F.url, sizeof F.url, "/cases/%lld", (long long)F.id);
    snprintf(F.api, sizeof F.api, "/api/v1/cases/%lld", (long long)F.id);
    snprintf(F.leader, sizeof F.leader, "%s", cf_user(h, "leader"));
    snprintf(F.officer, sizeof F.officer, "%s", cf_user(h, "officer"));
    return 0;
}

/* Assert that msg stands as a field error beside control name in the form of step action (each
 * step's form has its own date field, so the page's first one is not it). */
static void step_field_error(const struct hresp *r, const char *action, const char *name,
                             const char *msg)
{
    char id[64];
    snprintf(id, sizeof id, "id=\"step-%s\"", action);
    const char *form = strstr(r->body, id);
    if (!form) fail_msg("no form %s: %.1500s", action, r->body);
    struct hresp part = *r;
    part.body = (char *)form;
    h_assert_field_error(&part, name, msg);
}

static void test_r_case_31_r_case_34_r_case_35_hearing_through_the_router(void **state)
{
    struct harness *h = *state;
    struct client officer, leader, legal;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &legal, "legal");
    struct hresp r;
    char url[120];
    /* asked on 10-13: one working day late, refused beside the date on the page's form */
    snprintf(url, sizeof url, "%s/request_hearing", F.url);
    FORM(h, &officer, url, &r, "how", "written", "date", "2026-10-13", "note", "要求听证");
    ASSERT_STATUS(r, 422);
    step_field_error(&r, "request_hearing", "date", "第六十四条第（一）项");
    ASSERT_HAS(r, "要求听证");
    hresp_free(&r);
    FORM(h, &officer, url, &r, "how", "written", "date", "2026-10-12", "note", "要求听证");
    ASSERT_STATUS(r, 303);
    char next[120];
    snprintf(next, sizeof next, "%s", r.location);
    hresp_free(&r);
    h_request(h, &officer, "GET", next, NULL, &r);
    ASSERT_HAS(r, "已登记当事人的听证要求");
    ASSERT_HAS(r, "当事人书面要求听证");
    hresp_free(&r);
    /* set by a leader only; not chaired by the officer who investigated */
    snprintf(url, sizeof url, "%s/set_hearing", F.api);
    h_send_json(h, &officer, "POST", url,
                json_pack("{ss ss ss ss ss ss ss}", "date", "2026-10-13", "hearing_on",
                          "2026-10-22", "hearing_time", "上午9时", "place", "第一会议室", "chair",
                          F.leader, "publicity", "public", "note", ""),
                &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_send_json(h, &leader, "POST", url,
                json_pack("{ss ss ss ss ss ss}", "date", "2026-10-13", "hearing_on", "2026-10-22",
                          "hearing_time", "上午9时", "place", "第一会议室", "chair", F.officer,
                          "publicity", "public"),
                &r);
    ASSERT_STATUS(r, 422);
    if (!strstr(h_field_msg(&r, "chair"), "第六十四条第（四）项")) fail_msg("%s", r.body);
    hresp_free(&r);
    h_send_json(h, &leader, "POST", url,
                json_pack("{ss ss ss ss ss ss}", "date", "2026-10-13", "hearing_on", "2026-10-22",
                          "hearing_time", "上午9时", "place", "第一会议室", "chair", F.leader,
                          "publicity", "public"),
                &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    /* the page: the hearing, and the record's form for the chair alone */
    h_request(h, &leader, "GET", F.url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "2026-10-22 上午9时 · 第一会议室 · 主持人 leader");
    ASSERT_HAS(r, "听证通知书");
    ASSERT_HAS(r, "name=\"recorder\"");
    hresp_free(&r);
    h_request(h, &officer, "GET", F.url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "name=\"recorder\"");
    hresp_free(&r);
    snprintf(url, sizeof url, "%s/hold_hearing", F.api);
    json_t *record = json_pack("{ss ss ss ss ss ss}", "date", "2026-10-22", "outcome", "held",
                               "recorder", "张记录", "participants", "当事人李某；办案人员1、2",
                               "charges", "建议警告并罚款6000元", "defence", "请求从轻处罚");
    h_send_json(h, &officer, "POST", url, json_deep_copy(record), &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_send_json(h, &leader, "POST", url, record, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(url, sizeof url, "%s/review_pass", F.api);
    h_send_json(h, &legal, "POST", url, json_pack("{ss ss}", "date", "2026-10-26", "note", "同意"),
                &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, &legal, "GET", F.api, NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *hr = json_object_get(r.json, "hearing");
    assert_string_equal(json_string_value(json_object_get(hr, "heard_on")), "2026-10-22");
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "reviewed");
    hresp_free(&r);
    snprintf(url, sizeof url, "/documents/%s.pdf",
             h_text(h,
                    "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                    " AND type = 'hearing_summons'",
                    "i", F.id));
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/pdf");
    hresp_free(&r);
}

/* Without the right to a hearing (an organisation's fine below 50,000 元) the API refuses. */
static void test_r_case_30_request_refused_through_the_api(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    assert_true(db_exec(h->db, &e, "UPDATE penalty_case SET hearing_right = 0 WHERE id = ?", "i",
                        F.id) >= 0);
    struct client officer;
    h_login(h, &officer, "officer");
    struct hresp r;
    char url[120];
    snprintf(url, sizeof url, "%s/request_hearing", F.api);
    h_send_json(h, &officer, "POST", url, json_pack("{ss ss}", "how", "oral", "date", "2026-09-30"),
                &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第六十三条");
    hresp_free(&r);
}

/* [R-CASE-60] The party's statement through the router: a day before the notice is refused beside
 * the date; recorded, the page shows it with the review and its 陈述和申辩笔录. */
static void test_r_case_60_statement_through_the_router(void **state)
{
    struct harness *h = *state;
    struct client officer;
    h_login(h, &officer, "officer");
    struct hresp r;
    char url[120];
    snprintf(url, sizeof url, "%s/record_statement", F.url);
    FORM(h, &officer, url, &r, "how", "written", "statement", "请求从轻处罚", "review", "partial",
         "review_reason", "已整改，但违法事实成立", "date", "2026-09-28");
    ASSERT_STATUS(r, 422);
    step_field_error(&r, "record_statement", "date", "不能早于事先告知日期");
    hresp_free(&r);
    FORM(h, &officer, url, &r, "how", "written", "statement", "请求从轻处罚", "review", "partial",
         "review_reason", "已整改，但违法事实成立", "date", "2026-09-30");
    ASSERT_STATUS(r, 303);
    char next[120];
    snprintf(next, sizeof next, "%s", r.location);
    hresp_free(&r);
    h_request(h, &officer, "GET", next, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已记录当事人的陈述、申辩");
    ASSERT_HAS(r, "复核意见：部分采纳");
    ASSERT_HAS(r, "请求从轻处罚");
    ASSERT_HAS(r, "陈述和申辩笔录");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_31_r_case_34_r_case_35_hearing_through_the_router),
        T(test_r_case_30_request_refused_through_the_api),
        T(test_r_case_60_statement_through_the_router),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
