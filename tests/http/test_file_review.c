/* test_file_review.c — the case-file audit (案卷评查) through the real router: the section and
 * button on a closed case's page for an auditor, the score form by section with its messages
 * beside each item, completion with its 评查表, a correction returned to the handler (its last
 * day on the case page, the handler's list) and answered; 层级稽查 (the neighbouring county sees
 * nothing); the API's refusals with field errors; the figures and a sample. */
#include "support.h"
#include "case_fixture.h"

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

/* The form body of every item full, item 2.1 given score21 with its finding and the flag for
 * correction (freed by the sender). */
static char *full_marks(const char *score21, const char *finding)
{
    return h_form("score_1.1", "6", "score_1.2", "4", "score_2.1", score21, "finding_2.1", finding,
                  "correction_2.1", "1", "score_2.2", "8", "score_2.3", "3", "score_3.1", "12",
                  "score_3.2", "5", "score_4.1", "8", "score_4.2", "8", "score_4.3", "6",
                  "score_4.4", "4", "score_5.1", "8", "score_5.2", "4", "score_6.1", "7",
                  "score_6.2", "3", "findings", "案卷基本规范", NULL);
}

static void test_r_file_review_on_the_pages(void **state)
{
    struct harness *h = *state;
    int64_t id = reviewable_case(h);
    struct client auditor, viewer, officer, other;
    h_login(h, &auditor, "auditor");
    h_login(h, &viewer, "viewer");
    h_login(h, &officer, "officer");
    h_login(h, &other, "other");
    char page[64], post[64];
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/reviews", (long long)id);
    struct hresp r;
    h_request(h, &auditor, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "评查本案卷");
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_LACKS(r, "评查本案卷");
    hresp_free(&r);
    h_send_form(h, &auditor, post, h_form("x", "", NULL), &r);
    ASSERT_STATUS(r, 303);
    int64_t rid = h_id_from_location(&r, "/reviews/");
    hresp_free(&r);
    char show[64], scores[80], step[96];
    snprintf(show, sizeof show, "/reviews/%lld", (long long)rid);
    snprintf(scores, sizeof scores, "/reviews/%lld/scores", (long long)rid);
    h_request(h, &auditor, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "执法主体合法，执法人员持证且不少于两人");
    ASSERT_HAS(r, "结案前检查");
    ASSERT_HAS(r, "保存评分");
    hresp_free(&r);
    /* over the item's points and a deduction without its finding: beside each item */
    h_send_form(h, &auditor, scores, full_marks("15", ""), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "score_2.1", "0至14");
    h_assert_error_count(&r);
    hresp_free(&r);
    h_send_form(h, &auditor, scores, full_marks("10", ""), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "finding_2.1", "扣分理由");
    ASSERT_HAS(r, "value=\"10\"");
    hresp_free(&r);
    h_send_form(h, &auditor, scores, full_marks("10", "询问笔录缺少当事人签名"), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(step, sizeof step, "%s/complete", show);
    h_send_form(h, &auditor, step, h_form("excellent", "no", NULL), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    snprintf(step, sizeof step, "%s/request_correction", show);
    h_send_form(h, &auditor, step, h_form("note", "请补充签名", NULL), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &auditor, "GET", show, NULL, &r);
    ASSERT_HAS(r, "96分");
    ASSERT_HAS(r, "优秀");
    ASSERT_HAS(r, "需补正的问题");
    ASSERT_HAS(r, "2027-01-18"); /* 10 working days from 01-04 */
    ASSERT_HAS(r, "行政处罚案卷评查表");
    hresp_free(&r);
    /* the handler: on the case page, in their list, and answers */
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_HAS(r, "补正中");
    ASSERT_HAS(r, "2027-01-18");
    hresp_free(&r);
    h_request(h, &officer, "GET", "/reviews?mine=1&state=correcting", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, show);
    hresp_free(&r);
    snprintf(step, sizeof step, "%s/answer", show);
    h_send_form(h, &officer, step, h_form("answer", "", NULL), &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    h_send_form(h, &officer, step, h_form("answer", "已补充当事人签名", NULL), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    /* 层级稽查: the neighbouring county sees neither the review nor it in the list */
    h_request(h, &other, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &other, "GET", "/reviews", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, show);
    hresp_free(&r);
    h_request(h, &auditor, "GET", "/reviews/figures?from=2027-01-01&to=2027-01-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "96.0");
    hresp_free(&r);
    h_request(h, &auditor, "GET", "/reviews/rubric", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "处罚幅度符合裁量基准");
    hresp_free(&r);
}

static void test_r_file_review_api(void **state)
{
    struct harness *h = *state;
    int64_t id = reviewable_case(h);
    struct client city, other, viewer;
    h_login(h, &city, "city");
    h_login(h, &other, "other");
    h_login(h, &viewer, "viewer");
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/cases/%lld/reviews", (long long)id);
    h_request(h, &viewer, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &other, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &city, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 201);
    int64_t rid = json_integer_value(json_object_get(r.json, "id"));
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "reviewing");
    assert_int_equal(json_array_size(json_object_get(r.json, "sections")), 6);
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/reviews/%lld/scores", (long long)rid);
    h_request(h, &city, "POST", url, "{\"score_1.1\":\"9\",\"score_6.2\":\"2\"}", &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "score_1.1"), "0至6"));
    assert_non_null(strstr(h_field_msg(&r, "finding_6.2"), "扣分"));
    hresp_free(&r);
    snprintf(url, sizeof url, "/api/v1/reviews/%lld/complete", (long long)rid);
    h_request(h, &city, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    h_request(h, &city, "GET", "/api/v1/reviews?state=reviewing", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 1);
    hresp_free(&r);
    h_request(h, &city, "POST", "/api/v1/reviews/samples",
              "{\"from\":\"2026-12-01\",\"to\":\"2026-12-31\",\"n\":\"3\",\"seed\":\"s1\"}", &r);
    ASSERT_STATUS(r, 201);
    assert_int_equal(json_integer_value(json_object_get(r.json, "pool")), 1);
    hresp_free(&r);
    h_request(h, &city, "POST", "/api/v1/reviews/samples", "{\"from\":\"x\",\"n\":\"0\"}", &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "from"));
    assert_non_null(h_field_msg(&r, "n"));
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/reviews/figures?from=2027-01-01&to=2027-01-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_non_null(json_object_get(r.json, "by_grade"));
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_file_review_on_the_pages),
        T(test_r_file_review_api),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
