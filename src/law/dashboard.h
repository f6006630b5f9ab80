/* dashboard.h — the figures on the start page. */
#ifndef LANDUN_DASHBOARD_H
#define LANDUN_DASHBOARD_H

#include <jansson.h>
#include "law/ctx.h"

/* Counts in the actor's scope: entities (by status and line), officers, certificates expiring
 * within 30 days or expired. Caller owns the result. */
json_t *dashboard_summary(struct ctx *c, struct err *e);

#endif
