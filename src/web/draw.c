/* draw.c — pages and API of random-check plans (双随机抽查计划): the plan form, its pool
 * preview, the commitment, the draw and its recomputation; and the public draw pages (no login),
 * where anyone downloads the snapshot and sees the selection recomputed. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "base/date.h"
#include "law/catalog.h"
#include "law/check_list.h"
#include "law/agency.h"
#include "law/plan.h"
#include "law/role.h"
#include "law/task.h"

#include <stdio.h>
#include <string.h>

static const char *const levels[][2] = {{"county", "县区级"},  {"city", "市级"},
                                        {"province", "省级"},  {"national", "国家级"},
                                        {"joint", "部门联合"}, {NULL, NULL}};
static const char *const grades[][2] = {{"A", "A 低风险"}, {"B", "B 一般风险"}, {"C", "C 较高风险"},
                                        {"D", "D 高风险"}, {"-", "未评定"},     {NULL, NULL}};
static const char *const statuses[][2] = {
    {"open", "营业"}, {"suspended", "停业"}, {"closed", "注销"}, {NULL, NULL}};
static const char *const modes[][2] = {{"ratio", "按比例"}, {"count", "按数量"}, {NULL, NULL}};

static const char *const form_fields[] = {"agency",
                                          "name",
                                          "level",
                                          "year",
                                          "line",
                                          "pool_division",
                                          "quota_mode",
                                          "count",
                                          "ratio",
                                          "ratio_a",
                                          "ratio_b",
                                          "ratio_c",
                                          "ratio_d",
                                          "starts_on",
                                          "deadline",
                                          "joint_departments",
                                          "joint_inspectors",
                                          "team_size",
                                          "officer_cap",
                                          "entity_cap",
                                          "version",
                                          NULL};

static struct plan_input input_from(struct req *r)
{
    return (struct plan_input){
        .agency_code = req_param(r, "agency"),
        .name = req_param(r, "name"),
        .level = req_param(r, "level"),
        .year = req_param(r, "year"),
        .line = req_param(r, "line"),
        .items = req_param_list(r, "items"),
        .pool_subtypes = req_param_list(r, "pool_subtypes"),
        .pool_division = req_param(r, "pool_division"),
        .pool_grades = req_param_list(r, "pool_grades"),
        .pool_statuses = req_param_list(r, "pool_statuses"),
        .quota_mode = req_param(r, "quota_mode"),
        .count = req_param(r, "count"),
        .ratio = req_param(r, "ratio"),
        .grade_ratio = {req_param(r, "ratio_a"), req_param(r, "ratio_b"), req_param(r, "ratio_c"),
                        req_param(r, "ratio_d")},
        .starts_on = req_param(r, "starts_on"),
        .deadline = req_param(r, "deadline"),
        .joint_departments = req_param(r, "joint_departments"),
        .joint_inspectors = req_param(r, "joint_inspectors"),
        .officer_agencies = req_param_list(r, "officer_agencies"),
        .team_size = req_param(r, "team_size"),
        .officer_cap = req_param(r, "officer_cap"),
        .entity_cap = req_param(r, "entity_cap"),
        .version = req_int(r, "version", 0, 0, INT32_MAX),
    };
}

/* Published items of the plan's line the actor may use, with the form's marked; none before a
 * line is chosen. */
static json_t *item_options(struct req *r, const char *selected, const char *line)
{
    if (str_blank(line)) return json_array();
    struct err e = {0};
    json_t *list = check_item_list(&r->ctx, NULL, true, &e), *out = json_array(), *it;
    size_t i;
    json_array_foreach(json_object_get(list, "rows"), i, it)
    {
        if (strcmp(line, json_string_value(json_object_get(it, "line"))) != 0) continue;
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(it, "id")));
        json_array_append_new(out,
                              jpack("{ss ss ss ss sb}", "id", id, "code",
                                    json_string_value(json_object_get(it, "code")), "name",
                                    json_string_value(json_object_get(it, "name")), "line_label",
                                    json_string_value(json_object_get(it, "line_label")),
                                    "selected", csv_has(selected, id)));
    }
    json_decref(list);
    return out;
}

/* The sub-types of line as checkboxes, with the form's marked; none before a line is chosen. */
static json_t *line_subtypes(const char *line, const char *selected)
{
    json_t *all = options_catalog("subtypes", selected), *out = json_array(), *o;
    size_t i;
    json_array_foreach(all, i, o)
    {
        json_t *lines = catalog_subtype_lines(json_string_value(json_object_get(o, "code"))), *v;
        size_t k;
        json_array_foreach(lines, k, v)
        {
            if (line && strcmp(json_string_value(v), line) == 0) json_array_append(out, o);
        }
    }
    json_decref(all);
    return out;
}

/* Agencies in scope as checkboxes for the officers' agencies (blank: the actor's own). */
static json_t *agency_checks(struct req *r, const char *selected)
{
    json_t *opts = options_agencies(r, NULL), *o;
    size_t i;
    json_array_foreach(opts, i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        if (selected) json_object_set_new(o, "selected", json_boolean(csv_has(selected, code)));
    }
    return opts;
}

/* The form's choices with the values of form marked. */
static void add_options(struct req *r, json_t *data, json_t *form)
{
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "levels", options_table(levels, V("level")));
    json_object_set_new(data, "lines", options_catalog("lines", V("line")));
    json_object_set_new(data, "items", item_options(r, V("items"), V("line")));
    json_object_set_new(data, "subtypes", line_subtypes(V("line"), V("pool_subtypes")));
    json_object_set_new(data, "line_label", json_string(catalog_label("lines", V("line"))));
    json_object_set_new(data, "grades", options_table(grades, V("pool_grades")));
    json_object_set_new(data, "statuses",
                        options_table(statuses, V("pool_statuses") ? V("pool_statuses") : "open"));
    json_object_set_new(data, "modes", options_table(modes, V("quota_mode")));
    json_object_set_new(data, "agencies", options_agencies(r, V("agency")));
    json_object_set_new(data, "officer_agencies", agency_checks(r, V("officer_agencies")));
#undef V
}

int plan_index(struct req *r, struct resp *w)
{
    int year = (int)req_int(r, "year", 0, 0, 2100);
    const char *state = req_query(r, "state");
    json_t *list = plan_list(&r->ctx, year, state, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "draw/plans.html", "双随机抽查计划");
    if (r->api) return 0;
    json_object_set_new(list, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_PLAN_WRITE)));
    if (year) json_object_set_new(list, "year", json_integer(year));
    json_object_set_new(list, "states",
                        options_table((const char *const[][2]){{"draft", "草稿"},
                                                               {"committed", "已公布承诺"},
                                                               {"drawn", "已抽取"},
                                                               {NULL, NULL}},
                                      state));
    return 0;
}

int plan_new(struct req *r, struct resp *w)
{
    char year[8], today[DATE_STRLEN];
    day_t d = date_from_instant(r->ctx.now);
    snprintf(year, sizeof year, "%d", date_year(d));
    date_format(d, today);
    w->data = jpack("{s{ss ss ss ss ss ss}}", "form", "level", "county", "year", year, "quota_mode",
                    "ratio", "starts_on", today, "team_size", "2", "entity_cap", "2");
    add_options(r, w->data, json_object_get(w->data, "form"));
    page(w, "draw/plan_form.html", "制定抽查计划");
    return 0;
}

/* Keep the submitted form for a re-display after a failed save. */
static void keep_form(struct req *r, struct resp *w, const char *title)
{
    page_keep_form(r, w, form_fields);
    json_t *form = json_object_get(w->data, "form");
    static const char *const lists[] = {"items", "pool_subtypes", "pool_grades", "pool_statuses",
                                        "officer_agencies"};
    for (size_t i = 0; i < countof(lists); i++) {
        const char *v = req_param_list(r, lists[i]);
        if (v) json_object_set_new(form, lists[i], json_string(v));
    }
    add_options(r, w->data, form);
    page(w, "draw/plan_form.html", title);
}

int plan_create(struct req *r, struct resp *w)
{
    keep_form(r, w, "制定抽查计划");
    struct plan_input in = input_from(r);
    int64_t id;
    int rc = plan_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = plan_get(&r->ctx, id, &r->err);
        w->status = 201;
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/plans/%lld?saved=1", (long long)id);
    return 0;
}

/* The plan page's data: the plan, its pool now (before the draw), the first tasks, what the
 * actor may do. */
/* The page says what the step just taken did: ?done=commit sets "done_commit" (a known step only).
 */
static json_t *plan_page(struct req *r, int64_t id)
{
    json_t *o = plan_get(&r->ctx, id, &r->err);
    if (!o) return NULL;
    const char *state = json_string_value(json_object_get(o, "state"));
    bool draft = strcmp(state, "draft") == 0, committed = strcmp(state, "committed") == 0;
    if (!r->api && (draft || committed)) {
        json_t *pv = plan_preview(&r->ctx, id, &r->err);
        if (pv) json_object_set_new(o, "preview", pv);
    }
    if (!r->api && strcmp(state, "drawn") == 0) {
        /* the first page of the result; the task list has them all */
        struct task_query q = {.plan_id = id, .per_page = 20, .uncounted = true};
        json_t *tasks = task_list(&r->ctx, &q, &r->err);
        if (tasks) json_object_set_new(o, "task_page", tasks);
    }
    bool write = role_allows(r->who.roles, PERM_PLAN_WRITE);
    bool run = role_allows(r->who.roles, PERM_DRAW_RUN);
    jset_bool(o, "can_edit", write && draft);
    jset_bool(o, "can_commit", run && draft);
    jset_bool(o, "can_draw", run && committed);
    jset_bool(o, "is_draft", draft);
    jset_bool(o, "is_committed", committed);
    jset_bool(o, "is_drawn", strcmp(state, "drawn") == 0);
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    page_steps(r, o, "/plans");
    page_local_times(json_object_get(o, "attempts"));
    return o;
}

int plan_show(struct req *r, struct resp *w)
{
    json_t *o = plan_page(r, req_id(r, 0));
    if (!o) return r->err.code;
    w->data = o;
    page(w, "draw/plan.html", json_string_value(json_object_get(o, "name")));
    return 0;
}

int plan_edit(struct req *r, struct resp *w)
{
    json_t *f = plan_form(&r->ctx, req_id(r, 0), &r->err);
    if (!f) return r->err.code;
    w->data = jpack("{so sI}", "form", f, "id", (json_int_t)req_id(r, 0));
    add_options(r, w->data, f);
    page(w, "draw/plan_form.html", "修改抽查计划");
    return 0;
}

/* The form again with what was typed, for another line's items and sub-types (new or edit). */
int plan_form_reload(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    keep_form(r, w, id ? "修改抽查计划" : "制定抽查计划");
    if (id) json_object_set_new(w->data, "id", json_integer(id));
    return 0;
}

int plan_save(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    keep_form(r, w, "修改抽查计划");
    json_object_set_new(w->data, "id", json_integer(id));
    struct plan_input in = input_from(r);
    int rc = plan_update(&r->ctx, id, &in, &r->err);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = plan_get(&r->ctx, id, &r->err);
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/plans/%lld?saved=1", (long long)id);
    return 0;
}

int plan_remove(struct req *r, struct resp *w)
{
    int rc = plan_delete(&r->ctx, req_id(r, 0), &r->err);
    if (rc) return rc;
    if (r->api) {
        w->status = 204;
        w->content_type = "application/json";
        return 0;
    }
    w->redirect = "/plans";
    return 0;
}

int plan_verify_page(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    struct plan_verdict v;
    int rc = plan_verify(&r->ctx, id, false, &v, &r->err);
    if (rc == ERR_CONFLICT) { /* not drawn yet: nothing to recompute, and the page says so */
        w->data = jpack("{sI sb sb ss}", "id", (json_int_t)id, "drawn", false, "ok", false,
                        "summary", r->err.msg);
        err_clear(&r->err);
        page(w, "draw/verify.html", "重新计算抽取结果");
        return 0;
    }
    if (rc) return rc;
    w->data = jpack("{sI sb sb s{sb sb ss sb sI sI ss} s{sb sI ss}}", "id", (json_int_t)id, "drawn",
                    true, "ok", v.ok, "entities", "ok", v.entities.ok, "hash_ok",
                    v.entities.hash_ok, "hash", v.entities.hash, "selection_ok",
                    v.entities.selection_ok, "pool", (json_int_t)v.entities.pool, "drawn",
                    (json_int_t)v.entities.recomputed, "summary", v.entities.summary, "teams", "ok",
                    v.teams_ok, "tasks", (json_int_t)v.tasks, "summary", v.teams_summary);
    json_object_set_new(w->data, "audit",
                        jpack("{sb ss}", "ok", v.audit_ok, "summary", v.audit_summary));
    page(w, "draw/verify.html", "重新计算抽取结果");
    return 0;
}

/* ---- the public site ------------------------------------------------------------------------ */

int public_draw_index(struct req *r, struct resp *w)
{
    json_t *list = plan_public_list(&r->ctx, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "draw/public_list.html", "双随机抽查公示");
    return 0;
}

int public_draw_show(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = plan_public_get(&r->ctx, id, &r->err);
    if (!o) return r->err.code;
    if (json_object_get(o, "selection")) {
        json_t *results = task_public_results(&r->ctx, id, &r->err);
        if (results) json_object_set_new(o, "results", results);
    }
    w->data = o;
    page(w, "draw/public_plan.html", json_string_value(json_object_get(o, "name")));
    if (r->api) return 0;
    page_local_time(o, "committed_at", "committed_time");
    page_local_time(o, "drawn_at", "drawn_time");
    page_local_times(json_object_get(o, "attempts"));
    return 0;
}

/* GET /public/draws/{id}/seed.txt: the seed exactly as entered at the draw (after the trimming
 * of docs/draw.md), for draw_verify.py --seed-file: no quoting on a command line to get wrong. */
int public_draw_seed(struct req *r, struct resp *w)
{
    struct plan_rec p;
    int rc = plan_load(&r->ctx, req_id(r, 0), true, &p, &r->err);
    if (rc) return rc;
    if (!p.seed) return err_set(&r->err, ERR_NOTFOUND, "该计划尚未抽取");
    buf_adds(&w->body, p.seed);
    w->content_type = "text/plain; charset=utf-8";
    resp_header(
        w, "Content-Disposition",
        arena_printf(r->arena, "attachment; filename=\"draw-%lld-seed.txt\"", (long long)p.id));
    return 0;
}

int public_draw_snapshot(struct req *r, struct resp *w)
{
    int rc = plan_snapshot(&r->ctx, req_id(r, 0), true, &w->body, &r->err);
    if (rc) return rc;
    w->content_type = "text/plain; charset=utf-8";
    resp_header(w, "Content-Disposition",
                arena_printf(r->arena, "attachment; filename=\"draw-%lld-snapshot.txt\"",
                             (long long)req_id(r, 0)));
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/plans", PERM_DRAW_READ, ROUTE_BOTH, plan_index, "random-check plans"},
    {"POST", "/plans", PERM_PLAN_WRITE, ROUTE_BOTH, plan_create, "make a plan"},
    {"GET", "/plans/new", PERM_PLAN_WRITE, ROUTE_HTML, plan_new, "new plan form"},
    {"POST", "/plans/new", PERM_PLAN_WRITE, ROUTE_HTML, plan_form_reload,
     "the form again for another line"},
    {"GET", "/plans/{id}", PERM_DRAW_READ, ROUTE_BOTH, plan_show, "one plan"},
    {"GET", "/plans/{id}/edit", PERM_PLAN_WRITE, ROUTE_HTML, plan_edit, "edit form"},
    {"POST", "/plans/{id}/edit", PERM_PLAN_WRITE, ROUTE_HTML, plan_form_reload,
     "the edit form again for another line"},
    {"POST", "/plans/{id}", PERM_PLAN_WRITE, ROUTE_HTML, plan_save, "save a draft (form)"},
    {"PUT", "/plans/{id}", PERM_PLAN_WRITE, ROUTE_API, plan_save, "edit a draft plan"},
    {"POST", "/plans/{id}/delete", PERM_PLAN_WRITE, ROUTE_HTML, plan_remove,
     "delete a draft (form)"},
    {"DELETE", "/plans/{id}", PERM_PLAN_WRITE, ROUTE_API, plan_remove, "delete a draft plan"},
    {"GET", "/plans/{id}/verify", PERM_DRAW_READ, ROUTE_BOTH, plan_verify_page,
     "recompute the draw: pool, entities, teams"},
    {"GET", "/public/draws", PERM_PUBLIC, ROUTE_BOTH, public_draw_index,
     "published plans (no login)"},
    {"GET", "/public/draws/{id}", PERM_PUBLIC, ROUTE_BOTH, public_draw_show,
     "a published plan, its selection recomputed (no login)"},
    {"GET", "/public/draws/{id}/seed.txt", PERM_PUBLIC, ROUTE_HTML, public_draw_seed,
     "the seed of a draw, exactly (for draw_verify.py --seed-file)"},
    {"GET", "/public/draws/{id}/snapshot.txt", PERM_PUBLIC, ROUTE_HTML, public_draw_snapshot,
     "the committed pool snapshot (no login)"},
};

static const struct nav_item nav[] = {{"/plans", "双随机", PERM_DRAW_READ}, {NULL, NULL, 0}};

const struct area area_plans = {"plans",        routes,   countof(routes), nav,       NULL,
                                &plan_workflow, "/plans", plan_show,       "抽查计划"};
