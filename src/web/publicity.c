/* publicity.c — the publicity queue (行政执法公示) for staff: the list (/publicity) soonest due
 * first, one item (/publicity/{id}) with its fields as published, its source, deadlines, repairs
 * and the reviewer's masking form (POST /publicity/{id}/mask), and the figures of a period
 * (/publicity/figures). The steps (publish, withhold, withdraw, repair) are served by step.c. */
#include "base/jpack.h"
#include "web/area.h"
#include "web/options.h"
#include "web/pages.h"
#include "web/tally.h"
#include "web/web.h"
#include "law/publicity.h"
#include "law/role.h"

#include <string.h>

static const char *const list_filters[] = {"agency",  "state", "kind", "from", "to",
                                           "overdue", "late",  "q",    NULL};

int publicity_list_page(struct req *r, struct resp *w)
{
    struct publicity_query q = {
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    const char **slots[] = {&q.agency, &q.state,   &q.kind, &q.from,
                            &q.to,     &q.overdue, &q.late, &q.q};
    for (size_t i = 0; i < countof(slots); i++)
        *slots[i] = req_query(r, list_filters[i]);
    json_t *list = publicity_search(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "publicity/list.html", "行政执法公示");
    if (r->api) return 0;
    page_links(r, list);
    json_object_set_new(list, "agencies", options_agencies(r, q.agency ? q.agency : ""));
    json_object_set_new(list, "filter",
                        json_pack("{ss ss ss ss ss}", "state", q.state ? q.state : "", "kind",
                                  q.kind ? q.kind : "", "q", q.q ? q.q : "", "from",
                                  q.from ? q.from : "", "to", q.to ? q.to : ""));
    return 0;
}

int publicity_show(struct req *r, struct resp *w)
{
    json_t *o = publicity_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "publicity/show.html", "公示事项");
    if (r->api) return 0;
    page_steps(r, o, "/publicity");
    const char *state = json_string_value(json_object_get(o, "state"));
    jset_bool(o, "may_mask",
              role_allows(r->ctx.who->roles, PERM_PUBLICITY_REVIEW) &&
                  (strcmp(state, "queued") == 0 || strcmp(state, "published") == 0 ||
                   strcmp(state, "to_withdraw") == 0));
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    return 0;
}

/* A refused masking form: what was typed and the message beside each field. */
static void keep_masks(struct req *r, json_t *o)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(o, "fields"), i, f)
    {
        const char *key = json_string_value(json_object_get(f, "key"));
        const char *typed = req_param(r, arena_printf(r->arena, "mask_%s", key));
        if (typed) jset_text(f, "value", typed);
        jset_text(f, "mask_error", err_field_msg(&r->err, key));
    }
}

/* The edits of the masking form: mask_<key> for each text field of the item's kind; or the JSON
 * body's "mask" object. */
static json_t *mask_edits(struct req *r, int64_t id)
{
    if (r->json && json_is_object(json_object_get(r->json, "mask")))
        return json_incref(json_object_get(r->json, "mask"));
    json_t *edits = json_object();
    struct err quiet = {0};
    json_t *o = publicity_get(&r->ctx, id, &quiet);
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(o, "fields"), i, f)
    {
        const char *key = json_string_value(json_object_get(f, "key"));
        const char *v = req_param(r, arena_printf(r->arena, "mask_%s", key));
        if (v && json_is_true(json_object_get(f, "text")))
            json_object_set_new(edits, key, json_string(v));
    }
    json_decref(o);
    return edits;
}

int publicity_mask_post(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *edits = mask_edits(r, id);
    int rc = publicity_set_mask(&r->ctx, id, edits, &r->err);
    json_decref(edits);
    rc = web_after_write(
        r, w, rc,
        &(struct after_write){
            .show = publicity_show,
            .redirect = arena_printf(r->arena, "/publicity/%lld?saved=1", (long long)id)});
    if (rc && !r->api && w->data) keep_masks(r, w->data);
    return rc;
}

int publicity_figures_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, true);
    page(w, "publicity/figures.html", "行政执法公示统计");
    if (!r->api) {
        w->data = jpack("{ss ss}", "from", p.from, "to", p.to);
        json_object_set_new(w->data, "agencies", options_agencies(r, p.agency ? p.agency : ""));
    }
    json_t *o = publicity_figures(&r->ctx, p.agency, p.from, p.to, &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        w->data = o;
        return 0;
    }
    json_object_update_new(w->data, o);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/publicity", PERM_PUBLICITY_READ, ROUTE_BOTH, publicity_list_page,
     "the publicity queue, soonest due first (agency, state, kind, from, to, overdue, late, q)"},
    {"GET", "/publicity/figures", PERM_PUBLICITY_READ, ROUTE_BOTH, publicity_figures_page,
     "figures of a period (from, to, agency): by state, published and withdrawn on time, late,"
     " repairs"},
    {"GET", "/publicity/{id}", PERM_PUBLICITY_READ, ROUTE_BOTH, publicity_show,
     "one publicity item with its fields as published, deadlines, repairs and steps"},
    {"POST", "/publicity/{id}/mask", PERM_PUBLICITY_REVIEW, ROUTE_BOTH, publicity_mask_post,
     "change how the item's texts are published (mask_<field>, or a JSON object mask)"},
};

static const struct nav_item nav[] = {{"/publicity", "执法公示", PERM_PUBLICITY_READ},
                                      {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"publicity_due", "待公示", "/publicity?state=queued", "warn", PERM_PUBLICITY_REVIEW},
    {NULL, NULL, NULL, NULL, 0},
};

const struct area area_publicity = {"publicity",  routes,         countof(routes),
                                    nav,          tiles,          &publicity_workflow,
                                    "/publicity", publicity_show, "公示事项"};
