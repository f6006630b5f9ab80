/* import.c — registry imports: map columns by title, translate labels to codes, save each row
 * through the same law/ function a form uses, collect every problem. */
#include "base/jpack.h"
#include "law/import.h"
#include "law/catalog.h"
#include "law/entity.h"
#include "law/officer.h"
#include "law/audit.h"
#include "base/sheet.h"
#include "base/codes.h"

#include <stdio.h>

#include <string.h>

const struct sheet_column entity_columns[] = {
    {"name", "名称", "单位名称", true},
    {"kind", "类型", NULL, false},
    {"uscc", "统一社会信用代码", "社会信用代码", false},
    {"id_number", "身份证号", "身份证号码", false},
    {"legal_rep", "法定代表人", "负责人", false},
    {"address", "地址", "经营地址", false},
    {"division_code", "行政区划代码", NULL, false},
    {"subtype", "类别", "单位类别", true},
    {"lines", "专业", NULL, false},
    {"status", "状态", "经营状态", false},
    {"risk_grade", "风险等级", NULL, false},
    {"phone", "联系电话", "电话", false},
    {"agency", "管辖机构代码", NULL, false},
    {"licence_type", "许可证类型", NULL, false},
    {"licence_number", "许可证号", NULL, false},
    {"licence_from", "许可证有效期起", NULL, false},
    {"licence_to", "许可证有效期止", NULL, false},
    {NULL, NULL, NULL, false},
};

const struct sheet_column officer_columns[] = {
    {"name", "姓名", NULL, true},
    {"id_number", "身份证号", "身份证号码", true},
    {"phone", "联系电话", "电话", false},
    {"cert_no", "执法证号", "执法证件号", true},
    {"cert_issued", "发证日期", NULL, true},
    {"cert_expires", "有效期至", NULL, true},
    {"status", "状态", NULL, false},
    {"status_reason", "状态原因", NULL, false},
    {"lines", "专业", "执法领域", true},
    {"legal_qualified", "法律职业资格", NULL, false},
    {"agency", "所属机构代码", NULL, false},
    {"department", "科室", NULL, false},
    {NULL, NULL, NULL, false},
};

static const char *const value_labels[][3] = {
    /* list, code, label */
    {"kind", "org", "单位"},
    {"kind", "person", "个人"},
    {"entity_status", "open", "营业"},
    {"entity_status", "suspended", "停业"},
    {"entity_status", "closed", "注销"},
    {"officer_status", "active", "在岗"},
    {"officer_status", "suspended", "暂停"},
    {"officer_status", "cancelled", "注销"},
    {"yesno", "1", "是"},
    {"yesno", "0", "否"},
    {NULL, NULL, NULL},
};

const char *import_code(const char *list, const char *value)
{
    if (!value || !*value) return value;
    for (int i = 0; value_labels[i][0]; i++)
        if (strcmp(value_labels[i][0], list) == 0 && strcmp(value_labels[i][2], value) == 0)
            return value_labels[i][1];
    json_t *item;
    size_t i;
    json_array_foreach(json_object_get(catalog_json(), list), i, item)
    {
        const char *label = json_string_value(json_object_get(item, "label"));
        const char *code = json_string_value(json_object_get(item, "code"));
        /* "A 低风险" style labels: the code alone is accepted too */
        if (strcmp(label, value) == 0) return code;
    }
    return value;
}

/* Length of the separator between lines at p (ASCII , ; / space or full-width ，、；), or 0.
 * Compared as whole UTF-8 sequences: strtok's byte set would cut Chinese labels apart. */
static size_t line_separator(const char *p)
{
    static const char *const seps[] = {",", ";", "/", " ", "，", "、", "；"};
    for (size_t i = 0; i < countof(seps); i++)
        if (str_prefix(p, seps[i])) return strlen(seps[i]);
    return 0;
}

/* "医疗卫生、传染病防治" or "medical,infectious" → "medical,infectious" (arena). */
static const char *lines_codes(struct arena *a, const char *value)
{
    if (!value || !*value) return value;
    struct buf out = {0};
    for (const char *p = value; *p;) {
        size_t sep = line_separator(p);
        if (sep) {
            p += sep;
            continue;
        }
        const char *start = p;
        while (*p && !line_separator(p))
            p++;
        if (out.len) buf_addc(&out, ',');
        buf_adds(&out, import_code("lines", arena_strndup(a, start, (size_t)(p - start))));
    }
    const char *s = arena_strdup(a, buf_str(&out));
    buf_free(&out);
    return s;
}

/* State of one import while rows stream in. */
struct importer {
    struct ctx *c;
    const struct sheet_column *cols;
    int map[256]; /* spreadsheet column → index in cols, or -1 */
    bool have_header;
    bool skip_invalid;
    void (*progress)(int);
    struct import_result *res;
    bool entities;          /* entities (true) or officers */
    struct arena row_arena; /* per-row strings */
    json_t *seen;           /* USCC / ID number → id of entities saved from this file */
};

static const char *cell(struct importer *im, int ncells, const char *const *cells,
                        const char *field)
{
    for (int i = 0; i < ncells && i < 256; i++) {
        int k = im->map[i];
        if (k >= 0 && strcmp(im->cols[k].field, field) == 0) {
            char *v = arena_strdup(&im->row_arena, cells[i]);
            return str_trim(v);
        }
    }
    return NULL;
}

static const char *title_of(const struct sheet_column *cols, const char *field)
{
    for (int i = 0; cols[i].field; i++)
        if (strcmp(cols[i].field, field) == 0) return cols[i].title;
    return field;
}

static void problem(struct importer *im, int row, const char *column, const char *msg)
{
    json_array_append_new(im->res->problems,
                          jpack("{si ss ss}", "row", row, "column", column, "message", msg));
}

static int read_header(struct importer *im, int row, int ncells, const char *const *cells,
                       struct err *e)
{
    for (int i = 0; i < 256; i++)
        im->map[i] = -1;
    for (int i = 0; i < ncells && i < 256; i++) {
        char *t = str_trim(arena_strdup(&im->row_arena, cells[i]));
        for (int k = 0; im->cols[k].field; k++)
            if (strcmp(t, im->cols[k].title) == 0 ||
                (im->cols[k].alt && strcmp(t, im->cols[k].alt) == 0))
                im->map[i] = k;
    }
    for (int k = 0; im->cols[k].field; k++) {
        bool found = false;
        for (int i = 0; i < ncells && i < 256; i++)
            found |= im->map[i] == k;
        if (im->cols[k].required && !found) {
            problem(im, row, im->cols[k].title, "缺少此列");
            err_set(e, ERR_INVALID, "第%d行（表头）缺少必需的列：%s", row, im->cols[k].title);
        }
    }
    im->have_header = true;
    return e->code;
}

static int save_entity(struct importer *im, int ncells, const char *const *cells, struct err *e)
{
#define C(f) cell(im, ncells, cells, f)
    struct entity_input in = {.agency_code = C("agency"),
                              .kind = import_code("kind", C("kind")),
                              .name = C("name"),
                              .uscc = C("uscc"),
                              .id_number = C("id_number"),
                              .legal_rep = C("legal_rep"),
                              .address = C("address"),
                              .division_code = C("division_code"),
                              .subtype = import_code("subtypes", C("subtype")),
                              .lines = lines_codes(&im->row_arena, C("lines")),
                              .status = import_code("entity_status", C("status")),
                              .risk_grade = C("risk_grade"),
                              .phone = C("phone")};
    if (in.risk_grade && *in.risk_grade)
        in.risk_grade = arena_strndup(&im->row_arena, in.risk_grade, 1);
    if (in.uscc) code_normalize((char *)in.uscc);
    if (in.id_number) code_normalize((char *)in.id_number);
    struct licence_input li = {.type = import_code("licence_types", C("licence_type")),
                               .number = C("licence_number"),
                               .valid_from = C("licence_from"),
                               .valid_to = C("licence_to")};
#undef C
    int rc = db_begin(im->c->db, e);
    if (rc) return rc;
    /* A further row for an entity saved from this file adds its next licence (exports write one
     * row per licence). */
    const char *key = in.uscc && *in.uscc ? in.uscc : in.id_number;
    json_t *prev = key && *key && !str_blank(li.number) ? json_object_get(im->seen, key) : NULL;
    int64_t id = prev ? json_integer_value(prev) : 0;
    if (!prev) rc = entity_add(im->c, &in, &id, e);
    if (!rc && !prev && key && *key) json_object_set_new(im->seen, key, json_integer(id));
    if (!rc && !str_blank(li.number)) {
        int64_t lid;
        rc = licence_add(im->c, id, &li, &lid, e);
        /* licence fields are reported under their own column titles */
        for (int i = 0; i < e->nfields; i++) {
            const char *f = e->fields[i].name;
            const char *map = strcmp(f, "type") == 0         ? "licence_type"
                              : strcmp(f, "number") == 0     ? "licence_number"
                              : strcmp(f, "valid_from") == 0 ? "licence_from"
                              : strcmp(f, "valid_to") == 0   ? "licence_to"
                                                             : f;
            snprintf(e->fields[i].name, sizeof e->fields[i].name, "%s", map);
        }
    }
    if (rc) {
        db_rollback(im->c->db);
        return rc;
    }
    return db_commit(im->c->db, e);
}

static int save_officer(struct importer *im, int ncells, const char *const *cells, struct err *e)
{
#define C(f) cell(im, ncells, cells, f)
    struct officer_input in = {.agency_code = C("agency"),
                               .department = C("department"),
                               .name = C("name"),
                               .id_number = C("id_number"),
                               .phone = C("phone"),
                               .cert_no = C("cert_no"),
                               .cert_issued = C("cert_issued"),
                               .cert_expires = C("cert_expires"),
                               .status = import_code("officer_status", C("status")),
                               .status_reason = C("status_reason"),
                               .lines = lines_codes(&im->row_arena, C("lines")),
                               .legal_qualified = import_code("yesno", C("legal_qualified"))};
#undef C
    if (in.id_number) code_normalize((char *)in.id_number);
    int64_t id;
    return officer_add(im->c, &in, &id, e);
}

static int on_row(void *arg, int row, int ncells, const char *const *cells, struct err *e)
{
    struct importer *im = arg;
    arena_free(&im->row_arena);
    if (!im->have_header) return read_header(im, row, ncells, cells, e);
    im->res->rows++;
    struct err re = {0};
    int rc =
        im->entities ? save_entity(im, ncells, cells, &re) : save_officer(im, ncells, cells, &re);
    if (rc == ERR_INTERNAL) return err_set(e, ERR_INTERNAL, "第%d行：%s", row, re.msg);
    if (rc) {
        im->res->bad++;
        for (int i = 0; i < re.nfields; i++)
            problem(im, row, title_of(im->cols, re.fields[i].name), re.fields[i].msg);
        if (!re.nfields) problem(im, row, "", re.msg);
    } else {
        im->res->imported++;
    }
    if (im->progress && im->res->rows % 1000 == 0) im->progress(im->res->rows);
    return 0;
}

static int run_import(struct ctx *c, bool entities, const char *data, size_t len,
                      const char *filename, bool skip_invalid, void (*progress)(int),
                      struct import_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    res->problems = json_array();
    struct importer im = {.c = c,
                          .cols = entities ? entity_columns : officer_columns,
                          .skip_invalid = skip_invalid,
                          .progress = progress,
                          .res = res,
                          .entities = entities,
                          .seen = json_object()};
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = sheet_read(data, len, filename, on_row, &im, e);
    arena_free(&im.row_arena);
    json_decref(im.seen);
    if (!rc && !im.have_header) rc = err_set(e, ERR_INVALID, "文件中没有数据");
    if (!rc && res->bad && !skip_invalid)
        rc = err_set(e, ERR_INVALID,
                     "%d 行有错误，未导入任何数据（可修正后重新导入，或选择跳过错误行）", res->bad);
    if (!rc)
        rc = audit_write(c, entities ? "entity.import" : "officer.import",
                         entities ? "entity" : "officer", 0, "从 %s 导入 %d 条（跳过 %d 条错误行）",
                         filename ? filename : "文件", res->imported, res->bad);
    if (rc) {
        db_rollback(c->db);
        if (!skip_invalid) res->imported = 0;
        return rc;
    }
    return db_commit(c->db, e);
}

int import_entities(struct ctx *c, const char *data, size_t len, const char *filename,
                    bool skip_invalid, void (*progress)(int rows), struct import_result *res,
                    struct err *e)
{
    return run_import(c, true, data, len, filename, skip_invalid, progress, res, e);
}

int import_officers(struct ctx *c, const char *data, size_t len, const char *filename,
                    bool skip_invalid, void (*progress)(int rows), struct import_result *res,
                    struct err *e)
{
    return run_import(c, false, data, len, filename, skip_invalid, progress, res, e);
}
