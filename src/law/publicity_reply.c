/* publicity_reply.c — the right to reply to a published result (publicity_reply.h). */
#include "base/date.h"
#include "base/jpack.h"
#include "law/publicity_reply.h"
#include "law/audit.h"
#include "law/field.h"
#include "law/paging.h"
#include "law/publicity.h"

#include <string.h>

static const char *const states[][2] = {
    {"pending", "待审核"}, {"approved", "已公开"}, {"rejected", "未采纳"}, {NULL, NULL}};

const char *publicity_reply_state_label(const char *state)
{
    for (int i = 0; state && states[i][0]; i++)
        if (strcmp(states[i][0], state) == 0) return states[i][1];
    return NULL;
}

int publicity_reply_check(const struct reply_input *in, struct err *e)
{
    field_text(in->body, "body", "回应内容", true, REPLY_MAX_CHARS, e);
    field_text(in->name, "name", "联系人", true, REPLY_NAME_CHARS, e);
    if (str_blank(in->phone))
        err_field(e, "phone", "请填写联系电话，便于核实回应（不会公开）");
    else
        field_phone(in->phone, "phone", e);
    return e->code;
}

/* [R-PUB-22] A reply is taken only for a result the public sees today and that stands (published,
 * or under a repair application): not for one queued, withheld, withdrawn or past its period. */
int publicity_reply_target(struct ctx *c, const char *item_id, int64_t *entity_id, struct err *e)
{
    int64_t id = 0;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    int rc = ERR_NOTFOUND;
    if (!parse_i64(item_id ? item_id : "", &id) && id > 0)
        rc =
            db_get_int(c->db, e, entity_id,
                       "SELECT p.entity_id FROM publicity_item p WHERE p.id = ?"
                       " AND p.entity_id IS NOT NULL AND p.state IN ('published', 'repair_pending')"
                       " AND (p.max_until IS NULL OR p.max_until > ?)",
                       "it", id, today);
    if (rc == ERR_NOTFOUND) {
        err_clear(e);
        return err_set(e, ERR_NOTFOUND, "该公示信息不存在或已不在公示期内，不能回应");
    }
    return rc;
}

int publicity_reply_add(struct ctx *c, const struct reply_input *in, int64_t *id, struct err *e)
{
    if (publicity_reply_check(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t entity_id, item_id = 0, agency_id = 0;
    rc = publicity_reply_target(c, in->item_id, &entity_id, e);
    if (!rc) parse_i64(in->item_id, &item_id);
    if (!rc)
        rc = db_get_int(c->db, e, &agency_id, "SELECT agency_id FROM publicity_item WHERE id = ?",
                        "i", item_id);
    /* the contact is kept for the reviewer; the reply waits for the review */
    if (!rc)
        rc = db_get_int(c->db, e, id,
                        "INSERT INTO publicity_reply (item_id, body, contact, submitted_at, ip,"
                        " state) VALUES (?, ?, ?, ?, ?, 'pending') RETURNING id",
                        "ittit", item_id, in->body,
                        arena_printf(c->arena, "%s %s", in->name, in->phone), c->now,
                        in->ip ? in->ip : "");
    if (!rc)
        rc = audit_write_at(c, agency_id, "publicity_reply.create", "publicity_item", item_id,
                            "收到对公示信息的回应（编号 %lld），待审核", (long long)*id);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* [R-PUB-21] Only an approved reply is shown, never its contact, and its text is masked as the
 * item's data is: a reply may name a person or give a phone number. */
json_t *publicity_reply_shown(struct ctx *c, int64_t item_id, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT r.body, r.moderated_at, p.person, x.kind, x.name, x.address, x.id_number, x.phone"
        " FROM publicity_reply r JOIN publicity_item p ON p.id = r.item_id"
        " LEFT JOIN entity x ON x.id = p.entity_id"
        " WHERE r.item_id = ? AND r.state = 'approved' ORDER BY r.id",
        "i", item_id);
    if (!st) return NULL;
    json_t *arr = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *secrets[5] = {0};
        for (int i = 0; i < 4; i++)
            secrets[i] = db_text(st, 4 + i) ? db_text(st, 4 + i) : "";
        bool person =
            db_int(st, 2) != 0 || (db_text(st, 3) && strcmp(db_text(st, 3), "person") == 0);
        char on[DATE_STRLEN];
        date_format(date_from_instant(db_int(st, 1)), on);
        json_t *o = jpack("{ss}", "body", db_text(st, 0));
        publicity_mask(c->arena, o, person, secrets);
        jset_text(o, "on", on);
        json_array_append_new(arr, o);
    }
    db_done(st);
    if (rc < 0) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* One reply of the reviewers' list. */
static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)arg, (void)e;
    char submitted[INSTANT_STRLEN], moderated[INSTANT_STRLEN] = "";
    instant_format(db_int(st, 5), submitted);
    if (!db_null(st, 9)) instant_format(db_int(st, 9), moderated);
    const char *state = db_text(st, 6);
    json_t *o = jpack("{sI sI ss sI ss ss ss ss ss}", "id", (json_int_t)db_int(st, 0), "item_id",
                      (json_int_t)db_int(st, 1), "item_title", db_text(st, 2), "entity_id",
                      (json_int_t)db_int(st, 3), "body", db_text(st, 4), "contact", db_text(st, 10),
                      "submitted", submitted, "state", state, "state_label",
                      publicity_reply_state_label(state));
    jset_text(o, "note", db_text(st, 7));
    jset_text(o, "moderator", db_text(st, 8));
    if (*moderated) jset_text(o, "moderated", moderated);
    jset_bool(o, "pending", strcmp(state, "pending") == 0);
    return o;
}

json_t *publicity_reply_list(struct ctx *c, const char *state, int page, int per_page,
                             struct err *e)
{
    if (!str_blank(state) && !publicity_reply_state_label(state)) {
        err_field(e, "state", "状态应为待审核、已公开或未采纳");
        return NULL;
    }
    struct db_cond w = {0};
    db_cond_add(&w, AGENCY_IN_SCOPE("p.agency_id"), "t", actor_scope(c));
    if (!str_blank(state)) db_cond_add(&w, "r.state = ?", "t", state);
    const char *sql = arena_printf(
        c->arena,
        "SELECT r.id, r.item_id, p.title, COALESCE(p.entity_id, 0), r.body, r.submitted_at,"
        " r.state, r.moderation_note, u.display_name, r.moderated_at, r.contact"
        " FROM publicity_reply r JOIN publicity_item p ON p.id = r.item_id"
        " LEFT JOIN app_user u ON u.id = r.moderated_by WHERE %s"
        " ORDER BY r.submitted_at DESC, r.id DESC LIMIT ? OFFSET ?",
        db_cond_sql(&w));
    struct paging pg = paging_of(page, per_page, 20);
    db_cond_bind(&w, "ii", paging_limit(pg), paging_offset(pg));
    json_t *o = paging_read(db_cond_query(c->db, e, sql, &w), pg, list_row, NULL, e);
    db_cond_free(&w);
    return o;
}

/* The agency of reply id's item and the reply's state, when the item is in the actor's
 * subtree; ERR_NOTFOUND otherwise (another county's reply is not there for this reviewer). */
static int read_for_review(struct ctx *c, int64_t id, int64_t *item_id, const char **state,
                           struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT r.item_id, r.state FROM publicity_reply r"
                                  " JOIN publicity_item p ON p.id = r.item_id"
                                  " WHERE r.id = ? AND " AGENCY_IN_SCOPE("p.agency_id"),
                                  "it", id, actor_scope(c));
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *item_id = db_int(st, 0);
        *state = arena_strdup(c->arena, db_text(st, 1));
        rc = 0;
    } else if (rc == DB_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "回应不存在");
    }
    db_done(st);
    return rc;
}

/* [R-PUB-23] A reply is approved or rejected once, by a reviewer of the item's agency subtree; a
 * rejection says why; each decision is audited. An approval changes what the public sees of the
 * item (its changed_at: caches and the feed). */
int publicity_reply_decide(struct ctx *c, int64_t id, bool approve, const char *note, struct err *e)
{
    if (!approve && str_blank(note)) err_field(e, "note", "不予采纳的，请写明理由");
    field_text(note, "note", "审核意见", false, REPLY_NOTE_CHARS, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t item_id = 0;
    const char *state = NULL;
    rc = read_for_review(c, id, &item_id, &state, e);
    if (!rc && strcmp(state, "pending") != 0)
        rc = err_set(e, ERR_CONFLICT, "该回应已审核（%s），不能再次审核",
                     publicity_reply_state_label(state));
    if (!rc)
        rc = db_exec(c->db, e,
                     "UPDATE publicity_reply SET state = ?, moderated_by = ?, moderated_at = ?,"
                     " moderation_note = ? WHERE id = ? AND state = 'pending'",
                     "tiiti", approve ? "approved" : "rejected", c->who->user_id, c->now,
                     blank_to_null(note), id) == 1
                 ? 0
             : e->code ? e->code
                       : err_set(e, ERR_CONFLICT, "该回应已被他人审核");
    if (!rc && approve)
        rc = db_exec(c->db, e,
                     "UPDATE publicity_item SET changed_at = ?, updated_at = ? WHERE id = ?", "iii",
                     c->now, c->now, item_id) < 0
                 ? e->code
                 : 0;
    if (!rc)
        rc = audit_write(c, approve ? "publicity_reply.approve" : "publicity_reply.reject",
                         "publicity_item", item_id, "%s对公示信息的回应（编号 %lld）%s%s",
                         approve ? "审核公开" : "不予采纳", (long long)id, approve ? "" : "：",
                         approve ? "" : note);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}
