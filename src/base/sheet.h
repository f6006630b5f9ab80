/* sheet.h — reading spreadsheets (CSV and XLSX) row by row, the interface both readers share.
 *
 * Registries of regulated entities and officers arrive as spreadsheets: CSV saved by Chinese
 * Excel/WPS (often GBK) or XLSX. A reader turns the file into rows of UTF-8 cell strings and hands
 * them one at a time to a callback, so the importer can check each row and report the row number
 * the user sees in Excel. Readers enforce struct sheet_limits against hostile input.
 */
#ifndef LANDUN_SHEET_H
#define LANDUN_SHEET_H

#include "base/buf.h"
#include "base/err.h"
#include "base/util.h"

/* Called once per non-empty row. row is the 1-based row number the user sees (the Excel row, or
 * the CSV line on which the record starts); cells[0..ncells) are NUL-terminated valid UTF-8
 * strings without NUL, "" for an empty cell; trailing empty cells are omitted, so ncells >= 1.
 * The strings are valid only during the call. Return 0 to go on; any other value stops the
 * reader, which returns that value (fill e before returning a negative enum err_code). */
typedef int (*sheet_row_fn)(void *ctx, int row, int ncells, const char *const *cells,
                            struct err *e);

/* Limits against hostile or mistaken files. A field left 0 takes its default; max_cols is
 * capped at SHEET_MAX_COLS. */
struct sheet_limits {
    size_t max_bytes; /* largest file, and for XLSX the most uncompressed bytes read in total */
    size_t max_rows;  /* most non-empty rows delivered */
    size_t max_cols;  /* most columns; a non-empty cell beyond this is an error */
    size_t max_cell;  /* most bytes (UTF-8) in one cell */
};

#define SHEET_DEFAULT_MAX_BYTES ((size_t)200 * 1024 * 1024)
#define SHEET_DEFAULT_MAX_ROWS  ((size_t)2000000)
#define SHEET_DEFAULT_MAX_COLS  ((size_t)256)
#define SHEET_DEFAULT_MAX_CELL  ((size_t)32 * 1024)
#define SHEET_MAX_COLS          ((size_t)65536)

/* The default limits: 200 MB, 2,000,000 rows, 256 columns, 32 KiB per cell. */
struct sheet_limits sheet_limits_default(void);

/* Read a spreadsheet held in data[0..len) with the default limits, calling fn for each row.
 * The format is chosen by content (zip magic → XLSX) and by filename (may be NULL): ".xlsx"
 * must be a zip, ".csv"/".txt"/no extension is CSV, old binary .xls/.et files and HTML saved as
 * .xls are refused with a message telling the user how to re-save. Returns 0 when every row was
 * delivered, the callback's non-zero value when it stopped, or a negative enum err_code with e
 * filled (Chinese message naming the row and column where possible). Allocates nothing that
 * outlives the call. */
int sheet_read(const char *data, size_t len, const char *filename, sheet_row_fn fn, void *ctx,
               struct err *e);
/* As sheet_read with explicit limits (NULL → defaults). */
int sheet_read_lim(const char *data, size_t len, const char *filename,
                   const struct sheet_limits *lim, sheet_row_fn fn, void *ctx, struct err *e);

/* ---- Shared by the readers (csv.c, xlsx.c); other code has no need of what follows. ---- */

/* Assembles one row from cells given by column, enforces the limits and calls the callback.
 * Zero-initialise, then sheet_rows_init; free with sheet_rows_free. */
struct sheet_rows {
    struct sheet_limits lim; /* limits in force (defaults filled in) */
    sheet_row_fn fn;         /* the caller's row callback */
    void *ctx;               /* its context */
    struct buf text;         /* the current row's non-empty cells, each NUL-terminated */
    size_t *off;             /* per column: offset of its text in text, or SIZE_MAX if empty */
    const char **cells;      /* the pointer array handed to fn */
    size_t cap;              /* entries allocated in off and cells */
    size_t ncells;           /* 1 + the last column holding a non-empty cell; 0 if none */
    size_t nrows;            /* rows delivered so far */
};

/* Prepare r to deliver rows to fn(ctx, …) under lim (NULL → defaults). */
void sheet_rows_init(struct sheet_rows *r, const struct sheet_limits *lim, sheet_row_fn fn,
                     void *ctx);
/* Set cell col (0-based) of the row numbered row to s[0..n) (copied; need not be terminated).
 * Empty cells need not be set. A later value for the same column replaces the earlier one.
 * Checks the column and cell-size limits, UTF-8 validity and NUL; returns 0 or a negative
 * enum err_code with e filled. */
int sheet_rows_cell(struct sheet_rows *r, int row, size_t col, const char *s, size_t n,
                    struct err *e);
/* End the row numbered row: call the callback unless the row is empty, then start a new row.
 * Returns 0, the callback's non-zero value, or ERR_TOOLARGE past max_rows. */
int sheet_rows_end(struct sheet_rows *r, int row, struct err *e);
/* Free what r holds; r can be initialised again afterwards. */
void sheet_rows_free(struct sheet_rows *r);

/* The limits with zero fields replaced by the defaults. */
struct sheet_limits sheet_limits_fill(const struct sheet_limits *lim);
/* Length (1–4) of the valid UTF-8 sequence starting at s[0..n), or 0 when it is not valid
 * (overlong, surrogate, beyond U+10FFFF, truncated, or a NUL byte). n must be >= 1. */
size_t sheet_utf8_seq(const char *s, size_t n);
/* Write the Excel column name of the 0-based column col ("A", "Z", "AA", …) into out. */
void sheet_col_name(size_t col, char out[16]);

#endif
