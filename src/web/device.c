/* device.c — pages and API of the registry of enforcement devices (执法装备, law/device.h): the
 * list with its figures by kind, registering, a device's page with its history and the forms
 * that edit, assign, take back and retire it. */
#include "base/jpack.h"
#include "web/area.h"
#include "web/options.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/audit.h"
#include "law/device.h"
#include "law/role.h"

#include <string.h>

/* The fields a refused form on the device's page keeps (device_show). */
static const char *const kept[] = {"model", "status", "note", "officer_id", "on", "reason", NULL};

static bool can_write(const struct req *r)
{
    return role_allows(r->who.roles, PERM_OFFICER_WRITE);
}

/* The kinds that have devices, as the list's figures (new reference). */
static json_t *figures_of(json_t *counts)
{
    json_t *shown = json_array();
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(counts, "kinds"), i, k)
    {
        if (json_integer_value(json_object_get(k, "in_service"))) json_array_append(shown, k);
    }
    return shown;
}

static int device_index(struct req *r, struct resp *w)
{
    struct device_query q = {.kind = req_query(r, "kind"),
                             .status = req_query(r, "status"),
                             .officer_id = req_int(r, "officer_id", 0, 1, INT64_MAX),
                             .q = req_query(r, "q"),
                             .page = (int)req_int(r, "page", 1, 1, 100000),
                             .per_page = (int)req_int(r, "per_page", 20, 1, 200)};
    json_t *list = device_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "device/list.html", "执法装备");
    if (r->api) return 0;
    json_t *counts = device_counts(&r->ctx, NULL, &r->err);
    if (!counts) return r->err.code;
    json_object_set_new(list, "figures", figures_of(counts));
    json_object_set_new(list, "counts", counts);
    json_object_set_new(list, "filter",
                        jpack("{ss? ss? ss?}", "q", q.q, "kind", q.kind, "status", q.status));
    json_object_set_new(list, "kinds", options_table(device_kinds, q.kind));
    json_object_set_new(list, "statuses", options_table(device_statuses, q.status));
    jset_bool(list, "can_write", can_write(r));
    page_links(r, list);
    return 0;
}

static int device_counts_get(struct req *r, struct resp *w)
{
    w->data = device_counts(&r->ctx, req_query(r, "agency"), &r->err);
    return w->data ? 0 : r->err.code;
}

/* The registering form's choices, with form's values selected. */
static void new_form(struct req *r, struct resp *w, json_t *form)
{
    w->data = jpack("{so}", "form", form);
    json_object_set_new(
        w->data, "kinds",
        options_table(device_kinds, json_string_value(json_object_get(form, "kind"))));
    json_object_set_new(w->data, "agencies",
                        options_agencies(r, json_string_value(json_object_get(form, "agency"))));
    page(w, "device/form.html", "登记执法装备");
}

static int device_new(struct req *r, struct resp *w)
{
    new_form(r, w, jpack("{ss}", "kind", "recorder"));
    return 0;
}

static int device_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, (const char *const[]){"agency", "kind", "number", "model", "note", NULL});
    json_t *form = json_incref(json_object_get(w->data, "form"));
    json_decref(w->data);
    new_form(r, w, form);
    struct device_input in = {.agency_code = req_param(r, "agency"),
                              .kind = req_param(r, "kind"),
                              .number = req_param(r, "number"),
                              .model = req_param(r, "model"),
                              .note = req_param(r, "note")};
    int64_t id = 0;
    int rc = device_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = device_get(&r->ctx, id, &r->err);
        w->status = 201;
        return w->data ? 0 : r->err.code;
    }
    w->redirect = arena_printf(r->arena, "/devices/%lld?saved=1", (long long)id);
    return 0;
}

/* The values of the page's forms: the device's own, today for a change's day, and what a refused
 * form had typed (a POST shows this page again). */
static json_t *form_values(struct req *r, json_t *o)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    json_t *form = jpack("{sO sO sO sO ss}", "model", json_object_get(o, "model"), "status",
                         json_object_get(o, "status"), "note", json_object_get(o, "note"),
                         "version", json_object_get(o, "version"), "on", today);
    if (strcmp(r->method, "GET") == 0) return form;
    for (int i = 0; kept[i]; i++) {
        const char *v = req_param(r, kept[i]);
        if (v) jset_text(form, kept[i], v);
    }
    return form;
}

/* What the page adds to the device o for a user who may change it. */
static int add_forms(struct req *r, json_t *o)
{
    json_t *form = form_values(r, o);
    json_object_set_new(o, "form", form);
    if (json_is_true(json_object_get(o, "retired"))) return 0;
    json_t *officers = device_assignable(&r->ctx, req_id(r, 0), &r->err);
    if (!officers) return r->err.code;
    json_t *chosen = json_object_get(form, "officer_id");
    const char *pick = json_string_value(chosen);
    size_t i;
    json_t *k;
    json_array_foreach(officers, i, k)
    {
        char code[24];
        snprintf(code, sizeof code, "%lld",
                 (long long)json_integer_value(json_object_get(k, "code")));
        jset_bool(k, "selected", pick && strcmp(pick, code) == 0);
    }
    json_object_set_new(o, "officers", officers);
    json_object_set_new(
        o, "edit_statuses",
        options_table(
            (const char *const[][2]){{"active", "在用"}, {"repair", "维修"}, {NULL, NULL}},
            json_string_value(json_object_get(form, "status"))));
    return 0;
}

static int device_show(struct req *r, struct resp *w)
{
    json_t *o = device_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "device/show.html",
         arena_printf(r->arena, "%s %s", json_string_value(json_object_get(o, "kind_label")),
                      json_string_value(json_object_get(o, "number"))));
    if (r->api) return 0;
    bool write = can_write(r);
    jset_bool(o, "can_write", write);
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    if (write && add_forms(r, o)) return r->err.code;
    struct audit_query aq = {.object_type = "device", .object_id = req_id(r, 0), .limit = 20};
    bool more;
    json_t *changes = audit_list(&r->ctx, &aq, &more, &r->err);
    if (changes) json_object_set_new(o, "changes", changes);
    return 0;
}

/* Answer a change of device id: the page again when refused, else the device (API) or its page
 * at anchor. */
static int after_change(struct req *r, struct resp *w, int rc, const char *anchor)
{
    return web_after_write(
        r, w, rc,
        &(struct after_write){.show = device_show,
                              .redirect = arena_printf(r->arena, "/devices/%lld?saved=1#%s",
                                                       (long long)req_id(r, 0), anchor)});
}

static int device_save(struct req *r, struct resp *w)
{
    struct device_input in = {.model = req_param(r, "model"),
                              .status = req_param(r, "status"),
                              .note = req_param(r, "note"),
                              .version = req_int(r, "version", 0, 0, INT32_MAX)};
    return after_change(r, w, device_update(&r->ctx, req_id(r, 0), &in, &r->err), "edit");
}

static int device_assign_post(struct req *r, struct resp *w)
{
    int64_t officer = req_int(r, "officer_id", 0, 1, INT64_MAX);
    int rc = device_assign(&r->ctx, req_id(r, 0), officer, req_param(r, "on"), &r->err);
    return after_change(r, w, rc, "assign");
}

static int device_unassign_post(struct req *r, struct resp *w)
{
    int rc = device_unassign(&r->ctx, req_id(r, 0), req_param(r, "on"), &r->err);
    return after_change(r, w, rc, "assign");
}

static int device_retire_post(struct req *r, struct resp *w)
{
    int rc = device_retire(&r->ctx, req_id(r, 0), req_param(r, "reason"), &r->err);
    return after_change(r, w, rc, "history");
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/devices", PERM_OFFICER_READ, ROUTE_BOTH, device_index, "list enforcement devices"},
    {"POST", "/devices", PERM_OFFICER_WRITE, ROUTE_BOTH, device_create, "register a device"},
    {"GET", "/devices/new", PERM_OFFICER_WRITE, ROUTE_HTML, device_new, "new device form"},
    {"GET", "/devices/counts", PERM_OFFICER_READ, ROUTE_API, device_counts_get,
     "devices by kind and status (an agency's subtree)"},
    {"GET", "/devices/{id}", PERM_OFFICER_READ, ROUTE_BOTH, device_show,
     "one device with its assignment history"},
    {"POST", "/devices/{id}", PERM_OFFICER_WRITE, ROUTE_HTML, device_save, "save edits (form)"},
    {"PUT", "/devices/{id}", PERM_OFFICER_WRITE, ROUTE_API, device_save,
     "edit a device's model, status and note"},
    {"POST", "/devices/{id}/assign", PERM_OFFICER_WRITE, ROUTE_BOTH, device_assign_post,
     "assign a device to an officer"},
    {"POST", "/devices/{id}/unassign", PERM_OFFICER_WRITE, ROUTE_BOTH, device_unassign_post,
     "take a device back into the pool"},
    {"POST", "/devices/{id}/retire", PERM_OFFICER_WRITE, ROUTE_BOTH, device_retire_post,
     "retire a device"},
};

/* Its menu entry stands beside the officers' (web/officer.c). */
const struct area area_devices = {"devices", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
