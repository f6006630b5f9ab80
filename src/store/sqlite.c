/* sqlite.c — the SQLite engine: WAL, foreign keys, FTS5 trigram search, a statement cache. */
#include "store/backend.h"
#include "store/ngram.h"
#include "base/log.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define STMT_CACHE 96

/* A prepared statement; the cache owns it between uses. */
struct sq_stmt {
    struct db_stmt base; /* must be first */
    sqlite3_stmt *stmt;  /* the prepared statement */
    char *sql;           /* its text (cache key); owned */
    unsigned hash;       /* hash of sql */
    bool in_use;         /* handed out and not yet done */
    uint64_t used_at;    /* tick of last use, for eviction */
    int64_t changes;     /* sqlite3_changes after the last step that finished */
};

/* The connection state. */
struct sq_conn {
    sqlite3 *h;                        /* the handle */
    struct sq_stmt *cache[STMT_CACHE]; /* prepared statements by slot */
    uint64_t tick;                     /* use counter for eviction */
};

static unsigned sql_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int sq_error(sqlite3 *h, int rc, struct err *e, const char *what)
{
    int prim = rc & 0xff;
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return db_fail_reference(e);
    if (prim == SQLITE_CONSTRAINT) return db_fail_constraint(e, sqlite3_errmsg(h));
    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
        log_warn("sqlite busy in %s: %s", what, sqlite3_errmsg(h));
        return db_fail_busy(e);
    }
    log_error("sqlite %s: %s (%d)", what, sqlite3_errmsg(h), rc);
    return db_fail_internal(e);
}

static const char *strip_scheme(const char *url)
{
    return str_prefix(url, "sqlite:") ? url + 7 : url;
}

/* Process-wide settings, before SQLite initialises: no global memory statistics (their mutex is
 * taken on every allocation of every thread). */
static void sq_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(struct db *db, const char *url, struct err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sq_configure);
    struct sq_conn *c = xcalloc(1, sizeof *c);
    db->impl = c;
    int rc =
        sqlite3_open_v2(strip_scheme(url), &c->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, ERR_INTERNAL, "无法打开数据库 %s：%s", strip_scheme(url),
                c->h ? sqlite3_errmsg(c->h) : "内存不足");
        return ERR_INTERNAL;
    }
    sqlite3_extended_result_codes(c->h, 1);
    /* Plan without looking at bound values: otherwise every `LIKE ?` re-prepares its statement
     * whenever the value changes (a fifth of a list page's time). */
    sqlite3_db_config(c->h, SQLITE_DBCONFIG_ENABLE_QPSG, 1, (int *)NULL);
    if (ngram_register(c->h)) {
        err_set(e, ERR_INTERNAL, "SQLite 缺少 FTS5 全文检索支持");
        return ERR_INTERNAL;
    }
    sqlite3_busy_timeout(c->h, 10000);
    const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
                          "PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;"
                          "PRAGMA cache_size=-16000;";
    char *msg = NULL;
    if (sqlite3_exec(c->h, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(e, ERR_INTERNAL, "无法设置数据库：%s", msg ? msg : "");
        sqlite3_free(msg);
        return ERR_INTERNAL;
    }
    return 0;
}

static void sq_close(struct db *db)
{
    struct sq_conn *c = db->impl;
    if (!c) return;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (!c->cache[i]) continue;
        sqlite3_finalize(c->cache[i]->stmt);
        free(c->cache[i]->sql);
        free(c->cache[i]);
    }
    sqlite3_close_v2(c->h);
    free(c);
}

/* Find a free cached statement for sql, or the slot to put a new one in. */
static struct sq_stmt *cache_lookup(struct sq_conn *c, const char *sql, unsigned h, int *slot)
{
    int free_slot = -1, oldest = -1;
    for (int i = 0; i < STMT_CACHE; i++) {
        struct sq_stmt *s = c->cache[i];
        if (!s) {
            if (free_slot < 0) free_slot = i;
            continue;
        }
        if (!s->in_use && s->hash == h && strcmp(s->sql, sql) == 0) return s;
        if (!s->in_use && (oldest < 0 || s->used_at < c->cache[oldest]->used_at)) oldest = i;
    }
    *slot = free_slot >= 0 ? free_slot : oldest;
    return NULL;
}

static struct db_stmt *sq_prepare(struct db *db, const char *sql, struct err *e)
{
    struct sq_conn *c = db->impl;
    unsigned h = sql_hash(sql);
    int slot = -1;
    struct sq_stmt *s = cache_lookup(c, sql, h, &slot);
    if (!s) {
        sqlite3_stmt *stmt = NULL;
        int rc = sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
        if (rc != SQLITE_OK) {
            log_error("sqlite prepare: %s in: %s", sqlite3_errmsg(c->h), sql);
            db_fail_internal(e);
            return NULL;
        }
        s = xcalloc(1, sizeof *s);
        s->base.db = db;
        s->stmt = stmt;
        s->sql = xstrdup(sql);
        s->hash = h;
        if (slot >= 0) {
            struct sq_stmt *old = c->cache[slot];
            if (old) {
                sqlite3_finalize(old->stmt);
                free(old->sql);
                free(old);
            }
            c->cache[slot] = s;
        }
        /* slot < 0: every cached statement is in use; s is owned by the caller until done. */
    }
    s->in_use = true;
    s->used_at = ++c->tick;
    s->changes = 0;
    s->base.ok_error = false;
    return &s->base;
}

static bool sq_cached(struct sq_conn *c, struct sq_stmt *s)
{
    for (int i = 0; i < STMT_CACHE; i++)
        if (c->cache[i] == s) return true;
    return false;
}

static void sq_done(struct db_stmt *st)
{
    struct sq_stmt *s = (struct sq_stmt *)st;
    struct sq_conn *c = st->db->impl;
    sqlite3_reset(s->stmt);
    sqlite3_clear_bindings(s->stmt);
    s->in_use = false;
    if (!sq_cached(c, s)) {
        sqlite3_finalize(s->stmt);
        free(s->sql);
        free(s);
    }
}

#define SQ(st) (((struct sq_stmt *)(st))->stmt)

static void sq_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    sqlite3_bind_int64(SQ(st), idx, v);
}

static void sq_bind_text(struct db_stmt *st, int idx, const char *s)
{
    if (s)
        sqlite3_bind_text(SQ(st), idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(SQ(st), idx);
}

static void sq_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    sqlite3_bind_blob64(SQ(st), idx, p, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(struct db_stmt *st, int idx)
{
    sqlite3_bind_null(SQ(st), idx);
}

static int sq_step(struct db_stmt *st, struct err *e)
{
    struct sq_stmt *s = (struct sq_stmt *)st;
    struct sq_conn *c = st->db->impl;
    int rc = sqlite3_step(s->stmt);
    if (rc == SQLITE_ROW) return DB_ROW;
    if (rc == SQLITE_DONE) {
        s->changes = sqlite3_changes64(c->h);
        return DB_DONE;
    }
    return sq_error(c->h, rc, e, s->sql);
}

static int64_t sq_col_int(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(SQ(st), col);
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(SQ(st), col);
}

static bool sq_col_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(SQ(st), col) == SQLITE_NULL;
}

static const void *sq_col_blob(struct db_stmt *st, int col, size_t *len)
{
    const void *p = sqlite3_column_blob(SQ(st), col);
    *len = (size_t)sqlite3_column_bytes(SQ(st), col);
    return p;
}

static bool sq_col_is_blob(struct db_stmt *st, int col)
{
    return sqlite3_column_type(SQ(st), col) == SQLITE_BLOB;
}

static int sq_columns(struct db_stmt *st)
{
    return sqlite3_column_count(SQ(st));
}

static const char *sq_column_name(struct db_stmt *st, int col)
{
    return sqlite3_column_name(SQ(st), col);
}

static int64_t sq_changes(struct db_stmt *st)
{
    return ((struct sq_stmt *)st)->changes;
}

static int sq_exec_script(struct db *db, const char *sql, struct err *e)
{
    struct sq_conn *c = db->impl;
    char *msg = NULL;
    int rc = sqlite3_exec(c->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        log_error("sqlite script: %s", msg ? msg : "?");
        err_set(e, ERR_INTERNAL, "数据库错误：%s", msg ? msg : "");
        sqlite3_free(msg);
        return ERR_INTERNAL;
    }
    return 0;
}

/* Run a statement through the cache (transaction control runs on every request). */
static int sq_run(struct db *db, const char *sql, struct err *e)
{
    struct db_stmt *st = sq_prepare(db, sql, e);
    if (!st) return e->code;
    int rc = sq_step(st, e);
    sq_done(st);
    return rc < 0 ? rc : 0;
}

static int sq_begin(struct db *db, struct err *e)
{
    /* IMMEDIATE: take the write lock now, so a transaction never fails half-way on BUSY. */
    return sq_run(db, "BEGIN IMMEDIATE", e);
}

static int sq_begin_read(struct db *db, struct err *e)
{
    return sq_run(db, "BEGIN", e);
}

static int sq_commit(struct db *db, struct err *e)
{
    return sq_run(db, "COMMIT", e);
}

static void sq_rollback(struct db *db)
{
    struct err scratch = {0};
    sq_run(db, "ROLLBACK", &scratch);
}

/* The FTS5 table <table>_fts (tokenizer landun_ngram, see ngram.c) leads the join, so matches
 * come in rowid order and a LIMITed, newest-first list stops as soon as it has its rows. */
static void sq_search(struct db *db, struct arena *a, const char *table, const char *alias,
                      const char *const *cols, const char *q, struct db_search *s, struct buf *bind)
{
    (void)db, (void)cols;
    s->from =
        arena_printf(a, "%s_fts _s JOIN %s %s ON %s.id = _s.rowid", table, table, alias, alias);
    s->where = arena_printf(a, "%s_fts MATCH ?", table);
    s->order = "_s.rowid";
    buf_addc(bind, '"');
    for (const char *p = q; *p; p++) {
        if (*p == '"') buf_addc(bind, '"');
        buf_addc(bind, *p);
    }
    buf_addc(bind, '"');
}

static int sq_backup(struct db *db, const char *path, void (*progress)(int, int), struct err *e)
{
    struct sq_conn *c = db->impl;
    sqlite3 *dst = NULL;
    int rc = sqlite3_open(path, &dst);
    if (rc != SQLITE_OK) {
        err_set(e, ERR_INTERNAL, "无法创建备份文件 %s", path);
        sqlite3_close(dst);
        return ERR_INTERNAL;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", c->h, "main");
    if (!b) {
        err_set(e, ERR_INTERNAL, "备份失败：%s", sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return ERR_INTERNAL;
    }
    do {
        rc = sqlite3_backup_step(b, 256);
        if (progress)
            progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b),
                     sqlite3_backup_pagecount(b));
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    int ok = rc == SQLITE_DONE;
    if (!ok) err_set(e, ERR_INTERNAL, "备份失败：%s", sqlite3_errmsg(dst));
    sqlite3_close(dst);
    return ok ? 0 : ERR_INTERNAL;
}

const struct db_ops db_sqlite_ops = {
    .open = sq_open,
    .close = sq_close,
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .done = sq_done,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .col_null = sq_col_null,
    .col_blob = sq_col_blob,
    .col_is_blob = sq_col_is_blob,
    .columns = sq_columns,
    .column_name = sq_column_name,
    .changes = sq_changes,
    .exec_script = sq_exec_script,
    .begin = sq_begin,
    .begin_read = sq_begin_read,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .search = sq_search,
    .backup = sq_backup,
};
