/* complaint.c — pages and API of complaints and reports (投诉举报) for staff: the list, intake by
 * a clerk, one complaint with its steps (served by step.c), and the public's pages: submitting
 * without login and following a complaint with its tracking code. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "web/tally.h"
#include "law/complaint.h"
#include "law/catalog.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {
    "agency",    "channel",    "received_on",   "line",         "matter",    "summary",
    "entity_id", "party_name", "party_address", "officer_cert", "anonymous", "name",
    "phone",     "id_number",  "address",       "external_no",  NULL};

static struct complaint_input input_from(struct req *r)
{
    const char *anon = req_param(r, "anonymous");
    return (struct complaint_input){
        .agency_code = req_param(r, "agency"),
        .channel = req_param(r, "channel"),
        .received_on = req_param(r, "received_on"),
        .line = req_param(r, "line"),
        .matter = req_param(r, "matter"),
        .summary = req_param(r, "summary"),
        .entity_id = req_param(r, "entity_id"),
        .party_name = req_param(r, "party_name"),
        .party_address = req_param(r, "party_address"),
        .officer_cert = req_param(r, "officer_cert"),
        .anonymous = anon && (strcmp(anon, "1") == 0 || strcmp(anon, "true") == 0 ||
                              strcmp(anon, "on") == 0),
        .name = req_param(r, "name"),
        .phone = req_param(r, "phone"),
        .id_number = req_param(r, "id_number"),
        .address = req_param(r, "address"),
        .external_no = req_param(r, "external_no"),
    };
}

static void form_options(struct req *r, json_t *data, bool public_form)
{
    json_t *form = json_object_get(data, "form");
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "lines", options_catalog("lines", V("line")));
    json_object_set_new(data, "matters", options_catalog("complaint_matters", V("matter")));
    /* the public (no actor) chooses among every agency */
    json_object_set_new(data, "agencies", options_agencies(r, V("agency")));
    if (!public_form)
        json_object_set_new(data, "channels", options_catalog("complaint_channels", V("channel")));
#undef V
}

static const char *const list_states[][2] = {
    {"open", "未办结"},     {"received", "待受理"},  {"accepted", "已受理"},
    {"handling", "办理中"}, {"verified", "已核实"},  {"replied", "已答复"},
    {"closed", "已办结"},   {"refused", "不予受理"}, {"transferred", "已转办"},
    {"merged", "已合并"},   {"overdue", "已逾期"},   {NULL, NULL},
};

/* The filters the list's form shows again as they were asked for. */
static const char *const list_keep[] = {"q",      "from",   "to",           "agency",
                                        "matter", "result", "satisfaction", NULL};

static const struct tally_list list_page = {list_states, list_keep, PERM_COMPLAINT_INTAKE};

int complaint_index(struct req *r, struct resp *w)
{
    struct complaint_query q = {
        .state = req_query(r, "state"),
        .channel = req_query(r, "channel"),
        .line = req_query(r, "line"),
        .mine = req_query(r, "mine") && strcmp(req_query(r, "mine"), "1") == 0,
        .q = req_query(r, "q"),
        .from = req_query(r, "from"),
        .to = req_query(r, "to"),
        .matter = req_query(r, "matter"),
        .result = req_query(r, "result"),
        .satisfaction = req_query(r, "satisfaction"),
        .agency_code = req_query(r, "agency"),
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    json_t *list = complaint_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "complaint/list.html", q.mine ? "我承办的投诉举报" : "投诉举报");
    if (r->api) return 0;
    tally_list_page(r, list, &list_page);
    json_object_set_new(list, "channels", options_catalog("complaint_channels", q.channel));
    json_object_set_new(list, "lines", options_catalog("lines", q.line));
    jset_text(list, "matter_label", catalog_label("complaint_matters", q.matter));
    jset_text(list, "result_label", complaint_result_label(q.result));
    jset_text(list, "satisfaction_label", complaint_satisfaction_label(q.satisfaction));
    jset_bool(list, "mine", q.mine);
    return 0;
}

int complaint_new(struct req *r, struct resp *w)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    w->data = jpack("{s{ss ss}}", "form", "received_on", today, "channel", "phone");
    form_options(r, w->data, false);
    page(w, "complaint/form.html", "登记投诉举报");
    return 0;
}

int complaint_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, form_fields);
    form_options(r, w->data, false);
    page(w, "complaint/form.html", "登记投诉举报");
    struct complaint_input in = input_from(r);
    int64_t id;
    const char *tracking;
    int rc = complaint_add(&r->ctx, &in, &id, &tracking, &r->err);
    if (rc) return rc;
    json_decref(w->data);
    w->data = NULL;
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/complaints/%lld?saved=1", (long long)id);
        return 0;
    }
    w->data = complaint_get(&r->ctx, id, &r->err);
    w->status = 201;
    return w->data ? 0 : r->err.code;
}

int complaint_show(struct req *r, struct resp *w)
{
    json_t *o = complaint_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "complaint/show.html", json_string_value(json_object_get(o, "number")));
    if (r->api) return 0;
    page_steps(r, o, "/complaints");
    recording_page(r, o, "complaint");
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    if (json_is_string(json_object_get(o, "satisfaction"))) page_steps_no_form(o, "rate");
    return 0;
}

/* Each figure's rows and the list filter their counts open. */
static const char *const stats_links[][2] = {{"by_channel", "channel"},
                                             {"by_line", "line"},
                                             {"by_matter", "matter"},
                                             {"by_result", "result"},
                                             {"by_state", "state"},
                                             {"by_satisfaction", "satisfaction"},
                                             {NULL, NULL}};

int complaint_stats_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, true);
    json_t *o = complaint_stats(
        &r->ctx, &(struct complaint_period){.from = p.from, .to = p.to, .agency_code = p.agency},
        &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = o;
    page(w, "complaint/stats.html", "投诉举报统计");
    if (r->api) return 0;
    tally_link_counts(r, o, "/complaints", &p, stats_links);
    json_object_set_new(o, "agencies", options_agencies(r, p.agency));
    return 0;
}

/* ---- the public's pages --------------------------------------------------------------------- */

int public_complaint_new(struct req *r, struct resp *w)
{
    w->data = jpack("{s{}}", "form");
    form_options(r, w->data, true);
    page(w, "complaint/public_form.html", "投诉举报");
    return 0;
}

int public_complaint_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, form_fields);
    form_options(r, w->data, true);
    page(w, "complaint/public_form.html", "投诉举报");
    struct complaint_input in = input_from(r);
    in.channel = "online";
    in.received_on = NULL;
    in.entity_id = NULL;
    in.officer_cert = NULL;
    in.external_no = NULL;
    if (complaint_check(&in, &r->err)) return r->err.code; /* a refused form costs no quota */
    int ok = complaint_public_quota(&r->ctx, r->ip ? r->ip : "", &r->err);
    if (ok < 0) return ok;
    if (!ok)
        return err_set(&r->err, ERR_LOCKED,
                       "同一网络地址今日提交的投诉举报已达上限，请明日再提交或拨打12345热线");
    int64_t id;
    const char *tracking;
    int rc = complaint_add(&r->ctx, &in, &id, &tracking, &r->err);
    if (rc) return rc;
    json_decref(w->data);
    w->data = jpack("{ss}", "tracking_code", tracking);
    w->status = 201;
    if (!r->api)
        w->redirect = arena_printf(r->arena, "/public/complaints/track?code=%s&new=1", tracking);
    return 0;
}

int public_complaint_track(struct req *r, struct resp *w)
{
    const char *code = req_query(r, "code");
    page(w, "complaint/track.html", "投诉举报查询");
    /* a complainant's own matter: no copy in any cache (web/public_cache.h) */
    resp_header(w, "Cache-Control", "private, no-store");
    if (str_blank(code) && !r->api) {
        w->data = json_object();
        return 0;
    }
    json_t *o = complaint_track(&r->ctx, code, &r->err);
    if (!o) {
        if (r->api) return r->err.code;
        w->data = jpack("{ss ss}", "code", code ? code : "", "not_found", r->err.msg);
        err_clear(&r->err);
        return 0;
    }
    jset_text(o, "code", code);
    jset_bool(o, "new", req_query(r, "new") != NULL);
    jset_bool(o, "rated", req_query(r, "rated") != NULL);
    w->data = o;
    return 0;
}

int public_complaint_rate(struct req *r, struct resp *w)
{
    const char *code = req_param(r, "code");
    int rc = complaint_rate_public(&r->ctx, code, req_param(r, "satisfaction"), &r->err);
    if (rc && !r->api) {
        struct err saved = r->err;
        err_clear(&r->err);
        json_t *o = complaint_track(&r->ctx, code, &r->err);
        r->err = saved;
        if (o) {
            jset_text(o, "code", code);
            w->data = o;
            page(w, "complaint/track.html", "投诉举报查询");
        }
        return rc;
    }
    if (rc) return rc;
    w->data = jpack("{sb}", "ok", true);
    w->redirect = arena_printf(r->arena, "/public/complaints/track?code=%s&rated=1", code);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/complaints", PERM_COMPLAINT_READ, ROUTE_BOTH, complaint_index,
     "list complaints (state, channel, line, mine, q)"},
    {"POST", "/complaints", PERM_COMPLAINT_INTAKE, ROUTE_BOTH, complaint_create,
     "take a complaint in"},
    {"GET", "/complaints/new", PERM_COMPLAINT_INTAKE, ROUTE_HTML, complaint_new, "intake form"},
    {"GET", "/complaints/stats", PERM_COMPLAINT_READ, ROUTE_BOTH, complaint_stats_page,
     "figures of a period (from, to, agency): by channel, line, matter, result; the rates"},
    {"GET", "/complaints/import", PERM_COMPLAINT_INTAKE, ROUTE_HTML, complaint_import_form,
     "upload form for the 12345 hotline platform's export, with the agency's column mapping"},
    {"POST", "/complaints/import", PERM_COMPLAINT_INTAKE, ROUTE_BOTH, complaint_import_submit,
     "take complaints in from the 12345 platform's XLSX or CSV export (multipart: file,"
     " col_<field>, remap, line, matter): those taken in, the work orders skipped as taken in"
     " before, the rows refused"},
    {"GET", "/complaints/{id}", PERM_COMPLAINT_READ, ROUTE_BOTH, complaint_show,
     "one complaint with its steps and deadlines"},
    {"GET", "/public/complaints/new", PERM_PUBLIC, ROUTE_HTML, public_complaint_new,
     "the public's complaint form (no login)"},
    {"POST", "/public/complaints", PERM_PUBLIC, ROUTE_BOTH, public_complaint_create,
     "submit a complaint (no login; rate-limited per address): its tracking code"},
    {"GET", "/public/complaints/track", PERM_PUBLIC, ROUTE_BOTH, public_complaint_track,
     "a complaint's progress and reply by its tracking code (no login)"},
    {"POST", "/public/complaints/rate", PERM_PUBLIC, ROUTE_BOTH, public_complaint_rate,
     "the complainant's satisfaction (no login, by tracking code)"},
};

static const struct nav_item nav[] = {{"/complaints", "投诉举报", PERM_COMPLAINT_READ},
                                      {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"complaints_received", "投诉举报待受理", "/complaints?state=received", "",
     PERM_COMPLAINT_READ},
    {"complaints_overdue", "投诉举报逾期", "/complaints?state=overdue", "bad", PERM_COMPLAINT_READ},
    {NULL, NULL, NULL, NULL, 0},
};

const struct area area_complaints = {"complaints",  routes,         countof(routes),
                                     nav,           tiles,          &complaint_workflow,
                                     "/complaints", complaint_show, "投诉举报"};
