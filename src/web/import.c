/* import.c — uploading a registry spreadsheet (CSV in UTF-8 or GBK, or XLSX) in the browser or
 * through the API (multipart/form-data with a field "file"; "skip_invalid=1" keeps good rows). */
#include "web/pages.h"
#include "web/web.h"
#include "base/jpack.h"
#include "law/import.h"

#include <string.h>

/* What differs between the two registries. */
struct registry {
    const char *label;  /* 管理相对人 / 执法人员 */
    const char *action; /* form target */
    const char *back;   /* list page */
    int (*run)(struct ctx *, const char *, size_t, const char *, bool, void (*)(int),
               struct import_result *, struct err *);
    const struct sheet_column *cols;
};

static const struct registry entities = {"管理相对人", "/entities/import", "/entities",
                                         import_entities, entity_columns};
static const struct registry officers = {"执法人员", "/officers/import", "/officers",
                                         import_officers, officer_columns};

/* The page's data: which registry, and the column titles (required ones marked). */
static json_t *page_data(const struct registry *g)
{
    json_t *cols = json_array();
    for (int i = 0; g->cols[i].field; i++)
        json_array_append_new(
            cols, jpack("{ss sb}", "title", g->cols[i].title, "required", g->cols[i].required));
    return jpack("{ss ss ss so}", "label", g->label, "action", g->action, "back", g->back,
                 "columns", cols);
}

static int show_form(struct resp *w, const struct registry *g)
{
    w->data = page_data(g);
    page(w, "import.html", "导入");
    return 0;
}

static int submit(struct req *r, struct resp *w, const struct registry *g)
{
    w->data = page_data(g);
    page(w, "import.html", "导入");
    if (!r->file || !r->file_len)
        return err_field(&r->err, "file", "请选择要导入的 Excel（.xlsx）或 CSV 文件");
    const char *skip = req_param(r, "skip_invalid");
    bool skip_invalid = skip && strcmp(skip, "1") == 0;
    struct import_result res = {0};
    int rc = g->run(&r->ctx, r->file, r->file_len, r->file_name, skip_invalid, NULL, &res, &r->err);
    json_object_set_new(w->data, "result",
                        jpack("{si si si so sb}", "rows", res.rows, "imported",
                              rc ? 0 : res.imported, "bad", res.bad, "problems", res.problems,
                              "saved", rc == 0));
    if (rc) {
        /* The rows' problems go with the error: on the page, and as error.details in JSON. */
        w->error_details = json_incref(json_object_get(w->data, "result"));
        return rc;
    }
    if (r->api) {
        json_t *result = json_incref(json_object_get(w->data, "result"));
        json_decref(w->data);
        w->data = result;
    }
    return 0;
}

int entity_import_form(struct req *r, struct resp *w)
{
    (void)r;
    return show_form(w, &entities);
}

int entity_import(struct req *r, struct resp *w)
{
    return submit(r, w, &entities);
}

int officer_import_form(struct req *r, struct resp *w)
{
    (void)r;
    return show_form(w, &officers);
}

int officer_import(struct req *r, struct resp *w)
{
    return submit(r, w, &officers);
}
