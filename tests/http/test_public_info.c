/* test_public_info.c — the public site's officers with their certificate numbers and the year's
 * complaint figures, through the real router without login (docs/publicity.md). */
#include "tests/support.h"
#include "law/complaint.h"

#include <stdio.h>
#include <string.h>

#define NOW "2026-06-15T10:00:00+08:00" /* every test's now */

static int setup(void **state)
{
    int rc = harness_setup(state);
    if (!rc) h_set_now(*state, NOW);
    return rc;
}

/* ---- officers ------------------------------------------------------------------------------ */

/* An officer registered through the API by c, numbered seq (ID number and phone from it). */
static void add_officer(struct harness *h, struct client *c, const char *name, const char *cert,
                        int seq, const char *expires, const char *status)
{
    char idno[19], phone[16];
    h_idno(seq, idno);
    snprintf(phone, sizeof phone, "1391234%04d", seq);
    json_t *o = json_pack("{ss ss ss ss ss ss s[s] ss}", "name", name, "id_number", idno, "phone",
                          phone, "cert_no", cert, "cert_issued", "2020-01-01", "cert_expires",
                          expires, "lines", "medical", "status", status);
    if (strcmp(status, "active") != 0)
        json_object_set_new(o, "status_reason", json_string("停职检查"));
    struct hresp r;
    h_send_json(h, c, "POST", "/api/v1/officers", o, &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);
}

static void test_r_pub_25_officers_who_may_enforce_without_personal_numbers(void **state)
{
    struct harness *h = *state;
    struct client admin, other;
    h_login(h, &admin, "admin");
    h_login(h, &other, "other");
    add_officer(h, &admin, "李执法", "32041200101", 1, "2030-12-31", "active");
    add_officer(h, &admin, "王暂停", "32041200102", 2, "2030-12-31", "suspended");
    add_officer(h, &admin, "赵过期", "32041200103", 3, "2026-06-14", "active");
    add_officer(h, &other, "钱新北", "32041100104", 4, "2030-12-31", "active");

    struct hresp r;
    h_request(h, NULL, "GET", "/public/officers", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "李执法");
    ASSERT_HAS(r, "32041200101");
    ASSERT_HAS(r, "常州市武进区卫生健康局");
    ASSERT_HAS(r, "钱新北");
    ASSERT_LACKS(r, "王暂停");
    ASSERT_LACKS(r, "赵过期");
    for (int seq = 1; seq <= 4; seq++) {
        char idno[19], phone[16];
        h_idno(seq, idno);
        snprintf(phone, sizeof phone, "1391234%04d", seq);
        ASSERT_LACKS(r, idno);
        ASSERT_LACKS(r, phone);
    }
    hresp_free(&r);

    h_request(h, NULL, "GET", "/api/v1/public/officers", NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *rows = json_object_get(r.json, "rows");
    assert_int_equal(json_array_size(rows), 2);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 2);
    assert_null(json_object_get(json_array_get(rows, 0), "id_number"));
    assert_null(json_object_get(json_array_get(rows, 0), "phone"));
    hresp_free(&r);
    /* by name, by certificate number, by agency; an ID number finds no one */
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/officers?q=%E6%9D%8E"), 1);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/officers?q=00104"), 1);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/officers?agency=320411"), 1);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/officers?agency=320400"), 2);
    assert_int_equal(h_count_rows(h, NULL, "/api/v1/public/officers?q=%25"), 0);
    char idno[19], target[96];
    h_idno(1, idno);
    snprintf(target, sizeof target, "/api/v1/public/officers?q=%s", idno);
    assert_int_equal(h_count_rows(h, NULL, target), 0);
    /* an unknown agency beside its field */
    h_request(h, NULL, "GET", "/public/officers?agency=999999", NULL, &r);
    ASSERT_STATUS(r, 422);
    h_assert_error_count(&r);
    h_assert_field_error(&r, "agency", "机构 999999 不存在");
    hresp_free(&r);
    /* pages */
    h_request(h, NULL, "GET", "/api/v1/public/officers?per_page=1", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_is_true(json_object_get(r.json, "more")));
    hresp_free(&r);
}

/* ---- complaint figures --------------------------------------------------------------------- */

static int64_t complaint(struct harness *h, const char *agency, const char *channel,
                         const char *line, const char *received_on)
{
    struct actor who;
    struct ctx c = h_ctx(h, "city", &who); /* both counties */
    struct complaint_input in = {.agency_code = agency,
                                 .channel = channel,
                                 .received_on = received_on,
                                 .line = line,
                                 .matter = strcmp(line, "medical") == 0 ? "unlicensed_practice"
                                                                        : "public_place",
                                 .summary = "花园路8号有人无证输液",
                                 .party_name = "无名诊所",
                                 .name = "张三丰",
                                 .phone = "13900002222"};
    int64_t id;
    const char *tracking;
    struct err e = {0};
    if (complaint_add(&c, &in, &id, &tracking, &e))
        fail_msg("complaint: %s %s", e.nfields ? e.fields[0].name : "",
                 e.nfields ? e.fields[0].msg : e.msg);
    return id;
}

/* The figures complaint_stats counts for the year 2026 of agency (NULL: every agency), as the
 * public may ask for them. */
static json_t *stats(struct harness *h, const char *agency)
{
    struct actor nobody;
    struct ctx c = h_public_ctx(h, &nobody);
    struct err e = {0};
    json_t *o =
        complaint_stats(&c, &(struct complaint_period){"2026-01-01", "2026-12-31", agency}, &e);
    if (!o) fail_msg("stats: %s", e.msg);
    return o;
}

static void assert_same(json_t *got, json_t *want, const char *key)
{
    if (!json_equal(json_object_get(got, key), json_object_get(want, key))) {
        char *g = json_dumps(json_object_get(got, key), 0),
             *w = json_dumps(json_object_get(want, key), 0);
        fail_msg("%s: %s, complaint_stats: %s", key, g, w);
    }
}

static void test_r_pub_26_complaint_figures_are_complaint_stats_counts(void **state)
{
    struct harness *h = *state;
    complaint(h, "320412", "phone", "medical", "2026-02-03");
    complaint(h, "320412", "letter", "medical", "2026-03-04");
    int64_t accepted = complaint(h, "320412", "phone", "public_place", "2026-06-01");
    complaint(h, "320411", "visit", "medical", "2026-04-05");
    complaint(h, "320412", "phone", "medical", "2025-12-31"); /* another year */
    h_must(h, &complaint_workflow, "leader", accepted, "accept", NULL);

    static const char *const keys[] = {"total", "by_channel", "by_line", "by_result", NULL};
    static const char *const rates[] = {"accepted", "closed",          "closure_rate",
                                        "decided",  "decided_on_time", "decide_on_time_rate",
                                        "handled",  "handled_on_time", "handle_on_time_rate",
                                        NULL};
    static const char *const targets[][2] = {
        {"/api/v1/public/complaints/figures?year=2026", NULL},
        {"/api/v1/public/complaints/figures?year=2026&agency=320412", "320412"},
        {"/api/v1/public/complaints/figures?year=2026&agency=320400", "320400"},
    };
    for (size_t t = 0; t < 3; t++) {
        struct hresp r;
        h_request(h, NULL, "GET", targets[t][0], NULL, &r);
        ASSERT_STATUS(r, 200);
        json_t *want = stats(h, targets[t][1]);
        for (int i = 0; keys[i]; i++)
            assert_same(r.json, want, keys[i]);
        for (int i = 0; rates[i]; i++)
            assert_same(json_object_get(r.json, "rates"), json_object_get(want, "rates"), rates[i]);
        /* counts only: nothing of a complainant, no list */
        assert_null(json_object_get(r.json, "rows"));
        assert_null(json_object_get(r.json, "by_satisfaction"));
        ASSERT_LACKS(r, "张三丰");
        ASSERT_LACKS(r, "13900002222");
        json_decref(want);
        hresp_free(&r);
    }
    struct hresp r;
    h_request(h, NULL, "GET", "/api/v1/public/complaints/figures?year=2026&agency=320412", NULL,
              &r);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 3);
    assert_string_equal(json_string_value(json_object_get(r.json, "agency_name")),
                        "常州市武进区卫生健康局");
    hresp_free(&r);
    /* this year when none is asked for; the page */
    h_request(h, NULL, "GET", "/public/complaints/figures", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "2026年");
    ASSERT_HAS(r, "来电");
    ASSERT_LACKS(r, "张三丰");
    hresp_free(&r);
    /* a wrong year or agency beside its field */
    static const char *const bad_years[] = {"abc", "2027", "1999", "20266", NULL};
    for (int i = 0; bad_years[i]; i++) {
        char target[96];
        snprintf(target, sizeof target, "/public/complaints/figures?year=%s", bad_years[i]);
        h_request(h, NULL, "GET", target, NULL, &r);
        ASSERT_STATUS(r, 422);
        h_assert_error_count(&r);
        h_assert_field_error(&r, "year", "年份应为 2000 至 2026 之间的四位数字");
        hresp_free(&r);
    }
    h_request(h, NULL, "GET", "/api/v1/public/complaints/figures?agency=nope", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "agency"));
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_pub_25_officers_who_may_enforce_without_personal_numbers),
        T(test_r_pub_26_complaint_figures_are_complaint_stats_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
