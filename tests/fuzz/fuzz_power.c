/* fuzz_power.c — libFuzzer target for what a power list's spreadsheet, form or API gives as text:
 * penalty types (codes, labels or the article's words), fine ranges in 元 and multiples of
 * 违法所得 (power_terms_read), and the base64 a clean import preview carries on (base64_decode).
 *
 * The input is split at newlines into the five fields of a power_terms_input. Properties that
 * must hold for anything accepted: a range's minimum is not above its maximum and its maximum is
 * above 0, the types read back from their own labels, a range has its text; and what base64_decode
 * accepts encodes and decodes again to the same bytes. Any violation aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "law/power.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The accepted terms hold together. */
static void check_terms(const struct power_terms *t)
{
    if (t->has_fine && (t->fine_min > t->fine_max || t->fine_max <= 0 || t->fine_min < 0)) abort();
    if (t->has_mult && (t->mult_min > t->mult_max || t->mult_max <= 0 || t->mult_min < 0)) abort();
    char label[512], back[POWER_TYPES_MAX], bad[64];
    power_types_label(t->types, label, sizeof label);
    if (power_types_parse(label, back, bad, sizeof bad) || strcmp(back, t->types) != 0) abort();
    char text[256];
    power_terms_text(t, text, sizeof text);
    if ((t->has_fine || t->has_mult) != (text[0] != 0)) abort();
}

/* Decoded bytes encode and decode to themselves. */
static void check_base64(const char *s)
{
    char *out = NULL, *again = NULL;
    size_t len, len2;
    if (base64_decode(s, &out, &len)) return;
    char *enc = base64_encode(out, len);
    if (base64_decode(enc, &again, &len2) || len2 != len || memcmp(out, again, len) != 0) abort();
    free(enc);
    free(out);
    free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    check_base64(text);
    const char *field[5] = {NULL, NULL, NULL, NULL, NULL};
    char *p = text;
    for (int i = 0; i < 5 && p; i++) {
        field[i] = p;
        p = strchr(p, '\n');
        if (p) *p++ = 0;
    }
    struct power_terms_input in = {field[0], field[1], field[2], field[3], field[4]};
    struct power_terms t;
    struct err e = {0};
    if (power_terms_read(&in, "level1_", &t, &e) == 0) check_terms(&t);
    free(text);
    return 0;
}
