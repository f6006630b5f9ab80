/* test_evidence.c — the evidence of a case through the real router: the 证据 section of the case
 * page and its form for the investigators, refusals beside their fields with what was typed
 * kept, refused before 立案, the API, a viewer who may not add, another county that cannot see. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <string.h>

static const char *day(int n)
{
    static char ring[8][DATE_STRLEN];
    static int k;
    char *s = ring[k++ % 8];
    date_format(date_from_instant(h_clock()) + n, s);
    return s;
}

static char both[48], first[24];

/* cf_setup, and officers 1 and 2 (the officer account is the first) as the forms send them. */
static int setup(void **state)
{
    if (cf_setup(state)) return -1;
    snprintf(both, sizeof both, "%s", cf_team(CF.o1, CF.o2));
    snprintf(first, sizeof first, "%lld", (long long)CF.o1);
    return 0;
}

/* A case received ten days ago, proposed today with officers 1 and 2, and filed unless
 * only_proposed. */
static int64_t a_case(struct harness *h, bool only_proposed)
{
    return cf_filed(h, cf_sample(day(-10), day(-10)), day(0), only_proposed ? NULL : day(0));
}

static void test_r_case_20_evidence_form_on_the_case_page(void **state)
{
    struct harness *h = *state;
    struct client officer, leader, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &viewer, "viewer");
    int64_t id = a_case(h, false);
    char page[64], post[64];
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/evidence", (long long)id);
    struct hresp r;
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<h2>证据</h2>");
    ASSERT_HAS(r, "暂无证据");
    ASSERT_HAS(r, "登记证据");
    ASSERT_HAS(r, "勘验笔录、现场笔录");
    hresp_free(&r);
    /* the shape: no kind, no source, one officer; the description typed is kept */
    FORM(h, &officer, post, &r, "kind", "", "description", "营业执照复印件一份", "source", "",
         "obtained_on", day(-1), "officers", first);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "kind", "第四十六条");
    h_assert_field_error(&r, "source", "证据来源");
    /* beside the checkboxes (after the last: several controls share the name) */
    ASSERT_HAS(r,
               "</label></span>\n    <span class=\"field-error\">证据应由两名以上本案承办人员取得");
    h_assert_error_count(&r);
    ASSERT_HAS(r, "value=\"营业执照复印件一份\"");
    hresp_free(&r);
    /* a day after today: refused beside the date, the source typed kept, the kind still chosen */
    char second[24];
    snprintf(second, sizeof second, "%lld", (long long)CF.o2);
    FORM(h, &officer, post, &r, "kind", "documentary", "description", "营业执照复印件一份",
         "source", "现场检查时当事人提供", "obtained_on", day(3), "officers", first, "officers",
         second);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "obtained_on", "不能晚于今天");
    ASSERT_HAS(r, "value=\"现场检查时当事人提供\"");
    ASSERT_HAS(r, "value=\"documentary\" selected");
    hresp_free(&r);
    FORM(h, &officer, post, &r, "kind", "documentary", "description", "营业执照复印件一份",
         "source", "现场检查时当事人提供", "obtained_on", day(-1), "officers", first, "officers",
         second);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "营业执照复印件一份");
    ASSERT_HAS(r, "执法人员1、执法人员2");
    ASSERT_LACKS(r, "action=\"/cases/"); /* no form for a viewer */
    hresp_free(&r);
    /* a viewer may not add; a leader who does not investigate may not either */
    FORM(h, &viewer, post, &r, "kind", "physical", "description", "药品", "source", "现场",
         "obtained_on", day(-1), "officers", both);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

static void test_r_case_21_evidence_api(void **state)
{
    struct harness *h = *state;
    struct client officer, leader, other;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &other, "other");
    int64_t id = a_case(h, false);
    char url[80];
    snprintf(url, sizeof url, "/api/v1/cases/%lld/evidence", (long long)id);
    struct hresp r;
    h_send_json(h, &officer, "POST", url,
                json_pack("{ss ss ss ss ss}", "kind", "statement", "description",
                          "当事人陈述笔录一份", "source", "在本机关询问室询问当事人", "obtained_on",
                          day(0), "officers", both),
                &r);
    ASSERT_STATUS(r, 201);
    ASSERT_HAS(r, "当事人陈述笔录一份");
    hresp_free(&r);
    h_request(h, &leader, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 1);
    ASSERT_HAS(r, "当事人的陈述");
    hresp_free(&r);
    h_send_json(h, &leader, "POST", url,
                json_pack("{ss ss ss ss ss}", "kind", "statement", "description", "x", "source",
                          "y", "obtained_on", day(0), "officers", both),
                &r);
    ASSERT_STATUS(r, 403); /* the permission: officers */
    hresp_free(&r);
    /* another county sees neither the case nor its evidence */
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* before 立案 */
    int64_t early = a_case(h, true);
    snprintf(url, sizeof url, "/api/v1/cases/%lld/evidence", (long long)early);
    h_send_json(h, &officer, "POST", url,
                json_pack("{ss ss ss ss ss}", "kind", "physical", "description", "药品一盒",
                          "source", "现场提取", "obtained_on", day(0), "officers", both),
                &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第五十四条");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_20_evidence_form_on_the_case_page),
        T(test_r_case_21_evidence_api),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
