/* test_device.c — the registry of enforcement devices (执法装备, law/device.h): numbers once per
 * agency, assignment to the agency's active officers only, retirement as final, a history that
 * only grows and answers who held a device on a day, device_check_use for each refusal and the
 * pooled case, scope across agencies, lists, figures and a form's choices. */
#include "tests/support.h"
#include "base/date.h"
#include "law/device.h"
#include "law/officer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW "2026-06-15T10:00:00+08:00" /* every test's now: 2026-06-15 */

/* ---- helpers ------------------------------------------------------------------------------ */

static day_t D(const char *s)
{
    day_t d = 0;
    assert_int_equal(date_parse(s, &d), 0);
    return d;
}

static int64_t agency(struct harness *h, const char *code)
{
    return atoll(h_text(h, "SELECT id FROM agency WHERE code = ?", "t", code));
}

/* An officer of the agency with code, numbered seq; status "active" or "suspended". */
static int64_t officer(struct harness *h, const char *code, int seq, const char *name,
                       const char *status)
{
    char idno[19];
    h_idno(seq, idno);
    struct officer_input in = {.agency_code = code,
                               .name = name,
                               .id_number = idno,
                               .cert_no = arena_printf(&h->arena, "DEV-%04d", seq),
                               .cert_issued = "2020-01-01",
                               .cert_expires = "2030-12-31",
                               .status = status,
                               .status_reason = strcmp(status, "active") ? "借调" : NULL,
                               .lines = "medical"};
    struct err e = {0};
    int64_t id = 0;
    if (officer_add(&h->ctx, &in, &id, &e)) fail_msg("officer: %s", e.msg);
    return id;
}

/* A device of kind and number registered by user (its agency's). */
static int64_t device(struct harness *h, const char *user, const char *kind, const char *number)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    struct device_input in = {.kind = kind, .number = number, .model = "海康威视 DSJ-K1"};
    struct err e = {0};
    int64_t id = 0;
    if (device_add(&c, &in, &id, &e)) fail_msg("device: %s", e.msg);
    return id;
}

static int assign(struct harness *h, int64_t id, int64_t officer_id, const char *on, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    memset(e, 0, sizeof *e);
    return device_assign(&c, id, officer_id, on, e);
}

static void must_assign(struct harness *h, int64_t id, int64_t officer_id, const char *on)
{
    struct err e;
    if (assign(h, id, officer_id, on, &e)) fail_msg("assign on %s: %s", on, e.msg);
}

static int unassign(struct harness *h, int64_t id, const char *on, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    memset(e, 0, sizeof *e);
    return device_unassign(&c, id, on, e);
}

static int retire(struct harness *h, int64_t id, const char *reason, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    memset(e, 0, sizeof *e);
    return device_retire(&c, id, reason, e);
}

/* device_check_use as user: 0, or the message on "device_id" into *why. */
static int use(struct harness *h, const char *user, int64_t id, int64_t officer_id,
               int64_t agency_id, const char *day, const char **why)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    struct err e = {0};
    int rc = device_check_use(&c, id, officer_id, agency_id, D(day), &e);
    *why = rc ? arena_strdup(&h->arena, err_field_msg(&e, "device_id")) : NULL;
    if (rc) assert_int_equal(rc, ERR_INVALID);
    return rc;
}

static void assert_refused(struct harness *h, int64_t id, int64_t officer_id, int64_t agency_id,
                           const char *day, const char *want)
{
    const char *why = NULL;
    if (!use(h, "admin", id, officer_id, agency_id, day, &why))
        fail_msg("%s: device %lld used by %lld is not refused", day, (long long)id,
                 (long long)officer_id);
    if (!why || !strstr(why, want)) fail_msg("%s: \"%s\", expected \"%s\"", day, why, want);
}

static void assert_usable(struct harness *h, int64_t id, int64_t officer_id, int64_t agency_id,
                          const char *day)
{
    const char *why = NULL;
    if (use(h, "admin", id, officer_id, agency_id, day, &why))
        fail_msg("%s: device %lld refused to %lld: %s", day, (long long)id, (long long)officer_id,
                 why);
}

static int64_t count(struct harness *h, const char *sql, int64_t id)
{
    return atoll(h_text(h, sql, "i", id));
}

static int setup(void **state)
{
    int rc = harness_setup(state);
    if (!rc) h_set_now(*state, NOW);
    return rc;
}

/* ---- the rules ---------------------------------------------------------------------------- */

static void test_r_dev_01_number_once_per_agency(void **state)
{
    struct harness *h = *state;
    device(h, "admin", "recorder", "JLY-001");
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct device_input again = {.kind = "terminal", .number = "JLY-001"};
    struct err e = {0};
    int64_t id = 0;
    assert_int_equal(device_add(&c, &again, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "number"), "本机关已登记设备编号 JLY-001");
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM device", ""), "1");
    /* another county numbers its own devices */
    device(h, "other", "recorder", "JLY-001");
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM device", ""), "2");
}

static void test_device_add_validates_each_field(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct device_input in = {.kind = "tank", .number = " ", .agency_code = "320411"};
    struct err e = {0};
    int64_t id = 0;
    assert_int_equal(device_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "kind"), "请选择设备种类");
    assert_string_equal(err_field_msg(&e, "number"), "请填写设备编号");
    in = (struct device_input){.kind = "voice", .number = "LYB-1", .agency_code = "320411"};
    memset(&e, 0, sizeof e);
    assert_int_equal(device_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "agency"), "不在您的管辖范围内"));
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM device", ""), "0");
}

static void test_r_dev_02_assign_only_to_an_active_officer_of_its_agency(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t li = officer(h, "320412", 2, "李四", "suspended");
    int64_t wang = officer(h, "320411", 3, "王五", "active");
    int64_t id = device(h, "admin", "recorder", "JLY-001");
    struct err e;
    assert_int_equal(assign(h, id, wang, "2026-06-01", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "officer_id"), "只能配发给本机关的执法人员");
    assert_int_equal(assign(h, id, li, "2026-06-01", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "officer_id"), "李四 不在岗，不能配发");
    assert_int_equal(assign(h, id, 0, "2026-06-01", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "officer_id"), "请选择执法人员");
    assert_string_equal(h_text(h, "SELECT COUNT(*) FROM device_assignment", ""), "0");
    must_assign(h, id, zhang, "2026-06-01");
    assert_int_equal(assign(h, id, zhang, "2026-06-02", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "officer_id"), "该设备已配发给张三");
    assert_int_equal(count(h, "SELECT officer_id FROM device WHERE id = ?", id), zhang);
    assert_string_equal(h_text(h, "SELECT assigned_on FROM device WHERE id = ?", "i", id),
                        "2026-06-01");
}

static void test_r_dev_03_a_retired_device_is_never_assigned_or_used_again(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t id = device(h, "admin", "recorder", "JLY-001");
    must_assign(h, id, zhang, "2026-06-01");
    struct err e;
    assert_int_equal(retire(h, id, "摔坏无法维修", &e), 0);
    /* it left its holder on the day it was retired */
    assert_string_equal(h_text(h, "SELECT status FROM device WHERE id = ?", "i", id), "retired");
    assert_string_equal(h_text(h, "SELECT officer_id FROM device WHERE id = ?", "i", id), "(null)");
    assert_string_equal(
        h_text(h, "SELECT to_day FROM device_assignment WHERE device_id = ?", "i", id),
        "2026-06-15");
    assert_int_equal(assign(h, id, zhang, "2026-06-15", &e), ERR_CONFLICT);
    assert_string_equal(e.msg, "设备 JLY-001 已报废，不能配发或收回");
    assert_int_equal(unassign(h, id, "2026-06-15", &e), ERR_CONFLICT);
    assert_int_equal(retire(h, id, "再报废一次", &e), ERR_CONFLICT);
    assert_refused(h, id, zhang, agency(h, "320412"), "2026-06-16",
                   "设备 JLY-001 已于 2026-06-15 报废");
    /* what it recorded before, in its holder's hands, is still attached */
    assert_usable(h, id, zhang, agency(h, "320412"), "2026-06-10");
    /* nor brought back by an edit */
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct device_input edit = {.model = "X", .status = "active"};
    memset(&e, 0, sizeof e);
    assert_int_equal(device_update(&c, id, &edit, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "status"), "设备已报废，不能恢复使用");
    /* and an edit does not retire: that is device_retire's, with its reason */
    int64_t other = device(h, "admin", "recorder", "JLY-002");
    edit.status = "retired";
    memset(&e, 0, sizeof e);
    assert_int_equal(device_update(&c, other, &edit, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "status"), "报废请使用“报废”操作并写明原因");
    /* an edit that leaves the status keeps it retired, and changes the note */
    edit = (struct device_input){.model = "海康威视", .note = "已交资产科"};
    memset(&e, 0, sizeof e);
    assert_int_equal(device_update(&c, id, &edit, &e), 0);
    assert_string_equal(h_text(h, "SELECT status FROM device WHERE id = ?", "i", id), "retired");
}

static void test_r_dev_04_the_history_only_grows(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t li = officer(h, "320412", 2, "李四", "active");
    int64_t id = device(h, "admin", "recorder", "JLY-001");
    struct err e;
    assert_int_equal(assign(h, id, zhang, "2026-06-16", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "on"), "日期不能晚于今天（2026-06-15）");
    assert_int_equal(assign(h, id, zhang, "6/1", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "on"), "日期格式应为 YYYY-MM-DD");
    /* a device registered late may have been assigned before it was registered */
    must_assign(h, id, zhang, "2025-03-01");
    assert_int_equal(assign(h, id, li, "2025-02-28", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "on"),
                        "日期不能早于该设备上一次配发或收回的日期（2025-03-01）");
    /* a handover on the day it was assigned is a period of one day */
    must_assign(h, id, li, "2025-03-01");
    assert_int_equal(unassign(h, id, "2025-02-01", &e), ERR_INVALID);
    assert_int_equal(unassign(h, id, "2026-06-15", &e), 0);
    assert_int_equal(unassign(h, id, "2026-06-15", &e), ERR_CONFLICT);
    assert_string_equal(e.msg, "该设备未配发给任何人，无需收回");
    assert_string_equal(h_text(h,
                               "SELECT COUNT(*) FROM device_assignment WHERE device_id = ?"
                               " AND to_day IS NULL",
                               "i", id),
                        "1");
    assert_int_equal(count(h, "SELECT COUNT(*) FROM device_assignment WHERE device_id = ?", id), 3);
}

static void test_r_dev_05_a_recording_uses_a_device_of_its_agency_in_scope(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t id = device(h, "admin", "recorder", "JLY-001");
    int64_t county = agency(h, "320412"), other = agency(h, "320411");
    assert_usable(h, id, zhang, county, "2026-06-01");
    assert_refused(h, id, zhang, other, "2026-06-01", "设备不属于本机关");
    assert_refused(h, id + 1000, zhang, county, "2026-06-01", "设备不存在");
    /* to the other county the device does not exist */
    const char *why = NULL;
    assert_int_equal(use(h, "other", id, zhang, county, "2026-06-01", &why), ERR_INVALID);
    assert_string_equal(why, "设备不存在");
    /* the city above sees it */
    assert_int_equal(use(h, "city", id, zhang, county, "2026-06-01", &why), 0);
}

static void test_r_dev_06_the_holder_on_the_day_records_with_it(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t li = officer(h, "320412", 2, "李四", "active");
    int64_t wang = officer(h, "320412", 3, "王五", "active");
    int64_t county = agency(h, "320412");
    int64_t id = device(h, "admin", "recorder", "JLY-001");
    /* never assigned: pooled, anyone of the agency records with it */
    assert_usable(h, id, wang, county, "2026-01-01");
    must_assign(h, id, zhang, "2026-03-01");
    must_assign(h, id, li, "2026-04-10");
    struct err e;
    assert_int_equal(unassign(h, id, "2026-05-20", &e), 0);
    /* before its first assignment it was pooled */
    assert_usable(h, id, wang, county, "2026-02-28");
    assert_usable(h, id, zhang, county, "2026-03-01");
    assert_refused(h, id, wang, county, "2026-03-15", "该设备 JLY-001 当日配发给张三，不是记录人");
    /* the day of the handover, both had it */
    assert_usable(h, id, zhang, county, "2026-04-10");
    assert_usable(h, id, li, county, "2026-04-10");
    assert_refused(h, id, wang, county, "2026-04-10", "当日配发给张三、李四，不是记录人");
    assert_refused(h, id, zhang, county, "2026-04-11", "当日配发给李四");
    assert_refused(h, id, li, county, "2026-04-09", "当日配发给张三");
    /* the day it was taken back, pooled again from then on */
    assert_usable(h, id, li, county, "2026-05-20");
    assert_usable(h, id, wang, county, "2026-05-20");
    assert_usable(h, id, wang, county, "2026-06-15");
    /* the history says so, newest first */
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    memset(&e, 0, sizeof e);
    json_t *o = device_get(&c, id, &e);
    assert_non_null(o);
    json_t *history = json_object_get(o, "history");
    assert_int_equal(json_array_size(history), 3);
    json_t *last = json_array_get(history, 0), *first = json_array_get(history, 2);
    assert_true(json_is_true(json_object_get(last, "pooled")));
    assert_string_equal(json_string_value(json_object_get(last, "from_day")), "2026-05-20");
    assert_true(json_is_null(json_object_get(last, "to_day")));
    assert_string_equal(json_string_value(json_object_get(first, "officer")), "张三");
    assert_string_equal(json_string_value(json_object_get(first, "to_day")), "2026-04-10");
    assert_string_equal(json_string_value(json_object_get(first, "by")), "admin");
    json_decref(o);
}

static void test_r_dev_07_retiring_says_why(void **state)
{
    struct harness *h = *state;
    int64_t id = device(h, "admin", "camera", "XJ-001");
    struct err e;
    assert_int_equal(retire(h, id, "  ", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "reason"), "请填写报废原因");
    assert_string_equal(h_text(h, "SELECT status FROM device WHERE id = ?", "i", id), "active");
    assert_int_equal(retire(h, id, "镜头损坏", &e), 0);
    assert_string_equal(h_text(h, "SELECT note FROM device WHERE id = ?", "i", id),
                        "报废原因：镜头损坏");
}

/* ---- scope, lists, figures, choices, the audit trail -------------------------------------- */

static void test_devices_are_seen_in_the_actors_subtree_only(void **state)
{
    struct harness *h = *state;
    int64_t mine = device(h, "admin", "recorder", "JLY-001");
    device(h, "other", "recorder", "JLY-900");
    struct actor who;
    struct device_query q = {0};
    struct err e = {0};
    struct ctx c = h_ctx(h, "other", &who);
    assert_null(device_get(&c, mine, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    memset(&e, 0, sizeof e);
    json_t *list = device_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    struct device_input edit = {.model = "X"};
    memset(&e, 0, sizeof e);
    assert_int_equal(device_update(&c, mine, &edit, &e), ERR_NOTFOUND);
    memset(&e, 0, sizeof e);
    assert_int_equal(device_retire(&c, mine, "越权", &e), ERR_NOTFOUND);
    c = h_ctx(h, "city", &who);
    memset(&e, 0, sizeof e);
    list = device_list(&c, &q, &e);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 2);
    json_decref(list);
}

static void test_device_list_filters_and_pages(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t a = device(h, "admin", "recorder", "JLY-001");
    device(h, "admin", "recorder", "JLY-002");
    device(h, "admin", "terminal", "ZD-001");
    must_assign(h, a, zhang, "2026-06-01");
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct device_query q = {.kind = "recorder"};
    json_t *list = device_list(&c, &q, &e);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 2);
    json_decref(list);
    q = (struct device_query){.officer_id = zhang};
    list = device_list(&c, &q, &e);
    json_t *row = json_array_get(json_object_get(list, "rows"), 0);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    assert_string_equal(json_string_value(json_object_get(row, "officer")), "张三");
    assert_string_equal(json_string_value(json_object_get(row, "kind_label")), "执法记录仪");
    json_decref(list);
    q = (struct device_query){.q = "ZD-"};
    list = device_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 1);
    json_decref(list);
    q = (struct device_query){.per_page = 2};
    list = device_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(list, "rows")), 2);
    assert_true(json_is_true(json_object_get(list, "more")));
    json_decref(list);
}

static void test_device_counts_by_kind_for_the_annual_report(void **state)
{
    struct harness *h = *state;
    device(h, "admin", "recorder", "JLY-001");
    device(h, "admin", "recorder", "JLY-002");
    device(h, "admin", "voice", "LYB-001");
    int64_t broken = device(h, "admin", "terminal", "ZD-001");
    device(h, "other", "laptop", "BJB-001");
    struct err e;
    assert_int_equal(retire(h, broken, "屏幕损坏", &e), 0);
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    memset(&e, 0, sizeof e);
    json_t *o = device_counts(&c, NULL, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "summary")),
                        "执法记录仪2台、录音笔1支");
    assert_int_equal(json_integer_value(json_object_get(o, "in_service")), 3);
    assert_int_equal(json_integer_value(json_object_get(o, "retired")), 1);
    json_t *terminal = json_array_get(json_object_get(o, "kinds"), 1);
    assert_int_equal(json_integer_value(json_object_get(terminal, "retired")), 1);
    json_decref(o);
    /* the city counts both counties; a county may not count the other */
    c = h_ctx(h, "city", &who);
    o = device_counts(&c, NULL, &e);
    assert_string_equal(json_string_value(json_object_get(o, "summary")),
                        "执法记录仪2台、录音笔1支、笔记本电脑1台");
    json_decref(o);
    o = device_counts(&c, "320411", &e);
    assert_string_equal(json_string_value(json_object_get(o, "summary")), "笔记本电脑1台");
    json_decref(o);
    c = h_ctx(h, "admin", &who);
    assert_null(device_counts(&c, "320411", &e));
    assert_non_null(err_field_msg(&e, "agency"));
}

static void test_device_options_lists_own_and_pooled_active_devices(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t li = officer(h, "320412", 2, "李四", "active");
    int64_t wang = officer(h, "320411", 3, "王五", "active");
    int64_t own = device(h, "admin", "recorder", "JLY-001");
    int64_t theirs = device(h, "admin", "recorder", "JLY-002");
    int64_t pooled = device(h, "admin", "terminal", "ZD-001");
    int64_t broken = device(h, "admin", "voice", "LYB-001");
    device(h, "other", "recorder", "JLY-900");
    must_assign(h, own, zhang, "2026-06-01");
    must_assign(h, theirs, li, "2026-06-01");
    struct err e;
    assert_int_equal(retire(h, broken, "丢失", &e), 0);
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    memset(&e, 0, sizeof e);
    json_t *list = device_options(&c, zhang, &e);
    assert_int_equal(json_array_size(list), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "id")), own);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 1), "id")), pooled);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 1), "kind_label")),
                        "移动执法终端");
    json_decref(list);
    assert_null(device_options(&c, wang, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
}

static void test_every_change_writes_an_audit_row(void **state)
{
    struct harness *h = *state;
    int64_t zhang = officer(h, "320412", 1, "张三", "active");
    int64_t id = device(h, "admin", "recorder", "JLY-001");
    must_assign(h, id, zhang, "2026-06-01");
    struct err e;
    assert_int_equal(unassign(h, id, "2026-06-10", &e), 0);
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct device_input edit = {.model = "新型号", .status = "repair"};
    assert_int_equal(device_update(&c, id, &edit, &e), 0);
    assert_int_equal(retire(h, id, "维修无望", &e), 0);
    assert_string_equal(h_text(h,
                               "SELECT COUNT(*) FROM audit_log WHERE object_type = 'device'"
                               " AND object_id = ?",
                               "i", id),
                        "5");
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM audit_log WHERE action = 'device.assign'"
                         " AND summary LIKE '%张三%'",
                         ""));
}

static void test_device_update_checks_the_version(void **state)
{
    struct harness *h = *state;
    int64_t id = device(h, "admin", "recorder", "JLY-001");
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct device_input edit = {.model = "A", .version = 1};
    struct err e = {0};
    assert_int_equal(device_update(&c, id, &edit, &e), 0);
    assert_int_equal(device_update(&c, id, &edit, &e), ERR_CONFLICT);
    assert_string_equal(h_text(h, "SELECT model FROM device WHERE id = ?", "i", id), "A");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_dev_01_number_once_per_agency),
        T(test_device_add_validates_each_field),
        T(test_r_dev_02_assign_only_to_an_active_officer_of_its_agency),
        T(test_r_dev_03_a_retired_device_is_never_assigned_or_used_again),
        T(test_r_dev_04_the_history_only_grows),
        T(test_r_dev_05_a_recording_uses_a_device_of_its_agency_in_scope),
        T(test_r_dev_06_the_holder_on_the_day_records_with_it),
        T(test_r_dev_07_retiring_says_why),
        T(test_devices_are_seen_in_the_actors_subtree_only),
        T(test_device_list_filters_and_pages),
        T(test_device_counts_by_kind_for_the_annual_report),
        T(test_device_options_lists_own_and_pooled_active_devices),
        T(test_every_change_writes_an_audit_row),
        T(test_device_update_checks_the_version),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
