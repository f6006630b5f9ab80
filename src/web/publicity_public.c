/* publicity_public.c — the public site of enforcement publicity (no login): the index of the
 * site by 事前, 事中 and 事后 (/public), the published decisions with search and filters
 * (/public/decisions) and one by its stable id (/public/decisions/{id}). Each page is rendered
 * from exactly the data its JSON face answers (law/publicity_public.c), every item masked by the
 * one masking function (R-PUB-01), so neither shows what the other hides. */
#include "base/jpack.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/catalog.h"
#include "law/publicity.h"

#include <string.h>

static const char *const kinds[] = {"penalty", "no_penalty", "licence", "inspection", NULL};

/* The kinds as options of the filter, the chosen one selected. */
static json_t *kind_options(const char *chosen)
{
    json_t *a = json_array();
    for (const char *const *k = kinds; *k; k++)
        json_array_append_new(a, jpack("{ss ss sb}", "code", *k, "label", publicity_kind_label(*k),
                                       "selected", chosen && strcmp(chosen, *k) == 0));
    return a;
}

/* [R-PUB-13] a filter the public gives is checked like any other input: a kind or a date that
 * is not one is refused beside its field, not ignored. */
static int check_query(struct req *r, const struct publicity_query *q)
{
    if (!str_blank(q->kind) && !publicity_kind_label(q->kind))
        err_field(&r->bad, "kind", "公示类别有误");
    day_t d;
    if (!str_blank(q->from) && date_parse(q->from, &d)) err_field(&r->bad, "from", "日期格式有误");
    if (!str_blank(q->to) && date_parse(q->to, &d)) err_field(&r->bad, "to", "日期格式有误");
    if (r->bad.code) r->bad_param = true;
    return r->bad.code;
}

int public_decisions_page(struct req *r, struct resp *w)
{
    struct publicity_query q = {
        .kind = req_query(r, "kind"),
        .agency = req_query(r, "agency"),
        .line = req_query(r, "line"),
        .from = req_query(r, "from"),
        .to = req_query(r, "to"),
        .q = req_query(r, "q"),
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 20, 1, 100),
    };
    struct publicity_query run = q;
    if (check_query(r, &q)) run.kind = run.from = run.to = NULL;
    json_t *list = publicity_public_list(&r->ctx, &run, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "publicity/public_list.html", "行政执法决定公示");
    if (r->api) return 0;
    page_links(r, list);
    json_object_set_new(list, "kinds", kind_options(q.kind));
    json_object_set_new(list, "filter",
                        jpack("{ss ss ss ss}", "q", q.q ? q.q : "", "from", q.from ? q.from : "",
                              "to", q.to ? q.to : "", "agency", q.agency ? q.agency : ""));
    return 0;
}

int public_decision_show(struct req *r, struct resp *w)
{
    json_t *o = publicity_public_item(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "publicity/public_item.html", json_string_value(json_object_get(o, "title")));
    return 0;
}

int public_index_page(struct req *r, struct resp *w)
{
    (void)r;
    w->data = json_object();
    page(w, "publicity/public_index.html", "行政执法公示");
    return 0;
}

static const struct route routes[] = {
    {"GET", "/public", PERM_PUBLIC, ROUTE_HTML, public_index_page,
     "the public site of enforcement publicity: 事前, 事中 and 事后"},
    {"GET", "/public/decisions", PERM_PUBLIC, ROUTE_BOTH, public_decisions_page,
     "published enforcement decisions, newest first (kind, agency, line, from, to, q, page)"},
    {"GET", "/public/decisions/{id}", PERM_PUBLIC, ROUTE_BOTH, public_decision_show,
     "one published decision with its fields, or the notice of its withdrawal"},
};

const struct area area_pub_site = {"publicity_public", routes, countof(routes)};
