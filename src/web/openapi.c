/* openapi.c — /api/v1/openapi.json: every API route of the table, described from the table at
 * run time (path, method, summary, permission, path parameters, the error answer), merged with
 * what assets/openapi.json writes by hand (info, components, and per operation its request body,
 * query parameters, description, security): the file's word wins over the generated default, so
 * a new route is described the moment it is routed, and the file says only what the table
 * cannot. */
#include "web/pages.h"
#include "web/web.h"
#include "web/area.h"
#include "web/public_cache.h"
#include "base/embed.h"
#include "base/jpack.h"
#include "law/role.h"

#include <ctype.h>
#include <string.h>

/* "PUT" → "put" into out. */
static void lower(const char *s, char *out, size_t n)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[i] = 0;
}

/* The {…} segments of pattern as path parameters (ids are integers, other names strings). */
static json_t *path_parameters(const char *pattern)
{
    json_t *out = json_array();
    for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (!close) break;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
        size_t n = strlen(name);
        bool id = n >= 2 && strcmp(name + n - 2, "id") == 0;
        json_array_append_new(out, jpack("{ss ss sb s{ss}}", "name", name, "in", "path", "required",
                                         true, "schema", "type", id ? "integer" : "string"));
    }
    return out;
}

/* The generated description of route rt. */
static json_t *operation(const struct route *rt, const char *method)
{
    /* operationId: method and path, e.g. put_entities_id */
    struct buf id = {0};
    buf_adds(&id, method);
    for (const char *p = rt->pattern; *p; p++)
        if (isalnum((unsigned char)*p))
            buf_addc(&id, *p);
        else if (*p == '/' && p[1])
            buf_addc(&id, '_');
    json_t *op = jpack("{ss ss ss s{s{ss s{s{s{ss}}}} s{ss s{s{s{ss}}}}}}", "summary", rt->summary,
                       "operationId", buf_str(&id), "x-permission", perm_code((enum perm)rt->perm),
                       "responses", "200", "description", "OK", "content", "application/json",
                       "schema", "type", "object", "4XX", "description",
                       "错误（error.code, error.message, error.fields）", "content",
                       "application/json", "schema", "$ref", "#/components/schemas/Error");
    buf_free(&id);
    json_t *params = path_parameters(rt->pattern);
    if (json_array_size(params))
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);
    return op;
}

/* The body of a workflow step's route: its declared inputs (law/workflow.h). */
static json_t *step_body(const struct route *rt)
{
    const struct step_route *sr = rt->data;
    json_t *props = json_object(), *required = json_array();
    for (const struct wf_input *in = sr->step->inputs; in && in->name; in++) {
        json_t *p = jpack("{ss ss}", "type", "string", "description", in->label);
        if (in->kind == WF_DATE) json_object_set_new(p, "format", json_string("date"));
        if (in->kind == WF_TEXT && in->max)
            json_object_set_new(p, "maxLength", json_integer(in->max));
        if (in->kind == WF_CODE) {
            json_t *codes = json_array(), *all = wf_input_options(in), *o;
            size_t i;
            json_array_foreach(all, i, o)
            {
                json_array_append(codes, json_object_get(o, "code"));
            }
            json_decref(all);
            json_object_set_new(p, "enum", codes);
        }
        json_object_set_new(props, in->name, p);
        if (in->required) json_array_append_new(required, json_string(in->name));
    }
    json_t *schema = jpack("{ss so}", "type", "object", "properties", props);
    if (json_array_size(required))
        json_object_set_new(schema, "required", required);
    else
        json_decref(required);
    return jpack("{sb s{s{so}}}", "required", true, "content", "application/json", "schema",
                 schema);
}

json_t *openapi_doc(void)
{
    const struct embed_file *f = embed_find("assets/openapi.json");
    json_t *doc = f ? json_loadb(f->data, f->len, 0, NULL) : NULL;
    if (!doc)
        doc = jpack("{ss s{ss ss}}", "openapi", "3.0.3", "info", "title", "landun", "version", "1");
    json_t *written = json_object_get(doc, "paths");
    json_t *paths = json_object();
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        if (!(rt->faces & ROUTE_API)) continue;
        char method[16];
        lower(rt->method, method, sizeof method);
        json_t *item = json_object_get(paths, rt->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, rt->pattern, item);
        }
        json_t *op = operation(rt, method);
        if (rt->handler == step_submit) json_object_set_new(op, "requestBody", step_body(rt));
        /* the file's word on this operation wins, key by key */
        json_object_update(op, json_object_get(json_object_get(written, rt->pattern), method));
        /* except the permission, which only the table decides */
        json_object_set_new(op, "x-permission", json_string(perm_code((enum perm)rt->perm)));
        json_object_set_new(item, method, op);
    }
    json_object_set_new(doc, "paths", paths);
    return doc;
}

int openapi_get(struct req *r, struct resp *w)
{
    json_t *doc = openapi_doc();
    char *text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(doc);
    if (!text) return err_set(&r->err, ERR_INTERNAL, "无法生成接口说明");
    char etag[HTTP_ETAG_SIZE];
    http_etag(text, strlen(text), etag);
    w->content_type = "application/json; charset=utf-8";
    if (!http_validators(r, w, arena_strdup(r->arena, etag), 0, "no-cache"))
        buf_adds(&w->body, text);
    free(text);
    return 0;
}
