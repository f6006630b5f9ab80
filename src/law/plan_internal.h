/* plan_internal.h — the work of a plan's steps, done in plan_draw.c and called by their hooks in
 * plan_steps.c; for those two files only. Each runs inside the step's transaction unless it says
 * otherwise. */
#ifndef LANDUN_PLAN_INTERNAL_H
#define LANDUN_PLAN_INTERNAL_H

#include "law/plan.h"

/* Freeze the pool of plan p: copy the matching entities into draw_pool (natural persons with
 * their names masked), read it back as the snapshot, hash it (*n lines, hash in hex) and pack it
 * for the draw (draw_pool_pack). For the commit. */
int plan_freeze_pool(struct ctx *c, const struct plan_rec *p, char hash[DRAW_HASH_HEX], int64_t *n,
                     struct err *e);
/* Freeze the officers of plan p with their standing on the plan's date (draw_officer);
 * ERR_INVALID when they cannot staff the draw whatever its seed. For the commit. */
int plan_freeze_officers(struct ctx *c, const struct plan_rec *p, struct err *e);
/* Draw the entities and teams of committed plan id with seed and store them as tasks, the seed
 * and the warnings with the plan, and the attempt; *reason (arena) says what was drawn. When a
 * team cannot be formed nothing is stored: ERR_INVALID, and *details (new reference) is
 * {"problems": [{"reason", "tasks"}]}, told by rule only. For the draw's before hook. */
int plan_draw_with_seed(struct ctx *c, int64_t id, const char *seed, json_t **details,
                        const char **reason, struct err *e);
/* Record a draw of plan id with seed refused because failed tasks could not get a team (rule: the
 * first reason), with its audit row, in a transaction of its own (the draw's was rolled back);
 * returns ERR_INVALID with e saying so, or the error that stopped the record. For the draw's
 * refused hook. */
int plan_record_refused_draw(struct ctx *c, int64_t id, const char *seed, int failed,
                             const char *rule, struct err *e);

#endif
