/* codes.c — 统一社会信用代码 and 居民身份证号码 checks (domain/RULES.md §11). */
#include "base/codes.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

/* GB 32100-2015: the code's 31 characters, in value order (no I O S V Z). */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/* GB 32100-2015: weight of each of the first 17 characters (3^i mod 31). */
static const int uscc_weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                     29, 25, 13, 8,  24, 10, 30, 28};
/* GB 11714: weights of the 8 body characters of a 组织机构代码. */
static const int orgcode_weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
/* GB 11643-1999: weights of the first 17 digits, and the check character for each Σ mod 11. */
static const int idcard_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char idcard_checks[] = "10X98765432";

void code_normalize(char *s)
{
    if (!s) return;
    str_trim(s);
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 'a' + 'A');
}

/* ---- helpers ---------------------------------------------------------------------------- */

/* The value (0–30) of c in the USCC alphabet, or -1. */
static int uscc_value(char c)
{
    const char *p = c ? strchr(uscc_alphabet, c) : NULL;
    return p ? (int)(p - uscc_alphabet) : -1;
}

/* The GB 11714 value of c (0–9, A = 10 … Z = 35), or -1. */
static int orgcode_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

/* Bytes in the UTF-8 character starting at p (p is known to be valid UTF-8). */
static size_t utf8_char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Length and encoding checks shared by both codes; 0 when s is 18 characters of valid text. */
static int check_length(const char *s, const char *what, struct err *e, const char *field)
{
    if (str_blank(s)) return err_field(e, field, "请填写%s", what);
    if (!utf8_valid_text(s, strlen(s))) return err_field(e, field, "%s含有无法识别的字符", what);
    size_t n = utf8_len(s);
    if (n != 18) return err_field(e, field, "%s应为18位，实为%zu位", what, n);
    return 0;
}

/* ---- 统一社会信用代码 --------------------------------------------------------------------- */

char uscc_check_char(const char *first17)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = uscc_value(first17[i]);
        if (v < 0) return 0;
        sum += v * uscc_weights[i];
    }
    int check = 31 - sum % 31;
    return uscc_alphabet[check == 31 ? 0 : check];
}

char orgcode_check_char(const char *first8)
{
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        int v = orgcode_value(first8[i]);
        if (v < 0) return 0;
        sum += v * orgcode_weights[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char)('0' + check);
}

/* The message for a character outside the USCC alphabet at 1-based position pos. */
static int uscc_bad_char(const char *p, size_t len, int pos, struct err *e, const char *field)
{
    if (len > 1)
        return err_field(e, field,
                         "第%d位“%.*s”不是合法字符：统一社会信用代码只用数字和大写英文字母", pos,
                         (int)len, p);
    char c = *p, up = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    if (strchr("IOSVZ", up))
        return err_field(e, field, "第%d位不能是字母“%c”：统一社会信用代码不使用 I、O、S、V、Z",
                         pos, c);
    if (c != up) return err_field(e, field, "第%d位“%c”应为大写字母", pos, c);
    return err_field(e, field,
                     "第%d位“%c”不是合法字符：只能是数字或除 I、O、S、V、Z 以外的大写英文字母", pos,
                     c);
}

/* [R-ENT-01] GB 32100-2015, with the 组织机构代码 part by GB 11714 */
int uscc_check(const char *s, struct err *e, const char *field)
{
    if (!field) field = "uscc";
    int rc = check_length(s, "统一社会信用代码", e, field);
    if (rc) return rc;
    const char *p = s;
    for (int pos = 1; pos <= USCC_LEN; pos++) {
        size_t len = utf8_char_len(p);
        if (len > 1 || uscc_value(*p) < 0) return uscc_bad_char(p, len, pos, e, field);
        p += len;
    }
    /* From here s is 18 ASCII characters of the alphabet. */
    for (int i = 2; i < 8; i++)
        if (s[i] < '0' || s[i] > '9')
            return err_field(e, field, "第%d位“%c”应为数字：第3至8位是登记管理机关行政区划码",
                             i + 1, s[i]);
    char org = orgcode_check_char(s + 8);
    if (org != s[16])
        return err_field(
            e, field, "第9至17位（组织机构代码）校验不通过，按其前8位第17位应为“%c”，请核对", org);
    char check = uscc_check_char(s);
    if (check != s[17])
        return err_field(e, field, "校验位应为“%c”（第18位为“%c”），请核对代码是否抄错", check,
                         s[17]);
    return 0;
}

/* ---- 居民身份证号码 ------------------------------------------------------------------------ */

char idcard_check_char(const char *first17)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (first17[i] < '0' || first17[i] > '9') return 0;
        sum += (first17[i] - '0') * idcard_weights[i];
    }
    return idcard_checks[sum % 11];
}

/* 17 digits, then a digit or X; s is 18 characters of valid UTF-8. */
static int idcard_check_chars(const char *s, struct err *e, const char *field)
{
    const char *p = s;
    for (int pos = 1; pos <= IDCARD_LEN; pos++) {
        size_t len = utf8_char_len(p);
        bool digit = len == 1 && *p >= '0' && *p <= '9';
        if (pos < IDCARD_LEN && !digit)
            return err_field(e, field, "第%d位“%.*s”应为数字", pos, (int)len, p);
        if (pos == IDCARD_LEN && *p == 'x') return err_field(e, field, "第18位应为大写字母 X");
        if (pos == IDCARD_LEN && !digit && *p != 'X')
            return err_field(e, field, "第18位“%.*s”应为数字或 X", (int)len, p);
        p += len;
    }
    return 0;
}

/* The value of n ASCII digits at s (already checked to be digits). */
static int digits_value(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Characters 7–14 are the birth date: a real date, not before 1900, not after today. */
static int idcard_check_birth(const char *s, struct err *e, const char *field)
{
    int y = digits_value(s + 6, 4), m = digits_value(s + 10, 2), d = digits_value(s + 12, 2);
    if (!date_valid(y, m, d))
        return err_field(e, field, "出生日期（第7至14位）%.8s 不是真实的日期", s + 6);
    if (y < DATE_MIN_YEAR) return err_field(e, field, "出生日期（第7至14位）不能早于1900年");
    if (date_from_ymd(y, m, d) > date_today())
        return err_field(e, field, "出生日期（第7至14位）不能晚于今天");
    return 0;
}

/* [R-ENT-02] GB 11643-1999: the check character and a real birth date */
int idcard_check(const char *s, struct err *e, const char *field)
{
    if (!field) field = "id_number";
    int rc = check_length(s, "居民身份证号码", e, field);
    if (!rc) rc = idcard_check_chars(s, e, field);
    if (!rc) rc = idcard_check_birth(s, e, field);
    if (rc) return rc;
    char check = idcard_check_char(s);
    if (check != s[17])
        return err_field(e, field, "校验位应为“%c”（第18位为“%c”），请核对号码是否抄错", check,
                         s[17]);
    return 0;
}

/* [R-AUTH-08] the region (first six) and the last four digits only */
void idcard_mask(const char *s, char out[IDCARD_LEN + 1])
{
    size_t n = s ? strlen(s) : 0;
    if (!s) {
        out[0] = 0;
    } else if (n < 10 || n > IDCARD_LEN) {
        snprintf(out, IDCARD_LEN + 1, "*");
    } else {
        memcpy(out, s, 6);
        memset(out + 6, '*', n - 10);
        memcpy(out + n - 4, s + n - 4, 5);
    }
}
