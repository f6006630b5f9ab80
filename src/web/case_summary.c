/* case_summary.c — the summary procedure's page and API (简易程序, 当场行政处罚): the form at
 * /cases/summary, which a phone can fill in on the spot, and POST /cases/summary (also
 * /api/v1/cases/summary, answering 201 with the case). The rules are law/case_summary.c's. */
#include "base/jpack.h"
#include "web/area.h"
#include "web/options.h"
#include "web/web.h"
#include "law/case.h"
#include "law/case_summary.h"
#include "law/role.h"

#include <string.h>

int case_summary_create(struct req *r, struct resp *w);

static const char *const text_fields[] = {
    "source", "source_id", "line",    "entity_id", "party_name", "party_kind", "party_address",
    "place",  "act_on",    "summary", "item",      "fine",       "decided_on", NULL};

static struct case_summary_input input_from(struct req *r)
{
    return (struct case_summary_input){
        .source = req_param(r, "source"),
        .source_id = req_param(r, "source_id"),
        .line = req_param(r, "line"),
        .entity_id = req_param(r, "entity_id"),
        .party_name = req_param(r, "party_name"),
        .party_kind = req_param(r, "party_kind"),
        .party_address = req_param(r, "party_address"),
        .place = req_param(r, "place"),
        .act_on = req_param(r, "act_on"),
        .summary = req_param(r, "summary"),
        .item = req_param(r, "item"),
        .types = req_param_list(r, "types"),
        .fine = req_param(r, "fine"),
        .officers = req_param_list(r, "officers"),
        .decided_on = req_param(r, "decided_on"),
    };
}

static const char *const party_kinds[][2] = {
    {"citizen", "公民"}, {"organisation", "法人或其他组织"}, {NULL, NULL}};
static const char *const penalty_types[][2] = {{"warning", "警告"}, {"fine", "罚款"}, {NULL, NULL}};

/* choices ([{"code","label"}], stolen) with "selected" set on those in the comma list chosen. */
static json_t *mark(json_t *choices, const char *chosen)
{
    size_t i;
    json_t *o;
    json_array_foreach(choices, i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        jset_bool(o, "selected", csv_has(chosen, code));
    }
    return choices;
}

/* The form: blank (today's date, a citizen), filled from the query (?source=inspection&
 * source_id=…&entity_id=…&line=…, as an inspection's page may link it), or as it was posted when
 * refused. */
int case_summary_new(struct req *r, struct resp *w)
{
    bool refused = r->route && r->route->handler == case_summary_create;
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    json_t *form =
        jpack("{ss ss ss}", "decided_on", today, "act_on", today, "party_kind", "citizen");
    for (const char *const *k = text_fields; *k; k++) {
        const char *v = refused ? req_param(r, *k) : req_query(r, *k);
        if (v) jset_text(form, *k, v);
    }
#define V(k) json_string_value(json_object_get(form, k))
    const char *types = refused ? req_param_list(r, "types") : NULL;
    const char *officers = refused ? req_param_list(r, "officers") : NULL;
    w->data = jpack("{so so so so so so so}", "sources", case_summary_sources(V("source")), "lines",
                    options_catalog("lines", V("line")), "party_kinds",
                    options_table(party_kinds, V("party_kind")), "types",
                    mark(options_table(penalty_types, NULL), types), "items",
                    mark(case_summary_items(&r->ctx), V("item")), "officers",
                    mark(case_summary_officers(&r->ctx), officers), "form", form);
#undef V
    jset_int(w->data, "fine_citizen", CASE_SUMMARY_FINE_CITIZEN);
    jset_int(w->data, "fine_org", CASE_SUMMARY_FINE_ORG);
    page(w, "case/summary.html", "当场行政处罚");
    return 0;
}

int case_summary_create(struct req *r, struct resp *w)
{
    struct case_summary_input in = input_from(r);
    int64_t id = 0;
    int rc = case_summary_add(&r->ctx, &in, &id, &r->err);
    if (!rc && r->api && !(w->data = case_get(&r->ctx, id, &r->err))) return r->err.code;
    return web_after_write(
        r, w, rc,
        &(struct after_write){
            .show = case_summary_new,
            .redirect = arena_printf(r->arena, "/cases/%lld?done=decide_on_spot", (long long)id),
            .status = 201});
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/cases/summary", PERM_CASE_HANDLE, ROUTE_HTML, case_summary_new,
     "the form of an on-the-spot penalty decision (简易程序)"},
    {"POST", "/cases/summary", PERM_CASE_HANDLE, ROUTE_BOTH, case_summary_create,
     "record an on-the-spot penalty decision (简易程序, 第五十一条): source, source_id, line,"
     " entity_id or party_name and party_kind, party_address, place, act_on, summary, item,"
     " types, fine, officers, decided_on"},
};

const struct area area_case_summary = {"case_summary", routes, countof(routes), NULL, NULL, NULL,
                                       NULL,           NULL};
