/* remedy.c — 行政复议 and 行政诉讼 against a penalty decision on the pages and in the API: a
 * case's list (GET /api/v1/cases/{id}/remedies), registration by the legal staff (POST
 * /cases/{id}/remedies, also /api/v1/…) with its form on the case page, one remedy's page
 * (/remedies/{id}) whose steps step.c serves (answer, appear, decide_outcome), the list of the
 * agency's remedies (/remedies) and their figures (/remedies/figures). */
#include "base/jpack.h"
#include "web/area.h"
#include "web/options.h"
#include "web/pages.h"
#include "web/tally.h"
#include "web/web.h"
#include "law/case.h"
#include "law/remedy.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {"kind",        "appeal_of",  "known_on", "filed_on",
                                          "received_on", "simplified", "body",     "applicant",
                                          "claims",      "ref_no",     NULL};

int remedy_index(struct req *r, struct resp *w)
{
    json_t *o = case_get(&r->ctx, req_id(r, 0), &r->err); /* the case in scope, or 404 */
    if (!o) return r->err.code;
    json_t *rows = json_object_get(o, "remedies"); /* none before the case allows one */
    w->data = jpack("{so}", "rows", rows ? json_incref(rows) : json_array());
    json_decref(o);
    return 0;
}

int remedy_create(struct req *r, struct resp *w)
{
    int64_t case_id = req_id(r, 0), id = 0;
    struct remedy_input in = {0};
    const char **slots[] = {&in.kind,        &in.appeal_of,  &in.known_on, &in.filed_on,
                            &in.received_on, &in.simplified, &in.body,     &in.applicant,
                            &in.claims,      &in.ref_no};
    for (size_t i = 0; i < countof(slots); i++)
        *slots[i] = req_param(r, form_fields[i]);
    int rc = remedy_add(&r->ctx, case_id, &in, &id, &r->err);
    if (!rc && r->api) {
        w->data = remedy_get(&r->ctx, id, &r->err);
        if (!w->data) return r->err.code;
    }
    return web_after_write(
        r, w, rc,
        &(struct after_write){.show = case_show,
                              .keep = form_fields,
                              .redirect =
                                  arena_printf(r->arena, "/remedies/%lld?saved=1", (long long)id),
                              .status = 201});
}

/* The first-instance litigations of the case's list o that may be appealed, as options. */
static json_t *appealable(struct req *r, json_t *remedies, const char *selected)
{
    json_t *out = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(remedies, i, x)
    {
        if (!json_is_true(json_object_get(x, "appealable"))) continue;
        const char *id =
            arena_printf(r->arena, "%lld", (long long)json_integer_value(json_object_get(x, "id")));
        json_array_append_new(out, jpack("{ss ss sb}", "code", id, "label",
                                         json_string_value(json_object_get(x, "instrument_no")),
                                         "selected", selected && strcmp(selected, id) == 0));
    }
    return out;
}

void remedy_page(struct req *r, json_t *o)
{
    int64_t id = json_integer_value(json_object_get(o, "id"));
    struct err quiet = {0};
    if (remedy_may_add(&r->ctx, id, &quiet) != 1) return;
    /* the values typed come back only when remedy_create refused them */
    bool refused = r->route && r->route->handler == remedy_create;
    json_t *f = json_object();
    for (const char *const *k = form_fields; *k; k++)
        if (refused) jset_text(f, *k, req_param(r, *k));
    const char *kind = refused ? req_param(r, "kind") : NULL;
    jset_bool(f, "litigation", kind && strcmp(kind, "litigation") == 0);
    jset_bool(f, "simplified_on",
              refused && req_param(r, "simplified") &&
                  strcmp(req_param(r, "simplified"), "1") == 0);
    jset_text(f, "known_default", remedy_known_default(&r->ctx, id, kind, 0, &quiet));
    json_t *appeals =
        appealable(r, json_object_get(o, "remedies"), refused ? req_param(r, "appeal_of") : NULL);
    jset_bool(f, "has_appeals", json_array_size(appeals) > 0);
    json_object_set_new(f, "appeals", appeals);
    json_object_set_new(o, "remedy_form", f);
}

int remedy_show(struct req *r, struct resp *w)
{
    json_t *o = remedy_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "case/remedy.html", "行政复议、行政诉讼");
    if (r->api) return 0;
    page_steps(r, o, "/remedies");
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    jset_bool(o, "litigation",
              strcmp(json_string_value(json_object_get(o, "kind")), "litigation") == 0);
    return 0;
}

static const char *const list_filters[] = {
    "agency", "kind", "outcome", "ended_from", "ended_to", "heard_from", "heard_to", "head", NULL};

int remedy_list_page(struct req *r, struct resp *w)
{
    struct remedy_query q = {
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    const char **slots[] = {&q.agency,   &q.kind,       &q.outcome,  &q.ended_from,
                            &q.ended_to, &q.heard_from, &q.heard_to, &q.head};
    for (size_t i = 0; i < countof(slots); i++)
        *slots[i] = req_query(r, list_filters[i]);
    json_t *list = remedy_search(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "case/remedy_list.html", "行政复议、行政诉讼");
    if (r->api) return 0;
    page_links(r, list);
    json_t *kept = json_array();
    for (const char *const *k = list_filters; *k; k++)
        if (!str_blank(req_query(r, *k)))
            json_array_append_new(kept, jpack("{ss ss}", "name", *k, "value", req_query(r, *k)));
    json_object_set_new(list, "filters", kept);
    return 0;
}

int remedy_figures_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, true);
    page(w, "case/remedy_figures.html", "行政复议、行政诉讼统计");
    if (!r->api) {
        w->data = jpack("{ss ss}", "from", p.from, "to", p.to);
        json_object_set_new(w->data, "agencies", options_agencies(r, p.agency ? p.agency : ""));
    }
    json_t *o = remedy_stats(&r->ctx, p.from, p.to, p.agency, &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        w->data = o;
        return 0;
    }
    tally_link_lists(r, o, "/remedies");
    json_object_update_new(w->data, o);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/cases/{id}/remedies", PERM_CASE_READ, ROUTE_API, remedy_index,
     "the 行政复议 and 行政诉讼 against a case's decision"},
    {"POST", "/cases/{id}/remedies", PERM_CASE_REVIEW, ROUTE_BOTH, remedy_create,
     "register a 行政复议 or 行政诉讼 (kind, appeal_of, known_on, filed_on, received_on,"
     " simplified, body, applicant, claims, ref_no)"},
    {"GET", "/remedies", PERM_CASE_READ, ROUTE_BOTH, remedy_list_page,
     "list 行政复议 and 行政诉讼 (agency, kind, outcome, ended_from, ended_to, heard_from,"
     " heard_to, head)"},
    {"GET", "/remedies/figures", PERM_CASE_READ, ROUTE_BOTH, remedy_figures_page,
     "figures of a period (from, to, agency): by outcome, 纠错率, 负责人出庭应诉率"},
    {"GET", "/remedies/{id}", PERM_CASE_READ, ROUTE_BOTH, remedy_show,
     "one 行政复议 or 行政诉讼 with its answer, hearings, outcome and steps"},
};

const struct area area_remedies = {"remedies",  routes,      countof(routes),
                                   NULL,        NULL,        &remedy_workflow,
                                   "/remedies", remedy_show, "行政复议、行政诉讼"};
