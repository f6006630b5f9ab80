/* power.c — pages and API of the power list (权责清单) for staff: the list with its filters, one
 * item with its baselines, the item form; and the area's declaration, whose routes include the
 * baseline forms (discretion.c), import and export (power_import.c) and the public pages
 * (power_public.c). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "law/power.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {
    "agency",        "code",     "name",     "kind",     "line",     "basis",   "violated",
    "penalty_basis", "fine_min", "fine_max", "mult_min", "mult_max", "version", NULL};

static struct power_item_input input_from(struct req *r)
{
    return (struct power_item_input){
        .agency_code = req_param(r, "agency"),
        .code = req_param(r, "code"),
        .name = req_param(r, "name"),
        .kind = req_param(r, "kind"),
        .line = req_param(r, "line"),
        .basis = req_param(r, "basis"),
        .violated = req_param(r, "violated"),
        .penalty_basis = req_param(r, "penalty_basis"),
        .terms = {req_param_list(r, "penalty_types"), req_param(r, "fine_min"),
                  req_param(r, "fine_max"), req_param(r, "mult_min"), req_param(r, "mult_max")},
        .version = req_int(r, "version", 0, 0, INT32_MAX),
    };
}

/* Options of a vocabulary ([{code,label}]) with the codes of the comma list chosen marked. */
json_t *power_options(json_t *all, const char *chosen)
{
    size_t i;
    json_t *o;
    json_array_foreach(all, i, o)
    {
        jset_bool(o, "selected", csv_has(chosen, json_string_value(json_object_get(o, "code"))));
    }
    return all;
}

/* The form's choices, with the values of form marked. */
static void add_options(struct req *r, json_t *data, json_t *form)
{
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "kinds", power_options(power_kinds(), V("kind")));
    json_object_set_new(data, "lines", options_catalog("lines", V("line")));
    json_object_set_new(data, "types", power_options(power_penalty_types(), V("penalty_types")));
    json_object_set_new(data, "agencies",
                        options_agencies(r, V("agency_code") ? V("agency_code") : V("agency")));
#undef V
}

int power_index(struct req *r, struct resp *w)
{
    struct power_query q = {
        .kind = req_query(r, "kind"),
        .line = req_query(r, "line"),
        .q = req_query(r, "q"),
        .agency_code = req_query(r, "agency"),
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    json_t *list = power_item_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "power/list.html", "权责清单");
    if (r->api) return 0;
    page_links(r, list);
    json_object_set_new(list, "kinds", power_options(power_kinds(), q.kind));
    json_object_set_new(list, "lines", options_catalog("lines", q.line));
    jset_text(list, "q", q.q);
    jset_text(list, "agency", q.agency_code);
    jset_bool(list, "can_write", role_allows(r->who.roles, PERM_POWER_WRITE));
    return 0;
}

int power_show(struct req *r, struct resp *w)
{
    json_t *o = power_item_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "power/show.html", json_string_value(json_object_get(o, "name")));
    if (r->api) return 0;
    bool can =
        role_allows(r->who.roles, PERM_POWER_WRITE) && json_is_true(json_object_get(o, "own"));
    jset_bool(o, "can_write", can);
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(o, "versions"), i, v)
    {
        jset_bool(v, "can_edit",
                  can && strcmp(json_string_value(json_object_get(v, "state")), "scheduled") == 0);
        jset_int(v, "item_id", req_id(r, 0));
    }
    return 0;
}

int power_new(struct req *r, struct resp *w)
{
    w->data = jpack("{s{ss}}", "form", "kind", "penalty");
    add_options(r, w->data, json_object_get(w->data, "form"));
    page(w, "power/form.html", "新增权责事项");
    return 0;
}

/* Keep the submitted form for a re-display after a failed save. */
static void keep_form(struct req *r, struct resp *w, const char *title)
{
    page_keep_form(r, w, form_fields);
    json_t *form = json_object_get(w->data, "form");
    const char *types = req_param_list(r, "penalty_types");
    if (types) json_object_set_new(form, "penalty_types", json_string(types));
    add_options(r, w->data, form);
    page(w, "power/form.html", title);
}

int power_create(struct req *r, struct resp *w)
{
    keep_form(r, w, "新增权责事项");
    struct power_item_input in = input_from(r);
    int64_t id;
    int rc = power_item_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    json_decref(w->data);
    w->data = NULL;
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/power-items/%lld?saved=1", (long long)id);
        return 0;
    }
    w->data = power_item_get(&r->ctx, id, &r->err);
    w->status = 201;
    return w->data ? 0 : r->err.code;
}

/* The item as the form edits it: amounts in 元 and multiples as typed. */
static json_t *form_of(json_t *o)
{
    json_t *f = json_deep_copy(o);
    static const char *const plain[][2] = {{"fine_min", "fine_min_yuan"},
                                           {"fine_max", "fine_max_yuan"},
                                           {"mult_min", "mult_min_times"},
                                           {"mult_max", "mult_max_times"}};
    for (size_t i = 0; i < countof(plain); i++)
        json_object_set(f, plain[i][0], json_object_get(o, plain[i][1]));
    json_object_set(f, "kind", json_object_get(o, "kind"));
    return f;
}

int power_edit(struct req *r, struct resp *w)
{
    json_t *o = power_item_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    if (!json_is_true(json_object_get(o, "own"))) {
        json_decref(o);
        return err_set(&r->err, ERR_FORBIDDEN, "该事项由上级机构制定，只能由上级机构修改");
    }
    json_t *form = form_of(o);
    json_decref(o);
    w->data = jpack("{so sI}", "form", form, "id", (json_int_t)req_id(r, 0));
    add_options(r, w->data, form);
    page(w, "power/form.html", "修改权责事项");
    return 0;
}

int power_save(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    keep_form(r, w, "修改权责事项");
    json_object_set_new(w->data, "id", json_integer(id));
    struct power_item_input in = input_from(r);
    int rc = power_item_update(&r->ctx, id, &in, &r->err);
    if (rc) return rc;
    json_decref(w->data);
    w->data = NULL;
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/power-items/%lld?saved=1", (long long)id);
        return 0;
    }
    w->data = power_item_get(&r->ctx, id, &r->err);
    return w->data ? 0 : r->err.code;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/power-items", PERM_POWER_READ, ROUTE_BOTH, power_index,
     "the power list, by kind, line and a fragment of code or name"},
    {"POST", "/power-items", PERM_POWER_WRITE, ROUTE_BOTH, power_create, "add a power item"},
    {"GET", "/power-items/new", PERM_POWER_WRITE, ROUTE_HTML, power_new, "new item form"},
    {"GET", "/power-items/{id}", PERM_POWER_READ, ROUTE_BOTH, power_show,
     "one item with its baseline versions"},
    {"GET", "/power-items/{id}/edit", PERM_POWER_WRITE, ROUTE_HTML, power_edit, "edit form"},
    {"POST", "/power-items/{id}", PERM_POWER_WRITE, ROUTE_HTML, power_save, "save (form)"},
    {"PUT", "/power-items/{id}", PERM_POWER_WRITE, ROUTE_API, power_save, "change an item"},
    {"GET", "/power-items/{id}/baseline", PERM_POWER_READ, ROUTE_API, discretion_in_force_get,
     "the baseline in force on a day (?on=YYYY-MM-DD, default today), or null"},
    {"GET", "/power-items/{id}/baselines/new", PERM_POWER_WRITE, ROUTE_HTML, discretion_new,
     "new baseline version form"},
    {"POST", "/power-items/{id}/baselines", PERM_POWER_WRITE, ROUTE_BOTH, discretion_create,
     "add a baseline version, in force from its date"},
    {"GET", "/power-items/{id}/baselines/{version}/edit", PERM_POWER_WRITE, ROUTE_HTML,
     discretion_edit, "edit form of a version not yet in force"},
    {"POST", "/power-items/{id}/baselines/{version}", PERM_POWER_WRITE, ROUTE_HTML, discretion_save,
     "save a version not yet in force (form)"},
    {"PUT", "/power-items/{id}/baselines/{version}", PERM_POWER_WRITE, ROUTE_API, discretion_save,
     "change a version not yet in force"},
    {"GET", "/power-items/import", PERM_POWER_WRITE, ROUTE_HTML, power_import_form, "import form"},
    {"POST", "/power-items/import", PERM_POWER_WRITE, ROUTE_BOTH, power_import_submit,
     "import or preview (preview=1) an XLSX/CSV file"},
    {"GET", "/power-items/export", PERM_POWER_READ, ROUTE_BOTH, power_export,
     "XLSX/CSV export in the import's columns"},
    {"GET", "/public/power-items", PERM_PUBLIC, ROUTE_BOTH, public_power_index,
     "the published power list with the baselines in force (no login)"},
    {"GET", "/public/power-items/{id}", PERM_PUBLIC, ROUTE_BOTH, public_power_show,
     "one published item with every version of its baseline (no login)"},
};

static const struct nav_item nav[] = {{"/power-items", "权责清单", PERM_POWER_READ},
                                      {NULL, NULL, 0}};

const struct area area_power = {"power", routes, countof(routes), nav, NULL, NULL, NULL, NULL};
