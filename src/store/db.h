/* db.h — the database interface. Everything outside store/ talks to the database through this.
 *
 * One `struct db` is one connection, used by one thread at a time. SQL is written once, in the
 * subset SQLite and PostgreSQL share, with `?` placeholders (rewritten to `$n` for PostgreSQL)
 * and RETURNING for new ids. What differs between the engines (text search) is a function here.
 * Upsert is written as `INSERT … ON CONFLICT (…) DO UPDATE`, which both engines accept as is.
 *
 * Binding uses a type string, one letter per `?`:
 *   'i' int64_t   'I' int64_t, 0 binds NULL (optional references)
 *   't' const char * (NULL binds NULL)   'n' NULL (consumes no argument)
 *   'b' blob: const void *, size_t
 * PostgreSQL is strictly typed: there 'i'/'I' are bigint (a function that takes integer, such as
 * substr, needs CAST(? AS INTEGER)), 'b' is bytea, and a text or NULL takes the type of where it
 * stands (a `?` only tested with IS NULL is text).
 */
#ifndef LANDUN_DB_H
#define LANDUN_DB_H

#include <stdint.h>
#include <stdbool.h>
#include "base/err.h"
#include "base/arena.h"
#include "base/buf.h"

struct db;
struct db_stmt;

enum db_kind { DB_SQLITE = 1, DB_POSTGRES = 2 };

/* db_step results. */
enum { DB_DONE = 0, DB_ROW = 1 };

/* Open a connection. url: a file path, "sqlite:PATH", or "postgresql://…" / "postgres://…"
 * (a libpq connection URI). Sets WAL, foreign keys, busy timeout and synchronous=FULL on SQLite;
 * UTF-8 client encoding and UTC on PostgreSQL. */
int db_open(const char *url, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* The URL the connection was opened with (owned by db). */
const char *db_url(const struct db *db);

/* Prepare sql (cached per connection) and bind the arguments. Returns NULL on error (e filled).
 * Release with db_done. */
struct db_stmt *db_query(struct db *db, struct err *e, const char *sql, const char *types, ...);
/* One argument for db_query_args: type is one of the bind letters above ('i', 't', 'n', 'b'). */
struct db_arg {
    char type;
    int64_t i;     /* 'i' */
    const char *s; /* 't' (NULL binds NULL); 'b' bytes */
    size_t n;      /* 'b' length */
};
/* db_query with the arguments in an array, for statements built at run time (copying tables). */
struct db_stmt *db_query_args(struct db *db, struct err *e, const char *sql, int nargs,
                              const struct db_arg *args);
/* The conditions of a WHERE built from the filters actually set, with their arguments in the
 * order of their ?s: each statement holds only what it needs, so the planner can use the indexes
 * for it (a condition written out as `(? IS NULL OR col = ?)` hides them from SQLite, which
 * plans a statement once for every value). */
#define DB_COND_MAX_ARGS 32
struct db_cond {
    struct buf sql; /* the conditions joined with " AND " */
    struct db_arg args[DB_COND_MAX_ARGS];
    int nargs;
};
/* AND cond into c, with one argument per ? in it (types as db_query's: 'i' int64_t, 't' text). */
void db_cond_add(struct db_cond *c, const char *cond, const char *types, ...);
/* Arguments of ?s outside the conditions (a search's before them, LIMIT and OFFSET after), in
 * their place in the order of the statement's ?s. */
void db_cond_bind(struct db_cond *c, const char *types, ...);
/* The conditions ("1 = 1" when none). */
const char *db_cond_sql(struct db_cond *c);
/* Prepare sql with c's arguments (db_query_args). */
struct db_stmt *db_cond_query(struct db *db, struct err *e, const char *sql,
                              const struct db_cond *c);
/* Run sql with c's arguments (db_exec): the rows changed, or an error. */
int64_t db_cond_exec(struct db *db, struct err *e, const char *sql, const struct db_cond *c);
void db_cond_free(struct db_cond *c);

/* Next row: DB_ROW, DB_DONE, or a negative enum err_code (e filled; ERR_CONFLICT for a
 * uniqueness or foreign-key violation). On PostgreSQL a failed statement spoils the whole
 * transaction (and a later COMMIT fails): to query on after an error you handle (say
 * ERR_CONFLICT), roll the transaction back first, or run that statement in a nested
 * db_begin … db_commit (a savepoint) and db_rollback it when it fails. */
int db_step(struct db_stmt *st, struct err *e);
/* Reset and return the statement to the connection's cache. NULL is ignored. */
void db_done(struct db_stmt *st);

/* Column accessors for the current row (0-based). Text is owned by the statement and valid until
 * the next step/done; NULL for SQL NULL. */
int64_t db_int(struct db_stmt *st, int col);
const char *db_text(struct db_stmt *st, int col);
bool db_null(struct db_stmt *st, int col);
const void *db_blob(struct db_stmt *st, int col, size_t *len);
/* Whether the current row's value of col is bytes (a BLOB on SQLite, a bytea column on
 * PostgreSQL): read it with db_blob, not db_text. For code that copies rows it does not know
 * (landun migrate). */
bool db_is_blob(struct db_stmt *st, int col);
int db_columns(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int col);

/* Run a statement that returns no rows; returns the number of rows changed (≥ 0) or an error. */
int64_t db_exec(struct db *db, struct err *e, const char *sql, const char *types, ...);
/* Insert nrows rows of ncols values each (args row after row) with multi-row INSERTs of a few
 * hundred rows each: head is "INSERT INTO t (a, b, c) VALUES", the `(?, ?, ?), …` are added.
 * Returns the number of rows inserted (≥ 0) or an error. For bulk writes (a draw's tasks). */
/* db_insert_rows, generally: a statement of head, then nrows copies of row (its ncols
 * placeholders, e.g. "(CAST(? AS BIGINT), ?)"; NULL for "(?, ?, …)") joined by commas, then
 * tail (or NULL), run a few hundred rows at a time. For many rows changed at once: "UPDATE t SET
 * x = v.column2 FROM (VALUES" … ") AS v WHERE t.id = v.column1" (the VALUES columns are named
 * column1, column2 … on both engines). Returns the rows changed (≥ 0) or an error. */
int64_t db_rows(struct db *db, struct err *e, const char *head, const char *row, const char *tail,
                int ncols, size_t nrows, const struct db_arg *args);
int64_t db_insert_rows(struct db *db, struct err *e, const char *head, int ncols, size_t nrows,
                       const struct db_arg *args);
/* Run a query whose first row's first column is an integer (COUNT, INSERT … RETURNING id).
 * Returns 0 and sets *out; ERR_NOTFOUND when there is no row. */
int db_get_int(struct db *db, struct err *e, int64_t *out, const char *sql, const char *types, ...);
/* The id for a new row of table (a trusted identifier with an `id` identity column) that no row
 * of it ever had, deleted ones included (see db_id_deleted): insert the row with it. Inside a
 * transaction. For tables whose rows may be deleted and whose ids history names (a plan). */
int db_next_id(struct db *db, const char *table, int64_t *id, struct err *e);
/* Record that row id of table is being deleted, so that db_next_id never gives it again. */
int db_id_deleted(struct db *db, const char *table, int64_t id, struct err *e);
/* Whether the query returns a row: 1 when it does, 0 when not, or a negative enum err_code with
 * e filled when the query fails (a failure is never taken for "no row"). */
int db_exists(struct db *db, struct err *e, const char *sql, const char *types, ...);
int db_vexists(struct db *db, struct err *e, const char *sql, const char *types, va_list ap);
/* True when the database answers (health checks). */
bool db_ping(struct db *db);
/* Run several statements of trusted SQL text (migrations). */
int db_exec_script(struct db *db, struct err *e, const char *sql);

/* Transactions nest: the outermost begin starts a write transaction, inner ones are savepoints.
 * file/line record where a transaction was opened, for the log when one is left open. */
int db_begin_at(struct db *db, struct err *e, const char *file, int line);
int db_commit(struct db *db, struct err *e);
/* Begin a read transaction (one consistent snapshot for several queries, and one lock instead of
 * one per statement); end it with db_commit. Only for requests that do not write (a write
 * inside it upgrades the lock and may fail as busy; on PostgreSQL, REPEATABLE READ, a write to a
 * row another transaction changed since the snapshot fails as busy). */
int db_begin_read(struct db *db, struct err *e);
void db_rollback(struct db *db);
int db_depth(const struct db *db);

/* On PostgreSQL a transaction that only read ends without a round trip of its own: its COMMIT
 * goes to the server with the connection's next command. Send it now if it has waited ms or
 * more: a connection left idle would otherwise keep its snapshot and the locks of what it read.
 * Nothing to do on SQLite. Not while another thread uses db. */
void db_settle(struct db *db, int ms);
#define db_begin(db, e) db_begin_at((db), (e), __FILE__, __LINE__)

/* A text search over a table whose columns are indexed for search (see migrations). */
struct db_search {
    const char *from; /* replaces "table alias" in FROM, e.g. "entity_fts _s JOIN entity x ON …" */
    const char *where; /* a condition with exactly one ?, to AND into WHERE */
    const char *order; /* the expression to ORDER BY (DESC for newest first): the key, so that
                          a LIMITed list stops early instead of sorting every match, or on
                          PostgreSQL for a rare fragment `x.id + 0`, which no index provides, so
                          that its few matches are looked up in the search index and sorted */
    bool sorts;        /* every match is found, then sorted (that `x.id + 0`): a page is best
                          read by its keys first (db_search_page) */
    const char *table, *alias; /* as given to db_search */
};
/* Fill s for rows of `table` (aliased `alias`, key `id`) whose columns `cols` (NULL-terminated:
 * the same list the table's search index covers) contain q as a fragment, Chinese included, of
 * any length. The value to bind for the `?` is left in bind. Strings are owned by bind/static
 * storage and the arena a. Returns false when q holds nothing searchable (only punctuation):
 * then s describes the plain table and where is "? IS NULL" (bind NULL). */
bool db_search(struct db *db, struct arena *a, const char *table, const char *alias,
               const char *const *cols, const char *q, struct db_search *s, struct buf *bind);

/* Append to sql the statement for one page of the rows s finds that also pass filter (a
 * condition on s's alias alone), newest first: "SELECT cols FROM <s.from> joins WHERE <s.where>
 * AND filter ORDER BY <s.order> DESC LIMIT ? OFFSET ?", or, when the search sorts its matches,
 * the page's keys selected that way and cols read for those keys alone, so that the joins and the
 * wide rows of every match are not carried through the sort. The parameters are the same in
 * either: the search's, filter's, the limit and the offset. */
void db_search_page(struct buf *sql, const struct db_search *s, const char *cols, const char *joins,
                    const char *filter);
/* Append to sql the statement that counts, up to a cap, the rows db_search_page lists: "SELECT
 * COUNT(*) FROM (SELECT 1 FROM <s.from> WHERE <s.where> AND filter LIMIT ?) AS t", with the
 * search's and filter's parameters and then the cap plus one. */
void db_search_count(struct buf *sql, const struct db_search *s, const char *filter);

/* Online, consistent copy of the database to path (SQLite backup API). PostgreSQL has no such
 * copy from inside a connection: ERR_INVALID with a message naming pg_dump. */
int db_backup(struct db *db, const char *path, void (*progress)(int done, int total),
              struct err *e);

#endif
