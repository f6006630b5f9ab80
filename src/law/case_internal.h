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

/* case_stats.c: the conditions of case_list's figure filters (agency, filed_, decided_, heard_,
 * review_ periods, procedure, type, severest, ground, reviewed, review, absent, overdue_on) into w,
 * which joins penalty_case x and agency a; 0, or the field "agency" refused. */
struct db_cond;
int case_list_figures(struct ctx *c, const struct case_query *q, struct db_cond *w, struct err *e);

#endif
