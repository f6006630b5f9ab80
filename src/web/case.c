/* case.c — pages and API of penalty cases (行政处罚案件): the list, registration (受理) from a
 * source, and one case with its steps (served by step.c). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/area.h"
#include "web/web.h"
#include "web/options.h"
#include "web/tally.h"
#include "law/case.h"
#include "law/case_closing.h"
#include "law/role.h"

#include <string.h>

static const char *const form_fields[] = {
    "agency",        "source",  "source_id", "line", "entity_id", "party_name",  "party_kind",
    "party_address", "summary", "act_on",    "harm", "found_on",  "received_on", NULL};

static struct case_input input_from(struct req *r)
{
    const char *harm = req_param(r, "harm");
    return (struct case_input){
        .agency_code = req_param(r, "agency"),
        .source = req_param(r, "source"),
        .source_id = req_param(r, "source_id"),
        .line = req_param(r, "line"),
        .entity_id = req_param(r, "entity_id"),
        .party_name = req_param(r, "party_name"),
        .party_kind = req_param(r, "party_kind"),
        .party_address = req_param(r, "party_address"),
        .summary = req_param(r, "summary"),
        .act_on = req_param(r, "act_on"),
        .harm = harm &&
                (strcmp(harm, "1") == 0 || strcmp(harm, "true") == 0 || strcmp(harm, "on") == 0),
        .found_on = req_param(r, "found_on"),
        .received_on = req_param(r, "received_on"),
    };
}

static const char *const party_kinds[][2] = {
    {"organisation", "法人或其他组织"}, {"citizen", "公民"}, {NULL, NULL}};

static void form_options(struct req *r, json_t *data)
{
    json_t *form = json_object_get(data, "form");
#define V(k) json_string_value(json_object_get(form, k))
    json_object_set_new(data, "sources", case_source_options(V("source")));
    json_object_set_new(data, "lines", options_catalog("lines", V("line")));
    json_object_set_new(data, "party_kinds", options_table(party_kinds, V("party_kind")));
    json_object_set_new(data, "agencies", options_agencies(r, V("agency")));
#undef V
}

static const char *const list_states[][2] = {
    {"open", "未结"},           {"registered", "待立案"},
    {"proposed", "立案审批中"}, {"filed", "已立案"},
    {"declined", "不予立案"},   {"long", "立案满60日"},
    {"overdue", "已逾期"},      {NULL, NULL},
};
static const char *const list_keep[] = {"q", "from", "to", "mine", "procedure", NULL};
static const struct tally_list list_page = {list_states, list_keep, PERM_CASE_HANDLE};

/* The filters of the lists behind the figures (/cases/figures), which the list's form keeps as
 * hidden fields ("figure_filters": [{name, value}]); procedure is the list's own filter. */
static const char *const figure_filters[] = {
    "agency",       "filed_from", "filed_to",      "decided_from",  "decided_to",
    "type",         "severest",   "ground",        "reviewed",      "review",
    "review_from",  "review_to",  "heard_from",    "heard_to",      "absent",
    "overdue_on",   "served",     "referred_from", "referred_to",   "referral",
    "closed_from",  "closed_to",  "paid",          "reminded_from", "reminded_to",
    "applied_from", "applied_to", "applied",       "outcome_from",  "outcome_to",
    "outcome",      NULL};

static void figure_query(struct req *r, struct case_query *q)
{
    const char **to[] = {&q->agency,       &q->filed_from,    &q->filed_to,    &q->decided_from,
                         &q->decided_to,   &q->type,          &q->severest,    &q->ground,
                         &q->reviewed,     &q->review,        &q->review_from, &q->review_to,
                         &q->heard_from,   &q->heard_to,      &q->absent,      &q->overdue_on,
                         &q->served,       &q->referred_from, &q->referred_to, &q->referral,
                         &q->closed_from,  &q->closed_to,     &q->paid,        &q->reminded_from,
                         &q->reminded_to,  &q->applied_from,  &q->applied_to,  &q->applied,
                         &q->outcome_from, &q->outcome_to,    &q->outcome};
    for (size_t i = 0; figure_filters[i]; i++)
        *to[i] = req_query(r, figure_filters[i]);
}

static json_t *figure_hidden(struct req *r)
{
    json_t *out = json_array();
    for (size_t i = 0; figure_filters[i]; i++)
        if (!str_blank(req_query(r, figure_filters[i])))
            json_array_append_new(out, jpack("{ss ss}", "name", figure_filters[i], "value",
                                             req_query(r, figure_filters[i])));
    return out;
}

int case_index(struct req *r, struct resp *w)
{
    const char *mine = req_query(r, "mine");
    struct case_query q = {
        .state = req_query(r, "state"),
        .line = req_query(r, "line"),
        .source = req_query(r, "source"),
        .procedure = req_query(r, "procedure"),
        .q = req_query(r, "q"),
        .from = req_query(r, "from"),
        .to = req_query(r, "to"),
        .mine = mine && strcmp(mine, "1") == 0,
        .page = (int)req_int(r, "page", 1, 1, 100000),
        .per_page = (int)req_int(r, "per_page", 50, 1, 200),
    };
    figure_query(r, &q);
    json_t *list = case_list(&r->ctx, &q, &r->err);
    if (!list) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = list;
    page(w, "case/list.html", "行政处罚案件");
    if (r->api) return 0;
    tally_list_page(r, list, &list_page);
    json_object_set_new(list, "lines", options_catalog("lines", q.line));
    json_object_set_new(list, "sources", case_source_options(q.source));
    if (q.procedure && (strcmp(q.procedure, "general") == 0 || strcmp(q.procedure, "summary") == 0))
        jset_bool(list, arena_printf(r->arena, "procedure_%s", q.procedure), true);
    json_object_set_new(list, "figure_filters", figure_hidden(r));
    return 0;
}

/* The registration form, filled from the record it comes from (?source=inspection&source_id=…
 * &entity_id=…&line=…, as an inspection's page links it). */
int case_new(struct req *r, struct resp *w)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    json_t *form = jpack("{ss ss}", "received_on", today, "party_kind", "organisation");
    static const char *const from_query[] = {"source", "source_id",  "entity_id",
                                             "line",   "party_name", NULL};
    for (const char *const *k = from_query; *k; k++)
        if (req_query(r, *k)) jset_text(form, *k, req_query(r, *k));
    w->data = jpack("{so}", "form", form);
    form_options(r, w->data);
    page(w, "case/form.html", "受理案件");
    return 0;
}

int case_create(struct req *r, struct resp *w)
{
    page_keep_form(r, w, form_fields);
    form_options(r, w->data);
    page(w, "case/form.html", "受理案件");
    struct case_input in = input_from(r);
    int64_t id;
    int rc = case_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    json_decref(w->data);
    w->data = NULL;
    if (!r->api) {
        w->redirect = arena_printf(r->arena, "/cases/%lld?saved=1", (long long)id);
        return 0;
    }
    w->data = case_get(&r->ctx, id, &r->err);
    w->status = 201;
    return w->data ? 0 : r->err.code;
}

int case_show(struct req *r, struct resp *w)
{
    json_t *o = case_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "case/show.html", "行政处罚案件");
    if (r->api) return 0;
    page_steps(r, o, "/cases");
    evidence_page(r, o);
    recording_page(r, o, "case");
    case_timeline_recordings(&r->ctx, o);
    preservation_page(r, o);
    remedy_page(r, o);
    file_review_page(r, o);
    referral_page(r, o);
    jset_bool(o, "saved", req_query(r, "saved") != NULL);
    const char *source = json_string_value(json_object_get(o, "source"));
    jset_bool(o, arena_printf(r->arena, "source_is_%s", source), true);
    return 0;
}

/* GET /api/v1/cases/{id}/closing-check: the pre-closing check of one case (law/case_closing.h),
 * {"id","state","closable","items":[{"code","message","rule","href"}]}; closable when the case
 * awaits closing and nothing lacks. */
static int case_closing_page(struct req *r, struct resp *w)
{
    json_t *cas = case_get(&r->ctx, req_id(r, 0), &r->err);
    if (!cas) return r->err.code;
    int64_t id = json_integer_value(json_object_get(cas, "id"));
    const char *state = json_string_value(json_object_get(cas, "state"));
    json_t *items = case_closing_check(&r->ctx, id, NULL, &r->err);
    bool awaits = strcmp(state, "decided") == 0 || strcmp(state, "not_penalised") == 0;
    if (items)
        w->data = jpack("{sI ss sb so}", "id", (json_int_t)id, "state", state, "closable",
                        awaits && json_array_size(items) == 0, "items", items);
    json_decref(cas);
    return w->data ? 0 : r->err.code;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/cases", PERM_CASE_READ, ROUTE_BOTH, case_index,
     "list penalty cases (state, line, source, q, from, to, mine; the figures' lists: agency,"
     " filed_from, filed_to, decided_from, decided_to, procedure, type, severest, ground,"
     " reviewed, review, review_from, review_to, heard_from, heard_to, absent, overdue_on,"
     " served, referred_from, referred_to, referral, closed_from, closed_to, paid,"
     " reminded_from, reminded_to, applied_from, applied_to, applied, outcome_from, outcome_to,"
     " outcome)"},
    {"POST", "/cases", PERM_CASE_HANDLE, ROUTE_BOTH, case_create,
     "register a case (受理) from its source"},
    {"GET", "/cases/new", PERM_CASE_HANDLE, ROUTE_HTML, case_new, "registration form"},
    {"GET", "/cases/figures", PERM_CASE_READ, ROUTE_BOTH, case_figures_page,
     "figures of a period (from, to, agency): 立案, decisions, penalty types, fines, reviews,"
     " hearings, days to decide, overdue; each with the list behind it"},
    {"GET", "/cases/{id}", PERM_CASE_READ, ROUTE_BOTH, case_show,
     "one case with its investigators, steps and deadlines"},
    {"GET", "/cases/{id}/closing-check", PERM_CASE_READ, ROUTE_API, case_closing_page,
     "the pre-closing check (结案前检查): what the file lacks, each item with its rule"},
};

static const struct nav_item nav[] = {{"/cases", "行政处罚", PERM_CASE_READ}, {NULL, NULL, 0}};

static const struct tile tiles[] = {
    {"cases_to_file", "待立案案件", "/cases?state=registered", "", PERM_CASE_READ},
    {"cases_to_approve", "立案待审批", "/cases?state=proposed", "", PERM_CASE_APPROVE},
    {"cases_overdue", "案件逾期", "/cases?state=overdue", "bad", PERM_CASE_READ},
    {NULL, NULL, NULL, NULL, 0},
};

const struct area area_cases = {"cases",        routes,   countof(routes), nav,           tiles,
                                &case_workflow, "/cases", case_show,       "行政处罚案件"};
