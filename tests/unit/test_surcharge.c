/* test_surcharge.c — 加处罚款 (行政处罚法 第七十二条、第七十三条) on hand-computed examples: 3% of
 * the overdue fine a day from the day after the last day to pay, to the day it is paid; partial
 * payments and instalments; never more than the fine; the days a 复议 or 诉讼 is pending not
 * counted. Amounts in 分. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "law/surcharge.h"

static day_t d(const char *s)
{
    day_t x = 0;
    assert_int_equal(date_parse(s, &x), 0);
    return x;
}

/* A fine of 3,000 元 due by 2026-03-16 (served 03-01, 第六十七条's 15 days), paid on 03-20: the
 * 17th, 18th, 19th and 20th are overdue, 4 × 90 元 = 360 元. Paid on 03-16: nothing. */
static void test_r_case_90_days_to_the_payment(void **state)
{
    (void)state;
    struct surcharge_due due = {d("2026-03-16"), 300000};
    struct surcharge_paid paid = {d("2026-03-20"), 300000};
    struct surcharge_in in = {
        .due = &due, .ndue = 1, .paid = &paid, .npaid = 1, .through = d("2026-03-20")};
    struct surcharge_out out;
    surcharge_compute(&in, &out);
    assert_int_equal(out.days, 4);
    assert_int_equal(out.amount, 36000);
    assert_int_equal(out.overdue, 0);
    assert_false(out.capped);
    paid.on = d("2026-03-16");
    in.through = paid.on;
    surcharge_compute(&in, &out);
    assert_int_equal(out.amount, 0);
    assert_int_equal(out.days, 0);
    /* still unpaid on 03-18: the 17th and 18th, 180 元, and the whole fine overdue */
    in.npaid = 0;
    in.through = d("2026-03-18");
    surcharge_compute(&in, &out);
    assert_int_equal(out.amount, 18000);
    assert_int_equal(out.overdue, 300000);
}

/* Never more than the fine: 1,000 元 due by 01-15, unpaid on 03-31: 30 元 a day reaches 1,000 元
 * on the 34th day (33 × 30 = 990, the 34th makes 1,020) and stops there. Across a month end and a
 * leap February (2028) the days count alike. */
static void test_r_case_90_capped_at_the_fine(void **state)
{
    (void)state;
    struct surcharge_due due = {d("2026-01-15"), 100000};
    struct surcharge_in in = {.due = &due, .ndue = 1, .through = d("2026-03-31")};
    struct surcharge_out out;
    surcharge_compute(&in, &out);
    assert_int_equal(out.amount, 100000);
    assert_int_equal(out.days, 34);
    assert_true(out.capped);
    due.last = d("2028-02-27");
    in.through = d("2028-03-01"); /* 28, 29, 1 */
    surcharge_compute(&in, &out);
    assert_int_equal(out.days, 3);
    assert_int_equal(out.amount, 9000);
}

/* Partly paid: 3,000 元 due by 01-15; 1,000 元 paid on 01-18, the rest on 01-21: 16th–18th on
 * 3,000 (3 × 90), 19th–21st on 2,000 (3 × 60): 450 元. */
static void test_r_case_90_partial_payment(void **state)
{
    (void)state;
    struct surcharge_due due = {d("2026-01-15"), 300000};
    struct surcharge_paid paid[] = {{d("2026-01-18"), 100000}, {d("2026-01-21"), 200000}};
    struct surcharge_in in = {
        .due = &due, .ndue = 1, .paid = paid, .npaid = 2, .through = d("2026-01-21")};
    struct surcharge_out out;
    surcharge_compute(&in, &out);
    assert_int_equal(out.days, 6);
    assert_int_equal(out.amount, 45000);
}

/* Instalments (第六十六条): 2,000 元 by 02-10 and 2,000 元 by 03-10; the first paid on 02-12, the
 * second on time: the 11th and 12th of February on 2,000 (2 × 60 元) = 120 元. */
static void test_r_case_90_instalments(void **state)
{
    (void)state;
    struct surcharge_due due[] = {{d("2026-02-10"), 200000}, {d("2026-03-10"), 200000}};
    struct surcharge_paid paid[] = {{d("2026-02-12"), 200000}, {d("2026-03-10"), 200000}};
    struct surcharge_in in = {
        .due = due, .ndue = 2, .paid = paid, .npaid = 2, .through = d("2026-03-10")};
    struct surcharge_out out;
    surcharge_compute(&in, &out);
    assert_int_equal(out.days, 2);
    assert_int_equal(out.amount, 12000);
}

/* 第七十三条第三款: 3,000 元 due by 01-15, a 复议 pending from 01-20 to 02-10 and a 诉讼 from
 * 03-01 still pending; counted through 03-05: 16th–19th (4) and 11 February – 28 February (18)
 * are counted, 22 × 90 元 = 1,980 元; the days from 03-01 are not. */
static void test_r_case_90_not_while_a_remedy_is_pending(void **state)
{
    (void)state;
    struct surcharge_due due = {d("2026-01-15"), 300000};
    struct surcharge_pause pause[] = {{d("2026-01-20"), d("2026-02-10")}, {d("2026-03-01"), 0}};
    struct surcharge_in in = {
        .due = &due, .ndue = 1, .pause = pause, .npause = 2, .through = d("2026-03-05")};
    struct surcharge_out out;
    surcharge_compute(&in, &out);
    assert_int_equal(out.days, 22);
    assert_int_equal(out.amount, 198000);
}

/* Rounding: 3% of 33.33 元 is 0.9999 元, a day adds 1.00 元 (half up to the 分). */
static void test_r_case_90_rounded_to_the_fen(void **state)
{
    (void)state;
    struct surcharge_due due = {d("2026-05-01"), 3333};
    struct surcharge_in in = {.due = &due, .ndue = 1, .through = d("2026-05-03")};
    struct surcharge_out out;
    surcharge_compute(&in, &out);
    assert_int_equal(out.days, 2);
    assert_int_equal(out.amount, 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_case_90_days_to_the_payment),
        cmocka_unit_test(test_r_case_90_capped_at_the_fine),
        cmocka_unit_test(test_r_case_90_partial_payment),
        cmocka_unit_test(test_r_case_90_instalments),
        cmocka_unit_test(test_r_case_90_not_while_a_remedy_is_pending),
        cmocka_unit_test(test_r_case_90_rounded_to_the_fen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
