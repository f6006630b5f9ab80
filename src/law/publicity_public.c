/* publicity_public.c — what the public sees of the publicity queue (no login): the list of
 * published decisions with search and filters, and one item by its stable id — its fields as
 * published, or, once withdrawn, only the notice of the withdrawal with its reason; and the
 * figures of a period for staff (due, on time, late, withdrawn, repaired). */
#include "law/publicity.h"
#include "law/publicity_internal.h"
#include "base/date.h"
#include "base/jpack.h"
#include "base/util.h"
#include "law/agency.h"
#include "law/paging.h"
#include "law/publicity_reply.h"

#include <string.h>

static const char *today_of(struct ctx *c)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    return arena_strdup(c->arena, today);
}

#define PUBLIC_COLS                                                                                \
    "p.id, p.kind, p.state, p.title, p.decided_on, p.published_on, p.withdrawn_on,"                \
    " p.withdraw_reason, p.data, p.mask, p.person, a.name, a.code, p.entity_id, p.changed_at,"     \
    " p.line, e.name, e.address"
#define PUBLIC_FROM                                                                                \
    " FROM publicity_item p JOIN agency a ON a.id = p.agency_id"                                   \
    " LEFT JOIN entity e ON e.id = p.entity_id"

/* One public row: a withdrawn item keeps only its heading and the withdrawal. The heading is
 * made again from the masked data, and the withdrawal's reason masked too: nothing stored as
 * typed reaches the public unmasked. */
static json_t *public_row(struct ctx *c, struct db_stmt *st, bool full)
{
    const char *kind = db_text(st, 1), *state = db_text(st, 2);
    bool withdrawn = strcmp(state, "withdrawn") == 0, person = db_int(st, 10) != 0;
    /* the registry's name and address of a person, whatever the stored texts say */
    const char *secrets[] = {db_null(st, 16) ? NULL : db_text(st, 16),
                             db_null(st, 17) ? NULL : db_text(st, 17), NULL};
    json_t *d = publicity_data_shown(c, db_text(st, 8), db_text(st, 9), person,
                                     secrets[0] ? secrets : NULL);
    json_t *o = jpack("{sI ss ss ss ss sb ss ss}", "id", (json_int_t)db_int(st, 0), "kind", kind,
                      "kind_label", publicity_kind_label(kind), "title",
                      publicity_title(c, kind, d), "decided_on", db_text(st, 4), "withdrawn",
                      withdrawn, "agency", db_text(st, 11), "agency_code", db_text(st, 12));
    jset_text(o, "url", arena_printf(c->arena, "/public/decisions/%lld", (long long)db_int(st, 0)));
    jset_text(o, "published_on", db_text(st, 5));
    jset_int(o, "changed_at", db_int(st, 14));
    if (withdrawn) {
        json_t *w = jpack("{ss}", "reason", db_null(st, 7) ? "" : db_text(st, 7));
        publicity_mask(c->arena, w, person, NULL);
        jset_text(o, "withdrawn_on", db_text(st, 6));
        jset_text(o, "withdraw_reason", jget_text(w, "reason"));
        json_decref(w);
        json_decref(d);
        return o;
    }
    if (!db_null(st, 13)) jset_int(o, "entity_id", db_int(st, 13));
    static const char *const brief[] = {"doc_no", "party", "types", "content", NULL};
    for (const char *const *k = brief; *k; k++)
        jset_text(o, *k, jget_text(d, *k));
    if (full) json_object_set_new(o, "fields", publicity_field_rows(kind, d));
    json_decref(d);
    return o;
}

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    return public_row(arg, st, false);
}

/* [R-PUB-11] the public sees an item only while it is published and within its publication
 * period, and a withdrawn one only as the notice of its withdrawal; queued, withheld and
 * repaired items, and those past max_until, are not reachable without login. */
json_t *publicity_public_list(struct ctx *c, const struct publicity_query *q, struct err *e)
{
    struct paging p = paging_of(q->page, q->per_page, 20);
    struct db_cond w = {0};
    const char *today = today_of(c);
    db_cond_add(&w, PUBLICITY_VISIBLE, "tt", today, today);
    if (!str_blank(q->kind)) db_cond_add(&w, "p.kind = ?", "t", q->kind);
    if (!str_blank(q->agency))
        db_cond_add(&w, "a.path LIKE (SELECT path FROM agency WHERE code = ?) || '%'", "t",
                    q->agency);
    if (!str_blank(q->from)) db_cond_add(&w, "p.decided_on >= ?", "t", q->from);
    if (!str_blank(q->to)) db_cond_add(&w, "p.decided_on <= ?", "t", q->to);
    if (!str_blank(q->line)) db_cond_add(&w, "p.line = ?", "t", q->line);
    if (!str_blank(q->q))
        db_cond_add(&w, "p.title LIKE ?", "t", arena_printf(c->arena, "%%%s%%", q->q));
    const char *sql =
        arena_printf(c->arena,
                     "SELECT " PUBLIC_COLS PUBLIC_FROM " WHERE %s ORDER BY p.decided_on DESC,"
                     " p.id DESC LIMIT ? OFFSET ?",
                     db_cond_sql(&w));
    db_cond_bind(&w, "ii", paging_limit(p), paging_offset(p));
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    json_t *page = paging_read(st, p, list_row, c, e);
    db_cond_free(&w);
    return page;
}

json_t *publicity_public_item(struct ctx *c, int64_t id, struct err *e)
{
    const char *today = today_of(c);
    struct db_stmt *st = db_query(
        c->db, e, "SELECT " PUBLIC_COLS PUBLIC_FROM " WHERE p.id = ? AND " PUBLICITY_VISIBLE, "itt",
        id, today, today);
    int rc = st ? db_step(st, e) : e->code;
    json_t *o = rc == DB_ROW ? public_row(c, st, true) : NULL;
    db_done(st);
    if (!o) {
        if (rc >= 0) err_set(e, ERR_NOTFOUND, "该公示信息不存在或已不在公示期内");
        return NULL;
    }
    if (!json_is_true(json_object_get(o, "withdrawn")))
        json_object_set_new(o, "replies", publicity_reply_shown(c, id, e));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- the figures of a period (staff) --------------------------------------------------------- */

/* Counts of the deadlines name that began in [from, to] (a decision's day, a withdrawal's
 * cause) of items in scope, into o under prefix:
 * due (all), on_time, late (met after the last day), open, overdue (open past it), rate. */
static int deadline_counts(struct ctx *c, const char *name, const char *scope, const char *from,
                           const char *to, json_t *o, struct err *e)
{
    const char *today = today_of(c);
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT COUNT(*),"
        " SUM(CASE WHEN d.ended_on IS NOT NULL AND d.ended_on <= d.due_on THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN d.ended_on > d.due_on THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN d.ended_on IS NULL THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN d.ended_on IS NULL AND d.due_on < ? THEN 1 ELSE 0 END)"
        " FROM wf_deadline d JOIN publicity_item p ON p.id = d.object_id"
        " JOIN agency a ON a.id = p.agency_id WHERE d.kind = 'publicity' AND d.name = ?"
        " AND d.start_on >= ? AND d.start_on <= ? AND a.path LIKE ?",
        "ttttt", today, name, from, to, scope);
    int rc = st ? db_step(st, e) : e->code;
    if (rc == DB_ROW) {
        int64_t due = db_int(st, 0), on_time = db_int(st, 1), late = db_int(st, 2),
                overdue = db_int(st, 4);
        json_t *k = jpack("{sI sI sI sI sI}", "due", (json_int_t)due, "on_time",
                          (json_int_t)on_time, "late", (json_int_t)late, "open",
                          (json_int_t)db_int(st, 3), "overdue", (json_int_t)overdue);
        /* [R-PUB-12] the on-time rate: met by the last day ÷ those whose last day has come
         * (met, or open past it) */
        int64_t base = on_time + late + overdue;
        if (base)
            jset_text(k, "rate",
                      arena_printf(c->arena, "%.2f%%", 100.0 * (double)on_time / (double)base));
        json_object_set_new(o, name, k);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

json_t *publicity_figures(struct ctx *c, const char *agency, const char *from, const char *to,
                          struct err *e)
{
    const char *scope;
    if (agency_scope_of(c, agency, &scope, e)) return NULL;
    json_t *o = jpack("{ss ss}", "from", from, "to", to);
    json_t *by = json_object();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT p.state, COUNT(*) FROM publicity_item p JOIN agency a"
                                  " ON a.id = p.agency_id WHERE p.decided_on >= ? AND"
                                  " p.decided_on <= ? AND a.path LIKE ? GROUP BY p.state",
                                  "ttt", from, to, scope);
    while (st && db_step(st, e) == DB_ROW)
        jset_int(by, db_text(st, 0), db_int(st, 1));
    db_done(st);
    json_object_set_new(o, "by_state", by);
    struct db_stmt *r =
        db_query(c->db, e,
                 "SELECT COUNT(*), SUM(CASE WHEN r.approved = 1 THEN 1 ELSE 0 END),"
                 " SUM(CASE WHEN r.approved = 0 THEN 1 ELSE 0 END) FROM publicity_repair r"
                 " JOIN publicity_item p ON p.id = r.item_id JOIN agency a ON a.id = p.agency_id"
                 " WHERE r.applied_on >= ? AND r.applied_on <= ? AND a.path LIKE ?",
                 "ttt", from, to, scope);
    if (r && db_step(r, e) == DB_ROW)
        json_object_set_new(o, "repairs",
                            jpack("{sI sI sI}", "applied", (json_int_t)db_int(r, 0), "approved",
                                  (json_int_t)db_int(r, 1), "refused", (json_int_t)db_int(r, 2)));
    db_done(r);
    if (!e->code) deadline_counts(c, "publish", scope, from, to, o, e);
    if (!e->code) deadline_counts(c, "withdraw", scope, from, to, o, e);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}
