/* power_export.c — the power list as XLSX/CSV, in power_import's columns. */
#include "docs/power_export.h"
#include "docs/sheet_write.h"
#include "law/power.h"
#include "law/power_import.h"

#include <string.h>

/* The JSON key of an item (power_item_get) that fills each item column; labels where the import
 * takes labels. */
static const char *const item_keys[][2] = {
    {"code", "code"},
    {"name", "name"},
    {"kind", "kind_label"},
    {"line", "line_label"},
    {"basis", "basis"},
    {"violated", "violated"},
    {"penalty_basis", "penalty_basis"},
    {"penalty_types", "penalty_types_label"},
    {"fine_min", "fine_min_yuan"},
    {"fine_max", "fine_max_yuan"},
    {"mult_min", "mult_min_times"},
    {"mult_max", "mult_max_times"},
    {"agency", "agency_code"},
};

/* The key of a version or a level that fills each baseline column. */
static const char *const version_keys[][2] = {{"effective_on", "effective_on"},
                                              {"source", "source"}};
static const char *const level_keys[][2] = {
    {"level_name", "name"},
    {"conditions", "conditions"},
    {"penalty", "penalty"},
    {"level_types", "penalty_types_label"},
    {"level_fine_min", "fine_min_yuan"},
    {"level_fine_max", "fine_max_yuan"},
    {"level_mult_min", "mult_min_times"},
    {"level_mult_max", "mult_max_times"},
};

#define NCOLS 23

struct exporter {
    struct sheet_writer *w;
    struct err *e;
};

/* The column of field in power_columns. */
static int column(const char *field)
{
    for (int i = 0; power_columns[i].field; i++)
        if (strcmp(power_columns[i].field, field) == 0) return i;
    return -1;
}

/* Fill cells from o by a key table of n entries. */
static void fill(const char **cells, json_t *o, const char *const (*keys)[2], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *v = json_string_value(json_object_get(o, keys[i][1]));
        int k = column(keys[i][0]);
        if (k >= 0) cells[k] = v ? v : "";
    }
}

/* One row: the item, and a version's level when given. */
static int write_one(struct exporter *x, json_t *item, json_t *version, json_t *level)
{
    const char *cells[NCOLS];
    for (int i = 0; i < NCOLS; i++)
        cells[i] = "";
    fill(cells, item, item_keys, countof(item_keys));
    if (version) fill(cells, version, version_keys, countof(version_keys));
    if (level) fill(cells, level, level_keys, countof(level_keys));
    return sheet_writer_row(x->w, NCOLS, cells, x->e);
}

static int write_item(void *arg, json_t *item)
{
    struct exporter *x = arg;
    int rc = 0, rows = 0;
    size_t i, k;
    json_t *v, *l;
    /* newest first: write the versions to come and the one in force, oldest first */
    json_t *versions = json_object_get(item, "versions");
    for (i = json_array_size(versions); i-- > 0 && !rc;) {
        v = json_array_get(versions, i);
        if (strcmp(json_string_value(json_object_get(v, "state")), "superseded") == 0) continue;
        json_array_foreach(json_object_get(v, "levels"), k, l)
        {
            if (!rc) rc = write_one(x, item, v, l), rows++;
        }
    }
    if (!rc && !rows) rc = write_one(x, item, NULL, NULL);
    return rc;
}

int export_power(struct ctx *c, const char *path, struct err *e)
{
    struct exporter x = {.e = e};
    x.w = sheet_writer_open(path, e);
    if (!x.w) return e->code ? e->code : ERR_INTERNAL;
    const char *titles[NCOLS];
    for (int i = 0; i < NCOLS; i++)
        titles[i] = power_columns[i].title;
    int rc = sheet_writer_row(x.w, NCOLS, titles, e);
    if (!rc) rc = power_item_each(c, write_item, &x, e);
    if (rc) {
        sheet_writer_abort(x.w); /* a failed export leaves no file behind */
        return rc;
    }
    return sheet_writer_close(x.w, e);
}
