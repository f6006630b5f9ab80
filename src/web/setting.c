/* setting.c — the periods an agency may set (law/setting.h), as a page and an API: each with its
 * value, default and source; changed by the top agency's administrator, audited. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "law/role.h"
#include "law/setting.h"

#include <string.h>

int setting_index(struct req *r, struct resp *w)
{
    json_t *list = setting_list(&r->ctx, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = jpack("{so}", "settings", list);
    page(w, "admin/settings.html", "设置");
    if (r->api) return 0;
    jset_bool(w->data, "saved", req_query(r, "saved") != NULL);
    size_t i;
    json_t *s;
    json_array_foreach(list, i, s)
    { /* set on each row, so the page's banner is not taken for a row's message */
        jset_text(s, "error", "");
        jset_text(s, "typed", "");
    }
    return 0;
}

/* A refused change: its message and the value typed, on that setting's form. */
static void mark_refused(struct req *r, json_t *data)
{
    const char *name = req_param(r, "name");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(data, "settings"), i, s)
    {
        if (!name || strcmp(name, json_string_value(json_object_get(s, "name"))) != 0) continue;
        jset_text(s, "error", err_field_msg(&r->err, "value"));
        jset_text(s, "typed", req_param(r, "value"));
    }
}

int setting_submit(struct req *r, struct resp *w)
{
    int rc = setting_set(&r->ctx, req_param(r, "name"), req_param(r, "value"), &r->err);
    rc = web_after_write(
        r, w, rc, &(struct after_write){.show = setting_index, .redirect = "/settings?saved=1"});
    if (rc && !r->api && w->data) mark_refused(r, w->data);
    return rc;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/settings", PERM_SETTING_ADMIN, ROUTE_BOTH, setting_index,
     "the periods an agency may set, with their values, defaults and sources"},
    {"POST", "/settings", PERM_SETTING_ADMIN, ROUTE_BOTH, setting_submit,
     "change one (name, value): the top agency's administrator"},
};

static const struct nav_item nav[] = {{"/settings", "设置", PERM_SETTING_ADMIN}, {NULL, NULL, 0}};

const struct area area_settings = {"settings", routes, countof(routes), nav, NULL, NULL,
                                   NULL,       NULL};
