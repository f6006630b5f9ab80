/* csv.h — reading and writing CSV as exported by Chinese Excel/WPS (RFC 4180, UTF-8 or GBK). */
#ifndef LANDUN_CSV_H
#define LANDUN_CSV_H

#include "base/buf.h"
#include "base/err.h"
#include "base/sheet.h"

/* Read the CSV text data[0..len) with the default limits, calling fn for each non-empty record
 * (see sheet_row_fn; row is the line on which the record starts). Comma-separated, RFC 4180
 * quoting (quoted fields may hold commas, doubled quotes and line breaks), CRLF/LF/CR line ends,
 * UTF-8 BOM stripped. Valid UTF-8 is taken as UTF-8, anything else is converted from GB18030 (a
 * superset of GBK). Returns 0, the callback's non-zero value, or a negative enum err_code with e
 * filled ("第N行…"). Allocates nothing that outlives the call. */
int csv_read(const char *data, size_t len, sheet_row_fn fn, void *ctx, struct err *e);
/* As csv_read with explicit limits (NULL → defaults). */
int csv_read_lim(const char *data, size_t len, const struct sheet_limits *lim, sheet_row_fn fn,
                 void *ctx, struct err *e);

/* Append the cell s to out as one CSV field: quoted (with quotes doubled) when it holds a
 * comma, a quote, CR or LF, or starts or ends with a space or tab; as is otherwise. Appends no
 * separator. */
void csv_write_cell(struct buf *out, const char *s);

#endif
