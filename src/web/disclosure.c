/* disclosure.c — pages and API of information disclosure requests (依申请公开): the list,
 * registration, one request with its steps (served by step.c), and the figures, each opening the
 * list behind it. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "web/tally.h"
#include "law/disclosure.h"
#include "law/role.h"

static const char *const form_fields[] = {"agency",  "channel", "received_on", "content",
                                          "purpose", "name",    "id_number",   "phone",
                                          "address", NULL};

static struct disclosure_input input_from(struct req *r)
{
    return (struct disclosure_input){
        .agency_code = req_param(r, "agency"),
        .channel = req_param(r, "channel"),
        .received_on = req_param(r, "received_on"),
        .content = req_param(r, "content"),
        .purpose = req_param(r, "purpose"),
        .name = req_param(r, "name"),
        .id_number = req_param(r, "id_number"),
        .phone = req_param(r, "phone"),
        .address = req_param(r, "address"),
    };
}

static void form_options(struct req *r, json_t *data)
{
    json_t *form = json_object_get(data, "form");
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "channels", disclosure_channel_options(V("channel")));
    json_object_set_new(data, "agencies", options_agencies(r, V("agency")));
#undef V
}

static const char *const list_states[][2] = {
    {"open", "未办结"},       {"registered", "办理中"},
    {"correcting", "待补正"}, {"consulting", "征求意见中"},
    {"answered", "已答复"},   {"abandoned", "视为放弃申请"},
    {"overdue", "已逾期"},    {NULL, NULL},
};

/* The filters the list's form shows again as they were asked for. */
static const char *const list_keep[] = {"q", "from", "to", "on_time", NULL};

static const struct tally_list list_page = {list_states, list_keep, PERM_DISCLOSURE_INTAKE};

int disclosure_index(struct req *r, struct resp *w)
{
    struct disclosure_query q = {
        .state = req_query(r, "state"),
        .answer_type = req_query(r, "answer_type"),
        .channel = req_query(r, "channel"),
        .on_time = req_query(r, "on_time"),
        .q = req_query(r, "q"),
        .from = req_query(r, "from"),
        .to = req_query(r, "to"),
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    json_t *list = disclosure_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "disclosure/list.html", "依申请公开");
    if (r->api) return 0;
    tally_list_page(r, list, &list_page);
    json_object_set_new(list, "channels", disclosure_channel_options(q.channel));
    json_object_set_new(list, "answers", disclosure_answer_options(q.answer_type));
    return 0;
}

int disclosure_new(struct req *r, struct resp *w)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    w->data = jpack("{s{ss ss}}", "form", "received_on", today, "channel", "in_person");
    form_options(r, w->data);
    page(w, "disclosure/form.html", "登记政府信息公开申请");
    return 0;
}

int disclosure_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, form_fields);
    form_options(r, w->data);
    page(w, "disclosure/form.html", "登记政府信息公开申请");
    struct disclosure_input in = input_from(r);
    int64_t id;
    int rc = disclosure_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    json_decref(w->data);
    w->data = NULL;
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/disclosures/%lld?saved=1", (long long)id);
        return 0;
    }
    w->data = disclosure_get(&r->ctx, id, &r->err);
    w->status = 201;
    return w->data ? 0 : r->err.code;
}

int disclosure_show(struct req *r, struct resp *w)
{
    json_t *o = disclosure_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "disclosure/show.html", json_string_value(json_object_get(o, "number")));
    if (r->api) return 0;
    page_steps(r, o, "/disclosures");
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    return 0;
}

/* Each figure's rows and the list filter their counts open. */
static const char *const stats_links[][2] = {
    {"by_answer", "answer_type"}, {"by_channel", "channel"}, {"by_state", "state"}, {NULL, NULL}};

int disclosure_stats_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, false);
    json_t *o = disclosure_stats(&r->ctx, p.from, p.to, &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = o;
    page(w, "disclosure/stats.html", "依申请公开统计");
    if (r->api) return 0;
    const char *base = tally_link_counts(r, o, "/disclosures", &p, stats_links);
    jset_text(o, "late_href", tally_href(r, base, "on_time", "late"));
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/disclosures", PERM_DISCLOSURE_READ, ROUTE_BOTH, disclosure_index,
     "list disclosure requests (state, answer_type, channel, on_time, q, from, to)"},
    {"POST", "/disclosures", PERM_DISCLOSURE_INTAKE, ROUTE_BOTH, disclosure_create,
     "register a disclosure request"},
    {"GET", "/disclosures/new", PERM_DISCLOSURE_INTAKE, ROUTE_HTML, disclosure_new,
     "registration form"},
    {"GET", "/disclosures/stats", PERM_DISCLOSURE_READ, ROUTE_BOTH, disclosure_stats_page,
     "figures of a period (from, to): by answer type, channel, state; the on-time rate"},
    {"GET", "/disclosures/{id}", PERM_DISCLOSURE_READ, ROUTE_BOTH, disclosure_show,
     "one disclosure request with its steps and deadlines"},
};

static const struct nav_item nav[] = {{"/disclosures", "依申请公开", PERM_DISCLOSURE_READ},
                                      {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"disclosures_pending", "依申请公开待答复", "/disclosures?state=open", "",
     PERM_DISCLOSURE_READ},
    {"disclosures_overdue", "依申请公开逾期", "/disclosures?state=overdue", "bad",
     PERM_DISCLOSURE_READ},
    {NULL, NULL, NULL, NULL, 0},
};

const struct area area_disclosures = {
    "disclosures",  routes,          countof(routes),   nav, tiles, &disclosure_workflow,
    "/disclosures", disclosure_show, "政府信息公开申请"};
