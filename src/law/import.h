/* import.h — importing the registries from spreadsheets (CSV in UTF-8 or GBK, XLSX).
 * Every bad row is reported with its row, column and reason; by default nothing is imported when
 * any row is bad. The column titles are shared with the exports (docs/registry_export.c), so an
 * exported file can be edited and imported again. */
#ifndef LANDUN_IMPORT_H
#define LANDUN_IMPORT_H

#include <jansson.h>
#include "law/ctx.h"

/* One column of a registry spreadsheet: the field it feeds and the accepted titles. */
struct sheet_column {
    const char *field; /* input field name (as in forms and the API) */
    const char *title; /* the title written by exports */
    const char *alt;   /* another accepted title, or NULL */
    bool required;     /* the column must be present */
};

extern const struct sheet_column entity_columns[];  /* terminated by {NULL} */
extern const struct sheet_column officer_columns[]; /* terminated by {NULL} */

/* Outcome of an import. */
struct import_result {
    int rows;         /* data rows read */
    int imported;     /* rows saved */
    int bad;          /* rows with errors */
    json_t *problems; /* [{row, column, message}] (owned; json_decref) */
};

/* Import entities or officers from a file's bytes. With skip_invalid, good rows are saved and bad
 * ones reported; otherwise any bad row means nothing is saved (ERR_INVALID). progress, if not
 * NULL, is called now and then with rows done. */
int import_entities(struct ctx *c, const char *data, size_t len, const char *filename,
                    bool skip_invalid, void (*progress)(int rows), struct import_result *res,
                    struct err *e);
int import_officers(struct ctx *c, const char *data, size_t len, const char *filename,
                    bool skip_invalid, void (*progress)(int rows), struct import_result *res,
                    struct err *e);

/* A catalogue or status value given as a code or a Chinese label → the code (or the input). */
const char *import_code(const char *list, const char *value);

#endif
