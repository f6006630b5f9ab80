/* task.h — random-check tasks (抽查任务): one drawn entity with its team and deadline, moved
 * through its states by the shared workflow mechanism (law/workflow.h):
 *
 *   pending 待检查 ── inspect (through an inspection) ──→ inspected 已检查 ── publish ──→ published
 * 已公示 └──────── unable (停业、关闭/注销、查无此户、其他: a recorded lawful reason) ──→ unable
 * 无法检查
 *
 * The plan's deadline is the task's 检查期限; an inspection opens the 结果公示期限 of 20 working
 * days (国发〔2019〕5号). Figures (RULES.md §4): 完成率 = inspected ÷ tasks, 完结率 = (inspected
 * + closed out with a lawful reason) ÷ tasks, where inspected counts published results too. */
#ifndef LANDUN_TASK_H
#define LANDUN_TASK_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

#define TASK_PUBLISH_DAYS 20 /* 国发〔2019〕5号: results published within 20 working days */

/* The task workflow (states, steps, deadlines). */
extern const struct workflow task_workflow;
/* The 检查期限 rule: the plan's deadline (given at the start). */
extern const struct wf_deadline_rule task_deadline_inspect;

/* Start the workflow of task id (just inserted, pending) with the plan's deadline. Call inside
 * the transaction that inserted it. */
int task_start(struct ctx *c, int64_t id, const char *deadline, struct err *e);
/* task_start for the n tasks ids of one draw (same deadline), with a few statements per few
 * hundred tasks (wf_start_many). */
int task_start_many(struct ctx *c, const int64_t *ids, size_t n, const char *deadline,
                    struct err *e);

/* Complete task id through inspection inspection_id held on date (YYYY-MM-DD) with outcome
 * (pass | rectify | refer): pending → inspected, and the 20-working-day publication deadline
 * starts. For the inspection area, inside its own transaction (a savepoint here). */
int task_complete(struct ctx *c, int64_t id, int64_t inspection_id, const char *date,
                  const char *outcome, struct err *e);
/* Close task id as 无法检查 with a reason code (suspended | closed | not_found | other; other
 * needs text) on date. */
int task_unable(struct ctx *c, int64_t id, const char *reason, const char *text, const char *date,
                struct err *e);
/* Publish the result of an inspected task (dated date, default today). */
int task_publish(struct ctx *c, int64_t id, const char *date, struct err *e);

/* Whether the actor reaches task id: its plan is of the actor's subtree, or its drawn team holds
 * an officer of it (a city or province plan that drew county officers). The system reaches all. */
int task_in_reach(struct ctx *c, int64_t id, struct err *e);

/* One task the actor reaches (task_in_reach) with its entity, plan, team, actions, history and
 * deadlines. */
json_t *task_get(struct ctx *c, int64_t id, struct err *e);

/* Task list filters. */
struct task_query {
    int64_t plan_id;    /* one plan's tasks, or 0 */
    bool mine;          /* only tasks whose team holds the actor's officer */
    const char *state;  /* or NULL */
    int page, per_page; /* 1-based page */
    bool uncounted;     /* no total (a page that knows it already: the plan's) */
};
/* The drawn entity of a task the actor reaches, as its inspectors need it on the form (id, name,
 * subtype_label, address, legal_rep, lines): reached through the task, also when the entity is
 * of another county. */
json_t *task_entity(struct ctx *c, int64_t id, struct err *e);

/* Tasks the actor reaches: {"rows": [...], "more", "page", "per_page", "total"}; each row flags an
 * overdue 检查期限 and a late or overdue publication. */
json_t *task_list(struct ctx *c, const struct task_query *q, struct err *e);

/* Figures per plan, level or line (by = "plan" | "level" | "line") for a year (0: all):
 * {"rows": [{key,label,tasks,inspected,unable,closed,completion_rate,closure_rate,rectify,
 * filed,publish_late}], "total": {...}}. */
json_t *task_stats(struct ctx *c, int year, const char *by, struct err *e);

/* Published results of a drawn plan for the public site (no login, no personal data):
 * [{seq, name, inspected_on, outcome_label, published_on, late}]. */
json_t *task_public_results(struct ctx *c, int64_t plan_id, struct err *e);

/* Labels: 停业 … for a reason code; 合格 … for an outcome; NULL for a bad code. */
const char *task_reason_label(const char *reason);
const char *task_outcome_label(const char *outcome);

#endif
