/* case_service.h — the service (送达) of a case's documents, 行政处罚法 第六十一条: the decision
 * is handed to the party on the spot or, the party being absent, served within 7 working days
 * by a method of 民事诉讼法 (直接, 留置, 邮寄, 电子 with the party's consent and 确认书, 公告);
 * each service is recorded (the step serve, declared in case.c; table case_service, migration
 * 048) and kept as its 送达回执. */
#ifndef LANDUN_CASE_SERVICE_H
#define LANDUN_CASE_SERVICE_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* [S] 第六十一条; 卫生健康行政处罚程序规定: served within 7 working days of the decision. */
#define CASE_SERVE_DAYS 7
#define CASE_SERVE_BASIS                                                                                                                         \
    "《行政处罚法》第六十一条：当事人不在场的，行政机关应当在七日（工作日）内依照民事诉讼法的有关" \
    "规定，将行政处罚决定书送达当事人"

/* The 送达期限 the decision (decide, decide_none) opens: the agency's duty, not a party window. */
extern const struct wf_deadline_rule case_deadline_serve;
/* The step's inputs, guard and effect (case.c declares the step serve from decided and
 * not_penalised; the state is unchanged). */
extern const struct wf_input case_in_serve[];
int case_guard_serve(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_serve(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
/* The services of case id, oldest first: [{"id","document_id","document_type","document_label",
 * "document_number","method","method_label","served_on","recipient","relation","place","server",
 * "witnesses","tracking_no","consent_on","channel","failed","signer","receipt_on","note",
 * "late","decision"}] (new reference); NULL on error. */
json_t *case_services_json(struct ctx *c, int64_t id, struct err *e);
/* What case_get adds (after the history): "services" (case_services_json) and, once the
 * decision opened it, "serve_deadline" (the 送达期限 as wf_history shows it). 0 or an error. */
int case_service_read(struct ctx *c, int64_t id, json_t *cas, struct err *e);
/* The label of a method of service (direct → 直接送达), or NULL. */
const char *case_service_method_label(const char *code);

#endif
