/* money.h — amounts of money: int64 fen (分) inside, 元 / 万元 / Chinese capitals outside.
 *
 * Fines, confiscated income and fees are stored and computed as whole fen, never as floating
 * point. They are shown as 元 with two decimals ("12,000.00"), as 万元 in reports ("180.00"), and
 * in Chinese capitals on decisions ("人民币壹万贰仟元整"). All functions are pure: thread-safe.
 */
#ifndef LANDUN_MONEY_H
#define LANDUN_MONEY_H

#include "base/util.h"

#define MONEY_MAX_FEN      1000000000000000LL /* 10^15 fen (10^13 元): the largest money_parse takes */
#define MONEY_YUAN_SIZE    32  /* buffer that holds any money_yuan/money_wan result */
#define MONEY_CAPITAL_SIZE 128 /* holds money_capital of any int64 amount (at most 126 bytes) */

/* Parse an amount in 元: digits ("12000"), optionally grouped by commas in threes ("12,000"),
 * optionally followed by '.' and one or two decimals ("12000.5", "0.05"). No sign, no spaces, no
 * currency symbol. Returns 0 and sets *fen, or -1 (and leaves *fen alone) for anything else,
 * including amounts above MONEY_MAX_FEN. */
int money_parse(const char *s, int64_t *fen);

/* Write fen as 元 with thousands separators and two decimals ("12,000.00", "-0.05") into out of
 * n bytes (n >= MONEY_YUAN_SIZE always suffices). Returns out; if the text does not fit, out is
 * "" (never a truncated amount). */
char *money_yuan(int64_t fen, char *out, size_t n);

/* Write fen as 万元 with thousands separators and two decimals, rounded half away from zero
 * (1,800,000 元 → "180.00"; 4,999 元 → "0.50"; 12,345,678,900 元 → "1,234,567.89"). Sizes and
 * return as money_yuan. */
char *money_wan(int64_t fen, char *out, size_t n);

/* [R-PUB-32] Write fen as 万元 with exactly six decimals and no separators, the form the credit
 * platforms take (500,000 fen = 5,000 元 → "0.500000"; 1 fen → "0.000001"): one fen is a
 * millionth of 万元, so the text is exact, never rounded. Sizes and return as money_yuan. */
char *money_wan_exact(int64_t fen, char *out, size_t n);

/* Write fen in Chinese capitals as written on decisions, following the rules of 中国人民银行
 * 《支付结算办法》 附件一 (正确填写票据和结算凭证的基本规定):
 *   - "人民币" first; "壹拾" (never bare "拾"); 万 and 亿 as section units (壹亿零壹万);
 *   - one "零" for each run of zeros inside the number (壹仟零伍元), including a section that
 *     starts with zeros after a higher section (壹拾亿零壹, 壹佰万零壹);
 *   - no 角 and no 分: "元整"; 0 → "人民币零元整";
 *   - 角 without 分: ends with 角, no "整" (人民币壹佰元伍角) — the rules allow either, we omit it;
 *   - 分 without 角: "元零X分" (人民币壹仟零伍元零柒分);
 *   - a zero 元 digit before a non-zero 角 takes no "零" (人民币壹仟陆佰捌拾元叁角贰分), one of the
 *     two forms the rules allow; amounts under one 元 have no 元 part (人民币伍角, 人民币柒分);
 *   - negative amounts (never on a decision) are written "人民币负…".
 * Returns out. n >= MONEY_CAPITAL_SIZE holds every int64 amount. If the text does not fit in n,
 * out is "" (never a truncated amount). */
char *money_capital(int64_t fen, char *out, size_t n);

#endif
