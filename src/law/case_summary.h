/* case_summary.h — the summary procedure (简易程序): a penalty decided on the spot (当场行政处罚,
 * 行政处罚法 第五十一条、第五十二条). An officer who may enforce, with at least one other
 * (第四十二条), records the decision where it was made: a 警告 and/or a fine of at most 200 元 for
 * a citizen or 3,000 元 for an organisation, applying a penalty item of the power list. The case is
 * made in the state 已作出处罚决定 (procedure summary), numbered with the 文号 of its
 * 当场行政处罚决定书 (the 当罚 sequence), which is issued and kept; the record is the decision's
 * 备案 with the agency (第五十二条第三款). */
#ifndef LANDUN_CASE_SUMMARY_H
#define LANDUN_CASE_SUMMARY_H

#include <jansson.h>
#include "law/ctx.h"

/* 第五十一条 [V]: the largest fines decided on the spot, in 元. */
#define CASE_SUMMARY_FINE_CITIZEN 200
#define CASE_SUMMARY_FINE_ORG     3000
/* 第六十七条: the fine is paid within 15 days of receiving the decision. */
#define CASE_SUMMARY_PAY_DAYS 15

/* An on-the-spot decision as the officer records it. */
struct case_summary_input {
    const char *source;        /* inspection | task | complaint | other */
    const char *source_id;     /* the inspection, task or complaint, when the source is one */
    const char *line;          /* catalog lines: the 执法类别 of the 文号 */
    const char *entity_id;     /* a registry entity in the actor's scope, or blank */
    const char *party_name;    /* the party when not in the registry */
    const char *party_kind;    /* citizen | organisation (blank with an entity: organisation) */
    const char *party_address; /* optional */
    const char *place;         /* where the act was found and the decision made */
    const char *act_on;        /* the day of the act (or of its end) */
    const char *summary;       /* the facts */
    const char *item;          /* the penalty item of the power list (power_item.id) */
    const char *types;         /* 警告 and/or 罚款: codes or labels, comma or 、 separated */
    const char *fine;          /* 元, when types hold a fine */
    const char *officers;      /* the officers present: a comma list of ids, the actor's own among
                                * them */
    const char *decided_on;    /* the day of the decision; blank: today */
};

/* The sources an on-the-spot decision may come from: [{"code","label","selected"}] (new
 * reference). */
json_t *case_summary_sources(const char *selected);
/* What the form offers: the penalty items the actor may apply and the officers who may enforce
 * today, each as [{"code","label"}] (new references). */
json_t *case_summary_items(struct ctx *c);
json_t *case_summary_officers(struct ctx *c);
/* Record an on-the-spot decision as the actor (who needs case.handle and an officer record that
 * may enforce): every field checked, the limits of 第五十一条, the item's legal terms, the
 * officers (第四十二条、第四十三条) and the limitation (第三十六条); then, in one transaction, the
 * case decided with its officers, its history's step 当场作出行政处罚决定, its 当场行政处罚决定书
 * issued and kept, and the audit row. *id is set. ERR_INVALID with field messages on a refusal. */
int case_summary_add(struct ctx *c, const struct case_summary_input *in, int64_t *id,
                     struct err *e);

#endif
