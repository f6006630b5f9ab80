/* plan.h — random-check plans (双随机抽查计划) and their draws.
 *
 * A plan names its level, year, line, the published check items it uses, the pool (a filter
 * over the registry), how many to draw, the deadline, and whose officers are drawn. It moves
 *   draft → committed: the pool is frozen as a snapshot whose SHA-256 is published with the
 *                      source of the seed (the commitment); the officers and their standing on
 *                      the plan's date are frozen too;
 *   committed → draft: the commitment is withdrawn (with a reason; it stays on the public page);
 *   committed → drawn: the seed is entered, entities and teams are drawn (law/draw.h) and stored
 *                      as tasks; anyone can recompute them (plan_verify, /public/draws/{id}).
 * The algorithm is docs/draw.md. */
#ifndef LANDUN_PLAN_H
#define LANDUN_PLAN_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/draw.h"
#include "law/workflow.h"

/* Fields of a new or edited plan, as strings from a form, JSON or the CLI. */
struct plan_input {
    const char *agency_code;    /* 计划机构; default the actor's agency */
    const char *name;           /* 计划名称 */
    const char *level;          /* national | province | city | county | joint */
    const char *year;           /* 年度 */
    const char *line;           /* professional line code */
    const char *items;          /* ids of published check items, comma-separated */
    const char *pool_subtypes;  /* entity sub-types, comma-separated (blank: any) */
    const char *pool_division;  /* 行政区划 code prefix (2–12 digits), optional */
    const char *pool_grades;    /* risk grades A,B,C,D,- (blank: any) */
    const char *pool_statuses;  /* entity statuses (blank: open) */
    const char *quota_mode;     /* count | ratio */
    const char *count;          /* 抽取数量 (count) */
    const char *ratio;          /* 抽取比例, a percentage (ratio) */
    const char *grade_ratio[4]; /* per risk grade A–D, percentages; any set → drawn per grade */
    const char *starts_on;      /* the plan's date YYYY-MM-DD */
    const char *deadline;       /* 完成期限 YYYY-MM-DD */
    const char *joint_departments; /* 联合抽查: the other departments (joint plans) */
    const char *joint_inspectors;  /* and their inspectors */
    const char *officer_agencies;  /* codes of the agencies whose officers are drawn (blank: own) */
    const char *team_size;         /* officers per task, 2–8 (blank: 2) */
    const char *officer_cap;       /* most open tasks per officer (blank/0: none) */
    const char *entity_cap;        /* random checks per entity per year and level (blank: 2) */
    int64_t version;               /* for edits: the version the user saw (0 = do not check) */
};

/* A stored plan as the draw code needs it (strings on the ctx arena). */
struct plan_rec {
    int64_t id, agency_id;                   /* the plan and its agency */
    const char *agency_path;                 /* the agency's materialised path (pool scope) */
    const char *name, *level, *line, *state; /* as stored */
    int year;                                /* 年度 */
    const char *pool_subtypes;               /* pool filter: sub-types ("" = any) */
    const char *pool_division;               /*   division prefix or NULL */
    const char *pool_grades;                 /*   risk grades ("" = any) */
    const char *pool_statuses;               /*   statuses */
    struct draw_quota quota;                 /* how many to draw */
    const char *starts_on;                   /* the plan's date */
    const char *deadline;                    /* tasks due */
    const char *officer_agencies;            /* agency ids, comma-separated */
    int team_size, officer_cap, entity_cap;  /* team rules and the annual cap */
    const char *pool_hash;                   /* commitment, or NULL before */
    const char *seed_source;                 /* announced seed source, or NULL */
    const char *seed;                        /* the seed once drawn, or NULL */
    int64_t pool_size;                       /* entities frozen */
    int64_t version;                         /* row version */
    const char *agency_name;                 /* the planning agency */
    const char *joint_departments;           /* 部门联合: the other departments, or NULL */
    const char *joint_inspectors;            /*   and their inspectors, or NULL */
    const char *warnings;                    /* the draw's warnings as JSON, or NULL */
    int64_t committed_at, drawn_at;          /* instants, 0 before */
};

/* Check a plan's fields (not the items' state, which needs the database). */
int plan_validate(const struct plan_input *in, struct err *e);
/* ERR_INVALID (field "deadline") when the plan's deadline (YYYY-MM-DD) lies before today: a plan
 * is saved and committed only while it can still be carried out. */
int plan_check_deadline(const struct ctx *c, const char *deadline, struct err *e);
/* Add a draft plan; sets *id. Items must be published and of the plan's line. */
int plan_add(struct ctx *c, const struct plan_input *in, int64_t *id, struct err *e);
/* Edit a draft plan. ERR_CONFLICT once committed. */
int plan_update(struct ctx *c, int64_t id, const struct plan_input *in, struct err *e);
/* Delete a draft plan (never committed). */
int plan_delete(struct ctx *c, int64_t id, struct err *e);
/* Load a plan in the actor's scope (or any committed/drawn plan when public); ERR_NOTFOUND. */
int plan_load(struct ctx *c, int64_t id, bool public_view, struct plan_rec *p, struct err *e);
/* One plan with its items, commitments, warnings and task counts; NULL + ERR_NOTFOUND. */
json_t *plan_get(struct ctx *c, int64_t id, struct err *e);
/* The form values of a stored plan (for editing). */
json_t *plan_form(struct ctx *c, int64_t id, struct err *e);
/* Plans in scope, newest first, optionally by year and state: {"rows": [...]}. */
json_t *plan_list(struct ctx *c, int year, const char *state, struct err *e);
/* What the pool holds now: {"pool": n, "grades": [{grade,label,count,ratio,quota}], "quota": k,
 * "officers": n, "eligible": n}. */
json_t *plan_preview(struct ctx *c, int64_t id, struct err *e);

/* Freeze the pool and the officers and publish the commitment with the seed's source
 * (ERR_INVALID for an empty pool, unpublished items or a blank source). */
int plan_commit(struct ctx *c, int64_t id, const char *seed_source, struct err *e);
/* Withdraw a commitment before the draw (reason required): back to draft. */
int plan_withdraw(struct ctx *c, int64_t id, const char *reason, struct err *e);
/* Draw with seed: entities and teams, stored as tasks in one transaction. When a team cannot be
 * formed nothing is stored: ERR_INVALID, and *problems (new reference) lists every task that
 * failed with its reason. Warnings (annual caps, repeated teams, a count above the pool) are
 * stored with the plan. */
int plan_draw(struct ctx *c, int64_t id, const char *seed, json_t **problems, struct err *e);

/* The result of recomputing a drawn plan from the database. */
struct plan_verdict {
    struct draw_verdict entities; /* the snapshot against the commitment, and the selection */
    bool teams_ok;                /* every team recomputes to the stored one */
    size_t tasks;                 /* tasks checked */
    char teams_summary[300];      /* 检查组验证通过 or the first task that differs */
    bool audit_ok;                /* the audit trail recorded this very commitment (staff view) */
    int64_t audit_id;             /* the audit row that did, 0 when none */
    char audit_summary[300];      /* what the audit row shows, in Chinese */
    bool ok;                      /* all of them */
};
/* Pack the frozen pool of committed plan id for its draw (draw_pool_pack), when it has none:
 * from its rows, once their hash matches the commitment. landun migrate (law/transfer.c) packs a
 * moved plan's pool this way: a pack holds the ids of the database it was made in. */
int plan_pool_pack(struct ctx *c, int64_t id, struct err *e);
/* Recompute plan id: snapshot hash, entity selection and teams, and find the commitment in the
 * audit trail (the row of its commit quotes the pool's hash and size; its own hash must hold).
 * public_view: any drawn plan, and the entities only (teams and the audit trail are not
 * published). */
int plan_verify(struct ctx *c, int64_t id, bool public_view, struct plan_verdict *v, struct err *e);
/* The snapshot text of a committed plan (public: no scope), appended to out. */
int plan_snapshot(struct ctx *c, int64_t id, bool public_view, struct buf *out, struct err *e);

/* The plan's fields, items, commitments and warnings as JSON (nothing personal: the public pages
 * show it too). For plan.c and plan_public.c. */
json_t *plan_json_full(struct ctx *c, const struct plan_rec *p, struct err *e);

/* The public page recomputes a drawn plan's selection on every view up to this pool size;
 * beyond it the page points to the snapshot and the checker instead. */
#define PLAN_LIVE_VERIFY_MAX 200000

/* Published plans (committed or drawn), newest first, for the public site. */
json_t *plan_public_list(struct ctx *c, struct err *e);
/* One published plan for the public site: items, commitment, seed, selection, recomputation;
 * no personal data. */
json_t *plan_public_get(struct ctx *c, int64_t id, struct err *e);

/* Label of a level code (国家级, 省级, 市级, 县区级, 部门联合), or NULL. */
const char *plan_level_label(const char *level);
/* Label of a state code (草稿, 已公布承诺, 已抽取), or NULL. */
const char *plan_state_label(const char *state);

/* A plan's states: 草稿 → 已公布承诺 (pool frozen, commitment published) → 已抽取, and back to
 * 草稿 when the commitment is withdrawn before the draw. Every step is recorded by the shared
 * workflow mechanism (law/workflow.h) with its audit row; the plan functions above do the work
 * of each step (freezing, drawing) in the same transaction. */
extern const struct workflow plan_workflow;

#endif
