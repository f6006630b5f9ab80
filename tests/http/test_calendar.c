/* test_calendar.c — the holiday calendar through the real router (domain/RULES.md §0): single
 * days, years added by hand with their statutory holidays, notice files imported strictly,
 * provisional counts, the working-day calculator; the calendar is national, so only the
 * top-level administrator changes it (every route, page and API) and every agency's auditors
 * see the changes; the start page warns from 1 November while next year is missing. */
#include "tests/support.h"
#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------ */

/* The working-day calculator's JSON answer for query (asserts 200); caller frees. */
static void compute(struct harness *h, struct client *c, const char *query, struct hresp *r)
{
    char url[128];
    snprintf(url, sizeof url, "/api/v1/calendar/compute?%s", query);
    h_request(h, c, "GET", url, NULL, r);
    ASSERT_STATUS(*r, 200);
}

/* The calculator gives want, provisional or not. */
static void assert_compute(struct harness *h, struct client *c, const char *query, const char *want,
                           bool provisional)
{
    struct hresp r;
    compute(h, c, query, &r);
    const char *got = json_string_value(json_object_get(r.json, "result"));
    if (!got || strcmp(got, want) != 0)
        fail_msg("compute %s: %s, expected %s", query, got ? got : "(none)", want);
    if (json_is_true(json_object_get(r.json, "provisional")) != provisional)
        fail_msg("compute %s: provisional should be %d", query, provisional);
    hresp_free(&r);
}

static int get_status(struct harness *h, struct client *c, const char *target)
{
    struct hresp r;
    h_request(h, c, "GET", target, NULL, &r);
    int status = r.status;
    hresp_free(&r);
    return status;
}

/* A 2027 notice in holiday-cn form: the statutory holidays, and (with extra) 2027-01-04 off as
 * well, an arrangement invented for the tests. Caller frees. */
static char *notice_2027(bool extra)
{
    struct buf b = {0};
    buf_adds(&b, "{\"year\": 2027, \"papers\": [\"https://www.gov.cn/test-2027\"], \"days\": [");
    static const char *const off[][2] = {
        {"元旦", "2027-01-01"},   {"春节", "2027-02-05"},   {"春节", "2027-02-08"},
        {"春节", "2027-02-09"},   {"春节", "2027-02-10"},   {"清明节", "2027-04-05"},
        {"劳动节", "2027-05-03"}, {"劳动节", "2027-05-04"}, {"端午节", "2027-06-09"},
        {"中秋节", "2027-09-15"}, {"国庆节", "2027-10-01"}, {"国庆节", "2027-10-04"},
        {"国庆节", "2027-10-05"}};
    for (size_t i = 0; i < sizeof off / sizeof *off; i++)
        buf_addf(&b, "%s{\"name\": \"%s\", \"date\": \"%s\", \"isOffDay\": true}", i ? "," : "",
                 off[i][0], off[i][1]);
    if (extra) buf_adds(&b, ",{\"name\": \"元旦\", \"date\": \"2027-01-04\", \"isOffDay\": true}");
    buf_adds(&b, "]}");
    return buf_steal(&b);
}

/* Upload a notice to target (page or API); the answer in r. */
static void import(struct harness *h, struct client *c, const char *target, char *json,
                   struct hresp *r)
{
    static const char *const fields[] = {"_csrf", "x", NULL};
    h_post_multipart(h, c, target, h_multipart("2027.json", json, fields), r);
    free(json);
}

/* ---- single days ---------------------------------------------------------------------------- */

static void test_calendar_page_and_special_days(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "province");
    struct hresp r;
    h_request(h, &c, "GET", "/calendar", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "2026 年");
    ASSERT_HAS(r, "<td class=\"mono\">2026-02-28</td><td><b>调休上班</b></td><td>春节</td>");
    ASSERT_HAS(r, "action=\"/calendar/import\"");
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/calendar", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_array_size(json_object_get(r.json, "years")) >= 5);
    assert_true(json_is_true(json_object_get(r.json, "may_change")));
    hresp_free(&r);

    /* Friday 2026-02-27: the 调休 Saturday works, then Monday 2026-03-02 */
    assert_compute(h, &c, "date=2026-02-27&n=1", "2026-02-28", false);
    assert_compute(h, &c, "date=2026-02-27&n=2", "2026-03-02", false);
    assert_compute(h, &c, "date=2026-02-27&n=0", "2026-02-27", false);

    h_send_form(h, &c, "/calendar/days",
                h_form("day", "2026-03-02", "off", "1", "name", "测试假日", NULL), &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/calendar?saved=1");
    hresp_free(&r);
    assert_compute(h, &c, "date=2026-02-27&n=2", "2026-03-03", false);
    h_request(h, &c, "GET", "/calendar/compute?date=2026-02-27&n=2", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<b>2026-03-03</b>");
    ASSERT_LACKS(r, "暂定");
    hresp_free(&r);
    h_request(h, &c, "GET", "/calendar", NULL, &r);
    ASSERT_HAS(r, "<td class=\"mono\">2026-03-02</td><td>休息</td><td>测试假日</td>");
    hresp_free(&r);

    h_send_form(h, &c, "/calendar/days/clear", h_form("day", "2026-03-02", NULL), &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
    assert_compute(h, &c, "date=2026-02-27&n=2", "2026-03-02", false);
    h_send_form(h, &c, "/calendar/days/clear", h_form("day", "2026-03-02", NULL), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "day", "2026-03-02 不是节假日或调休日");
    hresp_free(&r);

    /* the API faces; a 调休 working Sunday */
    h_request(h, &c, "POST", "/api/v1/calendar/days",
              "{\"day\":\"2026-03-08\",\"off\":\"0\",\"name\":\"测试调休\"}", &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_is_true(json_object_get(r.json, "ok")));
    hresp_free(&r);
    assert_compute(h, &c, "date=2026-03-06&n=1", "2026-03-08", false);
    h_request(h, &c, "POST", "/api/v1/calendar/days/clear", "{\"day\":\"2026-03-08\"}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    assert_compute(h, &c, "date=2026-03-06&n=1", "2026-03-09", false);

    /* invalid days */
    h_request(h, &c, "POST", "/api/v1/calendar/days", "{\"day\":\"2026-02-30\",\"name\":\"\"}", &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "day"));
    assert_non_null(h_field_msg(&r, "name"));
    hresp_free(&r);
    h_send_form(h, &c, "/calendar/days",
                h_form("day", "2031-05-06", "off", "1", "name", "未来", NULL), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "2031 年尚未建立日历，请先导入该年度的通知或添加该年度");
    ASSERT_HAS(r, "name=\"day\" value=\"2031-05-06\"");
    hresp_free(&r);

    /* the calculator checks its input */
    h_request(h, &c, "GET", "/api/v1/calendar/compute?date=2026-13-01&n=x", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_string_equal(h_field_msg(&r, "date"), "日期格式应为 YYYY-MM-DD");
    assert_non_null(h_field_msg(&r, "n"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/calendar/compute", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "工作日计算");
    hresp_free(&r);
}

/* ---- years without a notice: counted, flagged, never refused -------------------------------- */

static void test_r_cal_05_rules_0_provisional_count_flagged_not_refused(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "officer"); /* everyone may compute */
    /* 2026-12-31 (1); 2027-01-01 元旦 by 放假办法; 01-04 .. 01-07 (2–5) */
    assert_compute(h, &c, "date=2026-12-30&n=5", "2027-01-07", true);
    assert_compute(h, &c, "date=2031-03-03&n=5", "2031-03-10", true);
    assert_compute(h, &c, "date=2026-12-01&n=5", "2026-12-08", false);
    struct hresp r;
    h_request(h, &c, "GET", "/calendar/compute?date=2026-12-30&n=5", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<b>2027-01-07</b> <span class=\"tag tag-provisional\"");
    ASSERT_HAS(r, "载入通知后可能变化");
    hresp_free(&r);
    /* beyond the shipped movable dates nothing can be counted */
    h_request(h, &c, "GET", "/api/v1/calendar/compute?date=2100-01-04&n=5", NULL, &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(strstr(h_field_msg(&r, "date"), "2100 年的节假日安排尚未载入"));
    hresp_free(&r);
    /* the page shows next year's provisional holidays */
    h_set_now(h, "2026-12-07T10:00:00+08:00");
    struct client admin;
    h_login(h, &admin, "province");
    h_request(h, &admin, "GET", "/calendar", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "2027 年 <span class=\"tag tag-provisional\">暂定</span>");
    ASSERT_HAS(r, "<td class=\"mono\">2027-02-05</td><td>休息</td><td>春节</td>");
    ASSERT_HAS(r, "<td class=\"mono\">2027-02-09</td><td>休息</td><td>春节（补假）</td>");
    hresp_free(&r);
}

/* Adding a year by hand fills in its statutory holidays: 2027-01-01 stays a rest day. */
static void test_rules_0_year_added_by_hand_keeps_statutory_holidays(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "province");
    struct hresp r;
    h_send_form(h, &c, "/calendar/years",
                h_form("year", "2027", "source", "国办发明电〔2026〕1号", NULL), &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已载入 2027 年节假日安排");
    ASSERT_HAS(r, "2027 年 <small class=\"muted\">国办发明电〔2026〕1号</small>");
    ASSERT_HAS(r, "<td class=\"mono\">2027-01-01</td><td>休息</td><td>元旦</td>");
    ASSERT_HAS(r, "<td>手工新增年度</td>");
    hresp_free(&r);
    /* 2026-12-28 + 5: 12-29, 12-30, 12-31, (01-01 元旦), 01-04, 01-05; no longer provisional */
    assert_compute(h, &c, "date=2026-12-28&n=5", "2027-01-05", false);

    h_request(h, &c, "POST", "/api/v1/calendar/years", "{\"year\":\"2027\",\"source\":\"重复\"}",
              &r);
    ASSERT_STATUS(r, 409);
    assert_string_equal(h_field_msg(&r, "year"), "2027 年度已存在");
    hresp_free(&r);
    h_request(h, &c, "POST", "/api/v1/calendar/years", "{\"year\":2028,\"source\":\"接口\"}", &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "year")), 2028);
    hresp_free(&r);
    h_send_form(h, &c, "/calendar/years", h_form("year", "3000", "source", "", NULL), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "year", "请填写年度，如 2027");
    h_assert_field_error(&r, "source", "请填写依据（通知文号）");
    ASSERT_HAS(r, "name=\"year\" value=\"3000\"");
    hresp_free(&r);
    h_send_form(h, &c, "/calendar/years", h_form("year", "2101", "source", "x", NULL), &r);
    ASSERT_STATUS(r, 422);
    h_assert_field_error(&r, "year", "无法推算 2101 年的法定节假日，请导入该年度的通知文件");
    hresp_free(&r);
}

/* ---- importing a notice --------------------------------------------------------------------- */

static void test_import_checks_every_entry_and_loads_all_or_nothing(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_set_now(h, "2026-12-07T10:00:00+08:00"); /* the page shows this year and next */
    h_login(h, &c, "province");
    struct hresp r;
    /* a bad file: every problem is listed, nothing is loaded */
    const char *bad = "{\"year\": 2027, \"days\": ["
                      "{\"name\": \"春节\", \"date\": \"2027-02-05\", \"isOffDay\": true},"
                      "{\"name\": \"春节\", \"date\": \"2027-02-31\", \"isOffDay\": true},"
                      "{\"name\": \"春节\", \"date\": \"2027-02-10\", \"isOffDay\": false}]}";
    import(h, &c, "/api/v1/calendar/import", strdup(bad), &r);
    ASSERT_STATUS(r, 422);
    json_t *problems =
        json_object_get(json_object_get(json_object_get(r.json, "error"), "details"), "problems");
    assert_true(json_array_size(problems) >= 3); /* two entries, and the holidays it lacks */
    assert_int_equal(json_integer_value(json_object_get(json_array_get(problems, 0), "item")), 2);
    hresp_free(&r);
    import(h, &c, "/calendar/import", strdup(bad), &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "文件有以下问题，未载入任何内容");
    ASSERT_HAS(r, "第 3 项：2027-02-10 是星期三，调休上班日应为星期六或星期日");
    ASSERT_HAS(r, "2027-01-01（元旦）是法定节假日，文件中未列为休息日");
    hresp_free(&r);
    assert_compute(h, &c, "date=2026-12-30&n=5", "2027-01-07", true); /* still provisional */
    import(h, &c, "/api/v1/calendar/import", strdup("not json"), &r);
    ASSERT_STATUS(r, 422);
    hresp_free(&r);
    h_post_multipart(h, &c, "/api/v1/calendar/import", strdup("--" H_BOUNDARY "--\r\n"), &r);
    ASSERT_STATUS(r, 422);
    assert_non_null(h_field_msg(&r, "file"));
    hresp_free(&r);

    /* the good file: loaded, the year known, the notice's extra day counted */
    import(h, &c, "/calendar/import", notice_2027(true), &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "已载入 2027 年节假日安排，重算暂定期限 0 个，届满日期均无变化");
    ASSERT_LACKS(r, "tag-provisional\">暂定</span> <small"); /* 2027 no longer provisional */
    ASSERT_HAS(r, "2027 年 <small class=\"muted\">https://www.gov.cn/test-2027</small>");
    ASSERT_HAS(r, "<td>导入通知文件</td>");
    hresp_free(&r);
    assert_compute(h, &c, "date=2026-12-30&n=5", "2027-01-08", false);
    /* importing again replaces the year's days */
    import(h, &c, "/api/v1/calendar/import", notice_2027(false), &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "year")), 2027);
    hresp_free(&r);
    assert_compute(h, &c, "date=2026-12-30&n=5", "2027-01-07", false);
}

/* ---- the calendar is national --------------------------------------------------------------- */

/* A county's (or a city's) administrator sees the calendar but cannot change it on any route,
 * page or API; nothing changes. */
static void test_r_cal_07_calendar_changes_refused_below_the_top_level(void **state)
{
    struct harness *h = *state;
    static const char *const who[] = {"admin", "city"};
    for (size_t k = 0; k < 2; k++) {
        struct client c;
        h_login(h, &c, who[k]);
        struct hresp r;
        h_request(h, &c, "GET", "/calendar", NULL, &r);
        ASSERT_STATUS(r, 200);
        ASSERT_HAS(r, "由最上级机构的系统管理员维护");
        ASSERT_LACKS(r, "action=\"/calendar/import\"");
        ASSERT_LACKS(r, "action=\"/calendar/days\"");
        ASSERT_LACKS(r, "action=\"/calendar/days/clear\"");
        hresp_free(&r);
        h_request(h, &c, "GET", "/api/v1/calendar", NULL, &r);
        ASSERT_STATUS(r, 200);
        assert_true(json_is_false(json_object_get(r.json, "may_change")));
        hresp_free(&r);
        h_send_form(h, &c, "/calendar/days",
                    h_form("day", "2026-03-02", "off", "1", "name", "越权", NULL), &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        h_request(h, &c, "POST", "/api/v1/calendar/days",
                  "{\"day\":\"2026-03-02\",\"off\":\"1\",\"name\":\"越权\"}", &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        h_send_form(h, &c, "/calendar/days/clear", h_form("day", "2026-02-28", NULL), &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        h_request(h, &c, "POST", "/api/v1/calendar/days/clear", "{\"day\":\"2026-02-28\"}", &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        h_send_form(h, &c, "/calendar/years", h_form("year", "2027", "source", "越权", NULL), &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        h_request(h, &c, "POST", "/api/v1/calendar/years", "{\"year\":2027,\"source\":\"越权\"}",
                  &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
        import(h, &c, "/calendar/import", notice_2027(false), &r);
        ASSERT_STATUS(r, 403);
        ASSERT_HAS(r, "只有最上级机构的系统管理员可以修改");
        hresp_free(&r);
        import(h, &c, "/api/v1/calendar/import", notice_2027(false), &r);
        ASSERT_STATUS(r, 403);
        hresp_free(&r);
    }
    struct client c;
    h_login(h, &c, "officer");
    assert_int_equal(get_status(h, &c, "/calendar"), 403);
    assert_int_equal(get_status(h, &c, "/api/v1/calendar"), 403);
    /* nothing changed */
    assert_compute(h, &c, "date=2026-02-27&n=2", "2026-03-02", false);
    assert_compute(h, &c, "date=2026-12-30&n=5", "2027-01-07", true);
    struct err e = {0};
    assert_false(h_exists(h->db, "SELECT 1 FROM calendar_year WHERE year = 2027", ""));
    assert_int_equal(e.code, 0);
}

/* The top-level administrator's change is seen by a county's auditor. */
static void test_calendar_changes_audited_for_every_agency(void **state)
{
    struct harness *h = *state;
    struct client c, auditor;
    h_login(h, &c, "province");
    struct hresp r;
    import(h, &c, "/api/v1/calendar/import", notice_2027(false), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_login(h, &auditor, "auditor");
    h_request(h, &auditor, "GET", "/api/v1/audit?q=calendar", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "calendar.import");
    ASSERT_HAS(r, "calendar.load");
    hresp_free(&r);
}

/* ---- the start page's reminder -------------------------------------------------------------- */

static void test_start_page_warns_from_november_while_next_year_is_missing(void **state)
{
    struct harness *h = *state;
    struct client top, county;
    h_login(h, &top, "province");
    h_login(h, &county, "admin");
    struct hresp r;
    h_set_now(h, "2026-10-31T18:00:00+08:00");
    h_request(h, &top, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "节假日安排尚未载入");
    hresp_free(&r);
    h_set_now(h, "2026-11-01T08:00:00+08:00");
    h_request(h, &top, "GET", "/", NULL, &r);
    ASSERT_HAS(r, "2027 年的节假日安排尚未载入");
    ASSERT_HAS(r, "href=\"/calendar\"");
    hresp_free(&r);
    h_request(h, &top, "GET", "/calendar", NULL, &r);
    ASSERT_HAS(r, "2027 年的节假日安排尚未载入，涉及 2027 年的期限均为暂定");
    hresp_free(&r);
    h_request(h, &county, "GET", "/", NULL, &r); /* who cannot load it is not nagged */
    ASSERT_LACKS(r, "节假日安排尚未载入");
    hresp_free(&r);
    import(h, &top, "/api/v1/calendar/import", notice_2027(false), &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    h_request(h, &top, "GET", "/", NULL, &r);
    ASSERT_LACKS(r, "节假日安排尚未载入");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_calendar_page_and_special_days),
        T(test_r_cal_05_rules_0_provisional_count_flagged_not_refused),
        T(test_rules_0_year_added_by_hand_keeps_statutory_holidays),
        T(test_import_checks_every_entry_and_loads_all_or_nothing),
        T(test_r_cal_07_calendar_changes_refused_below_the_top_level),
        T(test_calendar_changes_audited_for_every_agency),
        T(test_start_page_warns_from_november_while_next_year_is_missing),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
