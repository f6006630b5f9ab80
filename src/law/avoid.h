/* avoid.h — 回避 (行政处罚法 第四十三条): officers who must not check an entity (a relative, a
 * former employee, a party's request granted by the head). Random draws never put them on the
 * entity's team. */
#ifndef LANDUN_AVOID_H
#define LANDUN_AVOID_H

#include <jansson.h>
#include "law/ctx.h"

/* Put officer (by id, or by certificate number when officer_id is 0) on entity's 回避 list
 * with a reason. Both must be in the actor's scope. ERR_CONFLICT when already listed. */
int avoid_add(struct ctx *c, int64_t entity_id, int64_t officer_id, const char *cert_no,
              const char *reason, struct err *e);
/* Take officer off entity's list. */
int avoid_delete(struct ctx *c, int64_t entity_id, int64_t officer_id, struct err *e);
/* The entity's list: {"entity": {id, name}, "rows": [{officer_id, officer, cert_no, reason,
 * created_by, created_on}]}; NULL + ERR_NOTFOUND outside scope. */
json_t *avoid_list(struct ctx *c, int64_t entity_id, struct err *e);

#endif
