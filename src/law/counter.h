/* counter.h — named counters shared by every server process on one database (document numbers,
 * data versions). */
#ifndef LANDUN_COUNTER_H
#define LANDUN_COUNTER_H

#include <stdint.h>
#include "base/err.h"
#include "store/db.h"

/* Advance counter (name, year) by one and set *value to the new value (1 the first time).
 * Must run inside the write transaction that uses the number: if it rolls back, so does the
 * counter, so numbers never skip; concurrent transactions, in this process or another, queue on
 * the counter's row, so numbers never repeat. year is 0 for counters that never restart. */
int counter_next(struct db *db, const char *name, int year, int64_t *value, struct err *e);

/* The counter's current value; 0 when it has never advanced (or on error, which is logged). */
int64_t counter_value(struct db *db, const char *name, int year);

#endif
