/* discretion.h — the discretion baselines (行政处罚裁量基准) of penalty items: circumstance levels
 * (轻微/一般/较重/严重 …), each with its conditions and its part of the item's legal range,
 * published on the public site (行政处罚法 第三十四条).
 *
 * A baseline is versioned. A version takes effect on its date and is kept unchanged once in
 * force; a change is a new version, taking effect on a later date. A case decided on a day keeps
 * the version in force that day: discretion_version_on. */
#ifndef LANDUN_DISCRETION_H
#define LANDUN_DISCRETION_H

#include <jansson.h>
#include "base/date.h"
#include "law/ctx.h"
#include "law/power.h"

#define DISCRETION_MAX_LEVELS 6 /* levels of one version at the most */

/* One level as text. */
struct discretion_level_input {
    const char *name;               /* 档次: 轻微, 一般 … */
    const char *conditions;         /* 适用情形 */
    const char *penalty;            /* 裁量标准 in words; optional */
    struct power_terms_input terms; /* its types and range, within the item's */
};

/* A version as text. */
struct discretion_input {
    const char *effective_on; /* YYYY-MM-DD; blank: today */
    const char *source;       /* 制定文件及文号; optional */
    struct discretion_level_input levels[DISCRETION_MAX_LEVELS];
    int nlevels; /* levels given, in order of severity (blank trailing rows dropped) */
};

/* One level, checked. */
struct discretion_level {
    const char *name, *conditions, *penalty;
    struct power_terms terms;
};

/* Check a version's levels against the item's terms ([R-POW-02], [R-POW-03]) without saving;
 * field messages under level<N>_<field> (N from 1). out (DISCRETION_MAX_LEVELS) gets the levels.
 * Returns e->code. */
int discretion_validate(const struct discretion_input *in, const struct power_terms *item,
                        struct discretion_level *out, struct err *e);
/* Add a version to penalty item item_id of the actor's subtree, taking effect on its date (today
 * or later, after every version the item has: [R-POW-05]); *version_id gets its id. */
int discretion_add(struct ctx *c, int64_t item_id, const struct discretion_input *in,
                   int64_t *version_id, struct err *e);
/* Replace the date, source and levels of a version not yet in force ([R-POW-04]). */
int discretion_update(struct ctx *c, int64_t item_id, int64_t version_id,
                      const struct discretion_input *in, struct err *e);

/* [R-POW-06] The id of the version of item_id in force on day: the latest one whose effective
 * date is on or before it; 0 when none is. Returns 0 or a negative error. Callers: the item's
 * pages, the public list, and the cases that keep the version in force when decided. */
int discretion_version_on(struct db *db, int64_t item_id, day_t day, int64_t *version_id,
                          struct err *e);
/* The baseline in force for item_id on date (YYYY-MM-DD; NULL: today), as discretion_versions'
 * entries, or json null when none is; NULL on error (ERR_NOTFOUND for an item the actor cannot
 * see, ERR_INVALID for a bad date). */
json_t *discretion_in_force(struct ctx *c, int64_t item_id, const char *date, struct err *e);
/* Every version of item_id, newest first: [{id, number, effective_on, source, state (in_force,
 * superseded, scheduled), state_label, levels: [{position, name, conditions, penalty, terms
 * (power_terms_json)}]}]. The item's visibility is the caller's to check. NULL on error. */
json_t *discretion_versions(struct ctx *c, int64_t item_id, struct err *e);
/* Whether every version of item_id in force today or to come lies within terms ([R-POW-02]),
 * and, when the item is to be no longer a penalty item (!penalty), that it has no baseline at
 * all. When not, ERR_INVALID with a message naming the version under field. */
int discretion_fits(struct ctx *c, int64_t item_id, const struct power_terms *terms, bool penalty,
                    const char *field, struct err *e);

#endif
