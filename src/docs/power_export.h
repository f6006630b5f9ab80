/* power_export.h — the power list and its baselines as a spreadsheet (XLSX or CSV, chosen by the
 * file name), in the columns power_import reads, so an export can be edited and imported again. */
#ifndef LANDUN_POWER_EXPORT_H
#define LANDUN_POWER_EXPORT_H

#include "law/ctx.h"

/* Write every item the actor sees to path: one row per level of the baseline in force and of
 * each one to come, or one row for an item without either. */
int export_power(struct ctx *c, const char *path, struct err *e);

#endif
