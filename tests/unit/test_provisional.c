/* test_provisional.c — years whose holiday notice is not loaded (domain/RULES.md §0): counted
 * with the statutory holidays of 《全国年节及纪念日放假办法》, flagged as provisional, and
 * replaced when the notice is loaded; and the strict reading of a notice file.
 *
 * The shipped movable dates (data/holidays/movable.tsv) are checked against the notices of the
 * years already loaded: every statutory holiday they give is a day off in the notice, and the
 * provisional year has as many working days as the notice's. The files are read below
 * $LANDUN_SRCDIR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "base/calendar.h"

static struct calendar *cal_prov; /* movable dates only: every year 2014–2099 provisional */
static struct calendar *cal_real; /* the shipped notices 2022–2026, then the movable dates */

/* ---- helpers ---------------------------------------------------------------------------- */

static day_t D(const char *s)
{
    day_t d = 0;
    if (date_parse(s, &d) != 0) fail_msg("bad date in test: %s", s);
    return d;
}

#define assert_date(actual, expected)                                                              \
    do {                                                                                           \
        char got_[DATE_STRLEN];                                                                    \
        date_format((actual), got_);                                                               \
        assert_string_equal(got_, (expected));                                                     \
    } while (0)

static void load_movable(struct calendar *cal)
{
    char *tsv = h_read_file("data/holidays/movable.tsv");
    struct err e = {0};
    if (calendar_load_movable(cal, tsv, strlen(tsv), &e)) fail_msg("movable.tsv: %s", e.msg);
    free(tsv);
}

static void load_notice(struct calendar *cal, int year)
{
    char rel[64];
    snprintf(rel, sizeof rel, "data/holidays/%d.json", year);
    char *json = h_read_file(rel);
    struct err e = {0};
    if (calendar_load_json(cal, json, strlen(json), &e)) fail_msg("%s: %s", rel, e.msg);
    free(json);
}

/* Problems a notice parse reported, one a line, for assertions. */
struct problems {
    char text[4096];
    int n;
};

static void collect(void *arg, int item, const char *msg)
{
    struct problems *p = arg;
    size_t used = strlen(p->text);
    snprintf(p->text + used, sizeof p->text - used, "%d:%s\n", item, msg);
    p->n++;
}

/* Parse json against cal_prov, collecting problems; returns the parse result. */
static int parse(const char *json, struct problems *p)
{
    memset(p, 0, sizeof *p);
    struct cal_notice n;
    struct err e = {0};
    int rc = calendar_notice_parse(cal_prov, json, strlen(json), &n, collect, p, &e);
    calendar_notice_free(&n);
    if (rc) assert_true(e.msg[0] != 0);
    return rc;
}

/* ---- the shipped movable dates against the notices ----------------------------------------- */

/* Every statutory holiday of 2022–2026 that the movable dates give (make-up days aside) is a day
 * off, under its own name, in the State Council's notice of that year. */
static void test_rules_0_movable_dates_match_loaded_notices(void **state)
{
    (void)state;
    for (int y = 2022; y <= 2026; y++) {
        struct cal_holiday h[CAL_STATUTORY_MAX];
        int n = calendar_statutory(cal_prov, y, h, NULL);
        assert_true(n >= 11);
        for (int i = 0; i < n; i++) {
            if (h[i].makeup) continue;
            char s[DATE_STRLEN];
            date_format(h[i].day, s);
            if (calendar_day_kind(cal_real, h[i].day) != CAL_RESTDAY)
                fail_msg("%s (%s) is not a day off in the %d notice", s, h[i].name, y);
            const char *name = calendar_day_name(cal_real, h[i].day);
            if (date_weekday(h[i].day) <= 5 && (!name || !strstr(name, h[i].name)))
                fail_msg("%s: notice names it %s, movable dates %s", s, name ? name : "-",
                         h[i].name);
        }
    }
}

/* 调休 only moves working days: a provisional year has as many working days as the notice's. */
static void test_rules_0_provisional_year_has_the_notices_working_days(void **state)
{
    (void)state;
    for (int y = 2022; y <= 2026; y++) {
        int prov, real;
        struct err e = {0};
        day_t from = date_from_ymd(y - 1, 12, 31), to = date_from_ymd(y, 12, 31);
        assert_int_equal(calendar_workdays_between(cal_prov, from, to, &prov, &e), 0);
        assert_int_equal(calendar_workdays_between(cal_real, from, to, &real, &e), 0);
        if (prov != real)
            fail_msg("%d: %d provisional working days, %d in the notice", y, prov, real);
    }
}

static void test_movable_dates_cover_2027_to_2050(void **state)
{
    (void)state;
    for (int y = 2014; y <= 2099; y++)
        if (!calendar_year_provisional(cal_prov, y)) fail_msg("%d is not provisional", y);
    assert_false(calendar_year_provisional(cal_prov, 2013));
    assert_false(calendar_year_provisional(cal_prov, 2100));
    assert_int_equal(calendar_day_kind(cal_prov, D("2100-01-04")), CAL_UNKNOWN);
}

/* ---- the provisional rules ------------------------------------------------------------------ */

/* 国务院令第795号 第二条 and 第六条, for 2027: 春节 from 除夕 (2027-02-05, Friday) to 初三, 初一
 * and 初二 on the weekend made up on the next two working days. */
static void test_r_cal_04_rules_0_2027_spring_festival_made_up(void **state)
{
    (void)state;
    static const char *const off[] = {"2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09",
                                      "2027-02-10", "2027-04-05", "2027-05-03", "2027-05-04",
                                      "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-04",
                                      "2027-10-05"};
    for (size_t i = 0; i < sizeof off / sizeof *off; i++) {
        if (calendar_day_kind(cal_prov, D(off[i])) != CAL_RESTDAY) fail_msg("%s not off", off[i]);
        assert_non_null(calendar_day_name(cal_prov, D(off[i])));
    }
    assert_int_equal(calendar_day_kind(cal_prov, D("2027-02-11")), CAL_WORKDAY);
    assert_int_equal(calendar_day_kind(cal_prov, D("2027-02-04")), CAL_WORKDAY);
    assert_int_equal(calendar_day_kind(cal_prov, D("2027-02-06")), CAL_RESTDAY); /* Saturday */
    assert_string_equal(calendar_day_name(cal_prov, D("2027-02-05")), "春节");
}

/* The 2013 revision (国务院令第644号) governs 2014–2024: 春节 from 初一, 劳动节 one day. */
static void test_r_cal_04_rules_0_earlier_revision_before_2025(void **state)
{
    (void)state;
    struct cal_holiday h[CAL_STATUTORY_MAX];
    const char *basis = NULL;
    int n = calendar_statutory(cal_prov, 2024, h, &basis);
    assert_non_null(strstr(basis, "第644号"));
    int labour = 0, spring = 0;
    for (int i = 0; i < n; i++) {
        if (h[i].makeup) continue;
        labour += strcmp(h[i].name, "劳动节") == 0;
        spring += strcmp(h[i].name, "春节") == 0;
    }
    assert_int_equal(labour, 1);
    assert_int_equal(spring, 3);
    n = calendar_statutory(cal_prov, 2025, h, &basis);
    assert_non_null(strstr(basis, "第795号"));
    assert_int_equal(calendar_statutory(cal_prov, 2013, h, &basis), 0);
}

/* 2028: 中秋 falls on 10-03 inside 国庆; the day both take is made up too. */
static void test_r_cal_04_rules_0_holidays_on_one_day_made_up_twice(void **state)
{
    (void)state;
    struct cal_holiday h[CAL_STATUTORY_MAX];
    int n = calendar_statutory(cal_prov, 2028, h, NULL), makeups = 0;
    for (int i = 0; i < n; i++)
        makeups += h[i].makeup && h[i].day >= D("2028-10-01") && h[i].day <= D("2028-10-10");
    /* 10-01 is a Sunday (one make-up) and 10-03 is taken twice (another) */
    assert_int_equal(makeups, 2);
    assert_int_equal(calendar_day_kind(cal_prov, D("2028-10-04")), CAL_RESTDAY);
    assert_int_equal(calendar_day_kind(cal_prov, D("2028-10-05")), CAL_RESTDAY);
    assert_int_equal(calendar_day_kind(cal_prov, D("2028-10-06")), CAL_WORKDAY);
}

/* A count over a provisional year succeeds and says so; one inside loaded years does not. */
static void test_r_cal_05_rules_0_provisional_count_is_flagged_not_refused(void **state)
{
    (void)state;
    day_t out;
    struct err e = {0};
    /* 2026-12-07 + 20 working days: 12/08..12/31 gives 18, then 2027-01-01 is 元旦 */
    assert_int_equal(calendar_add_workdays(cal_real, D("2026-12-07"), 20, &out, &e), 0);
    assert_date(out, "2027-01-05");
    assert_true(calendar_provisional_between(cal_real, D("2026-12-07"), out));
    assert_false(calendar_provisional_between(cal_real, D("2026-11-01"), D("2026-12-31")));
    assert_false(calendar_provisional_between(cal_real, D("2027-01-05"), D("2027-01-05")));
    assert_true(calendar_year_provisional(cal_real, 2027));
    assert_false(calendar_year_known(cal_real, 2027));
    /* a leap day in a provisional year counts like any other */
    assert_int_equal(calendar_add_workdays(cal_real, D("2028-02-28"), 1, &out, &e), 0);
    assert_date(out, "2028-02-29");
    assert_int_equal(calendar_add_days(cal_real, D("2028-02-14"), 15, &out, &e), 0);
    assert_date(out, "2028-02-29");
}

/* Loading the notice replaces the statutory guess: its 调休 counts, the provisional mark goes. */
static void test_r_cal_05_rules_0_loaded_notice_replaces_provisional_days(void **state)
{
    (void)state;
    struct calendar *cal = calendar_new();
    load_movable(cal);
    day_t out;
    struct err e = {0};
    assert_int_equal(calendar_add_workdays(cal, D("2027-02-04"), 1, &out, &e), 0);
    assert_date(out, "2027-02-11"); /* 02-05..02-10 off provisionally */
    const char *doc = "{\"year\": 2027, \"papers\": [\"https://www.gov.cn/x\"], \"days\": ["
                      "{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true},"
                      "{\"name\": \"春节\", \"date\": \"2027-02-05\", \"isOffDay\": true},"
                      "{\"name\": \"春节\", \"date\": \"2027-02-08\", \"isOffDay\": true},"
                      "{\"name\": \"春节\", \"date\": \"2027-02-09\", \"isOffDay\": true},"
                      "{\"name\": \"春节\", \"date\": \"2027-02-13\", \"isOffDay\": false},"
                      "{\"name\": \"清明节\", \"date\": \"2027-04-05\", \"isOffDay\": true},"
                      "{\"name\": \"劳动节\", \"date\": \"2027-05-03\", \"isOffDay\": true},"
                      "{\"name\": \"劳动节\", \"date\": \"2027-05-04\", \"isOffDay\": true},"
                      "{\"name\": \"端午节\", \"date\": \"2027-06-09\", \"isOffDay\": true},"
                      "{\"name\": \"中秋节\", \"date\": \"2027-09-15\", \"isOffDay\": true},"
                      "{\"name\": \"国庆节\", \"date\": \"2027-10-01\", \"isOffDay\": true},"
                      "{\"name\": \"国庆节\", \"date\": \"2027-10-04\", \"isOffDay\": true},"
                      "{\"name\": \"国庆节\", \"date\": \"2027-10-05\", \"isOffDay\": true}]}";
    assert_int_equal(calendar_load_json(cal, doc, strlen(doc), &e), 0);
    assert_true(calendar_year_known(cal, 2027));
    assert_false(calendar_year_provisional(cal, 2027));
    assert_false(calendar_provisional_between(cal, D("2027-02-04"), D("2027-02-10")));
    assert_int_equal(calendar_day_kind(cal, D("2027-02-10")), CAL_WORKDAY); /* no longer guessed */
    assert_int_equal(calendar_day_kind(cal, D("2027-02-13")), CAL_WORKDAY); /* 调休 Saturday */
    assert_int_equal(calendar_add_workdays(cal, D("2027-02-04"), 1, &out, &e), 0);
    assert_date(out, "2027-02-10");
    calendar_free(cal);
}

/* ---- reading a notice strictly ------------------------------------------------------------ */

static void test_notice_every_problem_listed(void **state)
{
    (void)state;
    struct problems p;
    const char *doc =
        "{\"year\": 2027, \"extra\": 1, \"days\": ["
        "{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true},"
        "{\"name\": \"\", \"date\": \"2027-02-05\", \"isOffDay\": true},"
        "{\"name\": \"春节\", \"date\": \"2027-02-30\", \"isOffDay\": true},"
        "{\"name\": \"春节\", \"date\": \"2027-02-08\", \"isOffDay\": \"yes\"},"
        "{\"name\": \"春节\", \"date\": \"2027-02-10\", \"isOffDay\": false},"
        "{\"name\": \"x\", \"date\": \"2029-01-01\", \"isOffDay\": true},"
        "{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true, \"k\": 1}]}";
    assert_int_equal(parse(doc, &p), ERR_INVALID);
    assert_int_equal(p.n, 14); /* 8 in the entries, and 6 statutory holidays not listed off */
    assert_non_null(strstr(p.text, "0:2027-02-05（春节）是法定节假日，文件中未列为休息日"));
    assert_non_null(strstr(p.text, "0:文件有未知的字段“extra”"));
    assert_non_null(strstr(p.text, "2:第 2 项的名称"));
    assert_non_null(strstr(p.text, "3:第 3 项的日期（date）无效"));
    assert_non_null(strstr(p.text, "4:第 4 项的 isOffDay"));
    assert_non_null(strstr(p.text, "5:第 5 项：2027-02-10 是星期三，调休上班日应为星期六或星期日"));
    assert_non_null(strstr(p.text, "6:第 6 项的日期 2029-01-01 不属于 2027 年"));
    assert_non_null(strstr(p.text, "7:第 7 项有未知的字段“k”"));
    assert_non_null(strstr(p.text, "0:日期 2027-01-01 出现了不止一次"));
}

/* An empty year, or one that leaves a statutory holiday as a working day, is refused: that is
 * how 2027-01-01 became a working day by mistake. */
static void test_r_cal_08_notice_missing_statutory_holidays_refused(void **state)
{
    (void)state;
    struct problems p;
    assert_int_equal(parse("{\"year\": 2027, \"days\": []}", &p), ERR_INVALID);
    assert_non_null(strstr(p.text, "没有列出 2027 年的任何节假日"));
    assert_int_equal(
        parse("{\"year\": 2027, \"days\": [{\"name\": \"春节\", \"date\": \"2027-02-05\", "
              "\"isOffDay\": true}]}",
              &p),
        ERR_INVALID);
    assert_non_null(strstr(p.text, "2027-01-01（元旦）是法定节假日，文件中未列为休息日"));
    assert_null(strstr(p.text, "2027-02-05"));
    /* each shipped notice passes */
    for (int y = 2022; y <= 2026; y++) {
        char rel[64];
        snprintf(rel, sizeof rel, "data/holidays/%d.json", y);
        char *json = h_read_file(rel);
        struct cal_notice n;
        struct err e = {0};
        if (calendar_notice_parse(cal_prov, json, strlen(json), &n, NULL, NULL, &e))
            fail_msg("%s: %s", rel, e.msg);
        assert_int_equal(n.year, y);
        assert_non_null(n.source);
        calendar_notice_free(&n);
        free(json);
    }
}

static void test_movable_table_rejects_bad_lines(void **state)
{
    (void)state;
    static const char *bad[] = {
        "2027\t2027-02-06\t2027-04-05\t2027-06-09\n",                /* a column short */
        "2027\t2027-02-06\t2027-04-05\t2027-06-09\t2027-09-15\tx\n", /* one too many */
        "2027\t2027-02-30\t2027-04-05\t2027-06-09\t2027-09-15\n",    /* no such date */
        "2027\t2028-02-06\t2027-04-05\t2027-06-09\t2027-09-15\n",    /* another year */
        "abcd\t2027-02-06\t2027-04-05\t2027-06-09\t2027-09-15\n",    /* no year */
        /* twice */
        ("2027\t2027-02-06\t2027-04-05\t2027-06-09\t2027-09-15\n"
         "2027\t2027-02-06\t2027-04-05\t2027-06-09\t2027-09-15\n"),
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct calendar *cal = calendar_new();
        struct err e = {0};
        if (calendar_load_movable(cal, bad[i], strlen(bad[i]), &e) != ERR_INVALID)
            fail_msg("accepted: %s", bad[i]);
        assert_non_null(strstr(e.msg, "第"));
        assert_false(calendar_year_provisional(cal, 2027)); /* nothing half loaded */
        calendar_free(cal);
    }
}

/* ---- main --------------------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    cal_prov = calendar_new();
    load_movable(cal_prov);
    cal_real = calendar_new();
    for (int y = 2022; y <= 2026; y++)
        load_notice(cal_real, y);
    load_movable(cal_real);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal_prov);
    calendar_free(cal_real);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_0_movable_dates_match_loaded_notices),
        cmocka_unit_test(test_rules_0_provisional_year_has_the_notices_working_days),
        cmocka_unit_test(test_movable_dates_cover_2027_to_2050),
        cmocka_unit_test(test_r_cal_04_rules_0_2027_spring_festival_made_up),
        cmocka_unit_test(test_r_cal_04_rules_0_earlier_revision_before_2025),
        cmocka_unit_test(test_r_cal_04_rules_0_holidays_on_one_day_made_up_twice),
        cmocka_unit_test(test_r_cal_05_rules_0_provisional_count_is_flagged_not_refused),
        cmocka_unit_test(test_r_cal_05_rules_0_loaded_notice_replaces_provisional_days),
        cmocka_unit_test(test_notice_every_problem_listed),
        cmocka_unit_test(test_r_cal_08_notice_missing_statutory_holidays_refused),
        cmocka_unit_test(test_movable_table_rejects_bad_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
