/* case_figures.c — the figures of penalty cases (/cases/figures, law/case_stats.h): the period
 * and the agency chosen, each figure a link to the cases behind it. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/options.h"
#include "web/tally.h"
#include "web/web.h"
#include "law/case_stats.h"

int case_figures_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, true);
    page(w, "case/figures.html", "行政处罚案件统计");
    if (!r->api) {
        /* the form, shown again with the messages beside its fields when refused */
        w->data = jpack("{ss ss}", "from", p.from, "to", p.to);
        json_object_set_new(w->data, "agencies", options_agencies(r, p.agency ? p.agency : ""));
    }
    json_t *o = case_stats(
        &r->ctx, &(struct case_period){.from = p.from, .to = p.to, .agency_code = p.agency},
        &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        w->data = o;
        return 0;
    }
    tally_link_lists(r, o, "/cases");
    json_object_update_new(w->data, o);
    return 0;
}
