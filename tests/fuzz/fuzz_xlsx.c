/* fuzz_xlsx.c — libFuzzer target for the XLSX reader (libzip + expat).
 *
 * The whole input is the file, read with small limits (4 MB uncompressed, so zip bombs are
 * cheap to reject). Every row delivered must keep the reader's promises: an Excel row number, at
 * least one cell, the last cell non-empty, every cell valid UTF-8 within the cell limit. A
 * failure must carry a message. Any violation aborts, which the fuzzer reports. Seeds store
 * their parts uncompressed so that mutations reach the XML.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/sheet.h"
#include "base/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct sheet_limits LIMITS = {
    .max_bytes = 4 << 20, .max_rows = 20000, .max_cols = 64, .max_cell = 4096};

/* Row callback: check the promises of sheet_row_fn; stop after a few thousand rows. */
static int check_row(void *ctx, int row, int ncells, const char *const *cells, struct err *e)
{
    int *rows = ctx;
    (void)e;
    if (row < 1 || row > 1048576 || ncells < 1 || ncells > (int)LIMITS.max_cols) abort();
    for (int i = 0; i < ncells; i++) {
        size_t n = strlen(cells[i]);
        if (n > LIMITS.max_cell) abort();
        for (size_t k, j = 0; j < n; j += k)
            if (!(k = sheet_utf8_seq(cells[i] + j, n - j))) abort();
    }
    if (!cells[ncells - 1][0]) abort();
    return ++*rows >= 5000 ? 1 : 0;
}

/* Read the input as an XLSX file; errors must be negative codes with a message, and the
 * only positive result is the callback stopping at 5000 rows. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int rows = 0;
    struct err e = {0};
    int rc = xlsx_read_lim((const char *)data, size, &LIMITS, check_row, &rows, &e);
    if (rc > 1 || (rc == 1 && rows != 5000) || (rc < 0 && (!e.msg[0] || e.code != rc))) abort();
    return 0;
}
