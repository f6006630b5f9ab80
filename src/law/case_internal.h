/* case_internal.h — what case.c's step declarations take from the other files of the case area
 * (not for other areas: law/case.h is). */
#ifndef LANDUN_CASE_INTERNAL_H
#define LANDUN_CASE_INTERNAL_H

#include "law/case.h"

/* case_proposal.c: the end of the investigation (调查终结) with the penalty proposed. */
json_t *case_item_choices(struct ctx *c, int64_t id);
json_t *case_type_choices(struct ctx *c, int64_t id);
int case_guard_conclude(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_conclude(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);

/* case_notice.c: the prior notice and the party's waiver. */
int case_guard_notify(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_notify(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_effect_waive(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);

/* case.c: [R-CASE-05] refused (ERR_FORBIDDEN, the message naming what) when the actor proposed
 * case id's 立案 or investigates it: what a leader approves stays apart from who handles it.
 * Callers: the case's own approvals, preservation.c. */
int case_guard_apart(struct ctx *c, int64_t id, const char *what, struct err *e);

#endif
