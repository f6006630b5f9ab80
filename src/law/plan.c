/* plan.c — random-check plans: their fields, the items they use, and reading them back.
 * The steps of their workflow are in plan_steps.c; freezing, drawing and verifying in
 * plan_draw.c; the public site in plan_public.c. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/plan.h"
#include "law/draw.h"
#include "law/enforce.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/catalog.h"
#include "law/check_list.h"
#include "law/field.h"
#include "law/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *code, *label;
} levels[] = {
    {"national", "国家级"}, {"province", "省级"},  {"city", "市级"},
    {"county", "县区级"},   {"joint", "部门联合"},
};

const char *plan_level_label(const char *level)
{
    for (size_t i = 0; i < countof(levels); i++)
        if (level && strcmp(level, levels[i].code) == 0) return levels[i].label;
    return NULL;
}

const char *plan_state_label(const char *state)
{
    return state ? wf_state_label(&plan_workflow, state) : NULL;
}

/* ---- input ---------------------------------------------------------------------------------- */

/* True when every comma-separated code of v satisfies ok (blank v: true). */
static bool codes_ok(const char *v, bool (*ok)(const char *code))
{
    const char *item;
    for (const char *p = v ? v : ""; *p;) {
        size_t len = csv_next(&p, &item);
        char code[32];
        if (len == 0 || len >= sizeof code) return false;
        memcpy(code, item, len);
        code[len] = 0;
        if (!ok(code)) return false;
    }
    return true;
}

static bool is_subtype(const char *code)
{
    return catalog_has("subtypes", code);
}

/* The label of the first sub-type of list (valid codes) that line does not cover, or NULL. */
static const char *subtype_off_line(const char *list, const char *line)
{
    const char *item;
    for (const char *p = list ? list : ""; *p;) {
        size_t len = csv_next(&p, &item);
        char code[32];
        snprintf(code, sizeof code, "%.*s", (int)len, item);
        bool covered = false;
        size_t i;
        json_t *v;
        json_array_foreach(catalog_subtype_lines(code), i, v)
        {
            if (strcmp(json_string_value(v), line) == 0) covered = true;
        }
        if (!covered) return catalog_label("subtypes", code);
    }
    return NULL;
}

static bool is_grade(const char *code)
{
    return strlen(code) == 1 && strchr(DRAW_STRATA, code[0]);
}

static bool is_status(const char *code)
{
    return strcmp(code, "open") == 0 || strcmp(code, "suspended") == 0 ||
           strcmp(code, "closed") == 0;
}

static bool is_id(const char *code)
{
    int64_t v;
    return parse_i64(code, &v) == 0 && v > 0;
}

/* An optional integer field in [min, max]; blank gives dflt. */
static int int_field(const char *v, const char *field, const char *label, int64_t min, int64_t max,
                     int64_t dflt, int64_t *out, struct err *e)
{
    *out = dflt;
    if (str_blank(v)) return 0;
    if (parse_i64(v, out) || *out < min || *out > max) {
        *out = dflt;
        return err_field(e, field, "%s应为%lld至%lld之间的整数", label, (long long)min,
                         (long long)max);
    }
    return 0;
}

static const char *const grade_fields[4] = {"ratio_a", "ratio_b", "ratio_c", "ratio_d"};

/* A percentage field into basis points in (0, 100%]; -1 when blank. */
static int ratio_field(const char *v, const char *field, int *bp, struct err *e)
{
    *bp = -1;
    if (str_blank(v)) return 0;
    if (draw_ratio_parse(v, bp) || *bp <= 0 || *bp > DRAW_RATIO_FULL) {
        *bp = -1;
        return err_field(e, field, "比例应为大于0且不超过100的百分数，如 5 或 5.5");
    }
    return 0;
}

/* True when the plan is drawn per risk grade. */
static bool has_grade_ratios(const struct plan_input *in)
{
    for (int g = 0; g < 4; g++)
        if (!str_blank(in->grade_ratio[g])) return true;
    return false;
}

int plan_validate(const struct plan_input *in, struct err *e)
{
    field_text(in->name, "name", "计划名称", true, 100, e);
    if (str_blank(in->level))
        err_field(e, "level", "请选择计划层级");
    else if (!plan_level_label(in->level))
        err_field(e, "level", "层级应为国家级、省级、市级、县区级或部门联合");
    int64_t year;
    if (str_blank(in->year))
        err_field(e, "year", "请填写年度");
    else
        int_field(in->year, "year", "年度", 2000, 2100, 0, &year, e);
    field_catalog(in->line, "lines", "line", "专业", true, e);
    if (str_blank(in->items))
        err_field(e, "items", "请至少选择一项已公布的抽查事项");
    else if (!codes_ok(in->items, is_id))
        err_field(e, "items", "抽查事项有误");
    const char *stray;
    if (!codes_ok(in->pool_subtypes, is_subtype))
        err_field(e, "pool_subtypes", "监管对象类别有误");
    else if (catalog_has("lines", in->line) &&
             (stray = subtype_off_line(in->pool_subtypes, in->line)))
        err_field(e, "pool_subtypes", "类别“%s”不属于本计划专业（%s）", stray,
                  catalog_label("lines", in->line));
    if (!str_blank(in->pool_division)) {
        size_t n = strlen(in->pool_division);
        bool ok = n >= 2 && n <= 12;
        for (const char *p = in->pool_division; ok && *p; p++)
            ok = *p >= '0' && *p <= '9';
        if (!ok) err_field(e, "pool_division", "行政区划应为2至12位数字（代码前缀）");
    }
    if (!codes_ok(in->pool_grades, is_grade))
        err_field(e, "pool_grades", "风险等级应为A、B、C、D或未评定");
    if (!codes_ok(in->pool_statuses, is_status))
        err_field(e, "pool_statuses", "经营状态应为营业、停业或注销");
    bool by_count = in->quota_mode && strcmp(in->quota_mode, "count") == 0;
    if (!by_count && (!in->quota_mode || strcmp(in->quota_mode, "ratio") != 0))
        err_field(e, "quota_mode", "请选择按数量或按比例抽取");
    int64_t count;
    int bp;
    if (by_count) {
        if (str_blank(in->count))
            err_field(e, "count", "请填写抽取数量");
        else
            int_field(in->count, "count", "抽取数量", 1, 10000000, 0, &count, e);
        if (has_grade_ratios(in)) err_field(e, "ratio_a", "按风险等级设比例时，请选择按比例抽取");
    } else if (in->quota_mode) {
        if (str_blank(in->ratio))
            err_field(e, "ratio", "请填写抽取比例");
        else
            ratio_field(in->ratio, "ratio", &bp, e);
        for (int g = 0; g < 4; g++)
            ratio_field(in->grade_ratio[g], grade_fields[g], &bp, e);
    }
    day_t from = 0, to = 0;
    field_date(in->starts_on, "starts_on", "计划开始日期", true, &from, e);
    field_date(in->deadline, "deadline", "完成期限", true, &to, e);
    if (from && to && to < from) err_field(e, "deadline", "完成期限不能早于计划开始日期");
    field_text(in->joint_departments, "joint_departments", "联合部门", false, 200, e);
    field_text(in->joint_inspectors, "joint_inspectors", "联合部门检查人员", false, 500, e);
    if (in->level && strcmp(in->level, "joint") == 0 && str_blank(in->joint_departments))
        err_field(e, "joint_departments", "部门联合抽查须填写参加的部门");
    int64_t v;
    /* 行政处罚法 第四十二条: at least two officers */
    struct err team = {0}; /* the range, and the rule behind its lower end */
    if (int_field(in->team_size, "team_size", "检查组人数", ENFORCE_MIN_OFFICERS, DRAW_MAX_TEAM,
                  ENFORCE_MIN_OFFICERS, &v, &team))
        err_field(e, "team_size", "检查组人数应为%d至%d之间的整数：%s", ENFORCE_MIN_OFFICERS,
                  DRAW_MAX_TEAM, ENFORCE_MIN_RULE);
    /* [R-DRAW-07] the per-officer cap; [R-DRAW-08] 国办发〔2024〕54号 the annual cap per entity */
    int_field(in->officer_cap, "officer_cap", "每人任务上限", 0, 100000, DRAW_OFFICER_CAP_DEFAULT,
              &v, e);
    int_field(in->entity_cap, "entity_cap", "每户年度抽查上限", 1, 50, DRAW_ENTITY_CAP_DEFAULT, &v,
              e);
    return e->code;
}

/* The plan's agency: the given code in scope, or the actor's own. */
static int plan_agency(struct ctx *c, const char *code, int64_t *id, struct err *e)
{
    if (str_blank(code)) {
        *id = c->who->agency_id;
        return *id ? 0 : err_field(e, "agency", "请选择计划机构");
    }
    if (agency_find(c, code, id, NULL, e)) {
        err_clear(e);
        return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
    }
    return 0;
}

/* The officers' agencies as ids (comma-separated, arena) from codes in scope; blank: the
 * plan's agency. */
static int officer_agency_ids(struct ctx *c, const char *codes, int64_t own, const char **out,
                              struct err *e)
{
    if (str_blank(codes)) {
        *out = arena_printf(c->arena, "%lld", (long long)own);
        return 0;
    }
    struct buf b = {0};
    const char *p = codes;
    int rc = 0;
    while (*p && !rc) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *code = arena_strndup(c->arena, p, len);
        int64_t id;
        if (agency_find(c, code, &id, NULL, e)) {
            err_clear(e);
            rc = err_field(e, "officer_agencies", "机构 %s 不存在或不在您的管辖范围内", code);
        } else {
            buf_addf(&b, "%s%lld", b.len ? "," : "", (long long)id);
        }
        p += len + (comma ? 1 : 0);
    }
    *out = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return rc;
}

/* "A:300,D:2000" from the grade ratio fields (arena). */
static const char *grade_ratios_of(struct ctx *c, const struct plan_input *in)
{
    struct buf b = {0};
    for (int g = 0; g < 4; g++) {
        int bp;
        if (!str_blank(in->grade_ratio[g]) && !draw_ratio_parse(in->grade_ratio[g], &bp))
            buf_addf(&b, "%s%c:%d", b.len ? "," : "", DRAW_STRATA[g], bp);
    }
    const char *s = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* [R-PLAN-01] Store the plan's items: each must be published, of the plan's line, and on the list
 * of the plan's agency or an agency above it (国办发〔2024〕54号: only published items are
 * checked). */
static int store_items(struct ctx *c, int64_t plan_id, int64_t agency_id,
                       const struct plan_input *in, struct err *e)
{
    const char *path;
    int rc = agency_path_of(c, agency_id, &path, NULL, e);
    if (rc) return rc;
    if (db_exec(c->db, e, "DELETE FROM draw_plan_item WHERE plan_id = ?", "i", plan_id) < 0)
        return e->code;
    const char *p = in->items;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        int64_t item = 0;
        parse_i64(arena_strndup(c->arena, p, len), &item);
        p += len + (comma ? 1 : 0);
        struct db_stmt *st = db_query(c->db, e,
                                      "SELECT i.published, i.line, i.name, a.path"
                                      " FROM check_list_item i JOIN agency a ON a.id = i.agency_id"
                                      " WHERE i.id = ?",
                                      "i", item);
        if (!st) return e->code;
        int step = db_step(st, e);
        bool found = step == DB_ROW && str_prefix(path, db_text(st, 3));
        bool published = found && db_int(st, 0);
        bool same_line = found && strcmp(db_text(st, 1), in->line) == 0;
        const char *name = found ? arena_strdup(c->arena, db_text(st, 2)) : NULL;
        db_done(st);
        if (step < 0) return step;
        if (!found) return err_field(e, "items", "抽查事项（编号 %lld）不存在", (long long)item);
        if (!published) return err_field(e, "items", "抽查事项「%s」尚未公布，不能列入计划", name);
        if (!same_line) return err_field(e, "items", "抽查事项「%s」不属于本计划的专业", name);
        if (db_exec(c->db, e,
                    "INSERT INTO draw_plan_item (plan_id, item_id) VALUES (?, ?)"
                    " ON CONFLICT (plan_id, item_id) DO NOTHING",
                    "ii", plan_id, item) < 0)
            return e->code;
    }
    return 0;
}

/* The values every insert and update stores, resolved. */
struct plan_values {
    int64_t agency_id, year, count, ratio, team_size, officer_cap, entity_cap;
    const char *officer_agencies, *grade_ratios, *statuses;
    bool by_count;
};

/* [R-PLAN-03] A plan's level follows its agency's: a county makes 县区级 plans (or joint ones), a
 * city 市级, a province 省级; nobody here makes a 国家级 one. An agency of another kind may make
 * any but a 国家级 plan. */
static int check_level(struct ctx *c, const char *level, int64_t agency_id, struct err *e)
{
    if (strcmp(level, "joint") == 0) return 0;
    struct db_stmt *st =
        db_query(c->db, e, "SELECT level FROM agency WHERE id = ?", "i", agency_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    const char *own = rc == DB_ROW ? arena_strdup(c->arena, db_text(st, 0)) : NULL;
    db_done(st);
    if (rc < 0) return rc;
    bool tiered = own && (strcmp(own, "province") == 0 || strcmp(own, "city") == 0 ||
                          strcmp(own, "county") == 0);
    if (strcmp(level, "national") == 0 || (tiered && strcmp(level, own) != 0))
        return err_field(e, "level",
                         "计划层级应与制定机构一致：本机构为%s，可制定%s计划或部门联合计划",
                         agency_level_label(own), tiered ? plan_level_label(own) : "除国家级外的");
    return 0;
}

/* [R-PLAN-04] The plan's deadline must not have passed (today: c->now). */
int plan_check_deadline(const struct ctx *c, const char *deadline, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (deadline && strcmp(deadline, today) < 0)
        return err_field(e, "deadline", "完成期限 %s 已过，请修改为今天（%s）或以后", deadline,
                         today);
    return 0;
}

static int resolve(struct ctx *c, const struct plan_input *in, struct plan_values *v, struct err *e)
{
    struct err scratch = {0};
    int bp = 0;
    memset(v, 0, sizeof *v);
    parse_i64(in->year, &v->year);
    v->by_count = strcmp(in->quota_mode, "count") == 0;
    if (v->by_count)
        parse_i64(in->count, &v->count);
    else if (!draw_ratio_parse(in->ratio, &bp))
        v->ratio = bp;
    int_field(in->team_size, "team_size", "", ENFORCE_MIN_OFFICERS, DRAW_MAX_TEAM,
              ENFORCE_MIN_OFFICERS, &v->team_size, &scratch);
    int_field(in->officer_cap, "officer_cap", "", 0, 100000, DRAW_OFFICER_CAP_DEFAULT,
              &v->officer_cap, &scratch);
    int_field(in->entity_cap, "entity_cap", "", 1, 50, DRAW_ENTITY_CAP_DEFAULT, &v->entity_cap,
              &scratch);
    v->grade_ratios = grade_ratios_of(c, in);
    v->statuses = str_blank(in->pool_statuses) ? "open" : in->pool_statuses;
    int rc = plan_agency(c, in->agency_code, &v->agency_id, e);
    if (!rc) rc = check_level(c, in->level, v->agency_id, e);
    if (!rc) rc = plan_check_deadline(c, in->deadline, e);
    if (!rc)
        rc = officer_agency_ids(c, in->officer_agencies, v->agency_id, &v->officer_agencies, e);
    return rc;
}

int plan_add(struct ctx *c, const struct plan_input *in, int64_t *id, struct err *e)
{
    if (plan_validate(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    struct plan_values v;
    rc = resolve(c, in, &v, e);
    if (rc) goto fail;
    rc = db_next_id(c->db, "draw_plan", id, e); /* never a deleted plan's: history names it */
    if (rc) goto fail;
    rc = db_get_int(
        c->db, e, id,
        "INSERT INTO draw_plan (id, agency_id, name, level, year, line, pool_subtypes,"
        " pool_division, pool_grades, pool_statuses, quota_count, ratio_bp, grade_ratios,"
        " starts_on, deadline, joint_departments, joint_inspectors, officer_agencies, team_size,"
        " officer_cap, entity_cap, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
        "id",
        "iittitttttIItttttt"
        "iiiii",
        *id, v.agency_id, in->name, in->level, v.year, in->line,
        in->pool_subtypes ? in->pool_subtypes : "", blank_to_null(in->pool_division),
        in->pool_grades ? in->pool_grades : "", v.statuses, v.by_count ? v.count : 0,
        v.by_count ? 0 : v.ratio, v.grade_ratios, in->starts_on, in->deadline,
        blank_to_null(in->joint_departments), blank_to_null(in->joint_inspectors),
        v.officer_agencies, v.team_size, v.officer_cap, v.entity_cap, c->now, c->now);
    if (!rc) rc = store_items(c, *id, v.agency_id, in, e);
    if (!rc) rc = wf_start(c, &plan_workflow, *id, NULL, NULL, e);
    if (!rc)
        rc = audit_write(c, "plan.create", "draw_plan", *id, "制定双随机抽查计划 %s", in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

/* A plan in the actor's scope: its state and version. */
static int plan_scope(struct ctx *c, int64_t id, const char **state, int64_t *version,
                      struct err *e)
{
    struct record_ref r;
    int rc = record_in_scope(c, "draw_plan", id, "state", "抽查计划不存在", &r, e);
    if (rc) return rc;
    *state = r.extra;
    if (version) *version = r.version;
    return 0;
}

int plan_update(struct ctx *c, int64_t id, const struct plan_input *in, struct err *e)
{
    if (plan_validate(in, e)) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *state;
    int64_t version;
    struct plan_values v;
    rc = plan_scope(c, id, &state, &version, e);
    if (!rc && strcmp(state, "draft") != 0)
        rc = err_set(e, ERR_CONFLICT, "计划已公布承诺，抽取池已冻结，不能修改"); /* [R-PLAN-05] */
    if (!rc && in->version && in->version != version)
        rc = err_set(e, ERR_CONFLICT, "该记录已被他人修改，请刷新后重新编辑");
    if (!rc) rc = resolve(c, in, &v, e);
    if (rc) goto fail;
    if (db_exec(c->db, e,
                "UPDATE draw_plan SET agency_id = ?, name = ?, level = ?, year = ?, line = ?,"
                " pool_subtypes = ?, pool_division = ?, pool_grades = ?, pool_statuses = ?,"
                " quota_count = ?, ratio_bp = ?, grade_ratios = ?, starts_on = ?, deadline = ?,"
                " joint_departments = ?, joint_inspectors = ?, officer_agencies = ?,"
                " team_size = ?, officer_cap = ?, entity_cap = ?, updated_at = ?,"
                " version = version + 1 WHERE id = ?",
                "ittitttttIItttttt"
                "iiiii",
                v.agency_id, in->name, in->level, v.year, in->line,
                in->pool_subtypes ? in->pool_subtypes : "", blank_to_null(in->pool_division),
                in->pool_grades ? in->pool_grades : "", v.statuses, v.by_count ? v.count : 0,
                v.by_count ? 0 : v.ratio, v.grade_ratios, in->starts_on, in->deadline,
                blank_to_null(in->joint_departments), blank_to_null(in->joint_inspectors),
                v.officer_agencies, v.team_size, v.officer_cap, v.entity_cap, c->now, id) < 0) {
        rc = e->code;
        goto fail;
    }
    rc = store_items(c, id, v.agency_id, in, e);
    if (!rc) rc = audit_write(c, "plan.update", "draw_plan", id, "修改双随机抽查计划 %s", in->name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

int plan_delete(struct ctx *c, int64_t id, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *state;
    rc = plan_scope(c, id, &state, NULL, e);
    if (!rc && strcmp(state, "draft") != 0) rc = err_set(e, ERR_CONFLICT, "只能删除草稿状态的计划");
    int committed =
        rc ? 0 : db_exists(c->db, e, "SELECT 1 FROM draw_commitment WHERE plan_id = ?", "i", id);
    if (committed < 0) rc = committed;
    if (committed > 0) rc = err_set(e, ERR_CONFLICT, "计划曾公布承诺，承诺记录须保留，不能删除");
    /* its steps and deadlines go with it (they name it by id), and its id is never given again */
    if (!rc && (db_exec(c->db, e, "DELETE FROM wf_step WHERE kind = ? AND object_id = ?", "ti",
                        plan_workflow.kind, id) < 0 ||
                db_exec(c->db, e, "DELETE FROM wf_deadline WHERE kind = ? AND object_id = ?", "ti",
                        plan_workflow.kind, id) < 0 ||
                db_id_deleted(c->db, "draw_plan", id, e) ||
                db_exec(c->db, e, "DELETE FROM draw_plan WHERE id = ?", "i", id) < 0))
        rc = e->code;
    if (!rc)
        rc = audit_write(c, "plan.delete", "draw_plan", id, "删除抽查计划草稿（编号 %lld）",
                         (long long)id);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* ---- reading -------------------------------------------------------------------------------- */

#define PLAN_COLS                                                                                  \
    "p.id, p.agency_id, a.path, p.name, p.level, p.line, p.state, p.year, p.pool_subtypes,"        \
    " p.pool_division, p.pool_grades, p.pool_statuses, p.quota_count, p.ratio_bp,"                 \
    " p.grade_ratios, p.starts_on, p.deadline, p.officer_agencies, p.team_size, p.officer_cap,"    \
    " p.entity_cap, p.pool_hash, p.seed_source, p.seed, p.pool_size, p.version, a.name,"           \
    " p.joint_departments, p.joint_inspectors, p.warnings, p.committed_at, p.drawn_at"

/* Fill the quota from the stored count, ratio and "A:300,D:2000". */
static void quota_of(struct draw_quota *q, int64_t count, int64_t ratio, const char *grades)
{
    memset(q, 0, sizeof *q);
    for (int i = 0; i < DRAW_NSTRATA; i++)
        q->grade_bp[i] = -1;
    q->by_count = count > 0;
    q->count = count;
    q->ratio_bp = (int)ratio;
    for (const char *p = grades ? grades : ""; *p;) {
        const char *at = strchr(DRAW_STRATA, p[0]);
        if (at && p[1] == ':') {
            q->grade_bp[at - DRAW_STRATA] = atoi(p + 2);
            q->stratified = true;
        }
        const char *comma = strchr(p, ',');
        p = comma ? comma + 1 : p + strlen(p);
    }
}

/* Copy a text column onto the arena (NULL stays NULL). */
static const char *dup_col(struct ctx *c, struct db_stmt *st, int col)
{
    return db_null(st, col) ? NULL : arena_strdup(c->arena, db_text(st, col));
}

/* True when plan id was ever committed (it has a commitment, withdrawn or not). */
static bool ever_committed(struct ctx *c, int64_t id)
{
    struct err e = {0};
    int64_t n = 0;
    db_get_int(c->db, &e, &n, "SELECT COUNT(*) FROM draw_commitment WHERE plan_id = ?", "i", id);
    return n > 0;
}

int plan_load(struct ctx *c, int64_t id, bool public_view, struct plan_rec *p, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT " PLAN_COLS " FROM draw_plan p"
                                  " JOIN agency a ON a.id = p.agency_id WHERE p.id = ?",
                                  "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    /* the public sees a plan once it has been committed, even if the commitment was withdrawn
     * and the plan went back to draft: a withdrawn commitment stays public */
    bool ok =
        rc == DB_ROW && (public_view ? strcmp(db_text(st, 6), "draft") != 0 || ever_committed(c, id)
                                     : actor_sees_path(c->who, db_text(st, 2)));
    if (ok) {
        memset(p, 0, sizeof *p);
        p->id = db_int(st, 0);
        p->agency_id = db_int(st, 1);
        p->agency_path = dup_col(c, st, 2);
        p->name = dup_col(c, st, 3);
        p->level = dup_col(c, st, 4);
        p->line = dup_col(c, st, 5);
        p->state = dup_col(c, st, 6);
        p->year = (int)db_int(st, 7);
        p->pool_subtypes = dup_col(c, st, 8);
        p->pool_division = dup_col(c, st, 9);
        p->pool_grades = dup_col(c, st, 10);
        p->pool_statuses = dup_col(c, st, 11);
        quota_of(&p->quota, db_int(st, 12), db_int(st, 13), db_text(st, 14));
        p->starts_on = dup_col(c, st, 15);
        p->deadline = dup_col(c, st, 16);
        p->officer_agencies = dup_col(c, st, 17);
        p->team_size = (int)db_int(st, 18);
        p->officer_cap = (int)db_int(st, 19);
        p->entity_cap = (int)db_int(st, 20);
        p->pool_hash = dup_col(c, st, 21);
        p->seed_source = dup_col(c, st, 22);
        p->seed = dup_col(c, st, 23);
        p->pool_size = db_int(st, 24);
        p->version = db_int(st, 25);
        p->agency_name = dup_col(c, st, 26);
        p->joint_departments = dup_col(c, st, 27);
        p->joint_inspectors = dup_col(c, st, 28);
        p->warnings = dup_col(c, st, 29);
        p->committed_at = db_null(st, 30) ? 0 : db_int(st, 30);
        p->drawn_at = db_null(st, 31) ? 0 : db_int(st, 31);
        rc = 0;
    } else if (rc >= 0) {
        rc = err_set(e, ERR_NOTFOUND, "抽查计划不存在");
    }
    db_done(st);
    return rc;
}

/* "按比例 5%（A 3%、D 20%）" or "抽取 50 户" (arena). */
static const char *quota_text(struct ctx *c, const struct draw_quota *q)
{
    if (q->by_count) return arena_printf(c->arena, "抽取 %lld 户", (long long)q->count);
    char r[16];
    draw_ratio_text(q->ratio_bp, r);
    struct buf b = {0};
    buf_addf(&b, "按比例 %s", r);
    if (q->stratified) {
        buf_adds(&b, "（");
        int n = 0;
        for (int g = 0; g < 4; g++)
            if (q->grade_bp[g] >= 0) {
                draw_ratio_text(q->grade_bp[g], r);
                buf_addf(&b, "%s%c级 %s", n++ ? "、" : "", DRAW_STRATA[g], r);
            }
        buf_adds(&b, "，其余按计划比例）");
    }
    const char *s = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The quota as arguments of tools/draw_verify.py: "--count 8" or "--ratio 5% --grade A=3%". */
static const char *verify_args(struct ctx *c, const struct draw_quota *q)
{
    if (q->by_count) return arena_printf(c->arena, "--count %lld", (long long)q->count);
    char r[16];
    draw_ratio_text(q->ratio_bp, r);
    struct buf b = {0};
    buf_addf(&b, "--ratio %s", r);
    for (int g = 0; q->stratified && g < DRAW_NSTRATA; g++)
        if (q->grade_bp[g] >= 0) {
            draw_ratio_text(q->grade_bp[g], r);
            buf_addf(&b, " --grade %c=%s", DRAW_STRATA[g], r);
        }
    const char *s = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* Labels of comma-separated codes through a lookup (arena). */
static const char *labels(struct ctx *c, const char *codes, const char *(*label)(const char *),
                          const char *none)
{
    if (str_blank(codes)) return none;
    struct buf b = {0};
    const char *p = codes;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *code = arena_strndup(c->arena, p, len), *l = label(code);
        buf_addf(&b, "%s%s", b.len ? "、" : "", l ? l : code);
        p += len + (comma ? 1 : 0);
    }
    const char *s = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static const char *subtype_label(const char *code)
{
    return catalog_label("subtypes", code);
}

static const char *grade_label(const char *code)
{
    return strcmp(code, "-") == 0 ? "未评定" : code;
}

static const char *status_label(const char *code)
{
    return strcmp(code, "open") == 0        ? "营业"
           : strcmp(code, "suspended") == 0 ? "停业"
           : strcmp(code, "closed") == 0    ? "注销"
                                            : NULL;
}

/* The plan's common fields as JSON (public pages use them too: nothing personal). */
static json_t *plan_json(struct ctx *c, const struct plan_rec *p)
{
    json_t *o = json_object();
    jset_int(o, "id", p->id);
    jset_text(o, "name", p->name);
    jset_text(o, "level", p->level);
    jset_text(o, "level_label", plan_level_label(p->level));
    jset_int(o, "year", p->year);
    jset_text(o, "line", p->line);
    jset_text(o, "line_label", catalog_label("lines", p->line));
    jset_text(o, "state", p->state);
    jset_text(o, "state_label", plan_state_label(p->state));
    jset_text(o, "quota", quota_text(c, &p->quota));
    jset_text(o, "verify_args", verify_args(c, &p->quota));
    jset_bool(o, "stratified", p->quota.stratified);
    jset_text(o, "pool_subtypes_label", labels(c, p->pool_subtypes, subtype_label, "全部类别"));
    jset_text(o, "pool_division", p->pool_division);
    jset_text(o, "pool_grades_label", labels(c, p->pool_grades, grade_label, "全部等级"));
    jset_text(o, "pool_statuses_label", labels(c, p->pool_statuses, status_label, "营业"));
    jset_text(o, "starts_on", p->starts_on);
    jset_text(o, "deadline", p->deadline);
    jset_int(o, "team_size", p->team_size);
    jset_int(o, "officer_cap", p->officer_cap);
    jset_int(o, "entity_cap", p->entity_cap);
    jset_text(o, "pool_hash", p->pool_hash);
    jset_text(o, "seed_source", p->seed_source);
    jset_text(o, "seed", p->seed);
    if (p->pool_hash) jset_int(o, "pool_size", p->pool_size);
    return o;
}

/* The plan's items: [{id, code, name, basis, method_label}]. */
static json_t *plan_items(struct ctx *c, int64_t id, struct err *e)
{
    json_t *arr = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT i.id, i.code, i.name, i.basis, i.method"
                                  " FROM draw_plan_item pi JOIN check_list_item i"
                                  " ON i.id = pi.item_id WHERE pi.plan_id = ? ORDER BY i.code",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        char method[128];
        check_method_labels(db_text(st, 4), method, sizeof method);
        json_array_append_new(arr, jpack("{sI ss ss ss ss}", "id", (json_int_t)db_int(st, 0),
                                         "code", db_text(st, 1), "name", db_text(st, 2), "basis",
                                         db_text(st, 3), "method_label", method));
    }
    db_done(st);
    return arr;
}

/* Every commitment the plan published, newest first. */
static json_t *plan_commitments(struct ctx *c, int64_t id, struct err *e)
{
    json_t *arr = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT pool_hash, pool_size, seed_source, committed_at,"
                                  " withdrawn_at, withdraw_reason FROM draw_commitment"
                                  " WHERE plan_id = ? ORDER BY id DESC",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW) {
        char on[DATE_STRLEN], off[DATE_STRLEN] = "";
        date_format(date_from_instant(db_int(st, 3)), on);
        if (!db_null(st, 4)) date_format(date_from_instant(db_int(st, 4)), off);
        json_array_append_new(arr, jpack("{ss sI ss ss ss? ss? sb}", "pool_hash", db_text(st, 0),
                                         "pool_size", (json_int_t)db_int(st, 1), "seed_source",
                                         db_text(st, 2), "committed_on", on, "withdrawn_on",
                                         *off ? off : NULL, "withdraw_reason", db_text(st, 5),
                                         "withdrawn", !db_null(st, 4)));
    }
    db_done(st);
    return arr;
}

/* Every draw of the plan, the refused ones too: [{"at", "seed", "ok", "reason"}], oldest first. */
static json_t *plan_attempts(struct ctx *c, int64_t id, struct err *e)
{
    json_t *arr = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT at, seed, ok, reason FROM draw_attempt WHERE plan_id = ?"
                                  " ORDER BY id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(arr, jpack("{sI ss sb ss?}", "at", (json_int_t)db_int(st, 0), "seed",
                                         db_text(st, 1), "ok", db_int(st, 2) != 0, "reason",
                                         db_text(st, 3)));
    db_done(st);
    return arr;
}

json_t *plan_json_full(struct ctx *c, const struct plan_rec *p, struct err *e)
{
    json_t *o = plan_json(c, p);
    json_object_set_new(o, "items", plan_items(c, p->id, e));
    json_object_set_new(o, "commitments", plan_commitments(c, p->id, e));
    json_object_set_new(o, "attempts", plan_attempts(c, p->id, e));
    jset_text(o, "agency", p->agency_name);
    jset_text(o, "joint_departments", p->joint_departments);
    jset_text(o, "joint_inspectors", p->joint_inspectors);
    json_t *w = p->warnings ? json_loads(p->warnings, 0, NULL) : NULL;
    if (w) json_object_set_new(o, "warnings", w);
    if (p->committed_at) jset_int(o, "committed_at", p->committed_at);
    if (p->drawn_at) jset_int(o, "drawn_at", p->drawn_at);
    return o;
}

/* Names of the agencies whose officers the plan draws (arena). */
static const char *officer_agency_names(struct ctx *c, const char *ids, struct err *e)
{
    if (!ids || !*ids) return "";
    /* one statement for them all, named in the order the plan lists them */
    struct db_stmt *st =
        db_query(c->db, e,
                 "SELECT id, name FROM agency"
                 " WHERE (',' || ? || ',') LIKE ('%,' || CAST(id AS TEXT) || ',%')",
                 "t", ids);
    json_t *names = json_object();
    while (st && db_step(st, e) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_int(st, 0));
        jset_text(names, key, db_text(st, 1));
    }
    db_done(st);
    struct buf b = {0};
    const char *item;
    for (const char *p = ids; *p;) {
        size_t len = csv_next(&p, &item);
        char key[24];
        snprintf(key, sizeof key, "%.*s", (int)(len < 23 ? len : 23), item);
        const char *name = json_string_value(json_object_get(names, key));
        if (name) buf_addf(&b, "%s%s", b.len ? "、" : "", name);
    }
    json_decref(names);
    const char *s = arena_strdup(c->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

json_t *plan_get(struct ctx *c, int64_t id, struct err *e)
{
    struct plan_rec p;
    if (plan_load(c, id, false, &p, e)) return NULL;
    json_t *o = plan_json_full(c, &p, e);
    jset_int(o, "version", p.version);
    jset_text(o, "officer_agencies_label", officer_agency_names(c, p.officer_agencies, e));
    /* tasks by state */
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT state, COUNT(*) FROM task WHERE plan_id = ?"
                                  " GROUP BY state",
                                  "i", id);
    int64_t total = 0;
    json_t *by_state = json_object();
    while (st && db_step(st, e) == DB_ROW) {
        json_object_set_new(by_state, db_text(st, 0), json_integer(db_int(st, 1)));
        total += db_int(st, 1);
    }
    db_done(st);
    json_object_set_new(o, "task_counts", by_state);
    jset_int(o, "tasks", total);
    json_t *steps = wf_steps(c, &plan_workflow, id, e); /* a plan keeps no deadlines */
    if (steps) json_object_set_new(o, "steps", steps);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *plan_form(struct ctx *c, int64_t id, struct err *e)
{
    struct plan_rec p;
    if (plan_load(c, id, false, &p, e)) return NULL;
    if (strcmp(p.state, "draft") != 0) {
        err_set(e, ERR_CONFLICT, "计划已公布承诺，抽取池已冻结，不能修改");
        return NULL;
    }
    char ratio[16] = "";
    if (!p.quota.by_count) draw_ratio_text(p.quota.ratio_bp, ratio);
    ratio[strcspn(ratio, "%")] = 0;
    json_t *f =
        jpack("{ss ss sI ss ss ss ss? ss ss ss ss ss sI sI sI sI}", "name", p.name, "level",
              p.level, "year", (json_int_t)p.year, "line", p.line, "pool_subtypes", p.pool_subtypes,
              "pool_grades", p.pool_grades, "pool_division", p.pool_division, "pool_statuses",
              p.pool_statuses, "quota_mode", p.quota.by_count ? "count" : "ratio", "ratio", ratio,
              "starts_on", p.starts_on, "deadline", p.deadline, "team_size",
              (json_int_t)p.team_size, "officer_cap", (json_int_t)p.officer_cap, "entity_cap",
              (json_int_t)p.entity_cap, "version", (json_int_t)p.version);
    if (p.quota.by_count) json_object_set_new(f, "count", json_integer(p.quota.count));
    for (int g = 0; g < 4; g++)
        if (p.quota.grade_bp[g] >= 0) {
            draw_ratio_text(p.quota.grade_bp[g], ratio);
            ratio[strcspn(ratio, "%")] = 0;
            json_object_set_new(f, grade_fields[g], json_string(ratio));
        }
    struct buf items = {0}, codes = {0};
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT item_id FROM draw_plan_item WHERE plan_id = ?"
                                  " ORDER BY item_id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        buf_addf(&items, "%s%lld", items.len ? "," : "", (long long)db_int(st, 0));
    db_done(st);
    st = db_query(c->db, e,
                  "SELECT a.code, p.joint_departments, p.joint_inspectors FROM draw_plan p"
                  " JOIN agency a ON a.id = p.agency_id WHERE p.id = ?",
                  "i", id);
    if (st && db_step(st, e) == DB_ROW) {
        json_object_set_new(f, "agency", json_string(db_text(st, 0)));
        jset_text(f, "joint_departments", db_text(st, 1));
        jset_text(f, "joint_inspectors", db_text(st, 2));
    }
    db_done(st);
    for (const char *q = p.officer_agencies; q && *q;) {
        st = db_query(c->db, e, "SELECT code FROM agency WHERE id = ?", "i", strtoll(q, NULL, 10));
        if (st && db_step(st, e) == DB_ROW)
            buf_addf(&codes, "%s%s", codes.len ? "," : "", db_text(st, 0));
        db_done(st);
        const char *comma = strchr(q, ',');
        q = comma ? comma + 1 : q + strlen(q);
    }
    json_object_set_new(f, "items", json_string(buf_str(&items)));
    json_object_set_new(f, "officer_agencies", json_string(buf_str(&codes)));
    buf_free(&items);
    buf_free(&codes);
    return f;
}

json_t *plan_list(struct ctx *c, int year, const char *state, struct err *e)
{
    struct db_cond w = {0};
    db_cond_add(&w, AGENCY_IN_SCOPE("p.agency_id"), "t", actor_scope(c));
    if (year) db_cond_add(&w, "p.year = ?", "i", (int64_t)year);
    if (!str_blank(state)) db_cond_add(&w, "p.state = ?", "t", state);
    struct db_stmt *st = db_cond_query(
        c->db, e,
        arena_printf(c->arena,
                     "SELECT p.id, p.name, p.level, p.year, p.line, p.state, p.deadline,"
                     " p.pool_size, a.name, (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id),"
                     " (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id"
                     " AND t.state = 'inspected') FROM draw_plan p"
                     " JOIN agency a ON a.id = p.agency_id WHERE %s ORDER BY p.id DESC",
                     db_cond_sql(&w)),
        &w);
    db_cond_free(&w);
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW) {
        json_t *o = json_object();
        jset_int(o, "id", db_int(st, 0));
        jset_text(o, "name", db_text(st, 1));
        jset_text(o, "level_label", plan_level_label(db_text(st, 2)));
        jset_int(o, "year", db_int(st, 3));
        jset_text(o, "line_label", catalog_label("lines", db_text(st, 4)));
        jset_text(o, "state", db_text(st, 5));
        jset_text(o, "state_label", plan_state_label(db_text(st, 5)));
        jset_text(o, "deadline", db_text(st, 6));
        if (!db_null(st, 7)) jset_int(o, "pool_size", db_int(st, 7));
        jset_text(o, "agency", db_text(st, 8));
        jset_int(o, "tasks", db_int(st, 9));
        jset_int(o, "inspected", db_int(st, 10));
        json_array_append_new(rows, o);
    }
    db_done(st);
    if (e->code) {
        json_decref(rows);
        return NULL;
    }
    return jpack("{so}", "rows", rows);
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"draw_plan",
     "抽查计划",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"officer_agencies", "agency", REF_LIST}}},
    {"draw_plan_item",
     "计划抽查事项",
     false,
     "plan_id, item_id",
     {{"plan_id", "draw_plan", REF_ID}, {"item_id", "check_list_item", REF_ID}}},
    {"draw_pool",
     "抽取池",
     false,
     "plan_id, entity_id",
     {{"plan_id", "draw_plan", REF_ID}, {"entity_id", "entity", REF_ID}}},
    {"draw_officer",
     "计划执法人员",
     false,
     "plan_id, officer_id",
     {{"plan_id", "draw_plan", REF_ID}, {"officer_id", "officer", REF_ID}}},
    {"draw_commitment", "抽取承诺", true, "id", {{"plan_id", "draw_plan", REF_ID}}},
    {"draw_attempt", "抽取记录", true, "id", {{"plan_id", "draw_plan", REF_ID}}},
};

static const struct table_left left[] = {
    {"draw_pool_pack", "抽取池的压缩副本含本库编号：按迁入的抽取池重新生成", false},
    {"id_floor", "已删除记录的最大编号：目标库按自己的编号分配", false},
};

const struct law_area law_area_plans = {"plans", tables,        countof(tables),
                                        left,    countof(left), &plan_workflow};
