/* test_evidence.c — the evidence of a case through the real router: the 证据 section of the case
 * page and its form for the investigators, refusals beside their fields with what was typed
 * kept, refused before 立案, the API, a viewer who may not add, another county that cannot see; a
 * record item's 现场笔录 issued, linked on the case page and served as its kept PDF. */
#include "support.h"
#include "case_fixture.h"

#include <stdio.h>
#include <stdlib.h>
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

/* The 现场笔录 through the form: its fields on the case page; on a witness's testimony, or
 * without the certificates shown, refused beside its field with what was typed kept and nothing
 * saved; recorded, the case page links the kept 现场笔录 (现, the year's first), whose PDF names
 * the officers with their certificates; the API lists the item's site record. */
static void test_r_case_67_site_record_through_the_form(void **state)
{
    struct harness *h = *state;
    struct client officer, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &viewer, "viewer");
    int64_t id = a_case(h, false);
    char page[64], post[64], second[24];
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/evidence", (long long)id);
    snprintf(second, sizeof second, "%lld", (long long)CF.o2);
    struct hresp r;
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<fieldset class=\"site-only\"><legend>现场笔录");
    ASSERT_HAS(r, "name=\"site_scene\"");
    ASSERT_HAS(r, "当事人或在场人及其身份");
    hresp_free(&r);
#define SITE_FIELDS(kind, shown)                                                                   \
    "kind", kind, "description", "诊所治疗室现场笔录", "source", "在康宁诊所现场检查时制作",       \
        "obtained_on", day(-1), "officers", first, "officers", second, "site_time",                \
        "14时10分至15时00分", "site_place", "康宁诊所治疗室", "site_present", "王五，诊所负责人",  \
        "site_scene", "一名未佩戴胸牌的人员正在为患者输液。", "site_shown", shown
    FORM(h, &officer, post, &r, SITE_FIELDS("witness", "1"));
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "site_time", "现场笔录只能随勘验笔录、现场笔录登记");
    ASSERT_HAS(r, "value=\"王五，诊所负责人\"");
    hresp_free(&r);
    FORM(h, &officer, post, &r, SITE_FIELDS("record", ""));
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "site_shown", "应当主动向当事人或者有关人员出示执法证件");
    h_assert_error_count(&r);
    ASSERT_HAS(r, "一名未佩戴胸牌的人员正在为患者输液。</textarea>");
    hresp_free(&r);
    assert_false(h_exists(h->db, "SELECT 1 FROM case_evidence WHERE case_id = ?", "i", id));
    assert_false(h_exists(h->db, "SELECT 1 FROM document WHERE type = 'case_site_record'", ""));
    FORM(h, &officer, post, &r, SITE_FIELDS("record", "1"));
#undef SITE_FIELDS
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    const char *doc = h_text(h, "SELECT id FROM document WHERE type = 'case_site_record'", "");
    char number[32], link[64];
    snprintf(number, sizeof number, "现%.4s-0001", day(-1));
    snprintf(link, sizeof link, "href=\"/documents/%s.pdf\"", doc);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, link);
    ASSERT_HAS(r, number);
    ASSERT_HAS(r, "现场检查 14时10分至15时00分 · 康宁诊所治疗室");
    hresp_free(&r);
    char pdf[64];
    snprintf(pdf, sizeof pdf, "/documents/%s.pdf", doc);
    h_request(h, &viewer, "GET", pdf, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(r.content_type, "application/pdf");
    char *text = h_pdf_text(h->dir, "site.pdf", r.body, r.len);
    char *officers =
        h_flat("执法人员：执法人员1（执法证号 ZF-0001）、执法人员2（执法证号 ZF-0002）");
    char *scene = h_flat("一名未佩戴胸牌的人员正在为患者输液。");
    char *numbered = h_flat(number);
    assert_non_null(strstr(text, officers));
    assert_non_null(strstr(text, scene));
    assert_non_null(strstr(text, numbered));
    free(text);
    free(officers);
    free(scene);
    free(numbered);
    hresp_free(&r);
    char api[80];
    snprintf(api, sizeof api, "/api/v1/cases/%lld/evidence", (long long)id);
    h_request(h, &viewer, "GET", api, NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *site = json_object_get(json_array_get(json_object_get(r.json, "rows"), 0), "site");
    assert_string_equal(json_string_value(json_object_get(site, "present")), "王五，诊所负责人");
    hresp_free(&r);
}

/* Through the API: a witness's testimony with site fields refused beside site_time, and a record
 * with only part of them beside each missing one; nothing saved. */
static void test_r_case_69_site_record_api_refusals(void **state)
{
    struct harness *h = *state;
    struct client officer;
    h_login(h, &officer, "officer");
    int64_t id = a_case(h, false);
    char url[80];
    snprintf(url, sizeof url, "/api/v1/cases/%lld/evidence", (long long)id);
    struct hresp r;
    h_send_json(h, &officer, "POST", url,
                json_pack("{ss ss ss ss ss ss}", "kind", "witness", "description", "证人证言",
                          "source", "现场", "obtained_on", day(0), "officers", both, "site_place",
                          "诊所"),
                &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "site_time"), "勘验笔录、现场笔录"));
    hresp_free(&r);
    h_send_json(h, &officer, "POST", url,
                json_pack("{ss ss ss ss ss ss ss}", "kind", "record", "description", "现场笔录",
                          "source", "现场", "obtained_on", day(0), "officers", both, "site_scene",
                          "治疗室内有人输液。", "site_shown", "1"),
                &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "site_time"), "检查时间"));
    assert_non_null(strstr(h_field_msg(&r, "site_place"), "检查地点"));
    assert_non_null(strstr(h_field_msg(&r, "site_present"), "在场人"));
    assert_null(h_field_msg(&r, "site_scene"));
    hresp_free(&r);
    assert_false(h_exists(h->db, "SELECT 1 FROM case_evidence WHERE case_id = ?", "i", id));
    assert_false(h_exists(h->db, "SELECT 1 FROM document WHERE type = 'case_site_record'", ""));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_20_evidence_form_on_the_case_page),
        T(test_r_case_21_evidence_api),
        T(test_r_case_67_site_record_through_the_form),
        T(test_r_case_69_site_record_api_refusals),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
