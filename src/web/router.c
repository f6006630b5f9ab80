/* router.c — the dispatcher: route matching, authentication, permission, CSRF, and rendering of
 * the two faces (HTML through templates, JSON under /api/v1). Handlers hold no such logic. */
#include "base/jpack.h"
#include "web/web.h"
#include "web/area.h"
#include "base/tmpl.h"
#include "web/form.h"
#include "law/auth.h"
#include "law/role.h"
#include "base/crypto.h"
#include "base/log.h"
#include "web/route_match.h"
#include "base/date.h"
#include "web/public_cache.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct tmpl_set *templates;

int web_setup(struct err *e)
{
    int rc = web_routes_build(e);
    if (!rc) rc = route_table_check(web_routes, web_nroutes, e);
    if (rc) return rc;
    tmpl_set_free(templates); /* set-up may run again (tests start several servers) */
    public_cache_clear();     /* … each on a database of its own */
    templates = tmpl_set_new();
    const struct embed_file *f;
    size_t n = embed_list("templates/", &f);
    for (size_t i = 0; i < n; i++) {
        rc = tmpl_add(templates, f[i].name + strlen("templates/"), f[i].data, f[i].len, e);
        if (rc) return rc;
    }
    return 0;
}

void web_teardown(void)
{
    web_routes_free();
    tmpl_set_free(templates);
    templates = NULL;
    public_cache_configure(&(struct public_cache_config){0, PUBLIC_CACHE_POLL_MS});
}

int web_render(const char *tmpl, json_t *data, struct buf *out, struct err *e)
{
    return tmpl_render(templates, tmpl, data, out, e);
}

/* ---- request helpers ---------------------------------------------------------------------- */

static const char *find_param(const struct param *p, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(p[i].name, name) == 0) return p[i].value;
    return NULL;
}

const char *req_query(const struct req *r, const char *name)
{
    return find_param(r->query, r->nquery, name);
}

static bool has_body(const struct req *r)
{
    return strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0;
}

const char *req_param(const struct req *r, const char *name)
{
    return has_body(r) ? find_param(r->body, r->nbody, name) : req_query(r, name);
}

const char *req_param_list(const struct req *r, const char *name)
{
    const struct param *p = has_body(r) ? r->body : r->query;
    int n = has_body(r) ? r->nbody : r->nquery;
    struct buf b = {0};
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (strcmp(p[i].name, name) != 0) continue;
        any = true;
        if (!*p[i].value) continue;
        if (b.len) buf_addc(&b, ',');
        buf_adds(&b, p[i].value);
    }
    const char *s = any ? arena_strdup(r->arena, buf_str(&b)) : NULL;
    buf_free(&b);
    return s;
}

int64_t req_int(struct req *r, const char *name, int64_t dflt, int64_t min, int64_t max)
{
    int64_t v;
    const char *s = req_param(r, name);
    if (!s || str_blank(s)) return dflt;
    if (!parse_i64(s, &v) && v >= min && v <= max) return v;
    bool read = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    struct err *e = read ? &r->bad : &r->err;
    if (max >= INT32_MAX)
        err_field(e, name, "参数 %s 应为编号（不小于 %lld 的整数）", name, (long long)min);
    else
        err_field(e, name, "参数 %s 应为 %lld 至 %lld 之间的整数", name, (long long)min,
                  (long long)max);
    e->code = ERR_BADREQ;
    r->bad_param = true;
    return dflt;
}

int64_t req_id(const struct req *r, int i)
{
    int64_t v;
    if (i >= r->nargs || parse_i64(r->args[i], &v) || v <= 0) return 0;
    return v;
}

void resp_header(struct resp *w, const char *name, const char *value)
{
    if (w->nheaders < MAX_HEADERS) w->headers[w->nheaders++] = (struct header){name, value};
}

void resp_free(struct resp *w)
{
    json_decref(w->data);
    w->data = NULL;
    json_decref(w->error_details);
    w->error_details = NULL;
    buf_free(&w->body);
    if (w->fd_len > 0) close(w->fd);
    w->fd_len = 0;
    if (w->kept) public_cache_release(w->kept);
    w->kept = NULL;
}

int web_parse_target(struct req *r, const char *target)
{
    const char *q = strchr(target, '?');
    size_t plen = q ? (size_t)(q - target) : strlen(target);
    char *path = arena_strndup(r->arena, target, plen);
    long n = url_decode(path, plen, false);
    if (n < 0 || !utf8_valid_text(path, (size_t)n) || path[0] != '/')
        return err_set(&r->err, ERR_BADREQ, "请求地址无效");
    r->api = str_prefix(path, "/api/v1/") || strcmp(path, "/api/v1") == 0;
    r->path = r->api ? path + 7 : path;
    if (!*r->path) r->path = "/";
    if (!q) return 0;
    r->query_string = arena_strdup(r->arena, q + 1);
    if (form_parse_urlencoded(r->arena, q + 1, strlen(q + 1), &r->query, &r->nquery))
        return err_set(&r->err, ERR_BADREQ, "查询参数无效");
    return 0;
}

int web_parse_body(struct req *r, const char *body, size_t len)
{
    if (!len) return 0;
    const char *ct = r->content_type ? r->content_type : "";
    if (str_prefix(ct, "application/json"))
        return form_parse_json(r->arena, body, len, &r->json, &r->body, &r->nbody, &r->err);
    if (str_prefix(ct, "application/x-www-form-urlencoded")) {
        if (form_parse_urlencoded(r->arena, body, len, &r->body, &r->nbody))
            return err_set(&r->err, ERR_BADREQ, "表单数据无效");
        return 0;
    }
    if (str_prefix(ct, "application/offset+octet-stream")) { /* tus: an upload's bytes */
        r->raw = body;
        r->raw_len = len;
        return 0;
    }
    if (str_prefix(ct, "multipart/form-data")) {
        struct upload f;
        if (form_parse_multipart(r->arena, ct, body, len, &r->body, &r->nbody, &f))
            return err_set(&r->err, ERR_BADREQ, "上传的表单数据无效");
        r->file = f.data;
        r->file_len = f.len;
        r->file_name = f.filename;
        return 0;
    }
    return err_set(&r->err, ERR_BADREQ, "不支持的内容类型：%s", *ct ? ct : "（未指定）");
}

/* ---- routing ------------------------------------------------------------------------------ */

/* The route for r, or NULL; then *allow lists the methods the path does take (arena), or is
 * NULL when no route has the path (404 rather than 405). */
static const struct route *find_route(struct req *r, const char **allow)
{
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    const struct route *best = NULL;
    unsigned best_rank = 0;
    struct buf methods = {0};
    *allow = NULL;
    /* the most specific pattern that fits wins, wherever it stands in the table */
    for (size_t i = 0; i < web_nroutes; i++) {
        const struct route *rt = &web_routes[i];
        const char *args[MAX_PATH_ARGS];
        int nargs;
        if (!(rt->faces & (r->api ? ROUTE_API : ROUTE_HTML))) continue;
        if (!route_match(rt->pattern, r->path, r->arena, args, &nargs)) continue;
        if (strcmp(rt->method, method) == 0) {
            unsigned rank = route_rank(rt->pattern);
            if (!best || rank > best_rank) {
                best = rt;
                best_rank = rank;
                memcpy(r->args, args, sizeof args);
                r->nargs = nargs;
            }
        } else if (!strstr(buf_str(&methods), rt->method)) {
            buf_addf(&methods, "%s%s%s", methods.len ? ", " : "", rt->method,
                     strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
        }
    }
    if (!best && methods.len) *allow = arena_strdup(r->arena, methods.p);
    buf_free(&methods);
    return best;
}

/* ---- authentication ----------------------------------------------------------------------- */

static void authenticate(struct req *r)
{
    struct err e = {0};
    r->ctx.who = &r->who;
    if (r->authorization && str_prefix(r->authorization, "Bearer ")) {
        if (auth_token(&r->ctx, r->authorization + 7, &r->who, &e) == 0) {
            r->logged_in = r->via_token = true;
        } else {
            memset(&r->who, 0, sizeof r->who);
        }
        return;
    }
    const char *sid = cookie_value(r->arena, r->cookie, SESSION_COOKIE);
    if (!sid) return;
    if (auth_session(&r->ctx, sid, &r->who, r->csrf, &e) == 0) {
        r->logged_in = true;
        snprintf(r->sid, sizeof r->sid, "%s", sid);
    } else {
        memset(&r->who, 0, sizeof r->who);
    }
}

/* CSRF: a state-changing request authenticated by the session cookie must carry the session's
 * token, in the form field _csrf or the X-CSRF-Token header. */
static bool csrf_ok(struct req *r)
{
    if (!has_body(r) || !r->logged_in || r->via_token) return true;
    const char *t = r->csrf_header ? r->csrf_header : find_param(r->body, r->nbody, "_csrf");
    return t && r->csrf[0] && str_equal_ct(t, r->csrf);
}

/* ---- rendering ---------------------------------------------------------------------------- */

static int status_of(int code)
{
    switch (code) {
    case ERR_INVALID:
        return 422;
    case ERR_BADREQ:
        return 400;
    case ERR_UNAUTH:
        return 401;
    case ERR_FORBIDDEN:
        return 403;
    case ERR_NOTFOUND:
        return 404;
    case ERR_CONFLICT:
        return 409;
    case ERR_TOOLARGE:
        return 413;
    case ERR_LOCKED:
        return 429;
    case ERR_NOSPACE:
        return 507;
    default:
        return 500;
    }
}

static json_t *error_fields(const struct err *e)
{
    json_t *f = json_object();
    for (int i = 0; i < e->nfields; i++)
        json_object_set_new(f, e->fields[i].name, json_string(e->fields[i].msg));
    return f;
}

static const char *default_message(int code)
{
    switch (code) {
    case ERR_UNAUTH:
        return "请先登录";
    case ERR_FORBIDDEN:
        return "您没有执行此操作的权限";
    case ERR_NOTFOUND:
        return "页面或记录不存在";
    case ERR_BADREQ:
        return "请求格式错误";
    case ERR_TOOLARGE:
        return "提交的内容过大";
    case ERR_CONFLICT:
        return "与已有记录冲突";
    case ERR_NOSPACE:
        return "存储空间不足，请联系管理员";
    default:
        return "服务器内部错误";
    }
}

static void render_json(struct resp *w, json_t *doc)
{
    char *s = json_dumps(doc, JSON_COMPACT);
    buf_reset(&w->body);
    buf_adds(&w->body, s);
    free(s);
    w->content_type = "application/json; charset=utf-8";
}

/* The message of an error: its own, or for fields refused the generic one with how many, so the
 * banner above a long form says how much there is to mend. */
static const char *error_message(struct req *r, int code)
{
    if (r->err.nfields > 0 && strcmp(r->err.msg, ERR_FIELDS_MSG) == 0)
        return arena_printf(r->arena, "提交的内容有 %d 处需要修改，请按各项旁的提示修改",
                            r->err.nfields);
    return r->err.msg[0] ? r->err.msg : default_message(code);
}

static void render_json_error(struct req *r, struct resp *w, int code)
{
    const char *msg = error_message(r, code);
    json_t *doc = jpack("{s{ss ss so}}", "error", "code", err_code_name(code), "message", msg,
                        "fields", error_fields(&r->err));
    if (w->error_details)
        json_object_set(json_object_get(doc, "error"), "details", w->error_details);
    w->status = status_of(code);
    render_json(w, doc);
    json_decref(doc);
}

/* A cache-busting version for an asset URL: its ETag without quotes. */
static const char *asset_version(struct req *r, const char *name)
{
    const struct embed_file *f = embed_find(name);
    if (!f) return "0";
    return arena_printf(r->arena, "%.*s", (int)strlen(f->etag) - 2, f->etag + 1);
}

/* The menu: every area's entries the user's roles allow, in the areas' order. */
static json_t *nav_items(struct req *r)
{
    json_t *items = json_array();
    for (size_t i = 0; i < web_nareas; i++)
        for (const struct nav_item *n = web_areas[i]->nav; n && n->href; n++) {
            if (!role_allows(r->who.roles, (enum perm)n->perm)) continue;
            bool active = strcmp(n->href, "/") == 0 ? strcmp(r->path, "/") == 0
                                                    : str_prefix(r->path, n->href);
            json_array_append_new(
                items, jpack("{ss ss sb}", "href", n->href, "label", n->label, "active", active));
        }
    return items;
}

static json_t *layout_data(struct req *r, struct resp *w, const struct buf *body)
{
    json_t *d =
        jpack("{ss ss ss}", "title", w->title ? w->title : "蓝盾", "css_v",
              asset_version(r, "assets/app.css"), "js_v", asset_version(r, "assets/app.js"));
    /* The body is our own rendering of checked data: checking its UTF-8 again byte by byte would
     * cost a fifth of a list page. */
    json_object_set_new_nocheck(d, "body", json_stringn_nocheck(buf_str(body), body->len));
    if (r->logged_in) {
        json_object_set_new(d, "nav", nav_items(r));
        json_object_set_new(
            d, "user", jpack("{ss ss}", "name", r->who.display_name, "agency", r->who.agency_name));
        json_object_set_new(d, "csrf", json_string(r->csrf));
    }
    if (r->bad_param) { /* a malformed parameter (req_int): say which, above any page */
        json_t *bad = json_array();
        const struct err *e = r->bad.nfields ? &r->bad : &r->err;
        for (int i = 0; i < e->nfields; i++)
            json_array_append_new(bad, json_string(e->fields[i].msg));
        json_object_set_new(d, "bad_params", bad);
    }
    return d;
}

/* Render template tmpl with data into the layout. */
static int render_page(struct req *r, struct resp *w, const char *tmpl, json_t *data)
{
    struct err e = {0};
    struct buf inner = {0};
    if (r->logged_in) json_object_set_new(data, "csrf", json_string(r->csrf));
    int rc = tmpl_render(templates, tmpl, data, &inner, &e);
    if (rc) {
        log_error("render %s: %s", tmpl, e.msg);
        buf_free(&inner);
        return rc;
    }
    json_t *ld = layout_data(r, w, &inner);
    buf_reset(&w->body);
    rc = tmpl_render(templates, "layout.html", ld, &w->body, &e);
    if (rc) log_error("render layout: %s", e.msg);
    json_decref(ld);
    buf_free(&inner);
    w->content_type = "text/html; charset=utf-8";
    return rc;
}

static void render_html_error(struct req *r, struct resp *w, int code)
{
    const char *msg = error_message(r, code);
    w->status = status_of(code);
    /* A form that failed validation is shown again with the messages next to its fields. */
    if (w->tmpl && (code == ERR_INVALID || code == ERR_CONFLICT || code == ERR_UNAUTH ||
                    code == ERR_LOCKED || code == ERR_BADREQ)) {
        if (!w->data) w->data = json_object();
        json_object_set_new(w->data, "errors", error_fields(&r->err));
        json_object_set_new(w->data, "error", json_string(msg));
        if (render_page(r, w, w->tmpl, w->data) == 0) return;
    }
    json_t *d = jpack("{si ss}", "status", w->status, "message", msg);
    w->title = "出错了";
    if (render_page(r, w, "error.html", d)) {
        buf_reset(&w->body);
        buf_adds(&w->body, "服务器内部错误");
        w->content_type = "text/plain; charset=utf-8";
    }
    json_decref(d);
}

/* Add the security headers once (web_error may come before or after dispatch added them). */
static void security_headers(struct resp *w)
{
    for (int i = 0; i < w->nheaders; i++)
        if (strcmp(w->headers[i].name, "X-Content-Type-Options") == 0) return;
    resp_header(w, "X-Content-Type-Options", "nosniff");
    resp_header(w, "X-Frame-Options", "DENY");
    resp_header(w, "Referrer-Policy", "same-origin");
    resp_header(w, "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                "script-src 'self'; frame-ancestors 'none'; form-action 'self'");
}

/* ---- dispatch ----------------------------------------------------------------------------- */

void web_error(struct req *r, struct resp *w, int code)
{
    security_headers(w); /* also for requests refused before routing (bad target or body) */
    if (r->api)
        render_json_error(r, w, code);
    else
        render_html_error(r, w, code);
}

/* Where an anonymous browser goes: the login page, coming back afterwards. */
static void to_login(struct req *r, struct resp *w)
{
    struct buf b = {0};
    buf_adds(&b, "/login?next=");
    buf_add_urlenc(&b, r->path);
    w->status = 303;
    resp_header(w, "Location", arena_strdup(r->arena, buf_str(&b)));
    buf_free(&b);
}

static void finish(struct req *r, struct resp *w)
{
    if (w->file || w->content_type) return; /* raw body set by the handler */
    if (!r->api && w->redirect) {
        w->status = 303;
        resp_header(w, "Location", w->redirect);
        return;
    }
    if (r->api) {
        if (!w->data) w->data = json_object();
        render_json(w, w->data);
        return;
    }
    if (!w->tmpl || render_page(r, w, w->tmpl, w->data ? w->data : (w->data = json_object()))) {
        err_set(&r->err, ERR_INTERNAL, "页面渲染失败");
        render_html_error(r, w, ERR_INTERNAL);
    }
}

/* GET and HEAD requests read one consistent snapshot inside a read transaction. An anonymous
 * one of the public site may be answered from memory before it (web/public_cache.h). */
static void dispatch(struct req *r, struct resp *w);

void web_handle(struct req *r, struct resp *w)
{
    struct public_ticket kept;
    if (public_cache_lookup(r, w, &kept)) return;
    bool read_only = !has_body(r) && r->ctx.db;
    struct err e = {0};
    if (read_only && db_begin_read(r->ctx.db, &e)) read_only = false;
    dispatch(r, w);
    if (read_only && db_depth(r->ctx.db) == 1) db_commit(r->ctx.db, &e);
    public_cache_finish(r, w, &kept);
}

int web_admit(struct req *r, struct resp *w)
{
    security_headers(w);
    const char *allow;
    const struct route *rt = find_route(r, &allow);
    if (!rt) {
        if (allow) {
            err_set(&r->err, ERR_BADREQ, "不支持的请求方法 %s", r->method);
            web_error(r, w, ERR_BADREQ);
            w->status = 405;
            resp_header(w, "Allow", allow);
        } else {
            web_error(r, w, ERR_NOTFOUND);
        }
        return -1;
    }
    r->route = rt;
    if (rt->perm != PERM_PUBLIC || r->cookie || r->authorization) authenticate(r);
    r->ctx.who = &r->who;
    if (rt->perm != PERM_PUBLIC && !r->logged_in) {
        if (r->api)
            web_error(r, w, ERR_UNAUTH);
        else
            to_login(r, w);
        return -1;
    }
    /* [R-AUTH-07] the route's permission, checked before any handler runs */
    if (!role_allows(r->who.roles, (enum perm)rt->perm)) {
        web_error(r, w, ERR_FORBIDDEN);
        return -1;
    }
    if (!csrf_ok(r)) {
        err_set(&r->err, ERR_FORBIDDEN, "页面已过期或来源不明（CSRF校验失败），请刷新后重试");
        web_error(r, w, ERR_FORBIDDEN);
        return -1;
    }
    return 0;
}

static void dispatch(struct req *r, struct resp *w)
{
    if (web_admit(r, w)) return;
    const struct route *rt = r->route;
    int depth = db_depth(r->ctx.db);
    int rc = rt->handler(r, w);
    if (db_depth(r->ctx.db) != depth) {
        log_error("%s %s left a transaction open; rolling back", r->method, r->path);
        while (db_depth(r->ctx.db) > depth)
            db_rollback(r->ctx.db);
    }
    /* a malformed parameter: the answer made with its default is not what was asked for */
    if (rc == 0 && r->bad_param) {
        for (int i = 0; i < r->bad.nfields; i++)
            err_field(&r->err, r->bad.fields[i].name, "%s", r->bad.fields[i].msg);
        rc = r->err.code = ERR_BADREQ;
    }
    if (rc < 0) {
        web_error(r, w, rc);
        return;
    }
    finish(r, w);
}

/* ---- page helpers ------------------------------------------------------------------------- */

void page(struct resp *w, const char *tmpl, const char *title)
{
    w->tmpl = tmpl;
    w->title = title;
}

void page_local_time(json_t *o, const char *key, const char *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v)) return;
    char s[INSTANT_STRLEN];
    instant_format(json_integer_value(v), s);
    json_object_set_new(o, out, json_string(s));
}

void page_local_times(json_t *rows)
{
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        page_local_time(row, "at", "time");
    }
}

void page_keep_form(struct req *r, struct resp *w, const char *const *names)
{
    if (!w->data) w->data = json_object();
    json_t *form = json_object();
    for (int i = 0; names[i]; i++) {
        const char *v = req_param(r, names[i]);
        if (v) json_object_set_new(form, names[i], json_string(v));
    }
    json_object_set_new(w->data, "form", form);
}

/* The current query string with page replaced by p. */
static const char *page_url(struct req *r, int p)
{
    struct buf b = {0};
    buf_adds(&b, r->path);
    buf_addc(&b, '?');
    for (int i = 0; i < r->nquery; i++) {
        if (strcmp(r->query[i].name, "page") == 0 || !*r->query[i].value) continue;
        buf_add_urlenc(&b, r->query[i].name);
        buf_addc(&b, '=');
        buf_add_urlenc(&b, r->query[i].value);
        buf_addc(&b, '&');
    }
    buf_addf(&b, "page=%d", p);
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

void page_links(struct req *r, json_t *data)
{
    int p = (int)json_integer_value(json_object_get(data, "page"));
    if (p > 1) json_object_set_new(data, "prev_url", json_string(page_url(r, p - 1)));
    if (json_is_true(json_object_get(data, "more")))
        json_object_set_new(data, "next_url", json_string(page_url(r, p + 1)));
    json_t *total = json_object_get(data, "total");
    if (total)
        jset_text(data, "total_label",
                  arena_printf(r->arena, "%s %lld 条",
                               json_is_true(json_object_get(data, "total_over")) ? "超过" : "共",
                               (long long)json_integer_value(total)));
}
