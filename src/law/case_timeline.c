/* case_timeline.c — a case as one timeline: its source, every step, document, deadline (opened,
 * ended, or still due), evidence item, preservation, service and the hearing, in the order of their
 * days, built from what case_get has read (no query of its own); the page adds the recordings it
 * has read for its own section, photos with their thumbnails (case_timeline_recordings). */
#include "base/jpack.h"
#include "law/case_internal.h"

#include <stdlib.h>
#include <string.h>

/* One event: day, kind (source | step | document | deadline | due | evidence | preservation |
 * service | hearing), title, detail and link (either may be NULL). */
static void event(json_t *out, const char *day, const char *kind, const char *title,
                  const char *detail, const char *href)
{
    if (!day || !*day || !title) return;
    json_t *o = jpack("{ss ss ss}", "date", day, "kind", kind, "title", title);
    jset_text(o, "detail", detail && *detail ? detail : NULL);
    jset_text(o, "href", href);
    json_array_append_new(out, o);
}

static const char *text(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void source(struct ctx *c, json_t *cas, json_t *out)
{
    const char *kind = text(cas, "source");
    json_int_t id = json_integer_value(json_object_get(cas, "source_id"));
    const char *path = !kind || !id                      ? NULL
                       : strcmp(kind, "inspection") == 0 ? "inspections"
                       : strcmp(kind, "complaint") == 0  ? "complaints"
                       : strcmp(kind, "task") == 0       ? "tasks"
                                                         : NULL;
    event(out, text(cas, "received_on"), "source",
          arena_printf(c->arena, "案件来源：%s", text(cas, "source_label")), text(cas, "summary"),
          path ? arena_printf(c->arena, "/%s/%lld", path, (long long)id) : NULL);
}

static void steps(struct ctx *c, json_t *cas, json_t *out)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(cas, "steps"), i, s)
    {
        const char *why = text(s, "reason_label") ? text(s, "reason_label") : text(s, "reason"),
                   *note = text(s, "note");
        const char *detail = why && note ? arena_printf(c->arena, "%s；%s", why, note)
                             : why       ? why
                                         : note;
        event(out, text(s, "date"), "step",
              arena_printf(c->arena, "%s（%s）", text(s, "action_label"),
                           text(s, "name") ? text(s, "name") : ""),
              detail, NULL);
    }
}

static void documents(struct ctx *c, json_t *cas, json_t *out)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(cas, "documents"), i, d)
    {
        event(out, text(d, "date"), "document",
              arena_printf(c->arena, "%s %s", text(d, "type_label"), text(d, "number")), NULL,
              text(d, "pdf"));
    }
}

/* A deadline opens on its start, and ends (met or late) or is still due on its last day. */
static void deadlines(struct ctx *c, json_t *cas, json_t *out)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(cas, "deadlines"), i, d)
    {
        const char *label = text(d, "label");
        event(out, text(d, "start"), "deadline",
              arena_printf(c->arena, "%s开始计算，至 %s", label, text(d, "due")), text(d, "basis"),
              NULL);
        if (text(d, "ended"))
            event(out, text(d, "ended"), "deadline",
                  arena_printf(c->arena, "%s%s", label,
                               json_is_true(json_object_get(d, "late"))  ? "：超期完成"
                               : json_is_true(json_object_get(d, "met")) ? "：已完成"
                                                                         : "：终止"),
                  NULL, NULL);
        else
            event(out, text(d, "due"), "due",
                  arena_printf(c->arena, "%s届满%s", label,
                               json_is_true(json_object_get(d, "overdue"))  ? "（已逾期）"
                               : json_is_true(json_object_get(d, "lapsed")) ? "（已届满）"
                                                                            : ""),
                  NULL, NULL);
    }
}

static void records(struct ctx *c, json_t *cas, json_t *out)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(cas, "evidence"), i, x)
    {
        event(out, text(x, "obtained_on"), "evidence",
              arena_printf(c->arena, "证据：%s", text(x, "kind_label")), text(x, "description"),
              NULL);
    }
    json_array_foreach(json_object_get(cas, "preservations"), i, x)
    {
        event(out, text(x, "requested_on"), "preservation",
              arena_printf(c->arena, "证据先行登记保存（%s）", text(x, "state_label")),
              text(x, "items_label"),
              arena_printf(c->arena, "/preservations/%lld",
                           (long long)json_integer_value(json_object_get(x, "id"))));
    }
    json_array_foreach(json_object_get(cas, "services"), i, x)
    {
        event(out, text(x, "served_on"), "service",
              arena_printf(c->arena, "送达%s %s（%s）%s", text(x, "document_label"),
                           text(x, "document_number"), text(x, "method_label"),
                           json_is_true(json_object_get(x, "late")) ? "：超过送达期限" : ""),
              text(x, "recipient"), NULL);
    }
    json_t *h = json_object_get(cas, "hearing");
    if (h && text(h, "on") && !text(h, "heard_on"))
        event(out, text(h, "on"), "hearing",
              arena_printf(c->arena, "听证（%s）", text(h, "place") ? text(h, "place") : ""),
              text(h, "chair_name"), NULL);
}

/* Events by day; on one day in the order they were added (qsort is not stable: the index). */
static int by_day(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int d = strcmp(text(x, "date"), text(y, "date"));
    if (d) return d;
    json_int_t i = json_integer_value(json_object_get(x, "n")),
               j = json_integer_value(json_object_get(y, "n"));
    return i < j ? -1 : i > j;
}

/* Sort events by day into cas's "timeline", replacing it; events is consumed. */
static void timeline_set(struct ctx *c, json_t *cas, json_t *events)
{
    size_t n = json_array_size(events);
    json_t **v = arena_alloc(c->arena, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i] = json_array_get(events, i);
        json_object_set_new(v[i], "n", json_integer((json_int_t)i));
    }
    qsort(v, n, sizeof *v, by_day);
    json_t *sorted = json_array();
    for (size_t i = 0; i < n; i++) {
        json_object_del(v[i], "n");
        json_array_append(sorted, v[i]);
    }
    json_decref(events);
    json_object_set_new(cas, "timeline", sorted);
}

void case_timeline(struct ctx *c, json_t *cas)
{
    json_t *out = json_array();
    source(c, cas, out);
    steps(c, cas, out);
    documents(c, cas, out);
    deadlines(c, cas, out);
    records(c, cas, out);
    timeline_set(c, cas, out);
}

void case_timeline_recordings(struct ctx *c, json_t *cas)
{
    json_t *out = json_deep_copy(json_object_get(cas, "timeline"));
    if (!out) out = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(cas, "recordings"), i, x)
    {
        json_int_t id = json_integer_value(json_object_get(x, "id"));
        const char *taken = text(x, "taken"), *step = text(x, "key_step_label");
        size_t before = json_array_size(out);
        event(out, taken ? arena_printf(c->arena, "%.10s", taken) : NULL, "recording",
              arena_printf(c->arena, "执法记录（%s%s%s）：%s", text(x, "media_label"),
                           step && *step ? "，" : "", step ? step : "", text(x, "file_name")),
              text(x, "description"), arena_printf(c->arena, "/recordings/%lld", (long long)id));
        if (json_array_size(out) > before && json_is_true(json_object_get(x, "thumb")))
            jset_text(json_array_get(out, before), "thumb",
                      arena_printf(c->arena, "/recordings/%lld/thumb", (long long)id));
    }
    timeline_set(c, cas, out);
}
