/* registry_export.c — entities and officers as XLSX/CSV, with the import columns' titles. */
#include "docs/registry_export.h"
#include "docs/sheet_write.h"
#include "law/entity.h"
#include "law/import.h"
#include "law/officer.h"

#include <string.h>

/* Which JSON key of a row fills each column (labels where the import accepts labels). */
static const char *const entity_keys[][2] = {{"name", "name"},
                                             {"kind", "kind_label"},
                                             {"uscc", "uscc"},
                                             {"id_number", "id_number"},
                                             {"legal_rep", "legal_rep"},
                                             {"address", "address"},
                                             {"division_code", "division_code"},
                                             {"subtype", "subtype_label"},
                                             {"lines", "lines_label"},
                                             {"status", "status_label"},
                                             {"risk_grade", "risk_grade"},
                                             {"phone", "phone"},
                                             {"agency", "agency_code"},
                                             {"licence_type", "licence_type"},
                                             {"licence_number", "licence_number"},
                                             {"licence_from", "licence_from"},
                                             {"licence_to", "licence_to"},
                                             {NULL, NULL}};

static const char *const officer_keys[][2] = {{"name", "name"},
                                              {"id_number", "id_number"},
                                              {"phone", "phone"},
                                              {"cert_no", "cert_no"},
                                              {"cert_issued", "cert_issued"},
                                              {"cert_expires", "cert_expires"},
                                              {"status", "status_label"},
                                              {"status_reason", "status_reason"},
                                              {"lines", "lines_label"},
                                              {"legal_qualified", "legal_label"},
                                              {"agency", "agency_code"},
                                              {"department", "department"},
                                              {NULL, NULL}};

/* Export state: the writer and the column → key mapping. */
struct exporter {
    struct sheet_writer *w;
    const char *const (*keys)[2];
    int n;
    struct err *e;
};

static int write_header(struct exporter *x, const struct sheet_column *cols)
{
    const char *titles[32];
    x->n = 0;
    for (int i = 0; x->keys[i][0] && x->n < 32; i++)
        for (int k = 0; cols[k].field; k++)
            if (strcmp(cols[k].field, x->keys[i][0]) == 0) titles[x->n++] = cols[k].title;
    return sheet_writer_row(x->w, x->n, titles, x->e);
}

static int write_row(void *arg, json_t *row)
{
    struct exporter *x = arg;
    const char *cells[32];
    if (json_object_get(row, "kind"))
        json_object_set_new(
            row, "kind_label",
            json_string(strcmp(json_string_value(json_object_get(row, "kind")), "person") == 0
                            ? "个人"
                            : "单位"));
    if (json_object_get(row, "legal_qualified"))
        json_object_set_new(
            row, "legal_label",
            json_string(json_is_true(json_object_get(row, "legal_qualified")) ? "是" : "否"));
    for (int i = 0; i < x->n; i++) {
        const char *v = json_string_value(json_object_get(row, x->keys[i][1]));
        cells[i] = v ? v : "";
    }
    return sheet_writer_row(x->w, x->n, cells, x->e);
}

static int run(struct ctx *c, const char *path, bool entities, struct err *e)
{
    struct exporter x = {.keys = entities ? entity_keys : officer_keys, .e = e};
    x.w = sheet_writer_open(path, e);
    if (!x.w) return e->code ? e->code : ERR_INTERNAL;
    int rc = write_header(&x, entities ? entity_columns : officer_columns);
    if (!rc) rc = entities ? entity_each(c, write_row, &x, e) : officer_each(c, write_row, &x, e);
    if (rc) {
        sheet_writer_abort(x.w); /* a failed export leaves no file behind */
        return rc;
    }
    return sheet_writer_close(x.w, e);
}

int export_entities(struct ctx *c, const char *path, struct err *e)
{
    return run(c, path, true, e);
}

int export_officers(struct ctx *c, const char *path, struct err *e)
{
    return run(c, path, false, e);
}
