/* file_review.c — the case-file audit (案卷评查) on the pages and in the API: starting a review
 * from a case (POST /cases/{id}/reviews) and a case's reviews (GET /api/v1/cases/{id}/reviews,
 * the section on the case page); one review with its score form by section (/reviews/{id},
 * POST /reviews/{id}/scores) whose steps step.c serves; the list (/reviews), the figures
 * (/reviews/figures), the rubric in force and loading one (/reviews/rubric), the random sample
 * (POST /reviews/samples, /reviews/samples/{id}). */
#include "base/jpack.h"
#include "web/area.h"
#include "web/options.h"
#include "web/pages.h"
#include "web/tally.h"
#include "web/web.h"
#include "law/case.h"
#include "law/file_review.h"
#include "law/role.h"

#include <string.h>

int file_review_index(struct req *r, struct resp *w)
{
    json_t *o = case_get(&r->ctx, req_id(r, 0), &r->err); /* the case in scope, or 404 */
    if (!o) return r->err.code;
    json_decref(o);
    json_t *rows = file_review_of_case(&r->ctx, req_id(r, 0), &r->err);
    if (!rows) return r->err.code;
    w->data = jpack("{so}", "rows", rows);
    return 0;
}

int file_review_create(struct req *r, struct resp *w)
{
    int64_t id = 0;
    int rc = file_review_add(&r->ctx, req_id(r, 0), 0, &id, &r->err);
    if (!rc && r->api) {
        w->data = file_review_get(&r->ctx, id, &r->err);
        if (!w->data) return r->err.code;
    }
    return web_after_write(
        r, w, rc,
        &(struct after_write){.show = case_show,
                              .redirect = arena_printf(r->arena, "/reviews/%lld", (long long)id),
                              .status = 201});
}

/* The case page's section: the case's reviews and, for an auditor of a closed file, the button
 * that starts one. */
void file_review_page(struct req *r, json_t *o)
{
    int64_t id = json_integer_value(json_object_get(o, "id"));
    struct err quiet = {0};
    json_t *rows = file_review_of_case(&r->ctx, id, &quiet);
    if (!rows) return;
    json_t *s = jpack("{so}", "rows", rows);
    jset_bool(s, "any", json_array_size(rows) > 0);
    const char *state = json_string_value(json_object_get(o, "state"));
    jset_bool(s, "may_start",
              role_allows(r->ctx.who->roles, PERM_FILE_REVIEW) && file_review_auditable(state));
    json_object_set_new(o, "file_review", s);
}

/* The typed values and the messages of a refused score form, put beside each item. */
static void keep_marks(struct req *r, json_t *o)
{
    size_t i, k;
    json_t *s, *it;
    json_array_foreach(json_object_get(o, "sections"), i, s)
    {
        json_array_foreach(json_object_get(s, "items"), k, it)
        {
            const char *code = json_string_value(json_object_get(it, "code"));
            const char *sf = arena_printf(r->arena, "score_%s", code);
            const char *ff = arena_printf(r->arena, "finding_%s", code);
            const char *cf = arena_printf(r->arena, "correction_%s", code);
            json_object_del(it, "points");
            if (!str_blank(req_param(r, sf)))
                json_object_set_new(it, "points", json_string(req_param(r, sf)));
            jset_text(it, "finding", req_param(r, ff));
            jset_bool(it, "correction", req_param(r, cf) && strcmp(req_param(r, cf), "1") == 0);
            jset_text(it, "error_score", err_field_msg(&r->err, sf));
            jset_text(it, "error_finding", err_field_msg(&r->err, ff));
        }
    }
    jset_text(o, "findings", req_param(r, "findings"));
}

int file_review_show(struct req *r, struct resp *w)
{
    json_t *o = file_review_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "review/show.html", "案卷评查");
    if (r->api) return 0;
    page_steps(r, o, "/reviews");
    const char *state = json_string_value(json_object_get(o, "state"));
    bool mine = json_integer_value(json_object_get(o, "reviewer_id")) == r->ctx.who->user_id;
    jset_bool(o, "editable", mine && strcmp(state, "reviewing") == 0);
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    return 0;
}

int file_review_scores(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = file_review_get(&r->ctx, id, &r->err); /* the rubric the review uses */
    if (!o) return r->err.code;
    size_t n = 0, cap = 32;
    struct file_review_mark *m = arena_alloc(r->arena, cap * sizeof *m);
    size_t i, k;
    json_t *s, *it;
    json_array_foreach(json_object_get(o, "sections"), i, s)
    {
        json_array_foreach(json_object_get(s, "items"), k, it)
        {
            const char *code =
                arena_strdup(r->arena, json_string_value(json_object_get(it, "code")));
            const char *sf = arena_printf(r->arena, "score_%s", code);
            if (n == cap || !req_param(r, sf)) continue; /* an item not sent is left as it is */
            m[n++] = (struct file_review_mark){
                code, req_param(r, sf), req_param(r, arena_printf(r->arena, "finding_%s", code)),
                req_param(r, arena_printf(r->arena, "correction_%s", code))};
        }
    }
    json_decref(o);
    int rc = file_review_save(&r->ctx, id, m, n, req_param(r, "findings"), &r->err);
    rc = web_after_write(
        r, w, rc,
        &(struct after_write){.show = file_review_show,
                              .redirect =
                                  arena_printf(r->arena, "/reviews/%lld?saved=1", (long long)id)});
    if (rc && !r->api && w->data) keep_marks(r, w->data);
    return rc;
}

static const char *const list_filters[] = {"agency", "state", "grade", "excellent", "correction",
                                           "from",   "to",    "mine",  "sample",    NULL};

int file_review_list_page(struct req *r, struct resp *w)
{
    struct file_review_query q = {
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    const char **slots[] = {&q.agency, &q.state, &q.grade, &q.excellent, &q.correction,
                            &q.from,   &q.to,    &q.mine,  &q.sample};
    for (size_t i = 0; i < countof(slots); i++)
        *slots[i] = req_query(r, list_filters[i]);
    json_t *list = file_review_search(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "review/list.html", "案卷评查");
    if (r->api) return 0;
    page_links(r, list);
    jset_bool(list, "may_review", role_allows(r->ctx.who->roles, PERM_FILE_REVIEW));
    json_object_set_new(list, "agencies", options_agencies(r, q.agency ? q.agency : ""));
    return 0;
}

int file_review_figures_page(struct req *r, struct resp *w)
{
    struct tally_period p = tally_period(r, true);
    page(w, "review/figures.html", "案卷评查统计");
    if (!r->api) {
        w->data = jpack("{ss ss}", "from", p.from, "to", p.to);
        json_object_set_new(w->data, "agencies", options_agencies(r, p.agency ? p.agency : ""));
    }
    json_t *o = file_review_stats(&r->ctx, p.from, p.to, p.agency, &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        w->data = o;
        return 0;
    }
    tally_link_lists(r, o, "/reviews");
    json_object_update_new(w->data, o);
    return 0;
}

int file_review_rubric_page(struct req *r, struct resp *w)
{
    json_t *o = file_review_rubric(&r->ctx, &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "review/rubric.html", "评查标准");
    if (!r->api) jset_bool(o, "may_load", role_allows(r->ctx.who->roles, PERM_FILE_REVIEW));
    return 0;
}

int file_review_rubric_post(struct req *r, struct resp *w)
{
    int64_t id = 0;
    int rc = file_review_rubric_load(&r->ctx, req_param(r, "rubric"), &id, &r->err);
    static const char *const keep[] = {"rubric", NULL};
    return web_after_write(r, w, rc,
                           &(struct after_write){.show = file_review_rubric_page,
                                                 .keep = keep,
                                                 .redirect = "/reviews/rubric?saved=1",
                                                 .status = 201});
}

int file_review_sample_show(struct req *r, struct resp *w)
{
    json_t *o = file_review_sample_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    struct file_review_query q = {.sample = arena_printf(r->arena, "%lld", (long long)req_id(r, 0)),
                                  .page = 1,
                                  .per_page = 200};
    json_t *list = file_review_search(&r->ctx, &q, &r->err);
    if (!list) {
        json_decref(o);
        return r->err.code;
    }
    json_object_set(o, "reviews", json_object_get(list, "rows"));
    json_decref(list);
    w->data = o;
    page(w, "review/sample.html", "评查抽样");
    return 0;
}

int file_review_sample_post(struct req *r, struct resp *w)
{
    int64_t id = 0;
    int rc = file_review_sample(&r->ctx, req_param(r, "agency"), req_param(r, "from"),
                                req_param(r, "to"), req_param(r, "n"), req_param(r, "seed"), &id,
                                &r->err);
    static const char *const keep[] = {"agency", "from", "to", "n", "seed", NULL};
    if (!rc && r->api) {
        w->data = file_review_sample_get(&r->ctx, id, &r->err);
        if (!w->data) return r->err.code;
    }
    return web_after_write(
        r, w, rc,
        &(struct after_write){.show = file_review_list_page,
                              .keep = keep,
                              .redirect =
                                  arena_printf(r->arena, "/reviews/samples/%lld", (long long)id),
                              .status = 201});
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/cases/{id}/reviews", PERM_CASE_READ, ROUTE_API, file_review_index,
     "the case-file audits (案卷评查) of a case"},
    {"POST", "/cases/{id}/reviews", PERM_FILE_REVIEW, ROUTE_BOTH, file_review_create,
     "start a case-file audit of a closed case with the rubric in force"},
    {"GET", "/reviews", PERM_CASE_READ, ROUTE_BOTH, file_review_list_page,
     "list case-file audits (agency, state, grade, excellent, correction, from, to, mine,"
     " sample)"},
    {"GET", "/reviews/figures", PERM_CASE_READ, ROUTE_BOTH, file_review_figures_page,
     "figures of a period (from, to, agency): audited, by grade, average, 优秀, corrections"},
    {"GET", "/reviews/rubric", PERM_CASE_READ, ROUTE_BOTH, file_review_rubric_page,
     "the rubric (评查标准) in force for the user's agency"},
    {"POST", "/reviews/rubric", PERM_FILE_REVIEW, ROUTE_BOTH, file_review_rubric_post,
     "load a new version of the agency's rubric (rubric: its JSON)"},
    {"POST", "/reviews/samples", PERM_FILE_REVIEW, ROUTE_BOTH, file_review_sample_post,
     "draw a random sample of closed files to audit (agency, from, to, n, seed)"},
    {"GET", "/reviews/samples/{id}", PERM_CASE_READ, ROUTE_BOTH, file_review_sample_show,
     "one sample with its seed, files and their audits"},
    {"GET", "/reviews/{id}", PERM_CASE_READ, ROUTE_BOTH, file_review_show,
     "one case-file audit with its rubric, scores, grade, corrections and steps"},
    {"POST", "/reviews/{id}/scores", PERM_FILE_REVIEW, ROUTE_BOTH, file_review_scores,
     "save scores (score_<item>, finding_<item>, correction_<item>=1, findings)"},
};

static const struct nav_item nav[] = {{"/reviews", "案卷评查", PERM_CASE_READ}, {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"reviews_to_correct", "案卷待补正", "/reviews?mine=1&state=correcting", "warn",
     PERM_CASE_HANDLE},
    {NULL, NULL, NULL, NULL, 0},
};

const struct area area_file_reviews = {
    "reviews",  routes,           countof(routes), nav, tiles, &file_review_workflow,
    "/reviews", file_review_show, "案卷评查"};
