/* sheet_write.h — exporting rows to a spreadsheet file: Excel (.xlsx) or CSV (.csv).
 *
 * Usage:
 *     struct sheet_writer *w = sheet_writer_open("单位名录.xlsx", e);
 *     if (!w) return e->code;
 *     sheet_writer_row(w, 3, (const char *[]){"名称", "统一社会信用代码", "地址"}, e);
 *     … one sheet_writer_row per record; on a failure of your own call sheet_writer_abort(w) …
 *     return sheet_writer_close(w, e);
 *
 * The file appears under its name only when sheet_writer_close succeeds (it is written to a
 * temporary file beside it and renamed), so a failed export leaves nothing half written. The
 * file is created readable by its owner only: exports hold personal data.
 */
#ifndef LANDUN_SHEET_WRITE_H
#define LANDUN_SHEET_WRITE_H

#include "base/err.h"

/* An export in progress. Opaque; freed by sheet_writer_close or sheet_writer_abort. */
struct sheet_writer;

/* Start writing the spreadsheet `path`, whose extension (.xlsx or .csv, any case) picks the
 * format. XLSX: one sheet, every cell a text cell (ID numbers and codes keep all their digits),
 * the first row bold, frozen and with an autofilter, column widths estimated from the content
 * (CJK counted double). CSV: UTF-8 with a BOM (so Excel shows Chinese correctly), CRLF line
 * ends, RFC 4180 quoting; a cell that Excel would run as a formula (starting with = + - @ and
 * not a plain number) is prefixed with an apostrophe. Returns the writer, or NULL with e
 * filled (ERR_INVALID for another extension, ERR_INTERNAL when the file cannot be created). */
struct sheet_writer *sheet_writer_open(const char *path, struct err *e);

/* Append a row of n cells (NULL cells are empty); the first row written is the header. Text
 * is written as UTF-8: control characters other than tab and line breaks are dropped and
 * invalid UTF-8 bytes become U+FFFD. Returns 0, or a negative enum err_code with e filled
 * (ERR_TOOLARGE past Excel's 1,048,576 rows or 16,384 columns, ERR_INVALID for a cell over
 * Excel's 32,767 characters, ERR_INTERNAL on a write failure); after a failure the export can
 * only be closed, which then discards it. */
int sheet_writer_row(struct sheet_writer *w, int n, const char *const *cells, struct err *e);

/* Finish the file, move it to its name and free w. Returns 0, or a negative enum err_code with
 * e filled (nothing is left at path then; an earlier row failure is reported again). */
int sheet_writer_close(struct sheet_writer *w, struct err *e);

/* Give up the export: discard the temporary file and free w (NULL is ignored). */
void sheet_writer_abort(struct sheet_writer *w);

#endif
