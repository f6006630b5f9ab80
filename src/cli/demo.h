/* demo.h — what the parts of `landun demo` share (demo.c, demo_requests.c, demo_cases.c): acting
 * as the demo's accounts and dates counted from the demo's "now". */
#ifndef LANDUN_CLI_DEMO_H
#define LANDUN_CLI_DEMO_H

#include "law/workflow.h"

/* A date n days from the day of c's now, as text on c's arena. */
const char *demo_days_from_today(struct ctx *c, int n);
/* The demo account username loaded as who. */
int demo_actor(struct ctx *c, const char *username, struct actor *who, struct err *e);
/* c acting as the demo account user: *as is c with who (filled) as its actor. */
int demo_as(struct ctx *c, const char *user, struct actor *who, struct ctx *as, struct err *e);
/* Take step action of workflow w on matter id as the demo account user. */
int demo_step(struct ctx *c, const struct workflow *w, const char *user, int64_t id,
              const char *action, struct wf_args *a, struct err *e);

#endif
