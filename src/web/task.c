/* task.c — pages and API of random-check tasks (抽查任务), their figures, and entities' 回避
 * lists. */
#include "base/jpack.h"
#include "web/pages.h"
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
    /* the actions the page offers as forms (inspect happens on the inspection's own page) */
    json_t *a;
    size_t i;
    json_array_foreach(json_object_get(o, "actions"), i, a)
    {
        const char *action = json_string_value(json_object_get(a, "action"));
        json_object_set_new(o, arena_printf(r->arena, "can_%s", action), json_true());
    }
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    done_flag(r, o);
    return 0;
}

/* After a step: the API answers with the task, the page redirects or shows its messages. */
static int after_step(struct req *r, struct resp *w, int rc, const char *done,
                      const char *const *names)
{
    int64_t id = req_id(r, 0);
    if (rc && !r->api) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        if (task_show(r, w) == 0) page_keep_form(r, w, names);
        r->err = saved;
        return rc;
    }
    if (rc) return rc;
    if (r->api) {
        w->data = task_get(&r->ctx, id, &r->err);
        return w->data ? 0 : r->err.code;
    }
    w->redirect = arena_printf(r->arena, "/tasks/%lld?done=%s", (long long)id, done);
    return 0;
}

int task_unable_submit(struct req *r, struct resp *w)
{
    int rc = task_unable(&r->ctx, req_id(r, 0), req_param(r, "reason"), req_param(r, "note"),
                         req_param(r, "date"), &r->err);
    return after_step(r, w, rc, "unable", (const char *const[]){"reason", "note", "date", NULL});
}

int task_publish_submit(struct req *r, struct resp *w)
{
    int rc = task_publish(&r->ctx, req_id(r, 0), req_param(r, "date"), &r->err);
    return after_step(r, w, rc, "publish", (const char *const[]){"date", NULL});
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
    if (rc && !r->api) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        if (avoid_index(r, w) == 0)
            page_keep_form(r, w, (const char *const[]){"cert_no", "reason", NULL});
        r->err = saved;
        return rc;
    }
    if (rc) return rc;
    if (r->api) {
        w->data = avoid_list(&r->ctx, id, &r->err);
        w->status = 201;
        return w->data ? 0 : r->err.code;
    }
    w->redirect = arena_printf(r->arena, "/entities/%lld/avoid?saved=1", (long long)id);
    return 0;
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
