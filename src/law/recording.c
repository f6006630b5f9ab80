/* recording.c — uploads of whole-process recordings and their attachment to a record, as ledger
 * entries (law/recording.h, docs/evidence.md). The reading side is in recording_read.c. */
#include "law/recording.h"
#include "law/recording_internal.h"
#include "base/crypto.h"
#include "base/jpack.h"
#include "base/log.h"
#include "base/media.h"
#include "law/area.h"
#include "law/audit.h"
#include "law/device.h"
#include "law/field.h"
#include "law/role.h"
#include "law/setting.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct blob_store *store_of(struct ctx *c, struct err *e)
{
    if (!c->blobs)
        err_set(e, ERR_INTERNAL, "未配置证据文件目录（--evidence DIR），无法保存执法记录");
    return c->blobs;
}

/* ---- uploads -------------------------------------------------------------------------------- */

/* [R-EVD-01] A recording's name and size: a name of 1–200 characters without a path, and at
 * most RECORDING_MAX_SIZE bytes (not empty). */
static int check_upload(int64_t length, const char *file_name, struct err *e)
{
    if (length <= 0)
        err_field(e, "length", "文件为空或未说明大小");
    else if (length > RECORDING_MAX_SIZE)
        err_field(e, "length", "文件过大：单个文件不超过 %" PRId64 " GB", RECORDING_MAX_SIZE >> 30);
    if (!str_blank(file_name) && (strchr(file_name, '/') || strchr(file_name, '\\')))
        err_field(e, "file_name", "文件名不能含路径");
    else
        field_text(file_name, "file_name", "文件名", false, 200, e);
    return e->nfields ? (e->code = ERR_INVALID) : 0;
}

/* [R-EVD-08] An upload not attached within RECORDING_UPLOAD_DAYS of its start is dropped, its
 * bytes with it (a few at a time, as new uploads start). */
static int expire_uploads(struct ctx *c, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id FROM recording_upload WHERE created_at < ?"
                                  " ORDER BY created_at LIMIT 20",
                                  "i", c->now - (int64_t)RECORDING_UPLOAD_DAYS * 86400);
    json_t *ids = json_array();
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(ids, json_string(db_text(st, 0)));
    db_done(st);
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id)
    {
        struct err ignored = {0};
        const char *s = json_string_value(id);
        if (db_exec(c->db, e, "DELETE FROM recording_upload WHERE id = ?", "t", s) < 0) break;
        blob_partial_abort(c->blobs, s, &ignored); /* gone already: nothing to drop */
    }
    json_decref(ids);
    return e->code;
}

int recording_upload_new(struct ctx *c, int64_t length, const char *file_name, char id[BLOB_ID_HEX],
                         struct err *e)
{
    struct blob_store *s = store_of(c, e);
    if (!s) return e->code;
    /* [R-EVD-07] only those who may attach a recording to some record upload one */
    unsigned roles = c->who->roles;
    if (!role_allows(roles, PERM_INSPECTION_WRITE) && !role_allows(roles, PERM_COMPLAINT_HANDLE) &&
        !role_allows(roles, PERM_CASE_HANDLE))
        return err_set(e, ERR_FORBIDDEN, "您没有上传执法记录的权限");
    if (check_upload(length, file_name, e)) return e->code;
    if (expire_uploads(c, e)) return e->code;
    int rc = blob_partial_new(s, id, e);
    if (rc) return rc;
    int64_t n = db_exec(c->db, e,
                        "INSERT INTO recording_upload (id, user_id, length, file_name, created_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        "tiiti", id, c->who->user_id, length, file_name ? file_name : "", c->now);
    if (n < 0) {
        struct err ignored = {0};
        blob_partial_abort(s, id, &ignored);
        return (int)n;
    }
    return 0;
}

int recording_upload_get(struct ctx *c, const char *id, struct recording_upload *out, struct err *e)
{
    struct blob_store *s = store_of(c, e);
    if (!s) return e->code;
    memset(out, 0, sizeof *out);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT length, file_name FROM recording_upload"
                                  " WHERE id = ? AND user_id = ?",
                                  "ti", id ? id : "", c->who->user_id);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        out->length = db_int(st, 0);
        out->file_name = arena_strdup(c->arena, db_text(st, 1));
    }
    db_done(st);
    if (rc != DB_ROW) return rc < 0 ? rc : err_set(e, ERR_NOTFOUND, "上传不存在或已结束");
    snprintf(out->id, sizeof out->id, "%s", id);
    return blob_partial_offset(s, id, &out->offset, e);
}

int recording_upload_cancel(struct ctx *c, const char *id, struct err *e)
{
    struct recording_upload u;
    int rc = recording_upload_get(c, id, &u, e);
    if (rc) return rc;
    int64_t n = db_exec(c->db, e, "DELETE FROM recording_upload WHERE id = ?", "t", id);
    if (n < 0) return (int)n;
    return blob_partial_abort(c->blobs, id, e);
}

int recording_upload_bytes(struct ctx *c, const void *data, size_t len, const char *file_name,
                           char id[BLOB_ID_HEX], struct err *e)
{
    int rc = recording_upload_new(c, (int64_t)len, file_name, id, e);
    if (!rc) rc = blob_partial_append(c->blobs, id, 0, data, len, NULL, e);
    return rc;
}

/* ---- the ledger entry ----------------------------------------------------------------------- */

/* The columns of an entry, in the order its hash covers them (docs/evidence.md). */
const char *const recording_columns[] = {
    "seq",         "agency_id",   "object_type",  "object_id",    "part",
    "key_step",    "media",       "content_type", "file_name",    "size",
    "sha256",      "officer_id",  "device_id",    "taken_at",     "place",
    "description", "uploaded_by", "uploaded_at",  "retain_until", "prev_hash",
};
const size_t recording_ncolumns = countof(recording_columns);

bool recording_int_column(const char *name)
{
    static const char *const ints[] = {"seq",         "agency_id", "object_id", "size",
                                       "officer_id",  "device_id", "taken_at",  "uploaded_by",
                                       "uploaded_at", "id"};
    for (size_t i = 0; i < countof(ints); i++)
        if (strcmp(ints[i], name) == 0) return true;
    return false;
}

void recording_entry_hash(json_t *row, char out[BLOB_HEX])
{
    struct buf b = {0};
    buf_adds(&b, "landun recording v1\n");
    for (size_t i = 0; i < recording_ncolumns; i++) {
        json_t *v = json_object_get(row, recording_columns[i]);
        if (json_is_integer(v))
            buf_addf(&b, "%s=%" JSON_INTEGER_FORMAT "\n", recording_columns[i],
                     json_integer_value(v));
        else {
            const char *s = json_string_value(v);
            /* text as its length and bytes: a field cannot pass for two */
            buf_addf(&b, "%s=%zu:%s\n", recording_columns[i], s ? strlen(s) : 0, s ? s : "");
        }
    }
    sha256_hex(b.p, b.len, out);
    buf_free(&b);
}

/* Claim the ledger's next place: *seq and the previous hash (arena). Serialised on the head row
 * like the audit chain: a concurrent writer waits until this transaction ends. */
static int claim_seq(struct ctx *c, int64_t *seq, const char **prev, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "UPDATE recording_head SET seq = seq + 1 WHERE one = 1"
                                  " RETURNING seq, hash",
                                  "");
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        *seq = db_int(st, 0);
        *prev = arena_strdup(c->arena, db_text(st, 1));
    }
    db_done(st);
    return rc == DB_ROW ? 0 : rc < 0 ? rc : err_set(e, ERR_INTERNAL, "执法记录台账头缺失");
}

/* Insert the entry row (its hash computed here) and move the head to it. */
static int append_entry(struct ctx *c, json_t *row, int64_t *id, struct err *e)
{
    char hash[BLOB_HEX];
    recording_entry_hash(row, hash);
    json_object_set_new(row, "hash", json_string(hash));
    json_t *dev = json_object_get(row, "device_id");
    int64_t device = json_integer_value(dev);
    int rc = db_get_int(
        c->db, e, id,
        "INSERT INTO recording (seq, agency_id, object_type, object_id, part, key_step, media,"
        " content_type, file_name, size, sha256, officer_id, device_id, taken_at, place,"
        " description, uploaded_by, uploaded_at, retain_until, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        "iititttttitiiittiittt", jget_int(row, "seq"), jget_int(row, "agency_id"),
        jget_text(row, "object_type"), jget_int(row, "object_id"), jget_text(row, "part"),
        jget_text(row, "key_step"), jget_text(row, "media"), jget_text(row, "content_type"),
        jget_text(row, "file_name"), jget_int(row, "size"), jget_text(row, "sha256"),
        jget_int(row, "officer_id"), device, jget_int(row, "taken_at"), jget_text(row, "place"),
        jget_text(row, "description"), jget_int(row, "uploaded_by"), jget_int(row, "uploaded_at"),
        jget_text(row, "retain_until"), jget_text(row, "prev_hash"), hash);
    if (rc) return rc;
    int64_t n = db_exec(c->db, e, "UPDATE recording_head SET hash = ? WHERE one = 1", "t", hash);
    return n < 0 ? (int)n : 0;
}

/* ---- attaching ------------------------------------------------------------------------------ */

/* The type of upload id by its first bytes (not by what the client said). */
static const struct media_type *sniff_upload(struct ctx *c, const char *id, struct err *e)
{
    char path[4096];
    unsigned char head[MEDIA_SNIFF_LEN];
    snprintf(path, sizeof path, "%s/partial/%s", blob_dir(c->blobs), id);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
    if (fd >= 0) close(fd);
    const struct media_type *t = n > 0 ? media_sniff(head, (size_t)n) : NULL;
    /* [R-EVD-02] only photos, audio, video and scans of the types browsers show are kept */
    if (!t)
        err_field(e, "upload",
                  "不支持的文件类型：请上传照片（JPEG/PNG/WebP/HEIC）、录音（MP3/M4A/AAC/WAV/AMR/"
                  "OGG）、视频（MP4/MOV/WebM）或扫描件（PDF）");
    return t;
}

/* [R-EVD-03] Who recorded: an officer of the record's agency. */
static int check_officer(struct ctx *c, int64_t officer_id, int64_t agency_id, struct err *e)
{
    if (officer_id <= 0) return err_field(e, "officer_id", "请选择记录人（执法人员）");
    int rc = db_exists(c->db, e, "SELECT 1 FROM officer WHERE id = ? AND agency_id = ?", "ii",
                       officer_id, agency_id);
    if (rc < 0) return rc;
    return rc ? 0 : err_field(e, "officer_id", "记录人应为本案（本记录）所属机关的执法人员");
}

/* Check the metadata of in against its record (tgt); the entry's fields into row. */
static int check_in(struct ctx *c, const struct recording_in *in,
                    const struct recording_target *tgt, json_t *row, struct err *e)
{
    int64_t taken = 0;
    field_instant(in->taken_at, "taken_at", c->now, &taken, e);
    check_officer(c, in->officer_id, tgt->agency_id, e);
    if (in->device_id > 0 && taken)
        device_check_use(c, in->device_id, in->officer_id, tgt->agency_id, date_from_instant(taken),
                         e);
    field_text(in->place, "place", "地点", false, 200, e);
    field_text(in->description, "description", "说明", false, 1000, e);
    if (in->file_name) field_text(in->file_name, "file_name", "文件名", false, 200, e);
    if (e->code < 0 && e->code != ERR_INVALID) return e->code;
    json_object_set_new(row, "taken_at", json_integer(taken));
    json_object_set_new(row, "officer_id", json_integer(in->officer_id));
    json_object_set_new(row, "device_id", json_integer(in->device_id > 0 ? in->device_id : 0));
    json_object_set_new(row, "place", json_string(in->place ? in->place : ""));
    json_object_set_new(row, "description", json_string(in->description ? in->description : ""));
    return e->nfields ? (e->code = ERR_INVALID) : 0;
}

/* The day until which a recording taken now is kept: setting recording.retain_years on. */
static const char *retain_until(struct ctx *c, struct err *e)
{
    int years = RECORDING_RETAIN_YEARS;
    if (setting_int(c, "recording.retain_years", &years, e)) return NULL;
    char d[DATE_STRLEN];
    date_format(date_add_months(date_from_instant(c->now), years * 12), d);
    return arena_strdup(c->arena, d);
}

/* Fill the rest of the entry and append it, with its audit row quoting the hash. */
static int write_entry(struct ctx *c, const struct recording_target *tgt, json_t *row,
                       const struct blob_result *blob, int64_t *id, struct err *e)
{
    int64_t seq;
    const char *prev, *until = retain_until(c, e);
    if (!until) return e->code;
    int rc = claim_seq(c, &seq, &prev, e);
    if (rc) return rc;
    json_object_set_new(row, "seq", json_integer(seq));
    json_object_set_new(row, "size", json_integer(blob->size));
    json_object_set_new(row, "sha256", json_string(blob->hex));
    json_object_set_new(row, "uploaded_by", json_integer(c->who->user_id));
    json_object_set_new(row, "uploaded_at", json_integer(c->now));
    json_object_set_new(row, "retain_until", json_string(until));
    json_object_set_new(row, "prev_hash", json_string(prev));
    if ((rc = append_entry(c, row, id, e))) return rc;
    /* [R-EVD-04] every entry is quoted in the audit chain, whose signed heads then fix it */
    return audit_write_at(
        c, tgt->agency_id, "recording.add", tgt->object_type, jget_int(row, "object_id"),
        "执法记录台账第 %" PRId64 " 条：%s《%s》%" PRId64 " 字节，文件 SHA-256 %s，条目哈希 %s",
        seq, jget_text(row, "media_label"), jget_text(row, "file_name"), blob->size, blob->hex,
        jget_text(row, "hash"));
}

/* After a failure once the upload was placed as an object: remove the object again unless it was
 * there before (the same content kept by another recording). */
static void unplace(struct ctx *c, const struct blob_result *res)
{
    char path[4096];
    struct err ignored = {0};
    if (res->existed || blob_path(c->blobs, res->hex, path, sizeof path, &ignored)) return;
    if (unlink(path) != 0) log_error("recording: cannot remove %s after a failed attach", path);
}

/* Check everything that can be checked before the file is taken. */
static int prepare(struct ctx *c, const struct recording_in *in, struct recording_target *tgt,
                   struct recording_upload *up, json_t *row, struct err *e)
{
    int rc = recording_target_check(c, in->object_type, in->object_id, in->part, true, tgt, e);
    if (rc) return rc;
    rc = recording_upload_get(c, in->upload, up, e);
    if (rc == ERR_NOTFOUND) return err_field(e, "upload", "上传不存在或已被使用，请重新上传");
    if (rc) return rc;
    /* [R-EVD-05] only a whole upload is attached */
    if (up->offset != up->length)
        return err_field(e, "upload", "文件尚未上传完整（已收到 %" PRId64 " / %" PRId64 " 字节）",
                         up->offset, up->length);
    const struct media_type *t = sniff_upload(c, in->upload, e);
    const char *name = in->file_name && !str_blank(in->file_name) ? in->file_name : up->file_name;
    if (str_blank(name)) name = arena_printf(c->arena, "记录.%s", t ? t->ext : "bin");
    json_object_set_new(row, "file_name", json_string(name));
    if (t) {
        json_object_set_new(row, "media", json_string(t->media));
        json_object_set_new(row, "media_label", json_string(t->label));
        json_object_set_new(row, "content_type", json_string(t->content_type));
    }
    rc = check_in(c, in, tgt, row, e);
    if (!rc && e->nfields) rc = e->code = ERR_INVALID;
    return rc;
}

int recording_add(struct ctx *c, const struct recording_in *in, int64_t *id, struct err *e)
{
    if (!store_of(c, e)) return e->code;
    struct recording_target tgt;
    struct recording_upload up;
    struct blob_result blob = {0};
    bool placed = false;
    json_t *row = json_object();
    int rc = db_begin(c->db, e);
    bool began = !rc;
    if (!rc) rc = prepare(c, in, &tgt, &up, row, e);
    if (!rc) {
        json_object_set_new(row, "agency_id", json_integer(tgt.agency_id));
        json_object_set_new(row, "object_type", json_string(tgt.object_type));
        json_object_set_new(row, "object_id", json_integer(in->object_id));
        json_object_set_new(row, "part", json_string(tgt.part));
        json_object_set_new(row, "key_step", json_string(tgt.key_step));
        int64_t n = db_exec(c->db, e, "DELETE FROM recording_upload WHERE id = ?", "t", in->upload);
        rc = n < 0 ? (int)n : 0;
    }
    if (!rc) placed = !(rc = blob_partial_finish(c->blobs, in->upload, &blob, e));
    if (!rc) rc = write_entry(c, &tgt, row, &blob, id, e);
    if (!rc) rc = db_commit(c->db, e);
    if (rc) {
        if (began) db_rollback(c->db);
        if (placed) unplace(c, &blob);
    }
    json_decref(row);
    return rc;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_left left[] = {
    {"recording",
     "执法全过程记录台账：条目哈希相连并写入审计链，按行重编号会破坏台账；含执法记录的库暂不能合并"
     "迁入",
     true},
    {"recording_head", "执法记录台账的链头，随台账一并保存", false},
    {"recording_upload", "尚未完成的上传：迁移后需重新上传", false},
};

const struct law_area law_area_recordings = {"recordings", NULL, 0, left, countof(left)};
