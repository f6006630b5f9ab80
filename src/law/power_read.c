/* power_read.c — reading the power list: one item with its baseline versions, a page of the
 * list, every item for an export, and the public list and item ([R-POW-07]). */
#include "law/power.h"
#include "base/jpack.h"
#include "law/agency.h"
#include "law/catalog.h"
#include "law/discretion.h"
#include "law/paging.h"

#include <stdio.h>
#include <string.h>

#define ITEM_COLS                                                                                  \
    "i.id, i.code, i.name, i.kind, i.line, i.basis, i.violated, i.penalty_basis,"                  \
    " i.penalty_types, i.fine_min, i.fine_max, i.mult_min, i.mult_max, i.version, a.name,"         \
    " a.code, a.path"
#define ITEM_FROM " FROM power_item i JOIN agency a ON a.id = i.agency_id"
#define ITEM_PATH 16 /* the column of a.path */
/* [R-POW-08] the items an actor sees: their subtree's and their ancestors' (? the scope
 * pattern, then the actor's path) */
#define ITEM_VISIBLE "(a.path LIKE ? OR ? LIKE (a.path || '%'))"
/* The list's order: kinds as power_kinds lists them, lines as the catalogue does (a line added
 * to it later comes last), then codes. */
#define ITEM_ORDER                                                                                 \
    " ORDER BY CASE i.kind WHEN 'licensing' THEN 1 WHEN 'penalty' THEN 2 WHEN 'coercion' THEN 3"   \
    " WHEN 'inspection' THEN 4 WHEN 'confirmation' THEN 5 WHEN 'other' THEN 6 ELSE 7 END,"         \
    " CASE i.line WHEN 'medical' THEN 1 WHEN 'infectious' THEN 2 WHEN 'occupational' THEN 3"       \
    " WHEN 'radiation' THEN 4 WHEN 'school' THEN 5 WHEN 'public_place' THEN 6 WHEN 'water' THEN 7" \
    " WHEN 'disinfection' THEN 8 WHEN 'blood' THEN 9 WHEN 'family_planning' THEN 10 ELSE 11 END,"  \
    " i.code, i.id"

static day_t today(const struct ctx *c)
{
    return date_from_instant(c->now);
}

/* The actor's path ("/" for the system). */
static const char *actor_path(const struct ctx *c)
{
    return c->who->agency_path ? c->who->agency_path : "/";
}

/* One item row as the staff see it; own: the actor may change it. */
static json_t *item_row(struct db_stmt *st, bool own)
{
    struct power_terms t;
    power_terms_from_row(st, 8, &t);
    json_t *o = json_object();
    jset_int(o, "id", db_int(st, 0));
    jset_text(o, "code", db_text(st, 1));
    jset_text(o, "name", db_text(st, 2));
    jset_text(o, "kind", db_text(st, 3));
    jset_text(o, "kind_label", power_kind_label(db_text(st, 3)));
    jset_text(o, "line", db_text(st, 4));
    jset_text(o, "line_label", catalog_label("lines", db_text(st, 4)));
    jset_text(o, "basis", db_text(st, 5));
    jset_text(o, "violated", db_text(st, 6));
    jset_text(o, "penalty_basis", db_text(st, 7));
    power_terms_json(o, &t);
    jset_bool(o, "penalty", strcmp(db_text(st, 3), "penalty") == 0);
    jset_int(o, "version", db_int(st, 13));
    jset_text(o, "agency", db_text(st, 14));
    jset_text(o, "agency_code", db_text(st, 15));
    jset_bool(o, "own", own);
    return o;
}

/* Whether the agency path is visible to the actor; *own: it is in their subtree. The public
 * (no agency) sees every item: the list is published ([R-POW-07]). */
static bool visible(const struct ctx *c, const char *path, bool *own)
{
    *own = actor_sees_path(c->who, path);
    return *own || !c->who->agency_path || str_prefix(actor_path(c), path);
}

int power_item_visible(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT a.path FROM power_item i JOIN agency a"
                                  " ON a.id = i.agency_id WHERE i.id = ?",
                                  "i", id);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool own, seen = rc == DB_ROW && visible(c, db_text(st, 0), &own);
    db_done(st);
    return rc < 0 ? rc : seen ? 0 : err_set(e, ERR_NOTFOUND, "权责事项不存在");
}

/* The item's versions (newest first) into o's "versions", and the one in force today as
 * "baseline" (null when none). */
static int add_versions(struct ctx *c, json_t *o, struct err *e)
{
    int64_t id = json_integer_value(json_object_get(o, "id"));
    json_t *all = discretion_versions(c, id, e), *v, *now = NULL;
    if (!all) return e->code;
    size_t i;
    json_array_foreach(all, i, v)
    {
        if (strcmp(json_string_value(json_object_get(v, "state")), "in_force") == 0) now = v;
    }
    json_object_set(o, "baseline", now ? now : json_null());
    json_object_set_new(o, "versions", all);
    return 0;
}

json_t *power_item_get(struct ctx *c, int64_t id, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.id = ?", "i", id);
    if (!st) return NULL;
    json_t *o = NULL;
    bool own;
    if (db_step(st, e) == DB_ROW && visible(c, db_text(st, ITEM_PATH), &own)) o = item_row(st, own);
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "权责事项不存在");
        return NULL;
    }
    if (add_versions(c, o, e)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The list's filters into w. */
static void add_filters(struct ctx *c, struct db_cond *w, const struct power_query *q)
{
    db_cond_add(w, ITEM_VISIBLE, "tt", actor_scope(c), actor_path(c));
    if (!str_blank(q->kind)) db_cond_add(w, "i.kind = ?", "t", q->kind);
    if (!str_blank(q->line)) db_cond_add(w, "i.line = ?", "t", q->line);
    if (!str_blank(q->agency_code)) db_cond_add(w, "a.code = ?", "t", q->agency_code);
    if (!str_blank(q->q))
        db_cond_add(w, "(i.code LIKE ? OR i.name LIKE ?)", "tt",
                    arena_printf(c->arena, "%%%s%%", q->q), arena_printf(c->arena, "%%%s%%", q->q));
}

/* A list row: the item, the number of its baseline in force today and how many are to come. */
static json_t *list_row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)e;
    bool own;
    visible(arg, db_text(st, ITEM_PATH), &own);
    json_t *o = item_row(st, own);
    json_object_set_new(o, "baseline",
                        db_null(st, ITEM_PATH + 1) ? json_null()
                                                   : json_integer(db_int(st, ITEM_PATH + 1)));
    jset_int(o, "scheduled", db_int(st, ITEM_PATH + 2));
    return o;
}

/* The number of the version in force on ?, and the count of those after ? */
#define BASELINE_COLS                                                                              \
    ", (SELECT v.number FROM discretion_version v WHERE v.power_item_id = i.id"                    \
    " AND v.effective_on <= ? ORDER BY v.effective_on DESC LIMIT 1),"                              \
    " (SELECT COUNT(*) FROM discretion_version v WHERE v.power_item_id = i.id"                     \
    " AND v.effective_on > ?)"

json_t *power_item_list(struct ctx *c, const struct power_query *q, struct err *e)
{
    struct paging p = paging_of(q->page, q->per_page, 50);
    char t[DATE_STRLEN];
    date_format(today(c), t);
    struct db_cond l = {0}, w = {0};
    db_cond_bind(&l, "tt", t, t);
    add_filters(c, &l, q);
    add_filters(c, &w, q);
    const char *sql = arena_printf(c->arena,
                                   "SELECT " ITEM_COLS BASELINE_COLS ITEM_FROM
                                   " WHERE %s" ITEM_ORDER " LIMIT ? OFFSET ?",
                                   db_cond_sql(&l));
    db_cond_bind(&l, "ii", paging_limit(p), paging_offset(p));
    json_t *page = paging_read(db_cond_query(c->db, e, sql, &l), p, list_row, c, e);
    page = paging_total(
        page, c->db,
        arena_printf(c->arena, "SELECT COUNT(*) FROM (SELECT 1" ITEM_FROM " WHERE %s LIMIT ?) AS t",
                     db_cond_sql(&w)),
        true, &w, e);
    db_cond_free(&l);
    db_cond_free(&w);
    return page;
}

int power_item_each(struct ctx *c, int (*fn)(void *arg, json_t *item), void *arg, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT i.id" ITEM_FROM " WHERE " ITEM_VISIBLE ITEM_ORDER, "tt",
                 actor_scope(c), actor_path(c));
    if (!st) return e->code;
    json_t *ids = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(ids, json_integer(db_int(st, 0)));
    db_done(st);
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id)
    {
        if (rc) break; /* a database error, or fn said stop */
        json_t *o = power_item_get(c, json_integer_value(id), e);
        rc = o ? fn(arg, o) : e->code;
        json_decref(o);
    }
    json_decref(ids);
    return rc;
}

/* ---- the public site ---------------------------------------------------------------------- */

/* What the public sees of a level or of an item's terms: the labels and the range. */
static void public_terms(json_t *to, json_t *from)
{
    json_object_set(to, "penalty_types", json_object_get(from, "penalty_types_label"));
    json_object_set(to, "range", json_object_get(from, "range"));
}

/* A version as the public sees it; with_state: say whether it is in force. */
static json_t *public_version(json_t *v, bool with_state)
{
    json_t *levels = json_array(), *l;
    size_t i;
    json_array_foreach(json_object_get(v, "levels"), i, l)
    {
        json_t *o = json_object();
        json_object_set(o, "name", json_object_get(l, "name"));
        json_object_set(o, "conditions", json_object_get(l, "conditions"));
        json_object_set(o, "penalty", json_object_get(l, "penalty"));
        public_terms(o, l);
        json_array_append_new(levels, o);
    }
    json_t *o = json_object();
    json_object_set(o, "number", json_object_get(v, "number"));
    json_object_set(o, "effective_on", json_object_get(v, "effective_on"));
    json_object_set(o, "source", json_object_get(v, "source"));
    if (with_state) json_object_set(o, "state", json_object_get(v, "state_label"));
    json_object_set_new(o, "levels", levels);
    return o;
}

/* An item as the public sees it (from power_item_get's JSON): the baseline in force, or every
 * version when versions. */
static json_t *public_item(json_t *item, bool versions)
{
    json_t *o = json_object();
    static const char *const keys[][2] = {
        {"id", "id"},       {"agency", "agency"},     {"code", "code"},
        {"name", "name"},   {"kind", "kind_label"},   {"line", "line_label"},
        {"basis", "basis"}, {"violated", "violated"}, {"penalty_basis", "penalty_basis"}};
    /* the list links each item by its id; the item's own page has no use for it */
    for (size_t i = versions ? 1 : 0; i < countof(keys); i++)
        json_object_set(o, keys[i][0], json_object_get(item, keys[i][1]));
    public_terms(o, item);
    json_t *now = json_object_get(item, "baseline");
    if (!json_is_object(now))
        json_object_set_new(o, "baseline", json_null());
    else if (versions) /* which of the versions below is in force */
        json_object_set_new(o, "baseline",
                            jpack("{sO sO}", "number", json_object_get(now, "number"),
                                  "effective_on", json_object_get(now, "effective_on")));
    else
        json_object_set_new(o, "baseline", public_version(now, false));
    if (versions) {
        json_t *all = json_array(), *v;
        size_t i;
        json_array_foreach(json_object_get(item, "versions"), i, v)
        {
            json_array_append_new(all, public_version(v, true));
        }
        json_object_set_new(o, "versions", all);
    }
    return o;
}

/* Options of a static vocabulary with the value chosen marked. */
static json_t *options(json_t *all, const char *chosen)
{
    size_t i;
    json_t *o;
    json_array_foreach(all, i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        json_object_set_new(o, "selected", json_boolean(chosen && strcmp(code, chosen) == 0));
    }
    return all;
}

/* The lines as options {code, label, selected}. */
static json_t *line_options(const char *chosen)
{
    json_t *a = json_array(), *l;
    size_t i;
    json_array_foreach(json_object_get(catalog_json(), "lines"), i, l)
    {
        const char *code = json_string_value(json_object_get(l, "code"));
        json_array_append_new(a, jpack("{ss sO sb}", "code", code, "label",
                                       json_object_get(l, "label"), "selected",
                                       chosen && strcmp(code, chosen) == 0));
    }
    return a;
}

/* Every agency as an option, and the path of the one chosen into *path (NULL: none). */
static json_t *agency_options(struct ctx *c, const char *chosen, const char **path, struct err *e)
{
    *path = NULL;
    struct db_stmt *st =
        db_query(c->db, e, "SELECT code, name, path FROM agency ORDER BY path", "");
    if (!st) return NULL;
    json_t *a = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        bool on = chosen && strcmp(chosen, db_text(st, 0)) == 0;
        if (on) *path = arena_strdup(c->arena, db_text(st, 2));
        json_array_append_new(a, jpack("{ss ss sb}", "code", db_text(st, 0), "label",
                                       db_text(st, 1), "selected", on));
    }
    db_done(st);
    if (rc < 0) json_decref(a);
    return rc < 0 ? NULL : a;
}

/* The ids of the items the public list shows, in list order (new reference), or NULL. */
static json_t *public_ids(struct ctx *c, const struct power_query *q, const char *path,
                          struct err *e)
{
    struct db_cond w = {0};
    if (path) db_cond_add(&w, "? LIKE (a.path || '%')", "t", path);
    if (!str_blank(q->kind)) db_cond_add(&w, "i.kind = ?", "t", q->kind);
    if (!str_blank(q->line)) db_cond_add(&w, "i.line = ?", "t", q->line);
    struct db_stmt *st = db_cond_query(
        c->db, e,
        arena_printf(c->arena, "SELECT i.id" ITEM_FROM " WHERE %s" ITEM_ORDER, db_cond_sql(&w)),
        &w);
    db_cond_free(&w);
    if (!st) return NULL;
    json_t *ids = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW)
        json_array_append_new(ids, json_integer(db_int(st, 0)));
    db_done(st);
    if (rc < 0) json_decref(ids);
    return rc < 0 ? NULL : ids;
}

/* [R-POW-07] 行政处罚法 第三十四条: the baselines are published. The public (no actor) reads
 * the items as the system does; the answer holds only what the page shows. */
json_t *power_public_list(struct ctx *c, const struct power_query *q, struct err *e)
{
    const char *path;
    json_t *agencies = agency_options(c, q->agency_code, &path, e);
    if (!agencies) return NULL;
    if (!str_blank(q->agency_code) && !path) {
        json_decref(agencies);
        err_set(e, ERR_NOTFOUND, "机构 %s 不存在", q->agency_code);
        return NULL;
    }
    json_t *ids = public_ids(c, q, path, e), *id, *items = json_array();
    size_t i;
    json_array_foreach(ids, i, id)
    {
        json_t *item = power_item_get(c, json_integer_value(id), e);
        if (!item) break;
        json_array_append_new(items, public_item(item, false));
        json_decref(item);
    }
    json_decref(ids);
    char t[DATE_STRLEN];
    date_format(today(c), t);
    json_t *o = jpack("{ss si so so so so}", "today", t, "count", (int)json_array_size(items),
                      "items", items, "kinds", options(power_kinds(), q->kind), "lines",
                      line_options(q->line), "agencies", agencies);
    if (e->code) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *power_public_item(struct ctx *c, int64_t id, struct err *e)
{
    json_t *item = power_item_get(c, id, e);
    if (!item) return NULL;
    json_t *o = public_item(item, true);
    json_decref(item);
    char t[DATE_STRLEN];
    date_format(today(c), t);
    jset_text(o, "today", t);
    return o;
}
