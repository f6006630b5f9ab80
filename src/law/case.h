/* case.h — administrative penalty cases (行政处罚案件), through the shared workflow
 * (law/workflow.h). This file carries a case from 受理 to 立案:
 *
 *   registered 待立案 ─ propose ─→ proposed 立案审批中 ─ approve ─→ filed 已立案（调查中）
 *   proposed ─ send_back ─→ registered · registered | proposed ─ decline ─→ declined 不予立案
 *
 * A case is registered from its source (an inspection, a random-check task, a complaint, a
 * referral, a matter assigned from above, monitoring) and decided for 立案 within the 立案期限
 * (setting case.file_days, default 7 days of 受理: 卫生行政处罚程序 [U]). The proposal names two or
 * more investigators who may enforce and are not on the party's 回避 list (行政处罚法 第四十二条、
 * 第四十三条); a leader who neither proposed nor investigates approves it (separation of duties).
 * It is not filed when the act was discovered after the limitation of 第三十六条 (2 years; 5 when
 * it concerns life and health and caused harm). Filing draws the case's number (the 文号 its
 * decision will carry: 武卫医罚〔2026〕12号) and opens the 90 days of 第六十条 to decide. */
#ifndef LANDUN_CASE_H
#define LANDUN_CASE_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* Default of the setting case.file_days (calendar days from 受理). */
#define CASE_FILE_DAYS  7
#define CASE_FILE_BASIS "卫生行政处罚程序：受理之日起7日内决定是否立案（可调整）"
/* 第六十条: decided within 90 days of 立案. */
#define CASE_DECIDE_DAYS  90
#define CASE_DECIDE_BASIS "《行政处罚法》第六十条：自立案之日起九十日内作出行政处罚决定"
/* Default of the setting case.extend_max_days: the longest approved extension of the 90 days
 * (卫生健康行政处罚程序规定 [U]: configurable). */
#define CASE_EXTEND_MAX_DAYS  30
#define CASE_EXTEND_MAX_BASIS "《行政处罚法》第六十条：法律、法规、规章另有规定的从其规定（可调整）"
/* Default of the setting case.review_fine_yuan: a proposed fine of this many 元 or more needs a
 * legal review (第五十八条: 直接关系当事人重大权益 [U]). */
#define CASE_REVIEW_FINE_YUAN 10000
#define CASE_REVIEW_FINE_BASIS                                                                     \
    "《行政处罚法》第五十八条：直接关系当事人重大权益的须法制审核（数额可调整）"
/* Defaults of the settings case.statement_days (陈述、申辩: working days from the prior notice,
 * [U]) and case.hearing_fine_citizen_yuan / case.hearing_fine_org_yuan (较大数额罚款 of 第六十三条,
 * set by the province [U]); the hearing is asked for within 5 working days (第六十四条). */
#define CASE_STATEMENT_DAYS       3
#define CASE_STATEMENT_BASIS      "《行政处罚法》第四十五条：陈述、申辩（期限可调整）"
#define CASE_HEARING_REQUEST_DAYS 5
/* 第六十四条第（二）项: the party is told of the hearing 7 (working) days before it. */
#define CASE_HEARING_NOTICE_DAYS  7
#define CASE_HEARING_FINE_CITIZEN 5000
#define CASE_HEARING_FINE_ORG     50000
#define CASE_HEARING_FINE_BASIS   "《行政处罚法》第六十三条：较大数额罚款（按省级规定设定）"
/* Default of the setting case.discussion_min: the leaders a collective discussion needs at least
 * (第五十七条: 负责人集体讨论; the number is [U]). */
#define CASE_DISCUSSION_MIN   3
#define CASE_DISCUSSION_BASIS "《行政处罚法》第五十七条：行政机关负责人集体讨论（人数可调整）"
/* Default of the setting case.deliberation_min: the officers a deliberation (合议) needs at least
 * ([U]: 卫生行政执法文书规范's 合议记录 sets no number; three is the common practice). */
#define CASE_DELIBERATION_MIN   3
#define CASE_DELIBERATION_BASIS "卫生行政执法文书规范：合议记录（参加人数可调整）"
/* 第六十七条: the fine is paid within 15 days of receiving the decision. 第六十八条第一项: a fine
 * of at most 100 元 decided on the spot may be collected on the spot. */
#define CASE_PAY_DAYS 15
/* [V] 行政强制法 第五十四条: the court is applied to ten days after the 催告书 was served, the
 * days being working days (第六十九条); 第五十三条: within three months of the party's periods'
 * end. */
#define CASE_REMIND_DAYS    10
#define CASE_APPLY_MONTHS   3
#define CASE_SPOT_FINE_YUAN 100
/* The days after 立案 at which an open case is flagged (60, 80: before the 90 of 第六十条). */
#define CASE_WARN_DAYS  60
#define CASE_ALERT_DAYS 80
/* 第三十六条: the years within which an act must be discovered. */
#define CASE_LIMIT_YEARS        2
#define CASE_LIMIT_HEALTH_YEARS 5

struct doc_owner;
extern const struct workflow case_workflow;
/* Its documents' record (law/document.h): the case as case_get reads it; no person sealed. */
extern const struct doc_owner case_documents;
extern const struct wf_deadline_rule case_deadline_file;

/* A case as it is registered (受理). */
struct case_input {
    const char *agency_code;   /* the handling agency; blank: the actor's */
    const char *source;        /* inspection | task | complaint | referral | assigned | monitoring
                                * | other */
    const char *source_id;     /* the inspection, task or complaint, when the source is one */
    const char *line;          /* catalog lines */
    const char *entity_id;     /* a registry entity, or blank */
    const char *party_name;    /* the party when not in the registry */
    const char *party_kind;    /* citizen | organisation (blank with an entity: organisation) */
    const char *party_address; /* optional */
    const char *summary;       /* 案由 and the facts */
    const char *act_on;        /* the day of the act, or its end */
    bool harm;                 /* it concerns life and health and caused harm (5 years) */
    const char *found_on;      /* discovered; blank: the day received */
    const char *received_on;   /* 受理; blank: today */
};

/* The label of a source code (检查发现), or NULL. */
const char *case_source_label(const char *code);
/* The sources as [{"code","label","selected"}] (new reference). */
json_t *case_source_options(const char *selected);
/* Check every field of a case to register; 0, or ERR_INVALID with the fields' messages. */
int case_check(const struct case_input *in, struct err *e);
/* Register a case as the actor: checks every field and the source (in scope), and opens the
 * 立案期限. *id is set. */
int case_add(struct ctx *c, const struct case_input *in, int64_t *id, struct err *e);

/* The last day (YYYY-MM-DD into out) on which an act of act_on must be discovered to be
 * punished (第三十六条): 2 years, or 5 with harm; the corresponding day of the last year, or that
 * month's end when it has none (民法典 第二百零二条). */
int case_limit_day(const char *act_on, bool harm, char out[11]);

/* One case in the actor's scope: fields, labels, investigators, source, actions, history,
 * deadlines, documents. */
json_t *case_get(struct ctx *c, int64_t id, struct err *e);
/* The label of an outcome of an application to the court (granted, refused, completed,
 * terminated, round_ended), or NULL. */
const char *case_court_outcome_label(const char *code);
/* [R-CASE-113] Whether the execution of case id is settled (law/case_enforcement.c): nothing to
 * carry out (no penalty decided, or the decision revoked), or every amount paid (or the court's
 * enforcement ended: 不予执行, 终结执行, 终结本次执行) and every confiscated item disposed of;
 * otherwise *open lists what is still open, in Chinese (arena; "" when settled). */
int case_enforcement_settled(struct ctx *c, int64_t id, bool *settled, const char **open,
                             struct err *e);
/* The investigators of case id, [{"id","name","cert_no"}] (new reference); the case's and a
 * preservation's pages show them (case_read.c, preservation_read.c). */
json_t *case_officers_json(struct ctx *c, int64_t id, struct err *e);
/* 1 when the actor's officer investigates case id, 0 when not, negative on a database error
 * (evidence.c, preservation.c, case_proposal.c). */
int case_actor_investigates(struct ctx *c, int64_t id, struct err *e);

/* What the records attached to a case (evidence, preservation, referral, remedy) need of it. */
struct case_facts {
    int64_t agency;    /* the case's agency */
    char line[32];     /* its line */
    char state[32];    /* its state */
    char received[11]; /* 受理 day */
    char filed[11];    /* 立案 day, "" before */
    char decided[11];  /* the decision's day (处罚 or 不予处罚), "" before */
    int64_t entity;    /* the party in the registry, or 0 */
    bool summary;      /* decided on the spot (简易程序) */
    bool investigator; /* the actor's officer investigates it */
};
/* Case id in the actor's scope into *f (ERR_NOTFOUND otherwise, "案件不存在或不在您的管辖范围内").
 */
int case_facts_read(struct ctx *c, int64_t id, struct case_facts *f, struct err *e);

/* List filters. */
struct case_query {
    const char
        *state; /* a state, "open" (not final), "overdue", "long" (filed 60 days ago), or NULL */
    const char *line;      /* or NULL */
    const char *source;    /* or NULL */
    const char *procedure; /* general | summary (简易程序), or NULL */
    const char *q;         /* number, party or a fragment of the summary */
    const char *from, *to; /* received in [from, to], or NULL */
    bool mine;             /* investigated by the actor's officer */
    int page, per_page;
    /* the lists behind the figures (law/case_stats.h; docs/cases.md, Figures), or NULL */
    const char *agency;                    /* an agency's subtree (its code, in scope) */
    const char *filed_from, *filed_to;     /* 立案 in [from, to] */
    const char *decided_from, *decided_to; /* decided in [from, to] */
    const char *type;                      /* a penalty decision including this type */
    const char *severest;                  /* a penalty decision whose most severe type is this */
    const char *ground;   /* 不予行政处罚 on this ground; any; none: penalised */
    const char *reviewed; /* 1: a legal review was required; 0: not */
    const char *review;   /* a review step: pass | return | reject | any … */
    const char *review_from, *review_to; /* … taken in [from, to] */
    const char *heard_from, *heard_to;   /* a hearing held in [from, to] */
    const char *absent;                  /* 1: the party stayed away from it; 0: came */
    const char *overdue_on;              /* not decided, its 90 days ended before this day */
    const char *served; /* 1: its decision served (case_service.c); late: served after 7 days */
    const char *referred_from, *referred_to; /* referred to the police (sent) in [from, to] */
    const char *referral; /* … and the police's answer: filed | declined | pending | any */
    const char *closed_from, *closed_to; /* closed (结案) in [from, to] */
    const char *paid; /* a payment recorded: fine | confiscated | surcharge | 1 (any) */
    const char *reminded_from, *reminded_to; /* a 催告 dated in [from, to] */
    const char *applied_from, *applied_to;   /* applied to the court in [from, to] … */
    const char *applied;                   /* … late: after the three months of 第五十三条 */
    const char *outcome_from, *outcome_to; /* a court outcome dated in [from, to] … */
    const char *outcome; /* … granted | refused | completed | terminated | round_ended | any */
};
json_t *case_list(struct ctx *c, const struct case_query *q, struct err *e);

/* The cases that came from source/source_id (an inspection's page shows its case):
 * [{"id","number","state","state_label"}] (new reference). */
json_t *case_links(struct ctx *c, const char *source, int64_t source_id, struct err *e);

/* Add a case's recordings (its "recordings", as recording_list gives them: the case page reads
 * them for its own section) to its "timeline" on the days they were taken, each linking to its
 * page, a photo with its thumbnail ("thumb"). Callers: web/case.c case_show. */
void case_timeline_recordings(struct ctx *c, json_t *cas);

#endif
