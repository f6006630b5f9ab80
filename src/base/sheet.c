/* sheet.c — choosing the reader for a spreadsheet, and the row assembly both readers share. */
#include "base/sheet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/csv.h"
#include "base/xlsx.h"

/* The first bytes of an OLE compound file: binary .xls, WPS .et, or a password-protected .xlsx. */
static const char CFB_MAGIC[8] = {'\xD0', '\xCF', '\x11', '\xE0', '\xA1', '\xB1', '\x1A', '\xE1'};

/* The default limits (see sheet.h). */
struct sheet_limits sheet_limits_default(void)
{
    struct sheet_limits lim = {
        .max_bytes = SHEET_DEFAULT_MAX_BYTES,
        .max_rows = SHEET_DEFAULT_MAX_ROWS,
        .max_cols = SHEET_DEFAULT_MAX_COLS,
        .max_cell = SHEET_DEFAULT_MAX_CELL,
    };
    return lim;
}

/* lim with zero fields replaced by defaults and max_cols capped; NULL gives the defaults. */
struct sheet_limits sheet_limits_fill(const struct sheet_limits *lim)
{
    struct sheet_limits d = sheet_limits_default();
    if (!lim) return d;
    struct sheet_limits l = *lim;
    if (!l.max_bytes) l.max_bytes = d.max_bytes;
    if (!l.max_rows) l.max_rows = d.max_rows;
    if (!l.max_cols) l.max_cols = d.max_cols;
    if (!l.max_cell) l.max_cell = d.max_cell;
    if (l.max_cols > SHEET_MAX_COLS) l.max_cols = SHEET_MAX_COLS;
    return l;
}

/* Length of the valid UTF-8 sequence at str, or 0 (see sheet.h). */
size_t sheet_utf8_seq(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    if (c < 0x80) return c ? 1 : 0;
    size_t len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Excel column letters of the 0-based col: bijective base 26. */
void sheet_col_name(size_t col, char out[16])
{
    char tmp[16];
    int n = 0;
    size_t v = col + 1;
    while (v > 0 && n < 15) {
        tmp[n++] = (char)('A' + (v - 1) % 26);
        v = (v - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
}

/* ---- Row assembly ---- */

/* Reset r for a new file; nothing is allocated until the first cell. */
void sheet_rows_init(struct sheet_rows *r, const struct sheet_limits *lim, sheet_row_fn fn,
                     void *ctx)
{
    memset(r, 0, sizeof *r);
    r->lim = sheet_limits_fill(lim);
    r->fn = fn;
    r->ctx = ctx;
}

/* Make room for column col in r->off and r->cells (col < max_cols, checked by the caller). */
static void rows_reserve(struct sheet_rows *r, size_t col)
{
    if (col < r->cap) return;
    size_t cap = r->cap ? r->cap : 16;
    while (cap <= col)
        cap *= 2;
    if (cap > r->lim.max_cols) cap = r->lim.max_cols;
    r->off = xrealloc(r->off, cap * sizeof *r->off);
    r->cells = xrealloc(r->cells, cap * sizeof *r->cells);
    for (size_t i = r->cap; i < cap; i++)
        r->off[i] = SIZE_MAX;
    r->cap = cap;
}

/* Check that s[0..n) is valid UTF-8 without NUL; fill e naming the cell otherwise. */
static int rows_check_text(int row, size_t col, const char *s, size_t n, struct err *e)
{
    char name[16];
    for (size_t i = 0; i < n;) {
        size_t k = sheet_utf8_seq(s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        sheet_col_name(col, name);
        if (s[i] == 0)
            return err_set(e, ERR_INVALID, "第%d行%s列含有空字符（NUL），文件可能不是文本格式", row,
                           name);
        return err_set(e, ERR_INVALID, "第%d行%s列含有无效的字符编码", row, name);
    }
    return 0;
}

/* Store one non-empty cell of the current row after checking it (see sheet.h). */
int sheet_rows_cell(struct sheet_rows *r, int row, size_t col, const char *s, size_t n,
                    struct err *e)
{
    if (n == 0) return 0;
    char name[16];
    if (col >= r->lim.max_cols) {
        sheet_col_name(col, name);
        return err_set(e, ERR_INVALID, "第%d行%s列超出了最多%zu列的限制", row, name,
                       r->lim.max_cols);
    }
    if (n > r->lim.max_cell) {
        sheet_col_name(col, name);
        return err_set(e, ERR_INVALID, "第%d行%s列的内容过长（超过%zu字节）", row, name,
                       r->lim.max_cell);
    }
    int rc = rows_check_text(row, col, s, n, e);
    if (rc) return rc;
    rows_reserve(r, col);
    r->off[col] = r->text.len;
    buf_add(&r->text, s, n);
    buf_addc(&r->text, 0);
    if (col + 1 > r->ncells) r->ncells = col + 1;
    return 0;
}

/* Forget the current row's cells. */
static void rows_clear(struct sheet_rows *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        r->off[i] = SIZE_MAX;
    r->ncells = 0;
    r->text.len = 0;
}

/* Deliver the current row unless it is empty, then clear it (see sheet.h). */
int sheet_rows_end(struct sheet_rows *r, int row, struct err *e)
{
    if (r->ncells == 0) return 0;
    if (r->nrows >= r->lim.max_rows) {
        rows_clear(r);
        return err_set(e, ERR_TOOLARGE, "表格超过了最多%zu行的限制（第%d行）", r->lim.max_rows,
                       row);
    }
    for (size_t i = 0; i < r->ncells; i++)
        r->cells[i] = r->off[i] == SIZE_MAX ? "" : r->text.p + r->off[i];
    r->nrows++;
    int rc = r->fn(r->ctx, row, (int)r->ncells, r->cells, e);
    rows_clear(r);
    return rc;
}

/* Free the row buffers held by r. */
void sheet_rows_free(struct sheet_rows *r)
{
    buf_free(&r->text);
    free(r->off);
    free(r->cells);
    r->off = NULL;
    r->cells = NULL;
    r->cap = r->ncells = 0;
}

/* ---- Choosing the reader ---- */

/* True when filename ends in ext (".csv"), ignoring case. */
static bool has_ext(const char *filename, const char *ext)
{
    if (!filename) return false;
    size_t n = strlen(filename), k = strlen(ext);
    return n > k && strcasecmp(filename + n - k, ext) == 0;
}

/* True when filename has no extension after its last path separator. */
static bool no_ext(const char *filename)
{
    if (!filename) return true;
    const char *base = filename;
    for (const char *p = filename; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    return strchr(base, '.') == NULL;
}

/* True when the data starts (after a BOM and white space) like an HTML or XML document, as
 * many systems' "Excel export" really is. */
static bool looks_markup(const char *data, size_t len)
{
    static const char *const starts[] = {"<html", "<!doctype", "<?xml", "<table", "<meta", "<head"};
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    for (size_t k = 0; k < countof(starts); k++) {
        size_t n = strlen(starts[k]);
        if (len - i >= n && strncasecmp(data + i, starts[k], n) == 0) return true;
    }
    return false;
}

/* True when data is a zip archive (local file header, or the end record of an empty zip). */
static bool is_zip(const char *data, size_t len)
{
    return len >= 4 && (memcmp(data, "PK\x03\x04", 4) == 0 || memcmp(data, "PK\x05\x06", 4) == 0);
}

/* Pick the reader by content, then by filename, and run it (see sheet.h). */
int sheet_read_lim(const char *data, size_t len, const char *filename,
                   const struct sheet_limits *lim, sheet_row_fn fn, void *ctx, struct err *e)
{
    if (is_zip(data, len)) return xlsx_read_lim(data, len, lim, fn, ctx, e);
    if (len >= sizeof CFB_MAGIC && memcmp(data, CFB_MAGIC, sizeof CFB_MAGIC) == 0)
        return err_set(e, ERR_INVALID,
                       "文件是旧版Excel（.xls）或WPS表格（.et）格式，或者设置了打开密码；"
                       "请取消密码并另存为.xlsx或CSV文件后再导入");
    if (looks_markup(data, len))
        return err_set(e, ERR_INVALID,
                       "文件是网页（HTML）或XML格式，不是表格文件；"
                       "请用Excel打开后另存为.xlsx或CSV文件再导入");
    if (has_ext(filename, ".xlsx") || has_ext(filename, ".xlsm"))
        return err_set(e, ERR_INVALID, "不是有效的Excel（.xlsx）文件，文件可能已损坏或扩展名有误");
    if (has_ext(filename, ".csv") || has_ext(filename, ".txt") || no_ext(filename))
        return csv_read_lim(data, len, lim, fn, ctx, e);
    return err_set(e, ERR_INVALID, "不支持的文件类型，请上传Excel（.xlsx）或CSV（.csv）文件");
}

/* sheet_read_lim with the default limits. */
int sheet_read(const char *data, size_t len, const char *filename, sheet_row_fn fn, void *ctx,
               struct err *e)
{
    return sheet_read_lim(data, len, filename, NULL, fn, ctx, e);
}
