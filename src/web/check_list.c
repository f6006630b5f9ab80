/* check_list.c — pages and API of the 随机抽查事项清单 (list of random-check items), and its
 * public face. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "law/check_list.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {"agency", "code",  "name",      "line",    "basis",
                                          "method", "ratio", "frequency", "version", NULL};

static struct check_item_input input_from(struct req *r)
{
    return (struct check_item_input){.agency_code = req_param(r, "agency"),
                                     .code = req_param(r, "code"),
                                     .name = req_param(r, "name"),
                                     .line = req_param(r, "line"),
                                     .basis = req_param(r, "basis"),
                                     .subtypes = req_param_list(r, "subtypes"),
                                     .method = req_param_list(r, "method"),
                                     .ratio = req_param(r, "ratio"),
                                     .frequency = req_param(r, "frequency"),
                                     .version = req_int(r, "version", 0, 0, INT32_MAX)};
}

/* Methods as options with the selected ones marked. */
static json_t *method_options(const char *selected)
{
    json_t *all = check_methods(), *m;
    size_t i;
    json_array_foreach(all, i, m)
    {
        const char *code = json_string_value(json_object_get(m, "code"));
        json_object_set_new(m, "selected", json_boolean(csv_has(selected, code)));
    }
    return all;
}

/* The form's choices, with the values of form marked. */
static void add_options(struct req *r, json_t *data, json_t *form)
{
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "lines", options_catalog("lines", V("line")));
    json_object_set_new(data, "subtypes", options_catalog("subtypes", V("subtypes")));
    json_object_set_new(data, "methods", method_options(V("method")));
    json_object_set_new(data, "agencies",
                        options_agencies(r, V("agency_code") ? V("agency_code") : V("agency")));
#undef V
}

int check_item_index(struct req *r, struct resp *w)
{
    const char *line = req_query(r, "line");
    json_t *list = check_item_list(&r->ctx, line, false, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "draw/check_items.html", "随机抽查事项清单");
    if (r->api) return 0;
    json_object_set_new(list, "lines", options_catalog("lines", line));
    json_object_set_new(list, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_PLAN_WRITE)));
    return 0;
}

int check_item_new(struct req *r, struct resp *w)
{
    w->data = jpack("{s{ss}}", "form", "method", "onsite");
    add_options(r, w->data, json_object_get(w->data, "form"));
    page(w, "draw/check_item_form.html", "新增抽查事项");
    return 0;
}

/* Keep the submitted form for a re-display after a failed save. */
static void keep_form(struct req *r, struct resp *w, const char *title)
{
    page_keep_form(r, w, form_fields);
    json_t *form = json_object_get(w->data, "form");
    const char *subtypes = req_param_list(r, "subtypes"), *method = req_param_list(r, "method");
    if (subtypes) json_object_set_new(form, "subtypes", json_string(subtypes));
    if (method) json_object_set_new(form, "method", json_string(method));
    add_options(r, w->data, form);
    page(w, "draw/check_item_form.html", title);
}

int check_item_create(struct req *r, struct resp *w)
{
    keep_form(r, w, "新增抽查事项");
    struct check_item_input in = input_from(r);
    int64_t id;
    int rc = check_item_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = check_item_get(&r->ctx, id, &r->err);
        w->status = 201;
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/check-items/%lld?saved=1", (long long)id);
    return 0;
}

int check_item_show(struct req *r, struct resp *w)
{
    json_t *o = check_item_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "draw/check_item.html", json_string_value(json_object_get(o, "name")));
    if (r->api) return 0;
    json_object_set_new(o, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_PLAN_WRITE) &&
                                     json_is_true(json_object_get(o, "own"))));
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    return 0;
}

int check_item_edit(struct req *r, struct resp *w)
{
    json_t *o = check_item_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    if (json_is_true(json_object_get(o, "published"))) {
        json_decref(o);
        return err_set(&r->err, ERR_CONFLICT, "已公布的抽查事项不能修改，请先撤回公布");
    }
    /* the form takes the ratio without its % sign */
    const char *ratio = json_string_value(json_object_get(o, "ratio"));
    if (ratio) json_object_set_new(o, "ratio", json_stringn(ratio, strcspn(ratio, "%")));
    w->data = jpack("{so sI}", "form", o, "id", (json_int_t)req_id(r, 0));
    add_options(r, w->data, o);
    page(w, "draw/check_item_form.html", "修改抽查事项");
    return 0;
}

int check_item_save(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    keep_form(r, w, "修改抽查事项");
    json_object_set_new(w->data, "id", json_integer(id));
    struct check_item_input in = input_from(r);
    int rc = check_item_update(&r->ctx, id, &in, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = check_item_get(&r->ctx, id, &r->err);
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/check-items/%lld?saved=1", (long long)id);
    return 0;
}

/* Publish or withdraw; the page shows the item again. */
static int set_published(struct req *r, struct resp *w, bool publish)
{
    int64_t id = req_id(r, 0);
    int rc = check_item_publish(&r->ctx, id, publish, &r->err);
    if (rc) return rc;
    if (r->api) {
        w->data = check_item_get(&r->ctx, id, &r->err);
        return w->data ? 0 : r->err.code;
    }
    w->redirect = arena_printf(r->arena, "/check-items/%lld?saved=1", (long long)id);
    return 0;
}

int check_item_publish_submit(struct req *r, struct resp *w)
{
    return set_published(r, w, true);
}

int check_item_withdraw_submit(struct req *r, struct resp *w)
{
    return set_published(r, w, false);
}

int public_check_items(struct req *r, struct resp *w)
{
    json_t *list = check_item_public_list(&r->ctx, req_query(r, "agency"), &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "draw/public_items.html", "随机抽查事项清单（公开）");
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/check-items", PERM_DRAW_READ, ROUTE_BOTH, check_item_index,
     "the list of check items"},
    {"POST", "/check-items", PERM_PLAN_WRITE, ROUTE_BOTH, check_item_create, "add a check item"},
    {"GET", "/check-items/new", PERM_PLAN_WRITE, ROUTE_HTML, check_item_new, "new item form"},
    {"GET", "/check-items/{id}", PERM_DRAW_READ, ROUTE_BOTH, check_item_show, "one check item"},
    {"GET", "/check-items/{id}/edit", PERM_PLAN_WRITE, ROUTE_HTML, check_item_edit, "edit form"},
    {"POST", "/check-items/{id}", PERM_PLAN_WRITE, ROUTE_HTML, check_item_save, "save (form)"},
    {"PUT", "/check-items/{id}", PERM_PLAN_WRITE, ROUTE_API, check_item_save, "edit an item"},
    {"POST", "/check-items/{id}/publish", PERM_PLAN_WRITE, ROUTE_BOTH, check_item_publish_submit,
     "publish an item"},
    {"POST", "/check-items/{id}/withdraw", PERM_PLAN_WRITE, ROUTE_BOTH, check_item_withdraw_submit,
     "withdraw an item from the public list"},
    {"GET", "/public/check-items", PERM_PUBLIC, ROUTE_BOTH, public_check_items,
     "the published check items (no login)"},
};

const struct area area_check_items = {"check_items", routes, countof(routes), NULL, NULL, NULL,
                                      NULL,          NULL};
