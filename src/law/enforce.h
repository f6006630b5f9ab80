/* enforce.h — the one definition of who may carry out an enforcement act together: at least two
 * officers who may enforce on its date (行政处罚法 第四十二条). The inspection's officers, a plan's
 * team size and a drawn team all check against it; an officer's own standing (certificate in
 * force, active) is officer_standing_ok (law/officer.h). */
#ifndef LANDUN_ENFORCE_H
#define LANDUN_ENFORCE_H

#include "law/ctx.h"
#include "base/date.h"

#define ENFORCE_MIN_OFFICERS 2 /* [R-INSP-01] 第四十二条: 执法人员不得少于两人 */
#define ENFORCE_MIN_RULE     "执法须由两名以上持有效执法证的执法人员进行（《行政处罚法》第四十二条）"

/* The officers of a comma list of ids (a form's checkboxes) into ids, at most n and distinct:
 * the count, or -1 with a message naming them as who (承办人员) for the field "officers". */
int enforce_parse_officers(const char *list, const char *who, int64_t *ids, int n, struct err *e);
/* The same, with the messages for field. */
int enforce_parse_officers_as(const char *list, const char *field, const char *who, int64_t *ids,
                              int n, struct err *e);
/* Whether officer_id is on the 回避 list of entity_id (第四十三条) into *on; false for entity 0. */
int enforce_on_avoid_list(struct ctx *c, int64_t entity_id, int64_t officer_id, bool *on,
                          struct err *e);
/* Why officer_id may not take part, on date, in an act against entity_id (0: a party not in the
 * registry): 1 with *why (a Chinese reason) when barred — unknown (or, when scoped, outside the
 * actor's scope), no standing to enforce on date (第四十二条; not checked when date is 0), or on
 * the entity's 回避 list (第四十三条); 0 when free; a negative error. *name gets the officer's name
 * when known. */
int enforce_bar(struct ctx *c, int64_t officer_id, int64_t entity_id, day_t date, bool scoped,
                const char **name, const char **why, struct err *e);

#endif
