/* petition.h — petitions (信访) under 信访工作条例 (2022), through the shared workflow
 * (law/workflow.h):
 *
 *   registered 待受理 ─ accept ─→ accepted 已受理 ─ assign ─→ handling 办理中 (─ extend: once)
 *   ─ answer ─→ answered 已答复 ─ request_review ─→ reviewing 复查中 ─ review_answer ─→ reviewed
 *   已复查 ─ request_recheck ─→ rechecking 复核中 ─ recheck_answer ─→ rechecked 已复核（终结）
 *   answered | reviewed ─ close ─→ closed 已办结 (─ rate: satisfaction)
 *   registered ─ refuse ─→ not_accepted 不予受理 · ─ transfer ─→ transferred 已转送
 *   registered ─ object ─→ objecting 异议中 ─ object_upheld ─→ returned 已退回 · ─ object_rejected
 *   ─→ registered (a matter sent by another body and not this agency's: 第二十三条)
 *   registered | accepted | handling ─ convert ─→ converted 已转为投诉举报 (linked both ways)
 *
 * Whether it is accepted is told within 15 days of receipt (第二十三条); it is handled within 60
 * days of 受理, extended once by at most 30 days with the head's approval and a notice
 * (第三十四条); 复查 is asked within 30 days of the answer and answered within 30 days
 * (第三十五条), 复核 the same (第三十六条), and a matter closed by 复核 is not accepted again.
 * A matter another body sent (转送、交办) and that is not this agency's is objected to within 5
 * working days of receipt (第二十三条). Whether the periods count calendar or working days the
 * regulation leaves unsaid: the setting petition.working_days (default calendar days).
 * The petitioner is sealed (base/crypto.h) and shown only to who registered, decided on, leads or
 * handles the petition. */
#ifndef LANDUN_PETITION_H
#define LANDUN_PETITION_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"
#include "law/document.h"

/* Defaults of the settings petition.decide_days, petition.handle_days, petition.review_days and
 * petition.recheck_days; calendar days unless petition.working_days is 1. */
#define PETITION_DECIDE_DAYS  15
#define PETITION_DECIDE_BASIS "《信访工作条例》第二十三条：收到之日起15日内书面告知是否受理"
#define PETITION_HANDLE_DAYS  60
#define PETITION_HANDLE_BASIS "《信访工作条例》第三十四条：受理之日起60日内办结"
/* 第三十四条: an extension of at most this many days, once. */
#define PETITION_EXTEND_MAX 30
/* 第三十五条、第三十六条: 复查 / 复核 asked within, and answered within, this many days. */
#define PETITION_REVIEW_DAYS   30
#define PETITION_REVIEW_BASIS  "《信访工作条例》第三十五条：收到复查请求之日起30日内提出复查意见"
#define PETITION_RECHECK_BASIS "《信访工作条例》第三十六条：收到复核请求之日起30日内提出复核意见"
#define PETITION_WORKING_BASIS "《信访工作条例》未规定按日历日或工作日计算：默认按日历日"
/* 第二十三条: a matter sent by another body and not this agency's is objected to within this
 * many working days of receipt. */
#define PETITION_OBJECT_DAYS 5
/* A 集体访: this many people or more. */
#define PETITION_GROUP_SIZE 5

extern const struct workflow petition_workflow;

/* A petition as it is registered. */
struct petition_input {
    const char *agency_code; /* the receiving agency; blank: the actor's */
    const char *form;        /* letter | visit | phone | online */
    const char *received_on; /* YYYY-MM-DD; blank: today */
    const char *content;     /* a content category (petition_content_label) */
    const char *summary;     /* what is asked or complained of */
    const char *people;      /* how many people; blank: 1 */
    const char *previous_id; /* the petition of the same matter before, or blank */
    const char *sent_by; /* the body that sent it (转送、交办), or blank: from the petitioner */
    bool anonymous;      /* online only: no identity given */
    const char *name;    /* the petitioner: 姓名 */
    const char *phone;   /*   联系电话 */
    const char *id_number; /*   身份证号 */
    const char *address;   /*   联系地址 */
};

/* Check every field of a petition to register; 0, or ERR_INVALID with the fields' messages. */
int petition_check(const struct petition_input *in, struct err *e);
/* Register a petition as the actor: checks every field, seals the petitioner, numbers it
 * (信访〔2026〕N号) and starts the 受理告知 period. *id is set. */
int petition_add(struct ctx *c, const struct petition_input *in, int64_t *id, struct err *e);

/* One petition in the actor's scope: fields, labels, actions, history, deadlines, documents,
 * the petitioner when the actor may see it (else "petitioner_hidden": true). */
json_t *petition_get(struct ctx *c, int64_t id, struct err *e);
/* Its records as their documents see them (law/document.h): who may read a kept document and
 * who may see the petitioner it names. */
extern const struct doc_owner petition_documents;

/* List filters. */
struct petition_query {
    const char *state;        /* a state, "open" (not final), "overdue", or NULL */
    const char *form;         /* or NULL */
    const char *content;      /* or NULL */
    const char *satisfaction; /* or NULL */
    const char *on_time;      /* "decide_late", "handle_late" (figures' lists), or NULL */
    bool mine;                /* led or handled by the actor */
    const char *q;            /* number or a fragment of the summary */
    const char *from, *to;    /* received in [from, to], or NULL */
    int page, per_page;
};
json_t *petition_list(struct ctx *c, const struct petition_query *q, struct err *e);

/* The figures of petitions received in [from, to] by the actor's subtree: {"from","to","total",
 * "group","by_form","by_content","by_state","by_satisfaction": [{code,label,count}], "rates":
 * {accepted, closed, decided, decided_on_time, handled, handled_on_time, rated, pleased,
 * closure_rate, decide_on_time_rate, handle_on_time_rate, satisfaction_rate}}. */
json_t *petition_stats(struct ctx *c, const char *from, const char *to, struct err *e);

/* Labels (NULL for an unknown code). */
const char *petition_form_label(const char *code);
const char *petition_content_label(const char *code);
const char *petition_satisfaction_label(const char *code);
/* The forms and content categories as [{code,label,selected}] (new reference). */
json_t *petition_form_options(const char *selected);
json_t *petition_content_options(const char *selected);

#endif
