/* agency.h — agencies (执法主体) in a tree, and their departments (科室). */
#ifndef LANDUN_AGENCY_H
#define LANDUN_AGENCY_H

#include <jansson.h>
#include "law/ctx.h"

/* Fields of a new or edited agency, as strings from a form, JSON or the CLI. */
struct agency_input {
    const char *code;          /* 机构代码, unique */
    const char *name;          /* 全称 */
    const char *short_name;    /* 简称 (one or two characters, for document numbers) */
    const char *division_code; /* 行政区划代码, 6 or 9/12 digits */
    const char *level;         /* province | city | county | other */
    const char *parent_code;   /* NULL or "" for a root */
    const char *uscc; /* 统一社会信用代码 (处罚机关 and 数据来源单位 of the 双公示 data) */
};

/* Create an agency under its parent (which must be in the actor's scope, unless the actor is the
 * system). Sets *id. ERR_CONFLICT when the code exists. */
int agency_add(struct ctx *c, const struct agency_input *in, int64_t *id, struct err *e);
/* Edit name, short name, division code and level (code and parent are fixed). */
int agency_update(struct ctx *c, int64_t id, const struct agency_input *in, struct err *e);
/* One agency in scope as a JSON object, or NULL with ERR_NOTFOUND. */
json_t *agency_get(struct ctx *c, int64_t id, struct err *e);
/* The agencies in the actor's subtree, in tree order, each with depth; JSON array. */
json_t *agency_list(struct ctx *c, struct err *e);
/* The agency with this code, in scope; 0 and sets *id and *path (arena) when found. */
int agency_find(struct ctx *c, const char *code, int64_t *id, const char **path, struct err *e);
/* The subtree a figure counts, as a LIKE pattern for agency.path (arena): that of the agency with
 * code when it is given and in the actor's scope, else the actor's (actor_scope). An agency out of
 * scope, or unknown, is refused as the field "agency". Callers: complaint_stats, case_stats,
 * case_list. */
int agency_scope_of(struct ctx *c, const char *code, const char **scope, struct err *e);
/* Path and root id of agency id (no scope check; for internal use). */
int agency_path_of(struct ctx *c, int64_t id, const char **path, int64_t *root_id, struct err *e);

/* Add a department to an agency in scope; sets *id. */
int department_add(struct ctx *c, int64_t agency_id, const char *name, int64_t *id, struct err *e);
/* Departments of agencies in scope (all when agency_id is 0); JSON array. */
json_t *department_list(struct ctx *c, int64_t agency_id, struct err *e);

/* Human label of a level code (省级, 市级, 县区级, 其他), or NULL for a bad code. */
const char *agency_level_label(const char *level);

#endif
