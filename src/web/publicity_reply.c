/* publicity_reply.c — the reviewers' pages of the replies to published results: the list of a
 * subtree's replies, pending first, each with its contact, and approving or rejecting one
 * (law/publicity_reply.h). */
#include "base/jpack.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/web.h"
#include "law/publicity_reply.h"
#include "law/role.h"

#include <string.h>

static const char *const tabs[][2] = {{"pending", "待审核"},
                                      {"approved", "已公开"},
                                      {"rejected", "未采纳"},
                                      {"all", "全部"},
                                      {NULL, NULL}};

/* The list of the state asked for (absent: pending; all: every state) into w; 0 or an error. */
static int list_page(struct req *r, struct resp *w)
{
    const char *state = req_query(r, "state");
    if (!state) state = "pending";
    json_t *o = publicity_reply_list(&r->ctx, strcmp(state, "all") == 0 ? NULL : state,
                                     (int)req_int(r, "page", 1, 1, 100000),
                                     (int)req_int(r, "per_page", 20, 1, 200), &r->err);
    if (!o) return r->err.code ? r->err.code : ERR_INTERNAL;
    w->data = o;
    page(w, "publicity_reply/list.html", "对公示结果的回应");
    if (r->api) return 0;
    page_links(r, o);
    json_t *t = json_array();
    for (int i = 0; tabs[i][0]; i++)
        json_array_append_new(t, jpack("{ss ss sb}", "code", tabs[i][0], "label", tabs[i][1],
                                       "active", strcmp(tabs[i][0], state) == 0));
    json_object_set_new(o, "tabs", t);
    jset_bool(o, "done", req_query(r, "done") != NULL);
    return 0;
}

static int reply_index(struct req *r, struct resp *w)
{
    return list_page(r, w);
}

/* Mark the row of reply id, whose decision was refused: its form shows the messages. */
static void mark_failed(json_t *list, int64_t id)
{
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(list, "rows"), i, row)
    {
        jset_bool(row, "failed", jget_int(row, "id") == id);
    }
}

/* Approve or reject; a refused decision shows the pending list again with its message. */
static int decide(struct req *r, struct resp *w, bool approve)
{
    int64_t id = req_id(r, 0);
    int rc = publicity_reply_decide(&r->ctx, id, approve, req_param(r, "note"), &r->err);
    if (rc) {
        if (!r->api && rc != ERR_NOTFOUND) {
            struct err saved = r->err;
            err_clear(&r->err);
            if (list_page(r, w) == 0) mark_failed(w->data, id);
            r->err = saved;
        }
        return rc;
    }
    w->data = jpack("{sI ss}", "id", (json_int_t)id, "state", approve ? "approved" : "rejected");
    w->redirect = "/publicity/replies?done=1";
    return 0;
}

static int reply_approve(struct req *r, struct resp *w)
{
    return decide(r, w, true);
}

static int reply_reject(struct req *r, struct resp *w)
{
    return decide(r, w, false);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/publicity/replies", PERM_PUBLICITY_REVIEW, ROUTE_BOTH, reply_index,
     "replies to published results in the reviewer's subtree (state: pending, approved,"
     " rejected, all), with their contacts"},
    {"POST", "/publicity/replies/{id}/approve", PERM_PUBLICITY_REVIEW, ROUTE_BOTH, reply_approve,
     "approve a pending reply: it is shown beside its result"},
    {"POST", "/publicity/replies/{id}/reject", PERM_PUBLICITY_REVIEW, ROUTE_BOTH, reply_reject,
     "reject a pending reply, with the reason (note)"},
};

/* reached from the publicity queue (/publicity), not from the menu */
const struct area area_replies = {
    "publicity_replies", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
