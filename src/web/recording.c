/* recording.c — whole-process recordings on the web (law/recording.h, docs/evidence.md):
 * attaching a finished upload to its record (POST /api/v1/recordings), a record's recordings
 * (GET /api/v1/cases/{id}/recordings, also complaints and inspections), one recording's page and
 * its file with Range requests (GET /recordings/{id}, /recordings/{id}/file), a photo's
 * thumbnail (GET /recordings/{id}/thumb), and the recordings
 * section of the inspection, complaint and case pages (templates/recording/section.html). */
#include "base/jpack.h"
#include "base/range.h"
#include "law/recording.h"
#include "law/role.h"
#include "web/area.h"
#include "web/pages.h"
#include "web/web.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* POST /api/v1/recordings */
static int recording_create(struct req *r, struct resp *w)
{
    struct recording_in in = {
        .upload = req_param(r, "upload"),
        .object_type = req_param(r, "object_type"),
        .object_id = req_int(r, "object_id", 0, 1, INT64_MAX),
        .part = req_param(r, "part"),
        .officer_id = req_int(r, "officer_id", 0, 1, INT64_MAX),
        .device_id = req_int(r, "device_id", 0, 1, INT64_MAX),
        .taken_at = req_param(r, "taken_at"),
        .place = req_param(r, "place"),
        .description = req_param(r, "description"),
        .file_name = req_param(r, "file_name"),
    };
    if (r->bad_param) return ERR_BADREQ;
    int64_t id;
    int rc = recording_add(&r->ctx, &in, &id, &r->err);
    if (rc) return rc;
    w->data = recording_get(&r->ctx, id, &r->err);
    w->status = 201;
    return w->data ? 0 : r->err.code;
}

/* GET /api/v1/{cases|complaints|inspections}/{id}/recordings: the route's data names the kind. */
static int recording_index(struct req *r, struct resp *w)
{
    json_t *list = recording_list(&r->ctx, r->route->data, req_id(r, 0), &r->err);
    if (!list) return r->err.code;
    w->data = jpack("{so}", "items", list);
    return 0;
}

static const char *record_href(struct req *r, json_t *o)
{
    const char *type = jget_text(o, "object_type");
    const char *base = strcmp(type, "case") == 0        ? "/cases"
                       : strcmp(type, "complaint") == 0 ? "/complaints"
                                                        : "/inspections";
    return arena_printf(r->arena, "%s/%" PRId64, base, jget_int(o, "object_id"));
}

/* GET /recordings/{id} */
static int recording_show(struct req *r, struct resp *w)
{
    json_t *o = recording_get(&r->ctx, req_id(r, 0), &r->err);
    if (!o) return r->err.code;
    w->data = o;
    page(w, "recording/show.html", "执法记录");
    if (r->api) return 0;
    jset_text(o, "record_href", record_href(r, o));
    jset_bool(o, arena_printf(r->arena, "is_%s", jget_text(o, "media")), true);
    return 0;
}

/* A filename for Content-Disposition: RFC 5987 (UTF-8, percent-encoded). */
static const char *disposition(struct req *r, const struct recording_file *f, bool download)
{
    struct buf b = {0};
    buf_adds(&b, download ? "attachment" : "inline");
    buf_adds(&b, "; filename*=UTF-8''");
    buf_add_urlenc(&b, f->file_name);
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* GET /recordings/{id}/file: the bytes, whole or one range; ?download=1 as an attachment. */
static int recording_download(struct req *r, struct resp *w)
{
    struct recording_file f;
    int rc = recording_file(&r->ctx, req_id(r, 0), &f, &r->err);
    if (rc) return rc;
    int fd = open(f.path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_set(&r->err, ERR_NOTFOUND, "执法记录的文件缺失，请联系管理员核查");
    const char *etag = arena_printf(r->arena, "\"%s\"", f.sha256);
    resp_header(w, "ETag", etag);
    resp_header(w, "Accept-Ranges", "bytes");
    resp_header(w, "Cache-Control", "private, max-age=86400");
    resp_header(w, "Content-Disposition", disposition(r, &f, req_query(r, "download") != NULL));
    w->content_type = f.content_type;
    if (r->if_none_match && strcmp(r->if_none_match, etag) == 0) {
        close(fd);
        w->status = 304;
        return 0;
    }
    int64_t from = 0, to = f.size - 1;
    enum range_result range = range_parse(r->range, f.size, &from, &to);
    if (range == RANGE_UNSATISFIABLE) {
        close(fd);
        resp_header(w, "Content-Range", arena_printf(r->arena, "bytes */%" PRId64, f.size));
        w->status = 416;
        return 0;
    }
    if (range == RANGE_PART) {
        w->status = 206;
        resp_header(
            w, "Content-Range",
            arena_printf(r->arena, "bytes %" PRId64 "-%" PRId64 "/%" PRId64, from, to, f.size));
    }
    w->fd = fd;
    w->fd_offset = from;
    w->fd_len = to - from + 1;
    if (w->fd_len <= 0) close(fd); /* an empty file: an empty body */
    return 0;
}

/* GET /recordings/{id}/thumb: a photo's thumbnail (made on the first request), under the same
 * scope as the file; 404 for a recording without one (the page then shows its media's label). */
static int recording_thumb_file(struct req *r, struct resp *w)
{
    struct recording_thumb t;
    int rc = recording_thumb(&r->ctx, req_id(r, 0), &t, &r->err);
    if (rc) return rc;
    resp_header(w, "ETag", arena_strdup(r->arena, t.etag));
    resp_header(w, "Cache-Control", "private, max-age=86400");
    w->content_type = "image/jpeg";
    if (r->if_none_match && strcmp(r->if_none_match, t.etag) == 0) {
        w->status = 304;
        return 0;
    }
    int fd = open(t.path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_set(&r->err, ERR_INTERNAL, "缩略图无法读取，请稍后重试");
    w->fd = fd;
    w->fd_offset = 0;
    w->fd_len = t.size;
    if (w->fd_len <= 0) close(fd);
    return 0;
}

/* ---- the section on a record's page ---------------------------------------------------------- */

void recording_page(struct req *r, json_t *o, const char *object_type)
{
    int64_t id = jget_int(o, "id");
    struct err e = {0};
    json_t *list = recording_list(&r->ctx, object_type, id, &e);
    json_object_set_new(o, "recordings", list ? list : json_array());
    if (!recording_may_attach(&r->ctx, object_type, id)) return;
    json_t *parts = recording_parts(&r->ctx, object_type, id, &e);
    if (!parts) return;
    json_t *f = jpack("{ss sI so}", "object_type", object_type, "object_id", (json_int_t)id,
                      "parts", parts);
    json_t *officers = recording_officers(&r->ctx, object_type, id, &e);
    json_object_set_new(f, "officers", officers ? officers : json_array());
    char now[INSTANT_STRLEN];
    instant_format(r->ctx.now, now);
    jset_text(f, "now", arena_printf(r->arena, "%.10sT%.5s", now, now + 11));
    json_object_set_new(o, "recording_form", f);
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"POST", "/recordings", PERM_LOGIN, ROUTE_API, recording_create,
     "attach a finished upload as a recording (upload, object_type inspection|complaint|case,"
     " object_id, part, officer_id, device_id, taken_at YYYY-MM-DD HH:MM, place, description,"
     " file_name)"},
    {"GET", "/cases/{id}/recordings", PERM_CASE_READ, ROUTE_API, recording_index,
     "the recordings of a case", "case"},
    {"GET", "/complaints/{id}/recordings", PERM_COMPLAINT_READ, ROUTE_API, recording_index,
     "the recordings of a complaint", "complaint"},
    {"GET", "/inspections/{id}/recordings", PERM_INSPECTION_READ, ROUTE_API, recording_index,
     "the recordings of an inspection", "inspection"},
    {"GET", "/recordings/{id}", PERM_LOGIN, ROUTE_BOTH, recording_show,
     "one recording: who, when, where, with which device, its SHA-256 and ledger place"},
    {"GET", "/recordings/{id}/file", PERM_LOGIN, ROUTE_BOTH, recording_download,
     "a recording's file (Range requests; download=1 as an attachment)"},
    {"GET", "/recordings/{id}/thumb", PERM_LOGIN, ROUTE_BOTH, recording_thumb_file,
     "a photo recording's thumbnail: a JPEG of at most 320 pixels a side (404 for other media)"},
    {"GET", "/recordings/figures", PERM_CASE_READ, ROUTE_BOTH, recording_figures_page,
     "how much was recorded in a period (from, to, agency): inspections and penalty cases with a"
     " recording and without, the key steps of the cases (现场笔录, 询问笔录, 送达, 听证) with a"
     " recording attached and without, the recordings by media"},
    {"GET", "/recordings/coverage/list", PERM_CASE_READ, ROUTE_BOTH, recording_coverage_page,
     "the records behind a figure (what inspection|case|site|inquiry|service|hearing|recording,"
     " from, to, agency, at, line, recorded 1|0, media, page, per_page)"},
};

const struct area area_recordings = {"recordings", routes, countof(routes), NULL, NULL, NULL,
                                     NULL,         NULL};
