/* registry_export.h — the registries as spreadsheets (XLSX or CSV, chosen by the file name). The
 * columns match what `landun import` reads, so an export can be edited and imported again. */
#ifndef LANDUN_REGISTRY_EXPORT_H
#define LANDUN_REGISTRY_EXPORT_H

#include "law/ctx.h"

/* Write every entity in the actor's scope to path (.xlsx or .csv). */
int export_entities(struct ctx *c, const char *path, struct err *e);
/* Write every officer in the actor's scope to path (.xlsx or .csv). */
int export_officers(struct ctx *c, const char *path, struct err *e);

#endif
