/* referral.h — the referral of a case to the police (涉嫌犯罪案件移送, 行刑衔接): 行政处罚法
 * 第二十七条 and 行政执法机关移送涉嫌犯罪案件的规定 (国务院令第310号). A record of its own
 * attached to a case, with its own workflow (law/workflow.h), kind referral:
 *
 *   reported 待批准 ─ approve ─→ approved 已批准移送 ─ send ─→ sent 已移送 ─ receive ─→ received
 *   reported ─ refuse ─→ refused 不批准
 *   received ─ answer_filed ─→ filed 公安已立案 · answer_declined ─→ declined 公安不予立案
 *   declined ─ reconsider (复议, state unchanged) · filed / declined ─ close ─→ closed 已办结
 *   follow_up (后续情况) from sent, received, filed and declined, state unchanged
 *
 * An investigator of a filed case reports it (the suspected crime, the facts, the persons with
 * their ID numbers — sealed at rest, shown only to the case's investigators and the agency's
 * leaders —, the goods, the receiving public security organ); the head approves within 3 days
 * (第五条), the 涉嫌犯罪案件移送书 goes within 24 hours of the approval, the police's receipt
 * and answer (立案, or 不予立案 with the reason, 第八条) are recorded, and a 不予立案 may be taken
 * to 复议 within 3 days (第九条). While a referral is open the case is marked. */
#ifndef LANDUN_REFERRAL_H
#define LANDUN_REFERRAL_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* [S] 国务院令第310号 第五条: the head decides within 3 days of the report; the approved
 * referral goes within 24 hours; 第八条: the police decide within 3 days of receiving it;
 * 第九条: 复议 asked within 3 days of the 不予立案 notice. */
#define REFERRAL_APPROVE_DAYS    3
#define REFERRAL_SEND_DAYS       1
#define REFERRAL_ANSWER_DAYS     3
#define REFERRAL_RECONSIDER_DAYS 3
/* The most persons one referral names. */
#define REFERRAL_MAX_PERSONS 20

struct doc_owner;
extern const struct workflow referral_workflow;
/* Its documents' record: the referral as referral_for_documents reads it (persons with their
 * ID numbers under "suspects"). */
extern const struct doc_owner referral_documents;

/* A referral as it is reported. */
struct referral_input {
    const char *crime;   /* 涉嫌罪名 */
    const char *facts;   /* the facts of the suspected crime */
    const char *persons; /* one a line: 姓名｜身份证号码 */
    const char *goods; /* one a line: 名称｜规格｜数量 (or 名称｜数量); may be blank */
    const char *organ; /* 受移送的公安机关 */
    const char *reported_on; /* YYYY-MM-DD; blank: today */
};

/* The persons of text as [{"name","id_number"}] (new reference), or NULL with a message for the
 * field "persons" in e. */
json_t *referral_persons(const char *text, struct err *e);
/* Check every field of a referral to report; 0, or ERR_INVALID with the fields' messages. */
int referral_check(const struct referral_input *in, struct err *e);
/* Report a referral of case case_id as the actor (state reported): the case filed, the actor
 * one of its investigators, the day between 立案 and today. *id is set. One transaction. */
int referral_add(struct ctx *c, int64_t case_id, const struct referral_input *in, int64_t *id,
                 struct err *e);
/* Whether the actor may report a referral of case case_id now (1 or 0): the case page's form. */
int referral_may_add(struct ctx *c, int64_t case_id, struct err *e);

/* One referral in the actor's scope, with its case, persons (names; their ID numbers under
 * "suspects" only for who may see them, else "suspects_hidden": true), goods, steps,
 * deadlines, documents and actions; NULL with ERR_NOTFOUND outside the scope. */
json_t *referral_get(struct ctx *c, int64_t id, struct err *e);
/* The referrals of case case_id, oldest first: [{"id","state","state_label","crime","organ",
 * "persons_label","person_count","reported_on","sent_on","answer_label","open"}] (new reference);
 * NULL on error. The caller has checked the case's scope. */
json_t *referral_list(struct ctx *c, int64_t case_id, struct err *e);
/* The label of a police answer (filed → 立案), or NULL. */
const char *referral_answer_label(const char *code);

#endif
