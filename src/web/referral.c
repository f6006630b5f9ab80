/* referral.c — the referral of a case to the police (涉嫌犯罪案件移送) on the pages and in the
 * API: the list of a case's (GET /api/v1/cases/{id}/referrals), the report by an investigator
 * (POST /cases/{id}/referrals, also /api/v1/…), the form on the case page, and one referral's
 * page (/referrals/{id}) whose steps step.c serves. */
#include "base/jpack.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/case.h"
#include "law/referral.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {"crime", "facts",       "persons", "goods",
                                          "organ", "reported_on", NULL};

int referral_index(struct req *r, struct resp *w)
{
    json_t *o = case_get(&r->ctx, req_id(r, 0), &r->err); /* the case in scope, or 404 */
    if (!o) return r->err.code;
    json_t *rows = json_object_get(o, "referrals"); /* none before the case allows one */
    w->data = jpack("{so}", "rows", rows ? json_incref(rows) : json_array());
    json_decref(o);
    return 0;
}

int referral_create(struct req *r, struct resp *w)
{
    int64_t case_id = req_id(r, 0), id = 0;
    struct referral_input in = {
        .crime = req_param(r, "crime"),
        .facts = req_param(r, "facts"),
        .persons = req_param(r, "persons"),
        .goods = req_param(r, "goods"),
        .organ = req_param(r, "organ"),
        .reported_on = req_param(r, "reported_on"),
    };
    int rc = referral_add(&r->ctx, case_id, &in, &id, &r->err);
    if (!rc && r->api) {
        w->data = referral_get(&r->ctx, id, &r->err);
        if (!w->data) return r->err.code;
    }
    return web_after_write(
        r, w, rc,
        &(struct after_write){.show = case_show,
                              .keep = form_fields,
                              .redirect =
                                  arena_printf(r->arena, "/referrals/%lld?saved=1", (long long)id),
                              .status = 201});
}

void referral_page(struct req *r, json_t *o)
{
    int64_t id = json_integer_value(json_object_get(o, "id"));
    struct err quiet = {0};
    if (referral_may_add(&r->ctx, id, &quiet) != 1) return;
    /* the values typed come back only when referral_create refused them */
    bool refused = r->route && r->route->handler == referral_create;
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    json_t *f = json_object();
    for (const char *const *k = form_fields; *k; k++)
        jset_text(f, *k, refused ? req_param(r, *k) : NULL);
    if (!refused) jset_text(f, "reported_on", today);
    json_object_set_new(o, "referral_form", f);
}

int referral_show(struct req *r, struct resp *w)
{
    json_t *o = referral_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "case/referral.html", "涉嫌犯罪案件移送");
    if (r->api) return 0;
    page_steps(r, o, "/referrals");
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/cases/{id}/referrals", PERM_CASE_READ, ROUTE_API, referral_index,
     "the referrals of a case to the police (涉嫌犯罪案件移送)"},
    {"POST", "/cases/{id}/referrals", PERM_CASE_HANDLE, ROUTE_BOTH, referral_create,
     "report a referral to the police (crime, facts, persons, goods, organ, reported_on)"},
    {"GET", "/referrals/{id}", PERM_CASE_READ, ROUTE_BOTH, referral_show,
     "one referral with its persons, goods, steps and the police's answer"},
};

const struct area area_referrals = {"referrals",  routes,        countof(routes),
                                    NULL,         NULL,          &referral_workflow,
                                    "/referrals", referral_show, "涉嫌犯罪案件移送"};
