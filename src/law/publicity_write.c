/* publicity_write.c — the 双公示 export's files (publicity_export.h): the rows of publicity_each
 * written as XLSX (docs/xlsx_stream.h), CSV in UTF-8 or GBK, or JSON, one row at a time. */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#endif
#include "law/publicity_export.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/money.h"
#include "base/util.h"
#include "docs/xlsx_stream.h"
#include "law/audit.h"
#include "law/publicity.h"

#define EXTRA_COLS 2 /* 公示状态, 状态说明 after the kind's fields */
#define MAX_COLS   40

static const struct {
    const char *name, *ext, *type;
} formats[] = {
    [PUBLICITY_XLSX] = {"xlsx", "xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    [PUBLICITY_CSV] = {"csv", "csv", "text/csv; charset=utf-8"},
    [PUBLICITY_CSV_GBK] = {"csv-gbk", "csv", "text/csv; charset=gbk"},
    [PUBLICITY_JSON] = {"json", "json", "application/json; charset=utf-8"},
};

int publicity_format_parse(const char *name, enum publicity_format *f)
{
    for (size_t i = 0; name && i < countof(formats); i++)
        if (strcmp(formats[i].name, name) == 0) {
            *f = (enum publicity_format)i;
            return 0;
        }
    return -1;
}

const char *publicity_format_ext(enum publicity_format f)
{
    return formats[f].ext;
}

const char *publicity_format_type(enum publicity_format f)
{
    return formats[f].type;
}

/* An export being written. */
struct writer {
    enum publicity_format fmt;
    const struct publicity_field *fields; /* the kind's columns */
    size_t nfields;
    struct xlsx_stream *sheet; /* XLSX */
    FILE *fp;                  /* CSV, JSON: the temporary file */
    char *tmp;                 /* its name */
    iconv_t gbk;               /* CSV in GBK: UTF-8 → GBK */
    struct buf line;           /* one CSV line or JSON row */
    struct buf conv;           /* the line in GBK */
    struct publicity_export_stats *st;
};

/* ---- Cells ---- */

const char *publicity_cell(const struct publicity_field *f, json_t *data, char *out, size_t n)
{
    json_t *v = json_object_get(data, f->key);
    if (f->type == PF_WAN) {
        int64_t fen;
        if (json_is_integer(v))
            fen = json_integer_value(v);
        else if (!json_is_string(v) || parse_i64(json_string_value(v), &fen))
            return "";
        return money_wan_exact(fen, out, n);
    }
    const char *s = json_string_value(v);
    if (!s) return "";
    if (f->type == PF_DATE && strlen(s) > 10) return memcpy(out, s, 10), out[10] = 0, out;
    return s;
}

/* The row's cells: the fields, then status and note. Texts live in bufs (MAX_COLS × 32). */
static int row_cells(const struct writer *w, const struct publicity_row *row, const char **cells,
                     char (*bufs)[32])
{
    for (size_t i = 0; i < w->nfields; i++)
        cells[i] = publicity_cell(&w->fields[i], row->data, bufs[i], sizeof bufs[i]);
    cells[w->nfields] = row->status;
    cells[w->nfields + 1] = row->note;
    return (int)w->nfields + EXTRA_COLS;
}

/* ---- CSV ---- */

/* Append line in GBK to conv: a character GBK lacks becomes '?' and is counted. */
static void to_gbk(struct writer *w)
{
    buf_reset(&w->conv);
    char *in = w->line.p;
    size_t left = w->line.len;
    buf_grow(&w->conv, left + 16);
    while (left > 0) {
        char *out = w->conv.p + w->conv.len;
        size_t room = w->conv.cap - w->conv.len - 1, before = room;
        size_t r = iconv(w->gbk, &in, &left, &out, &room);
        w->conv.len += before - room;
        if (r != (size_t)-1) break;
        if (errno == E2BIG) {
            buf_grow(&w->conv, w->conv.cap);
            continue;
        }
        /* no GBK form (or a broken sequence): one '?' for the whole UTF-8 character */
        unsigned char c = (unsigned char)*in;
        size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        k = k > left ? left : k;
        in += k, left -= k;
        buf_addc(&w->conv, '?');
        w->st->replaced++;
    }
}

/* Write one CSV line of n cells (CRLF), in GBK when asked. */
static int csv_line(struct writer *w, int n, const char *const *cells, struct err *e)
{
    buf_reset(&w->line);
    for (int i = 0; i < n; i++) {
        if (i) buf_addc(&w->line, ',');
        csv_write_cell(&w->line, cells[i] ? cells[i] : "");
    }
    buf_add(&w->line, "\r\n", 2);
    const struct buf *b = &w->line;
    if (w->fmt == PUBLICITY_CSV_GBK) {
        to_gbk(w);
        b = &w->conv;
    }
    if (fwrite(b->p, 1, b->len, w->fp) != b->len)
        return err_set(e, ERR_INTERNAL, "写入导出文件失败");
    return 0;
}

/* ---- JSON ---- */

/* The opening of the document: the kind and its fields. */
static int json_head(struct writer *w, const char *kind, const struct publicity_filter *f,
                     struct err *e)
{
    json_t *fields = json_array();
    static const char *const types[] = {[PF_TEXT] = "text", [PF_DATE] = "date", [PF_WAN] = "wan"};
    for (size_t i = 0; i < w->nfields; i++)
        json_array_append_new(fields,
                              json_pack("{ss ss ss}", "key", w->fields[i].key, "label",
                                        w->fields[i].label, "type", types[w->fields[i].type]));
    json_array_append_new(
        fields, json_pack("{ss ss ss}", "key", "status", "label", "公示状态", "type", "text"));
    json_array_append_new(
        fields, json_pack("{ss ss ss}", "key", "status_note", "label", "状态说明", "type", "text"));
    json_t *head =
        json_pack("{ss ss ss? ss? so}", "kind", kind, "label", publicity_kind_label(kind), "since",
                  f->since, "agency", f->agency, "fields", fields);
    char *s = json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(head);
    size_t len = strlen(s);
    /* the head without its closing brace, then the rows */
    bool ok = fwrite(s, 1, len - 1, w->fp) == len - 1 && fputs(",\"rows\":[\n", w->fp) >= 0;
    free(s);
    return ok ? 0 : err_set(e, ERR_INTERNAL, "写入导出文件失败");
}

/* Append s to b as a JSON string (quoted; quotes, backslashes and control characters escaped):
 * a row is written without building it in jansson, which took most of the format's time. */
static void json_str(struct buf *b, const char *s)
{
    buf_addc(b, '"');
    for (const char *p = s;; p++) {
        const char *run = p;
        while ((unsigned char)*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        buf_add(b, run, (size_t)(p - run));
        if (!*p) break;
        if (*p == '"' || *p == '\\')
            buf_addc(b, '\\'), buf_addc(b, *p);
        else if (*p == '\n')
            buf_adds(b, "\\n");
        else if (*p == '\r')
            buf_adds(b, "\\r");
        else if (*p == '\t')
            buf_adds(b, "\\t");
        else
            buf_addf(b, "\\u%04x", (unsigned char)*p);
    }
    buf_addc(b, '"');
}

/* One row: an object of the field keys, status and status_note, every value text. */
static int json_row(struct writer *w, int n, const char *const *cells, struct err *e)
{
    buf_reset(&w->line);
    buf_adds(&w->line, w->st->rows ? ",\n{" : "{");
    for (int i = 0; i < n; i++) {
        json_str(&w->line, (size_t)i < w->nfields ? w->fields[i].key
                           : i == n - 2           ? "status"
                                                  : "status_note");
        buf_addc(&w->line, ':');
        json_str(&w->line, cells[i] ? cells[i] : "");
        buf_addc(&w->line, i + 1 < n ? ',' : '}');
    }
    if (fwrite(w->line.p, 1, w->line.len, w->fp) != w->line.len)
        return err_set(e, ERR_INTERNAL, "写入导出文件失败");
    return 0;
}

/* ---- The writer ---- */

/* Write one row (publicity_row_fn). */
static int write_row(void *arg, const struct publicity_row *row, struct err *e)
{
    struct writer *w = arg;
    const char *cells[MAX_COLS];
    char bufs[MAX_COLS][32];
    int n = row_cells(w, row, cells, bufs), rc;
    if (w->fmt == PUBLICITY_XLSX)
        rc = xlsx_stream_row(w->sheet, n, cells, e);
    else if (w->fmt == PUBLICITY_JSON)
        rc = json_row(w, n, cells, e);
    else
        rc = csv_line(w, n, cells, e);
    if (!rc) w->st->rows++;
    return rc;
}

/* The header row: the labels, then 公示状态 and 状态说明 (JSON: the document's head). */
static int write_head(struct writer *w, const char *kind, const struct publicity_filter *f,
                      struct err *e)
{
    if (w->fmt == PUBLICITY_JSON) return json_head(w, kind, f, e);
    const char *cells[MAX_COLS];
    for (size_t i = 0; i < w->nfields; i++)
        cells[i] = w->fields[i].label;
    cells[w->nfields] = "公示状态";
    cells[w->nfields + 1] = "状态说明";
    int n = (int)w->nfields + EXTRA_COLS;
    if (w->fmt == PUBLICITY_XLSX) return xlsx_stream_row(w->sheet, n, cells, e);
    if (w->fmt == PUBLICITY_CSV && fwrite("\xEF\xBB\xBF", 1, 3, w->fp) != 3)
        return err_set(e, ERR_INTERNAL, "写入导出文件失败");
    return csv_line(w, n, cells, e);
}

/* Start the file: XLSX through xlsx_stream, the others in a temporary file beside path. */
static int writer_open(struct writer *w, struct arena *a, const char *path, struct err *e)
{
    if (w->fmt == PUBLICITY_XLSX) {
        w->tmp = xstrdup(arena_printf(a, "%s.part", path));
        w->sheet = xlsx_stream_open(w->tmp, e);
        return w->sheet ? 0 : e->code ? e->code : ERR_INTERNAL;
    }
    if (w->fmt == PUBLICITY_CSV_GBK) {
        w->gbk = iconv_open("GBK", "UTF-8");
        if (w->gbk == (iconv_t)-1) return err_set(e, ERR_INTERNAL, "系统不支持GBK编码转换");
    }
    w->tmp = xstrdup(arena_printf(a, "%s.XXXXXX", path));
    int fd = mkstemp(w->tmp);
    if (fd < 0) {
        free(w->tmp);
        w->tmp = NULL;
        return err_set(e, ERR_INTERNAL, "无法创建导出文件（目录不存在或没有写权限）");
    }
    w->fp = fdopen(fd, "wb");
    if (!w->fp) {
        close(fd);
        return err_set(e, ERR_INTERNAL, "无法创建导出文件");
    }
    setvbuf(w->fp, NULL, _IOFBF, 1 << 20);
    return 0;
}

/* Finish the file and move it to path. */
static int writer_close(struct writer *w, const char *path, struct err *e)
{
    int rc = 0;
    if (w->sheet) {
        rc = xlsx_stream_close(w->sheet, e);
        w->sheet = NULL;
    } else {
        if (w->fmt == PUBLICITY_JSON)
            fprintf(w->fp, "\n],\"count\":%lld}\n", (long long)w->st->rows);
        bool bad = ferror(w->fp) != 0;
        bad |= fclose(w->fp) != 0;
        w->fp = NULL;
        if (bad) rc = err_set(e, ERR_INTERNAL, "写入导出文件失败");
    }
    if (!rc && rename(w->tmp, path) != 0) rc = err_set(e, ERR_INTERNAL, "无法保存导出文件");
    return rc;
}

/* Free what w holds, discarding an unfinished file. */
static void writer_free(struct writer *w)
{
    xlsx_stream_abort(w->sheet);
    if (w->fp) fclose(w->fp);
    if (w->tmp) unlink(w->tmp); /* after a rename: no longer there */
    free(w->tmp);
    if (w->gbk && w->gbk != (iconv_t)-1) iconv_close(w->gbk);
    buf_free(&w->line);
    buf_free(&w->conv);
}

/* [R-PUB-33] The audit row of an export: who exported which kind, since when, of which agency,
 * in which format, how many rows. */
static int audit_export(struct ctx *c, const struct publicity_filter *f, enum publicity_format fmt,
                        const struct publicity_export_stats *st, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = audit_write(c, "publicity.export", "publicity_item", 0,
                     "导出双公示数据：%s，%s%s%s%s%s，%lld 条", publicity_kind_label(f->kind),
                     formats[fmt].name, str_blank(f->since) ? "" : "，自 ",
                     str_blank(f->since) ? "" : f->since, str_blank(f->agency) ? "" : "，机构 ",
                     str_blank(f->agency) ? "" : f->agency, (long long)st->rows);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int publicity_export(struct ctx *c, const struct publicity_filter *f, enum publicity_format fmt,
                     const char *path, bool audit, struct publicity_export_stats *st, struct err *e)
{
    *st = (struct publicity_export_stats){0};
    struct publicity_filter all = *f;
    all.limit = 0, all.after = NULL, all.newest_first = false;
    struct writer w = {.fmt = fmt, .st = st};
    w.fields = publicity_fields(f->kind, &w.nfields);
    /* check the filter first: a refused one leaves no file */
    int rc = publicity_each(c, &all, true, NULL, NULL, e);
    if (rc) return rc;
    if (w.nfields + EXTRA_COLS > MAX_COLS) return err_set(e, ERR_INTERNAL, "公示字段过多");
    rc = writer_open(&w, c->arena, path, e);
    if (!rc) rc = write_head(&w, f->kind, f, e);
    if (!rc) rc = publicity_each(c, &all, true, write_row, &w, e);
    if (!rc) rc = writer_close(&w, path, e);
    writer_free(&w);
    if (!rc && audit) rc = audit_export(c, f, fmt, st, e);
    return rc;
}
