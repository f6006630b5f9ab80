/* test_preservation.c — 证据先行登记保存 (行政处罚法 第五十六条) through the real router: the
 * section and form on the case page, a refused registration with its messages beside the fields
 * and what was typed kept, the preservation's page with its steps (approve by a leader, the
 * 处理决定 by an investigator) and documents, the API, and another county that cannot see it. */
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

static void test_r_case_55_preservation_on_the_case_page(void **state)
{
    struct harness *h = *state;
    struct client officer, leader, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &viewer, "viewer");
    int64_t id = a_case(h, false);
    char page[64], post[64];
    snprintf(page, sizeof page, "/cases/%lld", (long long)id);
    snprintf(post, sizeof post, "/cases/%lld/preservations", (long long)id);
    struct hresp r;
    h_request(h, &officer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<h2>证据先行登记保存</h2>");
    ASSERT_HAS(r, "暂无先行登记保存的证据");
    ASSERT_HAS(r, "提请批准");
    hresp_free(&r);
    /* an item without its quantity, no place: refused beside the fields, the reason kept */
    FORM(h, &officer, post, &r, "items", "头孢克肟分散片", "place", "", "reason", "当事人可能销毁",
         "requested_on", day(0));
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "items", "名称｜规格｜数量");
    h_assert_field_error(&r, "place", "保存地点");
    h_assert_error_count(&r);
    ASSERT_HAS(r, "当事人可能销毁</textarea>");
    hresp_free(&r);
    FORM(h, &officer, post, &r, "items", "头孢克肟分散片｜0.1g×6片｜20盒\n药品购进票据｜12张",
         "place", "本机关证物保存室", "reason", "当事人可能销毁", "requested_on", day(0));
    ASSERT_STATUS(r, 303);
    int64_t pid = h_id_from_location(&r, "/preservations/");
    hresp_free(&r);
    char show[64], approve[80];
    snprintf(show, sizeof show, "/preservations/%lld", (long long)pid);
    snprintf(approve, sizeof approve, "/preservations/%lld/approve", (long long)pid);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "头孢克肟分散片 0.1g×6片 20盒、药品购进票据 12张");
    ASSERT_HAS(r, "待批准");
    ASSERT_HAS(r, show);
    ASSERT_LACKS(r, "提请批准"); /* no form for a viewer */
    hresp_free(&r);
    /* the investigator may not approve; the leader does, on the preservation's page */
    h_request(h, &officer, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "本机关证物保存室");
    ASSERT_LACKS(r, approve);
    hresp_free(&r);
    h_request(h, &leader, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, approve);
    hresp_free(&r);
    FORM(h, &leader, approve, &r, "note", "同意");
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    h_request(h, &officer, "GET", show, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已先行登记保存");
    ASSERT_HAS(r, "证据先行登记保存决定书 武卫医证保〔");
    ASSERT_HAS(r, "处理期限");
    ASSERT_HAS(r, "作出处理决定");
    ASSERT_HAS(r, "记录、复制、拍照后退还当事人");
    hresp_free(&r);
    h_request(h, &viewer, "GET", page, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已先行登记保存");
    ASSERT_HAS(r, day(0));
    hresp_free(&r);
}

static void test_r_case_58_preservation_api(void **state)
{
    struct harness *h = *state;
    struct client officer, leader, other;
    h_login(h, &officer, "officer");
    h_login(h, &leader, "leader");
    h_login(h, &other, "other");
    int64_t id = a_case(h, false);
    char url[80], step[96];
    snprintf(url, sizeof url, "/api/v1/cases/%lld/preservations", (long long)id);
    struct hresp r;
    h_send_json(h, &officer, "POST", url,
                json_pack("{ss ss ss}", "items", "玻尿酸注射液|1ml/支|12支", "place",
                          "当事人仓库（已加贴封条）", "reason", "当事人拒不说明来源"),
                &r);
    ASSERT_STATUS(r, 201);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "requested");
    int64_t pid = json_integer_value(json_object_get(r.json, "id"));
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &leader, url), 1);
    snprintf(step, sizeof step, "/api/v1/preservations/%lld/approve", (long long)pid);
    h_request(h, &officer, "POST", step, "{}", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    h_request(h, &leader, "POST", step, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(step, sizeof step, "/api/v1/preservations/%lld/dispose", (long long)pid);
    h_send_json(h, &leader, "POST", step, json_pack("{ss ss}", "reason", "release", "note", "解除"),
                &r);
    ASSERT_STATUS(r, 403); /* the permission: officers */
    hresp_free(&r);
    h_send_json(h, &officer, "POST", step,
                json_pack("{ss ss}", "reason", "test", "note", "送市食品药品检验所检验"), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    snprintf(step, sizeof step, "/api/v1/preservations/%lld", (long long)pid);
    h_request(h, &leader, "GET", step, NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "disposed");
    assert_string_equal(json_string_value(json_object_get(r.json, "disposal_label")),
                        "送交检验、检测或者鉴定");
    assert_int_equal(json_array_size(json_object_get(r.json, "documents")), 2);
    hresp_free(&r);
    /* another county sees neither */
    h_request(h, &other, "GET", step, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    h_request(h, &other, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 404);
    hresp_free(&r);
    /* before 立案 */
    int64_t early = a_case(h, true);
    snprintf(url, sizeof url, "/api/v1/cases/%lld/preservations", (long long)early);
    h_send_json(
        h, &officer, "POST", url,
        json_pack("{ss ss ss}", "items", "药品|1盒", "place", "本机关", "reason", "可能灭失"), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "第五十四条");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_55_preservation_on_the_case_page),
        T(test_r_case_58_preservation_api),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
