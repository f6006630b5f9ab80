/* entity.c — pages and API of the entity registry (管理相对人). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "web/export.h"
#include "docs/registry_export.h"
#include "law/audit.h"
#include "law/entity.h"
#include "law/inspection.h"
#include "law/role.h"

#include <string.h>

static const char *const statuses[][2] = {
    {"open", "营业"}, {"suspended", "停业"}, {"closed", "注销"}, {NULL, NULL}};
static const char *const kinds[][2] = {{"org", "单位"}, {"person", "个人"}, {NULL, NULL}};

static const char *const form_fields[] = {"agency",    "kind",      "name",    "uscc",
                                          "id_number", "legal_rep", "address", "division_code",
                                          "subtype",   "lines",     "status",  "risk_grade",
                                          "phone",     "version",   NULL};

static struct entity_input input_from(struct req *r)
{
    int64_t version = req_int(r, "version", 0, 0, INT32_MAX);
    return (struct entity_input){.agency_code = req_param(r, "agency"),
                                 .kind = req_param(r, "kind"),
                                 .name = req_param(r, "name"),
                                 .uscc = req_param(r, "uscc"),
                                 .id_number = req_param(r, "id_number"),
                                 .legal_rep = req_param(r, "legal_rep"),
                                 .address = req_param(r, "address"),
                                 .division_code = req_param(r, "division_code"),
                                 .subtype = req_param(r, "subtype"),
                                 .lines = req_param_list(r, "lines"),
                                 .status = req_param(r, "status"),
                                 .risk_grade = req_param(r, "risk_grade"),
                                 .phone = req_param(r, "phone"),
                                 .version = version};
}

/* The choices a form or filter offers, with the values in `values` marked. */
/* with_agencies: forms choose an agency; the list filters do not. */
static void add_options(struct req *r, json_t *data, json_t *values, bool with_agencies)
{
#define V(k) json_string_value(json_object_get(values, k))
    json_object_set_new(data, "subtypes", options_catalog("subtypes", V("subtype")));
    json_object_set_new(data, "lines",
                        options_catalog("lines", V("lines") ? V("lines") : V("line")));
    json_object_set_new(data, "risk_grades", options_catalog("risk_grades", V("risk_grade")));
    json_object_set_new(data, "statuses", options_table(statuses, V("status")));
    json_object_set_new(data, "kinds", options_table(kinds, V("kind") ? V("kind") : "org"));
    /* A stored record has agency (its name) and agency_code; a submitted form has agency. */
    if (with_agencies)
        json_object_set_new(data, "agencies",
                            options_agencies(r, V("agency_code") ? V("agency_code") : V("agency")));
#undef V
}

int entity_index(struct req *r, struct resp *w)
{
    struct entity_query q = {.q = req_query(r, "q"),
                             .line = req_query(r, "line"),
                             .subtype = req_query(r, "subtype"),
                             .status = req_query(r, "status"),
                             .risk_grade = req_query(r, "risk_grade"),
                             .page = (int)req_int(r, "page", 1, 1, 100000),
                             .per_page = (int)req_int(r, "per_page", 20, 1, 200)};
    json_t *list = entity_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "entity/list.html", "管理相对人");
    if (r->api) return 0;
    json_t *filter = jpack("{ss? ss? ss? ss? ss?}", "q", q.q, "line", q.line, "subtype", q.subtype,
                           "status", q.status, "risk_grade", q.risk_grade);
    json_object_set_new(list, "filter", json_incref(filter));
    add_options(r, list, filter, false);
    json_decref(filter);
    json_object_set_new(list, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_ENTITY_WRITE)));
    page_links(r, list);
    return 0;
}

int entity_new(struct req *r, struct resp *w)
{
    w->data = jpack("{s{ss ss}}", "form", "kind", "org", "status", "open");
    add_options(r, w->data, json_object_get(w->data, "form"), true);
    page(w, "entity/form.html", "登记管理相对人");
    return 0;
}

/* Prepare the form for re-display if the law call fails. */
static void keep_form(struct req *r, struct resp *w, const char *title)
{
    page_keep_form(r, w, form_fields);
    json_t *form = json_object_get(w->data, "form");
    const char *lines = req_param_list(r, "lines");
    if (lines) json_object_set_new(form, "lines", json_string(lines));
    add_options(r, w->data, form, true);
    page(w, "entity/form.html", title);
}

int entity_create(struct req *r, struct resp *w)
{
    keep_form(r, w, "登记管理相对人");
    struct entity_input in = input_from(r);
    int64_t id;
    int rc = entity_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = entity_get(&r->ctx, id, &r->err);
        w->status = 201;
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/entities/%lld?saved=1", (long long)id);
    return 0;
}

int entity_show(struct req *r, struct resp *w)
{
    json_t *o = entity_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "entity/show.html", json_string_value(json_object_get(o, "name")));
    if (r->api) return 0;
    struct audit_query aq = {.object_type = "entity", .object_id = req_id(r, 0), .limit = 20};
    bool more;
    json_t *history = audit_list(&r->ctx, &aq, &more, &r->err);
    if (history) json_object_set_new(o, "history", history);
    json_object_set_new(o, "licence_types", options_catalog("licence_types", NULL));
    json_object_set_new(o, "entity_id", json_integer(req_id(r, 0)));
    json_object_set_new(o, "can_write", json_boolean(role_allows(r->who.roles, PERM_ENTITY_WRITE)));
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    /* its latest inspections (监督检查) */
    if (role_allows(r->who.roles, PERM_INSPECTION_READ)) {
        struct inspection_query iq = {.entity_id = req_id(r, 0), .per_page = 10};
        json_t *insp = inspection_list(&r->ctx, &iq, &r->err);
        if (!insp) return r->err.code ? r->err.code : ERR_INTERNAL;
        json_object_set(o, "inspections", json_object_get(insp, "rows"));
        json_object_set(o, "inspections_more", json_object_get(insp, "more"));
        json_decref(insp);
        json_object_set_new(o, "can_inspect",
                            json_boolean(role_allows(r->who.roles, PERM_INSPECTION_WRITE)));
    }
    return 0;
}

int entity_edit(struct req *r, struct resp *w)
{
    json_t *o = entity_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = jpack("{so sI}", "form", o, "id", (json_int_t)req_id(r, 0));
    add_options(r, w->data, o, true);
    page(w, "entity/form.html", "修改管理相对人");
    return 0;
}

int entity_save(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    keep_form(r, w, "修改管理相对人");
    json_object_set_new(w->data, "id", json_integer(id));
    struct entity_input in = input_from(r);
    int rc = entity_update(&r->ctx, id, &in, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = entity_get(&r->ctx, id, &r->err);
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/entities/%lld?saved=1", (long long)id);
    return 0;
}

int entity_licence_add(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0), lid;
    struct licence_input in = {.type = req_param(r, "type"),
                               .number = req_param(r, "number"),
                               .valid_from = req_param(r, "valid_from"),
                               .valid_to = req_param(r, "valid_to")};
    int rc = licence_add(&r->ctx, id, &in, &lid, &r->err);
    if (rc && !r->api) {
        /* Show the entity page again with the licence form's messages. */
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        if (entity_show(r, w) == 0) {
            page_keep_form(r, w,
                           (const char *const[]){"type", "number", "valid_from", "valid_to", NULL});
            json_object_set_new(w->data, "licence_types",
                                options_catalog("licence_types", in.type));
        }
        r->err = saved;
        return rc;
    }
    if (rc) return rc;
    if (r->api) {
        w->data = jpack("{sI}", "id", (json_int_t)lid);
        w->status = 201;
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/entities/%lld?saved=1#licences", (long long)id);
    return 0;
}

int entity_licence_delete(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    int rc = licence_delete(&r->ctx, id, req_id(r, 1), &r->err);
    if (rc) return rc;
    if (r->api) {
        w->status = 204;
        w->content_type = "application/json";
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/entities/%lld?saved=1#licences", (long long)id);
    return 0;
}

int entity_export(struct req *r, struct resp *w)
{
    return export_serve(r, w, "管理相对人", export_entities);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/entities", PERM_ENTITY_READ, ROUTE_BOTH, entity_index, "list and search entities"},
    {"POST", "/entities", PERM_ENTITY_WRITE, ROUTE_BOTH, entity_create, "register an entity"},
    {"GET", "/entities/export", PERM_ENTITY_READ, ROUTE_BOTH, entity_export, "XLSX/CSV export"},
    {"GET", "/entities/import", PERM_ENTITY_WRITE, ROUTE_HTML, entity_import_form, "import form"},
    {"POST", "/entities/import", PERM_ENTITY_WRITE, ROUTE_BOTH, entity_import,
     "import a CSV/XLSX file"},
    {"GET", "/entities/{id}", PERM_ENTITY_READ, ROUTE_BOTH, entity_show, "one entity"},
    {"GET", "/entities/new", PERM_ENTITY_WRITE, ROUTE_HTML, entity_new, "new entity form"},
    {"GET", "/entities/{id}/edit", PERM_ENTITY_WRITE, ROUTE_HTML, entity_edit, "edit form"},
    {"POST", "/entities/{id}", PERM_ENTITY_WRITE, ROUTE_HTML, entity_save, "save edits (form)"},
    {"PUT", "/entities/{id}", PERM_ENTITY_WRITE, ROUTE_API, entity_save, "edit an entity"},
    {"POST", "/entities/{id}/licences", PERM_ENTITY_WRITE, ROUTE_BOTH, entity_licence_add,
     "add a licence"},
    {"POST", "/entities/{id}/licences/{lid}/delete", PERM_ENTITY_WRITE, ROUTE_HTML,
     entity_licence_delete, "remove a licence (form)"},
    {"DELETE", "/entities/{id}/licences/{lid}", PERM_ENTITY_WRITE, ROUTE_API, entity_licence_delete,
     "remove a licence"},
};

static const struct nav_item nav[] = {{"/entities", "管理相对人", PERM_ENTITY_READ},
                                      {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"entities", "管理相对人", "/entities", "", PERM_ENTITY_READ},
    {"entities_open", "正常营业", "/entities?status=open", "", PERM_ENTITY_READ},
    {NULL, NULL, NULL, NULL, 0}};

const struct area area_entities = {"entities", routes, countof(routes), nav, tiles, NULL,
                                   NULL,       NULL};
