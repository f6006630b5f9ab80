/* paging.c — one page of a list (see paging.h). */
#include "law/paging.h"
#include "base/jpack.h"

struct paging paging_of(int page, int per_page, int default_per)
{
    return (struct paging){.page = page > 0 ? page : 1,
                           .per = per_page > 0 && per_page <= PAGING_MAX ? per_page : default_per};
}

int64_t paging_limit(struct paging p)
{
    return (int64_t)p.per + 1;
}

int64_t paging_offset(struct paging p)
{
    return (int64_t)(p.page - 1) * p.per;
}

json_t *paging_result(json_t *rows, bool more, struct paging p, struct err *e)
{
    if (e->code) {
        json_decref(rows);
        return NULL;
    }
    return jpack("{so sb si si}", "rows", rows, "more", more, "page", p.page, "per_page", p.per);
}

json_t *paging_read(struct db_stmt *st, struct paging p, paging_row_fn *row, void *arg,
                    struct err *e)
{
    if (!st) return NULL;
    json_t *rows = json_array();
    int n = 0;
    bool more = false;
    while (db_step(st, e) == DB_ROW) {
        if (++n > p.per) {
            more = true;
            break;
        }
        json_t *o = row(arg, st, e);
        if (!o) {
            if (!e->code) err_set(e, ERR_INTERNAL, "读取列表失败");
            break;
        }
        json_array_append_new(rows, o);
    }
    db_done(st);
    return paging_result(rows, more, p, e);
}

json_t *paging_total(json_t *page, struct db *db, const char *count_sql, bool capped,
                     const struct db_cond *w, struct err *e)
{
    if (!page) return NULL;
    json_int_t n = (json_int_t)json_array_size(json_object_get(page, "rows"));
    if (json_integer_value(json_object_get(page, "page")) > 1 ||
        json_is_true(json_object_get(page, "more"))) {
        if (!count_sql) return page;
        struct db_cond k = *w; /* the same conditions and arguments, and the cap */
        if (capped) db_cond_bind(&k, "i", (int64_t)PAGING_COUNT_CAP + 1);
        int64_t counted = 0;
        struct db_stmt *st = db_cond_query(db, e, count_sql, &k);
        int rc = st ? db_step(st, e) : e->code;
        if (rc == DB_ROW) counted = db_int(st, 0);
        db_done(st);
        if (rc != DB_ROW) {
            if (!e->code) err_set(e, ERR_INTERNAL, "统计列表总数失败");
            json_decref(page);
            return NULL;
        }
        n = (json_int_t)counted;
    }
    bool over = capped && n > PAGING_COUNT_CAP;
    json_object_set_new(page, "total", json_integer(over ? PAGING_COUNT_CAP : n));
    if (over) json_object_set_new(page, "total_over", json_true());
    return page;
}
