/* preservation.h — 证据先行登记保存 of a penalty case (行政处罚法 第五十六条): "在证据可能灭失或者
 * 以后难以取得的情况下，经行政机关负责人批准，可以先行登记保存，并应当在七个工作日内及时作出处理
 * 决定". A record of its own with its own workflow (law/workflow.h), kind preservation:
 *
 *   requested 待批准 ─ approve ─→ preserved 已先行登记保存 ─ dispose ─→ disposed 已作出处理决定
 *   requested ─ refuse ─→ refused 不予批准
 *
 * An investigator of a filed case registers it (the items: name, spec, quantity; where they are
 * kept; why the evidence may be lost); a leader who neither investigates the case nor asked for
 * it approves (证据先行登记保存决定书), which opens the 处理期限 of 7 working days; an investigator
 * makes the 处理决定 (证据先行登记保存处理决定书), late when after the 7 days. */
#ifndef LANDUN_PRESERVATION_H
#define LANDUN_PRESERVATION_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* [V] 第五十六条、第八十五条: the 处理决定 within 7 working days of the approval. */
#define PRESERVATION_DISPOSE_DAYS 7
#define PRESERVATION_DISPOSE_BASIS                                                                 \
    "《行政处罚法》第五十六条、第八十五条：先行登记保存的，应当在七日（工作日）内及时作出处理决定"
/* The most items one preservation lists. */
#define PRESERVATION_MAX_ITEMS 50

struct doc_owner;
extern const struct workflow preservation_workflow;
/* Its documents' record (law/document.h): the preservation as preservation_get reads it. */
extern const struct doc_owner preservation_documents;

/* A preservation as it is registered. */
struct preservation_input {
    /* the items, one a line: 名称｜规格｜数量 (or 名称｜数量), "|" or "｜" between the parts */
    const char *items;
    const char *place;        /* 保存地点 */
    const char *reason;       /* why the evidence may be lost or hard to obtain later */
    const char *requested_on; /* YYYY-MM-DD; blank: today */
};

/* The items of text (preservation_input.items) as [{"name","spec","quantity"}] (new reference),
 * or NULL with a message for the field "items" in e. */
json_t *preservation_items(const char *text, struct err *e);
/* Check every field of a preservation to register; 0, or ERR_INVALID with the fields' messages. */
int preservation_check(const struct preservation_input *in, struct err *e);
/* Register a preservation of case case_id as the actor, in state requested: the case filed and
 * still under investigation, the actor one of its investigators, the day between 立案 and today.
 * *id is set. One transaction with its audit row. */
int preservation_add(struct ctx *c, int64_t case_id, const struct preservation_input *in,
                     int64_t *id, struct err *e);
/* Whether the actor may register a preservation of case case_id now (1 or 0; negative on a
 * database error): the case's page shows the form then. */
int preservation_may_add(struct ctx *c, int64_t case_id, struct err *e);

/* One preservation in the actor's scope, with its case (number, party, investigators), items,
 * due day of the 处理决定, steps, deadlines, documents and actions; NULL with ERR_NOTFOUND
 * outside the scope. New reference. */
json_t *preservation_get(struct ctx *c, int64_t id, struct err *e);
/* The preservations of case case_id, oldest first: [{"id","state","state_label","items",
 * "items_label","place","requested_on","approved_on","due","overdue","late","disposal_label",
 * "disposed_on"}] (new reference); NULL on error. The caller has checked the case's scope. */
json_t *preservation_list(struct ctx *c, int64_t case_id, struct err *e);
/* The label of a 处理决定 code (return → 记录、复制、拍照后退还当事人), or NULL. */
const char *preservation_disposal_label(const char *code);

#endif
