/* counter.c — named counters in the database. */
#include "law/counter.h"
#include "base/log.h"

int counter_next(struct db *db, const char *name, int year, int64_t *value, struct err *e)
{
    if (db_depth(db) == 0) fatal("counter_next(%s) outside a transaction", name);
    /* [R-DOC-02] One statement that inserts or increments: no read-then-write window between
     * processes, and a rolled-back number is given again. */
    return db_get_int(db, e, value,
                      "INSERT INTO counter (name, year, value) VALUES (?, ?, 1)"
                      " ON CONFLICT (name, year) DO UPDATE SET value = counter.value + 1"
                      " RETURNING value",
                      "ti", name, (int64_t)year);
}

int64_t counter_value(struct db *db, const char *name, int year)
{
    struct err e = {0};
    int64_t v = 0;
    int rc = db_get_int(db, &e, &v, "SELECT value FROM counter WHERE name = ? AND year = ?", "ti",
                        name, (int64_t)year);
    if (rc && rc != ERR_NOTFOUND) log_warn("counter %s/%d: %s", name, year, e.msg);
    return rc ? 0 : v;
}
