/* tally.c — the list pages and figures pages of the matters a workflow moves: the shared parts
 * (web/tally.h). */
#include "base/date.h"
#include "base/jpack.h"
#include "web/tally.h"
#include "web/web.h"
#include "law/role.h"

#include <string.h>

/* ---- the list page --------------------------------------------------------------------------- */

/* [{code, label, selected}] of a state filter; selected is one code, matched exactly. */
static json_t *state_options(const char *const (*states)[2], const char *selected)
{
    json_t *out = json_array();
    for (size_t i = 0; states[i][0]; i++)
        json_array_append_new(out,
                              jpack("{ss ss sb}", "code", states[i][0], "label", states[i][1],
                                    "selected", selected && strcmp(selected, states[i][0]) == 0));
    return out;
}

void tally_list_page(struct req *r, json_t *list, const struct tally_list *l)
{
    json_object_set_new(list, "states", state_options(l->states, req_query(r, "state")));
    for (const char *const *k = l->keep; *k; k++)
        jset_text(list, *k, req_query(r, *k));
    jset_bool(list, "can_intake", role_allows(r->who.roles, l->intake));
    page_links(r, list);
}

/* ---- the figures page ------------------------------------------------------------------------ */

struct tally_period tally_period(struct req *r, bool scoped)
{
    char today[DATE_STRLEN];
    date_format(date_from_instant(r->ctx.now), today);
    struct tally_period p = {.from = req_query(r, "from"),
                             .to = req_query(r, "to"),
                             .agency = scoped ? req_query(r, "agency") : NULL};
    if (str_blank(p.from)) p.from = arena_printf(r->arena, "%.4s-01-01", today);
    if (str_blank(p.to)) p.to = arena_strdup(r->arena, today);
    return p;
}

const char *tally_href(struct req *r, const char *href, const char *key, const char *value)
{
    struct buf b = {0};
    buf_adds(&b, href);
    buf_addf(&b, "&%s=", key);
    buf_add_urlenc(&b, value);
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* Give each row of rows the href of the list base with key = its code. */
static void link_rows(struct req *r, json_t *rows, const char *key, const char *base)
{
    size_t i;
    json_t *o;
    json_array_foreach(rows, i, o)
    {
        jset_text(o, "href",
                  tally_href(r, base, key, json_string_value(json_object_get(o, "code"))));
    }
}

const char *tally_link_counts(struct req *r, json_t *figures, const char *path,
                              const struct tally_period *p, const char *const (*links)[2])
{
    struct buf b = {0};
    buf_adds(&b, path);
    buf_adds(&b, "?from=");
    buf_add_urlenc(&b, p->from);
    buf_adds(&b, "&to=");
    buf_add_urlenc(&b, p->to);
    const char *base = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    if (!str_blank(p->agency)) base = tally_href(r, base, "agency", p->agency);
    jset_text(figures, "list_href", base);
    for (size_t i = 0; links[i][0]; i++)
        link_rows(r, json_object_get(figures, links[i][0]), links[i][1], base);
    return base;
}

void tally_link_lists(struct req *r, json_t *figures, const char *path)
{
    if (json_is_array(figures)) {
        size_t i;
        json_t *o;
        json_array_foreach(figures, i, o)
        {
            tally_link_lists(r, o, path);
        }
        return;
    }
    if (!json_is_object(figures)) return;
    const char *list = json_string_value(json_object_get(figures, "list"));
    if (list) jset_text(figures, "href", arena_printf(r->arena, "%s?%s", path, list));
    const char *key;
    json_t *o;
    json_object_foreach(figures, key, o)
    {
        if (json_is_object(o) || json_is_array(o)) tally_link_lists(r, o, path);
    }
}
