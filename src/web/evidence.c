/* evidence.c — the evidence of a penalty case on its page and in the API: the items
 * (GET /api/v1/cases/{id}/evidence), an item recorded by one of the case's investigators
 * (POST /cases/{id}/evidence, also /api/v1/…), and the add form's data on the case page
 * (templates/case/evidence.html). */
#include "base/jpack.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/case.h"
#include "law/evidence.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {"kind",
                                          "description",
                                          "source",
                                          "obtained_on",
                                          "officers",
                                          "inquiry_person",
                                          "inquiry_identity",
                                          "inquiry_relation",
                                          "inquiry_time",
                                          "inquiry_place",
                                          "inquiry_qa",
                                          "inquiry_shown",
                                          "site_time",
                                          "site_place",
                                          "site_present",
                                          "site_scene",
                                          "site_shown",
                                          NULL};

int evidence_index(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = case_get(&r->ctx, id, &r->err); /* the case in scope, or 404 */
    if (!o) return r->err.code;
    w->data = jpack("{sO}", "rows", json_object_get(o, "evidence"));
    json_decref(o);
    return 0;
}

int evidence_create(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0), item;
    struct evidence_input in = {
        .kind = req_param(r, "kind"),
        .description = req_param(r, "description"),
        .source = req_param(r, "source"),
        .obtained_on = req_param(r, "obtained_on"),
        .officers = req_param_list(r, "officers"),
        .inquiry_person = req_param(r, "inquiry_person"),
        .inquiry_identity = req_param(r, "inquiry_identity"),
        .inquiry_relation = req_param(r, "inquiry_relation"),
        .inquiry_time = req_param(r, "inquiry_time"),
        .inquiry_place = req_param(r, "inquiry_place"),
        .inquiry_qa = req_param(r, "inquiry_qa"),
        .inquiry_shown = req_param(r, "inquiry_shown"),
        .site_time = req_param(r, "site_time"),
        .site_place = req_param(r, "site_place"),
        .site_present = req_param(r, "site_present"),
        .site_scene = req_param(r, "site_scene"),
        .site_shown = req_param(r, "site_shown"),
    };
    int rc = evidence_add(&r->ctx, id, &in, &item, &r->err);
    return web_after_write(
        r, w, rc,
        &(struct after_write){
            .show = case_show,
            .keep = form_fields,
            .redirect = arena_printf(r->arena, "/cases/%lld?done=evidence#evidence", (long long)id),
            .status = 201});
}

void evidence_page(struct req *r, json_t *o)
{
    int64_t id = json_integer_value(json_object_get(o, "id"));
    struct err quiet = {0};
    if (evidence_may_add(&r->ctx, id, &quiet) != 1) return;
    /* shown by evidence_create only when it was refused (web_after_write) */
    bool refused = r->route && r->route->handler == evidence_create;
    const char *kind = refused ? req_param(r, "kind") : NULL;
    const char *chosen = refused ? req_param_list(r, "officers") : NULL;
    json_t *choices = json_array();
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(o, "officers"), i, k)
    {
        const char *code =
            arena_printf(r->arena, "%lld", (long long)json_integer_value(json_object_get(k, "id")));
        json_array_append_new(choices, jpack("{ss ss sb}", "code", code, "name",
                                             json_string_value(json_object_get(k, "name")),
                                             "checked", csv_has(chosen, code)));
    }
    json_t *f = jpack("{so so}", "kinds", evidence_kind_options(kind), "officers", choices);
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    jset_text(f, "obtained_on", refused ? req_param(r, "obtained_on") : today);
    jset_text(f, "description", refused ? req_param(r, "description") : NULL);
    jset_text(f, "source", refused ? req_param(r, "source") : NULL);
    static const char *const typed[] = {
        "inquiry_person", "inquiry_identity", "inquiry_relation", "inquiry_time", "inquiry_place",
        "inquiry_qa",     "site_time",        "site_place",       "site_present", "site_scene"};
    for (size_t a = 0; a < countof(typed); a++)
        jset_text(f, typed[a], refused ? req_param(r, typed[a]) : NULL);
    static const char *const ticked[] = {"inquiry_shown", "site_shown"};
    for (size_t a = 0; a < countof(ticked); a++)
        jset_bool(f, ticked[a],
                  refused && req_param(r, ticked[a]) && strcmp(req_param(r, ticked[a]), "1") == 0);
    json_object_set_new(o, "evidence_form", f);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/cases/{id}/evidence", PERM_CASE_READ, ROUTE_API, evidence_index,
     "the evidence of a case (第四十六条)"},
    {"POST", "/cases/{id}/evidence", PERM_CASE_HANDLE, ROUTE_BOTH, evidence_create,
     "record an item of evidence (kind, description, source, obtained_on, officers; a statement"
     " or witness item may carry its inquiry: inquiry_person, inquiry_identity, inquiry_relation,"
     " inquiry_time, inquiry_place, inquiry_qa, inquiry_shown=1 — issues its 询问笔录; a record"
     " item its on-site record: site_time, site_place, site_present, site_scene, site_shown=1 —"
     " issues its 现场笔录)"},
};

const struct area area_case_evidence = {
    "case_evidence", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
