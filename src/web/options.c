/* options.c — building option lists for forms and filters. */
#include "base/jpack.h"
#include "web/options.h"
#include "law/agency.h"
#include "law/catalog.h"

#include <string.h>

json_t *options_catalog(const char *list, const char *selected)
{
    json_t *out = json_array(), *item;
    size_t i;
    json_array_foreach(json_object_get(catalog_json(), list), i, item)
    {
        const char *code = json_string_value(json_object_get(item, "code"));
        json_t *o = json_object();
        json_object_set_nocheck(o, "code", json_object_get(item, "code"));
        json_object_set_nocheck(o, "label", json_object_get(item, "label"));
        jset_bool(o, "selected", csv_has(selected, code));
        json_array_append_new(out, o);
    }
    return out;
}

json_t *options_table(const char *const (*table)[2], const char *selected)
{
    json_t *out = json_array();
    for (int i = 0; table[i][0]; i++) {
        json_t *o = json_object();
        jset_text(o, "code", table[i][0]);
        jset_text(o, "label", table[i][1]);
        jset_bool(o, "selected", csv_has(selected, table[i][0]));
        json_array_append_new(out, o);
    }
    return out;
}

json_t *options_agencies(struct req *r, const char *selected)
{
    struct err e = {0};
    json_t *list = agency_list(&r->ctx, &e), *out = json_array(), *a;
    size_t i;
    json_array_foreach(list, i, a)
    {
        const char *code = json_string_value(json_object_get(a, "code"));
        int depth = (int)json_integer_value(json_object_get(a, "depth"));
        struct buf b = {0};
        for (int k = 1; k < depth; k++)
            buf_adds(&b, "　");
        buf_adds(&b, json_string_value(json_object_get(a, "name")));
        bool sel = selected ? strcmp(selected, code) == 0
                            : json_integer_value(json_object_get(a, "id")) == r->who.agency_id;
        json_array_append_new(
            out, jpack("{ss ss sb}", "code", code, "label", buf_str(&b), "selected", sel));
        buf_free(&b);
    }
    json_decref(list);
    return out;
}
