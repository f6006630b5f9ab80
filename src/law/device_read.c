/* device_read.c — reading the registry of enforcement devices: one device with its history, the
 * list, the figures by kind and status, and the choices of a form (law/device.h). */
#include "law/device.h"
#include "base/jpack.h"
#include "law/agency.h"
#include "law/paging.h"

#include <string.h>

#define DEVICE_COLS                                                                                \
    "d.id, d.kind, d.number, d.model, d.officer_id, o.name, d.assigned_on, d.status, d.note,"      \
    " d.version, a.name, a.code, a.path"
#define DEVICE_FROM                                                                                \
    " FROM device d JOIN agency a ON a.id = d.agency_id"                                           \
    " LEFT JOIN officer o ON o.id = d.officer_id"
#define DEVICE_PATH 12 /* the column of a.path */

/* The device of st's current row (DEVICE_COLS). */
static json_t *device_row(struct db_stmt *st)
{
    const char *kind = db_text(st, 1), *status = db_text(st, 7);
    json_t *o =
        jpack("{sI ss ss ss ss ss? ss? ss ss ss sI ss ss sb sb}", "id", (json_int_t)db_int(st, 0),
              "kind", kind, "kind_label", device_kind_label(kind), "number", db_text(st, 2),
              "model", db_text(st, 3), "officer", db_text(st, 5), "assigned_on", db_text(st, 6),
              "status", status, "status_label", device_status_label(status), "note", db_text(st, 8),
              "version", (json_int_t)db_int(st, 9), "agency", db_text(st, 10), "agency_code",
              db_text(st, 11), "pooled", db_null(st, 4), "retired", strcmp(status, "retired") == 0);
    json_object_set_new(o, "officer_id",
                        db_null(st, 4) ? json_null() : json_integer(db_int(st, 4)));
    return o;
}

/* The assignment periods of device id, newest first (new reference; NULL on error). */
static json_t *history_of(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT x.officer_id, o.name, x.from_day, x.to_day, u.display_name, x.at"
                 " FROM device_assignment x LEFT JOIN officer o ON o.id = x.officer_id"
                 " LEFT JOIN app_user u ON u.id = x.by_user"
                 " WHERE x.device_id = ? ORDER BY x.from_day DESC, x.id DESC",
                 "i", id);
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW) {
        json_t *r = jpack("{ss? ss ss? ss? sI sb}", "officer", db_text(st, 1), "from_day",
                          db_text(st, 2), "to_day", db_text(st, 3), "by", db_text(st, 4), "at",
                          (json_int_t)db_int(st, 5), "pooled", db_null(st, 0));
        json_object_set_new(r, "officer_id",
                            db_null(st, 0) ? json_null() : json_integer(db_int(st, 0)));
        json_array_append_new(rows, r);
    }
    db_done(st);
    if (e->code) {
        json_decref(rows);
        return NULL;
    }
    return rows;
}

json_t *device_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " DEVICE_COLS DEVICE_FROM " WHERE d.id = ?", "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW && actor_sees_path(c->who, db_text(st, DEVICE_PATH)))
        o = device_row(st);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "设备不存在");
        return NULL;
    }
    json_t *history = history_of(c, id, e);
    if (!history) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "history", history);
    return o;
}

/* The list's filters into w. */
static void add_filters(struct ctx *c, struct db_cond *w, const struct device_query *q)
{
    db_cond_add(w, AGENCY_IN_SCOPE("d.agency_id"), "t", actor_scope(c));
    if (!str_blank(q->kind)) db_cond_add(w, "d.kind = ?", "t", q->kind);
    if (!str_blank(q->status)) db_cond_add(w, "d.status = ?", "t", q->status);
    if (q->officer_id > 0) db_cond_add(w, "d.officer_id = ?", "i", q->officer_id);
    if (!str_blank(q->q)) {
        const char *like = arena_printf(c->arena, "%%%s%%", q->q);
        db_cond_add(w, "(d.number LIKE ? OR d.model LIKE ?)", "tt", like, like);
    }
}

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)arg;
    (void)e;
    return device_row(st);
}

json_t *device_list(struct ctx *c, const struct device_query *q, struct err *e)
{
    struct paging p = paging_of(q->page, q->per_page, 20);
    struct db_cond l = {0}, w = {0};
    add_filters(c, &l, q);
    add_filters(c, &w, q);
    const char *sql = arena_printf(
        c->arena, "SELECT " DEVICE_COLS DEVICE_FROM " WHERE %s ORDER BY d.id DESC LIMIT ? OFFSET ?",
        db_cond_sql(&l));
    db_cond_bind(&l, "ii", paging_limit(p), paging_offset(p));
    json_t *page = paging_read(db_cond_query(c->db, e, sql, &l), p, list_row, NULL, e);
    page = paging_total(page, c->db,
                        arena_printf(c->arena,
                                     "SELECT COUNT(*) FROM (SELECT 1 FROM device d WHERE %s"
                                     " LIMIT ?) AS t",
                                     db_cond_sql(&w)),
                        true, &w, e);
    db_cond_free(&l);
    db_cond_free(&w);
    return page;
}

/* The figures of one kind, zero. */
static json_t *kind_figures(const char *kind, const char *label)
{
    return jpack("{ss ss ss si si si si}", "kind", kind, "label", label, "unit",
                 device_kind_unit(kind), "active", 0, "repair", 0, "retired", 0, "in_service", 0);
}

/* "执法记录仪20台、移动执法终端39台…" of the kinds with devices in service (arena). */
static const char *summary_of(struct ctx *c, json_t *kinds)
{
    const char *s = "";
    size_t i;
    json_t *k;
    json_array_foreach(kinds, i, k)
    {
        json_int_t n = json_integer_value(json_object_get(k, "in_service"));
        if (!n) continue;
        s = arena_printf(c->arena, "%s%s%s%lld%s", s, *s ? "、" : "",
                         json_string_value(json_object_get(k, "label")), (long long)n,
                         json_string_value(json_object_get(k, "unit")));
    }
    return s;
}

/* Add n devices of kind and status to kinds (in device_kinds order) and the totals of o. */
static void count_into(json_t *o, json_t *kinds, const char *kind, const char *status, int64_t n)
{
    for (size_t i = 0; device_kinds[i][0]; i++) {
        if (strcmp(device_kinds[i][0], kind) != 0) continue;
        json_t *k = json_array_get(kinds, i);
        const char *total = strcmp(status, "retired") == 0 ? "retired" : "in_service";
        jset_int(k, status, json_integer_value(json_object_get(k, status)) + n);
        if (strcmp(total, "in_service") == 0)
            jset_int(k, total, json_integer_value(json_object_get(k, total)) + n);
        jset_int(o, total, json_integer_value(json_object_get(o, total)) + n);
    }
}

json_t *device_counts(struct ctx *c, const char *agency_code, struct err *e)
{
    const char *scope = NULL;
    if (agency_scope_of(c, agency_code, &scope, e)) return NULL;
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT d.kind, d.status, COUNT(*) FROM device d"
                 " WHERE " AGENCY_IN_SCOPE("d.agency_id") " GROUP BY d.kind, d.status",
                 "t", scope);
    if (!st) return NULL;
    json_t *kinds = json_array();
    for (size_t i = 0; device_kinds[i][0]; i++)
        json_array_append_new(kinds, kind_figures(device_kinds[i][0], device_kinds[i][1]));
    json_t *o = jpack("{si si}", "in_service", 0, "retired", 0);
    while (db_step(st, e) == DB_ROW)
        count_into(o, kinds, db_text(st, 0), db_text(st, 1), db_int(st, 2));
    db_done(st);
    if (e->code) {
        json_decref(kinds);
        json_decref(o);
        return NULL;
    }
    jset_text(o, "summary", summary_of(c, kinds));
    json_object_set_new(o, "kinds", kinds);
    return o;
}

/* The agency of a device (or of an officer: table) in the actor's scope into *agency_id;
 * ERR_NOTFOUND with missing otherwise. table: a name of the code. */
static int agency_in_scope(struct ctx *c, const char *table, int64_t id, const char *missing,
                           int64_t *agency_id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 arena_printf(c->arena,
                              "SELECT r.agency_id, a.path FROM %s r"
                              " JOIN agency a ON a.id = r.agency_id WHERE r.id = ?",
                              table),
                 "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW && actor_sees_path(c->who, db_text(st, 1))) {
        *agency_id = db_int(st, 0);
        rc = 0;
    } else if (rc >= 0) {
        rc = err_set(e, ERR_NOTFOUND, "%s", missing);
    }
    db_done(st);
    return rc;
}

json_t *device_assignable(struct ctx *c, int64_t id, struct err *e)
{
    int64_t agency_id = 0;
    if (agency_in_scope(c, "device", id, "设备不存在", &agency_id, e)) return NULL;
    /* [R-DEV-02] the active officers of the device's agency */
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, name, cert_no FROM officer"
                                  " WHERE agency_id = ? AND status = 'active' ORDER BY name, id",
                                  "i", agency_id);
    if (!st) return NULL;
    json_t *list = json_array();
    while (db_step(st, e) == DB_ROW)
        json_array_append_new(
            list, jpack("{sI ss}", "code", (json_int_t)db_int(st, 0), "label",
                        arena_printf(c->arena, "%s（%s）", db_text(st, 1), db_text(st, 2))));
    db_done(st);
    if (e->code) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *device_options(struct ctx *c, int64_t officer_id, struct err *e)
{
    int64_t agency_id = 0;
    if (agency_in_scope(c, "officer", officer_id, "执法人员不存在", &agency_id, e)) return NULL;
    /* [R-DEV-06] the officer's own devices first, then the agency's pooled ones */
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT d.id, d.kind, d.number, d.model FROM device d"
                 " WHERE d.agency_id = ? AND d.status = 'active'"
                 " AND (d.officer_id = ? OR d.officer_id IS NULL)"
                 " ORDER BY CASE WHEN d.officer_id IS NULL THEN 1 ELSE 0 END, d.kind, d.number",
                 "ii", agency_id, officer_id);
    if (!st) return NULL;
    json_t *list = json_array();
    while (db_step(st, e) == DB_ROW)
        json_array_append_new(list,
                              jpack("{sI ss ss ss ss}", "id", (json_int_t)db_int(st, 0), "kind",
                                    db_text(st, 1), "kind_label", device_kind_label(db_text(st, 1)),
                                    "number", db_text(st, 2), "model", db_text(st, 3)));
    db_done(st);
    if (e->code) {
        json_decref(list);
        return NULL;
    }
    return list;
}
