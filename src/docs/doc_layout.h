/* doc_layout.h — documents declared as data. Each type with a declaration
 * (data/documents/<type>.json, docs/documents.md) says once what it prints: its labelled fields,
 * the addressee, the body's sections, the signature lines, seal, date, small print and copies,
 * each a plain-text template (base/tmpl.h) over the record's JSON. One renderer turns a
 * declaration and a record into a `struct document` and calls doc_render_pdf: adding a type is a
 * declaration and a test, not a new C file of layout code.
 *
 * The declarations are embedded in the binary and compiled once, at the first use; a defect in
 * one (an unknown key, a template that does not compile) stops the program with its reason, as a
 * defect in data/doc_types.json does. Depends on base/ and docs/document.h only. */
#ifndef LANDUN_DOC_LAYOUT_H
#define LANDUN_DOC_LAYOUT_H

#include <stdbool.h>
#include <jansson.h>
#include "base/buf.h"
#include "base/err.h"

/* Whether type has a declaration. */
bool doc_layout_has(const char *type);
/* Whether type's declaration prints the person who made the request ("personal": true): the
 * complainant, petitioner or applicant, whose identity is sealed at rest (law/intake.h). Only such
 * a type is given that person (law/document.c), so no other can print them. */
bool doc_layout_personal(const char *type);
/* The declared types, in name order: the count, and each code through type(i) (static). */
size_t doc_layout_count(void);
const char *doc_layout_type(size_t i);

/* Render type's declaration over data as an A4 PDF appended to out. data is the record's JSON
 * with "document": {"title", "number", "number_label", "date"} (law/document.c adds it); it is
 * read, not changed: the templates see a copy with, beside every date "YYYY-MM-DD" under a key
 * k, its printed form under k_cn (2026年3月5日), and beside every code value (lower-case ASCII
 * letters, digits and _) under k, an object k_is with that code true, for sections chosen by a
 * code ({{#answer_type_is.withhold}}…). ERR_NOTFOUND for a type without a declaration; otherwise
 * doc_render_pdf's result. Thread-safe. */
int doc_layout_render(const char *type, json_t *data, struct buf *out, struct err *e);

#endif
