/* workflow.h — the one mechanism that moves a matter (a random-check task, later a complaint, a
 * petition, a case) through its states.
 *
 * An area declares its workflow as data: the states, and a table of transitions (from-state,
 * action, to-state, the permission it needs, a guard that says why not, the deadline it starts
 * and the deadline it meets). wf_apply checks scope, permission and guard, moves the matter,
 * records the step, opens and closes deadlines on the working-day calendar, and writes the audit
 * row, all in one transaction (a savepoint when the caller already has one open, so an area can
 * move its matter as part of a larger action, e.g. an inspection completing its task).
 * Dashboards of near-due and overdue items read the same deadlines (wf_deadlines).
 *
 * The matter's table must have the columns id, agency_id and state. */
#ifndef LANDUN_WORKFLOW_H
#define LANDUN_WORKFLOW_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/role.h"
#include "base/date.h"

/* One state of a matter. */
struct wf_state {
    const char *code;  /* stored in the table's state column: pending */
    const char *label; /* 待检查 */
    bool final;        /* no further step (its open deadlines are closed on entering) */
};

/* A deadline a step starts: due `days` after the step's date, counted in working days
 * (行政处罚法 第八十五条 and the like) or calendar days; or, with days = 0, the date the caller
 * passes in wf_args.due (a plan's deadline). */
struct wf_deadline_rule {
    const char *name;  /* code, unique within the workflow: inspect */
    const char *label; /* 检查期限 */
    int days;          /* 0: the caller gives the date */
    bool working;      /* count working days */
    const char *basis; /* the rule it comes from: 国发〔2019〕5号 */
    /* The setting (law/setting.h) that may change days, or NULL: fixed by the rule. */
    const char *setting;
    /* The setting that says whether days are working days (1) or calendar days (0), or NULL:
     * fixed by working (信访工作条例 leaves it unsaid). */
    const char *working_setting;
    /* The party's window, not a duty of the agency (陈述、申辩期限): it runs out by itself on its
     * last day ("lapsed"), is never overdue and is left out of wf_deadlines. */
    bool party;
};

/* One allowed value of a coded input: 停业 for suspended. */
struct wf_option {
    const char *code;
    const char *label;
};

/* What an input holds, and so how it is checked and shown. */
enum wf_input_kind {
    WF_TEXT, /* free text of at most max characters */
    WF_DATE, /* YYYY-MM-DD */
    WF_CODE, /* one of options */
    WF_PICK, /* several of what choose offers now (officers who may enforce): a comma list of
              * their codes, at most max characters; the guard decides whether they may */
};

/* One input a step takes: a form field of its page and a key of its API body. The inputs named
 * date, reason, note and due fill the wf_args fields of those names; any other is read with
 * wf_arg. wf_apply checks every declared input before the guard runs. */
struct wf_input {
    const char *name;  /* field name: reason */
    const char *label; /* 原因 */
    enum wf_input_kind kind;
    bool required;
    int max;                         /* WF_TEXT: characters */
    const struct wf_option *options; /* WF_CODE: the allowed codes, ended by {NULL} */
    const char *catalog; /* WF_CODE without options: the catalogue list (law/catalog.h) of its
                          * codes: lines */
    /* WF_PICK, or WF_CODE without options: what may be chosen for matter id, as
     * [{"code","label"}] (new reference; NULL on error); the guard checks what is chosen. */
    json_t *(*choose)(struct ctx *c, int64_t id);
};

#define WF_MAX_INPUTS 16

/* Arguments of one step, from a form, JSON or another law/ function. All optional unless the
 * transition declares them required or its guard requires them. */
struct wf_args {
    const char *date;   /* the legal date of the step, YYYY-MM-DD (default: today) */
    const char *reason; /* a reason code or text (无法检查: closed, …) */
    const char *note;   /* free text recorded with the step */
    const char *due;    /* YYYY-MM-DD for a deadline rule with days = 0 */
    int64_t ref_id;     /* a related record (the inspection that completed a task) */
    /* the values of the other declared inputs, by name (a draw's seed) */
    struct {
        const char *name, *value;
    } values[WF_MAX_INPUTS];
    int nvalues;
    /* Set by the step (wf_take): what a refusal or a success has to add for the user (a draw's
     * problems: {"problems": [...]}), or NULL; the caller releases it. */
    json_t *details;
};

/* The value of input name in a: a->date for "date" (also reason, note, due), else from
 * a->values; NULL when absent. */
const char *wf_arg(const struct wf_args *a, const char *name);
/* Set input name of a to value (as wf_arg reads it); value is not copied. */
void wf_arg_set(struct wf_args *a, const char *name, const char *value);

/* The label of code among options (ended by {NULL}), or NULL when it is not one of them. */
const char *wf_option_label(const struct wf_option *o, const char *code);
/* options as [{"code","label","selected"}] for a form, selected marked (new reference). */
json_t *wf_options_json(const struct wf_option *o, const char *selected);
/* The allowed codes of a WF_CODE input as [{"code","label"}] (new reference): its options, or
 * the entries of its catalogue list. */
json_t *wf_input_options(const struct wf_input *in);
/* The legal date of a step as text: a->date, or today (arena). */
const char *wf_date(struct ctx *c, const struct wf_args *a);

/* Why a step may not be taken: 0 when it may, otherwise a negative code with e filled with a
 * Chinese message citing the rule. Guards run inside the transaction and may query. */
typedef int (*wf_guard)(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);

/* What a step does to its area's records besides moving the state: runs inside the step's
 * transaction, before or after the move (wf_transition.before, .effect) and before the step is
 * recorded; may fill a->reason and a->note (the
 * step's record) and a->details. A failure rolls the whole step back. */
typedef int (*wf_effect)(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);

/* One allowed step. */
struct wf_transition {
    const char *from;                     /* state it starts from */
    const char *action;                   /* action code: inspect */
    const char *to;                       /* state it leads to */
    const char *label;                    /* button text: 录入检查结果 */
    enum perm perm;                       /* permission the actor needs */
    wf_guard guard;                       /* who else may not, and when not: or NULL */
    const struct wf_deadline_rule *start; /* deadline this step opens, or NULL */
    const char *meets;                    /* name of the open deadline this step meets, or NULL */
    const struct wf_input *inputs;        /* what it takes, ended by {NULL}; or NULL */
    wf_effect before; /* what it does before the move, while the matter is still in `from` (a
                       * commit fills the pool its new state seals), or NULL */
    wf_effect effect; /* what else it does after the move, or NULL */
    /* Called after the rollback when effect refused the step (ERR_INVALID), to leave a trace
     * that outlives the refusal (a failed draw is public); may rewrite e. Or NULL. */
    int (*refused)(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
    const char *const *documents; /* document types it issues (law/document.h), ended by NULL */
    const char *audit;            /* audit action; NULL: "kind.action" */
    const char *confirm;          /* the question a page asks before an irreversible step */
    bool internal; /* taken only by another law/ function (a task's inspect, by an inspection):
                    * no page form, no API route of its own */
    /* The open deadline (by name) this step extends by the whole days of its input "days": its
     * period is counted again from its start with those days added (on the same calendar), and
     * the last day it had first is kept (wf_deadline.original_due_on). The area's guard decides
     * how often and how far (信访工作条例 第三十四条: once, at most 30 days). Or NULL. */
    const char *extends;
    /* The open deadline (by name) this step stops counting from its date (政府信息公开条例
     * 第三十四条: a consultation's time is not counted): wf_deadline.paused_on. A paused deadline
     * is not overdue and not listed by wf_deadlines. Or NULL. */
    const char *pauses;
    /* The paused deadline (by name) this step counts again: its last day moves by the days after
     * the pause began up to this step's date (working days on the calendar for a working-day
     * period), its period grows by as many, and the first last day is kept. When the step has
     * no reason, its reason says so. Or NULL. */
    const char *resumes;
    /* The open deadline (by name) this step ends without meeting it, because the law counts the
     * period again from a later step (政府信息公开条例 第三十条: from the receipt of the
     * corrected request): its outcome is "restart", neither met nor late, and the later step
     * opens the new one. Or NULL. */
    const char *restarts;
    /* The column of the matter's table holding the 文号 its documents carry, drawn before (a
     * case's decision carries the number the case took at 立案: law/document.h
     * document_issue_as), or NULL: each document draws its own. */
    const char *numbered;
};

/* A workflow: what an area declares once, statically. */
struct workflow {
    const char *kind;                  /* "task": audit object type and wf_step.kind */
    const char *table;                 /* the matter's table (trusted identifier) */
    const struct wf_state *states;     /* every state */
    size_t nstates;                    /* entries in states */
    const struct wf_transition *steps; /* every allowed step */
    size_t nsteps;                     /* entries in steps */
    /* A matter of another agency the actor may still act on (a city plan's task carried out by
     * county officers drawn for it), or NULL: only matters of the actor's subtree. */
    int (*reach)(struct ctx *c, int64_t id, struct err *e); /* 1, 0 or an error */
    /* The label of a step's reason code (无法检查: closed → 关闭（注销）), NULL for a code it
     * does not know; or NULL when reasons are free text. */
    const char *(*reason_label)(const char *code);
    /* What its first step is called in its history (抽取生成); NULL: 登记. */
    const char *start_label;
    /* The matter's column with its line code (the 执法类别 of a document's 文号), for steps that
     * issue documents; or NULL. */
    const char *line_column;
};

/* Record that matter id (already inserted, in state `state`) has begun: a step from "" and the
 * deadline `start` (or NULL). Call inside the transaction that inserted it. */
int wf_start(struct ctx *c, const struct workflow *w, int64_t id,
             const struct wf_deadline_rule *start, const struct wf_args *a, struct err *e);

/* Record that matter id (already inserted in the state its entry step leads to) was made by
 * that step: the transition of w named action whose from is "" (an on-the-spot penalty decision,
 * made where it is recorded). Like a step of wf_take: the permission, its effect, its record in
 * the history, the deadline it opens and the documents it issues, kept as PDFs; no audit row
 * (the caller writes it). Call inside the transaction that inserted the matter. */
int wf_enter(struct ctx *c, const struct workflow *w, int64_t id, const char *action,
             struct wf_args *a, struct err *e);

/* wf_start for the n matters ids at once (a draw's tasks): the same step and deadline rows as
 * n calls of wf_start, written with a few multi-row statements per few hundred matters. The
 * legal date and the deadline's last day are the same for all (a->date, a->due). All or none:
 * ERR_NOTFOUND when any matter is missing or out of the actor's scope. ids are distinct. */
int wf_start_many(struct ctx *c, const struct workflow *w, const int64_t *ids, size_t n,
                  const struct wf_deadline_rule *start, const struct wf_args *a, struct err *e);

/* Take action on matter id. ERR_NOTFOUND when it is not in the actor's scope, ERR_FORBIDDEN
 * without the permission, ERR_CONFLICT when the action does not apply to its current state
 * (another user moved it first), or the guard's error. On success the matter is in the new state
 * and *to (if not NULL) names it. */
int wf_apply(struct ctx *c, const struct workflow *w, int64_t id, const char *action,
             const struct wf_args *a, const char **to, struct err *e);
/* wf_apply with the step's effect able to fill a (reason, note, details): the one way every
 * page, API call and law/ function takes a declared step. The caller releases a->details. */
int wf_take(struct ctx *c, const struct workflow *w, int64_t id, const char *action,
            struct wf_args *a, const char **to, struct err *e);

/* The step named action (from any state), or NULL. */
const struct wf_transition *wf_step_named(const struct workflow *w, const char *action);

/* The actions the actor may take from state: [{"action","label","to","to_label","internal",
 * "confirm","inputs":[{"name","label","kind","required","max","options":[{"code","label"}]}]}]
 * (new reference). */
json_t *wf_actions(struct ctx *c, const struct workflow *w, int64_t id, const char *state);

/* The steps of matter id, oldest first: [{"at","date","from","action","to","username","name",
 * "note","reason","reason_label","ref_id"}], and its deadlines: [{"name","label","start","due",
 * "met","restarted","overdue","original_due","paused_on"}], as {"steps": [...], "deadlines": [...]}
 * (new reference); NULL on error. */
json_t *wf_history(struct ctx *c, const struct workflow *w, int64_t id, struct err *e);
/* The steps of wf_history alone (an area whose matters keep no deadlines). */
json_t *wf_steps(struct ctx *c, const struct workflow *w, int64_t id, struct err *e);

/* Open deadlines in the actor's scope due within `within` days of today (or overdue), across
 * every workflow, soonest first, at most limit: [{"kind","object_id","label","due","overdue"}]. */
json_t *wf_deadlines(struct ctx *c, int within, int limit, struct err *e);

/* The last day of a period of days counted from start on cal (working days, or calendar days
 * under 民法典 第二百零三条), and whether it is provisional: counted over a year whose holiday
 * notice is not loaded (domain/RULES.md §0). The one count behind every deadline a rule starts. */
int wf_count(const struct calendar *cal, int days, bool working, day_t start, day_t *due,
             bool *provisional, struct err *e);

/* Count deadlines again on cal, the calendar as the open transaction has just changed it: every
 * provisional one (day NULL: a year was loaded), or every one whose period runs over day (a single
 * day was changed). Store the new last day and mark, and audit each one that moved (seen from its
 * matter's agency). *recounted gets how many were counted; moved gets one {"id","kind",
 * "object_id","label","old_due","new_due"} per deadline that moved. */
int wf_recount(struct ctx *c, const struct calendar *cal, const char *day, int *recounted,
               json_t *moved, struct err *e);

/* The label of a state (待检查), or NULL. */
const char *wf_state_label(const struct workflow *w, const char *state);

#endif
