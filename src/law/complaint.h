/* complaint.h — complaints and reports from the public (投诉举报), through the shared workflow
 * (law/workflow.h):
 *
 *   received 待受理 ─ accept ─→ accepted 已受理 ─ assign ─→ handling 办理中 ─ verify ─→ verified
 *   已核实 ─ reply ─→ replied 已答复 ─ close ─→ closed 已办结 (─ rate: satisfaction)
 *   received ─ refuse ─→ refused 不予受理 · ─ transfer ─→ transferred 已转办 · ─ merge ─→ merged
 *
 * 受理 is decided within the 受理期限 counted from receipt, and the matter handled (answered)
 * within the 办理期限 counted from 受理; both are settings (law/setting.h) with the defaults
 * below. The complainant's identity and contact are sealed (base/crypto.h) and shown only to the
 * user who took the complaint in or decided on it and to its handler; a complaint about an
 * officer is neither assigned to nor shown to that officer. */
#ifndef LANDUN_COMPLAINT_H
#define LANDUN_COMPLAINT_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"
#include "law/document.h"

/* Defaults of the settings complaint.decide_days and complaint.handle_days: calendar days, by the
 * periods 信访工作条例 sets for the same acts (第二十三条: whether accepted, within 15 days;
 * 第三十四条: handled within 60 days of 受理). Provinces set their own. */
#define COMPLAINT_DECIDE_DAYS  15
#define COMPLAINT_DECIDE_BASIS "参照《信访工作条例》第二十三条（15日内告知是否受理），可调整"
#define COMPLAINT_HANDLE_DAYS  60
#define COMPLAINT_HANDLE_BASIS "参照《信访工作条例》第三十四条（受理之日起60日内办结），可调整"
/* Submissions from the public site per address and day (setting public.submissions_per_day). */
#define COMPLAINT_PUBLIC_PER_DAY 5
/* Possible duplicates: the same entity or party within this many days. */
#define COMPLAINT_DUPLICATE_DAYS 30

extern const struct workflow complaint_workflow;

/* A complaint as it is taken in. */
struct complaint_input {
    const char *agency_code;   /* the receiving agency; blank: the actor's */
    const char *channel;       /* catalog complaint_channels */
    const char *received_on;   /* YYYY-MM-DD; blank: today */
    const char *line;          /* catalog lines */
    const char *matter;        /* catalog complaint_matters */
    const char *summary;       /* what is complained of */
    const char *entity_id;     /* a registry entity, or blank */
    const char *party_name;    /* a party not in the registry (无证行医) */
    const char *party_address; /*   and where */
    const char *officer_cert;  /* the 执法证号 of an officer complained about, or blank */
    bool anonymous;            /* no identity given */
    const char *name;          /* the complainant: 姓名 */
    const char *phone;         /*   联系电话 */
    const char *id_number;     /*   身份证号 */
    const char *address;       /*   联系地址 */
    const char *external_no;   /* the 12345 work order's or sending body's number */
};

/* Check every field of a complaint to take in; 0, or ERR_INVALID with the fields' messages. */
int complaint_check(const struct complaint_input *in, struct err *e);
/* Take a complaint in (a clerk: the actor; the public: the system actor, channel online).
 * Checks every field, seals the complainant, numbers it, starts the 受理期限. *id and *tracking
 * (arena) are set. ERR_CONFLICT when external_no was taken in before on this channel. */
int complaint_add(struct ctx *c, const struct complaint_input *in, int64_t *id,
                  const char **tracking, struct err *e);

/* One complaint in the actor's scope: its fields, labels, actions, history and deadlines, the
 * complainant when the actor may see it ("complainant"; else "complainant_hidden": true), and
 * the possible duplicates. */
json_t *complaint_get(struct ctx *c, int64_t id, struct err *e);
/* Its records as their documents see them (law/document.h): who may read a kept document and
 * who may see the complainant it names. */
extern const struct doc_owner complaint_documents;

/* The public view of the complaint with this tracking code: number, dates, state, the reply once
 * given (a merged complaint's from the one it was merged into), and whether it may be rated.
 * Never who complained or who handles it. ERR_NOTFOUND for an unknown code. */
json_t *complaint_track(struct ctx *c, const char *code, struct err *e);
/* The complainant's satisfaction from the public page (satisfied | fairly | dissatisfied). */
int complaint_rate_public(struct ctx *c, const char *code, const char *satisfaction, struct err *e);
/* Whether ip may submit once more today (public.submissions_per_day), recording it when it
 * may: 1 yes, 0 no, or an error. */
int complaint_public_quota(struct ctx *c, const char *ip, struct err *e);

/* List filters. */
struct complaint_query {
    const char *state;        /* a state, "open" (not final), "overdue", or NULL */
    const char *channel;      /* or NULL */
    const char *line;         /* or NULL */
    bool mine;                /* assigned to the actor */
    const char *q;            /* number or a fragment of the summary / party */
    const char *from, *to;    /* received in [from, to], or NULL */
    const char *matter;       /* or NULL */
    const char *result;       /* or NULL */
    const char *satisfaction; /* or NULL */
    const char *agency_code;  /* a subtree of the actor's, or NULL */
    int page, per_page;
};
json_t *complaint_list(struct ctx *c, const struct complaint_query *q, struct err *e);

/* A period of the figures: complaints received in [from, to] (YYYY-MM-DD) by the subtree of
 * agency_code (blank: the actor's). */
struct complaint_period {
    const char *from, *to;
    const char *agency_code;
};
/* The figures of a period, for the statistics page and the annual report: {"from","to","total",
 * "by_channel","by_line","by_matter","by_result","by_state","by_satisfaction": [{code, label,
 * count}], "rates": {accepted, closed, decided, decided_on_time, handled, handled_on_time, rated,
 * pleased, closure_rate, decide_on_time_rate, handle_on_time_rate, satisfaction_rate}}. */
json_t *complaint_stats(struct ctx *c, const struct complaint_period *p, struct err *e);

/* Labels (NULL for an unknown code). */
const char *complaint_result_label(const char *code);
const char *complaint_measure_label(const char *code);
const char *complaint_satisfaction_label(const char *code);

#endif
