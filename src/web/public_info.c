/* public_info.c — the public site's registers of the enforcement that is not a decision: the
 * officers with their certificate numbers (事前公开) and the year's complaint figures (事后公开),
 * without login (law/officer_public.h, law/complaint_public.h; docs/publicity.md). */
#include "base/jpack.h"
#include "web/area.h"
#include "web/options.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/complaint_public.h"
#include "law/officer_public.h"
#include "law/role.h"

/* The filters a page shows again (HTML): the agencies to choose among, the values asked for. */
static void filters(struct req *r, json_t *o, const char *const *keep)
{
    if (r->api) return;
    json_object_set_new(o, "agencies", options_agencies(r, req_query(r, "agency")));
    for (int i = 0; keep[i]; i++)
        jset_text(o, arena_printf(r->arena, "f_%s", keep[i]), req_query(r, keep[i]));
}

static int public_officers(struct req *r, struct resp *w)
{
    static const char *const keep[] = {"q", "agency", NULL};
    struct officer_public_query q = {.q = req_query(r, "q"),
                                     .agency_code = req_query(r, "agency"),
                                     .page = (int)req_int(r, "page", 1, 1, 100000),
                                     .per_page = (int)req_int(r, "per_page", 50, 1, 200)};
    page(w, "public_info/officers.html", "行政执法人员");
    json_t *o = officer_public_list(&r->ctx, &q, &r->err);
    w->data = o ? o : json_object();
    filters(r, w->data, keep);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (!r->api) page_links(r, o);
    return 0;
}

static int public_complaint_figures(struct req *r, struct resp *w)
{
    static const char *const keep[] = {"year", "agency", NULL};
    page(w, "public_info/complaint_figures.html", "投诉举报办理情况");
    json_t *o =
        complaint_public_figures(&r->ctx, req_query(r, "year"), req_query(r, "agency"), &r->err);
    w->data = o ? o : json_object();
    filters(r, w->data, keep);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/public/officers", PERM_PUBLIC, ROUTE_BOTH, public_officers,
     "the enforcement officers who may enforce today, with their certificate numbers (no login;"
     " q: name or certificate number, agency)"},
    {"GET", "/public/complaints/figures", PERM_PUBLIC, ROUTE_BOTH, public_complaint_figures,
     "a year's complaint figures of an agency's subtree: by channel, line and result, closure and"
     " on-time rates (no login; year, agency)"},
};

const struct area area_public_info = {"public_info", routes, countof(routes), NULL, NULL, NULL,
                                      NULL,          NULL};
