/* catalog.c — lookups in data/catalog.json, which is embedded in the binary. */
#include "law/catalog.h"
#include "base/embed.h"
#include "base/util.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static json_t *catalog;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    const struct embed_file *f = embed_find("data/catalog.json");
    json_error_t je;
    if (!f || !(catalog = json_loadb(f->data, f->len, 0, &je)))
        fatal("data/catalog.json: %s", f ? je.text : "missing");
}

json_t *catalog_json(void)
{
    pthread_once(&once, load);
    return catalog;
}

static json_t *find(const char *list, const char *code)
{
    if (!code) return NULL;
    json_t *arr = json_object_get(catalog_json(), list), *item;
    size_t i;
    json_array_foreach(arr, i, item)
    {
        if (strcmp(json_string_value(json_object_get(item, "code")), code) == 0) return item;
    }
    return NULL;
}

const char *catalog_label(const char *list, const char *code)
{
    return json_string_value(json_object_get(find(list, code), "label"));
}

bool catalog_has(const char *list, const char *code)
{
    return find(list, code) != NULL;
}

const char *catalog_line_abbr(const char *line)
{
    return json_string_value(json_object_get(find("lines", line), "abbr"));
}

json_t *catalog_subtype_lines(const char *subtype)
{
    return json_object_get(find("subtypes", subtype), "lines");
}

void catalog_lines_label(const char *codes, char *out, size_t n)
{
    size_t used = 0;
    out[0] = 0;
    const char *p = codes ? codes : "";
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char code[32];
        if (len > 0 && len < sizeof code) {
            memcpy(code, p, len);
            code[len] = 0;
            const char *label = catalog_label("lines", code);
            int w = snprintf(out + used, n - used, "%s%s", used ? "、" : "", label ? label : code);
            if (w < 0 || (size_t)w >= n - used) break;
            used += (size_t)w;
        }
        p += len + (comma ? 1 : 0);
    }
}
