/* plan_steps.c — a plan's workflow: its states and steps (draft → committed → drawn, and back to
 * draft on a withdrawal), their guards and effects, and the functions that take them. The work of
 * a step (freezing the pool and officers, drawing) is plan_draw.c's (law/plan_internal.h). */
#include "base/jpack.h"
#include "law/plan_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- commit and withdraw -------------------------------------------------------------------- */

/* [R-PLAN-01] 国办发〔2024〕54号: every item must still be on the published list when the plan
 * is fixed. */
static int items_still_published(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT i.name FROM draw_plan_item pi JOIN check_list_item i"
                                  " ON i.id = pi.item_id WHERE pi.plan_id = ? AND i.published = 0",
                                  "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW)
        rc = err_set(e, ERR_INVALID, "抽查事项「%s」已撤回公布，请先修改计划", db_text(st, 0));
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* [R-PLAN-04] The plan may still be fixed: its deadline is ahead and its items still
 * published. */
static int guard_commit(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    struct plan_rec p;
    int rc = plan_load(c, id, false, &p, e);
    if (!rc && plan_check_deadline(c, p.deadline, e))
        rc = err_set(e, ERR_INVALID, "完成期限 %s 已过，请先修改计划的完成期限", p.deadline);
    return rc ? rc : items_still_published(c, id, e);
}

/* Freeze the pool and the officers and record the commitment, while the plan is a draft (the
 * committed state seals the pool: migration 014). */
static int commit_before(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *seed_source = wf_arg(a, "seed_source");
    struct plan_rec p;
    char hash[DRAW_HASH_HEX];
    int64_t n = 0;
    int rc = plan_load(c, id, false, &p, e);
    if (!rc) rc = plan_freeze_pool(c, &p, hash, &n, e);
    if (!rc && n == 0)
        rc = err_set(e, ERR_INVALID, "抽取池为空：没有符合条件的监管对象，请调整抽取范围");
    if (!rc) rc = plan_freeze_officers(c, &p, e);
    if (rc) return rc;
    if (db_exec(c->db, e,
                "UPDATE draw_plan SET pool_size = ?, pool_hash = ?, seed_source = ?,"
                " committed_at = ?, committed_by = ?, updated_at = ?, version = version + 1"
                " WHERE id = ?",
                "ittitii", n, hash, seed_source, c->now, c->who->username, c->now, id) < 0 ||
        db_exec(c->db, e,
                "INSERT INTO draw_commitment (plan_id, pool_hash, pool_size, seed_source,"
                " committed_at) VALUES (?, ?, ?, ?, ?)",
                "ititi", id, hash, n, seed_source, c->now) < 0)
        return e->code;
    a->reason = arena_printf(c->arena, "抽取池 %lld 户，SHA-256 %s，种子来源：%s", (long long)n,
                             hash, seed_source);
    return 0;
}

/* [R-PLAN-05] Back to draft: the frozen pool and officers go, the commitment stays public as
 * withdrawn. */
static int withdraw_effect(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    const char *why = a->reason;
    struct plan_rec p;
    int rc = plan_load(c, id, false, &p, e);
    if (rc) return rc;
    if (db_exec(c->db, e,
                "UPDATE draw_plan SET pool_size = NULL, pool_hash = NULL,"
                " seed_source = NULL, committed_at = NULL, committed_by = NULL,"
                " updated_at = ?, version = version + 1 WHERE id = ?",
                "ii", c->now, id) < 0 ||
        db_exec(c->db, e, "DELETE FROM draw_pool WHERE plan_id = ?", "i", id) < 0 ||
        db_exec(c->db, e, "DELETE FROM draw_pool_pack WHERE plan_id = ?", "i", id) < 0 ||
        db_exec(c->db, e, "DELETE FROM draw_officer WHERE plan_id = ?", "i", id) < 0 ||
        db_exec(c->db, e,
                "UPDATE draw_commitment SET withdrawn_at = ?, withdraw_reason = ?"
                " WHERE plan_id = ? AND withdrawn_at IS NULL",
                "iti", c->now, why, id) < 0)
        return e->code;
    a->reason = arena_printf(c->arena, "承诺 %s：%s", p.pool_hash, why);
    return 0;
}

/* ---- the draw ------------------------------------------------------------------------------- */

/* [R-PLAN-04] A draw still in time: not after the plan's deadline. */
static int guard_draw(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e)
{
    (void)a;
    struct plan_rec p;
    int rc = plan_load(c, id, false, &p, e);
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    if (!rc && strcmp(today, p.deadline) > 0)
        rc = err_set(e, ERR_CONFLICT, "计划的完成期限（%s）已过，不能再抽取", p.deadline);
    return rc;
}

/* Draw entities and teams with the seed and store them, while the plan is still committed
 * (plan_draw.c). A team that cannot be formed refuses the draw: a->details gets the problems told
 * by rule only. */
static int draw_before(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    return plan_draw_with_seed(c, id, wf_arg(a, "seed"), &a->details, &a->reason, e);
}

/* [R-DRAW-10] After a refused draw was rolled back: its attempt and seed are recorded and
 * public. */
static int draw_refused(struct ctx *c, int64_t id, struct wf_args *a, struct err *e)
{
    json_t *rules = json_object_get(a->details, "problems");
    int failed = 0;
    size_t i;
    json_t *o;
    json_array_foreach(rules, i, o)
    {
        failed += (int)json_integer_value(json_object_get(o, "tasks"));
    }
    const char *rule = json_string_value(json_object_get(json_array_get(rules, 0), "reason"));
    err_clear(e);
    return plan_record_refused_draw(c, id, wf_arg(a, "seed"), failed, rule, e);
}

/* ---- the workflow --------------------------------------------------------------------------- */

/* A plan's states and steps (plan.h: plan_workflow). */
static const struct wf_state plan_states[] = {
    {"draft", "草稿", false},
    {"committed", "已公布承诺", false},
    {"drawn", "已抽取", true},
};

static const struct wf_input commit_inputs[] = {
    {"seed_source", "种子来源", WF_TEXT, true, 200, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};
static const struct wf_input withdraw_inputs[] = {
    {"reason", "撤回理由", WF_TEXT, true, 200, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};
static const struct wf_input draw_inputs_decl[] = {
    {"seed", "随机种子", WF_TEXT, true, DRAW_SEED_MAX, NULL},
    {NULL, NULL, 0, false, 0, NULL},
};

static const struct wf_transition plan_steps[] = {
    {"draft", "commit", "committed", "公布抽取承诺", PERM_DRAW_RUN, guard_commit, NULL, NULL,
     .inputs = commit_inputs, .before = commit_before,
     .confirm = "公布后抽取池即冻结并在公示页公开，不能再修改计划。确定公布抽取承诺？"},
    {"committed", "withdraw", "draft", "撤回抽取承诺", PERM_DRAW_RUN, NULL, NULL, NULL,
     .inputs = withdraw_inputs, .effect = withdraw_effect,
     .confirm = "撤回的承诺及理由仍在公示页保留。确定撤回抽取承诺？"},
    {"committed", "draw", "drawn", "抽取", PERM_DRAW_RUN, guard_draw, NULL, NULL,
     .inputs = draw_inputs_decl, .before = draw_before, .refused = draw_refused,
     .confirm =
         "抽取结果和种子将在公示页公开，不可撤销（抽取未成功也会公开记录）。确定以该种子抽取？"},
};

const struct workflow plan_workflow = {"draw_plan",          "draw_plan", plan_states,
                                       countof(plan_states), plan_steps,  countof(plan_steps)};

/* ---- taking the steps ----------------------------------------------------------------------- */

int plan_commit(struct ctx *c, int64_t id, const char *seed_source, struct err *e)
{
    struct wf_args a = {0};
    wf_arg_set(&a, "seed_source", seed_source);
    return wf_apply(c, &plan_workflow, id, "commit", &a, NULL, e);
}

int plan_withdraw(struct ctx *c, int64_t id, const char *reason, struct err *e)
{
    struct wf_args a = {.reason = reason};
    return wf_apply(c, &plan_workflow, id, "withdraw", &a, NULL, e);
}

int plan_draw(struct ctx *c, int64_t id, const char *seed, json_t **problems, struct err *e)
{
    struct wf_args a = {0};
    wf_arg_set(&a, "seed", seed);
    int rc = wf_take(c, &plan_workflow, id, "draw", &a, NULL, e);
    *problems = json_incref(json_object_get(a.details, "problems"));
    json_decref(a.details);
    return rc;
}
