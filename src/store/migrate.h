/* migrate.h — numbered schema steps (migrations/NNN_name.sql), applied once each, in order. */
#ifndef LANDUN_MIGRATE_H
#define LANDUN_MIGRATE_H

#include "store/db.h"

/* Apply every embedded migration not yet applied, each in its own transaction.
 * Returns the number applied (≥ 0) or a negative error. */
int db_migrate(struct db *db, struct err *e);

/* Turn a migration's text into the engine's dialect (exposed for tests). Caller frees.
 * `-- @sqlite`, `-- @postgres` and `-- @all` lines switch which engine the following lines are
 * for; the token ID_PK becomes the engine's auto-increment integer primary key. */
char *db_dialect_sql(enum db_kind kind, const char *sql);

#endif
