/* entity_public.c — an entity's public page (entity_public.h). Everything it holds passes
 * publicity_mask with the entity's own name, address, ID and phone numbers as the secrets. */
#include "base/date.h"
#include "base/jpack.h"
#include "law/entity_public.h"
#include "law/catalog.h"
#include "law/entity.h"
#include "law/publicity.h"
#include "law/publicity_reply.h"

#include <string.h>

/* Who the page is about, for the masking. */
struct party {
    bool person;            /* a natural person (entity.kind person) */
    const char *secrets[5]; /* name (shown masked), address, ID number, phone; NULL-ended */
};

/* Mask the text members of o as a public output of p (R-PUB-01). */
static void mask(struct ctx *c, const struct party *p, bool person, json_t *o)
{
    publicity_mask(c->arena, o, p->person || person, p->secrets);
}

/* The entity's registration, masked; NULL with ERR_NOTFOUND when there is none. */
static json_t *read_entity(struct ctx *c, int64_t id, struct party *p, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.kind, x.name, x.uscc, x.address, x.id_number, x.phone,"
                                  " x.subtype, x.lines, x.status, a.name, a.code FROM entity x"
                                  " JOIN agency a ON a.id = x.agency_id WHERE x.id = ?",
                                  "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW) {
        p->person = strcmp(db_text(st, 0), "person") == 0;
        static const int secret_cols[] = {1, 3, 4, 5}; /* name, address, ID number, phone */
        for (int i = 0; i < 4; i++) {
            const char *s = db_text(st, secret_cols[i]);
            p->secrets[i] = s ? arena_strdup(c->arena, s) : "";
        }
        char lines[256];
        catalog_lines_label(db_text(st, 7), lines, sizeof lines);
        o = jpack("{ss ss? ss ss? ss ss}", "party", db_text(st, 1), "subtype_label",
                  catalog_label("subtypes", db_text(st, 6)), "lines_label", lines, "status_label",
                  entity_status_label(db_text(st, 8)), "agency", db_text(st, 9), "agency_code",
                  db_text(st, 10));
        mask(c, p, false, o);
        /* the 统一社会信用代码 of an organisation is public, and may look like an ID number */
        if (!p->person) jset_text(o, "uscc", db_text(st, 2));
        jset_text(o, "status", db_text(st, 8));
    }
    db_done(st);
    if (!o && !e->code) err_set(e, ERR_NOTFOUND, "单位不存在");
    if (!o) return NULL;
    json_object_set(o, "name", json_object_get(o, "party"));
    json_object_del(o, "party");
    jset_int(o, "id", id);
    jset_bool(o, "person", p->person);
    return o;
}

/* The entity's licences; a person's numbers masked too. */
static json_t *read_licences(struct ctx *c, int64_t id, const struct party *p, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT type, number, valid_from, valid_to FROM licence"
                                  " WHERE entity_id = ? ORDER BY id",
                                  "i", id);
    json_t *arr = json_array();
    day_t today = date_from_instant(c->now), to;
    while (st && db_step(st, e) == DB_ROW) {
        const char *vt = db_text(st, 3);
        json_t *o =
            jpack("{ss? ss ss? ss?}", "type_label", catalog_label("licence_types", db_text(st, 0)),
                  "number", db_text(st, 1), "valid_from", db_text(st, 2), "valid_to", vt);
        if (p->person) mask(c, p, true, o);
        jset_bool(o, "expired", vt && !date_parse(vt, &to) && to < today);
        json_array_append_new(arr, o);
    }
    db_done(st);
    return arr;
}

/* What a result's line on the page says of it, from its public data: the penalty's content or
 * type, a licence's content, the ground of a decision not to punish. */
static const char *summary_of(const json_t *data)
{
    static const char *const keys[] = {"content", "types", "ground", "result", NULL};
    for (int i = 0; keys[i]; i++) {
        const char *s = json_string_value(json_object_get(data, keys[i]));
        if (s && *s) return s;
    }
    return NULL;
}

/* One published result of the current row: its heading and summary (a withdrawn one: only the
 * withdrawal), masked. */
static json_t *item_row(struct ctx *c, struct db_stmt *st, const struct party *p)
{
    const char *kind = db_text(st, 1), *state = db_text(st, 4);
    bool withdrawn = strcmp(state, "withdrawn") == 0;
    json_t *data = json_loads(db_text(st, 7), 0, NULL);
    json_t *o =
        jpack("{ss ss? ss}", "title", db_text(st, 2), "doc_no",
              json_string_value(json_object_get(data, "doc_no")), "decided_on", db_text(st, 3));
    if (withdrawn)
        jset_text(o, "withdraw_reason", db_text(st, 5));
    else
        jset_text(o, "summary", summary_of(data));
    json_decref(data);
    mask(c, p, db_int(st, 6) != 0, o);
    jset_int(o, "id", db_int(st, 0));
    jset_text(o, "kind", kind);
    jset_text(o, "kind_label", publicity_kind_label(kind));
    jset_bool(o, "withdrawn", withdrawn);
    jset_bool(o, "can_reply", !withdrawn);
    return o;
}

/* [R-PUB-20] The entity's results the public may see today (PUBLICITY_VISIBLE): a queued,
 * withheld or expired item is neither listed nor counted; each with its approved replies. */
static json_t *read_items(struct ctx *c, int64_t id, const struct party *p, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT p.id, p.kind, p.title, p.decided_on, p.state, p.withdraw_reason, p.person,"
                 " p.data FROM publicity_item p WHERE p.entity_id = ? AND " PUBLICITY_VISIBLE
                 " ORDER BY p.decided_on DESC, p.id DESC LIMIT ?",
                 "itti", id, today, today, (int64_t)ENTITY_PUBLIC_ITEMS);
    json_t *arr = json_array();
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(arr, item_row(c, st, p));
    db_done(st);
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        if (e->code) break;
        json_t *replies = publicity_reply_shown(c, jget_int(o, "id"), e);
        if (replies) json_object_set_new(o, "replies", replies);
    }
    return arr;
}

json_t *entity_public_get(struct ctx *c, int64_t id, struct err *e)
{
    struct party p = {0};
    json_t *o = read_entity(c, id, &p, e);
    if (!o) return NULL;
    json_object_set_new(o, "licences", read_licences(c, id, &p, e));
    json_object_set_new(o, "items", read_items(c, id, &p, e));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}
