/* test_rules.c — the register of rules served at /rules: public, with and without a login; every
 * rule under its area with its id as the anchor others link to; the JSON face the same data. */
#include "tests/support.h"
#include "law/rules.h"
#include "law/task.h"

#include <stdio.h>
#include <string.h>

/* The page shows every rule of the register: its anchor, its text, its basis. */
static void assert_every_rule_shown(const struct hresp *r)
{
    size_t n;
    const struct rule *all = rules_all(&n);
    char s[640];
    for (size_t i = 0; i < n; i++) {
        snprintf(s, sizeof s, "<tr id=\"%s\"><td class=\"mono\"><a href=\"#%s\">%s</a>", all[i].id,
                 all[i].id, all[i].id);
        ASSERT_HAS(*r, s);
        ASSERT_HAS(*r, all[i].text);
        snprintf(s, sizeof s, "<td>%s%s</td>", all[i].law, all[i].article);
        ASSERT_HAS(*r, s);
    }
    size_t na;
    const struct rule_area *areas = rule_areas(&na);
    for (size_t i = 0; i < na; i++) {
        snprintf(s, sizeof s, "<section class=\"card rules\" id=\"%s\">\n  <h2>%s</h2>",
                 areas[i].code, areas[i].label);
        ASSERT_HAS(*r, s);
    }
}

static void test_rules_page_without_login(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/rules", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "text/html"));
    ASSERT_HAS(r, "<title>执法规则登记册");
    ASSERT_LACKS(r, "class=\"link\">退出</button>"); /* no login, no navigation */
    assert_every_rule_shown(&r);
    /* a parameter with the default the code uses */
    char s[96];
    snprintf(s, sizeof s, "结果公示期限：%d个工作日", TASK_PUBLISH_DAYS);
    ASSERT_HAS(r, s);
    ASSERT_HAS(r, "<td>本系统规则</td>");
    hresp_free(&r);
}

static void test_rules_page_with_login(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "viewer");
    struct hresp r;
    h_request(h, &c, "GET", "/rules", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "退出");
    assert_every_rule_shown(&r);
    hresp_free(&r);
}

/* The API shows what the page shows: the register as rules_json builds it, for anyone. */
static void test_rules_api_is_the_page_data(void **state)
{
    struct harness *h = *state;
    json_t *want = rules_json();
    struct hresp r;
    h_request(h, NULL, "GET", "/api/v1/rules", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(str_prefix(r.content_type, "application/json"));
    assert_true(json_equal(r.json, want));
    hresp_free(&r);
    struct client c;
    h_login(h, &c, "admin");
    h_request(h, &c, "GET", "/api/v1/rules", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_equal(r.json, want));
    hresp_free(&r);
    json_decref(want);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_rules_page_without_login),
        T(test_rules_page_with_login),
        T(test_rules_api_is_the_page_data),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
