/* complaint_import.c — complaints in bulk from the 12345 hotline platform's export: find the row
 * of column titles, map the columns (the clerk's mapping, the agency's saved one, or a first guess
 * for the clerk to confirm), and take every row in through complaint_add on the channel hotline;
 * a work order taken in before is skipped and listed, a refused row reported field by field. */
#include "law/complaint_import.h"
#include "base/date.h"
#include "base/jpack.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/complaint.h"
#include "law/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIND           "complaint_hotline" /* import_mapping.kind */
#define CHANNEL        "hotline"           /* complaint_channels: 12345转办 */
#define DEFAULT_LINE   "medical"
#define DEFAULT_MATTER "other"
#define HEADER_SEARCH  10 /* rows looked at for the titles: exports put a caption line above */
#define STOP           1  /* on_row's "stop reading": the columns are to be confirmed first */

#define GUESSES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The fields, as indexes into complaint_import_fields. */
enum field_index {
    F_EXTERNAL_NO,
    F_RECEIVED_ON,
    F_SUMMARY,
    F_NAME,
    F_PHONE,
    F_PARTY_NAME,
    F_PARTY_ADDRESS,
    F_LINE,
    F_MATTER,
    NFIELDS
};

const struct complaint_import_field complaint_import_fields[] = {
    [F_EXTERNAL_NO] = {"external_no", "工单编号", true,
                       GUESSES("工单编号", "工单号", "工单编码", "受理编号", "诉求编号", "编号")},
    [F_RECEIVED_ON] = {"received_on", "收到日期", true,
                       GUESSES("来电时间", "受理时间", "登记时间", "派单时间", "转办时间",
                               "交办时间", "创建时间", "日期", "时间")},
    [F_SUMMARY] = {"summary", "反映内容", true,
                   GUESSES("诉求内容", "问题描述", "来电内容", "反映内容", "诉求描述", "工单内容",
                           "事项描述", "内容")},
    [F_NAME] = {"name", "投诉人姓名", false,
                GUESSES("诉求人", "来电人", "诉求人姓名", "来电人姓名", "联系人", "姓名")},
    [F_PHONE] = {"phone", "联系电话", false,
                 GUESSES("联系电话", "来电号码", "诉求人电话", "来电电话", "联系方式", "电话")},
    [F_PARTY_NAME] = {"party_name", "被投诉单位或个人", true,
                      GUESSES("被反映对象", "涉及单位", "被投诉对象", "被反映单位", "被投诉单位",
                              "涉事单位", "被投诉人")},
    [F_PARTY_ADDRESS] = {"party_address", "地址", false,
                         GUESSES("事发地址", "事发地点", "问题发生地址", "发生地址", "地址")},
    [F_LINE] = {"line", "专业类别", false, GUESSES("专业类别", "专业")},
    [F_MATTER] = {"matter", "反映事项", false,
                  GUESSES("诉求类别", "问题分类", "事项分类", "反映类别", "诉求分类", "类别")},
    [NFIELDS] = {NULL, NULL, false, NULL},
};

/* ---- small helpers ------------------------------------------------------------------------ */

/* At most max bytes of s, cut at a character boundary (arena): titles and values in messages. */
static const char *clip(struct arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) return s;
    n = max;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return arena_printf(a, "%.*s…", (int)n, s);
}

/* The index of field in complaint_import_fields, or -1. */
static int field_index(const char *field)
{
    for (int k = 0; k < NFIELDS; k++)
        if (strcmp(complaint_import_fields[k].field, field) == 0) return k;
    return -1;
}

/* The index of the first column titled title, or -1. */
static int title_index(json_t *titles, const char *title)
{
    for (size_t i = 0; title && i < json_array_size(titles); i++)
        if (strcmp(json_string_value(json_array_get(titles, i)), title) == 0) return (int)i;
    return -1;
}

/* ---- the first guess ---------------------------------------------------------------------- */

/* The column for field f among titles not yet taken: equal to one of its guesses (pass 0) or
 * containing one (pass 1), the better guess first; -1 when none. */
static int guess_one(const struct complaint_import_field *f, json_t *titles, const bool *taken,
                     int pass)
{
    for (const char *const *g = f->guesses; *g; g++)
        for (size_t i = 0; i < json_array_size(titles); i++) {
            const char *t = json_string_value(json_array_get(titles, i));
            if (taken[i] || !t || !*t) continue;
            if (pass ? strstr(t, *g) != NULL : strcmp(t, *g) == 0) return (int)i;
        }
    return -1;
}

json_t *complaint_import_guess(json_t *titles)
{
    json_t *out = json_object();
    size_t n = json_array_size(titles);
    bool *taken = xcalloc(n ? n : 1, sizeof *taken);
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < NFIELDS; k++) {
            const struct complaint_import_field *f = &complaint_import_fields[k];
            if (json_object_get(out, f->field)) continue;
            int i = guess_one(f, titles, taken, pass);
            if (i < 0) continue;
            taken[i] = true;
            json_object_set(out, f->field, json_array_get(titles, (size_t)i));
        }
    free(taken);
    return out;
}

/* What the clerk is asked to confirm: the titles of columns that the file has, the guess for the
 * other fields (owned). */
static json_t *proposal(json_t *titles, json_t *columns)
{
    json_t *out = complaint_import_guess(titles);
    const char *field;
    json_t *title;
    json_object_foreach(columns, field, title)
    {
        if (title_index(titles, json_string_value(title)) >= 0) json_object_set(out, field, title);
    }
    return out;
}

const char *complaint_import_code(const char *list, const char *value)
{
    if (str_blank(value)) return NULL;
    const char *code = import_code(list, value);
    if (catalog_has(list, code)) return code;
    const char *best = NULL;
    size_t best_len = 0, i;
    json_t *item;
    json_array_foreach(json_object_get(catalog_json(), list), i, item)
    {
        const char *label = json_string_value(json_object_get(item, "label"));
        size_t n = label ? strlen(label) : 0;
        if (n > best_len && strstr(value, label)) {
            best = json_string_value(json_object_get(item, "code"));
            best_len = n;
        }
    }
    return best;
}

/* ---- the saved mapping -------------------------------------------------------------------- */

json_t *complaint_import_mapping(struct ctx *c, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT mapping_json, updated_at FROM import_mapping WHERE agency_id = ? AND kind = ?",
        "it", c->who->agency_id, KIND);
    if (!st) return NULL;
    int rc = db_step(st, e);
    json_t *m = rc == DB_ROW ? json_loads(db_text(st, 0), 0, NULL) : NULL;
    if (json_is_object(m)) jset_int(m, "updated_at", db_int(st, 1));
    db_done(st);
    if (rc < 0) {
        json_decref(m);
        return NULL;
    }
    if (!json_is_object(m) || !json_is_object(json_object_get(m, "columns"))) {
        json_decref(m);
        return json_null();
    }
    return m;
}

/* The saved default for key when it is still a code of list, else fallback. */
static const char *saved_code(json_t *saved, const char *key, const char *list,
                              const char *fallback)
{
    const char *v = json_string_value(json_object_get(saved, key));
    return v && catalog_has(list, v) ? v : fallback;
}

/* Save the columns and defaults used for the agency when they are not what was saved. */
static int remember(struct ctx *c, json_t *saved, const struct complaint_import_result *res,
                    struct err *e)
{
    json_t *m =
        jpack("{sO ss ss}", "columns", res->columns, "line", res->line, "matter", res->matter);
    json_t *before = json_deep_copy(saved);
    if (json_is_object(before)) json_object_del(before, "updated_at");
    bool same = json_equal(m, before);
    json_decref(before);
    char *text = same ? NULL : json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(m);
    if (same) return 0;
    int64_t n = db_exec(c->db, e,
                        "INSERT INTO import_mapping (agency_id, kind, mapping_json, updated_at,"
                        " updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (agency_id, kind)"
                        " DO UPDATE SET mapping_json = excluded.mapping_json,"
                        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                        "ittiI", c->who->agency_id, KIND, text, c->now, c->who->user_id);
    free(text);
    if (n < 0) return e->code;
    return audit_write(c, "complaint.import_mapping", "agency", c->who->agency_id,
                       "设置12345工单导入的列对应关系（默认专业 %s，反映事项 %s）",
                       catalog_label("lines", res->line),
                       catalog_label("complaint_matters", res->matter));
}

/* ---- reading the file --------------------------------------------------------------------- */

/* One import while the rows stream in. */
struct importer {
    struct ctx *c;
    struct complaint_import_result *res;
    json_t *columns;        /* the mapping to use (borrowed), or NULL: guess for the clerk */
    int col[NFIELDS];       /* the column feeding each field, or -1 */
    int before_header;      /* non-empty rows seen above the titles */
    struct arena row_arena; /* one row's strings */
};

/* Non-empty cells of a row. */
static int filled(int ncells, const char *const *cells)
{
    int n = 0;
    for (int i = 0; i < ncells; i++)
        n += !str_blank(cells[i]);
    return n;
}

/* Where each mapped field's column is; a required field without one, or a title the file does
 * not have, is refused under col_<field>. */
static int map_columns(struct importer *im, struct err *e)
{
    struct complaint_import_result *res = im->res;
    int found = 0, missing = 0;
    res->columns = json_object();
    for (int k = 0; k < NFIELDS; k++) {
        const struct complaint_import_field *f = &complaint_import_fields[k];
        const char *title = json_string_value(json_object_get(im->columns, f->field));
        const char *name = arena_printf(im->c->arena, "col_%s", f->field);
        im->col[k] = -1;
        if (str_blank(title)) {
            if (f->required) err_field(e, name, "请选择“%s”对应的列", f->label);
            continue;
        }
        im->col[k] = title_index(res->headers, title);
        if (im->col[k] >= 0) {
            json_object_set_new(res->columns, f->field, json_string(title));
            found++;
            continue;
        }
        missing++;
        err_field(e, name, "文件中没有列“%s”", clip(im->c->arena, title, 60));
    }
    if (missing && !found)
        err_set(
            e, ERR_INVALID,
            "第%d行不是表头：其中没有已设置的任何一列。请确认导出的文件，或重新设置列的对应关系",
            res->header_row);
    else if (missing)
        err_set(e, ERR_INVALID,
                "文件中缺少已设置的 %d 列（见各项提示）。请确认导出的文件，或重新设置列的对应关系",
                missing);
    if (!e->code) {
        res->mapped = true;
        return 0;
    }
    json_decref(res->columns);
    res->columns = proposal(res->headers, im->columns);
    return e->code;
}

/* The row of column titles: take the mapping, or make the guess the clerk confirms. */
static int read_header(struct importer *im, int row, int ncells, const char *const *cells,
                       struct err *e)
{
    struct complaint_import_result *res = im->res;
    res->header_row = row;
    for (int i = 0; i < ncells; i++)
        json_array_append_new(res->headers,
                              json_string(str_trim(arena_strdup(&im->row_arena, cells[i]))));
    if (im->columns) return map_columns(im, e);
    res->columns = proposal(res->headers, NULL);
    if (json_object_size(res->columns)) return STOP;
    return err_set(e, ERR_INVALID,
                   "没有找到表头行：第%d行中没有可识别的列标题（如工单编号、来电时间、诉求内容）。"
                   "文件的第一行应为列标题",
                   row);
}

/* The text of field k in a row: "" for an empty cell, NULL when no column feeds it (arena). */
static const char *cell(struct importer *im, int k, int ncells, const char *const *cells)
{
    int i = im->col[k];
    if (i < 0) return NULL;
    return i < ncells ? str_trim(arena_strdup(&im->row_arena, cells[i])) : "";
}

/* The complaint a row describes; false when every mapped cell of it is empty. */
static bool row_input(struct importer *im, int ncells, const char *const *cells,
                      struct complaint_input *in)
{
    const char *v[NFIELDS];
    bool any = false;
    for (int k = 0; k < NFIELDS; k++) {
        v[k] = cell(im, k, ncells, cells);
        any |= !str_blank(v[k]);
    }
    /* the 12345 category often names the line too: 公共场所卫生 */
    const char *line = complaint_import_code("lines", v[F_LINE]);
    if (!line) line = complaint_import_code("lines", v[F_MATTER]);
    const char *matter = complaint_import_code("complaint_matters", v[F_MATTER]);
    /* 12345 keeps a caller who asked for it anonymous: no name (or 匿名) and no number */
    bool anonymous =
        (str_blank(v[F_NAME]) || strcmp(v[F_NAME], "匿名") == 0) && str_blank(v[F_PHONE]);
    *in = (struct complaint_input){.channel = CHANNEL,
                                   .received_on = v[F_RECEIVED_ON],
                                   .line = line ? line : im->res->line,
                                   .matter = matter ? matter : im->res->matter,
                                   .summary = v[F_SUMMARY],
                                   .party_name = v[F_PARTY_NAME],
                                   .party_address = v[F_PARTY_ADDRESS],
                                   .anonymous = anonymous,
                                   .name = anonymous ? NULL : v[F_NAME],
                                   .phone = anonymous ? NULL : v[F_PHONE],
                                   .external_no = v[F_EXTERNAL_NO]};
    return any;
}

/* The received date as YYYY-MM-DD (arena) in in->received_on, or its field's message. */
static void read_date(struct importer *im, struct complaint_input *in, struct err *re)
{
    day_t d;
    if (str_blank(in->received_on)) {
        in->received_on = NULL;
        err_field(re, "received_on", "缺少收到日期");
        return;
    }
    if (date_parse_loose(in->received_on, &d)) {
        err_field(re, "received_on",
                  "无法识别的日期“%s”：可写作 2026-11-03、2026/11/3、2026年11月3日或Excel日期",
                  clip(&im->row_arena, in->received_on, 40));
        in->received_on = NULL;
        return;
    }
    char *day = arena_alloc(&im->row_arena, DATE_STRLEN);
    date_format(d, day);
    in->received_on = day;
}

/* Record a refused row with each field's message. */
static int refuse(struct importer *im, int row, const struct err *re)
{
    struct complaint_import_result *res = im->res;
    res->refused++;
    for (int i = 0; i < re->nfields; i++) {
        const char *f = re->fields[i].name;
        int k = field_index(f);
        const char *column = k >= 0 ? json_string_value(json_object_get(res->columns, f)) : NULL;
        json_array_append_new(res->problems,
                              jpack("{si ss ss ss ss}", "row", row, "field", f, "label",
                                    k >= 0 ? complaint_import_fields[k].label : f, "column",
                                    column ? column : "", "message", re->fields[i].msg));
    }
    if (!re->nfields)
        json_array_append_new(res->problems, jpack("{si ss ss ss ss}", "row", row, "field", "",
                                                   "label", "", "column", "", "message", re->msg));
    return 0;
}

/* [R-CMP-08] A work order of the 12345 platform is taken in once by an agency: the complaint that
 * took external_no in before on the channel hotline (1), none (0), or an error. */
static int earlier(struct importer *im, const char *external_no, int64_t *id, const char **number,
                   struct err *e)
{
    struct db_stmt *st = db_query(im->c->db, e,
                                  "SELECT id, number FROM complaint WHERE agency_id = ?"
                                  " AND channel = ? AND external_no = ?",
                                  "itt", im->c->who->agency_id, CHANNEL, external_no);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *id = db_int(st, 0);
        *number = arena_strdup(&im->row_arena, db_text(st, 1));
    }
    db_done(st);
    return rc < 0 ? rc : rc == DB_ROW;
}

/* Take one data row in, skip it as taken in before, or refuse it. */
static int take_row(struct importer *im, int row, int ncells, const char *const *cells,
                    struct err *e)
{
    struct complaint_import_result *res = im->res;
    struct complaint_input in;
    if (!row_input(im, ncells, cells, &in)) return 0; /* a note or totals line */
    res->rows++;
    int64_t id = 0;
    const char *number = NULL, *tracking;
    int rc = str_blank(in.external_no) ? 0 : earlier(im, in.external_no, &id, &number, e);
    if (rc < 0) return rc;
    if (rc) { /* [R-CMP-08] skipped and listed, not refused */
        res->skipped++;
        json_array_append_new(res->duplicates,
                              jpack("{si ss sI ss}", "row", row, "external_no", in.external_no,
                                    "id", (json_int_t)id, "number", number));
        return 0;
    }
    struct err re = {0};
    read_date(im, &in, &re);
    if (str_blank(in.external_no)) err_field(&re, "external_no", "缺少工单编号");
    if (re.code) {
        complaint_check(&in, &re); /* the row's other faults too, in one go */
        return refuse(im, row, &re);
    }
    rc = complaint_add(im->c, &in, &id, &tracking, &re);
    if (rc == ERR_INVALID || rc == ERR_CONFLICT) return refuse(im, row, &re);
    if (rc) return err_set(e, rc, "第%d行：%s", row, re.msg);
    struct db_stmt *st =
        db_query(im->c->db, e, "SELECT number FROM complaint WHERE id = ?", "i", id);
    if (!st) return e->code;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        json_array_append_new(res->saved,
                              jpack("{si sI ss ss}", "row", row, "id", (json_int_t)id, "number",
                                    db_text(st, 0), "external_no", in.external_no));
    db_done(st);
    if (rc < 0) return rc;
    res->imported++;
    return 0;
}

static int on_row(void *arg, int row, int ncells, const char *const *cells, struct err *e)
{
    struct importer *im = arg;
    arena_free(&im->row_arena);
    if (im->res->header_row) return take_row(im, row, ncells, cells, e);
    if (filled(ncells, cells) >= 2) return read_header(im, row, ncells, cells, e);
    if (++im->before_header < HEADER_SEARCH) return 0; /* a caption above the titles */
    return err_set(e, ERR_INVALID, "没有找到表头行：文件的前%d行中都没有列标题", HEADER_SEARCH);
}

/* ---- the import --------------------------------------------------------------------------- */

/* The defaults for rows without a line or matter, and the mapping to use. */
static int choose(struct importer *im, const struct complaint_import_options *o, json_t *saved,
                  struct err *e)
{
    struct complaint_import_result *res = im->res;
    res->line = !str_blank(o->line) ? o->line : saved_code(saved, "line", "lines", DEFAULT_LINE);
    res->matter = !str_blank(o->matter)
                      ? o->matter
                      : saved_code(saved, "matter", "complaint_matters", DEFAULT_MATTER);
    res->line = arena_strdup(im->c->arena, res->line);
    res->matter = arena_strdup(im->c->arena, res->matter);
    if (!catalog_has("lines", res->line)) err_field(e, "line", "请选择默认的专业类别");
    if (!catalog_has("complaint_matters", res->matter))
        err_field(e, "matter", "请选择默认的反映事项");
    if (o->columns) {
        const char *field;
        json_t *title;
        json_object_foreach(o->columns, field, title)
        {
            if (field_index(field) < 0 || !(json_is_string(title) || json_is_null(title)))
                err_field(e, "columns", "列的对应关系中有未知的字段：%s",
                          clip(im->c->arena, field, 40));
        }
        im->columns = o->columns;
    } else if (!o->remap && json_is_object(saved)) {
        im->columns = json_object_get(saved, "columns");
    }
    return e->code;
}

/* Forget what a failed import had taken in: its transaction is rolled back. */
static void forget_rows(struct complaint_import_result *res)
{
    res->imported = res->skipped = res->refused = 0;
    json_array_clear(res->saved);
    json_array_clear(res->duplicates);
    json_array_clear(res->problems);
}

/* Read the file within the transaction: the rows, then the mapping and the audit row. */
static int read_file(struct importer *im, const char *data, size_t len, const char *filename,
                     const struct complaint_import_options *o, json_t *saved, struct err *e)
{
    struct complaint_import_result *res = im->res;
    int rc = sheet_read_lim(data, len, filename, o->lim, on_row, im, e);
    if (rc == STOP) return 0;
    if (!rc && !res->header_row)
        rc = im->before_header ? err_set(e, ERR_INVALID,
                                         "没有找到表头行：文件中没有列标题（如工单编号、来电时间）")
                               : err_set(e, ERR_INVALID, "文件是空的：没有表头，也没有数据");
    if (!rc) rc = remember(im->c, saved, res, e);
    if (!rc)
        rc = audit_write(im->c, "complaint.import", "complaint", 0,
                         "从 %s 导入12345工单：登记 %d 件，重复跳过 %d 件，退回 %d 行",
                         filename ? filename : "文件", res->imported, res->skipped, res->refused);
    return rc;
}

int complaint_import(struct ctx *c, const char *data, size_t len, const char *filename,
                     const struct complaint_import_options *o, struct complaint_import_result *res,
                     struct err *e)
{
    *res = (struct complaint_import_result){.headers = json_array(),
                                            .saved = json_array(),
                                            .duplicates = json_array(),
                                            .problems = json_array()};
    json_t *saved = complaint_import_mapping(c, e);
    if (!saved) {
        res->columns = json_object();
        return e->code;
    }
    struct importer im = {.c = c, .res = res};
    int rc = choose(&im, o, saved, e);
    if (!rc && !len) rc = err_set(e, ERR_INVALID, "文件是空的：没有表头，也没有数据");
    bool begun = !rc && !(rc = db_begin(c->db, e));
    if (begun) rc = read_file(&im, data, len, filename, o, saved, e);
    arena_free(&im.row_arena);
    json_decref(saved);
    if (!res->columns) res->columns = json_object();
    if (rc && begun) {
        db_rollback(c->db);
        forget_rows(res);
    }
    return rc ? rc : db_commit(c->db, e);
}

void complaint_import_result_free(struct complaint_import_result *res)
{
    json_decref(res->headers);
    json_decref(res->columns);
    json_decref(res->saved);
    json_decref(res->duplicates);
    json_decref(res->problems);
    memset(res, 0, sizeof *res);
}
