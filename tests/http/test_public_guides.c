/* test_public_guides.c — the public guides under /public/guides: every one reachable without a
 * login, with its headings and nothing of the staff's pages; their periods and document names the
 * ones the program enforces. */
#include "tests/support.h"
#include "law/case.h"
#include "law/case_summary.h"
#include "law/document.h"
#include "law/remedy.h"

#include <stdio.h>
#include <string.h>

static const char *const slugs[] = {
    "penalty-procedure", "summary-procedure", "random-inspection",      "complaints",
    "remedies",          "services",          "officers-and-documents", NULL};

/* Nothing a staff member's page has: the menu, the account, the logout form, a CSRF token. */
static void assert_no_staff_parts(const struct hresp *r)
{
    ASSERT_LACKS(*r, "class=\"nav\"");
    ASSERT_LACKS(*r, "/logout");
    ASSERT_LACKS(*r, "_csrf");
    ASSERT_LACKS(*r, "href=\"/me\"");
}

static void test_guides_reachable_without_login(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/public/guides", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<h1>办事指南与执法流程</h1>");
    assert_no_staff_parts(&r);
    char s[128];
    for (int i = 0; slugs[i]; i++) {
        snprintf(s, sizeof s, "href=\"/public/guides/%s\"", slugs[i]);
        ASSERT_HAS(r, s);
    }
    hresp_free(&r);
    for (int i = 0; slugs[i]; i++) {
        snprintf(s, sizeof s, "/public/guides/%s", slugs[i]);
        h_request(h, NULL, "GET", s, NULL, &r);
        ASSERT_STATUS(r, 200);
        ASSERT_HAS(r, "<h1>");
        ASSERT_HAS(r, "<h2");
        ASSERT_HAS(r, "aria-current=\"page\"");
        ASSERT_HAS(r, "其他指南");
        assert_no_staff_parts(&r);
        assert_string_equal(h_header(&r, "Cache-Control"), "public, no-cache");
        hresp_free(&r);
    }
    h_request(h, NULL, "GET", "/public/guides/nonesuch", NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
}

/* Every table has a caption and headers with a scope; the flow chart is an ordered list with a
 * caption, and each of its steps is explained in text below it. */
static void test_guides_accessible(void **state)
{
    struct harness *h = *state;
    char s[128];
    for (int i = 0; slugs[i]; i++) {
        snprintf(s, sizeof s, "/public/guides/%s", slugs[i]);
        struct hresp r;
        h_request(h, NULL, "GET", s, NULL, &r);
        for (const char *t = strstr(r.body, "<table"); t; t = strstr(t + 1, "<table")) {
            const char *end = strstr(t, "</table>");
            const char *cap = strstr(t, "<caption>");
            assert_true(cap && cap < end);
            const char *th = strstr(t, "<th ");
            assert_true(th && th < end && strncmp(th, "<th scope=", 10) == 0);
        }
        hresp_free(&r);
    }
    struct hresp r;
    h_request(h, NULL, "GET", "/public/guides/penalty-procedure", NULL, &r);
    ASSERT_HAS(r, "<figure class=\"flow\" aria-labelledby=\"flow-cap\">");
    ASSERT_HAS(r, "<ol class=\"flow-steps\">");
    ASSERT_HAS(r, "<span class=\"flow-name\">事先告知</span>");
    ASSERT_HAS(r, "<h3>事先告知</h3>");
    hresp_free(&r);
}

/* [R-PUB-53] the periods and document names are the program's own: the remedies' periods, the
 * summary procedure's limits, the documents of the register. */
static void test_r_pub_53_guides_say_what_the_program_does(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    char s[256];
    h_request(h, NULL, "GET", "/public/guides/remedies", NULL, &r);
    snprintf(s, sizeof s, "自知道该行政行为之日起 %d 日内", REMEDY_APPLY_DAYS);
    ASSERT_HAS(r, s);
    snprintf(s, sizeof s, "自知道该行政行为之日起 %d 个月内", REMEDY_SUE_MONTHS);
    ASSERT_HAS(r, s);
    hresp_free(&r);

    h_request(h, NULL, "GET", "/public/guides/summary-procedure", NULL, &r);
    snprintf(s, sizeof s, "警告，或者 %d 元以下罚款", CASE_SUMMARY_FINE_CITIZEN);
    ASSERT_HAS(r, s);
    snprintf(s, sizeof s, "警告，或者 %d 元以下罚款", CASE_SUMMARY_FINE_ORG);
    ASSERT_HAS(r, s);
    snprintf(s, sizeof s, "《%s》", document_type_label("summary_penalty_decision"));
    ASSERT_HAS(r, s);
    hresp_free(&r);

    h_request(h, NULL, "GET", "/public/guides/penalty-procedure", NULL, &r);
    snprintf(s, sizeof s, "自立案之日起 %d 日内", CASE_DECIDE_DAYS);
    ASSERT_HAS(r, s);
    snprintf(s, sizeof s, "%d 个工作日内要求听证", CASE_HEARING_REQUEST_DAYS);
    ASSERT_HAS(r, s);
    hresp_free(&r);

    h_request(h, NULL, "GET", "/public/guides/officers-and-documents", NULL, &r);
    ASSERT_HAS(r, "行政执法证");
    const char *const codes[] = {"site_record",
                                 "inquiry_record",
                                 "advice_notice",
                                 "prior_notice",
                                 "penalty_decision",
                                 "service_receipt",
                                 NULL};
    for (int i = 0; codes[i]; i++) {
        snprintf(s, sizeof s, "<li>%s</li>", document_type_label(codes[i]));
        ASSERT_HAS(r, s);
    }
    hresp_free(&r);
}

/* A logged-in visitor reads the same guide, with their menu. */
static void test_guides_with_login(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "viewer");
    struct hresp r;
    h_request(h, &c, "GET", "/public/guides/remedies", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "/logout");
    ASSERT_HAS(r, "<h1>救济渠道</h1>");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_guides_reachable_without_login),
        T(test_guides_accessible),
        T(test_r_pub_53_guides_say_what_the_program_does),
        T(test_guides_with_login),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
