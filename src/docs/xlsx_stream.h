/* xlsx_stream.h — a large export as an Excel workbook (.xlsx) in constant memory and little time:
 * one sheet of text cells, the first row bold and frozen, written a row at a time to a temporary
 * file and put into the zip at the fastest deflate level. For exports of hundreds of thousands of
 * rows (the 双公示 data, law/publicity_write.c); docs/sheet_write.h, with its measured column
 * widths and autofilter, remains the writer of the registries.
 *
 * The file appears under its name only when xlsx_stream_close succeeds. */
#ifndef LANDUN_XLSX_STREAM_H
#define LANDUN_XLSX_STREAM_H

#include "base/err.h"

/* A workbook being written. Opaque; freed by xlsx_stream_close or xlsx_stream_abort. */
struct xlsx_stream;

/* Start the workbook path; NULL with e filled when its temporary file cannot be made. */
struct xlsx_stream *xlsx_stream_open(const char *path, struct err *e);
/* Append a row of n text cells (NULL or "" cells are left empty; at most 16,384); the first row
 * is the header. Control characters other than tab and line feed are dropped. ERR_INVALID for a
 * cell over Excel's 32,767 characters, ERR_TOOLARGE past its 1,048,576 rows. */
int xlsx_stream_row(struct xlsx_stream *x, int n, const char *const *cells, struct err *e);
/* Finish the workbook, move it to its name and free x; on failure nothing is left at path. */
int xlsx_stream_close(struct xlsx_stream *x, struct err *e);
/* Discard the workbook and free x (NULL is ignored). */
void xlsx_stream_abort(struct xlsx_stream *x);

#endif
