/* agency.c — the agency tree. Scope is a materialised path: an actor sees agencies whose path
 * starts with the actor's agency's path. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/agency.h"
#include "law/audit.h"
#include "base/codes.h"

#include <inttypes.h>
#include <string.h>

static const struct {
    const char *code, *label;
} levels[] = {
    {"province", "省级"},
    {"city", "市级"},
    {"county", "县区级"},
    {"other", "其他"},
};

const char *agency_level_label(const char *level)
{
    for (size_t i = 0; i < countof(levels); i++)
        if (level && strcmp(level, levels[i].code) == 0) return levels[i].label;
    return NULL;
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* Field checks shared by add and update. */
static void validate(const struct agency_input *in, bool adding, struct err *e)
{
    if (adding && str_blank(in->code))
        err_field(e, "code", "请填写机构代码");
    else if (adding && (strlen(in->code) > 32 || strchr(in->code, ' ')))
        err_field(e, "code", "机构代码不超过32个字符且不含空格");
    if (str_blank(in->name))
        err_field(e, "name", "请填写机构名称");
    else if (utf8_len(in->name) > 60)
        err_field(e, "name", "机构名称不超过60个字");
    if (!str_blank(in->short_name) && utf8_len(in->short_name) > 4)
        err_field(e, "short_name", "简称不超过4个字（用于文书文号，如“武”）");
    if (!str_blank(in->division_code)) {
        size_t n = strlen(in->division_code);
        if (!all_digits(in->division_code) || (n != 6 && n != 9 && n != 12))
            err_field(e, "division_code", "行政区划代码应为6、9或12位数字");
    }
    if (!str_blank(in->uscc)) uscc_check(in->uscc, e, "uscc");
    if (!str_blank(in->level) && !agency_level_label(in->level))
        err_field(e, "level", "级别应为省级、市级、县区级或其他");
}

static const char *blank_null(const char *s)
{
    return str_blank(s) ? NULL : s;
}

int agency_path_of(struct ctx *c, int64_t id, const char **path, int64_t *root_id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, "SELECT path FROM agency WHERE id = ?", "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *path = arena_strdup(c->arena, db_text(st, 0));
        if (root_id) {
            int64_t r = 0;
            for (const char *p = *path + 1; *p >= '0' && *p <= '9'; p++)
                r = r * 10 + (*p - '0');
            *root_id = r;
        }
        rc = 0;
    } else if (rc == DB_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "机构不存在");
    }
    db_done(st);
    return rc;
}

int agency_find(struct ctx *c, const char *code, int64_t *id, const char **path, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT id, path FROM agency WHERE code = ?", "t", code);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW && (c->who->user_id == 0 || actor_sees_path(c->who, db_text(st, 1)))) {
        *id = db_int(st, 0);
        if (path) *path = arena_strdup(c->arena, db_text(st, 1));
        rc = 0;
    } else if (rc >= 0) {
        rc = err_set(e, ERR_NOTFOUND, "机构代码 %s 不存在", code);
    }
    db_done(st);
    return rc;
}

int agency_scope_of(struct ctx *c, const char *code, const char **scope, struct err *e)
{
    *scope = actor_scope(c);
    if (str_blank(code)) return 0;
    const char *path;
    int64_t id;
    int rc = agency_find(c, code, &id, &path, e);
    if (rc == ERR_NOTFOUND) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
    }
    if (!rc) *scope = arena_printf(c->arena, "%s%%", path);
    return rc;
}

int agency_add(struct ctx *c, const struct agency_input *in, int64_t *id, struct err *e)
{
    validate(in, true, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *parent_path = "/";
    int64_t parent_id = 0;
    if (!str_blank(in->parent_code)) {
        rc = agency_find(c, in->parent_code, &parent_id, &parent_path, e);
        if (rc == ERR_NOTFOUND) { /* a field error (422) on the form's "parent", not a 404 */
            err_clear(e);
            rc = err_field(e, "parent", "上级机构不存在或不在您的管辖范围内");
        }
        if (rc) goto fail;
    } else if (c->who->user_id != 0 && c->who->agency_path) {
        rc = err_set(e, ERR_FORBIDDEN, "只有系统初始化时可以创建顶级机构");
        goto fail;
    }
    int taken = db_exists(c->db, e, "SELECT 1 FROM agency WHERE code = ?", "t", in->code);
    if (taken < 0) {
        rc = taken;
        goto fail;
    }
    if (taken) {
        err_field(e, "code", "机构代码 %s 已存在", in->code);
        rc = e->code = ERR_CONFLICT;
        goto fail;
    }
    rc = db_get_int(
        c->db, e, id,
        "INSERT INTO agency (code, name, short_name, division_code, uscc, level,"
        " parent_id, path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?) RETURNING id",
        "ttttttIi", in->code, in->name, blank_null(in->short_name), blank_null(in->division_code),
        blank_null(in->uscc), str_blank(in->level) ? "county" : in->level, parent_id, c->now);
    if (rc) goto fail;
    const char *path = arena_printf(c->arena, "%s%" PRId64 "/", parent_path, *id);
    if (db_exec(c->db, e, "UPDATE agency SET path = ? WHERE id = ?", "ti", path, *id) < 0)
        goto fail_rc;
    rc = audit_write(c, "agency.create", "agency", *id, "新建机构 %s（%s）", in->name, in->code);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail_rc:
    rc = e->code;
fail:
    db_rollback(c->db);
    return rc;
}

int agency_update(struct ctx *c, int64_t id, const struct agency_input *in, struct err *e)
{
    validate(in, false, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *path;
    rc = agency_path_of(c, id, &path, NULL, e);
    if (!rc && c->who->user_id && !actor_sees_path(c->who, path))
        rc = err_set(e, ERR_NOTFOUND, "机构不存在");
    if (!rc &&
        db_exec(c->db, e,
                "UPDATE agency SET name = ?, short_name = ?, division_code = ?, uscc = ?,"
                " level = coalesce(?, level) WHERE id = ?",
                "ttttti", in->name, blank_null(in->short_name), blank_null(in->division_code),
                blank_null(in->uscc), blank_null(in->level), id) < 0)
        rc = e->code;
    if (!rc) rc = audit_write(c, "agency.update", "agency", id, "修改机构 %s", in->name);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

static json_t *agency_row(struct db_stmt *st)
{
    const char *level = db_text(st, 5);
    return jpack("{sI ss ss ss? ss? ss ss? sI ss ss?}", "id", (json_int_t)db_int(st, 0), "code",
                 db_text(st, 1), "name", db_text(st, 2), "short_name", db_text(st, 3),
                 "division_code", db_text(st, 4), "level", level, "level_label",
                 agency_level_label(level), "parent_id",
                 db_null(st, 6) ? (json_int_t)0 : (json_int_t)db_int(st, 6), "path", db_text(st, 7),
                 "uscc", db_text(st, 8));
}

#define AGENCY_COLS "id, code, name, short_name, division_code, level, parent_id, path, uscc"

json_t *agency_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " AGENCY_COLS " FROM agency WHERE id = ?", "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW && actor_sees_path(c->who, db_text(st, 7))) o = agency_row(st);
    db_done(st);
    if (!o && !e->code) err_set(e, ERR_NOTFOUND, "机构不存在");
    return o;
}

json_t *agency_list(struct ctx *c, struct err *e)
{
    const char *like = actor_scope(c);
    struct db_stmt *st = db_query(
        c->db, e, "SELECT " AGENCY_COLS " FROM agency WHERE path LIKE ? ORDER BY path", "t", like);
    if (!st) return NULL;
    json_t *rows = json_array();
    int base_depth = 0;
    for (const char *p = c->who->agency_path ? c->who->agency_path : "/"; *p; p++)
        base_depth += *p == '/';
    while (db_step(st, e) == DB_ROW) {
        json_t *o = agency_row(st);
        int depth = 0;
        for (const char *p = db_text(st, 7); *p; p++)
            depth += *p == '/';
        json_object_set_new(o, "depth", json_integer(depth - base_depth));
        json_array_append_new(rows, o);
    }
    db_done(st);
    return rows;
}

int department_add(struct ctx *c, int64_t agency_id, const char *name, int64_t *id, struct err *e)
{
    if (str_blank(name)) return err_field(e, "name", "请填写科室名称");
    if (utf8_len(name) > 40) return err_field(e, "name", "科室名称不超过40个字");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *path;
    rc = agency_path_of(c, agency_id, &path, NULL, e);
    if (!rc && c->who->user_id && !actor_sees_path(c->who, path))
        rc = err_set(e, ERR_NOTFOUND, "机构不存在");
    if (!rc) {
        rc = db_get_int(c->db, e, id,
                        "INSERT INTO department (agency_id, name) VALUES (?, ?) RETURNING id", "it",
                        agency_id, name);
        if (rc == ERR_CONFLICT) {
            err_clear(e);
            err_field(e, "name", "该机构已有名为“%s”的科室", name);
            rc = e->code = ERR_CONFLICT;
        }
    }
    if (!rc) rc = audit_write(c, "department.create", "department", *id, "新建科室 %s", name);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

json_t *department_list(struct ctx *c, int64_t agency_id, struct err *e)
{
    const char *like = actor_scope(c);
    struct db_cond w = {0};
    db_cond_add(&w, "a.path LIKE ?", "t", like);
    if (agency_id) db_cond_add(&w, "d.agency_id = ?", "i", agency_id);
    struct db_stmt *st =
        db_cond_query(c->db, e,
                      arena_printf(c->arena,
                                   "SELECT d.id, d.name, d.agency_id, a.name FROM department d"
                                   " JOIN agency a ON a.id = d.agency_id WHERE %s"
                                   " ORDER BY a.path, d.name",
                                   db_cond_sql(&w)),
                      &w);
    db_cond_free(&w);
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW)
        json_array_append_new(rows, jpack("{sI ss sI ss}", "id", (json_int_t)db_int(st, 0), "name",
                                          db_text(st, 1), "agency_id", (json_int_t)db_int(st, 2),
                                          "agency", db_text(st, 3)));
    db_done(st);
    return rows;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"agency", "机构", true, "length(path), id", {{"parent_id", "agency", REF_ID}}},
    {"department", "科室", true, "id", {{"agency_id", "agency", REF_ID}}},
};

const struct law_area law_area_agencies = {"agencies", tables, countof(tables), NULL, 0};
