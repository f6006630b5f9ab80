/* upload.c — resumable uploads of recordings over HTTP: the tus protocol 1.0.0 (core, creation
 * and termination; docs/evidence.md) under /api/v1/uploads.
 *
 *   POST   /api/v1/uploads        Upload-Length, Upload-Metadata → 201, Location
 *   HEAD   /api/v1/uploads/{id}   → Upload-Offset, Upload-Length
 *   PATCH  /api/v1/uploads/{id}   Upload-Offset, application/offset+octet-stream → 204
 *   DELETE /api/v1/uploads/{id}   → 204
 *
 * The server streams a PATCH's body into the store as it arrives (web_upload_stream_*, called by
 * web/server.c), whatever its size; the handler below serves the same request when the body was
 * read whole (in-process tests, a small chunk). */
#include "web/upload.h"
#include "base/jpack.h"
#include "law/recording.h"
#include "web/area.h"
#include "web/web.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TUS_VERSION "1.0.0"

static void tus_headers(struct req *r, struct resp *w, const struct recording_upload *u)
{
    resp_header(w, "Tus-Resumable", TUS_VERSION);
    resp_header(w, "Cache-Control", "no-store");
    if (!u) return;
    resp_header(w, "Upload-Offset", arena_printf(r->arena, "%" PRId64, u->offset));
    resp_header(w, "Upload-Length", arena_printf(r->arena, "%" PRId64, u->length));
}

/* A header's non-negative integer, or -1 when absent or malformed. */
static int64_t header_int(const char *v)
{
    int64_t n;
    if (!v || !*v || strspn(v, "0123456789") != strlen(v) || parse_i64(v, &n)) return -1;
    return n;
}

int upload_metadata_value(struct arena *a, const char *meta, const char *key, const char **out)
{
    *out = NULL;
    size_t klen = strlen(key);
    for (const char *p = meta; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ",");
        size_t name = strcspn(p, " ,");
        if (name == klen && strncmp(p, key, klen) == 0) {
            const char *v = p + name;
            while (*v == ' ')
                v++;
            size_t vlen = (size_t)(p + len - v);
            char *dec = arena_alloc(a, vlen + 1);
            size_t n = 0;
            if (sodium_base642bin((unsigned char *)dec, vlen, v, vlen, NULL, &n, NULL,
                                  sodium_base64_VARIANT_ORIGINAL) != 0 ||
                !utf8_valid_text(dec, n))
                return -1;
            dec[n] = 0;
            *out = dec;
            return 0;
        }
        p += len;
    }
    return 0;
}

/* POST /api/v1/uploads: Upload-Length (or JSON {"length","file_name"}). */
static int upload_create(struct req *r, struct resp *w)
{
    int64_t length = header_int(r->upload_length);
    const char *name = req_param(r, "file_name");
    if (length < 0 && req_param(r, "length")) length = req_int(r, "length", -1, 0, INT64_MAX);
    if (r->upload_metadata &&
        upload_metadata_value(r->arena, r->upload_metadata, "filename", &name))
        return err_set(&r->err, ERR_BADREQ, "Upload-Metadata 无效（应为 键 base64值 的列表）");
    char id[BLOB_ID_HEX];
    int rc = recording_upload_new(&r->ctx, length < 0 ? 0 : length, name, id, &r->err);
    if (rc) return rc;
    const char *url = arena_printf(r->arena, "/api/v1/uploads/%s", id);
    resp_header(w, "Location", url);
    struct recording_upload u = {.length = length};
    tus_headers(r, w, &u);
    w->status = 201;
    w->data = jpack("{ss ss sI sI}", "id", id, "url", url, "offset", (json_int_t)0, "length",
                    (json_int_t)length);
    return 0;
}

/* HEAD/GET /api/v1/uploads/{id}: where to resume. */
static int upload_show(struct req *r, struct resp *w)
{
    struct recording_upload u;
    int rc = recording_upload_get(&r->ctx, r->args[0], &u, &r->err);
    if (rc) return rc;
    tus_headers(r, w, &u);
    w->data =
        jpack("{ss sI sI ss sb}", "id", u.id, "offset", (json_int_t)u.offset, "length",
              (json_int_t)u.length, "file_name", u.file_name, "complete", u.offset == u.length);
    return 0;
}

/* DELETE /api/v1/uploads/{id} */
static int upload_delete(struct req *r, struct resp *w)
{
    int rc = recording_upload_cancel(&r->ctx, r->args[0], &r->err);
    if (rc) return rc;
    tus_headers(r, w, NULL);
    w->status = 204;
    w->content_type = "text/plain";
    return 0;
}

/* ---- PATCH, streamed or whole --------------------------------------------------------------- */

struct upload_stream {
    struct blob_append *append;
    int64_t length; /* the upload's announced length */
    struct err err; /* the first failure of a write */
    bool too_long;  /* the body went past the announced length */
};

/* Open the upload of a PATCH for appending at its Upload-Offset: checks the owner, the content
 * type and the offset. 0, or an error in r->err. */
static int stream_open(struct req *r, struct upload_stream *s)
{
    struct recording_upload u;
    memset(s, 0, sizeof *s);
    if (!r->content_type || !str_prefix(r->content_type, "application/offset+octet-stream"))
        return err_set(&r->err, ERR_BADREQ,
                       "续传请求的内容类型应为 application/offset+octet-stream");
    int64_t offset = header_int(r->upload_offset);
    if (offset < 0) return err_set(&r->err, ERR_BADREQ, "续传请求缺少 Upload-Offset");
    int rc = recording_upload_get(&r->ctx, r->args[0], &u, &r->err);
    if (rc) return rc;
    s->length = u.length;
    return blob_partial_open(r->ctx.blobs, u.id, offset, &s->append, &r->err);
}

static void stream_write(struct upload_stream *s, const void *data, size_t len)
{
    if (s->err.code || s->too_long) return;
    if ((int64_t)len > s->length - blob_partial_written(s->append)) {
        s->too_long = true;
        return;
    }
    blob_partial_write(s->append, data, len, &s->err);
}

/* Save what arrived and answer: 204 with the new offset, or the failure. */
static int stream_close(struct req *r, struct resp *w, struct upload_stream *s)
{
    int64_t offset = 0;
    struct err ce = {0};
    int rc = blob_partial_close(s->append, &offset, &ce);
    s->append = NULL;
    if (s->err.code)
        rc = (r->err = s->err).code;
    else if (rc)
        r->err = ce;
    else if (s->too_long)
        rc = err_set(&r->err, ERR_TOOLARGE, "上传的内容超过了声明的文件大小（%" PRId64 " 字节）",
                     s->length);
    struct recording_upload u = {.offset = offset, .length = s->length};
    tus_headers(r, w, &u);
    if (rc) return rc;
    w->status = 204;
    w->content_type = "text/plain";
    return 0;
}

/* PATCH /api/v1/uploads/{id} with the body read whole. */
static int upload_patch(struct req *r, struct resp *w)
{
    struct upload_stream s;
    int rc = stream_open(r, &s);
    if (rc) return rc;
    stream_write(&s, r->raw, r->raw_len);
    return stream_close(r, w, &s);
}

bool web_upload_streams(const struct req *r)
{
    return strcmp(r->method, "PATCH") == 0 && r->api && str_prefix(r->path, "/uploads/");
}

int web_upload_stream_open(struct req *r, struct resp *w, struct upload_stream **out)
{
    *out = NULL;
    if (web_admit(r, w)) return -1;
    if (r->route->handler != upload_patch) return 0; /* not the upload route after all */
    struct upload_stream *s = xcalloc(1, sizeof *s);
    int rc = stream_open(r, s);
    if (rc) {
        free(s);
        web_error(r, w, rc);
        return -1;
    }
    *out = s;
    return 1;
}

void web_upload_stream_write(struct upload_stream *s, const void *data, size_t len)
{
    stream_write(s, data, len);
}

void web_upload_stream_close(struct upload_stream *s, struct req *r, struct resp *w)
{
    int rc = stream_close(r, w, s);
    free(s);
    if (rc) web_error(r, w, rc);
}

void web_upload_stream_abort(struct upload_stream *s)
{
    if (!s) return;
    struct err ignored = {0};
    blob_partial_close(s->append, NULL, &ignored); /* keeps what arrived: the client resumes */
    free(s);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"POST", "/uploads", PERM_LOGIN, ROUTE_API, upload_create,
     "start a resumable upload of a recording (tus creation: Upload-Length, Upload-Metadata"
     " filename; or JSON length, file_name) → 201 with Location"},
    {"GET", "/uploads/{id}", PERM_LOGIN, ROUTE_API, upload_show,
     "where an upload stands (tus HEAD: Upload-Offset, Upload-Length)"},
    {"PATCH", "/uploads/{id}", PERM_LOGIN, ROUTE_API, upload_patch,
     "append bytes at Upload-Offset (tus; Content-Type application/offset+octet-stream)"},
    {"DELETE", "/uploads/{id}", PERM_LOGIN, ROUTE_API, upload_delete,
     "drop an unfinished upload (tus termination)"},
};

const struct area area_uploads = {"uploads", routes, countof(routes), NULL, NULL, NULL, NULL, NULL};
