/* holiday.h — the working-day calendar kept in the database, seeded from the State Council
 * notices shipped in data/holidays/ and from the movable dates of the statutory holidays
 * (data/holidays/movable.tsv), which count the years whose notice is not loaded provisionally.
 *
 * The calendar is national: only the system (the command line) and administrators of a
 * top-level agency may change it, and its changes are audited where every agency sees them.
 * When a year's arrangement is loaded (a notice file imported, a year added by hand, a newer
 * release shipping the file), every provisional deadline is counted again, its mark cleared
 * once no provisional year is left in its period; when a single day is changed, every deadline
 * whose period runs over it is. Each one that moved is audited and listed for the administrator
 * (calendar_load, deadline_move). */
#ifndef LANDUN_HOLIDAY_H
#define LANDUN_HOLIDAY_H

#include <jansson.h>
#include "law/ctx.h"

struct calendar;

/* Load the shipped years not yet in the database (init and upgrades), recomputing provisional
 * deadlines when any was added. Returns years added. */
int holiday_seed(struct ctx *c, struct err *e);
/* Build a calendar from the database and the shipped movable dates; caller frees with
 * calendar_free. */
int holiday_load(struct db *db, struct calendar **out, struct err *e);
/* The calendar's version: it advances with every change, so a process holding a loaded copy can
 * tell (cheaply, by polling) that another process changed it. */
int64_t holiday_version(struct db *db);
/* True when the actor may change the calendar: the system, or an administrator of a top-level
 * agency. */
bool holiday_may_change(const struct ctx *c);
/* 0 when the actor may change the calendar, else ERR_FORBIDDEN with the reason in e. */
int holiday_require_change(const struct ctx *c, struct err *e);
/* End a change to the calendar begun with db_begin: when rc is 0, advance the version (which
 * every server process polls, holiday_version, to reload its copy) and
 * commit; otherwise (or when that fails) roll everything back. Returns the outcome. Callers:
 * every change in holiday.c and holiday_year.c. */
int holiday_commit(struct ctx *c, int rc, struct err *e);

/* What a change of the calendar did. */
struct holiday_result {
    int year;         /* the year loaded */
    int64_t load_id;  /* its calendar_load row */
    int recomputed;   /* deadlines counted again */
    bool edit;        /* a single day was changed (not a year loaded) */
    json_t *moved;    /* [{"id","kind","object_id","label","old_due","new_due"}] (owned) */
    json_t *problems; /* a refused file: [{"item","message"}] (owned), else NULL */
};
/* Free what a holiday_result owns. */
void holiday_result_free(struct holiday_result *r);

/* Mark day as a holiday (off) or a 调休 working day, with a name; the year must be loaded. The
 * deadlines whose period runs over the day are counted again (r). */
int holiday_set_day(struct ctx *c, const char *day, bool off, const char *name,
                    struct holiday_result *r, struct err *e);
/* Remove a special day (it becomes an ordinary weekday/weekend day), recounting likewise. */
int holiday_clear_day(struct ctx *c, const char *day, struct holiday_result *r, struct err *e);

/* Add a year by hand (so that its weekdays count) with its statutory holidays filled in from the
 * provisional rules, for the administrator to complete from the notice; source: the notice. */
int holiday_add_year(struct ctx *c, const char *year, const char *source, struct holiday_result *r,
                     struct err *e);
/* Load a year's notice from a holiday-cn JSON file: checked strictly (every problem listed in
 * r->problems, nothing saved unless there are none), then the year's days replaced by the
 * file's and provisional deadlines recomputed, in one transaction. */
int holiday_import(struct ctx *c, const char *json, size_t len, struct holiday_result *r,
                   struct err *e);
/* Count again the deadlines a change of the calendar may move, on the calendar as the open
 * transaction now has it: every provisional one when year was loaded (day NULL; how: import |
 * manual | seed), or every one whose period runs over day when that day was changed by hand
 * (how: edit). Writes the calendar_load row (source says what changed) and the deadline_move
 * rows. For holiday.c and holiday_year.c, inside their transaction. */
int holiday_recount(struct ctx *c, int year, const char *source, const char *how, const char *day,
                    struct holiday_result *r, struct err *e);

/* The calendar page: {"years": [{year, source, days: [...]}], "provisional": [{year, basis,
 * days: [...]}] for the years counted provisionally around today, "loads": [{…, moves: […]}],
 * "may_change": bool}. */
json_t *holiday_list(struct ctx *c, struct err *e);
/* The year whose notice the actor should load now, or 0: from 1 November, next year's when it
 * is not loaded and the actor may change the calendar (the dashboard's warning). */
int holiday_year_due(const struct ctx *c);

#endif
