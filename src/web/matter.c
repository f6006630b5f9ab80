/* matter.c — where a matter of each workflow is shown: the start page's deadlines and the
 * calendar's moved deadlines name and link their matters through the areas (web/area.h). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/web.h"
#include "web/area.h"

#include <string.h>

/* The area whose records a deadline of kind belongs to (web/area.h), or NULL. */
static const struct area *area_of_kind(const char *kind)
{
    for (size_t i = 0; kind && i < web_nareas; i++) {
        const struct area *a = web_areas[i];
        const char *k = a->matter_kind ? a->matter_kind : a->flow ? a->flow->kind : NULL;
        if (a->matter && k && strcmp(k, kind) == 0) return a;
    }
    return NULL;
}

void link_matters(struct req *r, json_t *list)
{
    size_t i;
    json_t *d;
    json_array_foreach(list, i, d)
    {
        const struct area *a = area_of_kind(json_string_value(json_object_get(d, "kind")));
        /* a kind without a page is still named in Chinese */
        jset_text(d, "matter", a ? a->matter : "其他事项");
        if (a)
            jset_text(d, "href",
                      arena_printf(r->arena, "%s/%lld", a->base,
                                   (long long)json_integer_value(json_object_get(d, "object_id"))));
    }
}
