/* xlsx.c — the .xlsx reader: libzip over the caller's buffer, expat over each XML part.
 *
 * The path through a workbook: _rels/.rels names the workbook part; the workbook's own rels
 * name its sheets, shared strings and styles; the workbook lists the sheets in tab order, and
 * the first visible worksheet is read. Styles tell which cell formats show dates; shared strings
 * are loaded into memory; the worksheet is streamed, a row at a time, into the shared row
 * assembly of sheet.c.
 *
 * Against hostile files: every uncompressed byte read counts against lim.max_bytes (zip bombs),
 * declared sizes are checked before reading, DTDs are refused (entity expansion, external
 * entities), element nesting is capped, and so are the numbers of sheets, relationships,
 * formats and shared strings. Cell, column and row limits are applied by sheet_rows.
 */
#include "base/xlsx.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XLSX_CHUNK   (256 * 1024) /* bytes decompressed and parsed per step */
#define XLSX_MAX_ROW 1048576      /* Excel's last row */
#define XLSX_MAX_COL 16384        /* Excel's last column (XFD) */

/* The workbook being read: the archive, what its parts told us, and the byte budget. */
struct xlsx {
    zip_t *zip;              /* the archive, reading the caller's buffer */
    struct sheet_limits lim; /* limits in force */
    size_t budget;           /* uncompressed bytes that may still be read */
    struct err *e;           /* where errors go */
    char *wb_part;           /* workbook part name, e.g. "xl/workbook.xml" */
    char *sheet_part;        /* the worksheet to read */
    char *sst_part;          /* shared strings part */
    char *styles_part;       /* styles part */
    bool date1904;           /* the 1904 date system: serial 0 is 1904-01-01 */
    struct buf sst_text;     /* shared strings, each NUL-terminated */
    size_t *sst_off;         /* offset of each shared string in sst_text */
    size_t nsst;             /* shared strings stored */
    size_t sst_cap;          /* entries allocated in sst_off */
    unsigned char *xf_date;  /* per cell format (index into cellXfs): 1 when it shows a date */
    size_t nxf;              /* entries in xf_date */
};

/* ---- XML parsing of one part ---- */

/* What every part parser shares; each parser's struct embeds this first. */
struct xml_ctx {
    XML_Parser p;     /* the parser delivering events */
    struct err *e;    /* where handler errors go */
    const char *what; /* the part in Chinese, for messages ("工作表") */
    int rc;           /* non-zero once a handler failed or the row callback stopped */
    bool done;        /* a handler stopped the parser because it has all it needs */
    int depth;        /* depth of the current element (root = 1) */
    /* the parser's own handlers, given local names (namespace stripped) */
    void (*start)(struct xml_ctx *c, const char *name, const char **atts);
    void (*end)(struct xml_ctx *c, const char *name);
    void (*text)(struct xml_ctx *c, const char *s, size_t n);
};

/* Stop parsing with result rc (an error code already in c->e, or the callback's value). */
static void xml_stop(struct xml_ctx *c, int rc)
{
    if (!c->rc) c->rc = rc;
    XML_StopParser(c->p, XML_FALSE);
}

/* Stop parsing because the handlers have all they need. */
static void xml_finish(struct xml_ctx *c)
{
    c->done = true;
    XML_StopParser(c->p, XML_FALSE);
}

/* Stop parsing with "corrupt file" and detail. */
static void xml_corrupt(struct xml_ctx *c, const char *detail)
{
    xml_stop(c, err_set(c->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：%s%s", c->what, detail));
}

/* The local part of an expat namespace-qualified name ("uri local" → "local"). */
static const char *local_name(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp ? sp + 1 : name;
}

/* The value of the attribute with local name `name`, or NULL. */
static const char *attr(const char **atts, const char *name)
{
    for (; atts && atts[0]; atts += 2)
        if (strcmp(local_name(atts[0]), name) == 0) return atts[1];
    return NULL;
}

/* expat start-element handler: track depth, refuse deep nesting, pass the local name on. */
static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml_ctx *c = ud;
    if (c->rc || c->done) return;
    if (++c->depth > XLSX_MAX_DEPTH) {
        xml_corrupt(c, "的XML嵌套过深");
        return;
    }
    if (c->start) c->start(c, local_name(name), atts);
}

/* expat end-element handler: pass the local name on, then leave the depth. */
static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    struct xml_ctx *c = ud;
    if (c->rc || c->done) return;
    if (c->end) c->end(c, local_name(name));
    c->depth--;
}

/* expat character-data handler: pass text on while parsing goes on. */
static void XMLCALL on_text(void *ud, const XML_Char *s, int n)
{
    struct xml_ctx *c = ud;
    if (c->rc || c->done || !c->text || n <= 0) return;
    c->text(c, s, (size_t)n);
}

/* OOXML parts never carry a DTD; refusing it shuts out entity expansion and external
 * entities. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    xml_corrupt(ud, "含有不允许的DTD声明");
}

/* A parser delivering events to c. Never NULL; the caller frees it with XML_ParserFree. */
static XML_Parser xml_new(struct xml_ctx *c)
{
    XML_Parser p = XML_ParserCreateNS(NULL, ' ');
    if (!p) fatal("out of memory (expat parser)");
    XML_SetUserData(p, c);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
#ifdef HAVE_XML_REPARSE_DEFERRAL
    /* The fix for CVE-2023-52425 (quadratic reparsing of large tokens fed in chunks), in Debian's
     * expat from 2.5.0-1+deb12u2 on; make sure it is on. An older expat lacks it, and the byte
     * budget (lim.max_bytes) is then what bounds the reparsing. */
    XML_SetReparseDeferralEnabled(p, XML_TRUE);
#endif
    c->p = p;
    return p;
}

/* The result of a parse that returned XML_STATUS_ERROR: the handlers' verdict, or a syntax
 * error. */
static int xml_result(struct xml_ctx *c)
{
    if (c->rc) return c->rc;
    if (c->done) return 0;
    return err_set(c->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：%s内容损坏（XML第%lu行：%s）",
                   c->what, (unsigned long)XML_GetCurrentLineNumber(c->p),
                   XML_ErrorString(XML_GetErrorCode(c->p)));
}

/* ---- Reading zip entries ---- */

/* The message for a zip error code met while opening or reading an entry. */
static int zip_failure(struct xlsx *x, int zerr)
{
    switch (zerr) {
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
        return err_set(x->e, ERR_INVALID, "Excel文件已加密，请取消密码保护后再导入");
    case ZIP_ER_COMPNOTSUPP:
        return err_set(x->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：使用了不支持的压缩方式");
    default:
        break;
    }
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    int rc = err_set(x->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：文件已损坏（%s）",
                     zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return rc;
}

/* The message for a file whose uncompressed parts exceed the budget. */
static int too_large(struct xlsx *x)
{
    return err_set(x->e, ERR_TOOLARGE, "Excel文件解压后超过了%zu MB的限制", x->lim.max_bytes >> 20);
}

/* Open entry idx for reading after checking encryption and declared size. */
static int entry_open(struct xlsx *x, zip_uint64_t idx, zip_file_t **zf)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(x->zip, idx, 0, &st) < 0)
        return zip_failure(x, zip_error_code_zip(zip_get_error(x->zip)));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return zip_failure(x, ZIP_ER_NOPASSWD);
    if ((st.valid & ZIP_STAT_SIZE) && st.size > x->budget) return too_large(x);
    *zf = zip_fopen_index(x->zip, idx, 0);
    if (!*zf) return zip_failure(x, zip_error_code_zip(zip_get_error(x->zip)));
    return 0;
}

/* Stream the entry through the parser of c, charging the budget. */
static int entry_parse(struct xlsx *x, zip_file_t *zf, struct xml_ctx *c)
{
    char *chunk = xmalloc(XLSX_CHUNK);
    int rc = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, XLSX_CHUNK);
        if (n < 0) {
            rc = zip_failure(x, zip_error_code_zip(zip_file_get_error(zf)));
            goto out;
        }
        if ((zip_uint64_t)n > x->budget) {
            rc = too_large(x);
            goto out;
        }
        x->budget -= (size_t)n;
        if (XML_Parse(c->p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
            rc = xml_result(c);
            goto out;
        }
        if (n == 0) break;
    }
out:
    free(chunk);
    return rc;
}

/* Parse the part named `part` with c; *found tells whether the package has it (nothing is
 * parsed when it does not). Returns 0, or a negative enum err_code with x->e filled, or the
 * row callback's non-zero value. */
static int part_parse(struct xlsx *x, const char *part, struct xml_ctx *c, bool *found)
{
    zip_int64_t idx = zip_name_locate(x->zip, part, ZIP_FL_NOCASE);
    *found = idx >= 0;
    if (idx < 0) return 0;
    zip_file_t *zf = NULL;
    c->e = x->e;
    int rc = entry_open(x, (zip_uint64_t)idx, &zf);
    if (rc) return rc;
    XML_Parser p = xml_new(c);
    rc = entry_parse(x, zf, c);
    XML_ParserFree(p);
    zip_fclose(zf);
    return rc;
}

/* ---- Part names and relationships ---- */

/* The part name that target names relative to the part `source` ("" for the package root),
 * with "." and ".." resolved. Returns a heap string (caller frees), or NULL when the target
 * leaves the package. */
static char *part_resolve(const char *source, const char *target)
{
    struct buf path = {0};
    const char *slash = strrchr(source, '/');
    if (target[0] != '/' && slash) buf_add(&path, source, (size_t)(slash - source) + 1);
    buf_adds(&path, target);
    char *in = buf_steal(&path), *out = xmalloc(strlen(in) + 1);
    size_t o = 0;
    for (const char *s = in; *s;) {
        size_t n = strcspn(s, "/");
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (o == 0) goto fail;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0) o--;
        } else if (n > 0 && !(n == 1 && s[0] == '.')) {
            if (o > 0) out[o++] = '/';
            memcpy(out + o, s, n);
            o += n;
        }
        s += n + (s[n] == '/');
    }
    out[o] = 0;
    free(in);
    if (o == 0) goto fail_out;
    return out;
fail:
    free(in);
fail_out:
    free(out);
    return NULL;
}

/* The name of the relationships part of `part` ("xl/workbook.xml" →
 * "xl/_rels/workbook.xml.rels"; "" → "_rels/.rels"). Heap string; caller frees. */
static char *rels_name(const char *part)
{
    struct buf b = {0};
    const char *slash = strrchr(part, '/');
    const char *base = slash ? slash + 1 : part;
    buf_add(&b, part, (size_t)(base - part));
    buf_addf(&b, "_rels/%s.rels", base);
    return buf_steal(&b);
}

/* One relationship of a part. */
struct rel {
    char *id;     /* Id attribute */
    char *type;   /* Type URI */
    char *target; /* Target, as written */
};

/* The relationships parser: collects internal relationships. */
struct rels_parse {
    struct xml_ctx c; /* shared parser state; first */
    struct rel *v;    /* relationships found */
    size_t n, cap;    /* used and allocated entries */
};

/* <Relationship>: keep Id, Type and Target of internal relationships. */
static void rels_start(struct xml_ctx *c, const char *name, const char **atts)
{
    struct rels_parse *r = (struct rels_parse *)c;
    if (c->depth != 2 || strcmp(name, "Relationship") != 0) return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type");
    const char *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0)) return;
    if (r->n >= XLSX_MAX_RELS) {
        xml_corrupt(c, "中的关系数量过多");
        return;
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n++] = (struct rel){xstrdup(id), xstrdup(type), xstrdup(target)};
}

/* Free the relationships collected in r. */
static void rels_free(struct rels_parse *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].type);
        free(r->v[i].target);
    }
    free(r->v);
}

/* Read the relationships of `part` into r (empty when the part has none). */
static int rels_read(struct xlsx *x, const char *part, struct rels_parse *r)
{
    memset(r, 0, sizeof *r);
    r->c.what = "关系定义";
    r->c.start = rels_start;
    char *name = rels_name(part);
    bool found;
    int rc = part_parse(x, name, &r->c, &found);
    free(name);
    return rc;
}

/* True when the relationship type URI ends in "/" + kind (transitional or strict schemas). */
static bool rel_is(const struct rel *rel, const char *kind)
{
    size_t n = strlen(rel->type), k = strlen(kind);
    return n > k && rel->type[n - k - 1] == '/' && strcmp(rel->type + n - k, kind) == 0;
}

/* The first relationship of kind in r, or NULL. */
static const struct rel *rel_find(const struct rels_parse *r, const char *kind)
{
    for (size_t i = 0; i < r->n; i++)
        if (rel_is(&r->v[i], kind)) return &r->v[i];
    return NULL;
}

/* The relationship with id in r, or NULL. */
static const struct rel *rel_by_id(const struct rels_parse *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0) return &r->v[i];
    return NULL;
}

/* Find the workbook part from the package relationships (default "xl/workbook.xml"). */
static int find_workbook(struct xlsx *x)
{
    struct rels_parse r;
    int rc = rels_read(x, "", &r);
    if (rc) goto out;
    const struct rel *doc = rel_find(&r, "officeDocument");
    x->wb_part = doc ? part_resolve("", doc->target) : xstrdup("xl/workbook.xml");
    if (!x->wb_part)
        rc = err_set(x->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：工作簿位置无效");
out:
    rels_free(&r);
    return rc;
}

/* ---- The workbook: sheets in tab order, date system ---- */

/* One sheet listed in the workbook. */
struct wb_sheet {
    char *rid;   /* its relationship id */
    bool hidden; /* state="hidden" or "veryHidden" */
};

/* The workbook parser. */
struct wb_parse {
    struct xml_ctx c;   /* shared parser state; first */
    struct wb_sheet *v; /* sheets in tab order */
    size_t n, cap;      /* used and allocated entries */
    bool in_sheets;     /* inside <sheets> (a child of the root) */
    bool date1904;      /* workbookPr date1904 */
};

/* <workbookPr> gives the date system; <sheet> in <sheets> lists a sheet in tab order. */
static void wb_start(struct xml_ctx *c, const char *name, const char **atts)
{
    struct wb_parse *w = (struct wb_parse *)c;
    if (c->depth == 2 && strcmp(name, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (c->depth == 2 && strcmp(name, "sheets") == 0) {
        w->in_sheets = true;
    } else if (c->depth == 3 && w->in_sheets && strcmp(name, "sheet") == 0) {
        const char *rid = attr(atts, "id"), *state = attr(atts, "state");
        if (!rid) return;
        if (w->n >= XLSX_MAX_SHEETS) {
            xml_corrupt(c, "中的工作表数量过多");
            return;
        }
        if (w->n == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 8;
            w->v = xrealloc(w->v, w->cap * sizeof *w->v);
        }
        w->v[w->n++] = (struct wb_sheet){xstrdup(rid), state && strcmp(state, "visible") != 0};
    }
}

/* </sheets> ends the sheet list. */
static void wb_end(struct xml_ctx *c, const char *name)
{
    struct wb_parse *w = (struct wb_parse *)c;
    if (c->depth == 2 && strcmp(name, "sheets") == 0) w->in_sheets = false;
}

/* The worksheet relationship of the first visible worksheet in w (or of the first worksheet
 * when all are hidden), or NULL when the workbook has no worksheet. */
static const struct rel *first_worksheet(const struct wb_parse *w, const struct rels_parse *r)
{
    const struct rel *any = NULL;
    for (size_t i = 0; i < w->n; i++) {
        const struct rel *rel = rel_by_id(r, w->v[i].rid);
        if (!rel || !rel_is(rel, "worksheet")) continue;
        if (!w->v[i].hidden) return rel;
        if (!any) any = rel;
    }
    return any;
}

/* Set x->sst_part and x->styles_part from the workbook relationships (falling back to the
 * usual names beside the workbook). */
static void find_parts(struct xlsx *x, const struct rels_parse *r)
{
    const struct rel *sst = rel_find(r, "sharedStrings"), *styles = rel_find(r, "styles");
    x->sst_part = part_resolve(x->wb_part, sst ? sst->target : "sharedStrings.xml");
    x->styles_part = part_resolve(x->wb_part, styles ? styles->target : "styles.xml");
}

/* Read the workbook and its relationships: the sheet to read, the shared strings and styles
 * parts, and the date system. */
static int read_workbook(struct xlsx *x)
{
    struct rels_parse r;
    struct wb_parse w = {.c = {.what = "工作簿", .start = wb_start, .end = wb_end}};
    bool found = false;
    int rc = rels_read(x, x->wb_part, &r);
    if (!rc) rc = part_parse(x, x->wb_part, &w.c, &found);
    if (!rc && !found) rc = err_set(x->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：缺少工作簿");
    if (rc) goto out;
    x->date1904 = w.date1904;
    const struct rel *sheet = first_worksheet(&w, &r);
    if (!sheet) {
        rc = err_set(x->e, ERR_INVALID, "Excel文件中没有工作表");
        goto out;
    }
    x->sheet_part = part_resolve(x->wb_part, sheet->target);
    if (!x->sheet_part) {
        rc = err_set(x->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：工作表位置无效");
        goto out;
    }
    find_parts(x, &r);
out:
    for (size_t i = 0; i < w.n; i++)
        free(w.v[i].rid);
    free(w.v);
    rels_free(&r);
    return rc;
}

/* ---- Styles: which cell formats show dates ---- */

/* A number format defined in the styles part. */
struct numfmt {
    unsigned id;  /* numFmtId */
    bool is_date; /* its format code shows a date */
};

/* The styles parser. */
struct styles_parse {
    struct xml_ctx c;   /* shared parser state; first */
    struct xlsx *x;     /* receives xf_date */
    struct numfmt *fmt; /* custom formats, in order */
    size_t nfmt;        /* entries in fmt (at most XLSX_MAX_NUMFMTS) */
    bool in_numfmts;    /* inside <numFmts> */
    bool in_cellxfs;    /* inside <cellXfs> */
};

/* Parse the unsigned decimal s (digits only, value <= max) into *out. */
static bool parse_uint(const char *s, size_t max, size_t *out)
{
    size_t v = 0;
    if (!s || !*s) return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return false;
        v = v * 10 + (size_t)(*s - '0');
        if (v > max) return false;
    }
    *out = v;
    return true;
}

/* True when the format code shows a date: it uses y or d, or m without h or s, outside quoted
 * text, escapes, fill/space characters and [bracketed] sections. */
static bool format_is_date(const char *code)
{
    bool date = false, month = false, time = false;
    for (const char *s = code; *s; s++) {
        switch (*s) {
        case '"':
            while (s[1] && s[1] != '"')
                s++;
            if (s[1]) s++;
            break;
        case '\\':
        case '_':
        case '*':
            if (s[1]) s++;
            break;
        case '[':
            while (s[1] && s[1] != ']')
                s++;
            break;
        case 'y':
        case 'Y':
        case 'd':
        case 'D':
            date = true;
            break;
        case 'm':
        case 'M':
            month = true;
            break;
        case 'h':
        case 'H':
        case 's':
        case 'S':
            time = true;
            break;
        default:
            break;
        }
    }
    return date || (month && !time);
}

/* True when the built-in number format id shows a date (times of day alone excluded):
 * 14–17 and 22, and the Chinese-locale date formats 27–31, 36, 50–54, 57, 58. */
static bool builtin_is_date(size_t id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
           (id >= 50 && id <= 54) || id == 57 || id == 58;
}

/* True when number format id shows a date, looking at custom definitions first. */
static bool numfmt_is_date(const struct styles_parse *s, size_t id)
{
    for (size_t i = s->nfmt; i-- > 0;)
        if (s->fmt[i].id == id) return s->fmt[i].is_date;
    return builtin_is_date(id);
}

/* Record one <numFmt> definition. */
static void styles_numfmt(struct styles_parse *s, const char **atts)
{
    size_t id;
    const char *code = attr(atts, "formatCode");
    if (!code || !parse_uint(attr(atts, "numFmtId"), 0xFFFFFFFFu, &id)) return;
    if (s->nfmt >= XLSX_MAX_NUMFMTS) return;
    if (!s->fmt) s->fmt = xmalloc(XLSX_MAX_NUMFMTS * sizeof *s->fmt);
    s->fmt[s->nfmt++] = (struct numfmt){(unsigned)id, format_is_date(code)};
}

/* Record one cell format (<xf> in <cellXfs>); formats beyond XLSX_MAX_XFS are not dates. */
static void styles_xf(struct styles_parse *s, const char **atts)
{
    struct xlsx *x = s->x;
    size_t id = 0;
    if (x->nxf >= XLSX_MAX_XFS) return;
    if (!x->xf_date) x->xf_date = xcalloc(XLSX_MAX_XFS, 1);
    parse_uint(attr(atts, "numFmtId"), 0xFFFFFFFFu, &id);
    x->xf_date[x->nxf++] = numfmt_is_date(s, id);
}

/* <numFmts>/<numFmt> and <cellXfs>/<xf> at their usual depths; all else is ignored. */
static void styles_start(struct xml_ctx *c, const char *name, const char **atts)
{
    struct styles_parse *s = (struct styles_parse *)c;
    if (c->depth == 2 && strcmp(name, "numFmts") == 0)
        s->in_numfmts = true;
    else if (c->depth == 2 && strcmp(name, "cellXfs") == 0)
        s->in_cellxfs = true;
    else if (c->depth == 3 && s->in_numfmts && strcmp(name, "numFmt") == 0)
        styles_numfmt(s, atts);
    else if (c->depth == 3 && s->in_cellxfs && strcmp(name, "xf") == 0)
        styles_xf(s, atts);
}

/* Leave <numFmts> or <cellXfs>. */
static void styles_end(struct xml_ctx *c, const char *name)
{
    struct styles_parse *s = (struct styles_parse *)c;
    if (c->depth != 2) return;
    if (strcmp(name, "numFmts") == 0) s->in_numfmts = false;
    if (strcmp(name, "cellXfs") == 0) s->in_cellxfs = false;
}

/* Read the styles part, if any, into x->xf_date. */
static int read_styles(struct xlsx *x)
{
    struct styles_parse s = {.c = {.what = "样式", .start = styles_start, .end = styles_end},
                             .x = x};
    bool found;
    int rc = x->styles_part ? part_parse(x, x->styles_part, &s.c, &found) : 0;
    free(s.fmt);
    return rc;
}

/* ---- Shared strings ---- */

/* Decode the OOXML escapes _xHHHH_ in b from offset `from` on, in place. Escapes of NUL or
 * of surrogates are left as written. */
static void ooxml_unescape(struct buf *b, size_t from)
{
    char *p = b->p;
    size_t r = from, w = from;
    if (!p || !memchr(p + from, '_', b->len - from)) return;
    while (r < b->len) {
        unsigned cp = 0;
        bool esc = b->len - r >= 7 && p[r] == '_' && p[r + 1] == 'x' && p[r + 6] == '_';
        for (size_t i = 2; esc && i < 6; i++) {
            char h = p[r + i];
            int v = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
            if (v < 0) esc = false;
            cp = cp * 16 + (unsigned)v;
        }
        if (!esc || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            p[w++] = p[r++];
            continue;
        }
        r += 7;
        if (cp < 0x80) {
            p[w++] = (char)cp;
        } else if (cp < 0x800) {
            p[w++] = (char)(0xC0 | (cp >> 6));
            p[w++] = (char)(0x80 | (cp & 0x3F));
        } else {
            p[w++] = (char)(0xE0 | (cp >> 12));
            p[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            p[w++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    b->len = w;
    p[w] = 0;
}

/* The shared strings parser: appends each <si>'s text to x->sst_text. */
struct sst_parse {
    struct xml_ctx c; /* shared parser state; first */
    struct xlsx *x;   /* receives the strings */
    bool in_si;       /* inside <si> (a child of the root) */
    int rph_depth;    /* depth of the open <rPh> (phonetic run, ignored), 0 outside */
    int t_depth;      /* depth of the open <t> whose text counts, 0 outside */
    size_t start;     /* offset in sst_text where the current string began */
};

/* <si> starts a string (capped in number); <t> outside <rPh> collects text. */
static void sst_start(struct xml_ctx *c, const char *name, const char **atts)
{
    struct sst_parse *s = (struct sst_parse *)c;
    struct xlsx *x = s->x;
    (void)atts;
    if (c->depth == 2 && strcmp(name, "si") == 0) {
        if (x->nsst >= XLSX_MAX_SHARED_STRINGS) {
            xml_stop(c, err_set(c->e, ERR_TOOLARGE, "Excel文件中的不同文字过多（超过%zu个）",
                                XLSX_MAX_SHARED_STRINGS));
            return;
        }
        s->in_si = true;
        s->start = x->sst_text.len;
    } else if (s->in_si && !s->rph_depth && !s->t_depth && strcmp(name, "rPh") == 0) {
        s->rph_depth = c->depth;
    } else if (s->in_si && !s->rph_depth && !s->t_depth && strcmp(name, "t") == 0) {
        s->t_depth = c->depth;
    }
}

/* Close <t> or <rPh> by depth; </si> stores the finished string. */
static void sst_end(struct xml_ctx *c, const char *name)
{
    struct sst_parse *s = (struct sst_parse *)c;
    struct xlsx *x = s->x;
    (void)name;
    if (c->depth == s->t_depth) {
        s->t_depth = 0;
    } else if (c->depth == s->rph_depth) {
        s->rph_depth = 0;
    } else if (c->depth == 2 && s->in_si) {
        ooxml_unescape(&x->sst_text, s->start);
        buf_addc(&x->sst_text, 0);
        if (x->nsst == x->sst_cap) {
            x->sst_cap = x->sst_cap ? x->sst_cap * 2 : 1024;
            x->sst_off = xrealloc(x->sst_off, x->sst_cap * sizeof *x->sst_off);
        }
        x->sst_off[x->nsst++] = s->start;
        s->in_si = false;
    }
}

/* Text inside a counting <t> joins the current string. */
static void sst_text(struct xml_ctx *c, const char *t, size_t n)
{
    struct sst_parse *s = (struct sst_parse *)c;
    if (s->t_depth) buf_add(&s->x->sst_text, t, n);
}

/* Read the shared strings part, if any. */
static int read_sst(struct xlsx *x)
{
    struct sst_parse s = {
        .c = {.what = "共享字符串", .start = sst_start, .end = sst_end, .text = sst_text}, .x = x};
    bool found;
    return x->sst_part ? part_parse(x, x->sst_part, &s.c, &found) : 0;
}

/* ---- Numbers and dates ---- */

/* A decimal number: value = (neg ? -1 : 1) × 0.dig × 10^point. */
struct decimal {
    bool neg;     /* a minus sign was written */
    char dig[48]; /* significant digits, without leading or trailing zeros */
    int ndig;     /* digits in dig; 0 for zero */
    long point;   /* decimal exponent, as above */
};

/* Parse the number s[0..n) as written in <v> ("-12.50", "1.2345E17"). False when it is not
 * such a number or has too many digits. */
static bool decimal_parse(const char *s, size_t n, struct decimal *d)
{
    size_t i = 0;
    bool digits = false, dot = false;
    memset(d, 0, sizeof *d);
    if (i < n && (s[i] == '-' || s[i] == '+')) d->neg = s[i++] == '-';
    for (; i < n; i++) {
        if (s[i] == '.' && !dot) {
            dot = true;
            continue;
        }
        if (s[i] < '0' || s[i] > '9') break;
        digits = true;
        if (s[i] == '0' && d->ndig == 0) {
            if (dot) d->point--;
            continue;
        }
        if (d->ndig == (int)sizeof d->dig) return false;
        d->dig[d->ndig++] = s[i];
        if (!dot) d->point++;
    }
    if (!digits) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        bool eneg = false;
        long exp = 0;
        if (++i < n && (s[i] == '-' || s[i] == '+')) eneg = s[i++] == '-';
        if (i >= n) return false;
        for (; i < n && s[i] >= '0' && s[i] <= '9' && exp < 100000; i++)
            exp = exp * 10 + (s[i] - '0');
        d->point += eneg ? -exp : exp;
    }
    while (d->ndig > 0 && d->dig[d->ndig - 1] == '0')
        d->ndig--;
    return i == n;
}

/* Append d in plain notation without trailing zeros; false (nothing appended) when it would
 * need more than 40 integer digits or 20 leading fractional zeros. */
static bool decimal_plain(const struct decimal *d, struct buf *out)
{
    if (d->ndig == 0) {
        buf_addc(out, '0');
        return true;
    }
    if (d->point > 40 || d->point < -20) return false;
    if (d->neg) buf_addc(out, '-');
    if (d->point <= 0) {
        buf_adds(out, "0.");
        for (long i = 0; i < -d->point; i++)
            buf_addc(out, '0');
        buf_add(out, d->dig, (size_t)d->ndig);
        return true;
    }
    for (long i = 0; i < d->point; i++)
        buf_addc(out, i < d->ndig ? d->dig[i] : '0');
    if (d->ndig > d->point) {
        buf_addc(out, '.');
        buf_add(out, d->dig + d->point, (size_t)(d->ndig - d->point));
    }
    return true;
}

/* The whole days of a non-negative serial d below 10^7 into *days; false otherwise. */
static bool decimal_days(const struct decimal *d, long *days)
{
    long v = 0;
    if (d->neg && d->ndig) return false;
    if (d->point > 7) return false;
    for (long i = 0; i < d->point; i++)
        v = v * 10 + (i < d->ndig ? d->dig[i] - '0' : 0);
    *days = v;
    return true;
}

/* The civil date of day z counted from 1970-01-01 (H. Hinnant's algorithm). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Append the date of Excel serial `days` as YYYY-MM-DD; false when outside Excel's range
 * (1900-01-01 … 9999-12-31). Serial 60 is Excel's phantom 1900-02-29. */
static bool serial_date(long days, bool date1904, struct buf *out)
{
    long epoch; /* days from 1970-01-01 to serial 0 */
    if (date1904) {
        if (days > 2957003) return false;
        epoch = -24107; /* 1904-01-01 */
    } else {
        if (days < 1 || days > 2958465) return false;
        if (days == 60) {
            buf_adds(out, "1900-02-29");
            return true;
        }
        epoch = days < 60 ? -25568 : -25569; /* 1899-12-31, or 1899-12-30 after the phantom */
    }
    long y;
    int m, d;
    civil_from_days(epoch + days, &y, &m, &d);
    buf_addf(out, "%04ld-%02d-%02d", y, m, d);
    return true;
}

/* Append the number v[0..n) as shown to the user: a date when date is set and it is in range,
 * otherwise plain notation, otherwise as written. */
static void number_text(const char *v, size_t n, bool date, bool date1904, struct buf *out)
{
    struct decimal d;
    long days;
    if (!decimal_parse(v, n, &d)) {
        buf_add(out, v, n);
        return;
    }
    if (date && decimal_days(&d, &days) && serial_date(days, date1904, out)) return;
    if (!decimal_plain(&d, out)) buf_add(out, v, n);
}

/* ---- The worksheet ---- */

/* The kind of value a cell holds (its t attribute). */
enum cell_type {
    CELL_NUMBER, /* n or absent: a number, maybe shown as a date */
    CELL_SHARED, /* s: index into the shared strings */
    CELL_INLINE, /* inlineStr: text in <is> */
    CELL_STR,    /* str: a formula's text result, or an unknown type taken as text */
    CELL_BOOL,   /* b: 0 or 1 */
    CELL_ERROR,  /* e: #N/A and friends, shown as "" */
    CELL_ISO,    /* d: an ISO 8601 date */
};

/* The worksheet parser: streams rows into the row assembly. Open elements are tracked by their
 * depth, so stray or misplaced elements cannot close the wrong one. */
struct sheet_parse {
    struct xml_ctx c;       /* shared parser state; first */
    struct xlsx *x;         /* shared strings, formats, date system */
    struct sheet_rows rows; /* row assembly, limits and callback */
    int data_depth;         /* depth of <sheetData>, 0 outside */
    int row_depth;          /* depth of the open <row>, 0 outside */
    int cell_depth;         /* depth of the open <c>, 0 outside */
    int is_depth;           /* depth of the open <is>, 0 outside */
    int rph_depth;          /* depth of the open <rPh> (phonetic run, ignored), 0 outside */
    int cap_depth;          /* depth of the <v> or <t> whose text is collected, 0 when none */
    int row;                /* current row number (1-based); 0 before the first */
    size_t col;             /* current cell's column (0-based) */
    size_t next_col;        /* column of a following cell without r */
    enum cell_type type;    /* current cell's type */
    size_t style;           /* current cell's format index (s attribute) */
    struct buf val;         /* text of <v>, or of the inline string's runs */
    struct buf out;         /* the cell's text as delivered */
};

/* Parse the column letters of a cell reference ("C5" → 2) into *col. */
static bool ref_col(const char *ref, size_t *col)
{
    size_t v = 0, letters = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && letters < 3; ref++, letters++)
        v = v * 26 + (size_t)(*ref - 'A' + 1);
    if (!letters || v > XLSX_MAX_COL || *ref < '1' || *ref > '9') return false;
    for (; *ref; ref++)
        if (*ref < '0' || *ref > '9') return false;
    *col = v - 1;
    return true;
}

/* The cell type named by the t attribute. */
static enum cell_type cell_type_of(const char *t)
{
    static const struct {
        const char *name;
        enum cell_type type;
    } types[] = {{"n", CELL_NUMBER}, {"s", CELL_SHARED}, {"inlineStr", CELL_INLINE},
                 {"str", CELL_STR},  {"b", CELL_BOOL},   {"e", CELL_ERROR},
                 {"d", CELL_ISO}};
    if (!t) return CELL_NUMBER;
    for (size_t i = 0; i < countof(types); i++)
        if (strcmp(t, types[i].name) == 0) return types[i].type;
    return CELL_STR;
}

/* Stop with an error naming the current cell. */
static void cell_error(struct sheet_parse *s, const char *what)
{
    char name[16];
    sheet_col_name(s->col, name);
    xml_stop(&s->c, err_set(s->c.e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：第%d行%s列%s",
                            s->row, name, what));
}

/* <row>: its number from r, or the one after the previous row. */
static void sheet_row_start(struct sheet_parse *s, const char **atts)
{
    const char *r = attr(atts, "r");
    size_t row = (size_t)s->row + 1;
    if ((r && !parse_uint(r, XLSX_MAX_ROW, &row)) || row == 0 || row > XLSX_MAX_ROW) {
        xml_corrupt(&s->c, "中的行号无效");
        return;
    }
    s->row = (int)row;
    s->row_depth = s->c.depth;
    s->next_col = 0;
}

/* <c>: its column (from r, or the one after the previous cell), type and format. */
static void sheet_cell_start(struct sheet_parse *s, const char **atts)
{
    const char *r = attr(atts, "r");
    size_t col = s->next_col;
    if ((r && !ref_col(r, &col)) || col >= XLSX_MAX_COL) {
        xml_corrupt(&s->c, "中的单元格位置无效");
        return;
    }
    s->col = col;
    s->type = cell_type_of(attr(atts, "t"));
    if (!parse_uint(attr(atts, "s"), XLSX_MAX_XFS, &s->style)) s->style = 0;
    buf_reset(&s->val);
    s->cell_depth = s->c.depth;
}

/* An element inside <c>: start collecting the text of <v> or of an inline string's <t>. */
static void sheet_in_cell(struct sheet_parse *s, const char *name)
{
    int d = s->c.depth;
    if (s->cap_depth || s->rph_depth) return;
    if (d == s->cell_depth + 1 && strcmp(name, "v") == 0)
        s->cap_depth = d;
    else if (d == s->cell_depth + 1 && strcmp(name, "is") == 0)
        s->is_depth = d;
    else if (s->is_depth && strcmp(name, "rPh") == 0)
        s->rph_depth = d;
    else if (s->is_depth && strcmp(name, "t") == 0)
        s->cap_depth = d;
}

/* Descend sheetData → row → c → v / is / t, each at the depth below its parent. */
static void sheet_start(struct xml_ctx *c, const char *name, const char **atts)
{
    struct sheet_parse *s = (struct sheet_parse *)c;
    if (!s->data_depth) {
        if (c->depth == 2 && strcmp(name, "sheetData") == 0) s->data_depth = c->depth;
    } else if (!s->row_depth) {
        if (c->depth == s->data_depth + 1 && strcmp(name, "row") == 0) sheet_row_start(s, atts);
    } else if (!s->cell_depth) {
        if (c->depth == s->row_depth + 1 && strcmp(name, "c") == 0) sheet_cell_start(s, atts);
    } else {
        sheet_in_cell(s, name);
    }
}

/* The text of the shared string numbered by s->val into s->out; false when there is none. */
static bool shared_text(struct sheet_parse *s)
{
    size_t idx;
    struct xlsx *x = s->x;
    if (!s->val.len || !parse_uint(s->val.p, XLSX_MAX_SHARED_STRINGS, &idx) || idx >= x->nsst)
        return false;
    buf_adds(&s->out, x->sst_text.p + x->sst_off[idx]);
    return true;
}

/* Fill s->out with the current cell's text as delivered. */
static bool cell_text(struct sheet_parse *s)
{
    const char *v = buf_str(&s->val);
    size_t n = s->val.len;
    bool date = s->style < s->x->nxf && s->x->xf_date[s->style];
    s->out.len = 0;
    switch (s->type) {
    case CELL_SHARED:
        return shared_text(s);
    case CELL_INLINE:
    case CELL_STR:
        ooxml_unescape(&s->val, 0);
        buf_add(&s->out, s->val.p, s->val.len);
        break;
    case CELL_BOOL:
        buf_adds(&s->out, strcmp(v, "1") == 0 ? "TRUE" : n ? "FALSE" : "");
        break;
    case CELL_ERROR:
        break;
    case CELL_ISO:
        buf_add(&s->out, v, n >= 10 && v[4] == '-' && v[7] == '-' ? 10 : n);
        break;
    case CELL_NUMBER:
        if (n) number_text(v, n, date, s->x->date1904, &s->out);
        break;
    }
    return true;
}

/* </c>: hand the cell's text to the row assembly. */
static void sheet_cell_end(struct sheet_parse *s)
{
    s->cell_depth = s->is_depth = s->rph_depth = s->cap_depth = 0;
    s->next_col = s->col + 1;
    if (!cell_text(s)) {
        cell_error(s, "引用了不存在的共享字符串");
        return;
    }
    int rc = sheet_rows_cell(&s->rows, s->row, s->col, s->out.p, s->out.len, s->c.e);
    if (rc) xml_stop(&s->c, rc);
}

/* Close the element open at this depth: text capture, phonetic run, inline string,
 * cell (delivered to the row), row (delivered to the callback), or sheetData (done). */
static void sheet_end(struct xml_ctx *c, const char *name)
{
    struct sheet_parse *s = (struct sheet_parse *)c;
    int d = c->depth;
    (void)name;
    if (d == s->cap_depth) {
        s->cap_depth = 0;
    } else if (d == s->rph_depth) {
        s->rph_depth = 0;
    } else if (d == s->is_depth) {
        s->is_depth = 0;
    } else if (d == s->cell_depth) {
        sheet_cell_end(s);
    } else if (d == s->row_depth) {
        s->row_depth = 0;
        int rc = sheet_rows_end(&s->rows, s->row, c->e);
        if (rc) xml_stop(c, rc);
    } else if (d == s->data_depth) {
        xml_finish(c);
    }
}

/* Text of <v> or of an inline <t> joins the cell value. */
static void sheet_text(struct xml_ctx *c, const char *t, size_t n)
{
    struct sheet_parse *s = (struct sheet_parse *)c;
    if (s->cap_depth) buf_add(&s->val, t, n);
}

/* Stream the worksheet into fn. */
static int read_sheet(struct xlsx *x, sheet_row_fn fn, void *ctx)
{
    struct sheet_parse s = {
        .c = {.what = "工作表", .start = sheet_start, .end = sheet_end, .text = sheet_text},
        .x = x};
    bool found;
    sheet_rows_init(&s.rows, &x->lim, fn, ctx);
    int rc = part_parse(x, x->sheet_part, &s.c, &found);
    if (!rc && !found) rc = err_set(x->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：缺少工作表");
    sheet_rows_free(&s.rows);
    buf_free(&s.val);
    buf_free(&s.out);
    return rc;
}

/* ---- Entry point ---- */

/* Open the zip archive over data[0..len) into x->zip. */
static int xlsx_open(struct xlsx *x, const char *data, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src) {
        x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
        if (!x->zip) zip_source_free(src);
    }
    zip_error_fini(&ze);
    if (!x->zip)
        return err_set(x->e, ERR_INVALID, "不是有效的Excel（.xlsx）文件：文件已损坏或格式不对");
    return 0;
}

/* Open the zip, follow the relationships to the first sheet, load styles and shared
 * strings, then stream the sheet (see xlsx.h). Frees everything it allocated. */
int xlsx_read_lim(const char *data, size_t len, const struct sheet_limits *lim, sheet_row_fn fn,
                  void *ctx, struct err *e)
{
    struct xlsx x = {.lim = sheet_limits_fill(lim), .e = e};
    int rc;
    x.budget = x.lim.max_bytes;
    if (len > x.lim.max_bytes) {
        rc = err_set(e, ERR_TOOLARGE, "文件过大（超过%zu MB）", x.lim.max_bytes >> 20);
        goto out;
    }
    if (len < 4 || memcmp(data, "PK", 2) != 0) {
        rc = err_set(e, ERR_INVALID, "不是有效的Excel（.xlsx）文件");
        goto out;
    }
    if ((rc = xlsx_open(&x, data, len)) || (rc = find_workbook(&x)) || (rc = read_workbook(&x)) ||
        (rc = read_styles(&x)) || (rc = read_sst(&x)))
        goto out;
    rc = read_sheet(&x, fn, ctx);
out:
    if (x.zip) zip_discard(x.zip);
    free(x.wb_part);
    free(x.sheet_part);
    free(x.sst_part);
    free(x.styles_part);
    buf_free(&x.sst_text);
    free(x.sst_off);
    free(x.xf_date);
    return rc;
}

/* xlsx_read_lim with the default limits. */
int xlsx_read(const char *data, size_t len, sheet_row_fn fn, void *ctx, struct err *e)
{
    return xlsx_read_lim(data, len, NULL, fn, ctx, e);
}
