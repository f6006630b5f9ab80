/* plan_public.c — the public site of random checks: the published plans, and one plan with its
 * commitment, seed, selection and their recomputation, without personal data. */
#include "base/jpack.h"
#include "law/plan.h"
#include "law/catalog.h"

#include <stdio.h>
#include <string.h>

json_t *plan_public_list(struct ctx *c, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT p.id, p.name, p.level, p.year, p.line, p.state,"
                                  " p.pool_size, p.pool_hash, COALESCE(p.committed_at, (SELECT"
                                  " MAX(k.committed_at) FROM draw_commitment k WHERE"
                                  " k.plan_id = p.id)), p.drawn_at, a.name"
                                  " FROM draw_plan p JOIN agency a ON a.id = p.agency_id"
                                  " WHERE p.state <> 'draft' OR EXISTS (SELECT 1 FROM"
                                  " draw_commitment k WHERE k.plan_id = p.id) ORDER BY p.id DESC",
                                  "");
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW) {
        char on[DATE_STRLEN], drawn[DATE_STRLEN] = "";
        date_format(date_from_instant(db_int(st, 8)), on);
        if (!db_null(st, 9)) date_format(date_from_instant(db_int(st, 9)), drawn);
        json_t *o = json_object();
        jset_int(o, "id", db_int(st, 0));
        jset_text(o, "name", db_text(st, 1));
        jset_text(o, "level_label", plan_level_label(db_text(st, 2)));
        jset_int(o, "year", db_int(st, 3));
        jset_text(o, "line_label", catalog_label("lines", db_text(st, 4)));
        jset_text(o, "state", db_text(st, 5));
        /* a plan back in draft is public only for its withdrawn commitment */
        jset_text(o, "state_label",
                  strcmp(db_text(st, 5), "draft") == 0 ? "承诺已撤回"
                                                       : plan_state_label(db_text(st, 5)));
        jset_int(o, "pool_size", db_int(st, 6));
        jset_text(o, "pool_hash", db_text(st, 7));
        jset_text(o, "committed_on", on);
        jset_text(o, "drawn_on", *drawn ? drawn : NULL);
        jset_text(o, "agency", db_text(st, 10));
        json_array_append_new(rows, o);
    }
    db_done(st);
    if (e->code) {
        json_decref(rows);
        return NULL;
    }
    return jpack("{so}", "rows", rows);
}

/* The selection in task order with public names: [{seq, entity_id, name, stratum}]; entity_id as
 * in the published snapshot. */
static json_t *public_selection(struct ctx *c, int64_t id, struct err *e)
{
    json_t *arr = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT t.seq, COALESCE(d.published_id, t.entity_id), d.name,"
                                  " t.stratum FROM task t"
                                  " JOIN draw_pool d ON d.plan_id = t.plan_id"
                                  " AND d.entity_id = t.entity_id WHERE t.plan_id = ?"
                                  " ORDER BY t.seq",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        json_t *o = json_object();
        jset_int(o, "seq", db_int(st, 0));
        jset_int(o, "entity_id", db_int(st, 1));
        jset_text(o, "name", db_text(st, 2));
        jset_text(o, "stratum", db_text(st, 3));
        json_array_append_new(arr, o);
    }
    db_done(st);
    return arr;
}

json_t *plan_public_get(struct ctx *c, int64_t id, struct err *e)
{
    struct plan_rec p;
    if (plan_load(c, id, true, &p, e)) return NULL;
    json_t *o = plan_json_full(c, &p, e);
    /* the public page's JSON shows what the page shows, no more: not the warnings (entities over
     * their cap), the other departments' inspectors (people's names) or the internal caps */
    static const char *const internal[] = {"warnings", "joint_inspectors", "officer_cap",
                                           "entity_cap"};
    for (size_t i = 0; i < countof(internal); i++)
        json_object_del(o, internal[i]);
    if (strcmp(p.state, "drawn") == 0) {
        json_object_set_new(o, "selection", public_selection(c, id, e));
        struct plan_verdict v;
        char msg[200];
        snprintf(msg, sizeof msg,
                 "抽取池较大（%lld户），本页不再逐次重算：请下载快照，用核对程序按上面的种子验证",
                 (long long)p.pool_size);
        if (p.pool_size > PLAN_LIVE_VERIFY_MAX) /* an open page must not cost seconds per view */
            json_object_set_new(o, "verification",
                                jpack("{sb sb ss}", "ok", false, "live", false, "summary", msg));
        else if (plan_verify(c, id, true, &v, e) == 0)
            json_object_set_new(o, "verification",
                                jpack("{sb sb sb ss sb ss sI}", "live", true, "ok", v.entities.ok,
                                      "hash_ok", v.entities.hash_ok, "hash", v.entities.hash,
                                      "selection_ok", v.entities.selection_ok, "summary",
                                      v.entities.summary, "pool", (json_int_t)v.entities.pool));
    }
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}
