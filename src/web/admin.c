/* admin.c — administration pages: agencies, departments, user accounts. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/role.h"

#include <stdio.h>
#include <string.h>

static const char *const levels[][2] = {
    {"province", "省级"}, {"city", "市级"}, {"county", "县区级"}, {"other", "其他"}, {NULL, NULL}};

static struct agency_input agency_input_from(struct req *r)
{
    return (struct agency_input){.code = req_param(r, "code"),
                                 .name = req_param(r, "name"),
                                 .short_name = req_param(r, "short_name"),
                                 .division_code = req_param(r, "division_code"),
                                 .uscc = req_param(r, "uscc"),
                                 .level = req_param(r, "level"),
                                 .parent_code = req_param(r, "parent")};
}

/* The agency list page's data (also the re-displayed form after an error). */
static int agency_page(struct req *r, struct resp *w)
{
    json_t *list = agency_list(&r->ctx, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        json_decref(w->data); /* a failed create's kept form, unused by the JSON face */
        w->data = list;
        return 0;
    }
    if (!w->data) w->data = json_object();
    json_object_set_new(w->data, "agencies", list);
    json_t *form = json_object_get(w->data, "form");
    const char *parent = json_string_value(json_object_get(form, "parent"));
    json_object_set_new(w->data, "parents", options_agencies(r, parent));
    const char *level = json_string_value(json_object_get(form, "level"));
    json_object_set_new(w->data, "levels", options_table(levels, level ? level : "county"));
    page(w, "admin/agencies.html", "机构管理");
    return 0;
}

int agency_index(struct req *r, struct resp *w)
{
    return agency_page(r, w);
}

int agency_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w,
                   (const char *const[]){"code", "name", "short_name", "division_code", "uscc",
                                         "level", "parent", NULL});
    struct agency_input in = agency_input_from(r);
    int64_t id;
    int rc = agency_add(&r->ctx, &in, &id, &r->err);
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        agency_page(r, w);
        r->err = saved;
        return rc;
    }
    if (r->api) {
        json_decref(w->data);
        w->data = agency_get(&r->ctx, id, &r->err);
        w->status = 201;
        return 0;
    }
    w->redirect = "/agencies?saved=1";
    return 0;
}

int agency_show(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *a = agency_get(&r->ctx, id, &r->err);
    if (!a) return r->err.code;
    json_object_set_new(a, "departments", department_list(&r->ctx, id, &r->err));
    json_object_set_new(a, "levels",
                        options_table(levels, json_string_value(json_object_get(a, "level"))));
    w->data = a;
    page(w, "admin/agency.html", json_string_value(json_object_get(a, "name")));
    return 0;
}

int agency_save(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    struct agency_input in = agency_input_from(r);
    int rc = agency_update(&r->ctx, id, &in, &r->err);
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        if (agency_show(r, w) == 0)
            page_keep_form(r, w,
                           (const char *const[]){"name", "short_name", "division_code", "uscc",
                                                 "level", NULL});
        r->err = saved;
        return rc;
    }
    if (r->api) {
        w->data = agency_get(&r->ctx, id, &r->err);
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/agencies/%lld?saved=1", (long long)id);
    return 0;
}

int department_create(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0), dept;
    int rc = department_add(&r->ctx, id, req_param(r, "name"), &dept, &r->err);
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        if (!r->api && agency_show(r, w) == 0) {
            /* This page has two forms with a "name" field: the department's message and value
             * go to the department form. */
            const char *name = req_param(r, "name");
            json_object_set_new(w->data, "dept", jpack("{ss}", "name", name ? name : ""));
            for (int i = 0; i < saved.nfields; i++)
                if (strcmp(saved.fields[i].name, "name") == 0)
                    snprintf(saved.fields[i].name, sizeof saved.fields[i].name, "dept_name");
        }
        r->err = saved;
        return rc;
    }
    if (r->api) {
        w->data = jpack("{sI}", "id", (json_int_t)dept);
        w->status = 201;
        return 0;
    }
    w->redirect = arena_printf(r->arena, "/agencies/%lld?saved=1", (long long)id);
    return 0;
}

/* Roles as options, with the held ones marked. */
static json_t *role_options(unsigned held)
{
    json_t *out = json_array();
    for (int i = 0; i < ROLE_COUNT; i++)
        json_array_append_new(out, jpack("{ss ss sb}", "code", role_code(i), "label", role_label(i),
                                         "selected", (held >> i) & 1));
    return out;
}

static unsigned roles_from(struct req *r)
{
    unsigned roles = 0;
    const char *list = req_param_list(r, "roles");
    char *copy = arena_strdup(r->arena, list ? list : ""), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int role = role_parse(t);
        if (role < 0) return 1u << ROLE_COUNT; /* invalid: rejected by law/ */
        roles |= 1u << role;
    }
    return roles;
}

static int user_page(struct req *r, struct resp *w)
{
    json_t *users = user_list(&r->ctx, &r->err);
    if (!users) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        json_decref(w->data); /* a failed create's kept form, unused by the JSON face */
        w->data = users;
        return 0;
    }
    if (!w->data) w->data = json_object();
    json_object_set_new(w->data, "users", users);
    json_object_set_new(w->data, "roles", role_options(0));
    json_object_set_new(w->data, "agencies", options_agencies(r, NULL));
    page(w, "admin/users.html", "用户管理");
    return 0;
}

int user_index(struct req *r, struct resp *w)
{
    return user_page(r, w);
}

int user_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, (const char *const[]){"username", "display_name", "agency", NULL});
    struct user_input in = {.username = req_param(r, "username"),
                            .display_name = req_param(r, "display_name"),
                            .password = req_param(r, "password"),
                            .agency_code = req_param(r, "agency"),
                            .roles = roles_from(r)};
    int64_t id;
    int rc = user_add(&r->ctx, &in, &id, &r->err);
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        user_page(r, w);
        if (!r->api) json_object_set_new(w->data, "roles", role_options(in.roles));
        r->err = saved;
        return rc;
    }
    if (r->api) {
        json_decref(w->data);
        w->data = jpack("{sI ss}", "id", (json_int_t)id, "username", in.username);
        w->status = 201;
        return 0;
    }
    w->redirect = "/users?saved=1";
    return 0;
}

/* One user's page: the account with forms for roles, password, status and officer; after a
 * change that failed, the same page with the messages (fields: the form's names kept). */
static int user_detail(struct req *r, struct resp *w)
{
    json_t *u = user_get(&r->ctx, req_id(r, 0), &r->err);
    if (!u) return r->err.code ? r->err.code : ERR_INTERNAL;
    if (r->api) {
        json_decref(w->data);
        w->data = u;
        return 0;
    }
    unsigned roles = 0;
    size_t i;
    json_t *code;
    json_array_foreach(json_object_get(u, "role_codes"), i, code)
    {
        int role = role_parse(json_string_value(code));
        if (role >= 0) roles |= 1u << role;
    }
    json_object_set_new(u, "role_options", role_options(roles));
    if (req_query(r, "saved")) json_object_set_new(u, "saved", json_true());
    if (w->data) json_object_update(u, w->data);
    json_decref(w->data);
    w->data = u;
    page(w, "admin/user.html", json_string_value(json_object_get(u, "display_name")));
    return 0;
}

int user_show(struct req *r, struct resp *w)
{
    return user_detail(r, w);
}

/* After a change to user {id}: the JSON answer, back to the user's page, or that page again with
 * the error (rc). */
static int user_changed(struct req *r, struct resp *w, int rc, const char *const *fields)
{
    if (rc) {
        struct err saved = r->err;
        memset(&r->err, 0, sizeof r->err);
        page_keep_form(r, w, fields);
        if (user_detail(r, w)) { /* the user itself is gone or out of scope */
            r->err = saved;
            return rc;
        }
        r->err = saved;
        return rc;
    }
    if (r->api)
        w->data = jpack("{sb}", "ok", 1);
    else
        w->redirect = arena_printf(r->arena, "/users/%lld?saved=1", (long long)req_id(r, 0));
    return 0;
}

int user_roles(struct req *r, struct resp *w)
{
    int rc = user_set_roles(&r->ctx, req_id(r, 0), roles_from(r), &r->err);
    return user_changed(r, w, rc, (const char *const[]){NULL});
}

int user_status(struct req *r, struct resp *w)
{
    const char *s = req_param(r, "status");
    int rc = !s || (strcmp(s, "active") != 0 && strcmp(s, "disabled") != 0)
                 ? err_field(&r->err, "status", "状态应为 active 或 disabled")
                 : user_set_active(&r->ctx, req_id(r, 0), strcmp(s, "active") == 0, &r->err);
    return user_changed(r, w, rc, (const char *const[]){NULL});
}

int user_password(struct req *r, struct resp *w)
{
    int rc = user_set_password(&r->ctx, NULL, req_id(r, 0), req_param(r, "password"), &r->err);
    return user_changed(r, w, rc, (const char *const[]){NULL});
}

int user_officer(struct req *r, struct resp *w)
{
    int rc = user_link_officer(&r->ctx, req_id(r, 0), req_param(r, "cert_no"), &r->err);
    return user_changed(r, w, rc, (const char *const[]){"cert_no", NULL});
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/agencies", PERM_AGENCY_ADMIN, ROUTE_BOTH, agency_index, "agency tree"},
    {"POST", "/agencies", PERM_AGENCY_ADMIN, ROUTE_BOTH, agency_create, "add an agency"},
    {"GET", "/agencies/{id}", PERM_AGENCY_ADMIN, ROUTE_BOTH, agency_show, "one agency"},
    {"POST", "/agencies/{id}", PERM_AGENCY_ADMIN, ROUTE_HTML, agency_save, "save edits (form)"},
    {"PUT", "/agencies/{id}", PERM_AGENCY_ADMIN, ROUTE_API, agency_save, "edit an agency"},
    {"POST", "/agencies/{id}/departments", PERM_AGENCY_ADMIN, ROUTE_BOTH, department_create,
     "add a department"},
    {"GET", "/users", PERM_USER_ADMIN, ROUTE_BOTH, user_index, "user accounts"},
    {"POST", "/users", PERM_USER_ADMIN, ROUTE_BOTH, user_create, "add a user"},
    {"GET", "/users/{id}", PERM_USER_ADMIN, ROUTE_BOTH, user_show,
     "one user: roles, password, status, officer"},
    {"POST", "/users/{id}/roles", PERM_USER_ADMIN, ROUTE_BOTH, user_roles, "set roles"},
    {"POST", "/users/{id}/officer", PERM_USER_ADMIN, ROUTE_BOTH, user_officer,
     "link the account to its 执法人员 (cert_no; blank unlinks)"},
    {"POST", "/users/{id}/status", PERM_USER_ADMIN, ROUTE_BOTH, user_status, "enable or disable"},
    {"POST", "/users/{id}/password", PERM_USER_ADMIN, ROUTE_BOTH, user_password,
     "reset a password"},
};

static const struct nav_item nav[] = {
    {"/agencies", "机构", PERM_AGENCY_ADMIN}, {"/users", "用户", PERM_USER_ADMIN}, {NULL, NULL, 0}};

const struct area area_admin = {"admin", routes, countof(routes), nav, NULL, NULL, NULL, NULL};
