/* enforce.c — whether an officer may take part in an enforcement act against a party on a date
 * (enforce.h). */
#include "law/enforce.h"
#include "law/officer.h"

#include <string.h>

int enforce_parse_officers(const char *list, const char *who, int64_t *ids, int n, struct err *e)
{
    return enforce_parse_officers_as(list, "officers", who, ids, n, e);
}

int enforce_parse_officers_as(const char *list, const char *field, const char *who, int64_t *ids,
                              int n, struct err *e)
{
    int k = 0;
    for (const char *p = list ? list : ""; *p;) {
        const char *item;
        size_t len = csv_next(&p, &item);
        char num[24];
        int64_t id;
        if (len == 0) continue;
        if (len >= sizeof num) return err_field(e, field, "%s编号有误", who), -1;
        memcpy(num, item, len);
        num[len] = 0;
        if (parse_i64(str_trim(num), &id) || id <= 0)
            return err_field(e, field, "%s编号有误：%s", who, num), -1;
        for (int i = 0; i < k; i++)
            if (ids[i] == id) return err_field(e, field, "同一执法人员不能重复选择"), -1;
        if (k == n) return err_field(e, field, "%s最多%d名", who, n), -1;
        ids[k++] = id;
    }
    return k;
}

int enforce_on_avoid_list(struct ctx *c, int64_t entity_id, int64_t officer_id, bool *on,
                          struct err *e)
{
    int64_t n = 0;
    int rc = entity_id ? db_get_int(c->db, e, &n,
                                    "SELECT COUNT(*) FROM entity_avoid WHERE entity_id = ?"
                                    " AND officer_id = ?",
                                    "ii", entity_id, officer_id)
                       : 0;
    *on = n > 0;
    return rc;
}

int enforce_bar(struct ctx *c, int64_t officer_id, int64_t entity_id, day_t date, bool scoped,
                const char **name, const char **why, struct err *e)
{
    *name = *why = NULL;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT o.name, a.path FROM officer o"
                                  " JOIN agency a ON a.id = o.agency_id WHERE o.id = ?",
                                  "i", officer_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW && (!scoped || actor_sees_path(c->who, db_text(st, 1))))
        *name = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (rc < 0) return rc;
    if (!*name) {
        *why = arena_printf(c->arena, "编号 %lld 的执法人员不存在或不在管辖范围内",
                            (long long)officer_id);
        return 1;
    }
    /* [R-INSP-02] 第四十二条: a certificate in force on date (unknown date: not yet checked); its
     * own error value, e may already hold other fields' messages */
    struct err oe = {0};
    int can = date ? officer_can_enforce(c, officer_id, date, why, &oe) : 1;
    if (can < 0) {
        *e = oe;
        return can;
    }
    if (!can) return 1;
    /* [R-INSP-03] 第四十三条: not on the party's 回避 list */
    bool avoid = false;
    if (enforce_on_avoid_list(c, entity_id, officer_id, &avoid, e)) return e->code;
    if (avoid) *why = "在该单位的回避名单中，应当回避（第四十三条）";
    return avoid ? 1 : 0;
}
