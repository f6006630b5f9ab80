/* campaign.c — pages and API of 专项检查 campaigns: list, form, one campaign with its progress and
 * target list, adding targets by search or by a registry filter. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "law/audit.h"
#include "law/campaign.h"
#include "law/entity.h"
#include "law/inspection.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {"agency",  "name",        "line",    "starts_on",
                                          "ends_on", "description", "version", NULL};
static const char *const statuses[][2] = {
    {"open", "营业"}, {"suspended", "停业"}, {"closed", "注销"}, {NULL, NULL}};

static struct campaign_input input_from(struct req *r)
{
    return (struct campaign_input){.agency_code = req_param(r, "agency"),
                                   .name = req_param(r, "name"),
                                   .line = req_param(r, "line"),
                                   .starts_on = req_param(r, "starts_on"),
                                   .ends_on = req_param(r, "ends_on"),
                                   .description = req_param(r, "description"),
                                   .version = req_int(r, "version", 0, 0, INT32_MAX)};
}

static void form_options(struct req *r, json_t *data)
{
    json_t *form = json_object_get(data, "form");
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "lines", options_catalog("lines", V("line")));
    json_object_set_new(data, "agencies",
                        options_agencies(r, V("agency_code") ? V("agency_code") : V("agency")));
#undef V
}

int campaign_index(struct req *r, struct resp *w)
{
    json_t *list = campaign_list(&r->ctx, (int)req_int(r, "page", 1, 1, 100000),
                                 (int)req_int(r, "per_page", 20, 1, 200), &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "campaign/list.html", "专项检查");
    if (r->api) return 0;
    json_object_set_new(list, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_INSPECTION_WRITE)));
    json_object_set_new(list, "tab_campaigns", json_true());
    page_links(r, list);
    return 0;
}

int campaign_new(struct req *r, struct resp *w)
{
    char today[DATE_STRLEN], end[DATE_STRLEN];
    day_t d = date_from_instant(r->ctx.now);
    date_format(d, today);
    date_format(d + 90, end);
    w->data = jpack("{s{ss ss}}", "form", "starts_on", today, "ends_on", end);
    form_options(r, w->data);
    page(w, "campaign/form.html", "设立专项检查");
    return 0;
}

int campaign_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, form_fields);
    form_options(r, w->data);
    page(w, "campaign/form.html", "设立专项检查");
    struct campaign_input in = input_from(r);
    int64_t id;
    int rc = campaign_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = campaign_get(&r->ctx, id, &r->err);
        w->status = 201;
        return w->data ? 0 : r->err.code;
    }
    w->redirect = arena_printf(r->arena, "/campaigns/%lld?saved=1", (long long)id);
    return 0;
}

int campaign_edit(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = campaign_get(&r->ctx, id, &r->err);
    if (!o) return r->err.code;
    if (!json_is_true(json_object_get(o, "can_edit"))) {
        json_decref(o);
        return err_set(&r->err, ERR_FORBIDDEN, "该专项检查由上级机构组织，您不能修改");
    }
    w->data = jpack("{so sI}", "form", o, "id", (json_int_t)id);
    form_options(r, w->data);
    page(w, "campaign/form.html", "修改专项检查");
    return 0;
}

int campaign_save(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    page_keep_form(r, w, form_fields);
    json_object_set_new(w->data, "id", json_integer(id));
    form_options(r, w->data);
    page(w, "campaign/form.html", "修改专项检查");
    struct campaign_input in = input_from(r);
    int rc = campaign_update(&r->ctx, id, &in, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = campaign_get(&r->ctx, id, &r->err);
        return w->data ? 0 : r->err.code;
    }
    w->redirect = arena_printf(r->arena, "/campaigns/%lld?saved=1", (long long)id);
    return 0;
}

/* The page of one campaign: progress, the targets (all, pending or done), a search to add
 * entities and a filter to add many. */
int campaign_show(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = campaign_get(&r->ctx, id, &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "campaign/show.html", json_string_value(json_object_get(o, "name")));
    if (r->api) return 0;
    const char *which = req_query(r, "which");
    if (!which || (strcmp(which, "pending") != 0 && strcmp(which, "done") != 0)) which = NULL;
    json_t *targets =
        campaign_targets(&r->ctx, id, which, (int)req_int(r, "page", 1, 1, 100000), 50, &r->err);
    if (!targets) return r->err.code ? r->err.code : ERR_INTERNAL;
    page_links(r, targets);
    json_object_set_new(o, "targets", targets);
    json_object_set_new(o, "which_all", json_boolean(!which));
    json_object_set_new(o, "which_pending", json_boolean(which && strcmp(which, "pending") == 0));
    json_object_set_new(o, "which_done", json_boolean(which && strcmp(which, "done") == 0));
    const char *q = req_query(r, "q");
    if (!str_blank(q)) {
        struct entity_query eq = {
            .q = q, .line = json_string_value(json_object_get(o, "line")), .per_page = 20};
        json_t *found = entity_list(&r->ctx, &eq, &r->err);
        if (!found) return r->err.code ? r->err.code : ERR_INTERNAL;
        json_object_set(o, "found", json_object_get(found, "rows"));
        json_object_set_new(o, "searched", json_true());
        json_decref(found);
    }
    json_object_set_new(o, "q", json_string(q ? q : ""));
    const char *line = json_string_value(json_object_get(o, "line"));
    json_object_set_new(o, "lines", options_catalog("lines", line));
    json_object_set_new(o, "subtypes", options_catalog("subtypes", NULL));
    json_object_set_new(o, "risk_grades", options_catalog("risk_grades", NULL));
    json_object_set_new(o, "statuses", options_table(statuses, "open"));
    bool can_write = role_allows(r->who.roles, PERM_INSPECTION_WRITE);
    json_object_set_new(o, "can_write",
                        json_boolean(can_write && json_is_true(json_object_get(o, "can_edit"))));
    json_object_set_new(o, "can_inspect", json_boolean(can_write));
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    int64_t added = req_int(r, "added", -1, 0, INT32_MAX);
    if (added > 0)
        jset_text(o, "added_msg",
                  arena_printf(r->arena, "新加入名单 %lld 个对象", (long long)added));
    else if (added == 0)
        jset_text(o, "added_msg", "没有新加入的对象（所选单位已在名单中）");
    struct audit_query aq = {.object_type = "campaign", .object_id = id, .limit = 20};
    bool more;
    json_t *history = audit_list(&r->ctx, &aq, &more, &r->err);
    if (history) json_object_set_new(o, "history", history);
    return 0;
}

int campaign_targets_index(struct req *r, struct resp *w)
{
    w->data = campaign_targets(&r->ctx, req_id(r, 0), req_query(r, "which"),
                               (int)req_int(r, "page", 1, 1, 100000),
                               (int)req_int(r, "per_page", 50, 1, 200), &r->err);
    return w->data ? 0 : r->err.code ? r->err.code : ERR_INTERNAL;
}

/* After a change to the list: JSON {"added": n}, or back to the campaign page. */
static int targets_done(struct req *r, struct resp *w, int64_t id, int added)
{
    if (r->api) {
        w->data = jpack("{si}", "added", added);
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/campaigns/%lld?added=%d#targets", (long long)id, added);
    return 0;
}

/* A refused change to the list: the campaign page again with the message beside the form. */
static int targets_refused(struct req *r, struct resp *w, int rc)
{
    if (r->api || rc != ERR_INVALID) return rc;
    struct err saved = r->err;
    memset(&r->err, 0, sizeof r->err);
    int shown = campaign_show(r, w);
    r->err = saved;
    return shown ? shown : rc;
}

int campaign_targets_post(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    int added = 0;
    int rc = campaign_target_add(&r->ctx, id, req_param_list(r, "entity_ids"), &added, &r->err);
    return rc ? targets_refused(r, w, rc) : targets_done(r, w, id, added);
}

int campaign_targets_filter_post(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    struct campaign_filter f = {.line = req_param(r, "line"),
                                .subtype = req_param(r, "subtype"),
                                .risk_grade = req_param(r, "risk_grade"),
                                .status = req_param(r, "status")};
    int added = 0;
    int rc = campaign_target_add_filter(&r->ctx, id, &f, &added, &r->err);
    return rc ? targets_refused(r, w, rc) : targets_done(r, w, id, added);
}

int campaign_target_delete(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    int rc = campaign_target_remove(&r->ctx, id, req_id(r, 1), &r->err);
    if (rc) return rc;
    if (r->api) {
        w->status = 204;
        w->content_type = "application/json";
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/campaigns/%lld#targets", (long long)id);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/campaigns", PERM_INSPECTION_READ, ROUTE_BOTH, campaign_index, "list campaigns"},
    {"POST", "/campaigns", PERM_INSPECTION_WRITE, ROUTE_BOTH, campaign_create, "set up a campaign"},
    {"GET", "/campaigns/new", PERM_INSPECTION_WRITE, ROUTE_HTML, campaign_new, "new campaign form"},
    {"GET", "/campaigns/{id}", PERM_INSPECTION_READ, ROUTE_BOTH, campaign_show,
     "one campaign with its progress"},
    {"GET", "/campaigns/{id}/edit", PERM_INSPECTION_WRITE, ROUTE_HTML, campaign_edit, "edit form"},
    {"POST", "/campaigns/{id}", PERM_INSPECTION_WRITE, ROUTE_HTML, campaign_save,
     "save edits (form)"},
    {"PUT", "/campaigns/{id}", PERM_INSPECTION_WRITE, ROUTE_API, campaign_save, "edit a campaign"},
    {"GET", "/campaigns/{id}/targets", PERM_INSPECTION_READ, ROUTE_API, campaign_targets_index,
     "a campaign's targets (all, pending or done)"},
    {"POST", "/campaigns/{id}/targets", PERM_INSPECTION_WRITE, ROUTE_BOTH, campaign_targets_post,
     "add entities to the target list"},
    {"POST", "/campaigns/{id}/targets/filter", PERM_INSPECTION_WRITE, ROUTE_BOTH,
     campaign_targets_filter_post, "add the entities matching a registry filter"},
    {"POST", "/campaigns/{id}/targets/{eid}/delete", PERM_INSPECTION_WRITE, ROUTE_HTML,
     campaign_target_delete, "take an entity off the list (form)"},
    {"DELETE", "/campaigns/{id}/targets/{eid}", PERM_INSPECTION_WRITE, ROUTE_API,
     campaign_target_delete, "take an entity off the list"},
};

const struct area area_campaigns = {"campaigns", routes, countof(routes), NULL, NULL, NULL,
                                    NULL,        NULL};
