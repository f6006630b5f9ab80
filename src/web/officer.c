/* officer.c — pages and API of the officer registry (执法人员). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "web/export.h"
#include "docs/registry_export.h"
#include "law/audit.h"
#include "law/device.h"
#include "law/officer.h"
#include "law/paging.h"
#include "law/role.h"

#include <string.h>

static const char *const statuses[][2] = {
    {"active", "在岗"}, {"suspended", "暂停"}, {"cancelled", "注销"}, {NULL, NULL}};

static const char *const form_fields[] = {
    "agency",      "department",   "name",   "id_number",     "phone",           "cert_no",
    "cert_issued", "cert_expires", "status", "status_reason", "legal_qualified", "version",
    NULL};

static struct officer_input input_from(struct req *r)
{
    return (struct officer_input){.agency_code = req_param(r, "agency"),
                                  .department = req_param(r, "department"),
                                  .name = req_param(r, "name"),
                                  .id_number = req_param(r, "id_number"),
                                  .phone = req_param(r, "phone"),
                                  .cert_no = req_param(r, "cert_no"),
                                  .cert_issued = req_param(r, "cert_issued"),
                                  .cert_expires = req_param(r, "cert_expires"),
                                  .status = req_param(r, "status"),
                                  .status_reason = req_param(r, "status_reason"),
                                  .lines = req_param_list(r, "lines"),
                                  .legal_qualified = req_param(r, "legal_qualified"),
                                  .version = req_int(r, "version", 0, 0, INT32_MAX)};
}

/* with_agencies: forms choose an agency; the list filters do not. */
static void add_options(struct req *r, json_t *data, json_t *values, bool with_agencies)
{
#define V(k) json_string_value(json_object_get(values, k))
    json_object_set_new(data, "lines",
                        options_catalog("lines", V("lines") ? V("lines") : V("line")));
    json_object_set_new(data, "statuses", options_table(statuses, V("status")));
    /* A stored record has agency (its name) and agency_code; a submitted form has agency. */
    if (with_agencies)
        json_object_set_new(data, "agencies",
                            options_agencies(r, V("agency_code") ? V("agency_code") : V("agency")));
#undef V
}

int officer_index(struct req *r, struct resp *w)
{
    struct officer_query q = {.q = req_query(r, "q"),
                              .status = req_query(r, "status"),
                              .line = req_query(r, "line"),
                              .expiring = req_query(r, "expiring") != NULL &&
                                          strcmp(req_query(r, "expiring"), "1") == 0,
                              .cert = req_query(r, "cert"),
                              .page = (int)req_int(r, "page", 1, 1, 100000),
                              .per_page = (int)req_int(r, "per_page", 20, 1, 200)};
    json_t *list = officer_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "officer/list.html", "执法人员");
    if (r->api) return 0;
    json_t *filter = jpack("{ss? ss? ss? sb}", "q", q.q, "status", q.status, "line", q.line,
                           "expiring", q.expiring);
    /* the start page's tiles: expiring and expired certificates apart */
    if (q.cert && (strcmp(q.cert, "expiring") == 0 || strcmp(q.cert, "expired") == 0)) {
        jset_text(filter, "cert", q.cert);
        jset_text(list, "cert_label",
                  strcmp(q.cert, "expired") == 0 ? "执法证已过期" : "执法证30日内到期");
    }
    json_object_set_new(list, "filter", json_incref(filter));
    add_options(r, list, filter, false);
    json_decref(filter);
    json_object_set_new(list, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_OFFICER_WRITE)));
    page_links(r, list);
    return 0;
}

int officer_new(struct req *r, struct resp *w)
{
    w->data = jpack("{s{ss}}", "form", "status", "active");
    add_options(r, w->data, json_object_get(w->data, "form"), true);
    page(w, "officer/form.html", "登记执法人员");
    return 0;
}

static void keep_form(struct req *r, struct resp *w, const char *title)
{
    page_keep_form(r, w, form_fields);
    json_t *form = json_object_get(w->data, "form");
    const char *lines = req_param_list(r, "lines");
    if (lines) json_object_set_new(form, "lines", json_string(lines));
    json_object_set_new(form, "legal_qualified",
                        json_boolean(req_param(r, "legal_qualified") &&
                                     strcmp(req_param(r, "legal_qualified"), "1") == 0));
    add_options(r, w->data, form, true);
    page(w, "officer/form.html", title);
}

int officer_create(struct req *r, struct resp *w)
{
    keep_form(r, w, "登记执法人员");
    struct officer_input in = input_from(r);
    int64_t id;
    int rc = officer_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = officer_get(&r->ctx, id, &r->err);
        w->status = 201;
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/officers/%lld?saved=1", (long long)id);
    return 0;
}

int officer_show(struct req *r, struct resp *w)
{
    json_t *o = officer_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "officer/show.html", json_string_value(json_object_get(o, "name")));
    if (r->api) return 0;
    struct audit_query aq = {.object_type = "officer", .object_id = req_id(r, 0), .limit = 20};
    bool more;
    json_t *history = audit_list(&r->ctx, &aq, &more, &r->err);
    if (history) json_object_set_new(o, "history", history);
    struct device_query dq = {.officer_id = req_id(r, 0), .per_page = PAGING_MAX};
    json_t *devices = device_list(&r->ctx, &dq, &r->err);
    if (!devices) return r->err.code;
    json_object_set(o, "devices", json_object_get(devices, "rows"));
    json_decref(devices);
    json_object_set_new(o, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_OFFICER_WRITE)));
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    return 0;
}

int officer_edit(struct req *r, struct resp *w)
{
    json_t *o = officer_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = jpack("{so sI}", "form", o, "id", (json_int_t)req_id(r, 0));
    add_options(r, w->data, o, true);
    page(w, "officer/form.html", "修改执法人员");
    return 0;
}

int officer_save(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    keep_form(r, w, "修改执法人员");
    json_object_set_new(w->data, "id", json_integer(id));
    struct officer_input in = input_from(r);
    int rc = officer_update(&r->ctx, id, &in, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = officer_get(&r->ctx, id, &r->err);
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/officers/%lld?saved=1", (long long)id);
    return 0;
}

int officer_review(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    int rc = officer_review_add(&r->ctx, id, req_param(r, "year"), req_param(r, "reviewed_on"),
                                req_param(r, "passed"), req_param(r, "note"), &r->err);
    return web_after_write(
        r, w, rc,
        &(struct after_write){
            .show = officer_show,
            .keep = (const char *const[]){"year", "reviewed_on", "passed", "note", NULL},
            .redirect = arena_printf(r->arena, "/officers/%lld?saved=1#reviews", (long long)id),
            .status = 201});
}

int officer_export(struct req *r, struct resp *w)
{
    return export_serve(r, w, "执法人员", export_officers);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/officers", PERM_OFFICER_READ, ROUTE_BOTH, officer_index, "list and search officers"},
    {"POST", "/officers", PERM_OFFICER_WRITE, ROUTE_BOTH, officer_create, "register an officer"},
    {"GET", "/officers/new", PERM_OFFICER_WRITE, ROUTE_HTML, officer_new, "new officer form"},
    {"GET", "/officers/export", PERM_OFFICER_READ, ROUTE_BOTH, officer_export, "XLSX/CSV export"},
    {"GET", "/officers/import", PERM_OFFICER_WRITE, ROUTE_HTML, officer_import_form, "import form"},
    {"POST", "/officers/import", PERM_OFFICER_WRITE, ROUTE_BOTH, officer_import,
     "import a CSV/XLSX file"},
    {"GET", "/officers/{id}", PERM_OFFICER_READ, ROUTE_BOTH, officer_show, "one officer"},
    {"GET", "/officers/{id}/edit", PERM_OFFICER_WRITE, ROUTE_HTML, officer_edit, "edit form"},
    {"POST", "/officers/{id}", PERM_OFFICER_WRITE, ROUTE_HTML, officer_save, "save edits (form)"},
    {"PUT", "/officers/{id}", PERM_OFFICER_WRITE, ROUTE_API, officer_save, "edit an officer"},
    {"POST", "/officers/{id}/reviews", PERM_OFFICER_WRITE, ROUTE_BOTH, officer_review,
     "record an annual certificate review"},
};

/* the devices' registry (web/device.c) is kept by the same administrators, beside this one */
static const struct nav_item nav[] = {{"/officers", "执法人员", PERM_OFFICER_READ},
                                      {"/devices", "执法装备", PERM_OFFICER_READ},
                                      {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"officers", "在岗执法人员", "/officers?status=active", "", PERM_OFFICER_READ},
    {"certs_expiring", "执法证30日内到期", "/officers?status=active&cert=expiring", "warn",
     PERM_OFFICER_READ},
    {"certs_expired", "执法证已过期", "/officers?status=active&cert=expired", "bad",
     PERM_OFFICER_READ},
    {NULL, NULL, NULL, NULL, 0}};

const struct area area_officers = {"officers", routes, countof(routes), nav, tiles, NULL,
                                   NULL,       NULL};
