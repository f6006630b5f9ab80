/* case_internal.h — what case.c's step declarations take from the other files of the case area
 * (not for other areas: law/case.h is). */
#ifndef LANDUN_CASE_INTERNAL_H
#define LANDUN_CASE_INTERNAL_H

#include "law/case.h"
#include "law/power.h"

/* case_proposal.c: the end of the investigation (调查终结) with the penalty proposed. */
json_t *case_item_choices(struct ctx *c, int64_t id);
json_t *case_type_choices(struct ctx *c, int64_t id);
int case_guard_conclude(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_conclude(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);

/* case_notice.c: the prior notice and the party's waiver. */
int case_guard_notify(struct ctx *c, int64_t id, const struct wf_args *a, struct err *e);
int case_effect_notify(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);
int case_effect_waive(struct ctx *c, int64_t id, struct wf_args *a, struct err *e);

/* case.c: registration's parts, which the summary procedure shares. */
/* The entity named (in scope: its name into *name), or the party described (in->party_name). */
int case_resolve_party(struct ctx *c, const struct case_input *in, int64_t *entity,
                       const char **name, struct err *e);
/* The record the case came from (in->source, in->source_id), in the actor's scope, or 0. */
int case_resolve_source(struct ctx *c, const struct case_input *in, int64_t *source_id,
                        struct err *e);
/* The officers of the actor's scope who may enforce today: [{"code","label"}] (new reference). */
json_t *case_enforcers_today(struct ctx *c);
/* Insert the case as registered (待立案) on day; *id is set. */
int case_insert(struct ctx *c, const struct case_input *in, int64_t agency, int64_t source_id,
                int64_t entity, const char *party, const char *day, int64_t *id, struct err *e);

/* case_proposal.c: a penalty of a penalty item of the power list the actor may apply, within
 * its legal terms (第三十八条), from the inputs item, types and fine of a (field errors on them).
 * Used by the proposal and by the summary procedure. */
struct case_penalty {
    int64_t item;                /* power_item.id */
    char types[POWER_TYPES_MAX]; /* canonical comma list of type codes */
    bool has_fine;               /* types hold a fine */
    int64_t fine;                /* fen, when has_fine */
};
int case_penalty_check(struct ctx *c, const struct wf_args *a, struct case_penalty *out,
                       struct err *e);

/* case_summary.c: what a case read adds for the summary procedure (place, decision). */
int case_summary_read(struct ctx *c, int64_t id, json_t *o, struct err *e);

#endif
