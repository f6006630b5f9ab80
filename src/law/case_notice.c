/* case_notice.c — a case's prior notice (行政处罚事先告知) and the party's written waiver: no
 * notice before a required legal review passed (第五十八条); the right to a hearing read from the
 * penalty proposed (第六十三条). The steps are declared in case.c. */
#include "law/case_internal.h"
#include "law/setting.h"

#include <string.h>

/* [R-CASE-15] 第五十八条: a case whose decision needs a legal review is notified only after the
 * review passed (the step from 调查终结 is refused; from 法制审核通过 it is taken). */
int case_guard_notify(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    int again = db_exists(
        c->db, e, "SELECT 1 FROM penalty_case WHERE id = ? AND notified_on IS NOT NULL", "i", id);
    if (again)
        return again < 0 ? again
                         : err_set(e, ERR_INVALID,
                                   "本案已经告知；拟处罚内容改变的，须补充调查、"
                                   "重新提出调查终结意见后再告知");
    int needs = db_exists(c->db, e,
                          "SELECT 1 FROM penalty_case WHERE id = ? AND review_required = 1"
                          " AND state = 'concluded'",
                          "i", id);
    if (needs < 0) return needs;
    return needs ? err_set(e, ERR_INVALID,
                           "本案须经法制审核，审核通过后方可告知（《行政处罚法》第五十八条）")
                 : 0;
}

/* [R-CASE-16] 第六十三条: the party may ask for a hearing against a fine of the larger amount
 * (per the party's kind, settings), a licence downgraded or revoked, a closure, a ban on
 * practice. */
static int hearing_right(struct ctx *c, int64_t id, bool *right, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT penalty_types, fine, party_kind FROM penalty_case"
                                  " WHERE id = ?",
                                  "i", id);
    int rc = st ? db_step(st, e) : e->code;
    *right = false;
    if (rc == DB_ROW) {
        const char *types = db_text(st, 0);
        int limit = 0;
        bool citizen = strcmp(db_text(st, 2), "citizen") == 0;
        setting_int(c, citizen ? "case.hearing_fine_citizen_yuan" : "case.hearing_fine_org_yuan",
                    &limit, e);
        *right = (!db_null(st, 1) && db_int(st, 1) >= (int64_t)limit * 100) ||
                 csv_has(types, "downgrade") || csv_has(types, "licence_revocation") ||
                 csv_has(types, "closure") || csv_has(types, "practice_ban");
    }
    db_done(st);
    return rc < 0 ? rc : e->code;
}

int case_effect_notify(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    bool right;
    if (hearing_right(c, id, &right, e)) return e->code;
    a->reason = right ? "告知陈述、申辩和要求听证的权利" : "告知陈述、申辩的权利";
    return db_exec(c->db, e,
                   "UPDATE penalty_case SET notified_on = ?, hearing_right = ?, updated_at = ?"
                   " WHERE id = ?",
                   "tiii", wf_date(c, a), (int64_t)right, c->now, id) < 0
               ? e->code
               : 0;
}

/* [R-CASE-17] 第四十四条、第四十五条: the party's written waiver of statement and defence (and of
 * the hearing) is recorded with its day; it ends the window. */
int case_effect_waive(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    a->reason = "当事人书面放弃陈述、申辩和听证的权利";
    return db_exec(c->db, e, "UPDATE penalty_case SET waived_on = ?, updated_at = ? WHERE id = ?",
                   "tii", wf_date(c, a), c->now, id) < 0
               ? e->code
               : 0;
}
