/* backend.h — what a database engine implements (private to store/). */
#ifndef LANDUN_BACKEND_H
#define LANDUN_BACKEND_H

#include "store/db.h"

/* The operations an engine provides; db.c does the rest (binding by type string, helpers). */
struct db_ops {
    int (*open)(struct db *db, const char *url, struct err *e);
    void (*close)(struct db *db);
    /* A ready statement for sql (from the cache when possible), bindings cleared. */
    struct db_stmt *(*prepare)(struct db *db, const char *sql, struct err *e);
    void (*bind_int)(struct db_stmt *st, int idx, int64_t v);
    void (*bind_text)(struct db_stmt *st, int idx, const char *s);
    void (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
    void (*bind_null)(struct db_stmt *st, int idx);
    int (*step)(struct db_stmt *st, struct err *e);
    void (*done)(struct db_stmt *st);
    int64_t (*col_int)(struct db_stmt *st, int col);
    const char *(*col_text)(struct db_stmt *st, int col);
    bool (*col_null)(struct db_stmt *st, int col);
    const void *(*col_blob)(struct db_stmt *st, int col, size_t *len);
    bool (*col_is_blob)(struct db_stmt *st, int col);
    int (*columns)(struct db_stmt *st);
    const char *(*column_name)(struct db_stmt *st, int col);
    int64_t (*changes)(struct db_stmt *st);
    int (*exec_script)(struct db *db, const char *sql, struct err *e);
    /* Transaction control of the outermost transaction (savepoints are statements db.c runs).
     * An engine may defer the work: PostgreSQL sends a BEGIN with the transaction's first
     * statement, and the COMMIT of a transaction that only read with the connection's next
     * command, or when settle finds it has waited ms or more (NULL: nothing is ever deferred). */
    int (*begin)(struct db *db, struct err *e);
    int (*begin_read)(struct db *db, struct err *e);
    int (*commit)(struct db *db, struct err *e);
    void (*rollback)(struct db *db);
    void (*settle)(struct db *db, int ms);
    void (*search)(struct db *db, struct arena *a, const char *table, const char *alias,
                   const char *const *cols, const char *q, struct db_search *s, struct buf *bind);
    int (*backup)(struct db *db, const char *path, void (*progress)(int, int), struct err *e);
};

/* A connection: the engine's state hangs off impl. */
struct db {
    const struct db_ops *ops; /* the engine */
    enum db_kind kind;        /* which engine */
    char *url;                /* as opened; owned */
    int depth;                /* open transaction nesting; 0 outside any */
    const char *tx_file;      /* where the outermost transaction began (for diagnostics) */
    int tx_line;
    void *impl; /* engine state */
};

/* Every statement starts with this header so db.c can reach the connection. */
struct db_stmt {
    struct db *db; /* owning connection */
    bool ok_error; /* set by db_query when binding failed: step reports the error */
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* The errors a user sees when the database refuses a statement: the same words whichever engine
 * runs, so pages and tests do not depend on the engine. Each fills e and returns its code. */
/* A uniqueness, NOT NULL or CHECK violation; detail is the engine's own text (may be NULL). */
int db_fail_constraint(struct err *e, const char *detail);
/* A foreign-key violation: the row is referenced, or references a row that does not exist. */
int db_fail_reference(struct err *e);
/* A lock could not be had (SQLite busy, PostgreSQL deadlock or serialization failure). */
int db_fail_busy(struct err *e);
/* Anything else: the details go to the log, the user sees a short message. */
int db_fail_internal(struct err *e);

#endif
