/* test_codes.c — 统一社会信用代码 and 居民身份证号码 checks (domain/RULES.md §11).
 *
 * Valid codes below come from RULES.md §11 and from an independent computation of the published
 * algorithms (GB 32100-2015, GB 11714, GB 11643-1999), not from the code under test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/codes.h"
#include "base/date.h"
#include "base/err.h"

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Valid 统一社会信用代码: RULES.md §11's example and independently computed ones. */
static const char *valid_uscc[] = {
    "91350100M000100Y43", /* RULES.md §11 */
    "91110105Y4CL12TH8T", "91440301BJ1XG6128P", "12100006D272HD1T9C", "523201093Y7LLJY19B",
    "92330109JC171HU468", "Y1110004D4H3J9HT7W", "911101083801412690", /* check character 0 (31 − 0 →
                                                                         0) */
};

/* Valid 居民身份证号码: RULES.md §11's example and independently computed ones. */
static const char *valid_idcard[] = {
    "11010519491231002X",                                             /* RULES.md §11 */
    "110101199003076982", "440304198512311858", "320102200002291059", /* born 29 Feb 2000 */
    "510107197001015952", "11010520100101584X", "650102190001016549", /* born 1 Jan 1900 */
    "11010119800102042X",
};

/* Run check on s with a fresh error; assert it fails with a message for field containing want. */
static void expect_fail(int (*check)(const char *, struct err *, const char *), const char *s,
                        const char *want)
{
    struct err e = {0};
    int rc = check(s, &e, "code");
    if (rc != ERR_INVALID) fail_msg("accepted \"%s\"", s);
    assert_int_equal(e.code, ERR_INVALID);
    const char *msg = err_field_msg(&e, "code");
    assert_non_null(msg);
    assert_true(utf8_valid_text(msg, strlen(msg)));
    if (!strstr(msg, want)) fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, msg, want);
}

/* Assert check accepts s and leaves the error untouched. */
static void expect_ok(int (*check)(const char *, struct err *, const char *), const char *s)
{
    struct err e = {0};
    if (check(s, &e, "code") != 0)
        fail_msg("rejected \"%s\": %s", s, e.nfields ? e.fields[0].msg : "");
    assert_int_equal(e.code, 0);
    assert_int_equal(e.nfields, 0);
}

/* The check character computed here, straight from RULES.md §11, to compare with the library. */
static char reference_uscc_check(const char *s)
{
    static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (int)(strchr(uscc_alphabet, s[i]) - uscc_alphabet) * w[i];
    return uscc_alphabet[(31 - sum % 31) % 31];
}

/* ---- 统一社会信用代码 ------------------------------------------------------------------- */

static void test_gb32100_valid_codes(void **state)
{
    (void)state;
    for (size_t i = 0; i < countof(valid_uscc); i++)
        expect_ok(uscc_check, valid_uscc[i]);
    assert_int_equal(uscc_check_char("91350100M000100Y4"), '3');
    assert_int_equal(uscc_check_char("91350100M000100Y43"), '3'); /* reads only 17 */
    assert_int_equal(uscc_check(valid_uscc[0], NULL, NULL), 0);
}

static void test_gb11714_orgcode_check_char(void **state)
{
    (void)state;
    assert_int_equal(orgcode_check_char("M000100Y"), '4'); /* inside the RULES example */
    assert_int_equal(orgcode_check_char("18174143"), 'X'); /* 11 − Σ mod 11 = 10 → X */
    assert_int_equal(orgcode_check_char("77602077"), '0'); /* 11 → 0 */
    assert_int_equal(orgcode_check_char("D10000"), 0);     /* too short */
    assert_int_equal(orgcode_check_char("m000100Y"), 0);   /* lower case */
    assert_int_equal(orgcode_check_char("M00-100Y"), 0);
}

static void test_gb32100_check_char_rejects_bad_input(void **state)
{
    (void)state;
    assert_int_equal(uscc_check_char("91350100M000100Y"), 0);  /* 16 characters */
    assert_int_equal(uscc_check_char("91350100M000100I4"), 0); /* I is not used */
    assert_int_equal(uscc_check_char("91350100m000100Y4"), 0); /* lower case */
    assert_int_equal(uscc_check_char(""), 0);
}

static void test_gb32100_length(void **state)
{
    (void)state;
    expect_fail(uscc_check, "", "请填写统一社会信用代码");
    expect_fail(uscc_check, "   ", "请填写统一社会信用代码");
    expect_fail(uscc_check, NULL, "请填写统一社会信用代码");
    expect_fail(uscc_check, "91350100M000100Y4", "统一社会信用代码应为18位，实为17位");
    expect_fail(uscc_check, "91350100M000100Y433", "统一社会信用代码应为18位，实为19位");
    /* characters, not bytes: 18 characters with a Chinese one is the right length */
    expect_fail(uscc_check, "91350100M000100Y4号", "第18位“号”不是合法字符");
    expect_fail(uscc_check, "91350100M000100Y4\xff", "无法识别");
}

static void test_gb32100_alphabet(void **state)
{
    (void)state;
    expect_fail(uscc_check, "91350100I000100Y43", "第9位不能是字母“I”");
    expect_fail(uscc_check, "91350100M000100Y4O", "I、O、S、V、Z");
    expect_fail(uscc_check, "S1350100M000100Y43", "第1位不能是字母“S”");
    expect_fail(uscc_check, "91350100m000100Y43", "第9位“m”应为大写字母");
    expect_fail(uscc_check, "91350100M000-00Y43", "第13位“-”不是合法字符");
    expect_fail(uscc_check, "91350100M000 00Y43", "第13位“ ”不是合法字符");
    expect_fail(uscc_check, "9135010０M000100Y43", "第8位“０”不是合法字符"); /* full-width 0 */
}

static void test_gb32100_region_digits(void **state)
{
    (void)state;
    expect_fail(uscc_check, "91A50100M000100Y43", "第3位“A”应为数字");
    expect_fail(uscc_check, "9135010HM000100Y43", "第8位“H”应为数字");
}

static void test_gb11714_orgcode_part_checked(void **state)
{
    (void)state;
    /* 17th character changed: the 组织机构代码 check fails (and would be named before the 18th) */
    expect_fail(uscc_check, "91350100M000100Y53", "第9至17位（组织机构代码）校验不通过");
    expect_fail(uscc_check, "91350100M000100Y53", "第17位应为“4”");
    /* a code whose 18th character is right for its 17 but whose 9–17 fail GB 11714 */
    char s[19] = "91350100M000100Y5";
    s[17] = uscc_check_char(s);
    s[18] = 0;
    expect_fail(uscc_check, s, "组织机构代码");
}

static void test_gb32100_check_character(void **state)
{
    (void)state;
    expect_fail(uscc_check, "91350100M000100Y44", "校验位应为“3”");
    expect_fail(uscc_check, "91350100M000100Y4Y", "校验位应为“3”");
}

static void test_gb32100_every_single_substitution_detected(void **state)
{
    (void)state;
    for (size_t k = 0; k < countof(valid_uscc); k++) {
        for (int i = 0; i < USCC_LEN; i++) {
            for (const char *a = uscc_alphabet; *a; a++) {
                char s[USCC_LEN + 1];
                memcpy(s, valid_uscc[k], sizeof s);
                if (s[i] == *a) continue;
                s[i] = *a;
                struct err e = {0};
                if (uscc_check(s, &e, "uscc") == 0) fail_msg("substitution accepted: %s", s);
            }
        }
    }
}

static void test_gb32100_adjacent_transposition_detected(void **state)
{
    (void)state;
    for (size_t k = 0; k < countof(valid_uscc); k++) {
        for (int i = 0; i + 1 < USCC_LEN; i++) {
            char s[USCC_LEN + 1];
            memcpy(s, valid_uscc[k], sizeof s);
            if (s[i] == s[i + 1]) continue;
            char t = s[i];
            s[i] = s[i + 1];
            s[i + 1] = t;
            if (uscc_check(s, NULL, "uscc") == 0) fail_msg("transposition accepted: %s", s);
        }
    }
}

static void test_gb32100_generated_codes_valid(void **state)
{
    (void)state;
    /* What the demo-data generator does: pick 1–8 and 9–16, add both check characters. */
    srand(20240101);
    for (int n = 0; n < 2000; n++) {
        char s[USCC_LEN + 1];
        s[0] = "12345679ANY"[rand() % 11];
        s[1] = "1239"[rand() % 4];
        for (int i = 2; i < 8; i++)
            s[i] = (char)('0' + rand() % 10);
        for (int i = 8; i < 16; i++)
            s[i] = uscc_alphabet[rand() % 31];
        s[16] = orgcode_check_char(s + 8);
        s[17] = uscc_check_char(s);
        s[18] = 0;
        assert_true(s[16] && s[17]);
        assert_int_equal(s[17], reference_uscc_check(s));
        expect_ok(uscc_check, s);
    }
}

/* ---- 居民身份证号码 ------------------------------------------------------------------------ */

static void test_gb11643_valid_numbers(void **state)
{
    (void)state;
    for (size_t i = 0; i < countof(valid_idcard); i++)
        expect_ok(idcard_check, valid_idcard[i]);
    assert_int_equal(idcard_check_char("11010519491231002"), 'X');
    assert_int_equal(idcard_check_char("11010119900307698"), '2');
    assert_int_equal(idcard_check_char("1101051949123100"), 0); /* 16 digits */
    assert_int_equal(idcard_check_char("1101051949123100A"), 0);
    assert_int_equal(idcard_check(valid_idcard[0], NULL, NULL), 0);
}

static void test_gb11643_length_and_characters(void **state)
{
    (void)state;
    expect_fail(idcard_check, "", "请填写居民身份证号码");
    expect_fail(idcard_check, "11010519491231002", "居民身份证号码应为18位，实为17位");
    expect_fail(idcard_check, "110105194912310021X", "居民身份证号码应为18位，实为19位");
    expect_fail(idcard_check, "110105194912310024444", "实为21位");
    expect_fail(idcard_check, "1101051949123100AX", "第17位“A”应为数字");
    expect_fail(idcard_check, "X10105194912310024", "第1位“X”应为数字");
    expect_fail(idcard_check, "11010519491231002x", "第18位应为大写字母 X");
    expect_fail(idcard_check, "11010519491231002Y", "第18位“Y”应为数字或 X");
    expect_fail(idcard_check, "11010519491231002号", "第18位“号”应为数字或 X");
    expect_fail(idcard_check, "1101051949123100\x80X", "无法识别");
}

/* An ID number born on y-m-d with a correct check character, written into out. */
static void make_idcard(char out[IDCARD_LEN + 1], int y, int m, int d)
{
    snprintf(out, IDCARD_LEN + 1, "110105%04d%02d%02d123", y, m, d);
    out[17] = idcard_check_char(out);
    out[18] = 0;
    assert_true(out[17] != 0);
}

static void test_gb11643_birth_date(void **state)
{
    (void)state;
    char s[IDCARD_LEN + 1];
    make_idcard(s, 1949, 13, 31);
    expect_fail(idcard_check, s, "出生日期（第7至14位）19491331 不是真实的日期");
    make_idcard(s, 2023, 2, 29);
    expect_fail(idcard_check, s, "不是真实的日期");
    make_idcard(s, 1900, 2, 29); /* 1900 was not a leap year */
    expect_fail(idcard_check, s, "不是真实的日期");
    make_idcard(s, 2000, 4, 0);
    expect_fail(idcard_check, s, "不是真实的日期");
    make_idcard(s, 1899, 12, 31);
    expect_fail(idcard_check, s, "不能早于1900年");
    make_idcard(s, 2099, 1, 1);
    expect_fail(idcard_check, s, "不能晚于今天");
    int y, m, d;
    date_ymd(date_today(), &y, &m, &d);
    make_idcard(s, y, m, d);
    expect_ok(idcard_check, s); /* born today */
    date_ymd(date_today() + 1, &y, &m, &d);
    make_idcard(s, y, m, d);
    expect_fail(idcard_check, s, "不能晚于今天");
}

static void test_gb11643_check_character(void **state)
{
    (void)state;
    expect_fail(idcard_check, "110105194912310021", "校验位应为“X”");
    expect_fail(idcard_check, "110101199003076981", "校验位应为“2”");
}

static void test_gb11643_every_single_substitution_detected(void **state)
{
    (void)state;
    for (size_t k = 0; k < countof(valid_idcard); k++) {
        for (int i = 0; i < IDCARD_LEN; i++) {
            for (const char *a = "0123456789X"; *a; a++) {
                char s[IDCARD_LEN + 1];
                memcpy(s, valid_idcard[k], sizeof s);
                if (s[i] == *a) continue;
                s[i] = *a;
                if (idcard_check(s, NULL, "id") == 0) fail_msg("substitution accepted: %s", s);
            }
        }
    }
}

/* ---- normalisation and fields ------------------------------------------------------------- */

static void test_code_normalize_then_check(void **state)
{
    (void)state;
    char a[] = "  91350100m000100y43\t";
    code_normalize(a);
    assert_string_equal(a, "91350100M000100Y43");
    expect_ok(uscc_check, a);
    char b[] = "\xe3\x80\x80"
               "11010519491231002x"
               "\xe3\x80\x80"; /* U+3000 either side */
    code_normalize(b);
    assert_string_equal(b, "11010519491231002X");
    expect_ok(idcard_check, b);
    char c[] = "";
    code_normalize(c);
    assert_string_equal(c, "");
    code_normalize(NULL);
}

static void test_r_auth_08_idcard_mask_keeps_region_and_last_four(void **state)
{
    (void)state;
    char out[IDCARD_LEN + 1];
    idcard_mask("32041219800101001X", out);
    assert_string_equal(out, "320412********001X");
    idcard_mask("320412800101001", out); /* the old 15-digit number */
    assert_string_equal(out, "320412*****1001");
    idcard_mask("123", out);
    assert_string_equal(out, "*");
    idcard_mask(NULL, out);
    assert_string_equal(out, "");
}

static void test_field_names_and_first_error_kept(void **state)
{
    (void)state;
    struct err e = {0};
    assert_int_equal(uscc_check("123", &e, NULL), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "uscc"));
    assert_int_equal(idcard_check("123", &e, NULL), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "id_number"));
    assert_int_equal(uscc_check("456", &e, "legal_uscc"), ERR_INVALID);
    assert_int_equal(e.nfields, 3);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "legal_uscc"), "统一社会信用代码应为18位，实为3位");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gb32100_valid_codes),
        cmocka_unit_test(test_gb11714_orgcode_check_char),
        cmocka_unit_test(test_gb32100_check_char_rejects_bad_input),
        cmocka_unit_test(test_gb32100_length),
        cmocka_unit_test(test_gb32100_alphabet),
        cmocka_unit_test(test_gb32100_region_digits),
        cmocka_unit_test(test_gb11714_orgcode_part_checked),
        cmocka_unit_test(test_gb32100_check_character),
        cmocka_unit_test(test_gb32100_every_single_substitution_detected),
        cmocka_unit_test(test_gb32100_adjacent_transposition_detected),
        cmocka_unit_test(test_gb32100_generated_codes_valid),
        cmocka_unit_test(test_gb11643_valid_numbers),
        cmocka_unit_test(test_gb11643_length_and_characters),
        cmocka_unit_test(test_gb11643_birth_date),
        cmocka_unit_test(test_gb11643_check_character),
        cmocka_unit_test(test_gb11643_every_single_substitution_detected),
        cmocka_unit_test(test_code_normalize_then_check),
        cmocka_unit_test(test_r_auth_08_idcard_mask_keeps_region_and_last_four),
        cmocka_unit_test(test_field_names_and_first_error_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
