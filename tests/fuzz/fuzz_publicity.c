/* fuzz_publicity.c — libFuzzer target for the public API's query values (law/publicity_export.h):
 * the keyset cursor (?after=) and the export format's name; the since date (?since=) is
 * date_parse, fuzzed by fuzz_codes.
 *
 * Feeds a NUL-terminated copy of the input to publicity_cursor_parse and publicity_format_parse,
 * and checks that an accepted cursor is two non-negative numbers that format back to the input
 * (leading zeros aside), and that the first 8 bytes as an amount in fen make 万元 text with six
 * decimals, and that an item's data read by publicity_data_parse is what json_loadb reads. Any
 * violation aborts, which the fuzzer reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/money.h"
#include "law/publicity_export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An accepted cursor must be two non-negative numbers that format back to the input. */
static void check_cursor(const char *s)
{
    int64_t at, id;
    if (publicity_cursor_parse(s, &at, &id) != 0) return;
    if (at < 0 || id < 0) abort();
    struct arena a = {0};
    const char *back = publicity_cursor(&a, at, id);
    int64_t at2, id2;
    if (publicity_cursor_parse(back, &at2, &id2) != 0 || at2 != at || id2 != id) abort();
    if (s[0] != '0' && strchr(s, '-')[1] != '0' && strcmp(back, s) != 0) abort();
    arena_free(&a);
}

/* An item's data read fast must be what jansson reads. */
static void check_data(const uint8_t *data, size_t size)
{
    json_t *fast = publicity_data_parse((const char *)data, size);
    json_t *slow = json_loadb((const char *)data, size, 0, NULL);
    if (!fast != !slow || (fast && !json_equal(fast, slow))) abort();
    json_decref(fast);
    json_decref(slow);
}

/* An amount must make "[-]D.DDDDDD". */
static void check_amount(const uint8_t *data, size_t size)
{
    int64_t fen = 0;
    if (size < sizeof fen) return;
    memcpy(&fen, data, sizeof fen);
    char out[MONEY_YUAN_SIZE];
    const char *s = money_wan_exact(fen, out, sizeof out);
    const char *dot = strchr(s, '.');
    if (!dot || strlen(dot + 1) != 6 || strspn(dot + 1, "0123456789") != 6) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = 0;
    check_cursor(s);
    enum publicity_format f;
    if (publicity_format_parse(s, &f) == 0 && !publicity_format_ext(f)) abort();
    check_amount(data, size);
    check_data(data, size);
    free(s);
    return 0;
}
