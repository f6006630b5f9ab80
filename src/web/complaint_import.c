/* complaint_import.c — uploading the 12345 hotline platform's export, in the browser or through
 * the API (multipart/form-data: "file"; col_<field> the title of the column feeding a field, which
 * is saved for the agency; remap=1 to be shown the file's columns again; line and matter for rows
 * without them). The first upload shows the file's columns to map, a guess preselected; later
 * ones use the saved mapping. */
#include "base/jpack.h"
#include "law/complaint_import.h"
#include "web/options.h"
#include "web/pages.h"
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#define TITLE "导入12345工单"

/* The fields with the column each is mapped to and, with headers, the titles to choose from and
 * each field's message in e (or NULL). */
static json_t *field_rows(json_t *columns, json_t *headers, const struct err *e)
{
    json_t *rows = json_array();
    for (const struct complaint_import_field *f = complaint_import_fields; f->field; f++) {
        const char *column = json_string_value(json_object_get(columns, f->field));
        json_t *o = jpack("{ss ss sb ss}", "field", f->field, "label", f->label, "required",
                          f->required, "column", column ? column : "");
        json_t *options = json_array();
        size_t i;
        json_t *t;
        json_array_foreach(headers, i, t)
        {
            const char *title = json_string_value(t);
            if (str_blank(title)) continue;
            json_array_append_new(options, jpack("{ss sb}", "title", title, "selected",
                                                 column && strcmp(column, title) == 0));
        }
        json_object_set_new(o, "options", options);
        char name[48];
        snprintf(name, sizeof name, "col_%s", f->field);
        const char *msg = e ? err_field_msg(e, name) : NULL;
        jset_text(o, "problem", msg ? msg : ""); /* set even when empty: not the page's own */
        json_array_append_new(rows, o);
    }
    return rows;
}

/* The page's data: the saved mapping (json null: none yet) and the defaults' choices. */
static json_t *page_data(json_t *saved, const char *line, const char *matter)
{
    bool has = json_is_object(saved);
    if (str_blank(line)) line = json_string_value(json_object_get(saved, "line"));
    if (str_blank(matter)) matter = json_string_value(json_object_get(saved, "matter"));
    json_t *d =
        jpack("{so sb so so}", "fields", field_rows(json_object_get(saved, "columns"), NULL, NULL),
              "has_mapping", has, "lines", options_catalog("lines", line ? line : "medical"),
              "matters", options_catalog("complaint_matters", matter ? matter : "other"));
    if (has) {
        json_object_set(d, "updated_at", json_object_get(saved, "updated_at"));
        page_local_time(d, "updated_at", "updated");
    }
    return d;
}

/* The mapping the form gives (col_<field>), or NULL when it gives none. */
static json_t *columns_from(struct req *r)
{
    json_t *columns = NULL;
    for (const struct complaint_import_field *f = complaint_import_fields; f->field; f++) {
        const char *v = req_param(r, arena_printf(r->arena, "col_%s", f->field));
        if (!v) continue;
        if (!columns) columns = json_object();
        if (!str_blank(v)) json_object_set_new(columns, f->field, json_string(v));
    }
    return columns;
}

/* The outcome of a file that was read. */
static json_t *result_json(const struct complaint_import_result *res)
{
    return jpack("{si si si si sO sO sO sO ss ss}", "rows", res->rows, "imported", res->imported,
                 "skipped", res->skipped, "refused", res->refused, "saved", res->saved,
                 "duplicates", res->duplicates, "problems", res->problems, "columns", res->columns,
                 "line", res->line, "matter", res->matter);
}

/* Show the file's columns to map: on the page, and as error.details in JSON. */
static int ask_mapping(struct req *r, struct resp *w, const struct complaint_import_result *res,
                       int rc)
{
    json_object_set_new(w->data, "fields", field_rows(res->columns, res->headers, &r->err));
    jset_bool(w->data, "mapping_step", true);
    jset_int(w->data, "header_row", res->header_row);
    w->error_details = jpack("{si sO sO}", "header_row", res->header_row, "headers", res->headers,
                             "columns", res->columns);
    if (rc || !r->api) return rc;
    return err_set(&r->err, ERR_INVALID,
                   "请确认各项对应的列（col_external_no 等字段），然后与文件一起再次提交");
}

/* Answer what complaint_import returned. */
static int answer(struct req *r, struct resp *w, const struct complaint_import_result *res, int rc)
{
    if (!res->mapped && json_array_size(res->headers)) return ask_mapping(r, w, res, rc);
    if (rc) return rc;
    if (r->api) {
        json_decref(w->data);
        w->data = result_json(res);
        return 0;
    }
    json_t *saved = complaint_import_mapping(&r->ctx, &r->err); /* as saved just now */
    if (!saved) return r->err.code;
    json_decref(w->data);
    w->data = page_data(saved, res->line, res->matter);
    json_decref(saved);
    json_object_set_new(w->data, "result", result_json(res));
    return 0;
}

int complaint_import_form(struct req *r, struct resp *w)
{
    json_t *saved = complaint_import_mapping(&r->ctx, &r->err);
    if (!saved) return r->err.code;
    w->data = page_data(saved, NULL, NULL);
    json_decref(saved);
    page(w, "complaint/import.html", TITLE);
    return 0;
}

int complaint_import_submit(struct req *r, struct resp *w)
{
    page(w, "complaint/import.html", TITLE);
    json_t *saved = complaint_import_mapping(&r->ctx, &r->err);
    if (!saved) return r->err.code;
    struct complaint_import_options o = {
        .columns = columns_from(r), .line = req_param(r, "line"), .matter = req_param(r, "matter")};
    const char *remap = req_param(r, "remap");
    o.remap = remap && strcmp(remap, "1") == 0;
    w->data = page_data(saved, o.line, o.matter);
    json_decref(saved);
    int rc;
    if (!r->file || (!r->file_len && str_blank(r->file_name))) {
        rc = err_field(&r->err, "file", "请选择从12345平台导出的Excel（.xlsx）或CSV文件");
    } else {
        struct complaint_import_result res;
        rc = complaint_import(&r->ctx, r->file, r->file_len, r->file_name, &o, &res, &r->err);
        rc = answer(r, w, &res, rc);
        complaint_import_result_free(&res);
    }
    json_decref(o.columns);
    return rc;
}
