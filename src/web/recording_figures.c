/* recording_figures.c — how much of the enforcement was recorded (/recordings/figures,
 * law/recording_stats.h): the period and the agency chosen, each count a link to the records
 * behind it (/recordings/coverage/list). Their routes (PERM_CASE_READ) are in web/recording.c
 * (docs/evidence.md). */
#include "base/jpack.h"
#include "web/options.h"
#include "web/pages.h"
#include "web/tally.h"
#include "web/web.h"
#include "law/recording_stats.h"
#include "law/role.h"

#include <string.h>

/* GET /recordings/figures?from=&to=&agency= */
int recording_figures_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, true);
    page(w, "recording/figures.html", "执法记录覆盖情况");
    if (!r->api) {
        /* the form, shown again with the messages beside its fields when refused */
        w->data = jpack("{ss ss}", "from", p.from, "to", p.to);
        json_object_set_new(w->data, "agencies", options_agencies(r, p.agency ? p.agency : ""));
    }
    json_t *o = recording_stats(
        &r->ctx, &(struct recording_period){.from = p.from, .to = p.to, .agency_code = p.agency},
        &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        w->data = o;
        return 0;
    }
    tally_link_lists(r, o, "/recordings/coverage/list");
    json_object_update_new(w->data, o);
    return 0;
}

/* What a list is of, for its heading. */
static const char *const whats[][2] = {
    {"inspection", "监督检查"},    {"case", "行政处罚案件（立案）"},
    {"site", "现场笔录"},          {"inquiry", "询问笔录"},
    {"service", "送达"},           {"hearing", "听证"},
    {"recording", "执法记录文件"},
};

/* GET /recordings/coverage/list?what=&from=&to=&agency=&at=&line=&recorded=&media= */
int recording_coverage_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, true);
    struct recording_cover_query q = {
        .what = req_query(r, "what") ? req_query(r, "what") : "inspection",
        .from = p.from,
        .to = p.to,
        .agency = p.agency,
        .at = req_query(r, "at"),
        .line = req_query(r, "line"),
        .recorded = req_query(r, "recorded"),
        .media = req_query(r, "media"),
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    page(w, "recording/coverage.html", "执法记录清单");
    json_t *list = recording_coverage_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    if (r->api) return 0;
    for (size_t i = 0; q.what && i < countof(whats); i++)
        if (strcmp(whats[i][0], q.what) == 0) jset_text(list, "what_label", whats[i][1]);
    if (q.recorded) jset_bool(list, strcmp(q.recorded, "1") == 0 ? "with" : "without", true);
    jset_bool(list, "of_files", strcmp(q.what, "recording") == 0);
    jset_text(list, "from", q.from);
    jset_text(list, "to", q.to);
    static const char *const no_links[][2] = {{NULL, NULL}};
    jset_text(list, "figures_href",
              tally_link_counts(r, list, "/recordings/figures", &p, no_links));
    page_links(r, list);
    return 0;
}
