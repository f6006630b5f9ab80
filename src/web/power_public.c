/* power_public.c — the power list and its discretion baselines on the public site, without login
 * (行政处罚法 第三十四条: 行政处罚裁量基准应当向社会公布). The page is rendered from exactly the
 * data the public JSON answers (law/power_read.c), so neither shows what the other hides. */
#include "web/pages.h"
#include "web/web.h"
#include "law/power.h"

int public_power_index(struct req *r, struct resp *w)
{
    struct power_query q = {.kind = req_query(r, "kind"),
                            .line = req_query(r, "line"),
                            .agency_code = req_query(r, "agency")};
    json_t *o = power_public_list(&r->ctx, &q, &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = o;
    page(w, "power/public_list.html", "权责清单与行政处罚裁量基准");
    return 0;
}

int public_power_show(struct req *r, struct resp *w)
{
    json_t *o = power_public_item(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "power/public_item.html", json_string_value(json_object_get(o, "name")));
    return 0;
}
