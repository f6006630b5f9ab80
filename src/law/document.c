/* document.c — numbers of issued enforcement documents (文号, 编号) and their register.
 *
 * 卫生行政执法文书规范 (卫生部令第87号, amended 2017): a document with a 文号 is numbered
 * 地区简称 + 卫 + 执法类别 + 执法性质 + 〔年份〕 + 序号 + 号 (武卫医罚〔2023〕12号); other
 * documents get a 编号 = 年份 + 序号, written here as prefix + year + "-" + four-digit sequence
 * (现2026-0003) so that the 编号 of different kinds of record stay distinct in one agency's
 * register. The types are data: data/doc_types.json, embedded in the binary. */
#include "law/area.h"
#include "law/document.h"
#include "base/date.h"
#include "base/embed.h"
#include "base/jpack.h"
#include "base/log.h"
#include "law/catalog.h"
#include "law/counter.h"
#include "law/field.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One document type of data/doc_types.json. */
struct doc_type {
    const char *code;  /* site_record */
    const char *label; /* 现场笔录 */
    bool wenhao;       /* numbered with a 文号 (otherwise a 编号) */
    const char *abbr; /* 文号: the 执法性质 (罚, 监 …); 编号: its prefix (现, 询 …) */
    const char *counter; /* 编号: the type whose counter numbers it ("counter" key; its own code
                            by default): two types of one counter share one series */
};

static json_t *doc_json;       /* the parsed file, kept for the strings types point into */
static struct doc_type *types; /* every type, in file order */
static size_t ntypes;          /* entries in types */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The type of code among the first n loaded, or NULL. */
static const struct doc_type *loaded(const char *code, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(types[i].code, code) == 0) return &types[i];
    return NULL;
}

/* Abort unless type k (of the loaded types) has a code of its own, a counter that is its own or
 * that of an earlier 编号 type with the same prefix which counts for itself, and a prefix no
 * other type uses but one of the same counter: one agency never prints two documents of one
 * number. [R-CASE-68] A case's 现场笔录 draws from the inspection's counter. */
static void check_series(const struct doc_type *t, size_t k)
{
    if (loaded(t->code, k)) fatal("data/doc_types.json: %s is declared twice", t->code);
    if (t->wenhao) return; /* numbered per 执法类别 and 执法性质 (next_wenhao) */
    const struct doc_type *owner = loaded(t->counter, ntypes);
    if (!owner || owner->wenhao || strcmp(owner->counter, owner->code) != 0 ||
        strcmp(owner->abbr, t->abbr) != 0)
        fatal("data/doc_types.json: %s counts with %s, which is not a 编号 type of the same "
              "prefix counting for itself",
              t->code, t->counter);
    for (size_t i = 0; i < k; i++)
        if (!types[i].wenhao && strcmp(types[i].abbr, t->abbr) == 0 &&
            strcmp(types[i].counter, t->counter) != 0)
            fatal("data/doc_types.json: %s repeats the 编号 prefix of %s without sharing its "
                  "counter",
                  t->code, types[i].code);
}

/* Read data/doc_types.json; any defect is a build error, so abort with its reason. */
static void load(void)
{
    const struct embed_file *f = embed_find("data/doc_types.json");
    json_error_t je;
    if (!f || !(doc_json = json_loadb(f->data, f->len, 0, &je)))
        fatal("data/doc_types.json: %s", f ? je.text : "missing");
    json_t *arr = json_object_get(doc_json, "types"), *item;
    if (!json_is_array(arr)) fatal("data/doc_types.json: no \"types\" array");
    types = xcalloc(json_array_size(arr) + 1, sizeof *types);
    size_t i;
    json_array_foreach(arr, i, item)
    {
        const char *style = json_string_value(json_object_get(item, "style"));
        struct doc_type t = {
            .code = json_string_value(json_object_get(item, "code")),
            .label = json_string_value(json_object_get(item, "label")),
            .wenhao = style && strcmp(style, "wenhao") == 0,
        };
        t.abbr = json_string_value(json_object_get(item, t.wenhao ? "nature" : "prefix"));
        json_t *counter = json_object_get(item, "counter");
        t.counter = counter ? json_string_value(counter) : t.code;
        if (!t.code || !t.label || !style || !t.abbr || !*t.abbr || !t.counter ||
            (!t.wenhao && strcmp(style, "serial") != 0) || (t.wenhao && counter))
            fatal("data/doc_types.json: types[%zu] needs code, label, style wenhao (with "
                  "nature) or serial (with prefix, and optionally counter)",
                  i);
        types[ntypes++] = t;
    }
    for (size_t k = 0; k < ntypes; k++)
        check_series(&types[k], k);
}

/* The type with this code, or NULL. */
static const struct doc_type *find_type(const char *code)
{
    pthread_once(&once, load);
    for (size_t i = 0; code && i < ntypes; i++)
        if (strcmp(types[i].code, code) == 0) return &types[i];
    return NULL;
}

const char *document_type_label(const char *type)
{
    const struct doc_type *t = find_type(type);
    return t ? t->label : NULL;
}

bool document_type_serial(const char *type)
{
    const struct doc_type *t = find_type(type);
    return t && !t->wenhao;
}

/* The agency's 简称 (arena; NULL when it has none), the first part of a 文号; ERR_INVALID when
 * there is no such agency. */
static int agency_short_name(struct ctx *c, int64_t agency_id, const char **out, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT short_name FROM agency WHERE id = ?", "i", agency_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    const char *s = rc == DB_ROW ? db_text(st, 0) : NULL;
    *out = s && !str_blank(s) ? arena_strdup(c->arena, s) : NULL;
    db_done(st);
    if (rc < 0) return rc;
    if (rc == DB_DONE) return err_set(e, ERR_INVALID, "签发文书的机构不存在");
    return 0;
}

/* The next 文号 of the year for (agency, line, 执法性质): one sequence per agency, 执法类别,
 * 执法性质 and year, so every 文号 the agency prints is distinct and none is skipped.
 * [R-DOC-01] 卫生行政执法文书规范: 地区简称 + 卫 + 执法类别 + 执法性质 + 〔年份〕 + 序号. */
static int next_wenhao(struct ctx *c, const struct doc_type *t, int64_t agency_id,
                       const char *short_name, const char *line_abbr, int year, int64_t *seq,
                       const char **number, struct err *e)
{
    if (!short_name)
        return err_set(e, ERR_INVALID,
                       "本机构未设置简称，无法编制文号，请管理员在机构设置中填写简称");
    char name[96];
    snprintf(name, sizeof name, "wenhao:%lld:%s:%s", (long long)agency_id, line_abbr, t->abbr);
    int rc = counter_next(c->db, name, year, seq, e);
    if (rc) return rc;
    *number = arena_printf(c->arena, "%s卫%s%s〔%d〕%lld号", short_name, line_abbr, t->abbr, year,
                           (long long)*seq);
    return 0;
}

/* The next 编号 of the year for (agency, type's counter): prefix, year and a sequence of four
 * digits or more (现2026-0003). [R-DOC-01] Types that share a counter share the series
 * [R-CASE-68]. */
static int next_serial(struct ctx *c, const struct doc_type *t, int64_t agency_id, int year,
                       int64_t *seq, const char **number, struct err *e)
{
    char name[96];
    snprintf(name, sizeof name, "serial:%lld:%s", (long long)agency_id, t->counter);
    int rc = counter_next(c->db, name, year, seq, e);
    if (rc) return rc;
    *number = arena_printf(c->arena, "%s%d-%04lld", t->abbr, year, (long long)*seq);
    return 0;
}

/* The type, line abbreviation and year of a document to number; field errors otherwise. */
static int numbering(const char *type, const char *line, const char *date,
                     const struct doc_type **t, const char **line_abbr, int *year, struct err *e)
{
    *t = find_type(type);
    if (!*t) return err_field(e, "type", "未知的文书种类：%s", type ? type : "");
    *line_abbr = NULL;
    if (!str_blank(line) && !(*line_abbr = catalog_line_abbr(line)))
        return err_field(e, "line", "未知的专业类别：%s", line);
    if ((*t)->wenhao && !*line_abbr)
        return err_field(e, "line", "%s须有文号，请指明执法类别（专业）", (*t)->label);
    day_t day;
    if (!date || date_parse(date, &day)) return err_field(e, "date", "文书日期应为有效日期");
    *year = date_year(day);
    return 0;
}

/* The next number of type t: a 文号 or a 编号, and its sequence. */
static int next_number(struct ctx *c, const struct doc_type *t, int64_t agency_id,
                       const char *line_abbr, int year, int64_t *seq, const char **number,
                       struct err *e)
{
    if (db_depth(c->db) == 0) { /* [R-DOC-02] numbered inside the issuing transaction */
        log_error("document number (%s) outside a transaction", t->code);
        return err_set(e, ERR_INTERNAL, "文书编号须在事务内取得");
    }
    const char *short_name;
    int rc = agency_short_name(c, agency_id, &short_name, e);
    if (rc) return rc;
    return t->wenhao ? next_wenhao(c, t, agency_id, short_name, line_abbr, year, seq, number, e)
                     : next_serial(c, t, agency_id, year, seq, number, e);
}

int document_number(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                    const char *date, const char **number, struct err *e)
{
    const struct doc_type *t = NULL;
    const char *line_abbr = NULL;
    int year = 0;
    int64_t seq;
    int rc = numbering(type, line, date, &t, &line_abbr, &year, e);
    return rc ? rc : next_number(c, t, agency_id, line_abbr, year, &seq, number, e);
}

/* Register document number (its year and place in the sequence) of type t for the record. */
static int register_document(struct ctx *c, const struct doc_type *t, int64_t agency_id,
                             const char *line, const char *date, const char *number, int year,
                             int64_t seq, const char *object_type, int64_t object_id,
                             int64_t *doc_id, struct err *e)
{
    if (str_blank(object_type) || object_id <= 0)
        return err_set(e, ERR_INTERNAL, "文书未关联到记录");
    int rc = db_get_int(c->db, e, doc_id,
                        "INSERT INTO document (agency_id, type, line, number, year, seq, date,"
                        " object_type, object_id, created_at, created_by)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        "itttiittiiI", agency_id, t->code, blank_to_null(line), number,
                        (int64_t)year, seq, date, object_type, object_id, c->now, c->who->user_id);
    if (rc == ERR_CONFLICT) {
        err_clear(e);
        return err_set(e, ERR_CONFLICT, "文号 %s 已被使用（文书登记与编号计数不一致）", number);
    }
    return rc;
}

int document_issue(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                   const char *date, const char *object_type, int64_t object_id, int64_t *doc_id,
                   const char **number, struct err *e)
{
    const struct doc_type *t = NULL;
    const char *line_abbr = NULL;
    int year = 0;
    int rc = numbering(type, line, date, &t, &line_abbr, &year, e);
    if (rc) return rc;
    if (str_blank(object_type) || object_id <= 0)
        return err_set(e, ERR_INTERNAL, "文书未关联到记录");
    int64_t seq = 0;
    rc = next_number(c, t, agency_id, line_abbr, year, &seq, number, e);
    if (rc) return rc;
    return register_document(c, t, agency_id, line, date, *number, year, seq, object_type,
                             object_id, doc_id, e);
}

/* The year (〔2026〕) and the sequence (the digits before 号) of a 文号 this program drew. */
static int wenhao_parts(const char *number, int *year, int64_t *seq)
{
    const char *open = strstr(number, "〔"), *end = strstr(number, "号");
    if (!open || !end) return -1;
    char *rest;
    long y = strtol(open + strlen("〔"), &rest, 10);
    const char *digits = end;
    while (digits > number && digits[-1] >= '0' && digits[-1] <= '9')
        digits--;
    if (y < 1900 || y > 9999 || digits == end) return -1;
    *year = (int)y;
    *seq = strtoll(digits, NULL, 10);
    return 0;
}

int document_issue_as(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                      const char *date, const char *number, const char *object_type,
                      int64_t object_id, int64_t *doc_id, struct err *e)
{
    const struct doc_type *t = NULL;
    const char *line_abbr = NULL;
    int year = 0;
    int64_t seq = 0;
    int rc = numbering(type, line, date, &t, &line_abbr, &year, e);
    if (rc) return rc;
    if (!t->wenhao || str_blank(number) || wenhao_parts(number, &year, &seq))
        return err_set(e, ERR_INTERNAL, "%s须带有已取得的文号", t->label);
    return register_document(c, t, agency_id, line, date, number, year, seq, object_type, object_id,
                             doc_id, e);
}

/* [R-DOC-03] A kept document's hash, and its link unless it names the person who made the
 * request and the actor may not see them. */
static void kept_file(json_t *row, struct db_stmt *st, bool person_shown)
{
    if (db_null(st, 4)) return; /* issued before documents were kept, or not declared */
    bool personal = db_int(st, 5) != 0;
    jset_text(row, "sha256", db_text(st, 4));
    jset_bool(row, "personal", personal);
    if (!personal || person_shown)
        json_object_set_new(row, "pdf",
                            json_sprintf("/documents/%lld.pdf", (long long)db_int(st, 0)));
}

json_t *document_list(struct ctx *c, const char *object_type, int64_t object_id, bool person_shown,
                      struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT d.id, d.type, d.number, d.date, f.sha256, f.sealed FROM document d"
                 " LEFT JOIN document_file f ON f.document_id = d.id"
                 " WHERE d.object_type = ? AND d.object_id = ? ORDER BY d.id",
                 "ti", object_type, object_id);
    if (!st) return NULL;
    json_t *arr = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *row = json_object();
        jset_int(row, "id", db_int(st, 0));
        jset_text(row, "type", db_text(st, 1));
        jset_text(row, "type_label", document_type_label(db_text(st, 1)));
        jset_text(row, "number", db_text(st, 2));
        jset_text(row, "date", db_text(st, 3));
        kept_file(row, st, person_shown);
        json_array_append_new(arr, row);
    }
    db_done(st);
    if (rc < 0) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"document",
     "执法文书",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"created_by", "app_user", REF_ID}}},
    /* the kept PDFs, byte for byte: a document never changes, and a sealed one stays sealed
     * under the data key (the same key as the records' sealed persons) */
    {"document_file",
     "执法文书的存档文件",
     false,
     "document_id",
     {{"document_id", "document", REF_ID}}},
};

static const struct table_left left[] = {
    {"counter", "与目标库的计数器合并（文书编号按新的机构编号继续）", false},
};

const struct law_area law_area_documents = {"documents", tables, countof(tables), left,
                                            countof(left)};
