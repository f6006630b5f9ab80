/* case_fixture.h — the fixture of the penalty case tests (the unit and HTTP tests of law/case*.c,
 * evidence.c and preservation*.c). */
#ifndef LANDUN_TEST_CASE_FIXTURE_H
#define LANDUN_TEST_CASE_FIXTURE_H

#include "support.h"
#include "law/case.h"

/* What cf_setup made: the clinic 康宁诊所 of 320412 and three medical officers (o3's certificate
 * expired on 2026-06-30); the user "officer" is o1; the user "legal" is lawyer (officer 8, holding
 * 法律职业资格). */
extern struct case_fixture {
    int64_t clinic, o1, o2, o3, lawyer;
} CF;

/* The harness at 2026-12-20 09:00 with the fixture; a cmocka setup. */
int cf_setup(void **state);
/* cf_setup with the harness at instant instead (for a test's own setup). */
int cf_setup_at(void **state, const char *instant);
/* Officer n of 320412 for the medical line, certificate valid until expires. */
int64_t cf_officer(struct harness *h, int n, const char *expires);
/* A case of the clinic from an inspection: received, act on act. */
struct case_input cf_sample(const char *received, const char *act);
/* in registered by "officer" (fails the test when refused). */
int64_t cf_intake(struct harness *h, struct case_input in);
/* "a,b" (static buffer). */
const char *cf_team(int64_t a, int64_t b);
/* "officer" proposes 立案 with officers on date. */
int cf_propose(struct harness *h, int64_t id, const char *officers, const char *date,
               struct err *e);
/* in registered, proposed on proposed by "officer" with officers 1 and 2 and, unless approved is
 * NULL, filed (立案): approved by "leader" on approved. Fails the test when a step is refused. */
int64_t cf_filed(struct harness *h, struct case_input in, const char *proposed,
                 const char *approved);
/* cf_filed with the investigators officers ("a,b"). */
int64_t cf_filed_with(struct harness *h, struct case_input in, const char *officers,
                      const char *proposed, const char *approved);
/* The end of the investigation (调查终结) as "officer" proposes it. */
struct cf_end {
    const char *on;    /* the day concluded */
    const char *item;  /* the penalty item's id (cf_item, cf_item_plain) */
    const char *level; /* the baseline's level, or NULL */
    const char *types; /* the penalty types proposed (警告、罚款) */
    const char *fine;  /* the fine in 元, or NULL */
    const char *why;   /* outside_reason: why outside the baseline's range, or NULL */
    bool major;        /* a major case (集体讨论) */
};
/* The case team's deliberation (合议) of case id on day, by officers 1, 2 and 4 (made on first
 * use), hosted by officer 1, with conclusion (penalise, no_penalty, investigate); cf_deliberate
 * fails the test when refused. cf_conclude_as deliberates (penalise) on its day first. */
int cf_deliberate_as(struct harness *h, int64_t id, const char *day, const char *conclusion,
                     struct err *e);
void cf_deliberate(struct harness *h, int64_t id, const char *day);
int cf_conclude_as(struct harness *h, int64_t id, const struct cf_end *end, struct err *e);
/* "officer" gives the prior notice (事先告知) of case id on day (fails the test when refused). */
void cf_notify(struct harness *h, int64_t id, const char *day);
/* cf_filed's case concluded as end says and notified on notified (fails the test when refused). */
int64_t cf_notified(struct harness *h, struct case_input in, const char *proposed,
                    const char *approved, const struct cf_end *end, const char *notified);
/* The id of the user username as text (a ring of 4 static buffers). */
const char *cf_user(struct harness *h, const char *username);
/* A penalty item (warning and a fine of 500–30,000 元) with its baseline in force from today:
 * 一般 500–5,000, 严重 5,000–30,000, made once; its id as text (static buffer). */
const char *cf_item(struct harness *h);
/* A penalty item without a baseline (warning and a fine of 500–30,000 元 under 《医疗机构管理
 * 条例》第二十八条、第四十八条), made once; its id as text (static buffer). */
const char *cf_item_plain(struct harness *h);
/* A penalty item of 公共场所 (WJ-CF-101: warning or a fine of 50–5,000 元) for the summary
 * procedure, made once; its id as text (static buffer). */
const char *cf_summary_item(struct harness *h);
/* "officer" concludes the investigation on 2026-12-20 proposing types and fine under item. */
int cf_conclude(struct harness *h, int64_t id, const char *item, const char *level,
                const char *types, const char *fine, const char *why, struct err *e);
/* A case of the clinic filed on 11-04, concluded (警告、罚款 3,000 元 proposed) and notified on
 * 12-14, the party waiving its statement in writing that day, and decided by "leader" on 12-15
 * with types (codes: "warning,fine") and fine (元, or NULL): the path of test_case_decision. */
int64_t cf_decided(struct harness *h, const char *types, const char *fine);
/* cf_decided's path for the case in (its party and facts as the test needs them). */
int64_t cf_decided_in(struct harness *h, struct case_input in, const char *types, const char *fine);
/* "officer" serves the case's latest document of type directly on day (送达回执), with a
 * recording of the service (cf_record). */
void cf_serve(struct harness *h, int64_t id, const char *type, const char *day);
/* "officer" attaches a recording (a small scan, taken at 00:00 of day) to part of case id
 * ('step:<id>', 'evidence:<id>'): what closing asks of each key step [R-CASE-114]. Its id. */
int64_t cf_record(struct harness *h, int64_t id, const char *part, const char *day);
/* "officer" records a payment of amount 元 of the fine at the bank on day. */
void cf_pay(struct harness *h, int64_t id, const char *amount, const char *day);
/* "leader" closes case id (结案) on day with a summary and, unless NULL, the lawful ground with
 * its facts and the 抄送 lines; cf_close closes a decided, executed case without either and fails
 * the test when refused. */
int cf_close_as(struct harness *h, int64_t id, const char *day, const char *ground,
                const char *copies, struct err *e);
void cf_close(struct harness *h, int64_t id, const char *day);

#endif
