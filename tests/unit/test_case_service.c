/* test_case_service.c — the service (送达) of a case's documents (行政处罚法 第六十一条): the
 * decision opens the 送达期限 of 7 working days, its service meets it and one after it is flagged
 * late; electronic service only with the party's 确认书 (第六十一条第二款); 留置 names its
 * witnesses, 公告 only after the other methods failed (民事诉讼法 第八十九条、第九十五条); the
 * document and the days; the 送达回执 kept and read back; the figures and their lists. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/case_stats.h"
#include "law/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A case of the clinic filed on 11-04, concluded, notified and waived on 12-14 and decided on
 * 12-15 (警告、罚款 3,000 元) by "leader". */
static int64_t decided(struct harness *h)
{
    int64_t id = cf_filed(h, cf_sample("2026-11-02", "2026-10-30"), "2026-11-03", "2026-11-04");
    struct cf_end end = {.on = "2026-12-14",
                         .item = cf_item(h),
                         .level = "一般",
                         .types = "警告、罚款",
                         .fine = "3000"};
    struct err e = {0};
    if (cf_conclude_as(h, id, &end, &e))
        fail_msg("conclude: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    cf_notify(h, id, "2026-12-14");
    struct wf_args w = {.date = "2026-12-14", .note = "当事人书面放弃陈述、申辩"};
    h_must(h, &case_workflow, "officer", id, "waive", &w);
    struct wf_args d = {.date = "2026-12-15", .note = "当事人放弃陈述、申辩"};
    wf_arg_set(&d, "types", "warning,fine");
    wf_arg_set(&d, "fine", "3000");
    h_must(h, &case_workflow, "leader", id, "decide", &d);
    return id;
}

/* The id (as text) of the case's document of type. */
static const char *doc_of(struct harness *h, int64_t id, const char *type)
{
    return h_text(h,
                  "SELECT id FROM document WHERE object_type = 'case' AND object_id = ?"
                  " AND type = ? ORDER BY id DESC LIMIT 1",
                  "it", id, type);
}

/* The arguments of a direct service of the decision on day. */
static struct wf_args direct(struct harness *h, int64_t id, const char *day)
{
    struct wf_args a = {.date = day};
    wf_arg_set(&a, "document", doc_of(h, id, "penalty_decision"));
    wf_arg_set(&a, "method", "direct");
    wf_arg_set(&a, "recipient", "王某");
    wf_arg_set(&a, "relation", "法定代表人");
    wf_arg_set(&a, "place", "康宁诊所办公室");
    wf_arg_set(&a, "server", "张三、李四");
    wf_arg_set(&a, "signer", "王某");
    return a;
}

static int serve(struct harness *h, int64_t id, struct wf_args *a, struct err *e)
{
    return h_step(h, &case_workflow, "officer", id, "serve", a, e);
}

/* The text of the kept PDF of document doc. */
static char *pdf_text(struct harness *h, const char *doc)
{
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct document_pdf pdf = {0};
    struct err e = {0};
    if (document_pdf(&c, strtoll(doc, NULL, 10), &pdf, &e)) fail_msg("document_pdf: %s", e.msg);
    char *text = h_pdf_text(h->dir, "receipt.pdf", pdf.pdf.p, pdf.pdf.len);
    buf_free(&pdf.pdf);
    return text;
}

static bool contains(const char *text, const char *s)
{
    char *flat = h_flat(s);
    bool in = strstr(text, flat) != NULL;
    free(flat);
    return in;
}

/* Decided on 12-15: the 送达期限 runs 7 working days to 12-24; served directly on 12-18 it is met,
 * the case stays decided, and the 送达回执 is kept with the decision's 文号 and the recipient. */
static void test_r_case_70_r_case_91_served_within_seven_working_days(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    assert_string_equal(h_due(h, "case", id, "serve"), "2026-12-24");
    struct wf_args a = direct(h, id, "2026-12-18");
    struct err e = {0};
    if (serve(h, id, &a, &e)) fail_msg("serve: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    assert_string_equal(h_text(h, "SELECT state FROM penalty_case WHERE id = ?", "i", id),
                        "decided");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'serve' AND outcome = 'met' AND ended_on = '2026-12-18'",
                         "i", id));
    assert_string_equal(h_text(h, "SELECT late FROM case_service WHERE case_id = ?", "i", id), "0");
    /* [R-CASE-91] received on 12-18: 15 days later is Saturday 2027-01-02, the fine is due on
     * Monday 01-04 */
    assert_string_equal(
        h_text(h, "SELECT decision_received_on FROM penalty_case WHERE id = ?", "i", id),
        "2026-12-18");
    assert_string_equal(
        h_text(h, "SELECT last_day FROM case_instalment WHERE case_id = ?", "i", id), "2027-01-04");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    assert_non_null(o);
    json_t *s = json_array_get(json_object_get(o, "services"), 0);
    assert_string_equal(json_string_value(json_object_get(s, "method_label")), "直接送达");
    assert_false(json_is_true(json_object_get(s, "late")));
    bool shown = false;
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(o, "timeline"), i, t)
    {
        const char *title = json_string_value(json_object_get(t, "title"));
        shown = shown || (strstr(title, "送达行政处罚决定书") && strstr(title, "直接送达"));
    }
    assert_true(shown);
    json_decref(o);
    const char *number = h_text(h, "SELECT number FROM penalty_case WHERE id = ?", "i", id);
    char *text = pdf_text(h, doc_of(h, id, "service_receipt"));
    assert_true(contains(text, "送达回执"));
    assert_true(contains(text, number));
    assert_true(contains(text, "王某（法定代表人）"));
    assert_true(contains(text, "直接送达"));
    free(text);
}

/* Served by post on 12-28, after the 7 working days: recorded, the deadline ends late, the
 * service is flagged, and the figures count it (served, late) with the lists behind them. */
static void test_r_case_70_late_service_flagged(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    h_set_now(h, "2026-12-29T09:00:00+08:00");
    struct wf_args a = direct(h, id, "2026-12-28");
    wf_arg_set(&a, "method", "post");
    wf_arg_set(&a, "place", NULL);
    wf_arg_set(&a, "signer", "王某");
    struct err e1 = {0}, e = {0};
    assert_int_equal(serve(h, id, &a, &e1), ERR_INVALID);
    assert_string_equal(e1.fields[0].name, "tracking_no");
    wf_arg_set(&a, "tracking_no", "EMS1234567890");
    if (serve(h, id, &a, &e)) fail_msg("serve: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    assert_string_equal(h_text(h, "SELECT late FROM case_service WHERE case_id = ?", "i", id), "1");
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    json_t *o = case_get(&c, id, &e);
    assert_true(json_is_true(json_object_get(json_object_get(o, "serve_deadline"), "late")));
    json_decref(o);
    json_t *f = case_stats(&c, &(struct case_period){.from = "2026-12-01", .to = "2026-12-31"}, &e);
    assert_non_null(f);
    json_t *served = json_object_get(f, "served");
    assert_int_equal(json_integer_value(json_object_get(served, "count")), 1);
    json_t *late = json_object_get(served, "late");
    assert_int_equal(json_integer_value(json_object_get(late, "count")), 1);
    assert_non_null(strstr(json_string_value(json_object_get(late, "list")), "served=late"));
    json_decref(f);
    struct case_query q = {.served = "late", .decided_from = "2026-12-01"};
    json_t *list = case_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
}

/* 第六十一条第二款: electronic service only with the party's consent and 确认书, signed before the
 * service, and the address it names. */
static void test_r_case_71_electronic_service_needs_the_confirmation(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    struct wf_args a = direct(h, id, "2026-12-18");
    wf_arg_set(&a, "method", "electronic");
    wf_arg_set(&a, "signer", NULL);
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e = {0};
    assert_int_equal(serve(h, id, &a, &e1), ERR_INVALID);
    assert_string_equal(e1.fields[0].name, "consent_on");
    assert_non_null(strstr(e1.fields[0].msg, "第六十一条"));
    wf_arg_set(&a, "consent_on", "2026-12-19");
    assert_int_equal(serve(h, id, &a, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "consent_on");
    wf_arg_set(&a, "consent_on", "2026-11-10");
    assert_int_equal(serve(h, id, &a, &e3), ERR_INVALID);
    assert_string_equal(e3.fields[0].name, "channel");
    wf_arg_set(&a, "channel", "kangning@example.com");
    if (serve(h, id, &a, &e)) fail_msg("serve: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    char *text = pdf_text(h, doc_of(h, id, "service_receipt"));
    assert_true(contains(text, "kangning@example.com"));
    free(text);
}

/* 民事诉讼法 第八十九条: 留置送达 names its witnesses; 第九十五条: 公告送达 only when the other
 * methods could not serve, said. */
static void test_r_case_72_left_with_witnesses_notice_after_failure(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    struct wf_args a = direct(h, id, "2026-12-18");
    wf_arg_set(&a, "method", "left");
    wf_arg_set(&a, "signer", NULL);
    struct err e1 = {0}, e2 = {0}, e = {0};
    assert_int_equal(serve(h, id, &a, &e1), ERR_INVALID);
    assert_string_equal(e1.fields[0].name, "witnesses");
    assert_non_null(strstr(e1.fields[0].msg, "第八十九条"));
    struct wf_args n = {.date = "2026-12-18"};
    wf_arg_set(&n, "document", doc_of(h, id, "penalty_decision"));
    wf_arg_set(&n, "method", "notice");
    wf_arg_set(&n, "server", "张三");
    assert_int_equal(serve(h, id, &n, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "failed");
    assert_non_null(strstr(e2.fields[0].msg, "第九十五条"));
    wf_arg_set(&a, "witnesses", "社区居委会 赵某");
    if (serve(h, id, &a, &e)) fail_msg("serve: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    char *text = pdf_text(h, doc_of(h, id, "service_receipt"));
    assert_true(contains(text, "社区居委会赵某"));
    assert_true(contains(text, "留置于送达地点"));
    free(text);
}

/* The document is one of the case's documents a party is served; its days neither before the
 * document nor after today; an investigator records it, the prior notice's service meets no
 * deadline; a viewer may not. */
static void test_r_case_73_document_days_and_who(void **state)
{
    struct harness *h = *state;
    int64_t id = decided(h);
    struct wf_args a = direct(h, id, "2026-12-18");
    struct err e1 = {0}, e2 = {0}, e3 = {0}, e4 = {0}, e5 = {0}, e = {0};
    wf_arg_set(&a, "document", doc_of(h, id, "filing_report"));
    assert_int_equal(serve(h, id, &a, &e1), ERR_INVALID);
    assert_string_equal(e1.fields[0].name, "document");
    a = direct(h, id, "2026-12-14");
    assert_int_equal(serve(h, id, &a, &e2), ERR_INVALID);
    assert_string_equal(e2.fields[0].name, "date");
    a = direct(h, id, "2027-01-01");
    assert_int_equal(serve(h, id, &a, &e3), ERR_INVALID);
    assert_string_equal(e3.fields[0].name, "date");
    a = direct(h, id, "2026-12-18");
    wf_arg_set(&a, "signer", NULL);
    assert_int_equal(serve(h, id, &a, &e4), ERR_INVALID);
    assert_string_equal(e4.fields[0].name, "signer");
    a = direct(h, id, "2026-12-18");
    assert_int_equal(h_step(h, &case_workflow, "viewer", id, "serve", &a, &e5), ERR_FORBIDDEN);
    /* the prior notice served: recorded, the decision's deadline still open */
    a = direct(h, id, "2026-12-18");
    wf_arg_set(&a, "document", doc_of(h, id, "prior_notice"));
    if (serve(h, id, &a, &e)) fail_msg("serve: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM wf_deadline WHERE kind = 'case' AND object_id = ?"
                         " AND name = 'serve' AND ended_on IS NULL",
                         "i", id));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_70_r_case_91_served_within_seven_working_days),
        T(test_r_case_70_late_service_flagged),
        T(test_r_case_71_electronic_service_needs_the_confirmation),
        T(test_r_case_72_left_with_witnesses_notice_after_failure),
        T(test_r_case_73_document_days_and_who),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
