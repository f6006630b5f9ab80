/* test_inspection.c — inspections (监督检查) and campaigns (专项检查): the two-officer rule
 * (行政处罚法 第四十二条) in each of its ways to fail, line and checklist checks, the correction
 * deadline, reinspection (复查) links, the overdue list, campaign targets and progress, document
 * numbers issued with the inspection (none when it is refused), and that nothing is half saved. */
#include "tests/support.h"
#include "law/agency.h"
#include "law/campaign.h"
#include "law/checklist.h"
#include "law/counter.h"
#include "law/entity.h"
#include "law/inspection.h"
#include "law/officer.h"
#include "base/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- fixture: one fresh database per test --------------------------------------------------- */

/* What every test starts from besides the harness. */
struct fixture {
    int64_t o1, o2, o3; /* officers of 320412 who may enforce */
    int64_t expired;    /* certificate expired five days ago */
    int64_t suspended;  /* certificate suspended */
    int64_t other;      /* valid officer of 320411 (outside the officer account's scope) */
    int64_t clinic;     /* 诊所 of 320412: lines medical, infectious */
    int64_t clinic2;    /* a second one */
    int64_t hotel;      /* 宾馆 of 320412: public_place */
    int64_t far_clinic; /* 诊所 of 320411 */
    int64_t agency;     /* id of 320412 */
    struct actor who;   /* the officer account (320412) */
    struct ctx c;       /* acting as it */
    char today[DATE_STRLEN];
};
static struct fixture F;

/* A date n days from today. Static ring of buffers: valid for a few calls. */
static const char *day(int n)
{
    static char ring[8][DATE_STRLEN];
    static int k;
    char *s = ring[k++ % 8];
    date_format(date_from_instant(h_clock()) + n, s);
    return s;
}

static int64_t add_officer(struct harness *h, int n, const char *agency, const char *issued,
                           const char *expires, const char *status)
{
    struct err e = {0};
    char idno[19], cert[24], name[24];
    h_idno(n, idno);
    snprintf(cert, sizeof cert, "ZF-%04d", n);
    snprintf(name, sizeof name, "执法人员%d", n);
    struct officer_input in = {.agency_code = agency,
                               .name = name,
                               .id_number = idno,
                               .cert_no = cert,
                               .cert_issued = issued,
                               .cert_expires = expires,
                               .status = status,
                               .status_reason = status ? "借调" : NULL,
                               .lines = "medical,public_place"};
    int64_t id;
    if (officer_add(&h->ctx, &in, &id, &e)) fail_msg("officer_add: %s", e.msg);
    return id;
}

static int64_t add_entity(struct harness *h, int n, const char *agency, const char *name,
                          const char *subtype)
{
    struct err e = {0};
    char uscc[19];
    h_uscc(n, uscc);
    struct entity_input in = {.agency_code = agency,
                              .name = name,
                              .uscc = uscc,
                              .legal_rep = "王五",
                              .address = "常州市武进区湖塘镇府前路1号",
                              .subtype = subtype,
                              .risk_grade = "B"};
    int64_t id;
    if (entity_add(&h->ctx, &in, &id, &e)) fail_msg("entity_add: %s", e.msg);
    return id;
}

static int setup(void **state)
{
    if (harness_setup(state)) return -1;
    struct harness *h = *state;
    memset(&F, 0, sizeof F);
    /* issued 60 days ago: no annual review is due yet (行政处罚法 第四十二条 via officer.c) */
    F.o1 = add_officer(h, 1, "320412", day(-60), day(900), NULL);
    F.o2 = add_officer(h, 2, "320412", day(-60), day(900), NULL);
    F.o3 = add_officer(h, 3, "320412", day(-60), day(900), NULL);
    F.expired = add_officer(h, 4, "320412", day(-300), day(-5), NULL);
    /* its annual reviews were passed, so only the expiry stops it */
    struct err re = {0};
    day_t issued;
    assert_int_equal(date_parse(day(-300), &issued), 0);
    for (int y = date_year(issued); y < date_year(date_from_instant(h_clock())); y++) {
        char year[8], on[DATE_STRLEN];
        snprintf(year, sizeof year, "%d", y);
        snprintf(on, sizeof on, "%d-01-10", y + 1);
        if (officer_review_add(&h->ctx, F.expired, year, on, "1", NULL, &re))
            fail_msg("review: %s", re.msg);
    }
    F.suspended = add_officer(h, 5, "320412", day(-60), day(900), "suspended");
    F.other = add_officer(h, 6, "320411", day(-60), day(900), NULL);
    F.clinic = add_entity(h, 1, "320412", "康宁诊所", "clinic");
    F.clinic2 = add_entity(h, 2, "320412", "仁和诊所", "clinic");
    F.hotel = add_entity(h, 3, "320412", "锦绣宾馆", "hotel");
    F.far_clinic = add_entity(h, 4, "320411", "新北诊所", "clinic");
    struct err e = {0};
    assert_int_equal(agency_find(&h->ctx, "320412", &F.agency, NULL, &e), 0);
    /* 文号 need the agency's 简称 (武卫医监〔2026〕1号) */
    assert_true(
        db_exec(h->db, &e, "UPDATE agency SET short_name = '武' WHERE code = '320412'", "") >= 0);
    F.c = h_ctx(h, "officer", &F.who);
    date_format(date_from_instant(h_clock()), F.today);
    return 0;
}

/* ---- helpers -------------------------------------------------------------------------------- */

static const struct inspection_item_input ok_items[] = {
    {"MED-01", "conform", NULL}, {"MED-02", "conform", NULL}, {"MED-03", "conform", NULL}};
static const struct inspection_item_input bad_items[] = {
    {"MED-01", "conform", NULL}, {"MED-03", "nonconform", "诊疗科目未公示"}};

/* A routine, passed inspection of the clinic today by o1 and o2; tests change what they test. */
static struct inspection_input base(void)
{
    static char officers[64];
    snprintf(officers, sizeof officers, "%lld,%lld", (long long)F.o1, (long long)F.o2);
    return (struct inspection_input){.entity_id = F.clinic,
                                     .type = "routine",
                                     .line = "medical",
                                     .date = F.today,
                                     .place = "康宁诊所诊室",
                                     .officers = officers,
                                     .items = ok_items,
                                     .nitems = 3,
                                     .outcome = "pass"};
}

/* A correction order of entity dated date, due by, by o1 and o2; returns its id. */
static int64_t add_order(int64_t entity, const char *date, const char *by)
{
    struct inspection_input in = base();
    in.entity_id = entity;
    in.date = date;
    in.items = bad_items;
    in.nitems = 2;
    in.outcome = "rectify";
    in.rectify_by = by;
    int64_t id;
    struct err e = {0};
    if (inspection_add(&F.c, &in, &id, &e))
        fail_msg("add_order: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

static int64_t count(struct harness *h, const char *table)
{
    struct err e = {0};
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, sql, ""), 0);
    return n;
}

/* Rows of every table an inspection writes, plus the document counters, as one string. */
static void snapshot(struct harness *h, char *out, size_t n)
{
    char name[64];
    snprintf(name, sizeof name, "serial:%lld:site_record", (long long)F.agency);
    int year = date_year(date_from_instant(h_clock()));
    snprintf(out, n, "%lld/%lld/%lld/%lld/%lld/%lld/%lld", (long long)count(h, "inspection"),
             (long long)count(h, "inspection_item"), (long long)count(h, "inspection_officer"),
             (long long)count(h, "document"), (long long)count(h, "audit_log"),
             (long long)count(h, "counter"), (long long)counter_value(h->db, name, year));
}

/* Add in and expect it refused with ERR_INVALID (or code) and a message on field containing
 * want; asserts nothing was written. */
static void expect_refused(struct harness *h, const struct inspection_input *in, int code,
                           const char *field, const char *want)
{
    char before[160], after[160];
    snapshot(h, before, sizeof before);
    struct err e = {0};
    int64_t id = 0;
    int rc = inspection_add(&F.c, in, &id, &e);
    if (rc != code) fail_msg("expected %d, got %d: %s", code, rc, e.msg);
    if (field) {
        const char *msg = err_field_msg(&e, field);
        if (!msg || !strstr(msg, want))
            fail_msg("field %s: \"%s\", wanted \"%s\" (%s)", field, msg ? msg : "(none)", want,
                     e.msg);
    } else if (!strstr(e.msg, want)) {
        fail_msg("message \"%s\", wanted \"%s\"", e.msg, want);
    }
    snapshot(h, after, sizeof after);
    assert_string_equal(before, after);
}

/* ---- 行政处罚法 第四十二条: at least two officers with 行政执法资格 -------------------------- */

static void test_r_insp_01_art42_one_officer_is_refused(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    char one[24];
    snprintf(one, sizeof one, "%lld", (long long)F.o1);
    in.officers = one;
    expect_refused(h, &in, ERR_INVALID, "officers", "第四十二条");
    in.officers = "";
    expect_refused(h, &in, ERR_INVALID, "officers", "两名以上");
}

static void test_r_insp_01_art42_the_same_officer_twice_is_refused(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    char twice[48];
    snprintf(twice, sizeof twice, "%lld,%lld", (long long)F.o1, (long long)F.o1);
    in.officers = twice;
    expect_refused(h, &in, ERR_INVALID, "officers", "不能重复");
}

/* 行政处罚法 第四十三条: an officer on the entity's 回避 list may not inspect it, in any kind of
 * inspection (not only a drawn one); the form offers them as unable, saying why. */
static void test_r_insp_03_art43_officer_on_the_avoid_list_is_refused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    assert_int_equal(db_exec(h->db, &e,
                             "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                             " created_by) VALUES (?, ?, '近亲属', 0, 'test')",
                             "ii", F.clinic, F.o2),
                     1);
    struct inspection_input in = base(); /* a routine inspection by o1 and o2 */
    expect_refused(h, &in, ERR_INVALID, "officers", "回避名单");
    json_t *arr = inspection_officer_options(&F.c, date_from_instant(h_clock()), F.clinic, 0, &e),
           *o;
    size_t i;
    bool seen = false;
    json_array_foreach(arr, i, o)
    {
        if (json_integer_value(json_object_get(o, "id")) != F.o2) continue;
        assert_false(json_is_true(json_object_get(o, "can_enforce")));
        assert_string_equal(json_string_value(json_object_get(o, "why")), "在该单位的回避名单中");
        seen = true;
    }
    assert_true(seen);
    json_decref(arr);
    /* another entity: o2 may */
    in.entity_id = F.clinic2;
    int64_t id;
    if (inspection_add(&F.c, &in, &id, &e)) fail_msg("inspection_add: %s", e.msg);
}

static void test_r_insp_02_art42_officer_with_expired_certificate_is_refused(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    char list[48];
    snprintf(list, sizeof list, "%lld,%lld", (long long)F.o1, (long long)F.expired);
    in.officers = list;
    expect_refused(h, &in, ERR_INVALID, "officers", "执法证已过有效期");
    /* on a day the certificate was still valid, the same pair may inspect */
    in.date = day(-10);
    int64_t id;
    struct err e = {0};
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    /* three officers of whom one may not enforce: still refused, naming that one */
    char three[64];
    snprintf(three, sizeof three, "%lld,%lld,%lld", (long long)F.o1, (long long)F.o2,
             (long long)F.expired);
    in = base();
    in.officers = three;
    expect_refused(h, &in, ERR_INVALID, "officers", "执法人员4：执法证已过有效期");
}

static void test_r_insp_02_art42_suspended_officer_is_refused(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    char list[48];
    snprintf(list, sizeof list, "%lld,%lld", (long long)F.suspended, (long long)F.o2);
    in.officers = list;
    expect_refused(h, &in, ERR_INVALID, "officers", "执法证已暂停使用");
}

static void test_r_insp_02_art42_officer_outside_scope_is_refused(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    char list[48];
    snprintf(list, sizeof list, "%lld,%lld", (long long)F.o1, (long long)F.other);
    in.officers = list;
    expect_refused(h, &in, ERR_INVALID, "officers", "不在管辖范围内");
    in.officers = "1,abc";
    expect_refused(h, &in, ERR_INVALID, "officers", "编号有误");
    snprintf(list, sizeof list, "%lld,999999", (long long)F.o1);
    in.officers = list;
    expect_refused(h, &in, ERR_INVALID, "officers", "不存在");
}

static void test_r_insp_05_art42_two_valid_officers_record_with_site_record(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.time_from = "09:30";
    in.time_to = "10:45";
    int64_t id;
    struct err e = {0};
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    json_t *o = inspection_get(&F.c, id, &e);
    assert_non_null(o);
    json_t *officers = json_object_get(o, "officers");
    assert_int_equal(json_array_size(officers), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(officers, 0), "cert_no")),
                        "ZF-0001");
    /* 现场笔录 always; no 卫生监督意见书 when the inspection passed */
    json_t *docs = json_object_get(o, "documents");
    assert_int_equal(json_array_size(docs), 1);
    char want[32];
    snprintf(want, sizeof want, "现%d-0001", date_year(date_from_instant(h_clock())));
    assert_string_equal(json_string_value(json_object_get(json_array_get(docs, 0), "number")),
                        want);
    assert_int_equal(json_array_size(json_object_get(o, "items")), 3);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(json_object_get(o, "items"), 0), "text")),
        json_string_value(json_object_get(checklist_item("MED-01", NULL), "text")));
    assert_string_equal(json_string_value(json_object_get(o, "outcome_label")), "合格");
    assert_string_equal(json_string_value(json_object_get(o, "time_to")), "10:45");
    json_decref(o);
    /* the audit row names the inspection and its document */
    assert_true(h_exists(h->db,
                         "SELECT 1 FROM audit_log WHERE action = 'inspection.create'"
                         " AND object_id = ? AND summary LIKE ?",
                         "it", id, "%现场笔录%"));
}

/* ---- line, items, outcome, dates ------------------------------------------------------------ */

static void test_r_insp_08_line_must_be_one_of_the_entitys_lines(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.line = "public_place";
    in.items = (struct inspection_item_input[]){{"PUB-01", "conform", NULL}};
    in.nitems = 1;
    expect_refused(h, &in, ERR_INVALID, "line", "该单位的专业不含");
    in.line = "spaceflight";
    expect_refused(h, &in, ERR_INVALID, "line", "请选择专业");
    /* infectious is one of a clinic's lines */
    in.line = "infectious";
    in.items = (struct inspection_item_input[]){{"INF-09", "conform", NULL}};
    int64_t id;
    struct err e = {0};
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
}

static void test_r_insp_08_items_come_from_the_lines_checklist_with_valid_results(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.items =
        (struct inspection_item_input[]){{"MED-01", "conform", NULL}, {"PUB-01", "conform", NULL}};
    in.nitems = 2;
    expect_refused(h, &in, ERR_INVALID, "item_PUB-01", "不在医疗卫生检查表中");
    in.items = (struct inspection_item_input[]){{"MED-01", "maybe", NULL}};
    in.nitems = 1;
    expect_refused(h, &in, ERR_INVALID, "item_MED-01", "符合、不符合或合理缺项");
    in.items = (struct inspection_item_input[]){{"MED-01", "conform", NULL},
                                                {"MED-01", "not_applicable", NULL}};
    in.nitems = 2;
    expect_refused(h, &in, ERR_INVALID, "items", "重复");
    in.nitems = 0;
    expect_refused(h, &in, ERR_INVALID, "items", "至少填写一项");
    in.items = (struct inspection_item_input[]){{"MED-01", "not_applicable", NULL}};
    in.nitems = 1;
    in.type = "inspection-ish";
    expect_refused(h, &in, ERR_INVALID, "type", "检查类型");
}

static void test_every_line_has_a_checklist_of_8_to_15_items(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "medical", "infectious",   "occupational", "radiation",       "school", "public_place",
        "water",   "disinfection", "blood",        "family_planning", "other"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        json_t *items = checklist_line(lines[i]), *it;
        if (json_array_size(items) < 8 || json_array_size(items) > 15)
            fail_msg("%s has %zu items", lines[i], json_array_size(items));
        size_t k;
        json_array_foreach(items, k, it)
        {
            const char *code = json_string_value(json_object_get(it, "code")), *line = NULL;
            assert_ptr_equal(checklist_item(code, &line), it);
            assert_string_equal(line, lines[i]);
            assert_true(strstr(json_string_value(json_object_get(it, "basis")), "《") != NULL ||
                        strstr(json_string_value(json_object_get(it, "basis")), "GB") != NULL ||
                        strstr(json_string_value(json_object_get(it, "basis")), "条例") != NULL ||
                        strstr(json_string_value(json_object_get(it, "basis")), "意见书") != NULL);
        }
    }
    assert_null(checklist_item("NOPE-01", NULL));
    assert_null(checklist_line("spaceflight"));
}

static void test_r_insp_07_outcome_must_agree_with_the_items(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.items = bad_items;
    in.nitems = 2;
    expect_refused(h, &in, ERR_INVALID, "outcome", "存在不符合项");
    in = base();
    in.outcome = "refer";
    expect_refused(h, &in, ERR_INVALID, "findings", "须写明发现的问题");
    in.outcome = "maybe";
    expect_refused(h, &in, ERR_INVALID, "outcome", "请选择检查结论");
}

static void test_r_insp_06_rectify_needs_a_later_deadline_and_issues_an_advice_notice(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.items = bad_items;
    in.nitems = 2;
    in.outcome = "rectify";
    expect_refused(h, &in, ERR_INVALID, "rectify_by", "请填写整改期限");
    in.rectify_by = F.today;
    expect_refused(h, &in, ERR_INVALID, "rectify_by", "应晚于检查日期");
    in.rectify_by = "2026-02-30";
    expect_refused(h, &in, ERR_INVALID, "rectify_by", "有效日期");
    in.rectify_by = day(15);
    int64_t id;
    struct err e = {0};
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    json_t *o = inspection_get(&F.c, id, &e);
    json_t *docs = json_object_get(o, "documents");
    assert_int_equal(json_array_size(docs), 2);
    char want[64];
    snprintf(want, sizeof want, "武卫医监〔%d〕1号", date_year(date_from_instant(h_clock())));
    assert_string_equal(json_string_value(json_object_get(json_array_get(docs, 1), "type")),
                        "advice_notice");
    assert_string_equal(json_string_value(json_object_get(json_array_get(docs, 1), "number")),
                        want);
    assert_string_equal(json_string_value(json_object_get(o, "rectify_by")), day(15));
    json_decref(o);
    /* a deadline given with another outcome is not kept */
    in = base();
    in.rectify_by = day(15);
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    o = inspection_get(&F.c, id, &e);
    assert_true(json_is_null(json_object_get(o, "rectify_by")));
    assert_int_equal(json_array_size(json_object_get(o, "documents")), 1);
    json_decref(o);
    /* asked for, a 卫生监督意见书 is issued with a pass too */
    in.advice_notice = true;
    in.advice = "请继续保持。";
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    o = inspection_get(&F.c, id, &e);
    assert_int_equal(json_array_size(json_object_get(o, "documents")), 2);
    json_decref(o);
}

static void test_r_insp_09_date_may_not_lie_in_the_future_and_times_are_checked(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.date = day(1);
    expect_refused(h, &in, ERR_INVALID, "date", "不能晚于今天");
    in.date = "yesterday";
    expect_refused(h, &in, ERR_INVALID, "date", "有效日期");
    in = base();
    in.time_from = "25:00";
    expect_refused(h, &in, ERR_INVALID, "time_from", "时:分");
    in.time_from = "10:00";
    in.time_to = "09:00";
    expect_refused(h, &in, ERR_INVALID, "time_to", "晚于开始时间");
    in = base();
    in.place = "";
    expect_refused(h, &in, ERR_INVALID, "place", "请填写检查地点");
}

static void test_entity_outside_scope_is_refused(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.entity_id = F.far_clinic;
    expect_refused(h, &in, ERR_INVALID, "entity_id", "不在您的管辖范围内");
    in.entity_id = 0;
    expect_refused(h, &in, ERR_INVALID, "entity_id", "请选择被检查单位");
}

static void test_all_messages_come_together(void **state)
{
    struct harness *h = *state;
    struct inspection_input in = base();
    in.officers = "";
    in.place = "";
    in.line = "school";
    in.items = (struct inspection_item_input[]){{"SCH-01", "conform", NULL}};
    in.nitems = 1;
    struct err e = {0};
    int64_t id;
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "officers"));
    assert_non_null(err_field_msg(&e, "place"));
    assert_non_null(err_field_msg(&e, "line"));
    (void)h;
}

/* ---- 复查 ------------------------------------------------------------------------------------ */

static void test_r_insp_10_reinspection_links_to_the_correction_order_it_checks(void **state)
{
    struct harness *h = *state;
    int64_t order = add_order(F.clinic, day(-20), day(-5));
    int64_t passed;
    struct err e = {0};
    struct inspection_input p = base();
    assert_int_equal(inspection_add(&F.c, &p, &passed, &e), 0);

    struct inspection_input in = base();
    in.type = "reinspection";
    in.corrected = "1";
    expect_refused(h, &in, ERR_INVALID, "checks_id", "须关联被复查的检查记录");
    in.checks_id = passed;
    expect_refused(h, &in, ERR_INVALID, "checks_id", "未责令整改");
    in.checks_id = order;
    in.entity_id = F.clinic2;
    expect_refused(h, &in, ERR_INVALID, "checks_id", "同一被检查单位");
    in.entity_id = F.clinic;
    in.date = day(-21);
    expect_refused(h, &in, ERR_INVALID, "date", "不能早于原检查日期");
    in.date = F.today;
    in.corrected = NULL;
    expect_refused(h, &in, ERR_INVALID, "corrected", "是否已经改正");
    in.corrected = "0";
    expect_refused(h, &in, ERR_INVALID, "outcome", "未改正的，复查结论不能为“合格”");
    in.line = "infectious";
    in.corrected = "1";
    in.items = (struct inspection_item_input[]){{"INF-01", "conform", NULL}};
    in.nitems = 1;
    expect_refused(h, &in, ERR_INVALID, "line", "复查应使用原检查的专业");
    /* only a 复查 links to an inspection */
    in = base();
    in.checks_id = order;
    expect_refused(h, &in, ERR_INVALID, "checks_id", "只有复查");

    in = base();
    in.type = "reinspection";
    in.checks_id = order;
    in.corrected = "0";
    in.items = bad_items;
    in.nitems = 2;
    in.outcome = "rectify";
    in.rectify_by = day(10);
    int64_t re;
    assert_int_equal(inspection_add(&F.c, &in, &re, &e), 0);
    json_t *o = inspection_get(&F.c, order, &e);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "followup"), "id")), re);
    assert_false(json_is_true(json_object_get(json_object_get(o, "followup"), "corrected")));
    assert_null(json_object_get(o, "days_overdue")); /* reinspected: no longer overdue */
    json_decref(o);
    o = inspection_get(&F.c, re, &e);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "checks"), "id")),
                     order);
    assert_true(json_is_false(json_object_get(o, "corrected")));
    json_decref(o);
    /* one reinspection per order; the next one checks the reinspection's own order */
    in.rectify_by = day(20);
    expect_refused(h, &in, ERR_INVALID, "checks_id", "已有复查记录");
    in = base();
    in.type = "reinspection";
    in.checks_id = re;
    in.corrected = "1";
    int64_t re2;
    assert_int_equal(inspection_add(&F.c, &in, &re2, &e), 0);
}

/* ---- overdue corrections ----------------------------------------------------------------------
 */

/* Ids in the array of rows, as "id,id,". */
static void ids_of(json_t *rows, char *out, size_t n)
{
    size_t i, used = 0;
    json_t *r;
    out[0] = 0;
    json_array_foreach(rows, i, r) used += (size_t)snprintf(
        out + used, n - used, "%lld,", (long long)json_integer_value(json_object_get(r, "id")));
}

static void test_r_insp_11_overdue_lists_passed_deadlines_unreinspected_and_due_soon(void **st)
{
    (void)st;
    int64_t late = add_order(F.clinic, day(-30), day(-2));
    int64_t later = add_order(F.clinic2, day(-30), day(-9));
    int64_t today = add_order(F.clinic, day(-10), day(0));
    int64_t soon = add_order(F.clinic, day(-10), day(3));
    int64_t far = add_order(F.clinic, day(-10), day(4));
    (void)far;
    struct err e = {0};
    json_t *o = inspection_overdue(&F.c, &e);
    assert_non_null(o);
    char got[128], want[128];
    ids_of(json_object_get(o, "overdue"), got, sizeof got);
    snprintf(want, sizeof want, "%lld,%lld,", (long long)later, (long long)late);
    assert_string_equal(got, want); /* longest overdue first */
    ids_of(json_object_get(o, "due_soon"), got, sizeof got);
    snprintf(want, sizeof want, "%lld,%lld,", (long long)today, (long long)soon);
    assert_string_equal(got, want);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(o, "overdue"), 0), "days_overdue")),
                     9);
    json_decref(o);
    /* a reinspection takes the order off the list */
    struct inspection_input in = base();
    in.type = "reinspection";
    in.checks_id = late;
    in.corrected = "1";
    int64_t id;
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    o = inspection_overdue(&F.c, &e);
    ids_of(json_object_get(o, "overdue"), got, sizeof got);
    snprintf(want, sizeof want, "%lld,", (long long)later);
    assert_string_equal(got, want);
    json_decref(o);
    /* another county sees none of them */
    struct actor other;
    struct harness *h = *st;
    struct ctx oc = h_ctx(h, "other", &other);
    o = inspection_overdue(&oc, &e);
    assert_int_equal(json_array_size(json_object_get(o, "overdue")), 0);
    json_decref(o);
    /* the counts agree */
    o = inspection_stats(&F.c, NULL, NULL, &e);
    assert_int_equal(json_integer_value(json_object_get(o, "overdue")), 1);
    assert_int_equal(json_integer_value(json_object_get(o, "open_orders")), 4);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 6);
    json_decref(o);
}

/* ---- lists and scope --------------------------------------------------------------------------
 */

/* Rows of the first page of the list for q (acting as the officer account). */
static size_t nrows(const struct inspection_query *q)
{
    struct err e = {0};
    json_t *l = inspection_list(&F.c, q, &e);
    assert_non_null(l);
    size_t n = json_array_size(json_object_get(l, "rows"));
    json_decref(l);
    return n;
}

static void test_list_filters_and_scope(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t a, b;
    struct inspection_input in = base();
    in.date = day(-3);
    assert_int_equal(inspection_add(&F.c, &in, &a, &e), 0);
    in = base();
    in.entity_id = F.hotel;
    in.line = "public_place";
    in.type = "complaint";
    in.items = (struct inspection_item_input[]){{"PUB-05", "nonconform", "健康证过期"}};
    in.nitems = 1;
    in.outcome = "refer";
    char list[48];
    snprintf(list, sizeof list, "%lld,%lld", (long long)F.o2, (long long)F.o3);
    in.officers = list;
    assert_int_equal(inspection_add(&F.c, &in, &b, &e), 0);
    struct inspection_query q = {0};
    json_t *l = inspection_list(&F.c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(l, "rows")), 2);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(json_object_get(l, "rows"), 0), "id")),
        b); /* newest first */
    json_decref(l);
    assert_int_equal(nrows(&(struct inspection_query){.entity_id = F.hotel}), 1);
    assert_int_equal(nrows(&(struct inspection_query){.type = "complaint"}), 1);
    assert_int_equal(nrows(&(struct inspection_query){.line = "medical"}), 1);
    assert_int_equal(nrows(&(struct inspection_query){.outcome = "refer"}), 1);
    assert_int_equal(nrows(&(struct inspection_query){.officer_id = F.o1}), 1);
    assert_int_equal(nrows(&(struct inspection_query){.officer_id = F.o2}), 2);
    assert_int_equal(nrows(&(struct inspection_query){.from = F.today}), 1);
    assert_int_equal(nrows(&(struct inspection_query){.to = day(-1)}), 1);
    assert_int_equal(nrows(&(struct inspection_query){.from = day(-5), .to = F.today}), 2);
    assert_int_equal(nrows(&(struct inspection_query){.per_page = 1}), 1);
    struct inspection_query bad = {.from = "not-a-date"};
    assert_null(inspection_list(&F.c, &bad, &e));
    assert_non_null(err_field_msg(&e, "from"));
    err_clear(&e);
    /* another county sees neither the list nor the record; the city sees both */
    struct actor other, city;
    struct ctx oc = h_ctx(h, "other", &other), cc = h_ctx(h, "city", &city);
    struct inspection_query all = {0};
    l = inspection_list(&oc, &all, &e);
    assert_int_equal(json_array_size(json_object_get(l, "rows")), 0);
    json_decref(l);
    assert_null(inspection_get(&oc, a, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    json_t *o = inspection_get(&cc, a, &e);
    assert_non_null(o);
    json_decref(o);
}

static void test_officer_options_flag_who_may_enforce(void **state)
{
    (void)state;
    struct err e = {0};
    json_t *arr = inspection_officer_options(&F.c, date_from_instant(h_clock()), 0, 0, &e), *o;
    assert_non_null(arr);
    size_t i;
    int seen = 0;
    json_array_foreach(arr, i, o)
    {
        json_int_t id = json_integer_value(json_object_get(o, "id"));
        bool can = json_is_true(json_object_get(o, "can_enforce"));
        if (id == F.o1 || id == F.o2) {
            assert_true(can);
            seen++;
        }
        if (id == F.expired || id == F.suspended) {
            assert_false(can);
            seen++;
        }
        assert_true(id != F.other); /* another county's officer is not offered */
    }
    assert_int_equal(seen, 4);
    /* those who may not enforce come last */
    assert_false(json_is_true(
        json_object_get(json_array_get(arr, json_array_size(arr) - 1), "can_enforce")));
    json_decref(arr);
}

/* ---- campaigns --------------------------------------------------------------------------------
 */

static int64_t add_campaign(const char *line, const char *from, const char *to)
{
    struct campaign_input in = {
        .name = "医疗机构依法执业专项检查", .line = line, .starts_on = from, .ends_on = to};
    int64_t id;
    struct err e = {0};
    if (campaign_add(&F.c, &in, &id, &e)) fail_msg("campaign_add: %s", e.msg);
    return id;
}

static void test_r_insp_12_campaign_fields_are_checked(void **state)
{
    (void)state;
    struct err e = {0};
    int64_t id;
    struct campaign_input in = {
        .name = "", .line = "nope", .starts_on = day(0), .ends_on = day(-1)};
    assert_int_equal(campaign_add(&F.c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "name"));
    assert_non_null(err_field_msg(&e, "line"));
    assert_string_equal(err_field_msg(&e, "ends_on"), "结束日期不能早于开始日期");
}

static void test_campaign_targets_and_progress(void **state)
{
    struct harness *h = *state;
    int64_t camp = add_campaign("medical", day(-10), day(30));
    struct err e = {0};
    int added = 0;
    /* by filter: both clinics of the county (not the hotel: not of the line; not the other
     * county's clinic: out of scope) */
    struct campaign_filter f = {.subtype = "clinic"};
    assert_int_equal(campaign_target_add_filter(&F.c, camp, &f, &added, &e), 0);
    assert_int_equal(added, 2);
    assert_int_equal(campaign_target_add_filter(&F.c, camp, &f, &added, &e), 0);
    assert_int_equal(added, 0); /* already on the list */
    f.line = "public_place";
    assert_int_equal(campaign_target_add_filter(&F.c, camp, &f, &added, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "line"), "本专项限于医疗卫生专业"));
    err_clear(&e);
    /* by id: the hotel is not of the line, the far clinic not in scope */
    char ids[48];
    snprintf(ids, sizeof ids, "%lld", (long long)F.hotel);
    assert_int_equal(campaign_target_add(&F.c, camp, ids, &added, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "entity_ids"), "不属于本专项的专业"));
    err_clear(&e);
    snprintf(ids, sizeof ids, "%lld", (long long)F.far_clinic);
    assert_int_equal(campaign_target_add(&F.c, camp, ids, &added, &e), ERR_INVALID);
    err_clear(&e);
    json_t *o = campaign_get(&F.c, camp, &e);
    json_t *p = json_object_get(o, "progress");
    assert_int_equal(json_integer_value(json_object_get(p, "total")), 2);
    assert_int_equal(json_integer_value(json_object_get(p, "done")), 0);
    json_decref(o);

    /* a campaign inspection of a target */
    struct inspection_input in = base();
    in.type = "campaign";
    expect_refused(h, &in, ERR_INVALID, "campaign_id", "须选择所属的专项检查");
    in.campaign_id = camp;
    in.date = day(-11);
    expect_refused(h, &in, ERR_INVALID, "date", "不在专项检查期间");
    in.date = F.today;
    int64_t id;
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    /* only a 专项检查 belongs to a campaign */
    in.type = "routine";
    expect_refused(h, &in, ERR_INVALID, "campaign_id", "只有专项检查");

    o = campaign_get(&F.c, camp, &e);
    p = json_object_get(o, "progress");
    assert_int_equal(json_integer_value(json_object_get(p, "done")), 1);
    assert_int_equal(json_integer_value(json_object_get(p, "pending")), 1);
    assert_int_equal(json_integer_value(json_object_get(p, "percent")), 50);
    json_decref(o);
    json_t *pending = campaign_targets(&F.c, camp, "pending", 1, 50, &e);
    assert_int_equal(json_array_size(json_object_get(pending, "rows")), 1);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(pending, "rows"), 0), "entity_id")),
                     F.clinic2);
    json_decref(pending);
    json_t *done = campaign_targets(&F.c, camp, "done", 1, 50, &e);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(done, "rows"), 0), "inspection_id")),
                     id);
    json_decref(done);

    /* an entity off the list is inspected under the campaign only with a reason */
    assert_int_equal(campaign_target_remove(&F.c, camp, F.clinic2, &e), 0);
    in = base();
    in.type = "campaign";
    in.campaign_id = camp;
    in.entity_id = F.clinic2;
    expect_refused(h, &in, ERR_INVALID, "off_target_reason", "不在专项检查对象名单中");
    in.off_target_reason = "群众举报线索";
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    o = campaign_get(&F.c, camp, &e);
    p = json_object_get(o, "progress");
    assert_int_equal(json_integer_value(json_object_get(p, "total")), 1);
    assert_int_equal(json_integer_value(json_object_get(p, "done")), 1);
    assert_int_equal(json_integer_value(json_object_get(p, "off_target")), 1);
    json_decref(o);
    /* the campaign's line binds its inspections */
    in = base();
    in.type = "campaign";
    in.campaign_id = camp;
    in.line = "infectious";
    in.items = (struct inspection_item_input[]){{"INF-01", "conform", NULL}};
    in.nitems = 1;
    expect_refused(h, &in, ERR_INVALID, "line", "该专项检查限于医疗卫生专业");
}

static void test_campaign_of_the_city_is_seen_and_carried_out_below(void **state)
{
    struct harness *h = *state;
    struct actor city;
    struct ctx cc = h_ctx(h, "city", &city);
    struct campaign_input ci = {
        .name = "全市游泳场所专项检查", .starts_on = day(-5), .ends_on = day(5)};
    int64_t camp, id;
    struct err e = {0};
    assert_int_equal(campaign_add(&cc, &ci, &camp, &e), 0);
    /* the county sees it but may not change it */
    json_t *o = campaign_get(&F.c, camp, &e);
    assert_non_null(o);
    assert_false(json_is_true(json_object_get(o, "can_edit")));
    json_decref(o);
    ci.name = "改名";
    assert_int_equal(campaign_update(&F.c, camp, &ci, &e), ERR_FORBIDDEN);
    err_clear(&e);
    /* the city lists targets of both counties; the county counts its own part */
    struct campaign_filter f = {.subtype = "clinic"};
    int added;
    assert_int_equal(campaign_target_add_filter(&cc, camp, &f, &added, &e), 0);
    assert_int_equal(added, 3);
    o = campaign_get(&F.c, camp, &e);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "progress"), "total")),
                     2);
    json_decref(o);
    struct inspection_input in = base();
    in.type = "campaign";
    in.campaign_id = camp;
    assert_int_equal(inspection_add(&F.c, &in, &id, &e), 0);
    /* another county's user does not see the county's part */
    struct actor other;
    struct ctx oc = h_ctx(h, "other", &other);
    o = campaign_get(&oc, camp, &e);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "progress"), "total")),
                     1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "progress"), "done")),
                     0);
    json_decref(o);
    /* a campaign of the other county is not seen at all */
    struct campaign_input oi = {.name = "新北专项", .starts_on = day(-5), .ends_on = day(5)};
    int64_t ocamp;
    assert_int_equal(campaign_add(&oc, &oi, &ocamp, &e), 0);
    assert_null(campaign_get(&F.c, ocamp, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
}

/* ---- document numbers and atomicity ---------------------------------------------------------- */

static void test_r_doc_02_document_numbers_never_skip_or_repeat_and_none_for_refusals(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t ids[3];
    int year = date_year(date_from_instant(h_clock()));
    for (int i = 0; i < 3; i++) {
        struct inspection_input in = base();
        assert_int_equal(inspection_add(&F.c, &in, &ids[i], &e), 0);
        /* a refused one between every two */
        in.officers = "";
        expect_refused(h, &in, ERR_INVALID, "officers", "第四十二条");
    }
    for (int i = 0; i < 3; i++) {
        json_t *o = inspection_get(&F.c, ids[i], &e);
        char want[32];
        snprintf(want, sizeof want, "现%d-%04d", year, i + 1);
        assert_string_equal(json_string_value(json_object_get(
                                json_array_get(json_object_get(o, "documents"), 0), "number")),
                            want);
        json_decref(o);
    }
}

static void test_nothing_is_half_saved_when_a_late_step_fails(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    /* without the agency's 简称 the 卫生监督意见书 gets no 文号: this fails after the inspection,
     * its items, officers and 现场笔录 were written; all of it must go */
    assert_true(
        db_exec(h->db, &e, "UPDATE agency SET short_name = NULL WHERE code = '320412'", "") >= 0);
    struct inspection_input in = base();
    in.items = bad_items;
    in.nitems = 2;
    in.outcome = "rectify";
    in.rectify_by = day(7);
    expect_refused(h, &in, ERR_INVALID, NULL, "未设置简称");
    /* and the next inspection takes the number the failed one gave back */
    struct inspection_input ok = base();
    int64_t id;
    assert_int_equal(inspection_add(&F.c, &ok, &id, &e), 0);
    json_t *o = inspection_get(&F.c, id, &e);
    char want[32];
    snprintf(want, sizeof want, "现%d-0001", date_year(date_from_instant(h_clock())));
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(o, "documents"), 0), "number")),
                        want);
    json_decref(o);
}

static void test_viewer_scope_and_system_actor(void **state)
{
    struct harness *h = *state;
    /* the system (CLI, demo) records in the name of the entity's agency */
    struct inspection_input in = base();
    int64_t id;
    struct err e = {0};
    assert_int_equal(inspection_add(&h->ctx, &in, &id, &e), 0);
    json_t *o = inspection_get(&F.c, id, &e);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "agency"), "name")),
                        "常州市武进区卫生健康局");
    json_decref(o);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_r_insp_01_art42_one_officer_is_refused),
        T(test_r_insp_01_art42_the_same_officer_twice_is_refused),
        T(test_r_insp_03_art43_officer_on_the_avoid_list_is_refused),
        T(test_r_insp_02_art42_officer_with_expired_certificate_is_refused),
        T(test_r_insp_02_art42_suspended_officer_is_refused),
        T(test_r_insp_02_art42_officer_outside_scope_is_refused),
        T(test_r_insp_05_art42_two_valid_officers_record_with_site_record),
        T(test_r_insp_08_line_must_be_one_of_the_entitys_lines),
        T(test_r_insp_08_items_come_from_the_lines_checklist_with_valid_results),
        T(test_every_line_has_a_checklist_of_8_to_15_items),
        T(test_r_insp_07_outcome_must_agree_with_the_items),
        T(test_r_insp_06_rectify_needs_a_later_deadline_and_issues_an_advice_notice),
        T(test_r_insp_09_date_may_not_lie_in_the_future_and_times_are_checked),
        T(test_entity_outside_scope_is_refused),
        T(test_all_messages_come_together),
        T(test_r_insp_10_reinspection_links_to_the_correction_order_it_checks),
        T(test_r_insp_11_overdue_lists_passed_deadlines_unreinspected_and_due_soon),
        T(test_list_filters_and_scope),
        T(test_officer_options_flag_who_may_enforce),
        T(test_r_insp_12_campaign_fields_are_checked),
        T(test_campaign_targets_and_progress),
        T(test_campaign_of_the_city_is_seen_and_carried_out_below),
        T(test_r_doc_02_document_numbers_never_skip_or_repeat_and_none_for_refusals),
        T(test_nothing_is_half_saved_when_a_late_step_fails),
        T(test_viewer_scope_and_system_actor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
