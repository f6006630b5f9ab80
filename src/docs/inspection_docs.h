/* inspection_docs.h — the documents an inspection prints on the spot, built from the inspection
 * as law/inspection.h's inspection_get returns it, on the document engine (docs/document.h). */
#ifndef LANDUN_INSPECTION_DOCS_H
#define LANDUN_INSPECTION_DOCS_H

#include <jansson.h>
#include "base/buf.h"
#include "base/err.h"

/* 现场笔录 (site record) of the inspection as an A4 PDF appended to out. 0, or ERR_NOTFOUND when
 * no 现场笔录 was issued, or the engine's error. */
int site_record_pdf(json_t *inspection, struct buf *out, struct err *e);
/* 卫生监督意见书 (advice notice) of the inspection as an A4 PDF appended to out. 0, or
 * ERR_NOTFOUND when none was issued, or the engine's error. */
int advice_notice_pdf(json_t *inspection, struct buf *out, struct err *e);

/* Shared by the two: a YYYY-MM-DD date as printed (2026年3月5日) into out; the number of the
 * inspection's document of type, or NULL when none was issued (borrowed from inspection). */
void inspection_doc_date(const char *date, char *out, size_t n);
const char *inspection_doc_number(json_t *inspection, const char *type);

#endif
