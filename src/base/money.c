/* money.c — parsing and writing amounts of money held as int64 fen. */
#include "base/money.h"

#include <stdio.h>
#include <string.h>

#define FEN_PER_YUAN     100
#define FEN_PER_WAN_CENT 10000        /* 0.01 万元 = 100 元 = 10,000 fen */
#define FEN_PER_WAN      1000000      /* 1 万元 = 10,000 元 = 1,000,000 fen */
#define YI               100000000ULL /* 亿 = 10^8 */

/* ---- parsing ---------------------------------------------------------------------------- */

/* Read a run of ASCII digits at *p into *v (which must stay <= limit); advances *p. Returns the
 * number of digits, or -1 when the value exceeds limit. */
static int read_digits(const char **p, int64_t *v, int64_t limit)
{
    int n = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++, n++) {
        *v = *v * 10 + (**p - '0');
        if (*v > limit) return -1;
    }
    return n;
}

/* Read the 元 part: plain digits, or 1–3 digits then groups of ",ddd". Advances *p. */
static int read_yuan(const char **p, int64_t *yuan)
{
    const int64_t limit = MONEY_MAX_FEN / FEN_PER_YUAN;
    const char *start = *p;
    int n = read_digits(p, yuan, limit);
    if (n <= 0) return -1;
    if (**p != ',') return 0;
    if (n > 3 || *start == '0') return -1; /* "1234,567" and "0,123" are not grouped numbers */
    while (**p == ',') {
        (*p)++;
        const char *group = *p;
        if (read_digits(p, yuan, limit) != 3 || *p != group + 3) return -1;
    }
    return 0;
}

int money_parse(const char *s, int64_t *fen)
{
    if (!s) return -1;
    const char *p = s;
    int64_t yuan = 0, cents = 0;
    if (read_yuan(&p, &yuan) != 0) return -1;
    if (*p == '.') {
        p++;
        int n = read_digits(&p, &cents, 99);
        if (n < 1 || n > 2) return -1;
        if (n == 1) cents *= 10;
    }
    if (*p) return -1;
    int64_t v = yuan * FEN_PER_YUAN + cents;
    if (v > MONEY_MAX_FEN) return -1;
    *fen = v;
    return 0;
}

/* ---- 元 and 万元 -------------------------------------------------------------------------- */

/* |v| as unsigned, correct for INT64_MIN too. */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
}

/* Copy the NUL-terminated text into out of n bytes, or make out "" when it does not fit. */
static char *copy_out(const char *text, char *out, size_t n)
{
    size_t len = strlen(text);
    if (n == 0) return out;
    if (len + 1 > n) len = 0;
    memcpy(out, text, len);
    out[len] = 0;
    return out;
}

/* Write hundredths (v / 100 with two decimals, thousands separators, '-' if neg) into out. */
static char *format_hundredths(bool neg, uint64_t v, char *out, size_t n)
{
    char tmp[MONEY_YUAN_SIZE];
    char *p = tmp + sizeof tmp;
    *--p = 0;
    *--p = (char)('0' + v % 10);
    *--p = (char)('0' + v / 10 % 10);
    *--p = '.';
    uint64_t whole = v / 100;
    int digits = 0;
    do {
        if (digits && digits % 3 == 0) *--p = ',';
        *--p = (char)('0' + whole % 10);
        whole /= 10;
        digits++;
    } while (whole);
    if (neg && v) *--p = '-';
    return copy_out(p, out, n);
}

char *money_yuan(int64_t fen, char *out, size_t n)
{
    return format_hundredths(fen < 0, magnitude(fen), out, n);
}

char *money_wan(int64_t fen, char *out, size_t n)
{
    uint64_t mag = magnitude(fen); /* <= 2^63: adding half a unit cannot overflow */
    return format_hundredths(fen < 0, (mag + FEN_PER_WAN_CENT / 2) / FEN_PER_WAN_CENT, out, n);
}

char *money_wan_exact(int64_t fen, char *out, size_t n)
{
    uint64_t mag = magnitude(fen);
    int k =
        snprintf(out, n, "%s%llu.%06llu", fen < 0 ? "-" : "",
                 (unsigned long long)(mag / FEN_PER_WAN), (unsigned long long)(mag % FEN_PER_WAN));
    if (n && (k < 0 || (size_t)k >= n)) out[0] = 0;
    return out;
}

/* ---- Chinese capitals ------------------------------------------------------------------- */

/* A bounded text being built for money_capital. */
struct capital {
    char p[2 * MONEY_CAPITAL_SIZE]; /* the text, NUL-terminated; any int64 needs <= 127 */
    size_t len;                     /* bytes used */
};

static const char *const cap_digits[10] = {"零", "壹", "贰", "叁", "肆",
                                           "伍", "陆", "柒", "捌", "玖"};
static const char *const cap_units[4] = {"", "拾", "佰", "仟"};

/* Append s. The buffer holds the longest int64 amount with room to spare, so running out of it
 * is a bug: abort rather than write a wrong amount. */
static void cap_add(struct capital *c, const char *s)
{
    size_t len = strlen(s);
    if (c->len + len >= sizeof c->p) fatal("money_capital: text longer than %zu bytes", c->len);
    memcpy(c->p + c->len, s, len + 1);
    c->len += len;
}

/* Append 1 <= v <= 9999 with 拾佰仟 and one 零 per inner run of zeros (no leading 零). */
static void cap_section(struct capital *c, unsigned v)
{
    static const unsigned pow10[4] = {1, 10, 100, 1000};
    bool started = false, zero = false;
    for (int pos = 3; pos >= 0; pos--) {
        unsigned d = v / pow10[pos] % 10;
        if (!d) {
            zero = started;
            continue;
        }
        if (zero) cap_add(c, "零");
        cap_add(c, cap_digits[d]);
        cap_add(c, cap_units[pos]);
        started = true;
        zero = false;
    }
}

/* Append 1 <= v < 10^8: a 万 section and a units section, with 零 between when needed. */
static void cap_wan(struct capital *c, unsigned v)
{
    unsigned hi = v / 10000, lo = v % 10000;
    if (hi) {
        cap_section(c, hi);
        cap_add(c, "万");
    }
    if (!lo) return;
    if (hi && lo < 1000) cap_add(c, "零"); /* 壹万零伍 */
    cap_section(c, lo);
}

/* Append v >= 1 in capitals: groups of 亿 (10^8), each read with 万 (so 10^16 is 壹亿亿). */
static void cap_number(struct capital *c, uint64_t v)
{
    if (v < YI) {
        cap_wan(c, (unsigned)v);
        return;
    }
    cap_number(c, v / YI);
    cap_add(c, "亿");
    unsigned low = (unsigned)(v % YI);
    if (!low) return;
    if (low < YI / 10) cap_add(c, "零"); /* 壹亿零壹万, 壹拾亿零壹 */
    cap_wan(c, low);
}

char *money_capital(int64_t fen, char *out, size_t n)
{
    struct capital c = {.len = 0};
    uint64_t mag = magnitude(fen), yuan = mag / 100;
    unsigned jiao = (unsigned)(mag / 10 % 10), cents = (unsigned)(mag % 10);
    cap_add(&c, "人民币");
    if (fen < 0) cap_add(&c, "负");
    if (yuan) {
        cap_number(&c, yuan);
        cap_add(&c, "元");
    }
    if (!jiao && !cents) {
        cap_add(&c, yuan ? "整" : "零元整");
        return copy_out(c.p, out, n);
    }
    if (jiao) {
        cap_add(&c, cap_digits[jiao]);
        cap_add(&c, "角");
    } else if (yuan) {
        cap_add(&c, "零"); /* 元零柒分: the rules require 零 when 角 is zero and 分 is not */
    }
    if (cents) {
        cap_add(&c, cap_digits[cents]);
        cap_add(&c, "分");
    }
    return copy_out(c.p, out, n);
}
