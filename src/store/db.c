/* db.c — the engine-neutral half of the database interface: binding, helpers, transactions. */
#include "store/backend.h"
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <assert.h>
#include <string.h>

int db_open(const char *url, struct db **out, struct err *e)
{
    struct db *db = xcalloc(1, sizeof *db);
    if (str_prefix(url, "postgresql://") || str_prefix(url, "postgres://")) {
        db->ops = &db_pg_ops;
        db->kind = DB_POSTGRES;
    } else {
        db->ops = &db_sqlite_ops;
        db->kind = DB_SQLITE;
    }
    db->url = xstrdup(url);
    int rc = db->ops->open(db, url, e);
    if (rc) {
        db_close(db);
        return rc;
    }
    *out = db;
    return 0;
}

void db_close(struct db *db)
{
    if (!db) return;
    if (db->depth) {
        log_warn("closing a connection with a transaction open since %s:%d", db->tx_file,
                 db->tx_line);
        db->ops->rollback(db);
    }
    db->ops->close(db);
    free(db->url);
    free(db);
}

int db_fail_constraint(struct err *e, const char *detail)
{
    return err_set(e, ERR_CONFLICT, "与已有记录重复或不满足约束：%s", detail ? detail : "");
}

int db_fail_reference(struct err *e)
{
    return err_set(e, ERR_CONFLICT, "该记录被其他记录引用或引用的记录不存在");
}

int db_fail_busy(struct err *e)
{
    return err_set(e, ERR_INTERNAL, "数据库繁忙，请稍后重试");
}

int db_fail_internal(struct err *e)
{
    return err_set(e, ERR_INTERNAL, "数据库错误");
}

enum db_kind db_kind(const struct db *db)
{
    return db->kind;
}

const char *db_url(const struct db *db)
{
    return db->url;
}

/* Bind the arguments described by types; returns 0 or ERR_INTERNAL for a bad type string. */
static int bind_args(struct db_stmt *st, const char *types, va_list ap)
{
    const struct db_ops *ops = st->db->ops;
    int idx = 1;
    for (const char *t = types; t && *t; t++, idx++) {
        switch (*t) {
        case 'i':
            ops->bind_int(st, idx, va_arg(ap, int64_t));
            break;
        case 'I': {
            int64_t v = va_arg(ap, int64_t);
            if (v)
                ops->bind_int(st, idx, v);
            else
                ops->bind_null(st, idx);
            break;
        }
        case 't':
            ops->bind_text(st, idx, va_arg(ap, const char *));
            break;
        case 'n':
            ops->bind_null(st, idx);
            break;
        case 'b': {
            const void *p = va_arg(ap, const void *);
            ops->bind_blob(st, idx, p, va_arg(ap, size_t));
            break;
        }
        default:
            fatal("db: bad bind type '%c' in \"%s\"", *t, types);
        }
    }
    return 0;
}

#ifndef NDEBUG
/* The number of ? placeholders in sql outside quoted strings and identifiers. */
static size_t count_placeholders(const char *sql)
{
    size_t n = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote)
            quote = *p == quote ? 0 : quote;
        else if (*p == '\'' || *p == '"')
            quote = *p;
        else if (*p == '?')
            n++;
    }
    return n;
}
#endif

static struct db_stmt *vquery(struct db *db, struct err *e, const char *sql, const char *types,
                              va_list ap)
{
#ifndef NDEBUG
    /* A type letter per placeholder: a mismatch would read arguments that were never passed. */
    if (count_placeholders(sql) != (types ? strlen(types) : 0))
        fatal("db: %zu placeholders but types \"%s\" in: %s", count_placeholders(sql),
              types ? types : "", sql);
#endif
    struct db_stmt *st = db->ops->prepare(db, sql, e);
    if (!st) return NULL;
    bind_args(st, types, ap);
    return st;
}

struct db_stmt *db_query(struct db *db, struct err *e, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    struct db_stmt *st = vquery(db, e, sql, types, ap);
    va_end(ap);
    return st;
}

struct db_stmt *db_query_args(struct db *db, struct err *e, const char *sql, int nargs,
                              const struct db_arg *args)
{
    struct db_stmt *st = db->ops->prepare(db, sql, e);
    if (!st) return NULL;
    const struct db_ops *ops = db->ops;
    for (int k = 0; k < nargs; k++) {
        const struct db_arg *a = &args[k];
        if (a->type == 'i')
            ops->bind_int(st, k + 1, a->i);
        else if (a->type == 't')
            ops->bind_text(st, k + 1, a->s);
        else if (a->type == 'b')
            ops->bind_blob(st, k + 1, a->s, a->n);
        else if (a->type == 'n')
            ops->bind_null(st, k + 1);
        else
            fatal("db: bad argument type '%c'", a->type);
    }
    return st;
}

/* Append the arguments of types from ap to c. */
static void cond_args(struct db_cond *c, const char *types, va_list ap)
{
    for (const char *t = types; *t; t++) {
        if (c->nargs == DB_COND_MAX_ARGS)
            fatal("db_cond: more than %d arguments", DB_COND_MAX_ARGS);
        struct db_arg *a = &c->args[c->nargs++];
        *a = (struct db_arg){.type = *t};
        if (*t == 'i')
            a->i = va_arg(ap, int64_t);
        else if (*t == 't')
            a->s = va_arg(ap, const char *);
        else
            fatal("db_cond: bad argument type '%c'", *t);
    }
}

void db_cond_add(struct db_cond *c, const char *cond, const char *types, ...)
{
    if (c->sql.len) buf_adds(&c->sql, " AND ");
    buf_adds(&c->sql, cond);
    va_list ap;
    va_start(ap, types);
    cond_args(c, types, ap);
    va_end(ap);
}

void db_cond_bind(struct db_cond *c, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    cond_args(c, types, ap);
    va_end(ap);
}

const char *db_cond_sql(struct db_cond *c)
{
    return c->sql.len ? buf_str(&c->sql) : "1 = 1";
}

struct db_stmt *db_cond_query(struct db *db, struct err *e, const char *sql,
                              const struct db_cond *c)
{
    return db_query_args(db, e, sql, c->nargs, c->args);
}

void db_cond_free(struct db_cond *c)
{
    buf_free(&c->sql);
}

int db_step(struct db_stmt *st, struct err *e)
{
    if (e) return st->db->ops->step(st, e);
    struct err scratch = {0}; /* several KB: cleared only when needed, not on every row */
    return st->db->ops->step(st, &scratch);
}

void db_done(struct db_stmt *st)
{
    if (st) st->db->ops->done(st);
}

int64_t db_int(struct db_stmt *st, int col)
{
    return st->db->ops->col_int(st, col);
}

const char *db_text(struct db_stmt *st, int col)
{
    return st->db->ops->col_text(st, col);
}

bool db_null(struct db_stmt *st, int col)
{
    return st->db->ops->col_null(st, col);
}

const void *db_blob(struct db_stmt *st, int col, size_t *len)
{
    return st->db->ops->col_blob(st, col, len);
}

bool db_is_blob(struct db_stmt *st, int col)
{
    return st->db->ops->col_is_blob(st, col);
}

int db_columns(struct db_stmt *st)
{
    return st->db->ops->columns(st);
}

const char *db_column_name(struct db_stmt *st, int col)
{
    return st->db->ops->column_name(st, col);
}

/* Run st to its end: the rows it changed, or an error. */
static int64_t run_to_end(struct db *db, struct db_stmt *st, struct err *e)
{
    if (!st) return e ? e->code : ERR_INTERNAL;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
    }
    int64_t changes = rc == DB_DONE ? db->ops->changes(st) : rc;
    db_done(st);
    return changes;
}

int64_t db_exec(struct db *db, struct err *e, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    struct db_stmt *st = vquery(db, e, sql, types, ap);
    va_end(ap);
    return run_to_end(db, st, e);
}

int64_t db_cond_exec(struct db *db, struct err *e, const char *sql, const struct db_cond *c)
{
    return run_to_end(db, db_query_args(db, e, sql, c->nargs, c->args), e);
}

/* Rows per multi-row INSERT: a few hundred, and never more bound values than SQLite allows
 * (32,766) or PostgreSQL (65,535). */
#define INSERT_ROWS   500
#define INSERT_VALUES 30000

int64_t db_rows(struct db *db, struct err *e, const char *head, const char *row, const char *tail,
                int ncols, size_t nrows, const struct db_arg *args)
{
    size_t per = (size_t)(INSERT_VALUES / ncols);
    if (per > INSERT_ROWS) per = INSERT_ROWS;
    int64_t total = 0;
    struct buf sql = {0};
    for (size_t at = 0; at < nrows; at += per) {
        size_t n = nrows - at < per ? nrows - at : per;
        buf_reset(&sql);
        buf_adds(&sql, head);
        for (size_t r = 0; r < n; r++) {
            buf_adds(&sql, r ? ", " : " ");
            if (row) {
                buf_adds(&sql, row);
                continue;
            }
            buf_addc(&sql, '(');
            for (int k = 0; k < ncols; k++)
                buf_adds(&sql, k ? ", ?" : "?");
            buf_addc(&sql, ')');
        }
        if (tail) buf_adds(&sql, tail);
        struct db_stmt *st = db_query_args(db, e, buf_str(&sql), (int)(n * (size_t)ncols),
                                           args + at * (size_t)ncols);
        int rc = st ? db_step(st, e) : (e ? e->code : ERR_INTERNAL);
        if (rc == DB_DONE) total += db->ops->changes(st);
        db_done(st);
        if (rc < 0 || rc == DB_ROW) {
            buf_free(&sql);
            return rc < 0 ? rc : ERR_INTERNAL;
        }
    }
    buf_free(&sql);
    return total;
}

int64_t db_insert_rows(struct db *db, struct err *e, const char *head, int ncols, size_t nrows,
                       const struct db_arg *args)
{
    return db_rows(db, e, head, NULL, NULL, ncols, nrows, args);
}

int db_get_int(struct db *db, struct err *e, int64_t *out, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    struct db_stmt *st = vquery(db, e, sql, types, ap);
    va_end(ap);
    if (!st) return e ? e->code : ERR_INTERNAL;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *out = db_int(st, 0);
        rc = 0;
        /* Finish the statement so INSERT … RETURNING completes before reset. */
        while (db_step(st, e) == DB_ROW) {
        }
    } else if (rc == DB_DONE) {
        rc = ERR_NOTFOUND;
    }
    db_done(st);
    return rc;
}

int db_exists(struct db *db, struct err *e, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = db_vexists(db, e, sql, types, ap);
    va_end(ap);
    return rc;
}

int db_vexists(struct db *db, struct err *e, const char *sql, const char *types, va_list ap)
{
    struct db_stmt *st = vquery(db, e, sql, types, ap);
    if (!st) return e->code ? e->code : ERR_INTERNAL;
    int rc = db_step(st, e);
    db_done(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : rc;
}

bool db_ping(struct db *db)
{
    struct err e = {0};
    return db_exists(db, &e, "SELECT 1", "") == 1;
}

int db_exec_script(struct db *db, struct err *e, const char *sql)
{
    struct err scratch = {0};
    return db->ops->exec_script(db, sql, e ? e : &scratch);
}

/* Savepoint statements through the statement cache (sqlite3_exec would parse them every time). */
static int tx_exec(struct db *db, struct err *e, const char *sql)
{
    struct err scratch = {0};
    int64_t rc = db_exec(db, e ? e : &scratch, sql, "");
    return rc < 0 ? (int)rc : 0;
}

int db_begin_at(struct db *db, struct err *e, const char *file, int line)
{
    int rc;
    if (db->depth == 0) {
        rc = db->ops->begin(db, e);
        if (rc) return rc;
        db->tx_file = file;
        db->tx_line = line;
    } else {
        char sql[40];
        snprintf(sql, sizeof sql, "SAVEPOINT sp%d", db->depth);
        rc = tx_exec(db, e, sql);
        if (rc) return rc;
    }
    db->depth++;
    return 0;
}

int db_begin_read(struct db *db, struct err *e)
{
    if (db->depth > 0) return db_begin(db, e);
    int rc = db->ops->begin_read(db, e);
    if (rc) return rc;
    db->tx_file = "read";
    db->tx_line = 0;
    db->depth = 1;
    return 0;
}

int db_commit(struct db *db, struct err *e)
{
    if (db->depth <= 0) fatal("db_commit without a transaction");
    db->depth--;
    if (db->depth > 0) {
        char sql[40];
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT sp%d", db->depth);
        return tx_exec(db, e, sql);
    }
    struct err scratch = {0};
    int rc = db->ops->commit(db, e ? e : &scratch);
    if (rc) db->ops->rollback(db);
    return rc;
}

void db_rollback(struct db *db)
{
    if (db->depth <= 0) return;
    db->depth--;
    if (db->depth > 0) {
        char sql[80];
        snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT sp%d", db->depth);
        tx_exec(db, NULL, sql);
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT sp%d", db->depth);
        tx_exec(db, NULL, sql);
        return;
    }
    db->ops->rollback(db);
}

void db_settle(struct db *db, int ms)
{
    if (db->ops->settle && db->depth == 0) db->ops->settle(db, ms);
}

int db_depth(const struct db *db)
{
    return db->depth;
}

/* True when q holds a letter, digit or non-ASCII character (something an index can find). */
static bool searchable(const char *q)
{
    for (const unsigned char *p = (const unsigned char *)q; *p; p++)
        if (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            return true;
    return false;
}

bool db_search(struct db *db, struct arena *a, const char *table, const char *alias,
               const char *const *cols, const char *q, struct db_search *s, struct buf *bind)
{
    buf_reset(bind);
    s->sorts = false;
    s->table = table;
    s->alias = alias;
    if (!q || !searchable(q)) {
        s->from = arena_printf(a, "%s %s", table, alias);
        /* Only tested for NULL: the PostgreSQL engine types it and writes the NULL in. */
        s->where = "? IS NULL";
        s->order = arena_printf(a, "%s.id", alias);
        return false;
    }
    db->ops->search(db, a, table, alias, cols, q, s, bind);
    return true;
}

void db_search_page(struct buf *sql, const struct db_search *s, const char *cols, const char *joins,
                    const char *filter)
{
    if (!s->sorts) {
        buf_addf(sql, "SELECT %s FROM %s %s WHERE %s AND %s ORDER BY %s DESC LIMIT ? OFFSET ?",
                 cols, s->from, joins, s->where, filter, s->order);
        return;
    }
    const char *t = s->table, *x = s->alias;
    buf_addf(sql,
             "SELECT %s FROM %s %s %s WHERE %s.id IN (SELECT %s.id FROM %s WHERE %s AND %s"
             " ORDER BY %s DESC LIMIT ? OFFSET ?) ORDER BY %s.id DESC",
             cols, t, x, joins, x, x, s->from, s->where, filter, s->order, x);
}

void db_search_count(struct buf *sql, const struct db_search *s, const char *filter)
{
    buf_addf(sql, "SELECT COUNT(*) FROM (SELECT 1 FROM %s WHERE %s AND %s LIMIT ?) AS t", s->from,
             s->where, filter);
}

int db_backup(struct db *db, const char *path, void (*progress)(int done, int total), struct err *e)
{
    return db->ops->backup(db, path, progress, e);
}

int db_next_id(struct db *db, const char *table, int64_t *id, struct err *e)
{
    assert(db_depth(db) > 0);
    char sql[256];
    if (db_kind(db) == DB_POSTGRES) /* the identity sequence never gives a value twice */
        snprintf(sql, sizeof sql, "SELECT nextval(pg_get_serial_sequence('%s', 'id'))", table);
    else /* above the largest id present and the largest ever deleted (id_floor) */
        snprintf(sql, sizeof sql,
                 "SELECT MAX(COALESCE((SELECT MAX(id) FROM %s), 0),"
                 " COALESCE((SELECT last FROM id_floor WHERE tbl = '%s'), 0)) + 1",
                 table, table);
    return db_get_int(db, e, id, sql, "");
}

int db_id_deleted(struct db *db, const char *table, int64_t id, struct err *e)
{
    int64_t n = db_exec(db, e,
                        "INSERT INTO id_floor (tbl, last) VALUES (?, ?) ON CONFLICT (tbl)"
                        " DO UPDATE SET last = CASE WHEN id_floor.last > excluded.last"
                        " THEN id_floor.last ELSE excluded.last END",
                        "ti", table, id);
    return n < 0 ? (int)n : 0;
}
