/* test_case_summary.c — the summary procedure (简易程序) through the real router: the form at
 * /cases/summary, a refusal kept beside its field with what was typed, a decision recorded by the
 * form and by the API (201 with the case), the case page with its step and decision, the list's
 * procedure filter, and who may record one. */
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

static struct {
    char team[48], item[24];
} F;

/* cf_setup, and a penalty item of 警告 or a fine of 50–5,000 元. */
static int setup(void **state)
{
    if (cf_setup(state)) return -1;
    snprintf(F.team, sizeof F.team, "%s", cf_team(CF.o1, CF.o2));
    snprintf(F.item, sizeof F.item, "%s", cf_summary_item(*state));
    return 0;
}

static void test_r_case_50_summary_form(void **state)
{
    struct harness *h = *state;
    struct client officer, viewer;
    h_login(h, &officer, "officer");
    h_login(h, &viewer, "viewer");
    struct hresp r;
    h_request(h, &officer, "GET", "/cases", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "href=\"/cases/summary\"");
    hresp_free(&r);
    h_request(h, &officer, "GET", "/cases/summary", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "当场处罚（简易程序）");
    ASSERT_HAS(r, "type=\"checkbox\" name=\"officers\"");
    ASSERT_HAS(r, "执法人员2（ZF-0002）");
    ASSERT_HAS(r, "WJ-CF-101");
    hresp_free(&r);
    /* a citizen fined 300 元: refused beside the fine, what was typed kept */
    char *other = strchr(F.team, ',') + 1;
    char first[24];
    snprintf(first, sizeof first, "%.*s", (int)(other - 1 - F.team), F.team);
    FORM(h, &officer, "/cases/summary", &r, "source", "other", "line", "medical", "party_name",
         "李某", "party_kind", "citizen", "place", "府前路1号康宁浴室", "act_on", day(0), "summary",
         "未取得健康合格证明从事直接为顾客服务的工作", "item", F.item, "types", "fine", "fine",
         "300", "officers", first, "officers", other);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "fine", "第五十一条");
    ASSERT_HAS(r, "府前路1号康宁浴室");
    ASSERT_HAS(r, "value=\"fine\" checked");
    h_assert_error_count(&r);
    hresp_free(&r);
    FORM(h, &officer, "/cases/summary", &r, "source", "other", "line", "medical", "party_name",
         "李某", "party_kind", "citizen", "place", "府前路1号康宁浴室", "act_on", day(0), "summary",
         "未取得健康合格证明从事直接为顾客服务的工作", "item", F.item, "types", "fine", "fine",
         "200", "officers", first, "officers", other);
    ASSERT_STATUS(r, 303);
    assert_non_null(r.location);
    assert_non_null(strstr(r.location, "?done=decide_on_spot"));
    char url[96];
    snprintf(url, sizeof url, "%s", r.location);
    hresp_free(&r);
    h_request(h, &officer, "GET", url, NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已当场作出行政处罚决定并报本机关备案");
    ASSERT_HAS(r, "武卫医当罚〔");
    ASSERT_HAS(r, "当场作出行政处罚决定");
    ASSERT_HAS(r, "当场行政处罚决定书");
    ASSERT_HAS(r, "地点：府前路1号康宁浴室");
    hresp_free(&r);
    FORM(h, &viewer, "/cases/summary", &r, "source", "other");
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
}

static void test_r_case_54_summary_api(void **state)
{
    struct harness *h = *state;
    struct client officer;
    h_login(h, &officer, "officer");
    struct hresp r;
    json_t *body =
        json_pack("{ss ss ss ss ss ss ss ss ss ss ss}", "source", "other", "line", "medical",
                  "party_name", "某某保健按摩店", "party_kind", "organisation", "place",
                  "湖塘镇长虹路88号", "act_on", day(0), "summary", "从业人员未取得健康合格证明",
                  "item", F.item, "types", "警告、罚款", "fine", "3500", "officers", F.team);
    h_send_json(h, &officer, "POST", "/api/v1/cases/summary", json_deep_copy(body), &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "fine"), "3000元"));
    hresp_free(&r);
    json_object_set_new(body, "fine", json_string("3000"));
    h_send_json(h, &officer, "POST", "/api/v1/cases/summary", body, &r);
    ASSERT_STATUS(r, 201);
    ASSERT_HAS(r, "\"procedure\":\"summary\"");
    ASSERT_HAS(r, "武卫医当罚〔");
    ASSERT_HAS(r, "叁仟元整");
    char url[96];
    snprintf(url, sizeof url, "/api/v1/cases/%lld/decide_on_spot",
             (long long)json_integer_value(json_object_get(r.json, "id")));
    hresp_free(&r);
    /* the entry step has no route of its own: a case is decided on the spot only as it is made */
    h_request(h, &officer, "POST", url, "{}", &r);
    assert_true(r.status == 404 || r.status == 405);
    hresp_free(&r);
    h_request(h, &officer, "GET", "/api/v1/cases?procedure=summary", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "某某保健按摩店");
    hresp_free(&r);
    h_request(h, &officer, "GET", "/api/v1/cases?procedure=general", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "某某保健按摩店");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_case_50_summary_form),
        T(test_r_case_54_summary_api),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
