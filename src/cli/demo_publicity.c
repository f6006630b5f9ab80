/* demo_publicity.c — the publicity queue of the demo: the legal reviewer has published the
 * decisions, results and licences of the county the other parts of the demo queued, each on its
 * decision's day, except the newest few, left in the queue for the reviewer to try. */
#include "cli/demo.h"
#include "base/util.h"
#include "law/publicity.h"

#define DEMO_LEFT_QUEUED 3 /* the newest items still waiting */

int demo_publicity(struct ctx *c, struct err *e)
{
    struct actor who;
    struct ctx legal;
    if (demo_as(c, "legal", &who, &legal, e)) return e->code;
    int64_t ids[512];
    char days[512][11];
    size_t n = 0;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT p.id, p.decided_on FROM publicity_item p JOIN agency a"
                                  " ON a.id = p.agency_id WHERE p.state = 'queued' AND a.path"
                                  " LIKE ? ORDER BY p.decided_on, p.id",
                                  "t", actor_scope(&legal));
    while (st && n < countof(ids) && db_step(st, e) == DB_ROW) {
        ids[n] = db_int(st, 0);
        snprintf(days[n++], 11, "%s", db_text(st, 1));
    }
    db_done(st);
    if (e->code) return e->code;
    for (size_t i = 0; i + DEMO_LEFT_QUEUED < n; i++) {
        struct wf_args a = {.date = days[i], .note = "经审核，依法公示"};
        if (wf_take(&legal, &publicity_workflow, ids[i], "publish", &a, NULL, e)) return e->code;
    }
    return 0;
}
