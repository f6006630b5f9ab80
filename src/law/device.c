/* device.c — the registry of enforcement devices (执法装备): registering, editing, assigning and
 * retiring a device, and whether an officer may record with one on a day (device_check_use).
 * Reading lists, figures and choices: device_read.c. */
#include "law/device.h"
#include "law/area.h"
#include "law/audit.h"
#include "law/agency.h"
#include "law/field.h"

#include <string.h>

const char *const device_kinds[][2] = {{"recorder", "执法记录仪"}, {"terminal", "移动执法终端"},
                                       {"voice", "录音笔"},        {"camera", "照相机"},
                                       {"laptop", "笔记本电脑"},   {"printer", "便携式打印机"},
                                       {"other", "其他"},          {NULL, NULL}};

const char *const device_statuses[][2] = {
    {"active", "在用"}, {"repair", "维修"}, {"retired", "报废"}, {NULL, NULL}};

/* The label of code in a {code, label} table ending with {NULL, NULL}, or NULL. */
static const char *label_of(const char *const (*table)[2], const char *code)
{
    for (; code && table[0][0]; table++)
        if (strcmp(table[0][0], code) == 0) return table[0][1];
    return NULL;
}

const char *device_kind_label(const char *kind)
{
    return label_of(device_kinds, kind);
}

const char *device_status_label(const char *status)
{
    return label_of(device_statuses, status);
}

const char *device_kind_unit(const char *kind)
{
    return kind && strcmp(kind, "voice") == 0 ? "支" : "台";
}

static day_t today(const struct ctx *c)
{
    return date_from_instant(c->now);
}

/* ---- reading a device for a change ---------------------------------------------------------- */

/* What a change needs to know of a device. */
struct device_now {
    int64_t agency_id;      /* its agency */
    int64_t officer_id;     /* its holder, 0 when pooled */
    int64_t version;        /* for the optimistic check */
    const char *status;     /* active | repair | retired (arena) */
    const char *number;     /* 设备编号 (arena) */
    const char *holder;     /* the holder's name, or NULL (arena) */
    const char *note;       /* 备注 (arena) */
    const char *last_day;   /* the first day of its latest assignment period, or NULL (arena) */
    const char *retired_on; /* the day it was retired, or NULL (arena) */
};

#define DEVICE_NOW_SQL                                                                             \
    "SELECT d.agency_id, d.officer_id, d.version, d.status, d.number, o.name, d.note, a.path,"     \
    " (SELECT MAX(x.from_day) FROM device_assignment x WHERE x.device_id = d.id), d.retired_on"    \
    " FROM device d JOIN agency a ON a.id = d.agency_id"                                           \
    " LEFT JOIN officer o ON o.id = d.officer_id WHERE d.id = ?"

/* Device id as it is now into *d; ERR_NOTFOUND ("设备不存在") when there is none in the actor's
 * scope: to the actor it does not exist. [R-AUTH-06] */
static int device_read(struct ctx *c, int64_t id, struct device_now *d, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, DEVICE_NOW_SQL, "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW && actor_sees_path(c->who, db_text(st, 7))) {
        struct arena *a = c->arena;
        *d = (struct device_now){
            .agency_id = db_int(st, 0),
            .officer_id = db_null(st, 1) ? 0 : db_int(st, 1),
            .version = db_int(st, 2),
            .status = arena_strdup(a, db_text(st, 3)),
            .number = arena_strdup(a, db_text(st, 4)),
            .holder = db_null(st, 5) ? NULL : arena_strdup(a, db_text(st, 5)),
            .note = arena_strdup(a, db_text(st, 6)),
            .last_day = db_null(st, 8) ? NULL : arena_strdup(a, db_text(st, 8)),
            .retired_on = db_null(st, 9) ? NULL : arena_strdup(a, db_text(st, 9)),
        };
        rc = 0;
    } else if (rc >= 0) {
        rc = err_set(e, ERR_NOTFOUND, "设备不存在");
    }
    db_done(st);
    return rc;
}

/* Commit when rc is 0, else roll back; returns the result. */
static int finish(struct ctx *c, int rc, struct err *e)
{
    if (!rc) return db_commit(c->db, e);
    db_rollback(c->db);
    return rc;
}

/* ---- registering and editing ---------------------------------------------------------------- */

static void validate_text(const struct device_input *in, struct err *e)
{
    field_text(in->model, "model", "品牌型号", false, 60, e);
    field_text(in->note, "note", "备注", false, 200, e);
}

/* The agency of a new device: the one named (in scope), else the actor's. */
static int agency_of(struct ctx *c, const char *code, int64_t *id, struct err *e)
{
    if (str_blank(code)) {
        *id = c->who->agency_id;
        return *id ? 0 : err_field(e, "agency", "请选择所属机构");
    }
    if (!agency_find(c, code, id, NULL, e)) return 0;
    if (e->code != ERR_NOTFOUND) return e->code;
    err_clear(e);
    return err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", code);
}

int device_add(struct ctx *c, const struct device_input *in, int64_t *id, struct err *e)
{
    if (!device_kind_label(in->kind)) err_field(e, "kind", "请选择设备种类");
    field_text(in->number, "number", "设备编号", true, 40, e);
    validate_text(in, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t agency_id = 0;
    rc = agency_of(c, in->agency_code, &agency_id, e);
    if (!rc)
        rc = db_get_int(c->db, e, id,
                        "INSERT INTO device (agency_id, kind, number, model, note, created_at,"
                        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        "ittttii", agency_id, in->kind, in->number, in->model ? in->model : "",
                        in->note ? in->note : "", c->now, c->now);
    if (rc == ERR_CONFLICT) {
        /* [R-DEV-01] a device number is registered once within an agency (the unique index
         * device_agency_number refuses a second); PostgreSQL wants the rollback first */
        db_rollback(c->db);
        err_clear(e);
        return err_field(e, "number", "本机关已登记设备编号 %s", in->number);
    }
    if (!rc)
        rc = audit_write(c, "device.create", "device", *id, "登记执法装备 %s %s",
                         device_kind_label(in->kind), in->number);
    return finish(c, rc, e);
}

/* The status an edit leaves: blank keeps the current one. [R-DEV-03] a retired device stays
 * retired, and retiring is device_retire's, with its reason. */
static const char *status_after(const struct device_now *d, const char *want, struct err *e)
{
    if (str_blank(want)) return d->status;
    if (!device_status_label(want)) {
        err_field(e, "status", "状态应为在用或维修");
    } else if (strcmp(d->status, "retired") == 0 && strcmp(want, "retired") != 0) {
        err_field(e, "status", "设备已报废，不能恢复使用");
    } else if (strcmp(d->status, "retired") != 0 && strcmp(want, "retired") == 0) {
        err_field(e, "status", "报废请使用“报废”操作并写明原因");
    }
    return want;
}

int device_update(struct ctx *c, int64_t id, const struct device_input *in, struct err *e)
{
    validate_text(in, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    struct device_now d;
    rc = device_read(c, id, &d, e);
    if (!rc && in->version && in->version != d.version)
        rc = err_set(e, ERR_CONFLICT, "该记录已被他人修改，请刷新后重新编辑");
    const char *status = rc ? NULL : status_after(&d, in->status, e);
    if (!rc) rc = e->code;
    if (!rc) {
        int64_t n = db_exec(c->db, e,
                            "UPDATE device SET model = ?, note = ?, status = ?, updated_at = ?,"
                            " version = version + 1 WHERE id = ?",
                            "tttii", in->model ? in->model : "", in->note ? in->note : "", status,
                            c->now, id);
        rc = n < 0 ? (int)n : 0;
    }
    if (!rc)
        rc = audit_write(c, "device.update", "device", id, "修改执法装备 %s（%s）", d.number,
                         device_status_label(status));
    return finish(c, rc, e);
}

/* ---- assignment ----------------------------------------------------------------------------- */

/* [R-DEV-02] a device goes only to an active officer of its own agency. The officer's name into
 * *name (arena). */
static int check_holder(struct ctx *c, const struct device_now *d, int64_t officer_id,
                        const char **name, struct err *e)
{
    struct db_stmt *st = db_query(
        c->db, e, "SELECT agency_id, status, name FROM officer WHERE id = ?", "i", officer_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *name = arena_strdup(c->arena, db_text(st, 2));
        if (db_int(st, 0) != d->agency_id)
            err_field(e, "officer_id", "只能配发给本机关的执法人员");
        else if (strcmp(db_text(st, 1), "active") != 0)
            err_field(e, "officer_id", "%s 不在岗，不能配发", *name);
        rc = e->code;
    } else if (rc >= 0) {
        rc = err_field(e, "officer_id", "执法人员不存在");
    }
    db_done(st);
    return rc;
}

/* [R-DEV-03] nothing is assigned to or taken back from a retired device. */
static int not_retired(const struct device_now *d, struct err *e)
{
    if (strcmp(d->status, "retired") != 0) return 0;
    return err_set(e, ERR_CONFLICT, "设备 %s 已报废，不能配发或收回", d->number);
}

/* [R-DEV-04] the history is only added to: a change is dated no later than today and no earlier
 * than the device's latest change. */
static int check_day(struct ctx *c, const struct device_now *d, const char *on, struct err *e)
{
    return field_day_in(on, "on", today(c), d->last_day, "该设备上一次配发或收回的日期", e);
}

/* Close the open period of device id on day (its last day) and, unless officer_id is -1, open
 * the next from day for officer_id (0: pooled); make the device say so. */
static int move_device(struct ctx *c, int64_t id, int64_t officer_id, const char *day,
                       struct err *e)
{
    if (db_exec(c->db, e,
                "UPDATE device_assignment SET to_day = ? WHERE device_id = ? AND to_day IS NULL",
                "ti", day, id) < 0)
        return e->code;
    if (officer_id >= 0 &&
        db_exec(c->db, e,
                "INSERT INTO device_assignment (device_id, officer_id, from_day, by_user, at)"
                " VALUES (?, ?, ?, ?, ?)",
                "iItIi", id, officer_id, day, c->who->user_id, c->now) < 0)
        return e->code;
    int64_t holder = officer_id > 0 ? officer_id : 0;
    if (db_exec(c->db, e,
                "UPDATE device SET officer_id = ?, assigned_on = ?, updated_at = ?,"
                " version = version + 1 WHERE id = ?",
                "Itii", holder, holder ? day : NULL, c->now, id) < 0)
        return e->code;
    return 0;
}

int device_assign(struct ctx *c, int64_t id, int64_t officer_id, const char *on, struct err *e)
{
    if (officer_id <= 0) err_field(e, "officer_id", "请选择执法人员");
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    struct device_now d;
    const char *name = NULL;
    rc = device_read(c, id, &d, e);
    if (!rc) rc = not_retired(&d, e);
    if (!rc) {
        check_holder(c, &d, officer_id, &name, e);
        if (!e->code && d.officer_id == officer_id)
            err_field(e, "officer_id", "该设备已配发给%s", name);
        check_day(c, &d, on, e);
        rc = e->code;
    }
    if (!rc) rc = move_device(c, id, officer_id, on, e);
    if (!rc)
        rc = audit_write(c, "device.assign", "device", id, "执法装备 %s 自 %s 起配发给 %s",
                         d.number, on, name);
    return finish(c, rc, e);
}

int device_unassign(struct ctx *c, int64_t id, const char *on, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    struct device_now d;
    rc = device_read(c, id, &d, e);
    if (!rc) rc = not_retired(&d, e);
    if (!rc && !d.officer_id) rc = err_set(e, ERR_CONFLICT, "该设备未配发给任何人，无需收回");
    if (!rc) rc = check_day(c, &d, on, e);
    if (!rc) rc = move_device(c, id, 0, on, e);
    if (!rc)
        rc = audit_write(c, "device.unassign", "device", id, "执法装备 %s 自 %s 起由 %s 交回公用",
                         d.number, on, d.holder ? d.holder : "");
    return finish(c, rc, e);
}

int device_retire(struct ctx *c, int64_t id, const char *reason, struct err *e)
{
    /* [R-DEV-07] a device is retired with the reason written down */
    field_text(reason, "reason", "报废原因", true, 100, e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    struct device_now d;
    rc = device_read(c, id, &d, e);
    if (!rc && strcmp(d.status, "retired") == 0)
        rc = err_set(e, ERR_CONFLICT, "设备 %s 已报废", d.number);
    char day[DATE_STRLEN];
    date_format(today(c), day);
    /* its holder gives it back today; no period follows */
    if (!rc) rc = move_device(c, id, -1, day, e);
    const char *note =
        rc ? NULL : arena_printf(c->arena, "%s%s报废原因：%s", d.note, *d.note ? "；" : "", reason);
    if (!rc &&
        db_exec(c->db, e,
                "UPDATE device SET status = 'retired', note = ?, retired_on = ? WHERE id = ?",
                "tti", note, day, id) < 0)
        rc = e->code;
    if (!rc)
        rc =
            audit_write(c, "device.retire", "device", id, "执法装备 %s 报废：%s", d.number, reason);
    return finish(c, rc, e);
}

/* ---- use in a recording --------------------------------------------------------------------- */

/* The holders of device id on day other than officer_id, joined with "、" into *others (arena;
 * NULL when officer_id held it, it was pooled then, or no period covers the day). [R-DEV-06] */
static int holders_on(struct ctx *c, int64_t id, int64_t officer_id, const char *day,
                      const char **others, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT x.officer_id, o.name FROM device_assignment x"
                                  " LEFT JOIN officer o ON o.id = x.officer_id"
                                  " WHERE x.device_id = ? AND x.from_day <= ?"
                                  " AND (x.to_day IS NULL OR x.to_day >= ?) ORDER BY x.id",
                                  "itt", id, day, day);
    if (!st) return e->code;
    const char *names = NULL;
    bool free_to_use = false;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (db_null(st, 0) || db_int(st, 0) == officer_id)
            free_to_use = true;
        else
            names = names ? arena_printf(c->arena, "%s、%s", names, db_text(st, 1))
                          : arena_strdup(c->arena, db_text(st, 1));
    }
    db_done(st);
    *others = free_to_use ? NULL : names;
    return rc < 0 ? rc : 0;
}

int device_check_use(struct ctx *c, int64_t device_id, int64_t officer_id, int64_t agency_id,
                     day_t day, struct err *e)
{
    struct device_now d;
    int rc = device_read(c, device_id, &d, e);
    if (rc == ERR_NOTFOUND) {
        err_clear(e);
        return err_field(e, "device_id", "设备不存在");
    }
    if (rc) return rc;
    /* [R-DEV-05] a recording is made with a device of the recording's own agency */
    if (d.agency_id != agency_id) return err_field(e, "device_id", "设备不属于本机关");
    /* [R-DEV-03] a retired device records nothing after the day it was retired (what it recorded
     * before may still be attached) */
    char on[DATE_STRLEN];
    date_format(day, on);
    if (strcmp(d.status, "retired") == 0 && (!d.retired_on || strcmp(on, d.retired_on) > 0))
        return err_field(e, "device_id", "设备 %s 已于 %s 报废", d.number,
                         d.retired_on ? d.retired_on : "此前");
    const char *others = NULL;
    rc = holders_on(c, device_id, officer_id, on, &others, e);
    if (rc) return rc;
    if (others)
        return err_field(e, "device_id", "该设备 %s 当日配发给%s，不是记录人", d.number, others);
    return 0;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"device",
     "执法装备",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"officer_id", "officer", REF_ID}}},
    {"device_assignment",
     "执法装备配发记录",
     true,
     "id",
     {{"device_id", "device", REF_ID},
      {"officer_id", "officer", REF_ID},
      {"by_user", "app_user", REF_ID}}},
};

const struct law_area law_area_devices = {"devices", tables, countof(tables), NULL, 0};
