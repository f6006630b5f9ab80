/* audit.c — browsing and checking the audit trail (操作日志). */
#include "base/jpack.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/audit.h"

int audit_index(struct req *r, struct resp *w)
{
    struct audit_query q = {.q = req_query(r, "q"),
                            .object_type = req_query(r, "object_type"),
                            .object_id = req_int(r, "object_id", 0, 0, INT64_MAX),
                            .before_id = req_int(r, "before", 0, 0, INT64_MAX),
                            .limit = (int)req_int(r, "limit", 50, 1, 500)};
    bool more = false;
    json_t *rows = audit_list(&r->ctx, &q, &more, &r->err);
    if (!rows) return r->err.code ? r->err.code : ERR_INTERNAL;
    page_local_times(rows);
    w->data = jpack("{so sb}", "rows", rows, "more", more);
    if (more) {
        json_int_t last = json_integer_value(
            json_object_get(json_array_get(rows, json_array_size(rows) - 1), "id"));
        struct buf b = {0};
        buf_addf(&b, "/audit?before=%lld&q=", (long long)last);
        buf_add_urlenc(&b, q.q ? q.q : "");
        json_object_set_new(w->data, "next_url", json_string(buf_str(&b)));
        buf_free(&b);
    }
    json_object_set_new(w->data, "q", json_string(q.q ? q.q : ""));
    page(w, "audit/list.html", "操作日志");
    return 0;
}

int audit_check(struct req *r, struct resp *w)
{
    struct audit_check check;
    int rc = audit_verify(r->ctx.db, &check, &r->err);
    if (rc) return rc;
    w->data = jpack("{sI sb sI ss}", "rows", (json_int_t)check.rows, "intact", check.broken_id == 0,
                    "broken_id", (json_int_t)check.broken_id, "reason", check.reason);
    json_t *archives = audit_verify_archives(r->ctx.db, &r->err);
    if (!archives) return r->err.code ? r->err.code : ERR_INTERNAL;
    json_object_set_new(w->data, "has_archives", json_boolean(json_array_size(archives) > 0));
    json_object_set_new(w->data, "archives", archives);
    page(w, "audit/verify.html", "校验操作日志");
    return 0;
}
