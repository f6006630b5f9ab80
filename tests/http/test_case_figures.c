/* test_case_figures.c — the figures of penalty cases through the real router: the page
 * /cases/figures with its period and agency, each figure a link to the list behind it (which
 * holds as many), the JSON at /api/v1/cases/figures, a bad period and an agency out of scope
 * refused, and the list page linking the figures.
 *
 * The decision step is being written apart from this work: the decision's columns are set with a
 * direct UPDATE. */
#include "support.h"
#include "law/case.h"
#include "law/entity.h"
#include "law/officer.h"

#include <stdio.h>
#include <string.h>

static int setup(void **state)
{
    if (harness_setup(state)) return -1;
    struct harness *h = *state;
    h_set_now(h, "2026-12-20T09:00:00+08:00");
    return 0;
}

/* Two officers who may enforce (the officer account is the first), the county's short name. */
static void team(struct harness *h, char out[48])
{
    struct err e = {0};
    int64_t ids[2];
    for (int i = 0; i < 2; i++) {
        char idno[19], cert[24], name[24];
        h_idno(i + 1, idno);
        snprintf(cert, sizeof cert, "ZF-%04d", i + 1);
        snprintf(name, sizeof name, "办案人员%d", i + 1);
        struct officer_input in = {.agency_code = "320412",
                                   .name = name,
                                   .id_number = idno,
                                   .cert_no = cert,
                                   .cert_issued = "2026-01-01",
                                   .cert_expires = "2030-12-31",
                                   .lines = "medical"};
        if (officer_add(&h->ctx, &in, &ids[i], &e)) fail_msg("officer_add: %s", e.msg);
    }
    assert_true(
        db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "") >= 0);
    assert_true(db_exec(h->db, &e, "UPDATE app_user SET officer_id = ? WHERE username = 'officer'",
                        "i", ids[0]) >= 0);
    snprintf(out, 48, "%lld,%lld", (long long)ids[0], (long long)ids[1]);
}

/* A case of a described party received on received, filed the next day through its steps. */
static int64_t filed_case(struct harness *h, const char *officers, const char *received,
                          const char *filed)
{
    struct case_input in = {.source = "inspection",
                            .line = "medical",
                            .party_name = "无名诊所",
                            .party_kind = "citizen",
                            .summary = "未取得医疗机构执业许可证擅自执业",
                            .act_on = received,
                            .received_on = received};
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    int64_t id;
    if (case_add(&c, &in, &id, &e)) fail_msg("case_add: %s", e.msg);
    struct wf_args a = {.date = received, .note = "违法事实基本清楚，需立案调查"};
    wf_arg_set(&a, "officers", officers);
    h_must(h, &case_workflow, "officer", id, "propose", &a);
    struct wf_args ok = {.date = filed};
    h_must(h, &case_workflow, "leader", id, "approve", &ok);
    return id;
}

static void test_figures_page_and_api(void **state)
{
    struct harness *h = *state;
    char officers[48];
    team(h, officers);
    int64_t a = filed_case(h, officers, "2026-03-01", "2026-03-02");
    filed_case(h, officers, "2026-04-01", "2026-04-02");
    struct err e = {0};
    assert_true(db_exec(h->db, &e,
                        "UPDATE penalty_case SET decided_on = '2026-04-01', state = 'decided',"
                        " decision_types = 'warning,fine', decision_fine = 300000 WHERE id = ?",
                        "i", a) >= 0);
    struct client viewer;
    h_login(h, &viewer, "viewer");
    struct hresp r;
    h_request(h, &viewer, "GET", "/cases", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "href=\"/cases/figures\"");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/cases/figures?from=2026-01-01&to=2026-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "行政处罚案件统计");
    ASSERT_HAS(r, "/cases?decided_from=2026-01-01&amp;decided_to=2026-12-31&amp;severest=fine");
    ASSERT_HAS(r, "/cases?filed_from=2026-01-01&amp;filed_to=2026-12-31&amp;line=medical");
    ASSERT_HAS(r, "3,000.00");
    hresp_free(&r);
    assert_int_equal(h_count_rows(h, &viewer,
                                  "/api/v1/cases?decided_from=2026-01-01&decided_to=2026-12-31"
                                  "&severest=fine"),
                     1);
    assert_int_equal(
        h_count_rows(h, &viewer, "/api/v1/cases?filed_from=2026-01-01&filed_to=2026-12-31"), 2);
    /* 我承办的 (a filter of one user's cases, once an abort of the server) */
    struct client officer;
    h_login(h, &officer, "officer");
    assert_int_equal(h_count_rows(h, &officer, "/api/v1/cases?mine=1"), 2);
    assert_int_equal(h_count_rows(h, &viewer, "/api/v1/cases?mine=1"), 0);
    /* the list opened from a figure keeps its filter in the form */
    h_request(h, &viewer, "GET", "/cases?decided_from=2026-01-01&severest=fine", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"severest\" value=\"fine\"");
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?from=2026-01-01&to=2026-12-31", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *filed = json_object_get(r.json, "filed");
    assert_int_equal(json_integer_value(json_object_get(filed, "count")), 2);
    json_t *decided = json_object_get(r.json, "decided");
    assert_int_equal(json_integer_value(json_object_get(decided, "count")), 1);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "money"), "fine_yuan")),
        "3,000.00");
    hresp_free(&r);
}

static void test_figures_refused(void **state)
{
    struct harness *h = *state;
    struct client viewer, city;
    h_login(h, &viewer, "viewer");
    h_login(h, &city, "city");
    struct hresp r;
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?from=2026-13-01", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "from"));
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/api/v1/cases/figures?agency=320411", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "agency"));
    hresp_free(&r);
    h_request(h, &viewer, "GET", "/cases/figures?agency=320411", NULL, &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "agency", "机构 320411 不存在或不在您的管辖范围内");
    h_assert_error_count(&r);
    hresp_free(&r);
    /* the city chooses one of its counties */
    h_request(h, &city, "GET", "/cases/figures?agency=320411", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "value=\"320411\" selected");
    hresp_free(&r);
    /* the public is kept out */
    struct client nobody = {0};
    h_request(h, &nobody, "GET", "/api/v1/cases/figures", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_figures_page_and_api),
        T(test_figures_refused),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
