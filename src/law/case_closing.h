/* case_closing.h — the closing of a penalty case (结案): the automatic pre-closing check that
 * lists what the file lacks, each item naming the rule it comes from; the step close (declared in
 * case.c from 已作出处罚决定 and 不予行政处罚), approved by a head apart from the case once the
 * list is empty, which records the summary, the lawful ground when the decision was not carried
 * out, the 抄送 and issues the 结案报告; table case_copy and the closing columns (migration 052).
 */
#ifndef LANDUN_CASE_CLOSING_H
#define LANDUN_CASE_CLOSING_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/workflow.h"

/* [R-CASE-114] The basis of the setting case.recording_required (default 1): closing asks for a
 * recording of each key step of the case. */
#define CASE_RECORDING_BASIS                                                                       \
    "《行政处罚法》第四十七条：执法全过程记录（无执法记录设备的机关可关闭）"

/* The most 抄送 lines one closing records. */
#define CASE_COPIES_MAX 20

/* What the file of case id lacks before it may be closed, in a stable order: [{"code","message",
 * "rule","href"}] (href NULL when the page has nothing to point at). ground is the lawful ground
 * the closer gives for a decision not carried out (NULL or "": none; the case's own once closed).
 * An empty array: nothing lacks. New reference; NULL on error. */
json_t *case_closing_check(struct ctx *c, int64_t id, const char *ground, struct err *e);

/* [R-CASE-97] Whether the decision of case id was carried out, or ground is a lawful reason not
 * to carry it out that the file bears out; appends to items what is wanting. Every way a decision
 * ends (payment, service of a warning, revocation, 终结执行, referral) is decided here. 0 or an
 * error. */
int case_closing_execution_ok(struct ctx *c, int64_t id, const char *ground, json_t *items,
                              struct err *e);

/* The label of a lawful ground (revoked → 行政处罚决定被依法撤销), or NULL. */
const char *case_closing_ground_label(const char *code);

/* The step close: its inputs, its guard (who, the day, the ground's facts, the 抄送 lines), its
 * check before the move (refused while case_closing_check finds anything, the list as
 * a->details {"closing_check": [...]}), and its effect (the record and the 抄送). */
extern const struct wf_input case_in_close[];
int case_guard_close(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_before_close(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_effect_close(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);

/* What case_get adds for a decided case: "closing_check" (the list) with "closing_ok", and once
 * closed "closing" ({"closed_on","summary","ground","ground_label","ground_note","by",
 * "copies":[{"body","copied_on","how"}]}). state is the case's. 0 or an error. */
int case_closing_read(struct ctx *c, int64_t id, const char *state, json_t *cas, struct err *e);

#endif
