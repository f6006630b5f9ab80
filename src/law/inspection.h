/* inspection.h — inspections (监督检查): one visit to an entity by at least two officers, its
 * checklist items, findings and outcome, the documents issued on the spot (现场笔录,
 * 卫生监督意见书), reinspections (复查) of correction orders, and the list of overdue corrections.
 *
 * An inspection belongs to the acting user's agency (the 执法主体 in whose name its documents are
 * issued and numbered; for the system actor, the entity's agency). Users see the inspections of
 * their agency subtree and the inspections of entities in their subtree. */
#ifndef LANDUN_INSPECTION_H
#define LANDUN_INSPECTION_H

#include <jansson.h>
#include "base/date.h"
#include "law/ctx.h"

#define INSPECTION_MAX_OFFICERS 8  /* more than this on one visit is a data entry mistake */
#define INSPECTION_DUE_SOON     3  /* corrections due within this many days are listed as near */
#define INSPECTION_MAX_ITEMS    64 /* checklist items of one inspection (a line has at most 15) */

/* One answered checklist item. */
struct inspection_item_input {
    const char *code;   /* item code from the line's checklist, e.g. MED-03 */
    const char *result; /* conform | nonconform | not_applicable */
    const char *note;   /* what was seen, optional */
};

/* Fields of a new inspection, as strings from a form, JSON or the demo. */
struct inspection_input {
    int64_t entity_id;                         /* the inspected entity */
    const char *type;                          /* routine | random | campaign | complaint |
                                                  reinspection */
    const char *line;                          /* line code: its checklist is used */
    const char *date;                          /* 检查日期 YYYY-MM-DD, not in the future */
    const char *time_from;                     /* HH:MM, optional */
    const char *time_to;                       /* HH:MM, optional, after time_from */
    const char *place;                         /* 检查地点 */
    const char *present_person;                /* 被检查人（在场人）, optional */
    const char *present_title;                 /*   their position, optional */
    const char *refused_sign;                  /* the party refused to sign: how, witnessed by
                                                  whom; blank when they signed */
    const char *officers;                      /* comma-separated officer ids, lead first */
    const struct inspection_item_input *items; /* answered checklist items */
    int nitems;                                /* entries in items */
    const char *findings;                      /* 检查发现的问题 */
    const char *outcome;                       /* pass | rectify | refer */
    const char *rectify_by;                    /* deadline of a rectify order, YYYY-MM-DD */
    const char *advice;                        /* further instructions for the advice notice */
    bool advice_notice;            /* issue a 卫生监督意见书 also when not rectify */
    int64_t checks_id;             /* reinspection: the inspection it checks */
    const char *corrected;         /* reinspection of a rectify order: "1" / "0" */
    int64_t campaign_id;           /* campaign inspection: its campaign */
    const char *off_target_reason; /* campaign: why an entity off its list */
    int64_t task_id;               /* random check: the drawn task (抽查任务) it carries out */
};

/* Record an inspection and issue its documents (现场笔录 always; 卫生监督意见书 for a rectify
 * order or when asked) in one transaction with the audit row. Every rule is checked first and
 * all field messages are returned together (ERR_INVALID); nothing is saved on any error.
 * Sets *id. */
int inspection_add(struct ctx *c, const struct inspection_input *in, int64_t *id, struct err *e);

/* One inspection in scope with its entity, officers, items (with labels and legal basis),
 * documents, the inspection it checks and the reinspection that followed; NULL + ERR_NOTFOUND
 * otherwise. Caller owns the result. */
json_t *inspection_get(struct ctx *c, int64_t id, struct err *e);

/* List filters; NULL or "" means any. */
struct inspection_query {
    int64_t entity_id;  /* or 0 */
    int64_t officer_id; /* inspections this officer took part in, or 0 */
    int64_t campaign_id;
    const char *type;
    const char *line;
    const char *outcome;
    const char *from, *to; /* inspected_on range, YYYY-MM-DD, inclusive */
    int page, per_page;    /* 1-based page */
};
/* Inspections in scope, newest first: {"rows": [...], "more": bool, "page", "per_page"};
 * NULL with e filled for a bad date filter. */
json_t *inspection_list(struct ctx *c, const struct inspection_query *q, struct err *e);

/* Correction orders (责令整改) in scope without a reinspection yet: {"overdue": [...] (deadline
 * passed, longest overdue first), "due_soon": [...] (due today or within INSPECTION_DUE_SOON
 * days)}, each row with days_overdue / days_left. Caller owns the result. */
json_t *inspection_overdue(struct ctx *c, struct err *e);

/* Counts of inspections in scope dated in [from, to] (YYYY-MM-DD; NULL for open ends):
 * {"total", "by_type": [{code,label,count}], "by_outcome": [...], "open_orders", "overdue"}. */
json_t *inspection_stats(struct ctx *c, const char *from, const char *to, struct err *e);

/* Officers in the actor's scope to choose from for an inspection on date (at most 300, own
 * agency first, by name), and for a drawn task the actor reaches (task_id > 0) its team's
 * officers of other agencies too: [{id,name,cert_no,agency,can_enforce,why,mine}], can_enforce
 * per officer_standing_ok (行政处罚法 第四十二条) and, for an entity (entity_id > 0), not on its
 * 回避 list (第四十三条); mine for the officer linked to the actor's account. New reference, or
 * NULL with e filled. */
json_t *inspection_officer_options(struct ctx *c, day_t date, int64_t entity_id, int64_t task_id,
                                   struct err *e);

/* Chinese labels of the codes, or NULL for an unknown code. */
const char *inspection_type_label(const char *type);
const char *inspection_outcome_label(const char *outcome);
const char *inspection_result_label(const char *result);
/* The codes and labels, as [{code,label}] (new reference): "types", "outcomes", "results". */
json_t *inspection_codes(const char *which);

#endif
