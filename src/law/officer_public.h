/* officer_public.h — the enforcement officers on the public site (事前公开: 执法人员及其执法证号,
 * 国办发〔2018〕118号), docs/publicity.md. */
#ifndef LANDUN_OFFICER_PUBLIC_H
#define LANDUN_OFFICER_PUBLIC_H

#include <jansson.h>
#include "law/ctx.h"

/* The public list's filters. */
struct officer_public_query {
    const char *q;           /* a fragment of the name or of the certificate number */
    const char *agency_code; /* the agency and its subtree; blank: every agency */
    int page, per_page;      /* 1-based page */
};

/* The officers who may enforce today, as a page (law/paging.h) with "total": each {"name",
 * "cert_no", "agency", "lines_label", "cert_issued", "cert_expires"}, by agency and certificate.
 * An unknown agency is a field error "agency". */
json_t *officer_public_list(struct ctx *c, const struct officer_public_query *q, struct err *e);

#endif
