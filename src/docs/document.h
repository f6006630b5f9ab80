/* document.h — the enforcement document engine: every printed 卫生行政执法文书 (现场笔录,
 * 卫生监督意见书, and later the case documents) is one `struct document` rendered by one layout to
 * an A4 PDF with cairo + pango and the Noto CJK fonts, after the national 卫生行政执法文书规范:
 * issuing agency, title, number, the parties and circumstances as labelled lines, the body in
 * sections, signatures of officers and party, date and seal, small print.
 *
 * A document is built from law/ data by its type's declaration (data/documents/<type>.json,
 * docs/doc_layout.h) or, for the inspection's two, by a small function (src/docs/<type>.c); either
 * fills the struct and calls doc_render_pdf. Numbers come from law/document.h. */
#ifndef LANDUN_DOCUMENT_H
#define LANDUN_DOCUMENT_H

#include <stdbool.h>
#include "base/buf.h"
#include "base/err.h"

/* One labelled line of the parties block: "被检查单位：某某诊所". A long value wraps under itself.
 */
struct doc_field {
    const char *label; /* 被检查单位 */
    const char *value; /* its value; NULL or "" prints a blank line to fill in by hand */
};

/* One section of the body: an optional heading and text whose paragraphs are separated by '\n'. */
struct doc_section {
    const char *heading; /* e.g. 检查情况; NULL for none */
    const char *text;    /* paragraphs; may be long: the page breaks where needed */
};

/* One signature line: "执法人员（签名）：张三 证号 3201…  2026年11月23日". */
struct doc_signature {
    const char *label; /* 执法人员（签名） / 被检查人（签名） */
    const char *name;  /* printed name, or NULL to leave a blank to sign by hand */
    const char *date;  /* YYYY-MM-DD printed as YYYY年M月D日, or NULL for a blank date */
};

/* A whole document. Strings are borrowed for the call; every field but title may be NULL/0. */
struct document {
    const char *agency_name;  /* issuing agency, above the title */
    const char *title;        /* 现场笔录 */
    const char *number;       /* 文号 (武卫医监〔2026〕3号) or 编号; NULL for none */
    const char *number_label; /* "编号" prints "编号：现2026-0003"; NULL prints the
                                 number alone (a 文号) */
    const struct doc_field *fields;     /* the parties and circumstances */
    const char *addressee;              /* a letter's addressee, flush left before the body with
                                           a colon (张三：), or NULL */
    int nfields;                        /* entries in fields */
    const struct doc_section *sections; /* the body */
    int nsections;                      /* entries in sections */
    const struct doc_signature *sigs;   /* signature lines, in order */
    int nsigs;                          /* entries in sigs */
    const char *date;                   /* YYYY-MM-DD of issue, printed under the seal */
    bool seal;                          /* print the agency name and （印章） above the date */
    const char *notice;                 /* small print at the end (remedies, 告知), or NULL */
    int copies_note;                    /* 0, or n 联: the PDF holds n copies of the document, each
                                           marked "第k联 共n联" in its footer */
};

/* Render d as an A4 PDF into out (appended). Pages are numbered "第 N 页 共 M 页". Returns 0,
 * ERR_INVALID when the title is missing or a string is not valid UTF-8 text, or ERR_INTERNAL
 * (e filled) when cairo or pango fail. Thread-safe. */
int doc_render_pdf(const struct document *d, struct buf *out, struct err *e);

/* What one rendering produced. */
struct doc_render_info {
    int pages;          /* pages of one copy (联) */
    int missing_glyphs; /* characters no installed font has, printed as boxes (0 when all fine) */
};

/* doc_render_pdf that also reports what it produced into *info (for tests and checks). */
int doc_render_pdf_info(const struct document *d, struct buf *out, struct doc_render_info *info,
                        struct err *e);

#endif
