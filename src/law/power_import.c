/* power_import.c — the power list and its baselines from a spreadsheet: read the rows, group them
 * by item code, and save each item and each baseline version through the functions the forms
 * use (power_item_add/update, discretion_add/update), in one transaction that is kept only when
 * no row had a problem and the user did not ask for a preview. */
#include "law/power_import.h"
#include "base/jpack.h"
#include "base/sheet.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/discretion.h"
#include "law/power.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct sheet_column power_columns[] = {
    {"code", "事项编码", NULL, true},
    {"name", "事项名称", NULL, true},
    {"kind", "权力类型", "事项类型", true},
    {"line", "专业", NULL, true},
    {"basis", "设定依据", "法律依据", true},
    {"violated", "违法条款", NULL, false},
    {"penalty_basis", "处罚条款", "处罚依据", false},
    {"penalty_types", "处罚种类", NULL, false},
    {"fine_min", "罚款下限（元）", NULL, false},
    {"fine_max", "罚款上限（元）", NULL, false},
    {"mult_min", "违法所得倍数下限", NULL, false},
    {"mult_max", "违法所得倍数上限", NULL, false},
    {"agency", "制定机构代码", NULL, false},
    {"effective_on", "基准生效日期", NULL, false},
    {"source", "基准制定文件", NULL, false},
    {"level_name", "裁量档次", NULL, false},
    {"conditions", "适用情形", NULL, false},
    {"penalty", "裁量标准", NULL, false},
    {"level_types", "档次处罚种类", NULL, false},
    {"level_fine_min", "档次罚款下限（元）", NULL, false},
    {"level_fine_max", "档次罚款上限（元）", NULL, false},
    {"level_mult_min", "档次倍数下限", NULL, false},
    {"level_mult_max", "档次倍数上限", NULL, false},
    {NULL, NULL, NULL, false},
};

#define NCOLS      23 /* entries of power_columns */
#define ITEM_COLS  13 /* the item's columns come first: code … agency */
#define LEVEL_FROM 15 /* the level's columns: level_name … */

/* A level's field in the law's names (level<N>_<name>) and its column. */
static const char *const level_fields[][2] = {
    {"name", "level_name"},         {"conditions", "conditions"},
    {"penalty", "penalty"},         {"penalty_types", "level_types"},
    {"fine_min", "level_fine_min"}, {"fine_max", "level_fine_max"},
    {"mult_min", "level_mult_min"}, {"mult_max", "level_mult_max"},
};

/* One import as it goes. */
struct importer {
    struct ctx *c;
    const struct power_import_options *o;
    struct power_import_result *res;
    int map[SHEET_DEFAULT_MAX_COLS]; /* spreadsheet column → index in power_columns, or -1 */
    bool have_header;
    json_t *rows; /* [{"row": n, field: text, …}] in file order */
};

/* ---- reading the rows --------------------------------------------------------------------- */

static const char *title_of(const char *field)
{
    for (int i = 0; power_columns[i].field; i++)
        if (strcmp(power_columns[i].field, field) == 0) return power_columns[i].title;
    return "";
}

static void problem(struct importer *im, int64_t row, const char *column, const char *msg)
{
    json_array_append_new(im->res->problems, jpack("{sI ss ss}", "row", (json_int_t)row, "column",
                                                   column, "message", msg));
}

static int read_header(struct importer *im, int row, int ncells, const char *const *cells,
                       struct err *e)
{
    for (size_t i = 0; i < countof(im->map); i++)
        im->map[i] = -1;
    for (int i = 0; i < ncells && i < (int)countof(im->map); i++) {
        char *t = str_trim(xstrdup(cells[i]));
        for (int k = 0; power_columns[k].field; k++)
            if (strcmp(t, power_columns[k].title) == 0 ||
                (power_columns[k].alt && strcmp(t, power_columns[k].alt) == 0))
                im->map[i] = k;
        free(t);
    }
    im->have_header = true;
    for (int k = 0; power_columns[k].field; k++) {
        bool found = false;
        for (size_t i = 0; i < countof(im->map); i++)
            found |= im->map[i] == k;
        if (power_columns[k].required && !found) {
            problem(im, row, power_columns[k].title, "缺少此列");
            err_set(e, ERR_INVALID, "第%d行（表头）缺少必需的列：%s", row, power_columns[k].title);
        }
    }
    return e->code;
}

static int on_row(void *arg, int row, int ncells, const char *const *cells, struct err *e)
{
    struct importer *im = arg;
    if (!im->have_header) return read_header(im, row, ncells, cells, e);
    json_t *o = jpack("{si}", "row", row);
    for (int i = 0; i < ncells && i < (int)countof(im->map); i++) {
        if (im->map[i] < 0) continue;
        char *v = str_trim(xstrdup(cells[i]));
        if (*v) jset_text(o, power_columns[im->map[i]].field, v);
        free(v);
    }
    json_array_append_new(im->rows, o);
    im->res->rows++;
    return 0;
}

/* A row's text of field, or NULL when blank. */
static const char *cell(json_t *row, const char *field)
{
    return json_string_value(json_object_get(row, field));
}

static int64_t row_no(json_t *row)
{
    return json_integer_value(json_object_get(row, "row"));
}

/* ---- problems from the law's messages ----------------------------------------------------- */

/* The column and the row of a field the law named: an item's field is on the item's first row,
 * a level's (level<N>_…) on the row of level N. */
static void locate(const char *field, json_t *first, json_t *levels, int64_t *row,
                   const char **column)
{
    *row = row_no(first);
    *column = title_of(field);
    int n = 0, used = 0;
    if (sscanf(field, "level%d_%n", &n, &used) != 1 || !used) return;
    if (n >= 1 && (size_t)n <= json_array_size(levels))
        *row = row_no(json_array_get(levels, n - 1));
    *column = title_of("level_name");
    for (size_t i = 0; i < countof(level_fields); i++)
        if (strcmp(field + used, level_fields[i][0]) == 0) *column = title_of(level_fields[i][1]);
}

/* Every message of re as a problem (a message without a field on first's row). */
static void report(struct importer *im, const struct err *re, json_t *first, json_t *levels)
{
    for (int i = 0; i < re->nfields; i++) {
        int64_t row;
        const char *column;
        locate(re->fields[i].name, first, levels, &row, &column);
        problem(im, row, column, re->fields[i].msg);
    }
    if (!re->nfields) problem(im, row_no(first), "", re->msg);
}

/* ---- an item ------------------------------------------------------------------------------ */

static struct power_item_input item_input(struct importer *im, json_t *row)
{
    const char *line = cell(row, "line");
    return (struct power_item_input){
        .agency_code = cell(row, "agency") ? cell(row, "agency") : im->o->agency_code,
        .code = cell(row, "code"),
        .name = cell(row, "name"),
        .kind = cell(row, "kind"),
        .line = line ? import_code("lines", line) : NULL,
        .basis = cell(row, "basis"),
        .violated = cell(row, "violated"),
        .penalty_basis = cell(row, "penalty_basis"),
        .terms = {cell(row, "penalty_types"), cell(row, "fine_min"), cell(row, "fine_max"),
                  cell(row, "mult_min"), cell(row, "mult_max")},
    };
}

/* Further rows of an item leave its columns blank or repeat them (each other value reported;
 * the first row's are the item's). */
static void rows_agree(struct importer *im, json_t *rows)
{
    json_t *first = json_array_get(rows, 0);
    for (size_t i = 1; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        for (int k = 0; k < ITEM_COLS; k++) {
            const char *v = cell(row, power_columns[k].field),
                       *w = cell(first, power_columns[k].field);
            if (!v || (w && strcmp(v, w) == 0)) continue;
            char msg[160];
            snprintf(msg, sizeof msg,
                     "与第%lld行（同一事项编码的第一行）不一致：同一事项的各行此列应"
                     "相同或留空",
                     (long long)row_no(first));
            problem(im, row_no(row), power_columns[k].title, msg);
        }
    }
}

/* The text of a JSON member, "" for null. */
static const char *text_of(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* Whether two texts are the same, blank and NULL alike. */
static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Whether the stored terms in o (power_terms_json) are t. */
static bool same_terms(json_t *o, const struct power_terms *t)
{
    json_t *fmin = json_object_get(o, "fine_min"), *fmax = json_object_get(o, "fine_max");
    json_t *mmin = json_object_get(o, "mult_min"), *mmax = json_object_get(o, "mult_max");
    return same_text(text_of(o, "penalty_types"), t->types) &&
           json_is_integer(fmax) == t->has_fine && json_is_integer(mmax) == t->has_mult &&
           (!t->has_fine ||
            (json_integer_value(fmin) == t->fine_min && json_integer_value(fmax) == t->fine_max)) &&
           (!t->has_mult ||
            (json_integer_value(mmin) == t->mult_min && json_integer_value(mmax) == t->mult_max));
}

/* Whether the stored item (power_item_get) holds what in and t say. */
static bool same_item(json_t *o, const struct power_item_input *in, const struct power_terms *t)
{
    return same_text(text_of(o, "name"), in->name) &&
           same_text(text_of(o, "kind"), power_kind_code(in->kind)) &&
           same_text(text_of(o, "line"), in->line) && same_text(text_of(o, "basis"), in->basis) &&
           same_text(text_of(o, "violated"), in->violated) &&
           same_text(text_of(o, "penalty_basis"), in->penalty_basis) && same_terms(o, t);
}

/* The agency an item goes to: its column, the options', or the actor's. */
static int item_agency(struct importer *im, const char *code, int64_t *id, struct err *e)
{
    if (str_blank(code)) {
        *id = im->c->who->agency_id;
        return *id ? 0 : err_field(e, "agency", "请填写制定机构代码");
    }
    if (agency_find(im->c, code, id, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
    }
    return 0;
}

/* Save the item of rows (added, changed or the same); *id gets its id and *terms its terms.
 * Returns 0, or 1 when it had problems (reported), or a negative error of the database. */
static int save_item(struct importer *im, json_t *rows, json_t *entry, int64_t *id,
                     struct power_terms *terms)
{
    json_t *first = json_array_get(rows, 0);
    struct power_item_input in = item_input(im, first);
    struct err re = {0};
    int64_t agency_id = 0;
    if (power_item_validate(&in, terms, &re) || item_agency(im, in.agency_code, &agency_id, &re)) {
        report(im, &re, first, NULL);
        return 1;
    }
    *id = power_item_find(im->c, agency_id, in.code, &re);
    if (*id < 0) return (int)*id;
    json_t *stored = *id ? power_item_get(im->c, *id, &re) : NULL;
    const char *action = "新增";
    int rc = 0;
    if (!*id) {
        rc = power_item_add(im->c, &in, id, &re);
        im->res->items_added += !rc;
    } else if (!stored) {
        rc = re.code;
    } else if (same_item(stored, &in, terms)) {
        action = "不变";
        im->res->items_same++;
    } else {
        action = "修改";
        rc = power_item_update(im->c, *id, &in, &re);
        im->res->items_changed += !rc;
    }
    json_decref(stored);
    jset_text(entry, "action", action);
    if (rc == ERR_INTERNAL) return rc;
    if (rc) report(im, &re, first, NULL);
    return rc ? 1 : 0;
}

/* ---- its baseline ------------------------------------------------------------------------- */

/* Whether a row gives a level (any of the level columns). */
static bool has_level(json_t *row)
{
    for (int k = LEVEL_FROM; k < NCOLS; k++)
        if (cell(row, power_columns[k].field)) return true;
    return false;
}

static struct discretion_level_input level_input(json_t *row)
{
    return (struct discretion_level_input){
        cell(row, "level_name"),
        cell(row, "conditions"),
        cell(row, "penalty"),
        {cell(row, "level_types"), cell(row, "level_fine_min"), cell(row, "level_fine_max"),
         cell(row, "level_mult_min"), cell(row, "level_mult_max")},
    };
}

/* Whether the stored version v (discretion_versions' entry) has the levels lv and source. */
static bool same_version(json_t *v, const struct discretion_level *lv, int n, const char *source)
{
    json_t *levels = json_object_get(v, "levels");
    if (json_array_size(levels) != (size_t)n || !same_text(text_of(v, "source"), source))
        return false;
    for (int i = 0; i < n; i++) {
        json_t *l = json_array_get(levels, (size_t)i);
        if (!same_text(text_of(l, "name"), lv[i].name) ||
            !same_text(text_of(l, "conditions"), lv[i].conditions) ||
            !same_text(text_of(l, "penalty"), lv[i].penalty) || !same_terms(l, &lv[i].terms))
            return false;
    }
    return true;
}

/* The version of versions dated day, or NULL. */
static json_t *version_dated(json_t *versions, const char *day)
{
    size_t i;
    json_t *v;
    json_array_foreach(versions, i, v)
    {
        if (strcmp(text_of(v, "effective_on"), day) == 0) return v;
    }
    return NULL;
}

/* The version of versions in force today, or NULL. */
static json_t *version_in_force(json_t *versions)
{
    size_t i;
    json_t *v;
    json_array_foreach(versions, i, v)
    {
        if (strcmp(text_of(v, "state"), "in_force") == 0) return v;
    }
    return NULL;
}

/* Save the checked version in (levels lv) of item id as the file has it: the same as a stored
 * one, a change to the one of its date, or a new one; what came of it into entry. */
static void save_checked(struct importer *im, int64_t id, const struct discretion_input *in,
                         const struct discretion_level *lv, json_t *versions, json_t *entry,
                         struct err *e)
{
    struct arena *a = im->c->arena;
    char today[DATE_STRLEN];
    date_format(date_from_instant(im->c->now), today);
    /* a version without a date is the same as the one in force today, if it is */
    json_t *dated = version_dated(versions, in->effective_on ? in->effective_on : today);
    json_t *same = dated ? dated : !in->effective_on ? version_in_force(versions) : NULL;
    if (same && same_version(same, lv, in->nlevels, in->source)) {
        im->res->versions_same++;
        jset_text(entry, "baseline",
                  arena_printf(a, "第%lld版不变",
                               (long long)json_integer_value(json_object_get(same, "number"))));
    } else if (dated) {
        int64_t vid = json_integer_value(json_object_get(dated, "id"));
        if (!discretion_update(im->c, id, vid, in, e)) im->res->versions_changed++;
        jset_text(entry, "baseline",
                  arena_printf(a, "修改%s起施行的版本", text_of(dated, "effective_on")));
    } else {
        int64_t vid;
        if (!discretion_add(im->c, id, in, &vid, e)) im->res->versions_added++;
        jset_text(
            entry, "baseline",
            arena_printf(a, "新增版本，%s起施行", in->effective_on ? in->effective_on : today));
    }
}

/* Save one baseline version of item id: the level rows levels, all of one effective date.
 * Returns 0, 1 when it had problems (reported), or a negative error of the database. */
static int save_version(struct importer *im, int64_t id, const struct power_terms *terms,
                        json_t *levels, json_t *entry)
{
    json_t *first = json_array_get(levels, 0);
    struct discretion_input in = {.effective_on = cell(first, "effective_on"),
                                  .source = cell(first, "source")};
    for (size_t i = 0; i < json_array_size(levels) && i < DISCRETION_MAX_LEVELS; i++)
        in.levels[in.nlevels++] = level_input(json_array_get(levels, i));
    struct err re = {0};
    struct discretion_level lv[DISCRETION_MAX_LEVELS];
    if (json_array_size(levels) > DISCRETION_MAX_LEVELS) {
        err_field(&re, "levels", "同一版本的裁量档次最多 %d 个", DISCRETION_MAX_LEVELS);
    } else if (!discretion_validate(&in, terms, lv, &re)) {
        json_t *versions = discretion_versions(im->c, id, &re);
        if (!versions) return re.code;
        save_checked(im, id, &in, lv, versions, entry, &re);
        json_decref(versions);
    }
    if (re.code == ERR_INTERNAL) return re.code;
    if (re.code) report(im, &re, first, levels);
    return re.code ? 1 : 0;
}

/* The effective date a level row gives, as YYYY-MM-DD (spreadsheets write dates several ways),
 * into row again; false when it does not read. */
static bool normalise_date(struct importer *im, json_t *row)
{
    const char *v = cell(row, "effective_on");
    day_t d;
    if (!v) return true;
    if (date_parse_loose(v, &d)) {
        problem(im, row_no(row), title_of("effective_on"), "日期格式有误，应为 YYYY-MM-DD");
        return false;
    }
    char text[DATE_STRLEN];
    date_format(d, text);
    jset_text(row, "effective_on", text);
    return true;
}

/* The item's level rows grouped by effective date, in file order of the dates (new reference):
 * [[row, …], …]; NULL when a date does not read (reported). */
static json_t *versions_of(struct importer *im, json_t *rows)
{
    json_t *groups = json_array(), *bydate = json_object();
    bool ok = true;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        if (!has_level(row)) continue;
        ok &= normalise_date(im, row);
        const char *day = cell(row, "effective_on") ? cell(row, "effective_on") : "";
        json_t *g = json_object_get(bydate, day);
        if (!g) {
            g = json_array();
            json_object_set_new(bydate, day, g);
            json_array_append(groups, g);
        }
        json_array_append(g, row);
    }
    json_decref(bydate);
    if (!ok) json_decref(groups);
    return ok ? groups : NULL;
}

/* One item of the file and its baseline versions. */
static int import_one(struct importer *im, json_t *rows)
{
    json_t *first = json_array_get(rows, 0);
    json_t *entry =
        jpack("{sI ss ss}", "row", (json_int_t)row_no(first), "code", cell(first, "code"), "name",
              cell(first, "name") ? cell(first, "name") : "");
    json_array_append_new(im->res->items, entry);
    rows_agree(im, rows);
    int64_t id = 0;
    struct power_terms terms;
    int rc = save_item(im, rows, entry, &id, &terms);
    json_t *groups = rc ? NULL : versions_of(im, rows);
    for (size_t i = 0; groups && i < json_array_size(groups) && rc >= 0; i++)
        rc = save_version(im, id, &terms, json_array_get(groups, i), entry);
    json_decref(groups);
    return rc < 0 ? rc : 0;
}

/* The rows grouped by code, in the order codes first appear (new reference); a row without a
 * code is reported. */
static json_t *items_of(struct importer *im)
{
    json_t *items = json_array(), *bycode = json_object();
    for (size_t i = 0; i < json_array_size(im->rows); i++) {
        json_t *row = json_array_get(im->rows, i);
        const char *code = cell(row, "code");
        if (!code) {
            problem(im, row_no(row), title_of("code"), "请填写事项编码");
            continue;
        }
        json_t *g = json_object_get(bycode, code);
        if (!g) {
            g = json_array();
            json_object_set_new(bycode, code, g);
            json_array_append(items, g);
        }
        json_array_append(g, row);
    }
    json_decref(bycode);
    return items;
}

/* ---- the file ----------------------------------------------------------------------------- */

/* Save every item of the file; a database error stops. */
static int import_rows(struct importer *im, const char *filename, struct err *e)
{
    json_t *items = items_of(im);
    int rc = 0;
    for (size_t i = 0; i < json_array_size(items) && !rc; i++)
        rc = import_one(im, json_array_get(items, i));
    json_decref(items);
    if (rc) return err_set(e, rc, "导入时数据库出错，未导入任何数据");
    size_t bad = json_array_size(im->res->problems);
    if (bad) return err_set(e, ERR_INVALID, "%zu 处错误，未导入任何数据（修正后重新导入）", bad);
    if (!im->res->rows) return err_set(e, ERR_INVALID, "文件中没有数据");
    if (im->o->preview) return 0;
    /* [R-POW-09] saved only when every row is right */
    return audit_write(im->c, "power_item.import", "power_item", 0,
                       "从 %s 导入权责清单：新增 %d 项、修改 %d 项，裁量基准新增 %d 版、修改 %d 版",
                       filename ? filename : "文件", im->res->items_added, im->res->items_changed,
                       im->res->versions_added, im->res->versions_changed);
}

int power_import(struct ctx *c, const char *data, size_t len, const char *filename,
                 const struct power_import_options *o, struct power_import_result *res,
                 struct err *e)
{
    memset(res, 0, sizeof *res);
    res->problems = json_array();
    res->items = json_array();
    struct importer im = {.c = c, .o = o, .res = res, .rows = json_array()};
    int rc = sheet_read(data, len, filename, on_row, &im, e);
    if (!rc && !im.have_header) rc = err_set(e, ERR_INVALID, "文件中没有数据");
    if (!rc) rc = db_begin(c->db, e);
    if (!rc) {
        rc = import_rows(&im, filename, e);
        if (rc || o->preview)
            db_rollback(c->db);
        else
            rc = db_commit(c->db, e);
    }
    json_decref(im.rows);
    res->saved = !rc && !o->preview;
    return rc;
}

void power_import_result_free(struct power_import_result *res)
{
    json_decref(res->problems);
    json_decref(res->items);
    memset(res, 0, sizeof *res);
}
