/* catalog.c — lookups in data/catalog.json, which is embedded in the binary. */
#include "law/catalog.h"
#include "base/embed.h"
#include "base/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static json_t *catalog;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Every item of every list, sorted by (list, code), for binary search: list pages look up several
 * labels per row. */
struct entry {
    const char *list; /* "lines", "subtypes", … */
    const char *code;
    json_t *item; /* the catalogue object (borrowed from catalog) */
};
static struct entry *entries;
static size_t nentries;

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->list, y->list);
    return c ? c : strcmp(x->code, y->code);
}

static void load(void)
{
    const struct embed_file *f = embed_find("data/catalog.json");
    json_error_t je;
    if (!f || !(catalog = json_loadb(f->data, f->len, 0, &je)))
        fatal("data/catalog.json: %s", f ? je.text : "missing");
    const char *list;
    json_t *arr, *item;
    size_t i;
    json_object_foreach(catalog, list, arr) nentries += json_array_size(arr);
    entries = xcalloc(nentries, sizeof *entries);
    size_t k = 0;
    json_object_foreach(catalog, list, arr)
    {
        json_array_foreach(arr, i, item)
        {
            const char *code = json_string_value(json_object_get(item, "code"));
            if (!code) fatal("data/catalog.json: %s[%zu] has no code", list, i);
            entries[k++] = (struct entry){list, code, item};
        }
    }
    qsort(entries, nentries, sizeof *entries, cmp_entry);
}

json_t *catalog_json(void)
{
    pthread_once(&once, load);
    return catalog;
}

static json_t *find(const char *list, const char *code)
{
    if (!code) return NULL;
    pthread_once(&once, load);
    struct entry key = {list, code, NULL};
    struct entry *hit = bsearch(&key, entries, nentries, sizeof *entries, cmp_entry);
    return hit ? hit->item : NULL;
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
