/* preservation.c — 证据先行登记保存 (行政处罚法 第五十六条) on the pages and in the API: the list
 * of a case's (GET /api/v1/cases/{id}/preservations), registration by an investigator (POST
 * /cases/{id}/preservations, also /api/v1/…), the form on the case page, and one preservation's
 * page (/preservations/{id}) whose steps step.c serves (approve, refuse, dispose). */
#include "base/jpack.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/case.h"
#include "law/preservation.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {"items", "place", "reason", "requested_on", NULL};

int preservation_index(struct req *r, struct resp *w)
{
    json_t *o = case_get(&r->ctx, req_id(r, 0), &r->err); /* the case in scope, or 404 */
    if (!o) return r->err.code;
    json_t *rows = json_object_get(o, "preservations"); /* none before the case allows one */
    w->data = jpack("{so}", "rows", rows ? json_incref(rows) : json_array());
    json_decref(o);
    return 0;
}

int preservation_create(struct req *r, struct resp *w)
{
    int64_t case_id = req_id(r, 0), id = 0;
    struct preservation_input in = {
        .items = req_param(r, "items"),
        .place = req_param(r, "place"),
        .reason = req_param(r, "reason"),
        .requested_on = req_param(r, "requested_on"),
    };
    int rc = preservation_add(&r->ctx, case_id, &in, &id, &r->err);
    if (!rc && r->api) {
        w->data = preservation_get(&r->ctx, id, &r->err);
        if (!w->data) return r->err.code;
    }
    return web_after_write(
        r, w, rc,
        &(struct after_write){
            .show = case_show,
            .keep = form_fields,
            .redirect = arena_printf(r->arena, "/preservations/%lld?saved=1", (long long)id),
            .status = 201});
}

void preservation_page(struct req *r, json_t *o)
{
    int64_t id = json_integer_value(json_object_get(o, "id"));
    struct err quiet = {0};
    if (preservation_may_add(&r->ctx, id, &quiet) != 1) return;
    /* the values typed come back only when preservation_create refused them */
    bool refused = r->route && r->route->handler == preservation_create;
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    json_t *f = json_object();
    jset_text(f, "items", refused ? req_param(r, "items") : NULL);
    jset_text(f, "place", refused ? req_param(r, "place") : NULL);
    jset_text(f, "reason", refused ? req_param(r, "reason") : NULL);
    jset_text(f, "requested_on", refused ? req_param(r, "requested_on") : today);
    json_object_set_new(o, "preservation_form", f);
}

int preservation_show(struct req *r, struct resp *w)
{
    json_t *o = preservation_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "case/preservation.html", "证据先行登记保存");
    if (r->api) return 0;
    page_steps(r, o, "/preservations");
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/cases/{id}/preservations", PERM_CASE_READ, ROUTE_API, preservation_index,
     "the evidence preservations of a case (第五十六条)"},
    {"POST", "/cases/{id}/preservations", PERM_CASE_HANDLE, ROUTE_BOTH, preservation_create,
     "register an evidence preservation (items, place, reason, requested_on)"},
    {"GET", "/preservations/{id}", PERM_CASE_READ, ROUTE_BOTH, preservation_show,
     "one evidence preservation with its items, steps and 处理期限"},
};

const struct area area_preservations = {"preservations",
                                        routes,
                                        countof(routes),
                                        NULL,
                                        NULL,
                                        &preservation_workflow,
                                        "/preservations",
                                        preservation_show,
                                        "证据先行登记保存"};
