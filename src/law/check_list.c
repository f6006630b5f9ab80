/* check_list.c — the 随机抽查事项清单 (published list of random-check items). */
#include "law/area.h"
#include "base/jpack.h"
#include "law/check_list.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/draw.h"
#include "law/field.h"
#include "law/record.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *code, *label;
} methods[] = {
    {"onsite", "现场检查"},
    {"document", "书面检查"},
    {"online", "网络监测"},
    {"sampling", "抽样检测"},
};

static const char *method_label(const char *code)
{
    for (size_t i = 0; i < countof(methods); i++)
        if (strcmp(code, methods[i].code) == 0) return methods[i].label;
    return NULL;
}

json_t *check_methods(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < countof(methods); i++)
        json_array_append_new(a,
                              jpack("{ss ss}", "code", methods[i].code, "label", methods[i].label));
    return a;
}

/* Call fn for each code of a comma-separated list (codes of up to 31 bytes; longer ones are
 * passed as ""). Stops at the first non-zero answer and returns it. */
static int each_code(const char *codes, int (*fn)(void *arg, const char *code), void *arg)
{
    const char *p = codes ? codes : "";
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char code[32] = "";
        if (len < sizeof code) {
            memcpy(code, p, len);
            code[len] = 0;
        }
        int rc = fn(arg, code);
        if (rc) return rc;
        p += len + (comma ? 1 : 0);
    }
    return 0;
}

/* Label writer state for each_code. */
struct labels {
    const char *list; /* catalogue list, or NULL for the method table */
    char *out;        /* where the labels go, joined by 、 */
    size_t n, used;   /* its size and bytes used */
};

static int add_label(void *arg, const char *code)
{
    struct labels *l = arg;
    const char *label = l->list ? catalog_label(l->list, code) : method_label(code);
    int w = snprintf(l->out + l->used, l->n - l->used, "%s%s", l->used ? "、" : "",
                     label ? label : code);
    if (w < 0 || (size_t)w >= l->n - l->used) return 1;
    l->used += (size_t)w;
    return 0;
}

void check_method_labels(const char *codes, char *out, size_t n)
{
    struct labels l = {NULL, out, n, 0};
    out[0] = 0;
    each_code(codes, add_label, &l);
}

/* Labels of catalogue codes (subtypes) into out. */
static void catalog_labels(const char *list, const char *codes, char *out, size_t n)
{
    struct labels l = {list, out, n, 0};
    out[0] = 0;
    each_code(codes, add_label, &l);
}

static int bad_subtype(void *arg, const char *code)
{
    (void)arg;
    return !catalog_has("subtypes", code);
}

static int bad_method(void *arg, const char *code)
{
    (void)arg;
    return !method_label(code);
}

int check_item_validate(const struct check_item_input *in, struct err *e)
{
    if (!field_text(in->code, "code", "事项编码", true, 40, e))
        for (const char *p = in->code; *p; p++)
            if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= 'a' && *p <= 'z') || *p == '-' || *p == '_' || *p == '.')) {
                err_field(e, "code", "事项编码只能由字母、数字和 - _ . 组成");
                break;
            }
    field_text(in->name, "name", "抽查事项名称", true, 100, e);
    field_catalog(in->line, "lines", "line", "专业", true, e);
    field_text(in->basis, "basis", "抽查依据", true, 500, e);
    if (each_code(in->subtypes, bad_subtype, NULL)) err_field(e, "subtypes", "抽查对象类别有误");
    if (str_blank(in->method))
        err_field(e, "method", "请选择抽查方式");
    else if (each_code(in->method, bad_method, NULL))
        err_field(e, "method", "抽查方式应为现场检查、书面检查、网络监测或抽样检测");
    int bp;
    if (!str_blank(in->ratio) &&
        (draw_ratio_parse(in->ratio, &bp) || bp <= 0 || bp > DRAW_RATIO_FULL))
        err_field(e, "ratio", "抽查比例应为大于0且不超过100的百分数，如 5 或 5.5");
    field_text(in->frequency, "frequency", "抽查频次", false, 40, e);
    return e->code;
}

/* The agency an item goes to: the given code in scope, or the actor's own. */
static int item_agency(struct ctx *c, const char *code, int64_t *id, struct err *e)
{
    if (str_blank(code)) {
        *id = c->who->agency_id;
        return *id ? 0 : err_field(e, "agency", "请选择发布机构");
    }
    if (agency_find(c, code, id, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
    }
    return 0;
}

/* The ratio in basis points, or 0 for none (validated before). */
static int64_t ratio_of(const struct check_item_input *in)
{
    int bp = 0;
    if (str_blank(in->ratio) || draw_ratio_parse(in->ratio, &bp)) return 0;
    return bp;
}

/* A duplicate code as a field error, after the failed statement was rolled back. */
static int duplicate_code(struct ctx *c, const char *code, struct err *e)
{
    db_rollback(c->db);
    err_clear(e);
    err_field(e, "code", "本机构已有编码为 %s 的抽查事项", code);
    return e->code = ERR_CONFLICT;
}

int check_item_add(struct ctx *c, const struct check_item_input *in, int64_t *id, struct err *e)
{
    if (check_item_validate(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t agency_id;
    rc = item_agency(c, in->agency_code, &agency_id, e);
    if (rc) goto fail;
    int64_t bp = ratio_of(in);
    rc = db_get_int(c->db, e, id,
                    "INSERT INTO check_list_item (agency_id, code, name, line, basis, subtypes,"
                    " method, ratio_bp, frequency, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    "ittttttItii", agency_id, in->code, in->name, in->line, in->basis,
                    in->subtypes ? in->subtypes : "", in->method, bp, blank_to_null(in->frequency),
                    c->now, c->now);
    if (rc == ERR_CONFLICT) return duplicate_code(c, in->code, e);
    if (!rc)
        rc = audit_write(c, "check_item.create", "check_item", *id, "登记抽查事项 %s %s", in->code,
                         in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

/* An item in the actor's own subtree (writable): its published flag and version. */
static int item_own(struct ctx *c, int64_t id, bool *published, int64_t *version, struct err *e)
{
    struct record_ref r;
    int rc = record_in_scope(c, "check_list_item", id, "published", "抽查事项不存在", &r, e);
    if (rc) return rc;
    *published = r.extra && strcmp(r.extra, "0") != 0;
    if (version) *version = r.version;
    return 0;
}

int check_item_update(struct ctx *c, int64_t id, const struct check_item_input *in, struct err *e)
{
    if (check_item_validate(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    bool published;
    int64_t version, agency_id;
    rc = item_own(c, id, &published, &version, e);
    if (!rc && published) /* [R-PLAN-02] */
        rc = err_set(e, ERR_CONFLICT, "已公布的抽查事项不能修改，请先撤回公布");
    if (!rc && in->version && in->version != version)
        rc = err_set(e, ERR_CONFLICT, "该记录已被他人修改，请刷新后重新编辑");
    if (!rc) rc = item_agency(c, in->agency_code, &agency_id, e);
    if (rc) goto fail;
    int64_t n = db_exec(c->db, e,
                        "UPDATE check_list_item SET agency_id = ?, code = ?, name = ?, line = ?,"
                        " basis = ?, subtypes = ?, method = ?, ratio_bp = ?, frequency = ?,"
                        " updated_at = ?, version = version + 1 WHERE id = ?",
                        "ittttttItii", agency_id, in->code, in->name, in->line, in->basis,
                        in->subtypes ? in->subtypes : "", in->method, ratio_of(in),
                        blank_to_null(in->frequency), c->now, id);
    if (n == ERR_CONFLICT) return duplicate_code(c, in->code, e);
    if (n < 0) rc = (int)n;
    if (!rc)
        rc = audit_write(c, "check_item.update", "check_item", id, "修改抽查事项 %s %s", in->code,
                         in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

int check_item_publish(struct ctx *c, int64_t id, bool publish, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    bool published;
    rc = item_own(c, id, &published, NULL, e);
    if (!rc && published == publish)
        rc = err_set(e, ERR_CONFLICT, publish ? "该事项已公布" : "该事项尚未公布");
    if (rc) goto fail;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (db_exec(c->db, e,
                "UPDATE check_list_item SET published = ?, published_on = ?, updated_at = ?,"
                " version = version + 1 WHERE id = ?",
                "itii", (int64_t)publish, publish ? today : NULL, c->now, id) < 0) {
        rc = e->code;
        goto fail;
    }
    rc = audit_write(c, publish ? "check_item.publish" : "check_item.withdraw", "check_item", id,
                     publish ? "公布抽查事项（编号 %lld）" : "撤回公布抽查事项（编号 %lld）",
                     (long long)id);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

#define ITEM_COLS                                                                                  \
    "i.id, i.code, i.name, i.line, i.basis, i.subtypes, i.method, i.ratio_bp, i.frequency,"        \
    " i.published, i.published_on, i.version, a.name, a.code, a.path"
#define ITEM_FROM " FROM check_list_item i JOIN agency a ON a.id = i.agency_id"

/* One row as JSON; own: the actor may edit it. */
static json_t *item_row(struct db_stmt *st, bool own)
{
    char subtypes[512], method[128], ratio[16] = "";
    catalog_labels("subtypes", db_text(st, 5), subtypes, sizeof subtypes);
    check_method_labels(db_text(st, 6), method, sizeof method);
    if (!db_null(st, 7) && db_int(st, 7) > 0) draw_ratio_text((int)db_int(st, 7), ratio);
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_text(o, "code", db_text(st, 1));
    jset_text(o, "name", db_text(st, 2));
    jset_text(o, "line", db_text(st, 3));
    jset_text(o, "line_label", catalog_label("lines", db_text(st, 3)));
    jset_text(o, "basis", db_text(st, 4));
    jset_text(o, "subtypes", db_text(st, 5));
    jset_text(o, "subtypes_label", *subtypes ? subtypes : "本专业全部监管对象");
    jset_text(o, "method", db_text(st, 6));
    jset_text(o, "method_label", method);
    jset_text(o, "ratio", *ratio ? ratio : NULL);
    jset_text(o, "frequency", db_text(st, 8));
    jset_bool(o, "published", db_int(st, 9) != 0);
    jset_text(o, "published_on", db_text(st, 10));
    jset_int(o, "version", db_int(st, 11));
    jset_text(o, "agency", db_text(st, 12));
    jset_text(o, "agency_code", db_text(st, 13));
    jset_bool(o, "own", own);
    return o;
}

/* True when the item's agency path is visible: the actor's subtree or an ancestor. */
static bool visible(const struct actor *who, const char *path, bool *own)
{
    *own = actor_sees_path(who, path);
    return *own || (who->agency_path && path && str_prefix(who->agency_path, path));
}

json_t *check_item_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.id = ?", "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    bool own;
    if (db_step(st, e) == DB_ROW && visible(c->who, db_text(st, 14), &own)) o = item_row(st, own);
    db_done(st);
    if (!o && !e->code) err_set(e, ERR_NOTFOUND, "抽查事项不存在");
    return o;
}

json_t *check_item_list(struct ctx *c, const char *line, bool published_only, struct err *e)
{
    const char *path = c->who->agency_path ? c->who->agency_path : "/";
    struct db_cond w = {0};
    db_cond_add(&w, "(a.path LIKE ? OR ? LIKE (a.path || '%'))", "tt",
                arena_printf(c->arena, "%s%%", path), path);
    if (!str_blank(line)) db_cond_add(&w, "i.line = ?", "t", line);
    if (published_only) db_cond_add(&w, "i.published = 1", "");
    struct db_stmt *st = db_cond_query(c->db, e,
                                       arena_printf(c->arena,
                                                    "SELECT " ITEM_COLS ITEM_FROM
                                                    " WHERE %s ORDER BY i.line, i.code, i.id",
                                                    db_cond_sql(&w)),
                                       &w);
    db_cond_free(&w);
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW) {
        bool own;
        visible(c->who, db_text(st, 14), &own);
        json_array_append_new(rows, item_row(st, own));
    }
    db_done(st);
    if (e->code) {
        json_decref(rows);
        return NULL;
    }
    return jpack("{so}", "rows", rows);
}

json_t *check_item_public_list(struct ctx *c, const char *agency_code, struct err *e)
{
    struct db_cond w = {0};
    db_cond_add(&w, "i.published = 1", "");
    if (!str_blank(agency_code)) db_cond_add(&w, "a.code = ?", "t", agency_code);
    struct db_stmt *st = db_cond_query(c->db, e,
                                       arena_printf(c->arena,
                                                    "SELECT " ITEM_COLS ITEM_FROM
                                                    " WHERE %s ORDER BY a.id, i.line, i.code",
                                                    db_cond_sql(&w)),
                                       &w);
    db_cond_free(&w);
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW)
        json_array_append_new(rows, item_row(st, false));
    db_done(st);
    if (e->code) {
        json_decref(rows);
        return NULL;
    }
    return jpack("{so}", "rows", rows);
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"check_list_item", "抽查事项", true, "id", {{"agency_id", "agency", REF_ID}}},
};

const struct law_area law_area_check_items = {"check_items", tables, countof(tables), NULL, 0};
