/* dashboard.h — the figures on the start page. */
#ifndef LANDUN_DASHBOARD_H
#define LANDUN_DASHBOARD_H

#include <jansson.h>
#include "law/ctx.h"

#define DASHBOARD_DUE_DAYS 3  /* deadlines listed when due within this many days (or passed) */
#define DASHBOARD_DUE_ROWS 12 /* at most this many of them */

/* Counts in the actor's scope: entities (by status and line), officers, certificates expiring
 * within 30 days or expired, random-check tasks waiting and overdue, correction orders overdue,
 * and the deadlines of every workflow due soon ("deadlines", see wf_deadlines). Caller owns the
 * result. */
json_t *dashboard_summary(struct ctx *c, struct err *e);

#endif
