/* disclosure.h — information disclosure requests (依申请公开) under 政府信息公开条例 (2019),
 * through the shared workflow (law/workflow.h):
 *
 *   registered 办理中 ─ request_correction ─→ correcting 待补正 ─ correct ─→ registered (the
 *   答复期限 counted again from the correction) · ─ abandon ─→ abandoned 视为放弃申请
 *   registered ─ extend ─→ registered (once, ≤ 20 working days, the head's approval)
 *   registered ─ consult (a third party; its 15 working days) | consult_agency (another body)
 *   ─→ consulting 征求意见中 ─ consulted ─→ registered (the days between not counted)
 *   registered ─ answer_<type> ─→ answered 已答复 (the answer document; the request closed)
 *
 * It is answered within 20 working days of receipt (第三十三条), extended once by at most 20
 * working days with the head's approval; a request for correction is made once, within 7 working
 * days of receipt, and the period runs again from the corrected request (第三十条); the time of a
 * third-party or other-agency consultation is not counted (第三十四条), and a third party has 15
 * working days to give its opinion (第三十二条): the time not counted ends with them at the latest.
 * The applicant is sealed (base/crypto.h) and shown only to who registered it, who took a step on
 * it, and who may answer it in the agency that received it. */
#ifndef LANDUN_DISCLOSURE_H
#define LANDUN_DISCLOSURE_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"
#include "law/document.h"

/* 第三十三条: answered within this many working days of receipt. */
#define DISCLOSURE_ANSWER_DAYS  20
#define DISCLOSURE_ANSWER_BASIS "《政府信息公开条例》第三十三条：收到申请之日起20个工作日内予以答复"
/* 第三十三条: one extension of at most this many working days. */
#define DISCLOSURE_EXTEND_MAX 20
/* 第三十条: correction asked for, once, within this many working days of receipt. */
#define DISCLOSURE_CORRECTION_DAYS 7
/* 第三十二条: a third party gives its opinion within this many working days of receiving the
 * request for it; past them the agency decides without it. */
#define DISCLOSURE_THIRD_PARTY_DAYS 15
#define DISCLOSURE_THIRD_PARTY_BASIS                                                               \
    "《政府信息公开条例》第三十二条：第三方自收到征求意见书之日起15个工作日内提出意见"

extern const struct workflow disclosure_workflow;

/* A request as it is registered. */
struct disclosure_input {
    const char *agency_code; /* the receiving agency; blank: the actor's */
    const char *channel;     /* in_person | post | online | fax | email */
    const char *received_on; /* YYYY-MM-DD; blank: today */
    const char *content;     /* the information asked for */
    const char *purpose;     /* optional */
    const char *name;        /* the applicant: 姓名或者名称 */
    const char *id_number;   /*   身份证件号码 (optional) */
    const char *phone;       /*   联系电话 */
    const char *address;     /*   联系地址 (optional) */
};

/* Check every field of a request to register; 0, or ERR_INVALID with the fields' messages. */
int disclosure_check(const struct disclosure_input *in, struct err *e);
/* Register a request as the actor: checks, seals the applicant, numbers it (依申〔2026〕N号) and
 * opens the 答复期限. *id is set. */
int disclosure_add(struct ctx *c, const struct disclosure_input *in, int64_t *id, struct err *e);

/* One request in the actor's scope: fields, labels, actions, history, deadlines, documents, the
 * applicant when the actor may see it (else "applicant_hidden": true). New reference. */
json_t *disclosure_get(struct ctx *c, int64_t id, struct err *e);
/* Its records as their documents see them (law/document.h): who may read a kept document and
 * who may see the applicant it names. */
extern const struct doc_owner disclosure_documents;

/* List filters. */
struct disclosure_query {
    const char *state;       /* a state, "open" (not final), "overdue", or NULL */
    const char *answer_type; /* or NULL */
    const char *channel;     /* or NULL */
    const char *on_time;     /* "late": answered after the last day (the figures' list), or NULL */
    const char *q;           /* number or a fragment of the information asked for */
    const char *from, *to;   /* received in [from, to], or NULL */
    int page, per_page;
};
json_t *disclosure_list(struct ctx *c, const struct disclosure_query *q, struct err *e);

/* The figures of requests received in [from, to] by the actor's subtree: {"from","to","total",
 * "by_answer","by_channel","by_state": [{code,label,count}], "rates": {answered, on_time,
 * on_time_rate}}. New reference, or NULL with e filled. */
json_t *disclosure_stats(struct ctx *c, const char *from, const char *to, struct err *e);

/* Labels (NULL for an unknown code). */
const char *disclosure_channel_label(const char *code);
const char *disclosure_answer_label(const char *code);
/* The channels and the answer types as [{code,label,selected}] (new reference). */
json_t *disclosure_channel_options(const char *selected);
json_t *disclosure_answer_options(const char *selected);

#endif
