/* csv.c — the CSV reader (UTF-8 or GB18030/GBK, RFC 4180) and the CSV field writer.
 *
 * Reading happens in two steps: decode the whole file to UTF-8 (checking the encoding first, so
 * an error can name the line), then split it into records and fields and hand each record to
 * the shared row assembly of sheet.c, which enforces the limits and calls the callback.
 */
#include "base/csv.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The decoded text of a CSV file. */
struct csv_text {
    const char *p; /* UTF-8 text without BOM: points into the input or at owned */
    size_t n;      /* its length in bytes */
    char *owned;   /* heap copy when the input was converted; NULL otherwise; freed by caller */
};

/* How a field ended. */
enum csv_term {
    CSV_COMMA, /* a comma: more fields follow in this record */
    CSV_LINE,  /* a line break: the record is complete */
    CSV_EOF,   /* the end of the text: the record and the file are complete */
};

/* The state of the record and field splitter. */
struct csv_parser {
    const char *p;          /* decoded text */
    size_t n;               /* its length */
    size_t i;               /* read position */
    int line;               /* 1-based physical line at position i */
    enum csv_term term;     /* how the field just read ended */
    struct buf field;       /* the field just read, unquoted */
    struct sheet_rows rows; /* row assembly, limits and callback */
};

/* ---- Encoding ---- */

/* The 1-based line holding byte off of p (CRLF, LF and CR each end one line). */
static int line_at(const char *p, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++) {
        if (p[i] == '\n' || (p[i] == '\r' && (i + 1 >= off || p[i + 1] != '\n'))) line++;
    }
    return line > INT_MAX ? INT_MAX : (int)line;
}

/* Scan p[0..n) as UTF-8: the offset of the first invalid byte (n when valid), and counts of
 * valid multi-byte sequences and of invalid bytes, to tell broken UTF-8 from GBK. */
static size_t utf8_scan(const char *p, size_t n, size_t *multi, size_t *bad)
{
    size_t first = n;
    *multi = *bad = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = sheet_utf8_seq(p + i, n - i);
        if (k) {
            (*multi)++;
            i += k;
            continue;
        }
        if (first == n) first = i;
        (*bad)++;
        i++;
    }
    return first;
}

/* The error for text that is neither UTF-8 nor GBK at byte off of p. */
static int bad_encoding(const char *p, size_t off, struct err *e)
{
    return err_set(e, ERR_INVALID, "第%d行不是有效的UTF-8或GBK编码，请另存为“CSV UTF-8”后再导入",
                   line_at(p, off));
}

/* Convert p[0..n) from GB18030 into a new heap string in t (t->owned). Returns 0 or fills e
 * naming the line of the first byte that is not GB18030. */
static int from_gb18030(const char *p, size_t n, struct csv_text *t, struct err *e)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return err_set(e, ERR_INTERNAL, "系统不支持GBK编码转换");
    size_t cap = n + n / 2 + 16, used = 0;
    char *out = xmalloc(cap);
    char *in = (char *)p;
    size_t inleft = n;
    int rc = 0;
    while (inleft > 0) {
        char *o = out + used;
        size_t oleft = cap - used - 1;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        used = (size_t)(o - out);
        if (r != (size_t)-1) break;
        if (errno != E2BIG) {
            rc = bad_encoding(p, (size_t)(in - p), e);
            goto out;
        }
        cap *= 2;
        out = xrealloc(out, cap);
    }
    out[used] = 0;
    t->owned = out;
    t->p = out;
    t->n = used;
    out = NULL;
out:
    free(out);
    iconv_close(cd);
    return rc;
}

/* Decode the file data[0..len) into t: UTF-8 when valid (BOM dropped), otherwise GB18030. A
 * file that is mostly valid UTF-8 with a few broken bytes, or that carries a UTF-8 BOM, is
 * reported as broken rather than misread as GBK. Returns 0 or fills e. */
static int csv_decode(const char *data, size_t len, struct csv_text *t, struct err *e)
{
    memset(t, 0, sizeof *t);
    if (len >= 2 &&
        ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF')))
        return err_set(e, ERR_INVALID,
                       "文件是UTF-16编码（Excel的“Unicode文本”），"
                       "请另存为“CSV UTF-8（逗号分隔）”后再导入");
    bool bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    const char *p = bom ? data + 3 : data;
    size_t n = bom ? len - 3 : len;
    size_t multi, bad, first = utf8_scan(p, n, &multi, &bad);
    if (first == n) {
        t->p = p;
        t->n = n;
        return 0;
    }
    if (bom || multi > 4 * bad) return bad_encoding(p, first, e);
    int rc = from_gb18030(p, n, t, e);
    if (rc) return rc;
    if (t->n >= 3 && memcmp(t->p, "\xEF\xBB\xBF", 3) == 0) {
        t->p += 3; /* a GB18030 byte-order mark, now U+FEFF */
        t->n -= 3;
    }
    return 0;
}

/* ---- Splitting records and fields ---- */

/* Step over the line break at c->i (CRLF counts once). Fails past INT_MAX lines. */
static int csv_newline(struct csv_parser *c, struct err *e)
{
    if (c->p[c->i] == '\r' && c->i + 1 < c->n && c->p[c->i + 1] == '\n') c->i++;
    c->i++;
    if (c->line == INT_MAX) return err_set(e, ERR_TOOLARGE, "文件行数过多");
    c->line++;
    return 0;
}

/* Read the quoted part of a field starting at the opening quote at c->i into c->field. Doubled
 * quotes become one; line breaks inside become "\n". Fails when the quote is never closed. */
static int csv_quoted(struct csv_parser *c, struct err *e)
{
    int qline = c->line;
    c->i++;
    while (c->i < c->n) {
        char ch = c->p[c->i];
        if (ch == '"') {
            if (c->i + 1 < c->n && c->p[c->i + 1] == '"') {
                buf_addc(&c->field, '"');
                c->i += 2;
                continue;
            }
            c->i++;
            return 0;
        }
        if (ch == '\r' || ch == '\n') {
            int rc = csv_newline(c, e);
            if (rc) return rc;
            buf_addc(&c->field, '\n');
            continue;
        }
        size_t start = c->i;
        while (c->i < c->n && c->p[c->i] != '"' && c->p[c->i] != '\r' && c->p[c->i] != '\n')
            c->i++;
        buf_add(&c->field, c->p + start, c->i - start);
    }
    return err_set(e, ERR_INVALID,
                   "第%d行的引号没有闭合：从这里开始的带引号内容直到文件末尾都没有结束引号", qline);
}

/* Read one field at c->i into c->field and set c->term. Text after a closing quote (`"a"b`)
 * is kept, as Excel does; a quote inside an unquoted field is an ordinary character. */
static int csv_field(struct csv_parser *c, struct err *e)
{
    buf_reset(&c->field);
    if (c->i < c->n && c->p[c->i] == '"') {
        int rc = csv_quoted(c, e);
        if (rc) return rc;
    }
    while (c->i < c->n) {
        char ch = c->p[c->i];
        if (ch == ',') {
            c->i++;
            c->term = CSV_COMMA;
            return 0;
        }
        if (ch == '\r' || ch == '\n') {
            c->term = CSV_LINE;
            return csv_newline(c, e);
        }
        size_t start = c->i;
        while (c->i < c->n && c->p[c->i] != ',' && c->p[c->i] != '\r' && c->p[c->i] != '\n')
            c->i++;
        buf_add(&c->field, c->p + start, c->i - start);
    }
    c->term = CSV_EOF;
    return 0;
}

/* Split the whole text into records, delivering each through c->rows. */
static int csv_parse(struct csv_parser *c, struct err *e)
{
    size_t col = 0;
    int record_line = c->line;
    for (;;) {
        int rc = csv_field(c, e);
        if (!rc) rc = sheet_rows_cell(&c->rows, record_line, col, c->field.p, c->field.len, e);
        if (rc) return rc;
        if (c->term == CSV_COMMA) {
            col++;
            continue;
        }
        rc = sheet_rows_end(&c->rows, record_line, e);
        if (rc || c->term == CSV_EOF) return rc;
        col = 0;
        record_line = c->line;
    }
}

/* Check the size, decode to UTF-8, then split into rows (see csv.h). Frees its buffers. */
int csv_read_lim(const char *data, size_t len, const struct sheet_limits *lim, sheet_row_fn fn,
                 void *ctx, struct err *e)
{
    struct sheet_limits l = sheet_limits_fill(lim);
    if (len > l.max_bytes)
        return err_set(e, ERR_TOOLARGE, "文件过大（超过%zu MB）", l.max_bytes >> 20);
    struct csv_text t;
    int rc = csv_decode(data, len, &t, e);
    if (rc) return rc;
    struct csv_parser c = {.p = t.p, .n = t.n, .line = 1};
    sheet_rows_init(&c.rows, &l, fn, ctx);
    rc = csv_parse(&c, e);
    sheet_rows_free(&c.rows);
    buf_free(&c.field);
    free(t.owned);
    return rc;
}

/* csv_read_lim with the default limits. */
int csv_read(const char *data, size_t len, sheet_row_fn fn, void *ctx, struct err *e)
{
    return csv_read_lim(data, len, NULL, fn, ctx, e);
}

/* ---- Writing ---- */

/* True when s must be quoted to survive a CSV round trip. */
static bool csv_needs_quotes(const char *s)
{
    size_t n = strlen(s);
    if (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')) return true;
    return strpbrk(s, ",\"\r\n") != NULL;
}

/* Append s as one RFC 4180 field, quoted when needed (see csv.h). */
void csv_write_cell(struct buf *out, const char *s)
{
    if (!csv_needs_quotes(s)) {
        buf_adds(out, s);
        return;
    }
    buf_addc(out, '"');
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        buf_add(out, s, (size_t)(q - s) + 1);
        buf_addc(out, '"');
    }
    buf_adds(out, s);
    buf_addc(out, '"');
}
