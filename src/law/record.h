/* record.h — reading a record for a change: the record (of a table with agency_id and version
 * columns), its agency's path, its version for the optimistic check, and one more column the
 * change needs; and whether it lies in the actor's scope. */
#ifndef LANDUN_RECORD_H
#define LANDUN_RECORD_H

#include "law/ctx.h"

/* What record_read found. */
struct record_ref {
    const char *path;  /* the record's agency's materialised path (arena) */
    int64_t version;   /* the record's version */
    const char *extra; /* the extra column as text (arena); NULL when NULL or none was asked */
};

/* Reads record id of table (a table name of the code, never outside input) with its agency's
 * path, version and the column extra (or none when NULL) into out; ERR_NOTFOUND with the message
 * missing when there is no such record. */
int record_read(struct ctx *c, const char *table, int64_t id, const char *extra,
                const char *missing, struct record_ref *out, struct err *e);

/* record_read, and ERR_NOTFOUND with the message missing also when the record's agency lies
 * outside the actor's subtree: to the actor it does not exist. */
int record_in_scope(struct ctx *c, const char *table, int64_t id, const char *extra,
                    const char *missing, struct record_ref *out, struct err *e);

#endif
