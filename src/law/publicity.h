/* publicity.h — enforcement publicity (行政执法公示, domain/RULES.md §3) and the 双公示 data for
 * the credit platforms. Every decision the public is to see enters a queue as a publicity item
 * (migrations/059_publicity.sql) with its own workflow, kind publicity:
 *
 *   queued 待公示 ─ publish ─→ published 已公示 ─ mark_changed (internal) ─→ to_withdraw 待撤回
 *   queued ─ withhold ─→ withheld 不予公示                  to_withdraw ─ withdraw ─→ withdrawn
 *   published ─ withdraw ─→ withdrawn 已撤回 (自行纠正)
 *   published ─ apply_repair ─→ repair_pending ─ approve_repair ─→ repaired 已信用修复
 *                                 repair_pending ─ refuse_repair ─→ published
 *
 * An item is due 7 working days after its decision (a penalty or a licence), 20 after any other
 * enforcement decision (国办发〔2018〕118号); a withdrawal 3 working days after the decision was
 * changed or revoked (行政处罚法 第四十八条). A published item is shown until max_until, the end
 * of its publication period by severity; repair may be applied for from min_until.
 *
 * What the public sees of an item is its data: the fields of publicity_fields for its kind, made
 * from the records and masked by publicity_mask, the one function every public output passes. */
#ifndef LANDUN_PUBLICITY_H
#define LANDUN_PUBLICITY_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* [S] 国办发〔2018〕118号: a penalty or licence decision within 7 working days of the decision,
 * another enforcement decision within 20; 行政处罚法 第四十八条: a withdrawal within 3. */
#define PUBLICITY_DECISION_DAYS 7
#define PUBLICITY_OTHER_DAYS    20
#define PUBLICITY_WITHDRAW_DAYS 3

extern const struct workflow publicity_workflow;

/* What a field holds, and so how an export writes it. */
enum publicity_field_type {
    PF_TEXT, /* text */
    PF_DATE, /* YYYY-MM-DD */
    PF_WAN,  /* an amount kept in 分 (integer) in data, exported in 万元 with six decimals */
};

/* One field of the 双公示 field set of a kind, in the platforms' order: key in the item's data,
 * the platform's column name. */
struct publicity_field {
    const char *key;
    const char *label;
    enum publicity_field_type type;
};

/* The fields of kind (penalty, no_penalty, licence, inspection), *n set; NULL for another. */
const struct publicity_field *publicity_fields(const char *kind, size_t *n);
/* 行政处罚决定, …; NULL for an unknown kind. */
const char *publicity_kind_label(const char *kind);

/* The SQL condition (on publicity_item aliased p) of an item the public may see on day today
 * (YYYY-MM-DD, bound twice: "tt"): published, or withdrawn (then only its withdrawal notice),
 * and within its publication period. */
#define PUBLICITY_VISIBLE                                                                          \
    "(p.state IN ('published', 'repair_pending') AND (p.max_until IS NULL OR p.max_until > ?)"     \
    " OR p.state = 'withdrawn' AND p.decided_on <= ?)"

/* [R-PUB-01] The one masking of personal information every public output uses: in data (an
 * item's fields, changed in place), of a natural person (person), the name keeps its first
 * character (张**), the ID number, phone number and address are hidden, and every text field is
 * scrubbed of the person's name and address (secrets, NULL-ended; may be NULL) and of anything
 * shaped like an ID number or a phone number. Fields of an organisation are kept, but their texts
 * are scrubbed of ID and phone numbers too (a person named in the facts). */
void publicity_mask(struct arena *a, json_t *data, bool person, const char *const *secrets);

/* Queue the decision of penalty case case_id (a penalty or a 不予行政处罚 decision), inside the
 * transaction that recorded it; an item already queued for it is left as it is. */
int publicity_enqueue_case(struct ctx *c, int64_t case_id, struct err *e);
/* The decision of case case_id was changed, revoked or found illegal (status, reason): its item
 * is withheld when still queued, marked to withdraw (3 working days) when published. */
int publicity_decision_changed(struct ctx *c, int64_t case_id, const char *reason, struct err *e);

#endif
