/* xlsx_stream.c — a workbook of one sheet of text cells written a row at a time
 * (docs/xlsx_stream.h): the sheet's XML goes to a temporary file (inline strings, so nothing is
 * kept per row), and at the end libzip deflates it at level 1 beside the workbook's fixed parts.
 * Level 1 makes a file a third larger than the default level in half the time. */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#endif
#include "docs/xlsx_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "base/buf.h"
#include "base/util.h"

#define ROWS_MAX  1048576 /* Excel's rows */
#define COLS_MAX  16384   /* and columns */
#define CELL_MAX  32767   /* characters (UTF-16 units) in a cell */
#define COL_WIDTH 20      /* every column's width, in characters */

/* A workbook being written (opaque). */
struct xlsx_stream {
    char *path;      /* the workbook's name */
    char *sheet;     /* the temporary file of the sheet's XML */
    FILE *fp;        /* open on it */
    struct buf line; /* one row's XML */
    int rows;        /* rows written */
    int cols;        /* the widest row's cells */
};

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "</Types>";

static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";

static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/></Relationships>";

/* Styles: 0 the default, 1 bold text (the header), 2 text (format 49, "@"). */
static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"等线\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
    "</cellStyleXfs><cellXfs count=\"3\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" "
    "applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyNumberFormat=\"1\"/></cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

/* The sheet's opening: the header frozen, every column text of one width. */
static const char sheet_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
    "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>";

/* The letters of column i (0-based): A … Z, AA … */
static void col_name(int i, char out[4])
{
    char tmp[4];
    int n = 0;
    for (i++; i > 0 && n < 3; i = (i - 1) / 26)
        tmp[n++] = (char)('A' + (i - 1) % 26);
    for (int k = 0; k < n; k++)
        out[k] = tmp[n - 1 - k];
    out[n] = 0;
}

/* Append s as the text of a cell: XML escaped, control characters dropped, "_xHHHH_" written so
 * that Excel shows it as it is. Returns its length in UTF-16 units. */
static size_t add_text(struct buf *b, const char *s)
{
    size_t units = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '&' && *p != '<' && *p != '>' && *p != '_')
            units += (*p & 0xC0) != 0x80 ? 1 + (*p >= 0xF0) : 0, p++;
        buf_add(b, run, (size_t)(p - run));
        if (!*p) break;
        if (*p == '&')
            buf_adds(b, "&amp;");
        else if (*p == '<')
            buf_adds(b, "&lt;");
        else if (*p == '>')
            buf_adds(b, "&gt;");
        else if (*p == '_')
            buf_adds(b, p[1] == 'x' && strspn((const char *)p + 2, "0123456789abcdefABCDEF") >= 4 &&
                                p[6] == '_'
                            ? "_x005F_"
                            : "_");
        else if (*p == '\t' || *p == '\n')
            buf_addc(b, (char)*p);
        else
            continue; /* another control character */
        units++;
    }
    return units;
}

/* Whether s begins or ends with white space, which XML would drop unless told to keep it. */
static bool edge_space(const char *s)
{
    size_t n = strlen(s);
    return strchr(" \t\n", s[0]) || strchr(" \t\n", s[n - 1]);
}

struct xlsx_stream *xlsx_stream_open(const char *path, struct err *e)
{
    struct xlsx_stream *x = xcalloc(1, sizeof *x);
    x->path = xstrdup(path);
    struct buf name = {0};
    buf_addf(&name, "%s.sheet.XXXXXX", path);
    x->sheet = buf_steal(&name);
    int fd = mkstemp(x->sheet);
    x->fp = fd < 0 ? NULL : fdopen(fd, "wb");
    if (!x->fp) {
        if (fd >= 0) close(fd);
        err_set(e, ERR_INTERNAL, "无法创建导出文件（目录不存在或没有写权限）");
        xlsx_stream_abort(x);
        return NULL;
    }
    setvbuf(x->fp, NULL, _IOFBF, 1 << 20);
    fprintf(x->fp,
            "%s<cols><col min=\"1\" max=\"%d\" width=\"%d\" style=\"2\" customWidth=\"1\"/>"
            "</cols><sheetData>",
            sheet_head, COLS_MAX, COL_WIDTH);
    return x;
}

int xlsx_stream_row(struct xlsx_stream *x, int n, const char *const *cells, struct err *e)
{
    if (x->rows >= ROWS_MAX)
        return err_set(e, ERR_TOOLARGE, "导出超过了Excel最多%d行的限制", ROWS_MAX);
    if (n > COLS_MAX) return err_set(e, ERR_TOOLARGE, "导出超过了Excel最多%d列的限制", COLS_MAX);
    int row = ++x->rows;
    buf_reset(&x->line);
    buf_addf(&x->line, "<row r=\"%d\">", row);
    for (int i = 0, next = 0; i < n; i++) {
        if (!cells[i] || !*cells[i]) continue;
        char col[4];
        col_name(i, col);
        /* a cell's place is written only after an empty one: else it is the next column */
        buf_adds(&x->line, "<c");
        if (i != next) buf_addf(&x->line, " r=\"%s%d\"", col, row);
        buf_addf(&x->line, " s=\"%d\" t=\"inlineStr\"><is><t%s>", row == 1 ? 1 : 2,
                 edge_space(cells[i]) ? " xml:space=\"preserve\"" : "");
        next = i + 1;
        if (add_text(&x->line, cells[i]) > CELL_MAX)
            return err_set(e, ERR_INVALID, "第%d行%s列的内容超过了Excel单元格最多%d个字符的限制",
                           row, col, CELL_MAX);
        buf_adds(&x->line, "</t></is></c>");
    }
    buf_adds(&x->line, "</row>");
    if (n > x->cols) x->cols = n;
    if (fwrite(x->line.p, 1, x->line.len, x->fp) != x->line.len)
        return err_set(e, ERR_INTERNAL, "写入导出文件失败");
    return 0;
}

/* Add a part of data to the archive, deflated at level 1; false on failure. */
static bool add_part(zip_t *z, const char *name, zip_source_t *src)
{
    zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
        zip_source_free(src);
        return false;
    }
    return zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 1) == 0;
}

/* Write the archive at tmp: the fixed parts and the sheet. */
static int write_zip(struct xlsx_stream *x, const char *tmp, struct err *e)
{
    int ze = 0;
    zip_t *z = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!z) return err_set(e, ERR_INTERNAL, "无法创建Excel文件");
    static const struct {
        const char *name, *text;
    } parts[] = {{"[Content_Types].xml", content_types},
                 {"_rels/.rels", root_rels},
                 {"xl/workbook.xml", workbook},
                 {"xl/_rels/workbook.xml.rels", workbook_rels},
                 {"xl/styles.xml", styles}};
    bool ok = true;
    for (size_t i = 0; ok && i < countof(parts); i++)
        ok = add_part(z, parts[i].name,
                      zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0));
    ok = ok && add_part(z, "xl/worksheets/sheet1.xml", zip_source_file(z, x->sheet, 0, -1));
    if (!ok || zip_close(z) != 0) {
        zip_discard(z);
        unlink(tmp);
        return err_set(e, ERR_INTERNAL, "写入Excel文件失败");
    }
    return 0;
}

int xlsx_stream_close(struct xlsx_stream *x, struct err *e)
{
    fputs("</sheetData></worksheet>", x->fp);
    bool bad = ferror(x->fp) != 0;
    bad |= fclose(x->fp) != 0;
    x->fp = NULL;
    int rc = bad ? err_set(e, ERR_INTERNAL, "写入导出文件失败") : 0;
    struct buf tmp = {0};
    buf_addf(&tmp, "%s.zip", x->sheet);
    if (!rc) rc = write_zip(x, buf_str(&tmp), e);
    if (!rc && rename(buf_str(&tmp), x->path) != 0) {
        unlink(buf_str(&tmp));
        rc = err_set(e, ERR_INTERNAL, "无法保存导出文件");
    }
    buf_free(&tmp);
    xlsx_stream_abort(x);
    return rc;
}

void xlsx_stream_abort(struct xlsx_stream *x)
{
    if (!x) return;
    if (x->fp) fclose(x->fp);
    if (x->sheet) unlink(x->sheet);
    free(x->sheet);
    free(x->path);
    buf_free(&x->line);
    free(x);
}
