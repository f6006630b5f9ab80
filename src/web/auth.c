/* auth.c — logging in and out (pages and API). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "law/auth.h"
#include "law/role.h"

#include <stdio.h>
#include <string.h>

/* Only local paths are accepted as the place to return to after logging in. Control characters
 * are refused too: browsers drop tabs and newlines from URLs ("/\t/evil" would be "//evil"). */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strstr(next, "://"))
        return "/";
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) return "/";
    return next;
}

int login_form(struct req *r, struct resp *w)
{
    if (r->logged_in) {
        w->redirect = safe_next(req_query(r, "next"));
        return 0;
    }
    w->data = jpack("{ss s{}}", "next", safe_next(req_query(r, "next")), "form");
    page(w, "login.html", "登录");
    return 0;
}

static void set_session_cookie(struct req *r, struct resp *w, const char *sid, int max_age)
{
    resp_header(w, "Set-Cookie",
                arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
                             SESSION_COOKIE, sid, max_age, r->https ? "; Secure" : ""));
}

int login_submit(struct req *r, struct resp *w)
{
    const char *username = req_param(r, "username"), *password = req_param(r, "password");
    const char *next = safe_next(req_param(r, "next"));
    w->data = jpack("{ss s{ss?}}", "next", next, "form", "username", username);
    page(w, "login.html", "登录");
    char sid[SECRET_HEX + 1], csrf[SECRET_HEX + 1];
    int rc = auth_login(&r->ctx, username, password, r->ip, sid, csrf, &r->err);
    if (rc) return rc;
    /* A new session id at every login (no fixation); the old session, if any, ends. */
    if (r->sid[0]) {
        struct err e = {0};
        auth_logout(&r->ctx, r->sid, &e);
    }
    set_session_cookie(r, w, sid, SESSION_MAX_SECONDS);
    if (r->api) {
        json_decref(w->data);
        w->data = jpack("{ss}", "csrf", csrf);
        return 0;
    }
    w->redirect = next;
    return 0;
}

int logout_submit(struct req *r, struct resp *w)
{
    if (r->sid[0]) {
        int rc = auth_logout(&r->ctx, r->sid, &r->err);
        if (rc) return rc;
    }
    set_session_cookie(r, w, "", 0);
    if (r->api) {
        w->data = jpack("{sb}", "ok", 1);
        return 0;
    }
    w->redirect = "/login";
    return 0;
}

int me_get(struct req *r, struct resp *w)
{
    json_t *roles = json_array(), *labels = json_array();
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (!(r->who.roles & (1u << i))) continue;
        json_array_append_new(roles, json_string(role_code(i)));
        json_array_append_new(labels, json_string(role_label(i)));
    }
    w->data = jpack("{sI ss ss sI ss so}", "id", (json_int_t)r->who.user_id, "username",
                    r->who.username, "display_name", r->who.display_name, "agency_id",
                    (json_int_t)r->who.agency_id, "agency", r->who.agency_name, "roles", roles);
    json_object_set_new(w->data, "role_labels", labels);
    if (!r->via_token) json_object_set_new(w->data, "csrf", json_string(r->csrf));
    if (req_query(r, "saved")) json_object_set_new(w->data, "saved", json_true());
    page(w, "me.html", "我的账户");
    return 0;
}

/* POST /me/password: the user's own password (current, password, password2). */
int me_password(struct req *r, struct resp *w)
{
    const char *pw = req_param(r, "password"), *again = req_param(r, "password2");
    if (!r->api && (!again || !pw || strcmp(pw, again) != 0))
        err_field(&r->err, "password2", "两次输入的新密码不一致");
    int rc = r->err.code
                 ? r->err.code
                 : user_change_own_password(&r->ctx, req_param(r, "current"), pw, r->sid, &r->err);
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        me_get(r, w);
        r->err = saved;
        return rc;
    }
    if (r->api)
        w->data = jpack("{sb}", "ok", 1);
    else
        w->redirect = "/me?saved=1";
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/login", PERM_PUBLIC, ROUTE_HTML, login_form, "login page"},
    {"POST", "/login", PERM_PUBLIC, ROUTE_BOTH, login_submit, "log in"},
    {"POST", "/logout", PERM_LOGIN, ROUTE_BOTH, logout_submit, "log out"},
    {"GET", "/me", PERM_LOGIN, ROUTE_BOTH, me_get, "the logged-in user"},
    {"POST", "/me/password", PERM_LOGIN, ROUTE_BOTH, me_password,
     "change one's own password (current, password)"},
};

const struct area area_session = {"session", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
