/* power_import.h — the power list and its baselines from a spreadsheet (XLSX, or CSV in UTF-8 or
 * GBK), the same columns the export writes (docs/power_export.h), so an exported file can be
 * edited and imported again.
 *
 * One row per discretion level: the first row of an item's code gives the item, further rows of
 * the same code add the next levels of its baseline (their item columns blank or the same); an
 * item without a baseline is one row with the level columns blank. A baseline's effective date
 * left blank is the day of the import. Every row is checked by the same law/ functions a form
 * uses; the problems are reported by row and column, and nothing is saved when there is any
 * ([R-POW-09]). A preview does everything and then saves nothing. */
#ifndef LANDUN_POWER_IMPORT_H
#define LANDUN_POWER_IMPORT_H

#include <jansson.h>
#include "law/ctx.h"
#include "law/import.h"

/* The columns, in the order the export writes them; ended by {NULL}. */
extern const struct sheet_column power_columns[];

/* How to import. */
struct power_import_options {
    bool preview;            /* check and report, save nothing */
    const char *agency_code; /* the agency of rows without 制定机构代码; NULL: the actor's */
};

/* What came of a file. problems and items are owned (json_decref). */
struct power_import_result {
    int rows;        /* data rows read */
    int items_added; /* items new, changed, unchanged */
    int items_changed;
    int items_same;
    int versions_added; /* baseline versions new, changed (not yet in force), unchanged */
    int versions_changed;
    int versions_same;
    bool saved;       /* the file was imported (not a preview, no problem) */
    json_t *problems; /* [{row, column, message}] */
    json_t *items;    /* [{row, code, name, action, baseline}]: what each item came to */
};

/* Import (or preview) the file data[0..len) (filename picks the format with the content, as
 * sheet_read does). Returns 0 when the file was imported or previewed without problems;
 * ERR_INVALID when any row has one (nothing saved), or when the file is not a spreadsheet or
 * lacks a required column. res is always filled. */
int power_import(struct ctx *c, const char *data, size_t len, const char *filename,
                 const struct power_import_options *o, struct power_import_result *res,
                 struct err *e);
void power_import_result_free(struct power_import_result *res);

#endif
