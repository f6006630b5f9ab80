/* area.h — an area of the application as a declaration: its routes, its place in the menu, its
 * tiles on the start page, and the workflow whose declared steps it serves.
 *
 * The route table is the sum of the areas (areas.c lists them): each area's rows live at the end
 * of its own file, and web_setup adds one row per step of its workflow (POST base/{id}/action,
 * served by step_submit with the step's permission). The menu and the start page's tiles are read
 * from the same list, in its order. Adding an area: write its handlers and its `struct area`, and
 * add it to areas.c (docs/architecture.md). */
#ifndef LANDUN_AREA_H
#define LANDUN_AREA_H

#include "web/http.h"
#include "law/workflow.h"

/* A menu entry, shown to users with the permission. */
struct nav_item {
    const char *href;
    const char *label;
    int perm;
};

/* A figure on the start page: the value of dashboard_summary's key, opening href. */
struct tile {
    const char *key;   /* key in dashboard_summary's object: tasks_pending */
    const char *label; /* 双随机待检查 */
    const char *href;  /* the list behind the figure */
    const char *tone;  /* "", "warn" or "bad" */
    int perm;          /* shown to users with this permission */
};

struct area {
    const char *name;            /* "tasks": for logs and tests */
    const struct route *routes;  /* its own routes */
    size_t nroutes;              /* entries in routes */
    const struct nav_item *nav;  /* menu entries, ended by {NULL}; or NULL */
    const struct tile *tiles;    /* start-page figures, ended by {NULL}; or NULL */
    const struct workflow *flow; /* the workflow whose steps it serves, or NULL */
    const char *base;            /* where its records are: "/tasks" (steps at base/{id}/action) */
    handler_fn show;             /* GET base/{id}: the record's page and JSON */
    /* What one of its records is called where deadlines of every kind are listed (抽查任务), and
     * the deadlines' kind when it is not the workflow's (inspection: 整改期限); NULL: unlisted. */
    const char *matter;
    const char *matter_kind;
};

/* Every area, in menu order (areas.c). */
extern const struct area *const web_areas[];
extern const size_t web_nareas;

/* The area and step behind a generated step route (struct route.data). */
struct step_route {
    const struct area *area;
    const struct wf_transition *step;
};

/* Build web_routes from the areas (web_setup calls it); free it again. */
int web_routes_build(struct err *e);
void web_routes_free(void);

#endif
