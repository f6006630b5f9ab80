/* avoid.c — entities' 回避 lists. */
#include "base/jpack.h"
#include "law/avoid.h"
#include "law/audit.h"
#include "law/field.h"

#include <string.h>

/* The entity's name when it is in the actor's scope (arena); NULL + ERR_NOTFOUND otherwise. */
static const char *entity_in_scope(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT a.path, x.name FROM entity x"
                                  " JOIN agency a ON a.id = x.agency_id WHERE x.id = ?",
                                  "i", id);
    if (!st) return NULL;
    const char *name = NULL;
    if (db_step(st, e) == DB_ROW && actor_sees_path(c->who, db_text(st, 0)))
        name = arena_strdup(c->arena, db_text(st, 1));
    db_done(st);
    if (!name && !e->code) err_set(e, ERR_NOTFOUND, "管理相对人不存在");
    return name;
}

/* Resolve the officer by id or certificate number, in scope; sets *id and *name. */
static int officer_in_scope(struct ctx *c, int64_t officer_id, const char *cert_no, int64_t *id,
                            const char **name, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT o.id, o.name, a.path FROM officer o"
                 " JOIN agency a ON a.id = o.agency_id"
                 " WHERE (? > 0 AND o.id = ?) OR (? = 0 AND o.cert_no = ?)",
                 "iiit", officer_id, officer_id, officer_id, cert_no ? cert_no : "");
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool ok = rc == DB_ROW && actor_sees_path(c->who, db_text(st, 2));
    if (ok) {
        *id = db_int(st, 0);
        *name = arena_strdup(c->arena, db_text(st, 1));
    }
    db_done(st);
    if (rc < 0) return rc;
    return ok ? 0 : err_field(e, "cert_no", "没有该执法人员（请填写执法证号）");
}

int avoid_add(struct ctx *c, int64_t entity_id, int64_t officer_id, const char *cert_no,
              const char *reason, struct err *e)
{
    if (!officer_id && str_blank(cert_no))
        err_field(e, "cert_no", "请填写须回避的执法人员的执法证号");
    field_text(reason, "reason", "回避理由", true, 200, e); /* [R-INSP-04] 第四十三条 */
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *entity = entity_in_scope(c, entity_id, e), *officer = NULL;
    int64_t oid = 0;
    rc = entity ? officer_in_scope(c, officer_id, cert_no, &oid, &officer, e) : e->code;
    int listed = rc ? 0
                    : db_exists(c->db, e,
                                "SELECT 1 FROM entity_avoid WHERE entity_id = ? AND officer_id = ?",
                                "ii", entity_id, oid);
    if (listed < 0) rc = listed;
    if (listed > 0) {
        err_field(e, "cert_no", "%s 已在该单位的回避名单中", officer);
        rc = e->code = ERR_CONFLICT;
    }
    if (!rc && db_exec(c->db, e,
                       "INSERT INTO entity_avoid (entity_id, officer_id, reason, created_at,"
                       " created_by) VALUES (?, ?, ?, ?, ?)",
                       "iitit", entity_id, oid, reason, c->now, c->who->username) < 0)
        rc = e->code;
    if (!rc)
        rc = audit_write(c, "entity.avoid", "entity", entity_id, "%s 对 %s 回避：%s", officer,
                         entity, reason);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int avoid_delete(struct ctx *c, int64_t entity_id, int64_t officer_id, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *entity = entity_in_scope(c, entity_id, e);
    rc = entity ? 0 : e->code;
    if (!rc) {
        int64_t n =
            db_exec(c->db, e, "DELETE FROM entity_avoid WHERE entity_id = ? AND officer_id = ?",
                    "ii", entity_id, officer_id);
        if (n == 0) rc = err_set(e, ERR_NOTFOUND, "回避名单中没有该执法人员");
        if (n < 0) rc = (int)n;
    }
    if (!rc)
        rc = audit_write(c, "entity.avoid_remove", "entity", entity_id,
                         "解除执法人员（编号 %lld）对 %s 的回避", (long long)officer_id, entity);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

json_t *avoid_list(struct ctx *c, int64_t entity_id, struct err *e)
{
    const char *entity = entity_in_scope(c, entity_id, e);
    if (!entity) return NULL;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT v.officer_id, o.name, o.cert_no, v.reason, v.created_by,"
                                  " v.created_at FROM entity_avoid v JOIN officer o"
                                  " ON o.id = v.officer_id WHERE v.entity_id = ? ORDER BY o.id",
                                  "i", entity_id);
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW) {
        char on[DATE_STRLEN];
        date_format(date_from_instant(db_int(st, 5)), on);
        json_array_append_new(rows, jpack("{sI ss ss ss ss ss}", "officer_id",
                                          (json_int_t)db_int(st, 0), "officer", db_text(st, 1),
                                          "cert_no", db_text(st, 2), "reason", db_text(st, 3),
                                          "created_by", db_text(st, 4), "created_on", on));
    }
    db_done(st);
    if (e->code) {
        json_decref(rows);
        return NULL;
    }
    return jpack("{s{sI ss} so}", "entity", "id", (json_int_t)entity_id, "name", entity, "rows",
                 rows);
}
