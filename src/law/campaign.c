/* campaign.c — 专项检查 campaigns, their target lists and progress. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/campaign.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/entity.h"
#include "law/field.h"
#include "law/paging.h"
#include "law/record.h"

#include <stdio.h>
#include <string.h>

static void validate(const struct campaign_input *in, struct err *e)
{
    field_text(in->name, "name", "专项名称", true, 100, e);
    if (!str_blank(in->line) && !catalog_has("lines", in->line))
        err_field(e, "line", "未知的专业：%s", in->line);
    day_t from = 0, to = 0;
    field_date(in->starts_on, "starts_on", "开始日期", true, &from, e);
    field_date(in->ends_on, "ends_on", "结束日期", true, &to, e);
    if (from && to && to < from) err_field(e, "ends_on", "结束日期不能早于开始日期");
    field_text(in->description, "description", "检查内容与要求", false, 2000, e);
}

/* The agency that runs the campaign: as given (in scope) or the actor's. */
static int resolve_agency(struct ctx *c, const char *code, int64_t *agency_id, struct err *e)
{
    if (str_blank(code)) {
        *agency_id = c->who->agency_id;
        if (!*agency_id) return err_field(e, "agency", "请选择组织专项检查的机构");
        return 0;
    }
    if (agency_find(c, code, agency_id, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
    }
    return 0;
}

int campaign_add(struct ctx *c, const struct campaign_input *in, int64_t *id, struct err *e)
{
    validate(in, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t agency_id;
    rc = resolve_agency(c, in->agency_code, &agency_id, e);
    if (!rc)
        rc = db_get_int(c->db, e, id,
                        "INSERT INTO campaign (agency_id, name, line, starts_on, ends_on,"
                        " description, created_by, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        "ittttt"
                        "Iii",
                        agency_id, in->name, blank_to_null(in->line), in->starts_on, in->ends_on,
                        in->description ? in->description : "", c->who->user_id, c->now, c->now);
    if (!rc)
        rc = audit_write(c, "campaign.create", "campaign", *id, "设立专项检查 %s（%s 至 %s）",
                         in->name, in->starts_on, in->ends_on);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* The campaign's line and version, for a campaign the actor may change (its agency in the
 * actor's subtree); ERR_NOTFOUND when the actor does not see it, ERR_FORBIDDEN when the actor
 * sees it (from below) but may not change it. line is arena-allocated, NULL for any. */
static int campaign_writable(struct ctx *c, int64_t id, const char **line, int64_t *version,
                             struct err *e)
{
    static const char missing[] = "专项检查不存在";
    struct record_ref r;
    int rc = record_read(c, "campaign", id, "line", missing, &r, e);
    if (rc) return rc;
    if (!actor_sees_path(c->who, r.path))
        return campaign_sees(c->who, r.path)
                   ? err_set(e, ERR_FORBIDDEN, "该专项检查由上级机构组织，您不能修改")
                   : err_set(e, ERR_NOTFOUND, "%s", missing);
    if (line) *line = r.extra;
    if (version) *version = r.version;
    return 0;
}

int campaign_update(struct ctx *c, int64_t id, const struct campaign_input *in, struct err *e)
{
    validate(in, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t version = 0, agency_id;
    rc = campaign_writable(c, id, NULL, &version, e);
    if (!rc && in->version && in->version != version)
        rc = err_set(e, ERR_CONFLICT, "该记录已被他人修改，请刷新后重新编辑");
    if (!rc) rc = resolve_agency(c, in->agency_code, &agency_id, e);
    if (!rc && db_exec(c->db, e,
                       "UPDATE campaign SET agency_id = ?, name = ?, line = ?, starts_on = ?,"
                       " ends_on = ?, description = ?, updated_at = ?, version = version + 1"
                       " WHERE id = ?",
                       "itttttii", agency_id, in->name, blank_to_null(in->line), in->starts_on,
                       in->ends_on, in->description ? in->description : "", c->now, id) < 0)
        rc = e->code;
    if (!rc) rc = audit_write(c, "campaign.update", "campaign", id, "修改专项检查 %s", in->name);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* Targets in scope: the two counts over campaign_target joined to entity in the actor's subtree.
 * Binds: campaign id, scope pattern. */
#define TARGETS_IN_SCOPE                                                                           \
    " FROM campaign_target t JOIN entity x ON x.id = t.entity_id"                                  \
    " WHERE t.campaign_id = ? AND " AGENCY_IN_SCOPE("x.agency_id")
#define TARGET_DONE                                                                                \
    " EXISTS (SELECT 1 FROM inspection i WHERE i.campaign_id = t.campaign_id"                      \
    " AND i.entity_id = t.entity_id)"

/* Progress {total, done, pending, percent, off_target} of campaign id in the actor's scope. */
static json_t *progress_of(struct ctx *c, int64_t id, struct err *e)
{
    const char *scope = actor_scope(c);
    /* one statement (a page shows a campaign and each row of a list its progress):
     * - total: every target lies in the campaign's agency subtree, so an actor who sees all of
     *   that counts the list without looking at each entity's agency;
     * - done: from the campaign's inspections, far fewer than its targets;
     * - off: inspections under the campaign of entities not on its list (a reason was given) */
    struct db_stmt *st = db_query(
        c->db, e,
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM campaign m JOIN agency a ON a.id = m.agency_id"
        " WHERE m.id = ? AND a.path LIKE ?)"
        " THEN (SELECT COUNT(*) FROM campaign_target WHERE campaign_id = ?)"
        " ELSE (SELECT COUNT(*)" TARGETS_IN_SCOPE ") END,"
        " (SELECT COUNT(DISTINCT i.entity_id) FROM inspection i"
        " JOIN entity x ON x.id = i.entity_id WHERE i.campaign_id = ?"
        " AND " AGENCY_IN_SCOPE(
            "x.agency_id") " AND EXISTS (SELECT 1 FROM campaign_target t"
                           " WHERE t.campaign_id = i.campaign_id AND t.entity_id = i.entity_id)),"
                           " (SELECT COUNT(DISTINCT i.entity_id) FROM inspection i"
                           " JOIN entity x ON x.id = i.entity_id WHERE i.campaign_id = ?"
                           " AND " AGENCY_IN_SCOPE(
                               "x.agency_id") " AND NOT EXISTS (SELECT 1 FROM campaign_target t"
                                              " WHERE t.campaign_id = i.campaign_id AND "
                                              "t.entity_id = i.entity_id))",
        "itiititit", id, scope, id, id, scope, id, scope, id, scope);
    int64_t total = 0, done = 0, off = 0;
    if (st && db_step(st, e) == DB_ROW) {
        total = db_int(st, 0);
        done = db_int(st, 1);
        off = db_int(st, 2);
    }
    db_done(st);
    int percent = total ? (int)(done * 100 / total) : 0;
    return jpack("{sI sI sI si sI}", "total", (json_int_t)total, "done", (json_int_t)done,
                 "pending", (json_int_t)(total - done), "percent", percent, "off_target",
                 (json_int_t)off);
}

#define CAMPAIGN_COLS                                                                              \
    "m.id, m.name, m.line, m.starts_on, m.ends_on, m.description, m.version, a.name, a.code,"      \
    " a.path, m.created_at"

/* Status of a campaign on today: not started, running, ended. */
static const char *status_of(const char *from, const char *to, const char *today)
{
    if (strcmp(today, from) < 0) return "未开始";
    if (strcmp(today, to) > 0) return "已结束";
    return "进行中";
}

static json_t *campaign_row(struct ctx *c, struct db_stmt *st)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    const char *line = db_text(st, 2);
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_text(o, "name", db_text(st, 1));
    jset_text(o, "line", line);
    jset_text(o, "line_label", line ? catalog_label("lines", line) : "不限专业");
    jset_text(o, "starts_on", db_text(st, 3));
    jset_text(o, "ends_on", db_text(st, 4));
    jset_text(o, "description", db_text(st, 5));
    jset_int(o, "version", db_int(st, 6));
    jset_text(o, "agency", db_text(st, 7));
    jset_text(o, "agency_code", db_text(st, 8));
    jset_text(o, "status_label", status_of(db_text(st, 3), db_text(st, 4), today));
    jset_bool(o, "can_edit", actor_sees_path(c->who, db_text(st, 9)));
    return o;
}

json_t *campaign_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " CAMPAIGN_COLS " FROM campaign m"
                                  " JOIN agency a ON a.id = m.agency_id WHERE m.id = ?",
                                  "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    if (db_step(st, e) == DB_ROW && campaign_sees(c->who, db_text(st, 9))) o = campaign_row(c, st);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "专项检查不存在");
        return NULL;
    }
    json_object_set_new(o, "progress", progress_of(c, id, e));
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Campaigns the actor sees: of an agency in the subtree, or of an agency above. Binds: the scope
 * pattern, then the actor's path. */
#define CAMPAIGN_VISIBLE " (a.path LIKE ? OR ? LIKE a.path || '%')"

static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    return campaign_row(arg, st);
}

json_t *campaign_list(struct ctx *c, int page, int per_page, struct err *e)
{
    struct paging pg = paging_of(page, per_page, 20);
    const char *scope = actor_scope(c);
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT " CAMPAIGN_COLS " FROM campaign m"
                 " JOIN agency a ON a.id = m.agency_id WHERE" CAMPAIGN_VISIBLE
                 " ORDER BY m.starts_on DESC, m.id DESC LIMIT ? OFFSET ?",
                 "ttii", scope, c->who->agency_path, paging_limit(pg), paging_offset(pg));
    struct db_cond k = {0};
    db_cond_bind(&k, "tt", scope, c->who->agency_path);
    json_t *o =
        paging_total(paging_read(st, pg, list_row, c, e), c->db,
                     "SELECT COUNT(*) FROM (SELECT 1 FROM campaign m"
                     " JOIN agency a ON a.id = m.agency_id WHERE" CAMPAIGN_VISIBLE " LIMIT ?) AS t",
                     true, &k, e);
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(o, "rows"), i, row)
    {
        int64_t cid = json_integer_value(json_object_get(row, "id"));
        json_object_set_new(row, "progress", progress_of(c, cid, e));
    }
    if (o && e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *campaign_options(struct ctx *c, const char *date, const char *line, struct err *e)
{
    const char *scope = actor_scope(c);
    struct db_cond w = {0};
    db_cond_add(&w, CAMPAIGN_VISIBLE, "tt", scope, c->who->agency_path);
    if (!str_blank(date)) db_cond_add(&w, "m.starts_on <= ? AND m.ends_on >= ?", "tt", date, date);
    if (!str_blank(line)) db_cond_add(&w, "(m.line IS NULL OR m.line = ?)", "t", line);
    struct db_stmt *st =
        db_cond_query(c->db, e,
                      arena_printf(c->arena,
                                   "SELECT m.id, m.name, m.line, m.starts_on, m.ends_on"
                                   " FROM campaign m JOIN agency a ON a.id = m.agency_id WHERE %s"
                                   " ORDER BY m.starts_on DESC, m.id DESC LIMIT 100",
                                   db_cond_sql(&w)),
                      &w);
    db_cond_free(&w);
    json_t *arr = json_array();
    while (st && db_step(st, e) == DB_ROW) {
        const char *l = db_text(st, 2);
        json_array_append_new(arr, jpack("{sI ss ss ss ss}", "id", (json_int_t)db_int(st, 0),
                                         "name", db_text(st, 1), "line_label",
                                         l ? catalog_label("lines", l) : "不限专业", "starts_on",
                                         db_text(st, 3), "ends_on", db_text(st, 4)));
    }
    db_done(st);
    return arr;
}

/* Add one entity to the list: in scope and of the campaign's line. 1 when new, 0 when it was on
 * the list, or a negative error (field message on "entity_ids"). */
static int add_one(struct ctx *c, int64_t id, const char *line, int64_t entity_id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.name, a.path FROM entity x"
                                  " JOIN agency a ON a.id = x.agency_id WHERE x.id = ?",
                                  "i", entity_id);
    if (!st) return e->code;
    const char *name = NULL;
    int rc = db_step(st, e);
    if (rc == DB_ROW && actor_sees_path(c->who, db_text(st, 1)))
        name = arena_strdup(c->arena, db_text(st, 0));
    db_done(st);
    if (rc < 0) return rc;
    if (!name)
        return err_field(e, "entity_ids", "编号 %lld 的管理相对人不存在或不在您的管辖范围内",
                         (long long)entity_id);
    int of_line =
        line ? db_exists(c->db, e, "SELECT 1 FROM entity_line WHERE entity_id = ? AND line = ?",
                         "it", entity_id, line)
             : 1;
    if (of_line < 0) return of_line;
    if (!of_line)
        return err_field(e, "entity_ids", "%s 不属于本专项的专业（%s）", name,
                         catalog_label("lines", line));
    int64_t n = db_exec(c->db, e,
                        "INSERT INTO campaign_target (campaign_id, entity_id, added_at)"
                        " VALUES (?, ?, ?) ON CONFLICT (campaign_id, entity_id) DO NOTHING",
                        "iii", id, entity_id, c->now);
    return (int)n;
}

int campaign_target_add(struct ctx *c, int64_t id, const char *entity_ids, int *added,
                        struct err *e)
{
    *added = 0;
    int64_t ids[CAMPAIGN_MAX_IDS];
    int n = 0;
    const char *s = entity_ids ? entity_ids : "";
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        char num[24];
        if (len) {
            if (len >= sizeof num || n == CAMPAIGN_MAX_IDS)
                return err_field(e, "entity_ids", "一次最多添加%d个对象", CAMPAIGN_MAX_IDS);
            memcpy(num, s, len);
            num[len] = 0;
            if (parse_i64(str_trim(num), &ids[n]) || ids[n] <= 0)
                return err_field(e, "entity_ids", "管理相对人编号有误：%s", num);
            n++;
        }
        s += len + (comma ? 1 : 0);
    }
    if (!n) return err_field(e, "entity_ids", "请选择要加入名单的管理相对人");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *line = NULL;
    rc = campaign_writable(c, id, &line, NULL, e);
    for (int i = 0; !rc && i < n; i++) {
        int k = add_one(c, id, line, ids[i], e);
        if (k < 0)
            rc = k;
        else
            *added += k;
    }
    if (!rc)
        rc = audit_write(c, "campaign.targets", "campaign", id, "专项检查名单新增 %d 个对象",
                         *added);
    if (rc) {
        db_rollback(c->db);
        *added = 0;
        return rc;
    }
    return db_commit(c->db, e);
}

int campaign_target_add_filter(struct ctx *c, int64_t id, const struct campaign_filter *f,
                               int *added, struct err *e)
{
    *added = 0;
    field_catalog(f->line, "lines", "line", "专业", false, e);
    field_catalog(f->subtype, "subtypes", "subtype", "类别", false, e);
    field_catalog(f->risk_grade, "risk_grades", "risk_grade", "风险等级", false, e);
    if (!str_blank(f->status) && !entity_status_label(f->status))
        err_field(e, "status", "状态应为营业、停业或注销");
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *cline = NULL;
    rc = campaign_writable(c, id, &cline, NULL, e);
    const char *line = blank_to_null(f->line), *subtype = blank_to_null(f->subtype);
    const char *risk = blank_to_null(f->risk_grade), *status = blank_to_null(f->status);
    if (!rc && cline && line && strcmp(line, cline) != 0)
        rc = err_field(e, "line", "本专项限于%s专业", catalog_label("lines", cline));
    if (!rc && !cline && !line && !subtype && !risk && !status)
        rc = err_field(e, "line", "请至少选择一个筛选条件");
    if (!line) line = cline;
    int64_t n = 0;
    if (!rc) {
        struct db_cond w = {0};
        db_cond_bind(&w, "ii", id, c->now);
        db_cond_add(&w, AGENCY_IN_SCOPE("x.agency_id"), "t", actor_scope(c));
        if (line)
            db_cond_add(&w, "x.id IN (SELECT entity_id FROM entity_line WHERE line = ?)", "t",
                        line);
        if (subtype) db_cond_add(&w, "x.subtype = ?", "t", subtype);
        if (risk) db_cond_add(&w, "x.risk_grade = ?", "t", risk);
        if (status) db_cond_add(&w, "x.status = ?", "t", status);
        n = db_cond_exec(c->db, e,
                         arena_printf(c->arena,
                                      "INSERT INTO campaign_target (campaign_id, entity_id,"
                                      " added_at) SELECT ?, x.id, ? FROM entity x WHERE %s"
                                      " ON CONFLICT (campaign_id, entity_id) DO NOTHING",
                                      db_cond_sql(&w)),
                         &w);
        db_cond_free(&w);
        if (n < 0) rc = (int)n;
    }
    if (!rc) {
        *added = (int)n;
        rc = audit_write(c, "campaign.targets", "campaign", id,
                         "按条件（%s%s%s%s）将 %lld 个对象加入专项检查名单",
                         line ? catalog_label("lines", line) : "", subtype ? " " : "",
                         subtype ? catalog_label("subtypes", subtype) : "",
                         risk ? arena_printf(c->arena, " 风险%s", risk) : "", (long long)n);
    }
    if (rc) {
        db_rollback(c->db);
        *added = 0;
        return rc;
    }
    return db_commit(c->db, e);
}

int campaign_target_remove(struct ctx *c, int64_t id, int64_t entity_id, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = campaign_writable(c, id, NULL, NULL, e);
    if (!rc) {
        int64_t n = db_exec(c->db, e,
                            "DELETE FROM campaign_target WHERE campaign_id = ? AND entity_id = ?"
                            " AND entity_id IN (SELECT x.id FROM entity x JOIN agency a"
                            " ON a.id = x.agency_id WHERE a.path LIKE ?)",
                            "iit", id, entity_id, actor_scope(c));
        if (n == 0)
            rc = err_set(e, ERR_NOTFOUND, "该单位不在专项检查名单中");
        else if (n < 0)
            rc = (int)n;
    }
    if (!rc)
        rc = audit_write(c, "campaign.targets", "campaign", id,
                         "将管理相对人（编号 %lld）移出专项检查名单", (long long)entity_id);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* 0 when the actor sees campaign id, else ERR_NOTFOUND (or a database error). */
static int campaign_visible(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT a.path FROM campaign m JOIN agency a ON a.id = m.agency_id"
                 " WHERE m.id = ?",
                 "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool seen = rc == DB_ROW && campaign_sees(c->who, db_text(st, 0));
    db_done(st);
    if (rc < 0) return rc;
    return seen ? 0 : err_set(e, ERR_NOTFOUND, "专项检查不存在");
}

/* A row of a target list. */
static json_t *target_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)arg, (void)e;
    json_t *o = json_object();
    jset_int(o, "entity_id", db_int(st, 0));
    jset_text(o, "name", db_text(st, 1));
    jset_text(o, "address", db_text(st, 2));
    jset_text(o, "subtype_label", catalog_label("subtypes", db_text(st, 3)));
    jset_bool(o, "done", !db_null(st, 4));
    if (!db_null(st, 4)) jset_int(o, "inspection_id", db_int(st, 4));
    jset_text(o, "date", db_text(st, 5));
    return o;
}

json_t *campaign_targets(struct ctx *c, int64_t id, const char *which, int page, int per_page,
                         struct err *e)
{
    if (campaign_visible(c, id, e)) return NULL;
    struct paging pg = paging_of(page, per_page, 50);
    int64_t mode = which && strcmp(which, "pending") == 0 ? 1
                   : which && strcmp(which, "done") == 0  ? 2
                                                          : 0;
    const char *scope = actor_scope(c);
    /* pending or done: the statement holds the one that is asked for; the list in the order the
     * targets were registered (the key's order: a page of a list of thousands is read, not
     * sorted) */
    const char *state = mode == 1 ? " AND NOT" TARGET_DONE : mode == 2 ? " AND" TARGET_DONE : "";
    struct db_stmt *st = db_query(
        c->db, e,
        arena_printf(
            c->arena,
            "SELECT x.id, x.name, x.address, x.subtype,"
            " (SELECT i.id FROM inspection i WHERE i.campaign_id = t.campaign_id"
            " AND i.entity_id = t.entity_id ORDER BY i.inspected_on DESC, i.id DESC"
            " LIMIT 1), (SELECT MAX(i.inspected_on) FROM inspection i"
            " WHERE i.campaign_id = t.campaign_id AND i.entity_id = t.entity_id)" TARGETS_IN_SCOPE
            "%s ORDER BY t.entity_id LIMIT ? OFFSET ?",
            state),
        "itii", id, scope, paging_limit(pg), paging_offset(pg));
    return paging_read(st, pg, target_row, NULL, e);
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"campaign",
     "专项检查",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"created_by", "app_user", REF_ID}}},
    {"campaign_target",
     "专项检查对象",
     false,
     "campaign_id, entity_id",
     {{"campaign_id", "campaign", REF_ID}, {"entity_id", "entity", REF_ID}}},
};

const struct law_area law_area_campaigns = {"campaigns", tables, countof(tables), NULL, 0};
