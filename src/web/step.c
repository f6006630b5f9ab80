/* step.c — the one route and handler of every declared workflow step (law/workflow.h), on both
 * faces, and the route table built from the areas (web/area.h). */
#include "base/jpack.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/web.h"

#include <string.h>

/* ---- the step's forms on its record's page ----------------------------------------------------
 */

/* The step route r came by, or NULL. */
static const struct step_route *step_of(const struct req *r)
{
    return r->route && r->route->handler == step_submit ? r->route->data : NULL;
}

/* Give input `in` of a step's form what the template shows: its kind as flags, and the typed
 * value and message when the refused step is this one (refused). */
static void input_state(struct req *r, json_t *in, bool refused)
{
    const char *name = json_string_value(json_object_get(in, "name"));
    const char *kind = json_string_value(json_object_get(in, "kind"));
    const char *value = refused ? req_param(r, name) : NULL;
    const char *msg = refused ? err_field_msg(&r->err, name) : NULL;
    jset_text(in, "value", value ? value : "");
    jset_text(in, "error", msg ? msg : "");
    jset_bool(in, "is_text", strcmp(kind, "text") == 0);
    /* a long text (a reason, an opinion) is written in a box */
    jset_bool(in, "is_long", json_integer_value(json_object_get(in, "max")) >= 500);
    jset_bool(in, "is_date", strcmp(kind, "date") == 0);
    jset_bool(in, "is_code", strcmp(kind, "code") == 0);
    jset_bool(in, "is_pick", strcmp(kind, "pick") == 0);
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(in, "options"), i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        jset_bool(o, "selected", value && strcmp(value, code) == 0);
        jset_bool(o, "checked", csv_has(value, code));
    }
}

void page_steps(struct req *r, json_t *data, const char *base)
{
    const struct step_route *sr = step_of(r);
    const char *done = req_query(r, "done");
    if (done && strlen(done) < 40 && strspn(done, "abcdefghijklmnopqrstuvwxyz_") == strlen(done))
        jset_bool(data, arena_printf(r->arena, "done_%s", done), true);
    size_t i, k;
    json_t *a, *in;
    json_array_foreach(json_object_get(data, "actions"), i, a)
    {
        const char *action = json_string_value(json_object_get(a, "action"));
        bool refused = sr && r->err.code && strcmp(sr->step->action, action) == 0;
        jset_text(a, "base", base);
        /* kept when the record's show handler hid it (page_steps_no_form: rated already) */
        if (!json_object_get(a, "form"))
            jset_bool(a, "form", !json_is_true(json_object_get(a, "internal")));
        jset_bool(a, "refused", refused);
        if (!json_object_get(a, "confirm")) jset_text(a, "confirm", NULL);
        json_object_set_new(data, arena_printf(r->arena, "can_%s", action), json_true());
        json_array_foreach(json_object_get(a, "inputs"), k, in)
        {
            input_state(r, in, refused);
        }
    }
}

void page_steps_no_form(json_t *data, const char *action)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(data, "actions"), i, a)
    {
        if (strcmp(json_string_value(json_object_get(a, "action")), action) == 0)
            jset_bool(a, "form", false);
    }
}

/* ---- the step ------------------------------------------------------------------------------- */

/* The names of step t's inputs (the fields a refused form keeps), ended by NULL. */
static const char *const *input_names(struct req *r, const struct wf_transition *t)
{
    size_t n = 0;
    for (const struct wf_input *in = t->inputs; in && in->name; in++)
        n++;
    const char **names = arena_alloc(r->arena, (n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = t->inputs[i].name;
    names[n] = NULL;
    return names;
}

int step_submit(struct req *r, struct resp *w)
{
    const struct step_route *sr = r->route->data;
    const struct area *ar = sr->area;
    int64_t id = req_id(r, 0);
    struct wf_args a = {0};
    for (const struct wf_input *in = sr->step->inputs; in && in->name; in++)
        wf_arg_set(&a, in->name,
                   in->kind == WF_PICK ? req_param_list(r, in->name) : req_param(r, in->name));
    int rc = wf_take(&r->ctx, ar->flow, id, sr->step->action, &a, NULL, &r->err);
    const char *next =
        arena_printf(r->arena, "%s/%lld?done=%s", ar->base, (long long)id, sr->step->action);
    rc = web_after_write(r, w, rc,
                         &(struct after_write){
                             .show = ar->show, .keep = input_names(r, sr->step), .redirect = next});
    if (rc && !r->api && w->data) page_steps(r, w->data, ar->base);
    if (a.details) { /* what the step had to add: a refused draw's problems */
        if (r->api && rc)
            w->error_details = json_incref(a.details);
        else if (w->data)
            json_object_update(w->data, a.details);
        json_decref(a.details);
    }
    return rc;
}

/* ---- the route table ------------------------------------------------------------------------ */

const struct route *web_routes;
size_t web_nroutes;
static struct route *table;
static struct step_route *steps;
static struct arena names;

/* Whether an earlier step of flow (before index i) has the same action: one route per action. */
static bool seen_action(const struct workflow *flow, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (strcmp(flow->steps[k].action, flow->steps[i].action) == 0) return true;
    return false;
}

/* Add a POST base/{id}/action row for each action of area ar's workflow. */
static void add_steps(const struct area *ar, size_t *n, size_t *ns)
{
    for (size_t i = 0; ar->flow && i < ar->flow->nsteps; i++) {
        const struct wf_transition *t = &ar->flow->steps[i];
        if (t->internal || seen_action(ar->flow, i)) continue;
        steps[*ns] = (struct step_route){ar, t};
        table[(*n)++] =
            (struct route){"POST",         arena_printf(&names, "%s/{id}/%s", ar->base, t->action),
                           (int)t->perm,   ROUTE_BOTH,
                           step_submit,    t->label,
                           &steps[(*ns)++]};
    }
}

int web_routes_build(struct err *e)
{
    web_routes_free();
    size_t cap = 0;
    for (size_t i = 0; i < web_nareas; i++)
        cap += web_areas[i]->nroutes + (web_areas[i]->flow ? web_areas[i]->flow->nsteps : 0);
    table = xcalloc(cap ? cap : 1, sizeof *table);
    steps = xcalloc(cap ? cap : 1, sizeof *steps);
    size_t n = 0, ns = 0;
    for (size_t i = 0; i < web_nareas; i++) {
        const struct area *ar = web_areas[i];
        if (ar->flow && (!ar->base || !ar->show))
            return err_set(e, ERR_INTERNAL, "area %s: a workflow needs base and show", ar->name);
        memcpy(table + n, ar->routes, ar->nroutes * sizeof *table);
        n += ar->nroutes;
        add_steps(ar, &n, &ns);
    }
    web_routes = table;
    web_nroutes = n;
    return 0;
}

void web_routes_free(void)
{
    free(table);
    free(steps);
    arena_free(&names);
    table = NULL;
    steps = NULL;
    web_routes = NULL;
    web_nroutes = 0;
}
