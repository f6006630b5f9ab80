/* routes.c — the one route table: method, path pattern, permission, faces, handler.
 * A route serves HTML at its path (ROUTE_HTML) and/or JSON at /api/v1 + path (ROUTE_API).
 * The dispatcher (router.c) checks session, permission and CSRF before any handler runs;
 * a route without a permission stops the server from starting. Every API route is documented
 * in assets/openapi.json (a test checks this). */
#include "web/web.h"
#include "web/pages.h"
#include "law/role.h"

const struct route web_routes[] = {
    /* public */
    {"GET", "/healthz", PERM_PUBLIC, ROUTE_HTML, health_check, "liveness and database check"},
    {"GET", "/assets/{name}", PERM_PUBLIC, ROUTE_HTML, asset_get, "embedded CSS/JS"},
    {"GET", "/openapi.json", PERM_PUBLIC, ROUTE_API, openapi_get, "this API's description"},
    {"GET", "/login", PERM_PUBLIC, ROUTE_HTML, login_form, "login page"},
    {"POST", "/login", PERM_PUBLIC, ROUTE_BOTH, login_submit, "log in"},
    {"POST", "/logout", PERM_LOGIN, ROUTE_BOTH, logout_submit, "log out"},
    {"GET", "/me", PERM_LOGIN, ROUTE_BOTH, me_get, "the logged-in user"},
    {"GET", "/", PERM_LOGIN, ROUTE_HTML, home_page, "start page"},

    /* entities (管理相对人) */
    {"GET", "/entities", PERM_ENTITY_READ, ROUTE_BOTH, entity_index, "list and search entities"},
    {"POST", "/entities", PERM_ENTITY_WRITE, ROUTE_BOTH, entity_create, "register an entity"},
    {"GET", "/entities/new", PERM_ENTITY_WRITE, ROUTE_HTML, entity_new, "new entity form"},
    {"GET", "/entities/export", PERM_ENTITY_READ, ROUTE_BOTH, entity_export, "XLSX/CSV export"},
    {"GET", "/entities/import", PERM_ENTITY_WRITE, ROUTE_HTML, entity_import_form, "import form"},
    {"POST", "/entities/import", PERM_ENTITY_WRITE, ROUTE_BOTH, entity_import,
     "import a CSV/XLSX file"},
    {"GET", "/entities/{id}", PERM_ENTITY_READ, ROUTE_BOTH, entity_show, "one entity"},
    {"GET", "/entities/{id}/edit", PERM_ENTITY_WRITE, ROUTE_HTML, entity_edit, "edit form"},
    {"POST", "/entities/{id}", PERM_ENTITY_WRITE, ROUTE_HTML, entity_save, "save edits (form)"},
    {"PUT", "/entities/{id}", PERM_ENTITY_WRITE, ROUTE_API, entity_save, "edit an entity"},
    {"POST", "/entities/{id}/licences", PERM_ENTITY_WRITE, ROUTE_BOTH, entity_licence_add,
     "add a licence"},
    {"POST", "/entities/{id}/licences/{lid}/delete", PERM_ENTITY_WRITE, ROUTE_HTML,
     entity_licence_delete, "remove a licence (form)"},
    {"DELETE", "/entities/{id}/licences/{lid}", PERM_ENTITY_WRITE, ROUTE_API, entity_licence_delete,
     "remove a licence"},

    /* officers (执法人员) */
    {"GET", "/officers", PERM_OFFICER_READ, ROUTE_BOTH, officer_index, "list and search officers"},
    {"POST", "/officers", PERM_OFFICER_WRITE, ROUTE_BOTH, officer_create, "register an officer"},
    {"GET", "/officers/new", PERM_OFFICER_WRITE, ROUTE_HTML, officer_new, "new officer form"},
    {"GET", "/officers/export", PERM_OFFICER_READ, ROUTE_BOTH, officer_export, "XLSX/CSV export"},
    {"GET", "/officers/import", PERM_OFFICER_WRITE, ROUTE_HTML, officer_import_form, "import form"},
    {"POST", "/officers/import", PERM_OFFICER_WRITE, ROUTE_BOTH, officer_import,
     "import a CSV/XLSX file"},
    {"GET", "/officers/{id}", PERM_OFFICER_READ, ROUTE_BOTH, officer_show, "one officer"},
    {"GET", "/officers/{id}/edit", PERM_OFFICER_WRITE, ROUTE_HTML, officer_edit, "edit form"},
    {"POST", "/officers/{id}", PERM_OFFICER_WRITE, ROUTE_HTML, officer_save, "save edits (form)"},
    {"PUT", "/officers/{id}", PERM_OFFICER_WRITE, ROUTE_API, officer_save, "edit an officer"},
    {"POST", "/officers/{id}/reviews", PERM_OFFICER_WRITE, ROUTE_BOTH, officer_review,
     "record an annual certificate review"},

    /* administration */
    {"GET", "/agencies", PERM_AGENCY_ADMIN, ROUTE_BOTH, agency_index, "agency tree"},
    {"POST", "/agencies", PERM_AGENCY_ADMIN, ROUTE_BOTH, agency_create, "add an agency"},
    {"GET", "/agencies/{id}", PERM_AGENCY_ADMIN, ROUTE_BOTH, agency_show, "one agency"},
    {"POST", "/agencies/{id}", PERM_AGENCY_ADMIN, ROUTE_HTML, agency_save, "save edits (form)"},
    {"PUT", "/agencies/{id}", PERM_AGENCY_ADMIN, ROUTE_API, agency_save, "edit an agency"},
    {"POST", "/agencies/{id}/departments", PERM_AGENCY_ADMIN, ROUTE_BOTH, department_create,
     "add a department"},
    {"GET", "/users", PERM_USER_ADMIN, ROUTE_BOTH, user_index, "user accounts"},
    {"POST", "/users", PERM_USER_ADMIN, ROUTE_BOTH, user_create, "add a user"},
    {"POST", "/users/{id}/roles", PERM_USER_ADMIN, ROUTE_BOTH, user_roles, "set roles"},
    {"POST", "/users/{id}/status", PERM_USER_ADMIN, ROUTE_BOTH, user_status, "enable or disable"},
    {"POST", "/users/{id}/password", PERM_USER_ADMIN, ROUTE_BOTH, user_password,
     "reset a password"},
    {"GET", "/audit", PERM_AUDIT_READ, ROUTE_BOTH, audit_index, "the audit trail"},
    {"GET", "/audit/verify", PERM_AUDIT_READ, ROUTE_BOTH, audit_check, "check the hash chain"},
    {"GET", "/calendar", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_index, "holiday calendar"},
    {"POST", "/calendar/days", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_day_set,
     "set a holiday or working day"},
    {"POST", "/calendar/days/clear", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_day_clear,
     "remove a special day"},
    {"POST", "/calendar/years", PERM_CALENDAR_ADMIN, ROUTE_BOTH, calendar_year_add, "add a year"},
    {"GET", "/calendar/compute", PERM_LOGIN, ROUTE_BOTH, calendar_compute,
     "N working days after a date"},
};

const size_t web_nroutes = sizeof web_routes / sizeof web_routes[0];
