/* document_file.c — issued documents kept as PDFs (law/document.h, docs/documents.md): rendered
 * from their type's declaration (docs/doc_layout.h) over their record in the transaction that
 * issues them, stored with their SHA-256 in document_file (migration 032), never changed after,
 * and served to those who may read their record — and, when one names the person who made the
 * request, only to those who may see that person. */
#include "law/document.h"
#include "law/area.h"
#include "base/crypto.h"
#include "base/jpack.h"
#include "base/log.h"
#include "docs/doc_layout.h"

#include <stdio.h>
#include <string.h>

const struct doc_owner *document_owner(const char *kind)
{
    for (size_t i = 0; kind && i < law_nareas; i++) {
        const struct doc_owner *o = law_areas[i]->documents;
        if (o && strcmp(o->kind, kind) == 0) return o;
    }
    return NULL;
}

/* ---- what a document prints --------------------------------------------------------------- */

/* The objects of array list by their member key (the last one of each value wins). */
static json_t *index_by(json_t *list, const char *key)
{
    json_t *out = json_object(), *x;
    size_t i;
    json_array_foreach(list, i, x)
    {
        const char *k = json_string_value(json_object_get(x, key));
        if (k) json_object_set(out, k, x);
    }
    return out;
}

void document_data(json_t *record, const struct doc_owner *owner, const char *type,
                   const char *number, const char *date, json_t *step)
{
    json_t *doc = json_object();
    jset_text(doc, "title", document_type_label(type));
    jset_text(doc, "number", number);
    jset_text(doc, "number_label", document_type_serial(type) ? "编号" : NULL);
    jset_text(doc, "date", date);
    json_object_set_new(record, "document", doc);
    json_object_set_new(record, "step", step ? step : json_object());
    json_object_set_new(record, "last_step", index_by(json_object_get(record, "steps"), "action"));
    json_object_set_new(record, "deadline", index_by(json_object_get(record, "deadlines"), "name"));
    /* [R-DOC-03] a type that does not declare it prints the person cannot print them */
    if (owner && owner->person && !doc_layout_personal(type))
        json_object_del(record, owner->person);
}

/* ---- keeping it ----------------------------------------------------------------------------- */

/* The register's row of document id: its type, number, date and record (on the arena). */
struct issued {
    const char *type, *number, *date, *kind;
    int64_t object_id;
};

static int issued_row(struct ctx *c, int64_t id, struct issued *d, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT type, number, date, object_type, object_id FROM document"
                                  " WHERE id = ?",
                                  "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW)
        *d = (struct issued){arena_strdup(c->arena, db_text(st, 0)),
                             arena_strdup(c->arena, db_text(st, 1)),
                             arena_strdup(c->arena, db_text(st, 2)),
                             arena_strdup(c->arena, db_text(st, 3)), db_int(st, 4)};
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? 0 : err_set(e, ERR_NOTFOUND, "文书不存在");
}

/* The record's JSON for document d, its person shown when the type prints them; *names: it
 * does, and the record has one. */
static json_t *record_of(struct ctx *c, const struct doc_owner *o, const struct issued *d,
                         json_t *step, bool *names, struct err *e)
{
    json_t *rec = o->data(c, d->object_id, e);
    if (!rec) {
        json_decref(step);
        return NULL;
    }
    bool personal = doc_layout_personal(d->type) && o->person;
    char key[64];
    snprintf(key, sizeof key, "%s_error", o->person ? o->person : "");
    if (personal && json_object_get(rec, key)) {
        json_decref(rec);
        json_decref(step);
        err_set(e, ERR_INTERNAL, "%s信息无法解密（数据密钥不符），不能出具%s", o->whose,
                document_type_label(d->type));
        return NULL;
    }
    *names = personal && json_object_get(rec, o->person);
    document_data(rec, o, d->type, d->number, d->date, step);
    return rec;
}

/* Store pdf as document id's file, sealed when it names the person. */
static int store(struct ctx *c, int64_t id, const struct buf *pdf, bool names, struct err *e)
{
    char sha[65];
    sha256_hex(pdf->p, pdf->len, sha);
    struct buf sealed = {0};
    if (names && seal_bytes(pdf->p, pdf->len, &sealed))
        return err_set(e, ERR_INTERNAL, "服务器未配置数据密钥，不能保存载有个人信息的文书");
    const struct buf *kept = names ? &sealed : pdf;
    int64_t n = db_exec(c->db, e,
                        "INSERT INTO document_file (document_id, sha256, sealed, pdf)"
                        " VALUES (?, ?, ?, ?)",
                        "itib", id, sha, (int64_t)names, kept->p, kept->len);
    buf_free(&sealed);
    return n < 0 ? (int)n : 0;
}

int document_keep(struct ctx *c, int64_t doc_id, json_t *step, struct err *e)
{
    struct issued d = {0};
    int rc = issued_row(c, doc_id, &d, e);
    if (rc || !doc_layout_has(d.type)) {
        json_decref(step);
        return rc;
    }
    const struct doc_owner *o = document_owner(d.kind);
    if (!o) {
        json_decref(step);
        return err_set(e, ERR_INTERNAL, "%s 的记录种类 %s 没有声明文书的数据", d.type, d.kind);
    }
    bool names = false;
    json_t *rec = record_of(c, o, &d, step, &names, e);
    if (!rec) return e->code;
    struct buf pdf = {0};
    rc = doc_layout_render(d.type, rec, &pdf, e);
    json_decref(rec);
    if (!rc) rc = store(c, doc_id, &pdf, names, e); /* [R-DOC-04] kept as issued */
    buf_free(&pdf);
    return rc;
}

/* ---- serving it ----------------------------------------------------------------------------- */

/* The kept file of document id and its record (arena); *has_file false when none is kept. */
struct kept {
    const char *type, *number, *kind, *sha256;
    int64_t object_id;
    bool sealed, has_file;
};

static int kept_row(struct ctx *c, int64_t id, struct kept *k, struct buf *bytes, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT d.type, d.number, d.object_type, d.object_id, f.sha256, f.sealed, f.pdf"
                 " FROM document d LEFT JOIN document_file f ON f.document_id = d.id"
                 " WHERE d.id = ?",
                 "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *k = (struct kept){arena_strdup(c->arena, db_text(st, 0)),
                           arena_strdup(c->arena, db_text(st, 1)),
                           arena_strdup(c->arena, db_text(st, 2)),
                           db_null(st, 4) ? NULL : arena_strdup(c->arena, db_text(st, 4)),
                           db_int(st, 3),
                           db_int(st, 5) != 0,
                           !db_null(st, 4)};
        size_t n = 0;
        const void *p = k->has_file ? db_blob(st, 6, &n) : NULL;
        if (p) buf_add(bytes, p, n);
    }
    db_done(st);
    if (rc < 0) return rc;
    return rc == DB_ROW ? 0 : err_set(e, ERR_NOTFOUND, "文书不存在或不在您的管辖范围内");
}

/* Whether rec, as o's get gives it to the actor, shows its person (or would, but for the key:
 * "<person>_error"). */
static bool person_shown(json_t *rec, const struct doc_owner *o)
{
    if (!o->person) return false;
    char key[64];
    snprintf(key, sizeof key, "%s_error", o->person);
    return json_object_get(rec, o->person) || json_object_get(rec, key);
}

/* [R-DOC-03] Whether the actor may have the kept file k of a record of o: its record in their
 * reach (the area's own rule: 404 otherwise), and, when it names the person, that person shown
 * to them. */
static int may_have(struct ctx *c, const struct doc_owner *o, const struct kept *k, struct err *e)
{
    if (!role_allows(c->who->roles, o->read))
        return err_set(e, ERR_FORBIDDEN, "您没有权限查看该文书");
    json_t *rec = o->get(c, k->object_id, e);
    if (!rec) return e->code;
    bool hidden = k->sealed && !person_shown(rec, o);
    json_decref(rec);
    if (hidden)
        return err_set(e, ERR_FORBIDDEN,
                       "该文书载有%s的个人信息，只有可以查看%s信息的工作人员可以查看", o->whose,
                       o->whose);
    if (!k->has_file)
        return err_set(e, ERR_NOTFOUND, "该文书没有存档的文件（在文书存档启用前出具）");
    return 0;
}

/* The file as served from what is kept: opened when sealed, checked against its SHA-256. */
static int open_file(const struct kept *k, struct buf *bytes, struct document_pdf *out,
                     struct err *e)
{
    if (k->sealed) {
        if (unseal_bytes(bytes->p, bytes->len, &out->pdf))
            return err_set(e, ERR_INTERNAL, "文书无法解密（数据密钥不符或文件被改动）");
    } else {
        buf_add(&out->pdf, bytes->p ? bytes->p : "", bytes->len);
    }
    sha256_hex(out->pdf.p, out->pdf.len, out->sha256);
    if (strcmp(out->sha256, k->sha256) != 0) {
        log_error("document file of %s %s: SHA-256 %s, registered %s", k->type, k->number,
                  out->sha256, k->sha256);
        return err_set(e, ERR_INTERNAL, "文书文件与登记的SHA-256值不符，可能已被改动");
    }
    return 0;
}

int document_pdf(struct ctx *c, int64_t id, struct document_pdf *out, struct err *e)
{
    *out = (struct document_pdf){0};
    struct kept k = {0};
    struct buf bytes = {0};
    int rc = kept_row(c, id, &k, &bytes, e);
    const struct doc_owner *o = rc ? NULL : document_owner(k.kind);
    if (!rc && !o) /* an inspection's documents are printed at their own pages */
        rc = err_set(e, ERR_NOTFOUND, "文书不存在或没有存档的文件");
    if (!rc) rc = may_have(c, o, &k, e);
    if (!rc) rc = open_file(&k, &bytes, out, e);
    buf_free(&bytes);
    if (rc) {
        buf_free(&out->pdf);
        return rc;
    }
    out->type_label = document_type_label(k.type);
    out->number = k.number;
    return 0;
}
