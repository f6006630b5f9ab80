/* recording_read.c — which record a recording belongs to and who may see it, the recordings of a
 * record, one recording's file, and the ledger in order (law/recording.h). */
#include "law/recording.h"
#include "law/recording_internal.h"
#include "base/jpack.h"
#include "base/media.h"
#include "law/case.h"
#include "law/complaint.h"
#include "law/device.h"
#include "law/inspection.h"
#include "law/role.h"
#include "law/workflow.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The kinds of record recordings attach to: where each keeps its agency, who reads it (its own
 * reader applies the scope) and who may attach. */
static const struct owner {
    const char *type, *table, *label;
    enum perm read, write;
    json_t *(*get)(struct ctx *c, int64_t id, struct err *e);
    const struct workflow *flow; /* its steps, or NULL */
} owners[] = {
    {"inspection", "inspection", "检查", PERM_INSPECTION_READ, PERM_INSPECTION_WRITE,
     inspection_get, NULL},
    {"complaint", "complaint", "投诉举报", PERM_COMPLAINT_READ, PERM_COMPLAINT_HANDLE,
     complaint_get, &complaint_workflow},
    {"case", "penalty_case", "案件", PERM_CASE_READ, PERM_CASE_HANDLE, case_get, &case_workflow},
};

static const struct owner *owner_of(const char *type)
{
    for (size_t i = 0; type && i < countof(owners); i++)
        if (strcmp(owners[i].type, type) == 0) return &owners[i];
    return NULL;
}

static const struct {
    const char *code, *label;
} key_steps[] = {
    {"site", "现场检查"}, {"inquiry", "询问"}, {"service", "送达"}, {"hearing", "听证"}};

static const char *key_step_label(const char *code)
{
    for (size_t i = 0; code && i < countof(key_steps); i++)
        if (strcmp(key_steps[i].code, code) == 0) return key_steps[i].label;
    return "";
}

/* The key step a workflow step records: 送达 and 听证. */
static const char *step_key(const char *action)
{
    if (strcmp(action, "serve") == 0) return "service";
    if (strcmp(action, "hold_hearing") == 0) return "hearing";
    return "";
}

/* part "step:<id>" of record (o, id): one of its workflow's steps. */
static int check_step(struct ctx *c, const struct owner *o, int64_t id, int64_t step,
                      struct recording_target *out, struct err *e)
{
    struct db_stmt *st = o->flow ? db_query(c->db, e,
                                            "SELECT action FROM wf_step"
                                            " WHERE id = ? AND kind = ? AND object_id = ?",
                                            "iti", step, o->flow->kind, id)
                                 : NULL;
    int rc = st ? db_step(st, e) : 0;
    if (rc == DB_ROW) out->key_step = step_key(db_text(st, 0));
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? 0 : err_field(e, "part", "所选环节不属于该%s", o->label);
}

/* part "evidence:<id>" of a case: one of its evidence items; a 询问笔录 or 现场笔录 is a key
 * step. */
static int check_evidence(struct ctx *c, const struct owner *o, int64_t id, int64_t item,
                          struct recording_target *out, struct err *e)
{
    struct db_stmt *st = strcmp(o->type, "case") == 0
                             ? db_query(c->db, e,
                                        "SELECT inquiry_person IS NOT NULL, site_time IS NOT NULL"
                                        " FROM case_evidence WHERE id = ? AND case_id = ?",
                                        "ii", item, id)
                             : NULL;
    int rc = st ? db_step(st, e) : 0;
    if (rc == DB_ROW) out->key_step = db_int(st, 0) ? "inquiry" : db_int(st, 1) ? "site" : "";
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? 0 : err_field(e, "part", "所选证据不属于该案件");
}

static int check_part(struct ctx *c, const struct owner *o, int64_t id, const char *part,
                      struct recording_target *out, struct err *e)
{
    int64_t n;
    out->part = "";
    /* an inspection is itself on the spot: its recordings are of a 现场检查 */
    out->key_step = strcmp(o->type, "inspection") == 0 ? "site" : "";
    if (!part || !*part) return 0;
    out->part = arena_strdup(c->arena, part);
    if (str_prefix(part, "step:") && !parse_i64(part + 5, &n) && n > 0)
        return check_step(c, o, id, n, out, e);
    if (str_prefix(part, "evidence:") && !parse_i64(part + 9, &n) && n > 0)
        return check_evidence(c, o, id, n, out, e);
    return err_field(e, "part", "所记录的环节无效");
}

/* [R-EVD-06] Recordings are seen by those who may read their record, and attached by those who
 * may act on it: its own reader decides the scope (another agency's record does not exist). */
int recording_target_check(struct ctx *c, const char *type, int64_t id, const char *part,
                           bool write, struct recording_target *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    const struct owner *o = owner_of(type);
    if (!o) return err_field(e, "object_type", "执法记录只能附于检查、投诉举报或案件");
    if (!role_allows(c->who->roles, o->read)) return err_set(e, ERR_NOTFOUND, "记录不存在");
    json_t *rec = o->get(c, id, e);
    if (!rec) return e->code ? e->code : err_set(e, ERR_NOTFOUND, "记录不存在");
    json_decref(rec);
    if (write && !role_allows(c->who->roles, o->write))
        return err_set(e, ERR_FORBIDDEN, "您没有为该%s上传执法记录的权限", o->label);
    out->object_type = o->type;
    out->label = o->label;
    int rc = db_get_int(c->db, e, &out->agency_id,
                        arena_printf(c->arena, "SELECT agency_id FROM %s WHERE id = ?", o->table),
                        "i", id);
    if (rc) return rc;
    return check_part(c, o, id, part, out, e);
}

/* ---- reading -------------------------------------------------------------------------------- */

#define LIST_COLS                                                                                  \
    "r.id, r.seq, r.media, r.content_type, r.file_name, r.size, r.sha256, o.name, d.number,"       \
    " r.taken_at, r.place, r.description, r.part, r.key_step, u.display_name, r.uploaded_at,"      \
    " r.retain_until, r.object_type, r.object_id, r.officer_id, r.device_id"
#define LIST_FROM                                                                                  \
    " FROM recording r JOIN officer o ON o.id = r.officer_id"                                      \
    " LEFT JOIN device d ON d.id = r.device_id JOIN app_user u ON u.id = r.uploaded_by"

static json_t *row_json(struct ctx *c, struct db_stmt *st)
{
    json_t *r = json_object();
    jset_int(r, "id", db_int(st, 0));
    jset_int(r, "seq", db_int(st, 1));
    jset_text(r, "media", db_text(st, 2));
    jset_text(r, "media_label", media_label(db_text(st, 2)));
    jset_bool(r, "is_photo", strcmp(db_text(st, 2), "photo") == 0);
    jset_text(r, "content_type", db_text(st, 3));
    /* JPEG and PNG photos have thumbnails (docs/thumb.h); HEIC and WebP show their label */
    jset_bool(r, "thumb",
              strcmp(db_text(st, 3), "image/jpeg") == 0 ||
                  strcmp(db_text(st, 3), "image/png") == 0);
    jset_text(r, "file_name", db_text(st, 4));
    jset_int(r, "size", db_int(st, 5));
    jset_text(r, "sha256", db_text(st, 6));
    jset_text(r, "officer", db_text(st, 7));
    jset_text(r, "device", db_null(st, 8) ? "" : db_text(st, 8));
    jset_int(r, "taken_at", db_int(st, 9));
    jset_text(r, "place", db_text(st, 10));
    jset_text(r, "description", db_text(st, 11));
    jset_text(r, "part", db_text(st, 12));
    jset_text(r, "key_step", db_text(st, 13));
    jset_text(r, "key_step_label", key_step_label(db_text(st, 13)));
    jset_text(r, "uploaded_by", db_text(st, 14));
    jset_int(r, "uploaded_at", db_int(st, 15));
    jset_text(r, "retain_until", db_text(st, 16));
    jset_text(r, "object_type", db_text(st, 17));
    jset_int(r, "object_id", db_int(st, 18));
    jset_int(r, "officer_id", db_int(st, 19));
    jset_int(r, "device_id", db_null(st, 20) ? 0 : db_int(st, 20));
    char t[INSTANT_STRLEN];
    instant_format(db_int(st, 9), t);
    jset_text(r, "taken", arena_printf(c->arena, "%.16s", t));
    instant_format(db_int(st, 15), t);
    jset_text(r, "uploaded", t);
    return r;
}

json_t *recording_list(struct ctx *c, const char *object_type, int64_t object_id, struct err *e)
{
    struct recording_target tgt;
    if (recording_target_check(c, object_type, object_id, NULL, false, &tgt, e)) return NULL;
    json_t *list = json_array();
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT " LIST_COLS LIST_FROM " WHERE r.object_type = ? AND r.object_id = ?"
                 " ORDER BY r.taken_at, r.id",
                 "ti", tgt.object_type, object_id);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(list, row_json(c, st));
    db_done(st);
    if (e->code) {
        json_decref(list);
        return NULL;
    }
    return list;
}

json_t *recording_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " LIST_COLS LIST_FROM " WHERE r.id = ?", "i", id);
    json_t *r = st && db_step(st, e) == DB_ROW ? row_json(c, st) : NULL;
    db_done(st);
    if (!r) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "执法记录不存在");
        return NULL;
    }
    struct recording_target tgt;
    if (recording_target_check(c, jget_text(r, "object_type"), jget_int(r, "object_id"), NULL,
                               false, &tgt, e)) {
        json_decref(r);
        if (e->code == ERR_FORBIDDEN || e->nfields) err_set(e, ERR_NOTFOUND, "执法记录不存在");
        return NULL;
    }
    return r;
}

int recording_file(struct ctx *c, int64_t id, struct recording_file *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    if (!c->blobs) return err_set(e, ERR_NOTFOUND, "未配置证据文件目录");
    json_t *r = recording_get(c, id, e);
    if (!r) return e->code;
    out->content_type = arena_strdup(c->arena, jget_text(r, "content_type"));
    out->file_name = arena_strdup(c->arena, jget_text(r, "file_name"));
    out->size = jget_int(r, "size");
    snprintf(out->sha256, sizeof out->sha256, "%s", jget_text(r, "sha256"));
    json_decref(r);
    return blob_path(c->blobs, out->sha256, out->path, sizeof out->path, e);
}

/* Of devices (stolen), those that record: not the laptops and printers. */
static json_t *recording_devices(json_t *devices)
{
    json_t *out = json_array(), *d;
    size_t i;
    json_array_foreach(devices, i, d)
    {
        const char *kind = jget_text(d, "kind");
        if (strcmp(kind, "laptop") != 0 && strcmp(kind, "printer") != 0) json_array_append(out, d);
    }
    json_decref(devices);
    return out;
}

json_t *recording_officers(struct ctx *c, const char *object_type, int64_t object_id, struct err *e)
{
    struct recording_target tgt;
    if (recording_target_check(c, object_type, object_id, NULL, false, &tgt, e)) return NULL;
    json_t *list = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, name FROM officer WHERE agency_id = ?"
                                  " AND status = 'active' ORDER BY name, id",
                                  "i", tgt.agency_id);
    while (st && db_step(st, e) == DB_ROW) {
        json_t *o = json_object();
        jset_int(o, "id", db_int(st, 0));
        jset_text(o, "name", db_text(st, 1));
        json_array_append_new(list, o);
    }
    db_done(st);
    size_t i;
    json_t *o;
    json_array_foreach(list, i, o)
    {
        struct err quiet = {0};
        json_t *devices = device_options(c, jget_int(o, "id"), &quiet);
        json_object_set_new(o, "devices", recording_devices(devices));
    }
    if (e->code) {
        json_decref(list);
        return NULL;
    }
    return list;
}

bool recording_may_attach(struct ctx *c, const char *object_type, int64_t object_id)
{
    struct recording_target tgt;
    struct err quiet = {0};
    return recording_target_check(c, object_type, object_id, NULL, true, &tgt, &quiet) == 0;
}

json_t *recording_parts(struct ctx *c, const char *object_type, int64_t object_id, struct err *e)
{
    struct recording_target tgt;
    if (recording_target_check(c, object_type, object_id, NULL, false, &tgt, e)) return NULL;
    json_t *parts = json_array();
    json_array_append_new(parts, jpack("{ss ss ss}", "value", "", "label",
                                       arena_printf(c->arena, "整个%s", tgt.label), "key_step",
                                       tgt.key_step));
    struct db_stmt *st =
        strcmp(tgt.object_type, "case") == 0
            ? db_query(c->db, e,
                       "SELECT id, description, inquiry_person IS NOT NULL, site_time IS NOT NULL"
                       " FROM case_evidence WHERE case_id = ? ORDER BY id",
                       "i", object_id)
            : NULL;
    while (st && db_step(st, e) == DB_ROW) {
        const char *key = db_int(st, 2) ? "inquiry" : db_int(st, 3) ? "site" : "";
        json_array_append_new(
            parts,
            jpack("{ss ss ss}", "value", arena_printf(c->arena, "evidence:%" PRId64, db_int(st, 0)),
                  "label", arena_printf(c->arena, "证据：%s", db_text(st, 1)), "key_step", key));
    }
    db_done(st);
    const struct owner *o = owner_of(tgt.object_type);
    st = o->flow ? db_query(c->db, e,
                            "SELECT id, action, day FROM wf_step WHERE kind = ? AND object_id = ?"
                            " ORDER BY id",
                            "ti", o->flow->kind, object_id)
                 : NULL;
    while (st && db_step(st, e) == DB_ROW) {
        const struct wf_transition *t = wf_step_named(o->flow, db_text(st, 1));
        json_array_append_new(parts,
                              jpack("{ss ss ss}", "value",
                                    arena_printf(c->arena, "step:%" PRId64, db_int(st, 0)), "label",
                                    arena_printf(c->arena, "环节：%s（%s）",
                                                 t ? t->label : db_text(st, 1), db_text(st, 2)),
                                    "key_step", step_key(db_text(st, 1))));
    }
    db_done(st);
    if (e->code) {
        json_decref(parts);
        return NULL;
    }
    return parts;
}

/* ---- the ledger ------------------------------------------------------------------------------ */

int recording_ledger_walk(struct db *db, recording_row_fn fn, void *arg, struct err *e)
{
    struct buf sql = {0};
    buf_adds(&sql, "SELECT id, hash");
    for (size_t i = 0; i < recording_ncolumns; i++)
        buf_addf(&sql, ", %s", recording_columns[i]);
    buf_adds(&sql, " FROM recording ORDER BY seq");
    struct db_stmt *st = db_query(db, e, buf_str(&sql), "");
    buf_free(&sql);
    int rc = 0;
    while (!rc && st && (rc = db_step(st, e)) == DB_ROW) {
        json_t *row = json_object();
        for (int i = 0; i < db_columns(st); i++) {
            const char *name = db_column_name(st, i);
            bool text = !recording_int_column(name);
            if (strcmp(name, "device_id") == 0 && db_null(st, i))
                jset_int(row, name, 0);
            else if (text)
                jset_text(row, name, db_text(st, i));
            else
                jset_int(row, name, db_int(st, i));
        }
        rc = fn(row, arg);
        json_decref(row);
    }
    db_done(st);
    return rc == DB_DONE ? 0 : rc;
}
