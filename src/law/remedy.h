/* remedy.h — remedies against a penalty decision (domain/RULES.md §7): 行政复议 (行政复议法 2023)
 * and 行政诉讼 (行政诉讼法 2017), each a record of its own attached to a decided case, with its
 * own workflow (law/workflow.h), kind remedy:
 *
 *   received 待答复 ─ answer ─→ answered 已答复（答辩） ─ decide_outcome ─→ ended 已审结
 *   received ─ decide_outcome ─→ ended (withdrawn before the answer)
 *   received / answered ─ appear ─→ the same (a hearing of a litigation: 出庭应诉)
 *
 * The agency's legal staff (case.review) register it when they receive the copy of the
 * application or the complaint: the party's period is checked (60 days to apply for 复议, 6
 * months to sue, 15 days after a 复议决定, an appeal 15 days after a judgment or 10 after a
 * ruling) and the agency's answer's period opens (复议: 10 working days, 5 under the simplified
 * procedure; 诉讼: 15 days). The outcome (撤销, 变更, 确认违法) marks the case's decision. */
#ifndef LANDUN_REMEDY_H
#define LANDUN_REMEDY_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* [V] 行政复议法 第二十条: apply within 60 days of knowing the act. */
#define REMEDY_APPLY_DAYS 60
/* [V] 行政诉讼法 第四十六条: sue within 6 months of knowing the act. */
#define REMEDY_SUE_MONTHS 6
/* [V] 行政诉讼法 第四十五条: sue within 15 days of receiving the 复议决定书. */
#define REMEDY_AFTER_DAYS 15
/* [V] 行政诉讼法 第八十五条: appeal within 15 days of a judgment being served, 10 of a ruling. */
#define REMEDY_APPEAL_JUDGMENT_DAYS 15
#define REMEDY_APPEAL_RULING_DAYS   10
/* [V] 行政复议法 第四十八条、第五十四条、第八十八条: the answer within 10 working days of
 * receiving the copy, 5 under the simplified procedure; 行政诉讼法 第六十七条: the 答辩状 and
 * the evidence within 15 days. */
#define REMEDY_ANSWER_DAYS            10
#define REMEDY_ANSWER_SIMPLIFIED_DAYS 5
#define REMEDY_DEFENCE_DAYS           15

struct doc_owner;
extern const struct workflow remedy_workflow;
/* Its documents' record (law/document.h): the remedy as remedy_get reads it. */
extern const struct doc_owner remedy_documents;

/* A remedy as it is registered: texts as a form or a JSON body gives them. */
struct remedy_input {
    const char *kind;        /* reconsideration | litigation */
    const char *appeal_of;   /* an appeal: the id of the first-instance litigation; blank: none */
    const char *known_on;    /* the day the party knew (blank: remedy_known_default) */
    const char *filed_on;    /* the day the party applied / sued */
    const char *received_on; /* the day the agency received the copy */
    const char *simplified;  /* "1": 复议 under the simplified procedure */
    const char *body;        /* 复议机关 / 人民法院 */
    const char *applicant;   /* 申请人 / 原告 / 上诉人 */
    const char *claims;      /* 复议请求 / 诉讼请求 (optional) */
    const char *ref_no;      /* the body's case number (optional) */
};

/* Check the fields of in by themselves; 0, or ERR_INVALID with the fields' messages. */
int remedy_check(const struct remedy_input *in, struct err *e);
/* Register a remedy of case case_id as the actor (one transaction with its audit row): the case
 * decided, the periods of the party (R-CASE-81, 82, 87), 复议前置 and the order of 复议 and 诉讼
 * (R-CASE-83), the days in order (R-CASE-89); opens the answer's period (R-CASE-84). *id set. */
int remedy_add(struct ctx *c, int64_t case_id, const struct remedy_input *in, int64_t *id,
               struct err *e);
/* Whether the actor may register a remedy of case case_id now (1 or 0; negative on a database
 * error): the case's page shows the form then. */
int remedy_may_add(struct ctx *c, int64_t case_id, struct err *e);
/* The day the party knew what a new remedy of kind on case case_id challenges, as the form
 * offers it (arena): an appeal's first instance's end, a reconsideration's end a litigation
 * follows, else the decision's day; NULL when the case is not decided. */
const char *remedy_known_default(struct ctx *c, int64_t case_id, const char *kind,
                                 int64_t appeal_of, struct err *e);

/* The last day of the party's period (YYYY-MM-DD into out) counted from known on cal:
 * what is "reconsideration" (60 days), "litigation" (6 months: the corresponding day, that
 * month's end when it has none), "after" (15 days after a 复议决定), "judgment" (15) or
 * "ruling" (10: an appeal); a last day on a rest day moves to the next working day. */
int remedy_period_due(const struct calendar *cal, const char *what, const char *known,
                      char out[DATE_STRLEN], struct err *e);

/* The labels of the codes: kind, outcome, the ending document (instrument), decision_status. */
const char *remedy_kind_label(const char *code);
const char *remedy_outcome_label(const char *code);
const char *remedy_instrument_label(const char *code);
const char *remedy_status_label(const char *code);
/* Whether an outcome corrects the decision (撤销, 变更, 确认违法): 纠错. */
bool remedy_corrects(const char *outcome);

/* One remedy in the actor's scope, with its case, answer, hearings, deadlines, documents and
 * actions; NULL with ERR_NOTFOUND outside the scope. New reference. */
json_t *remedy_get(struct ctx *c, int64_t id, struct err *e);
/* The remedies of case case_id, oldest first (new reference); NULL on error. The caller has
 * checked the case's scope. */
json_t *remedy_list(struct ctx *c, int64_t case_id, struct err *e);

/* The filters of the list of remedies (/remedies) and of its figures. */
struct remedy_query {
    const char *agency;     /* an agency code of the actor's subtree, or NULL */
    const char *kind;       /* reconsideration | litigation */
    const char *outcome;    /* an outcome, "corrected" (纠错), "ended" or "pending" */
    const char *ended_from; /* ended in [from, to] */
    const char *ended_to;
    const char *heard_from; /* with a hearing in [from, to] */
    const char *heard_to;
    const char *head; /* "1": a hearing where the head appeared in person */
    int page, per_page;
};
/* One page of remedies in the actor's scope (paging.h), newest first; NULL with e filled. */
json_t *remedy_search(struct ctx *c, const struct remedy_query *q, struct err *e);

/* The figures of remedies over [from, to] in the subtree of agency_code (blank: the actor's):
 * each kind's remedies ended in the period by outcome, the 纠错率 (revoked + changed + confirmed
 * illegal over ended) and the 负责人出庭应诉率 (litigations with a hearing in the period where
 * the head appeared, over those with a hearing); each count with "list", the query of /remedies
 * behind it. New reference, or NULL with e filled (fields from, to, agency). */
json_t *remedy_stats(struct ctx *c, const char *from, const char *to, const char *agency_code,
                     struct err *e);

#endif
