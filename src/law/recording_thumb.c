/* recording_thumb.c — the thumbnail of a photo recording (law/recording.h, docs/evidence.md):
 * made from the kept file on its first request and kept in the evidence store's derived area
 * thumbs/ as <sha256>-<px>.jpg. Derived data: not in the ledger, not verified, not backed up;
 * deleting thumbs/ only means the next requests make them again. */
#include "law/recording.h"
#include "base/log.h"
#include "docs/thumb.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define THUMB_AREA "thumbs" /* the store's directory of thumbnails */

/* Make the thumbnail of f and keep it under name; 0, or ERR_NOTFOUND when f has none (not a
 * JPEG or PNG, or not decodable: the message says which), ERR_NOSPACE or ERR_INTERNAL. */
static int thumb_keep(struct ctx *c, const struct recording_file *f, const char *name,
                      struct err *e)
{
    struct buf jpeg = {0};
    int rc = thumb_make(f->path, f->content_type, THUMB_PX, &jpeg, e);
    if (rc == THUMB_UNSUPPORTED)
        rc = err_set(e, ERR_NOTFOUND, "该执法记录没有缩略图（仅为 JPEG、PNG 照片生成）");
    else if (rc == ERR_INVALID) {
        log_warn("recording thumbnail of %s: %s", f->sha256, e->msg);
        e->code = rc =
            ERR_NOTFOUND; /* an undecodable photo has no thumbnail; the page shows its icon */
    }
    struct blob_writer *w = NULL;
    if (!rc) rc = blob_begin(c->blobs, &w, e);
    if (!rc) rc = blob_write(w, jpeg.p, jpeg.len, e);
    if (!rc) {
        rc = blob_commit_derived(w, THUMB_AREA, name, e);
        w = NULL;
    }
    blob_abort(w);
    buf_free(&jpeg);
    return rc;
}

int recording_thumb(struct ctx *c, int64_t id, struct recording_thumb *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct recording_file f;
    int rc = recording_file(c, id, &f, e);
    if (rc) return rc;
    char name[BLOB_HEX + 16];
    snprintf(name, sizeof name, "%s-%d.jpg", f.sha256, THUMB_PX);
    snprintf(out->etag, sizeof out->etag, "\"%s-%d\"", f.sha256, THUMB_PX);
    rc = blob_derived_path(c->blobs, THUMB_AREA, name, out->path, sizeof out->path, e);
    struct stat st;
    if (!rc && stat(out->path, &st) != 0) rc = thumb_keep(c, &f, name, e);
    if (!rc && stat(out->path, &st) != 0) rc = err_set(e, ERR_INTERNAL, "缩略图保存后无法读取");
    if (!rc) out->size = (int64_t)st.st_size;
    return rc;
}
