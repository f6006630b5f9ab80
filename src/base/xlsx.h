/* xlsx.h — reading the first worksheet of an Excel .xlsx file (libzip + expat). */
#ifndef LANDUN_XLSX_H
#define LANDUN_XLSX_H

#include "base/err.h"
#include "base/sheet.h"

/* Read the first visible worksheet of the .xlsx file data[0..len) with the default limits,
 * calling fn for each non-empty row (see sheet_row_fn; row is the Excel row number).
 *
 * Cell text: shared and inline strings (rich-text runs joined, phonetic runs dropped, _xHHHH_
 * escapes decoded); formula results as cached; booleans as TRUE/FALSE; error values as "".
 * Numbers keep the decimal digits written in the file but are shown in plain notation without
 * trailing zeros: "320412.0" → "320412", "1.2345678901234567E17" → "123456789012345670",
 * "2.5E-3" → "0.0025" (no rounding; very large or small exponents are left as written).
 * Numbers with a date format (built-in formats 14–17 and 22, the Chinese built-in date formats,
 * or a custom format using y, d, or m without h/s) become "YYYY-MM-DD", time of day dropped,
 * honouring the 1904 date system.
 *
 * Returns 0, the callback's non-zero value, or a negative enum err_code with e filled:
 * ERR_INVALID for a corrupt, encrypted or non-xlsx file, ERR_TOOLARGE past the limits (the
 * uncompressed parts read count towards max_bytes, which defeats zip bombs). Allocates nothing
 * that outlives the call. */
int xlsx_read(const char *data, size_t len, sheet_row_fn fn, void *ctx, struct err *e);
/* As xlsx_read with explicit limits (NULL → defaults). */
int xlsx_read_lim(const char *data, size_t len, const struct sheet_limits *lim, sheet_row_fn fn,
                  void *ctx, struct err *e);

/* Most shared strings accepted in one workbook. */
#define XLSX_MAX_SHARED_STRINGS ((size_t)8000000)
/* Most sheets, relationships and cell formats accepted in one workbook. */
#define XLSX_MAX_SHEETS  4096
#define XLSX_MAX_RELS    16384
#define XLSX_MAX_XFS     65536
#define XLSX_MAX_NUMFMTS 4096
/* Deepest XML element nesting accepted in any part. */
#define XLSX_MAX_DEPTH 64

#endif
