/* fuzz_csv.c — libFuzzer target for the CSV reader and the CSV cell writer.
 *
 * The whole input is the file, read with small limits. Every row delivered must keep the
 * reader's promises: row numbers rising, at least one cell, the last cell non-empty, every cell
 * valid UTF-8 within the cell limit. Each row is also written back with csv_write_cell (after a
 * BOM, as the exporter writes it) and read again, which must give the same cells. A failure
 * must carry a message. Any violation aborts, which the fuzzer reports.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/err.h"
#include "base/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct sheet_limits LIMITS = {
    .max_bytes = 1 << 20, .max_rows = 20000, .max_cols = 64, .max_cell = 4096};

/* State of one run: the last row seen, and the row to compare against on a re-read. */
struct run {
    int last_row;            /* previous row number delivered */
    int want_n;              /* re-read: cells expected */
    const char *const *want; /* re-read: the expected cells; NULL on the first pass */
    int reread_rows;         /* re-read: rows delivered */
};

/* Abort unless s is valid UTF-8 within the cell limit. */
static void check_cell(const char *s)
{
    size_t n = strlen(s);
    if (n > LIMITS.max_cell) abort();
    for (size_t i = 0; i < n;) {
        size_t k = sheet_utf8_seq(s + i, n - i);
        if (!k) abort();
        i += k;
    }
}

/* Row callback of the re-read: the cells must equal the original row's. */
static int same_row(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    struct run *r = ctx;
    (void)row, (void)e;
    if (++r->reread_rows != 1 || ncells != r->want_n) abort();
    for (int i = 0; i < ncells; i++)
        if (strcmp(cells[i], r->want[i]) != 0) abort();
    return 0;
}

/* Write the row as one CSV line and read it back. */
static void round_trip(int ncells, const char *const *cells)
{
    struct buf line = {0};
    buf_adds(&line, "\xEF\xBB\xBF");
    for (int i = 0; i < ncells; i++) {
        if (i) buf_addc(&line, ',');
        csv_write_cell(&line, cells[i]);
    }
    buf_adds(&line, "\r\n");
    struct run r = {.want_n = ncells, .want = cells};
    struct err e = {0};
    if (csv_read_lim(line.p, line.len, &LIMITS, same_row, &r, &e) != 0) abort();
    if (r.reread_rows != 1) abort();
    buf_free(&line);
}

/* Row callback of the first pass. */
static int check_row(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    struct run *r = ctx;
    (void)e;
    if (row <= r->last_row || ncells < 1 || ncells > (int)LIMITS.max_cols) abort();
    r->last_row = row;
    for (int i = 0; i < ncells; i++)
        check_cell(cells[i]);
    if (!cells[ncells - 1][0]) abort();
    round_trip(ncells, cells);
    return 0;
}

/* Read the input as a CSV file; errors must be negative codes with a message. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct run r = {0};
    struct err e = {0};
    int rc = csv_read_lim((const char *)data, size, &LIMITS, check_row, &r, &e);
    if (rc > 0 || (rc < 0 && (!e.msg[0] || e.code != rc))) abort();
    return 0;
}
