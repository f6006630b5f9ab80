/* document.c — issued documents as their kept PDFs: GET /documents/{id}.pdf (and its API face)
 * for every declared document of every record (law/document.h document_pdf decides who may have
 * it: the record's readers, and only those who may see the person it names). A record's page and
 * JSON link each of its documents here (document_list's "pdf"). */
#include "web/area.h"
#include "base/util.h"
#include "law/document.h"

/* The kept PDF of document {id}, as it was issued; the file's name is its title and number. */
static int document_show_pdf(struct req *r, struct resp *w)
{
    struct document_pdf d;
    int rc = document_pdf(&r->ctx, req_id(r, 0), &d, &r->err);
    if (rc) return rc;
    struct buf name = {0};
    buf_adds(&name, "inline; filename=\"document.pdf\"; filename*=UTF-8''");
    buf_add_urlenc(&name, arena_printf(r->arena, "%s%s.pdf", d.type_label, d.number));
    resp_header(w, "Content-Disposition", arena_strdup(r->arena, buf_str(&name)));
    buf_free(&name);
    /* the same file for ever: its hash names it */
    resp_header(w, "ETag", arena_printf(r->arena, "\"%s\"", d.sha256));
    resp_header(w, "Cache-Control", "private, no-store");
    w->content_type = "application/pdf";
    buf_free(&w->body);
    w->body = d.pdf;
    return 0;
}

static const struct route routes[] = {
    {"GET", "/documents/{id}.pdf", PERM_LOGIN, ROUTE_BOTH, document_show_pdf,
     "an issued document's kept PDF (its record's readers; one that names a complainant, "
     "petitioner or applicant only to whom may see them)"},
};

const struct area area_documents = {"documents", routes, countof(routes), NULL, NULL, NULL,
                                    NULL,        NULL};
