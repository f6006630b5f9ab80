/* task.c — pages and API of random-check tasks (抽查任务), their figures, and entities' 回避
 * lists. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "law/avoid.h"
#include "law/role.h"
#include "law/task.h"

#include <stdio.h>
#include <string.h>

static const char *const task_states[][2] = {{"pending", "待检查"},         {"inspected", "已检查"},
                                             {"published", "已公示"},       {"unable", "无法检查"},
                                             {"overdue", "待检查且已逾期"}, {NULL, NULL}};

int task_index(struct req *r, struct resp *w)
{
    struct task_query q = {.plan_id = req_int(r, "plan", 0, 0, INT64_MAX),
                           .mine = req_query(r, "mine") && strcmp(req_query(r, "mine"), "1") == 0,
                           .state = req_query(r, "state"),
                           .page = (int)req_int(r, "page", 1, 1, 100000),
                           .per_page = (int)req_int(r, "per_page", 50, 1, 200)};
    json_t *list = task_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "draw/tasks.html", q.mine ? "我的抽查任务" : "抽查任务");
    if (r->api) return 0;
    json_t *states = json_array();
    for (int i = 0; task_states[i][0]; i++)
        json_array_append_new(states, jpack("{ss ss sb}", "code", task_states[i][0], "label",
                                            task_states[i][1], "selected",
                                            q.state && strcmp(q.state, task_states[i][0]) == 0));
    json_object_set_new(list, "states", states);
    json_object_set_new(list, "mine", json_boolean(q.mine));
    if (q.plan_id) json_object_set_new(list, "plan", json_integer(q.plan_id));
    page_links(r, list);
    return 0;
}

int task_show(struct req *r, struct resp *w)
{
    json_t *o = task_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "draw/task.html", "抽查任务");
    if (r->api) return 0;
    /* the steps the page offers as forms (inspect happens on the inspection's own page) */
    page_steps(r, o, "/tasks");
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    return 0;
}

int draw_stats(struct req *r, struct resp *w)
{
    int year = (int)req_int(r, "year", 0, 0, 2100);
    const char *by = req_query(r, "by");
    if (!by || (strcmp(by, "level") != 0 && strcmp(by, "line") != 0 && strcmp(by, "year") != 0))
        by = "plan";
    json_t *s = task_stats(&r->ctx, year, by, &r->err);
    if (!s) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = s;
    json_object_set_new(s, "by", json_string(by));
    if (year) json_object_set_new(s, "year", json_integer(year));
    page(w, "draw/stats.html", "双随机抽查统计");
    if (r->api) return 0;
    static const char *const bys[][2] = {
        {"plan", "按计划"}, {"level", "按层级"}, {"line", "按专业"}, {"year", "按年度"}};
    json_t *opts = json_array();
    for (size_t i = 0; i < countof(bys); i++)
        json_array_append_new(opts, jpack("{ss ss sb}", "code", bys[i][0], "label", bys[i][1],
                                          "selected", strcmp(by, bys[i][0]) == 0));
    json_object_set_new(s, "bys", opts);
    return 0;
}

/* ---- 回避 lists ----------------------------------------------------------------------------- */

int avoid_index(struct req *r, struct resp *w)
{
    json_t *o = avoid_list(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "draw/avoid.html", "回避名单");
    if (r->api) return 0;
    json_object_set_new(o, "can_write", json_boolean(role_allows(r->who.roles, PERM_DRAW_RUN)));
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    return 0;
}

int avoid_create(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    int rc = avoid_add(&r->ctx, id, req_int(r, "officer_id", 0, 0, INT64_MAX),
                       req_param(r, "cert_no"), req_param(r, "reason"), &r->err);
    return web_after_write(
        r, w, rc,
        &(struct after_write){
            .show = avoid_index,
            .keep = (const char *const[]){"cert_no", "reason", NULL},
            .redirect = arena_printf(r->arena, "/entities/%lld/avoid?saved=1", (long long)id),
            .status = 201});
}

int avoid_remove(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    int rc = avoid_delete(&r->ctx, id, req_id(r, 1), &r->err);
    if (rc) return rc;
    if (r->api) {
        w->status = 204;
        w->content_type = "application/json";
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/entities/%lld/avoid?saved=1", (long long)id);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/tasks", PERM_DRAW_READ, ROUTE_BOTH, task_index, "random-check tasks"},
    {"GET", "/tasks/{id}", PERM_DRAW_READ, ROUTE_BOTH, task_show, "one task"},
    {"GET", "/draw-stats", PERM_DRAW_READ, ROUTE_BOTH, draw_stats, "completion figures"},
    {"GET", "/entities/{id}/avoid", PERM_DRAW_READ, ROUTE_BOTH, avoid_index,
     "an entity's 回避 list"},
    {"POST", "/entities/{id}/avoid", PERM_DRAW_RUN, ROUTE_BOTH, avoid_create,
     "put an officer on the list"},
    {"POST", "/entities/{id}/avoid/{oid}/delete", PERM_DRAW_RUN, ROUTE_HTML, avoid_remove,
     "take an officer off (form)"},
    {"DELETE", "/entities/{id}/avoid/{oid}", PERM_DRAW_RUN, ROUTE_API, avoid_remove,
     "take an officer off the list"},
};

static const struct tile tiles[] = {
    {"tasks_pending", "双随机待检查", "/tasks?state=pending", "", PERM_DRAW_READ},
    {"tasks_overdue", "抽查任务逾期", "/tasks?state=overdue", "bad", PERM_DRAW_READ},
    {NULL, NULL, NULL, NULL, 0}};

const struct area area_tasks = {"tasks",        routes,   countof(routes), NULL,      tiles,
                                &task_workflow, "/tasks", task_show,       "抽查任务"};
