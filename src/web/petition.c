/* petition.c — pages and API of petitions (信访): the list, registration by a clerk, one petition
 * with its steps (served by step.c), and the figures, each opening the list behind it. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "web/tally.h"
#include "law/petition.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {
    "agency",  "form",      "received_on", "content", "summary",   "people",  "previous_id",
    "sent_by", "anonymous", "name",        "phone",   "id_number", "address", NULL};

static struct petition_input input_from(struct req *r)
{
    const char *anon = req_param(r, "anonymous");
    return (struct petition_input){
        .agency_code = req_param(r, "agency"),
        .form = req_param(r, "form"),
        .received_on = req_param(r, "received_on"),
        .content = req_param(r, "content"),
        .summary = req_param(r, "summary"),
        .people = req_param(r, "people"),
        .previous_id = req_param(r, "previous_id"),
        .sent_by = req_param(r, "sent_by"),
        .anonymous = anon && (strcmp(anon, "1") == 0 || strcmp(anon, "true") == 0 ||
                              strcmp(anon, "on") == 0),
        .name = req_param(r, "name"),
        .phone = req_param(r, "phone"),
        .id_number = req_param(r, "id_number"),
        .address = req_param(r, "address"),
    };
}

static void form_options(struct req *r, json_t *data)
{
    json_t *form = json_object_get(data, "form");
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "forms", petition_form_options(V("form")));
    json_object_set_new(data, "contents", petition_content_options(V("content")));
    json_object_set_new(data, "agencies", options_agencies(r, V("agency")));
#undef V
}

static const char *const list_states[][2] = {
    {"open", "未办结"},
    {"registered", "待受理"},
    {"accepted", "已受理"},
    {"handling", "办理中"},
    {"answered", "已答复"},
    {"reviewing", "复查中"},
    {"reviewed", "已复查"},
    {"rechecking", "复核中"},
    {"rechecked", "已复核（终结）"},
    {"closed", "已办结"},
    {"not_accepted", "不予受理"},
    {"transferred", "已转送"},
    {"converted", "已转为投诉举报"},
    {"overdue", "已逾期"},
    {NULL, NULL},
};

/* The filters the list's form shows again as they were asked for. */
static const char *const list_keep[] = {"q", "from", "to", "satisfaction", "on_time", NULL};

static const struct tally_list list_page = {list_states, list_keep, PERM_PETITION_INTAKE};

int petition_index(struct req *r, struct resp *w)
{
    struct petition_query q = {
        .state = req_query(r, "state"),
        .form = req_query(r, "form"),
        .content = req_query(r, "content"),
        .satisfaction = req_query(r, "satisfaction"),
        .on_time = req_query(r, "on_time"),
        .mine = req_query(r, "mine") && strcmp(req_query(r, "mine"), "1") == 0,
        .q = req_query(r, "q"),
        .from = req_query(r, "from"),
        .to = req_query(r, "to"),
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    json_t *list = petition_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "petition/list.html", q.mine ? "我包案、承办的信访事项" : "信访");
    if (r->api) return 0;
    tally_list_page(r, list, &list_page);
    json_object_set_new(list, "forms", petition_form_options(q.form));
    json_object_set_new(list, "contents", petition_content_options(q.content));
    jset_text(list, "satisfaction_label", petition_satisfaction_label(q.satisfaction));
    jset_bool(list, "mine", q.mine);
    return 0;
}

int petition_new(struct req *r, struct resp *w)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    w->data = jpack("{s{ss ss ss}}", "form", "received_on", today, "form", "visit", "people", "1");
    form_options(r, w->data);
    page(w, "petition/form.html", "登记信访事项");
    return 0;
}

int petition_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, form_fields);
    form_options(r, w->data);
    page(w, "petition/form.html", "登记信访事项");
    struct petition_input in = input_from(r);
    int64_t id;
    int rc = petition_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    json_decref(w->data);
    w->data = NULL;
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/petitions/%lld?saved=1", (long long)id);
        return 0;
    }
    w->data = petition_get(&r->ctx, id, &r->err);
    w->status = 201;
    return w->data ? 0 : r->err.code;
}

int petition_show(struct req *r, struct resp *w)
{
    json_t *o = petition_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "petition/show.html", json_string_value(json_object_get(o, "number")));
    if (r->api) return 0;
    page_steps(r, o, "/petitions");
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    if (json_is_string(json_object_get(o, "satisfaction"))) page_steps_no_form(o, "rate");
    /* [R-PET-11] only a matter another body sent may be objected to */
    if (!json_is_string(json_object_get(o, "sent_by"))) page_steps_no_form(o, "object");
    return 0;
}

/* Each figure's rows and the list filter their counts open. */
static const char *const stats_links[][2] = {{"by_form", "form"},
                                             {"by_content", "content"},
                                             {"by_state", "state"},
                                             {"by_satisfaction", "satisfaction"},
                                             {NULL, NULL}};

int petition_stats_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, false);
    json_t *o = petition_stats(&r->ctx, p.from, p.to, &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = o;
    page(w, "petition/stats.html", "信访统计");
    if (r->api) return 0;
    const char *base = tally_link_counts(r, o, "/petitions", &p, stats_links);
    jset_text(o, "decide_late_href", tally_href(r, base, "on_time", "decide_late"));
    jset_text(o, "handle_late_href", tally_href(r, base, "on_time", "handle_late"));
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/petitions", PERM_PETITION_READ, ROUTE_BOTH, petition_index,
     "list petitions (state, form, content, satisfaction, on_time, mine, q, from, to)"},
    {"POST", "/petitions", PERM_PETITION_INTAKE, ROUTE_BOTH, petition_create,
     "register a petition"},
    {"GET", "/petitions/new", PERM_PETITION_INTAKE, ROUTE_HTML, petition_new, "registration form"},
    {"GET", "/petitions/stats", PERM_PETITION_READ, ROUTE_BOTH, petition_stats_page,
     "figures of a period (from, to): by form, content, state, satisfaction; the rates"},
    {"GET", "/petitions/{id}", PERM_PETITION_READ, ROUTE_BOTH, petition_show,
     "one petition with its steps and deadlines"},
};

static const struct nav_item nav[] = {{"/petitions", "信访", PERM_PETITION_READ}, {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"petitions_registered", "信访待受理", "/petitions?state=registered", "", PERM_PETITION_READ},
    {"petitions_overdue", "信访逾期", "/petitions?state=overdue", "bad", PERM_PETITION_READ},
    {NULL, NULL, NULL, NULL, 0},
};

const struct area area_petitions = {"petitions",  routes,        countof(routes),
                                    nav,          tiles,         &petition_workflow,
                                    "/petitions", petition_show, "信访事项"};
