/* discretion.c — the discretion baselines of penalty items (行政处罚裁量基准): checking a version's
 * levels against the item, adding and (before it takes effect) changing a version, and which
 * version is in force on a day. */
#include "law/discretion.h"
#include "base/jpack.h"
#include "law/audit.h"
#include "law/field.h"

#include <stdio.h>
#include <string.h>

/* ---- checking a version ------------------------------------------------------------------- */

/* "level<n>_<name>" into out (48 bytes). */
static const char *level_field(int n, const char *name, char out[48])
{
    snprintf(out, 48, "level%d_%s", n, name);
    return out;
}

/* [R-POW-02] 行政处罚法 第三十四条: a level's types and ranges lie within the item's. The first
 * problem as a message into msg (n bytes) and the field it concerns into field; 0 when none. */
static int level_within(const struct power_terms *l, const struct power_terms *item, char *msg,
                        size_t n, const char **field)
{
    char range[200];
    power_terms_text(item, range, sizeof range);
    for (const char *p = l->types; *p;) {
        const char *code;
        size_t len = csv_next(&p, &code);
        char one[32];
        snprintf(one, sizeof one, "%.*s", (int)len, code);
        if (!csv_has(item->types, one)) {
            char label[128];
            power_types_label(one, label, sizeof label);
            *field = "penalty_types";
            return snprintf(msg, n, "处罚种类“%s”不在该事项的处罚种类之内", label), -1;
        }
    }
    if ((l->has_fine || l->has_mult) && !csv_has(l->types, "fine")) {
        *field = "penalty_types";
        return snprintf(msg, n, "填写了罚款幅度的，处罚种类须包括罚款"), -1;
    }
    if (l->has_fine &&
        (!item->has_fine || l->fine_min < item->fine_min || l->fine_max > item->fine_max)) {
        *field = "fine_max";
        return snprintf(msg, n, "罚款幅度须在该事项的法定幅度之内（%s）",
                        item->has_fine ? range : "该事项没有罚款金额幅度"),
               -1;
    }
    if (l->has_mult &&
        (!item->has_mult || l->mult_min < item->mult_min || l->mult_max > item->mult_max)) {
        *field = "mult_max";
        return snprintf(msg, n, "违法所得倍数须在该事项的法定幅度之内（%s）",
                        item->has_mult ? range : "该事项没有违法所得倍数幅度"),
               -1;
    }
    return 0;
}

/* [R-POW-03] The levels climb with severity: in their order, a level's range starts at or above
 * the end of the range of the last level before it that has one (touching ends allowed), so an
 * amount lies in one level, or at the shared end of two neighbours. */
static void check_order(const struct discretion_level *lv, int n, struct err *e)
{
    int fine_prev = -1, mult_prev = -1;
    char field[48];
    for (int i = 0; i < n; i++) {
        const struct power_terms *t = &lv[i].terms;
        if (t->has_fine && fine_prev >= 0 && t->fine_min < lv[fine_prev].terms.fine_max &&
            !err_field_msg(e, level_field(i + 1, "fine_min", field)))
            err_field(e, field,
                      "罚款幅度与“%s”档次交叉：档次按从轻到重排列，下限不能低于上一档次的上限",
                      lv[fine_prev].name);
        if (t->has_mult && mult_prev >= 0 && t->mult_min < lv[mult_prev].terms.mult_max &&
            !err_field_msg(e, level_field(i + 1, "mult_min", field)))
            err_field(e, field,
                      "违法所得倍数与“%s”档次交叉：档次按从轻到重排列，下限不能低于上一档次的上限",
                      lv[mult_prev].name);
        if (t->has_fine) fine_prev = i;
        if (t->has_mult) mult_prev = i;
    }
}

/* One level's own fields; its checked form into out. */
static void check_level(const struct discretion_level_input *in, int n,
                        const struct power_terms *item, struct discretion_level *out, struct err *e)
{
    char field[48], label[32], msg[300];
    snprintf(label, sizeof label, "第%d档名称", n);
    field_text(in->name, level_field(n, "name", field), label, true, 20, e);
    snprintf(label, sizeof label, "第%d档适用情形", n);
    field_text(in->conditions, level_field(n, "conditions", field), label, true, 1000, e);
    snprintf(label, sizeof label, "第%d档裁量标准", n);
    field_text(in->penalty, level_field(n, "penalty", field), label, false, 500, e);
    *out = (struct discretion_level){
        .name = in->name, .conditions = in->conditions, .penalty = blank_to_null(in->penalty)};
    level_field(n, "", field);
    struct err own = {0};
    if (power_terms_read(&in->terms, field, &out->terms, &own)) {
        for (int i = 0; i < own.nfields; i++)
            err_field(e, own.fields[i].name, "%s", own.fields[i].msg);
        out->terms.has_fine = out->terms.has_mult = false; /* out of the order's check */
        return;
    }
    const char *which;
    if (level_within(&out->terms, item, msg, sizeof msg, &which))
        err_field(e, level_field(n, which, field), "%s", msg);
    else if (csv_has(out->terms.types, "fine") && !out->terms.has_fine && !out->terms.has_mult)
        err_field(e, level_field(n, "fine_max", field), "处罚种类有罚款的，请填写本档次的罚款幅度");
}

int discretion_validate(const struct discretion_input *in, const struct power_terms *item,
                        struct discretion_level *out, struct err *e)
{
    char field[48];
    if (in->nlevels < 1) return err_field(e, "level1_name", "请至少填写一个裁量档次");
    if (in->nlevels > DISCRETION_MAX_LEVELS)
        return err_field(e, "levels", "裁量档次最多 %d 个", DISCRETION_MAX_LEVELS);
    for (int i = 0; i < in->nlevels; i++) {
        check_level(&in->levels[i], i + 1, item, &out[i], e);
        for (int k = 0; k < i && !str_blank(in->levels[i].name); k++)
            if (!str_blank(in->levels[k].name) &&
                strcmp(in->levels[k].name, in->levels[i].name) == 0 &&
                !err_field_msg(e, level_field(i + 1, "name", field)))
                err_field(e, field, "档次名称与第%d档重复", k + 1);
    }
    check_order(out, in->nlevels, e); /* levels whose ranges did not read are left out */
    return e->code;
}

/* ---- the item and its versions ------------------------------------------------------------ */

/* The penalty terms of item id (no scope check); ERR_CONFLICT when it is not a penalty item. */
static int item_terms(struct ctx *c, int64_t id, struct power_terms *t, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT kind, penalty_types, fine_min, fine_max, mult_min,"
                                  " mult_max FROM power_item WHERE id = ?",
                                  "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool penalty = rc == DB_ROW && strcmp(db_text(st, 0), "penalty") == 0;
    if (rc == DB_ROW) power_terms_from_row(st, 1, t);
    db_done(st);
    if (rc < 0) return rc;
    if (rc != DB_ROW) return err_set(e, ERR_NOTFOUND, "权责事项不存在");
    return penalty ? 0 : err_set(e, ERR_CONFLICT, "只有行政处罚事项可以制定裁量基准");
}

/* A day as a summary of the audit trail writes it in running text, 2026年12月7日 (on the
 * arena): a YYYY-MM-DD in the middle of Chinese text breaks at its hyphens on a phone. */
static const char *day_words(struct ctx *c, day_t day)
{
    int y, m, d;
    date_ymd(day, &y, &m, &d);
    return arena_printf(c->arena, "%d年%d月%d日", y, m, d);
}

static day_t today(const struct ctx *c)
{
    return date_from_instant(c->now);
}

/* The effective date a version is given: its date, or today when blank. Messages under
 * effective_on. */
static int effective_day(struct ctx *c, const char *text, day_t *day, struct err *e)
{
    if (str_blank(text)) {
        *day = today(c);
        return 0;
    }
    return field_date(text, "effective_on", "生效日期", true, day, e);
}

/* The first version of item_id that sql (number and effective_on of the item's versions, with
 * ? for the item, a number and a date) finds, named under effective_on: a version the date must
 * come after (after), or one it must come before. */
static int date_clash(struct ctx *c, const char *sql, int64_t item_id, int64_t number,
                      const char *day, bool after, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e, sql, "iit", item_id, number, day);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW && after)
        err_field(e, "effective_on",
                  "生效日期须晚于第%lld版的生效日期（%s）；尚未生效的版本可以直接修改",
                  (long long)db_int(st, 0), db_text(st, 1));
    else if (rc == DB_ROW)
        err_field(e, "effective_on", "生效日期须早于第%lld版的生效日期（%s）",
                  (long long)db_int(st, 0), db_text(st, 1));
    db_done(st);
    return rc < 0 ? rc : e->code;
}

#define NEW_VERSION INT64_MAX /* the number a version not yet saved is compared as */

/* [R-POW-05] A version's date: today or later, after the dates of the versions numbered before
 * it and before those numbered after it (a new version: after all). */
static int check_date(struct ctx *c, int64_t item_id, int64_t number, day_t day, struct err *e)
{
    char t[DATE_STRLEN], d[DATE_STRLEN];
    date_format(today(c), t);
    date_format(day, d);
    if (day < today(c)) return err_field(e, "effective_on", "生效日期不能早于今天（%s）", t);
    int rc = date_clash(c,
                        "SELECT number, effective_on FROM discretion_version"
                        " WHERE power_item_id = ? AND number < ? AND effective_on >= ?"
                        " ORDER BY number DESC",
                        item_id, number, d, true, e);
    if (rc || number == NEW_VERSION) return rc;
    return date_clash(c,
                      "SELECT number, effective_on FROM discretion_version"
                      " WHERE power_item_id = ? AND number > ? AND effective_on <= ?"
                      " ORDER BY number",
                      item_id, number, d, false, e);
}

/* Insert the levels of version_id. */
static int insert_levels(struct ctx *c, int64_t version_id, const struct discretion_level *lv,
                         int n, struct err *e)
{
    for (int i = 0; i < n; i++) {
        const struct power_terms *t = &lv[i].terms;
        int64_t r = db_exec(c->db, e,
                            "INSERT INTO discretion_level (version_id, position, name, conditions,"
                            " penalty, penalty_types, fine_min, fine_max, mult_min, mult_max)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            "iitttt"
                            "IIII",
                            version_id, (int64_t)i + 1, lv[i].name, lv[i].conditions, lv[i].penalty,
                            t->types[0] ? t->types : NULL, t->has_fine ? t->fine_min : 0,
                            t->has_fine ? t->fine_max : 0, t->has_mult ? t->mult_min : 0,
                            t->has_mult ? t->mult_max : 0);
        if (r < 0) return (int)r;
    }
    return 0;
}

/* What adding and changing a version share: the item is the actor's own and a penalty item, the
 * levels fit it, the date is right. */
static int prepare(struct ctx *c, int64_t item_id, int64_t number,
                   const struct discretion_input *in, struct discretion_level *lv, day_t *day,
                   struct err *e)
{
    int64_t version;
    struct power_terms item;
    int rc = power_item_own(c, item_id, &version, e);
    if (!rc) rc = item_terms(c, item_id, &item, e);
    if (rc) return rc;
    effective_day(c, in->effective_on, day, e);
    field_text(in->source, "source", "制定文件", false, 200, e);
    discretion_validate(in, &item, lv, e);
    if (!err_field_msg(e, "effective_on")) check_date(c, item_id, number, *day, e);
    return e->code;
}

int discretion_add(struct ctx *c, int64_t item_id, const struct discretion_input *in,
                   int64_t *version_id, struct err *e)
{
    struct discretion_level lv[DISCRETION_MAX_LEVELS];
    day_t day = 0;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = prepare(c, item_id, NEW_VERSION, in, lv, &day, e);
    int64_t number = 0;
    if (!rc)
        rc = db_get_int(c->db, e, &number,
                        "SELECT COALESCE(MAX(number), 0) + 1 FROM discretion_version"
                        " WHERE power_item_id = ?",
                        "i", item_id);
    char d[DATE_STRLEN];
    date_format(day, d);
    if (!rc)
        rc = db_get_int(c->db, e, version_id,
                        "INSERT INTO discretion_version (power_item_id, number, effective_on,"
                        " source, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        " RETURNING id",
                        "iittIii", item_id, number, d, blank_to_null(in->source), c->who->user_id,
                        c->now, c->now);
    if (!rc) rc = insert_levels(c, *version_id, lv, in->nlevels, e);
    if (!rc)
        rc = audit_write(c, "discretion.create", "power_item", item_id,
                         "制定裁量基准第%lld版，%s起施行", (long long)number, day_words(c, day));
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* The number and effective date of version_id of item_id. */
static int version_read(struct ctx *c, int64_t item_id, int64_t version_id, int64_t *number,
                        char effective_on[DATE_STRLEN], struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT number, effective_on FROM discretion_version"
                                  " WHERE id = ? AND power_item_id = ?",
                                  "ii", version_id, item_id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *number = db_int(st, 0);
        snprintf(effective_on, DATE_STRLEN, "%s", db_text(st, 1));
    }
    db_done(st);
    return rc < 0 ? rc : rc == DB_ROW ? 0 : err_set(e, ERR_NOTFOUND, "裁量基准版本不存在");
}

int discretion_update(struct ctx *c, int64_t item_id, int64_t version_id,
                      const struct discretion_input *in, struct err *e)
{
    struct discretion_level lv[DISCRETION_MAX_LEVELS];
    int64_t number = 0, version;
    char was[DATE_STRLEN], t[DATE_STRLEN];
    day_t day = 0;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    rc = power_item_own(c, item_id, &version, e);
    if (!rc) rc = version_read(c, item_id, version_id, &number, was, e);
    date_format(today(c), t);
    /* [R-POW-04] a version in force is kept as it is: a change is a new version */
    if (!rc && strcmp(was, t) <= 0)
        rc = err_set(e, ERR_CONFLICT, "第%lld版已于%s生效，不能修改；如需调整，请制定新版本",
                     (long long)number, was);
    if (!rc) rc = prepare(c, item_id, number, in, lv, &day, e);
    char d[DATE_STRLEN];
    date_format(day, d);
    if (!rc &&
        db_exec(c->db, e, "DELETE FROM discretion_level WHERE version_id = ?", "i", version_id) < 0)
        rc = e->code;
    if (!rc && db_exec(c->db, e,
                       "UPDATE discretion_version SET effective_on = ?, source = ?, updated_at = ?"
                       " WHERE id = ?",
                       "ttii", d, blank_to_null(in->source), c->now, version_id) < 0)
        rc = e->code;
    if (!rc) rc = insert_levels(c, version_id, lv, in->nlevels, e);
    if (!rc)
        rc = audit_write(c, "discretion.update", "power_item", item_id,
                         "修改尚未生效的裁量基准第%lld版，%s起施行", (long long)number,
                         day_words(c, day));
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* ---- which version is in force ------------------------------------------------------------ */

/* [R-POW-06] the version in force on a day is the latest whose effective date is on or before
 * it */
int discretion_version_on(struct db *db, int64_t item_id, day_t day, int64_t *version_id,
                          struct err *e)
{
    char d[DATE_STRLEN];
    date_format(day, d);
    *version_id = 0;
    struct db_stmt *st = db_query(db, e,
                                  "SELECT id FROM discretion_version WHERE power_item_id = ?"
                                  " AND effective_on <= ? ORDER BY effective_on DESC LIMIT 1",
                                  "it", item_id, d);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) *version_id = db_int(st, 0);
    db_done(st);
    return rc < 0 ? rc : 0;
}

static const char *const state_labels[][2] = {
    {"in_force", "现行"}, {"superseded", "已被替代"}, {"scheduled", "待生效"}};

/* A level row as JSON: position, name, conditions, penalty, and its terms. */
static json_t *level_json(struct db_stmt *st)
{
    struct power_terms t;
    power_terms_from_row(st, 5, &t);
    json_t *o = json_object();
    jset_int(o, "position", db_int(st, 1));
    jset_text(o, "name", db_text(st, 2));
    jset_text(o, "conditions", db_text(st, 3));
    jset_text(o, "penalty", db_text(st, 4));
    power_terms_json(o, &t);
    return o;
}

/* Add each version's levels (by id in byid) from one query over the item's levels. */
static int attach_levels(struct ctx *c, int64_t item_id, json_t *byid, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT l.version_id, l.position, l.name, l.conditions,"
                                  " l.penalty, l.penalty_types, l.fine_min, l.fine_max,"
                                  " l.mult_min, l.mult_max FROM discretion_level l"
                                  " JOIN discretion_version v ON v.id = l.version_id"
                                  " WHERE v.power_item_id = ? ORDER BY l.version_id, l.position",
                                  "i", item_id);
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_int(st, 0));
        json_t *v = json_object_get(byid, key);
        if (v) json_array_append_new(json_object_get(v, "levels"), level_json(st));
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* A version row (id, number, effective_on, source) as JSON with its state. */
static json_t *version_json(struct db_stmt *st, int64_t in_force, const char *today_text)
{
    int state = db_int(st, 0) == in_force ? 0 : strcmp(db_text(st, 2), today_text) > 0 ? 2 : 1;
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_int(o, "number", db_int(st, 1));
    jset_text(o, "effective_on", db_text(st, 2));
    jset_text(o, "source", db_text(st, 3));
    jset_text(o, "state", state_labels[state][0]);
    jset_text(o, "state_label", state_labels[state][1]);
    json_object_set_new(o, "levels", json_array());
    return o;
}

json_t *discretion_versions(struct ctx *c, int64_t item_id, struct err *e)
{
    int64_t in_force;
    if (discretion_version_on(c->db, item_id, today(c), &in_force, e)) return NULL;
    char t[DATE_STRLEN];
    date_format(today(c), t);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, number, effective_on, source FROM discretion_version"
                                  " WHERE power_item_id = ? ORDER BY effective_on DESC",
                                  "i", item_id);
    if (!st) return NULL;
    json_t *list = json_array(), *byid = json_object();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *v = version_json(st, in_force, t);
        json_array_append_new(list, v);
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_int(st, 0));
        json_object_set(byid, key, v);
    }
    db_done(st);
    if (rc >= 0) rc = attach_levels(c, item_id, byid, e);
    json_decref(byid);
    if (rc < 0) {
        json_decref(list);
        return NULL;
    }
    return list;
}

/* The entry of list whose id is id (a new reference), or NULL. */
static json_t *entry_with_id(json_t *list, int64_t id)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        if (json_integer_value(json_object_get(v, "id")) == id) return json_incref(v);
    }
    return NULL;
}

json_t *discretion_in_force(struct ctx *c, int64_t item_id, const char *date, struct err *e)
{
    day_t day = today(c);
    if (date && date_parse(date, &day)) {
        err_field(e, "on", "日期格式应为 YYYY-MM-DD");
        return NULL;
    }
    int64_t id;
    if (power_item_visible(c, item_id, e) || discretion_version_on(c->db, item_id, day, &id, e))
        return NULL;
    if (!id) return json_null();
    json_t *all = discretion_versions(c, item_id, e);
    json_t *found = all ? entry_with_id(all, id) : NULL;
    json_decref(all);
    if (!found && !e->code) err_set(e, ERR_INTERNAL, "裁量基准版本读取失败");
    return found;
}

/* ---- an item's change against its baselines ----------------------------------------------- */

/* The terms of a level as discretion_versions gives it (power_terms_json's members). */
static void terms_of(json_t *l, struct power_terms *t)
{
    const char *types = json_string_value(json_object_get(l, "penalty_types"));
    *t = (struct power_terms){0};
    snprintf(t->types, sizeof t->types, "%s", types ? types : "");
    t->has_fine = json_is_integer(json_object_get(l, "fine_max"));
    t->fine_min = json_integer_value(json_object_get(l, "fine_min"));
    t->fine_max = json_integer_value(json_object_get(l, "fine_max"));
    t->has_mult = json_is_integer(json_object_get(l, "mult_max"));
    t->mult_min = json_integer_value(json_object_get(l, "mult_min"));
    t->mult_max = json_integer_value(json_object_get(l, "mult_max"));
}

/* [R-POW-02] Whether the levels of version v lie within terms; a message under field if not. */
static int version_fits(json_t *v, const struct power_terms *terms, const char *field,
                        struct err *e)
{
    size_t k;
    json_t *l;
    json_array_foreach(json_object_get(v, "levels"), k, l)
    {
        struct power_terms lt;
        char msg[300];
        const char *which;
        terms_of(l, &lt);
        if (level_within(&lt, terms, msg, sizeof msg, &which))
            return err_field(e, field,
                             "裁量基准第%lld版“%s”档次与修改后的事项不符：%s；请先制定新版本",
                             (long long)json_integer_value(json_object_get(v, "number")),
                             json_string_value(json_object_get(l, "name")), msg);
    }
    return 0;
}

int discretion_fits(struct ctx *c, int64_t item_id, const struct power_terms *terms, bool penalty,
                    const char *field, struct err *e)
{
    json_t *all = discretion_versions(c, item_id, e), *v;
    if (!all) return e->code;
    size_t i;
    json_array_foreach(all, i, v)
    {
        if (!penalty) {
            err_field(e, "kind", "该事项已有裁量基准（第%lld版），不能改为其他权力类型",
                      (long long)json_integer_value(json_object_get(v, "number")));
            break;
        }
        /* the baselines in force and to come stay within the item's terms; the past is past */
        if (strcmp(json_string_value(json_object_get(v, "state")), "superseded") != 0 &&
            version_fits(v, terms, field, e))
            break;
    }
    json_decref(all);
    return e->code;
}
