/* transfer.c — moving a county's records into a provincial database.
 *
 * Tables are copied parents first. Every row gets a new id in the target; a map per table turns
 * the source's ids into the target's so references follow. Values travel as text and the target
 * converts them to its column types (both engines accept "42" for a BIGINT column). */
#include "law/area.h"
#include "law/transfer.h"
#include "law/area.h"
#include "law/holiday.h"
#include "law/workflow.h"
#include "base/calendar.h"
#include "law/audit.h"
#include "law/auth.h"
#include "law/plan.h"
#include "base/buf.h"
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most columns a copied table may have (penalty_case: 57 with its hearing, migration 038). */
#define MAX_COLS 80

/* old id → new id (open addressing; ids are positive). */
struct idmap {
    int64_t *keys, *vals;
    size_t cap, n;
};

static void map_put(struct idmap *m, int64_t k, int64_t v)
{
    if (2 * (m->n + 1) > m->cap) {
        struct idmap g = {.cap = m->cap ? 2 * m->cap : 256};
        g.keys = xcalloc(g.cap, sizeof *g.keys);
        g.vals = xcalloc(g.cap, sizeof *g.vals);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) map_put(&g, m->keys[i], m->vals[i]);
        free(m->keys);
        free(m->vals);
        *m = g;
    }
    size_t i = (size_t)k * 0x9E3779B97F4A7C15ull & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != k)
        i = (i + 1) & (m->cap - 1);
    m->n += !m->keys[i];
    m->keys[i] = k;
    m->vals[i] = v;
}

static int64_t map_get(const struct idmap *m, int64_t k)
{
    if (!m->cap) return 0;
    size_t i = (size_t)k * 0x9E3779B97F4A7C15ull & (m->cap - 1);
    while (m->keys[i]) {
        if (m->keys[i] == k) return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return 0;
}

/* A source row: column names and values (NULL for SQL NULL), on the arena. */
struct row {
    int n;
    const char *name[MAX_COLS];
    const char *val[MAX_COLS];
    size_t blob[MAX_COLS]; /* bytes of a value that is a blob (a kept PDF), else 0 */
};

static int col_index(const struct row *r, const char *name)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->name[i], name) == 0) return i;
    return -1;
}

static const char *col(const struct row *r, const char *name)
{
    int i = col_index(r, name);
    return i < 0 ? NULL : r->val[i];
}

static void set_col(struct row *r, struct arena *a, const char *name, int64_t v)
{
    int i = col_index(r, name);
    if (i >= 0) r->val[i] = v ? arena_printf(a, "%lld", (long long)v) : NULL;
}

struct transfer;

/* A REF_LATE reference to set once every table is copied. */
struct late {
    const char *table, *col; /* the column */
    int64_t id;              /* the row's new id */
    const char *to;          /* the table referred to */
    int64_t old;             /* the source's id there */
};

/* What happens to a row before it is inserted: 0 to insert it, 1 when the target already has it
 * (*existing is its id there), 2 to skip it (it refers to a row that clashed), or an error. */
typedef int (*adjust_fn)(struct transfer *t, struct row *r, int64_t *existing, struct err *e);
/* After a row was inserted with id new_id. */
typedef int (*after_fn)(struct transfer *t, const struct row *r, int64_t new_id, struct err *e);

/* Where a table's rows need more than their references followed (hooks, below). */
struct table_hooks {
    const char *table;
    adjust_fn adjust;
    after_fn after;
};

struct transfer {
    struct ctx *c;
    struct db *src;
    const struct transfer_opts *o;
    struct transfer_report *rep;
    const struct table_decl **tabs; /* every copied table, in order (law/area.h) */
    size_t ntabs;
    struct idmap *maps;  /* one per table in tabs */
    struct idmap roots;  /* target agency id → the root of its tree */
    struct arena a;      /* rows being copied; emptied as the copy goes */
    struct buf problems; /* clashes found, one per line */
    int nproblems;
    struct row orig;       /* the row being copied as the source has it (before remap) */
    struct late *late;     /* REF_LATE references waiting for the end */
    size_t nlate, caplate; /* entries in late, allocated */
};

static void problem(struct transfer *t, const char *fmt, ...) PRINTF(2, 3);
static void problem(struct transfer *t, const char *fmt, ...)
{
    if (t->nproblems++ >= 20) return;
    va_list ap;
    va_start(ap, fmt);
    char line[300];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    buf_addf(&t->problems, "%s%s", t->problems.len ? "\n" : "", line);
}

/* The target's agency with this code, if any. */
static int match_agency(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)e;
    int rc = db_get_int(t->c->db, NULL, existing, "SELECT id FROM agency WHERE code = ?", "t",
                        col(r, "code"));
    if (rc == 0) return 1;
    int i = col_index(r, "path");
    if (i >= 0) r->val[i] = ""; /* set once the new id is known */
    return 0;
}

/* An agency's materialised path: its parent's path and its own new id. */
static int agency_path(struct transfer *t, const struct row *r, int64_t id, struct err *e)
{
    const char *parent = col(r, "parent_id");
    char *path;
    if (parent) {
        struct db_stmt *st =
            db_query(t->c->db, e, "SELECT path FROM agency WHERE id = ?", "t", parent);
        if (!st) return e->code;
        int rc = db_step(st, e);
        path = rc == DB_ROW ? arena_printf(&t->a, "%s%lld/", db_text(st, 0), (long long)id) : NULL;
        db_done(st);
        if (!path) return rc < 0 ? rc : err_set(e, ERR_INTERNAL, "上级机构缺失");
    } else {
        path = arena_printf(&t->a, "/%lld/", (long long)id);
    }
    int64_t n = db_exec(t->c->db, e, "UPDATE agency SET path = ? WHERE id = ?", "ti", path, id);
    return n < 0 ? (int)n : 0;
}

static int match_department(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)e;
    return db_get_int(t->c->db, NULL, existing,
                      "SELECT id FROM department WHERE agency_id = ? AND name = ?", "tt",
                      col(r, "agency_id"), col(r, "name")) == 0;
}

/* A power item the target's agency already has under the same code: the same item (a county's
 * copy of the list its province issued), which is not copied again. */
static int match_power_item(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)e;
    return db_get_int(t->c->db, NULL, existing,
                      "SELECT id FROM power_item WHERE agency_id = ? AND code = ?", "tt",
                      col(r, "agency_id"), col(r, "code")) == 0;
}

/* A baseline version the target's item already has from the same day, and that version's
 * level at the same place: the same baseline. (A version the target numbered otherwise clashes
 * and is reported.) */
static int match_discretion_version(struct transfer *t, struct row *r, int64_t *existing,
                                    struct err *e)
{
    (void)e;
    return db_get_int(t->c->db, NULL, existing,
                      "SELECT id FROM discretion_version WHERE power_item_id = ?"
                      " AND effective_on = ?",
                      "tt", col(r, "power_item_id"), col(r, "effective_on")) == 0;
}

static int match_discretion_level(struct transfer *t, struct row *r, int64_t *existing,
                                  struct err *e)
{
    (void)e;
    return db_get_int(t->c->db, NULL, existing,
                      "SELECT id FROM discretion_level WHERE version_id = ? AND position = ?", "tt",
                      col(r, "version_id"), col(r, "position")) == 0;
}

/* A user name the target already uses gets the suffix, or is reported. */
static int rename_user(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)existing;
    const char *name = col(r, "username");
    /* a clash without a suffix is reported when the insert finds it */
    if (!t->o->user_suffix) return 0;
    int taken = db_exists(t->c->db, e, "SELECT 1 FROM app_user WHERE username = ?", "t", name);
    if (taken <= 0) return taken;
    const char *renamed = arena_printf(&t->a, "%s%s", name, t->o->user_suffix);
    if (!auth_username_ok(renamed))
        return err_set(e, ERR_INVALID, "改名后的用户名 %s 无效：用户名为3–32位字母、数字或 . _ -",
                       renamed);
    struct transfer_report *rep = t->rep;
    if (rep->nrenamed < (int)countof(rep->renamed))
        snprintf(rep->renamed[rep->nrenamed], sizeof rep->renamed[0], "%s→%s", name, renamed);
    rep->nrenamed++;
    r->val[col_index(r, "username")] = renamed;
    return 0;
}

/* An entity's USCC is unique within the target tree its agency now belongs to. */
static int entity_root(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)existing;
    int64_t agency = strtoll(col(r, "agency_id"), NULL, 10), root = map_get(&t->roots, agency);
    if (!root) {
        struct db_stmt *st =
            db_query(t->c->db, e, "SELECT path FROM agency WHERE id = ?", "i", agency);
        if (!st) return e->code;
        if (db_step(st, e) == DB_ROW) root = strtoll(db_text(st, 0) + 1, NULL, 10);
        db_done(st);
        if (!root) return err_set(e, ERR_INTERNAL, "管理相对人的机构缺失");
        map_put(&t->roots, agency, root);
    }
    set_col(r, &t->a, "root_id", root);
    return 0;
}

/* The new id of old in table `to`: 0 when it has none (the source is inconsistent, or the row
 * clashed and the transfer is already refused). */
static struct idmap *map_of(struct transfer *t, const char *table)
{
    for (size_t i = 0; i < t->ntabs; i++)
        if (strcmp(t->tabs[i]->name, table) == 0) return &t->maps[i];
    fatal("transfer: no table %s", table);
}

static int64_t mapped(struct transfer *t, const char *to, const char *v)
{
    return map_get(map_of(t, to), strtoll(v, NULL, 10));
}

/* A reference without a row to follow: an error, or 1 (skip the row) when clashes are already
 * refusing the transfer. */
static int dangling(struct transfer *t, const char *table, const char *column, const char *v,
                    struct err *e)
{
    if (t->nproblems) return 1;
    return err_set(e, ERR_INVALID, "源库数据不一致：%s.%s = %s 没有对应的记录", table, column, v);
}

/* Follow a polymorphic reference: the id column through the map of the table the type column
 * names (a record type is its table's name). A type the transfer does not know is refused (its
 * records would point nowhere). */
static int remap_object(struct transfer *t, struct row *r, const char *table, const char *type_col,
                        const char *id_col, struct err *e)
{
    const char *type = col(r, type_col), *v = col(r, id_col);
    const struct table_decl *to_table = type ? law_table_of(type) : NULL;
    if (to_table && to_table->own_id && v) {
        int64_t to = mapped(t, to_table->name, v);
        if (!to) return dangling(t, table, id_col, v, e) < 0 ? e->code : 1;
        set_col(r, &t->a, id_col, to);
        return 0;
    }
    return err_set(e, ERR_INVALID,
                   "源库 %s 中有指向「%s」的记录，迁移程序不知道如何迁移，未迁移任何数据", table,
                   type ? type : "");
}

/* A document points at the record it belongs to (an inspection …). */
static int document_object(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)existing;
    int rc = remap_object(t, r, "document", "object_type", "object_id", e);
    return rc == 1 ? 2 : rc;
}

/* A workflow step or deadline points at its matter (kind 'task': a task); a task's step refers
 * to the inspection that carried it out (ref_id). */
static int wf_object(struct transfer *t, struct row *r, int64_t *existing, struct err *e,
                     const char *table)
{
    (void)existing;
    int rc = remap_object(t, r, table, "kind", "object_id", e);
    const char *ref = col(r, "ref_id");
    if (!rc && ref && strcmp(ref, "0") != 0 && strcmp(col(r, "kind"), "task") == 0) {
        int64_t to = mapped(t, "inspection", ref);
        if (!to) rc = dangling(t, table, "ref_id", ref, e) < 0 ? e->code : 1;
        set_col(r, &t->a, "ref_id", to);
    }
    return rc == 1 ? 2 : rc;
}

static int wf_step_object(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    return wf_object(t, r, existing, e, "wf_step");
}

static int wf_deadline_object(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    return wf_object(t, r, existing, e, "wf_deadline");
}

/* A case points at the record it came from (an inspection, a task, a complaint), when any. */
static int case_source(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)existing;
    if (!col(r, "source_id")) return 0;
    int rc = remap_object(t, r, "penalty_case", "source", "source_id", e);
    return rc == 1 ? 2 : rc;
}

/* A publicity item points at the decision it publishes: its kind names the table (a penalty or
 * a 不予处罚 decision is a case's). */
static int publicity_source(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)existing;
    const char *kind = col(r, "kind"), *v = col(r, "source_id");
    const char *table = !kind                             ? NULL
                        : strcmp(kind, "licence") == 0    ? "licence"
                        : strcmp(kind, "inspection") == 0 ? "inspection"
                                                          : "penalty_case";
    int64_t to = table && v ? mapped(t, table, v) : 0;
    if (!to) return dangling(t, "publicity_item", "source_id", v ? v : "", e) < 0 ? e->code : 2;
    set_col(r, &t->a, "source_id", to);
    return 0;
}

/* A frozen pool keeps the ids its snapshot was published with: the commitment is the SHA-256 of
 * that text, and the draw verifies against it after the move (law/plan_draw.c). */
static int pool_published_id(struct transfer *t, struct row *r, int64_t *existing, struct err *e)
{
    (void)existing;
    int i = col_index(r, "published_id");
    if (i < 0) return err_set(e, ERR_INTERNAL, "draw_pool 缺少 published_id 列");
    if (!col(&t->orig, "published_id")) r->val[i] = col(&t->orig, "entity_id");
    return 0;
}

/* A row the target already has (by one of its unique keys), named for the report. */
static void clash(struct transfer *t, const struct table_decl *tb, const struct row *r)
{
    static const char *const keys[] = {"username", "uscc", "cert_no", "id_number", "number"};
    const char *name = col(r, "name"), *key = NULL;
    for (size_t i = 0; i < countof(keys) && !key; i++)
        key = col(r, keys[i]);
    if (name && key)
        problem(t, "%s %s（%s）在目标库已存在", tb->label, name, key);
    else
        problem(t, "%s %s 在目标库已存在", tb->label, name ? name : key ? key : "");
}

/* The tables whose rows need more than their references followed. */
static const struct table_hooks hooks[] = {
    {"agency", match_agency, agency_path},
    {"department", match_department, NULL},
    {"app_user", rename_user, NULL},
    {"entity", entity_root, NULL},
    {"draw_pool", pool_published_id, NULL},
    {"document", document_object, NULL},
    {"wf_step", wf_step_object, NULL},
    {"wf_deadline", wf_deadline_object, NULL},
    {"power_item", match_power_item, NULL},
    {"discretion_version", match_discretion_version, NULL},
    {"discretion_level", match_discretion_level, NULL},
    {"penalty_case", case_source, NULL},
    {"publicity_item", publicity_source, NULL},
};

static const struct table_hooks *hooks_of(const char *table)
{
    for (size_t i = 0; i < countof(hooks); i++)
        if (strcmp(hooks[i].table, table) == 0) return &hooks[i];
    return NULL;
}

/* A comma-separated list of ids through the map ("" stays ""). */
static int remap_list(struct transfer *t, const char *table, const struct table_ref *fk,
                      struct row *r, struct err *e)
{
    const char *v = col(r, fk->col);
    if (!v || !*v) return 0;
    struct buf b = {0};
    int rc = 0;
    for (const char *p = v; *p && !rc;) {
        size_t len = strcspn(p, ",");
        char one[24];
        snprintf(one, sizeof one, "%.*s", (int)(len < 23 ? len : 23), p);
        int64_t to = mapped(t, fk->to, one);
        if (!to)
            rc = dangling(t, table, fk->col, one, e);
        else
            buf_addf(&b, "%s%lld", b.len ? "," : "", (long long)to);
        p += len + (p[len] == ',');
    }
    if (!rc) r->val[col_index(r, fk->col)] = arena_strdup(&t->a, buf_str(&b));
    buf_free(&b);
    return rc;
}

/* Follow the row's references through the maps: 0, an error, or 1 to skip the row (it refers
 * to a row that clashed: the transfer is already refused, and only further clashes matter).
 * REF_LATE columns go in as NULL; run_late sets them. */
static int remap(struct transfer *t, const struct table_decl *tb, struct row *r, struct err *e)
{
    for (int k = 0; k < TABLE_MAX_REFS && tb->refs[k].col; k++) {
        const struct table_ref *fk = &tb->refs[k];
        if (fk->how == REF_LIST) {
            int rc = remap_list(t, tb->name, fk, r, e);
            if (rc) return rc;
            continue;
        }
        const char *v = col(r, fk->col);
        if (!v || !*v || strcmp(v, "0") == 0) continue;
        if (fk->how == REF_LATE) {
            set_col(r, &t->a, fk->col, 0);
            continue;
        }
        int64_t to = mapped(t, fk->to, v);
        if (!to) return dangling(t, tb->name, fk->col, v, e);
        set_col(r, &t->a, fk->col, to);
    }
    return 0;
}

/* Remember the row's REF_LATE references (the row is in the target as new_id). */
static void defer_late(struct transfer *t, const struct table_decl *tb, int64_t new_id)
{
    for (int k = 0; k < TABLE_MAX_REFS && tb->refs[k].col; k++) {
        const char *v = col(&t->orig, tb->refs[k].col);
        if (tb->refs[k].how != REF_LATE || !v || !*v || strcmp(v, "0") == 0) continue;
        if (t->nlate == t->caplate) {
            t->caplate = t->caplate ? 2 * t->caplate : 64;
            t->late = xrealloc(t->late, t->caplate * sizeof *t->late);
        }
        t->late[t->nlate++] =
            (struct late){tb->name, tb->refs[k].col, new_id, tb->refs[k].to, strtoll(v, NULL, 10)};
    }
}

/* Set the REF_LATE references now that every row is in the target. */
static int run_late(struct transfer *t, struct err *e)
{
    for (size_t i = 0; i < t->nlate; i++) {
        const struct late *l = &t->late[i];
        int64_t to = map_get(map_of(t, l->to), l->old);
        if (!to)
            return err_set(e, ERR_INVALID, "源库数据不一致：%s.%s = %lld 没有对应的记录", l->table,
                           l->col, (long long)l->old);
        char sql[96];
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = ? WHERE id = ?", l->table, l->col);
        if (db_exec(t->c->db, e, sql, "ii", to, l->id) < 0) return e->code;
    }
    return 0;
}

/* INSERT the row (without its id); *id gets the new id. 1 when the target already has the row by
 * one of its unique keys: ON CONFLICT finds that through the key's index (a query first would
 * need a plan, and one made while the table was small may scan it), and nothing fails, so the
 * transfer can go on to name every clash. */
static int insert_row(struct transfer *t, const struct table_decl *tb, const struct row *r,
                      int64_t *id, struct err *e)
{
    struct buf sql = {0}, vals = {0};
    struct db_arg args[MAX_COLS];
    int n = 0;
    buf_addf(&sql, "INSERT INTO %s (", tb->name);
    for (int i = 0; i < r->n; i++) {
        if (tb->own_id && strcmp(r->name[i], "id") == 0) continue;
        if (strcmp(r->name[i], "search_text") == 0 || strcmp(r->name[i], "search_plain") == 0)
            continue; /* computed by PostgreSQL */
        buf_addf(&sql, "%s%s", n ? ", " : "", r->name[i]);
        buf_adds(&vals, n ? ", ?" : "?");
        char type = !r->val[i] ? 'n' : r->blob[i] ? 'b' : 't';
        args[n] = (struct db_arg){.type = type, .s = r->val[i], .n = r->blob[i]};
        n++;
    }
    buf_addf(&sql, ") VALUES (%s) ON CONFLICT DO NOTHING%s", buf_str(&vals),
             tb->own_id ? " RETURNING id" : "");
    struct db_stmt *st = db_query_args(t->c->db, e, sql.p, n, args);
    buf_free(&sql);
    buf_free(&vals);
    if (!st) return e->code;
    int rc = db_step(st, e);
    bool inserted = !tb->own_id ? rc == DB_DONE : rc == DB_ROW; /* rows of a new parent */
    if (rc == DB_ROW) *id = db_int(st, 0);
    while (rc == DB_ROW)
        rc = db_step(st, e);
    db_done(st);
    return rc < 0 ? rc : inserted ? 0 : 1;
}

static int record_map(struct transfer *t, const struct table_decl *tb, int64_t old, int64_t id,
                      struct err *e)
{
    map_put(map_of(t, tb->name), old, id);
    int64_t n = db_exec(
        t->c->db, e, "INSERT INTO transfer_map (source, tbl, old_id, new_id) VALUES (?, ?, ?, ?)",
        "ttii", t->o->source, tb->name, old, id);
    return n < 0 ? (int)n : 0;
}

/* One source row into the target. */
static int copy_row(struct transfer *t, const struct table_decl *tb, struct row *r,
                    struct transfer_count *count, struct err *e)
{
    int64_t old = tb->own_id ? strtoll(col(r, "id"), NULL, 10) : 0, id = 0;
    t->orig = *r;
    int rc = remap(t, tb, r, e);
    if (rc) return rc < 0 ? rc : 0;
    const struct table_hooks *h = hooks_of(tb->name);
    if (h && h->adjust) rc = h->adjust(t, r, &id, e);
    if (rc < 0) return rc;
    if (rc == 2) return 0; /* refers to a row that clashed */
    if (rc == 1) {
        count->matched++;
        return record_map(t, tb, old, id, e);
    }
    rc = insert_row(t, tb, r, &id, e);
    if (rc == 1) {
        clash(t, tb, r);
        return 0;
    }
    if (!rc && h && h->after) rc = h->after(t, r, id, e);
    if (rc) return rc;
    if (tb->own_id) defer_late(t, tb, id);
    count->copied++;
    return tb->own_id ? record_map(t, tb, old, id, e) : 0;
}

static long count_rows(struct db *db, const char *table)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    int64_t n = 0;
    return db_get_int(db, NULL, &n, sql, "") ? 0 : (long)n;
}

static int copy_table(struct transfer *t, const struct table_decl *tb, struct err *e)
{
    struct transfer_count *count = &t->rep->tables[t->rep->ntables++];
    *count = (struct transfer_count){.table = tb->name, .label = tb->label};
    long total = count_rows(t->src, tb->name), done = 0;
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", tb->name, tb->order);
    struct db_stmt *st = db_query(t->src, e, sql, "");
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct row r = {.n = db_columns(st)};
        if (r.n > MAX_COLS) fatal("transfer: %s has too many columns", tb->name);
        for (int i = 0; i < r.n; i++) {
            r.name[i] = arena_strdup(&t->a, db_column_name(st, i));
            r.blob[i] = 0;
            if (db_null(st, i)) {
                r.val[i] = NULL;
            } else if (db_is_blob(st, i)) { /* bytes, NULs and all (a kept PDF) */
                const void *p = db_blob(st, i, &r.blob[i]);
                char *copy = arena_alloc(&t->a, r.blob[i] + 1);
                if (r.blob[i]) memcpy(copy, p, r.blob[i]);
                r.val[i] = copy;
            } else {
                r.val[i] = arena_strdup(&t->a, db_text(st, i));
            }
        }
        if ((rc = copy_row(t, tb, &r, count, e))) break;
        if (t->o->progress && (++done % 500 == 0 || done == total))
            t->o->progress(tb->label, done, total);
        if (done % 1000 == 0) arena_free(&t->a); /* rows are not kept */
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* A counter's name in the target: document-number counters are named after the agency's id
 * (law/document.c: "wenhao:<agency>:<line>:<nature>", "serial:<agency>:<type>"), which the move
 * changes; other counters keep their names. On the arena. */
static const char *counter_name(struct transfer *t, const char *name)
{
    static const char *const per_agency[] = {"wenhao:", "serial:"};
    for (size_t i = 0; i < countof(per_agency); i++) {
        size_t len = strlen(per_agency[i]);
        if (strncmp(name, per_agency[i], len) != 0) continue;
        char *end;
        int64_t to = map_get(map_of(t, "agency"), strtoll(name + len, &end, 10));
        if (to && *end == ':')
            return arena_printf(&t->a, "%s%lld%s", per_agency[i], (long long)to, end);
    }
    return name;
}

/* Holidays the target lacks, and counters at least as high as the source's under the agencies'
 * new ids (卫生行政执法文书规范: a document number is never given twice, so the county's numbering
 * goes on where it stopped). */
static int copy_settings(struct transfer *t, struct err *e)
{
    static const char *const sql[] = {
        "INSERT INTO calendar_year (year, source) VALUES (?, ?) ON CONFLICT (year) DO NOTHING",
        "INSERT INTO calendar_day (day, off, name) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING",
        "INSERT INTO counter (name, year, value) VALUES (?, ?, ?) ON CONFLICT (name, year)"
        " DO UPDATE SET value = CASE WHEN counter.value > excluded.value THEN counter.value"
        " ELSE excluded.value END"};
    static const char *const from[] = {"SELECT year, source FROM calendar_year",
                                       "SELECT day, off, name FROM calendar_day",
                                       "SELECT name, year, value FROM counter"};
    for (size_t k = 0; k < countof(sql); k++) {
        struct db_stmt *st = db_query(t->src, e, from[k], "");
        if (!st) return e->code;
        int rc;
        while ((rc = db_step(st, e)) == DB_ROW) {
            struct db_arg a[3];
            int n = db_columns(st);
            for (int i = 0; i < n; i++)
                a[i] = (struct db_arg){.type = 't', .s = db_text(st, i)};
            if (k == 2) a[0].s = counter_name(t, a[0].s);
            struct db_stmt *ins = db_query_args(t->c->db, e, sql[k], n, a);
            rc = ins ? db_step(ins, e) : e->code;
            db_done(ins);
            if (rc < 0) break;
        }
        db_done(st);
        if (rc < 0) return rc;
    }
    return 0;
}

/* The source's audit chain, verified, kept as it is under the source's name. [R-AUDIT-04] a
 * broken chain is not moved. */
static int archive_audit(struct transfer *t, struct err *e)
{
    struct audit_check check;
    int rc = audit_verify(t->src, &check, e);
    if (rc) return rc;
    if (check.broken_id)
        return err_set(e, ERR_INVALID, "源库审计链在第 %lld 条断开（%s），不能迁移",
                       (long long)check.broken_id, check.reason);
    struct db_stmt *st = db_query(t->src, e,
                                  "SELECT id, at, user_id, username, agency_id, action,"
                                  " object_type, object_id, summary, prev_hash, hash"
                                  " FROM audit_log ORDER BY id",
                                  "");
    if (!st) return e->code;
    snprintf(t->rep->audit_head, sizeof t->rep->audit_head, "%s",
             "0000000000000000000000000000000000000000000000000000000000000000");
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct db_arg a[12] = {{.type = 't', .s = t->o->source}};
        for (int i = 0; i < 11; i++)
            a[i + 1] = (struct db_arg){.type = db_null(st, i) ? 'n' : 't', .s = db_text(st, i)};
        struct db_stmt *ins = db_query_args(t->c->db, e,
                                            "INSERT INTO audit_archive (source, id, at, user_id,"
                                            " username, agency_id, action, object_type,"
                                            " object_id, summary, prev_hash, hash)"
                                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                            12, a);
        int r2 = ins ? db_step(ins, e) : e->code;
        db_done(ins);
        if (r2 < 0) {
            rc = r2;
            break;
        }
        snprintf(t->rep->audit_head, sizeof t->rep->audit_head, "%s", db_text(st, 10));
        t->rep->audit_rows++;
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

/* What the areas say of table: its declaration (copied), or why it is left behind. */
static const struct table_left *left_of(const char *table)
{
    for (size_t i = 0; i < law_nareas; i++)
        for (size_t k = 0; k < law_areas[i]->nleft; k++)
            if (strcmp(law_areas[i]->left[k].name, table) == 0) return &law_areas[i]->left[k];
    return NULL;
}

const char *transfer_table_status(const char *table, bool *copied)
{
    const struct table_decl *d = law_table(table);
    *copied = d != NULL;
    if (d) return d->label;
    const struct table_left *l = left_of(table);
    if (l) return l->why;
    /* SQLite's full-text indexes (entity_fts and its shadow tables) follow the copied rows */
    if (strstr(table, "_fts")) return "全文检索索引，由目标库按迁入的记录重建";
    return NULL;
}

/* Whether the transfer may leave this table's rows behind. */
static bool may_skip(const char *table)
{
    const struct table_left *l = left_of(table);
    return !l || !l->must_be_empty;
}

/* Refuse a source with rows in a table the transfer does not know (a newer landun's, or one
 * added without teaching the transfer about it): those records would be lost in silence. */
static int check_tables(struct transfer *t, struct err *e)
{
    struct db_stmt *st =
        db_kind(t->src) == DB_SQLITE
            ? db_query(t->src, e,
                       "SELECT name FROM sqlite_master WHERE type = 'table'"
                       " AND name NOT LIKE 'sqlite%' ORDER BY name",
                       "")
            : db_query(t->src, e,
                       "SELECT table_name FROM information_schema.tables"
                       " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                       " ORDER BY table_name",
                       "");
    if (!st) return e->code;
    struct buf unknown = {0}, refused = {0};
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        const char *name = db_text(st, 0);
        bool copied;
        const char *why = transfer_table_status(name, &copied);
        if (copied || (why && may_skip(name)) || !count_rows(t->src, name)) continue;
        struct buf *to = why ? &refused : &unknown;
        buf_addf(to, "%s%s", to->len ? "、" : "", name);
    }
    db_done(st);
    if (rc >= 0 && unknown.len)
        rc = err_set(e, ERR_INVALID,
                     "源库的表 %s 中有记录，但迁移程序不知道如何迁移这些表，未迁移任何数据"
                     "（请使用能迁移这些数据的 landun 版本）",
                     buf_str(&unknown));
    else if (rc >= 0 && refused.len)
        rc = err_set(e, ERR_INVALID,
                     "源库的表 %s 中有记录：源库自己迁入过其他库的数据，未迁移任何数据"
                     "（请把那些库直接迁入目标库）",
                     buf_str(&refused));
    buf_free(&unknown);
    buf_free(&refused);
    return rc < 0 ? rc : 0;
}

/* Pack the frozen pool of every committed plan moved, from its rows in the target (whose hash must
 * still match the commitment): a pack holds the entity ids of the database it was made in, so the
 * source's is not copied (law/plan_draw.c). */
static int pack_pools(struct transfer *t, struct err *e)
{
    const struct idmap *m = map_of(t, "draw_plan");
    for (size_t i = 0; i < m->cap; i++) {
        int rc = m->keys[i] ? plan_pool_pack(t->c, m->vals[i], e) : 0;
        if (rc) return rc;
    }
    return 0;
}

/* Count the provisional deadlines again on the target's calendar, which now has the source's
 * years too (RULES.md §0): a deadline the county counted provisionally over a year the target
 * has loaded is no longer provisional. */
static int recount_provisional(struct transfer *t, struct err *e)
{
    struct calendar *cal;
    int rc = holiday_load(t->c->db, &cal, e);
    if (rc) return rc;
    json_t *moved = json_array();
    rc = wf_recount(t->c, cal, NULL, &t->rep->recounted, moved, e);
    t->rep->moved = (int)json_array_size(moved);
    json_decref(moved);
    calendar_free(cal);
    return rc;
}

static int run_all(struct transfer *t, struct err *e)
{
    int moved =
        db_exists(t->c->db, e, "SELECT 1 FROM transfer_map WHERE source = ?", "t", t->o->source);
    if (moved < 0) return moved;
    if (moved) return err_set(e, ERR_CONFLICT, "%s 已经迁入过目标库", t->o->source);
    int rc = check_tables(t, e);
    for (size_t i = 0; i < t->ntabs && !rc; i++)
        rc = copy_table(t, t->tabs[i], e);
    if (!rc && !t->nproblems) rc = run_late(t, e);
    if (!rc && t->nproblems) {
        snprintf(t->rep->clashes, sizeof t->rep->clashes, "%s%s", buf_str(&t->problems),
                 t->nproblems > 20 ? "\n……" : "");
        return err_set(e, ERR_CONFLICT, "目标库已有 %d 条相同的记录，未迁移任何数据：%s",
                       t->nproblems, buf_str(&t->problems));
    }
    if (!rc) rc = pack_pools(t, e);
    if (!rc) rc = copy_settings(t, e);
    if (!rc) rc = recount_provisional(t, e);
    if (!rc) rc = archive_audit(t, e);
    if (!rc)
        rc = audit_write(t->c, "transfer.import", "transfer", 0,
                         "从 %s 迁入数据；其审计链 %ld 条已存档，末条哈希 %s", t->o->source,
                         t->rep->audit_rows, t->rep->audit_head);
    return rc;
}

/* Every area's copied tables, in order, and a map of ids for each. */
static void tables_of_areas(struct transfer *t)
{
    size_t n = 0;
    for (size_t i = 0; i < law_nareas; i++)
        n += law_areas[i]->ntables;
    if (n > TRANSFER_MAX_TABLES)
        fatal("transfer: the areas declare %zu tables, more than TRANSFER_MAX_TABLES", n);
    t->tabs = xcalloc(n ? n : 1, sizeof *t->tabs);
    t->maps = xcalloc(n ? n : 1, sizeof *t->maps);
    for (size_t i = 0; i < law_nareas; i++)
        for (size_t k = 0; k < law_areas[i]->ntables; k++)
            t->tabs[t->ntabs++] = &law_areas[i]->tables[k];
}

int transfer_run(struct ctx *c, struct db *src, const struct transfer_opts *o,
                 struct transfer_report *rep, struct err *e)
{
    memset(rep, 0, sizeof *rep);
    struct transfer t = {.c = c, .src = src, .o = o, .rep = rep};
    tables_of_areas(&t);
    int rc = db_begin_read(src, e);
    if (rc) return rc;
    rc = db_begin(c->db, e);
    if (!rc) {
        rc = run_all(&t, e);
        if (rc)
            db_rollback(c->db);
        else
            rc = db_commit(c->db, e);
    }
    db_commit(src, NULL);
    for (size_t k = 0; k < t.ntabs; k++) {
        free(t.maps[k].keys);
        free(t.maps[k].vals);
    }
    free(t.maps);
    free(t.tabs);
    free(t.late);
    free(t.roots.keys);
    free(t.roots.vals);
    buf_free(&t.problems);
    arena_free(&t.a);
    return rc;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_left left[] = {
    {"schema_migration", "目标库有自己的结构版本", false},
    {"audit_archive", "源库自己迁入过其他库：请先把那些库直接迁入目标库", true},
    {"transfer_map", "源库自己迁入过其他库：请先把那些库直接迁入目标库", true},
};

const struct law_area law_area_transfer = {"transfer", NULL, 0, left, countof(left)};
