/* record.c — reading a record for a change (see record.h). */
#include "law/record.h"
#include "base/buf.h"

int record_read(struct ctx *c, const char *table, int64_t id, const char *extra,
                const char *missing, struct record_ref *out, struct err *e)
{
    struct buf sql = {0};
    buf_addf(&sql,
             "SELECT a.path, r.version, %s%s FROM %s r JOIN agency a ON a.id = r.agency_id"
             " WHERE r.id = ?",
             extra ? "r." : "", extra ? extra : "NULL", table);
    struct db_stmt *st = db_query(c->db, e, buf_str(&sql), "i", id);
    buf_free(&sql);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *out = (struct record_ref){
            .path = arena_strdup(c->arena, db_text(st, 0)),
            .version = db_int(st, 1),
            .extra = db_null(st, 2) ? NULL : arena_strdup(c->arena, db_text(st, 2)),
        };
        rc = 0;
    } else if (rc >= 0) {
        rc = err_set(e, ERR_NOTFOUND, "%s", missing);
    }
    db_done(st);
    return rc;
}

int record_in_scope(struct ctx *c, const char *table, int64_t id, const char *extra,
                    const char *missing, struct record_ref *out, struct err *e)
{
    int rc = record_read(c, table, id, extra, missing, out, e);
    if (!rc && !actor_sees_path(c->who, out->path)) rc = err_set(e, ERR_NOTFOUND, "%s", missing);
    return rc;
}
