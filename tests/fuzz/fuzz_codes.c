/* fuzz_codes.c — libFuzzer target for the parsers of typed-in codes, amounts and dates.
 *
 * Feeds a NUL-terminated copy of the input to uscc_check, idcard_check, money_parse, date_parse
 * and date_parse_loose (before and after code_normalize), and checks properties that must hold for
 * anything accepted: a parsed amount formats and parses back to itself, a parsed date formats back
 * to the same text, a date in another system's form is a real day that date_parse agrees with, an
 * accepted code carries its own check character. The first 8 bytes are also
 * formatted as an int64 amount. Any violation aborts, which the fuzzer reports.
 */
#include <stdlib.h>
#include <string.h>

#include "base/codes.h"
#include "base/date.h"
#include "base/err.h"
#include "base/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An accepted amount must be in range and survive money_yuan → money_parse unchanged. */
static void check_amount(const char *s)
{
    int64_t fen, back;
    if (money_parse(s, &fen) != 0) return;
    char yuan[MONEY_YUAN_SIZE], cap[MONEY_CAPITAL_SIZE];
    if (fen < 0 || fen > MONEY_MAX_FEN) abort();
    if (money_parse(money_yuan(fen, yuan, sizeof yuan), &back) != 0 || back != fen) abort();
    if (!*money_capital(fen, cap, sizeof cap)) abort();
}

/* An accepted date must format back to exactly the input. */
static void check_date(const char *s)
{
    day_t d;
    if (date_parse(s, &d) != 0) return;
    char out[DATE_STRLEN];
    date_format(d, out);
    if (strcmp(out, s) != 0) abort();
}

/* A date accepted in the forms other systems write (date_parse_loose) is a real day in range,
 * and the same day date_parse finds where both accept the text. */
static void check_loose_date(const char *s)
{
    day_t d, strict;
    if (date_parse_loose(s, &d) != 0) return;
    char out[DATE_STRLEN];
    date_format(d, out);
    if (date_parse(out, &strict) != 0 || strict != d) abort();
    if (date_parse(s, &strict) == 0 && strict != d) abort();
}

/* Run both code checks; an accepted code must end in its own check character. */
static void check_codes(const char *s)
{
    struct err e = {0};
    if (uscc_check(s, &e, "uscc") == 0 && uscc_check_char(s) != s[17]) abort();
    if (idcard_check(s, &e, "id_number") == 0 && idcard_check_char(s) != s[17]) abort();
    if (e.code != 0 && e.code != ERR_INVALID) abort();
}

/* Format an arbitrary int64: every formatter must produce a non-empty text in its documented
 * buffer size. */
static void check_formatters(const uint8_t *data, size_t size)
{
    if (size < sizeof(int64_t)) return;
    int64_t v;
    memcpy(&v, data, sizeof v);
    char yuan[MONEY_YUAN_SIZE], wan[MONEY_YUAN_SIZE], cap[MONEY_CAPITAL_SIZE];
    if (!*money_yuan(v, yuan, sizeof yuan) || !*money_wan(v, wan, sizeof wan) ||
        !*money_capital(v, cap, sizeof cap))
        abort();
    char date[DATE_STRLEN];
    date_format((day_t)v, date);
    (void)date_from_instant(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = xmalloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;
    check_codes(s);
    check_amount(s);
    check_date(s);
    check_loose_date(s);
    code_normalize(s);
    check_codes(s);
    check_formatters(data, size);
    free(s);
    return 0;
}
