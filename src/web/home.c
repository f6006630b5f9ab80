/* home.c — the start page, health check, static assets and the OpenAPI document. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "law/role.h"
#include "law/task.h"
#include "web/web.h"
#include "law/dashboard.h"
#include "law/role.h"
#include "web/area.h"
#include "web/public_cache.h"

#include <string.h>

/* The start page's figures: every area's tiles the user's roles allow, each with its value from
 * the dashboard (d). */
static json_t *tiles(struct req *r, json_t *d)
{
    json_t *out = json_array();
    for (size_t i = 0; i < web_nareas; i++)
        for (const struct tile *t = web_areas[i]->tiles; t && t->key; t++) {
            json_t *v = json_object_get(d, t->key);
            if (!v || !role_allows(r->who.roles, (enum perm)t->perm)) continue;
            json_array_append_new(out, jpack("{ss ss ss ss sO}", "key", t->key, "label", t->label,
                                             "href", t->href, "tone", t->tone, "value", v));
        }
    return out;
}

int home_page(struct req *r, struct resp *w)
{
    w->data = dashboard_summary(&r->ctx, &r->err);
    if (!w->data) return r->err.code ? r->err.code : ERR_INTERNAL;
    json_object_set_new(w->data, "tiles", tiles(r, w->data));
    link_matters(r, json_object_get(w->data, "deadlines"));
    /* an officer's own work first: the drawn tasks waiting for them */
    struct task_query mine = {.mine = true, .state = "pending", .page = 1, .per_page = 10};
    json_t *tasks = task_list(&r->ctx, &mine, &r->err);
    if (!tasks) return r->err.code ? r->err.code : ERR_INTERNAL;
    json_t *rows = json_object_get(tasks, "rows");
    if (json_array_size(rows)) {
        json_object_set(w->data, "my_tasks", rows);
        json_object_set_new(w->data, "has_my_tasks", json_true());
    }
    json_object_set(w->data, "my_tasks_more", json_object_get(tasks, "more"));
    json_decref(tasks);
    page(w, "home.html", "工作台");
    return 0;
}

int health_check(struct req *r, struct resp *w)
{
    bool ok = db_ping(r->ctx.db);
    w->data = jpack("{ss}", "status", ok ? "ok" : "database unavailable");
    w->status = ok ? 200 : 503;
    resp_header(w, "Cache-Control", "no-store"); /* the state now, never a copy */
    char *s = json_dumps(w->data, JSON_COMPACT);
    buf_adds(&w->body, s);
    free(s);
    w->content_type = "application/json";
    return 0;
}

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (strcmp(dot, ".css") == 0) return "text/css; charset=utf-8";
    if (strcmp(dot, ".js") == 0) return "text/javascript; charset=utf-8";
    if (strcmp(dot, ".json") == 0) return "application/json";
    if (strcmp(dot, ".svg") == 0) return "image/svg+xml";
    if (strcmp(dot, ".png") == 0) return "image/png";
    if (strcmp(dot, ".ico") == 0) return "image/x-icon";
    if (strcmp(dot, ".md") == 0) return "text/markdown; charset=utf-8";
    if (strcmp(dot, ".py") == 0) return "text/x-python; charset=utf-8";
    return "application/octet-stream";
}

/* Serve an embedded file with its ETag; 304 when the client has it. */
static int serve_embedded(struct req *r, struct resp *w, const char *name, bool immutable)
{
    const struct embed_file *f = embed_find(name);
    if (!f) return err_set(&r->err, ERR_NOTFOUND, "文件不存在");
    w->content_type = mime_of(name);
    w->file = f;
    http_validators(r, w, f->etag, 0,
                    immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return 0;
}

int asset_get(struct req *r, struct resp *w)
{
    const char *name = r->args[0];
    if (strstr(name, "..")) return err_set(&r->err, ERR_NOTFOUND, "文件不存在");
    /* Asset URLs carry a version (?v=etag) in the pages, so they may be cached for a year. */
    return serve_embedded(r, w, arena_printf(r->arena, "assets/%s", name),
                          req_query(r, "v") != NULL);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/healthz", PERM_PUBLIC, ROUTE_HTML, health_check, "liveness and database check"},
    {"GET", "/assets/{name}", PERM_PUBLIC, ROUTE_HTML, asset_get, "embedded CSS/JS"},
    {"GET", "/openapi.json", PERM_PUBLIC, ROUTE_API, openapi_get, "this API's description"},
    {"GET", "/", PERM_LOGIN, ROUTE_HTML, home_page, "start page"},
};

static const struct nav_item nav[] = {{"/", "首页", PERM_LOGIN}, {NULL, NULL, 0}};

const struct area area_home = {"home", routes, countof(routes), nav, NULL, NULL, NULL, NULL};
