/* matter.c — where a matter of each workflow is shown: the start page's deadlines and the
 * calendar's moved deadlines name and link their matters through this one table. */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/web.h"

#include <string.h>

/* Each workflow kind (workflow.kind): what the matter is called and where its page is. */
static const struct {
    const char *kind, *label, *path;
} matters[] = {
    {"task", "抽查任务", "/tasks/"},
    {"inspection", "责令整改", "/inspections/"},
    {"draw_plan", "抽查计划", "/plans/"},
};

void link_matters(struct req *r, json_t *list)
{
    size_t i;
    json_t *d;
    json_array_foreach(list, i, d)
    {
        const char *kind = json_string_value(json_object_get(d, "kind"));
        jset_text(d, "matter", "其他事项"); /* a kind without a page is still named in Chinese */
        for (size_t k = 0; kind && k < countof(matters); k++) {
            if (strcmp(kind, matters[k].kind) != 0) continue;
            jset_text(d, "matter", matters[k].label);
            jset_text(d, "href",
                      arena_printf(r->arena, "%s%lld", matters[k].path,
                                   (long long)json_integer_value(json_object_get(d, "object_id"))));
        }
    }
}
