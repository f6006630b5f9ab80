/* codes.h — check the national codes people type in (domain/RULES.md §11).
 *
 * 统一社会信用代码 (GB 32100-2015, with its 组织机构代码 part per GB 11714) and 18-digit
 * 居民身份证号码 (GB 11643-1999). The check functions add one precise Chinese message to the
 * form field on failure (err_field), saying what is wrong and where, so the officer can fix a typo.
 * Callers normalise input with code_normalize() first: the checks themselves are strict and ask
 * for upper case. All functions are pure (idcard_check also reads today's date): thread-safe.
 */
#ifndef LANDUN_CODES_H
#define LANDUN_CODES_H

#include "base/err.h"

#define USCC_LEN   18 /* characters in a 统一社会信用代码 */
#define IDCARD_LEN 18 /* characters in a 居民身份证号码 */

/* Trim white space (ASCII and U+3000) and upper-case ASCII letters, in place. */
void code_normalize(char *s);

/* Check a 统一社会信用代码. Returns 0 if valid; otherwise adds a message for field to e (e may be
 * NULL; field NULL means "uscc") and returns ERR_INVALID. Checks, in order: length, alphabet
 * (digits and upper-case letters without I O S V Z), characters 3–8 (行政区划码) are digits, the
 * 组织机构代码 check of characters 9–17 (GB 11714), and the check character 18. */
int uscc_check(const char *s, struct err *e, const char *field);
/* The check character (18th) for the first 17 characters of a 统一社会信用代码, or 0 when any of
 * them is outside the code's alphabet (or the string is shorter). */
char uscc_check_char(const char *first17);
/* The GB 11714 check character ('0'–'9' or 'X') for the first 8 characters of a 组织机构代码
 * (digits or upper-case letters), or 0 when one is bad or the string is shorter. */
char orgcode_check_char(const char *first8);

/* Check an 18-digit 居民身份证号码. Returns 0 if valid; otherwise adds a message for field to e
 * (field NULL means "id_number") and returns ERR_INVALID. Checks: length, 17 digits then a digit
 * or X, the birth date (characters 7–14) is a real date from 1900 to today (Asia/Shanghai), and
 * the check character. */
int idcard_check(const char *s, struct err *e, const char *field);
/* The check character ('0'–'9' or 'X') for the first 17 digits of a 居民身份证号码, or 0 when one
 * of them is not a digit (or the string is shorter). */
char idcard_check_char(const char *first17);
/* s as those without the right to see it in full see it: the region (first six) and the last
 * four characters, the birth date and the rest as '*' ("320412********0012"); "*" for anything
 * shorter than ten characters, "" for NULL. out holds IDCARD_LEN + 1 bytes. */
void idcard_mask(const char *s, char out[IDCARD_LEN + 1]);

#endif
