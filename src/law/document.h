/* document.h — issued enforcement documents: their numbers and the register of what was issued.
 *
 * 卫生行政执法文书规范 (卫生部令第87号): a document with a 文号 is numbered
 * 地区简称 + 卫 + 执法类别 + 执法性质 + 〔年份〕 + 序号 (武卫医罚〔2023〕12号); others get
 * 编号 = 年份 + 序号. The document types, their Chinese names, number style and 执法性质 are data
 * (data/doc_types.json). Sequences run per agency, type family and year through law/counter.h,
 * inside the transaction that issues the document, so numbers never skip or repeat, across
 * server processes too. */
#ifndef LANDUN_LAW_DOCUMENT_H
#define LANDUN_LAW_DOCUMENT_H

#include <jansson.h>
#include "base/buf.h"
#include "law/ctx.h"
#include "law/role.h"

/* Issue a document of type (a code from data/doc_types.json, e.g. "site_record",
 * "advice_notice") for the record (object_type, object_id) of agency_id in line (a line code,
 * for the 执法类别 of a 文号), dated date (YYYY-MM-DD: its year numbers it). Must run inside the
 * caller's write transaction. Sets *number (arena-allocated) and *doc_id. Writes no audit row:
 * the caller's action does. ERR_INVALID for an unknown type or line; ERR_INTERNAL otherwise. */
int document_issue(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                   const char *date, const char *object_type, int64_t object_id, int64_t *doc_id,
                   const char **number, struct err *e);

/* Issue a document of type (a 文号 type) that carries number, drawn before by document_number
 * (the decision of a case carries the 文号 the case took at 立案): registered as document_issue
 * does, with the year and sequence read from the number. */
int document_issue_as(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                      const char *date, const char *number, const char *object_type,
                      int64_t object_id, int64_t *doc_id, struct err *e);

/* Draw the next number of type for agency_id in line and date's year, as document_issue would,
 * without registering a document: a case takes at 立案 the 文号 its decision will carry
 * (武卫医罚〔2026〕12号). Inside the caller's write transaction. */
int document_number(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                    const char *date, const char **number, struct err *e);

/* The documents issued for a record, oldest first: [{"id","type","type_label","number","date"}],
 * and for one whose PDF is kept (document_keep) "sha256", "personal" when it names the person who
 * made the request, and "pdf", the path of GET /documents/{id}.pdf, unless it names that person
 * and person_shown is false (the actor may not see them: document_pdf would refuse). New
 * reference. */
json_t *document_list(struct ctx *c, const char *object_type, int64_t object_id, bool person_shown,
                      struct err *e);

/* The Chinese name of a document type (现场笔录), or NULL for an unknown code. */
const char *document_type_label(const char *type);
/* Whether the type is numbered with a 编号 ("编号" is printed before it), not a 文号. */
bool document_type_serial(const char *type);

/* ---- kept documents (law/document_file.c, docs/documents.md) -------------------------------

 * A kind of record whose documents are declared as data (docs/doc_layout.h) and kept with it:
 * its area declares it (law/area.h: law_area.documents) beside its reading functions, which
 * decide who may see the person who made the request. */
struct doc_owner {
    const char *kind;   /* document.object_type and the workflow's kind: complaint */
    enum perm read;     /* the permission to read its records */
    const char *person; /* the key of the person who made the request in its JSON (complainant),
                           or NULL when it has none */
    const char *whose;  /* that person in words, for messages: 投诉人 */
    /* The record as the actor sees it: NULL with ERR_NOTFOUND outside their scope; the person
     * under `person` when the actor may see them, else "<person>_hidden": true. */
    json_t *(*get)(struct ctx *c, int64_t id, struct err *e);
    /* The record as its documents print it: the same, the person shown whoever acts (the
     * document is addressed to them; who may read it is checked when it is served). */
    json_t *(*data)(struct ctx *c, int64_t id, struct err *e);
};

/* The owner of records of kind, or NULL. */
const struct doc_owner *document_owner(const char *kind);

/* What a declared document of type prints (docs/doc_layout.h), from record (owner's data JSON,
 * changed in place): "document": {"title","number","number_label","date"}; "step": step (the
 * step that issues it: its action, label, date, reason, reason_label, note and other inputs;
 * stolen; NULL: {}); "last_step": the latest step of each action of record's "steps", by action;
 * "deadline": its "deadlines" by name. The person of owner is removed unless type is personal. */
void document_data(json_t *record, const struct doc_owner *owner, const char *type,
                   const char *number, const char *date, json_t *step);

/* Render issued document doc_id from its type's declaration over its record and keep the PDF
 * with its SHA-256 (sealed under the data key when it names the person), inside the issuing
 * transaction; step as document_data's (stolen). 0 and nothing kept for a type without a
 * declaration. ERR_INTERNAL when the record's person cannot be opened (another data key). */
int document_keep(struct ctx *c, int64_t doc_id, json_t *step, struct err *e);

/* A kept document as served. */
struct document_pdf {
    const char *type_label; /* 政府信息公开申请答复书 (arena) */
    const char *number;     /* its 文号 or 编号 (arena) */
    char sha256[65];        /* of pdf */
    struct buf pdf;         /* the file; the caller frees it */
};
/* Document id's kept PDF for the actor: ERR_NOTFOUND when it does not exist, lies outside what
 * the actor may read or has no kept file; ERR_FORBIDDEN without the owner's read permission, or
 * when it names the person who made the request and the actor may not see them [R-DOC-03];
 * ERR_INTERNAL when the file cannot be opened or does not match its SHA-256. */
int document_pdf(struct ctx *c, int64_t id, struct document_pdf *out, struct err *e);

#endif
