/* export.c — spreadsheet downloads. */
#include "web/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read a whole file into b; 0 or -1. */
static int slurp(const char *path, struct buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(b, chunk, n);
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    return rc;
}

int export_serve(struct req *r, struct resp *w, const char *name,
                 int (*writer)(struct ctx *c, const char *path, struct err *e))
{
    const char *format = req_query(r, "format");
    bool csv = format && strcmp(format, "csv") == 0;
    if (format && !csv && strcmp(format, "xlsx") != 0)
        return err_set(&r->err, ERR_BADREQ, "导出格式应为 xlsx 或 csv");
    char dir[] = "/tmp/landun-export-XXXXXX";
    if (!mkdtemp(dir)) return err_set(&r->err, ERR_INTERNAL, "无法创建临时文件");
    const char *path = arena_printf(r->arena, "%s/export.%s", dir, csv ? "csv" : "xlsx");
    int rc = writer(&r->ctx, path, &r->err);
    if (!rc && slurp(path, &w->body)) rc = err_set(&r->err, ERR_INTERNAL, "无法读取导出文件");
    unlink(path);
    rmdir(dir);
    if (rc) {
        buf_free(&w->body);
        return rc;
    }
    w->content_type = csv ? "text/csv; charset=utf-8"
                          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    struct buf cd = {0};
    buf_addf(&cd, "attachment; filename=\"export.%s\"; filename*=UTF-8''", csv ? "csv" : "xlsx");
    buf_add_urlenc(&cd, name);
    buf_addf(&cd, ".%s", csv ? "csv" : "xlsx");
    resp_header(w, "Content-Disposition", arena_strdup(r->arena, buf_str(&cd)));
    buf_free(&cd);
    return 0;
}
