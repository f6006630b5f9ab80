/* entity_public.c — an entity's public page (单位公示页) with the right to reply beside each
 * published result, the QR code of its address and the printable 公示牌 (law/entity_public.h,
 * law/publicity_reply.h; docs/publicity.md). The page answers the same data as HTML and JSON; the
 * reply forms are the HTML face's only. */
#include "base/jpack.h"
#include "docs/qr.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/public_url.h"
#include "web/web.h"
#include "law/complaint.h"
#include "law/entity_public.h"
#include "law/publicity_reply.h"
#include "law/role.h"

#include <string.h>

/* The fields of the reply form, kept when it is shown again. */
struct reply_form {
    int64_t item_id;
    const struct reply_input *in; /* what was sent, or NULL: every form empty */
};

/* A reply form beside each result the public may reply to; the one of f->item_id with what was
 * sent and its messages (failed). */
static void add_reply_forms(json_t *o, const struct reply_form *f)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(o, "items"), i, item)
    {
        if (!json_is_true(json_object_get(item, "can_reply"))) continue;
        int64_t id = jget_int(item, "id");
        /* every member set, so that none is looked up in the page around the form */
        bool failed = f && f->in && f->item_id == id;
        const struct reply_input *in = failed ? f->in : &(struct reply_input){0};
        json_t *form = jpack("{sI ss ss ss sb}", "item_id", (json_int_t)id, "body",
                             in->body ? in->body : "", "name", in->name ? in->name : "", "phone",
                             in->phone ? in->phone : "", "failed", failed);
        json_object_set_new(item, "reply_form", form);
    }
}

/* The page of entity id; NULL with r->err set. */
static json_t *entity_page(struct req *r, int64_t id, const struct reply_form *f)
{
    json_t *o = entity_public_get(&r->ctx, id, &r->err);
    if (!o || r->api) return o;
    add_reply_forms(o, f);
    return o;
}

static int public_entity_show(struct req *r, struct resp *w)
{
    json_t *o = entity_page(r, req_id(r, 0), NULL);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "entity_public/show.html", jget_text(o, "name"));
    if (!r->api) jset_bool(o, "replied", req_query(r, "replied") != NULL);
    return 0;
}

/* The entity page again with the refused reply form of item_id (HTML), answering r->err. */
static int reply_again(struct req *r, struct resp *w, int64_t entity_id,
                       const struct reply_input *in)
{
    int rc = r->err.code;
    if (r->api) return rc;
    struct err saved = r->err;
    err_clear(&r->err);
    int64_t item_id = 0;
    parse_i64(in->item_id, &item_id);
    json_t *o = entity_page(r, entity_id, &(struct reply_form){item_id, in});
    r->err = saved;
    if (o) {
        w->data = o;
        page(w, "entity_public/show.html", jget_text(o, "name"));
    }
    return rc;
}

/* [R-PUB-22] A reply to a published result: checked, counted against the address's daily
 * submissions (public.submissions_per_day, shared with the complaint form), kept pending. */
static int public_reply_create(struct req *r, struct resp *w)
{
    struct reply_input in = {.item_id = req_param(r, "item_id"),
                             .body = req_param(r, "body"),
                             .name = req_param(r, "name"),
                             .phone = req_param(r, "phone"),
                             .ip = r->ip};
    int64_t entity_id = 0, id = 0;
    if (publicity_reply_target(&r->ctx, in.item_id, &entity_id, &r->err)) return r->err.code;
    if (publicity_reply_check(&in, &r->err)) return reply_again(r, w, entity_id, &in);
    int ok = complaint_public_quota(&r->ctx, r->ip ? r->ip : "",
                                    &r->err); /* a refused form costs none */
    if (ok < 0) return ok;
    if (!ok) {
        err_set(&r->err, ERR_LOCKED, "同一网络地址今日提交的次数已达上限，请明日再提交");
        return reply_again(r, w, entity_id, &in);
    }
    if (publicity_reply_add(&r->ctx, &in, &id, &r->err)) return reply_again(r, w, entity_id, &in);
    w->status = 201;
    w->data = jpack("{sI ss}", "id", (json_int_t)id, "state", "pending");
    w->redirect = arena_printf(r->arena, "/public/entities/%lld?replied=1#item-%s",
                               (long long)entity_id, in.item_id);
    return 0;
}

/* The QR code of the entity page's address. */
static int public_entity_qr(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = entity_public_get(&r->ctx, id, &r->err);
    if (!o) return r->err.code;
    json_decref(o);
    const char *url =
        public_url_of(r->arena, arena_printf(r->arena, "/public/entities/%lld", (long long)id));
    if (!url)
        return err_set(&r->err, ERR_NOTFOUND,
                       "未配置公开网站地址（landun serve --public-url），不能生成二维码");
    int rc = qr_svg(url, &w->body, &r->err);
    if (rc) return rc;
    w->content_type = "image/svg+xml";
    resp_header(w, "Cache-Control", "public, max-age=86400");
    return 0;
}

/* The printable 公示牌: agency, name, licences, the QR code and what it opens. */
static int public_entity_sign(struct req *r, struct resp *w)
{
    int64_t id = req_id(r, 0);
    json_t *o = entity_public_get(&r->ctx, id, &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "entity_public/sign.html", "公示牌");
    const char *url =
        public_url_of(r->arena, arena_printf(r->arena, "/public/entities/%lld", (long long)id));
    if (url) jset_text(o, "url", url);
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/public/entities/{id}", PERM_PUBLIC, ROUTE_BOTH, public_entity_show,
     "an entity's public page: registration, licences, published results with the approved"
     " replies (no login; a natural person's information masked)"},
    {"GET", "/public/entities/{id}/qr.svg", PERM_PUBLIC, ROUTE_HTML, public_entity_qr,
     "the QR code (SVG) of the entity page's address (needs serve --public-url)"},
    {"GET", "/public/entities/{id}/sign", PERM_PUBLIC, ROUTE_HTML, public_entity_sign,
     "the printable 公示牌 of an entity, with its QR code"},
    {"POST", "/public/replies", PERM_PUBLIC, ROUTE_BOTH, public_reply_create,
     "reply to a published result (no login; item_id, body, name, phone; rate-limited per"
     " address): kept pending until a reviewer approves it"},
};

const struct area area_entity_page = {
    "entity_public", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
