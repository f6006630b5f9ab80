/* fuzz_hotline.c — libFuzzer target for what the 12345 hotline import makes of an export's
 * cells by itself (the file is read by base/sheet.h, fuzzed by fuzz_csv and fuzz_xlsx; its dates
 * by date_parse_loose, fuzzed by fuzz_codes): the first guess of the columns from their titles
 * (complaint_import_guess) and catalogue values (complaint_import_code).
 *
 * The input's lines are cells. A guess maps known fields to titles of the input, each title to
 * one field; a catalogue value becomes a code of the list or nothing. Any violation aborts, which
 * the fuzzer reports.
 */
#include <stdlib.h>
#include <string.h>

#include "law/catalog.h"
#include "law/complaint_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every guessed field is known and fed by a distinct title of the input. */
static void check_guess(json_t *titles)
{
    json_t *g = complaint_import_guess(titles);
    const char *field;
    json_t *title;
    size_t fields = 0;
    json_object_foreach(g, field, title)
    {
        bool known = false, present = false;
        for (const struct complaint_import_field *f = complaint_import_fields; f->field; f++)
            known |= strcmp(f->field, field) == 0;
        size_t i;
        json_t *t;
        json_array_foreach(titles, i, t) present |= json_equal(t, title);
        if (!known || !present || !json_string_length(title)) abort();
        fields++;
    }
    if (fields > json_array_size(titles)) abort();
    json_decref(g);
}

/* A catalogue value read from a cell is a code of its list, or nothing. */
static void check_code(const char *s)
{
    static const char *const lists[] = {"lines", "complaint_matters"};
    for (size_t i = 0; i < 2; i++) {
        const char *code = complaint_import_code(lists[i], s);
        if (code && !catalog_has(lists[i], code)) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *titles = json_array();
    for (size_t start = 0; start <= size;) {
        const uint8_t *nl = memchr(data + start, '\n', size - start);
        size_t n = nl ? (size_t)(nl - data) - start : size - start;
        char *cell = xstrndup((const char *)data + start, n);
        if (utf8_valid_text(cell, strlen(cell))) {
            check_code(cell);
            json_array_append_new(titles, json_string(cell));
        }
        free(cell);
        start += n + 1;
    }
    check_guess(titles);
    json_decref(titles);
    return 0;
}
