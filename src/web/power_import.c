/* power_import.c — importing the power list from a spreadsheet in the browser or through the API
 * (multipart/form-data with a field "file"; preview=1 checks without saving), and exporting it.
 * A clean preview carries the file on in its page (base64 in a hidden field), so that importing
 * it needs no second upload; the bytes are checked again in full either way. */
#include "base/crypto.h"
#include "base/jpack.h"
#include "docs/power_export.h"
#include "law/power_import.h"
#include "web/export.h"
#include "web/pages.h"
#include "web/web.h"

#include <stdlib.h>
#include <string.h>

#define TITLE "导入权责清单"

/* The page's data: the columns (required ones marked). */
static json_t *page_data(void)
{
    json_t *cols = json_array();
    for (int i = 0; power_columns[i].field; i++)
        json_array_append_new(cols, jpack("{ss sb}", "title", power_columns[i].title, "required",
                                          power_columns[i].required));
    return jpack("{so}", "columns", cols);
}

int power_import_form(struct req *r, struct resp *w)
{
    (void)r;
    w->data = page_data();
    page(w, "power/import.html", TITLE);
    return 0;
}

/* What the import came to, as the page and the API show it. */
static json_t *result_json(const struct power_import_result *res, bool preview)
{
    return jpack("{sb sb si si si si si si si sO sO}", "preview", preview, "saved", res->saved,
                 "rows", res->rows, "items_added", res->items_added, "items_changed",
                 res->items_changed, "items_same", res->items_same, "versions_added",
                 res->versions_added, "versions_changed", res->versions_changed, "versions_same",
                 res->versions_same, "problems", res->problems, "items", res->items);
}

/* The file: uploaded, or carried on from a clean preview (content, base64, and filename). *owned
 * is what the caller frees. */
static int file_of(struct req *r, const char **data, size_t *len, const char **name, char **owned)
{
    *owned = NULL;
    if (r->file && (r->file_len || !str_blank(r->file_name))) {
        *data = r->file, *len = r->file_len, *name = r->file_name;
        return 0;
    }
    const char *content = req_param(r, "content");
    if (str_blank(content))
        return err_field(&r->err, "file", "请选择要导入的 Excel（.xlsx）或 CSV 文件");
    if (base64_decode(content, owned, len))
        return err_field(&r->err, "file", "文件内容有误，请重新选择文件");
    *data = *owned;
    *name = req_param(r, "filename");
    return 0;
}

int power_import_submit(struct req *r, struct resp *w)
{
    w->data = page_data();
    page(w, "power/import.html", TITLE);
    const char *data = NULL, *name = NULL, *p = req_param(r, "preview");
    char *owned = NULL;
    size_t len = 0;
    int rc = file_of(r, &data, &len, &name, &owned);
    if (rc) return rc;
    struct power_import_options o = {.preview = p && strcmp(p, "1") == 0};
    struct power_import_result res;
    rc = power_import(&r->ctx, data, len, name, &o, &res, &r->err);
    json_t *result = result_json(&res, o.preview);
    power_import_result_free(&res);
    if (!rc && o.preview && !r->api) { /* the import button carries the file on */
        char *b64 = base64_encode(data, len);
        jset_text(w->data, "content", b64);
        jset_text(w->data, "filename", name ? name : "");
        free(b64);
    }
    free(owned);
    if (rc) w->error_details = json_incref(result); /* the rows' problems, in JSON too */
    if (r->api && !rc) {
        json_decref(w->data);
        w->data = result;
        return 0;
    }
    json_object_set_new(w->data, "result", result);
    return rc;
}

int power_export(struct req *r, struct resp *w)
{
    return export_serve(r, w, "权责清单", export_power);
}
