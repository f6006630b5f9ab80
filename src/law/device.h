/* device.h — the registry of enforcement devices (执法装备: 执法记录仪, 移动执法终端 …): each
 * numbered within its agency, assigned to an officer or pooled, with the history of who held it
 * on which days, so that a recording can be checked against its device (docs/devices.md). */
#ifndef LANDUN_DEVICE_H
#define LANDUN_DEVICE_H

#include <jansson.h>
#include "base/date.h"
#include "law/ctx.h"

/* Kinds and statuses as {code, label} pairs ending with {NULL, NULL}, for forms and filters. */
extern const char *const device_kinds[][2];
extern const char *const device_statuses[][2];
/* The label of a kind (执法记录仪) or status (在用), or NULL for an unknown code. */
const char *device_kind_label(const char *kind);
const char *device_status_label(const char *status);
/* The measure word a count of kind takes (台, 支 for 录音笔). */
const char *device_kind_unit(const char *kind);

/* Fields of a new or edited device, as strings from a form, JSON or the CLI. */
struct device_input {
    const char *agency_code; /* 所属机构 (new devices); blank: the actor's agency */
    const char *kind;        /* a code of device_kinds (new devices) */
    const char *number;      /* 设备编号 (new devices) */
    const char *model;       /* 品牌型号 */
    const char *status;      /* active | repair (a change to retired is device_retire) */
    const char *note;        /* 备注 */
    int64_t version;         /* edits: the version the user saw (0: do not check) */
};

/* Register a device, pooled and in use (status ignored); *id gets its id. */
int device_add(struct ctx *c, const struct device_input *in, int64_t *id, struct err *e);
/* Change a device's model, note and status (active or repair). */
int device_update(struct ctx *c, int64_t id, const struct device_input *in, struct err *e);
/* Assign device id to officer_id from day on (YYYY-MM-DD, not after today): the officer must be
 * active and of the device's agency. */
int device_assign(struct ctx *c, int64_t id, int64_t officer_id, const char *on, struct err *e);
/* Take device id back into the pool from day on. */
int device_unassign(struct ctx *c, int64_t id, const char *on, struct err *e);
/* Retire device id for reason (required): it leaves its holder and is never used again. */
int device_retire(struct ctx *c, int64_t id, const char *reason, struct err *e);

/* One device in the actor's scope with "history" (its assignment periods, newest first); NULL and
 * ERR_NOTFOUND otherwise. Caller frees. */
json_t *device_get(struct ctx *c, int64_t id, struct err *e);

/* List filters; NULL or blank: any. */
struct device_query {
    const char *kind, *status; /* codes */
    int64_t officer_id;        /* held by this officer; 0: any */
    const char *q;             /* fragment of the number or the model */
    int page, per_page;        /* 1-based page */
};
/* Devices in the actor's scope, newest first, as {"rows", "more", "page", "per_page", "total"}.
 * Caller frees. */
json_t *device_list(struct ctx *c, const struct device_query *q, struct err *e);

/* The devices of the subtree of the agency with agency_code (blank: the actor's; one outside the
 * scope is refused as the field "agency", agency_scope_of) by kind and status: {"kinds": [{"kind",
 * "label", "unit", "active", "repair", "retired", "in_service"}], "in_service", "retired",
 * "summary": "执法记录仪20台、移动执法终端39台…"}, in_service counting those not retired and the
 * summary the kinds that have any. Caller frees. */
json_t *device_counts(struct ctx *c, const char *agency_code, struct err *e);

/* The active officers device id may be assigned to (its agency's), as [{"code", "label"}] for a
 * select; NULL on error. Caller frees. */
json_t *device_assignable(struct ctx *c, int64_t id, struct err *e);

/* May officer_id record with device_id on day? 0 when the device is in the actor's scope and
 * belongs to agency_id, it is not retired, and on that day it was assigned to officer_id or to
 * nobody (a pooled device); else ERR_INVALID with a field error on "device_id" in Chinese naming
 * why (设备已报废 / 该设备当日配发给某某，不是记录人 / 设备不属于本机关 / 设备不存在). */
int device_check_use(struct ctx *c, int64_t device_id, int64_t officer_id, int64_t agency_id,
                     day_t day, struct err *e);

/* The active devices officer_id may use today (assigned to them, or pooled in their agency) as
 * [{"id", "kind", "kind_label", "number", "model"}] for a form's select; NULL and ERR_NOTFOUND
 * when the officer is outside the actor's scope. Caller frees. */
json_t *device_options(struct ctx *c, int64_t officer_id, struct err *e);

#endif
