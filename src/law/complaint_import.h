/* complaint_import.h — complaints in bulk from the 12345 hotline platform's export (XLSX or CSV,
 * read by base/sheet.h as the registry import reads its files).
 *
 * Exports name their columns differently from city to city, so the clerk says once which column
 * feeds which field of a complaint (a first guess is made from the usual titles); the mapping is
 * saved for the agency and later files use it. Every row is taken in by complaint_add on the
 * channel hotline with its work-order number; a work order taken in before is skipped and listed,
 * a refused row is reported with its fields' messages and the other rows go on. */
#ifndef LANDUN_COMPLAINT_IMPORT_H
#define LANDUN_COMPLAINT_IMPORT_H

#include <jansson.h>
#include "base/sheet.h"
#include "law/ctx.h"

/* A field of a complaint that a column of the export can feed. */
struct complaint_import_field {
    const char *field;          /* complaint_input's member: external_no */
    const char *label;          /* what the clerk sees: 工单编号 */
    bool required;              /* a column must feed it */
    const char *const *guesses; /* titles tried for the first guess, best first, NULL-ended */
};

/* The fields, in the order the mapping form shows them; ended by {NULL}. */
extern const struct complaint_import_field complaint_import_fields[];

/* What the clerk gave with the file. */
struct complaint_import_options {
    json_t *columns;    /* field → the column's title, to use and save for the agency; NULL:
                           the agency's saved mapping */
    bool remap;         /* answer with the file's columns and a guess instead of using the saved
                           mapping (the clerk asked to map them again) */
    const char *line;   /* catalog lines for rows without a known one; blank: the saved one, or
                           medical */
    const char *matter; /* complaint_matters likewise; blank: the saved one, or other */
    const struct sheet_limits *lim; /* the file's limits; NULL: sheet.h's, as the registry
                                       import's */
};

/* What came of a file. The JSON members are owned (complaint_import_result_free). */
struct complaint_import_result {
    bool mapped;        /* the columns were known and the rows read; false: nothing was taken
                           in, and `columns` is the guess (or the mapping with what is missing
                           from the file left out) for the clerk to confirm */
    int header_row;     /* the row of the column titles (0: none found) */
    int rows;           /* data rows read */
    int imported;       /* complaints taken in */
    int skipped;        /* work orders taken in before */
    int refused;        /* rows refused */
    json_t *headers;    /* the file's column titles, in order ("" for a column without one) */
    json_t *columns;    /* field → title: the mapping used, or the one to confirm */
    const char *line;   /* the default line used (static or catalogue text) */
    const char *matter; /* the default matter used */
    json_t *saved;      /* [{row, id, number, external_no}] */
    json_t *duplicates; /* [{row, external_no, id, number}]: the complaint taken in before */
    json_t *problems;   /* [{row, field, label, column, message}] */
};

/* Take the complaints of the export data[0..len) (filename chooses the format with the content,
 * as sheet_read) in for the actor's agency. Returns 0 when the file was read, whether or not its
 * columns were known (res->mapped); ERR_INVALID for a file that is not a spreadsheet, is empty,
 * has no header row, lacks a mapped column or a required field's column (res->headers and
 * res->columns then say what the file has), or ERR_TOOLARGE past the limits. One transaction:
 * the mapping given is saved with the rows. res is always filled. */
int complaint_import(struct ctx *c, const char *data, size_t len, const char *filename,
                     const struct complaint_import_options *o, struct complaint_import_result *res,
                     struct err *e);
void complaint_import_result_free(struct complaint_import_result *res);

/* The agency's saved mapping {columns, line, matter, updated_at} (owned), json null when there
 * is none, or NULL on a database error. */
json_t *complaint_import_mapping(struct ctx *c, struct err *e);

/* The first guess of the fields' columns among the titles (field → title, owned): a title equal
 * to one of a field's guesses, then one containing it; each column feeds one field. */
json_t *complaint_import_guess(json_t *titles);

/* The code of a catalogue value as an export writes it: a code or label of list, else the longest
 * label the text contains ("医疗机构/无证行医" → unlicensed_practice); NULL when none. */
const char *complaint_import_code(const char *list, const char *value);

#endif
