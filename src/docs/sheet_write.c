/* sheet_write.c — spreadsheet export: XLSX through libxlsxwriter, CSV through csv_write_cell. */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#endif
#include "docs/sheet_write.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/sheet.h"

#define XLSX_CELL_MAX   32767 /* Excel's limit on characters (UTF-16 units) in a cell */
#define WIDTH_MIN       6     /* narrowest column, in character widths */
#define WIDTH_MAX       60    /* widest column; longer text still shows when the cell is widened */
#define WIDTH_PAD       2     /* room for the autofilter button and margins */
#define TEXT_NUM_FORMAT 49    /* Excel's built-in "@" (text) number format */

/* The file format being written. */
enum sheet_kind {
    SHEET_CSV,  /* comma-separated text */
    SHEET_XLSX, /* Excel workbook */
};

/* An export in progress (opaque to callers; see sheet_write.h). */
struct sheet_writer {
    enum sheet_kind kind; /* format, from the extension */
    char *path;           /* the file's final name */
    char *tmp;            /* the temporary file written, renamed to path on success */
    FILE *fp;             /* CSV: the open temporary file */
    lxw_workbook *wb;     /* XLSX: the workbook */
    lxw_worksheet *ws;    /* XLSX: its only worksheet */
    lxw_format *head;     /* XLSX: format of header cells (bold text) */
    lxw_format *text;     /* XLSX: format of data cells and columns (text) */
    struct buf cell;      /* scratch: one cleaned cell */
    struct buf line;      /* scratch: one CSV line, or an XLSX cell being escaped */
    int rows;             /* rows written so far */
    int header_cols;      /* cells in the header row */
    unsigned char *width; /* XLSX: display width per column, capped at WIDTH_MAX */
    int width_cap;        /* entries allocated in width */
    int ncols;            /* columns holding any text so far */
    bool failed;          /* a row failed: the export is discarded on close */
};

/* ---- Cell text ---- */

/* Copy s into out as clean UTF-8: invalid bytes become U+FFFD, control characters other than
 * tab and line breaks are dropped, CRLF and CR become LF. Returns the length in UTF-16 units,
 * the measure of Excel's cell limit. */
static size_t clean_text(const char *s, struct buf *out)
{
    size_t units = 0, n = strlen(s);
    buf_reset(out);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = sheet_utf8_seq(s + i, n - i);
        if (!k) {
            buf_add(out, "\xEF\xBF\xBD", 3);
            units++;
            i++;
        } else if (c == '\r') {
            if (i + 1 >= n || s[i + 1] != '\n') {
                buf_addc(out, '\n');
                units++;
            }
            i++;
        } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            i++;
        } else {
            buf_add(out, s + i, k);
            units += k == 4 ? 2 : 1;
            i += k;
        }
    }
    return units;
}

/* Protect text in b that Excel would read as an _xHHHH_ escape by writing its underscore as
 * _x005F_ ("_x0041_" → "_x005F_x0041_"), so the cell shows what was written. */
static void escape_ooxml(struct buf *b, struct buf *tmp)
{
    const char *p = buf_str(b);
    if (!strstr(p, "_x")) return;
    buf_reset(tmp);
    for (size_t i = 0; i < b->len; i++) {
        bool esc = b->len - i >= 7 && p[i] == '_' && p[i + 1] == 'x' && p[i + 6] == '_' &&
                   strspn(p + i + 2, "0123456789abcdefABCDEF") >= 4;
        if (esc)
            buf_adds(tmp, "_x005F_");
        else
            buf_addc(tmp, p[i]);
    }
    buf_reset(b);
    buf_add(b, tmp->p, tmp->len);
}

/* True when code point cp takes two columns (CJK, Hangul, full-width forms, emoji). */
static bool wide_cp(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Display width of the widest line of the valid UTF-8 string s, stopping at WIDTH_MAX. */
static int text_width(const char *s)
{
    int best = 0, cur = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && best < WIDTH_MAX) {
        unsigned cp = *p;
        int k = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (k > 1) cp &= 0x3F >> (k - 1);
        for (int i = 1; i < k; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        p += k;
        if (cp == '\n') {
            cur = 0;
            continue;
        }
        cur += wide_cp(cp) ? 2 : 1;
        if (cur > best) best = cur;
    }
    return best > WIDTH_MAX ? WIDTH_MAX : best;
}

/* True when Excel would take s as a formula: it starts with = + - @, is longer than that one
 * character (a lone "-" is a common placeholder) and is not a plain number such as "-12.5". */
static bool formula_like(const char *s)
{
    if (!s[0] || !s[1] || !strchr("=+-@", s[0])) return false;
    const char *p = s + (s[0] == '+' || s[0] == '-');
    size_t digits = strspn(p, "0123456789");
    if (!digits) return true;
    p += digits;
    if (*p == '.' && p[1]) p += 1 + strspn(p + 1, "0123456789");
    return *p != 0;
}

/* ---- XLSX ---- */

/* Open the XLSX workbook on w->tmp with a frozen, bold header and text cells. */
static int xlsx_open(struct sheet_writer *w, struct err *e)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    w->wb = workbook_new_opt(w->tmp, &opt);
    if (!w->wb) return err_set(e, ERR_INTERNAL, "无法创建Excel文件");
    w->ws = workbook_add_worksheet(w->wb, NULL);
    w->head = workbook_add_format(w->wb);
    w->text = workbook_add_format(w->wb);
    if (!w->ws || !w->head || !w->text) return err_set(e, ERR_INTERNAL, "无法创建Excel文件");
    format_set_bold(w->head);
    format_set_num_format_index(w->head, TEXT_NUM_FORMAT);
    format_set_num_format_index(w->text, TEXT_NUM_FORMAT);
    worksheet_freeze_panes(w->ws, 1, 0);
    return 0;
}

/* Widen column col to fit text s. */
static void xlsx_measure(struct sheet_writer *w, int col, const char *s)
{
    if (col >= w->width_cap) {
        int n = w->width_cap ? w->width_cap : 16;
        while (n <= col)
            n *= 2;
        w->width = xrealloc(w->width, (size_t)n);
        memset(w->width + w->width_cap, 0, (size_t)(n - w->width_cap));
        w->width_cap = n;
    }
    if (col >= w->ncols) w->ncols = col + 1;
    int width = text_width(s);
    if (width > w->width[col]) w->width[col] = (unsigned char)width;
}

/* The error for cell col of the row being written being over Excel's limit. */
static int cell_too_long(const struct sheet_writer *w, int col, struct err *e)
{
    char name[16];
    sheet_col_name((size_t)col, name);
    return err_set(e, ERR_INVALID, "第%d行%s列的内容超过了Excel单元格最多%d个字符的限制",
                   w->rows + 1, name, XLSX_CELL_MAX);
}

/* Write one row of the workbook. */
static int xlsx_row(struct sheet_writer *w, int n, const char *const *cells, struct err *e)
{
    if (w->rows >= LXW_ROW_MAX)
        return err_set(e, ERR_TOOLARGE, "导出超过了Excel最多%d行的限制", LXW_ROW_MAX);
    if (n > LXW_COL_MAX)
        return err_set(e, ERR_TOOLARGE, "导出超过了Excel最多%d列的限制", LXW_COL_MAX);
    lxw_format *fmt = w->rows == 0 ? w->head : w->text;
    for (int i = 0; i < n; i++) {
        size_t units = clean_text(cells[i] ? cells[i] : "", &w->cell);
        if (!w->cell.len) continue;
        if (units > XLSX_CELL_MAX) return cell_too_long(w, i, e);
        xlsx_measure(w, i, w->cell.p);
        escape_ooxml(&w->cell, &w->line);
        lxw_error le =
            worksheet_write_string(w->ws, (lxw_row_t)w->rows, (lxw_col_t)i, w->cell.p, fmt);
        if (le == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) return cell_too_long(w, i, e);
        if (le) return err_set(e, ERR_INTERNAL, "写入Excel文件失败（%s）", lxw_strerror(le));
    }
    return 0;
}

/* Set column widths and the autofilter, then write the workbook out (freeing it). */
static int xlsx_finish(struct sheet_writer *w, struct err *e)
{
    for (int c = 0; c < w->ncols; c++) {
        int width = w->width[c] < WIDTH_MIN ? WIDTH_MIN : w->width[c];
        worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width + WIDTH_PAD, w->text);
    }
    if (w->header_cols > 0 && w->rows > 0)
        worksheet_autofilter(w->ws, 0, 0, (lxw_row_t)(w->rows - 1),
                             (lxw_col_t)(w->header_cols - 1));
    lxw_error le = workbook_close(w->wb);
    w->wb = NULL;
    if (le) return err_set(e, ERR_INTERNAL, "写入Excel文件失败（%s）", lxw_strerror(le));
    return 0;
}

/* ---- CSV ---- */

/* Open the CSV temporary file on fd and write the UTF-8 BOM. */
static int csv_open(struct sheet_writer *w, int fd, struct err *e)
{
    w->fp = fdopen(fd, "wb");
    if (!w->fp) {
        close(fd);
        return err_set(e, ERR_INTERNAL, "无法创建导出文件");
    }
    if (fwrite("\xEF\xBB\xBF", 1, 3, w->fp) != 3)
        return err_set(e, ERR_INTERNAL, "写入导出文件失败");
    return 0;
}

/* Write one CSV line, CRLF-terminated. */
static int csv_row(struct sheet_writer *w, int n, const char *const *cells, struct err *e)
{
    buf_reset(&w->line);
    for (int i = 0; i < n; i++) {
        clean_text(cells[i] ? cells[i] : "", &w->cell);
        if (i) buf_addc(&w->line, ',');
        if (formula_like(buf_str(&w->cell))) buf_addc(&w->line, '\'');
        csv_write_cell(&w->line, buf_str(&w->cell));
    }
    buf_add(&w->line, "\r\n", 2);
    if (fwrite(w->line.p, 1, w->line.len, w->fp) != w->line.len)
        return err_set(e, ERR_INTERNAL, "写入导出文件失败");
    return 0;
}

/* Flush and close the CSV file. */
static int csv_finish(struct sheet_writer *w, struct err *e)
{
    int bad = ferror(w->fp);
    bad |= fclose(w->fp);
    w->fp = NULL;
    return bad ? err_set(e, ERR_INTERNAL, "写入导出文件失败") : 0;
}

/* ---- The writer ---- */

/* Free w and everything it holds, discarding the temporary file if it is still there. */
static void writer_free(struct sheet_writer *w)
{
    if (w->fp) fclose(w->fp);
    if (w->wb) lxw_workbook_free(w->wb);
    if (w->tmp) unlink(w->tmp);
    free(w->tmp);
    free(w->path);
    free(w->width);
    buf_free(&w->cell);
    buf_free(&w->line);
    free(w);
}

/* The format named by path's extension; false when it is neither .xlsx nor .csv. */
static bool kind_of(const char *path, enum sheet_kind *kind)
{
    size_t n = strlen(path);
    if (n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0)
        *kind = SHEET_XLSX;
    else if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
        *kind = SHEET_CSV;
    else
        return false;
    return true;
}

/* Check the extension, create the temporary file beside path, start the format. */
struct sheet_writer *sheet_writer_open(const char *path, struct err *e)
{
    enum sheet_kind kind;
    if (!path || !kind_of(path, &kind)) {
        err_set(e, ERR_INVALID, "导出文件名必须以.xlsx或.csv结尾");
        return NULL;
    }
    struct sheet_writer *w = xcalloc(1, sizeof *w);
    w->kind = kind;
    w->path = xstrdup(path);
    struct buf tmp = {0};
    buf_addf(&tmp, "%s.XXXXXX", path);
    w->tmp = buf_steal(&tmp);
    int fd = mkstemp(w->tmp), rc;
    if (fd < 0) {
        free(w->tmp);
        w->tmp = NULL;
        rc = err_set(e, ERR_INTERNAL, "无法创建导出文件（目录不存在或没有写权限）");
    } else if (kind == SHEET_CSV) {
        rc = csv_open(w, fd, e);
    } else {
        close(fd);
        rc = xlsx_open(w, e);
    }
    if (!rc) return w;
    writer_free(w);
    return NULL;
}

/* Write one row in the chosen format; a failure marks the export as failed. */
int sheet_writer_row(struct sheet_writer *w, int n, const char *const *cells, struct err *e)
{
    if (w->failed) return err_set(e, ERR_INTERNAL, "导出已经失败，不能继续写入");
    if (n < 0 || (n > 0 && !cells)) n = 0;
    if (w->rows == INT_MAX) return err_set(e, ERR_TOOLARGE, "导出的行数过多");
    int rc = w->kind == SHEET_XLSX ? xlsx_row(w, n, cells, e) : csv_row(w, n, cells, e);
    if (rc) {
        w->failed = true;
        return rc;
    }
    if (w->rows == 0) w->header_cols = n;
    w->rows++;
    return 0;
}

/* Finish, rename into place, free; on any failure discard the temporary file. */
int sheet_writer_close(struct sheet_writer *w, struct err *e)
{
    int rc;
    if (w->failed) {
        rc = e && e->code ? e->code : err_set(e, ERR_INTERNAL, "导出未完成，文件没有保存");
        goto out;
    }
    rc = w->kind == SHEET_XLSX ? xlsx_finish(w, e) : csv_finish(w, e);
    if (rc) goto out;
    if (rename(w->tmp, w->path) != 0) {
        rc = err_set(e, ERR_INTERNAL, "无法保存导出文件");
        goto out;
    }
    free(w->tmp);
    w->tmp = NULL;
out:
    writer_free(w);
    return rc;
}

/* Discard and free without writing anything out. */
void sheet_writer_abort(struct sheet_writer *w)
{
    if (w) writer_free(w);
}
