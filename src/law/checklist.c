/* checklist.c — lookups in data/checklists.json, which is embedded in the binary. */
#include "law/checklist.h"
#include "law/catalog.h"
#include "base/embed.h"
#include "base/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static json_t *catalogue;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Every item of every line, sorted by code, for binary search: a saved inspection names its items
 * by code only. */
struct entry {
    const char *code; /* MED-01 */
    const char *line; /* medical */
    json_t *item;     /* the catalogue object (borrowed from catalogue) */
};
static struct entry *entries;
static size_t nentries;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->code, ((const struct entry *)b)->code);
}

/* Load and check the file: every line of data/catalog.json has a checklist, every item has a
 * code, group, text and basis, and no code repeats. A broken file is a build error, so it
 * stops the program. */
static void load(void)
{
    const struct embed_file *f = embed_find("data/checklists.json");
    json_error_t je;
    if (!f || !(catalogue = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &je)))
        fatal("data/checklists.json: %s", f ? je.text : "missing");
    json_t *lines = json_object_get(catalogue, "lines"), *arr, *item;
    const char *line;
    size_t i;
    json_object_foreach(lines, line, arr)
    {
        if (!catalog_has("lines", line)) fatal("data/checklists.json: unknown line %s", line);
        nentries += json_array_size(arr);
    }
    json_array_foreach(json_object_get(catalog_json(), "lines"), i, item)
    {
        const char *code = json_string_value(json_object_get(item, "code"));
        if (!json_array_size(json_object_get(lines, code)))
            fatal("data/checklists.json: no checklist for line %s", code);
    }
    entries = xcalloc(nentries ? nentries : 1, sizeof *entries);
    size_t k = 0;
    json_object_foreach(lines, line, arr)
    {
        json_array_foreach(arr, i, item)
        {
            const char *code = json_string_value(json_object_get(item, "code"));
            static const char *const keys[] = {"group", "text", "basis"};
            for (size_t j = 0; j < countof(keys); j++)
                if (!json_string_value(json_object_get(item, keys[j])))
                    fatal("data/checklists.json: %s[%zu] has no %s", line, i, keys[j]);
            if (!code) fatal("data/checklists.json: %s[%zu] has no code", line, i);
            entries[k++] = (struct entry){code, line, item};
        }
    }
    qsort(entries, nentries, sizeof *entries, cmp_entry);
    for (k = 1; k < nentries; k++)
        if (strcmp(entries[k - 1].code, entries[k].code) == 0)
            fatal("data/checklists.json: code %s repeats", entries[k].code);
}

json_t *checklist_json(void)
{
    pthread_once(&once, load);
    return catalogue;
}

json_t *checklist_line(const char *line)
{
    if (!line) return NULL;
    return json_object_get(json_object_get(checklist_json(), "lines"), line);
}

json_t *checklist_item(const char *code, const char **line)
{
    if (!code) return NULL;
    pthread_once(&once, load);
    struct entry key = {code, NULL, NULL};
    struct entry *hit = bsearch(&key, entries, nentries, sizeof *entries, cmp_entry);
    if (hit && line) *line = hit->line;
    return hit ? hit->item : NULL;
}
