/* test_officer.c — the officer registry and 行政处罚法 第四十二条 (only officers holding a valid
 * enforcement certificate may enforce): standing, validation, conflicts, scope and lists. */
#include "tests/support.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/officer.h"
#include "law/role.h"
#include "base/codes.h"
#include "base/date.h"

#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------- */

/* A valid 居民身份证号码 born on birth (YYYYMMDD) with sequence seq (arena). */
static const char *idno(struct harness *h, const char *birth, int seq)
{
    char s[IDCARD_LEN + 1];
    snprintf(s, sizeof s, "110105%.8s%03d", birth, seq % 1000);
    s[17] = idcard_check_char(s);
    s[18] = 0;
    return arena_strdup(&h->arena, s);
}

static day_t D(const char *s)
{
    day_t d = 0;
    assert_int_equal(date_parse(s, &d), 0);
    return d;
}

/* A complete, valid officer with sequence seq (unique ID number and certificate number). */
static struct officer_input officer_of(struct harness *h, int seq, const char *name)
{
    return (struct officer_input){
        .name = name,
        .id_number = idno(h, "19800101", seq),
        .cert_no = arena_printf(&h->arena, "苏武执A%04d", seq),
        .cert_issued = "2020-01-01",
        .cert_expires = "2030-12-31",
        .lines = "medical",
    };
}

static int64_t count(struct harness *h, const char *sql)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(db_get_int(h->db, &e, &n, sql, ""), 0);
    return n;
}

/* The names of a list result's rows, in order, joined with commas (arena). */
static const char *names_of(struct harness *h, json_t *list)
{
    assert_non_null(list);
    struct buf b = {0};
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(list, "rows"), i, row)
    {
        if (i) buf_addc(&b, ',');
        buf_adds(&b, json_string_value(json_object_get(row, "name")));
    }
    const char *s = arena_strdup(&h->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static bool standing_ok(const struct officer_standing *s, const char *date, const char **why)
{
    *why = NULL;
    return officer_standing_ok(s, D(date), why);
}

/* ---- officer_standing_ok: 行政处罚法 第四十二条 ----------------------------------------- */

static void test_art42_active_certificate_with_passed_review_may_enforce(void **state)
{
    (void)state;
    const struct cert_review r[] = {{2023, true}};
    struct officer_standing s = {"active", D("2020-01-01"), D("2030-12-31"), r, 1};
    const char *why;
    /* until 31 March 2025 the review due is that of 2023 */
    assert_true(standing_ok(&s, "2025-01-15", &why));
    assert_null(why);
    assert_true(standing_ok(&s, "2025-03-31", &why));
}

static void test_r_off_02_art42_suspended_certificate_cannot_enforce(void **state)
{
    (void)state;
    const struct cert_review r[] = {{2023, true}, {2024, true}};
    struct officer_standing s = {"suspended", D("2020-01-01"), D("2030-12-31"), r, 2};
    const char *why;
    assert_false(standing_ok(&s, "2025-06-01", &why));
    assert_string_equal(why, "执法证已暂停使用");
}

static void test_r_off_02_art42_cancelled_certificate_cannot_enforce(void **state)
{
    (void)state;
    const struct cert_review r[] = {{2023, true}, {2024, true}};
    struct officer_standing s = {"cancelled", D("2020-01-01"), D("2030-12-31"), r, 2};
    const char *why;
    assert_false(standing_ok(&s, "2025-06-01", &why));
    assert_string_equal(why, "执法证已注销");
    /* an unknown or missing status never counts as active */
    s.status = "retired";
    assert_false(standing_ok(&s, "2025-06-01", &why));
    s.status = NULL;
    assert_false(standing_ok(&s, "2025-06-01", &why));
    assert_non_null(why);
}

static void test_r_off_01_art42_certificate_not_yet_issued_cannot_enforce(void **state)
{
    (void)state;
    struct officer_standing s = {"active", D("2025-06-01"), D("2030-12-31"), NULL, 0};
    const char *why;
    assert_false(standing_ok(&s, "2025-05-31", &why));
    assert_string_equal(why, "执法证尚未生效");
    /* valid from the issue day itself */
    assert_true(standing_ok(&s, "2025-06-01", &why));
}

static void test_r_off_01_art42_expired_certificate_cannot_enforce(void **state)
{
    (void)state;
    const struct cert_review r[] = {{2023, true}, {2024, true}};
    struct officer_standing s = {"active", D("2020-01-01"), D("2025-06-30"), r, 2};
    const char *why;
    assert_false(standing_ok(&s, "2025-07-01", &why));
    assert_string_equal(why, "执法证已过有效期");
    assert_false(standing_ok(&s, "2027-01-01", &why));
}

static void test_r_off_01_art42_certificate_valid_on_its_expiry_day(void **state)
{
    (void)state;
    const struct cert_review r[] = {{2023, true}, {2024, true}};
    struct officer_standing s = {"active", D("2020-01-01"), D("2025-06-30"), r, 2};
    const char *why;
    assert_true(standing_ok(&s, "2025-06-30", &why));
    assert_null(why);
}

static void test_r_off_03_art42_review_of_last_year_not_due_before_end_of_march(void **state)
{
    (void)state;
    /* only the 2023 review is on file: enough until 31 March 2025, overdue from 1 April */
    const struct cert_review r[] = {{2023, true}};
    struct officer_standing s = {"active", D("2020-01-01"), D("2030-12-31"), r, 1};
    const char *why;
    assert_true(standing_ok(&s, "2025-03-31", &why));
    assert_false(standing_ok(&s, "2025-04-01", &why));
    assert_string_equal(why, "执法证年审逾期未完成");
}

static void test_r_off_03_art42_overdue_review_cannot_enforce(void **state)
{
    (void)state;
    /* no review at all, certificate issued years ago */
    struct officer_standing s = {"active", D("2020-01-01"), D("2030-12-31"), NULL, 0};
    const char *why;
    assert_false(standing_ok(&s, "2025-06-01", &why));
    assert_string_equal(why, "执法证年审逾期未完成");
    /* reviews of other years do not stand in for the one due */
    const struct cert_review r[] = {{2022, true}, {2023, true}, {2025, true}};
    s.reviews = r;
    s.nreviews = 3;
    assert_false(standing_ok(&s, "2025-06-01", &why));
    assert_string_equal(why, "执法证年审逾期未完成");
}

static void test_r_off_03_art42_failed_review_cannot_enforce(void **state)
{
    (void)state;
    const struct cert_review r[] = {{2024, false}, {2023, true}};
    struct officer_standing s = {"active", D("2020-01-01"), D("2030-12-31"), r, 2};
    const char *why;
    assert_false(standing_ok(&s, "2025-06-01", &why));
    assert_string_equal(why, "执法证年审不合格");
    /* before the 2024 review is due, the passed 2023 review still counts */
    assert_true(standing_ok(&s, "2025-02-01", &why));
}

static void test_r_off_03_art42_passed_review_of_year_due_may_enforce(void **state)
{
    (void)state;
    const struct cert_review r[] = {{2025, false}, {2024, true}};
    struct officer_standing s = {"active", D("2020-01-01"), D("2030-12-31"), r, 2};
    const char *why;
    assert_true(standing_ok(&s, "2025-06-01", &why));
    assert_true(standing_ok(&s, "2026-03-31", &why));
    /* from April 2026 the failed 2025 review is the one due */
    assert_false(standing_ok(&s, "2026-04-01", &why));
    assert_string_equal(why, "执法证年审不合格");
}

static void test_r_off_03_art42_certificate_issued_after_reviewed_year_needs_no_review(void **state)
{
    (void)state;
    struct officer_standing s = {"active", D("2024-05-01"), D("2030-12-31"), NULL, 0};
    const char *why;
    /* until 31 March 2025 the year under review is 2023, before the certificate existed */
    assert_true(standing_ok(&s, "2025-03-31", &why));
    /* from 1 April 2025 the 2024 review is due, and the certificate was held in 2024 */
    assert_false(standing_ok(&s, "2025-04-01", &why));
    assert_string_equal(why, "执法证年审逾期未完成");
    /* a certificate issued in 2025 needs no review in 2025 nor before April 2026 */
    s.cert_issued = D("2025-01-10");
    assert_true(standing_ok(&s, "2025-12-31", &why));
    assert_true(standing_ok(&s, "2026-03-31", &why));
    assert_false(standing_ok(&s, "2026-04-01", &why));
}

/* ---- officer_can_enforce through the database ----------------------------------------- */

static void test_art42_can_enforce_reads_status_dates_and_reviews_from_db(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 1, "钱永强");
    int64_t id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), 0);

    const char *why = NULL;
    assert_int_equal(officer_can_enforce(&c, id, D("2025-06-01"), &why, &e), 0);
    assert_string_equal(why, "执法证年审逾期未完成");
    assert_int_equal(officer_review_add(&c, id, "2024", "2025-02-20", "1", NULL, &e), 0);
    assert_int_equal(officer_can_enforce(&c, id, D("2025-06-01"), &why, &e), 1);
    assert_int_equal(officer_can_enforce(&c, id, D("2019-12-31"), &why, &e), 0);
    assert_string_equal(why, "执法证尚未生效");
    assert_int_equal(officer_can_enforce(&c, id, D("2031-01-01"), &why, &e), 0);
    assert_string_equal(why, "执法证已过有效期");

    assert_int_equal(officer_review_add(&c, id, "2025", "2026-01-10", "0", "考核不合格", &e), 0);
    assert_int_equal(officer_can_enforce(&c, id, D("2026-06-01"), &why, &e), 0);
    assert_string_equal(why, "执法证年审不合格");

    /* suspending the certificate stops enforcement at once */
    in.status = "suspended";
    in.status_reason = "停职调查";
    assert_int_equal(officer_update(&c, id, &in, &e), 0);
    assert_int_equal(officer_can_enforce(&c, id, D("2025-06-01"), &why, &e), 0);
    assert_string_equal(why, "执法证已暂停使用");

    assert_int_equal(officer_can_enforce(&c, 999999, D("2025-06-01"), &why, &e), ERR_NOTFOUND);
}

/* ---- officer_add validation ------------------------------------------------------------- */

static void test_r_ent_02_officer_add_rejects_bad_id_number_check_digit(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 10, "孙立");
    char bad[IDCARD_LEN + 1];
    snprintf(bad, sizeof bad, "%s", in.id_number);
    bad[17] = bad[17] == '1' ? '2' : '1';
    in.id_number = bad;
    int64_t before = count(h, "SELECT count(*) FROM officer"), id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "id_number"));
    assert_non_null(strstr(err_field_msg(&e, "id_number"), "校验位"));
    assert_int_equal(count(h, "SELECT count(*) FROM officer"), before);

    err_clear(&e);
    in.id_number = "";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "id_number"), "请填写身份证号");
}

static void test_officer_add_rejects_expiry_not_after_issue(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 11, "孙立");
    in.cert_issued = "2024-05-01";
    in.cert_expires = "2024-04-30";
    int64_t id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "cert_expires"), "有效期至应晚于发证日期");
    err_clear(&e);
    in.cert_expires = "2024-05-01"; /* the same day is not later */
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "cert_expires"));
    err_clear(&e);
    in.cert_expires = "2024-02-30"; /* not a real date */
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(strstr(err_field_msg(&e, "cert_expires"), "有效日期"));
    err_clear(&e);
    in.cert_issued = NULL;
    in.cert_expires = "2029-01-01";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "cert_issued"), "请填写发证日期");
}

static void test_officer_add_requires_known_lines(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 12, "孙立");
    int64_t id = 0;
    in.lines = "";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "lines"), "请至少选择一个专业");
    err_clear(&e);
    in.lines = "medical,astrology";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "lines"), "未知的专业：astrology");
    err_clear(&e);
    in.lines = "medical,,infectious";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "lines"));
}

static void test_officer_add_requires_name_and_cert_no(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 13, "  ");
    in.cert_no = NULL;
    in.phone = "12ab";
    int64_t id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "name"), "请填写姓名");
    assert_string_equal(err_field_msg(&e, "cert_no"), "请填写执法证号");
    assert_string_equal(err_field_msg(&e, "phone"), "电话号码格式不正确");
}

static void test_r_off_04_officer_add_non_active_status_requires_reason(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 14, "周敏");
    int64_t id = 0;
    in.status = "suspended";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "status_reason"), "暂停或注销须填写原因");
    err_clear(&e);
    in.status = "cancelled";
    in.status_reason = " ";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "status_reason"));
    err_clear(&e);
    in.status = "on_leave";
    in.status_reason = "休假";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "status"), "状态应为在岗、暂停或注销");
    err_clear(&e);
    in.status = "suspended";
    assert_int_equal(officer_add(&c, &in, &id, &e), 0);
    json_t *o = officer_get(&c, id, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "status")), "suspended");
    assert_string_equal(json_string_value(json_object_get(o, "status_reason")), "休假");
    assert_false(json_is_true(json_object_get(o, "can_enforce")));
    json_decref(o);
}

static void test_r_off_05_officer_add_duplicate_cert_no_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input a = officer_of(h, 20, "吴刚");
    int64_t id = 0, id2 = 0;
    assert_int_equal(officer_add(&c, &a, &id, &e), 0);
    int64_t before = count(h, "SELECT count(*) FROM officer");
    int64_t audit_before = count(h, "SELECT count(*) FROM audit_log");

    struct officer_input b = officer_of(h, 21, "郑华");
    b.cert_no = a.cert_no;
    assert_int_equal(officer_add(&c, &b, &id2, &e), ERR_CONFLICT);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_non_null(err_field_msg(&e, "cert_no"));
    assert_non_null(strstr(err_field_msg(&e, "cert_no"), a.cert_no));
    assert_null(err_field_msg(&e, "id_number"));

    /* the same person registered twice is a conflict on the ID number */
    err_clear(&e);
    b = officer_of(h, 22, "郑华");
    b.id_number = a.id_number;
    assert_int_equal(officer_add(&c, &b, &id2, &e), ERR_CONFLICT);
    assert_non_null(err_field_msg(&e, "id_number"));
    assert_null(err_field_msg(&e, "cert_no"));

    assert_int_equal(count(h, "SELECT count(*) FROM officer"), before);
    assert_int_equal(count(h, "SELECT count(*) FROM audit_log"), audit_before);
}

static void test_officer_add_into_agency_out_of_scope_is_refused(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 23, "冯伟");
    in.agency_code = "320411";
    int64_t id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "agency"));
    err_clear(&e);
    in.agency_code = "320412";
    in.department = "不存在的科室";
    assert_int_equal(officer_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "department"));
}

/* ---- officer_update --------------------------------------------------------------------- */

static void test_officer_update_with_stale_version_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 30, "陈静");
    int64_t id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), 0);

    in.version = 1;
    in.name = "陈静怡";
    assert_int_equal(officer_update(&c, id, &in, &e), 0);
    /* a second edit made from the same (now stale) page */
    in.name = "陈静雯";
    assert_int_equal(officer_update(&c, id, &in, &e), ERR_CONFLICT);
    json_t *o = officer_get(&c, id, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "name")), "陈静怡");
    assert_int_equal(json_integer_value(json_object_get(o, "version")), 2);
    json_decref(o);

    err_clear(&e);
    in.version = 2;
    assert_int_equal(officer_update(&c, id, &in, &e), 0);
    o = officer_get(&c, id, &e);
    assert_string_equal(json_string_value(json_object_get(o, "name")), "陈静雯");
    assert_int_equal(json_integer_value(json_object_get(o, "version")), 3);
    json_decref(o);
}

static void test_officer_update_to_duplicate_cert_no_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input a = officer_of(h, 31, "蒋楠"), b = officer_of(h, 32, "沈洁");
    int64_t ida = 0, idb = 0;
    assert_int_equal(officer_add(&c, &a, &ida, &e), 0);
    assert_int_equal(officer_add(&c, &b, &idb, &e), 0);
    b.cert_no = a.cert_no;
    assert_int_equal(officer_update(&c, idb, &b, &e), ERR_CONFLICT);
    assert_non_null(err_field_msg(&e, "cert_no"));
    /* keeping one's own certificate number is not a conflict */
    err_clear(&e);
    a.phone = "0519-86543210";
    assert_int_equal(officer_update(&c, ida, &a, &e), 0);
}

/* ---- scope ------------------------------------------------------------------------------ */

static void test_officer_of_other_county_is_not_found_but_visible_to_city(void **state)
{
    struct harness *h = *state;
    struct actor wo, wa, wc;
    struct ctx other = h_ctx(h, "other", &wo);
    struct ctx admin = h_ctx(h, "admin", &wa);
    struct ctx city = h_ctx(h, "city", &wc);
    struct err e = {0};
    struct officer_input in = officer_of(h, 40, "韩梅梅");
    int64_t id = 0;
    assert_int_equal(officer_add(&other, &in, &id, &e), 0);

    assert_null(officer_get(&admin, id, &e));
    assert_int_equal(e.code, ERR_NOTFOUND);
    err_clear(&e);
    in.name = "韩梅";
    assert_int_equal(officer_update(&admin, id, &in, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(officer_review_add(&admin, id, "2024", "2025-01-10", "1", NULL, &e),
                     ERR_NOTFOUND);
    err_clear(&e);
    struct officer_query q = {.q = "韩梅梅", .per_page = 50};
    json_t *l = officer_list(&admin, &q, &e);
    assert_string_equal(names_of(h, l), "");
    json_decref(l);

    json_t *o = officer_get(&city, id, &e);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "agency_code")), "320411");
    json_decref(o);
    l = officer_list(&city, &q, &e);
    assert_string_equal(names_of(h, l), "韩梅梅");
    json_decref(l);
    /* the edit refused to the other county's admin did not happen */
    o = officer_get(&other, id, &e);
    assert_string_equal(json_string_value(json_object_get(o, "name")), "韩梅梅");
    json_decref(o);
}

/* ---- officer_list ----------------------------------------------------------------------- */

/* An agency of its own under 320412 with an admin "olist", and four known officers in it. */
static struct ctx list_fixture(struct harness *h, struct actor *who)
{
    static bool made;
    struct err e = {0};
    if (!made) {
        struct agency_input ai = {.code = "320412001",
                                  .name = "武进区卫生监督所湖塘分所",
                                  .level = "other",
                                  .parent_code = "320412"};
        int64_t aid = 0, uid = 0;
        assert_int_equal(agency_add(&h->ctx, &ai, &aid, &e), 0);
        struct user_input ui = {.username = "olist",
                                .display_name = "列表",
                                .password = TEST_PASSWORD,
                                .agency_code = "320412001",
                                .roles = 1u << ROLE_ADMIN};
        assert_int_equal(user_add(&h->ctx, &ui, &uid, &e), 0);
    }
    struct ctx c = h_ctx(h, "olist", who);
    if (made) return c;
    made = true;
    day_t today = date_from_instant(c.now);
    char soon[DATE_STRLEN], past[DATE_STRLEN];
    date_format(today + 10, soon);
    date_format(today - 5, past);
    struct officer_input o1 = officer_of(h, 101, "欧阳明辉");
    o1.id_number = idno(h, "19851203", 101);
    struct officer_input o2 = officer_of(h, 102, "欧阳秀英");
    o2.lines = "public_place,infectious";
    o2.cert_expires = arena_strdup(&h->arena, soon);
    struct officer_input o3 = officer_of(h, 103, "司马明");
    o3.lines = "medical,infectious";
    o3.status = "suspended";
    o3.status_reason = "借调";
    o3.cert_expires = arena_strdup(&h->arena, past);
    struct officer_input o4 = officer_of(h, 104, "上官婉儿");
    o4.lines = "water";
    o4.cert_expires = "2029-06-30";
    int64_t id;
    assert_int_equal(officer_add(&c, &o1, &id, &e), 0);
    assert_int_equal(officer_add(&c, &o2, &id, &e), 0);
    assert_int_equal(officer_add(&c, &o3, &id, &e), 0);
    assert_int_equal(officer_add(&c, &o4, &id, &e), 0);
    return c;
}

static const char *list_names(struct harness *h, struct ctx *c, struct officer_query q)
{
    struct err e = {0};
    if (!q.per_page) q.per_page = 50;
    json_t *l = officer_list(c, &q, &e);
    assert_int_equal(e.code, 0);
    const char *s = names_of(h, l);
    json_decref(l);
    return s;
}

static void test_officer_list_search_by_name_fragment_of_any_length(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = list_fixture(h, &who);
    /* newest first */
    assert_string_equal(list_names(h, &c, (struct officer_query){0}),
                        "上官婉儿,司马明,欧阳秀英,欧阳明辉");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "辉"}), "欧阳明辉");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "明"}), "司马明,欧阳明辉");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "欧阳"}),
                        "欧阳秀英,欧阳明辉");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "明辉"}), "欧阳明辉");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "欧阳秀"}), "欧阳秀英");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "上官婉儿"}), "上官婉儿");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "欧阳明英"}), "");
    /* certificate number and ID number fragments */
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "执A0103"}), "司马明");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "19851203"}), "欧阳明辉");
}

static void test_r_off_06_officer_list_filters_status_line_and_expiring(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = list_fixture(h, &who);
    assert_string_equal(list_names(h, &c, (struct officer_query){.status = "suspended"}), "司马明");
    assert_string_equal(list_names(h, &c, (struct officer_query){.status = "active"}),
                        "上官婉儿,欧阳秀英,欧阳明辉");
    assert_string_equal(list_names(h, &c, (struct officer_query){.line = "infectious"}),
                        "司马明,欧阳秀英");
    assert_string_equal(list_names(h, &c, (struct officer_query){.line = "medical"}),
                        "司马明,欧阳明辉");
    assert_string_equal(list_names(h, &c, (struct officer_query){.line = "water"}), "上官婉儿");
    assert_string_equal(list_names(h, &c, (struct officer_query){.line = "infect"}), "");
    /* expiring within CERT_EXPIRY_WARN_DAYS, or already expired */
    assert_string_equal(list_names(h, &c, (struct officer_query){.expiring = true}),
                        "司马明,欧阳秀英");
    assert_string_equal(
        list_names(h, &c, (struct officer_query){.expiring = true, .status = "active"}),
        "欧阳秀英");
    assert_string_equal(list_names(h, &c, (struct officer_query){.q = "欧阳", .line = "medical"}),
                        "欧阳明辉");

    struct err e = {0};
    struct officer_query q = {.expiring = true, .per_page = 50};
    json_t *l = officer_list(&c, &q, &e);
    json_t *rows = json_object_get(l, "rows");
    assert_int_equal(json_array_size(rows), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "cert_flag")),
                        "expired");
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 1), "cert_flag")),
                        "expiring");
    json_decref(l);
}

static void test_officer_list_pages_with_more_flag(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = list_fixture(h, &who);
    struct err e = {0};
    struct officer_query q = {.per_page = 2, .page = 1};
    json_t *l = officer_list(&c, &q, &e);
    assert_string_equal(names_of(h, l), "上官婉儿,司马明");
    assert_true(json_is_true(json_object_get(l, "more")));
    json_decref(l);
    q.page = 2; /* exactly the last two: no further page */
    l = officer_list(&c, &q, &e);
    assert_string_equal(names_of(h, l), "欧阳秀英,欧阳明辉");
    assert_false(json_is_true(json_object_get(l, "more")));
    json_decref(l);
    q.page = 3;
    l = officer_list(&c, &q, &e);
    assert_string_equal(names_of(h, l), "");
    assert_false(json_is_true(json_object_get(l, "more")));
    json_decref(l);
    q = (struct officer_query){.per_page = 3, .page = 1};
    l = officer_list(&c, &q, &e);
    assert_int_equal(json_array_size(json_object_get(l, "rows")), 3);
    assert_true(json_is_true(json_object_get(l, "more")));
    json_decref(l);
}

/* ---- annual reviews --------------------------------------------------------------------- */

static void test_officer_review_duplicate_year_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 50, "杨帆");
    int64_t id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), 0);
    assert_int_equal(officer_review_add(&c, id, "2024", "2025-01-20", "0", NULL, &e), 0);
    int64_t audit_before = count(h, "SELECT count(*) FROM audit_log");
    assert_int_equal(officer_review_add(&c, id, "2024", "2025-02-20", "1", NULL, &e), ERR_CONFLICT);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_non_null(strstr(err_field_msg(&e, "year"), "2024"));
    assert_int_equal(count(h, "SELECT count(*) FROM audit_log"), audit_before);
    /* the first (failed) review stands */
    err_clear(&e);
    const char *why;
    assert_int_equal(officer_can_enforce(&c, id, D("2025-06-01"), &why, &e), 0);
    assert_string_equal(why, "执法证年审不合格");
}

static void test_officer_review_validates_year_date_and_result(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    struct officer_input in = officer_of(h, 51, "朱琳");
    int64_t id = 0;
    assert_int_equal(officer_add(&c, &in, &id, &e), 0);
    assert_int_equal(officer_review_add(&c, id, "二〇二四", "2025-01-20", "1", NULL, &e),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e, "year"));
    err_clear(&e);
    /* a year is reviewed after it ends */
    assert_int_equal(officer_review_add(&c, id, "2024", "2024-12-31", "1", NULL, &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "reviewed_on"), "年审日期应在被审年度之后");
    err_clear(&e);
    assert_int_equal(officer_review_add(&c, id, "2024", "2025-01-20", "yes", NULL, &e),
                     ERR_INVALID);
    assert_non_null(err_field_msg(&e, "passed"));
    assert_false(h_exists(h->db, "SELECT 1 FROM certificate_review WHERE officer_id = ?", "i", id));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_art42_active_certificate_with_passed_review_may_enforce),
        cmocka_unit_test(test_r_off_02_art42_suspended_certificate_cannot_enforce),
        cmocka_unit_test(test_r_off_02_art42_cancelled_certificate_cannot_enforce),
        cmocka_unit_test(test_r_off_01_art42_certificate_not_yet_issued_cannot_enforce),
        cmocka_unit_test(test_r_off_01_art42_expired_certificate_cannot_enforce),
        cmocka_unit_test(test_r_off_01_art42_certificate_valid_on_its_expiry_day),
        cmocka_unit_test(test_r_off_03_art42_review_of_last_year_not_due_before_end_of_march),
        cmocka_unit_test(test_r_off_03_art42_overdue_review_cannot_enforce),
        cmocka_unit_test(test_r_off_03_art42_failed_review_cannot_enforce),
        cmocka_unit_test(test_r_off_03_art42_passed_review_of_year_due_may_enforce),
        cmocka_unit_test(
            test_r_off_03_art42_certificate_issued_after_reviewed_year_needs_no_review),
        cmocka_unit_test(test_art42_can_enforce_reads_status_dates_and_reviews_from_db),
        cmocka_unit_test(test_r_ent_02_officer_add_rejects_bad_id_number_check_digit),
        cmocka_unit_test(test_officer_add_rejects_expiry_not_after_issue),
        cmocka_unit_test(test_officer_add_requires_known_lines),
        cmocka_unit_test(test_officer_add_requires_name_and_cert_no),
        cmocka_unit_test(test_r_off_04_officer_add_non_active_status_requires_reason),
        cmocka_unit_test(test_r_off_05_officer_add_duplicate_cert_no_is_conflict),
        cmocka_unit_test(test_officer_add_into_agency_out_of_scope_is_refused),
        cmocka_unit_test(test_officer_update_with_stale_version_is_conflict),
        cmocka_unit_test(test_officer_update_to_duplicate_cert_no_is_conflict),
        cmocka_unit_test(test_officer_of_other_county_is_not_found_but_visible_to_city),
        cmocka_unit_test(test_officer_list_search_by_name_fragment_of_any_length),
        cmocka_unit_test(test_r_off_06_officer_list_filters_status_line_and_expiring),
        cmocka_unit_test(test_officer_list_pages_with_more_flag),
        cmocka_unit_test(test_officer_review_duplicate_year_is_conflict),
        cmocka_unit_test(test_officer_review_validates_year_date_and_result),
    };
    return cmocka_run_group_tests(tests, harness_setup, harness_teardown);
}
