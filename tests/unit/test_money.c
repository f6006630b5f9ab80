/* test_money.c — money as int64 fen: parsing, 元, 万元 and Chinese capitals.
 *
 * The capitals follow 中国人民银行《支付结算办法》附件一 (正确填写票据和结算凭证的基本规定); the
 * worked examples of that text (￥1409.50, ￥6007.14, ￥1680.32, ￥107000.53, ￥16409.02, ￥325.04)
 * are among the cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/money.h"

/* An amount and the text expected for it. */
struct money_case {
    int64_t fen;      /* the amount */
    const char *text; /* what the formatter must write */
};

/* ---- parsing ---------------------------------------------------------------------------- */

static void test_money_parse_accepts(void **state)
{
    (void)state;
    static const struct money_case ok[] = {
        {1200000, "12000"},
        {1200000, "12,000"},
        {1200050, "12000.5"},
        {1200050, "12,000.50"},
        {123, "1.23"},
        {5, "0.05"},
        {50, "0.5"},
        {0, "0"},
        {0, "0.00"},
        {700, "007"},
        {123456789, "1,234,567.89"},
        {100000000, "1,000,000"},
        {99999, "999.99"},
        {MONEY_MAX_FEN, "10000000000000"},
        {MONEY_MAX_FEN, "10,000,000,000,000.00"},
        {MONEY_MAX_FEN - 1, "9,999,999,999,999.99"},
    };
    for (size_t i = 0; i < countof(ok); i++) {
        int64_t fen = -1;
        if (money_parse(ok[i].text, &fen) != 0) fail_msg("rejected \"%s\"", ok[i].text);
        assert_int_equal(fen, ok[i].fen);
    }
}

static void test_money_parse_rejects(void **state)
{
    (void)state;
    static const char *bad[] = {
        "",
        "-1",
        "-0.01",
        "+1",
        "1.234",
        "1.",
        ".5",
        "1,23",
        "1,2345",
        "12,00",
        "1234,567",
        "0,123",
        ",123",
        "1,,000",
        "1,000,",
        "1 000",
        " 1",
        "1 ",
        "1e3",
        "abc",
        "12元",
        "¥12",
        "１２",
        "1.2.3",
        "1,000.",
        "NaN",
        "0x10",
        "1.0a",
        "1.-5",
        "12,000.5.",
        "10000000000000.01",       /* one fen over the cap */
        "10000000000001",          /* one 元 over the cap */
        "99999999999999999999999", /* would overflow int64 */
        "1,000,000,000,000,000",
    };
    for (size_t i = 0; i < countof(bad); i++) {
        int64_t fen = 4242;
        if (money_parse(bad[i], &fen) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(fen, 4242);
    }
    int64_t fen;
    assert_int_equal(money_parse(NULL, &fen), -1);
}

/* ---- 元 ----------------------------------------------------------------------------------- */

static void test_money_yuan(void **state)
{
    (void)state;
    static const struct money_case cases[] = {
        {0, "0.00"},
        {5, "0.05"},
        {50, "0.50"},
        {100, "1.00"},
        {99999, "999.99"},
        {100000, "1,000.00"},
        {123456, "1,234.56"},
        {1200000, "12,000.00"},
        {100000000, "1,000,000.00"},
        {-5, "-0.05"},
        {-123456, "-1,234.56"},
        {MONEY_MAX_FEN, "10,000,000,000,000.00"},
        {INT64_MAX, "92,233,720,368,547,758.07"},
        {INT64_MIN, "-92,233,720,368,547,758.08"},
    };
    for (size_t i = 0; i < countof(cases); i++) {
        char buf[MONEY_YUAN_SIZE];
        assert_ptr_equal(money_yuan(cases[i].fen, buf, sizeof buf), buf);
        assert_string_equal(buf, cases[i].text);
    }
}

static void test_money_yuan_roundtrip(void **state)
{
    (void)state;
    srand(7);
    for (int i = 0; i < 100000; i++) {
        int64_t fen = (((int64_t)rand() << 31) ^ rand()) % (MONEY_MAX_FEN + 1);
        if (i < 1000) fen = i; /* every small amount */
        char buf[MONEY_YUAN_SIZE];
        int64_t back = -1;
        assert_int_equal(money_parse(money_yuan(fen, buf, sizeof buf), &back), 0);
        assert_int_equal(back, fen);
    }
}

static void test_money_small_buffer_gives_empty_not_truncated(void **state)
{
    (void)state;
    char buf[16] = "xxxxxxxx";
    assert_string_equal(money_yuan(1200000, buf, 9), ""); /* "12,000.00" needs 10 */
    assert_string_equal(money_yuan(1200000, buf, 10), "12,000.00");
    assert_string_equal(money_wan(1200000, buf, 3), "");
    char cap[20];
    assert_string_equal(money_capital(1200000, cap, sizeof cap), "");
    buf[0] = 'x';
    money_yuan(5, buf, 0); /* n = 0: nothing written */
    assert_int_equal(buf[0], 'x');
}

/* ---- 万元 --------------------------------------------------------------------------------- */

static void test_money_wan(void **state)
{
    (void)state;
    static const struct money_case cases[] = {
        {0, "0.00"},
        {180000000, "180.00"},           /* 1,800,000 元 */
        {499900, "0.50"},                /* 4,999 元 = 0.4999 万 */
        {494999, "0.49"},                /* 4,949.99 元 */
        {495000, "0.50"},                /* 4,950 元: half rounds up */
        {4999, "0.00"},                  /* 49.99 元 */
        {5000, "0.01"},                  /* 50 元 */
        {1000000, "1.00"},               /* 10,000 元 */
        {1234567890000, "1,234,567.89"}, /* 12,345,678,900 元 */
        {-495000, "-0.50"},              /* half away from zero */
        {-494999, "-0.49"},
        {-1, "0.00"}, /* no "-0.00" */
        {INT64_MAX, "9,223,372,036,854.78"},
        {INT64_MIN, "-9,223,372,036,854.78"},
    };
    for (size_t i = 0; i < countof(cases); i++) {
        char buf[MONEY_YUAN_SIZE];
        assert_ptr_equal(money_wan(cases[i].fen, buf, sizeof buf), buf);
        if (strcmp(buf, cases[i].text) != 0)
            fail_msg("%lld fen: got \"%s\", want \"%s\"", (long long)cases[i].fen, buf,
                     cases[i].text);
    }
}

/* ---- capitals ----------------------------------------------------------------------------- */

/* Amounts in whole 元 or with fen, written as the rules of 《支付结算办法》 require. */
static const struct money_case capital_cases[] = {
    {0, "人民币零元整"},
    {1, "人民币壹分"},
    {10, "人民币壹角"},
    {55, "人民币伍角伍分"},
    {100, "人民币壹元整"},
    {1000, "人民币壹拾元整"}, /* 壹拾, never bare 拾 */
    {1500, "人民币壹拾伍元整"},
    {10000, "人民币壹佰元整"},
    {10050, "人民币壹佰元伍角"}, /* 角 without 分: no 整 (our convention) */
    {100507, "人民币壹仟零伍元零柒分"},
    {1200000, "人民币壹万贰仟元整"},
    {140950, "人民币壹仟肆佰零玖元伍角"},        /* ￥1409.50 */
    {600714, "人民币陆仟零柒元壹角肆分"},        /* ￥6007.14 */
    {168032, "人民币壹仟陆佰捌拾元叁角贰分"},    /* ￥1680.32 */
    {10700053, "人民币壹拾万柒仟元伍角叁分"},    /* ￥107000.53 */
    {1640902, "人民币壹万陆仟肆佰零玖元零贰分"}, /* ￥16409.02 */
    {32504, "人民币叁佰贰拾伍元零肆分"},         /* ￥325.04 */
    {101000, "人民币壹仟零壹拾元整"},
    {100100, "人民币壹仟零壹元整"},
    {110000, "人民币壹仟壹佰元整"},
    {1000100, "人民币壹万零壹元整"},
    {1001000, "人民币壹万零壹拾元整"},
    {1010000, "人民币壹万零壹佰元整"},
    {1100000, "人民币壹万壹仟元整"},
    {2000000, "人民币贰万元整"},
    {20000000, "人民币贰拾万元整"},
    {1000001000, "人民币壹仟万零壹拾元整"},
    {100000100, "人民币壹佰万零壹元整"},
    {1000100000, "人民币壹仟万壹仟元整"},
    {10000000000, "人民币壹亿元整"},
    {10001000000, "人民币壹亿零壹万元整"}, /* 1,0001,0000 元 */
    {10000100000, "人民币壹亿零壹仟元整"},
    {10100000000, "人民币壹亿零壹佰万元整"},
    {11000000000, "人民币壹亿壹仟万元整"},
    {12000003400, "人民币壹亿贰仟万零叁拾肆元整"},
    {30500000000, "人民币叁亿零伍佰万元整"},
    {100000000100, "人民币壹拾亿零壹元整"}, /* 10,0000,0001 元 */
    {100000000000, "人民币壹拾亿元整"},
    {100000000007, "人民币壹拾亿元零柒分"},
    {123456789012, "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"},
    {100000000000000, "人民币壹万亿元整"},
    {100000001000000, "人民币壹万亿零壹万元整"},
    {500000000000100, "人民币伍万亿零壹元整"},
    {123456789012345, "人民币壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分"},
    {MONEY_MAX_FEN, "人民币壹拾万亿元整"},
    {-150, "人民币负壹元伍角"},
};

static void test_money_capital_payment_settlement_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < countof(capital_cases); i++) {
        char buf[MONEY_CAPITAL_SIZE];
        assert_ptr_equal(money_capital(capital_cases[i].fen, buf, sizeof buf), buf);
        if (strcmp(buf, capital_cases[i].text) != 0)
            fail_msg("%lld fen: got \"%s\", want \"%s\"", (long long)capital_cases[i].fen, buf,
                     capital_cases[i].text);
    }
}

static const char *const capital_digits[10] = {"零", "壹", "贰", "叁", "肆",
                                               "伍", "陆", "柒", "捌", "玖"};

/* The digit value of the capital at p (零 = 0 … 玖 = 9), or -1. */
static int capital_digit(const char *p)
{
    for (int d = 0; d < 10; d++)
        if (strncmp(p, capital_digits[d], 3) == 0) return d;
    return -1;
}

/* An independent reader of capitals (the oracle): the amount in fen written in s. */
static int64_t read_capital(const char *s)
{
    int64_t yi = 0, wan = 0, section = 0, digit = 0, yuan = 0, jiao = 0, cents = 0;
    bool neg = false;
    assert_true(strncmp(s, "人民币", 9) == 0);
    for (const char *p = s + 9; *p; p += 3) {
        int d = capital_digit(p);
        if (d >= 0)
            digit = d;
        else if (!strncmp(p, "拾", 3))
            section += digit * 10, digit = 0;
        else if (!strncmp(p, "佰", 3))
            section += digit * 100, digit = 0;
        else if (!strncmp(p, "仟", 3))
            section += digit * 1000, digit = 0;
        else if (!strncmp(p, "万", 3))
            wan = (section + digit) * 10000, section = digit = 0;
        else if (!strncmp(p, "亿", 3))
            yi = (yi + wan + section + digit) * 100000000, wan = section = digit = 0;
        else if (!strncmp(p, "元", 3))
            yuan = yi + wan + section + digit, digit = 0;
        else if (!strncmp(p, "角", 3))
            jiao = digit, digit = 0;
        else if (!strncmp(p, "分", 3))
            cents = digit, digit = 0;
        else if (!strncmp(p, "负", 3))
            neg = true;
        else if (strncmp(p, "整", 3) != 0)
            fail_msg("unexpected character in %s", s);
    }
    int64_t v = yuan * 100 + jiao * 10 + cents;
    return neg ? -v : v;
}

/* True when the capital just before p is one of 壹 … 玖. */
static bool after_nonzero_digit(const char *buf, const char *p)
{
    return p - buf >= 3 && capital_digit(p - 3) > 0;
}

static void test_money_capital_reads_back_and_follows_rules(void **state)
{
    (void)state;
    srand(11);
    for (int i = 0; i < 200000; i++) {
        int64_t fen = (((int64_t)rand() << 31) ^ rand()) % (MONEY_MAX_FEN + 1);
        if (i % 3 == 0) fen %= 100000000; /* many small amounts too */
        if (i % 7 == 0) fen -= fen % 100; /* and whole 元 */
        if (i < 20000) fen = i;           /* every amount below 200 元 */
        char buf[MONEY_CAPITAL_SIZE];
        money_capital(fen, buf, sizeof buf);
        if (read_capital(buf) != fen) fail_msg("%lld read back from %s", (long long)fen, buf);
        if (fen && (strstr(buf, "零零") || strstr(buf, "零元") || strstr(buf, "零万") ||
                    strstr(buf, "零亿") || strstr(buf, "零整")))
            fail_msg("misplaced 零 for %lld: %s", (long long)fen, buf);
        /* 拾佰仟角分 always follow a non-zero digit (壹拾, never bare 拾) */
        static const char *const units[] = {"拾", "佰", "仟", "角", "分"};
        for (size_t u = 0; u < countof(units); u++)
            for (const char *p = strstr(buf, units[u]); p; p = strstr(p + 3, units[u]))
                if (!after_nonzero_digit(buf, p)) fail_msg("bare %s in %s", units[u], buf);
        /* 整 exactly when there are no 角 and 分 */
        assert_int_equal(strstr(buf, "整") != NULL, fen % 100 == 0);
    }
}

static void test_money_capital_largest_amounts(void **state)
{
    (void)state;
    char buf[MONEY_CAPITAL_SIZE];
    money_capital(INT64_MAX, buf, sizeof buf);
    assert_string_equal(
        buf, "人民币玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分");
    money_capital(INT64_MIN, buf, sizeof buf);
    assert_string_equal(
        buf, "人民币负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分");
    /* The longest text of any int64 (every digit non-zero, negative): 126 bytes. Length depends
     * only on which digits are zero, and 1…1 has none; this is the bound MONEY_CAPITAL_SIZE
     * documents. */
    const int64_t longest = -1111111111111111111;
    money_capital(longest, buf, sizeof buf);
    assert_int_equal(strlen(buf), 126);
    assert_int_equal(read_capital(buf), longest);
    assert_string_equal(money_capital(longest, buf, 126), ""); /* no room for the NUL */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_parse_accepts),
        cmocka_unit_test(test_money_parse_rejects),
        cmocka_unit_test(test_money_yuan),
        cmocka_unit_test(test_money_yuan_roundtrip),
        cmocka_unit_test(test_money_small_buffer_gives_empty_not_truncated),
        cmocka_unit_test(test_money_wan),
        cmocka_unit_test(test_money_capital_payment_settlement_rules),
        cmocka_unit_test(test_money_capital_reads_back_and_follows_rules),
        cmocka_unit_test(test_money_capital_largest_amounts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
