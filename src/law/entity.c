/* entity.c — the registry of regulated entities. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/role.h"
#include "law/entity.h"
#include "law/publicity.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/field.h"
#include "law/paging.h"
#include "law/record.h"
#include "base/codes.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *code, *label;
} statuses[] = {{"open", "营业"}, {"suspended", "停业"}, {"closed", "注销"}};

const char *entity_status_label(const char *status)
{
    for (size_t i = 0; i < countof(statuses); i++)
        if (status && strcmp(status, statuses[i].code) == 0) return statuses[i].label;
    return NULL;
}

static bool is_person(const struct entity_input *in)
{
    return in->kind && strcmp(in->kind, "person") == 0;
}

int entity_validate(const struct entity_input *in, struct err *e)
{
    if (!str_blank(in->kind) && strcmp(in->kind, "org") != 0 && !is_person(in))
        err_field(e, "kind", "类型应为单位或个人");
    field_text(in->name, "name", is_person(in) ? "姓名" : "名称", true, 100, e);
    if (is_person(in)) {
        if (str_blank(in->id_number)) /* [R-ENT-02] */
            err_field(e, "id_number", "个人须填写身份证号");
        else
            idcard_check(in->id_number, e, "id_number");
    } else {
        if (str_blank(in->uscc)) /* [R-ENT-01] */
            err_field(e, "uscc", "单位须填写统一社会信用代码");
        else
            uscc_check(in->uscc, e, "uscc");
    }
    field_text(in->legal_rep, "legal_rep", "法定代表人（负责人）", false, 30, e);
    field_text(in->address, "address", "地址", !is_person(in), 200, e);
    field_division(in->division_code, "division_code", e);
    field_catalog(in->subtype, "subtypes", "subtype", "类别", true, e);
    field_lines(in->lines, "lines", false, e);
    if (!str_blank(in->status) && !entity_status_label(in->status))
        err_field(e, "status", "状态应为营业、停业或注销");
    field_catalog(in->risk_grade, "risk_grades", "risk_grade", "风险等级", false, e);
    field_phone(in->phone, "phone", e);
    return e->code;
}

/* The lines to store: as given, or the sub-type's lines. Arena string. */
static const char *effective_lines(struct ctx *c, const struct entity_input *in)
{
    if (!str_blank(in->lines)) return in->lines;
    struct buf b = {0};
    json_t *arr = catalog_subtype_lines(in->subtype), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        if (i) buf_addc(&b, ',');
        buf_adds(&b, json_string_value(v));
    }
    const char *s = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* Rewrite the entity_line index rows of an entity. */
static int store_lines(struct ctx *c, int64_t id, const char *lines, struct err *e)
{
    if (db_exec(c->db, e, "DELETE FROM entity_line WHERE entity_id = ?", "i", id) < 0)
        return e->code;
    const char *p = lines;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *code = arena_strndup(c->arena, p, len);
        if (db_exec(c->db, e,
                    "INSERT INTO entity_line (entity_id, line) VALUES (?, ?)"
                    " ON CONFLICT (entity_id, line) DO NOTHING",
                    "it", id, code) < 0)
            return e->code;
        p += len + (comma ? 1 : 0);
    }
    return 0;
}

static int resolve_agency(struct ctx *c, const char *code, int64_t *agency_id, int64_t *root_id,
                          struct err *e)
{
    const char *path;
    if (str_blank(code)) {
        *agency_id = c->who->agency_id;
        if (!*agency_id) return err_field(e, "agency", "请选择管辖机构");
    } else if (agency_find(c, code, agency_id, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
    }
    return agency_path_of(c, *agency_id, &path, root_id, e);
}

/* Message for a uniqueness violation on USCC / ID number: [R-ENT-03] a USCC is registered once
 * under a top-level agency (the unique index entity_uscc on root_id, uscc refuses a second). */
static int duplicate(const struct entity_input *in, struct err *e)
{
    err_clear(e);
    if (is_person(in))
        err_field(e, "id_number", "该身份证号已登记为管理相对人");
    else
        err_field(e, "uscc", "统一社会信用代码 %s 已登记，不能重复登记", in->uscc);
    return e->code = ERR_CONFLICT;
}

int entity_add(struct ctx *c, const struct entity_input *in, int64_t *id, struct err *e)
{
    if (entity_validate(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t agency_id, root_id;
    rc = resolve_agency(c, in->agency_code, &agency_id, &root_id, e);
    if (rc) goto fail;
    const char *lines = effective_lines(c, in);
    bool person = is_person(in);
    rc = db_get_int(c->db, e, id,
                    "INSERT INTO entity (agency_id, root_id, kind, name, uscc, id_number,"
                    " legal_rep, address, division_code, subtype, lines, status, risk_grade,"
                    " phone, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    "iittttttttttttii", agency_id, root_id, person ? "person" : "org", in->name,
                    person ? NULL : in->uscc, person ? in->id_number : NULL,
                    blank_to_null(in->legal_rep), in->address ? in->address : "",
                    blank_to_null(in->division_code), in->subtype, lines,
                    str_blank(in->status) ? "open" : in->status, blank_to_null(in->risk_grade),
                    blank_to_null(in->phone), c->now, c->now);
    if (rc == ERR_CONFLICT) rc = duplicate(in, e);
    if (!rc) rc = store_lines(c, *id, lines, e);
    if (!rc) rc = audit_write(c, "entity.create", "entity", *id, "登记管理相对人 %s", in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

/* Scope check: ERR_NOTFOUND unless entity id lies in the actor's subtree. */
static int entity_scope(struct ctx *c, int64_t id, int64_t *version, struct err *e)
{
    struct record_ref r;
    int rc = record_in_scope(c, "entity", id, NULL, "管理相对人不存在", &r, e);
    if (!rc && version) *version = r.version;
    return rc;
}

int entity_update(struct ctx *c, int64_t id, const struct entity_input *in, struct err *e)
{
    if (entity_validate(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t version = 0, agency_id, root_id;
    rc = entity_scope(c, id, &version, e);
    if (!rc && in->version && in->version != version)
        rc = err_set(e, ERR_CONFLICT, "该记录已被他人修改，请刷新后重新编辑");
    if (!rc) rc = resolve_agency(c, in->agency_code, &agency_id, &root_id, e);
    if (rc) goto fail;
    const char *lines = effective_lines(c, in);
    bool person = is_person(in);
    int64_t n = db_exec(c->db, e,
                        "UPDATE entity SET agency_id = ?, root_id = ?, kind = ?, name = ?,"
                        " uscc = ?, id_number = ?, legal_rep = ?, address = ?, division_code = ?,"
                        " subtype = ?, lines = ?, status = ?, risk_grade = ?, phone = ?,"
                        " updated_at = ?, version = version + 1 WHERE id = ?",
                        "iittttttttttttii", agency_id, root_id, person ? "person" : "org", in->name,
                        person ? NULL : in->uscc, person ? in->id_number : NULL,
                        blank_to_null(in->legal_rep), in->address ? in->address : "",
                        blank_to_null(in->division_code), in->subtype, lines,
                        str_blank(in->status) ? "open" : in->status, blank_to_null(in->risk_grade),
                        blank_to_null(in->phone), c->now, id);
    if (n == ERR_CONFLICT)
        rc = duplicate(in, e);
    else if (n < 0)
        rc = (int)n;
    if (!rc) rc = store_lines(c, id, lines, e);
    if (!rc) rc = audit_write(c, "entity.update", "entity", id, "修改管理相对人 %s", in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

int licence_validate(const struct licence_input *in, struct err *e)
{
    field_catalog(in->type, "licence_types", "type", "许可证类型", true, e);
    field_text(in->number, "number", "许可证号", true, 60, e);
    day_t from = 0, to = 0;
    field_date(in->valid_from, "valid_from", "有效期起", false, &from, e);
    field_date(in->valid_to, "valid_to", "有效期止", false, &to, e);
    if (from && to && to < from) err_field(e, "valid_to", "有效期止应不早于有效期起");
    return e->code;
}

int licence_add(struct ctx *c, int64_t entity_id, const struct licence_input *in, int64_t *id,
                struct err *e)
{
    if (licence_validate(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = entity_scope(c, entity_id, NULL, e);
    if (!rc) {
        rc = db_get_int(c->db, e, id,
                        "INSERT INTO licence (entity_id, type, number, valid_from, valid_to)"
                        " VALUES (?, ?, ?, ?, ?) RETURNING id",
                        "ittt"
                        "t",
                        entity_id, in->type, in->number, blank_to_null(in->valid_from),
                        blank_to_null(in->valid_to));
        if (rc == ERR_CONFLICT) {
            err_clear(e);
            err_field(e, "number", "该许可证已登记");
            rc = e->code = ERR_CONFLICT;
        }
    }
    if (!rc)
        rc = audit_write(c, "licence.create", "entity", entity_id, "登记许可证 %s %s",
                         catalog_label("licence_types", in->type), in->number);
    if (!rc) rc = publicity_enqueue_licence(c, *id, e);
    if (!rc)
        rc = db_exec(c->db, e, "UPDATE entity SET updated_at = ? WHERE id = ?", "ii", c->now,
                     entity_id) < 0
                 ? e->code
                 : 0;
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int licence_delete(struct ctx *c, int64_t entity_id, int64_t licence_id, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = entity_scope(c, entity_id, NULL, e);
    if (!rc) {
        int64_t n = db_exec(c->db, e, "DELETE FROM licence WHERE id = ? AND entity_id = ?", "ii",
                            licence_id, entity_id);
        if (n == 0)
            rc = err_set(e, ERR_NOTFOUND, "许可证不存在");
        else if (n < 0)
            rc = (int)n;
    }
    if (!rc)
        rc = audit_write(c, "licence.delete", "entity", entity_id, "删除许可证（编号 %lld）",
                         (long long)licence_id);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

#define ENTITY_COLS                                                                                \
    "x.id, x.kind, x.name, x.uscc, x.id_number, x.legal_rep, x.address, x.division_code,"          \
    " x.subtype, x.lines, x.status, x.risk_grade, x.phone, x.version, a.name, a.code"
#define ENTITY_FROM " FROM entity x JOIN agency a ON a.id = x.agency_id"

static json_t *entity_row(struct ctx *c, struct db_stmt *st)
{
    char lines[256];
    catalog_lines_label(db_text(st, 9), lines, sizeof lines);
    const char *subtype = db_text(st, 8), *status = db_text(st, 10);
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_text(o, "kind", db_text(st, 1));
    jset_text(o, "name", db_text(st, 2));
    jset_text(o, "uscc", db_text(st, 3));
    jset_text(o, "id_number", role_idcard_shown(c, db_text(st, 4)));
    jset_text(o, "legal_rep", db_text(st, 5));
    jset_text(o, "address", db_text(st, 6));
    jset_text(o, "division_code", db_text(st, 7));
    jset_text(o, "subtype", subtype);
    jset_text(o, "subtype_label", catalog_label("subtypes", subtype));
    jset_text(o, "lines", db_text(st, 9));
    jset_text(o, "lines_label", lines);
    jset_text(o, "status", status);
    jset_text(o, "status_label", entity_status_label(status));
    jset_text(o, "risk_grade", db_text(st, 11));
    jset_text(o, "phone", db_text(st, 12));
    jset_int(o, "version", db_int(st, 13));
    jset_text(o, "agency", db_text(st, 14));
    jset_text(o, "agency_code", db_text(st, 15));
    jset_bool(o, "person", strcmp(db_text(st, 1), "person") == 0);
    return o;
}

static json_t *licences_of(struct ctx *c, int64_t id, struct err *e)
{
    json_t *arr = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, type, number, valid_from, valid_to FROM licence"
                                  " WHERE entity_id = ? ORDER BY id",
                                  "i", id);
    day_t today = date_from_instant(c->now), to;
    while (st && db_step(st, e) == DB_ROW) {
        const char *vt = db_text(st, 4);
        bool expired = vt && !date_parse(vt, &to) && to < today;
        json_array_append_new(
            arr, jpack("{sI ss ss? ss ss? ss? sb}", "id", (json_int_t)db_int(st, 0), "type",
                       db_text(st, 1), "type_label", catalog_label("licence_types", db_text(st, 1)),
                       "number", db_text(st, 2), "valid_from", db_text(st, 3), "valid_to", vt,
                       "expired", expired));
    }
    db_done(st);
    return arr;
}

json_t *entity_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " ENTITY_COLS ", a.path" ENTITY_FROM " WHERE x.id = ?", "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW && actor_sees_path(c->who, db_text(st, 16))) o = entity_row(c, st);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "管理相对人不存在");
        return NULL;
    }
    json_object_set_new(o, "licences", licences_of(c, id, e));
    return o;
}

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    return entity_row(arg, st);
}

/* The exact count of the list from the figures the triggers keep (migration 022), with its
 * arguments in t, when the list is the scope's whole registry or one status or one line of it;
 * NULL for any other list (counted row by row up to a cap). */
static const char *tally_count(struct ctx *c, const struct entity_query *q, struct db_cond *t)
{
    bool status = !str_blank(q->status), line = !str_blank(q->line);
    if (!str_blank(q->q) || !str_blank(q->subtype) || !str_blank(q->risk_grade) || (status && line))
        return NULL;
    db_cond_add(t, AGENCY_IN_SCOPE("agency_id"), "t", actor_scope(c));
    if (status) db_cond_add(t, "status = ?", "t", q->status);
    if (line) db_cond_add(t, "line = ?", "t", q->line);
    return arena_printf(c->arena, "SELECT COALESCE(SUM(n), 0) FROM %s WHERE %s",
                        line ? "entity_line_tally" : "entity_tally", db_cond_sql(t));
}

/* Whether a list the kept figures do not count is counted row by row: not a search (on
 * PostgreSQL a fragment's matches are all found before any is counted), and only within a
 * registry of at most ENTITY_COUNT_SCOPE entities (a county's or a city's), where a filter that
 * few entities pass still reads a bounded number of rows. A province's filtered list shows its
 * pages without a total. */
#define ENTITY_COUNT_SCOPE 20000
static bool countable(struct ctx *c, const struct entity_query *q, json_t *page)
{
    if (!page || !str_blank(q->q)) return false;
    if (json_integer_value(json_object_get(page, "page")) == 1 &&
        !json_is_true(json_object_get(page, "more")))
        return true; /* counted from its rows */
    int64_t n = 0;
    struct err e = {0}; /* a figure that cannot be read: no total, the page all the same */
    if (db_get_int(c->db, &e, &n,
                   "SELECT COALESCE(SUM(n), 0) FROM entity_tally"
                   " WHERE " AGENCY_IN_SCOPE("agency_id"),
                   "t", actor_scope(c)))
        return false;
    return n <= ENTITY_COUNT_SCOPE;
}

json_t *entity_list(struct ctx *c, const struct entity_query *q, struct err *e)
{
    static const char *const cols[] = {"name", "address", "uscc", "legal_rep", NULL};
    struct buf sql = {0}, bind = {0};
    struct db_search s;
    db_search(c->db, c->arena, "entity", "x", cols, q->q, &s, &bind);
    struct db_cond w = {0};
    db_cond_bind(&w, "t", bind.len ? bind.p : NULL); /* the search's ?, before the filters */
    db_cond_add(&w, AGENCY_IN_SCOPE("x.agency_id"), "t", actor_scope(c));
    /* newest first: each row's line looked up by its key, not every entity of the line sorted */
    if (!str_blank(q->line))
        db_cond_add(&w,
                    "EXISTS (SELECT 1 FROM entity_line l WHERE l.entity_id = x.id AND l.line = ?)",
                    "t", q->line);
    if (!str_blank(q->subtype)) db_cond_add(&w, "x.subtype = ?", "t", q->subtype);
    if (!str_blank(q->status)) db_cond_add(&w, "x.status = ?", "t", q->status);
    if (!str_blank(q->risk_grade)) db_cond_add(&w, "x.risk_grade = ?", "t", q->risk_grade);
    db_search_page(&sql, &s, ENTITY_COLS, "JOIN agency a ON a.id = x.agency_id", db_cond_sql(&w));
    struct buf count = {0};
    db_search_count(&count, &s, db_cond_sql(&w));
    struct db_cond k = w; /* the list's arguments, for its count */
    struct paging pg = paging_of(q->page, q->per_page, 20);
    db_cond_bind(&w, "ii", paging_limit(pg), paging_offset(pg));
    struct db_stmt *st = db_cond_query(c->db, e, sql.p, &w);
    json_t *page = paging_read(st, pg, list_row, c, e);
    struct db_cond t = {0};
    const char *tally = tally_count(c, q, &t);
    if (tally)
        page = paging_total(page, c->db, tally, false, &t, e);
    else /* counted row by row where that stays cheap (see countable) */
        page = paging_total(page, c->db, countable(c, q, page) ? count.p : NULL, true, &k, e);
    db_cond_free(&t);
    db_cond_free(&w);
    buf_free(&sql);
    buf_free(&count);
    buf_free(&bind);
    return page;
}

int entity_each(struct ctx *c, int (*fn)(void *arg, json_t *row), void *arg, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT " ENTITY_COLS ", l.type, l.number, l.valid_from, l.valid_to" ENTITY_FROM
                 " LEFT JOIN licence l ON l.entity_id = x.id"
                 " WHERE " AGENCY_IN_SCOPE("x.agency_id") " ORDER BY x.id, l.id",
                 "t", actor_scope(c));
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *row = entity_row(c, st);
        if (!db_null(st, 17))
            json_object_update_new(row, jpack("{ss? ss ss? ss?}", "licence_type",
                                              catalog_label("licence_types", db_text(st, 16)),
                                              "licence_number", db_text(st, 17), "licence_from",
                                              db_text(st, 18), "licence_to", db_text(st, 19)));
        int stop = fn(arg, row);
        json_decref(row);
        if (stop) {
            rc = stop;
            break;
        }
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"entity", "管理相对人", true, "id", {{"agency_id", "agency", REF_ID}}},
    {"entity_line", "专业类别", false, "entity_id, line", {{"entity_id", "entity", REF_ID}}},
    {"licence", "许可证", true, "id", {{"entity_id", "entity", REF_ID}}},
    {"entity_avoid",
     "回避名单",
     false,
     "entity_id, officer_id",
     {{"entity_id", "entity", REF_ID}, {"officer_id", "officer", REF_ID}}},
};

static const struct table_left left[] = {
    {"entity_tally", "按机构和状态的对象数：由触发器随迁入的对象计数", false},
    {"entity_line_tally", "按机构和专业的对象数：由触发器随迁入的对象计数", false},
};

const struct law_area law_area_entities = {"entities", tables, countof(tables), left,
                                           countof(left)};
