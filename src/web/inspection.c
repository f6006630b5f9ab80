/* inspection.c — pages and API of inspections (监督检查): the list, the form to record one on the
 * spot (works on a phone and without JavaScript; htmx reloads the checklist when the line
 * changes), the record with its documents, overdue corrections, counts and the checklists. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "docs/inspection_docs.h"
#include "law/audit.h"
#include "law/campaign.h"
#include "law/catalog.h"
#include "law/checklist.h"
#include "law/entity.h"
#include "law/inspection.h"
#include "law/role.h"
#include "law/task.h"

#include <string.h>

/* Plain fields of the form, kept when it is shown again. */
static const char *const form_fields[] = {
    "entity_id",     "entity_q",  "type",      "line",           "date",
    "time_from",     "time_to",   "place",     "present_person", "present_title",
    "refused_sign",  "findings",  "outcome",   "rectify_by",     "advice",
    "advice_notice", "checks_id", "corrected", "campaign_id",    "off_target_reason",
    "task_id",       NULL};

/* The answered checklist items of the request: form fields item_<code> (with note_<code>), or
 * the JSON body's "items": [{"code","result","note"}]. Arena array; *n entries. */
static struct inspection_item_input *items_from(struct req *r, int *n)
{
    *n = 0;
    json_t *items = r->json ? json_object_get(r->json, "items") : NULL;
    if (json_is_array(items)) {
        size_t count = json_array_size(items), i;
        struct inspection_item_input *out = arena_alloc(r->arena, (count + 1) * sizeof *out);
        json_t *v;
        json_array_foreach(items, i, v)
        {
            const char *code = json_string_value(json_object_get(v, "code"));
            out[*n] = (struct inspection_item_input){
                .code = code ? code : "",
                .result = json_string_value(json_object_get(v, "result")),
                .note = json_string_value(json_object_get(v, "note"))};
            (*n)++;
        }
        return out;
    }
    bool body = strcmp(r->method, "GET") != 0;
    const struct param *p = body ? r->body : r->query;
    int np = body ? r->nbody : r->nquery;
    struct inspection_item_input *out = arena_alloc(r->arena, ((size_t)np + 1) * sizeof *out);
    for (int i = 0; i < np; i++) {
        if (!str_prefix(p[i].name, "item_") || !*p[i].value) continue;
        const char *code = p[i].name + 5;
        out[*n] = (struct inspection_item_input){
            .code = code,
            .result = p[i].value,
            .note = req_param(r, arena_printf(r->arena, "note_%s", code))};
        (*n)++;
    }
    return out;
}

static struct inspection_input input_from(struct req *r)
{
    struct inspection_input in = {.entity_id = req_int(r, "entity_id", 0, 0, INT64_MAX),
                                  .type = req_param(r, "type"),
                                  .line = req_param(r, "line"),
                                  .date = req_param(r, "date"),
                                  .time_from = req_param(r, "time_from"),
                                  .time_to = req_param(r, "time_to"),
                                  .place = req_param(r, "place"),
                                  .present_person = req_param(r, "present_person"),
                                  .present_title = req_param(r, "present_title"),
                                  .refused_sign = req_param(r, "refused_sign"),
                                  .officers = req_param_list(r, "officers"),
                                  .findings = req_param(r, "findings"),
                                  .outcome = req_param(r, "outcome"),
                                  .rectify_by = req_param(r, "rectify_by"),
                                  .advice = req_param(r, "advice"),
                                  .advice_notice = req_param(r, "advice_notice") &&
                                                   strcmp(req_param(r, "advice_notice"), "1") == 0,
                                  .checks_id = req_int(r, "checks_id", 0, 0, INT64_MAX),
                                  .corrected = req_param(r, "corrected"),
                                  .campaign_id = req_int(r, "campaign_id", 0, 0, INT64_MAX),
                                  .off_target_reason = req_param(r, "off_target_reason"),
                                  .task_id = req_int(r, "task_id", 0, 0, INT64_MAX)};
    in.items = items_from(r, &in.nitems);
    return in;
}

/* ---- the form ----------------------------------------------------------------------------- */

/* arr ([{code,label}], stolen) with "selected" set on the entry whose code is selected. */
static json_t *marked(json_t *arr, const char *selected)
{
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        jset_bool(o, "selected", selected && code && strcmp(selected, code) == 0);
    }
    return arr;
}

/* Option list [{code,label,checked}] of the comma-separated codes, marking selected. */
static json_t *options_of_lines(const char *codes, const char *selected)
{
    json_t *arr = json_array();
    const char *p = codes ? codes : "";
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char code[32];
        if (len > 0 && len < sizeof code) {
            memcpy(code, p, len);
            code[len] = 0;
            json_array_append_new(arr, jpack("{ss ss? sb}", "code", code, "label",
                                             catalog_label("lines", code), "selected",
                                             selected && strcmp(selected, code) == 0));
        }
        p += len + (comma ? 1 : 0);
    }
    return arr;
}

/* The checklist of line with the submitted answers and their messages: [{code,group,text,
 * basis,first_in_group,results:[{code,label,checked}],note,error}]. all_conform: items not
 * answered yet are shown as 符合 (the form's "mark the rest conform" button). */
static json_t *checklist_form(struct req *r, const char *line, bool all_conform)
{
    json_t *out = json_array(), *cat;
    size_t i;
    const char *prev = NULL;
    json_array_foreach(checklist_line(line), i, cat)
    {
        const char *code = json_string_value(json_object_get(cat, "code"));
        const char *group = json_string_value(json_object_get(cat, "group"));
        const char *value = req_param(r, arena_printf(r->arena, "item_%s", code));
        if (all_conform && str_blank(value)) value = "conform";
        json_t *o = json_deep_copy(cat);
        jset_bool(o, "first_in_group", !prev || strcmp(prev, group) != 0);
        prev = group;
        /* value, not code: inside the radio group {{code}} is the item's */
        json_t *codes = inspection_codes("results"), *res, *results = json_array();
        size_t k;
        json_array_foreach(codes, k, res)
        {
            const char *rc = json_string_value(json_object_get(res, "code"));
            json_array_append_new(results, jpack("{ss sO sb}", "value", rc, "label",
                                                 json_object_get(res, "label"), "checked",
                                                 value && strcmp(value, rc) == 0));
        }
        json_decref(codes);
        json_object_set_new(o, "results", results);
        jset_text(o, "note", req_param(r, arena_printf(r->arena, "note_%s", code)));
        jset_text(o, "error", err_field_msg(&r->err, arena_printf(r->arena, "item_%s", code)));
        jset_text(o, "note_error", err_field_msg(&r->err, arena_printf(r->arena, "note_%s", code)));
        json_array_append_new(out, o);
    }
    return out;
}

/* Messages about answered items that are not on the checklist shown (another line's codes),
 * which have no place of their own in the form: [msg]. */
static json_t *other_item_errors(struct req *r, const char *line)
{
    json_t *out = json_array();
    for (int i = 0; i < r->err.nfields; i++) {
        const char *name = r->err.fields[i].name, *of = NULL;
        if (!str_prefix(name, "item_") && !str_prefix(name, "note_")) continue;
        if (checklist_item(name + 5, &of) && line && strcmp(of, line) == 0) continue;
        json_array_append_new(out, json_string(r->err.fields[i].msg));
    }
    return out;
}

/* Officers to choose, with those submitted (or, on a fresh form, the user's own) checked. */
static bool in_team(json_t *team, int64_t id)
{
    size_t i;
    json_t *m;
    json_array_foreach(team, i, m)
    {
        if (json_integer_value(json_object_get(m, "id")) == id) return true;
    }
    return false;
}

static json_t *officer_choices(struct req *r, const char *date, int64_t entity_id, bool fresh,
                               int64_t task_id, json_t *team, int *hidden)
{
    day_t d;
    if (!date || date_parse(date, &d)) d = date_from_instant(r->ctx.now);
    struct err e = {0};
    json_t *arr = inspection_officer_options(&r->ctx, d, entity_id, task_id, &e);
    if (!arr) return json_array();
    const char *chosen = req_param_list(r, "officers");
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(o, "id")));
        bool checked = false;
        if (fresh)
            checked = team ? in_team(team, json_integer_value(json_object_get(o, "id")))
                           : json_is_true(json_object_get(o, "mine"));
        if (!fresh && csv_has(chosen, id)) checked = true;
        jset_bool(o, "checked", checked);
    }
    /* only those who may enforce on the date are offered; one ticked all the same (a drawn
     * team member whose certificate lapsed, a refused form) stays, with why not */
    json_t *shown = json_array();
    *hidden = 0;
    json_array_foreach(arr, i, o)
    {
        if (json_is_true(json_object_get(o, "can_enforce")) ||
            json_is_true(json_object_get(o, "checked")))
            json_array_append(shown, o);
        else
            ++*hidden;
    }
    json_decref(arr);
    return shown;
}

/* The entity's correction orders not yet reinspected, as choices for a 复查. */
static json_t *open_orders(struct req *r, int64_t entity_id, int64_t selected)
{
    struct err e = {0};
    struct inspection_query q = {.entity_id = entity_id, .outcome = "rectify", .per_page = 50};
    json_t *list = inspection_list(&r->ctx, &q, &e), *out = json_array(), *row;
    size_t i;
    json_array_foreach(json_object_get(list, "rows"), i, row)
    {
        json_int_t id = json_integer_value(json_object_get(row, "id"));
        if (json_object_get(row, "followup_id") && id != selected) continue;
        json_array_append_new(
            out, jpack("{sI ss ss ss? sb}", "id", id, "date",
                       json_string_value(json_object_get(row, "date")), "line_label",
                       json_string_value(json_object_get(row, "line_label")), "rectify_by",
                       json_string_value(json_object_get(row, "rectify_by")), "selected",
                       id == selected));
    }
    json_decref(list);
    return out;
}

/* How the form is shown. */
enum form_mode {
    FORM_FRESH,   /* GET /inspections/new: defaults */
    FORM_RELOAD,  /* the form posted back to change the entity, line or type: blanks defaulted */
    FORM_REFUSED, /* a refused save: exactly what was submitted, with the messages */
};

/* Build the whole form into data: the values in data["form"] (from the request, or defaults on
 * a fresh form), the entity and its lines or a search for one, the checklist of the chosen line,
 * officers, campaigns and the inspection a 复查 checks. */
static void build_form(struct req *r, json_t *data, enum form_mode mode)
{
    bool fresh = mode == FORM_FRESH;
    json_t *form = json_object_get(data, "form");
    struct err e = {0};
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
#define F(k) json_string_value(json_object_get(form, k))
    if (!F("date")) json_object_set_new(form, "date", json_string(today));
    int64_t checks = req_int(r, fresh ? "checks" : "checks_id", 0, 0, INT64_MAX);
    int64_t entity_id = req_int(r, "entity_id", 0, 0, INT64_MAX);
    json_t *orig = checks ? inspection_get(&r->ctx, checks, &e) : NULL;
    if (orig) { /* a 复查: the entity and line of the order it checks */
        json_t *x = json_object_get(orig, "entity");
        entity_id = json_integer_value(json_object_get(x, "id"));
        json_object_set_new(form, "type", json_string("reinspection"));
        json_object_set_new(form, "checks_id", json_integer(checks));
        if (!F("line")) json_object_set(form, "line", json_object_get(orig, "line"));
        json_object_set_new(data, "checks", orig);
    }
    err_clear(&e);
    int64_t task = req_int(r, fresh ? "task" : "task_id", 0, 0, INT64_MAX);
    json_t *tk = task ? task_get(&r->ctx, task, &e) : NULL;
    if (tk) { /* 双随机: the drawn entity, the plan's line, the drawn team */
        entity_id = json_integer_value(json_object_get(tk, "entity_id"));
        json_object_set_new(form, "type", json_string("random"));
        json_object_set_new(form, "task_id", json_integer(task));
        if (!F("line")) json_object_set(form, "line", json_object_get(tk, "line"));
        json_object_set_new(data, "task", tk);
    }
    err_clear(&e);
    json_t *entity = entity_id ? entity_get(&r->ctx, entity_id, &e) : NULL;
    if (!entity && tk) { /* a task of another agency's plan: its entity as its team needs it */
        err_clear(&e);
        entity = task_entity(&r->ctx, task, &e);
    }
    if (entity) {
        const char *lines = json_string_value(json_object_get(entity, "lines"));
        if (!csv_has(lines, F("line"))) {
            char first[32];
            snprintf(first, sizeof first, "%.*s", (int)strcspn(lines, ","), lines);
            json_object_set_new(form, "line", json_string(first));
        }
        if (mode != FORM_REFUSED && str_blank(F("place")))
            json_object_set(form, "place", json_object_get(entity, "address"));
        if (mode != FORM_REFUSED && str_blank(F("present_person")))
            json_object_set(form, "present_person", json_object_get(entity, "legal_rep"));
        json_object_set_new(form, "entity_id", json_integer(entity_id));
        json_object_set_new(data, "line_options", options_of_lines(lines, F("line")));
        json_object_set_new(data, "orders", open_orders(r, entity_id, checks));
        json_object_set_new(data, "entity", entity);
    } else {
        json_object_set_new(data, "line_options", options_catalog("lines", F("line")));
        const char *q = F("entity_q") ? F("entity_q") : req_param(r, "q");
        if (!str_blank(q)) {
            struct entity_query eq = {.q = q, .per_page = 10};
            json_t *found = entity_list(&r->ctx, &eq, &e);
            if (found) json_object_set(data, "found", json_object_get(found, "rows"));
            json_object_set_new(data, "searched", json_true());
            json_decref(found);
        }
    }
    int64_t cid = req_int(r, fresh ? "campaign" : "campaign_id", 0, 0, INT64_MAX);
    if (fresh && cid) json_object_set_new(form, "type", json_string("campaign"));
    if (!F("type")) json_object_set_new(form, "type", json_string("routine"));
    if (!F("outcome")) json_object_set_new(form, "outcome", json_string("pass"));
    json_object_set_new(data, "types", marked(inspection_codes("types"), F("type")));
    json_object_set_new(data, "outcomes", marked(inspection_codes("outcomes"), F("outcome")));
    bool all = mode == FORM_RELOAD && req_param(r, "all_conform");
    json_t *list = checklist_form(r, F("line"), all);
    json_object_set_new(data, "has_checklist", json_boolean(json_array_size(list) > 0));
    json_object_set_new(data, "checklist", list);
    json_object_set_new(data, "other_item_errors", other_item_errors(r, F("line")));
    json_object_set_new(data, "line_label", json_string(catalog_label("lines", F("line"))));
    int hidden = 0;
    json_object_set_new(
        data, "officer_options",
        officer_choices(r, F("date"), entity_id, fresh, tk ? task : 0,
                        /* a fresh form ticks the drawn team, or for a 复查 the team that
                         * inspected */
                        tk ? json_object_get(tk, "team") : json_object_get(orig, "officers"),
                        &hidden));
    if (hidden) jset_int(data, "officers_hidden", hidden);
    /* the sections a type needs, and only those */
    jset_bool(data, "is_reinspection", strcmp(F("type"), "reinspection") == 0);
    jset_bool(data, "is_campaign", strcmp(F("type"), "campaign") == 0);
    err_clear(&e);
    json_t *camps = campaign_options(&r->ctx, F("date"), F("line"), &e);
    size_t i;
    json_t *c;
    json_array_foreach(camps, i, c)
    {
        jset_bool(c, "selected", json_integer_value(json_object_get(c, "id")) == cid);
    }
    json_object_set_new(data, "campaigns", camps ? camps : json_array());
    json_object_set_new(data, "corrected_yes",
                        json_boolean(F("corrected") && strcmp(F("corrected"), "1") == 0));
    json_object_set_new(data, "corrected_no",
                        json_boolean(F("corrected") && strcmp(F("corrected"), "0") == 0));
#undef F
}

/* The form page: fresh (GET with optional entity_id, checks, campaign) or shown again with what
 * was submitted (re-rendering after a line change or a search, and after a refused save). */
static void form_page(struct req *r, struct resp *w, enum form_mode mode)
{
    bool fresh = mode == FORM_FRESH;
    if (!w->data) w->data = json_object();
    if (fresh) {
        json_object_set_new(w->data, "form", json_object());
        const char *keep[] = {"entity_id", "line", "type", "date", "q", NULL};
        for (int i = 0; keep[i]; i++)
            if (req_query(r, keep[i]))
                json_object_set_new(json_object_get(w->data, "form"), keep[i],
                                    json_string(req_query(r, keep[i])));
    } else {
        page_keep_form(r, w, form_fields);
    }
    build_form(r, w->data, mode);
    page(w, "inspection/form.html", "记录监督检查");
}

int inspection_new(struct req *r, struct resp *w)
{
    form_page(r, w, FORM_FRESH);
    return 0;
}

int inspection_form_reload(struct req *r, struct resp *w)
{
    form_page(r, w, FORM_RELOAD);
    return 0;
}

int inspection_create(struct req *r, struct resp *w)
{
    struct inspection_input in = input_from(r);
    int64_t id;
    int rc = inspection_add(&r->ctx, &in, &id, &r->err);
    if (rc) {
        if (!r->api) form_page(r, w, FORM_REFUSED); /* messages beside the fields, values kept */
        return rc;
    }
    if (r->api) {
        w->data = inspection_get(&r->ctx, id, &r->err);
        w->status = 201;
        return w->data ? 0 : r->err.code;
    }
    w->redirect = arena_printf(r->arena, "/inspections/%lld?saved=1", (long long)id);
    return 0;
}

/* ---- the list, one record, overdue, counts ------------------------------------------------ */

static void list_options(json_t *data, json_t *filter)
{
#define V(k) json_string_value(json_object_get(filter, k))
    json_object_set_new(data, "lines", options_catalog("lines", V("line")));
    json_object_set_new(data, "types", marked(inspection_codes("types"), V("type")));
    json_object_set_new(data, "outcomes", marked(inspection_codes("outcomes"), V("outcome")));
#undef V
}

int inspection_index(struct req *r, struct resp *w)
{
    struct inspection_query q = {.entity_id = req_int(r, "entity_id", 0, 0, INT64_MAX),
                                 .officer_id = req_int(r, "officer_id", 0, 0, INT64_MAX),
                                 .campaign_id = req_int(r, "campaign_id", 0, 0, INT64_MAX),
                                 .type = req_query(r, "type"),
                                 .line = req_query(r, "line"),
                                 .outcome = req_query(r, "outcome"),
                                 .from = req_query(r, "from"),
                                 .to = req_query(r, "to"),
                                 .page = (int)req_int(r, "page", 1, 1, 100000),
                                 .per_page = (int)req_int(r, "per_page", 20, 1, 200)};
    json_t *list = inspection_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "inspection/list.html", "监督检查");
    if (r->api) return 0;
    json_t *filter = jpack("{ss? ss? ss? ss? ss? sI sI}", "type", q.type, "line", q.line, "outcome",
                           q.outcome, "from", q.from, "to", q.to, "entity_id",
                           (json_int_t)q.entity_id, "officer_id", (json_int_t)q.officer_id);
    list_options(list, filter);
    json_object_set_new(list, "filter", filter);
    json_object_set_new(list, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_INSPECTION_WRITE)));
    json_object_set_new(list, "tab_list", json_true());
    page_links(r, list);
    return 0;
}

int inspection_show(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = inspection_get(&r->ctx, id, &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "inspection/show.html", "监督检查记录");
    if (r->api) return 0;
    struct audit_query aq = {.object_type = "inspection", .object_id = id, .limit = 20};
    bool more;
    json_t *history = audit_list(&r->ctx, &aq, &more, &r->err);
    if (history) json_object_set_new(o, "history", history);
    recording_page(r, o, "inspection");
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(o, "documents"), i, d)
    {
        const char *type = json_string_value(json_object_get(d, "type"));
        if (type && strcmp(type, "site_record") == 0)
            jset_text(d, "pdf",
                      arena_printf(r->arena, "/inspections/%lld/site-record.pdf", (long long)id));
        else if (type && strcmp(type, "advice_notice") == 0)
            jset_text(d, "pdf",
                      arena_printf(r->arena, "/inspections/%lld/advice-notice.pdf", (long long)id));
    }
    bool can_write = role_allows(r->who.roles, PERM_INSPECTION_WRITE);
    json_object_set_new(o, "can_reinspect",
                        json_boolean(can_write && json_is_true(json_object_get(o, "rectify")) &&
                                     !json_object_get(o, "followup")));
    json_object_set_new(o, "saved", json_boolean(req_query(r, "saved") != NULL));
    jset_bool(o, "can_open_case", role_allows(r->who.roles, PERM_CASE_HANDLE));
    return 0;
}

int inspection_overdue_page(struct req *r, struct resp *w)
{
    w->data = inspection_overdue(&r->ctx, &r->err);
    if (!w->data) return r->err.code ? r->err.code : ERR_INTERNAL;
    page(w, "inspection/overdue.html", "逾期未复查的整改");
    if (r->api) return 0;
    json_object_set_new(w->data, "tab_overdue", json_true());
    json_object_set_new(w->data, "can_write",
                        json_boolean(role_allows(r->who.roles, PERM_INSPECTION_WRITE)));
    return 0;
}

int inspection_stats_page(struct req *r, struct resp *w)
{
    const char *from = req_query(r, "from"), *to = req_query(r, "to");
    day_t d;
    if (!str_blank(from) && date_parse(from, &d)) err_field(&r->err, "from", "起始日期无效");
    if (!str_blank(to) && date_parse(to, &d)) err_field(&r->err, "to", "截止日期无效");
    if (r->err.code) return r->err.code;
    char first[DATE_STRLEN];
    snprintf(first, sizeof first, "%04d-01-01", date_year(date_from_instant(r->ctx.now)));
    if (!from && !to) from = arena_strdup(r->arena, first);
    w->data = inspection_stats(&r->ctx, from, to, &r->err);
    if (!w->data) return r->err.code ? r->err.code : ERR_INTERNAL;
    json_object_set_new(w->data, "from", from ? json_string(from) : json_null());
    json_object_set_new(w->data, "to", to ? json_string(to) : json_null());
    page(w, "inspection/stats.html", "监督检查统计");
    if (r->api) return 0;
    json_object_set_new(w->data, "tab_stats", json_true());
    return 0;
}

int checklist_index(struct req *r, struct resp *w)
{
    const char *line = req_query(r, "line");
    if (line && *line && !checklist_line(line))
        return err_set(&r->err, ERR_NOTFOUND, "没有该专业的检查事项清单");
    if (r->api) {
        w->data = line && *line ? jpack("{ss so}", "line", line, "items",
                                        json_deep_copy(checklist_line(line)))
                                : json_deep_copy(checklist_json());
        return 0;
    }
    json_t *lines = json_array(), *l;
    size_t i;
    json_array_foreach(json_object_get(catalog_json(), "lines"), i, l)
    {
        const char *code = json_string_value(json_object_get(l, "code"));
        if (line && *line && strcmp(line, code) != 0) continue;
        json_t *items = json_deep_copy(checklist_line(code)), *it;
        size_t k;
        const char *prev = NULL;
        json_array_foreach(items, k, it)
        {
            const char *g = json_string_value(json_object_get(it, "group"));
            jset_bool(it, "first_in_group", !prev || strcmp(prev, g) != 0);
            prev = g;
        }
        json_array_append_new(lines, jpack("{ss ss so}", "code", code, "label",
                                           json_string_value(json_object_get(l, "label")), "items",
                                           items));
    }
    w->data = jpack("{so so sb}", "lines", lines, "line_options", options_catalog("lines", line),
                    "tab_checklists", 1);
    page(w, "inspection/checklists.html", "检查事项清单");
    return 0;
}

/* ---- documents ---------------------------------------------------------------------------- */

/* Serve the document of type (site_record / advice_notice) of inspection id as a PDF. */
static int serve_pdf(struct req *r, struct resp *w, const char *type, const char *title,
                     int (*render)(json_t *inspection, struct buf *out, struct err *e))
{
    json_t *o = inspection_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    const char *number = NULL;
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(o, "documents"), i, d)
    {
        const char *t = json_string_value(json_object_get(d, "type"));
        if (t && strcmp(t, type) == 0) number = json_string_value(json_object_get(d, "number"));
    }
    if (!number) {
        json_decref(o);
        return err_set(&r->err, ERR_NOTFOUND, "该检查未出具%s", title);
    }
    struct buf name = {0};
    buf_adds(&name, "inline; filename=\"document.pdf\"; filename*=UTF-8''");
    buf_add_urlenc(&name, arena_printf(r->arena, "%s%s.pdf", title, number));
    resp_header(w, "Content-Disposition", arena_strdup(r->arena, buf_str(&name)));
    buf_free(&name);
    int rc = render(o, &w->body, &r->err);
    json_decref(o);
    if (rc) {
        buf_free(&w->body);
        return rc;
    }
    w->content_type = "application/pdf";
    resp_header(w, "Cache-Control", "private, no-store");
    return 0;
}

int inspection_site_record_pdf(struct req *r, struct resp *w)
{
    return serve_pdf(r, w, "site_record", "现场笔录", site_record_pdf);
}

int inspection_advice_notice_pdf(struct req *r, struct resp *w)
{
    return serve_pdf(r, w, "advice_notice", "卫生监督意见书", advice_notice_pdf);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/inspections", PERM_INSPECTION_READ, ROUTE_BOTH, inspection_index, "list inspections"},
    {"POST", "/inspections", PERM_INSPECTION_WRITE, ROUTE_BOTH, inspection_create,
     "record an inspection and issue its documents"},
    {"GET", "/inspections/new", PERM_INSPECTION_WRITE, ROUTE_HTML, inspection_new,
     "new inspection form"},
    {"POST", "/inspections/new", PERM_INSPECTION_WRITE, ROUTE_HTML, inspection_form_reload,
     "the form again with its values (line changed, entity searched)"},
    {"GET", "/inspections/overdue", PERM_INSPECTION_READ, ROUTE_BOTH, inspection_overdue_page,
     "correction orders overdue or due soon without a reinspection"},
    {"GET", "/inspections/stats", PERM_INSPECTION_READ, ROUTE_BOTH, inspection_stats_page,
     "inspection counts by type and outcome"},
    {"GET", "/inspections/{id}", PERM_INSPECTION_READ, ROUTE_BOTH, inspection_show,
     "one inspection"},
    {"GET", "/inspections/{id}/site-record.pdf", PERM_INSPECTION_READ, ROUTE_BOTH,
     inspection_site_record_pdf, "现场笔录 as PDF"},
    {"GET", "/inspections/{id}/advice-notice.pdf", PERM_INSPECTION_READ, ROUTE_BOTH,
     inspection_advice_notice_pdf, "卫生监督意见书 as PDF"},
    {"GET", "/checklists", PERM_INSPECTION_READ, ROUTE_BOTH, checklist_index,
     "checklists per line"},
};

static const struct nav_item nav[] = {{"/inspections", "监督检查", PERM_INSPECTION_READ},
                                      {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"orders_overdue", "整改逾期未复查", "/inspections/overdue", "bad", PERM_INSPECTION_READ},
    {NULL, NULL, NULL, NULL, 0}};

const struct area area_inspections = {"inspections", routes,      countof(routes), nav,
                                      tiles,         NULL,        "/inspections",  NULL,
                                      "责令整改",    "inspection"};
