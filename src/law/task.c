/* task.c — random-check tasks through the shared workflow, their lists and their figures. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/task.h"
#include "law/catalog.h"
#include "law/draw.h"
#include "law/field.h"
#include "law/plan.h"
#include "law/paging.h"

#include <stdio.h>
#include <string.h>

/* ---- the workflow --------------------------------------------------------------------------- */

static const struct wf_option reasons[] = {
    {"suspended", "停业"}, {"closed", "关闭（注销）"}, {"not_found", "查无此户"}, {"other", "其他"},
    {NULL, NULL},
};

static const struct wf_option outcomes[] = {
    {"pass", "未发现问题"}, {"rectify", "责令整改"}, {"refer", "立案查处"}, {NULL, NULL}};

const char *task_reason_label(const char *reason)
{
    return wf_option_label(reasons, reason);
}

const char *task_outcome_label(const char *outcome)
{
    return wf_option_label(outcomes, outcome);
}

static const struct wf_state states[] = {
    {"pending", "待检查", false},
    {"inspected", "已检查", false},
    {"published", "已公示", true},
    {"unable", "无法检查", true},
};

const struct wf_deadline_rule task_deadline_inspect = {"inspect", "检查期限", 0, false,
                                                       "双随机抽查计划的完成期限"};
/* [R-TASK-02] 国发〔2019〕5号: results are published within 20 working days of the check. */
static const struct wf_deadline_rule deadline_publish = {
    "publish", "结果公示期限", TASK_PUBLISH_DAYS, true,
    "国发〔2019〕5号：检查结果20个工作日内公示"};

/* The task's plan start and, once inspected, the inspection date. */
static int task_dates(struct ctx *c, int64_t id, const char **starts_on, const char **inspected_on,
                      struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT p.starts_on, t.inspected_on FROM task t"
                                  " JOIN draw_plan p ON p.id = t.plan_id WHERE t.id = ?",
                                  "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *starts_on = arena_strdup(c->arena, db_text(st, 0));
        *inspected_on = db_null(st, 1) ? NULL : arena_strdup(c->arena, db_text(st, 1));
        rc = 0;
    } else if (rc == DB_DONE) {
        rc = err_set(e, ERR_NOTFOUND, "抽查任务不存在");
    }
    db_done(st);
    return rc;
}

/* [R-TASK-06] A step's date may not lie in the future or before from (both YYYY-MM-DD). */
static int date_between(struct ctx *c, const char *date, const char *from, const char *what,
                        struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (date && *date && strcmp(date, today) > 0)
        return err_field(e, "date", "%s不能晚于今天", what);
    if (date && *date && from && strcmp(date, from) < 0)
        return err_field(e, "date", "%s不能早于%s", what, from);
    return 0;
}

/* Completed through an inspection: the inspection and its date are given. */
static int guard_inspect(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    if (!a || a->ref_id <= 0) return err_set(e, ERR_INVALID, "抽查任务须通过检查记录完成");
    if (!a->date || !*a->date) return err_field(e, "date", "请填写检查日期");
    const char *starts = NULL, *inspected = NULL;
    int rc = task_dates(c, id, &starts, &inspected, e);
    return rc ? rc : date_between(c, a->date, starts, "检查日期", e);
}

/* The officer record of the acting account, or 0. */
static int64_t own_officer(struct ctx *c, struct err *e);

/* [R-TASK-04] 无法检查 is found on the spot by the drawn team; the leader of the task's agency may
 * confirm it too. Anyone else, an administrator included, is refused. */
static int check_may_close(struct ctx *c, int64_t id, struct err *e)
{
    if (c->who->user_id == 0) return 0;
    int64_t officer = own_officer(c, e), on_team = 0, own_agency = 0;
    if (officer && db_get_int(c->db, e, &on_team,
                              "SELECT COUNT(*) FROM task_officer WHERE task_id = ?"
                              " AND officer_id = ?",
                              "ii", id, officer))
        return e->code;
    if (on_team) return 0;
    if ((c->who->roles & (1u << ROLE_LEADER)) &&
        db_get_int(c->db, e, &own_agency,
                   "SELECT COUNT(*) FROM task WHERE id = ? AND agency_id = ?", "ii", id,
                   c->who->agency_id))
        return e->code;
    if (own_agency) return 0;
    return err_set(e, ERR_FORBIDDEN, "只有该任务检查组的执法人员或本机构负责人可以认定“无法检查”");
}

/* [R-TASK-03] 无法检查 needs a recorded lawful reason (RULES.md §4: 完结 counts it; its inputs
 * check the code), found by the team. */
static int guard_unable(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    if (check_may_close(c, id, e)) return e->code;
    if (strcmp(a->reason, "other") == 0 && str_blank(a->note))
        return err_field(e, "note", "原因为“其他”时须写明具体情况");
    const char *starts = NULL, *inspected = NULL;
    int rc = task_dates(c, id, &starts, &inspected, e);
    return rc ? rc : date_between(c, a->date, starts, "核实日期", e);
}

/* [R-TASK-06] Publication follows the inspection. */
static int guard_publish(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    const char *starts = NULL, *inspected = NULL;
    int rc = task_dates(c, id, &starts, &inspected, e);
    return rc ? rc : date_between(c, a ? a->date : NULL, inspected, "公示日期", e);
}

/* What each step writes on the task besides its state. */
static int effect_inspect(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *outcome = wf_arg(a, "outcome");
    a->note = task_outcome_label(outcome);
    return db_exec(c->db, e,
                   "UPDATE task SET inspected_on = ?, outcome = ?, inspection_id = ?,"
                   " updated_at = ? WHERE id = ?",
                   "ttiii", a->date, outcome, a->ref_id, c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_unable(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return db_exec(c->db, e,
                   "UPDATE task SET reason = ?, reason_text = ?, updated_at = ? WHERE id = ?",
                   "ttii", a->reason, blank_to_null(a->note), c->now, id) < 0
               ? e->code
               : 0;
}

static int effect_publish(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (str_blank(a->date)) a->date = arena_strdup(c->arena, today);
    return db_exec(c->db, e, "UPDATE task SET published_on = ?, updated_at = ? WHERE id = ?", "tii",
                   a->date, c->now, id) < 0
               ? e->code
               : 0;
}

static const struct wf_input inspect_inputs[] = {
    {"date", "检查日期", WF_DATE, true, 0, NULL},
    {"outcome", "检查结论", WF_CODE, true, 0, outcomes},
    {NULL, NULL, 0, false, 0, NULL},
};
static const struct wf_input unable_inputs[] = {
    {"reason", "无法检查的原因", WF_CODE, true, 0, reasons},
    {"note", "情况说明", WF_TEXT, false, 200, NULL},
    {"date", "核实日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};
static const struct wf_input publish_inputs[] = {
    {"date", "公示日期", WF_DATE, false, 0, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

static const struct wf_transition steps[] = {
    {"pending", "inspect", "inspected", "录入检查结果", PERM_INSPECTION_WRITE, guard_inspect,
     &deadline_publish, "inspect", .inputs = inspect_inputs, .effect = effect_inspect,
     .internal = true},
    {"pending", "unable", "unable", "无法检查", PERM_TASK_CLOSE, guard_unable, NULL, "inspect",
     .inputs = unable_inputs, .effect = effect_unable,
     .confirm = "认定后该任务即完结，不能再录入检查结果。确定认定为无法检查？"},
    {"inspected", "publish", "published", "公示检查结果", PERM_PLAN_WRITE, guard_publish, NULL,
     "publish", .inputs = publish_inputs, .effect = effect_publish,
     .confirm = "检查结果将在公示页公开，不可撤回。确定公示？"},
};

const struct workflow task_workflow = {"task",
                                       "task",
                                       states,
                                       countof(states),
                                       steps,
                                       countof(steps),
                                       task_in_reach,
                                       task_reason_label,
                                       .start_label = "抽取生成"};

/* The tasks an actor reaches (TASK_FROM's t and a; one argument: the actor's scope pattern):
 * those of plans of the actor's subtree, and those whose drawn team holds an officer of it — a
 * city or province plan draws county officers, who then see and carry out their tasks. */
#define TASK_REACH                                                                                 \
    "(a.path LIKE ? OR EXISTS (SELECT 1 FROM task_officer k JOIN officer o ON o.id = k.officer_id" \
    " JOIN agency oa ON oa.id = o.agency_id WHERE k.task_id = t.id AND oa.path LIKE ?))"

int task_in_reach(struct ctx *c, int64_t id, struct err *e)
{
    if (c->who->user_id == 0) return 1;
    const char *scope = actor_scope(c);
    return db_exists(c->db, e,
                     "SELECT 1 FROM task t JOIN agency a ON a.id = t.agency_id WHERE t.id = ?"
                     " AND " TASK_REACH,
                     "itt", id, scope, scope);
}

int task_start(struct ctx *c, int64_t id, const char *deadline, struct err *e)
{
    struct wf_args a = {.due = deadline};
    return wf_start(c, &task_workflow, id, &task_deadline_inspect, &a, e);
}

int task_start_many(struct ctx *c, const int64_t *ids, size_t n, const char *deadline,
                    struct err *e)
{
    struct wf_args a = {.due = deadline};
    return wf_start_many(c, &task_workflow, ids, n, &task_deadline_inspect, &a, e);
}

int task_complete(struct ctx *c, int64_t id, int64_t inspection_id, const char *date,
                  const char *outcome, struct err *e)
{
    struct wf_args a = {.date = date, .ref_id = inspection_id};
    wf_arg_set(&a, "outcome", outcome);
    return wf_apply(c, &task_workflow, id, "inspect", &a, NULL, e);
}

int task_unable(struct ctx *c, int64_t id, const char *reason, const char *text, const char *date,
                struct err *e)
{
    struct wf_args a = {.date = date, .reason = reason, .note = text};
    return wf_apply(c, &task_workflow, id, "unable", &a, NULL, e);
}

int task_publish(struct ctx *c, int64_t id, const char *date, struct err *e)
{
    struct wf_args a = {.date = date};
    return wf_apply(c, &task_workflow, id, "publish", &a, NULL, e);
}

/* ---- reading -------------------------------------------------------------------------------- */

/* The team of task id: [{id, name}] in id order. */
static json_t *team_of(struct ctx *c, int64_t id, struct err *e)
{
    json_t *arr = json_array();
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT o.id, o.name FROM task_officer k JOIN officer o"
                                  " ON o.id = k.officer_id WHERE k.task_id = ? ORDER BY o.id",
                                  "i", id);
    while (st && db_step(st, e) == DB_ROW)
        json_array_append_new(
            arr, jpack("{sI ss}", "id", (json_int_t)db_int(st, 0), "name", db_text(st, 1)));
    db_done(st);
    return arr;
}

#define TASK_COLS                                                                                  \
    "t.id, t.seq, t.state, t.deadline, t.inspected_on, t.outcome, t.published_on, t.reason,"       \
    " t.reason_text, t.stratum, x.id, x.name, p.id, p.name, a.path, t.repeat_team, p.line,"        \
    " t.inspection_id, w.due_on, w.provisional"
/* The tables of TASK_COLS: the task, its entity, plan and agency, and its publication deadline
 * (opened by the inspection). */
#define TASK_FROM                                                                                  \
    " FROM task t JOIN entity x ON x.id = t.entity_id JOIN draw_plan p ON p.id = t.plan_id"        \
    " JOIN agency a ON a.id = t.agency_id LEFT JOIN wf_deadline w ON w.kind = 'task'"              \
    " AND w.object_id = t.id AND w.name = 'publish'"

/* The teams of a page of task rows, set as each row's "team" ([{id, name}] in id order), read
 * a few dozen tasks a statement instead of one statement a row; the statement always has
 * TEAM_BATCH places (unused ones 0), so it is prepared once. */
#define TEAM_BATCH 25
static void teams_of(struct ctx *c, json_t *rows, struct err *e)
{
    size_t n = json_array_size(rows), i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        json_object_set_new(row, "team", json_array());
    }
    struct buf sql = {0};
    buf_adds(&sql, "SELECT k.task_id, o.id, o.name FROM task_officer k JOIN officer o"
                   " ON o.id = k.officer_id WHERE k.task_id IN (?");
    for (int k = 1; k < TEAM_BATCH; k++)
        buf_adds(&sql, ", ?");
    buf_adds(&sql, ") ORDER BY k.task_id, o.id");
    for (size_t from = 0; from < n && !e->code; from += TEAM_BATCH) {
        struct db_arg args[TEAM_BATCH];
        for (size_t k = 0; k < TEAM_BATCH; k++)
            args[k] = (struct db_arg){.type = 'i',
                                      .i = from + k < n ? json_integer_value(json_object_get(
                                                              json_array_get(rows, from + k), "id"))
                                                        : 0};
        struct db_stmt *st = db_query_args(c->db, e, buf_str(&sql), TEAM_BATCH, args);
        size_t at = from; /* teams come in task order, as the rows mostly do */
        while (st && db_step(st, e) == DB_ROW) {
            int64_t task = db_int(st, 0);
            for (size_t k = 0; k < n; k++, at = (at + 1) % n) {
                json_t *r = json_array_get(rows, at);
                if (json_integer_value(json_object_get(r, "id")) != task) continue;
                json_array_append_new(
                    json_object_get(r, "team"),
                    jpack("{sI ss}", "id", (json_int_t)db_int(st, 1), "name", db_text(st, 2)));
                break;
            }
        }
        db_done(st);
    }
    buf_free(&sql);
}

/* One task row with its flags (today: YYYY-MM-DD). */
static json_t *task_row(struct db_stmt *st, const char *today)
{
    json_t *o = json_object();
    int64_t id = db_int(st, 0);
    const char *state = db_text(st, 2), *deadline = db_text(st, 3);
    jset_int(o, "id", id);
    jset_int(o, "seq", db_int(st, 1));
    jset_text(o, "state", state);
    jset_text(o, "state_label", wf_state_label(&task_workflow, state));
    jset_text(o, "deadline", deadline);
    jset_bool(o, "overdue", strcmp(state, "pending") == 0 && strcmp(deadline, today) < 0);
    jset_text(o, "inspected_on", db_text(st, 4));
    jset_text(o, "outcome", db_text(st, 5));
    jset_text(o, "outcome_label", task_outcome_label(db_text(st, 5)));
    jset_text(o, "published_on", db_text(st, 6));
    jset_text(o, "reason", db_text(st, 7));
    jset_text(o, "reason_label", task_reason_label(db_text(st, 7)));
    jset_text(o, "reason_text", db_text(st, 8));
    jset_text(o, "stratum", db_text(st, 9));
    jset_int(o, "entity_id", db_int(st, 10));
    jset_text(o, "entity", db_text(st, 11));
    jset_int(o, "plan_id", db_int(st, 12));
    jset_text(o, "plan", db_text(st, 13));
    jset_bool(o, "repeat_team", db_int(st, 15) != 0);
    jset_text(o, "line", db_text(st, 16));
    if (!db_null(st, 17)) jset_int(o, "inspection_id", db_int(st, 17));
    const char *due = db_null(st, 18) ? NULL : db_text(st, 18);
    const char *published = db_text(st, 6);
    jset_text(o, "publish_due", due);
    jset_bool(o, "publish_due_provisional", due && db_int(st, 19) != 0);
    /* 国发〔2019〕5号: late when published after the 20th working day, or still unpublished */
    jset_bool(o, "publish_late", due && published && strcmp(published, due) > 0);
    jset_bool(o, "publish_overdue", due && !published && strcmp(today, due) > 0);
    return o;
}

json_t *task_get(struct ctx *c, int64_t id, struct err *e)
{
    const char *scope = actor_scope(c);
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " TASK_COLS TASK_FROM " WHERE t.id = ? AND " TASK_REACH, "itt",
                 id, scope, scope);
    if (!st) return NULL;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    json_t *o = NULL;
    const char *state = NULL;
    if (db_step(st, e) == DB_ROW) {
        state = arena_strdup(c->arena, db_text(st, 2));
        o = task_row(st, today);
    }
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "抽查任务不存在");
        return NULL;
    }
    json_object_set_new(o, "team", team_of(c, id, e));
    json_object_set_new(o, "actions", wf_actions(c, &task_workflow, id, state));
    json_t *h = wf_history(c, &task_workflow, id, e);
    if (h) json_object_update_new(o, h);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *task_entity(struct ctx *c, int64_t id, struct err *e)
{
    int reached = task_in_reach(c, id, e);
    if (reached <= 0) {
        if (!reached) err_set(e, ERR_NOTFOUND, "抽查任务不存在");
        return NULL;
    }
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.id, x.name, x.subtype, x.address, x.legal_rep, x.lines"
                                  " FROM task t JOIN entity x ON x.id = t.entity_id WHERE t.id = ?",
                                  "i", id);
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW) {
        o = jpack("{sI ss}", "id", (json_int_t)db_int(st, 0), "name", db_text(st, 1));
        jset_text(o, "subtype_label", catalog_label("subtypes", db_text(st, 2)));
        jset_text(o, "address", db_text(st, 3));
        jset_text(o, "legal_rep", db_text(st, 4));
        jset_text(o, "lines", db_text(st, 5));
    }
    db_done(st);
    if (!o && !e->code) err_set(e, ERR_NOTFOUND, "抽查任务不存在");
    return o;
}

/* The officer the actor's account belongs to, or 0. */
static int64_t own_officer(struct ctx *c, struct err *e)
{
    int64_t id = 0;
    struct db_stmt *st =
        db_query(c->db, e, "SELECT officer_id FROM app_user WHERE id = ?", "i", c->who->user_id);
    if (st && db_step(st, e) == DB_ROW && !db_null(st, 0)) id = db_int(st, 0);
    db_done(st);
    return id;
}

/* A task list's row (arg: today, YYYY-MM-DD). */
static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    return task_row(st, arg);
}

json_t *task_list(struct ctx *c, const struct task_query *q, struct err *e)
{
    struct paging pg = paging_of(q->page, q->per_page, 50);
    int64_t officer = q->mine ? own_officer(c, e) : 0;
    if (q->mine && !officer)
        return jpack("{s[] sb si si sb}", "rows", "more", false, "page", pg.page, "per_page",
                     pg.per, "no_officer", true);
    /* the statement holds the filters that are set, and no others */
    const char *scope = actor_scope(c);
    struct db_cond w = {0};
    db_cond_add(&w, TASK_REACH, "tt", scope, scope);
    if (q->plan_id) db_cond_add(&w, "t.plan_id = ?", "i", q->plan_id);
    if (officer)
        db_cond_add(&w, "t.id IN (SELECT task_id FROM task_officer WHERE officer_id = ?)", "i",
                    officer);
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (q->state && strcmp(q->state, "overdue") == 0) /* 待检查, past the plan's deadline */
        db_cond_add(&w, "t.state = 'pending' AND t.deadline < ?", "t", today);
    else if (!str_blank(q->state))
        db_cond_add(&w, "t.state = ?", "t", q->state);
    /* counted without the joins a row shows (the conditions need only the task and agency) */
    const char *count = arena_printf(c->arena,
                                     "SELECT COUNT(*) FROM (SELECT 1 FROM task t"
                                     " JOIN agency a ON a.id = t.agency_id WHERE %s LIMIT ?) AS t",
                                     db_cond_sql(&w));
    struct db_cond k = w; /* the list's arguments, for its count */
    db_cond_bind(&w, "ii", paging_limit(pg), paging_offset(pg));
    struct db_stmt *st = db_cond_query(c->db, e,
                                       arena_printf(c->arena,
                                                    "SELECT " TASK_COLS TASK_FROM
                                                    " WHERE %s ORDER BY t.plan_id DESC, t.seq"
                                                    " LIMIT ? OFFSET ?",
                                                    db_cond_sql(&w)),
                                       &w);
    json_t *o = paging_total(paging_read(st, pg, list_row, today, e), c->db,
                             q->uncounted ? NULL : count, true, &k, e);
    db_cond_free(&w);
    if (o && !e->code) teams_of(c, json_object_get(o, "rows"), e);
    if (o && e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- figures (RULES.md §4) ------------------------------------------------------------------ */

/* Add the rates of counts to row o. */
static void add_rates(json_t *o, int64_t tasks, int64_t inspected, int64_t unable)
{
    char rate[DRAW_RATE_TEXT];
    draw_rate_text(inspected, tasks, rate);
    jset_text(o, "completion_rate", rate);
    json_object_set_new(o, "completion_bp", json_integer(draw_rate_bp(inspected, tasks)));
    draw_rate_text(inspected + unable, tasks, rate);
    jset_text(o, "closure_rate", rate);
    json_object_set_new(o, "closure_bp", json_integer(draw_rate_bp(inspected + unable, tasks)));
}

json_t *task_stats(struct ctx *c, int year, const char *by, struct err *e)
{
    /* the grouping column comes from this fixed list, never from input */
    const char *key = "p.id", *label = "p.name";
    if (by && strcmp(by, "level") == 0)
        key = label = "p.level";
    else if (by && strcmp(by, "line") == 0)
        key = label = "p.line";
    else if (by && strcmp(by, "year") == 0)
        key = label = "p.year";
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_cond w = {0};
    db_cond_bind(&w, "t", today);
    db_cond_add(&w, "a.path LIKE ?", "t", actor_scope(c));
    if (year) db_cond_add(&w, "p.year = ?", "i", (int64_t)year);
    const char *sql = arena_printf(
        c->arena,
        "SELECT %s, %s, COUNT(*),"
        " SUM(CASE WHEN t.state IN ('inspected', 'published') THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN t.state = 'unable' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN t.outcome = 'rectify' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN t.outcome = 'refer' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN d.id IS NOT NULL AND (d.ended_on > d.due_on OR (d.ended_on IS NULL"
        " AND d.due_on < ?)) THEN 1 ELSE 0 END)"
        " FROM task t JOIN draw_plan p ON p.id = t.plan_id JOIN agency a ON a.id = t.agency_id"
        " LEFT JOIN wf_deadline d ON d.kind = 'task' AND d.object_id = t.id AND d.name = 'publish'"
        " WHERE %s GROUP BY %s, %s ORDER BY %s",
        key, label, db_cond_sql(&w), key, label, key);
    struct db_stmt *st = db_cond_query(c->db, e, sql, &w);
    db_cond_free(&w);
    if (!st) return NULL;
    json_t *rows = json_array();
    int64_t sum[6] = {0};
    while (db_step(st, e) == DB_ROW) {
        json_t *o = json_object();
        const char *k = db_text(st, 1);
        if (strcmp(key, "p.level") == 0)
            k = plan_level_label(k);
        else if (strcmp(key, "p.line") == 0)
            k = catalog_label("lines", k);
        jset_text(o, "key", db_text(st, 0));
        jset_text(o, "label", k ? k : db_text(st, 1));
        int64_t v[6];
        for (int i = 0; i < 6; i++)
            sum[i] += v[i] = db_int(st, 2 + i);
        jset_int(o, "tasks", v[0]);
        jset_int(o, "inspected", v[1]);
        jset_int(o, "unable", v[2]);
        jset_int(o, "closed", v[1] + v[2]);
        jset_int(o, "rectify", v[3]);
        jset_int(o, "filed", v[4]);
        jset_int(o, "publish_late", v[5]);
        add_rates(o, v[0], v[1], v[2]);
        json_array_append_new(rows, o);
    }
    db_done(st);
    json_t *total = json_object();
    jset_int(total, "tasks", sum[0]);
    jset_int(total, "inspected", sum[1]);
    jset_int(total, "unable", sum[2]);
    jset_int(total, "closed", sum[1] + sum[2]);
    jset_int(total, "rectify", sum[3]);
    jset_int(total, "filed", sum[4]);
    jset_int(total, "publish_late", sum[5]);
    add_rates(total, sum[0], sum[1], sum[2]);
    if (e->code) {
        json_decref(rows);
        json_decref(total);
        return NULL;
    }
    return jpack("{so so}", "rows", rows, "total", total);
}

json_t *task_public_results(struct ctx *c, int64_t plan_id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT t.seq, d.name, t.inspected_on, t.outcome,"
                                  " t.published_on, w.due_on FROM task t JOIN draw_pool d"
                                  " ON d.plan_id = t.plan_id AND d.entity_id = t.entity_id"
                                  " LEFT JOIN wf_deadline w ON w.kind = 'task'"
                                  " AND w.object_id = t.id AND w.name = 'publish'"
                                  " WHERE t.plan_id = ? AND t.state = 'published' ORDER BY t.seq",
                                  "i", plan_id);
    if (!st) return NULL;
    json_t *arr = json_array();
    while (db_step(st, e) == DB_ROW) {
        const char *pub = db_text(st, 4), *due = db_text(st, 5);
        json_array_append_new(arr, jpack("{sI ss ss ss? ss sb}", "seq", (json_int_t)db_int(st, 0),
                                         "name", db_text(st, 1), "inspected_on", db_text(st, 2),
                                         "outcome_label", task_outcome_label(db_text(st, 3)),
                                         "published_on", pub, "late",
                                         due && pub && strcmp(pub, due) > 0));
    }
    db_done(st);
    if (e->code) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"task",
     "抽查任务",
     true,
     "id",
     {{"plan_id", "draw_plan", REF_ID},
      {"agency_id", "agency", REF_ID},
      {"entity_id", "entity", REF_ID},
      {"inspection_id", "inspection", REF_ID},
      {"avoid", "officer", REF_LIST},
      {"prev_team", "officer", REF_LIST}}},
    {"task_officer",
     "任务检查组",
     false,
     "task_id, officer_id",
     {{"task_id", "task", REF_ID}, {"officer_id", "officer", REF_ID}}},
};

const struct law_area law_area_tasks = {"tasks", tables, countof(tables), NULL, 0, &task_workflow};
