/* case_internal.h — what case.c's step declarations take from the other files of the case area
 * (not for other areas: law/case.h is). */
#ifndef LANDUN_CASE_INTERNAL_H
#define LANDUN_CASE_INTERNAL_H

#include "law/case.h"
#include "law/power.h"

/* case.c: the text of one column of case id (arena), or NULL (column: a trusted identifier);
 * [R-CASE-05] refused (ERR_FORBIDDEN) when the actor proposed or investigates the case. */
const char *case_text(struct ctx *c, int64_t id, const char *column, struct err *e);
int case_guard_apart(struct ctx *c, int64_t id, const char *what, struct err *e);
/* ERR_FORBIDDEN「只有本案的承办人员可以<what>」unless the actor's officer investigates case id. */
int case_guard_investigator(struct ctx *c, int64_t id, const char *what, struct err *e);
/* [R-CASE-40] 1 when a legal review passed since the case's last 调查终结 and, when a hearing was
 * held (heard), since the hearing; 0 when not; negative on a database error (case_decision.c;
 * the decision's guard and the pre-closing check). */
int case_review_passed(struct ctx *c, int64_t id, bool heard, struct err *e);
/* The last day of the party's statement and defence (the latest 陈述申辩期限) of case id, or NULL
 * (arena; case_decision.c: the decision's guard and the pre-closing check). */
const char *case_defence_due(struct ctx *c, int64_t id, struct err *e);

/* case_proposal.c: the end of the investigation (调查终结) with the penalty proposed. */
json_t *case_item_choices(struct ctx *c, int64_t id);
json_t *case_type_choices(struct ctx *c, int64_t id);
int case_guard_conclude(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_conclude(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
/* The item's legal range and the baseline version kept with the proposal, into proposal (the
 * case's "proposal" object: "legal_range", "baseline" with its levels, the chosen one marked). */
int case_baseline_json(struct ctx *c, json_t *proposal, struct err *e);
/* What case_get adds to the proposal of cas (case id), when there is one: the kept baseline
 * level's level_conditions and level_range, and review_why (第五十八条's grounds that hold). */
int case_proposal_read(struct ctx *c, int64_t id, json_t *cas, struct err *e);
/* Whether every code of the comma list list is in of. */
bool case_types_within(const char *list, const char *of);

/* case_notice.c: the prior notice and the party's waiver. */
int case_guard_notify(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_notify(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_effect_waive(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);

/* case_decision.c: the collective discussion, the decision and the decision not to penalise. */
extern const struct wf_option case_grounds[];     /* 第三十三条's grounds */
extern const struct wf_option case_conclusions[]; /* a collective discussion's conclusions */
json_t *case_condition_choices(struct ctx *c, int64_t id);
json_t *case_proposed_type_choices(struct ctx *c, int64_t id);
int case_guard_decide(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_decide(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_no_penalty(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_no_penalty(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_discuss(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_discuss(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
/* The decision of case id (when decided) as "decision" and its discussions as "discussions". */
int case_decision_json(struct ctx *c, int64_t id, json_t *o, struct err *e);
/* case.c: the legal reviewer neither investigated nor proposed the case (第五十八条); the review
 * steps after 调查终结 and after 听证 share it. */
int case_guard_reviewer(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);

/* case_statement.c: the party's statement and defence (陈述、申辩, 第四十五条) from the notice
 * to the decision, each with the investigators' review; the step's inputs, and the statements as
 * the case's JSON shows them ([{"id","stated_on","how","how_label","statement","review",
 * "review_label","review_reason","by"}], new reference; NULL on error). */
extern const struct wf_input case_in_statement[];
int case_guard_statement(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_statement(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
json_t *case_statements_json(struct ctx *c, int64_t id, struct err *e);

/* case_deliberation.c: the case team's deliberation (合议) before 调查终结; the step's inputs,
 * whether the case may end its investigation (case_guard_deliberated, for case_guard_conclude),
 * and the deliberations as the case's JSON shows them ([{"held_on","host","recorder",
 * "participants","facts","opinions","conclusion","conclusion_label","note"}], new reference;
 * NULL on error). */
extern const struct wf_input case_in_deliberate[];
int case_guard_deliberate(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_deliberate(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_deliberated(struct ctx *c, int64_t id, struct err *e);
json_t *case_deliberations_json(struct ctx *c, int64_t id, struct err *e);

/* case_execution.c: carrying out the decision (第六十六条至第七十三条). case_execution_open: the
 * decision received on received_on (its service; the day of an on-the-spot decision) opens it,
 * once: the fine falls due in 15 days, and a decision without a fine or confiscation is carried
 * out. The pay and defer steps' inputs, guards and effects; case_execution_json adds
 * "execution" to the case once it is open. */
int case_execution_open(struct ctx *c, int64_t id, const char *received_on, struct err *e);
extern const struct wf_input case_in_pay[], case_in_defer[];
int case_guard_pay(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_pay(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_defer(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_defer(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_execution_json(struct ctx *c, int64_t id, json_t *o, struct err *e);
void case_execution_actions(struct ctx *c, int64_t id, json_t *actions);
/* What case id owes on a day: amounts in 分 still owed (the 加处罚款 counted through the day),
 * whether a part is past its last day unpaid (a fine's part, or the amount confiscated after
 * the 15 days), and executed_on (arena, or NULL). received_on NULL: not yet received. */
struct case_owed {
    const char *received_on, *executed_on;
    int64_t fine, surcharge, confiscated;
    bool overdue;
};
int case_execution_owed(struct ctx *c, int64_t id, const char *day, struct case_owed *out,
                        struct err *e);
/* One payment of the ledger (case_payment): kind fine | confiscated | surcharge, how bank | spot |
 * court. */
struct case_payment {
    const char *kind, *day, *how, *receipt_no, *handed_in_on, *note;
    int64_t amount; /* 分 */
};
/* Keep p and settle the case on its day (case_execution_settle). */
int case_payment_record(struct ctx *c, int64_t id, const struct case_payment *p, struct err *e);
/* The case executed (executed_on = day) once it was received, nothing is owed on day and every
 * confiscated item is disposed of; executed_on cleared when something is open again. */
int case_execution_settle(struct ctx *c, int64_t id, const char *day, struct err *e);

/* case_enforcement.c: the 催告, the application to the people's court and its outcome, the
 * confiscated goods and their disposal (行政强制法 第五十三条、第五十四条; 行政处罚法 第七十四条).
 * The steps' inputs, guards and effects; the enforcement of case id as "enforcement" into o;
 * its steps dropped from actions when they cannot be taken; the goods not yet disposed of. */
extern const struct wf_deadline_rule case_deadline_enforce;
extern const struct wf_input case_in_remind[], case_in_apply_court[], case_in_court_outcome[],
    case_in_add_goods[], case_in_dispose_goods[];
int case_guard_remind(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_remind(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_apply_court(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_before_apply_court(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_effect_apply_court(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_court_outcome(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_court_outcome(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_add_goods(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_add_goods(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_dispose_goods(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_dispose_goods(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_enforcement_json(struct ctx *c, int64_t id, json_t *o, struct err *e);
void case_enforcement_actions(struct ctx *c, int64_t id, json_t *actions);
/* case_goods.c: the confiscated goods; the number not yet disposed of; the list as the case
 * shows it (new reference); their steps dropped from actions when they cannot be taken. */
int case_goods_undisposed(struct ctx *c, int64_t id, int64_t *n, struct err *e);
json_t *case_goods_json(struct ctx *c, int64_t id, struct err *e);
void case_goods_actions(struct ctx *c, int64_t id, json_t *actions);

/* case_hearing.c: how the party made a request or a statement: 书面 written, 口头 oral. */
extern const struct wf_option case_how[];
/* case_hearing.c: the hearing (听证): the party's request, the hearing set, held and recorded by
 * its chair, the request withdrawn; the inputs of each step, and the hearing as the case's JSON
 * shows it ({"requested_on","how","on","time","place","chair_id","chair_name","publicity",
 * "heard_on","absent",…}, new reference; NULL when the party never asked). */
extern const struct wf_input case_in_request_hearing[], case_in_set_hearing[],
    case_in_hold_hearing[], case_in_withdraw_hearing[];
json_t *case_chair_choices(struct ctx *c, int64_t id);
int case_guard_request_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_request_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_set_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_set_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_hold_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_hold_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_guard_withdraw_hearing(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_withdraw_hearing(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
json_t *case_hearing_json(struct ctx *c, int64_t id, struct err *e);
/* Drop from actions (wf_actions of case id) the hearing's record unless the actor chairs it. */
void case_hearing_actions(struct ctx *c, int64_t id, json_t *actions);
/* case.c: registration's parts, which the summary procedure shares. */
/* The entity named (in scope: its name into *name), or the party described (in->party_name). */
int case_resolve_party(struct ctx *c, const struct case_input *in, int64_t *entity,
                       const char **name, struct err *e);
/* The record the case came from (in->source, in->source_id), in the actor's scope, or 0. */
int case_resolve_source(struct ctx *c, const struct case_input *in, int64_t *source_id,
                        struct err *e);
/* The officers of the actor's scope who may enforce today: [{"code","label"}] (new reference). */
json_t *case_enforcers_today(struct ctx *c);
/* Insert the case as registered (待立案) on day; *id is set. */
int case_insert(struct ctx *c, const struct case_input *in, int64_t agency, int64_t source_id,
                int64_t entity, const char *party, const char *day, int64_t *id, struct err *e);

/* case_proposal.c: a penalty of a penalty item of the power list the actor may apply, within
 * its legal terms (第三十八条), from the inputs item, types and fine of a (field errors on them).
 * Used by the proposal and by the summary procedure. */
struct case_penalty {
    int64_t item;                /* power_item.id */
    char types[POWER_TYPES_MAX]; /* canonical comma list of type codes */
    bool has_fine;               /* types hold a fine */
    int64_t fine;                /* fen, when has_fine */
};
int case_penalty_check(struct ctx *c, const struct wf_args *a, struct case_penalty *out,
                       struct err *e);

/* case_summary.c: what a case read adds for the summary procedure (place, decision). */
int case_summary_read(struct ctx *c, int64_t id, json_t *o, struct err *e);

/* case_timeline.c: the case's events by day as "timeline" ([{"date","kind","title","detail",
 * "href"}]), from the steps, deadlines, documents, evidence, preservations and hearing already in
 * cas (so last in case_get). */
void case_timeline(struct ctx *c, json_t *cas);

/* case_stats.c: the conditions of case_list's figure filters (agency, filed_, decided_, heard_,
 * review_ periods, procedure, type, severest, ground, reviewed, review, absent, overdue_on) into w,
 * which joins penalty_case x and agency a; 0, or the field "agency" refused. */
struct db_cond;
int case_list_figures(struct ctx *c, const struct case_query *q, struct db_cond *w, struct err *e);

#endif
