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

/* [U] the highest fine that is still 轻微 (《信用修复管理办法》 names "low fines" without a
 * figure): setting publicity.minor_fine_yuan. */
#define PUBLICITY_MINOR_FINE_YUAN 10000
#define PUBLICITY_TIER_BASIS                                                                                                                     \
    "《信用修复管理办法》：简易程序、警告、通报批评和较低数额罚款为轻微；暂扣许可、降低资质、没收" \
    "为一般；"                                                                                                                               \
    "吊销许可、限制生产经营、责令停产停业或关闭、限制从业为严重"
#define PUBLICITY_PERIOD_BASIS                                                                                                              \
    "发改委令第58号、《信用修复管理办法》：轻微不超过3个月，一般3个月至1年，严重1年至3年，自决定" \
    "之日起计算"

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
/* Queue the result of inspection id (not a random check's), inside the transaction that
 * recorded it. */
int publicity_enqueue_inspection(struct ctx *c, int64_t id, struct err *e);
/* Queue licence id as a 行政许可 decision when its first day of validity is within
 * PUBLICITY_LICENCE_RECENT days before today, inside the transaction that recorded it. */
int publicity_enqueue_licence(struct ctx *c, int64_t id, struct err *e);
/* A licence first valid this many days before it is recorded or more is history, not queued. */
#define PUBLICITY_LICENCE_RECENT 30

/* The decision of case case_id was changed, revoked or found illegal on day (reason says how):
 * its item is withheld when still queued, marked to withdraw within 3 working days of day when
 * published. */
int publicity_decision_changed(struct ctx *c, int64_t case_id, const char *day, const char *reason,
                               struct err *e);

/* List filters (staff and public). */
struct publicity_query {
    const char *state;     /* staff: a state, or NULL */
    const char *kind;      /* penalty | no_penalty | licence | inspection, or NULL */
    const char *agency;    /* an agency's code: its subtree */
    const char *line;      /* public: a line, or NULL */
    const char *from, *to; /* decided in [from, to] */
    const char *overdue;   /* staff: "1": its open deadline has passed */
    const char *late;      /* staff: "1": published or withdrawn late, or overdue */
    const char *q;         /* a fragment of the heading (party, 文号) */
    int page, per_page;
};

/* One item in the actor's scope: its row, "data" as published, "fields" in the kind's order
 * ([{"key","label","value"}]), its repairs, steps, deadlines and the actions the actor may take;
 * NULL (ERR_NOTFOUND) out of scope. */
json_t *publicity_get(struct ctx *c, int64_t id, struct err *e);
/* The queue in the actor's scope, soonest due first: a page object (law/paging.h). */
json_t *publicity_search(struct ctx *c, const struct publicity_query *q, struct err *e);
/* Set how item id's texts are published: edits {"field": "text"} replace the made texts of
 * those fields (a text equal to the made one restores it; fields not given keep their edit).
 * Audited. */
int publicity_set_mask(struct ctx *c, int64_t id, const json_t *edits, struct err *e);
/* The figures of items decided in [from, to] in the subtree of agency (a code; NULL: the
 * actor's): by state; the publish and withdraw deadlines (due, on_time, late, open, overdue,
 * rate); repairs applied, approved, refused. */
json_t *publicity_figures(struct ctx *c, const char *agency, const char *from, const char *to,
                          struct err *e);

/* The public list of published decisions (no login), newest first: a page object whose rows
 * are {"id","kind","kind_label","title","decided_on","url","doc_no","party","types","content",
 * "withdrawn",…}. */
json_t *publicity_public_list(struct ctx *c, const struct publicity_query *q, struct err *e);
/* One published item with "fields", and its approved replies; a withdrawn one only with its
 * withdrawal; NULL (ERR_NOTFOUND) for anything else. */
json_t *publicity_public_item(struct ctx *c, int64_t id, struct err *e);
/* The fields of kind in order with their values from data: [{"key","label","value","amount"}],
 * amounts in 万元 with six decimals. */
json_t *publicity_field_rows(const char *kind, const json_t *data);
/* 轻微, 一般, 严重; NULL for another code. */
const char *publicity_severity_label(const char *code);

#endif
