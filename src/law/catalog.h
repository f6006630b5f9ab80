/* catalog.h — the shipped reference lists (data/catalog.json): professional lines, entity
 * sub-types, licence types, risk grades. Read-only after first use; thread-safe. */
#ifndef LANDUN_CATALOG_H
#define LANDUN_CATALOG_H

#include <jansson.h>
#include <stdbool.h>

/* Chinese label of a code in list ("lines", "subtypes", "licence_types", "risk_grades"), or
 * NULL when the code is not in the list. */
const char *catalog_label(const char *list, const char *code);
/* True when code is in list. */
bool catalog_has(const char *list, const char *code);
/* The one-character abbreviation of a line for document numbers (医 for medical), or NULL. */
const char *catalog_line_abbr(const char *line);
/* The lines a sub-type belongs to (borrowed JSON array of codes), or NULL. */
json_t *catalog_subtype_lines(const char *subtype);
/* The whole catalogue (borrowed; do not modify). */
json_t *catalog_json(void);
/* Comma-separated line codes → comma-separated Chinese labels, into out. */
void catalog_lines_label(const char *codes, char *out, size_t n);

#endif
