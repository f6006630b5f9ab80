/* discretion.c — the baseline version form of a penalty item (行政处罚裁量基准): a new version, or
 * a change to one not yet in force; and the API's baseline in force on a day. The levels come from
 * the form's level<N>_<field> controls, or from the API's "levels" array of objects. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/discretion.h"

#include <stdio.h>
#include <string.h>

/* A level's fields, as the form names them after level<N>_. */
static const char *const level_fields[] = {"name",     "conditions", "penalty",  "fine_min",
                                           "fine_max", "mult_min",   "mult_max", NULL};

/* A scalar of the API's JSON as text (numbers as typed: 5000, 2.5), or NULL. */
static const char *scalar(struct req *r, json_t *v)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) return arena_printf(r->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v)) return arena_printf(r->arena, "%.2f", json_real_value(v));
    return NULL;
}

/* One level from the API's object; its penalty_types a comma list or an array of codes. */
static struct discretion_level_input level_from_json(struct req *r, json_t *o)
{
    json_t *list = json_object_get(o, "penalty_types");
    const char *types = scalar(r, list);
    if (json_is_array(list)) {
        struct buf b = {0};
        size_t i;
        json_t *t;
        json_array_foreach(list, i, t)
        {
            if (json_is_string(t)) buf_addf(&b, "%s%s", b.len ? "," : "", json_string_value(t));
        }
        types = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
    }
#define S(k) scalar(r, json_object_get(o, k))
    return (struct discretion_level_input){
        S("name"),
        S("conditions"),
        S("penalty"),
        {types, S("fine_min"), S("fine_max"), S("mult_min"), S("mult_max")}};
#undef S
}

/* One level from the form's level<n>_ fields. */
static struct discretion_level_input level_from_form(struct req *r, int n)
{
#define P(k) req_param(r, arena_printf(r->arena, "level%d_%s", n, k))
    return (struct discretion_level_input){
        P("name"),
        P("conditions"),
        P("penalty"),
        {req_param_list(r, arena_printf(r->arena, "level%d_penalty_types", n)), P("fine_min"),
         P("fine_max"), P("mult_min"), P("mult_max")}};
#undef P
}

static bool level_blank(const struct discretion_level_input *l)
{
    return str_blank(l->name) && str_blank(l->conditions) && str_blank(l->penalty) &&
           str_blank(l->terms.types) && str_blank(l->terms.fine_min) &&
           str_blank(l->terms.fine_max) && str_blank(l->terms.mult_min) &&
           str_blank(l->terms.mult_max);
}

/* The version the request gives; levels after the last one given are dropped. */
static struct discretion_input input_from(struct req *r)
{
    struct discretion_input in = {.effective_on = req_param(r, "effective_on"),
                                  .source = req_param(r, "source")};
    json_t *levels = r->json ? json_object_get(r->json, "levels") : NULL;
    int n = json_is_array(levels) ? (int)json_array_size(levels) : DISCRETION_MAX_LEVELS;
    if (n > DISCRETION_MAX_LEVELS) n = DISCRETION_MAX_LEVELS + 1; /* refused as too many */
    for (int i = 0; i < n && i < DISCRETION_MAX_LEVELS; i++) {
        json_t *o = json_is_array(levels) ? json_array_get(levels, (size_t)i) : NULL;
        in.levels[i] = json_is_array(levels) ? level_from_json(r, json_is_object(o) ? o : NULL)
                                             : level_from_form(r, i + 1);
        if (!level_blank(&in.levels[i])) in.nlevels = i + 1;
    }
    if (n > DISCRETION_MAX_LEVELS) in.nlevels = n;
    return in;
}

/* The level rows of the form: each level's values (from a version's JSON level, or typed), the
 * item's penalty types to choose from, and the messages of e under level<N>_…. */
static json_t *level_rows(json_t *item, json_t *levels, const struct err *e)
{
    json_t *rows = json_array();
    for (int n = 1; n <= DISCRETION_MAX_LEVELS; n++) {
        json_t *l = json_array_get(levels, (size_t)n - 1);
        json_t *row = l ? json_deep_copy(l) : json_object(), *errors = json_object();
        jset_int(row, "n", n);
        for (const char *const *f = level_fields; *f; f++) {
            char name[48];
            snprintf(name, sizeof name, "level%d_%s", n, *f);
            const char *msg = e ? err_field_msg(e, name) : NULL;
            if (msg) jset_text(errors, *f, msg);
        }
        char name[48];
        snprintf(name, sizeof name, "level%d_penalty_types", n);
        if (e && err_field_msg(e, name)) jset_text(errors, "penalty_types", err_field_msg(e, name));
        json_object_set_new(row, "errors", errors);
        json_t *types = power_options(power_penalty_types(),
                                      json_string_value(json_object_get(row, "penalty_types")));
        json_t *offered = json_array(), *t;
        size_t i;
        json_array_foreach(types, i, t)
        {
            const char *code = json_string_value(json_object_get(t, "code"));
            if (csv_has(json_string_value(json_object_get(item, "penalty_types")), code))
                json_array_append(offered, t);
        }
        json_decref(types);
        json_object_set_new(row, "types", offered);
        json_array_append_new(rows, row);
    }
    return rows;
}

/* A version's JSON level as the form's values (amounts in 元, multiples as typed). */
static json_t *level_values(json_t *l)
{
    json_t *o = json_object();
    static const char *const keys[][2] = {{"name", "name"},
                                          {"conditions", "conditions"},
                                          {"penalty", "penalty"},
                                          {"penalty_types", "penalty_types"},
                                          {"fine_min", "fine_min_yuan"},
                                          {"fine_max", "fine_max_yuan"},
                                          {"mult_min", "mult_min_times"},
                                          {"mult_max", "mult_max_times"}};
    for (size_t i = 0; i < countof(keys); i++)
        json_object_set(o, keys[i][0], json_object_get(l, keys[i][1]));
    return o;
}

/* The submitted levels as the form's values. */
static json_t *typed_levels(struct req *r)
{
    json_t *a = json_array();
    for (int n = 1; n <= DISCRETION_MAX_LEVELS; n++) {
        struct discretion_level_input l = level_from_form(r, n);
        json_array_append_new(a, jpack("{ss? ss? ss? ss? ss? ss? ss? ss?}", "name", l.name,
                                       "conditions", l.conditions, "penalty", l.penalty,
                                       "penalty_types", l.terms.types, "fine_min", l.terms.fine_min,
                                       "fine_max", l.terms.fine_max, "mult_min", l.terms.mult_min,
                                       "mult_max", l.terms.mult_max));
    }
    return a;
}

/* The form's page: the item, the version's values (levels as values), the messages of e. */
static int show_form(struct resp *w, json_t *item, json_t *version, json_t *levels,
                     const struct err *e)
{
    json_t *d = json_object();
    json_object_set_new(d, "item", item);
    json_object_set_new(d, "form", version);
    json_object_set_new(d, "levels", level_rows(item, levels, e));
    json_decref(levels);
    jset_int(d, "max_levels", DISCRETION_MAX_LEVELS);
    json_decref(w->data);
    w->data = d;
    page(w, "power/version_form.html", "裁量基准");
    return 0;
}

/* The item of the path, which the actor may change and which is a penalty item. */
static json_t *own_penalty_item(struct req *r)
{
    json_t *o = power_item_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return NULL;
    const char *why = !json_is_true(json_object_get(o, "own"))
                          ? "该事项由上级机构制定，只能由上级机构制定裁量基准"
                      : !json_is_true(json_object_get(o, "penalty"))
                          ? "只有行政处罚事项可以制定裁量基准"
                          : NULL;
    if (!why) return o;
    json_decref(o);
    err_set(&r->err, ERR_FORBIDDEN, "%s", why);
    return NULL;
}

int discretion_new(struct req *r, struct resp *w)
{
    json_t *item = own_penalty_item(r);
    if (!item) return r->err.code;
    /* a new version starts from the newest one */
    json_t *levels = json_array(), *latest = json_array_get(json_object_get(item, "versions"), 0);
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(latest, "levels"), i, l)
    {
        json_array_append_new(levels, level_values(l));
    }
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    json_t *form = jpack("{ss sO?}", "effective_on", today, "source",
                         latest ? json_object_get(latest, "source") : NULL);
    return show_form(w, item, form, levels, NULL);
}

/* After a refused save: the form again with what was typed and the messages. */
static int refused(struct req *r, struct resp *w, int rc, int64_t version_id)
{
    if (r->api) return rc;
    struct err saved = r->err;
    err_clear(&r->err);
    json_t *item = power_item_get(&r->ctx, req_id(r, 0), &r->err);
    r->err = saved;
    if (!item) return rc;
    json_t *form = jpack("{ss? ss?}", "effective_on", req_param(r, "effective_on"), "source",
                         req_param(r, "source"));
    if (version_id) jset_int(form, "id", version_id);
    show_form(w, item, form, typed_levels(r), &r->err);
    return rc;
}

int discretion_create(struct req *r, struct resp *w)
{
    int64_t item_id = req_id(r, 0), version_id;
    struct discretion_input in = input_from(r);
    int rc = discretion_add(&r->ctx, item_id, &in, &version_id, &r->err);
    if (rc) return refused(r, w, rc, 0);
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/power-items/%lld?saved=1", (long long)item_id);
        return 0;
    }
    w->data = power_item_get(&r->ctx, item_id, &r->err);
    w->status = 201;
    return w->data ? 0 : r->err.code;
}

/* The version of the path among the item's, or NULL with ERR_NOTFOUND. */
static json_t *version_of(struct req *r, json_t *item)
{
    int64_t id = req_id(r, 1);
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(item, "versions"), i, v)
    {
        if (json_integer_value(json_object_get(v, "id")) == id) return v;
    }
    err_set(&r->err, ERR_NOTFOUND, "裁量基准版本不存在");
    return NULL;
}

int discretion_edit(struct req *r, struct resp *w)
{
    json_t *item = own_penalty_item(r);
    if (!item) return r->err.code;
    json_t *v = version_of(r, item);
    if (v && strcmp(json_string_value(json_object_get(v, "state")), "scheduled") != 0) {
        /* [R-POW-04] */
        err_set(&r->err, ERR_CONFLICT, "第%lld版已于%s生效，不能修改；如需调整，请制定新版本",
                (long long)json_integer_value(json_object_get(v, "number")),
                json_string_value(json_object_get(v, "effective_on")));
        v = NULL;
    }
    if (!v) {
        json_decref(item);
        return r->err.code;
    }
    json_t *levels = json_array(), *l;
    size_t i;
    json_array_foreach(json_object_get(v, "levels"), i, l)
    {
        json_array_append_new(levels, level_values(l));
    }
    json_t *form = jpack(
        "{sO sO sO sO}", "id", json_object_get(v, "id"), "number", json_object_get(v, "number"),
        "effective_on", json_object_get(v, "effective_on"), "source", json_object_get(v, "source"));
    return show_form(w, item, form, levels, NULL);
}

int discretion_save(struct req *r, struct resp *w)
{
    int64_t item_id = req_id(r, 0), version_id = req_id(r, 1);
    struct discretion_input in = input_from(r);
    int rc = discretion_update(&r->ctx, item_id, version_id, &in, &r->err);
    if (rc) return refused(r, w, rc, version_id);
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/power-items/%lld?saved=1", (long long)item_id);
        return 0;
    }
    w->data = power_item_get(&r->ctx, item_id, &r->err);
    return w->data ? 0 : r->err.code;
}

int discretion_in_force_get(struct req *r, struct resp *w)
{
    const char *on = req_query(r, "on");
    json_t *v = discretion_in_force(&r->ctx, req_id(r, 0), on, &r->err);
    if (!v) return r->err.code ? r->err.code : ERR_INTERNAL;
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    w->data = jpack("{sI ss so}", "item_id", (json_int_t)req_id(r, 0), "on", on ? on : today,
                    "baseline", v);
    return 0;
}
