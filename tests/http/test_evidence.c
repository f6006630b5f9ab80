/* test_evidence.c — the evidence of a case through the real router: the 证据 section of the case
 * page and its form for the investigators, refusals beside their fields with what was typed
 * kept, refused before 立案, the API, a viewer who may not add, another county that cannot see. */
#include "support.h"
#include "law/officer.h"

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

static int64_t ids[2];
static char both[48], first[24];

/* Two officers who may enforce (the officer account is the first), the county's short name. */
static void team(struct harness *h)
{
    struct err e = {0};
    for (int i = 0; i < 2; i++) {
        char idno[19], cert[24], name[24];
        h_idno(i + 1, idno);
        snprintf(cert, sizeof cert, "ZF-%04d", i + 1);
        snprintf(name, sizeof name, "办案人员%d", i + 1);
        struct officer_input in = {.agency_code = "320412",
                                   .name = name,
                                   .id_number = idno,
                                   .cert_no = cert,
                                   .cert_issued = day(-60),
                                   .cert_expires = day(900),
                                   .lines = "medical"};
        if (officer_add(&h->ctx, &in, &ids[i], &e)) fail_msg("officer_add: %s", e.msg);
    }
    assert_true(
        db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "") >= 0);
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'",
                        "i", ids[0]) >= 0);
    snprintf(both, sizeof both, "%lld,%lld", (long long)ids[0], (long long)ids[1]);
    snprintf(first, sizeof first, "%lld", (long long)ids[0]);
}

/* A case received ten days ago, proposed with the team, and filed unless only_proposed. */
static int64_t a_case(struct harness *h, struct client *officer, struct client *leader,
                      bool only_proposed)
{
    int64_t id = h_form_created(h, officer, "/cases",
                                h_form("source", "other", "line", "medical", "party_name",
                                       "无名诊所", "party_kind", "citizen", "summary",
                                       "未取得医疗机构执业许可证擅自执业", "act_on", day(-10),
                                       "received_on", day(-10), NULL));
    char url[80];
    struct hresp r;
    snprintf(url, sizeof url, "/api/v1/cases/%lld/propose", (long long)id);
    h_send_json(h, officer, "POST", url, json_pack("{ss ss}", "officers", both, "note", "需立案"),
                &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    if (only_proposed) return id;
    snprintf(url, sizeof url, "/api/v1/cases/%lld/approve", (long long)id);
    h_request(h, leader, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    return id;
}

static void test_r_case_20_evidence_form_on_the_case_page(void **state)
{
    struct harness *h = *state;
    team(h);
    struct client officer, leader, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &viewer, "viewer");
    int64_t id = a_case(h, &officer, &leader, false);
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
    snprintf(second, sizeof second, "%lld", (long long)ids[1]);
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
    ASSERT_HAS(r, "办案人员1、办案人员2");
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
    team(h);
    struct client officer, leader, other;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &other, "other");
    int64_t id = a_case(h, &officer, &leader, false);
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
    int64_t early = a_case(h, &officer, &leader, true);
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
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_20_evidence_form_on_the_case_page),
        T(test_r_case_21_evidence_api),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
