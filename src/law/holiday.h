/* holiday.h — the working-day calendar kept in the database (editable by administrators),
 * seeded from the State Council notices shipped in data/holidays/. */
#ifndef LANDUN_HOLIDAY_H
#define LANDUN_HOLIDAY_H

#include <jansson.h>
#include "law/ctx.h"

struct calendar;

/* Load the shipped years not yet in the database (init and upgrades). Returns years added. */
int holiday_seed(struct ctx *c, struct err *e);
/* Build a calendar from the database; caller frees with calendar_free. */
int holiday_load(struct db *db, struct calendar **out, struct err *e);
/* The calendar's version: it advances with every change, so a process holding a loaded copy can
 * tell (cheaply, by polling) that another process changed it. */
int64_t holiday_version(struct db *db);
/* Mark day as a holiday (off) or a 调休 working day, with a name; the year must be loaded. */
int holiday_set_day(struct ctx *c, const char *day, bool off, const char *name, struct err *e);
/* Remove a special day (it becomes an ordinary weekday/weekend day). */
int holiday_clear_day(struct ctx *c, const char *day, struct err *e);
/* Add a year with no special days yet (so that its weekdays count); source: the notice. */
int holiday_add_year(struct ctx *c, const char *year, const char *source, struct err *e);
/* Years with their special days, for the admin page: [{year, source, days: [...]}]. */
json_t *holiday_list(struct ctx *c, struct err *e);

#endif
