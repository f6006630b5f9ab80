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
#include "law/ctx.h"

/* Issue a document of type (a code from data/doc_types.json, e.g. "site_record",
 * "advice_notice") for the record (object_type, object_id) of agency_id in line (a line code,
 * for the 执法类别 of a 文号), dated date (YYYY-MM-DD: its year numbers it). Must run inside the
 * caller's write transaction. Sets *number (arena-allocated) and *doc_id. Writes no audit row:
 * the caller's action does. ERR_INVALID for an unknown type or line; ERR_INTERNAL otherwise. */
int document_issue(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                   const char *date, const char *object_type, int64_t object_id, int64_t *doc_id,
                   const char **number, struct err *e);

/* Draw the next number of type for agency_id in line and date's year, as document_issue would,
 * without registering a document: a case takes at 立案 the 文号 its decision will carry
 * (武卫医罚〔2026〕12号). Inside the caller's write transaction. */
int document_number(struct ctx *c, const char *type, int64_t agency_id, const char *line,
                    const char *date, const char **number, struct err *e);

/* The documents issued for a record, oldest first: [{"id","type","type_label","number","date"}]
 * (new reference). */
json_t *document_list(struct ctx *c, const char *object_type, int64_t object_id, struct err *e);

/* The Chinese name of a document type (现场笔录), or NULL for an unknown code. */
const char *document_type_label(const char *type);

#endif
